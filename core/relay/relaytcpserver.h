// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include "receiver/guardedtcpserver.h"

namespace Hookscope {

class RelaySocketWatch;

// GuardedTcpServer's guard (RequestGuard before QHttpServer buffers a body, connection cap,
// idle timeout) for a server that also upgrades connections to WebSockets.
//
// Why not GuardedTcpServer itself: on an upgrade, Qt 6.4.2's QAbstractHttpServer calls
// socket->disconnect(), which also cuts GuardedTcpServer's destroyed() bookkeeping (every
// WebSocket would hold a connection slot forever: after maxConnections of them the relay
// refuses everyone with 503) and its activity tracking (its idle timer then closes every
// WebSocket after idleTimeoutMs, pings or not). Here live connections are counted through
// QPointer (immune to disconnect()), and handOver() ends HTTP framing and idle timing for a
// connection that became a WebSocket, whose own pings then decide when it is dead.
class RelayTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayTcpServer)

public:
    explicit RelayTcpServer(GuardedTcpServer::Limits limits, QObject *parent = nullptr);
    ~RelayTcpServer() override;

    int connectionCount() const;
    void handOver(QTcpSocket *socket);

Q_SIGNALS:
    void rejected(int status, const QString &reason, const QString &remoteAddress);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class RelaySocketWatch;

    GuardedTcpServer::Limits m_limits;
    mutable QList<QPointer<QTcpSocket>> m_sockets;
    QHash<QTcpSocket *, QPointer<RelaySocketWatch>> m_watches;
};

} // namespace Hookscope
