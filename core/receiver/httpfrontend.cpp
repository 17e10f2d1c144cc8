// SPDX-License-Identifier: MIT
#include "httpfrontend.h"

#include "core/receiver/guardedtcpserver.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

QString httpMethodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Head:
        return u"HEAD"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Put:
        return u"PUT"_s;
    case QHttpServerRequest::Method::Patch:
        return u"PATCH"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    case QHttpServerRequest::Method::Options:
        return u"OPTIONS"_s;
    case QHttpServerRequest::Method::Trace:
        return u"TRACE"_s;
    case QHttpServerRequest::Method::Connect:
        return u"CONNECT"_s;
    default:
        return u"UNKNOWN"_s;
    }
}

PendingReply::PendingReply(QHttpServerResponder &&responder, QTcpSocket *socket)
    : m_responder(std::make_shared<QHttpServerResponder>(std::move(responder))),
      m_socket(socket),
      m_watchSocket(socket != nullptr)
{
}

bool PendingReply::isValid() const
{
    if (!m_responder)
        return false;
    return !m_watchSocket || (m_socket && m_socket->state() == QAbstractSocket::ConnectedState);
}

bool PendingReply::send(int status, const QByteArray &body, const QByteArray &contentType,
                        const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    if (!isValid()) {
        m_responder.reset();
        return false;
    }
    const auto code = static_cast<QHttpServerResponder::StatusCode>(status);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
    for (const auto &[name, value] : extraHeaders)
        headers.append(name, value);
    m_responder->write(body, headers, code);
#else
    // Before 6.8 the header list type is an initializer_list: write the parts one by one.
    m_responder->writeStatusLine(code);
    m_responder->writeHeader("Content-Type", contentType);
    m_responder->writeHeader("Content-Length", QByteArray::number(body.size()));
    for (const auto &[name, value] : extraHeaders)
        m_responder->writeHeader(name, value);
    m_responder->writeBody(body);
#endif
    m_responder.reset();
    return true;
}

HttpFrontend::HttpFrontend(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // The guard saw the same bytes first and queued each request line in order; the method
    // is compared as a check that both sides are talking about the same request.
    QByteArray rawTarget;
    if (const auto line = GuardedTcpServer::takeRequestLine(socket)) {
        const QString method = httpMethodName(request.method());
        if (method == u"UNKNOWN" || QLatin1StringView(line->method) == method)
            rawTarget = line->target;
    }
    m_handler(request, rawTarget, PendingReply(makeResponder(request, socket), socket));
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    PendingReply(makeResponder(request, socket), socket).send(404, "{\"ok\":false}");
}
#else
bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // From 6.5 on the responder owns the stream; the socket is not exposed, so liveness is
    // left to the responder itself.
    m_handler(request, QByteArray(), PendingReply(std::move(responder), nullptr));
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
{
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}
#endif

} // namespace Hookscope
