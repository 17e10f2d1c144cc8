// SPDX-License-Identifier: MIT
#include "bodywords.h"

#include <QChar>

#include <array>

namespace Hookscope {

namespace {

// The combining accents unicode61 (remove_diacritics 1) drops from inside a word; other
// combining marks separate words, as they do in FTS5.
bool isDroppedAccent(char32_t c)
{
    switch (c) {
    case 0x300:
    case 0x301:
    case 0x302:
    case 0x303:
    case 0x304:
    case 0x306:
    case 0x307:
    case 0x308:
    case 0x309:
    case 0x30A:
    case 0x30B:
    case 0x30C:
    case 0x30F:
    case 0x311:
    case 0x31B:
    case 0x323:
    case 0x324:
    case 0x325:
    case 0x326:
    case 0x327:
    case 0x328:
    case 0x32D:
    case 0x32E:
    case 0x330:
    case 0x331:
        return true;
    default:
        return false;
    }
}

enum class CharClass : quint8 { Separator, Word, Unknown };

// SQLite's unicode61 tables are those of Unicode 6.1: a character assigned later (or never)
// is unknown there, and unknown characters are kept as they are, inside words.
CharClass classify(char32_t c)
{
    const QChar::UnicodeVersion version = QChar::unicodeVersion(c);
    if (version == QChar::Unicode_Unassigned || version > QChar::Unicode_6_1)
        return CharClass::Unknown;
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Other_PrivateUse:
        return CharClass::Word;
    default:
        return CharClass::Separator;
    }
}

// A Latin letter that is an ASCII letter plus one dropped accent becomes the plain letter;
// letters with two accents (ǖ) or built on a non-ASCII letter (ǿ = ø + ´) keep theirs.
char32_t withoutAccent(char32_t c)
{
    if (QChar::decompositionTag(c) != QChar::Canonical)
        return c;
    const QString d = QChar::decomposition(c);
    if (d.size() == 2 && d.at(0).unicode() < 0x80 && d.at(0).isLetter()
        && isDroppedAccent(d.at(1).unicode()))
        return d.at(0).unicode();
    return c;
}

// The accent-stripping table for the Latin blocks that hold such letters, built once.
struct LatinTable
{
    static constexpr char32_t FirstA = 0xC0, LastA = 0x24F; // Latin-1 .. Latin Extended-B
    static constexpr char32_t FirstB = 0x1E00, LastB = 0x1EFF; // Latin Extended Additional
    std::array<char16_t, LastA - FirstA + 1> a{};
    std::array<char16_t, LastB - FirstB + 1> b{};

    LatinTable()
    {
        for (char32_t c = FirstA; c <= LastA; ++c)
            a[c - FirstA] = char16_t(withoutAccent(c));
        for (char32_t c = FirstB; c <= LastB; ++c)
            b[c - FirstB] = char16_t(withoutAccent(c));
    }
};

char32_t foldWordChar(char32_t c)
{
    if (c == 0x130) // İ: its simple case folding keeps the dot; FTS5 gives 'i'
        return u'i';
    c = QChar::toCaseFolded(c);
    static const LatinTable latin;
    if (c >= LatinTable::FirstA && c <= LatinTable::LastA)
        return latin.a[c - LatinTable::FirstA];
    if (c >= LatinTable::FirstB && c <= LatinTable::LastB)
        return latin.b[c - LatinTable::FirstB];
    return c;
}

inline bool isAsciiWordChar(char16_t u)
{
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

} // namespace

BodyWords::BodyWords(QStringView text)
{
    m_folded.reserve(text.size());
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    bool inWord = false;
    auto startWord = [&] {
        if (!inWord) {
            m_starts.push_back(m_folded.size());
            inWord = true;
        }
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = p[i];
        if (u < 0x80) {
            if (isAsciiWordChar(u)) {
                startWord();
                m_folded.append(QChar(u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u));
            } else {
                inWord = false;
            }
            continue;
        }
        char32_t c = u;
        if (QChar::isHighSurrogate(u) && i + 1 < n && QChar::isLowSurrogate(p[i + 1]))
            c = QChar::surrogateToUcs4(u, p[++i]);
        if (isDroppedAccent(c))
            continue; // part of the word around it, but not kept
        const CharClass kind = classify(c);
        if (kind == CharClass::Separator) {
            inWord = false;
            continue;
        }
        startWord();
        const char32_t f = kind == CharClass::Word ? foldWordChar(c) : c;
        if (QChar::requiresSurrogates(f)) {
            m_folded.append(QChar(QChar::highSurrogate(f)));
            m_folded.append(QChar(QChar::lowSurrogate(f)));
        } else {
            m_folded.append(QChar(char16_t(f)));
        }
    }
}

QStringList BodyWords::split(QStringView text)
{
    const BodyWords words(text);
    QStringList out;
    out.reserve(words.count());
    for (qsizetype i = 0; i < words.count(); ++i)
        out.append(words.word(i).toString());
    return out;
}

QStringView BodyWords::word(qsizetype i) const
{
    const qsizetype start = m_starts[size_t(i)];
    const qsizetype end = i + 1 < count() ? m_starts[size_t(i + 1)] : m_folded.size();
    return QStringView(m_folded).mid(start, end - start);
}

bool BodyWords::containsPhrase(const QStringList &phrase) const
{
    const qsizetype m = phrase.size();
    if (m == 0)
        return false;
    const QString &last = phrase.constLast();
    for (qsizetype i = 0; i + m <= count(); ++i) {
        qsizetype k = 0;
        while (k + 1 < m && word(i + k) == phrase.at(k))
            ++k;
        if (k + 1 == m && word(i + k).startsWith(last))
            return true;
    }
    return false;
}

} // namespace Hookscope
