// SPDX-License-Identifier: MIT
// One thing, longer than most files: the filter language's parser (operators and nesting,
// field terms, type globs, comparisons, times) with the messages and typo hints it gives.
#include "filterparser.h"

#include "core/filter/filterlexer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Hookscope::Filter {

namespace {

struct FieldKey
{
    QLatin1StringView name;
    QString EventSummary::*field;
};

static constexpr FieldKey fieldKeys[] = {
    { "type"_L1, &EventSummary::type },     { "team"_L1, &EventSummary::team },
    { "source"_L1, &EventSummary::source }, { "status"_L1, &EventSummary::status },
    { "actor"_L1, &EventSummary::actor },   { "entity"_L1, &EventSummary::entity },
    { "id"_L1, &EventSummary::eventId },    { "summary"_L1, &EventSummary::summary },
};

// When = or ~ can only hold if the body's raw text contains the value: then bodies without
// it need no parsing (EventPayload::mayContainAscii answers "surely not" only for plain-ASCII
// bodies without a backslash, where every string of the JSON appears as written). That holds
// for an ASCII value compared as text with a string, true/false, or (for ~) inside an
// object's compact JSON, as long as it cannot match a number's reformatted digits (1e3 is
// "1000") or JSON punctuation that compact output may lay out differently.
static QByteArray rawNeedleFor(const CompareNode &node)
{
    const QString &value = node.value;
    if (value.isEmpty() || node.number || node.time)
        return {};
    bool numberChars = true;
    for (QChar c : value) {
        if (c.unicode() >= 0x80)
            return {};
        if (!isDigit(c) && c != u'.' && c != u'e' && c != u'E' && c != u'+' && c != u'-')
            numberChars = false;
    }
    switch (node.op) {
    case CompareOp::Equal:
        // An object or array equals its compact JSON only; numbers only numbers (excluded above).
        if (value.front() == u'{' || value.front() == u'[')
            return {};
        break;
    case CompareOp::Contains:
        if (numberChars)
            return {};
        for (QChar c : value)
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u'"' || c == u':'
                || c == u',')
                return {};
        break;
    default:
        return {};
    }
    return value.toLatin1().toLower();
}

// The field name `key` is a typo of (one or two letters changed, added, left out or swapped),
// unless `key` is an event type family itself; empty otherwise.
static QString nearFieldName(QStringView key)
{
    static const QLatin1StringView families[] = {
        "ticket"_L1, "account"_L1, "user"_L1,          "organization"_L1, "custom-object"_L1,
        "app"_L1,    "request"_L1, "interactivity"_L1, "unknown"_L1
    };
    for (QLatin1StringView family : families)
        if (key.compare(family, Qt::CaseInsensitive) == 0
            || key.startsWith("account-"_L1, Qt::CaseInsensitive))
            return {};
    const QString k = key.toString().toLower();
    for (const FieldKey &fk : fieldKeys) {
        const QString f = fk.name;
        // Damerau-Levenshtein distance (optimal string alignment), small strings only.
        const qsizetype n = k.size(), m = f.size();
        if (qAbs(n - m) > 2)
            continue;
        std::vector<std::vector<int>> d(size_t(n + 1), std::vector<int>(size_t(m + 1)));
        for (qsizetype i = 0; i <= n; ++i)
            d[size_t(i)][0] = int(i);
        for (qsizetype j = 0; j <= m; ++j)
            d[0][size_t(j)] = int(j);
        for (qsizetype i = 1; i <= n; ++i) {
            for (qsizetype j = 1; j <= m; ++j) {
                const int cost = k.at(i - 1) == f.at(j - 1) ? 0 : 1;
                int v = std::min({ d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                                   d[size_t(i - 1)][size_t(j - 1)] + cost });
                if (i > 1 && j > 1 && k.at(i - 1) == f.at(j - 2) && k.at(i - 2) == f.at(j - 1))
                    v = std::min(v, d[size_t(i - 2)][size_t(j - 2)] + 1);
                d[size_t(i)][size_t(j)] = v;
            }
        }
        const int distance = d[size_t(n)][size_t(m)];
        if (distance > 0 && distance <= (m <= 4 ? 1 : 2))
            return f;
    }
    return {};
}

static bool isPathStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'$';
}

static bool isPathChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c == u'.' || c == u'[' || c == u']'
            || c == u'-' || c == u'@';
}

class Parser final
{
public:
    Parser(const QString &text, QList<Token> tokens, qint64 nowMs, ParseError &error)
        : m_text(text), m_tokens(std::move(tokens)), m_now(nowMs), m_error(error)
    {
    }

    NodePtr parseAll()
    {
        if (m_tokens.isEmpty())
            return nullptr;
        NodePtr root = parseOr();
        if (!root)
            return nullptr;
        if (m_index < m_tokens.size()) {
            const Token &t = m_tokens.at(m_index);
            if (t.kind == TokenKind::RParen)
                fail(u"unexpected ')' without a matching '('"_s, t.pos);
            else
                fail(u"unexpected '%1'"_s.arg(t.spelling), t.pos);
            return nullptr;
        }
        return root;
    }

private:
    const Token *peek() const
    {
        return m_index < m_tokens.size() ? &m_tokens.at(m_index) : nullptr;
    }
    int m_depth = 0;

    NodePtr fail(const QString &message, qsizetype pos)
    {
        m_error.set(message, pos);
        return nullptr;
    }

    // Is the next token the start of a term (so that AND may be implied)?
    bool atTermStart() const
    {
        const Token *t = peek();
        return t
                && (t->kind == TokenKind::Word || t->kind == TokenKind::LParen
                    || t->kind == TokenKind::Not);
    }

    NodePtr parseOr()
    {
        const Token *first = peek();
        if (first && first->kind == TokenKind::Or)
            return fail(u"%1 needs a term on both sides"_s.arg(first->spelling), first->pos);
        NodePtr left = parseAnd();
        if (!left)
            return nullptr;
        std::vector<NodePtr> children;
        children.push_back(std::move(left));
        while (const Token *t = peek()) {
            if (t->kind != TokenKind::Or)
                break;
            const Token &orToken = *t;
            ++m_index;
            if (!atTermStart())
                return fail(u"%1 needs a term on both sides"_s.arg(orToken.spelling), orToken.pos);
            NodePtr right = parseAnd();
            if (!right)
                return nullptr;
            children.push_back(std::move(right));
        }
        if (children.size() == 1)
            return std::move(children.front());
        auto node = std::make_unique<LogicNode>(LogicNode::Kind::Or);
        node->children = std::move(children);
        return node;
    }

    NodePtr parseAnd()
    {
        const Token *first = peek();
        if (first && first->kind == TokenKind::And)
            return fail(u"%1 needs a term on both sides"_s.arg(first->spelling), first->pos);
        NodePtr left = parseUnary();
        if (!left)
            return nullptr;
        std::vector<NodePtr> children;
        children.push_back(std::move(left));
        while (const Token *t = peek()) {
            if (t->kind == TokenKind::And) {
                const Token &andToken = *t;
                ++m_index;
                if (!atTermStart())
                    return fail(u"%1 needs a term on both sides"_s.arg(andToken.spelling),
                                andToken.pos);
            } else if (!atTermStart()) {
                break;
            }
            NodePtr right = parseUnary();
            if (!right)
                return nullptr;
            children.push_back(std::move(right));
        }
        if (children.size() == 1)
            return std::move(children.front());
        auto node = std::make_unique<LogicNode>(LogicNode::Kind::And);
        node->children = std::move(children);
        return node;
    }

    NodePtr parseUnary()
    {
        // Nesting (parentheses, negations) recurses: bound it, so a hostile expression gets an
        // error instead of exhausting the stack.
        constexpr int MaxDepth = 200;
        const Token *t = peek();
        if (m_depth >= MaxDepth)
            return fail(
                    u"the expression is nested too deeply (more than %1 levels)"_s.arg(MaxDepth),
                    t ? t->pos : m_text.size());
        ++m_depth;
        NodePtr result = parseUnaryAtDepth();
        --m_depth;
        return result;
    }

    NodePtr parseUnaryAtDepth()
    {
        const Token *t = peek();
        if (t && t->kind == TokenKind::Not) {
            const Token &notToken = *t;
            ++m_index;
            if (!atTermStart()) {
                if (notToken.spelling == "NOT"_L1)
                    return fail(u"NOT needs a term after it"_s, notToken.pos);
                return fail(u"'%1' needs a term right after it"_s.arg(notToken.spelling),
                            notToken.pos);
            }
            NodePtr child = parseUnary();
            if (!child)
                return nullptr;
            auto node = std::make_unique<NotNode>();
            node->child = std::move(child);
            return node;
        }
        return parsePrimary();
    }

    NodePtr parsePrimary()
    {
        const Token *t = peek();
        if (!t)
            return fail(u"expected a term"_s, m_text.size());
        switch (t->kind) {
        case TokenKind::LParen: {
            const qsizetype open = t->pos;
            ++m_index;
            const Token *next = peek();
            if (next && next->kind == TokenKind::RParen)
                return fail(u"empty parentheses: put a term between '(' and ')'"_s, open);
            if (!next)
                return fail(u"missing ')'"_s, open);
            NodePtr inner = parseOr();
            if (!inner)
                return nullptr;
            const Token *close = peek();
            if (!close || close->kind != TokenKind::RParen)
                return fail(u"missing ')'"_s, open);
            ++m_index;
            return inner;
        }
        case TokenKind::RParen:
            return fail(u"unexpected ')' without a matching '('"_s, t->pos);
        case TokenKind::Or:
        case TokenKind::And:
            return fail(u"%1 needs a term on both sides"_s.arg(t->spelling), t->pos);
        case TokenKind::Not:
            return parseUnary();
        case TokenKind::Word:
            break;
        }
        const Token &word = *t;
        ++m_index;
        return parseTerm(word);
    }

    // Splits one word into a field term, a type glob, a comparison or a bare word.
    NodePtr parseTerm(const Token &word)
    {
        const QList<Segment> &segs = word.segments;
        // Operators and ':' count only in the unquoted text before the first quote.
        const QString lead = segs.front().quoted ? QString() : segs.front().text;
        qsizetype opPos = -1, opLen = 0;
        CompareOp op = CompareOp::Equal;
        qsizetype colon = -1;
        for (qsizetype k = 0; k < lead.size(); ++k) {
            const QChar c = lead.at(k);
            const QChar next = k + 1 < lead.size() ? lead.at(k + 1) : QChar();
            if (c == u':') {
                colon = k;
                break;
            }
            if (c == u'=') {
                opPos = k;
                opLen = next == u'=' ? 2 : 1; // "==" is "=" for Wireshark fingers
                op = CompareOp::Equal;
            } else if (c == u'!' && next == u'=') {
                opPos = k;
                opLen = 2;
                op = CompareOp::NotEqual;
            } else if (c == u'~') {
                opPos = k;
                opLen = 1;
                op = CompareOp::Contains;
            } else if (c == u'>' || c == u'<') {
                opPos = k;
                opLen = next == u'=' ? 2 : 1;
                if (c == u'>')
                    op = opLen == 2 ? CompareOp::GreaterEqual : CompareOp::Greater;
                else
                    op = opLen == 2 ? CompareOp::LessEqual : CompareOp::Less;
            }
            if (opPos >= 0)
                break;
        }

        if (opPos >= 0)
            return parseComparison(word, lead, opPos, opLen, op);
        if (colon >= 0)
            return parseColonTerm(word, lead, colon);

        auto node = std::make_unique<WordNode>();
        for (const Segment &s : segs)
            node->needle += s.text;
        node->phrase = BodyWords::split(node->needle);
        bool ascii = !node->needle.isEmpty();
        for (QChar c : std::as_const(node->needle))
            ascii = ascii && c.unicode() < 0x80;
        if (ascii)
            node->asciiLower = node->needle.toLower();
        node->index = int(m_bodyWords.size());
        m_bodyWords.append(node->needle);
        return node;
    }

    // The value part of a word after position `from` of its leading segment.
    struct Value
    {
        QString text;
        bool quoted = false; // any part of it was quoted (so an empty value is deliberate)
        qsizetype pos = 0; // source position where the value starts
    };

    static Value valueAfter(const Token &word, qsizetype from)
    {
        Value v;
        const QList<Segment> &segs = word.segments;
        v.text = segs.front().text.mid(from);
        v.pos = segs.front().pos + from;
        for (qsizetype k = 1; k < segs.size(); ++k) {
            v.text += segs.at(k).text;
            v.quoted = v.quoted || segs.at(k).quoted;
        }
        return v;
    }

    // Fills `glob` from the word's text after `from`: unquoted '*'/'?' are wildcards.
    static void globAfter(const Token &word, qsizetype from, Glob &glob)
    {
        const QList<Segment> &segs = word.segments;
        for (qsizetype k = 0; k < segs.size(); ++k) {
            const Segment &s = segs.at(k);
            const QStringView text = k == 0 ? QStringView(s.text).mid(from) : QStringView(s.text);
            if (s.quoted)
                glob.appendLiteral(text);
            else
                glob.appendWild(text);
        }
    }

    NodePtr parseComparison(const Token &word, const QString &lead, qsizetype opPos,
                            qsizetype opLen, CompareOp op)
    {
        const qsizetype opSource = word.segments.front().pos + opPos;
        const QString opText = lead.mid(opPos, opLen);
        const QString path = lead.left(opPos);
        if (path.isEmpty())
            return fail(u"expected a JSON path before '%1', like payload.ticket.priorityName"_s.arg(
                                opText),
                        opSource);
        if (!isPathStart(path.front()))
            return fail(
                    u"'%1' is not a JSON path: paths start with a letter (quote the text to search for it)"_s
                            .arg(path),
                    word.pos);
        for (qsizetype k = 1; k < path.size(); ++k)
            if (!isPathChar(path.at(k)))
                return fail(
                        u"unexpected '%1' in the JSON path '%2'"_s.arg(QString(path.at(k)), path),
                        word.pos + k);

        const Value value = valueAfter(word, opPos + opLen);
        if (value.text.isEmpty() && !value.quoted)
            return fail(u"expected a value after '%1'"_s.arg(opText), opSource);
        // ">>", "=<", "~=": a typo, not a value that starts with an operator (quote it for that).
        if (!word.segments.front().quoted && opPos + opLen < lead.size()
            && u"=<>!~"_s.contains(lead.at(opPos + opLen)))
            return fail(u"'%1' is not an operator: use = != ~ > < >= <= (quote a value that starts "
                        "with one)"_s.arg(lead.mid(opPos, opLen + 1)),
                        opSource);

        auto node = std::make_unique<CompareNode>();
        m_comparisons = true;
        node->path = path;
        node->op = op;
        node->value = value.text;
        if (op != CompareOp::Contains) {
            node->number = parseNumber(value.text);
            if (!node->number)
                node->time = parseIsoTime(value.text);
        }
        node->rawNeedle = rawNeedleFor(*node);
        node->index = int(m_payloadComparisons.size());
        m_payloadComparisons.append(
                { node->path, node->op, node->value, node->number, node->time });
        return node;
    }

    NodePtr parseColonTerm(const Token &word, const QString &lead, qsizetype colon)
    {
        const QStringView key = QStringView(lead).left(colon);
        if (key.isEmpty())
            return fail(u"expected a field or an event type before ':'"_s, word.pos);

        if (key.compare("since"_L1, Qt::CaseInsensitive) == 0
            || key.compare("until"_L1, Qt::CaseInsensitive) == 0)
            return parseTime(word, key.compare("since"_L1, Qt::CaseInsensitive) == 0, colon);
        if (key.compare("received"_L1, Qt::CaseInsensitive) == 0)
            return parseReceived(word, colon);

        for (const FieldKey &fk : fieldKeys) {
            if (key.compare(fk.name, Qt::CaseInsensitive) != 0)
                continue;
            const Value value = valueAfter(word, colon + 1);
            if (value.text.isEmpty() && !value.quoted)
                return fail(u"expected a value after '%1:'"_s.arg(key), word.pos + colon);
            auto node = std::make_unique<FieldNode>();
            node->field = fk.field;
            globAfter(word, colon + 1, node->glob);
            if (fk.field == &EventSummary::summary)
                node->glob.makeContains(); // summaries are sentences: look inside them
            node->glob.compile();
            return node;
        }

        // Any other prefix: the whole word is a glob on the event type. A prefix that is a
        // field name with a typo (tema:, staus:) most likely meant the field: say so.
        if (const QString field = nearFieldName(key); !field.isEmpty())
            m_hints.append(
                    u"'%1:' is not a field, so this is an event type glob: did you mean '%2:'?"_s
                            .arg(key.toString(), field));
        auto node = std::make_unique<FieldNode>();
        node->field = &EventSummary::type;
        globAfter(word, 0, node->glob);
        node->glob.compile();
        return node;
    }

    NodePtr parseTime(const Token &word, bool since, qsizetype colon)
    {
        const Value value = valueAfter(word, colon + 1);
        const QString key = since ? u"since"_s : u"until"_s;
        if (value.text.isEmpty() && !value.quoted)
            return fail(u"expected a time after '%1:' — use 15m, 2h, 7d or a date"_s.arg(key),
                        word.pos + colon);
        const QString trimmed = value.text.trimmed();
        auto node = std::make_unique<TimeNode>();
        if (const std::optional<qint64> ago = parseDuration(trimmed)) {
            node->bound = m_now - *ago;
            node->kind = since ? TimeNode::Kind::AtOrAfter : TimeNode::Kind::AtOrBefore;
            return node;
        }
        bool dateOnly = false;
        if (const std::optional<qint64> at = parseIsoTime(trimmed, &dateOnly)) {
            if (since) {
                node->bound = *at;
                node->kind = TimeNode::Kind::AtOrAfter;
            } else if (dateOnly) {
                node->bound = *at + 24LL * 60 * 60 * 1000; // until a day includes that day
                node->kind = TimeNode::Kind::Before;
            } else {
                node->bound = *at;
                node->kind = TimeNode::Kind::AtOrBefore;
            }
            return node;
        }
        return fail(u"unknown time '%1' — use 15m, 2h, 7d or a date"_s.arg(word.spelling),
                    value.pos);
    }

    // received:FROM..TO (FROM inclusive, TO exclusive; either may be left out) or
    // received:FROM. A bound is a duration before now or an ISO date/time (a date is its
    // midnight, UTC).
    NodePtr parseReceived(const Token &word, qsizetype colon)
    {
        const Value value = valueAfter(word, colon + 1);
        const QString usage = u"use received:15m, received:FROM..TO with times like 2h or "
                              "2026-11-20T09:00:00Z"_s;
        const QString text = value.text.trimmed();
        if (text.isEmpty())
            return fail(u"expected a time after 'received:' — %1"_s.arg(usage), word.pos + colon);
        const qsizetype dots = text.indexOf(".."_L1);
        const QString from = dots < 0 ? text : text.left(dots).trimmed();
        const QString to = dots < 0 ? QString() : text.mid(dots + 2).trimmed();
        if (from.isEmpty() && to.isEmpty())
            return fail(u"expected a time before or after '..' — %1"_s.arg(usage), value.pos);
        const auto bound = [this](const QString &s) -> std::optional<qint64> {
            if (const std::optional<qint64> ago = parseDuration(s))
                return m_now - *ago;
            return parseIsoTime(s);
        };
        std::vector<NodePtr> children;
        for (const auto &[side, kind] : { std::pair{ from, TimeNode::Kind::AtOrAfter },
                                          std::pair{ to, TimeNode::Kind::Before } }) {
            if (side.isEmpty())
                continue;
            const std::optional<qint64> at = bound(side);
            if (!at)
                return fail(u"unknown time '%1' — %2"_s.arg(side, usage), value.pos);
            auto node = std::make_unique<TimeNode>();
            node->bound = *at;
            node->kind = kind;
            node->byReceived = true;
            children.push_back(std::move(node));
        }
        if (children.size() == 1)
            return std::move(children.front());
        auto both = std::make_unique<LogicNode>(LogicNode::Kind::And);
        both->children = std::move(children);
        return both;
    }

    const QString &m_text;
    QList<Token> m_tokens;
    qsizetype m_index = 0;
    qint64 m_now = 0;
    ParseError &m_error;

public:
    QStringList m_bodyWords; // needles of the WordNodes, by index
    QStringList m_hints; // what the user probably meant (the text is still valid)
    bool m_comparisons = false;
    QList<FilterExpression::PayloadComparison> m_payloadComparisons;
};

} // namespace

Parsed parse(const QString &text, qint64 nowMs)
{
    Parsed result;
    ParseError error;
    QList<Token> tokens = tokenize(text, error);
    if (!error.isSet()) {
        Parser parser(text, std::move(tokens), nowMs, error);
        result.root = parser.parseAll();
        result.bodyWords = std::move(parser.m_bodyWords);
        result.comparisons = parser.m_comparisons;
        result.payloadComparisons = std::move(parser.m_payloadComparisons);
        result.hints = std::move(parser.m_hints);
    }
    if (error.isSet()) {
        result.root.reset();
        result.error = error.message;
        result.errorPos = error.pos;
    }
    return result;
}

} // namespace Hookscope::Filter
