// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Hookscope {

// The body shapes a Thena webhook URL receives (docs/thena.md), plus what else can arrive.
enum class EnvelopeShape {
    Empty, // no body at all
    Wrapped, // {"message": {eventId, eventType, ...}, "messageAttributes"?}
    Flat, // {eventId, eventType, timestamp, orgId, actor, payload}
    Installation, // {event_type: "app:installation" | ..., installation_id, team_ids, ...}
    Legacy, // {"action": "CREATE"|"UPDATE", "request": {...}}
    UnknownJson, // valid JSON of another shape
    Form, // application/x-www-form-urlencoded
    Text, // other textual body
    Binary, // bytes that are not valid UTF-8 and not JSON
    InvalidJson, // claimed or looked like JSON but does not parse
};

// What the parser derives from one body. Everything is best effort: a field that is not
// there stays empty, nothing throws, and the raw body is never modified.
struct ParsedEvent
{
    EnvelopeShape shape = EnvelopeShape::Empty;
    QString type; // event type; "unknown" when the shape carries none
    QString eventId;
    QString org;
    QString team; // comma-separated when an installation names several
    QString actor;
    QString entity; // "#1042", "ACC0001", ...
    QString summary; // one line for the table
    qint64 occurredAt = 0; // ms since epoch, 0 when absent or unreadable
    QString error; // why the body is invalid (InvalidJson only)

    bool isInvalid() const { return shape == EnvelopeShape::InvalidJson; }

    // Copies the derived fields into an event (type, ids, times, team, actor, entity,
    // summary, org) and sets its status to "invalid" or "ok". Request data is left alone, but
    // read: a body of no known type sent to an interactivity URL (event.path / event.query,
    // see EndpointRoles) is typed "interactivity:request" or "interactivity:message-menu-option".
    void applyTo(struct Event &event) const;
};

class EventParser final
{
public:
    // Parses a delivery body. contentType is the request's Content-Type header (may be empty).
    static ParsedEvent parse(const QByteArray &body, const QByteArray &contentType = {});

    // The object that holds eventType/payload: root["message"] for wrapped events, the root
    // otherwise. JSON paths in filters and export columns resolve against it first.
    static QJsonObject eventObject(const QJsonObject &root);

    // Parses an ISO-8601 string or unix seconds/milliseconds (number or numeric string) to
    // ms since epoch; 0 when it is neither.
    static qint64 parseTimestamp(const class QJsonValue &value);

    // A display name for a person-ish value that may be a string, an object
    // ({name,email,id,...}), an array of those, or null.
    static QString personName(const class QJsonValue &value);
};

} // namespace Hookscope
