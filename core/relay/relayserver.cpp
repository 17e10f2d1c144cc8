// SPDX-License-Identifier: MIT
// One thing, longer than most files: hookscope-relay's HTTP surface (routing, /new, ingest,
// SSE and WebSocket subscriptions, /healthz, shutdown). The subscriber streams are in
// ssesubscriber.h and wssubscriber.h, the durable buffer in relaystore.*.
#include "relayserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cmath>
#include <deque>

#include "core/common/secrets.h"
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

// The request's path, percent-decoded (channel ids are plain ASCII either way).
QString decodedPath(const Http::Request &request)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(request.rawPath().toByteArray()));
}

QUrlQuery queryOf(const Http::Request &request)
{
    return QUrlQuery(QString::fromLatin1(request.rawQuery()));
}

// Who a request comes from, for the per-client limits: the peer, or behind a reverse proxy on
// loopback (the documented TLS set-up) the address the proxy names last in X-Forwarded-For.
QString clientOf(const QHostAddress &peer, const QByteArray &forwardedFor)
{
    if (peer.isLoopback() && !forwardedFor.trimmed().isEmpty())
        return QString::fromLatin1(forwardedFor.split(',').constLast().trimmed());
    return peer.toString();
}

QString clientOf(const Http::Request &request)
{
    return clientOf(request.peer, request.header("x-forwarded-for"));
}

bool isDelivery(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
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
    m_newChannelsPerClient.setRate(config.newChannelsPerClientPerSecond,
                                   config.newChannelClientBurst);
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
    auto *http = new Http::Server(m_config.limits, this);
    if (!http->listen(m_config.address, m_config.port)) {
        m_error = tr("Cannot listen on %1:%2: %3")
                          .arg(m_config.address.toString())
                          .arg(m_config.port)
                          .arg(http->errorString());
        delete http;
        m_store.close();
        return false;
    }
    connect(http, &Http::Server::rejected, this,
            [this](int status, const QString &reason, const QString &remote) {
                ++m_rejected;
                qCWarning(lcRelay).noquote()
                        << "refused"
                        << u"status=%1 remote=%2 reason=\"%3\""_s.arg(status).arg(remote, reason);
            });
    // WebSocket handshakes are checked by our parser first (checkUpgrade), then the socket
    // goes to a QWebSocketServer that never listens itself.
    m_ws = new QWebSocketServer(u"hookscope-relay"_s, QWebSocketServer::NonSecureMode, this);
    connect(m_ws, &QWebSocketServer::newConnection, this, &RelayServer::onNewWebSocket);
    http->setHeadCheck([this](const Http::Request &head) { return checkHead(head); });
    http->setUpgrade([this](const Http::Request &head) { return checkUpgrade(head); },
                     [this](QTcpSocket *socket) { m_ws->handleConnection(socket); });
    http->setHandler([this](Http::Request &&request, Http::Reply reply) {
        handle(std::move(request), std::move(reply));
    });
    m_http = http;
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
        delete m_http; // every connection and SSE stream
        m_http = nullptr;
        delete m_ws;
        m_ws = nullptr;
    }
    m_subscribers.clear();
    m_subscriberClient.clear();
    m_clientStreams.clear();
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
    m_http->close(); // no new connections
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
    if (m_http)
        unsent += m_http->bytesToWrite();
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
    return m_http && m_http->isListening();
}

bool RelayServer::isShuttingDown() const
{
    return m_shuttingDown;
}

quint16 RelayServer::port() const
{
    return m_http ? m_http->serverPort() : m_config.port;
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

RelayServer::Refusal RelayServer::refusal(int status, const QString &reason, const QString &remote,
                                          const Http::HeaderList &extraHeaders)
{
    ++m_rejected;
    qCInfo(lcRelay).noquote() << "refused"
                              << u"status=%1 remote=%2 reason=\"%3\""_s.arg(status).arg(remote,
                                                                                        reason);
    Http::HeaderList headers = extraHeaders;
    headers.append({ RelayProtocol::ServerHeader, Version });
    return { status, json({ { u"ok"_s, false }, { u"error"_s, reason } }), headers };
}

void RelayServer::answer(Http::Reply &reply, const Refusal &refusal)
{
    reply.send(refusal.status, refusal.body, "application/json", refusal.headers);
}

RelayServer::Refusal RelayServer::checkHead(const Http::Request &head)
{
    // Nothing that the relay would not store gets its body buffered.
    const QString remote = head.peer.toString();
    if (!isDelivery(head.method)) {
        Refusal onlyTheHead; // handle() answers from the head; a body is dropped unread
        onlyTheHead.discardBody = true;
        return onlyTheHead;
    }
    const QString path = decodedPath(head);
    QString channel = path.mid(1);
    if (channel.endsWith(u'/'))
        channel.chop(1);
    if (path.startsWith("/ws/"_L1))
        return refusal(426, u"this URL is for WebSocket subscribers"_s, remote,
                       { { "Upgrade", "websocket" } });
    if (!isValidChannelId(channel))
        return refusal(404, u"not found"_s, remote);
    return checkIngest(head, channel);
}

void RelayServer::handle(Http::Request &&request, Http::Reply reply)
{
    const Http::HeaderList ours{ { RelayProtocol::ServerHeader, Version } };
    const QByteArray &method = request.method;
    const bool head = method == "HEAD";
    const bool getOrHead = method == "GET" || head;
    const QString path = decodedPath(request);
    const QString remote = request.peer.toString();

    if (path == "/healthz"_L1 && getOrHead) {
        handleHealth(request, reply);
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
        answer(reply,
               refusal(426, u"this URL is for WebSocket subscribers"_s, remote,
                       { { "Upgrade", "websocket" } }));
        return;
    }
    QString channel = path.mid(1);
    if (channel.endsWith(u'/'))
        channel.chop(1);
    if (!isValidChannelId(channel)) {
        answer(reply, refusal(404, u"not found"_s, remote));
        return;
    }
    if (isDelivery(method)) {
        handleIngest(std::move(request), reply, channel); // checkHead() let it through
        return;
    }
    if (method == "GET" && request.header("accept").contains("text/event-stream")) {
        handleSubscribe(request, reply, channel);
        return;
    }
    if (getOrHead) {
        // A webhook URL probe: answer like the receiver does, revealing nothing.
        reply.send(200, head ? QByteArray() : QByteArray("{\"ok\":true}"), "application/json",
                   ours);
        return;
    }
    answer(reply,
           refusal(405, u"method %1 not allowed"_s.arg(QString::fromLatin1(method)), remote,
                   { { "Allow", "GET, HEAD, POST, PUT, PATCH" } }));
}

void RelayServer::handleHealth(const Http::Request &request, Http::Reply &reply)
{
    const bool head = request.method == "HEAD";
    QString problem;
    if (m_shuttingDown)
        problem = u"shutting down"_s;
    else if (m_store.isDamaged())
        problem = damagedReason();
    else if (QString why; !m_store.canWrite(&why))
        problem = why;
    const bool ok = problem.isEmpty();
    QJsonObject health{ { u"ok"_s, ok },
                        { u"server"_s, RelayProtocol::ServerName },
                        { u"version"_s, QString::fromLatin1(Version) } };
    if (!ok)
        health.insert(u"error"_s, problem);
    if (m_store.isDamaged())
        health.insert(u"damaged"_s, true);
    // Counts say how busy the relay is: only for its operator.
    QByteArray bearer = request.header("authorization").trimmed();
    bearer = bearer.toLower().startsWith("bearer ") ? bearer.mid(7).trimmed() : QByteArray();
    if (!m_config.adminToken.isEmpty()
        && Secrets::constantTimeEquals(bearer, m_config.adminToken.toUtf8())) {
        health.insert(u"channels"_s, qint64(m_store.channelCount()));
        health.insert(u"subscribers"_s, subscriberCount());
        health.insert(u"connections"_s, m_http ? m_http->connectionCount() : 0);
        health.insert(u"shutting_down"_s, m_shuttingDown);
        health.insert(u"uptime_ms"_s, m_uptime.elapsed());
        health.insert(u"accepted"_s, m_accepted);
        health.insert(u"rejected"_s, m_rejected);
    }
    reply.send(ok ? 200 : 503, head ? QByteArray() : json(health), "application/json",
               { { RelayProtocol::ServerHeader, Version } });
}

void RelayServer::handleNew(const Http::Request &request, Http::Reply &reply)
{
    const QString remote = clientOf(request);
    if (m_shuttingDown) {
        answer(reply, refusal(503, u"shutting down"_s, remote));
        return;
    }
    if (m_store.isDamaged()) {
        answer(reply, refusal(503, damagedReason(), remote));
        return;
    }
    qint64 retryMs = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // One client's creations come out of its own bucket first, so it cannot use up the
    // relay's.
    if (!m_newChannelsPerClient.allow(remote, now, &retryMs)
        || !m_newChannels.allow(QString(), now, &retryMs)) {
        answer(reply,
               refusal(429, u"too many new channels; try again later"_s, remote,
                       { { "Retry-After", retryAfterSeconds(retryMs) } }));
        return;
    }
    const QUrl readUrl = createChannel();
    if (readUrl.isEmpty()) {
        answer(reply,
               refusal(503, u"cannot create a channel: %1"_s.arg(m_store.errorString()), remote));
        return;
    }
    QUrl ingestUrl = readUrl;
    ingestUrl.setQuery(QString());
    const bool head = request.method == "HEAD";
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

RelayServer::Refusal RelayServer::channelOpen(const QString &channel, bool ingest) const
{
    if (m_shuttingDown) {
        Http::HeaderList headers{ { "Retry-After", "5" } };
        if (ingest)
            headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
        return { 503, u"shutting down"_s.toUtf8(), headers };
    }
    if (m_store.isDamaged()) {
        // Nothing is written into or read from a damaged file: the sender retries, after a
        // restart of the relay has moved the file aside.
        return { 503, damagedReason().toUtf8(), { { "Retry-After", "60" } } };
    }
    if (!m_store.hasChannel(channel))
        return { 404, "no such channel", {} };
    return {};
}

RelayServer::Refusal RelayServer::checkIngest(const Http::Request &head, const QString &channel)
{
    const QString remote = head.peer.toString();
    if (const Refusal closed = channelOpen(channel, true); closed.status != 0)
        return refusal(closed.status, QString::fromUtf8(closed.body), remote, closed.headers);
    qint64 retryMs = 0;
    if (!m_rates.allow(channel, QDateTime::currentMSecsSinceEpoch(), &retryMs))
        return refusal(429,
                       u"channel %1 is over its rate (%2/s)"_s.arg(shortId(channel))
                               .arg(m_config.ratePerSecond),
                       remote, { { "Retry-After", retryAfterSeconds(retryMs) } });
    // What the delivery will take on disk, as far as the head tells (a chunked body counts
    // once it is there, in the commit).
    RelayEvent sized;
    sized.method = QString::fromLatin1(head.method);
    sized.path = QString::fromLatin1(head.rawPath());
    sized.query = QString::fromLatin1(head.rawQuery());
    sized.remoteAddress = remote;
    sized.headers = head.headers;
    const qint64 bytes = RelayStore::storedBytes(sized) + qMax<qint64>(0, head.contentLength);
    if (bytes > m_store.limits().maxBytesPerChannel) // never fits: no point in retrying
        return refusal(413,
                       u"a delivery of %1 bytes with its headers is larger than a channel's "
                       u"buffer (--max-buffer %2)"_s.arg(bytes)
                               .arg(m_store.limits().maxBytesPerChannel),
                       remote);
    QString why;
    if (!m_store.hasRoomFor(bytes, &why)) {
        if (RelayStore::isFullError(why))
            m_store.noteRefused(bytes);
        return storeRefusal(why, remote);
    }
    return {};
}

RelayServer::Refusal RelayServer::storeRefusal(const QString &error, const QString &remote)
{
    // 507 for a bound (the sender retries once readers have caught up), 503 otherwise.
    if (RelayStore::isFullError(error))
        return refusal(507, error, remote, { { "Retry-After", "60" } });
    return refusal(503, error, remote, { { "Retry-After", "10" } });
}

void RelayServer::handleIngest(Http::Request &&request, Http::Reply &reply, const QString &channel)
{
    const QString remote = request.peer.toString();
    RelayEvent event;
    event.channel = channel;
    event.timestamp = QDateTime::currentMSecsSinceEpoch();
    event.method = QString::fromLatin1(request.method);
    event.path = decodedPath(request);
    event.remoteAddress = remote;
    // The channel's own token may ride along on the ingest URL: it never reaches readers.
    QStringList kept;
    const QString query = QString::fromLatin1(request.rawQuery());
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
    for (auto &[name, value] : request.headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            event.contentType = QString::fromLatin1(value);
        event.headers.append({ std::move(name), std::move(value) });
    }
    event.body = std::move(request.body);
    const qint64 size = event.body.size();

    QPointer<RelayServer> self(this);
    m_store.submit(std::move(event),
                   [self, reply, channel, remote, size](qint64 id, const QString &error) mutable {
                       if (!self)
                           return;
                       const Http::HeaderList ours{ { RelayProtocol::ServerHeader, Version } };
                       if (id <= 0) {
                           qCWarning(lcRelay).noquote()
                                   << "store failed"
                                   << u"channel=%1 error=\"%2\""_s.arg(shortId(channel), error);
                           self->answer(reply, self->storeRefusal(error, remote));
                           return;
                       }
                       ++self->m_accepted;
                       qCDebug(lcRelay).noquote()
                               << "ingest"
                               << u"channel=%1 id=%2 bytes=%3 remote=%4"_s.arg(shortId(channel))
                                          .arg(id)
                                          .arg(size)
                                          .arg(remote);
                       reply.send(200, json({ { u"ok"_s, true }, { u"id"_s, id } }),
                                  "application/json", ours);
                   });
}

RelayServer::Refusal RelayServer::checkReader(const QString &channel, const QString &token,
                                              const QString &remote)
{
    if (const Refusal closed = channelOpen(channel, false); closed.status != 0)
        return refusal(closed.status, QString::fromUtf8(closed.body), remote, closed.headers);
    if (!m_store.checkToken(channel, token))
        return refusal(401, u"reading a channel needs its token (?token=…)"_s, remote);
    if (subscriberCount(channel) >= m_config.maxSubscribersPerChannel)
        return refusal(
                429, u"channel has %1 subscribers already"_s.arg(m_config.maxSubscribersPerChannel),
                remote, { { "Retry-After", "10" } });
    if (m_clientStreams.value(remote) >= m_config.maxSubscribersPerClient)
        return refusal(429,
                       u"%1 open subscriber streams from this address already"_s.arg(
                               m_config.maxSubscribersPerClient),
                       remote, { { "Retry-After", "10" } });
    if (subscriberCount() >= m_config.maxSubscribers)
        return refusal(
                503,
                u"the relay has %1 subscriber streams open already"_s.arg(m_config.maxSubscribers),
                remote, { { "Retry-After", "10" } });
    return {};
}

void RelayServer::handleSubscribe(const Http::Request &request, Http::Reply &reply,
                                  const QString &channel)
{
    const QString remote = clientOf(request);
    if (request.minorVersion == 0) { // the stream is chunked: HTTP/1.1 only
        answer(reply, refusal(505, u"event streams need HTTP/1.1"_s, remote));
        return;
    }
    const Refusal refused = checkReader(
            channel, readToken(queryOf(request), request.header("authorization")), remote);
    if (refused.status != 0) {
        answer(reply, refused);
        return;
    }
    const RelayStore::ChannelStats stats = *m_store.stats(channel);
    bool explicitPosition = false;
    qint64 position = stats.cursor;
    const QByteArray lastEventId = request.header("last-event-id").trimmed();
    if (!lastEventId.isEmpty()) {
        bool ok = false;
        const qint64 id = lastEventId.toLongLong(&ok);
        if (ok && id >= 0) {
            position = id;
            explicitPosition = true;
        }
    }
    const bool raw =
            request.header(RelayProtocol::FeaturesHeader).contains(RelayProtocol::RawBodyFeature);
    QTcpSocket *socket = reply.takeSocket(); // from here on the stream is written directly
    if (!socket)
        return;
    auto *subscriber = new SseSubscriber(this, socket, channel, position, raw);
    addSubscriber(subscriber, remote);
    m_store.touch(channel);
    qCInfo(lcRelay).noquote() << "subscribe"
                              << u"channel=%1 transport=sse after=%2 remote=%3"_s
                                         .arg(shortId(channel))
                                         .arg(position)
                                         .arg(remote);
    subscriber->begin(stats, explicitPosition);
}

RelayServer::Refusal RelayServer::checkUpgrade(const Http::Request &head)
{
    const QString path = decodedPath(head);
    const QString channel = path.startsWith("/ws/"_L1) ? path.mid(4) : QString();
    const QString remote = clientOf(head);
    if (!isValidChannelId(channel))
        return refusal(404, u"no such channel"_s, remote);
    return checkReader(channel, readToken(queryOf(head), head.header("authorization")), remote);
}

void RelayServer::onNewWebSocket()
{
    while (m_ws && m_ws->hasPendingConnections()) {
        QWebSocket *socket = m_ws->nextPendingConnection();
        if (!socket)
            continue;
        const QUrl url = socket->requestUrl();
        const QString remote =
                clientOf(socket->peerAddress(), socket->request().rawHeader("X-Forwarded-For"));
        const QString path = url.path();
        const QString channel = path.startsWith("/ws/"_L1) ? path.mid(4) : QString();
        const QUrlQuery query(url);

        // Checked before the handshake already; the state may have changed since.
        Refusal refused = isValidChannelId(channel)
                ? checkReader(channel,
                              readToken(query, socket->request().rawHeader("Authorization")),
                              remote)
                : refusal(404, u"no such channel"_s, remote);
        if (refused.status != 0) {
            const QString reason =
                    QJsonDocument::fromJson(refused.body).object().value(u"error"_s).toString();
            socket->setParent(this);
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->sendTextMessage(QString::fromUtf8(json({ { u"type"_s, u"error"_s },
                                                             { u"status"_s, refused.status },
                                                             { u"error"_s, reason } })));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
            QTimer::singleShot(5000, socket, &QObject::deleteLater);
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
        addSubscriber(subscriber, remote);
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

void RelayServer::addSubscriber(RelaySubscriber *subscriber, const QString &remote)
{
    m_subscribers[subscriber->channel()].append(subscriber);
    m_subscriberClient.insert(subscriber, remote);
    ++m_clientStreams[remote];
}

void RelayServer::removeSubscriber(RelaySubscriber *subscriber)
{
    if (const auto client = m_subscriberClient.find(subscriber);
        client != m_subscriberClient.end()) {
        if (const auto streams = m_clientStreams.find(*client);
            streams != m_clientStreams.end() && --*streams <= 0)
            m_clientStreams.erase(streams);
        m_subscriberClient.erase(client);
    }
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
