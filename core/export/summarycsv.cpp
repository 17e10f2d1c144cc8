// SPDX-License-Identifier: MIT
#include "summarycsv.h"

#include <QBuffer>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/export/eventexporter.h"
#include "core/export/summaryrowfilter.h"
#include "core/store/summaryreader.h"

namespace Hookscope::SummaryCsv {

namespace {

constexpr int SnapshotTries = 3;

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Puts both connections in a read transaction on the same snapshot and says which ids it
// holds. A's snapshot is taken, then B's, then A's again: when A's data_version did not change
// between its two (SQLite: it differs when another connection committed in the interim),
// nothing was committed from A's first to its second, so B's, taken in between, is the same.
// False (both transactions ended) when a writer kept committing in between every time.
bool sameSnapshot(SummaryReader &a, SummaryReader &b, qint64 *first, qint64 *last)
{
    for (int attempt = 0; attempt < SnapshotTries; ++attempt) {
        qint64 bFirst = 0;
        qint64 bLast = 0;
        bool ok = a.beginRead() && a.idRange(first, last);
        const qint64 before = ok ? a.dataVersion() : -1;
        ok = ok && b.beginRead() && b.idRange(&bFirst, &bLast);
        a.endRead();
        ok = ok && a.beginRead() && a.idRange(first, last);
        const qint64 after = ok ? a.dataVersion() : -1;
        if (ok && before >= 0 && before == after && *first == bFirst && *last == bLast)
            return true;
        a.endRead();
        b.endRead();
    }
    return false;
}

// One connection, one statement: the whole store as of its start.
bool writeFromOneConnection(SummaryReader &reader, EventExporter &exporter, const Scan &scan,
                            QString *error)
{
    SummaryRowFilter filter(scan.filter);
    const SummaryReader::RowTest test{
        filter.columns(), [&filter](const SummaryRow &row) { return filter.matches(row); },
        scan.cancel
    };
    int tick = 0;
    const bool read = reader.forEachRow(
            [&](const SummaryRow &row) {
                if (!exporter.writeSummaryRow(row))
                    return false;
                if ((++tick & 255) != 0)
                    return true;
                if (scan.rows)
                    scan.rows->store(exporter.rowsWritten(), std::memory_order_relaxed);
                return !isCancelled(scan.cancel);
            },
            0, exporter.usesRequestColumns(), filter.acceptsAll() ? nullptr : &test);
    if (scan.rows)
        scan.rows->store(exporter.rowsWritten(), std::memory_order_relaxed);
    if (!read)
        *error = reader.errorString();
    return read;
}

// Whose turn it is to append a share to the output, and whether to go on.
struct Turns
{
    std::mutex mutex;
    std::condition_variable changed;
    qint64 next = 0; // the share to append next
    bool stop = false; // a share failed, or the export was cancelled or cannot be written
    std::atomic_bool stopping = false; // `stop`, for a scan to look at without the lock
    QString error; // the first read error
};

} // namespace

bool write(SummaryReader &reader, EventExporter &exporter, const Scan &scan, QString *error)
{
    SummaryReader second;
    qint64 first = 0;
    qint64 last = 0;
    const qint64 shareIds = std::max<qint64>(scan.shareIds, 1);
    if (!second.open(scan.databasePath) || !sameSnapshot(reader, second, &first, &last))
        return writeFromOneConnection(reader, exporter, scan, error);
    if (last - first < 2 * shareIds) {
        reader.endRead();
        second.endRead();
        return writeFromOneConnection(reader, exporter, scan, error);
    }

    // Share k holds the ids in (first - 1 + k * shareIds, first - 1 + (k + 1) * shareIds].
    const qint64 shares = (last - first) / shareIds + 1;
    const bool requestColumns = exporter.usesRequestColumns();
    Turns turns;
    auto stopAll = [&turns](const QString &why) {
        // With the lock held.
        if (!turns.stop && !why.isEmpty())
            turns.error = why;
        turns.stop = true;
        turns.stopping.store(true, std::memory_order_relaxed);
        turns.changed.notify_all();
    };
    // The shares `firstShare`, firstShare + 2, ... through `source`, on the calling thread.
    auto writeShares = [&](SummaryReader &source, qint64 firstShare) {
        QByteArray csv;
        QBuffer memory(&csv);
        memory.open(QIODevice::WriteOnly);
        CsvWriter::Options options = scan.csv;
        options.utf8Bom = false;
        EventExporter part(&memory, EventExporter::Format::Csv, scan.columns, options);
        part.beginContinuation();
        SummaryRowFilter filter(scan.filter);
        const SummaryReader::RowTest test{
            filter.columns(), [&filter](const SummaryRow &row) { return filter.matches(row); },
            scan.cancel
        };
        for (qint64 share = firstShare; share < shares; share += 2) {
            const qint64 after = first - 1 + share * shareIds;
            const qint64 rowsBefore = part.rowsWritten();
            const bool read = source.forEachRow(
                    [&](const SummaryRow &row) {
                        return part.writeSummaryRow(row)
                                && !turns.stopping.load(std::memory_order_relaxed)
                                && !isCancelled(scan.cancel);
                    },
                    after, requestColumns, filter.acceptsAll() ? nullptr : &test,
                    std::min(last, after + shareIds));
            part.finish(); // into `csv`
            std::unique_lock lock(turns.mutex);
            turns.changed.wait(lock, [&] { return turns.stop || turns.next == share; });
            if (turns.stop)
                return;
            if (!read || isCancelled(scan.cancel)) {
                stopAll(read ? QString() : source.errorString());
                return;
            }
            lock.unlock();
            // Only the share whose turn it is writes: `exporter` is this thread's now.
            const bool written = exporter.writeEncodedRows(csv, part.rowsWritten() - rowsBefore);
            if (scan.rows)
                scan.rows->store(exporter.rowsWritten(), std::memory_order_relaxed);
            csv.resize(0);
            memory.seek(0);
            lock.lock();
            turns.next = share + 1;
            if (!written)
                stopAll({}); // the exporter knows why
            turns.changed.notify_all();
            if (turns.stop)
                return;
        }
    };

    std::thread other([&] { writeShares(second, 1); });
    writeShares(reader, 0);
    other.join();
    reader.endRead();
    second.endRead();
    if (!turns.error.isEmpty()) {
        *error = turns.error;
        return false;
    }
    return true;
}

} // namespace Hookscope::SummaryCsv
