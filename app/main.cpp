// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include "app/clicommands.h"
#include "app/commandline.h"
#include "app/importcommand.h"
#include "app/thenacommands.h"
#include "core/alerts/alertengine.h"
#include "core/filter/filterexpression.h"
#include "core/receiver/receiver.h"
#include "core/relay/forwarder.h"
#include "core/relay/relayclient.h"
#include "core/store/eventstore.h"
#include "core/thena/appregistry.h"
#include "core/thena/secretstore.h"
#include "core/thena/thenaclient.h"
#include "ui/mainwindow.h"
#include "ui/settings/appsettings.h"
#include "ui/settings/settingsdialog.h"
#include "ui/theme/theme.h"
#include "ui/tray/trayicon.h"
#include "ui/welcome/demodata.h"
#include "ui/welcome/welcomedialog.h"
#include "wizard/appsdialog.h"
#include "wizard/legacywebhooksdialog.h"
#include "wizard/setupwizard.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(u"Hookscope"_s);
    QCoreApplication::setOrganizationDomain(u"hookscope.dev"_s);
    QCoreApplication::setApplicationName(u"hookscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    return args;
}

int runGui(int argc, char **argv, const CommandLine &cl)
{
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(u"Hookscope"_s);
    QApplication::setDesktopFileName(u"dev.hookscope.Hookscope"_s);

    // UI strings in the user's language when a translation is bundled (:/i18n, from
    // translations/*.ts).
    QTranslator translator;
    if (translator.load(QLocale(), u"hookscope"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&translator);

    Theme theme; // before any widget
    QSettings settings;
    const AppSettings prefs = AppSettings::load(settings);
    theme.apply(prefs.theme);

    EventStore store;
    if (!store.open(cl.dataDir)) {
        QMessageBox::critical(nullptr, u"Hookscope"_s,
                              QApplication::translate("main", "Cannot open the event store.\n\n%1")
                                      .arg(store.errorString()));
        return 1;
    }
    store.setRetention(prefs.retention);

    // Saved preferences, with what the command line says on top.
    Receiver receiver(&store);
    receiver.setConfig(cl.receiverOver(prefs.receiverConfig()));
    receiver.start(); // a failure (port in use) is shown in the window, not fatal

    ThenaClient thena;
    // Base URLs: $HOOKSCOPE_THENA_APPS_URL / $HOOKSCOPE_THENA_PLATFORM_URL, else Settings, else
    // built-in.
    const auto applyThenaUrls = [&thena](const AppSettings &s) {
        thena.setAppsUrl(ThenaClient::defaultAppsUrl(s.thenaAppsUrl));
        thena.setPlatformUrl(ThenaClient::defaultPlatformUrl(s.thenaPlatformUrl));
    };
    applyThenaUrls(prefs);
    SecretStore secrets;
    AppRegistry registry(cl.dataDir);
    registry.load();

    RelayClient relay(&store);
    RelayClient::Options relayOptions = relay.options();
    relayOptions.dataDir = cl.dataDir;
    relay.setOptions(relayOptions);

    Forwarder forwarder(&store);
    if (!cl.forwardTo.isEmpty()) {
        forwarder.setTarget(QUrl(cl.forwardTo));
        forwarder.setFilter(FilterExpression::parse(cl.forwardFilter));
    }
    forwarder.setOptions(cl.forwardOptionsOver(forwarder.options()));

    AlertEngine alerts;
    if (!alerts.load(cl.dataDir))
        QMessageBox::warning(nullptr, u"Hookscope"_s, alerts.errorString());
    alerts.setStore(&store);

    MainWindow window(&store, &receiver, cl.dataDir);
    window.setRelayClient(&relay);
    window.setForwarder(&forwarder);
    window.setAlertEngine(&alerts);
    if (!cl.relayUrl.isEmpty())
        relay.start(QUrl(cl.relayUrl)); // failures show in the status bar

    // The receiver's secret lives in the keychain (set in Settings), unless the command line
    // gave one (--secret-file, --secret or $HOOKSCOPE_SECRET; CommandLine::parse).
    static const QString receiverSecretName = u"receiver-secret"_s;
    if (cl.receiver.secret.isEmpty())
        secrets.read(receiverSecretName, &window, [&receiver](const SecretResult &r) {
            if (!r.found || r.value.isEmpty())
                return;
            ReceiverConfig c = receiver.config();
            c.secret = r.value;
            receiver.setConfig(c);
            receiver.start();
        });

    std::unique_ptr<TrayIcon> tray;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray = std::make_unique<TrayIcon>(&window);
        tray->setStore(&store);
        tray->setStatusText(receiver.displayUrl());
        tray->setFollowNewest(window.followNewest());
        QObject::connect(tray.get(), &TrayIcon::followNewestToggled, &window,
                         &MainWindow::setFollowNewest);
        QObject::connect(tray.get(), &TrayIcon::alertsMutedToggled, &alerts,
                         &AlertEngine::setMuted);
        QObject::connect(&receiver, &Receiver::listeningChanged, tray.get(),
                         [&] { tray->setStatusText(receiver.displayUrl()); });
        tray->show();
        window.setTrayIcon(tray.get());
    }

    const auto loadDemo = [&store] {
        for (const Event &e : DemoData::events())
            store.submit(e);
        store.flush();
    };
    QObject::connect(&window, &MainWindow::demoDataRequested, &window, loadDemo);
    QObject::connect(&window, &MainWindow::settingsRequested, &window, [&] {
        QSettings s;
        SettingsDialog dialog(AppSettings::load(s), receiver.config().secret, &window);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const AppSettings chosen = dialog.settings();
        chosen.save(s); // never the secret
        theme.apply(chosen.theme);
        store.setRetention(chosen.retention);
        applyThenaUrls(chosen);
        if (dialog.secretChanged()) {
            const auto done = [&window](const SecretResult &r) {
                if (!r.message.isEmpty())
                    window.statusBar()->showMessage(r.message, 8000);
            };
            if (dialog.secret().isEmpty())
                secrets.remove(receiverSecretName, &window, done);
            else
                secrets.write(receiverSecretName, dialog.secret(), &window, done);
        }
        // The command line still wins (--port 18787 stays 18787): a tunnel pointing at the
        // receiver must not break because, say, only the theme changed.
        const ReceiverConfig next = cl.receiverOver(chosen.receiverConfig(dialog.secret()));
        if (next != receiver.config() || !receiver.isListening()) {
            receiver.setConfig(next);
            receiver.start();
        }
    });
    QObject::connect(&window, &MainWindow::setupWizardRequested, &window, [&] {
        SetupWizard wizard(&thena, &secrets, &registry, &receiver, &window);
        wizard.setRelayClient(&relay);
        wizard.setEventStore(&store);
        QObject::connect(&wizard, &SetupWizard::testEventRequested, &window,
                         &MainWindow::sendTestEvent);
        wizard.exec();
    });
    QObject::connect(&window, &MainWindow::appsDialogRequested, &window, [&] {
        AppsDialog dialog(&thena, &registry, &secrets, &window);
        dialog.exec();
    });
    QObject::connect(&window, &MainWindow::legacyWebhooksRequested, &window, [&] {
        LegacyWebhooksDialog dialog(&receiver, &store, {}, &window);
        dialog.exec();
    });
    window.show();

    // First run: offer the wizard, plain local listening or demo data, so the table is never a
    // blank mystery.
    QTimer::singleShot(0, &window, [&] {
        QSettings s;
        if (!WelcomeDialog::shouldShow(s) || store.count() > 0)
            return;
        WelcomeDialog welcome(receiver.isListening() ? receiver.displayUrl() : QString(), &window);
        welcome.exec();
        WelcomeDialog::markShown(s);
        if (welcome.choice() == WelcomeDialog::Choice::DemoData)
            loadDemo();
        else if (welcome.choice() == WelcomeDialog::Choice::SetupWizard)
            Q_EMIT window.setupWizardRequested();
    });

    const int code = QApplication::exec();
    relay.stop();
    receiver.stop();
    forwarder.stop(); // what is still queued is recorded as not sent, while the store is open
    store.close();
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList args = argumentsOf(argc, argv);
    {
        // Parse before any QApplication exists: `listen` and `export` need no display.
        QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
        QCoreApplication::setApplicationName(u"hookscope"_s);
    }
    if (args.size() > 1 && args.at(1) == "thena"_L1) {
        // `hookscope thena …` has its own options (API calls, no receiver).
        QCoreApplication app(argc, argv);
        setIdentity();
        return runThena(args.mid(2));
    }
    if (args.size() > 1 && args.at(1) == "import"_L1) {
        // `hookscope import …` has its own options (files, --format auto|jsonl|har).
        QCoreApplication app(argc, argv);
        setIdentity();
        return runImport(args.mid(2));
    }
    const CommandLine cl = CommandLine::parse(args);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (cl.showHelp) {
        out << cl.helpText;
        return 0;
    }
    if (cl.showVersion) {
        out << "hookscope " << HOOKSCOPE_VERSION << Qt::endl;
        return 0;
    }
    if (!cl.error.isEmpty()) {
        err << "hookscope: " << cl.error << "\nRun 'hookscope --help' for usage." << Qt::endl;
        return 2;
    }
    if (cl.command == Command::Gui)
        return runGui(argc, argv, cl);

    QCoreApplication app(argc, argv);
    setIdentity();
    switch (cl.command) {
    case Command::Listen:
        return runListen(cl);
    case Command::Export:
        return runExport(cl);
    case Command::RelayNew:
        return runRelayNew(cl);
    case Command::Gui:
        break;
    }
    return 2;
}
