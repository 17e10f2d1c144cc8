// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QFile>
#include <QStringDecoder>
#include <QUrl>

#include "core/common/datadir.h"
#include "core/export/eventexporter.h"
#include "core/filter/filterexpression.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

QString CommandLine::readSecretFile(const QString &path, QString *error)
{
    // Error messages name the file, never what is in it.
    constexpr qint64 MaxBytes = 64 * 1024;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"--secret-file: cannot read '%1': %2"_s.arg(path, file.errorString());
        return {};
    }
    QByteArray bytes = file.read(MaxBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = u"--secret-file: cannot read '%1': %2"_s.arg(path, file.errorString());
        return {};
    }
    if (bytes.size() > MaxBytes) {
        *error = u"--secret-file: '%1' is larger than %2 bytes; it should hold one token"_s.arg(
                path, QString::number(MaxBytes));
        return {};
    }
    while (bytes.endsWith('\n') || bytes.endsWith('\r'))
        bytes.chop(1);
    if (bytes.isEmpty()) {
        *error = u"--secret-file: '%1' is empty; it should hold the token on one line"_s.arg(path);
        return {};
    }
    if (bytes.contains('\n') || bytes.contains('\r')) {
        *error =
                u"--secret-file: '%1' has more than one line; it should hold the token on one line"_s
                        .arg(path);
        return {};
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString secret = utf8(bytes);
    if (utf8.hasError()) {
        *error = u"--secret-file: '%1' is not UTF-8 text"_s.arg(path);
        return {};
    }
    error->clear();
    return secret;
}

namespace {

// The help of one command: its usage line, what it does and only its options. (Qt's own
// usage line names the executable from the QCoreApplication, which does not exist yet when
// the command line is parsed.)
QString commandHelp(Command command, const QList<QCommandLineOption> &options)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    QString usage;
    switch (command) {
    case Command::Gui:
        parser.addVersionOption();
        usage = u"Usage: hookscope [options]\n"
                u"       hookscope <command> [options]"_s;
        parser.setApplicationDescription(
                u"Hookscope receives Thena webhook events, stores them and shows them live.\n"
                u"Without a command it opens the desktop app.\n\n"
                u"Commands:\n"
                u"  listen     run the receiver in this terminal, one line per event\n"
                u"  export     write stored events as CSV, JSON Lines or HAR 1.2\n"
                u"  import     read JSON Lines or HAR files into the store\n"
                u"  relay new  create a relay channel (prints its read URL and the URL for Thena)\n"
                u"  thena      set up Thena webhooks: teams, manifest, create-app, install,\n"
                u"             uninstall\n\n"
                u"Run 'hookscope <command> --help' for the options of a command."_s);
        break;
    case Command::Listen:
        usage = u"Usage: hookscope listen [options]"_s;
        parser.setApplicationDescription(
                u"Runs the receiver in this terminal and prints one line per event (JSON Lines\n"
                u"with --json) until SIGINT or SIGTERM, after committing what is in flight."_s);
        break;
    case Command::Export:
        usage = u"Usage: hookscope export [options]"_s;
        parser.setApplicationDescription(
                u"Writes the stored events matching a filter as CSV, JSON Lines or HAR 1.2. It\n"
                u"opens the store read-only and can run while another hookscope writes to it."_s);
        break;
    case Command::RelayNew:
        usage = u"Usage: hookscope relay new [options]"_s;
        parser.setApplicationDescription(
                u"Creates a relay channel and prints its read URL and the URL to give Thena."_s);
        break;
    }
    parser.addOptions(options);
    QString text = parser.helpText();
    text.replace(0, text.indexOf(u'\n'), usage);
    return text;
}

} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    QCommandLineParser parser;
    parser.addPositionalArgument(u"command"_s, QString(), u"[command]"_s);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption dataDir(
            u"data-dir"_s,
            u"Where events are stored (default: $HOOKSCOPE_DATA_DIR or the user data folder)."_s,
            u"dir"_s);
    const QCommandLineOption port(u"port"_s, u"Receiver port (default 8787; 0 picks a free one)."_s,
                                  u"n"_s);
    const QCommandLineOption bind(u"bind"_s, u"Receiver address (default 127.0.0.1)."_s, u"addr"_s);
    const QCommandLineOption allowRemote(
            u"allow-remote"_s,
            u"Allow --bind to a non-loopback address (the receiver is then reachable from the network)."_s);
    const QCommandLineOption secretFile(
            u"secret-file"_s,
            u"Require the token in this file as /hooks/<token>, ?token=<token> or an Authorization header (one line; a trailing newline is ignored). Wins over --secret and $HOOKSCOPE_SECRET."_s,
            u"file"_s);
    const QCommandLineOption secret(
            u"secret"_s,
            u"Require this token, as --secret-file does (wins over $HOOKSCOPE_SECRET). Visible to other users in 'ps': prefer --secret-file or $HOOKSCOPE_SECRET."_s,
            u"token"_s);
    const QCommandLineOption maxBody(
            u"max-body"_s, u"Largest accepted body in bytes (default 10485760)."_s, u"bytes"_s);
    const QCommandLineOption rateLimit(
            u"rate-limit"_s,
            u"Deliveries per second one client may send (bursts of twice that; default 1000; 0 = no limit). Behind a tunnel the client is the X-Forwarded-For address; local tools are not limited."_s,
            u"n"_s);
    const QCommandLineOption json(u"json"_s, u"Print JSON Lines instead of text."_s);
    const QCommandLineOption format(u"format"_s, u"csv, jsonl or har (default csv)."_s, u"fmt"_s,
                                    u"csv"_s);
    const QCommandLineOption filter(u"filter"_s, u"Only events matching this filter expression."_s,
                                    u"expr"_s);
    const QCommandLineOption columns(
            u"columns"_s,
            u"Comma-separated columns; JSON paths like payload.ticket.priorityName allowed."_s,
            u"list"_s);
    const QCommandLineOption output({ u"o"_s, u"output"_s },
                                    u"Output file, - for standard output."_s, u"file"_s);
    const QCommandLineOption bom(u"bom"_s,
                                 u"Start the CSV with a UTF-8 byte order mark (for Excel)."_s);
    const QCommandLineOption relay(
            u"relay"_s,
            u"Also receive from this relay channel (its read URL: a smee.io channel or hookscope-relay's /<channel>?token=…)."_s,
            u"url"_s);
    const QCommandLineOption noReceiver(u"no-receiver"_s,
                                        u"Do not start the local HTTP receiver (relay only)."_s);
    const QCommandLineOption server(u"server"_s, u"The relay server (default https://smee.io)."_s,
                                    u"url"_s, u"https://smee.io"_s);
    const QCommandLineOption forwardTo(
            u"forward-to"_s,
            u"Forward every new event to this URL (same method, headers, raw body)."_s, u"url"_s);
    const QCommandLineOption forwardFilter(
            u"forward-filter"_s, u"Forward only events matching this filter expression."_s,
            u"expr"_s);
    const Forwarder::Options forwardDefaults;
    const QCommandLineOption forwardQueue(
            u"forward-queue"_s,
            u"Events waiting to be forwarded at most (default %1). An event beyond that is not forwarded; it is counted and recorded as a failed forward (replay it later)."_s
                    .arg(forwardDefaults.queueLimit),
            u"n"_s);
    const QCommandLineOption forwardTimeout(
            u"forward-timeout"_s,
            u"Seconds one forwarding attempt may take, counted from when its request is sent, not while it waits in the queue (default %1)."_s
                    .arg(forwardDefaults.timeoutMs / 1000),
            u"s"_s);
    const QCommandLineOption forwardRetries(
            u"forward-retries"_s,
            u"Retries of a forward that got no answer, timed out, or got a 5xx or 429, after %1 s, then twice as long each time, or when the target's Retry-After says (default %2; 0 = none). Other answers are not retried; an event that still fails is shown as failed."_s
                    .arg(forwardDefaults.backoffMs / 1000)
                    .arg(forwardDefaults.maxAttempts - 1),
            u"n"_s);
    // What each command reads; --help shows only those of the command it follows.
    const QList<QCommandLineOption> receiverOptions{ dataDir,     port,       bind,
                                                     allowRemote, secretFile, secret,
                                                     maxBody,     rateLimit,  relay };
    const QList<QCommandLineOption> forwardOptions{ forwardTo, forwardFilter, forwardQueue,
                                                    forwardTimeout, forwardRetries };
    const QList<QCommandLineOption> guiOptions = receiverOptions + forwardOptions;
    const QList<QCommandLineOption> listenOptions =
            receiverOptions + QList{ json, noReceiver } + forwardOptions;
    const QList<QCommandLineOption> exportOptions{ dataDir, format, filter, columns, output, bom };
    const QList<QCommandLineOption> relayNewOptions{ server };
    parser.addOptions(listenOptions);
    parser.addOptions(exportOptions.mid(1)); // --data-dir is already there
    parser.addOptions(relayNewOptions);

    cl.helpText = commandHelp(Command::Gui, guiOptions);
    if (!parser.parse(arguments)) {
        cl.error = parser.errorText();
        return cl;
    }
    cl.showHelp = parser.isSet(helpOption);
    cl.showVersion = parser.isSet(versionOption);

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    const bool relayNew = command == "relay"_L1 && positional.value(1) == "new"_L1;
    if (cl.showHelp) {
        // The help of the command it follows (of the desktop app when there is none, or an
        // unknown one), whatever else the line says.
        if (command == "listen"_L1)
            cl.helpText = commandHelp(Command::Listen, listenOptions);
        else if (command == "export"_L1)
            cl.helpText = commandHelp(Command::Export, exportOptions);
        else if (command == "relay"_L1)
            cl.helpText = commandHelp(Command::RelayNew, relayNewOptions);
        return cl;
    }
    if (positional.size() > (relayNew ? 2 : 1)) {
        cl.error = u"Too many arguments: %1"_s.arg(positional.mid(relayNew ? 2 : 1).join(u' '));
        return cl;
    }
    if (command.isEmpty())
        cl.command = Command::Gui;
    else if (command == "listen"_L1)
        cl.command = Command::Listen;
    else if (command == "export"_L1)
        cl.command = Command::Export;
    else if (relayNew)
        cl.command = Command::RelayNew;
    else if (command == "relay"_L1) {
        cl.error = u"Unknown relay command (expected: relay new)"_s;
        return cl;
    } else {
        cl.error = u"Unknown command '%1' (expected listen or export)"_s.arg(command);
        return cl;
    }

    cl.dataDir = DataDir::resolve(parser.value(dataDir));
    if (parser.isSet(port)) {
        bool ok = false;
        const uint p = parser.value(port).toUInt(&ok);
        if (!ok || p > 65535) {
            cl.error =
                    u"--port must be a number from 0 to 65535, not '%1'"_s.arg(parser.value(port));
            return cl;
        }
        cl.receiver.port = quint16(p);
        cl.portGiven = true;
    }
    if (parser.isSet(bind)) {
        const QHostAddress address(parser.value(bind));
        if (address.isNull()) {
            cl.error = u"--bind needs an IP address such as 127.0.0.1 or 0.0.0.0, not '%1'"_s.arg(
                    parser.value(bind));
            return cl;
        }
        if (!address.isLoopback() && !parser.isSet(allowRemote)) {
            cl.error =
                    u"--bind %1 would expose the receiver to the network; add --allow-remote if that is what you want"_s
                            .arg(parser.value(bind));
            return cl;
        }
        cl.receiver.address = address;
        cl.bindGiven = true;
    }
    // The receiver's secret: --secret-file, else --secret, else $HOOKSCOPE_SECRET. Only the
    // desktop app and `listen` run a receiver; the other commands do not read the file.
    if (parser.isSet(secretFile) && (cl.command == Command::Gui || cl.command == Command::Listen)) {
        QString problem;
        cl.receiver.secret = readSecretFile(parser.value(secretFile), &problem);
        if (!problem.isEmpty()) {
            cl.error = problem;
            return cl;
        }
    } else if (parser.isSet(secret)) {
        cl.receiver.secret = parser.value(secret);
    } else {
        cl.receiver.secret = qEnvironmentVariable("HOOKSCOPE_SECRET");
    }
    if (parser.isSet(maxBody)) {
        bool ok = false;
        const qint64 bytes = parser.value(maxBody).toLongLong(&ok);
        if (!ok || bytes <= 0) {
            cl.error = u"--max-body must be a positive number of bytes"_s;
            return cl;
        }
        cl.receiver.limits.request.maxBodyBytes = bytes;
        cl.maxBodyGiven = true;
    }
    if (parser.isSet(rateLimit)) {
        bool ok = false;
        const int rate = parser.value(rateLimit).toInt(&ok);
        if (!ok || rate < 0) {
            cl.error = u"--rate-limit must be a number of deliveries per second (0 for no limit)"_s;
            return cl;
        }
        cl.receiver.ratePerClient = rate;
        cl.rateGiven = true;
    }
    cl.json = parser.isSet(json);
    cl.relayUrl = parser.value(relay);
    cl.relayServer = parser.value(server);
    cl.noReceiver = parser.isSet(noReceiver);
    cl.forwardTo = parser.value(forwardTo);
    cl.forwardFilter = parser.value(forwardFilter);
    if (!cl.forwardTo.isEmpty()) {
        const QUrl url(cl.forwardTo, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
            || url.host().isEmpty()) {
            cl.error = u"--forward-to needs an http(s) URL, not '%1'"_s.arg(cl.forwardTo);
            return cl;
        }
    }
    if (parser.isSet(forwardQueue)) {
        bool ok = false;
        const int n = parser.value(forwardQueue).toInt(&ok);
        if (!ok || n < 1) {
            cl.error = u"--forward-queue must be a number of events (1 or more), not '%1'"_s.arg(
                    parser.value(forwardQueue));
            return cl;
        }
        cl.forwardQueue = n;
    }
    if (parser.isSet(forwardTimeout)) {
        bool ok = false;
        const double seconds = parser.value(forwardTimeout).toDouble(&ok);
        if (!ok || !(seconds >= 0.001 && seconds <= 86'400)) {
            cl.error =
                    u"--forward-timeout must be a number of seconds (up to 86400), not '%1'"_s.arg(
                            parser.value(forwardTimeout));
            return cl;
        }
        cl.forwardTimeoutMs = qRound(seconds * 1000);
    }
    if (parser.isSet(forwardRetries)) {
        bool ok = false;
        const int n = parser.value(forwardRetries).toInt(&ok);
        if (!ok || n < 0 || n > 100) {
            cl.error = u"--forward-retries must be a number from 0 to 100, not '%1'"_s.arg(
                    parser.value(forwardRetries));
            return cl;
        }
        cl.forwardRetries = n;
    }
    if (cl.command == Command::Listen && cl.forwardTo.isEmpty()) {
        for (const QCommandLineOption *o : { &forwardQueue, &forwardTimeout, &forwardRetries })
            if (parser.isSet(*o)) {
                cl.error = u"--%1 needs --forward-to URL"_s.arg(o->names().first());
                return cl;
            }
    }
    if (!cl.forwardFilter.isEmpty()) {
        const FilterExpression expression = FilterExpression::parse(cl.forwardFilter);
        if (!expression.isValid()) {
            cl.error = u"invalid --forward-filter at column %1: %2"_s.arg(expression.errorColumn())
                               .arg(expression.errorMessage());
            return cl;
        }
    }
    if (cl.noReceiver && cl.relayUrl.isEmpty()) {
        cl.error = u"--no-receiver needs --relay URL (otherwise nothing would be received)"_s;
        return cl;
    }
    if (!cl.relayUrl.isEmpty()) {
        const QUrl url(cl.relayUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
            || url.host().isEmpty()) {
            cl.error = u"--relay needs an http(s) channel URL, not '%1'"_s.arg(cl.relayUrl);
            return cl;
        }
    }
    cl.format = parser.value(format).toLower();
    cl.filter = parser.value(filter);
    cl.output = parser.value(output);
    cl.bom = parser.isSet(bom);
    if (parser.isSet(columns))
        cl.columns = parser.value(columns).split(u',', Qt::SkipEmptyParts);
    for (QString &c : cl.columns)
        c = c.trimmed();

    if (cl.command == Command::Export) {
        if (cl.format != "csv"_L1 && cl.format != "jsonl"_L1 && cl.format != "har"_L1) {
            cl.error = u"--format must be csv, jsonl or har, not '%1'"_s.arg(cl.format);
            return cl;
        }
        if (cl.format == "har"_L1 && !cl.columns.isEmpty()) {
            cl.error =
                    u"--columns does not apply to --format har (an entry is the whole request)"_s;
            return cl;
        }
        if (cl.output.isEmpty()) {
            cl.error = u"export needs -o FILE (or -o - for standard output)"_s;
            return cl;
        }
        if (!cl.columns.isEmpty()) {
            const QString problem = EventExporter::columnError(cl.columns);
            if (!problem.isEmpty()) {
                cl.error = problem;
                return cl;
            }
        }
    }
    return cl;
}

ReceiverConfig CommandLine::receiverOver(ReceiverConfig saved) const
{
    if (portGiven)
        saved.port = receiver.port;
    if (bindGiven)
        saved.address = receiver.address;
    if (maxBodyGiven)
        saved.limits.request.maxBodyBytes = receiver.limits.request.maxBodyBytes;
    if (rateGiven)
        saved.ratePerClient = receiver.ratePerClient;
    if (!receiver.secret.isEmpty())
        saved.secret = receiver.secret;
    return saved;
}

Forwarder::Options CommandLine::forwardOptionsOver(Forwarder::Options defaults) const
{
    if (forwardQueue)
        defaults.queueLimit = *forwardQueue;
    if (forwardTimeoutMs)
        defaults.timeoutMs = *forwardTimeoutMs;
    if (forwardRetries)
        defaults.maxAttempts = *forwardRetries + 1;
    return defaults;
}

} // namespace Hookscope
