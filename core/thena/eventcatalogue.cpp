// SPDX-License-Identifier: MIT
#include "eventcatalogue.h"

#include "core/events/eventkind.h"

#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

struct CategoryInfo
{
    QLatin1StringView id;
    QLatin1StringView title;
    QLatin1StringView pattern;
};

constexpr CategoryInfo Categories[] = {
    { "ticket"_L1, "Tickets"_L1, "ticket:*"_L1 },
    { "account"_L1, "Accounts"_L1, "account:*"_L1 },
    { "comment"_L1, "Comments"_L1, "ticket:comment:*"_L1 },
    { "user"_L1, "Users"_L1, "user:*"_L1 },
    { "organization"_L1, "Organization"_L1, "organization:*"_L1 },
    { "custom-object"_L1, "Custom objects"_L1, "custom-object:<name>:*"_L1 },
};

// The object name a custom-object pattern names ("custom-object:deal:*" -> "deal"), else "x":
// any name stands for the "<name>" placeholder when matching.
QString objectNameIn(const QString &text)
{
    const QStringList parts = text.split(u':');
    if (parts.size() >= 3 && parts.at(0) == "custom-object"_L1
        && EventCatalogue::isValidObjectName(parts.at(1)))
        return parts.at(1);
    return u"x"_s;
}

// "custom-object:deal:created" -> "custom-object:<name>:created", the catalogue's entry for
// any object; empty for a name that is not a custom-object event with a valid object name.
QString genericName(const QString &type)
{
    QStringList parts = type.split(u':');
    if (parts.size() < 3 || parts.at(0) != "custom-object"_L1
        || !EventCatalogue::isValidObjectName(parts.at(1)))
        return {};
    parts[1] = EventCatalogue::NamePlaceholder;
    return parts.join(u':');
}

} // namespace

const EventCatalogue &EventCatalogue::builtin()
{
    static const EventCatalogue catalogue = [] {
        QFile file(u":/hookscope/thena/event-types.txt"_s);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("event catalogue resource missing");
        return parse(QString::fromUtf8(file.readAll()));
    }();
    return catalogue;
}

EventCatalogue EventCatalogue::parse(const QString &text)
{
    EventCatalogue c;
    const QStringList lines = text.split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype dash = line.indexOf(" - "_L1);
        const QString type = (dash < 0 ? line : line.left(dash)).trimmed();
        if (type.isEmpty() || c.m_types.contains(type))
            continue;
        c.m_types.append(type);
        if (dash >= 0)
            c.m_descriptions.insert(type, line.mid(dash + 3).trimmed());
    }
    return c;
}

QString EventCatalogue::categoryOf(const QString &type)
{
    // The catalogue's families are EventKind's, less the ones Thena does not publish as
    // platform events (installation notices, legacy requests).
    const QString kind = EventKind::ofType(type);
    return kind == "app"_L1 || kind == "request"_L1 ? QString() : kind;
}

QList<EventCategory> EventCatalogue::categories() const
{
    QList<EventCategory> result;
    for (const CategoryInfo &info : Categories) {
        EventCategory category{ info.id, info.title, {}, info.pattern };
        for (const QString &type : m_types) {
            if (categoryOf(type) == info.id)
                category.types.append(type);
        }
        if (!category.types.isEmpty())
            result.append(category);
    }
    return result;
}

bool EventCatalogue::isValidObjectName(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z0-9_-]{1,64}$"_s);
    return re.match(name).hasMatch();
}

QString EventCatalogue::withObjectName(const QString &typeOrPattern, const QString &name)
{
    if (!isValidObjectName(name))
        return {};
    QString result = typeOrPattern;
    return result.replace(NamePlaceholder, name);
}

QString EventCatalogue::customObjectPattern(const QString &name)
{
    return withObjectName(u"custom-object:<name>:*"_s, name);
}

bool EventCatalogue::isPattern(const QString &text)
{
    return text.contains(u'*') || text.contains(u'?');
}

bool EventCatalogue::globMatches(const QString &pattern, const QString &type)
{
    // Iterative wildcard match with backtracking to the last '*': linear in practice.
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < type.size()) {
        if (p < pattern.size() && (pattern.at(p) == u'?' || pattern.at(p) == type.at(t))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern.at(p) == u'*') {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == u'*')
        ++p;
    return p == pattern.size();
}

QString EventCatalogue::description(const QString &type) const
{
    if (const auto it = m_descriptions.constFind(type); it != m_descriptions.cend())
        return *it;
    const QString generic = genericName(type);
    return generic.isEmpty() ? QString() : m_descriptions.value(generic);
}

QStringList EventCatalogue::expand(const QString &eventOrPattern,
                                   const QStringList &objectNames) const
{
    if (!isPattern(eventOrPattern))
        return { eventOrPattern };
    QStringList names;
    for (const QString &type : m_types) {
        if (!type.contains(NamePlaceholder)) {
            if (globMatches(eventOrPattern, type))
                names.append(type);
            continue;
        }
        for (const QString &object : objectNames) {
            const QString concrete = withObjectName(type, object);
            if (!concrete.isEmpty() && globMatches(eventOrPattern, concrete)
                && !names.contains(concrete))
                names.append(concrete);
        }
    }
    return names;
}

bool EventCatalogue::isDocumented(const QString &name) const
{
    if (isPattern(name) || name.contains(NamePlaceholder))
        return false;
    if (m_types.contains(name))
        return true;
    const QString generic = genericName(name);
    return !generic.isEmpty() && m_types.contains(generic);
}

bool EventCatalogue::isKnown(const QString &eventOrPattern) const
{
    const QString name = objectNameIn(eventOrPattern);
    for (const QString &type : m_types) {
        QString concrete = type;
        concrete.replace(NamePlaceholder, name);
        if (globMatches(eventOrPattern, concrete))
            return true;
    }
    return false;
}

} // namespace Hookscope
