// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Hookscope::EventDiff {

// One field that differs between two JSON documents.
struct Change
{
    enum class Kind : quint8 { Changed, Added, Removed };

    Kind kind = Kind::Changed;
    // Dotted like the inspector's paths and the filter language's: "payload.ticket.priorityName",
    // "payload.ticket.tags[1]".
    QString path;
    QString before; // the old value as compact JSON, as written ("High" with its quotes); empty
                    // when added
    QString after; // the new value likewise; empty when removed

    friend bool operator==(const Change &a, const Change &b)
    {
        return a.kind == b.kind && a.path == b.path && a.before == b.before && a.after == b.after;
    }
};

// What differs from `before` to `after` (both JSON texts), field by field: objects key by key
// (in the order of `after`, then the keys only `before` has), arrays index by index, down to
// scalars, so nested fields come out as flattened paths. A field on one side only is Added or
// Removed, one entry per scalar under it (an empty object or array is an entry of its own).
// Values of different types are Changed where they meet. Numbers compare by value (1.0 is 1),
// strings exactly. A key written twice counts as its last occurrence, as JSON parsers read it.
// Paths start with `prefix`.
QList<Change> compare(QByteArrayView before, QByteArrayView after, const QString &prefix = {});

// A previous version of something that a body carries next to the current one.
struct VersionPair
{
    QString previousPath; // "payload.previousTicket"
    QString currentPath; // "payload.ticket"
};

// Every pair in the body, in document order: in any object, a member "previousX" next to a
// member "x" (previousTicket and ticket, previousValue and value) or "X", or "previous" next to
// "current". Previous versions are not searched for pairs of their own.
QList<VersionPair> versionPairs(QByteArrayView body);

// The changes of every version pair of the body, from the previous version to the current
// one, named by the current version's paths ("payload.ticket.priorityName"). Empty when the
// body carries no previous version (or it equals the current one).
QList<Change> previousVersionChanges(QByteArrayView body);

} // namespace Hookscope::EventDiff
