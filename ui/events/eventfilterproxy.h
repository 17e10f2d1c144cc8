// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractProxyModel>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

#include "core/filter/filterexpression.h"
#include "core/filter/rowmatcher.h"

namespace Hookscope {

class EventStore;
class EventTableModel;
class FilterJobs;
struct FilterAnswer;

// The event table's view of EventTableModel: the rows the filter accepts, in the sort order,
// as a vector of row keys (CompactRows::keyOf(): a row keeps its key while older rows load in
// front of it and retention removes rows before it). Nothing here scans a million rows on
// the GUI thread:
//   - clearing the filter, and a summary filter over at most SyncRows rows, is decided at
//     once (RowMatcher: a filter that reads one interned field such as ticket:* once per
//     distinct value);
//   - any other filter, and every filter that needs bodies (bare words, payload paths), is
//     decided by a filter job (core/filter/FilterJobs) on a thread of its own: body facts
//     from the store's full-text and field indexes or a scan of the bodies, then the rows
//     read under their lock a slice at a time. Each setFilter() cancels the job before it.
//     Until the answer arrives the table keeps showing the previous result and
//     isFiltering() is true.
// Rows that arrive meanwhile, or load in front, are decided here one by one when they come
// (a body filter reads a new row's body once), so none is lost or counted twice.
//
// Sorting: by time or # (arrival order: the key order, reversed for descending) costs one
// pass; by type, team, source or status a counting sort over the distinct values; by any
// other column a stable sort of the column's sort keys. Ties keep arrival order.
class EventFilterProxy final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFilterProxy)

public:
    // Summary filters are decided here, at once, up to this many rows; above it by a job.
    static constexpr qsizetype SyncRows = 20'000;

    explicit EventFilterProxy(QObject *parent = nullptr);
    ~EventFilterProxy() override;

    // The store the jobs read bodies and indexes from (their own read-only connection), and
    // new rows' bodies are read from.
    void setStore(EventStore *store);
    // An EventTableModel (anything else is refused).
    void setSourceModel(QAbstractItemModel *model) override;

    // Applies a filter: decided at once when that is cheap (filterFinished() before this
    // returns), else by a job. filterFinished() follows every call whose result gets shown;
    // a call overtaken by a newer one never finishes.
    void setFilter(const FilterExpression &filter);
    // The filter whose result is shown (the previous one while filtering).
    const FilterExpression &filter() const;
    // The filter of the last setFilter() call.
    const FilterExpression &requestedFilter() const;
    // True from a job's setFilter() until its result is shown.
    bool isFiltering() const;

    // Whether bare words may be answered by the store's full-text index and payload paths by
    // its field index (default true). Off, bodies are scanned: for tests and measurements.
    void setFullTextIndexEnabled(bool enabled);

    // The SyncRows bound (tests: 0 sends every filter but the empty one to a job).
    void setSyncRows(qsizetype rows) { m_syncRows = rows; }

    // -1: arrival order (as the model has it).
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // Jobs started so far (tests: which filters went to a job).
    int jobsStarted() const { return m_jobsStarted; }
    // The jobs runner (tests: counts of completed and cancelled jobs).
    const FilterJobs *jobs() const { return m_jobs; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void filteringChanged(bool filtering);
    void filterFinished();
    // While a job reads the stored bodies (a field filter before its index is filled, words
    // the full-text index does not hold yet): how far it is, 0–99.
    void filterProgress(int percent);

private:
    EventTableModel *eventModel() const;
    // The rows' keys the current matcher accepts among the model's rows [first, last], in
    // key order; rows only a body can decide are read from the store.
    std::vector<qint64> decide(int first, int last);
    bool bodyVerdict(qint64 key);
    void startJob();
    void onJobFinished(const std::shared_ptr<const FilterAnswer> &answer);
    void showKeys(std::vector<qint64> keys); // a reset: the new rows in the sort order
    void setFiltering(bool filtering);

    // Sorting.
    enum class SortKind { Arrival, Interned, Numeric, Variant };
    SortKind sortKind() const;
    void sortKeys(std::vector<qint64> &keys) const;
    // Where a new key goes in m_keys under the current sort.
    size_t insertPosition(qint64 key) const;
    bool sortLess(qint64 a, qint64 b) const;
    void refreshRanks() const;
    // Replaces m_keys by `keys` (same rows or a subset, any order) as a layout change,
    // keeping persistent indexes on their rows.
    void relayout(std::vector<qint64> keys);

    // Source signals.
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onModelAboutToBeReset();
    void onModelReset();
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);
    void onHeaderDataChanged(Qt::Orientation orientation, int first, int last);

    int proxyRowOfKey(qint64 key) const; // -1 when not shown

    QPointer<EventStore> m_store;
    QString m_dataDir;
    bool m_useIndex = true;
    qsizetype m_syncRows = SyncRows;
    QList<QMetaObject::Connection> m_sourceConnections;

    FilterExpression m_filter; // shown
    FilterExpression m_requested; // last asked for
    RowMatcher m_matcher; // for m_filter, with its body facts
    bool m_filtering = false;
    quint64 m_jobGeneration = 0; // of the job whose answer is wanted; 0 none
    FilterJobs *m_jobs = nullptr;
    int m_jobsStarted = 0;

    std::vector<qint64> m_keys; // the shown rows' keys, in display order
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    // For a sort by an interned column: the rank of each intern index (sorted values).
    mutable std::vector<quint32> m_ranks;
    // The inverse of m_keys for sorts other than arrival: key -> proxy row, built on demand.
    mutable std::vector<int> m_rowOfKey;
    mutable qint64 m_rowOfKeyBase = 0;
    mutable bool m_rowOfKeyValid = false;
};

} // namespace Hookscope
