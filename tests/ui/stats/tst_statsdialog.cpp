// SPDX-License-Identifier: MIT
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/store/eventstore.h"
#include "tests/support/deliveries.h"
#include "ui/events/eventfilterproxy.h"
#include "ui/events/eventtablemodel.h"
#include "ui/stats/statsdialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

constexpr qint64 Base = 1'795'166'043'000;

// A delivery of `type` that occurred at Base and arrived lagMs later; without an occurred
// time when lagMs is negative.
Event delivery(const QString &type, qint64 lagMs)
{
    return Deliveries::at(type, Base + qMax<qint64>(lagMs, 0), lagMs < 0 ? 0 : Base);
}

} // namespace

class tst_StatsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void nearestRank_data();
    void nearestRank();
    void countsAndPercentilesPerType();
    void followsTheFilterDebounced();
    void emptyModel();

private:
    void submit(const QList<Event> &events);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<EventTableModel> m_model;
    std::unique_ptr<EventFilterProxy> m_proxy;
};

void tst_StatsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<EventStore>();
    QVERIFY2(m_store->open(m_dir->path()), qPrintable(m_store->errorString()));
    // ticket:created: lags 100, 200, …, 1000 ms.
    QList<Event> events;
    for (int i = 1; i <= 10; ++i)
        events.append(delivery(u"ticket:created"_s, i * 100));
    // comment:created: 3000, 1000, 2000 ms and one without an occurred time.
    for (qint64 lag : { 3000, 1000, -1, 2000 })
        events.append(delivery(u"comment:created"_s, lag));
    // account:updated: no occurred time at all.
    events.append(delivery(u"account:updated"_s, -1));
    submit(events);

    m_model = std::make_unique<EventTableModel>();
    m_model->setStore(m_store.get());
    m_proxy = std::make_unique<EventFilterProxy>();
    m_proxy->setStore(m_store.get());
    m_proxy->setSourceModel(m_model.get());
    QCOMPARE(m_proxy->rowCount(), 15);
}

void tst_StatsDialog::cleanup()
{
    m_proxy.reset();
    m_model.reset();
    m_store.reset();
    m_dir.reset();
}

void tst_StatsDialog::submit(const QList<Event> &events)
{
    for (const Event &e : events)
        m_store->submit(e);
    m_store->flush();
}

void tst_StatsDialog::nearestRank_data()
{
    QTest::addColumn<QList<qint64>>("values");
    QTest::addColumn<double>("p");
    QTest::addColumn<qint64>("expected");
    // The textbook example: 15 20 35 40 50.
    const QList<qint64> five{ 15, 20, 35, 40, 50 };
    QTest::addRow("p5") << five << 5.0 << qint64(15);
    QTest::addRow("p30") << five << 30.0 << qint64(20);
    QTest::addRow("p40") << five << 40.0 << qint64(20);
    QTest::addRow("p50") << five << 50.0 << qint64(35);
    QTest::addRow("p99") << five << 99.0 << qint64(50);
    QTest::addRow("p100") << five << 100.0 << qint64(50);
    QTest::addRow("one value") << QList<qint64>{ 7 } << 50.0 << qint64(7);
    // 100 values 1..100: p99 is the 99th, not an interpolation.
    QList<qint64> hundred;
    for (int i = 1; i <= 100; ++i)
        hundred.append(i);
    QTest::addRow("p99 of 100") << hundred << 99.0 << qint64(99);
    QTest::addRow("p50 of 100") << hundred << 50.0 << qint64(50);
}

void tst_StatsDialog::nearestRank()
{
    QFETCH(QList<qint64>, values);
    QFETCH(double, p);
    QFETCH(qint64, expected);
    const std::vector<qint64> sorted(values.cbegin(), values.cend());
    QCOMPARE(StatsDialog::nearestRank(sorted, p), std::optional<qint64>(expected));
    QCOMPARE(StatsDialog::nearestRank({}, p), std::nullopt);
}

void tst_StatsDialog::countsAndPercentilesPerType()
{
    StatsDialog dialog(m_proxy.get());
    QVERIFY(!dialog.isModal());
    const QList<StatsDialog::Row> rows = dialog.rows();
    QCOMPARE(rows.size(), 3);
    // Most events first.
    QCOMPARE(rows.at(0).type, u"ticket:created"_s);
    QCOMPARE(rows.at(0).count, 10);
    QCOMPARE(rows.at(0).lagCount, 10);
    QCOMPARE(rows.at(0).lagP50, std::optional<qint64>(500)); // rank ⌈0.5 × 10⌉ = 5
    QCOMPARE(rows.at(0).lagP99, std::optional<qint64>(1000)); // rank ⌈9.9⌉ = 10
    QCOMPARE(rows.at(1).type, u"comment:created"_s);
    QCOMPARE(rows.at(1).count, 4);
    QCOMPARE(rows.at(1).lagCount, 3);
    QCOMPARE(rows.at(1).lagP50, std::optional<qint64>(2000)); // 1000 2000 3000: rank 2
    QCOMPARE(rows.at(1).lagP99, std::optional<qint64>(3000));
    QCOMPARE(rows.at(2).type, u"account:updated"_s);
    QCOMPARE(rows.at(2).count, 1);
    QCOMPARE(rows.at(2).lagCount, 0);
    QCOMPARE(rows.at(2).lagP50, std::nullopt);
    QCOMPARE(rows.at(2).lagP99, std::nullopt);

    // All 15 rows, 13 lags: 100 … 1000, 1000, 2000, 3000.
    QCOMPARE(dialog.totals().count, 15);
    QCOMPARE(dialog.totals().lagCount, 13);
    QCOMPARE(dialog.totals().lagP50, std::optional<qint64>(700)); // rank ⌈6.5⌉ = 7
    QCOMPARE(dialog.totals().lagP99, std::optional<qint64>(3000)); // rank ⌈12.87⌉ = 13

    // The table shows the same, the totals last.
    QTableWidget *table = dialog.table();
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(table->item(0, 0)->text(), u"ticket:created"_s);
    QCOMPARE(table->item(0, 1)->text(), u"10"_s);
    QCOMPARE(table->item(0, 3)->text(), u"500 ms"_s);
    QCOMPARE(table->item(0, 4)->text(), u"1.0 s"_s);
    QCOMPARE(table->item(2, 3)->text(), QString()); // no lag: empty, not "0 ms"
    QCOMPARE(table->item(3, 0)->text(), u"All types"_s);
    QCOMPARE(table->item(3, 1)->text(), u"15"_s);
    QCOMPARE(table->item(3, 2)->text(), u"13"_s);
    QCOMPARE(table->item(3, 3)->text(), u"700 ms"_s);
    QCOMPARE(table->item(3, 4)->text(), u"3.0 s"_s);
}

void tst_StatsDialog::followsTheFilterDebounced()
{
    StatsDialog dialog(m_proxy.get());
    QSignalSpy refreshed(&dialog, &StatsDialog::refreshed);

    // Only the rows the proxy shows count.
    m_proxy->setFilter(FilterExpression::parse(u"comment:*"_s));
    QCOMPARE(m_proxy->rowCount(), 4);
    QCOMPARE(dialog.totals().count, 15); // not yet: debounced
    QTRY_COMPARE(dialog.totals().count, 4);
    QCOMPARE(dialog.rows().size(), 1);
    QCOMPARE(dialog.totals().lagP50, std::optional<qint64>(2000));
    QCOMPARE(dialog.totals().lagP99, std::optional<qint64>(3000));

    // Three arrivals in three batches: one recomputation.
    refreshed.clear();
    for (qint64 lag : { 60'000, 120'000, 180'000 }) {
        submit({ delivery(u"comment:created"_s, lag) });
        m_model->flushPending();
    }
    QCOMPARE(m_proxy->rowCount(), 7);
    QTRY_COMPARE(dialog.totals().count, 7);
    QTest::qWait(2 * StatsDialog::DebounceMs);
    QCOMPARE(refreshed.size(), 1);
    // 1000 2000 3000 60000 120000 180000: p50 rank 3, p99 rank 6.
    QCOMPARE(dialog.totals().lagP50, std::optional<qint64>(3000));
    QCOMPARE(dialog.totals().lagP99, std::optional<qint64>(180'000));
    QCOMPARE(dialog.table()->item(0, 4)->text(), u"3 min"_s);
}

void tst_StatsDialog::emptyModel()
{
    m_proxy->setFilter(FilterExpression::parse(u"type:nothing-matches"_s));
    StatsDialog dialog(m_proxy.get());
    QVERIFY(dialog.rows().isEmpty());
    QCOMPARE(dialog.totals().count, 0);
    QCOMPARE(dialog.totals().lagP50, std::nullopt);
    QCOMPARE(dialog.table()->rowCount(), 0);
}

QTEST_MAIN(tst_StatsDialog)
#include "tst_statsdialog.moc"
