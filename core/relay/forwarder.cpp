// SPDX-License-Identifier: MIT
#include "forwarder.h"

#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "core/events/eventpayload.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcForward, "hookscope.forward")

namespace Hookscope {

namespace {

// QNetworkAccessManager runs at most six HTTP/1.1 requests at once per host; a seventh
// would wait inside it, its timeout already running.
constexpr int MaxConcurrentPerHost = 6;

// The value the receiver stores in place of its own secret (Receiver: "Authorization:
// [secret]", "Bearer [secret]", "/hooks/[secret]"): a placeholder, never a credential.
constexpr QByteArrayView SecretPlaceholder = "[secret]";

// Prefix of a recorded attempt that was followed by a retry; every other failure is final.
constexpr QLatin1StringView RetryPrefix = "attempt "_L1;

// One queue and one concurrency limit per (scheme, host, port): what QNetworkAccessManager
// keeps its connections by.
QString laneKey(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme + u"://"_s + url.host().toLower() + u':'
            + QString::number(url.port(scheme == "https"_L1 ? 443 : 80));
}

QString duration(qint64 ms)
{
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    if (ms % 1000 == 0)
        return u"%1 s"_s.arg(ms / 1000);
    return u"%1 s"_s.arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString attemptsText(int n)
{
    return n == 1 ? u"1 attempt"_s : u"%1 attempts"_s.arg(n);
}

// The final error of an event after `attempts` attempts.
QString gaveUp(int attempts, const QString &why)
{
    if (attempts == 0)
        return u"not sent: "_s + why;
    return u"gave up after "_s + attemptsText(attempts) + u": "_s + why;
}

// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. nullopt when absent or
// unreadable.
std::optional<qint64> retryAfterMs(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds * 1000);
    const QString text = QString::fromLatin1(value);
    // IMF-fixdate, the form senders must use ("Sun, 06 Nov 1994 08:49:37 GMT"); then RFC 2822.
    QDateTime when = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (when.isValid())
        when.setTimeSpec(Qt::UTC);
    else
        when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

} // namespace

Forwarder::Forwarder(EventStore *store, QObject *parent) : QObject(parent), m_store(store)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_clock.start();
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &QTimer::timeout, this, &Forwarder::onBackoffTimer);
    if (m_store)
        connect(m_store, &EventStore::eventsAdded, this, &Forwarder::onEventsAdded);
}

Forwarder::~Forwarder()
{
    const QSignalBlocker quiet(this);
    stop();
}

void Forwarder::setTarget(const QUrl &target)
{
    m_target = target;
}

QUrl Forwarder::target() const
{
    return m_target;
}

void Forwarder::setFilter(const FilterExpression &filter)
{
    m_filter = filter;
}

void Forwarder::setOptions(const Options &options)
{
    m_options = options;
    m_options.maxConcurrent = std::clamp(m_options.maxConcurrent, 1, MaxConcurrentPerHost);
    m_options.queueLimit = std::max(1, m_options.queueLimit);
    m_options.timeoutMs = std::max(1, m_options.timeoutMs);
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    m_options.backoffMs = std::max(0, m_options.backoffMs);
    m_options.maxBackoffMs = std::max(m_options.backoffMs, m_options.maxBackoffMs);
    m_options.maxRetryAfterMs = std::max(0, m_options.maxRetryAfterMs);
    pumpAll(); // a larger maxConcurrent applies now
}

Forwarder::Options Forwarder::options() const
{
    return m_options;
}

void Forwarder::setTimeoutMs(int ms)
{
    Options o = m_options;
    o.timeoutMs = ms;
    setOptions(o);
}

int Forwarder::inFlight() const
{
    return int(m_active.size());
}

Forwarder::Counters Forwarder::counters() const
{
    Counters c = m_counters;
    c.inFlight = int(m_active.size());
    return c;
}

bool Forwarder::isHopByHop(const QByteArray &name)
{
    static const QList<QByteArray> names = {
        "connection",          "keep-alive", "proxy-authenticate",
        "proxy-authorization", "te",         "trailer",
        "transfer-encoding",   "upgrade",    "host",
        "content-length",      "expect",     "proxy-connection"
    };
    return names.contains(name.toLower());
}

HeaderList Forwarder::forwardedHeaders(const HeaderList &headers)
{
    // RFC 9110 §7.6.1: the Connection header lists further headers meant for this hop only.
    QSet<QByteArray> named;
    for (const auto &[name, value] : headers)
        if (name.compare("connection", Qt::CaseInsensitive) == 0)
            for (const QByteArray &token : value.split(','))
                if (const QByteArray t = token.trimmed().toLower(); !t.isEmpty())
                    named.insert(t);
    HeaderList out;
    for (const auto &[name, value] : headers) {
        if (isHopByHop(name) || named.contains(name.toLower()) || value.contains(SecretPlaceholder))
            continue;
        out.append({ name, value });
    }
    return out;
}

bool Forwarder::isFinalFailure(const QString &error)
{
    return !error.isEmpty() && !error.startsWith(RetryPrefix);
}

void Forwarder::onEventsAdded(const QList<EventSummary> &events)
{
    if (!m_target.isValid() || !m_store)
        return;
    for (const EventSummary &summary : events) {
        const std::optional<bool> quick = m_filter.matchWithoutPayload(summary);
        if (quick == std::optional<bool>(false))
            continue;
        if (!quick) { // the summary alone does not decide: the body is needed
            const std::optional<Event> event = m_store->event(summary.id);
            if (!event)
                continue;
            const EventPayload payload(event->body, event->contentType.toLatin1());
            if (!m_filter.matches(event->summary, &payload))
                continue;
        }
        enqueue(summary.id, m_target);
    }
}

void Forwarder::replay(const QList<qint64> &eventIds, const QUrl &url)
{
    const QUrl to = url.isValid() ? url : m_target;
    if (!to.isValid() || !m_store)
        return;
    for (qint64 id : eventIds)
        enqueue(id, to);
}

void Forwarder::resend(qint64 originalId, const Event &edited, const QUrl &url)
{
    if (!url.isValid() || !m_store)
        return;
    enqueue(originalId, url, std::make_shared<const Event>(edited));
}

void Forwarder::enqueue(qint64 eventId, const QUrl &url, std::shared_ptr<const Event> edited)
{
    if (m_counters.queued >= m_options.queueLimit) {
        ++m_counters.dropped;
        Outcome outcome;
        outcome.eventId = eventId;
        outcome.target = url;
        outcome.attempt = 0;
        outcome.maxAttempts = m_options.maxAttempts;
        outcome.error = u"forward queue full (%1 waiting): not sent"_s.arg(m_counters.queued);
        record(outcome);
        Q_EMIT forwarded(outcome);
        Q_EMIT countersChanged();
        return;
    }
    const QString key = laneKey(url);
    m_lanes[key].waiting.push_back({ eventId, url, 0, std::move(edited) });
    ++m_counters.queued;
    pump(key);
    Q_EMIT countersChanged();
}

void Forwarder::pumpAll()
{
    const QStringList keys = m_lanes.keys();
    for (const QString &key : keys)
        pump(key);
}

void Forwarder::pump(const QString &laneKey)
{
    for (;;) {
        const auto it = m_lanes.find(laneKey);
        if (it == m_lanes.end())
            return;
        if (it->waiting.empty() || it->active >= m_options.maxConcurrent) {
            if (it->waiting.empty() && it->active == 0)
                m_lanes.erase(it);
            return;
        }
        Job job = std::move(it->waiting.front());
        it->waiting.pop_front();
        --m_counters.queued;
        start(std::move(job), laneKey);
    }
}

void Forwarder::start(Job job, const QString &laneKey)
{
    const std::optional<Event> event = job.edited ? std::optional<Event>(*job.edited)
            : m_store                             ? m_store->event(job.eventId)
                                                  : std::nullopt;
    if (!event) {
        // Retention or Clear history removed it while it waited: nothing to send or record.
        giveUp(job, u"the event is no longer stored"_s, true, false);
        return;
    }
    QNetworkRequest request(job.url);
    // Only the event's own cookies: none from earlier answers of the target.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    for (const auto &[name, value] : forwardedHeaders(event->headers)) {
        // setRawHeader replaces: a repeated header is sent as one, its values joined.
        if (request.hasRawHeader(name))
            request.setRawHeader(name,
                                 request.rawHeader(name)
                                         + (name.compare("cookie", Qt::CaseInsensitive) == 0
                                                    ? QByteArray("; ")
                                                    : QByteArray(", "))
                                         + value);
        else
            request.setRawHeader(name, value);
    }
    const QByteArray method =
            event->method.isEmpty() ? QByteArray("POST") : event->method.toLatin1();
    ++job.attempts;
    ++m_lanes[laneKey].active;
    Attempt attempt;
    attempt.job = std::move(job);
    attempt.lane = laneKey;
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, event->body);
    // The attempt's own clock: it starts now, when the request is sent, not when queued.
    attempt.started.start();
    attempt.timeout = new QTimer(reply);
    attempt.timeout->setSingleShot(true);
    attempt.timeout->setTimerType(Qt::PreciseTimer); // a coarse one may end it 5 % early
    connect(attempt.timeout, &QTimer::timeout, this, [this, reply] {
        const auto it = m_active.find(reply);
        if (it == m_active.end())
            return;
        it->timedOut = true;
        reply->abort(); // finished() follows
    });
    attempt.timeout->start(m_options.timeoutMs);
    m_active.insert(reply, std::move(attempt));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

qint64 Forwarder::backoffFor(int attemptsMade) const
{
    qint64 delay = m_options.backoffMs;
    for (int i = 1; i < attemptsMade && delay < m_options.maxBackoffMs; ++i)
        delay *= 2;
    return std::min<qint64>(delay, m_options.maxBackoffMs);
}

void Forwarder::onFinished(QNetworkReply *reply)
{
    const auto it = m_active.find(reply);
    if (it == m_active.end())
        return;
    Attempt attempt = std::move(*it);
    m_active.erase(it);
    attempt.timeout->stop();
    reply->deleteLater();
    if (const auto lane = m_lanes.find(attempt.lane); lane != m_lanes.end())
        --lane->active;

    const Job &job = attempt.job;
    Outcome outcome;
    outcome.eventId = job.eventId;
    outcome.target = job.url;
    outcome.latencyMs = attempt.started.elapsed();
    outcome.attempt = job.attempts;
    outcome.maxAttempts = m_options.maxAttempts;
    outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString problem;
    bool retryable = false;
    std::optional<qint64> retryAfter;
    if (attempt.timedOut) {
        outcome.status = 0;
        problem = u"no complete answer within %1 (timed out)"_s.arg(duration(m_options.timeoutMs));
        retryable = true;
    } else if (outcome.status == 0) {
        problem = reply->errorString();
        retryable = true;
    } else if (outcome.status < 200 || outcome.status >= 300) {
        problem = u"HTTP %1 %2"_s.arg(outcome.status)
                          .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute)
                                       .toString())
                          .trimmed();
        retryable = outcome.status >= 500 || outcome.status == 429;
        if (retryable)
            retryAfter = retryAfterMs(reply->rawHeader("Retry-After"));
    }

    if (problem.isEmpty()) {
        ++m_counters.delivered;
        record(outcome);
        pump(attempt.lane);
        Q_EMIT attempted(outcome);
        Q_EMIT forwarded(outcome);
    } else if (retryable && job.attempts < m_options.maxAttempts) {
        outcome.retryInMs = retryAfter ? std::min<qint64>(*retryAfter, m_options.maxRetryAfterMs)
                                       : backoffFor(job.attempts);
        outcome.error = u"attempt %1 of %2: %3; retrying in %4%5"_s.arg(job.attempts)
                                .arg(m_options.maxAttempts)
                                .arg(problem, duration(outcome.retryInMs),
                                     retryAfter ? u" (Retry-After)"_s : QString());
        record(outcome);
        retryLater(attempt.job, outcome.retryInMs);
        pump(attempt.lane);
        Q_EMIT attempted(outcome);
    } else {
        ++m_counters.failed;
        outcome.error = gaveUp(job.attempts,
                               problem
                                       + (!retryable && job.attempts < m_options.maxAttempts
                                                  ? u" (not retried)"_s
                                                  : QString()));
        record(outcome);
        pump(attempt.lane);
        Q_EMIT attempted(outcome);
        Q_EMIT forwarded(outcome);
    }
    Q_EMIT countersChanged();
}

void Forwarder::retryLater(Job job, qint64 delayMs)
{
    m_backoff.emplace(m_clock.elapsed() + delayMs, std::move(job));
    ++m_counters.queued;
    scheduleBackoffTimer();
}

void Forwarder::scheduleBackoffTimer()
{
    if (m_backoff.empty()) {
        m_backoffTimer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_backoff.begin()->first - m_clock.elapsed());
    m_backoffTimer.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
}

void Forwarder::onBackoffTimer()
{
    const qint64 now = m_clock.elapsed();
    QList<Job> due;
    while (!m_backoff.empty() && m_backoff.begin()->first <= now) {
        due.append(std::move(m_backoff.begin()->second));
        m_backoff.erase(m_backoff.begin());
    }
    // A retry goes before events not yet tried (in the order the retries fell due): it has
    // waited its turn once already.
    QSet<QString> lanes;
    for (auto job = due.rbegin(); job != due.rend(); ++job) {
        const QString key = laneKey(job->url);
        m_lanes[key].waiting.push_front(std::move(*job));
        lanes.insert(key);
    }
    for (const QString &key : std::as_const(lanes))
        pump(key);
    scheduleBackoffTimer();
    if (!due.isEmpty())
        Q_EMIT countersChanged();
}

void Forwarder::giveUp(const Job &job, const QString &error, bool announce, bool recordIt)
{
    ++m_counters.failed;
    Outcome outcome;
    outcome.eventId = job.eventId;
    outcome.target = job.url;
    outcome.attempt = job.attempts;
    outcome.maxAttempts = m_options.maxAttempts;
    outcome.error = gaveUp(job.attempts, error);
    if (recordIt)
        record(outcome);
    if (announce)
        Q_EMIT forwarded(outcome);
}

void Forwarder::stop()
{
    const QHash<QNetworkReply *, Attempt> active = std::exchange(m_active, {});
    const std::multimap<qint64, Job> backoff = std::exchange(m_backoff, {});
    const QHash<QString, Lane> lanes = std::exchange(m_lanes, {});
    m_backoffTimer.stop();
    m_counters.queued = 0;
    for (auto it = active.cbegin(); it != active.cend(); ++it) {
        it->timeout->stop();
        QNetworkReply *reply = it.key();
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
        giveUp(it->job, u"forwarding stopped while the request was in flight"_s, true);
    }
    for (const auto &[due, job] : backoff)
        giveUp(job, u"forwarding stopped before the next attempt"_s, true);
    for (const Lane &lane : lanes)
        for (const Job &job : lane.waiting)
            giveUp(job,
                   job.attempts == 0 ? u"forwarding stopped with the event still queued"_s
                                     : u"forwarding stopped before the next attempt"_s,
                   true);
    if (!active.isEmpty() || !backoff.empty() || !lanes.isEmpty())
        Q_EMIT countersChanged();
}

void Forwarder::record(const Outcome &outcome)
{
    if (m_store)
        m_store->recordForward(outcome.eventId, outcome.target.toString(), outcome.status,
                               outcome.latencyMs, outcome.error);
    // Attempts followed by a retry are announced (attempted()), not logged.
    if (!outcome.ok() && !outcome.willRetry())
        qCWarning(lcForward).noquote() << "event" << outcome.eventId << "to"
                                       << outcome.target.toString() << "failed:" << outcome.error;
}

QString Forwarder::curlCommand(const Event &event, const QUrl &url)
{
    auto quote = [](const QString &word) -> QString {
        return u'\'' + QString(word).replace(u"'"_s, u"'\\''"_s) + u'\'';
    };
    QStringList parts{ u"curl"_s, u"-X"_s, event.method.isEmpty() ? u"POST"_s : event.method,
                       quote(url.toString()) };
    for (const auto &[name, value] : forwardedHeaders(event.headers))
        parts << u"-H"_s << quote(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    // The body as one shell word: $'…' with \xHH for anything not printable. A shell argument
    // cannot hold a NUL byte, so such bodies go through printf's format string instead
    // (single-quoted: \\ for a backslash, %% for a percent sign, \xHH for other bytes).
    const bool viaPrintf = event.body.contains('\0');
    QString body;
    for (const char c : event.body) {
        const uint u = uchar(c);
        if (u == '\'') {
            body.append(viaPrintf ? u"'\\''"_s : u"\\'"_s);
        } else if (u == '\\') {
            body.append(u"\\\\"_s);
        } else if (viaPrintf && u == '%') {
            body.append(u"%%"_s);
        } else if (u >= 0x20 && u < 0x7f) {
            body.append(QLatin1Char(char(u)));
        } else {
            body.append(u"\\x"_s);
            body.append(QString::number(u, 16).rightJustified(2, u'0'));
        }
    }
    if (viaPrintf) {
        parts << u"--data-binary"_s << u"@-"_s;
        return u"printf '"_s + body + u"' | "_s + parts.join(u' ');
    }
    parts << u"--data-binary"_s << u"$'"_s + body + u'\'';
    return parts.join(u' ');
}

} // namespace Hookscope
