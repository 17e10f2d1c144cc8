// SPDX-License-Identifier: MIT
#include "eventkind.h"

using namespace Qt::StringLiterals;

namespace Hookscope::EventKind {

QString ofType(const QString &type)
{
    const qsizetype colon = type.indexOf(u':');
    const QStringView head = QStringView(type).left(colon < 0 ? type.size() : colon);
    if (colon >= 0 && QStringView(type).mid(colon).startsWith(":comment:"_L1))
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
    if (head == "app"_L1)
        return u"app"_s;
    if (head == "request"_L1)
        return u"request"_s;
    return {};
}

QString of(const EventSummary &summary)
{
    if (summary.status == EventStatus::Invalid)
        return u"invalid"_s;
    const QString kind = ofType(summary.type);
    return kind.isEmpty() ? u"unknown"_s : kind;
}

} // namespace Hookscope::EventKind
