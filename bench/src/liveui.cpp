// SPDX-License-Identifier: MIT
// hookscope-bench-liveui: the desktop app's live path in one process, offscreen — receiver,
// store, EventTableModel, proxy and table (a real MainWindow) — under a paced load from a
// client thread (pacedclient.h, same process, loopback).
//
//   hookscope-bench-liveui --fixtures F1,F2,... [--rate 1000] [--duration 30] [--connections 8]
//                          [--data-dir D]   (default: a fresh temporary directory)
//                          [--filter TEXT]  (a filter the table shows while the load runs)
//
// For every acknowledged delivery it pairs the client's 2xx (reply fully read) with the
// moment the row with that store id was inserted into EventTableModel (rowsInserted), and
// with the end of the next paint of the table's viewport after that (the row is then on
// screen: the window follows the newest events). A 1 ms precise QTimer on the GUI thread
// measures how late the event loop runs (the longest stall; stallmeter.h, which
// hookscope-bench-history uses too).
//
// It also pairs each 2xx with the moment the row was inserted into the table's proxy
// (EventFilterProxy, rowsInserted; the id from EventTableModel::IdRole) and with the next
// paint after that: the row the user sees. Without a filter that is every row. With
// --filter the filter is applied after the window is shown and before the load (waiting for
// filterFinished() when a job decides it); the proxy then decides each new row as it comes
// (a filter that needs bodies reads the row's body on the GUI thread) and shows only the
// rows it accepts, so the proxy figures cover those rows only, while the model figures still
// cover every delivery. The proxy handles the model's rowsInserted before this program does
// (it connected first), so a row's proxy stamp comes before its model stamp, and the model
// stamp includes the proxy's decision.
#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
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
#include "core/filter/filterexpression.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "ui/events/eventfilterproxy.h"
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

// `text` as a JSON string literal (quotes included).
std::string jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{ text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2).toStdString(); // [ "…" ] -> "…"
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
    QString filterText;
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
        else if (a == "--filter"_L1)
            filterText = v;
    }
    std::vector<std::string> files;
    for (const QString &f : fixtures)
        files.push_back(f.toStdString());
    config.bodies = readFiles(files);
    if (config.bodies.empty()) {
        std::fprintf(stderr,
                     "usage: hookscope-bench-liveui --fixtures F1,F2 [--rate R] [--duration S] "
                     "[--connections C] [--data-dir D] [--filter TEXT]\n");
        return 2;
    }
    const FilterExpression filter = FilterExpression::parse(filterText);
    if (!filter.isValid()) {
        std::fprintf(stderr, "hookscope-bench-liveui: --filter: %s (column %d)\n",
                     qPrintable(filter.errorMessage()), filter.errorColumn());
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

    // The filter, if any: applied to the empty table before the load, its result shown.
    EventFilterProxy *proxy = window.proxy();
    double filterMs = 0;
    bool filterTimedOut = false;
    if (!filter.isEmpty()) {
        const int mark = watch->mark();
        const int64_t a = nowNs();
        proxy->setFilter(filter);
        if (proxy->isFiltering()) {
            QEventLoop loop;
            QObject::connect(proxy, &EventFilterProxy::filterFinished, &loop, &QEventLoop::quit);
            QTimer::singleShot(30000, &loop, [&] {
                filterTimedOut = true;
                loop.quit();
            });
            loop.exec();
        }
        filterMs = double(nowNs() - a) / 1e6;
        if (filterTimedOut)
            std::fprintf(stderr, "hookscope-bench-liveui: the filter was not applied in 30 s\n");
        watch->waitForPaintAfter(mark, 1000); // the table with the filter, before the load
    }

    // Row arrival and paint stamps (GUI thread only): rows in the model (every delivery)
    // and rows in the proxy (the rows the table shows).
    std::unordered_map<qint64, int64_t> rowNs, paintNs, proxyRowNs, proxyPaintNs;
    std::vector<qint64> awaitingPaint, awaitingProxyPaint;
    EventTableModel *model = window.model();
    // How long the GUI thread spends on each batch of new rows: the model's
    // rowsAboutToBeInserted until this program's rowsInserted handler, which runs after the
    // proxy's (its decision, the body reads of a body filter, and the view's update).
    int64_t insertStart = 0;
    std::vector<double> insertBatch;
    QObject::connect(model, &QAbstractItemModel::rowsAboutToBeInserted, model,
                     [&](const QModelIndex &parent) {
                         if (!parent.isValid())
                             insertStart = nowNs();
                     });
    QObject::connect(model, &QAbstractItemModel::rowsInserted, model,
                     [&](const QModelIndex &, int first, int last) {
                         const int64_t t = nowNs();
                         if (insertStart) {
                             insertBatch.push_back(double(t - insertStart) / 1e6);
                             insertStart = 0;
                         }
                         for (int r = first; r <= last; ++r) {
                             const qint64 id = model->idAt(r);
                             rowNs[id] = t;
                             awaitingPaint.push_back(id);
                         }
                     });
    const auto proxyRowShown = [&](int row, int64_t t) {
        const qint64 id = proxy->index(row, 0).data(EventTableModel::IdRole).toLongLong();
        if (id > 0 && proxyRowNs.emplace(id, t).second)
            awaitingProxyPaint.push_back(id);
    };
    QObject::connect(proxy, &QAbstractItemModel::rowsInserted, proxy,
                     [&](const QModelIndex &parent, int first, int last) {
                         if (parent.isValid())
                             return;
                         const int64_t t = nowNs();
                         for (int r = first; r <= last; ++r)
                             proxyRowShown(r, t);
                     });
    // A reset (a filter job's answer, or many rows at scattered places) shows its rows at
    // once: those not seen before count from then.
    QObject::connect(proxy, &QAbstractItemModel::modelReset, proxy, [&] {
        const int64_t t = nowNs();
        for (int r = 0, n = proxy->rowCount(); r < n; ++r)
            proxyRowShown(r, t);
    });
    watch->onPainted = [&](int64_t t) {
        for (qint64 id : awaitingPaint)
            paintNs[id] = t;
        awaitingPaint.clear();
        for (qint64 id : awaitingProxyPaint)
            proxyPaintNs[id] = t;
        awaitingProxyPaint.clear();
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

    std::vector<double> toModel, toPaint, endToEnd, request, toProxy, toProxyPaint, endToEndShown;
    long missing = 0, non2xx = 0, hidden = 0;
    for (const PacedSample &s : result.samples) {
        request.push_back(double(s.doneNs - s.dueNs) / 1e6);
        if (s.status < 200 || s.status > 299 || s.id <= 0) {
            ++non2xx;
            continue;
        }
        const auto v = proxyRowNs.find(s.id);
        if (v != proxyRowNs.end()) {
            toProxy.push_back(double(v->second - s.doneNs) / 1e6);
            const auto vp = proxyPaintNs.find(s.id);
            if (vp != proxyPaintNs.end()) {
                toProxyPaint.push_back(double(vp->second - s.doneNs) / 1e6);
                endToEndShown.push_back(double(vp->second - s.sentNs) / 1e6);
            }
        }
        const auto r = rowNs.find(s.id);
        const auto p = paintNs.find(s.id);
        if (r == rowNs.end()) {
            ++missing;
            continue;
        }
        if (v == proxyRowNs.end())
            ++hidden;
        toModel.push_back(double(r->second - s.doneNs) / 1e6);
        if (p != paintNs.end()) {
            toPaint.push_back(double(p->second - s.doneNs) / 1e6);
            endToEnd.push_back(double(p->second - s.sentNs) / 1e6);
        }
    }
    const double seconds = double(result.endNs - result.startNs) / 1e9;
    const int proxyRows = proxy->rowCount();
    std::string filterNote = "no filter";
    if (!filter.isEmpty()) {
        filterNote = "filter '" + filterText.toStdString() + "' (";
        filterNote += filterTimedOut ? std::string("NOT APPLIED IN 30 s")
                                     : "applied in " + std::to_string(int(filterMs + 0.5)) + " ms";
        filterNote += ")";
    }
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
    std::printf("liveui: %s: %zu of %zu rows shown; 2xx -> row in the table p50 %.2f ms, p99 "
                "%.2f ms; 2xx -> painted p99 %.2f ms; sent -> painted p99 %.2f ms; %zu row "
                "batches inserted in p99 %.2f ms, max %.2f ms\n",
                filterNote.c_str(), toProxy.size(), toModel.size(), percentile(toProxy, 50),
                percentile(toProxy, 99), percentile(toProxyPaint, 99),
                percentile(endToEndShown, 99), insertBatch.size(), percentile(insertBatch, 99),
                percentile(insertBatch, 100));
    std::printf(
            "BENCHJSON "
            "{\"deliveries\":%zu,\"target_rate\":%.1f,\"rate\":%.1f,\"missing_rows\":%ld,"
            "\"non2xx\":%ld,"
            "\"errors\":%lld,\"unanswered\":%lld,\"reply_to_model_ms\":%s,\"reply_to_paint_ms\":%s,"
            "\"sent_to_paint_ms\":%s,\"request_ms\":%s,\"stall_ms\":%s,\"idle_stall_ms\":%s,"
            "\"filter\":%s,\"filter_ms\":%.3f,\"filter_timed_out\":%s,\"proxy_rows\":%d,"
            "\"shown_rows\":%zu,\"hidden_rows\":%ld,\"reply_to_proxy_ms\":%s,"
            "\"reply_to_proxy_paint_ms\":%s,\"sent_to_proxy_paint_ms\":%s,\"insert_batch_ms\":%s,"
            "\"error\":\"%s\"}\n",
            result.samples.size(), config.rate,
            seconds > 0 ? double(result.samples.size()) / seconds : 0.0, missing, non2xx,
            static_cast<long long>(result.errors), static_cast<long long>(result.unanswered),
            stats(toModel).c_str(), stats(toPaint).c_str(), stats(endToEnd).c_str(),
            stats(request).c_str(), stats(lateness).c_str(), stats(idleLateness).c_str(),
            jsonString(filter.isEmpty() ? QString() : filterText).c_str(), filterMs,
            filterTimedOut ? "true" : "false", proxyRows, toProxy.size(), hidden,
            stats(toProxy).c_str(), stats(toProxyPaint).c_str(), stats(endToEndShown).c_str(),
            stats(insertBatch).c_str(), result.error.c_str());
    std::fflush(stdout);
    receiver.stop();
    store.close();
    _exit(0);
}
