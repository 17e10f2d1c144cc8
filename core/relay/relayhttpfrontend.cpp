// SPDX-License-Identifier: MIT
#include "relayhttpfrontend.h"

namespace Hookscope {

RelayHttpFrontend::RelayHttpFrontend(Handler handler, UpgradeCheck upgradeCheck, QObject *parent)
    : QAbstractHttpServer(parent),
      m_handler(std::move(handler)),
      m_upgradeCheck(std::move(upgradeCheck))
{
}

bool RelayHttpFrontend::isWebSocketUpgrade(const QHttpServerRequest &request)
{
    for (const auto &[name, value] : request.headers())
        if (name.compare("upgrade", Qt::CaseInsensitive) == 0
            && value.trimmed().compare("websocket", Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

void RelayHttpFrontend::refuse(QHttpServerResponder &responder)
{
    const Refusal refusal = std::exchange(
            m_refusal, Refusal{ 404, QByteArrayLiteral("{\"ok\":false,\"error\":\"not found\"}") });
    const auto status = static_cast<QHttpServerResponder::StatusCode>(
            refusal.status == 101 ? 404 : refusal.status);
    responder.writeStatusLine(status);
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(refusal.body.size()));
    responder.writeHeader("Connection", "close");
    responder.writeBody(refusal.body);
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
bool RelayHttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (isWebSocketUpgrade(request)) {
        m_refusal = m_upgradeCheck(request, socket);
        return m_refusal.status == 101; // false: missingHandler() answers with the refusal
    }
    m_handler(request, makeResponder(request, socket), socket);
    return true;
}

void RelayHttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    refuse(responder);
}
#else
bool RelayHttpFrontend::handleRequest(const QHttpServerRequest &request,
                                      QHttpServerResponder &responder)
{
    if (isWebSocketUpgrade(request)) {
        m_refusal = m_upgradeCheck(request, nullptr);
        return m_refusal.status == 101;
    }
    m_handler(request, std::move(responder), nullptr);
    return true;
}

void RelayHttpFrontend::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
{
    refuse(responder);
}
#endif

} // namespace Hookscope
