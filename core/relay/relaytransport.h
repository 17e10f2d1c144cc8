// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <memory>

#include "core/relay/relayevent.h"
#include "core/relay/sseparser.h"

class QNetworkAccessManager;
class QNetworkReply;
class QWebSocket;

namespace Hookscope {

// One connection to a relay channel, as RelayClient's state machine sees it: it opens, says
// when it is ready, hands over deliveries and reports how it ended. Two kinds: SseTransport
// (smee.io and any smee-compatible server; also hookscope-relay) and WsTransport
// (hookscope-relay's WebSocket with acknowledgements). A transport is used once: a
// reconnection makes a new one.
class RelayTransport : public QObject
{
    Q_OBJECT

public:
    ~RelayTransport() override;

    virtual void open() = 0;
    // Stops everything now: no signal is emitted after this, also not from inside one of the
    // transport's own signals (a delivery that failed to store may close it).
    void close();
    bool isClosed() const { return m_closed; }
    // Everything up to `position` is stored (WebSocket: acknowledged to the relay).
    virtual void acknowledge(qint64 position) { Q_UNUSED(position); }

Q_SIGNALS:
    void alive(); // bytes arrived: the watchdog may restart
    // The stream is open. `dropped`: the relay's count of deliveries it dropped for this
    // channel, `evictedUpTo`: the highest id it evicted; -1 when the relay does not say.
    void ready(qint64 dropped, qint64 evictedUpTo);
    void delivery(Hookscope::RelayEvent event);
    // The relay announced deliveries it had to drop (SSE `dropped` frame).
    void droppedAnnounced(qint64 count);
    void undecodable(const QString &error); // a delivery that could not be read, skipped
    // The connection ended; `final`: the relay refused the channel (401, 403, 404, 410) and
    // retrying will not help.
    void failed(const QString &reason, bool final);

protected:
    explicit RelayTransport(QObject *parent = nullptr);
    virtual void shutDown() = 0;

private:
    bool m_closed = false;
};

// text/event-stream over QNetworkAccessManager, with Last-Event-ID for the position.
class SseTransport final : public RelayTransport
{
    Q_OBJECT

public:
    // `lastEventId`: where to resume (empty: the relay's choice).
    SseTransport(QNetworkAccessManager *network, const QUrl &channelUrl, const QString &channelId,
                 const QString &lastEventId, QObject *parent = nullptr);
    ~SseTransport() override;

    void open() override;
    // The id of the last frame seen, for the next connection.
    QString lastEventId() const { return m_parser.lastEventId(); }

private:
    void shutDown() override;
    void onMetaData();
    void onData();
    void onFinished();

    QNetworkAccessManager *m_network;
    QUrl m_url;
    QString m_channelId;
    QString m_resumeId;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
};

// hookscope-relay's /ws/<channel>?token=…&after=<position>: at-least-once with acks.
class WsTransport final : public RelayTransport
{
    Q_OBJECT

public:
    WsTransport(const QUrl &channelUrl, const QUrl &baseUrl, const QString &channelId, qint64 after,
                QObject *parent = nullptr);
    ~WsTransport() override;

    void open() override;
    void acknowledge(qint64 position) override;

private:
    void shutDown() override;
    void onMessage(const QString &text);
    void onDisconnected();
    void onError();

    QUrl m_url;
    QString m_channelId;
    std::unique_ptr<QWebSocket> m_socket;
    qint64 m_acked = 0;
};

namespace RelayStatus {
// 401, 403, 404 and 410 from a relay: the channel is refused for good.
bool isFinal(int status);
} // namespace RelayStatus

} // namespace Hookscope
