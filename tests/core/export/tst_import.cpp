// SPDX-License-Identifier: MIT
#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/importcommand.h"
#include "core/events/eventparser.h"
#include "core/export/eventexporter.h"
#include "core/export/eventimporter.h"
#include "core/export/harexporter.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// An event as the receiver builds it: request data plus the parser's view of the body.
Event makeEvent(const QByteArray &body, const QByteArray &contentType,
                const QString &path = u"/hooks/thena"_s, const QString &query = {},
                HeaderList extraHeaders = {}, const QString &method = u"POST"_s)
{
    Event e;
    e.summary.receivedAt = 1795166043512; // 2026-11-20T09:14:03.512Z
    e.summary.source = EventSource::Local;
    e.method = method;
    e.path = path;
    e.query = query;
    e.remoteAddress = u"127.0.0.1"_s;
    e.contentType = QString::fromLatin1(contentType);
    e.headers = { { "Host", "127.0.0.1:8787" }, { "User-Agent", "Thena-Webhooks/1.0" } };
    if (!contentType.isEmpty())
        e.headers.append({ "Content-Type", contentType });
    e.headers += extraHeaders;
    e.body = body;
    EventParser::parse(body, contentType).applyTo(e);
    return e;
}

struct Sample
{
    QString name;
    Event event;
};

QList<Sample> samples()
{
    QList<Sample> list;
    int n = 0;
    for (const QString &fixture : Fixtures::eventFixtures()) {
        Event e = makeEvent(Fixtures::read(fixture), "application/json");
        e.summary.receivedAt += ++n * 1000;
        list.append({ fixture, e });
    }
    QByteArray binary;
    for (int i = 0; i < 300; ++i)
        binary.append(char((i * 151 + 7) % 256));
    list.append({ u"binary"_s, makeEvent(binary, "application/octet-stream") });
    list.append({ u"form"_s,
                  makeEvent("ticket=1042&priority=Urgent&note=caf%C3%A9+au+lait",
                            "application/x-www-form-urlencoded") });
    list.append({ u"text"_s,
                  makeEvent(QByteArray("two\r\nlines \"quoted\" \xEF\xBB\xBF \xE2\x80\xA8 ")
                                    + QByteArray(1, '\0') + " end",
                            "text/plain") });
    list.append({ u"secrets"_s,
                  makeEvent(Fixtures::read(u"platform-ticket-created.json"_s), "application/json",
                            u"/hooks/[secret]"_s, u"token=s3cr3t&team=T1"_s,
                            { { "Authorization", "Bearer s3cr3t" }, { "X-Api-Key", "s3cr3t" } }) });
    list.append({ u"invalid json"_s, makeEvent(R"({"eventType": )", "application/json") });
    list.append({ u"scalar json"_s, makeEvent("42", "application/json") });
    list.append(
            { u"get without body"_s, makeEvent({}, {}, u"/health"_s, u"ping=1"_s, {}, u"GET"_s) });
    return list;
}

QList<Event> readAllEvents(const EventStore &store)
{
    QList<Event> events;
    store.forEachEvent([&events](const Event &e) {
        events.append(e);
        return true;
    });
    return events;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            && file.write(bytes) == bytes.size();
}

QByteArray jsonLine(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QStringList errorTexts(const EventImporter::Result &result)
{
    QStringList texts;
    for (const EventImporter::Error &e : result.errors)
        texts << e.toString();
    return texts;
}

// A HAR entry as browsers write them (only the members the importer needs, plus noise).
QJsonObject harEntry(const QString &url, const QString &text,
                     const QString &started = u"2026-11-20T09:14:03.512Z"_s)
{
    return QJsonObject{
        { u"startedDateTime"_s, started },
        { u"time"_s, 12.5 },
        { u"request"_s,
          QJsonObject{ { u"method"_s, u"POST"_s },
                       { u"url"_s, url },
                       { u"httpVersion"_s, u"HTTP/2"_s },
                       { u"headers"_s,
                         QJsonArray{ QJsonObject{ { u"name"_s, u":authority"_s },
                                                  { u"value"_s, u"example.com"_s } },
                                     QJsonObject{ { u"name"_s, u"content-type"_s },
                                                  { u"value"_s, u"application/json"_s } },
                                     QJsonObject{ { u"name"_s, u"cookie"_s },
                                                  { u"value"_s, u"sid=browser-secret"_s } } } },
                       { u"postData"_s,
                         QJsonObject{ { u"mimeType"_s, u"application/json"_s },
                                      { u"text"_s, text } } } } },
        { u"response"_s, QJsonObject{ { u"status"_s, 204 } } },
    };
}

QByteArray harDocument(const QJsonArray &entries)
{
    const QJsonObject log{ { u"version"_s, u"1.2"_s },
                           { u"creator"_s,
                             QJsonObject{ { u"name"_s, u"WebInspector"_s },
                                          { u"version"_s, u"537.36"_s } } },
                           { u"entries"_s, entries } };
    return QJsonDocument(QJsonObject{ { u"log"_s, log } }).toJson(QJsonDocument::Indented);
}

} // namespace

class tst_Import final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void detectFormat_data();
    void detectFormat();
    void formatFromName_data();
    void formatFromName();
    void jsonlRoundTrip_data();
    void jsonlRoundTrip();
    void malformedLines();
    void partialLines_data();
    void partialLines();
    void emptyFile_data();
    void emptyFile();
    void harWithBrokenEntries();
    void browserHar();
    void neither_data();
    void neither();
    void harSizeLimit();
    void errorListIsCapped();
    void batchesAndProgress();
    void cancel();
    void storeNotOpen();
    void commandLine_data();
    void commandLine();

private:
    QString newDataDir();
    QString file(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
    int m_dirs = 0;
    QList<QString> m_names;
    QList<Event> m_stored;
    QList<Event> m_imported;
    EventImporter::Result m_jsonlResult;
};

QString tst_Import::newDataDir()
{
    return m_dir.filePath(u"store-%1"_s.arg(++m_dirs));
}

QString tst_Import::file(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    if (!writeFile(path, bytes))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void tst_Import::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString jsonlPath = m_dir.filePath(u"archive.jsonl"_s);
    {
        EventStore store;
        QVERIFY2(store.open(newDataDir()), qPrintable(store.errorString()));
        for (const Sample &s : samples()) {
            m_names.append(s.name);
            store.submit(s.event);
        }
        store.flush();
        m_stored = readAllEvents(store);
        QCOMPARE(m_stored.size(), m_names.size());

        QFile out(jsonlPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        EventExporter exporter(&out,
                               EventExporter::Format::JsonLines); // default columns: the archive
        QVERIFY(store.forEachEvent([&exporter](const Event &e) { return exporter.write(e); }));
        QVERIFY2(exporter.finish(), qPrintable(exporter.errorString()));
    }
    EventStore store;
    QVERIFY2(store.open(newDataDir()), qPrintable(store.errorString()));
    EventImporter importer(&store);
    m_jsonlResult = importer.importFile(jsonlPath);
    m_imported = readAllEvents(store);
}

void tst_Import::detectFormat_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<EventImporter::Format>("format");

    using F = EventImporter::Format;
    QTest::addRow("har") << R"({"log":{"version":"1.2"}})"_ba << F::Har;
    QTest::addRow("har pretty") << "\xEF\xBB\xBF\n  {\n    \"log\" : {"_ba << F::Har;
    QTest::addRow("har head cut after key") << R"({"log")"_ba << F::Har;
    QTest::addRow("jsonl archive")
            << R"({"id":1,"received_at":"2026-11-20T09:14:03.512Z"})"_ba << F::JsonLines;
    QTest::addRow("jsonl with log-ish key") << R"({"logins":1})"_ba << F::JsonLines;
    QTest::addRow("empty") << QByteArray() << F::JsonLines;
    QTest::addRow("blank") << " \r\n\t\n"_ba << F::JsonLines;
    QTest::addRow("damaged first line") << "oops\n  {\"body_text\":\"x\"}\n"_ba << F::JsonLines;
    QTest::addRow("csv") << "id,received_at\n1,2\n"_ba << F::Auto;
    QTest::addRow("array") << "[{\"log\":{}}]"_ba << F::Auto;
    QTest::addRow("text") << "hello"_ba << F::Auto;
}

void tst_Import::detectFormat()
{
    QFETCH(QByteArray, head);
    QFETCH(EventImporter::Format, format);
    QCOMPARE(EventImporter::detectFormat(head), format);
}

void tst_Import::formatFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format"); // -1: not a format

    QTest::addRow("auto") << u"auto"_s << int(EventImporter::Format::Auto);
    QTest::addRow("jsonl") << u"jsonl"_s << int(EventImporter::Format::JsonLines);
    QTest::addRow("ndjson") << u"NDJSON"_s << int(EventImporter::Format::JsonLines);
    QTest::addRow("har") << u" HAR "_s << int(EventImporter::Format::Har);
    QTest::addRow("csv") << u"csv"_s << -1;
    QTest::addRow("empty") << QString() << -1;
}

void tst_Import::formatFromName()
{
    QFETCH(QString, name);
    QFETCH(int, format);
    const std::optional<EventImporter::Format> parsed = EventImporter::formatFromName(name);
    QCOMPARE(parsed ? int(*parsed) : -1, format);
}

void tst_Import::jsonlRoundTrip_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_names.size(); ++i)
        QTest::addRow("%s", qPrintable(m_names.at(i))) << i;
}

void tst_Import::jsonlRoundTrip()
{
    QFETCH(int, index);
    QVERIFY2(m_jsonlResult.ok(), qPrintable(m_jsonlResult.fatalError));
    QCOMPARE(m_jsonlResult.format, EventImporter::Format::JsonLines);
    QVERIFY2(m_jsonlResult.errors.isEmpty(), qPrintable(errorTexts(m_jsonlResult).join(u'\n')));
    QCOMPARE(m_jsonlResult.imported, qint64(m_stored.size()));
    QCOMPARE(m_imported.size(), m_stored.size());

    const Event &original = m_stored.at(index);
    const Event &imported = m_imported.at(index);
    QCOMPARE(imported.method, original.method);
    QCOMPARE(imported.path, original.path);
    QCOMPARE(imported.query, EventExporter::redactQuery(original.query));
    QCOMPARE(imported.headers, EventExporter::redactHeaders(original.headers));
    QCOMPARE(imported.contentType, original.contentType);
    QCOMPARE(imported.summary.receivedAt, original.summary.receivedAt);

    // The archive keeps text and binary bodies byte for byte; a JSON object or array body is
    // stored there re-serialised compactly, so that is what comes back (the same JSON).
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(original.body, &parseError);
    if (parseError.error == QJsonParseError::NoError && !json.isNull()) {
        QCOMPARE(imported.body, json.toJson(QJsonDocument::Compact));
        QCOMPARE(QJsonDocument::fromJson(imported.body), json);
    } else {
        QCOMPARE(imported.body, original.body);
    }

    QCOMPARE(imported.summary.type, original.summary.type);
    QCOMPARE(imported.summary.summary, original.summary.summary);
    QCOMPARE(imported.summary.eventId, original.summary.eventId);
    QCOMPARE(imported.summary.team, original.summary.team);
    QCOMPARE(imported.summary.actor, original.summary.actor);
    QCOMPARE(imported.summary.entity, original.summary.entity);
    QCOMPARE(imported.summary.occurredAt, original.summary.occurredAt);
    QCOMPARE(imported.summary.status, original.summary.status);
    QCOMPARE(imported.org, original.org);
    QCOMPARE(imported.summary.source, QString(EventSource::Import));
}

void tst_Import::malformedLines()
{
    const QByteArray good1 = jsonLine({ { u"received_at"_s, u"2026-11-20T09:14:03.512Z"_s },
                                        { u"body_text"_s, u"first"_s } });
    const QByteArray good2 =
            jsonLine({ { u"method"_s, u"PUT"_s },
                       { u"body_base64"_s, QString::fromLatin1("\x01\x02\xff"_ba.toBase64()) } });
    const QByteArray good3 =
            jsonLine({ { u"path"_s, u"/x"_s }, { u"body"_s, QJsonObject{ { u"a"_s, 1 } } } });
    const QByteArray data = good1 // 1
            + "this is not json\n" // 2
            + good2 // 3
            + "[1, 2]\n" // 4
            + "{\"foo\": 1}\n" // 5
            + "{\"received_at\": \"yesterday\", \"body_text\": \"x\"}\r\n" // 6
            + "{\"headers\": 5, \"body_text\": \"x\"}\n" // 7
            + "{\"body_base64\": \"***\"}\n" // 8
            + "   \n" // 9: blank, ignored
            + "{\"method\": 7}\n" // 10
            + "{\"headers\": [[\"a\"]], \"body_text\": \"x\"}\n" // 11
            + "{\"body_text\": \"unterminated\n" // 12
            + good3; // 13, no final newline
    const QString path = file(u"malformed.jsonl"_s, data.chopped(1));

    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);
    const EventImporter::Result result = importer.importFile(path);
    QVERIFY2(result.ok(), qPrintable(result.fatalError));
    QCOMPARE(result.imported, qint64(3));
    QCOMPARE(result.skipped, qint64(9));

    QList<qint64> lines;
    for (const EventImporter::Error &e : result.errors) {
        lines << e.line;
        QCOMPARE(e.entry, qint64(-1));
    }
    QCOMPARE(lines, (QList<qint64>{ 2, 4, 5, 6, 7, 8, 10, 11, 12 }));
    const QStringList texts = errorTexts(result);
    QVERIFY2(texts.at(0).startsWith(u"line 2: not valid JSON"_s), qPrintable(texts.at(0)));
    QCOMPARE(texts.at(1), u"line 4: not a JSON object"_s);
    QVERIFY2(texts.at(2).startsWith(u"line 5: no Hookscope event fields"_s),
             qPrintable(texts.at(2)));
    QCOMPARE(texts.at(3), u"line 6: \u201creceived_at\u201d is not an ISO 8601 time"_s);
    QCOMPARE(texts.at(4), u"line 7: \u201cheaders\u201d is not an array"_s);
    QCOMPARE(texts.at(5), u"line 8: \u201cbody_base64\u201d is not valid base64"_s);
    QCOMPARE(texts.at(6), u"line 10: \u201cmethod\u201d is not a string"_s);
    QCOMPARE(texts.at(7), u"line 11: headers[0] is not a [name, value] pair of strings"_s);
    QVERIFY2(texts.at(8).startsWith(u"line 12: not valid JSON"_s), qPrintable(texts.at(8)));

    const QList<Event> events = readAllEvents(store);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).body, "first"_ba);
    QCOMPARE(events.at(0).summary.receivedAt, qint64(1795166043512));
    QCOMPARE(events.at(1).method, u"PUT"_s);
    QCOMPARE(events.at(1).body, "\x01\x02\xff"_ba);
    QCOMPARE(events.at(2).path, u"/x"_s);
    QCOMPARE(events.at(2).body, R"({"a":1})"_ba);
}

void tst_Import::partialLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("summary");

    const QByteArray fixture = Fixtures::read(u"platform-ticket-created.json"_s);
    const QByteArray compact = QJsonDocument::fromJson(fixture).toJson(QJsonDocument::Compact);
    const ParsedEvent parsed = EventParser::parse(fixture, "application/json");

    QTest::addRow("only body_text") << R"({"body_text":"hello"})"_ba << u"POST"_s << u"/"_s
                                    << QString() << "hello"_ba << u"unknown"_s << u"hello"_s;
    QTest::addRow("JSON body, type from it")
            << R"({"body":)"_ba + compact + R"(,"type":"ignored:type"})"_ba << u"POST"_s << u"/"_s
            << QString() << compact << parsed.type << parsed.summary;
    QTest::addRow("content type from headers")
            << R"({"headers":[["Content-Type","application/json"]],"body_text":"{\"eventType\":\"ticket:created\"}"})"_ba
            << u"POST"_s << u"/"_s << u"application/json"_s
            << R"({"eventType":"ticket:created"})"_ba << u"ticket:created"_s << QString();
    QTest::addRow("headers as objects")
            << R"({"method":"PATCH","path":"/p","headers":[{"name":"X-A","value":"1"}]})"_ba
            << u"PATCH"_s << u"/p"_s << QString() << QByteArray() << u"unknown"_s
            << u"(empty body)"_s;
    // No body at all (a summary-only export): the line's own type and summary are kept.
    QTest::addRow("summary columns only")
            << R"({"id":7,"received_at":"2026-11-20T09:14:03.512Z","type":"ticket:created","summary":"Charged twice","team":"T1"})"_ba
            << u"POST"_s << u"/"_s << QString() << QByteArray() << u"ticket:created"_s
            << u"Charged twice"_s;
    QTest::addRow("plain body column") << R"({"type":"x","body":"a,b"})"_ba << u"POST"_s << u"/"_s
                                       << QString() << "a,b"_ba << u"unknown"_s << u"a,b"_s;
}

void tst_Import::partialLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QString, summary);

    QString error;
    const std::optional<Event> e =
            EventImporter::eventFromJsonLine(QJsonDocument::fromJson(line).object(), &error);
    QVERIFY2(e, qPrintable(error));
    QCOMPARE(e->method, method);
    QCOMPARE(e->path, path);
    QCOMPARE(e->contentType, contentType);
    QCOMPARE(e->body, body);
    QCOMPARE(e->summary.type, type);
    if (!summary.isNull())
        QCOMPARE(e->summary.summary, summary);
    QCOMPARE(e->summary.source, QString(EventSource::Import));
    QVERIFY(e->summary.receivedAt > 0);
}

void tst_Import::emptyFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<EventImporter::Format>("format");

    QTest::addRow("empty, auto") << QByteArray() << EventImporter::Format::Auto;
    QTest::addRow("blank lines") << "\n\r\n   \n"_ba << EventImporter::Format::Auto;
    QTest::addRow("empty, jsonl") << QByteArray() << EventImporter::Format::JsonLines;
}

void tst_Import::emptyFile()
{
    QFETCH(QByteArray, content);
    QFETCH(EventImporter::Format, format);

    const QString path = file(u"empty.jsonl"_s, content);
    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);
    const EventImporter::Result result = importer.importFile(path, format);
    QVERIFY2(result.ok(), qPrintable(result.fatalError));
    QCOMPARE(result.format, EventImporter::Format::JsonLines);
    QCOMPARE(result.imported, qint64(0));
    QCOMPARE(result.skipped, qint64(0));
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(store.count(), qint64(0));
}

void tst_Import::harWithBrokenEntries()
{
    QJsonObject noStart = harEntry(u"http://127.0.0.1/h"_s, u"{}"_s);
    noStart.remove(u"startedDateTime"_s);
    QJsonObject badBase64 = harEntry(u"http://127.0.0.1/h"_s, u"%%%"_s);
    QJsonObject request = badBase64.value("request"_L1).toObject();
    request[u"postData"_s] = QJsonObject{ { u"mimeType"_s, u"application/octet-stream"_s },
                                          { u"text"_s, u"%%%"_s },
                                          { u"_encoding"_s, u"base64"_s } };
    badBase64[u"request"_s] = request;
    QJsonObject badHeaders = harEntry(u"http://127.0.0.1/h"_s, u"{}"_s);
    request = badHeaders.value("request"_L1).toObject();
    request[u"headers"_s] = QJsonArray{ QJsonObject{ { u"name"_s, u"X"_s } } };
    badHeaders[u"request"_s] = request;

    const QJsonArray entries{
        harEntry(u"http://127.0.0.1:8787/hooks/thena?a=1"_s,
                 uR"({"eventType":"ticket:created"})"_s), // 0
        QJsonObject{ { u"startedDateTime"_s, u"2026-11-20T09:14:03.512Z"_s } }, // 1: no request
        harEntry(u"http://127.0.0.1/h"_s, u"{}"_s, u"last tuesday"_s), // 2
        badBase64, // 3
        u"not an entry"_s, // 4
        noStart, // 5
        harEntry(u"http://[broken"_s, u"{}"_s), // 6
        badHeaders, // 7
        harEntry(u"http://127.0.0.1:8787/second"_s, u"[]"_s,
                 u"2026-11-20T10:14:03.512+01:00"_s), // 8
    };
    const QString path = file(u"broken.har"_s, harDocument(entries));

    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);
    const EventImporter::Result result = importer.importFile(path);
    QVERIFY2(result.ok(), qPrintable(result.fatalError));
    QCOMPARE(result.format, EventImporter::Format::Har);
    QCOMPARE(result.imported, qint64(2));
    QCOMPARE(result.skipped, qint64(7));
    const QStringList texts = errorTexts(result);
    QCOMPARE(texts.size(), 7);
    QCOMPARE(texts.at(0), u"entry 1: no \u201crequest\u201d object"_s);
    QCOMPARE(texts.at(1), u"entry 2: \u201cstartedDateTime\u201d is not an ISO 8601 time"_s);
    QCOMPARE(texts.at(2), u"entry 3: \u201cpostData.text\u201d is not valid base64"_s);
    QCOMPARE(texts.at(3), u"entry 4: not a JSON object"_s);
    QCOMPARE(texts.at(4), u"entry 5: \u201cstartedDateTime\u201d is missing"_s);
    QVERIFY2(texts.at(5).startsWith(u"entry 6: request.\u201curl\u201d is not a URL"_s),
             qPrintable(texts.at(5)));
    QCOMPARE(texts.at(6),
             u"entry 7: request.headers[0] is not a {name, value} object of strings"_s);
    for (const EventImporter::Error &e : result.errors)
        QCOMPARE(e.line, qint64(0));

    const QList<Event> events = readAllEvents(store);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).path, u"/hooks/thena"_s);
    QCOMPARE(events.at(0).query, u"a=1"_s);
    QCOMPARE(events.at(0).summary.type, u"ticket:created"_s);
    QCOMPARE(events.at(1).path, u"/second"_s);
    QCOMPARE(events.at(1).summary.receivedAt, qint64(1795166043512)); // +01:00 taken into account
}

// A HAR as a browser writes it: HTTP/2 pseudo-headers, real cookies, form params only.
void tst_Import::browserHar()
{
    QJsonObject form = harEntry(u"https://example.com/submit?token=real-token&x=1"_s, {});
    QJsonObject request = form.value("request"_L1).toObject();
    request[u"postData"_s] = QJsonObject{
        { u"mimeType"_s, u"application/x-www-form-urlencoded"_s },
        { u"params"_s,
          QJsonArray{ QJsonObject{ { u"name"_s, u"a"_s }, { u"value"_s, u"1 2"_s } },
                      QJsonObject{ { u"name"_s, u"b"_s }, { u"value"_s, u"x&y"_s } } } }
    };
    QJsonArray headers = request.value("headers"_L1).toArray();
    headers.removeAt(1); // no content-type header: postData.mimeType says it
    request[u"headers"_s] = headers;
    form[u"request"_s] = request;
    const QString path = file(u"browser.har"_s, harDocument({ form }));

    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);
    const EventImporter::Result result = importer.importFile(path);
    QVERIFY2(result.ok() && result.errors.isEmpty(),
             qPrintable(result.fatalError + errorTexts(result).join(u'\n')));
    QCOMPARE(result.imported, qint64(1));
    const Event e = readAllEvents(store).value(0);
    QCOMPARE(e.path, u"/submit"_s);
    QCOMPARE(e.query, u"token=[redacted]&x=1"_s);
    QCOMPARE(e.headers,
             (HeaderList{ { "cookie", "[redacted]" } })); // pseudo-header dropped, cookie redacted
    QCOMPARE(e.contentType, u"application/x-www-form-urlencoded"_s);
    QCOMPARE(e.body, "a=1%202&b=x%26y"_ba);
    QCOMPARE(e.summary.source, QString(EventSource::Import));
}

void tst_Import::neither_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<EventImporter::Format>("format");
    QTest::addColumn<QString>("error");

    using F = EventImporter::Format;
    QTest::addRow("csv") << "id,received_at,type\n1,2026-11-20T09:14:03.512Z,x\n"_ba << F::Auto
                         << u"Neither JSON Lines nor a HAR file"_s;
    QTest::addRow("json array") << R"([{"body_text":"x"}])"_ba << F::Auto
                                << u"Neither JSON Lines nor a HAR file"_s;
    QTest::addRow("binary") << "\x89PNG\r\n\x1a\n\0\0"_ba << F::Auto
                            << u"Neither JSON Lines nor a HAR file"_s;
    QTest::addRow("har without entries") << R"({"log": {"version": "1.2"}})"_ba << F::Auto
                                         << u"Not a HAR file: log.entries is not an array"_s;
    QTest::addRow("log not an object") << R"({"log": 5})"_ba << F::Auto
                                       << u"Not a HAR file: there is no \u201clog\u201d object"_s;
    QTest::addRow("truncated har") << "{\"log\": {\n  \"entries\": [\n    {\"request\": "_ba
                                   << F::Auto << u"Not a valid HAR file: "_s;
    QTest::addRow("jsonl read as har")
            << "{\"body_text\":\"a\"}\n{\"body_text\":\"b\"}\n"_ba << F::Har
            << u"Not a valid HAR file: garbage at the end of the document at line 2, column 1"_s;
}

void tst_Import::neither()
{
    QFETCH(QByteArray, content);
    QFETCH(EventImporter::Format, format);
    QFETCH(QString, error);

    const QString path = file(u"neither.dat"_s, content);
    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);
    const EventImporter::Result result = importer.importFile(path, format);
    QVERIFY(!result.ok());
    QVERIFY2(result.fatalError.startsWith(error), qPrintable(result.fatalError));
    QCOMPARE(result.imported, qint64(0));
    QCOMPARE(store.count(), qint64(0));

    const EventImporter::Result missing =
            importer.importFile(m_dir.filePath(u"no-such-file.jsonl"_s));
    QCOMPARE(missing.fatalError, u"Cannot open the file: No such file or directory"_s);
}

// The real limit is 512 MiB; the same check with a small one, on a file and on a stream.
void tst_Import::harSizeLimit()
{
    const QByteArray har = harDocument({ harEntry(u"http://127.0.0.1/h"_s, u"{}"_s) });
    const QString path = file(u"limit.har"_s, har);
    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);

    importer.setMaxHarBytes(har.size());
    QCOMPARE(importer.importFile(path).imported, qint64(1));

    importer.setMaxHarBytes(100);
    const EventImporter::Result result = importer.importFile(path);
    QCOMPARE(result.fatalError,
             u"The HAR file is larger than 100 bytes, more than Hookscope reads at once; split it, "
             u"or export the "
             u"events as JSON Lines instead"_s);
    QCOMPARE(result.imported, qint64(0));

    // A pipe (standard input) has no size: it is read up to the limit, then refused.
    class Pipe final : public QIODevice
    {
    public:
        explicit Pipe(const QByteArray &data) : m_data(data) { open(QIODevice::ReadOnly); }
        bool isSequential() const override { return true; }
        qint64 bytesAvailable() const override
        {
            return m_data.size() - m_read + QIODevice::bytesAvailable();
        }

    protected:
        qint64 readData(char *out, qint64 max) override
        {
            const qint64 n = qMin(max, m_data.size() - m_read);
            memcpy(out, m_data.constData() + m_read, size_t(n));
            m_read += n;
            return n;
        }
        qint64 writeData(const char *, qint64) override { return -1; }

    private:
        QByteArray m_data;
        qint64 m_read = 0;
    };
    Pipe pipe(har);
    QVERIFY(importer.importDevice(&pipe, EventImporter::Format::Har)
                    .fatalError.startsWith(u"The HAR file is larger"_s));
    QCOMPARE(store.count(), qint64(1));

    importer.setMaxHarBytes(EventImporter::MaxHarBytes);
    Pipe whole(har);
    const EventImporter::Result wholeResult = importer.importDevice(&whole);
    QVERIFY2(wholeResult.ok(), qPrintable(wholeResult.fatalError));
    QCOMPARE(wholeResult.imported, qint64(1));
}

void tst_Import::errorListIsCapped()
{
    QByteArray data;
    for (int i = 0; i < 150; ++i)
        data += "nonsense\n";
    data += R"({"body_text":"survivor"})"_ba;
    const QString path = file(u"many-errors.jsonl"_s, data);
    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);
    const EventImporter::Result result = importer.importFile(path);
    QCOMPARE(result.imported, qint64(1));
    QCOMPARE(result.skipped, qint64(150));
    QCOMPARE(result.errors.size(), EventImporter::MaxReportedErrors);
    QCOMPARE(result.errors.last().line, qint64(EventImporter::MaxReportedErrors));
}

void tst_Import::batchesAndProgress()
{
    QByteArray data;
    for (int i = 0; i < 1200; ++i)
        data += jsonLine({ { u"received_at"_s, EventExporter::formatTime(1795166043512 + i) },
                           { u"body_text"_s, QString::number(i) } });
    const QString path = file(u"many.jsonl"_s, data);

    EventStore store;
    QVERIFY(store.open(newDataDir()));
    QSignalSpy added(&store, &EventStore::eventsAdded);
    EventImporter importer(&store);
    importer.setBatchSize(500);
    QSignalSpy progress(&importer, &EventImporter::progress);
    const EventImporter::Result result = importer.importFile(path);
    QVERIFY2(result.ok(), qPrintable(result.fatalError));
    QCOMPARE(result.imported, qint64(1200));
    QCOMPARE(store.count(), qint64(1200));

    // One commit per batch, progress after each; the total is the file size.
    QCOMPARE(progress.size(), 3);
    QCOMPARE(progress.at(0).at(2).toLongLong(), qint64(500));
    QCOMPARE(progress.at(1).at(2).toLongLong(), qint64(1000));
    QCOMPARE(progress.at(2).at(2).toLongLong(), qint64(1200));
    QCOMPARE(progress.at(2).at(0).toLongLong(), qint64(data.size()));
    QCOMPARE(progress.at(2).at(1).toLongLong(), qint64(data.size()));
    QVERIFY(progress.at(0).at(0).toLongLong() < progress.at(1).at(0).toLongLong());
    QCOMPARE(added.size(), 3);

    const QList<Event> events = readAllEvents(store);
    QCOMPARE(events.first().body, "0"_ba);
    QCOMPARE(events.last().body, "1199"_ba);
    QCOMPARE(events.last().summary.receivedAt, qint64(1795166043512 + 1199));
}

void tst_Import::cancel()
{
    QByteArray data;
    for (int i = 0; i < 100; ++i)
        data += jsonLine({ { u"body_text"_s, QString::number(i) } });
    const QString path = file(u"cancel.jsonl"_s, data);

    EventStore store;
    QVERIFY(store.open(newDataDir()));
    EventImporter importer(&store);
    importer.setBatchSize(10);
    connect(&importer, &EventImporter::progress, &importer,
            [&importer](qint64, qint64, qint64 imported) {
                if (imported >= 30)
                    importer.cancel();
            });
    const EventImporter::Result result = importer.importFile(path);
    QVERIFY(result.cancelled);
    QVERIFY(!result.ok());
    QCOMPARE(result.imported, qint64(30));
    QCOMPARE(store.count(), qint64(30)); // what was committed stays

    // The next import starts afresh.
    const EventImporter::Result again =
            importer.importFile(file(u"one.jsonl"_s, R"({"body_text":"x"})"_ba));
    QVERIFY(again.ok());
    QCOMPARE(again.imported, qint64(1));
}

void tst_Import::storeNotOpen()
{
    EventStore store; // never opened
    EventImporter importer(&store);
    const EventImporter::Result result =
            importer.importFile(file(u"one.jsonl"_s, R"({"body_text":"x"})"_ba));
    QVERIFY(!result.ok());
    QVERIFY2(result.fatalError.contains(u"not open"_s), qPrintable(result.fatalError));
    QCOMPARE(result.imported, qint64(0));
}

void tst_Import::commandLine_data()
{
    QTest::addColumn<QStringList>("files"); // created in a fresh data dir's sibling folder
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<qint64>("stored");

    const QStringList none;
    QTest::addRow("jsonl") << QStringList{ u"good.jsonl"_s } << none << 0 << qint64(2);
    QTest::addRow("har") << QStringList{ u"good.har"_s } << none << 0 << qint64(1);
    QTest::addRow("both") << QStringList{ u"good.jsonl"_s, u"good.har"_s } << none << 0
                          << qint64(3);
    QTest::addRow("forced har") << QStringList{ u"good.har"_s }
                                << QStringList{ u"--format"_s, u"HAR"_s } << 0 << qint64(1);
    QTest::addRow("some bad lines") << QStringList{ u"mixed.jsonl"_s } << none << 0 << qint64(1);
    QTest::addRow("missing file") << QStringList{ u"missing.jsonl"_s } << none << 1 << qint64(0);
    QTest::addRow("missing among good")
            << QStringList{ u"good.jsonl"_s, u"missing.jsonl"_s } << none << 1 << qint64(2);
    QTest::addRow("empty file") << QStringList{ u"empty.jsonl"_s } << none << 1 << qint64(0);
    QTest::addRow("neither") << QStringList{ u"neither.csv"_s } << none << 1 << qint64(0);
    QTest::addRow("har read as jsonl")
            << QStringList{ u"good.har"_s } << QStringList{ u"--format"_s, u"jsonl"_s } << 1
            << qint64(0);
    QTest::addRow("no files") << QStringList() << none << 2 << qint64(-1);
    QTest::addRow("bad format") << QStringList{ u"good.jsonl"_s }
                                << QStringList{ u"--format"_s, u"xml"_s } << 2 << qint64(-1);
    QTest::addRow("unknown option") << QStringList{ u"good.jsonl"_s }
                                    << QStringList{ u"--frobnicate"_s } << 2 << qint64(-1);
    QTest::addRow("help") << QStringList() << QStringList{ u"--help"_s } << 0 << qint64(-1);
}

void tst_Import::commandLine()
{
    QFETCH(QStringList, files);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(qint64, stored);

    QTemporaryDir inputs;
    QVERIFY(inputs.isValid());
    writeFile(inputs.filePath(u"good.jsonl"_s),
              R"({"body_text":"one"})"
              "\n"
              R"({"body_text":"two"})"
              "\n"_ba);
    writeFile(inputs.filePath(u"mixed.jsonl"_s), "oops\n{\"body_text\":\"ok\"}\n"_ba);
    writeFile(inputs.filePath(u"empty.jsonl"_s), {});
    writeFile(inputs.filePath(u"neither.csv"_s), "a,b\n1,2\n"_ba);
    writeFile(inputs.filePath(u"good.har"_s),
              harDocument({ harEntry(u"http://127.0.0.1/h"_s, u"{}"_s) }));

    const QString dataDir = newDataDir();
    QStringList arguments{ u"--data-dir"_s, dataDir };
    arguments += options;
    for (const QString &f : files)
        arguments << inputs.filePath(f);
    QCOMPARE(runImport(arguments), exitCode);

    if (stored >= 0) {
        EventStore store;
        QVERIFY(store.open(dataDir));
        QCOMPARE(store.count(), stored);
    }
}

QTEST_GUILESS_MAIN(tst_Import)
#include "tst_import.moc"
