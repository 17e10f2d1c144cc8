// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>
#include <vector>

namespace Hookscope {

// The write side of a durable store: submitted items wait here until one transaction stores
// them all (the event store and the relay store both answer a delivery only after its
// commit). A batch is committed as soon as the event loop is back after the first submit
// (plus `delay`), or at once when `maxBatch` items are waiting; commit() runs the store's
// transaction and then finishes the batch with complete().
template<typename Item>
class GroupCommitQueue final
{
public:
    // Called once the item is committed (id > 0) or could not be stored (id 0 + error).
    using Completion = std::function<void(qint64 id, const QString &error)>;
    struct Entry
    {
        Item item;
        Completion done;
    };
    using Batch = std::vector<Entry>;
    using Commit = std::function<void(Batch &batch)>;

    GroupCommitQueue(int maxBatch, std::chrono::milliseconds delay, Commit commit)
        : m_maxBatch(maxBatch), m_commit(std::move(commit))
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(delay);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { flush(); });
    }
    Q_DISABLE_COPY_MOVE(GroupCommitQueue)

    void submit(Item item, Completion done)
    {
        m_pending.push_back({ std::move(item), std::move(done) });
        if (int(m_pending.size()) >= m_maxBatch)
            flush();
        else if (!m_timer.isActive())
            m_timer.start();
    }

    // Commits whatever waits, now.
    void flush()
    {
        m_timer.stop();
        if (m_pending.empty())
            return;
        Batch batch;
        batch.swap(m_pending);
        m_commit(batch);
    }

    // Drops what waits without committing: each submitter hears `error`.
    void fail(const QString &error)
    {
        m_timer.stop();
        Batch batch;
        batch.swap(m_pending);
        complete(batch, {}, error);
    }

    int size() const { return int(m_pending.size()); }
    bool isEmpty() const { return m_pending.empty(); }

    // Tells each submitter of `batch` how it went: ids[i] for entry i, or (0, error) for all.
    static void complete(Batch &batch, const QList<qint64> &ids, const QString &error)
    {
        for (size_t i = 0; i < batch.size(); ++i) {
            if (batch[i].done)
                batch[i].done(error.isEmpty() ? ids[qsizetype(i)] : 0, error);
        }
    }

private:
    int m_maxBatch;
    Commit m_commit;
    Batch m_pending;
    QTimer m_timer;
};

} // namespace Hookscope
