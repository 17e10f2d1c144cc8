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

// The tray icon's count of unseen events.
class tst_TrayIcon final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trayCountsUnseenEvents();

private:
    QTemporaryDir m_dir;
};

void tst_TrayIcon::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_trayicon"_s);
    QVERIFY(m_dir.isValid());
}

void tst_TrayIcon::trayCountsUnseenEvents()
{
    QWidget window;
    TrayIcon tray(&window);
    QTemporaryDir dir;
    EventStore store;
    QVERIFY(store.open(dir.path()));
    tray.setStore(&store);
    QCOMPARE(tray.unseenCount(), 0);
    QVERIFY(tray.toolTipText().contains(u"no new events"_s));

    // The window is not active (not even shown): arrivals are unseen.
    const QList<Event> demo = DemoData::events();
    for (int i = 0; i < 3; ++i)
        store.submit(demo.at(i));
    store.flush();
    QCOMPARE(tray.unseenCount(), 3);
    QVERIFY2(tray.toolTipText().startsWith(u"Hookscope — new events: 3"_s),
             qPrintable(tray.toolTipText()));
    tray.setStatusText(u"Listening on http://127.0.0.1:8787/"_s);
    QVERIFY(tray.toolTipText().endsWith(u"\nListening on http://127.0.0.1:8787/"_s));
    QTRY_VERIFY(tray.toolTip().startsWith(u"Hookscope — new events: 3"_s));

    // Activating the window resets the count.
    QEvent activate(QEvent::WindowActivate);
    QCoreApplication::sendEvent(&window, &activate);
    QCOMPARE(tray.unseenCount(), 0);
    QVERIFY(tray.toolTip().startsWith(u"Hookscope — no new events"_s));

    // The menu: Show, Follow, Mute, Quit; the checkable ones report their state.
    QVERIFY(tray.contextMenu());
    QSignalSpy follow(&tray, &TrayIcon::followNewestToggled);
    QSignalSpy mute(&tray, &TrayIcon::alertsMutedToggled);
    tray.followAction()->trigger();
    tray.muteAction()->trigger();
    QCOMPARE(follow.size(), 1);
    QCOMPARE(follow.first().first().toBool(), false);
    QCOMPARE(mute.first().first().toBool(), true);
    tray.setFollowNewest(true); // kept in sync from outside without echoing back
    QCOMPARE(follow.size(), 1);
    QVERIFY(tray.followAction()->isChecked());

    const QPixmap plain =
            TrayIcon::badgedPixmap(QIcon(u":/hookscope/icons/hookscope.svg"_s), 0, 32);
    const QPixmap badged =
            TrayIcon::badgedPixmap(QIcon(u":/hookscope/icons/hookscope.svg"_s), 7, 32);
    QVERIFY(!plain.isNull());
    QVERIFY(plain.toImage() != badged.toImage());
}

QTEST_MAIN(tst_TrayIcon)
#include "tst_trayicon.moc"
