// SPDX-License-Identifier: MIT
// One thing, longer than most files: RelayClient's state machine (connect, detect, watchdog,
// backoff, sleep detection) and what it does with a delivery (dedupe, store, persisted
// position, acknowledgement). The transports are in relaytransport.*.
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

#include <cmath>

#include "core/common/httpurl.h"
#include "core/common/secrets.h"
#include "core/events/eventparser.h"
#include "core/relay/relayprotocol.h"
#include "core/relay/relaytransport.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRelayClient, "hookscope.relay.client")

namespace Hookscope {

namespace {

constexpr int SleepTickMs = 5'000;
constexpr qint64 SleepGapMs = 15'000;
const QString PositionsFile = u"relay-positions.json"_s;

} // namespace

RelayClient::RelayClient(EventStore *store, QObject *parent) : QObject(parent), m_store(store)
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
    if (QNetworkInformation::instance()
        || QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online
                        && m_state == State::Reconnecting)
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
    if (!isHttpUrl(channelUrl)) {
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
    m_persisted = 0;
    m_inFlight = 0;
    loadPosition();
    reconcileWithStore();
    m_submitted = m_position;
    m_lastEventId = m_position > 0 ? QString::number(m_position) : QString();
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
    return int(std::ceil(qMax<qint64>(0, m_reconnectAt - QDateTime::currentMSecsSinceEpoch())
                         / 1000.0));
}

QString RelayClient::statusText() const
{
    const QString transport = m_transport == Transport::WebSocket ? u"WebSocket"_s
            : m_transport == Transport::Sse                       ? u"SSE"_s
                                                                  : QString();
    switch (m_state) {
    case State::Idle:
        return tr("relay: not connected");
    case State::Connecting:
        return tr("relay: connecting to %1…").arg(displayUrl());
    case State::Connected:
        return tr("relay: connected to %1 (%2)").arg(displayUrl(), transport);
    case State::Reconnecting:
        return tr("relay: reconnecting in %1 s — %2").arg(reconnectInSeconds()).arg(m_error);
    case State::Error:
        return tr("relay: error — %1").arg(m_error);
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
    return channelUrl
            .adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo
                      | QUrl::StripTrailingSlash)
            .toString(QUrl::FullyEncoded);
}

QUrl RelayClient::ingestUrlFor(const QUrl &readUrl)
{
    QUrl url = readUrl;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"token"_s);
    url.setQuery(query.isEmpty() ? QString() : query.toString(QUrl::FullyEncoded),
                 QUrl::StrictMode);
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
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
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
    // A client that has read nothing yet asks for everything buffered (Last-Event-ID 0), not
    // for what follows the channel's shared cursor: another reader may have moved it.
    const QString lastId = m_position > 0 ? QString::number(m_position)
            : m_lastEventId.isEmpty()     ? u"0"_s
                                          : m_lastEventId;
    attach(new SseTransport(m_network.get(), m_url, channelId(), lastId, this));
}

void RelayClient::openWebSocket()
{
    attach(new WsTransport(m_url, baseUrl(), channelId(), m_position, this));
}

void RelayClient::attach(RelayTransport *transport)
{
    m_connection = transport;
    connect(transport, &RelayTransport::alive, this, &RelayClient::markAlive);
    connect(transport, &RelayTransport::ready, this, &RelayClient::onReady);
    connect(transport, &RelayTransport::delivery, this, &RelayClient::deliver);
    connect(transport, &RelayTransport::droppedAnnounced, this, [this](qint64 count) {
        Q_EMIT notice(
                tr("The relay dropped %n event(s) of this channel before they could be delivered "
                   "(its buffer was full)",
                   nullptr, int(count)));
    });
    connect(transport, &RelayTransport::undecodable, this, [this](const QString &error) {
        Q_EMIT notice(tr("A relay delivery could not be read (%1); it was skipped").arg(error));
    });
    connect(transport, &RelayTransport::failed, this, [this](const QString &reason, bool final) {
        if (final)
            fatal(reason);
        else
            failure(reason);
    });
    transport->open();
}

void RelayClient::onReady(qint64 dropped, qint64 evictedUpTo)
{
    if (dropped >= 0) { // the relay keeps count (hookscope-relay)
        if (m_droppedByRelay >= 0 && dropped > m_droppedByRelay)
            Q_EMIT notice(tr(
                    "The relay dropped %n event(s) of this channel before they could be delivered "
                    "(its buffer was full)",
                    nullptr, int(dropped - m_droppedByRelay)));
        else if (m_droppedByRelay < 0 && evictedUpTo > m_position && m_position > 0)
            Q_EMIT notice(tr(
                    "Some events of this channel were dropped by the relay (its buffer was full) "
                    "before this client could receive them"));
        m_droppedByRelay = dropped;
    }
    onConnectionReady();
    sendAck();
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
    if (RelayTransport *connection = m_connection) {
        // May run inside one of the connection's own signals: close it now, delete it later.
        m_connection = nullptr;
        if (auto *sse = qobject_cast<SseTransport *>(connection))
            m_lastEventId = sse->lastEventId();
        connection->close();
        connection->disconnect(this);
        connection->deleteLater();
    }
}

void RelayClient::failure(const QString &reason)
{
    if (m_state == State::Idle || m_state == State::Error)
        return;
    teardown();
    m_error = reason;
    ++m_attempts;
    const double base =
            qMin<double>(m_options.maxBackoffMs,
                         m_options.initialBackoffMs * std::pow(2.0, qMin(m_attempts - 1, 30)));
    const double factor =
            1.0 + m_options.jitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    const int delay = qMax(1, int(base * factor));
    m_reconnectAt = QDateTime::currentMSecsSinceEpoch() + delay;
    m_reconnectTimer.start(delay);
    qCInfo(lcRelayClient).noquote()
            << "connection lost:" << reason << "- reconnecting in" << delay << "ms";
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
    failure(tr("no data from the relay for %1 s: the connection is dead")
                    .arg(m_options.watchdogMs / 1000.0, 0, 'f',
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
        event.headers.append({ QByteArray(RelayIdHeader), QByteArray::number(e.id) });
    event.body = std::move(e.body);
    EventParser::parse(event.body, event.contentType.toLatin1()).applyTo(event);

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
    if (m_connection)
        m_connection->acknowledge(m_position);
}

void RelayClient::loadPosition()
{
    if (m_options.dataDir.isEmpty())
        return;
    QFile file(QDir(m_options.dataDir).filePath(PositionsFile));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject entry =
            QJsonDocument::fromJson(file.readAll()).object().value(channelKey(m_url)).toObject();
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
    if (qint64(old.value(u"relay_id"_s).toDouble()) == m_position
        && qint64(old.value(u"store_id"_s).toDouble()) == m_storeId)
        return;
    all.insert(key,
               QJsonObject{ { u"relay_id"_s, m_position },
                            { u"store_id"_s, m_storeId },
                            { u"updated"_s,
                              QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } });
    QDir().mkpath(m_options.dataDir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(all).toJson()) < 0
        || !file.commit())
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
    m_store->forEachEvent(
            [&](const Event &event) {
                if (event.summary.source != EventSource::Relay
                    || event.path.section(u'/', -1, -1, QString::SectionSkipEmpty) != channel)
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
            },
            m_storeId);
    if (m_position != before) {
        qCInfo(lcRelayClient).noquote()
                << "position recovered from the store:" << before << "->" << m_position;
        persistPosition();
    }
}

void RelayClient::createChannel(QNetworkAccessManager *network, const QUrl &serverBase,
                                QObject *context, ChannelCallback done)
{
    QUrl url = serverBase.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery
                                   | QUrl::RemoveFragment);
    url.setPath(url.path() + u"/new"_s);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30'000);
    QNetworkReply *reply = network->head(request);
    QObject::connect(
            reply, &QNetworkReply::finished, context, [reply, url, done = std::move(done)] {
                reply->deleteLater();
                const int status =
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray location = reply->rawHeader("Location");
                if (status >= 300 && status < 400 && !location.isEmpty()) {
                    const QUrl read = url.resolved(QUrl::fromEncoded(location));
                    done({ read, ingestUrlFor(read) }, QString());
                    return;
                }
                if (status == 0)
                    done({}, tr("Cannot reach %1: %2").arg(url.toString(), reply->errorString()));
                else
                    done({},
                         tr("%1 answered HTTP %2 without a channel (Location)")
                                 .arg(url.toString())
                                 .arg(status));
            });
}

} // namespace Hookscope
