// SPDX-License-Identifier: MIT
// libFuzzer target: RequestGuard, the HTTP/1.1 framer that enforces the receiver's limits as
// bytes arrive. However TCP splits a stream, the guard must reach the same verdict and the
// same state as when it sees the stream in one read.
//
// Input: bytes 0-1 choose small limits (so the fuzzer reaches 413/431 with short inputs),
// bytes 2-5 seed the split points, the rest is the stream.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <algorithm>
#include <random>

#include "core/receiver/requestguard.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Hookscope;

namespace {

struct Outcome
{
    RequestGuard::Verdict verdict = RequestGuard::Verdict::Continue;
    bool inRequest = false;
    qint64 declared = -1;
    QString reason;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

Outcome outcome(const RequestGuard &guard, RequestGuard::Verdict verdict)
{
    return { verdict, guard.inRequest(), guard.declaredLength(), guard.reason() };
}

// Feeds `stream` in pieces ending at `cuts` (ascending); stops feeding at the first refusal,
// as the server does (it answers and closes).
Outcome feedSplit(const RequestLimits &limits, QByteArrayView stream, const QList<qsizetype> &cuts)
{
    RequestGuard guard(limits);
    RequestGuard::Verdict verdict = RequestGuard::Verdict::Continue;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        verdict = guard.feed(stream.sliced(from, cut - from));
        from = cut;
        if (verdict != RequestGuard::Verdict::Continue)
            return outcome(guard, verdict);
    }
    verdict = guard.feed(stream.sliced(from));
    return outcome(guard, verdict);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 6)
        return 0;
    RequestLimits limits;
    limits.maxHeaderBytes = 16 + qint64(data[0]) * 8; // 16 ... 2056
    limits.maxBodyBytes = data[1] == 255 ? RequestLimits{}.maxBodyBytes : qint64(data[1]) * 16;
    const quint32 seed = quint32(data[2]) | quint32(data[3]) << 8 | quint32(data[4]) << 16
            | quint32(data[5]) << 24;
    const QByteArrayView stream = FuzzSupport::bytes(data + 6, size - 6);

    RequestGuard whole(limits);
    const Outcome reference = outcome(whole, whole.feed(stream));
    FUZZ_CHECK((reference.verdict == RequestGuard::Verdict::Continue)
               == reference.reason.isEmpty());
    // A refusal is sticky: more bytes do not change it.
    if (reference.verdict != RequestGuard::Verdict::Continue)
        FUZZ_CHECK(whole.feed("GET / HTTP/1.1\r\n\r\n") == reference.verdict);

    // Random split points.
    std::mt19937 rng(seed);
    QList<qsizetype> cuts;
    if (!stream.isEmpty()) {
        const int pieces = int(rng() % 16);
        for (int i = 0; i < pieces; ++i)
            cuts.append(qsizetype(rng() % quint32(stream.size())));
        std::sort(cuts.begin(), cuts.end());
    }
    const Outcome split = feedSplit(limits, stream, cuts);
    if (!(split == reference))
        std::fprintf(stderr,
                     "whole: verdict %d inRequest %d declared %lld '%s'\nsplit: verdict %d "
                     "inRequest %d declared %lld '%s'\n",
                     int(reference.verdict), reference.inRequest, reference.declared,
                     qPrintable(reference.reason), int(split.verdict), split.inRequest,
                     split.declared, qPrintable(split.reason));
    FUZZ_CHECK(split == reference);

    // One byte at a time, the worst case of a slow client (bounded, to keep runs fast).
    if (stream.size() <= 2048) {
        QList<qsizetype> every;
        for (qsizetype i = 1; i < stream.size(); ++i)
            every.append(i);
        FUZZ_CHECK(feedSplit(limits, stream, every) == reference);
    }
    return 0;
}
