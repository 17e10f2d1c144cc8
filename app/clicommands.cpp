// SPDX-License-Identifier: MIT
#include "clicommands.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cstdio>
#include <memory>

#include "app/cliio.h"
#include "app/commandline.h"
#include "core/common/unixsignalwatcher.h"
#include "core/export/eventexporter.h"
#include "core/export/exportjob.h"
#include "core/filter/filterexpression.h"
#include "core/receiver/receiver.h"
#include "core/relay/forwarder.h"
#include "core/relay/relayclient.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;
using Hookscope::Cli::err;

namespace Hookscope {

namespace {

void printEvent(QTextStream &out, const EventSummary &s, bool json)
{
    if (json) {
        const QJsonObject o{ { u"id"_s, s.id },
                             { u"received_at"_s, EventExporter::formatTime(s.receivedAt) },
                             { u"occurred_at"_s,
                               s.occurredAt ? EventExporter::formatTime(s.occurredAt) : QString() },
                             { u"type"_s, s.type },
                             { u"event_id"_s, s.eventId },
                             { u"team"_s, s.team },
                             { u"actor"_s, s.actor },
                             { u"entity"_s, s.entity },
                             { u"summary"_s, s.summary },
                             { u"source"_s, s.source },
                             { u"status"_s, s.status },
                             { u"size"_s, s.size } };
        out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    } else {
        const QString time =
                QDateTime::fromMSecsSinceEpoch(s.receivedAt).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        QString type = s.type;
        if (s.status != EventStatus::Ok)
            type += u" ["_s + s.status + u']';
        out << time << "  " << type.leftJustified(28) << "  "
            << (s.team.isEmpty() ? u"-"_s : s.team).leftJustified(12) << "  " << s.summary << '\n';
    }
}

} // namespace

int runListen(const CommandLine &cl)
{
    EventStore store;
    if (!store.open(cl.dataDir)) {
        err() << "hookscope: " << store.errorString() << Qt::endl;
        return 1;
    }
    if (!store.recoveryNote().isEmpty())
        err() << "hookscope: " << store.recoveryNote() << Qt::endl;

    Receiver receiver(&store);
    receiver.setConfig(cl.receiver);
    if (!cl.noReceiver && !receiver.start()) {
        err() << "hookscope: " << receiver.errorString() << Qt::endl;
        return 1;
    }

    std::unique_ptr<RelayClient> relay;
    if (!cl.relayUrl.isEmpty()) {
        relay = std::make_unique<RelayClient>(&store);
        RelayClient::Options options = relay->options();
        options.dataDir = cl.dataDir; // the channel position lives beside events.db
        relay->setOptions(options);
        QObject::connect(relay.get(), &RelayClient::stateChanged, relay.get(),
                         [&relay](RelayClient::State state) {
                             err() << "hookscope: " << relay->statusText() << Qt::endl;
                             if (state == RelayClient::State::Error)
                                 QCoreApplication::exit(1); // 401/404 do not fix themselves
                         });
        QObject::connect(relay.get(), &RelayClient::notice, relay.get(),
                         [](const QString &message) {
                             err() << "hookscope: relay: " << message << Qt::endl;
                         });
        if (!relay->start(QUrl(cl.relayUrl))) {
            err() << "hookscope: " << relay->errorString() << Qt::endl;
            return 2;
        }
    }

    std::unique_ptr<Forwarder> forwarder;
    if (!cl.forwardTo.isEmpty()) {
        forwarder = std::make_unique<Forwarder>(&store);
        forwarder->setTarget(QUrl(cl.forwardTo));
        forwarder->setFilter(FilterExpression::parse(cl.forwardFilter));
        forwarder->setOptions(cl.forwardOptionsOver(forwarder->options()));
        // Attempts that will be retried, then each event's end: delivered or given up on.
        QObject::connect(forwarder.get(), &Forwarder::attempted, forwarder.get(),
                         [](const Forwarder::Outcome &o) {
                             if (o.willRetry())
                                 err() << "hookscope: forwarding event " << o.eventId << " to "
                                       << o.target.toString() << ": " << o.error << Qt::endl;
                         });
        QObject::connect(forwarder.get(), &Forwarder::forwarded, forwarder.get(),
                         [](const Forwarder::Outcome &o) {
                             if (o.ok())
                                 err() << "  → event " << o.eventId << " forwarded: " << o.status
                                       << " in " << o.latencyMs << " ms"
                                       << (o.attempt > 1 ? u" (attempt %1)"_s.arg(o.attempt)
                                                         : QString())
                                       << Qt::endl;
                             else
                                 err() << "hookscope: forwarding event " << o.eventId << " to "
                                       << o.target.toString() << " failed: " << o.error << Qt::endl;
                         });
        const Forwarder::Options options = forwarder->options();
        err() << "Forwarding new events to " << cl.forwardTo
              << (cl.forwardFilter.isEmpty() ? QString()
                                             : u" (only '"_s + cl.forwardFilter + u"')"_s)
              << "; " << options.maxAttempts << " attempt(s) of at most "
              << options.timeoutMs / 1000.0 << " s each, up to " << options.queueLimit << " waiting"
              << Qt::endl;
    }

    QTextStream out(stdout);
    QObject::connect(&store, &EventStore::eventsAdded, &store,
                     [&out, &cl](const QList<EventSummary> &events) {
                         for (const EventSummary &s : events)
                             printEvent(out, s, cl.json);
                         out.flush(); // once per committed batch, not per event
                     });
    QObject::connect(&receiver, &Receiver::rejected, &receiver,
                     [](int status, const QString &reason, const QString &remote) {
                         err() << "hookscope: refused " << status << " from " << remote << ": "
                               << reason << Qt::endl;
                     });
    QObject::connect(&store, &EventStore::storeError, &store,
                     [](const QString &message) { err() << "hookscope: " << message << Qt::endl; });

    if (receiver.isListening())
        err() << "Listening on " << receiver.displayUrl() << "  (events stored in "
              << QDir::toNativeSeparators(store.databasePath()) << "; Ctrl+C to stop)" << Qt::endl;
    else
        err() << "Receiving from relay " << relay->displayUrl() << "  (events stored in "
              << QDir::toNativeSeparators(store.databasePath()) << "; Ctrl+C to stop)" << Qt::endl;
    if (receiver.isListening() && !receiver.isLoopbackOnly())
        err() << "hookscope: warning: bound to " << cl.receiver.address.toString()
              << ", the receiver is reachable from the network" << Qt::endl;

    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &watcher, [&](int) {
        // Stop taking new events, commit and answer what is in flight, then quit.
        if (relay)
            relay->stop();
        store.flush();
        receiver.stop();
        QCoreApplication::quit();
    });
    const int code = QCoreApplication::exec();
    if (relay)
        relay->stop();
    store.flush();
    if (forwarder) {
        // What was still queued or in flight is recorded as not delivered (replay it later).
        const Forwarder::Counters before = forwarder->counters();
        {
            const QSignalBlocker quiet(forwarder.get()); // one line below, not one per event
            forwarder->stop();
        }
        const Forwarder::Counters c = forwarder->counters();
        err() << "Forwarding: " << c.delivered << " delivered, " << c.failed << " failed";
        if (const int pending = before.queued + before.inFlight)
            err() << " (" << pending << " of them still queued or in flight at exit)";
        err() << ", " << c.dropped << " dropped (queue full)" << Qt::endl;
    }
    const qint64 stored = store.count();
    store.close();
    err() << "Stopped; " << stored << " events stored." << Qt::endl;
    return code;
}

int runRelayNew(const CommandLine &cl)
{
    QNetworkAccessManager network;
    int code = 1;
    RelayClient::createChannel(
            &network, QUrl(cl.relayServer), &network,
            [&code](const RelayClient::ChannelInfo &channel, const QString &error) {
                QTextStream out(stdout);
                if (!error.isEmpty()) {
                    err() << "hookscope: " << error << Qt::endl;
                } else {
                    out << "read URL (for hookscope listen --relay):  "
                        << channel.readUrl.toString() << '\n'
                        << "ingest URL (for Thena's manifest):       "
                        << channel.ingestUrl.toString() << Qt::endl;
                    code = 0;
                }
                QCoreApplication::exit(code);
            });
    QCoreApplication::exec();
    return code;
}

int runExport(const CommandLine &cl)
{
    const FilterExpression filter = FilterExpression::parse(cl.filter);
    if (!filter.isValid()) {
        err() << "hookscope: invalid --filter at column " << filter.errorColumn() << ": "
              << filter.errorMessage() << '\n'
              << "  " << cl.filter << '\n'
              << "  " << QString(qMax(0, filter.errorColumn() - 1), u' ') << '^' << Qt::endl;
        return 2;
    }
    ExportRequest request;
    request.dataDir = cl.dataDir;
    request.filter = filter;
    request.format = cl.format == "har"_L1 ? ExportRequest::Format::Har
            : cl.format == "jsonl"_L1      ? ExportRequest::Format::JsonLines
                                           : ExportRequest::Format::Csv;
    request.columns = cl.columns;
    request.csv.utf8Bom = cl.bom;
    request.output = cl.output;
    const ExportResult result = ExportJob::run(request);
    if (!result.ok) {
        err() << "hookscope: export failed: " << result.error << Qt::endl;
        return 1;
    }
    if (cl.output != "-"_L1)
        err() << result.rows << " events written to " << cl.output << Qt::endl;
    return 0;
}

} // namespace Hookscope
