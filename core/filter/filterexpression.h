// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/events/event.h"
#include "core/events/eventpayload.h"

namespace Hookscope {

namespace Filter {
struct Node;
} // namespace Filter

// The one-line filter language of the event table (a friendlier Wireshark display filter).
//
//   expr    := or
//   or      := and { ("OR" | "||") and }            OR binds looser than AND
//   and     := unary { ["AND" | "&&"] unary }        juxtaposition means AND
//   unary   := ("-" | "!" | "NOT") unary | primary   '-'/'!' glued to the term: -ticket:*
//   primary := "(" or ")" | term
//
// Terms (a term ends at whitespace, '(' ')' '||' '&&' outside double quotes; "..." groups
// words, \" and \\ escape inside quotes; operators and ':' only count before the first quote):
//   key:value      key in type team source status actor entity id(eventId) summary:
//                  case-insensitive whole-string glob ('*' any run, '?' one character;
//                  quoted '*'/'?' are literal). summary: matches anywhere in the summary.
//   since:V until:V  V = 30s 15m 2h 7d 1w (also 1h30m) before now, or 2026-11-20 /
//                  2026-11-20T09:00:00Z / ...+01:00 (UTC without a zone). Compared with
//                  occurredAt, or receivedAt when occurredAt is 0. since: is inclusive;
//                  until:<date> includes that whole day.
//   received:A..B  when Hookscope received the event (not when it happened): at or after A
//                  and before B; either end may be left out (received:15m.. or
//                  received:..2026-11-20), and received:A alone means received:A.. . A and B
//                  are written like since:'s values; a date is its midnight UTC, so
//                  received:2026-11-20..2026-11-21 is that whole day. The sparkline's
//                  drag writes this term.
//   other:glob     any other word with ':' is a glob on the event type: ticket:*,
//                  custom-object:*:created (same as type:ticket:*).
//   path OP value  OP in = (also ==) != ~ > < >= <=; path starts with a letter and is
//                  resolved by EventPayload::value(). Numeric when both sides are numbers,
//                  by time when both are ISO-8601 dates, else case-insensitive text; ~ is
//                  "contains". A missing path fails every operator except != (which
//                  matches). An array matches when any element does (!=: when none equals).
//   word, "a b"    case-insensitive substring of type, eventId, team, actor, entity or
//                  summary; or, in the body as received, the term's words as consecutive
//                  body words, the last one only as the start of a word: refund finds
//                  "Refunded", "charged tw" finds "Charged twice", fund does not find
//                  refund. Words are runs of letters and digits, compared case- and
//                  accent-insensitively (BodyWords: the rules of the store's full-text
//                  index), so punctuation only separates words (invoice-1042 finds
//                  "invoice 1042"), '*' is no wildcard, and a term without letters or
//                  digits never matches a body.
// Keywords OR, AND, NOT are uppercase only. Empty input matches everything.
class FilterExpression final
{
public:
    FilterExpression(); // empty: matches everything

    // nowMs anchors relative times (since:15m); 0 means QDateTime::currentMSecsSinceEpoch().
    static FilterExpression parse(const QString &text, qint64 nowMs = 0);

    bool isValid() const; // false on a parse error
    bool isEmpty() const; // no terms (matches all); also true for an invalid expression
    QString text() const; // the source text
    QString errorMessage() const; // user-facing; empty when valid
    int errorColumn() const; // 1-based column of the error in text(), 0 when valid
    bool needsPayload() const; // true when any term needs the body (payload paths, bare words)
    // What the user probably meant where the text is valid but likely a typo ("'tema:' is not
    // a field…"); shown beside the bar, never an error.
    QStringList hints() const;
    // True when a term compares a JSON path: only parsing each body answers it. (Bare words
    // can also be answered by the store's full-text index.)
    bool hasPayloadComparisons() const;
    // The bare words and phrases, in the order they appear (their BodyWordLookup index).
    QStringList bodyWords() const;

    // What an expression reads of an event (fields()): a filter that reads only the type
    // can be decided once per distinct type.
    enum Field : quint32 {
        TypeField = 1U << 0,
        TeamField = 1U << 1,
        SourceField = 1U << 2,
        StatusField = 1U << 3,
        EventIdField = 1U << 4,
        ActorField = 1U << 5,
        EntityField = 1U << 6,
        SummaryTextField = 1U << 7,
        TimeField = 1U << 8, // occurredAt and receivedAt
        BodyField = 1U << 9, // payload comparisons, bare words' body side
    };
    // The Field flags of every term; 0 for an empty (or invalid) expression.
    quint32 fields() const;
    // True when the whole expression is one bare word or phrase (what is typed most).
    bool isSingleWord() const;

    // One `path OP value` term, as parsed: value is the text after the operator; number and
    // time are set when it reads as one (never both; neither for ~).
    enum class CompareOp : quint8 {
        Equal,
        NotEqual,
        Contains,
        Greater,
        Less,
        GreaterEqual,
        LessEqual
    };
    struct PayloadComparison
    {
        QString path;
        CompareOp op = CompareOp::Equal;
        QString value;
        std::optional<double> number;
        std::optional<qint64> time;
    };
    // The payload comparisons, in the order they appear (their ComparisonLookup index).
    QList<PayloadComparison> payloadComparisons() const;
    // True when every term is a payload comparison: then the verdict depends on nothing
    // else (not on the summary), given the comparisons' answers.
    bool hasOnlyPayloadComparisons() const;
    // Says whether payload comparison number `index` holds for the event, from elsewhere than
    // the payload: the store's field index (FieldIndex), which follows CompareNode's rules.
    using ComparisonLookup = std::function<bool(int index)>;
    // Which events can match at all, given for each payload comparison the ascending ids of
    // the events where it holds (nullptr: not known, or "every event but these", as for !=):
    // the ascending ids outside which the expression is surely false, or nullopt when that
    // is not bounded (an OR with an unbounded side, NOT, any other term at the top).
    std::optional<std::vector<qint64>>
    candidateIds(const std::function<const std::vector<qint64> *(int index)> &holdsFor) const;

    // Says whether bare word number `index` (of bodyWords()) is in the event's body, from
    // elsewhere than the payload: the store's full-text index. It must follow BodyWords'
    // rules (a prefix phrase query on FTS5 unicode61 does).
    using BodyWordLookup = std::function<bool(int index)>;

    // payload may be nullptr: then payload comparisons are evaluated as if the path is
    // missing and bare words only look at the summary fields. An invalid or empty
    // expression matches everything.
    bool matches(const EventSummary &event, const EventPayload *payload = nullptr) const;
    // The same, with bare words answered by bodyHasWord (when set) instead of the payload.
    bool matches(const EventSummary &event, const EventPayload *payload,
                 const BodyWordLookup &bodyHasWord) const;
    // The same, with payload comparisons answered by comparisonHolds (when set) instead of
    // the payload.
    bool matches(const EventSummary &event, const EventPayload *payload,
                 const BodyWordLookup &bodyHasWord, const ComparisonLookup &comparisonHolds) const;

    // Cheap prefilter on the summary alone: true/false when that already decides the
    // result of matches(event, payload) for any payload, std::nullopt when the body has to
    // be loaded. Never nullopt when needsPayload() is false.
    std::optional<bool> matchWithoutPayload(const EventSummary &event) const;

    // Editing filter text (the sparkline's selection). The term for [fromMs, toMs):
    // "received:2026-11-20T09:00:00Z..2026-11-20T09:05:00Z".
    static QString receivedRangeTerm(qint64 fromMs, qint64 toMs);
    // `text` with its top-level received: terms removed (with a NOT or an AND/OR that would be
    // left dangling); text that does not tokenize is returned as it is.
    static QString withoutReceivedRange(const QString &text);
    // `text` restricted to [fromMs, toMs): its top-level received: terms replaced by
    // receivedRangeTerm(); the rest is parenthesised when it has a top-level OR, so the range
    // applies to all of it.
    static QString withReceivedRange(const QString &text, qint64 fromMs, qint64 toMs);
    // Whether `term` is one of the terms of `text` exactly as written (outside quotes).
    static bool hasTerm(const QString &text, const QString &term);

private:
    std::shared_ptr<const Filter::Node> m_root; // null: no terms
    QString m_text;
    QString m_error;
    int m_errorColumn = 0;
    bool m_needsPayload = false;
    bool m_hasComparisons = false;
    QStringList m_bodyWords;
    QList<PayloadComparison> m_payloadComparisons;
    QStringList m_hints;
};

} // namespace Hookscope
