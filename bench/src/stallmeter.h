// SPDX-License-Identifier: MIT
#pragma once
// How long the GUI thread stalls: a 1 ms Qt::PreciseTimer on the thread whose event loop is
// watched; every tick records how late it came (the time since the previous tick beyond the
// 1 ms interval). Whatever keeps the thread from its event loop for X ms delays the next tick
// by X ms: an event handler, a paint, or code the benchmark itself calls outside the loop
// (setFilter(), sortByColumn()).
//
//   StallMeter meter;
//   meter.start();           // clears, and measures from now
//   ...                      // the work, run with an event loop (QEventLoop, PaintWatch)
//   meter.stop();            // also counts the time since the last tick (a stall the loop
//                            // has not come back from), then stops the timer
//   meter.longestMs();       // the longest stall; meter.lateness(): every sample in ms
//
// The timer is only active between start() and stop(), so the thread pays for it only there.

#include <QObject>
#include <QTimer>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "bench/src/benchutil.h"

namespace HookscopeBench {

class StallMeter final : public QObject
{
public:
    static constexpr int IntervalMs = 1;

    explicit StallMeter(QObject *parent = nullptr) : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(IntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { record(nowNs()); });
    }

    void start()
    {
        m_lateness.clear();
        m_last = nowNs();
        m_timer.start();
    }

    void stop()
    {
        if (!m_timer.isActive())
            return;
        record(nowNs());
        m_timer.stop();
    }

    bool isRunning() const { return m_timer.isActive(); }

    // ms beyond the interval, one sample per tick (and one for stop()).
    const std::vector<double> &lateness() const { return m_lateness; }

    double longestMs() const
    {
        return m_lateness.empty() ? 0.0 : *std::max_element(m_lateness.begin(), m_lateness.end());
    }

private:
    void record(int64_t t)
    {
        m_lateness.push_back(std::max(0.0, double(t - m_last) / 1e6 - double(IntervalMs)));
        m_last = t;
    }

    QTimer m_timer;
    std::vector<double> m_lateness;
    int64_t m_last = 0;
};

} // namespace HookscopeBench
