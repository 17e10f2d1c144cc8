// SPDX-License-Identifier: MIT
#include "rowmatcher.h"

#include "core/events/compactrows.h"

namespace Hookscope {

RowMatcher::RowMatcher(const FilterExpression &filter, std::shared_ptr<const BodyFacts> facts)
    : m_filter(filter), m_facts(std::move(facts))
{
    if (m_filter.isEmpty())
        return; // Mode::All
    m_mode = Mode::General;
    if (m_facts) {
        m_wordCursors.assign(m_facts->wordIds.size(), 0);
    }
    if (m_filter.needsPayload()) {
        if (m_facts && m_filter.hasOnlyPayloadComparisons() && m_facts->scanned
            && m_facts->scannedAfter == 0)
            m_mode = Mode::BodyOnly;
        else if (m_facts && m_filter.isSingleWord() && m_facts->fromIndex) {
            m_mode = Mode::Word;
            m_word = m_filter.bodyWords().value(0);
            bool ascii = !m_word.isEmpty();
            for (const QChar c : std::as_const(m_word))
                ascii = ascii && c.unicode() < 0x80;
            if (ascii)
                m_asciiWord = m_word.toLatin1().toLower();
        }
        return;
    }
    switch (m_filter.fields()) {
    case FilterExpression::TypeField:
        m_indexOf = &CompactRows::typeIndex;
        m_field = &EventSummary::type;
        break;
    case FilterExpression::TeamField:
        m_indexOf = &CompactRows::teamIndex;
        m_field = &EventSummary::team;
        break;
    case FilterExpression::SourceField:
        m_indexOf = &CompactRows::sourceIndex;
        m_field = &EventSummary::source;
        break;
    case FilterExpression::StatusField:
        m_indexOf = &CompactRows::statusIndex;
        m_field = &EventSummary::status;
        break;
    default:
        return;
    }
    m_mode = Mode::PerValue;
}

std::optional<bool> RowMatcher::verdict(const CompactRows &rows, qsizetype row)
{
    switch (m_mode) {
    case Mode::All:
        return true;
    case Mode::PerValue: {
        const quint32 index = (rows.*m_indexOf)(row);
        if (index >= m_memo.size())
            m_memo.resize(size_t(index) + 1, qint8(-1));
        qint8 &known = m_memo[index];
        if (known < 0) {
            // The expression reads this one field: the rest of the scratch row is irrelevant.
            m_scratch.*m_field = rows.internedValue(index);
            known = m_filter.matchWithoutPayload(m_scratch).value_or(false) ? 1 : 0;
        }
        return known == 1;
    }
    case Mode::BodyOnly: {
        // Payload comparisons alone: the scan's (or field index's) ids decide every row.
        const qint64 id = rows.id(row);
        if (id <= m_facts->upToId)
            return accepted(id);
        return std::nullopt;
    }
    case Mode::Word: {
        // The body first (an id lookup), the row's texts only when the body lacks the word.
        const qint64 id = rows.id(row);
        if (id <= m_facts->indexedUpTo && !(m_facts->scanned && id > m_facts->scannedAfter))
            return hasWord(0, id) || wordInSummary(rows, row);
        break;
    }
    case Mode::General:
        break;
    }

    rows.summaryInto(row, m_scratch);
    const BodyFacts *facts = m_facts.get();
    const qint64 id = m_scratch.id;
    if (facts && id <= facts->upToId && facts->fromIndex && id <= facts->indexedUpTo
        && !(facts->scanned && id > facts->scannedAfter)) {
        // Bare words only (no payload paths): one evaluation, the summary fields first and
        // the index for the words they do not have.
        return m_filter.matches(m_scratch, nullptr,
                                [this, id](int index) { return hasWord(index, id); });
    }
    if (const std::optional<bool> quick = m_filter.matchWithoutPayload(m_scratch))
        return *quick;
    if (facts && id <= facts->upToId && facts->scanned && id > facts->scannedAfter)
        return accepted(id);
    return std::nullopt;
}

namespace {

// Whether `text` contains the lowercase ASCII `word`, ignoring ASCII case: 1 yes, 0 no, -1
// the text is not ASCII (then only QString's case folding can tell).
int asciiContains(QByteArrayView text, QByteArrayView word)
{
    const qsizetype m = word.size();
    const char first = word[0];
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = uchar(text[i]);
        if (c >= 0x80)
            return -1;
        if (i + m > text.size() || char(c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0)) != first)
            continue;
        qsizetype k = 1;
        while (k < m) {
            const auto d = uchar(text[i + k]);
            if (char(d | ((d >= 'A' && d <= 'Z') ? 0x20 : 0)) != word[k])
                break;
            ++k;
        }
        if (k == m)
            return 1;
    }
    return 0;
}

// Whether the ascending `ids` hold `id`, walking `cursor` forward when id is not before it.
bool findFrom(const std::vector<qint64> &ids, size_t &cursor, qint64 id)
{
    if (cursor > 0 && cursor <= ids.size() && ids[cursor - 1] >= id) {
        // Behind the cursor (rows out of id order): a search.
        return std::binary_search(ids.cbegin(), ids.cend(), id);
    }
    // A few steps forward, then a jump when the next one is far.
    for (int step = 0; step < 8 && cursor < ids.size() && ids[cursor] < id; ++step)
        ++cursor;
    if (cursor < ids.size() && ids[cursor] < id)
        cursor = size_t(std::lower_bound(ids.cbegin() + qsizetype(cursor), ids.cend(), id)
                        - ids.cbegin());
    if (cursor < ids.size() && ids[cursor] == id) {
        ++cursor;
        return true;
    }
    return false;
}

} // namespace

bool RowMatcher::hasWord(int index, qint64 id)
{
    return findFrom(m_facts->wordIds[size_t(index)], m_wordCursors[size_t(index)], id);
}

bool RowMatcher::wordInSummary(const CompactRows &rows, qsizetype row)
{
    // The interned fields once per distinct value (the expression's own answer, with the
    // other fields empty); the texts on their UTF-8 bytes when both are ASCII.
    const auto interned = [&](std::vector<qint8> &memo, quint32 index,
                              QString EventSummary::*field) {
        if (index >= memo.size())
            memo.resize(size_t(index) + 1, qint8(-1));
        if (memo[index] < 0) {
            EventSummary one;
            one.*field = rows.internedValue(index);
            memo[index] = m_filter.matchWithoutPayload(one).value_or(false) ? 1 : 0;
        }
        return memo[index] == 1;
    };
    if (interned(m_memo, rows.typeIndex(row), &EventSummary::type)
        || interned(m_teamMemo, rows.teamIndex(row), &EventSummary::team))
        return true;
    const QByteArrayView texts[] = { rows.eventIdUtf8(row), rows.actorUtf8(row),
                                     rows.entityUtf8(row), rows.summaryUtf8(row) };
    for (const QByteArrayView text : texts) {
        const int found = m_asciiWord.isEmpty() ? -1 : asciiContains(text, m_asciiWord);
        if (found == 1)
            return true;
        if (found < 0 && QString::fromUtf8(text).contains(m_word, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool RowMatcher::accepted(qint64 id)
{
    return findFrom(m_facts->accepted, m_acceptedCursor, id);
}

} // namespace Hookscope
