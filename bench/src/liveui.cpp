// SPDX-License-Identifier: MIT
// hookscope-bench-liveui: the desktop app's live path in one process, offscreen — receiver,
// store, EventTableModel, proxy and table (a real MainWindow) — under a paced load from a
// client thread (pacedclient.h, same process, loopback).
//
//   hookscope-bench-liveui --fixtures F1,F2,... [--rate 1000] [--duration 30] [--connections 8]
//                          [--data-dir D]   (default: a fresh temporary directory)
//
// For every acknowledged delivery it pairs the client's 2xx (reply fully read) with the
// moment the row with that store id was inserted into EventTableModel (rowsInserted), and
// with the end of the next paint of the table's viewport after that (the row is then on
// screen: the window follows the newest events). A 1 ms precise QTimer on the GUI thread
// measures how late the event loop runs (the longest stall; stallmeter.h, which
// hookscope-bench-history uses too).
#include <QApplication>
#include <QTableView>
#include <QTemporaryDir>

#include <atomic>
#include <cstdio>
#include <thread>
#include <unordered_map>

#include "bench/src/benchutil.h"
#include "bench/src/pacedclient.h"
#include "bench/src/paintwatch.h"
#include "bench/src/stallmeter.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "ui/events/eventtablemodel.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;
using namespace HookscopeBench;

namespace {

std::string stats(std::vector<double> v)
{
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"n\":%zu,\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f}", v.size(),
                  percentile(v, 50), percentile(v, 90), percentile(v, 99), percentile(v, 100));
    return buf;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Hookscope"_s);
    QCoreApplication::setApplicationName(u"hookscope"_s);

    PacedConfig config;
    QString dataDir;
    QStringList fixtures;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString a = args.at(i), v = args.at(i + 1);
        if (a == "--rate"_L1)
            config.rate = v.toDouble();
        else if (a == "--duration"_L1)
            config.durationS = v.toDouble();
        else if (a == "--connections"_L1)
            config.connections = v.toInt();
        else if (a == "--data-dir"_L1)
            dataDir = v;
        else if (a == "--fixtures"_L1)
            fixtures = v.split(u',', Qt::SkipEmptyParts);
    }
    std::vector<std::string> files;
    for (const QString &f : fixtures)
        files.push_back(f.toStdString());
    config.bodies = readFiles(files);
    if (config.bodies.empty()) {
        std::fprintf(stderr,
                     "usage: hookscope-bench-liveui --fixtures F1,F2 [--rate R] [--duration S]\n");
        return 2;
    }
    QTemporaryDir tmp;
    if (dataDir.isEmpty())
        dataDir = tmp.path();

    EventStore store;
    if (!store.open(dataDir)) {
        std::fprintf(stderr, "cannot open store: %s\n", qPrintable(store.errorString()));
        return 1;
    }
    Receiver receiver(&store);
    ReceiverConfig rc;
    rc.port = 0;
    receiver.setConfig(rc);
    if (!receiver.start()) {
        std::fprintf(stderr, "cannot start receiver: %s\n", qPrintable(receiver.errorString()));
        return 1;
    }
    config.port = receiver.port();
    MainWindow window(&store, &receiver, dataDir);
    auto *watch = new PaintWatch(window.table()->viewport());
    window.show();
    watch->waitForPaint(10000);

    // Row arrival and paint stamps (GUI thread only).
    std::unordered_map<qint64, int64_t> rowNs, paintNs;
    std::vector<qint64> awaitingPaint;
    EventTableModel *model = window.model();
    QObject::connect(model, &QAbstractItemModel::rowsInserted, model,
                     [&](const QModelIndex &, int first, int last) {
                         const int64_t t = nowNs();
                         for (int r = first; r <= last; ++r) {
                             const qint64 id = model->idAt(r);
                             rowNs[id] = t;
                             awaitingPaint.push_back(id);
                         }
                     });
    watch->onPainted = [&](int64_t t) {
        for (qint64 id : awaitingPaint)
            paintNs[id] = t;
        awaitingPaint.clear();
    };

    // Event-loop latency probe (stallmeter.h): lateness of a 1 ms timer, in ms.
    StallMeter probe;

    // Idle baseline: the probe alone for one second.
    probe.start();
    {
        QEventLoop idle;
        QTimer::singleShot(1000, &idle, &QEventLoop::quit);
        idle.exec();
    }
    probe.stop();
    const std::vector<double> idleLateness = probe.lateness();

    std::atomic_bool done{ false };
    PacedResult result;
    probe.start();
    std::thread client([&] {
        result = runPaced(config);
        done = true;
    });
    {
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (done.load())
                loop.quit();
        });
        poll.start(20);
        loop.exec();
    }
    client.join();
    probe.stop();
    const std::vector<double> lateness = probe.lateness();
    // Let the last rows arrive and be painted.
    {
        QEventLoop settle;
        QTimer::singleShot(500, &settle, &QEventLoop::quit);
        settle.exec();
    }

    std::vector<double> toModel, toPaint, endToEnd, request;
    long missing = 0, non2xx = 0;
    for (const PacedSample &s : result.samples) {
        request.push_back(double(s.doneNs - s.dueNs) / 1e6);
        if (s.status < 200 || s.status > 299 || s.id <= 0) {
            ++non2xx;
            continue;
        }
        const auto r = rowNs.find(s.id);
        const auto p = paintNs.find(s.id);
        if (r == rowNs.end()) {
            ++missing;
            continue;
        }
        toModel.push_back(double(r->second - s.doneNs) / 1e6);
        if (p != paintNs.end()) {
            toPaint.push_back(double(p->second - s.doneNs) / 1e6);
            endToEnd.push_back(double(p->second - s.sentNs) / 1e6);
        }
    }
    const double seconds = double(result.endNs - result.startNs) / 1e9;
    std::printf("liveui: %zu deliveries at %.0f/s target (%.0f/s achieved); 2xx -> row in model "
                "p50 %.2f ms, p99 %.2f ms; "
                "2xx -> painted p99 %.2f ms; sent -> painted p99 %.2f ms; request p99 %.2f ms; "
                "longest GUI stall %.2f ms "
                "(idle %.2f ms); missing rows %ld, non-2xx %ld\n",
                result.samples.size(), config.rate,
                seconds > 0 ? double(result.samples.size()) / seconds : 0.0,
                percentile(toModel, 50), percentile(toModel, 99), percentile(toPaint, 99),
                percentile(endToEnd, 99), percentile(request, 99), percentile(lateness, 100),
                percentile(idleLateness, 100), missing, non2xx);
    std::printf(
            "BENCHJSON "
            "{\"deliveries\":%zu,\"target_rate\":%.1f,\"rate\":%.1f,\"missing_rows\":%ld,"
            "\"non2xx\":%ld,"
            "\"errors\":%lld,\"unanswered\":%lld,\"reply_to_model_ms\":%s,\"reply_to_paint_ms\":%s,"
            "\"sent_to_paint_ms\":%s,\"request_ms\":%s,\"stall_ms\":%s,\"idle_stall_ms\":%s,"
            "\"error\":\"%s\"}\n",
            result.samples.size(), config.rate,
            seconds > 0 ? double(result.samples.size()) / seconds : 0.0, missing, non2xx,
            static_cast<long long>(result.errors), static_cast<long long>(result.unanswered),
            stats(toModel).c_str(), stats(toPaint).c_str(), stats(endToEnd).c_str(),
            stats(request).c_str(), stats(lateness).c_str(), stats(idleLateness).c_str(),
            result.error.c_str());
    std::fflush(stdout);
    receiver.stop();
    store.close();
    _exit(0);
}
