// SPDX-License-Identifier: MIT
// libFuzzer target: CsvWriter output read back with CsvWriter::parse gives the cells again.
//
// Input: byte 0 holds the options (bit 0 BOM, bit 1 formula guard, bit 2 decode the rest as
// UTF-16 instead of UTF-8 so lone surrogates occur, bits 3-7 the buffer size, tiny sizes
// included so cells straddle flushes). The rest is the table: U+001E ends a row, U+001F
// ends a field.
//
// Expected back (csvwriter.h): each cell as written, with lone surrogates replaced by
// U+FFFD, and a leading ' when the formula guard applies (the reader does not undo it).
// A row without fields writes a blank line, which the reader skips.

#include <QBuffer>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/export/csvwriter.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

QString replaceLoneSurrogates(const QString &in)
{
    QString out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const QChar c = in.at(i);
        if (c.isHighSurrogate() && i + 1 < in.size() && in.at(i + 1).isLowSurrogate()) {
            out.append(c);
            out.append(in.at(++i));
        } else if (c.isSurrogate()) {
            out.append(QChar(QChar::ReplacementCharacter));
        } else {
            out.append(c);
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t flags = data[0];
    CsvWriter::Options options;
    options.utf8Bom = flags & 1;
    options.formulaGuard = flags & 2;
    options.bufferSize = 1 + (flags >> 3) * 37; // 1 (clamped to 64) ... 1148 bytes
    const QByteArrayView rest = FuzzSupport::bytes(data + 1, size - 1);
    QString table;
    if (flags & 4)
        table = QString(reinterpret_cast<const QChar *>(rest.data()), rest.size() / 2);
    else
        table = QString::fromUtf8(rest);

    QList<QStringList> rows;
    for (const QString &line : table.split(QChar(0x1e)))
        rows.append(line.split(QChar(0x1f)));
    if (table.isEmpty())
        rows.clear();

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer, options);
        for (const QStringList &row : rows)
            writer.writeRow(row);
        FUZZ_CHECK(writer.finish());
        FUZZ_CHECK(writer.rowsWritten() == rows.size());
        FUZZ_CHECK(writer.bytesWritten() == buffer.data().size());
    }
    const QByteArray csv = buffer.data();
    FUZZ_CHECK(csv.startsWith("\xEF\xBB\xBF") == options.utf8Bom);

    QList<QStringList> expected;
    for (const QStringList &row : rows) {
        QStringList cells;
        for (const QString &cell : row) {
            const QString clean = replaceLoneSurrogates(cell);
            cells.append(options.formulaGuard && CsvWriter::needsFormulaGuard(cell) ? u'\'' + clean
                                                                                    : clean);
        }
        expected.append(cells);
    }
    const QList<QStringList> back = CsvWriter::parse(csv);
    if (back != expected) {
        std::fprintf(stderr, "rows written %lld, read %lld\n", qlonglong(expected.size()),
                     qlonglong(back.size()));
        for (qsizetype i = 0; i < qMin(back.size(), expected.size()); ++i) {
            if (back.at(i) != expected.at(i)) {
                std::fprintf(stderr, "row %lld differs:\n  expected [%s]\n  read     [%s]\n",
                             qlonglong(i), qPrintable(expected.at(i).join(u"|"_s)),
                             qPrintable(back.at(i).join(u"|"_s)));
                break;
            }
        }
        FUZZ_CHECK(back == expected);
    }
    // The guard's promise: no cell of the output starts a formula.
    if (options.formulaGuard)
        for (const QStringList &row : back)
            for (const QString &cell : row)
                FUZZ_CHECK(!CsvWriter::needsFormulaGuard(cell));
    return 0;
}
