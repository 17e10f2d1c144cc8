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

#include <algorithm>
#include <queue>

#include "core/common/secrets.h"
#include "core/common/sqlitefile.h"
#include "core/common/sqlvalues.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRelayStore, "hookscope.relay.store")

namespace Hookscope {

namespace {

constexpr int MaxBatch = 256;
// 0: commit as soon as the event loop has read what is ready (as EventStore does): deliveries
// that arrive together share a transaction without a fixed wait for each of them.
constexpr std::chrono::milliseconds CommitDelay{ 0 };
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

// What the bounds count for a stored row (RelayStore::storedBytes()). Rows of schema 1 have
// no stored_bytes: they are counted from their columns, the headers by their JSON text
// (which is one byte more than storedBytes() counts for them).
const QString StoredBytesSql =
        u"coalesce(stored_bytes, 64 + length(CAST(method AS BLOB)) + length(CAST(path AS BLOB))"
        u" + length(CAST(query AS BLOB)) + length(CAST(remote_addr AS BLOB))"
        u" + length(CAST(content_type AS BLOB)) + length(CAST(headers AS BLOB)) + length(body))"_s;

// Starts every error of a delivery refused for lack of room (RelayStore::isFullError()).
constexpr auto FullErrorPrefix = "insufficient storage: "_L1;

qint64 utf8Bytes(QStringView text)
{
    qint64 n = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        // A surrogate pair is four bytes: two for each half.
        n += u < 0x80 ? 1 : (u < 0x800 || QChar::isSurrogate(u)) ? 2 : 3;
    }
    return n;
}

// A header name or value as SqlValues::headersToJson() stores it: each byte as a Latin-1
// character, UTF-8 encoded inside a JSON string.
qint64 jsonStringBytes(const QByteArray &latin1)
{
    qint64 n = latin1.size();
    for (const char ch : latin1) {
        const auto b = uchar(ch);
        if (b >= 0x80 || b == '"' || b == '\\')
            n += 1;
        else if (b == '\b' || b == '\f' || b == '\n' || b == '\r' || b == '\t')
            n += 1;
        else if (b < 0x20)
            n += 5; // \u00XX
    }
    return n;
}

// SQLITE_FULL: the disk (or a size limit) is full.
bool isDiskFull(const QSqlError &error)
{
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
    return numeric && code == 13;
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
    enforceTotalAtOpen();
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
    m_channels.clear();
    m_totalBytes = 0;
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
    // The WAL is truncated back to 64 MiB after a checkpoint: a burst of large deliveries
    // does not leave it at its largest size, outside the bounds, until the relay stops.
    if (!exec(u"PRAGMA journal_mode=WAL"_s) || !exec(u"PRAGMA synchronous=NORMAL"_s)
        || !exec(u"PRAGMA journal_size_limit=67108864"_s) || !migrate())
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
    if (!q.exec(u"SELECT channel, count(*), coalesce(sum("_s + StoredBytesSql
                + u"), 0) FROM events GROUP BY channel"_s)) {
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
        m_totalBytes += it->stats.bytes;
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
    if (version >= SchemaVersion)
        return true;
    if (!db.transaction()) {
        m_error = db.lastError().text();
        return false;
    }
    bool ok = false;
    if (version >= 1) {
        // From schema 1: adding the column is instant (no row is rewritten); its rows keep
        // NULL there and are counted from their columns (StoredBytesSql).
        ok = exec(u"ALTER TABLE events ADD COLUMN stored_bytes INTEGER"_s);
    } else {
        // AUTOINCREMENT: an id is never handed out twice, even after the newest rows were
        // evicted, because clients skip ids they have already seen. stored_bytes comes
        // before the large columns, so reading it does not walk a body's overflow pages;
        // size is the body's length (what schema 1 bounded).
        ok = exec(u"CREATE TABLE channels ("
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
                        u" stored_bytes INTEGER,"
                        u" method TEXT NOT NULL,"
                        u" path TEXT NOT NULL,"
                        u" query TEXT NOT NULL,"
                        u" remote_addr TEXT NOT NULL,"
                        u" content_type TEXT NOT NULL,"
                        u" headers TEXT NOT NULL,"
                        u" body BLOB NOT NULL,"
                        u" size INTEGER NOT NULL)"_s)
                && exec(u"CREATE INDEX events_channel ON events(channel, id)"_s);
    }
    ok = ok && exec(u"PRAGMA user_version = %1"_s.arg(SchemaVersion));
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
    if (isDiskFull(error))
        m_diskFullNoted = true;
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
    m_totalBytes = 0;
    m_pendingBytes = 0;
    m_commitError.clear();
    m_lastRefusedBytes = 0;
    m_full = false;
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
    m_limits.maxTotalBytes = qMax<qint64>(0, m_limits.maxTotalBytes);
}

const RelayStore::Limits &RelayStore::limits() const
{
    return m_limits;
}

qint64 RelayStore::storedBytes(const RelayEvent &event)
{
    qint64 n = RowOverheadBytes + event.body.size() + utf8Bytes(event.method)
            + utf8Bytes(event.path) + utf8Bytes(event.query) + utf8Bytes(event.contentType)
            + utf8Bytes(event.remoteAddress);
    for (const auto &[name, value] : event.headers)
        n += HeaderFieldOverheadBytes + jsonStringBytes(name) + jsonStringBytes(value);
    return n;
}

qint64 RelayStore::totalBytes() const
{
    return m_totalBytes;
}

bool RelayStore::isFullError(const QString &error)
{
    return error.startsWith(FullErrorPrefix);
}

QString RelayStore::fullError(const QString &message)
{
    return FullErrorPrefix + message;
}

QString RelayStore::tooLargeError(qint64 bytes) const
{
    return fullError(tr("a delivery of %1 bytes (headers and body as stored) is larger than a "
                        "channel's buffer (%2 bytes)")
                             .arg(bytes)
                             .arg(m_limits.maxBytesPerChannel));
}

QString RelayStore::roomProblem(qint64 used, qint64 bytes) const
{
    if (m_limits.maxTotalBytes <= 0 || used + bytes <= m_limits.maxTotalBytes)
        return {};
    return roomProblem(used, bytes, refreshReceived());
}

QString RelayStore::roomProblem(qint64 used, qint64 bytes, qint64 evictable) const
{
    if (m_limits.maxTotalBytes <= 0 || used + bytes - evictable <= m_limits.maxTotalBytes)
        return {};
    return fullError(tr("the relay's buffer is full (%1 of %2 bytes, %3 of them not yet received "
                        "by a reader); try again later")
                             .arg(used)
                             .arg(m_limits.maxTotalBytes)
                             .arg(used - evictable));
}

bool RelayStore::hasRoomFor(qint64 bytes, QString *why) const
{
    QString problem;
    if (!m_open)
        problem = tr("The relay store is not open");
    else if (m_damaged)
        problem = m_error.isEmpty() ? m_damageReason : m_error;
    else if (bytes > m_limits.maxBytesPerChannel)
        problem = tooLargeError(bytes);
    else
        problem = roomProblem(m_totalBytes + m_pendingBytes, qMax<qint64>(0, bytes));
    if (why)
        *why = problem;
    return problem.isEmpty();
}

bool RelayStore::canWrite(QString *why) const
{
    QString problem;
    if (!m_open)
        problem = tr("The relay store is not open");
    else if (m_damaged)
        problem = m_error.isEmpty() ? m_damageReason : m_error;
    else if (!m_commitError.isEmpty())
        problem = m_commitError;
    else
        // Full: no room for the last delivery refused as full, or not even for one byte.
        problem = roomProblem(m_totalBytes, qMax<qint64>(1, m_lastRefusedBytes));
    if (why)
        *why = problem;
    return problem.isEmpty();
}

void RelayStore::noteRefused(qint64 bytes)
{
    m_lastRefusedBytes = qMax<qint64>(1, bytes);
    if (!m_full)
        qCWarning(lcRelayStore).noquote()
                << "buffer full: refusing deliveries until readers catch up"
                << u"total=%1 max=%2"_s.arg(m_totalBytes).arg(m_limits.maxTotalBytes);
    m_full = true;
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
        m_totalBytes -= m_channels.take(id).stats.bytes;
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
    const qint64 bytes = storedBytes(event);
    if (bytes > m_limits.maxBytesPerChannel) {
        // It could never be kept: the channel's own bound would evict it at once.
        if (done)
            done(0, tooLargeError(bytes));
        return;
    }
    if (event.timestamp <= 0)
        event.timestamp = QDateTime::currentMSecsSinceEpoch();
    m_pendingBytes += bytes;
    m_queue.submit({ std::move(event), bytes }, std::move(done));
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
    qint64 batchBytes = 0;
    for (const Queue::Entry &p : batch)
        batchBytes += p.item.bytes;
    m_pendingBytes = qMax<qint64>(0, m_pendingBytes - batchBytes);

    // Admission for the global bound, in submission order: a delivery fits when what is
    // stored, plus what this batch admitted before it, plus itself, minus everything readers
    // have received (which may be evicted for it) is within the bound. Evictions of the
    // channels' own bounds are not counted on: they could drop what no reader has received.
    std::vector<QString> refused(batch.size());
    qint64 refusedBytes = 0;
    if (!m_damaged && m_limits.maxTotalBytes > 0
        && m_totalBytes + batchBytes > m_limits.maxTotalBytes) {
        const qint64 evictable = refreshReceived();
        qint64 projected = m_totalBytes;
        for (size_t i = 0; i < batch.size(); ++i) {
            const qint64 bytes = batch[i].item.bytes;
            refused[i] = roomProblem(projected, bytes, evictable);
            if (refused[i].isEmpty())
                projected += bytes;
            else
                refusedBytes = qMax(refusedBytes, bytes);
        }
    }
    const bool anyAdmitted = std::any_of(refused.cbegin(), refused.cend(),
                                         [](const QString &r) { return r.isEmpty(); });

    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QString error;
    QSqlError sqlError;
    m_diskFullNoted = false;
    std::vector<qint64> ids(batch.size(), 0);
    QSet<QString> touched;
    // Channel state is changed on a copy and applied only when the transaction commits.
    QHash<QString, Channel> changed;
    qint64 total = m_totalBytes;

    if (m_damaged) {
        error = m_error;
    } else if (!anyAdmitted) {
        // Nothing to write.
    } else if (!db.transaction()) {
        sqlError = db.lastError();
        error = sqlError.text();
    } else {
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO events (channel, received_at, stored_bytes, method, path, "
                       u"query, remote_addr, content_type, headers, body, size)"
                       u" VALUES (?,?,?,?,?,?,?,?,?,?,?)"_s);
        for (size_t i = 0; i < batch.size(); ++i) {
            if (!refused[i].isEmpty())
                continue;
            const RelayEvent &e = batch[i].item.event;
            const qint64 bytes = batch[i].item.bytes;
            insert.addBindValue(e.channel);
            insert.addBindValue(e.timestamp);
            insert.addBindValue(bytes);
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
            ids[i] = insert.lastInsertId().toLongLong();
            auto it = changed.find(e.channel);
            if (it == changed.end())
                it = changed.insert(e.channel, m_channels.value(e.channel));
            it->stats.events += 1;
            it->stats.bytes += bytes;
            it->stats.lastActive = qMax(it->stats.lastActive, e.timestamp);
            total += bytes;
            touched.insert(e.channel);
        }
        for (auto it = changed.begin(); error.isEmpty() && it != changed.end(); ++it) {
            if (!enforceBounds(it.key(), *it, &total))
                error = m_error;
        }
        if (error.isEmpty() && m_limits.maxTotalBytes > 0 && total > m_limits.maxTotalBytes
            && !evictReceived(total - m_limits.maxTotalBytes, changed, &total))
            error = m_error;
        for (auto it = changed.begin(); error.isEmpty() && it != changed.end(); ++it) {
            if (!writeChannel(it.key(), *it))
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
        const int count = int(std::count(refused.cbegin(), refused.cend(), QString()));
        QString message = tr("Could not store %n delivery(s): %1", nullptr, count).arg(error);
        if (isDiskFull(sqlError) || m_diskFullNoted)
            message = fullError(message);
        qCWarning(lcRelayStore).noquote() << message;
        m_commitError = message;
        for (size_t i = 0; i < batch.size(); ++i) {
            if (batch[i].done)
                batch[i].done(0, refused[i].isEmpty() ? message : refused[i]);
        }
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
    m_totalBytes = total;
    if (anyAdmitted)
        m_commitError.clear();
    if (refusedBytes > 0) {
        m_lastRefusedBytes = refusedBytes;
        if (!m_full)
            qCWarning(lcRelayStore).noquote()
                    << "buffer full: refusing deliveries until readers catch up"
                    << u"total=%1 max=%2"_s.arg(m_totalBytes).arg(m_limits.maxTotalBytes);
        m_full = true;
    } else if (anyAdmitted) {
        m_lastRefusedBytes = 0;
        if (m_full)
            qCInfo(lcRelayStore).noquote()
                    << "buffer has room again"
                    << u"total=%1 max=%2"_s.arg(m_totalBytes).arg(m_limits.maxTotalBytes);
        m_full = false;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        if (batch[i].done)
            batch[i].done(ids[i], refused[i]);
    }
    if (!touched.isEmpty())
        Q_EMIT committed(touched);
}

bool RelayStore::enforceBounds(const QString &channel, Channel &c, qint64 *total)
{
    if (c.stats.events <= m_limits.maxEventsPerChannel
        && c.stats.bytes <= m_limits.maxBytesPerChannel)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, "_s + StoredBytesSql + u" FROM events WHERE channel = ? ORDER BY id"_s);
    q.addBindValue(channel);
    if (!q.exec()) {
        m_error = q.lastError().text();
        noteError(u"evicting from channel %1"_s.arg(shortId(channel)), q.lastError());
        return false;
    }
    qint64 events = c.stats.events;
    qint64 bytes = c.stats.bytes;
    qint64 received = c.receivedBytes;
    qint64 upTo = 0;
    qint64 undelivered = 0;
    while ((events > m_limits.maxEventsPerChannel || bytes > m_limits.maxBytesPerChannel)
           && q.next()) {
        upTo = q.value(0).toLongLong();
        const qint64 size = q.value(1).toLongLong();
        --events;
        bytes -= size;
        if (upTo > c.stats.cursor)
            ++undelivered;
        if (upTo <= c.receivedUpTo)
            received -= size;
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
    *total -= c.stats.bytes - bytes;
    c.stats.events = events;
    c.stats.bytes = bytes;
    c.receivedBytes = qMax<qint64>(0, received);
    c.stats.dropped += undelivered;
    c.stats.evictedUpTo = qMax(c.stats.evictedUpTo, upTo);
    return true;
}

qint64 RelayStore::refreshReceived() const
{
    qint64 sum = 0;
    std::optional<QSqlQuery> q;
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it) {
        const Channel &c = *it;
        if (c.stats.cursor > c.receivedUpTo && c.stats.events == 0) {
            // Ids only grow: nothing at or below the cursor can be stored later.
            c.receivedUpTo = c.stats.cursor;
            c.receivedBytes = 0;
        } else if (c.stats.cursor > c.receivedUpTo) {
            if (!q) {
                q.emplace(QSqlDatabase::database(m_connectionName, false));
                q->setForwardOnly(true);
                q->prepare(u"SELECT coalesce(sum("_s + StoredBytesSql
                           + u"), 0) FROM events WHERE channel = ? AND id > ? AND id <= ?"_s);
            }
            q->addBindValue(it.key());
            q->addBindValue(c.receivedUpTo);
            q->addBindValue(c.stats.cursor);
            if (q->exec() && q->next()) {
                c.receivedBytes += q->value(0).toLongLong();
                c.receivedUpTo = c.stats.cursor;
            } else {
                // Counted as not evictable until a later try reads it.
                const_cast<RelayStore *>(this)->noteError(
                        u"counting what channel %1 has delivered"_s.arg(shortId(it.key())),
                        q->lastError());
            }
            q->finish();
        }
        sum += c.receivedBytes;
    }
    return sum;
}

bool RelayStore::evictReceived(qint64 need, QHash<QString, Channel> &changed, qint64 *total)
{
    // One cursor per channel over what its readers have received, merged by id: the oldest
    // received event of the whole buffer goes first.
    struct Source
    {
        QString channel;
        std::unique_ptr<QSqlQuery> query;
        qint64 id = 0;
        qint64 bytes = 0;
    };
    struct Evicted
    {
        qint64 upTo = 0;
        qint64 events = 0;
        qint64 bytes = 0;
    };
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    std::vector<Source> sources;
    const auto failed = [this](const QString &channel, const QSqlError &sqlError) {
        m_error = sqlError.text();
        noteError(u"evicting received events from channel %1"_s.arg(shortId(channel)), sqlError);
        return false;
    };
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it) {
        const auto copy = changed.constFind(it.key());
        const Channel &c = copy == changed.cend() ? *it : *copy;
        if (c.receivedBytes <= 0 || c.receivedUpTo <= 0)
            continue;
        auto q = std::make_unique<QSqlQuery>(db);
        q->setForwardOnly(true);
        q->prepare(u"SELECT id, "_s + StoredBytesSql
                   + u" FROM events WHERE channel = ? AND id <= ? ORDER BY id"_s);
        q->addBindValue(it.key());
        q->addBindValue(c.receivedUpTo);
        if (!q->exec())
            return failed(it.key(), q->lastError());
        if (q->next())
            sources.push_back({ it.key(), std::move(q), 0, 0 });
        else if (q->lastError().isValid())
            return failed(it.key(), q->lastError());
        else
            continue;
        Source &s = sources.back();
        s.id = s.query->value(0).toLongLong();
        s.bytes = s.query->value(1).toLongLong();
    }
    const auto later = [&sources](size_t a, size_t b) { return sources[a].id > sources[b].id; };
    std::priority_queue<size_t, std::vector<size_t>, decltype(later)> oldest(later);
    for (size_t i = 0; i < sources.size(); ++i)
        oldest.push(i);
    QHash<QString, Evicted> evicted;
    qint64 freed = 0;
    while (freed < need && !oldest.empty()) {
        const size_t next = oldest.top();
        oldest.pop();
        Source &s = sources[next];
        Evicted &e = evicted[s.channel];
        e.upTo = s.id;
        e.events += 1;
        e.bytes += s.bytes;
        freed += s.bytes;
        if (s.query->next()) {
            s.id = s.query->value(0).toLongLong();
            s.bytes = s.query->value(1).toLongLong();
            oldest.push(next);
        } else if (s.query->lastError().isValid()) {
            return failed(s.channel, s.query->lastError());
        }
    }
    sources.clear(); // the reads end before the deletes
    QSqlQuery del(db);
    del.prepare(u"DELETE FROM events WHERE channel = ? AND id <= ?"_s);
    for (auto it = evicted.cbegin(); it != evicted.cend(); ++it) {
        del.addBindValue(it.key());
        del.addBindValue(it->upTo);
        if (!del.exec())
            return failed(it.key(), del.lastError());
        auto c = changed.find(it.key());
        if (c == changed.end())
            c = changed.insert(it.key(), m_channels.value(it.key()));
        c->stats.events -= it->events;
        c->stats.bytes -= it->bytes;
        c->receivedBytes = qMax<qint64>(0, c->receivedBytes - it->bytes);
        c->stats.evictedUpTo = qMax(c->stats.evictedUpTo, it->upTo);
        *total -= it->bytes;
    }
    if (freed > 0)
        qCDebug(lcRelayStore).noquote() << "evicted received events for the global bound"
                                        << u"bytes=%1 channels=%2"_s.arg(freed).arg(evicted.size());
    return true;
}

void RelayStore::enforceTotalAtOpen()
{
    if (m_limits.maxTotalBytes <= 0 || m_totalBytes <= m_limits.maxTotalBytes)
        return;
    refreshReceived();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QHash<QString, Channel> changed;
    qint64 total = m_totalBytes;
    bool ok = db.transaction() && evictReceived(total - m_limits.maxTotalBytes, changed, &total);
    for (auto it = changed.begin(); ok && it != changed.end(); ++it)
        ok = writeChannel(it.key(), *it);
    if (ok && db.commit()) {
        for (auto it = changed.cbegin(); it != changed.cend(); ++it)
            m_channels[it.key()] = *it;
        if (total < m_totalBytes)
            qCInfo(lcRelayStore).noquote()
                    << "over the buffer's bound at open: evicted what readers had received"
                    << u"bytes=%1"_s.arg(m_totalBytes - total);
        m_totalBytes = total;
    } else {
        if (db.lastError().isValid())
            noteError(u"evicting for the buffer's bound at open"_s, db.lastError());
        db.rollback();
    }
    if (m_totalBytes > m_limits.maxTotalBytes)
        qCWarning(lcRelayStore).noquote()
                << "buffer over its bound at open: deliveries are refused until readers catch "
                   "up or channels expire"
                << u"total=%1 max=%2"_s.arg(m_totalBytes).arg(m_limits.maxTotalBytes);
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
