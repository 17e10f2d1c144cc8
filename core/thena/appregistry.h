// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Hookscope {

// A Thena app created or installed from Hookscope. No secret is ever kept here: the client
// secret goes to the keychain (SecretStore::clientSecretName(appId)).
struct RegisteredApp
{
    QString appId;
    QString name;
    QString slug;
    QString clientId;
    QStringList teams; // teams it is installed on, as far as Hookscope knows
    QDateTime createdAt; // invalid for an app Hookscope only installed
    QDateTime updatedAt;
};

// The apps list behind the wizard's Apps dialog and `hookscope thena`: `apps.json` in the data
// directory, written atomically. A file that cannot be read is never overwritten.
//
//   {"version": 1, "apps": [{"appId", "name", "slug", "clientId", "teams": [...],
//                             "createdAt", "updatedAt"}]}   (times ISO-8601 UTC)
class AppRegistry final
{
public:
    explicit AppRegistry(const QString &dataDir);

    QString filePath() const { return m_path; }
    QString errorString() const { return m_error; }

    // A missing file is an empty list. False on an unreadable or malformed file.
    bool load();
    // False when the last load() failed (so a damaged file is kept for the user) or on a
    // write error.
    bool save();

    const QList<RegisteredApp> &apps() const { return m_apps; }
    std::optional<RegisteredApp> find(const QString &appId) const;

    // A new app (created now) or an update of a known one; an empty field keeps the old value.
    void recordCreated(const RegisteredApp &app);
    // Adds the teams; creates the entry when the app was made elsewhere.
    void recordInstalled(const QString &appId, const QStringList &teams,
                         const QString &appName = {});
    void recordUninstalled(const QString &appId, const QStringList &teams);
    bool remove(const QString &appId);

private:
    RegisteredApp *entry(const QString &appId);

    QString m_path;
    QString m_error;
    bool m_loadFailed = false;
    QList<RegisteredApp> m_apps;
};

} // namespace Hookscope
