// SPDX-License-Identifier: MIT
// One thing, longer than most files: hookscope-relay's HTTP surface (routing, /new, ingest,
// SSE and WebSocket subscriptions, /healthz, shutdown). The subscriber streams are in
// ssesubscriber.h and wssubscriber.h, the durable buffer in relaystore.*.
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

#include "core/common/secrets.h"
#include "core/receiver/httpfrontend.h"
#include "core/relay/relayhttpfrontend.h"
#include "core/relay/relayprotocol.h"
#include "core/relay/ssesubscriber.h"
#include "core/relay/wssubscriber.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRelay, "hookscope.relay")

namespace Hookscope {

namespace {

constexpr int ChannelIdBytes = 24; // 32 URL-safe characters
constexpr int TokenBytes = 24;
const QByteArray Version = RelayStreams::version();

using RelayStreams::json;

QByteArray requestHeader(const QHttpServerRequest &request, QByteArrayView name)
{
    for (const auto &[n, v] : request.headers())
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

using RelayStreams::shortId;

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
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6)
        return u"127.0.0.1"_s;
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u']';
    return address.toString();
}

} // namespace

namespace {

// Retry-After in whole seconds (at least 1) for a wait in milliseconds.
QByteArray retryAfterSeconds(qint64 retryMs)
{
    return QByteArray::number(qMax<qint64>(1, (retryMs + 999) / 1000));
}

} // namespace

RelayServer::RelayServer(QObject *parent) : QObject(parent)
{
    connect(&m_store, &RelayStore::committed, this, &RelayServer::onCommitted);
    connect(&m_store, &RelayStore::damaged, this, &RelayServer::onStoreDamaged);
    setConfig(m_config);
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
    // The same token buckets as the receiver's: per channel, and one for /new as a whole.
    m_rates.setRate(config.ratePerSecond, config.rateBurst);
    m_newChannels.setRate(config.newChannelsPerSecond, config.newChannelBurst);
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
        if (!((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_'
              || u == '-'))
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
        m_error = tr("Cannot listen on %1:%2: %3")
                          .arg(m_config.address.toString())
                          .arg(m_config.port)
                          .arg(tcp->errorString());
        delete tcp;
        m_store.close();
        return false;
    }
    connect(tcp, &GuardedTcpServer::rejected, this,
            [this](int status, const QString &reason, const QString &remote) {
                ++m_rejected;
                qCWarning(lcRelay).noquote()
                        << "refused"
                        << u"status=%1 remote=%2 reason=\"%3\""_s.arg(status).arg(remote, reason);
            });
    m_tcp = tcp;
    m_http = new RelayHttpFrontend(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder,
                   QTcpSocket *socket) { handle(request, std::move(responder), socket); },
            [this](const QHttpServerRequest &request, QTcpSocket *socket) {
                return checkUpgrade(request, socket);
            },
            this);
    m_http->bind(m_tcp);
    connect(m_http, &QAbstractHttpServer::newWebSocketConnection, this,
            &RelayServer::onNewWebSocket);
    m_uptime.start();
    m_expiryTimer.start();
    expireChannels();
    qCInfo(lcRelay).noquote() << "listening"
                              << u"address=%1 port=%2 public_url=%3 channels=%4 data=%5"_s
                                         .arg(m_config.address.toString())
                                         .arg(port())
                                         .arg(publicUrl().toString(),
                                              QString::number(m_store.channelCount()),
                                              m_store.databasePath());
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
    qCInfo(lcRelay).noquote()
            << "shutting down"
            << u"pending=%1 subscribers=%2"_s.arg(m_store.pendingCount()).arg(subscriberCount());
    m_tcp->close(); // no new connections
    m_store.flush(); // commit what was received and answer it
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
            unsent += s->pendingBytes()
                    + 1; // a WebSocket still open: its close handshake is not done
    if (unsent > 0 && m_shutdownClock.elapsed() < m_config.shutdownGraceMs)
        return;
    m_drainTimer.stop();
    const qint64 accepted = m_accepted;
    stop();
    qCInfo(lcRelay).noquote() << "stopped"
                              << u"accepted=%1 rejected=%2 unsent_bytes=%3"_s.arg(accepted)
                                         .arg(m_rejected)
                                         .arg(unsent);
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

void RelayServer::reject(PendingReply &reply, int status, const QString &reason,
                         const QString &remote,
                         const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    ++m_rejected;
    qCInfo(lcRelay).noquote() << "refused"
                              << u"status=%1 remote=%2 reason=\"%3\""_s.arg(status).arg(remote,
                                                                                        reason);
    auto headers = extraHeaders;
    headers.append({ RelayProtocol::ServerHeader, Version });
    reply.send(status, json({ { u"ok"_s, false }, { u"error"_s, reason } }), "application/json",
               headers);
}

void RelayServer::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                         QTcpSocket *socket)
{
    // A request pipelined behind an SSE subscription would land in the middle of its stream.
    if (socket && socket->property(RelayStreams::SseStreamProperty).toBool()) {
        socket->abort();
        return;
    }
    PendingReply reply(std::move(responder), socket);
    const QList<QPair<QByteArray, QByteArray>> ours{ { RelayProtocol::ServerHeader, Version } };
    const auto method = request.method();
    const bool head = method == QHttpServerRequest::Method::Head;
    const bool getOrHead = method == QHttpServerRequest::Method::Get || head;
    const QString path = request.url().path();
    const QString remote = request.remoteAddress().toString();

    if (path == "/healthz"_L1 && getOrHead) {
        const bool damaged = m_store.isDamaged();
        QJsonObject health{ { u"ok"_s, !damaged },
                            { u"server"_s, RelayProtocol::ServerName },
                            { u"version"_s, QString::fromLatin1(Version) },
                            { u"channels"_s, qint64(m_store.channelCount()) },
                            { u"subscribers"_s, subscriberCount() },
                            { u"shutting_down"_s, m_shuttingDown },
                            { u"uptime_ms"_s, m_uptime.elapsed() } };
        if (damaged) {
            health.insert(u"damaged"_s, true);
            health.insert(u"error"_s, damagedReason());
        }
        reply.send(m_shuttingDown || damaged ? 503 : 200, head ? QByteArray() : json(health),
                   "application/json", ours);
        return;
    }
    if (path == "/new"_L1 && getOrHead) {
        handleNew(request, reply);
        return;
    }
    if (path == "/"_L1 && getOrHead) {
        reply.send(200,
                   head ? QByteArray()
                        : QByteArray("hookscope-relay " + Version
                                     + ": a smee-compatible webhook relay.\n"
                                       "HEAD /new creates a channel.\n"),
                   "text/plain; charset=utf-8", ours);
        return;
    }
    if (path.startsWith("/ws/"_L1)) {
        reject(reply, 426, u"this URL is for WebSocket subscribers"_s, remote,
               { { "Upgrade", "websocket" } });
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
        reply.send(200, head ? QByteArray() : QByteArray("{\"ok\":true}"), "application/json",
                   ours);
        return;
    default:
        reject(reply, 405, u"method %1 not allowed"_s.arg(httpMethodName(method)), remote,
               { { "Allow", "GET, HEAD, POST, PUT, PATCH" } });
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
    qint64 retryMs = 0;
    if (!m_newChannels.allow(QString(), QDateTime::currentMSecsSinceEpoch(), &retryMs)) {
        reject(reply, 429, u"too many new channels; try again later"_s, remote,
               { { "Retry-After", retryAfterSeconds(retryMs) } });
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
    const QByteArray body = head
            ? QByteArray()
            : json({ { u"ok"_s, true },
                     { u"url"_s, readUrl.toString(QUrl::FullyEncoded) },
                     { u"ingest_url"_s, ingestUrl.toString(QUrl::FullyEncoded) } });
    reply.send(307, body, "application/json",
               { { "Location", readUrl.toEncoded() },
                 { "Cache-Control", "no-store" },
                 { RelayProtocol::ServerHeader, Version } });
}

bool RelayServer::channelOpen(PendingReply &reply, const QString &channel, const QString &remote,
                              bool ingest)
{
    if (m_shuttingDown) {
        QList<QPair<QByteArray, QByteArray>> headers{ { "Retry-After", "5" } };
        if (ingest)
            headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
        reject(reply, 503, u"shutting down"_s, remote, headers);
        return false;
    }
    if (m_store.isDamaged()) {
        // Nothing is written into or read from a damaged file: the sender retries, after a
        // restart of the relay has moved the file aside.
        reject(reply, 503, damagedReason(), remote, { { "Retry-After", "60" } });
        return false;
    }
    if (!m_store.hasChannel(channel)) {
        reject(reply, 404, u"no such channel"_s, remote);
        return false;
    }
    return true;
}

void RelayServer::handleIngest(const QHttpServerRequest &request, PendingReply &reply,
                               const QString &channel)
{
    const QString remote = request.remoteAddress().toString();
    if (!channelOpen(reply, channel, remote, true))
        return;
    qint64 retryMs = 0;
    if (!m_rates.allow(channel, QDateTime::currentMSecsSinceEpoch(), &retryMs)) {
        reject(reply, 429,
               u"channel %1 is over its rate (%2/s)"_s.arg(shortId(channel))
                       .arg(m_config.ratePerSecond),
               remote, { { "Retry-After", retryAfterSeconds(retryMs) } });
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
        const QString key =
                QUrl::fromPercentEncoding(part.left(eq < 0 ? part.size() : eq).toUtf8());
        if (key == "token"_L1 && eq >= 0
            && m_store.checkToken(
                    channel,
                    QUrl::fromPercentEncoding(part.mid(eq + 1).replace(u'+', u' ').toUtf8())))
            continue;
        kept.append(part);
    }
    event.query = kept.join(u'&');
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            event.contentType = QString::fromLatin1(value);
        event.headers.append({ name, value });
    }
    event.body = request.body();
    const qint64 size = event.body.size();

    QPointer<RelayServer> self(this);
    m_store.submit(std::move(event),
                   [self, reply, channel, remote, size](qint64 id, const QString &error) mutable {
                       if (!self)
                           return;
                       const QList<QPair<QByteArray, QByteArray>> ours{
                           { RelayProtocol::ServerHeader, Version }
                       };
                       if (id <= 0) {
                           ++self->m_rejected;
                           qCWarning(lcRelay).noquote()
                                   << "store failed"
                                   << u"channel=%1 error=\"%2\""_s.arg(shortId(channel), error);
                           reply.send(503, json({ { u"ok"_s, false }, { u"error"_s, error } }),
                                      "application/json", ours);
                           return;
                       }
                       ++self->m_accepted;
                       qCInfo(lcRelay).noquote()
                               << "ingest"
                               << u"channel=%1 id=%2 bytes=%3 remote=%4"_s.arg(shortId(channel))
                                          .arg(id)
                                          .arg(size)
                                          .arg(remote);
                       reply.send(200, json({ { u"ok"_s, true }, { u"id"_s, id } }),
                                  "application/json", ours);
                   });
}

void RelayServer::handleSubscribe(const QHttpServerRequest &request, PendingReply &reply,
                                  QTcpSocket *socket, const QString &channel)
{
    const QString remote = request.remoteAddress().toString();
    if (!socket) {
        reject(reply, 501, u"SSE streams need Qt 6.4's socket access; use /ws/<channel>"_s, remote);
        return;
    }
    if (!channelOpen(reply, channel, remote, false))
        return;
    if (!m_store.checkToken(channel,
                            readToken(request.query(), requestHeader(request, "authorization")))) {
        reject(reply, 401, u"reading a channel needs its token (?token=…)"_s, remote);
        return;
    }
    if (subscriberCount(channel) >= m_config.maxSubscribersPerChannel) {
        reject(reply, 429,
               u"channel has %1 subscribers already"_s.arg(m_config.maxSubscribersPerChannel),
               remote, { { "Retry-After", "10" } });
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
    const bool raw = requestHeader(request, RelayProtocol::FeaturesHeader)
                             .contains(RelayProtocol::RawBodyFeature);
    auto *subscriber = new SseSubscriber(this, socket, channel, position, raw);
    addSubscriber(subscriber);
    m_store.touch(channel);
    qCInfo(lcRelay).noquote() << "subscribe"
                              << u"channel=%1 transport=sse after=%2 remote=%3"_s
                                         .arg(shortId(channel))
                                         .arg(position)
                                         .arg(remote);
    // The responder is not used: the stream is written to the socket directly.
    subscriber->begin(stats, explicitPosition);
}

RelayHttpFrontend::Refusal RelayServer::checkUpgrade(const QHttpServerRequest &request,
                                                     QTcpSocket *socket)
{
    const QString path = request.url().path();
    const QString channel = path.startsWith("/ws/"_L1) ? path.mid(4) : QString();
    const QString remote = request.remoteAddress().toString();
    auto refuse = [&](int status, const QString &reason) {
        ++m_rejected;
        qCInfo(lcRelay).noquote() << "refused"
                                  << u"status=%1 transport=ws remote=%2 reason=\"%3\""_s.arg(status)
                                             .arg(remote, reason);
        return RelayHttpFrontend::Refusal{ status,
                                           json({ { u"ok"_s, false }, { u"error"_s, reason } }) };
    };
    if (m_shuttingDown)
        return refuse(503, u"shutting down"_s);
    if (m_store.isDamaged())
        return refuse(503, damagedReason());
    if (!isValidChannelId(channel) || !m_store.hasChannel(channel))
        return refuse(404, u"no such channel"_s);
    if (!m_store.checkToken(channel,
                            readToken(request.query(), requestHeader(request, "authorization"))))
        return refuse(401, u"reading a channel needs its token (?token=…)"_s);
    if (subscriberCount(channel) >= m_config.maxSubscribersPerChannel)
        return refuse(
                429,
                u"channel has %1 subscribers already"_s.arg(m_config.maxSubscribersPerChannel));
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
            qCInfo(lcRelay).noquote()
                    << "refused"
                    << u"status=%1 transport=ws remote=%2 reason=\"%3\""_s.arg(status).arg(remote,
                                                                                           reason);
            socket->setParent(this);
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->sendTextMessage(QString::fromUtf8(json({ { u"type"_s, u"error"_s },
                                                             { u"status"_s, status },
                                                             { u"error"_s, reason } })));
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
            refuse(429,
                   u"channel has %1 subscribers already"_s.arg(m_config.maxSubscribersPerChannel));
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
        qCInfo(lcRelay).noquote() << "subscribe"
                                  << u"channel=%1 transport=ws after=%2 remote=%3"_s
                                             .arg(shortId(channel))
                                             .arg(position)
                                             .arg(remote);
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
    it->removeIf([subscriber](const QPointer<RelaySubscriber> &p) {
        return !p || p.data() == subscriber;
    });
    if (it->isEmpty())
        m_subscribers.erase(it);
    qCInfo(lcRelay).noquote() << "unsubscribe"
                              << u"channel=%1"_s.arg(shortId(subscriber->channel()));
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
    return u"the relay database is damaged (%1); restarting the relay moves it aside and starts a fresh buffer"_s
            .arg(m_store.damageReason());
}

void RelayServer::onStoreDamaged(const QString &reason)
{
    // What is buffered may be unreadable: every reader learns it now rather than waiting
    // for deliveries that cannot come (new ones are refused).
    qCCritical(lcRelay).noquote()
            << "unhealthy"
            << u"error=\"relay database damaged: %1\" subscribers=%2"_s.arg(reason).arg(
                       subscriberCount());
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
    const int expired =
            m_store.expireChannels(QDateTime::currentMSecsSinceEpoch() - m_config.channelTtlMs);
    if (expired > 0)
        qCInfo(lcRelay).noquote() << "channels expired" << u"count=%1"_s.arg(expired);
}

} // namespace Hookscope
