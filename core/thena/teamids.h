// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Hookscope {

struct TeamIdError
{
    QString entry; // what was typed or pasted
    QString message; // why it is not a team ID
};

struct TeamIdList
{
    QStringList ids; // valid, deduplicated, in input order
    QList<TeamIdError> errors;

    bool isValid() const { return errors.isEmpty() && !ids.isEmpty(); }
};

// Team IDs as people paste them: "T123NHFDRF", a dashboard URL
// (https://dashboard.thena.ai/dashboard/T123NHFDRF, with or without a trailing slash, query or
// fragment, or without the scheme), separated by commas, semicolons, spaces or newlines;
// surrounding quotes and brackets (a pasted JSON array) are ignored.
//
// A team ID is 4 to 32 upper-case ASCII letters and digits (Thena's are like T123NHFDRF).
// Lower-case input is refused rather than upper-cased: IDs are case-sensitive and a
// lower-case one is more likely something else pasted by mistake.
namespace TeamIds {

bool isValid(const QString &id);
// The team ID of one entry (an ID or a URL); empty with *error set when there is none.
QString extract(const QString &entry, QString *error = nullptr);
TeamIdList parse(const QString &text);
TeamIdList parse(const QStringList &entries); // each entry may itself be a list

} // namespace TeamIds

} // namespace Hookscope
