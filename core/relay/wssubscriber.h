// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QWebSocket>

#include <deque>

#include "core/relay/relayprotocol.h"
#include "core/relay/relaysubscriber.h"

namespace Hookscope {

// Our own clients: at-least-once with acknowledgements. Unacknowledged events are sent
// again to the next connection (it starts after the channel's cursor, or after `after`).
class WsSubscriber final : public RelaySubscriber
{
public:
    WsSubscriber(RelayServer *server, QWebSocket *socket, const QString &channel, qint64 position,
                 int idleTimeoutMs)
        : RelaySubscriber(server, channel, position, server),
          m_socket(socket),
          m_idleTimeoutMs(idleTimeoutMs)
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
        send(RelayStreams::json({ { QStringLiteral("type"), QStringLiteral("ready") },
                                  { QStringLiteral("after"), m_position },
                                  { QStringLiteral("evicted_up_to"), stats.evictedUpTo },
                                  { QStringLiteral("dropped"), stats.dropped } }));
        pump();
    }

    void pump() override
    {
        RelayStore *s = store();
        if (!s || m_closing || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_backlog = false;
        while (m_socket->bytesToWrite() < RelayStreams::HighWaterBytes
               && qsizetype(m_unacked.size()) < RelayStreams::WsWindow) {
            QString error;
            const QList<RelayEvent> events = s->eventsAfter(
                    m_channel, m_position,
                    int(qMin<qsizetype>(RelayStreams::PageEvents,
                                        RelayStreams::WsWindow - qsizetype(m_unacked.size()))),
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
        if (!beginClose("ws", reason))
            return;
        send(RelayStreams::json({ { QStringLiteral("type"), QStringLiteral("error") },
                                  { QStringLiteral("status"), 503 },
                                  { QStringLiteral("error"), reason } }));
        m_socket->close(QWebSocketProtocol::CloseCodeBadOperation,
                        QStringLiteral("relay database error"));
    }

    void closeForShutdown() override
    {
        if (!beginClose("ws"))
            return;
        m_socket->close(QWebSocketProtocol::CloseCodeGoingAway,
                        QStringLiteral("relay shutting down"));
    }

    qint64 pendingBytes() const override { return m_socket->bytesToWrite(); }

private:
    void send(const QByteArray &message) { m_socket->sendTextMessage(QString::fromUtf8(message)); }

    void onMessage(const QString &text)
    {
        m_activity.start();
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        if (!o.contains(QStringLiteral("ack")))
            return;
        const qint64 ack = qint64(o.value(QStringLiteral("ack")).toDouble());
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
            qCInfo(lcRelay).noquote()
                    << "subscriber idle, closing"
                    << QStringLiteral("channel=%1").arg(RelayStreams::shortId(m_channel));
            m_socket->abort();
            return;
        }
        send(RelayStreams::json(
                { { QStringLiteral("type"), QStringLiteral("ping") },
                  { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() } }));
        m_socket->ping();
        if (RelayStore *s = store())
            s->touch(m_channel);
    }

    QWebSocket *m_socket;
    int m_idleTimeoutMs;
    QElapsedTimer m_activity;
    std::deque<qint64> m_unacked;
    bool m_backlog = false;
};

} // namespace Hookscope
