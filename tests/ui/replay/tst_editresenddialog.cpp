// SPDX-License-Identifier: MIT
// Edit and resend: the dialog shows the stored request, lets every part be edited, blocks
// what cannot be sent and only warns about what can; from the main window, the edited
// request reaches a real HTTP target and the attempt is recorded on the original event.
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

#include "core/events/eventparser.h"
#include "core/http/httpserver.h"
#include "core/receiver/receiver.h"
#include "core/relay/forwarder.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "ui/events/eventtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/replay/editresenddialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

Event storedLike()
{
    Event e;
    e.summary.id = 7;
    e.summary.type = u"ticket:created"_s;
    e.method = u"POST"_s;
    e.contentType = u"application/json"_s;
    e.headers = { { "Content-Type", "application/json" }, { "X-Thena-Signature", "abc" } };
    e.body = Fixtures::read(u"platform-ticket-created.json"_s);
    return e;
}

QPushButton *sendButton(QDialog *dialog)
{
    for (QPushButton *b : dialog->findChildren<QPushButton *>())
        if (b->text().remove(u'&') == u"Send"_s)
            return b;
    return nullptr;
}

QPlainTextEdit *editorNamed(QDialog *dialog, const QString &name)
{
    for (QPlainTextEdit *e : dialog->findChildren<QPlainTextEdit *>())
        if (e->accessibleName() == name)
            return e;
    return nullptr;
}

} // namespace

class tst_EditResendDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTheStoredRequest();
    void blocksWhatCannotBeSentWarnsAboutTheRest();
    void editedRequestReachesTheTarget();
};

void tst_EditResendDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_editresenddialog"_s);
    QSettings().clear();
}

void tst_EditResendDialog::showsTheStoredRequest()
{
    const Event e = storedLike();
    EditResendDialog dialog(e, QUrl(u"http://127.0.0.1:9/hook"_s));
    QCOMPARE(dialog.findChild<QComboBox *>()->currentText(), u"POST"_s);
    QCOMPARE(dialog.findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly)->text(),
             u"http://127.0.0.1:9/hook"_s);
    QCOMPARE(editorNamed(&dialog, u"Headers"_s)->toPlainText(),
             u"Content-Type: application/json\nX-Thena-Signature: abc\n"_s);
    QCOMPARE(editorNamed(&dialog, u"Body"_s)->toPlainText().toUtf8(), e.body);
    QVERIFY(dialog.problem().isEmpty());
    // Unchanged, it is the stored request.
    const Event same = dialog.editedEvent();
    QCOMPARE(same.method, e.method);
    QCOMPARE(same.headers, e.headers);
    QCOMPARE(same.body, e.body);
    QCOMPARE(same.contentType, e.contentType);
    QVERIFY(dialog.windowTitle().contains(u"ticket:created"_s));
}

void tst_EditResendDialog::blocksWhatCannotBeSentWarnsAboutTheRest()
{
    EditResendDialog dialog(storedLike(), QUrl(u"http://127.0.0.1:9/hook"_s));
    QPlainTextEdit *headers = editorNamed(&dialog, u"Headers"_s);
    QPlainTextEdit *body = editorNamed(&dialog, u"Body"_s);
    auto *url = dialog.findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly);

    headers->setPlainText(u"Content-Type: application/json\nthis is not a header\n"_s);
    QVERIFY2(dialog.problem().contains(u"line 2"_s), qPrintable(dialog.problem()));
    QVERIFY(!sendButton(&dialog)->isEnabled());
    headers->setPlainText(u"Content-Type: application/json\nX-Edited: yes\n"_s);
    QVERIFY(dialog.problem().isEmpty());
    QVERIFY(sendButton(&dialog)->isEnabled());

    url->setText(u"ftp://example.com/"_s);
    QVERIFY(!dialog.problem().isEmpty());
    QVERIFY(!sendButton(&dialog)->isEnabled());
    url->setText(u"https://example.com/hooks"_s);
    QVERIFY(dialog.problem().isEmpty());

    // Broken JSON is a fair test: a warning, not a block.
    body->setPlainText(u"{\"broken\": "_s);
    QVERIFY(dialog.problem().isEmpty());
    QVERIFY(sendButton(&dialog)->isEnabled());
    bool warned = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        warned |= label->text().contains(u"not valid JSON"_s);
    QVERIFY(warned);

    const Event edited = dialog.editedEvent();
    QCOMPARE(edited.headers.size(), 2);
    QCOMPARE(edited.headers.at(1), qMakePair(QByteArray("X-Edited"), QByteArray("yes")));
    QCOMPARE(edited.body, QByteArray("{\"broken\": "));
    QCOMPARE(dialog.url(), QUrl(u"https://example.com/hooks"_s));
}

void tst_EditResendDialog::editedRequestReachesTheTarget()
{
    // A real HTTP target on loopback.
    Http::Server target({});
    QList<Http::Request> received;
    target.setHandler([&received](Http::Request &&request, Http::Reply reply) {
        received.append(request);
        reply.send(200, "{}");
    });
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));

    QTemporaryDir dir;
    EventStore store;
    QVERIFY(store.open(dir.path()));
    Event original = storedLike();
    original.summary = {};
    EventParser::parse(original.body, "application/json").applyTo(original);
    store.submit(original);
    store.flush();
    Forwarder forwarder(&store);
    MainWindow window(&store, nullptr, dir.path());
    window.setForwarder(&forwarder);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.table()->model()->rowCount(), 1);
    window.table()->setCurrentIndex(
            window.table()->model()->index(0, EventTableModel::SummaryColumn));

    const QString url = u"http://127.0.0.1:%1/edited"_s.arg(target.serverPort());
    QTimer::singleShot(0, this, [url] {
        auto *dialog = qobject_cast<EditResendDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->findChild<QComboBox *>()->setCurrentText(u"PUT"_s);
        dialog->findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly)->setText(url);
        editorNamed(dialog, u"Body"_s)->setPlainText(u"{\"edited\":true}"_s);
        sendButton(dialog)->click();
    });
    window.editAndResend();
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().method, QByteArray("PUT"));
    QCOMPARE(received.first().rawPath(), QByteArrayView("/edited"));
    QCOMPARE(received.first().body, QByteArray("{\"edited\":true}"));
    QCOMPARE(received.first().header("X-Thena-Signature"), QByteArray("abc"));
    QTRY_COMPARE(store.forwards(1).size(), 1);
    QCOMPARE(store.forwards(1).first().status, 200);
    QCOMPARE(store.event(1)->body, original.body); // the stored event is untouched
}

QTEST_MAIN(tst_EditResendDialog)
#include "tst_editresenddialog.moc"
