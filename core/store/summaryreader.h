// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <functional>
#include <limits>

#include "core/events/event.h"

struct sqlite3;

namespace Hookscope {

class CompactRows;

// One stored event's summary and request line, as the bytes SQLite holds them (UTF-8 text;
// valid only during the callback).
struct SummaryRow
{
    qint64 id = 0;
    qint64 receivedAt = 0;
    qint64 occurredAt = 0;
    qint64 size = 0;
    QByteArrayView type, eventId, team, actor, entity, summary, source, status;
    QByteArrayView org, method, path, query, remoteAddress, contentType;

    // The same as an EventSummary (for filters); allocates, so only when needed.
    EventSummary toSummary() const;
};

// The fast read path for whole-store exports: its own read-only SQLite connection (SQLite's
// C API, not Qt SQL), rows handed over as byte views without a QVariant or QString per column,
// a filter on them run inside the scan (RowTest). Opened beside a running writer like any reader;
// the caller has checked the schema (EventStore::openReadOnly) first.
class SummaryReader final
{
public:
    SummaryReader() = default;
    ~SummaryReader();
    SummaryReader(const SummaryReader &) = delete;
    SummaryReader &operator=(const SummaryReader &) = delete;

    // mapFile: memory-map the database. Off by default: the summary index's pages lie
    // scattered through the file, and at a million events (a 3.3 GB file) mapping them (each
    // fault maps its neighbours too) and unmapping them took longer than reading them, 0.55
    // against 0.45 s for a whole scan; every page touched would also count as resident memory.
    bool open(const QString &databasePath, bool mapFile = false);
    bool isOpen() const { return m_db != nullptr; }
    void close();
    QString errorString() const;

    // The summary fields of a SummaryRow, as flags (a RowTest's `columns`).
    enum Column : quint32 {
        IdColumn = 1U << 0,
        ReceivedAtColumn = 1U << 1,
        OccurredAtColumn = 1U << 2,
        TypeColumn = 1U << 3,
        EventIdColumn = 1U << 4,
        TeamColumn = 1U << 5,
        ActorColumn = 1U << 6,
        EntityColumn = 1U << 7,
        SummaryColumn = 1U << 8,
        SourceColumn = 1U << 9,
        StatusColumn = 1U << 10,
        SizeColumn = 1U << 11,
    };
    // A test SQLite runs on each row inside the scan (a function in the WHERE clause), before
    // the row's other columns are read: a row it refuses costs little more than stepping over
    // it. accept() is handed a row with only `columns` set (every other field empty or 0;
    // valid only during the call). With `cancel` set, the scan stops and fails.
    struct RowTest
    {
        quint32 columns = 0;
        std::function<bool(const SummaryRow &)> accept;
        const std::atomic_bool *cancel = nullptr;
    };

    // Rows with afterId < id <= upToId in id order until visit returns false; false on a read
    // error. Without requestColumns, org … contentType stay empty (and are not read at all).
    // With a test, only the rows it accepts are visited.
    bool forEachRow(const std::function<bool(const SummaryRow &)> &visit, qint64 afterId = 0,
                    bool requestColumns = true, const RowTest *test = nullptr,
                    qint64 upToId = std::numeric_limits<qint64>::max());

    // A read transaction: every read until endRead() sees the store as it was at the first
    // (one snapshot, whatever a writer commits meanwhile). False on an error.
    bool beginRead();
    void endRead();
    // The smallest and largest id stored (0 and 0 for none); false on an error.
    bool idRange(qint64 *first, qint64 *last);
    // PRAGMA data_version: two values read on this connection differ when another connection
    // committed in between (-1 on an error).
    qint64 dataVersion();
    // Appends the summaries with afterId < id < beforeId (beforeId <= 0: no upper bound) to
    // `rows` in id order, straight from SQLite's bytes (no QString per cell); with
    // newest >= 0 only the newest that many of them (a load that goes backwards in chunks).
    // False on a read error (the rows read until then stay appended).
    bool appendSummaries(CompactRows &rows, qint64 afterId, qint64 beforeId, qint64 newest = -1);

private:
    sqlite3 *m_db = nullptr;
    QString m_error;
};

} // namespace Hookscope
