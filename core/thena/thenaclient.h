// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <chrono>

#include "core/thena/thenareply.h"
#include "core/thena/thenarequest.h"

namespace Hookscope {

// The Thena API as Hookscope uses it (docs/thena.md): apps API (create, install, reinstall,
// uninstall) and platform API (teams). Asynchronous: each call returns a ThenaReply.
//
// The API key lives in memory only: it is sent as `x-api-key`, redacted from answers, and
// never rendered (requests are ThenaRequest values without it). Redirects are not followed,
// so the key never travels to a host it was not meant for.
class ThenaClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThenaClient)

public:
    static constexpr std::chrono::milliseconds DefaultTimeout{ 30000 };

    // The base URLs, first found wins: $HOOKSCOPE_THENA_APPS_URL / $HOOKSCOPE_THENA_PLATFORM_URL,
    // then `configured` (Settings, or --apps-url / --platform-url), then the built-in ones.
    static QUrl defaultAppsUrl(const QString &configured = {}); // https://apps-studio.thena.ai
    static QUrl defaultPlatformUrl(const QString &configured = {}); // https://platform.thena.ai
    static constexpr QLatin1StringView AppsUrlVariable{ "HOOKSCOPE_THENA_APPS_URL" };
    static constexpr QLatin1StringView PlatformUrlVariable{ "HOOKSCOPE_THENA_PLATFORM_URL" };
    // The variable the CLI reads the key from, and --print-curl writes.
    static constexpr QLatin1StringView ApiKeyVariable{ "HOOKSCOPE_API_KEY" };

    explicit ThenaClient(QObject *parent = nullptr);

    // A base URL may carry a path prefix; endpoints are appended to it.
    void setAppsUrl(const QUrl &url);
    QUrl appsUrl() const { return m_appsUrl; }
    void setPlatformUrl(const QUrl &url);
    QUrl platformUrl() const { return m_platformUrl; }

    void setApiKey(const QString &apiKey); // trimmed; empty clears it
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }

    // For the whole call, connection to last byte.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // The requests, for "Copy as curl" before (or instead of) sending them.
    ThenaRequest listTeamsRequest() const; // GET {platform}/v1/teams
    ThenaRequest createAppRequest(const QJsonObject &manifest) const; // POST {apps}/apps/create-app
    ThenaRequest
    installRequest(const QString &appId, const QStringList &teamIds,
                   const QJsonObject &appConfiguration = defaultAppConfiguration()) const;
    ThenaRequest
    reinstallRequest(const QString &appId, const QStringList &teamIds,
                     const QJsonObject &appConfiguration = defaultAppConfiguration()) const;
    // The uninstall URL is not documented: POST {apps}/apps/uninstall {teamIds, appId} is a guess.
    ThenaRequest uninstallRequest(const QString &appId, const QStringList &teamIds) const;

    // {"required_settings":[],"optional_settings":[]}
    static QJsonObject defaultAppConfiguration();

    // Sends a request made by the functions above. Without an API key the reply finishes with
    // ThenaError::KeyRejected and nothing is sent.
    ThenaReply *send(const ThenaRequest &request);

    ThenaReply *listTeams() { return send(listTeamsRequest()); }
    ThenaReply *createApp(const QJsonObject &manifest) { return send(createAppRequest(manifest)); }
    ThenaReply *install(const QString &appId, const QStringList &teamIds,
                        const QJsonObject &appConfiguration = defaultAppConfiguration())
    {
        return send(installRequest(appId, teamIds, appConfiguration));
    }
    ThenaReply *reinstall(const QString &appId, const QStringList &teamIds,
                          const QJsonObject &appConfiguration = defaultAppConfiguration())
    {
        return send(reinstallRequest(appId, teamIds, appConfiguration));
    }
    ThenaReply *uninstall(const QString &appId, const QStringList &teamIds)
    {
        return send(uninstallRequest(appId, teamIds));
    }

private:
    ThenaRequest post(ThenaCall call, const QString &path, const QJsonObject &body) const;
    ThenaRequest installLike(ThenaCall call, const QString &path, const QString &appId,
                             const QStringList &teamIds, const QJsonObject &appConfiguration) const;

    QNetworkAccessManager m_nam;
    QUrl m_appsUrl;
    QUrl m_platformUrl;
    QString m_apiKey;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
};

} // namespace Hookscope
