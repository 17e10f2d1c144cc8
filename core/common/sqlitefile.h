// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>
#include <memory>

class QObject;
class QSqlDatabase;
class QSqlError;

// What Hookscope's SQLite files (EventStore's events.db, RelayStore's relay.db) share about
// opening a file that may be damaged or from a newer version:
//
//  * The integrity check at open. A file that is not SQLite fails on any statement;
//    damaged pages only show in PRAGMA quick_check, which reads every page. It runs for
//    files below alwaysCheckBelowBytes() (milliseconds) and for any file whose last close
//    was not clean; a large file that was closed cleanly is checked in the background
//    after the open instead (BackgroundCheck), so opening it stays fast.
//  * The clean-close stamp (<db>.clean): the file's size and modification time when the
//    last writer closed it. Removed before the first write of a session, written again by
//    a clean close; a crash, a kill or an outside change leaves no matching stamp.
//  * Moving a damaged file aside (with its -wal and -shm) as <db>.damaged-<UTC time>, so a
//    fresh one can be started and the old bytes are kept for whoever wants to salvage them.
//  * The message for a file from a newer version, which is refused and left untouched.
namespace Hookscope::SqliteFile {

// Files smaller than this are checked at every open. Tests can lower it with
// setAlwaysCheckBelowBytes() or, for a child process, the environment variable
// HOOKSCOPE_TEST_SQLITE_CHECK_BELOW (bytes; 0: only when the last close was not clean).
qint64 alwaysCheckBelowBytes();
void setAlwaysCheckBelowBytes(qint64 bytes); // < 0: back to the default

QString cleanStampPath(const QString &dbPath);
bool closedCleanly(const QString &dbPath);
// Call right before the first write of a session: from then on a crash leaves no stamp.
void removeCleanStamp(const QString &dbPath);
// Call after the last connection to the file was closed by a writer that found it sound.
void writeCleanStamp(const QString &dbPath);
// True when the open must run PRAGMA quick_check (small file, or not closed cleanly).
bool needsCheckAtOpen(const QString &dbPath);

struct CheckResult
{
    enum Outcome {
        Ok,
        Damaged, // quick_check found problems, or SQLite says the file is corrupt / not a database
        Failed, // could not tell (locked, I/O error, ...): refuse, but do not call it damaged
    };
    Outcome outcome = Ok;
    QString reason; // for Damaged and Failed
};
// Checks an open connection: PRAGMA quick_check when `full`, else a read of the schema
// (enough to tell a file that is not SQLite, or has a damaged first page).
CheckResult check(const QSqlDatabase &db, bool full);

// SQLITE_CORRUPT or SQLITE_NOTADB: the file itself is damaged (not a transient error).
bool isCorruption(const QSqlError &error);

// Moves dbPath (+ -wal, -shm) to <dbPath>.damaged-<yyyyMMdd-HHmmss UTC> (with -2, -3...
// when taken) and drops its clean-close stamp. Returns the new path of the main file, or
// an empty string with *error set. Close every connection to the file first.
QString moveAside(const QString &dbPath, QString *error = nullptr);

// "The <what> <path> was damaged (<reason>). It was moved to <aside> and a new one was
// started." — and the message for when moving it failed.
QString movedAsideMessage(const QString &what, const QString &dbPath, const QString &reason,
                          const QString &aside);
QString notMovedAsideMessage(const QString &what, const QString &dbPath, const QString &reason,
                             const QString &error);
// "The <what> <path> was written by a newer <product> (schema <version>; this version
// understands up to <known>). It was left untouched: upgrade <product> or choose another
// --data-dir."
QString newerSchemaMessage(const QString &what, const QString &product, const QString &dbPath,
                           int version, int known);

// PRAGMA quick_check on a worker thread, with its own read-only connection (connections
// belong to one thread). `done` runs in `context`'s thread with the result (Failed: the
// check could not run, which says nothing about the file). cancel() (also by the
// destructor) guarantees `done` is not called afterwards, interrupts a check that runs and
// returns once its connection is closed (so the owner's close is the file's last one).
class BackgroundCheck
{
public:
    BackgroundCheck(const QString &dbPath, QObject *context,
                    std::function<void(const CheckResult &result)> done);
    ~BackgroundCheck();
    BackgroundCheck(const BackgroundCheck &) = delete;
    BackgroundCheck &operator=(const BackgroundCheck &) = delete;

    void cancel();

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace Hookscope::SqliteFile
