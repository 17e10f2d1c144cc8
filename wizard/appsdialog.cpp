// SPDX-License-Identifier: MIT
#include "appsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/thena/appregistry.h"
#include "core/thena/thenaclient.h"
#include "wizard/appdialogs.h"
#include "wizard/pages/createpage.h"
#include "wizard/responsetext.h"
#include "wizard/setupwizard.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

enum Column { NameColumn, AppIdColumn, TeamsColumn, CreatedColumn };

} // namespace

AppsDialog::AppsDialog(ThenaClient *client, AppRegistry *registry, SecretStore *secrets,
                       QWidget *parent)
    : QDialog(parent),
      m_client(client),
      m_registry(registry),
      m_secrets(secrets),
      m_table(new QTableWidget(this)),
      m_addExisting(new QPushButton(tr("Add existing app…"), this)),
      m_install(new QPushButton(tr("Install…"), this)),
      m_reinstall(new QPushButton(tr("Reinstall…"), this)),
      m_uninstall(new QPushButton(tr("Uninstall…"), this)),
      m_clientSecret(new QPushButton(tr("Client secret…"), this)),
      m_status(new QLabel(this)),
      m_answer(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Thena apps"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("App ID"), tr("Teams"), tr("Created") });
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(AppIdColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TeamsColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CreatedColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(tr("Apps created from Hookscope"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 2 + 2);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_answer->setReadOnly(true);
    m_answer->setPlaceholderText(tr("The server's answer to the last action appears here."));
    m_answer->setMaximumHeight(160);

    connect(m_addExisting, &QPushButton::clicked, this, [this] {
        auto *dialog = new AddExistingAppDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this,
                [this, dialog] { addExistingApp(dialog->appId(), dialog->name()); });
        dialog->open();
    });
    connect(m_install, &QPushButton::clicked, this, [this] { ask(Action::Install); });
    connect(m_reinstall, &QPushButton::clicked, this, [this] { ask(Action::Reinstall); });
    connect(m_uninstall, &QPushButton::clicked, this, [this] { ask(Action::Uninstall); });
    connect(m_clientSecret, &QPushButton::clicked, this, &AppsDialog::showClientSecret);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AppsDialog::updateButtons);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_install);
    actions->addWidget(m_reinstall);
    actions->addWidget(m_uninstall);
    actions->addWidget(m_clientSecret);
    actions->addStretch(1);
    actions->addWidget(m_addExisting);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(m_answer);
    layout->addWidget(close);
    resize(820, 480);
    reload();
}

QString AppsDialog::answerText() const
{
    return m_answer->toPlainText();
}

QString AppsDialog::statusText() const
{
    return m_status->text();
}

void AppsDialog::reload()
{
    if (!m_registry)
        return;
    m_registry->load();
    const QList<RegisteredApp> &apps = m_registry->apps();
    m_table->setRowCount(int(apps.size()));
    for (int i = 0; i < apps.size(); ++i) {
        const RegisteredApp &a = apps.at(i);
        m_table->setItem(i, NameColumn, new QTableWidgetItem(a.name));
        m_table->setItem(i, AppIdColumn, new QTableWidgetItem(a.appId));
        m_table->setItem(i, TeamsColumn, new QTableWidgetItem(a.teams.join(u", "_s)));
        m_table->setItem(
                i, CreatedColumn,
                new QTableWidgetItem(a.createdAt.isValid() ? QLocale().toString(
                                             a.createdAt.toLocalTime(), QLocale::ShortFormat)
                                                           : tr("made elsewhere")));
    }
    if (apps.isEmpty())
        m_status->setText(tr(
                "No apps yet: run Tools → Set up Thena webhooks… to create one, or add an existing "
                "app by its ID."));
    else if (m_table->currentRow() < 0)
        m_table->selectRow(0);
    updateButtons();
}

void AppsDialog::selectApp(const QString &appId)
{
    for (int i = 0; i < m_table->rowCount(); ++i)
        if (m_table->item(i, AppIdColumn)->text() == appId)
            m_table->selectRow(i);
}

QString AppsDialog::selectedAppId() const
{
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, AppIdColumn) ? m_table->item(row, AppIdColumn)->text()
                                                       : QString();
}

void AppsDialog::updateButtons()
{
    const bool selected = !selectedAppId().isEmpty();
    const bool idle = !m_reply && m_client;
    m_install->setEnabled(selected && idle);
    m_reinstall->setEnabled(selected && idle);
    m_uninstall->setEnabled(selected && idle);
    m_clientSecret->setEnabled(selected && m_secrets);
}

bool AppsDialog::addExistingApp(const QString &appId, const QString &name)
{
    const QString id = appId.trimmed();
    if (!m_registry || !CreatePage::isPlausibleAppId(id))
        return false;
    m_registry->recordInstalled(id, {}, name.trimmed());
    if (!m_registry->save()) {
        m_status->setText(u"<span style='color:#d62728'>%1</span>"_s.arg(
                m_registry->errorString().toHtmlEscaped()));
        return false;
    }
    reload();
    selectApp(id);
    m_status->setText(tr("Added app %1. Install it on teams with Install….").arg(id));
    return true;
}

QStringList AppsDialog::knownTeams() const
{
    // Every team Hookscope has seen: the registry's apps and the wizard's last choice.
    QStringList teams;
    if (m_registry)
        for (const RegisteredApp &app : m_registry->apps())
            for (const QString &team : app.teams)
                if (!teams.contains(team))
                    teams.append(team);
    // Then every team Thena listed for the key when the wizard last ran.
    QSettings settings;
    for (const QString &key : { u"/teams"_s, u"/knownTeams"_s })
        for (const QString &team :
             settings.value(SetupWizard::settingsGroup() + key).toStringList())
            if (!team.isEmpty() && !teams.contains(team))
                teams.append(team);
    return teams;
}

QHash<QString, QString> AppsDialog::knownTeamNames()
{
    QSettings settings;
    const QStringList ids =
            settings.value(SetupWizard::settingsGroup() + u"/knownTeams"_s).toStringList();
    const QStringList names =
            settings.value(SetupWizard::settingsGroup() + u"/knownTeamNames"_s).toStringList();
    QHash<QString, QString> out;
    for (qsizetype i = 0; i < ids.size() && i < names.size(); ++i)
        if (!names.at(i).isEmpty())
            out.insert(ids.at(i), names.at(i));
    return out;
}

void AppsDialog::ask(Action action)
{
    const QString appId = selectedAppId();
    if (!m_client || appId.isEmpty() || m_reply)
        return;
    const std::optional<RegisteredApp> app = m_registry ? m_registry->find(appId) : std::nullopt;
    const QStringList installed = app ? app->teams : QStringList();
    const QString appLabel =
            app && !app->name.isEmpty() ? u"%1 (%2)"_s.arg(app->name, appId) : appId;
    QStringList checked = installed;
    if (action == Action::Install) {
        QSettings settings;
        checked.clear();
        for (const QString &team :
             settings.value(SetupWizard::settingsGroup() + u"/teams"_s).toStringList())
            if (!installed.contains(team))
                checked.append(team);
    }
    QString title;
    QString intro;
    QString okText;
    switch (action) {
    case Action::Install:
        title = tr("Install app");
        intro = tr("Install %1 on these teams: Thena starts delivering their events.")
                        .arg(appLabel);
        okText = tr("Install");
        break;
    case Action::Reinstall:
        title = tr("Reinstall app");
        intro = tr("Reinstall %1 on these teams (it is installed there already).").arg(appLabel);
        okText = tr("Reinstall");
        break;
    case Action::Uninstall:
        title = tr("Uninstall app");
        intro = tr("Uninstall %1 from these teams: Thena stops delivering their events.")
                        .arg(appLabel);
        okText = tr("Uninstall…");
        break;
    }
    auto *dialog = new TeamChoiceDialog(title, intro, knownTeams(), checked, okText, this,
                                        knownTeamNames());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, action, appId, appLabel] {
        const QStringList teams = dialog->teams();
        if (action == Action::Uninstall)
            confirmUninstall(appId, appLabel, teams);
        else if (selectedAppId() == appId)
            run(action, teams);
    });
    dialog->open();
}

void AppsDialog::confirmUninstall(const QString &appId, const QString &appLabel,
                                  const QStringList &teams)
{
    // Names the app as the table does (name and ID) and each team, with its name when known.
    const QHash<QString, QString> names = knownTeamNames();
    QStringList teamLabels;
    for (const QString &team : teams)
        teamLabels.append(names.contains(team) ? u"%1 (%2)"_s.arg(team, names.value(team)) : team);
    auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Uninstall app"),
            tr("Uninstall app %1 from %2? Thena stops delivering these teams' events to it.")
                    .arg(appLabel, teamLabels.join(u", "_s)),
            QMessageBox::Cancel, this);
    QPushButton *confirm = box->addButton(tr("Uninstall"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QPushButton::clicked, this, [this, appId, teams] {
        if (selectedAppId() == appId)
            run(Action::Uninstall, teams);
    });
    box->open();
}

void AppsDialog::showClientSecret()
{
    const QString appId = selectedAppId();
    if (appId.isEmpty() || !m_secrets)
        return;
    const std::optional<RegisteredApp> app = m_registry ? m_registry->find(appId) : std::nullopt;
    auto *dialog = new ClientSecretDialog(m_secrets, appId, app ? app->name : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void AppsDialog::run(Action action, const QStringList &teams)
{
    const QString appId = selectedAppId();
    if (!m_client || appId.isEmpty() || m_reply || teams.isEmpty())
        return;
    m_status->setText(tr("Working…"));
    m_answer->clear();
    switch (action) {
    case Action::Install:
        m_reply = m_client->install(appId, teams);
        break;
    case Action::Reinstall:
        m_reply = m_client->reinstall(appId, teams);
        break;
    case Action::Uninstall:
        m_reply = m_client->uninstall(appId, teams);
        break;
    }
    connect(m_reply, &ThenaReply::finished, this,
            [this, action, appId, teams] { onFinished(action, appId, teams); });
    updateButtons();
}

void AppsDialog::onFinished(Action action, const QString &appId, const QStringList &teams)
{
    ThenaReply *reply = takeFinished(m_reply);
    if (!reply)
        return;
    updateButtons();
    const ThenaResult &result = reply->result();
    m_answer->setPlainText(responseText(result.httpStatus, result.body, result.message));
    if (!result.ok) {
        m_status->setText(
                u"<span style='color:#d62728'>%1</span>"_s.arg(result.message.toHtmlEscaped()));
        return;
    }
    QString status;
    if (action == Action::Uninstall) {
        if (m_registry)
            m_registry->recordUninstalled(appId, teams);
        status = tr("Uninstalled from %1.").arg(teams.join(u", "_s));
    } else {
        // Only the teams the server confirms are recorded as installed.
        const QStringList confirmed = result.install.confirmedTeams(result.call, teams);
        QStringList unconfirmed;
        for (const QString &team : teams)
            if (!confirmed.contains(team))
                unconfirmed.append(team);
        if (m_registry && !confirmed.isEmpty())
            m_registry->recordInstalled(appId, confirmed, result.install.appName);
        status = confirmed.isEmpty() ? QString()
                                     : tr("Installed on %1.").arg(confirmed.join(u", "_s));
        if (!unconfirmed.isEmpty())
            status += (status.isEmpty() ? QString() : u" "_s)
                    + tr("%1: not confirmed by the server (see its answer below).")
                              .arg(unconfirmed.join(u", "_s));
    }
    if (m_registry)
        m_registry->save();
    reload();
    selectApp(appId);
    m_status->setText(status);
}

} // namespace Hookscope
