// SPDX-License-Identifier: MIT
#include "thenaresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

// Thena's IDs are strings in every sample; numbers are accepted rather than dropped.
QString stringOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

QString withMessage(const QString &head, int status, const QString &serverMessage)
{
    const QString prefix = u"%1 (%2)"_s.arg(head).arg(status);
    return serverMessage.isEmpty() ? prefix : prefix + u": "_s + serverMessage;
}

// Some APIs wrap the payload in `data`; the documented shapes are flat. Accept both.
QJsonObject unwrapped(const QJsonObject &object)
{
    const QJsonValue data = object.value(u"data"_s);
    return data.isObject() ? data.toObject() : object;
}

bool parseTeams(const QJsonDocument &doc, ThenaResult &r)
{
    QJsonArray list;
    if (doc.isArray())
        list = doc.array();
    else if (doc.object().value(u"data"_s).isArray())
        list = doc.object().value(u"data"_s).toArray();
    else if (doc.object().value(u"teams"_s).isArray())
        list = doc.object().value(u"teams"_s).toArray();
    else
        return false;
    for (const QJsonValue &v : std::as_const(list)) {
        const QJsonObject o = v.toObject();
        ThenaTeam t;
        t.id = stringOf(o.value(u"id"_s));
        t.teamId = stringOf(o.value(u"teamId"_s));
        if (t.teamId.isEmpty())
            t.teamId = t.id;
        if (t.id.isEmpty())
            t.id = t.teamId;
        if (t.teamId.isEmpty())
            continue; // nothing to install on
        t.name = o.value(u"name"_s).toString();
        t.identifier = o.value(u"identifier"_s).toString();
        t.parentTeamId = stringOf(o.value(u"parentTeamId"_s));
        t.isActive = o.value(u"isActive"_s).toBool(true);
        t.isPrivate = o.value(u"isPrivate"_s).toBool(false);
        r.teams.append(t);
    }
    return true;
}

bool parseCreatedApp(const QJsonObject &top, ThenaResult &r)
{
    for (const QJsonObject &o : { top, unwrapped(top) }) {
        ThenaCreatedApp &a = r.app;
        if (a.appId.isEmpty())
            a.appId = stringOf(o.value(u"appId"_s));
        if (a.appId.isEmpty())
            a.appId = stringOf(o.value(u"uid"_s));
        if (a.name.isEmpty())
            a.name = o.value(u"name"_s).toString();
        if (a.slug.isEmpty())
            a.slug = o.value(u"slug"_s).toString();
        if (a.clientId.isEmpty())
            a.clientId = stringOf(o.value(u"clientId"_s));
        if (a.clientSecret.isEmpty())
            a.clientSecret = o.value(u"clientSecret"_s).toString();
    }
    return !r.app.appId.isEmpty();
}

void parseInstall(const QJsonObject &top, ThenaResult &r)
{
    const QJsonObject o = unwrapped(top);
    ThenaInstallResult &i = r.install;
    i.appName = o.value(u"appName"_s).toString();
    i.botSub = stringOf(o.value(u"botSub"_s));
    i.botTokenKey = o.value(u"botTokenKey"_s).toString();
    i.installedByEmail = o.value(u"installedByEmail"_s).toString();
    i.appIdentifier = stringOf(o.value(u"appIdentifier"_s));
    i.installedByOrgId = stringOf(o.value(u"installedByOrgId"_s));
    const QJsonArray teams = o.value(u"appInstalledForTeams"_s).toArray();
    for (const QJsonValue &t : teams) {
        // A team may come back as an ID or as an object with one.
        QString id = stringOf(t);
        if (id.isEmpty())
            id = stringOf(t.toObject().value(u"teamId"_s));
        if (id.isEmpty())
            id = stringOf(t.toObject().value(u"id"_s));
        if (!id.isEmpty())
            i.appInstalledForTeams.append(id);
    }
}

ThenaResult badResponse(ThenaResult r, const QString &what)
{
    r.ok = false;
    r.error = ThenaError::BadResponse;
    r.message = u"Unexpected answer from Thena (%1): %2"_s.arg(r.httpStatus).arg(what);
    return r;
}

} // namespace

QString thenaErrorName(ThenaError error)
{
    switch (error) {
    case ThenaError::None:
        return u"None"_s;
    case ThenaError::KeyRejected:
        return u"KeyRejected"_s;
    case ThenaError::Validation:
        return u"Validation"_s;
    case ThenaError::Server:
        return u"Server"_s;
    case ThenaError::Network:
        return u"Network"_s;
    case ThenaError::Tls:
        return u"Tls"_s;
    case ThenaError::Timeout:
        return u"Timeout"_s;
    case ThenaError::Cancelled:
        return u"Cancelled"_s;
    case ThenaError::BadResponse:
        return u"BadResponse"_s;
    }
    return {};
}

QString ThenaResult::serverMessageOf(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    for (const QString &key : { u"message"_s, u"error"_s, u"error_description"_s }) {
        const QJsonValue v = o.value(key);
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed();
        if (v.isArray()) { // NestJS-style validation: one string per failed constraint
            QStringList parts;
            const QJsonArray items = v.toArray();
            for (const QJsonValue &item : items) {
                if (item.isString())
                    parts.append(item.toString());
                else if (item.isObject() && item.toObject().value(u"message"_s).isString())
                    parts.append(item.toObject().value(u"message"_s).toString());
            }
            if (!parts.isEmpty())
                return parts.join(u"; "_s);
        }
        if (v.isObject() && v.toObject().value(u"message"_s).isString())
            return v.toObject().value(u"message"_s).toString();
    }
    return {};
}

ThenaResult ThenaResult::failure(ThenaCall call, ThenaError error, const QString &message,
                                 int httpStatus, const QByteArray &body)
{
    ThenaResult r;
    r.call = call;
    r.error = error;
    r.message = message;
    r.httpStatus = httpStatus;
    r.body = body;
    r.serverMessage = serverMessageOf(body);
    return r;
}

ThenaResult ThenaResult::fromHttp(ThenaCall call, int httpStatus, const QByteArray &body)
{
    ThenaResult r;
    r.call = call;
    r.httpStatus = httpStatus;
    r.body = body;
    r.serverMessage = serverMessageOf(body);

    if (httpStatus == 401 || httpStatus == 403) {
        r.error = ThenaError::KeyRejected;
        r.message = withMessage(u"API key rejected"_s, httpStatus, r.serverMessage);
        return r;
    }
    if (httpStatus >= 400 && httpStatus < 500) {
        r.error = ThenaError::Validation;
        r.message = withMessage(u"Request rejected"_s, httpStatus, r.serverMessage);
        return r;
    }
    if (httpStatus >= 500) {
        r.error = ThenaError::Server;
        r.message = withMessage(u"Thena server error"_s, httpStatus, r.serverMessage);
        return r;
    }
    if (httpStatus < 200 || httpStatus >= 300)
        return badResponse(r, u"HTTP status %1 was not expected"_s.arg(httpStatus));

    // Reinstall and uninstall have no documented success body: any answer is success, and
    // the body is shown as is. Parse it when it looks like an install answer.
    if (call == ThenaCall::Reinstall || call == ThenaCall::Uninstall) {
        r.ok = true;
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (call == ThenaCall::Reinstall && doc.isObject())
            parseInstall(doc.object(), r);
        return r;
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return badResponse(r,
                           body.trimmed().isEmpty()
                                   ? u"the body is empty"_s
                                   : u"the body is not valid JSON (%1 at offset %2)"_s
                                             .arg(parseError.errorString())
                                             .arg(parseError.offset));
    }
    switch (call) {
    case ThenaCall::ListTeams:
        if (!parseTeams(doc, r))
            return badResponse(r, u"no list of teams (`data`) in the body"_s);
        break;
    case ThenaCall::CreateApp:
        if (!doc.isObject() || !parseCreatedApp(doc.object(), r))
            return badResponse(r, u"no app ID (appId, uid, data.appId or data.uid) in the body"_s);
        break;
    case ThenaCall::Install:
        if (!doc.isObject())
            return badResponse(r, u"the body is not a JSON object"_s);
        parseInstall(doc.object(), r);
        break;
    case ThenaCall::Reinstall:
    case ThenaCall::Uninstall:
        break;
    }
    r.ok = true;
    return r;
}

QStringList ThenaInstallResult::confirmedTeams(ThenaCall call, const QStringList &requested) const
{
    if (appInstalledForTeams.isEmpty())
        return call == ThenaCall::Reinstall ? requested : QStringList();
    QStringList confirmed;
    for (const QString &team : requested) {
        if (appInstalledForTeams.contains(team))
            confirmed.append(team);
    }
    return confirmed;
}

} // namespace Hookscope
