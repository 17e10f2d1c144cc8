// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <vector>

namespace Hookscope {

// The words of an event body as the store's full-text index (SQLite FTS5, tokenizer
// unicode61 with its defaults) sees them, so that a scan without the index finds exactly
// what the index finds. Bare words of the filter language are matched against these.
//
//   A word is a run of letters, numbers and private-use characters (Unicode L*, N*, Co);
//   everything else separates words (punctuation, spaces, '_', JSON escapes' backslash).
//   Words compare case-folded, and a Latin letter with one accent as the plain letter
//   (é = e, İ = i, but ø, ł, ǖ stay). The common combining accents (U+0300 ...) inside a
//   word are dropped. SQLite's tables are Unicode 6.1: characters assigned since (many
//   emoji, for one) count as part of a word there, unfolded, and so they do here.
//
// ASCII text gives exactly FTS5's words. Beyond ASCII, Qt's Unicode tables stand in for
// SQLite's; they agree on the common scripts (checked against FTS5 in tst_eventtablemodel)
// but may differ on a few rare characters. Invalid UTF-8 is decoded differently.
class BodyWords final
{
public:
    BodyWords() = default;
    explicit BodyWords(QStringView text);

    // The folded words of text (also for a filter's phrase: split once, match many).
    static QStringList split(QStringView text);

    qsizetype count() const { return qsizetype(m_starts.size()); }
    QStringView word(qsizetype i) const;

    // True when the phrase's words occur one after the other, the last one as the start of
    // a word: {"charged", "tw"} is in "Charged twice!". An empty phrase is in nothing.
    bool containsPhrase(const QStringList &phrase) const;

private:
    QString m_folded; // every word, folded, back to back
    std::vector<qsizetype> m_starts; // where each word starts in m_folded
};

} // namespace Hookscope
