// SPDX-License-Identifier: MIT
#include "summaryreader.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>

#include <sqlite3.h>

#include <iterator>
#include <limits>

#include "core/events/compactrows.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QByteArrayView valueText(sqlite3_value *value)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(value));
    return text ? QByteArrayView(text, sqlite3_value_bytes(value)) : QByteArrayView();
}

// One API call into the statement per cell instead of two (sqlite3_column_text() and
// sqlite3_column_bytes() each look the column up again, with the statement's checks): about
// a sixth less time for a scan of a million rows. The value is unprotected, which only
// matters to a connection shared between threads; each reader's connection is its own
// (SQLITE_OPEN_NOMUTEX).
QByteArrayView textAt(sqlite3_stmt *statement, int column)
{
    return valueText(sqlite3_column_value(statement, column));
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

namespace {

// The summary columns in the order every summary SELECT names them (bit i of a RowTest's
// columns is SummaryColumnNames[i]).
constexpr const char *SummaryColumnNames[] = { "id",       "received_at", "occurred_at", "type",
                                               "event_id", "team",        "actor",       "entity",
                                               "summary",  "source",      "status",      "size" };
constexpr int SummaryColumnCount = int(std::size(SummaryColumnNames));
constexpr char RowTestFunction[] = "hookscope_row_test";

// What the WHERE clause's function needs: the test and the row it fills.
struct RowTestCall
{
    const SummaryReader::RowTest *test = nullptr;
    int columns[SummaryColumnCount] = {}; // argument i is column columns[i]
    SummaryRow row;
    unsigned calls = 0;
};

void setColumn(SummaryRow &row, int column, sqlite3_value *value)
{
    switch (column) {
    case 0:
        row.id = sqlite3_value_int64(value);
        break;
    case 1:
        row.receivedAt = sqlite3_value_int64(value);
        break;
    case 2:
        row.occurredAt = sqlite3_value_int64(value);
        break;
    case 3:
        row.type = valueText(value);
        break;
    case 4:
        row.eventId = valueText(value);
        break;
    case 5:
        row.team = valueText(value);
        break;
    case 6:
        row.actor = valueText(value);
        break;
    case 7:
        row.entity = valueText(value);
        break;
    case 8:
        row.summary = valueText(value);
        break;
    case 9:
        row.source = valueText(value);
        break;
    case 10:
        row.status = valueText(value);
        break;
    case 11:
        row.size = sqlite3_value_int64(value);
        break;
    default:
        break;
    }
}

void rowTestFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    auto *call = static_cast<RowTestCall *>(sqlite3_user_data(context));
    const std::atomic_bool *cancel = call->test->cancel;
    if (cancel && (++call->calls & 255) == 0 && cancel->load(std::memory_order_relaxed)) {
        sqlite3_result_error_code(context, SQLITE_INTERRUPT);
        return;
    }
    for (int i = 0; i < argc && i < SummaryColumnCount; ++i)
        setColumn(call->row, call->columns[i], argv[i]);
    sqlite3_result_int(context, call->test->accept(call->row) ? 1 : 0);
}

} // namespace

bool SummaryReader::forEachRow(const std::function<bool(const SummaryRow &)> &visit, qint64 afterId,
                               bool requestColumns, const RowTest *test, qint64 upToId)
{
    if (!m_db) {
        m_error = u"not open"_s;
        return false;
    }
    // Both read the covering index of schema 6, never the table with the bodies.
    QByteArray sql = requestColumns
            ? "SELECT id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
              "source, status, size, org, method, path, query, remote_addr, content_type "
              "FROM events INDEXED BY events_summary WHERE id > ? AND id <= ?"_ba
            : "SELECT id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
              "source, status, size "
              "FROM events INDEXED BY events_summary WHERE id > ? AND id <= ?"_ba;
    RowTestCall call;
    if (test) {
        // AND hookscope_row_test(type, team, ...): only the columns the test reads.
        call.test = test;
        sql += " AND ";
        sql += RowTestFunction;
        sql += '(';
        int arguments = 0;
        for (int column = 0; column < SummaryColumnCount; ++column) {
            if (!(test->columns & (1U << column)))
                continue;
            if (arguments > 0)
                sql += ", ";
            sql += SummaryColumnNames[column];
            call.columns[arguments++] = column;
        }
        sql += ')';
        if (sqlite3_create_function_v2(m_db, RowTestFunction, -1, SQLITE_UTF8, &call,
                                       rowTestFunction, nullptr, nullptr, nullptr)
            != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            return false;
        }
    }
    sql += " ORDER BY id";
    // The function points at `call`: it goes when the statement does.
    const auto dropFunction = qScopeGuard([this, test] {
        if (test)
            sqlite3_create_function_v2(m_db, RowTestFunction, -1, SQLITE_UTF8, nullptr, nullptr,
                                       nullptr, nullptr, nullptr);
    });
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &statement, nullptr)
        != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    sqlite3_bind_int64(statement, 1, afterId);
    sqlite3_bind_int64(statement, 2, upToId);
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

bool SummaryReader::beginRead()
{
    if (!m_db) {
        m_error = u"not open"_s;
        return false;
    }
    if (sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    return true;
}

void SummaryReader::endRead()
{
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
}

bool SummaryReader::idRange(qint64 *first, qint64 *last)
{
    *first = *last = 0;
    if (!m_db) {
        m_error = u"not open"_s;
        return false;
    }
    sqlite3_stmt *statement = nullptr;
    // Two subqueries: min() and max() together in one would read the whole index; each alone
    // is one step down the table's b-tree.
    static constexpr char RangeSql[] = "SELECT coalesce((SELECT min(id) FROM events), 0), "
                                       "coalesce((SELECT max(id) FROM events), 0)";
    if (sqlite3_prepare_v2(m_db, RangeSql, -1, &statement, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
        *first = sqlite3_column_int64(statement, 0);
        *last = sqlite3_column_int64(statement, 1);
    } else {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    }
    sqlite3_finalize(statement);
    return rc == SQLITE_ROW;
}

qint64 SummaryReader::dataVersion()
{
    if (!m_db)
        return -1;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA data_version", -1, &statement, nullptr) != SQLITE_OK)
        return -1;
    const qint64 version =
            sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return version;
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
