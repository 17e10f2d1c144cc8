// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

#include "core/relay/relayevent.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace Hookscope {

class EventStore;
class RelayTransport;

// Reads a relay channel and stores every delivery in an EventStore (source "relay").
//
// The channel URL is what a relay hands out: smee.io's `https://smee.io/<id>` or
// hookscope-relay's `http(s)://host[:port]/<id>?token=…`. With Transport::Auto the client
// asks `<base>/healthz` who it is talking to: hookscope-relay is read over its WebSocket
// (raw bytes, acknowledgements), anything else over SSE (smee's format, parsed by
// SseParser). Either way:
// - a watchdog declares the connection dead when nothing (not even a ping) arrived for
//   watchdogMs, and the client reconnects with exponential backoff and jitter; the state
//   (Connecting, Connected, Reconnecting with its delay, Error) is always current;
// - deliveries are stored in relay order; the position (last relay event id stored) is
//   kept per channel in <dataDir>/relay-positions.json and acknowledged to the relay only
//   after the store committed and the position is on disk, so a restarted client gets what
//   it missed and nothing twice (a delivery whose id is not above the position is skipped);
// - relay events carry an `X-Hookscope-Relay-Id` header in the store: it is how a restart
//   finds events committed just before a crash that the position file had not caught.
// 401/403/404/410 from the relay are final (Error, no retry): a wrong token or a deleted
// channel does not fix itself.
class RelayClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayClient)

public:
    enum class State { Idle, Connecting, Connected, Reconnecting, Error };
    Q_ENUM(State)
    enum class Transport { Auto, Sse, WebSocket };
    Q_ENUM(Transport)

    struct Options
    {
        Transport transport = Transport::Auto;
        int watchdogMs = 60'000;
        int initialBackoffMs = 1'000;
        int maxBackoffMs = 60'000;
        double jitter = 0.2; // each delay is scaled by a random factor in [1 - jitter, 1 + jitter]
        QString dataDir; // where relay-positions.json lives; empty: positions only in memory
        int detectTimeoutMs = 10'000;
    };

    struct ChannelInfo
    {
        QUrl readUrl; // for subscribers (carries the token on hookscope-relay)
        QUrl ingestUrl; // for Thena (no token)
    };
    using ChannelCallback = std::function<void(const ChannelInfo &channel, const QString &error)>;

    static constexpr char RelayIdHeader[] = "X-Hookscope-Relay-Id";

    explicit RelayClient(EventStore *store, QObject *parent = nullptr);
    ~RelayClient() override;

    void setOptions(const Options &options); // takes effect on the next start()
    const Options &options() const;

    // Starts reading the channel; false (and errorString()) when the URL cannot be one.
    bool start(const QUrl &channelUrl);
    void stop();
    // Skips the wait of a pending reconnect (a "retry now" button, the network came back).
    void reconnectNow();

    State state() const;
    Transport transport() const; // the one in use (Auto until detected)
    QString errorString() const; // why the last connection ended / why Error
    qint64 reconnectAt() const; // ms since epoch of the next attempt while Reconnecting
    int reconnectInSeconds() const;
    QString statusText() const; // one line for a status bar
    QUrl channelUrl() const;
    QString displayUrl() const; // the channel URL with the token masked
    qint64 position() const; // last relay event id stored (0: none / smee without ids)
    qint64 storedCount() const; // deliveries stored since start()
    qint64 duplicateCount() const; // deliveries skipped because they were already stored
    qint64 droppedByRelay() const; // what the relay reported as evicted before delivery

    // HEAD <serverBase>/new and the Location it answers with. `done` runs with the context.
    static void createChannel(QNetworkAccessManager *network, const QUrl &serverBase,
                              QObject *context, ChannelCallback done);
    static QUrl ingestUrlFor(const QUrl &readUrl);
    static QString maskedUrl(const QUrl &url);
    // The key positions are filed under: scheme, host, port and path (no token).
    static QString channelKey(const QUrl &channelUrl);

Q_SIGNALS:
    void stateChanged(Hookscope::RelayClient::State state);
    // Something the user should know that is not a state: the relay's drop counter grew,
    // a delivery could not be decoded, ...
    void notice(const QString &message);

private:
    void setState(State state);
    void connectNow();
    void detect();
    void openSse();
    void openWebSocket();
    void attach(RelayTransport *transport);
    void onReady(qint64 dropped, qint64 evictedUpTo);
    void teardown();
    void failure(const QString &reason);
    void fatal(const QString &reason);
    void markAlive();
    void onWatchdog();
    void onConnectionReady();
    void deliver(RelayEvent event);
    void onCommitted(qint64 relayId, qint64 storeId, const QString &error);
    void persistPosition();
    void loadPosition();
    void reconcileWithStore();
    void sendAck();
    void checkForSleep();
    QUrl baseUrl() const;
    QString channelId() const;

    QPointer<EventStore> m_store;
    Options m_options;
    QUrl m_url;
    State m_state = State::Idle;
    Transport m_transport = Transport::Auto;
    QString m_error;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_detectReply;
    QPointer<RelayTransport> m_connection; // the current connection (SSE or WebSocket)
    QString m_lastEventId; // of the last SSE connection, when no position is stored yet
    QTimer m_watchdog;
    QTimer m_reconnectTimer;
    QTimer m_sleepTicker;
    QElapsedTimer m_sleepMonotonic;
    qint64 m_sleepWall = 0;
    qint64 m_reconnectAt = 0;
    int m_attempts = 0;
    quint64 m_generation =
            0; // bumped on every teardown: late callbacks of old connections are ignored
    qint64 m_position = 0; // committed
    qint64 m_storeId = 0; // store row of the committed position
    qint64 m_submitted = 0; // handed to the store (>= m_position)
    qint64 m_persisted = 0; // position last written to relay-positions.json
    int m_inFlight = 0;
    qint64 m_stored = 0;
    qint64 m_duplicates = 0;
    qint64 m_droppedByRelay = -1;
};

} // namespace Hookscope
