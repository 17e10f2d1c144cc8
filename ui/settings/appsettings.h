// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "ui/theme/theme.h"

class QSettings;

namespace Hookscope {

// What the Settings dialog edits, as plain values, with load/save to QSettings (group
// "settings"). The receiver's secret token is deliberately not here: it belongs in the
// keychain (SecretStore), never in a settings file.
struct AppSettings
{
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint16 port = ReceiverConfig::DefaultPort;
    qint64 maxBodyBytes = Http::RequestLimits{}.maxBodyBytes;
    qint64 maxHeaderBytes = Http::RequestLimits{}.maxHeaderBytes;
    int maxConnections = Http::ServerLimits{}.maxConnections;
    int idleTimeoutMs = Http::ServerLimits{}.idleTimeoutMs;
    int requestTimeoutMs = Http::ServerLimits{}.requestTimeoutMs;
    int ratePerClient = ReceiverConfig{}.ratePerClient; // deliveries/s; 0 = no limit
    qint64 retention = EventStore::DefaultRetention; // newest events kept
    ThemeMode theme = ThemeMode::System;
    // Thena API base URLs; empty = the built-in ones. $HOOKSCOPE_THENA_APPS_URL and
    // $HOOKSCOPE_THENA_PLATFORM_URL override them when set (ThenaClient::defaultAppsUrl()).
    QString thenaAppsUrl;
    QString thenaPlatformUrl;

    // Missing keys keep the defaults above; out-of-range values are clamped.
    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    // The receiver part, with the given secret (from the keychain or the command line).
    ReceiverConfig receiverConfig(const QString &secret = {}) const;
    static AppSettings fromReceiverConfig(const ReceiverConfig &config);
    bool isLoopbackOnly() const;
    // An http(s) URL with a host (what the Thena URL fields accept besides empty).
    static bool isHttpUrl(const QString &text);

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

// The main window's own state between sessions (not preferences: nothing the Settings
// dialog shows): geometry, dock and splitter positions, the table's header, whether it
// follows the newest row, and the filter bar's history. Keys "window/…", "table/…",
// "filter/…", as before.
struct WindowState
{
    QByteArray geometry;
    QByteArray dockState;
    QByteArray splitter;
    QByteArray tableHeader;
    bool followNewest = true;
    QStringList recentFilters;
    QString lastFilter;

    static WindowState load(QSettings &settings);
    void save(QSettings &settings) const;

    friend bool operator==(const WindowState &, const WindowState &) = default;
};

} // namespace Hookscope
