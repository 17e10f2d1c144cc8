// SPDX-License-Identifier: MIT
#pragma once

// For tests whose clients block (raw sockets, fixed waits) while the servers under test need
// this thread's event loop.

#include <QTest>

#include <atomic>
#include <functional>
#include <thread>

// Runs `work` on a worker thread while this thread's event loop keeps the servers going;
// `whileWaiting` runs on this thread in between (to sample memory, say). False when `work`
// took longer than timeoutMs (it is still waited for: every wait in it must be bounded).
inline bool runInWorker(const std::function<void()> &work, int timeoutMs = 120000,
                        const std::function<void()> &whileWaiting = {})
{
    std::atomic<bool> done{ false };
    std::thread worker([&] {
        work();
        done = true;
    });
    const bool finished = QTest::qWaitFor(
            [&] {
                if (whileWaiting)
                    whileWaiting();
                return done.load();
            },
            timeoutMs);
    if (!finished) // let it end while the servers keep running
        (void)QTest::qWaitFor([&] { return done.load(); }, 120000);
    worker.join();
    return finished;
}
