// SPDX-License-Identifier: MIT
#include "requestguard.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace Hookscope {

RequestGuard::RequestGuard(Limits limits) : m_limits(limits) { }

bool RequestGuard::inRequest() const
{
    return m_state != State::Idle;
}

bool RequestGuard::takeExpectContinue()
{
    return std::exchange(m_expectContinue, false);
}

qint64 RequestGuard::declaredLength() const
{
    return m_declared;
}

QString RequestGuard::reason() const
{
    return m_reason;
}

const RequestGuard::Limits &RequestGuard::limits() const
{
    return m_limits;
}

void RequestGuard::setRecordRequestLines(bool on)
{
    m_recordLines = on;
    if (!on)
        m_requestLines.clear();
}

std::optional<RequestGuard::RequestLine> RequestGuard::takeRequestLine()
{
    if (m_requestLines.empty())
        return std::nullopt;
    RequestLine line = std::move(m_requestLines.front());
    m_requestLines.pop_front();
    return line;
}

RequestGuard::Verdict RequestGuard::fail(Verdict verdict, QString reason)
{
    m_failed = verdict;
    m_reason = std::move(reason);
    return verdict;
}

RequestGuard::Verdict RequestGuard::feed(QByteArrayView data)
{
    if (m_failed != Verdict::Continue)
        return m_failed;
    qsizetype pos = 0;
    const qsizetype n = data.size();
    while (pos < n) {
        switch (m_state) {
        case State::Idle:
            // Blank lines between pipelined requests are allowed (RFC 9112 §2.2).
            if (data[pos] == '\r' || data[pos] == '\n') {
                ++pos;
                continue;
            }
            m_state = State::Headers;
            m_line.clear();
            m_declared = -1;
            m_bodySeen = 0;
            [[fallthrough]];
        case State::Headers: {
            const qsizetype room = m_limits.maxHeaderBytes - m_line.size();
            const qsizetype take = qMin(n - pos, room + 4);
            const qsizetype before = m_line.size();
            m_line.append(data.sliced(pos, take));
            const qsizetype end = m_line.indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 3));
            if (end < 0) {
                if (m_line.size() > m_limits.maxHeaderBytes)
                    return fail(Verdict::HeadersTooLarge,
                                u"request headers exceed %1 bytes"_s.arg(m_limits.maxHeaderBytes));
                pos += take;
                continue;
            }
            if (end + 4 > m_limits.maxHeaderBytes)
                return fail(Verdict::HeadersTooLarge,
                            u"request headers exceed %1 bytes"_s.arg(m_limits.maxHeaderBytes));
            pos += (end + 4) - before;
            m_line.truncate(end + 4);
            const Verdict v = headersComplete();
            if (v != Verdict::Continue)
                return v;
            continue;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(n - pos, m_remaining);
            m_remaining -= take;
            pos += take;
            if (m_remaining == 0)
                m_state = State::Idle;
            continue;
        }
        case State::ChunkSize:
        case State::Trailers: {
            const qsizetype eol = data.sliced(pos).indexOf('\n');
            const qsizetype take = eol < 0 ? n - pos : eol + 1;
            m_line.append(data.sliced(pos, take));
            pos += take;
            if (m_line.size() > 4096)
                return fail(Verdict::Malformed, u"chunk header line too long"_s);
            if (eol < 0)
                continue;
            const QByteArray line = m_line.trimmed();
            m_line.clear();
            if (m_state == State::Trailers) {
                if (line.isEmpty())
                    m_state = State::Idle;
                continue;
            }
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            const QByteArray sizeText = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
            bool ok = false;
            const qint64 size = sizeText.toLongLong(&ok, 16);
            if (!ok || size < 0 || sizeText.size() > 15)
                return fail(Verdict::Malformed, u"invalid chunk size"_s);
            if (size == 0) {
                m_state = State::Trailers;
                continue;
            }
            m_bodySeen += size;
            if (m_bodySeen > m_limits.maxBodyBytes)
                return fail(Verdict::BodyTooLarge,
                            u"chunked body exceeds %1 bytes"_s.arg(m_limits.maxBodyBytes));
            m_remaining = size;
            m_state = State::ChunkData;
            continue;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(n - pos, m_remaining);
            m_remaining -= take;
            pos += take;
            if (m_remaining == 0) {
                m_state = State::ChunkDataEnd;
                m_remaining = 2; // CRLF after the data
            }
            continue;
        }
        case State::ChunkDataEnd: {
            const qint64 take = qMin<qint64>(n - pos, m_remaining);
            m_remaining -= take;
            pos += take;
            if (m_remaining == 0)
                m_state = State::ChunkSize;
            continue;
        }
        }
    }
    return Verdict::Continue;
}

RequestGuard::Verdict RequestGuard::headersComplete()
{
    const QList<QByteArray> lines = m_line.split('\n');
    // The request line and the final blank line are not fields.
    if (lines.size() - 3 > m_limits.maxHeaderFields)
        return fail(Verdict::HeadersTooLarge,
                    u"%1 header fields exceed the limit of %2"_s.arg(lines.size() - 3)
                            .arg(m_limits.maxHeaderFields));
    if (m_recordLines) {
        // "METHOD SP target SP version": the target is everything between the first and the
        // last space (a target never contains one; whatever the client sent is kept as is).
        const QByteArray requestLine = lines.constFirst().trimmed();
        const qsizetype first = requestLine.indexOf(' ');
        const qsizetype last = requestLine.lastIndexOf(' ');
        if (first > 0 && last > first) {
            if (m_requestLines.size() >= MaxQueuedRequestLines)
                return fail(
                        Verdict::Malformed,
                        u"more than %1 pipelined requests waiting"_s.arg(MaxQueuedRequestLines));
            m_requestLines.push_back(
                    { requestLine.first(first), requestLine.sliced(first + 1, last - first - 1) });
        }
    }
    bool chunked = false;
    qint64 length = -1;
    bool expect = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &raw = lines.at(i);
        const qsizetype colon = raw.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = raw.left(colon).trimmed().toLower();
        const QByteArray value = raw.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 v = value.toLongLong(&ok);
            if (!ok || v < 0 || (length >= 0 && length != v))
                return fail(Verdict::Malformed, u"invalid Content-Length"_s);
            length = v;
        } else if (name == "transfer-encoding") {
            chunked = value.toLower().contains("chunked");
        } else if (name == "expect") {
            expect = value.toLower() == "100-continue";
        }
    }
    m_line.clear();
    if (chunked) {
        m_declared = -1;
        m_state = State::ChunkSize;
    } else if (length > 0) {
        m_declared = length;
        if (length > m_limits.maxBodyBytes)
            return fail(Verdict::BodyTooLarge,
                        u"body of %1 bytes exceeds the %2-byte limit"_s.arg(length).arg(
                                m_limits.maxBodyBytes));
        m_remaining = length;
        m_state = State::Body;
    } else {
        m_declared = length;
        m_state = State::Idle;
    }
    m_expectContinue = expect && m_state != State::Idle;
    return Verdict::Continue;
}

} // namespace Hookscope
