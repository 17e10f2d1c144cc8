// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

#include <functional>

namespace Hookscope {

// The relay's HTTP layer. Unlike the receiver's HttpFrontend it hands the handler the
// connection's socket too: an SSE subscription keeps writing to it long after the handler
// returned. (Qt 6.4 exposes the socket; from 6.5 on it is null and SSE is not offered.)
//
// WebSocket upgrades never reach the handler: QAbstractHttpServer asks handleRequest()
// whether to accept one, and the upgrade check answers (101 = go ahead, else the HTTP status
// to refuse with), so a bad token gets a plain 401 instead of a socket that is then closed.
class RelayHttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayHttpFrontend)

public:
    using Handler = std::function<void(const QHttpServerRequest &request,
                                       QHttpServerResponder &&responder, QTcpSocket *socket)>;
    struct Refusal
    {
        int status = 101;
        QByteArray body;
    };
    // socket: the connection about to be upgraded (null from Qt 6.5 on).
    using UpgradeCheck =
            std::function<Refusal(const QHttpServerRequest &request, QTcpSocket *socket)>;

    RelayHttpFrontend(Handler handler, UpgradeCheck upgradeCheck, QObject *parent = nullptr);

    static bool isWebSocketUpgrade(const QHttpServerRequest &request);

protected:
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request,
                        QHttpServerResponder &responder) override;
#endif

private:
    void refuse(QHttpServerResponder &responder);

    Handler m_handler;
    UpgradeCheck m_upgradeCheck;
    Refusal m_refusal; // of the upgrade just declined, for missingHandler()
};

} // namespace Hookscope
