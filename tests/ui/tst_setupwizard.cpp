// SPDX-License-Identifier: MIT
#include <QCheckBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "appsdialog.h"
#include "eventpicker.h"
#include "fakethenaserver.h"
#include "pages/apikeypage.h"
#include "pages/createpage.h"
#include "pages/endpointpage.h"
#include "pages/installpage.h"
#include "pages/manifestpage.h"
#include "pages/teamspage.h"
#include "receiver/receiver.h"
#include "relay/relayclient.h"
#include "relay/relayserver.h"
#include "setupwizard.h"
#include "store/eventstore.h"
#include "thena/appregistry.h"
#include "thena/secretstore.h"
#include "thena/thenaclient.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The whole wizard, offscreen, against the fake Thena server on loopback: every page is
// driven as a user would, and the requests the server received are checked.
class tst_SetupWizard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void walksEveryPage();
    void wrongKeyIsRejectedOnPageOne();
    void createFailureShowsTheServerMessage();
    void manifestJsonAndFormStayInSync();
    void pastedTeamsAndDashboardUrls();
    void stateIsRestoredWhenReopened();
    void appsDialogUninstalls();
    void endpointCreatesARelayChannel();

private:
    // With $HOOKSCOPE_SCREENSHOT_DIR set, the walk saves each page as a PNG (docs/images).
    static void screenshot(QWidget &window, const QString &name);
    template<typename Page>
    Page *page(SetupWizard &wizard, int id) { return qobject_cast<Page *>(wizard.page(id)); }
    void passApiKeyPage(SetupWizard &wizard, const QString &key);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeThenaServer> m_server;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
    std::unique_ptr<ThenaClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<AppRegistry> m_registry;
};

void tst_SetupWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_setupwizard"_s);
}

void tst_SetupWizard::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeThenaServer>();
    QVERIFY(m_server->listen());
    m_store = std::make_unique<EventStore>();
    QVERIFY(m_store->open(m_dir->path()));
    m_receiver = std::make_unique<Receiver>(m_store.get());
    ReceiverConfig config;
    config.port = 0;
    config.secret = u"wizard-secret-token"_s;
    m_receiver->setConfig(config);
    QVERIFY(m_receiver->start());
    m_client = std::make_unique<ThenaClient>();
    m_client->setAppsUrl(m_server->url());
    m_client->setPlatformUrl(m_server->url());
    m_secrets = std::make_unique<SecretStore>();
    m_registry = std::make_unique<AppRegistry>(m_dir->path());
}

void tst_SetupWizard::cleanup()
{
    m_registry.reset();
    m_secrets.reset();
    m_client.reset();
    m_receiver.reset();
    m_store.reset();
    m_server.reset();
    m_dir.reset();
    QSettings().clear();
}

void tst_SetupWizard::screenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("HOOKSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    QVERIFY(window.grab().save(dir + u"/wizard-"_s + name + u".png"_s));
}

void tst_SetupWizard::passApiKeyPage(SetupWizard &wizard, const QString &key)
{
    auto *keyPage = page<ApiKeyPage>(wizard, SetupWizard::ApiKeyPageId);
    QVERIFY(keyPage);
    keyPage->keyEdit()->setText(key);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    keyPage->testButton()->click();
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(), qPrintable(keyPage->statusText()));
}

void tst_SetupWizard::walksEveryPage()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));

    // 1. API key
    passApiKeyPage(wizard, FakeThenaServer::DefaultApiKey);
    QVERIFY(page<ApiKeyPage>(wizard, SetupWizard::ApiKeyPageId)->statusText().contains(u"2 team"_s));
    screenshot(wizard, u"1-api-key"_s);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::TeamsPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::TeamsPath).first().header("x-api-key"), QByteArray(FakeThenaServer::DefaultApiKey.data()));
    wizard.next();

    // 2. Teams: both listed; check the first one only.
    QCOMPARE(wizard.currentId(), int(SetupWizard::TeamsPageId));
    auto *teams = page<TeamsPage>(wizard, SetupWizard::TeamsPageId);
    QCOMPARE(teams->teamList()->count(), 2);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    teams->teamList()->item(0)->setCheckState(Qt::Checked);
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    screenshot(wizard, u"2-teams"_s);
    wizard.next();

    // 3. Endpoint: a public URL; the receiver's secret is appended.
    QCOMPARE(wizard.currentId(), int(SetupWizard::EndpointPageId));
    auto *endpoint = page<EndpointPage>(wizard, SetupWizard::EndpointPageId);
    endpoint->publicUrlEdit()->setText(u"https://hooks.acme.example"_s);
    QCOMPARE(endpoint->webhookUrl(), u"https://hooks.acme.example/hooks/wizard-secret-token"_s);
    screenshot(wizard, u"3-endpoint"_s);
    wizard.next();

    // 4. Manifest: fill the form; the JSON follows; pick events.
    QCOMPARE(wizard.currentId(), int(SetupWizard::ManifestPageId));
    auto *manifest = page<ManifestPage>(wizard, SetupWizard::ManifestPageId);
    QCOMPARE(manifest->field(ManifestField::EventsWebhookUrl)->text(), u"https://hooks.acme.example/hooks/wizard-secret-token"_s);
    manifest->field(ManifestField::AppName)->selectAll();
    QTest::keyClicks(manifest->field(ManifestField::AppName), u"Acme monitor"_s);
    QCOMPARE(manifest->field(ManifestField::AppSlug)->text().left(12), u"acme-monitor"_s);
    manifest->field(ManifestField::DeveloperName)->setText(u"Acme Corp"_s);
    Q_EMIT manifest->field(ManifestField::DeveloperName)->textEdited(u"Acme Corp"_s);
    manifest->field(ManifestField::SupportEmail)->setText(u"support@acme.example"_s);
    Q_EMIT manifest->field(ManifestField::SupportEmail)->textEdited(u"support@acme.example"_s);
    manifest->eventPicker()->setSelectedEvents({});
    // Check "ticket:*" in the tree as a user would.
    QTreeWidget *tree = manifest->eventPicker()->tree();
    QTreeWidgetItem *ticketPattern = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        for (int j = 0; j < tree->topLevelItem(i)->childCount(); ++j)
            if (tree->topLevelItem(i)->child(j)->data(0, Qt::UserRole).toString() == "ticket:*"_L1)
                ticketPattern = tree->topLevelItem(i)->child(j);
    QVERIFY(ticketPattern);
    ticketPattern->setCheckState(0, Qt::Checked);
    QVERIFY(manifest->jsonText().contains(u"\"ticket:*\""_s));
    QVERIFY(manifest->jsonText().contains(u"Acme monitor"_s));
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(),
                 qPrintable(manifest->fieldError(ManifestField::AppSlug) + manifest->jsonError()));
    screenshot(wizard, u"4-manifest"_s);
    wizard.next();

    // 5. Create: the body is the edited manifest with app_visibility private.
    QCOMPARE(wizard.currentId(), int(SetupWizard::CreatePageId));
    auto *create = page<CreatePage>(wizard, SetupWizard::CreatePageId);
    QVERIFY(create->curlCommand().contains(u"<redacted>"_s));
    QVERIFY(!create->curlCommand().contains(FakeThenaServer::DefaultApiKey));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    create->createButton()->click();
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(), qPrintable(create->resultText()));
    const QList<FakeThenaRequest> creates = m_server->requestsTo(FakeThenaServer::CreateAppPath);
    QCOMPARE(creates.size(), 1);
    const QJsonObject body = creates.first().json();
    QCOMPARE(body.value("app_visibility"_L1).toString(), u"private"_s);
    QCOMPARE(body.value("manifest"_L1).toObject(), wizard.context().manifest.json());
    QCOMPARE(body.value("manifest"_L1).toObject().value("app"_L1).toObject().value("name"_L1).toString(), u"Acme monitor"_s);
    QCOMPARE(body.value("manifest"_L1).toObject().value("integration"_L1).toObject().value("webhooks"_L1).toObject().value("events"_L1).toString(),
             u"https://hooks.acme.example/hooks/wizard-secret-token"_s);
    QVERIFY(create->resultText().contains(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s));
    screenshot(wizard, u"5-create"_s);
    QCOMPARE(m_registry->apps().size(), 1);
    wizard.next();

    // 6. Install on the chosen team.
    QCOMPARE(wizard.currentId(), int(SetupWizard::InstallPageId));
    auto *install = page<InstallPage>(wizard, SetupWizard::InstallPageId);
    install->installButton()->click();
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(), qPrintable(install->resultText()));
    const QList<FakeThenaRequest> installs = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(installs.size(), 1);
    const QJsonObject installBody = installs.first().json();
    QCOMPARE(installBody.value("appId"_L1).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(installBody.value("teamIds"_L1).toArray(), QJsonArray{u"T123NHFDRF"_s});
    QVERIFY(installBody.value("appConfiguration"_L1).toObject().contains("required_settings"_L1));
    QCOMPARE(install->teamTable()->item(0, 1)->text(), u"installed"_s);
    QVERIFY(install->resultText().contains(u"B0HOOK01"_s));
    // The answer is shown, but not the bot token it carries.
    const QString shownAnswer = install->findChild<QPlainTextEdit *>()->toPlainText();
    QVERIFY(shownAnswer.contains(u"appInstalledForTeams"_s));
    QVERIFY(!shownAnswer.contains(u"xbot-REDACTED"_s));
    screenshot(wizard, u"6-install"_s);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::DonePageId));
    screenshot(wizard, u"7-done"_s);
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
}

void tst_SetupWizard::wrongKeyIsRejectedOnPageOne()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    auto *keyPage = page<ApiKeyPage>(wizard, SetupWizard::ApiKeyPageId);
    keyPage->keyEdit()->setText(u"wrong-key"_s);
    keyPage->testButton()->click();
    QTRY_VERIFY(keyPage->statusText().contains(u"rejected"_s));
    QVERIFY2(keyPage->statusText().contains(u"401"_s), qPrintable(keyPage->statusText()));
    QVERIFY(!keyPage->statusText().contains(u"wrong-key"_s));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QCOMPARE(wizard.currentId(), int(SetupWizard::ApiKeyPageId));
}

void tst_SetupWizard::createFailureShowsTheServerMessage()
{
    m_server->setResponse(FakeThenaServer::CreateAppPath, FakeThenaResponse::badRequest(u"slug already exists in this organization"_s));
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().teamIds = {u"T123NHFDRF"_s};
    wizard.context().manifest.setAppName(u"Acme"_s);
    wizard.show();
    passApiKeyPage(wizard, FakeThenaServer::DefaultApiKey);
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    auto *create = page<CreatePage>(wizard, SetupWizard::CreatePageId);
    create->initializePage();
    create->createButton()->click();
    QTRY_VERIFY(create->resultText().contains(u"slug already exists"_s));
    QVERIFY(create->resultText().contains(u"Go back to the manifest"_s));
    QVERIFY(!create->isComplete());
    QCOMPARE(m_registry->apps().size(), 0);
}

void tst_SetupWizard::manifestJsonAndFormStayInSync()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    auto *manifest = page<ManifestPage>(wizard, SetupWizard::ManifestPageId);
    manifest->initializePage();
    // JSON → form
    QString json = manifest->jsonText();
    const Manifest current = *Manifest::fromJson(json.toUtf8());
    Manifest edited = current;
    edited.setAppName(u"From JSON"_s);
    edited.setSupportEmail(u"not-an-email"_s);
    manifest->setJsonText(QString::fromUtf8(edited.toJson()));
    QCOMPARE(manifest->field(ManifestField::AppName)->text(), u"From JSON"_s);
    // Validation message on the offending field, and Next blocked.
    QVERIFY(!manifest->fieldError(ManifestField::SupportEmail).isEmpty());
    QVERIFY(!manifest->isComplete());
    // A syntax error: line:column shown, form paused, nothing lost.
    manifest->setJsonText(u"{\n  \"app\": {\n    \"name\": \"x\",\n  }\n}"_s);
    QVERIFY2(manifest->jsonError().contains(u"line 4"_s), qPrintable(manifest->jsonError()));
    QVERIFY(!manifest->field(ManifestField::AppName)->isEnabled());
    QCOMPARE(wizard.context().manifest.appName(), u"From JSON"_s);
    QVERIFY(!manifest->isComplete());
}

void tst_SetupWizard::pastedTeamsAndDashboardUrls()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    auto *teams = page<TeamsPage>(wizard, SetupWizard::TeamsPageId);
    teams->initializePage();
    teams->pasteEdit()->setPlainText(u"https://dashboard.thena.ai/dashboard/T123NHFDRF, T456QWERTY\nT123NHFDRF"_s);
    QCOMPARE(teams->chosenTeamIds(), (QStringList{u"T123NHFDRF"_s, u"T456QWERTY"_s}));
    QVERIFY(teams->isComplete());
    teams->pasteEdit()->setPlainText(u"T123NHFDRF, not a team!"_s);
    QVERIFY(!teams->isComplete());
}

void tst_SetupWizard::stateIsRestoredWhenReopened()
{
    {
        SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
        wizard.context().teamIds = {u"T456QWERTY"_s};
        wizard.context().endpointUrl = u"https://relay.example/abc"_s;
        wizard.context().manifest.setAppName(u"Remembered"_s);
        wizard.reject(); // closing saves
    }
    SetupWizard again(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    QCOMPARE(again.context().teamIds, QStringList{u"T456QWERTY"_s});
    QCOMPARE(again.context().endpointUrl, u"https://relay.example/abc"_s);
    QCOMPARE(again.context().manifest.appName(), u"Remembered"_s);
    // No secret in the settings file.
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY(!settings.value(key).toString().contains(FakeThenaServer::DefaultApiKey));
}

void tst_SetupWizard::appsDialogUninstalls()
{
    RegisteredApp app;
    app.appId = u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s;
    app.name = u"Hookscope monitor"_s;
    app.teams = {u"T123NHFDRF"_s};
    m_registry->recordCreated(app);
    QVERIFY(m_registry->save());
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    AppsDialog dialog(m_client.get(), m_registry.get());
    QCOMPARE(dialog.table()->rowCount(), 1);
    dialog.run(AppsDialog::Action::Uninstall, {u"T123NHFDRF"_s});
    QTRY_VERIFY(!dialog.answerText().isEmpty());
    const QList<FakeThenaRequest> requests = m_server->requestsTo(FakeThenaServer::UninstallPath);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().json().value("appId"_L1).toString(), app.appId);
    QVERIFY(dialog.answerText().startsWith(u"HTTP "_s));
}

void tst_SetupWizard::endpointCreatesARelayChannel()
{
    // A real hookscope relay server in-process: the page creates a channel on it, puts the
    // channel's ingest URL into the manifest and starts receiving from it.
    QTemporaryDir relayDir;
    RelayServer relayServer;
    RelayServerConfig relayConfig;
    relayConfig.port = 0;
    relayConfig.dataDir = relayDir.path();
    relayServer.setConfig(relayConfig);
    QVERIFY(relayServer.start());
    RelayClient relay(m_store.get());
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.setRelayClient(&relay);
    auto *endpoint = page<EndpointPage>(wizard, SetupWizard::EndpointPageId);
    endpoint->initializePage();
    endpoint->relayServerEdit()->setText(u"http://127.0.0.1:%1"_s.arg(relayServer.port()));
    endpoint->createChannelButton()->click();
    QTRY_VERIFY(endpoint->relayOption()->isChecked());
    QVERIFY(!endpoint->webhookUrl().isEmpty());
    const QUrl ingest(endpoint->webhookUrl());
    QCOMPARE(ingest.port(), int(relayServer.port()));
    QVERIFY2(!ingest.hasQuery(), qPrintable(ingest.toString())); // the read token stays out of the manifest
    QVERIFY(endpoint->isComplete());
    QTRY_COMPARE(relay.state(), RelayClient::State::Connected);

    // An event posted to the ingest URL arrives in the store through the relay.
    QNetworkAccessManager nam;
    QNetworkRequest request(ingest);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = nam.post(request, R"({"eventId":"e-relay","eventType":"ticket:created","payload":{"ticket":{"title":"Via relay"}}})");
    QTRY_VERIFY(reply->isFinished());
    reply->deleteLater();
    QTRY_COMPARE(m_store->count(), qint64(1));
    QCOMPARE(m_store->summaries().first().source, u"relay"_s);
    QCOMPARE(m_store->summaries().first().summary, u"Via relay"_s);
    relay.stop();
}

QTEST_MAIN(tst_SetupWizard)
#include "tst_setupwizard.moc"
