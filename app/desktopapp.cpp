// SPDX-License-Identifier: MIT
#include "desktopapp.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>

#include "core/filter/filterexpression.h"
#include "ui/mainwindow.h"
#include "ui/settings/settingsdialog.h"
#include "ui/tray/trayicon.h"
#include "ui/welcome/demodata.h"
#include "ui/welcome/welcomedialog.h"
#include "wizard/appsdialog.h"
#include "wizard/legacywebhooksdialog.h"
#include "wizard/setupwizard.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

// The receiver's secret in the keychain (set in Settings).
const QString ReceiverSecretName = u"receiver-secret"_s;

} // namespace

DesktopApp::DesktopApp(CommandLine commandLine, QObject *parent)
    : QObject(parent),
      m_cl(std::move(commandLine)),
      m_receiver(&m_store),
      m_registry(m_cl.dataDir),
      m_relay(&m_store),
      m_forwarder(&m_store)
{
}

DesktopApp::~DesktopApp()
{
    shutdown();
}

QString DesktopApp::errorString() const
{
    return m_error;
}

bool DesktopApp::start()
{
    QSettings settings;
    const AppSettings prefs = AppSettings::load(settings);
    m_theme.apply(prefs.theme); // before any widget

    if (!m_store.open(m_cl.dataDir)) {
        m_error = tr("Cannot open the event store.\n\n%1").arg(m_store.errorString());
        return false;
    }
    m_store.setRetention(prefs.retention);

    // Saved preferences, with what the command line says on top.
    m_receiver.setConfig(m_cl.receiverOver(prefs.receiverConfig()));
    m_receiver.start(); // a failure (port in use) is shown in the window, not fatal

    applyThenaUrls(prefs);
    m_registry.load();

    RelayClient::Options relayOptions = m_relay.options();
    relayOptions.dataDir = m_cl.dataDir;
    m_relay.setOptions(relayOptions);

    if (!m_cl.forwardTo.isEmpty()) {
        m_forwarder.setTarget(QUrl(m_cl.forwardTo));
        m_forwarder.setFilter(FilterExpression::parse(m_cl.forwardFilter));
    }
    m_forwarder.setOptions(m_cl.forwardOptionsOver(m_forwarder.options()));

    if (!m_alerts.load(m_cl.dataDir))
        QMessageBox::warning(nullptr, u"Hookscope"_s, m_alerts.errorString());
    m_alerts.setStore(&m_store);

    m_window = std::make_unique<MainWindow>(&m_store, &m_receiver, m_cl.dataDir);
    m_window->setRelayClient(&m_relay);
    m_window->setForwarder(&m_forwarder);
    m_window->setAlertEngine(&m_alerts);
    if (!m_cl.relayUrl.isEmpty())
        m_relay.start(QUrl(m_cl.relayUrl)); // failures show in the status bar
    readReceiverSecret();
    createTray();

    MainWindow *w = m_window.get();
    connect(w, &MainWindow::demoDataRequested, this, &DesktopApp::loadDemoData);
    connect(w, &MainWindow::settingsRequested, this, &DesktopApp::openSettings);
    connect(w, &MainWindow::setupWizardRequested, this, &DesktopApp::openSetupWizard);
    connect(w, &MainWindow::appsDialogRequested, this, &DesktopApp::openAppsDialog);
    connect(w, &MainWindow::legacyWebhooksRequested, this, &DesktopApp::openLegacyWebhooks);
    w->show();
    return true;
}

void DesktopApp::readReceiverSecret()
{
    // The command line's secret (--secret-file, --secret or $HOOKSCOPE_SECRET) wins.
    if (!m_cl.receiver.secret.isEmpty())
        return;
    m_secrets.read(ReceiverSecretName, m_window.get(), [this](const SecretResult &r) {
        if (!r.found || r.value.isEmpty())
            return;
        ReceiverConfig c = m_receiver.config();
        c.secret = r.value;
        m_receiver.setConfig(c);
        m_receiver.start();
    });
}

void DesktopApp::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = std::make_unique<TrayIcon>(m_window.get());
    m_tray->setStore(&m_store);
    m_tray->setStatusText(m_receiver.displayUrl());
    m_tray->setFollowNewest(m_window->followNewest());
    connect(m_tray.get(), &TrayIcon::followNewestToggled, m_window.get(),
            &MainWindow::setFollowNewest);
    connect(m_tray.get(), &TrayIcon::alertsMutedToggled, &m_alerts, &AlertEngine::setMuted);
    connect(&m_receiver, &Receiver::listeningChanged, m_tray.get(),
            [this] { m_tray->setStatusText(m_receiver.displayUrl()); });
    m_tray->show();
    m_window->setTrayIcon(m_tray.get());
}

void DesktopApp::applyThenaUrls(const AppSettings &settings)
{
    // $HOOKSCOPE_THENA_APPS_URL / $HOOKSCOPE_THENA_PLATFORM_URL, else Settings, else built in.
    m_thena.setAppsUrl(ThenaClient::defaultAppsUrl(settings.thenaAppsUrl));
    m_thena.setPlatformUrl(ThenaClient::defaultPlatformUrl(settings.thenaPlatformUrl));
}

void DesktopApp::loadDemoData()
{
    for (const Event &e : DemoData::events())
        m_store.submit(e);
    m_store.flush();
}

void DesktopApp::applySettings(const AppSettings &chosen, const QString &secret, bool secretChanged)
{
    QSettings s;
    chosen.save(s); // never the secret
    m_theme.apply(chosen.theme);
    m_store.setRetention(chosen.retention);
    applyThenaUrls(chosen);
    if (secretChanged) {
        const auto done = [this](const SecretResult &r) {
            if (!r.message.isEmpty() && m_window)
                m_window->statusBar()->showMessage(r.message, 8000);
        };
        if (secret.isEmpty())
            m_secrets.remove(ReceiverSecretName, m_window.get(), done);
        else
            m_secrets.write(ReceiverSecretName, secret, m_window.get(), done);
    }
    // The command line still wins (--port 18787 stays 18787): a tunnel pointing at the
    // receiver must not break because, say, only the theme changed.
    const ReceiverConfig next = m_cl.receiverOver(chosen.receiverConfig(secret));
    if (next != m_receiver.config() || !m_receiver.isListening()) {
        m_receiver.setConfig(next);
        m_receiver.start();
    }
}

void DesktopApp::openSettings()
{
    QSettings s;
    SettingsDialog dialog(AppSettings::load(s), m_receiver.config().secret, m_window.get());
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog.settings(), dialog.secret(), dialog.secretChanged());
}

void DesktopApp::openSetupWizard()
{
    SetupWizard wizard(&m_thena, &m_secrets, &m_registry, &m_receiver, m_window.get());
    wizard.setRelayClient(&m_relay);
    wizard.setEventStore(&m_store);
    connect(&wizard, &SetupWizard::testEventRequested, m_window.get(), &MainWindow::sendTestEvent);
    wizard.exec();
}

void DesktopApp::openAppsDialog()
{
    AppsDialog dialog(&m_thena, &m_registry, &m_secrets, m_window.get());
    dialog.exec();
}

void DesktopApp::openLegacyWebhooks()
{
    LegacyWebhooksDialog dialog(&m_receiver, &m_store, {}, m_window.get());
    dialog.exec();
}

void DesktopApp::offerWelcome()
{
    // So the table is never a blank mystery: the wizard, plain local listening or demo data.
    QSettings s;
    if (!m_window || !WelcomeDialog::shouldShow(s) || m_store.count() > 0)
        return;
    WelcomeDialog welcome(m_receiver.isListening() ? m_receiver.displayUrl() : QString(),
                          m_window.get());
    welcome.exec();
    WelcomeDialog::markShown(s);
    if (welcome.choice() == WelcomeDialog::Choice::DemoData)
        loadDemoData();
    else if (welcome.choice() == WelcomeDialog::Choice::SetupWizard)
        Q_EMIT m_window->setupWizardRequested();
}

void DesktopApp::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_relay.stop();
    m_receiver.stop();
    m_forwarder.stop(); // what is still queued is recorded as not sent, while the store is open
    m_tray.reset();
    m_window.reset();
    m_store.close();
}

} // namespace Hookscope
