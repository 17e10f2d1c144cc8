// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QPointer>
#include <QString>

#include "core/events/event.h"
#include "core/export/exporter.h"

class QIODevice;

namespace Hookscope {

// Writes events as one HAR 1.2 document (http://www.softwareishard.com/blog/har-12-spec/)
// onto a device the caller opens and closes, so they open in browser devtools, HTTP Toolkit
// and other HAR viewers. Streams: one entry at a time, never the whole document in memory.
//
// Each event becomes one entry whose request is the delivery as received:
//  - url: http://<Host header, else 127.0.0.1><path>?<query>, a strict RFC 3986 URL built by
//    requestUrl(): EventImporter reads back exactly the recorded path and (redacted) query;
//  - postData.text: the body when it is valid UTF-8, else its base64 with the custom member
//    "_encoding": "base64" (HAR 1.2 only defines `encoding` on response content, so the
//    postData variant is a `_`-prefixed custom field, which the spec allows);
//  - response: what Hookscope answered, 200 (400 for events with status "invalid"), no body.
// The custom object "_hookscope" carries the store's view: id, type, eventId, team, actor,
// entity, summary, source, status, occurredAt (ISO 8601 or null) and remoteAddress.
//
// Secrets are redacted exactly as EventExporter does it (redactHeaders() / redactQuery()):
// header values, query parameters, and so the URL and queryString too. Bodies are as stored.
//
// The member functions mirror EventExporter's, so a caller can drive either with the same
// code (e.g. a generic lambda).
class HarExporter final : public Exporter
{
public:
    explicit HarExporter(QIODevice *device);
    ~HarExporter() override; // flushes what is still buffered (call finish() to see errors)

    // The request URL an entry gets (with the query already redacted).
    static QString requestUrl(const Event &event);

    // Writes the document head. write() calls it when it has not been called yet.
    bool begin() override;
    bool write(const Event &event) override;
    // Closes the document and flushes everything to the device; false if any write failed.
    // A document of no events is still complete and valid.
    bool finish() override;

    // Always true: entries carry headers and bodies (kept for symmetry with EventExporter).
    bool needsFullEvents() const override { return true; }
    qint64 rowsWritten() const override { return m_rows; } // entries written
    qint64 bytesWritten() const { return m_flushed + m_buffer.size(); }
    QString errorString() const override { return m_error; }

private:
    void appendEntry(const Event &event);
    void flush();
    void setError(const QString &message);

    QPointer<QIODevice> m_device;
    QByteArray m_buffer; // pending output
    qint64 m_flushed = 0;
    qint64 m_rows = 0;
    bool m_begun = false;
    bool m_finished = false;
    bool m_failed = false;
    QString m_error;
};

} // namespace Hookscope
