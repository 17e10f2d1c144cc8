// SPDX-License-Identifier: MIT
#include "csvwriter.h"

#include "core/export/deviceio.h"

#include <QFileDevice>
#include <QIODevice>
#include <QStringDecoder>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr qsizetype MinBufferSize = 64;

using CsvDetail::isEdgeSpace;
using CsvDetail::isFormulaStart;

// Whether the field must be enclosed in quotes. `guarded` means a ' is prepended, so the
// first character of the written field is not the first character of `cell`.
bool needsQuotes(QStringView cell, bool guarded)
{
    if (cell.isEmpty())
        return false;
    if ((!guarded && isEdgeSpace(cell.front().unicode())) || isEdgeSpace(cell.back().unicode()))
        return true;
    for (const QChar qc : cell) {
        const char16_t c = qc.unicode();
        // One compare rejects almost every character; the specials are all <= ','.
        if (c <= u',' && (c == u',' || c == u'"' || c == u'\r' || c == u'\n'))
            return true;
    }
    return false;
}

// Encodes UTF-16 as UTF-8, doubling '"'. Writes at most 3 bytes per input unit, which the
// caller must have room for. Lone surrogates become U+FFFD (QString::toUtf8() writes '?').
char *encodeUtf8(const char16_t *src, qsizetype n, char *out)
{
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = src[i];
        if (c < 0x80) {
            if (c == u'"')
                *out++ = '"';
            *out++ = char(c);
        } else if (c < 0x800) {
            *out++ = char(0xC0 | (c >> 6));
            *out++ = char(0x80 | (c & 0x3F));
        } else if (!QChar::isSurrogate(c)) {
            *out++ = char(0xE0 | (c >> 12));
            *out++ = char(0x80 | ((c >> 6) & 0x3F));
            *out++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(src[i + 1])) {
            const char32_t u = QChar::surrogateToUcs4(c, src[++i]);
            *out++ = char(0xF0 | (u >> 18));
            *out++ = char(0x80 | ((u >> 12) & 0x3F));
            *out++ = char(0x80 | ((u >> 6) & 0x3F));
            *out++ = char(0x80 | (u & 0x3F));
        } else {
            *out++ = char(0xEF);
            *out++ = char(0xBF);
            *out++ = char(0xBD);
        }
    }
    return out;
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, Options options)
    : m_device(device),
      m_options(options),
      m_buffer(std::max(options.bufferSize, MinBufferSize), Qt::Uninitialized),
      m_data(m_buffer.data()),
      m_size(m_buffer.size())
{
    // Checked up front so a closed or read-only device is reported instead of QIODevice
    // printing a warning on every flush.
    if (!device)
        fail(u"no output device"_s);
    else if (!device->isWritable())
        fail(device->isOpen() ? u"the output is not open for writing"_s
                              : u"the output is not open"_s);
    if (m_options.utf8Bom) {
        put('\xEF');
        put('\xBB');
        put('\xBF');
    }
}

CsvWriter::~CsvWriter()
{
    flush();
}

// needsQuotes() on UTF-8: every special character is ASCII, and no byte of a multi-byte
// sequence can be mistaken for one.
static bool needsQuotesUtf8(QByteArrayView cell, bool guarded)
{
    if (cell.isEmpty())
        return false;
    if ((!guarded && isEdgeSpace(char16_t(uchar(cell.front()))))
        || isEdgeSpace(char16_t(uchar(cell.back()))))
        return true;
    for (const char c : cell) {
        if (c <= ',' && (c == ',' || c == '"' || c == '\r' || c == '\n'))
            return true;
    }
    return false;
}

bool CsvWriter::needsFormulaGuard(QStringView cell)
{
    return !cell.isEmpty() && isFormulaStart(cell.front().unicode());
}

void CsvWriter::put(char c)
{
    if (m_used == m_size)
        flush();
    m_data[m_used++] = c;
}

void CsvWriter::putBytes(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        if (m_used == m_size)
            flush();
        const qsizetype n = std::min(bytes.size(), m_size - m_used);
        std::memcpy(m_data + m_used, bytes.data(), size_t(n));
        m_used += n;
        bytes = bytes.sliced(n);
    }
}

void CsvWriter::writeFieldUtf8General(QByteArrayView cell)
{
    const bool firstInFile = atFileStart();
    if (m_fieldsInRow++ > 0)
        put(',');
    m_lastFieldEmpty = cell.isEmpty();
    const bool guarded = m_options.formulaGuard && !cell.isEmpty()
            && isFormulaStart(char16_t(uchar(cell.front())));
    // A file that starts with U+FEFF reads as a BOM to every reader: quote such a first cell.
    const bool quoted = needsQuotesUtf8(cell, guarded)
            || (firstInFile && !guarded && cell.startsWith("\xEF\xBB\xBF"));
    if (quoted)
        put('"');
    if (guarded)
        put('\'');
    if (!quoted) {
        putBytes(cell);
        return;
    }
    // Quotes inside are doubled.
    for (;;) {
        const qsizetype quote = cell.indexOf('"');
        putBytes(quote < 0 ? cell : cell.first(quote + 1));
        if (quote < 0)
            break;
        put('"');
        cell = cell.sliced(quote + 1);
    }
    put('"');
}

void CsvWriter::writeField(QStringView cell)
{
    const bool firstInFile = atFileStart();
    if (m_fieldsInRow++ > 0)
        put(',');
    m_lastFieldEmpty = cell.isEmpty();

    const bool guarded = m_options.formulaGuard && needsFormulaGuard(cell);
    // A file that starts with U+FEFF reads as a BOM to every reader: quote such a first cell.
    const bool quoted = needsQuotes(cell, guarded)
            || (firstInFile && !guarded && cell.startsWith(QChar(0xFEFF)));
    if (quoted)
        put('"');
    if (guarded)
        put('\''); // inside the quotes, so the field still parses back to '<cell>

    const char16_t *src = cell.utf16();
    qsizetype remaining = cell.size();
    while (remaining > 0) {
        // Encode in slices that fit the free space for sure (3 bytes per unit at most), so
        // huge cells stream through the fixed buffer without a temporary copy.
        qsizetype room = (m_size - m_used) / 3;
        if (room < 16 && room < remaining) {
            flush();
            room = (m_size - m_used) / 3;
        }
        qsizetype chunk = std::min(room, remaining);
        if (chunk < remaining && QChar::isHighSurrogate(src[chunk - 1]) && chunk > 1)
            --chunk; // keep surrogate pairs together
        char *begin = m_data + m_used;
        m_used += encodeUtf8(src, chunk, begin) - begin;
        src += chunk;
        remaining -= chunk;
    }

    if (quoted)
        put('"');
}

void CsvWriter::endRow()
{
    // A row of one empty field would be a blank line, which readers skip: write "" instead.
    if (m_fieldsInRow == 1 && m_lastFieldEmpty) {
        put('"');
        put('"');
    }
    if (m_size - m_used >= 2) {
        m_data[m_used++] = '\r';
        m_data[m_used++] = '\n';
    } else {
        put('\r');
        put('\n');
    }
    m_fieldsInRow = 0;
    ++m_rows;
}

void CsvWriter::continueFile()
{
    m_continuation = true;
}

void CsvWriter::writeEncodedRows(QByteArrayView csv, qint64 rows)
{
    Q_ASSERT(m_fieldsInRow == 0);
    flush(); // what is pending goes first
    m_flushed += csv.size();
    m_rows += rows;
    QString error;
    if (!m_failed && !csv.isEmpty() && !DeviceIo::writeAll(m_device, csv, &error))
        fail(error);
}

void CsvWriter::writeRow(const QStringList &cells)
{
    for (const QString &cell : cells)
        writeField(cell);
    endRow();
}

void CsvWriter::writeRow(std::span<const QStringView> cells)
{
    for (const QStringView cell : cells)
        writeField(cell);
    endRow();
}

void CsvWriter::flush()
{
    const qsizetype pending = m_used;
    m_flushed += pending;
    m_used = 0;
    QString error;
    if (m_failed || pending == 0 || !m_device)
        return;
    if (!DeviceIo::writeAll(m_device, QByteArrayView(m_data, pending), &error))
        fail(error);
}

bool CsvWriter::finish()
{
    if (m_fieldsInRow > 0)
        endRow();
    flush();
    QString error;
    if (!m_failed && !DeviceIo::finish(m_device, &error))
        fail(error);
    return !m_failed;
}

void CsvWriter::fail(const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_errorString = reason.isEmpty() ? u"Could not write the CSV file"_s
                                     : u"Could not write the CSV file: %1"_s.arg(reason);
}

QList<QStringList> CsvWriter::parse(QByteArrayView csv)
{
    if (csv.startsWith("\xEF\xBB\xBF"))
        csv = csv.sliced(3);

    QList<QStringList> rows;
    QStringList row;
    QByteArray field; // the current field's bytes, quotes already undone
    bool fieldQuoted = false; // the current field had an opening quote (so "" is a value)
    bool inQuotes = false;

    const char *p = csv.data();
    const qsizetype n = csv.size();
    // A field that starts with U+FEFF keeps it: only the file's own BOM (skipped above) is one.
    auto endField = [&] {
        QStringDecoder decoder(QStringDecoder::Utf8,
                               QStringDecoder::Flag::Stateless
                                       | QStringDecoder::Flag::ConvertInitialBom);
        row.append(decoder.decode(field));
        field.clear();
        fieldQuoted = false;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < n && p[i + 1] == '"') {
                    field.append('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                // Copy the run up to the next quote in one go.
                qsizetype end = i + 1;
                while (end < n && p[end] != '"')
                    ++end;
                field.append(p + i, end - i);
                i = end - 1;
            }
            continue;
        }
        switch (c) {
        case '"':
            if (field.isEmpty() && !fieldQuoted)
                inQuotes = fieldQuoted = true;
            else
                field.append('"');
            break;
        case ',':
            endField();
            break;
        case '\r':
        case '\n':
            if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
                ++i;
            if (row.isEmpty() && field.isEmpty() && !fieldQuoted)
                break; // blank line
            endField();
            rows.append(std::move(row));
            row = QStringList();
            break;
        default: {
            qsizetype end = i + 1;
            while (end < n && p[end] != ',' && p[end] != '"' && p[end] != '\r' && p[end] != '\n')
                ++end;
            field.append(p + i, end - i);
            i = end - 1;
            break;
        }
        }
    }
    // No final line break, or an unterminated quote: keep what there is.
    if (!row.isEmpty() || !field.isEmpty() || fieldQuoted) {
        endField();
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace Hookscope
