// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

class QLabel;

namespace Hookscope {

struct WizardContext;

// Page 7: where events will appear, with a local test delivery to see the table work now, the
// check to make in Thena's app settings, and the way to legacy request webhooks.
class DonePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DonePage)

public:
    DonePage(WizardContext *context, QWidget *parent = nullptr);

    void initializePage() override;
    QString text() const;

Q_SIGNALS:
    void testEventRequested();

private:
    WizardContext *m_context;
    QLabel *m_text;
};

} // namespace Hookscope
