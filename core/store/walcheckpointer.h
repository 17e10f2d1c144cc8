// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace Hookscope {

// Copies the write-ahead log back into the database file on a thread of its own.
//
// SQLite's automatic checkpoint runs inside a commit once the WAL passes 1,000 pages: that
// commit then also writes the pages back and waits for fdatasync, and the deliveries whose
// 2xx wait on it see a latency spike. With the writer's automatic checkpoints off and this
// thread running PASSIVE checkpoints (which never block the writer) every few hundred
// milliseconds on its own connection, that work leaves the receiver's thread and uses the
// other core. The last connection to close (the writer) still checkpoints and removes the WAL.
class WalCheckpointer final
{
public:
    static constexpr int IntervalMs = 250;

    WalCheckpointer() = default;
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    void start(const QString &databasePath);
    void stop();
    bool isRunning() const;

private:
    void run(QString path);

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
};

} // namespace Hookscope
