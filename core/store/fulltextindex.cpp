// SPDX-License-Identifier: MIT
#include "fulltextindex.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include "core/store/eventschema.h"

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Hookscope {

namespace {
// New rows reach the index this long after their commit, many commits at a time.
constexpr int DelayMs = 250;
} // namespace

FullTextIndex::FullTextIndex()
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DelayMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        if (indexBatch(BatchRows) && m_upTo >= 0 && m_upTo < m_maxId())
            m_timer.start(); // still behind: the next batch after a pause for the receiver
    });
}

void FullTextIndex::attach(const QString &connectionName, bool writer,
                           std::function<qint64()> maxId)
{
    m_connectionName = connectionName;
    m_writer = writer;
    m_maxId = std::move(maxId);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    m_available = EventSchema::hasFullText(db);
    m_upTo = -1;
    QSqlQuery q(db);
    if (m_available && q.exec(u"SELECT upto FROM fts_state WHERE id = 1"_s) && q.next())
        m_upTo = q.value(0).toLongLong();
}

void FullTextIndex::setIndexer(std::function<bool()> catchUp, std::function<qint64()> indexedUpTo)
{
    m_indexerCatchUp = std::move(catchUp);
    m_indexerUpTo = std::move(indexedUpTo);
    m_timer.stop();
}

void FullTextIndex::detach()
{
    m_indexerCatchUp = {};
    m_indexerUpTo = {};
    m_timer.stop();
    m_available = false;
    m_upTo = -1;
    m_connectionName.clear();
}

qint64 FullTextIndex::indexedUpTo() const
{
    if (!m_available)
        return -1;
    if (m_writer && m_indexerUpTo)
        return m_indexerUpTo();
    if (m_writer)
        return m_upTo;
    // Another process writes: ask the file.
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (q.exec(u"SELECT upto FROM fts_state WHERE id = 1"_s) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

void FullTextIndex::scheduleUpdate()
{
    if (m_available && m_writer && !m_indexerCatchUp && !m_timer.isActive())
        m_timer.start();
}

bool FullTextIndex::catchUp()
{
    if (!m_writer || !m_available)
        return false;
    if (m_indexerCatchUp)
        return m_indexerCatchUp();
    // Committed rows only: what is still queued is not visible to any query yet.
    while (m_upTo < m_maxId()) {
        const qint64 before = m_upTo;
        if (!indexBatch(BatchRows) || m_upTo == before)
            return false;
    }
    m_timer.stop();
    return true;
}

bool FullTextIndex::indexBatch(qint64 maxRows)
{
    const qint64 maxId = m_maxId ? m_maxId() : 0;
    if (!m_writer || !m_available || m_upTo < 0 || m_upTo >= maxId)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(u"SELECT max(id) FROM (SELECT id FROM events WHERE id > ? ORDER BY id LIMIT ?)"_s);
    q.addBindValue(m_upTo);
    q.addBindValue(maxRows);
    if (!q.exec() || !q.next()) {
        qCWarning(lcStore) << "full-text indexing failed:" << q.lastError().text();
        return false;
    }
    const qint64 upTo = q.value(0).isNull() ? maxId : q.value(0).toLongLong();
    q.finish();
    if (!db.transaction())
        return false;
    QSqlQuery add(db);
    add.prepare(
            u"INSERT INTO events_fts(rowid, body) SELECT id, body FROM events WHERE id > ? AND id <= ? ORDER BY id"_s);
    add.addBindValue(m_upTo);
    add.addBindValue(upTo);
    QSqlQuery mark(db);
    mark.prepare(u"UPDATE fts_state SET upto = ? WHERE id = 1"_s);
    mark.addBindValue(upTo);
    if (!add.exec() || !mark.exec() || !db.commit()) {
        qCWarning(lcStore) << "full-text indexing failed:" << add.lastError().text()
                           << mark.lastError().text() << db.lastError().text();
        db.rollback();
        return false;
    }
    m_upTo = upTo;
    return true;
}

std::optional<QSet<qint64>> FullTextIndex::matches(const QString &words) const
{
    if (!m_available)
        return std::nullopt;
    // Each word becomes a quoted FTS5 string (so punctuation cannot form operators); all must
    // match.
    QStringList terms;
    for (const QString &w : words.split(u' ', Qt::SkipEmptyParts))
        terms.append(u'"' + QString(w).replace(u'"', u"\"\""_s) + u'"');
    if (terms.isEmpty())
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT rowid FROM events_fts WHERE events_fts MATCH ?"_s);
    q.addBindValue(terms.join(u" AND "_s));
    if (!q.exec())
        return std::nullopt;
    QSet<qint64> ids;
    while (q.next())
        ids.insert(q.value(0).toLongLong());
    return ids;
}

bool FullTextIndex::forEachPrefixMatch(const QString &phrase, qint64 upToId,
                                       const std::function<bool(qint64)> &visit) const
{
    if (!m_available)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(
            u"SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid <= ? ORDER BY rowid"_s);
    // One quoted FTS5 string (punctuation inside cannot form operators), '*': prefix on its last
    // word.
    q.addBindValue(QString(u'"' + QString(phrase).replace(u'"', u"\"\""_s) + u"\"*"_s));
    q.addBindValue(upToId < 0 ? Q_INT64_C(0x7fffffffffffffff) : upToId);
    if (!q.exec())
        return false;
    while (q.next()) {
        if (!visit(q.value(0).toLongLong()))
            break;
    }
    return !q.lastError().isValid();
}

} // namespace Hookscope
