// SPDX-License-Identifier: MIT
#include "eventstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include "common/sqlitefile.h"
#include "events/eventparser.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "hookscope.store")

namespace Hookscope {

namespace {

constexpr int MaxBatch = 512;
// 0: commit as soon as the event loop has read everything that is ready, so requests that
// arrive together share one transaction without any added wait.
constexpr int CommitDelayMs = 0;
// New rows reach the full-text index this long after their commit, many commits at a time.
constexpr int IndexDelayMs = 250;
constexpr qint64 IndexBatchRows = 20'000;

// Column order shared by every SELECT of whole events.
const QString EventColumns = u"id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
                             u"source, status, size, org, method, path, query, remote_addr, content_type, "
                             u"headers, body"_s;
const QString SummaryColumns = u"id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
                               u"source, status, size"_s;

QString headersToJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        // Latin-1 maps every byte to one character and back: header bytes survive exactly,
        // whatever their encoding.
        array.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

HeaderList headersFromJson(const QString &json)
{
    HeaderList headers;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    headers.reserve(array.size());
    for (const QJsonValue &pair : array) {
        const QJsonArray p = pair.toArray();
        headers.append({p.at(0).toString().toLatin1(), p.at(1).toString().toLatin1()});
    }
    return headers;
}

void readSummary(const QSqlQuery &q, EventSummary &s)
{
    s.id = q.value(0).toLongLong();
    s.receivedAt = q.value(1).toLongLong();
    s.occurredAt = q.value(2).toLongLong();
    s.type = q.value(3).toString();
    s.eventId = q.value(4).toString();
    s.team = q.value(5).toString();
    s.actor = q.value(6).toString();
    s.entity = q.value(7).toString();
    s.summary = q.value(8).toString();
    s.source = q.value(9).toString();
    s.status = q.value(10).toString();
    s.size = q.value(11).toLongLong();
}

Event readEvent(const QSqlQuery &q)
{
    Event e;
    readSummary(q, e.summary);
    e.org = q.value(12).toString();
    e.method = q.value(13).toString();
    e.path = q.value(14).toString();
    e.query = q.value(15).toString();
    e.remoteAddress = q.value(16).toString();
    e.contentType = q.value(17).toString();
    e.headers = headersFromJson(q.value(18).toString());
    e.body = q.value(19).toByteArray();
    return e;
}

// SQLite stores a null QString as NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? QString(u""_s) : s;
}

} // namespace

EventStore::EventStore(QObject *parent)
    : QObject(parent)
    , m_connectionName(u"hookscope-store-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(CommitDelayMs);
    connect(&m_commitTimer, &QTimer::timeout, this, &EventStore::commitBatch);
    m_indexTimer.setSingleShot(true);
    m_indexTimer.setInterval(IndexDelayMs);
    connect(&m_indexTimer, &QTimer::timeout, this, [this] {
        if (indexFullText(IndexBatchRows) && m_ftsUpTo >= 0 && m_ftsUpTo < m_maxId)
            m_indexTimer.start(); // still behind: the next batch after a pause for the receiver
    });
}

EventStore::~EventStore()
{
    close();
}

QString EventStore::databaseFileName()
{
    return u"events.db"_s;
}

bool EventStore::open(const QString &dataDir)
{
    if (!openDatabase(dataDir, false))
        return false;
    // Checkpoints move to a thread of their own (see WalCheckpointer).
    exec(u"PRAGMA wal_autocheckpoint=0"_s);
    m_checkpointer.start(m_path);
    return true;
}

bool EventStore::openReadOnly(const QString &dataDir)
{
    // No mmap here: the GUI's filter worker reads through this, and every mapped page it
    // touched would count as the app's resident memory. (The export's SummaryReader maps.)
    return openDatabase(dataDir, true);
}

bool EventStore::openDatabase(const QString &dataDir, bool readOnly)
{
    close();
    m_error.clear();
    m_recoveryNote.clear();
    m_readOnly = readOnly;
    if (!readOnly && !QDir().mkpath(dataDir)) {
        m_error = tr("Cannot create the data directory %1").arg(QDir::toNativeSeparators(dataDir));
        return false;
    }
    m_path = QDir(dataDir).filePath(databaseFileName());
    if (readOnly && !QFile::exists(m_path)) {
        m_error = tr("No event database at %1").arg(QDir::toNativeSeparators(m_path));
        return false;
    }

    bool checkedAtOpen = false;
    for (int attempt = 0; attempt < 2; ++attempt) {
        // Readers never run the full check: a writer may be busy with the file, and errors
        // surface anyway. Writers run it when the file is small or was not closed cleanly;
        // otherwise it runs in the background once the file is open (see SqliteFile).
        checkedAtOpen = !readOnly && SqliteFile::needsCheckAtOpen(m_path);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
            db.setDatabaseName(m_path);
            if (readOnly)
                db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
            else
                db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
            if (!db.open()) {
                m_error = tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(m_path), db.lastError().text());
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(m_connectionName);
                return false;
            }
        }
        m_open = true;
        m_damaged = false;
        const bool configured = configure(readOnly, checkedAtOpen);
        if (configured) {
            m_stampOnClose = !readOnly;
            break;
        }
        close();
        if (!m_damaged || attempt == 1 || !moveAside(m_damageReason))
            return false;
        m_error.clear();
        // The damaged file is out of the way: open a fresh one.
    }
    if (!readOnly && !checkedAtOpen) {
        // A large file closed cleanly: bit rot since then would otherwise only show when the
        // damaged pages are read.
        m_backgroundCheck = std::make_unique<SqliteFile::BackgroundCheck>(
            m_path, this, [this](const SqliteFile::CheckResult &result) {
                if (result.outcome == SqliteFile::CheckResult::Failed) {
                    qCWarning(lcStore).noquote() << "could not check the event database in the background:" << result.reason;
                    return;
                }
                if (result.outcome != SqliteFile::CheckResult::Damaged)
                    return;
                m_stampOnClose = false; // the next open checks the whole file and moves it aside
                const QString message = tr("The event database %1 is damaged (%2). Restart Hookscope: it will move "
                                           "the file aside and start a new one.")
                                            .arg(QDir::toNativeSeparators(m_path), result.reason);
                qCWarning(lcStore).noquote() << message;
                Q_EMIT storeError(message);
            });
    }
    return true;
}

bool EventStore::configure(bool readOnly, bool fullCheck)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);

    const SqliteFile::CheckResult checked = SqliteFile::check(db, fullCheck);
    if (checked.outcome == SqliteFile::CheckResult::Damaged) {
        m_error = tr("The event database %1 is damaged: %2").arg(QDir::toNativeSeparators(m_path), checked.reason);
        m_damaged = !readOnly; // openDatabase() moves it aside once the connection is closed
        m_damageReason = checked.reason;
        return false;
    }
    if (checked.outcome == SqliteFile::CheckResult::Failed) {
        // Busy, unreadable, an I/O error: nothing says the file is damaged, so it stays.
        m_error = tr("Cannot read the event database %1: %2").arg(QDir::toNativeSeparators(m_path), checked.reason);
        return false;
    }

    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
        m_error = tr("Cannot read the schema version: %1").arg(q.lastError().text());
        return false;
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > SchemaVersion) {
        m_error = SqliteFile::newerSchemaMessage(tr("event database"), u"Hookscope"_s, m_path, version, SchemaVersion);
        return false;
    }
    if (readOnly) {
        if (version == 0) {
            m_error = tr("%1 is not a Hookscope event database").arg(QDir::toNativeSeparators(m_path));
            return false;
        }
        if (version < SchemaVersion) {
            m_error = tr("The event database uses an older schema (%1): open it once with "
                         "`hookscope listen` or the app to upgrade it")
                          .arg(version);
            return false;
        }
    } else {
        // Only now, with the version known to be ours, may anything be written to the file;
        // from the first write on, a crash leaves no clean-close stamp.
        SqliteFile::removeCleanStamp(m_path);
        exec(u"PRAGMA journal_mode=WAL"_s);
        // NORMAL in WAL mode: a commit survives a crash or kill of this process (the WAL is in
        // the OS cache); only a power cut can lose the last few transactions.
        exec(u"PRAGMA synchronous=NORMAL"_s);
        if (!migrate())
            return false;
    }
    exec(u"PRAGMA temp_store=MEMORY"_s);
    exec(u"PRAGMA cache_size=-16000"_s);

    if (q.exec(u"SELECT 1 FROM sqlite_master WHERE name = 'events_fts'"_s))
        m_fts = q.next();
    m_ftsUpTo = -1;
    if (m_fts && q.exec(u"SELECT upto FROM fts_state WHERE id = 1"_s) && q.next())
        m_ftsUpTo = q.value(0).toLongLong();
    if (q.exec(u"SELECT count(*), coalesce(max(id), 0) FROM events"_s) && q.next()) {
        m_count = q.value(0).toLongLong();
        m_maxId = q.value(1).toLongLong();
    }
    return true;
}

bool EventStore::moveAside(const QString &reason)
{
    QString error;
    const QString aside = SqliteFile::moveAside(m_path, &error);
    if (aside.isEmpty()) {
        m_error = SqliteFile::notMovedAsideMessage(tr("event database"), m_path, reason, error);
        m_recoveryNote.clear();
        return false;
    }
    m_recoveryNote = SqliteFile::movedAsideMessage(tr("event database"), m_path, reason, aside);
    qCWarning(lcStore).noquote() << m_recoveryNote;
    return true;
}

bool EventStore::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.exec(u"PRAGMA user_version"_s);
    q.next();
    int version = q.value(0).toInt();
    q.finish();
    // Each step runs in its own transaction and bumps user_version: an interrupted upgrade
    // resumes where it stopped.
    const std::function<bool()> steps[] = {[this] { return migrateTo1(); }, [this] { return migrateTo2(); },
                                           [this] { return migrateTo3(); }, [this] { return migrateTo4(); },
                                           [this] { return migrateTo5(); }, [this] { return migrateTo6(); }};
    for (; version < SchemaVersion; ++version) {
        if (!db.transaction()) {
            m_error = tr("Cannot start the schema upgrade: %1").arg(db.lastError().text());
            return false;
        }
        if (!steps[version]() || !exec(u"PRAGMA user_version = %1"_s.arg(version + 1)) || !db.commit()) {
            db.rollback();
            if (m_error.isEmpty())
                m_error = tr("Schema upgrade to version %1 failed: %2").arg(version + 1).arg(db.lastError().text());
            return false;
        }
        if (version > 0)
            qCInfo(lcStore) << "migrated event database to schema" << version + 1;
    }
    return true;
}

// Schema 1: the first release's table.
bool EventStore::migrateTo1()
{
    return exec(u"CREATE TABLE events ("
                u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
                u" received_at INTEGER NOT NULL,"
                u" occurred_at INTEGER NOT NULL DEFAULT 0,"
                u" type TEXT NOT NULL,"
                u" event_id TEXT NOT NULL DEFAULT '',"
                u" team TEXT NOT NULL DEFAULT '',"
                u" entity TEXT NOT NULL DEFAULT '',"
                u" summary TEXT NOT NULL DEFAULT '',"
                u" source TEXT NOT NULL,"
                u" status TEXT NOT NULL,"
                u" size INTEGER NOT NULL,"
                u" method TEXT NOT NULL DEFAULT '',"
                u" path TEXT NOT NULL DEFAULT '',"
                u" query TEXT NOT NULL DEFAULT '',"
                u" content_type TEXT NOT NULL DEFAULT '',"
                u" headers TEXT NOT NULL DEFAULT '[]',"
                u" body BLOB)"_s)
        && exec(u"CREATE INDEX events_received_at ON events(received_at)"_s)
        && exec(u"CREATE INDEX events_type ON events(type)"_s)
        && exec(u"CREATE INDEX events_team ON events(team)"_s);
}

// Schema 2: actor, org and remote address; an index for repeat detection; full-text search.
bool EventStore::migrateTo2()
{
    if (!exec(u"ALTER TABLE events ADD COLUMN actor TEXT NOT NULL DEFAULT ''"_s)
        || !exec(u"ALTER TABLE events ADD COLUMN org TEXT NOT NULL DEFAULT ''"_s)
        || !exec(u"ALTER TABLE events ADD COLUMN remote_addr TEXT NOT NULL DEFAULT ''"_s)
        || !exec(u"CREATE INDEX events_event_id ON events(event_id) WHERE event_id <> ''"_s))
        return false;

    // Rows written by schema 1 get the new derived fields from their stored bodies, and their
    // headers move from UTF-8 text to the byte-exact Latin-1 mapping schema 2 uses.
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery select(db);
    select.setForwardOnly(true);
    QSqlQuery update(db);
    update.prepare(u"UPDATE events SET actor = ?, org = ?, headers = ? WHERE id = ?"_s);
    if (!select.exec(u"SELECT id, body, content_type, headers FROM events"_s)) {
        m_error = tr("Schema upgrade to version 2 failed: %1").arg(select.lastError().text());
        return false;
    }
    while (select.next()) {
        const ParsedEvent parsed = EventParser::parse(select.value(1).toByteArray(), select.value(2).toString().toUtf8());
        HeaderList headers;
        const QJsonArray v1 = QJsonDocument::fromJson(select.value(3).toString().toUtf8()).array();
        for (const QJsonValue &pair : v1)
            headers.append({pair.toArray().at(0).toString().toLatin1(), pair.toArray().at(1).toString().toUtf8()});
        update.addBindValue(text(parsed.actor));
        update.addBindValue(text(parsed.org));
        update.addBindValue(headersToJson(headers));
        update.addBindValue(select.value(0));
        if (!update.exec()) {
            m_error = tr("Schema upgrade to version 2 failed on event %1: %2")
                          .arg(select.value(0).toLongLong())
                          .arg(update.lastError().text());
            return false;
        }
    }

    // FTS5 is optional: SQLite builds without it still get a working store.
    QSqlQuery probe(db);
    if (!probe.exec(u"CREATE VIRTUAL TABLE events_fts USING fts5(body, content='events', content_rowid='id')"_s)) {
        qCInfo(lcStore) << "SQLite has no FTS5; full-text search falls back to scanning:" << probe.lastError().text();
        return true;
    }
    return exec(u"CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN"
                u" INSERT INTO events_fts(rowid, body) VALUES (new.id, new.body); END"_s)
        && exec(u"CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN"
                u" INSERT INTO events_fts(events_fts, rowid, body) VALUES ('delete', old.id, old.body); END"_s)
        && exec(u"INSERT INTO events_fts(events_fts) VALUES ('rebuild')"_s);
}

// Schema 3: pins and notes, one row per annotated event, gone with the event.
bool EventStore::migrateTo3()
{
    return exec(u"CREATE TABLE annotations ("
                u" event INTEGER PRIMARY KEY,"
                u" pinned INTEGER NOT NULL DEFAULT 0,"
                u" note TEXT NOT NULL DEFAULT '')"_s)
        && exec(u"CREATE TRIGGER annotations_follow_events AFTER DELETE ON events BEGIN"
                u" DELETE FROM annotations WHERE event = old.id; END"_s);
}

// Schema 4: forwarding and replay attempts per event.
bool EventStore::migrateTo4()
{
    return exec(u"CREATE TABLE forwards ("
                u" event INTEGER NOT NULL,"
                u" at INTEGER NOT NULL,"
                u" target TEXT NOT NULL,"
                u" status INTEGER NOT NULL,"
                u" latency_ms INTEGER NOT NULL,"
                u" error TEXT NOT NULL DEFAULT '')"_s)
        && exec(u"CREATE INDEX forwards_event ON forwards(event)"_s)
        && exec(u"CREATE TRIGGER forwards_follow_events AFTER DELETE ON events BEGIN"
                u" DELETE FROM forwards WHERE event = old.id; END"_s);
}

// Schema 5: the full-text index is filled in the background, in large batches, instead of
// by a trigger in every commit (each commit made a new FTS5 segment and merged segments: the
// largest part of a delivery's cost). fts_state.upto is how far the index reaches; deletes
// only need to remove rows the index has.
bool EventStore::migrateTo5()
{
    QSqlQuery probe(QSqlDatabase::database(m_connectionName, false));
    if (!probe.exec(u"SELECT 1 FROM sqlite_master WHERE name = 'events_fts'"_s) || !probe.next())
        return true; // no FTS5 in this SQLite
    probe.finish();
    return exec(u"DROP TRIGGER IF EXISTS events_fts_insert"_s) && exec(u"DROP TRIGGER IF EXISTS events_fts_delete"_s)
        && exec(u"CREATE TABLE fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL)"_s)
        && exec(u"INSERT INTO fts_state (id, upto) SELECT 1, coalesce(max(id), 0) FROM events"_s)
        && exec(u"CREATE TRIGGER events_fts_delete AFTER DELETE ON events"
                u" WHEN old.id <= (SELECT upto FROM fts_state WHERE id = 1) BEGIN"
                u" INSERT INTO events_fts(events_fts, rowid, body) VALUES ('delete', old.id, old.body); END"_s);
}

// Schema 6: the summary columns in one covering index, in id order. A row holds its body
// too (kilobytes), so walking summaries through the table read the whole file: the table
// model's load at start and summary-level exports now read the narrow index instead. The
// three single-column indexes of schema 1 were never used by a query and cost every insert.
bool EventStore::migrateTo6()
{
    return exec(u"DROP INDEX IF EXISTS events_received_at"_s) && exec(u"DROP INDEX IF EXISTS events_type"_s)
        && exec(u"DROP INDEX IF EXISTS events_team"_s)
        && exec(u"CREATE INDEX events_summary ON events(id, received_at, occurred_at, type, event_id, team, actor, "
                u"entity, summary, source, status, size, org, method, path, query, remote_addr, content_type)"_s);
}

qint64 EventStore::fullTextIndexedUpTo() const
{
    if (!m_fts)
        return -1;
    if (!m_readOnly)
        return m_ftsUpTo;
    // Another process writes: ask the file.
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (q.exec(u"SELECT upto FROM fts_state WHERE id = 1"_s) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

bool EventStore::catchUpFullText() const
{
    if (!m_open || m_readOnly || !m_fts)
        return false;
    // The index is a cache of committed rows: filling it changes nothing a reader can see
    // but speed. (No EventStore is created const.)
    auto *self = const_cast<EventStore *>(this);
    // Committed rows only: what is still queued is not visible to any query yet.
    while (m_ftsUpTo < m_maxId) {
        const qint64 before = m_ftsUpTo;
        if (!self->indexFullText(IndexBatchRows) || m_ftsUpTo == before)
            return false;
    }
    self->m_indexTimer.stop();
    return true;
}

bool EventStore::indexFullText(qint64 maxRows)
{
    if (!m_open || m_readOnly || !m_fts || m_ftsUpTo < 0 || m_ftsUpTo >= m_maxId)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(u"SELECT max(id) FROM (SELECT id FROM events WHERE id > ? ORDER BY id LIMIT ?)"_s);
    q.addBindValue(m_ftsUpTo);
    q.addBindValue(maxRows);
    if (!q.exec() || !q.next()) {
        qCWarning(lcStore) << "full-text indexing failed:" << q.lastError().text();
        return false;
    }
    const qint64 upTo = q.value(0).isNull() ? m_maxId : q.value(0).toLongLong();
    q.finish();
    if (!db.transaction())
        return false;
    QSqlQuery add(db);
    add.prepare(u"INSERT INTO events_fts(rowid, body) SELECT id, body FROM events WHERE id > ? AND id <= ? ORDER BY id"_s);
    add.addBindValue(m_ftsUpTo);
    add.addBindValue(upTo);
    QSqlQuery mark(db);
    mark.prepare(u"UPDATE fts_state SET upto = ? WHERE id = 1"_s);
    mark.addBindValue(upTo);
    if (!add.exec() || !mark.exec() || !db.commit()) {
        qCWarning(lcStore) << "full-text indexing failed:" << add.lastError().text() << mark.lastError().text()
                           << db.lastError().text();
        db.rollback();
        return false;
    }
    m_ftsUpTo = upTo;
    return true;
}

void EventStore::indexFullTextLater()
{
    if (m_fts && !m_indexTimer.isActive())
        m_indexTimer.start();
}

bool EventStore::recordForward(qint64 id, const QString &target, int status, qint64 latencyMs, const QString &error)
{
    if (!m_open || m_readOnly)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"INSERT INTO forwards (event, at, target, status, latency_ms, error) VALUES (?,?,?,?,?,?)"_s);
    q.addBindValue(id);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(text(target));
    q.addBindValue(status);
    q.addBindValue(latencyMs);
    q.addBindValue(text(error));
    return q.exec();
}

QList<EventStore::ForwardAttempt> EventStore::forwards(qint64 id) const
{
    QList<ForwardAttempt> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT at, target, status, latency_ms, error FROM forwards WHERE event = ? ORDER BY rowid"_s);
    q.addBindValue(id);
    if (q.exec())
        while (q.next())
            out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toLongLong(),
                        q.value(4).toString()});
    return out;
}

bool EventStore::writeAnnotation(qint64 id, const Annotation &annotation)
{
    if (!m_open || m_readOnly)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (annotation.isEmpty()) {
        q.prepare(u"DELETE FROM annotations WHERE event = ?"_s);
        q.addBindValue(id);
    } else {
        q.prepare(u"INSERT INTO annotations (event, pinned, note) SELECT id, ?, ? FROM events WHERE id = ? "
                  u"ON CONFLICT(event) DO UPDATE SET pinned = excluded.pinned, note = excluded.note"_s);
        q.addBindValue(annotation.pinned ? 1 : 0);
        q.addBindValue(text(annotation.note));
        q.addBindValue(id);
    }
    if (!q.exec()) {
        m_error = tr("Cannot save the note or pin: %1").arg(q.lastError().text());
        return false;
    }
    Q_EMIT annotationChanged(id);
    return true;
}

bool EventStore::setPinned(qint64 id, bool pinned)
{
    Annotation a = annotation(id);
    a.pinned = pinned;
    return writeAnnotation(id, a);
}

bool EventStore::setNote(qint64 id, const QString &note)
{
    Annotation a = annotation(id);
    a.note = note.trimmed();
    return writeAnnotation(id, a);
}

EventStore::Annotation EventStore::annotation(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT pinned, note FROM annotations WHERE event = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return {};
    return {q.value(0).toBool(), q.value(1).toString()};
}

QHash<qint64, EventStore::Annotation> EventStore::annotations() const
{
    QHash<qint64, Annotation> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (q.exec(u"SELECT event, pinned, note FROM annotations"_s))
        while (q.next())
            out.insert(q.value(0).toLongLong(), {q.value(1).toBool(), q.value(2).toString()});
    return out;
}

bool EventStore::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(sql)) {
        m_error = tr("Database error: %1 (in: %2)").arg(q.lastError().text(), sql.left(80));
        qCWarning(lcStore).noquote() << m_error;
        return false;
    }
    return true;
}

void EventStore::close()
{
    m_checkpointer.stop(); // first: the writer must be the last connection to close
    m_summaryReader.close();
    m_backgroundCheck.reset(); // its verdict is for this session only
    const bool cleanWriter = m_open && m_stampOnClose;
    m_stampOnClose = false;
    if (!m_pending.empty() && cleanWriter)
        commitBatch();
    m_commitTimer.stop();
    if (cleanWriter)
        catchUpFullText(); // a cleanly closed file has its whole index
    m_indexTimer.stop();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
    if (cleanWriter && !m_path.isEmpty()) {
        // The last connection is closed (SQLite has checkpointed and removed the WAL): stamp
        // the file as cleanly closed.
        SqliteFile::writeCleanStamp(m_path);
    }
    m_open = false;
    m_fts = false;
    m_ftsUpTo = -1;
    m_count = 0;
    m_maxId = 0;
}

bool EventStore::isOpen() const
{
    return m_open;
}

QString EventStore::errorString() const
{
    return m_error;
}

QString EventStore::recoveryNote() const
{
    return m_recoveryNote;
}

QString EventStore::databasePath() const
{
    return m_path;
}

bool EventStore::hasFullTextIndex() const
{
    return m_fts;
}

void EventStore::submit(Event event, Completion done)
{
    if (!m_open || m_readOnly) {
        if (done)
            done(0, m_open ? tr("The event store is read-only") : tr("The event store is not open"));
        return;
    }
    m_pending.push_back({std::move(event), std::move(done)});
    if (int(m_pending.size()) >= MaxBatch)
        commitBatch();
    else if (!m_commitTimer.isActive())
        m_commitTimer.start();
}

void EventStore::flush()
{
    if (!m_pending.empty())
        commitBatch();
}

int EventStore::pendingCount() const
{
    return int(m_pending.size());
}

void EventStore::commitBatch()
{
    m_commitTimer.stop();
    if (m_pending.empty())
        return;
    std::vector<Pending> batch;
    batch.swap(m_pending);

    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QString error;
    QList<EventSummary> added;
    added.reserve(qsizetype(batch.size()));

    if (!db.transaction()) {
        error = db.lastError().text();
    } else {
        QSqlQuery seen(db);
        // The second condition lets SQLite use the partial index events_event_id.
        seen.prepare(u"SELECT 1 FROM events WHERE event_id = ? AND event_id <> '' LIMIT 1"_s);
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO events (received_at, occurred_at, type, event_id, team, actor, entity, "
                       u"summary, source, status, size, org, method, path, query, remote_addr, content_type, "
                       u"headers, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s);
        QSet<QString> batchIds;
        for (Pending &p : batch) {
            EventSummary &s = p.event.summary;
            s.size = p.event.body.size();
            if (s.status.isEmpty())
                s.status = EventStatus::Ok;
            if (!s.eventId.isEmpty() && s.status == EventStatus::Ok) {
                bool repeat = batchIds.contains(s.eventId);
                if (!repeat) {
                    seen.addBindValue(s.eventId);
                    repeat = seen.exec() && seen.next();
                    seen.finish();
                }
                if (repeat)
                    s.status = EventStatus::Repeat;
                batchIds.insert(s.eventId);
            }
            const Event &e = p.event;
            insert.addBindValue(s.receivedAt);
            insert.addBindValue(s.occurredAt);
            insert.addBindValue(text(s.type));
            insert.addBindValue(text(s.eventId));
            insert.addBindValue(text(s.team));
            insert.addBindValue(text(s.actor));
            insert.addBindValue(text(s.entity));
            insert.addBindValue(text(s.summary));
            insert.addBindValue(text(s.source));
            insert.addBindValue(text(s.status));
            insert.addBindValue(s.size);
            insert.addBindValue(text(e.org));
            insert.addBindValue(text(e.method));
            insert.addBindValue(text(e.path));
            insert.addBindValue(text(e.query));
            insert.addBindValue(text(e.remoteAddress));
            insert.addBindValue(text(e.contentType));
            insert.addBindValue(headersToJson(e.headers));
            // A QByteArray binds as a BLOB: the bytes are stored exactly as received.
            insert.addBindValue(e.body.isNull() ? QByteArray("") : e.body);
            if (!insert.exec()) {
                error = insert.lastError().text();
                break;
            }
            s.id = insert.lastInsertId().toLongLong();
            added.append(s);
        }
        if (error.isEmpty() && !db.commit())
            error = db.lastError().text();
        if (!error.isEmpty())
            db.rollback();
    }

    if (!error.isEmpty()) {
        const QString message = tr("Could not store %n event(s): %1", nullptr, int(batch.size())).arg(error);
        qCWarning(lcStore).noquote() << message;
        for (Pending &p : batch)
            if (p.done)
                p.done(0, message);
        Q_EMIT storeError(message);
        return;
    }

    m_count += added.size();
    m_maxId = added.constLast().id;
    for (qsizetype i = 0; i < qsizetype(batch.size()); ++i)
        if (batch[size_t(i)].done)
            batch[size_t(i)].done(added.at(i).id, QString());
    Q_EMIT eventsAdded(added);
    applyRetention();
    indexFullTextLater();
}

void EventStore::setRetention(qint64 maxEvents)
{
    m_retention = qMax<qint64>(1, maxEvents);
    if (m_open && !m_readOnly)
        applyRetention();
}

qint64 EventStore::retention() const
{
    return m_retention;
}

void EventStore::applyRetention()
{
    if (m_count <= m_retention)
        return;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // The oldest rows go first; ids only grow, so "older" is "smaller id".
    q.prepare(u"SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET ?"_s);
    q.addBindValue(m_retention);
    if (!q.exec() || !q.next())
        return;
    const qint64 upTo = q.value(0).toLongLong();
    q.finish();
    QSqlQuery del(QSqlDatabase::database(m_connectionName, false));
    del.prepare(u"DELETE FROM events WHERE id <= ?"_s);
    del.addBindValue(upTo);
    if (!del.exec()) {
        qCWarning(lcStore) << "retention failed:" << del.lastError().text();
        return;
    }
    m_count -= del.numRowsAffected();
    Q_EMIT eventsRemoved(upTo);
}

qint64 EventStore::count() const
{
    return m_count;
}

qint64 EventStore::maxId() const
{
    return m_maxId;
}

std::optional<Event> EventStore::event(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT "_s + EventColumns + u" FROM events WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readEvent(q);
}

QList<EventSummary> EventStore::summaries(qint64 afterId, qint64 limit) const
{
    QList<EventSummary> out;
    if (!m_open || limit == 0)
        return out;
    // One allocation of the right size: growing by doubling would hold two arrays at once.
    if (limit > 0)
        out.reserve(limit);
    else if (afterId <= 0 && !m_readOnly)
        out.reserve(m_count);
    // Through SQLite's C API on a connection of its own (no QVariant and QString per cell:
    // a million rows load in a fraction of the time), from the covering index of schema 6.
    // Only committed rows are seen, as through the store's own connection.
    if (!m_summaryReader.isOpen() && !m_summaryReader.open(m_path, false)) {
        qCWarning(lcStore) << "reading summaries failed:" << m_summaryReader.errorString();
        return out;
    }
    const bool ok = m_summaryReader.forEachRow(
        [&](const SummaryRow &row) {
            out.append(row.toSummary());
            return limit < 0 || out.size() < limit;
        },
        afterId, false);
    if (!ok)
        qCWarning(lcStore) << "reading summaries failed:" << m_summaryReader.errorString();
    return out;
}

bool EventStore::forEachEvent(const std::function<bool(const Event &)> &visit, qint64 afterId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + EventColumns + u" FROM events WHERE id > ? ORDER BY id"_s);
    q.addBindValue(afterId);
    if (!q.exec())
        return false;
    while (q.next()) {
        if (!visit(readEvent(q)))
            break;
    }
    return !q.lastError().isValid();
}

bool EventStore::forEachPayload(
    const std::function<bool(const EventSummary &, const QByteArray &, const QByteArray &)> &visit, qint64 afterId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + SummaryColumns + u", content_type, body FROM events WHERE id > ? ORDER BY id"_s);
    q.addBindValue(afterId);
    if (!q.exec())
        return false;
    EventSummary s;
    while (q.next()) {
        readSummary(q, s);
        if (!visit(s, q.value(12).toString().toLatin1(), q.value(13).toByteArray()))
            break;
    }
    return !q.lastError().isValid();
}

bool EventStore::forEachSummary(const std::function<bool(const Event &)> &visit, qint64 afterId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + SummaryColumns + u", org, method, path, query, remote_addr, content_type FROM events "
                                               u"INDEXED BY events_summary WHERE id > ? ORDER BY id"_s);
    q.addBindValue(afterId);
    if (!q.exec())
        return false;
    Event e;
    while (q.next()) {
        readSummary(q, e.summary);
        e.org = q.value(12).toString();
        e.method = q.value(13).toString();
        e.path = q.value(14).toString();
        e.query = q.value(15).toString();
        e.remoteAddress = q.value(16).toString();
        e.contentType = q.value(17).toString();
        if (!visit(e))
            break;
    }
    return !q.lastError().isValid();
}

std::optional<QSet<qint64>> EventStore::fullTextMatches(const QString &words) const
{
    if (!m_fts)
        return std::nullopt;
    catchUpFullText();
    // Each word becomes a quoted FTS5 string (so punctuation cannot form operators); all must match.
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

bool EventStore::forEachFullTextPrefixMatch(const QString &phrase, qint64 upToId,
                                            const std::function<bool(qint64)> &visit) const
{
    if (!m_fts)
        return false;
    catchUpFullText();
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid <= ? ORDER BY rowid"_s);
    // One quoted FTS5 string (punctuation inside cannot form operators), '*': prefix on its last word.
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

bool EventStore::clear()
{
    if (!m_open || m_readOnly)
        return false;
    flush();
    if (!exec(u"DELETE FROM events"_s))
        return false;
    m_count = 0;
    Q_EMIT cleared();
    return true;
}

} // namespace Hookscope
