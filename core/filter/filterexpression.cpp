// SPDX-License-Identifier: MIT
#include "filterexpression.h"

#include <QDateTime>

#include "core/filter/filterparser.h"

// The facade over the filter language: the lexer (filterlexer.*), the parser (filterparser.*),
// the syntax tree (filternodes.h), globs (glob.h), times and numbers (filtervalues.*).

namespace Hookscope {

// ---------------------------------------------------------------------------------------
// FilterExpression
// ---------------------------------------------------------------------------------------

FilterExpression::FilterExpression() = default;

FilterExpression FilterExpression::parse(const QString &text, qint64 nowMs)
{
    FilterExpression result;
    result.m_text = text;
    if (nowMs == 0)
        nowMs = QDateTime::currentMSecsSinceEpoch();

    Filter::Parsed parsed = Filter::parse(text, nowMs);
    if (!parsed.error.isEmpty()) {
        result.m_error = parsed.error;
        result.m_errorColumn = int(parsed.errorPos) + 1;
        return result;
    }
    if (parsed.root) {
        result.m_needsPayload = parsed.root->needsPayload();
        result.m_bodyWords = std::move(parsed.bodyWords);
        result.m_hasComparisons = parsed.comparisons;
        result.m_hints = std::move(parsed.hints);
        result.m_root = std::shared_ptr<const Filter::Node>(std::move(parsed.root));
    }
    return result;
}

bool FilterExpression::isValid() const
{
    return m_error.isEmpty();
}

bool FilterExpression::isEmpty() const
{
    return !m_root;
}

QString FilterExpression::text() const
{
    return m_text;
}

QString FilterExpression::errorMessage() const
{
    return m_error;
}

int FilterExpression::errorColumn() const
{
    return m_errorColumn;
}

bool FilterExpression::needsPayload() const
{
    return m_needsPayload;
}

QStringList FilterExpression::hints() const
{
    return m_hints;
}

QStringList FilterExpression::bodyWords() const
{
    return m_bodyWords;
}

bool FilterExpression::hasPayloadComparisons() const
{
    return m_hasComparisons;
}

bool FilterExpression::matches(const EventSummary &event, const EventPayload *payload) const
{
    return !m_root || m_root->eval(event, Filter::Context{ payload, nullptr });
}

bool FilterExpression::matches(const EventSummary &event, const EventPayload *payload,
                               const BodyWordLookup &bodyHasWord) const
{
    if (!m_root)
        return true;
    return m_root->eval(event, Filter::Context{ payload, bodyHasWord ? &bodyHasWord : nullptr });
}

std::optional<bool> FilterExpression::matchWithoutPayload(const EventSummary &event) const
{
    if (!m_root)
        return true;
    switch (m_root->evalSummary(event)) {
    case Filter::Tri::True:
        return true;
    case Filter::Tri::False:
        return false;
    case Filter::Tri::Unknown:
        break;
    }
    return std::nullopt;
}

} // namespace Hookscope
