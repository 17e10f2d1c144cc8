// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include "core/events/event.h"
#include "core/filter/filterexpression.h"

namespace Hookscope {

class EventStore;

// The developer's loop (like `smee --target` or `stripe listen --forward-to`): every stored
// event, or those matching a filter, is sent on to a target URL with the same method, the
// original headers (hop-by-hop ones removed) and the raw body bytes. Each attempt's status
// and latency are recorded in the store and announced, so a failing target is visible.
// replay() sends chosen events to the target or to any URL.
class Forwarder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Forwarder)

public:
    struct Outcome
    {
        qint64 eventId = 0;
        QUrl target;
        int status = 0; // HTTP status, 0 when no answer
        qint64 latencyMs = 0;
        QString error; // empty on a 2xx
        bool ok() const { return error.isEmpty(); }
    };

    explicit Forwarder(EventStore *store, QObject *parent = nullptr);

    // An empty URL stops forwarding new events.
    void setTarget(const QUrl &target);
    QUrl target() const;
    void setFilter(const FilterExpression &filter);
    void setTimeoutMs(int ms);

    // Sends the given stored events to `url` (the forwarding target when empty).
    void replay(const QList<qint64> &eventIds, const QUrl &url = {});
    int inFlight() const;

    // Header names never forwarded (RFC 9110 §7.6.1 hop-by-hop, plus framing we recompute).
    static bool isHopByHop(const QByteArray &name);
    // An equivalent curl command sending `event` to `url` (POSIX shell quoting; the body
    // as a $'…' string, so binary bytes survive).
    static QString curlCommand(const Event &event, const QUrl &url);

Q_SIGNALS:
    void forwarded(const Hookscope::Forwarder::Outcome &outcome);

private:
    void onEventsAdded(const QList<Hookscope::EventSummary> &events);
    void send(const Event &event, const QUrl &url);

    QPointer<EventStore> m_store;
    QNetworkAccessManager m_network;
    QUrl m_target;
    FilterExpression m_filter;
    int m_timeoutMs = 30'000;
    int m_inFlight = 0;
};

} // namespace Hookscope

Q_DECLARE_METATYPE(Hookscope::Forwarder::Outcome)
