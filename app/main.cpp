// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCoreApplication>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>

#include "appsdialog.h"
#include "clicommands.h"
#include "commandline.h"
#include "importcommand.h"
#include "mainwindow.h"
#include "receiver/receiver.h"
#include "filter/filterexpression.h"
#include "relay/forwarder.h"
#include "relay/relayclient.h"
#include "setupwizard.h"
#include "store/eventstore.h"
#include "thena/appregistry.h"
#include "thena/secretstore.h"
#include "thena/thenaclient.h"
#include "thenacommands.h"

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

    EventStore store;
    if (!store.open(cl.dataDir)) {
        QMessageBox::critical(nullptr, u"Hookscope"_s, QApplication::translate("main", "Cannot open the event store.\n\n%1").arg(store.errorString()));
        return 1;
    }
    Receiver receiver(&store);
    receiver.setConfig(cl.receiver);
    receiver.start(); // a failure (port in use) is shown in the window, not fatal

    ThenaClient thena;
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

    MainWindow window(&store, &receiver, cl.dataDir);
    window.setRelayClient(&relay);
    window.setForwarder(&forwarder);
    if (!cl.relayUrl.isEmpty())
        relay.start(QUrl(cl.relayUrl)); // failures show in the status bar
    QObject::connect(&window, &MainWindow::setupWizardRequested, &window, [&] {
        SetupWizard wizard(&thena, &secrets, &registry, &receiver, &window);
        wizard.setRelayClient(&relay);
        QObject::connect(&wizard, &SetupWizard::testEventRequested, &window, &MainWindow::sendTestEvent);
        wizard.exec();
    });
    QObject::connect(&window, &MainWindow::appsDialogRequested, &window, [&] {
        AppsDialog dialog(&thena, &registry, &window);
        dialog.exec();
    });
    window.show();
    const int code = QApplication::exec();
    relay.stop();
    receiver.stop();
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
    case Command::Listen: return runListen(cl);
    case Command::Export: return runExport(cl);
    case Command::RelayNew: return runRelayNew(cl);
    case Command::Gui: break;
    }
    return 2;
}
