// SPDX-License-Identifier: MIT
#pragma once

// Blocking sockets for test worker threads that post to a server process while it may be
// killed at any moment: every call is bounded by socket timeouts, so a dead server only ever
// costs a failed exchange. Shared by tst_durability (hookscope listen) and
// tst_relaydurability (hookscope-relay).

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonObject>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/support/httpclient.h"

namespace BlockingSocket {

// A connected loopback TCP socket with send/receive timeouts, or -1.
inline int connectLoopback(quint16 port, int timeoutSeconds)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    timeval tv{};
    tv.tv_sec = timeoutSeconds;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

inline bool sendAll(int fd, QByteArrayView data)
{
    while (!data.isEmpty()) {
        const ssize_t n = ::send(fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data = data.sliced(n);
    }
    return true;
}

// A keep-alive sender: one POST at a time, its answer read before the next.
class Poster
{
public:
    Poster(quint16 port, QByteArray target) : m_port(port), m_target(std::move(target)) { }
    ~Poster() { disconnect(); }
    Poster(const Poster &) = delete;
    Poster &operator=(const Poster &) = delete;

    // The status, or 0 when the exchange broke; *id from the answer's "id".
    int post(const QByteArray &body, const QByteArray &contentType, qint64 *id)
    {
        if (m_fd < 0 && (m_fd = connectLoopback(m_port, 5)) < 0)
            return 0;
        const QByteArray request = "POST " + m_target
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        if (!sendAll(m_fd, request)) {
            disconnect();
            return 0;
        }
        char buf[4096];
        for (;;) {
            bool malformed = false;
            if (std::optional<HttpClient::Response> r =
                        HttpClient::takeResponse(m_buffer, false, &malformed)) {
                *id = QJsonDocument::fromJson(r->body)
                              .object()
                              .value(QLatin1StringView("id"))
                              .toInteger();
                if (r->header("Connection").compare("close", Qt::CaseInsensitive) == 0)
                    disconnect();
                return r->status;
            }
            if (malformed)
                break;
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            m_buffer.append(buf, n);
        }
        disconnect();
        return 0;
    }

private:
    void disconnect()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_buffer.clear();
    }

    quint16 m_port;
    QByteArray m_target;
    int m_fd = -1;
    QByteArray m_buffer;
};

} // namespace BlockingSocket
