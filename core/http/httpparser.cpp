// SPDX-License-Identifier: MIT
#include "httpparser.h"

#include <cctype>

using namespace Qt::StringLiterals;

namespace Hookscope::Http {

namespace {

constexpr qint64 MaxChunkLineBytes = 4096;
constexpr int MaxEmptyLines = 8;
constexpr qint64 ReserveAtMost = 1024 * 1024; // a Content-Length is a claim, not a promise

bool isTchar(char c)
{
    const auto u = uchar(c);
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (const char c : v)
        if (!isTchar(c))
            return false;
    return true;
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimOws(QByteArrayView v)
{
    while (!v.isEmpty() && isOws(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isOws(v.back()))
        v.chop(1);
    return v;
}

// A field value may hold HTAB, SP, visible ASCII and obs-text; no other control byte.
bool isFieldValue(QByteArrayView v)
{
    for (const char c : v) {
        const auto u = uchar(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

bool isTargetByte(char c)
{
    const auto u = uchar(c);
    return u > 0x20 && u < 0x7f && c != '#';
}

// uri-host [":" port] (RFC 3986): registered names, IP literals in brackets, IPv4.
bool isHostValue(QByteArrayView v)
{
    for (const char c : v) {
        const auto u = uchar(c);
        const bool ok = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')
                || QByteArrayView("-._~!$&'()*+,;=:%[]").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool startsWithNoCase(QByteArrayView v, QByteArrayView prefix)
{
    return v.size() >= prefix.size()
            && v.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

// Calls `element` for each non-empty, trimmed element of a comma-separated field value.
template<typename F>
void forEachListElement(QByteArrayView value, F element)
{
    qsizetype from = 0;
    while (from <= value.size()) {
        qsizetype comma = value.indexOf(',', from);
        if (comma < 0)
            comma = value.size();
        const QByteArrayView part = trimOws(value.sliced(from, comma - from));
        if (!part.isEmpty())
            element(part);
        from = comma + 1;
    }
}

} // namespace

RequestParser::RequestParser(RequestLimits limits) : m_limits(limits) { }

void RequestParser::setDiscardBody(bool discard)
{
    m_discard = discard;
    if (discard)
        m_request.body.clear();
}

RequestParser::Result RequestParser::fail(int status, QString reason)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorReason = std::move(reason);
    m_line.clear();
    return Result::Error;
}

bool RequestParser::takeLine(QByteArrayView data, qsizetype *pos, qint64 maxBytes,
                             QByteArrayView *line, Result *error)
{
    const int tooLong = m_state == State::Start                         ? 414
            : (m_state == State::Headers || m_state == State::Trailers) ? 431
                                                                        : 400;
    const auto overLimit = [&] {
        *error =
                fail(tooLong,
                     tooLong == 414 ? u"request line longer than %1 bytes"_s.arg(maxBytes)
                             : tooLong == 431
                             ? u"header section larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes)
                             : u"chunk size line longer than %1 bytes"_s.arg(maxBytes));
        return false;
    };
    const qsizetype lf = data.indexOf('\n', *pos);
    if (lf < 0) {
        m_line.append(data.sliced(*pos));
        *pos = data.size();
        // A CR at the end may be the one before the LF still to come: it does not count.
        const qsizetype length = m_line.size() - (m_line.endsWith('\r') ? 1 : 0);
        return length > maxBytes ? overLimit() : false;
    }
    QByteArrayView full;
    if (m_line.isEmpty()) {
        full = data.sliced(*pos, lf - *pos);
    } else {
        m_line.append(data.sliced(*pos, lf - *pos));
        full = m_line;
    }
    *pos = lf + 1;
    // The length first, as while the line was incomplete: the verdict must not depend on
    // how the bytes were split.
    if (full.size() - (full.endsWith('\r') ? 1 : 0) > maxBytes)
        return overLimit();
    if (full.isEmpty() || full.back() != '\r') {
        *error = fail(400, u"line ended by a bare LF (HTTP/1.1 lines end with CRLF)"_s);
        return false;
    }
    full.chop(1);
    if (full.contains('\r')) {
        *error = fail(400, u"bare CR inside a line"_s);
        return false;
    }
    *line = full;
    return true;
}

RequestParser::Result RequestParser::feed(QByteArrayView data, qsizetype *consumed)
{
    qsizetype pos = 0;
    Result result = Result::NeedMore;
    const auto stop = [&](Result r) {
        *consumed = pos;
        return r;
    };
    while (true) {
        switch (m_state) {
        case State::Failed:
            return stop(Result::Error);
        case State::Done:
            return stop(Result::Complete);
        case State::Start:
        case State::Headers:
        case State::Trailers: {
            if (pos >= data.size())
                return stop(Result::NeedMore);
            const bool trailers = m_state == State::Trailers;
            const qint64 budget = m_state == State::Start
                    ? qMin(m_limits.maxRequestLineBytes, m_limits.maxHeaderBytes)
                    : m_limits.maxHeaderBytes - m_headBytes;
            QByteArrayView line;
            if (!takeLine(data, &pos, qMax<qint64>(0, budget), &line, &result)) {
                if (m_state == State::Failed)
                    return stop(result);
                continue; // pos is at the end: NeedMore
            }
            m_headBytes += line.size() + 2;
            if (m_state == State::Start) {
                if (line.isEmpty()) { // RFC 9112 §2.2: empty lines before a request are ignored
                    m_line.clear();
                    m_headBytes = 0;
                    if (++m_emptyLines > MaxEmptyLines)
                        return stop(fail(400, u"too many empty lines before a request"_s));
                    continue;
                }
                result = requestLine(line);
            } else if (line.isEmpty()) {
                result = trailers ? (finish(), Result::Complete) : headersComplete();
            } else {
                result = headerLine(line, trailers);
            }
            m_line.clear();
            if (result == Result::Error)
                return stop(result);
            if (result == Result::HeadReady || result == Result::Complete)
                return stop(result);
            break;
        }
        case State::Body:
        case State::ChunkData: {
            if (pos >= data.size())
                return stop(Result::NeedMore);
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size() - pos));
            if (!m_discard)
                m_request.body.append(data.sliced(pos, take));
            pos += take;
            m_remaining -= take;
            if (m_remaining > 0)
                return stop(Result::NeedMore);
            if (m_state == State::Body) {
                finish();
                return stop(Result::Complete);
            }
            m_state = State::ChunkDataEnd;
            m_fields = 0; // counts the CRLF bytes seen here
            break;
        }
        case State::ChunkDataEnd: {
            while (m_fields < 2 && pos < data.size()) {
                if (data[pos] != (m_fields == 0 ? '\r' : '\n'))
                    return stop(fail(400, u"chunk data not followed by CRLF"_s));
                ++pos;
                ++m_fields;
            }
            if (m_fields < 2)
                return stop(Result::NeedMore);
            m_state = State::ChunkSize;
            break;
        }
        case State::ChunkSize: {
            if (pos >= data.size())
                return stop(Result::NeedMore);
            QByteArrayView line;
            if (!takeLine(data, &pos, MaxChunkLineBytes, &line, &result)) {
                if (m_state == State::Failed)
                    return stop(result);
                continue;
            }
            result = chunkSizeLine(line);
            m_line.clear();
            if (result == Result::Error)
                return stop(result);
            break;
        }
        }
    }
}

RequestParser::Result RequestParser::requestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0)
        return fail(400, u"malformed request line"_s);
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method))
        return fail(400, u"malformed method"_s);
    for (const char c : target)
        if (!isTargetByte(c))
            return fail(400,
                        u"request target holds a byte that is not visible ASCII (0x%1)"_s.arg(
                                uchar(c), 2, 16, QChar(u'0')));
    const bool origin = target.startsWith('/');
    const bool absolute =
            startsWithNoCase(target, "http://") || startsWithNoCase(target, "https://");
    const bool asterisk = target == "*" && method == "OPTIONS";
    const bool authority = method == "CONNECT" && !target.contains('/');
    if (!origin && !absolute && !asterisk && !authority)
        return fail(400, u"malformed request target"_s);
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.'
        || !std::isdigit(uchar(version[5])) || !std::isdigit(uchar(version[7])))
        return fail(400, u"malformed HTTP version"_s);
    if (version[5] != '1' || version[7] > '1')
        return fail(505,
                    u"HTTP version %1 not supported (1.0 and 1.1 are)"_s.arg(
                            QLatin1StringView(version.sliced(5))));
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    m_request.minorVersion = version[7] - '0';
    m_state = State::Headers;
    return Result::NeedMore;
}

RequestParser::Result RequestParser::headerLine(QByteArrayView line, bool trailer)
{
    if (isOws(line.front()))
        return fail(400, u"obsolete line folding in a header field"_s);
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return fail(400, u"malformed header field name"_s);
    const QByteArrayView value = trimOws(line.sliced(colon + 1));
    if (!isFieldValue(value))
        return fail(400,
                    u"control character in the value of header field %1"_s.arg(
                            QLatin1StringView(line.first(colon))));
    if (++m_fields > m_limits.maxHeaderFields)
        return fail(431,
                    u"more than %1 %2 fields"_s.arg(m_limits.maxHeaderFields)
                            .arg(trailer ? u"trailer"_s : u"header"_s));
    if (!trailer)
        m_request.headers.append({ line.first(colon).toByteArray(), value.toByteArray() });
    return Result::NeedMore;
}

RequestParser::Result RequestParser::headersComplete()
{
    Request &r = m_request;
    int hosts = 0;
    int chunkedCount = 0;
    bool transferEncoding = false;
    bool otherCoding = false;
    bool contentLength = false;
    bool badLength = false;
    qint64 length = -1;
    bool close = false;
    bool keepAlive = false;
    QByteArray expect;
    for (const auto &[name, value] : r.headers) {
        const QByteArrayView n(name);
        if (n.compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
            if (!isHostValue(value))
                return fail(400, u"malformed Host header field"_s);
        } else if (n.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            transferEncoding = true;
            forEachListElement(value, [&](QByteArrayView coding) {
                if (coding.compare("chunked", Qt::CaseInsensitive) == 0)
                    ++chunkedCount;
                else
                    otherCoding = true;
            });
        } else if (n.compare("content-length", Qt::CaseInsensitive) == 0) {
            contentLength = true;
            int elements = 0;
            forEachListElement(value, [&](QByteArrayView v) {
                ++elements;
                bool digits = v.size() <= 18;
                for (const char c : v)
                    digits = digits && c >= '0' && c <= '9';
                const qint64 n = digits ? v.toLongLong() : -1;
                if (!digits || (length >= 0 && n != length))
                    badLength = true;
                length = n;
            });
            badLength = badLength || elements == 0;
        } else if (n.compare("connection", Qt::CaseInsensitive) == 0) {
            forEachListElement(value, [&](QByteArrayView option) {
                close = close || option.compare("close", Qt::CaseInsensitive) == 0;
                keepAlive = keepAlive || option.compare("keep-alive", Qt::CaseInsensitive) == 0;
            });
        } else if (n.compare("expect", Qt::CaseInsensitive) == 0) {
            expect = value;
        }
    }
    if (hosts > 1)
        return fail(400, u"more than one Host header field"_s);
    if (hosts == 0 && r.minorVersion == 1)
        return fail(400, u"HTTP/1.1 request without a Host header field"_s);
    if (transferEncoding && contentLength)
        return fail(400, u"both Content-Length and Transfer-Encoding"_s);
    if (transferEncoding && r.minorVersion == 0)
        return fail(400, u"Transfer-Encoding in an HTTP/1.0 request"_s);
    if (otherCoding)
        return fail(501, u"transfer coding not supported (only chunked is)"_s);
    if (transferEncoding && chunkedCount != 1)
        return fail(400, u"malformed Transfer-Encoding"_s);
    if (badLength)
        return fail(400, u"malformed or conflicting Content-Length"_s);
    if (!expect.isNull()) {
        if (expect.compare("100-continue", Qt::CaseInsensitive) != 0)
            return fail(417, u"expectation not supported (only 100-continue is)"_s);
        r.expectContinue = r.minorVersion == 1;
    }
    r.keepAlive = r.minorVersion == 1 ? !close : keepAlive && !close;
    r.chunked = chunkedCount == 1;
    r.contentLength = contentLength ? length : -1;
    if (r.contentLength > m_limits.maxBodyBytes)
        return fail(413,
                    u"body of %1 bytes over the limit of %2"_s.arg(r.contentLength)
                            .arg(m_limits.maxBodyBytes));
    if (r.chunked) {
        m_state = State::ChunkSize;
    } else if (r.contentLength > 0) {
        m_state = State::Body;
        m_remaining = r.contentLength;
        r.body.reserve(qsizetype(qMin(r.contentLength, ReserveAtMost)));
    } else {
        finish();
    }
    return Result::HeadReady;
}

RequestParser::Result RequestParser::chunkSizeLine(QByteArrayView line)
{
    quint64 size = 0;
    qsizetype digits = 0;
    while (digits < line.size() && hexValue(line[digits]) >= 0) {
        if (digits == 16)
            return fail(400, u"chunk size longer than 16 hex digits"_s);
        size = (size << 4) | quint64(hexValue(line[digits]));
        ++digits;
    }
    if (digits == 0)
        return fail(400, u"malformed chunk size"_s);
    const QByteArrayView extension = trimOws(line.sliced(digits));
    if (!extension.isEmpty() && (extension.front() != ';' || !isFieldValue(extension)))
        return fail(400, u"malformed chunk size"_s);
    const quint64 room = quint64(qMax<qint64>(0, m_limits.maxBodyBytes - m_bodyBytes));
    if (size > room)
        return fail(413, u"chunked body over the limit of %1 bytes"_s.arg(m_limits.maxBodyBytes));
    if (size == 0) {
        m_state = State::Trailers;
        m_headBytes = 0;
        m_fields = 0;
        return Result::NeedMore;
    }
    m_remaining = qint64(size);
    m_bodyBytes += qint64(size);
    m_state = State::ChunkData;
    return Result::NeedMore;
}

void RequestParser::finish()
{
    m_state = State::Done;
}

Request RequestParser::takeRequest()
{
    Request out = std::move(m_request);
    m_request = Request();
    m_state = State::Start;
    m_line.clear();
    m_headBytes = 0;
    m_remaining = 0;
    m_bodyBytes = 0;
    m_fields = 0;
    m_emptyLines = 0;
    m_discard = false;
    return out;
}

} // namespace Hookscope::Http
