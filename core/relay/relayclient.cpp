// SPDX-License-Identifier: MIT
#include "relayclient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrlQuery>
#include <QWebSocket>

#include <cmath>

#include "common/secrets.h"
#include "events/eventparser.h"
#include "relay/relayprotocol.h"
#include "store/eventstore.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRelayClient, "hookscope.relay.client")

namespace Hookscope {

namespace {

constexpr int SleepTickMs = 5'000;
constexpr qint64 SleepGapMs = 15'000;
const QString PositionsFile = u"relay-positions.json"_s;

bool isFinalStatus(int status)
{
    return status == 401 || status == 403 || status == 404 || status == 410;
}

QString bodyExcerpt(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.contains(u"error"_s))
        return o.value(u"error"_s).toString();
    return QString::fromUtf8(body.left(200)).simplified();
}

} // namespace

RelayClient::RelayClient(EventStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, &RelayClient::onWatchdog);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RelayClient::connectNow);
    m_sleepTicker.setInterval(SleepTickMs);
    connect(&m_sleepTicker, &QTimer::timeout, this, &RelayClient::checkForSleep);
    if (store) {
        // Positions are written and acknowledged once per committed batch, after the
        // per-event callbacks have run.
        connect(store, &EventStore::eventsAdded, this, [this] {
            if (m_state != State::Idle && m_position > m_persisted) {
                persistPosition();
                sendAck();
            }
        });
    }
    // The network coming back is a reason to try now rather than at the end of a backoff.
    if (QNetworkInformation::instance() || QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online && m_state == State::Reconnecting)
                        reconnectNow();
                });
    }
}

RelayClient::~RelayClient()
{
    // Nobody should hear about the final Idle from a half-destroyed object.
    blockSignals(true);
    stop();
}

void RelayClient::setOptions(const Options &options)
{
    m_options = options;
    m_options.watchdogMs = qMax(50, m_options.watchdogMs);
    m_options.initialBackoffMs = qMax(10, m_options.initialBackoffMs);
    m_options.maxBackoffMs = qMax(m_options.initialBackoffMs, m_options.maxBackoffMs);
    m_options.jitter = qBound(0.0, m_options.jitter, 0.9);
}

const RelayClient::Options &RelayClient::options() const
{
    return m_options;
}

bool RelayClient::start(const QUrl &channelUrl)
{
    stop();
    m_error.clear();
    if (!channelUrl.isValid() || (channelUrl.scheme() != "http"_L1 && channelUrl.scheme() != "https"_L1)
        || channelUrl.host().isEmpty()) {
        m_error = tr("A channel URL is an http(s) URL, e.g. https://smee.io/AbC123 or "
                     "https://relay.example.com/AbC123?token=…");
        return false;
    }
    m_url = channelUrl;
    if (channelId().isEmpty()) {
        m_error = tr("The channel URL names no channel: %1").arg(displayUrl());
        return false;
    }
    if (!m_store) {
        m_error = tr("No event store");
        return false;
    }
    m_network = std::make_unique<QNetworkAccessManager>();
    m_stored = 0;
    m_duplicates = 0;
    m_droppedByRelay = -1;
    m_attempts = 0;
    m_position = 0;
    m_storeId = 0;
    m_acked = 0;
    m_persisted = 0;
    m_inFlight = 0;
    loadPosition();
    reconcileWithStore();
    m_submitted = m_position;
    m_parser.reset();
    if (m_position > 0)
        m_parser.setLastEventId(QString::number(m_position));
    m_sleepWall = QDateTime::currentMSecsSinceEpoch();
    m_sleepMonotonic.start();
    m_sleepTicker.start();
    qCInfo(lcRelayClient).noquote() << "start" << displayUrl() << "position" << m_position;
    connectNow();
    return true;
}

void RelayClient::stop()
{
    if (m_state == State::Idle && !m_network)
        return;
    teardown();
    m_reconnectTimer.stop();
    m_sleepTicker.stop();
    if (m_store)
        m_store->flush(); // what was received is committed, and its position written below
    persistPosition();
    m_network.reset();
    setState(State::Idle);
}

void RelayClient::reconnectNow()
{
    if (m_state != State::Reconnecting)
        return;
    m_attempts = 0;
    connectNow();
}

RelayClient::State RelayClient::state() const
{
    return m_state;
}

RelayClient::Transport RelayClient::transport() const
{
    return m_transport;
}

QString RelayClient::errorString() const
{
    return m_error;
}

qint64 RelayClient::reconnectAt() const
{
    return m_state == State::Reconnecting ? m_reconnectAt : 0;
}

int RelayClient::reconnectInSeconds() const
{
    if (m_state != State::Reconnecting)
        return 0;
    return int(std::ceil(qMax<qint64>(0, m_reconnectAt - QDateTime::currentMSecsSinceEpoch()) / 1000.0));
}

QString RelayClient::statusText() const
{
    const QString transport = m_transport == Transport::WebSocket ? u"WebSocket"_s
                              : m_transport == Transport::Sse     ? u"SSE"_s
                                                                  : QString();
    switch (m_state) {
    case State::Idle: return tr("relay: not connected");
    case State::Connecting: return tr("relay: connecting to %1…").arg(displayUrl());
    case State::Connected: return tr("relay: connected to %1 (%2)").arg(displayUrl(), transport);
    case State::Reconnecting:
        return tr("relay: reconnecting in %1 s — %2").arg(reconnectInSeconds()).arg(m_error);
    case State::Error: return tr("relay: error — %1").arg(m_error);
    }
    return {};
}

QUrl RelayClient::channelUrl() const
{
    return m_url;
}

QString RelayClient::displayUrl() const
{
    return maskedUrl(m_url);
}

qint64 RelayClient::position() const
{
    return m_position;
}

qint64 RelayClient::storedCount() const
{
    return m_stored;
}

qint64 RelayClient::duplicateCount() const
{
    return m_duplicates;
}

qint64 RelayClient::droppedByRelay() const
{
    return qMax<qint64>(0, m_droppedByRelay);
}

QString RelayClient::channelId() const
{
    return m_url.path().section(u'/', -1, -1, QString::SectionSkipEmpty);
}

QUrl RelayClient::baseUrl() const
{
    QUrl base = m_url;
    base.setQuery(QString());
    base.setFragment(QString());
    QString path = base.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    path.truncate(path.lastIndexOf(u'/'));
    base.setPath(path);
    return base;
}

QString RelayClient::channelKey(const QUrl &channelUrl)
{
    return channelUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo | QUrl::StripTrailingSlash)
        .toString(QUrl::FullyEncoded);
}

QUrl RelayClient::ingestUrlFor(const QUrl &readUrl)
{
    QUrl url = readUrl;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"token"_s);
    url.setQuery(query.isEmpty() ? QString() : query.toString(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

QString RelayClient::maskedUrl(const QUrl &url)
{
    QUrlQuery query(url);
    if (!query.hasQueryItem(u"token"_s))
        return url.toString();
    const QString token = query.queryItemValue(u"token"_s, QUrl::FullyDecoded);
    query.removeAllQueryItems(u"token"_s);
    query.addQueryItem(u"token"_s, Secrets::mask(token));
    QUrl masked = url;
    masked.setQuery(query);
    return masked.toString(QUrl::DecodeReserved);
}

void RelayClient::setState(State state)
{
    const bool changed = state != m_state;
    m_state = state;
    // Reconnecting is re-announced on every attempt: its delay and reason change.
    if (changed || state == State::Reconnecting)
        Q_EMIT stateChanged(state);
}

void RelayClient::connectNow()
{
    if (!m_network)
        return;
    teardown();
    m_reconnectTimer.stop();
    setState(State::Connecting);
    markAlive(); // the watchdog also bounds how long a connection attempt may take
    if (m_options.transport == Transport::Auto) {
        m_transport = Transport::Auto;
        detect();
    } else {
        m_transport = m_options.transport;
        if (m_transport == Transport::WebSocket)
            openWebSocket();
        else
            openSse();
    }
}

void RelayClient::detect()
{
    QNetworkRequest request(QUrl(baseUrl().toString() + u"/healthz"_s));
    request.setTransferTimeout(m_options.detectTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    m_detectReply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply != m_detectReply)
            return;
        m_detectReply = nullptr;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            failure(tr("cannot reach the relay: %1").arg(reply->errorString()));
            return;
        }
        const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
        const bool ours = reply->hasRawHeader(RelayProtocol::ServerHeader)
                          || health.value(u"server"_s).toString() == RelayProtocol::ServerName;
        m_transport = ours ? Transport::WebSocket : Transport::Sse;
        if (ours)
            openWebSocket();
        else
            openSse();
    });
}

void RelayClient::openSse()
{
    QNetworkRequest request(m_url);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    request.setRawHeader(RelayProtocol::FeaturesHeader, RelayProtocol::RawBodyFeature);
    const QString lastId = m_position > 0 ? QString::number(m_position) : m_parser.lastEventId();
    if (!lastId.isEmpty())
        request.setRawHeader("Last-Event-ID", lastId.toUtf8());
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    m_parser.restart();
    QNetworkReply *reply = m_network->get(request);
    m_sseReply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &RelayClient::onSseMetaData);
    connect(reply, &QIODevice::readyRead, this, &RelayClient::onSseData);
    connect(reply, &QNetworkReply::finished, this, &RelayClient::onSseFinished);
}

void RelayClient::onSseMetaData()
{
    QNetworkReply *reply = m_sseReply;
    if (!reply || sender() != reply)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // decided in onSseFinished, with the body
    if (!reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(u"text/event-stream"_s)) {
        failure(tr("the relay did not answer with an event stream (Content-Type %1)")
                    .arg(reply->header(QNetworkRequest::ContentTypeHeader).toString()));
        return;
    }
    markAlive();
    // smee.io and hookscope-relay both start with `ready`; a stream that is open counts too.
    onConnectionReady();
}

void RelayClient::onSseData()
{
    QNetworkReply *reply = m_sseReply;
    if (!reply || sender() != reply)
        return;
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return;
    markAlive();
    const quint64 generation = m_generation;
    const QList<SseEvent> events = m_parser.feed(reply->readAll());
    for (const SseEvent &e : events) {
        if (generation != m_generation)
            return; // a delivery failed and the connection was torn down
        if (e.type == "message"_L1) {
            QString error;
            std::optional<RelayEvent> event = RelayProtocol::fromSmeeData(e.data.toUtf8(), &error);
            if (!event) {
                Q_EMIT notice(tr("A relay delivery could not be read (%1); it was skipped").arg(error));
                continue;
            }
            event->channel = channelId();
            if (event->path.isEmpty())
                event->path = m_url.path();
            deliver(std::move(*event));
        } else if (e.type == "dropped"_L1) {
            const QJsonObject o = QJsonDocument::fromJson(e.data.toUtf8()).object();
            Q_EMIT notice(tr("The relay dropped %n event(s) of this channel before they could be delivered "
                             "(its buffer was full)",
                             nullptr, o.value(u"dropped"_s).toInt()));
        }
        // ready, ping and anything else only prove the connection alive.
    }
}

void RelayClient::onSseFinished()
{
    QNetworkReply *reply = m_sseReply;
    if (!reply || sender() != reply)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (isFinalStatus(status)) {
        fatal(tr("the relay refused the channel (HTTP %1): %2").arg(status).arg(bodyExcerpt(body)));
        return;
    }
    if (status != 0 && status != 200) {
        failure(tr("the relay answered HTTP %1: %2").arg(status).arg(bodyExcerpt(body)));
        return;
    }
    failure(reply->error() == QNetworkReply::NoError ? tr("the relay closed the stream") : reply->errorString());
}

void RelayClient::openWebSocket()
{
    QUrl url = baseUrl();
    url.setScheme(m_url.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    url.setPath(url.path() + u"/ws/"_s + channelId());
    QUrlQuery query;
    const QString token = QUrlQuery(m_url).queryItemValue(u"token"_s, QUrl::FullyDecoded);
    if (!token.isEmpty())
        query.addQueryItem(u"token"_s, token);
    if (m_position > 0)
        query.addQueryItem(u"after"_s, QString::number(m_position));
    url.setQuery(query.toString(QUrl::FullyEncoded), QUrl::StrictMode);
    m_socket = std::make_unique<QWebSocket>();
    QWebSocket *socket = m_socket.get();
    connect(socket, &QWebSocket::textMessageReceived, this, &RelayClient::onWsMessage);
    connect(socket, &QWebSocket::pong, this, &RelayClient::markAlive);
    connect(socket, &QWebSocket::disconnected, this, &RelayClient::onWsDisconnected);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(socket, &QWebSocket::errorOccurred, this, &RelayClient::onWsError);
#else
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &RelayClient::onWsError);
#endif
    socket->open(url);
}

void RelayClient::onWsMessage(const QString &text)
{
    if (!m_socket || sender() != m_socket.get())
        return;
    markAlive();
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = o.value(u"type"_s).toString();
    if (type == "event"_L1) {
        QString error;
        std::optional<RelayEvent> event = RelayProtocol::fromWsEventMessage(o, &error);
        if (!event) {
            Q_EMIT notice(tr("A relay delivery could not be read (%1); it was skipped").arg(error));
            return;
        }
        event->channel = channelId();
        deliver(std::move(*event));
    } else if (type == "ready"_L1) {
        const qint64 dropped = qint64(o.value(u"dropped"_s).toDouble());
        if (m_droppedByRelay >= 0 && dropped > m_droppedByRelay)
            Q_EMIT notice(tr("The relay dropped %n event(s) of this channel before they could be delivered "
                             "(its buffer was full)",
                             nullptr, int(dropped - m_droppedByRelay)));
        else if (m_droppedByRelay < 0 && qint64(o.value(u"evicted_up_to"_s).toDouble()) > m_position && m_position > 0)
            Q_EMIT notice(tr("Some events of this channel were dropped by the relay (its buffer was full) "
                             "before this client could receive them"));
        m_droppedByRelay = dropped;
        m_acked = 0;
        onConnectionReady();
        sendAck();
    } else if (type == "error"_L1) {
        const int status = o.value(u"status"_s).toInt();
        const QString message = tr("the relay refused the channel (%1): %2").arg(status).arg(o.value(u"error"_s).toString());
        if (isFinalStatus(status))
            fatal(message);
        else
            failure(message);
    }
}

void RelayClient::onWsDisconnected()
{
    if (!m_socket || sender() != m_socket.get())
        return;
    const QString reason = m_socket->closeReason();
    failure(reason.isEmpty() ? tr("the relay closed the connection") : tr("the relay closed the connection: %1").arg(reason));
}

void RelayClient::onWsError()
{
    if (!m_socket || sender() != m_socket.get())
        return;
    const QString message = m_socket->errorString();
    // Qt reports a refused upgrade only as text ("Unhandled http status code: 401 (...)").
    static const QRegularExpression httpStatus(u"\\b(40[134]|410)\\b"_s);
    const QRegularExpressionMatch match = httpStatus.match(message);
    if (match.hasMatch()) {
        const int status = match.captured(1).toInt();
        fatal(status == 401 ? tr("the relay refused the channel token (HTTP 401)")
                            : tr("the relay refused the channel (HTTP %1)").arg(status));
        return;
    }
    failure(message);
}

void RelayClient::onConnectionReady()
{
    m_attempts = 0;
    m_error.clear();
    setState(State::Connected);
}

void RelayClient::teardown()
{
    ++m_generation;
    m_watchdog.stop();
    if (m_detectReply) {
        QNetworkReply *reply = m_detectReply;
        m_detectReply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_sseReply) {
        QNetworkReply *reply = m_sseReply;
        m_sseReply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_socket) {
        // May run inside one of the socket's own signals: delete it later.
        QWebSocket *socket = m_socket.release();
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void RelayClient::failure(const QString &reason)
{
    if (m_state == State::Idle || m_state == State::Error)
        return;
    teardown();
    m_error = reason;
    ++m_attempts;
    const double base = qMin<double>(m_options.maxBackoffMs, m_options.initialBackoffMs * std::pow(2.0, qMin(m_attempts - 1, 30)));
    const double factor = 1.0 + m_options.jitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    const int delay = qMax(1, int(base * factor));
    m_reconnectAt = QDateTime::currentMSecsSinceEpoch() + delay;
    m_reconnectTimer.start(delay);
    qCInfo(lcRelayClient).noquote() << "connection lost:" << reason << "- reconnecting in" << delay << "ms";
    setState(State::Reconnecting);
}

void RelayClient::fatal(const QString &reason)
{
    teardown();
    m_reconnectTimer.stop();
    m_error = reason;
    qCWarning(lcRelayClient).noquote() << "giving up:" << reason;
    setState(State::Error);
}

void RelayClient::markAlive()
{
    m_watchdog.start(m_options.watchdogMs);
}

void RelayClient::onWatchdog()
{
    failure(tr("no data from the relay for %1 s: the connection is dead").arg(m_options.watchdogMs / 1000.0, 0, 'f',
                                                                                     m_options.watchdogMs % 1000 ? 1 : 0));
}

void RelayClient::checkForSleep()
{
    const qint64 wall = QDateTime::currentMSecsSinceEpoch();
    const qint64 monotonic = m_sleepMonotonic.restart();
    const qint64 gap = (wall - m_sleepWall) - monotonic;
    m_sleepWall = wall;
    // The monotonic clock stops while the machine sleeps; the wall clock does not. After a
    // sleep every connection is suspect: start over now instead of waiting for the watchdog.
    if (gap > SleepGapMs && (m_state == State::Connected || m_state == State::Connecting)) {
        m_attempts = 0;
        failure(tr("the computer was asleep"));
        reconnectNow();
    }
}

void RelayClient::deliver(RelayEvent e)
{
    if (!m_store) {
        fatal(tr("the event store is gone"));
        return;
    }
    if (e.id > 0 && e.id <= m_submitted) {
        ++m_duplicates;
        return;
    }
    Event event;
    event.summary.receivedAt = e.timestamp > 0 ? e.timestamp : QDateTime::currentMSecsSinceEpoch();
    event.summary.source = EventSource::Relay;
    event.method = e.method.isEmpty() ? u"POST"_s : e.method;
    event.path = e.path;
    event.query = e.query;
    event.remoteAddress = e.remoteAddress;
    event.contentType = e.contentType;
    event.headers = std::move(e.headers);
    if (e.id > 0)
        event.headers.append({QByteArray(RelayIdHeader), QByteArray::number(e.id)});
    event.body = std::move(e.body);
    const ParsedEvent parsed = EventParser::parse(event.body, event.contentType.toLatin1());
    EventSummary &s = event.summary;
    s.type = parsed.type;
    s.eventId = parsed.eventId;
    s.occurredAt = parsed.occurredAt;
    s.team = parsed.team;
    s.actor = parsed.actor;
    s.entity = parsed.entity;
    s.summary = parsed.summary;
    s.status = parsed.isInvalid() ? EventStatus::Invalid : EventStatus::Ok;
    event.org = parsed.org;

    if (e.id > 0)
        m_submitted = e.id;
    ++m_inFlight;
    const qint64 relayId = e.id;
    QPointer<RelayClient> self(this);
    m_store->submit(std::move(event), [self, relayId](qint64 storeId, const QString &error) {
        if (self)
            self->onCommitted(relayId, storeId, error);
    });
}

void RelayClient::onCommitted(qint64 relayId, qint64 storeId, const QString &error)
{
    --m_inFlight;
    if (storeId <= 0) {
        // Not stored: forget the deliveries after the last stored one, and let the relay
        // send them again.
        m_submitted = m_position;
        failure(tr("could not store a relay delivery: %1").arg(error));
        return;
    }
    ++m_stored;
    if (relayId > m_position) {
        m_position = relayId;
        m_storeId = storeId;
    }
}

void RelayClient::sendAck()
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState || m_position <= m_acked)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{u"ack"_s, m_position}}).toJson(QJsonDocument::Compact)));
    m_acked = m_position;
}

void RelayClient::loadPosition()
{
    if (m_options.dataDir.isEmpty())
        return;
    QFile file(QDir(m_options.dataDir).filePath(PositionsFile));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject entry = QJsonDocument::fromJson(file.readAll()).object().value(channelKey(m_url)).toObject();
    m_position = qint64(entry.value(u"relay_id"_s).toDouble());
    m_storeId = qint64(entry.value(u"store_id"_s).toDouble());
    m_persisted = m_position;
}

void RelayClient::persistPosition()
{
    if (m_url.isEmpty() || m_position == m_persisted)
        return;
    m_persisted = m_position;
    if (m_options.dataDir.isEmpty())
        return;
    const QString path = QDir(m_options.dataDir).filePath(PositionsFile);
    QJsonObject all;
    {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            all = QJsonDocument::fromJson(file.readAll()).object();
    }
    const QString key = channelKey(m_url);
    const QJsonObject old = all.value(key).toObject();
    if (qint64(old.value(u"relay_id"_s).toDouble()) == m_position && qint64(old.value(u"store_id"_s).toDouble()) == m_storeId)
        return;
    all.insert(key, QJsonObject{{u"relay_id"_s, m_position},
                                {u"store_id"_s, m_storeId},
                                {u"updated"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
    QDir().mkpath(m_options.dataDir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(all).toJson()) < 0 || !file.commit())
        qCWarning(lcRelayClient).noquote() << "cannot write" << path << file.errorString();
}

void RelayClient::reconcileWithStore()
{
    // Events committed after the position file was last written (a crash in between) are
    // in the store with their relay id: the position moves past them.
    if (!m_store || !m_store->isOpen() || (m_position == 0 && m_storeId == 0))
        return;
    const QString channel = channelId();
    const qint64 before = m_position;
    m_store->forEachEvent([&](const Event &event) {
        if (event.summary.source != EventSource::Relay || event.path.section(u'/', -1, -1, QString::SectionSkipEmpty) != channel)
            return true;
        for (const auto &[name, value] : event.headers) {
            if (name.compare(RelayIdHeader, Qt::CaseInsensitive) != 0)
                continue;
            const qint64 id = value.toLongLong();
            if (id > m_position) {
                m_position = id;
                m_storeId = event.summary.id;
            }
        }
        return true;
    }, m_storeId);
    if (m_position != before) {
        qCInfo(lcRelayClient).noquote() << "position recovered from the store:" << before << "->" << m_position;
        persistPosition();
    }
}

void RelayClient::createChannel(QNetworkAccessManager *network, const QUrl &serverBase, QObject *context,
                                ChannelCallback done)
{
    QUrl url = serverBase.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(url.path() + u"/new"_s);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30'000);
    QNetworkReply *reply = network->head(request);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, url, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray location = reply->rawHeader("Location");
        if (status >= 300 && status < 400 && !location.isEmpty()) {
            const QUrl read = url.resolved(QUrl::fromEncoded(location));
            done({read, ingestUrlFor(read)}, QString());
            return;
        }
        if (status == 0)
            done({}, tr("Cannot reach %1: %2").arg(url.toString(), reply->errorString()));
        else
            done({}, tr("%1 answered HTTP %2 without a channel (Location)").arg(url.toString()).arg(status));
    });
}

} // namespace Hookscope
