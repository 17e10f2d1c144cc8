// SPDX-License-Identifier: MIT
// The receiver under hostile input, over real loopback sockets: what tst_receiver does not
// cover (thousands of headers, slow-loris, idle connections beyond the cap, truncated
// requests, deep and huge JSON, binary bodies, path traversal, unknown methods).
//
// Every test posts legitimate deliveries around its attack; cleanup() checks that each one
// that was acknowledged is stored exactly once, with its bytes, and that the receiver is
// still listening. Memory is measured where an attack could make it grow (qInfo lines:
// "RSS ..."), with generous bounds: the point is "bounded", not a benchmark.
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "core/events/eventparser.h"
#include "core/export/eventexporter.h"
#include "core/filter/filterexpression.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "tests/support/httpclient.h"
#include "tests/support/rssprobe.h"
#include "tests/support/runinworker.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

constexpr qint64 MiB = 1024 * 1024;

QByteArray header(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[n, v] : headers)
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

} // namespace

class tst_Hostile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void thousandsOfHeaders_data();
    void thousandsOfHeaders();
    void bodyBehindTooManyHeaderFields_data();
    void bodyBehindTooManyHeaderFields();
    void slowLoris_data();
    void slowLoris();
    void idleConnectionsBeyondTheCap_data();
    void idleConnectionsBeyondTheCap();
    void truncatedThenClosed_data();
    void truncatedThenClosed();
    void deeplyNestedJson_data();
    void deeplyNestedJson();
    void fiveMegabyteString();
    void binaryBodies_data();
    void binaryBodies();
    void pathTraversal_data();
    void pathTraversal();
    void unknownMethods_data();
    void unknownMethods();
    void floodFromOneTunnelledClient();
    void floodFromLoopbackWhenLimited();
    void deeplyNestedFilter_data();
    void deeplyNestedFilter();
    void deeplyNestedFilterInChild();

private:
    bool startReceiver(ReceiverConfig config = {});
    // Posts `count` deliveries back to back on one keep-alive connection (with the given
    // X-Forwarded-For unless empty); returns how many got each status.
    QHash<int, int> flood(int count, const QByteArray &forwardedFor,
                          qint64 *retryAfterSeen = nullptr);
    // Posts a legitimate delivery with a unique event ID; cleanup() checks it was stored.
    // Returns the HTTP status (0 when there was no answer).
    int postLegitimate(int expectedStatus = 200);

    struct Legitimate
    {
        QByteArray body;
        qint64 id = 0;
    };

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
    QList<Legitimate> m_legitimate;
    int m_serial = 0;
};

void tst_Hostile::initTestCase()
{
    QLoggingCategory::setFilterRules(u"hookscope.*.info=false\nhookscope.receiver.warning=false"_s);
}

void tst_Hostile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<EventStore>();
    QVERIFY2(m_store->open(m_dir->path()), qPrintable(m_store->errorString()));
    m_receiver = std::make_unique<Receiver>(m_store.get());
    m_legitimate.clear();
}

void tst_Hostile::cleanup()
{
    // The receiver survived the attack, and every acknowledged legitimate delivery is stored
    // exactly once with its bytes.
    if (m_receiver && !QTest::currentTestFailed()) {
        QVERIFY(m_receiver->isListening());
        QVERIFY(!m_legitimate.isEmpty());
        QSet<qint64> ids;
        for (const Legitimate &l : std::as_const(m_legitimate)) {
            QVERIFY(!ids.contains(l.id));
            ids.insert(l.id);
            const std::optional<Event> e = m_store->event(l.id);
            QVERIFY2(e.has_value(), qPrintable(u"legitimate event %1 is missing"_s.arg(l.id)));
            QCOMPARE(e->body, l.body);
        }
        int stored = 0;
        m_store->forEachEvent([&](const Event &e) {
            stored += e.summary.eventId.startsWith(u"legit-"_s);
            return true;
        });
        QCOMPARE(stored, m_legitimate.size());
    }
    m_receiver.reset();
    m_store.reset();
    m_dir.reset();
}

bool tst_Hostile::startReceiver(ReceiverConfig config)
{
    config.port = 0;
    m_receiver->setConfig(config);
    if (!m_receiver->start()) {
        qWarning("receiver did not start: %s", qPrintable(m_receiver->errorString()));
        return false;
    }
    return m_receiver->isListening();
}

int tst_Hostile::postLegitimate(int expectedStatus)
{
    const QString uid = u"legit-%1"_s.arg(++m_serial);
    const QByteArray body =
            QJsonDocument(
                    QJsonObject{
                            { u"eventId"_s, uid },
                            { u"eventType"_s, u"ticket:created"_s },
                            { u"orgId"_s, u"O1"_s },
                            { u"payload"_s,
                              QJsonObject{ { u"ticket"_s, QJsonObject{ { u"title"_s, uid } } } } },
                    })
                    .toJson(QJsonDocument::Compact);
    HttpClient::SocketClient client;
    if (!client.connectTo(m_receiver->port()))
        return 0;
    const std::optional<HttpClient::Response> r = client.exchange(HttpClient::request(
            "POST", "/thena", { { "Content-Type", "application/json" } }, body));
    if (!r)
        return 0;
    if (r->status == 200) {
        const qint64 id = QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger();
        m_legitimate.append({ body, id });
    }
    if (r->status != expectedStatus)
        qWarning("legitimate delivery %s answered %d, expected %d", qPrintable(uid), r->status,
                 expectedStatus);
    return r->status;
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::thousandsOfHeaders_data()
{
    QTest::addColumn<int>(
            "count"); // header fields in all, Host, Content-Type and Content-Length included
    QTest::addColumn<QByteArray>("pattern"); // %1 = index
    QTest::addColumn<bool>("mayRefuse"); // 431 is a correct answer too
    QTest::addRow("100 header fields") << 100 << QByteArray("X-H-%1: v") << false;
    // Qt 6.4's request parser keeps at most 100 header fields. Either the receiver refuses
    // more (431) or it keeps them all: what it must not do is acknowledge the delivery and
    // store it without its headers and body.
    QTest::addRow("101 header fields") << 101 << QByteArray("X-H-%1: v") << true;
    QTest::addRow("4,000 header fields in 50 KB") << 4000 << QByteArray("X-H-%1: v") << true;
    QTest::addRow("20,000 header fields in 260 KB") << 20000 << QByteArray("X-H-%1: v") << true;
    QTest::addRow("60,000 one-letter header fields") << 60000 << QByteArray("a:") << true;
}

void tst_Hostile::thousandsOfHeaders()
{
    QFETCH(int, count);
    QFETCH(QByteArray, pattern);
    QFETCH(bool, mayRefuse);
    QVERIFY(startReceiver());
    QCOMPARE(postLegitimate(), 200);

    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    QByteArray head =
            "POST /many-headers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    const int extra = count - 3;
    for (int i = 0; i < extra; ++i)
        head += QByteArray(pattern).replace("%1", QByteArray::number(i)) + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";

    RssProbe rss;
    const HttpClient::UploadResult r = HttpClient::upload(m_receiver->port(), { head + body, 0 },
                                                          60000, [&rss] { rss.sample(); });
    const qint64 growth = rss.growth();
    qInfo("RSS growth %lld KiB for %d header fields (%lld header bytes)", growth / 1024, count,
          qint64(head.size()));
    QVERIFY(r.finished);
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY2(response.has_value(),
             qPrintable(u"no answer (connection closed: %1); stored: %2 event(s), the last with a "
                        u"%3-byte body and %4 headers"_s.arg(r.closed)
                                .arg(m_store->count() - m_legitimate.size())
                                .arg(m_store->event(m_store->maxId())->body.size())
                                .arg(m_store->event(m_store->maxId())->headers.size())));
    if (mayRefuse && response->status == 431) {
        QVERIFY(r.closed);
        QCOMPARE(m_store->count(), qint64(m_legitimate.size()));
    } else {
        QCOMPARE(response->status, 200);
        const std::optional<Event> e = m_store->event(
                QJsonDocument::fromJson(response->body).object().value(u"id"_s).toInteger());
        QVERIFY(e.has_value());
        QCOMPARE(e->body, body);
        QCOMPARE(e->headers.size(), count);
        QCOMPARE(header(e->headers, QByteArray("X-H-" + QByteArray::number(extra - 1))),
                 QByteArray("v"));
        QCOMPARE(e->summary.type, u"ticket:created"_s);
    }
    if (rss.available())
        QVERIFY2(growth < 64 * MiB, qPrintable(u"RSS grew by %1 KiB"_s.arg(growth / 1024)));
    QCOMPARE(postLegitimate(), 200);
}

void tst_Hostile::bodyBehindTooManyHeaderFields_data()
{
    QTest::addColumn<qint64>("hiddenLength"); // Content-Length of the request hidden in the body
    QTest::addColumn<qint64>("follow"); // bytes sent afterwards, as small GET requests
    QTest::addRow("a delivery hidden in the body") << qint64(5) << qint64(0);
    QTest::addRow("a 512 MiB upload hidden in the body") << 512 * MiB << 48 * MiB;
}

void tst_Hostile::bodyBehindTooManyHeaderFields()
{
    // When the HTTP layer drops a request's header fields (Qt 6.4 keeps at most 100), it also
    // loses Content-Length and reads the body as the next request, while the guard counts it
    // as body. A request hidden in that body must not be stored as a delivery of its own,
    // and the guard's body limit must still hold for the bytes that follow.
    QFETCH(qint64, hiddenLength);
    QFETCH(qint64, follow);
    ReceiverConfig config;
    config.limits.request.maxBodyBytes = MiB;
    QVERIFY(startReceiver(config));
    QCOMPARE(postLegitimate(), 200);

    QByteArray hidden =
            "POST /smuggled HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
            + QByteArray::number(hiddenLength) + "\r\n\r\n";
    if (hiddenLength < 100)
        hidden += QByteArray(hiddenLength, 'h');
    QByteArray head = "POST /outer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n";
    for (int i = 0; i < 120; ++i)
        head += "X-H-" + QByteArray::number(i) + ": v\r\n";
    head += "Content-Length: " + QByteArray::number(hidden.size()) + "\r\n\r\n" + hidden;
    // Bytes that the guard reads as a series of small, complete GET requests, and the HTTP
    // layer as the body of the hidden request.
    const QByteArray filler = "GET / HTTP/1.1\r\nX-Pad: " + QByteArray(16 * 1024, 'p') + "\r\n\r\n";
    HttpClient::WireClient client;
    qint64 sent = 0;
    RssProbe rss;
    const bool finished = runInWorker(
            [&] {
                if (!client.connectTo(m_receiver->port()) || !client.send(head))
                    return;
                while (sent < follow && !client.closedByServer()) {
                    if (!client.send(filler))
                        break;
                    sent += filler.size();
                    client.pump(0);
                }
                client.waitForClose(2000);
            },
            120000, [&rss] { rss.sample(); });
    const qint64 growth = rss.growth();
    qInfo("RSS growth %lld KiB while %lld bytes followed a request with 123 header fields; "
          "answers: %s",
          growth / 1024, sent, client.received().left(300).replace("\r\n", " ").constData());
    QVERIFY(finished);
    QTRY_VERIFY(m_store->pendingCount() == 0);
    bool smuggled = false;
    m_store->forEachEvent([&](const Event &e) {
        smuggled |= e.path == "/smuggled"_L1;
        return true;
    });
    QVERIFY2(!smuggled,
             "a request hidden in another request's body was stored as a delivery of its own");
    if (rss.available())
        QVERIFY2(growth < 64 * MiB,
                 qPrintable(u"RSS grew by %1 KiB with a 1 MiB body limit"_s.arg(growth / 1024)));
    QCOMPARE(postLegitimate(), 200);
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::slowLoris_data()
{
    QTest::addColumn<double>("gapInIdleTimeouts"); // pause between bytes, in idle timeouts
    // A pause longer than the idle timeout: the connection is answered 408 and closed.
    QTest::addRow("bytes slower than the idle timeout") << 1.5;
    // Bytes just often enough to keep resetting the idle timer, a request that never ends:
    // the request deadline cuts it off (each such connection holds one of the capped slots).
    QTest::addRow("bytes just faster than the idle timeout") << 0.4;
}

void tst_Hostile::slowLoris()
{
    QFETCH(double, gapInIdleTimeouts);
    ReceiverConfig config;
    config.limits.idleTimeoutMs = 500;
    config.limits.requestTimeoutMs = 4 * config.limits.idleTimeoutMs;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);
    QCOMPARE(postLegitimate(), 200);

    const int gapMs = int(config.limits.idleTimeoutMs * gapInIdleTimeouts);
    // A slow-loris never finishes on its own: give up well after the request deadline.
    const int giveUpMs = 3 * config.limits.requestTimeoutMs;
    HttpClient::WireClient loris;
    int sentBytes = 0;
    bool closedWhileTrickling = false;
    std::atomic<bool> done{ false };
    std::thread worker([&] {
        if (loris.connectTo(m_receiver->port())
            && loris.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")) {
            const QByteArray trickle =
                    "X-Slow: "
                    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
            const auto start = std::chrono::steady_clock::now();
            while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(giveUpMs)) {
                loris.pump(gapMs);
                if (loris.closedByServer()
                    || !loris.send(trickle.mid(sentBytes % trickle.size(), 1))) {
                    closedWhileTrickling = true;
                    break;
                }
                ++sentBytes;
            }
            loris.waitForClose(2000); // what the server sends before it closes (after the trickle
                                      // at the latest)
        }
        done = true;
    });
    // The receiver serves others meanwhile.
    const int during = postLegitimate();
    QVERIFY(QTest::qWaitFor([&] { return done.load(); }, giveUpMs + 20000));
    worker.join();
    QCOMPARE(during, 200);

    qInfo("slow-loris sent %d header bytes, one every %d ms; cut off by the server while "
          "trickling: %s",
          sentBytes, gapMs, closedWhileTrickling ? "yes" : "no");
    QVERIFY2(closedWhileTrickling,
             qPrintable(u"a request trickling one byte every %1 ms was still open after %2 ms (%3 "
                        u"bytes), "
                        u"beyond the %4 ms request deadline"_s.arg(gapMs)
                                .arg(giveUpMs)
                                .arg(sentBytes)
                                .arg(config.limits.requestTimeoutMs)));
    QByteArray received = loris.received();
    const std::optional<HttpClient::Response> response = HttpClient::takeResponse(received, false);
    QVERIFY2(response.has_value(), loris.received().left(100).constData());
    QCOMPARE(response->status, 408);
    QVERIFY(!rejected.isEmpty());
    QCOMPARE(rejected.constLast().at(0).toInt(), 408);
    QCOMPARE(postLegitimate(), 200);
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::idleConnectionsBeyondTheCap_data()
{
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("clients");
    QTest::addColumn<int>("idleTimeoutMs");
    QTest::addColumn<bool>("waitForIdleTimeout"); // else the clients go away by themselves
    QTest::addRow("cap 8, 12 idle clients") << 8 << 12 << 3000 << true;
    QTest::addRow("default cap, 300 idle clients") << Http::ServerLimits{}.maxConnections << 300
                                                   << Http::ServerLimits{}.idleTimeoutMs << false;
}

void tst_Hostile::idleConnectionsBeyondTheCap()
{
    QFETCH(int, cap);
    QFETCH(int, clients);
    QFETCH(int, idleTimeoutMs);
    QFETCH(bool, waitForIdleTimeout);
    ReceiverConfig config;
    config.limits.maxConnections = cap;
    config.limits.idleTimeoutMs = idleTimeoutMs;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);
    QCOMPARE(postLegitimate(), 200);
    // The legitimate client's own connection closes when it goes out of scope; wait until the
    // server has let go of it so that the attack gets exactly `cap` slots.
    QTest::qWait(100);

    // Each client opens a keep-alive connection, makes one request if it got a slot, then idles.
    std::vector<std::unique_ptr<HttpClient::WireClient>> idle;
    int served = 0, refused = 0, other = 0;
    RssProbe rss;
    const bool finished = runInWorker(
            [&] {
                for (int i = 0; i < clients; ++i) {
                    auto c = std::make_unique<HttpClient::WireClient>();
                    if (!c->connectTo(m_receiver->port())) {
                        ++other;
                        continue;
                    }
                    c->send(HttpClient::request("GET", "/keep-alive"));
                    const std::optional<HttpClient::Response> r = c->response();
                    if (r && r->status == 200)
                        ++served;
                    else if (r && r->status == 503)
                        ++refused;
                    else
                        ++other;
                    idle.push_back(std::move(c));
                }
            },
            120000, [&rss] { rss.sample(); });
    QVERIFY(finished);
    const qint64 growth = rss.growth();
    qInfo("%d clients against a cap of %d: %d served and kept idle, %d refused with 503, %d other; "
          "RSS growth %lld KiB",
          clients, cap, served, refused, other, growth / 1024);
    // Every newcomer is served: the connection idle for longest gives up its slot, so silent
    // connections cannot lock anyone out (they once could: every slot held meant 503 for
    // every delivery).
    QCOMPARE(served, clients);
    QCOMPARE(refused, 0);
    QCOMPARE(other, 0);
    QCOMPARE(rejected.count(), 0);
    if (rss.available())
        QVERIFY2(growth < 64 * MiB, qPrintable(u"RSS grew by %1 KiB"_s.arg(growth / 1024)));
    // The server keeps at most `cap` of them: the oldest were closed.
    QVERIFY(runInWorker([&] {
        for (int i = 0; i < clients - cap; ++i)
            idle[size_t(i)]->waitForClose(10000);
    }));
    for (int i = 0; i < clients - cap; ++i)
        QVERIFY2(idle[size_t(i)]->closedByServer(),
                 qPrintable(u"idle connection %1 is still open"_s.arg(i)));

    // While the newest `cap` are held, a delivery still gets a slot.
    QCOMPARE(postLegitimate(), 200);
    if (waitForIdleTimeout) {
        // The idle timeout closes the rest.
        QVERIFY(runInWorker([&] {
            for (int i = clients - cap; i < clients; ++i)
                idle[size_t(i)]->waitForClose(10 * idleTimeoutMs);
        }));
        for (int i = clients - cap + 1; i < clients; ++i)
            QVERIFY2(idle[size_t(i)]->closedByServer(),
                     qPrintable(u"idle connection %1 is still open"_s.arg(i)));
    } else {
        idle.clear();
    }
    int status = 0;
    QTRY_VERIFY_WITH_TIMEOUT((status = postLegitimate()) == 200, 10000);
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::truncatedThenClosed_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("reset"); // RST instead of FIN
    QTest::addColumn<int>("complete"); // complete requests in `request` (stored)

    const QByteArray body = Fixtures::read(u"platform-account-updated.json"_s);
    const QByteArray full =
            HttpClient::request("POST", "/full", { { "Content-Type", "application/json" } }, body);
    const QByteArray chunked =
            "POST /chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    QTest::addRow("in the request line") << QByteArray("POST /trunc") << false << 0;
    QTest::addRow("in the headers")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Le") << false << 0;
    QTest::addRow("in the headers, reset")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Le") << true << 0;
    QTest::addRow("in a Content-Length body") << full.left(full.size() - 40) << false << 0;
    QTest::addRow("in a Content-Length body, reset") << full.left(full.size() - 40) << true << 0;
    QTest::addRow("in a chunk") << chunked + "100\r\n0123456789" << false << 0;
    QTest::addRow("before the last chunk") << chunked + "5\r\nhello\r\n" << false << 0;
    // A chunked request ends with the empty line after its trailers (RFC 9112 §7.1): cut in
    // the trailers it is incomplete, never acknowledged, and so never stored.
    QTest::addRow("in the trailers") << chunked + "5\r\nhello\r\n0\r\nX-T: 1\r\n" << false << 0;
    QTest::addRow("in a second pipelined request") << full + full.left(60) << false << 1;
}

void tst_Hostile::truncatedThenClosed()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, reset);
    QFETCH(int, complete);
    QVERIFY(startReceiver());
    QCOMPARE(postLegitimate(), 200);

    // Many times over, so that a leak per connection would show in the RSS.
    constexpr int rounds = 100;
    RssProbe rss;
    QVERIFY(runInWorker(
            [&] {
                for (int i = 0; i < rounds; ++i) {
                    HttpClient::WireClient c;
                    if (!c.connectTo(m_receiver->port()) || !c.send(request))
                        continue;
                    if (complete)
                        (void)c.response(5000); // the complete request is answered first
                    else
                        c.pump(5); // let the server see the bytes before the connection goes
                    c.close(reset);
                }
            },
            120000, [&rss] { rss.sample(); }));
    QCOMPARE(postLegitimate(), 200);
    // The complete requests are stored once each; the cut-off ones never.
    QTRY_COMPARE(m_store->count(), qint64(m_legitimate.size() + rounds * complete));
    const qint64 growth = rss.growth();
    qInfo("RSS growth %lld KiB over %d truncated connections", growth / 1024, rounds);
    if (rss.available())
        QVERIFY2(growth < 32 * MiB, qPrintable(u"RSS grew by %1 KiB"_s.arg(growth / 1024)));
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::deeplyNestedJson_data()
{
    QTest::addColumn<QByteArray>("body");
    constexpr int depth = 10000;
    QTest::addRow("10,000 nested arrays") << QByteArray(depth, '[') + QByteArray(depth, ']');
    QTest::addRow("10,000 nested objects")
            << QByteArray("{\"a\":").repeated(depth) + "1" + QByteArray(depth, '}');
    QTest::addRow("wrapped event with a 10,000-level payload")
            << "{\"message\":{\"eventId\":\"deep\",\"eventType\":\"ticket:created\",\"payload\":"
                    + QByteArray(depth, '[') + QByteArray(depth, ']') + "}}";
    QTest::addRow("100,000 nested arrays")
            << QByteArray(10 * depth, '[') + QByteArray(10 * depth, ']');
    QTest::addRow("100,000 unclosed arrays") << QByteArray(10 * depth, '[');
}

void tst_Hostile::deeplyNestedJson()
{
    QFETCH(QByteArray, body);
    QVERIFY(startReceiver());
    QCOMPARE(postLegitimate(), 200);

    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_receiver->port()));
    const std::optional<HttpClient::Response> r = client.exchange(
            HttpClient::request("POST", "/deep", { { "Content-Type", "application/json" } }, body));
    QVERIFY(r.has_value());
    // Valid JSON, but deeper than Qt's JSON parser goes (it stops at 1024 levels): the body is
    // stored exactly, flagged invalid, and the sender is told why. What matters here: the
    // answer and the stored status agree, nothing is lost, nothing crashes.
    QVERIFY2(r->status == 200 || r->status == 400, r->statusLine.constData());
    const QJsonObject json = QJsonDocument::fromJson(r->body).object();
    const qint64 id = json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    const std::optional<Event> e = m_store->event(id);
    QVERIFY(e.has_value());
    QCOMPARE(e->body, body);
    QCOMPARE(e->summary.status,
             r->status == 200 ? QString(EventStatus::Ok) : QString(EventStatus::Invalid));
    if (r->status == 400)
        QVERIFY(!json.value(u"error"_s).toString().isEmpty());
    qInfo("answered %d: %s", r->status, qPrintable(json.value(u"error"_s).toString()));

    // The read side copes too: filters over the payload and both export formats.
    const EventPayload payload(e->body, e->contentType.toUtf8());
    (void)FilterExpression::parse(u"payload.a.a.a=1 OR deep"_s).matches(e->summary, &payload);
    for (const EventExporter::Format format :
         { EventExporter::Format::Csv, EventExporter::Format::JsonLines }) {
        QByteArray out;
        QBuffer buffer(&out);
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        EventExporter exporter(&buffer, format,
                               EventExporter::builtinColumns()
                                       + QStringList{ u"payload.a.a"_s, u"message.payload"_s });
        QVERIFY(exporter.write(*e));
        QVERIFY(exporter.finish());
        QVERIFY(!out.isEmpty());
    }
    QCOMPARE(postLegitimate(), 200);
}

void tst_Hostile::fiveMegabyteString()
{
    QVERIFY(startReceiver()); // default 10 MiB body limit
    QCOMPARE(postLegitimate(), 200);

    const QByteArray big(5 * 1000 * 1000, 'a');
    const QByteArray body = "{\"message\":{\"eventId\":\"big-1\",\"eventType\":\"ticket:created\","
                            "\"payload\":{\"ticket\":{\"title\":\""
            + big + "\"}}}}";
    HttpClient::UploadPlan plan;
    plan.head =
            HttpClient::request("POST", "/big", { { "Content-Type", "application/json" } }, body);
    RssProbe rss;
    const HttpClient::UploadResult r =
            HttpClient::upload(m_receiver->port(), plan, 120000, [&rss] { rss.sample(); });
    const qint64 growth = rss.growth();
    QVERIFY(r.finished);
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY2(response.has_value(), r.received.left(200).constData());
    QCOMPARE(response->status, 200);
    const std::optional<Event> e = m_store->event(
            QJsonDocument::fromJson(response->body).object().value(u"id"_s).toInteger());
    QVERIFY(e.has_value());
    QVERIFY(e->body == body);
    QCOMPARE(e->summary.type, u"ticket:created"_s);
    QCOMPARE(e->summary.eventId, u"big-1"_s);
    QVERIFY(e->summary.summary.size() <= 160);
    qInfo("RSS growth %lld KiB for one %lld-byte delivery", growth / 1024, qint64(body.size()));
    // The body passes through the HTTP layer, the parser (as UTF-16), SQLite and its
    // full-text index: a few copies of 5 MB, not more.
    if (rss.available())
        QVERIFY2(growth < 96 * MiB, qPrintable(u"RSS grew by %1 KiB"_s.arg(growth / 1024)));
    QCOMPARE(postLegitimate(), 200);
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::binaryBodies_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("storedStatus");
    QRandomGenerator rng(7); // fixed: the same bytes on every run
    QByteArray random(256 * 1024, Qt::Uninitialized);
    rng.generate(random.begin(), random.end());
    QTest::addRow("256 KiB random, octet-stream")
            << QByteArray("application/octet-stream") << random << 200 << u"ok"_s;
    QTest::addRow("256 KiB random, no content type") << QByteArray() << random << 200 << u"ok"_s;
    QTest::addRow("random bytes claiming JSON")
            << QByteArray("application/json") << random.left(4096) << 400 << u"invalid"_s;
    QTest::addRow("64 KiB of NUL") << QByteArray("application/octet-stream")
                                   << QByteArray(64 * 1024, '\0') << 200 << u"ok"_s;
    QTest::addRow("UTF-16 text with a BOM") << QByteArray("text/plain; charset=utf-16")
                                            << QByteArray("\xff\xfeh\0i\0", 6) << 200 << u"ok"_s;
    QTest::addRow("JSON behind a NUL")
            << QByteArray("application/json") << QByteArray("{\"a\":1}\0{\"b\":2}", 15) << 400
            << u"invalid"_s;
    QTest::addRow("gzip bytes") << QByteArray("application/json")
                                << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\x56\x4a"
                                              "\x54\xb2\x32\xac\x05\x00",
                                              19)
                                << 400 << u"invalid"_s;
}

void tst_Hostile::binaryBodies()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, storedStatus);
    QVERIFY(startReceiver());
    QCOMPARE(postLegitimate(), 200);

    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_receiver->port()));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({ "Content-Type", contentType });
    const std::optional<HttpClient::Response> r =
            client.exchange(HttpClient::request("POST", "/bin", headers, body));
    QVERIFY(r.has_value());
    QCOMPARE(r->status, status);
    const std::optional<Event> e =
            m_store->event(QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger());
    QVERIFY(e.has_value());
    QCOMPARE(e->body.size(), body.size());
    QVERIFY(e->body == body);
    QCOMPARE(e->summary.status, storedStatus);
    QCOMPARE(e->summary.size, qint64(body.size()));
    QCOMPARE(postLegitimate(), 200);
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::pathTraversal_data()
{
    // The stored path is the request's path, percent-decoded and otherwise as sent: dot
    // segments are not resolved (and nothing is ever looked up on disk).
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("path");
    QTest::addRow("dot segments") << QByteArray("/../../../../etc/passwd")
                                  << u"/../../../../etc/passwd"_s;
    QTest::addRow("encoded dots") << QByteArray("/%2e%2e/%2e%2e/etc/passwd")
                                  << u"/../../etc/passwd"_s;
    QTest::addRow("encoded slashes")
            << QByteArray("/..%2f..%2f..%2fetc%2fpasswd") << u"/../../../etc/passwd"_s;
    QTest::addRow("backslashes") << QByteArray("/..\\..\\windows\\win.ini")
                                 << u"/..\\..\\windows\\win.ini"_s;
    QTest::addRow("into the data folder") << QByteArray("/../events.db") << u"/../events.db"_s;
    QTest::addRow("encoded NUL") << QByteArray("/a%00b/../c") << QString(u"/a\u0000b/../c"_s);
    QTest::addRow("under /hooks") << QByteArray("/hooks/../../etc/passwd")
                                  << u"/hooks/../../etc/passwd"_s;
    // Starts like a network-path reference ("//host/path").
    QTest::addRow("double slash") << QByteArray("//etc//passwd") << u"//etc//passwd"_s;
    // Not UTF-8 once decoded: the path is kept as sent (percent-encoded), so it still says
    // which bytes were sent.
    QTest::addRow("overlong UTF-8 dots")
            << QByteArray("/%c0%ae%c0%ae/etc/passwd") << u"/%c0%ae%c0%ae/etc/passwd"_s;
    // Raw bytes outside visible ASCII in a target are refused (400) by the parser:
    // tst_framing covers them.
}

void tst_Hostile::pathTraversal()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, path);
    QVERIFY(startReceiver());
    QCOMPARE(postLegitimate(), 200);

    // A file beside the data folder that a traversal would reach.
    QTemporaryDir outside;
    QFile sentinel(outside.filePath(u"passwd"_s));
    QVERIFY(sentinel.open(QIODevice::WriteOnly));
    sentinel.write("SENTINEL-CONTENT");
    sentinel.close();
    const QStringList before =
            QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);

    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    for (const QByteArray &verb : { QByteArray("GET"), QByteArray("POST") }) {
        HttpClient::SocketClient client;
        QVERIFY(client.connectTo(m_receiver->port()));
        const std::optional<HttpClient::Response> r = client.exchange(
                HttpClient::request(verb, target, { { "Content-Type", "application/json" } },
                                    verb == "POST" ? body : QByteArray()));
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 200);
        QVERIFY(!r->body.contains("SENTINEL"));
        QVERIFY(!r->body.contains("root:"));
        if (verb == "GET") {
            QCOMPARE(r->body, QByteArray(R"({"ok":true})"));
            continue;
        }
        const std::optional<Event> e = m_store->event(
                QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger());
        QVERIFY(e.has_value());
        QCOMPARE(e->body, body);
        // The path is taken from the request target as sent, not from Qt's parse of it (which
        // reads "//x" as a host and replaces bytes that are not UTF-8).
        QCOMPARE(e->path, path);
        // Byte for byte what was sent, once percent-decoded.
        QCOMPARE(QByteArray::fromPercentEncoding(e->path.toUtf8()),
                 QByteArray::fromPercentEncoding(target));
    }
    // Nothing appeared in (or vanished from) the data folder.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             before);
    QCOMPARE(postLegitimate(), 200);
}

// ---------------------------------------------------------------------------------------

QHash<int, int> tst_Hostile::flood(int count, const QByteArray &forwardedFor,
                                   qint64 *retryAfterSeen)
{
    QHash<int, int> statuses;
    HttpClient::SocketClient client;
    if (!client.connectTo(m_receiver->port()))
        return statuses;
    HeaderList headers{ { "Content-Type", "application/json" } };
    if (!forwardedFor.isEmpty())
        headers.append({ "X-Forwarded-For", forwardedFor });
    for (int i = 0; i < count; ++i) {
        const QByteArray body = R"({"eventId":"flood-)" + QByteArray::number(++m_serial)
                + R"(","eventType":"ticket:created","orgId":"O1","payload":{}})";
        const std::optional<HttpClient::Response> r =
                client.exchange(HttpClient::request("POST", "/thena", headers, body));
        if (!r) {
            statuses[0]++;
            if (!client.connectTo(m_receiver->port()))
                break;
            continue;
        }
        statuses[r->status]++;
        if (r->status == 429 && retryAfterSeen)
            *retryAfterSeen = header(r->headers, "Retry-After").toLongLong();
        if (header(r->headers, "Connection").compare("close", Qt::CaseInsensitive) == 0
            && !client.connectTo(m_receiver->port()))
            break;
    }
    return statuses;
}

void tst_Hostile::floodFromOneTunnelledClient()
{
    // Through a tunnel every delivery comes from 127.0.0.1; the real client is named in
    // X-Forwarded-For. One flooding client is held to its rate; the others, and local tools,
    // are not affected, and nothing refused is stored.
    // One delivery per second, bursts of two: low enough that however slowly this machine
    // runs the loop below, the flood outruns it.
    ReceiverConfig config;
    config.ratePerClient = 1;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);
    QCOMPARE(postLegitimate(), 200);

    QElapsedTimer clock;
    clock.start();
    qint64 retryAfter = 0;
    const QHash<int, int> statuses = flood(30, "203.0.113.7", &retryAfter);
    const double seconds = double(clock.elapsed()) / 1000.0;
    qInfo("flood: %d accepted, %d refused with 429 in %.2f s", statuses.value(200),
          statuses.value(429), seconds);
    QCOMPARE(statuses.value(200) + statuses.value(429), 30);
    QVERIFY(statuses.value(200) >= 2); // the burst
    QVERIFY(statuses.value(200) <= 2 + int(seconds) + 1); // and no more than the rate since
    QVERIFY(statuses.value(429) > 0);
    QVERIFY(retryAfter >= 1);
    QCOMPARE(rejected.count(), statuses.value(429));
    QCOMPARE(rejected.constLast().at(0).toInt(), 429);
    QCOMPARE(rejected.constLast().at(2).toString(), u"203.0.113.7"_s);
    QVERIFY(rejected.constLast().at(1).toString().contains(u"rate limit"_s));

    // Nothing that was refused is in the store.
    int stored = 0;
    m_store->forEachEvent([&](const Event &e) {
        stored += e.summary.eventId.startsWith(u"flood-"_s);
        return true;
    });
    QCOMPARE(stored, statuses.value(200));

    // Only the tunnel's own (last) X-Forwarded-For entry counts: claiming to be someone
    // else in front of it does not escape the limit.
    QVERIFY(flood(3, "198.51.100.77, 203.0.113.7").value(429) >= 1);
    QCOMPARE(rejected.constLast().at(2).toString(), u"203.0.113.7"_s);
    // Another client behind the same tunnel, and a local tool, still get through.
    QCOMPARE(flood(2, "198.51.100.9").value(200), 2); // its own burst
    QCOMPARE(postLegitimate(), 200);

    // Once a token has come back, the flooding client is served again.
    QTest::qWait(1100);
    QCOMPARE(flood(1, "203.0.113.7").value(200), 1);
    QCOMPARE(postLegitimate(), 200);
}

void tst_Hostile::floodFromLoopbackWhenLimited()
{
    ReceiverConfig config;
    config.ratePerClient = 1;
    config.rateLimitLoopback = true;
    QVERIFY(startReceiver(config));
    const QHash<int, int> statuses = flood(30, QByteArray());
    QVERIFY(statuses.value(200) >= 2);
    QVERIFY(statuses.value(429) > 0);
    QCOMPARE(statuses.value(200) + statuses.value(429), 30);

    // With the limit off (0), the same flood is all accepted.
    config.ratePerClient = 0;
    QVERIFY(startReceiver(config));
    QCOMPARE(flood(30, QByteArray()).value(200), 30);
    QCOMPARE(flood(30, "203.0.113.7").value(200), 30);
    QCOMPARE(postLegitimate(), 200);
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::unknownMethods_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray rest = " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                            "application/json\r\nContent-Length: 2\r\n\r\n{}";
    QTest::addRow("FOO") << "FOO /" + rest;
    QTest::addRow("PROPFIND") << "PROPFIND /" + rest;
    QTest::addRow("BREW (RFC 2324)") << "BREW /pot" + rest;
    QTest::addRow("lower-case post") << "post /" + rest;
    QTest::addRow("TRACE") << "TRACE /" + rest;
    QTest::addRow("CONNECT") << "CONNECT 127.0.0.1:443" + rest;
    QTest::addRow("M-SEARCH *") << "M-SEARCH *" + rest;
    QTest::addRow("method of 10,000 letters") << QByteArray(10000, 'P') + " /" + rest;
    QTest::addRow("empty method") << " /" + rest;
    QTest::addRow("HTTP/0.9 style") << QByteArray("GET /\r\n\r\n");
    QTest::addRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    QTest::addRow("TLS client hello")
            << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                    + QByteArray(500, 'x');
}

void tst_Hostile::unknownMethods()
{
    QFETCH(QByteArray, request);
    ReceiverConfig config;
    config.limits.idleTimeoutMs = 2000; // an unanswered request is cut off with 408 at the latest
    QVERIFY(startReceiver(config));
    QCOMPARE(postLegitimate(), 200);

    HttpClient::WireClient c;
    QVERIFY(runInWorker([&] {
        if (c.connectTo(m_receiver->port()) && c.send(request) && !c.response(4 * 2000))
            c.waitForClose(4 * 2000);
    }));
    // Refused with a 4xx/5xx, or the connection is dropped; never stored, never a 2xx.
    QByteArray received = c.received();
    const std::optional<HttpClient::Response> r = HttpClient::takeResponse(received, false);
    qInfo("answer: %s; closed: %s", r ? r->statusLine.constData() : "(none)",
          c.closedByServer() ? "yes" : "no");
    if (r)
        QVERIFY2(r->status >= 400 && r->status < 600, r->statusLine.constData());
    else
        QVERIFY2(c.closedByServer(), c.received().left(100).constData());
    QCOMPARE(m_store->count(), qint64(m_legitimate.size()));
    QCOMPARE(postLegitimate(), 200);
}

// ---------------------------------------------------------------------------------------

void tst_Hostile::deeplyNestedFilter_data()
{
    // Filters are typed or pasted into the filter bar and `hookscope export --filter`: a
    // pasted wall of brackets must give a parse error (or a filter), not a crash.
    QTest::addColumn<QString>("kind");
    QTest::addRow("100,000 nested parentheses") << u"parens"_s;
    QTest::addRow("100,000 glued negations") << u"dashes"_s;
    QTest::addRow("50,000 NOTs") << u"nots"_s;
}

void tst_Hostile::deeplyNestedFilter()
{
    // Runs in a child process: a stack overflow must fail this row, not end the whole test.
    QFETCH(QString, kind);
    m_receiver.reset(); // no receiver in this test
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOOKSCOPE_DEEP_FILTER"_s, kind);
    env.insert(u"QTEST_DISABLE_STACK_DUMP"_s, u"1"_s); // no debugger backtrace of the crash
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), { u"deeplyNestedFilterInChild"_s });
    QVERIFY(child.waitForFinished(120000));
    const QByteArray output = child.readAllStandardOutput() + child.readAllStandardError();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             qPrintable(u"the filter parser crashed (exit status %1, code %2): %3"_s
                                .arg(int(child.exitStatus()))
                                .arg(child.exitCode())
                                .arg(QString::fromUtf8(output.right(600)))));
}

void tst_Hostile::deeplyNestedFilterInChild()
{
    m_receiver.reset(); // no receiver in this test
    const QString kind = qEnvironmentVariable("HOOKSCOPE_DEEP_FILTER");
    if (kind.isEmpty())
        QSKIP("runs as the child process of deeplyNestedFilter()");
    QString text;
    if (kind == "parens"_L1)
        text = QString(100000, u'(') + u"ticket:*"_s + QString(100000, u')');
    else if (kind == "dashes"_L1)
        text = QString(100000, u'-') + u"ticket:*"_s;
    else
        text = u"NOT "_s.repeated(50000) + u"ticket:*"_s;
    const FilterExpression f = FilterExpression::parse(text);
    EventSummary e;
    e.type = u"ticket:created"_s;
    (void)f.matches(e);
    (void)f.matchWithoutPayload(e);
    qInfo("parsed: %s", f.isValid() ? "valid" : qPrintable(f.errorMessage()));
}

QTEST_GUILESS_MAIN(tst_Hostile)
#include "tst_hostile.moc"
