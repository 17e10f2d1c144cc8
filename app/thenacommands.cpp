// SPDX-License-Identifier: MIT
#include "thenacommands.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <optional>

#include "common/datadir.h"
#include "thena/appregistry.h"
#include "thena/manifest.h"
#include "thena/secretstore.h"
#include "thena/teamids.h"
#include "thena/thenaclient.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitApiError = 1;
constexpr int ExitUsage = 2;

const QString Description = u"Set up Thena webhooks from the command line.\n\n"
                            u"Commands:\n"
                            u"  teams                        list the teams the API key can see\n"
                            u"  create-app --manifest FILE   create a private webhook app from a manifest\n"
                            u"  install --app ID --team T    install the app on teams (--reinstall to reinstall)\n"
                            u"  uninstall --app ID --team T  uninstall the app from teams\n\n"
                            u"The API key comes from $HOOKSCOPE_API_KEY, else from the keychain (saved by the\n"
                            u"setup wizard). --team may be repeated or comma-separated; dashboard URLs\n"
                            u"(https://dashboard.thena.ai/dashboard/T123NHFDRF) are accepted.\n"
                            u"Exit codes: 0 ok, 1 API or network error, 2 usage error."_s;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonValue bodyAsJson(const QByteArray &body)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
    if (e.error == QJsonParseError::NoError)
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    return QString::fromUtf8(body);
}

class ThenaCommand final
{
public:
    int run(const QStringList &arguments);

private:
    int usage(const QString &message);
    bool parseCommon();
    int teams();
    int createApp();
    int installLike(ThenaCall call);
    std::optional<Manifest> readManifest(int *exitCode);
    bool resolveKey(int *exitCode);
    ThenaResult send(const ThenaRequest &request);
    int failed(const ThenaResult &result);
    void printJson(const QJsonObject &o) { out() << compactJson(o) << Qt::endl; }
    void saveRegistry(AppRegistry &registry);

    QCommandLineParser m_parser;
    QCommandLineOption m_help { { u"h"_s, u"help"_s }, u"Show this help."_s };
    QCommandLineOption m_json { u"json"_s, u"Print the result as one JSON object."_s };
    QCommandLineOption m_printCurl { u"print-curl"_s,
        u"Print the equivalent curl command (the key as $THENA_API_KEY) and send nothing."_s };
    QCommandLineOption m_dataDir { u"data-dir"_s, u"Where the list of created apps (apps.json) is kept."_s, u"dir"_s };
    QCommandLineOption m_manifest { u"manifest"_s, u"create-app: the manifest JSON file (- for standard input)."_s,
        u"file"_s };
    QCommandLineOption m_app { u"app"_s, u"install, uninstall: the app ID."_s, u"id"_s };
    QCommandLineOption m_team { u"team"_s,
        u"install, uninstall: a team ID or dashboard URL (repeatable, or comma-separated)."_s, u"team"_s };
    QCommandLineOption m_reinstall { u"reinstall"_s, u"install: reinstall an app already installed on the teams."_s };
    QCommandLineOption m_timeout { u"timeout"_s, u"Seconds to wait for Thena (default 30)."_s, u"seconds"_s };

    QString m_command;
    QString m_dataDirPath;
    ThenaClient m_client;
    SecretStore m_secrets;
};

int ThenaCommand::usage(const QString &message)
{
    err() << "hookscope: " << message << "\nRun 'hookscope thena --help' for usage." << Qt::endl;
    return ExitUsage;
}

int ThenaCommand::run(const QStringList &arguments)
{
    m_parser.setApplicationDescription(Description);
    m_parser.addPositionalArgument(u"command"_s, u"teams | create-app | install | uninstall"_s, u"<command>"_s);
    m_parser.addOptions({ m_help, m_json, m_printCurl, m_dataDir, m_manifest, m_app, m_team, m_reinstall, m_timeout });
    if (!m_parser.parse(QStringList { u"hookscope thena"_s } + arguments))
        return usage(m_parser.errorText());
    if (m_parser.isSet(m_help)) {
        QString help = m_parser.helpText();
        help.replace(0, help.indexOf(u'\n'), u"Usage: hookscope thena <command> [options]"_s);
        out() << help;
        out().flush();
        return ExitOk;
    }
    const QStringList positional = m_parser.positionalArguments();
    if (positional.isEmpty())
        return usage(u"Missing command: teams, create-app, install or uninstall"_s);
    if (positional.size() > 1)
        return usage(u"Too many arguments: %1"_s.arg(positional.mid(1).join(u' ')));
    m_command = positional.first();
    if (!parseCommon())
        return ExitUsage;

    if (m_command == "teams"_L1)
        return teams();
    if (m_command == "create-app"_L1)
        return createApp();
    if (m_command == "install"_L1)
        return installLike(m_parser.isSet(m_reinstall) ? ThenaCall::Reinstall : ThenaCall::Install);
    if (m_command == "uninstall"_L1)
        return installLike(ThenaCall::Uninstall);
    return usage(u"Unknown thena command '%1' (expected teams, create-app, install or uninstall)"_s.arg(m_command));
}

bool ThenaCommand::parseCommon()
{
    // Options that belong to another command are mistakes worth pointing out.
    const bool teamsCmd = m_command == "teams"_L1, createCmd = m_command == "create-app"_L1,
               installCmd = m_command == "install"_L1, uninstallCmd = m_command == "uninstall"_L1;
    if (!teamsCmd && !createCmd && !installCmd && !uninstallCmd)
        return true; // reported by run()
    auto misplaced = [this](const QCommandLineOption &option, bool allowed) {
        if (m_parser.isSet(option) && !allowed) {
            usage(u"--%1 does not apply to '%2'"_s.arg(option.names().constLast(), m_command));
            return true;
        }
        return false;
    };
    if (misplaced(m_manifest, createCmd) || misplaced(m_app, installCmd || uninstallCmd)
        || misplaced(m_team, installCmd || uninstallCmd) || misplaced(m_reinstall, installCmd))
        return false;

    if (m_parser.isSet(m_timeout)) {
        bool ok = false;
        const double seconds = m_parser.value(m_timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600) {
            usage(u"--timeout must be a number of seconds from 0 to 3600, not '%1'"_s.arg(m_parser.value(m_timeout)));
            return false;
        }
        m_client.setTimeout(std::chrono::milliseconds(qint64(seconds * 1000)));
    }
    m_dataDirPath = DataDir::resolve(m_parser.value(m_dataDir));
    return true;
}

bool ThenaCommand::resolveKey(int *exitCode)
{
    const QString fromEnv = qEnvironmentVariable("HOOKSCOPE_API_KEY").trimmed();
    if (!fromEnv.isEmpty()) {
        m_client.setApiKey(fromEnv);
        return true;
    }
    QEventLoop loop;
    SecretResult stored;
    m_secrets.read(SecretStore::apiKeyName(), &loop, [&](const SecretResult &r) {
        stored = r;
        loop.quit();
    });
    loop.exec();
    if (stored.found && !stored.value.trimmed().isEmpty()) {
        m_client.setApiKey(stored.value);
        return true;
    }
    QString message
        = u"No API key: set HOOKSCOPE_API_KEY, or save a key in the setup wizard (Tools → Set up Thena webhooks…)"_s;
    if (!stored.message.isEmpty())
        message += u"\n  keychain: "_s + stored.message;
    *exitCode = usage(message);
    return false;
}

ThenaResult ThenaCommand::send(const ThenaRequest &request)
{
    ThenaReply *reply = m_client.send(request);
    QEventLoop loop;
    QObject::connect(reply, &ThenaReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const ThenaResult result = reply->result();
    delete reply;
    return result;
}

int ThenaCommand::failed(const ThenaResult &r)
{
    err() << "hookscope: " << r.message << Qt::endl;
    // When the server's words are not already in the message, show what it did say.
    if (r.serverMessage.isEmpty() && !r.body.trimmed().isEmpty())
        err() << "hookscope: server answer: " << QString::fromUtf8(r.body.left(4096)).trimmed() << Qt::endl;
    if (m_parser.isSet(m_json)) {
        printJson({ { u"ok"_s, false }, { u"call"_s, thenaCallName(r.call) }, { u"error"_s, thenaErrorName(r.error) },
            { u"status"_s, r.httpStatus }, { u"message"_s, r.message }, { u"serverMessage"_s, r.serverMessage },
            { u"body"_s, QString::fromUtf8(r.body) } });
    }
    return ExitApiError;
}

void ThenaCommand::saveRegistry(AppRegistry &registry)
{
    if (!registry.save())
        err() << "hookscope: warning: the local list of apps was not updated: " << registry.errorString() << Qt::endl;
}

int ThenaCommand::teams()
{
    const ThenaRequest request = m_client.listTeamsRequest();
    if (m_parser.isSet(m_printCurl)) {
        out() << request.toCurl(ThenaRequest::KeyStyle::EnvironmentVariable) << Qt::endl;
        return ExitOk;
    }
    int code = ExitOk;
    if (!resolveKey(&code))
        return code;
    const ThenaResult r = send(request);
    if (!r.ok)
        return failed(r);

    if (m_parser.isSet(m_json)) {
        QJsonArray list;
        for (const ThenaTeam &t : r.teams) {
            list.append(QJsonObject { { u"id"_s, t.id }, { u"teamId"_s, t.teamId }, { u"name"_s, t.name },
                { u"identifier"_s, t.identifier }, { u"isActive"_s, t.isActive }, { u"isPrivate"_s, t.isPrivate },
                { u"parentTeamId"_s, t.parentTeamId.isEmpty() ? QJsonValue() : QJsonValue(t.parentTeamId) } });
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
    out() << u"TEAM ID"_s.leftJustified(idWidth) << "  " << u"IDENTIFIER"_s.leftJustified(identifierWidth)
          << "  NAME\n";
    for (const ThenaTeam &t : r.teams) {
        QString name = t.name;
        if (!t.isActive)
            name += u" (inactive)"_s;
        if (t.isPrivate)
            name += u" (private)"_s;
        if (!t.parentTeamId.isEmpty())
            name += u" (sub-team of %1)"_s.arg(t.parentTeamId);
        out() << t.teamId.leftJustified(idWidth) << "  " << t.identifier.leftJustified(identifierWidth) << "  " << name
              << '\n';
    }
    out().flush();
    return ExitOk;
}

std::optional<Manifest> ThenaCommand::readManifest(int *exitCode)
{
    const QString path = m_parser.value(m_manifest);
    QFile file;
    if (path == "-"_L1) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            *exitCode = usage(u"cannot read the manifest from standard input"_s);
            return std::nullopt;
        }
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *exitCode = usage(u"cannot read %1: %2"_s.arg(path, file.errorString()));
            return std::nullopt;
        }
    }
    const QByteArray text = file.readAll();
    const QString name = path == "-"_L1 ? u"<stdin>"_s : path;
    JsonTextError parseError;
    std::optional<Manifest> manifest = Manifest::fromJson(text, &parseError);
    if (!manifest) {
        *exitCode
            = usage(u"%1:%2:%3: %4"_s.arg(name).arg(parseError.line).arg(parseError.column).arg(parseError.message));
        return std::nullopt;
    }
    // A whole create-app body (as in Thena's docs) is accepted too: its manifest is used.
    const QJsonObject json = manifest->json();
    if (!json.contains(u"app"_s) && json.value(u"manifest"_s).isObject()) {
        const QString visibility = json.value(u"app_visibility"_s).toString(u"private"_s);
        if (visibility != "private"_L1) {
            *exitCode
                = usage(u"%1: app_visibility is '%2': Hookscope only creates private apps"_s.arg(name, visibility));
            return std::nullopt;
        }
        manifest = Manifest(json.value(u"manifest"_s).toObject());
    }

    const QList<ManifestIssue> issues = manifest->validate();
    for (const ManifestIssue &issue : issues) {
        err() << "hookscope: " << (issue.isError() ? "" : "warning: ") << name << ": " << issue.field << ": "
              << issue.message << '\n';
    }
    err().flush();
    if (Manifest::hasErrors(issues)) {
        *exitCode = ExitUsage;
        return std::nullopt;
    }
    return manifest;
}

int ThenaCommand::createApp()
{
    if (!m_parser.isSet(m_manifest))
        return usage(u"create-app needs --manifest FILE"_s);
    int code = ExitOk;
    const std::optional<Manifest> manifest = readManifest(&code);
    if (!manifest)
        return code;
    const ThenaRequest request = m_client.createAppRequest(manifest->json());
    if (m_parser.isSet(m_printCurl)) {
        out() << request.toCurl(ThenaRequest::KeyStyle::EnvironmentVariable) << Qt::endl;
        return ExitOk;
    }
    if (!resolveKey(&code))
        return code;
    const ThenaResult r = send(request);
    if (!r.ok)
        return failed(r);

    const ThenaCreatedApp &app = r.app;
    const QString name = app.name.isEmpty() ? manifest->appName() : app.name;
    const QString slug = app.slug.isEmpty() ? manifest->slug() : app.slug;

    // The client secret goes to the keychain; printed only when it cannot be kept there.
    bool secretStored = false;
    QString secretNote;
    if (!app.clientSecret.isEmpty()) {
        QEventLoop loop;
        m_secrets.write(SecretStore::clientSecretName(app.appId), app.clientSecret, &loop, [&](const SecretResult &s) {
            secretStored = s.ok && s.inKeychain;
            secretNote = s.message;
            loop.quit();
        });
        loop.exec();
    }

    AppRegistry registry(m_dataDirPath);
    if (registry.load())
        registry.recordCreated({ app.appId, name, slug, app.clientId, {}, QDateTime::currentDateTimeUtc(), {} });
    saveRegistry(registry);

    if (m_parser.isSet(m_json)) {
        QJsonObject o { { u"ok"_s, true }, { u"status"_s, r.httpStatus }, { u"appId"_s, app.appId },
            { u"name"_s, name }, { u"slug"_s, slug } };
        if (!app.clientId.isEmpty())
            o.insert(u"clientId"_s, app.clientId);
        if (!app.clientSecret.isEmpty()) {
            o.insert(u"clientSecretStored"_s, secretStored);
            if (!secretStored)
                o.insert(u"clientSecret"_s, app.clientSecret);
        }
        printJson(o);
    } else {
        out() << "App ID: " << app.appId << '\n' << "Name: " << name << '\n' << "Slug: " << slug << '\n';
        if (!app.clientId.isEmpty())
            out() << "Client ID: " << app.clientId << '\n';
        if (!app.clientSecret.isEmpty() && !secretStored)
            out() << "Client secret: " << app.clientSecret << '\n';
        out().flush();
    }
    if (!app.clientSecret.isEmpty()) {
        if (secretStored)
            err() << "The client secret is stored in the keychain." << Qt::endl;
        else
            err() << "hookscope: warning: the client secret is not stored (" << secretNote
                  << "); keep it somewhere safe." << Qt::endl;
    }
    err() << "Next: hookscope thena install --app " << app.appId << " --team <team ID>" << Qt::endl;
    return ExitOk;
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

    const ThenaRequest request = call == ThenaCall::Install ? m_client.installRequest(appId, teams.ids)
        : call == ThenaCall::Reinstall                      ? m_client.reinstallRequest(appId, teams.ids)
                                                            : m_client.uninstallRequest(appId, teams.ids);
    if (m_parser.isSet(m_printCurl)) {
        out() << request.toCurl(ThenaRequest::KeyStyle::EnvironmentVariable) << Qt::endl;
        return ExitOk;
    }
    int code = ExitOk;
    if (!resolveKey(&code))
        return code;
    const ThenaResult r = send(request);
    if (!r.ok)
        return failed(r);

    const ThenaInstallResult &i = r.install;
    const QStringList installedOn = i.appInstalledForTeams.isEmpty() ? teams.ids : i.appInstalledForTeams;
    AppRegistry registry(m_dataDirPath);
    if (registry.load()) {
        if (call == ThenaCall::Uninstall)
            registry.recordUninstalled(appId, teams.ids);
        else
            registry.recordInstalled(appId, installedOn, i.appName);
    }
    saveRegistry(registry);

    if (m_parser.isSet(m_json)) {
        QJsonObject o { { u"ok"_s, true }, { u"call"_s, thenaCallName(call) }, { u"status"_s, r.httpStatus },
            { u"appId"_s, appId }, { u"teams"_s, QJsonArray::fromStringList(teams.ids) } };
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
    const QString verb = call == ThenaCall::Install ? u"Installed"_s
        : call == ThenaCall::Reinstall              ? u"Reinstalled"_s
                                                    : u"Uninstalled"_s;
    out() << verb << " app " << appId << (call == ThenaCall::Uninstall ? " from " : " on ")
          << (call == ThenaCall::Uninstall ? teams.ids : installedOn).join(u", "_s) << '\n';
    if (!i.appName.isEmpty())
        out() << "App name: " << i.appName << '\n';
    if (!i.botSub.isEmpty())
        out() << "Bot: " << i.botSub << '\n';
    if (!i.installedByEmail.isEmpty())
        out() << "Installed by: " << i.installedByEmail << '\n';
    if (call != ThenaCall::Install && !r.body.trimmed().isEmpty())
        out() << "Thena answered (" << r.httpStatus << "): " << QString::fromUtf8(r.body.left(4096)).trimmed() << '\n';
    out().flush();
    return ExitOk;
}

} // namespace

int runThena(const QStringList &arguments)
{
    ThenaCommand command;
    return command.run(arguments);
}

} // namespace Hookscope
