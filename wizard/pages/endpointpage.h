// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

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
// receiver's secret token is appended so that only Thena's deliveries are accepted.
class EndpointPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointPage)

public:
    EndpointPage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // The URL the manifest will carry.
    QString webhookUrl() const;
    QRadioButton *localOption() const { return m_local; }
    QRadioButton *publicOption() const { return m_public; }
    QLineEdit *publicUrlEdit() const { return m_publicUrl; }
    QCheckBox *appendSecretOption() const { return m_appendSecret; }
    QRadioButton *relayOption() const { return m_relayOption; }
    QLineEdit *relayServerEdit() const { return m_relayServer; }
    QPushButton *createChannelButton() const { return m_createChannel; }
    QPushButton *detectNgrokButton() const { return m_detectNgrok; }
    QString relayReadUrl() const { return m_relayReadUrl; }

    // "https://x.ngrok.app" + secret → "https://x.ngrok.app/hooks/<secret>".
    static QString withSecret(const QString &baseUrl, const QString &secret);

private:
    void updateState();
    QString secret() const;
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
    QLabel *m_channelStatus;
    QString m_relayReadUrl;
    QString m_relayIngestUrl;
    QNetworkAccessManager *m_network;
    QLabel *m_result;
    QLabel *m_warning;
};

} // namespace Hookscope
