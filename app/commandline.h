// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

#include "core/receiver/receiver.h"
#include "core/relay/forwarder.h"

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
    std::optional<int> forwardQueue; // --forward-queue: events waiting at most
    std::optional<int> forwardTimeoutMs; // --forward-timeout (given in seconds): one attempt
    std::optional<int> forwardRetries; // --forward-retries: retries after the first attempt
    bool bom = false;
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
    QString error;

    static CommandLine parse(const QStringList &arguments);
    // The token in a --secret-file: its one line, without the line ending. Empty, with
    // *error set, when the file cannot be read, is empty or holds more than one line.
    static QString readSecretFile(const QString &path, QString *error);

    // The receiver to run: `saved` (Settings) with what this command line says on top. The
    // options given here (--port, --bind, --max-body, --rate-limit, and the secret from
    // --secret-file, --secret or $HOOKSCOPE_SECRET, in that order) win for the whole session,
    // also after Settings → OK.
    ReceiverConfig receiverOver(ReceiverConfig saved) const;
    // The forwarder's options: `defaults` with the --forward-queue, --forward-timeout and
    // --forward-retries given here on top.
    Forwarder::Options forwardOptionsOver(Forwarder::Options defaults) const;
};

} // namespace Hookscope
