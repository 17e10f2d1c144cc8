// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

#include "core/events/event.h"
#include "core/filter/filterexpression.h"
#include "core/store/summaryreader.h"

namespace Hookscope {

// Decides a filter that needs no body (FilterExpression::needsPayload() false) on a store's
// rows as SQLite hands them over (SummaryRow: UTF-8 bytes), with the expression's own verdict
// but without an EventSummary of eight new QStrings per row:
// - a filter that reads only type, team, source and/or status (ticket:*, team:T1 status:ok)
//   is decided once per distinct combination of those values and remembered;
// - any other fills one scratch summary with just the fields the filter reads, reusing its
//   strings' buffers, and asks the expression.
// columns() says which fields that is (FilterExpression::fields()), for SummaryReader's
// RowTest: the scan then hands over only those. One instance per scan (it keeps verdicts and
// the scratch summary).
class SummaryRowFilter final
{
public:
    explicit SummaryRowFilter(const FilterExpression &filter);

    // The SummaryReader::Column flags of the fields the verdict depends on.
    quint32 columns() const { return m_columns; }
    // True when the filter is empty: every row matches.
    bool acceptsAll() const { return m_acceptsAll; }

    // filter.matches(row.toSummary()), without building that summary.
    bool matches(const SummaryRow &row);

private:
    bool evaluate(const SummaryRow &row);
    void fill(const SummaryRow &row);
    void remember(QByteArrayView key, size_t hash, bool verdict);

    FilterExpression m_filter;
    quint32 m_columns = 0;
    bool m_acceptsAll = false;
    bool m_perValue = false; // only interned fields: verdicts remembered by value
    bool m_oneColumn = false; // ... of one field: its bytes are the key
    // The remembered verdicts: keys (the field's bytes, or each field's length and bytes)
    // in an open-addressing table of indices, with a hash cheaper than qHash's for short keys.
    std::string m_key; // the current row's key, when it has several fields
    std::vector<QByteArray> m_keys;
    std::vector<bool> m_verdicts;
    std::vector<quint32> m_slots; // index into m_keys + 1; 0: empty
    EventSummary m_scratch;
};

} // namespace Hookscope
