// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
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

    // "https://x.ngrok.app" + secret → "https://x.ngrok.app/hooks/<secret>".
    static QString withSecret(const QString &baseUrl, const QString &secret);

private:
    void updateState();
    QString secret() const;

    WizardContext *m_context;
    QRadioButton *m_local;
    QRadioButton *m_public;
    QLabel *m_localUrl;
    QLineEdit *m_publicUrl;
    QLabel *m_result;
    QLabel *m_warning;
};

} // namespace Hookscope
