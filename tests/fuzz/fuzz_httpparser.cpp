// SPDX-License-Identifier: MIT
// libFuzzer target: Http::RequestParser, the one HTTP/1.1 parser of the receiver and the
// relay. However TCP splits a stream, the parser must frame the same requests (method,
// target, headers, body) and reach the same refusal as when it sees the stream in one read;
// a request it accepts respects every limit, and re-serialised it parses to itself.
//
// Input: bytes 0-1 choose small limits (so the fuzzer reaches 413/431 with short inputs),
// bytes 2-5 seed the split points, the rest is the stream.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <algorithm>
#include <random>

#include "core/http/httpparser.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Hookscope::Http;

namespace {

struct Outcome
{
    QList<QByteArray> requests; // each request framed, serialised canonically
    int errorStatus = 0;
    qsizetype consumed = 0;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

QByteArray canonical(const Request &r)
{
    QByteArray out =
            r.method + ' ' + r.target + " HTTP/1." + QByteArray::number(r.minorVersion) + '\n';
    for (const auto &[name, value] : r.headers)
        out += name + ": " + value + '\n';
    out += "keep-alive=" + QByteArray::number(r.keepAlive)
            + " chunked=" + QByteArray::number(r.chunked) + '\n' + r.body;
    return out;
}

void checkLimits(const Request &r, const RequestLimits &limits)
{
    FUZZ_CHECK(r.body.size() <= limits.maxBodyBytes);
    FUZZ_CHECK(r.headers.size() <= limits.maxHeaderFields);
    FUZZ_CHECK(!(r.chunked && r.contentLength >= 0));
    if (r.contentLength >= 0)
        FUZZ_CHECK(r.body.size() == r.contentLength);
    for (const char c : r.target)
        FUZZ_CHECK(uchar(c) > 0x20 && uchar(c) < 0x7f);
    for (const auto &[name, value] : r.headers) {
        FUZZ_CHECK(!name.isEmpty() && !name.contains(':'));
        FUZZ_CHECK(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'));
    }
}

// Feeds `stream` in pieces ending at `cuts` (ascending); stops at the first refusal, as the
// server does (it answers and closes).
Outcome run(const RequestLimits &limits, QByteArrayView stream, const QList<qsizetype> &cuts)
{
    RequestParser parser(limits);
    Outcome out;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(stream.size());
    for (const qsizetype end : ends) {
        QByteArrayView piece = stream.sliced(from, end - from);
        from = end;
        while (true) {
            qsizetype used = 0;
            const RequestParser::Result result = parser.feed(piece, &used);
            FUZZ_CHECK(used >= 0 && used <= piece.size());
            out.consumed += used;
            piece = piece.sliced(used);
            if (result == RequestParser::Result::Error) {
                out.errorStatus = parser.errorStatus();
                out.consumed = -1; // the server reads no further: how far it got is moot
                FUZZ_CHECK(out.errorStatus >= 400 && out.errorStatus <= 505);
                FUZZ_CHECK(!parser.errorReason().isEmpty());
                return out;
            }
            if (result == RequestParser::Result::Complete) {
                const Request r = parser.takeRequest();
                checkLimits(r, limits);
                out.requests.append(canonical(r));
                continue;
            }
            if (result == RequestParser::Result::HeadReady)
                continue;
            FUZZ_CHECK(piece.isEmpty()); // NeedMore takes every byte
            break;
        }
    }
    return out;
}

QByteArray reserialise(const Request &r)
{
    QByteArray out =
            r.method + ' ' + r.target + " HTTP/1." + QByteArray::number(r.minorVersion) + "\r\n";
    for (const auto &[name, value] : r.headers) {
        if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0
            || name.compare("content-length", Qt::CaseInsensitive) == 0)
            continue;
        out += name + ": " + value + "\r\n";
    }
    if (r.chunked)
        out += "Transfer-Encoding: chunked\r\n\r\n"
                + (r.body.isEmpty()
                           ? QByteArray()
                           : QByteArray::number(r.body.size(), 16) + "\r\n" + r.body + "\r\n")
                + "0\r\n\r\n";
    else if (r.contentLength >= 0)
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n" + r.body;
    else
        out += "\r\n";
    return out;
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
    limits.maxRequestLineBytes = limits.maxHeaderBytes;
    limits.maxHeaderFields = 1 + data[0] % 16;
    limits.maxBodyBytes = data[1] == 255 ? RequestLimits{}.maxBodyBytes : qint64(data[1]) * 16;
    const quint32 seed = quint32(data[2]) | quint32(data[3]) << 8 | quint32(data[4]) << 16
            | quint32(data[5]) << 24;
    const QByteArrayView stream = FuzzSupport::bytes(data + 6, size - 6);

    const Outcome reference = run(limits, stream, {});

    // Random split points.
    std::mt19937 rng(seed);
    const QList<qsizetype> cuts = FuzzSupport::randomCuts(rng, stream.size());
    const Outcome split = run(limits, stream, cuts);
    if (!(split == reference))
        std::fprintf(stderr,
                     "whole: %lld requests, status %d, consumed %lld; split: %lld, %d, %lld\n",
                     qint64(reference.requests.size()), reference.errorStatus,
                     qint64(reference.consumed), qint64(split.requests.size()), split.errorStatus,
                     qint64(split.consumed));
    FUZZ_CHECK(split == reference);

    // One byte at a time, the worst case of a slow client (bounded, to keep runs fast).
    if (stream.size() <= 2048) {
        QList<qsizetype> every;
        for (qsizetype i = 1; i < stream.size(); ++i)
            every.append(i);
        const Outcome bytewise = run(limits, stream, every);
        if (!(bytewise == reference))
            std::fprintf(
                    stderr,
                    "whole: %lld requests, status %d, consumed %lld; bytewise: %lld, %d, %lld\n",
                    qint64(reference.requests.size()), reference.errorStatus,
                    qint64(reference.consumed), qint64(bytewise.requests.size()),
                    bytewise.errorStatus, qint64(bytewise.consumed));
        FUZZ_CHECK(bytewise == reference);
    }

    // What was accepted, written out again in the canonical form, is accepted as the same
    // request.
    const auto parseOne = [](RequestParser &parser, QByteArrayView bytes) {
        qsizetype offset = 0;
        RequestParser::Result result;
        do {
            qsizetype used = 0;
            result = parser.feed(bytes.sliced(offset), &used);
            offset += used;
        } while (result == RequestParser::Result::HeadReady);
        return result;
    };
    RequestParser first(limits);
    if (parseOne(first, stream) == RequestParser::Result::Complete) {
        const Request r = first.takeRequest();
        RequestLimits roomy = limits;
        roomy.maxHeaderBytes = roomy.maxRequestLineBytes = 1 << 20;
        RequestParser again(roomy);
        FUZZ_CHECK(parseOne(again, reserialise(r)) == RequestParser::Result::Complete);
        const Request back = again.takeRequest();
        FUZZ_CHECK(back.method == r.method && back.target == r.target && back.body == r.body);
    }
    return 0;
}
