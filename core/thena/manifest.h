// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Hookscope {

// Where a JSON text failed to parse, for an editor's error marker.
struct JsonTextError
{
    QString message;
    int offset = -1; // byte offset in the UTF-8 text
    int line = 0; // 1-based
    int column = 0; // 1-based, in characters (UTF-16 code units) of that line

    bool isError() const { return line > 0; }
    QString toString() const; // "line 3, column 7: missing comma"

    static JsonTextError fromParseError(const QByteArray &text, int offset, const QString &message);
};

// One entry of the manifest's `events.subscribe`: a type or a pattern (`ticket:*`).
struct ManifestEvent
{
    QString event;
    QString reason;
    QString description;

    // A subscription with a reason and description filled in for `event`.
    static ManifestEvent forEvent(const QString &event);
    friend bool operator==(const ManifestEvent &, const ManifestEvent &) = default;
};

struct ManifestIssue
{
    enum class Severity { Error, Warning };

    QString field; // field path, e.g. "app.slug", "events.subscribe[2].event"
    QString message;
    Severity severity = Severity::Error;

    bool isError() const { return severity == Severity::Error; }
};

// Field paths of the values people edit, as used by text()/setText() and ManifestIssue::field.
namespace ManifestField {
inline constexpr QLatin1StringView AppName{ "app.name" };
inline constexpr QLatin1StringView AppSlug{ "app.slug" };
inline constexpr QLatin1StringView AppDescription{ "app.description" };
inline constexpr QLatin1StringView AppCategory{ "app.category" };
inline constexpr QLatin1StringView DeveloperName{ "developer.name" };
inline constexpr QLatin1StringView DeveloperWebsite{ "developer.website" };
inline constexpr QLatin1StringView SupportEmail{ "developer.support_email" };
inline constexpr QLatin1StringView PrivacyPolicyUrl{ "developer.privacy_policy_url" };
inline constexpr QLatin1StringView TermsUrl{ "developer.terms_url" };
inline constexpr QLatin1StringView DocumentationUrl{ "developer.documentation_url" };
inline constexpr QLatin1StringView EventsWebhookUrl{ "integration.webhooks.events" };
inline constexpr QLatin1StringView InstallationsWebhookUrl{ "integration.webhooks.installations" };
inline constexpr QLatin1StringView InteractivityRequestUrl{
    "integration.interactivity.request_url"
};
inline constexpr QLatin1StringView MessageMenuOptionUrl{
    "integration.interactivity.message_menu_option_url"
};
inline constexpr QLatin1StringView Visibility{ "app.visibility" };
inline constexpr QLatin1StringView SubscribedEvents{ "events.subscribe" };
} // namespace ManifestField

// How the four URLs of one endpoint are told apart (see WebhookEndpoints::from()).
enum class EndpointStyle {
    Path, // https://host/hooks/<token>/events: the receiver, tunnels, reverse proxies
    Query, // https://smee.io/<channel>?endpoint=events: relay channels, whose URL is one path
           // segment
};

// The URLs Thena's docs say to replace "inside webhooks and interactivity", all derived from
// one endpoint so that the receiver can label each delivery by what it is
// (core/events/endpointrole.h names the suffixes).
struct WebhookEndpoints
{
    QString events; // integration.webhooks.events
    QString installations; // integration.webhooks.installations
    QString interactivity; // integration.interactivity.request_url
    QString messageMenuOption; // integration.interactivity.message_menu_option_url

    // "https://x.ngrok.app/hooks/T" -> ".../hooks/T/events", ".../installations",
    // ".../interactivity", ".../menu" (Path), or "...?endpoint=events" and so on (Query). A query
    // already on the endpoint (?token=…) is kept. Empty when `endpoint` is not an http(s) URL.
    static WebhookEndpoints from(const QString &endpoint,
                                 EndpointStyle style = EndpointStyle::Path);
    bool isEmpty() const { return events.isEmpty(); }
    friend bool operator==(const WebhookEndpoints &, const WebhookEndpoints &) = default;
};

// One entry of configuration.required_settings / optional_settings, as far as Hookscope can
// read it: Thena does not document the entries' shape, so an object's `key` (or `name`, `id`)
// is the key, `label`/`title`/`name` the label, and a plain string is a key.
struct ManifestSetting
{
    QString key;
    QString label; // falls back to the key
    QString description;
    QString type; // as written, e.g. "string", "boolean"; empty when not given
    QString defaultValue; // the entry's `default`, as text
    bool required = false;
};

// A Thena app manifest (docs/thena.md: app, developer, integration, events, scopes,
// configuration, activities, metadata). The whole JSON object is kept, so sections Hookscope
// has no form for (scopes, activities, icons, ...) survive every edit. Visibility is not part
// of the manifest: the create-app body always sets `app_visibility: private`.
//
// validate() blocks (errors) only what would certainly fail; Thena's API is the judge of
// everything else, and its answer is always shown verbatim:
//   errors   `app` not an object or app.name missing; app.visibility set to anything but
//            "private"; integration.webhooks.events / .installations missing or not an
//            http(s) URL with a host.
//   warnings everything else a reviewer would point at: slug form, developer name and support
//            e-mail missing or malformed, developer URLs that are not http(s), interactivity
//            URLs missing, not http(s) or still a placeholder, a webhook URL on a loopback or
//            private address (Thena's cloud cannot reach it), a pattern such as ticket:* in
//            events.subscribe (the docs list names there; patterns are for filters), a name
//            that is not in the documented catalogue, a duplicate, an empty events.subscribe
//            (Thena then sends every event), a section of the wrong JSON type.
class Manifest final
{
public:
    Manifest() = default;
    explicit Manifest(const QJsonObject &json);

    // The project's default manifest (core/thena/manifest-template.json): documented ticket and
    // account event names, with the four URLs derived from `endpoint` when given. Developer
    // name and support email are left empty.
    static Manifest defaultTemplate(const QString &endpoint = {},
                                    EndpointStyle style = EndpointStyle::Path);

    // nullopt when `json` is not a JSON object; `error` then says where.
    static std::optional<Manifest> fromJson(const QByteArray &json, JsonTextError *error = nullptr);
    QByteArray toJson(QJsonDocument::JsonFormat format = QJsonDocument::Indented) const;
    const QJsonObject &json() const { return m_json; }

    // A string value by field path ("app.slug"); empty when absent or not a string.
    QString text(QAnyStringView path) const;
    // Sets a string value, creating the sections on the way; an empty value removes the key.
    void setText(QAnyStringView path, const QString &value);

    QString appName() const { return text(ManifestField::AppName); }
    void setAppName(const QString &v) { setText(ManifestField::AppName, v); }
    QString slug() const { return text(ManifestField::AppSlug); }
    void setSlug(const QString &v) { setText(ManifestField::AppSlug, v); }
    QString description() const { return text(ManifestField::AppDescription); }
    void setDescription(const QString &v) { setText(ManifestField::AppDescription, v); }
    QString category() const { return text(ManifestField::AppCategory); }
    void setCategory(const QString &v) { setText(ManifestField::AppCategory, v); }
    QString developerName() const { return text(ManifestField::DeveloperName); }
    void setDeveloperName(const QString &v) { setText(ManifestField::DeveloperName, v); }
    QString developerWebsite() const { return text(ManifestField::DeveloperWebsite); }
    void setDeveloperWebsite(const QString &v) { setText(ManifestField::DeveloperWebsite, v); }
    QString supportEmail() const { return text(ManifestField::SupportEmail); }
    void setSupportEmail(const QString &v) { setText(ManifestField::SupportEmail, v); }
    QString privacyPolicyUrl() const { return text(ManifestField::PrivacyPolicyUrl); }
    void setPrivacyPolicyUrl(const QString &v) { setText(ManifestField::PrivacyPolicyUrl, v); }
    QString termsUrl() const { return text(ManifestField::TermsUrl); }
    void setTermsUrl(const QString &v) { setText(ManifestField::TermsUrl, v); }
    QString documentationUrl() const { return text(ManifestField::DocumentationUrl); }
    void setDocumentationUrl(const QString &v) { setText(ManifestField::DocumentationUrl, v); }
    QString eventsWebhookUrl() const { return text(ManifestField::EventsWebhookUrl); }
    void setEventsWebhookUrl(const QString &v) { setText(ManifestField::EventsWebhookUrl, v); }
    QString installationsWebhookUrl() const { return text(ManifestField::InstallationsWebhookUrl); }
    void setInstallationsWebhookUrl(const QString &v)
    {
        setText(ManifestField::InstallationsWebhookUrl, v);
    }
    QString interactivityRequestUrl() const { return text(ManifestField::InteractivityRequestUrl); }
    void setInteractivityRequestUrl(const QString &v)
    {
        setText(ManifestField::InteractivityRequestUrl, v);
    }
    QString messageMenuOptionUrl() const { return text(ManifestField::MessageMenuOptionUrl); }
    void setMessageMenuOptionUrl(const QString &v)
    {
        setText(ManifestField::MessageMenuOptionUrl, v);
    }
    // The webhook and interactivity URLs together.
    WebhookEndpoints endpoints() const;
    void setEndpoints(const WebhookEndpoints &urls);
    // setEndpoints(WebhookEndpoints::from(endpoint, style)); nothing changes when `endpoint`
    // is not an http(s) URL.
    void setEndpoint(const QString &endpoint, EndpointStyle style = EndpointStyle::Path);

    // events.subscribe; an empty list means "all events" to Thena.
    QList<ManifestEvent> subscribedEvents() const;
    void setSubscribedEvents(const QList<ManifestEvent> &events);
    QStringList subscribedEventNames() const;

    // configuration.required_settings (required = true) and optional_settings.
    QList<ManifestSetting> settings() const;
    // The install call's appConfiguration for these values (key -> text):
    //   {"required_settings":[{"key":K,"value":V},…],"optional_settings":[…]}
    // Required settings are always listed (an empty value when none given); optional ones only
    // when a value is given. Thena does not document this shape; the install page shows the
    // request before it is sent, and the server's answer verbatim.
    QJsonObject appConfiguration(const QHash<QString, QString> &values) const;

    QList<ManifestIssue> validate() const;
    static bool hasErrors(const QList<ManifestIssue> &issues);

    // "Acme Support Monitor!" -> "acme-support-monitor": a slug that passes validation
    // (empty when nothing usable is left).
    static QString slugFrom(const QString &name);

    friend bool operator==(const Manifest &a, const Manifest &b) { return a.m_json == b.m_json; }

private:
    QJsonObject m_json;
};

} // namespace Hookscope
