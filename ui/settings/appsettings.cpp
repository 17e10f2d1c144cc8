// SPDX-License-Identifier: MIT
#include "appsettings.h"

#include <QHostAddress>
#include <QSettings>
#include <QUrl>

#include "core/common/httpurl.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

// Bounds shared with the dialog's spin boxes.
constexpr qint64 MinBody = 1024;
constexpr qint64 MaxBody = 1024LL * 1024 * 1024;
constexpr qint64 MinHeader = 1024;
constexpr qint64 MaxHeader = 16LL * 1024 * 1024;
constexpr int MaxConnections = 100'000;
constexpr int MaxIdleMs = 24 * 60 * 60 * 1000;
constexpr qint64 MinRetention = 100;
constexpr int MaxRequestMs = 60 * 60 * 1000;
constexpr int MaxRate = 1'000'000;

} // namespace

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings s;
    settings.beginGroup(u"settings"_s);
    s.bindAddress = settings.value(u"receiver/bind"_s, s.bindAddress).toString().trimmed();
    if (QHostAddress(s.bindAddress).isNull())
        s.bindAddress = AppSettings{}.bindAddress;
    s.port = quint16(std::clamp(settings.value(u"receiver/port"_s, s.port).toInt(), 0, 65535));
    s.maxBodyBytes =
            std::clamp(settings.value(u"limits/maxBodyBytes"_s, s.maxBodyBytes).toLongLong(),
                       MinBody, MaxBody);
    s.maxHeaderBytes =
            std::clamp(settings.value(u"limits/maxHeaderBytes"_s, s.maxHeaderBytes).toLongLong(),
                       MinHeader, MaxHeader);
    s.maxConnections =
            std::clamp(settings.value(u"limits/maxConnections"_s, s.maxConnections).toInt(), 1,
                       MaxConnections);
    s.idleTimeoutMs = std::clamp(settings.value(u"limits/idleTimeoutMs"_s, s.idleTimeoutMs).toInt(),
                                 1000, MaxIdleMs);
    s.requestTimeoutMs =
            std::clamp(settings.value(u"limits/requestTimeoutMs"_s, s.requestTimeoutMs).toInt(),
                       1000, MaxRequestMs);
    s.ratePerClient = std::clamp(settings.value(u"limits/ratePerClient"_s, s.ratePerClient).toInt(),
                                 0, MaxRate);
    s.retention = std::max(MinRetention,
                           settings.value(u"retention/maxEvents"_s, s.retention).toLongLong());
    s.theme = Theme::modeFromName(
            settings.value(u"appearance/theme"_s, Theme::modeName(s.theme)).toString());
    // A URL that is not http(s) falls back to the built-in one rather than break every call.
    s.thenaAppsUrl = settings.value(u"thena/appsUrl"_s).toString().trimmed();
    if (!isHttpUrl(s.thenaAppsUrl))
        s.thenaAppsUrl.clear();
    s.thenaPlatformUrl = settings.value(u"thena/platformUrl"_s).toString().trimmed();
    if (!isHttpUrl(s.thenaPlatformUrl))
        s.thenaPlatformUrl.clear();
    settings.endGroup();
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.beginGroup(u"settings"_s);
    settings.setValue(u"receiver/bind"_s, bindAddress);
    settings.setValue(u"receiver/port"_s, int(port));
    settings.setValue(u"limits/maxBodyBytes"_s, maxBodyBytes);
    settings.setValue(u"limits/maxHeaderBytes"_s, maxHeaderBytes);
    settings.setValue(u"limits/maxConnections"_s, maxConnections);
    settings.setValue(u"limits/idleTimeoutMs"_s, idleTimeoutMs);
    settings.setValue(u"limits/requestTimeoutMs"_s, requestTimeoutMs);
    settings.setValue(u"limits/ratePerClient"_s, ratePerClient);
    settings.setValue(u"retention/maxEvents"_s, retention);
    settings.setValue(u"appearance/theme"_s, Theme::modeName(theme));
    settings.setValue(u"thena/appsUrl"_s, thenaAppsUrl);
    settings.setValue(u"thena/platformUrl"_s, thenaPlatformUrl);
    settings.endGroup();
}

ReceiverConfig AppSettings::receiverConfig(const QString &secret) const
{
    ReceiverConfig config;
    config.address = QHostAddress(bindAddress);
    config.port = port;
    config.secret = secret;
    config.limits.request.maxBodyBytes = maxBodyBytes;
    config.limits.request.maxHeaderBytes = maxHeaderBytes;
    config.limits.maxConnections = maxConnections;
    config.limits.idleTimeoutMs = idleTimeoutMs;
    config.limits.requestTimeoutMs = requestTimeoutMs;
    config.ratePerClient = ratePerClient;
    return config;
}

AppSettings AppSettings::fromReceiverConfig(const ReceiverConfig &config)
{
    AppSettings s;
    s.bindAddress = config.address.toString();
    s.port = config.port;
    s.maxBodyBytes = config.limits.request.maxBodyBytes;
    s.maxHeaderBytes = config.limits.request.maxHeaderBytes;
    s.maxConnections = config.limits.maxConnections;
    s.idleTimeoutMs = config.limits.idleTimeoutMs;
    s.requestTimeoutMs = config.limits.requestTimeoutMs;
    s.ratePerClient = config.ratePerClient;
    return s;
}

bool AppSettings::isLoopbackOnly() const
{
    return QHostAddress(bindAddress).isLoopback();
}

bool AppSettings::isHttpUrl(const QString &text)
{
    return Hookscope::isHttpUrl(QUrl(text.trimmed(), QUrl::StrictMode));
}

WindowState WindowState::load(QSettings &settings)
{
    WindowState w;
    w.geometry = settings.value(u"window/geometry"_s).toByteArray();
    w.dockState = settings.value(u"window/state"_s).toByteArray();
    w.splitter = settings.value(u"window/splitter"_s).toByteArray();
    w.tableHeader = settings.value(u"table/header"_s).toByteArray();
    w.followNewest = settings.value(u"table/follow"_s, true).toBool();
    w.recentFilters = settings.value(u"filter/recent"_s).toStringList();
    w.lastFilter = settings.value(u"filter/last"_s).toString();
    return w;
}

void WindowState::save(QSettings &settings) const
{
    settings.setValue(u"window/geometry"_s, geometry);
    settings.setValue(u"window/state"_s, dockState);
    settings.setValue(u"window/splitter"_s, splitter);
    settings.setValue(u"table/header"_s, tableHeader);
    settings.setValue(u"table/follow"_s, followNewest);
    settings.setValue(u"filter/recent"_s, recentFilters);
    settings.setValue(u"filter/last"_s, lastFilter);
}

} // namespace Hookscope
