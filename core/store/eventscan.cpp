// SPDX-License-Identifier: MIT
#include "eventscan.h"

#include "events/eventpayload.h"
#include "filter/filterexpression.h"
#include "store/eventstore.h"

namespace Hookscope::EventScan {

bool forEachMatching(const EventStore &store, const FilterExpression &filter,
                     const std::function<bool(const Event &)> &visit, const std::atomic_bool *cancel)
{
    return store.forEachEvent([&](const Event &event) {
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
    });
}

QSet<qint64> matchingIds(const EventStore &store, const FilterExpression &filter, qint64 afterId,
                         const std::atomic_bool *cancel)
{
    QSet<qint64> ids;
    store.forEachEvent(
        [&](const Event &event) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return false;
            const EventPayload payload(event.body, event.contentType.toLatin1());
            if (filter.matches(event.summary, &payload))
                ids.insert(event.summary.id);
            return true;
        },
        afterId);
    return ids;
}

} // namespace Hookscope::EventScan
