// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

#include "core/events/event.h"
#include "core/export/csvwriter.h"
#include "core/export/exporter.h"
#include "core/store/summaryreader.h"

class QIODevice;

namespace Hookscope {

// Writes events as CSV or JSON Lines onto a device the caller opens and closes.
//
// Columns are the built-in names (see defaultColumns() and builtinColumns()) or a JSON
// path into the body ("payload.ticket.priorityName": anything containing a '.'), resolved
// with EventPayload::value(). CSV renders every value as text; JSON Lines keeps numbers,
// booleans, objects and arrays of JSON-path columns as JSON, writes id and size as numbers,
// times as ISO 8601 strings (occurred_at null when unknown) and a missing path as null.
//
// With exactly the default columns the JSON Lines export is an archive: each line also
// carries method, path, query, content_type, headers ([[name, value], ...]) and the body
// as JSON ("body") when it parses as a JSON object or array, else as "body_text" (valid
// UTF-8) or "body_base64".
//
// Secrets do not leave through an export: the values of the authorization,
// proxy-authorization, cookie, set-cookie and x-api-key headers and of the token,
// access_token and api_key query parameters read [redacted]. (Bodies are exported as is.)
class EventExporter final : public Exporter
{
public:
    enum class Format { Csv, JsonLines };

    EventExporter(QIODevice *device, Format format, QStringList columns = defaultColumns(),
                  CsvWriter::Options csvOptions = {});
    ~EventExporter() override;

    // The CSV header scripts rely on: id,received_at,occurred_at,type,event_id,team,actor,
    // entity,summary,source,status,size.
    static QStringList defaultColumns();
    // Every built-in column: the defaults, then org, method, path, query, remote_address,
    // content_type and body (the raw body as UTF-8 text, invalid bytes replaced).
    static QStringList builtinColumns();
    static bool isValidColumn(const QString &column);
    // A user-facing message about the first bad (or repeated) column; empty when all are fine.
    static QString columnError(const QStringList &columns);

    static HeaderList redactHeaders(const HeaderList &headers);
    static QString redactQuery(const QString &query);
    // ISO 8601 UTC with milliseconds: 2026-11-20T09:14:03.512Z.
    static QString formatTime(qint64 msecsSinceEpoch);

    // Validates the columns and writes the CSV header row (nothing for JSON Lines).
    // write() calls it when it has not been called yet.
    bool begin() override;
    bool write(const Event &event) override;
    // The fast path for CSV with summary-level columns only (see canWriteSummaryRows()):
    // writes a row straight from the store's UTF-8 bytes.
    bool canWriteSummaryRows() const;
    // Whether those rows need org, method, path, query, remote address or content type.
    bool usesRequestColumns() const;
    bool writeSummaryRow(const SummaryRow &row);
    // For CSV written by two exporters at once (ExportJob's two threads): begin() for the one
    // that writes a later share of the file (no header, no byte order mark: construct it
    // without utf8Bom), and the rows it encoded, appended to this one's output as they are.
    bool beginContinuation();
    bool writeEncodedRows(QByteArrayView csv, qint64 rows);
    // Flushes everything to the device; false if any write failed.
    bool finish() override;

    Format format() const { return m_format; }
    // True when write() looks at headers or bodies (JSON-path or body columns, the JSON Lines
    // archive); otherwise the caller may pass events read without them.
    bool needsFullEvents() const override { return m_needsFullEvents; }
    const QStringList &columns() const { return m_columnNames; }
    qint64 rowsWritten() const override { return m_rows; } // events, not counting the header
    qint64 bytesWritten() const; // produced so far, buffered or not
    QString errorString() const override;

private:
    struct Column
    {
        int kind = 0; // a Kind from the .cpp
        QString name; // the column name, also the JSON key
    };

    // The text up to the minute of the last time written in a column (format() in the .cpp).
    struct TimeCache
    {
        bool known = false;
        qint64 minute = 0; // its first millisecond
        char prefix[17] = {}; // YYYY-MM-DDTHH:MM:
        qsizetype format(qint64 ms, char *out, qsizetype capacity);
    };

    void writeCsv(const Event &event);
    void writeJson(const Event &event);
    void flushJson();
    void setError(const QString &message);

    QPointer<QIODevice> m_device;
    Format m_format;
    QStringList m_columnNames;
    std::vector<Column> m_columns;
    bool m_hasPathColumns = false;
    bool m_needsFullEvents = false;
    bool m_archive = false; // default columns in JSON Lines: add the request and body
    std::unique_ptr<CsvWriter> m_csv;
    QByteArray m_json; // pending JSON Lines output
    qint64 m_jsonFlushed = 0;
    qint64 m_rows = 0;
    TimeCache m_receivedTimes;
    TimeCache m_occurredTimes;
    bool m_begun = false;
    bool m_failed = false;
    QString m_error;
};

} // namespace Hookscope
