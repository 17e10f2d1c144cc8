// SPDX-License-Identifier: MIT
#include "eventfilterproxy.h"

#include "events/eventpayload.h"
#include "events/eventtablemodel.h"
#include "store/eventstore.h"

namespace Hookscope {

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventTableModel::SortRole);
    setDynamicSortFilter(true);
}

void EventFilterProxy::setStore(const EventStore *store)
{
    m_store = store;
    m_payloadVerdicts.clear();
}

const FilterExpression &EventFilterProxy::filter() const
{
    return m_filter;
}

void EventFilterProxy::setFilter(const FilterExpression &filter)
{
    // A new filter is a full replacement: one reset is far cheaper than the row-range
    // removals an incremental refilter emits (quadratic in the header's bookkeeping).
    beginResetModel();
    m_filter = filter;
    m_payloadVerdicts.clear();
    if (m_store && m_filter.needsPayload()) {
        // One pass over the stored bodies for every row the summary cannot decide.
        m_store->forEachPayload([this](const EventSummary &summary, const QByteArray &contentType, const QByteArray &body) {
            if (!m_filter.matchWithoutPayload(summary).has_value()) {
                const EventPayload payload(body, contentType);
                m_payloadVerdicts.insert(summary.id, m_filter.matches(summary, &payload));
            }
            return true;
        });
    }
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
    const EventSummary &summary = eventModel()->summaryAt(sourceRow);
    if (const std::optional<bool> quick = m_filter.matchWithoutPayload(summary))
        return *quick;
    const auto known = m_payloadVerdicts.constFind(summary.id);
    if (known != m_payloadVerdicts.cend())
        return *known;
    // A row that arrived after the scan: load its body once.
    bool verdict = false;
    if (m_store) {
        if (const std::optional<Event> event = m_store->event(summary.id)) {
            const EventPayload payload(event->body, event->contentType.toLatin1());
            verdict = m_filter.matches(summary, &payload);
        }
    }
    m_payloadVerdicts.insert(summary.id, verdict);
    return verdict;
}

} // namespace Hookscope
