// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <deque>
#include <optional>

namespace Hookscope {

// An incremental HTTP/1.1 request framer that only measures: it follows header and body
// boundaries (Content-Length and chunked, pipelined requests included) across reads, so
// limits can act on the bytes as they arrive. Qt 6.4's QHttpServer buffers a whole body
// before its handler runs; this runs first and stops oversized requests early.
struct RequestLimits
{
    qint64 maxBodyBytes = 10 * 1024 * 1024;
    qint64 maxHeaderBytes = 64 * 1024;
    // Qt 6.4's HTTP layer mishandles requests with more header fields than this (it loses
    // the body and can read it as a request of its own): refuse them first.
    int maxHeaderFields = 100;

    friend bool operator==(const RequestLimits &, const RequestLimits &) = default;
};

class RequestGuard final
{
public:
    using Limits = RequestLimits;

    enum class Verdict {
        Continue, // nothing wrong so far
        HeadersTooLarge, // 431
        BodyTooLarge, // 413
        Malformed, // 400: framing cannot be followed (bad length, bad chunk size)
    };

    explicit RequestGuard(Limits limits = {});

    Verdict feed(QByteArrayView data);

    // True between the first byte of a request and the end of its body.
    bool inRequest() const;
    // True once a request's headers asked for "Expect: 100-continue" and were accepted;
    // reset by takeExpectContinue().
    bool takeExpectContinue();
    // Body bytes announced by Content-Length of the current request (-1 if none/chunked).
    qint64 declaredLength() const;
    QString reason() const;
    const Limits &limits() const;

    // When on, the request line of every request is kept, in arrival order, until taken:
    // the HTTP layer's own parse loses bytes ("//x" becomes an authority, bytes that are not
    // UTF-8 are replaced), and the receiver records what was actually sent.
    struct RequestLine
    {
        QByteArray method;
        QByteArray target;
    };
    static constexpr int MaxQueuedRequestLines = 1024;
    void setRecordRequestLines(bool on);
    std::optional<RequestLine> takeRequestLine();

private:
    enum class State { Idle, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    Verdict headersComplete();
    Verdict fail(Verdict verdict, QString reason);

    Limits m_limits;
    State m_state = State::Idle;
    QByteArray m_line; // header block / chunk-size line being collected
    qint64 m_remaining = 0;
    qint64 m_bodySeen = 0;
    qint64 m_declared = -1;
    bool m_expectContinue = false;
    bool m_recordLines = false;
    std::deque<RequestLine> m_requestLines;
    Verdict m_failed = Verdict::Continue;
    QString m_reason;
};

} // namespace Hookscope
