// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QVBoxLayout>

#include "core/filter/filterexpression.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "ui/alerts/alertbanner.h"
#include "ui/alerts/alertnotifier.h"
#include "ui/events/eventtablemodel.h"
#include "ui/events/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/settings/appsettings.h"
#include "ui/settings/settingsdialog.h"
#include "ui/shortcuts/shortcutsdialog.h"
#include "ui/sparkline/eventratemodel.h"
#include "ui/sparkline/sparklinewidget.h"
#include "ui/theme/theme.h"
#include "ui/tray/trayicon.h"
#include "ui/welcome/demodata.h"
#include "ui/welcome/welcomedialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

Q_DECLARE_METATYPE(WelcomeDialog::Choice)

// The keyboard shortcuts sheet: every menu action with a shortcut, searchable.
class tst_ShortcutsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shortcutsListMenuActions();
    void shortcutsSearch();
    void shortcutsOfTheMainWindow();

private:
    static QMainWindow *sampleWindow();
    QTemporaryDir m_dir;
};

void tst_ShortcutsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_shortcutsdialog"_s);
    QVERIFY(m_dir.isValid());
}

QMainWindow *tst_ShortcutsDialog::sampleWindow()
{
    auto *window = new QMainWindow;
    QMenu *file = window->menuBar()->addMenu(u"&File"_s);
    file->addAction(u"Export &CSV…"_s)->setShortcut(QKeySequence(u"Ctrl+E"_s));
    file->addAction(u"C&lear history…"_s); // no shortcut
    file->addSeparator();
    file->addAction(u"&Quit"_s)->setShortcut(QKeySequence(u"Ctrl+Q"_s));
    QMenu *view = window->menuBar()->addMenu(u"&View"_s);
    QAction *follow = view->addAction(u"&Follow newest events"_s);
    follow->setShortcuts({ QKeySequence(u"Ctrl+L"_s), QKeySequence(u"F5"_s) });
    QMenu *columns = view->addMenu(u"&Columns"_s);
    columns->addAction(u"Show &actor"_s)->setShortcut(QKeySequence(u"Ctrl+Alt+A"_s));
    QAction *hidden = view->addAction(u"Hidden"_s);
    hidden->setShortcut(QKeySequence(u"Ctrl+H"_s));
    hidden->setVisible(false);
    auto *own = new QAction(u"Next event"_s, window);
    own->setShortcut(QKeySequence(u"Ctrl+Down"_s));
    window->addAction(own);
    return window;
}

void tst_ShortcutsDialog::shortcutsListMenuActions()
{
    std::unique_ptr<QMainWindow> window(sampleWindow());
    const QList<ShortcutsDialog::Entry> entries = ShortcutsDialog::collect(window.get());
    QStringList lines;
    for (const ShortcutsDialog::Entry &e : entries)
        lines.append(e.group + u" | "_s + e.action + u" | "_s
                     + ShortcutsDialog::shortcutText(e.shortcuts));
    QCOMPARE(lines,
             (QStringList{ u"File | Export CSV… | Ctrl+E"_s, u"File | Quit | Ctrl+Q"_s,
                           u"View | Follow newest events | Ctrl+L, F5"_s,
                           u"View › Columns | Show actor | Ctrl+Alt+A"_s,
                           u"Window | Next event | Ctrl+Down"_s }));

    const QList<ShortcutsDialog::Entry> all = ShortcutsDialog::collect(window.get(), true);
    QCOMPARE(all.size(), entries.size() + 1);
    QCOMPARE(all.at(1).action, u"Clear history…"_s);
    QVERIFY(all.at(1).shortcuts.isEmpty());
}

void tst_ShortcutsDialog::shortcutsSearch()
{
    std::unique_ptr<QMainWindow> window(sampleWindow());
    ShortcutsDialog dialog(window.get());
    QAbstractItemModelTester tester(dialog.view()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.visibleActionCount(), 5);
    // Grouped: one top-level row per menu.
    QCOMPARE(dialog.view()->model()->rowCount(), 4);
    QCOMPARE(dialog.view()->model()->index(0, 0).data().toString(), u"File"_s);

    dialog.setSearchText(u"ctrl+e"_s);
    QCOMPARE(dialog.visibleActionCount(), 1);
    dialog.setSearchText(u"columns"_s); // by group name
    QCOMPARE(dialog.visibleActionCount(), 1);
    dialog.setSearchText(u"FOLLOW"_s);
    QCOMPARE(dialog.visibleActionCount(), 1);
    dialog.setSearchText(u"F5"_s);
    QCOMPARE(dialog.visibleActionCount(), 1);
    dialog.setSearchText(u"kumquat"_s);
    QCOMPARE(dialog.visibleActionCount(), 0);
    dialog.setSearchText(QString());
    QCOMPARE(dialog.visibleActionCount(), 5);

    dialog.findChild<QCheckBox *>()->setChecked(true);
    QCOMPARE(dialog.visibleActionCount(), 6);
    QVERIFY(!dialog.searchEdit()->accessibleName().isEmpty());
    QVERIFY(!dialog.view()->accessibleName().isEmpty());
}

void tst_ShortcutsDialog::shortcutsOfTheMainWindow()
{
    QTemporaryDir dir;
    EventStore store;
    QVERIFY(store.open(dir.path()));
    MainWindow window(&store, nullptr, dir.path());
    const QList<ShortcutsDialog::Entry> entries = ShortcutsDialog::collect(&window);
    QVERIFY2(entries.size() >= 8, qPrintable(QString::number(entries.size())));
    QStringList actions;
    for (const ShortcutsDialog::Entry &e : entries) {
        QVERIFY(!e.group.isEmpty());
        QVERIFY(!e.action.contains(u'&'));
        actions.append(e.action);
    }
    QVERIFY2(actions.contains(u"Export CSV…"_s), qPrintable(actions.join(u", "_s)));
    QVERIFY(actions.contains(u"Send a test event"_s));
}

QTEST_MAIN(tst_ShortcutsDialog)
#include "tst_shortcutsdialog.moc"
