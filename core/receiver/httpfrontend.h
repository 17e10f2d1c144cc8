// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace Hookscope {

// "GET", "POST", … for a parsed request's method ("UNKNOWN" for the rest).
QString httpMethodName(QHttpServerRequest::Method method);

// A reply that may be sent after the handler returned (the receiver answers only once the
// event is committed). Safe to send after the client went away: it is then dropped.
class PendingReply final
{
public:
    PendingReply() = default;
    PendingReply(QHttpServerResponder &&responder, QTcpSocket *socket);

    bool isValid() const;
    bool send(int status, const QByteArray &body,
              const QByteArray &contentType = "application/json",
              const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

private:
    std::shared_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_watchSocket = false; // Qt 6.4 hands us the socket; later versions do not
};

// The QHttpServer layer: turns parsed requests into handler calls. Routing is ours (any path
// is a webhook path), so this derives from QAbstractHttpServer rather than QHttpServer.
class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFrontend)

public:
    // rawTarget: the request target exactly as sent ("/hooks/x?y=1"), or empty where the
    // HTTP layer does not let us pair it with the request (Qt >= 6.5): use request.url() then.
    using Handler = std::function<void(const QHttpServerRequest &request,
                                       const QByteArray &rawTarget, PendingReply reply)>;

    explicit HttpFrontend(Handler handler, QObject *parent = nullptr);

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
    Handler m_handler;
};

} // namespace Hookscope
