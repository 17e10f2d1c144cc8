// SPDX-License-Identifier: MIT
#include "alertnotifier.h"

#include <QApplication>
#include <QMainWindow>
#include <QSystemTrayIcon>
#include <QWidget>

#include "core/alerts/alertengine.h"
#include "ui/alerts/alertbanner.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QWidget *defaultHost(QWidget *window)
{
    if (auto *main = qobject_cast<QMainWindow *>(window); main && main->centralWidget())
        return main->centralWidget();
    return window;
}

} // namespace

AlertNotifier::AlertNotifier(QWidget *window, QWidget *bannerHost, QObject *parent)
    : QObject(parent),
      m_window(window),
      m_banner(new AlertBanner(bannerHost ? bannerHost : defaultHost(window)))
{
    connect(m_banner, &AlertBanner::activated, this, &AlertNotifier::eventActivated);
}

AlertNotifier::~AlertNotifier()
{
    delete m_banner;
}

void AlertNotifier::setEngine(AlertEngine *engine)
{
    disconnect(m_engineConnection);
    m_engine = engine;
    if (engine)
        m_engineConnection =
                connect(engine, &AlertEngine::alertRaised, this, &AlertNotifier::notify);
}

void AlertNotifier::setTrayIcon(QSystemTrayIcon *tray)
{
    disconnect(m_trayConnection);
    m_tray = tray;
    if (tray) {
        m_trayConnection = connect(tray, &QSystemTrayIcon::messageClicked, this, [this] {
            raiseWindow();
            if (m_lastTrayEventId > 0)
                Q_EMIT eventActivated(m_lastTrayEventId);
        });
    }
}

AlertBanner *AlertNotifier::banner() const
{
    return m_banner;
}

AlertNotifier::Channel AlertNotifier::lastChannel() const
{
    return m_lastChannel;
}

QString AlertNotifier::titleFor(const AlertRule &rule)
{
    return tr("Alert: %1").arg(rule.name.isEmpty() ? rule.filter : rule.name);
}

QString AlertNotifier::messageFor(const EventSummary &event, int more)
{
    QString text = event.type;
    if (!event.summary.isEmpty())
        text += u" — "_s + event.summary;
    if (!event.team.isEmpty())
        text += u"\n"_s + tr("Team %1").arg(event.team);
    if (more > 0)
        text += u"\n"_s + tr("and %1 more").arg(more);
    return text;
}

bool AlertNotifier::trayUsable() const
{
    return m_tray && m_tray->isVisible() && QSystemTrayIcon::isSystemTrayAvailable()
            && QSystemTrayIcon::supportsMessages();
}

void AlertNotifier::notify(const AlertRule &rule, const EventSummary &event, int more)
{
    const QString title = titleFor(rule);
    const QString message = messageFor(event, more);
    const bool windowActive = m_window && m_window->isVisible() && m_window->isActiveWindow();
    if (trayUsable() && !windowActive) {
        m_lastTrayEventId = event.id;
        m_tray->showMessage(title, message, QSystemTrayIcon::Information, 8000);
        m_lastChannel = Channel::Tray;
        return;
    }
    if (!m_banner)
        return; // its host is gone
    m_banner->showAlert(title, message, event.id);
    m_lastChannel = Channel::Banner;
    if (m_window && !windowActive)
        QApplication::alert(m_window); // flash the taskbar entry: the banner alone is unseen
}

void AlertNotifier::raiseWindow()
{
    if (!m_window)
        return;
    m_window->show();
    if (m_window->isMinimized())
        m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace Hookscope
