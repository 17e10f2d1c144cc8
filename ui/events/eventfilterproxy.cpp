// SPDX-License-Identifier: MIT
#include "eventfilterproxy.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>
#include <numeric>

#include "core/events/compactrows.h"
#include "core/events/eventpayload.h"
#include "core/filter/filterjob.h"
#include "core/store/eventstore.h"
#include "core/store/fieldindex.h"
#include "ui/events/eventtablemodel.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFilterProxy, "hookscope.filter")

namespace Hookscope {

namespace {

// More runs of rows than this inserted or removed at scattered places (a sort by a column of
// many distinct values) and one reset is cheaper than the runs' signals.
constexpr size_t MaxRuns = 64;
// A dataChanged() over more rows than this is passed on as one for every row.
constexpr int MaxChangedRows = 256;

// The QSortFilterProxyModel order of sort keys: strings by QString::compare (case
// sensitive), numbers as numbers, invalid values (a payload path missing) last.
bool variantLess(const QVariant &a, const QVariant &b)
{
    if (!a.isValid() || !b.isValid())
        return a.isValid() && !b.isValid();
    const int ta = a.typeId(), tb = b.typeId();
    if (ta == QMetaType::QString && tb == QMetaType::QString)
        return QString::compare(a.toString(), b.toString()) < 0;
    const auto numeric = [](int t) {
        return t == QMetaType::Int || t == QMetaType::LongLong || t == QMetaType::Double
                || t == QMetaType::UInt || t == QMetaType::ULongLong || t == QMetaType::Bool;
    };
    if (numeric(ta) && numeric(tb)) {
        if (ta == QMetaType::Double || tb == QMetaType::Double)
            return a.toDouble() < b.toDouble();
        return a.toLongLong() < b.toLongLong();
    }
    if (numeric(ta) != numeric(tb))
        return numeric(ta); // numbers before text
    return QString::compare(a.toString(), b.toString()) < 0;
}

// The intern-table index of an interned column's value (type, team, source, status).
using InternedIndex = quint32 (CompactRows::*)(qsizetype) const;
InternedIndex internedIndexOf(int column)
{
    switch (column) {
    case EventTableModel::TeamColumn:
        return &CompactRows::teamIndex;
    case EventTableModel::SourceColumn:
        return &CompactRows::sourceIndex;
    case EventTableModel::StatusColumn:
        return &CompactRows::statusIndex;
    default:
        return &CompactRows::typeIndex;
    }
}

} // namespace

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QAbstractProxyModel(parent), m_jobs(new FilterJobs(this))
{
    connect(m_jobs, &FilterJobs::finished, this, &EventFilterProxy::onJobFinished);
    connect(m_jobs, &FilterJobs::progress, this, [this](quint64 generation, int percent) {
        if (generation == m_jobGeneration)
            Q_EMIT filterProgress(percent);
    });
    if (QCoreApplication *app = QCoreApplication::instance()) {
        // The app closes its writer store after the event loop ends, before this proxy is
        // destroyed: close the jobs' read-only connection first, or the writer would not be
        // the last connection and could not remove the WAL (the next start would then run an
        // integrity check).
        connect(app, &QCoreApplication::aboutToQuit, m_jobs, &FilterJobs::stop);
    }
}

EventFilterProxy::~EventFilterProxy()
{
    m_jobs->stop(); // before the rows it reads may go
}

EventTableModel *EventFilterProxy::eventModel() const
{
    return qobject_cast<EventTableModel *>(sourceModel());
}

void EventFilterProxy::setStore(EventStore *store)
{
    m_store = store;
    m_dataDir = store && !store->databasePath().isEmpty()
            ? QFileInfo(store->databasePath()).absolutePath()
            : QString();
    m_jobs->stop(); // its connection may be to another store
    if (m_requested.needsPayload() && eventModel())
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

void EventFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    auto *events = qobject_cast<EventTableModel *>(model);
    if (model && !events) {
        qCWarning(lcFilterProxy) << "EventFilterProxy shows an EventTableModel only";
        return;
    }
    beginResetModel();
    m_jobs->cancel();
    m_jobGeneration = 0;
    for (const QMetaObject::Connection &c : std::as_const(m_sourceConnections))
        disconnect(c);
    m_sourceConnections.clear();
    QAbstractProxyModel::setSourceModel(model);
    m_keys.clear();
    m_rowOfKeyValid = false;
    m_ranks.clear();
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    if (events) {
        auto &c = m_sourceConnections;
        c << connect(events, &QAbstractItemModel::rowsInserted, this,
                     &EventFilterProxy::onRowsInserted);
        c << connect(events, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                     &EventFilterProxy::onRowsAboutToBeRemoved);
        c << connect(events, &QAbstractItemModel::modelAboutToBeReset, this,
                     &EventFilterProxy::onModelAboutToBeReset);
        c << connect(events, &QAbstractItemModel::modelReset, this,
                     &EventFilterProxy::onModelReset);
        c << connect(events, &QAbstractItemModel::dataChanged, this,
                     &EventFilterProxy::onDataChanged);
        c << connect(events, &QAbstractItemModel::headerDataChanged, this,
                     &EventFilterProxy::onHeaderDataChanged);
        c << connect(events, &QAbstractItemModel::columnsAboutToBeInserted, this,
                     [this](const QModelIndex &, int first, int last) {
                         beginInsertColumns({}, first, last);
                     });
        c << connect(events, &QAbstractItemModel::columnsInserted, this,
                     [this](const QModelIndex &, int first, int last) {
                         if (m_sortColumn >= first)
                             m_sortColumn += last - first + 1;
                         endInsertColumns();
                     });
        c << connect(events, &QAbstractItemModel::columnsAboutToBeRemoved, this,
                     [this](const QModelIndex &, int first, int last) {
                         beginRemoveColumns({}, first, last);
                     });
        c << connect(events, &QAbstractItemModel::columnsRemoved, this,
                     [this](const QModelIndex &, int first, int last) {
                         if (m_sortColumn >= first && m_sortColumn <= last)
                             m_sortColumn = -1; // its rows keep their order
                         else if (m_sortColumn > last)
                             m_sortColumn -= last - first + 1;
                         endRemoveColumns();
                     });
        // The model never moves rows or columns nor changes its layout; a source that did
        // would be shown anew.
        c << connect(events, &QAbstractItemModel::layoutChanged, this,
                     [this] { setFilter(m_requested); });
        m_matcher = RowMatcher(m_filter, nullptr);
        if (!m_filter.needsPayload())
            m_keys = decide(0, events->rowCount() - 1);
    }
    endResetModel();
    if (events && m_requested.needsPayload())
        setFilter(m_requested);
}

// ---- Deciding rows -------------------------------------------------------------------

std::vector<qint64> EventFilterProxy::decide(int first, int last)
{
    std::vector<qint64> keys;
    const EventTableModel *model = eventModel();
    if (!model || first > last)
        return keys;
    const std::shared_ptr<const CompactRows> rows = model->rows();
    if (m_matcher.filter().isEmpty()) {
        // Every row: their keys are consecutive.
        keys.resize(size_t(last - first + 1));
        std::iota(keys.begin(), keys.end(), rows->keyOf(first));
        return keys;
    }
    keys.reserve(size_t(last - first + 1));
    for (int row = first; row <= last; ++row) {
        const std::optional<bool> verdict = m_matcher.verdict(*rows, row);
        const qint64 key = rows->keyOf(row);
        if (verdict ? *verdict : bodyVerdict(key))
            keys.push_back(key);
    }
    return keys;
}

bool EventFilterProxy::bodyVerdict(qint64 key)
{
    // A row stored after the body facts were gathered (or without any): its body, once.
    const EventTableModel *model = eventModel();
    if (!m_store || !model)
        return false;
    const qsizetype row = model->rows()->rowOfKey(key);
    if (row < 0)
        return false;
    const EventSummary summary = model->summaryAt(int(row));
    const std::optional<Event> event = m_store->event(summary.id);
    if (!event)
        return false;
    const EventPayload payload(event->body, event->contentType.toLatin1());
    return m_matcher.filter().matches(summary, &payload);
}

void EventFilterProxy::setFilter(const FilterExpression &filter)
{
    m_requested = filter;
    m_jobs->cancel();
    m_jobGeneration = 0;
    EventTableModel *model = eventModel();
    const bool bodies = filter.needsPayload() && m_store && m_store->isOpen();
    RowMatcher matcher(filter, nullptr);
    if (!model || filter.isEmpty() || (!bodies && model->rowCount() <= m_syncRows)) {
        // Cheap: decided here and now.
        m_filter = filter;
        m_matcher = std::move(matcher);
        showKeys(decide(0, model ? model->rowCount() - 1 : -1));
        setFiltering(false);
        Q_EMIT filterFinished();
        return;
    }
    if (bodies && m_useIndex && filter.hasPayloadComparisons()) {
        // The first use of a path registers it: the writer fills its values in the
        // background, and until they reach the newest rows the job scans as before.
        m_store->requestFieldIndex(FieldIndex::servedPaths(filter));
    }
    startJob();
}

void EventFilterProxy::startJob()
{
    const EventTableModel *model = eventModel();
    FilterRequest request;
    request.filter = m_requested;
    request.useIndex = m_useIndex;
    if (m_requested.needsPayload() && m_store && m_store->isOpen()) {
        request.dataDir = m_dataDir;
        request.upToId = m_store->maxId(); // later rows are decided when they come
    }
    request.rows = model->rows();
    request.firstKey = request.rows->keyOf(0);
    request.endKey = request.rows->keyOf(request.rows->size());
    m_jobGeneration = m_jobs->start(std::move(request));
    ++m_jobsStarted;
    setFiltering(true);
}

void EventFilterProxy::onJobFinished(const std::shared_ptr<const FilterAnswer> &answer)
{
    if (!answer || answer->generation != m_jobGeneration)
        return; // overtaken by a newer filter
    m_jobGeneration = 0;
    EventTableModel *model = eventModel();
    if (!model)
        return;
    std::shared_ptr<const BodyFacts> facts = answer->facts;
    const bool bodies = m_requested.needsPayload() && m_store && m_store->isOpen();
    if (bodies && !facts) {
        // No job connection (or its scan failed): answer here, on the GUI thread.
        qCWarning(lcFilterProxy).noquote()
                << "filtering in the background failed (" << answer->error
                << "); scanning on the GUI thread instead";
        auto local = std::make_shared<BodyFacts>();
        if (FilterJob::findBodyFacts(
                    *m_store, m_requested, m_useIndex, m_store->maxId(), [] { return false; },
                    *local)
            == FilterJob::Outcome::Done)
            facts = std::move(local);
        m_filter = m_requested;
        m_matcher = RowMatcher(m_filter, facts);
        showKeys(decide(0, model->rowCount() - 1));
        setFiltering(false);
        Q_EMIT filterFinished();
        return;
    }

    m_filter = m_requested;
    m_matcher = RowMatcher(m_filter, facts);
    const std::shared_ptr<const CompactRows> rows = model->rows();
    const qint64 firstKey = rows->keyOf(0);
    const qint64 endKey = rows->keyOf(rows->size());
    // Rows put in front while the job ran, the job's rows still there, rows appended since.
    std::vector<qint64> keys =
            decide(0, int(std::clamp<qint64>(answer->firstKey - firstKey, 0, rows->size())) - 1);
    const auto from =
            std::lower_bound(answer->acceptedKeys.cbegin(), answer->acceptedKeys.cend(), firstKey);
    const auto to = std::lower_bound(from, answer->acceptedKeys.cend(), endKey);
    const size_t middle = keys.size();
    keys.insert(keys.end(), from, to);
    if (!answer->undecidedKeys.empty()) {
        for (const qint64 key : answer->undecidedKeys)
            if (key >= firstKey && key < endKey && bodyVerdict(key))
                keys.push_back(key);
        std::inplace_merge(keys.begin() + qsizetype(middle),
                           keys.begin() + qsizetype(middle) + (to - from), keys.end());
    }
    const std::vector<qint64> later =
            decide(int(std::clamp<qint64>(answer->endKey - firstKey, 0, rows->size())),
                   model->rowCount() - 1);
    keys.insert(keys.end(), later.cbegin(), later.cend());
    showKeys(std::move(keys));
    setFiltering(false);
    Q_EMIT filterFinished();
}

void EventFilterProxy::showKeys(std::vector<qint64> keys)
{
    // A new filter is a full replacement: one reset is far cheaper than the row-range
    // removals an incremental refilter would emit.
    sortKeys(keys);
    beginResetModel();
    m_keys = std::move(keys);
    m_rowOfKeyValid = false;
    endResetModel();
}

// ---- Sorting ------------------------------------------------------------------------

EventFilterProxy::SortKind EventFilterProxy::sortKind() const
{
    const EventTableModel *model = eventModel();
    switch (m_sortColumn) {
    case -1:
    case EventTableModel::TimeColumn:
    case EventTableModel::IdColumn:
        return SortKind::Arrival;
    case EventTableModel::TypeColumn:
    case EventTableModel::TeamColumn:
    case EventTableModel::SourceColumn:
    case EventTableModel::StatusColumn:
        return SortKind::Interned;
    case EventTableModel::OccurredColumn:
    case EventTableModel::SizeColumn:
    case EventTableModel::LagColumn:
        return SortKind::Numeric;
    default:
        // Above the model's limit a payload column keeps arrival order (its tooltip says so).
        if (model && model->isPayloadColumn(m_sortColumn) && !model->isSortable(m_sortColumn))
            return SortKind::Arrival;
        return SortKind::Variant;
    }
}

void EventFilterProxy::refreshRanks() const
{
    // Each distinct value's rank among all distinct values, by QString::compare.
    const std::shared_ptr<const CompactRows> rows = eventModel()->rows();
    const auto count = quint32(rows->internedValues());
    std::vector<quint32> order(count);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&rows](quint32 a, quint32 b) {
        return QString::compare(rows->internedValue(a), rows->internedValue(b)) < 0;
    });
    m_ranks.assign(count, 0);
    for (quint32 rank = 0; rank < count; ++rank) {
        // Equal strings get equal ranks (the table holds each value once, so they are not).
        m_ranks[order[rank]] = rank;
    }
}

bool EventFilterProxy::sortLess(qint64 a, qint64 b) const
{
    // Ties keep arrival order in both directions, as QSortFilterProxyModel's stable sort.
    const EventTableModel *model = eventModel();
    const std::shared_ptr<const CompactRows> rows = model->rows();
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const qsizetype ra = rows->rowOfKey(a), rb = rows->rowOfKey(b);
    switch (sortKind()) {
    case SortKind::Arrival:
        return descending ? a > b : a < b;
    case SortKind::Interned: {
        const auto indexOf = internedIndexOf(m_sortColumn);
        if (m_ranks.size() < size_t(rows->internedValues()))
            refreshRanks();
        const quint32 va = m_ranks[((*rows).*indexOf)(ra)], vb = m_ranks[((*rows).*indexOf)(rb)];
        if (va != vb)
            return descending ? va > vb : va < vb;
        return a < b;
    }
    case SortKind::Numeric: {
        const qint64 va = *model->numericSortKeyAt(int(ra), m_sortColumn);
        const qint64 vb = *model->numericSortKeyAt(int(rb), m_sortColumn);
        if (va != vb)
            return descending ? va > vb : va < vb;
        return a < b;
    }
    case SortKind::Variant: {
        const QVariant va = model->index(int(ra), m_sortColumn).data(EventTableModel::SortRole);
        const QVariant vb = model->index(int(rb), m_sortColumn).data(EventTableModel::SortRole);
        if (variantLess(va, vb))
            return !descending;
        if (variantLess(vb, va))
            return descending;
        return a < b;
    }
    }
    return a < b;
}

void EventFilterProxy::sortKeys(std::vector<qint64> &keys) const
{
    const EventTableModel *model = eventModel();
    if (!model || keys.size() < 2)
        return;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const std::shared_ptr<const CompactRows> rows = model->rows();
    switch (sortKind()) {
    case SortKind::Arrival:
        // Nearly always in key order already, or its reverse: one pass.
        if (descending) {
            if (std::is_sorted(keys.cbegin(), keys.cend(), std::greater<>()))
                return;
            if (std::is_sorted(keys.cbegin(), keys.cend()))
                std::reverse(keys.begin(), keys.end());
            else
                std::sort(keys.begin(), keys.end(), std::greater<>());
        } else if (!std::is_sorted(keys.cbegin(), keys.cend())) {
            if (std::is_sorted(keys.cbegin(), keys.cend(), std::greater<>()))
                std::reverse(keys.begin(), keys.end());
            else
                std::sort(keys.begin(), keys.end());
        }
        return;
    case SortKind::Interned: {
        // A counting sort over the distinct values' ranks, in key order within each.
        refreshRanks();
        const auto indexOf = internedIndexOf(m_sortColumn);
        if (!std::is_sorted(keys.cbegin(), keys.cend()))
            std::sort(keys.begin(), keys.end());
        const size_t buckets = m_ranks.size();
        std::vector<quint32> rankOf(keys.size());
        std::vector<size_t> start(buckets + 1, 0);
        for (size_t i = 0; i < keys.size(); ++i) {
            quint32 rank = m_ranks[((*rows).*indexOf)(rows->rowOfKey(keys[i]))];
            if (descending)
                rank = quint32(buckets - 1 - rank);
            rankOf[i] = rank;
            ++start[rank + 1];
        }
        std::partial_sum(start.begin(), start.end(), start.begin());
        std::vector<qint64> sorted(keys.size());
        for (size_t i = 0; i < keys.size(); ++i)
            sorted[start[rankOf[i]]++] = keys[i];
        keys = std::move(sorted);
        return;
    }
    case SortKind::Numeric: {
        std::vector<std::pair<qint64, qint64>> pairs(keys.size());
        for (size_t i = 0; i < keys.size(); ++i)
            pairs[i] = { *model->numericSortKeyAt(int(rows->rowOfKey(keys[i])), m_sortColumn),
                         keys[i] };
        std::sort(pairs.begin(), pairs.end(), [descending](const auto &a, const auto &b) {
            if (a.first != b.first)
                return descending ? a.first > b.first : a.first < b.first;
            return a.second < b.second;
        });
        for (size_t i = 0; i < keys.size(); ++i)
            keys[i] = pairs[i].second;
        return;
    }
    case SortKind::Variant: {
        std::vector<std::pair<QVariant, qint64>> pairs(keys.size());
        for (size_t i = 0; i < keys.size(); ++i)
            pairs[i] = { model->index(int(rows->rowOfKey(keys[i])), m_sortColumn)
                                 .data(EventTableModel::SortRole),
                         keys[i] };
        std::sort(pairs.begin(), pairs.end(), [descending](const auto &a, const auto &b) {
            if (variantLess(a.first, b.first))
                return !descending;
            if (variantLess(b.first, a.first))
                return descending;
            return a.second < b.second;
        });
        for (size_t i = 0; i < keys.size(); ++i)
            keys[i] = pairs[i].second;
        return;
    }
    }
}

size_t EventFilterProxy::insertPosition(qint64 key) const
{
    const auto it = std::upper_bound(m_keys.cbegin(), m_keys.cend(), key,
                                     [this](qint64 a, qint64 b) { return sortLess(a, b); });
    return size_t(it - m_keys.cbegin());
}

void EventFilterProxy::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    m_ranks.clear();
    std::vector<qint64> keys = m_keys;
    sortKeys(keys);
    relayout(std::move(keys));
}

void EventFilterProxy::relayout(std::vector<qint64> keys)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    std::vector<qint64> persistentKeys;
    persistentKeys.reserve(size_t(from.size()));
    for (const QModelIndex &index : from)
        persistentKeys.push_back(m_keys[size_t(index.row())]);
    m_keys = std::move(keys);
    m_rowOfKeyValid = false;
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const int row = proxyRowOfKey(persistentKeys[size_t(i)]);
        to.append(row < 0 ? QModelIndex() : index(row, from.at(i).column()));
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// ---- Mapping ------------------------------------------------------------------------

int EventFilterProxy::proxyRowOfKey(qint64 key) const
{
    if (sortKind() == SortKind::Arrival) {
        const bool descending = m_sortOrder == Qt::DescendingOrder;
        const auto it = descending
                ? std::lower_bound(m_keys.cbegin(), m_keys.cend(), key, std::greater<>())
                : std::lower_bound(m_keys.cbegin(), m_keys.cend(), key);
        return it != m_keys.cend() && *it == key ? int(it - m_keys.cbegin()) : -1;
    }
    if (!m_rowOfKeyValid) {
        // The inverse of the order, over the span of the keys shown.
        const auto [lo, hi] = std::minmax_element(m_keys.cbegin(), m_keys.cend());
        m_rowOfKeyBase = m_keys.empty() ? 0 : *lo;
        m_rowOfKey.assign(m_keys.empty() ? 0 : size_t(*hi - *lo + 1), -1);
        for (size_t i = 0; i < m_keys.size(); ++i)
            m_rowOfKey[size_t(m_keys[i] - m_rowOfKeyBase)] = int(i);
        m_rowOfKeyValid = true;
    }
    const qint64 slot = key - m_rowOfKeyBase;
    return slot >= 0 && slot < qint64(m_rowOfKey.size()) ? m_rowOfKey[size_t(slot)] : -1;
}

QModelIndex EventFilterProxy::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex EventFilterProxy::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex EventFilterProxy::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int EventFilterProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int EventFilterProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool EventFilterProxy::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

QModelIndex EventFilterProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    const EventTableModel *model = eventModel();
    if (!model || !proxyIndex.isValid() || proxyIndex.model() != this
        || size_t(proxyIndex.row()) >= m_keys.size())
        return {};
    const qsizetype row = model->rows()->rowOfKey(m_keys[size_t(proxyIndex.row())]);
    return row < 0 ? QModelIndex() : model->index(int(row), proxyIndex.column());
}

QModelIndex EventFilterProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    const EventTableModel *model = eventModel();
    if (!model || !sourceIndex.isValid() || sourceIndex.model() != model)
        return {};
    const int row = proxyRowOfKey(model->rows()->keyOf(sourceIndex.row()));
    return row < 0 ? QModelIndex() : index(row, sourceIndex.column());
}

// ---- Following the model -------------------------------------------------------------

void EventFilterProxy::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    std::vector<qint64> added = decide(first, last);
    if (added.empty())
        return;
    sortKeys(added);
    const auto insertRun = [this](size_t at, auto begin, auto end) {
        const auto count = qsizetype(end - begin);
        beginInsertRows({}, int(at), int(at + size_t(count)) - 1);
        m_keys.insert(m_keys.begin() + qsizetype(at), begin, end);
        m_rowOfKeyValid = false;
        endInsertRows();
    };
    if (m_keys.empty()) {
        insertRun(0, added.cbegin(), added.cend());
        return;
    }
    if (sortKind() == SortKind::Arrival) {
        // Older rows loaded in front or new ones appended: one run at one end.
        if (sortLess(added.back(), m_keys.front())) {
            insertRun(0, added.cbegin(), added.cend());
            return;
        }
        if (sortLess(m_keys.back(), added.front())) {
            insertRun(m_keys.size(), added.cbegin(), added.cend());
            return;
        }
    }
    // Runs of consecutive new rows at their places in the sort order.
    std::vector<size_t> places(added.size());
    size_t runs = 0;
    for (size_t i = 0; i < added.size(); ++i) {
        places[i] = insertPosition(added[i]);
        if (i == 0 || places[i] != places[i - 1])
            ++runs;
    }
    if (runs > MaxRuns) {
        std::vector<qint64> keys = m_keys;
        keys.insert(keys.end(), added.cbegin(), added.cend());
        sortKeys(keys);
        beginResetModel();
        m_keys = std::move(keys);
        m_rowOfKeyValid = false;
        endResetModel();
        return;
    }
    // The places are in the old order; each run shifts the ones after it.
    size_t shift = 0;
    for (size_t i = 0; i < added.size();) {
        size_t j = i + 1;
        while (j < added.size() && places[j] == places[i])
            ++j;
        insertRun(places[i] + shift, added.cbegin() + qsizetype(i), added.cbegin() + qsizetype(j));
        shift += j - i;
        i = j;
    }
}

void EventFilterProxy::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    const EventTableModel *model = eventModel();
    if (parent.isValid() || !model || m_keys.empty())
        return;
    const std::shared_ptr<const CompactRows> rows = model->rows();
    const qint64 lo = rows->keyOf(first), hi = rows->keyOf(last);
    // The proxy rows of the removed keys, grouped into runs of consecutive rows.
    std::vector<std::pair<int, int>> runs; // first, last
    for (size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i] < lo || m_keys[i] > hi)
            continue;
        if (!runs.empty() && runs.back().second == int(i) - 1)
            runs.back().second = int(i);
        else
            runs.emplace_back(int(i), int(i));
        if (runs.size() > MaxRuns)
            break;
    }
    if (runs.empty())
        return;
    if (runs.size() > MaxRuns) {
        beginResetModel();
        m_keys.erase(std::remove_if(m_keys.begin(), m_keys.end(),
                                    [lo, hi](qint64 k) { return k >= lo && k <= hi; }),
                     m_keys.end());
        m_rowOfKeyValid = false;
        endResetModel();
        return;
    }
    for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
        beginRemoveRows({}, it->first, it->second);
        m_keys.erase(m_keys.begin() + it->first, m_keys.begin() + it->second + 1);
        m_rowOfKeyValid = false;
        endRemoveRows();
    }
}

void EventFilterProxy::onModelAboutToBeReset()
{
    m_jobs->cancel();
    m_jobGeneration = 0;
    beginResetModel();
}

void EventFilterProxy::onModelReset()
{
    // A cleared store may hand out the same ids again: body facts gathered before mean
    // nothing now. A body filter is asked again; the rows are shown when it is answered.
    m_keys.clear();
    m_rowOfKeyValid = false;
    m_ranks.clear();
    m_matcher = RowMatcher(m_filter, nullptr);
    const bool bodies = m_filter.needsPayload() && m_store && m_store->isOpen();
    if (!bodies)
        m_keys = decide(0, eventModel()->rowCount() - 1);
    if (!bodies)
        sortKeys(m_keys);
    endResetModel();
    if (bodies || m_requested.text() != m_filter.text())
        setFilter(m_requested);
}

void EventFilterProxy::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                     const QList<int> &roles)
{
    if (!topLeft.isValid() || m_keys.empty())
        return;
    if (bottomRight.row() - topLeft.row() >= MaxChangedRows) {
        Q_EMIT dataChanged(index(0, topLeft.column()), index(rowCount() - 1, bottomRight.column()),
                           roles);
        return;
    }
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex at = mapFromSource(sourceModel()->index(row, topLeft.column()));
        if (at.isValid())
            Q_EMIT dataChanged(at, index(at.row(), bottomRight.column()), roles);
    }
}

void EventFilterProxy::onHeaderDataChanged(Qt::Orientation orientation, int first, int last)
{
    if (orientation == Qt::Horizontal)
        Q_EMIT headerDataChanged(orientation, first, last);
}

} // namespace Hookscope
