// SPDX-License-Identifier: MIT
// One thing, longer than most files: the store's open/close with damage handling, the group
// commit, retention and the reads. Schema, full-text index and annotations are in their own
// files (eventschema.*, fulltextindex.*, eventannotations.*).
#include "eventstore.h"

#include <QDateTime>
#include <QDir>
#include <QPointer>
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

#include "core/common/sqlitefile.h"
#include "core/common/sqlvalues.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "hookscope.store")

namespace Hookscope {

namespace {

using SqlValues::text;

// Column order shared by every SELECT of whole events.
const QString EventColumns =
        u"id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
        u"source, status, size, org, method, path, query, remote_addr, content_type, "
        u"headers, body"_s;
const QString SummaryColumns =
        u"id, received_at, occurred_at, type, event_id, team, actor, entity, summary, "
        u"source, status, size"_s;

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
    e.headers = SqlValues::headersFromJson(q.value(18).toString());
    e.body = q.value(19).toByteArray();
    return e;
}

} // namespace

EventStore::EventStore(QObject *parent)
    : QObject(parent),
      m_connectionName(u"hookscope-store-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_inlet(std::make_shared<EventInlet>()),
      m_mailbox(this)
{
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
    // Each commit comes back to this thread as one job: count, eventsAdded(), retention.
    m_writer = std::make_shared<EventWriter>(m_mailbox.wrap(
            std::function([this](const EventWriter::Result &result) { finishBatch(result); })));
    m_finishedCount = 0;
    if (QString error; !m_writer->open(m_path, &error)) {
        m_error = tr("Cannot open the event database %1 for writing: %2")
                          .arg(QDir::toNativeSeparators(m_path), error);
        m_writer.reset();
        close();
        return false;
    }
    m_inlet->attach(m_writer);
    if (m_writer->hasIndex()) {
        EventWriter *writer = m_writer.get();
        m_fullText.setIndexer([writer] { return writer->catchUpIndex(); },
                              [writer] { return writer->indexedUpTo(); });
    }
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
                m_error = tr("Cannot open %1: %2")
                                  .arg(QDir::toNativeSeparators(m_path), db.lastError().text());
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
                        qCWarning(lcStore).noquote()
                                << "could not check the event database in the background:"
                                << result.reason;
                        return;
                    }
                    if (result.outcome != SqliteFile::CheckResult::Damaged)
                        return;
                    m_stampOnClose =
                            false; // the next open checks the whole file and moves it aside
                    const QString message =
                            tr("The event database %1 is damaged (%2). Restart Hookscope: it will "
                               "move "
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
        m_error = tr("The event database %1 is damaged: %2")
                          .arg(QDir::toNativeSeparators(m_path), checked.reason);
        m_damaged = !readOnly; // openDatabase() moves it aside once the connection is closed
        m_damageReason = checked.reason;
        return false;
    }
    if (checked.outcome == SqliteFile::CheckResult::Failed) {
        // Busy, unreadable, an I/O error: nothing says the file is damaged, so it stays.
        m_error = tr("Cannot read the event database %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), checked.reason);
        return false;
    }

    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
        m_error = tr("Cannot read the schema version: %1").arg(q.lastError().text());
        return false;
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > SchemaVersion) {
        m_error = SqliteFile::newerSchemaMessage(tr("event database"), u"Hookscope"_s, m_path,
                                                 version, SchemaVersion);
        return false;
    }
    if (readOnly) {
        if (version == 0) {
            m_error = tr("%1 is not a Hookscope event database")
                              .arg(QDir::toNativeSeparators(m_path));
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
        QString schemaError;
        if (version == 0 && !EventSchema::create(db, &schemaError)) {
            m_error = tr("Cannot create the event database %1: %2")
                              .arg(QDir::toNativeSeparators(m_path), schemaError);
            return false;
        }
        if (version > 0 && version < SchemaVersion
            && !EventSchema::migrate(db, version, &schemaError)) {
            m_error = tr("Cannot upgrade the event database %1: %2")
                              .arg(QDir::toNativeSeparators(m_path), schemaError);
            return false;
        }
    }
    exec(u"PRAGMA temp_store=MEMORY"_s);
    exec(u"PRAGMA cache_size=-16000"_s);

    m_fullText.attach(m_connectionName, !readOnly, [this] { return m_maxId; });
    m_annotations.attach(m_connectionName, !readOnly);
    // A reader counts only when asked (count()): counting a million rows takes a fifth of a
    // second, and the filter jobs' connection never needs it. max(id) is one step.
    m_count = -1;
    if (q.exec(readOnly ? u"SELECT -1, coalesce(max(id), 0) FROM events"_s
                        : u"SELECT count(*), coalesce(max(id), 0) FROM events"_s)
        && q.next()) {
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

qint64 EventStore::fullTextIndexedUpTo() const
{
    return m_fullText.indexedUpTo();
}

bool EventStore::catchUpFullText()
{
    return m_open && m_fullText.catchUp();
}

bool EventStore::recordForward(qint64 id, const QString &target, int status, qint64 latencyMs,
                               const QString &error)
{
    if (!m_open || m_readOnly)
        return false;
    return m_annotations.recordForward(
            id, { QDateTime::currentMSecsSinceEpoch(), target, status, latencyMs, error });
}

QList<EventStore::ForwardAttempt> EventStore::forwards(qint64 id) const
{
    return m_annotations.forwards(id);
}

bool EventStore::writeAnnotation(qint64 id, const Annotation &annotation)
{
    if (!m_open || m_readOnly)
        return false;
    QString error;
    if (!m_annotations.write(id, annotation, &error)) {
        m_error = tr("Cannot save the note or pin: %1").arg(error);
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
    return m_annotations.read(id);
}

QHash<qint64, EventStore::Annotation> EventStore::annotations() const
{
    return m_annotations.all();
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
    if (m_writer) {
        if (cleanWriter) {
            flush();
            catchUpFullText(); // a cleanly closed file has its whole index
        }
        m_inlet->attach(nullptr); // from here on, submissions fail at once
        handOver();
        m_writer->close(); // what was submitted until now is written
        m_mailbox.drain(); // and its completions and eventsAdded() run
    }
    m_fullText.detach();
    m_writer.reset(); // its connection closes before the store's own (see the stamp below)
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
    if (cleanWriter && !m_path.isEmpty()) {
        // The last connection is closed (SQLite has checkpointed and removed the WAL): stamp
        // the file as cleanly closed.
        SqliteFile::writeCleanStamp(m_path);
    }
    m_open = false;
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
    return m_fullText.isAvailable();
}

void EventStore::submit(Event event, Completion done)
{
    if (!m_writer) {
        if (done)
            done(0,
                 m_open ? tr("The event store is read-only") : tr("The event store is not open"));
        return;
    }
    // Gathered until this thread's event loop comes back (or flush()): what one burst of
    // work submits (an import batch, a relay backlog) goes to the writer together and
    // shares a transaction.
    m_local.push_back({ std::move(event), m_mailbox.wrap(std::move(done)) });
    if (!m_localPosted) {
        m_localPosted = true;
        QMetaObject::invokeMethod(this, &EventStore::handOver, Qt::QueuedConnection);
    }
}

void EventStore::handOver()
{
    m_localPosted = false;
    if (m_writer && !m_local.empty())
        m_writer->submit(std::exchange(m_local, {}));
}

std::shared_ptr<const EventInlet> EventStore::inlet() const
{
    return m_inlet;
}

void EventStore::flush()
{
    if (!m_writer)
        return;
    handOver();
    m_writer->waitWritten(m_writer->submitted());
    m_mailbox.drain();
}

int EventStore::pendingCount() const
{
    return m_writer ? int(qint64(m_writer->submitted()) + qint64(m_local.size()) - m_finishedCount)
                    : 0;
}

void EventStore::finishBatch(const EventWriter::Result &result)
{
    m_finishedCount += result.count;
    if (!result.error.isEmpty()) {
        qCWarning(lcStore).noquote() << result.error;
        Q_EMIT storeError(result.error);
        return;
    }
    const QList<EventSummary> &added = result.added;
    if (added.isEmpty())
        return;
    m_count += added.size();
    m_maxId = added.constLast().id;
    Q_EMIT eventsAdded(added);
    applyRetention();
    m_fullText.scheduleUpdate();
}

std::optional<EventAnswer> EventStore::answer(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT status, micros, body, mode FROM answers WHERE event = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    EventAnswer a;
    a.status = q.value(0).toInt();
    a.micros = q.value(1).toLongLong();
    a.body = q.value(2).toByteArray();
    a.mode = q.value(3).toString();
    return a;
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
    if (m_count < 0 && m_open) {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        if (q.exec(u"SELECT count(*) FROM events"_s) && q.next())
            m_count = q.value(0).toLongLong();
    }
    return qMax<qint64>(m_count, 0);
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

std::optional<EventStore::Payload> EventStore::payload(qint64 id) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT content_type, body FROM events WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Payload{ q.value(0).toString().toLatin1(), q.value(1).toByteArray() };
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

bool EventStore::readSummaries(CompactRows &rows, qint64 afterId, qint64 beforeId,
                               qint64 newest) const
{
    if (!m_open)
        return false;
    if (!m_summaryReader.isOpen() && !m_summaryReader.open(m_path, false)) {
        qCWarning(lcStore) << "reading summaries failed:" << m_summaryReader.errorString();
        return false;
    }
    const bool ok = m_summaryReader.appendSummaries(rows, afterId, beforeId, newest);
    if (!ok)
        qCWarning(lcStore) << "reading summaries failed:" << m_summaryReader.errorString();
    return ok;
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

bool EventStore::forEachPayload(const std::function<bool(const EventSummary &, const QByteArray &,
                                                         const QByteArray &)> &visit,
                                qint64 afterId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + SummaryColumns
              + u", content_type, body FROM events WHERE id > ? ORDER BY id"_s);
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

bool EventStore::forEachSummary(const std::function<bool(const Event &)> &visit,
                                qint64 afterId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + SummaryColumns
              + u", org, method, path, query, remote_addr, content_type FROM events "
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

std::optional<QSet<qint64>> EventStore::fullTextMatches(const QString &words)
{
    catchUpFullText();
    return m_fullText.matches(words);
}

bool EventStore::forEachFullTextPrefixMatch(const QString &phrase, qint64 upToId,
                                            const std::function<bool(qint64)> &visit)
{
    catchUpFullText();
    return m_fullText.forEachPrefixMatch(phrase, upToId, visit);
}

void EventStore::requestFieldIndex(const QStringList &paths)
{
    if (m_writer && !paths.isEmpty())
        m_writer->requestFieldIndex(paths);
}

bool EventStore::catchUpFieldIndex()
{
    return m_writer && m_writer->catchUpFieldIndex();
}

qint64 EventStore::fieldIndexedUpTo(const QString &path) const
{
    if (!m_open)
        return -1;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return FieldIndex::indexedUpTo(db, path, m_readOnly ? Q_INT64_C(0x7fffffffffffffff) : m_maxId);
}

qint64 EventStore::fieldIndexRowsBehind() const
{
    return m_writer ? m_writer->fieldRowsBehind() : 0;
}

bool EventStore::answerFromFieldIndex(const FilterExpression &filter, qint64 upToId,
                                      FieldIndex::Answer &answer,
                                      const std::function<bool()> &cancelled) const
{
    if (!m_open) {
        answer = {};
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return answer.load(db, filter, upToId, cancelled);
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
