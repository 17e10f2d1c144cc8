// SPDX-License-Identifier: MIT
// The desktop application's wiring (DesktopApp), built as main() builds it: the command
// line wins over saved settings and keeps winning when Settings is applied (#15 item 2: a
// --port stays and the receiver is not restarted when only the theme changed), a delivery
// reaches the window through the real receiver, and shutdown closes the store cleanly.
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "app/commandline.h"
#include "app/desktopapp.h"
#include "core/common/sqlitefile.h"
#include "tests/support/fixtures.h"
#include "ui/mainwindow.h"
#include "ui/settings/appsettings.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class tst_DesktopApp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commandLinePortSurvivesSettings();
    void deliveryReachesTheWindowAndShutdownIsClean();
};

void tst_DesktopApp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_desktopapp"_s);
    QSettings().clear();
}

void tst_DesktopApp::commandLinePortSurvivesSettings()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    QVERIFY(port != 0);
    {
        // Saved settings say 8787 (the default): the command line says otherwise.
        QSettings s;
        AppSettings saved;
        saved.save(s);
    }
    const CommandLine cl = CommandLine::parse(
            { u"hookscope"_s, u"--port"_s, QString::number(port), u"--data-dir"_s, dir.path() });
    QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
    DesktopApp app(cl);
    QVERIFY2(app.start(), qPrintable(app.errorString()));
    QVERIFY(app.receiver()->isListening());
    QCOMPARE(app.receiver()->port(), port);

    // Settings → OK with only the theme changed: same port, no restart.
    QSignalSpy restarted(app.receiver(), &Receiver::listeningChanged);
    QSettings s;
    AppSettings chosen = AppSettings::load(s);
    chosen.theme = chosen.theme == ThemeMode::Dark ? ThemeMode::Light : ThemeMode::Dark;
    app.applySettings(chosen, QString(), false);
    QCOMPARE(app.receiver()->port(), port);
    QCOMPARE(restarted.size(), 0);
    QCOMPARE(AppSettings::load(s).theme, chosen.theme); // saved

    // A receiver setting the command line does not cover does restart it, still on --port.
    chosen.ratePerClient = chosen.ratePerClient + 1;
    app.applySettings(chosen, QString(), false);
    QCOMPARE(app.receiver()->config().ratePerClient, chosen.ratePerClient);
    QVERIFY(restarted.size() >= 1);
    QCOMPARE(app.receiver()->port(), port);
    QSettings().clear();
}

void tst_DesktopApp::deliveryReachesTheWindowAndShutdownIsClean()
{
    QTemporaryDir dir;
    const CommandLine cl = CommandLine::parse(
            { u"hookscope"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dir.path() });
    DesktopApp app(cl);
    QVERIFY2(app.start(), qPrintable(app.errorString()));
    QVERIFY(app.window() && app.window()->isVisible());

    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(app.receiver()->webhookUrl()));
    request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = nam.post(request, Fixtures::read(u"platform-ticket-created.json"_s));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete reply;
    QTRY_COMPARE(app.window()->table()->model()->rowCount(), 1);

    app.shutdown();
    QVERIFY(!app.receiver()->isListening());
    QVERIFY(!app.store()->isOpen());
    // Closed cleanly: the clean-close stamp is written, and no WAL is left behind.
    const QString db = dir.filePath(EventStore::databaseFileName());
    QVERIFY(QFile::exists(SqliteFile::cleanStampPath(db)));
    QVERIFY(!QFile::exists(db + u"-wal"_s));
}

QTEST_MAIN(tst_DesktopApp)
#include "tst_desktopapp.moc"
