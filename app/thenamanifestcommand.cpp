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

std::optional<QList<ManifestEvent>>
ThenaCommand::manifestEvents(const QList<ManifestEvent> &templateEvents,
                             const QStringList &objectNames)
{
    const EventCatalogue &catalogue = EventCatalogue::builtin();
    QList<ManifestEvent> result;
    // The template's reason and description are kept for the names it lists.
    auto add = [&](const QString &name) {
        for (const ManifestEvent &e : std::as_const(result)) {
            if (e.event == name)
                return;
        }
        for (const ManifestEvent &e : templateEvents) {
            if (e.event == name) {
                result.append(e);
                return;
            }
        }
        result.append(ManifestEvent::forEvent(name));
    };

    if (m_parser.isSet(m_events)) {
        const QStringList entries = splitValues(m_parser.values(m_events));
        if (entries.isEmpty() && objectNames.isEmpty()) {
            usage(u"--events lists no event (an empty events.subscribe would make Thena send every event)"_s);
            return std::nullopt;
        }
        for (const QString &entry : entries) {
            if (!EventCatalogue::isPattern(entry)) {
                add(entry); // kept even when not documented: validate() warns about it
                continue;
            }
            const QStringList names = catalogue.expand(entry, objectNames);
            if (names.isEmpty()) {
                const bool customObjects =
                        entry.startsWith("custom-object"_L1) || entry.startsWith(u'*');
                warn(u"--events: %1 matches no documented event name%2; left out"_s.arg(
                        entry,
                        customObjects && objectNames.isEmpty()
                                ? u" (name the custom objects with --custom-object)"_s
                                : QString()));
                continue;
            }
            for (const QString &name : names)
                add(name);
        }
    } else {
        // The template lists names; should it ever carry a pattern, it is expanded like --events.
        for (const ManifestEvent &e : templateEvents) {
            if (!EventCatalogue::isPattern(e.event)) {
                add(e.event);
                continue;
            }
            for (const QString &name : catalogue.expand(e.event, objectNames))
                add(name);
        }
    }
    for (const QString &object : objectNames) {
        for (const QString &name :
             catalogue.expand(EventCatalogue::customObjectPattern(object), { object }))
            add(name);
    }
    if (result.isEmpty()) {
        usage(u"no event left to subscribe to (an empty events.subscribe would make Thena send every event)"_s);
        return std::nullopt;
    }
    return result;
}

int ThenaCommand::manifest()
{
    if (m_endpointUrl.isEmpty()) {
        return usage(u"manifest needs --endpoint URL: where Thena should send events (the receiver "
                     u"behind a "
                     u"tunnel, or a relay channel with --relay-channel)"_s);
    }
    const QString outputPath = m_parser.value(m_output);
    if (m_parser.isSet(m_output) && outputPath.isEmpty())
        return usage(u"--output needs a file name (or - for standard output)"_s);

    QStringList objectNames;
    for (const QString &name : splitValues(m_parser.values(m_customObject))) {
        if (!EventCatalogue::isValidObjectName(name)) {
            return usage(
                    u"--custom-object '%1' is not a custom object name (letters, digits, '_' and '-')"_s
                            .arg(name));
        }
        if (!objectNames.contains(name))
            objectNames.append(name);
    }

    Manifest manifest = Manifest::defaultTemplate(m_endpointUrl, m_style);
    manifest.setEndpoint(m_endpointUrl, m_style); // whatever the template holds
    if (m_parser.isSet(m_name)) {
        const QString name = m_parser.value(m_name).trimmed();
        if (name.isEmpty())
            return usage(u"--name must not be empty"_s);
        const QString slug = Manifest::slugFrom(name);
        if (slug.isEmpty())
            return usage(
                    u"--name '%1' leaves nothing for the app's slug: use some letters or digits"_s
                            .arg(name));
        manifest.setAppName(name);
        manifest.setSlug(slug);
    }
    const std::optional<QList<ManifestEvent>> events =
            manifestEvents(manifest.subscribedEvents(), objectNames);
    if (!events)
        return ExitUsage;
    manifest.setSubscribedEvents(*events);

    const QList<ManifestIssue> issues = manifest.validate();
    reportIssues(issues, {});
    if (Manifest::hasErrors(issues))
        return ExitUsage;

    const QByteArray json = manifest.toJson(QJsonDocument::Indented);
    if (!m_parser.isSet(m_output) || outputPath == "-"_L1) {
        out() << QString::fromUtf8(json);
        out().flush();
        return ExitOk;
    }
    QSaveFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        err() << "hookscope: cannot write " << outputPath << ": " << file.errorString() << Qt::endl;
        return ExitFailure;
    }
    err() << "Wrote " << outputPath << " (" << events->size() << " events, URLs from "
          << m_endpointUrl << ")\n"
          << "Next: hookscope thena create-app --manifest " << outputPath << Qt::endl;
    return ExitOk;
}

std::optional<Manifest> ThenaCommand::loadManifest(QString *source, int *exitCode)
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
    *source = path == "-"_L1 ? u"<stdin>"_s : path;
    JsonTextError parseError;
    std::optional<Manifest> manifest = Manifest::fromJson(text, &parseError);
    if (!manifest) {
        *exitCode = usage(u"%1:%2:%3: %4"_s.arg(*source)
                                  .arg(parseError.line)
                                  .arg(parseError.column)
                                  .arg(parseError.message));
        return std::nullopt;
    }
    // A whole create-app body (as in Thena's docs) is accepted too: its manifest is used.
    const QJsonObject json = manifest->json();
    if (!json.contains(u"app"_s) && json.value(u"manifest"_s).isObject()) {
        const QString visibility = json.value(u"app_visibility"_s).toString(u"private"_s);
        if (visibility != "private"_L1) {
            *exitCode =
                    usage(u"%1: app_visibility is '%2': Hookscope only creates private apps"_s.arg(
                            *source, visibility));
            return std::nullopt;
        }
        manifest = Manifest(json.value(u"manifest"_s).toObject());
    }
    return manifest;
}

int ThenaCommand::createApp()
{
    if (!m_parser.isSet(m_manifest)) {
        return usage(u"create-app needs --manifest FILE (write one with "
                     u"'hookscope thena manifest --endpoint URL -o FILE')"_s);
    }
    int code = ExitOk;
    QString source;
    std::optional<Manifest> manifest = loadManifest(&source, &code);
    if (!manifest)
        return code;
    if (!m_endpointUrl.isEmpty())
        manifest->setEndpoint(m_endpointUrl, m_style);
    const QList<ManifestIssue> issues = manifest->validate();
    reportIssues(issues, source);
    if (Manifest::hasErrors(issues))
        return ExitUsage;

    const std::optional<ThenaResult> answer =
            sendOrPrint(m_client.createAppRequest(manifest->json()), &code);
    if (!answer)
        return code;
    const ThenaResult &r = *answer;

    const ThenaCreatedApp &app = r.app;
    const QString name = app.name.isEmpty() ? manifest->appName() : app.name;
    const QString slug = app.slug.isEmpty() ? manifest->slug() : app.slug;

    // The client secret goes to the keychain; printed only when it cannot be kept there.
    bool secretStored = false;
    QString secretNote;
    if (!app.clientSecret.isEmpty()) {
        QEventLoop loop;
        m_secrets.write(SecretStore::clientSecretName(app.appId), app.clientSecret, &loop,
                        [&](const SecretResult &s) {
                            secretStored = s.ok && s.inKeychain;
                            secretNote = s.message;
                            loop.quit();
                        });
        loop.exec();
    }

    AppRegistry registry(m_dataDirPath);
    if (registry.load())
        registry.recordCreated(
                { app.appId, name, slug, app.clientId, {}, QDateTime::currentDateTimeUtc(), {} });
    saveRegistry(registry);

    if (m_parser.isSet(m_json)) {
        QJsonObject o{ { u"ok"_s, true },
                       { u"status"_s, r.httpStatus },
                       { u"appId"_s, app.appId },
                       { u"name"_s, name },
                       { u"slug"_s, slug } };
        if (!app.clientId.isEmpty())
            o.insert(u"clientId"_s, app.clientId);
        if (!app.clientSecret.isEmpty()) {
            o.insert(u"clientSecretStored"_s, secretStored);
            if (!secretStored)
                o.insert(u"clientSecret"_s, app.clientSecret);
        }
        printJson(o);
    } else {
        out() << "App ID: " << app.appId << '\n'
              << "Name: " << name << '\n'
              << "Slug: " << slug << '\n';
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

// The install body's appConfiguration from --setting (and --manifest, which says what is
// required); nullopt after a usage error.

} // namespace Hookscope::ThenaCli
