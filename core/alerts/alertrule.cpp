// SPDX-License-Identifier: MIT
#include "alertrule.h"

#include <QJsonValue>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Hookscope {

QJsonObject AlertRule::toJson() const
{
    return QJsonObject{
        { u"id"_s, id }, { u"name"_s, name }, { u"filter"_s, filter }, { u"enabled"_s, enabled }
    };
}

std::optional<AlertRule> AlertRule::fromJson(const QJsonObject &object)
{
    const QJsonValue filter = object.value(u"filter"_s);
    if (!filter.isString())
        return std::nullopt;
    AlertRule rule;
    rule.id = object.value(u"id"_s).toString();
    if (rule.id.isEmpty())
        rule.id = newId();
    rule.name = object.value(u"name"_s).toString();
    rule.filter = filter.toString();
    rule.enabled = object.value(u"enabled"_s).toBool(true);
    return rule;
}

QString AlertRule::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace Hookscope
