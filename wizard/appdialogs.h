// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QHash>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Hookscope {

class ClientSecretBox;
class SecretStore;

// The small dialogs of Tools → Thena apps.

// "Add existing app…": an app made elsewhere (dashboard, API, another computer), by App ID
// and an optional name.
class AddExistingAppDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddExistingAppDialog)

public:
    explicit AddExistingAppDialog(QWidget *parent = nullptr);

    QLineEdit *appIdEdit() const { return m_appId; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *okButton() const;
    QString appId() const;
    QString name() const;

private:
    QLineEdit *m_appId;
    QLineEdit *m_name;
    QDialogButtonBox *m_buttons;
};

// The teams an install, reinstall or uninstall is for: the known teams (checkable, with their
// names when known: "T123NHFDRF — Support") and a field for more IDs or dashboard URLs.
class TeamChoiceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamChoiceDialog)

public:
    TeamChoiceDialog(const QString &title, const QString &intro, const QStringList &known,
                     const QStringList &checked, const QString &okText, QWidget *parent = nullptr,
                     const QHash<QString, QString> &names = {});

    QListWidget *teamList() const { return m_list; }
    QPlainTextEdit *moreEdit() const { return m_more; }
    QPushButton *okButton() const;
    // The checked teams, then the valid typed ones, without duplicates.
    QStringList teams() const;
    QString problem() const;

private:
    void updateState();

    QListWidget *m_list;
    QPlainTextEdit *m_more;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

// "Client secret…": the selected app's client secret from the keychain, shown or copied on
// demand.
class ClientSecretDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientSecretDialog)

public:
    ClientSecretDialog(SecretStore *secrets, const QString &appId, const QString &appName,
                       QWidget *parent = nullptr);

    ClientSecretBox *secretBox() const { return m_box; }

private:
    ClientSecretBox *m_box;
};

} // namespace Hookscope
