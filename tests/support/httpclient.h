// SPDX-License-Identifier: MIT
#pragma once

// Raw HTTP/1.1 clients for receiver tests: what QNetworkAccessManager cannot do (keep-alive
// under our control, oversized and malformed requests, uploads cut off by the server).

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QNetworkProxy>
#include <QPair>
#include <QString>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#if !defined(MSG_NOSIGNAL)
#  define MSG_NOSIGNAL 0 // Apple: SO_NOSIGPIPE is set on the socket instead
#endif

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <thread>

namespace HttpClient {

struct Response
{
    int status = 0;
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers)
            if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &pair : headers)
            if (QByteArrayView(pair.first).compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
};

// Takes one complete response off the front of `buffer`. Bodies are Content-Length framed;
// a response to HEAD has none whatever its Content-Length says (RFC 9110 §9.3.2). Returns
// nullopt while incomplete; sets *malformed when the bytes are not an HTTP response.
inline std::optional<Response> takeResponse(QByteArray &buffer, bool head,
                                            bool *malformed = nullptr)
{
    if (malformed)
        *malformed = false;
    const QByteArrayView prefix = "HTTP/1.";
    if (!buffer.startsWith(prefix.first(qMin(prefix.size(), buffer.size())))) {
        if (malformed)
            *malformed = true;
        return std::nullopt;
    }
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    Response r;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    r.statusLine = lines.first().trimmed();
    const QList<QByteArray> parts = r.statusLine.split(' ');
    r.status = parts.size() > 1 ? parts.at(1).toInt() : 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            r.headers.append(
                    { lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed() });
    }
    const qint64 length = head ? 0 : r.header("Content-Length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    r.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return r;
}

// "METHOD target HTTP/1.1" with Host, the given headers, Content-Length when there is a body.
inline QByteArray request(QByteArrayView method, QByteArrayView target,
                          const QList<QPair<QByteArray, QByteArray>> &headers = {},
                          const QByteArray &body = {}, bool contentLength = true)
{
    QByteArray out =
            method.toByteArray() + ' ' + target.toByteArray() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (contentLength
        && (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH"))
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

// A QTcpSocket client driven from the test's own thread (the receiver keeps running while it
// waits). For well-behaved exchanges: the server reads everything we send.
class SocketClient
{
public:
    SocketClient() { m_socket.setProxy(QNetworkProxy::NoProxy); }

    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return QTest::qWaitFor(
                [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }

    // Sends `raw` and waits for one complete response (nullopt on timeout or garbage; see
    // pending() for what arrived).
    std::optional<Response> exchange(const QByteArray &raw, bool head = false,
                                     int timeoutMs = 15000)
    {
        write(raw);
        return readResponse(head, timeoutMs);
    }

    void write(const QByteArray &raw) { m_socket.write(raw); }

    // Waits for the next complete response.
    std::optional<Response> readResponse(bool head = false, int timeoutMs = 15000)
    {
        std::optional<Response> result;
        bool malformed = false;
        (void)QTest::qWaitFor(
                [&] {
                    m_buffer += m_socket.readAll();
                    result = takeResponse(m_buffer, head, &malformed);
                    return result.has_value() || malformed
                            || m_socket.state() == QAbstractSocket::UnconnectedState;
                },
                timeoutMs);
        if (!result) {
            m_buffer += m_socket.readAll();
            result = takeResponse(m_buffer, head, &malformed);
        }
        return result;
    }

    // Waits until the server closed the connection.
    bool waitForClosed(int timeoutMs = 15000)
    {
        return QTest::qWaitFor(
                [this] {
                    m_buffer += m_socket.readAll();
                    return m_socket.state() == QAbstractSocket::UnconnectedState;
                },
                timeoutMs);
    }

    // Bytes received but not (yet) part of a response.
    QByteArray pending()
    {
        m_buffer += m_socket.readAll();
        return m_buffer;
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// A blocking POSIX client for a worker thread while the servers run on the test's thread
// (runInWorker): sends bytes exactly as given, reads whatever arrives while it sends, parses
// the answers. What QTcpSocket cannot do from the test's own thread without blocking the
// servers: trickling, pipelining split anywhere, cutting off, resetting.
class WireClient
{
public:
    WireClient() = default;
    WireClient(const WireClient &) = delete;
    WireClient &operator=(const WireClient &) = delete;
    ~WireClient() { close(); }

    bool connectTo(quint16 port)
    {
        close();
        m_closed = false;
        m_pending.clear();
        m_responses.clear();
        m_all.clear();
        m_garbage = false;
        m_sendFailed = false;
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0)
            return false;
        timeval tv{};
        tv.tv_sec = 20; // a server that stops reading makes send() fail instead of hang
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(m_fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) == 0;
    }

    // Sends in pieces of at most 64 KiB, reading between them; false once the server closed
    // or a send failed.
    bool send(QByteArrayView data)
    {
        while (!data.isEmpty()) {
            pump(0);
            if (m_closed || m_fd < 0)
                return false;
            QByteArrayView piece = data.first(qMin<qsizetype>(data.size(), 64 * 1024));
            data = data.sliced(piece.size());
            while (!piece.isEmpty()) {
                const ssize_t n = ::send(m_fd, piece.data(), size_t(piece.size()), MSG_NOSIGNAL);
                if (n <= 0) {
                    m_sendFailed = true;
                    pump(0);
                    return false;
                }
                piece = piece.sliced(n);
            }
        }
        pump(0);
        return true;
    }

    // Waits up to timeoutMs for bytes, then takes everything that is there.
    void pump(int timeoutMs)
    {
        char buf[16384];
        int wait = timeoutMs;
        while (!m_closed && m_fd >= 0) {
            pollfd p{ m_fd, POLLIN, 0 };
            if (::poll(&p, 1, wait) <= 0)
                return;
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                m_all.append(buf, n);
                m_pending.append(buf, n);
                parse();
            } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                m_closed = true;
            }
            wait = 0;
        }
    }

    // Until `count` answers arrived in all, the server closed, or timeoutMs passed.
    bool waitForResponses(qsizetype count, int timeoutMs)
    {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
        while (m_responses.size() < count && !m_closed && m_fd >= 0 && !m_garbage) {
            const auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0)
                break;
            pump(int(qMin<qint64>(left.count(), 50)));
        }
        return m_responses.size() >= count;
    }

    bool waitForClose(int timeoutMs)
    {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
        while (!m_closed && m_fd >= 0) {
            const auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0)
                break;
            pump(int(qMin<qint64>(left.count(), 50)));
        }
        return m_closed;
    }

    // The first answer, waiting up to timeoutMs for it (nullopt when the server closed or
    // sent garbage first).
    std::optional<Response> response(int timeoutMs = 15000)
    {
        waitForResponses(1, timeoutMs);
        if (m_responses.isEmpty())
            return std::nullopt;
        return m_responses.first();
    }

    // Ends the connection: a FIN, or with `reset` a RST (SO_LINGER 0).
    void close(bool reset = false)
    {
        if (m_fd < 0)
            return;
        if (reset) {
            linger l{ 1, 0 };
            ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        }
        ::close(m_fd);
        m_fd = -1;
    }

    const QList<Response> &responses() const { return m_responses; }
    bool closedByServer() const { return m_closed; }
    bool sendFailed() const { return m_sendFailed; }
    // Bytes that are not (yet) part of a complete answer.
    const QByteArray &unparsed() const { return m_pending; }
    bool garbage() const { return m_garbage; }
    const QByteArray &received() const { return m_all; }

private:
    using Clock = std::chrono::steady_clock;

    void parse()
    {
        while (!m_garbage && !m_pending.isEmpty()) {
            bool malformed = false;
            std::optional<Response> r = takeResponse(m_pending, false, &malformed);
            if (malformed)
                m_garbage = true;
            if (!r)
                return;
            m_responses.append(std::move(*r));
        }
    }

    int m_fd = -1;
    bool m_closed = false;
    bool m_sendFailed = false;
    bool m_garbage = false;
    QByteArray m_pending;
    QByteArray m_all;
    QList<Response> m_responses;
};

// An upload that the server may cut off mid-way. It runs on a worker thread with blocking
// POSIX sockets while the calling thread's event loop keeps the receiver going: a Qt socket
// that fails to write after the server's reset aborts and can drop the response it already
// had, and a QTcpSocket write buffer would hold the whole body in this process's memory.
struct UploadPlan
{
    QByteArray head; // request line, headers, blank line
    qint64 bodyBytes = 0; // filler bytes sent after the head
    bool chunked = false; // frame the filler as chunks of `piece` bytes (+ last chunk)
    qint64 piece = 64 * 1024;
    char filler = 'x';
};

struct UploadResult
{
    QByteArray received; // everything the server sent
    qint64 bodySent = 0; // filler bytes the kernel accepted
    bool sendFailed = false;
    bool closed = false; // the server closed the connection (EOF or reset)
    bool finished = false; // the worker finished within the timeout
    QString error;

    std::optional<Response> response() const
    {
        QByteArray copy = received;
        return takeResponse(copy, false);
    }
};

// `whileWaiting` runs on the calling thread between event-loop passes until the upload ends.
inline UploadResult upload(quint16 port, const UploadPlan &plan, int timeoutMs = 60000,
                           const std::function<void()> &whileWaiting = {})
{
    UploadResult result;
    std::atomic<bool> done{ false };
    std::thread worker([&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        timeval tv{};
        tv.tv_sec = 20;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
#ifdef SO_NOSIGPIPE
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        char buf[16384];

        // Reads whatever is there without blocking.
        auto pump = [&] {
            for (;;) {
                const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
                if (n > 0) {
                    result.received.append(buf, n);
                    continue;
                }
                if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
                    result.closed = true;
                return;
            }
        };
        auto sendAll = [&](const char *data, qint64 size) {
            while (size > 0) {
                const ssize_t n = ::send(fd, data, size_t(size), MSG_NOSIGNAL);
                if (n <= 0) {
                    result.sendFailed = true;
                    result.error = QString::fromLocal8Bit(std::strerror(errno));
                    return false;
                }
                data += n;
                size -= n;
            }
            return true;
        };

        if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
            result.error = QString::fromLocal8Bit(std::strerror(errno));
        } else if (sendAll(plan.head.constData(), plan.head.size())) {
            const QByteArray piece(qsizetype(plan.piece), plan.filler);
            while (result.bodySent < plan.bodyBytes) {
                pump();
                const qint64 n = qMin<qint64>(plan.piece, plan.bodyBytes - result.bodySent);
                if (plan.chunked) {
                    const QByteArray size = QByteArray::number(n, 16) + "\r\n";
                    if (!sendAll(size.constData(), size.size()) || !sendAll(piece.constData(), n)
                        || !sendAll("\r\n", 2))
                        break;
                } else if (!sendAll(piece.constData(), n)) {
                    break;
                }
                result.bodySent += n;
            }
            if (plan.chunked && !result.sendFailed)
                sendAll("0\r\n\r\n", 5);
            // Read one whole response, then (if the server said it closes) until it does.
            for (;;) {
                QByteArray copy = result.received;
                const std::optional<Response> r = takeResponse(copy, false);
                if (r && r->header("Connection").compare("close", Qt::CaseInsensitive) != 0)
                    break; // complete, and the connection stays open
                if (result.closed)
                    break; // nothing more will come
                const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
                if (n > 0) {
                    result.received.append(buf, n);
                } else {
                    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                        result.error = QStringLiteral("timed out waiting for the response");
                    else
                        result.closed = true;
                    break;
                }
            }
        }
        if (fd >= 0)
            ::close(fd);
        done = true;
    });
    result.finished = QTest::qWaitFor(
            [&] {
                if (whileWaiting)
                    whileWaiting();
                return done.load();
            },
            timeoutMs);
    worker.join();
    return result;
}

namespace detail {
inline qint64 statusField(QByteArrayView field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}
} // namespace detail

// This process's resident set size (VmRSS), in bytes; -1 when unknown.
inline qint64 residentSetBytes()
{
    return detail::statusField("VmRSS:");
}

// The peak resident set size (VmHWM) since the last resetResidentSetPeak(), in bytes.
inline qint64 residentSetPeakBytes()
{
    return detail::statusField("VmHWM:");
}

// Resets VmHWM to the current RSS (Linux >= 4.0); false when not possible.
inline bool resetResidentSetPeak()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

} // namespace HttpClient
