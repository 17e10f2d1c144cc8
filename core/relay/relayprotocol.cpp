// SPDX-License-Identifier: MIT
// One thing, longer than most files: the relay's wire format in both directions (smee's SSE
// frames and flattened headers, hookscope-relay's raw-body frames and WebSocket messages),
// kept together so that the encoder and the decoder of each frame cannot drift apart.
#include "relayprotocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Hookscope::RelayProtocol {

namespace {

constexpr int MaxDepth = 512;

// Just enough JSON to find where a value starts and ends (RFC 8259); values are not built.
class JsonScanner final
{
public:
    explicit JsonScanner(QByteArrayView text) : m_s(text) { }

    qsizetype pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_pos]; }

    void skipWhitespace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    bool consume(char c)
    {
        if (peek() != c || atEnd())
            return false;
        ++m_pos;
        return true;
    }

    bool string(QString *decoded = nullptr)
    {
        if (!consume('"'))
            return false;
        QByteArray utf8;
        while (!atEnd()) {
            const char c = m_s[m_pos++];
            if (c == '"') {
                if (decoded)
                    *decoded += QString::fromUtf8(utf8);
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            if (c != '\\') {
                if (decoded)
                    utf8 += c;
                continue;
            }
            if (atEnd())
                return false;
            const char e = m_s[m_pos++];
            char plain = 0;
            switch (e) {
            case '"':
                plain = '"';
                break;
            case '\\':
                plain = '\\';
                break;
            case '/':
                plain = '/';
                break;
            case 'b':
                plain = '\b';
                break;
            case 'f':
                plain = '\f';
                break;
            case 'n':
                plain = '\n';
                break;
            case 'r':
                plain = '\r';
                break;
            case 't':
                plain = '\t';
                break;
            case 'u': {
                if (m_pos + 4 > m_s.size())
                    return false;
                bool ok = false;
                const ushort unit = m_s.sliced(m_pos, 4).toUShort(&ok, 16);
                if (!ok)
                    return false;
                m_pos += 4;
                if (decoded) {
                    *decoded += QString::fromUtf8(utf8);
                    utf8.clear();
                    *decoded += QChar(unit);
                }
                continue;
            }
            default:
                return false;
            }
            if (decoded)
                utf8 += plain;
        }
        return false;
    }

    bool value(int depth = 0)
    {
        if (depth > MaxDepth)
            return false;
        skipWhitespace();
        switch (peek()) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

private:
    bool literal(QByteArrayView word)
    {
        if (!m_s.sliced(m_pos).startsWith(word))
            return false;
        m_pos += word.size();
        return true;
    }

    bool digits()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool number()
    {
        consume('-');
        if (consume('0')) {
            // no leading zeros
        } else if (!digits()) {
            return false;
        }
        if (consume('.') && !digits())
            return false;
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (!consume('+'))
                consume('-');
            if (!digits())
                return false;
        }
        return true;
    }

    bool object(int depth)
    {
        consume('{');
        skipWhitespace();
        if (consume('}'))
            return true;
        for (;;) {
            skipWhitespace();
            if (!string())
                return false;
            skipWhitespace();
            if (!consume(':') || !value(depth + 1))
                return false;
            skipWhitespace();
            if (consume('}'))
                return true;
            if (!consume(','))
                return false;
        }
    }

    bool array(int depth)
    {
        consume('[');
        skipWhitespace();
        if (consume(']'))
            return true;
        for (;;) {
            if (!value(depth + 1))
                return false;
            skipWhitespace();
            if (consume(']'))
                return true;
            if (!consume(','))
                return false;
        }
    }

    QByteArrayView m_s;
    qsizetype m_pos = 0;
};

QByteArray minify(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == '"')
            inString = true;
        out += c;
    }
    return out;
}

bool isFormType(const QString &contentType)
{
    return contentType.section(u';', 0, 0)
                   .trimmed()
                   .compare(u"application/x-www-form-urlencoded"_s, Qt::CaseInsensitive)
            == 0;
}

// Query items as an object; a repeated key becomes an array of its values (as Express does).
QJsonObject queryObject(const QString &encoded, bool plusIsSpace)
{
    QString text = encoded;
    if (plusIsSpace)
        text.replace(u'+', u"%20"_s);
    QJsonObject out;
    const auto items = QUrlQuery(text).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        const auto it = out.find(key);
        if (it == out.end()) {
            out.insert(key, value);
        } else if (it->isArray()) {
            QJsonArray values = it->toArray();
            values.append(value);
            *it = values;
        } else {
            *it = QJsonArray{ it->toString(), value };
        }
    }
    return out;
}

QString headerText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array)
            parts.append(headerText(v));
        return parts.join(u", "_s);
    }
    default:
        return {};
    }
}

// Header bytes: Latin-1 when every character fits (so original bytes round-trip), else UTF-8.
QByteArray headerBytes(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() > 0xFF)
            return text.toUtf8();
    return text.toLatin1();
}

} // namespace

bool isHopByHop(QByteArrayView name)
{
    static constexpr QByteArrayView names[] = {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding",   "te",
        "trailer",    "upgrade",    "expect",           "proxy-authorization", "proxy-authenticate"
    };
    for (const QByteArrayView n : names)
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QJsonValue smeeBody(const QByteArray &body, const QString &contentType)
{
    if (body.trimmed().isEmpty())
        return QJsonObject();
    if (isFormType(contentType))
        return queryObject(QString::fromUtf8(body), true);
    // Wrapping in [] accepts any JSON value (Qt 6.4 parses only objects and arrays at the
    // top level); "[X]" is a one-element array exactly when X is one JSON value.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + body + ']', &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return doc.array().first();
    return QString::fromUtf8(body);
}

QByteArray smeeData(const RelayEvent &event, bool withRawBody)
{
    QJsonObject o;
    for (const auto &[name, value] : event.headers) {
        if (isHopByHop(name))
            continue;
        const QString key = QString::fromLatin1(name).toLower();
        const QString text = QString::fromLatin1(value);
        const auto it = o.find(key);
        if (it == o.end())
            o.insert(key, text);
        else
            *it = QString(it->toString() + u", "_s + text);
    }
    o.insert(u"body"_s, smeeBody(event.body, event.contentType));
    o.insert(u"query"_s, queryObject(event.query, false));
    o.insert(u"timestamp"_s, event.timestamp);
    o.insert(IdKey, QString::number(event.id));
    if (!event.contentType.isEmpty())
        o.insert(ContentTypeKey, event.contentType);
    if (withRawBody)
        o.insert(BodyBase64Key, QString::fromLatin1(event.body.toBase64()));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray sseFrame(const RelayEvent &event, bool withRawBody)
{
    return "id: " + QByteArray::number(event.id) + "\ndata: " + smeeData(event, withRawBody)
            + "\n\n";
}

std::optional<RelayEvent> fromSmeeData(QByteArrayView data, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                  : u"not a JSON object"_s;
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    RelayEvent e;
    e.method = u"POST"_s;
    const QJsonValue ts = o.value(u"timestamp"_s);
    e.timestamp = ts.isDouble() ? qint64(ts.toDouble()) : ts.toString().toLongLong();
    if (e.timestamp <= 0)
        e.timestamp = QDateTime::currentMSecsSinceEpoch();
    const QJsonValue id = o.value(IdKey);
    e.id = id.isDouble() ? qint64(id.toDouble()) : id.toString().toLongLong();
    e.contentType = o.value(ContentTypeKey).toString();

    QUrlQuery query;
    const QJsonObject q = o.value(u"query"_s).toObject();
    for (auto it = q.begin(); it != q.end(); ++it) {
        if (it->isArray()) {
            const QJsonArray values = it->toArray();
            for (const QJsonValue &v : values)
                query.addQueryItem(it.key(), headerText(v));
        } else {
            query.addQueryItem(it.key(),
                               it->isObject() ? QString::fromUtf8(
                                       QJsonDocument(it->toObject()).toJson(QJsonDocument::Compact))
                                              : headerText(*it));
        }
    }
    e.query = query.toString(QUrl::FullyEncoded);

    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString &key = it.key();
        if (key == "body"_L1 || key == "query"_L1 || key == "timestamp"_L1
            || key.startsWith("x-hookscope-"_L1))
            continue;
        e.headers.append({ key.toLatin1(), headerBytes(headerText(*it)) });
        if (e.contentType.isEmpty() && key == "content-type"_L1)
            e.contentType = it->toString();
    }

    if (o.contains(BodyBase64Key)) {
        const auto decoded =
                QByteArray::fromBase64Encoding(o.value(BodyBase64Key).toString().toLatin1(),
                                               QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            if (error)
                *error = u"x-hookscope-body-base64 is not valid base64"_s;
            return std::nullopt;
        }
        e.body = *decoded;
    } else if (o.contains(u"body"_s)) {
        e.body = memberText(data, u"body").value_or(QByteArray());
    }
    return e;
}

QByteArray wsEventMessage(const RelayEvent &event)
{
    QJsonArray headers;
    for (const auto &[name, value] : event.headers)
        headers.append(QJsonArray{ QString::fromLatin1(name), QString::fromLatin1(value) });
    const QJsonObject o{ { u"type"_s, u"event"_s },
                         { u"id"_s, event.id },
                         { u"timestamp"_s, event.timestamp },
                         { u"method"_s, event.method },
                         { u"path"_s, event.path },
                         { u"query"_s, event.query },
                         { u"remote_addr"_s, event.remoteAddress },
                         { u"content_type"_s, event.contentType },
                         { u"headers"_s, headers },
                         { u"body_base64"_s, QString::fromLatin1(event.body.toBase64()) } };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<RelayEvent> fromWsEventMessage(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    RelayEvent e;
    e.id = qint64(o.value(u"id"_s).toDouble());
    if (e.id <= 0)
        return fail(u"event without an id"_s);
    e.timestamp = qint64(o.value(u"timestamp"_s).toDouble());
    e.method = o.value(u"method"_s).toString(u"POST"_s);
    e.path = o.value(u"path"_s).toString();
    e.query = o.value(u"query"_s).toString();
    e.remoteAddress = o.value(u"remote_addr"_s).toString();
    e.contentType = o.value(u"content_type"_s).toString();
    const QJsonArray headers = o.value(u"headers"_s).toArray();
    for (const QJsonValue &pair : headers) {
        const QJsonArray p = pair.toArray();
        if (p.size() != 2)
            return fail(u"malformed header entry"_s);
        e.headers.append({ p.at(0).toString().toLatin1(), p.at(1).toString().toLatin1() });
    }
    const auto body =
            QByteArray::fromBase64Encoding(o.value(u"body_base64"_s).toString().toLatin1(),
                                           QByteArray::AbortOnBase64DecodingErrors);
    if (!body)
        return fail(u"body_base64 is not valid base64"_s);
    e.body = *body;
    return e;
}

std::optional<QByteArray> memberText(QByteArrayView objectText, QStringView key)
{
    JsonScanner scan(objectText);
    scan.skipWhitespace();
    if (!scan.consume('{'))
        return std::nullopt;
    std::optional<QByteArray> found;
    scan.skipWhitespace();
    if (!scan.consume('}')) {
        for (;;) {
            scan.skipWhitespace();
            QString name;
            if (!scan.string(&name))
                return std::nullopt;
            scan.skipWhitespace();
            if (!scan.consume(':'))
                return std::nullopt;
            scan.skipWhitespace();
            const qsizetype start = scan.pos();
            if (!scan.value())
                return std::nullopt;
            if (name == key)
                found = minify(objectText.sliced(start, scan.pos() - start));
            scan.skipWhitespace();
            if (scan.consume('}'))
                break;
            if (!scan.consume(','))
                return std::nullopt;
        }
    }
    scan.skipWhitespace();
    if (!scan.atEnd())
        return std::nullopt;
    return found;
}

} // namespace Hookscope::RelayProtocol
