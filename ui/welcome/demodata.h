// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "core/events/event.h"

namespace Hookscope {

// "Open demo data" on the welcome screen: a short, made-up morning of a support team's Thena
// events (tickets, comments, a priority escalation, an account, a deal, an app installation,
// legacy requests), built from the sample bodies bundled under :/hookscope/demo/. Every event
// is marked: source "demo", a "[demo]" summary prefix, an X-Hookscope-Demo header and
// "demo_" event IDs, so it is never taken for a real delivery (alert rules ignore it too).
class DemoData final
{
public:
    static constexpr QLatin1StringView SummaryPrefix{ "[demo] " };

    // The events, received over the 45 minutes before nowMs (0: now), oldest first, with
    // occurredAt a little before receivedAt. Submit them to the store as they are.
    static QList<Event> events(qint64 nowMs = 0);

    // The bundled sample bodies (resource paths).
    static QStringList templates();
};

} // namespace Hookscope
