// SPDX-License-Identifier: MIT
#pragma once

#include <QTabWidget>

class QPlainTextEdit;

namespace Hookscope {

struct ThenaResult;

// What the wizard's Create and Install pages show of one call to Thena: the server's answer
// verbatim (secrets hidden, see responseText()) and, on "Copy as curl", the equivalent
// command — one tab each.
class ThenaExchangeView final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThenaExchangeView)

public:
    explicit ThenaExchangeView(QWidget *parent = nullptr);

    // A call starts: the answer tab, empty.
    void clearAnswer();
    void showAnswer(const ThenaResult &result);
    // Shows the command and puts it on the clipboard.
    void showCurl(const QString &command);

    QString answerText() const;
    QString curlText() const;

private:
    QPlainTextEdit *m_answer;
    QPlainTextEdit *m_curl;
};

} // namespace Hookscope
