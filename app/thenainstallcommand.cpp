// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <utility>

#include "core/common/datadir.h"
#include "core/events/endpointrole.h"
#include "core/thena/eventcatalogue.h"
#include "core/thena/teamids.h"

#include "app/thenacommand_p.h"

namespace Hookscope::ThenaCli {

int ThenaCommand::teams()
{
    int code = ExitOk;
    const std::optional<ThenaResult> answer = sendOrPrint(m_client.listTeamsRequest(), &code);
    if (!answer)
        return code;
    const ThenaResult &r = *answer;

    if (m_parser.isSet(m_json)) {
        QJsonArray list;
        for (const ThenaTeam &t : r.teams) {
            list.append(QJsonObject{
                    { u"id"_s, t.id },
                    { u"teamId"_s, t.teamId },
                    { u"name"_s, t.name },
                    { u"identifier"_s, t.identifier },
                    { u"isActive"_s, t.isActive },
                    { u"isPrivate"_s, t.isPrivate },
                    { u"parentTeamId"_s,
                      t.parentTeamId.isEmpty() ? QJsonValue() : QJsonValue(t.parentTeamId) } });
        }
        printJson({ { u"ok"_s, true }, { u"status"_s, r.httpStatus }, { u"teams"_s, list } });
        return ExitOk;
    }
    if (r.teams.isEmpty()) {
        err() << "No teams." << Qt::endl;
        return ExitOk;
    }
    qsizetype idWidth = 7, identifierWidth = 10;
    for (const ThenaTeam &t : r.teams) {
        idWidth = qMax(idWidth, t.teamId.size());
        identifierWidth = qMax(identifierWidth, t.identifier.size());
    }
    out() << u"TEAM ID"_s.leftJustified(idWidth) << "  "
          << u"IDENTIFIER"_s.leftJustified(identifierWidth) << "  NAME\n";
    for (const ThenaTeam &t : r.teams) {
        QString name = t.name;
        if (!t.isActive)
            name += u" (inactive)"_s;
        if (t.isPrivate)
            name += u" (private)"_s;
        if (!t.parentTeamId.isEmpty())
            name += u" (sub-team of %1)"_s.arg(t.parentTeamId);
        out() << t.teamId.leftJustified(idWidth) << "  "
              << t.identifier.leftJustified(identifierWidth) << "  " << name << '\n';
    }
    out().flush();
    return ExitOk;
}

// The --manifest file (or standard input), parsed; a whole create-app body gives its manifest.
// Not validated: create-app does that after applying --endpoint, install only reads settings.
std::optional<QJsonObject> ThenaCommand::installConfiguration(int *exitCode)
{
    QList<std::pair<QString, QString>> given; // in command-line order
    for (const QString &entry : m_parser.values(m_setting)) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString key = equals < 0 ? QString() : entry.left(equals).trimmed();
        if (key.isEmpty()) {
            *exitCode = usage(u"--setting '%1' is not KEY=VALUE"_s.arg(entry));
            return std::nullopt;
        }
        for (const auto &[k, v] : std::as_const(given)) {
            if (k == key) {
                *exitCode = usage(u"--setting %1 is given twice"_s.arg(key));
                return std::nullopt;
            }
        }
        given.append({ key, entry.mid(equals + 1) });
    }

    if (!m_parser.isSet(m_manifest)) {
        // Nothing says which settings are optional: all of them go in as required, in the shape
        // Manifest::appConfiguration() makes.
        QJsonArray required;
        for (const auto &[key, value] : std::as_const(given))
            required.append(QJsonObject{ { u"key"_s, key }, { u"value"_s, value } });
        QJsonObject configuration = ThenaClient::defaultAppConfiguration();
        configuration.insert(u"required_settings"_s, required);
        return configuration;
    }

    QString source;
    const std::optional<Manifest> manifest = loadManifest(&source, exitCode);
    if (!manifest)
        return std::nullopt;
    const QList<ManifestSetting> declared = manifest->settings();
    QStringList declaredKeys;
    for (const ManifestSetting &s : declared)
        declaredKeys.append(s.key);
    QHash<QString, QString> values;
    QStringList unknown;
    for (const auto &[key, value] : std::as_const(given)) {
        if (declaredKeys.contains(key))
            values.insert(key, value);
        else
            unknown.append(key);
    }
    if (!unknown.isEmpty()) {
        *exitCode = usage(u"%1 declares no setting %2 (its settings: %3)"_s.arg(
                source, unknown.join(u", "_s),
                declaredKeys.isEmpty() ? u"none"_s : declaredKeys.join(u", "_s)));
        return std::nullopt;
    }
    QStringList missing;
    for (const ManifestSetting &s : declared) {
        if (!s.required || !values.value(s.key).isEmpty())
            continue;
        if (!s.defaultValue.isEmpty()) {
            values.insert(s.key, s.defaultValue);
            continue;
        }
        missing.append(s.label.isEmpty() || s.label == s.key ? s.key
                                                             : u"%1 (%2)"_s.arg(s.key, s.label));
    }
    if (!missing.isEmpty()) {
        *exitCode = usage(u"%1 requires %2 %3: give %4 with --setting KEY=VALUE"_s.arg(
                source, missing.size() == 1 ? u"the setting"_s : u"the settings"_s,
                missing.join(u", "_s), missing.size() == 1 ? u"its value"_s : u"their values"_s));
        return std::nullopt;
    }
    return manifest->appConfiguration(values);
}

int ThenaCommand::installLike(ThenaCall call)
{
    const QString appId = m_parser.value(m_app).trimmed();
    if (appId.isEmpty())
        return usage(u"%1 needs --app ID"_s.arg(m_command));
    if (appId.contains(QChar::Space) || appId.contains(u'/'))
        return usage(u"--app '%1' is not an app ID"_s.arg(appId));
    if (!m_parser.isSet(m_team))
        return usage(u"%1 needs --team (a team ID or dashboard URL)"_s.arg(m_command));
    const TeamIdList teams = TeamIds::parse(m_parser.values(m_team));
    if (!teams.errors.isEmpty()) {
        for (const TeamIdError &e : teams.errors)
            err() << "hookscope: --team '" << e.entry << "': " << e.message << '\n';
        return usage(u"fix the --team values above (team IDs look like T123NHFDRF)"_s);
    }
    if (teams.ids.isEmpty())
        return usage(u"%1 needs --team (a team ID or dashboard URL)"_s.arg(m_command));

    int code = ExitOk;
    ThenaRequest request;
    if (call == ThenaCall::Uninstall) {
        request = m_client.uninstallRequest(appId, teams.ids);
    } else {
        const std::optional<QJsonObject> configuration = installConfiguration(&code);
        if (!configuration)
            return code;
        request = call == ThenaCall::Install
                ? m_client.installRequest(appId, teams.ids, *configuration)
                : m_client.reinstallRequest(appId, teams.ids, *configuration);
    }
    const std::optional<ThenaResult> answer = sendOrPrint(request, &code);
    if (!answer)
        return code;
    const ThenaResult &r = *answer;

    // Only what the server confirmed is recorded: the Apps dialog must not claim more.
    const ThenaInstallResult &i = r.install;
    const bool removing = call == ThenaCall::Uninstall;
    const QStringList confirmed = removing ? teams.ids : i.confirmedTeams(call, teams.ids);
    QStringList unconfirmed;
    for (const QString &team : teams.ids) {
        if (!confirmed.contains(team))
            unconfirmed.append(team);
    }
    AppRegistry registry(m_dataDirPath);
    if (registry.load()) {
        if (removing)
            registry.recordUninstalled(appId, teams.ids);
        else
            registry.recordInstalled(appId, confirmed, i.appName);
    }
    saveRegistry(registry);
    if (!unconfirmed.isEmpty()) {
        warn(u"Thena's answer does not confirm the app on %1; not recorded as installed there "
             u"(check the "
             u"app's installations in Thena's dashboard)"_s.arg(unconfirmed.join(u", "_s)));
    }

    if (m_parser.isSet(m_json)) {
        QJsonObject o{ { u"ok"_s, true },
                       { u"call"_s, thenaCallName(call) },
                       { u"status"_s, r.httpStatus },
                       { u"appId"_s, appId },
                       { u"teams"_s, QJsonArray::fromStringList(teams.ids) } };
        if (!removing) {
            o.insert(u"confirmedTeams"_s, QJsonArray::fromStringList(confirmed));
            o.insert(u"unconfirmedTeams"_s, QJsonArray::fromStringList(unconfirmed));
        }
        if (call == ThenaCall::Install || !i.appName.isEmpty() || !i.botSub.isEmpty()) {
            o.insert(u"appName"_s, i.appName);
            o.insert(u"botSub"_s, i.botSub);
            o.insert(u"botTokenKey"_s, i.botTokenKey);
            o.insert(u"installedByEmail"_s, i.installedByEmail);
            o.insert(u"appInstalledForTeams"_s, QJsonArray::fromStringList(i.appInstalledForTeams));
            o.insert(u"appIdentifier"_s, i.appIdentifier);
            o.insert(u"installedByOrgId"_s, i.installedByOrgId);
        }
        if (call != ThenaCall::Install) // undocumented answers: pass them on as they came
            o.insert(u"response"_s, bodyAsJson(r.body));
        printJson(o);
        return ExitOk;
    }
    if (removing) {
        out() << "Uninstalled app " << appId << " from " << teams.ids.join(u", "_s) << '\n';
    } else {
        const char *verb = call == ThenaCall::Install ? "Installed" : "Reinstalled";
        if (confirmed.isEmpty())
            out() << verb << " app " << appId << ": Thena's answer confirms no team\n";
        else
            out() << verb << " app " << appId << " on " << confirmed.join(u", "_s) << '\n';
    }
    if (!i.appName.isEmpty())
        out() << "App name: " << i.appName << '\n';
    if (!i.botSub.isEmpty())
        out() << "Bot: " << i.botSub << '\n';
    if (!i.installedByEmail.isEmpty())
        out() << "Installed by: " << i.installedByEmail << '\n';
    if (call != ThenaCall::Install && !r.body.trimmed().isEmpty())
        out() << "Thena answered (" << r.httpStatus
              << "): " << QString::fromUtf8(r.body.left(4096)).trimmed() << '\n';
    out().flush();
    return ExitOk;
}

} // namespace Hookscope::ThenaCli
