// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/common/groupcommitqueue.h"
#include "core/events/event.h"

struct sqlite3;
struct sqlite3_stmt;

namespace Hookscope {

// EventStore's write side on a thread of its own: each batch is one transaction on a
// connection of its own (SQLite's C API, statements prepared once), so the thread that
// receives and shows events never waits for the disk. Batches are written in the order
// they are posted; the submitters' completions run on the store's thread afterwards.
//
// It also fills the FTS5 index (schema 5), the only connection that does: new rows are
// added in large batches, a quarter second after their commit at the latest (one index
// segment per commit would cost more than the rest of a delivery), and at once when the
// store asks (catchUpIndex(), before it answers a full-text query).
class EventWriter final
{
public:
    using Batch = GroupCommitQueue<Event>::Batch;
    struct Result
    {
        QString error; // empty: every event in `added`, in batch order
        QList<EventSummary> added;
    };

    // `finished` is called on the writer thread after each batch (to wake the store).
    explicit EventWriter(std::function<void()> finished);
    ~EventWriter();
    Q_DISABLE_COPY_MOVE(EventWriter)

    bool open(const QString &path, QString *error);
    // Waits for what was posted, then closes the connection and ends the thread.
    void close();

    void post(Batch batch);
    // A finished batch and how it went, in posting order; false when none is finished
    // (with `wait`, only when nothing is posted either).
    bool take(Batch *batch, Result *result, bool wait);
    // Batches posted and not taken back yet.
    int outstanding() const;

    // Whether the file has the FTS5 index; how far it reaches (-1 without one).
    bool hasIndex() const { return m_hasIndex; }
    qint64 indexedUpTo() const { return m_indexedUpTo.load(); }
    // Indexes every row committed so far, now; waits for it. False on an error.
    bool catchUpIndex();

private:
    void run();
    Result write(Batch &batch);
    bool prepare(QString *error);
    // One indexing transaction of at most `maxRows` rows (writer thread); false on an error.
    bool indexBatch(qint64 maxRows);

    std::function<void()> m_finished;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_seen = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // jobs for the thread
    std::condition_variable m_done; // results for take(wait)
    std::deque<Batch> m_jobs;
    std::deque<std::pair<Batch, Result>> m_results;
    int m_outstanding = 0;
    bool m_stop = false;
    bool m_hasIndex = false;
    std::atomic<qint64> m_indexedUpTo{ -1 };
    qint64 m_committedUpTo = 0; // writer thread
    int m_indexRequests = 0; // catchUpIndex() calls waiting (under m_mutex)
    bool m_indexFailed = false; // the last requested catch-up failed (under m_mutex)
};

} // namespace Hookscope
