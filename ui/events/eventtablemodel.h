// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QAbstractTableModel>
#include <QCache>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

#include "core/events/compactrows.h"
#include "core/events/event.h"
#include "core/store/eventstore.h"

class QSettings;

namespace Hookscope {

// The event table's source model: one row per stored event, in id (arrival) order, kept in
// CompactRows (integers, interned values, UTF-8 texts: about a third of an EventSummary per
// row); an EventSummary is built only when one is asked for (summaryAt()), and the proxy's
// sorting and filtering read single fields through idAt(), typeAt() and the like.
//
// The stored rows load in chunks, newest first: setStore() reads the newest
// FirstLoadRows at once (the first screen: the table follows the newest events), and the
// older ones are put in front a chunk at a time from a zero timer, each chunk sized to take
// about LoadChunkBudgetMs on the GUI thread; loadProgress() reports each step.
//
// It follows the store: committed events arrive through EventStore::eventsAdded and are
// inserted in batches at most every frame, so a burst of thousands of deliveries costs a
// handful of beginInsertRows() calls rather than one per event.
//
// Payload columns (the inspector's "Add as column") follow the fixed ones: each shows what a
// JSON path resolves to in the event's body, by the filter's rules (EventPayload::value).
// Bodies are not kept in memory: a body is read from the store (EventStore::payload) only
// when a cell of its row is asked for, every payload column of that row is resolved at once,
// and the values go to an LRU cache (QCache, keyed by id and column, bounded in bytes), so a
// visible row costs one read and scrolling a million rows reads only what is shown.
// Sorting sorts every row: below payloadSortLimit() rows that reads each body once (the
// values stay cached); above it a payload column's sort key is the id (arrival order), no
// body is read, and the header's tooltip says so (isSortable() is false).
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)

public:
    enum Column {
        TimeColumn,
        TypeColumn,
        TeamColumn,
        SummaryColumn,
        EntityColumn,
        SizeColumn,
        SourceColumn,
        StatusColumn,
        ActorColumn,
        EventIdColumn,
        OccurredColumn,
        IdColumn,
        MarkColumn, // ★ pinned, ✎ has a note
        LagColumn, // delivery lag: received − occurred (last, so saved header states still fit)
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, // raw value for sorting (numbers stay numbers)
        IdRole, // store id (qint64)
        CategoryRole, // ticket, comment, account, user, organization, custom-object, app, request,
                      // unknown, invalid
        PinnedRole, // bool
        NoteRole, // QString
        LagRole, // qint64 ms received − occurred; invalid when the event has no occurred time
    };

    // Rows up to which payload columns sort by their values.
    static constexpr int DefaultPayloadSortLimit = 50'000;
    // The payload cache's budget (approximate bytes of the values it holds).
    static constexpr qsizetype PayloadCacheBytes = 32 * 1024 * 1024;
    // Longer values are shortened (with "…") in cells and sort keys.
    static constexpr qsizetype PayloadCellMaxChars = 500;

    // Rows read at once by setStore(); the rest follow in chunks.
    static constexpr int DefaultFirstLoadRows = 20'000;
    // What one chunk of the background load may take on the GUI thread.
    // (The repaint that follows a chunk comes on top: together they stay within a 16 ms frame.)
    static constexpr int LoadChunkBudgetMs = 8;

    explicit EventTableModel(QObject *parent = nullptr);

    // Loads the stored summaries (the newest at once, the rest in chunks) and follows the
    // store from then on.
    void setStore(EventStore *store);
    // True while older rows are still being loaded.
    bool isLoading() const;
    // Loads every row still to load now (tests, measurements, shutdown).
    void finishLoading();
    // The rows setStore() reads at once, and the first chunk size of the rest (tests: small
    // values show the chunked load with a handful of events); the chunks then keep that size
    // instead of adapting to LoadChunkBudgetMs. Before setStore().
    void setLoadChunkRows(int firstRows, int chunkRows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Appends a column showing `jsonPath` ("payload.ticket.priorityName") and returns it; a
    // path already shown is not added again (its column is returned). -1 for an empty path.
    int addPayloadColumn(const QString &jsonPath);
    // Removes a payload column (a model column >= ColumnCount); false for any other column.
    bool removePayloadColumn(int column);
    // The paths of the payload columns, in column order (column ColumnCount + i).
    QStringList payloadColumns() const;
    // Replaces every payload column (duplicates and empty paths skipped).
    void setPayloadColumns(const QStringList &jsonPaths);
    int payloadColumn(const QString &jsonPath) const; // its column, -1 when not shown
    bool isPayloadColumn(int column) const;
    // Whether sorting by a column sorts by its values: false for payload columns while the
    // table has more than payloadSortLimit() rows (they then keep arrival order).
    bool isSortable(int column) const;
    int payloadSortLimit() const;
    void setPayloadSortLimit(int rows);
    // A payload column's header: the path's last two segments ("ticket.priorityName").
    static QString payloadColumnTitle(const QString &jsonPath);
    // The payload columns in the settings of the table ("table/payloadColumns"). Restore
    // them before the header's state, so the saved state has its sections.
    void savePayloadColumns(QSettings &settings) const;
    void restorePayloadColumns(QSettings &settings);
    // Bodies read from the store for payload columns so far (tests, measurements).
    qint64 payloadLoads() const;
    // Payload values held in the cache now.
    qsizetype cachedPayloadValues() const;

    // The whole row, built now (the strings are decoded on each call): for one row at a time.
    EventSummary summaryAt(int row) const;
    // The same into `out`, reusing its buffers: for loops over many rows.
    void summaryInto(int row, EventSummary &out) const;
    // Single fields without building the row.
    qint64 idAt(int row) const { return m_rows.id(row); }
    qint64 receivedAtAt(int row) const { return m_rows.receivedAt(row); }
    qint64 occurredAtAt(int row) const { return m_rows.occurredAt(row); }
    const QString &typeAt(int row) const { return m_rows.type(row); }
    const QString &statusAt(int row) const { return m_rows.status(row); }
    // numericSortKey() of a row, from its integer fields alone.
    std::optional<qint64> numericSortKeyAt(int row, int column) const;
    // The rows themselves, for a filter job on another thread: read them under their lock()
    // (this model holds it for writing around each change), by key (CompactRows::keyOf()).
    std::shared_ptr<const CompactRows> rows() const { return m_sharedRows; }
    // Heap bytes of the rows (CompactRows::memoryBytes()).
    qsizetype rowMemoryBytes() const;
    int rowForId(qint64 id) const; // -1 when not loaded
    // Inserts what is queued now instead of at the next frame (tests, shutdown).
    void flushPending();

    static QString category(const EventSummary &summary); // EventKind::of()
    // The sort key of the numeric columns (time and id: arrival order; occurred; size), shared
    // by data(SortRole) and the proxy's direct comparison; nullopt for the other columns.
    static std::optional<qint64> numericSortKey(const EventSummary &summary, int column);
    static QColor categoryColor(const QString &category);
    static QString formatSize(qint64 bytes);
    // received − occurred in ms; nullopt when the body carries no occurred time.
    static std::optional<qint64> lagMs(const EventSummary &summary);
    // "850 ms", "2.4 s", "3 min", "5.2 h", "3 d"; negative (clock skew) with a minus sign.
    static QString formatLag(qint64 ms);
    // The Time column's text: "14:03:22" on `now`'s day, "Dec 4 14:03:22" on another day of
    // its year, "Dec 4 2025 14:03:22" in another year (local time).
    static QString formatTime(qint64 msecsSinceEpoch, const QDateTime &now);
    // The full ISO 8601 timestamp with milliseconds and offset, in local time.
    static QString isoTime(qint64 msecsSinceEpoch);
    // A note's tooltip: at most a few lines, long lines shortened, "…" where cut.
    static QString elidedNote(const QString &note);
    // The title of the note editor of a row: "Note — ticket:created at 14:03:22".
    QString noteTitle(int row) const;

Q_SIGNALS:
    // After each batch insert: how many rows were added.
    void rowsAppended(int count);
    // While loading: rows loaded so far and how many the store held when the load began
    // (the newest first, then each older chunk); loaded == total once, at the end.
    void loadProgress(qint64 loaded, qint64 total);

private:
    void onEventsAdded(const QList<Hookscope::EventSummary> &events);
    void onEventsRemoved(qint64 upToId);
    void onAnnotationChanged(qint64 id);
    void reload();
    // Puts the next older chunk in front of the rows; false when nothing is left.
    bool loadOlderChunk();
    void stopLoading();
    std::optional<qint64> lagAt(int row) const;
    QString categoryAt(int row) const;

    struct PayloadCell
    {
        QString text; // as shown
        QVariant sortKey; // double for numbers, QString for text; invalid when missing/null
    };
    struct PayloadColumnInfo
    {
        QString path;
        quint32 key; // stable while the column exists (cache keys survive removals before it)
    };
    using PayloadKey = std::pair<qint64, quint32>; // event id, column key
    // The value of a payload column for a row: from the cache, or read and resolved now.
    PayloadCell payloadCell(qint64 id, int column) const;
    void insertPayloadColumns(const QStringList &paths);
    // Emits headerDataChanged() for the payload columns when sortability changed.
    void updatePayloadSortable();

    QList<PayloadColumnInfo> m_payloadColumns;
    quint32 m_nextPayloadKey = 1;
    int m_payloadSortLimit = DefaultPayloadSortLimit;
    bool m_payloadSortable = true;
    mutable QCache<PayloadKey, PayloadCell> m_payloadCache{ PayloadCacheBytes };
    mutable qint64 m_payloadLoads = 0;

    QPointer<EventStore> m_store;
    // Shared with filter jobs, which read them on their thread under the rows' lock: every
    // change here holds it for writing.
    const std::shared_ptr<CompactRows> m_sharedRows;
    CompactRows &m_rows;
    std::vector<EventSummary> m_pending; // arrived, inserted at the next frame
    // The background load: rows with m_loadAfter < id < m_loadBefore are still to read.
    QTimer m_loadTimer;
    qint64 m_loadBefore = 0;
    qint64 m_loadAfter = 0; // raised by retention while loading
    qint64 m_loadTotal = 0;
    qint64 m_loaded = 0;
    int m_firstLoadRows = DefaultFirstLoadRows;
    int m_chunkRows = 8'000; // adapted to LoadChunkBudgetMs as chunks are read
    bool m_adaptChunks = true; // false once setLoadChunkRows() fixed the sizes
    QHash<qint64, EventStore::Annotation> m_annotations; // only the few annotated events
    QTimer m_insertTimer;
};

} // namespace Hookscope
