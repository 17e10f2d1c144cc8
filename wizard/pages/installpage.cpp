// SPDX-License-Identifier: MIT
#include "installpage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/thena/appregistry.h"
#include "core/thena/thenaclient.h"
#include "wizard/appsettingsform.h"
#include "wizard/responsetext.h"
#include "wizard/thenaexchangeview.h"
#include "wizard/wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

InstallPage::InstallPage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent),
      m_context(context),
      m_intro(new QLabel(this)),
      m_settingsBox(new QGroupBox(tr("App settings (from the manifest's configuration)"), this)),
      m_settings(new AppSettingsForm(this)),
      m_settingsProblem(new QLabel(this)),
      m_reinstall(
              new QCheckBox(tr("Reinstall (the app is already installed on these teams)"), this)),
      m_install(new QPushButton(tr("&Install"), this)),
      m_curl(new QPushButton(tr("Copy as curl"), this)),
      m_teams(new QTableWidget(this)),
      m_result(new QLabel(this)),
      m_exchange(new ThenaExchangeView(this))
{
    setTitle(tr("Install on teams"));
    setSubTitle(tr("Installing the app on a team starts the deliveries of that team's events."));
    m_intro->setWordWrap(true);
    m_teams->setColumnCount(2);
    m_teams->setHorizontalHeaderLabels({ tr("Team"), tr("Result") });
    m_teams->horizontalHeader()->setStretchLastSection(true);
    m_teams->verticalHeader()->setVisible(false);
    m_teams->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_teams->setAccessibleName(tr("Installation result per team"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(m_result->fontMetrics().lineSpacing() * 2 + 2);
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_exchange->setMaximumHeight(180);

    m_settingsProblem->setStyleSheet(u"QLabel { color: #b07000; }"_s);
    m_settingsProblem->setWordWrap(true);
    m_settingsProblem->setMinimumHeight(m_settingsProblem->fontMetrics().lineSpacing() + 2);
    auto *settingsLayout = new QVBoxLayout(m_settingsBox);
    settingsLayout->addWidget(m_settings);
    settingsLayout->addWidget(m_settingsProblem);
    m_settingsBox->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_install);
    buttons->addWidget(m_reinstall);
    buttons->addStretch(1);
    buttons->addWidget(m_curl);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_settingsBox);
    layout->addLayout(buttons);
    layout->addWidget(m_teams, 1);
    layout->addWidget(m_result);
    layout->addWidget(m_exchange);

    connect(m_install, &QPushButton::clicked, this, &InstallPage::install);
    connect(m_curl, &QPushButton::clicked, this, &InstallPage::copyCurl);
    connect(m_settings, &AppSettingsForm::changed, this, [this] {
        m_context->settingValues = m_settings->values();
        updateState();
    });
}

void InstallPage::initializePage()
{
    const ThenaCreatedApp &app = m_context->createdApp;
    const QString appLabel = app.name.isEmpty()
            ? u"<b>%1</b>"_s.arg(app.appId.toHtmlEscaped())
            : u"<b>%1</b> (%2)"_s.arg(app.name.toHtmlEscaped(), app.appId.toHtmlEscaped());
    m_intro->setText(
            tr("App %1 on %n team(s).", nullptr, int(m_context->teamIds.size())).arg(appLabel));
    bool allInstalled = !m_context->teamIds.isEmpty();
    m_teams->setRowCount(int(m_context->teamIds.size()));
    for (int i = 0; i < m_context->teamIds.size(); ++i) {
        const QString &id = m_context->teamIds.at(i);
        QString label = id;
        for (const ThenaTeam &t : std::as_const(m_context->availableTeams))
            if (t.teamId == id && !t.name.isEmpty())
                label = t.name + u" ("_s + id + u')';
        const bool installed = m_context->installedTeams.contains(id);
        allInstalled = allInstalled && installed;
        m_teams->setItem(i, 0, new QTableWidgetItem(label));
        m_teams->setItem(i, 1,
                         new QTableWidgetItem(installed ? tr("installed earlier")
                                                        : tr("not installed yet")));
    }
    m_teams->resizeColumnToContents(0);
    m_reinstall->setChecked(allInstalled);

    const QList<ManifestSetting> settings = m_context->manifest.settings();
    m_settings->setSettings(settings, m_context->settingValues);
    m_settingsBox->setVisible(!settings.isEmpty());
    updateState();
}

void InstallPage::updateState()
{
    const QStringList missing = m_settings->missing();
    m_settingsProblem->setText(
            missing.isEmpty() ? QString()
                              : tr("Fill in the required settings: %1").arg(missing.join(u", "_s)));
    m_install->setEnabled(!m_reply && m_context->client && !m_context->createdApp.appId.isEmpty()
                          && !m_context->teamIds.isEmpty() && missing.isEmpty());
}

QJsonObject InstallPage::appConfiguration() const
{
    return m_context->manifest.appConfiguration(m_settings->values());
}

QString InstallPage::resultText() const
{
    return m_result->text();
}

QString InstallPage::answerText() const
{
    return m_exchange->answerText();
}

QString InstallPage::curlText() const
{
    return m_exchange->curlText();
}

void InstallPage::copyCurl()
{
    if (!m_context->client)
        return;
    const QString &appId = m_context->createdApp.appId;
    const ThenaRequest request = m_reinstall->isChecked()
            ? m_context->client->reinstallRequest(appId, m_context->teamIds, appConfiguration())
            : m_context->client->installRequest(appId, m_context->teamIds, appConfiguration());
    const QString command = request.toCurl();
    m_exchange->showCurl(command);
    m_result->setText(tr("curl command copied (the API key is redacted)."));
}

void InstallPage::install()
{
    if (!m_context->client || m_reply || !m_settings->isComplete())
        return;
    m_result->setText(m_reinstall->isChecked() ? tr("Reinstalling…") : tr("Installing…"));
    m_exchange->clearAnswer();
    const QString &appId = m_context->createdApp.appId;
    m_reply = m_reinstall->isChecked()
            ? m_context->client->reinstall(appId, m_context->teamIds, appConfiguration())
            : m_context->client->install(appId, m_context->teamIds, appConfiguration());
    connect(m_reply, &ThenaReply::finished, this, &InstallPage::onFinished);
    updateState();
    Q_EMIT completeChanged();
}

void InstallPage::onFinished()
{
    ThenaReply *reply = takeFinished(m_reply);
    if (!reply)
        return;
    updateState();
    const ThenaResult &result = reply->result();
    m_exchange->showAnswer(result);
    if (!result.ok) {
        for (int i = 0; i < m_teams->rowCount(); ++i)
            m_teams->item(i, 1)->setText(tr("failed: %1")
                                                 .arg(result.serverMessage.isEmpty()
                                                              ? result.message
                                                              : result.serverMessage));
        m_result->setText(
                u"<span style='color:#d62728'>%1</span>"_s.arg(result.message.toHtmlEscaped()));
        Q_EMIT completeChanged();
        return;
    }
    // Only what the server confirms counts as installed (ThenaInstallResult::confirmedTeams).
    const QStringList confirmed = result.install.confirmedTeams(result.call, m_context->teamIds);
    for (int i = 0; i < m_context->teamIds.size(); ++i) {
        const QString &id = m_context->teamIds.at(i);
        const bool ok = confirmed.contains(id);
        m_teams->item(i, 1)->setText(ok ? tr("installed") : tr("not confirmed by the server"));
        if (ok && !m_context->installedTeams.contains(id))
            m_context->installedTeams.append(id);
    }
    m_context->installResult = result.install;
    if (m_context->registry && !confirmed.isEmpty()) {
        m_context->registry->recordInstalled(m_context->createdApp.appId, confirmed,
                                             result.install.appName);
        m_context->registry->save();
    }
    QString text = confirmed.size() == m_context->teamIds.size()
            ? tr("Installed.")
            : tr("The server confirmed %1 of %n team(s); see the answer below.", nullptr,
                 int(m_context->teamIds.size()))
                      .arg(confirmed.size());
    const QString email = result.install.installedByEmail.toHtmlEscaped();
    if (!result.install.botSub.isEmpty()) {
        text += u' '
                + (email.isEmpty() ? tr("The app acts as bot <b>%1</b>.")
                                             .arg(result.install.botSub.toHtmlEscaped())
                                   : tr("The app acts as bot <b>%1</b>, installed by %2.")
                                             .arg(result.install.botSub.toHtmlEscaped(), email));
    } else if (!email.isEmpty()) {
        text += u' ' + tr("Installed by %1.").arg(email);
    }
    m_result->setText(text);
    if (!confirmed.isEmpty())
        m_reinstall->setChecked(true);
    Q_EMIT completeChanged();
}

bool InstallPage::isComplete() const
{
    for (const QString &id : std::as_const(m_context->teamIds))
        if (!m_context->installedTeams.contains(id))
            return false;
    return !m_reply && !m_context->teamIds.isEmpty();
}

} // namespace Hookscope
