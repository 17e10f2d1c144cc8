// SPDX-License-Identifier: MIT
// One thing, longer than most files: the CSV and JSON Lines exporters share their column model
// (built-in columns, JSON-path columns, redaction) and the fast path from SQLite's bytes.
#include "eventexporter.h"

#include <QDateTime>
#include <QFileDevice>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "core/events/eventpayload.h"
#include "core/events/jsonpath.h"
#include "core/export/deviceio.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

enum Kind : int {
    Id,
    ReceivedAt,
    OccurredAt,
    Type,
    EventIdColumn,
    Team,
    Actor,
    Entity,
    Summary,
    Source,
    Status,
    Size,
    Org,
    Method,
    Path,
    Query,
    RemoteAddress,
    ContentType,
    Body,
    JsonPathColumn,
};

struct Builtin
{
    QStringView name;
    Kind kind;
};

// The first DefaultCount entries are the default columns, in order.
constexpr qsizetype DefaultCount = 12;
constexpr std::array<Builtin, 19> Builtins{ {
        { u"id", Id },
        { u"received_at", ReceivedAt },
        { u"occurred_at", OccurredAt },
        { u"type", Type },
        { u"event_id", EventIdColumn },
        { u"team", Team },
        { u"actor", Actor },
        { u"entity", Entity },
        { u"summary", Summary },
        { u"source", Source },
        { u"status", Status },
        { u"size", Size },
        { u"org", Org },
        { u"method", Method },
        { u"path", Path },
        { u"query", Query },
        { u"remote_address", RemoteAddress },
        { u"content_type", ContentType },
        { u"body", Body },
} };

constexpr qsizetype JsonFlushSize = 1024 * 1024;
constexpr QStringView Redacted = u"[redacted]";

int builtinKind(QStringView name)
{
    for (const Builtin &b : Builtins) {
        if (b.name == name)
            return b.kind;
    }
    return -1;
}

// A JSON path column: has a '.', no empty segments, closed brackets, nothing invisible.
bool isValidPath(QStringView path)
{
    if (!path.contains(u'.') || path.startsWith(u'.') || path.endsWith(u'.')
        || path.contains(u".."))
        return false;
    bool inBracket = false;
    for (const QChar c : path) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
        if (c == u'[') {
            if (inBracket)
                return false;
            inBracket = true;
        } else if (c == u']') {
            if (!inBracket)
                return false;
            inBracket = false;
        }
    }
    return !inBracket;
}

// Short ASCII values (numbers, times) formatted on the stack for CsvWriter::writeField().
struct ShortText
{
    std::array<char16_t, 48> data{};
    qsizetype size = 0;

    QStringView view() const { return QStringView(data.data(), size); }
    static ShortText fromAscii(const char *text, qsizetype n)
    {
        ShortText t;
        for (qsizetype i = 0; i < n; ++i)
            t.data[size_t(i)] = char16_t(uchar(text[i]));
        t.size = n;
        return t;
    }
};

// days since 1970-01-01 to a civil date (Howard Hinnant's algorithm): avoids QDateTime's
// cost on every row.
void civilFromDays(qint64 z, qint64 &year, int &month, int &day)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = yoe + era * 400 + (month <= 2 ? 1 : 0);
}

// Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 chars) and returns its length; years outside
// 0000-9999 go through QDateTime.
// A time in ms since the epoch as its UTC calendar date and the ms into that day.
struct CivilTime
{
    qint64 year = 0;
    int month = 0;
    int day = 0;
    qint64 msOfDay = 0;
};

CivilTime civilTime(qint64 ms)
{
    constexpr qint64 DayMs = 86400000;
    qint64 days = ms / DayMs;
    CivilTime t;
    t.msOfDay = ms % DayMs;
    if (t.msOfDay < 0) {
        t.msOfDay += DayMs;
        --days;
    }
    civilFromDays(days, t.year, t.month, t.day);
    return t;
}

qsizetype formatIsoUtc(qint64 ms, char *out, qsizetype capacity)
{
    const CivilTime t = civilTime(ms);
    const qint64 year = t.year;
    const int month = t.month;
    const int day = t.day;
    const qint64 rest = t.msOfDay;
    if (year < 0 || year > 9999) {
        const QByteArray text =
                QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        const qsizetype n = std::min(text.size(), capacity);
        std::copy_n(text.constData(), n, out);
        return n;
    }
    auto two = [](char *p, int v) {
        p[0] = char('0' + v / 10);
        p[1] = char('0' + v % 10);
    };
    const int y = int(year);
    two(out, y / 100);
    two(out + 2, y % 100);
    out[4] = '-';
    two(out + 5, month);
    out[7] = '-';
    two(out + 8, day);
    out[10] = 'T';
    const int msOfDay = int(rest);
    two(out + 11, msOfDay / 3600000);
    out[13] = ':';
    two(out + 14, msOfDay / 60000 % 60);
    out[16] = ':';
    two(out + 17, msOfDay / 1000 % 60);
    out[19] = '.';
    const int millis = msOfDay % 1000;
    out[20] = char('0' + millis / 100);
    two(out + 21, millis % 100);
    out[23] = 'Z';
    return 24;
}

} // namespace

// formatIsoUtc() for a column of times close to each other (rows in id order): the text up to
// the minute ("2026-11-20T09:14:") is kept while the times stay in that minute, and only the
// seconds and milliseconds are written for each.
qsizetype EventExporter::TimeCache::format(qint64 ms, char *out, qsizetype capacity)
{
    // "00" to "99".
    static constexpr char Digits[] = "0001020304050607080910111213141516171819"
                                     "2021222324252627282930313233343536373839"
                                     "4041424344454647484950515253545556575859"
                                     "6061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";
    auto two = [](char *p, int v) {
        p[0] = Digits[2 * v];
        p[1] = Digits[2 * v + 1];
    };
    if (capacity < 24)
        return formatIsoUtc(ms, out, capacity);
    // (The difference in unsigned arithmetic: times far apart must not overflow.)
    if (!known || ms < minute || quint64(ms) - quint64(minute) >= 60000) {
        const CivilTime t = civilTime(ms);
        const qint64 year = t.year;
        const int month = t.month;
        const int day = t.day;
        const qint64 msOfDay = t.msOfDay;
        if (year < 0 || year > 9999)
            return formatIsoUtc(ms, out, capacity); // through QDateTime, not kept
        two(prefix, int(year) / 100);
        two(prefix + 2, int(year) % 100);
        prefix[4] = '-';
        two(prefix + 5, month);
        prefix[7] = '-';
        two(prefix + 8, day);
        prefix[10] = 'T';
        two(prefix + 11, int(msOfDay / 3600000));
        prefix[13] = ':';
        two(prefix + 14, int(msOfDay / 60000 % 60));
        prefix[16] = ':';
        minute = ms - msOfDay % 60000;
        known = true;
    }
    const int rest = int(quint64(ms) - quint64(minute)); // 0 to 59,999
    std::copy_n(prefix, sizeof prefix, out);
    two(out + 17, rest / 1000);
    out[19] = '.';
    const int millis = rest % 1000;
    out[20] = char('0' + millis / 100);
    two(out + 21, millis % 100);
    out[23] = 'Z';
    return 24;
}

namespace {

ShortText timeText(qint64 ms)
{
    char buf[48];
    return ShortText::fromAscii(buf, formatIsoUtc(ms, buf, sizeof buf));
}

ShortText numberText(qint64 n)
{
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, n);
    return ShortText::fromAscii(buf, result.ptr - buf);
}

// --- JSON Lines output, appended straight to a byte buffer ---------------------------------

void appendJsonString(QByteArray &out, QStringView s)
{
    static constexpr char Hex[] = "0123456789abcdef";
    const qsizetype start = out.size();
    out.resize(start + 2 + s.size() * 6); // worst case: every unit a \u00XX escape
    char *p = out.data() + start;
    *p++ = '"';
    const char16_t *src = s.utf16();
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = src[i];
        if (c >= 0x20 && c < 0x80) {
            if (c == u'"' || c == u'\\')
                *p++ = '\\';
            *p++ = char(c);
        } else if (c < 0x20) {
            *p++ = '\\';
            switch (c) {
            case u'\n':
                *p++ = 'n';
                break;
            case u'\r':
                *p++ = 'r';
                break;
            case u'\t':
                *p++ = 't';
                break;
            case u'\b':
                *p++ = 'b';
                break;
            case u'\f':
                *p++ = 'f';
                break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = Hex[c >> 4];
                *p++ = Hex[c & 0xF];
            }
        } else if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (c == 0xFEFF || c == 0x2028 || c == 0x2029) {
            // Escaped: QJsonDocument silently drops a raw U+FEFF inside strings, and raw
            // U+2028/U+2029 break line-oriented JavaScript consumers.
            *p++ = '\\';
            *p++ = 'u';
            *p++ = Hex[c >> 12];
            *p++ = Hex[(c >> 8) & 0xF];
            *p++ = Hex[(c >> 4) & 0xF];
            *p++ = Hex[c & 0xF];
        } else if (!QChar::isSurrogate(c)) {
            *p++ = char(0xE0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3F));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(src[i + 1])) {
            const char32_t u = QChar::surrogateToUcs4(c, src[++i]);
            *p++ = char(0xF0 | (u >> 18));
            *p++ = char(0x80 | ((u >> 12) & 0x3F));
            *p++ = char(0x80 | ((u >> 6) & 0x3F));
            *p++ = char(0x80 | (u & 0x3F));
        } else {
            // A lone surrogate is not valid UTF-8 (and strict parsers reject it).
            *p++ = char(0xEF);
            *p++ = char(0xBF);
            *p++ = char(0xBD);
        }
    }
    *p++ = '"';
    out.resize(p - out.constData());
}

void appendKey(QByteArray &out, bool &first, QStringView key)
{
    out.append(first ? '{' : ',');
    first = false;
    appendJsonString(out, key);
    out.append(':');
}

void appendNumber(QByteArray &out, qint64 n)
{
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, result.ptr - buf);
}

void appendTime(QByteArray &out, qint64 ms)
{
    char buf[48];
    out.append('"');
    out.append(buf, formatIsoUtc(ms, buf, sizeof buf));
    out.append('"');
}

void appendJsonValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        appendJsonString(out, value.toString());
        return;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double: {
        // Let QJsonDocument format numbers, so integers stay exact and doubles round-trip.
        const QByteArray text = QJsonDocument(QJsonArray{ value }).toJson(QJsonDocument::Compact);
        out.append(QByteArrayView(text).sliced(1, text.size() - 2));
        return;
    }
    case QJsonValue::Array:
        out.append(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        return;
    case QJsonValue::Object:
        out.append(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    out.append("null");
}

bool isSecretHeader(const QByteArray &name)
{
    static constexpr std::array<QByteArrayView, 5> Secret{ "authorization", "proxy-authorization",
                                                           "cookie", "set-cookie", "x-api-key" };
    const QByteArray lower = name.trimmed().toLower();
    for (const QByteArrayView s : Secret) {
        if (lower == s)
            return true;
    }
    return false;
}

bool isSecretQueryKey(QStringView key)
{
    return key.compare(u"token", Qt::CaseInsensitive) == 0
            || key.compare(u"access_token", Qt::CaseInsensitive) == 0
            || key.compare(u"api_key", Qt::CaseInsensitive) == 0;
}

} // namespace

EventExporter::EventExporter(QIODevice *device, Format format, QStringList columns,
                             CsvWriter::Options csvOptions)
    : m_device(device), m_format(format), m_columnNames(std::move(columns))
{
    m_columns.reserve(size_t(m_columnNames.size()));
    for (const QString &name : std::as_const(m_columnNames)) {
        const int kind = builtinKind(name);
        m_columns.push_back(Column{ kind >= 0 ? kind : int(JsonPathColumn), name });
        m_hasPathColumns = m_hasPathColumns || kind < 0;
    }
    m_archive = m_format == Format::JsonLines && m_columnNames == defaultColumns();
    m_needsFullEvents = m_archive || m_hasPathColumns || m_columnNames.contains(u"body"_s);
    if (m_format == Format::Csv)
        m_csv = std::make_unique<CsvWriter>(device, csvOptions);
    else
        m_json.reserve(JsonFlushSize + 64 * 1024);
}

EventExporter::~EventExporter()
{
    if (m_format == Format::JsonLines)
        flushJson();
}

QStringList EventExporter::defaultColumns()
{
    QStringList names;
    names.reserve(DefaultCount);
    for (qsizetype i = 0; i < DefaultCount; ++i)
        names.append(Builtins[size_t(i)].name.toString());
    return names;
}

QStringList EventExporter::builtinColumns()
{
    QStringList names;
    names.reserve(qsizetype(Builtins.size()));
    for (const Builtin &b : Builtins)
        names.append(b.name.toString());
    return names;
}

bool EventExporter::isValidColumn(const QString &column)
{
    return builtinKind(column) >= 0 || isValidPath(column);
}

QString EventExporter::columnError(const QStringList &columns)
{
    if (columns.isEmpty())
        return u"Choose at least one column to export."_s;
    QSet<QString> seen;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QString &column = columns.at(i);
        if (column.isEmpty())
            return u"Column %1 has no name."_s.arg(i + 1);
        if (!isValidColumn(column)) {
            if (builtinKind(column.toLower()) >= 0)
                return u"Unknown column \u201c%1\u201d: column names are lowercase (\u201c%2\u201d)."_s
                        .arg(column, column.toLower());
            if (column.contains(u'.'))
                return u"Column \u201c%1\u201d is not a valid JSON path (expected something like payload.ticket.priorityName)."_s
                        .arg(column);
            return u"Unknown column \u201c%1\u201d. Use one of %2, or a JSON path such as payload.ticket.priorityName."_s
                    .arg(column, builtinColumns().join(u", "));
        }
        if (seen.contains(column))
            return u"Column \u201c%1\u201d is listed twice."_s.arg(column);
        seen.insert(column);
    }
    return {};
}

HeaderList EventExporter::redactHeaders(const HeaderList &headers)
{
    HeaderList result = headers;
    for (auto &[name, value] : result) {
        if (isSecretHeader(name))
            value = Redacted.toUtf8();
    }
    return result;
}

QString EventExporter::redactQuery(const QString &query)
{
    // Rebuilt only when a secret is found, so the common case shares the original string.
    QString result;
    bool changed = false;
    qsizetype pos = 0;
    const qsizetype n = query.size();
    while (pos <= n) {
        qsizetype end = query.indexOf(u'&', pos);
        if (end < 0)
            end = n;
        const QStringView pair = QStringView(query).sliced(pos, end - pos);
        const qsizetype eq = pair.indexOf(u'=');
        QStringView key = eq < 0 ? pair : pair.first(eq);
        if (pos == 0 && key.startsWith(u'?'))
            key = key.sliced(1);
        if (eq >= 0 && isSecretQueryKey(key) && pair.sliced(eq + 1) != Redacted) {
            if (!changed) {
                result = query.first(pos);
                changed = true;
            }
            result += pair.first(eq + 1);
            result += Redacted;
        } else if (changed) {
            result += pair;
        }
        if (end < n && changed)
            result += u'&';
        pos = end + 1;
    }
    return changed ? result : query;
}

QString EventExporter::formatTime(qint64 msecsSinceEpoch)
{
    return timeText(msecsSinceEpoch).view().toString();
}

bool EventExporter::begin()
{
    if (m_begun)
        return !m_failed;
    m_begun = true;
    if (const QString error = columnError(m_columnNames); !error.isEmpty()) {
        setError(error);
        return false;
    }
    if (m_format == Format::Csv) {
        m_csv->writeRow(m_columnNames);
        if (m_csv->hasError())
            setError(m_csv->errorString());
    } else if (!m_device) {
        setError(u"Could not write the export: no output device"_s);
    } else if (!m_device->isWritable()) {
        setError(u"Could not write the export: the output is not open for writing"_s);
    }
    return !m_failed;
}

bool EventExporter::beginContinuation()
{
    Q_ASSERT(m_format == Format::Csv && !m_begun);
    m_begun = true;
    if (const QString error = columnError(m_columnNames); !error.isEmpty()) {
        setError(error);
        return false;
    }
    m_csv->continueFile();
    if (m_csv->hasError())
        setError(m_csv->errorString());
    return !m_failed;
}

bool EventExporter::writeEncodedRows(QByteArrayView csv, qint64 rows)
{
    Q_ASSERT(m_format == Format::Csv);
    if (!m_begun && !begin())
        return false;
    if (m_failed)
        return false;
    m_csv->writeEncodedRows(csv, rows);
    if (m_csv->hasError()) {
        setError(m_csv->errorString());
        return false;
    }
    m_rows += rows;
    return true;
}

bool EventExporter::write(const Event &event)
{
    if (!m_begun && !begin())
        return false;
    if (m_failed)
        return false;
    if (m_format == Format::Csv) {
        writeCsv(event);
        if (m_csv->hasError())
            setError(m_csv->errorString());
    } else {
        writeJson(event);
    }
    if (m_failed)
        return false;
    ++m_rows;
    return true;
}

bool EventExporter::canWriteSummaryRows() const
{
    return m_format == Format::Csv && !m_needsFullEvents;
}

bool EventExporter::usesRequestColumns() const
{
    return std::any_of(m_columns.cbegin(), m_columns.cend(), [](const Column &c) {
        return c.kind == Org || c.kind == Method || c.kind == Path || c.kind == Query
                || c.kind == RemoteAddress || c.kind == ContentType;
    });
}

bool EventExporter::writeSummaryRow(const SummaryRow &row)
{
    if (!m_begun && !begin())
        return false;
    if (m_failed)
        return false;
    Q_ASSERT(canWriteSummaryRows());
    CsvWriter &csv = *m_csv;
    char buf[48];
    auto number = [&buf](qint64 n) {
        const auto result = std::to_chars(buf, buf + sizeof buf, n);
        return QByteArrayView(buf, result.ptr - buf);
    };
    auto time = [&buf](TimeCache &cache, qint64 ms) {
        return QByteArrayView(buf, cache.format(ms, buf, sizeof buf));
    };
    for (const Column &column : m_columns) {
        switch (Kind(column.kind)) {
        case Id:
            csv.writeFieldUtf8(number(row.id));
            break;
        case ReceivedAt:
            csv.writeFieldUtf8(time(m_receivedTimes, row.receivedAt));
            break;
        case OccurredAt:
            csv.writeFieldUtf8(row.occurredAt ? time(m_occurredTimes, row.occurredAt)
                                              : QByteArrayView());
            break;
        case Type:
            csv.writeFieldUtf8(row.type);
            break;
        case EventIdColumn:
            csv.writeFieldUtf8(row.eventId);
            break;
        case Team:
            csv.writeFieldUtf8(row.team);
            break;
        case Actor:
            csv.writeFieldUtf8(row.actor);
            break;
        case Entity:
            csv.writeFieldUtf8(row.entity);
            break;
        case Summary:
            csv.writeFieldUtf8(row.summary);
            break;
        case Source:
            csv.writeFieldUtf8(row.source);
            break;
        case Status:
            csv.writeFieldUtf8(row.status);
            break;
        case Size:
            csv.writeFieldUtf8(number(row.size));
            break;
        case Org:
            csv.writeFieldUtf8(row.org);
            break;
        case Method:
            csv.writeFieldUtf8(row.method);
            break;
        case Path:
            csv.writeFieldUtf8(row.path);
            break;
        case Query:
            csv.writeField(redactQuery(QString::fromUtf8(row.query)));
            break;
        case RemoteAddress:
            csv.writeFieldUtf8(row.remoteAddress);
            break;
        case ContentType:
            csv.writeFieldUtf8(row.contentType);
            break;
        case Body:
        case JsonPathColumn:
            Q_UNREACHABLE(); // these need the full event: canWriteSummaryRows() is false
            break;
        }
    }
    csv.endRow();
    if (m_csv->hasError()) {
        setError(m_csv->errorString());
        return false;
    }
    ++m_rows;
    return true;
}

void EventExporter::writeCsv(const Event &event)
{
    const EventSummary &s = event.summary;
    const std::optional<EventPayload> payload = m_hasPathColumns
            ? std::optional<EventPayload>(std::in_place, event.body, event.contentType.toUtf8())
            : std::nullopt;
    CsvWriter &csv = *m_csv;
    for (const Column &column : m_columns) {
        switch (Kind(column.kind)) {
        case Id:
            csv.writeField(numberText(s.id).view());
            break;
        case ReceivedAt:
            csv.writeField(timeText(s.receivedAt).view());
            break;
        case OccurredAt:
            csv.writeField(s.occurredAt ? timeText(s.occurredAt).view() : QStringView());
            break;
        case Type:
            csv.writeField(s.type);
            break;
        case EventIdColumn:
            csv.writeField(s.eventId);
            break;
        case Team:
            csv.writeField(s.team);
            break;
        case Actor:
            csv.writeField(s.actor);
            break;
        case Entity:
            csv.writeField(s.entity);
            break;
        case Summary:
            csv.writeField(s.summary);
            break;
        case Source:
            csv.writeField(s.source);
            break;
        case Status:
            csv.writeField(s.status);
            break;
        case Size:
            csv.writeField(numberText(s.size).view());
            break;
        case Org:
            csv.writeField(event.org);
            break;
        case Method:
            csv.writeField(event.method);
            break;
        case Path:
            csv.writeField(event.path);
            break;
        case Query:
            csv.writeField(redactQuery(event.query));
            break;
        case RemoteAddress:
            csv.writeField(event.remoteAddress);
            break;
        case ContentType:
            csv.writeField(event.contentType);
            break;
        case Body:
            csv.writeField(QString::fromUtf8(event.body));
            break;
        case JsonPathColumn:
            csv.writeField(JsonPath::toText(payload->value(column.name)));
            break;
        }
    }
    csv.endRow();
}

void EventExporter::writeJson(const Event &event)
{
    const EventSummary &s = event.summary;
    const std::optional<EventPayload> payload = m_hasPathColumns
            ? std::optional<EventPayload>(std::in_place, event.body, event.contentType.toUtf8())
            : std::nullopt;
    QByteArray &out = m_json;
    bool first = true;
    for (const Column &column : m_columns) {
        appendKey(out, first, column.name);
        switch (Kind(column.kind)) {
        case Id:
            appendNumber(out, s.id);
            break;
        case ReceivedAt:
            appendTime(out, s.receivedAt);
            break;
        case OccurredAt:
            if (s.occurredAt)
                appendTime(out, s.occurredAt);
            else
                out.append("null");
            break;
        case Type:
            appendJsonString(out, s.type);
            break;
        case EventIdColumn:
            appendJsonString(out, s.eventId);
            break;
        case Team:
            appendJsonString(out, s.team);
            break;
        case Actor:
            appendJsonString(out, s.actor);
            break;
        case Entity:
            appendJsonString(out, s.entity);
            break;
        case Summary:
            appendJsonString(out, s.summary);
            break;
        case Source:
            appendJsonString(out, s.source);
            break;
        case Status:
            appendJsonString(out, s.status);
            break;
        case Size:
            appendNumber(out, s.size);
            break;
        case Org:
            appendJsonString(out, event.org);
            break;
        case Method:
            appendJsonString(out, event.method);
            break;
        case Path:
            appendJsonString(out, event.path);
            break;
        case Query:
            appendJsonString(out, redactQuery(event.query));
            break;
        case RemoteAddress:
            appendJsonString(out, event.remoteAddress);
            break;
        case ContentType:
            appendJsonString(out, event.contentType);
            break;
        case Body:
            appendJsonString(out, QString::fromUtf8(event.body));
            break;
        case JsonPathColumn:
            appendJsonValue(out, payload->value(column.name));
            break;
        }
    }

    if (m_archive) {
        appendKey(out, first, u"method");
        appendJsonString(out, event.method);
        appendKey(out, first, u"path");
        appendJsonString(out, event.path);
        appendKey(out, first, u"query");
        appendJsonString(out, redactQuery(event.query));
        appendKey(out, first, u"content_type");
        appendJsonString(out, event.contentType);
        appendKey(out, first, u"headers");
        out.append('[');
        bool firstHeader = true;
        for (const auto &[name, value] : event.headers) {
            if (!firstHeader)
                out.append(',');
            firstHeader = false;
            out.append('[');
            appendJsonString(out, QString::fromUtf8(name));
            out.append(',');
            if (isSecretHeader(name))
                appendJsonString(out, Redacted);
            else
                appendJsonString(out, QString::fromUtf8(value));
            out.append(']');
        }
        out.append(']');

        // Re-serialised compactly: the raw body may span lines. QJsonDocument only holds
        // objects and arrays, so a bare scalar body is kept as text, which is lossless too.
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(event.body, &parseError);
        if (parseError.error == QJsonParseError::NoError && !doc.isNull()) {
            appendKey(out, first, u"body");
            out.append(doc.toJson(QJsonDocument::Compact));
        } else {
            QStringDecoder decoder(QStringDecoder::Utf8,
                                   QStringDecoder::Flag::Stateless
                                           | QStringDecoder::Flag::ConvertInitialBom);
            const QString text = decoder.decode(event.body);
            if (!decoder.hasError()) {
                appendKey(out, first, u"body_text");
                appendJsonString(out, text);
            } else {
                appendKey(out, first, u"body_base64");
                out.append('"');
                out.append(event.body.toBase64());
                out.append('"');
            }
        }
    }
    out.append(first ? "{}\n" : "}\n");

    if (out.size() >= JsonFlushSize)
        flushJson();
}

void EventExporter::flushJson()
{
    const qsizetype pending = m_json.size();
    m_jsonFlushed += pending;
    QString error;
    if (!m_failed && pending > 0 && m_device && !DeviceIo::writeAll(m_device, m_json, &error))
        setError(u"Could not write the export: %1"_s.arg(error));
    m_json.resize(0); // keeps the capacity
}

bool EventExporter::finish()
{
    if (!m_begun)
        begin(); // an export of no events still gets its header
    if (m_format == Format::Csv) {
        if (!m_csv->finish())
            setError(m_csv->errorString());
        return !m_failed;
    }
    flushJson();
    QString error;
    if (!m_failed && !DeviceIo::finish(m_device, &error))
        setError(u"Could not write the export: %1"_s.arg(error));
    return !m_failed;
}

qint64 EventExporter::bytesWritten() const
{
    if (m_format == Format::Csv)
        return m_csv->bytesWritten();
    return m_jsonFlushed + m_json.size();
}

QString EventExporter::errorString() const
{
    if (!m_error.isEmpty())
        return m_error;
    return m_csv ? m_csv->errorString() : QString();
}

void EventExporter::setError(const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = message;
}

} // namespace Hookscope
