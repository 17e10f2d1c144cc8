// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>

#include <atomic>
#include <memory>
#include <vector>

#include "core/filter/filterexpression.h"

class QThread;

namespace Hookscope {

class EventStore;
class EventTableModel;

// Filters the event table with the filter language. The rules live in core
// (FilterExpression); this class only decides where the data comes from:
//   - summary-only terms: the row itself, at once;
//   - bare words: the store's full-text index (FTS5), which follows the same word rules
//     as FilterExpression's own body matching (BodyWords);
//   - payload paths (and bare words without an index): a scan of the stored bodies.
// Index queries and scans run on a worker thread over its own read-only connection, for the
// events stored when the filter was set (ids up to a watermark). Until the answer arrives
// the table keeps showing the previous result and isFiltering() is true; a newer filter
// cancels the older one. Rows stored after the watermark are decided one by one when they
// arrive (body loaded once, words matched by BodyWords), so none is lost or counted twice.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFilterProxy)

public:
    explicit EventFilterProxy(QObject *parent = nullptr);
    ~EventFilterProxy() override;

    // The writer: the GUI-thread fallback may catch its full-text index up before asking it.
    void setStore(EventStore *store);

    // Applies a filter: summary-only filters at once, body filters when the worker is done.
    // filterFinished() follows every call whose result gets shown (for summary-only
    // filters before this returns); a call overtaken by a newer one never finishes.
    void setFilter(const FilterExpression &filter);
    // The filter whose result is shown (the previous one while filtering).
    const FilterExpression &filter() const;
    // The filter of the last setFilter() call.
    const FilterExpression &requestedFilter() const;
    // True from a body filter's setFilter() until its result is shown.
    bool isFiltering() const;

    // Whether bare words may be answered by the store's full-text index (default true).
    // Off, they are matched by scanning the bodies: for tests and measurements.
    void setFullTextIndexEnabled(bool enabled);

    struct BodyFacts; // what the worker found out about the stored bodies

Q_SIGNALS:
    void filteringChanged(bool filtering);
    void filterFinished();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // The numeric columns compare the rows' fields directly: sorting a million rows through
    // data() and QVariant cost seconds at start.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    EventTableModel *eventModel() const;
    void apply(const FilterExpression &filter, std::shared_ptr<const BodyFacts> facts);
    void onWorkerDone(quint64 generation, std::shared_ptr<const BodyFacts> facts,
                      const QString &error);
    void setFiltering(bool filtering);
    void startWorker();
    void stopWorker();
    bool liveVerdict(const EventSummary &summary) const;

    QPointer<EventStore> m_store;
    QString m_dataDir;
    bool m_useIndex = true;
    FilterExpression m_filter; // shown
    FilterExpression m_requested; // last asked for
    std::shared_ptr<const BodyFacts> m_facts; // for m_filter; null when it needs no body
    // Verdicts for rows above the facts' watermark (arrived later), by id - watermark - 1:
    // -1 unknown, 0 hidden, 1 shown.
    mutable std::vector<qint8> m_liveVerdicts;
    bool m_filtering = false;

    quint64 m_generation = 0; // of the last setFilter()
    std::atomic<quint64> m_wantedGeneration{ 0 }; // read by the worker: older jobs stop
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives in m_thread
};

} // namespace Hookscope
