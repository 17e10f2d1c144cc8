// SPDX-License-Identifier: MIT
#include "receiver.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStringDecoder>
#include <QUrlQuery>

#include "core/common/secrets.h"
#include "core/events/eventparser.h"
#include "core/receiver/httpfrontend.h"
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
// the target as sent when the HTTP layer passed it on, percent-decoded, dot segments and
// repeated slashes kept. Qt's own parse reads "//x/y" as a host and replaces bytes that are
// not UTF-8; a path whose decoded bytes are not UTF-8 is therefore kept percent-encoded, so
// it still says exactly which bytes were sent.
QString requestPath(const QHttpServerRequest &request, const QByteArray &rawTarget)
{
    if (rawTarget.isEmpty())
        return request.url().path();
    QByteArrayView target(rawTarget);
    if (!target.startsWith('/')) {
        // absolute-form ("http://host/path"), as sent to proxies: drop scheme and authority
        const qsizetype scheme = target.indexOf("://");
        if (scheme > 0) {
            const qsizetype slash = target.sliced(scheme + 3).indexOf('/');
            target = slash < 0 ? QByteArrayView("/") : target.sliced(scheme + 3 + slash);
        }
    }
    qsizetype end = target.indexOf('?');
    if (const qsizetype hash = target.indexOf('#'); hash >= 0 && (end < 0 || hash < end))
        end = hash;
    const QByteArray rawPath = (end < 0 ? target : target.first(end)).toByteArray();
    const QByteArray decoded = QByteArray::fromPercentEncoding(rawPath);
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString path = utf8(decoded);
    if (!utf8.hasError())
        return path;
    // QByteArray::toPercentEncoding always escapes '%' itself: escape by hand instead.
    QString kept;
    kept.reserve(rawPath.size());
    for (const char c : rawPath) {
        const auto byte = uchar(c);
        if (byte < 0x20 || byte >= 0x7f)
            kept += u'%' + QString::number(byte, 16).toUpper().rightJustified(2, u'0');
        else
            kept += QLatin1Char(c);
    }
    return kept;
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
    auto *tcp = new GuardedTcpServer(m_config.limits, this);
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    tcp->setRecordRequestLines(true); // HttpFrontend pairs them with the parsed requests
#endif
    if (!tcp->listen(m_config.address, m_config.port)) {
        if (tcp->serverError() == QAbstractSocket::AddressInUseError)
            m_error = tr("Port %1 on %2 is already in use: another Hookscope or another program is "
                         "listening "
                         "there. Choose another port (--port, or Settings → Receiver).")
                              .arg(m_config.port)
                              .arg(m_config.address.toString());
        else
            m_error = tr("Cannot listen on %1:%2: %3")
                              .arg(m_config.address.toString())
                              .arg(m_config.port)
                              .arg(tcp->errorString());
        delete tcp;
        qCWarning(lcReceiver).noquote() << m_error;
        return false;
    }
    connect(tcp, &GuardedTcpServer::rejected, this, &Receiver::noteRejected);
    m_rate.setRate(m_config.ratePerClient, 2.0 * m_config.ratePerClient);
    m_tcp = tcp;
    m_http = new HttpFrontend(
            [this](const QHttpServerRequest &request, const QByteArray &rawTarget,
                   PendingReply reply) { handle(request, rawTarget, std::move(reply)); },
            this);
    m_http->bind(m_tcp);
    qCInfo(lcReceiver).noquote() << "listening on" << displayUrl();
    Q_EMIT listeningChanged(true);
    return true;
}

void Receiver::stop()
{
    if (!m_http)
        return;
    // The frontend owns the TCP server after bind(); deleting it closes every connection.
    delete m_http;
    m_http = nullptr;
    m_tcp = nullptr;
    Q_EMIT listeningChanged(false);
}

bool Receiver::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 Receiver::port() const
{
    return m_tcp ? m_tcp->serverPort() : m_config.port;
}

QString Receiver::errorString() const
{
    return m_error;
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
    Q_EMIT rejected(status, reason, remote);
}

bool Receiver::withinRate(const QHttpServerRequest &request, PendingReply &reply)
{
    if (!m_rate.isEnabled())
        return true;
    const QHostAddress peer = request.remoteAddress();
    QString client;
    if (peer.isLoopback()) {
        // A tunnel connects from loopback and names the real client: limit that one. Only
        // the last address is the tunnel's own word; earlier ones are the client's claims.
        for (const auto &[name, value] : request.headers()) {
            if (name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0)
                client = QString::fromLatin1(value.split(',').constLast().trimmed());
        }
        if (client.isEmpty() && !m_config.rateLimitLoopback)
            return true;
    }
    if (client.isEmpty())
        client = peer.toString();
    qint64 retryAfterMs = 0;
    if (m_rate.allow(client, m_clock.elapsed(), &retryAfterMs))
        return true;

    const qint64 retryAfter = std::max<qint64>(1, (retryAfterMs + 999) / 1000);
    const QString reason =
            u"rate limit: more than %1 deliveries per second from %2; retry after %3 s"_s
                    .arg(m_config.ratePerClient)
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
    Q_EMIT rejected(429, reason, client);
    reply.send(429, jsonReply({ { u"ok"_s, false }, { u"error"_s, reason } }), "application/json",
               { { "Retry-After", QByteArray::number(retryAfter) } });
    return false;
}

bool Receiver::authorized(const QHttpServerRequest &request, const QString &path) const
{
    const QByteArray secret = m_config.secret.toUtf8();
    if (secret.isEmpty())
        return true;
    bool ok = false;
    if (path.startsWith(HooksPrefix)) {
        const QString rest = path.mid(HooksPrefix.size());
        const qsizetype slash = rest.indexOf(u'/');
        ok |= Secrets::constantTimeEquals((slash < 0 ? rest : rest.left(slash)).toUtf8(), secret);
    }
    ok |= Secrets::constantTimeEquals(
            request.query().queryItemValue(u"token"_s, QUrl::FullyDecoded).toUtf8(), secret);
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("authorization", Qt::CaseInsensitive) != 0)
            continue;
        QByteArray v = value.trimmed();
        if (v.toLower().startsWith("bearer "))
            v = v.mid(7).trimmed();
        ok |= Secrets::constantTimeEquals(v, secret);
    }
    return ok;
}

void Receiver::handle(const QHttpServerRequest &request, const QByteArray &rawTarget,
                      PendingReply reply)
{
    const auto method = request.method();
    const QString remote = request.remoteAddress().toString();

    if (method == QHttpServerRequest::Method::Get) {
        reply.send(200, jsonReply({ { u"ok"_s, true } }));
        return;
    }
    if (method == QHttpServerRequest::Method::Head) {
        reply.send(200, {}); // a HEAD answer carries no body (RFC 9110 §9.3.2)
        return;
    }
    if (method != QHttpServerRequest::Method::Post && method != QHttpServerRequest::Method::Put
        && method != QHttpServerRequest::Method::Patch) {
        const QString reason = u"method %1 not allowed; deliveries use POST, PUT or PATCH"_s.arg(
                httpMethodName(method));
        noteRejected(405, reason, remote);
        reply.send(405, jsonReply({ { u"ok"_s, false }, { u"error"_s, reason } }),
                   "application/json", { { "Allow", "GET, HEAD, POST, PUT, PATCH" } });
        return;
    }
    if (!withinRate(request, reply))
        return;
    QString path = requestPath(request, rawTarget);
    if (!authorized(request, path)) {
        const QString reason = u"missing or wrong secret token"_s;
        noteRejected(401, reason, remote);
        reply.send(401, jsonReply({ { u"ok"_s, false }, { u"error"_s, reason } }));
        return;
    }
    if (!m_store) {
        reply.send(503, jsonReply({ { u"ok"_s, false }, { u"error"_s, u"no event store"_s } }));
        return;
    }

    Event event;
    event.summary.receivedAt = QDateTime::currentMSecsSinceEpoch();
    event.summary.source = EventSource::Local;
    event.method = httpMethodName(method);
    event.remoteAddress = remote;
    // The receiver's own secret never reaches the store: it is masked in the recorded path,
    // query and Authorization header.
    if (!m_config.secret.isEmpty() && path.startsWith(HooksPrefix)) {
        const qsizetype end = path.indexOf(u'/', HooksPrefix.size());
        path = HooksPrefix + u"[secret]"_s + (end < 0 ? QString() : path.mid(end));
    }
    if (!m_config.secret.isEmpty()) {
        path.replace(m_config.secret, u"[secret]"_s); // wherever else it appears
        path.replace(QString::fromLatin1(QUrl::toPercentEncoding(m_config.secret)), u"[secret]"_s);
    }
    event.path = path;
    QUrlQuery query = request.query();
    if (!m_config.secret.isEmpty() && query.hasQueryItem(u"token"_s)) {
        query.removeAllQueryItems(u"token"_s);
        query.addQueryItem(u"token"_s, u"[secret]"_s);
    }
    event.query = query.toString(QUrl::FullyEncoded);
    if (!m_config.secret.isEmpty()) {
        event.query.replace(m_config.secret, u"[secret]"_s);
        event.query.replace(QString::fromLatin1(QUrl::toPercentEncoding(m_config.secret)),
                            u"[secret]"_s);
    }
    const QByteArray secret = m_config.secret.toUtf8();
    for (const auto &[name, value] : request.headers()) {
        QByteArray v = value;
        if (!secret.isEmpty() && name.compare("authorization", Qt::CaseInsensitive) == 0
            && v.contains(secret))
            v = "[secret]";
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            event.contentType = QString::fromLatin1(value);
        event.headers.append({ name, v });
    }
    event.body = request.body();

    const ParsedEvent parsed = EventParser::parse(event.body, event.contentType.toLatin1());
    parsed.applyTo(event);

    const bool invalid = parsed.isInvalid();
    const QString parseError = parsed.error;
    QPointer<Receiver> self(this);
    m_store->submit(
            std::move(event),
            [self, reply, invalid, parseError, remote](qint64 id, const QString &error) mutable {
                if (!self)
                    return;
                if (id <= 0) {
                    reply.send(503, jsonReply({ { u"ok"_s, false }, { u"error"_s, error } }));
                    return;
                }
                if (invalid) {
                    self->noteRejected(400, parseError, remote);
                    reply.send(400,
                               jsonReply({ { u"ok"_s, false },
                                           { u"id"_s, id },
                                           { u"error"_s, parseError } }));
                    return;
                }
                ++self->m_accepted;
                reply.send(200, jsonReply({ { u"ok"_s, true }, { u"id"_s, id } }));
            });
}

} // namespace Hookscope
