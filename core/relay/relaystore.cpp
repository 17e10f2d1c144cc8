// SPDX-License-Identifier: MIT
// One thing, longer than most files: the relay's durable per-channel buffer (channels and
// tokens, deliveries, bounds and eviction, cursors, expiry) with its damage handling
// (check at open, move aside, salvage the channels).
#include "relaystore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include "core/common/secrets.h"
#include "core/common/sqlitefile.h"
#include "core/common/sqlvalues.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRelayStore, "hookscope.relay.store")

namespace Hookscope {

namespace {

constexpr int MaxBatch = 256;
constexpr std::chrono::milliseconds CommitDelay{ 2 };
constexpr int PersistDelayMs = 1000;

QByteArray tokenHash(QStringView token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

using SqlValues::text;

QString errorText(const QSqlError &error)
{
    const QString database = error.databaseText().trimmed();
    return database.isEmpty() ? error.text().trimmed() : database;
}

// One row of `SELECT id, token_hash, created_at, last_active, cursor, dropped, evicted_up_to
// FROM channels` (ChannelColumns).
const QString ChannelColumns =
        u"id, token_hash, created_at, last_active, cursor, dropped, evicted_up_to"_s;

// The channel part of a log line (the id is the ingest URL).
QString shortId(const QString &channel)
{
    return channel.left(6);
}

} // namespace

RelayStore::RelayStore(QObject *parent)
    : QObject(parent),
      m_connectionName(u"hookscope-relay-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_queue(MaxBatch, CommitDelay, [this](Queue::Batch &batch) { commitBatch(batch); })
{
    m_persistTimer.setSingleShot(true);
    m_persistTimer.setInterval(PersistDelayMs);
    connect(&m_persistTimer, &QTimer::timeout, this, &RelayStore::persistDirtyChannels);
}

RelayStore::~RelayStore()
{
    close();
}

QString RelayStore::databaseFileName()
{
    return u"relay.db"_s;
}

bool RelayStore::open(const QString &dataDir)
{
    close();
    m_error.clear();
    m_recoveryNote.clear();
    m_damaged = false;
    m_damageReason.clear();
    if (!QDir().mkpath(dataDir)) {
        m_error = tr("Cannot create the data directory %1").arg(QDir::toNativeSeparators(dataDir));
        return false;
    }
    m_path = QDir(dataDir).filePath(databaseFileName());
    QString aside;
    bool checkedAtOpen = false;
    for (int attempt = 0; attempt < 2; ++attempt) {
        checkedAtOpen = SqliteFile::needsCheckAtOpen(m_path);
        QString damage;
        if (openFile(checkedAtOpen, &damage))
            break;
        closeConnection();
        if (damage.isEmpty() || attempt == 1)
            return false; // unreadable, newer, or the fresh file failed too: left as it is
        QString error;
        aside = SqliteFile::moveAside(m_path, &error);
        if (aside.isEmpty()) {
            m_error = SqliteFile::notMovedAsideMessage(tr("relay database"), m_path, damage, error);
            return false;
        }
        m_recoveryNote = SqliteFile::movedAsideMessage(tr("relay database"), m_path, damage, aside);
        m_error.clear();
        // The damaged file is out of the way: start a fresh buffer.
    }
    m_open = true;
    m_stampOnClose = true;
    if (!aside.isEmpty()) {
        m_recoveryNote += u' ' + salvageChannels(aside);
        qCWarning(lcRelayStore).noquote() << m_recoveryNote;
    }
    if (!checkedAtOpen) {
        // A large file closed cleanly: bit rot since then would otherwise only show when the
        // damaged pages are read.
        m_backgroundCheck = std::make_unique<SqliteFile::BackgroundCheck>(
                m_path, this, [this](const SqliteFile::CheckResult &result) {
                    if (result.outcome == SqliteFile::CheckResult::Damaged)
                        markDamaged(result.reason);
                    else if (result.outcome == SqliteFile::CheckResult::Failed)
                        qCWarning(lcRelayStore).noquote() << "background integrity check not done"
                                                          << u"error=\"%1\""_s.arg(result.reason);
                });
    }
    return true;
}

bool RelayStore::openFile(bool fullCheck, QString *damage)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(m_path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!db.open()) {
            m_error = tr("Cannot open %1: %2")
                              .arg(QDir::toNativeSeparators(m_path), db.lastError().text());
            return false;
        }
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const SqliteFile::CheckResult checked = SqliteFile::check(db, fullCheck);
    if (checked.outcome == SqliteFile::CheckResult::Damaged) {
        m_error = tr("The relay database %1 is damaged: %2")
                          .arg(QDir::toNativeSeparators(m_path), checked.reason);
        *damage = checked.reason;
        return false;
    }
    if (checked.outcome == SqliteFile::CheckResult::Failed) {
        // Busy, unreadable, an I/O error: nothing says the file is damaged, so it stays.
        m_error = tr("Cannot read the relay database %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), checked.reason);
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
        m_error = tr("%1 is not a relay database: %2")
                          .arg(QDir::toNativeSeparators(m_path), q.lastError().text());
        return false;
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > SchemaVersion) {
        m_error = SqliteFile::newerSchemaMessage(tr("relay database"), u"hookscope-relay"_s, m_path,
                                                 version, SchemaVersion);
        return false;
    }
    // Only now may anything be written; from the first write on, a crash leaves no stamp.
    SqliteFile::removeCleanStamp(m_path);
    // WAL + NORMAL: a committed delivery survives a crash or kill of the relay process.
    if (!exec(u"PRAGMA journal_mode=WAL"_s) || !exec(u"PRAGMA synchronous=NORMAL"_s) || !migrate())
        return false;

    if (!q.exec(u"SELECT "_s + ChannelColumns + u" FROM channels"_s)) {
        m_error = tr("Cannot read the channels of %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), q.lastError().text());
        if (SqliteFile::isCorruption(q.lastError()))
            *damage = errorText(q.lastError());
        return false;
    }
    while (q.next())
        m_channels.insert(q.value(0).toString(), readChannel(q));
    if (q.lastError().isValid()) {
        m_error = tr("Cannot read the channels of %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), q.lastError().text());
        if (SqliteFile::isCorruption(q.lastError()))
            *damage = errorText(q.lastError());
        m_channels.clear();
        return false;
    }
    if (!q.exec(u"SELECT channel, count(*), coalesce(sum(size), 0) FROM events GROUP BY channel"_s)) {
        m_error = tr("Cannot read the deliveries of %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), q.lastError().text());
        if (SqliteFile::isCorruption(q.lastError()))
            *damage = errorText(q.lastError());
        m_channels.clear();
        return false;
    }
    while (q.next()) {
        const auto it = m_channels.find(q.value(0).toString());
        if (it == m_channels.end())
            continue;
        it->stats.events = q.value(1).toLongLong();
        it->stats.bytes = q.value(2).toLongLong();
    }
    if (q.lastError().isValid()) {
        m_error = tr("Cannot read the deliveries of %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), q.lastError().text());
        if (SqliteFile::isCorruption(q.lastError()))
            *damage = errorText(q.lastError());
        m_channels.clear();
        return false;
    }
    return true;
}

QString RelayStore::salvageChannels(const QString &asidePath)
{
    // The channels are what senders and subscribers are configured with; the deliveries in
    // the damaged file stay there. A channel is only kept when the highest id the old file
    // handed out is known: new ids must continue above it, or readers that saw an old id
    // would skip new deliveries as already seen.
    const QString name = m_connectionName + u"-salvage"_s;
    qint64 highestId = -1;
    QList<QPair<QString, Channel>> found;
    QString problem;
    {
        QSqlDatabase old = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        old.setDatabaseName(asidePath);
        old.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (old.open()) {
            QSqlQuery q(old);
            q.setForwardOnly(true);
            if (q.exec(u"SELECT seq FROM sqlite_sequence WHERE name = 'events'"_s))
                highestId = q.next() ? q.value(0).toLongLong() : 0;
            if (q.lastError().isValid()) {
                highestId = -1;
                problem = errorText(q.lastError());
            }
            q.finish();
            if (highestId >= 0 && q.exec(u"SELECT "_s + ChannelColumns + u" FROM channels"_s)) {
                while (q.next()) {
                    const Channel c = readChannel(q);
                    const QString id = q.value(0).toString();
                    if (!id.isEmpty() && !c.tokenHash.isEmpty())
                        found.append({ id, c });
                }
            }
            if (q.lastError().isValid() && problem.isEmpty())
                problem = errorText(q.lastError());
            q.finish();
            // What no subscriber had received yet is lost with the file: counted as dropped
            // where the index still says how much it was.
            QSqlQuery count(old);
            count.prepare(u"SELECT count(*) FROM events WHERE channel = ? AND id > ?"_s);
            for (auto &[id, c] : found) {
                count.addBindValue(id);
                count.addBindValue(c.stats.cursor);
                if (count.exec() && count.next())
                    c.stats.dropped += count.value(0).toLongLong();
                count.finish();
            }
        } else {
            problem = errorText(old.lastError());
        }
    }
    QSqlDatabase::removeDatabase(name);

    if (highestId < 0)
        return tr("Its channels could not be kept (%1): senders and subscribers need new channel "
                  "URLs.")
                .arg(problem.isEmpty() ? tr("the last delivery id is unreadable") : problem);

    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    bool ok = db.transaction();
    if (ok && highestId > 0) {
        QSqlQuery seq(db);
        seq.prepare(u"INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)"_s);
        seq.addBindValue(highestId);
        ok = seq.exec();
        if (!ok)
            problem = errorText(seq.lastError());
    }
    for (auto &[id, c] : found) {
        if (!ok)
            break;
        // Everything the old file held is gone: readers that name a position learn it.
        c.stats.evictedUpTo = qMax(c.stats.evictedUpTo, highestId);
        c.stats.events = 0;
        c.stats.bytes = 0;
        ok = writeChannel(id, c);
        if (!ok)
            problem = m_error;
    }
    if (ok && !db.commit()) {
        ok = false;
        problem = errorText(db.lastError());
    }
    if (!ok) {
        db.rollback();
        return tr("Its channels could not be kept (%1): senders and subscribers need new channel "
                  "URLs.")
                .arg(problem);
    }
    for (const auto &[id, c] : std::as_const(found))
        m_channels.insert(id, c);
    QString note = tr("%n channel(s) kept, with new deliveries numbered after %1; the deliveries "
                      "buffered in the old "
                      "file were not carried over.",
                      nullptr, int(found.size()))
                           .arg(highestId);
    if (!problem.isEmpty())
        note += u' ' + tr("Some channel rows could not be read (%1).").arg(problem);
    return note;
}

bool RelayStore::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.exec(u"PRAGMA user_version"_s);
    q.next();
    const int version = q.value(0).toInt();
    q.finish();
    if (version >= 1)
        return true;
    if (!db.transaction()) {
        m_error = db.lastError().text();
        return false;
    }
    // AUTOINCREMENT: an id is never handed out twice, even after the newest rows were
    // evicted, because clients skip ids they have already seen.
    const bool ok = exec(u"CREATE TABLE channels ("
                         u" id TEXT PRIMARY KEY,"
                         u" token_hash BLOB NOT NULL,"
                         u" created_at INTEGER NOT NULL,"
                         u" last_active INTEGER NOT NULL,"
                         u" cursor INTEGER NOT NULL DEFAULT 0,"
                         u" dropped INTEGER NOT NULL DEFAULT 0,"
                         u" evicted_up_to INTEGER NOT NULL DEFAULT 0)"_s)
            && exec(u"CREATE TABLE events ("
                    u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    u" channel TEXT NOT NULL,"
                    u" received_at INTEGER NOT NULL,"
                    u" method TEXT NOT NULL,"
                    u" path TEXT NOT NULL,"
                    u" query TEXT NOT NULL,"
                    u" remote_addr TEXT NOT NULL,"
                    u" content_type TEXT NOT NULL,"
                    u" headers TEXT NOT NULL,"
                    u" body BLOB NOT NULL,"
                    u" size INTEGER NOT NULL)"_s)
            && exec(u"CREATE INDEX events_channel ON events(channel, id)"_s)
            && exec(u"PRAGMA user_version = 1"_s);
    if (!ok || !db.commit()) {
        db.rollback();
        if (m_error.isEmpty())
            m_error = db.lastError().text();
        return false;
    }
    return true;
}

bool RelayStore::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(sql)) {
        m_error = tr("Database error: %1 (in: %2)").arg(q.lastError().text(), sql.left(80));
        qCWarning(lcRelayStore).noquote() << m_error;
        if (SqliteFile::isCorruption(q.lastError()))
            markDamaged(errorText(q.lastError()));
        return false;
    }
    return true;
}

void RelayStore::noteError(const QString &what, const QSqlError &error)
{
    qCWarning(lcRelayStore).noquote()
            << "database error" << u"during=\"%1\" error=\"%2\""_s.arg(what, error.text());
    if (SqliteFile::isCorruption(error))
        markDamaged(errorText(error));
}

void RelayStore::markDamaged(const QString &reason)
{
    if (m_damaged || !m_open)
        return;
    m_damaged = true;
    m_damageReason = reason;
    m_stampOnClose = false; // the next open checks the whole file and moves it aside
    m_error = tr("The relay database %1 is damaged (%2)")
                      .arg(QDir::toNativeSeparators(m_path), reason);
    qCCritical(lcRelayStore).noquote()
            << tr("The relay database %1 is damaged (%2). New deliveries are refused until "
                  "the relay is restarted; at its next start it moves the file aside and "
                  "starts a fresh buffer.")
                       .arg(QDir::toNativeSeparators(m_path), reason);
    // Queued: this may run deep inside a read or a commit whose caller is not done yet.
    QMetaObject::invokeMethod(
            this,
            [this, reason] {
                if (m_damaged)
                    Q_EMIT damaged(reason);
            },
            Qt::QueuedConnection);
}

void RelayStore::closeConnection()
{
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

void RelayStore::close()
{
    m_backgroundCheck.reset(); // its verdict is for this session only
    if (m_open) {
        m_queue.flush();
        persistDirtyChannels();
    } else {
        m_queue.fail(tr("The relay store is not open"));
    }
    m_persistTimer.stop();
    const bool stamp = m_open && m_stampOnClose && !m_damaged;
    closeConnection();
    // The last connection is closed (SQLite has checkpointed and removed the WAL).
    if (stamp)
        SqliteFile::writeCleanStamp(m_path);
    m_open = false;
    m_stampOnClose = false;
    m_channels.clear();
}

bool RelayStore::isOpen() const
{
    return m_open;
}

QString RelayStore::errorString() const
{
    return m_error;
}

QString RelayStore::recoveryNote() const
{
    return m_recoveryNote;
}

bool RelayStore::isDamaged() const
{
    return m_damaged;
}

QString RelayStore::damageReason() const
{
    return m_damageReason;
}

QString RelayStore::databasePath() const
{
    return m_path;
}

void RelayStore::setLimits(const Limits &limits)
{
    m_limits = limits;
    m_limits.maxEventsPerChannel = qMax<qint64>(1, m_limits.maxEventsPerChannel);
    m_limits.maxBytesPerChannel = qMax<qint64>(1, m_limits.maxBytesPerChannel);
}

const RelayStore::Limits &RelayStore::limits() const
{
    return m_limits;
}

bool RelayStore::createChannel(const QString &channel, const QString &token)
{
    if (!m_open || m_damaged || m_channels.contains(channel))
        return false;
    Channel c;
    c.tokenHash = tokenHash(token);
    c.stats.createdAt = QDateTime::currentMSecsSinceEpoch();
    c.stats.lastActive = c.stats.createdAt;
    if (!writeChannel(channel, c))
        return false;
    m_channels.insert(channel, c);
    return true;
}

bool RelayStore::writeChannel(const QString &id, const Channel &c)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(
            u"INSERT INTO channels (id, token_hash, created_at, last_active, cursor, dropped, "
            u"evicted_up_to)"
            u" VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET last_active = "
            u"excluded.last_active,"
            u" cursor = excluded.cursor, dropped = excluded.dropped, evicted_up_to = excluded.evicted_up_to"_s);
    q.addBindValue(id);
    q.addBindValue(c.tokenHash);
    q.addBindValue(c.stats.createdAt);
    q.addBindValue(c.stats.lastActive);
    q.addBindValue(c.stats.cursor);
    q.addBindValue(c.stats.dropped);
    q.addBindValue(c.stats.evictedUpTo);
    if (!q.exec()) {
        m_error = q.lastError().text();
        noteError(u"writing channel %1"_s.arg(shortId(id)), q.lastError());
        return false;
    }
    return true;
}

bool RelayStore::hasChannel(const QString &channel) const
{
    return m_channels.contains(channel);
}

bool RelayStore::checkToken(const QString &channel, QStringView token) const
{
    const auto it = m_channels.constFind(channel);
    // Hashing first makes the comparison length-independent as well as constant-time.
    const QByteArray given = tokenHash(token);
    if (it == m_channels.constEnd()) {
        (void)Secrets::constantTimeEquals(given, given);
        return false;
    }
    return !token.isEmpty() && Secrets::constantTimeEquals(given, it->tokenHash);
}

std::optional<RelayStore::ChannelStats> RelayStore::stats(const QString &channel) const
{
    const auto it = m_channels.constFind(channel);
    if (it == m_channels.constEnd())
        return std::nullopt;
    return it->stats;
}

qsizetype RelayStore::channelCount() const
{
    return m_channels.size();
}

void RelayStore::touch(const QString &channel)
{
    const auto it = m_channels.find(channel);
    if (it == m_channels.end())
        return;
    it->stats.lastActive = QDateTime::currentMSecsSinceEpoch();
    it->dirty = true;
    if (!m_persistTimer.isActive())
        m_persistTimer.start();
}

int RelayStore::expireChannels(qint64 olderThanMs)
{
    if (!m_open || m_damaged)
        return 0;
    flush();
    QStringList expired;
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it)
        if (it->stats.lastActive < olderThanMs)
            expired.append(it.key());
    if (expired.isEmpty())
        return 0;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        noteError(u"expiring channels"_s, db.lastError());
        return 0;
    }
    QSqlQuery delEvents(db);
    delEvents.prepare(u"DELETE FROM events WHERE channel = ?"_s);
    QSqlQuery delChannel(db);
    delChannel.prepare(u"DELETE FROM channels WHERE id = ?"_s);
    for (const QString &id : std::as_const(expired)) {
        delEvents.addBindValue(id);
        delChannel.addBindValue(id);
        if (!delEvents.exec() || !delChannel.exec()) {
            noteError(u"expiring channels"_s,
                      delEvents.lastError().isValid() ? delEvents.lastError()
                                                      : delChannel.lastError());
            db.rollback();
            return 0;
        }
    }
    if (!db.commit()) {
        noteError(u"expiring channels"_s, db.lastError());
        db.rollback();
        return 0;
    }
    for (const QString &id : std::as_const(expired))
        m_channels.remove(id);
    return int(expired.size());
}

void RelayStore::submit(RelayEvent event, Completion done)
{
    if (!m_open) {
        if (done)
            done(0, tr("The relay store is not open"));
        return;
    }
    if (m_damaged) {
        if (done)
            done(0, m_error);
        return;
    }
    if (!m_channels.contains(event.channel)) {
        if (done)
            done(0, tr("No such channel"));
        return;
    }
    if (event.timestamp <= 0)
        event.timestamp = QDateTime::currentMSecsSinceEpoch();
    m_queue.submit(std::move(event), std::move(done));
}

void RelayStore::flush()
{
    m_queue.flush();
}

int RelayStore::pendingCount() const
{
    return m_queue.size();
}

RelayStore::Channel RelayStore::readChannel(const QSqlQuery &q)
{
    Channel c;
    c.tokenHash = q.value(1).toByteArray();
    c.stats.createdAt = q.value(2).toLongLong();
    c.stats.lastActive = q.value(3).toLongLong();
    c.stats.cursor = q.value(4).toLongLong();
    c.stats.dropped = q.value(5).toLongLong();
    c.stats.evictedUpTo = q.value(6).toLongLong();
    return c;
}

void RelayStore::commitBatch(Queue::Batch &batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QString error;
    QSqlError sqlError;
    QList<qint64> ids;
    QSet<QString> touched;
    // Channel state is changed on a copy and applied only when the transaction commits.
    QHash<QString, Channel> changed;

    if (m_damaged) {
        error = m_error;
    } else if (!db.transaction()) {
        sqlError = db.lastError();
        error = sqlError.text();
    } else {
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO events (channel, received_at, method, path, query, "
                       u"remote_addr, content_type,"
                       u" headers, body, size) VALUES (?,?,?,?,?,?,?,?,?,?)"_s);
        for (Queue::Entry &p : batch) {
            const RelayEvent &e = p.item;
            insert.addBindValue(e.channel);
            insert.addBindValue(e.timestamp);
            insert.addBindValue(text(e.method));
            insert.addBindValue(text(e.path));
            insert.addBindValue(text(e.query));
            insert.addBindValue(text(e.remoteAddress));
            insert.addBindValue(text(e.contentType));
            insert.addBindValue(SqlValues::headersToJson(e.headers));
            insert.addBindValue(e.body.isNull() ? QByteArray("") : e.body);
            insert.addBindValue(qint64(e.body.size()));
            if (!insert.exec()) {
                sqlError = insert.lastError();
                error = sqlError.text();
                break;
            }
            ids.append(insert.lastInsertId().toLongLong());
            auto it = changed.find(e.channel);
            if (it == changed.end())
                it = changed.insert(e.channel, m_channels.value(e.channel));
            it->stats.events += 1;
            it->stats.bytes += e.body.size();
            it->stats.lastActive = qMax(it->stats.lastActive, e.timestamp);
            touched.insert(e.channel);
        }
        for (auto it = changed.begin(); error.isEmpty() && it != changed.end(); ++it) {
            if (!enforceBounds(it.key(), *it) || !writeChannel(it.key(), *it))
                error = m_error;
            it->dirty = false;
        }
        if (error.isEmpty() && !db.commit()) {
            sqlError = db.lastError();
            error = sqlError.text();
        }
        if (!error.isEmpty())
            db.rollback();
    }
    if (SqliteFile::isCorruption(sqlError))
        markDamaged(errorText(sqlError));

    if (!error.isEmpty()) {
        const QString message =
                tr("Could not store %n delivery(s): %1", nullptr, int(batch.size())).arg(error);
        qCWarning(lcRelayStore).noquote() << message;
        Queue::complete(batch, ids, message);
        Q_EMIT storeError(message);
        return;
    }
    for (auto it = changed.cbegin(); it != changed.cend(); ++it) {
        // The cursor may have moved while the batch was being written.
        Channel &c = m_channels[it.key()];
        const qint64 cursor = c.stats.cursor;
        const bool dirty = c.dirty;
        c = *it;
        c.stats.cursor = qMax(cursor, it->stats.cursor);
        c.dirty = dirty;
    }
    Queue::complete(batch, ids, QString());
    Q_EMIT committed(touched);
}

bool RelayStore::enforceBounds(const QString &channel, Channel &c)
{
    if (c.stats.events <= m_limits.maxEventsPerChannel
        && c.stats.bytes <= m_limits.maxBytesPerChannel)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, size FROM events WHERE channel = ? ORDER BY id"_s);
    q.addBindValue(channel);
    if (!q.exec()) {
        m_error = q.lastError().text();
        noteError(u"evicting from channel %1"_s.arg(shortId(channel)), q.lastError());
        return false;
    }
    qint64 events = c.stats.events;
    qint64 bytes = c.stats.bytes;
    qint64 upTo = 0;
    qint64 undelivered = 0;
    while ((events > m_limits.maxEventsPerChannel || bytes > m_limits.maxBytesPerChannel)
           && q.next()) {
        upTo = q.value(0).toLongLong();
        --events;
        bytes -= q.value(1).toLongLong();
        if (upTo > c.stats.cursor)
            ++undelivered;
    }
    if (q.lastError().isValid()) {
        m_error = q.lastError().text();
        noteError(u"evicting from channel %1"_s.arg(shortId(channel)), q.lastError());
        return false;
    }
    q.finish();
    if (upTo == 0)
        return true;
    QSqlQuery del(db);
    del.prepare(u"DELETE FROM events WHERE channel = ? AND id <= ?"_s);
    del.addBindValue(channel);
    del.addBindValue(upTo);
    if (!del.exec()) {
        m_error = del.lastError().text();
        noteError(u"evicting from channel %1"_s.arg(shortId(channel)), del.lastError());
        return false;
    }
    if (undelivered > 0)
        qCWarning(lcRelayStore).noquote()
                << "channel" << shortId(channel) << "over its bounds: dropped" << undelivered
                << "undelivered events";
    c.stats.events = events;
    c.stats.bytes = bytes;
    c.stats.dropped += undelivered;
    c.stats.evictedUpTo = qMax(c.stats.evictedUpTo, upTo);
    return true;
}

void RelayStore::persistDirtyChannels()
{
    m_persistTimer.stop();
    if (!m_open || m_damaged) // nothing more is written into a damaged file
        return;
    for (auto it = m_channels.begin(); it != m_channels.end(); ++it) {
        if (it->dirty && writeChannel(it.key(), *it))
            it->dirty = false;
    }
}

QList<RelayEvent> RelayStore::eventsAfter(const QString &channel, qint64 afterId, int maxCount,
                                          qint64 maxBytes, QString *error)
{
    QList<RelayEvent> out;
    if (!m_open) {
        if (error)
            *error = tr("The relay store is not open");
        return out;
    }
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(
            u"SELECT id, received_at, method, path, query, remote_addr, content_type, headers, body"
            u" FROM events WHERE channel = ? AND id > ? ORDER BY id LIMIT ?"_s);
    q.addBindValue(channel);
    q.addBindValue(afterId);
    q.addBindValue(maxCount);
    bool ok = q.exec();
    qint64 bytes = 0;
    while (ok && q.next()) {
        RelayEvent e;
        e.id = q.value(0).toLongLong();
        e.channel = channel;
        e.timestamp = q.value(1).toLongLong();
        e.method = q.value(2).toString();
        e.path = q.value(3).toString();
        e.query = q.value(4).toString();
        e.remoteAddress = q.value(5).toString();
        e.contentType = q.value(6).toString();
        e.headers = SqlValues::headersFromJson(q.value(7).toString());
        e.body = q.value(8).toByteArray();
        bytes += e.body.size();
        out.append(std::move(e));
        if (bytes >= maxBytes)
            break;
    }
    // An error ends the rows as quietly as their end does: tell them apart.
    if (!ok || q.lastError().isValid()) {
        const QSqlError sqlError = q.lastError();
        const qint64 at = out.isEmpty() ? afterId : out.constLast().id;
        noteError(u"reading channel %1 after id %2"_s.arg(shortId(channel)).arg(at), sqlError);
        if (error)
            *error = tr("Cannot read the deliveries after id %1: %2")
                             .arg(QString::number(at), errorText(sqlError));
    }
    return out;
}

qint64 RelayStore::oldestId(const QString &channel)
{
    if (!m_open)
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT min(id) FROM events WHERE channel = ?"_s);
    q.addBindValue(channel);
    if (!q.exec() || !q.next()) {
        noteError(u"reading the oldest id of channel %1"_s.arg(shortId(channel)), q.lastError());
        return 0;
    }
    return q.value(0).toLongLong();
}

void RelayStore::advanceCursor(const QString &channel, qint64 id)
{
    const auto it = m_channels.find(channel);
    if (it == m_channels.end() || id <= it->stats.cursor)
        return;
    it->stats.cursor = id;
    it->dirty = true;
    if (!m_persistTimer.isActive())
        m_persistTimer.start();
}

} // namespace Hookscope
