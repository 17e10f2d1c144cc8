// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/events/event.h"

struct sqlite3;
struct sqlite3_stmt;

namespace Hookscope {

// EventStore's write side on a thread of its own, and the one way events get into the
// file: submit() from any thread (the receiver's I/O thread, the store's own thread) queues
// an event; the writer takes whatever is queued when it is free (at most MaxBatch) and
// stores it in one transaction on a connection of its own (SQLite's C API, statements
// prepared once). So batches grow with the load, nobody waits for the disk, and a
// submitter hears of its event only after the commit.
//
// It also fills the FTS5 index (schema 5), the only connection that does: new rows are
// added in chunks, a quarter second after their commit at the latest (one index segment per
// commit would cost more than the rest of a delivery), and at once when the store asks
// (catchUpIndex(), before it answers a full-text query).
//
// And the field index (schema 8, FieldIndex): the values at the registered JSON paths of each
// new event go into the batch's own transaction (nothing to do while no path is registered);
// rows stored before a path was registered are back-filled in short chunks between batches,
// like the full-text index.
class EventWriter final
{
public:
    static constexpr int MaxBatch = 512;

    // Runs on the writer thread: keep it short (hand it to your own thread with a Mailbox).
    using Completion = std::function<void(qint64 id, const QString &error)>;
    struct Result
    {
        QString error; // empty: every event in `added`, in submission order
        QList<EventSummary> added;
        qsizetype count = 0; // events in the batch, stored or not
    };
    // Called on the writer thread after each batch, once its completions have run.
    using BatchDone = std::function<void(const Result &result)>;

    explicit EventWriter(BatchDone batchDone);
    ~EventWriter();
    Q_DISABLE_COPY_MOVE(EventWriter)

    bool open(const QString &path, QString *error);
    // Writes what was submitted, then closes the connection and ends the thread; what is
    // submitted afterwards fails at once.
    void close();

    struct Entry
    {
        Event event;
        Completion done;
    };
    // Any thread. `done` runs on the writer thread once the event is committed (id > 0) or
    // could not be (0 and the error); on the calling thread when the writer is closed.
    void submit(Event event, Completion done);
    // The same for several events at once: queued together, so they share a transaction
    // (up to MaxBatch) rather than racing the writer one by one.
    void submit(std::vector<Entry> entries);
    // Any thread: what was answered to stored event `id`. Written with the next batch (or
    // alone when no batch comes), so the hot path pays one small row per event; an answer
    // not yet written when the process dies is lost, the event is not.
    void recordAnswer(qint64 id, EventAnswer answer);
    // Events submitted since open().
    quint64 submitted() const;
    // Blocks until the first `count` submissions are written, their completions run and
    // their BatchDone called.
    void waitWritten(quint64 count);

    // Whether the file has the FTS5 index; how far it reaches (-1 without one).
    bool hasIndex() const { return m_hasIndex; }
    qint64 indexedUpTo() const { return m_indexedUpTo.load(); }
    // Indexes every row committed so far, now; waits for it. False on an error.
    bool catchUpIndex();

    // Any thread: index the values at these JSON paths (FieldIndex) from now on and back-fill
    // the stored rows in the background. Paths already registered only count as used.
    void requestFieldIndex(const QStringList &paths);
    // Back-fills every registered path now; waits for it. False on an error.
    bool catchUpFieldIndex();
    // Rows the back-fill of the registered paths still has to read (an estimate by ids;
    // 0 when every path is complete).
    qint64 fieldRowsBehind() const { return m_fieldBehind.load(); }

private:
    using Batch = std::vector<Entry>;

    void run();
    Result write(Batch &batch, std::vector<std::pair<qint64, EventAnswer>> &answers);
    bool prepare(QString *error);
    // One indexing transaction of at most `maxRows` rows (writer thread); false on an error.
    bool indexBatch(qint64 maxRows);

    struct FieldPath
    {
        qint64 id = 0;
        QString path;
        qint64 upTo = 0; // rows up to here back-filled
        qint64 liveFrom = 0; // rows above here filled as they are inserted
    };
    bool loadFieldPaths();
    bool registerFieldPaths(const QStringList &paths);
    // The values of the registered paths in one new row (inside write()'s transaction).
    bool addFieldValues(qint64 id, const QByteArray &body, const QByteArray &contentType,
                        const std::vector<const FieldPath *> &paths);
    // One back-fill transaction of at most `budget` time; false on an error.
    bool fieldBatch(std::chrono::microseconds budget);
    bool fieldsBehind() const;
    void updateFieldBehind();

    BatchDone m_batchDone;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_seen = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_answer = nullptr;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // work for the thread
    std::condition_variable m_done; // for waitWritten() and catchUpIndex()
    std::deque<Entry> m_pending;
    std::vector<std::pair<qint64, EventAnswer>> m_answers; // to write with the next batch
    std::chrono::steady_clock::time_point m_answersSince; // when m_answers stopped being empty
    quint64 m_submitted = 0; // under m_mutex
    quint64 m_written = 0; // under m_mutex
    bool m_running = false; // between open() and close() (under m_mutex)
    bool m_stop = false;
    bool m_hasIndex = false;
    std::atomic<qint64> m_indexedUpTo{ -1 };
    qint64 m_committedUpTo = 0; // writer thread
    int m_indexRequests = 0; // catchUpIndex() calls waiting (under m_mutex)
    bool m_indexFailed = false; // the last requested catch-up failed (under m_mutex)

    bool m_hasFieldIndex = false; // the file has schema 8's tables
    std::vector<FieldPath> m_fieldPaths; // writer thread
    sqlite3_stmt *m_fieldInsert = nullptr;
    QStringList m_fieldRequests; // paths to register (under m_mutex)
    int m_fieldCatchUps = 0; // catchUpFieldIndex() calls waiting (under m_mutex)
    bool m_fieldFailed = false; // the last requested back-fill failed (under m_mutex)
    std::atomic<qint64> m_fieldBehind{ 0 };
};

} // namespace Hookscope
