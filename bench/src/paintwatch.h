// SPDX-License-Identifier: MIT
#pragma once
// Watches a widget's paint events: "painted" is stamped right after a paint event has been
// handled (a zero timer queued from the paint event runs once the paint is done).

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

    // Processes events until a paint that started after this call is done, or timeoutMs.
    // Returns the time the paint finished, or 0 on timeout.
    int64_t waitForPaint(int timeoutMs = 30000)
    {
        const int before = m_paints;
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(timeoutMs);
        m_loop = &loop;
        if (m_paints == before)
            loop.exec();
        m_loop = nullptr;
        return m_paints > before ? m_lastPainted : 0;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            QTimer::singleShot(0, this, [this] {
                m_lastPainted = nowNs();
                ++m_paints;
                if (onPainted)
                    onPainted(m_lastPainted);
                if (m_loop)
                    m_loop->quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QEventLoop *m_loop = nullptr;
    int64_t m_lastPainted = 0;
    int m_paints = 0;
};

} // namespace HookscopeBench
