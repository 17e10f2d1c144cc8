// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace Hookscope {

// The user's own marks on an event, kept beside it (schema 3).
struct EventAnnotation
{
    bool pinned = false;
    QString note;
    bool isEmpty() const { return !pinned && note.isEmpty(); }
};

// Where an event was forwarded or replayed to, and how it went (schema 4).
struct ForwardAttempt
{
    qint64 at = 0; // ms since epoch
    QString target;
    int status = 0;
    qint64 latencyMs = 0;
    QString error; // empty: delivered (2xx)
};

// The annotations and forwards tables of the event database, on the store's connection.
// Rows follow their event: triggers delete them with it (retention, Clear history).
class EventAnnotations final
{
public:
    void attach(const QString &connectionName, bool writer);

    // Writes (or, when empty, removes) the annotation of an existing event.
    bool write(qint64 id, const EventAnnotation &annotation, QString *error);
    EventAnnotation read(qint64 id) const;
    QHash<qint64, EventAnnotation> all() const;

    bool recordForward(qint64 id, const ForwardAttempt &attempt);
    QList<ForwardAttempt> forwards(qint64 id) const;

private:
    QString m_connectionName;
    bool m_writer = false;
};

} // namespace Hookscope
