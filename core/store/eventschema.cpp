// SPDX-License-Identifier: MIT
#include "eventschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

#include "core/common/sqlvalues.h"
#include "core/events/eventparser.h"

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Hookscope::EventSchema {

namespace {

// Runs the statements in order; the first failure names itself in `error`.
bool run(QSqlDatabase &db, std::initializer_list<QString> statements, QString *error)
{
    QSqlQuery q(db);
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            *error = u"%1 (in: %2)"_s.arg(q.lastError().text(), sql.left(80));
            return false;
        }
    }
    return true;
}

// The full-text index as of schema 5: filled in batches by the store (FullTextIndex), a
// delete trigger for the rows it already holds. False with an empty error when this SQLite
// has no FTS5.
bool createFullText(QSqlDatabase &db, QString *error)
{
    QSqlQuery probe(db);
    if (!probe.exec(
                u"CREATE VIRTUAL TABLE events_fts USING fts5(body, content='events', content_rowid='id')"_s)) {
        qCInfo(lcStore) << "SQLite has no FTS5; full-text search falls back to scanning:"
                        << probe.lastError().text();
        return false;
    }
    return run(
            db,
            { u"CREATE TABLE fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL)"_s,
              u"INSERT INTO fts_state (id, upto) SELECT 1, coalesce(max(id), 0) FROM events"_s,
              u"CREATE TRIGGER events_fts_delete AFTER DELETE ON events"
              u" WHEN old.id <= (SELECT upto FROM fts_state WHERE id = 1) BEGIN"
              u" INSERT INTO events_fts(events_fts, rowid, body) VALUES ('delete', old.id, old.body); END"_s },
            error);
}

// The events table of schema 1, and the columns schema 2 added (ALTER TABLE appends them, so a
// new file lists them last too).
const QString Schema1Columns = u"id INTEGER PRIMARY KEY AUTOINCREMENT,"
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
                               u" body BLOB"_s;
const QStringList Schema2Columns = { u"actor TEXT NOT NULL DEFAULT ''"_s,
                                     u"org TEXT NOT NULL DEFAULT ''"_s,
                                     u"remote_addr TEXT NOT NULL DEFAULT ''"_s };

const QString CreateAnnotations = u"CREATE TABLE annotations ("
                                  u" event INTEGER PRIMARY KEY,"
                                  u" pinned INTEGER NOT NULL DEFAULT 0,"
                                  u" note TEXT NOT NULL DEFAULT '')"_s;
const QString AnnotationsFollowEvents =
        u"CREATE TRIGGER annotations_follow_events AFTER DELETE ON events BEGIN"
        u" DELETE FROM annotations WHERE event = old.id; END"_s;
const QString CreateForwards = u"CREATE TABLE forwards ("
                               u" event INTEGER NOT NULL,"
                               u" at INTEGER NOT NULL,"
                               u" target TEXT NOT NULL,"
                               u" status INTEGER NOT NULL,"
                               u" latency_ms INTEGER NOT NULL,"
                               u" error TEXT NOT NULL DEFAULT '')"_s;
const QString ForwardsIndex = u"CREATE INDEX forwards_event ON forwards(event)"_s;
const QString ForwardsFollowEvents =
        u"CREATE TRIGGER forwards_follow_events AFTER DELETE ON events BEGIN"
        u" DELETE FROM forwards WHERE event = old.id; END"_s;
const QString CreateAnswers = u"CREATE TABLE answers ("
                              u" event INTEGER PRIMARY KEY,"
                              u" status INTEGER NOT NULL,"
                              u" micros INTEGER NOT NULL,"
                              u" body BLOB NOT NULL,"
                              u" mode TEXT NOT NULL DEFAULT '')"_s;
const QString AnswersFollowEvents =
        u"CREATE TRIGGER answers_follow_events AFTER DELETE ON events BEGIN"
        u" DELETE FROM answers WHERE event = old.id; END"_s;
const QString EventIdIndex =
        u"CREATE INDEX events_event_id ON events(event_id) WHERE event_id <> ''"_s;
const QString SummaryIndex =
        u"CREATE INDEX events_summary ON events(id, received_at, occurred_at, type, event_id, "
        u"team, actor, "
        u"entity, summary, source, status, size, org, method, path, query, remote_addr, content_type)"_s;

// Schema 8: the field index (see core/store/fieldindex.h for the design). One row per JSON
// path a filter compared (upto: rows with smaller ids back-filled; rows above live_from are
// filled as they are inserted; last_used: which path goes when there are too many), and per
// event and path one row per value (an array's elements each): key is the text folded the way
// the filter compares it, num and time are set when the value reads as a number or an ISO
// time. Clustered by event, so the delete trigger is a range and new rows append.
const QString CreateFieldPaths = u"CREATE TABLE field_paths ("
                                 u" id INTEGER PRIMARY KEY,"
                                 u" path TEXT NOT NULL UNIQUE,"
                                 u" upto INTEGER NOT NULL,"
                                 u" live_from INTEGER NOT NULL,"
                                 u" last_used INTEGER NOT NULL DEFAULT 0)"_s;
const QString CreateFieldValues = u"CREATE TABLE field_values ("
                                  u" event INTEGER NOT NULL,"
                                  u" path INTEGER NOT NULL,"
                                  u" seq INTEGER NOT NULL,"
                                  u" key BLOB NOT NULL,"
                                  u" num REAL,"
                                  u" time INTEGER,"
                                  u" PRIMARY KEY (event, path, seq)) WITHOUT ROWID"_s;
const QString FieldValuesKeyIndex = u"CREATE INDEX field_values_key ON field_values(path, key)"_s;
const QString FieldValuesNumIndex =
        u"CREATE INDEX field_values_num ON field_values(path, num) WHERE num IS NOT NULL"_s;
const QString FieldValuesTimeIndex =
        u"CREATE INDEX field_values_time ON field_values(path, time) WHERE time IS NOT NULL"_s;
const QString FieldValuesFollowEvents =
        u"CREATE TRIGGER field_values_follow_events AFTER DELETE ON events BEGIN"
        u" DELETE FROM field_values WHERE event = old.id; END"_s;

// Schema 1: the first release's table.
bool migrateTo1(QSqlDatabase &db, QString *error)
{
    return run(db,
               { u"CREATE TABLE events (%1)"_s.arg(Schema1Columns),
                 u"CREATE INDEX events_received_at ON events(received_at)"_s,
                 u"CREATE INDEX events_type ON events(type)"_s,
                 u"CREATE INDEX events_team ON events(team)"_s },
               error);
}

// Schema 2: actor, org and remote address; an index for repeat detection; full-text search.
bool migrateTo2(QSqlDatabase &db, QString *error)
{
    for (const QString &column : Schema2Columns) {
        if (!run(db, { u"ALTER TABLE events ADD COLUMN "_s + column }, error))
            return false;
    }
    if (!run(db, { EventIdIndex }, error))
        return false;

    // Rows written by schema 1 get the new derived fields from their stored bodies, and their
    // headers move from UTF-8 text to the byte-exact Latin-1 mapping schema 2 uses.
    QSqlQuery select(db);
    select.setForwardOnly(true);
    QSqlQuery update(db);
    update.prepare(u"UPDATE events SET actor = ?, org = ?, headers = ? WHERE id = ?"_s);
    if (!select.exec(u"SELECT id, body, content_type, headers FROM events"_s)) {
        *error = select.lastError().text();
        return false;
    }
    while (select.next()) {
        const ParsedEvent parsed = EventParser::parse(select.value(1).toByteArray(),
                                                      select.value(2).toString().toUtf8());
        HeaderList headers;
        const QJsonArray v1 = QJsonDocument::fromJson(select.value(3).toString().toUtf8()).array();
        for (const QJsonValue &pair : v1)
            headers.append({ pair.toArray().at(0).toString().toLatin1(),
                             pair.toArray().at(1).toString().toUtf8() });
        update.addBindValue(SqlValues::text(parsed.actor));
        update.addBindValue(SqlValues::text(parsed.org));
        update.addBindValue(SqlValues::headersToJson(headers));
        update.addBindValue(select.value(0));
        if (!update.exec()) {
            *error = u"event %1: %2"_s.arg(select.value(0).toLongLong())
                             .arg(update.lastError().text());
            return false;
        }
    }

    // FTS5 is optional: SQLite builds without it still get a working store.
    QSqlQuery probe(db);
    if (!probe.exec(
                u"CREATE VIRTUAL TABLE events_fts USING fts5(body, content='events', content_rowid='id')"_s)) {
        qCInfo(lcStore) << "SQLite has no FTS5; full-text search falls back to scanning:"
                        << probe.lastError().text();
        return true;
    }
    return run(
            db,
            { u"CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN"
              u" INSERT INTO events_fts(rowid, body) VALUES (new.id, new.body); END"_s,
              u"CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN"
              u" INSERT INTO events_fts(events_fts, rowid, body) VALUES ('delete', old.id, old.body); END"_s,
              u"INSERT INTO events_fts(events_fts) VALUES ('rebuild')"_s },
            error);
}

// Schema 3: pins and notes, one row per annotated event, gone with the event.
bool migrateTo3(QSqlDatabase &db, QString *error)
{
    return run(db, { CreateAnnotations, AnnotationsFollowEvents }, error);
}

// Schema 4: forwarding and replay attempts per event.
bool migrateTo4(QSqlDatabase &db, QString *error)
{
    return run(db, { CreateForwards, ForwardsIndex, ForwardsFollowEvents }, error);
}

// Schema 5: the full-text index is filled in the background, in large batches, instead of
// by a trigger in every commit (each commit made a new FTS5 segment and merged segments: the
// largest part of a delivery's cost). fts_state.upto is how far the index reaches; deletes
// only need to remove rows the index has.
bool migrateTo5(QSqlDatabase &db, QString *error)
{
    if (!hasFullText(db))
        return true; // no FTS5 in this SQLite
    return run(
            db,
            { u"DROP TRIGGER IF EXISTS events_fts_insert"_s,
              u"DROP TRIGGER IF EXISTS events_fts_delete"_s,
              u"CREATE TABLE fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL)"_s,
              u"INSERT INTO fts_state (id, upto) SELECT 1, coalesce(max(id), 0) FROM events"_s,
              u"CREATE TRIGGER events_fts_delete AFTER DELETE ON events"
              u" WHEN old.id <= (SELECT upto FROM fts_state WHERE id = 1) BEGIN"
              u" INSERT INTO events_fts(events_fts, rowid, body) VALUES ('delete', old.id, old.body); END"_s },
            error);
}

// Schema 6: the summary columns in one covering index, in id order. A row holds its body
// too (kilobytes), so walking summaries through the table read the whole file: the table
// model's load at start and summary-level exports now read the narrow index instead. The
// three single-column indexes of schema 1 were never used by a query and cost every insert.
bool migrateTo6(QSqlDatabase &db, QString *error)
{
    return run(db,
               { u"DROP INDEX IF EXISTS events_received_at"_s,
                 u"DROP INDEX IF EXISTS events_type"_s, u"DROP INDEX IF EXISTS events_team"_s,
                 SummaryIndex },
               error);
}

// Schema 7: what the receiver answered each delivery (status, body, time to answer, and
// whether response mode chose it), beside the events like pins and forwards.
bool migrateTo7(QSqlDatabase &db, QString *error)
{
    return run(db, { CreateAnswers, AnswersFollowEvents }, error);
}

// Schema 8: the field index, empty (paths are registered when a filter first compares them).
bool migrateTo8(QSqlDatabase &db, QString *error)
{
    return run(db,
               { CreateFieldPaths, CreateFieldValues, FieldValuesKeyIndex, FieldValuesNumIndex,
                 FieldValuesTimeIndex, FieldValuesFollowEvents },
               error);
}

bool setVersion(QSqlDatabase &db, int version, QString *error)
{
    return run(db, { u"PRAGMA user_version = %1"_s.arg(version) }, error);
}

} // namespace

bool hasFullText(QSqlDatabase &db)
{
    QSqlQuery q(db);
    return q.exec(u"SELECT 1 FROM sqlite_master WHERE name = 'events_fts'"_s) && q.next();
}

bool create(QSqlDatabase &db, QString *error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    // The columns in the order the migrations leave them, so a new file and an upgraded one
    // are the same.
    bool ok = run(
            db,
            { u"CREATE TABLE events (%1, %2)"_s.arg(Schema1Columns, Schema2Columns.join(u", "_s)),
              EventIdIndex, SummaryIndex, CreateAnnotations, AnnotationsFollowEvents,
              CreateForwards, ForwardsIndex, ForwardsFollowEvents, CreateAnswers,
              AnswersFollowEvents, CreateFieldPaths, CreateFieldValues, FieldValuesKeyIndex,
              FieldValuesNumIndex, FieldValuesTimeIndex, FieldValuesFollowEvents },
            error);
    if (ok && !createFullText(db, error))
        ok = error->isEmpty(); // no FTS5 is no error
    ok = ok && setVersion(db, Version, error);
    if (!ok || !db.commit()) {
        if (ok)
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

bool migrate(QSqlDatabase &db, int from, QString *error)
{
    using Step = std::function<bool(QSqlDatabase &, QString *)>;
    const Step steps[] = { migrateTo1, migrateTo2, migrateTo3, migrateTo4,
                           migrateTo5, migrateTo6, migrateTo7, migrateTo8 };
    static_assert(std::size(steps) == Version);
    for (int version = from; version < Version; ++version) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        QString stepError;
        if (!steps[version](db, &stepError) || !setVersion(db, version + 1, &stepError)
            || !db.commit()) {
            if (stepError.isEmpty())
                stepError = db.lastError().text();
            db.rollback();
            *error = u"upgrade to schema %1: %2"_s.arg(version + 1).arg(stepError);
            return false;
        }
        qCInfo(lcStore) << "migrated event database to schema" << version + 1;
    }
    return true;
}

} // namespace Hookscope::EventSchema
