// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Hookscope {

struct WizardContext;
class ThenaReply;

// Page 1: paste the API key, test it by listing teams, keep it in the OS keychain. Listing
// teams is the only call that can test a key, and its endpoint is inferred, not documented:
// whatever it answers, the user may go on and type team IDs.
class ApiKeyPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyPage)

public:
    ApiKeyPage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // For tests: the key field, the test button and the status line.
    QLineEdit *keyEdit() const { return m_key; }
    QPushButton *testButton() const { return m_test; }
    QString statusText() const;
    QString keychainText() const;

    // Where the dashboard keeps API keys (Thena's docs).
    static QString dashboardUrl();

private:
    enum class KeyState {
        Untested, // typed or pasted, not tested
        Saved, // restored from the keychain, not tested yet: usable
        Testing,
        Accepted, // teams listed
        Refused, // 401/403 on the teams call: shown, not a verdict on creating apps
        Unverified, // no answer (network, server): the user may go on
    };

    void testKey();
    void onTestFinished();
    void setStatus(KeyState state, const QString &text);
    void rememberKey();

    WizardContext *m_context;
    QLineEdit *m_key;
    QPushButton *m_test;
    QCheckBox *m_remember;
    QLabel *m_status;
    QLabel *m_keychain;
    QPointer<ThenaReply> m_reply;
    KeyState m_state = KeyState::Untested;
    QString m_storedKey; // what the keychain holds (restored or written), to write only changes
};

} // namespace Hookscope
