// SPDX-License-Identifier: MIT
#include "fieldindex.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include "core/events/eventpayload.h"
#include "core/events/jsonpath.h"
#include "core/filter/filtervalues.h"

using namespace Qt::StringLiterals;

namespace Hookscope::FieldIndex {

namespace {

// UTF-8's scheme for any value up to 0x10FFFF, surrogates included: it keeps the order of
// the values (and is prefix-free), so memcmp on the bytes orders the sequences as the values.
void appendValue(QByteArray &out, char32_t v)
{
    if (v < 0x80) {
        out.append(char(v));
    } else if (v < 0x800) {
        out.append(char(0xC0 | (v >> 6)));
        out.append(char(0x80 | (v & 0x3F)));
    } else if (v < 0x10000) {
        out.append(char(0xE0 | (v >> 12)));
        out.append(char(0x80 | ((v >> 6) & 0x3F)));
        out.append(char(0x80 | (v & 0x3F)));
    } else {
        out.append(char(0xF0 | (v >> 18)));
        out.append(char(0x80 | ((v >> 12) & 0x3F)));
        out.append(char(0x80 | ((v >> 6) & 0x3F)));
        out.append(char(0x80 | (v & 0x3F)));
    }
}

const char *sqlOperator(FilterExpression::CompareOp op)
{
    using Op = FilterExpression::CompareOp;
    switch (op) {
    case Op::Equal:
    case Op::NotEqual: // answered as "where = holds", negated
        return "=";
    case Op::Greater:
        return ">";
    case Op::Less:
        return "<";
    case Op::GreaterEqual:
        return ">=";
    case Op::LessEqual:
        return "<=";
    case Op::Contains:
        break;
    }
    return nullptr;
}

struct PathState
{
    qint64 id = 0;
    qint64 upTo = 0;
    qint64 liveFrom = 0;
};

std::optional<PathState> pathState(QSqlDatabase &db, const QString &path)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT id, upto, live_from FROM field_paths WHERE path = ?"_s);
    q.addBindValue(path);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return PathState{ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong() };
}

bool collect(QSqlDatabase &db, const QString &sql, const QVariantList &binds,
             std::vector<qint64> &ids)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return false;
    while (q.next())
        ids.push_back(q.value(0).toLongLong());
    return !q.lastError().isValid();
}

} // namespace

QByteArray foldKey(QStringView text)
{
    // What QString::compare(a, b, Qt::CaseInsensitive) compares (Qt 6's ucstricmp), unit by
    // unit: each UTF-16 unit case-folded on its own, except a low surrogate after a high one,
    // which stands for the whole code point's folding. Lone surrogates stay as they are.
    QByteArray out;
    out.reserve(text.size());
    char16_t last = 0;
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        if (unit < 0x80) {
            out.append(char(unit >= u'A' && unit <= u'Z' ? unit + 32 : unit));
            last = unit;
            continue;
        }
        char32_t ucs4 = unit;
        if (QChar::isLowSurrogate(unit) && QChar::isHighSurrogate(last))
            ucs4 = QChar::surrogateToUcs4(last, unit);
        last = unit;
        appendValue(out, QChar::toCaseFolded(ucs4));
    }
    return out;
}

std::vector<Value> extract(const EventPayload &payload, QStringView path)
{
    std::vector<Value> out;
    const QJsonValue v = payload.value(path);
    if (v.isUndefined())
        return out; // every operator but != fails on a missing path: no rows
    // CompareNode::scalarMatches: a number compares as one when the item is a JSON number or
    // a string parseNumber() reads; a time when it is a string parseIsoTime() reads; text
    // (JsonPath::toText) otherwise.
    const auto add = [&out](const QJsonValue &item) {
        Value value;
        const QString text = JsonPath::toText(item);
        value.key = foldKey(text);
        if (item.isDouble()) {
            value.number = item.toDouble();
        } else if (item.isString()) {
            value.number = Filter::parseNumber(text);
            value.time = Filter::parseIsoTime(text);
        }
        out.push_back(std::move(value));
    };
    if (v.isArray()) {
        // An array matches when any element does (and != when none equals): one row each.
        const QJsonArray array = v.toArray();
        out.reserve(size_t(array.size()));
        for (const QJsonValue &item : array)
            add(item);
    } else {
        add(v);
    }
    return out;
}

bool serves(const FilterExpression::PayloadComparison &comparison)
{
    return comparison.op != FilterExpression::CompareOp::Contains;
}

QStringList servedPaths(const FilterExpression &filter)
{
    QStringList paths;
    for (const FilterExpression::PayloadComparison &c : filter.payloadComparisons())
        if (serves(c) && !paths.contains(c.path))
            paths.append(c.path);
    return paths;
}

qint64 indexedUpTo(QSqlDatabase &db, const QString &path, qint64 maxId)
{
    const std::optional<PathState> state = pathState(db, path);
    if (!state)
        return -1;
    return state->upTo >= state->liveFrom ? maxId : qMin(state->upTo, maxId);
}

bool Answer::load(QSqlDatabase &db, const FilterExpression &filter, qint64 upToId,
                  const std::function<bool()> &cancelled)
{
    m_reach = 0;
    m_sets.clear();
    const QList<FilterExpression::PayloadComparison> comparisons = filter.payloadComparisons();
    if (comparisons.isEmpty() || upToId <= 0)
        return true;
    qint64 reach = upToId;
    std::vector<qint64> pathIds;
    for (const FilterExpression::PayloadComparison &c : comparisons) {
        if (!serves(c))
            return true;
        const std::optional<PathState> state = pathState(db, c.path);
        if (!state)
            return true; // not registered (yet): the scan answers
        reach = qMin(reach, state->upTo >= state->liveFrom ? upToId : state->upTo);
        pathIds.push_back(state->id);
    }
    if (reach <= 0)
        return true;

    std::vector<Set> sets(size_t(comparisons.size()));
    for (qsizetype i = 0; i < comparisons.size(); ++i) {
        if (cancelled && cancelled())
            return true;
        const FilterExpression::PayloadComparison &c = comparisons.at(i);
        const QString op = QString::fromLatin1(sqlOperator(c.op));
        const QVariant path = pathIds[size_t(i)];
        std::vector<qint64> &ids = sets[size_t(i)].ids;
        sets[size_t(i)].negated = c.op == FilterExpression::CompareOp::NotEqual;
        // A value the filter compares as a number or a time never compares as text, and
        // the other way round (CompareNode::scalarMatches).
        QString textSql =
                u"SELECT event FROM field_values WHERE path = ? AND key %1 ? AND event <= ?"_s.arg(
                        op);
        if (c.number)
            textSql += u" AND num IS NULL"_s;
        if (c.time)
            textSql += u" AND time IS NULL"_s;
        bool ok = collect(db, textSql, { path, foldKey(c.value), reach }, ids);
        if (ok && c.number)
            ok = collect(db,
                         u"SELECT event FROM field_values WHERE path = ? AND num IS NOT NULL"
                         u" AND num %1 ? AND event <= ?"_s.arg(op),
                         { path, *c.number, reach }, ids);
        if (ok && c.time)
            ok = collect(db,
                         u"SELECT event FROM field_values WHERE path = ? AND time IS NOT NULL"
                         u" AND time %1 ? AND event <= ?"_s.arg(op),
                         { path, QVariant::fromValue(*c.time), reach }, ids);
        if (!ok)
            return false;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    m_sets = std::move(sets);
    m_reach = reach;
    return true;
}

bool Answer::holds(int index, qint64 id) const
{
    const Set &set = m_sets[size_t(index)];
    return std::binary_search(set.ids.cbegin(), set.ids.cend(), id) != set.negated;
}

FilterExpression::ComparisonLookup Answer::lookup(const qint64 &current) const
{
    return [this, &current](int index) { return holds(index, current); };
}

std::optional<std::vector<qint64>> Answer::candidates(const FilterExpression &filter) const
{
    return filter.candidateIds([this](int index) -> const std::vector<qint64> * {
        const Set &set = m_sets[size_t(index)];
        return set.negated ? nullptr : &set.ids;
    });
}

} // namespace Hookscope::FieldIndex
