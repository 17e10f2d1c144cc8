// SPDX-License-Identifier: MIT
#include "appdialogs.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/thena/secretstore.h"
#include "core/thena/teamids.h"
#include "wizard/clientsecretbox.h"
#include "wizard/pages/createpage.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

AddExistingAppDialog::AddExistingAppDialog(QWidget *parent)
    : QDialog(parent),
      m_appId(new QLineEdit(this)),
      m_name(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add existing app"));
    auto *intro = new QLabel(
            tr("An app made in Thena's dashboard, with the API or on another computer. Hookscope "
               "lists it so that you can install, reinstall or uninstall it."),
            this);
    intro->setWordWrap(true);
    m_appId->setPlaceholderText(tr("e.g. EGHG8R3K9HGU98JJ81W5EKQRM2X9"));
    m_appId->setAccessibleName(tr("App ID"));
    m_name->setPlaceholderText(tr("optional"));
    m_name->setAccessibleName(tr("Name"));
    okButton()->setText(tr("Add"));
    okButton()->setEnabled(false);
    auto *form = new QFormLayout;
    form->addRow(tr("App &ID:"), m_appId);
    form->addRow(tr("&Name:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_appId, &QLineEdit::textChanged, this,
            [this] { okButton()->setEnabled(CreatePage::isPlausibleAppId(appId())); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(480, sizeHint().height());
}

QPushButton *AddExistingAppDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString AddExistingAppDialog::appId() const
{
    return m_appId->text().trimmed();
}

QString AddExistingAppDialog::name() const
{
    return m_name->text().trimmed();
}

TeamChoiceDialog::TeamChoiceDialog(const QString &title, const QString &intro,
                                   const QStringList &known, const QStringList &checked,
                                   const QString &okText, QWidget *parent,
                                   const QHash<QString, QString> &names)
    : QDialog(parent),
      m_list(new QListWidget(this)),
      m_more(new QPlainTextEdit(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    auto *introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    m_list->setAccessibleName(tr("Known teams"));
    for (const QString &id : known) {
        const QString name = names.value(id);
        auto *item = new QListWidgetItem(name.isEmpty() ? id : u"%1 — %2"_s.arg(id, name), m_list);
        item->setData(Qt::UserRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(id) ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setVisible(!known.isEmpty());
    m_more->setPlaceholderText(
            tr("More team IDs or dashboard URLs, separated by commas, spaces or lines"));
    m_more->setAccessibleName(tr("More teams"));
    m_more->setMaximumHeight(70);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"QLabel { color: #d62728; }"_s);
    m_problem->setMinimumHeight(m_problem->fontMetrics().lineSpacing() + 2);
    okButton()->setText(okText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(introLabel);
    if (!known.isEmpty())
        layout->addWidget(new QLabel(tr("Teams Hookscope knows:"), this));
    layout->addWidget(m_list, 1);
    layout->addWidget(m_more);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_list, &QListWidget::itemChanged, this, &TeamChoiceDialog::updateState);
    connect(m_more, &QPlainTextEdit::textChanged, this, &TeamChoiceDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(440, 360);
    updateState();
}

QPushButton *TeamChoiceDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QStringList TeamChoiceDialog::teams() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids.append(m_list->item(i)->data(Qt::UserRole).toString());
    for (const QString &id : TeamIds::parse(m_more->toPlainText()).ids)
        if (!ids.contains(id))
            ids.append(id);
    return ids;
}

QString TeamChoiceDialog::problem() const
{
    const TeamIdList typed = TeamIds::parse(m_more->toPlainText());
    if (!typed.errors.isEmpty())
        return tr("“%1”: %2").arg(typed.errors.first().entry, typed.errors.first().message);
    if (teams().isEmpty())
        return tr("Choose or enter at least one team.");
    return {};
}

void TeamChoiceDialog::updateState()
{
    const QString why = problem();
    // "Choose a team" is not an error to show before the user has done anything.
    m_problem->setText(teams().isEmpty() && TeamIds::parse(m_more->toPlainText()).errors.isEmpty()
                               ? QString()
                               : why);
    okButton()->setEnabled(why.isEmpty());
}

ClientSecretDialog::ClientSecretDialog(SecretStore *secrets, const QString &appId,
                                       const QString &appName, QWidget *parent)
    : QDialog(parent), m_box(new ClientSecretBox(secrets, this))
{
    setWindowTitle(tr("Client secret"));
    auto *intro = new QLabel(
            appName.isEmpty()
                    ? tr("App <b>%1</b>").arg(appId.toHtmlEscaped())
                    : tr("App <b>%1</b> (%2)").arg(appName.toHtmlEscaped(), appId.toHtmlEscaped()),
            this);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_box->setAppId(appId);
    if (secrets && secrets->state() == SecretStore::State::Unavailable)
        m_box->setWarning(ClientSecretBox::sessionOnlyWarning());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_box);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

} // namespace Hookscope
