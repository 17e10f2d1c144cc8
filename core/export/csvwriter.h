// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstring>
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
    // valid UTF-8), without a detour through UTF-16. Inline: the export calls it per cell.
    void writeFieldUtf8(QByteArrayView cell)
    {
        if (!writePlainUtf8(cell))
            writeFieldUtf8General(cell);
    }
    void endRow();

    void writeRow(const QStringList &cells);
    void writeRow(std::span<const QStringView> cells);

    // For a share of a file that another writer starts (an export written by two threads):
    // what this one writes is not the file's beginning (its first cell is no file's first;
    // construct it without utf8Bom).
    void continueFile();
    // Appends whole rows such a writer encoded (with the same options), as they are; after
    // what this one has pending, at a row boundary.
    void writeEncodedRows(QByteArrayView csv, qint64 rows);

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

    // writeFieldUtf8() for a cell that needs no quotes and fits the buffer, in one pass;
    // false (nothing written) otherwise.
    bool writePlainUtf8(QByteArrayView cell);
    void writeFieldUtf8General(QByteArrayView cell);
    // The next cell is the file's first (a leading U+FEFF of it is quoted).
    bool atFileStart() const { return m_rows == 0 && m_fieldsInRow == 0 && !m_continuation; }
    void put(char c);
    void putBytes(QByteArrayView bytes);
    void flush();
    void fail(const QString &reason);

    QPointer<QIODevice> m_device;
    Options m_options;
    QByteArray m_buffer; // fixed size; m_used bytes of it are pending
    char *m_data = nullptr; // m_buffer's bytes (it never grows or moves)
    qsizetype m_size = 0;
    qsizetype m_used = 0;
    qint64 m_flushed = 0;
    qint64 m_rows = 0;
    int m_fieldsInRow = 0;
    bool m_lastFieldEmpty = false;
    bool m_continuation = false; // continueFile()
    bool m_failed = false;
    QString m_errorString;
};

namespace CsvDetail {

// What starts a formula in a spreadsheet (the formula guard's characters).
constexpr bool isFormulaStart(char16_t c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

// What a field cannot start or end with unquoted (readers trim it).
constexpr bool isEdgeSpace(char16_t c)
{
    return c == u' ' || c == u'\t';
}

// Whether any byte of `word` is one of the characters that make a field quoted (, " CR LF):
// exact, eight bytes at a time ("has a zero byte" of each XOR, from Bit Twiddling Hacks).
inline bool hasSpecialByte(quint64 word)
{
    constexpr quint64 Ones = 0x0101010101010101ULL;
    constexpr quint64 Highs = 0x8080808080808080ULL;
    auto hasZero = [](quint64 v) { return (v - Ones) & ~v & Highs; };
    return (hasZero(word ^ (Ones * ',')) | hasZero(word ^ (Ones * '"'))
            | hasZero(word ^ (Ones * '\r')) | hasZero(word ^ (Ones * '\n')))
            != 0;
}

inline bool isSpecialByte(char c)
{
    return c <= ',' && (c == ',' || c == '"' || c == '\r' || c == '\n');
}

} // namespace CsvDetail

inline bool CsvWriter::writePlainUtf8(QByteArrayView cell)
{
    // The common case: a cell that needs no quotes, copied while it is checked, straight into
    // the buffer when that has room for it, a separator and a guard. What needsQuotes() and
    // the formula guard decide in writeFieldUtf8General(), for such a cell.
    const qsizetype n = cell.size();
    if (n + 2 > m_size - m_used || atFileStart())
        return false; // the first cell of the file has a check of its own
    bool guarded = false;
    if (n > 0) {
        const auto first = char16_t(uchar(cell.front()));
        guarded = m_options.formulaGuard && CsvDetail::isFormulaStart(first);
        if ((!guarded && CsvDetail::isEdgeSpace(first))
            || CsvDetail::isEdgeSpace(char16_t(uchar(cell.back()))))
            return false; // quoted for its edge spaces
    }
    char *const start = m_data + m_used;
    char *out = start;
    if (m_fieldsInRow > 0)
        *out++ = ',';
    if (guarded)
        *out++ = '\'';
    const char *src = cell.data();
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 word;
        std::memcpy(&word, src + i, sizeof word);
        if (CsvDetail::hasSpecialByte(word))
            return false;
        std::memcpy(out + i, &word, sizeof word);
    }
    for (; i < n; ++i) {
        if (CsvDetail::isSpecialByte(src[i]))
            return false;
        out[i] = src[i];
    }
    m_used += (out - start) + n;
    ++m_fieldsInRow;
    m_lastFieldEmpty = n == 0;
    return true;
}

} // namespace Hookscope
