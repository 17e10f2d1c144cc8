// SPDX-License-Identifier: MIT
// One thing, longer than most files: reading exports back (JSON Lines and HAR 1.2 share the
// run, its counts, errors with line numbers and batched commits; each format is one reader).
#include "eventimporter.h"

#include <QDateTime>
#include <QFile>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QUrl>
#include <QUrlQuery>

#include <array>

#include "core/events/eventparser.h"
#include "core/export/eventexporter.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr qint64 DetectBytes = 64 * 1024;

// The keys EventExporter writes (any columns, archive included) plus remote_address/org:
// a JSON Lines object needs at least one of them to be taken for an event.
// clang-format off
constexpr std::array<QLatin1StringView, 22> JsonLineKeys{
    "id"_L1, "received_at"_L1, "occurred_at"_L1, "type"_L1, "event_id"_L1, "team"_L1,
    "actor"_L1, "entity"_L1, "summary"_L1, "source"_L1, "status"_L1, "size"_L1,
    "org"_L1, "method"_L1, "path"_L1, "query"_L1, "remote_address"_L1, "content_type"_L1,
    "headers"_L1, "body"_L1, "body_text"_L1, "body_base64"_L1,
};
// clang-format on

QString quoted(QStringView key)
{
    return u"\u201c"_s + key + u"\u201d"_s;
}

// An optional string member: absent or null is empty; any other type is an error.
bool readString(const QJsonObject &o, QLatin1StringView key, QString &out, QString *error,
                QStringView where = {})
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        *error = u"%1%2 is not a string"_s.arg(where, quoted(QString(key)));
        return false;
    }
    out = v.toString();
    return true;
}

bool readTime(const QJsonValue &value, qint64 &out, QString *error, const QString &name)
{
    const qint64 ms = EventParser::parseTimestamp(value);
    if (ms <= 0) {
        *error = u"%1 is not an ISO 8601 time"_s.arg(quoted(name));
        return false;
    }
    out = ms;
    return true;
}

bool readBase64(const QString &text, QByteArray &out, QString *error, const QString &name)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = u"%1 is not valid base64"_s.arg(quoted(name));
        return false;
    }
    out = std::move(*decoded);
    return true;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return {};
}

// What every imported event gets, whatever it was read from: derived fields from the body
// (as the receiver does it), source "import", and no secrets.
void finishEvent(Event &e)
{
    e.headers = EventExporter::redactHeaders(e.headers);
    e.query = EventExporter::redactQuery(e.query);
    if (e.contentType.isEmpty())
        e.contentType = QString::fromUtf8(headerValue(e.headers, "content-type"));
    if (e.method.isEmpty())
        e.method = u"POST"_s;
    if (e.path.isEmpty())
        e.path = u"/"_s;
    const ParsedEvent parsed = EventParser::parse(e.body, e.contentType.toUtf8());
    parsed.applyTo(e);
    e.summary.source = EventSource::Import;
}

// "line 3, column 17" for a parse error offset into `data`.
QString positionText(QByteArrayView data, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, data.size());
    const QByteArrayView before = data.first(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lastNewline = before.lastIndexOf('\n');
    return u"line %1, column %2"_s.arg(line).arg(offset - lastNewline);
}

} // namespace

// --- one import: counts, errors and the batches in flight ----------------------------------

class EventImporter::Run final
{
public:
    Run(EventImporter &importer, Format format) : m_importer(importer) { result.format = format; }
    ~Run()
    {
        // The store's callbacks point at this run: none may be left pending behind it.
        if (m_queued > 0)
            m_importer.m_store->flush();
    }
    Q_DISABLE_COPY_MOVE(Run)

    Result result;

    void fail(qint64 line, qint64 entry, const QString &message)
    {
        ++result.skipped;
        if (result.errors.size() < MaxReportedErrors)
            result.errors.append(Error{ line, entry, message });
    }

    // Queues one event; commits when the batch is full. False when the import must stop.
    bool add(Event event, qint64 bytesRead, qint64 bytesTotal)
    {
        ++m_queued;
        m_importer.m_store->submit(std::move(event), [this](qint64 id, const QString &error) {
            if (id > 0)
                ++result.imported;
            else if (m_storeError.isEmpty())
                m_storeError = error;
        });
        if (m_queued >= m_importer.m_batchSize)
            return commit(bytesRead, bytesTotal);
        if (!m_storeError.isEmpty()) { // e.g. a store that is not open answers at once
            result.fatalError = m_storeError;
            return false;
        }
        return true;
    }

    // Commits what is queued, reports progress and says whether to go on.
    bool commit(qint64 bytesRead, qint64 bytesTotal)
    {
        if (m_queued > 0) {
            m_importer.m_store->flush();
            m_queued = 0;
        }
        if (!m_storeError.isEmpty()) {
            result.fatalError = m_storeError;
            return false;
        }
        Q_EMIT m_importer.progress(bytesRead, bytesTotal, result.imported);
        if (m_importer.m_cancelRequested) {
            result.cancelled = true;
            result.fatalError = u"Import cancelled after %1 events"_s.arg(result.imported);
            return false;
        }
        return true;
    }

private:
    EventImporter &m_importer;
    int m_queued = 0;
    QString m_storeError;
};

// --- EventImporter -------------------------------------------------------------------------

QString EventImporter::Error::toString() const
{
    if (line > 0)
        return u"line %1: %2"_s.arg(line).arg(message);
    if (entry >= 0)
        return u"entry %1: %2"_s.arg(entry).arg(message);
    return message;
}

QString EventImporter::Result::summaryText() const
{
    return u"%1 imported, %2 skipped"_s.arg(imported).arg(skipped);
}

EventImporter::EventImporter(EventStore *store, QObject *parent) : QObject(parent), m_store(store)
{
}

EventImporter::~EventImporter() = default;

std::optional<EventImporter::Format> EventImporter::formatFromName(QStringView name)
{
    const QString n = name.trimmed().toString().toLower();
    if (n == "auto"_L1)
        return Format::Auto;
    if (n == "jsonl"_L1 || n == "json-lines"_L1 || n == "ndjson"_L1)
        return Format::JsonLines;
    if (n == "har"_L1)
        return Format::Har;
    return std::nullopt;
}

QString EventImporter::formatName(Format format)
{
    switch (format) {
    case Format::Auto:
        return u"auto"_s;
    case Format::JsonLines:
        return u"jsonl"_s;
    case Format::Har:
        return u"har"_s;
    }
    return {};
}

EventImporter::Format EventImporter::detectFormat(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    auto skipBlank = [&head] {
        while (!head.isEmpty()
               && (head.front() == ' ' || head.front() == '\t' || head.front() == '\r'
                   || head.front() == '\n'))
            head = head.sliced(1);
    };
    skipBlank();
    if (head.isEmpty())
        return Format::JsonLines; // nothing to import, but nothing wrong either
    if (head.front() != '{') {
        // JSON Lines with a damaged first line still has lines that start with '{'; a CSV,
        // a JSON array or plain text has none.
        for (qsizetype nl = head.indexOf('\n'); nl >= 0; nl = head.indexOf('\n', nl + 1)) {
            qsizetype i = nl + 1;
            while (i < head.size() && (head.at(i) == ' ' || head.at(i) == '\t'))
                ++i;
            if (i < head.size() && head.at(i) == '{')
                return Format::JsonLines;
        }
        return Format::Auto;
    }
    head = head.sliced(1);
    skipBlank();
    if (!head.startsWith("\"log\""))
        return Format::JsonLines;
    head = head.sliced(5);
    skipBlank();
    return head.isEmpty() || head.front() == ':' ? Format::Har : Format::JsonLines;
}

std::optional<Event> EventImporter::eventFromJsonLine(const QJsonObject &line, QString *error)
{
    QString scratch;
    if (!error)
        error = &scratch;
    bool known = false;
    for (const QLatin1StringView key : JsonLineKeys)
        known = known || line.contains(key);
    if (!known) {
        *error =
                u"no Hookscope event fields (expected received_at, method, path, headers, body, ...)"_s;
        return std::nullopt;
    }

    Event e;
    if (!readString(line, "method"_L1, e.method, error)
        || !readString(line, "path"_L1, e.path, error)
        || !readString(line, "query"_L1, e.query, error)
        || !readString(line, "content_type"_L1, e.contentType, error)
        || !readString(line, "remote_address"_L1, e.remoteAddress, error))
        return std::nullopt;

    if (const QJsonValue received = line.value("received_at"_L1);
        !received.isUndefined() && !received.isNull()) {
        if (!readTime(received, e.summary.receivedAt, error, u"received_at"_s))
            return std::nullopt;
    } else {
        e.summary.receivedAt = QDateTime::currentMSecsSinceEpoch();
    }

    if (const QJsonValue headers = line.value("headers"_L1);
        !headers.isUndefined() && !headers.isNull()) {
        if (!headers.isArray()) {
            *error = u"\u201cheaders\u201d is not an array"_s;
            return std::nullopt;
        }
        const QJsonArray list = headers.toArray();
        e.headers.reserve(list.size());
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonValue h = list.at(i);
            QJsonValue name;
            QJsonValue value;
            if (h.isArray() && h.toArray().size() == 2) {
                name = h.toArray().at(0);
                value = h.toArray().at(1);
            } else if (h.isObject()) {
                name = h.toObject().value("name"_L1);
                value = h.toObject().value("value"_L1);
            }
            if (!name.isString() || !value.isString()) {
                *error = u"headers[%1] is not a [name, value] pair of strings"_s.arg(i);
                return std::nullopt;
            }
            e.headers.append({ name.toString().toUtf8(), value.toString().toUtf8() });
        }
    }

    // The archive writes exactly one of these; "body" is also the plain text column.
    bool hasBody = true;
    if (const QJsonValue b64 = line.value("body_base64"_L1); !b64.isUndefined() && !b64.isNull()) {
        if (!b64.isString()) {
            *error = u"\u201cbody_base64\u201d is not a string"_s;
            return std::nullopt;
        }
        if (!readBase64(b64.toString(), e.body, error, u"body_base64"_s))
            return std::nullopt;
    } else if (const QJsonValue text = line.value("body_text"_L1);
               !text.isUndefined() && !text.isNull()) {
        if (!text.isString()) {
            *error = u"\u201cbody_text\u201d is not a string"_s;
            return std::nullopt;
        }
        e.body = text.toString().toUtf8();
    } else if (const QJsonValue body = line.value("body"_L1);
               !body.isUndefined() && !body.isNull()) {
        // The archive re-serialised a JSON body compactly; doing the same gives its bytes back.
        if (body.isObject())
            e.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        else if (body.isArray())
            e.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        else if (body.isString())
            e.body = body.toString().toUtf8();
        else {
            *error = u"\u201cbody\u201d is neither JSON text, an object nor an array"_s;
            return std::nullopt;
        }
    } else {
        hasBody = false;
    }

    finishEvent(e);

    if (!hasBody) {
        // Nothing to derive from: keep what the line says about the event.
        struct Field
        {
            QLatin1StringView key;
            QString *target;
        };
        EventSummary &s = e.summary;
        const std::array<Field, 7> fields{ { { "type"_L1, &s.type },
                                             { "event_id"_L1, &s.eventId },
                                             { "team"_L1, &s.team },
                                             { "actor"_L1, &s.actor },
                                             { "entity"_L1, &s.entity },
                                             { "summary"_L1, &s.summary },
                                             { "org"_L1, &e.org } } };
        for (const Field &f : fields) {
            QString value;
            if (!readString(line, f.key, value, error))
                return std::nullopt;
            if (!value.isEmpty())
                *f.target = value;
        }
        if (const QJsonValue occurred = line.value("occurred_at"_L1);
            !occurred.isUndefined() && !occurred.isNull()) {
            if (!readTime(occurred, s.occurredAt, error, u"occurred_at"_s))
                return std::nullopt;
        }
    }
    return e;
}

std::optional<Event> EventImporter::eventFromHarEntry(const QJsonObject &entry, QString *error)
{
    QString scratch;
    if (!error)
        error = &scratch;
    const QJsonValue requestValue = entry.value("request"_L1);
    if (!requestValue.isObject()) {
        *error = u"no \u201crequest\u201d object"_s;
        return std::nullopt;
    }
    const QJsonObject request = requestValue.toObject();

    Event e;
    if (!readString(request, "method"_L1, e.method, error, u"request."))
        return std::nullopt;
    if (e.method.isEmpty()) {
        *error = u"request.\u201cmethod\u201d is missing"_s;
        return std::nullopt;
    }

    QString urlText;
    if (!readString(request, "url"_L1, urlText, error, u"request."))
        return std::nullopt;
    const QUrl url(urlText, QUrl::TolerantMode);
    if (urlText.isEmpty() || !url.isValid()) {
        *error = urlText.isEmpty()
                ? u"request.\u201curl\u201d is missing"_s
                : u"request.\u201curl\u201d is not a URL: %1"_s.arg(url.errorString());
        return std::nullopt;
    }
    // QUrl::path() is fully decoded, as the receiver records it (HarExporter encodes the
    // recorded path with the inverse); the query stays encoded, as recorded.
    e.path = url.path();
    if (url.hasQuery()) {
        e.query = url.query(QUrl::FullyEncoded);
    } else if (const QJsonArray items = request.value("queryString"_L1).toArray();
               !items.isEmpty()) {
        QUrlQuery query;
        for (const QJsonValue &item : items)
            query.addQueryItem(item.toObject().value("name"_L1).toString(),
                               item.toObject().value("value"_L1).toString());
        e.query = query.toString(QUrl::FullyEncoded);
    }

    const QJsonValue started = entry.value("startedDateTime"_L1);
    if (started.isUndefined() || started.isNull()) {
        *error = u"\u201cstartedDateTime\u201d is missing"_s;
        return std::nullopt;
    }
    if (!readTime(started, e.summary.receivedAt, error, u"startedDateTime"_s))
        return std::nullopt;

    if (const QJsonValue headers = request.value("headers"_L1);
        !headers.isUndefined() && !headers.isNull()) {
        if (!headers.isArray()) {
            *error = u"request.\u201cheaders\u201d is not an array"_s;
            return std::nullopt;
        }
        const QJsonArray list = headers.toArray();
        e.headers.reserve(list.size());
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject h = list.at(i).toObject();
            const QJsonValue name = h.value("name"_L1);
            const QJsonValue value = h.value("value"_L1);
            if (!name.isString() || !value.isString()) {
                *error = u"request.headers[%1] is not a {name, value} object of strings"_s.arg(i);
                return std::nullopt;
            }
            // HTTP/2 pseudo-headers (":authority", ":path", ...) from browsers: the request
            // line and URL already say what they say.
            if (name.toString().startsWith(u':'))
                continue;
            e.headers.append({ name.toString().toUtf8(), value.toString().toUtf8() });
        }
    }

    if (const QJsonValue postValue = request.value("postData"_L1);
        !postValue.isUndefined() && !postValue.isNull()) {
        if (!postValue.isObject()) {
            *error = u"request.\u201cpostData\u201d is not an object"_s;
            return std::nullopt;
        }
        const QJsonObject post = postValue.toObject();
        QString mimeType;
        QString encoding;
        if (!readString(post, "mimeType"_L1, mimeType, error, u"postData.")
            || !readString(post, "_encoding"_L1, encoding, error, u"postData.")
            || (encoding.isEmpty()
                && !readString(post, "encoding"_L1, encoding, error, u"postData.")))
            return std::nullopt;
        const QJsonValue text = post.value("text"_L1);
        if (text.isString()) {
            if (encoding.isEmpty()) {
                e.body = text.toString().toUtf8();
            } else if (encoding.compare("base64"_L1, Qt::CaseInsensitive) == 0) {
                if (!readBase64(text.toString(), e.body, error, u"postData.text"_s))
                    return std::nullopt;
            } else {
                *error = u"postData has an unsupported encoding \u201c%1\u201d"_s.arg(encoding);
                return std::nullopt;
            }
        } else if (!text.isUndefined() && !text.isNull()) {
            *error = u"postData.\u201ctext\u201d is not a string"_s;
            return std::nullopt;
        } else if (const QJsonArray params = post.value("params"_L1).toArray(); !params.isEmpty()) {
            // Only parameters: rebuild the form body they came from.
            QUrlQuery form;
            for (const QJsonValue &p : params)
                form.addQueryItem(p.toObject().value("name"_L1).toString(),
                                  p.toObject().value("value"_L1).toString());
            e.body = form.toString(QUrl::FullyEncoded).toUtf8();
        }
        if (headerValue(e.headers, "content-type").isEmpty())
            e.contentType = mimeType;
    }

    if (const QJsonObject own = entry.value("_hookscope"_L1).toObject(); !own.isEmpty())
        e.remoteAddress = own.value("remoteAddress"_L1).toString();

    finishEvent(e);
    return e;
}

void EventImporter::setBatchSize(int events)
{
    m_batchSize = qMax(1, events);
}

void EventImporter::setMaxHarBytes(qint64 bytes)
{
    m_maxHarBytes = qMax<qint64>(1, bytes);
}

void EventImporter::cancel()
{
    m_cancelRequested = true;
}

EventImporter::Result EventImporter::importFile(const QString &fileName, Format format)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        Result result;
        result.format = format;
        result.fatalError = u"Cannot open the file: %1"_s.arg(file.errorString());
        return result;
    }
    return importDevice(&file, format, file.size());
}

EventImporter::Result EventImporter::importDevice(QIODevice *device, Format format,
                                                  qint64 totalBytes)
{
    m_cancelRequested = false;
    if (format == Format::Auto) {
        format = detectFormat(device->peek(DetectBytes));
        if (format == Format::Auto) {
            Result result;
            result.fatalError =
                    u"Neither JSON Lines nor a HAR file: no line starts with \u201c{\u201d"_s;
            return result;
        }
    }
    Run run(*this, format);
    if (!m_store) {
        run.result.fatalError = u"No event store to import into"_s;
        return run.result;
    }
    if (format == Format::Har)
        importHar(device, totalBytes, run);
    else
        importJsonLines(device, totalBytes, run);
    return run.result;
}

void EventImporter::importJsonLines(QIODevice *device, qint64 totalBytes, Run &run)
{
    qint64 lineNumber = 0;
    qint64 bytesRead = 0;
    while (!device->atEnd()) {
        QByteArray line = device->readLine();
        if (line.isEmpty() && device->atEnd())
            break;
        ++lineNumber;
        bytesRead += line.size();
        if (lineNumber == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            run.fail(lineNumber, -1,
                     u"not valid JSON (%1 at column %2)"_s.arg(parseError.errorString())
                             .arg(parseError.offset + 1));
            continue;
        }
        if (!doc.isObject()) {
            run.fail(lineNumber, -1, u"not a JSON object"_s);
            continue;
        }
        QString error;
        std::optional<Event> event = eventFromJsonLine(doc.object(), &error);
        if (!event) {
            run.fail(lineNumber, -1, error);
            continue;
        }
        if (!run.add(std::move(*event), bytesRead, totalBytes))
            return;
    }
    run.commit(bytesRead, totalBytes);
}

void EventImporter::importHar(QIODevice *device, qint64 totalBytes, Run &run)
{
    const qint64 limit = m_maxHarBytes;
    const auto tooLarge = [&run, limit] {
        const QString size = limit % (1024 * 1024) == 0 ? u"%1 MiB"_s.arg(limit / (1024 * 1024))
                                                        : u"%1 bytes"_s.arg(limit);
        run.result.fatalError =
                u"The HAR file is larger than %1, more than Hookscope reads at once; "
                u"split it, or export the events as JSON Lines instead"_s.arg(size);
    };
    if (!device->isSequential() && device->size() - device->pos() > limit)
        return tooLarge();
    QByteArray data;
    for (;;) {
        const QByteArray chunk =
                device->read(qMin<qint64>(16 * 1024 * 1024, limit + 1 - data.size()));
        if (chunk.isEmpty())
            break;
        data += chunk;
        if (data.size() > limit)
            return tooLarge();
    }
    const qint64 size = data.size();
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        run.result.fatalError = u"Not a valid HAR file: %1 at %2"_s.arg(
                parseError.errorString(), positionText(data, parseError.offset));
        return;
    }
    data = QByteArray(); // the document holds everything now
    const QJsonValue log = doc.object().value("log"_L1);
    if (!doc.isObject() || !log.isObject()) {
        run.result.fatalError = u"Not a HAR file: there is no \u201clog\u201d object"_s;
        return;
    }
    const QJsonValue entriesValue = log.toObject().value("entries"_L1);
    if (!entriesValue.isArray()) {
        run.result.fatalError = u"Not a HAR file: log.entries is not an array"_s;
        return;
    }
    const QJsonArray entries = entriesValue.toArray();
    const qsizetype count = entries.size();
    // Progress in bytes, estimated from the share of entries done.
    const qint64 total = totalBytes >= 0 ? totalBytes : size;
    auto bytesAt = [&](qsizetype done) {
        return count == 0 ? total : qint64(double(total) * double(done) / double(count));
    };
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonValue value = entries.at(i);
        if (!value.isObject()) {
            run.fail(0, i, u"not a JSON object"_s);
            continue;
        }
        QString error;
        std::optional<Event> event = eventFromHarEntry(value.toObject(), &error);
        if (!event) {
            run.fail(0, i, error);
            continue;
        }
        if (!run.add(std::move(*event), bytesAt(i + 1), total))
            return;
    }
    run.commit(total, total);
}

} // namespace Hookscope
