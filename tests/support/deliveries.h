// SPDX-License-Identifier: MIT
#pragma once

// Events as the receiver stores them, built in memory with chosen times: for tests of the
// table, its columns and the statistics over it.

#include "core/events/event.h"

namespace Deliveries {

// A local, ok JSON delivery of `type` that arrived at `receivedAt` and occurred at
// `occurredAt` (0: the body carries no time).
inline Hookscope::Event at(const QString &type, qint64 receivedAt, qint64 occurredAt)
{
    Hookscope::Event e;
    e.body = "{}";
    e.contentType = QStringLiteral("application/json");
    e.method = QStringLiteral("POST");
    e.summary.type = type;
    e.summary.source = Hookscope::EventSource::Local;
    e.summary.status = Hookscope::EventStatus::Ok;
    e.summary.receivedAt = receivedAt;
    e.summary.occurredAt = occurredAt;
    return e;
}

} // namespace Deliveries
