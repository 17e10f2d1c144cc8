// SPDX-License-Identifier: MIT
#include "eventdiff.h"

#include <QHash>
#include <QJsonValue>

#include "core/events/jsontext.h"

using namespace Qt::StringLiterals;

namespace Hookscope::EventDiff {

namespace {

enum class Shape : quint8 { Object, Array, Scalar };

Shape shapeOf(QByteArrayView json)
{
    for (const char c : json) {
        if (c == '{')
            return Shape::Object;
        if (c == '[')
            return Shape::Array;
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
    }
    return Shape::Scalar;
}

QString memberPath(const QString &prefix, const QString &key)
{
    return prefix.isEmpty() ? key : prefix + u'.' + key;
}

QString indexPath(const QString &prefix, qsizetype i)
{
    return prefix + u'[' + QString::number(i) + u']';
}

// An object's members with each key once (its last occurrence), in the order keys first
// appear.
struct Members
{
    QList<QString> order;
    QHash<QString, QByteArrayView> values;

    explicit Members(QByteArrayView json)
    {
        for (const JsonText::Member &m : JsonText::members(json)) {
            if (!values.contains(m.key))
                order.append(m.key);
            values.insert(m.key, m.value);
        }
    }
};

bool sameScalar(QByteArrayView a, QByteArrayView b)
{
    return a == b || JsonText::value(a) == JsonText::value(b);
}

// Every scalar (and empty container) under `json` as an Added or Removed change.
void leaves(QByteArrayView json, const QString &path, Change::Kind kind, QList<Change> &out)
{
    const Shape shape = shapeOf(json);
    const QList<JsonText::Member> members = JsonText::members(json);
    if (shape == Shape::Scalar || members.isEmpty()) {
        Change c;
        c.kind = kind;
        c.path = path;
        (kind == Change::Kind::Added ? c.after : c.before) = JsonText::compact(json);
        out.append(c);
        return;
    }
    if (shape == Shape::Object) {
        const Members m(json);
        for (const QString &key : m.order)
            leaves(m.values.value(key), memberPath(path, key), kind, out);
    } else {
        for (qsizetype i = 0; i < members.size(); ++i)
            leaves(members.at(i).value, indexPath(path, i), kind, out);
    }
}

void diff(QByteArrayView before, QByteArrayView after, const QString &path, QList<Change> &out)
{
    const Shape a = shapeOf(before), b = shapeOf(after);
    if (a != b || a == Shape::Scalar) {
        if (a != b || !sameScalar(before, after))
            out.append({ Change::Kind::Changed, path, JsonText::compact(before),
                         JsonText::compact(after) });
        return;
    }
    if (a == Shape::Array) {
        const QList<JsonText::Member> old = JsonText::members(before);
        const QList<JsonText::Member> now = JsonText::members(after);
        const qsizetype common = qMin(old.size(), now.size());
        for (qsizetype i = 0; i < common; ++i)
            diff(old.at(i).value, now.at(i).value, indexPath(path, i), out);
        for (qsizetype i = common; i < now.size(); ++i)
            leaves(now.at(i).value, indexPath(path, i), Change::Kind::Added, out);
        for (qsizetype i = common; i < old.size(); ++i)
            leaves(old.at(i).value, indexPath(path, i), Change::Kind::Removed, out);
        return;
    }
    const Members old(before), now(after);
    for (const QString &key : now.order) {
        const auto it = old.values.constFind(key);
        if (it == old.values.cend())
            leaves(now.values.value(key), memberPath(path, key), Change::Kind::Added, out);
        else
            diff(*it, now.values.value(key), memberPath(path, key), out);
    }
    for (const QString &key : old.order) {
        if (!now.values.contains(key))
            leaves(old.values.value(key), memberPath(path, key), Change::Kind::Removed, out);
    }
}

struct FoundPair
{
    VersionPair paths;
    QByteArrayView previous, current;
};

// The name of the current version that goes with a member `name`, if it names a previous
// version: "previousTicket" → "ticket" or "Ticket", "previous" → "current".
QStringList partnersOf(const QString &name)
{
    if (name == "previous"_L1)
        return { u"current"_s };
    static constexpr QLatin1StringView prefix("previous");
    if (name.size() <= prefix.size() || !name.startsWith(prefix)
        || !name.at(prefix.size()).isUpper())
        return {};
    const QString rest = name.mid(prefix.size());
    QString lower = rest;
    lower[0] = lower.at(0).toLower();
    return { lower, rest };
}

void findPairs(QByteArrayView json, const QString &path, QList<FoundPair> &out)
{
    const Shape shape = shapeOf(json);
    if (shape == Shape::Scalar)
        return;
    const QList<JsonText::Member> members = JsonText::members(json);
    if (shape == Shape::Array) {
        for (qsizetype i = 0; i < members.size(); ++i)
            findPairs(members.at(i).value, indexPath(path, i), out);
        return;
    }
    const Members m(json);
    for (const QString &key : m.order) {
        bool previousVersion = false;
        for (const QString &partner : partnersOf(key)) {
            if (!m.values.contains(partner))
                continue;
            out.append({ { memberPath(path, key), memberPath(path, partner) },
                         m.values.value(key),
                         m.values.value(partner) });
            previousVersion = true;
            break;
        }
        if (!previousVersion)
            findPairs(m.values.value(key), memberPath(path, key), out);
    }
}

} // namespace

QList<Change> compare(QByteArrayView before, QByteArrayView after, const QString &prefix)
{
    QList<Change> out;
    diff(before, after, prefix, out);
    return out;
}

QList<VersionPair> versionPairs(QByteArrayView body)
{
    QList<FoundPair> found;
    findPairs(body, QString(), found);
    QList<VersionPair> out;
    out.reserve(found.size());
    for (const FoundPair &p : std::as_const(found))
        out.append(p.paths);
    return out;
}

QList<Change> previousVersionChanges(QByteArrayView body)
{
    QList<FoundPair> found;
    findPairs(body, QString(), found);
    QList<Change> out;
    for (const FoundPair &p : std::as_const(found))
        diff(p.previous, p.current, p.paths.currentPath, out);
    return out;
}

} // namespace Hookscope::EventDiff
