// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCommandLinkButton;
class QSettings;

namespace Hookscope {

// The first-run screen: so that the table is never a blank mystery, it offers the three ways
// to start — the Thena setup wizard, listening locally, or demo data — and says where the
// receiver is listening. exec() returns Accepted with choice() set, or Rejected (choice()
// None) when closed.
class WelcomeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomeDialog)

public:
    enum class Choice { None, SetupWizard, ListenLocally, DemoData };
    Q_ENUM(Choice)

    // webhookUrl: where the receiver listens (shown masked; empty when it is not running).
    explicit WelcomeDialog(const QString &webhookUrl = {}, QWidget *parent = nullptr);

    Choice choice() const;
    QCommandLinkButton *button(Choice choice) const;

    // First run only: true until markShown() was called on these settings.
    static bool shouldShow(QSettings &settings);
    static void markShown(QSettings &settings);

private:
    void choose(Choice choice);

    QCommandLinkButton *m_wizard;
    QCommandLinkButton *m_listen;
    QCommandLinkButton *m_demo;
    Choice m_choice = Choice::None;
};

} // namespace Hookscope
