// SPDX-License-Identifier: MIT
#pragma once

// `hookscope thena`: the setup wizard's steps on the command line. One class, in three files:
// thenacommands.cpp (parsing, the key, sending), thenamanifestcommand.cpp (manifest,
// create-app) and thenainstallcommand.cpp (teams, install, reinstall, uninstall).

#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

#include "app/cliio.h"
#include "core/thena/appregistry.h"
#include "core/thena/manifest.h"
#include "core/thena/secretstore.h"
#include "core/thena/thenaclient.h"

namespace Hookscope::ThenaCli {

using namespace Qt::StringLiterals;
using namespace Hookscope::Cli;

void warn(const QString &message);
// An http(s) URL with a host, else nullopt.
std::optional<QUrl> httpUrl(const QString &text);
// Comma-separated and repeated option values, trimmed, empty entries dropped.
QStringList splitValues(const QStringList &values);
// "hookscope: warning: f.json: app.slug: …" for each issue (the source is left out when empty).
void reportIssues(const QList<ManifestIssue> &issues, const QString &source);
QString compactJson(const QJsonObject &o);
QJsonValue bodyAsJson(const QByteArray &body);

class ThenaCommand final
{
public:
    int run(const QStringList &arguments);

private:
    int usage(const QString &message);
    bool parseCommon();
    bool parseEndpoint();
    int manifest();
    int teams();
    int createApp();
    int installLike(ThenaCall call);
    std::optional<QList<ManifestEvent>> manifestEvents(const QList<ManifestEvent> &templateEvents,
                                                       const QStringList &objectNames);
    std::optional<Manifest> loadManifest(QString *source, int *exitCode);
    std::optional<QJsonObject> installConfiguration(int *exitCode);
    bool resolveKey(int *exitCode);
    // --print-curl prints the request (nullopt, *exitCode 0); otherwise the key is resolved,
    // the request sent and a failure reported (nullopt, *exitCode set); else the answer.
    std::optional<ThenaResult> sendOrPrint(const ThenaRequest &request, int *exitCode);
    ThenaResult send(const ThenaRequest &request);
    int failed(const ThenaResult &result);
    void printJson(const QJsonObject &o) { out() << compactJson(o) << Qt::endl; }
    void saveRegistry(AppRegistry &registry);

    QCommandLineParser m_parser;
    QCommandLineOption m_help{ { u"h"_s, u"help"_s }, u"Show this help."_s };
    QCommandLineOption m_json{ u"json"_s, u"Print the result as one JSON object."_s };
    QCommandLineOption m_printCurl{
        u"print-curl"_s,
        u"Print the equivalent curl command and send nothing. The key is written as "
        u"$HOOKSCOPE_API_KEY, the "
        u"variable this command reads, so the command runs as is where that is set."_s
    };
    QCommandLineOption m_dataDir{ u"data-dir"_s,
                                  u"Where the list of created apps (apps.json) is kept."_s,
                                  u"dir"_s };
    QCommandLineOption m_manifest{
        u"manifest"_s,
        u"create-app: the manifest JSON file (- for standard input); a whole create-app body is "
        u"accepted too. "
        u"install: the app's manifest, for its configuration settings."_s,
        u"file"_s
    };
    QCommandLineOption m_endpoint{ u"endpoint"_s,
                                   u"manifest, create-app: the URL Thena should call (the receiver "
                                   u"behind a tunnel, or a relay channel); "
                                   u"the webhook and interactivity URLs are derived from it."_s,
                                   u"url"_s };
    QCommandLineOption m_endpointStyle{
        u"endpoint-style"_s,
        u"manifest, create-app: path (<endpoint>/events and so on; the default) or query "
        u"(<endpoint>?endpoint=events and so on, for relay channels)."_s,
        u"style"_s
    };
    QCommandLineOption m_relayChannel{
        u"relay-channel"_s,
        u"manifest, create-app: the endpoint is a relay channel (the same as --endpoint-style query)."_s
    };
    QCommandLineOption m_name{ u"name"_s, u"manifest: the app's name; its slug is made from it."_s,
                               u"name"_s };
    QCommandLineOption m_events{
        u"events"_s,
        u"manifest: event names and patterns, comma-separated (ticket:*,account:updated); each "
        u"pattern becomes "
        u"the documented names it matches. Default: the template's ticket and account events."_s,
        u"list"_s
    };
    QCommandLineOption m_customObject{
        u"custom-object"_s,
        u"manifest: subscribe to this custom object's created, updated, deleted and field-changed "
        u"events "
        u"(repeatable); custom-object patterns in --events expand to these objects."_s,
        u"name"_s
    };
    QCommandLineOption m_output{
        { u"o"_s, u"output"_s },
        u"manifest: write the manifest to this file instead of standard output."_s,
        u"file"_s
    };
    QCommandLineOption m_app{
        u"app"_s, u"install, uninstall: the app ID (any app, also one created elsewhere)."_s,
        u"id"_s
    };
    QCommandLineOption m_team{
        u"team"_s,
        u"install, uninstall: a team ID or dashboard URL (repeatable, or comma-separated)."_s,
        u"team"_s
    };
    QCommandLineOption m_reinstall{
        u"reinstall"_s, u"install: reinstall an app already installed on the teams."_s
    };
    QCommandLineOption m_setting{
        u"setting"_s,
        u"install: a configuration value, KEY=VALUE (repeatable). With --manifest every required "
        u"setting of the "
        u"manifest must be given; without one the values are sent as required settings."_s,
        u"key=value"_s
    };
    QCommandLineOption m_appsUrl{
        u"apps-url"_s,
        u"The apps API base URL (create-app, install, uninstall); wins over $HOOKSCOPE_THENA_APPS_URL."_s,
        u"url"_s
    };
    QCommandLineOption m_platformUrl{
        u"platform-url"_s,
        u"The platform API base URL (teams); wins over $HOOKSCOPE_THENA_PLATFORM_URL."_s, u"url"_s
    };
    QCommandLineOption m_timeout{ u"timeout"_s, u"Seconds to wait for Thena (default 30)."_s,
                                  u"seconds"_s };

    QString m_command;
    QString m_dataDirPath;
    QString m_endpointUrl; // empty without --endpoint
    EndpointStyle m_style = EndpointStyle::Path; // --endpoint-style, --relay-channel
    ThenaClient m_client;
    SecretStore m_secrets;
};

} // namespace Hookscope::ThenaCli
