// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "fakethenaserver.h"
#include "fixtures.h"

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QByteArray all() const { return out + err; }
};

} // namespace

// `hookscope thena …` as a user runs it: the real executable against a fake Thena on loopback.
class tst_ThenaCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void help();
    void usageErrors_data();
    void usageErrors();
    void missingKey();
    void teams();
    void teamsJson();
    void keyRejected();
    void createApp();
    void createAppFromCreateBodyOnStdin();
    void createAppServerErrors_data();
    void createAppServerErrors();
    void installReinstallUninstall();
    void printCurlSendsNothing_data();
    void printCurlSendsNothing();
    void timeout();

private:
    Run thena(const QStringList &args, const QByteArray &stdinData = {}, const QProcessEnvironment &extra = {});
    QString writeFile(const QString &name, const QByteArray &content);
    QJsonObject appsJson() const;

    std::unique_ptr<FakeThenaServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ThenaCli::init()
{
    m_server = std::make_unique<FakeThenaServer>();
    QVERIFY(m_server->listen());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_ThenaCli::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

Run tst_ThenaCli::thena(const QStringList &args, const QByteArray &stdinData, const QProcessEnvironment &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOOKSCOPE_THENA_APPS_URL"_s, m_server->url().toString());
    env.insert(u"HOOKSCOPE_THENA_PLATFORM_URL"_s, m_server->url().toString());
    env.insert(u"HOOKSCOPE_API_KEY"_s, FakeThenaServer::DefaultApiKey);
    env.insert(u"HOOKSCOPE_NO_KEYCHAIN"_s, u"1"_s);
    env.insert(u"HOOKSCOPE_DATA_DIR"_s, m_dir->path());
    const QStringList extraKeys = extra.keys();
    for (const QString &key : extraKeys) {
        if (extra.value(key) == "<unset>"_L1)
            env.remove(key);
        else
            env.insert(key, extra.value(key));
    }

    // Not waitForFinished(): this thread's event loop serves the fake while the process runs.
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HOOKSCOPE_EXE), QStringList { u"thena"_s } + args);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    // Whatever happened, the key is never printed.
    if (run.all().contains(FakeThenaServer::DefaultApiKey.data()))
        qFatal("the API key was printed: %s", run.all().constData());
    return run;
}

QString tst_ThenaCli::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = QDir(m_dir->path()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QJsonObject tst_ThenaCli::appsJson() const
{
    QFile file(QDir(m_dir->path()).filePath(u"apps.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void tst_ThenaCli::help()
{
    const Run run = thena({ u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("Usage: hookscope thena <command> [options]"));
    for (const char *word : { "teams", "create-app", "install", "uninstall", "--print-curl", "--json", "--team",
             "--reinstall", "HOOKSCOPE_API_KEY" })
        QVERIFY2(run.out.contains(word), word);
}

void tst_ThenaCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");

    QTest::addRow("no command") << QStringList() << QByteArray("Missing command");
    QTest::addRow("unknown command") << QStringList { u"apps"_s } << QByteArray("Unknown thena command 'apps'");
    QTest::addRow("unknown option") << QStringList { u"teams"_s, u"--frobnicate"_s } << QByteArray("frobnicate");
    QTest::addRow("two commands") << QStringList { u"teams"_s, u"install"_s } << QByteArray("Too many arguments");
    QTest::addRow("create without manifest") << QStringList { u"create-app"_s } << QByteArray("--manifest FILE");
    QTest::addRow("missing manifest file") << QStringList { u"create-app"_s, u"--manifest"_s, u"/nonexistent/m.json"_s }
                                           << QByteArray("cannot read /nonexistent/m.json");
    QTest::addRow("install without app") << QStringList { u"install"_s, u"--team"_s, u"T123NHFDRF"_s }
                                         << QByteArray("install needs --app ID");
    QTest::addRow("install without team")
        << QStringList { u"install"_s, u"--app"_s, u"A1"_s } << QByteArray("install needs --team");
    QTest::addRow("bad team") << QStringList { u"install"_s, u"--app"_s, u"A1"_s, u"--team"_s, u"T123NHFDRF,oops"_s }
                              << QByteArray("--team 'oops': not a team ID");
    QTest::addRow("lower-case team") << QStringList { u"uninstall"_s, u"--app"_s, u"A1"_s, u"--team"_s,
        u"t123nhfdrf"_s } << QByteArray("upper-case");
    QTest::addRow("reinstall on uninstall") << QStringList { u"uninstall"_s, u"--app"_s, u"A1"_s, u"--team"_s,
        u"T123NHFDRF"_s, u"--reinstall"_s } << QByteArray("--reinstall does not apply to 'uninstall'");
    QTest::addRow("manifest on teams") << QStringList { u"teams"_s, u"--manifest"_s, u"m.json"_s }
                                       << QByteArray("--manifest does not apply to 'teams'");
    QTest::addRow("bad timeout") << QStringList { u"teams"_s, u"--timeout"_s, u"soon"_s } << QByteArray("--timeout");
}

void tst_ThenaCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const Run run = thena(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY(m_server->requests().isEmpty());
}

void tst_ThenaCli::missingKey()
{
    QProcessEnvironment env;
    env.insert(u"HOOKSCOPE_API_KEY"_s, u"<unset>"_s);
    const Run run = thena({ u"teams"_s }, {}, env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("No API key: set HOOKSCOPE_API_KEY"), run.err.constData());
    QVERIFY2(
        run.err.contains("No keychain service is running (disabled by HOOKSCOPE_NO_KEYCHAIN=1)"), run.err.constData());
    QVERIFY(m_server->requests().isEmpty());
}

void tst_ThenaCli::teams()
{
    const Run run = thena({ u"teams"_s });
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith("TEAM ID"));
    QVERIFY(lines.at(1).startsWith("T123NHFDRF"));
    QVERIFY(lines.at(1).contains("EMEA"));
    QVERIFY(lines.at(1).endsWith("Support EMEA"));
    QVERIFY(lines.at(2).startsWith("T456QWERTY"));

    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().first().path, u"/v1/teams"_s);
    QCOMPARE(m_server->requests().first().header("x-api-key"), QByteArray(FakeThenaServer::DefaultApiKey.data()));
}

void tst_ThenaCli::teamsJson()
{
    const Run run = thena({ u"teams"_s, u"--json"_s });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = run.json();
    QCOMPARE(o.value(u"ok"_s).toBool(), true);
    const QJsonArray teams = o.value(u"teams"_s).toArray();
    QCOMPARE(teams.size(), 2);
    QCOMPARE(teams.at(0).toObject().value(u"teamId"_s).toString(), u"T123NHFDRF"_s);
    QCOMPARE(teams.at(1).toObject().value(u"identifier"_s).toString(), u"AMER"_s);
    QVERIFY(teams.at(0).toObject().value(u"parentTeamId"_s).isNull());
}

void tst_ThenaCli::keyRejected()
{
    QProcessEnvironment env;
    env.insert(u"HOOKSCOPE_API_KEY"_s, u"wrong-key"_s);
    const Run run = thena({ u"teams"_s }, {}, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("hookscope: API key rejected (401): Invalid API key"), run.err.constData());
    QVERIFY(run.out.isEmpty());

    const Run json = thena({ u"teams"_s, u"--json"_s }, {}, env);
    QCOMPARE(json.exitCode, 1);
    QCOMPARE(json.json().value(u"ok"_s).toBool(true), false);
    QCOMPARE(json.json().value(u"error"_s).toString(), u"KeyRejected"_s);
    QCOMPARE(json.json().value(u"status"_s).toInt(), 401);
    QCOMPARE(json.json().value(u"serverMessage"_s).toString(), u"Invalid API key"_s);
}

void tst_ThenaCli::createApp()
{
    const QString manifest = writeFile(u"manifest.json"_s, Fixtures::read(u"manifest-webhook-app.json"_s));
    const Run run = thena({ u"create-app"_s, u"--manifest"_s, manifest });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("App ID: EGHG8R3K9HGU98JJ81W5EKQRM2X9\n"), run.out.constData());
    QVERIFY(run.out.contains("Client ID: cli_7d1f0c2e9b\n"));
    // No keychain in this run: the secret is shown once, with a warning.
    QVERIFY(run.out.contains("Client secret: cs_live_3b9f7a1e2d4c6b8a\n"));
    QVERIFY2(run.err.contains("the client secret is not stored"), run.err.constData());

    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::CreateAppPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().json(), QJsonDocument::fromJson(Fixtures::read(u"create-app-request.json"_s)).object());

    // Remembered for the Apps dialog, without the secret.
    const QJsonArray apps = appsJson().value(u"apps"_s).toArray();
    QCOMPARE(apps.size(), 1);
    const QJsonObject app = apps.first().toObject();
    QCOMPARE(app.value(u"appId"_s).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(app.value(u"name"_s).toString(), u"Hookscope monitor"_s);
    QCOMPARE(app.value(u"slug"_s).toString(), u"hookscope-monitor-acme"_s);
    QCOMPARE(app.value(u"clientId"_s).toString(), u"cli_7d1f0c2e9b"_s);
    QVERIFY(QDateTime::fromString(app.value(u"createdAt"_s).toString(), Qt::ISODateWithMs).isValid());
    QFile file(QDir(m_dir->path()).filePath(u"apps.json"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("cs_live"));

    // --json, with the reference shape this time.
    m_server->setResponse(FakeThenaServer::CreateAppPath, FakeThenaResponse::createAppReference());
    const Run json = thena({ u"create-app"_s, u"--manifest"_s, manifest, u"--json"_s });
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(json.json().value(u"appId"_s).toString(), u"VGQJEZEJ10WXAMPLE0000000001"_s);
    QCOMPARE(json.json().value(u"slug"_s).toString(), u"hookscope-monitor-acme"_s);
    QVERIFY(!json.json().contains(u"clientSecret"_s));
    QCOMPARE(appsJson().value(u"apps"_s).toArray().size(), 2);
}

void tst_ThenaCli::createAppFromCreateBodyOnStdin()
{
    // The documented create-app body works as a manifest file too.
    const Run run = thena(
        { u"create-app"_s, u"--manifest"_s, u"-"_s, u"--json"_s }, Fixtures::read(u"create-app-request.json"_s));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.json().value(u"appId"_s).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(run.json().value(u"clientSecretStored"_s).toBool(true), false);
    QCOMPARE(m_server->requests().last().json(),
        QJsonDocument::fromJson(Fixtures::read(u"create-app-request.json"_s)).object());

    // A manifest that does not validate, or does not parse, is a usage error: nothing is sent.
    m_server->clearRequests();
    QJsonObject bad = QJsonDocument::fromJson(Fixtures::read(u"manifest-webhook-app.json"_s)).object();
    QJsonObject app = bad.value(u"app"_s).toObject();
    app.insert(u"slug"_s, u"Not A Slug"_s);
    bad.insert(u"app"_s, app);
    const Run invalid = thena({ u"create-app"_s, u"--manifest"_s, u"-"_s }, QJsonDocument(bad).toJson());
    QCOMPARE(invalid.exitCode, 2);
    QVERIFY2(invalid.err.contains("<stdin>: app.slug: Slug must be"), invalid.err.constData());
    const QString broken
        = writeFile(u"broken.json"_s, "{\n  \"app\": {\n    \"name\": \"x\"\n    \"slug\": \"y\"\n  }\n}");
    const Run unparsable = thena({ u"create-app"_s, u"--manifest"_s, broken });
    QCOMPARE(unparsable.exitCode, 2);
    QVERIFY2(unparsable.err.contains((broken + u":4:5: "_s).toUtf8()), unparsable.err.constData());
    QVERIFY(m_server->requests().isEmpty());
}

void tst_ThenaCli::createAppServerErrors_data()
{
    QTest::addColumn<FakeThenaResponse>("response");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("400")
        << FakeThenaResponse::badRequest(u"App with slug hookscope-monitor-acme already exists"_s)
        << QByteArray("hookscope: Request rejected (400): App with slug hookscope-monitor-acme already exists\n");
    QTest::addRow("403") << FakeThenaResponse::forbidden()
                         << QByteArray("hookscope: API key rejected (403): Forbidden resource\n");
    QTest::addRow("500") << FakeThenaResponse::serverError()
                         << QByteArray("hookscope: Thena server error (500): Internal server error\n");
    QTest::addRow("malformed")
        << FakeThenaResponse::malformedJson()
        << QByteArray("hookscope: server answer: {\"appId\": \"EGHG8R3K9HGU98JJ81W5EKQRM2X9\", \"clientId\":");
}

void tst_ThenaCli::createAppServerErrors()
{
    QFETCH(FakeThenaResponse, response);
    QFETCH(QByteArray, message);
    m_server->setResponse(FakeThenaServer::CreateAppPath, response);
    const QString manifest = writeFile(u"manifest.json"_s, Fixtures::read(u"manifest-webhook-app.json"_s));
    const Run run = thena({ u"create-app"_s, u"--manifest"_s, manifest });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY(appsJson().value(u"apps"_s).toArray().isEmpty());
}

void tst_ThenaCli::installReinstallUninstall()
{
    const QStringList target { u"--app"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s, u"--team"_s, u"T123NHFDRF"_s, u"--team"_s,
        u"https://dashboard.thena.ai/dashboard/T456QWERTY/"_s };
    const Run install = thena(QStringList { u"install"_s } + target);
    QVERIFY2(install.exitCode == 0, install.err.constData());
    QVERIFY2(install.out.contains("Installed app EGHG8R3K9HGU98JJ81W5EKQRM2X9 on T123NHFDRF, T456QWERTY\n"),
        install.out.constData());
    QVERIFY(install.out.contains("Bot: B0HOOK01\n"));
    QVERIFY(install.out.contains("Installed by: sam@example.com\n"));
    const QJsonObject expectedBody { { u"teamIds"_s, QJsonArray { u"T123NHFDRF"_s, u"T456QWERTY"_s } },
        { u"appId"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s },
        { u"appConfiguration"_s,
            QJsonObject { { u"required_settings"_s, QJsonArray() }, { u"optional_settings"_s, QJsonArray() } } } };
    QCOMPARE(m_server->requestsTo(FakeThenaServer::InstallPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::InstallPath).first().json(), expectedBody);
    QJsonObject app = appsJson().value(u"apps"_s).toArray().first().toObject();
    QCOMPARE(app.value(u"appId"_s).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(app.value(u"name"_s).toString(), u"Hookscope monitor"_s);
    QCOMPARE(app.value(u"teams"_s).toArray(), (QJsonArray { u"T123NHFDRF"_s, u"T456QWERTY"_s }));

    const Run reinstall = thena(QStringList { u"install"_s, u"--reinstall"_s, u"--json"_s } + target);
    QVERIFY2(reinstall.exitCode == 0, reinstall.err.constData());
    QCOMPARE(m_server->requestsTo(FakeThenaServer::ReinstallPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::ReinstallPath).first().json(), expectedBody);
    QCOMPARE(reinstall.json().value(u"call"_s).toString(), u"reinstall"_s);
    QCOMPARE(reinstall.json().value(u"response"_s).toObject().value(u"message"_s).toString(),
        u"App reinstalled successfully"_s);

    const Run uninstall
        = thena({ u"uninstall"_s, u"--app"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s, u"--team"_s, u"T456QWERTY"_s });
    QVERIFY2(uninstall.exitCode == 0, uninstall.err.constData());
    QVERIFY(uninstall.out.contains("Uninstalled app EGHG8R3K9HGU98JJ81W5EKQRM2X9 from T456QWERTY\n"));
    QVERIFY(uninstall.out.contains("Thena answered (200): {\"message\":\"App uninstalled successfully\"}"));
    QCOMPARE(m_server->requestsTo(FakeThenaServer::UninstallPath).first().json(),
        (QJsonObject {
            { u"teamIds"_s, QJsonArray { u"T456QWERTY"_s } }, { u"appId"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s } }));
    app = appsJson().value(u"apps"_s).toArray().first().toObject();
    QCOMPARE(app.value(u"teams"_s).toArray(), (QJsonArray { u"T123NHFDRF"_s }));

    // An error answer of the guessed endpoint is shown as the server gave it.
    m_server->setResponse(FakeThenaServer::UninstallPath,
        FakeThenaResponse::json(404, { { u"message"_s, u"Cannot POST /apps/uninstall"_s }, { u"statusCode"_s, 404 } }));
    const Run missing = thena({ u"uninstall"_s, u"--app"_s, u"A1"_s, u"--team"_s, u"T123NHFDRF"_s });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("Request rejected (404): Cannot POST /apps/uninstall"), missing.err.constData());
}

void tst_ThenaCli::printCurlSendsNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("teams") << QStringList { u"teams"_s }
                           << QByteArray("curl '%1/v1/teams' \\\n  -H \"x-api-key: $THENA_API_KEY\"");
    QTest::addRow("install") << QStringList { u"install"_s, u"--app"_s, u"A1"_s, u"--team"_s, u"T123NHFDRF"_s }
                             << QByteArray("curl -X POST '%1/apps/install'");
    QTest::addRow("reinstall") << QStringList { u"install"_s, u"--reinstall"_s, u"--app"_s, u"A1"_s, u"--team"_s,
        u"T123NHFDRF"_s }
                               << QByteArray("--data-raw "
                                             "'{\"appConfiguration\":{\"optional_settings\":[],\"required_settings\":[]"
                                             "},\"appId\":\"A1\",\"teamIds\":[\"T123NHFDRF\"]}'");
    QTest::addRow("uninstall") << QStringList { u"uninstall"_s, u"--app"_s, u"A1"_s, u"--team"_s, u"T123NHFDRF"_s }
                               << QByteArray("curl -X POST '%1/apps/uninstall'");
    QTest::addRow("create-app") << QStringList { u"create-app"_s, u"--manifest"_s, u"quoted.json"_s }
                                << QByteArray("\"name\":\"Sam'\\''s monitor\"");
}

void tst_ThenaCli::printCurlSendsNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    QJsonObject manifest = QJsonDocument::fromJson(Fixtures::read(u"manifest-webhook-app.json"_s)).object();
    QJsonObject app = manifest.value(u"app"_s).toObject();
    app.insert(u"name"_s, u"Sam's monitor"_s);
    manifest.insert(u"app"_s, app);
    const QString quoted = writeFile(u"quoted.json"_s, QJsonDocument(manifest).toJson());
    args.replaceInStrings(u"quoted.json"_s, quoted);

    QProcessEnvironment env;
    env.insert(u"HOOKSCOPE_API_KEY"_s, u"<unset>"_s); // no key needed to print
    const Run run = thena(args + QStringList { u"--print-curl"_s }, {}, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    expected.replace("%1", m_server->url().toString().toUtf8());
    QVERIFY2(run.out.contains(expected), run.out.constData());
    QVERIFY(run.out.contains("-H \"x-api-key: $THENA_API_KEY\""));
    QVERIFY(run.out.contains("-H 'Content-Type: application/json'"));
    QVERIFY(m_server->requests().isEmpty());
}

void tst_ThenaCli::timeout()
{
    m_server->setResponse(FakeThenaServer::TeamsPath, FakeThenaResponse::slow(FakeThenaResponse::teams()));
    const Run run = thena({ u"teams"_s, u"--timeout"_s, u"0.3"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("hookscope: No answer from 127.0.0.1 within 300 ms"), run.err.constData());
}

QTEST_GUILESS_MAIN(tst_ThenaCli)
#include "tst_thenacli.moc"
