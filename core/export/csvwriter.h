// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <span>

class QIODevice;

namespace Hookscope {

// Declared outside CsvWriter so it can be a default argument of CsvWriter's own
// constructor (a nested struct with member initialisers cannot be, until the class is complete).
struct CsvWriterOptions
{
    // Excel needs the BOM to detect UTF-8; most other tools are happier without it.
    bool utf8Bom = false;
    // OWASP CSV-injection guard: a cell whose first character is = + - @ TAB or CR gets a
    // leading ' so spreadsheets show it as text instead of evaluating it as a formula.
    bool formulaGuard = true;
    // Bytes collected before they are handed to the device (clamped to at least 64).
    qsizetype bufferSize = 1024 * 1024;
};

// Streaming RFC 4180 writer: CRLF line endings, fields quoted only when they contain
// , " CR or LF or start/end with a space or tab, quotes doubled. UTF-16 is encoded straight
// into one large buffer (no per-cell allocations); lone surrogates become U+FFFD.
//
// Device errors are sticky: after the first failed write nothing more is written and
// finish() returns false. bytesWritten() counts every byte produced, buffered or not.
class CsvWriter final
{
public:
    using Options = CsvWriterOptions;

    explicit CsvWriter(QIODevice *device, Options options = {});
    ~CsvWriter(); // flushes what is still buffered (call finish() to see errors)

    // One field of the current row; endRow() terminates the row.
    void writeField(QStringView cell);
    // The same for a cell already in UTF-8 (copied as is: the caller vouches that it is
    // valid UTF-8), without a detour through UTF-16.
    void writeFieldUtf8(QByteArrayView cell);
    void endRow();

    void writeRow(const QStringList &cells);
    void writeRow(std::span<const QStringView> cells);

    // Ends an unterminated row, flushes the buffer and, for files, the OS-level buffer.
    // False on any device error so far.
    bool finish();

    bool hasError() const { return m_failed; }
    QString errorString() const { return m_errorString; }
    qint64 bytesWritten() const { return m_flushed + m_used; }
    qint64 rowsWritten() const { return m_rows; }

    // RFC 4180 reader for tests and import: quoted fields with , "" CR LF CRLF inside,
    // records ending in CRLF, LF or CR, a leading UTF-8 BOM skipped, blank lines skipped,
    // invalid UTF-8 replaced. Lenient: a stray quote inside an unquoted field is kept as is.
    // Does not undo the formula guard (a leading ' is indistinguishable from data).
    static QList<QStringList> parse(QByteArrayView csv);

    // The formula-guard test, on the raw cell.
    static bool needsFormulaGuard(QStringView cell);

private:
    Q_DISABLE_COPY_MOVE(CsvWriter)

    void put(char c);
    void putBytes(QByteArrayView bytes);
    void flush();
    void fail(const QString &reason);

    QPointer<QIODevice> m_device;
    Options m_options;
    QByteArray m_buffer; // fixed size; m_used bytes of it are pending
    qsizetype m_used = 0;
    qint64 m_flushed = 0;
    qint64 m_rows = 0;
    int m_fieldsInRow = 0;
    bool m_lastFieldEmpty = false;
    bool m_failed = false;
    QString m_errorString;
};

} // namespace Hookscope
