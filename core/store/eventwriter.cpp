// SPDX-License-Identifier: MIT
#include "eventwriter.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

#include <sqlite3.h>

#include "core/common/sqlvalues.h"
#include "core/events/eventpayload.h"
#include "core/store/fieldindex.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

// Rows per indexing transaction: small enough that the store's own connection (retention,
// pins, notes) never waits long for the write lock; in the background smaller still, so a
// batch of deliveries waits at most for one such chunk (the next chunk comes after it).
constexpr qint64 IndexBatchRows = 2'000;
constexpr qint64 IndexChunkRows = 50;
// Answers wait this long for a batch of events to ride with before they get a transaction
// of their own.
constexpr std::chrono::milliseconds AnswerDelay{ 200 };
// New rows reach the index this long after their commit at the latest.
constexpr std::chrono::milliseconds IndexDelay{ 250 };
// A field back-fill transaction in the background lasts about this long (a batch of
// deliveries waits at most for one; parsing a body costs tens of microseconds); a requested
// catch-up takes longer ones.
constexpr std::chrono::microseconds FieldChunk{ 3'000 };
constexpr std::chrono::microseconds FieldCatchUpChunk{ 200'000 };

QString sqliteError(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

void bindText(sqlite3_stmt *statement, int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(statement, index, utf8.isNull() ? "" : utf8.constData(), int(utf8.size()),
                      SQLITE_TRANSIENT);
}

} // namespace

EventWriter::EventWriter(BatchDone batchDone) : m_batchDone(std::move(batchDone)) { }

EventWriter::~EventWriter()
{
    close();
}

bool EventWriter::open(const QString &path, QString *error)
{
    close();
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK || !prepare(error)) {
        if (rc != SQLITE_OK && error)
            *error = m_db ? sqliteError(m_db) : QString::fromUtf8(sqlite3_errstr(rc));
        close();
        return false;
    }
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
        m_running = true;
        m_submitted = m_written = 0;
    }
    m_thread = std::thread([this] { run(); });
    return true;
}

bool EventWriter::prepare(QString *error)
{
    // The same durability as the store's own connection: WAL, synced at checkpoints.
    sqlite3_busy_timeout(m_db, 10'000);
    for (const char *pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                                "PRAGMA wal_autocheckpoint=0", "PRAGMA cache_size=-8000" }) {
        if (sqlite3_exec(m_db, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) {
            if (error)
                *error = sqliteError(m_db);
            return false;
        }
    }
    // The second condition lets SQLite use the partial index events_event_id.
    const char *seen = "SELECT 1 FROM events WHERE event_id = ? AND event_id <> '' LIMIT 1";
    const char *insert = "INSERT INTO events (received_at, occurred_at, type, event_id, team, "
                         "actor, entity, summary, source, status, size, org, method, path, query, "
                         "remote_addr, content_type, headers, body) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    const char *answer = "INSERT OR REPLACE INTO answers (event, status, micros, body, mode) "
                         "VALUES (?,?,?,?,?)";
    if (sqlite3_prepare_v3(m_db, seen, -1, SQLITE_PREPARE_PERSISTENT, &m_seen, nullptr) != SQLITE_OK
        || sqlite3_prepare_v3(m_db, insert, -1, SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr)
                != SQLITE_OK
        || sqlite3_prepare_v3(m_db, answer, -1, SQLITE_PREPARE_PERSISTENT, &m_answer, nullptr)
                != SQLITE_OK) {
        if (error)
            *error = sqliteError(m_db);
        return false;
    }
    // Where the index reaches, and how far the committed rows go (no FTS5: no fts_state).
    sqlite3_stmt *q = nullptr;
    m_hasIndex = false;
    m_indexedUpTo = -1;
    if (sqlite3_prepare_v2(m_db, "SELECT upto FROM fts_state WHERE id = 1", -1, &q, nullptr)
                == SQLITE_OK
        && sqlite3_step(q) == SQLITE_ROW) {
        m_hasIndex = true;
        m_indexedUpTo = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    q = nullptr;
    m_committedUpTo = 0;
    if (sqlite3_prepare_v2(m_db, "SELECT coalesce(max(id), 0) FROM events", -1, &q, nullptr)
                == SQLITE_OK
        && sqlite3_step(q) == SQLITE_ROW)
        m_committedUpTo = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    // The field index (schema 8): the paths registered so far, and the insert of their values.
    m_hasFieldIndex = loadFieldPaths()
            && sqlite3_prepare_v3(m_db,
                                  "INSERT INTO field_values (event, path, seq, key, num, time) "
                                  "VALUES (?,?,?,?,?,?)",
                                  -1, SQLITE_PREPARE_PERSISTENT, &m_fieldInsert, nullptr)
                    == SQLITE_OK;
    return true;
}

bool EventWriter::loadFieldPaths()
{
    m_fieldPaths.clear();
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT id, path, upto, live_from FROM field_paths ORDER BY id",
                           -1, &q, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(q);
        return false;
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
        FieldPath p;
        p.id = sqlite3_column_int64(q, 0);
        p.path = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(q, 1)),
                                   sqlite3_column_bytes(q, 1));
        p.upTo = sqlite3_column_int64(q, 2);
        p.liveFrom = sqlite3_column_int64(q, 3);
        m_fieldPaths.push_back(std::move(p));
    }
    sqlite3_finalize(q);
    updateFieldBehind();
    return true;
}

void EventWriter::updateFieldBehind()
{
    qint64 behind = 0;
    for (const FieldPath &p : m_fieldPaths)
        behind += qMax<qint64>(0, p.liveFrom - p.upTo);
    m_fieldBehind = behind;
}

bool EventWriter::fieldsBehind() const
{
    return std::any_of(m_fieldPaths.cbegin(), m_fieldPaths.cend(),
                       [](const FieldPath &p) { return p.upTo < p.liveFrom; });
}

void EventWriter::requestFieldIndex(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_fieldRequests.append(paths);
    }
    m_wake.notify_one();
}

bool EventWriter::catchUpFieldIndex()
{
    if (!m_thread.joinable())
        return false;
    std::unique_lock lock(m_mutex);
    ++m_fieldCatchUps;
    m_wake.notify_one();
    m_done.wait(lock, [this] { return m_fieldCatchUps == 0 || m_stop; });
    return !m_fieldFailed && m_hasFieldIndex;
}

bool EventWriter::registerFieldPaths(const QStringList &paths)
{
    if (!m_hasFieldIndex)
        return false;
    // Rows committed from here on get their values as they are inserted (this runs between
    // batches on the writer thread); the ones before are back-filled up to live_from.
    // last_used counts up, so the least recently used path is the one dropped.
    const char *touch = "UPDATE field_paths SET last_used = "
                        "(SELECT coalesce(max(last_used), 0) + 1 FROM field_paths) WHERE path = ?";
    const char *add = "INSERT OR IGNORE INTO field_paths (path, upto, live_from, last_used) "
                      "VALUES (?, 0, ?, (SELECT coalesce(max(last_used), 0) + 1 FROM field_paths))";
    const char *oldest = "SELECT id FROM field_paths ORDER BY last_used DESC LIMIT -1 OFFSET ?";
    sqlite3_stmt *t = nullptr;
    sqlite3_stmt *a = nullptr;
    sqlite3_stmt *o = nullptr;
    bool ok = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK
            && sqlite3_prepare_v2(m_db, touch, -1, &t, nullptr) == SQLITE_OK
            && sqlite3_prepare_v2(m_db, add, -1, &a, nullptr) == SQLITE_OK
            && sqlite3_prepare_v2(m_db, oldest, -1, &o, nullptr) == SQLITE_OK;
    for (const QString &path : paths) {
        if (!ok)
            break;
        const QByteArray utf8 = path.toUtf8();
        sqlite3_bind_text(t, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        ok = sqlite3_step(t) == SQLITE_DONE;
        sqlite3_reset(t);
        if (ok && sqlite3_changes(m_db) == 0) {
            sqlite3_bind_text(a, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(a, 2, m_committedUpTo);
            ok = sqlite3_step(a) == SQLITE_DONE;
            sqlite3_reset(a);
        }
    }
    std::vector<qint64> dropped;
    if (ok) {
        sqlite3_bind_int(o, 1, FieldIndex::MaxPaths);
        while (sqlite3_step(o) == SQLITE_ROW)
            dropped.push_back(sqlite3_column_int64(o, 0));
        sqlite3_reset(o);
    }
    for (const qint64 id : dropped) {
        const QByteArray sql = QByteArray("DELETE FROM field_values WHERE path = ")
                + QByteArray::number(id)
                + "; DELETE FROM field_paths WHERE id = " + QByteArray::number(id);
        ok = ok && sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    sqlite3_finalize(t);
    sqlite3_finalize(a);
    sqlite3_finalize(o);
    ok = ok && sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok) {
        qWarning("hookscope.store: could not register field paths: %s", sqlite3_errmsg(m_db));
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    loadFieldPaths();
    return ok;
}

bool EventWriter::addFieldValues(qint64 id, const QByteArray &body, const QByteArray &contentType,
                                 const std::vector<const FieldPath *> &paths)
{
    // One parse of the body for all paths (EventPayload parses on first use).
    const EventPayload payload(body, contentType);
    for (const FieldPath *path : paths) {
        const std::vector<FieldIndex::Value> values = FieldIndex::extract(payload, path->path);
        int seq = 0;
        for (const FieldIndex::Value &v : values) {
            sqlite3_stmt *q = m_fieldInsert;
            sqlite3_bind_int64(q, 1, id);
            sqlite3_bind_int64(q, 2, path->id);
            sqlite3_bind_int(q, 3, seq++);
            sqlite3_bind_blob(q, 4, v.key.isNull() ? "" : v.key.constData(), int(v.key.size()),
                              SQLITE_STATIC);
            if (v.number)
                sqlite3_bind_double(q, 5, *v.number);
            else
                sqlite3_bind_null(q, 5);
            if (v.time)
                sqlite3_bind_int64(q, 6, *v.time);
            else
                sqlite3_bind_null(q, 6);
            const int rc = sqlite3_step(q);
            sqlite3_reset(q);
            if (rc != SQLITE_DONE)
                return false;
        }
    }
    return true;
}

bool EventWriter::fieldBatch(std::chrono::microseconds budget)
{
    const auto it = std::find_if(m_fieldPaths.begin(), m_fieldPaths.end(),
                                 [](const FieldPath &p) { return p.upTo < p.liveFrom; });
    if (it == m_fieldPaths.end())
        return true;
    FieldPath &path = *it;
    const auto start = std::chrono::steady_clock::now();
    sqlite3_stmt *rows = nullptr;
    sqlite3_stmt *mark = nullptr;
    bool ok = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK
            && sqlite3_prepare_v2(m_db,
                                  "SELECT id, content_type, body FROM events "
                                  "WHERE id > ? AND id <= ? ORDER BY id",
                                  -1, &rows, nullptr)
                    == SQLITE_OK
            && sqlite3_prepare_v2(m_db, "UPDATE field_paths SET upto = ? WHERE id = ?", -1, &mark,
                                  nullptr)
                    == SQLITE_OK;
    qint64 upTo = path.liveFrom; // when every row is read
    if (ok) {
        sqlite3_bind_int64(rows, 1, path.upTo);
        sqlite3_bind_int64(rows, 2, path.liveFrom);
        const std::vector<const FieldPath *> one{ &path };
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
            const qint64 id = sqlite3_column_int64(rows, 0);
            const QByteArray contentType = QByteArray::fromRawData(
                    reinterpret_cast<const char *>(sqlite3_column_text(rows, 1)),
                    sqlite3_column_bytes(rows, 1));
            const QByteArray body =
                    QByteArray::fromRawData(static_cast<const char *>(sqlite3_column_blob(rows, 2)),
                                            sqlite3_column_bytes(rows, 2));
            if (!addFieldValues(id, body, contentType, one)) {
                ok = false;
                break;
            }
            if (std::chrono::steady_clock::now() - start >= budget) {
                upTo = id;
                break;
            }
        }
        if (ok && rc != SQLITE_ROW && rc != SQLITE_DONE)
            ok = false;
        sqlite3_reset(rows);
        if (ok) {
            sqlite3_bind_int64(mark, 1, upTo);
            sqlite3_bind_int64(mark, 2, path.id);
            ok = sqlite3_step(mark) == SQLITE_DONE
                    && sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        }
    }
    if (!ok) {
        qWarning("hookscope.store: field indexing failed: %s", sqlite3_errmsg(m_db));
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    sqlite3_finalize(rows);
    sqlite3_finalize(mark);
    if (ok)
        path.upTo = upTo;
    updateFieldBehind();
    return ok;
}

bool EventWriter::catchUpIndex()
{
    if (!m_hasIndex || !m_thread.joinable())
        return false;
    std::unique_lock lock(m_mutex);
    ++m_indexRequests;
    m_wake.notify_one();
    m_done.wait(lock, [this] { return m_indexRequests == 0 || m_stop; });
    return !m_indexFailed;
}

bool EventWriter::indexBatch(qint64 maxRows)
{
    const qint64 from = m_indexedUpTo.load();
    if (!m_hasIndex || from < 0 || from >= m_committedUpTo)
        return true;
    const qint64 upTo = qMin(m_committedUpTo, from + maxRows); // ids only grow, gaps are fine
    sqlite3_stmt *add = nullptr;
    sqlite3_stmt *mark = nullptr;
    bool ok = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (ok) {
        ok = sqlite3_prepare_v2(m_db,
                                "INSERT INTO events_fts(rowid, body) SELECT id, body FROM events "
                                "WHERE id > ? AND id <= ? ORDER BY id",
                                -1, &add, nullptr)
                        == SQLITE_OK
                && sqlite3_prepare_v2(m_db, "UPDATE fts_state SET upto = ? WHERE id = 1", -1, &mark,
                                      nullptr)
                        == SQLITE_OK;
        if (ok) {
            sqlite3_bind_int64(add, 1, from);
            sqlite3_bind_int64(add, 2, upTo);
            sqlite3_bind_int64(mark, 1, upTo);
            ok = sqlite3_step(add) == SQLITE_DONE && sqlite3_step(mark) == SQLITE_DONE
                    && sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        }
        if (!ok) {
            qWarning("hookscope.store: full-text indexing failed: %s", sqlite3_errmsg(m_db));
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    sqlite3_finalize(add);
    sqlite3_finalize(mark);
    if (ok)
        m_indexedUpTo = upTo;
    return ok;
}

void EventWriter::close()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_running = false;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    sqlite3_finalize(m_seen);
    sqlite3_finalize(m_insert);
    sqlite3_finalize(m_answer);
    sqlite3_finalize(m_fieldInsert);
    m_seen = m_insert = m_answer = m_fieldInsert = nullptr;
    m_fieldPaths.clear();
    m_fieldBehind = 0;
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

void EventWriter::submit(Event event, Completion done)
{
    {
        std::unique_lock lock(m_mutex);
        if (m_running) {
            m_pending.push_back({ std::move(event), std::move(done) });
            ++m_submitted;
            lock.unlock();
            m_wake.notify_one();
            return;
        }
    }
    if (done)
        done(0, QCoreApplication::translate("Hookscope::EventStore", "The event store was closed"));
}

void EventWriter::submit(std::vector<Entry> entries)
{
    if (entries.empty())
        return;
    {
        std::unique_lock lock(m_mutex);
        if (m_running) {
            m_submitted += entries.size();
            for (Entry &e : entries)
                m_pending.push_back(std::move(e));
            lock.unlock();
            m_wake.notify_one();
            return;
        }
    }
    for (Entry &e : entries)
        if (e.done)
            e.done(0,
                   QCoreApplication::translate("Hookscope::EventStore",
                                               "The event store was closed"));
}

void EventWriter::recordAnswer(qint64 id, EventAnswer answer)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_running || id <= 0)
            return;
        if (m_answers.empty())
            m_answersSince = std::chrono::steady_clock::now();
        m_answers.emplace_back(id, std::move(answer));
    }
    // No wake-up: at 1,000 deliveries a second one per answer was a context switch per event
    // (p99 +1 ms). Answers ride with the next batch; an idle writer looks at least every
    // AnswerDelay and writes those that waited that long alone.
}

quint64 EventWriter::submitted() const
{
    std::lock_guard lock(m_mutex);
    return m_submitted;
}

void EventWriter::waitWritten(quint64 count)
{
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [&] { return m_written >= count || !m_running; });
}

void EventWriter::run()
{
    using Clock = std::chrono::steady_clock;
    Clock::time_point indexDue = Clock::time_point::max(); // set while rows wait for the index
    // Set while a registered path is behind (the next back-fill chunk).
    Clock::time_point fieldDue = fieldsBehind() ? Clock::now() : Clock::time_point::max();
    std::unique_lock lock(m_mutex);
    while (true) {
        const auto ready = [this] {
            return m_stop || !m_pending.empty() || m_indexRequests > 0 || !m_fieldRequests.isEmpty()
                    || m_fieldCatchUps > 0;
        };
        // Answers that came while the writer slept are not signalled: an idle wait is bounded
        // by AnswerDelay so they are written within twice that.
        const Clock::time_point due = std::min(
                { fieldDue, indexDue,
                  m_answers.empty() ? Clock::now() + AnswerDelay : m_answersSince + AnswerDelay });
        m_wake.wait_until(lock, due, ready);
        if (!m_fieldRequests.isEmpty()) {
            // New paths: registered between batches, so every later row gets its values.
            const QStringList paths = std::exchange(m_fieldRequests, {});
            lock.unlock();
            registerFieldPaths(paths);
            lock.lock();
            if (fieldsBehind())
                fieldDue = Clock::now();
        }
        if (m_pending.empty() && m_answers.empty() && m_stop)
            return; // everything submitted is written
        const bool answersDue =
                !m_answers.empty() && (m_stop || Clock::now() >= m_answersSince + AnswerDelay);
        if (!m_pending.empty() || answersDue) {
            // Whatever arrived while the last batch was written is the next one.
            Batch batch;
            const size_t n = std::min(m_pending.size(), size_t(MaxBatch));
            batch.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(m_pending.front()));
                m_pending.pop_front();
            }
            std::vector<std::pair<qint64, EventAnswer>> answers;
            answers.swap(m_answers);
            lock.unlock();
            Result result = write(batch, answers);
            if (!result.added.isEmpty()) {
                m_committedUpTo = result.added.constLast().id;
                if (m_hasIndex && indexDue == Clock::time_point::max())
                    indexDue = Clock::now() + IndexDelay;
            }
            for (qsizetype i = 0; i < qsizetype(batch.size()); ++i) {
                if (Completion &done = batch[size_t(i)].done)
                    done(result.error.isEmpty() ? result.added.at(i).id : 0, result.error);
            }
            batch.clear(); // what the completions hold goes now, outside the lock
            if (m_batchDone && result.count > 0)
                m_batchDone(result);
            lock.lock();
            m_written += quint64(result.count);
            m_done.notify_all();
        }
        const bool requested = m_indexRequests > 0;
        if (m_hasIndex && (requested || Clock::now() >= indexDue)) {
            lock.unlock();
            // Everything when asked; otherwise one chunk, then deliveries first, then the next.
            bool ok = true;
            do {
                ok = indexBatch(requested ? IndexBatchRows : IndexChunkRows);
            } while (ok && requested && m_indexedUpTo.load() < m_committedUpTo);
            lock.lock();
            // Behind: the next chunk as soon as no batch waits; after a failure, later.
            indexDue = !ok                                   ? Clock::now() + 20 * IndexDelay
                    : m_indexedUpTo.load() < m_committedUpTo ? Clock::now()
                                                             : Clock::time_point::max();
            if (requested) {
                m_indexFailed = !ok;
                m_indexRequests = 0;
                m_done.notify_all();
            }
        }
        const bool fieldRequested = m_fieldCatchUps > 0;
        if (fieldRequested || Clock::now() >= fieldDue) {
            lock.unlock();
            // Like the full-text index: everything when asked, else one short chunk and the
            // deliveries first.
            bool ok = true;
            do {
                ok = fieldBatch(fieldRequested ? FieldCatchUpChunk : FieldChunk);
            } while (ok && fieldRequested && fieldsBehind());
            lock.lock();
            fieldDue = !ok           ? Clock::now() + 20 * IndexDelay
                    : fieldsBehind() ? Clock::now()
                                     : Clock::time_point::max();
            if (fieldRequested) {
                m_fieldFailed = !ok;
                m_fieldCatchUps = 0;
                m_done.notify_all();
            }
        }
    }
}

EventWriter::Result EventWriter::write(Batch &batch,
                                       std::vector<std::pair<qint64, EventAnswer>> &answers)
{
    Result result;
    result.count = qsizetype(batch.size());
    result.added.reserve(result.count);
    const auto failed = [&](Result &r) {
        r.error = QCoreApplication::translate("Hookscope::EventStore",
                                              "Could not store %n event(s): %1", nullptr,
                                              int(r.count))
                          .arg(r.error);
        return r;
    };
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        result.error = sqliteError(m_db);
        return failed(result);
    }
    for (const auto &[id, answer] : answers) {
        sqlite3_stmt *q = m_answer;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int(q, 2, answer.status);
        sqlite3_bind_int64(q, 3, answer.micros);
        sqlite3_bind_blob64(q, 4, answer.body.isNull() ? "" : answer.body.constData(),
                            sqlite3_uint64(answer.body.size()), SQLITE_STATIC);
        bindText(q, 5, answer.mode);
        const int rc = sqlite3_step(q);
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        if (rc != SQLITE_DONE) // the record of an answer: never worth losing the events for
            qWarning("hookscope.store: could not record an answer: %s", sqlite3_errmsg(m_db));
    }
    QSet<QString> batchIds;
    // Every registered path gets the values of every new row (all ids are above live_from).
    std::vector<const FieldPath *> fieldPaths;
    for (const FieldPath &p : m_fieldPaths)
        fieldPaths.push_back(&p);
    for (auto &entry : batch) {
        EventSummary &s = entry.event.summary;
        const Event &e = entry.event;
        s.size = e.body.size();
        if (s.status.isEmpty())
            s.status = EventStatus::Ok;
        if (!s.eventId.isEmpty() && s.status == EventStatus::Ok) {
            bool repeat = batchIds.contains(s.eventId);
            if (!repeat) {
                bindText(m_seen, 1, s.eventId);
                repeat = sqlite3_step(m_seen) == SQLITE_ROW;
                sqlite3_reset(m_seen);
            }
            if (repeat)
                s.status = EventStatus::Repeat;
            batchIds.insert(s.eventId);
        }
        sqlite3_stmt *q = m_insert;
        sqlite3_bind_int64(q, 1, s.receivedAt);
        sqlite3_bind_int64(q, 2, s.occurredAt);
        bindText(q, 3, s.type);
        bindText(q, 4, s.eventId);
        bindText(q, 5, s.team);
        bindText(q, 6, s.actor);
        bindText(q, 7, s.entity);
        bindText(q, 8, s.summary);
        bindText(q, 9, s.source);
        bindText(q, 10, s.status);
        sqlite3_bind_int64(q, 11, s.size);
        bindText(q, 12, e.org);
        bindText(q, 13, e.method);
        bindText(q, 14, e.path);
        bindText(q, 15, e.query);
        bindText(q, 16, e.remoteAddress);
        bindText(q, 17, e.contentType);
        const QByteArray headers = SqlValues::headersToJsonUtf8(e.headers);
        sqlite3_bind_text(q, 18, headers.constData(), int(headers.size()), SQLITE_STATIC);
        // A blob: the bytes are stored exactly as received.
        sqlite3_bind_blob64(q, 19, e.body.isNull() ? "" : e.body.constData(),
                            sqlite3_uint64(e.body.size()), SQLITE_STATIC);
        const int rc = sqlite3_step(q);
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        if (rc != SQLITE_DONE) {
            result.error = sqliteError(m_db);
            break;
        }
        s.id = sqlite3_last_insert_rowid(m_db);
        if (!fieldPaths.empty()
            && !addFieldValues(s.id, e.body, e.contentType.toLatin1(), fieldPaths)) {
            result.error = sqliteError(m_db);
            break;
        }
        result.added.append(s);
    }
    if (result.error.isEmpty()
        && sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        result.error = sqliteError(m_db);
    if (!result.error.isEmpty()) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        result.added.clear();
        return failed(result);
    }
    return result;
}

} // namespace Hookscope
