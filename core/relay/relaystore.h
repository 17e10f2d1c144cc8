// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

#include "relay/relayevent.h"

namespace Hookscope {

// hookscope-relay's durable buffer: one SQLite file (WAL) holding the channels and, per
// channel, the deliveries not yet pushed out of the bounds. Like EventStore, writes are
// group-committed and a submitter's callback runs only after the commit, so the relay
// answers a sender 2xx only once the delivery is on disk.
//
// Each channel is bounded by event count and bytes; when a commit goes over, the oldest
// events go first, and those that no subscriber had yet received are counted as dropped.
// A channel's cursor is the highest id handed to a subscriber without a position of its
// own (SSE: written to the stream; WebSocket: acknowledged); a subscriber that connects
// without Last-Event-ID or `after` starts there, so what arrived while nobody listened is
// delivered on connect.
class RelayStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayStore)

public:
    static constexpr int SchemaVersion = 1;

    struct Limits
    {
        qint64 maxEventsPerChannel = 10'000;
        qint64 maxBytesPerChannel = 256LL * 1024 * 1024;
    };

    struct ChannelStats
    {
        qint64 createdAt = 0;
        qint64 lastActive = 0;
        qint64 cursor = 0;      // see the class comment
        qint64 dropped = 0;     // evicted before any subscriber received them
        qint64 evictedUpTo = 0; // highest id removed by the bounds
        qint64 events = 0;
        qint64 bytes = 0;
    };

    using Completion = std::function<void(qint64 id, const QString &error)>;

    explicit RelayStore(QObject *parent = nullptr);
    ~RelayStore() override;

    // Opens (creating) <dataDir>/relay.db.
    bool open(const QString &dataDir);
    void close();
    bool isOpen() const;
    QString errorString() const;
    QString databasePath() const;
    static QString databaseFileName();

    void setLimits(const Limits &limits);
    const Limits &limits() const;

    // Channels. Only a hash of each token is stored.
    bool createChannel(const QString &channel, const QString &token);
    bool hasChannel(const QString &channel) const;
    bool checkToken(const QString &channel, QStringView token) const;
    std::optional<ChannelStats> stats(const QString &channel) const;
    qsizetype channelCount() const;
    // Removes channels without any activity since `olderThanMs` (ms since epoch); returns
    // how many went.
    int expireChannels(qint64 olderThanMs);
    void touch(const QString &channel);

    // Queues a delivery for the next group commit (id and timestamp are assigned here when
    // 0). The completion runs after the commit.
    void submit(RelayEvent event, Completion done = {});
    void flush();
    int pendingCount() const;

    // Stored events of a channel with id > afterId in id order, at most maxCount of them
    // and (beyond the first) at most maxBytes of bodies.
    QList<RelayEvent> eventsAfter(const QString &channel, qint64 afterId, int maxCount = 64,
                                  qint64 maxBytes = 4 * 1024 * 1024) const;
    qint64 oldestId(const QString &channel) const;
    void advanceCursor(const QString &channel, qint64 id);

Q_SIGNALS:
    // After each commit, with the channels that got events (subscribers pump from here).
    void committed(const QSet<QString> &channels);
    void storeError(const QString &message);

private:
    struct Channel
    {
        QByteArray tokenHash;
        ChannelStats stats;
        bool dirty = false; // cursor / counters / lastActive not yet written
    };
    struct Pending
    {
        RelayEvent event;
        Completion done;
    };

    bool migrate();
    bool exec(const QString &sql);
    void commitBatch();
    bool enforceBounds(const QString &channel, Channel &c);
    bool writeChannel(const QString &id, const Channel &c);
    void persistDirtyChannels();

    QString m_connectionName;
    QString m_path;
    QString m_error;
    bool m_open = false;
    Limits m_limits;
    QHash<QString, Channel> m_channels;
    std::vector<Pending> m_pending;
    QTimer m_commitTimer;
    QTimer m_persistTimer;
};

} // namespace Hookscope
