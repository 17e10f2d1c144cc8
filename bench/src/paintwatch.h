// SPDX-License-Identifier: MIT
#pragma once
// Watches a widget's paint events: "painted" is stamped right after a paint event has been
// handled (a zero timer queued from the paint event runs once the paint is done).
//
// A wait counts only paints whose paint event came after its mark: the finish stamp of an
// earlier paint can still be queued (two paint events in a row queue two) and would otherwise
// end the next wait before the repaint it waits for has even started.

#include <QCoreApplication>
#include <QEvent>
#include <QEventLoop>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <functional>

#include "bench/src/benchutil.h"

namespace HookscopeBench {

class PaintWatch final : public QObject
{
public:
    explicit PaintWatch(QWidget *widget) : QObject(widget) { widget->installEventFilter(this); }

    // Called with the steady-clock time just after each paint.
    std::function<void(int64_t)> onPainted;

    int64_t lastPaintedNs() const { return m_lastPainted; }
    int paints() const { return m_paints; }

    // For waitForPaintAfter(): the paint events seen so far. Take it right before the call that
    // should cause the repaint (a paint that call makes at once then counts too).
    int mark() const { return m_started; }

    // Processes events until a paint whose paint event came after `mark` is done, or
    // timeoutMs. Returns the time that paint finished, or 0 on timeout.
    int64_t waitForPaintAfter(int mark, int timeoutMs = 30000)
    {
        if (m_finished > mark)
            return m_finishedAt; // already done (the latest such paint)
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(timeoutMs);
        m_loop = &loop;
        m_waitMark = mark;
        m_waitDone = 0;
        loop.exec();
        m_loop = nullptr;
        return m_waitDone;
    }

    // Processes events until a paint that started after this call is done, or timeoutMs.
    // Returns the time the paint finished, or 0 on timeout.
    int64_t waitForPaint(int timeoutMs = 30000) { return waitForPaintAfter(mark(), timeoutMs); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            const int seq = ++m_started;
            QTimer::singleShot(0, this, [this, seq] {
                m_lastPainted = nowNs();
                ++m_paints;
                m_finished = seq; // the stamps run in the order of the paint events
                m_finishedAt = m_lastPainted;
                if (onPainted)
                    onPainted(m_lastPainted);
                if (m_loop && seq > m_waitMark && m_waitDone == 0) {
                    m_waitDone = m_lastPainted;
                    m_loop->quit();
                }
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QEventLoop *m_loop = nullptr;
    int64_t m_lastPainted = 0;
    int m_paints = 0;
    int m_started = 0; // paint events seen
    int m_finished = 0; // the last of them whose paint is done
    int64_t m_finishedAt = 0; // and when
    int m_waitMark = 0; // of the wait running now
    int64_t m_waitDone = 0; // when that wait's paint was done
};

} // namespace HookscopeBench
