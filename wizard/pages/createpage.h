// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace Hookscope {

struct WizardContext;
class ThenaReply;

QString maskedUrl(const QString &url, const WizardContext *context);

// Page 5: create the private app from the manifest; show the server's answer either way.
class CreatePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreatePage)

public:
    CreatePage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    QPushButton *createButton() const { return m_create; }
    QString resultText() const;
    QString curlCommand() const;

private:
    void create();
    void cancel();
    void onFinished();
    void copyCurl();

    WizardContext *m_context;
    QLabel *m_summary;
    QPushButton *m_create;
    QPushButton *m_cancel;
    QPushButton *m_curl;
    QProgressBar *m_progress;
    QLabel *m_result;
    QPlainTextEdit *m_details;
    QPointer<ThenaReply> m_reply;
};

} // namespace Hookscope
