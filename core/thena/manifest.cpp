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

#include "thena/eventcatalogue.h"

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

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == "https"_L1 || url.scheme() == "http"_L1) && !url.host().isEmpty()
        && !text.contains(u' ');
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
    for (const auto &[net, bits] :
        { QHostAddress::parseSubnet(u"10.0.0.0/8"_s), QHostAddress::parseSubnet(u"172.16.0.0/12"_s),
            QHostAddress::parseSubnet(u"192.168.0.0/16"_s), QHostAddress::parseSubnet(u"fc00::/7"_s) }) {
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

} // namespace

QString JsonTextError::toString() const
{
    if (!isError())
        return message;
    return u"line %1, column %2: %3"_s.arg(line).arg(column).arg(message);
}

JsonTextError JsonTextError::fromParseError(const QByteArray &text, int offset, const QString &message)
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
    const bool pattern = event.contains(u'*') || event.contains(u'?');
    return { event, u"Monitor %1 in Hookscope"_s.arg(event),
        pattern ? u"Events matching %1"_s.arg(event) : u"The %1 event"_s.arg(event) };
}

Manifest::Manifest(const QJsonObject &json)
    : m_json(json)
{ }

Manifest Manifest::defaultTemplate(const QString &webhookUrl)
{
    QFile file(u":/hookscope/thena/manifest-template.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("manifest template resource missing");
    Manifest m(QJsonDocument::fromJson(file.readAll()).object());
    if (!webhookUrl.isEmpty())
        m.setWebhookUrls(webhookUrl);
    return m;
}

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
            // Qt reports the offset just past the character where parsing failed: point at it.
            *error = JsonTextError::fromParseError(json, qMax(0, parseError.offset - 1), parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error) {
            qsizetype start = 0;
            while (start < json.size() && std::isspace(static_cast<unsigned char>(json.at(start))))
                ++start;
            *error = JsonTextError::fromParseError(json, int(start), u"the manifest must be a JSON object"_s);
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

void Manifest::setWebhookUrls(const QString &url)
{
    setEventsWebhookUrl(url);
    setInstallationsWebhookUrl(url);
}

QList<ManifestEvent> Manifest::subscribedEvents() const
{
    QList<ManifestEvent> events;
    const QJsonArray list = m_json.value(u"events"_s).toObject().value(u"subscribe"_s).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        const QString event = v.isString() ? v.toString() : o.value(u"event"_s).toString();
        if (!event.isEmpty())
            events.append({ event, o.value(u"reason"_s).toString(), o.value(u"description"_s).toString() });
    }
    return events;
}

void Manifest::setSubscribedEvents(const QList<ManifestEvent> &events)
{
    QJsonArray list;
    for (const ManifestEvent &e : events) {
        QJsonObject o { { u"event"_s, e.event } };
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

bool Manifest::hasErrors(const QList<ManifestIssue> &issues)
{
    return std::any_of(issues.cbegin(), issues.cend(), [](const ManifestIssue &i) { return i.isError(); });
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

    for (const QString &section :
        { u"app"_s, u"developer"_s, u"integration"_s, u"events"_s, u"scopes"_s, u"configuration"_s, u"metadata"_s }) {
        if (m_json.contains(section) && !m_json.value(section).isObject())
            error(section, u"Must be a JSON object"_s);
    }
    if (m_json.contains(u"activities"_s) && !m_json.value(u"activities"_s).isArray())
        error(u"activities", u"Must be a JSON array"_s);

    if (appName().trimmed().isEmpty())
        error(ManifestField::AppName, u"App name is required"_s);
    if (slug().isEmpty())
        error(ManifestField::AppSlug, u"Slug is required"_s);
    else if (!slugPattern().match(slug()).hasMatch())
        error(ManifestField::AppSlug,
            u"Slug must be 2 to 63 lowercase letters, digits or '-', starting with a letter or digit"_s);

    if (developerName().trimmed().isEmpty())
        error(ManifestField::DeveloperName, u"Developer name is required"_s);
    if (supportEmail().trimmed().isEmpty())
        error(ManifestField::SupportEmail, u"Support email is required"_s);
    else if (!emailPattern().match(supportEmail().trimmed()).hasMatch())
        error(ManifestField::SupportEmail, u"Not an email address"_s);

    for (QLatin1StringView field : { ManifestField::DeveloperWebsite, ManifestField::PrivacyPolicyUrl,
             ManifestField::TermsUrl, ManifestField::DocumentationUrl }) {
        const QString value = text(field);
        if (!value.isEmpty() && !isHttpUrl(value))
            error(field, u"Must be an http(s) URL"_s);
    }

    for (QLatin1StringView field : { ManifestField::EventsWebhookUrl, ManifestField::InstallationsWebhookUrl }) {
        const QString value = text(field);
        if (value.isEmpty()) {
            if (field == ManifestField::EventsWebhookUrl)
                error(field, u"Events webhook URL is required: Thena delivers events there"_s);
            continue;
        }
        if (!isHttpUrl(value))
            error(field, u"Must be an http(s) URL"_s);
        else if (isUnreachableFromCloud(value))
            warning(field, u"Thena's cloud cannot reach a local or private address: use a relay or tunnel URL"_s);
    }

    const QJsonValue subscribe = m_json.value(u"events"_s).toObject().value(u"subscribe"_s);
    if (!subscribe.isUndefined() && !subscribe.isArray()) {
        error(ManifestField::SubscribedEvents, u"Must be a JSON array"_s);
    } else if (subscribe.toArray().isEmpty()) {
        warning(ManifestField::SubscribedEvents, u"No events listed: Thena sends every event type"_s);
    } else {
        const QJsonArray list = subscribe.toArray();
        QSet<QString> seen;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString entry = u"%1[%2]"_s.arg(ManifestField::SubscribedEvents).arg(i);
            if (!list.at(i).isObject()) {
                error(entry, u"Each subscription is an object with an \"event\""_s);
                continue;
            }
            const QString event = list.at(i).toObject().value(u"event"_s).toString().trimmed();
            if (event.isEmpty()) {
                error(entry + u".event"_s, u"Event type is required"_s);
                continue;
            }
            if (!EventCatalogue::builtin().isKnown(event))
                warning(entry + u".event"_s, u"\"%1\" matches no known event type"_s.arg(event));
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
