// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <atomic>
#include <functional>

#include "core/events/event.h"

namespace Hookscope {

class EventStore;
class FilterExpression;

// Walks a store's events through a filter: the one place where "which stored events match
// this expression" is decided, for the CLI export, the GUI export and the table's payload
// filters alike.
namespace EventScan {

enum class Detail {
    Summary, // summary fields and the request line; no headers, no body (much cheaper)
    Full, // everything, headers and body included
};

// Calls visit(event) for every matching event in id order until it returns false. Bodies
// are read anyway when the filter needs them, whatever `detail` says.
// `cancel`, when given, stops the walk early (checked between events).
bool forEachMatching(const EventStore &store, const FilterExpression &filter,
                     const std::function<bool(const Event &)> &visit, Detail detail = Detail::Full,
                     const std::atomic_bool *cancel = nullptr);

} // namespace EventScan
} // namespace Hookscope
