// SPDX-License-Identifier: MIT
// HTTP/1.1 framing, strictly (RFC 9112), on both network servers: the receiver (a delivery to
// /hooks/<secret>) and hookscope-relay (a delivery to /<channel>). One corpus of raw requests
// runs against each, over real loopback sockets, and every case checks:
//   (a) the statuses of the answers, in order (or, for a legitimate request, exactly the
//       events it should store, byte for byte);
//   (b) after a 4xx/5xx framing error the answer is a complete HTTP/1.1 response with
//       Content-Length and "Connection: close", and the server closes the connection;
//   (c) right after the case, a legitimate delivery on a new connection is answered 2xx and
//       stored exactly once with its exact bytes (rows are counted before and after);
// and the big-body attacks (d) keep this process's memory bounded.
//
// The statuses are those of the HTTP engine's specification:
//   bare LF, obs-fold, bad field names/values, CL+TE, bad or conflicting Content-Length,
//   doubled "chunked", TE in HTTP/1.0, bad chunk sizes or chunk endings, bad request lines
//   and targets, a missing or doubled Host                                            400
//   a body over maxBodyBytes (Content-Length at once, chunked as soon as exceeded)    413
//   a header block over maxHeaderBytes, more than maxHeaderFields fields              431
//   a request line over 8 KiB                                                         414
//   an unknown transfer coding                                                        501
//   an HTTP version other than 1.0 and 1.1                                            505
//   an Expect other than 100-continue                                                 417
//   a request that stops arriving (requestTimeoutMs)                                  408
//   a delivery without the secret (receiver) / to an unknown channel (relay)     401 / 404
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "core/receiver/receiver.h"
#include "core/relay/relayserver.h"
#include "core/relay/relaystore.h"
#include "core/store/eventstore.h"
#include "tests/support/httpclient.h"
#include "tests/support/rssprobe.h"
#include "tests/support/runinworker.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr auto Secret = "framing-secret-5f1c0a"_L1;
// A valid channel id that no channel has.
constexpr auto UnknownChannel = "nosuchchannel0123456789abcdef"_L1;

enum Kind { ReceiverKind, RelayKind };

const char *kindName(int kind)
{
    return kind == ReceiverKind ? "receiver" : "relay";
}

// The limits a case runs under.
enum class Profile {
    Small, // maxBodyBytes 1000, request and idle timeouts 3 s
    Large, // the defaults (10 MiB bodies, 30 s request timeout)
    SlowTimeout, // requestTimeoutMs 1000
    TightHeaders, // Small, with maxHeaderBytes 2048 and maxHeaderFields 10
};

template<typename Limits>
void applyProfile(Limits &limits, Profile profile)
{
    switch (profile) {
    case Profile::Small:
        limits.request.maxBodyBytes = 1000;
        limits.requestTimeoutMs = 3000;
        limits.idleTimeoutMs = 3000;
        break;
    case Profile::Large:
        break;
    case Profile::SlowTimeout:
        limits.requestTimeoutMs = 1000;
        break;
    case Profile::TightHeaders:
        applyProfile(limits, Profile::Small);
        limits.request.maxHeaderBytes = 2048;
        limits.request.maxHeaderFields = 10;
        break;
    }
}

// Expected statuses beyond the plain numbers.
constexpr int Ok = 200; // any 2xx
constexpr int Refused = -1; // 401 (receiver: no or wrong secret) / 404 (relay: unknown channel)
constexpr int Bad400or431 = -2; // either is right

enum class Close {
    Yes, // the server closes the connection after the last answer
    No, // the connection stays open (HTTP/1.1 keep-alive)
    Either,
};

// The statuses the HTTP engine answers by itself: each is a complete HTTP/1.1 response with
// Content-Length and "Connection: close", and the connection closes after it.
bool isFramingError(int status)
{
    switch (status) {
    case 400:
    case 408:
    case 413:
    case 414:
    case 417:
    case 431:
    case 501:
    case 505:
        return true;
    default:
        return false;
    }
}

template<qsizetype N>
QByteArray raw(const char (&s)[N])
{
    return QByteArray(s, N - 1); // keeps embedded NULs
}

// ---------------------------------------------------------------------------------------
// The corpus. Placeholders, replaced per server: {P} the ingest path (receiver
// /hooks/<secret>, relay /<channel>), {B} a path without the secret / of an unknown channel,
// {A} the absolute form of {P} (http://127.0.0.1:<port>{P}), {LEN} the length of the body
// that follows, {LINE=n} the filler that makes its line n bytes long (CRLF not counted).

struct Case
{
    const char *name = nullptr;
    QByteArrayList parts; // sent one after another on one connection
    QList<int> statuses; // the answers, in order
    QByteArrayList stored; // the bodies this case stores, in order
    Close close = Close::Yes;
    Profile profile = Profile::Small;
    // Between parts: wait for the next answer (100 Continue) instead of a short pause.
    bool awaitAnswerBetweenParts = false;
    // A header name that must not be among the stored headers (trailers).
    QByteArray absentHeader;
};

Case makeCase(const char *name, const QByteArrayList &parts, const QList<int> &statuses,
              const QByteArrayList &stored, Close close, Profile profile = Profile::Small)
{
    Case c;
    c.name = name;
    c.parts = parts;
    c.statuses = statuses;
    c.stored = stored;
    c.close = close;
    c.profile = profile;
    return c;
}

const QByteArray Host = "Host: x\r\n";
const QByteArray Text = "Content-Type: text/plain\r\n";
const QByteArray Chunked = "Transfer-Encoding: chunked\r\n";

QByteArray contentLength(const QByteArray &body)
{
    return "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
}

// request line + CRLF + header lines (each ending in CRLF) + CRLF + body
QByteArray message(const QByteArray &requestLine, const QByteArray &headerLines,
                   const QByteArray &body = {})
{
    return requestLine + "\r\n" + headerLines + "\r\n" + body;
}

QByteArray post(const QByteArray &headerLines, const QByteArray &body = {})
{
    return message("POST {P} HTTP/1.1", headerLines, body);
}

// A well-formed delivery with a Content-Length body.
QByteArray simple(const QByteArray &body, const QByteArray &target = "{P}")
{
    return message("POST " + target + " HTTP/1.1", Host + Text + contentLength(body), body);
}

// A well-formed delivery with the given chunked body (chunks, last chunk, trailers).
QByteArray chunkedPost(const QByteArray &chunks)
{
    return post(Host + Text + Chunked, chunks);
}

QByteArray headerFields(int count, const QByteArray &lineEnd = "\r\n")
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "X-Field-" + QByteArray::number(i) + ": v" + lineEnd;
    return out;
}

Case accepted(const char *name, const QByteArray &bytes, const QByteArrayList &stored)
{
    return makeCase(name, { bytes }, QList<int>(stored.size(), Ok), stored, Close::No);
}

Case refused(const char *name, const QByteArray &bytes, int status)
{
    return makeCase(name, { bytes }, { status }, {}, Close::Yes);
}

const QList<Case> &framingCorpus()
{
    static const QList<Case> cases = [] {
        QList<Case> c;
        const QByteArray hello = "hello";
        const QByteArray helloChunks = "5\r\nhello\r\n0\r\n\r\n";

        // --- legitimate ------------------------------------------------------------------
        c << accepted("Content-Length body", simple(hello), { hello });
        c << accepted("identical duplicate Content-Length headers",
                      post(Host + Text + "Content-Length: 5\r\nContent-Length: 5\r\n", hello),
                      { hello });
        c << accepted("Content-Length list of identical values (5, 5)",
                      post(Host + Text + "Content-Length: 5, 5\r\n", hello), { hello });
        c << accepted("Content-Length with leading zeros",
                      post(Host + Text + "Content-Length: 005\r\n", hello), { hello });
        c << accepted("Content-Length of 18 digits",
                      post(Host + Text + "Content-Length: 000000000000000005\r\n", hello),
                      { hello });
        c << accepted("Content-Length: 0", simple({}), { QByteArray() });
        c << accepted("body of exactly maxBodyBytes", simple(QByteArray(1000, 'm')),
                      { QByteArray(1000, 'm') });
        c << accepted("chunked body", chunkedPost(helloChunks), { hello });
        c << accepted("several chunks, upper- and lower-case hex sizes",
                      chunkedPost("3\r\nhel\r\n2\r\nlo\r\nA\r\n0123456789\r\nb\r\nabcdefghijk\r\n"
                                  "0\r\n\r\n"),
                      { "hello0123456789abcdefghijk" });
        c << accepted("bare LF and CR inside chunk data are data",
                      chunkedPost("7\r\nhe\nl\rlo\r\n0\r\n\r\n"), { "he\nl\rlo" });
        c << accepted("chunked body of no chunks", chunkedPost("0\r\n\r\n"), { QByteArray() });
        c << accepted("chunk size of 16 hex digits (leading zeros)",
                      chunkedPost("0000000000000005\r\nhello\r\n0\r\n\r\n"), { hello });
        c << accepted("chunk extensions are ignored",
                      chunkedPost("5;name=value\r\nhello\r\n6;flag\r\n world\r\n0;last=1\r\n\r\n"),
                      { "hello world" });
        {
            Case t = accepted("trailers after the last chunk",
                              chunkedPost("5\r\nhello\r\n0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n"),
                              { hello });
            t.absentHeader = "X-Trailer";
            c << t;
        }
        c << accepted("chunked body of exactly maxBodyBytes",
                      chunkedPost("1f4\r\n" + QByteArray(500, 'c') + "\r\n1F4\r\n"
                                  + QByteArray(500, 'd') + "\r\n0\r\n\r\n"),
                      { QByteArray(500, 'c') + QByteArray(500, 'd') });
        c << accepted("absolute-form target", simple(hello, "{A}"), { hello });
        c << accepted("percent-encoded bytes in the target", simple(hello, "{P}?x=%FF%00%20"),
                      { hello });
        c << accepted(
                "HTAB and obs-text in a field value",
                post(Host + Text + raw("X-Obs: a\tb \x80\xff\r\n") + contentLength(hello), hello),
                { hello });
        c << accepted("100 header fields (the maximum)",
                      post(Host + Text + contentLength(hello) + headerFields(97), hello),
                      { hello });
        c << accepted("header block of 60 KB",
                      post(Host + Text + "X-Big: " + QByteArray(60000, 'h') + "\r\n"
                                   + contentLength(hello),
                           hello),
                      { hello });
        c << accepted("request line of exactly 8 KiB",
                      message("POST {P}?q={LINE=8192} HTTP/1.1", Host + Text + contentLength(hello),
                              hello),
                      { hello });
        c << accepted("PUT with a chunked body",
                      message("PUT {P} HTTP/1.1", Host + Text + Chunked, helloChunks), { hello });
        {
            const QByteArray inner = "POST /smuggled HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                     "5\r\n\r\nhello";
            c << accepted("a body that looks like a request is only a body", simple(inner),
                          { inner });
        }
        {
            Case t = accepted(
                    "HTTP/1.0 with Host",
                    message("POST {P} HTTP/1.0", Host + Text + contentLength(hello), hello),
                    { hello });
            t.close = Close::Yes;
            c << t;
        }
        {
            Case t = accepted(
                    "HTTP/1.1 with Connection: close",
                    post(Host + Text + "Connection: close\r\n" + contentLength(hello), hello),
                    { hello });
            t.close = Close::Yes;
            c << t;
        }
        {
            Case t = accepted("HTTP/1.0 without Host",
                              message("POST {P} HTTP/1.0", Text + contentLength(hello), hello),
                              { hello });
            t.close = Close::Yes;
            c << t;
        }
        {
            Case t = accepted("HTTP/1.0 keep-alive, then HTTP/1.0 on the same connection",
                              message("POST {P} HTTP/1.0",
                                      "Connection: keep-alive\r\n" + Text + "Content-Length: 5\r\n",
                                      "first")
                                      + message("POST {P} HTTP/1.0", Text + "Content-Length: 6\r\n",
                                                "second"),
                              { "first", "second" });
            t.close = Close::Yes;
            c << t;
        }
        c << accepted("three pipelined requests in one write",
                      simple("one") + simple("two") + simple("three"), { "one", "two", "three" });
        c << accepted("pipelined Content-Length, chunked, Content-Length",
                      simple("one") + chunkedPost("3\r\ntwo\r\n0\r\n\r\n") + simple("three"),
                      { "one", "two", "three" });
        {
            Case t = makeCase(
                    "Expect: 100-continue",
                    { post(Host + Text + contentLength(hello) + "Expect: 100-continue\r\n"),
                      hello },
                    { 100, Ok }, { hello }, Close::No);
            t.awaitAnswerBetweenParts = true;
            c << t;
        }
        {
            Case t = makeCase(
                    "Expect: 100-continue with a chunked body",
                    { post(Host + Text + Chunked + "Expect: 100-continue\r\n"), helloChunks },
                    { 100, Ok }, { hello }, Close::No);
            t.awaitAnswerBetweenParts = true;
            c << t;
        }
        {
            Case t = makeCase("a good request, then a malformed one",
                              { simple(hello)
                                + "POST {P} HTTP/1.1\nHost: x\r\nContent-Length: 5\r\n\r\nworld" },
                              { Ok, 400 }, { hello }, Close::Yes);
            c << t;
        }

        // --- refused by the server, not by the framing ------------------------------------
        {
            Case t = refused("no secret / unknown channel", simple(hello, "{B}"), Refused);
            t.close = Close::Either;
            c << t;
        }
        {
            // May be answered as soon as the headers are read (the body is then never read).
            const QByteArray body(5 * MiB, 'u');
            Case t = makeCase(
                    "no secret / unknown channel, with a 5 MB body within the limit",
                    { post(Host + Text + contentLength(body)).replace("{P}", "{B}"), body },
                    { Refused }, {}, Close::Either, Profile::Large);
            c << t;
        }

        // --- bare LF and other line-ending faults -----------------------------------------
        c << refused("bare LF ending the request line",
                     "POST {P} HTTP/1.1\nHost: x\r\nContent-Length: 5\r\n\r\nhello", 400);
        c << refused("bare LF ending a header line",
                     "POST {P} HTTP/1.1\r\nHost: x\nContent-Length: 5\r\n\r\nhello", 400);
        c << refused("bare LF ending the header block",
                     "POST {P} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\nhello", 400);
        // The attack 3 (to "/", with a 1000-byte body limit).
        c << refused("bare LF ending every line, 5000-byte body over the limit",
                     "POST / HTTP/1.1\nHost: x\nContent-Length: 5000\n\n" + QByteArray(5000, 'L'),
                     400);
        c << refused("bare LF ending a chunk-size line", chunkedPost("5\nhello\r\n0\r\n\r\n"), 400);
        c << refused("bare LF after chunk data", chunkedPost("5\r\nhello\n0\r\n\r\n"), 400);
        c << refused("bare LF ending the last chunk", chunkedPost("5\r\nhello\r\n0\n\r\n"), 400);
        c << refused("bare LF ending a trailer line",
                     chunkedPost("5\r\nhello\r\n0\r\nX-Trailer: t\n\r\n"), 400);
        c << refused("bare CR as a line ending",
                     "POST {P} HTTP/1.1\r\nHost: x\rContent-Length: 5\r\n\r\nhello", 400);

        // --- field lines ------------------------------------------------------------------
        c << refused("obs-fold with SP",
                     post(Host + Text + "X-Folded: a\r\n b\r\n" + contentLength(hello), hello),
                     400);
        c << refused("obs-fold with HTAB",
                     post(Host + Text + "X-Folded: a\r\n\tb\r\n" + contentLength(hello), hello),
                     400);
        c << refused(
                "whitespace before the first header line",
                message("POST {P} HTTP/1.1", " Host: x\r\n" + Text + contentLength(hello), hello),
                400);
        c << refused("space between field name and colon",
                     post(Host + Text + "Content-Length : 5\r\n", hello), 400);
        c << refused("tab between field name and colon",
                     post(Host + Text + "Content-Length\t: 5\r\n", hello), 400);
        c << refused("empty field name",
                     post(Host + Text + ": value\r\n" + contentLength(hello), hello), 400);
        c << refused("non-token character in a field name",
                     post(Host + Text + "X[A]: v\r\n" + contentLength(hello), hello), 400);
        c << refused("field line without a colon",
                     post(Host + Text + "NoColonHere\r\n" + contentLength(hello), hello), 400);
        c << refused("NUL in a field value",
                     post(Host + Text
                                  + raw("X-Nul: a\x00"
                                        "b\r\n")
                                  + contentLength(hello),
                          hello),
                     400);
        c << refused("CR inside a field value",
                     post(Host + Text + "X-Cr: a\rb\r\n" + contentLength(hello), hello), 400);

        // --- Content-Length ---------------------------------------------------------------
        c << refused("Content-Length and Transfer-Encoding",
                     post(Host + Text + "Content-Length: 5\r\n" + Chunked, helloChunks), 400);
        c << refused("Transfer-Encoding and Content-Length",
                     post(Host + Text + Chunked + "Content-Length: 5\r\n", helloChunks), 400);
        const QList<QPair<const char *, QByteArray>> badLengths{
            { "Content-Length not a number", "abc" },
            { "negative Content-Length", "-5" },
            { "Content-Length with a plus sign", "+5" },
            { "Content-Length in hex", "0x5" },
            { "empty Content-Length", "" },
            { "Content-Length of 19 digits", "0000000000000000005" },
            { "Content-Length with a space inside", "5 5" },
            { "Content-Length list of different values (5, 6)", "5, 6" },
        };
        for (const auto &[name, value] : badLengths)
            c << refused(name, post(Host + Text + "Content-Length: " + value + "\r\n", hello), 400);
        c << refused("duplicate Content-Length headers with different values",
                     post(Host + Text + "Content-Length: 5\r\nContent-Length: 6\r\n", hello + "!"),
                     400);

        // --- Transfer-Encoding ------------------------------------------------------------
        // The attack 5: always an answer, never a silent close.
        const QList<QPair<const char *, QByteArray>> unknownCodings{
            { "Transfer-Encoding: xchunked", "Transfer-Encoding: xchunked\r\n" },
            { "Transfer-Encoding: gzip", "Transfer-Encoding: gzip\r\n" },
            { "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n" },
            { "Transfer-Encoding: identity", "Transfer-Encoding: identity\r\n" },
            { "two Transfer-Encoding headers: chunked and identity",
              "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n" },
        };
        for (const auto &[name, lines] : unknownCodings)
            c << refused(name, post(Host + Text + lines, helloChunks), 501);
        c << refused("two Transfer-Encoding: chunked headers",
                     post(Host + Text + Chunked + Chunked, helloChunks), 400);
        c << refused("Transfer-Encoding: chunked, chunked",
                     post(Host + Text + "Transfer-Encoding: chunked, chunked\r\n", helloChunks),
                     400);
        c << refused("Transfer-Encoding in HTTP/1.0",
                     message("POST {P} HTTP/1.0", Host + Text + Chunked, helloChunks), 400);

        // --- chunks -----------------------------------------------------------------------
        c << refused("chunk size not hex", chunkedPost("zz\r\nhello\r\n0\r\n\r\n"), 400);
        c << refused("empty chunk size", chunkedPost("\r\nhello\r\n0\r\n\r\n"), 400);
        c << refused("chunk size of 17 hex digits",
                     chunkedPost("fffffffffffffffff\r\nhello\r\n0\r\n\r\n"), 400);
        c << refused("negative chunk size", chunkedPost("-5\r\nhello\r\n0\r\n\r\n"), 400);
        c << refused("chunk size with 0x", chunkedPost("0x5\r\nhello\r\n0\r\n\r\n"), 400);
        c << refused("chunk data longer than its size", chunkedPost("5\r\nhelloXX\r\n0\r\n\r\n"),
                     400);
        c << refused("chunk data shorter than its size", chunkedPost("5\r\nhel\r\n0\r\n\r\n"), 400);

        // --- limits -----------------------------------------------------------------------
        c << refused("chunked body over maxBodyBytes",
                     chunkedPost(QByteArray("190\r\n" + QByteArray(400, 'o') + "\r\n").repeated(3)
                                 + "0\r\n\r\n"),
                     413);
        // Sent without their data: the answer must not wait for it.
        c << refused("one chunk over maxBodyBytes, its data never sent", chunkedPost("3e9\r\n"),
                     413);
        c << refused("chunk size 7fffffffffffffff, its data never sent",
                     chunkedPost("7fffffffffffffff\r\n"), 413);
        c << refused("Content-Length over maxBodyBytes, body never sent",
                     post(Host + Text + "Content-Length: 1001\r\n"), 413);
        c << refused("Content-Length of 18 nines, body never sent",
                     post(Host + Text + "Content-Length: 999999999999999999\r\n"), 413);
        c << refused("Expect: 100-continue with a Content-Length over maxBodyBytes",
                     post(Host + Text + "Content-Length: 1001\r\nExpect: 100-continue\r\n"), 413);
        c << refused("Expect other than 100-continue",
                     post(Host + Text + contentLength(hello) + "Expect: the-unexpected\r\n", hello),
                     417);
        c << refused("header block over maxHeaderBytes",
                     post(Host + Text + "X-Big: " + QByteArray(70000, 'h') + "\r\n"
                                  + contentLength(hello),
                          hello),
                     431);
        c << refused("101 header fields",
                     post(Host + Text + contentLength(hello) + headerFields(98), hello), 431);
        c << refused("second chunk takes the body over maxBodyBytes, its data never sent",
                     chunkedPost("1f4\r\n" + QByteArray(500, 'c') + "\r\n1f5\r\n"), 413);
        {
            Case t = accepted("10 header fields under a configured maxHeaderFields of 10",
                              post(Host + Text + contentLength(hello) + headerFields(7), hello),
                              { hello });
            t.profile = Profile::TightHeaders;
            c << t;
            t = refused("11 header fields over a configured maxHeaderFields of 10",
                        post(Host + Text + contentLength(hello) + headerFields(8), hello), 431);
            t.profile = Profile::TightHeaders;
            c << t;
            t = refused("3000-byte header block over a configured maxHeaderBytes of 2048",
                        post(Host + Text + "X-Big: " + QByteArray(3000, 'h') + "\r\n"
                                     + contentLength(hello),
                             hello),
                        431);
            t.profile = Profile::TightHeaders;
            c << t;
        }
        c << refused("request line of 8 KiB + 1",
                     message("POST {P}?q={LINE=8193} HTTP/1.1", Host + Text + contentLength(hello),
                             hello),
                     414);
        c << refused("request line over 8 KiB",
                     message("POST {P}?q=" + QByteArray(9000, 'q') + " HTTP/1.1",
                             Host + Text + contentLength(hello), hello),
                     414);

        // --- request line -----------------------------------------------------------------
        c << refused("request line without a version",
                     message("POST {P}", Host + Text + contentLength(hello), hello), 400);
        c << refused("request line with only a method",
                     message("POST", Host + Text + contentLength(hello), hello), 400);
        c << refused("two spaces between method and target",
                     message("POST  {P} HTTP/1.1", Host + Text + contentLength(hello), hello), 400);
        c << refused("space after the version",
                     message("POST {P} HTTP/1.1 ", Host + Text + contentLength(hello), hello), 400);
        c << refused("lower-case http/1.1",
                     message("POST {P} http/1.1", Host + Text + contentLength(hello), hello), 400);
        c << refused("garbage request line", raw("\x01\x02garbage\xff\r\n\r\n"), 400);
        c << refused("HTTP/2.0",
                     message("POST {P} HTTP/2.0", Host + Text + contentLength(hello), hello), 505);
        c << refused("HTTP/1.2",
                     message("POST {P} HTTP/1.2", Host + Text + contentLength(hello), hello), 505);
        const QList<QPair<const char *, QByteArray>> badTargets{
            { "NUL in the target",
              raw("{P}?a\x00"
                  "b") },
            { "space in the target", "{P}?a b" },
            { "control character in the target",
              raw("{P}?a\x01"
                  "b") },
            { "DEL in the target",
              raw("{P}?a\x7f"
                  "b") },
            { "raw byte 0xFF in the target",
              raw("{P}?a\xff"
                  "b") },
            { "raw UTF-8 in the target", "{P}?caf\xc3\xa9" },
        };
        for (const auto &[name, target] : badTargets)
            c << refused(name,
                         message("POST " + target + " HTTP/1.1", Host + Text + contentLength(hello),
                                 hello),
                         400);
        c << refused("HTTP/1.1 without Host", post(Text + contentLength(hello), hello), 400);
        c << refused("two Host headers", post(Host + Host + Text + contentLength(hello), hello),
                     400);

        // --- smuggling --------------------------------------------------------------------
        {
            // The attack 4: 150 header fields ending in bare LF, and a body that is
            // itself a delivery. Neither is stored; the inner request is never handled.
            const QByteArray inner = simple("smuggled");
            c << refused("150 bare-LF header fields and a request as the body",
                         "POST {P} HTTP/1.1\nHost: x\nContent-Type: text/plain\n"
                                 + headerFields(147, "\n") + "Content-Length: {LEN}\n\n" + inner,
                         Bad400or431);
        }
        c << refused(
                "a malformed request, then a good one (never handled)",
                "POST {P} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-Folded: a\r\n b\r\n\r\n"
                "hello" + simple("second"),
                400);
        c << refused(
                "Transfer-Encoding on a folded line",
                post(Host + Text + "X-Folded: a\r\n Transfer-Encoding: chunked\r\n", helloChunks),
                400);
        return c;
    }();
    return cases;
}

// ---------------------------------------------------------------------------------------

using HttpClient::WireClient;

QByteArray printable(QByteArrayView bytes, qsizetype max = 300)
{
    QByteArray out;
    for (const char c : bytes.first(qMin(bytes.size(), max))) {
        const auto b = uchar(c);
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n";
        else if (b < 0x20 || b >= 0x7f)
            out += "\\x" + QByteArray::number(b, 16).rightJustified(2, '0');
        else
            out += c;
    }
    if (bytes.size() > max)
        out += "...(" + QByteArray::number(bytes.size()) + " bytes)";
    return out;
}

QByteArray statusList(const QList<HttpClient::Response> &responses)
{
    QByteArrayList out;
    for (const HttpClient::Response &r : responses)
        out += QByteArray::number(r.status);
    return "[" + out.join(", ") + "]";
}

} // namespace

class tst_Framing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void corpus_data();
    void corpus();
    void pipelineSplitAtEveryByte_data();
    void pipelineSplitAtEveryByte();
    void bigBodies_data();
    void bigBodies();
    void slowSender_data();
    void slowSender();

private:
    struct Row
    {
        qint64 id = 0;
        QByteArray body;
        QString path;
        HeaderList headers;
    };

    bool startServer(int kind, Profile profile);
    quint16 port() const;
    QByteArray ingestPath() const;
    QByteArray refusedPath() const;
    QByteArray expand(QByteArray bytes) const;
    int expectedStatus(int status) const;
    // The stored deliveries (the receiver's store, or the relay channel's) with id > afterId.
    QList<Row> rowsAfter(qint64 afterId) const;
    qint64 lastRowId() const;
    // Checks the answers of one exchange (a, b); QTest failure when wrong.
    void checkAnswers(const WireClient &client, const QList<int> &expected, Close close,
                      const QByteArray &context);
    // Posts a legitimate delivery on a new connection (c), then checks that everything stored
    // since `before` is `expected` followed by that delivery, each once, byte for byte; and,
    // when given, that the ids the case's 2xx answers named are those rows', in order.
    void checkStoredThenLegitimate(qint64 before, const QByteArrayList &expected,
                                   const QByteArray &absentHeader = {},
                                   const QList<qint64> &answeredIds = {});

    int m_kind = ReceiverKind;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
    std::unique_ptr<RelayServer> m_relay;
    QString m_channel;
    int m_serial = 0;
};

void tst_Framing::initTestCase()
{
    QLoggingCategory::setFilterRules(
            u"hookscope.*.debug=false\nhookscope.*.info=false\nhookscope.*.warning=false"_s);
}

void tst_Framing::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Framing::cleanup()
{
    if (!QTest::currentTestFailed()) {
        if (m_receiver)
            QVERIFY(m_receiver->isListening());
        if (m_relay)
            QVERIFY(m_relay->isListening());
    }
    m_receiver.reset();
    m_store.reset();
    m_relay.reset();
    m_dir.reset();
}

bool tst_Framing::startServer(int kind, Profile profile)
{
    m_kind = kind;
    if (kind == ReceiverKind) {
        m_store = std::make_unique<EventStore>();
        if (!m_store->open(m_dir->path())) {
            qWarning("store did not open: %s", qPrintable(m_store->errorString()));
            return false;
        }
        m_receiver = std::make_unique<Receiver>(m_store.get());
        ReceiverConfig config;
        config.port = 0;
        config.secret = Secret;
        applyProfile(config.limits, profile);
        m_receiver->setConfig(config);
        if (!m_receiver->start()) {
            qWarning("receiver did not start: %s", qPrintable(m_receiver->errorString()));
            return false;
        }
        return m_receiver->isListening();
    }
    m_relay = std::make_unique<RelayServer>();
    RelayServerConfig config;
    config.port = 0;
    config.dataDir = m_dir->path();
    // The split-pipeline test posts hundreds of deliveries to one channel.
    config.ratePerSecond = 1e6;
    config.rateBurst = 1'000'000;
    applyProfile(config.limits, profile);
    m_relay->setConfig(config);
    if (!m_relay->start()) {
        qWarning("relay did not start: %s", qPrintable(m_relay->errorString()));
        return false;
    }
    const QUrl readUrl = m_relay->createChannel();
    m_channel = readUrl.path().mid(1);
    return m_relay->isListening() && !m_channel.isEmpty();
}

quint16 tst_Framing::port() const
{
    return m_kind == ReceiverKind ? m_receiver->port() : m_relay->port();
}

QByteArray tst_Framing::ingestPath() const
{
    return m_kind == ReceiverKind ? QByteArray("/hooks/" + QString(Secret).toUtf8())
                                  : QByteArray('/' + m_channel.toUtf8());
}

QByteArray tst_Framing::refusedPath() const
{
    return m_kind == ReceiverKind ? QByteArray("/hooks/not-the-secret")
                                  : QByteArray('/' + QString(UnknownChannel).toUtf8());
}

QByteArray tst_Framing::expand(QByteArray bytes) const
{
    const QByteArray path = ingestPath();
    bytes.replace("{A}", QByteArray("http://127.0.0.1:" + QByteArray::number(port()) + path));
    bytes.replace("{P}", path);
    bytes.replace("{B}", refusedPath());
    // {LEN}: the length of what follows the end of its header block (a blank line ending
    // in CRLF or in a bare LF), once expanded.
    for (qsizetype at; (at = bytes.indexOf("{LEN}")) >= 0;) {
        const qsizetype crlf = bytes.indexOf("\r\n\r\n", at);
        const qsizetype lf = bytes.indexOf("\n\n", at);
        qsizetype bodyStart = bytes.size();
        if (crlf >= 0)
            bodyStart = crlf + 4;
        if (lf >= 0)
            bodyStart = qMin(bodyStart, lf + 2);
        bytes.replace(at, 5, QByteArray::number(bytes.size() - bodyStart));
    }
    for (qsizetype at; (at = bytes.indexOf("{LINE=")) >= 0;) {
        const qsizetype close = bytes.indexOf('}', at);
        const qsizetype want = bytes.mid(at + 6, close - at - 6).toLongLong();
        const qsizetype lineStart = bytes.lastIndexOf('\n', at) + 1;
        const qsizetype lineEnd = bytes.indexOf("\r\n", at);
        const qsizetype rest = (lineEnd - lineStart) - (close + 1 - at);
        bytes.replace(at, close + 1 - at, QByteArray(qMax<qsizetype>(0, want - rest), 'q'));
    }
    return bytes;
}

int tst_Framing::expectedStatus(int status) const
{
    if (status == Refused)
        return m_kind == ReceiverKind ? 401 : 404;
    return status;
}

QList<tst_Framing::Row> tst_Framing::rowsAfter(qint64 afterId) const
{
    QList<Row> rows;
    if (m_kind == ReceiverKind) {
        m_store->forEachEvent(
                [&](const Event &e) {
                    rows.append({ e.summary.id, e.body, e.path, e.headers });
                    return true;
                },
                afterId);
    } else {
        const QList<RelayEvent> events =
                m_relay->store()->eventsAfter(m_channel, afterId, 1'000'000, qint64(1) << 40);
        for (const RelayEvent &e : events)
            rows.append({ e.id, e.body, e.path, e.headers });
    }
    return rows;
}

qint64 tst_Framing::lastRowId() const
{
    const QList<Row> rows = rowsAfter(0);
    return rows.isEmpty() ? 0 : rows.constLast().id;
}

void tst_Framing::checkAnswers(const WireClient &client, const QList<int> &expected, Close close,
                               const QByteArray &context)
{
    const QList<HttpClient::Response> &responses = client.responses();
    QByteArray wanted;
    for (const int s : expected)
        wanted += (wanted.isEmpty() ? "" : ", ")
                + (s == Ok                    ? QByteArray("2xx")
                           : s == Bad400or431 ? QByteArray("400|431")
                                              : QByteArray::number(expectedStatus(s)));
    const QByteArray summary = context + "\n   expected [" + wanted + "], got "
            + statusList(responses) + (client.closedByServer() ? " then closed" : " still open")
            + "\n   received: " + printable(client.received());
    QVERIFY2(!client.garbage() && client.unparsed().isEmpty(),
             QByteArray("bytes that are not a complete HTTP response: " + summary).constData());
    QVERIFY2(responses.size() == expected.size(),
             QByteArray("wrong number of answers: " + summary).constData());
    for (qsizetype i = 0; i < responses.size(); ++i) {
        const HttpClient::Response &r = responses.at(i);
        const int want = expected.at(i);
        bool match = false;
        if (want == Ok)
            match = r.status >= 200 && r.status < 300;
        else if (want == Bad400or431)
            match = r.status == 400 || r.status == 431;
        else
            match = r.status == expectedStatus(want);
        QVERIFY2(match, QByteArray("wrong status: " + summary).constData());
        const bool closes = r.header("Connection").toLower().contains("close");
        if (r.status == 100)
            QVERIFY2(r.statusLine == "HTTP/1.1 100 Continue",
                     QByteArray("not HTTP/1.1 100 Continue: " + summary).constData());
        if (isFramingError(r.status)) {
            // (b) a complete HTTP/1.1 error response that says it closes, and the close
            QVERIFY2(r.statusLine.startsWith("HTTP/1.1 "),
                     QByteArray("not an HTTP/1.1 status line: " + summary).constData());
            QVERIFY2(r.hasHeader("Content-Length"),
                     QByteArray("error response without Content-Length: " + summary).constData());
            QVERIFY2(
                    closes,
                    QByteArray("error response without Connection: close: " + summary).constData());
        }
        if (closes) {
            QVERIFY2(i == responses.size() - 1,
                     QByteArray("an answer after Connection: close: " + summary).constData());
            QVERIFY2(client.closedByServer(),
                     QByteArray("Connection: close, but the connection stayed open: " + summary)
                             .constData());
        }
    }
    if (close == Close::Yes)
        QVERIFY2(client.closedByServer(),
                 QByteArray("the connection should have been closed: " + summary).constData());
    else if (close == Close::No)
        QVERIFY2(!client.closedByServer(),
                 QByteArray("the connection should have stayed open: " + summary).constData());
}

void tst_Framing::checkStoredThenLegitimate(qint64 before, const QByteArrayList &expected,
                                            const QByteArray &absentHeader,
                                            const QList<qint64> &answeredIds)
{
    // (c) a legitimate delivery on a new connection: 2xx.
    const QByteArray legitimate = "legit-" + QByteArray::number(++m_serial)
            + raw(":\x00\x01\x7f\x80\xfe\xff\r\n\r\n0\r\n\r\nPOST / HTTP/1.1\r\n");
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(port()));
    const std::optional<HttpClient::Response> r = client.exchange(HttpClient::request(
            "POST", ingestPath(), { { "Content-Type", "application/octet-stream" } }, legitimate));
    QVERIFY2(r.has_value(),
             QByteArray("no answer to the legitimate delivery after the case; received: "
                        + printable(client.pending()))
                     .constData());
    QVERIFY2(r->status >= 200 && r->status < 300,
             QByteArray("legitimate delivery answered " + r->statusLine + ": " + r->body)
                     .constData());

    // (a) what the case stored, then the legitimate delivery: each once, byte for byte.
    const QList<Row> rows = rowsAfter(before);
    const QByteArrayList wanted = expected + QByteArrayList{ legitimate };
    QByteArrayList got;
    for (const Row &row : rows)
        got += printable(row.body, 60);
    QByteArrayList want;
    for (const QByteArray &body : wanted)
        want += printable(body, 60);
    const QByteArray summary = "stored since the case began: [" + got.join(" | ")
            + "]\n   expected: [" + want.join(" | ") + "]";
    QVERIFY2(rows.size() == wanted.size(), summary.constData());
    const QString path = QString::fromUtf8(m_kind == ReceiverKind ? QByteArray("/hooks/[secret]")
                                                                  : ingestPath());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QVERIFY2(rows.at(i).body == wanted.at(i), summary.constData());
        QVERIFY2(rows.at(i).path == path,
                 qPrintable(u"stored path %1, expected %2"_s.arg(rows.at(i).path, path)));
        if (!absentHeader.isEmpty()) {
            for (const auto &[name, value] : rows.at(i).headers)
                QVERIFY2(name.compare(absentHeader, Qt::CaseInsensitive) != 0,
                         QByteArray("a trailer was stored as a header: " + name + ": " + value)
                                 .constData());
        }
    }
    const qint64 id = QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger();
    QCOMPARE(id, rows.constLast().id);
    // Pipelined answers come in the order of their requests.
    if (!answeredIds.isEmpty()) {
        QList<qint64> storedIds;
        for (qsizetype i = 0; i < expected.size(); ++i)
            storedIds += rows.at(i).id;
        QCOMPARE(answeredIds, storedIds);
    }
}

// ---------------------------------------------------------------------------------------

void tst_Framing::corpus_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("index");
    for (const int kind : { ReceiverKind, RelayKind }) {
        for (qsizetype i = 0; i < framingCorpus().size(); ++i)
            QTest::addRow("%s: %s", kindName(kind), framingCorpus().at(i).name) << kind << int(i);
    }
}

void tst_Framing::corpus()
{
    QFETCH(int, kind);
    QFETCH(int, index);
    const Case &c = framingCorpus().at(index);
    QVERIFY(startServer(kind, c.profile));
    const qint64 before = lastRowId();

    QByteArrayList parts;
    for (const QByteArray &part : c.parts)
        parts += expand(part);
    WireClient client;
    const qsizetype answers = c.statuses.size();
    QVERIFY(runInWorker([&] {
        if (!client.connectTo(port()))
            return;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            // Counted before sending: the answer to this part (a 100 Continue) may arrive
            // while send() is still reading, and must not be mistaken for an earlier one.
            const qsizetype answered = client.responses().size();
            if (!client.send(parts.at(i)))
                break;
            if (i + 1 == parts.size())
                break;
            if (c.awaitAnswerBetweenParts)
                client.waitForResponses(answered + 1, 5000);
            else
                client.pump(30);
        }
        client.waitForResponses(answers, 8000);
        bool closes = c.close == Close::Yes;
        for (const HttpClient::Response &r : client.responses())
            closes |=
                    r.header("Connection").toLower().contains("close") || isFramingError(r.status);
        if (closes)
            client.waitForClose(5000);
        else
            client.pump(c.close == Close::No ? 100 : 30); // anything more, or a close, shows
    }));
    QByteArray sent;
    for (const QByteArray &part : parts)
        sent += part;
    checkAnswers(client, c.statuses, c.close, "sent: " + printable(sent));
    if (QTest::currentTestFailed())
        return;
    QByteArrayList stored;
    for (const QByteArray &body : c.stored)
        stored += expand(body);
    QList<qint64> answeredIds;
    for (const HttpClient::Response &r : client.responses()) {
        if (r.status >= 200 && r.status < 300)
            answeredIds += QJsonDocument::fromJson(r.body).object().value(u"id"_s).toInteger();
    }
    checkStoredThenLegitimate(before, stored, c.absentHeader, answeredIds);
}

// ---------------------------------------------------------------------------------------

void tst_Framing::pipelineSplitAtEveryByte_data()
{
    QTest::addColumn<int>("kind");
    QTest::addRow("receiver") << int(ReceiverKind);
    QTest::addRow("relay") << int(RelayKind);
}

void tst_Framing::pipelineSplitAtEveryByte()
{
    // Two pipelined requests (Content-Length, then chunked with an extension and a trailer),
    // split in two at every byte boundary: each split is sent as two writes with a pause
    // between them, on one keep-alive connection. Both requests are stored once each.
    QFETCH(int, kind);
    QVERIFY(startServer(kind, Profile::Small));
    const qint64 before = lastRowId();

    auto bodies = [](int i) {
        const QByteArray n = QByteArray::number(i).rightJustified(4, '0');
        return QByteArrayList{ "first-" + n, "second-" + n }; // 10 and 11 bytes
    };
    auto pipeline = [&](int i) {
        const QByteArrayList b = bodies(i);
        // Short (every byte is one more round trip): no Content-Type.
        return expand(
                post(Host + contentLength(b.at(0)), b.at(0))
                + post(Host + Chunked, "b;ext=1\r\n" + b.at(1) + "\r\n0\r\nX-Trailer: t\r\n\r\n"));
    };
    const qsizetype length = pipeline(0).size();
    QStringList failures;
    int iterations = 0;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(runInWorker([&] {
        WireClient client;
        if (!client.connectTo(port())) {
            failures += u"cannot connect"_s;
            return;
        }
        for (int split = 1; split < length; ++split) {
            ++iterations;
            const QByteArray bytes = pipeline(split);
            const qsizetype had = client.responses().size();
            bool ok = client.send(QByteArrayView(bytes).first(split));
            std::this_thread::sleep_for(std::chrono::milliseconds(3));
            ok = ok && client.send(QByteArrayView(bytes).sliced(split));
            ok = ok && client.waitForResponses(had + 2, 5000);
            QList<int> statuses;
            for (qsizetype i = had; i < client.responses().size(); ++i)
                statuses += client.responses().at(i).status;
            const bool twoOk = statuses.size() == 2 && statuses.at(0) >= 200 && statuses.at(0) < 300
                    && statuses.at(1) >= 200 && statuses.at(1) < 300;
            if (!ok || !twoOk || client.garbage() || client.closedByServer()) {
                QString got;
                for (const int s : statuses)
                    got += QString::number(s) + u' ';
                failures += u"split after byte %1 (\"%2\" | \"%3\"): answers %4%5"_s.arg(split)
                                    .arg(QString::fromLatin1(
                                            printable(QByteArrayView(bytes).first(split), 60)))
                                    .arg(QString::fromLatin1(
                                            printable(QByteArrayView(bytes).sliced(split), 60)))
                                    .arg(got.isEmpty() ? u"none "_s : got)
                                    .arg(client.closedByServer() ? u"(closed)"_s : QString());
                if (!client.connectTo(port())) // go on with a fresh connection
                    return;
            }
        }
    }));
    qInfo("%d splits of a %lld-byte pipeline in %lld ms", iterations, qint64(length),
          qint64(clock.elapsed()));
    QVERIFY2(failures.isEmpty(),
             qPrintable(u"%1 of %2 splits failed; the first ones:\n   "_s.arg(failures.size())
                                .arg(iterations)
                        + failures.mid(0, 10).join(u"\n   "_s)));
    QByteArrayList expected;
    for (int split = 1; split < length; ++split)
        expected += bodies(split);
    checkStoredThenLegitimate(before, expected, "X-Trailer");
}

// ---------------------------------------------------------------------------------------

namespace {
enum BigAttack {
    FoldedChunkedWithoutSecret, // the attack 1
    ChunkedOverDefaultLimit, // the attack 2
    ContentLengthOverDefaultLimit,
};
}

void tst_Framing::bigBodies_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("attack");
    for (const int kind : { ReceiverKind, RelayKind }) {
        QTest::addRow("%s: 32 MB chunked, Transfer-Encoding folded, CRLFCRLF every 64 KiB, "
                      "no secret / unknown channel",
                      kindName(kind))
                << kind << int(FoldedChunkedWithoutSecret);
        QTest::addRow("%s: 12.5 MB chunked over the default 10 MiB limit", kindName(kind))
                << kind << int(ChunkedOverDefaultLimit);
        QTest::addRow("%s: 32 MB Content-Length over the default 10 MiB limit", kindName(kind))
                << kind << int(ContentLengthOverDefaultLimit);
    }
}

void tst_Framing::bigBodies()
{
    QFETCH(int, kind);
    QFETCH(int, attack);
    QVERIFY(startServer(kind, Profile::Large));
    const qint64 before = lastRowId();

    QByteArray head;
    qint64 total = 0;
    bool chunked = true;
    bool plant = false;
    int status = 0;
    switch (attack) {
    case FoldedChunkedWithoutSecret:
        head = expand("POST {B} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nX-Folded: a\r\n"
                      " Transfer-Encoding: chunked\r\n\r\n");
        total = 32 * MiB;
        plant = true;
        status = 400;
        break;
    case ChunkedOverDefaultLimit:
        head = expand(post(Host + Text + Chunked));
        total = 12'500'000;
        status = 413;
        break;
    case ContentLengthOverDefaultLimit:
        total = 32 * MiB;
        head = expand(post(Host + Text + "Content-Length: " + QByteArray::number(total) + "\r\n"));
        chunked = false;
        status = 413;
        break;
    }

    constexpr qint64 Piece = 64 * 1024;
    QByteArray filler(Piece, 'x');
    if (plant)
        filler.replace(Piece / 2, 4, "\r\n\r\n");
    WireClient client;
    qint64 sent = 0;
    RssProbe rss;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(runInWorker(
            [&] {
                if (!client.connectTo(port()) || !client.send(head))
                    return;
                while (sent < total && client.responses().isEmpty()) {
                    const qint64 n = qMin(Piece, total - sent);
                    const QByteArrayView data = QByteArrayView(filler).first(n);
                    const bool ok = chunked
                            ? client.send(QByteArray(QByteArray::number(n, 16) + "\r\n"
                                                     + data.toByteArray() + "\r\n"))
                            : client.send(data);
                    if (!ok)
                        break;
                    sent += n;
                }
                if (sent == total && chunked)
                    client.send("0\r\n\r\n");
                client.waitForResponses(1, 15000);
                client.waitForClose(5000);
            },
            180000, [&rss] { rss.sample(); }));
    const qint64 growth = rss.growth();
    qInfo("%lld of %lld body bytes sent before the answer (%lld ms); RSS growth %lld KiB", sent,
          total, qint64(clock.elapsed()), growth / 1024);
    checkAnswers(client, { status }, Close::Yes, "sent: " + printable(head) + " + body");
    if (QTest::currentTestFailed())
        return;
    // (d) memory stays bounded
    if (rss.available())
        QVERIFY2(growth < 64 * MiB, qPrintable(u"RSS grew by %1 KiB"_s.arg(growth / 1024)));
    checkStoredThenLegitimate(before, {});
}

// ---------------------------------------------------------------------------------------

void tst_Framing::slowSender_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("bytes");
    for (const int kind : { ReceiverKind, RelayKind }) {
        QTest::addRow("%s: headers, then nothing", kindName(kind))
                << kind << post(Host + Text + "Content-Length: 5\r\n");
        QTest::addRow("%s: half the headers, then nothing", kindName(kind))
                << kind << QByteArray("POST {P} HTTP/1.1\r\nHost: x\r\nContent-Le");
        QTest::addRow("%s: half the body, then nothing", kindName(kind))
                << kind << post(Host + Text + "Content-Length: 5\r\n", "he");
    }
}

void tst_Framing::slowSender()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, bytes);
    QVERIFY(startServer(kind, Profile::SlowTimeout)); // requestTimeoutMs 1000
    const qint64 before = lastRowId();
    bytes = expand(bytes);

    WireClient client;
    qint64 answeredAfterMs = -1;
    QVERIFY(runInWorker([&] {
        if (!client.connectTo(port()))
            return;
        QElapsedTimer clock;
        clock.start();
        if (!client.send(bytes))
            return;
        if (client.waitForResponses(1, 10000))
            answeredAfterMs = clock.elapsed();
        client.waitForClose(5000);
    }));
    checkAnswers(client, { 408 }, Close::Yes, "sent: " + printable(bytes));
    if (QTest::currentTestFailed())
        return;
    qInfo("408 after %lld ms", answeredAfterMs);
    QVERIFY2(answeredAfterMs >= 900 && answeredAfterMs < 6000,
             qPrintable(u"408 after %1 ms with a 1000 ms request timeout"_s.arg(answeredAfterMs)));
    checkStoredThenLegitimate(before, {});
}

QTEST_GUILESS_MAIN(tst_Framing)
#include "tst_framing.moc"
