// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <atomic>

#include "core/export/csvwriter.h"
#include "core/filter/filterexpression.h"

namespace Hookscope {

// One export, the same for `hookscope export` and File → Export: open the store read-only
// (another process, or the app itself, may be writing), pick the exporter, walk the matching
// events (summary-level CSV straight from SQLite's bytes when nothing needs a body), and
// commit the file only when everything went well (QSaveFile: a failed or cancelled export
// never leaves half a file behind). Blocking: the GUI runs it on a worker thread.
struct ExportRequest
{
    enum class Format { Csv, JsonLines, Har };

    QString dataDir;
    FilterExpression filter;
    Format format = Format::Csv;
    QStringList columns; // CSV and JSON Lines; empty: EventExporter::defaultColumns()
    CsvWriter::Options csv;
    QString output; // a file, or "-" for standard output (written as it goes)
};

struct ExportResult
{
    bool ok = false;
    bool cancelled = false; // by `cancel`; nothing was written
    qint64 rows = 0;
    QString error; // user-facing, when !ok
};

namespace ExportJob {

// `cancel` is polled while rows are written; `rows` counts them as they go (for a progress bar).
ExportResult run(const ExportRequest &request, const std::atomic_bool *cancel = nullptr,
                 std::atomic<qint64> *rows = nullptr);

} // namespace ExportJob

} // namespace Hookscope
