// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include <optional>

#include "core/receiver/responsemode.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Hookscope {

// Receiver → Response mode…: how the next deliveries are answered on purpose (a status, a
// delay, a dropped connection; how many; which ones), to watch how Thena retries. The
// dialog only edits a ResponseMode; MainWindow hands it to the receiver and shows it in the
// status bar while it is on.
class ResponseModeDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ResponseModeDialog(const std::optional<ResponseMode> &current,
                                QWidget *parent = nullptr);

    ResponseMode mode() const;
    // Empty when Start is allowed; otherwise why not (a filter that does not parse).
    QString problem() const;
    // Whether the user chose "Switch off" rather than Start.
    bool switchOff() const { return m_switchOff; }

private:
    void update();

    QRadioButton *m_answer = nullptr;
    QRadioButton *m_drop = nullptr;
    QComboBox *m_status = nullptr;
    QSpinBox *m_delay = nullptr;
    QSpinBox *m_count = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_start = nullptr;
    QString m_problem;
    bool m_switchOff = false;
};

} // namespace Hookscope
