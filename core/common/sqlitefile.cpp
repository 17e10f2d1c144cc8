// SPDX-License-Identifier: MIT
#include "sqlitefile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThreadPool>
#include <QSqlDriver>
#include <QUuid>
#include <QVariant>
#include <QWaitCondition>

#include <sqlite3.h>

#include <atomic>
#include <utility>

using namespace Qt::StringLiterals;

namespace Hookscope::SqliteFile {

namespace {

constexpr qint64 DefaultAlwaysCheckBelowBytes = 64 * 1024 * 1024;
std::atomic<qint64> g_alwaysCheckBelow{ -1 };

// Primary result codes (the low byte of an extended one).
constexpr int SqliteCorrupt = 11;
constexpr int SqliteNotADatabase = 26;

QString tr(const char *text)
{
    return QCoreApplication::translate("Hookscope::SqliteFile", text);
}

QByteArray fileSignature(const QString &dbPath)
{
    const QFileInfo info(dbPath);
    return QByteArray::number(info.size()) + ' '
            + QByteArray::number(info.lastModified().toMSecsSinceEpoch());
}

QString errorText(const QSqlError &error)
{
    const QString database = error.databaseText().trimmed();
    return database.isEmpty() ? error.text().trimmed() : database;
}

} // namespace

qint64 alwaysCheckBelowBytes()
{
    const qint64 set = g_alwaysCheckBelow.load();
    if (set >= 0)
        return set;
    bool ok = false;
    const qint64 fromEnvironment =
            qEnvironmentVariable("HOOKSCOPE_TEST_SQLITE_CHECK_BELOW").toLongLong(&ok);
    return ok && fromEnvironment >= 0 ? fromEnvironment : DefaultAlwaysCheckBelowBytes;
}

void setAlwaysCheckBelowBytes(qint64 bytes)
{
    g_alwaysCheckBelow = bytes < 0 ? -1 : bytes;
}

QString cleanStampPath(const QString &dbPath)
{
    return dbPath + u".clean"_s;
}

bool closedCleanly(const QString &dbPath)
{
    QFile stamp(cleanStampPath(dbPath));
    // An empty WAL holds nothing to recover: a reader that opened the file after the clean
    // close (`hookscope export`) leaves one behind, as read-only connections cannot remove it.
    const QFileInfo wal(dbPath + u"-wal"_s);
    return stamp.open(QIODevice::ReadOnly) && stamp.readAll().trimmed() == fileSignature(dbPath)
            && (!wal.exists() || wal.size() == 0);
}

void removeCleanStamp(const QString &dbPath)
{
    QFile::remove(cleanStampPath(dbPath));
}

void writeCleanStamp(const QString &dbPath)
{
    QFile stamp(cleanStampPath(dbPath));
    if (stamp.open(QIODevice::WriteOnly | QIODevice::Truncate))
        stamp.write(fileSignature(dbPath) + '\n');
}

bool needsCheckAtOpen(const QString &dbPath)
{
    return QFileInfo(dbPath).size() < alwaysCheckBelowBytes() || !closedCleanly(dbPath);
}

bool isCorruption(const QSqlError &error)
{
    if (!error.isValid())
        return false;
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
    if (numeric)
        return code == SqliteCorrupt || code == SqliteNotADatabase;
    const QString text = error.databaseText();
    return text.contains("malformed"_L1) || text.contains("not a database"_L1);
}

CheckResult check(const QSqlDatabase &db, bool full)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Without the full check, reading the schema is enough to fail on a file that is not
    // SQLite or whose first pages are damaged.
    if (!q.exec(full ? u"PRAGMA quick_check"_s : u"SELECT count(*) FROM sqlite_master"_s)
        || !q.next()) {
        const QSqlError error = q.lastError();
        if (!error.isValid())
            return { CheckResult::Failed, tr("the integrity check gave no answer") };
        return { isCorruption(error) ? CheckResult::Damaged : CheckResult::Failed,
                 errorText(error) };
    }
    if (!full)
        return {};
    // quick_check answers one row "ok", or rows of problems (each may span lines).
    QStringList problems;
    do {
        const QString row = q.value(0).toString().simplified();
        if (row == "ok"_L1 && problems.isEmpty())
            return {};
        problems.append(row);
    } while (problems.size() < 3 && q.next());
    QString reason = problems.join(u"; "_s);
    if (reason.size() > 240)
        reason = reason.left(240) + u"…"_s;
    return { CheckResult::Damaged, reason };
}

QString moveAside(const QString &dbPath, QString *error)
{
    const QString base = dbPath + u".damaged-"_s
            + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    QString aside = base;
    for (int n = 2; QFile::exists(aside) || QFile::exists(aside + u"-wal"_s); ++n)
        aside = base + u'-' + QString::number(n);
    QFile main(dbPath);
    if (!main.rename(aside)) {
        if (error)
            *error = main.errorString();
        return {};
    }
    for (const char *suffix : { "-wal", "-shm" }) {
        const QString extra = dbPath + QLatin1StringView(suffix);
        if (QFile::exists(extra) && !QFile::rename(extra, aside + QLatin1StringView(suffix))) {
            // A journal left beside the fresh file would be applied to it: never keep it there.
            if (!QFile::remove(extra)) {
                if (error)
                    *error = tr("cannot move or remove %1").arg(QDir::toNativeSeparators(extra));
                return {};
            }
        }
    }
    removeCleanStamp(dbPath);
    return aside;
}

QString movedAsideMessage(const QString &what, const QString &dbPath, const QString &reason,
                          const QString &aside)
{
    return tr("The %1 %2 was damaged (%3). It was moved to %4 and a new one was started.")
            .arg(what, QDir::toNativeSeparators(dbPath), reason, QDir::toNativeSeparators(aside));
}

QString notMovedAsideMessage(const QString &what, const QString &dbPath, const QString &reason,
                             const QString &error)
{
    return tr("The %1 %2 is damaged (%3) and could not be moved aside: %4")
            .arg(what, QDir::toNativeSeparators(dbPath), reason, error);
}

QString newerSchemaMessage(const QString &what, const QString &product, const QString &dbPath,
                           int version, int known)
{
    return tr("The %1 %2 was written by a newer %3 (schema %4; this version understands up to %5). "
              "It was left "
              "untouched: upgrade %3 or choose another --data-dir.")
            .arg(what, QDir::toNativeSeparators(dbPath), product, QString::number(version),
                 QString::number(known));
}

// ---- BackgroundCheck ---------------------------------------------------------------------

struct BackgroundCheck::State
{
    QMutex mutex; // held while posting the result, so cancel() cannot pass it
    QWaitCondition finished;
    bool cancelled = false;
    bool started = false; // the worker took the job (it then sets done when its connection is gone)
    bool done = false;
    sqlite3 *handle = nullptr; // the check's connection while it runs: cancel() interrupts it
    QObject *context = nullptr; // alive until cancel() returns (the owner cancels first)
    std::function<void(const CheckResult &)> report; // used in the context's thread only
};

BackgroundCheck::BackgroundCheck(const QString &dbPath, QObject *context,
                                 std::function<void(const CheckResult &)> done)
    : m_state(std::make_shared<State>())
{
    m_state->context = context;
    m_state->report = std::move(done);
    QThreadPool::globalInstance()->start([state = m_state, dbPath] {
        {
            const QMutexLocker lock(&state->mutex);
            if (state->cancelled)
                return; // never opened
            state->started = true;
        }
        CheckResult result;
        const QString name =
                u"hookscope-check-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(dbPath);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
            if (!db.open()) {
                result = { CheckResult::Failed, errorText(db.lastError()) };
            } else {
                const QVariant v = db.driver()->handle();
                sqlite3 *handle = v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0
                        ? *static_cast<sqlite3 *const *>(v.constData())
                        : nullptr;
                bool cancelled = false;
                {
                    const QMutexLocker lock(&state->mutex);
                    state->handle = handle;
                    cancelled = state->cancelled;
                }
                result = cancelled ? CheckResult{ CheckResult::Failed, tr("cancelled") }
                                   : check(db, true);
                const QMutexLocker lock(&state->mutex);
                state->handle = nullptr;
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        const QMutexLocker lock(&state->mutex);
        // The connection is gone: the owner may close the file as its last connection.
        state->done = true;
        state->finished.wakeAll();
        if (state->cancelled)
            return;
        QMetaObject::invokeMethod(
                state->context,
                [state, result] {
                    std::function<void(const CheckResult &)> report;
                    {
                        const QMutexLocker lock(&state->mutex);
                        if (state->cancelled)
                            return;
                        // Taken out first: `report` may cancel (or destroy) this check.
                        report = std::exchange(state->report, nullptr);
                    }
                    if (report)
                        report(result);
                },
                Qt::QueuedConnection);
    });
}

BackgroundCheck::~BackgroundCheck()
{
    cancel();
}

void BackgroundCheck::cancel()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->cancelled = true;
    m_state->report = nullptr;
    // A check that runs stops at its next step and closes its connection before this
    // returns: a writer closing the file must be its last connection, or SQLite keeps the
    // WAL and the next start takes the file for not cleanly closed (and checks it first).
    if (m_state->handle)
        sqlite3_interrupt(m_state->handle);
    while (m_state->started && !m_state->done)
        m_state->finished.wait(&m_state->mutex);
}

} // namespace Hookscope::SqliteFile
