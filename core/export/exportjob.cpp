// SPDX-License-Identifier: MIT
#include "exportjob.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <memory>

#include "core/export/eventexporter.h"
#include "core/export/harexporter.h"
#include "core/export/summarycsv.h"
#include "core/store/eventscan.h"
#include "core/store/eventstore.h"
#include "core/store/summaryreader.h"

using namespace Qt::StringLiterals;

namespace Hookscope::ExportJob {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Hookscope::ExportJob", text);
}

} // namespace

ExportResult run(const ExportRequest &request, const std::atomic_bool *cancel,
                 std::atomic<qint64> *rows)
{
    ExportResult result;
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    EventStore store;
    if (!store.openReadOnly(request.dataDir)) {
        result.error = store.errorString();
        return result;
    }

    const bool toStdout = request.output == "-"_L1;
    QFile stdoutFile;
    QSaveFile file;
    QIODevice *device = nullptr;
    if (toStdout) {
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly)) {
            result.error = tr("cannot write to standard output");
            return result;
        }
        device = &stdoutFile;
    } else {
        file.setFileName(request.output);
        if (!file.open(QIODevice::WriteOnly)) {
            result.error = tr("cannot write %1: %2").arg(request.output, file.errorString());
            return result;
        }
        device = &file;
    }

    std::unique_ptr<Exporter> exporter;
    EventExporter *events = nullptr; // the CSV / JSON Lines exporter, for its fast path
    if (request.format == ExportRequest::Format::Har) {
        exporter = std::make_unique<HarExporter>(device);
    } else {
        auto e = std::make_unique<EventExporter>(
                device,
                request.format == ExportRequest::Format::JsonLines
                        ? EventExporter::Format::JsonLines
                        : EventExporter::Format::Csv,
                request.columns.isEmpty() ? EventExporter::defaultColumns() : request.columns,
                request.csv);
        events = e.get();
        exporter = std::move(e);
    }

    const FilterExpression &filter = request.filter;
    bool ok = exporter->begin();
    bool scanned = false;
    QString scanError;
    SummaryReader reader;
    int tick = 0;
    auto progress = [&] {
        if (rows)
            rows->store(exporter->rowsWritten(), std::memory_order_relaxed);
        return !((++tick & 255) == 0 && cancelled());
    };
    if (events && events->canWriteSummaryRows() && !filter.needsPayload()
        && reader.open(store.databasePath())) {
        // The fast path: summary-level CSV straight from SQLite's bytes, the filter decided
        // inside the scan, on two threads for a large store (SummaryCsv).
        SummaryCsv::Scan scan;
        scan.databasePath = store.databasePath();
        scan.filter = filter;
        scan.columns = events->columns();
        scan.csv = request.csv;
        scan.cancel = cancel;
        scan.rows = rows;
        // (When the exporter could not even begin, there is nothing to read for: it says why.)
        scanned = !ok || SummaryCsv::write(reader, *events, scan, &scanError);
    } else {
        scanned = EventScan::forEachMatching(
                store, filter,
                [&](const Event &event) {
                    ok = ok && exporter->write(event);
                    return ok && progress();
                },
                exporter->needsFullEvents() ? EventScan::Detail::Full : EventScan::Detail::Summary,
                cancel);
        if (!scanned)
            scanError = tr("reading the store failed");
    }
    ok = exporter->finish() && ok;
    result.rows = exporter->rowsWritten();
    if (rows)
        rows->store(result.rows, std::memory_order_relaxed);

    if (cancelled()) {
        file.cancelWriting();
        result.cancelled = true;
        result.error = tr("Export cancelled; no file was written.");
        return result;
    }
    if (!scanned || !ok) {
        file.cancelWriting();
        result.error = !scanned ? scanError : exporter->errorString();
        return result;
    }
    if (!toStdout && !file.commit()) {
        result.error = tr("cannot write %1: %2").arg(request.output, file.errorString());
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace Hookscope::ExportJob
