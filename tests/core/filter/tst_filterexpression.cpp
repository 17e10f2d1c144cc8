// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QTest>

#include "core/events/event.h"
#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/filter/bodywords.h"
#include "core/filter/filterexpression.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// "Now" for every relative time in this test: 2026-11-20T10:00:00Z.
const qint64 Now = QDateTime(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();

struct Fixture
{
    EventSummary summary;
    QByteArray body;
    QByteArray contentType;
};

// Short name -> fixture file, source, status.
struct FixtureSpec
{
    const char *name;
    const char *file;
    QLatin1StringView source;
    QLatin1StringView status;
};

// Event types and times (from the files):
//   created  ticket:created                    2026-11-20T09:14:03.512Z  wrapped, priority High
//   priority ticket:priority:changed           2026-11-20T09:31:44.007Z  flat, priority Urgent
//   comment  ticket:comment:created            2026-11-20T09:40:12.900Z  wrapped
//   deal     custom-object:deal:field-changed  2026-11-20T10:02:00Z      (after Now)
//   account  account:updated                   2025-11-20T09:40:00Z      annualRevenue 1200000
//   legacy   request:created                   2023-08-23T21:31:01.573Z
//   install  app:installation, teams T123NHFDRF,T456QWERTY
//   nots     = created with occurredAt 0 and receivedAt Now - 5 min
const FixtureSpec fixtureSpecs[] = {
    { "created", "platform-ticket-created.json", EventSource::Local, EventStatus::Ok },
    { "priority", "platform-ticket-priority-changed.json", EventSource::Relay, EventStatus::Ok },
    { "comment", "platform-ticket-comment-created.json", EventSource::Local, EventStatus::Ok },
    { "deal", "platform-custom-object-deal-field-changed.json", EventSource::Import,
      EventStatus::Ok },
    { "account", "platform-account-updated.json", EventSource::Demo, EventStatus::Repeat },
    { "legacy", "legacy-request-created.json", EventSource::Relay, EventStatus::Ok },
    { "install", "installation-app-installation.json", EventSource::Local, EventStatus::Ok },
};

} // namespace

class TestFilterExpression final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typoHints_data();
    void typoHints();
    void initTestCase();

    void emptyInput_data();
    void emptyInput();
    void typeGlobs_data();
    void typeGlobs();
    void fieldTerms_data();
    void fieldTerms();
    void timeTerms_data();
    void timeTerms();
    void receivedTerms_data();
    void receivedTerms();
    void receivedTermErrors_data();
    void receivedTermErrors();
    void editReceivedRange_data();
    void editReceivedRange();
    void payloadComparisons_data();
    void payloadComparisons();
    void missingPaths_data();
    void missingPaths();
    void bareWords_data();
    void bareWords();
    void bodyWordsSplit_data();
    void bodyWordsSplit();
    void bodyWordsPhrases();
    void bareWordsFromAnIndex();
    void payloadComparisonShortcut();
    void summaryWordsMatchLikeQStringContains();
    void booleanLogic_data();
    void booleanLogic();
    void caseInsensitivity_data();
    void caseInsensitivity();
    void withoutPayload_data();
    void withoutPayload();
    void needsPayload_data();
    void needsPayload();
    void summaryPrefilter_data();
    void summaryPrefilter();
    void prefilterAgreesWithFullEvaluation();
    void parseErrors_data();
    void parseErrors();
    void validExpressionsReportNoError_data();
    void validExpressionsReportNoError();
    void copiesShareTheTree();
    void relativeTimesUseNowFromParse();
    void typeGlobOverManyRows();

private:
    static void addMatchColumns();
    static void row(const char *filter, const char *fixture, bool expected);
    void checkMatch(bool withPayload);

    QHash<QString, Fixture> m_fixtures;
};

void TestFilterExpression::initTestCase()
{
    for (const FixtureSpec &spec : fixtureSpecs) {
        QFile file(QString::fromUtf8(HOOKSCOPE_FIXTURES_DIR) + u'/' + QString::fromUtf8(spec.file));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        Fixture fx;
        fx.body = file.readAll();
        fx.contentType = "application/json";
        const ParsedEvent parsed = EventParser::parse(fx.body, fx.contentType);
        fx.summary.id = m_fixtures.size() + 1;
        fx.summary.receivedAt = Now - 1000;
        Event parsedEvent;
        parsed.applyTo(parsedEvent);
        const qint64 id = fx.summary.id;
        const qint64 receivedAt = fx.summary.receivedAt;
        fx.summary = parsedEvent.summary;
        fx.summary.id = id;
        fx.summary.receivedAt = receivedAt;
        fx.summary.source = spec.source;
        fx.summary.status = spec.status;
        fx.summary.size = fx.body.size();
        QVERIFY(fx.summary.occurredAt != 0);
        m_fixtures.insert(QString::fromUtf8(spec.name), fx);
    }
    Fixture nots = m_fixtures.value(u"created"_s);
    nots.summary.occurredAt = 0;
    nots.summary.receivedAt = Now - 5 * 60 * 1000;
    m_fixtures.insert(u"nots"_s, nots);

    // The expectations below rely on these parser results; fail loudly if they change.
    QCOMPARE(m_fixtures[u"created"_s].summary.type, u"ticket:created"_s);
    QCOMPARE(m_fixtures[u"created"_s].summary.team, u"T123NHFDRF"_s);
    QCOMPARE(m_fixtures[u"created"_s].summary.actor, u"jo@acme.example"_s);
    QCOMPARE(m_fixtures[u"created"_s].summary.entity, u"#1042"_s);
    QCOMPARE(m_fixtures[u"created"_s].summary.summary, u"Charged twice for invoice 1042"_s);
    QCOMPARE(m_fixtures[u"priority"_s].summary.type, u"ticket:priority:changed"_s);
    QVERIFY(m_fixtures[u"priority"_s].summary.summary.contains(u"Urgent"_s));
    QCOMPARE(m_fixtures[u"comment"_s].summary.type, u"ticket:comment:created"_s);
    QVERIFY(m_fixtures[u"comment"_s].summary.summary.startsWith(u"Refund issued"_s));
    QCOMPARE(m_fixtures[u"deal"_s].summary.type, u"custom-object:deal:field-changed"_s);
    QCOMPARE(m_fixtures[u"account"_s].summary.type, u"account:updated"_s);
    QCOMPARE(m_fixtures[u"account"_s].summary.entity, u"ACC0001"_s);
    QCOMPARE(m_fixtures[u"account"_s].summary.team, QString());
    QCOMPARE(m_fixtures[u"legacy"_s].summary.type, u"request:created"_s);
    QCOMPARE(m_fixtures[u"created"_s].summary.occurredAt,
             QDateTime::fromString(u"2026-11-20T09:14:03.512Z"_s, Qt::ISODateWithMs)
                     .toMSecsSinceEpoch());
}

void TestFilterExpression::addMatchColumns()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<bool>("expected");
}

void TestFilterExpression::row(const char *filter, const char *fixture, bool expected)
{
    QTest::addRow("%s @ %s", filter, fixture)
            << QString::fromUtf8(filter) << QString::fromUtf8(fixture) << expected;
}

void TestFilterExpression::checkMatch(bool withPayload)
{
    QFETCH(QString, filter);
    QFETCH(QString, fixture);
    QFETCH(bool, expected);
    QVERIFY2(m_fixtures.contains(fixture), qPrintable(fixture));
    const Fixture &fx = m_fixtures[fixture];
    const FilterExpression expr = FilterExpression::parse(filter, Now);
    QVERIFY2(expr.isValid(),
             qPrintable(expr.errorMessage() + u" at column "_s
                        + QString::number(expr.errorColumn())));
    QCOMPARE(expr.errorColumn(), 0);
    QCOMPARE(expr.text(), filter);
    const EventPayload payload(fx.body, fx.contentType);
    QCOMPARE(expr.matches(fx.summary, withPayload ? &payload : nullptr), expected);
}

// ---------------------------------------------------------------------------------------

void TestFilterExpression::emptyInput_data()
{
    QTest::addColumn<QString>("filter");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << u"   "_s;
    QTest::newRow("tabs and newline") << u"\t \n"_s;
}

void TestFilterExpression::emptyInput()
{
    QFETCH(QString, filter);
    const FilterExpression expr = FilterExpression::parse(filter, Now);
    QVERIFY(expr.isValid());
    QVERIFY(expr.isEmpty());
    QVERIFY(!expr.needsPayload());
    QCOMPARE(expr.errorMessage(), QString());
    QCOMPARE(expr.errorColumn(), 0);
    QCOMPARE(expr.text(), filter);
    for (const Fixture &fx : std::as_const(m_fixtures)) {
        const EventPayload payload(fx.body, fx.contentType);
        QVERIFY(expr.matches(fx.summary, &payload));
        QVERIFY(expr.matches(fx.summary));
        QVERIFY(expr.matchWithoutPayload(fx.summary) == std::optional<bool>(true));
    }

    const FilterExpression defaulted;
    QVERIFY(defaulted.isValid());
    QVERIFY(defaulted.isEmpty());
    QVERIFY(defaulted.text().isEmpty());
    QVERIFY(defaulted.matches(m_fixtures[u"created"_s].summary));
}

void TestFilterExpression::typeGlobs_data()
{
    addMatchColumns();
    row("ticket:*", "created", true);
    row("ticket:*", "comment", true);
    row("ticket:*", "priority", true);
    row("ticket:*", "account", false);
    row("ticket:*", "legacy", false);
    row("ticket:created", "created", true);
    row("ticket:created", "comment", false); // whole-string, not substring
    row("ticket:comment:created", "comment", true);
    row("ticket:comment:created", "created", false);
    row("ticket:*:created", "comment", true);
    row("ticket:*:created", "created", false);
    row("*:created", "created", true);
    row("*:created", "comment", true);
    row("*:created", "legacy", true);
    row("*:created", "account", false);
    row("ticket:?reated", "created", true);
    row("ticket:?reated", "comment", false);
    row("ticket:create?", "created", true);
    row("ticket:created?", "created", false); // '?' needs exactly one character
    row("ticket:??????", "created", false);
    row("ticket:???????", "created", true);
    row("t*t:c*d", "created", true);
    row("t*t:c*d", "deal", false);
    row("type:ticket:*", "created", true);
    row("type:ticket:*", "account", false);
    row("type:account:updated", "account", true);
    row("custom-object:*", "deal", true);
    row("custom-object:*", "created", false);
    row("custom-object:*:field-changed", "deal", true);
    row("custom-object:*:created", "deal", false);
    row("account:*", "account", true);
    row("request:created", "legacy", true);
    row("ticket:", "created", false); // a glob like any other: matches "ticket:" only
    row("ticket:\"*\"", "created", false); // quoted '*' is a literal star
    row("ticket:\"created\"", "created", true); // quoted literal text still globs whole-string
}

void TestFilterExpression::typeGlobs()
{
    checkMatch(true);
}

void TestFilterExpression::fieldTerms_data()
{
    addMatchColumns();
    row("team:T123NHFDRF", "created", true);
    // An installation notice names every team: each one matches, so does the whole cell.
    row("team:T123NHFDRF", "install", true);
    row("team:T456QWERTY", "install", true);
    row("team:T456*", "install", true);
    row("team:\"T123NHFDRF,T456QWERTY\"", "install", true);
    row("team:T999*", "install", false);
    row("-team:T456QWERTY", "install", false);
    row("team:T123*", "created", true);
    row("team:T123*", "account", false);
    row("team:T123", "created", false); // whole-string glob
    row("team:\"\"", "account", true); // empty team
    row("team:\"\"", "created", false);
    row("source:local", "created", true);
    row("source:relay", "created", false);
    row("source:relay", "priority", true);
    row("status:repeat", "account", true);
    row("status:repeat", "created", false);
    row("status:ok", "created", true);
    row("actor:jo@acme.example", "created", true);
    row("actor:*@example.com", "priority", true);
    row("actor:*@example.com", "created", false);
    row("actor:jo*", "created", true);
    row("entity:#1042", "created", true);
    row("entity:#10??", "comment", true);
    row("entity:#104", "created", false);
    row("entity:ACC0001", "account", true);
    row("id:evt_01JD5K40A1B2C3D4E5F6G7H8J9", "created", true);
    row("id:evt_01JD5K40*", "created", true);
    row("id:evt_01JD5K40*", "priority", false);
    row("id:\"evt_01JD5K40*\"", "created", false); // quoted: literal star
    row("summary:\"charged twice\"", "created", true); // summary: looks inside
    row("summary:refund", "comment", true);
    row("summary:refund", "created", false);
    row("summary:high*urgent", "priority", true);
    row("type:ticket:created", "created", true);
    row("type:ticket:created", "priority", false);
}

void TestFilterExpression::fieldTerms()
{
    checkMatch(true);
}

void TestFilterExpression::timeTerms_data()
{
    // Now = 2026-11-20T10:00:00Z
    addMatchColumns();
    row("since:30m", "created", false); // 09:14 is 46 minutes ago
    row("since:30m", "priority", true); // 09:31
    row("since:30m", "comment", true);
    row("since:30m", "deal", true); // in the future
    row("since:1h", "created", true);
    row("since:1h", "account", false);
    row("since:15m", "comment", false); // 19m47s ago
    row("since:15m", "nots", true); // no occurredAt: receivedAt (5 min ago) counts
    row("since:600s", "nots", true);
    row("since:600s", "comment", false);
    row("since:1h30m", "created", true);
    row("since:1w", "account", false);
    row("since:400d", "account", true);
    row("until:30m", "created", true);
    row("until:30m", "priority", false);
    row("until:1h", "created", false);
    row("until:2m", "nots", true);
    row("until:6m", "nots", false);
    row("since:2026-11-20", "created", true);
    row("since:2026-11-20", "account", false);
    row("since:2026-11-20", "legacy", false);
    row("since:2026-11-20T09:30:00Z", "created", false);
    row("since:2026-11-20T09:30:00Z", "priority", true);
    row("since:2026-11-20T09:30", "priority", true); // no zone: UTC
    row("since:2026-11-20T09:30", "created", false);
    row("since:2026-11-20T10:30:00+01:00", "priority", true); // = 09:30Z
    row("since:2026-11-20T10:30:00+01:00", "created", false);
    row("since:2026-11-20T09:14:03.512Z", "created", true); // inclusive
    row("since:2026-11-20T09:14:03.513Z", "created", false);
    row("since:\"2026-11-20 09:30\"", "priority", true);
    row("until:2026-11-20", "created", true); // the whole day
    row("until:2026-11-20", "deal", true);
    row("until:2026-11-19", "created", false);
    row("until:2026-11-19", "account", true);
    row("until:2026-11-20T09:20:00Z", "created", true);
    row("until:2026-11-20T09:20:00Z", "priority", false);
    row("until:2026-11-20T09:50:00Z", "nots", false); // receivedAt 09:55
    row("since:2026-11-20 until:2026-11-20T09:35:00Z", "priority", true);
    row("since:2026-11-20 until:2026-11-20T09:35:00Z", "comment", false);
    row("since:2023-08-23 until:2023-08-23", "legacy", true);
    row("since:2023-08-24 until:2023-08-24", "legacy", false);
}

void TestFilterExpression::timeTerms()
{
    checkMatch(true);
}

void TestFilterExpression::receivedTerms_data()
{
    // Every fixture was received at 09:59:59 (Now - 1 s), "nots" at 09:55; they occurred
    // much earlier (created 09:14, legacy in 2023) or later (deal 10:02).
    addMatchColumns();
    row("received:2026-11-20T09:59:00Z..2026-11-20T10:00:00Z", "created", true);
    row("received:2026-11-20T09:59:00Z..2026-11-20T10:00:00Z", "legacy", true);
    row("received:2026-11-20T09:59:00Z..2026-11-20T10:00:00Z", "deal", true);
    row("received:2026-11-20T09:59:00Z..2026-11-20T10:00:00Z", "nots", false);
    // The same range on the event's own time misses them: what the sparkline used to write.
    row("since:2026-11-20T09:59:00Z until:2026-11-20T09:59:59.999Z", "created", false);
    row("received:2026-11-20T09:59:59Z..2026-11-20T09:59:59.001Z", "created", true);
    row("received:2026-11-20T09:59:59.001Z..", "created", false); // from is inclusive
    row("received:..2026-11-20T09:59:59Z", "created", false); // to is exclusive
    row("received:..2026-11-20T09:59:59.001Z", "created", true);
    row("received:2026-11-20T09:55:00Z..2026-11-20T09:56:00Z", "nots", true);
    row("received:2m", "created", true); // alone: since, on the received time
    row("received:2m", "nots", false);
    row("received:10m..2m", "nots", true);
    row("received:10m..2m", "created", false);
    row("received:2026-11-20..2026-11-21", "legacy", true); // a date is its midnight
    row("received:2026-11-21..", "created", false);
    row("RECEIVED:2m", "created", true);
    row("-received:2m", "created", false);
    row("ticket:* received:1m", "created", true);
    row("ticket:* received:1m", "account", false);
}

void TestFilterExpression::receivedTerms()
{
    checkMatch(true);
    checkMatch(false); // decided by the summary alone
    QFETCH(QString, filter);
    QVERIFY(!FilterExpression::parse(filter, Now).needsPayload());
}

void TestFilterExpression::receivedTermErrors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << u"received:"_s << u"expected a time after 'received:'"_s;
    QTest::newRow("only dots") << u"received:.."_s << u"expected a time before or after '..'"_s;
    QTest::newRow("bad from") << u"received:yesterday..1m"_s << u"unknown time 'yesterday'"_s;
    QTest::newRow("bad to") << u"received:1h..soon"_s << u"unknown time 'soon'"_s;
}

void TestFilterExpression::receivedTermErrors()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    const FilterExpression expr = FilterExpression::parse(filter, Now);
    QVERIFY(!expr.isValid());
    QVERIFY2(expr.errorMessage().startsWith(message), qPrintable(expr.errorMessage()));
}

void TestFilterExpression::editReceivedRange_data()
{
    const QString term = u"received:2026-11-20T09:00:00Z..2026-11-20T09:05:00Z"_s;
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("with"); // withReceivedRange(text, from, from + 5 min)
    QTest::addColumn<QString>("without"); // withoutReceivedRange(text)
    QTest::newRow("empty") << QString() << term << QString();
    QTest::newRow("terms") << u"ticket:* team:T1"_s << u"ticket:* team:T1 "_s + term
                           << u"ticket:* team:T1"_s;
    QTest::newRow("since/until are the user's")
            << u"since:1h until:5m"_s << u"since:1h until:5m "_s + term << u"since:1h until:5m"_s;
    QTest::newRow("replaces the previous range")
            << u"ticket:* received:1h..5m team:T1"_s << u"ticket:* team:T1 "_s + term
            << u"ticket:* team:T1"_s;
    QTest::newRow("any case") << u"Received:1h ticket:*"_s << u"ticket:* "_s + term
                              << u"ticket:*"_s;
    QTest::newRow("negated") << u"-received:1h ticket:*"_s << u"ticket:* "_s + term
                             << u"ticket:*"_s;
    QTest::newRow("top-level OR is grouped")
            << u"ticket:* OR account:*"_s << u"(ticket:* OR account:*) "_s + term
            << u"ticket:* OR account:*"_s;
    QTest::newRow("OR next to the range goes with it")
            << u"ticket:* OR received:1h"_s << u"ticket:* "_s + term << u"ticket:*"_s;
    QTest::newRow("operator after it")
            << u"received:1h AND ticket:*"_s << u"ticket:* "_s + term << u"ticket:*"_s;
    QTest::newRow("inside a group stays")
            << u"(received:1h OR ticket:*)"_s << u"(received:1h OR ticket:*) "_s + term
            << u"(received:1h OR ticket:*)"_s;
    QTest::newRow("quoted is a word")
            << u"\"received:1h\""_s << u"\"received:1h\" "_s + term << u"\"received:1h\""_s;
    QTest::newRow("only the range") << term << term << QString();
}

void TestFilterExpression::editReceivedRange()
{
    QFETCH(QString, text);
    QFETCH(QString, with);
    QFETCH(QString, without);
    const qint64 from = QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(FilterExpression::receivedRangeTerm(from, from + 5 * 60'000),
             u"received:2026-11-20T09:00:00Z..2026-11-20T09:05:00Z"_s);
    QCOMPARE(FilterExpression::receivedRangeTerm(from + 1, from + 2),
             u"received:2026-11-20T09:00:00.001Z..2026-11-20T09:00:00.002Z"_s);
    const QString edited = FilterExpression::withReceivedRange(text, from, from + 5 * 60'000);
    QCOMPARE(edited, with);
    QVERIFY2(FilterExpression::parse(edited, Now).isValid(), qPrintable(edited));
    QVERIFY(FilterExpression::hasTerm(
            edited, FilterExpression::receivedRangeTerm(from, from + 5 * 60'000)));
    QCOMPARE(FilterExpression::withoutReceivedRange(text), without);
    QVERIFY(!FilterExpression::hasTerm(
            without, FilterExpression::receivedRangeTerm(from, from + 5 * 60'000)));
}

void TestFilterExpression::payloadComparisons_data()
{
    addMatchColumns();
    // Wrapped body: resolves against message first, then the root.
    row("payload.ticket.priorityName=High", "created", true);
    row("message.payload.ticket.priorityName=High", "created", true);
    row("payload.ticket.priorityName==High", "created", true);
    row("payload.ticket.priorityName=\"High\"", "created", true);
    row("payload.ticket.priorityName=Urgent", "created", false);
    // Flat body.
    row("payload.ticket.priorityName=Urgent", "priority", true);
    row("payload.previousTicket.priorityName=High", "priority", true);
    row("payload.ticket.priorityName!=Urgent", "created", true);
    row("payload.ticket.priorityName!=Urgent", "priority", false);
    row("payload.ticket.priorityName~urg", "priority", true);
    row("payload.ticket.priorityName~urg", "created", false);
    row("payload.ticket.title~\"charged twice\"", "created", true);
    row("payload.ticket.statusName=Ope", "created", false); // = is equality, not prefix
    row("payload.ticket.priorityName>Abc", "created", true); // text order
    row("payload.ticket.priorityName<Abc", "created", false);
    // Numbers compare numerically (as text "1200000" < "999").
    row("payload.account.annualRevenue>1000000", "account", true);
    row("payload.account.annualRevenue>999", "account", true);
    row("payload.account.annualRevenue>1200000", "account", false);
    row("payload.account.annualRevenue>=1200000", "account", true);
    row("payload.account.annualRevenue<=1199999.5", "account", false);
    row("payload.account.annualRevenue<2e6", "account", true);
    row("payload.account.annualRevenue=1200000", "account", true);
    row("payload.account.annualRevenue=1.2e6", "account", true);
    row("payload.account.annualRevenue!=1200000.0", "account", false);
    row("payload.ticket.ticketId=1042", "created", true);
    row("payload.ticket.ticketId<999", "created", false);
    row("request.requestId>5", "legacy", true); // "42" is a number in a string
    row("request.requestId=42", "legacy", true);
    // Dates compare as times.
    row("payload.ticket.createdAt>2026-11-20", "created", true);
    row("payload.ticket.createdAt<2026-11-20T09:14:03.121Z", "created", true);
    row("payload.ticket.createdAt>2026-11-20T09:14:03.121Z", "created", false);
    row("payload.ticket.createdAt=2026-11-20T10:14:03.120+01:00", "created", true);
    row("message.timestamp>=2026-11-20T09:00:00Z", "created", true);
    row("timestamp<2026-11-20T09:00:00Z", "created", false);
    // Other JSON types.
    row("payload.ticket.isEscalated=false", "created", true);
    row("payload.ticket.isEscalated=true", "created", false);
    row("payload.ticket.tags=refund", "created", true); // any element
    row("payload.ticket.tags=urgent", "created", false);
    row("payload.ticket.tags!=refund", "created", false);
    row("payload.ticket.tags!=urgent", "created", true);
    row("payload.ticket.tags[0]=billing", "created", true);
    row("payload.ticket.tags.1=refund", "created", true);
    row("payload.ticket.customFields~enterprise", "created", true);
    row("payload.ticket.customer.name=\"Jo Doe\"", "created", true);
    row("payload.value=\"Closed won\"", "deal", true);
    row("payload.value~won", "deal", true);
    // The operator comes before the ':' here, so this is a comparison, not a glob.
    row("eventType=ticket:created", "created", true);
    row("eventType=ticket:created", "comment", false);
    row("message.eventId=evt_01JD5K40A1B2C3D4E5F6G7H8J9", "created", true);
    // \" inside quotes.
    row("request.description~\"\\\"please\\\"\"", "legacy", true);
    row("request.description~\"\\\"refund\\\"\"", "legacy", false);
}

void TestFilterExpression::payloadComparisons()
{
    checkMatch(true);
}

void TestFilterExpression::missingPaths_data()
{
    addMatchColumns();
    row("payload.ticket.nope=High", "created", false);
    row("payload.ticket.nope!=High", "created", true);
    row("payload.ticket.nope~h", "created", false);
    row("payload.ticket.nope>0", "created", false);
    row("payload.ticket.nope<0", "created", false);
    row("payload.ticket.nope>=0", "created", false);
    row("payload.ticket.nope<=0", "created", false);
    row("payload.ticket.nope=\"\"", "created", false);
    row("-payload.ticket.nope=x", "created", true);
    row("payload.account.annualRevenue>0", "created", false);
    row("payload.ticket.tags[5]=billing", "created", false);
    row("payload.ticket.assignedTo=\"\"", "created", true); // null is present, and empty
}

void TestFilterExpression::missingPaths()
{
    checkMatch(true);
}

void TestFilterExpression::bareWords_data()
{
    addMatchColumns();
    row("refund", "created", true); // body only ("refund the duplicate")
    row("refund", "comment", true); // summary
    row("refund", "account", false);
    row("\"charged twice\"", "created", true); // summary phrase
    row("\"twice charged\"", "created", false);
    row("charged twice", "created", true); // two words, ANDed
    row("charged twice", "legacy", true);
    row("charged twice", "account", false);
    row("T123NHFDRF", "created", true); // team
    row("jo@acme", "created", true); // actor
    row("#1042", "comment", true); // entity
    row("evt_01JD5KACC", "account", true); // eventId
    row("Acme", "account", true); // summary
    row("priority", "priority", true); // type
    row("Enterprise", "created", true); // body only
    row("\"Support EMEA\"", "created", true); // body phrase
    row("\"EMEA support\"", "created", false);
    row("nonexistentword", "created", false);
    row("ticket", "created", true);
    row("ticket*", "created", true); // not a glob: '*' only ends the word "ticket"
    row("tick*et", "created", false); // ... so this is "tick et", not a pattern
    row("\"ticket:created\"", "created", true); // quoted: substring, not a type glob
    row("\"ticket:created\"", "comment", false);
    row("\"a=b\"", "created", false); // quoted: not a comparison
    row("\"invoice 1042\"", "legacy", true);
    row("\"\"", "account", true); // empty phrase: everything contains it
    // In the body a term's words start body words (the full-text index's rules, BodyWords);
    // in the summary fields a term is any substring.
    row("refun", "created", true); // start of a body word
    row("REFUND", "created", true);
    row("efund", "created", false); // inside a body word: no
    row("efund", "comment", true); // inside the summary: yes
    row("\"Support EM\"", "created", true); // the last word may be cut short
    row("\"upport EMEA\"", "created", false); // the others are whole words
    row("\"Support E\"", "created", true);
    row("\"Sup EMEA\"", "created", false);
    row("Support-EMEA", "created", true); // punctuation only separates words
    row("\"support, emea!\"", "created", true);
    row("\"refund duplicate\"", "created", false); // not next to each other in the body
    row("\"duplicate. Customer\"", "created", true); // "...the duplicate.\", \"customerContact..."
    row("\"twice, please refund\"", "created", true);
    row("\"--\"", "created", false); // no letters or digits: never in a body
    row("\"2026-11-20T09:14\"", "created", true); // = "2026 11 20t09 14": words of the timestamp
    row("\"2026-11-20T09:15\"", "created", false);
    row("01JD5K3ZQ8X2", "created", true); // start of an id
    row("K3ZQ8X2", "created", false); // middle of an id
}

void TestFilterExpression::bareWords()
{
    checkMatch(true);
}

void TestFilterExpression::bodyWordsSplit_data()
{
    // The words FTS5's unicode61 tokenizer (remove_diacritics 1) produces for the same text;
    // tst_eventtablemodel checks the same rules against a real index.
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("punctuation") << u"{\"a_b\":\"C'd e-f\", x.y: 12.5, foo@bar.com}"_s
                                 << QStringList{ u"a"_s,   u"b"_s,   u"c"_s,  u"d"_s,  u"e"_s,
                                                 u"f"_s,   u"x"_s,   u"y"_s,  u"12"_s, u"5"_s,
                                                 u"foo"_s, u"bar"_s, u"com"_s };
    QTest::newRow("case") << u"Refund REFUNDED refund"_s
                          << QStringList{ u"refund"_s, u"refunded"_s, u"refund"_s };
    QTest::newRow("json escape glues its letter")
            << u"Hi,\\nRefund"_s << QStringList{ u"hi"_s, u"nrefund"_s };
    QTest::newRow("latin accents") << u"Café naïve ÉCOLE İstanbul Łódź Øre résumé"_s
                                   << QStringList{ u"cafe"_s, u"naive"_s, u"ecole"_s, u"istanbul"_s,
                                                   u"łodz"_s, u"øre"_s,   u"resume"_s };
    QTest::newRow("two accents stay") << u"Ǖ"_s << QStringList{ u"ǖ"_s };
    QTest::newRow("combining accent inside a word") << u"de\u0301f"_s << QStringList{ u"def"_s };
    QTest::newRow("other scripts fold but keep accents")
            << u"ΣΊΣΥΦΟΣ Ωμέγα ЁЖ straße ẞ"_s
            << QStringList{ u"σίσυφοσ"_s, u"ωμέγα"_s, u"ёж"_s, u"straße"_s, u"ß"_s };
    QTest::newRow("cjk runs") << u"中文字 日本語テスト"_s
                              << QStringList{ u"中文字"_s, u"日本語テスト"_s };
    QTest::newRow("numbers of all kinds")
            << u"½ ² ٣ Ⅳ"_s << QStringList{ u"½"_s, u"²"_s, u"٣"_s, u"ⅳ"_s };
    QTest::newRow("separators beyond ascii")
            << u"a\u00a0b\u2014c\u00b7d\u200de\u3000f😀g"_s
            << QStringList{ u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s };
    // Unknown to SQLite's Unicode 6.1 tables (🙂 is from 7.0; Ԩ 7.0): part of the word, as is.
    QTest::newRow("newer characters") << u"g🙂h Ԩa"_s << QStringList{ u"g🙂h"_s, u"Ԩa"_s };
}

void TestFilterExpression::bodyWordsSplit()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QCOMPARE(BodyWords::split(text), words);
}

void TestFilterExpression::bodyWordsPhrases()
{
    const BodyWords body(u"We were charged twice, please refund the duplicate."_s);
    QCOMPARE(body.count(), 8);
    QVERIFY(body.containsPhrase({ u"refund"_s }));
    QVERIFY(body.containsPhrase({ u"ref"_s }));
    QVERIFY(!body.containsPhrase({ u"fund"_s }));
    QVERIFY(body.containsPhrase({ u"charged"_s, u"twice"_s }));
    QVERIFY(body.containsPhrase({ u"charged"_s, u"tw"_s }));
    QVERIFY(!body.containsPhrase(
            { u"charge"_s, u"twice"_s })); // only the last word may be cut short
    QVERIFY(!body.containsPhrase({ u"twice"_s, u"charged"_s }));
    QVERIFY(body.containsPhrase({ u"the"_s, u"duplicate"_s }));
    QVERIFY(!body.containsPhrase({ u"duplicate"_s, u"x"_s })); // runs past the end
    QVERIFY(!body.containsPhrase({}));
    QVERIFY(!BodyWords().containsPhrase({ u"a"_s }));
}

void TestFilterExpression::bareWordsFromAnIndex()
{
    // Bare words are numbered in order; a lookup answers them instead of the payload.
    const FilterExpression expr = FilterExpression::parse(
            u"refund (\"charged twice\" OR -zzz) payload.ticket.priorityName=High"_s, Now);
    QVERIFY(expr.isValid());
    QCOMPARE(expr.bodyWords(), (QStringList{ u"refund"_s, u"charged twice"_s, u"zzz"_s }));
    QVERIFY(expr.hasPayloadComparisons());
    QVERIFY(expr.needsPayload());
    QVERIFY(!FilterExpression::parse(u"refund -ticket:*"_s).hasPayloadComparisons());
    QVERIFY(FilterExpression::parse(u"ticket:*"_s).bodyWords().isEmpty());

    const Fixture &account = m_fixtures[u"account"_s]; // none of the words is in its summary
    const EventPayload payload(account.body, account.contentType);
    QVector<int> asked;
    auto lookup = [&asked](bool refund, bool charged, bool zzz) {
        return [&asked, refund, charged, zzz](int index) {
            asked.append(index);
            return index == 0 ? refund : index == 1 ? charged : zzz;
        };
    };
    // The comparison still reads the payload (priorityName is missing here: false).
    QVERIFY(!expr.matches(account.summary, &payload, lookup(true, true, false)));
    const FilterExpression words =
            FilterExpression::parse(u"refund (\"charged twice\" OR -zzz)"_s, Now);
    asked.clear();
    QVERIFY(words.matches(account.summary, nullptr, lookup(true, false, false)));
    QCOMPARE(asked, (QVector<int>{ 0, 1, 2 }));
    QVERIFY(!words.matches(account.summary, nullptr, lookup(true, false, true)));
    QVERIFY(!words.matches(account.summary, nullptr, lookup(false, true, false)));
    // Without a lookup the payload answers: the account body has none of the words.
    QVERIFY(words.matches(account.summary, &payload) == false);
}

void TestFilterExpression::payloadComparisonShortcut()
{
    // = and ~ skip parsing a plain-ASCII body that lacks the value. The verdicts must be those
    // of a full evaluation: compare with the same body made non-ASCII (no shortcut then).
    QCOMPARE(EventPayload("{\"a\":\"URGENT\"}", "application/json").mayContainAscii("urgent"),
             true);
    QCOMPARE(EventPayload("{\"a\":\"High\"}", "application/json").mayContainAscii("urgent"), false);
    QCOMPARE(EventPayload("{\"a\":\"\\u0055rgent\"}", "application/json").mayContainAscii("urgent"),
             true);
    QCOMPARE(EventPayload("{\"a\":\"\xc3\xa9\"}", "application/json").mayContainAscii("urgent"),
             true);

    const QList<QByteArray> bodies = {
        R"({"ticket":{"priorityName":"URGENT","n":1e3,"m":-2.50,"big":1E21,"tags":["Billing","refund"],)"
        R"("obj":{"b":1,"a":"x y"},"t":true,"z":null,"s":"a:b, [c]"}})",
        R"({"ticket":{"priorityName":"Urgent-ish","tags":[],"obj":{}}})",
        R"({"message":{"ticket":{"priorityName":"urgent"}},"ticket":{"priorityName":"low"}})",
        R"({"ticket":{"priorityName":"\u0055rgent","s":"say \"hi\""}})",
        R"({"ticket" : { "priorityName" : "High" , "obj" : { "a" : "x y" } } })",
    };
    const QStringList filters = {
        u"ticket.priorityName=Urgent"_s,
        u"ticket.priorityName=urgent-ISH"_s,
        u"ticket.priorityName~urg"_s,
        u"ticket.priorityName~\"nt-i\""_s,
        u"ticket.priorityName!=urgent"_s,
        u"ticket.n=1000"_s,
        u"ticket.n~100"_s,
        u"ticket.n~e"_s,
        u"ticket.m~2.5"_s,
        u"ticket.big~e+"_s,
        u"ticket.big~\"e+21x\""_s,
        u"ticket.tags=REFUND"_s,
        u"ticket.tags~bill"_s,
        u"ticket.tags~\"\\\"B\""_s,
        u"ticket.obj~\"x y\""_s,
        u"ticket.obj~\"\\\"a\\\":\""_s,
        u"ticket.obj={\"a\":\"x y\",\"b\":1}"_s,
        u"ticket.obj=\"{}\""_s,
        u"ticket.t=TRUE"_s,
        u"ticket.t~ru"_s,
        u"ticket.z=null"_s,
        u"ticket.s~\"b, [\""_s,
        u"ticket.s~hi"_s,
        u"ticket.s=\"a:b, [c]\""_s,
        u"ticket.missing=x"_s,
        u"ticket.priorityName=High"_s,
        u"-ticket.priorityName~gent"_s,
    };
    int shortcuts = 0;
    for (const QByteArray &body : bodies) {
        // The same JSON with one more member that is not ASCII: never shortcut.
        QByteArray reference = body;
        reference.insert(reference.indexOf('{') + 1, QByteArray("\"zz\":\"\xc3\xa9\",  "));
        const EventPayload fast(body, "application/json");
        const EventPayload full(reference, "application/json");
        QVERIFY(full.mayContainAscii("not in there")); // non-ASCII: never sure
        for (const QString &filter : filters) {
            const FilterExpression expr = FilterExpression::parse(filter, Now);
            QVERIFY2(expr.isValid(), qPrintable(filter + u": "_s + expr.errorMessage()));
            EventSummary summary;
            const bool expected = expr.matches(summary, &full);
            QVERIFY2(expr.matches(summary, &fast) == expected,
                     qPrintable(filter + u" on "_s + QString::fromUtf8(body) + u" should be "_s
                                + (expected ? u"true"_s : u"false"_s)));
        }
        shortcuts += !fast.mayContainAscii("urgent");
    }
    QCOMPARE(shortcuts, 1); // the "High" body; the escaped one is never shortcut
    // Spot checks of the full evaluation the shortcut must not change.
    EventSummary summary;
    const EventPayload escaped(bodies.at(3), "application/json");
    QVERIFY(FilterExpression::parse(u"ticket.priorityName=Urgent"_s).matches(summary, &escaped));
    const EventPayload first(bodies.at(0), "application/json");
    QVERIFY(FilterExpression::parse(u"ticket.n~100"_s).matches(summary, &first)); // 1e3 is "1000"
    QVERIFY(FilterExpression::parse(u"ticket.obj~\"x y\""_s).matches(summary, &first));
}

void TestFilterExpression::summaryWordsMatchLikeQStringContains()
{
    // In the summary fields a bare word is QString::contains(word, Qt::CaseInsensitive), with a
    // fast path for ASCII words; compare both on random text, including characters that fold
    // to ASCII (K Kelvin sign, ſ long s) and ASCII punctuation next to letters ('@' / '`').
    const QString alphabet = u"aAbBkKsSzZ09@`[{_-.: éÉKſ"_s;
    quint32 state = 12345;
    auto next = [&state](quint32 bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    auto randomText = [&](int maxLength) {
        QString text;
        const int length = 1 + int(next(quint32(maxLength)));
        for (int i = 0; i < length; ++i)
            text.append(alphabet.at(qsizetype(next(quint32(alphabet.size())))));
        return text;
    };
    int hits = 0;
    for (int round = 0; round < 3000; ++round) {
        EventSummary summary;
        summary.summary = randomText(12);
        summary.team = randomText(4);
        const QString needle = randomText(3);
        const FilterExpression expr = FilterExpression::parse(u'"' + needle + u'"');
        QVERIFY(expr.isValid());
        const bool expected = summary.summary.contains(needle, Qt::CaseInsensitive)
                || summary.team.contains(needle, Qt::CaseInsensitive);
        const std::optional<bool> quick = expr.matchWithoutPayload(summary);
        QVERIFY2(quick.has_value() == expected,
                 qPrintable(u"«%1» in «%2» / «%3»"_s.arg(needle, summary.summary, summary.team)));
        hits += expected;
    }
    QVERIFY(hits > 300);
}

void TestFilterExpression::booleanLogic_data()
{
    addMatchColumns();
    row("ticket:* -ticket:comment:*", "created", true);
    row("ticket:* -ticket:comment:*", "comment", false);
    row("ticket:* !ticket:comment:*", "comment", false);
    row("ticket:* NOT ticket:comment:*", "comment", false);
    row("ticket:* NOT ticket:comment:*", "priority", true);
    row("-ticket:*", "account", true);
    row("-ticket:*", "created", false);
    row("--ticket:*", "created", true);
    row("NOT NOT ticket:*", "created", true);
    row("account:* OR ticket:created", "account", true);
    row("account:* OR ticket:created", "created", true);
    row("account:* OR ticket:created", "comment", false);
    row("account:* || ticket:created", "created", true);
    row("account:*||ticket:created", "created", true);
    // AND binds tighter than OR: account:* OR (ticket:created urgent).
    row("account:* OR ticket:created urgent", "account", true);
    row("account:* OR ticket:created urgent", "created", false);
    row("ticket:created urgent OR account:*", "account", true);
    row("(account:* OR ticket:created) urgent", "account", false);
    row("(account:* OR ticket:priority:changed) urgent", "priority", true);
    row("ticket:* AND refund", "comment", true);
    row("ticket:* && -urgent", "created", true);
    row("ticket:* && -urgent", "priority", false);
    row("-(ticket:* OR account:*)", "deal", true);
    row("-(ticket:* OR account:*)", "created", false);
    row("!(ticket:*)", "legacy", true);
    row("((ticket:created))", "created", true);
    row("ticket:*(team:T123* OR source:demo)", "created", true);
    row("ticket:* (team:T123* OR source:demo)", "deal", false);
    row("(ticket:* team:T123*) OR (account:* status:repeat)", "account", true);
    row("(ticket:* team:T123*) OR (account:* status:ok)", "account", false);
    row("account:* OR deal OR request:*", "legacy", true);
    row("account:* OR deal OR request:*", "deal", true);
    row("account:* OR deal OR request:*", "created", false);
    row("OR_not_a_keyword", "created", false); // only a standalone OR is the keyword
    row("ticket:created or account:*", "created", false); // lowercase "or" is a word
}

void TestFilterExpression::booleanLogic()
{
    checkMatch(true);
}

void TestFilterExpression::caseInsensitivity_data()
{
    addMatchColumns();
    row("TICKET:CREATED", "created", true);
    row("Ticket:*", "comment", true);
    row("TYPE:Ticket:*", "comment", true);
    row("Team:t123nhfdrf", "created", true);
    row("SOURCE:LOCAL", "created", true);
    row("status:REPEAT", "account", true);
    row("actor:JO@ACME.EXAMPLE", "created", true);
    row("entity:acc0001", "account", true);
    row("payload.ticket.priorityName=HIGH", "created", true);
    row("payload.ticket.priorityName!=high", "created", false);
    row("payload.ticket.title~CHARGED", "created", true);
    row("refUND", "created", true);
    row("\"CHARGED TWICE\"", "created", true);
    row("Since:1H", "created", true);
    row("UNTIL:1H", "created", false);
}

void TestFilterExpression::caseInsensitivity()
{
    checkMatch(true);
}

void TestFilterExpression::withoutPayload_data()
{
    addMatchColumns();
    row("payload.ticket.priorityName=High", "created", false);
    row("payload.ticket.priorityName!=High", "created", true); // missing -> != matches
    row("payload.ticket.priorityName~h", "created", false);
    row("refund", "created", false); // only in the body
    row("refund", "comment", true); // in the summary
    row("charged", "created", true);
    row("ticket:* -refund", "created", true);
    row("ticket:*", "created", true);
}

void TestFilterExpression::withoutPayload()
{
    checkMatch(false);
}

void TestFilterExpression::needsPayload_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("expected");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("glob") << u"ticket:*"_s << false;
    QTest::newRow("fields and time")
            << u"team:T1 since:2h until:2026-11-20 source:local"_s << false;
    QTest::newRow("negation and OR") << u"-status:repeat OR (actor:x id:y*)"_s << false;
    QTest::newRow("bare word") << u"refund"_s << true;
    QTest::newRow("quoted phrase") << u"ticket:* \"charged twice\""_s << true;
    QTest::newRow("comparison") << u"payload.x=1"_s << true;
    QTest::newRow("negated word") << u"ticket:* -refund"_s << true;
    QTest::newRow("nested") << u"account:* OR (ticket:* NOT payload.ticket.isEscalated=true)"_s
                            << true;
}

void TestFilterExpression::needsPayload()
{
    QFETCH(QString, filter);
    QFETCH(bool, expected);
    const FilterExpression expr = FilterExpression::parse(filter, Now);
    QVERIFY(expr.isValid());
    QCOMPARE(expr.needsPayload(), expected);
}

void TestFilterExpression::summaryPrefilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("verdict"); // 1 true, 0 false, -1 needs the payload
    auto add = [](const char *filter, const char *fixture, int verdict) {
        QTest::addRow("%s @ %s", filter, fixture)
                << QString::fromUtf8(filter) << QString::fromUtf8(fixture) << verdict;
    };
    add("ticket:*", "created", 1);
    add("ticket:*", "account", 0);
    add("payload.ticket.priorityName=High", "created", -1);
    add("account:* payload.x=1", "created", 0);
    add("ticket:* OR payload.x=1", "created", 1);
    add("ticket:* payload.x=1", "created", -1);
    add("charged", "created", 1); // hit in the summary decides
    add("refund", "created", -1); // might be in the body
    add("-charged", "created", 0);
    add("-refund", "created", -1);
    add("-refund", "account", -1);
    add("since:1h -refund", "account", 0);
    add("", "created", 1);
}

void TestFilterExpression::summaryPrefilter()
{
    QFETCH(QString, filter);
    QFETCH(QString, fixture);
    QFETCH(int, verdict);
    const FilterExpression expr = FilterExpression::parse(filter, Now);
    QVERIFY(expr.isValid());
    const std::optional<bool> quick = expr.matchWithoutPayload(m_fixtures[fixture].summary);
    QCOMPARE(quick.has_value(), verdict >= 0);
    if (quick)
        QCOMPARE(*quick, verdict == 1);
}

void TestFilterExpression::prefilterAgreesWithFullEvaluation()
{
    const QStringList filters = {
        u"ticket:*"_s,
        u"-ticket:comment:* team:T123*"_s,
        u"refund"_s,
        u"-refund"_s,
        u"charged OR account:*"_s,
        u"payload.ticket.priorityName=High"_s,
        u"payload.ticket.priorityName!=High"_s,
        u"-(payload.account.annualRevenue>5 OR since:30m)"_s,
        u"(ticket:* \"charged twice\") OR (status:repeat Acme)"_s,
        u"since:2026-11-20 -summary:*urgent*"_s,
    };
    int decided = 0;
    for (const QString &filter : filters) {
        const FilterExpression expr = FilterExpression::parse(filter, Now);
        QVERIFY2(expr.isValid(), qPrintable(filter));
        for (auto it = m_fixtures.cbegin(); it != m_fixtures.cend(); ++it) {
            const EventPayload payload(it->body, it->contentType);
            const std::optional<bool> quick = expr.matchWithoutPayload(it->summary);
            if (!expr.needsPayload())
                QVERIFY2(quick.has_value(), qPrintable(filter));
            if (!quick)
                continue;
            ++decided;
            const QString where = filter + u" @ "_s + it.key();
            QVERIFY2(expr.matches(it->summary, &payload) == *quick, qPrintable(where));
            QVERIFY2(expr.matches(it->summary, nullptr) == *quick, qPrintable(where));
        }
    }
    QVERIFY(decided > 20);
}

void TestFilterExpression::parseErrors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("column");

    QTest::newRow("unbalanced quote")
            << u"\"charged twice"_s << u"unbalanced quote: add a closing '\"'"_s << 1;
    QTest::newRow("unbalanced quote later")
            << u"ticket:* \"abc"_s << u"unbalanced quote: add a closing '\"'"_s << 10;
    QTest::newRow("escaped quote does not close")
            << u"\"abc\\\""_s << u"unbalanced quote: add a closing '\"'"_s << 1;
    QTest::newRow("missing )") << u"(ticket:* OR account:*"_s << u"missing ')'"_s << 1;
    QTest::newRow("doubled operator")
            << u"payload.ticket.priorityName>>3"_s
            << u"'>>' is not an operator: use = != ~ > < >= <= (quote a value that starts with one)"_s
            << 28;
    QTest::newRow("reversed operator")
            << u"a.b=<3"_s
            << u"'=<' is not an operator: use = != ~ > < >= <= (quote a value that starts with one)"_s
            << 4;
    QTest::newRow("missing outer )") << u"ticket:* (a (b c)"_s << u"missing ')'"_s << 10;
    QTest::newRow("lone (") << u"ticket:* ("_s << u"missing ')'"_s << 10;
    QTest::newRow("stray )") << u"ticket:*)"_s << u"unexpected ')' without a matching '('"_s << 9;
    QTest::newRow("stray ) first")
            << u") ticket:*"_s << u"unexpected ')' without a matching '('"_s << 1;
    QTest::newRow("empty parens") << u"ticket:* ()"_s
                                  << u"empty parentheses: put a term between '(' and ')'"_s << 10;
    QTest::newRow("OR first") << u"OR ticket:*"_s << u"OR needs a term on both sides"_s << 1;
    QTest::newRow("OR last") << u"ticket:* OR"_s << u"OR needs a term on both sides"_s << 10;
    QTest::newRow("|| last") << u"ticket:* || "_s << u"|| needs a term on both sides"_s << 10;
    QTest::newRow("OR OR") << u"a OR OR b"_s << u"OR needs a term on both sides"_s << 3;
    QTest::newRow("OR before )") << u"(ticket:* OR )"_s << u"OR needs a term on both sides"_s << 11;
    QTest::newRow("AND last") << u"ticket:* AND"_s << u"AND needs a term on both sides"_s << 10;
    QTest::newRow("&& last") << u"a && "_s << u"&& needs a term on both sides"_s << 3;
    QTest::newRow("NOT last") << u"ticket:* NOT"_s << u"NOT needs a term after it"_s << 10;
    QTest::newRow("dangling -") << u"- ticket:*"_s << u"'-' needs a term right after it"_s << 1;
    QTest::newRow("dangling !") << u"ticket:* !"_s << u"'!' needs a term right after it"_s << 10;
    QTest::newRow("since abc") << u"since:abc"_s
                               << u"unknown time 'since:abc' — use 15m, 2h, 7d or a date"_s << 7;
    QTest::newRow("until 5x") << u"ticket:* until:5x"_s
                              << u"unknown time 'until:5x' — use 15m, 2h, 7d or a date"_s << 16;
    QTest::newRow("bad date") << u"since:2026-13-45"_s
                              << u"unknown time 'since:2026-13-45' — use 15m, 2h, 7d or a date"_s
                              << 7;
    QTest::newRow("since empty") << u"since:"_s
                                 << u"expected a time after 'since:' — use 15m, 2h, 7d or a date"_s
                                 << 6;
    QTest::newRow("value after =")
            << u"payload.ticket.priorityName="_s << u"expected a value after '='"_s << 28;
    QTest::newRow("value after >=")
            << u"ticket:* payload.x>= team:a"_s << u"expected a value after '>='"_s << 19;
    QTest::newRow("value after team:") << u"team:"_s << u"expected a value after 'team:'"_s << 5;
    QTest::newRow("path before =")
            << u"=High"_s << u"expected a JSON path before '=', like payload.ticket.priorityName"_s
            << 1;
    QTest::newRow("path before >")
            << u"ticket:* >5"_s
            << u"expected a JSON path before '>', like payload.ticket.priorityName"_s << 10;
    QTest::newRow("path starts with digit")
            << u"5>3"_s
            << u"'5' is not a JSON path: paths start with a letter (quote the text to search for it)"_s
            << 1;
    QTest::newRow("bad path char") << u"a payload.ti%ket=1"_s
                                   << u"unexpected '%' in the JSON path 'payload.ti%ket'"_s << 13;
    QTest::newRow("colon first") << u":created"_s
                                 << u"expected a field or an event type before ':'"_s << 1;
}

void TestFilterExpression::parseErrors()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    QFETCH(int, column);
    const FilterExpression expr = FilterExpression::parse(filter, Now);
    QVERIFY(!expr.isValid());
    QCOMPARE(expr.errorMessage(), message);
    QCOMPARE(expr.errorColumn(), column);
    QCOMPARE(expr.text(), filter);
    // An invalid expression has no terms: it matches everything, and says so.
    QVERIFY(expr.isEmpty());
    QVERIFY(!expr.needsPayload());
    QVERIFY(expr.matches(m_fixtures[u"account"_s].summary));
}

void TestFilterExpression::validExpressionsReportNoError_data()
{
    QTest::addColumn<QString>("filter");
    QTest::newRow("unknown prefix is a type glob") << u"foo:bar"_s;
    QTest::newRow("trailing colon glob") << u"ticket:"_s;
    QTest::newRow("quoted empty value") << u"actor:\"\""_s;
    QTest::newRow("hyphen inside word") << u"custom-object:*"_s;
    QTest::newRow("negative number value") << u"payload.x>-5"_s;
    QTest::newRow("negated group") << u"-(a OR b)"_s;
    QTest::newRow("escaped backslash") << u"\"a\\\\\""_s;
    QTest::newRow("week and combined units") << u"since:1w until:1h30m"_s;
    QTest::newRow("offset time") << u"until:2026-11-20T10:30:00+01:00"_s;
    QTest::newRow("surrounding spaces") << u"  ticket:*   "_s;
}

void TestFilterExpression::validExpressionsReportNoError()
{
    QFETCH(QString, filter);
    const FilterExpression expr = FilterExpression::parse(filter, Now);
    QVERIFY2(expr.isValid(), qPrintable(expr.errorMessage()));
    QCOMPARE(expr.errorMessage(), QString());
    QCOMPARE(expr.errorColumn(), 0);
    QVERIFY(!expr.isEmpty());
}

void TestFilterExpression::copiesShareTheTree()
{
    FilterExpression copy;
    {
        const FilterExpression original =
                FilterExpression::parse(u"ticket:* -ticket:comment:*"_s, Now);
        copy = original;
        FilterExpression second(original);
        QVERIFY(second.matches(m_fixtures[u"created"_s].summary));
    }
    QCOMPARE(copy.text(), u"ticket:* -ticket:comment:*"_s);
    QVERIFY(copy.matches(m_fixtures[u"created"_s].summary));
    QVERIFY(!copy.matches(m_fixtures[u"comment"_s].summary));
    QVERIFY(!copy.matches(m_fixtures[u"account"_s].summary));

    FilterExpression broken = FilterExpression::parse(u"(a"_s, Now);
    const FilterExpression brokenCopy = broken;
    QCOMPARE(brokenCopy.errorMessage(), u"missing ')'"_s);
    QCOMPARE(brokenCopy.errorColumn(), 1);
}

void TestFilterExpression::relativeTimesUseNowFromParse()
{
    const EventSummary &created = m_fixtures[u"created"_s].summary; // 09:14:03.512Z
    // The same text against different "now"s.
    QVERIFY(FilterExpression::parse(u"since:1h"_s, Now).matches(created));
    QVERIFY(!FilterExpression::parse(u"since:1h"_s, Now + 60 * 60 * 1000).matches(created));
    // since:1h with now = occurredAt + 1h exactly: inclusive.
    QVERIFY(FilterExpression::parse(u"since:1h"_s, created.occurredAt + 60 * 60 * 1000)
                    .matches(created));
    QVERIFY(!FilterExpression::parse(u"since:1h"_s, created.occurredAt + 60 * 60 * 1000 + 1)
                     .matches(created));
    // nowMs = 0 means the wall clock: an event stamped just now is within the last minute,
    // the 2026 fixture is not within the last 30s... unless the clock says otherwise.
    EventSummary fresh = created;
    fresh.occurredAt = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(FilterExpression::parse(u"since:1m"_s).matches(fresh));
    fresh.occurredAt -= 2 * 60 * 1000;
    QVERIFY(!FilterExpression::parse(u"since:1m"_s).matches(fresh));
}

void TestFilterExpression::typeGlobOverManyRows()
{
    // The prefix fast path and the general matcher agree with a plain comparison over many
    // rows of alternating types (the timing of this loop is measured in bench/, not here).
    QList<EventSummary> rows;
    for (const Fixture &fx : std::as_const(m_fixtures))
        rows.append(fx.summary);
    int expectedPerRound = 0;
    for (const EventSummary &e : std::as_const(rows))
        expectedPerRound += e.type.startsWith(u"ticket:"_s) ? 1 : 0;
    QCOMPARE(expectedPerRound, 4); // created, priority, comment, nots

    const FilterExpression prefix = FilterExpression::parse(u"ticket:*"_s, Now);
    const FilterExpression general = FilterExpression::parse(u"t?cket:*:cre*"_s, Now);
    const int total = 100'000;
    int hits = 0, generalHits = 0;
    for (int i = 0; i < total; ++i) {
        const EventSummary &e = rows.at(i % rows.size());
        hits += prefix.matches(e) ? 1 : 0;
        generalHits += general.matches(e) ? 1 : 0;
    }

    int expectedHits = 0, expectedGeneral = 0;
    for (int i = 0; i < total; ++i) {
        const QString &type = rows.at(i % rows.size()).type;
        expectedHits += type.startsWith(u"ticket:"_s) ? 1 : 0;
        expectedGeneral += type == u"ticket:comment:created"_s ? 1 : 0;
    }
    QCOMPARE(hits, expectedHits);
    QCOMPARE(generalHits, expectedGeneral);
    QVERIFY(generalHits > 0);
}

void TestFilterExpression::typoHints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("hint"); // empty: none
    QTest::addRow("swapped letters") << u"tema:T123NHFDRF"_s << u"did you mean 'team:'"_s;
    QTest::addRow("letter missing") << u"staus:invalid"_s << u"did you mean 'status:'"_s;
    QTest::addRow("one letter off") << u"sorce:relay"_s << u"did you mean 'source:'"_s;
    QTest::addRow("the field itself") << u"team:T123NHFDRF"_s << QString();
    QTest::addRow("an event type") << u"user:created"_s << QString();
    QTest::addRow("account family") << u"account-note:comment:created"_s << QString();
    QTest::addRow("far from any field") << u"invoice:paid"_s << QString();
}

void TestFilterExpression::typoHints()
{
    QFETCH(QString, text);
    QFETCH(QString, hint);
    const FilterExpression f = FilterExpression::parse(text);
    QVERIFY2(f.isValid(), qPrintable(f.errorMessage()));
    if (hint.isEmpty()) {
        QVERIFY2(f.hints().isEmpty(), qPrintable(f.hints().join(u'\n')));
        return;
    }
    QCOMPARE(f.hints().size(), 1);
    QVERIFY2(f.hints().first().contains(hint), qPrintable(f.hints().first()));
}

QTEST_GUILESS_MAIN(TestFilterExpression)
#include "tst_filterexpression.moc"
