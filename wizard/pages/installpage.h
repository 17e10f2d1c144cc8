// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace Hookscope {

class ThenaExchangeView;

struct WizardContext;
class AppSettingsForm;
class ThenaReply;

// Page 6: install the app on the chosen teams (or reinstall it), with the settings its
// manifest declares; per-team result (only the teams the server confirms count as installed)
// and the bot identity Thena answers with.
class InstallPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstallPage)

public:
    InstallPage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    QPushButton *installButton() const { return m_install; }
    QPushButton *curlButton() const { return m_curl; }
    QCheckBox *reinstallOption() const { return m_reinstall; }
    QTableWidget *teamTable() const { return m_teams; }
    AppSettingsForm *settingsForm() const { return m_settings; }
    QString resultText() const;
    QString answerText() const;
    QString curlText() const;
    // The install call's appConfiguration for the values in the settings form.
    QJsonObject appConfiguration() const;

private:
    void install();
    void onFinished();
    void copyCurl();
    void updateState();

    WizardContext *m_context;
    QLabel *m_intro;
    QGroupBox *m_settingsBox;
    AppSettingsForm *m_settings;
    QLabel *m_settingsProblem;
    QCheckBox *m_reinstall;
    QPushButton *m_install;
    QPushButton *m_curl;
    QTableWidget *m_teams;
    QLabel *m_result;
    ThenaExchangeView *m_exchange;
    QPointer<ThenaReply> m_reply;
};

} // namespace Hookscope
