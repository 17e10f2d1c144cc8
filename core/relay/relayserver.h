// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include "core/http/httpserver.h"
#include "core/receiver/ratelimiter.h"
#include "core/relay/relaystore.h"

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace Hookscope {

class RelaySubscriber;

struct RelayServerConfig
{
    static constexpr quint16 DefaultPort = 8788;

    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = DefaultPort; // 0 picks a free port
    // The base URL the world uses (behind a TLS proxy: https://relay.example.com). Empty:
    // http://<address>:<port>.
    QUrl publicUrl;
    QString dataDir;
    // Body size (413), header size (431), HTTP connection cap (503), idle timeout. Streams
    // (SSE and WebSocket subscribers) leave the HTTP connections once they start and are
    // bounded by the subscriber limits below, so readers can never take the slots that
    // deliveries need.
    Http::ServerLimits limits;
    RelayStore::Limits buffer;
    int pingIntervalMs = 30'000;
    // Per-channel ingest rate (429 beyond it): a token bucket.
    double ratePerSecond = 50;
    int rateBurst = 200;
    int maxSubscribersPerChannel = 8;
    // Open subscriber streams from one client address, and in all.
    int maxSubscribersPerClient = 32;
    int maxSubscribers = 1024;
    // Channel creation: per client address, and for the whole relay.
    double newChannelsPerClientPerSecond = 0.5;
    int newChannelClientBurst = 10;
    double newChannelsPerSecond = 2;
    int newChannelBurst = 20;
    // With it, GET /healthz shows counts to "Authorization: Bearer <adminToken>" only.
    QString adminToken;
    // Channels without posts or subscribers for this long are removed.
    qint64 channelTtlMs = 30LL * 24 * 3600 * 1000;
    // How long a graceful shutdown waits for answers and closes to be written.
    int shutdownGraceMs = 5'000;
};

// hookscope-relay: a smee-compatible tunnel relay that keeps what it is given.
//
//   HEAD|GET /new         307, Location: <public-url>/<channel>?token=<token>
//   POST|PUT|PATCH /<ch>  ingest, open to anyone (Thena cannot add headers); 2xx only once
//                         the delivery is committed to disk; 404 for an unknown channel,
//                         413 too large, 429 over the channel's rate
//   GET /<ch> (Accept: text/event-stream, ?token=)   SSE, smee's format (RelayProtocol),
//                         `id:` = relay event id, replay after Last-Event-ID
//   GET /ws/<ch>?token=…[&after=id]                  WebSocket with acks (RelayProtocol)
//   GET|HEAD /<ch> otherwise   200 {"ok":true}: webhook URL probes
//   GET /healthz          200 {"ok":true,"server":"hookscope-relay","version":…}; counts
//                         (channels, subscribers, bytes, uptime) only with the admin token;
//                         503 {"ok":false,"error":…} while shutting down, when the store
//                         cannot write (full, last commit failed) or once the database was
//                         found damaged (deliveries, new channels and new subscribers get 503
//                         then; open streams end with an error event)
//   507 Insufficient Storage (Retry-After) for a delivery the --max-disk bound cannot take
// A read without the channel's token gets 401. Every response carries X-Hookscope-Relay.
//
// Log lines (category hookscope.relay) are "message key=value ...". Channel ids appear
// shortened (they are the ingest URL); tokens never appear.
class RelayServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayServer)

public:
    explicit RelayServer(QObject *parent = nullptr);
    ~RelayServer() override;

    void setConfig(const RelayServerConfig &config); // takes effect on the next start()
    const RelayServerConfig &config() const;

    bool start();
    // Immediate stop: closes every connection and the store.
    void stop();
    // Graceful: stops accepting, commits and answers what was received, closes the streams,
    // waits (at most shutdownGraceMs) for the bytes to leave, then stops; emits stopped().
    void shutdown();
    bool isListening() const;
    bool isShuttingDown() const;
    quint16 port() const;
    QUrl publicUrl() const;
    QString errorString() const;

    RelayStore *store();
    int subscriberCount(const QString &channel = {}) const;
    qint64 acceptedCount() const;
    qint64 rejectedCount() const;

    // Creates a channel as /new does; returns its read URL (with the token).
    QUrl createChannel();

    static bool isValidChannelId(QStringView id);

Q_SIGNALS:
    void stopped();

private:
    friend class RelaySubscriber;

    using Refusal = Http::Server::Refusal;
    void handle(Http::Request &&request, Http::Reply reply);
    // Deliveries are checked from their head: a refused body is never read.
    Refusal checkHead(const Http::Request &head);
    Refusal checkIngest(const Http::Request &head, const QString &channel);
    void handleNew(const Http::Request &request, Http::Reply &reply);
    void handleIngest(Http::Request &&request, Http::Reply &reply, const QString &channel);
    void handleSubscribe(const Http::Request &request, Http::Reply &reply, const QString &channel);
    void handleHealth(const Http::Request &request, Http::Reply &reply);
    // The checks every new reader passes (SSE and WebSocket alike).
    Refusal checkReader(const QString &channel, const QString &token, const QString &remote);
    Refusal checkUpgrade(const Http::Request &head);
    void onNewWebSocket();
    void onCommitted(const QSet<QString> &channels);
    void onStoreDamaged(const QString &reason);
    QString damagedReason() const;
    void addSubscriber(RelaySubscriber *subscriber, const QString &remote);
    void removeSubscriber(RelaySubscriber *subscriber);
    QList<RelaySubscriber *> allSubscribers() const;
    void expireChannels();
    void finishShutdown();
    // Refuses (503 while shutting down or damaged, 404 for an unknown channel) and returns
    // false, or returns true when `channel` can take a delivery or a reader now.
    Refusal channelOpen(const QString &channel, bool ingest) const;
    // Counts and logs a refusal and returns it (for a reply or an upgrade check).
    Refusal refusal(int status, const QString &reason, const QString &remote,
                    const Http::HeaderList &extraHeaders = {});
    void answer(Http::Reply &reply, const Refusal &refusal);
    Refusal storeRefusal(const QString &error, const QString &remote);

    RelayServerConfig m_config;
    RelayStore m_store;
    Http::Server *m_http = nullptr;
    QWebSocketServer *m_ws = nullptr;
    QHash<QString, QList<QPointer<RelaySubscriber>>> m_subscribers;
    QHash<RelaySubscriber *, QString> m_subscriberClient;
    QHash<QString, int> m_clientStreams;
    RateLimiter m_rates; // per channel
    RateLimiter m_newChannelsPerClient;
    RateLimiter m_newChannels; // one bucket for /new

    QString m_error;
    qint64 m_accepted = 0;
    qint64 m_rejected = 0;
    bool m_shuttingDown = false;
    QElapsedTimer m_uptime;
    QElapsedTimer m_shutdownClock;
    QTimer m_expiryTimer;
    QTimer m_drainTimer;
};

} // namespace Hookscope
