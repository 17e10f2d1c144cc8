// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

#include "core/relay/relayevent.h"

// The wire formats between a relay and its subscribers, in one place so that the server
// (encoding) and the client (decoding) cannot drift apart.
//
// smee (SSE, `GET /<channel>`): each delivery is an unnamed event whose data is one JSON
// object: every request header as a lowercase top-level key (repeats joined with ", "),
// plus `body` (the parsed JSON, else the text; `{}` when empty, as smee.io does), `query`
// (object) and `timestamp` (ms). smee-client POSTs JSON.stringify(body) to its target and
// sends *every other key* as a request header, so our additions are chosen to be harmless
// there: `x-hookscope-id` (the relay event id, a useful idempotency key) and
// `x-hookscope-content-type` (the original type, which smee-client replaces with
// application/json). The raw bytes, `x-hookscope-body-base64`, are only added for
// subscribers that ask for them (header `X-Hookscope-Features: raw-body`): as a header
// they would be up to 4/3 of the body, and Node's default header limit is 16 KiB.
// Hop-by-hop headers (Connection, Transfer-Encoding, ...) are left out: they describe the
// sender's connection to the relay, and undici refuses to send several of them.
//
// WebSocket (`/ws/<channel>?token=…[&after=<id>]`), our client only; text messages:
//   relay → client  {"type":"ready","after":id,"evicted_up_to":id,"dropped":n}
//                   {"type":"event","id":…,"timestamp":…,"method":…,"path":…,"query":"a=1",
//                    "remote_addr":…,"content_type":…,"headers":[[name,value],…],
//                    "body_base64":…}
//                   {"type":"ping","timestamp":…}
//                   {"type":"error","status":…,"error":…}, then a close: 1008 if a check
//                   fails after the upgrade (normally a bad token, an unknown channel or a
//                   full channel is refused before it, with HTTP 401 / 404 / 429), 1011
//                   with status 503 when the relay's buffer turned out to be damaged
//   client → relay  {"ack":id}  (cumulative: every event up to id is stored by the client)
// Header names and values travel as Latin-1 strings, so any byte survives.
namespace Hookscope::RelayProtocol {

inline constexpr QLatin1StringView ServerName{ "hookscope-relay" };
inline constexpr char ServerHeader[] = "X-Hookscope-Relay"; // response header, value: version
inline constexpr char FeaturesHeader[] = "X-Hookscope-Features"; // request header of a subscriber
inline constexpr char RawBodyFeature[] = "raw-body";
inline constexpr QLatin1StringView IdKey{ "x-hookscope-id" };
inline constexpr QLatin1StringView BodyBase64Key{ "x-hookscope-body-base64" };
inline constexpr QLatin1StringView ContentTypeKey{ "x-hookscope-content-type" };

// True for headers that only describe one connection (RFC 9110 §7.6.1) and for Expect.
bool isHopByHop(QByteArrayView name);

// `body` as smee.io puts it in a delivery: parsed JSON (any value), a form as an object,
// other text as a string, `{}` when empty.
QJsonValue smeeBody(const QByteArray &body, const QString &contentType = {});

// The SSE `data` of one delivery (compact JSON, one line).
QByteArray smeeData(const RelayEvent &event, bool withRawBody);
// A whole SSE frame: `id:` + `data:` + blank line.
QByteArray sseFrame(const RelayEvent &event, bool withRawBody);

// Decodes a smee delivery (from smee.io or from a hookscope-relay). The body is the raw
// bytes when the relay sent them, else JSON.stringify(body) — what smee-client forwards —
// taken from the delivery text itself so the key order is the sender's. The id is
// x-hookscope-id when present (0 otherwise); method is POST, as smee does not say.
std::optional<RelayEvent> fromSmeeData(QByteArrayView data, QString *error = nullptr);

QByteArray wsEventMessage(const RelayEvent &event);
std::optional<RelayEvent> fromWsEventMessage(const QJsonObject &message, QString *error = nullptr);

// The text of a top-level member of a JSON object, with insignificant whitespace removed
// (so JSON.stringify's output comes back unchanged). nullopt when the text is not a JSON
// object or has no such member; the last one wins when a key repeats, as in JSON.parse.
std::optional<QByteArray> memberText(QByteArrayView objectText, QStringView key);

} // namespace Hookscope::RelayProtocol
