// SPDX-License-Identifier: MIT
#pragma once

// The filter language's tokens: words (unquoted and "quoted" segments), parentheses, and the
// operators OR/||, AND/&&, NOT/-/!.

#include <QList>
#include <QString>

namespace Hookscope::Filter {

struct Segment
{
    QString text;
    bool quoted = false;
    qsizetype pos = 0; // source index of the first character (of the opening quote if quoted)
};

enum class TokenKind : quint8 { Word, LParen, RParen, Or, And, Not };

struct Token
{
    TokenKind kind = TokenKind::Word;
    qsizetype pos = 0;
    qsizetype end = 0; // one past the last source character
    QString spelling; // as written: "OR", "||", "-", "NOT", ...
    QList<Segment> segments; // Word only
};

struct ParseError
{
    QString message;
    qsizetype pos = -1; // 0-based; -1: no error

    bool isSet() const { return pos >= 0; }
    void set(const QString &msg, qsizetype at)
    {
        if (!isSet()) {
            message = msg;
            pos = at;
        }
    }
};

// The tokens of `text`; on a lexical error (an unbalanced quote, a dangling '-') `error` says
// where, and the tokens so far are returned.
QList<Token> tokenize(const QString &text, ParseError &error);

} // namespace Hookscope::Filter
