// SPDX-License-Identifier: MIT
#include "ratelimiter.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace Hookscope {

RateLimiter::RateLimiter(double ratePerSecond, double burst)
{
    setRate(ratePerSecond, burst);
}

void RateLimiter::setRate(double ratePerSecond, double burst)
{
    m_rate = ratePerSecond > 0 ? ratePerSecond : 0;
    m_burst = m_rate <= 0 ? 0 : (burst >= 1 ? burst : std::max(1.0, m_rate));
    m_buckets.clear();
}

double RateLimiter::rate() const
{
    return m_rate;
}

double RateLimiter::burst() const
{
    return m_burst;
}

bool RateLimiter::isEnabled() const
{
    return m_rate > 0;
}

qsizetype RateLimiter::clientCount() const
{
    return m_buckets.size();
}

void RateLimiter::clear()
{
    m_buckets.clear();
}

void RateLimiter::refill(Bucket &bucket, qint64 nowMs) const
{
    if (nowMs > bucket.lastMs) {
        bucket.tokens =
                std::min(m_burst, bucket.tokens + double(nowMs - bucket.lastMs) * m_rate / 1000.0);
        bucket.lastMs = nowMs;
    }
}

void RateLimiter::evict(qint64 nowMs)
{
    // Full buckets carry no information: forgetting them changes nothing.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(*it, nowMs);
        it = it->tokens >= m_burst ? m_buckets.erase(it) : std::next(it);
    }
    if (m_buckets.size() < MaxClients)
        return;
    // Every remembered client is active: drop the half that asked least recently.
    std::vector<quint64> seen;
    seen.reserve(size_t(m_buckets.size()));
    for (const Bucket &b : std::as_const(m_buckets))
        seen.push_back(b.lastSeen);
    auto middle = seen.begin() + std::ptrdiff_t(seen.size() / 2);
    std::nth_element(seen.begin(), middle, seen.end());
    const quint64 cutoff = *middle; // recency values are unique: exactly half goes
    for (auto it = m_buckets.begin(); it != m_buckets.end();)
        it = it->lastSeen < cutoff ? m_buckets.erase(it) : std::next(it);
}

bool RateLimiter::allow(const QString &client, qint64 nowMs, qint64 *retryAfterMs)
{
    if (m_rate <= 0)
        return true;
    auto it = m_buckets.find(client);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= MaxClients)
            evict(nowMs);
        it = m_buckets.insert(client, Bucket{ m_burst, nowMs, 0 });
    }
    it->lastSeen = ++m_seen;
    refill(*it, nowMs);
    if (it->tokens >= 1.0) {
        it->tokens -= 1.0;
        return true;
    }
    if (retryAfterMs)
        *retryAfterMs = qint64(std::ceil((1.0 - it->tokens) * 1000.0 / m_rate));
    return false;
}

} // namespace Hookscope
