// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringView>

#include <optional>

#include "core/events/event.h"

class QIODevice;
class QJsonObject;

namespace Hookscope {

class EventStore;

// Reads events back into a store from the files Hookscope (and browsers) write:
//
//  - JSON Lines, as EventExporter writes its archive (default columns): one object a line
//    with received_at, method, path, query, content_type, headers [[name, value], ...] and
//    the body as "body" (JSON), "body_text" or "body_base64". Lines with only some of these
//    are fine (a "body" string is taken as the body's text; headers may also be
//    [{name, value}, ...]); a line with no body at all keeps the type, summary etc. it
//    carries, since there is nothing to derive them from. Read line by line: any size.
//    A JSON body comes back as the archive holds it, re-serialised compactly (the archive
//    does not keep the original bytes of JSON bodies; text and binary bodies are exact).
//  - HAR 1.2 (HarExporter's, or a browser's): each entry's request becomes an event: method,
//    path and query from request.url, headers (HTTP/2 pseudo-headers such as ":authority"
//    are dropped), content type from the Content-Type header or postData.mimeType, body from
//    postData.text (base64 when postData "_encoding" or "encoding" says so; rebuilt from
//    postData.params when there is no text). The whole document is parsed at once, so HAR
//    files above MaxHarBytes are refused with a message.
//
// Every imported event is what the receiver would have stored: type, summary, ids, team,
// actor, org and status are derived again with EventParser from the body (of a "_hookscope"
// object only remoteAddress is used), source is "import", and the received time is the original one
// (received_at / startedDateTime). Secret headers and query parameters are redacted on the
// way in, like an export redacts them (a browser's HAR carries real cookies and tokens).
//
// Bad lines or entries are skipped and reported with their line number (1-based) or entry
// index (0-based, as in log.entries[i]); they never stop the import. Events are submitted to
// the store in batches, each committed before the next one is read; progress() is emitted
// after each batch. The import runs synchronously in the caller's thread (the store's).
// In the GUI, a modal QProgressDialog fed by progress() keeps the window responsive and
// its Cancel can call cancel().
class EventImporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventImporter)

public:
    enum class Format { Auto, JsonLines, Har };
    Q_ENUM(Format)

    static constexpr qint64 MaxHarBytes = qint64(512) * 1024 * 1024;
    static constexpr int DefaultBatchSize = 512;
    // Errors kept in Result::errors; every bad line or entry is still counted in `skipped`.
    static constexpr int MaxReportedErrors = 100;

    struct Error
    {
        qint64 line = 0; // JSON Lines: 1-based line number; 0 when not about a line
        qint64 entry = -1; // HAR: 0-based index into log.entries; -1 when not about an entry
        QString message;

        QString toString() const; // "line 3: …", "entry 2: …" or just the message
    };

    struct Result
    {
        Format format = Format::Auto; // the format actually read
        qint64 imported = 0; // events committed to the store
        qint64 skipped = 0; // lines or entries that could not be imported
        QList<Error> errors; // the first MaxReportedErrors of them
        // Set when the file as a whole could not be read (missing, neither format, a broken
        // HAR document, too large), the store failed, or the import was cancelled. Events
        // committed before that stay imported.
        QString fatalError;
        bool cancelled = false;

        bool ok() const { return fatalError.isEmpty(); }
        QString summaryText() const; // "12 imported, 2 skipped"
    };

    explicit EventImporter(EventStore *store, QObject *parent = nullptr);
    ~EventImporter() override;

    // "auto", "jsonl" (also "json-lines", "ndjson") or "har", any case.
    static std::optional<Format> formatFromName(QStringView name);
    static QString formatName(Format format);
    // Har when the first non-blank character is '{' and the first key is "log"; JsonLines
    // when the data is blank or a line starts with '{' (a damaged first line is one bad line,
    // not a reason to refuse the file); Auto when it is neither (CSV, a JSON array, text).
    static Format detectFormat(QByteArrayView head);

    // One JSON Lines object or one HAR entry as the event to store; nullopt with a message
    // in `error` when it cannot be one.
    static std::optional<Event> eventFromJsonLine(const QJsonObject &line, QString *error);
    static std::optional<Event> eventFromHarEntry(const QJsonObject &entry, QString *error);

    void setBatchSize(int events);
    int batchSize() const { return m_batchSize; }
    // The largest HAR file read (default MaxHarBytes); larger ones are refused with a message.
    void setMaxHarBytes(qint64 bytes);

    Result importFile(const QString &fileName, Format format = Format::Auto);
    // Reads an open device from its current position (a file, a buffer, standard input).
    // `totalBytes` is only for progress(); -1 when unknown.
    Result importDevice(QIODevice *device, Format format = Format::Auto, qint64 totalBytes = -1);

    // Stops the running import after the current batch (call it from a progress() handler
    // or from a slot run by the event loop the handler spins).
    void cancel();

Q_SIGNALS:
    // After each committed batch: input bytes consumed, the total (-1 unknown), events so far.
    void progress(qint64 bytesRead, qint64 bytesTotal, qint64 imported);

private:
    class Run;
    friend class Run;

    void importJsonLines(QIODevice *device, qint64 totalBytes, Run &run);
    void importHar(QIODevice *device, qint64 totalBytes, Run &run);

    EventStore *m_store;
    int m_batchSize = DefaultBatchSize;
    qint64 m_maxHarBytes = MaxHarBytes;
    bool m_cancelRequested = false;
};

} // namespace Hookscope
