// SPDX-License-Identifier: MIT
#include "manifest.h"

#include <algorithm>
#include <cctype>

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

#include "core/common/httpurl.h"
#include "core/events/endpointrole.h"
#include "core/thena/eventcatalogue.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

QStringList pathParts(QAnyStringView path)
{
    return path.toString().split(u'.', Qt::SkipEmptyParts);
}

void setAt(QJsonObject &object, QStringList parts, const QString &value)
{
    const QString key = parts.takeFirst();
    if (parts.isEmpty()) {
        if (value.isEmpty())
            object.remove(key);
        else
            object.insert(key, value);
        return;
    }
    QJsonObject child = object.value(key).toObject();
    setAt(child, parts, value);
    object.insert(key, child);
}

// A manifest URL as text: strictly parsed, and no spaces (QUrl would encode them).
bool isHttpUrl(const QString &text)
{
    return !text.contains(u' ') && Hookscope::isHttpUrl(QUrl(text, QUrl::StrictMode));
}

// A host Thena's cloud cannot reach: loopback, private (RFC 1918, fc00::/7) or link-local.
bool isUnreachableFromCloud(const QString &urlText)
{
    const QString host = QUrl(urlText).host().toLower();
    if (host == "localhost"_L1 || host.endsWith(".localhost"_L1) || host.endsWith(".local"_L1))
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    if (address.isLoopback() || address.isLinkLocal())
        return true;
    for (const auto &[net, bits] : { QHostAddress::parseSubnet(u"10.0.0.0/8"_s),
                                     QHostAddress::parseSubnet(u"172.16.0.0/12"_s),
                                     QHostAddress::parseSubnet(u"192.168.0.0/16"_s),
                                     QHostAddress::parseSubnet(u"fc00::/7"_s) }) {
        if (address.isInSubnet(net, bits))
            return true;
    }
    return false;
}

const QRegularExpression &slugPattern()
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9-]{1,62}$"_s);
    return re;
}

const QRegularExpression &emailPattern()
{
    static const QRegularExpression re(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$"_s);
    return re;
}

// A URL someone still has to replace: the docs' and templates' stand-ins.
bool looksLikePlaceholder(const QString &url)
{
    static const QRegularExpression re(
            u"REPLACE|YOUR[_-]|<[^>]*>|\\{\\{|example\\.(com|org|net)\\b"_s,
            QRegularExpression::CaseInsensitiveOption);
    return re.match(url).hasMatch();
}

// A setting entry's text field: the first of `names` that is a string.
QString firstString(const QJsonObject &o, std::initializer_list<QLatin1StringView> names)
{
    for (QLatin1StringView name : names) {
        const QJsonValue v = o.value(name);
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed();
    }
    return {};
}

QString jsonValueText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 17);
    default:
        return {};
    }
}

} // namespace

WebhookEndpoints WebhookEndpoints::from(const QString &endpoint, EndpointStyle style)
{
    const QString trimmed = endpoint.trimmed();
    if (!isHttpUrl(trimmed))
        return {};
    const QUrl base(trimmed);
    auto derive = [&](EndpointRole role) {
        QUrl url = base;
        const QString suffix = EndpointRoles::suffix(role);
        if (style == EndpointStyle::Query) {
            QUrlQuery query(url);
            query.removeAllQueryItems(EndpointRoles::QueryKey);
            query.addQueryItem(EndpointRoles::QueryKey, suffix);
            url.setQuery(query);
        } else {
            QString path = url.path(QUrl::FullyEncoded);
            while (path.endsWith(u'/'))
                path.chop(1);
            url.setPath(path + u'/' + suffix, QUrl::TolerantMode);
        }
        return url.toString(QUrl::FullyEncoded);
    };
    return { derive(EndpointRole::Events), derive(EndpointRole::Installations),
             derive(EndpointRole::Interactivity), derive(EndpointRole::MessageMenuOption) };
}

QString JsonTextError::toString() const
{
    if (!isError())
        return message;
    return u"line %1, column %2: %3"_s.arg(line).arg(column).arg(message);
}

JsonTextError JsonTextError::fromParseError(const QByteArray &text, int offset,
                                            const QString &message)
{
    JsonTextError e;
    e.message = message;
    e.offset = qBound(0, offset, int(text.size()));
    const QByteArray before = text.left(e.offset);
    e.line = int(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    e.column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    return e;
}

ManifestEvent ManifestEvent::forEvent(const QString &event)
{
    const bool pattern = EventCatalogue::isPattern(event);
    QString description = EventCatalogue::builtin().description(event);
    if (description.isEmpty())
        description = pattern ? u"Events matching %1"_s.arg(event) : u"The %1 event"_s.arg(event);
    return { event, u"Monitor %1 in Hookscope"_s.arg(event), description };
}

Manifest::Manifest(const QJsonObject &json) : m_json(json) { }

Manifest Manifest::defaultTemplate(const QString &endpoint, EndpointStyle style)
{
    QFile file(u":/hookscope/thena/manifest-template.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("manifest template resource missing");
    Manifest m(QJsonDocument::fromJson(file.readAll()).object());
    if (!endpoint.isEmpty())
        m.setEndpoint(endpoint, style);
    return m;
}

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Where and what a parse error is, for people. Qt reports the offset just past the character
// where parsing failed: point at that character. Where Qt found something other than ',' or
// the closing bracket after a value, it says "unterminated object" (or array) at the next
// line's key; the mistake is the missing comma at the end of the value before it.
JsonTextError describeParseError(const QByteArray &json, const QJsonParseError &parseError)
{
    const qsizetype size = json.size();
    qsizetype at = qBound(qsizetype(0), qsizetype(parseError.offset) - 1, size);
    const bool afterValue = parseError.error == QJsonParseError::UnterminatedObject
            || parseError.error == QJsonParseError::UnterminatedArray
            || parseError.error == QJsonParseError::MissingValueSeparator;
    if (afterValue) {
        while (at < size && isJsonSpace(json.at(at)))
            ++at;
        if (at < size) { // not the end of the text: something unexpected follows a value
            const char c = json.at(at);
            const bool startsValue = c == '"' || c == '{' || c == '[' || c == '-'
                    || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
            qsizetype end = at;
            while (end > 0 && isJsonSpace(json.at(end - 1)))
                --end;
            if (startsValue && end > 0) {
                const char close = parseError.error == QJsonParseError::UnterminatedObject
                        ? '}'
                        : (parseError.error == QJsonParseError::UnterminatedArray ? ']' : 0);
                const QString expected =
                        close ? u"',' or '%1'"_s.arg(QLatin1Char(close)) : u"','"_s;
                return JsonTextError::fromParseError(
                        json, int(end),
                        u"missing comma after this value (expected %1)"_s.arg(expected));
            }
            return JsonTextError::fromParseError(
                    json, int(at),
                    u"unexpected '%1' after a value (a comma or a closing bracket was expected)"_s
                            .arg(QString::fromUtf8(json.mid(at, 1))));
        }
    }
    return JsonTextError::fromParseError(json, qMax(0, parseError.offset - 1),
                                         parseError.errorString());
}

} // namespace

std::optional<Manifest> Manifest::fromJson(const QByteArray &json, JsonTextError *error)
{
    if (error)
        *error = {};
    if (json.trimmed().isEmpty()) {
        if (error)
            *error = JsonTextError::fromParseError(json, 0, u"the manifest is empty"_s);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = describeParseError(json, parseError);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error) {
            qsizetype start = 0;
            while (start < json.size() && std::isspace(static_cast<unsigned char>(json.at(start))))
                ++start;
            *error = JsonTextError::fromParseError(json, int(start),
                                                   u"the manifest must be a JSON object"_s);
        }
        return std::nullopt;
    }
    return Manifest(doc.object());
}

QByteArray Manifest::toJson(QJsonDocument::JsonFormat format) const
{
    return QJsonDocument(m_json).toJson(format);
}

QString Manifest::text(QAnyStringView path) const
{
    const QStringList parts = pathParts(path);
    QJsonValue v = m_json;
    for (const QString &part : parts)
        v = v.toObject().value(part);
    return v.toString();
}

void Manifest::setText(QAnyStringView path, const QString &value)
{
    const QStringList parts = pathParts(path);
    if (!parts.isEmpty())
        setAt(m_json, parts, value);
}

WebhookEndpoints Manifest::endpoints() const
{
    return { eventsWebhookUrl(), installationsWebhookUrl(), interactivityRequestUrl(),
             messageMenuOptionUrl() };
}

void Manifest::setEndpoints(const WebhookEndpoints &urls)
{
    setEventsWebhookUrl(urls.events);
    setInstallationsWebhookUrl(urls.installations);
    setInteractivityRequestUrl(urls.interactivity);
    setMessageMenuOptionUrl(urls.messageMenuOption);
}

void Manifest::setEndpoint(const QString &endpoint, EndpointStyle style)
{
    const WebhookEndpoints urls = WebhookEndpoints::from(endpoint, style);
    if (!urls.isEmpty())
        setEndpoints(urls);
}

QList<ManifestEvent> Manifest::subscribedEvents() const
{
    QList<ManifestEvent> events;
    const QJsonArray list = m_json.value(u"events"_s).toObject().value(u"subscribe"_s).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        const QString event = v.isString() ? v.toString() : o.value(u"event"_s).toString();
        if (!event.isEmpty())
            events.append({ event, o.value(u"reason"_s).toString(),
                            o.value(u"description"_s).toString() });
    }
    return events;
}

void Manifest::setSubscribedEvents(const QList<ManifestEvent> &events)
{
    QJsonArray list;
    for (const ManifestEvent &e : events) {
        QJsonObject o{ { u"event"_s, e.event } };
        if (!e.reason.isEmpty())
            o.insert(u"reason"_s, e.reason);
        if (!e.description.isEmpty())
            o.insert(u"description"_s, e.description);
        list.append(o);
    }
    QJsonObject section = m_json.value(u"events"_s).toObject();
    section.insert(u"subscribe"_s, list);
    if (!section.contains(u"publish"_s))
        section.insert(u"publish"_s, QJsonArray());
    m_json.insert(u"events"_s, section);
}

QStringList Manifest::subscribedEventNames() const
{
    QStringList names;
    const QList<ManifestEvent> events = subscribedEvents();
    for (const ManifestEvent &e : events)
        names.append(e.event);
    return names;
}

QList<ManifestSetting> Manifest::settings() const
{
    QList<ManifestSetting> result;
    const QJsonObject configuration = m_json.value(u"configuration"_s).toObject();
    for (const bool required : { true, false }) {
        const QJsonArray list =
                configuration.value(required ? u"required_settings"_s : u"optional_settings"_s)
                        .toArray();
        for (const QJsonValue &v : list) {
            ManifestSetting setting;
            setting.required = required;
            if (v.isString()) {
                setting.key = v.toString().trimmed();
            } else if (v.isObject()) {
                const QJsonObject o = v.toObject();
                setting.key = firstString(o, { "key"_L1, "name"_L1, "id"_L1 });
                setting.label =
                        firstString(o, { "label"_L1, "title"_L1, "display_name"_L1, "name"_L1 });
                setting.description = firstString(o, { "description"_L1, "help"_L1 });
                setting.type = firstString(o, { "type"_L1 });
                setting.defaultValue =
                        jsonValueText(o.contains(u"default"_s) ? o.value(u"default"_s)
                                                               : o.value(u"default_value"_s));
            }
            if (setting.key.isEmpty())
                continue;
            if (setting.label.isEmpty())
                setting.label = setting.key;
            result.append(setting);
        }
    }
    return result;
}

QJsonObject Manifest::appConfiguration(const QHash<QString, QString> &values) const
{
    QJsonArray required, optional;
    for (const ManifestSetting &setting : settings()) {
        const auto it = values.constFind(setting.key);
        const bool given = it != values.cend() && !it->isEmpty();
        if (!setting.required && !given)
            continue;
        (setting.required ? required : optional)
                .append(QJsonObject{ { u"key"_s, setting.key },
                                     { u"value"_s, given ? *it : QString() } });
    }
    return { { u"required_settings"_s, required }, { u"optional_settings"_s, optional } };
}

bool Manifest::hasErrors(const QList<ManifestIssue> &issues)
{
    return std::any_of(issues.cbegin(), issues.cend(),
                       [](const ManifestIssue &i) { return i.isError(); });
}

QList<ManifestIssue> Manifest::validate() const
{
    QList<ManifestIssue> issues;
    auto error = [&issues](QAnyStringView field, const QString &message) {
        issues.append({ field.toString(), message, ManifestIssue::Severity::Error });
    };
    auto warning = [&issues](QAnyStringView field, const QString &message) {
        issues.append({ field.toString(), message, ManifestIssue::Severity::Warning });
    };

    // Errors: what Thena would certainly refuse, or an app that could never deliver.
    if (m_json.contains(u"app"_s) && !m_json.value(u"app"_s).isObject())
        error(u"app", u"Must be a JSON object"_s);
    else if (appName().trimmed().isEmpty())
        error(ManifestField::AppName, u"App name is required"_s);
    const QJsonValue visibility = m_json.value(u"app"_s).toObject().value(u"visibility"_s);
    if (!visibility.isUndefined() && visibility.toString() != "private"_L1)
        error(ManifestField::Visibility,
              u"Visibility must be \"private\": webhook apps are private to your organisation"_s);
    for (QLatin1StringView field :
         { ManifestField::EventsWebhookUrl, ManifestField::InstallationsWebhookUrl }) {
        const QString value = text(field).trimmed();
        if (value.isEmpty())
            error(field,
                  field == ManifestField::EventsWebhookUrl
                          ? u"Events webhook URL is required: Thena delivers events there"_s
                          : u"Installations webhook URL is required: Thena sends installation notices there"_s);
        else if (!isHttpUrl(value))
            error(field, u"Must be an http(s) URL"_s);
    }

    // Warnings: worth a look, but the server is the judge.
    for (const QString &section : { u"developer"_s, u"integration"_s, u"events"_s, u"scopes"_s,
                                    u"configuration"_s, u"metadata"_s }) {
        if (m_json.contains(section) && !m_json.value(section).isObject())
            warning(section, u"Thena expects a JSON object here"_s);
    }
    if (m_json.contains(u"activities"_s) && !m_json.value(u"activities"_s).isArray())
        warning(u"activities", u"Thena expects a JSON array here"_s);
    if (slug().isEmpty())
        warning(ManifestField::AppSlug,
                u"No slug: Thena may require one (unique in your organisation)"_s);
    else if (!slugPattern().match(slug()).hasMatch())
        warning(ManifestField::AppSlug,
                u"Slugs are usually 2 to 63 lowercase letters, digits or '-', starting with a letter or digit"_s);
    if (developerName().trimmed().isEmpty())
        warning(ManifestField::DeveloperName, u"No developer name: Thena may require one"_s);
    if (supportEmail().trimmed().isEmpty())
        warning(ManifestField::SupportEmail, u"No support e-mail: Thena may require one"_s);
    else if (!emailPattern().match(supportEmail().trimmed()).hasMatch())
        warning(ManifestField::SupportEmail, u"This does not look like an e-mail address"_s);
    for (QLatin1StringView field :
         { ManifestField::DeveloperWebsite, ManifestField::PrivacyPolicyUrl,
           ManifestField::TermsUrl, ManifestField::DocumentationUrl }) {
        const QString value = text(field);
        if (!value.isEmpty() && !isHttpUrl(value))
            warning(field, u"Not an http(s) URL"_s);
    }
    for (QLatin1StringView field :
         { ManifestField::EventsWebhookUrl, ManifestField::InstallationsWebhookUrl,
           ManifestField::InteractivityRequestUrl, ManifestField::MessageMenuOptionUrl }) {
        const QString value = text(field).trimmed();
        const bool interactivity = field == ManifestField::InteractivityRequestUrl
                || field == ManifestField::MessageMenuOptionUrl;
        if (value.isEmpty()) {
            if (interactivity)
                warning(field,
                        u"Not set: Thena's docs say to set the URLs inside webhooks and interactivity"_s);
            continue;
        }
        if (!isHttpUrl(value)) {
            if (interactivity)
                warning(field, u"Not an http(s) URL"_s);
            continue;
        }
        if (looksLikePlaceholder(value))
            warning(field, u"Looks like a placeholder: replace it with your endpoint"_s);
        else if (isUnreachableFromCloud(value))
            warning(field,
                    u"Thena's cloud cannot reach a local or private address: use a relay or tunnel URL"_s);
    }

    const QJsonValue subscribe = m_json.value(u"events"_s).toObject().value(u"subscribe"_s);
    if (!subscribe.isUndefined() && !subscribe.isArray()) {
        warning(ManifestField::SubscribedEvents,
                u"Thena expects a JSON array of {event, reason, description}"_s);
    } else if (subscribe.toArray().isEmpty()) {
        warning(ManifestField::SubscribedEvents,
                u"No events listed: Thena sends every event type"_s);
    } else {
        const QJsonArray list = subscribe.toArray();
        const EventCatalogue &catalogue = EventCatalogue::builtin();
        QSet<QString> seen;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString entry = u"%1[%2]"_s.arg(ManifestField::SubscribedEvents).arg(i);
            if (!list.at(i).isObject()) {
                warning(entry, u"Thena expects an object with an \"event\" name"_s);
                continue;
            }
            const QString event = list.at(i).toObject().value(u"event"_s).toString().trimmed();
            if (event.isEmpty()) {
                warning(entry + u".event"_s, u"No event name"_s);
                continue;
            }
            if (EventCatalogue::isPattern(event))
                warning(entry + u".event"_s,
                        u"\"%1\" is a pattern: Thena's docs list event names in a manifest "
                        u"(patterns are for "
                        "filtering on the receiving side); it stands for %2 documented name(s)"_s
                                .arg(event)
                                .arg(catalogue.expand(event).size()));
            else if (!catalogue.isDocumented(event))
                warning(entry + u".event"_s,
                        u"\"%1\" is not in Thena's documented event list"_s.arg(event));
            if (seen.contains(event))
                warning(entry + u".event"_s, u"\"%1\" is listed twice"_s.arg(event));
            seen.insert(event);
        }
    }
    return issues;
}

QString Manifest::slugFrom(const QString &name)
{
    const QString folded = name.normalized(QString::NormalizationForm_KD).toLower();
    QString slug;
    for (const QChar c : folded) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug.append(c);
        else if (c.isLetterOrNumber() || c.isMark())
            continue; // accents and non-Latin letters have no slug form
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug.append(u'-');
    }
    slug.truncate(63);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slugPattern().match(slug).hasMatch() ? slug : QString();
}

} // namespace Hookscope
