// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QPointer>
#include <QSortFilterProxyModel>

#include "filter/filterexpression.h"

namespace Hookscope {

class EventStore;
class EventTableModel;

// Filters the event table with the filter language. The rules live in core
// (FilterExpression); this class only decides where the data comes from: summary-only
// terms are answered from the row itself, and terms that need the body (payload paths,
// bare words) from a scan of the store that is remembered per event id.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFilterProxy)

public:
    explicit EventFilterProxy(QObject *parent = nullptr);

    void setStore(const EventStore *store);
    void setFilter(const FilterExpression &filter);
    const FilterExpression &filter() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventTableModel *eventModel() const;

    QPointer<const EventStore> m_store;
    FilterExpression m_filter;
    // Body-dependent verdicts by event id: filled by a scan when the filter is set, then one
    // lookup per newly arriving row.
    mutable QHash<qint64, bool> m_payloadVerdicts;
};

} // namespace Hookscope
