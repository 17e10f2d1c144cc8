// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>

namespace Hookscope {

// A token bucket per client: each client may make `rate` requests per second on average,
// with bursts of up to `burst`. Used by the receiver so that one flooding client (through a
// tunnel: one internet address) cannot push everybody else's events out of the store's
// retention window or drown the live table. Time is passed in (monotonic milliseconds), so
// the arithmetic is testable.
class RateLimiter final
{
public:
    // At most this many clients are remembered; beyond that, idle (full) buckets are dropped
    // first, then the half that asked least recently (so an active flooder is never
    // forgotten and handed a fresh burst).
    static constexpr qsizetype MaxClients = 4096;

    explicit RateLimiter(double ratePerSecond = 0, double burst = 0);

    // ratePerSecond <= 0 turns limiting off. burst < 1 means "one second's worth".
    void setRate(double ratePerSecond, double burst = 0);
    double rate() const;
    double burst() const;
    bool isEnabled() const;

    // Takes one token for `client`: true when the request may go ahead. Otherwise false and,
    // when given, *retryAfterMs says how long until the next token.
    bool allow(const QString &client, qint64 nowMs, qint64 *retryAfterMs = nullptr);

    qsizetype clientCount() const;
    void clear();

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
        quint64 lastSeen = 0; // m_seen when the client last asked: recency for eviction
    };

    void refill(Bucket &bucket, qint64 nowMs) const;
    void evict(qint64 nowMs);

    double m_rate = 0;
    double m_burst = 0;
    QHash<QString, Bucket> m_buckets;
    quint64 m_seen = 0;
};

} // namespace Hookscope
