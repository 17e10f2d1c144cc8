// SPDX-License-Identifier: MIT
#include "summaryreader.h"

#include <QDir>
#include <QFile>

#include <sqlite3.h>

#include <limits>

#include "core/events/compactrows.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QByteArrayView textAt(sqlite3_stmt *statement, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(statement, column)) : QByteArrayView();
}

// The twelve summary columns, in the order every summary SELECT names them, into any row
// with those fields (SummaryRow, CompactRows::Utf8Row): text as views of SQLite's bytes.
template<typename Row>
void readSummaryColumns(sqlite3_stmt *statement, Row &row)
{
    row.id = sqlite3_column_int64(statement, 0);
    row.receivedAt = sqlite3_column_int64(statement, 1);
    row.occurredAt = sqlite3_column_int64(statement, 2);
    row.type = textAt(statement, 3);
    row.eventId = textAt(statement, 4);
    row.team = textAt(statement, 5);
    row.actor = textAt(statement, 6);
    row.entity = textAt(statement, 7);
    row.summary = textAt(statement, 8);
    row.source = textAt(statement, 9);
    row.status = textAt(statement, 10);
    row.size = sqlite3_column_int64(statement, 11);
}

} // namespace

EventSummary SummaryRow::toSummary() const
{
    EventSummary s;
    s.id = id;
    s.receivedAt = receivedAt;
    s.occurredAt = occurredAt;
    s.size = size;
    s.type = QString::fromUtf8(type);
    s.eventId = QString::fromUtf8(eventId);
    s.team = QString::fromUtf8(team);
    s.actor = QString::fromUtf8(actor);
    s.entity = QString::fromUtf8(entity);
    s.summary = QString::fromUtf8(summary);
    s.source = QString::fromUtf8(source);
    s.status = QString::fromUtf8(status);
    return s;
}

SummaryReader::~SummaryReader()
{
    close();
}

void SummaryReader::close()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

QString SummaryReader::errorString() const
{
    return m_error;
}

bool SummaryReader::open(const QString &databasePath, bool mapFile)
{
    close();
    m_error.clear();
    const QByteArray path = QFile::encodeName(databasePath);
    if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr)
        != SQLITE_OK) {
        m_error = u"cannot open %1: %2"_s.arg(
                QDir::toNativeSeparators(databasePath),
                QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "out of memory"));
        close();
        return false;
    }
    sqlite3_busy_timeout(m_db, 5000);
    // Map the file: rows are read where they lie instead of being copied through read().
    if (mapFile)
        sqlite3_exec(m_db, "PRAGMA mmap_size=1073741824", nullptr, nullptr, nullptr);
    return true;
}

bool SummaryReader::forEachRow(const std::function<bool(const SummaryRow &)> &visit, qint64 afterId,
                               bool requestColumns)
{
    if (!m_db) {
        m_error = u"not open"_s;
        return false;
    }
    // Both read the covering index of schema 6, never the table with the bodies.
    static constexpr char SummarySql[] =
            "SELECT id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
            "source, status, size "
            "FROM events INDEXED BY events_summary WHERE id > ? ORDER BY id";
    static constexpr char FullSql[] =
            "SELECT id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
            "source, status, size, org, method, path, query, remote_addr, content_type "
            "FROM events INDEXED BY events_summary WHERE id > ? ORDER BY id";
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, requestColumns ? FullSql : SummarySql, -1, &statement, nullptr)
        != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    sqlite3_bind_int64(statement, 1, afterId);
    SummaryRow row;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        readSummaryColumns(statement, row);
        if (requestColumns) {
            row.org = textAt(statement, 12);
            row.method = textAt(statement, 13);
            row.path = textAt(statement, 14);
            row.query = textAt(statement, 15);
            row.remoteAddress = textAt(statement, 16);
            row.contentType = textAt(statement, 17);
        }
        if (!visit(row)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(statement);
    return rc == SQLITE_DONE;
}

bool SummaryReader::appendSummaries(CompactRows &rows, qint64 afterId, qint64 beforeId,
                                    qint64 newest)
{
    if (!m_db) {
        m_error = u"not open"_s;
        return false;
    }
    if (beforeId <= 0)
        beforeId = std::numeric_limits<qint64>::max();
    if (newest == 0 || afterId >= beforeId - 1)
        return true;
    // The newest N below beforeId: find where they start (the N-th id from the top, on the
    // covering index), then read them forwards, so the rows arrive in id order.
    if (newest > 0) {
        static constexpr char StartSql[] =
                "SELECT id FROM events INDEXED BY events_summary WHERE id > ? AND id < ? "
                "ORDER BY id DESC LIMIT 1 OFFSET ?";
        sqlite3_stmt *start = nullptr;
        if (sqlite3_prepare_v2(m_db, StartSql, -1, &start, nullptr) != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            return false;
        }
        sqlite3_bind_int64(start, 1, afterId);
        sqlite3_bind_int64(start, 2, beforeId);
        sqlite3_bind_int64(start, 3, newest - 1);
        const int rc = sqlite3_step(start);
        if (rc == SQLITE_ROW)
            afterId = sqlite3_column_int64(start, 0) - 1; // fewer rows than that: all of them
        else if (rc != SQLITE_DONE)
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(start);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return false;
    }
    static constexpr char RowsSql[] =
            "SELECT id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
            "source, status, size "
            "FROM events INDEXED BY events_summary WHERE id > ? AND id < ? ORDER BY id";
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, RowsSql, -1, &statement, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    sqlite3_bind_int64(statement, 1, afterId);
    sqlite3_bind_int64(statement, 2, beforeId);
    if (newest > 0)
        rows.reserve(rows.size() + newest);
    CompactRows::Utf8Row row;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        readSummaryColumns(statement, row);
        rows.append(row);
    }
    if (rc != SQLITE_DONE)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(statement);
    return rc == SQLITE_DONE;
}

} // namespace Hookscope
