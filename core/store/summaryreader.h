// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

#include <functional>

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
// C API, not Qt SQL), the file memory-mapped, rows handed over as byte views without a
// QVariant or QString per column. Opened beside a running writer like any reader; the
// caller has checked the schema (EventStore::openReadOnly) first.
class SummaryReader final
{
public:
    SummaryReader() = default;
    ~SummaryReader();
    SummaryReader(const SummaryReader &) = delete;
    SummaryReader &operator=(const SummaryReader &) = delete;

    // mapFile: memory-map the database (faster for a one-off export; every page touched
    // then counts as resident memory, so a long-lived reader in the app leaves it off).
    bool open(const QString &databasePath, bool mapFile = true);
    bool isOpen() const { return m_db != nullptr; }
    void close();
    QString errorString() const;

    // Rows with id > afterId in id order until visit returns false; false on a read error.
    // Without requestColumns, org … contentType stay empty (and are not read at all).
    bool forEachRow(const std::function<bool(const SummaryRow &)> &visit, qint64 afterId = 0,
                    bool requestColumns = true);
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
