// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Hookscope {

class AppRegistry;
class SecretStore;
class ThenaClient;
class ThenaReply;

// Tools → Thena apps: the apps created or installed from Hookscope (and apps made elsewhere,
// added by ID), with install, reinstall and uninstall on teams chosen in a small dialog, and
// the client secret from the keychain. The server's answer is always shown verbatim (the
// uninstall URL is a guess); only the teams the server confirms are recorded as installed.
class AppsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppsDialog)

public:
    AppsDialog(ThenaClient *client, AppRegistry *registry, SecretStore *secrets,
               QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QString answerText() const;
    QString statusText() const;
    QPushButton *addExistingButton() const { return m_addExisting; }
    QPushButton *installButton() const { return m_install; }
    QPushButton *reinstallButton() const { return m_reinstall; }
    QPushButton *uninstallButton() const { return m_uninstall; }
    QPushButton *clientSecretButton() const { return m_clientSecret; }

    enum class Action { Install, Reinstall, Uninstall };
    // Runs an action for the selected app on the given teams, without asking.
    void run(Action action, const QStringList &teams);
    // Asks for the teams (and, to uninstall, for confirmation), then runs the action.
    void ask(Action action);
    // Records an app made elsewhere and selects it; false when the ID cannot be one.
    bool addExistingApp(const QString &appId, const QString &name = {});

private:
    void reload();
    void selectApp(const QString &appId);
    QString selectedAppId() const;
    QStringList knownTeams() const;
    static QHash<QString, QString> knownTeamNames(); // team ID -> name, as Thena listed them
    void confirmUninstall(const QString &appId, const QString &appLabel, const QStringList &teams);
    void showClientSecret();
    void onFinished(Action action, const QString &appId, const QStringList &teams);
    void updateButtons();

    ThenaClient *m_client;
    AppRegistry *m_registry;
    SecretStore *m_secrets;
    QTableWidget *m_table;
    QPushButton *m_addExisting;
    QPushButton *m_install;
    QPushButton *m_reinstall;
    QPushButton *m_uninstall;
    QPushButton *m_clientSecret;
    QLabel *m_status;
    QPlainTextEdit *m_answer;
    QPointer<ThenaReply> m_reply;
};

} // namespace Hookscope
