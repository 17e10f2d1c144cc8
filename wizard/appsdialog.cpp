// SPDX-License-Identifier: MIT
#include "appsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "responsetext.h"
#include "thena/appregistry.h"
#include "thena/teamids.h"
#include "thena/thenaclient.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

AppsDialog::AppsDialog(ThenaClient *client, AppRegistry *registry, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_registry(registry)
    , m_table(new QTableWidget(this))
    , m_status(new QLabel(this))
    , m_answer(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Thena apps"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("App ID"), tr("Teams"), tr("Created")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(tr("Apps created from Hookscope"));
    m_status->setWordWrap(true);
    m_answer->setReadOnly(true);
    m_answer->setPlaceholderText(tr("The server's answer to the last action appears here."));
    m_answer->setMaximumHeight(160);

    auto *install = new QPushButton(tr("Install…"), this);
    auto *reinstall = new QPushButton(tr("Reinstall…"), this);
    auto *uninstall = new QPushButton(tr("Uninstall…"), this);
    connect(install, &QPushButton::clicked, this, [this] { run(Action::Install); });
    connect(reinstall, &QPushButton::clicked, this, [this] { run(Action::Reinstall); });
    connect(uninstall, &QPushButton::clicked, this, [this] { run(Action::Uninstall); });
    auto *actions = new QHBoxLayout;
    actions->addWidget(install);
    actions->addWidget(reinstall);
    actions->addWidget(uninstall);
    actions->addStretch(1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(m_answer);
    layout->addWidget(close);
    resize(760, 480);
    reload();
}

QString AppsDialog::answerText() const
{
    return m_answer->toPlainText();
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
        m_table->setItem(i, 0, new QTableWidgetItem(a.name));
        m_table->setItem(i, 1, new QTableWidgetItem(a.appId));
        m_table->setItem(i, 2, new QTableWidgetItem(a.teams.join(u", "_s)));
        m_table->setItem(i, 3, new QTableWidgetItem(a.createdAt.isValid() ? QLocale().toString(a.createdAt.toLocalTime(), QLocale::ShortFormat) : QString()));
    }
    if (apps.isEmpty())
        m_status->setText(tr("No apps yet: run Tools → Set up Thena webhooks… to create one."));
    else if (m_table->currentRow() < 0)
        m_table->selectRow(0);
}

void AppsDialog::run(Action action, const QStringList &givenTeams)
{
    const int row = m_table->currentRow();
    if (!m_client || row < 0 || m_reply)
        return;
    const QString appId = m_table->item(row, 1)->text();
    QStringList teams = givenTeams;
    if (teams.isEmpty()) {
        bool ok = false;
        const QString text = QInputDialog::getText(this, windowTitle(), tr("Team IDs or dashboard URLs:"), QLineEdit::Normal,
                                                   m_table->item(row, 2)->text(), &ok);
        if (!ok)
            return;
        const TeamIdList parsed = TeamIds::parse(text);
        if (!parsed.isValid()) {
            m_status->setText(parsed.errors.isEmpty() ? tr("Enter at least one team ID.")
                                                      : tr("“%1”: %2").arg(parsed.errors.first().entry, parsed.errors.first().message));
            return;
        }
        teams = parsed.ids;
    }
    m_status->setText(tr("Working…"));
    m_answer->clear();
    switch (action) {
    case Action::Install: m_reply = m_client->install(appId, teams); break;
    case Action::Reinstall: m_reply = m_client->reinstall(appId, teams); break;
    case Action::Uninstall: m_reply = m_client->uninstall(appId, teams); break;
    }
    connect(m_reply, &ThenaReply::finished, this, [this, action, appId, teams] { onFinished(action, appId, teams); });
}

void AppsDialog::onFinished(Action action, const QString &appId, const QStringList &teams)
{
    ThenaReply *reply = m_reply;
    if (!reply)
        return;
    m_reply.clear();
    reply->deleteLater();
    const ThenaResult &result = reply->result();
    m_answer->setPlainText(responseText(result.httpStatus, result.body, result.message));
    if (!result.ok) {
        m_status->setText(u"<span style='color:#d62728'>%1</span>"_s.arg(result.message.toHtmlEscaped()));
        return;
    }
    if (m_registry) {
        if (action == Action::Uninstall)
            m_registry->recordUninstalled(appId, teams);
        else
            m_registry->recordInstalled(appId, teams, result.install.appName);
        m_registry->save();
    }
    m_status->setText(action == Action::Uninstall ? tr("Uninstalled from %1.").arg(teams.join(u", "_s))
                                                  : tr("Installed on %1.").arg(teams.join(u", "_s)));
    const int row = m_table->currentRow();
    reload();
    m_table->selectRow(row);
}

} // namespace Hookscope
