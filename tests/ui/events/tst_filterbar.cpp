// SPDX-License-Identifier: MIT
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTextBrowser>
#include <QToolButton>
#include <QSignalSpy>
#include <QTest>

#include "core/filter/filterexpression.h"
#include "ui/events/filterbar.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The filter bar as a user drives it: typing, Enter, the recent filters, errors.
class tst_FilterBar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enterKeepsTheFilter();
    void recentFilterFromTheList();
    void errorKeepsTheLastGoodFilter();
    void clearButtonClears();
    void typoGetsAHint();
    void messagesDoNotMoveTheLayout();
    void progressShowsInTheBusyLabel();
    void escapeClears();
    void helpIsAWindowThatStays();
};

namespace {

QString lastFilter(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QString() : spy.last().at(0).value<FilterExpression>().text();
}

} // namespace

void tst_FilterBar::enterKeepsTheFilter()
{
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.lineEdit()->setFocus();
    QTest::keyClicks(bar.lineEdit(), u"account:*"_s);
    QTRY_COMPARE(lastFilter(changed), u"account:*"_s); // after the typing pause
    QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
    // Enter remembers the filter in the recent list; the filter stays in force (it used to
    // be dropped while the list was refilled, leaving its text in the bar).
    QCOMPARE(lastFilter(changed), u"account:*"_s);
    QCOMPARE(bar.text(), u"account:*"_s);
    QCOMPARE(bar.recentFilters(), QStringList{ u"account:*"_s });
    // A second Enter changes nothing either.
    const qsizetype emitted = changed.size();
    QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
    QCOMPARE(changed.size(), emitted);
    QCOMPARE(lastFilter(changed), u"account:*"_s);
}

void tst_FilterBar::recentFilterFromTheList()
{
    FilterBar bar;
    bar.setRecentFilters({ u"ticket:*"_s, u"team:T123NHFDRF"_s });
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    auto *combo = bar.findChild<QComboBox *>();
    QVERIFY(combo);
    combo->setCurrentIndex(1);
    Q_EMIT combo->activated(1);
    QCOMPARE(lastFilter(changed), u"team:T123NHFDRF"_s);
}

void tst_FilterBar::errorKeepsTheLastGoodFilter()
{
    FilterBar bar;
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.setText(u"ticket:*"_s);
    bar.setText(u"ticket:* \"open"_s);
    QVERIFY2(bar.errorText().contains(u"Column 10"_s), qPrintable(bar.errorText()));
    QCOMPARE(lastFilter(changed), u"ticket:*"_s);
    QTest::keyClick(bar.lineEdit(), Qt::Key_Return); // a broken filter is not remembered
    QVERIFY(bar.recentFilters().isEmpty());
}

void tst_FilterBar::clearButtonClears()
{
    FilterBar bar;
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.setText(u"ticket:*"_s);
    bar.lineEdit()->clear();
    QCOMPARE(lastFilter(changed), QString());
}

void tst_FilterBar::typoGetsAHint()
{
    FilterBar bar;
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.setText(u"tema:T123NHFDRF"_s);
    // Still a valid filter (a type glob), applied; the bar says what was probably meant.
    QCOMPARE(lastFilter(changed), u"tema:T123NHFDRF"_s);
    QVERIFY(bar.errorText().isEmpty());
    QVERIFY2(bar.hintText().contains(u"did you mean 'team:'"_s), qPrintable(bar.hintText()));
    bar.setText(u"team:T123NHFDRF"_s);
    QVERIFY(bar.hintText().isEmpty());
    // An operator typo is an error, and the last good filter stays.
    bar.setText(u"payload.ticket.priorityName>>3"_s);
    QVERIFY2(bar.errorText().contains(u"'>>' is not an operator"_s), qPrintable(bar.errorText()));
    QCOMPARE(lastFilter(changed), u"team:T123NHFDRF"_s);
}

void tst_FilterBar::messagesDoNotMoveTheLayout()
{
    FilterBar bar;
    bar.resize(600, bar.sizeHint().height());
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    const int before = bar.sizeHint().height();
    bar.setText(u"ticket:* \"open"_s); // an error
    QVERIFY(!bar.errorText().isEmpty());
    QCOMPARE(bar.sizeHint().height(), before);
    bar.setText(u"tema:T1234"_s); // a hint
    QVERIFY(!bar.hintText().isEmpty());
    QCOMPARE(bar.sizeHint().height(), before);
    bar.setText(QString());
    QCOMPARE(bar.sizeHint().height(), before);
}

void tst_FilterBar::escapeClears()
{
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    bar.setText(u"ticket:*"_s);
    QCOMPARE(lastFilter(changed), u"ticket:*"_s);
    bar.lineEdit()->setFocus();
    QTest::keyClick(bar.lineEdit(), Qt::Key_Escape);
    QCOMPARE(bar.text(), QString());
    QCOMPARE(lastFilter(changed), QString());
}

// "?" opens the syntax in a window that stays (typing on, moving the mouse) until closed,
// with selectable text in which the operators read as written.
void tst_FilterBar::helpIsAWindowThatStays()
{
    QWidget window;
    window.resize(1024, 700);
    auto *bar = new FilterBar(&window);
    bar->setGeometry(0, 0, 1024, bar->sizeHint().height());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!bar->helpDialog());
    QTest::mouseClick(bar->helpButton(), Qt::LeftButton);
    QDialog *help = bar->helpDialog();
    QVERIFY(help);
    QVERIFY(QTest::qWaitForWindowExposed(help));
    QVERIFY(help->isVisible());
    QVERIFY(!help->isModal());
    QVERIFY(help->isWindow());
    // It fits a 1024x700 screen with room to spare.
    QVERIFY2(help->width() <= 1024 && help->height() <= 640,
             qPrintable(u"%1x%2"_s.arg(help->width()).arg(help->height())));
    auto *text = help->findChild<QTextBrowser *>();
    QVERIFY(text);
    QVERIFY(text->textInteractionFlags() & Qt::TextSelectableByMouse);
    const QString plain = text->toPlainText();
    QVERIFY2(plain.contains(u"=  !=  ~  >  <  >=  <="_s), qPrintable(plain));
    QVERIFY(plain.contains(u"payload.ticket.count>3"_s));
    QVERIFY(plain.contains(u"until:<date>"_s)); // a '<' in the prose too
    QVERIFY(plain.contains(u"received:"_s));
    QVERIFY(!plain.contains(u"&gt;"_s) && !plain.contains(u"&lt;"_s));
    // Everything is readable without scrolling sideways.
    QCOMPARE(text->horizontalScrollBar()->maximum(), 0);

    // Moving the mouse, typing in the bar and clicking "?" again: still there, one window.
    QTest::mouseMove(&window, QPoint(500, 400));
    QTest::keyClicks(bar->lineEdit(), u"ticket:*"_s);
    QTest::qWait(50);
    QVERIFY(help->isVisible());
    QTest::mouseClick(bar->helpButton(), Qt::LeftButton);
    QCOMPARE(bar->helpDialog(), help);
    QCOMPARE(window.findChildren<QDialog *>().size(), 1);
    // Closed by its button.
    help->close();
    QVERIFY(!help->isVisible());
}

void tst_FilterBar::progressShowsInTheBusyLabel()
{
    FilterBar bar;
    QLabel *busy = nullptr;
    for (QLabel *label : bar.findChildren<QLabel *>())
        if (label->accessibleName() == u"Filtering in progress"_s)
            busy = label;
    QVERIFY(busy);
    bar.setBusy(true);
    QVERIFY(bar.isBusy());
    bar.setProgress(35);
    QCOMPARE(busy->text(), u"Filtering… 35%"_s);
    bar.setProgress(140); // never more than 99 while it runs
    QCOMPARE(busy->text(), u"Filtering… 99%"_s);
    bar.setBusy(false);
    QVERIFY(!bar.isBusy());
    QCOMPARE(busy->text(), u"Filtering…"_s);
}

QTEST_MAIN(tst_FilterBar)
#include "tst_filterbar.moc"
