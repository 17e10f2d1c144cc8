// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

#include "core/events/event.h"

namespace Hookscope {

// Events per minute over a sliding window of the last N minutes, for the sparkline above the
// table. Buckets are whole minutes (UTC-aligned, which is also local-time aligned for every
// zone with whole-minute offsets); bucket 0 is the oldest, bucket minutes() - 1 the current
// minute. Fed with receivedAt times; knows nothing of stores or widgets.
//
// By default the window follows the wall clock (checked every few seconds). setNow() moves it
// by hand, for tests; the window only ever moves forward.
class EventRateModel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventRateModel)

public:
    static constexpr qint64 MinuteMs = 60'000;
    static constexpr int DefaultMinutes = 60;

    explicit EventRateModel(QObject *parent = nullptr);

    int minutes() const;
    // Keeps the counts of the minutes that are still inside the new window.
    void setMinutes(int minutes);

    bool followsClock() const;
    void setFollowsClock(bool follow);
    qint64 now() const;
    // Slides the window so that `ms` falls in its last bucket; earlier times are ignored.
    void setNow(qint64 ms);

    // An event received at `ms`: counted when inside the window; a time in a later minute
    // than the current one slides the window there first.
    void addEvent(qint64 ms);
    void addEvents(const QList<Hookscope::EventSummary> &events);
    void clear();

    int count(int bucket) const;
    const QList<int> &counts() const;
    qint64 bucketStart(int bucket) const; // ms since epoch of the bucket's first millisecond
    int bucketAt(qint64 ms) const; // -1 outside the window
    int maxCount() const;
    qint64 total() const;

Q_SIGNALS:
    void changed();

private:
    static qint64 minuteOf(qint64 ms);
    bool slideTo(qint64 minute); // true when the window moved

    QList<int> m_counts;
    qint64 m_currentMinute = 0; // minute index (ms / MinuteMs) of the last bucket
    qint64 m_now = 0;
    QTimer m_clock;
};

} // namespace Hookscope
