// SPDX-License-Identifier: MIT
#include "ngrokdetector.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

bool isLocalHost(const QString &host)
{
    if (host.isEmpty() || host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull()
            && (address.isLoopback() || address == QHostAddress::AnyIPv4
                || address == QHostAddress::AnyIPv6);
}

int rank(const QString &proto)
{
    return proto == "https"_L1 ? 0 : proto == "http"_L1 ? 1 : 2;
}

} // namespace

QUrl NgrokDetector::defaultApiBase()
{
    return QUrl(u"http://127.0.0.1:4040"_s);
}

NgrokDetector::NgrokDetector(QObject *parent)
    : QObject(parent),
      m_network(std::make_unique<QNetworkAccessManager>()),
      m_apiBase(defaultApiBase())
{
    // The agent is local: a configured HTTP proxy must not be asked for it.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

NgrokDetector::~NgrokDetector() = default;

void NgrokDetector::setApiBase(const QUrl &base)
{
    m_apiBase = base;
}

QUrl NgrokDetector::apiBase() const
{
    return m_apiBase;
}

void NgrokDetector::setTimeoutMs(int ms)
{
    m_timeoutMs = ms;
}

bool NgrokDetector::isRunning() const
{
    return m_reply != nullptr;
}

NgrokDetector::Result NgrokDetector::result() const
{
    return m_result;
}

QList<NgrokDetector::Tunnel> NgrokDetector::tunnels() const
{
    return m_tunnels;
}

std::optional<NgrokDetector::Tunnel> NgrokDetector::match() const
{
    return m_match;
}

QString NgrokDetector::errorString() const
{
    return m_error;
}

void NgrokDetector::detect(quint16 localPort)
{
    if (m_reply) {
        QNetworkReply *old = m_reply;
        m_reply = nullptr;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    QUrl url = m_apiBase.adjusted(QUrl::StripTrailingSlash);
    url.setPath(url.path() + u"/api/tunnels"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, localPort, url] {
        reply->deleteLater();
        if (reply != m_reply)
            return;
        m_reply = nullptr;
        m_tunnels.clear();
        m_match.reset();
        m_error.clear();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            m_result = Result::AgentNotRunning;
            m_error = tr("No ngrok agent answers at %1 (%2). Start one with `ngrok http %3`.")
                              .arg(url.toString(), reply->errorString())
                              .arg(localPort);
        } else if (status != 200) {
            m_result = Result::BadAnswer;
            m_error = tr("%1 answered HTTP %2: is this an ngrok agent?")
                              .arg(url.toString())
                              .arg(status);
        } else if (const auto tunnels = parseTunnels(reply->readAll(), &m_error); !tunnels) {
            m_result = Result::BadAnswer;
        } else {
            m_tunnels = *tunnels;
            m_match = pick(m_tunnels, localPort);
            if (m_match) {
                m_result = Result::Found;
            } else {
                m_result = Result::NoMatchingTunnel;
                QStringList seen;
                for (const Tunnel &t : std::as_const(m_tunnels))
                    seen.append(t.publicUrl.toString() + u" → "_s + t.addr);
                m_error = seen.isEmpty()
                        ? tr("The ngrok agent runs but has no tunnels. Start one with `ngrok http "
                             "%1`.")
                                  .arg(localPort)
                        : tr("No ngrok http(s) tunnel points at port %1 (tunnels: %2)")
                                  .arg(localPort)
                                  .arg(seen.join(u", "_s));
            }
        }
        Q_EMIT finished(m_result);
    });
}

std::optional<QList<NgrokDetector::Tunnel>> NgrokDetector::parseTunnels(const QByteArray &json,
                                                                        QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError
        || !doc.object().value(u"tunnels"_s).isArray()) {
        if (error)
            *error = tr("The answer is not ngrok's tunnel list (%1)")
                             .arg(parseError.error != QJsonParseError::NoError
                                          ? parseError.errorString()
                                          : u"no \"tunnels\" array"_s);
        return std::nullopt;
    }
    QList<Tunnel> out;
    const QJsonArray tunnels = doc.object().value(u"tunnels"_s).toArray();
    for (const QJsonValue &value : tunnels) {
        const QJsonObject o = value.toObject();
        Tunnel t;
        t.name = o.value(u"name"_s).toString();
        t.publicUrl = QUrl(o.value(u"public_url"_s).toString());
        t.proto = o.value(u"proto"_s).toString().toLower();
        if (t.proto.isEmpty())
            t.proto = t.publicUrl.scheme().toLower();
        const QJsonValue addr = o.value(u"config"_s).toObject().value(u"addr"_s);
        t.addr = addr.isDouble() ? QString::number(addr.toInt()) : addr.toString();
        if (t.publicUrl.isValid())
            out.append(t);
    }
    return out;
}

bool NgrokDetector::addrPointsAt(const QString &addr, quint16 port)
{
    const QString a = addr.trimmed();
    if (a.isEmpty())
        return false;
    bool numeric = false;
    const uint bare = a.toUInt(&numeric);
    if (numeric)
        return bare == port;
    // Give scheme-less forms a scheme so QUrl reads host and port.
    const QUrl url(a.contains(u"://"_s) ? a : u"http://"_s + a);
    if (!url.isValid() || url.port() != int(port))
        return false;
    return isLocalHost(url.host());
}

std::optional<NgrokDetector::Tunnel> NgrokDetector::pick(const QList<Tunnel> &tunnels,
                                                         quint16 localPort)
{
    std::optional<Tunnel> best;
    for (const Tunnel &t : tunnels) {
        const QString scheme = t.publicUrl.scheme().toLower();
        if ((scheme != "https"_L1 && scheme != "http"_L1) || !addrPointsAt(t.addr, localPort))
            continue;
        if (!best || rank(scheme) < rank(best->publicUrl.scheme().toLower()))
            best = t;
    }
    return best;
}

} // namespace Hookscope
