// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "core/events/event.h"

namespace Hookscope {

// What every export format does with a stream of events (EventExporter: CSV and JSON Lines;
// HarExporter: HAR 1.2). ExportJob drives any of them.
class Exporter
{
public:
    virtual ~Exporter() = default;

    // Writes what comes before the first event (a CSV header, HAR's opening); write() calls
    // it when it has not been called yet. False on an error (errorString()).
    virtual bool begin() = 0;
    virtual bool write(const Event &event) = 0;
    // Flushes everything to the device; false if any write failed.
    virtual bool finish() = 0;
    // True when write() looks at headers or bodies; otherwise summary-level events do.
    virtual bool needsFullEvents() const = 0;
    virtual qint64 rowsWritten() const = 0; // events written
    virtual QString errorString() const = 0;

protected:
    Exporter() = default;
    Q_DISABLE_COPY_MOVE(Exporter)
};

} // namespace Hookscope
