// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace Hookscope {

class ThenaExchangeView;

struct WizardContext;
class ClientSecretBox;
class ThenaReply;

QString maskedUrl(const QString &url, const WizardContext *context);

// Page 5: create the private app from the manifest, or use an app that exists already; show
// the server's answer either way. One app per click: once created, Create is off and
// "Create another app…" asks first. The client secret goes to the keychain, and is shown or
// copied from there on demand.
class CreatePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreatePage)

public:
    CreatePage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    QPushButton *createButton() const { return m_create; }
    QPushButton *createAnotherButton() const { return m_createAnother; }
    QPushButton *curlButton() const { return m_curl; }
    QLineEdit *existingAppIdEdit() const { return m_existingId; }
    QLineEdit *existingAppNameEdit() const { return m_existingName; }
    QPushButton *useExistingButton() const { return m_useExisting; }
    ClientSecretBox *clientSecret() const { return m_secret; }
    QString resultText() const;
    QString answerText() const; // the server's answer as shown
    QString curlText() const; // the curl command as shown in the page
    QString curlCommand() const;

    // A plausible Thena app ID: letters, digits, '.', '_' or '-', no spaces.
    static bool isPlausibleAppId(const QString &appId);

private:
    void create();
    void confirmCreateAnother();
    void cancel();
    void onFinished();
    void copyCurl();
    void useExistingApp();
    void updateButtons();

    WizardContext *m_context;
    QLabel *m_summary;
    QPushButton *m_create;
    QPushButton *m_cancel;
    QPushButton *m_createAnother;
    QPushButton *m_curl;
    QProgressBar *m_progress;
    QLabel *m_result;
    ClientSecretBox *m_secret;
    QLineEdit *m_existingId;
    QLineEdit *m_existingName;
    QPushButton *m_useExisting;
    ThenaExchangeView *m_exchange;
    QPointer<ThenaReply> m_reply;
};

} // namespace Hookscope
