// SPDX-License-Identifier: MIT
#include "endpointrole.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Hookscope::EndpointRoles {

namespace {

constexpr EndpointRole Roles[] = { EndpointRole::Events, EndpointRole::Installations,
                                   EndpointRole::Interactivity, EndpointRole::MessageMenuOption };

EndpointRole fromName(QStringView name)
{
    for (EndpointRole role : Roles) {
        if (name.compare(suffix(role), Qt::CaseInsensitive) == 0)
            return role;
    }
    return EndpointRole::Unknown;
}

} // namespace

QLatin1StringView suffix(EndpointRole role)
{
    switch (role) {
    case EndpointRole::Events:
        return "events"_L1;
    case EndpointRole::Installations:
        return "installations"_L1;
    case EndpointRole::Interactivity:
        return "interactivity"_L1;
    case EndpointRole::MessageMenuOption:
        return "menu"_L1;
    case EndpointRole::Unknown:
        break;
    }
    return {};
}

EndpointRole of(const QString &path, const QString &query)
{
    QStringView rest(path);
    while (rest.endsWith(u'/'))
        rest.chop(1);
    const qsizetype slash = rest.lastIndexOf(u'/');
    if (const EndpointRole role = fromName(rest.mid(slash + 1)); role != EndpointRole::Unknown)
        return role;
    if (query.isEmpty())
        return EndpointRole::Unknown;
    return fromName(QUrlQuery(query).queryItemValue(QueryKey, QUrl::FullyDecoded));
}

QString typeLabel(EndpointRole role)
{
    switch (role) {
    case EndpointRole::Interactivity:
        return u"interactivity:request"_s;
    case EndpointRole::MessageMenuOption:
        return u"interactivity:message-menu-option"_s;
    default:
        return {};
    }
}

} // namespace Hookscope::EndpointRoles
