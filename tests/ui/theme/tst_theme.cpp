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

// Light, dark and system themes.
class tst_Theme final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void themeSwitchesPalette();

private:
    QTemporaryDir m_dir;
};

void tst_Theme::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_theme"_s);
    QVERIFY(m_dir.isValid());
}

void tst_Theme::themeSwitchesPalette()
{
    Theme theme;
    const QPalette system = QApplication::palette();
    const QString systemStyle = QApplication::style()->name();
    QSignalSpy changed(&theme, &Theme::changed);

    theme.apply(ThemeMode::Dark);
    QCOMPARE(theme.mode(), ThemeMode::Dark);
    QVERIFY(theme.isDark());
    QCOMPARE(QApplication::palette().color(QPalette::Window),
             Theme::darkPalette().color(QPalette::Window));
    QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
    QWidget window; // new and existing widgets pick it up
    auto *widget = new QWidget(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(Theme::isDark(widget->palette()));
    QCOMPARE(changed.last().first().toBool(), true);

    theme.apply(ThemeMode::Light);
    QVERIFY(!theme.isDark());
    QTRY_VERIFY(!Theme::isDark(window.palette())); // windows hear of it through the event loop
    QTRY_VERIFY(!Theme::isDark(widget->palette()));
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
    QCOMPARE(changed.last().first().toBool(), false);

    theme.apply(ThemeMode::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), system.color(QPalette::Window));
    QCOMPARE(QApplication::style()->name(), systemStyle);

    QCOMPARE(Theme::modeFromName(Theme::modeName(ThemeMode::Dark)), ThemeMode::Dark);
    QCOMPARE(Theme::modeFromName(u"LIGHT"_s), ThemeMode::Light);
    QCOMPARE(Theme::modeFromName(QString()), ThemeMode::System);
}

QTEST_MAIN(tst_Theme)
#include "tst_theme.moc"
