// SPDX-License-Identifier: MIT
#include "relayserver.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

#include <cmath>
#include <deque>

#include "common/secrets.h"
#include "receiver/httpfrontend.h"
#include "relay/relayhttpfrontend.h"
#include "relay/relayprotocol.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRelay, "hookscope.relay")

namespace Hookscope {

namespace {

constexpr qint64 HighWaterBytes = 1024 * 1024; // stop pulling from the store above this
constexpr int PageEvents = 64;
constexpr qsizetype WsWindow = 1000;           // unacknowledged events in flight
constexpr int ChannelIdBytes = 24;             // 32 URL-safe characters
constexpr int TokenBytes = 24;
const QByteArray Version = QByteArrayLiteral(HOOKSCOPE_VERSION);
constexpr char SseStreamProperty[] = "hookscopeSseStream";

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray requestHeader(const QHttpServerRequest &request, QByteArrayView name)
{
    for (const auto &[n, v] : request.headers())
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

// The channel part of a log line: enough to tell channels apart, not enough to post to one.
QString shortId(const QString &channel)
{
    return channel.left(6);
}

// The token of a read request: ?token=… or Authorization: Bearer ….
QString readToken(const QUrlQuery &query, const QByteArray &authorization)
{
    QString token = query.queryItemValue(u"token"_s, QUrl::FullyDecoded);
    if (token.isEmpty() && authorization.toLower().startsWith("bearer "))
        token = QString::fromLatin1(authorization.mid(7).trimmed());
    return token;
}

QString hostForUrl(const QHostAddress &address)
{
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
        return u"127.0.0.1"_s;
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u']';
    return address.toString();
}

} // namespace

// One reader of a channel. Subscribers pull from the store (never from memory), so a live
// delivery, a replay after Last-Event-ID and a backlog after a quiet period are one path,
// and a slow reader holds at most HighWaterBytes of this process's memory.
class RelaySubscriber : public QObject
{
public:
    RelaySubscriber(RelayServer *server, const QString &channel, qint64 position, QObject *parent)
        : QObject(parent)
        , m_server(server)
        , m_channel(channel)
        , m_position(position)
    {
        m_ping.setInterval(server->config().pingIntervalMs);
        m_ping.start();
    }
    ~RelaySubscriber() override
    {
        if (m_server)
            m_server->removeSubscriber(this);
    }

    const QString &channel() const { return m_channel; }
    virtual void pump() = 0;
    virtual void closeForShutdown() = 0;
    // The store cannot give what comes next (a read error): say so and end the stream, so
    // the reader reconnects and learns the state of the relay instead of waiting forever.
    virtual void closeForError(const QString &reason) = 0;
    virtual qint64 pendingBytes() const = 0;

protected:
    RelayStore *store() const { return m_server ? &m_server->m_store : nullptr; }

    QPointer<RelayServer> m_server;
    QString m_channel;
    qint64 m_position;
    QTimer m_ping;
};

namespace {

// An SSE stream written straight to the connection (chunked, so proxies see a proper
// HTTP/1.1 response). Lives as a child of its socket: it goes when the connection goes.
class SseSubscriber final : public RelaySubscriber
{
public:
    SseSubscriber(RelayServer *server, QTcpSocket *socket, const QString &channel, qint64 position, bool rawBody)
        : RelaySubscriber(server, channel, position, socket)
        , m_socket(socket)
        , m_rawBody(rawBody)
    {
        connect(&m_ping, &QTimer::timeout, this, &SseSubscriber::onPing);
        connect(socket, &QIODevice::bytesWritten, this, [this] {
            if (m_backlog)
                pump();
        });
    }

    void begin(const RelayStore::ChannelStats &stats, bool explicitPosition)
    {
        m_socket->setProperty(SseStreamProperty, true);
        m_socket->write("HTTP/1.1 200 OK\r\n"
                        "Content-Type: text/event-stream; charset=utf-8\r\n"
                        "Cache-Control: no-cache\r\n"
                        "Transfer-Encoding: chunked\r\n"
                        "X-Accel-Buffering: no\r\n"
                        "X-Hookscope-Relay: " + Version + "\r\n\r\n");
        QByteArray first = "event: ready\ndata: {}\n\n";
        // A reader that names its position learns when some of what followed was evicted.
        if (explicitPosition && stats.evictedUpTo > m_position)
            first += "event: dropped\ndata: "
                     + json({{u"after"_s, m_position}, {u"evicted_up_to"_s, stats.evictedUpTo}, {u"dropped"_s, stats.dropped}})
                     + "\n\n";
        writeChunk(first);
        pump();
    }

    void pump() override
    {
        RelayStore *s = store();
        if (!s || m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_backlog = false;
        while (m_socket->bytesToWrite() < HighWaterBytes) {
            QString error;
            const QList<RelayEvent> events = s->eventsAfter(m_channel, m_position, PageEvents, RelayStore::DefaultPageBytes, &error);
            if (!events.isEmpty()) {
                QByteArray out;
                for (const RelayEvent &e : events) {
                    out += RelayProtocol::sseFrame(e, m_rawBody);
                    m_position = e.id;
                }
                writeChunk(out);
                s->advanceCursor(m_channel, m_position);
            }
            if (!error.isEmpty()) {
                closeForError(error);
                return;
            }
            if (events.isEmpty())
                return;
        }
        m_backlog = true;
    }

    void closeForError(const QString &reason) override
    {
        if (m_closing)
            return;
        m_closing = true;
        m_ping.stop();
        qCWarning(lcRelay).noquote() << "subscriber stream ended by an error"
                                     << u"channel=%1 transport=sse after=%2 error=\"%3\""_s.arg(shortId(m_channel)).arg(m_position).arg(reason);
        if (m_socket->state() == QAbstractSocket::ConnectedState) {
            writeChunk(QByteArray("event: error\ndata: " + json({{u"status"_s, 503}, {u"after"_s, m_position}, {u"error"_s, reason}}) + "\n\n"));
            m_socket->write("0\r\n\r\n");
            m_socket->disconnectFromHost();
        }
    }

    void closeForShutdown() override
    {
        if (m_closing)
            return;
        m_closing = true;
        m_ping.stop();
        if (m_socket->state() == QAbstractSocket::ConnectedState) {
            m_socket->write("0\r\n\r\n");
            m_socket->disconnectFromHost();
        }
    }

    qint64 pendingBytes() const override { return m_socket->bytesToWrite(); }

private:
    void writeChunk(QByteArrayView data)
    {
        m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data.toByteArray() + "\r\n");
    }

    void onPing()
    {
        if (m_closing)
            return;
        writeChunk("event: ping\ndata: {}\n\n");
        if (RelayStore *s = store())
            s->touch(m_channel);
    }

    QTcpSocket *m_socket;
    bool m_rawBody;
    bool m_backlog = false;
    bool m_closing = false;
};

// Our own clients: at-least-once with acknowledgements. Unacknowledged events are sent
// again to the next connection (it starts after the channel's cursor, or after `after`).
class WsSubscriber final : public RelaySubscriber
{
public:
    WsSubscriber(RelayServer *server, QWebSocket *socket, const QString &channel, qint64 position, int idleTimeoutMs)
        : RelaySubscriber(server, channel, position, server)
        , m_socket(socket)
        , m_idleTimeoutMs(idleTimeoutMs)
    {
        socket->setParent(this);
        m_activity.start();
        connect(&m_ping, &QTimer::timeout, this, &WsSubscriber::onPing);
        connect(socket, &QWebSocket::textMessageReceived, this, &WsSubscriber::onMessage);
        connect(socket, &QWebSocket::pong, this, [this] { m_activity.start(); });
        connect(socket, &QWebSocket::bytesWritten, this, [this] {
            if (m_backlog)
                pump();
        });
        connect(socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
    }

    void begin(const RelayStore::ChannelStats &stats)
    {
        send(json({{u"type"_s, u"ready"_s},
                   {u"after"_s, m_position},
                   {u"evicted_up_to"_s, stats.evictedUpTo},
                   {u"dropped"_s, stats.dropped}}));
        pump();
    }

    void pump() override
    {
        RelayStore *s = store();
        if (!s || m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_backlog = false;
        while (m_socket->bytesToWrite() < HighWaterBytes && qsizetype(m_unacked.size()) < WsWindow) {
            QString error;
            const QList<RelayEvent> events = s->eventsAfter(m_channel, m_position,
                                                            int(qMin<qsizetype>(PageEvents, WsWindow - qsizetype(m_unacked.size()))),
                                                            RelayStore::DefaultPageBytes, &error);
            for (const RelayEvent &e : events) {
                send(RelayProtocol::wsEventMessage(e));
                m_unacked.push_back(e.id);
                m_position = e.id;
            }
            if (!error.isEmpty()) {
                closeForError(error);
                return;
            }
            if (events.isEmpty())
                return;
        }
        m_backlog = true;
    }

    void closeForError(const QString &reason) override
    {
        if (m_closing)
            return;
        m_closing = true;
        m_ping.stop();
        qCWarning(lcRelay).noquote() << "subscriber stream ended by an error"
                                     << u"channel=%1 transport=ws after=%2 error=\"%3\""_s.arg(shortId(m_channel)).arg(m_position).arg(reason);
        send(json({{u"type"_s, u"error"_s}, {u"status"_s, 503}, {u"error"_s, reason}}));
        m_socket->close(QWebSocketProtocol::CloseCodeBadOperation, u"relay database error"_s);
    }

    void closeForShutdown() override
    {
        if (m_closing)
            return;
        m_closing = true;
        m_ping.stop();
        m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"relay shutting down"_s);
    }

    qint64 pendingBytes() const override { return m_socket->bytesToWrite(); }

private:
    void send(const QByteArray &message) { m_socket->sendTextMessage(QString::fromUtf8(message)); }

    void onMessage(const QString &text)
    {
        m_activity.start();
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        if (!o.contains(u"ack"_s))
            return;
        const qint64 ack = qint64(o.value(u"ack"_s).toDouble());
        // Acks are cumulative; one for an id never sent here acknowledges nothing new.
        const qint64 upTo = qMin(ack, m_position);
        while (!m_unacked.empty() && m_unacked.front() <= upTo)
            m_unacked.pop_front();
        if (RelayStore *s = store())
            s->advanceCursor(m_channel, upTo);
        pump();
    }

    void onPing()
    {
        if (m_closing)
            return;
        if (m_activity.elapsed() > m_idleTimeoutMs) {
            qCInfo(lcRelay).noquote() << "subscriber idle, closing" << u"channel=%1"_s.arg(shortId(m_channel));
            m_socket->abort();
            return;
        }
        send(json({{u"type"_s, u"ping"_s}, {u"timestamp"_s, QDateTime::currentMSecsSinceEpoch()}}));
        m_socket->ping();
        if (RelayStore *s = store())
            s->touch(m_channel);
    }

    QWebSocket *m_socket;
    int m_idleTimeoutMs;
    QElapsedTimer m_activity;
    std::deque<qint64> m_unacked;
    bool m_backlog = false;
    bool m_closing = false;
};

} // namespace

bool RelayServer::Bucket::take(double ratePerSecond, int burst, qint64 nowMs)
{
    if (tokens < 0) {
        tokens = burst;
        lastMs = nowMs;
    }
    tokens = qMin<double>(burst, tokens + double(nowMs - lastMs) * ratePerSecond / 1000.0);
    lastMs = nowMs;
    if (tokens < 1.0)
        return false;
    tokens -= 1.0;
    return true;
}

int RelayServer::Bucket::retryAfterSeconds(double ratePerSecond) const
{
    if (ratePerSecond <= 0)
        return 60;
    return qMax(1, int(std::ceil((1.0 - tokens) / ratePerSecond)));
}

RelayServer::RelayServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_store, &RelayStore::committed, this, &RelayServer::onCommitted);
    connect(&m_store, &RelayStore::damaged, this, &RelayServer::onStoreDamaged);
    m_expiryTimer.setInterval(3600 * 1000);
    connect(&m_expiryTimer, &QTimer::timeout, this, &RelayServer::expireChannels);
    m_drainTimer.setInterval(20);
    connect(&m_drainTimer, &QTimer::timeout, this, &RelayServer::finishShutdown);
}

RelayServer::~RelayServer()
{
    stop();
}

void RelayServer::setConfig(const RelayServerConfig &config)
{
    m_config = config;
}

const RelayServerConfig &RelayServer::config() const
{
    return m_config;
}

bool RelayServer::isValidChannelId(QStringView id)
{
    // ^[A-Za-z0-9_-]{1,128}$
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_' || u == '-'))
            return false;
    }
    return true;
}

bool RelayServer::start()
{
    stop();
    m_error.clear();
    m_shuttingDown = false;
    m_store.setLimits(m_config.buffer);
    if (!m_store.open(m_config.dataDir)) {
        m_error = m_store.errorString();
        return false;
    }
    GuardedTcpServer::Limits limits = m_config.limits;
    // Streams are kept open by pings; an idle timeout shorter than two of them would cut
    // every quiet subscriber.
    limits.idleTimeoutMs = qMax(limits.idleTimeoutMs, 2 * m_config.pingIntervalMs + 1000);
    auto *tcp = new GuardedTcpServer(limits, this);
    if (!tcp->listen(m_config.address, m_config.port)) {
        m_error = tr("Cannot listen on %1:%2: %3").arg(m_config.address.toString()).arg(m_config.port).arg(tcp->errorString());
        delete tcp;
        m_store.close();
        return false;
    }
    connect(tcp, &GuardedTcpServer::rejected, this, [this](int status, const QString &reason, const QString &remote) {
        ++m_rejected;
        qCWarning(lcRelay).noquote() << "refused" << u"status=%1 remote=%2 reason=\"%3\""_s.arg(status).arg(remote, reason);
    });
    m_tcp = tcp;
    m_http = new RelayHttpFrontend(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder, QTcpSocket *socket) {
            handle(request, std::move(responder), socket);
        },
        [this](const QHttpServerRequest &request, QTcpSocket *socket) { return checkUpgrade(request, socket); }, this);
    m_http->bind(m_tcp);
    connect(m_http, &QAbstractHttpServer::newWebSocketConnection, this, &RelayServer::onNewWebSocket);
    m_uptime.start();
    m_expiryTimer.start();
    expireChannels();
    qCInfo(lcRelay).noquote() << "listening"
                              << u"address=%1 port=%2 public_url=%3 channels=%4 data=%5"_s.arg(m_config.address.toString())
                                     .arg(port())
                                     .arg(publicUrl().toString(), QString::number(m_store.channelCount()), m_store.databasePath());
    return true;
}

void RelayServer::stop()
{
    m_drainTimer.stop();
    m_expiryTimer.stop();
    if (m_http) {
        // WebSocket subscribers are ours; SSE ones go with their sockets.
        for (RelaySubscriber *s : allSubscribers())
            if (s->parent() == this)
                delete s;
        delete m_http; // owns the TCP server and, through it, every connection
        m_http = nullptr;
        m_tcp = nullptr;
    }
    m_subscribers.clear();
    m_store.close();
}

void RelayServer::shutdown()
{
    if (!m_http || m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcRelay).noquote() << "shutting down" << u"pending=%1 subscribers=%2"_s.arg(m_store.pendingCount()).arg(subscriberCount());
    m_tcp->close();   // no new connections
    m_store.flush();  // commit what was received and answer it
    for (RelaySubscriber *s : allSubscribers())
        s->closeForShutdown();
    m_shutdownClock.start();
    m_drainTimer.start();
}

void RelayServer::finishShutdown()
{
    m_store.flush();
    qint64 unsent = 0;
    if (m_tcp) {
        const auto sockets = m_tcp->findChildren<QTcpSocket *>();
        for (const QTcpSocket *socket : sockets)
            unsent += socket->bytesToWrite();
    }
    for (const RelaySubscriber *s : allSubscribers())
        if (s->parent() == this)
            unsent += s->pendingBytes() + 1; // a WebSocket still open: its close handshake is not done
    if (unsent > 0 && m_shutdownClock.elapsed() < m_config.shutdownGraceMs)
        return;
    m_drainTimer.stop();
    const qint64 accepted = m_accepted;
    stop();
    qCInfo(lcRelay).noquote() << "stopped" << u"accepted=%1 rejected=%2 unsent_bytes=%3"_s.arg(accepted).arg(m_rejected).arg(unsent);
    Q_EMIT stopped();
}

bool RelayServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

bool RelayServer::isShuttingDown() const
{
    return m_shuttingDown;
}

quint16 RelayServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : m_config.port;
}

QUrl RelayServer::publicUrl() const
{
    QString base = m_config.publicUrl.isValid() && !m_config.publicUrl.isEmpty()
                       ? m_config.publicUrl.toString(QUrl::StripTrailingSlash)
                       : u"http://"_s + hostForUrl(m_config.address) + u':' + QString::number(port());
    return QUrl(base);
}

QString RelayServer::errorString() const
{
    return m_error;
}

RelayStore *RelayServer::store()
{
    return &m_store;
}

int RelayServer::subscriberCount(const QString &channel) const
{
    int n = 0;
    for (auto it = m_subscribers.cbegin(); it != m_subscribers.cend(); ++it)
        if (channel.isEmpty() || it.key() == channel)
            for (const auto &s : it.value())
                n += s ? 1 : 0;
    return n;
}

qint64 RelayServer::acceptedCount() const
{
    return m_accepted;
}

qint64 RelayServer::rejectedCount() const
{
    return m_rejected;
}

QUrl RelayServer::createChannel()
{
    QString id;
    do {
        id = Secrets::randomToken(ChannelIdBytes);
    } while (m_store.hasChannel(id));
    const QString token = Secrets::randomToken(TokenBytes);
    if (!m_store.createChannel(id, token))
        return {};
    QUrl url(publicUrl().toString() + u'/' + id);
    url.setQuery(u"token="_s + token);
    qCInfo(lcRelay).noquote() << "channel created" << u"channel=%1"_s.arg(shortId(id));
    return url;
}

void RelayServer::reject(PendingReply &reply, int status, const QString &reason, const QString &remote,
                         const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    ++m_rejected;
    qCInfo(lcRelay).noquote() << "refused" << u"status=%1 remote=%2 reason=\"%3\""_s.arg(status).arg(remote, reason);
    auto headers = extraHeaders;
    headers.append({RelayProtocol::ServerHeader, Version});
    reply.send(status, json({{u"ok"_s, false}, {u"error"_s, reason}}), "application/json", headers);
}

void RelayServer::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder, QTcpSocket *socket)
{
    // A request pipelined behind an SSE subscription would land in the middle of its stream.
    if (socket && socket->property(SseStreamProperty).toBool()) {
        socket->abort();
        return;
    }
    PendingReply reply(std::move(responder), socket);
    const QList<QPair<QByteArray, QByteArray>> ours{{RelayProtocol::ServerHeader, Version}};
    const auto method = request.method();
    const bool head = method == QHttpServerRequest::Method::Head;
    const bool getOrHead = method == QHttpServerRequest::Method::Get || head;
    const QString path = request.url().path();
    const QString remote = request.remoteAddress().toString();

    if (path == "/healthz"_L1 && getOrHead) {
        const bool damaged = m_store.isDamaged();
        QJsonObject health{{u"ok"_s, !damaged},
                           {u"server"_s, RelayProtocol::ServerName},
                           {u"version"_s, QString::fromLatin1(Version)},
                           {u"channels"_s, qint64(m_store.channelCount())},
                           {u"subscribers"_s, subscriberCount()},
                           {u"shutting_down"_s, m_shuttingDown},
                           {u"uptime_ms"_s, m_uptime.elapsed()}};
        if (damaged) {
            health.insert(u"damaged"_s, true);
            health.insert(u"error"_s, damagedReason());
        }
        reply.send(m_shuttingDown || damaged ? 503 : 200, head ? QByteArray() : json(health), "application/json", ours);
        return;
    }
    if (path == "/new"_L1 && getOrHead) {
        handleNew(request, reply);
        return;
    }
    if (path == "/"_L1 && getOrHead) {
        reply.send(200, head ? QByteArray() : QByteArray("hookscope-relay " + Version + ": a smee-compatible webhook relay.\n"
                                                         "HEAD /new creates a channel.\n"),
                   "text/plain; charset=utf-8", ours);
        return;
    }
    if (path.startsWith("/ws/"_L1)) {
        reject(reply, 426, u"this URL is for WebSocket subscribers"_s, remote, {{"Upgrade", "websocket"}});
        return;
    }
    QString channel = path.mid(1);
    if (channel.endsWith(u'/'))
        channel.chop(1);
    if (!isValidChannelId(channel)) {
        reject(reply, 404, u"not found"_s, remote);
        return;
    }
    switch (method) {
    case QHttpServerRequest::Method::Post:
    case QHttpServerRequest::Method::Put:
    case QHttpServerRequest::Method::Patch:
        handleIngest(request, reply, channel);
        return;
    case QHttpServerRequest::Method::Get:
        if (requestHeader(request, "accept").contains("text/event-stream")) {
            handleSubscribe(request, reply, socket, channel);
            return;
        }
        Q_FALLTHROUGH();
    case QHttpServerRequest::Method::Head:
        // A webhook URL probe: answer like the receiver does, revealing nothing.
        reply.send(200, head ? QByteArray() : QByteArray("{\"ok\":true}"), "application/json", ours);
        return;
    default:
        reject(reply, 405, u"method %1 not allowed"_s.arg(httpMethodName(method)), remote, {{"Allow", "GET, HEAD, POST, PUT, PATCH"}});
        return;
    }
}

void RelayServer::handleNew(const QHttpServerRequest &request, PendingReply &reply)
{
    const QString remote = request.remoteAddress().toString();
    if (m_shuttingDown) {
        reject(reply, 503, u"shutting down"_s, remote);
        return;
    }
    if (m_store.isDamaged()) {
        reject(reply, 503, damagedReason(), remote);
        return;
    }
    if (!m_newChannels.take(m_config.newChannelsPerSecond, m_config.newChannelBurst, QDateTime::currentMSecsSinceEpoch())) {
        reject(reply, 429, u"too many new channels; try again later"_s, remote,
               {{"Retry-After", QByteArray::number(m_newChannels.retryAfterSeconds(m_config.newChannelsPerSecond))}});
        return;
    }
    const QUrl readUrl = createChannel();
    if (readUrl.isEmpty()) {
        reject(reply, 503, u"cannot create a channel: %1"_s.arg(m_store.errorString()), remote);
        return;
    }
    QUrl ingestUrl = readUrl;
    ingestUrl.setQuery(QString());
    const bool head = request.method() == QHttpServerRequest::Method::Head;
    const QByteArray body = head ? QByteArray()
                                 : json({{u"ok"_s, true},
                                         {u"url"_s, readUrl.toString(QUrl::FullyEncoded)},
                                         {u"ingest_url"_s, ingestUrl.toString(QUrl::FullyEncoded)}});
    reply.send(307, body, "application/json",
               {{"Location", readUrl.toEncoded()}, {"Cache-Control", "no-store"}, {RelayProtocol::ServerHeader, Version}});
}

void RelayServer::handleIngest(const QHttpServerRequest &request, PendingReply &reply, const QString &channel)
{
    const QString remote = request.remoteAddress().toString();
    if (m_shuttingDown) {
        reject(reply, 503, u"shutting down"_s, remote, {{"Retry-After", "5"}, {"Connection", "close"}});
        return;
    }
    if (m_store.isDamaged()) {
        // Not written into a damaged file: the sender retries, after a restart of the relay
        // has moved the file aside.
        reject(reply, 503, damagedReason(), remote, {{"Retry-After", "60"}});
        return;
    }
    if (!m_store.hasChannel(channel)) {
        reject(reply, 404, u"no such channel"_s, remote);
        return;
    }
    Bucket &bucket = m_rates[channel];
    if (!bucket.take(m_config.ratePerSecond, m_config.rateBurst, QDateTime::currentMSecsSinceEpoch())) {
        reject(reply, 429, u"channel %1 is over its rate (%2/s)"_s.arg(shortId(channel)).arg(m_config.ratePerSecond), remote,
               {{"Retry-After", QByteArray::number(bucket.retryAfterSeconds(m_config.ratePerSecond))}});
        return;
    }

    RelayEvent event;
    event.channel = channel;
    event.timestamp = QDateTime::currentMSecsSinceEpoch();
    event.method = httpMethodName(request.method());
    event.path = request.url().path();
    event.remoteAddress = remote;
    // The channel's own token may ride along on the ingest URL: it never reaches readers.
    QStringList kept;
    const QString query = request.url().query(QUrl::FullyEncoded);
    for (const QString &part : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        const QString key = QUrl::fromPercentEncoding(part.left(eq < 0 ? part.size() : eq).toUtf8());
        if (key == "token"_L1 && eq >= 0
            && m_store.checkToken(channel, QUrl::fromPercentEncoding(part.mid(eq + 1).replace(u'+', u' ').toUtf8())))
            continue;
        kept.append(part);
    }
    event.query = kept.join(u'&');
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            event.contentType = QString::fromLatin1(value);
        event.headers.append({name, value});
    }
    event.body = request.body();
    const qint64 size = event.body.size();

    QPointer<RelayServer> self(this);
    m_store.submit(std::move(event), [self, reply, channel, remote, size](qint64 id, const QString &error) mutable {
        if (!self)
            return;
        const QList<QPair<QByteArray, QByteArray>> ours{{RelayProtocol::ServerHeader, Version}};
        if (id <= 0) {
            ++self->m_rejected;
            qCWarning(lcRelay).noquote() << "store failed" << u"channel=%1 error=\"%2\""_s.arg(shortId(channel), error);
            reply.send(503, json({{u"ok"_s, false}, {u"error"_s, error}}), "application/json", ours);
            return;
        }
        ++self->m_accepted;
        qCInfo(lcRelay).noquote() << "ingest" << u"channel=%1 id=%2 bytes=%3 remote=%4"_s.arg(shortId(channel)).arg(id).arg(size).arg(remote);
        reply.send(200, json({{u"ok"_s, true}, {u"id"_s, id}}), "application/json", ours);
    });
}

void RelayServer::handleSubscribe(const QHttpServerRequest &request, PendingReply &reply, QTcpSocket *socket,
                                  const QString &channel)
{
    const QString remote = request.remoteAddress().toString();
    if (!socket) {
        reject(reply, 501, u"SSE streams need Qt 6.4's socket access; use /ws/<channel>"_s, remote);
        return;
    }
    if (m_shuttingDown) {
        reject(reply, 503, u"shutting down"_s, remote, {{"Retry-After", "5"}});
        return;
    }
    if (m_store.isDamaged()) {
        reject(reply, 503, damagedReason(), remote, {{"Retry-After", "60"}});
        return;
    }
    if (!m_store.hasChannel(channel)) {
        reject(reply, 404, u"no such channel"_s, remote);
        return;
    }
    if (!m_store.checkToken(channel, readToken(request.query(), requestHeader(request, "authorization")))) {
        reject(reply, 401, u"reading a channel needs its token (?token=…)"_s, remote);
        return;
    }
    if (subscriberCount(channel) >= m_config.maxSubscribersPerChannel) {
        reject(reply, 429, u"channel has %1 subscribers already"_s.arg(m_config.maxSubscribersPerChannel), remote,
               {{"Retry-After", "10"}});
        return;
    }
    const RelayStore::ChannelStats stats = *m_store.stats(channel);
    bool explicitPosition = false;
    qint64 position = stats.cursor;
    const QByteArray lastEventId = requestHeader(request, "last-event-id").trimmed();
    if (!lastEventId.isEmpty()) {
        bool ok = false;
        const qint64 id = lastEventId.toLongLong(&ok);
        if (ok && id >= 0) {
            position = id;
            explicitPosition = true;
        }
    }
    const bool raw = requestHeader(request, RelayProtocol::FeaturesHeader).contains(RelayProtocol::RawBodyFeature);
    auto *subscriber = new SseSubscriber(this, socket, channel, position, raw);
    addSubscriber(subscriber);
    m_store.touch(channel);
    qCInfo(lcRelay).noquote() << "subscribe" << u"channel=%1 transport=sse after=%2 remote=%3"_s.arg(shortId(channel)).arg(position).arg(remote);
    // The responder is not used: the stream is written to the socket directly.
    subscriber->begin(stats, explicitPosition);
}

RelayHttpFrontend::Refusal RelayServer::checkUpgrade(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const QString channel = path.startsWith("/ws/"_L1) ? path.mid(4) : QString();
    const QString remote = request.remoteAddress().toString();
    auto refuse = [&](int status, const QString &reason) {
        ++m_rejected;
        qCInfo(lcRelay).noquote() << "refused" << u"status=%1 transport=ws remote=%2 reason=\"%3\""_s.arg(status).arg(remote, reason);
        return RelayHttpFrontend::Refusal{status, json({{u"ok"_s, false}, {u"error"_s, reason}})};
    };
    if (m_shuttingDown)
        return refuse(503, u"shutting down"_s);
    if (m_store.isDamaged())
        return refuse(503, damagedReason());
    if (!isValidChannelId(channel) || !m_store.hasChannel(channel))
        return refuse(404, u"no such channel"_s);
    if (!m_store.checkToken(channel, readToken(request.query(), requestHeader(request, "authorization"))))
        return refuse(401, u"reading a channel needs its token (?token=…)"_s);
    if (subscriberCount(channel) >= m_config.maxSubscribersPerChannel)
        return refuse(429, u"channel has %1 subscribers already"_s.arg(m_config.maxSubscribersPerChannel));
    // From here on the connection is a WebSocket: its subscriber's pings keep it honest.
    if (socket)
        GuardedTcpServer::handOver(socket);
    return {};
}

void RelayServer::onNewWebSocket()
{
    while (m_http && m_http->hasPendingWebSocketConnections()) {
        QWebSocket *socket = m_http->nextPendingWebSocketConnection().release();
        if (!socket)
            continue;
        const QUrl url = socket->requestUrl();
        const QString remote = socket->peerAddress().toString();
        const QString path = url.path();
        const QString channel = path.startsWith("/ws/"_L1) ? path.mid(4) : QString();
        const QUrlQuery query(url);

        auto refuse = [&](int status, const QString &reason) {
            ++m_rejected;
            qCInfo(lcRelay).noquote() << "refused" << u"status=%1 transport=ws remote=%2 reason=\"%3\""_s.arg(status).arg(remote, reason);
            socket->setParent(this);
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->sendTextMessage(QString::fromUtf8(json({{u"type"_s, u"error"_s}, {u"status"_s, status}, {u"error"_s, reason}})));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
            QTimer::singleShot(5000, socket, &QObject::deleteLater);
        };
        if (m_shuttingDown) {
            refuse(503, u"shutting down"_s);
            continue;
        }
        if (m_store.isDamaged()) {
            refuse(503, damagedReason());
            continue;
        }
        if (!isValidChannelId(channel) || !m_store.hasChannel(channel)) {
            refuse(404, u"no such channel"_s);
            continue;
        }
        if (!m_store.checkToken(channel, readToken(query, {}))) {
            refuse(401, u"reading a channel needs its token (?token=…)"_s);
            continue;
        }
        if (subscriberCount(channel) >= m_config.maxSubscribersPerChannel) {
            refuse(429, u"channel has %1 subscribers already"_s.arg(m_config.maxSubscribersPerChannel));
            continue;
        }
        const RelayStore::ChannelStats stats = *m_store.stats(channel);
        qint64 position = stats.cursor;
        bool ok = false;
        const qint64 after = query.queryItemValue(u"after"_s).toLongLong(&ok);
        if (ok && after >= 0)
            position = after;
        const int idleMs = qMax(m_config.limits.idleTimeoutMs, 2 * m_config.pingIntervalMs + 1000);
        auto *subscriber = new WsSubscriber(this, socket, channel, position, idleMs);
        addSubscriber(subscriber);
        m_store.touch(channel);
        qCInfo(lcRelay).noquote() << "subscribe" << u"channel=%1 transport=ws after=%2 remote=%3"_s.arg(shortId(channel)).arg(position).arg(remote);
        subscriber->begin(stats);
    }
}

QList<RelaySubscriber *> RelayServer::allSubscribers() const
{
    QList<RelaySubscriber *> out;
    for (const auto &list : m_subscribers)
        for (const QPointer<RelaySubscriber> &s : list)
            if (s)
                out.append(s.data());
    return out;
}

void RelayServer::addSubscriber(RelaySubscriber *subscriber)
{
    m_subscribers[subscriber->channel()].append(subscriber);
}

void RelayServer::removeSubscriber(RelaySubscriber *subscriber)
{
    const auto it = m_subscribers.find(subscriber->channel());
    if (it == m_subscribers.end())
        return;
    it->removeIf([subscriber](const QPointer<RelaySubscriber> &p) { return !p || p.data() == subscriber; });
    if (it->isEmpty())
        m_subscribers.erase(it);
    qCInfo(lcRelay).noquote() << "unsubscribe" << u"channel=%1"_s.arg(shortId(subscriber->channel()));
}

void RelayServer::onCommitted(const QSet<QString> &channels)
{
    for (const QString &channel : channels) {
        const auto it = m_subscribers.constFind(channel);
        if (it == m_subscribers.constEnd())
            continue;
        const auto list = *it; // pump() may change the list
        for (const QPointer<RelaySubscriber> &s : list)
            if (s)
                s->pump();
    }
}

QString RelayServer::damagedReason() const
{
    return u"the relay database is damaged (%1); restarting the relay moves it aside and starts a fresh buffer"_s.arg(
        m_store.damageReason());
}

void RelayServer::onStoreDamaged(const QString &reason)
{
    // What is buffered may be unreadable: every reader learns it now rather than waiting
    // for deliveries that cannot come (new ones are refused).
    qCCritical(lcRelay).noquote() << "unhealthy" << u"error=\"relay database damaged: %1\" subscribers=%2"_s.arg(reason).arg(subscriberCount());
    for (RelaySubscriber *s : allSubscribers())
        s->closeForError(damagedReason());
}

void RelayServer::expireChannels()
{
    if (!m_store.isOpen() || m_config.channelTtlMs <= 0)
        return;
    // Channels being read are active, whatever their last post.
    for (auto it = m_subscribers.cbegin(); it != m_subscribers.cend(); ++it)
        m_store.touch(it.key());
    const int expired = m_store.expireChannels(QDateTime::currentMSecsSinceEpoch() - m_config.channelTtlMs);
    if (expired > 0)
        qCInfo(lcRelay).noquote() << "channels expired" << u"count=%1"_s.arg(expired);
}

} // namespace Hookscope
