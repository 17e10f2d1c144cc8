// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "core/http/httprequest.h"

namespace Hookscope::Http {

struct RequestLimits
{
    qint64 maxBodyBytes = 10 * 1024 * 1024;
    // The request line and the header fields together (and, separately, the trailers).
    qint64 maxHeaderBytes = 64 * 1024;
    int maxHeaderFields = 100;
    qint64 maxRequestLineBytes = 8 * 1024;

    friend bool operator==(const RequestLimits &, const RequestLimits &) = default;
};

// A strict, incremental HTTP/1.1 request parser (RFC 9112), the only one the receiver and
// the relay use: whatever it accepts is what the handler sees, and whatever it refuses is
// refused before a handler runs. Limits act while bytes arrive, so nothing over a limit is
// ever buffered.
//
// What it refuses, and with which status:
//   400  a line not ended by CRLF (bare LF or CR), obs-fold, a malformed request line (or
//        more than 8 empty lines before one), a malformed Host value, a
//        target byte outside visible ASCII (or '#'), a bad field name or a control byte in a
//        value, no Host (HTTP/1.1) or two, Content-Length with Transfer-Encoding, a bad or
//        conflicting Content-Length, "chunked" twice, Transfer-Encoding in HTTP/1.0, a bad
//        chunk size line (not hex, more than 16 digits) or chunk data not ended by CRLF
//   413  Content-Length or the chunked body so far over maxBodyBytes
//   414  a request line over maxRequestLineBytes
//   417  an Expect other than 100-continue
//   431  header (or trailer) block over maxHeaderBytes, or more than maxHeaderFields fields
//   501  a transfer coding other than chunked
//   505  an HTTP version other than 1.0 and 1.1
class RequestParser final
{
public:
    enum class Result {
        NeedMore, // every byte given was consumed; the request is not complete yet
        HeadReady, // the header section is complete (once per request): head() is valid
        Complete, // a whole request is ready: takeRequest()
        Error, // errorStatus()/errorReason(); the connection cannot be read any further
    };

    explicit RequestParser(RequestLimits limits = {});

    // Consumes bytes from `data` and says why it stopped; *consumed tells how many bytes
    // were used (after HeadReady and Complete the rest belongs to what follows).
    Result feed(QByteArrayView data, qsizetype *consumed);

    // With discard on, the body of the current request is framed but not kept (a request
    // already answered from its head).
    void setDiscardBody(bool discard);

    const Request &head() const { return m_request; }
    Request takeRequest();

    // Between a request's first byte and its end.
    bool inRequest() const { return m_state != State::Start || !m_line.isEmpty(); }
    bool failed() const { return m_state == State::Failed; }
    int errorStatus() const { return m_errorStatus; }
    const QString &errorReason() const { return m_errorReason; }
    const RequestLimits &limits() const { return m_limits; }

private:
    enum class State {
        Start, // before a request line (empty lines are skipped)
        Headers,
        Body, // Content-Length
        ChunkSize,
        ChunkData,
        ChunkDataEnd, // the CRLF after chunk data
        Trailers,
        Done, // Complete returned, takeRequest() not called yet
        Failed,
    };

    Result fail(int status, QString reason);
    // Collects one line (without its CRLF) from data; false while it is incomplete.
    bool takeLine(QByteArrayView data, qsizetype *pos, qint64 maxBytes, QByteArrayView *line,
                  Result *error);
    Result requestLine(QByteArrayView line);
    Result headerLine(QByteArrayView line, bool trailer);
    Result headersComplete();
    Result chunkSizeLine(QByteArrayView line);
    void finish();

    RequestLimits m_limits;
    State m_state = State::Start;
    Request m_request;
    QByteArray m_line; // a line that continues in the next feed()
    qint64 m_headBytes = 0;
    qint64 m_remaining = 0; // of the Content-Length body or the current chunk
    qint64 m_bodyBytes = 0;
    int m_fields = 0;
    int m_emptyLines = 0;
    bool m_discard = false;
    int m_errorStatus = 0;
    QString m_errorReason;
};

} // namespace Hookscope::Http
