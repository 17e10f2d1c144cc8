// SPDX-License-Identifier: MIT
#include "eventannotations.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/common/sqlvalues.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

void EventAnnotations::attach(const QString &connectionName, bool writer)
{
    m_connectionName = connectionName;
    m_writer = writer;
}

bool EventAnnotations::write(qint64 id, const EventAnnotation &annotation, QString *error)
{
    if (!m_writer)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (annotation.isEmpty()) {
        q.prepare(u"DELETE FROM annotations WHERE event = ?"_s);
        q.addBindValue(id);
    } else {
        q.prepare(
                u"INSERT INTO annotations (event, pinned, note) SELECT id, ?, ? FROM events WHERE "
                u"id = ? "
                u"ON CONFLICT(event) DO UPDATE SET pinned = excluded.pinned, note = excluded.note"_s);
        q.addBindValue(annotation.pinned ? 1 : 0);
        q.addBindValue(SqlValues::text(annotation.note));
        q.addBindValue(id);
    }
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

EventAnnotation EventAnnotations::read(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT pinned, note FROM annotations WHERE event = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return {};
    return { q.value(0).toBool(), q.value(1).toString() };
}

QHash<qint64, EventAnnotation> EventAnnotations::all() const
{
    QHash<qint64, EventAnnotation> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (q.exec(u"SELECT event, pinned, note FROM annotations"_s))
        while (q.next())
            out.insert(q.value(0).toLongLong(), { q.value(1).toBool(), q.value(2).toString() });
    return out;
}

bool EventAnnotations::recordForward(qint64 id, const ForwardAttempt &attempt)
{
    if (!m_writer)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(
            u"INSERT INTO forwards (event, at, target, status, latency_ms, error) VALUES (?,?,?,?,?,?)"_s);
    q.addBindValue(id);
    q.addBindValue(attempt.at);
    q.addBindValue(SqlValues::text(attempt.target));
    q.addBindValue(attempt.status);
    q.addBindValue(attempt.latencyMs);
    q.addBindValue(SqlValues::text(attempt.error));
    return q.exec();
}

QList<ForwardAttempt> EventAnnotations::forwards(qint64 id) const
{
    QList<ForwardAttempt> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(
            u"SELECT at, target, status, latency_ms, error FROM forwards WHERE event = ? ORDER BY rowid"_s);
    q.addBindValue(id);
    if (q.exec())
        while (q.next())
            out.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(),
                         q.value(3).toLongLong(), q.value(4).toString() });
    return out;
}

} // namespace Hookscope
