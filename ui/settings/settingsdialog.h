// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "ui/settings/appsettings.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace Hookscope {

// Settings: Receiver (port, bind address, secret token), Limits, Retention, Appearance, Thena API
// (base URLs).
// Edits a copy of AppSettings; the secret token is returned separately (secret()) so that the
// caller stores it in the keychain — it is never written to QSettings. A non-loopback bind
// address shows what that means and needs an explicit confirmation, like --allow-remote.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Page { Receiver, Limits, Retention, Appearance, ThenaApi };

    SettingsDialog(const AppSettings &settings, const QString &secret, QWidget *parent = nullptr);

    AppSettings settings() const;
    QString secret() const;
    bool secretChanged() const;
    // Why OK is disabled (bad address, unconfirmed network bind), empty when it is not.
    QString problem() const;

    Page currentPage() const;
    void setCurrentPage(Page page);

    // For tests and screenshots.
    QSpinBox *portBox() const { return m_port; }
    QComboBox *bindBox() const { return m_bind; }
    QLabel *bindWarning() const { return m_bindWarning; }
    QCheckBox *allowRemoteBox() const { return m_allowRemote; }
    QLineEdit *secretEdit() const { return m_secret; }
    QPushButton *showSecretButton() const { return m_showSecret; }
    QPushButton *generateSecretButton() const { return m_generate; }
    QSpinBox *maxBodyBox() const { return m_maxBody; }
    QSpinBox *maxHeaderBox() const { return m_maxHeader; }
    QSpinBox *connectionsBox() const { return m_connections; }
    QSpinBox *idleTimeoutBox() const { return m_idle; }
    QSpinBox *requestTimeoutBox() const { return m_requestTimeout; }
    QSpinBox *rateBox() const { return m_rate; }
    QSpinBox *retentionBox() const { return m_retention; }
    QRadioButton *themeButton(ThemeMode mode) const;
    QLineEdit *thenaAppsUrlEdit() const { return m_appsUrl; }
    QLineEdit *thenaPlatformUrlEdit() const { return m_platformUrl; }
    QPushButton *okButton() const;

private:
    QWidget *buildReceiverPage();
    QWidget *buildLimitsPage();
    QWidget *buildRetentionPage();
    QWidget *buildAppearancePage();
    QWidget *buildThenaPage();
    void addPage(QWidget *page, const QString &title);
    void load(const AppSettings &settings);
    void updateState();

    AppSettings m_initial;
    QString m_initialSecret;
    QListWidget *m_pages;
    QStackedWidget *m_stack;
    QSpinBox *m_port = nullptr;
    QComboBox *m_bind = nullptr;
    QLabel *m_bindWarning = nullptr;
    QCheckBox *m_allowRemote = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_showSecret = nullptr;
    QPushButton *m_generate = nullptr;
    QSpinBox *m_maxBody = nullptr;
    QSpinBox *m_maxHeader = nullptr;
    QSpinBox *m_connections = nullptr;
    QSpinBox *m_idle = nullptr;
    QSpinBox *m_requestTimeout = nullptr;
    QSpinBox *m_rate = nullptr;
    QSpinBox *m_retention = nullptr;
    QRadioButton *m_system = nullptr;
    QRadioButton *m_light = nullptr;
    QRadioButton *m_dark = nullptr;
    QLineEdit *m_appsUrl = nullptr;
    QLineEdit *m_platformUrl = nullptr;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace Hookscope
