// SPDX-License-Identifier: MIT
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "core/thena/thenaclient.h"
#include "tests/support/fakethenaserver.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Hookscope;

Q_DECLARE_METATYPE(Hookscope::ThenaError)
Q_DECLARE_METATYPE(Hookscope::ThenaCall)

namespace {

QJsonObject fixtureObject(const QString &name)
{
    return QJsonDocument::fromJson(Fixtures::read(name)).object();
}

// ThenaReply is owned by the caller once finished.
struct ReplyDeleter
{
    void operator()(ThenaReply *reply) const { delete reply; }
};
using ReplyPtr = std::unique_ptr<ThenaReply, ReplyDeleter>;

} // namespace

// ThenaClient against a fake Thena on loopback: the requests it sends, byte for byte, and
// every way a call can end.
class tst_ThenaClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void listTeams();
    void createAppSendsPrivateManifest();
    void createAppResponseShapes_data();
    void createAppResponseShapes();
    void install();
    void reinstall();
    void uninstall();

    void failures_data();
    void failures();
    void wrongKeyIsRejectedByTheServer();
    void invalidBodyGetsServerMessage();
    void noKeyMeansNothingSent();
    void timeout();
    void cancelWhileWaiting();
    void cancelRightAway();
    void connectionRefused();
    void tlsFailure_data();
    void tlsFailure();
    void redirectIsNotFollowed();

    void teamShapes_data();
    void teamShapes();
    void installShapes();

    void keyNeverLeaks();
    void baseUrls();
    void curlIsEquivalent_data();
    void curlIsEquivalent();

private:
    ReplyPtr wait(ThenaReply *reply, int timeoutMs = 10000);
    ThenaReply *call(ThenaCall call);

    std::unique_ptr<FakeThenaServer> m_server;
    std::unique_ptr<ThenaClient> m_client;
};

void tst_ThenaClient::init()
{
    m_server = std::make_unique<FakeThenaServer>();
    QVERIFY(m_server->listen());
    m_client = std::make_unique<ThenaClient>();
    m_client->setAppsUrl(m_server->url());
    m_client->setPlatformUrl(m_server->url());
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
}

ReplyPtr tst_ThenaClient::wait(ThenaReply *reply, int timeoutMs)
{
    ReplyPtr owned(reply);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &ThenaReply::finished);
        if (!finished.wait(timeoutMs))
            qWarning("reply did not finish within %d ms", timeoutMs);
    }
    return owned;
}

ThenaReply *tst_ThenaClient::call(ThenaCall call)
{
    const QStringList teams{ u"T123NHFDRF"_s };
    switch (call) {
    case ThenaCall::ListTeams:
        return m_client->listTeams();
    case ThenaCall::CreateApp:
        return m_client->createApp(fixtureObject(u"manifest-webhook-app.json"_s));
    case ThenaCall::Install:
        return m_client->install(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s, teams);
    case ThenaCall::Reinstall:
        return m_client->reinstall(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s, teams);
    case ThenaCall::Uninstall:
        return m_client->uninstall(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s, teams);
    }
    return nullptr;
}

void tst_ThenaClient::listTeams()
{
    const ReplyPtr reply = wait(m_client->listTeams());
    QVERIFY(reply->isFinished());
    const ThenaResult &r = reply->result();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(r.error, ThenaError::None);
    QCOMPARE(r.httpStatus, 200);
    QCOMPARE(r.body, Fixtures::read(u"list-teams-response.json"_s));
    QCOMPARE(r.teams.size(), 2);
    QCOMPARE(r.teams.at(0).id, u"T123NHFDRF"_s);
    QCOMPARE(r.teams.at(0).teamId, u"T123NHFDRF"_s);
    QCOMPARE(r.teams.at(0).name, u"Support EMEA"_s);
    QCOMPARE(r.teams.at(0).identifier, u"EMEA"_s);
    QVERIFY(r.teams.at(0).isActive);
    QVERIFY(!r.teams.at(0).isPrivate);
    QVERIFY(r.teams.at(0).parentTeamId.isEmpty());
    QCOMPARE(r.teams.at(1).teamId, u"T456QWERTY"_s);

    QCOMPARE(m_server->requests().size(), 1);
    const FakeThenaRequest &sent = m_server->requests().first();
    QCOMPARE(sent.method, "GET");
    QCOMPARE(sent.path, u"/v1/teams"_s);
    QCOMPARE(sent.header("x-api-key"), QByteArray(FakeThenaServer::DefaultApiKey.data()));
    QCOMPARE(sent.header("content-type"), "application/json");
    QCOMPARE(sent.header("user-agent"),
             QByteArray("Hookscope/" HOOKSCOPE_VERSION)); // not a browser's
    QVERIFY(sent.body.isEmpty());
}

void tst_ThenaClient::createAppSendsPrivateManifest()
{
    const ReplyPtr reply = wait(call(ThenaCall::CreateApp));
    const ThenaResult &r = reply->result();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(r.httpStatus, 201);
    QCOMPARE(r.app.appId, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);

    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::CreateAppPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().method, "POST");
    QCOMPARE(sent.first().header("x-api-key"), QByteArray(FakeThenaServer::DefaultApiKey.data()));
    QCOMPARE(sent.first().header("content-type"), "application/json");
    // Exactly the documented request: {"app_visibility":"private","manifest":{...}}.
    QCOMPARE(sent.first().json(), fixtureObject(u"create-app-request.json"_s));
    QCOMPARE(sent.first().json().value(u"app_visibility"_s).toString(), u"private"_s);
    QCOMPARE(sent.first().json().keys(), (QStringList{ u"app_visibility"_s, u"manifest"_s }));
}

void tst_ThenaClient::createAppResponseShapes_data()
{
    QTest::addColumn<FakeThenaResponse>("response");
    QTest::addColumn<QString>("appId");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("clientSecret");

    QTest::addRow("guide {appId, clientId, clientSecret}")
            << FakeThenaResponse::createAppGuide() << u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s << QString()
            << QString() << u"cli_7d1f0c2e9b"_s << u"cs_live_3b9f7a1e2d4c6b8a"_s;
    QTest::addRow("reference {uid, name, slug, ...}")
            << FakeThenaResponse::createAppReference() << u"VGQJEZEJ10WXAMPLE0000000001"_s
            << u"Hookscope monitor"_s << u"hookscope-monitor-acme"_s << QString() << QString();
    QTest::addRow("data.appId") << FakeThenaResponse::createAppWrapped(u"appId"_s, u"APPDATA01"_s)
                                << u"APPDATA01"_s << u"Hookscope monitor"_s
                                << u"hookscope-monitor-acme"_s << QString() << QString();
    QTest::addRow("data.uid") << FakeThenaResponse::createAppWrapped(u"uid"_s, u"UIDDATA02"_s)
                              << u"UIDDATA02"_s << u"Hookscope monitor"_s
                              << u"hookscope-monitor-acme"_s << QString() << QString();
    QTest::addRow("appId beside uid wins")
            << FakeThenaResponse::json(201, { { u"uid"_s, u"UID"_s }, { u"appId"_s, u"APPID"_s } })
            << u"APPID"_s << QString() << QString() << QString() << QString();
}

void tst_ThenaClient::createAppResponseShapes()
{
    QFETCH(FakeThenaResponse, response);
    QFETCH(QString, appId);
    QFETCH(QString, name);
    QFETCH(QString, slug);
    QFETCH(QString, clientId);
    QFETCH(QString, clientSecret);

    m_server->setResponse(FakeThenaServer::CreateAppPath, response);
    const ReplyPtr reply = wait(call(ThenaCall::CreateApp));
    const ThenaResult &r = reply->result();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(r.app.appId, appId);
    QCOMPARE(r.app.name, name);
    QCOMPARE(r.app.slug, slug);
    QCOMPARE(r.app.clientId, clientId);
    QCOMPARE(r.app.clientSecret, clientSecret);
    QCOMPARE(r.body, response.body);
}

void tst_ThenaClient::install()
{
    const ReplyPtr reply = wait(call(ThenaCall::Install));
    const ThenaResult &r = reply->result();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(r.httpStatus, 201);
    QCOMPARE(r.install.appName, u"Hookscope monitor"_s);
    QCOMPARE(r.install.botSub, u"B0HOOK01"_s);
    QCOMPARE(r.install.botTokenKey, u"btk_01"_s);
    QCOMPARE(r.install.installedByEmail, u"sam@example.com"_s);
    QCOMPARE(r.install.appInstalledForTeams, QStringList{ u"T123NHFDRF"_s });
    QCOMPARE(r.install.appIdentifier, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(r.install.installedByOrgId, u"O0ACME0001"_s);

    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().method, "POST");
    QCOMPARE(sent.first().header("content-type"), "application/json");
    QCOMPARE(sent.first().json(), fixtureObject(u"install-app-request.json"_s));

    // Several teams and a configuration go through as given.
    const QJsonObject config{ { u"required_settings"_s,
                                QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s } } } },
                              { u"optional_settings"_s, QJsonArray() } };
    const ReplyPtr two =
            wait(m_client->install(u"APP1"_s, { u"T123NHFDRF"_s, u"T456QWERTY"_s }, config));
    QVERIFY2(two->result().ok, qPrintable(two->result().message));
    QCOMPARE(two->result().install.appInstalledForTeams,
             (QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    const QJsonObject body = m_server->requests().last().json();
    QCOMPARE(body.value(u"teamIds"_s).toArray(), (QJsonArray{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    QCOMPARE(body.value(u"appConfiguration"_s).toObject(), config);
}

void tst_ThenaClient::reinstall()
{
    const ReplyPtr reply = wait(call(ThenaCall::Reinstall));
    QVERIFY2(reply->result().ok, qPrintable(reply->result().message));
    QCOMPARE(reply->result().httpStatus, 200);
    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::ReinstallPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().method, "POST");
    QCOMPARE(sent.first().json(), fixtureObject(u"install-app-request.json"_s));

    // Success bodies are undocumented: an install-shaped one is parsed, an empty one is fine.
    m_server->enqueueResponse(FakeThenaServer::ReinstallPath, FakeThenaResponse::install());
    const ReplyPtr shaped = wait(call(ThenaCall::Reinstall));
    QVERIFY(shaped->result().ok);
    QCOMPARE(shaped->result().install.botSub, u"B0HOOK01"_s);
    FakeThenaResponse empty;
    empty.status = 204;
    m_server->enqueueResponse(FakeThenaServer::ReinstallPath, empty);
    const ReplyPtr none = wait(call(ThenaCall::Reinstall));
    QVERIFY2(none->result().ok, qPrintable(none->result().message));
    QCOMPARE(none->result().httpStatus, 204);
}

void tst_ThenaClient::uninstall()
{
    const ReplyPtr reply = wait(call(ThenaCall::Uninstall));
    QVERIFY2(reply->result().ok, qPrintable(reply->result().message));
    QCOMPARE(reply->result().serverMessage, u"App uninstalled successfully"_s);
    const QList<FakeThenaRequest> sent = m_server->requestsTo(FakeThenaServer::UninstallPath);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().method, "POST");
    QCOMPARE(sent.first().json(),
             (QJsonObject{ { u"teamIds"_s, QJsonArray{ u"T123NHFDRF"_s } },
                           { u"appId"_s, u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s } }));

    // Plain-text answers are shown as they are.
    FakeThenaResponse text;
    text.contentType = "text/plain";
    text.body = "OK";
    m_server->enqueueResponse(FakeThenaServer::UninstallPath, text);
    const ReplyPtr plain = wait(call(ThenaCall::Uninstall));
    QVERIFY(plain->result().ok);
    QCOMPARE(plain->result().body, "OK");
}

void tst_ThenaClient::failures_data()
{
    QTest::addColumn<ThenaCall>("call");
    QTest::addColumn<QString>("path");
    QTest::addColumn<FakeThenaResponse>("response");
    QTest::addColumn<ThenaError>("error");
    QTest::addColumn<QString>("message");

    const QString teams = FakeThenaServer::TeamsPath;
    const QString create = FakeThenaServer::CreateAppPath;
    const QString install = FakeThenaServer::InstallPath;
    FakeThenaResponse plain503;
    plain503.status = 503;
    plain503.contentType = "text/html";
    plain503.body = "<html><body>Service Unavailable</body></html>";
    FakeThenaResponse empty200;
    FakeThenaResponse html200;
    html200.contentType = "text/html";
    html200.body = "<!doctype html><title>Login</title>";

    QTest::addRow("401 teams") << ThenaCall::ListTeams << teams << FakeThenaResponse::keyRejected()
                               << ThenaError::KeyRejected
                               << u"API key rejected (401): Invalid API key"_s;
    QTest::addRow("403 create") << ThenaCall::CreateApp << create << FakeThenaResponse::forbidden()
                                << ThenaError::KeyRejected
                                << u"API key rejected (403): Forbidden resource"_s;
    QTest::addRow("400 with message")
            << ThenaCall::CreateApp << create
            << FakeThenaResponse::badRequest(
                       u"App with slug hookscope-monitor-acme already exists"_s)
            << ThenaError::Validation
            << u"Request rejected (400): App with slug hookscope-monitor-acme already exists"_s;
    QTest::addRow("400 with message list")
            << ThenaCall::Install << install
            << FakeThenaResponse::json(400,
                                       { { u"message"_s,
                                           QJsonArray{ u"teamIds must be an array"_s,
                                                       u"appId must be a string"_s } },
                                         { u"statusCode"_s, 400 } })
            << ThenaError::Validation
            << u"Request rejected (400): teamIds must be an array; appId must be a string"_s;
    QTest::addRow("404 without body")
            << ThenaCall::Install << install << FakeThenaResponse::json(404, {})
            << ThenaError::Validation << u"Request rejected (404)"_s;
    QTest::addRow("500") << ThenaCall::Install << install << FakeThenaResponse::serverError()
                         << ThenaError::Server
                         << u"Thena server error (500): Internal server error"_s;
    QTest::addRow("503 html") << ThenaCall::ListTeams << teams << plain503 << ThenaError::Server
                              << u"Thena server error (503)"_s;
    QTest::addRow("malformed JSON create")
            << ThenaCall::CreateApp << create << FakeThenaResponse::malformedJson()
            << ThenaError::BadResponse
            << u"Unexpected answer from Thena (200): the body is not valid JSON ("_s;
    QTest::addRow("malformed JSON teams")
            << ThenaCall::ListTeams << teams << FakeThenaResponse::malformedJson()
            << ThenaError::BadResponse
            << u"Unexpected answer from Thena (200): the body is not valid JSON ("_s;
    QTest::addRow("html instead of JSON")
            << ThenaCall::Install << install << html200 << ThenaError::BadResponse
            << u"Unexpected answer from Thena (200): the body is not valid JSON ("_s;
    QTest::addRow("empty body") << ThenaCall::ListTeams << teams << empty200
                                << ThenaError::BadResponse
                                << u"Unexpected answer from Thena (200): the body is empty"_s;
    QTest::addRow("create without id")
            << ThenaCall::CreateApp << create
            << FakeThenaResponse::json(201, { { u"name"_s, u"x"_s } }) << ThenaError::BadResponse
            << u"Unexpected answer from Thena (201): no app ID"_s;
    QTest::addRow("teams without list")
            << ThenaCall::ListTeams << teams
            << FakeThenaResponse::json(200, { { u"status"_s, true } }) << ThenaError::BadResponse
            << u"Unexpected answer from Thena (200): no list of teams"_s;
}

void tst_ThenaClient::failures()
{
    QFETCH(ThenaCall, call);
    QFETCH(QString, path);
    QFETCH(FakeThenaResponse, response);
    QFETCH(ThenaError, error);
    QFETCH(QString, message);

    m_server->setResponse(path, response);
    ThenaReply *reply = this->call(call);
    QSignalSpy finished(reply, &ThenaReply::finished);
    const ReplyPtr done = wait(reply);
    const ThenaResult &r = done->result();
    QCOMPARE(finished.size(), 1);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, error);
    QCOMPARE(r.call, call);
    QVERIFY2(r.message.startsWith(message), qPrintable(r.message));
    QCOMPARE(r.httpStatus, response.status);
    QCOMPARE(r.body, response.body); // what the server said, always there to show
    QCOMPARE(m_server->requestsTo(path).size(), 1);
}

void tst_ThenaClient::wrongKeyIsRejectedByTheServer()
{
    m_client->setApiKey(u"not-the-key"_s);
    const ReplyPtr reply = wait(m_client->listTeams());
    QCOMPARE(reply->result().error, ThenaError::KeyRejected);
    QCOMPARE(reply->result().message, u"API key rejected (401): Invalid API key"_s);
    QCOMPARE(reply->result().serverMessage, u"Invalid API key"_s);
    QCOMPARE(m_server->requests().first().header("x-api-key"), "not-the-key");
}

void tst_ThenaClient::invalidBodyGetsServerMessage()
{
    // The fake's own validation: an empty app name is a 400 with the server's words.
    QJsonObject manifest = fixtureObject(u"manifest-webhook-app.json"_s);
    QJsonObject app = manifest.value(u"app"_s).toObject();
    app.remove(u"name"_s);
    manifest.insert(u"app"_s, app);
    const ReplyPtr reply = wait(m_client->createApp(manifest));
    QCOMPARE(reply->result().error, ThenaError::Validation);
    QCOMPARE(reply->result().message,
             u"Request rejected (400): manifest.app.name should not be empty"_s);
}

void tst_ThenaClient::noKeyMeansNothingSent()
{
    m_client->setApiKey(u"   "_s);
    QVERIFY(!m_client->hasApiKey());
    ThenaReply *reply = m_client->listTeams();
    QVERIFY(!reply->isFinished()); // asynchronous even when nothing is sent
    const ReplyPtr done = wait(reply);
    QCOMPARE(done->result().error, ThenaError::KeyRejected);
    QCOMPARE(done->result().httpStatus, 0);
    QVERIFY(done->result().message.contains(u"No API key"_s));
    QVERIFY(m_server->requests().isEmpty());
}

void tst_ThenaClient::timeout()
{
    m_client->setTimeout(300ms);
    m_server->setResponse(FakeThenaServer::TeamsPath,
                          FakeThenaResponse::slow(FakeThenaResponse::teams()));
    QElapsedTimer clock;
    clock.start();
    const ReplyPtr reply = wait(m_client->listTeams());
    QCOMPARE(reply->result().error, ThenaError::Timeout);
    QCOMPARE(reply->result().message, u"No answer from 127.0.0.1 within 300 ms"_s);
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_client->timeout(), 300ms);
    m_client->setTimeout(0ms);
    QCOMPARE(m_client->timeout(), ThenaClient::DefaultTimeout);
}

void tst_ThenaClient::cancelWhileWaiting()
{
    m_server->setResponse(FakeThenaServer::CreateAppPath,
                          FakeThenaResponse::slow(FakeThenaResponse::createAppGuide()));
    ThenaReply *reply = call(ThenaCall::CreateApp);
    QSignalSpy finished(reply, &ThenaReply::finished);
    QSignalSpy received(m_server.get(), &FakeThenaServer::requestReceived);
    QVERIFY(received.wait(5000));
    reply->cancel();
    QTRY_COMPARE(finished.size(), 1);
    const ReplyPtr done(reply);
    QCOMPARE(reply->result().error, ThenaError::Cancelled);
    QCOMPARE(reply->result().message, u"Cancelled"_s);
    reply->cancel(); // no effect once finished
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void tst_ThenaClient::cancelRightAway()
{
    ThenaReply *reply = m_client->listTeams();
    QSignalSpy finished(reply, &ThenaReply::finished);
    reply->cancel();
    QTRY_COMPARE(finished.size(), 1);
    const ReplyPtr done(reply);
    QCOMPARE(reply->result().error, ThenaError::Cancelled);
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void tst_ThenaClient::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    m_client->setPlatformUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort)));
    const ReplyPtr reply = wait(m_client->listTeams());
    QCOMPARE(reply->result().error, ThenaError::Network);
    QCOMPARE(reply->result().httpStatus, 0);
    QVERIFY2(reply->result().message.startsWith(u"Cannot reach 127.0.0.1: "_s),
             qPrintable(reply->result().message));
    QVERIFY2(reply->result().message.contains(u"refused"_s, Qt::CaseInsensitive),
             qPrintable(reply->result().message));
}

void tst_ThenaClient::tlsFailure_data()
{
    QTest::addColumn<bool>("selfSigned");
    QTest::addRow("plain HTTP answer to a TLS hello") << false;
    QTest::addRow("self-signed certificate") << true;
}

void tst_ThenaClient::tlsFailure()
{
    QFETCH(bool, selfSigned);
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");

    std::unique_ptr<QTcpServer> server;
    QTemporaryDir dir;
    if (selfSigned) {
        // What a TLS-intercepting proxy looks like to us: a certificate no CA vouches for.
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty())
            QSKIP("openssl is not installed: cannot make a self-signed certificate");
        QProcess gen;
        gen.start(openssl,
                  { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s,
                    u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-keyout"_s,
                    dir.filePath(u"key.pem"_s), u"-out"_s, dir.filePath(u"cert.pem"_s) });
        QVERIFY(gen.waitForFinished(30000));
        QCOMPARE(gen.exitCode(), 0);
        QFile certFile(dir.filePath(u"cert.pem"_s));
        QFile keyFile(dir.filePath(u"key.pem"_s));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(certFile.readAll()));
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        auto ssl = std::make_unique<QSslServer>();
        ssl->setSslConfiguration(config);
        server = std::move(ssl);
    } else {
        // A server that answers in plain HTTP whatever it is sent (as nginx does on a TLS hello).
        server = std::make_unique<QTcpServer>();
        connect(server.get(), &QTcpServer::pendingConnectionAvailable, this, [&server] {
            QTcpSocket *socket = server->nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: "
                              "close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
    }
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    m_client->setPlatformUrl(QUrl(u"https://127.0.0.1:%1"_s.arg(server->serverPort())));
    const ReplyPtr reply = wait(m_client->listTeams());
    QVERIFY2(reply->result().error == ThenaError::Tls, qPrintable(reply->result().message));
    QVERIFY2(reply->result().message.startsWith(u"Secure connection to 127.0.0.1 failed: "_s),
             qPrintable(reply->result().message));
    QCOMPARE(reply->result().httpStatus, 0);
}

void tst_ThenaClient::redirectIsNotFollowed()
{
    FakeThenaResponse redirect;
    redirect.status = 302;
    redirect.body = "{}";
    redirect.headers = { { "Location", "http://127.0.0.1:1/steal" } };
    m_server->setResponse(FakeThenaServer::TeamsPath, redirect);
    const ReplyPtr reply = wait(m_client->listTeams());
    QCOMPARE(reply->result().error, ThenaError::BadResponse);
    QCOMPARE(reply->result().httpStatus, 302);
    QVERIFY2(reply->result().message.contains(u"not followed"_s),
             qPrintable(reply->result().message));
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_ThenaClient::teamShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("teamIds");

    QTest::addRow("documented") << Fixtures::read(u"list-teams-response.json"_s)
                                << QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s };
    QTest::addRow("bare array") << QByteArray(
            R"([{"id":"T1AAAA","name":"A"},{"teamId":"T2BBBB","name":"B"}])")
                                << QStringList{ u"T1AAAA"_s, u"T2BBBB"_s };
    QTest::addRow("teams key") << QByteArray(R"({"teams":[{"id":"T1AAAA"}]})")
                               << QStringList{ u"T1AAAA"_s };
    QTest::addRow("numeric id, no id") << QByteArray(R"({"data":[{"id":12345},{"name":"no id"}]})")
                                       << QStringList{ u"12345"_s };
    QTest::addRow("empty") << QByteArray(R"({"status":true,"data":[]})") << QStringList();
}

void tst_ThenaClient::teamShapes()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, teamIds);
    const ThenaResult r = ThenaResult::fromHttp(ThenaCall::ListTeams, 200, body);
    QVERIFY2(r.ok, qPrintable(r.message));
    QStringList ids;
    for (const ThenaTeam &t : r.teams) {
        ids.append(t.teamId);
        QVERIFY(!t.id.isEmpty());
    }
    QCOMPARE(ids, teamIds);

    const ThenaResult flags = ThenaResult::fromHttp(
            ThenaCall::ListTeams, 200,
            R"({"data":[{"id":"T9SUB","teamId":"T9SUB","isActive":false,"isPrivate":true,"parentTeamId":"T1TOP"}]})");
    QCOMPARE(flags.teams.size(), 1);
    QVERIFY(!flags.teams.first().isActive);
    QVERIFY(flags.teams.first().isPrivate);
    QCOMPARE(flags.teams.first().parentTeamId, u"T1TOP"_s);
}

void tst_ThenaClient::installShapes()
{
    // Wrapped in data, teams as objects: still understood.
    const ThenaResult r = ThenaResult::fromHttp(
            ThenaCall::Install, 201,
            R"({"data":{"appName":"M","botSub":"B1","appInstalledForTeams":[{"teamId":"T1AAAA"},{"id":"T2BBBB"},"T3CCCC"]}})");
    QVERIFY(r.ok);
    QCOMPARE(r.install.appName, u"M"_s);
    QCOMPARE(r.install.botSub, u"B1"_s);
    QCOMPARE(r.install.appInstalledForTeams,
             (QStringList{ u"T1AAAA"_s, u"T2BBBB"_s, u"T3CCCC"_s }));
    // The bot token in the documented answer is not kept anywhere but the raw body.
    const ThenaResult documented = ThenaResult::fromHttp(
            ThenaCall::Install, 201, Fixtures::read(u"install-app-response.json"_s));
    QVERIFY(documented.ok);
    QCOMPARE(documented.install.botTokenKey, u"btk_01"_s);
    QCOMPARE(ThenaResult::serverMessageOf(R"({"error":{"message":"nested"}})"), u"nested"_s);
    QCOMPARE(ThenaResult::serverMessageOf(R"({"error":"Bad Request"})"), u"Bad Request"_s);
    QCOMPARE(ThenaResult::serverMessageOf("not json"), QString());
}

void tst_ThenaClient::keyNeverLeaks()
{
    const QString key = FakeThenaServer::DefaultApiKey;
    // A server that echoes the key back in its error.
    m_server->setResponse(FakeThenaServer::TeamsPath,
                          FakeThenaResponse::keyRejected(u"Invalid API key "_s + key));
    const ReplyPtr reply = wait(m_client->listTeams());
    const ThenaResult &r = reply->result();
    QCOMPARE(r.error, ThenaError::KeyRejected);
    QCOMPARE(r.message, u"API key rejected (401): Invalid API key <redacted>"_s);
    QVERIFY(!r.serverMessage.contains(key));
    QVERIFY(!r.body.contains(key.toUtf8()));
    QVERIFY(r.body.contains("<redacted>"));

    // Nor in any rendered request or failure message.
    for (ThenaCall c : { ThenaCall::ListTeams, ThenaCall::CreateApp, ThenaCall::Install,
                         ThenaCall::Reinstall, ThenaCall::Uninstall }) {
        m_server->reset();
        ReplyPtr sent = wait(call(c));
        QVERIFY2(sent->result().ok, qPrintable(sent->result().message));
        for (auto style :
             { ThenaRequest::KeyStyle::Redacted, ThenaRequest::KeyStyle::EnvironmentVariable }) {
            const QString curl = sent->request().toCurl(style);
            QVERIFY2(!curl.contains(key), qPrintable(curl));
            QVERIFY(curl.contains(u"x-api-key: "_s));
        }
        QVERIFY(!sent->request().body.contains(key.toUtf8()));
        QVERIFY(!sent->request().url.toString().contains(key));
    }
    m_server->setResponse(FakeThenaServer::InstallPath, FakeThenaResponse::slow());
    m_client->setTimeout(100ms);
    const ReplyPtr late = wait(call(ThenaCall::Install));
    QCOMPARE(late->result().error, ThenaError::Timeout);
    QVERIFY(!late->result().message.contains(key));
}

void tst_ThenaClient::baseUrls()
{
    qputenv("HOOKSCOPE_THENA_APPS_URL", "http://apps.example:8080/studio/");
    qunsetenv("HOOKSCOPE_THENA_PLATFORM_URL");
    QCOMPARE(ThenaClient::defaultAppsUrl(), QUrl(u"http://apps.example:8080/studio/"_s));
    QCOMPARE(ThenaClient::defaultPlatformUrl(), QUrl(u"https://platform.thena.ai"_s));
    {
        ThenaClient client;
        QCOMPARE(client.appsUrl(), QUrl(u"http://apps.example:8080/studio/"_s));
        QCOMPARE(client.createAppRequest({}).url,
                 QUrl(u"http://apps.example:8080/studio/apps/create-app"_s));
        QCOMPARE(client.listTeamsRequest().url, QUrl(u"https://platform.thena.ai/v1/teams"_s));
        QCOMPARE(client.timeout(), std::chrono::milliseconds(30000));
    }
    qunsetenv("HOOKSCOPE_THENA_APPS_URL");
    QCOMPARE(ThenaClient::defaultAppsUrl(), QUrl(u"https://apps-studio.thena.ai"_s));
    ThenaClient client;
    QCOMPARE(client.installRequest(u"A"_s, { u"T1234"_s }).url,
             QUrl(u"https://apps-studio.thena.ai/apps/install"_s));
    QCOMPARE(client.reinstallRequest(u"A"_s, { u"T1234"_s }).url,
             QUrl(u"https://apps-studio.thena.ai/apps/reinstall"_s));
    QCOMPARE(client.uninstallRequest(u"A"_s, { u"T1234"_s }).url,
             QUrl(u"https://apps-studio.thena.ai/apps/uninstall"_s));

    // A path prefix on the fake is kept.
    m_client->setPlatformUrl(QUrl(m_server->url().toString() + u"/prefix/"_s));
    const ReplyPtr reply = wait(m_client->listTeams());
    QCOMPARE(m_server->requests().last().path, u"/prefix/v1/teams"_s);
}

void tst_ThenaClient::curlIsEquivalent_data()
{
    QTest::addColumn<ThenaCall>("call");
    QTest::addRow("teams") << ThenaCall::ListTeams;
    QTest::addRow("create app") << ThenaCall::CreateApp;
    QTest::addRow("install") << ThenaCall::Install;
    QTest::addRow("uninstall") << ThenaCall::Uninstall;
}

void tst_ThenaClient::curlIsEquivalent()
{
    QFETCH(ThenaCall, call);
    const QString curlExe = QStandardPaths::findExecutable(u"curl"_s);
    if (curlExe.isEmpty())
        QSKIP("curl is not installed");

    // A manifest with quotes of both kinds, a newline and non-ASCII text in it.
    QJsonObject manifest = fixtureObject(u"manifest-webhook-app.json"_s);
    QJsonObject app = manifest.value(u"app"_s).toObject();
    app.insert(u"description"_s, u"It's \"quoted\" — $HOME `id` \\n\nsecond line"_s);
    manifest.insert(u"app"_s, app);

    ThenaRequest request;
    switch (call) {
    case ThenaCall::ListTeams:
        request = m_client->listTeamsRequest();
        break;
    case ThenaCall::CreateApp:
        request = m_client->createAppRequest(manifest);
        break;
    case ThenaCall::Install:
        request = m_client->installRequest(u"O'Brien"_s, { u"T123NHFDRF"_s });
        break;
    default:
        request = m_client->uninstallRequest(u"APP1"_s, { u"T123NHFDRF"_s });
        break;
    }
    // The curl command, run by a real shell, sends what ThenaClient sends.
    const ReplyPtr viaClient = wait(m_client->send(request));
    QVERIFY(viaClient->result().httpStatus > 0);
    const FakeThenaRequest fromClient = m_server->requests().last();

    QProcess shell;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(ThenaClient::ApiKeyVariable, FakeThenaServer::DefaultApiKey);
    shell.setProcessEnvironment(env);
    const QString command = request.toCurl(ThenaRequest::KeyStyle::EnvironmentVariable);
    shell.start(u"/bin/sh"_s, { u"-c"_s, command + u" -sS -o /dev/null"_s });
    QVERIFY(shell.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, 15000);
    QVERIFY2(shell.exitCode() == 0, shell.readAllStandardError().constData());
    QCOMPARE(m_server->requests().size(), 2);
    const FakeThenaRequest fromCurl = m_server->requests().last();
    QCOMPARE(fromCurl.method, fromClient.method);
    QCOMPARE(fromCurl.path, fromClient.path);
    QCOMPARE(fromCurl.body, fromClient.body);
    QCOMPARE(fromCurl.header("x-api-key"), fromClient.header("x-api-key"));
    QCOMPARE(fromCurl.header("content-type"), fromClient.header("content-type"));
}

QTEST_GUILESS_MAIN(tst_ThenaClient)
#include "tst_thenaclient.moc"
