// SPDX-License-Identifier: MIT
#include "thenaclient.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "core/common/httpurl.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QUrl baseUrl(QLatin1StringView variable, const QString &configured, const QString &builtin)
{
    const QString fromEnv = qEnvironmentVariable(variable.data()).trimmed();
    if (!fromEnv.isEmpty())
        return QUrl(fromEnv);
    return QUrl(configured.trimmed().isEmpty() ? builtin : configured.trimmed());
}

QUrl endpoint(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

} // namespace

QUrl ThenaClient::defaultAppsUrl(const QString &configured)
{
    return baseUrl(AppsUrlVariable, configured, u"https://apps-studio.thena.ai"_s);
}

QUrl ThenaClient::defaultPlatformUrl(const QString &configured)
{
    return baseUrl(PlatformUrlVariable, configured, u"https://platform.thena.ai"_s);
}

ThenaClient::ThenaClient(QObject *parent)
    : QObject(parent), m_appsUrl(defaultAppsUrl()), m_platformUrl(defaultPlatformUrl())
{
}

void ThenaClient::setAppsUrl(const QUrl &url)
{
    m_appsUrl = url;
}

void ThenaClient::setPlatformUrl(const QUrl &url)
{
    m_platformUrl = url;
}

void ThenaClient::setApiKey(const QString &apiKey)
{
    m_apiKey = apiKey.trimmed();
}

void ThenaClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout.count() > 0 ? timeout : DefaultTimeout;
}

QJsonObject ThenaClient::defaultAppConfiguration()
{
    return { { u"required_settings"_s, QJsonArray() }, { u"optional_settings"_s, QJsonArray() } };
}

ThenaRequest ThenaClient::post(ThenaCall call, const QString &path, const QJsonObject &body) const
{
    ThenaRequest r;
    r.call = call;
    r.method = "POST";
    r.url = endpoint(call == ThenaCall::ListTeams ? m_platformUrl : m_appsUrl, path);
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

ThenaRequest ThenaClient::listTeamsRequest() const
{
    ThenaRequest r;
    r.call = ThenaCall::ListTeams;
    r.method = "GET";
    r.url = endpoint(m_platformUrl, u"/v1/teams"_s);
    return r;
}

ThenaRequest ThenaClient::createAppRequest(const QJsonObject &manifest) const
{
    // Visibility is always private: Hookscope makes an org's own webhook app, never a listing.
    return post(ThenaCall::CreateApp, u"/apps/create-app"_s,
                { { u"app_visibility"_s, u"private"_s }, { u"manifest"_s, manifest } });
}

ThenaRequest ThenaClient::installLike(ThenaCall call, const QString &path, const QString &appId,
                                      const QStringList &teamIds,
                                      const QJsonObject &appConfiguration) const
{
    return post(call, path,
                { { u"teamIds"_s, QJsonArray::fromStringList(teamIds) },
                  { u"appId"_s, appId },
                  { u"appConfiguration"_s, appConfiguration } });
}

ThenaRequest ThenaClient::installRequest(const QString &appId, const QStringList &teamIds,
                                         const QJsonObject &appConfiguration) const
{
    return installLike(ThenaCall::Install, u"/apps/install"_s, appId, teamIds, appConfiguration);
}

ThenaRequest ThenaClient::reinstallRequest(const QString &appId, const QStringList &teamIds,
                                           const QJsonObject &appConfiguration) const
{
    return installLike(ThenaCall::Reinstall, u"/apps/reinstall"_s, appId, teamIds,
                       appConfiguration);
}

ThenaRequest ThenaClient::uninstallRequest(const QString &appId, const QStringList &teamIds) const
{
    return post(ThenaCall::Uninstall, u"/apps/uninstall"_s,
                { { u"teamIds"_s, QJsonArray::fromStringList(teamIds) }, { u"appId"_s, appId } });
}

ThenaReply *ThenaClient::send(const ThenaRequest &request)
{
    auto *reply = new ThenaReply(request, this);
    if (m_apiKey.isEmpty())
        reply->fail(ThenaError::KeyRejected, u"No API key set: nothing was sent"_s);
    else if (!isHttpUrl(request.url))
        reply->fail(ThenaError::Network, u"Not an http(s) URL: %1"_s.arg(request.url.toString()));
    else
        reply->start(&m_nam, m_apiKey, m_timeout);
    return reply;
}

} // namespace Hookscope
