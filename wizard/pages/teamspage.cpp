// SPDX-License-Identifier: MIT
#include "teamspage.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "core/thena/teamids.h"
#include "wizard/wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

TeamsPage::TeamsPage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent),
      m_context(context),
      m_list(new QListWidget(this)),
      m_listNote(new QLabel(this)),
      m_paste(new QPlainTextEdit(this)),
      m_problem(new QLabel(this))
{
    setTitle(tr("Teams"));
    setSubTitle(tr("Choose the teams whose events Hookscope should receive. The app is installed "
                   "on each of them."));
    m_list->setAccessibleName(tr("Teams"));
    m_list->setAlternatingRowColors(true);
    m_listNote->setWordWrap(true);
    m_paste->setPlaceholderText(
            tr("T123NHFDRF, T456QWERTY\nhttps://dashboard.thena.ai/dashboard/T123NHFDRF"));
    m_paste->setAccessibleName(tr("Team IDs or dashboard URLs"));
    m_paste->setMaximumHeight(90);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"QLabel { color: #d62728; }"_s);
    // Always there, two lines tall: a problem appearing does not move the fields above it.
    m_problem->setMinimumHeight(m_problem->fontMetrics().lineSpacing() * 2);
    m_problem->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *pasteLabel = new QLabel(
            tr("Or paste team IDs or dashboard URLs, separated by commas, spaces or lines. As "
               "Thena's docs say, the team ID is in the URL when you are in the team's dashboard: "
               "https://dashboard.thena.ai/dashboard/T123NHFDRF → T123NHFDRF."),
            this);
    pasteLabel->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_listNote);
    layout->addWidget(m_list, 1);
    layout->addWidget(pasteLabel);
    layout->addWidget(m_paste);
    layout->addWidget(m_problem);

    connect(m_list, &QListWidget::itemChanged, this, &TeamsPage::updateState);
    connect(m_paste, &QPlainTextEdit::textChanged, this, &TeamsPage::updateState);
}

void TeamsPage::initializePage()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QStringList chosen = m_context->teamIds;
    QStringList listed;
    for (const ThenaTeam &team : std::as_const(m_context->availableTeams)) {
        QString label = team.name.isEmpty() ? team.teamId : team.name;
        if (!team.identifier.isEmpty())
            label += u"  ·  "_s + team.identifier;
        label += u"  ·  "_s + team.teamId;
        if (!team.isActive)
            label += tr("  (inactive)");
        auto *item = new QListWidgetItem(label, m_list);
        item->setData(Qt::UserRole, team.teamId);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(
                chosen.contains(team.teamId)
                                || (chosen.isEmpty() && m_context->availableTeams.size() == 1)
                        ? Qt::Checked
                        : Qt::Unchecked);
        listed.append(team.teamId);
    }
    m_list->setVisible(!m_context->availableTeams.isEmpty());
    m_listNote->setText(m_context->availableTeams.isEmpty() ? tr(
                                "Hookscope could not list your teams, so enter their IDs below.")
                                                            : tr("Teams your API key can see:"));
    QStringList pasted;
    for (const QString &id : chosen)
        if (!listed.contains(id))
            pasted.append(id);
    if (m_paste->toPlainText().trimmed().isEmpty())
        m_paste->setPlainText(pasted.join(u", "_s));
    updateState();
}

QStringList TeamsPage::chosenTeamIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids.append(m_list->item(i)->data(Qt::UserRole).toString());
    const TeamIdList pasted = TeamIds::parse(m_paste->toPlainText());
    for (const QString &id : pasted.ids)
        if (!ids.contains(id))
            ids.append(id);
    return ids;
}

void TeamsPage::updateState()
{
    const TeamIdList pasted = TeamIds::parse(m_paste->toPlainText());
    QStringList problems;
    for (const TeamIdError &e : pasted.errors)
        problems.append(u"“%1”: %2"_s.arg(e.entry, e.message));
    m_problem->setText(problems.join(u'\n'));
    Q_EMIT completeChanged();
}

bool TeamsPage::isComplete() const
{
    return TeamIds::parse(m_paste->toPlainText()).errors.isEmpty() && !chosenTeamIds().isEmpty();
}

bool TeamsPage::validatePage()
{
    m_context->teamIds = chosenTeamIds();
    return !m_context->teamIds.isEmpty();
}

} // namespace Hookscope
