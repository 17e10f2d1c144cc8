// SPDX-License-Identifier: MIT
#include "endpointpage.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QUrl>
#include <QVBoxLayout>

#include "core/common/httpurl.h"
#include "core/receiver/receiver.h"
#include "core/relay/ngrokdetector.h"
#include "core/relay/relayclient.h"
#include "wizard/legacywebhooksdialog.h"
#include "wizard/pages/createpage.h"
#include "wizard/wizardcontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

// One line of text, so that a message appearing there never moves what is below it.
void reserveLines(QLabel *label, int lines)
{
    label->setMinimumHeight(label->fontMetrics().lineSpacing() * lines + 2);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

} // namespace

EndpointPage::EndpointPage(WizardContext *context, QWidget *parent)
    : QWizardPage(parent),
      m_context(context),
      m_local(new QRadioButton(tr("This computer's receiver (for testing on this machine only)"),
                               this)),
      m_public(new QRadioButton(tr("A public URL that forwards to this computer (tunnel, relay "
                                   "channel, reverse proxy)"),
                                this)),
      m_localUrl(new QLabel(this)),
      m_publicUrl(new QLineEdit(this)),
      m_appendSecret(new QCheckBox(tr("Append the receiver's secret token (/hooks/<token>): the "
                                      "forwarder passes the path through"),
                                   this)),
      m_relayOption(new QRadioButton(
              tr("A relay channel (Thena posts to the relay, Hookscope reads from it)"), this)),
      m_relayServer(new QLineEdit(u"https://smee.io"_s, this)),
      m_createChannel(new QPushButton(tr("Create channel"), this)),
      m_detectNgrok(new QPushButton(tr("Detect ngrok"), this)),
      m_ngrokStatus(new QLabel(this)),
      m_hint(new QLabel(this)),
      m_channelStatus(new QLabel(this)),
      m_network(new QNetworkAccessManager(this)),
      m_result(new QLabel(this)),
      m_warning(new QLabel(this))
{
    setTitle(tr("Endpoint"));
    setSubTitle(tr(
            "Thena's cloud delivers events, installation notices and interactivity requests here. "
            "The four URLs are written into the app's manifest."));
    auto *group = new QButtonGroup(this);
    group->addButton(m_local);
    group->addButton(m_public);
    group->addButton(m_relayOption);
    m_relayServer->setAccessibleName(tr("Relay server"));
    m_relayServer->setToolTip(tr("smee.io, or your own hookscope-relay (keeps raw bodies, buffers "
                                 "while you are offline)"));
    m_channelStatus->setWordWrap(true);
    m_channelStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_createChannel, &QPushButton::clicked, this, &EndpointPage::createChannel);
    connect(m_detectNgrok, &QPushButton::clicked, this, &EndpointPage::detectNgrok);
    connect(m_relayOption, &QRadioButton::toggled, this, &EndpointPage::updateState);
    m_appendSecret->setChecked(true);
    connect(m_appendSecret, &QCheckBox::toggled, this, &EndpointPage::updateState);
    m_localUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_localUrl->setIndent(24);
    m_publicUrl->setPlaceholderText(tr(
            "https://your-tunnel.example.com   (ngrok, cloudflared, a Hookscope relay channel…)"));
    m_publicUrl->setAccessibleName(tr("Public URL"));
    m_ngrokStatus->setWordWrap(true);
    m_ngrokStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    reserveLines(m_ngrokStatus, 1);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAccessibleName(tr("Where Thena will deliver"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"QLabel { color: #b07000; }"_s);
    m_hint->setWordWrap(true);

    auto *legacy = new QLabel(
            tr("Using Thena's older request webhooks (Global Settings → Integrations → Webhooks)? "
               "<a href=\"#legacy\">Set them up for this receiver…</a>"),
            this);
    legacy->setWordWrap(true);
    connect(legacy, &QLabel::linkActivated, this, [this] {
        const QString url =
                m_local->isChecked() || webhookUrl().isEmpty() ? QString() : webhookUrl();
        LegacyWebhooksDialog::openFor(m_context->receiver, m_context->store, url, this);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_local);
    layout->addWidget(m_localUrl);
    layout->addSpacing(8);
    layout->addWidget(m_public);
    auto *indented = new QVBoxLayout;
    indented->setContentsMargins(24, 0, 0, 0);
    auto *publicRow = new QHBoxLayout;
    publicRow->addWidget(m_publicUrl, 1);
    publicRow->addWidget(m_detectNgrok);
    indented->addLayout(publicRow);
    indented->addWidget(m_ngrokStatus);
    indented->addWidget(m_appendSecret);
    indented->addWidget(m_hint);
    layout->addLayout(indented);
    layout->addSpacing(8);
    layout->addWidget(m_relayOption);
    auto *relayBox = new QVBoxLayout;
    relayBox->setContentsMargins(24, 0, 0, 0);
    auto *relayRow = new QHBoxLayout;
    relayRow->addWidget(new QLabel(tr("Relay server:"), this));
    relayRow->addWidget(m_relayServer, 1);
    relayRow->addWidget(m_createChannel);
    relayBox->addLayout(relayRow);
    relayBox->addWidget(m_channelStatus);
    layout->addLayout(relayBox);
    layout->addSpacing(12);
    layout->addWidget(m_result);
    layout->addWidget(m_warning);
    layout->addStretch(1);
    layout->addWidget(legacy);

    connect(m_local, &QRadioButton::toggled, this, &EndpointPage::updateState);
    connect(m_public, &QRadioButton::toggled, this, &EndpointPage::updateState);
    connect(m_publicUrl, &QLineEdit::textChanged, this, [this] {
        if (!m_public->isChecked())
            m_public->setChecked(true);
        updateState();
    });
}

QString EndpointPage::secret() const
{
    return m_context->receiver ? m_context->receiver->config().secret : QString();
}

quint16 EndpointPage::receiverPort() const
{
    if (m_context->receiver && m_context->receiver->isListening())
        return m_context->receiver->port();
    return m_context->receiver && m_context->receiver->config().port != 0
            ? m_context->receiver->config().port
            : ReceiverConfig::DefaultPort;
}

QString EndpointPage::withSecret(const QString &baseUrl, const QString &secret)
{
    QString url = baseUrl.trimmed();
    if (secret.isEmpty() || url.contains(secret))
        return url;
    while (url.endsWith(u'/'))
        url.chop(1);
    return url + u"/hooks/"_s + secret;
}

void EndpointPage::initializePage()
{
    const QString local = m_context->receiver ? m_context->receiver->webhookUrl() : QString();
    // The secret is masked wherever the page shows a URL: screenshots must not give it away.
    m_localUrl->setText(local.isEmpty() ? tr("(the receiver is not running)")
                                        : maskedUrl(local, m_context));
    m_local->setEnabled(!local.isEmpty());
    const QString port = QString::number(receiverPort());
    m_hint->setText(tr("Examples: <code>ngrok http %1</code> or <code>cloudflared tunnel --url "
                       "http://127.0.0.1:%1</code> "
                       "print a public https address; paste it here.")
                            .arg(port));
    const QString saved = m_context->endpointUrl;
    if (!saved.isEmpty() && saved != local && m_context->endpointStyle == EndpointStyle::Query) {
        // A relay channel from an earlier run: its ingest URL is kept; Hookscope reads the
        // channel while it is connected to it (Receiver → Receive from a relay channel).
        if (m_relayIngestUrl.isEmpty()) {
            m_relayIngestUrl = saved;
            m_channelStatus->setText(tr("The channel chosen last time: %1")
                                             .arg(maskedUrl(saved, m_context).toHtmlEscaped()));
        }
        m_relayOption->setChecked(true);
    } else if (!saved.isEmpty() && saved != local) {
        QString base = saved;
        const qsizetype hooks = base.indexOf(u"/hooks/"_s);
        if (hooks > 0)
            base.truncate(hooks);
        m_appendSecret->setChecked(hooks > 0);
        const QSignalBlocker blocker(m_publicUrl);
        m_publicUrl->setText(base);
        m_public->setChecked(true);
    } else if (!m_local->isChecked() && !m_public->isChecked() && !m_relayOption->isChecked()) {
        (local.isEmpty() ? m_public : m_local)->setChecked(true);
    }
    updateState();
}

void EndpointPage::createChannel()
{
    m_createChannel->setEnabled(false);
    m_channelStatus->setText(
            tr("Creating a channel on %1…").arg(m_relayServer->text().toHtmlEscaped()));
    RelayClient::createChannel(
            m_network, QUrl(m_relayServer->text().trimmed()), this,
            [this](const RelayClient::ChannelInfo &channel, const QString &error) {
                m_createChannel->setEnabled(true);
                if (!error.isEmpty()) {
                    m_channelStatus->setText(
                            u"<span style='color:#d62728'>%1</span>"_s.arg(error.toHtmlEscaped()));
                    return;
                }
                m_relayReadUrl = channel.readUrl.toString();
                m_relayIngestUrl = channel.ingestUrl.toString();
                m_relayOption->setChecked(true);
                QString text =
                        tr("Channel created. Hookscope reads it from %1.")
                                .arg(RelayClient::maskedUrl(channel.readUrl).toHtmlEscaped());
                // Start receiving right away, so events sent during setup are not missed.
                if (m_context->relay && m_context->relay->start(channel.readUrl))
                    text += tr(" Receiving now.");
                m_channelStatus->setText(text);
                updateState();
            });
}

void EndpointPage::detectNgrok()
{
    auto *detector = new NgrokDetector(this);
    if (m_ngrokApiBase.isValid())
        detector->setApiBase(m_ngrokApiBase);
    m_detectNgrok->setEnabled(false);
    m_ngrokStatus->setStyleSheet(QString());
    m_ngrokStatus->setText(tr("Asking ngrok's local agent…"));
    const quint16 port = receiverPort();
    connect(detector, &NgrokDetector::finished, this, [this, detector, port] {
        detector->deleteLater();
        m_detectNgrok->setEnabled(true);
        if (const auto tunnel = detector->match()) {
            m_ngrokStatus->setStyleSheet(QString());
            m_ngrokStatus->setText(tr("Found the ngrok tunnel %1 → port %2.")
                                           .arg(tunnel->publicUrl.toString())
                                           .arg(port));
            m_publicUrl->setText(tunnel->publicUrl.toString());
            m_public->setChecked(true);
        } else {
            // Its own line: the "Thena will deliver to" area keeps showing the current choice.
            m_ngrokStatus->setStyleSheet(u"QLabel { color: #b07000; }"_s);
            m_ngrokStatus->setText(detector->errorString());
        }
    });
    detector->detect(port);
}

QString EndpointPage::deliveryText() const
{
    return m_result->text();
}

QString EndpointPage::ngrokStatusText() const
{
    return m_ngrokStatus->text();
}

QString EndpointPage::hintText() const
{
    return m_hint->text();
}

QString EndpointPage::webhookUrl() const
{
    if (m_relayOption->isChecked())
        return m_relayIngestUrl; // the relay's channel; its read side carries the token
    if (m_local->isChecked())
        return m_context->receiver ? m_context->receiver->webhookUrl() : QString();
    const QUrl url(m_publicUrl->text().trimmed(), QUrl::StrictMode);
    if (!isHttpUrl(url))
        return {};
    return m_appendSecret->isChecked() ? withSecret(url.toString(), secret()) : url.toString();
}

EndpointStyle EndpointPage::endpointStyle() const
{
    return m_relayOption->isChecked() ? EndpointStyle::Query : EndpointStyle::Path;
}

void EndpointPage::updateState()
{
    const WebhookEndpoints urls = endpoints();
    // Always the same four rows, so that the page does not jump while the URL is typed.
    QString heading;
    if (!urls.isEmpty())
        heading = tr("Thena will deliver to:");
    else if (m_relayOption->isChecked())
        heading = tr("Create a channel to see where Thena will deliver.");
    else
        heading = tr("Enter an http(s) URL such as https://example.ngrok.app to see where Thena "
                     "will deliver.");
    const auto row = [this](const QString &label, const QString &url) {
        return u"<tr><td style='padding-right:12px'>%1</td><td><b>%2</b></td></tr>"_s.arg(
                label.toHtmlEscaped(),
                url.isEmpty() ? u"—"_s : maskedUrl(url, m_context).toHtmlEscaped());
    };
    m_result->setText(u"%1<table cellspacing='2' style='margin-left:12px'>%2%3%4%5</table>"_s.arg(
            heading.toHtmlEscaped(), row(tr("Events"), urls.events),
            row(tr("Installations"), urls.installations),
            row(tr("Interactivity"), urls.interactivity),
            row(tr("Message menu options"), urls.messageMenuOption)));
    QStringList warnings;
    if (m_relayOption->isChecked() && m_relayIngestUrl.isEmpty())
        warnings.append(tr("Create a channel first."));
    if (m_relayOption->isChecked() && m_relayServer->text().contains(u"smee.io"_s))
        warnings.append(tr(
                "smee.io keeps nothing while Hookscope is not connected and re-serialises bodies; "
                "a hookscope-relay of your own buffers events and keeps raw bytes."));
    if (m_local->isChecked())
        warnings.append(
                tr("127.0.0.1 is this computer: Thena's cloud cannot reach it. Use this only to "
                   "try the "
                   "manifest; for real events choose a public URL that forwards to the receiver."));
    if (secret().isEmpty() && !m_relayOption->isChecked())
        warnings.append(
                tr("The receiver has no secret token, so anyone who learns the URL can post to it. "
                   "Start Hookscope with --secret TOKEN (or $HOOKSCOPE_SECRET) to require one."));
    if (m_public->isChecked() && urls.events.startsWith(u"http://"_s))
        warnings.append(tr("The URL is not https: events would cross the internet unencrypted."));
    m_warning->setText(warnings.join(u"\n\n"_s));
    Q_EMIT completeChanged();
}

bool EndpointPage::isComplete() const
{
    return !endpoints().isEmpty();
}

bool EndpointPage::validatePage()
{
    if (endpoints().isEmpty())
        return false;
    m_context->endpointUrl = webhookUrl();
    m_context->endpointStyle = endpointStyle();
    m_context->manifest.setEndpoint(m_context->endpointUrl, m_context->endpointStyle);
    return true;
}

} // namespace Hookscope
