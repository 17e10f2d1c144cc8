// SPDX-License-Identifier: MIT
// A relay client in its own process, for tests that kill it (SIGKILL) mid-stream:
//   relayclient-probe <data-dir> <channel-url> [auto|sse|ws]
// Stores into <data-dir>/events.db and keeps its position in <data-dir>, like
// `hookscope listen --relay` will. Prints one line per state change.

#include <QCoreApplication>
#include <QTextStream>
#include <QUrl>

#include "core/relay/relayclient.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    EventStore store;
    if (!store.open(args.at(1)))
        return 1;
    RelayClient client(&store);
    RelayClient::Options options;
    options.dataDir = args.at(1);
    options.watchdogMs = 2000;
    options.initialBackoffMs = 50;
    options.maxBackoffMs = 400;
    const QString transport = args.value(3, u"auto"_s);
    options.transport = transport == "sse"_L1 ? RelayClient::Transport::Sse
            : transport == "ws"_L1            ? RelayClient::Transport::WebSocket
                                              : RelayClient::Transport::Auto;
    client.setOptions(options);
    QTextStream out(stdout);
    QObject::connect(
            &client, &RelayClient::stateChanged, &client,
            [&out, &client](RelayClient::State) { out << client.statusText() << Qt::endl; });
    if (!client.start(QUrl(args.at(2))))
        return 1;
    return QCoreApplication::exec();
}
