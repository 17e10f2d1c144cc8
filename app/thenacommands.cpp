// SPDX-License-Identifier: MIT
#include "thenacommands.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <utility>

#include "core/common/httpurl.h"
#include "core/common/datadir.h"
#include "core/events/endpointrole.h"
#include "core/thena/eventcatalogue.h"
#include "core/thena/teamids.h"

#include "app/thenacommand_p.h"

namespace Hookscope::ThenaCli {

namespace {

const QString Description =
        u"Set up Thena webhooks from the command line: the setup wizard's steps, one command "
        u"each.\n\n"
        u"Commands:\n"
        u"  manifest --endpoint URL      write a webhook app manifest for an endpoint (no API "
        u"call)\n"
        u"  teams                        list the teams the API key can see\n"
        u"  create-app --manifest FILE   create a private webhook app from a manifest\n"
        u"  install --app ID --team T    install an app on teams (--reinstall to reinstall); any "
        u"app\n"
        u"                               ID works, also one of an app created elsewhere\n"
        u"  uninstall --app ID --team T  uninstall an app from teams\n\n"
        u"For example:\n"
        u"  hookscope thena manifest --endpoint https://hooks.example.com/hooks/T0KEN -o app.json\n"
        u"  hookscope thena create-app --manifest app.json\n"
        u"  hookscope thena install --app <app ID> --team T123NHFDRF\n\n"
        u"manifest: every URL inside webhooks and interactivity is derived from --endpoint:\n"
        u"<endpoint>/events, /installations, /interactivity and /menu, or with --endpoint-style "
        u"query\n"
        u"(or --relay-channel) <endpoint>?endpoint=events and so on. events.subscribe lists event\n"
        u"names as Thena's docs do: --events takes names and patterns (ticket:*, custom-object:*), "
        u"and\n"
        u"each pattern is expanded to the documented names it matches. create-app --endpoint sets "
        u"the\n"
        u"same four URLs in any manifest before sending it.\n\n"
        u"install: with --manifest, the manifest's configuration says which settings are "
        u"required;\n"
        u"give their values with --setting KEY=VALUE. Only the teams Thena's answer confirms are\n"
        u"recorded as installed in apps.json.\n\n"
        u"The API key: create one in Thena's dashboard under Organization → Personal → Security "
        u"Access.\n"
        u"It comes from $HOOKSCOPE_API_KEY, else from the keychain (saved by the setup wizard);\n"
        u"--print-curl writes it as $HOOKSCOPE_API_KEY too. --team may be repeated or "
        u"comma-separated;\n"
        u"dashboard URLs (https://dashboard.thena.ai/dashboard/T123NHFDRF) are accepted.\n\n"
        u"Environment:\n"
        u"  HOOKSCOPE_API_KEY             the Thena API key\n"
        u"  HOOKSCOPE_THENA_APPS_URL      apps API base URL (default "
        u"https://apps-studio.thena.ai)\n"
        u"  HOOKSCOPE_THENA_PLATFORM_URL  platform API base URL (default "
        u"https://platform.thena.ai)\n"
        u"                                --apps-url and --platform-url win over these two\n"
        u"  HOOKSCOPE_DATA_DIR            where apps.json is kept (--data-dir wins)\n"
        u"  HOOKSCOPE_NO_KEYCHAIN=1       do not use the system keychain\n"
        u"Exit codes: 0 ok, 1 API, network or file error, 2 usage error or invalid manifest."_s;

} // namespace

void warn(const QString &message)
{
    err() << "hookscope: warning: " << message << Qt::endl;
}

// An http(s) URL with a host, else nullopt.
std::optional<QUrl> httpUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!isHttpUrl(url))
        return std::nullopt;
    return url;
}

// Comma-separated and repeated option values, trimmed, empty entries dropped.
QStringList splitValues(const QStringList &values)
{
    QStringList result;
    for (const QString &value : values) {
        for (const QString &part : value.split(u',')) {
            const QString entry = part.trimmed();
            if (!entry.isEmpty())
                result.append(entry);
        }
    }
    return result;
}

// "hookscope: warning: f.json: app.slug: …" for each issue (the source is left out when empty).
void reportIssues(const QList<ManifestIssue> &issues, const QString &source)
{
    for (const ManifestIssue &issue : issues) {
        err() << "hookscope: " << (issue.isError() ? "error: " : "warning: ")
              << (source.isEmpty() ? QString() : source + u": "_s) << issue.field << ": "
              << issue.message << '\n';
    }
    err().flush();
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

int ThenaCommand::usage(const QString &message)
{
    err() << "hookscope: " << message << "\nRun 'hookscope thena --help' for usage." << Qt::endl;
    return ExitUsage;
}

int ThenaCommand::run(const QStringList &arguments)
{
    m_parser.setApplicationDescription(Description);
    m_parser.addPositionalArgument(
            u"command"_s, u"manifest | teams | create-app | install | uninstall"_s, u"<command>"_s);
    m_parser.addOptions({ m_help, m_json, m_printCurl, m_dataDir, m_manifest, m_endpoint,
                          m_endpointStyle, m_relayChannel, m_name, m_events, m_customObject,
                          m_output, m_app, m_team, m_reinstall, m_setting, m_appsUrl, m_platformUrl,
                          m_timeout });
    if (!m_parser.parse(QStringList{ u"hookscope thena"_s } + arguments))
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
        return usage(u"Missing command: manifest, teams, create-app, install or uninstall"_s);
    if (positional.size() > 1)
        return usage(u"Too many arguments: %1"_s.arg(positional.mid(1).join(u' ')));
    m_command = positional.first();
    if (!parseCommon())
        return ExitUsage;

    if (m_command == "manifest"_L1)
        return manifest();
    if (m_command == "teams"_L1)
        return teams();
    if (m_command == "create-app"_L1)
        return createApp();
    if (m_command == "install"_L1)
        return installLike(m_parser.isSet(m_reinstall) ? ThenaCall::Reinstall : ThenaCall::Install);
    if (m_command == "uninstall"_L1)
        return installLike(ThenaCall::Uninstall);
    return usage(
            u"Unknown thena command '%1' (expected manifest, teams, create-app, install or uninstall)"_s
                    .arg(m_command));
}

bool ThenaCommand::parseCommon()
{
    // Options that belong to another command are mistakes worth pointing out.
    const bool manifestCmd = m_command == "manifest"_L1, teamsCmd = m_command == "teams"_L1,
               createCmd = m_command == "create-app"_L1, installCmd = m_command == "install"_L1,
               uninstallCmd = m_command == "uninstall"_L1;
    const bool apiCmd = teamsCmd || createCmd || installCmd || uninstallCmd;
    if (!manifestCmd && !apiCmd)
        return true; // reported by run()
    const struct
    {
        const QCommandLineOption &option;
        bool allowed;
    } scopes[] = {
        { m_json, apiCmd },
        { m_printCurl, apiCmd },
        { m_dataDir, apiCmd },
        { m_timeout, apiCmd },
        { m_appsUrl, apiCmd },
        { m_platformUrl, apiCmd },
        { m_manifest, createCmd || installCmd },
        { m_endpoint, manifestCmd || createCmd },
        { m_endpointStyle, manifestCmd || createCmd },
        { m_relayChannel, manifestCmd || createCmd },
        { m_name, manifestCmd },
        { m_events, manifestCmd },
        { m_customObject, manifestCmd },
        { m_output, manifestCmd },
        { m_app, installCmd || uninstallCmd },
        { m_team, installCmd || uninstallCmd },
        { m_reinstall, installCmd },
        { m_setting, installCmd },
    };
    for (const auto &scope : scopes) {
        if (m_parser.isSet(scope.option) && !scope.allowed) {
            usage(u"--%1 does not apply to '%2'"_s.arg(scope.option.names().constLast(),
                                                       m_command));
            return false;
        }
    }

    if (m_parser.isSet(m_timeout)) {
        bool ok = false;
        const double seconds = m_parser.value(m_timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600) {
            usage(u"--timeout must be a number of seconds from 0 to 3600, not '%1'"_s.arg(
                    m_parser.value(m_timeout)));
            return false;
        }
        m_client.setTimeout(std::chrono::milliseconds(qint64(seconds * 1000)));
    }
    // An explicit option wins over $HOOKSCOPE_THENA_APPS_URL / _PLATFORM_URL, which
    // ThenaClient::defaultAppsUrl() would prefer: what is typed on the command line is meant.
    for (const auto &[option, setter] :
         { std::pair{ &m_appsUrl, &ThenaClient::setAppsUrl },
           std::pair{ &m_platformUrl, &ThenaClient::setPlatformUrl } }) {
        if (!m_parser.isSet(*option))
            continue;
        const std::optional<QUrl> url = httpUrl(m_parser.value(*option));
        if (!url) {
            usage(u"--%1 must be an http(s) URL, not '%2'"_s.arg(option->names().constLast(),
                                                                 m_parser.value(*option)));
            return false;
        }
        (m_client.*setter)(*url);
    }
    if (!parseEndpoint())
        return false;
    m_dataDirPath = DataDir::resolve(m_parser.value(m_dataDir));
    return true;
}

bool ThenaCommand::parseEndpoint()
{
    const bool styleGiven = m_parser.isSet(m_endpointStyle) || m_parser.isSet(m_relayChannel);
    if (m_parser.isSet(m_endpointStyle)) {
        const QString style = m_parser.value(m_endpointStyle).trimmed().toLower();
        if (style == "path"_L1) {
            m_style = EndpointStyle::Path;
        } else if (style == "query"_L1) {
            m_style = EndpointStyle::Query;
        } else {
            usage(u"--endpoint-style must be path or query, not '%1'"_s.arg(
                    m_parser.value(m_endpointStyle)));
            return false;
        }
    }
    if (m_parser.isSet(m_relayChannel)) {
        if (m_parser.isSet(m_endpointStyle) && m_style != EndpointStyle::Query) {
            usage(u"--relay-channel means --endpoint-style query, not path"_s);
            return false;
        }
        m_style = EndpointStyle::Query;
    }
    if (!m_parser.isSet(m_endpoint)) {
        if (styleGiven) {
            usage(u"--%1 needs --endpoint URL"_s.arg(
                    m_parser.isSet(m_relayChannel) ? m_relayChannel.names().constLast()
                                                   : m_endpointStyle.names().constLast()));
            return false;
        }
        return true;
    }
    const QString endpoint = m_parser.value(m_endpoint).trimmed();
    const std::optional<QUrl> url = httpUrl(endpoint);
    if (!url || WebhookEndpoints::from(endpoint, m_style).isEmpty()) {
        usage(u"--endpoint must be an http(s) URL, not '%1'"_s.arg(m_parser.value(m_endpoint)));
        return false;
    }
    // A URL copied from an existing manifest already names one of the four roles: the derived
    // URLs would then be …/events/events.
    const EndpointRole role = EndpointRoles::of(url->path(), url->query());
    if (role != EndpointRole::Unknown) {
        warn(u"--endpoint %1 already names the %2 URL; the URLs derived from it will add their own "
             u"suffix "
             u"(give the endpoint without it)"_s.arg(endpoint, EndpointRoles::suffix(role)));
    }
    m_endpointUrl = endpoint;
    return true;
}

bool ThenaCommand::resolveKey(int *exitCode)
{
    const QString fromEnv = qEnvironmentVariable(ThenaClient::ApiKeyVariable.data()).trimmed();
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
    QString message =
            u"No API key: set %1, or save a key in the setup wizard (Tools → Set up Thena "
            u"webhooks…). "
            u"Thena's dashboard makes keys under Organization → Personal → Security Access."_s.arg(
                    ThenaClient::ApiKeyVariable);
    if (!stored.message.isEmpty())
        message += u"\n  keychain: "_s + stored.message;
    *exitCode = usage(message);
    return false;
}

std::optional<ThenaResult> ThenaCommand::sendOrPrint(const ThenaRequest &request, int *exitCode)
{
    if (m_parser.isSet(m_printCurl)) {
        out() << request.toCurl(ThenaRequest::KeyStyle::EnvironmentVariable) << Qt::endl;
        *exitCode = ExitOk;
        return std::nullopt;
    }
    if (!resolveKey(exitCode))
        return std::nullopt;
    const ThenaResult result = send(request);
    if (!result.ok) {
        *exitCode = failed(result);
        return std::nullopt;
    }
    return result;
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
        err() << "hookscope: server answer: " << QString::fromUtf8(r.body.left(4096)).trimmed()
              << Qt::endl;
    if (m_parser.isSet(m_json)) {
        printJson({ { u"ok"_s, false },
                    { u"call"_s, thenaCallName(r.call) },
                    { u"error"_s, thenaErrorName(r.error) },
                    { u"status"_s, r.httpStatus },
                    { u"message"_s, r.message },
                    { u"serverMessage"_s, r.serverMessage },
                    { u"body"_s, QString::fromUtf8(r.body) } });
    }
    return ExitFailure;
}

void ThenaCommand::saveRegistry(AppRegistry &registry)
{
    if (!registry.save())
        err() << "hookscope: warning: the local list of apps was not updated: "
              << registry.errorString() << Qt::endl;
}

} // namespace Hookscope::ThenaCli

namespace Hookscope {

int runThena(const QStringList &arguments)
{
    ThenaCli::ThenaCommand command;
    return command.run(arguments);
}

} // namespace Hookscope
