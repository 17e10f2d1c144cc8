// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "core/events/event.h"
#include "core/filter/filterexpression.h"

namespace Hookscope {

class CompactRows;

// What is known about the bodies of the events with ids up to upToId, for one filter: what
// a filter job (FilterJobs) found out with the store's indexes and a scan of the bodies.
struct BodyFacts
{
    qint64 upToId = 0;
    // Bare words answered by the full-text index for ids up to indexedUpTo: per entry of
    // bodyWords(), the ascending ids of the bodies that have it.
    bool fromIndex = false;
    qint64 indexedUpTo = 0;
    std::vector<std::vector<qint64>> wordIds;
    // Bodies scanned for ids in (scannedAfter, upToId]: the ascending ids of the events the
    // summary alone could not decide and that the filter accepts.
    bool scanned = false;
    qint64 scannedAfter = 0;
    std::vector<qint64> accepted;

    bool hasWord(int index, qint64 id) const
    {
        const std::vector<qint64> &ids = wordIds[size_t(index)];
        return std::binary_search(ids.cbegin(), ids.cend(), id);
    }
};

// Decides a filter for the event table's rows (CompactRows) without building a QString per
// row where it can:
//   - a filter that reads one interned field alone (ticket:*, team:T1, status:invalid) is
//     decided once per distinct value;
//   - a filter of payload comparisons alone, by the body facts' ids, without the row;
//   - a single bare word, by the full-text index's ids first and the row's texts only for
//     the bodies without it;
//   - any other reads the row into one scratch summary and asks the expression, with the
//     body facts for the terms the summary cannot decide.
// One instance per thread (it keeps per-value verdicts, cursors and the scratch row).
class RowMatcher final
{
public:
    RowMatcher() = default;
    RowMatcher(const FilterExpression &filter, std::shared_ptr<const BodyFacts> facts);

    const FilterExpression &filter() const { return m_filter; }
    const std::shared_ptr<const BodyFacts> &facts() const { return m_facts; }
    // True when every row is decided once per distinct value (or the filter is empty).
    bool isPerValue() const { return m_mode != Mode::General; }

    // The verdict for one row; nullopt when only its body can tell (a body filter and a row
    // stored after the facts were gathered, or without facts).
    std::optional<bool> verdict(const CompactRows &rows, qsizetype row);
    // The summary verdict() read last (General mode only): for a body check of its own.
    const EventSummary &lastSummary() const { return m_scratch; }

private:
    enum class Mode { All, PerValue, BodyOnly, Word, General };

    // Whether word `index` is in the body of event `id` (facts from the full-text index).
    // Rows are mostly visited in id order: a cursor per word, a binary search otherwise.
    bool hasWord(int index, qint64 id);
    bool accepted(qint64 id);
    // Mode::Word: whether the row's summary fields contain the word (as WordNode does).
    bool wordInSummary(const CompactRows &rows, qsizetype row);

    FilterExpression m_filter;
    std::shared_ptr<const BodyFacts> m_facts;
    Mode m_mode = Mode::All;
    quint32 (CompactRows::*m_indexOf)(qsizetype) const = nullptr;
    QString EventSummary::*m_field = nullptr;
    std::vector<qint8> m_memo; // by intern index: -1 not known yet, 0 no, 1 yes
    std::vector<qint8> m_teamMemo; // Mode::Word: the same for the team (m_memo: the type)
    QString m_word; // Mode::Word: the word as typed
    QByteArray m_asciiWord; // Mode::Word: in lowercase when it is ASCII, else empty
    EventSummary m_scratch;
    std::vector<size_t> m_wordCursors; // per bare word: in BodyFacts::wordIds
    size_t m_acceptedCursor = 0; // in BodyFacts::accepted
};

} // namespace Hookscope
