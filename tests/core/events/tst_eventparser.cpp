// SPDX-License-Identifier: MIT
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "core/events/endpointrole.h"
#include "core/events/eventkind.h"
#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/events/jsonpath.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

class tst_EventParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kinds_data();
    void kinds();
    void endpointRoles_data();
    void endpointRoles();
    void fixtures_data();
    void fixtures();
    void everyFixtureHasATypeAndSummary();
    void timestamps_data();
    void timestamps();
    void assignedTo_data();
    void assignedTo();
    void deepNesting();
    void nonUtf8Bytes();
    void emptyBody();
    void formUrlEncoded();
    void formWithJsonPayload();
    void invalidJsonReportsPosition();
    void unknownJson();
    void textAndBinary();
    void contentTypeCharset();
    void jsonPath_data();
    void jsonPath();
    void payloadViewResolvesWrappedAndRoot();
};

void tst_EventParser::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("shape");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("eventId");
    QTest::addColumn<QString>("team");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("occurredAt");

    QTest::addRow("wrapped ticket:created")
            << u"platform-ticket-created.json"_s << int(EnvelopeShape::Wrapped)
            << u"ticket:created"_s << u"evt_01JD5K40A1B2C3D4E5F6G7H8J9"_s << u"T123NHFDRF"_s
            << u"jo@acme.example"_s << u"#1042"_s << u"Charged twice for invoice 1042"_s
            << u"2026-11-20T09:14:03.512Z"_s;
    QTest::addRow("wrapped comment")
            << u"platform-ticket-comment-created.json"_s << int(EnvelopeShape::Wrapped)
            << u"ticket:comment:created"_s << u"evt_01JD5K9C0MMENT0000000000001"_s
            << u"T123NHFDRF"_s << u"sam@example.com"_s << u"#1042"_s
            << u"Refund issued, you'll see it in 3-5 days."_s << u"2026-11-20T09:40:12.900Z"_s;
    QTest::addRow("flat priority changed")
            << u"platform-ticket-priority-changed.json"_s << int(EnvelopeShape::Flat)
            << u"ticket:priority:changed"_s << u"evt_01JD5K7M9Q8W7E6R5T4Y3U2I1O"_s
            << u"T123NHFDRF"_s << u"sam@example.com"_s << u"#1042"_s
            << u"Charged twice for invoice 1042 (High → Urgent)"_s << u"2026-11-20T09:31:44.007Z"_s;
    QTest::addRow("flat account, unix seconds")
            << u"platform-account-updated.json"_s << int(EnvelopeShape::Flat)
            << u"account:updated"_s << u"evt_01JD5KACC0UNT000000000001"_s << QString()
            << u"sam@example.com"_s << u"ACC0001"_s << u"Acme Corp"_s
            << u"2025-11-20T09:40:00.000Z"_s;
    QTest::addRow("custom object")
            << u"platform-custom-object-deal-field-changed.json"_s << int(EnvelopeShape::Flat)
            << u"custom-object:deal:field-changed"_s << u"evt_01JD5KDEAL00000000000000001"_s
            << QString() << u"sam@example.com"_s << u"DEAL0007"_s
            << u"Acme renewal 2027: stage (Negotiation → Closed won)"_s
            << u"2026-11-20T10:02:00.000Z"_s;
    QTest::addRow("installation") << u"installation-app-installation.json"_s
                                  << int(EnvelopeShape::Installation) << u"app:installation"_s
                                  << QString() << u"T123NHFDRF,T456QWERTY"_s << u"U0AGENT01"_s
                                  << u"INST01JD5KXYZ"_s
                                  << u"Hookscope monitor installed on 2 teams"_s
                                  << u"2026-11-20T09:00:00.000Z"_s;
    QTest::addRow("legacy create")
            << u"legacy-request-created.json"_s << int(EnvelopeShape::Legacy)
            << u"request:created"_s << QString() << u"T123NHFDRF"_s << u"jo@acme.example"_s
            << u"#42"_s << u"Acme Corp – Duplicate charge refund"_s
            << u"2023-08-23T21:31:01.573Z"_s;
    QTest::addRow("legacy update")
            << u"legacy-request-updated.json"_s << int(EnvelopeShape::Legacy)
            << u"request:updated"_s << QString() << u"T123NHFDRF"_s << u"sam@example.com"_s
            << u"#42"_s << u"Acme Corp – Duplicate charge refund [ASSIGNED]"_s
            << u"2023-08-23T22:51:21.912Z"_s;
}

void tst_EventParser::fixtures()
{
    QFETCH(QString, file);
    QFETCH(int, shape);
    const ParsedEvent e = EventParser::parse(Fixtures::read(file), "application/json");
    QCOMPARE(int(e.shape), shape);
    QTEST(e.type, "type");
    QTEST(e.eventId, "eventId");
    QTEST(e.team, "team");
    QTEST(e.actor, "actor");
    QTEST(e.entity, "entity");
    QTEST(e.summary, "summary");
    QFETCH(QString, occurredAt);
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(e.occurredAt, Qt::UTC).toString(Qt::ISODateWithMs),
             occurredAt);
    QVERIFY(!e.isInvalid());
}

void tst_EventParser::everyFixtureHasATypeAndSummary()
{
    const QStringList files = Fixtures::eventFixtures();
    QVERIFY(files.size() >= 8);
    for (const QString &file : files) {
        const ParsedEvent e = EventParser::parse(Fixtures::read(file), "application/json");
        QVERIFY2(e.type != "unknown"_L1, qPrintable(file));
        QVERIFY2(!e.summary.isEmpty(), qPrintable(file));
        QVERIFY2(e.occurredAt > 0, qPrintable(file));
    }
}

void tst_EventParser::timestamps_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("expected");
    QTest::addRow("iso ms Z") << QByteArray(R"("2026-11-20T09:14:03.512Z")")
                              << Q_INT64_C(1795166043512);
    QTest::addRow("iso offset") << QByteArray(R"("2026-11-20T10:14:03+01:00")")
                                << Q_INT64_C(1795166043000);
    QTest::addRow("iso no zone is UTC")
            << QByteArray(R"("2026-11-20T09:14:03")") << Q_INT64_C(1795166043000);
    QTest::addRow("unix seconds") << QByteArray("1795166043") << Q_INT64_C(1795166043000);
    QTest::addRow("unix seconds fraction")
            << QByteArray("1795166043.5") << Q_INT64_C(1795166043500);
    QTest::addRow("unix ms") << QByteArray("1795166043512") << Q_INT64_C(1795166043512);
    QTest::addRow("seconds as string")
            << QByteArray(R"("1692826255.621649")") << Q_INT64_C(1692826255621);
    QTest::addRow("garbage") << QByteArray(R"("yesterday")") << Q_INT64_C(0);
    QTest::addRow("null") << QByteArray("null") << Q_INT64_C(0);
    QTest::addRow("negative") << QByteArray("-5") << Q_INT64_C(0);
    QTest::addRow("beyond year 9999") << QByteArray("1e19") << Q_INT64_C(0);
    QTest::addRow("huge") << QByteArray("1e300") << Q_INT64_C(0);
}

void tst_EventParser::timestamps()
{
    QFETCH(QByteArray, json);
    const QJsonValue v = QJsonDocument::fromJson("[" + json + "]").array().at(0);
    QTEST(EventParser::parseTimestamp(v), "expected");
}

void tst_EventParser::assignedTo_data()
{
    QTest::addColumn<QByteArray>("assignedTo");
    QTest::addColumn<QString>("summary");
    QTest::addRow("string") << QByteArray(R"("sam.agent")") << u"T → sam.agent"_s;
    QTest::addRow("object") << QByteArray(R"({"id":"U1","name":"Sam Agent","email":"sam@x"})")
                            << u"T → Sam Agent"_s;
    QTest::addRow("object names") << QByteArray(R"({"firstName":"Sam","lastName":"Agent"})")
                                  << u"T → Sam Agent"_s;
    QTest::addRow("array") << QByteArray(R"([{"name":"A"},"B",null,{"email":"c@x"}])")
                           << u"T → A, B, c@x"_s;
    QTest::addRow("null") << QByteArray("null") << u"T"_s;
    QTest::addRow("number") << QByteArray("42") << u"T"_s;
}

void tst_EventParser::assignedTo()
{
    QFETCH(QByteArray, assignedTo);
    QFETCH(QString, summary);
    const QByteArray body =
            R"({"eventId":"e1","eventType":"ticket:assigned","timestamp":1,"payload":{"ticket":{"title":"T","assignedTo":)"
            + assignedTo + "}}}";
    const ParsedEvent e = EventParser::parse(body, "application/json");
    QCOMPARE(e.type, u"ticket:assigned"_s);
    QCOMPARE(e.summary, summary);
}

void tst_EventParser::deepNesting()
{
    // 200 levels parse; the summary still comes from the envelope.
    QByteArray nested = "1";
    for (int i = 0; i < 200; ++i)
        nested = "{\"a\":" + nested + "}";
    const QByteArray body =
            R"({"eventId":"e","eventType":"ticket:updated","payload":{"ticket":{"title":"Deep","x":)"
            + nested + "}}}";
    const ParsedEvent ok = EventParser::parse(body, "application/json");
    QCOMPARE(ok.type, u"ticket:updated"_s);
    QCOMPARE(ok.summary, u"Deep"_s);

    // 10,000 levels exceed the JSON parser's depth limit: invalid, with a reason, no crash.
    const QByteArray deep = QByteArray(10000, '[') + QByteArray(10000, ']');
    const ParsedEvent bad = EventParser::parse(deep, "application/json");
    QVERIFY(bad.isInvalid());
    QVERIFY(!bad.error.isEmpty());
}

void tst_EventParser::nonUtf8Bytes()
{
    // Latin-1 "é" inside a JSON string is not UTF-8: the body is invalid JSON.
    const QByteArray body =
            "{\"eventType\":\"ticket:created\",\"payload\":{\"ticket\":{\"title\":\"caf\xe9\"}}}";
    const ParsedEvent e = EventParser::parse(body, "application/json");
    QVERIFY(e.isInvalid());
    QVERIFY2(e.error.contains(u"line 1"_s), qPrintable(e.error));

    // Undeclared non-UTF-8 bytes are binary.
    const ParsedEvent bin = EventParser::parse(QByteArray("\xff\xfe\x00\x01garbage", 11),
                                               "application/octet-stream");
    QCOMPARE(int(bin.shape), int(EnvelopeShape::Binary));
    QCOMPARE(bin.summary, u"11 bytes of binary data"_s);
}

void tst_EventParser::emptyBody()
{
    const ParsedEvent e = EventParser::parse({}, "application/json");
    QCOMPARE(int(e.shape), int(EnvelopeShape::Empty));
    QCOMPARE(e.type, u"unknown"_s);
    QVERIFY(!e.isInvalid());
}

void tst_EventParser::formUrlEncoded()
{
    const ParsedEvent e = EventParser::parse("name=Jo+Doe&email=jo%40acme.example",
                                             "application/x-www-form-urlencoded");
    QCOMPARE(int(e.shape), int(EnvelopeShape::Form));
    QCOMPARE(e.summary, u"form: name, email"_s);
    EventPayload payload("name=Jo+Doe&email=jo%40acme.example",
                         "application/x-www-form-urlencoded");
    QVERIFY(payload.text().contains(u"Jo Doe"_s));
    QVERIFY(payload.text().contains(u"jo@acme.example"_s));
}

void tst_EventParser::formWithJsonPayload()
{
    const QByteArray json = Fixtures::read(u"platform-account-updated.json"_s);
    const QByteArray body = "payload=" + json.toPercentEncoding();
    const ParsedEvent e =
            EventParser::parse(body, "application/x-www-form-urlencoded; charset=utf-8");
    QCOMPARE(e.type, u"account:updated"_s);
    QCOMPARE(e.entity, u"ACC0001"_s);
}

void tst_EventParser::invalidJsonReportsPosition()
{
    const ParsedEvent e = EventParser::parse("{\n  \"eventType\": \"ticket:created\",\n  oops\n}",
                                             "application/json");
    QVERIFY(e.isInvalid());
    QCOMPARE(e.type, u"unknown"_s);
    QVERIFY2(e.error.startsWith(u"invalid JSON at line 3, column"_s), qPrintable(e.error));
    // Without a content type, a body that looks like JSON is held to JSON rules too.
    QVERIFY(EventParser::parse("{\"a\":", {}).isInvalid());
}

void tst_EventParser::unknownJson()
{
    const ParsedEvent e = EventParser::parse(R"({"hello":"world","n":1})", "application/json");
    QCOMPARE(int(e.shape), int(EnvelopeShape::UnknownJson));
    QCOMPARE(e.type, u"unknown"_s);
    QCOMPARE(e.summary, u"JSON object {hello, n}"_s);
    const ParsedEvent arr = EventParser::parse("[1,2,3]", "application/json");
    QCOMPARE(arr.summary, u"JSON array of 3 items"_s);
}

void tst_EventParser::textAndBinary()
{
    const ParsedEvent e = EventParser::parse("ping from\nmonitoring", "text/plain");
    QCOMPARE(int(e.shape), int(EnvelopeShape::Text));
    QCOMPARE(e.summary, u"ping from monitoring"_s);
    const QString longText(500, u'x');
    QCOMPARE(EventParser::parse(longText.toUtf8(), "text/plain").summary.size(), 160);
}

void tst_EventParser::contentTypeCharset()
{
    const ParsedEvent e = EventParser::parse(Fixtures::read(u"platform-ticket-created.json"_s),
                                             "Application/JSON; charset=UTF-8");
    QCOMPARE(e.type, u"ticket:created"_s);
}

void tst_EventParser::jsonPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::addRow("nested") << u"payload.ticket.priorityName"_s << u"High"_s;
    QTest::addRow("number") << u"payload.ticket.ticketId"_s << u"1042"_s;
    QTest::addRow("bool") << u"payload.ticket.isEscalated"_s << u"false"_s;
    QTest::addRow("index brackets") << u"payload.ticket.tags[1]"_s << u"refund"_s;
    QTest::addRow("index dotted") << u"payload.ticket.tags.0"_s << u"billing"_s;
    QTest::addRow("array of objects")
            << u"payload.ticket.customFields[0].value"_s << u"Enterprise"_s;
    QTest::addRow("null") << u"payload.ticket.assignedTo"_s << QString();
    QTest::addRow("missing") << u"payload.nope.x"_s << QString();
    QTest::addRow("object compact")
            << u"actor"_s << uR"({"email":"jo@acme.example","id":"UCUST0001","type":"CUSTOMER"})"_s;
}

void tst_EventParser::jsonPath()
{
    QFETCH(QString, path);
    const QJsonObject root =
            QJsonDocument::fromJson(Fixtures::read(u"platform-ticket-created.json"_s)).object();
    const QJsonValue v = JsonPath::resolve(EventParser::eventObject(root), path);
    QTEST(JsonPath::toText(v), "expected");
}

void tst_EventParser::payloadViewResolvesWrappedAndRoot()
{
    const EventPayload wrapped(Fixtures::read(u"platform-ticket-created.json"_s),
                               "application/json");
    QCOMPARE(wrapped.value(u"payload.ticket.priorityName").toString(), u"High"_s);
    // Paths from the root of the body work too (messageAttributes sits beside "message").
    const EventPayload comment(Fixtures::read(u"platform-ticket-comment-created.json"_s),
                               "application/json");
    QCOMPARE(comment.value(u"messageAttributes.event_name.Value").toString(),
             u"ticket:comment:created"_s);
    QVERIFY(comment.value(u"nope").isUndefined());
    const EventPayload legacy(Fixtures::read(u"legacy-request-created.json"_s), "application/json");
    QCOMPARE(legacy.value(u"request.status").toString(), u"OPEN"_s);
}

void tst_EventParser::kinds_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("kind");
    QTest::addRow("ticket") << u"ticket:created"_s << u"ok"_s << u"ticket"_s;
    QTest::addRow("ticket comment") << u"ticket:comment:created"_s << u"ok"_s << u"comment"_s;
    QTest::addRow("reaction") << u"ticket:comment:reaction:added"_s << u"ok"_s << u"comment"_s;
    QTest::addRow("account comment")
            << u"account-note:comment:created"_s << u"ok"_s << u"comment"_s;
    QTest::addRow("account") << u"account:updated"_s << u"ok"_s << u"account"_s;
    QTest::addRow("account health") << u"account-health:changed"_s << u"repeat"_s << u"account"_s;
    QTest::addRow("not an account") << u"accounting:updated"_s << u"ok"_s << u"unknown"_s;
    QTest::addRow("user") << u"user:mentioned"_s << u"ok"_s << u"user"_s;
    QTest::addRow("organization") << u"organization:plan-changed"_s << u"ok"_s << u"organization"_s;
    QTest::addRow("custom object")
            << u"custom-object:deal:created"_s << u"ok"_s << u"custom-object"_s;
    QTest::addRow("installation") << u"app:installation"_s << u"ok"_s << u"app"_s;
    QTest::addRow("legacy") << u"request:updated"_s << u"ok"_s << u"request"_s;
    QTest::addRow("interactivity") << u"interactivity:request"_s << u"ok"_s << u"unknown"_s;
    QTest::addRow("unknown") << u"unknown"_s << u"ok"_s << u"unknown"_s;
    QTest::addRow("invalid wins") << u"ticket:created"_s << u"invalid"_s << u"invalid"_s;
}

void tst_EventParser::kinds()
{
    QFETCH(QString, type);
    QFETCH(QString, status);
    QFETCH(QString, kind);
    EventSummary s;
    s.type = type;
    s.status = status;
    QCOMPARE(EventKind::of(s), kind);
    QCOMPARE(EventKind::ofType(type),
             kind == "invalid"_L1           ? EventKind::ofType(type)
                     : kind == "unknown"_L1 ? QString()
                                            : kind);
}

void tst_EventParser::endpointRoles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("role");
    QTest::addRow("events") << u"/hooks/[secret]/events"_s << QString()
                            << int(EndpointRole::Events);
    QTest::addRow("installations")
            << u"/installations/"_s << QString() << int(EndpointRole::Installations);
    QTest::addRow("interactivity")
            << u"/x/interactivity"_s << u"token=a"_s << int(EndpointRole::Interactivity);
    QTest::addRow("menu, any case")
            << u"/x/Menu"_s << QString() << int(EndpointRole::MessageMenuOption);
    QTest::addRow("relay query") << u"/AbC123"_s << u"endpoint=menu"_s
                                 << int(EndpointRole::MessageMenuOption);
    QTest::addRow("path wins") << u"/x/events"_s << u"endpoint=menu"_s << int(EndpointRole::Events);
    QTest::addRow("root") << u"/"_s << QString() << int(EndpointRole::Unknown);
    QTest::addRow("other") << u"/hooks/abc"_s << u"endpoint=nope"_s << int(EndpointRole::Unknown);
    QTest::addRow("segment inside") << u"/events/more"_s << QString() << int(EndpointRole::Unknown);
}

void tst_EventParser::endpointRoles()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(int, role);
    QCOMPARE(int(EndpointRoles::of(path, query)), role);
    const QString label = EndpointRoles::typeLabel(EndpointRole(role));
    QCOMPARE(label.isEmpty(),
             role != int(EndpointRole::Interactivity)
                     && role != int(EndpointRole::MessageMenuOption));
}

QTEST_GUILESS_MAIN(tst_EventParser)
#include "tst_eventparser.moc"
