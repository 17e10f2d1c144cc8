// SPDX-License-Identifier: MIT
#include "filterjob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QReadLocker>
#include <QThread>

#include <thread>

#include "core/events/compactrows.h"
#include "core/events/eventpayload.h"
#include "core/filter/bodywords.h"
#include "core/store/eventstore.h"
#include "core/store/fieldindex.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFilterJob, "hookscope.filterjob", QtWarningMsg)

namespace Hookscope {

namespace FilterJob {

namespace {

enum class FieldIndexVerdicts { Done, Failed };

// The verdicts for the events up to fields.reach() without their bodies: payload
// comparisons from the field index, bare words (if any) from the full-text index, the rest
// from the summary. Appends the accepted ids (ascending) to `accepted`, for the rows
// RowMatcher cannot decide from the summary alone, as the body scan would. Only the
// events that can match at all are visited when the comparisons bound them (an AND with
// `path=value`); a filter of comparisons alone needs no summary.
FieldIndexVerdicts acceptFromFieldIndex(EventStore &store, const FilterExpression &filter,
                                        const FieldIndex::Answer &fields, qint64 &current,
                                        const FilterExpression::BodyWordLookup &fromIndex,
                                        const std::function<bool()> &keepGoing,
                                        std::vector<qint64> &accepted)
{
    const qint64 reach = fields.reach();
    const FilterExpression::ComparisonLookup holds = fields.lookup(current);
    const std::optional<std::vector<qint64>> candidates = fields.candidates(filter);
    const bool summaryFree = filter.hasOnlyPayloadComparisons();
    const auto decide = [&](const EventSummary &summary) {
        current = summary.id;
        if (!summaryFree && filter.matchWithoutPayload(summary).has_value())
            return; // RowMatcher decides these rows from their summary
        if (filter.matches(summary, nullptr, fromIndex, holds))
            accepted.push_back(summary.id);
    };
    if (candidates && summaryFree) {
        // Only comparisons: the candidates are decided by the id sets alone.
        EventSummary none;
        for (const qint64 id : *candidates) {
            if (id > reach)
                break;
            if (!keepGoing())
                return FieldIndexVerdicts::Done;
            none.id = id;
            decide(none);
        }
        return FieldIndexVerdicts::Done;
    }
    if (candidates) {
        // The summaries of the candidates only, each read by id.
        for (const qint64 id : *candidates) {
            if (id > reach)
                break;
            if (!keepGoing())
                return FieldIndexVerdicts::Done;
            const QList<EventSummary> one = store.summaries(id - 1, 1);
            if (!one.isEmpty() && one.constFirst().id == id)
                decide(one.constFirst());
        }
        return FieldIndexVerdicts::Done;
    }
    // Unbounded (NOT, !=, an OR with other terms): every summary, never a body.
    const bool ok = store.forEachSummary(
            [&](const Event &event) {
                if (event.summary.id > reach || !keepGoing())
                    return false;
                decide(event.summary);
                return true;
            },
            0);
    return ok ? FieldIndexVerdicts::Done : FieldIndexVerdicts::Failed;
}

// Answers a body filter for the stored events up to upToId: bare words from the full-text
// index as far as it reaches (when there is one and useIndex), everything else by one pass
// over the bodies (payload paths; bare words in rows the index does not hold yet).
// Checks `cancelled` every thousand rows.
Outcome findBodyFactsImpl(EventStore &store, const FilterExpression &filter, bool useIndex,
                          qint64 upToId, const std::function<bool()> &cancelled, BodyFacts &facts,
                          const std::function<void(int percent)> &progress)
{
    facts.upToId = upToId;
    const QStringList words = filter.bodyWords();
    bool stopped = false;
    int tick = 0;
    auto keepGoing = [&] {
        if ((++tick & 1023) == 0 && cancelled()) {
            stopped = true;
            return false;
        }
        return true;
    };

    // The index may lag behind the newest rows (the writer indexes in the background).
    const qint64 indexed = useIndex && !words.isEmpty() ? store.fullTextIndexedUpTo() : -1;
    facts.fromIndex = indexed >= 0;
    if (facts.fromIndex) {
        facts.indexedUpTo = qMin(indexed, upToId);
        facts.wordIds.resize(size_t(words.size()));
        for (qsizetype i = 0; i < words.size(); ++i) {
            if (cancelled())
                return Outcome::Cancelled;
            if (BodyWords::split(words.at(i)).isEmpty())
                continue; // no letters or digits: in no body (FTS5 agrees: an empty phrase matches
                          // nothing)
            std::vector<qint64> &ids = facts.wordIds[size_t(i)];
            const bool ok = store.forEachFullTextPrefixMatch(words.at(i), facts.indexedUpTo,
                                                             [&](qint64 id) {
                                                                 ids.push_back(id);
                                                                 return keepGoing();
                                                             });
            if (stopped)
                return Outcome::Cancelled;
            if (!ok)
                return Outcome::Failed;
        }
        if (!filter.hasPayloadComparisons() && facts.indexedUpTo >= upToId)
            return Outcome::Done;
    }

    facts.scanned = true;
    // Payload paths need every body; bare words alone only the rows the index lacks.
    facts.scannedAfter = facts.fromIndex && !filter.hasPayloadComparisons() ? facts.indexedUpTo : 0;
    qint64 current = 0;
    FilterExpression::BodyWordLookup fromIndex;
    if (facts.fromIndex)
        fromIndex = [&facts, &current](int index) { return facts.hasWord(index, current); };
    const FilterExpression::BodyWordLookup fromBody; // empty: the words of the payload itself

    // Payload comparisons from the store's field index, as far as it and (for bare words) the
    // full-text index reach; the bodies after that are scanned below.
    qint64 scanFrom = facts.scannedAfter;
    if (useIndex && filter.hasPayloadComparisons()) {
        const qint64 reachable =
                words.isEmpty() ? upToId : (facts.fromIndex ? facts.indexedUpTo : 0);
        FieldIndex::Answer fields;
        if (reachable > 0 && !store.answerFromFieldIndex(filter, reachable, fields, cancelled))
            return Outcome::Failed;
        if (cancelled())
            return Outcome::Cancelled;
        if (fields.reach() > 0) {
            const FieldIndexVerdicts verdicts = acceptFromFieldIndex(
                    store, filter, fields, current, fromIndex, keepGoing, facts.accepted);
            if (stopped)
                return Outcome::Cancelled;
            if (verdicts == FieldIndexVerdicts::Failed)
                return Outcome::Failed;
            scanFrom = fields.reach();
        }
    }
    int percent = -1;
    const qint64 span = std::max<qint64>(1, upToId - scanFrom);
    const bool ok = store.forEachPayload(
            [&](const EventSummary &summary, const QByteArray &contentType,
                const QByteArray &body) {
                if (summary.id > upToId)
                    return false;
                if (progress) {
                    const int now = int(std::min<qint64>(99, (summary.id - scanFrom) * 100 / span));
                    if (now != percent)
                        progress(percent = now);
                }
                if (!keepGoing())
                    return false;
                if (filter.matchWithoutPayload(summary).has_value())
                    return true; // RowMatcher decides these rows from their summary
                const EventPayload payload(body, contentType);
                current = summary.id;
                const bool inIndex = facts.fromIndex && current <= facts.indexedUpTo;
                if (filter.matches(summary, &payload, inIndex ? fromIndex : fromBody))
                    facts.accepted.push_back(summary.id);
                return true;
            },
            scanFrom);
    if (stopped)
        return Outcome::Cancelled;
    if (!ok)
        return Outcome::Failed;
    if (facts.scannedAfter == 0) {
        // The verdicts include the words: their id lists are not needed any more.
        facts.wordIds = {};
        facts.fromIndex = false;
    }
    return Outcome::Done;
}

} // namespace

Outcome findBodyFacts(EventStore &store, const FilterExpression &filter, bool useIndex,
                      qint64 upToId, const std::function<bool()> &cancelled, BodyFacts &facts,
                      const std::function<void(int percent)> &progress)
{
    return findBodyFactsImpl(store, filter, useIndex, upToId, cancelled, facts, progress);
}

Outcome decideRows(const CompactRows &rows, qint64 firstKey, qint64 endKey, RowMatcher &matcher,
                   const std::function<bool()> &cancelled, std::vector<qint64> &accepted,
                   std::vector<qint64> &undecided)
{
    // Short slices: the owner waits for the read lock when it changes the rows (a chunk of
    // the load, new arrivals), so a slice is what the GUI thread may wait at most.
    constexpr qint64 SliceRows = 16'384;
    qint64 key = firstKey;
    while (key < endKey) {
        if (cancelled())
            return Outcome::Cancelled;
        QReadLocker locker(&rows.lock());
        if (rows.isEmpty())
            break;
        // Rows removed meanwhile (retention) are skipped; rows put in front are not ours.
        key = std::max(key, rows.keyOf(0));
        const qint64 last = std::min(endKey, rows.keyOf(rows.size()));
        const qint64 sliceEnd = std::min(last, key + SliceRows);
        for (; key < sliceEnd; ++key) {
            const qsizetype row = rows.rowOfKey(key);
            const std::optional<bool> verdict = matcher.verdict(rows, row);
            if (!verdict)
                undecided.push_back(key);
            else if (*verdict)
                accepted.push_back(key);
        }
        if (sliceEnd >= last)
            break;
    }
    return Outcome::Done;
}

} // namespace FilterJob

namespace {

using FilterJob::Outcome;

// Lives in the jobs' thread; owns that thread's read-only store connection.
class FilterWorker final : public QObject
{
public:
    std::shared_ptr<FilterAnswer> run(const FilterRequest &request, quint64 generation,
                                      const std::function<bool()> &cancelled,
                                      const std::function<void(int)> &progress, Outcome &outcome)
    {
        QElapsedTimer timer;
        timer.start();
        auto answer = std::make_shared<FilterAnswer>();
        answer->generation = generation;
        answer->firstKey = request.firstKey;
        answer->endKey = request.endKey;
        outcome = Outcome::Done;
        std::shared_ptr<BodyFacts> facts;
        if (!request.dataDir.isEmpty() && request.filter.needsPayload()) {
            if (!m_store || m_dataDir != request.dataDir) {
                QElapsedTimer opening;
                opening.start();
                m_store = std::make_unique<EventStore>();
                m_dataDir = request.dataDir;
                if (!m_store->openReadOnly(request.dataDir)) {
                    answer->error = m_store->errorString();
                    m_store.reset();
                }
                qCDebug(lcFilterJob) << "opened the store in" << opening.elapsed() << "ms";
            }
            if (m_store) {
                facts = std::make_shared<BodyFacts>();
                outcome = FilterJob::findBodyFacts(*m_store, request.filter, request.useIndex,
                                                   request.upToId, cancelled, *facts, progress);
                if (outcome == Outcome::Cancelled)
                    return nullptr;
                if (outcome == Outcome::Failed) {
                    answer->error = u"the body scan failed"_s;
                    facts.reset();
                }
            }
            if (!facts)
                return answer; // the owner answers it some other way
        }
        answer->facts = facts;
        const qint64 factsMs = timer.elapsed();
        if (request.rows) {
            // Two halves at once on a big table: the GUI thread waits for the answer, so the
            // second core is free. Each half has its own matcher (cursors, per-value verdicts).
            const RowMatcher matcher(request.filter, facts);
            const qint64 rows = request.endKey - request.firstKey;
            const qint64 middle =
                    rows >= request.splitRows ? request.firstKey + rows / 2 : request.endKey;
            std::vector<qint64> laterAccepted, laterUndecided;
            Outcome later = Outcome::Done;
            RowMatcher secondMatcher = matcher;
            std::thread second;
            if (middle < request.endKey) {
                second = std::thread([&] {
                    later = FilterJob::decideRows(*request.rows, middle, request.endKey,
                                                  secondMatcher, cancelled, laterAccepted,
                                                  laterUndecided);
                });
            }
            RowMatcher first = matcher;
            outcome = FilterJob::decideRows(*request.rows, request.firstKey, middle, first,
                                            cancelled, answer->acceptedKeys, answer->undecidedKeys);
            if (second.joinable())
                second.join();
            if (outcome == Outcome::Cancelled || later == Outcome::Cancelled)
                return nullptr;
            answer->acceptedKeys.insert(answer->acceptedKeys.end(), laterAccepted.cbegin(),
                                        laterAccepted.cend());
            answer->undecidedKeys.insert(answer->undecidedKeys.end(), laterUndecided.cbegin(),
                                         laterUndecided.cend());
        }
        qCDebug(lcFilterJob).noquote()
                << "job" << generation << request.filter.text() << ": body facts" << factsMs
                << "ms, rows" << timer.elapsed() - factsMs << "ms," << answer->acceptedKeys.size()
                << "accepted";
        return answer;
    }

private:
    std::unique_ptr<EventStore> m_store;
    QString m_dataDir;
};

} // namespace

FilterJobs::FilterJobs(QObject *parent)
    : QObject(parent), m_wanted(std::make_shared<std::atomic<quint64>>(0))
{
}

FilterJobs::~FilterJobs()
{
    stop();
}

void FilterJobs::cancel()
{
    m_wanted->store(0); // no job is generation 0
}

void FilterJobs::stop()
{
    cancel();
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait(); // the worker and its connection are gone once this returns
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
}

quint64 FilterJobs::start(FilterRequest request)
{
    const quint64 generation = ++m_generation;
    m_wanted->store(generation); // the job before stops at its next check
    if (!m_thread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(u"hookscope-filter"_s);
        m_worker = new FilterWorker;
        m_worker->moveToThread(m_thread);
        // Deleted in its thread when the thread ends, closing its connection there.
        connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread->start(QThread::LowPriority);
    }
    auto *worker = static_cast<FilterWorker *>(m_worker);
    QMetaObject::invokeMethod(
            worker,
            [this, worker, generation, wanted = m_wanted, request = std::move(request)] {
                const auto cancelled = [&] {
                    return wanted->load(std::memory_order_relaxed) != generation;
                };
                if (wanted->load() != generation) {
                    ++m_cancelled;
                    return;
                }
                // The scan's percentage to the owner's thread, at most ten times a second.
                QElapsedTimer sinceReport;
                sinceReport.start();
                const auto progress = [&](int percent) {
                    if (sinceReport.elapsed() < 100)
                        return;
                    sinceReport.restart();
                    QMetaObject::invokeMethod(
                            this,
                            [this, generation, percent] {
                                if (generation == m_generation && m_wanted->load() == generation)
                                    Q_EMIT this->progress(generation, percent);
                            },
                            Qt::QueuedConnection);
                };
                Outcome outcome = Outcome::Done;
                std::shared_ptr<const FilterAnswer> answer =
                        worker->run(request, generation, cancelled, progress, outcome);
                if (!answer || wanted->load() != generation) {
                    ++m_cancelled;
                    return;
                }
                ++m_completed;
                // This object outlives the thread (stop() waits for it), so posting to it is
                // safe; an answer overtaken meanwhile is dropped there.
                QMetaObject::invokeMethod(
                        this,
                        [this, answer] {
                            if (answer->generation == m_generation
                                && m_wanted->load() == answer->generation)
                                Q_EMIT finished(answer);
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    return generation;
}

} // namespace Hookscope
