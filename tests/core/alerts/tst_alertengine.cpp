// SPDX-License-Identifier: MIT
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "core/alerts/alertengine.h"
#include "core/events/eventparser.h"
#include "core/store/eventstore.h"
#include "tests/support/alertfixture.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;
using Hookscope::Testing::AlertFixture;

// AlertEngine and AlertRule against a real store in a temporary directory: matching on
// summaries and payloads, ignored sources and mute, the rate limit, alerts.json.
class tst_AlertEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void ruleMatches_data();
    void ruleMatches();
    void disabledInvalidAndEmptyRulesNeverFire();
    void ignoredSourcesAndMute();
    void rateLimitFoldsBursts();
    void rulesRoundTripThroughAlertsJson();
    void damagedAlertsJsonIsKept();

private:
    AlertFixture m_fixture;
};

void tst_AlertEngine::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_AlertEngine::init()
{
    m_fixture.setUp();
}

void tst_AlertEngine::cleanup()
{
    m_fixture.tearDown();
}

void tst_AlertEngine::ruleMatches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<bool>("raised");

    const QString created = u"platform-ticket-created.json"_s;
    const QString priority = u"platform-ticket-priority-changed.json"_s;
    const QString account = u"platform-account-updated.json"_s;
    QTest::addRow("type glob") << u"ticket:*"_s << created << true;
    QTest::addRow("other type") << u"ticket:*"_s << account << false;
    QTest::addRow("summary field") << u"team:T123NHFDRF"_s << priority << true;
    QTest::addRow("payload path") << u"payload.ticket.priorityName=Urgent"_s << priority << true;
    QTest::addRow("payload path, other value")
            << u"payload.ticket.priorityName=Urgent"_s << created << false;
    QTest::addRow("issue example")
            << u"ticket:priority:changed payload.ticket.priorityName=Urgent"_s << priority << true;
    QTest::addRow("summary decides before the body")
            << u"account:* payload.ticket.priorityName=Urgent"_s << priority << false;
    QTest::addRow("word in the body") << u"duplicate"_s << priority << true;
    QTest::addRow("word nowhere") << u"kumquat"_s << priority << false;
    QTest::addRow("negation") << u"-ticket:*"_s << account << true;
}

void tst_AlertEngine::ruleMatches()
{
    QFETCH(QString, filter);
    QFETCH(QString, fixture);
    QFETCH(bool, raised);

    const AlertRule r = AlertFixture::rule(u"r"_s, filter);
    m_fixture.engine->setRules({ r });
    QSignalSpy spy(m_fixture.engine.get(), &AlertEngine::alertRaised);
    const QList<EventSummary> stored = m_fixture.storeFixtures({ fixture });
    QCOMPARE(stored.size(), 1);
    QCOMPARE(spy.size(), raised ? 1 : 0);
    QCOMPARE(m_fixture.engine->matchCount(r.id), raised ? 1 : 0);
    if (raised) {
        QCOMPARE(spy.at(0).at(0).value<AlertRule>(), r);
        QCOMPARE(spy.at(0).at(1).value<EventSummary>().id, stored.first().id);
        QCOMPARE(spy.at(0).at(2).toInt(), 0);
    }
}

void tst_AlertEngine::disabledInvalidAndEmptyRulesNeverFire()
{
    m_fixture.engine->setRules({ AlertFixture::rule(u"off"_s, u"ticket:*"_s, false),
                                 AlertFixture::rule(u"broken"_s, u"\"ticket"_s),
                                 AlertFixture::rule(u"empty"_s, u"  "_s) });
    QVERIFY(!AlertEngine::validate(u"\"ticket"_s).isEmpty());
    QVERIFY(AlertEngine::validate(u"ticket:*"_s).isEmpty());
    QSignalSpy spy(m_fixture.engine.get(), &AlertEngine::alertRaised);
    m_fixture.storeFixtures(Fixtures::eventFixtures());
    QCOMPARE(spy.size(), 0);
}

void tst_AlertEngine::ignoredSourcesAndMute()
{
    m_fixture.engine->setMinimumInterval(std::chrono::milliseconds(0));
    m_fixture.engine->setRules({ AlertFixture::rule(u"all tickets"_s, u"ticket:*"_s) });
    QSignalSpy spy(m_fixture.engine.get(), &AlertEngine::alertRaised);
    m_fixture.storeFixtures({ u"platform-ticket-created.json"_s }, QString(EventSource::Demo));
    m_fixture.storeFixtures({ u"platform-ticket-created.json"_s }, QString(EventSource::Import));
    QCOMPARE(spy.size(), 0);

    m_fixture.engine->setMuted(true);
    m_fixture.storeFixtures({ u"platform-ticket-created.json"_s });
    QCOMPARE(spy.size(), 0);
    m_fixture.engine->setMuted(false);
    m_fixture.storeFixtures({ u"platform-ticket-created.json"_s });
    QCOMPARE(spy.size(), 1);

    m_fixture.engine->setIgnoredSources({});
    m_fixture.storeFixtures({ u"platform-ticket-created.json"_s }, QString(EventSource::Demo));
    QCOMPARE(spy.size(), 2);
}

void tst_AlertEngine::rateLimitFoldsBursts()
{
    using namespace std::chrono_literals;
    m_fixture.engine->setMinimumInterval(400ms);
    const AlertRule tickets = AlertFixture::rule(u"tickets"_s, u"ticket:*"_s);
    const AlertRule accounts = AlertFixture::rule(u"accounts"_s, u"account:*"_s);
    m_fixture.engine->setRules({ tickets, accounts });
    QSignalSpy spy(m_fixture.engine.get(), &AlertEngine::alertRaised);

    // A burst of five tickets and one account: each rule alerts at once for its first match.
    const QString ticket = u"platform-ticket-created.json"_s;
    const QList<EventSummary> burst = m_fixture.storeFixtures(
            { ticket, ticket, u"platform-account-updated.json"_s, ticket, ticket, ticket });
    QCOMPARE(burst.size(), 6);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(0).at(0).value<AlertRule>().name, u"tickets"_s);
    QCOMPARE(spy.at(0).at(1).value<EventSummary>().id, burst.at(0).id);
    QCOMPARE(spy.at(1).at(0).value<AlertRule>().name, u"accounts"_s);
    QCOMPARE(m_fixture.engine->suppressedCount(tickets.id), 4);
    QCOMPARE(m_fixture.engine->suppressedCount(accounts.id), 0);

    // When the window closes, the four held back arrive as one alert for the newest.
    QTRY_COMPARE(spy.size(), 3);
    QCOMPARE(spy.at(2).at(0).value<AlertRule>().name, u"tickets"_s);
    QCOMPARE(spy.at(2).at(1).value<EventSummary>().id, burst.last().id);
    QCOMPARE(spy.at(2).at(2).toInt(), 3);
    QCOMPARE(m_fixture.engine->matchCount(tickets.id), 5);

    // That alert opened a new window: a match inside it waits, one after it is immediate.
    m_fixture.storeFixtures({ ticket });
    QCOMPARE(spy.size(), 3);
    QTRY_COMPARE(spy.size(), 4);
    QCOMPARE(spy.at(3).at(2).toInt(), 0);
    QTest::qWait(500);
    QCOMPARE(spy.size(), 4);
    m_fixture.storeFixtures({ ticket });
    QCOMPARE(spy.size(), 5);
}

void tst_AlertEngine::rulesRoundTripThroughAlertsJson()
{
    const QList<AlertRule> rules{
        AlertFixture::rule(u"Urgent tickets"_s,
                           u"ticket:priority:changed payload.ticket.priorityName=Urgent"_s),
        AlertFixture::rule(u"Quiet"_s, u"account:* \"two words\""_s, false)
    };
    QSignalSpy changed(m_fixture.engine.get(), &AlertEngine::rulesChanged);
    m_fixture.engine->setRules(rules);
    QCOMPARE(changed.size(), 1);
    QVERIFY2(m_fixture.engine->save(), qPrintable(m_fixture.engine->errorString()));
    QCOMPARE(m_fixture.engine->filePath(), QDir(m_fixture.dir->path()).filePath(u"alerts.json"_s));
    QVERIFY(QFile::exists(m_fixture.engine->filePath()));

    AlertEngine again;
    QVERIFY(again.load(m_fixture.dir->path()));
    QCOMPARE(again.rules(), rules);

    // A rule without an id gets one; a rule without a filter is skipped.
    QFile file(m_fixture.engine->filePath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(R"({"version":1,"rules":[{"name":"a","filter":"ticket:*"},{"name":"b"}]})");
    file.close();
    QVERIFY(again.load(m_fixture.dir->path()));
    QCOMPARE(again.rules().size(), 1);
    QVERIFY(!again.rules().first().id.isEmpty());
    QVERIFY(again.rules().first().enabled);
}

void tst_AlertEngine::damagedAlertsJsonIsKept()
{
    const QByteArray damaged = "{\"version\":1,\"rules\":[";
    QFile file(QDir(m_fixture.dir->path()).filePath(AlertEngine::fileName()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(damaged);
    file.close();

    AlertEngine engine;
    QVERIFY(!engine.load(m_fixture.dir->path()));
    QVERIFY(engine.errorString().contains(u"damaged"_s));
    QVERIFY(engine.rules().isEmpty());
    engine.setRules({ AlertFixture::rule(u"x"_s, u"ticket:*"_s) });
    QVERIFY(!engine.save());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), damaged);
}

QTEST_GUILESS_MAIN(tst_AlertEngine)
#include "tst_alertengine.moc"
