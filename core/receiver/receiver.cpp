// SPDX-License-Identifier: MIT
#include "receiver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStringDecoder>
#include <QTimer>
#include <QUrlQuery>

#include "core/common/secrets.h"
#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/store/eventinlet.h"
#include "core/store/eventstore.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcReceiver, "hookscope.receiver")

namespace Hookscope {

namespace {

constexpr QLatin1StringView HooksPrefix{ "/hooks/" };

QByteArray jsonReply(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString hostForUrl(const QHostAddress &address)
{
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6)
        return u"127.0.0.1"_s; // reachable locally; the bind covers every interface
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u']';
    return address.toString();
}

// The request's path as the receiver records it and checks it for the secret: taken from
// the target as sent, percent-decoded, dot segments and repeated slashes kept. A path whose
// decoded bytes are not UTF-8 is kept percent-encoded, so it still says exactly which bytes
// were sent.
QString requestPath(const Http::Request &request)
{
    const QByteArrayView rawPath = request.rawPath();
    const QByteArray decoded = QByteArray::fromPercentEncoding(rawPath.toByteArray());
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString path = utf8(decoded);
    if (!utf8.hasError())
        return path;
    return QString::fromLatin1(rawPath); // the target is visible ASCII: the parser saw to it
}

QString methodName(const QByteArray &method)
{
    return QString::fromLatin1(method);
}

} // namespace

Receiver::Receiver(EventStore *store, QObject *parent) : QObject(parent), m_store(store)
{
    m_clock.start();
}

Receiver::~Receiver()
{
    stop();
}

void Receiver::setConfig(const ReceiverConfig &config)
{
    m_config = config;
}

const ReceiverConfig &Receiver::config() const
{
    return m_config;
}

bool Receiver::start()
{
    stop();
    m_error.clear();
    if (!m_store) {
        m_error = tr("The receiver has no event store");
        return false;
    }
    m_inlet = m_store->inlet();
    // What the I/O thread reads: fixed until the next start(), whatever setConfig() does.
    m_live = m_config;
    m_secret = m_live.secret.toUtf8();
    m_encodedSecret = QUrl::toPercentEncoding(m_live.secret);
    m_rate.setRate(m_live.ratePerClient, 2.0 * m_live.ratePerClient);

    auto thread = std::make_unique<QThread>();
    thread->setObjectName(u"hookscope-io"_s);
    auto *http = new Http::Server(m_config.limits);
    http->setHeadCheck([this](const Http::Request &head) { return check(head); });
    http->setHandler([this](Http::Request &&request, Http::Reply reply) {
        handle(std::move(request), std::move(reply));
    });
    connect(http, &Http::Server::rejected, this, &Receiver::noteRejected);
    http->moveToThread(thread.get());
    thread->start();

    // The sockets are made on the thread that serves them.
    bool listening = false;
    bool inUse = false;
    QString error;
    QMetaObject::invokeMethod(
            http,
            [&] {
                listening = http->listen(m_config.address, m_config.port);
                inUse = http->addressInUse();
                error = http->errorString();
                m_port = http->serverPort();
                if (listening)
                    m_answers = std::make_unique<Mailbox>(http);
                else
                    delete http;
            },
            Qt::BlockingQueuedConnection);
    if (!listening) {
        thread->quit();
        thread->wait();
        m_inlet.reset();
        if (inUse)
            m_error = tr("Port %1 on %2 is already in use: another Hookscope or another program is "
                         "listening "
                         "there. Choose another port (--port, or Settings → Receiver).")
                              .arg(m_config.port)
                              .arg(m_config.address.toString());
        else
            m_error = tr("Cannot listen on %1:%2: %3")
                              .arg(m_config.address.toString())
                              .arg(m_config.port)
                              .arg(error);
        qCWarning(lcReceiver).noquote() << m_error;
        return false;
    }
    m_http = http;
    m_thread = std::move(thread);
    qCInfo(lcReceiver).noquote() << "listening on" << displayUrl();
    Q_EMIT listeningChanged(true);
    return true;
}

void Receiver::stop()
{
    if (!m_http)
        return;
    // On its own thread: the server closes every connection, and answers still on their way
    // from the writer are dropped with their connections (their events are stored anyway).
    QMetaObject::invokeMethod(
            m_http,
            [this] {
                m_answers.reset();
                delete m_http;
            },
            Qt::BlockingQueuedConnection);
    m_http = nullptr;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_inlet.reset();
    Q_EMIT listeningChanged(false);
}

bool Receiver::isListening() const
{
    return m_http != nullptr;
}

quint16 Receiver::port() const
{
    return m_http ? m_port : m_config.port;
}

QString Receiver::errorString() const
{
    return m_error;
}

QThread *Receiver::ioThread() const
{
    return m_thread.get();
}

QString Receiver::webhookUrl() const
{
    QString url = u"http://"_s + hostForUrl(m_config.address) + u':' + QString::number(port());
    return m_config.secret.isEmpty() ? QString(url + u'/')
                                     : QString(url + HooksPrefix + m_config.secret);
}

QString Receiver::displayUrl() const
{
    QString url = u"http://"_s + hostForUrl(m_config.address) + u':' + QString::number(port());
    return m_config.secret.isEmpty() ? QString(url + u'/')
                                     : QString(url + HooksPrefix + Secrets::mask(m_config.secret));
}

bool Receiver::isLoopbackOnly() const
{
    return m_config.address.isLoopback();
}

qint64 Receiver::acceptedCount() const
{
    return m_accepted;
}

qint64 Receiver::rejectedCount() const
{
    return m_rejected;
}

void Receiver::noteRejected(int status, const QString &reason, const QString &remote)
{
    ++m_rejected;
    qCWarning(lcReceiver).noquote() << "refused" << status << "from" << remote << '-' << reason;
    if (QThread::currentThread() == thread())
        Q_EMIT rejected(status, reason, remote);
    else
        QMetaObject::invokeMethod(
                this, [this, status, reason, remote] { Q_EMIT rejected(status, reason, remote); },
                Qt::QueuedConnection);
}

Http::Server::Refusal Receiver::withinRate(const Http::Request &request)
{
    if (!m_rate.isEnabled())
        return {};
    const QHostAddress peer = request.peer;
    QString client;
    if (peer.isLoopback()) {
        // A tunnel connects from loopback and names the real client: limit that one. Only
        // the last address is the tunnel's own word; earlier ones are the client's claims.
        for (const auto &[name, value] : request.headers) {
            if (name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0)
                client = QString::fromLatin1(value.split(',').constLast().trimmed());
        }
        if (client.isEmpty() && !m_live.rateLimitLoopback)
            return {};
    }
    if (client.isEmpty())
        client = peer.toString();
    qint64 retryAfterMs = 0;
    if (m_rate.allow(client, m_clock.elapsed(), &retryAfterMs))
        return {};

    const qint64 retryAfter = std::max<qint64>(1, (retryAfterMs + 999) / 1000);
    const QString reason =
            u"rate limit: more than %1 deliveries per second from %2; retry after %3 s"_s
                    .arg(m_live.ratePerClient)
                    .arg(client)
                    .arg(retryAfter);
    ++m_rejected;
    // One log line per second at most, however hard the client pushes.
    const qint64 now = m_clock.elapsed();
    if (now - m_rateLoggedAtMs >= 1000) {
        qCWarning(lcReceiver).noquote()
                << "refused 429 from" << client << '-' << reason
                << (m_rateSuppressed > 0
                            ? u"(%1 more refused since the last line)"_s.arg(m_rateSuppressed)
                            : QString());
        m_rateLoggedAtMs = now;
        m_rateSuppressed = 0;
    } else {
        ++m_rateSuppressed;
    }
    QMetaObject::invokeMethod(
            this, [this, reason, client] { Q_EMIT rejected(429, reason, client); },
            Qt::QueuedConnection);
    return { 429,
             jsonReply({ { u"ok"_s, false }, { u"error"_s, reason } }),
             { { "Retry-After", QByteArray::number(retryAfter) } } };
}

bool Receiver::authorized(const Http::Request &request, const QString &path) const
{
    const QByteArray &secret = m_secret;
    if (secret.isEmpty())
        return true;
    bool ok = false;
    if (path.startsWith(HooksPrefix)) {
        const QString rest = path.mid(HooksPrefix.size());
        const qsizetype slash = rest.indexOf(u'/');
        ok |= Secrets::constantTimeEquals((slash < 0 ? rest : rest.left(slash)).toUtf8(), secret);
    }
    const QUrlQuery query(QString::fromLatin1(request.rawQuery()));
    ok |= Secrets::constantTimeEquals(query.queryItemValue(u"token"_s, QUrl::FullyDecoded).toUtf8(),
                                      secret);
    for (const auto &[name, value] : request.headers) {
        if (name.compare("authorization", Qt::CaseInsensitive) != 0)
            continue;
        QByteArray v = value.trimmed();
        if (v.toLower().startsWith("bearer "))
            v = v.mid(7).trimmed();
        ok |= Secrets::constantTimeEquals(v, secret);
    }
    return ok;
}

QByteArray Receiver::masked(QByteArray value) const
{
    if (m_live.secret.isEmpty())
        return value;
    value.replace(m_secret, "[secret]");
    if (m_encodedSecret != m_secret)
        value.replace(m_encodedSecret, "[secret]");
    return value;
}

Http::Server::Refusal Receiver::check(const Http::Request &head)
{
    const QString remote = head.peer.toString();
    if (head.method == "GET" || head.method == "HEAD") {
        Http::Server::Refusal probe; // answered by handle(); a body they carry is not kept
        probe.discardBody = true;
        return probe;
    }
    if (head.method != "POST" && head.method != "PUT" && head.method != "PATCH") {
        const QString reason = u"method %1 not allowed; deliveries use POST, PUT or PATCH"_s.arg(
                methodName(head.method));
        noteRejected(405, reason, remote);
        return { 405,
                 jsonReply({ { u"ok"_s, false }, { u"error"_s, reason } }),
                 { { "Allow", "GET, HEAD, POST, PUT, PATCH" } } };
    }
    if (Http::Server::Refusal refusal = withinRate(head); refusal.status != 0)
        return refusal;
    if (!authorized(head, requestPath(head))) {
        const QString reason = u"missing or wrong secret token"_s;
        noteRejected(401, reason, remote);
        return { 401, jsonReply({ { u"ok"_s, false }, { u"error"_s, reason } }), {} };
    }
    return {};
}

void Receiver::handle(Http::Request &&request, Http::Reply reply)
{
    if (request.method == "GET") {
        reply.send(200, jsonReply({ { u"ok"_s, true } }));
        return;
    }
    if (request.method == "HEAD") {
        reply.send(200, {}); // a HEAD answer carries no body (RFC 9110 §9.3.2)
        return;
    }
    // check() let only authorized POST, PUT and PATCH requests this far.
    const QString remote = request.peer.toString();

    Event event;
    event.summary.receivedAt = QDateTime::currentMSecsSinceEpoch();
    event.summary.source = EventSource::Local;
    event.method = methodName(request.method);
    event.remoteAddress = remote;
    // The receiver's own secret never reaches the store: it is masked in the recorded path,
    // query and every header value.
    QString path = requestPath(request);
    if (!m_live.secret.isEmpty() && path.startsWith(HooksPrefix)) {
        const qsizetype end = path.indexOf(u'/', HooksPrefix.size());
        path = HooksPrefix + u"[secret]"_s + (end < 0 ? QString() : path.mid(end));
    }
    event.path = QString::fromUtf8(masked(path.toUtf8()));
    QUrlQuery query(QString::fromLatin1(request.rawQuery()));
    if (!m_live.secret.isEmpty() && query.hasQueryItem(u"token"_s)) {
        query.removeAllQueryItems(u"token"_s);
        query.addQueryItem(u"token"_s, u"[secret]"_s);
    }
    event.query = QString::fromUtf8(masked(query.toString(QUrl::FullyEncoded).toUtf8()));
    const QByteArray &secret = m_secret;
    event.headers.reserve(request.headers.size());
    for (auto &[name, value] : request.headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            event.contentType = QString::fromLatin1(value);
        if (!secret.isEmpty() && name.compare("authorization", Qt::CaseInsensitive) == 0
            && value.contains(secret))
            value = "[secret]";
        else if (value = masked(std::move(value)); !secret.isEmpty() && value.contains('%')
                 && QByteArray::fromPercentEncoding(value).contains(secret))
            value = "[secret]"; // encoded in a way masked() does not know: the whole value
        event.headers.append({ std::move(name), std::move(value) });
    }
    event.body = std::move(request.body);

    const ParsedEvent parsed = EventParser::parse(event.body, event.contentType.toLatin1());
    parsed.applyTo(event);

    const bool invalid = parsed.isInvalid();
    const QString parseError = parsed.error;
    const std::optional<ResponseMode> mode = takeResponseMode(event);
    QElapsedTimer since;
    since.start();
    // The writer runs this right after the commit; the answer goes out on this thread, one
    // wake-up for the whole batch. (stop() drops the mailbox before the server, and with it
    // what is still on its way.)
    m_inlet->submit(
            std::move(event),
            m_answers->wrap(std::function([this, reply, invalid, parseError, remote, mode,
                                           since](qint64 id, const QString &error) mutable {
                if (id <= 0) {
                    reply.send(503, jsonReply({ { u"ok"_s, false }, { u"error"_s, error } }));
                    return;
                }
                if (mode) {
                    // Stored like any other; answered as the user asked, and recorded so.
                    const auto act = [this, reply, id, mode, since] {
                        Http::Reply r = reply; // copies answer for the same request
                        if (mode->action == ResponseMode::Action::Drop) {
                            r.abort();
                            m_inlet->recordAnswer(
                                    id,
                                    { 0, {}, since.nsecsElapsed() / 1000, mode->recordedMode() });
                            return;
                        }
                        answer(r, id, mode->status, mode->body(id), since, mode->recordedMode());
                    };
                    if (mode->delayMs > 0)
                        QTimer::singleShot(mode->delayMs, Qt::PreciseTimer, m_http, act);
                    else
                        act();
                    return;
                }
                if (invalid) {
                    noteRejected(400, parseError, remote);
                    answer(reply, id, 400,
                           jsonReply({ { u"ok"_s, false },
                                       { u"id"_s, id },
                                       { u"error"_s, parseError } }),
                           since);
                    return;
                }
                ++m_accepted;
                answer(reply, id, 200, jsonReply({ { u"ok"_s, true }, { u"id"_s, id } }), since);
            })));
}

void Receiver::answer(Http::Reply &reply, qint64 id, int status, const QByteArray &body,
                      const QElapsedTimer &since, const QString &mode)
{
    if (reply.send(status, body))
        m_inlet->recordAnswer(id, { status, body, since.nsecsElapsed() / 1000, mode });
}

bool Receiver::setResponseMode(std::optional<ResponseMode> mode, QString *error)
{
    FilterExpression filter;
    if (mode && !mode->filter.trimmed().isEmpty()) {
        filter = FilterExpression::parse(mode->filter);
        if (!filter.isValid()) {
            if (error)
                *error = filter.errorMessage();
            return false;
        }
    }
    if (mode && mode->action == ResponseMode::Action::Status
        && (mode->status < 100 || mode->status > 599)) {
        if (error)
            *error = tr("%1 is not an HTTP status (100 to 599)").arg(mode->status);
        return false;
    }
    QString described = u"response mode off"_s;
    {
        std::lock_guard lock(m_modeMutex); // the I/O thread reads and counts it down
        m_mode = std::move(mode);
        m_modeFilter = std::move(filter);
        m_modeRemaining = m_mode ? qMax(0, m_mode->count) : 0;
        if (m_mode)
            described = m_mode->describe(m_modeRemaining);
    }
    qCInfo(lcReceiver).noquote() << described;
    QMetaObject::invokeMethod(
            this, [this] { Q_EMIT responseModeChanged(); }, Qt::QueuedConnection);
    return true;
}

std::optional<ResponseMode> Receiver::responseMode() const
{
    std::lock_guard lock(m_modeMutex);
    return m_mode;
}

int Receiver::responseModeRemaining() const
{
    std::lock_guard lock(m_modeMutex);
    return m_modeRemaining;
}

std::optional<ResponseMode> Receiver::takeResponseMode(const Event &event)
{
    std::optional<ResponseMode> mode;
    {
        std::lock_guard lock(m_modeMutex);
        if (!m_mode)
            return std::nullopt;
        if (!m_modeFilter.isEmpty()) {
            std::optional<EventPayload> payload;
            if (m_modeFilter.needsPayload())
                payload.emplace(event.body, event.contentType.toLatin1());
            if (!m_modeFilter.matches(event.summary, payload ? &*payload : nullptr))
                return std::nullopt;
        }
        mode = m_mode;
        if (m_mode->count > 0 && --m_modeRemaining <= 0)
            m_mode.reset(); // used up
    }
    QMetaObject::invokeMethod(
            this, [this] { Q_EMIT responseModeChanged(); }, Qt::QueuedConnection);
    return mode;
}

} // namespace Hookscope
