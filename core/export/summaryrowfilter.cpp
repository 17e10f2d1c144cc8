// SPDX-License-Identifier: MIT
#include "summaryrowfilter.h"

#include <algorithm>
#include <cstring>

#include "core/common/utf8text.h"

namespace Hookscope {

namespace {

using Column = SummaryReader::Column;

constexpr quint32 AllColumns = Column::IdColumn | Column::ReceivedAtColumn
        | Column::OccurredAtColumn | Column::TypeColumn | Column::EventIdColumn | Column::TeamColumn
        | Column::ActorColumn | Column::EntityColumn | Column::SummaryColumn | Column::SourceColumn
        | Column::StatusColumn | Column::SizeColumn;
// The fields with few distinct values (CompactRows interns the same four).
constexpr quint32 InternedColumns =
        Column::TypeColumn | Column::TeamColumn | Column::SourceColumn | Column::StatusColumn;
// Verdicts remembered at most (each is a few dozen bytes); past that, rows are evaluated.
constexpr qsizetype MaxVerdicts = 4096;

// The SummaryReader columns of what `filter` reads (FilterExpression::fields()).
quint32 columnsOf(const FilterExpression &filter)
{
    using F = FilterExpression;
    const quint32 fields = filter.fields();
    const struct
    {
        quint32 field;
        quint32 columns;
    } map[] = {
        { F::TypeField, Column::TypeColumn },
        { F::TeamField, Column::TeamColumn },
        { F::SourceField, Column::SourceColumn },
        { F::StatusField, Column::StatusColumn },
        { F::EventIdField, Column::EventIdColumn },
        { F::ActorField, Column::ActorColumn },
        { F::EntityField, Column::EntityColumn },
        { F::SummaryTextField, Column::SummaryColumn },
        { F::TimeField, Column::ReceivedAtColumn | Column::OccurredAtColumn },
    };
    quint32 columns = 0;
    quint32 known = 0;
    for (const auto &m : map) {
        known |= m.field;
        if (fields & m.field)
            columns |= m.columns;
    }
    // Anything else (the body, or a field added to the language later): every column, so
    // the verdict is still the expression's, only without the shortcut.
    return (fields & ~known) ? AllColumns : columns;
}

void appendKeyPart(std::string &key, QByteArrayView value)
{
    const auto size = quint32(value.size());
    key.append(reinterpret_cast<const char *>(&size), sizeof size);
    key.append(value.data(), size_t(value.size()));
}

// A hash of a short key eight bytes at a time (a type is 15 to 30 bytes).
size_t hashKey(QByteArrayView key)
{
    constexpr quint64 Multiplier = 0x9E3779B97F4A7C15ULL;
    quint64 h = quint64(key.size()) * Multiplier;
    const char *p = key.data();
    qsizetype n = key.size();
    for (; n >= 8; p += 8, n -= 8) {
        quint64 word;
        std::memcpy(&word, p, sizeof word);
        h = (h ^ word) * Multiplier;
        h ^= h >> 29;
    }
    if (n > 0) {
        quint64 word = 0;
        std::memcpy(&word, p, size_t(n));
        h = (h ^ word) * Multiplier;
        h ^= h >> 29;
    }
    return size_t(h);
}

} // namespace

SummaryRowFilter::SummaryRowFilter(const FilterExpression &filter) : m_filter(filter)
{
    if (m_filter.isEmpty()) {
        m_acceptsAll = true;
        return;
    }
    m_columns = m_filter.needsPayload() ? AllColumns : columnsOf(m_filter);
    m_perValue = !m_filter.needsPayload() && (m_columns & ~InternedColumns) == 0;
    m_oneColumn = m_columns != 0 && (m_columns & (m_columns - 1)) == 0;
    m_slots.assign(64, 0);
}

bool SummaryRowFilter::matches(const SummaryRow &row)
{
    if (m_acceptsAll)
        return true;
    if (!m_perValue)
        return evaluate(row);
    QByteArrayView key;
    if (m_oneColumn) {
        key = (m_columns & Column::TypeColumn)       ? row.type
                : (m_columns & Column::TeamColumn)   ? row.team
                : (m_columns & Column::SourceColumn) ? row.source
                                                     : row.status;
    } else {
        m_key.clear(); // keeps its capacity
        if (m_columns & Column::TypeColumn)
            appendKeyPart(m_key, row.type);
        if (m_columns & Column::TeamColumn)
            appendKeyPart(m_key, row.team);
        if (m_columns & Column::SourceColumn)
            appendKeyPart(m_key, row.source);
        if (m_columns & Column::StatusColumn)
            appendKeyPart(m_key, row.status);
        key = QByteArrayView(m_key.data(), qsizetype(m_key.size()));
    }
    const size_t hash = hashKey(key);
    const size_t mask = m_slots.size() - 1;
    for (size_t slot = hash & mask; m_slots[slot] != 0; slot = (slot + 1) & mask) {
        const quint32 index = m_slots[slot] - 1;
        if (QByteArrayView(m_keys[index]) == key)
            return m_verdicts[index];
    }
    const bool verdict = evaluate(row);
    remember(key, hash, verdict);
    return verdict;
}

void SummaryRowFilter::remember(QByteArrayView key, size_t hash, bool verdict)
{
    if (qsizetype(m_keys.size()) >= MaxVerdicts)
        return;
    m_keys.push_back(key.toByteArray());
    m_verdicts.push_back(verdict);
    if (m_keys.size() * 2 > m_slots.size()) {
        // Grow: rehash every key into twice the slots.
        m_slots.assign(m_slots.size() * 2, 0);
        const size_t mask = m_slots.size() - 1;
        for (quint32 i = 0; i < quint32(m_keys.size()); ++i) {
            size_t slot = hashKey(m_keys[i]) & mask;
            while (m_slots[slot] != 0)
                slot = (slot + 1) & mask;
            m_slots[slot] = i + 1;
        }
        return;
    }
    const size_t mask = m_slots.size() - 1;
    size_t slot = hash & mask;
    while (m_slots[slot] != 0)
        slot = (slot + 1) & mask;
    m_slots[slot] = quint32(m_keys.size());
}

bool SummaryRowFilter::evaluate(const SummaryRow &row)
{
    fill(row);
    return m_filter.matches(m_scratch);
}

void SummaryRowFilter::fill(const SummaryRow &row)
{
    m_scratch.id = row.id;
    m_scratch.receivedAt = row.receivedAt;
    m_scratch.occurredAt = row.occurredAt;
    m_scratch.size = row.size;
    // Only what the filter reads: the other fields stay empty (the scan does not even read
    // them when this runs inside it).
    const struct
    {
        quint32 column;
        QString EventSummary::*field;
        QByteArrayView SummaryRow::*bytes;
    } texts[] = {
        { Column::TypeColumn, &EventSummary::type, &SummaryRow::type },
        { Column::EventIdColumn, &EventSummary::eventId, &SummaryRow::eventId },
        { Column::TeamColumn, &EventSummary::team, &SummaryRow::team },
        { Column::ActorColumn, &EventSummary::actor, &SummaryRow::actor },
        { Column::EntityColumn, &EventSummary::entity, &SummaryRow::entity },
        { Column::SummaryColumn, &EventSummary::summary, &SummaryRow::summary },
        { Column::SourceColumn, &EventSummary::source, &SummaryRow::source },
        { Column::StatusColumn, &EventSummary::status, &SummaryRow::status },
    };
    for (const auto &text : texts) {
        if (m_columns & text.column)
            Utf8Text::assign(m_scratch.*text.field, row.*text.bytes);
    }
}

} // namespace Hookscope
