// SPDX-License-Identifier: MIT
// Response mode from the GUI: the dialog builds the mode (and refuses what the receiver
// would), and the main window shows it in the status bar while it is on, over a real
// receiver socket, until the deliveries it was set for have used it up.
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>

#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "ui/inspector/inspectorwidget.h"
#include "ui/mainwindow.h"
#include "ui/receiver/responsemodedialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

QPushButton *buttonNamed(QDialog *dialog, const QString &text)
{
    for (QPushButton *b : dialog->findChildren<QPushButton *>())
        if (b->text().remove(u'&') == text)
            return b;
    return nullptr;
}

} // namespace

class tst_ResponseMode final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dialogBuildsTheMode();
    void dialogRefusesWhatCannotWork();
    void statusBarShowsTheModeUntilUsedUp();

private:
    int post();

    QNetworkAccessManager m_nam;
    quint16 m_port = 0;
};

void tst_ResponseMode::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_responsemode"_s);
    QSettings().clear();
}

int tst_ResponseMode::post()
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/"_s.arg(m_port)));
    request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = m_nam.post(request, Fixtures::read(u"platform-ticket-created.json"_s));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

void tst_ResponseMode::dialogBuildsTheMode()
{
    ResponseModeDialog dialog(std::nullopt);
    auto *status = dialog.findChild<QComboBox *>();
    const QList<QSpinBox *> spins = dialog.findChildren<QSpinBox *>();
    auto *filter = dialog.findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(status && spins.size() == 2 && filter);
    status->setCurrentIndex(status->findData(429));
    spins.at(0)->setValue(1500); // delay
    spins.at(1)->setValue(3); // count
    QTest::keyClicks(filter, u"ticket:*"_s);
    const ResponseMode m = dialog.mode();
    QCOMPARE(m.action, ResponseMode::Action::Status);
    QCOMPARE(m.status, 429);
    QCOMPARE(m.delayMs, 1500);
    QCOMPARE(m.count, 3);
    QCOMPARE(m.filter, u"ticket:*"_s);
    QVERIFY(dialog.problem().isEmpty());
    QVERIFY(buttonNamed(&dialog, u"Start"_s)->isEnabled());
    QVERIFY(!buttonNamed(&dialog, u"Switch off"_s)); // nothing to switch off

    // A typed status that is not in the list.
    status->setCurrentText(u"418"_s);
    QCOMPARE(dialog.mode().status, 418);
    // Drop: the status does not apply.
    dialog.findChildren<QRadioButton *>().at(1)->setChecked(true);
    QCOMPARE(dialog.mode().action, ResponseMode::Action::Drop);
    QVERIFY(!status->isEnabled());

    // Opened on a mode that is on: its values, and a way to switch it off.
    ResponseModeDialog again(m);
    QCOMPARE(again.mode(), m);
    QVERIFY(buttonNamed(&again, u"Switch off"_s));
}

void tst_ResponseMode::dialogRefusesWhatCannotWork()
{
    ResponseModeDialog dialog(std::nullopt);
    auto *filter = dialog.findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly);
    QTest::keyClicks(filter, u"type:(("_s);
    QVERIFY(!dialog.problem().isEmpty());
    QVERIFY(!buttonNamed(&dialog, u"Start"_s)->isEnabled());
    filter->clear();
    QVERIFY(dialog.problem().isEmpty());
    dialog.findChild<QComboBox *>()->setCurrentText(u"42"_s);
    QVERIFY(dialog.problem().contains(u"100 to 599"_s));
    QVERIFY(!buttonNamed(&dialog, u"Start"_s)->isEnabled());
}

void tst_ResponseMode::statusBarShowsTheModeUntilUsedUp()
{
    QTemporaryDir dir;
    EventStore store;
    QVERIFY(store.open(dir.path()));
    Receiver receiver(&store);
    ReceiverConfig config;
    config.port = 0;
    receiver.setConfig(config);
    QVERIFY2(receiver.start(), qPrintable(receiver.errorString()));
    m_port = receiver.port();
    MainWindow window(&store, &receiver, dir.path());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *button = window.findChild<QToolButton *>(u"responseModeButton"_s);
    QVERIFY(button);
    QVERIFY(!button->isVisible());

    // Through the menu's dialog, as a user would: 503 for the next two deliveries.
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<ResponseModeDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->findChildren<QSpinBox *>().at(1)->setValue(2);
        buttonNamed(dialog, u"Start"_s)->click();
    });
    window.configureResponseMode();
    QVERIFY(receiver.responseMode().has_value());
    QTRY_VERIFY(button->isVisible());
    QCOMPARE(button->text(), u"Response mode: 503 to the next 2 deliveries"_s);

    QCOMPARE(post(), 503);
    QTRY_COMPARE(button->text(), u"Response mode: 503 to the next delivery"_s);
    QCOMPARE(post(), 503);
    QTRY_VERIFY(!button->isVisible()); // used up: the receiver answers as usual again
    QCOMPARE(post(), 200);
    QTRY_COMPARE(store.count(), 3);

    // The inspector's Response tab says what each was answered, and why.
    InspectorWidget *inspector = window.inspector();
    QTRY_COMPARE(window.table()->model()->rowCount(), 3);
    QTRY_VERIFY(store.answer(3).has_value());
    inspector->showEvent(1);
    inspector->tabs()->setCurrentIndex(InspectorWidget::ResponseTab);
    QVERIFY2(inspector->responseSummary().contains(u"503 Service Unavailable"_s),
             qPrintable(inspector->responseSummary()));
    QVERIFY(inspector->responseSummary().contains(u"response mode"_s));
    QVERIFY(inspector->responseBody().contains(u"on purpose"_s));
    inspector->showEvent(3);
    QVERIFY2(inspector->responseSummary().contains(u"200 OK"_s),
             qPrintable(inspector->responseSummary()));
    QVERIFY(!inspector->responseSummary().contains(u"response mode"_s));
    QCOMPARE(inspector->responseBody(), u"{\"id\":3,\"ok\":true}"_s);
    bool headersSayIt = false;
    QTableWidget *headers = inspector->headersTable();
    for (int r = 0; r < headers->rowCount(); ++r)
        headersSayIt |= headers->item(r, 0)->text() == u"Answered"_s
                && headers->item(r, 1)->text().startsWith(u"200 OK"_s);
    QVERIFY(headersSayIt);
}

QTEST_MAIN(tst_ResponseMode)
#include "tst_responsemode.moc"
