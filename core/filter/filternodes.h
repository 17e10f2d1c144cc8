// SPDX-License-Identifier: MIT
#pragma once

// The filter language's syntax tree. Each node evaluates itself on an event's summary and,
// when it needs one, its payload (EventPayload) or the store's full-text index. Methods are
// defined in the class: they run once per row and per node, so they stay inlinable.

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

#include "core/events/event.h"
#include "core/events/eventpayload.h"
#include "core/events/jsonpath.h"
#include "core/filter/bodywords.h"
#include "core/filter/filterexpression.h"
#include "core/filter/filtervalues.h"
#include "core/filter/glob.h"

namespace Hookscope::Filter {

enum class Tri : quint8 { False, True, Unknown };

// What a full evaluation may look at besides the summary.
struct Context
{
    const EventPayload *payload = nullptr;
    // Answers bare words from elsewhere (the full-text index); null: from the payload.
    const FilterExpression::BodyWordLookup *bodyHasWord = nullptr;
    // Answers payload comparisons from elsewhere (the store's field index); null: from the
    // payload.
    const FilterExpression::ComparisonLookup *comparisonHolds = nullptr;
};

struct Node
{
    Node() = default;
    Node(const Node &) = delete;
    Node &operator=(const Node &) = delete;
    virtual ~Node() = default;

    virtual bool eval(const EventSummary &e, const Context &ctx) const = 0;
    virtual Tri evalSummary(const EventSummary &e) const = 0;
    virtual bool needsPayload() const = 0;
    // What the node reads (FilterExpression::Field flags).
    virtual quint32 fields() const = 0;
};

using NodePtr = std::unique_ptr<Node>;

// AND and OR: the same walk, differing only in the value that decides early (false for
// AND, true for OR).
struct LogicNode final : Node
{
    enum class Kind : quint8 { And, Or };
    explicit LogicNode(Kind k) : kind(k) { }

    Kind kind;
    std::vector<NodePtr> children;

    bool eval(const EventSummary &e, const Context &ctx) const override
    {
        const bool decisive = kind == Kind::Or;
        for (const NodePtr &c : children)
            if (c->eval(e, ctx) == decisive)
                return decisive;
        return !decisive;
    }
    Tri evalSummary(const EventSummary &e) const override
    {
        const Tri decisive = kind == Kind::Or ? Tri::True : Tri::False;
        Tri result = kind == Kind::Or ? Tri::False : Tri::True;
        for (const NodePtr &c : children) {
            const Tri t = c->evalSummary(e);
            if (t == decisive)
                return decisive;
            if (t == Tri::Unknown)
                result = Tri::Unknown;
        }
        return result;
    }
    bool needsPayload() const override
    {
        for (const NodePtr &c : children)
            if (c->needsPayload())
                return true;
        return false;
    }
    quint32 fields() const override
    {
        quint32 all = 0;
        for (const NodePtr &c : children)
            all |= c->fields();
        return all;
    }
};

struct NotNode final : Node
{
    NodePtr child;

    bool eval(const EventSummary &e, const Context &ctx) const override
    {
        return !child->eval(e, ctx);
    }
    Tri evalSummary(const EventSummary &e) const override
    {
        switch (child->evalSummary(e)) {
        case Tri::True:
            return Tri::False;
        case Tri::False:
            return Tri::True;
        case Tri::Unknown:
            break;
        }
        return Tri::Unknown;
    }
    bool needsPayload() const override { return child->needsPayload(); }
    quint32 fields() const override { return child->fields(); }
};

// type:, team:, source:, status:, actor:, entity:, id:, summary: and bare type globs.
struct FieldNode final : Node
{
    QString EventSummary::*field = nullptr;
    Glob glob;

    // The team cell of an installation notice names every team, comma-separated
    // ("T123NHFDRF,T456QWERTY"): team:T123NHFDRF matches it when one of them does.
    bool test(const EventSummary &e) const
    {
        const QString &value = e.*field;
        if (glob.matches(value))
            return true;
        if (field != &EventSummary::team || !value.contains(u','))
            return false;
        for (QStringView team : QStringView(value).split(u','))
            if (glob.matches(team.trimmed()))
                return true;
        return false;
    }
    bool eval(const EventSummary &e, const Context &) const override { return test(e); }
    Tri evalSummary(const EventSummary &e) const override
    {
        return test(e) ? Tri::True : Tri::False;
    }
    bool needsPayload() const override { return false; }
    quint32 fields() const override
    {
        using F = FilterExpression;
        if (field == &EventSummary::type)
            return F::TypeField;
        if (field == &EventSummary::team)
            return F::TeamField;
        if (field == &EventSummary::source)
            return F::SourceField;
        if (field == &EventSummary::status)
            return F::StatusField;
        if (field == &EventSummary::eventId)
            return F::EventIdField;
        if (field == &EventSummary::actor)
            return F::ActorField;
        if (field == &EventSummary::entity)
            return F::EntityField;
        return F::SummaryTextField;
    }
};

// since: / until: (the event's time) and received: (when it arrived), resolved to absolute
// bounds at parse time. Inclusive lower bound, exclusive or inclusive upper bound.
struct TimeNode final : Node
{
    qint64 bound = 0;
    enum class Kind : quint8 { AtOrAfter, AtOrBefore, Before } kind = Kind::AtOrAfter;
    bool byReceived = false; // received: compares receivedAt only

    bool test(const EventSummary &e) const
    {
        const qint64 t = byReceived ? e.receivedAt : eventTime(e);
        switch (kind) {
        case Kind::AtOrAfter:
            return t >= bound;
        case Kind::AtOrBefore:
            return t <= bound;
        case Kind::Before:
            return t < bound;
        }
        return false;
    }
    bool eval(const EventSummary &e, const Context &) const override { return test(e); }
    Tri evalSummary(const EventSummary &e) const override
    {
        return test(e) ? Tri::True : Tri::False;
    }
    bool needsPayload() const override { return false; }
    quint32 fields() const override { return FilterExpression::TimeField; }
};

using CompareOp = FilterExpression::CompareOp;

struct CompareNode final : Node
{
    QString path;
    CompareOp op = CompareOp::Equal;
    QString value;
    std::optional<double> number;
    std::optional<qint64> time;
    // Lowercase ASCII that the raw body must contain for = or ~ to hold (see rawNeedleFor);
    // empty: no such shortcut.
    QByteArray rawNeedle;
    int index = 0; // position among the expression's payloadComparisons()

    bool scalarMatches(const QJsonValue &v) const
    {
        const QString text = JsonPath::toText(v);
        if (op == CompareOp::Contains)
            return text.contains(value, Qt::CaseInsensitive);

        int order = 0; // <0, 0, >0: actual relative to the filter value
        bool ordered = false;
        if (number) {
            std::optional<double> actual;
            if (v.isDouble())
                actual = v.toDouble();
            else if (v.isString())
                actual = parseNumber(text);
            if (actual) {
                order = *actual < *number ? -1 : (*actual > *number ? 1 : 0);
                ordered = true;
            }
        }
        if (!ordered && time && v.isString()) {
            if (const std::optional<qint64> actual = parseIsoTime(text)) {
                order = *actual < *time ? -1 : (*actual > *time ? 1 : 0);
                ordered = true;
            }
        }
        if (!ordered)
            order = QString::compare(text, value, Qt::CaseInsensitive);

        switch (op) {
        case CompareOp::Equal:
            return order == 0;
        case CompareOp::NotEqual:
            return order != 0;
        case CompareOp::Greater:
            return order > 0;
        case CompareOp::Less:
            return order < 0;
        case CompareOp::GreaterEqual:
            return order >= 0;
        case CompareOp::LessEqual:
            return order <= 0;
        case CompareOp::Contains:
            break;
        }
        return false;
    }

    bool eval(const EventSummary &, const Context &ctx) const override
    {
        if (ctx.comparisonHolds)
            return (*ctx.comparisonHolds)(index);
        const EventPayload *payload = ctx.payload;
        if (!payload)
            return op == CompareOp::NotEqual;
        if (!rawNeedle.isEmpty() && !payload->mayContainAscii(rawNeedle))
            return false; // saves parsing the body
        const QJsonValue v = payload->value(path);
        if (v.isUndefined())
            return op == CompareOp::NotEqual;
        if (v.isArray()) {
            // An array matches when any element does; != means "no element equals".
            const QJsonArray array = v.toArray();
            if (op == CompareOp::NotEqual) {
                for (const QJsonValue &item : array)
                    if (!scalarMatches(item))
                        return false;
                return true;
            }
            for (const QJsonValue &item : array)
                if (scalarMatches(item))
                    return true;
            return false;
        }
        return scalarMatches(v);
    }
    Tri evalSummary(const EventSummary &) const override { return Tri::Unknown; }
    bool needsPayload() const override { return true; }
    quint32 fields() const override { return FilterExpression::BodyField; }
};

// Bare words and quoted phrases: a substring of a summary field, or the same words in a row
// in the body (BodyWords rules; the last one may be the start of a longer word).
struct WordNode final : Node
{
    QString needle;
    QString asciiLower; // needle in lowercase when it is ASCII (the fast path), else empty
    QStringList phrase; // needle's words, folded; empty: it has none and cannot be in a body
    int index = 0; // position among the expression's bare words (BodyWordLookup)

    // QString::contains(needle, Qt::CaseInsensitive), faster for an ASCII needle: a table
    // filter runs this on every row. Non-ASCII text (which may fold to ASCII: K, ſ) goes the
    // general way.
    bool contains(QStringView text) const
    {
        if (asciiLower.isEmpty())
            return text.contains(needle, Qt::CaseInsensitive);
        const qsizetype m = asciiLower.size();
        const char16_t *n = QStringView(asciiLower).utf16();
        const char16_t *t = text.utf16();
        const qsizetype last = text.size() - m;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = t[i];
            if (c >= 0x80)
                return text.contains(needle, Qt::CaseInsensitive);
            if (i > last || foldChar(QChar(c)).unicode() != n[0])
                continue;
            qsizetype k = 1;
            while (k < m && t[i + k] < 0x80 && foldChar(QChar(t[i + k])).unicode() == n[k])
                ++k;
            if (k == m)
                return true;
            if (t[i + k] >= 0x80)
                return text.contains(needle, Qt::CaseInsensitive);
        }
        return false;
    }
    bool inSummary(const EventSummary &e) const
    {
        return contains(e.type) || contains(e.eventId) || contains(e.team) || contains(e.actor)
                || contains(e.entity) || contains(e.summary);
    }
    bool inBody(const Context &ctx) const
    {
        if (phrase.isEmpty())
            return false;
        if (ctx.bodyHasWord)
            return (*ctx.bodyHasWord)(index);
        return ctx.payload && ctx.payload->words().containsPhrase(phrase);
    }
    bool eval(const EventSummary &e, const Context &ctx) const override
    {
        return inSummary(e) || inBody(ctx);
    }
    Tri evalSummary(const EventSummary &e) const override
    {
        return inSummary(e) ? Tri::True : Tri::Unknown;
    }
    bool needsPayload() const override { return true; }
    quint32 fields() const override
    {
        using F = FilterExpression;
        return F::TypeField | F::EventIdField | F::TeamField | F::ActorField | F::EntityField
                | F::SummaryTextField | F::BodyField;
    }
};

} // namespace Hookscope::Filter
