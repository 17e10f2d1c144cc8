// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <optional>

#include "core/receiver/requestguard.h"

namespace Hookscope {

// A QTcpServer whose sockets are watched before QHttpServer sees a byte of them: the guard's
// readyRead handler is connected first, so it can answer 413/431/400 and drop the connection
// while QHttpServer (which buffers whole bodies in 6.4) has not buffered anything yet.
// It also caps concurrent connections and closes idle ones.
//
// Connections are counted through QPointer, not through signals: on a WebSocket upgrade
// Qt 6.4's QAbstractHttpServer calls socket->disconnect(), which would cut any
// destroyed()-based bookkeeping (every WebSocket would then hold a slot forever). A server
// that upgrades calls handOver() for such a connection: HTTP framing and idle timing end
// there, and the WebSocket's own pings decide when it is dead.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    struct Limits
    {
        RequestGuard::Limits request;
        int maxConnections = 256;
        int idleTimeoutMs = 60'000;
        // A request must be complete this long after its first byte, however steadily its
        // bytes trickle in (slow-loris): 408 after that.
        int requestTimeoutMs = 30'000;

        friend bool operator==(const Limits &, const Limits &) = default;
    };

    explicit GuardedTcpServer(Limits limits, QObject *parent = nullptr);

    int connectionCount() const;

    // Keep each request line for takeRequestLine() (off by default; only a server whose HTTP
    // layer takes them may turn it on, or they pile up until the connection is refused).
    void setRecordRequestLines(bool on);
    // The connection became something else (a WebSocket): stop guarding it.
    static void handOver(QTcpSocket *socket);

    // The request line of the oldest request on `socket` that the HTTP layer has not taken
    // yet, byte for byte as sent (only kept where the HTTP layer hands sockets over, Qt < 6.5;
    // elsewhere nullopt).
    static std::optional<RequestGuard::RequestLine> takeRequestLine(QTcpSocket *socket);

Q_SIGNALS:
    // A request was refused before it reached the HTTP layer.
    void rejected(int status, const QString &reason, const QString &remoteAddress);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Limits m_limits;
    bool m_recordRequestLines = false;
    mutable QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace Hookscope
