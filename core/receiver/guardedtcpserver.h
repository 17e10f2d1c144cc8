// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpServer>

#include <optional>

#include "receiver/requestguard.h"

namespace Hookscope {

// A QTcpServer whose sockets are watched before QHttpServer sees a byte of them: the guard's
// readyRead handler is connected first, so it can answer 413/431/400 and drop the connection
// while QHttpServer (which buffers whole bodies in 6.4) has not buffered anything yet.
// It also caps concurrent connections and closes idle ones.
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
    };

    explicit GuardedTcpServer(Limits limits, QObject *parent = nullptr);

    int connectionCount() const;

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
    int m_connections = 0;
};

} // namespace Hookscope
