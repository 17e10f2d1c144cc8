// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>

#include <memory>
#include <mutex>

#include "core/store/eventwriter.h"

namespace Hookscope {

// The way into an EventStore for a thread other than the store's (the receiver's I/O
// thread): submit() from any thread, and `done` runs on the writer thread right after the
// commit (hand it to your own thread with a Mailbox). The store's thread sees the new rows
// in its next eventsAdded(), batched with everything else that commit stored. An inlet
// outlives its store: once the store is closed, a submission fails at once, on the calling
// thread.
class EventInlet final
{
public:
    using Completion = EventWriter::Completion;

    void submit(Event event, Completion done) const
    {
        std::shared_ptr<EventWriter> writer;
        {
            std::lock_guard lock(m_mutex);
            writer = m_writer;
        }
        if (writer)
            writer->submit(std::move(event), std::move(done));
        else if (done)
            done(0,
                 QCoreApplication::translate("Hookscope::EventStore",
                                             "The event store is not open"));
    }

    // What was answered to stored event `id` (see EventWriter::recordAnswer); nothing once
    // the store is closed.
    void recordAnswer(qint64 id, EventAnswer answer) const
    {
        std::shared_ptr<EventWriter> writer;
        {
            std::lock_guard lock(m_mutex);
            writer = m_writer;
        }
        if (writer)
            writer->recordAnswer(id, std::move(answer));
    }

private:
    friend class EventStore;
    void attach(std::shared_ptr<EventWriter> writer)
    {
        std::lock_guard lock(m_mutex);
        m_writer = std::move(writer);
    }

    mutable std::mutex m_mutex;
    std::shared_ptr<EventWriter> m_writer;
};

} // namespace Hookscope
