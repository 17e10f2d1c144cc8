// SPDX-License-Identifier: MIT
#include "eventcatalogue.h"

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
    if (parts.size() >= 3 && parts.at(0) == "custom-object"_L1 && EventCatalogue::isValidObjectName(parts.at(1)))
        return parts.at(1);
    return u"x"_s;
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
        if (!line.isEmpty() && !line.startsWith(u'#') && !c.m_types.contains(line))
            c.m_types.append(line);
    }
    return c;
}

QString EventCatalogue::categoryOf(const QString &type)
{
    const QStringList parts = type.split(u':');
    const QString head = parts.value(0);
    if (parts.size() >= 3 && parts.at(1) == "comment"_L1 && (head == "ticket"_L1 || head.startsWith("account-"_L1)))
        return u"comment"_s;
    if (head == "ticket"_L1)
        return u"ticket"_s;
    if (head == "account"_L1 || head.startsWith("account-"_L1))
        return u"account"_s;
    if (head == "user"_L1)
        return u"user"_s;
    if (head == "organization"_L1)
        return u"organization"_s;
    if (head == "custom-object"_L1)
        return u"custom-object"_s;
    return {};
}

QList<EventCategory> EventCatalogue::categories() const
{
    QList<EventCategory> result;
    for (const CategoryInfo &info : Categories) {
        EventCategory category { info.id, info.title, {}, info.pattern };
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
