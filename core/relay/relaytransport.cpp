// SPDX-License-Identifier: MIT
#include "relaytransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

#include "core/relay/relayprotocol.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QString bodyExcerpt(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.contains(u"error"_s))
        return o.value(u"error"_s).toString();
    return QString::fromUtf8(body.left(200)).simplified();
}

} // namespace

bool RelayStatus::isFinal(int status)
{
    return status == 401 || status == 403 || status == 404 || status == 410;
}

// --- RelayTransport --------------------------------------------------------------------------

RelayTransport::RelayTransport(QObject *parent) : QObject(parent) { }

RelayTransport::~RelayTransport() = default;

void RelayTransport::close()
{
    if (m_closed)
        return;
    m_closed = true;
    blockSignals(true);
    shutDown();
}

// --- SseTransport ----------------------------------------------------------------------------

SseTransport::SseTransport(QNetworkAccessManager *network, const QUrl &channelUrl,
                           const QString &channelId, const QString &lastEventId, QObject *parent)
    : RelayTransport(parent),
      m_network(network),
      m_url(channelUrl),
      m_channelId(channelId),
      m_resumeId(lastEventId)
{
}

SseTransport::~SseTransport()
{
    close();
}

void SseTransport::open()
{
    QNetworkRequest request(m_url);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    request.setRawHeader(RelayProtocol::FeaturesHeader, RelayProtocol::RawBodyFeature);
    if (!m_resumeId.isEmpty())
        request.setRawHeader("Last-Event-ID", m_resumeId.toUtf8());
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    m_parser.restart();
    QNetworkReply *reply = m_network->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &SseTransport::onMetaData);
    connect(reply, &QIODevice::readyRead, this, &SseTransport::onData);
    connect(reply, &QNetworkReply::finished, this, &SseTransport::onFinished);
}

void SseTransport::shutDown()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void SseTransport::onMetaData()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isClosed())
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // decided in onFinished, with the body
    const QString contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    if (!contentType.startsWith(u"text/event-stream"_s)) {
        Q_EMIT failed(tr("the relay did not answer with an event stream (Content-Type %1)")
                              .arg(contentType),
                      false);
        return;
    }
    Q_EMIT alive();
    // smee.io and hookscope-relay both start with `ready`; a stream that is open counts too.
    Q_EMIT ready(-1, -1);
}

void SseTransport::onData()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isClosed()
        || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return;
    Q_EMIT alive();
    const QList<SseEvent> events = m_parser.feed(reply->readAll());
    for (const SseEvent &e : events) {
        if (isClosed())
            return; // a delivery failed and the client closed this connection
        if (e.type == "message"_L1) {
            QString error;
            std::optional<RelayEvent> event = RelayProtocol::fromSmeeData(e.data.toUtf8(), &error);
            if (!event) {
                Q_EMIT undecodable(error);
                continue;
            }
            event->channel = m_channelId;
            if (event->path.isEmpty())
                event->path = m_url.path();
            Q_EMIT delivery(std::move(*event));
        } else if (e.type == "dropped"_L1) {
            const QJsonObject o = QJsonDocument::fromJson(e.data.toUtf8()).object();
            Q_EMIT droppedAnnounced(o.value(u"dropped"_s).toInteger());
        }
        // ready, ping and anything else only prove the connection alive.
    }
}

void SseTransport::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isClosed())
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (RelayStatus::isFinal(status)) {
        Q_EMIT failed(tr("the relay refused the channel (HTTP %1): %2")
                              .arg(status)
                              .arg(bodyExcerpt(body)),
                      true);
        return;
    }
    if (status != 0 && status != 200) {
        Q_EMIT failed(tr("the relay answered HTTP %1: %2").arg(status).arg(bodyExcerpt(body)),
                      false);
        return;
    }
    Q_EMIT failed(reply->error() == QNetworkReply::NoError ? tr("the relay closed the stream")
                                                           : reply->errorString(),
                  false);
}

// --- WsTransport -----------------------------------------------------------------------------

WsTransport::WsTransport(const QUrl &channelUrl, const QUrl &baseUrl, const QString &channelId,
                         qint64 after, QObject *parent)
    : RelayTransport(parent), m_channelId(channelId)
{
    m_url = baseUrl;
    m_url.setScheme(channelUrl.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    m_url.setPath(m_url.path() + u"/ws/"_s + channelId);
    QUrlQuery query;
    const QString token = QUrlQuery(channelUrl).queryItemValue(u"token"_s, QUrl::FullyDecoded);
    if (!token.isEmpty())
        query.addQueryItem(u"token"_s, token);
    if (after >= 0) // 0: everything buffered (a client that has read nothing yet)
        query.addQueryItem(u"after"_s, QString::number(after));
    m_url.setQuery(query.toString(QUrl::FullyEncoded), QUrl::StrictMode);
}

WsTransport::~WsTransport()
{
    close();
}

void WsTransport::open()
{
    m_socket = std::make_unique<QWebSocket>();
    QWebSocket *socket = m_socket.get();
    connect(socket, &QWebSocket::textMessageReceived, this, &WsTransport::onMessage);
    connect(socket, &QWebSocket::pong, this, &RelayTransport::alive);
    connect(socket, &QWebSocket::disconnected, this, &WsTransport::onDisconnected);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(socket, &QWebSocket::errorOccurred, this, &WsTransport::onError);
#else
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WsTransport::onError);
#endif
    socket->open(m_url);
}

void WsTransport::shutDown()
{
    if (m_socket) {
        // May run inside one of the socket's own signals: delete it later.
        QWebSocket *socket = m_socket.release();
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void WsTransport::acknowledge(qint64 position)
{
    if (!m_socket || isClosed() || m_socket->state() != QAbstractSocket::ConnectedState
        || position <= m_acked)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject{ { u"ack"_s, position } }).toJson(QJsonDocument::Compact)));
    m_acked = position;
}

void WsTransport::onMessage(const QString &text)
{
    if (isClosed())
        return;
    Q_EMIT alive();
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = o.value(u"type"_s).toString();
    if (type == "event"_L1) {
        QString error;
        std::optional<RelayEvent> event = RelayProtocol::fromWsEventMessage(o, &error);
        if (!event) {
            Q_EMIT undecodable(error);
            return;
        }
        event->channel = m_channelId;
        Q_EMIT delivery(std::move(*event));
    } else if (type == "ready"_L1) {
        Q_EMIT ready(o.value(u"dropped"_s).toInteger(), o.value(u"evicted_up_to"_s).toInteger());
    } else if (type == "error"_L1) {
        const int status = o.value(u"status"_s).toInt();
        Q_EMIT failed(tr("the relay refused the channel (%1): %2")
                              .arg(status)
                              .arg(o.value(u"error"_s).toString()),
                      RelayStatus::isFinal(status));
    }
}

void WsTransport::onDisconnected()
{
    if (!m_socket || isClosed())
        return;
    const QString reason = m_socket->closeReason();
    Q_EMIT failed(reason.isEmpty() ? tr("the relay closed the connection")
                                   : tr("the relay closed the connection: %1").arg(reason),
                  false);
}

void WsTransport::onError()
{
    if (!m_socket || isClosed())
        return;
    const QString message = m_socket->errorString();
    // Qt reports a refused upgrade only as text ("Unhandled http status code: 401 (...)").
    static const QRegularExpression httpStatus(u"\\b(40[134]|410)\\b"_s);
    const QRegularExpressionMatch match = httpStatus.match(message);
    if (match.hasMatch()) {
        const int status = match.captured(1).toInt();
        Q_EMIT failed(status == 401 ? tr("the relay refused the channel token (HTTP 401)")
                                    : tr("the relay refused the channel (HTTP %1)").arg(status),
                      true);
        return;
    }
    Q_EMIT failed(message, false);
}

} // namespace Hookscope
