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

// The first-run welcome dialog and the demo data it can load.
class tst_Welcome final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void welcomeChoice_data();
    void welcomeChoice();
    void welcomeShownOnce();
    void demoEventsAreMarkedAndParse();
    void demoEventsStore();

private:
    QTemporaryDir m_dir;
};

void tst_Welcome::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_welcome"_s);
    QVERIFY(m_dir.isValid());
}

void tst_Welcome::welcomeChoice_data()
{
    QTest::addColumn<WelcomeDialog::Choice>("choice");
    QTest::addRow("wizard") << WelcomeDialog::Choice::SetupWizard;
    QTest::addRow("listen") << WelcomeDialog::Choice::ListenLocally;
    QTest::addRow("demo") << WelcomeDialog::Choice::DemoData;
}

void tst_Welcome::welcomeChoice()
{
    QFETCH(WelcomeDialog::Choice, choice);
    WelcomeDialog dialog(u"http://127.0.0.1:8787/hooks/••••"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.choice(), WelcomeDialog::Choice::None);
    QVERIFY(dialog.button(WelcomeDialog::Choice::ListenLocally)
                    ->description()
                    .contains(u"127.0.0.1:8787"_s));
    for (auto c : { WelcomeDialog::Choice::SetupWizard, WelcomeDialog::Choice::ListenLocally,
                    WelcomeDialog::Choice::DemoData })
        QVERIFY(!dialog.button(c)->accessibleName().isEmpty());
    QVERIFY(!dialog.button(WelcomeDialog::Choice::None));
    // How to tell demo events apart is said, and Clear history is not sold as a way to
    // remove only them: it removes real events too.
    const QString demo = dialog.button(WelcomeDialog::Choice::DemoData)->description();
    QVERIFY2(demo.contains(u"-source:demo"_s), qPrintable(demo));
    QVERIFY2(!demo.contains(u"Clear history"_s) || demo.contains(u"real ones too"_s),
             qPrintable(demo));

    QTest::mouseClick(dialog.button(choice), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.choice(), choice);
    QVERIFY(!dialog.isVisible());
}

void tst_Welcome::welcomeShownOnce()
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

void tst_Welcome::demoEventsAreMarkedAndParse()
{
    QCOMPARE(DemoData::templates().size(), 8);
    const qint64 now = QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
    const QList<Event> events = DemoData::events(now);
    QVERIFY(events.size() >= 20);

    QSet<QString> types;
    QSet<QString> ids;
    qint64 previous = 0;
    int urgent = 0;
    const FilterExpression urgentFilter =
            FilterExpression::parse(u"payload.ticket.priorityName=Urgent"_s);
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
    const QSet<QString> expected{ u"ticket:created"_s,
                                  u"ticket:comment:created"_s,
                                  u"ticket:priority:changed"_s,
                                  u"account:updated"_s,
                                  u"custom-object:deal:field-changed"_s,
                                  u"app:installation"_s,
                                  u"request:created"_s,
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

void tst_Welcome::demoEventsStore()
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

QTEST_MAIN(tst_Welcome)
#include "tst_welcome.moc"
