// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "core/export/csvwriter.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using Hookscope::CsvWriter;

// The `hookscope` executable as a user runs it: real processes, real sockets, real files.
class tst_Cli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp();
    void helpPerCommand_data();
    void helpPerCommand();
    void usageErrorsExitWithTwo_data();
    void usageErrorsExitWithTwo();
    void listenStoresAndExportFiltersAcrossKill9();
    void listenStopsCleanlyOnSigterm();
    void everyCommandUsesTheSameDefaultDataDir();
    void exportOfMissingStoreFails();
    void relayNewAndListenFromRelay();

private:
    static quint16 freePort();
    bool startListen(QProcess &process, const QString &dataDir, quint16 port);
    int post(quint16 port, const QByteArray &body);
    QByteArray runExport(const QStringList &args, int *exitCode);

    QNetworkAccessManager m_nam;
};

quint16 tst_Cli::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool tst_Cli::startListen(QProcess &process, const QString &dataDir, quint16 port)
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(HOOKSCOPE_EXE),
                  { u"listen"_s, u"--data-dir"_s, dataDir, u"--port"_s, QString::number(port) });
    if (!process.waitForStarted(10000))
        return false;
    // Ready once it says where it listens.
    QByteArray err;
    for (int i = 0; i < 100 && !err.contains("Listening on"); ++i) {
        QTest::qWait(100);
        err += process.readAllStandardError();
        if (process.state() != QProcess::Running)
            return false;
    }
    return err.contains("Listening on");
}

int tst_Cli::post(quint16 port, const QByteArray &body)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/"_s.arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

QByteArray tst_Cli::runExport(const QStringList &args, int *exitCode)
{
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_EXE), QStringList{ u"export"_s } + args);
    process.waitForFinished(30000);
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

void tst_Cli::versionAndHelp()
{
    QProcess p;
    p.start(QStringLiteral(HOOKSCOPE_EXE), { u"--version"_s });
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().startsWith("hookscope "));
    p.start(QStringLiteral(HOOKSCOPE_EXE), { u"--help"_s });
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray help = p.readAllStandardOutput();
    QVERIFY(help.contains("listen"));
    QVERIFY(help.contains("--data-dir"));
}

void tst_Cli::helpPerCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("usage");
    QTest::addColumn<QByteArrayList>("has");
    QTest::addColumn<QByteArrayList>("hasNot");
    QTest::addRow("no command") << QStringList{ u"--help"_s }
                                << QByteArray("Usage: hookscope [options]")
                                << QByteArrayList{ "--port", "--forward-to", "\n  export ",
                                                   "\n  relay new " }
                                << QByteArrayList{ "--columns", "--bom", "--json", "--server" };
    QTest::addRow("export") << QStringList{ u"export"_s, u"--help"_s }
                            << QByteArray("Usage: hookscope export [options]")
                            << QByteArrayList{ "--format", "--columns", "--bom", "--output" }
                            << QByteArrayList{ "--port", "--json", "--forward-to", "--server" };
    QTest::addRow("listen") << QStringList{ u"listen"_s, u"--help"_s }
                            << QByteArray("Usage: hookscope listen [options]")
                            << QByteArrayList{ "--port", "--json", "--no-receiver", "--forward-to" }
                            << QByteArrayList{ "--columns", "--bom", "--server" };
    QTest::addRow("relay new") << QStringList{ u"relay"_s, u"new"_s, u"--help"_s }
                               << QByteArray("Usage: hookscope relay new [options]")
                               << QByteArrayList{ "--server" }
                               << QByteArrayList{ "--port", "--columns", "--json" };
}

void tst_Cli::helpPerCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, usage);
    QFETCH(QByteArrayList, has);
    QFETCH(QByteArrayList, hasNot);
    QProcess p;
    p.start(QStringLiteral(HOOKSCOPE_EXE), args);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray help = p.readAllStandardOutput();
    QVERIFY2(help.startsWith(QByteArray(usage + '\n')), help.constData());
    QVERIFY2(!help.contains("executable_name"), help.constData());
    for (const QByteArray &text : has)
        QVERIFY2(help.contains(text), QByteArray(text + " missing from:\n" + help).constData());
    for (const QByteArray &text : hasNot)
        QVERIFY2(!help.contains(text), QByteArray(text + " unexpected in:\n" + help).constData());
}

void tst_Cli::usageErrorsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("unknown command")
            << QStringList{ u"frobnicate"_s } << QByteArray("Unknown command");
    QTest::addRow("bad port") << QStringList{ u"listen"_s, u"--port"_s, u"99999"_s }
                              << QByteArray("--port");
    QTest::addRow("remote bind without flag")
            << QStringList{ u"listen"_s, u"--bind"_s, u"0.0.0.0"_s }
            << QByteArray("--allow-remote");
    QTest::addRow("export without output") << QStringList{ u"export"_s } << QByteArray("-o FILE");
    QTest::addRow("bad format") << QStringList{ u"export"_s, u"--format"_s, u"xml"_s, u"-o"_s,
                                                u"-"_s }
                                << QByteArray("csv, jsonl or har");
    QTest::addRow("bad filter") << QStringList{ u"export"_s, u"--filter"_s, u"ticket:* \"open"_s,
                                                u"-o"_s, u"-"_s }
                                << QByteArray("column 10");
}

void tst_Cli::usageErrorsExitWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    QTemporaryDir dir;
    QProcess p;
    p.start(QStringLiteral(HOOKSCOPE_EXE), args + QStringList{ u"--data-dir"_s, dir.path() });
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains(message), err.constData());
}

void tst_Cli::listenStoresAndExportFiltersAcrossKill9()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    QProcess listen;
    QVERIFY(startListen(listen, dir.path(), port));

    const QStringList fixtures = Fixtures::eventFixtures();
    QStringList ticketIds;
    for (const QString &f : fixtures) {
        QCOMPARE(post(port, Fixtures::read(f)), 200);
        if (f.startsWith(u"platform-ticket"_s))
            ticketIds.append(f);
    }
    // The acknowledged events are in the store while listen keeps running...
    int code = -1;
    QByteArray csv = runExport({ u"--data-dir"_s, dir.path(), u"--format"_s, u"csv"_s,
                                 u"--filter"_s, u"ticket:*"_s, u"-o"_s, u"-"_s },
                               &code);
    QCOMPARE(code, 0);
    QList<QStringList> rows = CsvWriter::parse(csv);
    QCOMPARE(rows.size(), 1 + ticketIds.size());
    QCOMPARE(
            rows.at(0).join(u','),
            u"id,received_at,occurred_at,type,event_id,team,actor,entity,summary,source,status,size"_s);
    QStringList types;
    for (qsizetype i = 1; i < rows.size(); ++i)
        types.append(rows.at(i).at(3));
    types.sort();
    QCOMPARE(types,
             (QStringList{ u"ticket:comment:created"_s, u"ticket:created"_s,
                           u"ticket:priority:changed"_s }));

    // ... and survive a kill -9 right after their 2xx.
    QCOMPARE(post(port, Fixtures::read(u"platform-account-updated.json"_s)), 200);
    listen.kill();
    QVERIFY(listen.waitForFinished(10000));

    QProcess again;
    QVERIFY(startListen(again, dir.path(), port));
    QCOMPARE(post(port, Fixtures::read(u"legacy-request-created.json"_s)), 200);
    csv = runExport({ u"--data-dir"_s, dir.path(), u"--format"_s, u"csv"_s, u"-o"_s, u"-"_s },
                    &code);
    QCOMPARE(code, 0);
    rows = CsvWriter::parse(csv);
    QCOMPARE(rows.size(), 1 + fixtures.size() + 2);
    // Ids are unique and in order: nothing lost, nothing twice.
    for (qsizetype i = 1; i < rows.size(); ++i)
        QCOMPARE(rows.at(i).at(0).toLongLong(), qint64(i));

    const QByteArray jsonl =
            runExport({ u"--data-dir"_s, dir.path(), u"--format"_s, u"jsonl"_s, u"--columns"_s,
                        u"id,type,payload.ticket.priorityName"_s, u"--filter"_s,
                        u"payload.ticket.priorityName=Urgent"_s, u"-o"_s, u"-"_s },
                      &code);
    QCOMPARE(code, 0);
    QCOMPARE(jsonl.count('\n'), 1);
    QVERIFY2(jsonl.contains("\"payload.ticket.priorityName\":\"Urgent\""), jsonl.constData());
    again.kill();
    again.waitForFinished(10000);
}

void tst_Cli::listenStopsCleanlyOnSigterm()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    QProcess listen;
    QVERIFY(startListen(listen, dir.path(), port));
    QCOMPARE(post(port, Fixtures::read(u"platform-ticket-created.json"_s)), 200);
    QByteArray out;
    QTRY_VERIFY((out += listen.readAllStandardOutput()).contains("ticket:created"));
    listen.terminate();
    QVERIFY(listen.waitForFinished(10000));
    QCOMPARE(listen.exitStatus(), QProcess::NormalExit);
    QCOMPARE(listen.exitCode(), 0);
    QVERIFY(listen.readAllStandardError().contains("1 events stored"));
}

// Without --data-dir or HOOKSCOPE_DATA_DIR, `import`, `export` and `listen` use one
// directory (~/.local/share/hookscope): `import` used to fill a store under
// Hookscope/hookscope that the app and `export` never read.
void tst_Cli::everyCommandUsesTheSameDefaultDataDir()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"HOOKSCOPE_DATA_DIR"_s);
    env.remove(u"XDG_DATA_HOME"_s);
    env.insert(u"HOME"_s, home.path());
    const QString jsonl = home.filePath(u"events.jsonl"_s);
    {
        QFile f(jsonl);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
        QJsonObject line{ { u"type"_s, u"ticket:created"_s },
                          { u"body"_s, QString::fromUtf8(body) } };
        f.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    }
    QProcess import;
    import.setProcessEnvironment(env);
    import.start(QStringLiteral(HOOKSCOPE_EXE), { u"import"_s, jsonl });
    QVERIFY(import.waitForFinished(30000));
    QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());
    QVERIFY(QFile::exists(home.filePath(u".local/share/hookscope/events.db"_s)));
    QVERIFY(!QDir(home.filePath(u".local/share/Hookscope"_s)).exists());

    QProcess exporter;
    exporter.setProcessEnvironment(env);
    exporter.start(QStringLiteral(HOOKSCOPE_EXE),
                   { u"export"_s, u"--format"_s, u"jsonl"_s, u"-o"_s, u"-"_s });
    QVERIFY(exporter.waitForFinished(30000));
    QCOMPARE(exporter.exitCode(), 0);
    QVERIFY(exporter.readAllStandardOutput().contains("ticket:created"));
}

void tst_Cli::exportOfMissingStoreFails()
{
    QTemporaryDir dir;
    QProcess p;
    p.start(QStringLiteral(HOOKSCOPE_EXE),
            { u"export"_s, u"--data-dir"_s, dir.filePath(u"nothing"_s), u"-o"_s, u"-"_s });
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("No event database"));
}

void tst_Cli::relayNewAndListenFromRelay()
{
    // A hookscope-relay process, a channel made with `hookscope relay new`, an event posted
    // while nobody listens, then `hookscope listen --relay` (no local receiver) gets it.
    QTemporaryDir dir;
    const quint16 relayPort = freePort();
    QProcess relay;
    relay.start(
            QStringLiteral(HOOKSCOPE_RELAY_EXE),
            { u"--port"_s, QString::number(relayPort), u"--data-dir"_s, dir.filePath(u"relay"_s) });
    QVERIFY(relay.waitForStarted(10000));
    QProcess newChannel;
    QByteArray urls;
    for (int attempt = 0; attempt < 50 && !urls.contains("ingest URL"); ++attempt) {
        newChannel.start(
                QStringLiteral(HOOKSCOPE_EXE),
                { u"relay"_s, u"new"_s, u"--server"_s, u"http://127.0.0.1:%1"_s.arg(relayPort) });
        QVERIFY(newChannel.waitForFinished(10000));
        urls = newChannel.readAllStandardOutput();
        if (!urls.contains("ingest URL"))
            QTest::qWait(100); // the relay is still starting
    }
    QCOMPARE(newChannel.exitCode(), 0);
    QString readUrl, ingestUrl;
    for (const QByteArray &line : urls.split('\n')) {
        const QString text = QString::fromUtf8(line);
        if (text.startsWith(u"read URL"_s))
            readUrl = text.section(u' ', -1);
        else if (text.startsWith(u"ingest URL"_s))
            ingestUrl = text.section(u' ', -1);
    }
    QVERIFY2(readUrl.contains(u"token="_s), qPrintable(readUrl));
    QVERIFY(!ingestUrl.contains(u"token="_s));

    QNetworkRequest request{ QUrl(ingestUrl) };
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_nam.post(request, Fixtures::read(u"platform-ticket-created.json"_s));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    QProcess listen;
    listen.start(QStringLiteral(HOOKSCOPE_EXE),
                 { u"listen"_s, u"--data-dir"_s, dir.filePath(u"app"_s), u"--no-receiver"_s,
                   u"--relay"_s, readUrl });
    QVERIFY(listen.waitForStarted(10000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += listen.readAllStandardOutput()).contains("ticket:created"),
                             15000);
    listen.terminate();
    QVERIFY(listen.waitForFinished(10000));
    QCOMPARE(listen.exitCode(), 0);
    int code = -1;
    const QList<QStringList> rows = CsvWriter::parse(runExport(
            { u"--data-dir"_s, dir.filePath(u"app"_s), u"--format"_s, u"csv"_s, u"-o"_s, u"-"_s },
            &code));
    QCOMPARE(code, 0);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).at(3), u"ticket:created"_s);
    QCOMPARE(rows.at(1).at(9), u"relay"_s);
    relay.terminate();
    relay.waitForFinished(10000);
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
