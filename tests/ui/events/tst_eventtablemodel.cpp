// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/filter/bodywords.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "ui/events/eventfilterproxy.h"
#include "ui/events/eventtablemodel.h"

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
    void proxyFilters_data();
    void proxyFilters();
    void payloadFilterSeesLateRows();
    void bodyWordsAgreeWithTheIndex();
    void bodyFiltersRunOffTheGuiThread();
    void newerFilterCancelsOlder();
    void rowsArrivingWhileFiltering();
    void sortsByRoleNotDisplayText();
    void categoriesAndColours();

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

void tst_EventTableModel::proxyFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("types");
    // How bare words are answered: 0 the full-text index (caught up), 1 the index as far as
    // it has got (the writer indexes in the background; newer rows are scanned), 2 scanning.
    QTest::addColumn<int>("mode");
    auto add = [](const char *name, const QString &filter, const QStringList &types) {
        QTest::addRow("%s, index", name) << filter << types << 0;
        QTest::addRow("%s, index behind", name) << filter << types << 1;
        QTest::addRow("%s, scan", name) << filter << types << 2;
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
    if (mode == 0) {
        QVERIFY(m_store->catchUpFullText());
        QCOMPARE(m_store->fullTextIndexedUpTo(), m_store->maxId());
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

QTEST_MAIN(tst_EventTableModel)
#include "tst_eventtablemodel.moc"
