// SPDX-License-Identifier: MIT
#include "teamids.h"

#include <algorithm>

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Hookscope::TeamIds {

namespace {

const QRegularExpression &idPattern()
{
    static const QRegularExpression re(u"^[A-Z0-9]{4,32}$"_s);
    return re;
}

QString stripDecoration(QString entry)
{
    static const QString decoration = u"\"'[]()<>`"_s;
    while (!entry.isEmpty() && decoration.contains(entry.front()))
        entry.remove(0, 1);
    while (!entry.isEmpty() && decoration.contains(entry.back()))
        entry.chop(1);
    return entry;
}

QString problemWith(const QString &candidate)
{
    if (candidate.isEmpty())
        return u"empty"_s;
    if (candidate.size() < 4)
        return u"too short for a team ID (4 to 32 letters and digits)"_s;
    if (candidate.size() > 32)
        return u"too long for a team ID (4 to 32 letters and digits)"_s;
    const bool hasDigit = std::any_of(candidate.cbegin(), candidate.cend(), [](QChar c) { return c.isDigit(); });
    if (hasDigit && idPattern().match(candidate.toUpper()).hasMatch()) // an ID typed in lower case
        return u"team IDs are upper-case (like T123NHFDRF)"_s;
    return u"not a team ID: only upper-case letters and digits (like T123NHFDRF)"_s;
}

} // namespace

bool isValid(const QString &id)
{
    return idPattern().match(id).hasMatch();
}

QString extract(const QString &rawEntry, QString *error)
{
    const QString entry = stripDecoration(rawEntry.trimmed());
    if (!entry.contains(u'/')) {
        if (isValid(entry))
            return entry;
        if (error)
            *error = problemWith(entry);
        return {};
    }
    // A URL: the team ID is the last path segment. Scanning back from the end also accepts
    // a dashboard page below the team (…/T123NHFDRF/settings).
    QString text = entry;
    if (!text.contains(u"://"_s))
        text.prepend(u"https://"_s);
    const QUrl url(text);
    const QStringList segments = url.path().split(u'/', Qt::SkipEmptyParts);
    for (auto it = segments.crbegin(); it != segments.crend(); ++it) {
        if (isValid(*it))
            return *it;
    }
    if (error)
        *error = segments.isEmpty() ? u"this URL has no team ID in its path"_s
                                    : u"this URL does not end with a team ID (…/dashboard/T123NHFDRF)"_s;
    return {};
}

TeamIdList parse(const QStringList &entries)
{
    static const QRegularExpression separators(u"[\\s,;]+"_s);
    TeamIdList result;
    for (const QString &list : entries) {
        const QStringList parts = list.split(separators, Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            if (stripDecoration(part).isEmpty())
                continue; // "[" or "]" of a pasted array standing alone
            QString error;
            const QString id = extract(part, &error);
            if (id.isEmpty())
                result.errors.append({ part, error });
            else if (!result.ids.contains(id))
                result.ids.append(id);
        }
    }
    return result;
}

TeamIdList parse(const QString &text)
{
    return parse(QStringList { text });
}

} // namespace Hookscope::TeamIds
