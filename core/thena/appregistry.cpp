// SPDX-License-Identifier: MIT
#include "appregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int FormatVersion = 1;

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject toJson(const RegisteredApp &a)
{
    QJsonObject o{ { u"appId"_s, a.appId },
                   { u"name"_s, a.name },
                   { u"slug"_s, a.slug },
                   { u"teams"_s, QJsonArray::fromStringList(a.teams) } };
    if (!a.clientId.isEmpty())
        o.insert(u"clientId"_s, a.clientId);
    if (a.createdAt.isValid())
        o.insert(u"createdAt"_s, timeText(a.createdAt));
    if (a.updatedAt.isValid())
        o.insert(u"updatedAt"_s, timeText(a.updatedAt));
    return o;
}

RegisteredApp fromJson(const QJsonObject &o)
{
    RegisteredApp a;
    a.appId = o.value(u"appId"_s).toString();
    a.name = o.value(u"name"_s).toString();
    a.slug = o.value(u"slug"_s).toString();
    a.clientId = o.value(u"clientId"_s).toString();
    const QJsonArray teams = o.value(u"teams"_s).toArray();
    for (const QJsonValue &t : teams)
        a.teams.append(t.toString());
    a.createdAt = QDateTime::fromString(o.value(u"createdAt"_s).toString(), Qt::ISODateWithMs);
    a.updatedAt = QDateTime::fromString(o.value(u"updatedAt"_s).toString(), Qt::ISODateWithMs);
    return a;
}

} // namespace

AppRegistry::AppRegistry(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(u"apps.json"_s)) { }

bool AppRegistry::load()
{
    m_apps.clear();
    m_error.clear();
    m_loadFailed = false;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = u"Cannot read %1: %2"_s.arg(m_path, file.errorString());
        m_loadFailed = true;
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        m_error = u"%1 is damaged (%2); it is left untouched"_s.arg(
                m_path,
                parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                             : u"not a JSON object"_s);
        m_loadFailed = true;
        return false;
    }
    if (doc.object().value(u"version"_s).toInt() > FormatVersion) {
        m_error = u"%1 was written by a newer Hookscope; it is left untouched"_s.arg(m_path);
        m_loadFailed = true;
        return false;
    }
    const QJsonArray apps = doc.object().value(u"apps"_s).toArray();
    for (const QJsonValue &v : apps) {
        const RegisteredApp app = fromJson(v.toObject());
        if (!app.appId.isEmpty())
            m_apps.append(app);
    }
    return true;
}

bool AppRegistry::save()
{
    if (m_loadFailed)
        return false; // m_error still says why
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_error = u"Cannot create the folder of %1"_s.arg(m_path);
        return false;
    }
    QJsonArray apps;
    for (const RegisteredApp &a : std::as_const(m_apps))
        apps.append(toJson(a));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = u"Cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(QJsonObject{ { u"version"_s, FormatVersion }, { u"apps"_s, apps } })
                       .toJson());
    if (!file.commit()) {
        m_error = u"Cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    m_error.clear();
    return true;
}

std::optional<RegisteredApp> AppRegistry::find(const QString &appId) const
{
    for (const RegisteredApp &a : m_apps) {
        if (a.appId == appId)
            return a;
    }
    return std::nullopt;
}

RegisteredApp *AppRegistry::entry(const QString &appId)
{
    for (RegisteredApp &a : m_apps) {
        if (a.appId == appId)
            return &a;
    }
    return nullptr;
}

void AppRegistry::recordCreated(const RegisteredApp &app)
{
    if (app.appId.isEmpty())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    RegisteredApp *known = entry(app.appId);
    if (!known) {
        RegisteredApp fresh = app;
        if (!fresh.createdAt.isValid())
            fresh.createdAt = now;
        fresh.updatedAt = now;
        m_apps.append(fresh);
        return;
    }
    for (auto [field, value] :
         { std::pair{ &known->name, app.name }, std::pair{ &known->slug, app.slug },
           std::pair{ &known->clientId, app.clientId } }) {
        if (!value.isEmpty())
            *field = value;
    }
    for (const QString &team : app.teams) {
        if (!known->teams.contains(team))
            known->teams.append(team);
    }
    if (!known->createdAt.isValid())
        known->createdAt = app.createdAt.isValid() ? app.createdAt : now;
    known->updatedAt = now;
}

void AppRegistry::recordInstalled(const QString &appId, const QStringList &teams,
                                  const QString &appName)
{
    if (appId.isEmpty())
        return;
    RegisteredApp *known = entry(appId);
    if (!known) {
        m_apps.append({ appId, appName, {}, {}, {}, {}, {} });
        known = &m_apps.last();
    } else if (!appName.isEmpty()) {
        known->name = appName;
    }
    for (const QString &team : teams) {
        if (!known->teams.contains(team))
            known->teams.append(team);
    }
    known->updatedAt = QDateTime::currentDateTimeUtc();
}

void AppRegistry::recordUninstalled(const QString &appId, const QStringList &teams)
{
    RegisteredApp *known = entry(appId);
    if (!known)
        return;
    for (const QString &team : teams)
        known->teams.removeAll(team);
    known->updatedAt = QDateTime::currentDateTimeUtc();
}

bool AppRegistry::remove(const QString &appId)
{
    return m_apps.removeIf([&appId](const RegisteredApp &a) { return a.appId == appId; }) > 0;
}

} // namespace Hookscope
