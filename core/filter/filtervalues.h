// SPDX-License-Identifier: MIT
#pragma once

// Times and numbers as the filter language writes them (since:15m, since:2026-11-20,
// payload.count>3).

#include <QStringView>

#include <optional>

#include "core/events/event.h"

namespace Hookscope::Filter {

inline bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// ISO-8601 date ("2026-11-20") or date-time ("2026-11-20T09:00", "...:00Z",
// "...:00.512+01:00"; a space may stand for the 'T'). No zone means UTC.
std::optional<qint64> parseIsoTime(QStringView s, bool *dateOnly = nullptr);

// "15m", "2h", "7d", "30s", "1w", "1h30m" -> milliseconds.
std::optional<qint64> parseDuration(QStringView s);

// A plain decimal number; not "inf" or "nan".
std::optional<double> parseNumber(QStringView s);

// The time since:/until: compare: when the event happened, else when it arrived.
inline qint64 eventTime(const EventSummary &e)
{
    return e.occurredAt != 0 ? e.occurredAt : e.receivedAt;
}

} // namespace Hookscope::Filter
