// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include "core/filter/filterexpression.h"
#include "ui/sparkline/eventratemodel.h"
#include "ui/sparkline/sparklinewidget.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

constexpr qint64 Minute = EventRateModel::MinuteMs;

// A fixed minute in the future, so setNow() (which only moves forward) always applies.
qint64 baseTime()
{
    return (QDateTime::currentMSecsSinceEpoch() / Minute + 1000) * Minute;
}

EventSummary received(qint64 ms)
{
    EventSummary s;
    s.receivedAt = ms;
    return s;
}

} // namespace

class tst_Sparkline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsPerMinute();
    void windowSlides_data();
    void windowSlides();
    void laterEventSlidesTheWindow();
    void resizeWindowKeepsRecentCounts();
    void rangeFilterText();
    void paintsOffscreen_data();
    void paintsOffscreen();
    void dragSelectsRange();
    void clickAndKeyboardSelectOneMinute();
    void rangeFilterMatchesWhatIsDrawn();
    void shadingFollowsTheFilter();
};

void tst_Sparkline::countsPerMinute()
{
    EventRateModel model;
    model.setFollowsClock(false);
    QVERIFY(!model.followsClock());
    const qint64 t0 = baseTime();
    model.setNow(t0 + 30'000); // half way through the minute starting at t0
    QCOMPARE(model.minutes(), EventRateModel::DefaultMinutes);
    QCOMPARE(model.bucketStart(59), t0);
    QCOMPARE(model.bucketStart(0), t0 - 59 * Minute);
    QCOMPARE(model.bucketAt(t0), 59);
    QCOMPARE(model.bucketAt(t0 + Minute - 1), 59);
    QCOMPARE(model.bucketAt(t0 - 1), 58);
    QCOMPARE(model.bucketAt(t0 - 60 * Minute), -1);

    QSignalSpy changed(&model, &EventRateModel::changed);
    model.addEvents({ received(t0), received(t0 + 59'999), received(t0 - 1),
                      received(t0 - 10 * Minute), received(t0 - 10 * Minute + 5),
                      received(t0 - 10 * Minute + 6), received(t0 - 61 * Minute) });
    QCOMPARE(changed.size(), 1); // one signal per batch
    QCOMPARE(model.count(59), 2);
    QCOMPARE(model.count(58), 1);
    QCOMPARE(model.count(49), 3);
    QCOMPARE(model.total(), 6); // the one older than the window is not counted
    QCOMPARE(model.maxCount(), 3);
    QCOMPARE(model.count(-1), 0);
    QCOMPARE(model.count(60), 0);

    model.clear();
    QCOMPARE(model.total(), 0);
    QCOMPARE(model.maxCount(), 0);
}

void tst_Sparkline::windowSlides_data()
{
    QTest::addColumn<qint64>("advance");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("oldBucket"); // where the minute t0 - 10 min is now; -1: slid out

    QTest::addRow("same minute") << qint64(20'000) << 4 << 49;
    QTest::addRow("one minute") << Minute << 4 << 48;
    QTest::addRow("49 minutes") << 49 * Minute << 4 << 0;
    QTest::addRow("50 minutes") << 50 * Minute << 3 << -1;
    QTest::addRow("59 minutes") << 59 * Minute << 3 << -1;
    QTest::addRow("60 minutes") << 60 * Minute << 0 << -1;
    QTest::addRow("far ahead") << 1000 * Minute << 0 << -1;
}

void tst_Sparkline::windowSlides()
{
    QFETCH(qint64, advance);
    QFETCH(int, total);
    QFETCH(int, oldBucket);

    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    model.addEvent(t0 - 10 * Minute);
    model.addEvents({ received(t0), received(t0 + 1), received(t0 + 2) });
    QCOMPARE(model.total(), 4);

    QSignalSpy changed(&model, &EventRateModel::changed);
    model.setNow(t0 + advance);
    QCOMPARE(changed.size(), advance >= Minute ? 1 : 0);
    QCOMPARE(model.bucketAt(t0 + advance), model.minutes() - 1);
    QCOMPARE(int(model.total()), total);
    QCOMPARE(model.bucketAt(t0 - 10 * Minute), oldBucket);
    if (oldBucket >= 0)
        QCOMPARE(model.count(oldBucket), 1);
    if (total == 3)
        QCOMPARE(model.count(model.bucketAt(t0)), 3);

    // The window never moves back.
    model.setNow(t0 - Minute);
    QCOMPARE(model.bucketAt(t0 + advance), model.minutes() - 1);
}

void tst_Sparkline::laterEventSlidesTheWindow()
{
    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    model.addEvent(t0);
    model.addEvent(t0 + 5 * Minute + 1); // arrived in a later minute than the model's clock
    QCOMPARE(model.now(), t0 + 5 * Minute + 1);
    QCOMPARE(model.count(59), 1);
    QCOMPARE(model.count(54), 1);
    QCOMPARE(model.total(), 2);
}

void tst_Sparkline::resizeWindowKeepsRecentCounts()
{
    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    model.addEvents({ received(t0), received(t0 - 5 * Minute), received(t0 - 30 * Minute) });
    model.setMinutes(10);
    QCOMPARE(model.minutes(), 10);
    QCOMPARE(model.total(), 2);
    QCOMPARE(model.count(9), 1);
    QCOMPARE(model.count(4), 1);
    model.setMinutes(120);
    QCOMPARE(model.total(), 2);
    QCOMPARE(model.count(119), 1);
    QCOMPARE(model.bucketStart(119), t0);
}

void tst_Sparkline::rangeFilterText()
{
    const qint64 from = QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(SparklineWidget::rangeFilter(from, from + 5 * Minute),
             u"received:2026-11-20T09:00:00Z..2026-11-20T09:05:00Z"_s);
}

// The bars count events by when they were received; the filter a selected range becomes must
// match exactly those events, whatever time the events themselves carry.
void tst_Sparkline::rangeFilterMatchesWhatIsDrawn()
{
    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    EventSummary late = received(t0 - 3 * Minute + 10);
    late.occurredAt = t0 - 90 * Minute; // happened long before it arrived (a retry, a relay)
    EventSummary early = received(t0 - 3 * Minute + 20);
    early.occurredAt = t0 + 30 * Minute; // the sender's clock is ahead
    const EventSummary outside = received(t0 - 5 * Minute);
    model.addEvents({ late, early, outside });
    const int bucket = model.bucketAt(late.receivedAt);
    QCOMPARE(model.count(bucket), 2);

    const FilterExpression filter = FilterExpression::parse(
            SparklineWidget::rangeFilter(model.bucketStart(bucket),
                                         model.bucketStart(bucket) + Minute),
            t0);
    QVERIFY2(filter.isValid(), qPrintable(filter.errorMessage()));
    QVERIFY(filter.matches(late));
    QVERIFY(filter.matches(early));
    QVERIFY(!filter.matches(outside));
}

void tst_Sparkline::shadingFollowsTheFilter()
{
    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    model.addEvent(t0);
    SparklineWidget widget;
    widget.setModel(&model);
    widget.resize(600, widget.sizeHint().height());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    const QRect plot = widget.plotRect();
    const qreal step = qreal(plot.width()) / model.minutes();
    const QPoint minute58(int(plot.left() + 58.5 * step), plot.center().y());
    QSignalSpy selected(&widget, &SparklineWidget::rangeSelected);
    QTest::mouseClick(&widget, Qt::LeftButton, {}, minute58); // the empty minute before t0
    QTest::mouseMove(&widget, QPoint(2, 2)); // no hover mark
    QCOMPARE(selected.size(), 1);
    const QString term = SparklineWidget::rangeFilter(t0 - Minute, t0);

    // Shaded pixels in the selected minute, none once the filter lost the range.
    const auto shaded = [&] {
        const QImage image = widget.grab().toImage();
        const QColor base = image.pixelColor(int(plot.left() + 10.5 * step), plot.top() + 2);
        return image.pixelColor(minute58.x(), plot.top() + 2) != base;
    };
    widget.followFilter(u"ticket:* "_s + term);
    QVERIFY(widget.hasSelection());
    QVERIFY(shaded());
    widget.followFilter(u"(ticket:* OR account:*) "_s + term);
    QVERIFY(widget.hasSelection());
    widget.followFilter(u"ticket:*"_s);
    QVERIFY(!widget.hasSelection());
    QVERIFY(!shaded());
    // Another range than the one shown is not this selection either.
    QTest::mouseClick(&widget, Qt::LeftButton, {}, minute58);
    QVERIFY(widget.hasSelection());
    widget.followFilter(SparklineWidget::rangeFilter(t0 - 2 * Minute, t0));
    QVERIFY(!widget.hasSelection());
    widget.followFilter(QString());
    QVERIFY(!widget.hasSelection());
}

void tst_Sparkline::paintsOffscreen_data()
{
    QTest::addColumn<bool>("line");
    QTest::addColumn<bool>("empty");
    QTest::addRow("bars") << false << false;
    QTest::addRow("line") << true << false;
    QTest::addRow("empty") << false << true;
}

void tst_Sparkline::paintsOffscreen()
{
    QFETCH(bool, line);
    QFETCH(bool, empty);
    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    if (!empty) {
        for (int m = 0; m < 60; m += 3)
            for (int i = 0; i < (m % 7) + 1; ++i)
                model.addEvent(t0 - m * Minute);
    }
    SparklineWidget widget;
    widget.setModel(&model);
    widget.setStyle(line ? SparklineWidget::Style::Line : SparklineWidget::Style::Bars);
    widget.resize(600, widget.sizeHint().height());
    QVERIFY(widget.sizeHint().height() >= 36);
    const QImage image = widget.grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 600 * image.devicePixelRatio());
    QVERIFY(!widget.accessibleName().isEmpty());
    if (!empty) {
        // Something in the highlight colour was painted inside the plot.
        const QColor accent = widget.palette().color(QPalette::Highlight);
        const QRect plot = widget.plotRect();
        bool found = false;
        for (int x = plot.left(); x <= plot.right() && !found; ++x)
            for (int y = plot.top(); y <= plot.bottom() && !found; ++y)
                found = QColor(image.pixel(x, y)).hue() == accent.hue();
        QVERIFY(found);
        QVERIFY(widget.accessibleDescription().contains(u"in the last 60 minutes"_s));
    }
}

void tst_Sparkline::dragSelectsRange()
{
    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    model.addEvent(t0);
    SparklineWidget widget;
    widget.setModel(&model);
    widget.resize(600 + 0, widget.sizeHint().height());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));

    const QRect plot = widget.plotRect();
    const qreal step = qreal(plot.width()) / model.minutes();
    const auto xOf = [&](int bucket) { return int(plot.left() + (bucket + 0.5) * step); };
    const int y = plot.center().y();
    QCOMPARE(widget.bucketAt(QPoint(xOf(10), y)), 10);
    QCOMPARE(widget.bucketAt(QPoint(plot.left() - 5, y)), -1);
    QVERIFY2(widget.toolTipFor(59).endsWith(u" · events: 1"_s), qPrintable(widget.toolTipFor(59)));

    QSignalSpy selected(&widget, &SparklineWidget::rangeSelected);
    // Drag from bucket 20 leftwards to bucket 15: the selection spans both ends.
    QTest::mousePress(&widget, Qt::LeftButton, {}, QPoint(xOf(20), y));
    QTest::mouseMove(&widget, QPoint(xOf(17), y));
    QTest::mouseMove(&widget, QPoint(xOf(15), y));
    QCOMPARE(selected.size(), 0); // only on release
    QTest::mouseRelease(&widget, Qt::LeftButton, {}, QPoint(xOf(15), y));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), model.bucketStart(15));
    QCOMPARE(selected.at(0).at(1).toLongLong(), model.bucketStart(20) + Minute);
    QVERIFY(widget.hasSelection());
    QVERIFY(!widget.grab().isNull()); // paints with a selection

    // Escape clears it.
    QSignalSpy cleared(&widget, &SparklineWidget::selectionCleared);
    widget.setFocus();
    QTest::keyClick(&widget, Qt::Key_Escape);
    QCOMPARE(cleared.size(), 1);
    QVERIFY(!widget.hasSelection());
}

void tst_Sparkline::clickAndKeyboardSelectOneMinute()
{
    EventRateModel model;
    model.setFollowsClock(false);
    const qint64 t0 = baseTime();
    model.setNow(t0);
    SparklineWidget widget;
    widget.setModel(&model);
    widget.resize(600, widget.sizeHint().height());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    const QRect plot = widget.plotRect();
    QSignalSpy selected(&widget, &SparklineWidget::rangeSelected);

    // A click past the right end of the drawn bars still lands on the last minute.
    QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(plot.right(), plot.center().y()));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), t0);
    QCOMPARE(selected.at(0).at(1).toLongLong(), t0 + Minute);

    // Keyboard: Left twice from the last minute, Shift+Left once more, Enter.
    widget.clearSelection();
    widget.setFocus();
    QTest::keyClick(&widget, Qt::Key_Left);
    QTest::keyClick(&widget, Qt::Key_Left, Qt::ShiftModifier);
    QTest::keyClick(&widget, Qt::Key_Return);
    QCOMPARE(selected.size(), 2);
    QCOMPARE(selected.at(1).at(0).toLongLong(), t0 - 2 * Minute);
    QCOMPARE(selected.at(1).at(1).toLongLong(), t0);
}

QTEST_MAIN(tst_Sparkline)
#include "tst_sparkline.moc"
