// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
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
inline constexpr QLatin1StringView AppName { "app.name" };
inline constexpr QLatin1StringView AppSlug { "app.slug" };
inline constexpr QLatin1StringView AppDescription { "app.description" };
inline constexpr QLatin1StringView AppCategory { "app.category" };
inline constexpr QLatin1StringView DeveloperName { "developer.name" };
inline constexpr QLatin1StringView DeveloperWebsite { "developer.website" };
inline constexpr QLatin1StringView SupportEmail { "developer.support_email" };
inline constexpr QLatin1StringView PrivacyPolicyUrl { "developer.privacy_policy_url" };
inline constexpr QLatin1StringView TermsUrl { "developer.terms_url" };
inline constexpr QLatin1StringView DocumentationUrl { "developer.documentation_url" };
inline constexpr QLatin1StringView EventsWebhookUrl { "integration.webhooks.events" };
inline constexpr QLatin1StringView InstallationsWebhookUrl { "integration.webhooks.installations" };
inline constexpr QLatin1StringView SubscribedEvents { "events.subscribe" };
} // namespace ManifestField

// A Thena app manifest (DESIGN.md §3: app, developer, integration, events, scopes,
// configuration, activities, metadata). The whole JSON object is kept, so sections Hookscope
// has no form for (scopes, activities, icons, ...) survive every edit. Visibility is not part
// of the manifest: the create-app body always sets `app_visibility: private`.
//
// validate() rules:
//   errors   app.name required; app.slug required, ^[a-z0-9][a-z0-9-]{1,62}$;
//            developer.name required; developer.support_email required, an email address;
//            integration.webhooks.events required (Thena delivers events there);
//            every URL field that is set (webhooks, developer website/privacy/terms/docs)
//            an http(s) URL with a host; each events.subscribe entry an object with `event`;
//            any section present but of the wrong JSON type.
//   warnings a webhook URL on a loopback or private address (Thena's cloud cannot reach it);
//            a subscribed event that matches nothing in the event catalogue; a duplicate;
//            an empty events.subscribe (Thena then sends every event).
class Manifest final
{
public:
    Manifest() = default;
    explicit Manifest(const QJsonObject &json);

    // The project's default manifest (core/thena/manifest-template.json), with both webhook
    // URLs set to `webhookUrl` when given. Developer name and support email are left empty.
    static Manifest defaultTemplate(const QString &webhookUrl = {});

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
    void setInstallationsWebhookUrl(const QString &v) { setText(ManifestField::InstallationsWebhookUrl, v); }
    // Both webhook URLs: the receiver accepts events and installation notices on one URL.
    void setWebhookUrls(const QString &url);

    // events.subscribe; an empty list means "all events" to Thena.
    QList<ManifestEvent> subscribedEvents() const;
    void setSubscribedEvents(const QList<ManifestEvent> &events);
    QStringList subscribedEventNames() const;

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
