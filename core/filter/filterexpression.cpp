// SPDX-License-Identifier: MIT
#include "filterexpression.h"

#include <QDateTime>

#include <algorithm>
#include <iterator>

#include "core/filter/filterlexer.h"
#include "core/filter/filterparser.h"

using namespace Qt::StringLiterals;

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
        result.m_payloadComparisons = std::move(parsed.payloadComparisons);
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

quint32 FilterExpression::fields() const
{
    return m_root ? m_root->fields() : 0;
}

bool FilterExpression::isSingleWord() const
{
    return dynamic_cast<const Filter::WordNode *>(m_root.get()) != nullptr;
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

QList<FilterExpression::PayloadComparison> FilterExpression::payloadComparisons() const
{
    return m_payloadComparisons;
}

namespace {

bool onlyComparisons(const Filter::Node &node)
{
    if (dynamic_cast<const Filter::CompareNode *>(&node))
        return true;
    if (const auto *logic = dynamic_cast<const Filter::LogicNode *>(&node)) {
        for (const Filter::NodePtr &c : logic->children)
            if (!onlyComparisons(*c))
                return false;
        return true;
    }
    if (const auto *inverse = dynamic_cast<const Filter::NotNode *>(&node))
        return onlyComparisons(*inverse->child);
    return false;
}

using Ids = std::vector<qint64>;

// The ascending ids outside which `node` is surely false; nullopt: unbounded.
std::optional<Ids> candidatesOf(const Filter::Node &node,
                                const std::function<const Ids *(int index)> &holdsFor)
{
    if (const auto *compare = dynamic_cast<const Filter::CompareNode *>(&node)) {
        if (const Ids *ids = holdsFor(compare->index))
            return *ids;
        return std::nullopt;
    }
    const auto *logic = dynamic_cast<const Filter::LogicNode *>(&node);
    if (!logic)
        return std::nullopt; // NOT, and every term the summary or the words decide
    std::optional<Ids> result;
    for (const Filter::NodePtr &c : logic->children) {
        std::optional<Ids> ids = candidatesOf(*c, holdsFor);
        if (logic->kind == Filter::LogicNode::Kind::And) {
            if (!ids)
                continue; // this side bounds nothing; the others still do
            if (!result) {
                result = std::move(ids);
                continue;
            }
            Ids both;
            std::set_intersection(result->cbegin(), result->cend(), ids->cbegin(), ids->cend(),
                                  std::back_inserter(both));
            result = std::move(both);
        } else {
            if (!ids)
                return std::nullopt; // one unbounded side: the OR is unbounded
            if (!result) {
                result = std::move(ids);
                continue;
            }
            Ids either;
            std::set_union(result->cbegin(), result->cend(), ids->cbegin(), ids->cend(),
                           std::back_inserter(either));
            result = std::move(either);
        }
    }
    return result;
}

} // namespace

bool FilterExpression::hasOnlyPayloadComparisons() const
{
    return m_root && onlyComparisons(*m_root);
}

std::optional<std::vector<qint64>> FilterExpression::candidateIds(
        const std::function<const std::vector<qint64> *(int index)> &holdsFor) const
{
    if (!m_root)
        return std::nullopt;
    return candidatesOf(*m_root, holdsFor);
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

bool FilterExpression::matches(const EventSummary &event, const EventPayload *payload,
                               const BodyWordLookup &bodyHasWord,
                               const ComparisonLookup &comparisonHolds) const
{
    if (!m_root)
        return true;
    return m_root->eval(event,
                        Filter::Context{ payload, bodyHasWord ? &bodyHasWord : nullptr,
                                         comparisonHolds ? &comparisonHolds : nullptr });
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

// ---------------------------------------------------------------------------------------
// Editing filter text
// ---------------------------------------------------------------------------------------

namespace {

bool isReceivedTerm(const Filter::Token &t)
{
    return t.kind == Filter::TokenKind::Word && !t.segments.isEmpty() && !t.segments.front().quoted
            && t.segments.front().text.startsWith("received:"_L1, Qt::CaseInsensitive);
}

// Removes the top-level received: terms; *topLevelOr tells whether what is left has a
// top-level OR. nullopt when the text does not tokenize.
std::optional<QString> removeReceivedTerms(const QString &text, bool *topLevelOr = nullptr)
{
    Filter::ParseError error;
    const QList<Filter::Token> tokens = Filter::tokenize(text, error);
    if (error.isSet())
        return std::nullopt;
    using Filter::TokenKind;
    const auto isBinary = [](TokenKind k) { return k == TokenKind::Or || k == TokenKind::And; };
    std::vector<bool> drop(size_t(tokens.size()), false);
    int depth = 0;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const Filter::Token &t = tokens.at(i);
        if (t.kind == TokenKind::LParen)
            ++depth;
        else if (t.kind == TokenKind::RParen)
            depth = std::max(0, depth - 1);
        if (depth != 0 || !isReceivedTerm(t))
            continue;
        qsizetype first = i;
        while (first > 0 && tokens.at(first - 1).kind == TokenKind::Not)
            --first; // its negations go with it
        for (qsizetype k = first; k <= i; ++k)
            drop[size_t(k)] = true;
        // An operator between it and its neighbour would be left with one side.
        if (i + 1 < tokens.size() && isBinary(tokens.at(i + 1).kind))
            drop[size_t(i + 1)] = true;
        else if (first > 0 && isBinary(tokens.at(first - 1).kind))
            drop[size_t(first - 1)] = true;
    }
    QString out = text;
    for (qsizetype i = tokens.size() - 1; i >= 0; --i) {
        if (!drop[size_t(i)])
            continue;
        qsizetype end = tokens.at(i).end;
        while (end < out.size() && out.at(end).isSpace())
            ++end; // and the space after it
        out.remove(tokens.at(i).pos, end - tokens.at(i).pos);
    }
    if (topLevelOr) {
        *topLevelOr = false;
        depth = 0;
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const TokenKind k = tokens.at(i).kind;
            if (k == TokenKind::LParen)
                ++depth;
            else if (k == TokenKind::RParen)
                depth = std::max(0, depth - 1);
            else if (k == TokenKind::Or && depth == 0 && !drop[size_t(i)])
                *topLevelOr = true;
        }
    }
    return out.trimmed();
}

} // namespace

QString FilterExpression::receivedRangeTerm(qint64 fromMs, qint64 toMs)
{
    const auto iso = [](qint64 ms) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        return t.time().msec() ? t.toString(Qt::ISODateWithMs) : t.toString(Qt::ISODate);
    };
    return u"received:"_s + iso(fromMs) + u".."_s + iso(toMs);
}

QString FilterExpression::withoutReceivedRange(const QString &text)
{
    return removeReceivedTerms(text).value_or(text);
}

QString FilterExpression::withReceivedRange(const QString &text, qint64 fromMs, qint64 toMs)
{
    const QString term = receivedRangeTerm(fromMs, toMs);
    bool topLevelOr = false;
    const std::optional<QString> rest = removeReceivedTerms(text, &topLevelOr);
    if (!rest)
        return term; // the old text does not even tokenize: start afresh
    if (rest->isEmpty())
        return term;
    return (topLevelOr ? u'(' + *rest + u')' : *rest) + u' ' + term;
}

bool FilterExpression::hasTerm(const QString &text, const QString &term)
{
    Filter::ParseError error;
    const QList<Filter::Token> tokens = Filter::tokenize(text, error);
    for (const Filter::Token &t : tokens)
        if (t.kind == Filter::TokenKind::Word && t.spelling == term)
            return true;
    return false;
}

} // namespace Hookscope
