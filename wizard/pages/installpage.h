// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Hookscope {

struct WizardContext;
class ThenaReply;

// Page 6: install the created app on the chosen teams (or reinstall it), per-team result and
// the bot identity Thena answers with.
class InstallPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstallPage)

public:
    InstallPage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    QPushButton *installButton() const { return m_install; }
    QCheckBox *reinstallOption() const { return m_reinstall; }
    QTableWidget *teamTable() const { return m_teams; }
    QString resultText() const;

private:
    void install();
    void onFinished();
    void copyCurl();

    WizardContext *m_context;
    QLabel *m_intro;
    QCheckBox *m_reinstall;
    QPushButton *m_install;
    QPushButton *m_curl;
    QTableWidget *m_teams;
    QLabel *m_result;
    QPlainTextEdit *m_details;
    QPointer<ThenaReply> m_reply;
};

} // namespace Hookscope
