// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

#include "core/alerts/alertrule.h"
#include "core/events/event.h"

class QSystemTrayIcon;
class QWidget;

namespace Hookscope {

class AlertBanner;
class AlertEngine;

// Turns AlertEngine::alertRaised into something the user sees: a desktop notification through
// the tray icon when one is shown and the window is not the active one, otherwise the
// in-window AlertBanner. Either way, acting on it asks for the event (eventActivated).
class AlertNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertNotifier)

public:
    enum class Channel { None, Tray, Banner };

    // window: raised when a notification is clicked. bannerHost: where the banner floats
    // (default: the window's central widget for a QMainWindow, else the window).
    explicit AlertNotifier(QWidget *window, QWidget *bannerHost = nullptr,
                           QObject *parent = nullptr);
    ~AlertNotifier() override; // takes its banner along

    void setEngine(AlertEngine *engine);
    // The tray icon to show desktop notifications with (nullptr: always the banner).
    void setTrayIcon(QSystemTrayIcon *tray);
    AlertBanner *banner() const;

    // Shows one alert now (what alertRaised triggers).
    void notify(const Hookscope::AlertRule &rule, const Hookscope::EventSummary &event, int more);
    Channel lastChannel() const;

    static QString titleFor(const AlertRule &rule);
    static QString messageFor(const EventSummary &event, int more);

Q_SIGNALS:
    // The user asked to see this event (clicked the notification or the banner).
    void eventActivated(qint64 id);

private:
    bool trayUsable() const;
    void raiseWindow();

    QPointer<QWidget> m_window;
    QPointer<QSystemTrayIcon> m_tray;
    QPointer<AlertEngine> m_engine;
    QMetaObject::Connection m_engineConnection;
    QMetaObject::Connection m_trayConnection;
    QPointer<AlertBanner> m_banner; // owned by its host widget, deleted with the notifier
    qint64 m_lastTrayEventId = 0;
    Channel m_lastChannel = Channel::None;
};

} // namespace Hookscope
