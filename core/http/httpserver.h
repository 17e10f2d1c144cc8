// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

#include "core/http/httpparser.h"
#include "core/http/httprequest.h"

class QTcpServer;
class QTcpSocket;

namespace Hookscope::Http {

class Connection;
class Server;

struct ServerLimits
{
    RequestLimits request;
    // Open HTTP connections (a connection taken over as a stream no longer counts): 503
    // beyond it.
    int maxConnections = 256;
    // A kept-alive connection without a request is closed after this long.
    int idleTimeoutMs = 60'000;
    // A request must be complete this long after its first byte, however steadily its
    // bytes trickle in (slow-loris): 408 after that.
    int requestTimeoutMs = 30'000;

    friend bool operator==(const ServerLimits &, const ServerLimits &) = default;
};

// The answer to one request: send() it now or later (the receiver answers once the event is
// committed). Copies share it; the first send() wins, and a reply whose connection went away
// sends nothing.
class Reply final
{
public:
    Reply() = default;

    bool isValid() const;
    bool send(int status, const QByteArray &body,
              const QByteArray &contentType = "application/json",
              const HeaderList &extraHeaders = {});
    // Drops the connection without an answer (RST), as a crashed or unreachable server
    // would: what the receiver's response mode does to test a sender's retries.
    bool abort();
    // Takes the connection out of HTTP for a stream the caller writes itself (SSE): no more
    // requests are read from it, it no longer counts against maxConnections, and anything
    // the peer sends on it from now on aborts it. The socket stays a child of the server and
    // is deleted once disconnected. Null when the reply is no longer valid, or when requests
    // were pipelined behind this one (the connection is aborted then).
    QTcpSocket *takeSocket();

private:
    friend class Connection;
    Reply(Connection *connection, quint64 sequence);

    QPointer<Connection> m_connection;
    quint64 m_sequence = 0;
};

// Hookscope's HTTP/1.1 server: it owns the listening socket and every connection, frames
// each request once with RequestParser, enforces the limits while bytes arrive, answers
// requests in order (keep-alive and pipelining, HTTP/1.0, Expect: 100-continue), closes
// idle and slow connections, and passes complete requests to the handler. The receiver and
// hookscope-relay are both built on it.
class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    using Limits = ServerLimits;

    // A status to answer with at once (0: go ahead), its body and extra header fields.
    struct Refusal
    {
        int status = 0;
        QByteArray body;
        HeaderList headers;
        // With status 0: go ahead, but the handler has no use for the body: it is framed
        // and dropped, never buffered.
        bool discardBody = false;
    };
    using Handler = std::function<void(Request &&request, Reply reply)>;
    // Runs once a request's header section is parsed, before its body is read: a refusal
    // is answered without reading (or buffering) the body, and a connection whose body was
    // not read is closed after the answer.
    using HeadCheck = std::function<Refusal(const Request &head)>;
    // For a GET asking "Upgrade: websocket": a refusal is answered; otherwise the socket is
    // given to the takeover function with the request's bytes still unread in it (for
    // QWebSocketServer::handleConnection), and this server forgets it.
    using UpgradeCheck = std::function<Refusal(const Request &head)>;
    using UpgradeTakeover = std::function<void(QTcpSocket *socket)>;

    explicit Server(Limits limits, QObject *parent = nullptr);
    ~Server() override;

    void setHandler(Handler handler);
    void setHeadCheck(HeadCheck check);
    void setUpgrade(UpgradeCheck check, UpgradeTakeover takeover);

    bool listen(const QHostAddress &address, quint16 port);
    // Stops accepting connections; open ones carry on.
    void close();
    bool isListening() const;
    quint16 serverPort() const;
    QString errorString() const;
    bool addressInUse() const;

    const Limits &limits() const;
    int connectionCount() const;
    // Bytes not yet written to any socket this server owns (connections and taken streams).
    qint64 bytesToWrite() const;

    static QByteArray reasonPhrase(int status);
    // A complete response: status line, Content-Type (when given), Content-Length, the extra
    // fields, the body (unless `headRequest`).
    static QByteArray response(int status, const QByteArray &body, const QByteArray &contentType,
                               const HeaderList &extraHeaders, bool headRequest = false);

Q_SIGNALS:
    // A request refused by the HTTP layer itself (malformed, over a limit, too slow, too
    // many connections).
    void rejected(int status, const QString &reason, const QString &remoteAddress);

private:
    friend class Connection;

    void accept(qintptr descriptor);
    void sweep();
    void forget(Connection *connection);

    Limits m_limits;
    QTcpServer *m_listener = nullptr;
    Handler m_handler;
    HeadCheck m_headCheck;
    UpgradeCheck m_upgradeCheck;
    UpgradeTakeover m_upgradeTakeover;
    QList<Connection *> m_connections;
    QTimer m_sweep;
    QElapsedTimer m_clock;
};

} // namespace Hookscope::Http
