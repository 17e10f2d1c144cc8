// SPDX-License-Identifier: MIT
#include "forwarder.h"

#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>

#include "core/events/eventpayload.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcForward, "hookscope.forward")

namespace Hookscope {

Forwarder::Forwarder(EventStore *store, QObject *parent) : QObject(parent), m_store(store)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    if (m_store)
        connect(m_store, &EventStore::eventsAdded, this, &Forwarder::onEventsAdded);
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

void Forwarder::setTimeoutMs(int ms)
{
    m_timeoutMs = ms;
}

int Forwarder::inFlight() const
{
    return m_inFlight;
}

bool Forwarder::isHopByHop(const QByteArray &name)
{
    static const QList<QByteArray> names = {
        "connection",          "keep-alive", "proxy-authenticate",
        "proxy-authorization", "te",         "trailer",
        "transfer-encoding",   "upgrade",    "host",
        "content-length",      "expect"
    };
    return names.contains(name.toLower());
}

void Forwarder::onEventsAdded(const QList<EventSummary> &events)
{
    if (!m_target.isValid() || !m_store)
        return;
    for (const EventSummary &summary : events) {
        if (m_filter.matchWithoutPayload(summary) == std::optional<bool>(false))
            continue;
        const std::optional<Event> event = m_store->event(summary.id);
        if (!event)
            continue;
        if (!m_filter.isEmpty() && m_filter.needsPayload()) {
            const EventPayload payload(event->body, event->contentType.toLatin1());
            if (!m_filter.matches(event->summary, &payload))
                continue;
        }
        send(*event, m_target);
    }
}

void Forwarder::replay(const QList<qint64> &eventIds, const QUrl &url)
{
    const QUrl to = url.isValid() ? url : m_target;
    if (!to.isValid() || !m_store)
        return;
    for (qint64 id : eventIds)
        if (const std::optional<Event> event = m_store->event(id))
            send(*event, to);
}

void Forwarder::send(const Event &event, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    for (const auto &[name, value] : event.headers)
        if (!isHopByHop(name))
            request.setRawHeader(name, value);
    const QByteArray method = event.method.isEmpty() ? QByteArray("POST") : event.method.toLatin1();
    ++m_inFlight;
    auto *timer = new QElapsedTimer;
    timer->start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, event.body);
    const qint64 id = event.summary.id;
    connect(reply, &QNetworkReply::finished, this, [this, reply, timer, id, url] {
        Outcome outcome;
        outcome.eventId = id;
        outcome.target = url;
        outcome.latencyMs = timer->elapsed();
        delete timer;
        outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (outcome.status == 0)
            outcome.error = reply->errorString();
        else if (outcome.status < 200 || outcome.status >= 300)
            outcome.error =
                    u"HTTP %1 %2"_s.arg(outcome.status)
                            .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute)
                                         .toString());
        reply->deleteLater();
        --m_inFlight;
        if (m_store)
            m_store->recordForward(outcome.eventId, outcome.target.toString(), outcome.status,
                                   outcome.latencyMs, outcome.error);
        if (!outcome.ok())
            qCWarning(lcForward).noquote()
                    << "event" << outcome.eventId << "to" << outcome.target.toString()
                    << "failed:" << outcome.error;
        Q_EMIT forwarded(outcome);
    });
}

QString Forwarder::curlCommand(const Event &event, const QUrl &url)
{
    auto quote = [](const QString &word) -> QString {
        return u'\'' + QString(word).replace(u"'"_s, u"'\\''"_s) + u'\'';
    };
    QStringList parts{ u"curl"_s, u"-X"_s, event.method.isEmpty() ? u"POST"_s : event.method,
                       quote(url.toString()) };
    for (const auto &[name, value] : event.headers)
        if (!isHopByHop(name))
            parts << u"-H"_s
                  << quote(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
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
