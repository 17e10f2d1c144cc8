// SPDX-License-Identifier: MIT
#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "core/export/csvwriter.h"
#include "core/export/eventexporter.h"
#include "core/store/eventstore.h"
#include "core/store/summaryreader.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// A write-only device that accepts `limit` bytes and then fails, like a full disk.
class LimitedDevice final : public QIODevice
{
public:
    explicit LimitedDevice(qint64 limit = std::numeric_limits<qint64>::max()) : m_limit(limit)
    {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    qint64 accepted() const { return m_accepted; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        if (m_accepted + len > m_limit) {
            setErrorString(u"No space left on device (simulated)"_s);
            return -1;
        }
        m_accepted += len;
        return len;
    }

private:
    qint64 m_limit;
    qint64 m_accepted = 0;
};

QByteArray writeCsv(const QList<QStringList> &rows, CsvWriter::Options options = {})
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer, options);
        for (const QStringList &row : rows)
            writer.writeRow(row);
        if (!writer.finish())
            qWarning() << writer.errorString();
        if (writer.bytesWritten() != buffer.data().size())
            qWarning() << "bytesWritten" << writer.bytesWritten() << "!=" << buffer.data().size();
    }
    return buffer.data();
}

// The same through writeFieldUtf8(): the export's fast path must write identical bytes.
QByteArray writeCsvUtf8(const QList<QStringList> &rows, CsvWriter::Options options = {})
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer, options);
        for (const QStringList &row : rows) {
            for (const QString &cell : row)
                writer.writeFieldUtf8(cell.toUtf8());
            writer.endRow();
        }
        if (!writer.finish())
            qWarning() << writer.errorString();
    }
    return buffer.data();
}

CsvWriter::Options noGuard()
{
    CsvWriter::Options options;
    options.formulaGuard = false;
    return options;
}

// The straightforward (allocating) encoding of one field, to check the fast path against.
QByteArray referenceField(const QString &cell)
{
    const bool quote = cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\r')
            || cell.contains(u'\n') || cell.startsWith(u' ') || cell.startsWith(u'\t')
            || cell.endsWith(u' ') || cell.endsWith(u'\t');
    QByteArray bytes = cell.toUtf8();
    if (!quote)
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

QByteArray readFixture(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_FIXTURES_DIR) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return file.readAll();
}

Event sampleEvent()
{
    Event event;
    event.summary.id = 42;
    event.summary.receivedAt = 1795166043512; // 2026-11-20T09:14:03.512Z
    event.summary.occurredAt = 1795166043120;
    event.summary.type = u"ticket:created"_s;
    event.summary.eventId = u"evt_01JD5K40A1B2C3D4E5F6G7H8J9"_s;
    event.summary.team = u"T123NHFDRF"_s;
    event.summary.actor = u"jo@acme.example"_s;
    event.summary.entity = u"#1042"_s;
    event.summary.summary = u"Charged twice, \"urgent\""_s;
    event.summary.source = u"local"_s;
    event.summary.status = u"ok"_s;
    event.org = u"O0ACME0001"_s;
    event.method = u"POST"_s;
    event.path = u"/hooks/thena"_s;
    event.query = u"channel=a&token=s3cret"_s;
    event.remoteAddress = u"127.0.0.1"_s;
    event.contentType = u"application/json"_s;
    event.headers = { { "Content-Type", "application/json" },
                      { "Authorization", "Bearer abc.def" },
                      { "X-Api-Key", "k-123" },
                      { "Cookie", "session=1" },
                      { "Proxy-Authorization", "Basic Zm9v" },
                      { "User-Agent", "Thena-Webhooks/1.0" } };
    event.body = readFixture(u"platform-ticket-created.json"_s);
    event.summary.size = event.body.size();
    return event;
}

QList<QByteArray> lines(const QByteArray &data)
{
    QList<QByteArray> result = data.split('\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

} // namespace

class tst_Export final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvQuoting_data();
    void csvQuoting();
    void csvEmptyCells_data();
    void csvEmptyCells();
    void csvWriterApi();
    void csvUtf8_data();
    void csvUtf8();
    void csvBom_data();
    void csvBom();
    void formulaGuard_data();
    void formulaGuard();
    void csvRoundTrip_data();
    void csvRoundTrip();
    void csvMatchesReferenceAcrossBufferSizes_data();
    void csvMatchesReferenceAcrossBufferSizes();
    void parse_data();
    void parse();
    void defaultHeader();
    void isValidColumn_data();
    void isValidColumn();
    void columnError_data();
    void columnError();
    void invalidColumnsFailBegin();
    void formatTime_data();
    void formatTime();
    void csvRow();
    void csvAllBuiltinColumns();
    void summaryRowsMatchEvents();
    void bomCharacterInFirstCell();
    void jsonPathColumns();
    void jsonLinesArchive();
    void jsonLinesBody_data();
    void jsonLinesBody();
    void jsonLinesCustomColumns();
    void jsonLinesManyEvents();
    void redactHeaders_data();
    void redactHeaders();
    void redactQuery_data();
    void redactQuery();
    void exportRedactsSecrets();
    void deviceErrors_data();
    void deviceErrors();
    void realFileExport();
    void csvThroughput();
};

// --- CsvWriter ----------------------------------------------------------------------------

void tst_Export::csvQuoting_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QByteArray>("field");

    QTest::addRow("plain") << u"abc"_s << "abc"_ba;
    QTest::addRow("inner space") << u"a b"_s << "a b"_ba;
    QTest::addRow("inner tab") << u"a\tb"_s << "a\tb"_ba;
    QTest::addRow("comma") << u"a,b"_s << "\"a,b\""_ba;
    QTest::addRow("quote") << u"say \"hi\""_s << "\"say \"\"hi\"\"\""_ba;
    QTest::addRow("only a quote") << u"\""_s << "\"\"\"\""_ba;
    QTest::addRow("CR") << u"a\rb"_s << "\"a\rb\""_ba;
    QTest::addRow("LF") << u"a\nb"_s << "\"a\nb\""_ba;
    QTest::addRow("CRLF") << u"a\r\nb"_s << "\"a\r\nb\""_ba;
    QTest::addRow("leading space") << u" lead"_s << "\" lead\""_ba;
    QTest::addRow("trailing space") << u"trail "_s << "\"trail \""_ba;
    QTest::addRow("trailing tab") << u"trail\t"_s << "\"trail\t\""_ba;
    QTest::addRow("semicolon is not special") << u"a;b"_s << "a;b"_ba;
    QTest::addRow("single quote is not special") << u"it's"_s << "it's"_ba;
}

void tst_Export::csvQuoting()
{
    QFETCH(QString, cell);
    QFETCH(QByteArray, field);
    QCOMPARE(writeCsv({ { cell, u"end"_s } }), field + ",end\r\n");
    QCOMPARE(writeCsv({ { u"start"_s, cell } }), "start," + field + "\r\n");
    QCOMPARE(writeCsvUtf8({ { cell, u"end"_s } }), field + ",end\r\n");
    QCOMPARE(writeCsvUtf8({ { u"start"_s, cell } }), "start," + field + "\r\n");
    QCOMPARE(referenceField(cell), field);
}

void tst_Export::csvEmptyCells_data()
{
    QTest::addColumn<QStringList>("row");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("no cells") << QStringList() << "\r\n"_ba;
    QTest::addRow("one empty cell") << QStringList{ QString() } << "\"\"\r\n"_ba;
    QTest::addRow("two empty cells") << QStringList{ QString(), QString() } << ",\r\n"_ba;
    QTest::addRow("trailing empty") << QStringList{ u"a"_s, QString() } << "a,\r\n"_ba;
    QTest::addRow("leading empty") << QStringList{ QString(), u"a"_s } << ",a\r\n"_ba;
}

void tst_Export::csvEmptyCells()
{
    QFETCH(QStringList, row);
    QFETCH(QByteArray, expected);
    QCOMPARE(writeCsv({ row }), expected);
    if (!row.isEmpty()) // a row without cells is a blank line, which the reader skips
        QCOMPARE(CsvWriter::parse(expected), QList<QStringList>{ row });
}

void tst_Export::csvWriterApi()
{
    const QByteArray expected = "a,\"b,c\"\r\n1,2\r\n"_ba;

    QBuffer rows;
    rows.open(QIODevice::WriteOnly);
    CsvWriter byRow(&rows);
    byRow.writeRow({ u"a"_s, u"b,c"_s });
    const std::array<QStringView, 2> second{ u"1", u"2" };
    byRow.writeRow(second);
    QCOMPARE(byRow.rowsWritten(), 2);
    QCOMPARE(byRow.bytesWritten(), expected.size()); // counted while still buffered
    QVERIFY(rows.data().isEmpty());
    QVERIFY(byRow.finish());
    QCOMPARE(rows.data(), expected);

    // Field by field; finish() terminates the last row.
    QBuffer fields;
    fields.open(QIODevice::WriteOnly);
    CsvWriter byField(&fields);
    byField.writeField(u"a");
    byField.writeField(u"b,c");
    byField.endRow();
    byField.writeField(u"1");
    byField.writeField(u"2");
    QVERIFY(byField.finish());
    QCOMPARE(fields.data(), expected);
    QCOMPARE(byField.rowsWritten(), 2);

    // The destructor flushes what finish() was not called for.
    QBuffer dropped;
    dropped.open(QIODevice::WriteOnly);
    {
        CsvWriter forgetful(&dropped);
        forgetful.writeRow({ u"x"_s });
    }
    QCOMPARE(dropped.data(), "x\r\n"_ba);

    CsvWriter nowhere(nullptr);
    nowhere.writeRow({ u"x"_s });
    QVERIFY(!nowhere.finish());
    QVERIFY(!nowhere.errorString().isEmpty());
}

void tst_Export::csvUtf8_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QByteArray>("utf8");

    QTest::addRow("latin-1 accents") << u"café"_s << "caf\xC3\xA9"_ba;
    QTest::addRow("CJK") << u"日本"_s << "\xE6\x97\xA5\xE6\x9C\xAC"_ba;
    QTest::addRow("emoji") << u"ok 😀"_s << "ok \xF0\x9F\x98\x80"_ba;
    QTest::addRow("emoji sequence")
            << u"👩‍💻"_s << "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"_ba;
    QTest::addRow("lone high surrogate") << QString(QChar(0xD83D)) + u"x"_s << "\xEF\xBF\xBDx"_ba;
    QTest::addRow("lone low surrogate") << QString(QChar(0xDE00)) << "\xEF\xBF\xBD"_ba;
    QTest::addRow("U+FFFD itself") << QString(QChar(0xFFFD)) << "\xEF\xBF\xBD"_ba;
    QTest::addRow("2-byte edge") << QString(QChar(0x7FF)) << "\xDF\xBF"_ba;
}

void tst_Export::csvUtf8()
{
    QFETCH(QString, cell);
    QFETCH(QByteArray, utf8);
    QCOMPARE(writeCsv({ { cell } }), utf8 + "\r\n");
    // Same bytes as Qt's encoder, except for lone surrogates, where Qt writes '?'.
    if (!QByteArrayView(QTest::currentDataTag()).startsWith("lone"))
        QCOMPARE(cell.toUtf8(), utf8);
}

void tst_Export::csvBom_data()
{
    QTest::addColumn<bool>("bom");
    QTest::addRow("without BOM") << false;
    QTest::addRow("with BOM") << true;
}

void tst_Export::csvBom()
{
    QFETCH(bool, bom);
    CsvWriter::Options options;
    options.utf8Bom = bom;
    const QList<QStringList> rows{ { u"naïve"_s, u"😀"_s } };
    const QByteArray csv = writeCsv(rows, options);
    const QByteArray body = "na\xC3\xAFve,\xF0\x9F\x98\x80\r\n"_ba;
    QCOMPARE(csv, bom ? "\xEF\xBB\xBF" + body : body);
    QCOMPARE(CsvWriter::parse(csv), rows);
}

void tst_Export::formulaGuard_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QByteArray>("guarded"); // the field with the guard on

    // OWASP CSV injection payloads.
    QTest::addRow("=1+1") << u"=1+1"_s << "'=1+1"_ba;
    QTest::addRow("DDE calc") << u"=cmd|' /C calc'!A0"_s << "'=cmd|' /C calc'!A0"_ba;
    QTest::addRow("+1+1") << u"+1+1"_s << "'+1+1"_ba;
    QTest::addRow("-2+3") << u"-2+3"_s << "'-2+3"_ba;
    QTest::addRow("@SUM") << u"@SUM(1+1)"_s << "'@SUM(1+1)"_ba;
    QTest::addRow("HYPERLINK") << u"=HYPERLINK(\"http://evil\",\"x\")"_s
                               << "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""_ba;
    QTest::addRow("tab prefix") << u"\t=1+1"_s << "'\t=1+1"_ba;
    QTest::addRow("CR prefix") << u"\r=1+1"_s << "\"'\r=1+1\""_ba;
    QTest::addRow("guarded and trailing space") << u"=1+1 "_s << "\"'=1+1 \""_ba;
    QTest::addRow("lone minus") << u"-"_s << "'-"_ba;
    QTest::addRow("negative number") << u"-5"_s << "'-5"_ba; // OWASP: first character only

    // Safe values pass unchanged.
    QTest::addRow("1-2") << u"1-2"_s << "1-2"_ba;
    QTest::addRow("a=b") << u"a=b"_s << "a=b"_ba;
    QTest::addRow("mail") << u"jo@acme.example"_s << "jo@acme.example"_ba;
    QTest::addRow("already quoted") << u"'=1+1"_s << "'=1+1"_ba;
    QTest::addRow("empty") << QString() << "\"\""_ba;
}

void tst_Export::formulaGuard()
{
    QFETCH(QString, cell);
    QFETCH(QByteArray, guarded);

    QCOMPARE(writeCsv({ { cell } }), guarded + "\r\n");
    QCOMPARE(writeCsvUtf8({ { cell } }), guarded + "\r\n");
    QCOMPARE(writeCsvUtf8({ { cell } }, noGuard()), writeCsv({ { cell } }, noGuard()));
    const bool isGuarded = CsvWriter::needsFormulaGuard(cell);
    QCOMPARE(CsvWriter::parse(QByteArray(guarded + "\r\n")),
             QList<QStringList>{ { isGuarded ? u"'"_s + cell : cell } });

    // With the guard off the cell goes out verbatim (quoted as needed).
    const QByteArray raw = writeCsv({ { cell } }, noGuard());
    QCOMPARE(CsvWriter::parse(raw), QList<QStringList>{ { cell } });
    if (!cell.isEmpty())
        QCOMPARE(raw, referenceField(cell) + "\r\n");
}

void tst_Export::csvRoundTrip_data()
{
    QTest::addColumn<QList<QStringList>>("rows");
    QTest::addColumn<qsizetype>("bufferSize");

    const QList<QStringList> tricky{
        { u"id"_s, u"text"_s, u"more"_s },
        { u"1"_s, u"a,b"_s, u"\"quoted\""_s },
        { u"2"_s, u"line1\nline2"_s, u"cr\ronly"_s },
        { u"3"_s, u"crlf\r\ninside"_s, u" spaced "_s },
        { u"4"_s, QString(), u"😀 日本 café"_s },
        { QString() },
        { u"=1+1"_s, u"@x"_s, u"-1"_s },
        { u",,,"_s, u"\"\"\""_s, u"\r\n\r\n"_s },
        { u"5"_s, u"\uFEFFstarts with a BOM character"_s, u"x"_s }, // found by fuzz_csvroundtrip
    };
    QTest::addRow("tricky rows") << tricky << qsizetype(1024 * 1024);
    QTest::addRow("tricky rows, tiny buffer") << tricky << qsizetype(64);

    QString big;
    for (int i = 0; i < 20000; ++i)
        big += u"x\"😀,\né"_s;
    QTest::addRow("200 KB cell, tiny buffer")
            << QList<QStringList>{ { big, u"after"_s }, { u"next"_s } } << qsizetype(64);
    QTest::addRow("200 KB cell, 4 KB buffer")
            << QList<QStringList>{ { u"before"_s, big } } << qsizetype(4096);
}

void tst_Export::csvRoundTrip()
{
    QFETCH(QList<QStringList>, rows);
    QFETCH(qsizetype, bufferSize);
    CsvWriter::Options options = noGuard();
    options.bufferSize = bufferSize;
    QCOMPARE(CsvWriter::parse(writeCsv(rows, options)), rows);
    options.utf8Bom = true;
    QCOMPARE(CsvWriter::parse(writeCsv(rows, options)), rows);
}

void tst_Export::csvMatchesReferenceAcrossBufferSizes_data()
{
    QTest::addColumn<qsizetype>("bufferSize");
    for (const qsizetype size : { 64, 65, 100, 257, 4096, 1024 * 1024 })
        QTest::addRow("%lld", qlonglong(size)) << size;
}

void tst_Export::csvMatchesReferenceAcrossBufferSizes()
{
    // Random cells mixing ASCII, specials, 2- and 3-byte characters and surrogate pairs,
    // so slices end on every kind of boundary.
    QFETCH(qsizetype, bufferSize);
    QRandomGenerator rng(1234);
    static constexpr char16_t Alphabet[] = { u'a',  u'Z',  u'0',  u' ', u',', u'"',
                                             u'\r', u'\n', u'\'', u'é', u'€', u'日' };
    QList<QStringList> rows;
    QByteArray expected;
    for (int r = 0; r < 200; ++r) {
        QStringList row;
        for (int c = 0; c < 5; ++c) {
            QString cell;
            const int length = int(rng.bounded(r % 10 == 0 ? 700 : 40));
            for (int i = 0; i < length; ++i) {
                if (rng.bounded(8) == 0)
                    cell += u"😀"_s;
                else
                    cell += QChar(Alphabet[rng.bounded(int(std::size(Alphabet)))]);
            }
            row.append(cell);
            expected += (c ? "," : "") + referenceField(cell);
        }
        expected += "\r\n";
        rows.append(row);
    }
    CsvWriter::Options options = noGuard();
    options.bufferSize = bufferSize;
    QCOMPARE(writeCsv(rows, options), expected);
    QCOMPARE(writeCsvUtf8(rows, options), expected);

    // Cells that start or end with the formula guard's characters or with spaces, specials at
    // every offset of an eight-byte word: the UTF-8 path (plain cells in one pass) writes
    // what the UTF-16 one does, guard on or off.
    static constexpr char16_t Edgy[] = { u'a', u'=',  u'+',  u'-',  u'@', u'\t', u' ', u',',
                                         u'"', u'\r', u'\n', u'\'', u'é', u'x',  u'7' };
    QList<QStringList> edgy;
    for (int r = 0; r < 300; ++r) {
        QStringList row;
        for (int c = 0; c < 4; ++c) {
            QString cell;
            const int length = int(rng.bounded(r % 7 == 0 ? 90 : 20));
            for (int i = 0; i < length; ++i) {
                // Mostly plain text, so that many cells take the one-pass path.
                cell += rng.bounded(4) == 0 ? QChar(Edgy[rng.bounded(int(std::size(Edgy)))])
                                            : QChar(u'a' + char16_t(rng.bounded(26)));
            }
            row.append(cell);
        }
        edgy.append(row);
    }
    for (const bool guard : { false, true }) {
        CsvWriter::Options edgyOptions;
        edgyOptions.formulaGuard = guard;
        edgyOptions.bufferSize = bufferSize;
        QCOMPARE(writeCsvUtf8(edgy, edgyOptions), writeCsv(edgy, edgyOptions));
    }
}

void tst_Export::parse_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QList<QStringList>>("rows");

    QTest::addRow("CRLF") << "a,b\r\nc,d\r\n"_ba
                          << QList<QStringList>{ { u"a"_s, u"b"_s }, { u"c"_s, u"d"_s } };
    QTest::addRow("LF") << "a,b\nc,d\n"_ba
                        << QList<QStringList>{ { u"a"_s, u"b"_s }, { u"c"_s, u"d"_s } };
    QTest::addRow("CR") << "a,b\rc,d"_ba
                        << QList<QStringList>{ { u"a"_s, u"b"_s }, { u"c"_s, u"d"_s } };
    QTest::addRow("no final newline") << "a,b"_ba << QList<QStringList>{ { u"a"_s, u"b"_s } };
    QTest::addRow("BOM") << "\xEF\xBB\xBFid,x\r\n"_ba << QList<QStringList>{ { u"id"_s, u"x"_s } };
    QTest::addRow("blank lines skipped")
            << "\r\na\r\n\r\n\nb\r\n"_ba << QList<QStringList>{ { u"a"_s }, { u"b"_s } };
    QTest::addRow("quoted comma") << "\"a,b\",c\r\n"_ba
                                  << QList<QStringList>{ { u"a,b"_s, u"c"_s } };
    QTest::addRow("doubled quotes")
            << "\"say \"\"hi\"\"\"\r\n"_ba << QList<QStringList>{ { u"say \"hi\""_s } };
    QTest::addRow("newlines in quotes")
            << "\"1\r\n2\n3\r4\",x\r\n"_ba << QList<QStringList>{ { u"1\r\n2\n3\r4"_s, u"x"_s } };
    QTest::addRow("quoted empty") << "\"\"\r\n\"\",\"\"\r\n"_ba
                                  << QList<QStringList>{ { QString() }, { QString(), QString() } };
    QTest::addRow("trailing comma") << "a,\r\n"_ba << QList<QStringList>{ { u"a"_s, QString() } };
    QTest::addRow("stray quote kept")
            << "ab\"c,d\r\n"_ba << QList<QStringList>{ { u"ab\"c"_s, u"d"_s } };
    QTest::addRow("unterminated quote")
            << "\"abc,d\r\n"_ba << QList<QStringList>{ { u"abc,d\r\n"_s } };
    QTest::addRow("invalid UTF-8 replaced") << "a\xFF"_ba << QList<QStringList>{ { u"a\uFFFD"_s } };
    QTest::addRow("empty input") << QByteArray() << QList<QStringList>{};
}

void tst_Export::parse()
{
    QFETCH(QByteArray, csv);
    QFETCH(QList<QStringList>, rows);
    QCOMPARE(CsvWriter::parse(csv), rows);
}

// --- EventExporter: columns ---------------------------------------------------------------

void tst_Export::defaultHeader()
{
    QCOMPARE(
            EventExporter::defaultColumns().join(u','),
            u"id,received_at,occurred_at,type,event_id,team,actor,entity,summary,source,status,size"_s);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExporter exporter(&buffer, EventExporter::Format::Csv);
    QVERIFY(exporter.begin());
    QVERIFY(exporter.finish());
    QCOMPARE(
            buffer.data(),
            "id,received_at,occurred_at,type,event_id,team,actor,entity,summary,source,status,size\r\n"_ba);
    QCOMPARE(exporter.rowsWritten(), 0);
    QCOMPARE(exporter.bytesWritten(), buffer.data().size());

    // finish() without begin() still writes the header: an empty export is a valid file.
    QBuffer second;
    second.open(QIODevice::WriteOnly);
    EventExporter lazy(&second, EventExporter::Format::Csv);
    QVERIFY(lazy.finish());
    QCOMPARE(second.data(), buffer.data());
}

void tst_Export::isValidColumn_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("valid");

    for (const QString &name : EventExporter::builtinColumns())
        QTest::addRow("%s", qPrintable(name)) << name << true;
    QTest::addRow("payload path") << u"payload.ticket.priorityName"_s << true;
    QTest::addRow("message path") << u"message.eventId"_s << true;
    QTest::addRow("request path") << u"request.status"_s << true;
    QTest::addRow("other dotted path") << u"actor.email"_s << true;
    QTest::addRow("array index") << u"payload.ticket.tags[0]"_s << true;
    QTest::addRow("uppercase builtin") << u"ID"_s << false;
    QTest::addRow("mixed case builtin") << u"Received_At"_s << false;
    QTest::addRow("unknown") << u"priority"_s << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("leading dot") << u".payload"_s << false;
    QTest::addRow("trailing dot") << u"payload."_s << false;
    QTest::addRow("double dot") << u"payload..ticket"_s << false;
    QTest::addRow("space") << u"payload.ticket name"_s << false;
    QTest::addRow("unclosed bracket") << u"payload.tags[0"_s << false;
}

void tst_Export::isValidColumn()
{
    QFETCH(QString, column);
    QFETCH(bool, valid);
    QCOMPARE(EventExporter::isValidColumn(column), valid);
}

void tst_Export::columnError_data()
{
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("mentions"); // empty: no error expected

    QTest::addRow("defaults") << EventExporter::defaultColumns() << QString();
    QTest::addRow("all builtins") << EventExporter::builtinColumns() << QString();
    QTest::addRow("paths") << QStringList{ u"id"_s, u"payload.ticket.priorityName"_s } << QString();
    QTest::addRow("none") << QStringList() << u"at least one column"_s;
    QTest::addRow("unknown") << QStringList{ u"id"_s, u"priority"_s, u"bogus"_s }
                             << u"\u201cpriority\u201d"_s;
    QTest::addRow("uppercase") << QStringList{ u"Type"_s } << u"lowercase"_s;
    QTest::addRow("bad path") << QStringList{ u"payload..x"_s } << u"not a valid JSON path"_s;
    QTest::addRow("duplicate") << QStringList{ u"id"_s, u"type"_s, u"id"_s } << u"listed twice"_s;
    QTest::addRow("empty name") << QStringList{ u"id"_s, QString() } << u"Column 2"_s;
}

void tst_Export::columnError()
{
    QFETCH(QStringList, columns);
    QFETCH(QString, mentions);
    const QString error = EventExporter::columnError(columns);
    if (mentions.isEmpty()) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
    } else {
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
}

void tst_Export::invalidColumnsFailBegin()
{
    for (const auto format : { EventExporter::Format::Csv, EventExporter::Format::JsonLines }) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        EventExporter exporter(&buffer, format, { u"id"_s, u"nope"_s });
        QVERIFY(!exporter.begin());
        QVERIFY(exporter.errorString().contains(u"nope"_s));
        QVERIFY(!exporter.write(sampleEvent()));
        QVERIFY(!exporter.finish());
        QCOMPARE(exporter.rowsWritten(), 0);
        QVERIFY(buffer.data().isEmpty());
    }
}

void tst_Export::formatTime_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");

    QTest::addRow("epoch") << qint64(0) << u"1970-01-01T00:00:00.000Z"_s;
    QTest::addRow("fixture") << qint64(1795166043512) << u"2026-11-20T09:14:03.512Z"_s;
    QTest::addRow("before epoch") << qint64(-1) << u"1969-12-31T23:59:59.999Z"_s;
    QTest::addRow("leap day") << qint64(951782400000) << u"2000-02-29T00:00:00.000Z"_s;
    QTest::addRow("end of 9999") << qint64(253402300799999) << u"9999-12-31T23:59:59.999Z"_s;
}

void tst_Export::formatTime()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(EventExporter::formatTime(ms), text);

    // The hand-rolled calendar agrees with QDateTime over a wide range.
    QRandomGenerator rng(99);
    for (int i = 0; i < 2000; ++i) {
        const qint64 t = qint64(rng.bounded(double(4102444800000.0))) - 1000000000000;
        QCOMPARE(EventExporter::formatTime(t),
                 QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs));
    }
}

// --- EventExporter: CSV -------------------------------------------------------------------

void tst_Export::csvRow()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExporter exporter(&buffer, EventExporter::Format::Csv);
    Event event = sampleEvent();
    QVERIFY(exporter.write(event));
    event.summary.id = 43;
    event.summary.occurredAt = 0;
    event.summary.summary = u"=HYPERLINK(\"http://evil\")"_s;
    QVERIFY(exporter.write(event));
    QVERIFY(exporter.finish());
    QCOMPARE(exporter.rowsWritten(), 2);

    const QList<QByteArray> got = buffer.data().split('\n');
    QCOMPARE(got.size(), 4); // header, two rows, empty tail
    const QByteArray size = QByteArray::number(event.summary.size);
    QCOMPARE(got.at(1),
             "42,2026-11-20T09:14:03.512Z,2026-11-20T09:14:03.120Z,ticket:created,"
             "evt_01JD5K40A1B2C3D4E5F6G7H8J9,T123NHFDRF,jo@acme.example,#1042,"
             "\"Charged twice, \"\"urgent\"\"\",local,ok,"
                     + size + "\r");
    QCOMPARE(got.at(2),
             "43,2026-11-20T09:14:03.512Z,,ticket:created,"
             "evt_01JD5K40A1B2C3D4E5F6G7H8J9,T123NHFDRF,jo@acme.example,#1042,"
             "\"'=HYPERLINK(\"\"http://evil\"\")\",local,ok,"
                     + size + "\r");
    QCOMPARE(exporter.bytesWritten(), buffer.data().size());
}

void tst_Export::bomCharacterInFirstCell()
{
    // A file that starts with U+FEFF reads as a BOM to any reader: a first cell starting
    // with it is quoted, so the file starts with '"' and the character survives the read.
    // (Found by fuzz_csvroundtrip.) Elsewhere the character needs no quotes.
    const QString cell = QChar(0xFEFF) + u"x"_s;
    const QList<QStringList> rows = { { cell, u"end"_s }, { cell, u"end"_s } };
    const QByteArray expected = "\"\xEF\xBB\xBFx\",end\r\n\xEF\xBB\xBFx,end\r\n";
    QCOMPARE(writeCsv(rows), expected);
    QCOMPARE(writeCsvUtf8(rows), expected);
    QCOMPARE(CsvWriter::parse(expected), rows);
    CsvWriter::Options bom;
    bom.utf8Bom = true;
    QCOMPARE(writeCsv(rows, bom), "\xEF\xBB\xBF" + expected);
    QCOMPARE(CsvWriter::parse(writeCsv(rows, bom)), rows);
}

void tst_Export::summaryRowsMatchEvents()
{
    // `hookscope export` writes summary-level CSV straight from SQLite's bytes
    // (SummaryReader + writeSummaryRow). Over a real store, with cells that need quoting,
    // the formula guard and non-ASCII text, it must produce exactly what the general path
    // (Event by Event) produces.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore store;
    QVERIFY2(store.open(dir.path()), qPrintable(store.errorString()));
    const QStringList awkward = { u"=1+1"_s,  u"say \"hi\", ok"_s, u"line\nbreak"_s,
                                  u" lead"_s, u"trail\t"_s,        u"Überweisung 💸 zurück"_s,
                                  u"-5"_s,    u"@SUM(1+1)"_s,      QString(),
                                  u"plain"_s };
    int n = 0;
    for (const QString &text : awkward) {
        Event e = sampleEvent();
        e.summary.id = 0;
        e.summary.eventId = u"evt_%1"_s.arg(++n);
        e.summary.summary = text;
        e.summary.actor = text;
        e.summary.team = n % 2 ? text : QString();
        e.summary.occurredAt = n % 3 ? e.summary.occurredAt + n : 0;
        e.path = u"/p/"_s + text;
        e.query = u"a="_s + QString::fromLatin1(QUrl::toPercentEncoding(text)) + u"&token=s3cret"_s;
        store.submit(std::move(e));
    }
    // Times on other days and out of order (the fast path keeps the last date per column),
    // before 1970, and past 9999 (written through QDateTime).
    const qint64 times[] = { 1795166043512,
                             1795166043512 + 1,
                             1795166043512 + 56487, // the last millisecond of that minute
                             1795166043512 + 56488, // the next minute
                             1795166043512 + 3 * 86400000LL,
                             1795166043512 - 1,
                             86399999,
                             86400000,
                             -1,
                             -60000,
                             -60001,
                             -86400001,
                             253402300799999,
                             253402300800000,
                             -62135596800001,
                             std::numeric_limits<qint64>::max() / 2,
                             std::numeric_limits<qint64>::min() / 2,
                             59999 };
    for (const qint64 t : times) {
        Event e = sampleEvent();
        e.summary.id = 0;
        e.summary.eventId = u"evt_t%1"_s.arg(t);
        e.summary.receivedAt = t;
        e.summary.occurredAt = t - 86400000LL * (t % 5);
        store.submit(std::move(e));
    }
    store.flush();
    const qint64 stored = qint64(awkward.size()) + qint64(std::size(times));
    QCOMPARE(store.count(), stored);

    const QStringList allSummaryColumns = { u"id"_s,     u"received_at"_s,    u"occurred_at"_s,
                                            u"type"_s,   u"event_id"_s,       u"team"_s,
                                            u"actor"_s,  u"entity"_s,         u"summary"_s,
                                            u"source"_s, u"status"_s,         u"size"_s,
                                            u"org"_s,    u"method"_s,         u"path"_s,
                                            u"query"_s,  u"remote_address"_s, u"content_type"_s };
    for (const QStringList &columns : { EventExporter::defaultColumns(), allSummaryColumns }) {
        QBuffer general;
        general.open(QIODevice::WriteOnly);
        EventExporter slow(&general, EventExporter::Format::Csv, columns);
        QVERIFY(slow.begin());
        QVERIFY(store.forEachSummary([&](const Event &e) { return slow.write(e); }));
        QVERIFY(slow.finish());

        QBuffer fast;
        fast.open(QIODevice::WriteOnly);
        EventExporter quick(&fast, EventExporter::Format::Csv, columns);
        QVERIFY(quick.canWriteSummaryRows());
        SummaryReader reader;
        QVERIFY2(reader.open(store.databasePath()), qPrintable(reader.errorString()));
        QVERIFY(quick.begin());
        QCOMPARE(quick.usesRequestColumns(), columns.contains(u"org"_s));
        QVERIFY2(
                reader.forEachRow([&](const SummaryRow &row) { return quick.writeSummaryRow(row); },
                                  0, quick.usesRequestColumns()),
                qPrintable(reader.errorString()));
        QVERIFY(quick.finish());

        QCOMPARE(quick.rowsWritten(), stored);
        QCOMPARE(fast.data(), general.data());
        QVERIFY(!fast.data().contains("s3cret")); // the query is redacted on this path too
    }

    // Body and JSON-path columns need whole events: no fast path for them.
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    QVERIFY(!EventExporter(&sink, EventExporter::Format::Csv, { u"id"_s, u"body"_s })
                     .canWriteSummaryRows());
    QVERIFY(!EventExporter(&sink, EventExporter::Format::Csv, { u"payload.ticket.title"_s })
                     .canWriteSummaryRows());
    QVERIFY(!EventExporter(&sink, EventExporter::Format::JsonLines).canWriteSummaryRows());
}

void tst_Export::csvAllBuiltinColumns()
{
    const QStringList columns = EventExporter::builtinColumns();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExporter exporter(&buffer, EventExporter::Format::Csv, columns);
    Event event = sampleEvent();
    event.body = "caf\xC3\xA9 \xFF"_ba; // lossy: the invalid byte becomes U+FFFD
    QVERIFY(exporter.write(event));
    QVERIFY(exporter.finish());

    const QList<QStringList> rows = CsvWriter::parse(buffer.data());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0), columns);
    const QStringList &row = rows.at(1);
    QCOMPARE(row.size(), columns.size());
    auto cell = [&](const QString &name) { return row.at(columns.indexOf(name)); };
    QCOMPARE(cell(u"org"_s), u"O0ACME0001"_s);
    QCOMPARE(cell(u"method"_s), u"POST"_s);
    QCOMPARE(cell(u"path"_s), u"/hooks/thena"_s);
    QCOMPARE(cell(u"query"_s), u"channel=a&token=[redacted]"_s);
    QCOMPARE(cell(u"remote_address"_s), u"127.0.0.1"_s);
    QCOMPARE(cell(u"content_type"_s), u"application/json"_s);
    QCOMPARE(cell(u"body"_s), u"café \uFFFD"_s);
}

void tst_Export::jsonPathColumns()
{
    const QStringList columns{ u"id"_s,
                               u"payload.ticket.priorityName"_s,
                               u"payload.ticket.ticketId"_s,
                               u"payload.ticket.tags"_s,
                               u"payload.ticket.isEscalated"_s,
                               u"payload.ticket.assignedTo"_s,
                               u"payload.ticket.missing"_s,
                               u"message.eventId"_s,
                               u"payload.ticket.tags[1]"_s };
    const Event event = sampleEvent();

    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    EventExporter csvExporter(&csv, EventExporter::Format::Csv, columns);
    QVERIFY(csvExporter.write(event));
    QVERIFY(csvExporter.finish());
    const QList<QStringList> rows = CsvWriter::parse(csv.data());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0), columns);
    QCOMPARE(rows.at(1),
             (QStringList{ u"42"_s, u"High"_s, u"1042"_s, u"[\"billing\",\"refund\"]"_s, u"false"_s,
                           QString(), QString(), u"evt_01JD5K40A1B2C3D4E5F6G7H8J9"_s,
                           u"refund"_s }));

    QBuffer jsonl;
    jsonl.open(QIODevice::WriteOnly);
    EventExporter jsonExporter(&jsonl, EventExporter::Format::JsonLines, columns);
    QVERIFY(jsonExporter.write(event));
    QVERIFY(jsonExporter.finish());
    const QList<QByteArray> got = lines(jsonl.data());
    QCOMPARE(got.size(), 1);
    QJsonParseError error{};
    const QJsonObject object = QJsonDocument::fromJson(got.first(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(object.keys().size(), columns.size());
    QCOMPARE(object.value(u"id"_s), QJsonValue(42));
    QCOMPARE(object.value(u"payload.ticket.priorityName"_s), QJsonValue(u"High"_s));
    QCOMPARE(object.value(u"payload.ticket.ticketId"_s), QJsonValue(1042));
    QCOMPARE(object.value(u"payload.ticket.tags"_s),
             QJsonValue(QJsonArray{ u"billing"_s, u"refund"_s }));
    QCOMPARE(object.value(u"payload.ticket.isEscalated"_s), QJsonValue(false));
    QCOMPARE(object.value(u"payload.ticket.assignedTo"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(object.value(u"payload.ticket.missing"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(object.value(u"message.eventId"_s), QJsonValue(u"evt_01JD5K40A1B2C3D4E5F6G7H8J9"_s));
    QVERIFY(!object.contains(u"body"_s)); // custom columns: no archive extras
}

// --- EventExporter: JSON Lines ------------------------------------------------------------

void tst_Export::jsonLinesArchive()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExporter exporter(&buffer, EventExporter::Format::JsonLines);
    QVERIFY(exporter.begin());
    QVERIFY(buffer.data().isEmpty()); // no header line in JSON Lines
    Event event = sampleEvent();
    QVERIFY(exporter.write(event));
    QVERIFY(exporter.finish());
    QCOMPARE(exporter.bytesWritten(), buffer.data().size());
    QVERIFY(buffer.data().endsWith('\n'));

    const QList<QByteArray> got = lines(buffer.data());
    QCOMPARE(got.size(), 1);
    QJsonParseError error{};
    const QJsonObject object = QJsonDocument::fromJson(got.first(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);

    QStringList expectedKeys = EventExporter::defaultColumns();
    expectedKeys << u"method"_s << u"path"_s << u"query"_s << u"content_type"_s << u"headers"_s
                 << u"body"_s;
    QStringList keys = object.keys();
    keys.sort();
    expectedKeys.sort();
    QCOMPARE(keys, expectedKeys);
    // Keys come out in column order (QJsonObject sorts, so look at the raw line).
    QVERIFY(got.first().startsWith("{\"id\":42,\"received_at\":\"2026-11-20T09:14:03.512Z\","));

    QCOMPARE(object.value(u"id"_s), QJsonValue(42));
    QCOMPARE(object.value(u"size"_s), QJsonValue(event.summary.size));
    QCOMPARE(object.value(u"received_at"_s), QJsonValue(u"2026-11-20T09:14:03.512Z"_s));
    QCOMPARE(object.value(u"occurred_at"_s), QJsonValue(u"2026-11-20T09:14:03.120Z"_s));
    QCOMPARE(object.value(u"summary"_s), QJsonValue(event.summary.summary));
    QCOMPARE(object.value(u"method"_s), QJsonValue(u"POST"_s));
    QCOMPARE(object.value(u"path"_s), QJsonValue(u"/hooks/thena"_s));
    QCOMPARE(object.value(u"query"_s), QJsonValue(u"channel=a&token=[redacted]"_s));
    QCOMPARE(object.value(u"content_type"_s), QJsonValue(u"application/json"_s));
    QCOMPARE(object.value(u"body"_s).toObject(), QJsonDocument::fromJson(event.body).object());
    QCOMPARE(object.value(u"body"_s)[u"message"_s][u"payload"_s][u"ticket"_s][u"priorityName"_s]
                     .toString(),
             u"High"_s);

    const QJsonArray headers = object.value(u"headers"_s).toArray();
    QCOMPARE(headers.size(), event.headers.size());
    QCOMPARE(headers.at(0), QJsonValue(QJsonArray{ u"Content-Type"_s, u"application/json"_s }));
    QCOMPARE(headers.at(5), QJsonValue(QJsonArray{ u"User-Agent"_s, u"Thena-Webhooks/1.0"_s }));

    // occurred_at 0 is null, not the epoch.
    event.summary.occurredAt = 0;
    QBuffer second;
    second.open(QIODevice::WriteOnly);
    EventExporter again(&second, EventExporter::Format::JsonLines);
    QVERIFY(again.write(event));
    QVERIFY(again.finish());
    QVERIFY(QJsonDocument::fromJson(second.data()).object().value(u"occurred_at"_s).isNull());
}

void tst_Export::jsonLinesBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("key");

    QTest::addRow("JSON object over several lines")
            << "{\n  \"a\": [1, 2.5, \"x\\ny\"],\n  \"b\": null\n}"_ba << u"body"_s;
    QTest::addRow("JSON array") << "[1,2,3]"_ba << u"body"_s;
    QTest::addRow("JSON with big integer") << "{\"n\":9007199254740993}"_ba << u"body"_s;
    QTest::addRow("bare JSON scalar kept as text") << "42"_ba << u"body_text"_s;
    QTest::addRow("invalid JSON") << "{\"oops\":"_ba << u"body_text"_s;
    QTest::addRow("text with newlines and controls")
            << "hello\r\nworld\t\x01\x1F \xF0\x9F\x98\x80"_ba << u"body_text"_s;
    QTest::addRow("form") << "a=1&b=%20"_ba << u"body_text"_s;
    QTest::addRow("BOM text") << "\xEF\xBB\xBFhi"_ba << u"body_text"_s;
    QTest::addRow("BOM, U+2028 inside") << "a\xEF\xBB\xBF\xE2\x80\xA8\xE2\x80\xA9"
                                           "b"_ba
                                        << u"body_text"_s;
    QTest::addRow("empty") << QByteArray() << u"body_text"_s;
    QTest::addRow("binary") << QByteArray("\x89PNG\r\n\x1A\n\x00\xFF\xFE", 11) << u"body_base64"_s;
}

void tst_Export::jsonLinesBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, key);

    Event event = sampleEvent();
    event.body = body;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExporter exporter(&buffer, EventExporter::Format::JsonLines);
    QVERIFY(exporter.write(event));
    QVERIFY(exporter.finish());

    const QList<QByteArray> got = lines(buffer.data());
    QCOMPARE(got.size(), 1); // one line even when the body has line breaks
    QJsonParseError error{};
    const QJsonObject object = QJsonDocument::fromJson(got.first(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    for (const QString &k : { u"body"_s, u"body_text"_s, u"body_base64"_s })
        QCOMPARE(object.contains(k), k == key);

    const QJsonValue value = object.value(key);
    if (key == u"body") {
        const QJsonDocument original = QJsonDocument::fromJson(body);
        QCOMPARE(value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()),
                 original);
    } else if (key == u"body_text") {
        QCOMPARE(value.toString().toUtf8(), body); // lossless
    } else {
        QCOMPARE(QByteArray::fromBase64(value.toString().toLatin1()), body);
    }
}

void tst_Export::jsonLinesCustomColumns()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const QStringList columns{ u"type"_s, u"body"_s, u"query"_s, u"size"_s };
    EventExporter exporter(&buffer, EventExporter::Format::JsonLines, columns);
    Event event = sampleEvent();
    event.body = "{\"a\":1}"_ba;
    QVERIFY(exporter.write(event));
    QVERIFY(exporter.finish());
    QCOMPARE(buffer.data(),
             "{\"type\":\"ticket:created\",\"body\":\"{\\\"a\\\":1}\",\"query\":\"channel=a&token=["
             "redacted]\","
             "\"size\":"
                     + QByteArray::number(event.summary.size) + "}\n");
}

void tst_Export::jsonLinesManyEvents()
{
    // Enough output to go through several 1 MiB flushes.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u"events.jsonl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    EventExporter exporter(&file, EventExporter::Format::JsonLines);
    Event event = sampleEvent();
    const int count = 1500;
    for (int i = 0; i < count; ++i) {
        event.summary.id = i + 1;
        event.summary.summary = u"line %1\nwith \"quotes\" and 😀"_s.arg(i);
        QVERIFY(exporter.write(event));
    }
    QVERIFY(exporter.finish());
    QCOMPARE(exporter.rowsWritten(), count);
    file.close();
    QVERIFY(exporter.bytesWritten() > 2 * 1024 * 1024);
    QCOMPARE(QFileInfo(file).size(), exporter.bytesWritten());

    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> got = lines(file.readAll());
    QCOMPARE(got.size(), count);
    for (int i = 0; i < count; ++i) {
        QJsonParseError error{};
        const QJsonObject object = QJsonDocument::fromJson(got.at(i), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(object.value(u"id"_s).toInteger(), i + 1);
        QCOMPARE(object.value(u"summary"_s).toString(), u"line %1\nwith \"quotes\" and 😀"_s.arg(i));
    }
}

// --- Secrets ------------------------------------------------------------------------------

void tst_Export::redactHeaders_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");

    QTest::addRow("authorization") << "authorization"_ba << true;
    QTest::addRow("Authorization") << "Authorization"_ba << true;
    QTest::addRow("X-API-KEY") << "X-API-KEY"_ba << true;
    QTest::addRow("cookie") << "Cookie"_ba << true;
    QTest::addRow("set-cookie") << "Set-Cookie"_ba << true;
    QTest::addRow("proxy-authorization") << "Proxy-Authorization"_ba << true;
    QTest::addRow("content-type") << "Content-Type"_ba << false;
    QTest::addRow("x-api-key-id is not x-api-key") << "X-Api-Key-Id"_ba << false;
    QTest::addRow("user-agent") << "User-Agent"_ba << false;
}

void tst_Export::redactHeaders()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    const HeaderList headers{ { "Host", "localhost" }, { name, "value-123" } };
    const HeaderList redacted = EventExporter::redactHeaders(headers);
    QCOMPARE(redacted.size(), 2);
    QCOMPARE(redacted.at(0), headers.at(0));
    QCOMPARE(redacted.at(1).first, name); // the name and order are kept
    QCOMPARE(redacted.at(1).second, secret ? "[redacted]"_ba : "value-123"_ba);
}

void tst_Export::redactQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");

    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("no secret") << u"a=1&b=2"_s << u"a=1&b=2"_s;
    QTest::addRow("only token") << u"token=abc"_s << u"token=[redacted]"_s;
    QTest::addRow("token first") << u"token=abc&b=2"_s << u"token=[redacted]&b=2"_s;
    QTest::addRow("token last") << u"a=1&token=abc"_s << u"a=1&token=[redacted]"_s;
    QTest::addRow("token middle") << u"a=1&token=abc&b=2"_s << u"a=1&token=[redacted]&b=2"_s;
    QTest::addRow("two tokens") << u"token=a&token=b"_s << u"token=[redacted]&token=[redacted]"_s;
    QTest::addRow("uppercase key") << u"TOKEN=abc"_s << u"TOKEN=[redacted]"_s;
    QTest::addRow("leading ?") << u"?token=abc"_s << u"?token=[redacted]"_s;
    QTest::addRow("access_token") << u"access_token=x"_s << u"access_token=[redacted]"_s;
    QTest::addRow("api_key") << u"api_key=x&z"_s << u"api_key=[redacted]&z"_s;
    QTest::addRow("empty token value") << u"token="_s << u"token=[redacted]"_s;
    QTest::addRow("token without value") << u"token&a=1"_s << u"token&a=1"_s;
    QTest::addRow("similar key kept") << u"tokens=1&mytoken=2"_s << u"tokens=1&mytoken=2"_s;
    QTest::addRow("trailing &") << u"token=x&"_s << u"token=[redacted]&"_s;
    QTest::addRow("value with =") << u"token=a=b&c=d"_s << u"token=[redacted]&c=d"_s;
}

void tst_Export::redactQuery()
{
    QFETCH(QString, query);
    QFETCH(QString, expected);
    QCOMPARE(EventExporter::redactQuery(query), expected);
    QCOMPARE(EventExporter::redactQuery(expected), expected); // idempotent
}

void tst_Export::exportRedactsSecrets()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExporter exporter(&buffer, EventExporter::Format::JsonLines);
    const Event event = sampleEvent();
    QVERIFY(exporter.write(event));
    QVERIFY(exporter.finish());

    const QByteArray out = buffer.data();
    for (const QByteArray &secret :
         { "abc.def"_ba, "k-123"_ba, "session=1"_ba, "Zm9v"_ba, "s3cret"_ba })
        QVERIFY2(!out.contains(secret), secret.constData());

    const QJsonArray headers = QJsonDocument::fromJson(out).object().value(u"headers"_s).toArray();
    const HeaderList expected = EventExporter::redactHeaders(event.headers);
    QCOMPARE(headers.size(), expected.size());
    for (qsizetype i = 0; i < headers.size(); ++i) {
        QCOMPARE(headers.at(i)[0].toString().toUtf8(), expected.at(i).first);
        QCOMPARE(headers.at(i)[1].toString().toUtf8(), expected.at(i).second);
    }
    QCOMPARE(headers.at(1)[1].toString(), u"[redacted]"_s);
}

// --- Device errors ------------------------------------------------------------------------

void tst_Export::deviceErrors_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<int>("format");

    for (const auto format : { EventExporter::Format::Csv, EventExporter::Format::JsonLines }) {
        const char *name = format == EventExporter::Format::Csv ? "csv" : "jsonl";
        for (const char *device :
             { "closed buffer", "read-only file", "fails midway", "fails at finish", "dev-full" })
            QTest::addRow("%s, %s", name, device) << QString::fromLatin1(device) << int(format);
    }
}

void tst_Export::deviceErrors()
{
    QFETCH(QString, device);
    QFETCH(int, format);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::unique_ptr<QIODevice> io;
    if (device == u"closed buffer") {
        io = std::make_unique<QBuffer>();
    } else if (device == u"read-only file") {
        auto file = std::make_unique<QFile>(dir.filePath(u"ro.csv"_s));
        QVERIFY(file->open(QIODevice::WriteOnly));
        file->close();
        QVERIFY(file->open(QIODevice::ReadOnly));
        io = std::move(file);
    } else if (device == u"fails midway") {
        io = std::make_unique<LimitedDevice>(100 * 1024); // less than the 1 MiB buffer
    } else if (device == u"fails at finish") {
        io = std::make_unique<LimitedDevice>(10);
    } else {
        if (!QFile::exists(u"/dev/full"_s))
            QSKIP("no /dev/full here");
        auto file = std::make_unique<QFile>(u"/dev/full"_s);
        QVERIFY(file->open(QIODevice::WriteOnly));
        io = std::move(file);
    }

    const Event event = sampleEvent();
    EventExporter exporter(io.get(), EventExporter::Format(format));
    const int events = device == u"fails at finish" ? 1 : 2000;
    bool ok = exporter.begin();
    for (int i = 0; ok && i < events; ++i)
        ok = exporter.write(event);
    const bool writesFailed = !ok;
    QVERIFY(!exporter.finish());
    QVERIFY(!exporter.write(event)); // errors are sticky
    QVERIFY(!exporter.errorString().isEmpty());
    if (device == u"closed buffer" || device == u"read-only file") {
        QVERIFY(writesFailed); // known up front: nothing is even buffered
        QCOMPARE(exporter.rowsWritten(), 0);
    }
    if (device == u"fails midway")
        QVERIFY2(exporter.errorString().contains(u"No space left"_s),
                 qPrintable(exporter.errorString()));
    if (device == u"fails at finish") // everything fit in the buffer, so only finish() can tell
        QVERIFY(!writesFailed);
    if (device == u"dev-full")
        QVERIFY2(exporter.errorString().contains(u"space"_s, Qt::CaseInsensitive),
                 qPrintable(exporter.errorString()));

    // The plain writer reports the same way.
    if (device != u"dev-full") {
        std::unique_ptr<QIODevice> second;
        if (device == u"fails midway" || device == u"fails at finish")
            second = std::make_unique<LimitedDevice>(10);
        else
            second = std::make_unique<QBuffer>();
        CsvWriter writer(second.get());
        writer.writeRow({ u"a"_s, u"b"_s, u"a longer cell than ten bytes"_s });
        QVERIFY(!writer.finish());
        QVERIFY(writer.hasError());
        QVERIFY(!writer.errorString().isEmpty());
    }
}

void tst_Export::realFileExport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"export.csv"_s);
    CsvWriter::Options options;
    options.utf8Bom = true;
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        EventExporter exporter(&file, EventExporter::Format::Csv, EventExporter::defaultColumns(),
                               options);
        for (int i = 0; i < 3; ++i)
            QVERIFY(exporter.write(sampleEvent()));
        QVERIFY(exporter.finish());
        QCOMPARE(exporter.rowsWritten(), 3);
        QCOMPARE(file.size(), exporter.bytesWritten());
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray data = file.readAll();
    QVERIFY(data.startsWith("\xEF\xBB\xBFid,received_at,"));
    const QList<QStringList> rows = CsvWriter::parse(data);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0), EventExporter::defaultColumns());
    QCOMPARE(rows.at(3).at(8), u"Charged twice, \"urgent\""_s);
}

void tst_Export::csvThroughput()
{
    // Not a pass/fail benchmark (Debug builds are slow); prints the rate for the record.
    QStringList row;
    for (int i = 0; i < 12; ++i)
        row << (i % 3 == 0 ? u"Charged twice for invoice 1042, \"urgent\""_s
                           : u"evt_01JD5K40A1B2C3D4E5F6G7H8J9"_s);
    row << u"Zürich 😀 日本"_s;
    LimitedDevice sink;
    QElapsedTimer timer;
    timer.start();
    CsvWriter writer(&sink);
    while (writer.bytesWritten() < 64 * 1024 * 1024)
        writer.writeRow(row);
    QVERIFY(writer.finish());
    const double seconds = std::max<qint64>(timer.nsecsElapsed(), 1) / 1e9;
    QCOMPARE(sink.accepted(), writer.bytesWritten());
    qInfo("CsvWriter: %.0f MB/s (%lld bytes in %.3f s)", writer.bytesWritten() / 1e6 / seconds,
          qlonglong(writer.bytesWritten()), seconds);
}

QTEST_GUILESS_MAIN(tst_Export)
#include "tst_export.moc"
