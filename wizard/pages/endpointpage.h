// SPDX-License-Identifier: MIT
#pragma once

#include <QUrl>
#include <QWizardPage>

#include "core/thena/manifest.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QRadioButton;

namespace Hookscope {

struct WizardContext;

// Page 3: where Thena should deliver: the local receiver (reachable only from this machine)
// or a public URL that forwards to it (a tunnel, a relay channel, a reverse proxy). The
// receiver's secret token is appended so that only Thena's deliveries are accepted. The
// manifest's four URLs (events, installations, interactivity, message menu) all derive from
// this one endpoint (WebhookEndpoints::from()).
class EndpointPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointPage)

public:
    EndpointPage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // The base endpoint the manifest's URLs derive from, and how they are told apart:
    // Query for a relay channel (its URL is one path segment), Path otherwise.
    QString webhookUrl() const;
    EndpointStyle endpointStyle() const;
    WebhookEndpoints endpoints() const
    {
        return WebhookEndpoints::from(webhookUrl(), endpointStyle());
    }

    QRadioButton *localOption() const { return m_local; }
    QRadioButton *publicOption() const { return m_public; }
    QLineEdit *publicUrlEdit() const { return m_publicUrl; }
    QCheckBox *appendSecretOption() const { return m_appendSecret; }
    QRadioButton *relayOption() const { return m_relayOption; }
    QLineEdit *relayServerEdit() const { return m_relayServer; }
    QPushButton *createChannelButton() const { return m_createChannel; }
    QPushButton *detectNgrokButton() const { return m_detectNgrok; }
    QString relayReadUrl() const { return m_relayReadUrl; }
    // The "Thena will deliver to" area, the ngrok detection line and the tunnel examples.
    QString deliveryText() const;
    QString ngrokStatusText() const;
    QString hintText() const;
    // Tests point the ngrok detection at a fake agent (or at nothing).
    void setNgrokApiBase(const QUrl &base) { m_ngrokApiBase = base; }

    // "https://x.ngrok.app" + secret → "https://x.ngrok.app/hooks/<secret>".
    static QString withSecret(const QString &baseUrl, const QString &secret);

private:
    void updateState();
    QString secret() const;
    quint16 receiverPort() const;
    void createChannel();
    void detectNgrok();

    WizardContext *m_context;
    QRadioButton *m_local;
    QRadioButton *m_public;
    QLabel *m_localUrl;
    QLineEdit *m_publicUrl;
    QCheckBox *m_appendSecret;
    QRadioButton *m_relayOption;
    QLineEdit *m_relayServer;
    QPushButton *m_createChannel;
    QPushButton *m_detectNgrok;
    QLabel *m_ngrokStatus;
    QLabel *m_hint;
    QLabel *m_channelStatus;
    QString m_relayReadUrl;
    QString m_relayIngestUrl;
    QUrl m_ngrokApiBase;
    QNetworkAccessManager *m_network;
    QLabel *m_result;
    QLabel *m_warning;
};

} // namespace Hookscope
