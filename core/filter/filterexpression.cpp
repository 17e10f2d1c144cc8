// SPDX-License-Identifier: MIT
#include "filterexpression.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QList>

#include <cmath>
#include <limits>
#include <vector>

#include "events/jsonpath.h"
#include "filter/bodywords.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace Filter {

// ---------------------------------------------------------------------------------------
// Case-insensitive glob: '*' any run (also empty), '?' exactly one character, everything
// else literal. Whole-string match. Compiled once; the common shapes ("ticket:*", "*bot*",
// "T123NHFDRF") avoid the general matcher altogether.
// ---------------------------------------------------------------------------------------

inline QChar foldChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= u'A' && u <= u'Z') ? QChar(char16_t(u + 32)) : c;
    return c.toCaseFolded();
}

class Glob final
{
public:
    enum class Piece : quint8 { Literal, Star, One };

    void appendLiteral(QStringView s)
    {
        for (QChar c : s) {
            m_pattern.append(foldChar(c));
            m_pieces.push_back(Piece::Literal);
        }
    }
    void appendWild(QStringView s) // unquoted text: '*' and '?' are wildcards
    {
        for (QChar c : s) {
            if (c == u'*') {
                if (!m_pieces.empty() && m_pieces.back() == Piece::Star)
                    continue; // "**" == "*"
                m_pattern.append(c);
                m_pieces.push_back(Piece::Star);
            } else if (c == u'?') {
                m_pattern.append(c);
                m_pieces.push_back(Piece::One);
            } else {
                m_pattern.append(foldChar(c));
                m_pieces.push_back(Piece::Literal);
            }
        }
    }
    // Wraps the pattern in '*'s: "contains" instead of whole-string.
    void makeContains()
    {
        if (m_pieces.empty() || m_pieces.front() != Piece::Star) {
            m_pattern.prepend(u'*');
            m_pieces.insert(m_pieces.begin(), Piece::Star);
        }
        if (m_pieces.back() != Piece::Star) {
            m_pattern.append(u'*');
            m_pieces.push_back(Piece::Star);
        }
    }

    void compile()
    {
        const qsizetype n = qsizetype(m_pieces.size());
        qsizetype stars = 0, ones = 0;
        for (Piece p : m_pieces) {
            stars += p == Piece::Star;
            ones += p == Piece::One;
        }
        const bool leadingStar = n > 0 && m_pieces.front() == Piece::Star;
        const bool trailingStar = n > 0 && m_pieces.back() == Piece::Star;
        if (ones == 0 && stars == 0) {
            m_shape = Shape::Exact;
            m_literal = m_pattern;
        } else if (ones == 0 && stars == n) {
            m_shape = Shape::All;
        } else if (ones == 0 && stars == 1 && trailingStar) {
            m_shape = Shape::Prefix;
            m_literal = m_pattern.left(n - 1);
        } else if (ones == 0 && stars == 1 && leadingStar) {
            m_shape = Shape::Suffix;
            m_literal = m_pattern.mid(1);
        } else if (ones == 0 && stars == 2 && leadingStar && trailingStar) {
            m_shape = Shape::Contains;
            m_literal = m_pattern.mid(1, n - 2);
        } else {
            m_shape = Shape::General;
        }
    }

    bool matches(QStringView text) const
    {
        switch (m_shape) {
        case Shape::All:
            return true;
        case Shape::Exact:
            return text.size() == m_literal.size() && text.compare(m_literal, Qt::CaseInsensitive) == 0;
        case Shape::Prefix:
            return text.startsWith(m_literal, Qt::CaseInsensitive);
        case Shape::Suffix:
            return text.endsWith(m_literal, Qt::CaseInsensitive);
        case Shape::Contains:
            return text.contains(m_literal, Qt::CaseInsensitive);
        case Shape::General:
            break;
        }
        return generalMatch(text);
    }

private:
    enum class Shape : quint8 { Exact, All, Prefix, Suffix, Contains, General };

    // Iterative wildcard matching with single-star backtracking: O(n*m) worst case, linear
    // for the usual patterns.
    bool generalMatch(QStringView text) const
    {
        const qsizetype n = text.size();
        const qsizetype m = m_pattern.size();
        qsizetype t = 0, p = 0;
        qsizetype starP = -1, starT = 0;
        while (t < n) {
            if (p < m) {
                const Piece piece = m_pieces[size_t(p)];
                if (piece == Piece::Star) {
                    starP = p++;
                    starT = t;
                    continue;
                }
                if (piece == Piece::One || m_pattern.at(p) == foldChar(text.at(t))) {
                    ++p;
                    ++t;
                    continue;
                }
            }
            if (starP < 0)
                return false;
            p = starP + 1;
            t = ++starT;
        }
        while (p < m && m_pieces[size_t(p)] == Piece::Star)
            ++p;
        return p == m;
    }

    QString m_pattern; // folded; wildcard positions flagged in m_pieces
    std::vector<Piece> m_pieces;
    QString m_literal;
    Shape m_shape = Shape::Exact;
};

// ---------------------------------------------------------------------------------------
// Times and numbers
// ---------------------------------------------------------------------------------------

inline bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// ISO-8601 date ("2026-11-20") or date-time ("2026-11-20T09:00", "...:00Z",
// "...:00.512+01:00"; a space may stand for the 'T'). No zone means UTC.
std::optional<qint64> parseIsoTime(QStringView s, bool *dateOnly = nullptr)
{
    if (s.size() < 10 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) || s[4] != u'-'
        || !isDigit(s[5]) || !isDigit(s[6]) || s[7] != u'-' || !isDigit(s[8]) || !isDigit(s[9]))
        return std::nullopt;
    if (s.size() == 10) {
        const QDate date = QDate::fromString(s.toString(), Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        if (dateOnly)
            *dateOnly = true;
        return date.startOfDay(Qt::UTC).toMSecsSinceEpoch();
    }
    const QChar sep = s[10];
    if (s.size() < 16 || (sep != u'T' && sep != u't' && sep != u' '))
        return std::nullopt;
    QString iso = s.toString();
    iso[10] = u'T';
    const QChar last = iso.back();
    if (last == u'z')
        iso.back() = u'Z';
    const bool hasZone = last == u'Z' || last == u'z' || iso.indexOf(u'+', 11) >= 0 || iso.indexOf(u'-', 11) >= 0;
    if (!hasZone)
        iso.append(u'Z');
    const QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dateOnly)
        *dateOnly = false;
    return dt.toMSecsSinceEpoch();
}

// "15m", "2h", "7d", "30s", "1w", "1h30m" -> milliseconds.
std::optional<qint64> parseDuration(QStringView s)
{
    if (s.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        qint64 number = 0;
        const qsizetype digitsStart = i;
        while (i < s.size() && isDigit(s[i])) {
            if (number > 1'000'000'000)
                return std::nullopt;
            number = number * 10 + (s[i].unicode() - u'0');
            ++i;
        }
        if (i == digitsStart || i == s.size())
            return std::nullopt;
        qint64 unit = 0;
        switch (foldChar(s[i]).unicode()) {
        case u's': unit = 1000; break;
        case u'm': unit = 60 * 1000; break;
        case u'h': unit = 60 * 60 * 1000; break;
        case u'd': unit = 24 * 60 * 60 * 1000; break;
        case u'w': unit = 7 * 24 * 60 * 60 * 1000; break;
        default: return std::nullopt;
        }
        ++i;
        total += number * unit;
    }
    return total;
}

std::optional<double> parseNumber(QStringView s)
{
    if (s.isEmpty())
        return std::nullopt;
    // Only plain decimal numbers: QString::toDouble() would also take "inf"/"nan".
    const QChar first = s.front();
    if (!isDigit(first) && first != u'-' && first != u'+' && first != u'.')
        return std::nullopt;
    bool ok = false;
    const double d = s.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    return d;
}

inline qint64 eventTime(const EventSummary &e)
{
    return e.occurredAt != 0 ? e.occurredAt : e.receivedAt;
}

// ---------------------------------------------------------------------------------------
// The AST
// ---------------------------------------------------------------------------------------

enum class Tri : quint8 { False, True, Unknown };

// What a full evaluation may look at besides the summary.
struct Context
{
    const EventPayload *payload = nullptr;
    // Answers bare words from elsewhere (the full-text index); null: from the payload.
    const FilterExpression::BodyWordLookup *bodyHasWord = nullptr;
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
};

using NodePtr = std::unique_ptr<Node>;

struct AndNode final : Node
{
    std::vector<NodePtr> children;

    bool eval(const EventSummary &e, const Context &ctx) const override
    {
        for (const NodePtr &c : children)
            if (!c->eval(e, ctx))
                return false;
        return true;
    }
    Tri evalSummary(const EventSummary &e) const override
    {
        Tri result = Tri::True;
        for (const NodePtr &c : children) {
            const Tri t = c->evalSummary(e);
            if (t == Tri::False)
                return Tri::False;
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
};

struct OrNode final : Node
{
    std::vector<NodePtr> children;

    bool eval(const EventSummary &e, const Context &ctx) const override
    {
        for (const NodePtr &c : children)
            if (c->eval(e, ctx))
                return true;
        return false;
    }
    Tri evalSummary(const EventSummary &e) const override
    {
        Tri result = Tri::False;
        for (const NodePtr &c : children) {
            const Tri t = c->evalSummary(e);
            if (t == Tri::True)
                return Tri::True;
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
};

struct NotNode final : Node
{
    NodePtr child;

    bool eval(const EventSummary &e, const Context &ctx) const override { return !child->eval(e, ctx); }
    Tri evalSummary(const EventSummary &e) const override
    {
        switch (child->evalSummary(e)) {
        case Tri::True: return Tri::False;
        case Tri::False: return Tri::True;
        case Tri::Unknown: break;
        }
        return Tri::Unknown;
    }
    bool needsPayload() const override { return child->needsPayload(); }
};

// type:, team:, source:, status:, actor:, entity:, id:, summary: and bare type globs.
struct FieldNode final : Node
{
    QString EventSummary::*field = nullptr;
    Glob glob;

    bool eval(const EventSummary &e, const Context &) const override { return glob.matches(e.*field); }
    Tri evalSummary(const EventSummary &e) const override { return glob.matches(e.*field) ? Tri::True : Tri::False; }
    bool needsPayload() const override { return false; }
};

// since: / until:, resolved to absolute bounds at parse time. Inclusive lower bound,
// exclusive or inclusive upper bound.
struct TimeNode final : Node
{
    qint64 bound = 0;
    enum class Kind : quint8 { AtOrAfter, AtOrBefore, Before } kind = Kind::AtOrAfter;

    bool test(const EventSummary &e) const
    {
        const qint64 t = eventTime(e);
        switch (kind) {
        case Kind::AtOrAfter: return t >= bound;
        case Kind::AtOrBefore: return t <= bound;
        case Kind::Before: return t < bound;
        }
        return false;
    }
    bool eval(const EventSummary &e, const Context &) const override { return test(e); }
    Tri evalSummary(const EventSummary &e) const override { return test(e) ? Tri::True : Tri::False; }
    bool needsPayload() const override { return false; }
};

enum class CompareOp : quint8 { Equal, NotEqual, Contains, Greater, Less, GreaterEqual, LessEqual };

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
        case CompareOp::Equal: return order == 0;
        case CompareOp::NotEqual: return order != 0;
        case CompareOp::Greater: return order > 0;
        case CompareOp::Less: return order < 0;
        case CompareOp::GreaterEqual: return order >= 0;
        case CompareOp::LessEqual: return order <= 0;
        case CompareOp::Contains: break;
        }
        return false;
    }

    bool eval(const EventSummary &, const Context &ctx) const override
    {
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
};

// Bare words and quoted phrases: a substring of a summary field, or the same words in a row
// in the body (BodyWords rules; the last one may be the start of a longer word).
struct WordNode final : Node
{
    QString needle;
    QString asciiLower; // needle in lowercase when it is ASCII (the fast path), else empty
    QStringList phrase; // needle's words, folded; empty: it has none and cannot be in a body
    int index = 0;      // position among the expression's bare words (BodyWordLookup)

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
        return contains(e.type) || contains(e.eventId) || contains(e.team) || contains(e.actor) || contains(e.entity)
            || contains(e.summary);
    }
    bool inBody(const Context &ctx) const
    {
        if (phrase.isEmpty())
            return false;
        if (ctx.bodyHasWord)
            return (*ctx.bodyHasWord)(index);
        return ctx.payload && ctx.payload->words().containsPhrase(phrase);
    }
    bool eval(const EventSummary &e, const Context &ctx) const override { return inSummary(e) || inBody(ctx); }
    Tri evalSummary(const EventSummary &e) const override { return inSummary(e) ? Tri::True : Tri::Unknown; }
    bool needsPayload() const override { return true; }
};

// ---------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------

struct Segment
{
    QString text;
    bool quoted = false;
    qsizetype pos = 0; // source index of the first character (of the opening quote if quoted)
};

enum class TokenKind : quint8 { Word, LParen, RParen, Or, And, Not };

struct Token
{
    TokenKind kind = TokenKind::Word;
    qsizetype pos = 0;
    qsizetype end = 0;     // one past the last source character
    QString spelling;      // as written: "OR", "||", "-", "NOT", ...
    QList<Segment> segments; // Word only
};

struct ParseError
{
    QString message;
    qsizetype pos = -1; // 0-based; -1: no error

    bool isSet() const { return pos >= 0; }
    void set(const QString &msg, qsizetype at)
    {
        if (!isSet()) {
            message = msg;
            pos = at;
        }
    }
};

inline bool isSpace(QChar c)
{
    return c.isSpace();
}

QList<Token> tokenize(const QString &text, ParseError &error)
{
    QList<Token> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto at = [&](qsizetype k) { return k < n ? text.at(k) : QChar(); };
    auto isBreak = [&](qsizetype k) {
        if (k >= n)
            return true;
        const QChar c = text.at(k);
        return isSpace(c) || c == u'(' || c == u')' || (c == u'|' && at(k + 1) == u'|')
            || (c == u'&' && at(k + 1) == u'&');
    };

    while (i < n) {
        const QChar c = text.at(i);
        if (isSpace(c)) {
            ++i;
            continue;
        }
        if (c == u'(' || c == u')') {
            tokens.append({c == u'(' ? TokenKind::LParen : TokenKind::RParen, i, i + 1, QString(c), {}});
            ++i;
            continue;
        }
        if ((c == u'|' || c == u'&') && at(i + 1) == c) {
            tokens.append({c == u'|' ? TokenKind::Or : TokenKind::And, i, i + 2, text.mid(i, 2), {}});
            i += 2;
            continue;
        }
        // '-' and '!' right in front of a term (or '(') negate it.
        if (c == u'-' || c == u'!') {
            if (isBreak(i + 1) && at(i + 1) != u'(') {
                error.set(u"'%1' needs a term right after it"_s.arg(c), i);
                return tokens;
            }
            tokens.append({TokenKind::Not, i, i + 1, QString(c), {}});
            ++i;
            continue;
        }

        // A word: unquoted runs and quoted runs, up to whitespace, a parenthesis, || or &&.
        Token word;
        word.kind = TokenKind::Word;
        word.pos = i;
        while (!isBreak(i)) {
            if (text.at(i) == u'"') {
                Segment seg;
                seg.quoted = true;
                seg.pos = i;
                ++i;
                bool closed = false;
                while (i < n) {
                    const QChar q = text.at(i);
                    if (q == u'\\' && (at(i + 1) == u'"' || at(i + 1) == u'\\')) {
                        seg.text.append(text.at(i + 1));
                        i += 2;
                    } else if (q == u'"') {
                        ++i;
                        closed = true;
                        break;
                    } else {
                        seg.text.append(q);
                        ++i;
                    }
                }
                if (!closed) {
                    error.set(u"unbalanced quote: add a closing '\"'"_s, seg.pos);
                    return tokens;
                }
                word.segments.append(seg);
            } else {
                Segment seg;
                seg.pos = i;
                while (!isBreak(i) && text.at(i) != u'"')
                    seg.text.append(text.at(i++));
                word.segments.append(seg);
            }
        }
        word.end = i;
        word.spelling = text.mid(word.pos, word.end - word.pos);
        if (word.segments.size() == 1 && !word.segments.front().quoted) {
            if (word.spelling == "OR"_L1)
                word.kind = TokenKind::Or;
            else if (word.spelling == "AND"_L1)
                word.kind = TokenKind::And;
            else if (word.spelling == "NOT"_L1)
                word.kind = TokenKind::Not;
            if (word.kind != TokenKind::Word)
                word.segments.clear();
        }
        tokens.append(word);
    }
    return tokens;
}

// ---------------------------------------------------------------------------------------
// Terms
// ---------------------------------------------------------------------------------------

struct FieldKey
{
    QLatin1StringView name;
    QString EventSummary::*field;
};

constexpr FieldKey fieldKeys[] = {
    {"type"_L1, &EventSummary::type},     {"team"_L1, &EventSummary::team},
    {"source"_L1, &EventSummary::source}, {"status"_L1, &EventSummary::status},
    {"actor"_L1, &EventSummary::actor},   {"entity"_L1, &EventSummary::entity},
    {"id"_L1, &EventSummary::eventId},    {"summary"_L1, &EventSummary::summary},
};

// When = or ~ can only hold if the body's raw text contains the value: then bodies without
// it need no parsing (EventPayload::mayContainAscii answers "surely not" only for plain-ASCII
// bodies without a backslash, where every string of the JSON appears as written). That holds
// for an ASCII value compared as text with a string, true/false, or (for ~) inside an
// object's compact JSON, as long as it cannot match a number's reformatted digits (1e3 is
// "1000") or JSON punctuation that compact output may lay out differently.
QByteArray rawNeedleFor(const CompareNode &node)
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
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u'"' || c == u':' || c == u',')
                return {};
        break;
    default:
        return {};
    }
    return value.toLatin1().toLower();
}

bool isPathStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'$';
}

bool isPathChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c == u'.' || c == u'[' || c == u']' || c == u'-'
        || c == u'@';
}

class Parser final
{
public:
    Parser(const QString &text, QList<Token> tokens, qint64 nowMs, ParseError &error)
        : m_text(text)
        , m_tokens(std::move(tokens))
        , m_now(nowMs)
        , m_error(error)
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
    const Token *peek() const { return m_index < m_tokens.size() ? &m_tokens.at(m_index) : nullptr; }
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
        return t && (t->kind == TokenKind::Word || t->kind == TokenKind::LParen || t->kind == TokenKind::Not);
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
        auto node = std::make_unique<OrNode>();
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
                    return fail(u"%1 needs a term on both sides"_s.arg(andToken.spelling), andToken.pos);
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
        auto node = std::make_unique<AndNode>();
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
            return fail(u"the expression is nested too deeply (more than %1 levels)"_s.arg(MaxDepth), t ? t->pos : m_text.size());
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
                return fail(u"'%1' needs a term right after it"_s.arg(notToken.spelling), notToken.pos);
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
        qsizetype pos = 0;   // source position where the value starts
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

    NodePtr parseComparison(const Token &word, const QString &lead, qsizetype opPos, qsizetype opLen, CompareOp op)
    {
        const qsizetype opSource = word.segments.front().pos + opPos;
        const QString opText = lead.mid(opPos, opLen);
        const QString path = lead.left(opPos);
        if (path.isEmpty())
            return fail(u"expected a JSON path before '%1', like payload.ticket.priorityName"_s.arg(opText), opSource);
        if (!isPathStart(path.front()))
            return fail(u"'%1' is not a JSON path: paths start with a letter (quote the text to search for it)"_s.arg(path),
                        word.pos);
        for (qsizetype k = 1; k < path.size(); ++k)
            if (!isPathChar(path.at(k)))
                return fail(u"unexpected '%1' in the JSON path '%2'"_s.arg(QString(path.at(k)), path), word.pos + k);

        const Value value = valueAfter(word, opPos + opLen);
        if (value.text.isEmpty() && !value.quoted)
            return fail(u"expected a value after '%1'"_s.arg(opText), opSource);

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
        return node;
    }

    NodePtr parseColonTerm(const Token &word, const QString &lead, qsizetype colon)
    {
        const QStringView key = QStringView(lead).left(colon);
        if (key.isEmpty())
            return fail(u"expected a field or an event type before ':'"_s, word.pos);

        if (key.compare("since"_L1, Qt::CaseInsensitive) == 0 || key.compare("until"_L1, Qt::CaseInsensitive) == 0)
            return parseTime(word, key.compare("since"_L1, Qt::CaseInsensitive) == 0, colon);

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

        // Any other prefix: the whole word is a glob on the event type.
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
            return fail(u"expected a time after '%1:' — use 15m, 2h, 7d or a date"_s.arg(key), word.pos + colon);
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
        return fail(u"unknown time '%1' — use 15m, 2h, 7d or a date"_s.arg(word.spelling), value.pos);
    }

    const QString &m_text;
    QList<Token> m_tokens;
    qsizetype m_index = 0;
    qint64 m_now = 0;
    ParseError &m_error;

public:
    QStringList m_bodyWords; // needles of the WordNodes, by index
    bool m_comparisons = false;
};

} // namespace Filter

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

    Filter::ParseError error;
    QList<Filter::Token> tokens = Filter::tokenize(text, error);
    Filter::NodePtr root;
    QStringList bodyWords;
    bool comparisons = false;
    if (!error.isSet()) {
        Filter::Parser parser(text, std::move(tokens), nowMs, error);
        root = parser.parseAll();
        bodyWords = std::move(parser.m_bodyWords);
        comparisons = parser.m_comparisons;
    }
    if (error.isSet()) {
        result.m_error = error.message;
        result.m_errorColumn = int(error.pos) + 1;
        return result;
    }
    if (root) {
        result.m_needsPayload = root->needsPayload();
        result.m_bodyWords = std::move(bodyWords);
        result.m_hasComparisons = comparisons;
        result.m_root = std::shared_ptr<const Filter::Node>(std::move(root));
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
    return !m_root || m_root->eval(event, Filter::Context{payload, nullptr});
}

bool FilterExpression::matches(const EventSummary &event, const EventPayload *payload, const BodyWordLookup &bodyHasWord) const
{
    if (!m_root)
        return true;
    return m_root->eval(event, Filter::Context{payload, bodyHasWord ? &bodyHasWord : nullptr});
}

std::optional<bool> FilterExpression::matchWithoutPayload(const EventSummary &event) const
{
    if (!m_root)
        return true;
    switch (m_root->evalSummary(event)) {
    case Filter::Tri::True: return true;
    case Filter::Tri::False: return false;
    case Filter::Tri::Unknown: break;
    }
    return std::nullopt;
}

} // namespace Hookscope
