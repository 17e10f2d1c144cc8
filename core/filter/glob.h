// SPDX-License-Identifier: MIT
#pragma once

// The filter language's glob, header-only: FieldNode evaluates it on every row of a table.

#include <QString>
#include <QStringView>

#include <vector>

namespace Hookscope::Filter {

// ---------------------------------------------------------------------------------------
// Case-insensitive glob: '*' any run (also empty), '?' exactly one character, everything
// else literal. Whole-string match. Compiled once; the common shapes ("ticket:*", "*bot*",
// "T123NHFDRF") avoid the general matcher altogether.
// ---------------------------------------------------------------------------------------

inline QChar foldChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= u'A' && u <= u'Z') ? QChar(char16_t(u + 32)) : c;
    return c.toCaseFolded();
}

class Glob final
{
public:
    enum class Piece : quint8 { Literal, Star, One };

    void appendLiteral(QStringView s)
    {
        for (QChar c : s) {
            m_pattern.append(foldChar(c));
            m_pieces.push_back(Piece::Literal);
        }
    }
    void appendWild(QStringView s) // unquoted text: '*' and '?' are wildcards
    {
        for (QChar c : s) {
            if (c == u'*') {
                if (!m_pieces.empty() && m_pieces.back() == Piece::Star)
                    continue; // "**" == "*"
                m_pattern.append(c);
                m_pieces.push_back(Piece::Star);
            } else if (c == u'?') {
                m_pattern.append(c);
                m_pieces.push_back(Piece::One);
            } else {
                m_pattern.append(foldChar(c));
                m_pieces.push_back(Piece::Literal);
            }
        }
    }
    // Wraps the pattern in '*'s: "contains" instead of whole-string.
    void makeContains()
    {
        if (m_pieces.empty() || m_pieces.front() != Piece::Star) {
            m_pattern.prepend(u'*');
            m_pieces.insert(m_pieces.begin(), Piece::Star);
        }
        if (m_pieces.back() != Piece::Star) {
            m_pattern.append(u'*');
            m_pieces.push_back(Piece::Star);
        }
    }

    void compile()
    {
        const qsizetype n = qsizetype(m_pieces.size());
        qsizetype stars = 0, ones = 0;
        for (Piece p : m_pieces) {
            stars += p == Piece::Star;
            ones += p == Piece::One;
        }
        const bool leadingStar = n > 0 && m_pieces.front() == Piece::Star;
        const bool trailingStar = n > 0 && m_pieces.back() == Piece::Star;
        if (ones == 0 && stars == 0) {
            m_shape = Shape::Exact;
            m_literal = m_pattern;
        } else if (ones == 0 && stars == n) {
            m_shape = Shape::All;
        } else if (ones == 0 && stars == 1 && trailingStar) {
            m_shape = Shape::Prefix;
            m_literal = m_pattern.left(n - 1);
        } else if (ones == 0 && stars == 1 && leadingStar) {
            m_shape = Shape::Suffix;
            m_literal = m_pattern.mid(1);
        } else if (ones == 0 && stars == 2 && leadingStar && trailingStar) {
            m_shape = Shape::Contains;
            m_literal = m_pattern.mid(1, n - 2);
        } else {
            m_shape = Shape::General;
        }
    }

    bool matches(QStringView text) const
    {
        switch (m_shape) {
        case Shape::All:
            return true;
        case Shape::Exact:
            return text.size() == m_literal.size()
                    && text.compare(m_literal, Qt::CaseInsensitive) == 0;
        case Shape::Prefix:
            return text.startsWith(m_literal, Qt::CaseInsensitive);
        case Shape::Suffix:
            return text.endsWith(m_literal, Qt::CaseInsensitive);
        case Shape::Contains:
            return text.contains(m_literal, Qt::CaseInsensitive);
        case Shape::General:
            break;
        }
        return generalMatch(text);
    }

private:
    enum class Shape : quint8 { Exact, All, Prefix, Suffix, Contains, General };

    // Iterative wildcard matching with single-star backtracking: O(n*m) worst case, linear
    // for the usual patterns.
    bool generalMatch(QStringView text) const
    {
        const qsizetype n = text.size();
        const qsizetype m = m_pattern.size();
        qsizetype t = 0, p = 0;
        qsizetype starP = -1, starT = 0;
        while (t < n) {
            if (p < m) {
                const Piece piece = m_pieces[size_t(p)];
                if (piece == Piece::Star) {
                    starP = p++;
                    starT = t;
                    continue;
                }
                if (piece == Piece::One || m_pattern.at(p) == foldChar(text.at(t))) {
                    ++p;
                    ++t;
                    continue;
                }
            }
            if (starP < 0)
                return false;
            p = starP + 1;
            t = ++starT;
        }
        while (p < m && m_pieces[size_t(p)] == Piece::Star)
            ++p;
        return p == m;
    }

    QString m_pattern; // folded; wildcard positions flagged in m_pieces
    std::vector<Piece> m_pieces;
    QString m_literal;
    Shape m_shape = Shape::Exact;
};

} // namespace Hookscope::Filter
