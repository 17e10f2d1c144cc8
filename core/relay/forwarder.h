// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <memory>
#include <map>

#include "core/events/event.h"
#include "core/filter/filterexpression.h"

class QNetworkReply;

namespace Hookscope {

class EventStore;

// The developer's loop (like `smee --target` or `stripe listen --forward-to`): every stored
// event, or those matching a filter, is sent on to a target URL with the same method, the
// original headers (see forwardedHeaders()) and the raw body bytes. replay() sends chosen
// events to the target or to any URL, through the same queue.
//
// Delivery: the forwarder keeps its own bounded queue (event ids, not bodies) and sends at
// most Options::maxConcurrent requests at a time per target (scheme, host, port), so nothing
// waits inside QNetworkAccessManager and the per-attempt timeout measures only the attempt:
// it starts when the request is sent. An attempt that ends in a network error (timeout
// included), a 5xx or a 429 is retried after a backoff (doubling from Options::backoffMs, or
// the target's Retry-After) until Options::maxAttempts; any other answer is final. Every
// attempt is recorded in the store (EventStore::recordForward) and announced (attempted());
// the end of each event's forwarding is announced once (forwarded()). An event that finds the
// queue full is not sent: it is counted as dropped and recorded as a final failure, so it is
// visible and can be replayed. Final failures are the recorded errors isFinalFailure() says.
class Forwarder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Forwarder)

public:
    struct Options
    {
        // Requests in flight at once per target (scheme, host, port): 1 to 6, the most
        // QNetworkAccessManager runs at once per host (more would queue inside it again).
        int maxConcurrent = 6;
        // Events waiting to be sent (for a free slot or for their retry), over all targets.
        // A new event beyond this is dropped (recorded as a failure), never queued.
        int queueLimit = 10'000;
        // One attempt, from sending the request to the end of the answer.
        int timeoutMs = 60'000;
        // Attempts per event, the first included (1 = no retries).
        int maxAttempts = 5;
        // The wait before the second attempt; doubled for each further one, up to
        // maxBackoffMs. A Retry-After from the target replaces it (up to maxRetryAfterMs).
        int backoffMs = 1'000;
        int maxBackoffMs = 60'000;
        int maxRetryAfterMs = 300'000;
    };

    struct Outcome
    {
        qint64 eventId = 0;
        QUrl target;
        int status = 0; // HTTP status, 0 when no answer
        qint64 latencyMs = 0;
        QString error; // empty on a 2xx; as recorded in the store otherwise
        int attempt = 1; // which attempt this was (0: never sent, e.g. the queue was full)
        int maxAttempts = 1;
        qint64 retryInMs = -1; // >= 0: another attempt follows after this wait
        bool ok() const { return error.isEmpty(); }
        bool willRetry() const { return retryInMs >= 0; }
    };

    struct Counters
    {
        int queued = 0; // waiting for a free slot or for a retry
        int inFlight = 0;
        qint64 delivered = 0; // events (not attempts) answered with a 2xx
        qint64 failed = 0; // events given up on: retries exhausted, not retryable, stopped
        qint64 dropped = 0; // events not queued because the queue was full
    };

    explicit Forwarder(EventStore *store, QObject *parent = nullptr);
    // Gives up on whatever is still queued or in flight, as stop() does (without signals).
    ~Forwarder() override;

    // An empty URL stops forwarding new events (those already queued are still sent).
    void setTarget(const QUrl &target);
    QUrl target() const;
    void setFilter(const FilterExpression &filter);
    void setOptions(const Options &options);
    Options options() const;
    void setTimeoutMs(int ms); // Options::timeoutMs

    // Queues the given stored events for `url` (the forwarding target when empty), with the
    // same retries as forwarded events: also the way to retry an event that failed.
    void replay(const QList<qint64> &eventIds, const QUrl &url = {});
    // Queues an edited copy of stored event `originalId` (method, headers, body as the user
    // changed them) for `url`, with the same retries; the attempts are recorded on the
    // original event. Hop-by-hop headers and placeholder secrets are still left out.
    void resend(qint64 originalId, const Event &edited, const QUrl &url);
    int inFlight() const;
    Counters counters() const;
    // Gives up on every event queued, waiting for a retry or in flight (requests are
    // aborted): each is recorded as a final failure and counted as failed. For shutdown.
    void stop();

    // Header names never forwarded (RFC 9110 §7.6.1 hop-by-hop, plus framing we recompute).
    static bool isHopByHop(const QByteArray &name);
    // The headers sent on: without hop-by-hop ones, without those the request's own
    // Connection header names, and without any whose value contains the receiver's
    // placeholder for its masked secret ("[secret]"), which is never a real credential.
    static HeaderList forwardedHeaders(const HeaderList &headers);
    // Whether a recorded attempt's error ends that event's forwarding (as opposed to an
    // attempt that was followed by a retry). Empty errors (delivered) are not failures.
    static bool isFinalFailure(const QString &error);
    // An equivalent curl command sending `event` to `url` (POSIX shell quoting; the body
    // as a $'…' string, so binary bytes survive).
    static QString curlCommand(const Event &event, const QUrl &url);

Q_SIGNALS:
    // Once per event: delivered, or given up on (after its retries, not retryable, the
    // queue was full, or stop()).
    void forwarded(const Hookscope::Forwarder::Outcome &outcome);
    // After every attempt, including those followed by a retry (willRetry()).
    void attempted(const Hookscope::Forwarder::Outcome &outcome);
    void countersChanged();

private:
    struct Job
    {
        qint64 eventId = 0;
        QUrl url;
        int attempts = 0; // made so far
        std::shared_ptr<const Event> edited; // sent instead of the stored event when set
    };
    struct Lane
    {
        std::deque<Job> waiting;
        int active = 0;
    };
    struct Attempt
    {
        Job job;
        QString lane;
        QElapsedTimer started;
        QTimer *timeout = nullptr; // a child of the reply
        bool timedOut = false;
    };

    void onEventsAdded(const QList<Hookscope::EventSummary> &events);
    void enqueue(qint64 eventId, const QUrl &url, std::shared_ptr<const Event> edited = {});
    void pump(const QString &laneKey);
    void pumpAll();
    void start(Job job, const QString &laneKey);
    void onFinished(QNetworkReply *reply);
    void retryLater(Job job, qint64 delayMs);
    void onBackoffTimer();
    void scheduleBackoffTimer();
    // A final failure: counted, recorded with the event (unless it is gone) and announced.
    void giveUp(const Job &job, const QString &error, bool announce, bool recordIt = true);
    void record(const Outcome &outcome);
    qint64 backoffFor(int attemptsMade) const;

    QPointer<EventStore> m_store;
    QNetworkAccessManager m_network;
    QUrl m_target;
    FilterExpression m_filter;
    Options m_options;
    Counters m_counters;
    QHash<QString, Lane> m_lanes;
    std::multimap<qint64, Job> m_backoff; // due (m_clock ms) → job
    QTimer m_backoffTimer;
    QElapsedTimer m_clock;
    QHash<QNetworkReply *, Attempt> m_active;
};

} // namespace Hookscope

Q_DECLARE_METATYPE(Hookscope::Forwarder::Outcome)
