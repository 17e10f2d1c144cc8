// SPDX-License-Identifier: MIT
#include "eventscan.h"

#include "core/events/eventpayload.h"
#include "core/filter/filterexpression.h"
#include "core/store/eventstore.h"

namespace Hookscope::EventScan {

bool forEachMatching(const EventStore &store, const FilterExpression &filter,
                     const std::function<bool(const Event &)> &visit, Detail detail,
                     const std::atomic_bool *cancel)
{
    const auto step = [&](const Event &event) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return false;
        bool match = true;
        if (!filter.isEmpty()) {
            const std::optional<bool> quick = filter.matchWithoutPayload(event.summary);
            if (quick) {
                match = *quick;
            } else {
                const EventPayload payload(event.body, event.contentType.toLatin1());
                match = filter.matches(event.summary, &payload);
            }
        }
        return !match || visit(event);
    };
    if (detail == Detail::Summary && !filter.needsPayload())
        return store.forEachSummary(step);
    return store.forEachEvent(step);
}

} // namespace Hookscope::EventScan
