// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QUrl>

#include "core/events/event.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Hookscope {

// Edit and resend: a stored delivery's method, URL, headers and body, editable before it is
// sent again (through the Forwarder, with its retries; the attempt is recorded on the
// original event). Headers are one "Name: value" per line; a line that is not a header
// blocks Send and says which line. A JSON body that does not parse is a warning only:
// sending broken JSON on purpose is a fair test.
class EditResendDialog final : public QDialog
{
    Q_OBJECT

public:
    EditResendDialog(const Event &event, const QUrl &url, QWidget *parent = nullptr);

    // The event as edited (summary and request data of the original otherwise).
    Event editedEvent() const;
    QUrl url() const;
    // Empty when Send is allowed; otherwise why not.
    QString problem() const;

private:
    void validate();
    void formatBody();

    Event m_original;
    QComboBox *m_method = nullptr;
    QLineEdit *m_url = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_problem;
};

} // namespace Hookscope
