// SPDX-License-Identifier: MIT
// libFuzzer target: the envelope parser (EventParser::parse) and the lazy payload view
// (EventPayload), on any body with any of the content types a delivery may claim.
//
// Input: the body. Its last byte picks the Content-Type: application/json when it is '}',
// ']' or a line feed (so the JSON fixtures used as seeds stay JSON deliveries), else one of
// the table below.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <iterator>

#include "core/events/event.h"
#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/events/jsonpath.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

constexpr qint64 MinTime = -62167219200000; // 0000-01-01T00:00:00Z
constexpr qint64 MaxTime = 253402300799999; // 9999-12-31T23:59:59.999Z

const QByteArray ContentTypes[] = {
    "application/json",
    "",
    "application/x-www-form-urlencoded",
    "text/plain",
    "text/plain; charset=utf-8",
    "application/octet-stream",
    "application/vnd.thena+json; charset=utf-8",
    "APPLICATION/JSON ; charset=latin1",
    "text/json",
    "multipart/form-data; boundary=x",
};

// Paths the filters and export columns commonly use, plus awkward ones.
const QString Paths[] = {
    u"payload.ticket.priorityName"_s,
    u"payload.ticket.tags[0]"_s,
    u"payload.ticket.tags.0"_s,
    u"message.eventId"_s,
    u"eventType"_s,
    u"request.assignedTo"_s,
    u"team_ids[1]"_s,
    u"[0]"_s,
    u"a..b"_s,
    u"[\"x\"].y"_s,
    u"[unterminated"_s,
    u"payload.account.customFields[-1]"_s,
    u""_s,
};

bool same(const ParsedEvent &a, const ParsedEvent &b)
{
    return a.shape == b.shape && a.type == b.type && a.eventId == b.eventId && a.org == b.org
            && a.team == b.team && a.actor == b.actor && a.entity == b.entity
            && a.summary == b.summary && a.occurredAt == b.occurredAt && a.error == b.error;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = FuzzSupport::bytes(data, size).toByteArray();
    const uint8_t last = size ? data[size - 1] : 0;
    const QByteArray &contentType = last == '}' || last == ']' || last == '\n'
            ? ContentTypes[0]
            : ContentTypes[last % std::size(ContentTypes)];

    const ParsedEvent parsed = EventParser::parse(body, contentType);

    // Invariants the table, the store and the receiver rely on.
    FUZZ_CHECK(!parsed.type.isEmpty()); // "unknown" at worst
    FUZZ_CHECK(parsed.summary.size() <= 160); // one bounded line
    FUZZ_CHECK(!parsed.summary.contains(u'\n'));
    FUZZ_CHECK(parsed.isInvalid() == !parsed.error.isEmpty());
    FUZZ_CHECK((parsed.shape == EnvelopeShape::Empty) == body.isEmpty());
    // Between the years 0 and 9999 (ISO 8601's range; before 1970 is negative), or 0.
    FUZZ_CHECK(parsed.occurredAt >= MinTime && parsed.occurredAt <= MaxTime);
    // Pure: the same body gives the same result.
    FUZZ_CHECK(same(parsed, EventParser::parse(body, contentType)));

    Event event;
    event.body = body;
    parsed.applyTo(event);
    FUZZ_CHECK(event.body == body); // the raw bytes are never touched
    FUZZ_CHECK(event.summary.status
               == (parsed.isInvalid() ? EventStatus::Invalid : EventStatus::Ok));

    const EventPayload payload(body, contentType);
    for (const QString &path : Paths) {
        const QJsonValue v = payload.value(path);
        (void)JsonPath::toText(v);
    }
    // A path taken from the body itself, so the fuzzer can steer into deep lookups.
    const QString text = payload.text();
    (void)payload.value(QStringView(text).left(64));
    return 0;
}
