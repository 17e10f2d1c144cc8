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
#include <memory>
#include <optional>
#include <vector>

class QSqlQuery;

#include "core/common/groupcommitqueue.h"
#include "core/relay/relayevent.h"

class QSqlError;

namespace Hookscope {

namespace SqliteFile {
class BackgroundCheck;
}

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
//
// Damage (see SqliteFile): a damaged file found at open is moved aside and a fresh buffer
// started, keeping the channels whose rows can still be read (ids continue above every id
// the old file handed out; what was lost shows to readers as evicted). Damage found later
// (a read or write answers SQLITE_CORRUPT, or the background check of a large file fails)
// marks the store damaged(): it is logged, reported, and the next open moves the file aside.
class RelayStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayStore)

public:
    static constexpr int SchemaVersion = 1;
    static constexpr qint64 DefaultPageBytes = 4 * 1024 * 1024;

    struct Limits
    {
        qint64 maxEventsPerChannel = 10'000;
        qint64 maxBytesPerChannel = 256LL * 1024 * 1024;
    };

    struct ChannelStats
    {
        qint64 createdAt = 0;
        qint64 lastActive = 0;
        qint64 cursor = 0; // see the class comment
        qint64 dropped = 0; // evicted before any subscriber received them
        qint64 evictedUpTo = 0; // highest id removed by the bounds
        qint64 events = 0;
        qint64 bytes = 0;
    };

    using Completion = std::function<void(qint64 id, const QString &error)>;

    explicit RelayStore(QObject *parent = nullptr);
    ~RelayStore() override;

    // Opens (creating) <dataDir>/relay.db. A damaged file is moved aside (recoveryNote()
    // says where, also in the log) and a fresh buffer started; a file from a newer relay,
    // or one that cannot be read at all, is left untouched and open() fails.
    bool open(const QString &dataDir);
    void close();
    bool isOpen() const;
    QString errorString() const;
    QString recoveryNote() const;
    QString databasePath() const;
    // SQLite reported damage while the store was open. Deliveries, new channels and cursor
    // writes are refused from then on; reads are still tried.
    bool isDamaged() const;
    QString damageReason() const;
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
    // and (beyond the first) at most maxBytes of bodies. A read error is logged and put in
    // *error (the events read before it are returned); an empty list without an error
    // means there is nothing after afterId.
    QList<RelayEvent> eventsAfter(const QString &channel, qint64 afterId, int maxCount = 64,
                                  qint64 maxBytes = DefaultPageBytes, QString *error = nullptr);
    qint64 oldestId(const QString &channel);
    void advanceCursor(const QString &channel, qint64 id);

Q_SIGNALS:
    // After each commit, with the channels that got events (subscribers pump from here).
    void committed(const QSet<QString> &channels);
    void storeError(const QString &message);
    // Once, when the store is found damaged while open (see isDamaged()).
    void damaged(const QString &reason);

private:
    struct Channel
    {
        QByteArray tokenHash;
        ChannelStats stats;
        bool dirty = false; // cursor / counters / lastActive not yet written
    };
    using Queue = GroupCommitQueue<RelayEvent>;
    static Channel readChannel(const QSqlQuery &q);

    bool openFile(bool fullCheck, QString *damage);
    void closeConnection();
    // Copies the readable channels of a damaged file moved aside into the fresh one; returns
    // a sentence for the recovery note.
    QString salvageChannels(const QString &asidePath);
    // Logs a failed statement; SQLITE_CORRUPT and the like mark the store damaged.
    void noteError(const QString &what, const QSqlError &error);
    void markDamaged(const QString &reason);
    bool migrate();
    bool exec(const QString &sql);
    void commitBatch(Queue::Batch &batch);
    bool enforceBounds(const QString &channel, Channel &c);
    bool writeChannel(const QString &id, const Channel &c);
    void persistDirtyChannels();

    QString m_connectionName;
    QString m_path;
    QString m_error;
    QString m_recoveryNote;
    QString m_damageReason;
    bool m_open = false;
    bool m_damaged = false;
    bool m_stampOnClose = false;
    std::unique_ptr<SqliteFile::BackgroundCheck> m_backgroundCheck;
    Limits m_limits;
    QHash<QString, Channel> m_channels;
    Queue m_queue;
    QTimer m_persistTimer;
};

} // namespace Hookscope
