// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "core/thena/eventcatalogue.h"
#include "tests/support/fakethenaserver.h"
#include "tests/support/fixtures.h"

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

    // CLI parity with the setup wizard (Thena's docs: every URL inside webhooks and
    // interactivity is the endpoint's; events.subscribe lists documented names).
    void manifestThenCreateApp();
    void manifestEvents();
    void manifestQueryStyle();
    void manifestOutput();
    void createAppEndpointOverridesManifest();
    void apiBaseUrlOptions();
    void installUnknownAppWithSettings();
    void installManifestSettings();
    void installRecordsConfirmedTeams();

private:
    Run thena(const QStringList &args, const QByteArray &stdinData = {},
              const QProcessEnvironment &extra = {});
    QString writeFile(const QString &name, const QByteArray &content);
    QJsonObject appsJson() const;
    QString settingsManifest();

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

Run tst_ThenaCli::thena(const QStringList &args, const QByteArray &stdinData,
                        const QProcessEnvironment &extra)
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
    process.start(QStringLiteral(HOOKSCOPE_EXE), QStringList{ u"thena"_s } + args);
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

// The fixture manifest with configuration settings: region (required), tier (required, with a
// default) and channel (optional).
QString tst_ThenaCli::settingsManifest()
{
    QJsonObject manifest =
            QJsonDocument::fromJson(Fixtures::read(u"manifest-webhook-app.json"_s)).object();
    manifest.insert(u"configuration"_s,
                    QJsonObject{ { u"required_settings"_s,
                                   QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s },
                                                            { u"label"_s, u"Data region"_s },
                                                            { u"type"_s, u"string"_s } },
                                               QJsonObject{ { u"key"_s, u"tier"_s },
                                                            { u"default"_s, u"standard"_s } } } },
                                 { u"optional_settings"_s,
                                   QJsonArray{ QJsonObject{ { u"key"_s, u"channel"_s } } } } });
    return writeFile(u"settings-manifest.json"_s, QJsonDocument(manifest).toJson());
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
    for (const char *word : { "teams",
                              "create-app",
                              "install",
                              "uninstall",
                              "--print-curl",
                              "--json",
                              "--team",
                              "--reinstall",
                              "HOOKSCOPE_API_KEY",
                              "manifest --endpoint URL",
                              "--endpoint-style",
                              "--relay-channel",
                              "--events",
                              "--custom-object",
                              "--name",
                              "--output",
                              "--setting",
                              "--apps-url",
                              "--platform-url",
                              "HOOKSCOPE_THENA_APPS_URL",
                              "HOOKSCOPE_THENA_PLATFORM_URL",
                              "wins over",
                              "Organization → Personal → Security Access",
                              "$HOOKSCOPE_API_KEY" })
        QVERIFY2(run.out.contains(word), word);
    QVERIFY(!run.out.contains("$THENA_API_KEY"));
}

void tst_ThenaCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");

    QTest::addRow("no command") << QStringList() << QByteArray("Missing command");
    QTest::addRow("unknown command")
            << QStringList{ u"apps"_s } << QByteArray("Unknown thena command 'apps'");
    QTest::addRow("unknown option")
            << QStringList{ u"teams"_s, u"--frobnicate"_s } << QByteArray("frobnicate");
    QTest::addRow("two commands") << QStringList{ u"teams"_s, u"install"_s }
                                  << QByteArray("Too many arguments");
    QTest::addRow("create without manifest")
            << QStringList{ u"create-app"_s } << QByteArray("--manifest FILE");
    QTest::addRow("missing manifest file")
            << QStringList{ u"create-app"_s, u"--manifest"_s, u"/nonexistent/m.json"_s }
            << QByteArray("cannot read /nonexistent/m.json");
    QTest::addRow("install without app")
            << QStringList{ u"install"_s, u"--team"_s, u"T123NHFDRF"_s }
            << QByteArray("install needs --app ID");
    QTest::addRow("install without team") << QStringList{ u"install"_s, u"--app"_s, u"A1"_s }
                                          << QByteArray("install needs --team");
    QTest::addRow("bad team") << QStringList{ u"install"_s, u"--app"_s, u"A1"_s, u"--team"_s,
                                              u"T123NHFDRF,oops"_s }
                              << QByteArray("--team 'oops': not a team ID");
    QTest::addRow("lower-case team")
            << QStringList{ u"uninstall"_s, u"--app"_s, u"A1"_s, u"--team"_s, u"t123nhfdrf"_s }
            << QByteArray("upper-case");
    QTest::addRow("reinstall on uninstall")
            << QStringList{ u"uninstall"_s, u"--app"_s,      u"A1"_s,
                            u"--team"_s,    u"T123NHFDRF"_s, u"--reinstall"_s }
            << QByteArray("--reinstall does not apply to 'uninstall'");
    QTest::addRow("manifest on teams") << QStringList{ u"teams"_s, u"--manifest"_s, u"m.json"_s }
                                       << QByteArray("--manifest does not apply to 'teams'");
    QTest::addRow("bad timeout") << QStringList{ u"teams"_s, u"--timeout"_s, u"soon"_s }
                                 << QByteArray("--timeout");

    const QString endpoint = u"https://hooks.example.net/hooks/tok123"_s;
    QTest::addRow("manifest without endpoint")
            << QStringList{ u"manifest"_s } << QByteArray("manifest needs --endpoint URL");
    QTest::addRow("endpoint not http")
            << QStringList{ u"manifest"_s, u"--endpoint"_s, u"ftp://hooks.example.net/x"_s }
            << QByteArray("--endpoint must be an http(s) URL, not 'ftp://hooks.example.net/x'");
    QTest::addRow("endpoint not a URL")
            << QStringList{ u"create-app"_s, u"--manifest"_s, u"m.json"_s, u"--endpoint"_s,
                            u"hooks.example.net"_s }
            << QByteArray("--endpoint must be an http(s) URL");
    QTest::addRow("bad endpoint style")
            << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint, u"--endpoint-style"_s,
                            u"fragment"_s }
            << QByteArray("--endpoint-style must be path or query, not 'fragment'");
    QTest::addRow("relay channel with path style")
            << QStringList{ u"manifest"_s,         u"--endpoint"_s, endpoint,
                            u"--endpoint-style"_s, u"path"_s,       u"--relay-channel"_s }
            << QByteArray("--relay-channel means --endpoint-style query");
    QTest::addRow("style without endpoint")
            << QStringList{ u"create-app"_s, u"--manifest"_s, u"m.json"_s, u"--endpoint-style"_s,
                            u"query"_s }
            << QByteArray("--endpoint-style needs --endpoint URL");
    QTest::addRow("bad custom object")
            << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint, u"--custom-object"_s,
                            u"deal room"_s }
            << QByteArray("--custom-object 'deal room' is not a custom object name");
    QTest::addRow("empty name") << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint,
                                                u"--name"_s, u"  "_s }
                                << QByteArray("--name must not be empty");
    QTest::addRow("name without slug")
            << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint, u"--name"_s, u"!!!"_s }
            << QByteArray("--name '!!!' leaves nothing for the app's slug");
    QTest::addRow("no events") << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint,
                                               u"--events"_s, u" , ,"_s }
                               << QByteArray("--events lists no event");
    QTest::addRow("only unmatched patterns")
            << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint, u"--events"_s,
                            u"invoice:*"_s }
            << QByteArray("no event left to subscribe to");
    QTest::addRow("events on create-app")
            << QStringList{ u"create-app"_s, u"--manifest"_s, u"m.json"_s, u"--events"_s,
                            u"ticket:created"_s }
            << QByteArray("--events does not apply to 'create-app'");
    QTest::addRow("output on install")
            << QStringList{ u"install"_s,    u"--app"_s, u"A1"_s,    u"--team"_s,
                            u"T123NHFDRF"_s, u"-o"_s,    u"x.json"_s }
            << QByteArray("--output does not apply to 'install'");
    QTest::addRow("team on manifest")
            << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint, u"--team"_s, u"T123NHFDRF"_s }
            << QByteArray("--team does not apply to 'manifest'");
    QTest::addRow("print-curl on manifest")
            << QStringList{ u"manifest"_s, u"--endpoint"_s, endpoint, u"--print-curl"_s }
            << QByteArray("--print-curl does not apply to 'manifest'");
    QTest::addRow("endpoint on install")
            << QStringList{ u"install"_s,    u"--app"_s,      u"A1"_s, u"--team"_s,
                            u"T123NHFDRF"_s, u"--endpoint"_s, endpoint }
            << QByteArray("--endpoint does not apply to 'install'");
    QTest::addRow("setting on uninstall")
            << QStringList{ u"uninstall"_s,  u"--app"_s,     u"A1"_s,       u"--team"_s,
                            u"T123NHFDRF"_s, u"--setting"_s, u"region=eu"_s }
            << QByteArray("--setting does not apply to 'uninstall'");
    QTest::addRow("manifest on uninstall")
            << QStringList{ u"uninstall"_s,  u"--app"_s,      u"A1"_s,    u"--team"_s,
                            u"T123NHFDRF"_s, u"--manifest"_s, u"m.json"_s }
            << QByteArray("--manifest does not apply to 'uninstall'");
    QTest::addRow("setting without value")
            << QStringList{ u"install"_s,    u"--app"_s,     u"A1"_s,    u"--team"_s,
                            u"T123NHFDRF"_s, u"--setting"_s, u"region"_s }
            << QByteArray("--setting 'region' is not KEY=VALUE");
    QTest::addRow("setting without key")
            << QStringList{ u"install"_s,    u"--app"_s,     u"A1"_s, u"--team"_s,
                            u"T123NHFDRF"_s, u"--setting"_s, u"=eu"_s }
            << QByteArray("--setting '=eu' is not KEY=VALUE");
    QTest::addRow("setting twice") << QStringList{ u"install"_s,   u"--app"_s,      u"A1"_s,
                                                   u"--team"_s,    u"T123NHFDRF"_s, u"--setting"_s,
                                                   u"region=eu"_s, u"--setting"_s,  u"region=us"_s }
                                   << QByteArray("--setting region is given twice");
    QTest::addRow("apps url not http")
            << QStringList{ u"install"_s,          u"--app"_s,      u"A1"_s,
                            u"--team"_s,           u"T123NHFDRF"_s, u"--apps-url"_s,
                            u"file:///tmp/thena"_s }
            << QByteArray("--apps-url must be an http(s) URL, not 'file:///tmp/thena'");
    QTest::addRow("platform url not a URL")
            << QStringList{ u"teams"_s, u"--platform-url"_s, u"platform"_s }
            << QByteArray("--platform-url must be an http(s) URL");
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
    QVERIFY2(run.err.contains(
                     "No keychain service is running (disabled by HOOKSCOPE_NO_KEYCHAIN=1)"),
             run.err.constData());
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
    QCOMPARE(m_server->requests().first().header("x-api-key"),
             QByteArray(FakeThenaServer::DefaultApiKey.data()));
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
    QVERIFY2(run.err.contains("hookscope: API key rejected (401): Invalid API key"),
             run.err.constData());
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
    const QString manifest =
            writeFile(u"manifest.json"_s, Fixtures::read(u"manifest-webhook-app.json"_s));
    const Run run = thena({ u"create-app"_s, u"--manifest"_s, manifest });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("App ID: EGHG8R3K9HGU98JJ81W5EKQRM2X9\n"), run.out.constData());
    QVERIFY(run.out.contains("Client ID: cli_7d1f0c2e9b\n"));
    // No keychain in this run: the secret is shown once, with a warning.
    QVERIFY(run.out.contains("Client secret: cs_live_3b9f7a1e2d4c6b8a\n"));
    QVERIFY2(run.err.contains("the client secret is not stored"), run.err.constData());

    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::CreateAppPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().json(),
             QJsonDocument::fromJson(Fixtures::read(u"create-app-request.json"_s)).object());

    // Remembered for the Apps dialog, without the secret.
    const QJsonArray apps = appsJson().value(u"apps"_s).toArray();
    QCOMPARE(apps.size(), 1);
    const QJsonObject app = apps.first().toObject();
    QCOMPARE(app.value(u"appId"_s).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(app.value(u"name"_s).toString(), u"Hookscope monitor"_s);
    QCOMPARE(app.value(u"slug"_s).toString(), u"hookscope-monitor-acme"_s);
    QCOMPARE(app.value(u"clientId"_s).toString(), u"cli_7d1f0c2e9b"_s);
    QVERIFY(QDateTime::fromString(app.value(u"createdAt"_s).toString(), Qt::ISODateWithMs)
                    .isValid());
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
    const Run run = thena({ u"create-app"_s, u"--manifest"_s, u"-"_s, u"--json"_s },
                          Fixtures::read(u"create-app-request.json"_s));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.json().value(u"appId"_s).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(run.json().value(u"clientSecretStored"_s).toBool(true), false);
    QCOMPARE(m_server->requests().last().json(),
             QJsonDocument::fromJson(Fixtures::read(u"create-app-request.json"_s)).object());

    // A manifest with errors (what Thena would certainly refuse), or that does not parse, is a
    // usage error: nothing is sent. Everything else is a warning, and Thena is the judge.
    m_server->clearRequests();
    QJsonObject bad =
            QJsonDocument::fromJson(Fixtures::read(u"manifest-webhook-app.json"_s)).object();
    QJsonObject app = bad.value(u"app"_s).toObject();
    app.insert(u"slug"_s, u"Not A Slug"_s);
    bad.insert(u"app"_s, app);
    QJsonObject integration = bad.value(u"integration"_s).toObject();
    QJsonObject webhooks = integration.value(u"webhooks"_s).toObject();
    webhooks.insert(u"installations"_s, u"ftp://hooks.acme.example/thena/installations"_s);
    integration.insert(u"webhooks"_s, webhooks);
    bad.insert(u"integration"_s, integration);
    const Run invalid =
            thena({ u"create-app"_s, u"--manifest"_s, u"-"_s }, QJsonDocument(bad).toJson());
    QCOMPARE(invalid.exitCode, 2);
    QVERIFY2(invalid.err.contains("hookscope: error: <stdin>: integration.webhooks.installations: "
                                  "Must be an http(s) URL"),
             invalid.err.constData());
    QVERIFY2(invalid.err.contains("hookscope: warning: <stdin>: app.slug: "),
             invalid.err.constData());
    const QString broken = writeFile(
            u"broken.json"_s, "{\n  \"app\": {\n    \"name\": \"x\"\n    \"slug\": \"y\"\n  }\n}");
    const Run unparsable = thena({ u"create-app"_s, u"--manifest"_s, broken });
    QCOMPARE(unparsable.exitCode, 2);
    QVERIFY2(unparsable.err.contains((broken + u":3:16: missing comma"_s).toUtf8()),
             unparsable.err.constData());
    QVERIFY(m_server->requests().isEmpty());

    // A slug problem alone is a warning: the manifest is sent and Thena decides.
    webhooks.insert(u"installations"_s, u"https://hooks.acme.example/thena/installations"_s);
    integration.insert(u"webhooks"_s, webhooks);
    bad.insert(u"integration"_s, integration);
    const Run slugOnly = thena({ u"create-app"_s, u"--manifest"_s, u"-"_s, u"--json"_s },
                               QJsonDocument(bad).toJson());
    QVERIFY2(slugOnly.exitCode == 0, slugOnly.err.constData());
    QVERIFY2(slugOnly.err.contains("hookscope: warning: <stdin>: app.slug: "),
             slugOnly.err.constData());
    QCOMPARE(m_server->requestsTo(FakeThenaServer::CreateAppPath).size(), 1);
    const QJsonObject sent = m_server->requestsTo(FakeThenaServer::CreateAppPath).first().json();
    QCOMPARE(sent[u"manifest"_s][u"app"_s][u"slug"_s].toString(), u"Not A Slug"_s);
}

void tst_ThenaCli::createAppServerErrors_data()
{
    QTest::addColumn<FakeThenaResponse>("response");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("400") << FakeThenaResponse::badRequest(
            u"App with slug hookscope-monitor-acme already exists"_s)
                         << QByteArray("hookscope: Request rejected (400): App with slug "
                                       "hookscope-monitor-acme already exists\n");
    QTest::addRow("403") << FakeThenaResponse::forbidden()
                         << QByteArray("hookscope: API key rejected (403): Forbidden resource\n");
    QTest::addRow("500") << FakeThenaResponse::serverError()
                         << QByteArray(
                                    "hookscope: Thena server error (500): Internal server error\n");
    QTest::addRow("malformed") << FakeThenaResponse::malformedJson()
                               << QByteArray("hookscope: server answer: {\"appId\": "
                                             "\"EGHG8R3K9HGU98JJ81W5EKQRM2X9\", \"clientId\":");
}

void tst_ThenaCli::createAppServerErrors()
{
    QFETCH(FakeThenaResponse, response);
    QFETCH(QByteArray, message);
    m_server->setResponse(FakeThenaServer::CreateAppPath, response);
    const QString manifest =
            writeFile(u"manifest.json"_s, Fixtures::read(u"manifest-webhook-app.json"_s));
    const Run run = thena({ u"create-app"_s, u"--manifest"_s, manifest });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY(appsJson().value(u"apps"_s).toArray().isEmpty());
}

void tst_ThenaCli::installReinstallUninstall()
{
    const QStringList target{ u"--app"_s,  u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s,
                              u"--team"_s, u"T123NHFDRF"_s,
                              u"--team"_s, u"https://dashboard.thena.ai/dashboard/T456QWERTY/"_s };
    const Run install = thena(QStringList{ u"install"_s } + target);
    QVERIFY2(install.exitCode == 0, install.err.constData());
    QVERIFY2(install.out.contains(
                     "Installed app EGHG8R3K9HGU98JJ81W5EKQRM2X9 on T123NHFDRF, T456QWERTY\n"),
             install.out.constData());
    QVERIFY(install.out.contains("Bot: B0HOOK01\n"));
    QVERIFY(install.out.contains("Installed by: sam@example.com\n"));
    const QJsonObject expectedBody{ { u"teamIds"_s,
                                      QJsonArray{ u"T123NHFDRF"_s, u"T456QWERTY"_s } },
                                    { u"appId"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s },
                                    { u"appConfiguration"_s,
                                      QJsonObject{ { u"required_settings"_s, QJsonArray() },
                                                   { u"optional_settings"_s, QJsonArray() } } } };
    QCOMPARE(m_server->requestsTo(FakeThenaServer::InstallPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::InstallPath).first().json(), expectedBody);
    QJsonObject app = appsJson().value(u"apps"_s).toArray().first().toObject();
    QCOMPARE(app.value(u"appId"_s).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(app.value(u"name"_s).toString(), u"Hookscope monitor"_s);
    QCOMPARE(app.value(u"teams"_s).toArray(), (QJsonArray{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));

    const Run reinstall =
            thena(QStringList{ u"install"_s, u"--reinstall"_s, u"--json"_s } + target);
    QVERIFY2(reinstall.exitCode == 0, reinstall.err.constData());
    QCOMPARE(m_server->requestsTo(FakeThenaServer::ReinstallPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::ReinstallPath).first().json(), expectedBody);
    QCOMPARE(reinstall.json().value(u"call"_s).toString(), u"reinstall"_s);
    QCOMPARE(reinstall.json().value(u"response"_s).toObject().value(u"message"_s).toString(),
             u"App reinstalled successfully"_s);

    const Run uninstall = thena({ u"uninstall"_s, u"--app"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s,
                                  u"--team"_s, u"T456QWERTY"_s });
    QVERIFY2(uninstall.exitCode == 0, uninstall.err.constData());
    QVERIFY(uninstall.out.contains(
            "Uninstalled app EGHG8R3K9HGU98JJ81W5EKQRM2X9 from T456QWERTY\n"));
    QVERIFY(uninstall.out.contains(
            "Thena answered (200): {\"message\":\"App uninstalled successfully\"}"));
    QCOMPARE(m_server->requestsTo(FakeThenaServer::UninstallPath).first().json(),
             (QJsonObject{ { u"teamIds"_s, QJsonArray{ u"T456QWERTY"_s } },
                           { u"appId"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s } }));
    app = appsJson().value(u"apps"_s).toArray().first().toObject();
    QCOMPARE(app.value(u"teams"_s).toArray(), (QJsonArray{ u"T123NHFDRF"_s }));

    // An error answer of the guessed endpoint is shown as the server gave it.
    m_server->setResponse(
            FakeThenaServer::UninstallPath,
            FakeThenaResponse::json(404,
                                    { { u"message"_s, u"Cannot POST /apps/uninstall"_s },
                                      { u"statusCode"_s, 404 } }));
    const Run missing =
            thena({ u"uninstall"_s, u"--app"_s, u"A1"_s, u"--team"_s, u"T123NHFDRF"_s });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("Request rejected (404): Cannot POST /apps/uninstall"),
             missing.err.constData());
}

void tst_ThenaCli::printCurlSendsNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("teams") << QStringList{
        u"teams"_s
    } << QByteArray("curl '%1/v1/teams' \\\n  -H \"x-api-key: $HOOKSCOPE_API_KEY\"");
    QTest::addRow("install") << QStringList{ u"install"_s, u"--app"_s, u"A1"_s, u"--team"_s,
                                             u"T123NHFDRF"_s }
                             << QByteArray("curl -X POST '%1/apps/install'");
    QTest::addRow("reinstall")
            << QStringList{ u"install"_s, u"--reinstall"_s, u"--app"_s,
                            u"A1"_s,      u"--team"_s,      u"T123NHFDRF"_s }
            << QByteArray(
                       "--data-raw "
                       "'{\"appConfiguration\":{\"optional_settings\":[],\"required_settings\":[]"
                       "},\"appId\":\"A1\",\"teamIds\":[\"T123NHFDRF\"]}'");
    QTest::addRow("uninstall") << QStringList{ u"uninstall"_s, u"--app"_s, u"A1"_s, u"--team"_s,
                                               u"T123NHFDRF"_s }
                               << QByteArray("curl -X POST '%1/apps/uninstall'");
    QTest::addRow("create-app") << QStringList{ u"create-app"_s, u"--manifest"_s, u"quoted.json"_s }
                                << QByteArray("\"name\":\"Sam'\\''s monitor\"");
    QTest::addRow("install with settings")
            << QStringList{ u"install"_s,    u"--app"_s,     u"A1"_s,       u"--team"_s,
                            u"T123NHFDRF"_s, u"--setting"_s, u"region=eu"_s }
            << QByteArray("--data-raw "
                          "'{\"appConfiguration\":{\"optional_settings\":[],\"required_settings\":["
                          "{\"key\":"
                          "\"region\",\"value\":\"eu\"}]},\"appId\":\"A1\",\"teamIds\":["
                          "\"T123NHFDRF\"]}'");
    QTest::addRow("create-app with endpoint")
            << QStringList{ u"create-app"_s, u"--manifest"_s, u"quoted.json"_s, u"--endpoint"_s,
                            u"https://hooks.example.net/hooks/tok123"_s }
            << QByteArray("\"events\":\"https://hooks.example.net/hooks/tok123/events\"");
    QTest::addRow("teams at --platform-url")
            << QStringList{ u"teams"_s, u"--platform-url"_s,
                            u"https://platform.example.test/base/"_s }
            << QByteArray("curl 'https://platform.example.test/base/v1/teams'");
}

void tst_ThenaCli::printCurlSendsNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    QJsonObject manifest =
            QJsonDocument::fromJson(Fixtures::read(u"manifest-webhook-app.json"_s)).object();
    QJsonObject app = manifest.value(u"app"_s).toObject();
    app.insert(u"name"_s, u"Sam's monitor"_s);
    manifest.insert(u"app"_s, app);
    const QString quoted = writeFile(u"quoted.json"_s, QJsonDocument(manifest).toJson());
    args.replaceInStrings(u"quoted.json"_s, quoted);

    QProcessEnvironment env;
    env.insert(u"HOOKSCOPE_API_KEY"_s, u"<unset>"_s); // no key needed to print
    const Run run = thena(args + QStringList{ u"--print-curl"_s }, {}, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    expected.replace("%1", m_server->url().toString().toUtf8());
    QVERIFY2(run.out.contains(expected), run.out.constData());
    // The variable the CLI reads the key from, so the printed command runs as is where the CLI
    // does.
    QVERIFY2(run.out.contains("-H \"x-api-key: $HOOKSCOPE_API_KEY\""), run.out.constData());
    QVERIFY(!run.out.contains("THENA_API_KEY"));
    if (args.contains(u"--endpoint"_s))
        QVERIFY2(!run.out.contains("REPLACE"),
                 run.out.constData()); // the placeholders are replaced
    QVERIFY(run.out.contains("-H 'Content-Type: application/json'"));
    QVERIFY(m_server->requests().isEmpty());
}

void tst_ThenaCli::timeout()
{
    m_server->setResponse(FakeThenaServer::TeamsPath,
                          FakeThenaResponse::slow(FakeThenaResponse::teams()));
    const Run run = thena({ u"teams"_s, u"--timeout"_s, u"0.3"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("hookscope: No answer from 127.0.0.1 within 300 ms"),
             run.err.constData());
}

namespace {

const QString TestEndpoint =
        u"https://hs-demo.ngrok.app/hooks/tok123"_s; // not a placeholder-looking host

QStringList subscribedNames(const QJsonObject &manifest)
{
    QStringList names;
    const QJsonArray list = manifest.value(u"events"_s).toObject().value(u"subscribe"_s).toArray();
    for (const QJsonValue &v : list)
        names.append(v.toObject().value(u"event"_s).toString());
    return names;
}

// The four URLs Thena's docs say to replace "inside webhooks and interactivity".
QStringList endpointUrls(const QJsonObject &manifest)
{
    const QJsonObject integration = manifest.value(u"integration"_s).toObject();
    const QJsonObject webhooks = integration.value(u"webhooks"_s).toObject();
    const QJsonObject interactivity = integration.value(u"interactivity"_s).toObject();
    return { webhooks.value(u"events"_s).toString(), webhooks.value(u"installations"_s).toString(),
             interactivity.value(u"request_url"_s).toString(),
             interactivity.value(u"message_menu_option_url"_s).toString() };
}

QStringList pathStyleUrls(const QString &endpoint)
{
    return { endpoint + u"/events"_s, endpoint + u"/installations"_s,
             endpoint + u"/interactivity"_s, endpoint + u"/menu"_s };
}

QStringList customObjectNames(const QString &object)
{
    QStringList names;
    for (const char *action : { "created", "updated", "deleted", "field-changed" })
        names.append(u"custom-object:%1:%2"_s.arg(object, QLatin1StringView(action)));
    return names;
}

} // namespace

void tst_ThenaCli::manifestThenCreateApp()
{
    // The acceptance path: a manifest for an endpoint, then create-app with it.
    const QString file = QDir(m_dir->path()).filePath(u"app.json"_s);
    const Run manifest = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"-o"_s, file });
    QVERIFY2(manifest.exitCode == 0, manifest.err.constData());
    QVERIFY(manifest.out.isEmpty());
    QVERIFY2(manifest.err.contains(
                     (u"Next: hookscope thena create-app --manifest "_s + file).toUtf8()),
             manifest.err.constData());
    QVERIFY(m_server->requests().isEmpty()); // no API call, no key needed

    const Run create = thena({ u"create-app"_s, u"--manifest"_s, file, u"--json"_s });
    QVERIFY2(create.exitCode == 0, create.err.constData());
    QCOMPARE(create.json().value(u"appId"_s).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::CreateAppPath);
    QCOMPARE(sent.size(), 1);
    const QJsonObject body = sent.first().json();
    QCOMPARE(body.value(u"app_visibility"_s).toString(), u"private"_s);
    const QJsonObject sentManifest = body.value(u"manifest"_s).toObject();
    QCOMPARE(endpointUrls(sentManifest), pathStyleUrls(TestEndpoint));

    const QStringList names = subscribedNames(sentManifest);
    QVERIFY(!names.isEmpty());
    const QJsonArray subscribe = sentManifest[u"events"_s][u"subscribe"_s].toArray();
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString &name = names.at(i);
        QVERIFY2(!name.contains(u'*'), qPrintable(name));
        QVERIFY2(Hookscope::EventCatalogue::builtin().isDocumented(name), qPrintable(name));
        QVERIFY2(!subscribe.at(i)[u"reason"_s].toString().isEmpty(), qPrintable(name));
        QVERIFY2(!subscribe.at(i)[u"description"_s].toString().isEmpty(), qPrintable(name));
    }
    QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), names.size()); // no duplicate
    QVERIFY(names.contains(u"ticket:created"_s));
    QVERIFY(names.contains(u"account:updated"_s));

    // Without -o the same manifest goes to standard output.
    const Run printed = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint });
    QVERIFY2(printed.exitCode == 0, printed.err.constData());
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(printed.out).object(),
             QJsonDocument::fromJson(written.readAll()).object());
    QCOMPARE(QJsonDocument::fromJson(printed.out).object(), sentManifest);
}

void tst_ThenaCli::manifestEvents()
{
    const Hookscope::EventCatalogue &catalogue = Hookscope::EventCatalogue::builtin();
    const QStringList ticketNames = catalogue.expand(u"ticket:*"_s);
    QVERIFY(ticketNames.contains(u"ticket:created"_s));

    // Patterns become the documented names; custom-object:* the names of the objects given;
    // an undocumented name is kept, with a warning.
    const Run run = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"--name"_s,
                            u"Acme Support Monitor!"_s, u"--events"_s,
                            u"ticket:*, account:updated,custom-object:*"_s, u"--events"_s,
                            u"ticket:exploded"_s, u"--custom-object"_s, u"deal"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject manifest = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(manifest[u"app"_s][u"name"_s].toString(), u"Acme Support Monitor!"_s);
    QCOMPARE(manifest[u"app"_s][u"slug"_s].toString(), u"acme-support-monitor"_s);
    const QStringList expected = ticketNames + QStringList{ u"account:updated"_s }
            + customObjectNames(u"deal"_s) + QStringList{ u"ticket:exploded"_s };
    QCOMPARE(subscribedNames(manifest), expected);
    QVERIFY2(run.err.contains("hookscope: warning: events.subscribe[")
                     && run.err.contains("\"ticket:exploded\""),
             run.err.constData());
    QVERIFY2(!run.err.contains("pattern"), run.err.constData());

    // --custom-object alone adds the object's four events to the template's.
    const Run template_ = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint });
    const QStringList templateNames =
            subscribedNames(QJsonDocument::fromJson(template_.out).object());
    const Run objects = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"--custom-object"_s,
                                u"invoice,deal"_s, u"--custom-object"_s, u"invoice"_s });
    QVERIFY2(objects.exitCode == 0, objects.err.constData());
    const QStringList objectNames = subscribedNames(QJsonDocument::fromJson(objects.out).object());
    QCOMPARE(objectNames,
             templateNames + customObjectNames(u"invoice"_s) + customObjectNames(u"deal"_s));
    for (const QString &name : objectNames)
        QVERIFY2(catalogue.isDocumented(name), qPrintable(name));

    // A pattern that matches nothing is left out, saying why.
    const Run unmatched = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"--events"_s,
                                  u"custom-object:*,account:created"_s });
    QVERIFY2(unmatched.exitCode == 0, unmatched.err.constData());
    QVERIFY2(unmatched.err.contains("custom-object:* matches no documented event name (name the "
                                    "custom objects with "
                                    "--custom-object)"),
             unmatched.err.constData());
    QCOMPARE(subscribedNames(QJsonDocument::fromJson(unmatched.out).object()),
             QStringList{ u"account:created"_s });
}

void tst_ThenaCli::manifestQueryStyle()
{
    // A relay channel's URL is one path segment: the four URLs differ by ?endpoint=.
    const QString channel = u"https://smee.io/hs4Rel4yCh4nnel"_s;
    const Run relay = thena({ u"manifest"_s, u"--endpoint"_s, channel, u"--relay-channel"_s });
    QVERIFY2(relay.exitCode == 0, relay.err.constData());
    const QJsonObject manifest = QJsonDocument::fromJson(relay.out).object();
    QCOMPARE(
            endpointUrls(manifest),
            (QStringList{ channel + u"?endpoint=events"_s, channel + u"?endpoint=installations"_s,
                          channel + u"?endpoint=interactivity"_s, channel + u"?endpoint=menu"_s }));
    const Run query =
            thena({ u"manifest"_s, u"--endpoint"_s, channel, u"--endpoint-style"_s, u"query"_s });
    QVERIFY2(query.exitCode == 0, query.err.constData());
    QCOMPARE(QJsonDocument::fromJson(query.out).object(), manifest);

    // Path style keeps a query already on the endpoint.
    const Run token = thena(
            { u"manifest"_s, u"--endpoint"_s, u"https://hooks.example.net/hooks?token=abc"_s });
    QVERIFY2(token.exitCode == 0, token.err.constData());
    QCOMPARE(endpointUrls(QJsonDocument::fromJson(token.out).object()),
             (QStringList{ u"https://hooks.example.net/hooks/events?token=abc"_s,
                           u"https://hooks.example.net/hooks/installations?token=abc"_s,
                           u"https://hooks.example.net/hooks/interactivity?token=abc"_s,
                           u"https://hooks.example.net/hooks/menu?token=abc"_s }));

    // An endpoint that already names one of the four URLs is taken as given, with a warning.
    const Run suffixed = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint + u"/events"_s });
    QVERIFY2(suffixed.exitCode == 0, suffixed.err.constData());
    QVERIFY2(suffixed.err.contains("already names the events URL"), suffixed.err.constData());

    // The receiver on loopback: Thena's cloud cannot reach it, which is worth a warning only.
    const Run local =
            thena({ u"manifest"_s, u"--endpoint"_s, u"http://127.0.0.1:8787/hooks/tok"_s });
    QVERIFY2(local.exitCode == 0, local.err.constData());
    QVERIFY2(local.err.contains("hookscope: warning: integration.webhooks.events: "),
             local.err.constData());
}

void tst_ThenaCli::manifestOutput()
{
    // Nothing is written after a usage error.
    const QString file = QDir(m_dir->path()).filePath(u"never.json"_s);
    const Run bad = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"--events"_s,
                            u"invoice:*"_s, u"-o"_s, file });
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.out.isEmpty());
    QVERIFY(!QFile::exists(file));

    // A file that cannot be written is a runtime error.
    const QString unwritable = QDir(m_dir->path()).filePath(u"no/such/dir/app.json"_s);
    const Run failed =
            thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"--output"_s, unwritable });
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.err.contains((u"hookscope: cannot write "_s + unwritable).toUtf8()),
             failed.err.constData());

    // "-o -" is standard output; an existing file is replaced.
    const Run dash = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"-o"_s, u"-"_s });
    QCOMPARE(dash.exitCode, 0);
    QVERIFY(QJsonDocument::fromJson(dash.out).isObject());
    const QString existing = writeFile(u"existing.json"_s, "old");
    const Run replaced = thena({ u"manifest"_s, u"--endpoint"_s, TestEndpoint, u"-o"_s, existing });
    QCOMPARE(replaced.exitCode, 0);
    QFile f(existing);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object(),
             QJsonDocument::fromJson(dash.out).object());
}

void tst_ThenaCli::createAppEndpointOverridesManifest()
{
    // The fixture's URLs are placeholders (?token=REPLACE): --endpoint sets all four.
    const QString manifest =
            writeFile(u"manifest.json"_s, Fixtures::read(u"manifest-webhook-app.json"_s));
    const Run run =
            thena({ u"create-app"_s, u"--manifest"_s, manifest, u"--endpoint"_s, TestEndpoint });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!run.err.contains("placeholder"), run.err.constData());
    QJsonObject expected =
            QJsonDocument::fromJson(Fixtures::read(u"create-app-request.json"_s)).object();
    QJsonObject expectedManifest = expected.value(u"manifest"_s).toObject();
    QJsonObject integration = expectedManifest.value(u"integration"_s).toObject();
    const QStringList urls = pathStyleUrls(TestEndpoint);
    integration.insert(
            u"webhooks"_s,
            QJsonObject{ { u"events"_s, urls.at(0) }, { u"installations"_s, urls.at(1) } });
    integration.insert(u"interactivity"_s,
                       QJsonObject{ { u"request_url"_s, urls.at(2) },
                                    { u"message_menu_option_url"_s, urls.at(3) } });
    expectedManifest.insert(u"integration"_s, integration);
    expected.insert(u"manifest"_s, expectedManifest);
    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::CreateAppPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().json(), expected); // the rest of the manifest is untouched

    // Without --endpoint the placeholders are sent as they are, with warnings.
    const Run asIs = thena({ u"create-app"_s, u"--manifest"_s, manifest });
    QVERIFY2(asIs.exitCode == 0, asIs.err.constData());
    QVERIFY2(asIs.err.contains(
                     (u"hookscope: warning: "_s + manifest + u": integration.webhooks.events: "_s)
                             .toUtf8()),
             asIs.err.constData());

    // A create-app body on standard input, with a relay channel.
    m_server->clearRequests();
    const QString channel = u"https://smee.io/hs4Rel4yCh4nnel"_s;
    const Run relay = thena({ u"create-app"_s, u"--manifest"_s, u"-"_s, u"--endpoint"_s, channel,
                              u"--relay-channel"_s },
                            Fixtures::read(u"create-app-request.json"_s));
    QVERIFY2(relay.exitCode == 0, relay.err.constData());
    QCOMPARE(
            endpointUrls(m_server->requestsTo(FakeThenaServer::CreateAppPath)
                                 .first()
                                 .json()[u"manifest"_s]
                                 .toObject()),
            (QStringList{ channel + u"?endpoint=events"_s, channel + u"?endpoint=installations"_s,
                          channel + u"?endpoint=interactivity"_s, channel + u"?endpoint=menu"_s }));

    // A manifest without any URL becomes valid with --endpoint.
    QJsonObject bare =
            QJsonDocument::fromJson(Fixtures::read(u"manifest-webhook-app.json"_s)).object();
    bare.remove(u"integration"_s);
    const QString bareFile = writeFile(u"bare.json"_s, QJsonDocument(bare).toJson());
    QCOMPARE(thena({ u"create-app"_s, u"--manifest"_s, bareFile, u"--print-curl"_s }).exitCode, 2);
    const Run filled =
            thena({ u"create-app"_s, u"--manifest"_s, bareFile, u"--endpoint"_s, TestEndpoint });
    QVERIFY2(filled.exitCode == 0, filled.err.constData());
    QCOMPARE(endpointUrls(m_server->requestsTo(FakeThenaServer::CreateAppPath)
                                  .last()
                                  .json()[u"manifest"_s]
                                  .toObject()),
             pathStyleUrls(TestEndpoint));
}

void tst_ThenaCli::apiBaseUrlOptions()
{
    const QString fake = m_server->url().toString();
    const QString manifest =
            writeFile(u"manifest.json"_s, Fixtures::read(u"manifest-webhook-app.json"_s));

    // No environment variables: the options alone point at the fake.
    QProcessEnvironment unset;
    unset.insert(u"HOOKSCOPE_THENA_APPS_URL"_s, u"<unset>"_s);
    unset.insert(u"HOOKSCOPE_THENA_PLATFORM_URL"_s, u"<unset>"_s);
    const Run teams =
            thena({ u"teams"_s, u"--platform-url"_s, fake, u"--timeout"_s, u"10"_s }, {}, unset);
    QVERIFY2(teams.exitCode == 0, teams.err.constData());
    QVERIFY(teams.out.contains("T123NHFDRF"));
    const Run create = thena({ u"create-app"_s, u"--manifest"_s, manifest, u"--apps-url"_s, fake,
                               u"--timeout"_s, u"10"_s },
                             {}, unset);
    QVERIFY2(create.exitCode == 0, create.err.constData());
    const Run install = thena({ u"install"_s, u"--app"_s, u"A1"_s, u"--team"_s, u"T123NHFDRF"_s,
                                u"--apps-url"_s, fake + u"/"_s, u"--timeout"_s, u"10"_s },
                              {}, unset);
    QVERIFY2(install.exitCode == 0, install.err.constData());
    QCOMPARE(m_server->requestsTo(FakeThenaServer::TeamsPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::CreateAppPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::InstallPath).size(), 1);

    // An option wins over the variable (which points at a closed port here).
    QProcessEnvironment elsewhere;
    elsewhere.insert(u"HOOKSCOPE_THENA_APPS_URL"_s, u"http://127.0.0.1:9"_s);
    elsewhere.insert(u"HOOKSCOPE_THENA_PLATFORM_URL"_s, u"http://127.0.0.1:9"_s);
    const Run overridden =
            thena({ u"teams"_s, u"--platform-url"_s, fake, u"--json"_s }, {}, elsewhere);
    QVERIFY2(overridden.exitCode == 0, overridden.err.constData());
    QCOMPARE(m_server->requestsTo(FakeThenaServer::TeamsPath).size(), 2);
    const Run curl = thena({ u"create-app"_s, u"--manifest"_s, manifest, u"--apps-url"_s,
                             u"https://apps.example.test"_s, u"--print-curl"_s },
                           {}, elsewhere);
    QVERIFY2(curl.exitCode == 0, curl.err.constData());
    QVERIFY2(curl.out.contains("curl -X POST 'https://apps.example.test/apps/create-app'"),
             curl.out.constData());
    // Without the option, the variable is used.
    const Run fromEnv = thena({ u"teams"_s, u"--print-curl"_s }, {}, elsewhere);
    QVERIFY2(fromEnv.out.contains("curl 'http://127.0.0.1:9/v1/teams'"), fromEnv.out.constData());
}

void tst_ThenaCli::installUnknownAppWithSettings()
{
    // An app made elsewhere (curl, another machine): Hookscope installs it and remembers it.
    QVERIFY(appsJson().value(u"apps"_s).toArray().isEmpty());
    const QString appId = u"APPMADEELSEWHERE0000000001"_s;
    const Run run =
            thena({ u"install"_s, u"--app"_s, appId, u"--team"_s, u"T123NHFDRF"_s, u"--setting"_s,
                    u"region=eu"_s, u"--setting"_s, u"greeting=hello = world"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains((u"Installed app "_s + appId + u" on T123NHFDRF\n"_s).toUtf8()),
             run.out.constData());
    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().json(),
             (QJsonObject{ { u"teamIds"_s, QJsonArray{ u"T123NHFDRF"_s } },
                           { u"appId"_s, appId },
                           { u"appConfiguration"_s,
                             QJsonObject{ { u"required_settings"_s,
                                            QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s },
                                                                     { u"value"_s, u"eu"_s } },
                                                        QJsonObject{ { u"key"_s, u"greeting"_s },
                                                                     { u"value"_s,
                                                                       u"hello = world"_s } } } },
                                          { u"optional_settings"_s, QJsonArray() } } } }));

    const QJsonArray apps = appsJson().value(u"apps"_s).toArray();
    QCOMPARE(apps.size(), 1);
    const QJsonObject app = apps.first().toObject();
    QCOMPARE(app.value(u"appId"_s).toString(), appId);
    QCOMPARE(app.value(u"name"_s).toString(), u"Hookscope monitor"_s); // from the install answer
    QCOMPARE(app.value(u"teams"_s).toArray(), QJsonArray{ u"T123NHFDRF"_s });

    // Uninstalling it updates the same entry.
    const Run uninstall =
            thena({ u"uninstall"_s, u"--app"_s, appId, u"--team"_s, u"T123NHFDRF"_s });
    QVERIFY2(uninstall.exitCode == 0, uninstall.err.constData());
    QCOMPARE(appsJson().value(u"apps"_s).toArray().first().toObject().value(u"teams"_s).toArray(),
             QJsonArray());
}

void tst_ThenaCli::installManifestSettings()
{
    const QString manifest = settingsManifest();
    const QStringList target{ u"install"_s,    u"--app"_s,      u"A1"_s, u"--team"_s,
                              u"T123NHFDRF"_s, u"--manifest"_s, manifest };

    // A required setting without a value: nothing is sent, and the message names it.
    const Run missing = thena(target);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("requires the setting region (Data region): give its value with "
                                  "--setting KEY=VALUE"),
             missing.err.constData());
    QVERIFY2(!missing.err.contains("tier"), missing.err.constData()); // it has a default
    const Run optionalOnly = thena(
            target + QStringList{ u"--setting"_s, u"channel=ops"_s, u"--setting"_s, u"region="_s });
    QCOMPARE(optionalOnly.exitCode, 2);
    QVERIFY2(optionalOnly.err.contains("region (Data region)"), optionalOnly.err.constData());
    const Run unknown = thena(
            target + QStringList{ u"--setting"_s, u"region=eu"_s, u"--setting"_s, u"bogus=1"_s });
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(
            unknown.err.contains("declares no setting bogus (its settings: region, tier, channel)"),
            unknown.err.constData());
    QVERIFY(m_server->requests().isEmpty());

    // All given: appConfiguration carries them (the default for tier).
    const Run run = thena(
            target
            + QStringList{ u"--setting"_s, u"region=eu"_s, u"--setting"_s, u"channel=ops"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject expectedConfiguration{
        { u"required_settings"_s,
          QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s }, { u"value"_s, u"eu"_s } },
                      QJsonObject{ { u"key"_s, u"tier"_s }, { u"value"_s, u"standard"_s } } } },
        { u"optional_settings"_s,
          QJsonArray{ QJsonObject{ { u"key"_s, u"channel"_s }, { u"value"_s, u"ops"_s } } } }
    };
    QCOMPARE(m_server->requestsTo(FakeThenaServer::InstallPath)
                     .first()
                     .json()
                     .value(u"appConfiguration"_s)
                     .toObject(),
             expectedConfiguration);

    // Reinstall takes the same settings; a value given for a setting with a default wins.
    const Run reinstall = thena(target
                                + QStringList{ u"--reinstall"_s, u"--setting"_s, u"region=us"_s,
                                               u"--setting"_s, u"tier=premium"_s });
    QVERIFY2(reinstall.exitCode == 0, reinstall.err.constData());
    QCOMPARE(m_server->requestsTo(FakeThenaServer::ReinstallPath)
                     .first()
                     .json()
                     .value(u"appConfiguration"_s)
                     .toObject(),
             (QJsonObject{ { u"required_settings"_s,
                             QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s },
                                                      { u"value"_s, u"us"_s } },
                                         QJsonObject{ { u"key"_s, u"tier"_s },
                                                      { u"value"_s, u"premium"_s } } } },
                           { u"optional_settings"_s, QJsonArray() } }));
}

void tst_ThenaCli::installRecordsConfirmedTeams()
{
    // The install answer of the fixture lists T123NHFDRF only: T456QWERTY is not recorded.
    m_server->setResponse(FakeThenaServer::InstallPath, FakeThenaResponse::install());
    const QString appId = u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s;
    const QStringList target{ u"install"_s, u"--app"_s, appId, u"--team"_s,
                              u"T123NHFDRF,T456QWERTY"_s };
    const Run run = thena(target);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("Installed app EGHG8R3K9HGU98JJ81W5EKQRM2X9 on T123NHFDRF\n"),
             run.out.constData());
    QVERIFY2(run.err.contains("Thena's answer does not confirm the app on T456QWERTY; not recorded "
                              "as installed there"),
             run.err.constData());
    QCOMPARE(appsJson()[u"apps"_s][0][u"teams"_s].toArray(), QJsonArray{ u"T123NHFDRF"_s });

    const Run json = thena(target + QStringList{ u"--json"_s });
    QVERIFY2(json.exitCode == 0, json.err.constData());
    QCOMPARE(json.json().value(u"teams"_s).toArray(),
             (QJsonArray{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    QCOMPARE(json.json().value(u"confirmedTeams"_s).toArray(), QJsonArray{ u"T123NHFDRF"_s });
    QCOMPARE(json.json().value(u"unconfirmedTeams"_s).toArray(), QJsonArray{ u"T456QWERTY"_s });

    // An install answer without the list confirms nothing: nothing new is recorded.
    m_server->setResponse(
            FakeThenaServer::InstallPath,
            FakeThenaResponse::json(201, { { u"appName"_s, u"Hookscope monitor"_s } }));
    const Run none = thena({ u"install"_s, u"--app"_s, appId, u"--team"_s, u"T456QWERTY"_s });
    QVERIFY2(none.exitCode == 0, none.err.constData());
    QVERIFY2(none.out.contains("Installed app EGHG8R3K9HGU98JJ81W5EKQRM2X9: Thena's answer "
                               "confirms no team\n"),
             none.out.constData());
    QCOMPARE(appsJson()[u"apps"_s][0][u"teams"_s].toArray(), QJsonArray{ u"T123NHFDRF"_s });
}

QTEST_GUILESS_MAIN(tst_ThenaCli)
#include "tst_thenacli.moc"
