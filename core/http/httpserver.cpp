// SPDX-License-Identifier: MIT
#include "httpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#  include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace Hookscope::Http {

namespace {

constexpr int SweepIntervalMs = 250;
// After an error answer the connection stays open this long, reading and dropping what the
// peer still sends, so that the close does not reset the answer away (RFC 9112 §9.6).
constexpr qint64 LingerMs = 2'000;
constexpr qint64 LingerBytes = 4 * 1024 * 1024;
// A client that pipelines requests without reading the answers: stop reading its requests
// while this much of the answers waits to be sent, go on below half of it.
constexpr qint64 MaxUnsentBytes = 1024 * 1024;
// A request answered from its head keeps its connection when its body is at most this large
// (the body is then read and dropped).
constexpr qint64 EarlyAnswerKeepAliveBytes = 64 * 1024;

QByteArray errorBody(const QString &reason)
{
    return QJsonDocument(QJsonObject{ { u"ok"_s, false }, { u"error"_s, reason } })
            .toJson(QJsonDocument::Compact);
}

bool wantsClose(const HeaderList &headers)
{
    for (const auto &[name, value] : headers)
        if (name.compare("connection", Qt::CaseInsensitive) == 0
            && value.compare("close", Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

class Listener final : public QTcpServer
{
public:
    explicit Listener(std::function<void(qintptr)> accept, QObject *parent)
        : QTcpServer(parent), m_accept(std::move(accept))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_accept(descriptor); }

private:
    std::function<void(qintptr)> m_accept;
};

} // namespace

// One accepted socket while it speaks HTTP: reads, frames with the parser, dispatches one
// request at a time (later pipelined bytes wait in the socket) and writes the answers.
class Connection final : public QObject
{
public:
    enum class Phase { Reading, Waiting, Closing };

    Connection(Server *server, QTcpSocket *socket)
        : QObject(server), m_server(server), m_socket(socket), m_parser(server->m_limits.request)
    {
        socket->setParent(this);
        m_peer = socket->peerAddress();
        m_lastActivity = now();
        const RequestLimits &r = server->m_limits.request;
        // Bounded: what waits behind a request in progress stays in the kernel. A header
        // section always fits, even while an upgrade check holds it unread.
        socket->setReadBufferSize(
                qMax<qint64>(256 * 1024, 2 * (r.maxHeaderBytes + r.maxRequestLineBytes)));
        connect(socket, &QIODevice::readyRead, this, &Connection::onReadyRead);
        connect(socket, &QIODevice::bytesWritten, this, &Connection::onBytesWritten);
        connect(socket, &QAbstractSocket::disconnected, this, &Connection::onDisconnected);
    }

    ~Connection() override { m_server->forget(this); }

    QTcpSocket *socket() const { return m_socket; }
    // Between requests, with nothing of a next one received.
    bool isIdle() const
    {
        return m_socket && m_phase == Phase::Reading && m_requestStarted < 0
                && m_inPos >= m_in.size() && m_socket->bytesAvailable() == 0
                && m_socket->bytesToWrite() == 0;
    }
    qint64 lastActivity() const { return m_lastActivity; }
    void closeIdle() { m_socket->disconnectFromHost(); }

    void onReadyRead()
    {
        if (!m_socket)
            return;
        if (m_phase == Phase::Closing) {
            m_lingered += m_socket->skip(m_socket->bytesAvailable());
            if (m_lingered > LingerBytes)
                m_socket->abort();
            return;
        }
        process();
    }

    bool respond(quint64 sequence, int status, const QByteArray &body,
                 const QByteArray &contentType, const HeaderList &extraHeaders)
    {
        if (!m_socket || sequence != m_sequence || m_phase != Phase::Waiting
            || m_socket->state() != QAbstractSocket::ConnectedState)
            return false;
        ++m_sequence;
        const bool close = !m_keepAlive || wantsClose(extraHeaders);
        HeaderList headers = extraHeaders;
        if (close && !wantsClose(extraHeaders))
            headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
        else if (!close && m_minorVersion == 0)
            headers.append(qMakePair(QByteArray("Connection"), QByteArray("keep-alive")));
        m_socket->write(Server::response(status, body, contentType, headers, m_headRequest));
        m_headRequest = false; // an error answer before the next head has its body
        m_lastActivity = now();
        if (close) {
            beginClosing();
            return true;
        }
        m_phase = Phase::Reading;
        if (!m_processing)
            process(); // requests pipelined behind this one, already in the socket
        return true;
    }

    bool abortRequest(quint64 sequence)
    {
        if (!m_socket || sequence != m_sequence || m_phase != Phase::Waiting)
            return false;
        ++m_sequence;
        m_socket->abort(); // disconnected() deletes this connection
        return true;
    }

    QTcpSocket *takeSocket(quint64 sequence)
    {
        if (!m_socket || sequence != m_sequence || m_phase != Phase::Waiting)
            return nullptr;
        QTcpSocket *socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        socket->setParent(m_server);
        if (m_inPos < m_in.size() || socket->bytesAvailable() > 0) {
            socket->abort(); // a request pipelined behind a stream would land inside it
            socket->deleteLater();
            deleteLater();
            return nullptr;
        }
        connect(socket, &QIODevice::readyRead, socket, &QAbstractSocket::abort);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        deleteLater();
        return socket;
    }

    // Called by the server's sweep.
    void checkTimeouts(qint64 nowMs)
    {
        if (!m_socket)
            return;
        const Server::Limits &limits = m_server->m_limits;
        switch (m_phase) {
        case Phase::Reading:
            if (m_answered && m_requestStarted >= 0
                && (nowMs - m_requestStarted > limits.requestTimeoutMs
                    || nowMs - m_lastActivity > limits.idleTimeoutMs)) {
                m_socket->abort(); // answered already: the body that never came ends it
                break;
            }
            if (m_requestStarted >= 0 && nowMs - m_requestStarted > limits.requestTimeoutMs)
                refuse(408,
                       u"request not completed within %1 s"_s.arg(limits.requestTimeoutMs
                                                                  / 1000.0));
            else if (m_requestStarted >= 0 && nowMs - m_lastActivity > limits.idleTimeoutMs)
                refuse(408,
                       u"no bytes of the request for %1 s"_s.arg(limits.idleTimeoutMs / 1000.0));
            else if (m_requestStarted < 0 && nowMs - m_lastActivity > limits.idleTimeoutMs) {
                if (m_socket->bytesToWrite() == 0)
                    m_socket->disconnectFromHost();
                else
                    m_socket->abort(); // its answers have not moved for that long
            }
            break;
        case Phase::Waiting:
            break; // the handler has it
        case Phase::Closing:
            if (nowMs - m_closingSince > LingerMs)
                m_socket->abort();
            break;
        }
    }

private:
    qint64 now() const { return m_server->m_clock.elapsed(); }

    void process()
    {
        if (m_processing || !m_socket)
            return;
        m_processing = true;
        bool needInput = true; // false after HeadReady: the parser may finish without bytes
        while (m_phase == Phase::Reading && m_socket) {
            if (needInput && m_inPos >= m_in.size()) {
                m_in.clear();
                m_inPos = 0;
                if (m_socket->bytesAvailable() <= 0)
                    break;
                if (m_socket->bytesToWrite() > MaxUnsentBytes) {
                    m_outputBound = true; // onBytesWritten() reads on
                    break;
                }
                if (m_server->m_upgradeCheck && !m_parser.inRequest() && !m_transaction) {
                    m_socket->startTransaction(); // an upgrade hands these bytes on unread
                    m_transaction = true;
                }
                m_in = m_socket->read(m_socket->bytesAvailable());
                m_lastActivity = now();
            }
            if (m_requestStarted < 0)
                m_requestStarted = now();
            qsizetype used = 0;
            const RequestParser::Result result =
                    m_parser.feed(QByteArrayView(m_in).sliced(m_inPos), &used);
            m_inPos += used;
            if (!m_parser.inRequest())
                m_requestStarted = -1; // only empty lines so far: still idle
            needInput = result == RequestParser::Result::NeedMore
                    || result == RequestParser::Result::Complete;
            switch (result) {
            case RequestParser::Result::NeedMore:
                break;
            case RequestParser::Result::Error:
                refuse(m_parser.errorStatus(), m_parser.errorReason());
                break;
            case RequestParser::Result::HeadReady:
                onHead();
                break;
            case RequestParser::Result::Complete:
                onComplete();
                break;
            }
        }
        m_processing = false;
    }

    void onHead()
    {
        const Request &head = m_parser.head();
        m_headRequest = head.method == "HEAD";
        m_keepAlive = head.keepAlive;
        m_minorVersion = head.minorVersion;
        const bool upgrade = m_server->m_upgradeCheck && head.method == "GET"
                && head.header("upgrade").trimmed().compare("websocket", Qt::CaseInsensitive) == 0;
        if (upgrade) {
            if (!m_transaction) {
                refuse(400, u"a WebSocket upgrade must not be pipelined behind a request"_s);
                return;
            }
            Request h = head;
            h.peer = m_peer;
            const Server::Refusal refusal = m_server->m_upgradeCheck(h);
            if (refusal.status != 0) {
                answerEarly(refusal, true);
                return;
            }
            // The bytes go back into the socket for the WebSocket handshake to read.
            QTcpSocket *socket = std::exchange(m_socket, nullptr);
            socket->rollbackTransaction();
            socket->disconnect(this);
            socket->setParent(nullptr);
            deleteLater();
            m_server->m_upgradeTakeover(socket);
            return;
        }
        if (m_transaction) {
            m_socket->commitTransaction();
            m_transaction = false;
        }
        if (m_server->m_headCheck) {
            Request h = head;
            h.peer = m_peer;
            const Server::Refusal refusal = m_server->m_headCheck(h);
            if (refusal.status == 0 && refusal.discardBody)
                m_parser.setDiscardBody(true);
            if (refusal.status != 0) {
                // A small body is read and dropped, so the connection can go on; a large one
                // (or one of unknown length) is not read at all, nor is one the client
                // would send only after a 100 Continue.
                answerEarly(refusal,
                            head.chunked || head.contentLength > EarlyAnswerKeepAliveBytes
                                    || head.expectContinue);
                return;
            }
        }
        if (head.expectContinue && head.hasBody() && m_inPos >= m_in.size()
            && m_socket->bytesAvailable() == 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    // Answers from the head alone; with `close`, the body is not read and the connection ends.
    void answerEarly(const Server::Refusal &refusal, bool close)
    {
        m_answered = true;
        m_parser.setDiscardBody(true);
        m_phase = Phase::Waiting;
        HeaderList headers = refusal.headers;
        if (close && !wantsClose(headers))
            headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
        respond(m_sequence, refusal.status, refusal.body, "application/json", headers);
    }

    void onComplete()
    {
        Request request = m_parser.takeRequest();
        m_requestStarted = -1;
        if (m_answered) {
            m_answered = false;
            return;
        }
        request.peer = m_peer;
        m_phase = Phase::Waiting;
        if (m_server->m_handler)
            m_server->m_handler(std::move(request), Reply(this, m_sequence));
        else
            respond(m_sequence, 404, errorBody(u"not found"_s), "application/json", {});
    }

    void refuse(int status, const QString &reason)
    {
        if (!m_socket || m_phase == Phase::Closing)
            return;
        const QString remote = m_peer.toString();
        m_phase = Phase::Waiting;
        m_keepAlive = false;
        respond(m_sequence, status, errorBody(reason), "application/json", {});
        Q_EMIT m_server->rejected(status, reason, remote);
    }

    void beginClosing()
    {
        m_phase = Phase::Closing;
        m_closingSince = now();
        if (m_transaction) {
            m_socket->commitTransaction();
            m_transaction = false;
        }
        m_in.clear();
        m_inPos = 0;
        onBytesWritten();
        if (m_socket)
            m_lingered += m_socket->skip(m_socket->bytesAvailable());
    }

    void onBytesWritten()
    {
        if (!m_socket)
            return;
        m_lastActivity = now();
        if (m_outputBound && m_socket->bytesToWrite() < MaxUnsentBytes / 2) {
            m_outputBound = false;
            process();
            return;
        }
        if (m_phase != Phase::Closing || m_socket->bytesToWrite() > 0 || m_halfClosed)
            return;
        m_halfClosed = true;
#ifdef Q_OS_UNIX
        // Half-close: the answer is complete; the peer sees the end and closes its side.
        if (m_socket->socketDescriptor() >= 0
            && ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0)
            return;
#endif
        m_socket->disconnectFromHost();
    }

    void onDisconnected()
    {
        deleteLater();
    }

    Server *m_server;
    QTcpSocket *m_socket;
    RequestParser m_parser;
    QHostAddress m_peer;
    QByteArray m_in;
    qsizetype m_inPos = 0;
    Phase m_phase = Phase::Reading;
    quint64 m_sequence = 1;
    qint64 m_requestStarted = -1;
    qint64 m_lastActivity = 0;
    qint64 m_closingSince = 0;
    qint64 m_lingered = 0;
    int m_minorVersion = 1;
    bool m_keepAlive = true;
    bool m_headRequest = false;
    bool m_processing = false;
    bool m_transaction = false;
    bool m_answered = false;
    bool m_halfClosed = false;
    bool m_outputBound = false; // reading paused until answers are sent
};

Reply::Reply(Connection *connection, quint64 sequence)
    : m_connection(connection), m_sequence(sequence)
{
}

bool Reply::isValid() const
{
    return m_connection && m_connection->socket()
            && m_connection->socket()->state() == QAbstractSocket::ConnectedState;
}

bool Reply::send(int status, const QByteArray &body, const QByteArray &contentType,
                 const HeaderList &extraHeaders)
{
    if (!m_connection)
        return false;
    return m_connection->respond(m_sequence, status, body, contentType, extraHeaders);
}

bool Reply::abort()
{
    return m_connection && m_connection->abortRequest(m_sequence);
}

QTcpSocket *Reply::takeSocket()
{
    return m_connection ? m_connection->takeSocket(m_sequence) : nullptr;
}

Server::Server(Limits limits, QObject *parent) : QObject(parent), m_limits(limits)
{
    m_clock.start();
    m_sweep.setParent(this); // moveToThread() takes it along (the receiver's I/O thread)
    m_sweep.setInterval(SweepIntervalMs);
    connect(&m_sweep, &QTimer::timeout, this, &Server::sweep);
}

Server::~Server()
{
    // Every connection, also those closed to make room and not deleted yet: each forgets
    // itself while this list still exists. (Connection has no meta-object of its own, so
    // findChildren<Connection *>() would match every child.)
    QList<Connection *> connections;
    for (QObject *child : children())
        if (auto *c = dynamic_cast<Connection *>(child))
            connections.append(c);
    qDeleteAll(connections);
}

void Server::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void Server::setHeadCheck(HeadCheck check)
{
    m_headCheck = std::move(check);
}

void Server::setUpgrade(UpgradeCheck check, UpgradeTakeover takeover)
{
    m_upgradeCheck = std::move(check);
    m_upgradeTakeover = std::move(takeover);
}

bool Server::listen(const QHostAddress &address, quint16 port)
{
    if (!m_listener)
        m_listener = new Listener([this](qintptr d) { accept(d); }, this);
    if (!m_listener->listen(address, port))
        return false;
    m_sweep.start();
    return true;
}

void Server::close()
{
    if (m_listener)
        m_listener->close();
}

bool Server::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 Server::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QString Server::errorString() const
{
    return m_listener ? m_listener->errorString() : QString();
}

bool Server::addressInUse() const
{
    return m_listener && m_listener->serverError() == QAbstractSocket::AddressInUseError;
}

const Server::Limits &Server::limits() const
{
    return m_limits;
}

int Server::connectionCount() const
{
    return int(m_connections.size());
}

qint64 Server::bytesToWrite() const
{
    qint64 total = 0;
    const auto sockets = findChildren<QTcpSocket *>();
    for (const QTcpSocket *socket : sockets)
        total += socket->bytesToWrite();
    return total;
}

void Server::accept(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (connectionCount() >= m_limits.maxConnections) {
        // Full: the connection idle for longest makes room (an attacker's silent connections
        // must not lock everyone else out); 503 only when every connection is busy.
        Connection *idlest = nullptr;
        for (Connection *c : std::as_const(m_connections))
            if (c->isIdle() && (!idlest || c->lastActivity() < idlest->lastActivity()))
                idlest = c;
        if (idlest) {
            m_connections.removeOne(idlest); // counted out now; deleted once disconnected
            idlest->closeIdle();
        }
    }
    if (connectionCount() >= m_limits.maxConnections) {
        const QString reason = u"too many connections (limit %1)"_s.arg(m_limits.maxConnections);
        Q_EMIT rejected(503, reason, socket->peerAddress().toString());
        socket->write(response(503, errorBody(reason), "application/json",
                               { { "Retry-After", "1" }, { "Connection", "close" } }));
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    m_connections.append(new Connection(this, socket));
}

void Server::forget(Connection *connection)
{
    m_connections.removeOne(connection);
}

void Server::sweep()
{
    const qint64 now = m_clock.elapsed();
    const QList<Connection *> connections = m_connections; // a check may close one
    for (Connection *c : connections)
        c->checkTimeouts(now);
}

QByteArray Server::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    default:
        return status < 400 ? "OK" : "Error";
    }
}

QByteArray Server::response(int status, const QByteArray &body, const QByteArray &contentType,
                            const HeaderList &extraHeaders, bool headRequest)
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
    if (!contentType.isEmpty()) {
        out += "Content-Type: ";
        out += contentType;
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n";
    for (const auto &[name, value] : extraHeaders) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "\r\n";
    if (!headRequest)
        out += body;
    return out;
}

} // namespace Hookscope::Http
