// SPDX-License-Identifier: MIT
#include "createpage.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/secrets.h"
#include "receiver/receiver.h"
#include "thena/appregistry.h"
#include "thena/secretstore.h"
#include "thena/thenaclient.h"
#include "responsetext.h"
#include "wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

// The receiver's secret token, masked: summaries and screenshots show where events go
// without giving the token away.
QString maskedUrl(const QString &url, const WizardContext *context)
{
    const QString secret = context->receiver ? context->receiver->config().secret : QString();
    return secret.isEmpty() ? url : QString(url).replace(secret, Secrets::mask(secret));
}

CreatePage::CreatePage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_summary(new QLabel(this))
    , m_create(new QPushButton(tr("&Create app"), this))
    , m_cancel(new QPushButton(tr("Cancel request"), this))
    , m_curl(new QPushButton(tr("Copy as curl"), this))
    , m_progress(new QProgressBar(this))
    , m_result(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
{
    setTitle(tr("Create the app"));
    setSubTitle(tr("Hookscope sends the manifest to Thena's apps API. The equivalent curl command is one "
                   "click away (with the key redacted)."));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("The server's answer appears here."));
    m_details->setAccessibleName(tr("Server response"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_curl);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addWidget(m_details, 1);

    connect(m_create, &QPushButton::clicked, this, &CreatePage::create);
    connect(m_cancel, &QPushButton::clicked, this, &CreatePage::cancel);
    connect(m_curl, &QPushButton::clicked, this, &CreatePage::copyCurl);
}

void CreatePage::initializePage()
{
    const Manifest &m = m_context->manifest;
    const QStringList events = m.subscribedEventNames();
    m_summary->setText(tr("<table cellspacing='4'>"
                          "<tr><td><b>App</b></td><td>%1 (<code>%2</code>), private</td></tr>"
                          "<tr><td><b>Delivers to</b></td><td>%3</td></tr>"
                          "<tr><td><b>Events</b></td><td>%4</td></tr>"
                          "<tr><td><b>Teams</b></td><td>%5 (installed on the next page)</td></tr></table>")
                           .arg(m.appName().toHtmlEscaped(), m.slug().toHtmlEscaped(),
                                maskedUrl(m.eventsWebhookUrl(), m_context).toHtmlEscaped(),
                                events.isEmpty() ? tr("all") : events.join(u", "_s).toHtmlEscaped(),
                                m_context->teamIds.join(u", "_s).toHtmlEscaped()));
    if (!m_context->createdApp.appId.isEmpty()) {
        m_result->setText(tr("Already created: app ID <b>%1</b>. Go back to change the manifest and create another, "
                             "or continue to install it.")
                              .arg(m_context->createdApp.appId.toHtmlEscaped()));
        m_create->setText(tr("Create again"));
    }
}

QString CreatePage::resultText() const
{
    return m_result->text();
}

QString CreatePage::curlCommand() const
{
    return m_context->client ? m_context->client->createAppRequest(m_context->manifest.json()).toCurl() : QString();
}

void CreatePage::copyCurl()
{
    QGuiApplication::clipboard()->setText(curlCommand());
    m_result->setText(tr("curl command copied (the API key is redacted: set it with -H 'x-api-key: …')."));
}

void CreatePage::create()
{
    if (!m_context->client)
        return;
    m_create->setEnabled(false);
    m_cancel->setVisible(true);
    m_progress->setVisible(true);
    m_result->setText(tr("Creating the app…"));
    m_details->clear();
    m_reply = m_context->client->createApp(m_context->manifest.json());
    connect(m_reply, &ThenaReply::finished, this, &CreatePage::onFinished);
}

void CreatePage::cancel()
{
    if (m_reply)
        m_reply->cancel();
}

void CreatePage::onFinished()
{
    ThenaReply *reply = m_reply;
    if (!reply)
        return;
    m_reply.clear();
    reply->deleteLater();
    m_create->setEnabled(true);
    m_cancel->setVisible(false);
    m_progress->setVisible(false);
    const ThenaResult &result = reply->result();
    m_details->setPlainText(responseText(result.httpStatus, result.body, result.message));
    if (!result.ok) {
        m_result->setText(u"<span style='color:#d62728'>%1</span><br>%2"_s.arg(
            result.message.toHtmlEscaped(),
            result.error == ThenaError::Validation ? tr("Go back to the manifest, fix what the server names and create again.")
                                                   : QString()));
        Q_EMIT completeChanged();
        return;
    }
    m_context->createdApp = result.app;
    if (m_context->createdApp.name.isEmpty())
        m_context->createdApp.name = m_context->manifest.appName();
    if (m_context->registry) {
        RegisteredApp app;
        app.appId = result.app.appId;
        app.name = m_context->createdApp.name;
        app.slug = result.app.slug.isEmpty() ? m_context->manifest.slug() : result.app.slug;
        app.clientId = result.app.clientId;
        app.createdAt = QDateTime::currentDateTimeUtc();
        m_context->registry->recordCreated(app);
        m_context->registry->save();
    }
    QString text = tr("Created. App ID: <b>%1</b>").arg(result.app.appId.toHtmlEscaped());
    if (!result.app.clientId.isEmpty())
        text += tr("<br>Client ID: <b>%1</b>").arg(result.app.clientId.toHtmlEscaped());
    m_result->setText(text);
    if (!result.app.clientSecret.isEmpty() && m_context->secrets) {
        // The client secret goes to the keychain only; the page never shows it.
        m_context->secrets->write(SecretStore::clientSecretName(result.app.appId), result.app.clientSecret, this,
                                  [this](const SecretResult &r) {
                                      m_result->setText(m_result->text() + u"<br>"_s
                                                        + (r.inKeychain ? tr("The client secret is stored in the system keychain.")
                                                                        : r.message.toHtmlEscaped()));
                                  });
    }
    Q_EMIT completeChanged();
}

bool CreatePage::isComplete() const
{
    return !m_context->createdApp.appId.isEmpty() && !m_reply;
}

} // namespace Hookscope
