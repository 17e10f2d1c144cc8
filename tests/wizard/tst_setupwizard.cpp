// SPDX-License-Identifier: MIT
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QHeaderView>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "core/receiver/receiver.h"
#include "core/relay/relayclient.h"
#include "core/relay/relayserver.h"
#include "core/store/eventstore.h"
#include "core/thena/appregistry.h"
#include "core/thena/eventcatalogue.h"
#include "core/thena/secretstore.h"
#include "core/thena/thenaclient.h"
#include "tests/support/fakethenaserver.h"
#include "ui/settings/appsettings.h"
#include "ui/settings/settingsdialog.h"
#include "wizard/appdialogs.h"
#include "ui/theme/theme.h"
#include "wizard/appsdialog.h"
#include "wizard/appsettingsform.h"
#include "wizard/clientsecretbox.h"
#include "wizard/eventpicker.h"
#include "wizard/jsoneditor.h"
#include "wizard/legacywebhooksdialog.h"
#include "wizard/pages/apikeypage.h"
#include "wizard/pages/createpage.h"
#include "wizard/pages/donepage.h"
#include "wizard/pages/endpointpage.h"
#include "wizard/pages/installpage.h"
#include "wizard/pages/manifestpage.h"
#include "wizard/pages/teamspage.h"
#include "wizard/setupwizard.h"

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
    void jsonEditorFollowsTheTheme();
    void teamsProblemDoesNotMoveThePasteBox();
    void walksEveryPage();
    void refusedTeamsListShowsTheAnswerAndLetsTheUserOn();
    void forbiddenTeamsListStillFinishesWithTypedTeams();
    void savedKeyIsUsableWithoutTesting();
    void createFailureShowsTheServerMessage();
    void manifestJsonAndFormStayInSync();
    void warningsDoNotBlockErrorsDo();
    void pastedTeamsAndDashboardUrls();
    void stateIsRestoredWhenReopened();
    void appsDialogUninstalls();
    void appsDialogOffersTheTeamsThenaListed();
    void endpointCreatesARelayChannel();
    void endpointDerivesFourUrlsAndKeepsThemAfterNgrok();
    void eventPickerWritesNamesOnly();
    void importedPatternStaysVisibleUntilExpanded();
    void settingsHoldTheThenaUrls();
    void existingAppIsInstalledFromTheWizard();
    void appsDialogAddsAnExistingAppAndInstallsIt();
    void installRecordsOnlyConfirmedTeams();
    void appSettingsGoIntoTheInstallCall();
    void legacyWebhooksTestRequestIsStored();
    void legacyWebhooksWithoutSecretSaySo();
    void clientSecretWithoutKeychain();
    void secondCreateClickSendsNothing();

private:
    // With $HOOKSCOPE_SCREENSHOT_DIR set, the walk saves each page as a PNG (docs/images).
    static void screenshot(QWidget &window, const QString &name);
    template<typename Page>
    Page *page(SetupWizard &wizard, int id)
    {
        return qobject_cast<Page *>(wizard.page(id));
    }
    void passApiKeyPage(SetupWizard &wizard, const QString &key);
    // Drive a shown wizard from the Teams page to the Manifest page (or on to the Create page)
    // with `teamIds` typed in and a public endpoint.
    void goToManifestPage(SetupWizard &wizard, const QString &teamIds);
    void goToCreatePage(SetupWizard &wizard, const QString &teamIds);
    static QLabel *labelContaining(const QWidget *parent, const QString &text);
    static void setText(QLineEdit *edit, const QString &text); // as typed: emits textEdited

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
    // Never the user's keychain: secrets live in the session store (as under ctest).
    qputenv("HOOKSCOPE_NO_KEYCHAIN", "1");
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
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(),
                 qPrintable(keyPage->statusText()));
}

QLabel *tst_SetupWizard::labelContaining(const QWidget *parent, const QString &text)
{
    for (QLabel *label : parent->findChildren<QLabel *>())
        if (label->text().contains(text))
            return label;
    return nullptr;
}

void tst_SetupWizard::setText(QLineEdit *edit, const QString &text)
{
    edit->setText(text);
    Q_EMIT edit->textEdited(text);
}

void tst_SetupWizard::goToManifestPage(SetupWizard &wizard, const QString &teamIds)
{
    QCOMPARE(wizard.currentId(), int(SetupWizard::TeamsPageId));
    auto *teams = page<TeamsPage>(wizard, SetupWizard::TeamsPageId);
    teams->pasteEdit()->setPlainText(teamIds);
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::EndpointPageId));
    page<EndpointPage>(wizard, SetupWizard::EndpointPageId)
            ->publicUrlEdit()
            ->setText(u"https://hooks.acme.example"_s);
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::ManifestPageId));
}

void tst_SetupWizard::goToCreatePage(SetupWizard &wizard, const QString &teamIds)
{
    goToManifestPage(wizard, teamIds);
    if (QTest::currentTestFailed())
        return;
    auto *manifest = page<ManifestPage>(wizard, SetupWizard::ManifestPageId);
    setText(manifest->field(ManifestField::AppName), u"Acme monitor"_s);
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(),
                 qPrintable(manifest->issuesText()));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::CreatePageId));
}

void tst_SetupWizard::walksEveryPage()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));

    // 1. API key
    passApiKeyPage(wizard, FakeThenaServer::DefaultApiKey);
    QVERIFY(page<ApiKeyPage>(wizard, SetupWizard::ApiKeyPageId)
                    ->statusText()
                    .contains(u"2 team"_s));
    screenshot(wizard, u"1-api-key"_s);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::TeamsPath).size(), 1);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::TeamsPath).first().header("x-api-key"),
             QByteArray(FakeThenaServer::DefaultApiKey.data()));
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
    QCOMPARE(manifest->field(ManifestField::EventsWebhookUrl)->text(),
             u"https://hooks.acme.example/hooks/wizard-secret-token/events"_s);
    QCOMPARE(manifest->field(ManifestField::InstallationsWebhookUrl)->text(),
             u"https://hooks.acme.example/hooks/wizard-secret-token/installations"_s);
    manifest->field(ManifestField::AppName)->selectAll();
    QTest::keyClicks(manifest->field(ManifestField::AppName), u"Acme monitor"_s);
    QCOMPARE(manifest->field(ManifestField::AppSlug)->text().left(12), u"acme-monitor"_s);
    manifest->field(ManifestField::DeveloperName)->setText(u"Acme Corp"_s);
    Q_EMIT manifest->field(ManifestField::DeveloperName)->textEdited(u"Acme Corp"_s);
    manifest->field(ManifestField::SupportEmail)->setText(u"support@acme.example"_s);
    Q_EMIT manifest->field(ManifestField::SupportEmail)->textEdited(u"support@acme.example"_s);
    // The interactivity URLs derive from the same endpoint.
    QCOMPARE(manifest->field(ManifestField::InteractivityRequestUrl)->text(),
             u"https://hooks.acme.example/hooks/wizard-secret-token/interactivity"_s);
    QCOMPARE(manifest->field(ManifestField::MessageMenuOptionUrl)->text(),
             u"https://hooks.acme.example/hooks/wizard-secret-token/menu"_s);
    manifest->eventPicker()->setSelectedEvents({});
    // Check "All ticket events" in the tree as a user would: the names, never ticket:*.
    QTreeWidgetItem *tickets = manifest->eventPicker()->categoryBranch(u"ticket"_s);
    QVERIFY(tickets);
    QCOMPARE(tickets->text(0), u"All ticket events"_s);
    tickets->setCheckState(0, Qt::Checked);
    QVERIFY(manifest->jsonText().contains(u"\"ticket:created\""_s));
    QVERIFY(manifest->jsonText().contains(u"\"ticket:priority:changed\""_s));
    QVERIFY(!manifest->jsonText().contains(u"ticket:*"_s));
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
    // Copy as curl also shows the command in the page.
    create->curlButton()->click();
    QCOMPARE(create->curlText(), create->curlCommand());
    QCOMPARE(QGuiApplication::clipboard()->text(), create->curlCommand());
    QVERIFY(create->curlText().contains(u"/apps/create-app"_s));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    create->createButton()->click();
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(), qPrintable(create->resultText()));
    const QList<FakeThenaRequest> creates = m_server->requestsTo(FakeThenaServer::CreateAppPath);
    QCOMPARE(creates.size(), 1);
    const QJsonObject body = creates.first().json();
    QCOMPARE(body.value("app_visibility"_L1).toString(), u"private"_s);
    QCOMPARE(body.value("manifest"_L1).toObject(), wizard.context().manifest.json());
    QCOMPARE(body.value("manifest"_L1)
                     .toObject()
                     .value("app"_L1)
                     .toObject()
                     .value("name"_L1)
                     .toString(),
             u"Acme monitor"_s);
    const QJsonObject integration =
            body.value("manifest"_L1).toObject().value("integration"_L1).toObject();
    QCOMPARE(integration.value("webhooks"_L1).toObject().value("events"_L1).toString(),
             u"https://hooks.acme.example/hooks/wizard-secret-token/events"_s);
    QCOMPARE(integration.value("interactivity"_L1).toObject().value("request_url"_L1).toString(),
             u"https://hooks.acme.example/hooks/wizard-secret-token/interactivity"_s);
    QCOMPARE(integration.value("interactivity"_L1)
                     .toObject()
                     .value("message_menu_option_url"_L1)
                     .toString(),
             u"https://hooks.acme.example/hooks/wizard-secret-token/menu"_s);
    const QJsonArray subscribed = body.value("manifest"_L1)
                                          .toObject()
                                          .value("events"_L1)
                                          .toObject()
                                          .value("subscribe"_L1)
                                          .toArray();
    for (const QJsonValue &entry : subscribed)
        QVERIFY2(EventCatalogue::builtin().isDocumented(
                         entry.toObject().value("event"_L1).toString()),
                 qPrintable(entry.toObject().value("event"_L1).toString()));
    QVERIFY(create->resultText().contains(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s));
    screenshot(wizard, u"5-create"_s);
    QCOMPARE(m_registry->apps().size(), 1);
    wizard.next();

    // 6. Install on the chosen team.
    QCOMPARE(wizard.currentId(), int(SetupWizard::InstallPageId));
    auto *install = page<InstallPage>(wizard, SetupWizard::InstallPageId);
    install->curlButton()->click();
    QVERIFY(install->curlText().contains(u"/apps/install"_s));
    QVERIFY(install->curlText().contains(u"T123NHFDRF"_s));
    QVERIFY(!install->curlText().contains(FakeThenaServer::DefaultApiKey));
    QVERIFY(m_server->requestsTo(FakeThenaServer::InstallPath).isEmpty()); // copying sends nothing
    install->installButton()->click();
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(),
                 qPrintable(install->resultText()));
    const QList<FakeThenaRequest> installs = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(installs.size(), 1);
    const QJsonObject installBody = installs.first().json();
    QCOMPARE(installBody.value("appId"_L1).toString(), u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s);
    QCOMPARE(installBody.value("teamIds"_L1).toArray(), QJsonArray{ u"T123NHFDRF"_s });
    QVERIFY(installBody.value("appConfiguration"_L1).toObject().contains("required_settings"_L1));
    QCOMPARE(install->teamTable()->item(0, 1)->text(), u"installed"_s);
    QVERIFY(install->resultText().contains(u"B0HOOK01"_s));
    // The answer is shown, but not the bot token it carries.
    const QString shownAnswer = install->answerText();
    QVERIFY(shownAnswer.contains(u"appInstalledForTeams"_s));
    QVERIFY(!shownAnswer.contains(u"xbot-REDACTED"_s));
    // Installed: the next command would be a reinstall.
    QVERIFY(install->reinstallOption()->isChecked());
    install->curlButton()->click();
    QVERIFY(install->curlText().contains(u"/apps/reinstall"_s));
    QCOMPARE(m_registry->find(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s)->teams,
             QStringList{ u"T123NHFDRF"_s });
    screenshot(wizard, u"6-install"_s);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::DonePageId));
    screenshot(wizard, u"7-done"_s);
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
    // Nothing left to cancel; the check to make in Thena is spelled out.
    QVERIFY(!wizard.button(QWizard::CancelButton)->isVisible());
    const QString done = page<DonePage>(wizard, SetupWizard::DonePageId)->text();
    QVERIFY2(done.contains(u"open the app settings and check that the app appears there"_s),
             qPrintable(done));
    QVERIFY(done.contains(u"/events"_s));
    // Going back brings Cancel back.
    wizard.back();
    QVERIFY(wizard.button(QWizard::CancelButton)->isVisible());
}

void tst_SetupWizard::refusedTeamsListShowsTheAnswerAndLetsTheUserOn()
{
    // The teams endpoint is inferred: a 401 there is shown as the server said it, and the
    // user may still go on (the key might create apps) or paste another key.
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    auto *keyPage = page<ApiKeyPage>(wizard, SetupWizard::ApiKeyPageId);
    keyPage->keyEdit()->setText(u"wrong-key"_s);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    keyPage->testButton()->click();
    QTRY_VERIFY(keyPage->statusText().contains(u"refused"_s));
    const QString status = keyPage->statusText();
    QVERIFY2(status.contains(u"(401 Invalid API key)"_s), qPrintable(status));
    QVERIFY2(status.contains(u"go on and enter team IDs, or paste another key"_s),
             qPrintable(status));
    QVERIFY(!status.contains(u"Key rejected: API key rejected"_s));
    QVERIFY(!status.contains(u"wrong-key"_s));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    // Another key resets the verdict: it is to be tested again.
    keyPage->keyEdit()->setText(u"another-key"_s);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    keyPage->keyEdit()->setText(u"wrong-key"_s);
    keyPage->testButton()->click();
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::TeamsPageId));
    auto *teams = page<TeamsPage>(wizard, SetupWizard::TeamsPageId);
    QVERIFY(!teams->teamList()->isVisible());
    QVERIFY(labelContaining(teams, u"could not list your teams"_s));
}

void tst_SetupWizard::forbiddenTeamsListStillFinishesWithTypedTeams()
{
    m_server->setResponse(FakeThenaServer::TeamsPath,
                          FakeThenaResponse::forbidden(u"Missing scope: teams:read"_s));
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto *keyPage = page<ApiKeyPage>(wizard, SetupWizard::ApiKeyPageId);
    keyPage->keyEdit()->setText(FakeThenaServer::DefaultApiKey);
    keyPage->testButton()->click();
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    const QString status = keyPage->statusText();
    QVERIFY2(status.startsWith(u"Thena refused to list teams (403 Missing scope: teams:read)."_s),
             qPrintable(status));
    QVERIFY(status.contains(u"The key may still be able to create apps"_s));
    wizard.next();

    goToCreatePage(wizard, u"T123NHFDRF"_s);
    auto *create = page<CreatePage>(wizard, SetupWizard::CreatePageId);
    create->createButton()->click();
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(), qPrintable(create->resultText()));
    wizard.next();
    auto *install = page<InstallPage>(wizard, SetupWizard::InstallPageId);
    install->installButton()->click();
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(),
                 qPrintable(install->resultText()));
    const QList<FakeThenaRequest> installs = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(installs.size(), 1);
    QCOMPARE(installs.first().json().value("teamIds"_L1).toArray(), QJsonArray{ u"T123NHFDRF"_s });
    QCOMPARE(installs.first().header("x-api-key"),
             QByteArray(FakeThenaServer::DefaultApiKey.data()));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::DonePageId));
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
}

void tst_SetupWizard::savedKeyIsUsableWithoutTesting()
{
    bool written = false;
    m_secrets->write(SecretStore::apiKeyName(), FakeThenaServer::DefaultApiKey, this,
                     [&written](const SecretResult &r) { written = r.ok; });
    QTRY_VERIFY(written);
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    auto *keyPage = page<ApiKeyPage>(wizard, SetupWizard::ApiKeyPageId);
    // Where keys are made, in the dashboard's words.
    QLabel *where = labelContaining(keyPage, ApiKeyPage::dashboardUrl());
    QVERIFY(where);
    QCOMPARE(ApiKeyPage::dashboardUrl(),
             u"https://dashboard.thena.ai/organization/settings/personal/security-access"_s);
    QVERIFY(where->text().contains(u"Organization → Personal → Security Access"_s));
    // The restored key: Next at once, without a test call.
    QTRY_VERIFY2(wizard.button(QWizard::NextButton)->isEnabled(),
                 qPrintable(keyPage->statusText()));
    QCOMPARE(keyPage->keyEdit()->text(), QString(FakeThenaServer::DefaultApiKey));
    QVERIFY2(keyPage->statusText().contains(u"not tested yet"_s),
             qPrintable(keyPage->statusText()));
    QVERIFY(m_server->requestsTo(FakeThenaServer::TeamsPath).isEmpty());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::TeamsPageId));
    QVERIFY(m_client->hasApiKey());
}

void tst_SetupWizard::createFailureShowsTheServerMessage()
{
    m_server->setResponse(
            FakeThenaServer::CreateAppPath,
            FakeThenaResponse::badRequest(u"slug already exists in this organization"_s));
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().teamIds = { u"T123NHFDRF"_s };
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
    edited.setEndpoint(u"https://hooks.acme.example/hooks/abc"_s);
    manifest->setJsonText(QString::fromUtf8(edited.toJson()));
    QCOMPARE(manifest->field(ManifestField::AppName)->text(), u"From JSON"_s);
    QCOMPARE(manifest->field(ManifestField::InteractivityRequestUrl)->text(),
             u"https://hooks.acme.example/hooks/abc/interactivity"_s);
    // A warning on the offending field, which does not block Next.
    QVERIFY(!manifest->fieldWarning(ManifestField::SupportEmail).isEmpty());
    QVERIFY(manifest->fieldError(ManifestField::SupportEmail).isEmpty());
    QVERIFY(manifest->isComplete());
    // Form → JSON, for the interactivity URL too.
    setText(manifest->field(ManifestField::MessageMenuOptionUrl),
            u"https://menu.acme.example/options"_s);
    QCOMPARE(wizard.context().manifest.messageMenuOptionUrl(),
             u"https://menu.acme.example/options"_s);
    QVERIFY(manifest->jsonText().contains(u"https://menu.acme.example/options"_s));
    // An error blocks Next.
    setText(manifest->field(ManifestField::EventsWebhookUrl), u"not a url"_s);
    QVERIFY(!manifest->fieldError(ManifestField::EventsWebhookUrl).isEmpty());
    QVERIFY(!manifest->isComplete());
    // A syntax error: line:column shown, form paused, nothing lost.
    manifest->setJsonText(u"{\n  \"app\": {\n    \"name\": \"x\",\n  }\n}"_s);
    QVERIFY2(manifest->jsonError().contains(u"line 4"_s), qPrintable(manifest->jsonError()));
    QVERIFY(!manifest->field(ManifestField::AppName)->isEnabled());
    QCOMPARE(wizard.context().manifest.appName(), u"From JSON"_s);
    QVERIFY(!manifest->isComplete());
}

void tst_SetupWizard::warningsDoNotBlockErrorsDo()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    passApiKeyPage(wizard, FakeThenaServer::DefaultApiKey);
    wizard.next();
    goToManifestPage(wizard, u"T123NHFDRF"_s);
    auto *manifest = page<ManifestPage>(wizard, SetupWizard::ManifestPageId);
    QLabel *slugMessage = manifest->fieldMessageLabel(ManifestField::AppSlug);
    QVERIFY(slugMessage);
    const int developerTop =
            manifest->field(ManifestField::DeveloperName)->mapTo(manifest, QPoint()).y();

    // No developer name, no support e-mail, a slug Thena may refuse: warnings, Next allowed.
    Manifest m = wizard.context().manifest;
    m.setDeveloperName({});
    m.setSupportEmail({});
    m.setSlug(u"Not A Slug!"_s);
    manifest->setJsonText(QString::fromUtf8(m.toJson()));
    QVERIFY2(manifest->isComplete(), qPrintable(manifest->issuesText()));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(!manifest->fieldWarning(ManifestField::DeveloperName).isEmpty());
    QVERIFY(!manifest->fieldWarning(ManifestField::SupportEmail).isEmpty());
    QVERIFY(!manifest->fieldWarning(ManifestField::AppSlug).isEmpty());
    QVERIFY(manifest->fieldError(ManifestField::AppSlug).isEmpty());
    QVERIFY(slugMessage->styleSheet().contains(u"#b07000"_s)); // amber
    QCOMPARE(slugMessage->toolTip(), manifest->fieldWarning(ManifestField::AppSlug));
    QVERIFY(!slugMessage->text().isEmpty());
    QVERIFY2(manifest->summaryText().contains(u"they do not block"_s),
             qPrintable(manifest->summaryText()));
    // The message line was there (empty) before: nothing below it moved.
    QVERIFY(slugMessage->isVisible());
    QCOMPARE(manifest->field(ManifestField::DeveloperName)->mapTo(manifest, QPoint()).y(),
             developerTop);

    // Without app.name it cannot be created.
    m.setAppName({});
    manifest->setJsonText(QString::fromUtf8(m.toJson()));
    QVERIFY(!manifest->isComplete());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(!manifest->fieldError(ManifestField::AppName).isEmpty());
    QVERIFY(manifest->fieldMessageLabel(ManifestField::AppName)
                    ->styleSheet()
                    .contains(u"#d62728"_s)); // red
    QVERIFY(manifest->summaryText().contains(u"problem"_s));
    QCOMPARE(manifest->field(ManifestField::DeveloperName)->mapTo(manifest, QPoint()).y(),
             developerTop);
    // Nor with a visibility other than private (shown below the form).
    m.setAppName(u"Back"_s);
    QJsonObject json = m.json();
    QJsonObject app = json.value("app"_L1).toObject();
    app.insert(u"visibility"_s, u"public"_s);
    json.insert(u"app"_s, app);
    manifest->setJsonText(QString::fromUtf8(QJsonDocument(json).toJson()));
    QVERIFY(!manifest->isComplete());
    QVERIFY2(manifest->issuesText().contains(u"app.visibility"_s),
             qPrintable(manifest->issuesText()));
    // Warnings alone: the user goes on.
    json.insert(u"app"_s, m.json().value("app"_L1));
    manifest->setJsonText(QString::fromUtf8(QJsonDocument(json).toJson()));
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::CreatePageId));
}

void tst_SetupWizard::pastedTeamsAndDashboardUrls()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    auto *teams = page<TeamsPage>(wizard, SetupWizard::TeamsPageId);
    teams->initializePage();
    teams->pasteEdit()->setPlainText(
            u"https://dashboard.thena.ai/dashboard/T123NHFDRF, T456QWERTY\nT123NHFDRF"_s);
    QCOMPARE(teams->chosenTeamIds(), (QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    QVERIFY(teams->isComplete());
    teams->pasteEdit()->setPlainText(u"T123NHFDRF, not a team!"_s);
    QVERIFY(!teams->isComplete());
}

void tst_SetupWizard::stateIsRestoredWhenReopened()
{
    {
        SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
        wizard.context().teamIds = { u"T456QWERTY"_s };
        wizard.context().endpointUrl = u"https://relay.example/abc"_s;
        wizard.context().manifest.setAppName(u"Remembered"_s);
        wizard.reject(); // closing saves
    }
    SetupWizard again(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    QCOMPARE(again.context().teamIds, QStringList{ u"T456QWERTY"_s });
    QCOMPARE(again.context().endpointUrl, u"https://relay.example/abc"_s);
    QCOMPARE(again.context().manifest.appName(), u"Remembered"_s);
    // No secret in the settings file.
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY(!settings.value(key).toString().contains(FakeThenaServer::DefaultApiKey));
}

// Install… offers every team Thena listed when the wizard last ran (with names), not only
// the ones chosen then; the uninstall confirmation names the app and the teams; the App ID
// column gets its width, Created no more than it needs.
void tst_SetupWizard::appsDialogOffersTheTeamsThenaListed()
{
    {
        SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
        ThenaTeam support;
        support.id = u"T123NHFDRF"_s;
        support.name = u"Support"_s;
        ThenaTeam billing;
        billing.id = u"T456QWERTY"_s;
        billing.name = u"Billing"_s;
        wizard.context().availableTeams = { support, billing };
        wizard.context().teamIds = { u"T123NHFDRF"_s };
        wizard.reject(); // closing saves
    }
    RegisteredApp app;
    app.appId = u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s;
    app.name = u"Hookscope monitor"_s;
    app.teams = { u"T123NHFDRF"_s };
    app.createdAt = QDateTime::currentDateTimeUtc();
    m_registry->recordCreated(app);
    QVERIFY(m_registry->save());
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    AppsDialog dialog(m_client.get(), m_registry.get(), m_secrets.get());
    dialog.resize(820, 480);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QTableWidget *table = dialog.table();
    const int idWidth = table->fontMetrics().horizontalAdvance(app.appId);
    QVERIFY2(table->columnWidth(1) >= idWidth, qPrintable(QString::number(table->columnWidth(1))));
    const int createdNeeds = std::max(static_cast<QAbstractItemView *>(table)->sizeHintForColumn(3),
                                      table->horizontalHeader()->sectionSizeHint(3));
    QVERIFY2(table->columnWidth(3) <= createdNeeds + 4,
             qPrintable(u"%1 > %2"_s.arg(table->columnWidth(3)).arg(createdNeeds)));

    dialog.installButton()->click();
    auto *teams = dialog.findChild<TeamChoiceDialog *>();
    QVERIFY(teams);
    QListWidget *list = teams->teamList();
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), u"T123NHFDRF — Support"_s);
    QCOMPARE(list->item(1)->text(), u"T456QWERTY — Billing"_s);
    QCOMPARE(list->item(1)->checkState(), Qt::Unchecked); // offered, not chosen
    list->item(1)->setCheckState(Qt::Checked);
    QCOMPARE(teams->teams(), (QStringList{ u"T456QWERTY"_s }));
    teams->reject();
    QTRY_VERIFY(!dialog.findChild<TeamChoiceDialog *>());

    dialog.uninstallButton()->click();
    teams = dialog.findChild<TeamChoiceDialog *>();
    QVERIFY(teams);
    QCOMPARE(teams->teams(), QStringList{ u"T123NHFDRF"_s });
    teams->okButton()->click();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = dialog.findChild<QMessageBox *>()));
    QVERIFY2(confirm->text().contains(u"Hookscope monitor (EGHG8R3K9HGU98JJ81W5EKQRM2X9)"_s),
             qPrintable(confirm->text()));
    QVERIFY2(confirm->text().contains(u"T123NHFDRF (Support)"_s), qPrintable(confirm->text()));
    confirm->button(QMessageBox::Cancel)->click();
    QTest::qWait(50);
    QVERIFY(m_server->requestsTo(FakeThenaServer::UninstallPath).isEmpty());
}

void tst_SetupWizard::appsDialogUninstalls()
{
    RegisteredApp app;
    app.appId = u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s;
    app.name = u"Hookscope monitor"_s;
    app.teams = { u"T123NHFDRF"_s };
    m_registry->recordCreated(app);
    QVERIFY(m_registry->save());
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    AppsDialog dialog(m_client.get(), m_registry.get(), m_secrets.get());
    dialog.show();
    QCOMPARE(dialog.table()->rowCount(), 1);
    // The App ID column shows whole IDs.
    const int idWidth = dialog.table()->fontMetrics().horizontalAdvance(app.appId);
    QVERIFY2(dialog.table()->columnWidth(1) >= idWidth,
             qPrintable(QString::number(dialog.table()->columnWidth(1))));

    // Uninstall…: the teams (prefilled), then a confirmation; cancelling sends nothing.
    dialog.uninstallButton()->click();
    auto *teams = dialog.findChild<TeamChoiceDialog *>();
    QVERIFY(teams);
    QCOMPARE(teams->teamList()->count(), 1);
    QCOMPARE(teams->teamList()->item(0)->checkState(), Qt::Checked);
    QCOMPARE(teams->teams(), QStringList{ u"T123NHFDRF"_s });
    teams->okButton()->click();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = dialog.findChild<QMessageBox *>()));
    QVERIFY(confirm->text().contains(u"T123NHFDRF"_s));
    confirm->button(QMessageBox::Cancel)->click();
    QTest::qWait(50);
    QVERIFY(m_server->requestsTo(FakeThenaServer::UninstallPath).isEmpty());

    dialog.run(AppsDialog::Action::Uninstall, { u"T123NHFDRF"_s });
    QTRY_VERIFY(!dialog.answerText().isEmpty());
    const QList<FakeThenaRequest> requests = m_server->requestsTo(FakeThenaServer::UninstallPath);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().json().value("appId"_L1).toString(), app.appId);
    QVERIFY(dialog.answerText().startsWith(u"HTTP "_s));
    QVERIFY(m_registry->find(app.appId)->teams.isEmpty());
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
    QVERIFY2(!ingest.hasQuery(),
             qPrintable(ingest.toString())); // the read token stays out of the manifest
    QVERIFY(endpoint->isComplete());
    // A relay channel is one path segment: the four URLs differ by their query.
    QCOMPARE(endpoint->endpointStyle(), EndpointStyle::Query);
    QCOMPARE(endpoint->endpoints().events,
             WebhookEndpoints::from(ingest.toString(), EndpointStyle::Query).events);
    QVERIFY(endpoint->endpoints().interactivity.endsWith(u"?endpoint=interactivity"_s));
    QVERIFY(endpoint->validatePage());
    QCOMPARE(wizard.context().endpointStyle, EndpointStyle::Query);
    QCOMPARE(wizard.context().manifest.messageMenuOptionUrl(),
             endpoint->endpoints().messageMenuOption);
    QTRY_COMPARE(relay.state(), RelayClient::State::Connected);

    // An event posted to the ingest URL arrives in the store through the relay.
    QNetworkAccessManager nam;
    QNetworkRequest request(ingest);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = nam.post(
            request,
            R"({"eventId":"e-relay","eventType":"ticket:created","payload":{"ticket":{"title":"Via relay"}}})");
    QTRY_VERIFY(reply->isFinished());
    reply->deleteLater();
    QTRY_COMPARE(m_store->count(), qint64(1));
    QCOMPARE(m_store->summaries().first().source, u"relay"_s);
    QCOMPARE(m_store->summaries().first().summary, u"Via relay"_s);
    relay.stop();
}

void tst_SetupWizard::endpointDerivesFourUrlsAndKeepsThemAfterNgrok()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    auto *endpoint = page<EndpointPage>(wizard, SetupWizard::EndpointPageId);
    endpoint->initializePage();
    // The tunnel examples name the receiver's actual port.
    const QString port = QString::number(m_receiver->port());
    QVERIFY2(endpoint->hintText().contains(u"ngrok http %1"_s.arg(port)),
             qPrintable(endpoint->hintText()));
    QVERIFY(endpoint->hintText().contains(u"http://127.0.0.1:%1"_s.arg(port)));
    QVERIFY(!endpoint->hintText().contains(u"8787"_s) || port == "8787"_L1);

    endpoint->publicUrlEdit()->setText(u"https://hooks.acme.example"_s);
    QCOMPARE(endpoint->endpointStyle(), EndpointStyle::Path);
    const WebhookEndpoints expected =
            WebhookEndpoints::from(u"https://hooks.acme.example/hooks/wizard-secret-token"_s);
    QCOMPARE(endpoint->endpoints(), expected);
    const QString shown = endpoint->deliveryText();
    QVERIFY2(shown.contains(u"Thena will deliver to"_s), qPrintable(shown));
    for (const QString &suffix :
         { u"/events"_s, u"/installations"_s, u"/interactivity"_s, u"/menu"_s })
        QVERIFY2(shown.contains(u"https://hooks.acme.example/hooks/"_s) && shown.contains(suffix),
                 qPrintable(suffix));
    QVERIFY2(!shown.contains(u"wizard-secret-token"_s), qPrintable(shown)); // masked

    // Detect ngrok with no agent to answer: its own line says so; the URLs stay shown.
    endpoint->setNgrokApiBase(m_server->url()); // answers 404: not an ngrok agent
    endpoint->detectNgrokButton()->click();
    QTRY_VERIFY(endpoint->detectNgrokButton()->isEnabled());
    QTRY_VERIFY(!endpoint->ngrokStatusText().isEmpty()
                && !endpoint->ngrokStatusText().startsWith(u"Asking"_s));
    QVERIFY2(endpoint->deliveryText().contains(u"Thena will deliver to"_s),
             qPrintable(endpoint->deliveryText()));
    QCOMPARE(endpoint->deliveryText(), shown);

    // Next: the base endpoint and its style are kept; the manifest gets all four URLs.
    QVERIFY(endpoint->validatePage());
    QCOMPARE(wizard.context().endpointUrl,
             u"https://hooks.acme.example/hooks/wizard-secret-token"_s);
    QCOMPARE(wizard.context().endpointStyle, EndpointStyle::Path);
    QCOMPARE(wizard.context().manifest.endpoints(), expected);
    wizard.reject(); // saved …
    SetupWizard again(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    QCOMPARE(again.context().endpointStyle, EndpointStyle::Path); // … and restored
    QCOMPARE(again.context().endpointUrl,
             u"https://hooks.acme.example/hooks/wizard-secret-token"_s);
}

void tst_SetupWizard::eventPickerWritesNamesOnly()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    auto *manifest = page<ManifestPage>(wizard, SetupWizard::ManifestPageId);
    manifest->initializePage();
    QVERIFY2(!manifest->jsonText().contains(u":*"_s),
             qPrintable(manifest->jsonText())); // the default lists names
    QVERIFY(labelContaining(
            manifest,
            u"Thena's manifest lists event names. Patterns such as ticket:* are for "
            "Hookscope's filter bar."_s));
    EventPicker *picker = manifest->eventPicker();
    picker->setSelectedEvents({});
    for (int i = 0; i < picker->tree()->topLevelItemCount(); ++i)
        for (int j = 0; j < picker->tree()->topLevelItem(i)->childCount(); ++j)
            QVERIFY(!EventCatalogue::isPattern(
                    picker->tree()->topLevelItem(i)->child(j)->data(0, Qt::UserRole).toString()));

    // "All account events" checks the account names; unchecking one makes it partial.
    QTreeWidgetItem *accounts = picker->categoryBranch(u"account"_s);
    QVERIFY(accounts);
    QCOMPARE(accounts->text(0), u"All account events"_s);
    accounts->setCheckState(0, Qt::Checked);
    QStringList accountNames;
    for (const EventCategory &category : EventCatalogue::builtin().categories())
        if (category.id == "account"_L1)
            accountNames = category.types;
    QCOMPARE(wizard.context().manifest.subscribedEventNames(), accountNames);
    accounts->child(0)->setCheckState(0, Qt::Unchecked);
    QCOMPARE(accounts->checkState(0), Qt::PartiallyChecked);
    QCOMPARE(wizard.context().manifest.subscribedEventNames(), accountNames.mid(1));
    accounts->setCheckState(0, Qt::Unchecked);
    QVERIFY(wizard.context().manifest.subscribedEventNames().isEmpty());

    // A custom object by name: its four names, checked, and the branch shown.
    picker->resize(400, 200);
    picker->objectNameEdit()->setText(u"deal"_s);
    picker->addObjectButton()->click();
    QTreeWidgetItem *deal = picker->customObjectBranch(u"deal"_s);
    QVERIFY(deal);
    QCOMPARE(deal->childCount(), 4);
    QCOMPARE(picker->tree()->currentItem(), deal);
    QVERIFY(picker->objectNameEdit()->text().isEmpty());
    const QStringList names = wizard.context().manifest.subscribedEventNames();
    QCOMPARE(names,
             (QStringList{ u"custom-object:deal:created"_s, u"custom-object:deal:updated"_s,
                           u"custom-object:deal:deleted"_s,
                           u"custom-object:deal:field-changed"_s }));
    QVERIFY(!manifest->jsonText().contains(u"custom-object:deal:*"_s));
    // An unusable name is refused.
    picker->objectNameEdit()->setText(u"no spaces"_s);
    picker->addObjectButton()->click();
    QVERIFY(!picker->customObjectBranch(u"no spaces"_s));
}

void tst_SetupWizard::importedPatternStaysVisibleUntilExpanded()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().endpointUrl = u"https://hooks.acme.example/hooks/abc"_s;
    auto *manifest = page<ManifestPage>(wizard, SetupWizard::ManifestPageId);
    manifest->initializePage();
    Manifest m = wizard.context().manifest;
    m.setSubscribedEvents(
            { ManifestEvent::forEvent(u"ticket:*"_s), ManifestEvent::forEvent(u"user:created"_s) });
    manifest->setJsonText(QString::fromUtf8(m.toJson()));
    EventPicker *picker = manifest->eventPicker();
    QTreeWidgetItem *other = picker->otherBranch();
    QVERIFY(other);
    QCOMPARE(other->childCount(), 1);
    QCOMPARE(other->child(0)->text(0), u"ticket:*"_s);
    QCOMPARE(other->child(0)->checkState(0), Qt::Checked);
    QCOMPARE(picker->selectedEvents(), (QStringList{ u"user:created"_s, u"ticket:*"_s }));
    // Validation warns about the pattern, and does not block.
    QVERIFY2(manifest->issuesText().contains(u"ticket:*"_s), qPrintable(manifest->issuesText()));
    QVERIFY(manifest->isComplete());
    // Re-applying the same JSON does not duplicate it.
    manifest->setJsonText(manifest->jsonText());
    QCOMPARE(picker->otherBranch()->childCount(), 1);

    // One click: the documented names it stands for.
    QVERIFY(picker->expandButton()->isEnabled());
    picker->expandButton()->click();
    QVERIFY(!picker->otherBranch());
    QVERIFY(!picker->expandButton()->isEnabled());
    const QStringList names = wizard.context().manifest.subscribedEventNames();
    QVERIFY(!names.contains(u"ticket:*"_s));
    QVERIFY(names.contains(u"ticket:created"_s));
    QVERIFY(names.contains(u"user:created"_s));
    for (const QString &name : names)
        QVERIFY2(EventCatalogue::builtin().isDocumented(name), qPrintable(name));
    QCOMPARE(picker->categoryBranch(u"ticket"_s)->checkState(0), Qt::Checked);
    QVERIFY(!manifest->jsonText().contains(u"ticket:*"_s));
}

void tst_SetupWizard::settingsHoldTheThenaUrls()
{
    // Saved under thena/appsUrl and thena/platformUrl, never an invalid one.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"settings.ini"_s);
    AppSettings s;
    s.thenaAppsUrl = u"https://apps.staging.example/studio"_s;
    s.thenaPlatformUrl = u"http://127.0.0.1:9000"_s;
    {
        QSettings settings(path, QSettings::IniFormat);
        s.save(settings);
    }
    {
        QSettings settings(path, QSettings::IniFormat);
        QCOMPARE(settings.value(u"settings/thena/appsUrl"_s).toString(), s.thenaAppsUrl);
        QCOMPARE(AppSettings::load(settings), s);
        settings.setValue(u"settings/thena/platformUrl"_s, u"ftp://nope"_s);
        QVERIFY(AppSettings::load(settings).thenaPlatformUrl.isEmpty());
    }

    // The dialog: placeholders name the built-in URLs; only http(s) is accepted.
    SettingsDialog dialog(AppSettings{}, QString());
    dialog.setCurrentPage(SettingsDialog::Page::ThenaApi);
    QCOMPARE(dialog.currentPage(), SettingsDialog::Page::ThenaApi);
    if (qEnvironmentVariableIsEmpty("HOOKSCOPE_THENA_APPS_URL"))
        QCOMPARE(dialog.thenaAppsUrlEdit()->placeholderText(), u"https://apps-studio.thena.ai"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    dialog.thenaAppsUrlEdit()->setText(u"apps.example.com"_s);
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY2(dialog.problem().contains(u"http(s)"_s), qPrintable(dialog.problem()));
    dialog.thenaAppsUrlEdit()->setText(u"https://apps.example.com"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(dialog.settings().thenaAppsUrl, u"https://apps.example.com"_s);
    QVERIFY(labelContaining(&dialog, u"$HOOKSCOPE_THENA_APPS_URL"_s));
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults)->click();
    QVERIFY(dialog.settings().thenaAppsUrl.isEmpty());

    // What app/main.cpp applies: the environment wins, then Settings, then the built-in URL.
    const QByteArray saved = qgetenv("HOOKSCOPE_THENA_APPS_URL");
    qunsetenv("HOOKSCOPE_THENA_APPS_URL");
    QCOMPARE(ThenaClient::defaultAppsUrl(u"https://apps.example.com"_s),
             QUrl(u"https://apps.example.com"_s));
    QCOMPARE(ThenaClient::defaultAppsUrl(), QUrl(u"https://apps-studio.thena.ai"_s));
    qputenv("HOOKSCOPE_THENA_APPS_URL", "http://127.0.0.1:1234");
    QCOMPARE(ThenaClient::defaultAppsUrl(u"https://apps.example.com"_s),
             QUrl(u"http://127.0.0.1:1234"_s));
    if (saved.isEmpty())
        qunsetenv("HOOKSCOPE_THENA_APPS_URL");
    else
        qputenv("HOOKSCOPE_THENA_APPS_URL", saved);
}

void tst_SetupWizard::existingAppIsInstalledFromTheWizard()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().teamIds = { u"T123NHFDRF"_s };
    wizard.context().manifest.setEndpoint(u"https://hooks.acme.example/hooks/abc"_s);
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    auto *create = page<CreatePage>(wizard, SetupWizard::CreatePageId);
    create->initializePage();
    QVERIFY(!create->isComplete());
    QVERIFY(!create->useExistingButton()->isEnabled());
    create->existingAppIdEdit()->setText(u"not an id"_s);
    QVERIFY(!create->useExistingButton()->isEnabled());
    create->existingAppIdEdit()->setText(u"APPMADEINDASHBOARD01"_s);
    create->existingAppNameEdit()->setText(u"Dashboard app"_s);
    create->useExistingButton()->click();
    QVERIFY(create->isComplete());
    QVERIFY(!create->createButton()->isEnabled()); // nothing to create now
    QCOMPARE(wizard.context().createdApp.appId, u"APPMADEINDASHBOARD01"_s);
    QCOMPARE(wizard.context().createdApp.name, u"Dashboard app"_s);
    QVERIFY(create->resultText().contains(u"APPMADEINDASHBOARD01"_s));
    QVERIFY(m_server->requestsTo(FakeThenaServer::CreateAppPath).isEmpty());
    const std::optional<RegisteredApp> registered = m_registry->find(u"APPMADEINDASHBOARD01"_s);
    QVERIFY(registered);
    QCOMPARE(registered->name, u"Dashboard app"_s);
    QVERIFY(!registered->createdAt.isValid());

    auto *install = page<InstallPage>(wizard, SetupWizard::InstallPageId);
    install->initializePage();
    QVERIFY(install->installButton()->isEnabled());
    install->installButton()->click();
    QTRY_VERIFY2(install->isComplete(), qPrintable(install->resultText()));
    const QList<FakeThenaRequest> installs = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(installs.size(), 1);
    QCOMPARE(installs.first().json().value("appId"_L1).toString(), u"APPMADEINDASHBOARD01"_s);
    AppRegistry reread(m_dir->path());
    QVERIFY(reread.load());
    QCOMPARE(reread.find(u"APPMADEINDASHBOARD01"_s)->teams, QStringList{ u"T123NHFDRF"_s });
}

void tst_SetupWizard::appsDialogAddsAnExistingAppAndInstallsIt()
{
    QSettings().setValue(SetupWizard::settingsGroup() + u"/teams"_s,
                         QStringList{ u"T123NHFDRF"_s });
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    AppsDialog dialog(m_client.get(), m_registry.get(), m_secrets.get());
    dialog.show();
    QCOMPARE(dialog.table()->rowCount(), 0);
    QVERIFY(!dialog.installButton()->isEnabled());

    dialog.addExistingButton()->click();
    auto *add = dialog.findChild<AddExistingAppDialog *>();
    QVERIFY(add);
    QVERIFY(!add->okButton()->isEnabled());
    add->appIdEdit()->setText(u"APPFROMELSEWHERE7"_s);
    add->nameEdit()->setText(u"Elsewhere"_s);
    QVERIFY(add->okButton()->isEnabled());
    add->okButton()->click();
    QTRY_COMPARE(dialog.table()->rowCount(), 1);
    QCOMPARE(dialog.table()->item(0, 1)->text(), u"APPFROMELSEWHERE7"_s);
    QCOMPARE(dialog.table()->item(0, 0)->text(), u"Elsewhere"_s);
    QCOMPARE(dialog.table()->currentRow(), 0);
    QVERIFY(m_registry->find(u"APPFROMELSEWHERE7"_s));

    // Install…: the wizard's teams are offered and checked; one more is typed in.
    dialog.installButton()->click();
    auto *teams = dialog.findChild<TeamChoiceDialog *>();
    QVERIFY(teams);
    QCOMPARE(teams->teamList()->count(), 1);
    QCOMPARE(teams->teamList()->item(0)->text(), u"T123NHFDRF"_s);
    QCOMPARE(teams->teamList()->item(0)->checkState(), Qt::Checked);
    teams->moreEdit()->setPlainText(u"lower-case-is-not-an-id"_s);
    QVERIFY(!teams->okButton()->isEnabled());
    teams->moreEdit()->setPlainText(u"https://dashboard.thena.ai/dashboard/T456QWERTY"_s);
    QVERIFY(teams->okButton()->isEnabled());
    QCOMPARE(teams->teams(), (QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    teams->okButton()->click();
    QTRY_VERIFY(!dialog.answerText().isEmpty());
    const QList<FakeThenaRequest> installs = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(installs.size(), 1);
    QCOMPARE(installs.first().json().value("appId"_L1).toString(), u"APPFROMELSEWHERE7"_s);
    QCOMPARE(installs.first().json().value("teamIds"_L1).toArray(),
             (QJsonArray{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    QCOMPARE(m_registry->find(u"APPFROMELSEWHERE7"_s)->teams,
             (QStringList{ u"T123NHFDRF"_s, u"T456QWERTY"_s }));
    QVERIFY2(dialog.statusText().contains(u"Installed on T123NHFDRF, T456QWERTY"_s),
             qPrintable(dialog.statusText()));

    // An answer that confirms only one team: only that one is recorded.
    QJsonObject partial = QJsonDocument::fromJson(FakeThenaResponse::install().body).object();
    partial.insert(u"appInstalledForTeams"_s, QJsonArray{ u"T123NHFDRF"_s });
    m_server->setResponse(FakeThenaServer::InstallPath, FakeThenaResponse::json(201, partial));
    m_registry->recordUninstalled(u"APPFROMELSEWHERE7"_s, { u"T123NHFDRF"_s, u"T456QWERTY"_s });
    QVERIFY(m_registry->save());
    dialog.run(AppsDialog::Action::Install, { u"T123NHFDRF"_s, u"T456QWERTY"_s });
    QTRY_COMPARE(m_server->requestsTo(FakeThenaServer::InstallPath).size(), 2);
    QTRY_VERIFY(dialog.statusText().contains(u"not confirmed by the server"_s));
    QVERIFY(dialog.statusText().contains(u"T456QWERTY"_s));
    QCOMPARE(m_registry->find(u"APPFROMELSEWHERE7"_s)->teams, QStringList{ u"T123NHFDRF"_s });
}

void tst_SetupWizard::installRecordsOnlyConfirmedTeams()
{
    QJsonObject partial = QJsonDocument::fromJson(FakeThenaResponse::install().body).object();
    partial.insert(u"appInstalledForTeams"_s, QJsonArray{ u"T123NHFDRF"_s });
    m_server->setResponse(FakeThenaServer::InstallPath, FakeThenaResponse::json(201, partial));
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().teamIds = { u"T123NHFDRF"_s, u"T456QWERTY"_s };
    wizard.context().createdApp.appId = u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s;
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    auto *install = page<InstallPage>(wizard, SetupWizard::InstallPageId);
    install->initializePage();
    install->installButton()->click();
    QTRY_VERIFY(install->installButton()->isEnabled());
    QCOMPARE(install->teamTable()->item(0, 1)->text(), u"installed"_s);
    QCOMPARE(install->teamTable()->item(1, 1)->text(), u"not confirmed by the server"_s);
    QCOMPARE(wizard.context().installedTeams, QStringList{ u"T123NHFDRF"_s });
    QCOMPARE(m_registry->find(u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s)->teams,
             QStringList{ u"T123NHFDRF"_s });
    QVERIFY(!install->isComplete());
}

void tst_SetupWizard::appSettingsGoIntoTheInstallCall()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().teamIds = { u"T123NHFDRF"_s };
    wizard.context().createdApp.appId = u"EGHG8R3K9HGU98JJ81W5EKQRM2X9"_s;
    QJsonObject json = wizard.context().manifest.json();
    json.insert(u"configuration"_s,
                QJsonObject{ { u"required_settings"_s,
                               QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s },
                                                        { u"label"_s, u"Region"_s } } } },
                             { u"optional_settings"_s,
                               QJsonArray{ QJsonObject{ { u"key"_s, u"verbose"_s },
                                                        { u"label"_s, u"Verbose"_s },
                                                        { u"type"_s, u"boolean"_s } } } } });
    wizard.context().manifest = Manifest(json);
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    wizard.show();
    auto *install = page<InstallPage>(wizard, SetupWizard::InstallPageId);
    install->initializePage();
    AppSettingsForm *form = install->settingsForm();
    auto *region = qobject_cast<QLineEdit *>(form->editor(u"region"_s));
    QVERIFY(region);
    QVERIFY(qobject_cast<QCheckBox *>(form->editor(u"verbose"_s)));
    QVERIFY(labelContaining(install, u"Region *"_s)); // marked as required
    QVERIFY(!install->installButton()->isEnabled()); // the required setting is empty
    QTest::keyClicks(region, u"eu"_s);
    QVERIFY(install->installButton()->isEnabled());
    install->curlButton()->click();
    QVERIFY2(install->curlText().contains(u"\"key\":\"region\",\"value\":\"eu\""_s),
             qPrintable(install->curlText()));
    install->installButton()->click();
    QTRY_VERIFY2(install->isComplete(), qPrintable(install->resultText()));
    const QList<FakeThenaRequest> installs = m_server->requestsTo(FakeThenaServer::InstallPath);
    QCOMPARE(installs.size(), 1);
    const QJsonObject configuration =
            installs.first().json().value("appConfiguration"_L1).toObject();
    QCOMPARE(configuration.value("required_settings"_L1).toArray(),
             (QJsonArray{ QJsonObject{ { u"key"_s, u"region"_s }, { u"value"_s, u"eu"_s } } }));
    QCOMPARE(wizard.context().settingValues.value(u"region"_s), u"eu"_s);
    // Setting values are not saved with the wizard's state.
    wizard.reject();
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!key.contains(u"region"_s)
                         && !settings.value(key).toString().contains(u"\"eu\""_s),
                 qPrintable(key));
}

void tst_SetupWizard::legacyWebhooksTestRequestIsStored()
{
    LegacyWebhooksDialog dialog(m_receiver.get(), m_store.get());
    dialog.show();
    const QString steps = dialog.stepsText();
    QVERIFY2(steps.contains(u"Global Settings → Integrations"_s), qPrintable(steps));
    QVERIFY(steps.contains(u"Add Integration"_s));
    QVERIFY(steps.contains(u"Thena Access Key"_s));
    QVERIFY(steps.contains(u"authorization"_s));
    QVERIFY(steps.contains(u"Request created"_s) && steps.contains(u"Request updated"_s));
    QStringList numbers; // the steps are numbered 1., 2., … without gaps
    for (QLabel *label : dialog.findChildren<QLabel *>())
        if (QRegularExpression(u"^\\d+\\.$"_s).match(label->text()).hasMatch())
            numbers.append(label->text());
    QCOMPARE(numbers, (QStringList{ u"1."_s, u"2."_s, u"3."_s, u"4."_s, u"5."_s, u"6."_s }));
    // The URL carries no token (the authorization header does): no screen shows the secret.
    QCOMPARE(dialog.urlEdit()->text(), u"http://127.0.0.1:%1/"_s.arg(m_receiver->port()));
    QVERIFY(m_receiver->webhookUrl().contains(u"wizard-secret-token"_s));
    // The authorization value is the receiver's secret, hidden until shown.
    QCOMPARE(dialog.authorizationEdit()->echoMode(), QLineEdit::Password);
    QCOMPARE(dialog.authorizationEdit()->text(), u"wizard-secret-token"_s);
    dialog.showAuthorizationButton()->click();
    QCOMPARE(dialog.authorizationEdit()->echoMode(), QLineEdit::Normal);
    dialog.copyAuthorizationButton()->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"wizard-secret-token"_s);

    // The test request goes through the real receiver, authorised by the header alone.
    QSignalSpy finished(&dialog, &LegacyWebhooksDialog::testFinished);
    dialog.testButton()->click();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toInt(), 200);
    QVERIFY2(dialog.testResultText().contains(u"200 — stored as request:created"_s),
             qPrintable(dialog.testResultText()));
    QCOMPARE(m_store->count(), qint64(1));
    const QList<EventSummary> stored = m_store->summaries();
    QCOMPARE(stored.first().type, u"request:created"_s);
    const std::optional<Event> event = m_store->event(stored.first().id);
    QVERIFY(event);
    QVERIFY(!event->path.contains(u"wizard-secret-token"_s));

    // Reachable from the wizard's Done page.
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.setEventStore(m_store.get());
    auto *done = page<DonePage>(wizard, SetupWizard::DonePageId);
    done->initializePage();
    QLabel *link = labelContaining(done, u"#legacy"_s);
    QVERIFY(link);
    Q_EMIT link->linkActivated(u"#legacy"_s);
    auto *opened = done->findChild<LegacyWebhooksDialog *>();
    QVERIFY(opened);
    QCOMPARE(opened->urlEdit()->text(), u"http://127.0.0.1:%1/"_s.arg(m_receiver->port()));
    opened->close();
}

void tst_SetupWizard::legacyWebhooksWithoutSecretSaySo()
{
    ReceiverConfig config = m_receiver->config();
    config.secret.clear();
    m_receiver->setConfig(config);
    QVERIFY(m_receiver->start());
    LegacyWebhooksDialog dialog(m_receiver.get(), m_store.get(), u"https://relay.example/abc"_s);
    QCOMPARE(dialog.urlEdit()->text(), u"https://relay.example/abc"_s);
    QVERIFY(dialog.authorizationEdit()->isHidden());
    QVERIFY2(dialog.secretNote().contains(u"no secret token"_s), qPrintable(dialog.secretNote()));
    QVERIFY(dialog.secretNote().contains(u"Settings"_s));
    dialog.testButton()->click();
    QTRY_VERIFY(dialog.testResultText().contains(u"request:created"_s));
}

void tst_SetupWizard::clientSecretWithoutKeychain()
{
    QVERIFY(qEnvironmentVariable("HOOKSCOPE_NO_KEYCHAIN") == "1"_L1);
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().teamIds = { u"T123NHFDRF"_s };
    wizard.context().manifest.setEndpoint(u"https://hooks.acme.example/hooks/abc"_s);
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    wizard.show();
    auto *create = page<CreatePage>(wizard, SetupWizard::CreatePageId);
    create->initializePage();
    ClientSecretBox *secret = create->clientSecret();
    QVERIFY(!secret->copyButton()->isEnabled()); // nothing created yet
    create->createButton()->click();
    QTRY_COMPARE(secret->warningText(), ClientSecretBox::sessionOnlyWarning());
    QVERIFY(secret->warningText().startsWith(
            u"No keychain is available: the client secret is kept only until "
            "Hookscope closes. Copy it now and store it safely."_s));
    QVERIFY(!create->resultText().contains(u"cs_live_3b9f7a1e2d4c6b8a"_s));
    QVERIFY(!create->answerText().contains(u"cs_live_3b9f7a1e2d4c6b8a"_s));
    QVERIFY(!wizard.context().createdApp.clientSecret.contains(
            u"cs_live"_s)); // not kept in the context
    QGuiApplication::clipboard()->clear();
    secret->copyButton()->click();
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), u"cs_live_3b9f7a1e2d4c6b8a"_s);
    QCOMPARE(secret->valueEdit()->echoMode(), QLineEdit::Password);
    secret->showButton()->click();
    QTRY_COMPARE(secret->valueEdit()->text(), u"cs_live_3b9f7a1e2d4c6b8a"_s);
    QCOMPARE(secret->valueEdit()->echoMode(), QLineEdit::Normal);
    secret->showButton()->click();
    QVERIFY(secret->valueEdit()->text().isEmpty());

    // The Apps dialog reads it on demand, and says when there is none.
    AppsDialog dialog(m_client.get(), m_registry.get(), m_secrets.get());
    QCOMPARE(dialog.table()->rowCount(), 1);
    dialog.clientSecretButton()->click();
    auto *secretDialog = dialog.findChild<ClientSecretDialog *>();
    QVERIFY(secretDialog);
    QCOMPARE(secretDialog->secretBox()->warningText(), ClientSecretBox::sessionOnlyWarning());
    QGuiApplication::clipboard()->clear();
    secretDialog->secretBox()->copyButton()->click();
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), u"cs_live_3b9f7a1e2d4c6b8a"_s);
    secretDialog->close();
    QVERIFY(dialog.addExistingApp(u"APPWITHOUTSECRET1"_s));
    dialog.clientSecretButton()->click();
    ClientSecretDialog *none = nullptr;
    for (ClientSecretDialog *d : dialog.findChildren<ClientSecretDialog *>())
        if (d->secretBox()->appId() == "APPWITHOUTSECRET1"_L1)
            none = d;
    QVERIFY(none);
    none->secretBox()->showButton()->click();
    QTRY_COMPARE(none->secretBox()->statusText(), u"Not stored."_s);
    QVERIFY(none->secretBox()->valueEdit()->text().isEmpty());

    // Never in the settings file.
    wizard.reject();
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(u"cs_live"_s), qPrintable(key));
}

void tst_SetupWizard::secondCreateClickSendsNothing()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.context().teamIds = { u"T123NHFDRF"_s };
    wizard.context().manifest.setEndpoint(u"https://hooks.acme.example/hooks/abc"_s);
    m_client->setApiKey(FakeThenaServer::DefaultApiKey);
    wizard.show();
    auto *create = page<CreatePage>(wizard, SetupWizard::CreatePageId);
    create->initializePage();
    QVERIFY(!create->createAnotherButton()->isEnabled());
    create->createButton()->click();
    QTRY_VERIFY(create->isComplete());
    QVERIFY(!create->createButton()->isEnabled());
    create->createButton()->click(); // a disabled button does nothing
    QTest::qWait(100);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::CreateAppPath).size(), 1);
    // Back and forth: still one app.
    create->initializePage();
    QVERIFY(!create->createButton()->isEnabled());
    QVERIFY(create->resultText().contains(u"Already created"_s));

    // "Create another app…" asks first; Cancel sends nothing.
    QVERIFY(create->createAnotherButton()->isEnabled());
    create->createAnotherButton()->click();
    auto *box = create->findChild<QMessageBox *>();
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(100);
    QCOMPARE(m_server->requestsTo(FakeThenaServer::CreateAppPath).size(), 1);
    // Confirmed: a second request.
    create->createAnotherButton()->click();
    QMessageBox *again = nullptr;
    QTRY_VERIFY((again = create->findChild<QMessageBox *>()));
    QAbstractButton *confirm = nullptr;
    for (QAbstractButton *b : again->buttons())
        if (again->buttonRole(b) == QMessageBox::AcceptRole)
            confirm = b;
    QVERIFY(confirm);
    confirm->click();
    QTRY_COMPARE(m_server->requestsTo(FakeThenaServer::CreateAppPath).size(), 2);
}

// The manifest's JSON editor is QScintilla, which keeps a white page of its own: it must
// follow the theme (#15 item 9), both ways.
void tst_SetupWizard::jsonEditorFollowsTheTheme()
{
    Theme theme;
    theme.apply(ThemeMode::Light);
    JsonEditor editor;
    editor.show();
    QVERIFY(editor.paper().lightness() > 200);
    theme.apply(ThemeMode::Dark);
    QTRY_VERIFY2(editor.paper().lightness() < 80, qPrintable(editor.paper().name()));
    theme.apply(ThemeMode::Light);
    QTRY_VERIFY(editor.paper().lightness() > 200);
}

// A typo in the pasted team IDs shows a problem line that was reserved before: the paste
// box the user is typing in does not jump (#15 item 14).
void tst_SetupWizard::teamsProblemDoesNotMoveThePasteBox()
{
    SetupWizard wizard(m_client.get(), m_secrets.get(), m_registry.get(), m_receiver.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    passApiKeyPage(wizard, FakeThenaServer::DefaultApiKey);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(SetupWizard::TeamsPageId));
    auto *teams = page<TeamsPage>(wizard, SetupWizard::TeamsPageId);
    QPlainTextEdit *paste = teams->pasteEdit();
    const QRect before = QRect(paste->mapTo(teams, QPoint()), paste->size());
    QTest::keyClicks(paste, u"T123NHFDRF, T12!"_s);
    QVERIFY(labelContaining(teams, u"T12!"_s));
    QCOMPARE(QRect(paste->mapTo(teams, QPoint()), paste->size()), before);
    paste->clear();
    QCOMPARE(QRect(paste->mapTo(teams, QPoint()), paste->size()), before);
}

QTEST_MAIN(tst_SetupWizard)
#include "tst_setupwizard.moc"
