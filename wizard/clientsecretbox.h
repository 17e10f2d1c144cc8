// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Hookscope {

class SecretStore;

// An app's client secret, read from the keychain only when asked for: hidden until Show,
// copied with Copy, "not stored" when the keychain has none. Nothing is cached in the widget
// beyond what Show displays, and nothing is ever logged or written to settings. An amber
// warning line (setWarning()) says when the secret lives only in this session's memory.
class ClientSecretBox final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientSecretBox)

public:
    explicit ClientSecretBox(SecretStore *secrets, QWidget *parent = nullptr);

    // The app whose secret the buttons read; empty disables them.
    void setAppId(const QString &appId);
    QString appId() const { return m_appId; }
    void setWarning(const QString &text);
    QString warningText() const;
    QString statusText() const;
    QLineEdit *valueEdit() const { return m_value; }
    QPushButton *showButton() const { return m_show; }
    QPushButton *copyButton() const { return m_copy; }

    // "No keychain is available: …": for when the secret could only be kept for this session.
    static QString sessionOnlyWarning();

private:
    void setShown(bool shown);
    void copy();
    void setStatus(const QString &text, bool problem = false);

    SecretStore *m_secrets;
    QString m_appId;
    QLineEdit *m_value;
    QPushButton *m_show;
    QPushButton *m_copy;
    QLabel *m_status;
    QLabel *m_warning;
};

} // namespace Hookscope
