// SPDX-License-Identifier: MIT
// ExportJob over real stores (SQLite files in temporary folders): a filtered export is exactly
// the unfiltered export with the non-matching rows left out, on every path (summary-level CSV
// from SQLite's bytes with the filter inside the scan, and the general one), and the store's
// own checks still decide whether there is a file at all.
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <future>
#include <memory>

#include "core/events/event.h"
#include "core/events/eventpayload.h"
#include "core/export/csvwriter.h"
#include "core/export/eventexporter.h"
#include "core/export/exportjob.h"
#include "core/export/summarycsv.h"
#include "core/export/summaryrowfilter.h"
#include "core/filter/filterexpression.h"
#include "core/store/eventscan.h"
#include "core/store/eventstore.h"
#include "core/store/summaryreader.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

constexpr qint64 Base = 1795166043512; // 2026-11-20T09:14:03.512Z
constexpr int EventCount = 5000;

const QStringList Types = {
    u"ticket:created"_s,   u"ticket:comment:created"_s,     u"TICKET:PRIORITY:CHANGED"_s,
    u"account:updated"_s,  u"custom-object:deal:created"_s, u"request:created"_s,
    u"app:installation"_s, u"Ticket:Ärger:created"_s,       u"unknown"_s
};
const QStringList Teams = { u"T123NHFDRF"_s, u"T456QWERTY"_s, u"T123NHFDRF,T456QWERTY"_s, QString(),
                            u"t789 , T123NHFDRF"_s };
const QStringList Sources = { u"local"_s, u"relay"_s, u"import"_s };
const QStringList Actors = { u"jo@acme.example"_s,      u"bot-7"_s, u"Zoë \"quoted\", with comma"_s,
                             u"line\nbreak"_s,          u"=cmd"_s,  QString(),
                             u"sam.agent@example.com"_s };
const QStringList Summaries = { u"Refund for invoice 1042"_s,
                                u" leading space"_s,
                                u"Überweisung 💸 zurück"_s,
                                u"-5"_s,
                                u"plain"_s,
                                u"trailing\t"_s,
                                u"say \"hi\", ok"_s,
                                QString(),
                                u"\uFEFFstarts with a BOM"_s };

Event makeEvent(int i)
{
    Event e;
    EventSummary &s = e.summary;
    s.receivedAt = Base + qint64(i) * 97'000; // about five days in all: the date changes
    switch (i % 11) {
    case 0:
        s.occurredAt = 0;
        break;
    case 1:
        s.occurredAt = -86'400'000LL * (i + 1) - 1; // before 1970
        break;
    case 2:
        s.occurredAt = 253'402'300'800'000LL + i; // year 10000: written by QDateTime
        break;
    default:
        s.occurredAt = s.receivedAt - 1000 * (i % 7) - (i % 3) * 86'400'000LL;
    }
    s.type = Types.at(i % Types.size());
    s.eventId = i % 13 == 0 ? QString() : u"evt_%1"_s.arg(i % 4000); // repeats: status repeat
    s.team = Teams.at((i / 3) % Teams.size());
    s.actor = Actors.at((i / 2) % Actors.size());
    s.entity = u"#%1"_s.arg(1000 + i % 250);
    s.summary = Summaries.at((i * 7) % Summaries.size());
    s.source = Sources.at((i / 5) % Sources.size());
    s.status = i % 17 == 0 ? u"invalid"_s : u"ok"_s;
    e.org = u"O0ACME0001"_s;
    e.method = u"POST"_s;
    e.path = u"/hooks/[secret]/events"_s;
    e.query = i % 4 == 0 ? u"channel=a&token=s3cret"_s : QString();
    e.remoteAddress = u"127.0.0.1"_s;
    e.contentType = u"application/json"_s;
    e.body = i % 6 == 0 ? R"({"note":"customer asked for a refund"})"_ba
                        : R"({"note":"nothing to see"})"_ba;
    s.size = e.body.size();
    return e;
}

// The records of a CSV export as written (each with its CRLF): a record ends at a CRLF
// outside quotes. The first is the header.
QList<QByteArray> records(const QByteArray &csv)
{
    QList<QByteArray> out;
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        if (csv.at(i) == '"')
            quoted = !quoted;
        else if (!quoted && csv.at(i) == '\r' && i + 1 < csv.size() && csv.at(i + 1) == '\n') {
            out.append(csv.mid(start, i + 2 - start));
            start = ++i + 1;
        }
    }
    if (start < csv.size())
        out.append(csv.mid(start));
    return out;
}

struct Exported
{
    ExportResult result;
    QByteArray bytes;
    bool fileExists = false;
};

Exported runExport(const QString &dataDir, const QString &output, const QString &filter,
                   const QStringList &columns = {}, CsvWriter::Options csv = {},
                   ExportRequest::Format format = ExportRequest::Format::Csv,
                   const std::atomic_bool *cancel = nullptr)
{
    QFile::remove(output);
    ExportRequest request;
    request.dataDir = dataDir;
    request.filter = FilterExpression::parse(filter, Base + 3 * 86'400'000LL);
    request.format = format;
    request.columns = columns;
    request.csv = csv;
    request.output = output;
    Exported out;
    out.result = ExportJob::run(request, cancel);
    QFile file(output);
    out.fileExists = file.exists();
    if (file.open(QIODevice::ReadOnly))
        out.bytes = file.readAll();
    return out;
}

// SummaryCsv::write() into memory, with shares of `shareIds` ids (a huge number: one
// connection reads everything).
QByteArray summaryCsv(const QString &databasePath, const QString &filter,
                      const QStringList &columns, CsvWriter::Options csv, qint64 shareIds,
                      qint64 *rows = nullptr, const std::atomic_bool *cancel = nullptr)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExporter exporter(&buffer, EventExporter::Format::Csv, columns, csv);
    if (!exporter.begin())
        return "begin failed: " + exporter.errorString().toUtf8();
    SummaryReader reader;
    if (!reader.open(databasePath))
        return "open failed: " + reader.errorString().toUtf8();
    SummaryCsv::Scan scan;
    scan.databasePath = databasePath;
    scan.filter = FilterExpression::parse(filter, Base + 3 * 86'400'000LL);
    scan.columns = columns;
    scan.csv = csv;
    scan.cancel = cancel;
    scan.shareIds = shareIds;
    QString error;
    if (!SummaryCsv::write(reader, exporter, scan, &error))
        return "write failed: " + error.toUtf8();
    if (!exporter.finish())
        return "finish failed: " + exporter.errorString().toUtf8();
    if (rows)
        *rows = exporter.rowsWritten();
    return buffer.data();
}

const QStringList AllSummaryColumns = { u"id"_s,     u"received_at"_s,    u"occurred_at"_s,
                                        u"type"_s,   u"event_id"_s,       u"team"_s,
                                        u"actor"_s,  u"entity"_s,         u"summary"_s,
                                        u"source"_s, u"status"_s,         u"size"_s,
                                        u"org"_s,    u"method"_s,         u"path"_s,
                                        u"query"_s,  u"remote_address"_s, u"content_type"_s };

} // namespace

class tst_ExportJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filteredExportIsTheUnfilteredExportFiltered_data();
    void filteredExportIsTheUnfilteredExportFiltered();
    void rowFilterAgreesWithTheExpression_data();
    void rowFilterAgreesWithTheExpression();
    void rowFilterColumns_data();
    void rowFilterColumns();
    void rowTestRunsInsideTheScan();
    void twoConnectionsWriteWhatOneWrites_data();
    void twoConnectionsWriteWhatOneWrites();
    void twoConnectionsBesideAWriter();
    void cancelledExportWritesNoFile_data();
    void cancelledExportWritesNoFile();
    void storeChecksStillDecide();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<EventStore> m_store;
};

void tst_ExportJob::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = std::make_unique<EventStore>();
    QVERIFY2(m_store->open(m_dir.filePath(u"store"_s)), qPrintable(m_store->errorString()));
    for (int i = 0; i < EventCount; ++i)
        m_store->submit(makeEvent(i));
    m_store->flush();
    QCOMPARE(m_store->count(), qint64(EventCount));
}

void tst_ExportJob::filteredExportIsTheUnfilteredExportFiltered_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<bool>("bom");

    const QStringList filters = {
        u"ticket:*"_s, // one interned field: decided once per distinct type
        u"type:ticket:created"_s,
        u"TICKET:*"_s,
        u"-ticket:*"_s,
        u"ticket:* OR account:*"_s,
        u"custom-object:*:created"_s,
        u"type:*ärger*"_s, // non-ASCII case folding
        u"team:T456QWERTY"_s, // comma-separated teams
        u"team:t123nhfdrf"_s,
        u"team:\"\""_s, // no team
        u"status:invalid"_s,
        u"status:repeat"_s,
        u"source:relay status:ok"_s, // two interned fields
        u"ticket:* team:T1*"_s,
        u"-(team:T123NHFDRF OR status:ok)"_s,
        u"actor:*bot*"_s, // free text: read into one scratch summary
        u"actor:zoë*"_s,
        u"entity:#10??"_s,
        u"summary:refund"_s,
        u"summary:ü*"_s,
        u"id:evt_1*"_s,
        u"since:2026-11-21"_s, // times
        u"until:1969-12-31"_s,
        u"received:..2026-11-22T00:00:00Z"_s,
        u"received:2d.."_s,
        u"ticket:* since:2026-11-21 -status:invalid"_s,
        u"type:nothing-has-this"_s,
        u"refund"_s, // a bare word: the body decides (the general path)
        u"note~refund"_s, // a body comparison
        QString(),
    };
    for (const QString &filter : filters) {
        QTest::addRow("%s", qPrintable(filter.isEmpty() ? u"(none)"_s : filter))
                << filter << QStringList() << false;
    }
    for (const QString &filter : { u"ticket:*"_s, u"actor:*bot* OR team:T456QWERTY"_s,
                                   u"since:2026-11-21"_s, u"refund"_s }) {
        QTest::addRow("%s, all columns, BOM", qPrintable(filter))
                << filter << AllSummaryColumns << true;
    }
}

void tst_ExportJob::filteredExportIsTheUnfilteredExportFiltered()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, columns);
    QFETCH(bool, bom);
    CsvWriter::Options csv;
    csv.utf8Bom = bom;
    const QString dataDir = m_dir.filePath(u"store"_s);

    const Exported all = runExport(dataDir, m_dir.filePath(u"all.csv"_s), QString(), columns, csv);
    QVERIFY2(all.result.ok, qPrintable(all.result.error));
    QCOMPARE(all.result.rows, qint64(EventCount));
    const Exported some = runExport(dataDir, m_dir.filePath(u"some.csv"_s), filter, columns, csv);
    QVERIFY2(some.result.ok, qPrintable(some.result.error));

    // Which events match, decided by the filter on the stored events (bodies included).
    const FilterExpression expression = FilterExpression::parse(filter, Base + 3 * 86'400'000LL);
    QVERIFY(expression.isValid());
    QSet<QByteArray> matching;
    QVERIFY(EventScan::forEachMatching(*m_store, expression, [&](const Event &event) {
        matching.insert(QByteArray::number(event.summary.id));
        return true;
    }));

    // The unfiltered export, its non-matching rows left out, byte for byte.
    const QList<QByteArray> allRecords = records(all.bytes);
    QCOMPARE(allRecords.size(), EventCount + 1);
    QByteArray expected = allRecords.first();
    qsizetype kept = 0;
    for (qsizetype i = 1; i < allRecords.size(); ++i) {
        const QByteArray &record = allRecords.at(i);
        if (matching.contains(record.left(record.indexOf(',')))) {
            expected += record;
            ++kept;
        }
    }
    QCOMPARE(kept, qsizetype(matching.size()));
    if (!filter.contains(u"nothing"_s))
        QVERIFY(kept > 0); // every other filter here keeps some rows (and leaves some out)
    QCOMPARE(some.result.rows, qint64(kept));
    QCOMPARE(some.bytes.size(), expected.size());
    QVERIFY(some.bytes == expected);
    // And as rows of cells, the same.
    QList<QStringList> expectedRows;
    const QList<QStringList> allRows = CsvWriter::parse(all.bytes);
    for (qsizetype i = 0; i < allRows.size(); ++i) {
        if (i == 0 || matching.contains(allRows.at(i).first().toUtf8()))
            expectedRows.append(allRows.at(i));
    }
    QCOMPARE(CsvWriter::parse(some.bytes), expectedRows);
    QVERIFY(!some.bytes.contains("s3cret"));
}

void tst_ExportJob::rowFilterAgreesWithTheExpression_data()
{
    QTest::addColumn<QString>("filter");
    for (const QString &filter :
         { u"ticket:*"_s, u"-ticket:* team:T1*"_s, u"source:relay OR status:invalid"_s,
           u"type:*ärger* OR team:\"\""_s, u"team:T456QWERTY"_s, u"actor:*bot* -summary:refund"_s,
           u"id:evt_1? OR entity:#10*"_s, u"since:2026-11-21 until:2026-11-22"_s,
           u"received:1d.. ticket:*"_s, u"summary:ü*"_s, QString() }) {
        QTest::addRow("%s", qPrintable(filter.isEmpty() ? u"(none)"_s : filter)) << filter;
    }
}

void tst_ExportJob::rowFilterAgreesWithTheExpression()
{
    // SummaryRowFilter decides as filter.matches(row.toSummary()) does, for rows in any order,
    // values repeating (the remembered verdicts) or not, ASCII or not (the scratch strings).
    QFETCH(QString, filter);
    const FilterExpression expression = FilterExpression::parse(filter, Base + 3 * 86'400'000LL);
    QVERIFY(expression.isValid());
    SummaryRowFilter rowFilter(expression);
    QCOMPARE(rowFilter.acceptsAll(), filter.isEmpty());
    QRandomGenerator rng(7);
    int matched = 0;
    for (int n = 0; n < 20000; ++n) {
        const Event e = makeEvent(int(rng.bounded(EventCount)));
        const QByteArray type = e.summary.type.toUtf8(), eventId = e.summary.eventId.toUtf8(),
                         team = e.summary.team.toUtf8(), actor = e.summary.actor.toUtf8(),
                         entity = e.summary.entity.toUtf8(), summary = e.summary.summary.toUtf8(),
                         source = e.summary.source.toUtf8(), status = e.summary.status.toUtf8();
        SummaryRow row;
        row.id = n + 1;
        row.receivedAt = e.summary.receivedAt;
        row.occurredAt = e.summary.occurredAt;
        row.size = e.summary.size;
        row.type = type;
        row.eventId = eventId;
        row.team = team;
        row.actor = actor;
        row.entity = entity;
        row.summary = summary;
        row.source = source;
        row.status = status;
        const bool expected = expression.matches(row.toSummary());
        QCOMPARE(rowFilter.matches(row), expected);
        matched += expected;
    }
    if (!filter.isEmpty())
        QVERIFY(matched > 0 && matched < 20000); // the filter is no constant here
}

void tst_ExportJob::rowFilterColumns_data()
{
    using C = SummaryReader::Column;
    QTest::addColumn<QString>("filter");
    QTest::addColumn<quint32>("columns");
    QTest::addRow("type glob") << u"ticket:*"_s << quint32(C::TypeColumn);
    QTest::addRow("type and team")
            << u"-ticket:* OR team:T1"_s << quint32(C::TypeColumn | C::TeamColumn);
    QTest::addRow("status, source")
            << u"status:ok source:relay"_s << quint32(C::StatusColumn | C::SourceColumn);
    QTest::addRow("actor") << u"actor:*bot*"_s << quint32(C::ActorColumn);
    QTest::addRow("id, entity, summary")
            << u"id:evt_1 entity:#1 summary:x"_s
            << quint32(C::EventIdColumn | C::EntityColumn | C::SummaryColumn);
    QTest::addRow("times") << u"since:1d"_s << quint32(C::ReceivedAtColumn | C::OccurredAtColumn);
    QTest::addRow("received") << u"received:..2026-11-22 ticket:*"_s
                              << quint32(C::ReceivedAtColumn | C::OccurredAtColumn | C::TypeColumn);
}

void tst_ExportJob::rowFilterColumns()
{
    // The columns the scan hands to the test inside SQLite: exactly those the filter reads.
    QFETCH(QString, filter);
    QFETCH(quint32, columns);
    QCOMPARE(SummaryRowFilter(FilterExpression::parse(filter)).columns(), columns);
}

void tst_ExportJob::rowTestRunsInsideTheScan()
{
    // SummaryReader's RowTest: handed only the columns it asked for, and only the rows it
    // accepts arrive, whole and in id order, the same as a walk that filters them itself.
    SummaryReader reader;
    QVERIFY2(reader.open(m_store->databasePath()), qPrintable(reader.errorString()));
    auto line = [](const SummaryRow &r) {
        QByteArray out = QByteArray::number(r.id) + '|' + QByteArray::number(r.receivedAt) + '|'
                + QByteArray::number(r.occurredAt) + '|' + QByteArray::number(r.size);
        for (QByteArrayView text :
             { r.type, r.eventId, r.team, r.actor, r.entity, r.summary, r.source, r.status, r.org,
               r.method, r.path, r.query, r.remoteAddress, r.contentType })
            out += '|' + text.toByteArray();
        return out;
    };
    auto accept = [](QByteArrayView type, QByteArrayView team) {
        return type.startsWith("ticket") || team.contains(',');
    };
    for (const bool requestColumns : { false, true }) {
        QByteArrayList expected, got;
        QVERIFY(reader.forEachRow(
                [&](const SummaryRow &r) {
                    if (accept(r.type, r.team))
                        expected.append(line(r));
                    return true;
                },
                0, requestColumns));
        int tested = 0;
        bool onlyItsColumns = true;
        const SummaryReader::RowTest test{ SummaryReader::TypeColumn | SummaryReader::TeamColumn,
                                           [&](const SummaryRow &r) {
                                               ++tested;
                                               onlyItsColumns = onlyItsColumns && r.id == 0
                                                       && r.receivedAt == 0 && r.actor.isEmpty()
                                                       && r.summary.isEmpty() && r.status.isEmpty()
                                                       && r.org.isEmpty() && !r.type.isEmpty();
                                               return accept(r.type, r.team);
                                           } };
        QVERIFY2(reader.forEachRow(
                         [&](const SummaryRow &r) {
                             got.append(line(r));
                             return true;
                         },
                         0, requestColumns, &test),
                 qPrintable(reader.errorString()));
        QCOMPARE(tested, EventCount);
        QVERIFY(onlyItsColumns);
        QVERIFY(expected.size() > 0 && expected.size() < EventCount);
        QCOMPARE(got, expected);
    }

    // Stopping early, after a row the test accepted.
    int visited = 0;
    const SummaryReader::RowTest odd{ SummaryReader::IdColumn,
                                      [](const SummaryRow &r) { return r.id % 2 == 1; } };
    QVERIFY(reader.forEachRow([&](const SummaryRow &r) { return r.id % 2 == 1 && ++visited < 100; },
                              0, false, &odd));
    QCOMPARE(visited, 100);

    // A cancelled scan stops inside SQLite, even when the test accepts nothing, and fails.
    const std::atomic_bool cancel = true;
    const SummaryReader::RowTest none{ SummaryReader::TypeColumn,
                                       [](const SummaryRow &) { return false; }, &cancel };
    QVERIFY(!reader.forEachRow([](const SummaryRow &) { return true; }, 0, false, &none));
    // ... and the reader is usable afterwards.
    int rows = 0;
    QVERIFY(reader.forEachRow([&](const SummaryRow &) { return ++rows > 0; }, 0, false));
    QCOMPARE(rows, EventCount);
}

void tst_ExportJob::twoConnectionsWriteWhatOneWrites_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<bool>("bom");
    const QStringList summaryFirst = { u"summary"_s, u"id"_s, u"type"_s, u"occurred_at"_s };
    for (const QString &filter :
         { QString(), u"ticket:*"_s, u"-ticket:* team:T4*"_s, u"actor:*bot* OR since:2026-11-22"_s,
           u"type:nothing-has-this"_s }) {
        const QString name = filter.isEmpty() ? u"(none)"_s : filter;
        QTest::addRow("%s", qPrintable(name)) << filter << EventExporter::defaultColumns() << false;
        QTest::addRow("%s, all columns, BOM", qPrintable(name))
                << filter << AllSummaryColumns << true;
        // A summary starting with U+FEFF is quoted only as the file's first cell.
        QTest::addRow("%s, summary first", qPrintable(name)) << filter << summaryFirst << false;
    }
}

void tst_ExportJob::twoConnectionsWriteWhatOneWrites()
{
    // The rows split into shares read by two connections on two threads, every share appended
    // in turn: the same bytes as one connection reading everything, however small the shares
    // (one id each: every share boundary falls between two rows).
    QFETCH(QString, filter);
    QFETCH(QStringList, columns);
    QFETCH(bool, bom);
    CsvWriter::Options csv;
    csv.utf8Bom = bom;
    const QString path = m_store->databasePath();
    qint64 oneRows = -1;
    const QByteArray one = summaryCsv(path, filter, columns, csv, qint64(1) << 40, &oneRows);
    QVERIFY2(!one.contains(" failed: "), one.left(200).constData());
    if (!filter.contains(u"nothing"_s))
        QVERIFY(oneRows > 0);
    // (5 and 95: the second thread's first row is one whose summary starts with U+FEFF.)
    for (const qint64 shareIds : { 1, 5, 95, 2499 }) {
        qint64 twoRows = -1;
        const QByteArray two = summaryCsv(path, filter, columns, csv, shareIds, &twoRows);
        QCOMPARE(twoRows, oneRows);
        QCOMPARE(two.size(), one.size());
        QVERIFY2(two == one, qPrintable(u"shares of %1 ids"_s.arg(shareIds)));
    }

    // Cancelled: both threads stop, and nothing fails.
    const std::atomic_bool cancel = true;
    qint64 cancelledRows = -1;
    const QByteArray cancelled = summaryCsv(path, filter, columns, csv, 7, &cancelledRows, &cancel);
    QVERIFY2(!cancelled.contains("begin failed"), cancelled.left(200).constData());
    QVERIFY(cancelledRows < EventCount);
}

void tst_ExportJob::twoConnectionsBesideAWriter()
{
    // A writer commits and drops the oldest rows (retention) all the time while the shares are
    // read: both connections still read one snapshot of the store (or one connection reads it
    // all), so what is written is every id of one moment, in order, none twice, none missing.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore store;
    QVERIFY(store.open(dir.path()));
    store.setRetention(3000);
    for (int i = 0; i < 3000; ++i)
        store.submit(makeEvent(i));
    store.flush();
    const QString path = store.databasePath();
    for (int round = 0; round < 6; ++round) {
        std::future<QByteArray> exported = std::async(std::launch::async, [&] {
            return summaryCsv(path, round % 2 ? u"ticket:* OR -ticket:*"_s : QString(),
                              { u"id"_s, u"type"_s }, {}, 13);
        });
        int n = 0;
        while (exported.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
            for (int i = 0; i < 20; ++i)
                store.submit(makeEvent(n++));
            store.flush();
        }
        const QByteArray csv = exported.get();
        QVERIFY2(!csv.contains(" failed: "), csv.left(200).constData());
        const QList<QStringList> rows = CsvWriter::parse(csv);
        QVERIFY(rows.size() > 1000);
        qint64 previous = 0;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const qint64 id = rows.at(i).first().toLongLong();
            if (previous != 0 && id != previous + 1)
                QFAIL(qPrintable(u"round %1: id %2 after %3"_s.arg(round).arg(id).arg(previous)));
            previous = id;
        }
    }
}

void tst_ExportJob::cancelledExportWritesNoFile_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addRow("all") << QString();
    QTest::addRow("type glob") << u"ticket:*"_s;
    QTest::addRow("nothing matches") << u"type:nothing-has-this"_s; // only the scan's test runs
    QTest::addRow("body") << u"refund"_s;
}

void tst_ExportJob::cancelledExportWritesNoFile()
{
    QFETCH(QString, filter);
    const std::atomic_bool cancel = true;
    const QString output = m_dir.filePath(u"cancelled.csv"_s);
    const Exported out = runExport(m_dir.filePath(u"store"_s), output, filter, {}, {},
                                   ExportRequest::Format::Csv, &cancel);
    QVERIFY(!out.result.ok);
    QVERIFY(out.result.cancelled);
    QVERIFY(!out.fileExists);
}

void tst_ExportJob::storeChecksStillDecide()
{
    // The store's own checks decide before any row is read, on the fast path as on the
    // general one, and no file is left behind.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString output = dir.filePath(u"out.csv"_s);

    const Exported missing = runExport(dir.filePath(u"nothing"_s), output, u"ticket:*"_s);
    QVERIFY(!missing.result.ok);
    QVERIFY2(missing.result.error.contains(u"No event database"_s),
             qPrintable(missing.result.error));
    QVERIFY(!missing.fileExists);
    // Even when the output could not be written either, the store speaks first.
    const Exported neither =
            runExport(dir.filePath(u"nothing"_s), dir.filePath(u"no/such/dir/out.csv"_s), {});
    QVERIFY(neither.result.error.contains(u"No event database"_s));

    // A store from a newer Hookscope: its rows read fine, but it must not be exported.
    const QString storeDir = dir.filePath(u"newer"_s);
    {
        EventStore store;
        QVERIFY(store.open(storeDir));
        for (int i = 0; i < 50; ++i)
            store.submit(makeEvent(i));
        store.flush();
    }
    {
        const QString connection = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
            db.setDatabaseName(QDir(storeDir).filePath(EventStore::databaseFileName()));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA user_version = 99"_s));
        }
        QSqlDatabase::removeDatabase(connection);
    }
    for (const QString &filter : { QString(), u"ticket:*"_s, u"refund"_s }) {
        const Exported newer = runExport(storeDir, output, filter);
        QVERIFY(!newer.result.ok);
        QVERIFY2(newer.result.error.contains(u"newer"_s), qPrintable(newer.result.error));
        QCOMPARE(newer.result.rows, 0);
        QVERIFY(!newer.fileExists);
    }
}

QTEST_GUILESS_MAIN(tst_ExportJob)
#include "tst_exportjob.moc"
