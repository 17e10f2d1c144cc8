// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace Hookscope::JsonText {

// The JSON text re-indented (`indent` spaces a level), everything else exactly as received:
// keys in their order, strings and numbers with their own spelling and escapes. QJsonDocument
// would sort the keys and respell numbers; the inspector shows what Thena sent. The input must
// be valid JSON (QJsonDocument::fromJson accepted it); whitespace outside strings is replaced.
QString pretty(QByteArrayView json, int indent = 4);

// The same on one line, without whitespace between tokens: {"b":1,"a":[true]}.
QString compact(QByteArrayView json);

// One member of an object, or one element of an array, as written.
struct Member
{
    QString key; // the member's name, decoded; empty for an array element
    QByteArrayView value; // the value's text as received: a view into the scanned input
};

// The members of the object, or the elements of the array, that `json` is, in the order they
// are written; a key written twice is listed twice (QJsonObject sorts its keys and keeps one
// of each). Empty for a scalar or an empty container. For valid JSON; anything else gives
// some list and never reads outside `json`.
QList<Member> members(QByteArrayView json);

// Whether `json` (leading whitespace allowed) is an object or an array.
bool isContainer(QByteArrayView json);

// The value `json` is, decoded by QJsonDocument (so a container loses its key order: walk it
// with members()). Undefined when it is not valid JSON.
QJsonValue value(QByteArrayView json);

} // namespace Hookscope::JsonText
