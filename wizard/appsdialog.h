// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace Hookscope {

class AppRegistry;
class ThenaClient;
class ThenaReply;

// Tools → Thena apps: the apps created or installed from Hookscope, with install, reinstall
// and uninstall. The server's answer is always shown verbatim (the uninstall URL is a guess).
class AppsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppsDialog)

public:
    AppsDialog(ThenaClient *client, AppRegistry *registry, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QString answerText() const;

    enum class Action { Install, Reinstall, Uninstall };
    // Runs an action for the selected app on the given teams (asks for teams when empty).
    void run(Action action, const QStringList &teams = {});

private:
    void reload();
    void onFinished(Action action, const QString &appId, const QStringList &teams);

    ThenaClient *m_client;
    AppRegistry *m_registry;
    QTableWidget *m_table;
    QLabel *m_status;
    QPlainTextEdit *m_answer;
    QPointer<ThenaReply> m_reply;
};

} // namespace Hookscope
