// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <atomic>

#include "core/export/csvwriter.h"
#include "core/filter/filterexpression.h"

namespace Hookscope {

class EventExporter;
class SummaryReader;

// The export's fast path: summary-level CSV of a store's rows straight from SQLite's bytes,
// the filter decided inside SQLite's scan (SummaryRowFilter, SummaryReader::RowTest), no
// EventSummary per row.
//
// A large store is read by two connections at once, each on its own thread and core: the id
// range is cut into shares taken in turn (0, 2, 4, ... here, 1, 3, 5, ... on a second thread),
// each thread writes its shares' CSV in memory and appends them to the output when it is their
// turn, so the file holds the rows in id order, exactly as one connection writes them. Both
// connections read the same snapshot of the store, whatever a writer commits meanwhile (see
// sameSnapshot() in the .cpp); when that cannot be had, or the store is small, one connection
// reads everything.
namespace SummaryCsv {

struct Scan
{
    QString databasePath; // for the second connection
    FilterExpression filter; // one that needs no body
    QStringList columns; // those `exporter` writes
    CsvWriter::Options csv; // those `exporter` writes with
    const std::atomic_bool *cancel = nullptr; // stops the scan when set
    std::atomic<qint64> *rows = nullptr; // rows written so far (a progress bar), when set
    qint64 shareIds = 32768; // ids per share (tests make it small)
};

// Writes the matching rows through `exporter` (a CSV exporter for summary rows, begun: its
// header is out) in id order. `reader` is open on scan.databasePath. False on a read error
// (*error says which); the exporter's own errors are the exporter's.
bool write(SummaryReader &reader, EventExporter &exporter, const Scan &scan, QString *error);

} // namespace SummaryCsv
} // namespace Hookscope
