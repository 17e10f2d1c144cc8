// SPDX-License-Identifier: MIT
#include "installpage.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "thena/appregistry.h"
#include "thena/thenaclient.h"
#include "responsetext.h"
#include "wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

InstallPage::InstallPage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_intro(new QLabel(this))
    , m_reinstall(new QCheckBox(tr("Reinstall (the app is already installed on these teams)"), this))
    , m_install(new QPushButton(tr("&Install"), this))
    , m_curl(new QPushButton(tr("Copy as curl"), this))
    , m_teams(new QTableWidget(this))
    , m_result(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
{
    setTitle(tr("Install on teams"));
    setSubTitle(tr("Installing the app on a team starts the deliveries of that team's events."));
    m_intro->setWordWrap(true);
    m_teams->setColumnCount(2);
    m_teams->setHorizontalHeaderLabels({tr("Team"), tr("Result")});
    m_teams->horizontalHeader()->setStretchLastSection(true);
    m_teams->verticalHeader()->setVisible(false);
    m_teams->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_teams->setAccessibleName(tr("Installation result per team"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setReadOnly(true);
    m_details->setMaximumHeight(140);
    m_details->setPlaceholderText(tr("The server's answer appears here."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_install);
    buttons->addWidget(m_reinstall);
    buttons->addStretch(1);
    buttons->addWidget(m_curl);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(buttons);
    layout->addWidget(m_teams, 1);
    layout->addWidget(m_result);
    layout->addWidget(m_details);

    connect(m_install, &QPushButton::clicked, this, &InstallPage::install);
    connect(m_curl, &QPushButton::clicked, this, &InstallPage::copyCurl);
}

void InstallPage::initializePage()
{
    m_intro->setText(tr("App <b>%1</b> (%2) on %n team(s).", nullptr, int(m_context->teamIds.size()))
                         .arg(m_context->createdApp.name.toHtmlEscaped(), m_context->createdApp.appId.toHtmlEscaped()));
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
        m_teams->setItem(i, 1, new QTableWidgetItem(installed ? tr("installed earlier") : tr("not installed yet")));
    }
    m_teams->resizeColumnToContents(0);
    m_reinstall->setChecked(allInstalled);
}

QString InstallPage::resultText() const
{
    return m_result->text();
}

void InstallPage::copyCurl()
{
    if (!m_context->client)
        return;
    const ThenaRequest request = m_reinstall->isChecked()
                                     ? m_context->client->reinstallRequest(m_context->createdApp.appId, m_context->teamIds)
                                     : m_context->client->installRequest(m_context->createdApp.appId, m_context->teamIds);
    QGuiApplication::clipboard()->setText(request.toCurl());
    m_result->setText(tr("curl command copied (the API key is redacted)."));
}

void InstallPage::install()
{
    if (!m_context->client)
        return;
    m_install->setEnabled(false);
    m_result->setText(m_reinstall->isChecked() ? tr("Reinstalling…") : tr("Installing…"));
    m_details->clear();
    m_reply = m_reinstall->isChecked() ? m_context->client->reinstall(m_context->createdApp.appId, m_context->teamIds)
                                       : m_context->client->install(m_context->createdApp.appId, m_context->teamIds);
    connect(m_reply, &ThenaReply::finished, this, &InstallPage::onFinished);
}

void InstallPage::onFinished()
{
    ThenaReply *reply = m_reply;
    if (!reply)
        return;
    m_reply.clear();
    reply->deleteLater();
    m_install->setEnabled(true);
    const ThenaResult &result = reply->result();
    m_details->setPlainText(responseText(result.httpStatus, result.body, result.message));
    if (!result.ok) {
        for (int i = 0; i < m_teams->rowCount(); ++i)
            m_teams->item(i, 1)->setText(tr("failed: %1").arg(result.serverMessage.isEmpty() ? result.message : result.serverMessage));
        m_result->setText(u"<span style='color:#d62728'>%1</span>"_s.arg(result.message.toHtmlEscaped()));
        Q_EMIT completeChanged();
        return;
    }
    // The answer lists the teams it installed for; a reinstall may answer without that list.
    const QStringList confirmed = result.install.appInstalledForTeams.isEmpty() ? m_context->teamIds
                                                                                 : result.install.appInstalledForTeams;
    for (int i = 0; i < m_context->teamIds.size(); ++i) {
        const bool ok = confirmed.contains(m_context->teamIds.at(i));
        m_teams->item(i, 1)->setText(ok ? tr("installed") : tr("not confirmed by the server"));
        if (ok && !m_context->installedTeams.contains(m_context->teamIds.at(i)))
            m_context->installedTeams.append(m_context->teamIds.at(i));
    }
    m_context->installResult = result.install;
    if (m_context->registry) {
        m_context->registry->recordInstalled(m_context->createdApp.appId, confirmed, result.install.appName);
        m_context->registry->save();
    }
    QString text = tr("Installed.");
    if (!result.install.botSub.isEmpty())
        text += tr(" The app acts as bot <b>%1</b>").arg(result.install.botSub.toHtmlEscaped());
    if (!result.install.installedByEmail.isEmpty())
        text += tr(", installed by %1").arg(result.install.installedByEmail.toHtmlEscaped());
    m_result->setText(text + u'.');
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
