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

// Page 1: paste the API key, test it by listing teams, keep it in the OS keychain.
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

private:
    enum class KeyState { Untested, Testing, Accepted, Rejected, Unverified };

    void testKey();
    void onTestFinished();
    void setStatus(KeyState state, const QString &text);

    WizardContext *m_context;
    QLineEdit *m_key;
    QPushButton *m_test;
    QCheckBox *m_remember;
    QLabel *m_status;
    QLabel *m_keychain;
    QPointer<ThenaReply> m_reply;
    KeyState m_state = KeyState::Untested;
};

} // namespace Hookscope
