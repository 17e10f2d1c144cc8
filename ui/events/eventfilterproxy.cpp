// SPDX-License-Identifier: MIT
#include "eventfilterproxy.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>

#include <algorithm>
#include <functional>
#include <vector>

#include "core/events/eventpayload.h"
#include "core/filter/bodywords.h"
#include "core/store/eventstore.h"
#include "core/store/fieldindex.h"
#include "ui/events/eventtablemodel.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFilterProxy, "hookscope.filter")

namespace Hookscope {

// What is known about the bodies of the events with ids up to upToId, for one filter.
struct EventFilterProxy::BodyFacts
{
    qint64 upToId = 0;
    // Bare words answered by the full-text index for ids up to indexedUpTo: per entry of
    // bodyWords(), the ascending ids of the bodies that have it.
    bool fromIndex = false;
    qint64 indexedUpTo = 0;
    std::vector<std::vector<qint64>> wordIds;
    // Bodies scanned for ids in (scannedAfter, upToId]: the ascending ids of the events the
    // summary alone could not decide and that the filter accepts.
    bool scanned = false;
    qint64 scannedAfter = 0;
    std::vector<qint64> accepted;

    bool hasWord(int index, qint64 id) const
    {
        const std::vector<qint64> &ids = wordIds[size_t(index)];
        return std::binary_search(ids.cbegin(), ids.cend(), id);
    }
};

namespace {

using BodyFacts = EventFilterProxy::BodyFacts;

enum class Outcome { Done, Cancelled, Failed };

enum class FieldIndexVerdicts { Done, Failed };

// The verdicts for the events up to fields.reach() without their bodies: payload
// comparisons from the field index, bare words (if any) from the full-text index, the rest
// from the summary. Appends the accepted ids (ascending) to `accepted`, for the rows
// filterAcceptsRow() cannot decide from the summary alone, as the body scan would. Only the
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
            return; // the proxy decides these rows from their summary
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
Outcome findBodyFacts(EventStore &store, const FilterExpression &filter, bool useIndex,
                      qint64 upToId, const std::function<bool()> &cancelled, BodyFacts &facts)
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
    const bool ok = store.forEachPayload(
            [&](const EventSummary &summary, const QByteArray &contentType,
                const QByteArray &body) {
                if (summary.id > upToId)
                    return false;
                if (!keepGoing())
                    return false;
                if (filter.matchWithoutPayload(summary).has_value())
                    return true; // the proxy decides these rows from their summary
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

// Lives in the proxy's worker thread; owns that thread's read-only store connection.
class BodyScanWorker final : public QObject
{
public:
    explicit BodyScanWorker(const std::atomic<quint64> *wanted) : m_wanted(wanted) { }

    Outcome run(quint64 generation, const QString &dataDir, const FilterExpression &filter,
                bool useIndex, qint64 upToId, BodyFacts &facts, QString *error)
    {
        auto cancelled = [this, generation] {
            return m_wanted->load(std::memory_order_relaxed) != generation;
        };
        if (cancelled())
            return Outcome::Cancelled;
        if (!m_store || m_dataDir != dataDir) {
            m_store = std::make_unique<EventStore>();
            m_dataDir = dataDir;
            if (!m_store->openReadOnly(dataDir)) {
                *error = m_store->errorString();
                m_store.reset();
                return Outcome::Failed;
            }
        }
        const Outcome outcome = findBodyFacts(*m_store, filter, useIndex, upToId, cancelled, facts);
        if (outcome == Outcome::Failed)
            *error = u"the body scan failed"_s;
        return outcome;
    }

private:
    const std::atomic<quint64> *m_wanted;
    std::unique_ptr<EventStore> m_store;
    QString m_dataDir;
};

} // namespace

EventFilterProxy::EventFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(EventTableModel::SortRole);
    setDynamicSortFilter(true);
}

EventFilterProxy::~EventFilterProxy()
{
    stopWorker();
}

void EventFilterProxy::stopWorker()
{
    if (!m_thread)
        return;
    m_wantedGeneration.store(0); // no job is generation 0: a running one stops soon
    m_thread->quit();
    m_thread->wait(); // the worker and its connection are gone once this returns
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
}

void EventFilterProxy::startWorker()
{
    if (m_thread)
        return;
    if (QCoreApplication *app = QCoreApplication::instance()) {
        // The app closes its writer store after the event loop ends, before this proxy is
        // destroyed: close the read-only connection first, or the writer would not be the last
        // connection and could not remove the WAL (the next start would then run an
        // integrity check).
        connect(app, &QCoreApplication::aboutToQuit, this, &EventFilterProxy::stopWorker,
                Qt::UniqueConnection);
    }
    m_thread = new QThread(this);
    m_thread->setObjectName(u"hookscope-filter"_s);
    m_worker = new BodyScanWorker(&m_wantedGeneration);
    m_worker->moveToThread(m_thread);
    // Deleted in its thread when the thread ends, closing its connection there.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start(QThread::LowPriority);
}

void EventFilterProxy::setStore(EventStore *store)
{
    m_store = store;
    m_dataDir = store && !store->databasePath().isEmpty()
            ? QFileInfo(store->databasePath()).absolutePath()
            : QString();
    m_liveVerdicts.clear();
    if (m_requested.needsPayload())
        setFilter(m_requested); // answer it from this store
}

void EventFilterProxy::setFullTextIndexEnabled(bool enabled)
{
    m_useIndex = enabled;
}

const FilterExpression &EventFilterProxy::filter() const
{
    return m_filter;
}

const FilterExpression &EventFilterProxy::requestedFilter() const
{
    return m_requested;
}

bool EventFilterProxy::isFiltering() const
{
    return m_filtering;
}

void EventFilterProxy::setFiltering(bool filtering)
{
    if (m_filtering == filtering)
        return;
    m_filtering = filtering;
    Q_EMIT filteringChanged(filtering);
}

void EventFilterProxy::setFilter(const FilterExpression &filter)
{
    m_requested = filter;
    const quint64 generation = ++m_generation;
    m_wantedGeneration.store(generation); // a job for an older filter stops at its next check

    if (!filter.needsPayload() || !m_store || !m_store->isOpen()) {
        apply(filter, nullptr);
        setFiltering(false);
        Q_EMIT filterFinished();
        return;
    }

    // Everything stored up to now is answered by the worker; later rows one by one.
    const qint64 upToId = m_store->maxId();
    if (m_useIndex && filter.hasPayloadComparisons()) {
        // The first use of a path registers it: the writer fills its values in the
        // background, and until they reach upToId the worker scans as before.
        QStringList paths;
        for (const FilterExpression::PayloadComparison &c : filter.payloadComparisons())
            if (FieldIndex::serves(c) && !paths.contains(c.path))
                paths.append(c.path);
        m_store->requestFieldIndex(paths);
    }
    startWorker();
    auto *worker = static_cast<BodyScanWorker *>(m_worker);
    QMetaObject::invokeMethod(
            worker,
            [this, worker, generation, filter, upToId, dataDir = m_dataDir, useIndex = m_useIndex] {
                auto facts = std::make_shared<BodyFacts>();
                QString error;
                const Outcome outcome =
                        worker->run(generation, dataDir, filter, useIndex, upToId, *facts, &error);
                if (outcome == Outcome::Cancelled)
                    return;
                if (outcome == Outcome::Failed)
                    facts.reset();
                // The proxy outlives this thread (its destructor waits for it), so posting to it
                // is safe; a result that is no longer wanted is dropped there.
                QMetaObject::invokeMethod(
                        this,
                        [this, generation, facts, error] {
                            onWorkerDone(generation, facts, error);
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    setFiltering(true);
}

void EventFilterProxy::onWorkerDone(quint64 generation, std::shared_ptr<const BodyFacts> facts,
                                    const QString &error)
{
    if (generation != m_generation)
        return; // overtaken by a newer filter
    if (!facts && m_store) {
        // No worker connection (or its scan failed): answer here, on the GUI thread.
        qCWarning(lcFilterProxy).noquote() << "filtering in the background failed (" << error
                                           << "); scanning on the GUI thread instead";
        auto local = std::make_shared<BodyFacts>();
        if (findBodyFacts(
                    *m_store, m_requested, m_useIndex, m_store->maxId(), [] { return false; },
                    *local)
            == Outcome::Done)
            facts = std::move(local);
    }
    apply(m_requested, std::move(facts));
    setFiltering(false);
    Q_EMIT filterFinished();
}

void EventFilterProxy::apply(const FilterExpression &filter, std::shared_ptr<const BodyFacts> facts)
{
    // A new filter is a full replacement: one reset is far cheaper than the row-range
    // removals an incremental refilter emits (quadratic in the header's bookkeeping).
    beginResetModel();
    m_filter = filter;
    m_facts = std::move(facts);
    m_liveVerdicts.clear();
    endResetModel();
}

EventTableModel *EventFilterProxy::eventModel() const
{
    return static_cast<EventTableModel *>(sourceModel());
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || m_filter.isEmpty() || !eventModel())
        return true;
    // The filter takes a whole EventSummary: built into one scratch summary whose strings are
    // reused from row to row, so filtering a million compact rows allocates (almost) nothing.
    // The GUI thread only; nothing below keeps a reference to it.
    static thread_local EventSummary summary;
    eventModel()->summaryInto(sourceRow, summary);
    const BodyFacts *facts = m_facts.get();
    const qint64 id = summary.id;
    if (facts && id <= facts->upToId) {
        if (facts->fromIndex && id <= facts->indexedUpTo
            && !(facts->scanned && id > facts->scannedAfter)) {
            // Bare words only (no payload paths): one evaluation, the summary fields first and
            // the index for the words they do not have.
            return m_filter.matches(summary, nullptr,
                                    [facts, id](int index) { return facts->hasWord(index, id); });
        }
    }
    if (const std::optional<bool> quick = m_filter.matchWithoutPayload(summary))
        return *quick;
    if (facts && id <= facts->upToId && facts->scanned && id > facts->scannedAfter)
        return std::binary_search(facts->accepted.cbegin(), facts->accepted.cend(), id);
    return liveVerdict(summary);
}

bool EventFilterProxy::liveVerdict(const EventSummary &summary) const
{
    // A row stored after the facts were gathered: load its body once. Ids only grow, so the
    // verdicts are one byte per id above the watermark (a long session stays small).
    const qint64 base = (m_facts ? m_facts->upToId : 0) + 1;
    const qint64 slot = summary.id - base;
    if (slot >= 0 && slot < qint64(m_liveVerdicts.size()) && m_liveVerdicts[size_t(slot)] >= 0)
        return m_liveVerdicts[size_t(slot)] == 1;
    bool verdict = false;
    if (m_store) {
        if (const std::optional<Event> event = m_store->event(summary.id)) {
            const EventPayload payload(event->body, event->contentType.toLatin1());
            verdict = m_filter.matches(summary, &payload);
        }
    }
    if (slot >= 0) {
        if (slot >= qint64(m_liveVerdicts.size()))
            m_liveVerdicts.resize(size_t(slot) + 1, qint8(-1));
        m_liveVerdicts[size_t(slot)] = verdict ? 1 : 0;
    }
    return verdict;
}

bool EventFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const EventTableModel *model = eventModel();
    if (model && sortRole() == EventTableModel::SortRole && left.column() == right.column()
        && !left.parent().isValid() && !right.parent().isValid()) {
        // The integer fields of the compact rows, without building either row.
        const std::optional<qint64> a = model->numericSortKeyAt(left.row(), left.column());
        if (a)
            return *a < *model->numericSortKeyAt(right.row(), right.column());
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace Hookscope
