// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpSocket>

#include "core/relay/relayprotocol.h"
#include "core/relay/relaysubscriber.h"

namespace Hookscope {

// An SSE stream written straight to the connection (chunked, so proxies see a proper
// HTTP/1.1 response). Lives as a child of its socket: it goes when the connection goes.
class SseSubscriber final : public RelaySubscriber
{
public:
    SseSubscriber(RelayServer *server, QTcpSocket *socket, const QString &channel, qint64 position,
                  bool rawBody)
        : RelaySubscriber(server, channel, position, socket), m_socket(socket), m_rawBody(rawBody)
    {
        connect(&m_ping, &QTimer::timeout, this, &SseSubscriber::onPing);
        connect(socket, &QIODevice::bytesWritten, this, [this] {
            if (m_backlog)
                pump();
        });
    }

    void begin(const RelayStore::ChannelStats &stats, bool explicitPosition)
    {
        m_socket->write("HTTP/1.1 200 OK\r\n"
                        "Content-Type: text/event-stream; charset=utf-8\r\n"
                        "Cache-Control: no-cache\r\n"
                        "Transfer-Encoding: chunked\r\n"
                        "X-Accel-Buffering: no\r\n"
                        "X-Hookscope-Relay: "
                        + RelayStreams::version() + "\r\n\r\n");
        QByteArray first = "event: ready\ndata: {}\n\n";
        // A reader that names its position learns when some of what followed was evicted.
        if (explicitPosition && stats.evictedUpTo > m_position)
            first += "event: dropped\ndata: "
                    + RelayStreams::json({ { QStringLiteral("after"), m_position },
                                           { QStringLiteral("evicted_up_to"), stats.evictedUpTo },
                                           { QStringLiteral("dropped"), stats.dropped } })
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
        while (m_socket->bytesToWrite() < RelayStreams::HighWaterBytes) {
            QString error;
            const QList<RelayEvent> events =
                    s->eventsAfter(m_channel, m_position, RelayStreams::PageEvents,
                                   RelayStore::DefaultPageBytes, &error);
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
        if (!beginClose("sse", reason))
            return;
        if (m_socket->state() == QAbstractSocket::ConnectedState) {
            writeChunk(QByteArray("event: error\ndata: "
                                  + RelayStreams::json({ { QStringLiteral("status"), 503 },
                                                         { QStringLiteral("after"), m_position },
                                                         { QStringLiteral("error"), reason } })
                                  + "\n\n"));
            m_socket->write("0\r\n\r\n");
            m_socket->disconnectFromHost();
        }
    }

    void closeForShutdown() override
    {
        if (!beginClose("sse"))
            return;
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
};

} // namespace Hookscope
