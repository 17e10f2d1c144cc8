// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/events/jsonpath.h"
#include "core/filter/bodywords.h"
#include "core/store/eventstore.h"
#include "tests/support/deliveries.h"
#include "tests/support/fixtures.h"
#include "ui/events/eventfilterproxy.h"
#include "ui/events/eventtablemodel.h"
#include "ui/events/eventtableview.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

Event eventFromFixture(const QString &name)
{
    Event e;
    e.body = Fixtures::read(name);
    e.contentType = u"application/json"_s;
    e.method = u"POST"_s;
    EventParser::parse(e.body, "application/json").applyTo(e);
    e.summary.receivedAt = 1'795'166'043'000;
    e.summary.source = EventSource::Local;
    return e;
}

// Sets a filter and waits until its result is shown (at once for summary-only filters,
// from the worker for body filters).
bool applyFilter(EventFilterProxy &proxy, const QString &text)
{
    const FilterExpression filter = FilterExpression::parse(text);
    if (!filter.isValid())
        return false;
    QSignalSpy finished(&proxy, &EventFilterProxy::filterFinished);
    proxy.setFilter(filter);
    if (finished.isEmpty() && !finished.wait(10000))
        return false;
    return !proxy.isFiltering() && finished.size() == 1;
}

QList<qint64> shownIds(const QAbstractItemModel &proxy)
{
    QList<qint64> ids;
    for (int r = 0; r < proxy.rowCount(); ++r)
        ids.append(proxy.index(r, 0).data(EventTableModel::IdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

// What the filter says for every stored event, evaluated directly (bodies from the store).
QList<qint64> expectedIds(const EventStore &store, const QString &text)
{
    const FilterExpression filter = FilterExpression::parse(text);
    QList<qint64> ids;
    store.forEachEvent([&](const Event &e) {
        const EventPayload payload(e.body, e.contentType.toLatin1());
        if (filter.matches(e.summary, &payload))
            ids.append(e.summary.id);
        return true;
    });
    return ids;
}

} // namespace

class tst_EventTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void loadsStoredEventsAndFollowsTheStore();
    void batchesInserts();
    void retentionRemovesRowsFromTheTop();
    void clearResetsTheModel();
    void loadsInChunksNewestFirst();
    void retentionAndClearDuringTheLoad();
    void proxyFilters_data();
    void proxyFilters();
    void payloadFilterSeesLateRows();
    void bodyWordsAgreeWithTheIndex();
    void bodyFiltersRunOffTheGuiThread();
    void newerFilterCancelsOlder();
    void rowsArrivingWhileFiltering();
    void sortsByRoleNotDisplayText();
    void summaryFilterJobWithRowsChanging();
    void viewKeepsItsRowsWhileOlderRowsLoad();
    void sortedByTypeFollowsInsertsAndRemovals();
    void categoriesAndColours();
    void lagColumn();
    void formatLag_data();
    void formatLag();
    void timeColumnShowsTheDateWhenNotToday();
    void formatTimeWithFixedNow();
    void noteTooltipShowsTheElidedNote();
    void noteTitleNamesTypeAndTime();
    void payloadColumnShowsValues();
    void payloadColumnLoadsOnlyRowsAskedFor();
    void removePayloadColumn();
    void payloadColumnsPersist();
    void payloadColumnSorting();
    void payloadColumnTitle_data();
    void payloadColumnTitle();

private:
    void addFixtures();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
};

void tst_EventTableModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<EventStore>();
    QVERIFY2(m_store->open(m_dir->path()), qPrintable(m_store->errorString()));
}

void tst_EventTableModel::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void tst_EventTableModel::addFixtures()
{
    for (const QString &name : Fixtures::eventFixtures())
        m_store->submit(eventFromFixture(name));
    m_store->flush();
}

void tst_EventTableModel::loadsStoredEventsAndFollowsTheStore()
{
    addFixtures();
    const int fixtures = int(Fixtures::eventFixtures().size());
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(m_store.get());
    QCOMPARE(model.rowCount(), fixtures);
    QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    m_store->submit(eventFromFixture(u"platform-ticket-created.json"_s));
    m_store->flush();
    QTRY_COMPARE(model.rowCount(), fixtures + 1);
    QCOMPARE(inserted.size(), 1);
    const QModelIndex last = model.index(fixtures, EventTableModel::TypeColumn);
    QCOMPARE(last.data().toString(), u"ticket:created"_s);
    QCOMPARE(model.index(fixtures, EventTableModel::StatusColumn).data().toString(), u"repeat"_s);
    QCOMPARE(model.index(fixtures, EventTableModel::SummaryColumn).data().toString(),
             u"Charged twice for invoice 1042"_s);
    QCOMPARE(model.rowForId(last.data(EventTableModel::IdRole).toLongLong()), fixtures);
}

void tst_EventTableModel::batchesInserts()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(m_store.get());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 2000; ++i)
        m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    QTRY_COMPARE(model.rowCount(), 2000);
    // Thousands of events arrive as a few inserts, not one per event.
    QVERIFY2(inserted.size() <= 10, qPrintable(QString::number(inserted.size())));
}

void tst_EventTableModel::retentionRemovesRowsFromTheTop()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(m_store.get());
    m_store->setRetention(5);
    for (int i = 0; i < 8; ++i)
        m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    QTRY_COMPARE(model.rowCount(), 5);
    QCOMPARE(model.summaryAt(0).id, qint64(4));
    QCOMPARE(model.summaryAt(4).id, qint64(8));
}

void tst_EventTableModel::clearResetsTheModel()
{
    addFixtures();
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(m_store.get());
    QVERIFY(model.rowCount() > 0);
    QVERIFY(m_store->clear());
    QCOMPARE(model.rowCount(), 0);
}

void tst_EventTableModel::loadsInChunksNewestFirst()
{
    for (int i = 0; i < 25; ++i)
        m_store->submit(eventFromFixture(i % 2 ? u"platform-account-updated.json"_s
                                               : u"platform-ticket-created.json"_s));
    m_store->flush();
    const QList<EventSummary> stored = m_store->summaries();
    QCOMPARE(stored.size(), 25);

    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(EventTableModel::TimeColumn, Qt::AscendingOrder);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLoadChunkRows(10, 4);
    QSignalSpy progress(&model, &EventTableModel::loadProgress);
    model.setStore(m_store.get());

    // The newest ten at once: what the table shows first, following the newest.
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.idAt(0), stored.at(15).id);
    QCOMPARE(model.idAt(9), stored.at(24).id);
    QVERIFY(model.isLoading());
    QCOMPARE(progress.size(), 1);
    QCOMPARE(progress.at(0).at(0).toLongLong(), 10);
    QCOMPARE(progress.at(0).at(1).toLongLong(), 25);

    // A delivery during the load goes behind the newest rows.
    m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    QTRY_VERIFY(!model.isLoading());
    QTRY_COMPARE(model.rowCount(), 26);
    // The older rows came in front in chunks of four: 10, 14, 18, 22, 25 of 25.
    QCOMPARE(progress.size(), 5);
    QCOMPARE(progress.at(1).at(0).toLongLong(), 14);
    QCOMPARE(progress.last().at(0).toLongLong(), 25);
    QCOMPARE(progress.last().at(1).toLongLong(), 25);
    for (int r = 0; r < 25; ++r) {
        const EventSummary s = model.summaryAt(r);
        QCOMPARE(s.id, stored.at(r).id);
        QCOMPARE(s.type, stored.at(r).type);
        QCOMPARE(s.summary, stored.at(r).summary);
        QCOMPARE(s.eventId, stored.at(r).eventId);
        QCOMPARE(model.rowForId(s.id), r);
    }
    QCOMPARE(model.idAt(25), m_store->maxId());
    // The proxy kept its order through the inserts in front.
    QCOMPARE(proxy.rowCount(), 26);
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r - 1, 0).data(EventTableModel::IdRole).toLongLong()
                < proxy.index(r, 0).data(EventTableModel::IdRole).toLongLong());
}

void tst_EventTableModel::retentionAndClearDuringTheLoad()
{
    for (int i = 0; i < 20; ++i)
        m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLoadChunkRows(5, 5);
    model.setStore(m_store.get());
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(model.isLoading());

    // Retention removes the oldest rows, loaded or not: the load stops above them.
    m_store->setRetention(12);
    m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    QTRY_VERIFY(!model.isLoading());
    QTRY_COMPARE(model.rowCount(), 12);
    const QList<EventSummary> stored = m_store->summaries();
    QCOMPARE(stored.size(), 12);
    for (int r = 0; r < 12; ++r)
        QCOMPARE(model.idAt(r), stored.at(r).id);

    // A clear while loading ends the load with an empty table.
    m_store->setRetention(1'000'000);
    for (int i = 0; i < 20; ++i)
        m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    model.setStore(m_store.get());
    QVERIFY(model.isLoading());
    QVERIFY(m_store->clear());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
    QTest::qWait(20);
    QCOMPARE(model.rowCount(), 0);

    // finishLoading() loads the rest at once.
    for (int i = 0; i < 13; ++i)
        m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    model.setStore(m_store.get());
    model.finishLoading();
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 13);
    QCOMPARE(model.idAt(12), m_store->maxId());
}

void tst_EventTableModel::proxyFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("types");
    // How bare words are answered: 0 the full-text index (caught up), 1 the index as far as
    // it has got (the writer indexes in the background; newer rows are scanned), 2 scanning;
    // 3 as 0, and payload comparisons from the field index (issue #16), caught up.
    QTest::addColumn<int>("mode");
    auto add = [](const char *name, const QString &filter, const QStringList &types) {
        QTest::addRow("%s, index", name) << filter << types << 0;
        QTest::addRow("%s, index behind", name) << filter << types << 1;
        QTest::addRow("%s, scan", name) << filter << types << 2;
        QTest::addRow("%s, field index", name) << filter << types << 3;
    };
    add("empty", QString(),
        { u"account:updated"_s, u"custom-object:deal:field-changed"_s, u"app:installation"_s,
          u"request:created"_s, u"request:updated"_s, u"ticket:comment:created"_s,
          u"ticket:created"_s, u"ticket:priority:changed"_s });
    add("type glob", u"ticket:*"_s,
        { u"ticket:comment:created"_s, u"ticket:created"_s, u"ticket:priority:changed"_s });
    add("negated", u"-ticket:* -request:*"_s,
        { u"account:updated"_s, u"custom-object:deal:field-changed"_s, u"app:installation"_s });
    add("or", u"account:* OR custom-object:*"_s,
        { u"account:updated"_s, u"custom-object:deal:field-changed"_s });
    add("team", u"team:T123* -request:*"_s,
        { u"app:installation"_s, u"ticket:comment:created"_s, u"ticket:created"_s,
          u"ticket:priority:changed"_s });
    add("payload field", u"payload.ticket.priorityName=Urgent"_s, { u"ticket:priority:changed"_s });
    add("bare word in payload", u"annualRevenue"_s, { u"account:updated"_s });
    add("bare word in summary", u"renewal"_s, { u"custom-object:deal:field-changed"_s });
    add("start of a payload word", u"refun"_s,
        { u"request:created"_s, u"request:updated"_s, u"ticket:comment:created"_s,
          u"ticket:created"_s, u"ticket:priority:changed"_s });
    add("inside a payload word", u"efund"_s, // only where a summary has it
        { u"request:created"_s, u"request:updated"_s, u"ticket:comment:created"_s });
    add("payload phrase", u"\"Support EM\""_s,
        { u"request:created"_s, u"request:updated"_s, u"ticket:created"_s,
          u"ticket:priority:changed"_s });
    add("negated word", u"-refund"_s,
        { u"account:updated"_s, u"app:installation"_s, u"custom-object:deal:field-changed"_s });
    add("word and field", u"refund payload.ticket.priorityName=High"_s, { u"ticket:created"_s });
    add("word or field", u"annualRevenue OR payload.ticket.priorityName=Urgent"_s,
        { u"account:updated"_s, u"ticket:priority:changed"_s });
}

void tst_EventTableModel::proxyFilters()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, types);
    QFETCH(int, mode);
    addFixtures();
    QVERIFY(m_store->hasFullTextIndex());
    if (mode == 0 || mode == 3) {
        QVERIFY(m_store->catchUpFullText());
        QCOMPARE(m_store->fullTextIndexedUpTo(), m_store->maxId());
    }
    if (mode == 3) {
        QStringList paths;
        for (const FilterExpression::PayloadComparison &c :
             FilterExpression::parse(filter).payloadComparisons())
            paths.append(c.path);
        m_store->requestFieldIndex(paths);
        QVERIFY(m_store->catchUpFieldIndex());
        for (const QString &path : std::as_const(paths))
            QCOMPARE(m_store->fieldIndexedUpTo(path), m_store->maxId());
    }
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStore(m_store.get());
    proxy.setFullTextIndexEnabled(mode != 2);
    proxy.setSourceModel(&model);
    QVERIFY2(applyFilter(proxy, filter), qPrintable(filter));
    QCOMPARE(proxy.filter().text(), filter);
    QCOMPARE(shownIds(proxy), expectedIds(*m_store, filter)); // the same rules as FilterExpression
    QStringList shown;
    for (int r = 0; r < proxy.rowCount(); ++r)
        shown.append(proxy.index(r, EventTableModel::TypeColumn).data().toString());
    shown.sort();
    types.sort();
    QCOMPARE(shown, types);
}

void tst_EventTableModel::payloadFilterSeesLateRows()
{
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStore(m_store.get());
    proxy.setSourceModel(&model);
    QVERIFY(applyFilter(proxy, u"payload.ticket.priorityName=Urgent"_s));
    QCOMPARE(proxy.rowCount(), 0);
    addFixtures(); // arrive after the filter was set: bodies are looked up per new row
    QTRY_COMPARE(model.rowCount(), int(Fixtures::eventFixtures().size()));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, EventTableModel::TypeColumn).data().toString(),
             u"ticket:priority:changed"_s);
}

void tst_EventTableModel::bodyWordsAgreeWithTheIndex()
{
    // The proxy answers bare words from the FTS5 index, or (no index; rows that arrive after
    // the answer) with BodyWords: both must say the same. Pseudo-random ASCII bodies full of
    // punctuation and JSON escapes, a few non-ASCII texts, and needles cut from them anywhere.
    QRandomGenerator random(20261126);
    const QString alphabet =
            u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789          "
            u"\"\\_-.,:;@#%+*'/()[]{}<>=!?&|~^$`\n\t\r\x01\x7f"_s;
    QStringList bodies;
    for (int i = 0; i < 300; ++i) {
        QString body;
        const int length = 10 + int(random.bounded(70));
        for (int k = 0; k < length; ++k)
            body.append(alphabet.at(qsizetype(random.bounded(quint32(alphabet.size())))));
        bodies.append(body);
    }
    bodies << u"Café naïve ÉCOLE straße ẞ İstanbul Łódź Øre résumé Ǖ"_s
           << u"ΣΊΣΥΦΟΣ Ωμέγα ЁЖ привет"_s << u"中文字 日本語テスト ½ ² ٣ Ⅳ"_s
           << u"de\u0301f a\u00a0b\u2014c\u00b7d\u200de\u3000f😀g🙂h Ԩa 𐐀 𝐀bc 𠀀"_s
           << u"{\"note\":\"Hi,\\nRefund \\u00e9t\\u00e9\"}"_s;
    for (const QString &body : std::as_const(bodies)) {
        Event e;
        e.body = body.toUtf8();
        e.contentType = u"application/json"_s;
        e.summary.type = u"unknown"_s;
        e.summary.source = EventSource::Local;
        m_store->submit(e);
    }
    m_store->flush();
    QVERIFY(m_store->hasFullTextIndex());

    QStringList needles = {
        u"cafe"_s,       u"CAFÉ"_s,     u"naive"_s,  u"ÉCO"_s,   u"strasse"_s,
        u"STRAẞE"_s,     u"İSTANBUL"_s, u"istan"_s,  u"lodz"_s,  u"łódź"_s,
        u"øre"_s,        u"ore"_s,      u"resume"_s, u"ǖ"_s,     u"σίσυφος"_s,
        u"ωμεγα"_s,      u"Ωμέ"_s,      u"ёж"_s,     u"еж"_s,    u"ПРИ"_s,
        u"中文"_s,       u"日本語"_s,   u"½"_s,      u"²"_s,     u"٣"_s,
        u"ⅳ"_s,          u"Ⅳ"_s,        u"def"_s,    u"de"_s,    u"🙂"_s,
        u"nrefund"_s,    u"refund"_s,   u"u00e9t"_s, u"e9t"_s,   u"\"hi refund\""_s,
        u"hi nrefund"_s, u"c d e"_s,    u"a b"_s,    u"g🙂"_s, u"h"_s,
        u"ԩa"_s,        u"Ԩ"_s,       u"𐐨"_s,      u"𐐀"_s,     u"𝐀"_s,
        u"bc"_s,         u"𠀀"_s
    };
    for (const QString &body : std::as_const(bodies)) {
        for (int k = 0; k < 3; ++k) {
            qsizetype from = qsizetype(random.bounded(quint32(body.size())));
            qsizetype length = 1 + qsizetype(random.bounded(12u));
            if (body.at(from).isLowSurrogate())
                --from;
            length = qMin(length, body.size() - from);
            if (body.at(from + length - 1).isHighSurrogate())
                ++length;
            needles.append(body.mid(from, length));
        }
    }

    int withWords = 0, nonEmpty = 0;
    for (const QString &needle : std::as_const(needles)) {
        const QStringList phrase = BodyWords::split(needle);
        QList<qint64> byIndex;
        QVERIFY2(m_store->forEachFullTextPrefixMatch(needle, -1,
                                                     [&](qint64 id) {
                                                         byIndex.append(id);
                                                         return true;
                                                     }),
                 qPrintable(needle));
        QList<qint64> byScan;
        for (qsizetype i = 0; i < bodies.size(); ++i)
            if (BodyWords(bodies.at(i)).containsPhrase(phrase))
                byScan.append(i + 1);
        QVERIFY2(byIndex == byScan,
                 qPrintable(u"needle «%1» (words %2): index %3 != scan %4"_s.arg(
                         needle, phrase.join(u'|'), QString::number(byIndex.size()),
                         QString::number(byScan.size()))));
        withWords += !phrase.isEmpty();
        nonEmpty += !byIndex.isEmpty();
    }
    QVERIFY(withWords > 600);
    QVERIFY(nonEmpty > 500);
}

void tst_EventTableModel::bodyFiltersRunOffTheGuiThread()
{
    addFixtures();
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStore(m_store.get());
    proxy.setSourceModel(&model);
    QSignalSpy filtering(&proxy, &EventFilterProxy::filteringChanged);
    QSignalSpy finished(&proxy, &EventFilterProxy::filterFinished);

    // Summary-only: answered at once.
    proxy.setFilter(FilterExpression::parse(u"ticket:*"_s));
    QCOMPARE(finished.size(), 1);
    QVERIFY(filtering.isEmpty());
    QCOMPARE(proxy.rowCount(), 3);

    // A body filter: the previous result stays until the worker has answered.
    proxy.setFilter(FilterExpression::parse(u"refund"_s));
    QVERIFY(proxy.isFiltering());
    QCOMPARE(filtering.size(), 1);
    QCOMPARE(filtering.at(0).at(0).toBool(), true);
    QCOMPARE(proxy.filter().text(), u"ticket:*"_s);
    QCOMPARE(proxy.requestedFilter().text(), u"refund"_s);
    QCOMPARE(proxy.rowCount(), 3);
    QCOMPARE(finished.size(), 1);
    auto *worker = proxy.findChild<QThread *>(u"hookscope-filter"_s);
    QVERIFY(worker && worker->isRunning() && worker != QThread::currentThread());

    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 2);
    QVERIFY(!proxy.isFiltering());
    QCOMPARE(filtering.size(), 2);
    QCOMPARE(filtering.at(1).at(0).toBool(), false);
    QCOMPARE(proxy.filter().text(), u"refund"_s);
    const QList<qint64> refund = expectedIds(*m_store, u"refund"_s);
    QVERIFY(refund.size() >= 3);
    QCOMPARE(shownIds(proxy), refund);
}

void tst_EventTableModel::summaryFilterJobWithRowsChanging()
{
    // Above the proxy's bound a summary filter is decided by a job on another thread, over
    // the model's rows read under their lock; rows that arrive or are removed meanwhile are
    // decided when they come. The result is the filter's verdict for every row, once.
    addFixtures();
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStore(m_store.get());
    proxy.setSourceModel(&model);
    proxy.setSyncRows(0);
    QSignalSpy finished(&proxy, &EventFilterProxy::filterFinished);
    const int jobs = proxy.jobsStarted();
    proxy.setFilter(FilterExpression::parse(u"-account:*"_s));
    QCOMPARE(proxy.jobsStarted(), jobs + 1);
    QVERIFY(proxy.isFiltering());
    QCOMPARE(finished.size(), 0);
    // Meanwhile: new rows (one the filter takes, one it does not) and retention.
    m_store->submit(eventFromFixture(u"platform-ticket-created.json"_s));
    m_store->submit(eventFromFixture(u"platform-account-updated.json"_s));
    m_store->flush();
    model.flushPending();
    m_store->setRetention(m_store->count() - 2);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(!proxy.isFiltering());
    QTRY_COMPARE(model.rowCount(), int(m_store->count()));
    QCOMPARE(shownIds(proxy), expectedIds(*m_store, u"-account:*"_s));
    QVERIFY(proxy.rowCount() > 0);
    // Clearing is decided at once, whatever the bound.
    proxy.setFilter(FilterExpression());
    QCOMPARE(finished.size(), 2);
    QCOMPARE(proxy.rowCount(), model.rowCount());
}

void tst_EventTableModel::viewKeepsItsRowsWhileOlderRowsLoad()
{
    // Older rows load in front of the ones shown: the rows on screen stay on screen.
    for (int i = 0; i < 60; ++i)
        m_store->submit(eventFromFixture(u"platform-ticket-created.json"_s));
    m_store->flush();
    EventTableModel model;
    model.setLoadChunkRows(40, 5);
    EventFilterProxy proxy;
    proxy.setStore(m_store.get());
    proxy.setSourceModel(&model);
    EventTableView view(&model);
    view.setModel(&proxy);
    view.resize(500, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.setStore(m_store.get());
    QCOMPARE(proxy.rowCount(), 40);
    const QPersistentModelIndex middle = proxy.index(20, EventTableModel::SummaryColumn);
    const qint64 before = middle.data(EventTableModel::IdRole).toLongLong();
    QTest::qWait(20); // the view lays the rows out (and the load goes on)
    view.scrollTo(middle, QAbstractItemView::PositionAtTop);
    const auto topId = [&view] {
        return view.indexAt(QPoint(5, 2)).data(EventTableModel::IdRole).toLongLong();
    };
    QCOMPARE(topId(), before);
    QVERIFY(model.isLoading());
    model.finishLoading();
    QCOMPARE(proxy.rowCount(), 60);
    QTest::qWait(20);
    QCOMPARE(topId(), before);
}

void tst_EventTableModel::sortedByTypeFollowsInsertsAndRemovals()
{
    // Sorted by a column other than time, new rows go to their places and removed ones leave
    // theirs, and a persistent index stays on its row through a re-sort.
    addFixtures();
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStore(m_store.get());
    proxy.setSourceModel(&model);
    const auto inOrder = [&proxy](Qt::SortOrder order) {
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const QString a = proxy.index(r - 1, EventTableModel::TypeColumn).data().toString();
            const QString b = proxy.index(r, EventTableModel::TypeColumn).data().toString();
            const qint64 ia = proxy.index(r - 1, 0).data(EventTableModel::IdRole).toLongLong();
            const qint64 ib = proxy.index(r, 0).data(EventTableModel::IdRole).toLongLong();
            const int c = QString::compare(a, b);
            // Types in the order asked for; equal types in arrival order.
            if ((order == Qt::AscendingOrder ? c > 0 : c < 0) || (c == 0 && ia > ib))
                return false;
        }
        return true;
    };
    const QPersistentModelIndex newest =
            proxy.index(proxy.rowCount() - 1, EventTableModel::SummaryColumn);
    const qint64 newestId = newest.data(EventTableModel::IdRole).toLongLong();
    proxy.sort(EventTableModel::TypeColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.sortColumn(), int(EventTableModel::TypeColumn));
    QVERIFY(inOrder(Qt::DescendingOrder));
    QVERIFY(newest.isValid());
    QCOMPARE(newest.data(EventTableModel::IdRole).toLongLong(), newestId);
    QCOMPARE(newest.column(), int(EventTableModel::SummaryColumn));

    for (const QString &name :
         { u"platform-account-updated.json"_s, u"platform-ticket-created.json"_s,
           u"platform-account-updated.json"_s })
        m_store->submit(eventFromFixture(name));
    m_store->flush();
    model.flushPending();
    QCOMPARE(proxy.rowCount(), model.rowCount());
    QVERIFY(inOrder(Qt::DescendingOrder));
    proxy.sort(EventTableModel::TypeColumn, Qt::AscendingOrder);
    QVERIFY(inOrder(Qt::AscendingOrder));
    QCOMPARE(newest.data(EventTableModel::IdRole).toLongLong(), newestId);
    m_store->setRetention(3);
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(proxy.rowCount(), 3);
    QVERIFY(inOrder(Qt::AscendingOrder));
    QCOMPARE(shownIds(proxy),
             QList<qint64>({ m_store->maxId() - 2, m_store->maxId() - 1, m_store->maxId() }));
}

void tst_EventTableModel::newerFilterCancelsOlder()
{
    addFixtures();
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStore(m_store.get());
    proxy.setSourceModel(&model);
    QSignalSpy finished(&proxy, &EventFilterProxy::filterFinished);

    const QString urgent = u"payload.ticket.priorityName=Urgent"_s;
    proxy.setFilter(FilterExpression::parse(u"refund"_s));
    proxy.setFilter(FilterExpression::parse(urgent));
    QVERIFY(finished.wait(10000));
    QTest::qWait(200); // an answer for "refund" would have arrived by now
    QCOMPARE(finished.size(), 1);
    QCOMPARE(proxy.filter().text(), urgent);
    QCOMPARE(shownIds(proxy), expectedIds(*m_store, urgent));

    // A summary-only filter overtakes a body filter too.
    proxy.setFilter(FilterExpression::parse(u"refund"_s));
    proxy.setFilter(FilterExpression::parse(u"account:*"_s));
    QCOMPARE(finished.size(), 2);
    QVERIFY(!proxy.isFiltering());
    QTest::qWait(200);
    QCOMPARE(finished.size(), 2);
    QCOMPARE(proxy.filter().text(), u"account:*"_s);
    QCOMPARE(proxy.rowCount(), 1);
}

void tst_EventTableModel::rowsArrivingWhileFiltering()
{
    const int fixtures = int(Fixtures::eventFixtures().size());
    for (const QString &text :
         { u"refund"_s, u"payload.ticket.priorityName=Urgent OR \"Support EMEA\""_s }) {
        QVERIFY(m_store->clear());
        addFixtures();
        EventTableModel model;
        model.setStore(m_store.get());
        EventFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setStore(m_store.get());
        proxy.setSourceModel(&model);
        QSignalSpy finished(&proxy, &EventFilterProxy::filterFinished);
        proxy.setFilter(FilterExpression::parse(text));
        QVERIFY(proxy.isFiltering());
        // Stored while the worker answers: above its watermark, decided one by one.
        addFixtures();
        QVERIFY(finished.size() == 1 || finished.wait(10000));
        QTRY_COMPARE(model.rowCount(), 2 * fixtures);
        const QList<qint64> twice = expectedIds(*m_store, text);
        QCOMPARE(twice.size() % 2, 0);
        QVERIFY(!twice.isEmpty());
        QCOMPARE(shownIds(proxy), twice);
        // And after the answer.
        addFixtures();
        QTRY_COMPARE(model.rowCount(), 3 * fixtures);
        QCOMPARE(shownIds(proxy), expectedIds(*m_store, text));
        QCOMPARE(proxy.rowCount(), twice.size() / 2 * 3);
    }
}

void tst_EventTableModel::sortsByRoleNotDisplayText()
{
    Event small = eventFromFixture(u"platform-account-updated.json"_s);
    Event big = small;
    big.body.append(QByteArray(5000, ' '));
    Event mid = small;
    mid.body.append(QByteArray(900, ' '));
    m_store->submit(big);
    m_store->submit(small);
    m_store->submit(mid);
    m_store->flush();
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(EventTableModel::SizeColumn, Qt::AscendingOrder);
    // "6.1 KB" < "1.3 KB" as text would be wrong; sizes sort as numbers.
    QVERIFY(proxy.index(0, EventTableModel::SizeColumn).data(EventTableModel::SortRole).toLongLong()
            < proxy.index(1, EventTableModel::SizeColumn)
                      .data(EventTableModel::SortRole)
                      .toLongLong());
    QVERIFY(proxy.index(1, EventTableModel::SizeColumn).data(EventTableModel::SortRole).toLongLong()
            < proxy.index(2, EventTableModel::SizeColumn)
                      .data(EventTableModel::SortRole)
                      .toLongLong());
    QCOMPARE(proxy.index(2, 0).data(EventTableModel::IdRole).toLongLong(), qint64(1));

    // Every column, both orders: the proxy's direct comparisons (numeric columns) and the
    // generic ones give the order of the sort keys the model reports.
    addFixtures();
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            proxy.sort(column, order);
            QCOMPARE(proxy.rowCount(), model.rowCount());
            for (int row = 1; row < proxy.rowCount(); ++row) {
                const QVariant before =
                        proxy.index(row - 1, column).data(EventTableModel::SortRole);
                const QVariant after = proxy.index(row, column).data(EventTableModel::SortRole);
                const auto cmp = QVariant::compare(before, after);
                QVERIFY2(order == Qt::AscendingOrder ? cmp != QPartialOrdering::Greater
                                                     : cmp != QPartialOrdering::Less,
                         qPrintable(u"column %1 row %2"_s.arg(column).arg(row)));
            }
        }
    }
}

void tst_EventTableModel::categoriesAndColours()
{
    addFixtures();
    Event invalid;
    invalid.body = "{oops";
    invalid.summary.type = u"unknown"_s;
    invalid.summary.status = EventStatus::Invalid;
    invalid.summary.source = EventSource::Local;
    m_store->submit(invalid);
    m_store->flush();
    EventTableModel model;
    model.setStore(m_store.get());
    QHash<QString, QString> byType;
    QSet<QRgb> colours;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r, 0);
        byType.insert(model.summaryAt(r).status == EventStatus::Invalid ? u"(invalid)"_s
                                                                        : model.summaryAt(r).type,
                      i.data(EventTableModel::CategoryRole).toString());
        colours.insert(i.data(Qt::BackgroundRole).value<QColor>().rgb());
    }
    QCOMPARE(byType.value(u"ticket:created"_s), u"ticket"_s);
    QCOMPARE(byType.value(u"ticket:comment:created"_s), u"comment"_s);
    QCOMPARE(byType.value(u"account:updated"_s), u"account"_s);
    QCOMPARE(byType.value(u"custom-object:deal:field-changed"_s), u"custom-object"_s);
    QCOMPARE(byType.value(u"(invalid)"_s), u"invalid"_s);
    QVERIFY(colours.size() >= 6);
}

namespace {

qint64 localMs(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms)).toMSecsSinceEpoch();
}

} // namespace

void tst_EventTableModel::lagColumn()
{
    const qint64 t = 1'795'166'043'000;
    m_store->submit(Deliveries::at(u"ticket:created"_s, t + 2400, t)); // id 1
    m_store->submit(Deliveries::at(u"ticket:updated"_s, t + 850, t)); // id 2
    m_store->submit(Deliveries::at(u"account:updated"_s, t, 0)); // id 3: no occurred time
    m_store->submit(Deliveries::at(u"user:created"_s, t + 180'000, t)); // id 4
    m_store->flush();
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(m_store.get());
    QCOMPARE(model.headerData(EventTableModel::LagColumn, Qt::Horizontal).toString(), u"Lag"_s);
    const auto lag = [&model](int row, int role = Qt::DisplayRole) {
        return model.index(row, EventTableModel::LagColumn).data(role);
    };
    QCOMPARE(lag(0).toString(), u"2.4 s"_s);
    QCOMPARE(lag(1).toString(), u"850 ms"_s);
    QCOMPARE(lag(2).toString(), QString());
    QCOMPARE(lag(3).toString(), u"3 min"_s);
    QCOMPARE(lag(0, EventTableModel::LagRole).toLongLong(), qint64(2400));
    QVERIFY(!lag(2, EventTableModel::LagRole).isValid());
    QCOMPARE(lag(1, Qt::ToolTipRole).toString(), u"Received 850 ms after it occurred"_s);

    // Numerically, not by text ("850 ms" > "3 min" > "2.4 s" as strings); no lag first.
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    const auto order = [&proxy] {
        QList<qint64> ids;
        for (int r = 0; r < proxy.rowCount(); ++r)
            ids.append(proxy.index(r, 0).data(EventTableModel::IdRole).toLongLong());
        return ids;
    };
    proxy.sort(EventTableModel::LagColumn, Qt::AscendingOrder);
    QCOMPARE(order(), (QList<qint64>{ 3, 2, 1, 4 }));
    proxy.sort(EventTableModel::LagColumn, Qt::DescendingOrder);
    QCOMPARE(order(), (QList<qint64>{ 4, 1, 2, 3 }));
    QVERIFY(proxy.index(0, EventTableModel::LagColumn).data(EventTableModel::SortRole).toLongLong()
            == 180'000);
}

void tst_EventTableModel::formatLag_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::addRow("zero") << qint64(0) << u"0 ms"_s;
    QTest::addRow("850 ms") << qint64(850) << u"850 ms"_s;
    QTest::addRow("999 ms") << qint64(999) << u"999 ms"_s;
    QTest::addRow("1 s") << qint64(1000) << u"1.0 s"_s;
    QTest::addRow("2.4 s") << qint64(2400) << u"2.4 s"_s;
    QTest::addRow("59.9 s") << qint64(59'949) << u"59.9 s"_s;
    QTest::addRow("not 60.0 s") << qint64(59'950) << u"1 min"_s;
    QTest::addRow("3 min") << qint64(180'000) << u"3 min"_s;
    QTest::addRow("2.5 min rounds") << qint64(150'000) << u"3 min"_s;
    QTest::addRow("59 min") << qint64(59 * 60'000) << u"59 min"_s;
    QTest::addRow("not 60 min") << qint64(59 * 60'000 + 45'000) << u"1.0 h"_s;
    QTest::addRow("5.2 h") << qint64(5 * 3'600'000 + 12 * 60'000) << u"5.2 h"_s;
    QTest::addRow("2 d") << qint64(2 * 86'400'000) << u"2.0 d"_s;
    QTest::addRow("clock skew") << qint64(-850) << u"−850 ms"_s;
}

void tst_EventTableModel::formatLag()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(EventTableModel::formatLag(ms), text);
}

void tst_EventTableModel::timeColumnShowsTheDateWhenNotToday()
{
    const qint64 old = localMs(2020, 12, 4, 14, 3, 22, 512);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_store->submit(Deliveries::at(u"ticket:created"_s, old, 0));
    m_store->submit(Deliveries::at(u"ticket:updated"_s, now, 0));
    m_store->flush();
    EventTableModel model;
    model.setStore(m_store.get());
    const QModelIndex oldTime = model.index(0, EventTableModel::TimeColumn);
    QCOMPARE(oldTime.data().toString(), u"Dec 4 2020 14:03:22"_s);
    // Today's: the time alone.
    QCOMPARE(model.index(1, EventTableModel::TimeColumn).data().toString(),
             QDateTime::fromMSecsSinceEpoch(now).toString(u"HH:mm:ss"_s));
    // The tooltip: the full ISO 8601 timestamp, which reads back as the same instant.
    const QString tip = oldTime.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(u"2020-12-04T14:03:22.512"_s), qPrintable(tip));
    QCOMPARE(QDateTime::fromString(tip, Qt::ISODateWithMs).toMSecsSinceEpoch(), old);
    QCOMPARE(tip, EventTableModel::isoTime(old));
}

void tst_EventTableModel::formatTimeWithFixedNow()
{
    const QDateTime now(QDate(2026, 12, 4), QTime(18, 0, 0));
    QCOMPARE(EventTableModel::formatTime(localMs(2026, 12, 4, 14, 3, 22, 512), now), u"14:03:22"_s);
    QCOMPARE(EventTableModel::formatTime(localMs(2026, 12, 4, 0, 0, 0), now), u"00:00:00"_s);
    QCOMPARE(EventTableModel::formatTime(localMs(2026, 12, 3, 23, 59, 59), now),
             u"Dec 3 23:59:59"_s);
    QCOMPARE(EventTableModel::formatTime(localMs(2026, 11, 20, 9, 5, 7), now),
             u"Nov 20 09:05:07"_s);
    QCOMPARE(EventTableModel::formatTime(localMs(2025, 12, 4, 14, 3, 22), now),
             u"Dec 4 2025 14:03:22"_s);
}

void tst_EventTableModel::noteTooltipShowsTheElidedNote()
{
    m_store->submit(Deliveries::at(u"ticket:created"_s, 1'795'166'043'000, 0));
    m_store->submit(Deliveries::at(u"ticket:updated"_s, 1'795'166'044'000, 0));
    m_store->submit(Deliveries::at(u"ticket:deleted"_s, 1'795'166'045'000, 0));
    m_store->flush();
    EventTableModel model;
    model.setStore(m_store.get());
    const auto tip = [&model](int row) {
        return model.index(row, EventTableModel::MarkColumn).data(Qt::ToolTipRole).toString();
    };

    QVERIFY(m_store->setNote(1, u"Customer says this one was sent twice"_s));
    QCOMPARE(model.index(0, EventTableModel::MarkColumn).data().toString(), u"✎"_s);
    QCOMPARE(tip(0), u"Customer says this one was sent twice"_s);

    // A long note: the first lines, each shortened, and a mark where it was cut.
    QStringList lines;
    for (int i = 1; i <= 12; ++i)
        lines.append(u"line %1"_s.arg(i));
    lines[1] = QString(300, u'x');
    QVERIFY(m_store->setNote(2, lines.join(u'\n')));
    const QStringList shown = tip(1).split(u'\n');
    QVERIFY2(shown.size() <= 6, qPrintable(tip(1)));
    QCOMPARE(shown.first(), u"line 1"_s);
    QVERIFY(shown.at(1).size() < 200);
    QVERIFY(shown.at(1).endsWith(u'…'));
    QVERIFY(shown.last().endsWith(u'…'));
    QVERIFY(!tip(1).contains(u"line 12"_s));

    // Pinned: says so until there is a note (★ shows the pin).
    QVERIFY(m_store->setPinned(3, true));
    QCOMPARE(tip(2), u"Pinned"_s);
    QVERIFY(m_store->setNote(3, u"see ticket 1042"_s));
    QCOMPARE(tip(2), u"see ticket 1042"_s);
}

void tst_EventTableModel::noteTitleNamesTypeAndTime()
{
    const qint64 old = localMs(2020, 12, 4, 14, 3, 22);
    m_store->submit(Deliveries::at(u"ticket:created"_s, old, 0));
    m_store->flush();
    EventTableModel model;
    model.setStore(m_store.get());
    QCOMPARE(model.noteTitle(0), u"Note — ticket:created at Dec 4 2020 14:03:22"_s);
}

namespace {

Event jsonEvent(const QByteArray &body)
{
    Event e;
    e.body = body;
    e.contentType = u"application/json"_s;
    e.method = u"POST"_s;
    e.summary.type = u"ticket:updated"_s;
    e.summary.source = EventSource::Local;
    e.summary.status = EventStatus::Ok;
    return e;
}

} // namespace

void tst_EventTableModel::payloadColumnShowsValues()
{
    addFixtures();
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(m_store.get());
    QSignalSpy inserted(&model, &QAbstractItemModel::columnsInserted);
    const QString priority = u"payload.ticket.priorityName"_s;
    QCOMPARE(model.addPayloadColumn(priority), int(EventTableModel::ColumnCount));
    QCOMPARE(model.columnCount(), EventTableModel::ColumnCount + 1);
    QCOMPARE(inserted.size(), 1);
    // Again: nothing added, the same column.
    QCOMPARE(model.addPayloadColumn(priority), int(EventTableModel::ColumnCount));
    QCOMPARE(model.columnCount(), EventTableModel::ColumnCount + 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.addPayloadColumn(u"  "_s), -1);
    QCOMPARE(model.payloadColumns(), QStringList{ priority });
    QCOMPARE(model.payloadColumn(priority), int(EventTableModel::ColumnCount));
    QVERIFY(model.isPayloadColumn(EventTableModel::ColumnCount));
    QVERIFY(!model.isPayloadColumn(EventTableModel::TypeColumn));
    QCOMPARE(model.headerData(EventTableModel::ColumnCount, Qt::Horizontal).toString(),
             u"ticket.priorityName"_s);
    QCOMPARE(model.headerData(EventTableModel::ColumnCount, Qt::Horizontal, Qt::ToolTipRole)
                     .toString(),
             priority);

    const int revenue = model.addPayloadColumn(u"payload.account.annualRevenue"_s);
    const int account = model.addPayloadColumn(u"payload.account"_s);
    const int tags = model.addPayloadColumn(u"payload.ticket.tags[0]"_s);
    QCOMPARE(revenue, EventTableModel::ColumnCount + 1);
    QCOMPARE(tags, EventTableModel::ColumnCount + 3);

    QHash<QString, QString> byType;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString type = model.summaryAt(r).type;
        byType.insert(type, model.index(r, EventTableModel::ColumnCount).data().toString());
        // Every cell follows the filter's rules (EventPayload::value), as text.
        const std::optional<Event> e = m_store->event(model.summaryAt(r).id);
        QVERIFY(e);
        const EventPayload payload(e->body, e->contentType.toLatin1());
        for (int c = EventTableModel::ColumnCount; c < model.columnCount(); ++c) {
            QCOMPARE(model.index(r, c).data().toString(),
                     JsonPath::toText(payload.value(
                             model.payloadColumns().at(c - EventTableModel::ColumnCount))));
        }
    }
    QCOMPARE(byType.value(u"ticket:created"_s), u"High"_s); // unquoted
    QCOMPARE(byType.value(u"ticket:priority:changed"_s), u"Urgent"_s);
    QCOMPARE(byType.value(u"account:updated"_s), QString()); // missing: empty
    QVERIFY(byType.contains(u"account:updated"_s));

    const int accountRow = [&] {
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.summaryAt(r).type == u"account:updated"_s)
                return r;
        return -1;
    }();
    QVERIFY(accountRow >= 0);
    QCOMPARE(model.index(accountRow, revenue).data().toString(), u"1200000"_s);
    QCOMPARE(model.index(accountRow, revenue).data(EventTableModel::SortRole).typeId(),
             int(QMetaType::Double));
    QCOMPARE(model.index(accountRow, revenue).data(EventTableModel::SortRole).toDouble(),
             1200000.0);
    const QString json = model.index(accountRow, account).data().toString();
    QVERIFY2(json.startsWith(u'{') && json.contains(u"\"annualRevenue\":1200000"_s)
                     && !json.contains(u'\n'),
             qPrintable(json)); // compact JSON
    QVERIFY(!model.index(accountRow, EventTableModel::ColumnCount)
                     .data(EventTableModel::SortRole)
                     .isValid()); // missing: no sort key
}

void tst_EventTableModel::payloadColumnLoadsOnlyRowsAskedFor()
{
    for (int i = 0; i < 300; ++i)
        m_store->submit(jsonEvent(u"{\"payload\":{\"n\":%1,\"name\":\"e%1\"}}"_s.arg(i).toUtf8()));
    m_store->flush();
    // The body-only read gives what the whole event holds.
    const std::optional<EventStore::Payload> stored = m_store->payload(7);
    QVERIFY(stored);
    QCOMPARE(stored->body, m_store->event(7)->body);
    QCOMPARE(stored->contentType, QByteArray("application/json"));
    QVERIFY(!m_store->payload(100000));

    EventTableModel model;
    model.setStore(m_store.get());
    QCOMPARE(model.rowCount(), 300);
    const int n = model.addPayloadColumn(u"payload.n"_s);
    const int name = model.addPayloadColumn(u"payload.name"_s);
    QCOMPARE(model.payloadLoads(), 0); // adding a column reads nothing

    // "Visible" rows 100–119: one read per row, whichever payload column asks first.
    for (int r = 100; r < 120; ++r)
        QCOMPARE(model.index(r, n).data().toString(), QString::number(r));
    QCOMPARE(model.payloadLoads(), 20);
    QCOMPARE(model.cachedPayloadValues(), 40); // both columns of each row read
    for (int r = 100; r < 120; ++r) {
        QCOMPARE(model.index(r, name).data().toString(), u"e%1"_s.arg(r));
        QCOMPARE(model.index(r, n).data(Qt::ToolTipRole).toString(), QString::number(r));
        QCOMPARE(model.index(r, n).data().toString(), QString::number(r));
        QCOMPARE(model.index(r, n).data(EventTableModel::SortRole).toDouble(), double(r));
        // The other roles of a row never read a body.
        model.index(r, EventTableModel::TypeColumn).data();
        model.index(r, n).data(Qt::BackgroundRole);
    }
    QCOMPARE(model.payloadLoads(), 20); // a second data() call does not read again
    QCOMPARE(model.index(250, name).data().toString(), u"e250"_s);
    QCOMPARE(model.payloadLoads(), 21);

    // Fixed columns only: no body is read at all.
    EventTableModel plain;
    plain.setStore(m_store.get());
    for (int r = 0; r < plain.rowCount(); ++r)
        for (int c = 0; c < plain.columnCount(); ++c)
            plain.index(r, c).data();
    QCOMPARE(plain.payloadLoads(), 0);
}

void tst_EventTableModel::removePayloadColumn()
{
    addFixtures();
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    const int priority = model.addPayloadColumn(u"payload.ticket.priorityName"_s);
    const int title = model.addPayloadColumn(u"payload.ticket.title"_s);
    QCOMPARE(proxy.columnCount(), EventTableModel::ColumnCount + 2);
    for (int r = 0; r < model.rowCount(); ++r)
        model.index(r, title).data();
    const qint64 loads = model.payloadLoads();
    QCOMPARE(loads, model.rowCount());
    proxy.sort(priority, Qt::AscendingOrder);

    QVERIFY(!model.removePayloadColumn(EventTableModel::TypeColumn));
    QVERIFY(!model.removePayloadColumn(EventTableModel::ColumnCount + 2));
    QSignalSpy removed(&model, &QAbstractItemModel::columnsRemoved);
    QVERIFY(model.removePayloadColumn(priority));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.columnCount(), EventTableModel::ColumnCount + 1);
    QCOMPARE(proxy.columnCount(), EventTableModel::ColumnCount + 1);
    QCOMPARE(model.payloadColumns(), QStringList{ u"payload.ticket.title"_s });
    QCOMPARE(model.payloadColumn(u"payload.ticket.priorityName"_s), -1);
    QCOMPARE(model.headerData(EventTableModel::ColumnCount, Qt::Horizontal).toString(),
             u"ticket.title"_s);
    QCOMPARE(model.cachedPayloadValues(), qsizetype(model.rowCount())); // its values went
    // The remaining column moved left and keeps its cached values.
    bool sawTitle = false;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString text = model.index(r, EventTableModel::ColumnCount).data().toString();
        if (model.summaryAt(r).type == u"ticket:created"_s) {
            QCOMPARE(text, u"Charged twice for invoice 1042"_s);
            sawTitle = true;
        }
    }
    QVERIFY(sawTitle);
    QCOMPARE(model.payloadLoads(), loads);
    QVERIFY(model.removePayloadColumn(EventTableModel::ColumnCount));
    QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
    QVERIFY(model.payloadColumns().isEmpty());
    QCOMPARE(model.cachedPayloadValues(), 0);
}

void tst_EventTableModel::payloadColumnsPersist()
{
    const QString file = m_dir->filePath(u"settings.ini"_s);
    const QStringList paths = { u"payload.ticket.priorityName"_s, u"payload.account.name"_s };
    {
        EventTableModel model;
        for (const QString &path : paths)
            model.addPayloadColumn(path);
        QSettings settings(file, QSettings::IniFormat);
        model.savePayloadColumns(settings);
    }
    addFixtures();
    EventTableModel restored;
    QAbstractItemModelTester tester(&restored,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    restored.setStore(m_store.get());
    {
        QSettings settings(file, QSettings::IniFormat);
        restored.restorePayloadColumns(settings);
    }
    QCOMPARE(restored.payloadColumns(), paths);
    QCOMPARE(restored.columnCount(), EventTableModel::ColumnCount + 2);
    QCOMPARE(restored.headerData(EventTableModel::ColumnCount + 1, Qt::Horizontal).toString(),
             u"account.name"_s);
    QStringList names;
    for (int r = 0; r < restored.rowCount(); ++r)
        names.append(restored.index(r, EventTableModel::ColumnCount + 1).data().toString());
    QVERIFY2(names.contains(u"Acme Corp"_s), qPrintable(names.join(u'|')));

    // Removed columns stay removed; restoring the same list again changes nothing.
    restored.removePayloadColumn(EventTableModel::ColumnCount);
    {
        QSettings settings(file, QSettings::IniFormat);
        restored.savePayloadColumns(settings);
    }
    EventTableModel again;
    QSettings settings(file, QSettings::IniFormat);
    again.restorePayloadColumns(settings);
    QCOMPARE(again.payloadColumns(), QStringList{ u"payload.account.name"_s });
    QSignalSpy inserted(&again, &QAbstractItemModel::columnsInserted);
    again.restorePayloadColumns(settings);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(again.columnCount(), EventTableModel::ColumnCount + 1);
}

void tst_EventTableModel::payloadColumnSorting()
{
    // ids 1–5: n = 30, 4, missing, 200, 4.5
    for (const QByteArray &body :
         { QByteArray(R"({"payload":{"n":30,"s":"b"}})"),
           QByteArray(R"({"payload":{"n":4,"s":"c"}})"), QByteArray(R"({"payload":{}})"),
           QByteArray(R"({"payload":{"n":200,"s":"a"}})"),
           QByteArray(R"({"payload":{"n":4.5,"s":"d"}})") })
        m_store->submit(jsonEvent(body));
    m_store->flush();
    const auto order = [](const QAbstractItemModel &proxy) {
        QList<qint64> ids;
        for (int r = 0; r < proxy.rowCount(); ++r)
            ids.append(proxy.index(r, 0).data(EventTableModel::IdRole).toLongLong());
        return ids;
    };
    {
        EventTableModel model;
        model.setStore(m_store.get());
        const int n = model.addPayloadColumn(u"payload.n"_s);
        const int text = model.addPayloadColumn(u"payload.s"_s);
        QVERIFY(model.isSortable(n));
        EventFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(n, Qt::AscendingOrder);
        // As numbers ("200" < "30" < "4" as text); missing last.
        QCOMPARE(order(proxy), (QList<qint64>{ 2, 5, 1, 4, 3 }));
        QCOMPARE(proxy.index(2, n).data().toString(), u"30"_s);
        QCOMPARE(proxy.index(1, n).data().toString(), u"4.5"_s);
        proxy.sort(text, Qt::AscendingOrder);
        QCOMPARE(order(proxy), (QList<qint64>{ 4, 1, 2, 5, 3 }));
        QCOMPARE(model.payloadLoads(), 5); // each body read once for both sorts
    }
    {
        // Above the limit: no body is read to sort; arrival order, and the header says so.
        EventTableModel model;
        model.setStore(m_store.get());
        const int n = model.addPayloadColumn(u"payload.n"_s);
        QSignalSpy header(&model, &QAbstractItemModel::headerDataChanged);
        model.setPayloadSortLimit(4);
        QCOMPARE(header.size(), 1);
        QVERIFY(!model.isSortable(n));
        QVERIFY(model.isSortable(EventTableModel::TypeColumn));
        const QString tip = model.headerData(n, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(tip.startsWith(u"payload.n\n"_s) && tip.contains(u"arrival order"_s),
                 qPrintable(tip));
        EventFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(n, Qt::DescendingOrder);
        QCOMPARE(order(proxy), (QList<qint64>{ 5, 4, 3, 2, 1 }));
        QCOMPARE(model.payloadLoads(), 0);
        // Back under the limit (retention): sortable again.
        m_store->setRetention(4);
        m_store->submit(jsonEvent(R"({"payload":{"n":1}})"));
        m_store->submit(jsonEvent(R"({"payload":{"n":2}})"));
        m_store->flush();
        QTRY_COMPARE(model.rowCount(), 4);
        QVERIFY(model.isSortable(n));
        QVERIFY(header.size() >= 2);
        QCOMPARE(model.headerData(n, Qt::Horizontal, Qt::ToolTipRole).toString(), u"payload.n"_s);
    }
}

void tst_EventTableModel::payloadColumnTitle_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("title");
    QTest::addRow("three") << u"payload.ticket.priorityName"_s << u"ticket.priorityName"_s;
    QTest::addRow("two") << u"payload.ticket"_s << u"payload.ticket"_s;
    QTest::addRow("one") << u"eventType"_s << u"eventType"_s;
    QTest::addRow("index") << u"payload.ticket.tags[0]"_s << u"tags[0]"_s;
    QTest::addRow("dotted index") << u"payload.ticket.tags.0"_s << u"tags.0"_s;
    QTest::addRow("quoted key") << u"payload[\"a.b\"].c"_s << u"[\"a.b\"].c"_s;
}

void tst_EventTableModel::payloadColumnTitle()
{
    QFETCH(QString, path);
    QFETCH(QString, title);
    QCOMPARE(EventTableModel::payloadColumnTitle(path), title);
}

QTEST_MAIN(tst_EventTableModel)
#include "tst_eventtablemodel.moc"
