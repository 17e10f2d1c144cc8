// SPDX-License-Identifier: MIT
#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "core/events/eventparser.h"
#include "core/export/eventexporter.h"
#include "core/export/eventimporter.h"
#include "core/export/harexporter.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// --- A structural validator for HAR 1.2 ------------------------------------------------------
//
// Encodes the object model of the HAR 1.2 spec (http://www.softwareishard.com/blog/har-12-spec/),
// with the required/optional split of the JSON Schema most HAR validators use (har-schema);
// tests/fixtures/har-1.2-schema-notes.md lists it. Beyond member presence and JSON types it
// checks what the spec states in prose: startedDateTime is ISO 8601 with a zone, timings are
// >= -1 with send/wait/receive present, entry.time is the sum of the timings that are not -1,
// postData text and params are mutually exclusive, request.url is an absolute URL, and every
// member that is not in the spec starts with '_' (the spec's rule for custom fields).
namespace HarSchema {

enum class Type { String, Number, Integer, Boolean, Object, Array, StringOrNull, ObjectOrNull };

struct Schema;

struct Member
{
    QLatin1StringView name;
    Type type;
    bool required;
    const Schema *schema = nullptr; // members of an object, or of each array item
};

struct Schema
{
    QLatin1StringView name;
    std::vector<Member> members;
};

constexpr bool Req = true;
constexpr bool Opt = false;

// clang-format off

const Schema NameValue{"nameValue"_L1,
                       {{"name"_L1, Type::String, Req}, {"value"_L1, Type::String, Req}, {"comment"_L1, Type::String, Opt}}};
const Schema Creator{"creator"_L1,
                     {{"name"_L1, Type::String, Req}, {"version"_L1, Type::String, Req}, {"comment"_L1, Type::String, Opt}}};
const Schema PageTimings{"pageTimings"_L1,
                         {{"onContentLoad"_L1, Type::Number, Opt}, {"onLoad"_L1, Type::Number, Opt}, {"comment"_L1, Type::String, Opt}}};
const Schema Page{"page"_L1,
                  {{"startedDateTime"_L1, Type::String, Req},
                   {"id"_L1, Type::String, Req},
                   {"title"_L1, Type::String, Req},
                   {"pageTimings"_L1, Type::Object, Req, &PageTimings},
                   {"comment"_L1, Type::String, Opt}}};
const Schema Cookie{"cookie"_L1,
                    {{"name"_L1, Type::String, Req},
                     {"value"_L1, Type::String, Req},
                     {"path"_L1, Type::String, Opt},
                     {"domain"_L1, Type::String, Opt},
                     {"expires"_L1, Type::StringOrNull, Opt},
                     {"httpOnly"_L1, Type::Boolean, Opt},
                     {"secure"_L1, Type::Boolean, Opt},
                     {"comment"_L1, Type::String, Opt}}};
const Schema Param{"param"_L1,
                   {{"name"_L1, Type::String, Req},
                    {"value"_L1, Type::String, Opt},
                    {"fileName"_L1, Type::String, Opt},
                    {"contentType"_L1, Type::String, Opt},
                    {"comment"_L1, Type::String, Opt}}};
const Schema PostData{"postData"_L1,
                      {{"mimeType"_L1, Type::String, Req},
                       {"params"_L1, Type::Array, Opt, &Param},
                       {"text"_L1, Type::String, Opt},
                       {"comment"_L1, Type::String, Opt}}};
const Schema Request{"request"_L1,
                     {{"method"_L1, Type::String, Req},
                      {"url"_L1, Type::String, Req},
                      {"httpVersion"_L1, Type::String, Req},
                      {"cookies"_L1, Type::Array, Req, &Cookie},
                      {"headers"_L1, Type::Array, Req, &NameValue},
                      {"queryString"_L1, Type::Array, Req, &NameValue},
                      {"postData"_L1, Type::Object, Opt, &PostData},
                      {"headersSize"_L1, Type::Integer, Req},
                      {"bodySize"_L1, Type::Integer, Req},
                      {"comment"_L1, Type::String, Opt}}};
const Schema Content{"content"_L1,
                     {{"size"_L1, Type::Integer, Req},
                      {"compression"_L1, Type::Integer, Opt},
                      {"mimeType"_L1, Type::String, Req},
                      {"text"_L1, Type::String, Opt},
                      {"encoding"_L1, Type::String, Opt},
                      {"comment"_L1, Type::String, Opt}}};
const Schema Response{"response"_L1,
                      {{"status"_L1, Type::Integer, Req},
                       {"statusText"_L1, Type::String, Req},
                       {"httpVersion"_L1, Type::String, Req},
                       {"cookies"_L1, Type::Array, Req, &Cookie},
                       {"headers"_L1, Type::Array, Req, &NameValue},
                       {"content"_L1, Type::Object, Req, &Content},
                       {"redirectURL"_L1, Type::String, Req},
                       {"headersSize"_L1, Type::Integer, Req},
                       {"bodySize"_L1, Type::Integer, Req},
                       {"comment"_L1, Type::String, Opt}}};
const Schema CacheEntry{"cacheEntry"_L1,
                        {{"expires"_L1, Type::String, Opt},
                         {"lastAccess"_L1, Type::String, Req},
                         {"eTag"_L1, Type::String, Req},
                         {"hitCount"_L1, Type::Integer, Req},
                         {"comment"_L1, Type::String, Opt}}};
const Schema Cache{"cache"_L1,
                   {{"beforeRequest"_L1, Type::ObjectOrNull, Opt, &CacheEntry},
                    {"afterRequest"_L1, Type::ObjectOrNull, Opt, &CacheEntry},
                    {"comment"_L1, Type::String, Opt}}};
const Schema Timings{"timings"_L1,
                     {{"blocked"_L1, Type::Number, Opt},
                      {"dns"_L1, Type::Number, Opt},
                      {"connect"_L1, Type::Number, Opt},
                      {"send"_L1, Type::Number, Req},
                      {"wait"_L1, Type::Number, Req},
                      {"receive"_L1, Type::Number, Req},
                      {"ssl"_L1, Type::Number, Opt},
                      {"comment"_L1, Type::String, Opt}}};
const Schema Entry{"entry"_L1,
                   {{"pageref"_L1, Type::String, Opt},
                    {"startedDateTime"_L1, Type::String, Req},
                    {"time"_L1, Type::Number, Req},
                    {"request"_L1, Type::Object, Req, &Request},
                    {"response"_L1, Type::Object, Req, &Response},
                    {"cache"_L1, Type::Object, Req, &Cache},
                    {"timings"_L1, Type::Object, Req, &Timings},
                    {"serverIPAddress"_L1, Type::String, Opt},
                    {"connection"_L1, Type::String, Opt},
                    {"comment"_L1, Type::String, Opt}}};
const Schema Log{"log"_L1,
                 {{"version"_L1, Type::String, Req},
                  {"creator"_L1, Type::Object, Req, &Creator},
                  {"browser"_L1, Type::Object, Opt, &Creator},
                  {"pages"_L1, Type::Array, Opt, &Page},
                  {"entries"_L1, Type::Array, Req, &Entry},
                  {"comment"_L1, Type::String, Opt}}};
const Schema Root{"har"_L1, {{"log"_L1, Type::Object, Req, &Log}}};
// clang-format on

bool hasType(const QJsonValue &v, Type type)
{
    switch (type) {
    case Type::String:
        return v.isString();
    case Type::Number:
        return v.isDouble();
    case Type::Integer:
        return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
    case Type::Boolean:
        return v.isBool();
    case Type::Object:
        return v.isObject();
    case Type::Array:
        return v.isArray();
    case Type::StringOrNull:
        return v.isString() || v.isNull();
    case Type::ObjectOrNull:
        return v.isObject() || v.isNull();
    }
    return false;
}

const char *typeName(Type type)
{
    switch (type) {
    case Type::String:
        return "a string";
    case Type::Number:
        return "a number";
    case Type::Integer:
        return "an integer";
    case Type::Boolean:
        return "a boolean";
    case Type::Object:
        return "an object";
    case Type::Array:
        return "an array";
    case Type::StringOrNull:
        return "a string or null";
    case Type::ObjectOrNull:
        return "an object or null";
    }
    return "?";
}

void validateObject(const QJsonObject &o, const Schema &schema, const QString &path,
                    QStringList &errors);

// The rules the spec states in prose, per object kind.
void validateRules(const QJsonObject &o, const Schema &schema, const QString &path,
                   QStringList &errors)
{
    if (&schema == &Entry) {
        static const QRegularExpression iso(
                uR"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$)"_s);
        const QString started = o.value("startedDateTime"_L1).toString();
        if (!iso.match(started).hasMatch()
            || !QDateTime::fromString(started, Qt::ISODateWithMs).isValid())
            errors << path + u".startedDateTime is not ISO 8601 with a zone: "_s + started;
        const QJsonObject timings = o.value("timings"_L1).toObject();
        double sum = 0;
        for (auto it = timings.begin(); it != timings.end(); ++it) {
            if (it.key() == "comment"_L1 || it.key().startsWith(u'_') || !it.value().isDouble())
                continue;
            if (it.value().toDouble() < -1)
                errors << path + u".timings."_s + it.key() + u" is below -1"_s;
            else if (it.value().toDouble() >= 0
                     && it.key() != "ssl"_L1) // ssl is included in connect
                sum += it.value().toDouble();
        }
        const double time = o.value("time"_L1).toDouble();
        if (time < 0 || std::abs(time - sum) > 0.001)
            errors << path + u".time %1 is not the sum of the timings (%2)"_s.arg(time).arg(sum);
    } else if (&schema == &Request) {
        // An absolute URI by RFC 3986's character rules (har-schema: "format": "uri").
        static const QRegularExpression uri(
                uR"(^https?://[A-Za-z0-9\-._~!$&'()*+,;=:@%\[\]]+(/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?(\?[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?(#[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$)"_s);
        static const QRegularExpression badEscape(u"%(?![0-9A-Fa-f]{2})"_s);
        const QString url = o.value("url"_L1).toString();
        if (!uri.match(url).hasMatch() || badEscape.match(url).hasMatch()
            || !QUrl(url, QUrl::StrictMode).isValid())
            errors << path + u".url is not an absolute URL: "_s + url;
    } else if (&schema == &PostData) {
        if (o.contains("text"_L1) && o.contains("params"_L1))
            errors << path + u": text and params are mutually exclusive"_s;
    }
}

void validateValue(const QJsonValue &v, const Member &m, const QString &path, QStringList &errors)
{
    if (!hasType(v, m.type)) {
        errors << u"%1 is not %2"_s.arg(path, QLatin1StringView(typeName(m.type)));
        return;
    }
    if (!m.schema)
        return;
    if (v.isObject()) {
        validateObject(v.toObject(), *m.schema, path, errors);
    } else if (v.isArray()) {
        const QJsonArray items = v.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString itemPath = u"%1[%2]"_s.arg(path).arg(i);
            if (!items.at(i).isObject())
                errors << itemPath + u" is not an object"_s;
            else
                validateObject(items.at(i).toObject(), *m.schema, itemPath, errors);
        }
    }
}

void validateObject(const QJsonObject &o, const Schema &schema, const QString &path,
                    QStringList &errors)
{
    for (const Member &m : schema.members) {
        const QString memberPath = path.isEmpty() ? QString(m.name) : path + u'.' + m.name;
        if (!o.contains(m.name)) {
            if (m.required)
                errors << memberPath + u" is missing"_s;
            continue;
        }
        validateValue(o.value(m.name), m, memberPath, errors);
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key().startsWith(u'_'))
            continue; // custom fields are allowed anywhere
        const bool known = std::any_of(schema.members.begin(), schema.members.end(),
                                       [&](const Member &m) { return m.name == it.key(); });
        if (!known)
            errors << u"%1: unknown member \u201c%2\u201d in %3 (custom fields must start with _)"_s
                              .arg(path.isEmpty() ? u"(root)"_s : path, it.key(),
                                   QString(schema.name));
    }
    validateRules(o, schema, path, errors);
}

// Empty when `doc` is a valid HAR 1.2 document; else one message per problem, with its path.
QStringList validate(const QJsonDocument &doc)
{
    QStringList errors;
    if (!doc.isObject())
        return { u"the document is not a JSON object"_s };
    validateObject(doc.object(), Root, {}, errors);
    if (doc.object().value("log"_L1).toObject().value("version"_L1).toString() != "1.2"_L1)
        errors << u"log.version is not 1.2"_s;
    return errors;
}

} // namespace HarSchema

// Replaces (or, with no value, removes) the member at a '/'-separated path; numbers index arrays.
QJsonValue edit(const QJsonValue &node, QStringList path, const std::optional<QJsonValue> &value)
{
    const QString key = path.takeFirst();
    bool isIndex = false;
    const int index = key.toInt(&isIndex);
    if (isIndex) {
        QJsonArray array = node.toArray();
        if (path.isEmpty()) {
            if (value)
                array[index] = *value;
            else
                array.removeAt(index);
        } else {
            array[index] = edit(array.at(index), path, value);
        }
        return array;
    }
    QJsonObject object = node.toObject();
    if (path.isEmpty()) {
        if (value)
            object[key] = *value;
        else
            object.remove(key);
    } else {
        object[key] = edit(object.value(key), path, value);
    }
    return object;
}

// A write-only device that accepts `limit` bytes and then fails, like a full disk.
class LimitedDevice final : public QIODevice
{
public:
    explicit LimitedDevice(qint64 limit = std::numeric_limits<qint64>::max()) : m_limit(limit)
    {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    qint64 accepted() const { return m_accepted; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        if (m_accepted + len > m_limit) {
            setErrorString(u"No space left on device (simulated)"_s);
            return -1;
        }
        m_accepted += len;
        return len;
    }

private:
    qint64 m_limit;
    qint64 m_accepted = 0;
};

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

QByteArray binaryBody()
{
    QByteArray bytes;
    for (int i = 0; i < 512; ++i)
        bytes.append(char((i * 151 + 7) % 256)); // every byte value, not valid UTF-8
    return bytes;
}

// The secrets planted in one event; none of them may appear in the export.
const QList<QByteArray> Secrets{ "s3cr3t-auth",  "s3cr3t-cookie", "s3cr3t-key",
                                 "s3cr3t-token", "s3cr3t-apikey", "s3cr3t-proxy" };

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
    list.append({ u"secrets"_s,
                  makeEvent(Fixtures::read(u"platform-ticket-created.json"_s), "application/json",
                            u"/hooks/[secret]/x y/caf\u00e9"_s,
                            u"token=s3cr3t-token&team=T1&api_key=s3cr3t-apikey&q=a%20b"_s,
                            { { "Authorization", "Bearer s3cr3t-auth" },
                              { "Cookie", "session=s3cr3t-cookie" },
                              { "X-Api-Key", "s3cr3t-key" },
                              { "Proxy-Authorization", "Basic s3cr3t-proxy" } }) });
    list.append({ u"binary"_s, makeEvent(binaryBody(), "application/octet-stream") });
    list.append({ u"form"_s,
                  makeEvent("ticket=1042&priority=Urgent&note=caf%C3%A9+au+lait&x=%26",
                            "application/x-www-form-urlencoded") });
    list.append(
            { u"tricky text"_s,
              makeEvent(
                      QByteArray(
                              "line1\r\nline2\t\"q\" \\ \xEF\xBB\xBF bom \xE2\x80\xA8 ls \x01 ctl ")
                              + QByteArray(1, '\0') + "nul \xF0\x9F\x98\x80 \xEF\xBF\xBF end",
                      "text/plain; charset=utf-8") });
    list.append({ u"invalid json"_s,
                  makeEvent(R"({"eventType": "ticket:created", )", "application/json") });
    list.append(
            { u"get without body"_s, makeEvent({}, {}, u"/health"_s, u"ping=1"_s, {}, u"GET"_s) });
    Event noHost = makeEvent(R"({"hello":"world"})", "application/json", u"/"_s);
    noHost.headers.removeFirst();
    list.append({ u"no host header"_s, noHost });
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

} // namespace

class tst_Har final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void documentIsValidHar();
    void validatorRejects_data();
    void validatorRejects();
    void entries_data();
    void entries();
    void secretsRedacted();
    void roundTrip_data();
    void roundTrip();
    void requestUrl_data();
    void requestUrl();
    void emptyExport();
    void streams();
    void deviceErrors_data();
    void deviceErrors();

private:
    void addSampleRows();

    QTemporaryDir m_dir;
    QList<QString> m_names;
    QList<Event> m_stored; // as store A returns them
    QList<Event> m_imported; // the HAR imported into store B
    QByteArray m_har;
    QJsonDocument m_doc;
    EventImporter::Result m_importResult;
};

void tst_Har::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString dirA = m_dir.filePath(u"a"_s);
    const QString dirB = m_dir.filePath(u"b"_s);
    const QString harPath = m_dir.filePath(u"events.har"_s);

    // Store A: the samples, stored the way the receiver stores them.
    {
        EventStore store;
        QVERIFY2(store.open(dirA), qPrintable(store.errorString()));
        for (const Sample &s : samples()) {
            m_names.append(s.name);
            store.submit(s.event);
        }
        store.flush();
        m_stored = readAllEvents(store);
        QCOMPARE(m_stored.size(), m_names.size());

        QFile file(harPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        HarExporter exporter(&file);
        QVERIFY(exporter.begin());
        QVERIFY(store.forEachEvent([&exporter](const Event &e) { return exporter.write(e); }));
        QVERIFY2(exporter.finish(), qPrintable(exporter.errorString()));
        QCOMPARE(exporter.rowsWritten(), qint64(m_stored.size()));
        QCOMPARE(exporter.bytesWritten(), file.size());
    }

    // For cross-checking with an outside HAR validator: HOOKSCOPE_TEST_KEEP_HAR=<file>.
    if (const QString keep = qEnvironmentVariable("HOOKSCOPE_TEST_KEEP_HAR"); !keep.isEmpty()) {
        QFile::remove(keep);
        QVERIFY(QFile::copy(harPath, keep));
    }

    QFile file(harPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_har = file.readAll();
    QJsonParseError error{};
    m_doc = QJsonDocument::fromJson(m_har, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

    // Store B: the HAR imported back.
    EventStore store;
    QVERIFY2(store.open(dirB), qPrintable(store.errorString()));
    EventImporter importer(&store);
    m_importResult = importer.importFile(harPath);
    m_imported = readAllEvents(store);
}

void tst_Har::documentIsValidHar()
{
    const QStringList errors = HarSchema::validate(m_doc);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    const QJsonObject log = m_doc.object().value("log"_L1).toObject();
    QCOMPARE(log.value("version"_L1).toString(), u"1.2"_s);
    QCOMPARE(log.value("creator"_L1).toObject().value("name"_L1).toString(), u"Hookscope"_s);
    QCOMPARE(log.value("creator"_L1).toObject().value("version"_L1).toString(),
             QStringLiteral(HOOKSCOPE_VERSION));
    QCOMPARE(log.value("entries"_L1).toArray().size(), m_stored.size());
}

// The validator itself: each row breaks one rule of the spec in the exported document.
void tst_Har::validatorRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value"); // Undefined: remove the member
    QTest::addColumn<QString>("expected");

    const QJsonValue remove(QJsonValue::Undefined);
    QTest::addRow("no log.version") << u"log/version"_s << remove << u"log.version is missing"_s;
    QTest::addRow("version 1.1") << u"log/version"_s << QJsonValue(u"1.1"_s)
                                 << u"log.version is not 1.2"_s;
    QTest::addRow("creator.name number")
            << u"log/creator/name"_s << QJsonValue(5) << u"log.creator.name is not a string"_s;
    QTest::addRow("no creator.version")
            << u"log/creator/version"_s << remove << u"log.creator.version is missing"_s;
    QTest::addRow("entries object")
            << u"log/entries"_s << QJsonValue(QJsonObject()) << u"log.entries is not an array"_s;
    QTest::addRow("entry a string")
            << u"log/entries/0"_s << QJsonValue(u"x"_s) << u"log.entries[0] is not an object"_s;
    QTest::addRow("no timings") << u"log/entries/0/timings"_s << remove
                                << u"log.entries[0].timings is missing"_s;
    QTest::addRow("no timings.wait") << u"log/entries/0/timings/wait"_s << remove
                                     << u"log.entries[0].timings.wait is missing"_s;
    QTest::addRow("timing below -1")
            << u"log/entries/0/timings/send"_s << QJsonValue(-2) << u"timings.send is below -1"_s;
    QTest::addRow("time not the sum")
            << u"log/entries/0/time"_s << QJsonValue(12) << u"is not the sum of the timings"_s;
    QTest::addRow("no cache") << u"log/entries/0/cache"_s << remove
                              << u"log.entries[0].cache is missing"_s;
    QTest::addRow("zone-less time")
            << u"log/entries/0/startedDateTime"_s << QJsonValue(u"2026-11-20T09:14:03.512"_s)
            << u"is not ISO 8601 with a zone"_s;
    QTest::addRow("relative url") << u"log/entries/0/request/url"_s << QJsonValue(u"/hooks/thena"_s)
                                  << u"is not an absolute URL"_s;
    QTest::addRow("no queryString") << u"log/entries/0/request/queryString"_s << remove
                                    << u"log.entries[0].request.queryString is missing"_s;
    QTest::addRow("header without value")
            << u"log/entries/0/request/headers/0/value"_s << remove
            << u"log.entries[0].request.headers[0].value is missing"_s;
    QTest::addRow("bodySize 1.5") << u"log/entries/0/request/bodySize"_s << QJsonValue(1.5)
                                  << u"log.entries[0].request.bodySize is not an integer"_s;
    QTest::addRow("postData without mimeType") << u"log/entries/0/request/postData/mimeType"_s
                                               << remove << u"postData.mimeType is missing"_s;
    QTest::addRow("postData text and params")
            << u"log/entries/0/request/postData/params"_s << QJsonValue(QJsonArray())
            << u"text and params are mutually exclusive"_s;
    QTest::addRow("status as text") << u"log/entries/0/response/status"_s << QJsonValue(u"200"_s)
                                    << u"log.entries[0].response.status is not an integer"_s;
    QTest::addRow("no content.mimeType") << u"log/entries/0/response/content/mimeType"_s << remove
                                         << u"response.content.mimeType is missing"_s;
    QTest::addRow("cookie httpOnly text")
            << u"log/entries/0/response/cookies"_s
            << QJsonValue(QJsonArray{ QJsonObject{ { u"name"_s, u"a"_s },
                                                   { u"value"_s, u"b"_s },
                                                   { u"httpOnly"_s, u"yes"_s } } })
            << u"cookies[0].httpOnly is not a boolean"_s;
    QTest::addRow("custom field without _") << u"log/entries/0/request/hookscope"_s << QJsonValue(1)
                                            << u"unknown member \u201chookscope\u201d"_s;
}

void tst_Har::validatorRejects()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);

    const std::optional<QJsonValue> change =
            value.isUndefined() ? std::nullopt : std::optional<QJsonValue>(value);
    const QJsonDocument broken(edit(m_doc.object(), path.split(u'/'), change).toObject());
    const QStringList errors = HarSchema::validate(broken);
    QVERIFY2(!errors.isEmpty(), "the validator accepted a broken document");
    QVERIFY2(errors.join(u'\n').contains(expected), qPrintable(errors.join(u'\n')));
}

void tst_Har::addSampleRows()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_names.size(); ++i)
        QTest::addRow("%s", qPrintable(m_names.at(i))) << i;
}

void tst_Har::entries_data()
{
    addSampleRows();
}

void tst_Har::entries()
{
    QFETCH(int, index);
    const Event &e = m_stored.at(index);
    const QJsonObject entry = m_doc.object()
                                      .value("log"_L1)
                                      .toObject()
                                      .value("entries"_L1)
                                      .toArray()
                                      .at(index)
                                      .toObject();
    const QJsonObject request = entry.value("request"_L1).toObject();
    const QJsonObject response = entry.value("response"_L1).toObject();

    QCOMPARE(entry.value("startedDateTime"_L1).toString(),
             EventExporter::formatTime(e.summary.receivedAt));
    QCOMPARE(QDateTime::fromString(entry.value("startedDateTime"_L1).toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
             e.summary.receivedAt);
    QCOMPARE(request.value("method"_L1).toString(), e.method);
    QCOMPARE(request.value("httpVersion"_L1).toString(), u"HTTP/1.1"_s);
    QCOMPARE(request.value("bodySize"_L1).toInteger(), qint64(e.body.size()));
    QCOMPARE(request.value("headersSize"_L1).toInteger(), qint64(-1));

    const QUrl url(request.value("url"_L1).toString(), QUrl::StrictMode);
    QVERIFY2(url.isValid(), qPrintable(request.value("url"_L1).toString()));
    QCOMPARE(url.scheme(), u"http"_s);
    const bool hasHost = std::any_of(e.headers.begin(), e.headers.end(),
                                     [](const auto &h) { return h.first == "Host"; });
    QCOMPARE(url.authority(), hasHost ? u"127.0.0.1:8787"_s : u"127.0.0.1"_s);
    QCOMPARE(url.path(), e.path);

    // Headers: all of them, in order, secrets redacted.
    const QJsonArray headers = request.value("headers"_L1).toArray();
    const HeaderList expected = EventExporter::redactHeaders(e.headers);
    QCOMPARE(headers.size(), expected.size());
    for (qsizetype i = 0; i < headers.size(); ++i) {
        QCOMPARE(headers.at(i).toObject().value("name"_L1).toString(),
                 QString::fromUtf8(expected.at(i).first));
        QCOMPARE(headers.at(i).toObject().value("value"_L1).toString(),
                 QString::fromUtf8(expected.at(i).second));
    }

    // postData: text when the body is UTF-8, base64 with _encoding otherwise; none for GET.
    const QJsonObject post = request.value("postData"_L1).toObject();
    if (e.body.isEmpty()) {
        QVERIFY(!request.contains("postData"_L1));
    } else if (m_names.at(index) == "binary"_L1) {
        QCOMPARE(post.value("_encoding"_L1).toString(), u"base64"_s);
        QCOMPARE(QByteArray::fromBase64(post.value("text"_L1).toString().toLatin1()), e.body);
    } else {
        QVERIFY(!post.contains("_encoding"_L1));
        QCOMPARE(post.value("text"_L1).toString().toUtf8(), e.body);
        QCOMPARE(post.value("mimeType"_L1).toString(), e.contentType);
    }

    const bool invalid = e.summary.status == EventStatus::Invalid;
    QCOMPARE(invalid, m_names.at(index) == "invalid json"_L1);
    QCOMPARE(response.value("status"_L1).toInt(), invalid ? 400 : 200);
    QCOMPARE(response.value("content"_L1).toObject().value("mimeType"_L1).toString(),
             u"application/json"_s);

    const QJsonObject own = entry.value("_hookscope"_L1).toObject();
    QCOMPARE(own.value("id"_L1).toInteger(), e.summary.id);
    QCOMPARE(own.value("type"_L1).toString(), e.summary.type);
    QCOMPARE(own.value("eventId"_L1).toString(), e.summary.eventId);
    QCOMPARE(own.value("team"_L1).toString(), e.summary.team);
    QCOMPARE(own.value("actor"_L1).toString(), e.summary.actor);
    QCOMPARE(own.value("entity"_L1).toString(), e.summary.entity);
    QCOMPARE(own.value("summary"_L1).toString(), e.summary.summary);
    QCOMPARE(own.value("source"_L1).toString(), e.summary.source);
    QCOMPARE(own.value("status"_L1).toString(), e.summary.status);
    if (e.summary.occurredAt)
        QCOMPARE(own.value("occurredAt"_L1).toString(),
                 EventExporter::formatTime(e.summary.occurredAt));
    else
        QVERIFY(own.value("occurredAt"_L1).isNull());
}

void tst_Har::secretsRedacted()
{
    for (const QByteArray &secret : Secrets)
        QVERIFY2(!m_har.contains(secret), secret.constData());
    const int index = int(m_names.indexOf(u"secrets"_s));
    const QJsonObject request = m_doc.object()
                                        .value("log"_L1)
                                        .toObject()
                                        .value("entries"_L1)
                                        .toArray()
                                        .at(index)
                                        .toObject()
                                        .value("request"_L1)
                                        .toObject();
    QStringList redacted;
    for (const QJsonValue &h : request.value("headers"_L1).toArray()) {
        if (h.toObject().value("value"_L1).toString() == "[redacted]"_L1)
            redacted << h.toObject().value("name"_L1).toString();
    }
    QCOMPARE(redacted,
             (QStringList{ u"Authorization"_s, u"Cookie"_s, u"X-Api-Key"_s,
                           u"Proxy-Authorization"_s }));
    QStringList query;
    for (const QJsonValue &q : request.value("queryString"_L1).toArray())
        query << q.toObject().value("name"_L1).toString() + u'='
                        + q.toObject().value("value"_L1).toString();
    QCOMPARE(query,
             (QStringList{ u"token=[redacted]"_s, u"team=T1"_s, u"api_key=[redacted]"_s,
                           u"q=a b"_s }));
    QCOMPARE(
            request.value("url"_L1).toString(),
            u"http://127.0.0.1:8787/hooks/%5Bsecret%5D/x%20y/caf%C3%A9?token=%5Bredacted%5D&team=T1&api_key=%5Bredacted%5D&q=a%20b"_s);
    QVERIFY(request.value("cookies"_L1).toArray().isEmpty());
}

void tst_Har::roundTrip_data()
{
    addSampleRows();
}

void tst_Har::roundTrip()
{
    QFETCH(int, index);
    QVERIFY2(m_importResult.ok(), qPrintable(m_importResult.fatalError));
    QCOMPARE(m_importResult.format, EventImporter::Format::Har);
    QCOMPARE(m_importResult.imported, qint64(m_stored.size()));
    QCOMPARE(m_importResult.skipped, qint64(0));
    QCOMPARE(m_imported.size(), m_stored.size());

    const Event &original = m_stored.at(index);
    const Event &imported = m_imported.at(index);
    QCOMPARE(imported.method, original.method);
    QCOMPARE(imported.path, original.path);
    QCOMPARE(imported.query, EventExporter::redactQuery(original.query));
    QCOMPARE(imported.headers, EventExporter::redactHeaders(original.headers));
    QCOMPARE(imported.contentType, original.contentType);
    QCOMPARE(imported.remoteAddress, original.remoteAddress);
    QCOMPARE(imported.body.size(), original.body.size());
    QCOMPARE(imported.body, original.body);
    QCOMPARE(imported.summary.receivedAt, original.summary.receivedAt);
    QCOMPARE(imported.summary.occurredAt, original.summary.occurredAt);
    QCOMPARE(imported.summary.type, original.summary.type);
    QCOMPARE(imported.summary.summary, original.summary.summary);
    QCOMPARE(imported.summary.eventId, original.summary.eventId);
    QCOMPARE(imported.summary.team, original.summary.team);
    QCOMPARE(imported.summary.actor, original.summary.actor);
    QCOMPARE(imported.summary.entity, original.summary.entity);
    QCOMPARE(imported.org, original.org);
    QCOMPARE(imported.summary.status, original.summary.status);
    QCOMPARE(imported.summary.source, QString(EventSource::Import));
}

// Paths are recorded decoded (QUrl::path()), queries encoded: the URL must carry both back.
void tst_Har::requestUrl_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("importedQuery");

    QTest::addRow("plain") << u"/hooks/thena"_s << QString()
                           << u"http://127.0.0.1:8787/hooks/thena"_s << QString();
    QTest::addRow("query") << u"/h"_s << u"a=1&b=x%20y"_s
                           << u"http://127.0.0.1:8787/h?a=1&b=x%20y"_s << u"a=1&b=x%20y"_s;
    QTest::addRow("space and unicode") << u"/a b/caf\u00e9"_s << QString()
                                       << u"http://127.0.0.1:8787/a%20b/caf%C3%A9"_s << QString();
    QTest::addRow("literal percent") << u"/100%/x%2F"_s << QString()
                                     << u"http://127.0.0.1:8787/100%25/x%252F"_s << QString();
    QTest::addRow("question mark and hash")
            << u"/what?/#no"_s << u"x=1"_s << u"http://127.0.0.1:8787/what%3F/%23no?x=1"_s
            << u"x=1"_s;
    QTest::addRow("masked secret")
            << u"/hooks/[secret]"_s << u"token=%5Bsecret%5D"_s
            << u"http://127.0.0.1:8787/hooks/%5Bsecret%5D?token=%5Bredacted%5D"_s
            << u"token=[redacted]"_s;
    QTest::addRow("redacted") << u"/"_s << u"token=abc&x=1"_s
                              << u"http://127.0.0.1:8787/?token=%5Bredacted%5D&x=1"_s
                              << u"token=[redacted]&x=1"_s;
    // Raw brackets are not allowed in a URI query: they come back encoded (same meaning).
    QTest::addRow("brackets in query")
            << u"/"_s << u"a[]=1"_s << u"http://127.0.0.1:8787/?a%5B%5D=1"_s << u"a%5B%5D=1"_s;
    QTest::addRow("empty path") << QString() << QString() << u"http://127.0.0.1:8787/"_s
                                << QString();
}

void tst_Har::requestUrl()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QString, url);
    QFETCH(QString, importedQuery);

    Event e = makeEvent("{}", "application/json", path, query);
    QCOMPARE(HarExporter::requestUrl(e), url);

    const QJsonObject entry{ { u"startedDateTime"_s, u"2026-11-20T09:14:03.512Z"_s },
                             { u"request"_s,
                               QJsonObject{ { u"method"_s, u"POST"_s }, { u"url"_s, url } } } };
    QString error;
    const std::optional<Event> back = EventImporter::eventFromHarEntry(entry, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->path, path.isEmpty() ? u"/"_s : path);
    QCOMPARE(back->query, importedQuery);
}

void tst_Har::emptyExport()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    HarExporter exporter(&buffer);
    QVERIFY(exporter.finish());
    QCOMPARE(exporter.rowsWritten(), qint64(0));
    const QJsonDocument doc = QJsonDocument::fromJson(buffer.data());
    const QStringList errors = HarSchema::validate(doc);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QVERIFY(doc.object().value("log"_L1).toObject().value("entries"_L1).toArray().isEmpty());
}

// The document reaches the device while it is written, not all at finish().
void tst_Har::streams()
{
    LimitedDevice device;
    HarExporter exporter(&device);
    const Event big = makeEvent(QByteArray(700 * 1024, 'x'), "text/plain");
    QVERIFY(exporter.write(big));
    QCOMPARE(device.accepted(), 0); // buffered
    QVERIFY(exporter.write(big));
    QVERIFY(device.accepted() > 1024 * 1024);
    QVERIFY(exporter.write(big));
    QVERIFY(exporter.finish());
    QCOMPARE(device.accepted(), exporter.bytesWritten());
    QCOMPARE(exporter.rowsWritten(), qint64(3));
}

void tst_Har::deviceErrors_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("events");

    QTest::addRow("fails at once") << qint64(0) << 1;
    QTest::addRow("fails at the head") << qint64(10) << 0;
    QTest::addRow("fails mid-stream") << qint64(1024 * 1024) << 4;
}

void tst_Har::deviceErrors()
{
    QFETCH(qint64, limit);
    QFETCH(int, events);

    LimitedDevice device(limit);
    HarExporter exporter(&device);
    bool ok = exporter.begin();
    const Event big = makeEvent(QByteArray(600 * 1024, 'y'), "text/plain");
    for (int i = 0; i < events && ok; ++i)
        ok = exporter.write(big);
    ok = exporter.finish() && ok;
    QVERIFY(!ok);
    QVERIFY2(exporter.errorString().contains(u"No space left on device (simulated)"_s),
             qPrintable(exporter.errorString()));
    QVERIFY(!exporter.write(big)); // errors are sticky

    QBuffer readOnly;
    QVERIFY(readOnly.open(QIODevice::ReadOnly));
    HarExporter notWritable(&readOnly);
    QVERIFY(!notWritable.begin());
    QVERIFY(notWritable.errorString().contains(u"not open for writing"_s));
}

QTEST_GUILESS_MAIN(tst_Har)
#include "tst_har.moc"
