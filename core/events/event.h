// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Hookscope {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Values of EventSummary::status.
namespace EventStatus {
inline constexpr QLatin1StringView Ok{ "ok" };
inline constexpr QLatin1StringView Repeat{ "repeat" }; // eventId seen before
inline constexpr QLatin1StringView Invalid{ "invalid" }; // body claimed JSON but did not parse
} // namespace EventStatus

// Values of EventSummary::source.
namespace EventSource {
inline constexpr QLatin1StringView Local{ "local" }; // our own HTTP receiver
inline constexpr QLatin1StringView Relay{ "relay" }; // a tunnel relay channel
inline constexpr QLatin1StringView Demo{ "demo" }; // bundled sample events
inline constexpr QLatin1StringView Import{ "import" };
} // namespace EventSource

// The compact per-event data the table model keeps for every row (the payload itself
// stays in the store and is loaded on demand). Times are milliseconds since the epoch, UTC.
struct EventSummary
{
    qint64 id = 0; // store row id, increasing with arrival
    qint64 receivedAt = 0;
    qint64 occurredAt = 0; // 0 when the body carries no timestamp
    QString type; // "ticket:created", "request:updated", "unknown", ...
    QString eventId;
    QString team;
    QString actor;
    QString entity;
    QString summary;
    QString source;
    QString status;
    qint64 size = 0; // body bytes
};

// A whole delivery: the summary plus everything needed to show, export or replay it.
struct Event
{
    EventSummary summary;
    QString org;
    QString method;
    QString path;
    QString query;
    QString remoteAddress;
    QString contentType;
    HeaderList headers;
    QByteArray body; // exactly as received
};

// What Hookscope answered a delivery: the status and body it sent and how long after the
// request was complete, or that it dropped the connection on purpose. Deliveries that
// came through a relay were answered by the relay and have none.
struct EventAnswer
{
    int status = 0; // 0: no answer (the connection was dropped, see `mode`)
    QByteArray body;
    qint64 micros = -1; // request complete → answer written (or dropped)
    // Empty for the receiver's own answer; otherwise what response mode set it
    // ("status 503", "delay 2000 ms", "dropped").
    QString mode;

    bool isDropped() const { return status == 0; }
    friend bool operator==(const EventAnswer &, const EventAnswer &) = default;
};

} // namespace Hookscope
