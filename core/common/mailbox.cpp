// SPDX-License-Identifier: MIT
#include "mailbox.h"

#include <QThread>

namespace Hookscope {

struct Mailbox::State
{
    std::mutex mutex;
    QObject *context = nullptr; // null once the mailbox is gone
    std::vector<Job> jobs;
    bool wakePosted = false;
};

Mailbox::Mailbox(QObject *context) : m_state(std::make_shared<State>())
{
    m_state->context = context;
}

Mailbox::~Mailbox()
{
    std::vector<Job> dropped;
    std::lock_guard lock(m_state->mutex);
    m_state->context = nullptr;
    dropped.swap(m_state->jobs);
}

void Mailbox::post(Job job) const
{
    post(m_state, std::move(job));
}

void Mailbox::drain() const
{
    drain(m_state);
}

void Mailbox::post(const std::shared_ptr<State> &state, Job job)
{
    std::unique_lock lock(state->mutex);
    if (!state->context) {
        lock.unlock(); // `job` (and what it holds) goes away here, not under the lock
        return;
    }
    state->jobs.push_back(std::move(job));
    if (state->wakePosted)
        return;
    state->wakePosted = true;
    // Under the lock: the context cannot be destroyed before its mailbox is, and the
    // mailbox's destructor takes this lock first.
    QMetaObject::invokeMethod(
            state->context, [state] { drain(state); }, Qt::QueuedConnection);
}

void Mailbox::drain(const std::shared_ptr<State> &state)
{
    std::vector<Job> jobs;
    {
        std::lock_guard lock(state->mutex);
        if (!state->context)
            return;
        Q_ASSERT(QThread::currentThread() == state->context->thread());
        jobs.swap(state->jobs);
        state->wakePosted = false;
    }
    for (Job &job : jobs) {
        if (!state->context)
            return; // a job destroyed the mailbox: the rest is dropped (read on the owner's
                    // thread, the only one that writes it)
        job();
    }
}

} // namespace Hookscope
