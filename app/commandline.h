// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include "core/receiver/receiver.h"

namespace Hookscope {

enum class Command { Gui, Listen, Export, RelayNew };

// Everything the command line can say, validated. Usage errors become `error` (exit 2).
struct CommandLine
{
    Command command = Command::Gui;
    QString dataDir; // resolved (DataDir::resolve)
    ReceiverConfig receiver;
    bool portGiven = false;
    bool bindGiven = false;
    bool maxBodyGiven = false;
    bool rateGiven = false;
    bool json = false; // listen: JSON Lines output
    QString format = QStringLiteral("csv");
    QString filter;
    QStringList columns;
    QString output; // export: file, or "-" for stdout
    QString relayUrl; // listen / GUI: a relay channel read URL to subscribe to
    QString relayServer; // relay new: the relay server base URL
    bool noReceiver = false; // listen: relay only, no local HTTP receiver
    QString forwardTo; // listen / GUI: forward every new event to this URL
    QString forwardFilter; // … only those matching this filter
    bool bom = false;
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
    QString error;

    static CommandLine parse(const QStringList &arguments);

    // The receiver to run: `saved` (Settings) with what this command line says on top. The
    // options given here (--port, --bind, --max-body, --rate-limit, --secret or
    // $HOOKSCOPE_SECRET) win for the whole session, also after Settings → OK.
    ReceiverConfig receiverOver(ReceiverConfig saved) const;
};

} // namespace Hookscope
