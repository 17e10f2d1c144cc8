// SPDX-License-Identifier: MIT
#include "harexporter.h"

#include <QFileDevice>
#include <QIODevice>
#include <QStringDecoder>
#include <QUrl>
#include <QUrlQuery>

#include "core/export/deviceio.h"
#include "core/export/eventexporter.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr qsizetype FlushSize = 1024 * 1024;

// Appends UTF-8 bytes as a JSON string. Only what JSON requires is escaped, plus U+FEFF,
// U+2028 and U+2029, which some line-oriented and JavaScript consumers mangle; every other
// byte is copied, so a valid UTF-8 body comes back byte for byte.
void appendJsonUtf8(QByteArray &out, QByteArrayView utf8)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    const qsizetype n = utf8.size();
    qsizetype runStart = 0;
    auto escape = [&](qsizetype at, qsizetype length, QByteArrayView replacement) {
        out.append(utf8.sliced(runStart, at - runStart));
        out.append(replacement);
        runStart = at + length;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(utf8[i]);
        if (c == '"') {
            escape(i, 1, "\\\"");
        } else if (c == '\\') {
            escape(i, 1, "\\\\");
        } else if (c < 0x20) {
            switch (c) {
            case '\n':
                escape(i, 1, "\\n");
                break;
            case '\r':
                escape(i, 1, "\\r");
                break;
            case '\t':
                escape(i, 1, "\\t");
                break;
            default: {
                const char u[] = { '\\', 'u', '0', '0', Hex[c >> 4], Hex[c & 0xF] };
                escape(i, 1, QByteArrayView(u, sizeof u));
            }
            }
        } else if (c == 0xEF && i + 2 < n && uchar(utf8[i + 1]) == 0xBB
                   && uchar(utf8[i + 2]) == 0xBF) {
            escape(i, 3, "\\ufeff");
            i += 2;
        } else if (c == 0xE2 && i + 2 < n && uchar(utf8[i + 1]) == 0x80
                   && (uchar(utf8[i + 2]) == 0xA8 || uchar(utf8[i + 2]) == 0xA9)) {
            escape(i, 3, uchar(utf8[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
        }
    }
    out.append(utf8.sliced(runStart));
    out.append('"');
}

void appendJsonString(QByteArray &out, QStringView text)
{
    appendJsonUtf8(out, text.toUtf8());
}

// `"name":` with the separating comma when needed.
void appendKey(QByteArray &out, bool &first, QByteArrayView name)
{
    if (!first)
        out.append(',');
    first = false;
    out.append('"');
    out.append(name);
    out.append("\":");
}

void appendNameValue(QByteArray &out, bool &first, QStringView name, QStringView value)
{
    out.append(first ? "{\"name\":" : ",{\"name\":");
    first = false;
    appendJsonString(out, name);
    out.append(",\"value\":");
    appendJsonString(out, value);
    out.append('}');
}

QString headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(value.trimmed());
    }
    return {};
}

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless
                                   | QStringDecoder::Flag::ConvertInitialBom);
    const QString decoded = decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace

HarExporter::HarExporter(QIODevice *device) : m_device(device)
{
    m_buffer.reserve(FlushSize + 64 * 1024);
}

HarExporter::~HarExporter()
{
    flush();
}

QString HarExporter::requestUrl(const Event &event)
{
    QUrl url;
    url.setScheme(u"http"_s);
    // The Host header names the address the sender used; anything that does not make a
    // plain host[:port] (empty, user info, a path) falls back to the loopback default.
    const QString host = headerValue(event.headers, "host");
    if (!host.isEmpty() && !host.contains(u'@') && !host.contains(u'/'))
        url.setAuthority(host, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        url = QUrl();
        url.setScheme(u"http"_s);
        url.setHost(u"127.0.0.1"_s);
    }
    // The receiver records QUrl::path() (fully decoded), so DecodedMode is its exact inverse
    // and QUrl(url).path() on import gives the recorded path back.
    QString path = event.path;
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    url.setPath(path, QUrl::DecodedMode);
    // The query is recorded encoded; TolerantMode keeps it as it is (including [redacted]).
    const QString query = EventExporter::redactQuery(event.query);
    if (!query.isEmpty())
        url.setQuery(query, QUrl::TolerantMode);
    // QUrl leaves '[' and ']' alone in paths and queries ("[secret]", "[redacted]"), but
    // RFC 3986 allows them only around an IPv6 host: encode them after the authority. The
    // decoded path is the same either way, and a redacted value reads [redacted] again once
    // the importer redacts it.
    QString text = url.toString(QUrl::FullyEncoded);
    const qsizetype pathStart = text.indexOf(u'/', text.indexOf(u"//") + 2);
    if (pathStart > 0) {
        QString tail = text.mid(pathStart);
        tail.replace(u'[', u"%5B"_s).replace(u']', u"%5D"_s);
        text.truncate(pathStart);
        text += tail;
    }
    return text;
}

bool HarExporter::begin()
{
    if (m_begun)
        return !m_failed;
    m_begun = true;
    if (!m_device) {
        setError(u"Could not write the export: no output device"_s);
        return false;
    }
    if (!m_device->isWritable()) {
        setError(u"Could not write the export: the output is not open for writing"_s);
        return false;
    }
    m_buffer.append(R"({"log":{"version":"1.2","creator":{"name":"Hookscope","version":)");
    appendJsonString(m_buffer, QStringLiteral(HOOKSCOPE_VERSION));
    m_buffer.append(R"(},"entries":[)");
    return true;
}

bool HarExporter::write(const Event &event)
{
    if (!m_begun && !begin())
        return false;
    if (m_failed)
        return false;
    if (m_finished) {
        setError(u"Could not write the export: the document is already finished"_s);
        return false;
    }
    m_buffer.append(m_rows == 0 ? "\n" : ",\n");
    appendEntry(event);
    if (m_buffer.size() >= FlushSize)
        flush();
    if (m_failed)
        return false;
    ++m_rows;
    return true;
}

void HarExporter::appendEntry(const Event &event)
{
    const EventSummary &s = event.summary;
    QByteArray &out = m_buffer;
    bool first = true;

    out.append('{');
    appendKey(out, first, "startedDateTime");
    appendJsonString(out, EventExporter::formatTime(s.receivedAt));
    appendKey(out, first, "time");
    out.append('0'); // the sum of the timings below

    // --- request
    appendKey(out, first, "request");
    {
        bool r = true;
        out.append('{');
        appendKey(out, r, "method");
        appendJsonString(out, event.method.isEmpty() ? u"POST"_s : event.method);
        appendKey(out, r, "url");
        appendJsonString(out, requestUrl(event));
        appendKey(out, r, "httpVersion");
        out.append("\"HTTP/1.1\"");
        // Cookies would be secrets: the Cookie header itself is redacted.
        appendKey(out, r, "cookies");
        out.append("[]");
        appendKey(out, r, "headers");
        out.append('[');
        bool h = true;
        for (const auto &[name, value] : EventExporter::redactHeaders(event.headers))
            appendNameValue(out, h, QString::fromUtf8(name), QString::fromUtf8(value));
        out.append(']');
        appendKey(out, r, "queryString");
        out.append('[');
        bool q = true;
        const QString query = EventExporter::redactQuery(event.query);
        if (!query.isEmpty()) {
            const QUrlQuery items(query);
            for (const auto &[name, value] : items.queryItems(QUrl::FullyDecoded))
                appendNameValue(out, q, name, value);
        }
        out.append(']');
        if (!event.body.isEmpty() || !event.contentType.isEmpty()) {
            appendKey(out, r, "postData");
            bool p = true;
            out.append('{');
            appendKey(out, p, "mimeType");
            appendJsonString(out, event.contentType);
            appendKey(out, p, "text");
            if (isValidUtf8(event.body)) {
                appendJsonUtf8(out, event.body);
            } else {
                out.append('"');
                out.append(event.body.toBase64());
                out.append('"');
                appendKey(out, p, "_encoding");
                out.append("\"base64\"");
            }
            out.append('}');
        }
        appendKey(out, r, "headersSize");
        out.append("-1");
        appendKey(out, r, "bodySize");
        out.append(QByteArray::number(event.body.size()));
        out.append('}');
    }

    // --- response: what Hookscope answered the sender
    appendKey(out, first, "response");
    {
        const bool invalid = s.status == EventStatus::Invalid;
        out.append(invalid ? R"({"status":400,"statusText":"Bad Request")"
                           : R"({"status":200,"statusText":"OK")");
        out.append(R"(,"httpVersion":"HTTP/1.1","cookies":[],"headers":[],)"
                   R"("content":{"size":0,"mimeType":"application/json","text":""},)"
                   R"("redirectURL":"","headersSize":-1,"bodySize":-1})");
    }
    appendKey(out, first, "cache");
    out.append("{}");
    appendKey(out, first, "timings");
    out.append(R"({"send":0,"wait":0,"receive":0})");

    // --- the store's view of the event
    appendKey(out, first, "_hookscope");
    {
        bool c = true;
        out.append('{');
        appendKey(out, c, "id");
        out.append(QByteArray::number(s.id));
        appendKey(out, c, "type");
        appendJsonString(out, s.type);
        appendKey(out, c, "eventId");
        appendJsonString(out, s.eventId);
        appendKey(out, c, "team");
        appendJsonString(out, s.team);
        appendKey(out, c, "actor");
        appendJsonString(out, s.actor);
        appendKey(out, c, "entity");
        appendJsonString(out, s.entity);
        appendKey(out, c, "summary");
        appendJsonString(out, s.summary);
        appendKey(out, c, "source");
        appendJsonString(out, s.source);
        appendKey(out, c, "status");
        appendJsonString(out, s.status);
        appendKey(out, c, "occurredAt");
        if (s.occurredAt)
            appendJsonString(out, EventExporter::formatTime(s.occurredAt));
        else
            out.append("null");
        appendKey(out, c, "remoteAddress");
        appendJsonString(out, event.remoteAddress);
        out.append('}');
    }
    out.append('}');
}

bool HarExporter::finish()
{
    if (!m_begun && !begin())
        return false;
    if (!m_finished && !m_failed) {
        m_finished = true;
        m_buffer.append(m_rows == 0 ? "]}}\n" : "\n]}}\n");
    }
    flush();
    QString error;
    if (!m_failed && !DeviceIo::finish(m_device, &error))
        setError(u"Could not write the export: %1"_s.arg(error));
    return !m_failed;
}

void HarExporter::flush()
{
    const qsizetype pending = m_buffer.size();
    m_flushed += pending;
    QString error;
    if (!m_failed && pending > 0 && m_device && !DeviceIo::writeAll(m_device, m_buffer, &error))
        setError(u"Could not write the export: %1"_s.arg(error));
    m_buffer.resize(0); // keeps the capacity
}

void HarExporter::setError(const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = message;
}

} // namespace Hookscope
