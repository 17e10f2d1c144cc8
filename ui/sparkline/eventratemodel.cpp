// SPDX-License-Identifier: MIT
#include "eventratemodel.h"

#include <QDateTime>

#include <algorithm>

namespace Hookscope {

namespace {

constexpr int ClockCheckMs = 2'000;

} // namespace

EventRateModel::EventRateModel(QObject *parent) : QObject(parent)
{
    m_counts.fill(0, DefaultMinutes);
    m_now = QDateTime::currentMSecsSinceEpoch();
    m_currentMinute = minuteOf(m_now);
    m_clock.setInterval(ClockCheckMs);
    connect(&m_clock, &QTimer::timeout, this,
            [this] { setNow(QDateTime::currentMSecsSinceEpoch()); });
    m_clock.start();
}

qint64 EventRateModel::minuteOf(qint64 ms)
{
    // Floor division: times before 1970 are not expected, but must not round towards zero.
    return ms >= 0 ? ms / MinuteMs : -((-ms + MinuteMs - 1) / MinuteMs);
}

int EventRateModel::minutes() const
{
    return int(m_counts.size());
}

void EventRateModel::setMinutes(int minutes)
{
    minutes = std::max(1, minutes);
    if (minutes == m_counts.size())
        return;
    if (minutes < m_counts.size())
        m_counts.remove(0, m_counts.size() - minutes);
    else
        m_counts.insert(0, minutes - m_counts.size(), 0);
    Q_EMIT changed();
}

bool EventRateModel::followsClock() const
{
    return m_clock.isActive();
}

void EventRateModel::setFollowsClock(bool follow)
{
    if (follow)
        m_clock.start();
    else
        m_clock.stop();
}

qint64 EventRateModel::now() const
{
    return m_now;
}

void EventRateModel::setNow(qint64 ms)
{
    if (ms <= m_now)
        return;
    m_now = ms;
    if (slideTo(minuteOf(ms)))
        Q_EMIT changed();
}

bool EventRateModel::slideTo(qint64 minute)
{
    const qint64 shift = minute - m_currentMinute;
    if (shift <= 0)
        return false;
    const qsizetype n = m_counts.size();
    if (shift >= n) {
        m_counts.fill(0);
    } else {
        m_counts.remove(0, qsizetype(shift));
        m_counts.insert(m_counts.size(), qsizetype(shift), 0);
    }
    m_currentMinute = minute;
    return true;
}

void EventRateModel::addEvent(qint64 ms)
{
    if (ms > m_now) {
        m_now = ms;
        slideTo(minuteOf(ms));
    }
    const int bucket = bucketAt(ms);
    if (bucket < 0)
        return;
    ++m_counts[bucket];
    Q_EMIT changed();
}

void EventRateModel::addEvents(const QList<EventSummary> &events)
{
    if (events.isEmpty())
        return;
    QSignalBlocker blocker(this); // one changed() for the batch
    for (const EventSummary &e : events)
        addEvent(e.receivedAt);
    blocker.unblock();
    Q_EMIT changed();
}

void EventRateModel::clear()
{
    m_counts.fill(0);
    Q_EMIT changed();
}

int EventRateModel::count(int bucket) const
{
    return bucket >= 0 && bucket < m_counts.size() ? m_counts.at(bucket) : 0;
}

const QList<int> &EventRateModel::counts() const
{
    return m_counts;
}

qint64 EventRateModel::bucketStart(int bucket) const
{
    return (m_currentMinute - (m_counts.size() - 1) + bucket) * MinuteMs;
}

int EventRateModel::bucketAt(qint64 ms) const
{
    const qint64 bucket = minuteOf(ms) - (m_currentMinute - (m_counts.size() - 1));
    return bucket >= 0 && bucket < m_counts.size() ? int(bucket) : -1;
}

int EventRateModel::maxCount() const
{
    return m_counts.isEmpty() ? 0 : *std::max_element(m_counts.cbegin(), m_counts.cend());
}

qint64 EventRateModel::total() const
{
    qint64 sum = 0;
    for (int c : m_counts)
        sum += c;
    return sum;
}

} // namespace Hookscope
