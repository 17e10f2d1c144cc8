// SPDX-License-Identifier: MIT
#include "trayicon.h"

#include <QAction>
#include <QCoreApplication>
#include <QEvent>
#include <QPainter>
#include <QWidget>

#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int RefreshDelayMs = 300;

} // namespace

TrayIcon::TrayIcon(QWidget *window, QObject *parent)
    : QSystemTrayIcon(parent), m_window(window), m_baseIcon(u":/hookscope/icons/hookscope.svg"_s)
{
    m_show = m_menu.addAction(tr("&Show Hookscope"), this, &TrayIcon::showWindow);
    m_menu.addSeparator();
    m_follow = m_menu.addAction(tr("&Follow newest events"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    connect(m_follow, &QAction::toggled, this, &TrayIcon::followNewestToggled);
    m_mute = m_menu.addAction(tr("&Mute alerts"));
    m_mute->setCheckable(true);
    connect(m_mute, &QAction::toggled, this, &TrayIcon::alertsMutedToggled);
    m_menu.addSeparator();
    m_quit = m_menu.addAction(tr("&Quit"), this, [this] {
        Q_EMIT quitRequested();
        if (m_window)
            m_window->close(); // saves the window's settings
        QCoreApplication::quit();
    });
    setContextMenu(&m_menu);

    connect(this, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    showWindow();
            });

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TrayIcon::refresh);

    if (window)
        window->installEventFilter(this);
    refresh();
}

void TrayIcon::setStore(EventStore *store)
{
    disconnect(m_storeConnection);
    m_store = store;
    if (store)
        m_storeConnection =
                connect(store, &EventStore::eventsAdded, this, &TrayIcon::onEventsAdded);
}

int TrayIcon::unseenCount() const
{
    return m_unseen;
}

void TrayIcon::addUnseen(int count)
{
    if (count <= 0)
        return;
    m_unseen += count;
    m_refreshTimer.start();
}

void TrayIcon::resetUnseen()
{
    if (m_unseen == 0)
        return;
    m_unseen = 0;
    m_refreshTimer.stop();
    refresh();
}

void TrayIcon::setStatusText(const QString &text)
{
    m_status = text;
    setToolTip(toolTipText());
}

QString TrayIcon::toolTipText() const
{
    QString text = m_unseen > 0 ? tr("Hookscope — new events: %1").arg(m_unseen)
                                : tr("Hookscope — no new events");
    if (!m_status.isEmpty())
        text += u'\n' + m_status;
    return text;
}

void TrayIcon::setFollowNewest(bool follow)
{
    const QSignalBlocker blocker(m_follow);
    m_follow->setChecked(follow);
}

void TrayIcon::setAlertsMuted(bool muted)
{
    const QSignalBlocker blocker(m_mute);
    m_mute->setChecked(muted);
}

QPixmap TrayIcon::badgedPixmap(const QIcon &base, int count, int size)
{
    QPixmap pixmap = base.pixmap(size, size);
    if (pixmap.isNull()) {
        pixmap = QPixmap(size, size);
        pixmap.fill(Qt::transparent);
    }
    if (count <= 0)
        return pixmap;
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QString text = count > 99 ? u"99+"_s : QString::number(count);
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(std::max(7, size * 9 / 22));
    p.setFont(font);
    const QFontMetrics fm(font);
    const int h = fm.height();
    const int w = std::max(h, fm.horizontalAdvance(text) + h / 2);
    const QRect badge(size - w, 0, w, h);
    p.setPen(QPen(Qt::white, std::max(1, size / 32)));
    p.setBrush(QColor(0xd6, 0x27, 0x28));
    p.drawRoundedRect(badge, h / 2.0, h / 2.0);
    p.setPen(Qt::white);
    p.drawText(badge, Qt::AlignCenter, text);
    return pixmap;
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::WindowActivate)
        resetUnseen();
    return QSystemTrayIcon::eventFilter(watched, event);
}

void TrayIcon::onEventsAdded(const QList<EventSummary> &events)
{
    if (!windowSeen())
        addUnseen(int(events.size()));
}

bool TrayIcon::windowSeen() const
{
    return m_window && m_window->isVisible() && !m_window->isMinimized()
            && m_window->isActiveWindow();
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
    resetUnseen();
}

void TrayIcon::refresh()
{
    QIcon icon;
    for (int size : { 16, 22, 24, 32, 48, 64 })
        icon.addPixmap(badgedPixmap(m_baseIcon, m_unseen, size));
    setIcon(icon);
    setToolTip(toolTipText());
}

} // namespace Hookscope
