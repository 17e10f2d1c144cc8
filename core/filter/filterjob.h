// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "core/filter/filterexpression.h"
#include "core/filter/rowmatcher.h"

class QThread;

namespace Hookscope {

class CompactRows;
class EventStore;

// One filter to decide for the event table, away from the GUI thread.
struct FilterRequest
{
    FilterExpression filter;
    // The store whose bodies and indexes answer the terms the summary cannot (a read-only
    // connection of the job's own); empty when the filter needs no body.
    QString dataDir;
    bool useIndex = true; // full-text and field indexes (off: scan the bodies)
    qint64 upToId = 0; // the body facts cover the events stored up to this id
    // The rows to decide: keys [firstKey, endKey) of `rows`, read under rows->lock() a slice
    // at a time (the owner changes them meanwhile). Null: only the body facts.
    std::shared_ptr<const CompactRows> rows;
    qint64 firstKey = 0;
    qint64 endKey = 0;
    // From this many rows on they are decided in two halves on two threads (the GUI thread
    // is idle meanwhile, so the second core is free).
    qint64 splitRows = 100'000;
};

// What a job found.
struct FilterAnswer
{
    quint64 generation = 0;
    // For a body filter: what the bodies said (null when the filter needs none, or when
    // gathering them failed: then error says why).
    std::shared_ptr<const BodyFacts> facts;
    QString error;
    // The keys of the accepted rows among [firstKey, endKey), ascending. Rows removed while
    // the job ran may be among them; rows put in front or appended meanwhile are not.
    qint64 firstKey = 0;
    qint64 endKey = 0;
    std::vector<qint64> acceptedKeys;
    // Rows of the range that only their bodies can decide (none when the facts cover them).
    std::vector<qint64> undecidedKeys;
};

// Runs filter jobs one at a time on a thread of its own, with its own read-only connection
// to the store. A new start() cancels the job before it: that job stops at its next check
// (every thousand rows or so) and its answer is never delivered. finished() is emitted in
// the thread this object lives in, for the newest job only.
class FilterJobs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterJobs)

public:
    explicit FilterJobs(QObject *parent = nullptr);
    ~FilterJobs() override; // stop()

    // Starts a job; returns its generation (the answer's).
    quint64 start(FilterRequest request);
    // The running job (if any) stops soon and delivers nothing.
    void cancel();
    // cancel(), then ends the thread and closes its connection (a later start() makes a new
    // one).
    void stop();
    // Jobs that ran to the end / that stopped because they were cancelled (tests).
    int completedJobs() const { return m_completed.load(); }
    int cancelledJobs() const { return m_cancelled.load(); }

Q_SIGNALS:
    void finished(std::shared_ptr<const Hookscope::FilterAnswer> answer);
    // How far the newest job's scan of the bodies is (0–99), at most ten times a second;
    // only a job that has to read bodies (no index answers it yet) says anything.
    void progress(quint64 generation, int percent);

private:
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<quint64>> m_wanted; // read by the job: older ones stop
    std::atomic<int> m_completed{ 0 };
    std::atomic<int> m_cancelled{ 0 };
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives in m_thread
};

namespace FilterJob {

enum class Outcome { Done, Cancelled, Failed };

// The body facts of a filter for the events stored up to upToId: bare words from the
// full-text index as far as it reaches (when there is one and useIndex), payload
// comparisons from the field index as far as it reaches, everything else by one pass over
// the bodies. Checks `cancelled` every thousand rows; `progress` (when set) hears the scan's
// percentage each time it changes. Runs in any thread, on `store`.
Outcome findBodyFacts(EventStore &store, const FilterExpression &filter, bool useIndex,
                      qint64 upToId, const std::function<bool()> &cancelled, BodyFacts &facts,
                      const std::function<void(int percent)> &progress = {});

// Decides the rows with keys [firstKey, endKey) with `matcher`, holding rows.lock() for
// reading one slice at a time: appends the accepted keys and those only a body can decide.
Outcome decideRows(const CompactRows &rows, qint64 firstKey, qint64 endKey, RowMatcher &matcher,
                   const std::function<bool()> &cancelled, std::vector<qint64> &accepted,
                   std::vector<qint64> &undecided);

} // namespace FilterJob

} // namespace Hookscope
