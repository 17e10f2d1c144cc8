// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QMenu>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimer>

#include "core/events/event.h"

class QAction;

namespace Hookscope {

class EventStore;

// The tray icon: the app icon with a badge counting events that arrived while the window was
// not the active one, the same count in the tooltip, and a menu (Show Hookscope, Follow
// newest events, Mute alerts, Quit). Activating the window resets the count. Call show()
// only when isSystemTrayAvailable().
class TrayIcon final : public QSystemTrayIcon
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    explicit TrayIcon(QWidget *window, QObject *parent = nullptr);

    // Counts the store's new events while the window is inactive (nullptr: stop).
    void setStore(EventStore *store);

    int unseenCount() const;
    void addUnseen(int count);
    void resetUnseen();

    // A second tooltip line, e.g. "Listening on http://127.0.0.1:8787/".
    void setStatusText(const QString &text);
    QString toolTipText() const;

    // Check states, kept in sync by the caller (e.g. with the View menu's action).
    void setFollowNewest(bool follow);
    void setAlertsMuted(bool muted);

    QAction *showAction() const { return m_show; }
    QAction *followAction() const { return m_follow; }
    QAction *muteAction() const { return m_mute; }
    QAction *quitAction() const { return m_quit; }

    // The icon with the badge for `count` (0: plain), at the given pixel size.
    static QPixmap badgedPixmap(const QIcon &base, int count, int size);

Q_SIGNALS:
    void followNewestToggled(bool follow);
    void alertsMutedToggled(bool muted);
    // Before the window is closed and the application quits.
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onEventsAdded(const QList<Hookscope::EventSummary> &events);
    void showWindow();
    void refresh();
    bool windowSeen() const;

    QPointer<QWidget> m_window;
    QPointer<EventStore> m_store;
    QMetaObject::Connection m_storeConnection;
    QMenu m_menu;
    QAction *m_show;
    QAction *m_follow;
    QAction *m_mute;
    QAction *m_quit;
    QIcon m_baseIcon;
    QString m_status;
    int m_unseen = 0;
    QTimer m_refreshTimer; // a burst of events repaints the icon once
};

} // namespace Hookscope
