// SPDX-License-Identifier: MIT
#include "createpage.h"

#include <QClipboard>
#include <QDateTime>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/common/secrets.h"
#include "core/receiver/receiver.h"
#include "core/thena/appregistry.h"
#include "core/thena/secretstore.h"
#include "core/thena/thenaclient.h"
#include "wizard/clientsecretbox.h"
#include "wizard/responsetext.h"
#include "wizard/thenaexchangeview.h"
#include "wizard/wizardcontext.h"

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
    : QWizardPage(parent),
      m_context(context),
      m_summary(new QLabel(this)),
      m_create(new QPushButton(tr("&Create app"), this)),
      m_cancel(new QPushButton(tr("Cancel request"), this)),
      m_createAnother(new QPushButton(tr("Create another app…"), this)),
      m_curl(new QPushButton(tr("Copy as curl"), this)),
      m_progress(new QProgressBar(this)),
      m_result(new QLabel(this)),
      m_secret(new ClientSecretBox(context->secrets, this)),
      m_existingId(new QLineEdit(this)),
      m_existingName(new QLineEdit(this)),
      m_useExisting(new QPushButton(tr("Use this app"), this)),
      m_exchange(new ThenaExchangeView(this))
{
    setTitle(tr("Create the app"));
    setSubTitle(tr(
            "Hookscope sends the manifest to Thena's apps API. The equivalent curl command is one "
            "click away (with the key redacted)."));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_progress->setRange(0, 0);
    m_progress->setMaximumHeight(m_progress->fontMetrics().height());
    // Busy indicator and Cancel come and go without moving anything.
    QSizePolicy keep = m_progress->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keep);
    m_progress->setVisible(false);
    keep = m_cancel->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_cancel->setSizePolicy(keep);
    m_cancel->setVisible(false);
    m_createAnother->setToolTip(tr("Create a second app from the manifest (asks first)"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(m_result->fontMetrics().lineSpacing() * 3 + 2);
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_existingId->setPlaceholderText(tr("App ID, e.g. EGHG8R3K9HGU98JJ81W5EKQRM2X9"));
    m_existingId->setAccessibleName(tr("Existing app ID"));
    m_existingName->setPlaceholderText(tr("Name (optional)"));
    m_existingName->setAccessibleName(tr("Existing app name"));
    m_useExisting->setEnabled(false);
    auto *existing = new QGroupBox(tr("I already have an app"), this);
    auto *existingRow = new QHBoxLayout(existing);
    existingRow->addWidget(m_existingId, 2);
    existingRow->addWidget(m_existingName, 1);
    existingRow->addWidget(m_useExisting);
    existing->setToolTip(
            tr("An app made in Thena's dashboard, with the API or on another computer: "
               "Hookscope installs it on the next page without creating a new one."));
    connect(m_existingId, &QLineEdit::textChanged, this, [this] {
        m_useExisting->setEnabled(isPlausibleAppId(m_existingId->text().trimmed()));
    });
    connect(m_existingId, &QLineEdit::returnPressed, m_useExisting, &QPushButton::click);
    connect(m_useExisting, &QPushButton::clicked, this, &CreatePage::useExistingApp);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_createAnother);
    buttons->addStretch(1);
    buttons->addWidget(m_curl);
    auto *progress = new QHBoxLayout;
    progress->addWidget(m_progress, 1);
    progress->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    layout->addLayout(progress);
    layout->addWidget(m_result);
    layout->addWidget(m_secret);
    layout->addWidget(existing);
    layout->addWidget(m_exchange, 1);

    connect(m_create, &QPushButton::clicked, this, &CreatePage::create);
    connect(m_createAnother, &QPushButton::clicked, this, &CreatePage::confirmCreateAnother);
    connect(m_cancel, &QPushButton::clicked, this, &CreatePage::cancel);
    connect(m_curl, &QPushButton::clicked, this, &CreatePage::copyCurl);
}

bool CreatePage::isPlausibleAppId(const QString &appId)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"_s);
    return re.match(appId).hasMatch();
}

void CreatePage::initializePage()
{
    const Manifest &m = m_context->manifest;
    const QStringList events = m.subscribedEventNames();
    m_summary->setText(
            tr("<table cellspacing='4'>"
               "<tr><td><b>App</b></td><td>%1 (<code>%2</code>), private</td></tr>"
               "<tr><td><b>Delivers to</b></td><td>%3<br>interactivity: %4</td></tr>"
               "<tr><td><b>Events</b></td><td>%5</td></tr>"
               "<tr><td><b>Teams</b></td><td>%6 (installed on the next page)</td></tr></table>")
                    .arg(m.appName().toHtmlEscaped(), m.slug().toHtmlEscaped(),
                         maskedUrl(m.eventsWebhookUrl(), m_context).toHtmlEscaped(),
                         maskedUrl(m.interactivityRequestUrl(), m_context).toHtmlEscaped(),
                         events.isEmpty() ? tr("all") : events.join(u", "_s).toHtmlEscaped(),
                         m_context->teamIds.join(u", "_s).toHtmlEscaped()));
    if (!m_context->createdApp.appId.isEmpty() && !m_reply) {
        m_result->setText(tr("Already created: app ID <b>%1</b>. Continue to install it, or use "
                             "“Create another app…” for a second one.")
                                  .arg(m_context->createdApp.appId.toHtmlEscaped()));
        if (m_secret->appId() != m_context->createdApp.appId)
            m_secret->setAppId(m_context->createdApp.appId);
    }
    updateButtons();
}

void CreatePage::updateButtons()
{
    const bool busy = m_reply;
    const bool created = !m_context->createdApp.appId.isEmpty();
    // One click, one app: a second create needs "Create another app…" and its confirmation.
    m_create->setEnabled(!busy && !created && m_context->client);
    m_createAnother->setEnabled(!busy && created && m_context->client);
    m_cancel->setVisible(busy);
    m_progress->setVisible(busy);
    m_useExisting->setEnabled(!busy && isPlausibleAppId(m_existingId->text().trimmed()));
}

QString CreatePage::resultText() const
{
    return m_result->text();
}

QString CreatePage::answerText() const
{
    return m_exchange->answerText();
}

QString CreatePage::curlText() const
{
    return m_exchange->curlText();
}

QString CreatePage::curlCommand() const
{
    return m_context->client
            ? m_context->client->createAppRequest(m_context->manifest.json()).toCurl()
            : QString();
}

void CreatePage::copyCurl()
{
    const QString command = curlCommand();
    m_exchange->showCurl(command);
    m_result->setText(
            tr("curl command copied (the API key is redacted: set it with -H 'x-api-key: …')."));
}

void CreatePage::confirmCreateAnother()
{
    auto *box = new QMessageBox(
            QMessageBox::Question, tr("Create another app"),
            tr("App %1 was created already. Creating again makes a second app in Thena "
               "(its slug must differ). Create another app?")
                    .arg(m_context->createdApp.appId),
            QMessageBox::Cancel, this);
    QPushButton *confirm = box->addButton(tr("Create another app"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QPushButton::clicked, this, &CreatePage::create);
    box->open();
}

void CreatePage::create()
{
    if (!m_context->client || m_reply)
        return;
    m_result->setText(tr("Creating the app…"));
    m_exchange->clearAnswer();
    m_reply = m_context->client->createApp(m_context->manifest.json());
    connect(m_reply, &ThenaReply::finished, this, &CreatePage::onFinished);
    updateButtons();
    Q_EMIT completeChanged();
}

void CreatePage::cancel()
{
    if (m_reply)
        m_reply->cancel();
}

void CreatePage::onFinished()
{
    ThenaReply *reply = takeFinished(m_reply);
    if (!reply)
        return;
    const ThenaResult &result = reply->result();
    m_exchange->showAnswer(result);
    if (!result.ok) {
        m_result->setText(u"<span style='color:#d62728'>%1</span><br>%2"_s.arg(
                result.message.toHtmlEscaped(),
                result.error == ThenaError::Validation
                        ? tr("Go back to the manifest, fix what the server names and create again.")
                        : QString()));
        updateButtons();
        Q_EMIT completeChanged();
        return;
    }
    ThenaCreatedApp app = result.app;
    const QString clientSecret =
            std::exchange(app.clientSecret, QString()); // for the keychain only
    if (app.name.isEmpty())
        app.name = m_context->manifest.appName();
    m_context->createdApp = app;
    m_context->installedTeams.clear(); // a new app is installed nowhere yet
    if (m_context->registry) {
        RegisteredApp registered;
        registered.appId = app.appId;
        registered.name = app.name;
        registered.slug = app.slug.isEmpty() ? m_context->manifest.slug() : app.slug;
        registered.clientId = app.clientId;
        registered.createdAt = QDateTime::currentDateTimeUtc();
        m_context->registry->recordCreated(registered);
        m_context->registry->save();
    }
    QString text = tr("Created. App ID: <b>%1</b>").arg(app.appId.toHtmlEscaped());
    if (!app.clientId.isEmpty())
        text += tr("<br>Client ID: <b>%1</b>").arg(app.clientId.toHtmlEscaped());
    m_result->setText(text);
    m_secret->setAppId(app.appId);
    m_secret->setWarning(QString());
    if (!clientSecret.isEmpty() && m_context->secrets) {
        // The client secret goes to the keychain only; Show and Copy read it from there.
        m_context->secrets->write(
                SecretStore::clientSecretName(app.appId), clientSecret, this,
                [this](const SecretResult &r) {
                    if (r.inKeychain)
                        m_result->setText(
                                m_result->text() + u"<br>"_s
                                + tr("The client secret is stored in the system keychain."));
                    else if (r.ok)
                        m_secret->setWarning(ClientSecretBox::sessionOnlyWarning());
                    else
                        m_secret->setWarning(
                                tr("The client secret could not be stored: %1").arg(r.message));
                });
    } else if (clientSecret.isEmpty()) {
        m_result->setText(m_result->text() + u"<br>"_s
                          + tr("Thena's answer carries no client secret."));
    }
    updateButtons();
    Q_EMIT completeChanged();
}

void CreatePage::useExistingApp()
{
    const QString appId = m_existingId->text().trimmed();
    if (!isPlausibleAppId(appId) || m_reply)
        return;
    const std::optional<RegisteredApp> known =
            m_context->registry ? m_context->registry->find(appId) : std::nullopt;
    QString name = m_existingName->text().trimmed();
    if (name.isEmpty() && known)
        name = known->name;
    ThenaCreatedApp app;
    app.appId = appId;
    app.name = name;
    app.clientId = known ? known->clientId : QString();
    m_context->createdApp = app;
    m_context->installedTeams = known ? known->teams : QStringList();
    if (m_context->registry) {
        // Known from now on (Tools → Thena apps), with no creation time: made elsewhere.
        m_context->registry->recordInstalled(appId, {}, name);
        m_context->registry->save();
    }
    m_result->setText(tr("Using the existing app <b>%1</b>. Install it on the next page.")
                              .arg(appId.toHtmlEscaped()));
    m_secret->setAppId(appId);
    m_secret->setWarning(QString());
    updateButtons();
    Q_EMIT completeChanged();
}

bool CreatePage::isComplete() const
{
    return !m_context->createdApp.appId.isEmpty() && !m_reply;
}

} // namespace Hookscope
