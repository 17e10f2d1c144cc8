// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "events/eventfilterproxy.h"
#include "events/eventparser.h"
#include "events/eventtablemodel.h"
#include "fixtures.h"
#include "inspector/jsontreemodel.h"
#include "store/eventstore.h"

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
    void sortsByRoleNotDisplayText();
    void categoriesAndColours();
    void jsonTreeModel();

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
    QCOMPARE(model.index(fixtures, EventTableModel::SummaryColumn).data().toString(), u"Charged twice for invoice 1042"_s);
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
    QTest::addRow("empty") << QString()
                           << QStringList{u"account:updated"_s, u"custom-object:deal:field-changed"_s, u"app:installation"_s,
                                          u"request:created"_s, u"request:updated"_s, u"ticket:comment:created"_s,
                                          u"ticket:created"_s, u"ticket:priority:changed"_s};
    QTest::addRow("type glob") << u"ticket:*"_s
                               << QStringList{u"ticket:comment:created"_s, u"ticket:created"_s, u"ticket:priority:changed"_s};
    QTest::addRow("negated") << u"-ticket:* -request:*"_s
                             << QStringList{u"account:updated"_s, u"custom-object:deal:field-changed"_s, u"app:installation"_s};
    QTest::addRow("or") << u"account:* OR custom-object:*"_s
                        << QStringList{u"account:updated"_s, u"custom-object:deal:field-changed"_s};
    QTest::addRow("team") << u"team:T123* -request:*"_s
                          << QStringList{u"app:installation"_s, u"ticket:comment:created"_s, u"ticket:created"_s, u"ticket:priority:changed"_s};
    QTest::addRow("payload field") << u"payload.ticket.priorityName=Urgent"_s << QStringList{u"ticket:priority:changed"_s};
    QTest::addRow("bare word in payload") << u"annualRevenue"_s << QStringList{u"account:updated"_s};
    QTest::addRow("bare word in summary") << u"renewal"_s << QStringList{u"custom-object:deal:field-changed"_s};
}

void tst_EventTableModel::proxyFilters()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, types);
    addFixtures();
    EventTableModel model;
    model.setStore(m_store.get());
    EventFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStore(m_store.get());
    proxy.setSourceModel(&model);
    const FilterExpression expression = FilterExpression::parse(filter);
    QVERIFY2(expression.isValid(), qPrintable(expression.errorMessage()));
    proxy.setFilter(expression);
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
    proxy.setFilter(FilterExpression::parse(u"payload.ticket.priorityName=Urgent"_s));
    QCOMPARE(proxy.rowCount(), 0);
    addFixtures(); // arrive after the filter was set: bodies are looked up per new row
    QTRY_COMPARE(model.rowCount(), int(Fixtures::eventFixtures().size()));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, EventTableModel::TypeColumn).data().toString(), u"ticket:priority:changed"_s);
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
            < proxy.index(1, EventTableModel::SizeColumn).data(EventTableModel::SortRole).toLongLong());
    QVERIFY(proxy.index(1, EventTableModel::SizeColumn).data(EventTableModel::SortRole).toLongLong()
            < proxy.index(2, EventTableModel::SizeColumn).data(EventTableModel::SortRole).toLongLong());
    QCOMPARE(proxy.index(2, 0).data(EventTableModel::IdRole).toLongLong(), qint64(1));
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
        byType.insert(model.summaryAt(r).status == EventStatus::Invalid ? u"(invalid)"_s : model.summaryAt(r).type,
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

void tst_EventTableModel::jsonTreeModel()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QJsonDocument doc = QJsonDocument::fromJson(Fixtures::read(u"platform-ticket-created.json"_s));
    model.setJson(doc.object());
    QCOMPARE(model.rowCount(), 1); // "message"
    const QModelIndexList hits = model.find(u"Urgent"_s);
    QVERIFY(hits.isEmpty());
    const QModelIndexList high = model.find(u"priorityName"_s);
    QCOMPARE(high.size(), 1);
    QCOMPARE(model.path(high.first()), u"message.payload.ticket.priorityName"_s);
    QCOMPARE(model.valueText(high.first()), u"High"_s);
    QStringList refundPaths;
    for (const QModelIndex &hit : model.find(u"refund"_s))
        refundPaths.append(model.path(hit));
    QVERIFY2(refundPaths.contains(u"message.payload.ticket.tags[1]"_s), qPrintable(refundPaths.join(u' ')));
    QCOMPARE(high.first().siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), u"string"_s);
}

QTEST_MAIN(tst_EventTableModel)
#include "tst_eventtablemodel.moc"
