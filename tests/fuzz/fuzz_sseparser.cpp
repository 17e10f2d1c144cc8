// SPDX-License-Identifier: MIT
// libFuzzer target: the text/event-stream parser of the relay client (SseParser). Bytes may
// arrive split anywhere: any split must give the same events and the same state as one read.
//
// Input: byte 0 picks the size bound (small, so the drop paths run), bytes 1-4 seed the
// split points, the rest is the stream.

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <random>

#include "core/relay/sseparser.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Hookscope;

namespace {

struct Outcome
{
    QList<SseEvent> events;
    QString lastEventId;
    qint64 retryMs = -1;
    int oversized = 0;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

Outcome run(qsizetype maxEventBytes, QByteArrayView stream, const QList<qsizetype> &cuts)
{
    SseParser parser(maxEventBytes);
    Outcome o;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        o.events += parser.feed(stream.sliced(from, cut - from));
        from = cut;
    }
    o.events += parser.feed(stream.sliced(from));
    o.lastEventId = parser.lastEventId();
    o.retryMs = parser.retryMs();
    o.oversized = parser.oversizedCount();
    return o;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5)
        return 0;
    const qsizetype maxEventBytes =
            data[0] == 255 ? SseParser::DefaultMaxEventBytes : 8 + qsizetype(data[0]) * 4;
    std::mt19937 rng(quint32(data[1]) | quint32(data[2]) << 8 | quint32(data[3]) << 16
                     | quint32(data[4]) << 24);
    const QByteArrayView stream = FuzzSupport::bytes(data + 5, size - 5);

    const Outcome whole = run(maxEventBytes, stream, {});
    for (const SseEvent &e : whole.events) {
        FUZZ_CHECK(!e.type.isEmpty());
        FUZZ_CHECK(!e.lastEventId.contains(QChar(0)));
    }
    FUZZ_CHECK(whole.retryMs >= -1);

    const QList<qsizetype> cuts = FuzzSupport::randomCuts(rng, stream.size());
    FUZZ_CHECK(run(maxEventBytes, stream, cuts) == whole);

    if (stream.size() <= 2048) {
        QList<qsizetype> every;
        for (qsizetype i = 1; i < stream.size(); ++i)
            every.append(i);
        FUZZ_CHECK(run(maxEventBytes, stream, every) == whole);
    }

    // restart() keeps the last event ID and retry; reset() forgets them.
    SseParser parser(maxEventBytes);
    (void)parser.feed(stream);
    const QString id = parser.lastEventId();
    const qint64 retry = parser.retryMs();
    parser.restart();
    FUZZ_CHECK(parser.lastEventId() == id);
    FUZZ_CHECK(parser.retryMs() == retry);
    parser.reset();
    FUZZ_CHECK(parser.lastEventId().isEmpty());
    FUZZ_CHECK(parser.retryMs() == -1);
    return 0;
}
