// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace Hookscope {

// Work handed from any thread to the thread of one QObject, run there in the order it was
// posted, all of it per wake-up: the writer thread finishes a batch of a thousand
// deliveries with one wake-up of the thread that answers them, not a thousand.
//
// The mailbox belongs to the context's thread: create, drain and destroy it there. Once it
// is destroyed, what is still posted (or posted later) is dropped unrun, on the thread
// that posts it.
class Mailbox final
{
public:
    using Job = std::function<void()>;

    explicit Mailbox(QObject *context);
    ~Mailbox();
    Q_DISABLE_COPY_MOVE(Mailbox)

    // Any thread.
    void post(Job job) const;
    // A function for any thread that posts `call` with its arguments here.
    template<typename... Args>
    std::function<void(Args...)> wrap(std::function<void(Args...)> call) const
    {
        if (!call)
            return {};
        return [state = m_state, call = std::move(call)](Args... args) {
            post(state, [call, args...] { call(args...); });
        };
    }
    // The context's thread: runs what was posted so far, now.
    void drain() const;

private:
    struct State;
    static void post(const std::shared_ptr<State> &state, Job job);
    static void drain(const std::shared_ptr<State> &state);

    std::shared_ptr<State> m_state;
};

} // namespace Hookscope
