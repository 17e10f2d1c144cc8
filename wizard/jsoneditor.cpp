// SPDX-License-Identifier: MIT
#include "jsoneditor.h"

#include <QEvent>
#include <QFontDatabase>
#include <QVBoxLayout>

// QScintilla's headers use the `signals`/`slots` keywords that QT_NO_KEYWORDS turns off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>
#undef slots
#undef signals

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {
constexpr int ErrorMarker = 1;
}

JsonEditor::JsonEditor(QWidget *parent) : QWidget(parent), m_editor(new QsciScintilla(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer = new QsciLexerJSON(m_editor);
    m_lexer->setDefaultFont(mono);
    m_lexer->setFont(mono);
    m_editor->setLexer(m_lexer);
    applyColours();
    m_editor->setUtf8(true);
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginWidth(0, u"00000"_s);
    m_editor->setMarginType(1, QsciScintilla::SymbolMargin);
    m_editor->setMarginWidth(1, 14);
    m_editor->markerDefine(QsciScintilla::Circle, ErrorMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xd6, 0x27, 0x28), ErrorMarker);
    m_editor->setFolding(QsciScintilla::BoxedTreeFoldStyle);
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setAutoIndent(true);
    m_editor->setIndentationsUseTabs(false);
    m_editor->setIndentationWidth(2);
    m_editor->setTabWidth(2);
    m_editor->setAccessibleName(tr("Manifest JSON"));
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (!m_settingText)
            Q_EMIT textEdited();
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
}

QString JsonEditor::text() const
{
    return m_editor->text();
}

void JsonEditor::setText(const QString &text)
{
    if (text == m_editor->text())
        return;
    int line = 0, index = 0;
    m_editor->getCursorPosition(&line, &index);
    const int firstVisible = m_editor->firstVisibleLine();
    m_settingText = true;
    m_editor->setText(text);
    m_settingText = false;
    m_editor->setCursorPosition(qMin(line, m_editor->lines() - 1), 0);
    m_editor->setFirstVisibleLine(firstVisible);
}

void JsonEditor::setReadOnly(bool readOnly)
{
    m_editor->setReadOnly(readOnly);
}

void JsonEditor::markError(int line, int column)
{
    m_editor->markerDeleteAll(ErrorMarker);
    m_markedLine = line;
    if (line <= 0)
        return;
    m_editor->markerAdd(line - 1, ErrorMarker);
    Q_UNUSED(column);
}

int JsonEditor::markedLine() const
{
    return m_markedLine;
}

QColor JsonEditor::paper() const
{
    return m_lexer->paper(QsciLexerJSON::Default);
}

void JsonEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColours(); // the theme changed (light/dark)
    QWidget::changeEvent(event);
}

void JsonEditor::applyColours()
{
    const QPalette p = palette();
    const bool dark = p.color(QPalette::Base).lightness() < 128;
    m_editor->setPaper(p.color(QPalette::Base));
    m_editor->setColor(p.color(QPalette::Text));
    m_editor->setCaretForegroundColor(p.color(QPalette::Text));
    m_editor->setMarginsBackgroundColor(p.color(QPalette::Window));
    m_editor->setMarginsForegroundColor(p.color(QPalette::PlaceholderText));
    m_editor->setFoldMarginColors(p.color(QPalette::Window), p.color(QPalette::Window));
    m_lexer->setDefaultPaper(p.color(QPalette::Base));
    m_lexer->setPaper(p.color(QPalette::Base), -1);
    m_lexer->setColor(p.color(QPalette::Text), -1);
    // Keys, strings, numbers and true/false/null: darker tones on light paper, lighter on dark.
    const struct
    {
        int style;
        const char *onDark;
        const char *onLight;
    } tones[] = { { QsciLexerJSON::Property, "#9cdcfe", "#0451a5" },
                  { QsciLexerJSON::String, "#ce9178", "#a31515" },
                  { QsciLexerJSON::Number, "#b5cea8", "#098658" },
                  { QsciLexerJSON::Keyword, "#569cd6", "#0000ff" },
                  { QsciLexerJSON::Error, "#f48771", "#d62728" } };
    for (const auto &t : tones)
        m_lexer->setColor(QColor(QLatin1StringView(dark ? t.onDark : t.onLight)), t.style);
}

} // namespace Hookscope
