// SPDX-License-Identifier: MIT
#include "eventparser.h"

#include "core/events/endpointrole.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringDecoder>
#include <QUrlQuery>

#include "core/events/event.h"
#include "core/events/jsonpath.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

constexpr qsizetype SummaryMaxChars = 160;

QString str(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return JsonPath::toText(v);
    return {};
}

QString at(const QJsonObject &o, QStringView path)
{
    const QJsonValue v = JsonPath::resolve(o, path);
    return v.isString() || v.isDouble() || v.isBool() ? JsonPath::toText(v) : QString();
}

QString firstOf(std::initializer_list<QString> candidates)
{
    for (const QString &c : candidates)
        if (!c.isEmpty())
            return c;
    return {};
}

// One line, no markup, bounded length.
QString oneLine(QString text)
{
    if (text.contains(u'<')) {
        // Strip simple HTML tags (comment bodies, legacy descriptions).
        QString out;
        out.reserve(text.size());
        bool inTag = false;
        for (QChar c : std::as_const(text)) {
            if (c == u'<')
                inTag = true;
            else if (c == u'>' && inTag)
                inTag = false;
            else if (!inTag)
                out.append(c);
        }
        text = out;
    }
    text = text.simplified();
    if (text.size() > SummaryMaxChars)
        text = text.left(SummaryMaxChars - 1) + u'…';
    return text;
}

QString change(const QString &before, const QString &after)
{
    if (before.isEmpty() && after.isEmpty())
        return {};
    return u" ("_s + (before.isEmpty() ? u"–"_s : before) + u" → "_s
            + (after.isEmpty() ? u"–"_s : after) + u')';
}

QString ticketEntity(const QJsonObject &ticket)
{
    const QJsonValue number = ticket.value("ticketId"_L1);
    if (number.isDouble() || (number.isString() && !number.toString().isEmpty()))
        return u'#' + JsonPath::toText(number);
    return str(ticket, "id"_L1);
}

QString actorName(const QJsonValue &actor)
{
    if (actor.isObject()) {
        const QJsonObject o = actor.toObject();
        return firstOf({ str(o, "email"_L1), str(o, "name"_L1), str(o, "id"_L1) });
    }
    return EventParser::personName(actor);
}

// Fills the derived fields of a platform event (wrapped or flat): `event` is the object that
// carries eventType and payload.
void fillPlatform(ParsedEvent &out, const QJsonObject &event)
{
    out.type = str(event, "eventType"_L1);
    out.eventId = str(event, "eventId"_L1);
    out.org = str(event, "orgId"_L1);
    out.occurredAt = EventParser::parseTimestamp(event.value("timestamp"_L1));
    out.actor = actorName(event.value("actor"_L1));

    const QJsonObject payload = event.value("payload"_L1).toObject();
    const QJsonObject ticket = payload.value("ticket"_L1).toObject();
    const QJsonObject comment = payload.value("comment"_L1).toObject();

    out.team =
            firstOf({ str(event, "teamId"_L1), str(ticket, "teamId"_L1), str(comment, "teamId"_L1),
                      at(payload, u"account.teamId"), at(payload, u"object.teamId") });

    const QString type = out.type;
    const QStringView category = QStringView(type).left(qMax<qsizetype>(0, type.indexOf(u':')));
    if (type.startsWith("ticket:comment:"_L1) || (!comment.isEmpty() && category == u"ticket")) {
        out.entity = ticketEntity(ticket);
        out.summary = oneLine(firstOf({ str(comment, "content"_L1), str(comment, "contentHtml"_L1),
                                        str(ticket, "title"_L1) }));
    } else if (category == u"ticket") {
        out.entity = ticketEntity(ticket);
        QString line = firstOf({ str(ticket, "title"_L1), str(ticket, "aiGeneratedTitle"_L1) });
        const QJsonObject previous = payload.value("previousTicket"_L1).toObject();
        if (type == "ticket:priority:changed"_L1)
            line += change(str(previous, "priorityName"_L1), str(ticket, "priorityName"_L1));
        else if (type == "ticket:status:changed"_L1)
            line += change(str(previous, "statusName"_L1), str(ticket, "statusName"_L1));
        else if (type == "ticket:assigned"_L1) {
            const QString who = firstOf({ EventParser::personName(ticket.value("assignedAgent"_L1)),
                                          EventParser::personName(ticket.value("assignedTo"_L1)) });
            if (!who.isEmpty())
                line += u" → "_s + who;
        }
        out.summary = oneLine(line);
    } else if (type.startsWith("custom-object:"_L1)) {
        const QJsonObject object = payload.value("object"_L1).toObject();
        out.entity = str(object, "id"_L1);
        QString line = firstOf({ str(object, "name"_L1), str(object, "title"_L1), out.entity });
        const QString field = str(payload, "field"_L1);
        if (!field.isEmpty())
            line += u": "_s + field
                    + change(JsonPath::toText(payload.value("previousValue"_L1)),
                             JsonPath::toText(payload.value("value"_L1)));
        out.summary = oneLine(line);
    } else {
        // account, account-health, user, organization, ...: the payload holds one object named
        // after the category (account, user, organization, ...); take the first object found.
        QJsonObject subject;
        const QString key = category.split(u'-').value(0).toString();
        if (payload.value(key).isObject())
            subject = payload.value(key).toObject();
        else
            for (auto it = payload.begin(); it != payload.end() && subject.isEmpty(); ++it)
                if (it->isObject())
                    subject = it->toObject();
        out.entity = str(subject, "id"_L1);
        QString line =
                firstOf({ str(subject, "name"_L1), str(subject, "title"_L1),
                          str(subject, "email"_L1), str(subject, "content"_L1), out.entity });
        if (!ticket.isEmpty() && line.isEmpty())
            line = str(ticket, "title"_L1);
        out.summary = oneLine(line);
    }
    if (out.type.isEmpty())
        out.type = u"unknown"_s;
}

void fillInstallation(ParsedEvent &out, const QJsonObject &root)
{
    out.type = str(root, "event_type"_L1);
    out.eventId = str(root, "event_id"_L1);
    out.org = str(root, "organization_id"_L1);
    out.entity = str(root, "installation_id"_L1);
    out.actor = firstOf({ str(root, "created_by"_L1), str(root, "installed_by"_L1) });
    out.occurredAt = EventParser::parseTimestamp(root.contains("created_at"_L1)
                                                         ? root.value("created_at"_L1)
                                                         : root.value("timestamp"_L1));
    QStringList teams;
    for (const QJsonValue &t : root.value("team_ids"_L1).toArray())
        teams.append(JsonPath::toText(t));
    out.team = teams.join(u',');

    const QString app =
            firstOf({ str(root, "application_name"_L1), str(root, "application_id"_L1), u"App"_s });
    static const QList<QPair<QLatin1StringView, QLatin1StringView>> verbs = {
        { "app:installation"_L1, "installed"_L1 },
        { "app:reinstall"_L1, "reinstalled"_L1 },
        { "app:uninstall"_L1, "uninstalled"_L1 },
        { "app:configuration:update"_L1, "configuration updated"_L1 },
        { "app:team:added"_L1, "added to"_L1 },
        { "app:team:removed"_L1, "removed from"_L1 },
    };
    QString verb = out.type;
    for (const auto &[type, text] : verbs)
        if (out.type == type)
            verb = text;
    QString line = app + u' ' + verb;
    if (!teams.isEmpty())
        line += (verb.endsWith(" to"_L1) || verb.endsWith(" from"_L1) ? u" "_s : u" on "_s)
                + (teams.size() == 1 ? u"team "_s + teams.first()
                                     : QString::number(teams.size()) + u" teams"_s);
    out.summary = oneLine(line);
}

void fillLegacy(ParsedEvent &out, const QJsonObject &root)
{
    const QString action = str(root, "action"_L1).toLower();
    out.type = u"request:"_s
            + (action == "create"_L1           ? u"created"_s
                       : action == "update"_L1 ? u"updated"_s
                                               : action);
    const QJsonObject request = root.value("request"_L1).toObject();
    const QString requestId = str(request, "requestId"_L1);
    out.entity = requestId.isEmpty() ? QString() : u'#' + requestId;
    out.team = str(request, "team_id"_L1);
    out.actor = action == "create"_L1 ? actorName(request.value("sender"_L1))
                                      : firstOf({ actorName(request.value("assignedTo"_L1)),
                                                  actorName(request.value("sender"_L1)) });
    out.occurredAt = EventParser::parseTimestamp(
            action == "update"_L1 ? request.value("updatedAt"_L1) : request.value("createdAt"_L1));
    QString line =
            firstOf({ str(request, "AI_requestTitle"_L1), str(request, "AI_requestSummary"_L1),
                      str(request, "description"_L1) });
    const QString customer = str(request, "customer_name"_L1);
    const QString status = str(request, "status"_L1);
    if (!customer.isEmpty())
        line = customer + u" – "_s + line;
    if (!status.isEmpty() && action == "update"_L1)
        line += u" ["_s + status + u']';
    out.summary = oneLine(line);
}

bool looksLikeJson(const QByteArray &body)
{
    for (char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[' || c == '"';
    }
    return false;
}

bool isValidUtf8(const QByteArray &body)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(body); // decoding is lazy until converted
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

QString describeJsonError(const QByteArray &body, const QJsonParseError &error)
{
    // Report line:column as well as the byte offset: that is what a person looks for.
    const qsizetype offset = qBound<qsizetype>(0, qsizetype(error.offset), body.size());
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        if (body.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return u"invalid JSON at line %1, column %2 (byte %3): %4"_s.arg(line)
            .arg(column)
            .arg(offset)
            .arg(error.errorString());
}

void fillFromJson(ParsedEvent &out, const QJsonDocument &doc)
{
    if (!doc.isObject()) {
        out.shape = EnvelopeShape::UnknownJson;
        out.type = u"unknown"_s;
        out.summary = doc.isArray() ? u"JSON array of %1 items"_s.arg(doc.array().size())
                                    : u"JSON value"_s;
        return;
    }
    const QJsonObject root = doc.object();
    const QJsonValue message = root.value("message"_L1);
    if (message.isObject() && message.toObject().contains("eventType"_L1)) {
        out.shape = EnvelopeShape::Wrapped;
        fillPlatform(out, message.toObject());
    } else if (root.value("eventType"_L1).isString()) {
        out.shape = EnvelopeShape::Flat;
        fillPlatform(out, root);
    } else if (root.value("event_type"_L1).toString().startsWith("app:"_L1)) {
        out.shape = EnvelopeShape::Installation;
        fillInstallation(out, root);
    } else if (root.value("action"_L1).isString() && root.value("request"_L1).isObject()) {
        out.shape = EnvelopeShape::Legacy;
        fillLegacy(out, root);
    } else {
        out.shape = EnvelopeShape::UnknownJson;
        out.type = u"unknown"_s;
        QStringList keys = root.keys();
        if (keys.size() > 6) {
            keys = keys.mid(0, 6);
            keys.append(u"…"_s);
        }
        out.summary = oneLine(u"JSON object {"_s + keys.join(u", "_s) + u'}');
    }
}

} // namespace

void ParsedEvent::applyTo(Event &event) const
{
    EventSummary &s = event.summary;
    s.type = type;
    // A delivery to an app's interactivity URL that does not name its own type is labelled by
    // the URL it came to (the wizard derives …/interactivity and …/menu from one endpoint).
    if (type == "unknown"_L1 && !isInvalid()) {
        const QString label = EndpointRoles::typeLabel(EndpointRoles::of(event.path, event.query));
        if (!label.isEmpty())
            s.type = label;
    }
    s.eventId = eventId;
    s.occurredAt = occurredAt;
    s.team = team;
    s.actor = actor;
    s.entity = entity;
    s.summary = summary;
    s.status = isInvalid() ? EventStatus::Invalid : EventStatus::Ok;
    event.org = org;
}

ParsedEvent EventParser::parse(const QByteArray &body, const QByteArray &contentType)
{
    ParsedEvent out;
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mime =
            (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    if (body.isEmpty()) {
        out.shape = EnvelopeShape::Empty;
        out.type = u"unknown"_s;
        out.summary = u"(empty body)"_s;
        return out;
    }

    const bool declaredJson =
            mime == "application/json" || mime.endsWith("+json") || mime == "text/json";
    if (mime == "application/x-www-form-urlencoded") {
        // Some senders post JSON inside a form field named "payload"; look there first.
        QByteArray plus = body;
        plus.replace('+', ' ');
        const QUrlQuery form(QString::fromUtf8(plus));
        const QString payload = form.queryItemValue(u"payload"_s, QUrl::FullyDecoded);
        if (!payload.isEmpty()) {
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(payload.toUtf8(), &error);
            if (error.error == QJsonParseError::NoError && doc.isObject()) {
                fillFromJson(out, doc);
                return out;
            }
        }
        out.shape = EnvelopeShape::Form;
        out.type = u"unknown"_s;
        QStringList keys;
        for (const auto &item : form.queryItems(QUrl::FullyDecoded))
            keys.append(item.first);
        out.summary = oneLine(u"form: "_s + keys.join(u", "_s));
        return out;
    }

    if (declaredJson || ((mime.isEmpty() || mime == "text/plain") && looksLikeJson(body))) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError) {
            out.shape = EnvelopeShape::InvalidJson;
            out.type = u"unknown"_s;
            out.error = describeJsonError(body, error);
            out.summary = oneLine(out.error);
            return out;
        }
        fillFromJson(out, doc);
        return out;
    }

    out.type = u"unknown"_s;
    if (isValidUtf8(body)) {
        out.shape = EnvelopeShape::Text;
        out.summary = oneLine(QString::fromUtf8(body));
    } else {
        out.shape = EnvelopeShape::Binary;
        out.summary = u"%1 bytes of binary data"_s.arg(body.size());
    }
    return out;
}

QJsonObject EventParser::eventObject(const QJsonObject &root)
{
    const QJsonValue message = root.value("message"_L1);
    if (message.isObject() && message.toObject().contains("eventType"_L1))
        return message.toObject();
    return root;
}

qint64 EventParser::parseTimestamp(const QJsonValue &value)
{
    auto fromNumber = [](double n) -> qint64 {
        // Beyond the year 9999 (in either unit) a number is no timestamp; this also keeps the
        // conversion to qint64 defined.
        constexpr double MaxMs = 253402300800000.0;
        if (!(n > 0) || n >= MaxMs)
            return 0;
        // Unix seconds until the year 5138; larger values are already milliseconds.
        return n < 1e11 ? qint64(n * 1000.0) : qint64(n);
    };
    if (value.isDouble())
        return fromNumber(value.toDouble());
    if (!value.isString())
        return 0;
    const QString text = value.toString().trimmed();
    bool numeric = false;
    const double n = text.toDouble(&numeric);
    if (numeric)
        return fromNumber(n);
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!dt.isValid())
        return 0;
    if (dt.timeSpec() == Qt::LocalTime && !text.contains(u'Z') && !text.contains(u'+'))
        dt.setTimeSpec(Qt::UTC); // a zone-less stamp from a server is UTC, not our local time
    return dt.toMSecsSinceEpoch();
}

QString EventParser::personName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        QString name = firstOf({ str(o, "name"_L1), str(o, "displayName"_L1) });
        if (name.isEmpty()) {
            const QString full =
                    QString(str(o, "firstName"_L1) + u' ' + str(o, "lastName"_L1)).trimmed();
            name = firstOf({ full, str(o, "email"_L1), str(o, "id"_L1) });
        }
        return name;
    }
    case QJsonValue::Array: {
        QStringList names;
        for (const QJsonValue &v : value.toArray()) {
            const QString n = personName(v);
            if (!n.isEmpty())
                names.append(n);
        }
        return names.join(u", "_s);
    }
    default:
        return {};
    }
}

} // namespace Hookscope
