// SPDX-License-Identifier: MIT
#include "setupwizard.h"

#include <QAbstractButton>
#include <QSettings>

#include "wizard/pages/apikeypage.h"
#include "wizard/pages/createpage.h"
#include "wizard/pages/donepage.h"
#include "wizard/pages/endpointpage.h"
#include "wizard/pages/installpage.h"
#include "wizard/pages/manifestpage.h"
#include "wizard/pages/teamspage.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

SetupWizard::SetupWizard(ThenaClient *client, SecretStore *secrets, AppRegistry *registry,
                         Receiver *receiver, QWidget *parent)
    : QWizard(parent)
{
    m_context.client = client;
    m_context.secrets = secrets;
    m_context.registry = registry;
    m_context.receiver = receiver;
    restoreState();

    setWindowTitle(tr("Set up Thena webhooks"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);
    setMinimumSize(860, 640);
    resize(1040, 720);

    setPage(ApiKeyPageId, new ApiKeyPage(&m_context, this));
    setPage(TeamsPageId, new TeamsPage(&m_context, this));
    setPage(EndpointPageId, new EndpointPage(&m_context, this));
    setPage(ManifestPageId, new ManifestPage(&m_context, this));
    setPage(CreatePageId, new CreatePage(&m_context, this));
    setPage(InstallPageId, new InstallPage(&m_context, this));
    auto *done = new DonePage(&m_context, this);
    setPage(DonePageId, done);
    connect(done, &DonePage::testEventRequested, this, &SetupWizard::testEventRequested);
    setStartId(ApiKeyPageId);
    // Nothing is left to cancel on the Done page: Finish closes the wizard.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (QAbstractButton *cancel = button(QWizard::CancelButton))
            cancel->setVisible(id != DonePageId);
    });

    connect(this, &QDialog::finished, this, [this] { saveState(); });
}

SetupWizard::~SetupWizard() = default;

WizardContext &SetupWizard::context()
{
    return m_context;
}

void SetupWizard::setRelayClient(RelayClient *relay)
{
    m_context.relay = relay;
}

void SetupWizard::setEventStore(EventStore *store)
{
    m_context.store = store;
}

QString SetupWizard::settingsGroup()
{
    return u"wizard"_s;
}

void SetupWizard::saveState() const
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    settings.setValue(u"teams"_s, m_context.teamIds);
    settings.setValue(u"endpoint"_s, m_context.endpointUrl);
    settings.setValue(u"endpointStyle"_s,
                      m_context.endpointStyle == EndpointStyle::Query ? u"query"_s : u"path"_s);
    settings.setValue(u"manifest"_s,
                      QString::fromUtf8(m_context.manifest.toJson(QJsonDocument::Compact)));
    settings.setValue(u"appId"_s, m_context.createdApp.appId);
    settings.setValue(u"appName"_s, m_context.createdApp.name);
    settings.setValue(u"clientId"_s, m_context.createdApp.clientId);
    settings.setValue(u"installedTeams"_s, m_context.installedTeams);
    // The teams Thena listed for the key (IDs and names): the Apps dialog offers them. A run
    // where listing failed keeps the last list.
    if (!m_context.availableTeams.isEmpty()) {
        QStringList ids, names;
        for (const ThenaTeam &team : m_context.availableTeams) {
            ids.append(team.teamId.isEmpty() ? team.id : team.teamId);
            names.append(team.name);
        }
        settings.setValue(u"knownTeams"_s, ids);
        settings.setValue(u"knownTeamNames"_s, names);
    }
    settings.endGroup();
}

void SetupWizard::restoreState()
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    m_context.teamIds = settings.value(u"teams"_s).toStringList();
    m_context.endpointUrl = settings.value(u"endpoint"_s).toString();
    m_context.endpointStyle = settings.value(u"endpointStyle"_s).toString() == "query"_L1
            ? EndpointStyle::Query
            : EndpointStyle::Path;
    const QByteArray manifest = settings.value(u"manifest"_s).toString().toUtf8();
    if (auto parsed = Manifest::fromJson(manifest); parsed && !manifest.isEmpty())
        m_context.manifest = *parsed;
    else
        m_context.manifest = Manifest::defaultTemplate();
    m_context.createdApp.appId = settings.value(u"appId"_s).toString();
    m_context.createdApp.name = settings.value(u"appName"_s).toString();
    m_context.createdApp.clientId = settings.value(u"clientId"_s).toString();
    m_context.installedTeams = settings.value(u"installedTeams"_s).toStringList();
    settings.endGroup();
}

} // namespace Hookscope
