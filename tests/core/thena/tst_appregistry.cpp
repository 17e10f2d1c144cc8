// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/thena/appregistry.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// apps.json: the list behind the Apps dialog and `hookscope thena`, in a real data directory.
class tst_AppRegistry final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void missingFileIsEmpty();
    void createInstallUninstallRoundTrip();
    void installOfUnknownAppAddsIt();
    void unreadableFilesAreKept_data();
    void unreadableFilesAreKept();
    void createsTheDataDirectory();
};

void tst_AppRegistry::missingFileIsEmpty()
{
    QTemporaryDir dir;
    AppRegistry registry(dir.path());
    QCOMPARE(registry.filePath(), QDir(dir.path()).filePath(u"apps.json"_s));
    QVERIFY(registry.load());
    QVERIFY(registry.apps().isEmpty());
    QVERIFY(!registry.find(u"A1"_s));
    QVERIFY(!QFile::exists(registry.filePath())); // loading writes nothing
}

void tst_AppRegistry::createInstallUninstallRoundTrip()
{
    QTemporaryDir dir;
    const QDateTime created =
            QDateTime::fromString(u"2026-11-20T08:59:00.000Z"_s, Qt::ISODateWithMs);
    {
        AppRegistry registry(dir.path());
        QVERIFY(registry.load());
        registry.recordCreated({ u"APP1"_s,
                                 u"Hookscope monitor"_s,
                                 u"hookscope-monitor"_s,
                                 u"cli_1"_s,
                                 {},
                                 created,
                                 {} });
        registry.recordCreated({ u"APP2"_s, u"Second"_s, u"second"_s, {}, {}, {}, {} });
        registry.recordInstalled(u"APP1"_s, { u"T123NHFDRF"_s, u"T456QWERTY"_s },
                                 u"Hookscope monitor"_s);
        registry.recordInstalled(u"APP1"_s, { u"T456QWERTY"_s }); // already there: no duplicate
        // An update keeps what it does not say.
        registry.recordCreated({ u"APP1"_s, {}, u"hookscope-monitor-2"_s, {}, {}, {}, {} });
        QVERIFY2(registry.save(), qPrintable(registry.errorString()));
    }
    AppRegistry registry(dir.path());
    QVERIFY(registry.load());
    QCOMPARE(registry.apps().size(), 2);
    const RegisteredApp app = *registry.find(u"APP1"_s);
    QCOMPARE(app.name, u"Hookscope monitor"_s);
    QCOMPARE(app.slug, u"hookscope-monitor-2"_s);
    QCOMPARE(app.clientId, u"cli_1"_s);
    QCOMPARE(app.teams, (QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    QCOMPARE(app.createdAt, created);
    QVERIFY(app.updatedAt.isValid());
    QVERIFY(registry.find(u"APP2"_s)->createdAt.isValid()); // "now" when not given

    registry.recordUninstalled(u"APP1"_s, { u"T123NHFDRF"_s });
    registry.recordUninstalled(u"NOPE"_s, { u"T123NHFDRF"_s }); // unknown app: nothing to do
    QVERIFY(registry.remove(u"APP2"_s));
    QVERIFY(!registry.remove(u"APP2"_s));
    QVERIFY(registry.save());

    QFile file(registry.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(json.value(u"version"_s).toInt(), 1);
    const QJsonArray apps = json.value(u"apps"_s).toArray();
    QCOMPARE(apps.size(), 1);
    QCOMPARE(apps.first().toObject().value(u"teams"_s).toArray(), QJsonArray{ u"T456QWERTY"_s });
    QCOMPARE(apps.first().toObject().value(u"createdAt"_s).toString(),
             u"2026-11-20T08:59:00.000Z"_s);
}

void tst_AppRegistry::installOfUnknownAppAddsIt()
{
    QTemporaryDir dir;
    AppRegistry registry(dir.path());
    QVERIFY(registry.load());
    registry.recordInstalled(u"ELSEWHERE1"_s, { u"T123NHFDRF"_s }, u"Made in the dashboard"_s);
    registry.recordInstalled({}, { u"T123NHFDRF"_s }); // no ID: ignored
    QCOMPARE(registry.apps().size(), 1);
    QCOMPARE(registry.apps().first().name, u"Made in the dashboard"_s);
    QVERIFY(!registry.apps().first().createdAt.isValid()); // not created by Hookscope
    QVERIFY(registry.save());
    AppRegistry again(dir.path());
    QVERIFY(again.load());
    QCOMPARE(again.apps().first().teams, QStringList{ u"T123NHFDRF"_s });
    QVERIFY(!again.apps().first().createdAt.isValid());
}

void tst_AppRegistry::unreadableFilesAreKept_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addRow("not JSON") << QByteArray("{\"apps\": [") << u"is damaged"_s;
    QTest::addRow("not an object") << QByteArray("[]") << u"is damaged"_s;
    QTest::addRow("newer format") << QByteArray(R"({"version": 2, "apps": []})")
                                  << u"newer Hookscope"_s;
}

void tst_AppRegistry::unreadableFilesAreKept()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    AppRegistry registry(dir.path());
    QFile file(registry.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    QVERIFY(!registry.load());
    QVERIFY2(registry.errorString().contains(message), qPrintable(registry.errorString()));
    registry.recordCreated({ u"APP1"_s, u"x"_s, u"x"_s, {}, {}, {}, {} });
    QVERIFY(!registry.save()); // never over a file we could not read
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
}

void tst_AppRegistry::createsTheDataDirectory()
{
    QTemporaryDir dir;
    const QString nested = QDir(dir.path()).filePath(u"a/b/c"_s);
    AppRegistry registry(nested);
    QVERIFY(registry.load());
    registry.recordCreated({ u"APP1"_s, u"x"_s, u"x"_s, {}, {}, {}, {} });
    QVERIFY2(registry.save(), qPrintable(registry.errorString()));
    QVERIFY(QFile::exists(QDir(nested).filePath(u"apps.json"_s)));
}

QTEST_GUILESS_MAIN(tst_AppRegistry)
#include "tst_appregistry.moc"
