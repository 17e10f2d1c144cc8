// SPDX-License-Identifier: MIT
#include "guardedtcpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QByteArray statusText(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

// Writes a complete error response by hand (the HTTP layer never saw this request) and
// closes the connection once it is sent.
void refuse(QTcpSocket *socket, int status, const QString &reason)
{
    const QByteArray body = QJsonDocument(QJsonObject{ { u"ok"_s, false }, { u"error"_s, reason } })
                                    .toJson(QJsonDocument::Compact);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status)
            + "\r\n"
              "Content-Type: application/json\r\n"
              "Content-Length: "
            + QByteArray::number(body.size())
            + "\r\n"
              "Connection: close\r\n\r\n"
            + body;
    // Nobody else may read from this socket any more.
    QObject::disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    if (socket->isTransactionStarted())
        socket->rollbackTransaction();
    socket->write(response);
    socket->disconnectFromHost();
}

constexpr char WatchName[] = "hookscope-socket-watch";

// Per-connection state: lives as a child of its socket.
class SocketWatch final : public QObject
{
public:
    RequestGuard &guard() { return m_guard; }

    SocketWatch(QTcpSocket *socket, GuardedTcpServer *server,
                const GuardedTcpServer::Limits &limits, bool recordLines)
        : QObject(socket), m_socket(socket), m_server(server), m_guard(limits.request)
    {
        setObjectName(QLatin1StringView(WatchName));
        m_guard.setRecordRequestLines(recordLines); // taken by HttpFrontend::handleRequest
        m_idle.setSingleShot(true);
        m_idle.setInterval(limits.idleTimeoutMs);
        connect(&m_idle, &QTimer::timeout, this, &SocketWatch::onIdle);
        m_deadline.setSingleShot(true);
        m_deadline.setInterval(limits.requestTimeoutMs);
        connect(&m_deadline, &QTimer::timeout, this, &SocketWatch::onDeadline);
        connect(socket, &QIODevice::readyRead, this, &SocketWatch::onReadyRead);
        connect(socket, &QIODevice::bytesWritten, this, [this] { m_idle.start(); });
        m_idle.start();
    }

private:
    void onReadyRead()
    {
        m_idle.start();
        const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
        const bool wasInRequest = m_guard.inRequest();
        const RequestGuard::Verdict verdict = m_guard.feed(chunk);
        if (!m_guard.inRequest())
            m_deadline.stop();
        else if (!wasInRequest || !m_deadline.isActive())
            m_deadline.start(); // a new request began in this read
        if (verdict == RequestGuard::Verdict::Continue) {
            if (m_guard.takeExpectContinue())
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
        const int status = verdict == RequestGuard::Verdict::BodyTooLarge ? 413
                : verdict == RequestGuard::Verdict::HeadersTooLarge       ? 431
                                                                          : 400;
        const QString remote = m_socket->peerAddress().toString();
        refuse(m_socket, status, m_guard.reason());
        if (m_server)
            Q_EMIT m_server->rejected(status, m_guard.reason(), remote);
    }

    void onDeadline()
    {
        if (!m_guard.inRequest())
            return;
        const QString reason =
                u"request not completed within %1 s"_s.arg(m_deadline.interval() / 1000);
        const QString remote = m_socket->peerAddress().toString();
        refuse(m_socket, 408, reason);
        if (m_server)
            Q_EMIT m_server->rejected(408, reason, remote);
    }

    void onIdle()
    {
        if (m_socket->bytesToWrite() > 0) {
            m_idle.start();
            return;
        }
        if (m_guard.inRequest()) {
            const QString reason =
                    u"request not completed within %1 s"_s.arg(m_idle.interval() / 1000);
            const QString remote = m_socket->peerAddress().toString();
            refuse(m_socket, 408, reason);
            if (m_server)
                Q_EMIT m_server->rejected(408, reason, remote);
        } else {
            m_socket->disconnectFromHost();
        }
    }

    QTcpSocket *m_socket;
    QPointer<GuardedTcpServer> m_server;
    RequestGuard m_guard;
    QTimer m_idle;
    QTimer m_deadline;
};

} // namespace

GuardedTcpServer::GuardedTcpServer(Limits limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
}

namespace {

SocketWatch *watchOf(QTcpSocket *socket)
{
    // Not qobject_cast: SocketWatch has no meta-object of its own; the name identifies it.
    return socket ? static_cast<SocketWatch *>(socket->findChild<QObject *>(
                   QLatin1StringView(WatchName), Qt::FindDirectChildrenOnly))
                  : nullptr;
}

} // namespace

std::optional<RequestGuard::RequestLine> GuardedTcpServer::takeRequestLine(QTcpSocket *socket)
{
    SocketWatch *watch = watchOf(socket);
    return watch ? watch->guard().takeRequestLine() : std::nullopt;
}

void GuardedTcpServer::handOver(QTcpSocket *socket)
{
    delete watchOf(socket);
}

void GuardedTcpServer::setRecordRequestLines(bool on)
{
    m_recordRequestLines = on;
}

int GuardedTcpServer::connectionCount() const
{
    m_sockets.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull(); });
    return int(m_sockets.size());
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    if (connectionCount() >= m_limits.maxConnections) {
        const QString reason = u"too many connections (limit %1)"_s.arg(m_limits.maxConnections);
        Q_EMIT rejected(503, reason, socket->peerAddress().toString());
        refuse(socket, 503, reason);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    m_sockets.append(socket);
    new SocketWatch(socket, this, m_limits,
                    m_recordRequestLines); // connects its readyRead before the HTTP layer
    addPendingConnection(socket);
}

} // namespace Hookscope
