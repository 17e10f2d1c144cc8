// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QString>

#include <atomic>
#include <functional>

#include "events/event.h"

namespace Hookscope {

class EventStore;
class FilterExpression;

// Walks a store's events through a filter: the one place where "which stored events match
// this expression" is decided, for the CLI export, the GUI export and the table's payload
// filters alike.
namespace EventScan {

// Calls visit(event) for every matching event in id order until it returns false.
// `cancel`, when given, stops the walk early (checked between events).
bool forEachMatching(const EventStore &store, const FilterExpression &filter,
                     const std::function<bool(const Event &)> &visit,
                     const std::atomic_bool *cancel = nullptr);

// Ids of the matching events with id > afterId.
QSet<qint64> matchingIds(const EventStore &store, const FilterExpression &filter, qint64 afterId = 0,
                         const std::atomic_bool *cancel = nullptr);

} // namespace EventScan
} // namespace Hookscope
