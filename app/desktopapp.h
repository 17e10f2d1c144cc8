// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <memory>

#include "app/commandline.h"
#include "core/alerts/alertengine.h"
#include "core/receiver/receiver.h"
#include "core/relay/forwarder.h"
#include "core/relay/relayclient.h"
#include "core/store/eventstore.h"
#include "core/thena/appregistry.h"
#include "core/thena/secretstore.h"
#include "core/thena/thenaclient.h"
#include "ui/settings/appsettings.h"
#include "ui/theme/theme.h"

namespace Hookscope {

class MainWindow;
class TrayIcon;

// The desktop application: every long-lived part the GUI needs (store, receiver, relay
// client, forwarder, alerts, Thena client, keychain, registry, theme, window, tray) and the
// wiring between them, in one object, as Kate's KateApp holds Kate's. main() only builds
// it and runs the event loop; tests build it too, with a data directory of their own.
//
// What the command line says wins over saved settings, and keeps winning when Settings is
// applied (a --port stays, so a tunnel pointing at it does not break).
class DesktopApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)

public:
    explicit DesktopApp(CommandLine commandLine, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Opens the store and starts what the command line and the settings ask for; shows the
    // window. False (with errorString()) when the store cannot be opened: nothing else works
    // then. A receiver that cannot listen (port in use) is shown in the window, not fatal.
    bool start();
    QString errorString() const;
    // First run: the welcome dialog (wizard, local listening or demo data), once.
    void offerWelcome();
    // Before the event loop ends: what is queued or in flight is recorded, then the store
    // closes cleanly.
    void shutdown();

    // Settings → OK: theme, retention, Thena URLs, the receiver's secret (keychain) and the
    // receiver, restarted only when its configuration really changed.
    void applySettings(const AppSettings &chosen, const QString &secret, bool secretChanged);
    void loadDemoData();

    EventStore *store() { return &m_store; }
    Receiver *receiver() { return &m_receiver; }
    MainWindow *window() const { return m_window.get(); }

private:
    void openSettings();
    void openSetupWizard();
    void openAppsDialog();
    void openLegacyWebhooks();
    void applyThenaUrls(const AppSettings &settings);
    void readReceiverSecret();
    void createTray();

    const CommandLine m_cl;
    QString m_error;
    Theme m_theme;
    EventStore m_store;
    Receiver m_receiver;
    ThenaClient m_thena;
    SecretStore m_secrets;
    AppRegistry m_registry;
    RelayClient m_relay;
    Forwarder m_forwarder;
    AlertEngine m_alerts;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    bool m_shutDown = false;
};

} // namespace Hookscope
