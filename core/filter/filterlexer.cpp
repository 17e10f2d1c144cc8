// SPDX-License-Identifier: MIT
#include "filterlexer.h"

using namespace Qt::StringLiterals;

namespace Hookscope::Filter {

static bool isSpace(QChar c)
{
    return c.isSpace();
}

QList<Token> tokenize(const QString &text, ParseError &error)
{
    QList<Token> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto at = [&](qsizetype k) { return k < n ? text.at(k) : QChar(); };
    auto isBreak = [&](qsizetype k) {
        if (k >= n)
            return true;
        const QChar c = text.at(k);
        return isSpace(c) || c == u'(' || c == u')' || (c == u'|' && at(k + 1) == u'|')
                || (c == u'&' && at(k + 1) == u'&');
    };

    while (i < n) {
        const QChar c = text.at(i);
        if (isSpace(c)) {
            ++i;
            continue;
        }
        if (c == u'(' || c == u')') {
            tokens.append({ c == u'(' ? TokenKind::LParen : TokenKind::RParen,
                            i,
                            i + 1,
                            QString(c),
                            {} });
            ++i;
            continue;
        }
        if ((c == u'|' || c == u'&') && at(i + 1) == c) {
            tokens.append(
                    { c == u'|' ? TokenKind::Or : TokenKind::And, i, i + 2, text.mid(i, 2), {} });
            i += 2;
            continue;
        }
        // '-' and '!' right in front of a term (or '(') negate it.
        if (c == u'-' || c == u'!') {
            if (isBreak(i + 1) && at(i + 1) != u'(') {
                error.set(u"'%1' needs a term right after it"_s.arg(c), i);
                return tokens;
            }
            tokens.append({ TokenKind::Not, i, i + 1, QString(c), {} });
            ++i;
            continue;
        }

        // A word: unquoted runs and quoted runs, up to whitespace, a parenthesis, || or &&.
        Token word;
        word.kind = TokenKind::Word;
        word.pos = i;
        while (!isBreak(i)) {
            if (text.at(i) == u'"') {
                Segment seg;
                seg.quoted = true;
                seg.pos = i;
                ++i;
                bool closed = false;
                while (i < n) {
                    const QChar q = text.at(i);
                    if (q == u'\\' && (at(i + 1) == u'"' || at(i + 1) == u'\\')) {
                        seg.text.append(text.at(i + 1));
                        i += 2;
                    } else if (q == u'"') {
                        ++i;
                        closed = true;
                        break;
                    } else {
                        seg.text.append(q);
                        ++i;
                    }
                }
                if (!closed) {
                    error.set(u"unbalanced quote: add a closing '\"'"_s, seg.pos);
                    return tokens;
                }
                word.segments.append(seg);
            } else {
                Segment seg;
                seg.pos = i;
                while (!isBreak(i) && text.at(i) != u'"')
                    seg.text.append(text.at(i++));
                word.segments.append(seg);
            }
        }
        word.end = i;
        word.spelling = text.mid(word.pos, word.end - word.pos);
        if (word.segments.size() == 1 && !word.segments.front().quoted) {
            if (word.spelling == "OR"_L1)
                word.kind = TokenKind::Or;
            else if (word.spelling == "AND"_L1)
                word.kind = TokenKind::And;
            else if (word.spelling == "NOT"_L1)
                word.kind = TokenKind::Not;
            if (word.kind != TokenKind::Word)
                word.segments.clear();
        }
        tokens.append(word);
    }
    return tokens;
}

} // namespace Hookscope::Filter
