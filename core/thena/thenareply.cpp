// SPDX-License-Identifier: MIT
#include "thenareply.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QString seconds(std::chrono::milliseconds timeout)
{
    const qint64 ms = timeout.count();
    return ms % 1000 == 0 ? u"%1 s"_s.arg(ms / 1000) : u"%1 ms"_s.arg(ms);
}

} // namespace

ThenaReply::ThenaReply(const ThenaRequest &request, QObject *parent)
    : QObject(parent), m_request(request)
{
    m_result.call = request.call;
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ThenaReply::onTimeout);
}

ThenaReply::~ThenaReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ThenaReply::start(QNetworkAccessManager *nam, const QString &apiKey,
                       std::chrono::milliseconds timeout)
{
    m_apiKey = apiKey;
    QNetworkRequest request(m_request.url);
    request.setRawHeader("x-api-key", apiKey.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("Accept", "application/json");
    // Qt's default (Mozilla/5.0) would pass Hookscope off as a browser in Thena's logs.
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Hookscope/" HOOKSCOPE_VERSION));
    // A redirect would carry the key to wherever it points: never follow one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(0); // our own deadline below covers the whole call

    m_reply = nam->sendCustomRequest(request, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::finished, this, &ThenaReply::onNetworkFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this] { m_tlsFailed = true; });
    m_timeout = timeout;
    m_deadline.setInterval(timeout);
    m_deadline.start();
}

void ThenaReply::fail(ThenaError error, const QString &message)
{
    QTimer::singleShot(0, this, [this, error, message] {
        finish(ThenaResult::failure(m_request.call, error, message));
    });
}

void ThenaReply::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort(); // finished() of the network reply follows (now or queued)
    else
        fail(ThenaError::Cancelled, u"Cancelled"_s);
}

void ThenaReply::onTimeout()
{
    if (m_finished || !m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void ThenaReply::onNetworkFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_deadline.stop();
    const QString host = m_request.url.host();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body =
            reply->isOpen() ? redacted(reply->readAll()) : QByteArray(); // closed once aborted
    const QNetworkReply::NetworkError error = reply->error();
    reply->deleteLater();
    m_reply = nullptr;

    if (m_cancelled) {
        finish(ThenaResult::failure(m_request.call, ThenaError::Cancelled, u"Cancelled"_s));
        return;
    }
    if (m_timedOut) {
        finish(ThenaResult::failure(m_request.call, ThenaError::Timeout,
                                    u"No answer from %1 within %2"_s.arg(host, seconds(m_timeout)),
                                    status, body));
        return;
    }
    if (status > 0) {
        // Any complete HTTP answer, error status or not, is classified by its status.
        ThenaResult result = ThenaResult::fromHttp(m_request.call, status, body);
        if (status >= 300 && status < 400) {
            const QUrl target =
                    reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            result.message += u" (redirect to %1 not followed)"_s.arg(target.toString());
        }
        result.message = redacted(result.message);
        result.serverMessage = redacted(result.serverMessage);
        finish(std::move(result));
        return;
    }
    const QString reason = redacted(reply->errorString());
    if (m_tlsFailed || error == QNetworkReply::SslHandshakeFailedError) {
        finish(ThenaResult::failure(m_request.call, ThenaError::Tls,
                                    u"Secure connection to %1 failed: %2"_s.arg(host, reason), 0,
                                    body));
        return;
    }
    finish(ThenaResult::failure(m_request.call, ThenaError::Network,
                                u"Cannot reach %1: %2"_s.arg(host, reason), 0, body));
}

void ThenaReply::finish(ThenaResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    m_apiKey.clear();
    m_result = std::move(result);
    Q_EMIT finished();
}

QByteArray ThenaReply::redacted(QByteArray text) const
{
    if (m_apiKey.isEmpty())
        return text;
    return text.replace(m_apiKey.toUtf8(), "<redacted>");
}

QString ThenaReply::redacted(QString text) const
{
    if (m_apiKey.isEmpty())
        return text;
    return text.replace(m_apiKey, u"<redacted>"_s);
}

} // namespace Hookscope
