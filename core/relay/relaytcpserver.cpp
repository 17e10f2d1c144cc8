// SPDX-License-Identifier: MIT
#include "relaytcpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include "receiver/requestguard.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QByteArray statusText(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

// A complete error response written by hand (the HTTP layer never saw this request); the
// connection is closed once it is sent.
void refuse(QTcpSocket *socket, int status, const QString &reason)
{
    const QByteArray body = QJsonDocument(QJsonObject{{u"ok"_s, false}, {u"error"_s, reason}}).toJson(QJsonDocument::Compact);
    const QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status) + "\r\n"
                                "Content-Type: application/json\r\n"
                                "Content-Length: " + QByteArray::number(body.size()) + "\r\n"
                                "Connection: close\r\n\r\n" + body;
    QObject::disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    if (socket->isTransactionStarted())
        socket->rollbackTransaction();
    socket->write(response);
    socket->disconnectFromHost();
}

} // namespace

// Per-connection guard; a child of its socket, deleted early by handOver().
class RelaySocketWatch final : public QObject
{
public:
    RelaySocketWatch(QTcpSocket *socket, RelayTcpServer *server, const GuardedTcpServer::Limits &limits)
        : QObject(socket)
        , m_socket(socket)
        , m_server(server)
        , m_guard(limits.request)
    {
        m_idle.setSingleShot(true);
        m_idle.setInterval(limits.idleTimeoutMs);
        connect(&m_idle, &QTimer::timeout, this, &RelaySocketWatch::onIdle);
        connect(socket, &QIODevice::readyRead, this, &RelaySocketWatch::onReadyRead);
        connect(socket, &QIODevice::bytesWritten, this, [this] { m_idle.start(); });
        m_idle.start();
    }

private:
    void onReadyRead()
    {
        m_idle.start();
        const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
        const RequestGuard::Verdict verdict = m_guard.feed(chunk);
        if (verdict == RequestGuard::Verdict::Continue) {
            if (m_guard.takeExpectContinue())
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
        const int status = verdict == RequestGuard::Verdict::BodyTooLarge      ? 413
                           : verdict == RequestGuard::Verdict::HeadersTooLarge ? 431
                                                                               : 400;
        const QString remote = m_socket->peerAddress().toString();
        refuse(m_socket, status, m_guard.reason());
        if (m_server)
            Q_EMIT m_server->rejected(status, m_guard.reason(), remote);
    }

    void onIdle()
    {
        if (m_socket->bytesToWrite() > 0) {
            m_idle.start();
            return;
        }
        if (m_guard.inRequest()) {
            const QString reason = u"request not completed within %1 s"_s.arg(m_idle.interval() / 1000);
            const QString remote = m_socket->peerAddress().toString();
            refuse(m_socket, 408, reason);
            if (m_server)
                Q_EMIT m_server->rejected(408, reason, remote);
        } else {
            m_socket->disconnectFromHost();
        }
    }

    QTcpSocket *m_socket;
    QPointer<RelayTcpServer> m_server;
    RequestGuard m_guard;
    QTimer m_idle;
};

RelayTcpServer::RelayTcpServer(GuardedTcpServer::Limits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
}

RelayTcpServer::~RelayTcpServer() = default;

int RelayTcpServer::connectionCount() const
{
    m_sockets.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull(); });
    return int(m_sockets.size());
}

void RelayTcpServer::handOver(QTcpSocket *socket)
{
    const auto it = m_watches.find(socket);
    if (it == m_watches.end())
        return;
    delete it->data();
    m_watches.erase(it);
}

void RelayTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    m_watches.removeIf([](const auto &it) { return it.value().isNull(); });
    if (connectionCount() >= m_limits.maxConnections) {
        const QString reason = u"too many connections (limit %1)"_s.arg(m_limits.maxConnections);
        Q_EMIT rejected(503, reason, socket->peerAddress().toString());
        refuse(socket, 503, reason);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    m_sockets.append(socket);
    // Connected before the HTTP layer's readyRead handler, so it sees every byte first.
    m_watches.insert(socket, new RelaySocketWatch(socket, this, m_limits));
    addPendingConnection(socket);
}

} // namespace Hookscope
