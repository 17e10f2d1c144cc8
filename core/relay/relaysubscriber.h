// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "core/relay/relayserver.h"
#include "core/relay/relaystore.h"

Q_DECLARE_LOGGING_CATEGORY(lcRelay)

namespace Hookscope {

// What the relay's subscriber streams (SseSubscriber, WsSubscriber) share.
namespace RelayStreams {
inline constexpr qint64 HighWaterBytes = 1024 * 1024; // stop pulling from the store above this
inline constexpr int PageEvents = 64;
inline constexpr qsizetype WsWindow = 1000; // unacknowledged events in flight

inline QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The channel part of a log line: enough to tell channels apart, not enough to post to one.
inline QString shortId(const QString &channel)
{
    return channel.left(6);
}

inline QByteArray version()
{
    return QByteArrayLiteral(HOOKSCOPE_VERSION);
}
} // namespace RelayStreams

// One reader of a channel. Subscribers pull from the store (never from memory), so a live
// delivery, a replay after Last-Event-ID and a backlog after a quiet period are one path,
// and a slow reader holds at most HighWaterBytes of this process's memory.
class RelaySubscriber : public QObject
{
public:
    RelaySubscriber(RelayServer *server, const QString &channel, qint64 position, QObject *parent)
        : QObject(parent), m_server(server), m_channel(channel), m_position(position)
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

    // The first step of closing a stream, once: false when it is already closing. With a
    // `reason` (a read error) it is logged, naming the transport.
    bool beginClose(const char *transport, const QString &reason = QString())
    {
        if (m_closing)
            return false;
        m_closing = true;
        m_ping.stop();
        if (!reason.isEmpty())
            qCWarning(lcRelay).noquote()
                    << "subscriber stream ended by an error"
                    << QStringLiteral("channel=%1 transport=%2 after=%3 error=\"%4\"")
                               .arg(RelayStreams::shortId(m_channel), QLatin1StringView(transport))
                               .arg(m_position)
                               .arg(reason);
        return true;
    }

    QPointer<RelayServer> m_server;
    QString m_channel;
    qint64 m_position;
    QTimer m_ping;
    bool m_closing = false;
};

} // namespace Hookscope
