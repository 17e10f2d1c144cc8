// SPDX-License-Identifier: MIT
// libFuzzer target: the filter language (FilterExpression::parse, matches,
// matchWithoutPayload).
//
// Input: the filter text (UTF-8), optionally followed by a NUL byte and an event body that
// is matched besides a few built-in events.
//
// Checked besides "no crash": errors carry a message and a column inside the text; the
// summary-only prefilter never contradicts the full evaluation; an expression without
// payload terms ignores the payload; and NOT ( expr ) matches exactly where expr does not.

#include <QByteArray>
#include <QList>
#include <QString>

#include "core/events/event.h"
#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/filter/filterexpression.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// 2026-11-20T09:14:03Z: relative times (since:15m) are anchored here, so runs reproduce.
constexpr qint64 Now = 1795166043000;

struct Sample
{
    EventSummary summary;
    QByteArray body;
    QByteArray contentType;
};

Sample sample(const QByteArray &body, const QByteArray &contentType, qint64 receivedAt,
              QLatin1StringView source)
{
    Sample s;
    s.body = body;
    s.contentType = contentType;
    Event e;
    e.body = body;
    EventParser::parse(body, contentType).applyTo(e);
    s.summary = e.summary;
    s.summary.id = receivedAt % 1000;
    s.summary.receivedAt = receivedAt;
    s.summary.source = source;
    s.summary.size = body.size();
    return s;
}

const QList<Sample> &builtinSamples()
{
    static const QList<Sample> samples = {
        sample(
                R"({"message":{"eventId":"evt_1","eventType":"ticket:priority:changed","timestamp":"2026-11-20T09:00:00Z",
"orgId":"O1","teamId":"T123NHFDRF","actor":{"id":"u1","type":"user","email":"sam@example.com"},
"payload":{"ticket":{"id":"t1","ticketId":1042,"title":"Refund: charged twice","priorityName":"Urgent",
"tags":["billing","vip"],"amount":12.5},"previousTicket":{"priorityName":"Low"}}}})",
                "application/json", Now - 60'000, EventSource::Local),
        sample(R"({"eventId":"evt_2","eventType":"account:updated","timestamp":1795160000,"orgId":"O1",
"actor":null,"payload":{"account":{"id":"ACC0001","name":"Acme","teamId":"T9","employees":-3}}})",
               "application/json", Now - 3'600'000, EventSource::Relay),
        sample("{\"action\":\"UPDATE\",\"request\":{\"requestId\":77,\"status\":\"closed\",\"team_"
               "id\":\"T5\"}}",
               "", Now - 86'400'000, EventSource::Local),
        sample("name=x&payload=%7B%22a%22%3A1%7D", "application/x-www-form-urlencoded", Now,
               EventSource::Demo),
        sample("{\"broken\": ", "application/json", Now - 1, EventSource::Local),
        sample(QByteArray("\x00\xff\xfe binary", 10), "application/octet-stream", 0,
               EventSource::Import),
    };
    return samples;
}

void checkOne(const FilterExpression &f, const FilterExpression *negated, const Sample &s)
{
    const EventPayload payload(s.body, s.contentType);
    const bool full = f.matches(s.summary, &payload);
    const bool noBody = f.matches(s.summary, nullptr);
    const std::optional<bool> quick = f.matchWithoutPayload(s.summary);
    if (quick.has_value()) {
        FUZZ_CHECK(*quick == full);
        FUZZ_CHECK(*quick == noBody);
    }
    if (!f.needsPayload()) {
        FUZZ_CHECK(quick.has_value());
        FUZZ_CHECK(full == noBody);
    }
    if (negated) {
        FUZZ_CHECK(negated->matches(s.summary, &payload) == !full);
        FUZZ_CHECK(negated->matches(s.summary, nullptr) == !noBody);
        const std::optional<bool> negatedQuick = negated->matchWithoutPayload(s.summary);
        if (negatedQuick.has_value() && quick.has_value())
            FUZZ_CHECK(*negatedQuick == !*quick);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::quietQt();
    (void)builtinSamples();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [filterBytes, bodyBytes] =
            FuzzSupport::splitOnce(FuzzSupport::bytes(data, size), '\0');
    const QString text = QString::fromUtf8(filterBytes);

    const FilterExpression f = FilterExpression::parse(text, Now);
    FUZZ_CHECK(f.text() == text);
    if (f.isValid()) {
        FUZZ_CHECK(f.errorColumn() == 0);
        FUZZ_CHECK(f.errorMessage().isEmpty());
    } else {
        FUZZ_CHECK(f.isEmpty());
        FUZZ_CHECK(!f.errorMessage().isEmpty());
        FUZZ_CHECK(f.errorColumn() >= 1 && f.errorColumn() <= text.size() + 1);
        // An invalid expression filters nothing out.
        for (const Sample &s : builtinSamples())
            FUZZ_CHECK(f.matches(s.summary, nullptr));
        return 0;
    }

    std::optional<FilterExpression> negated;
    if (!f.isEmpty()) {
        negated = FilterExpression::parse(u"NOT ( "_s + text + u" )"_s, Now);
        if (!negated->isValid()) {
            // Only the nesting bound may refuse what was valid one level up.
            FUZZ_CHECK(negated->errorMessage().contains(u"nested too deeply"_s));
            negated.reset();
        }
    }
    const FilterExpression *neg = negated ? &*negated : nullptr;
    for (const Sample &s : builtinSamples())
        checkOne(f, neg, s);
    if (!bodyBytes.isEmpty()) {
        const QByteArray body = bodyBytes.toByteArray();
        checkOne(f, neg, sample(body, "application/json", Now - 5'000, EventSource::Local));
        checkOne(
                f, neg,
                sample(body, "application/x-www-form-urlencoded", Now - 5'000, EventSource::Relay));
    }
    return 0;
}
