// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "core/alerts/alertengine.h"
#include "core/events/eventparser.h"
#include "core/store/eventstore.h"
#include "tests/support/alertfixture.h"
#include "tests/support/fixtures.h"
#include "ui/alerts/alertbanner.h"
#include "ui/alerts/alertnotifier.h"
#include "ui/alerts/alertrulesdialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;
using Hookscope::Testing::AlertFixture;

// The alert rules dialog's live validation and editing, and the notifier's banner fallback.
class tst_AlertRulesDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dialogValidatesLive();
    void dialogEditsRules();
    void messagesDoNotMoveTheLayout();
    void notifierFallsBackToBanner();

private:
    AlertFixture m_fixture;
};

void tst_AlertRulesDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_AlertRulesDialog::init()
{
    m_fixture.setUp();
}

void tst_AlertRulesDialog::cleanup()
{
    m_fixture.tearDown();
}

void tst_AlertRulesDialog::dialogValidatesLive()
{
    AlertRulesDialog dialog({ AlertFixture::rule(u"Urgent"_s, u"ticket:*"_s) });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.currentRule(), 0);
    QCOMPARE(dialog.filterEdit()->text(), u"ticket:*"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(dialog.filterError().isEmpty());

    // An unbalanced quote: the error with its column, OK disabled, the table says it too.
    dialog.filterEdit()->clear();
    QTest::keyClicks(dialog.filterEdit(), u"ticket:* \"urgent"_s);
    QVERIFY2(dialog.filterError().startsWith(u"Column 10:"_s), qPrintable(dialog.filterError()));
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(!dialog.isAcceptable());
    QCOMPARE(dialog.table()->item(0, AlertRulesDialog::StateColumn)->text(), dialog.filterError());

    QTest::keyClick(dialog.filterEdit(), Qt::Key_QuoteDbl);
    QVERIFY(dialog.filterError().isEmpty());
    QVERIFY(dialog.okButton()->isEnabled());

    // A new rule needs a filter before OK is possible.
    dialog.addRule();
    QCOMPARE(dialog.currentRule(), 1);
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY2(dialog.problem().contains(u"Needs a filter"_s), qPrintable(dialog.problem()));
    QTest::keyClicks(dialog.filterEdit(), u"payload.ticket.priorityName=Urgent"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(dialog.rules().at(1).filter, u"payload.ticket.priorityName=Urgent"_s);
}

// The filter's error and the rule's problem appear and go without moving what is below them.
void tst_AlertRulesDialog::messagesDoNotMoveTheLayout()
{
    AlertRulesDialog dialog({ AlertFixture::rule(u"Urgent"_s, u"ticket:*"_s) });
    dialog.resize(640, 480);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto where = [&dialog](QWidget *w) {
        return QRect(w->mapTo(&dialog, QPoint()), w->size());
    };
    const QRect enabled = where(dialog.enabledBox());
    const QRect ok = where(dialog.okButton());
    const QRect filter = where(dialog.filterEdit());
    QVERIFY(dialog.filterError().isEmpty());
    QVERIFY(dialog.problem().isEmpty());

    // A long error (it would wrap onto lines of its own).
    dialog.filterEdit()->clear();
    QTest::keyClicks(
            dialog.filterEdit(),
            u"ticket:* team:T123NHFDRF source:local status:ok actor:someone@example.com \"x"_s);
    QVERIFY(!dialog.filterError().isEmpty());
    QCoreApplication::processEvents();
    QCOMPARE(where(dialog.enabledBox()), enabled);
    QCOMPARE(where(dialog.okButton()), ok);
    QCOMPARE(where(dialog.filterEdit()), filter);

    QTest::keyClick(dialog.filterEdit(), Qt::Key_QuoteDbl);
    QVERIFY(dialog.filterError().isEmpty());
    QCoreApplication::processEvents();
    QCOMPARE(where(dialog.enabledBox()), enabled);
    QCOMPARE(where(dialog.okButton()), ok);

    // The rule's problem (no filter) below the form.
    dialog.filterEdit()->clear();
    QTest::keyClick(dialog.filterEdit(), Qt::Key_Backspace);
    dialog.addRule();
    QVERIFY(!dialog.problem().isEmpty());
    QCoreApplication::processEvents();
    QCOMPARE(where(dialog.enabledBox()), enabled);
    QCOMPARE(where(dialog.okButton()), ok);
}

void tst_AlertRulesDialog::dialogEditsRules()
{
    const AlertRule first = AlertFixture::rule(u"One"_s, u"ticket:*"_s);
    const AlertRule second = AlertFixture::rule(u"Two"_s, u"account:*"_s);
    AlertRulesDialog dialog({ first, second });
    QAbstractItemModelTester tester(dialog.table()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(dialog.table()->rowCount(), 2);

    dialog.setCurrentRule(1);
    QCOMPARE(dialog.nameEdit()->text(), u"Two"_s);
    dialog.nameEdit()->selectAll();
    QTest::keyClicks(dialog.nameEdit(), u"Accounts"_s);
    QCOMPARE(dialog.table()->item(1, AlertRulesDialog::NameColumn)->text(), u"Accounts"_s);
    dialog.enabledBox()->setChecked(false);
    QCOMPARE(dialog.table()->item(1, AlertRulesDialog::EnabledColumn)->checkState(), Qt::Unchecked);

    // The table's checkbox is the same setting.
    dialog.table()->item(0, AlertRulesDialog::EnabledColumn)->setCheckState(Qt::Unchecked);
    QCOMPARE(dialog.rules().at(0).enabled, false);

    QList<AlertRule> rules = dialog.rules();
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules.at(1).id, second.id);
    QCOMPARE(rules.at(1).name, u"Accounts"_s);
    QCOMPARE(rules.at(1).enabled, false);

    dialog.setCurrentRule(0);
    dialog.removeCurrentRule();
    rules = dialog.rules();
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules.first().id, second.id);
    QCOMPARE(dialog.currentRule(), 0);
    dialog.removeCurrentRule();
    QVERIFY(dialog.rules().isEmpty());
    QVERIFY(!dialog.nameEdit()->isEnabled());
    QVERIFY(dialog.okButton()->isEnabled()); // no rules is a valid answer
}

void tst_AlertRulesDialog::notifierFallsBackToBanner()
{
    QMainWindow window;
    window.setCentralWidget(new QWidget(&window));
    window.resize(800, 500);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    AlertNotifier notifier(&window);
    notifier.setEngine(m_fixture.engine.get());
    m_fixture.engine->setRules(
            { AlertFixture::rule(u"Urgent tickets"_s, u"payload.ticket.priorityName=Urgent"_s) });
    QSignalSpy activated(&notifier, &AlertNotifier::eventActivated);

    const QList<EventSummary> stored =
            m_fixture.storeFixtures({ u"platform-ticket-priority-changed.json"_s });
    // No system tray offscreen: the in-window banner shows it.
    QCOMPARE(notifier.lastChannel(), AlertNotifier::Channel::Banner);
    AlertBanner *banner = notifier.banner();
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->eventId(), stored.first().id);
    QCOMPARE(banner->title(), u"Alert: Urgent tickets"_s);
    QVERIFY2(banner->message().startsWith(u"ticket:priority:changed — "_s),
             qPrintable(banner->message()));
    QVERIFY(window.centralWidget()->rect().contains(banner->geometry()));

    QTest::mouseClick(banner, Qt::LeftButton, {}, QPoint(banner->width() / 2, 8));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toLongLong(), stored.first().id);
    QVERIFY(!banner->isVisible());

    QVERIFY(AlertNotifier::messageFor(stored.first(), 3).endsWith(u"\nand 3 more"_s));
}

QTEST_MAIN(tst_AlertRulesDialog)
#include "tst_alertrulesdialog.moc"
