// SPDX-License-Identifier: MIT
#include "apikeypage.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/thena/secretstore.h"
#include "core/thena/thenaclient.h"
#include "wizard/responsetext.h"
#include "wizard/wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

ApiKeyPage::ApiKeyPage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent),
      m_context(context),
      m_key(new QLineEdit(this)),
      m_test(new QPushButton(tr("&Test key"), this)),
      m_remember(new QCheckBox(tr("Remember the key in the system keychain"), this)),
      m_status(new QLabel(this)),
      m_keychain(new QLabel(this))
{
    setTitle(tr("Thena API key"));
    setSubTitle(tr("Hookscope talks to Thena's API with your organisation's API key. It is kept in "
                   "memory and, if you agree, in the system keychain — never in a settings file."));

    auto *where = new QLabel(tr("Create or copy a key in the Thena dashboard under "
                                "<a href=\"%1\">Organization → Personal → Security Access</a>.")
                                     .arg(dashboardUrl()),
                             this);
    where->setOpenExternalLinks(true);
    where->setWordWrap(true);

    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Paste the API key"));
    m_key->setAccessibleName(tr("API key"));
    m_key->setClearButtonEnabled(true);
    QAction *reveal = m_key->addAction(QIcon(), QLineEdit::TrailingPosition);
    reveal->setText(tr("Show"));
    reveal->setToolTip(tr("Show or hide the key"));
    reveal->setCheckable(true);
    connect(reveal, &QAction::toggled, m_key,
            [this](bool on) { m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_key, &QLineEdit::textChanged, this,
            [this] { setStatus(KeyState::Untested, QString()); });
    connect(m_key, &QLineEdit::returnPressed, this, &ApiKeyPage::testKey);
    connect(m_test, &QPushButton::clicked, this, &ApiKeyPage::testKey);

    m_remember->setChecked(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Two lines reserved: a message appearing does not move the checkbox below.
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 2 + 2);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_keychain->setWordWrap(true);
    m_keychain->setStyleSheet(u"QLabel { color: palette(mid); }"_s);

    auto *row = new QHBoxLayout;
    row->addWidget(m_key, 1);
    row->addWidget(m_test);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(where);
    layout->addSpacing(8);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addSpacing(8);
    layout->addWidget(m_remember);
    layout->addWidget(m_keychain);
    layout->addStretch(1);
}

void ApiKeyPage::initializePage()
{
    if (!m_context->secrets || !m_key->text().isEmpty())
        return;
    // A key saved by an earlier run: usable as it is; testing it is optional.
    m_context->secrets->read(SecretStore::apiKeyName(), this, [this](const SecretResult &result) {
        if (result.found && !result.value.isEmpty() && m_key->text().isEmpty()) {
            m_key->setText(result.value); // resets the state to Untested
            m_storedKey = result.value.trimmed();
            setStatus(
                    KeyState::Saved,
                    tr("Using the key saved in the keychain (not tested yet). Test it or go on."));
        } else if (!result.ok && !result.message.isEmpty()) {
            m_keychain->setText(result.message);
        }
    });
}

QString ApiKeyPage::dashboardUrl()
{
    return u"https://dashboard.thena.ai/organization/settings/personal/security-access"_s;
}

QString ApiKeyPage::statusText() const
{
    return m_status->text();
}

QString ApiKeyPage::keychainText() const
{
    return m_keychain->text();
}

void ApiKeyPage::setStatus(KeyState state, const QString &text)
{
    m_state = state;
    const char *colour = state == KeyState::Accepted                      ? "#2ca02c"
            : state == KeyState::Refused || state == KeyState::Unverified ? "#b07000"
                                                                          : "palette(text)";
    m_status->setStyleSheet(u"QLabel { color: %1; }"_s.arg(QLatin1StringView(colour)));
    m_status->setText(text);
    m_test->setEnabled(state != KeyState::Testing && !m_key->text().trimmed().isEmpty());
    Q_EMIT completeChanged();
}

void ApiKeyPage::testKey()
{
    const QString key = m_key->text().trimmed();
    if (key.isEmpty() || !m_context->client)
        return;
    if (m_reply)
        m_reply->cancel();
    m_context->client->setApiKey(key);
    setStatus(KeyState::Testing, tr("Testing the key by listing your teams…"));
    m_reply = m_context->client->listTeams();
    connect(m_reply, &ThenaReply::finished, this, &ApiKeyPage::onTestFinished);
}

void ApiKeyPage::onTestFinished()
{
    ThenaReply *reply = takeFinished(m_reply);
    if (!reply)
        return;
    const ThenaResult &result = reply->result();
    if (result.error == ThenaError::Cancelled)
        return;
    if (result.ok) {
        m_context->availableTeams = result.teams;
        setStatus(KeyState::Accepted,
                  tr("Key accepted: %n team(s) found.", nullptr, int(result.teams.size())));
        rememberKey();
        return;
    }
    m_context->availableTeams.clear();
    if (result.error == ThenaError::KeyRejected && result.httpStatus > 0) {
        // The teams endpoint is inferred, not documented: its refusal says nothing certain
        // about creating and installing apps. Show the answer as it came, and let the user on.
        QString answer = result.serverMessage;
        if (answer.isEmpty())
            answer = QString::fromUtf8(result.body).simplified().left(300);
        const QString status = answer.isEmpty() ? QString::number(result.httpStatus)
                                                : u"%1 %2"_s.arg(result.httpStatus).arg(answer);
        setStatus(KeyState::Refused,
                  tr("Thena refused to list teams (%1). The key may still be able to create apps: "
                     "go on and enter team IDs, or paste another key.")
                          .arg(status));
        return;
    }
    // Not a verdict on the key (network, server trouble): the user may go on and paste team IDs.
    setStatus(KeyState::Unverified,
              tr("Could not verify the key: %1\nYou can go on and enter team IDs by hand.")
                      .arg(result.message));
}

void ApiKeyPage::rememberKey()
{
    const QString key = m_key->text().trimmed();
    if (!m_remember->isChecked() || !m_context->secrets || key.isEmpty() || key == m_storedKey)
        return;
    m_storedKey = key;
    m_context->secrets->write(SecretStore::apiKeyName(), key, this, [this](const SecretResult &r) {
        m_keychain->setText(r.inKeychain ? tr("Saved in the system keychain.") : r.message);
    });
}

bool ApiKeyPage::isComplete() const
{
    return m_state == KeyState::Accepted || m_state == KeyState::Saved
            || m_state == KeyState::Refused || m_state == KeyState::Unverified;
}

bool ApiKeyPage::validatePage()
{
    if (!isComplete())
        return false;
    if (m_context->client)
        m_context->client->setApiKey(m_key->text().trimmed());
    rememberKey(); // the user goes on with this key: keep it, when asked to
    return true;
}

} // namespace Hookscope
