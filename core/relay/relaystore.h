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
// Bytes are storedBytes(): everything kept for an event (headers, body, method, path, query,
// content type, remote address and a fixed per-row overhead), not just its body. A delivery
// larger than a channel's byte bound is refused (isFullError), never stored.
// A channel's cursor is the highest id handed to a subscriber without a position of its
// own (SSE: written to the stream; WebSocket: acknowledged); a subscriber that connects
// without Last-Event-ID or `after` starts there, so what arrived while nobody listened is
// delivered on connect.
//
// The whole buffer is bounded too (Limits::maxTotalBytes, 0: no bound). When a commit would
// go over it, the store evicts events every reader has already received (id <= their
// channel's cursor), oldest first across all channels. An event no reader has received yet
// is never evicted for the global bound: the delivery that does not fit is refused instead
// (completed with id 0 and an error isFullError() recognizes; the server answers 507 with
// Retry-After), and one is accepted again once readers catch up or channels expire. A
// buffer found over the bound at open gives up what readers have received at once.
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
    // 2: events.stored_bytes (what the bounds count); rows of schema 1 have it NULL and are
    // counted from their columns.
    static constexpr int SchemaVersion = 2;
    static constexpr qint64 DefaultPageBytes = 4 * 1024 * 1024;

    struct Limits
    {
        qint64 maxEventsPerChannel = 10'000;
        qint64 maxBytesPerChannel = 256LL * 1024 * 1024; // storedBytes(), see the class comment
        qint64 maxTotalBytes = 1024LL * 1024 * 1024; // all channels together; 0: no bound
    };

    // The fixed part of storedBytes(): the row, its index entry and the page slack.
    static constexpr qint64 RowOverheadBytes = 64;
    // Per header field: the JSON around a name and a value (["…","…"],).
    static constexpr qint64 HeaderFieldOverheadBytes = 8;

    struct ChannelStats
    {
        qint64 createdAt = 0;
        qint64 lastActive = 0;
        qint64 cursor = 0; // see the class comment
        qint64 dropped = 0; // evicted before any subscriber received them
        qint64 evictedUpTo = 0; // highest id removed by the bounds
        qint64 events = 0;
        qint64 bytes = 0; // storedBytes() of the events
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

    // What an event costs in the bounds: the bytes of everything stored for it (header names
    // and values as stored, plus HeaderFieldOverheadBytes each; body; method, path, query,
    // content type and remote address as UTF-8) plus RowOverheadBytes. Every byte count of
    // the store (stats().bytes, totalBytes(), the bounds) is a sum of these.
    static qint64 storedBytes(const RelayEvent &event);
    // All channels' stats().bytes together (committed events only).
    qint64 totalBytes() const;
    // A cheap pre-check before a delivery of `bytes` (storedBytes()) is read or submitted:
    // false when the store is not open or damaged, when `bytes` is over a channel's byte bound,
    // or when the deliveries stored and waiting for a commit plus `bytes` would be over
    // maxTotalBytes even after evicting every event readers have already received. *why then
    // says why; for the bounds it is an error isFullError() recognizes. A true answer is no
    // promise: the commit decides.
    bool hasRoomFor(qint64 bytes, QString *why = nullptr) const;
    // Write health (for /healthz): false when damaged, when the last commit of deliveries
    // failed (until a later one succeeds), or when the store is full: over maxTotalBytes even
    // after what could be evicted, or without room for the last delivery it refused as
    // full. *why says which.
    bool canWrite(QString *why = nullptr) const;
    // A delivery of `bytes` was refused from its head because hasRoomFor() said full:
    // canWrite() reports the store full until such a delivery fits again.
    void noteRefused(qint64 bytes);
    // True for the errors of deliveries refused because they do not fit (the bounds above,
    // or SQLite finding the disk full): "507 Insufficient Storage", worth retrying later.
    static bool isFullError(const QString &error);

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
    // 0). The completion runs after the commit; a delivery that does not fit completes with
    // id 0 and an isFullError() error (see the class comment).
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
        // What the global bound may evict, counted lazily (refreshReceived()): the bytes of
        // the stored events with id <= receivedUpTo, which is <= stats.cursor.
        mutable qint64 receivedUpTo = 0;
        mutable qint64 receivedBytes = 0;
    };
    struct Pending
    {
        RelayEvent event;
        qint64 bytes = 0; // storedBytes(event)
    };
    using Queue = GroupCommitQueue<Pending>;
    static Channel readChannel(const QSqlQuery &q);
    static QString fullError(const QString &message);
    QString tooLargeError(qint64 bytes) const;
    // Empty when `bytes` more fit the global bound beside `used` (evicting what readers have
    // received if need be), else the refusal (a fullError()).
    QString roomProblem(qint64 used, qint64 bytes) const;
    // The same, given what may be evicted (refreshReceived()).
    QString roomProblem(qint64 used, qint64 bytes, qint64 evictable) const;

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
    bool enforceBounds(const QString &channel, Channel &c, qint64 *total);
    // Brings every channel's receivedBytes up to its cursor; returns their sum (what the
    // global bound may evict).
    qint64 refreshReceived() const;
    // Evicts events readers have received, oldest first across channels, until `need` bytes
    // are gone or none is left; works on `changed` (copies of m_channels) and *total.
    bool evictReceived(qint64 need, QHash<QString, Channel> &changed, qint64 *total);
    // At open: a buffer over maxTotalBytes (a smaller --max-disk than last time) gives up
    // what readers have received.
    void enforceTotalAtOpen();
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
    qint64 m_totalBytes = 0; // sum of m_channels' stats.bytes
    qint64 m_pendingBytes = 0; // storedBytes() of what waits in m_queue
    QString m_commitError; // the last commit of deliveries failed: why (until one succeeds)
    qint64 m_lastRefusedBytes = 0; // the last delivery refused for the global bound
    bool m_full = false; // refusing for the global bound (logged once per episode)
    bool m_diskFullNoted = false; // noteError() saw SQLITE_FULL (reset by each commit)
    Queue m_queue;
    QTimer m_persistTimer;
};

} // namespace Hookscope
