// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QsciScintilla;
class QsciLexerJSON;

namespace Hookscope {

// A JSON text editor: syntax highlighting, line numbers, folding, and an error marker on
// the line a parse error points at (QScintilla underneath).
class JsonEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonEditor)

public:
    explicit JsonEditor(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text); // keeps the cursor line when it can
    void setReadOnly(bool readOnly);
    void markError(int line, int column); // 1-based; 0 clears
    int markedLine() const;
    // The editor's background as the palette made it (dark in the dark theme).
    QColor paper() const;

Q_SIGNALS:
    void textEdited();

protected:
    void changeEvent(QEvent *event) override;

private:
    // QScintilla keeps colours of its own (white paper): take them from the palette.
    void applyColours();

    QsciScintilla *m_editor;
    QsciLexerJSON *m_lexer = nullptr;
    int m_markedLine = 0;
    bool m_settingText = false;
};

} // namespace Hookscope
