// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include "core/events/event.h"

namespace Hookscope {

// One delivery as the relay received it: what hookscope-relay stores per channel and what
// travels from the relay to a client.
struct RelayEvent
{
    qint64 id = 0; // relay event id: unique and increasing on one relay, never reused
    QString channel;
    qint64 timestamp = 0; // when the relay received it, ms since the epoch (UTC)
    QString method;
    QString path;
    QString query; // URL-encoded, without '?'; the channel token is never part of it
    QString remoteAddress;
    QString contentType;
    HeaderList headers; // as received: order, spelling and repeats kept
    QByteArray body; // exactly as received
};

} // namespace Hookscope
