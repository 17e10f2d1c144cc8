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

#include "ui/alerts/alertbanner.h"
#include "ui/alerts/alertnotifier.h"
#include "ui/events/eventtablemodel.h"
#include "ui/events/filterbar.h"
#include "core/filter/filterexpression.h"
#include "ui/mainwindow.h"
#include "core/receiver/receiver.h"
#include "ui/settings/appsettings.h"
#include "ui/settings/settingsdialog.h"
#include "ui/shortcuts/shortcutsdialog.h"
#include "ui/sparkline/eventratemodel.h"
#include "ui/sparkline/sparklinewidget.h"
#include "core/store/eventstore.h"
#include "ui/theme/theme.h"
#include "ui/tray/trayicon.h"
#include "ui/welcome/demodata.h"
#include "ui/welcome/welcomedialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

Q_DECLARE_METATYPE(WelcomeDialog::Choice)

// The first-run and everyday pieces around the monitor: welcome screen, demo data, the
// shortcuts sheet, settings (without the secret), theme switching and the tray icon's count.
class tst_DesktopFeatures final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void welcomeChoice_data();
    void welcomeChoice();
    void welcomeShownOnce();
    void demoEventsAreMarkedAndParse();
    void demoEventsStore();
    void shortcutsListMenuActions();
    void shortcutsSearch();
    void shortcutsOfTheMainWindow();
    void settingsRoundTripWithoutSecret();
    void settingsLoadClampsAndDefaults();
    void settingsDialogReceiverPage();
    void settingsDialogKeepsUntouchedValues();
    void trayCountsUnseenEvents();
    void themeSwitchesPalette();
    void screenshots();

private:
    static QMainWindow *sampleWindow();
    QTemporaryDir m_dir;
};

void tst_DesktopFeatures::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_desktopfeatures"_s);
    QVERIFY(m_dir.isValid());
}

void tst_DesktopFeatures::welcomeChoice_data()
{
    QTest::addColumn<WelcomeDialog::Choice>("choice");
    QTest::addRow("wizard") << WelcomeDialog::Choice::SetupWizard;
    QTest::addRow("listen") << WelcomeDialog::Choice::ListenLocally;
    QTest::addRow("demo") << WelcomeDialog::Choice::DemoData;
}

void tst_DesktopFeatures::welcomeChoice()
{
    QFETCH(WelcomeDialog::Choice, choice);
    WelcomeDialog dialog(u"http://127.0.0.1:8787/hooks/••••"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.choice(), WelcomeDialog::Choice::None);
    QVERIFY(dialog.button(WelcomeDialog::Choice::ListenLocally)->description().contains(u"127.0.0.1:8787"_s));
    for (auto c :
        { WelcomeDialog::Choice::SetupWizard, WelcomeDialog::Choice::ListenLocally, WelcomeDialog::Choice::DemoData })
        QVERIFY(!dialog.button(c)->accessibleName().isEmpty());
    QVERIFY(!dialog.button(WelcomeDialog::Choice::None));

    QTest::mouseClick(dialog.button(choice), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.choice(), choice);
    QVERIFY(!dialog.isVisible());
}

void tst_DesktopFeatures::welcomeShownOnce()
{
    QSettings settings(m_dir.filePath(u"welcome.ini"_s), QSettings::IniFormat);
    QVERIFY(WelcomeDialog::shouldShow(settings));
    WelcomeDialog::markShown(settings);
    QVERIFY(!WelcomeDialog::shouldShow(settings));
    settings.sync();
    QSettings again(m_dir.filePath(u"welcome.ini"_s), QSettings::IniFormat);
    QVERIFY(!WelcomeDialog::shouldShow(again));

    // Escape answers None.
    WelcomeDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(dialog.choice(), WelcomeDialog::Choice::None);
}

void tst_DesktopFeatures::demoEventsAreMarkedAndParse()
{
    QCOMPARE(DemoData::templates().size(), 8);
    const qint64 now = QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
    const QList<Event> events = DemoData::events(now);
    QVERIFY(events.size() >= 20);

    QSet<QString> types;
    QSet<QString> ids;
    qint64 previous = 0;
    int urgent = 0;
    const FilterExpression urgentFilter = FilterExpression::parse(u"payload.ticket.priorityName=Urgent"_s);
    for (const Event &e : events) {
        const EventSummary &s = e.summary;
        QCOMPARE(s.source, QString(EventSource::Demo));
        QVERIFY2(s.summary.startsWith(DemoData::SummaryPrefix), qPrintable(s.summary));
        QVERIFY(s.summary.size() > DemoData::SummaryPrefix.size() + 3);
        QCOMPARE(s.status, QString(EventStatus::Ok));
        QVERIFY(e.headers.contains(qMakePair(QByteArray("X-Hookscope-Demo"), QByteArray("1"))));
        QCOMPARE(e.contentType, u"application/json"_s);
        QCOMPARE(s.size, e.body.size());
        QVERIFY(s.receivedAt <= now && s.receivedAt >= now - 45 * 60 * 1000);
        QVERIFY(s.receivedAt >= previous); // oldest first
        previous = s.receivedAt;
        // The body's own time is moved next to the arrival, so since:/until: agree with it.
        QVERIFY2(s.occurredAt > s.receivedAt - 1000 && s.occurredAt <= s.receivedAt,
            qPrintable(s.type + u' ' + QString::number(s.receivedAt - s.occurredAt)));
        if (!s.eventId.isEmpty()) {
            QVERIFY2(s.eventId.startsWith(u"demo_"_s), qPrintable(s.eventId));
            QVERIFY2(!ids.contains(s.eventId), qPrintable(s.eventId));
            ids.insert(s.eventId);
        }
        types.insert(s.type);
        const EventPayload payload(e.body, e.contentType.toUtf8());
        if (urgentFilter.matches(s, &payload))
            ++urgent;
    }
    const QSet<QString> expected { u"ticket:created"_s, u"ticket:comment:created"_s, u"ticket:priority:changed"_s,
        u"account:updated"_s, u"custom-object:deal:field-changed"_s, u"app:installation"_s, u"request:created"_s,
        u"request:updated"_s };
    QCOMPARE(types, expected);
    QCOMPARE(urgent, 2); // #1042 and #1045 were escalated
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [](const Event &e) {
        return e.summary.entity == u"#1047"_s && e.summary.summary.endsWith(u"(Medium → High)"_s);
    }));
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [](const Event &e) {
        return e.summary.type == u"account:updated"_s && e.summary.summary == u"[demo] Globex"_s;
    }));
}

void tst_DesktopFeatures::demoEventsStore()
{
    QTemporaryDir dir;
    EventStore store;
    QVERIFY(store.open(dir.path()));
    QSignalSpy added(&store, &EventStore::eventsAdded);
    const QList<Event> events = DemoData::events();
    for (const Event &e : events)
        store.submit(e);
    store.flush();
    QCOMPARE(store.count(), qint64(events.size()));
    const QList<EventSummary> stored = store.summaries();
    for (const EventSummary &s : stored) {
        QCOMPARE(s.source, QString(EventSource::Demo));
        QCOMPARE(s.status, QString(EventStatus::Ok)); // no demo event repeats another
    }
    const std::optional<Event> first = store.event(stored.first().id);
    QVERIFY(first);
    QCOMPARE(first->body, events.first().body);
}

QMainWindow *tst_DesktopFeatures::sampleWindow()
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

void tst_DesktopFeatures::shortcutsListMenuActions()
{
    std::unique_ptr<QMainWindow> window(sampleWindow());
    const QList<ShortcutsDialog::Entry> entries = ShortcutsDialog::collect(window.get());
    QStringList lines;
    for (const ShortcutsDialog::Entry &e : entries)
        lines.append(e.group + u" | "_s + e.action + u" | "_s + ShortcutsDialog::shortcutText(e.shortcuts));
    QCOMPARE(lines,
        (QStringList { u"File | Export CSV… | Ctrl+E"_s, u"File | Quit | Ctrl+Q"_s,
            u"View | Follow newest events | Ctrl+L, F5"_s, u"View › Columns | Show actor | Ctrl+Alt+A"_s,
            u"Window | Next event | Ctrl+Down"_s }));

    const QList<ShortcutsDialog::Entry> all = ShortcutsDialog::collect(window.get(), true);
    QCOMPARE(all.size(), entries.size() + 1);
    QCOMPARE(all.at(1).action, u"Clear history…"_s);
    QVERIFY(all.at(1).shortcuts.isEmpty());
}

void tst_DesktopFeatures::shortcutsSearch()
{
    std::unique_ptr<QMainWindow> window(sampleWindow());
    ShortcutsDialog dialog(window.get());
    QAbstractItemModelTester tester(dialog.view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
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

void tst_DesktopFeatures::shortcutsOfTheMainWindow()
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

void tst_DesktopFeatures::settingsRoundTripWithoutSecret()
{
    const QString path = m_dir.filePath(u"settings.ini"_s);
    AppSettings s;
    s.bindAddress = u"0.0.0.0"_s;
    s.port = 9123;
    s.maxBodyBytes = 5 * 1024 * 1024 + 7;
    s.maxHeaderBytes = 32 * 1024;
    s.maxConnections = 40;
    s.idleTimeoutMs = 15'000;
    s.retention = 250'000;
    s.theme = ThemeMode::Dark;

    const QString secret = u"tok_never_in_settings_3f9a"_s;
    SettingsDialog dialog(s, secret);
    QCOMPARE(dialog.settings(), s); // nothing edited: exactly what came in
    QCOMPARE(dialog.secret(), secret);
    QVERIFY(!dialog.secretChanged());
    {
        QSettings settings(path, QSettings::IniFormat);
        dialog.settings().save(settings);
    }
    QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(AppSettings::load(settings), s);
    for (const QString &key : settings.allKeys())
        QVERIFY2(!key.contains(u"secret"_s, Qt::CaseInsensitive) && !key.contains(u"token"_s, Qt::CaseInsensitive),
            qPrintable(key));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(secret.toUtf8()));

    const ReceiverConfig config = s.receiverConfig(secret);
    QCOMPARE(config.port, quint16(9123));
    QCOMPARE(config.address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(config.secret, secret);
    QCOMPARE(config.limits.request.maxBodyBytes, s.maxBodyBytes);
    QCOMPARE(config.limits.maxConnections, 40);
    AppSettings back = AppSettings::fromReceiverConfig(config);
    back.retention = s.retention;
    back.theme = s.theme;
    QCOMPARE(back, s);
}

void tst_DesktopFeatures::settingsLoadClampsAndDefaults()
{
    QSettings empty(m_dir.filePath(u"empty.ini"_s), QSettings::IniFormat);
    QCOMPARE(AppSettings::load(empty), AppSettings {});
    QVERIFY(AppSettings {}.isLoopbackOnly());

    QSettings odd(m_dir.filePath(u"odd.ini"_s), QSettings::IniFormat);
    odd.setValue(u"settings/receiver/bind"_s, u"not an address"_s);
    odd.setValue(u"settings/receiver/port"_s, 70000);
    odd.setValue(u"settings/limits/maxConnections"_s, 0);
    odd.setValue(u"settings/appearance/theme"_s, u"purple"_s);
    const AppSettings s = AppSettings::load(odd);
    QCOMPARE(s.bindAddress, u"127.0.0.1"_s);
    QCOMPARE(s.port, quint16(65535));
    QCOMPARE(s.maxConnections, 1);
    QCOMPARE(s.theme, ThemeMode::System);
}

void tst_DesktopFeatures::settingsDialogReceiverPage()
{
    SettingsDialog dialog(AppSettings {}, QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.currentPage(), SettingsDialog::Page::Receiver);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.bindWarning()->isVisible());

    // A network address: warned, and OK only once confirmed.
    dialog.bindBox()->setEditText(u"0.0.0.0"_s);
    QVERIFY(dialog.bindWarning()->isVisible());
    QVERIFY2(dialog.bindWarning()->text().contains(u"port 8787"_s), qPrintable(dialog.bindWarning()->text()));
    QVERIFY(dialog.bindWarning()->text().contains(u"secret token"_s));
    QVERIFY(!dialog.okButton()->isEnabled());
    dialog.allowRemoteBox()->setChecked(true);
    QVERIFY(dialog.okButton()->isEnabled());

    // Not an address at all.
    dialog.bindBox()->setEditText(u"localhost:80"_s);
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(dialog.problem().contains(u"not an IP address"_s));
    dialog.bindBox()->setEditText(u"::1"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.bindWarning()->isVisible());

    // The secret: masked, Show reveals it, Generate makes a fresh one.
    QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Password);
    dialog.showSecretButton()->click();
    QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Normal);
    dialog.showSecretButton()->click();
    QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Password);
    dialog.generateSecretButton()->click();
    const QString generated = dialog.secret();
    QVERIFY(generated.size() >= 24);
    QVERIFY(dialog.secretChanged());
    dialog.generateSecretButton()->click();
    QVERIFY(dialog.secret() != generated);

    dialog.portBox()->setValue(0);
    QCOMPARE(dialog.portBox()->text(), u"Any free port"_s);
    QCOMPARE(dialog.settings().port, quint16(0));
    QCOMPARE(dialog.settings().bindAddress, u"::1"_s);

    dialog.setCurrentPage(SettingsDialog::Page::Appearance);
    QCOMPARE(dialog.currentPage(), SettingsDialog::Page::Appearance);
    dialog.themeButton(ThemeMode::Dark)->click();
    QCOMPARE(dialog.settings().theme, ThemeMode::Dark);
}

void tst_DesktopFeatures::settingsDialogKeepsUntouchedValues()
{
    AppSettings s;
    s.maxBodyBytes = 5000; // e.g. from --max-body: not a whole MiB
    s.idleTimeoutMs = 1500;
    SettingsDialog dialog(s, u"abc"_s);
    QCOMPARE(dialog.settings().maxBodyBytes, 5000);
    QCOMPARE(dialog.settings().idleTimeoutMs, 1500);
    dialog.maxBodyBox()->setValue(20);
    QCOMPARE(dialog.settings().maxBodyBytes, 20 * 1024 * 1024);
    dialog.retentionBox()->setValue(5000);
    dialog.connectionsBox()->setValue(12);
    QCOMPARE(dialog.settings().retention, 5000);
    QCOMPARE(dialog.settings().maxConnections, 12);

    // Restore defaults resets everything but the secret.
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults)->click();
    AppSettings expected;
    expected.maxBodyBytes = 10 * 1024 * 1024;
    QCOMPARE(dialog.settings().retention, expected.retention);
    QCOMPARE(dialog.settings().maxBodyBytes, expected.maxBodyBytes);
    QCOMPARE(dialog.secret(), u"abc"_s);
}

void tst_DesktopFeatures::trayCountsUnseenEvents()
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
    QVERIFY2(tray.toolTipText().startsWith(u"Hookscope — new events: 3"_s), qPrintable(tray.toolTipText()));
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

    const QPixmap plain = TrayIcon::badgedPixmap(QIcon(u":/hookscope/icons/hookscope.svg"_s), 0, 32);
    const QPixmap badged = TrayIcon::badgedPixmap(QIcon(u":/hookscope/icons/hookscope.svg"_s), 7, 32);
    QVERIFY(!plain.isNull());
    QVERIFY(plain.toImage() != badged.toImage());
}

void tst_DesktopFeatures::themeSwitchesPalette()
{
    Theme theme;
    const QPalette system = QApplication::palette();
    const QString systemStyle = QApplication::style()->name();
    QSignalSpy changed(&theme, &Theme::changed);

    theme.apply(ThemeMode::Dark);
    QCOMPARE(theme.mode(), ThemeMode::Dark);
    QVERIFY(theme.isDark());
    QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::darkPalette().color(QPalette::Window));
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

// With $HOOKSCOPE_SCREENSHOT_DIR set, writes the README pictures of these features
// (welcome.png, alert.png, dark-theme.png, sparkline.png) from demo data.
void tst_DesktopFeatures::screenshots()
{
    const QString out = qEnvironmentVariable("HOOKSCOPE_SCREENSHOT_DIR");
    if (out.isEmpty())
        QSKIP("set HOOKSCOPE_SCREENSHOT_DIR to write the screenshots");
    const auto save = [&out](const QPixmap &pixmap, const QString &name) {
        QVERIFY2(pixmap.save(out + u'/' + name), qPrintable(name));
    };

    {
        WelcomeDialog welcome(u"http://127.0.0.1:8787/"_s);
        welcome.show();
        QVERIFY(QTest::qWaitForWindowExposed(&welcome));
        welcome.adjustSize();
        save(welcome.grab(), u"welcome.png"_s);
    }

    // The monitor with demo data, and the sparkline where the window will show it.
    QTemporaryDir dir;
    EventStore store;
    QVERIFY(store.open(dir.path()));
    Receiver receiver(&store);
    ReceiverConfig config;
    config.port = 0;
    receiver.setConfig(config);
    QVERIFY(receiver.start());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<Event> demo = DemoData::events(now);
    for (const Event &e : demo)
        store.submit(e);
    store.flush();

    QSettings().clear();
    MainWindow window(&store, &receiver, dir.path());
    EventRateModel rates;
    rates.addEvents(store.summaries());
    auto *sparkline = new SparklineWidget(&window);
    sparkline->setModel(&rates);
    auto *top = qobject_cast<QVBoxLayout *>(window.filterBar()->parentWidget()->layout());
    QVERIFY(top);
    top->insertWidget(1, sparkline);
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTableView *table = window.table();
    QTRY_COMPARE(table->model()->rowCount(), int(demo.size()));
    int escalation = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()
                ->index(r, EventTableModel::SummaryColumn)
                .data()
                .toString()
                .contains(u"Webhook deliveries arrive late (High"_s))
            escalation = r;
    QVERIFY(escalation >= 0);
    table->setCurrentIndex(table->model()->index(escalation, EventTableModel::SummaryColumn));
    QCoreApplication::processEvents();

    // sparkline.png: the top of the window, a few minutes selected as by a drag.
    {
        const QRect plot = sparkline->plotRect();
        const qreal step = qreal(plot.width()) / rates.minutes();
        const int y = plot.center().y();
        QTest::mousePress(sparkline, Qt::LeftButton, {}, QPoint(int(plot.left() + 37.5 * step), y));
        QTest::mouseMove(sparkline, QPoint(int(plot.left() + 40.5 * step), y));
        QTest::mouseRelease(sparkline, Qt::LeftButton, {}, QPoint(int(plot.left() + 40.5 * step), y));
        QVERIFY(sparkline->hasSelection());
        QEvent leave(QEvent::Leave); // the pointer moves on to the table
        QCoreApplication::sendEvent(sparkline, &leave);
        table->setFocus();
        QCoreApplication::processEvents();
        const QPixmap whole = window.grab();
        const int bottom = table->mapTo(&window, QPoint(0, 0)).y() + table->frameWidth()
            + table->horizontalHeader()->height() + 8 * table->verticalHeader()->defaultSectionSize() + 1;
        save(whole.copy(0, 0, whole.width() / int(whole.devicePixelRatio()), bottom), u"sparkline.png"_s);
        sparkline->clearSelection();
    }

    // alert.png: a rule matched; no tray offscreen, so the in-window banner shows it.
    {
        AlertNotifier notifier(&window, table);
        AlertRule rule;
        rule.name = u"Urgent tickets"_s;
        rule.filter = u"ticket:priority:changed payload.ticket.priorityName=Urgent"_s;
        const QModelIndex index = table->model()->index(escalation, 0);
        const std::optional<Event> event = store.event(index.data(EventTableModel::IdRole).toLongLong());
        QVERIFY(event);
        notifier.notify(rule, event->summary, 2);
        QVERIFY(notifier.banner()->isVisible());
        QCoreApplication::processEvents();
        save(window.grab(), u"alert.png"_s);
    }

    // dark-theme.png: the window in the dark theme with the settings dialog over it.
    {
        Theme theme;
        theme.apply(ThemeMode::Dark);
        AppSettings settings;
        settings.theme = ThemeMode::Dark;
        SettingsDialog dialog(settings, u"3q2-example-token"_s, &window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(Theme::isDark(window.palette()));
        QTRY_VERIFY(Theme::isDark(dialog.palette()));
        QCoreApplication::processEvents();
        QPixmap shot = window.grab();
        const QPixmap dialogShot = dialog.grab();
        QPainter p(&shot);
        const QSize size = dialogShot.deviceIndependentSize().toSize();
        const QPoint at((window.width() - size.width()) / 2, (window.height() - size.height()) / 2);
        for (int i = 8; i > 0; --i) // a soft shadow, as a window manager would draw
            p.fillRect(QRect(at + QPoint(i / 2, i), size), QColor(0, 0, 0, 10));
        p.drawPixmap(at, dialogShot);
        p.setPen(QColor(0x55, 0x55, 0x5a));
        p.drawRect(QRect(at, size).adjusted(-1, -1, 0, 0));
        p.end();
        save(shot, u"dark-theme.png"_s);
        dialog.close();
        theme.apply(ThemeMode::System);
    }
    window.close();
    QSettings().clear();
}

QTEST_MAIN(tst_DesktopFeatures)
#include "tst_desktopfeatures.moc"
