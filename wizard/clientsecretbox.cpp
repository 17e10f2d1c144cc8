// SPDX-License-Identifier: MIT
#include "clientsecretbox.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/thena/secretstore.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

ClientSecretBox::ClientSecretBox(SecretStore *secrets, QWidget *parent)
    : QWidget(parent),
      m_secrets(secrets),
      m_value(new QLineEdit(this)),
      m_show(new QPushButton(tr("Show"), this)),
      m_copy(new QPushButton(tr("Copy"), this)),
      m_status(new QLabel(this)),
      m_warning(new QLabel(this))
{
    m_value->setReadOnly(true);
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setPlaceholderText(tr("hidden: read from the keychain when shown or copied"));
    m_value->setAccessibleName(tr("Client secret"));
    m_show->setCheckable(true);
    m_show->setAccessibleName(tr("Show the client secret"));
    m_copy->setAccessibleName(tr("Copy the client secret"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"QLabel { color: #b07000; }"_s);
    // Reserved, so that the warning appearing moves nothing below it.
    m_warning->setMinimumHeight(m_warning->fontMetrics().lineSpacing() * 2 + 2);
    m_warning->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Client secret:"), this));
    row->addWidget(m_value, 1);
    row->addWidget(m_show);
    row->addWidget(m_copy);
    row->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_warning);

    connect(m_show, &QPushButton::toggled, this, &ClientSecretBox::setShown);
    connect(m_copy, &QPushButton::clicked, this, &ClientSecretBox::copy);
    setAppId(QString());
}

QString ClientSecretBox::sessionOnlyWarning()
{
    return tr("No keychain is available: the client secret is kept only until Hookscope closes. "
              "Copy it now and store it safely.");
}

void ClientSecretBox::setAppId(const QString &appId)
{
    m_appId = appId;
    {
        const QSignalBlocker blocker(m_show);
        m_show->setChecked(false);
    }
    m_show->setText(tr("Show"));
    m_value->clear();
    m_value->setEchoMode(QLineEdit::Password);
    const bool usable = !appId.isEmpty() && m_secrets;
    m_show->setEnabled(usable);
    m_copy->setEnabled(usable);
    m_value->setEnabled(usable);
    setStatus(QString());
}

void ClientSecretBox::setWarning(const QString &text)
{
    m_warning->setText(text);
}

QString ClientSecretBox::warningText() const
{
    return m_warning->text();
}

QString ClientSecretBox::statusText() const
{
    return m_status->text();
}

void ClientSecretBox::setStatus(const QString &text, bool problem)
{
    m_status->setStyleSheet(problem ? u"QLabel { color: #b07000; }"_s : QString());
    m_status->setText(text);
}

void ClientSecretBox::setShown(bool shown)
{
    m_show->setText(shown ? tr("Hide") : tr("Show"));
    if (!shown || !m_secrets || m_appId.isEmpty()) {
        m_value->clear();
        m_value->setEchoMode(QLineEdit::Password);
        return;
    }
    const QString appId = m_appId;
    m_secrets->read(SecretStore::clientSecretName(appId), this,
                    [this, appId](const SecretResult &r) {
                        if (appId != m_appId || !m_show->isChecked())
                            return; // another app, or hidden again meanwhile
                        if (!r.found) {
                            setStatus(r.ok ? tr("Not stored.") : r.message, true);
                            const QSignalBlocker blocker(m_show);
                            m_show->setChecked(false);
                            m_show->setText(tr("Show"));
                            return;
                        }
                        m_value->setEchoMode(QLineEdit::Normal);
                        m_value->setText(r.value);
                        setStatus(QString());
                    });
}

void ClientSecretBox::copy()
{
    if (!m_secrets || m_appId.isEmpty())
        return;
    const QString appId = m_appId;
    m_secrets->read(SecretStore::clientSecretName(appId), this,
                    [this, appId](const SecretResult &r) {
                        if (appId != m_appId)
                            return;
                        if (!r.found) {
                            setStatus(r.ok ? tr("Not stored.") : r.message, true);
                            return;
                        }
                        QGuiApplication::clipboard()->setText(r.value);
                        setStatus(tr("Copied."));
                    });
}

} // namespace Hookscope
