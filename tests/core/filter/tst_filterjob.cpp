// SPDX-License-Identifier: MIT
// Filter jobs (issue #16): RowMatcher's shortcuts on compact rows (per distinct value, ids
// alone, the full-text index first) give exactly FilterExpression's own verdicts over the
// whole event; a job decides rows that change under it without a wrong verdict; a newer job
// cancels the older ones, whose answers never arrive. Real SQLite stores throughout.
#include <QDir>
#include <QFile>
#include <QReadLocker>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWriteLocker>

#include <memory>
#include <vector>

#include "core/events/compactrows.h"
#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/filter/filterexpression.h"
#include "core/filter/filterjob.h"
#include "core/filter/rowmatcher.h"
#include "core/store/eventstore.h"

using namespace Hookscope;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(std::shared_ptr<const Hookscope::FilterAnswer>)

namespace {

Event eventWith(const QByteArray &body, int n)
{
    Event e;
    e.body = body;
    e.contentType = u"application/json"_s;
    e.method = u"POST"_s;
    const ParsedEvent parsed = EventParser::parse(body, "application/json");
    e.summary.type = parsed.type.isEmpty() ? u"unknown"_s : parsed.type;
    e.summary.eventId = parsed.eventId;
    e.summary.team = parsed.team;
    e.summary.actor = parsed.actor;
    e.summary.entity = parsed.entity;
    e.summary.summary = parsed.summary;
    e.summary.source = n % 7 == 0 ? EventSource::Relay : EventSource::Local;
    e.summary.status = n % 11 == 0 ? EventStatus::Invalid : EventStatus::Ok;
    e.summary.receivedAt = 1'700'000'000'000 + n * 1000;
    return e;
}

// Bodies whose words and fields sit on the edges of the word and glob rules: the word in the
// body only, in a summary field only, in both, in neither; upper case; non-ASCII text that
// folds to ASCII (the Kelvin sign, long s) and text that does not.
QList<QByteArray> bodies()
{
    QList<QByteArray> out;
    const QDir dir(QStringLiteral(HOOKSCOPE_FIXTURES_DIR));
    for (const QString &name : dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out.append(f.readAll());
    }
    const char *const templates[] = {
        R"({"message":{"eventType":"ticket:created","eventId":"e-%1","teamId":"T1","actor":{"email":"bob@x.io"},"payload":{"ticket":{"id":"%1","title":"Refund please","priorityName":"Urgent"}}}})",
        R"({"message":{"eventType":"ticket:updated","eventId":"e-%1","teamId":"T2","actor":{"email":"REFUNDS@x.io"},"payload":{"ticket":{"id":"%1","title":"Charged twice","priorityName":"Low"}}}})",
        R"({"message":{"eventType":"account:updated","eventId":"refund-%1","teamId":"T1","payload":{"account":{"id":"%1","name":"Straße ſtore \u212Aelvin"}}}})",
        R"({"message":{"eventType":"ticket:comment:created","eventId":"e-%1","teamId":"T3","payload":{"comment":{"id":"%1","content":"no money back, réfund later"}}}})",
        R"({"message":{"eventType":"custom-object:order:created","eventId":"e-%1","payload":{"order":{"id":"%1","priorityName":"urgent","note":"REFUNDED"}}}})",
        R"({"message":{"eventType":"ticket:created","eventId":"e-%1","teamId":"T1","payload":{"ticket":{"id":"%1","title":"ſtrange \u212Aey","priorityName":"High"}}}})",
    };
    for (int i = 0; i < 60; ++i)
        out.append(QByteArray(templates[i % std::size(templates)])
                           .replace("%1", QByteArray::number(i)));
    out.append("not json, refund");
    return out;
}

// A job over every row of `rows` that scans the bodies (no index).
FilterRequest scanRequest(const QString &dataDir, qint64 upToId,
                          const std::shared_ptr<CompactRows> &rows, const QString &text)
{
    FilterRequest r;
    r.filter = FilterExpression::parse(text);
    r.dataDir = dataDir;
    r.useIndex = false;
    r.upToId = upToId;
    r.rows = rows;
    r.firstKey = rows->keyOf(0);
    r.endKey = rows->keyOf(rows->size());
    return r;
}

const QStringList filters = {
    u"ticket:*"_s,
    u"-ticket:*"_s,
    u"team:T1"_s,
    u"status:invalid"_s,
    u"source:relay"_s,
    u"refund"_s,
    u"REFUND"_s,
    u"réfund"_s,
    u"kelvin"_s,
    u"strange"_s,
    u"\"charged tw\""_s,
    u"refund ticket:*"_s,
    u"refund OR team:T3"_s,
    u"payload.ticket.priorityName=Urgent"_s,
    u"payload.ticket.priorityName!=Urgent"_s,
    u"payload.order.note~fund"_s,
    u"payload.ticket.priorityName=Urgent team:T1"_s,
    u"actor:*bob*"_s,
    u"e-1*"_s,
};

} // namespace

class tst_FilterJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matcherAgreesWithTheExpression_data();
    void matcherAgreesWithTheExpression();
    void jobDecidesRowsThatChangeUnderIt();
    void newerJobCancelsOlderOnes();
    void cancelDeliversNothing();
    void scanReportsProgress();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<EventStore> m_store;
    std::vector<Event> m_events; // as stored, by id - 1
};

void tst_FilterJob::initTestCase()
{
    qRegisterMetaType<std::shared_ptr<const FilterAnswer>>();
    QVERIFY(m_dir.isValid());
    m_store = std::make_unique<EventStore>();
    QVERIFY2(m_store->open(m_dir.path()), qPrintable(m_store->errorString()));
    const QList<QByteArray> all = bodies();
    for (int round = 0; round < 4; ++round) {
        for (qsizetype i = 0; i < all.size(); ++i)
            m_store->submit(eventWith(all.at(i), int(i)));
    }
    m_store->flush();
    QVERIFY(m_store->catchUpFullText());
    QVERIFY(m_store->forEachEvent([this](const Event &e) {
        m_events.push_back(e);
        return true;
    }));
    QVERIFY(m_events.size() > 300);
}

void tst_FilterJob::matcherAgreesWithTheExpression_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("useIndex");
    for (const QString &f : filters) {
        QTest::addRow("%s, indexes", qPrintable(f)) << f << true;
        QTest::addRow("%s, scan", qPrintable(f)) << f << false;
    }
}

void tst_FilterJob::matcherAgreesWithTheExpression()
{
    QFETCH(QString, text);
    QFETCH(bool, useIndex);
    const FilterExpression filter = FilterExpression::parse(text);
    QVERIFY2(filter.isValid(), qPrintable(filter.errorMessage()));

    CompactRows rows;
    QVERIFY(m_store->readSummaries(rows, 0, 0));
    QCOMPARE(rows.size(), qsizetype(m_events.size()));

    EventStore reader;
    QVERIFY(reader.openReadOnly(m_dir.path()));
    std::shared_ptr<BodyFacts> facts;
    if (filter.needsPayload()) {
        facts = std::make_shared<BodyFacts>();
        QCOMPARE(FilterJob::findBodyFacts(
                         reader, filter, useIndex, m_store->maxId(), [] { return false; }, *facts),
                 FilterJob::Outcome::Done);
    }
    RowMatcher matcher(filter, facts);
    int accepted = 0;
    for (qsizetype row = 0; row < rows.size(); ++row) {
        const Event &event = m_events[size_t(row)];
        const EventPayload payload(event.body, event.contentType.toLatin1());
        const bool expected = filter.matches(event.summary, &payload);
        const std::optional<bool> verdict = matcher.verdict(rows, row);
        QVERIFY2(verdict.has_value(), qPrintable(u"row %1 undecided"_s.arg(row)));
        QVERIFY2(*verdict == expected,
                 qPrintable(u"row %1 (%2): %3"_s.arg(row).arg(event.summary.type).arg(expected)));
        accepted += expected ? 1 : 0;
    }
    // Each filter splits the rows (none is all or nothing), so a matcher that says yes or no
    // to everything would fail above.
    QVERIFY2(accepted > 0 && accepted < rows.size(), qPrintable(QString::number(accepted)));
}

void tst_FilterJob::jobDecidesRowsThatChangeUnderIt()
{
    // The rows the job reads change meanwhile, as the table's do: older rows loaded in front,
    // new ones appended, the oldest removed by retention. Every key in the answer is decided
    // right, and none outside the job's range is in it.
    auto rows = std::make_shared<CompactRows>();
    const qsizetype half = qsizetype(m_events.size()) / 2;
    for (qsizetype i = half; i < qsizetype(m_events.size()); ++i)
        rows->append(m_events[size_t(i)].summary);
    const FilterExpression filter = FilterExpression::parse(u"refund"_s);

    FilterJobs jobs;
    QSignalSpy finished(&jobs, &FilterJobs::finished);
    FilterRequest request;
    request.filter = filter;
    request.dataDir = m_dir.path();
    request.upToId = m_store->maxId();
    request.rows = rows;
    request.firstKey = rows->keyOf(0);
    request.endKey = rows->keyOf(rows->size());
    request.splitRows = 50; // two halves on two threads, as for a big table
    jobs.start(request);
    {
        QWriteLocker lock(&rows->lock());
        CompactRows older;
        for (qsizetype i = 0; i < half; ++i)
            older.append(m_events[size_t(i)].summary);
        rows->prepend(std::move(older));
        rows->removeFirst(10); // ten of the older rows: all outside the job's range
        rows->append(m_events.front().summary); // a key after the range
    }
    QVERIFY(finished.wait(10000));
    const auto answer = finished.first().first().value<std::shared_ptr<const FilterAnswer>>();
    QVERIFY(answer->facts);
    QVERIFY(answer->undecidedKeys.empty());
    QReadLocker lock(&rows->lock());
    int checked = 0;
    for (qint64 key = rows->keyOf(0); key < rows->keyOf(rows->size()); ++key) {
        const qsizetype row = rows->rowOfKey(key);
        const bool inAnswer =
                std::binary_search(answer->acceptedKeys.cbegin(), answer->acceptedKeys.cend(), key);
        if (key < request.firstKey || key >= request.endKey) {
            QVERIFY(!inAnswer);
            continue;
        }
        const qint64 id = rows->id(row);
        const Event &event = m_events[size_t(id - 1)];
        const EventPayload payload(event.body, event.contentType.toLatin1());
        QCOMPARE(inAnswer, filter.matches(event.summary, &payload));
        ++checked;
    }
    QCOMPARE(checked, int(m_events.size() - size_t(half)));
}

void tst_FilterJob::newerJobCancelsOlderOnes()
{
    // Three jobs in a row: the first is running (a scan of every body, no index) when the
    // others start, the second is still waiting. Only the third's answer arrives.
    FilterJobs jobs;
    QSignalSpy finished(&jobs, &FilterJobs::finished);
    auto rows = std::make_shared<CompactRows>();
    QVERIFY(m_store->readSummaries(*rows, 0, 0));
    const auto request = [&](const QString &text) {
        return scanRequest(m_dir.path(), m_store->maxId(), rows, text);
    };
    jobs.start(request(u"payload.ticket.priorityName=Urgent"_s));
    jobs.start(request(u"refund"_s));
    const quint64 last = jobs.start(request(u"payload.ticket.priorityName=Low"_s));
    QVERIFY(finished.wait(10000));
    QTest::qWait(200); // time for a stray older answer to show up (none may)
    QCOMPARE(finished.size(), 1);
    const auto answer = finished.first().first().value<std::shared_ptr<const FilterAnswer>>();
    QCOMPARE(answer->generation, last);
    QVERIFY(!answer->acceptedKeys.empty());
    // The second never ran; the first stopped or finished unseen.
    QVERIFY(jobs.cancelledJobs() >= 1);
    QCOMPARE(jobs.completedJobs() + jobs.cancelledJobs(), 3);
}

void tst_FilterJob::cancelDeliversNothing()
{
    FilterJobs jobs;
    QSignalSpy finished(&jobs, &FilterJobs::finished);
    auto rows = std::make_shared<CompactRows>();
    QVERIFY(m_store->readSummaries(*rows, 0, 0));
    const FilterRequest r = scanRequest(m_dir.path(), m_store->maxId(), rows,
                                        u"payload.ticket.priorityName=Urgent"_s);
    jobs.start(r);
    jobs.cancel();
    QTRY_COMPARE(jobs.completedJobs() + jobs.cancelledJobs(), 1);
    QTest::qWait(100);
    QCOMPARE(finished.size(), 0);
    // The runner works on: the next job is answered.
    jobs.start(r);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
}

void tst_FilterJob::scanReportsProgress()
{
    // A scan of the bodies says how far it is, in order, up to the last rows; an index
    // answer reads no body and says nothing.
    EventStore reader;
    QVERIFY(reader.openReadOnly(m_dir.path()));
    const FilterExpression filter =
            FilterExpression::parse(u"payload.ticket.priorityName=Urgent"_s);
    QList<int> seen;
    BodyFacts facts;
    QCOMPARE(FilterJob::findBodyFacts(
                     reader, filter, false, m_store->maxId(), [] { return false; }, facts,
                     [&seen](int percent) { seen.append(percent); }),
             FilterJob::Outcome::Done);
    QVERIFY(seen.size() > 10);
    QCOMPARE(seen.first(), 0);
    QVERIFY2(seen.last() >= 95 && seen.last() <= 99, qPrintable(QString::number(seen.last())));
    QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
    QCOMPARE(std::adjacent_find(seen.cbegin(), seen.cend()), seen.cend()); // each change once

    seen.clear();
    BodyFacts fromIndex;
    QCOMPARE(FilterJob::findBodyFacts(
                     reader, FilterExpression::parse(u"refund"_s), true, m_store->maxId(),
                     [] { return false; }, fromIndex,
                     [&seen](int percent) { seen.append(percent); }),
             FilterJob::Outcome::Done);
    QVERIFY(fromIndex.fromIndex);
    QVERIFY(seen.isEmpty());
}

QTEST_GUILESS_MAIN(tst_FilterJob)
#include "tst_filterjob.moc"
