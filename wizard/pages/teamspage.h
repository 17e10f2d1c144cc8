// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace Hookscope {

struct WizardContext;

// Page 2: the teams to install the app on: checked from the API's list, or pasted as IDs or
// dashboard URLs when listing is not possible.
class TeamsPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamsPage)

public:
    TeamsPage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QListWidget *teamList() const { return m_list; }
    QPlainTextEdit *pasteEdit() const { return m_paste; }
    QStringList chosenTeamIds() const;

private:
    void updateState();

    WizardContext *m_context;
    QListWidget *m_list;
    QLabel *m_listNote;
    QPlainTextEdit *m_paste;
    QLabel *m_problem;
};

} // namespace Hookscope
