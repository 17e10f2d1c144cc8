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
    const bool hasDigit =
            std::any_of(candidate.cbegin(), candidate.cend(), [](QChar c) { return c.isDigit(); });
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
    // A URL. Thena's docs: the team ID is the segment after /dashboard/
    // (https://dashboard.thena.ai/dashboard/T123NHFDRF). A deeper page of that team
    // (…/T123NHFDRF/tickets/1042) keeps it there; "1042" is a ticket number, not a team.
    QString text = entry;
    if (!text.contains(u"://"_s))
        text.prepend(u"https://"_s);
    const QUrl url(text);
    const QStringList segments = url.path().split(u'/', Qt::SkipEmptyParts);
    const qsizetype dashboard = segments.indexOf(u"dashboard"_s);
    if (dashboard >= 0 && dashboard + 1 < segments.size()) {
        if (isValid(segments.at(dashboard + 1)))
            return segments.at(dashboard + 1);
        if (error)
            *error = u"“%1” after /dashboard/ is not a team ID (like T123NHFDRF)"_s.arg(
                    segments.at(dashboard + 1));
        return {};
    }
    // Another URL shape: the last segment that looks like a team ID (letters and digits, not a
    // bare number such as a ticket or page number).
    for (auto it = segments.crbegin(); it != segments.crend(); ++it) {
        const bool hasLetter =
                std::any_of(it->cbegin(), it->cend(), [](QChar c) { return c.isLetter(); });
        if (hasLetter && isValid(*it))
            return *it;
    }
    if (error)
        *error = segments.isEmpty() ? u"this URL has no team ID in its path"_s
                                    : u"this URL does not name a team (…/dashboard/T123NHFDRF)"_s;
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
    return parse(QStringList{ text });
}

} // namespace Hookscope::TeamIds
