// SPDX-License-Identifier: MIT
// hookscope-relay under a client without credentials, over real loopback sockets (the
// tracker's acceptance items for the relay's hardening):
//
//  1. Readers cannot starve deliveries. Subscriber streams leave the HTTP connection pool,
//     so hundreds of SSE streams from several source addresses (127.0.0.2, 127.0.0.3, ...:
//     Linux routes all of 127/8 to lo and lets a client socket bind to any of them) no
//     longer take the 256 connection slots: a delivery and /new from another address still
//     succeed. Streams are bounded per channel (429), per client address (429) and in all
//     (503); /new per client address (429 + Retry-After) before the relay's own bucket.
//  2. A header-heavy flood stays within the channel's byte bound: everything stored for an
//     event counts (headers, request data, body), so relay.db stays small.
//  3. The relay-wide bound (--max-disk): deliveries that do not fit get 507 + Retry-After,
//     never evicting what no reader has received; once a reader has received events they
//     are evicted and deliveries are accepted again.
//  4. /healthz shows counts only to the admin token, and says 503 ok:false while full.
//
// Most cases run the server in-process (so the store can be inspected after every
// response); two run the hookscope-relay program to check the command line's bounds.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

#include <memory>
#include <optional>
#include <vector>

#include "core/relay/relayserver.h"
#include "core/relay/relaystore.h"
#include "tests/support/httpclient.h"
#include "tests/support/relaytesthelpers.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;
using HttpClient::Response;
using RelayTest::Headers;

namespace {

const QByteArray AdminToken = "hardening-admin-token";

// 127.0.0.n
QHostAddress loopback(int n)
{
    return QHostAddress((quint32(127) << 24) | quint32(n));
}

struct Channel
{
    QString id;
    QString token;
    QByteArray ingestTarget() const { return '/' + id.toLatin1(); }
    QByteArray readTarget() const { return '/' + id.toLatin1() + "?token=" + token.toLatin1(); }
};

Channel channelOf(const QUrl &readUrl)
{
    return { readUrl.path().mid(1), QUrlQuery(readUrl).queryItemValue(u"token"_s) };
}

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QString describe(const std::optional<Response> &r)
{
    if (!r)
        return u"no response"_s;
    return QString::fromLatin1(QByteArray(r->statusLine + " | " + r->body.left(300)));
}

// One request on a connection of its own from `from`; the response is Content-Length framed.
std::optional<Response> exchange(quint16 port, const QByteArray &raw,
                                 const QHostAddress &from = loopback(1), bool head = false,
                                 int timeoutMs = 10000)
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    if (!socket.bind(from)) {
        qWarning("cannot bind to %s: %s", qPrintable(from.toString()),
                 qPrintable(socket.errorString()));
        return std::nullopt;
    }
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return std::nullopt;
    socket.write(raw);
    QByteArray buffer;
    std::optional<Response> response;
    (void)QTest::qWaitFor(
            [&] {
                buffer += socket.readAll();
                response = HttpClient::takeResponse(buffer, head);
                return response.has_value() || socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    if (!response) {
        buffer += socket.readAll();
        response = HttpClient::takeResponse(buffer, head);
    }
    return response;
}

std::optional<Response> post(quint16 port, const Channel &channel, const QByteArray &body,
                             const Headers &extra = {}, const QHostAddress &from = loopback(1))
{
    Headers headers{ { "Content-Type", "application/json" } };
    headers += extra;
    return exchange(port, HttpClient::request("POST", channel.ingestTarget(), headers, body), from);
}

std::optional<Response> newChannel(quint16 port, const QHostAddress &from)
{
    return exchange(port, HttpClient::request("HEAD", "/new"), from, true);
}

std::optional<Response> healthz(quint16 port, const QByteArray &bearer = {})
{
    Headers headers;
    if (!bearer.isEmpty())
        headers.append({ "Authorization", "Bearer " + bearer });
    return exchange(port, HttpClient::request("GET", "/healthz", headers));
}

// An SSE subscriber from a chosen source address, kept open until destroyed. Only the
// status and the raw bytes matter here (RelayTest::SseStream parses events, from 127.0.0.1).
class RawStream
{
public:
    explicit RawStream(const QHostAddress &from) : m_from(from)
    {
        m_socket.setProxy(QNetworkProxy::NoProxy);
    }

    bool open(quint16 port, const QByteArray &target)
    {
        if (!m_socket.bind(m_from)) {
            qWarning("cannot bind to %s: %s", qPrintable(m_from.toString()),
                     qPrintable(m_socket.errorString()));
            return false;
        }
        const QByteArray request = "GET " + target
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket,
                         [this, request] { m_socket.write(request); });
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return true;
    }
    // Reads what arrived; true once the status is known or the connection is gone.
    bool poll()
    {
        m_raw += m_socket.readAll();
        if (m_status == 0) {
            const qsizetype end = m_raw.indexOf("\r\n\r\n");
            if (end > 0)
                m_status = m_raw.left(m_raw.indexOf('\r')).split(' ').value(1).toInt();
        }
        return m_status != 0 || closed();
    }
    int status() const { return m_status; }
    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    const QByteArray &raw() const { return m_raw; }

private:
    QTcpSocket m_socket;
    QHostAddress m_from;
    QByteArray m_raw;
    int m_status = 0;
};

using Streams = std::vector<std::unique_ptr<RawStream>>;

// Opens one stream from `from` to each of `targets` at once and waits until every one has a
// status (or was closed); returns how many got each status (0: none).
QHash<int, int> openStreams(Streams &out, quint16 port, const QHostAddress &from,
                            const QList<QByteArray> &targets)
{
    const size_t first = out.size();
    for (const QByteArray &target : targets) {
        auto stream = std::make_unique<RawStream>(from);
        if (stream->open(port, target))
            out.push_back(std::move(stream));
    }
    (void)QTest::qWaitFor(
            [&] {
                bool all = true;
                for (size_t i = first; i < out.size(); ++i)
                    all = out[i]->poll() && all;
                return all;
            },
            15000);
    QHash<int, int> counts;
    for (size_t i = first; i < out.size(); ++i)
        ++counts[out[i]->status()];
    counts[0] += int(targets.size() - qsizetype(out.size() - first)); // could not even bind
    return counts;
}

// `fields` header fields of `valueBytes` bytes each.
Headers heavyHeaders(int fields, int valueBytes, int seed)
{
    Headers headers;
    for (int i = 0; i < fields; ++i) {
        QByteArray value(valueBytes, Qt::Uninitialized);
        for (int j = 0; j < valueBytes; ++j)
            value[j] = char('a' + (i * 7 + j + seed) % 26);
        headers.append({ QByteArray("X-Pad-" + QByteArray::number(i)), value });
    }
    return headers;
}

qint64 fileSize(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}

} // namespace

class tst_RelayHardening final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    // 1. Relay DoS by readers
    void streamsDoNotStarveDeliveries();
    void streamsPerClientAddress();
    void streamsInAll();
    void streamsLeaveTheConnectionPool();
    void newChannelsPerClientAddress();
    // 2. Header-heavy flood
    void headerHeavyFloodStaysInBound();
    void headerHeavyFloodOverCommandLine();
    // 3. + 4. --max-disk, /healthz
    void diskBoundRefusesAndRecovers();
    void healthzUnhealthyWhenFull();
    void healthzCountsNeedAdminToken();
    void diskBoundOverCommandLine();

private:
    bool startServer(RelayServerConfig config = {}, bool adminToken = true);
    Channel createChannel()
    {
        const QUrl url = m_server->createChannel();
        return url.isEmpty() ? Channel{} : channelOf(url);
    }
    quint16 port() const { return m_server->port(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayServer> m_server;
};

const QString LogRules = u"hookscope.*.info=false\nhookscope.*.debug=false"_s;

void tst_RelayHardening::initTestCase()
{
    // Streams by the hundred, refusals by the dozen: keep the log to warnings.
    QLoggingCategory::setFilterRules(LogRules);
    // Several source addresses on the loopback interface (Linux: all of 127/8).
    QTcpSocket probe;
    if (!probe.bind(loopback(9)))
        QSKIP("cannot bind a client socket to 127.0.0.9: this needs Linux's 127/8 loopback");
}

void tst_RelayHardening::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<RelayServer>();
}

void tst_RelayHardening::cleanup()
{
    m_server.reset();
    m_dir.reset();
    QLoggingCategory::setFilterRules(LogRules);
}

void tst_RelayHardening::cleanupTestCase()
{
    QLoggingCategory::setFilterRules({});
}

bool tst_RelayHardening::startServer(RelayServerConfig config, bool adminToken)
{
    config.address = QHostAddress(QHostAddress::LocalHost);
    config.port = 0;
    config.dataDir = m_dir->path();
    config.adminToken = adminToken ? QString::fromLatin1(AdminToken) : QString();
    m_server->setConfig(config);
    if (!m_server->start()) {
        qWarning("relay did not start: %s", qPrintable(m_server->errorString()));
        return false;
    }
    return m_server->isListening();
}

// The reported attack: with no credentials, 32 channels × 8 SSE streams filled all 256
// connection slots, and from then on every delivery got 503 and /new was refused. Now the
// attacker, from 10 addresses (32 streams each, the per-address cap), holds 320 streams
// on 40 channels (8 each, the per-channel cap) — more than the 256 slots — and deliveries
// and /new from another address still work.
void tst_RelayHardening::streamsDoNotStarveDeliveries()
{
    QVERIFY(startServer());
    const RelayServerConfig &config = m_server->config();
    QCOMPARE(config.limits.maxConnections, 256);
    QCOMPARE(config.maxSubscribersPerChannel, 8);
    QCOMPARE(config.maxSubscribersPerClient, 32);

    constexpr int Addresses = 10; // 127.0.0.2 .. 127.0.0.11
    constexpr int ChannelsPerAddress = 4; // × 8 streams = 32 per address
    QList<Channel> channels;
    for (int i = 0; i < Addresses * ChannelsPerAddress + 1; ++i) {
        channels.append(createChannel());
        QVERIFY(!channels.last().id.isEmpty());
    }
    const Channel spare = channels.takeLast(); // no attacker streams on it

    Streams attacker;
    int accepted = 0;
    for (int a = 0; a < Addresses; ++a) {
        QList<QByteArray> targets;
        for (int c = 0; c < ChannelsPerAddress; ++c)
            for (int s = 0; s < config.maxSubscribersPerChannel; ++s)
                targets.append(channels.at(a * ChannelsPerAddress + c).readTarget());
        const QHash<int, int> counts = openStreams(attacker, port(), loopback(2 + a), targets);
        QVERIFY2(counts.value(200) == targets.size(),
                 qPrintable(u"address %1: %2 of %3 streams accepted, %4 refused with 429, %5 with "
                            u"503, %6 without answer"_s.arg(loopback(2 + a).toString())
                                    .arg(counts.value(200))
                                    .arg(targets.size())
                                    .arg(counts.value(429))
                                    .arg(counts.value(503))
                                    .arg(counts.value(0))));
        accepted += counts.value(200);
    }
    QCOMPARE(accepted, Addresses * ChannelsPerAddress * config.maxSubscribersPerChannel);
    QVERIFY2(accepted > config.limits.maxConnections,
             "the streams must exceed what used to fill every HTTP connection slot");
    QCOMPARE(m_server->subscriberCount(), accepted);

    // Every stream still open (none was cut to make room).
    for (const auto &s : attacker) {
        s->poll();
        QVERIFY(!s->closed());
    }

    // The caps hold with all of that open: a ninth reader of a channel (from a fresh
    // address), a 33rd stream from one address (to a channel with room).
    Streams probes;
    QHash<int, int> counts =
            openStreams(probes, port(), loopback(40), { channels.first().readTarget() });
    QCOMPARE(counts.value(429), 1);
    QVERIFY2(probes.back()->raw().contains("subscribers already"),
             probes.back()->raw().constData());
    counts = openStreams(probes, port(), loopback(2), { spare.readTarget() });
    QCOMPARE(counts.value(429), 1);
    QVERIFY2(probes.back()->raw().contains("from this address"), probes.back()->raw().constData());
    QVERIFY(probes.back()->raw().contains("Retry-After:"));

    // The legitimate user, from 127.0.0.1: a delivery is answered 2xx and stored...
    const Channel &victim = channels.at(5);
    const auto delivered = post(port(), victim, R"({"legit":"delivery-1"})");
    QVERIFY2(delivered && delivered->status / 100 == 2, qPrintable(describe(delivered)));
    const qint64 id = jsonOf(delivered->body).value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    const QList<RelayEvent> stored = m_server->store()->eventsAfter(victim.id, 0);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().id, id);
    QCOMPARE(stored.first().body, QByteArray(R"({"legit":"delivery-1"})"));
    // ... and reaches the readers of that channel (the attacker's, here: they are live).
    const size_t firstOfVictim = size_t(5 * config.maxSubscribersPerChannel);
    QVERIFY(QTest::qWaitFor(
            [&] {
                attacker[firstOfVictim]->poll();
                return attacker[firstOfVictim]->raw().contains("delivery-1");
            },
            10000));
    // ... /new creates a channel ...
    const auto created = newChannel(port(), loopback(1));
    QVERIFY2(created && created->status == 307, qPrintable(describe(created)));
    QVERIFY(created->header("Location").contains("?token="));
    // ... the user can read their own channel ...
    Streams own;
    counts =
            openStreams(own, port(), loopback(1),
                        { channelOf(QUrl::fromEncoded(created->header("Location"))).readTarget() });
    QCOMPARE(counts.value(200), 1);
    // ... and the operator sees that the streams are not HTTP connections.
    const auto health = healthz(port(), AdminToken);
    QVERIFY2(health && health->status == 200, qPrintable(describe(health)));
    const QJsonObject o = jsonOf(health->body);
    QCOMPARE(o.value(u"subscribers"_s).toInt(), accepted + 1);
    QVERIFY2(o.value(u"connections"_s).toInt() < 16, health->body.constData());
}

// One address alone gets maxSubscribersPerClient streams (429 beyond, with Retry-After,
// whatever channels they are for); another address is unaffected; closing streams gives
// the address its room back.
void tst_RelayHardening::streamsPerClientAddress()
{
    RelayServerConfig config;
    config.maxSubscribersPerChannel = 100; // only the per-address cap matters here
    QVERIFY(startServer(config));
    const int perClient = m_server->config().maxSubscribersPerClient;
    QCOMPARE(perClient, 32);
    const Channel a = createChannel();
    const Channel b = createChannel();

    Streams streams;
    QList<QByteArray> targets;
    for (int i = 0; i < perClient + 8; ++i)
        targets.append((i % 2 ? a : b).readTarget());
    QHash<int, int> counts = openStreams(streams, port(), loopback(2), targets);
    QCOMPARE(counts.value(200), perClient);
    QCOMPARE(counts.value(429), 8);
    int withRetryAfter = 0;
    for (const auto &s : streams)
        withRetryAfter += s->status() == 429 && s->raw().contains("Retry-After:") ? 1 : 0;
    QCOMPARE(withRetryAfter, 8);
    QCOMPARE(m_server->subscriberCount(), perClient);

    // Another address still reads.
    counts = openStreams(streams, port(), loopback(3), { a.readTarget(), b.readTarget() });
    QCOMPARE(counts.value(200), 2);

    // Closing streams from 127.0.0.2 gives it room again (and only that much). Its 40 tries
    // are the first in `streams`.
    int closedCount = 0;
    for (size_t i = 0; i < size_t(targets.size()) - size_t(closedCount) && closedCount < 5;) {
        if (streams[i]->status() == 200) {
            streams.erase(streams.begin() + qsizetype(i));
            ++closedCount;
        } else {
            ++i;
        }
    }
    QCOMPARE(closedCount, 5);
    QTRY_COMPARE(m_server->subscriberCount(), perClient - 5 + 2);
    counts = openStreams(streams, port(), loopback(2), QList<QByteArray>(6, a.readTarget()));
    QCOMPARE(counts.value(200), 5);
    QCOMPARE(counts.value(429), 1);
}

// maxSubscribers bounds the streams of all addresses together: 503 beyond it.
void tst_RelayHardening::streamsInAll()
{
    RelayServerConfig config;
    config.maxSubscribers = 20;
    QVERIFY(startServer(config));
    QList<Channel> channels;
    for (int i = 0; i < 4; ++i)
        channels.append(createChannel());
    Streams streams;
    QHash<int, int> total;
    for (int a = 0; a < 3; ++a) { // 3 addresses × 8 streams = 24 tries for 20 places
        QList<QByteArray> targets;
        for (int i = 0; i < 8; ++i)
            targets.append(channels.at((a * 8 + i) % 4).readTarget());
        const QHash<int, int> counts = openStreams(streams, port(), loopback(2 + a), targets);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            total[it.key()] += it.value();
    }
    QCOMPARE(total.value(200), 20);
    QCOMPARE(total.value(503), 4);
    QCOMPARE(m_server->subscriberCount(), 20);
    // Deliveries are not readers: still accepted.
    const auto r = post(port(), channels.first(), "{}");
    QVERIFY2(r && r->status == 200, qPrintable(describe(r)));
}

// Streams, SSE and WebSocket alike, are not HTTP connections: with maxConnections 8, one
// reader address holds 30 streams and deliveries still get in; the per-address cap counts
// both kinds.
void tst_RelayHardening::streamsLeaveTheConnectionPool()
{
    RelayServerConfig config;
    config.limits.maxConnections = 8;
    config.maxSubscribersPerChannel = 100;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    // A few at a time: until its stream starts, a request is one of the 8 connections.
    Streams sse;
    QHash<int, int> counts;
    for (int batch = 0; batch < 4; ++batch)
        counts[200] += openStreams(sse, port(), loopback(1), QList<QByteArray>(5, c.readTarget()))
                               .value(200);
    QCOMPARE(counts.value(200), 20);
    std::vector<std::unique_ptr<QWebSocket>> ws;
    int ready = 0;
    for (int i = 0; i < 10; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        socket->setProxy(QNetworkProxy::NoProxy);
        QObject::connect(
                socket.get(), &QWebSocket::textMessageReceived, socket.get(),
                [&ready](const QString &text) { ready += text.contains("\"ready\""_L1) ? 1 : 0; });
        socket->open(QUrl(
                u"ws://127.0.0.1:%1/ws%2"_s.arg(port()).arg(QString::fromLatin1(c.readTarget()))));
        ws.push_back(std::move(socket));
        QTRY_COMPARE(ready, i + 1);
    }
    QTRY_COMPARE(ready, 10);
    QCOMPARE(m_server->subscriberCount(), 30);

    const auto r = post(port(), c, R"({"through":"the pool"})");
    QVERIFY2(r && r->status == 200, qPrintable(describe(r)));
    const auto health = healthz(port(), AdminToken);
    QVERIFY2(health && health->status == 200, qPrintable(describe(health)));
    QVERIFY2(jsonOf(health->body).value(u"connections"_s).toInt() < 8, health->body.constData());
    QCOMPARE(jsonOf(health->body).value(u"subscribers"_s).toInt(), 30);

    counts = openStreams(sse, port(), loopback(1), QList<QByteArray>(3, c.readTarget()));
    QCOMPARE(counts.value(200), 2);
    QCOMPARE(counts.value(429), 1);
}

// One address gets newChannelClientBurst channels quickly, then 429 + Retry-After; another
// address still gets one.
void tst_RelayHardening::newChannelsPerClientAddress()
{
    QVERIFY(startServer());
    const RelayServerConfig &config = m_server->config();
    QCOMPARE(config.newChannelClientBurst, 10);
    QVERIFY(config.newChannelBurst >= config.newChannelClientBurst + 4); // room for those below

    QElapsedTimer clock;
    clock.start();
    int created = 0;
    std::optional<Response> refused;
    for (int i = 0; i < config.newChannelClientBurst + 5 && !refused; ++i) {
        const auto r = newChannel(port(), loopback(2));
        QVERIFY2(r && (r->status == 307 || r->status == 429), qPrintable(describe(r)));
        if (r->status == 307)
            ++created;
        else
            refused = r;
    }
    // The bucket refills at newChannelsPerClientPerSecond while the loop runs.
    const int refilled =
            int(double(clock.elapsed()) / 1000.0 * config.newChannelsPerClientPerSecond) + 1;
    QVERIFY2(refused, "one address got channels without end");
    QVERIFY2(created >= config.newChannelClientBurst
                     && created <= config.newChannelClientBurst + refilled,
             qPrintable(QString::number(created)));
    QVERIFY2(refused->header("Retry-After").toInt() >= 1, qPrintable(describe(refused)));
    // HEAD: no body; a GET says why.
    const auto again = exchange(port(), HttpClient::request("GET", "/new"), loopback(2));
    QVERIFY2(again && again->status == 429, qPrintable(describe(again)));
    QVERIFY(again->header("Retry-After").toInt() >= 1);
    QVERIFY(jsonOf(again->body).value(u"error"_s).toString().contains("too many new channels"_L1));

    // Another address is not held back by the first one's bucket.
    const auto other = newChannel(port(), loopback(3));
    QVERIFY2(other && other->status == 307, qPrintable(describe(other)));
    const auto local = newChannel(port(), loopback(1));
    QVERIFY2(local && local->status == 307, qPrintable(describe(local)));
    QCOMPARE(m_server->store()->channelCount(), qsizetype(created + 2));
}

// --max-buffer counts everything stored: 150 events of 40 header fields × 200 bytes (and a
// tiny body) keep the channel within 10,000 bytes after every answer.
void tst_RelayHardening::headerHeavyFloodStaysInBound()
{
    constexpr qint64 Bound = 10'000;
    RelayServerConfig config;
    config.buffer.maxBytesPerChannel = Bound;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    RelayStore *store = m_server->store();
    // Each post drops the one before ("over its bounds: dropped 1 undelivered events").
    QLoggingCategory::setFilterRules(LogRules + u"\nhookscope.relay.store.warning=false"_s);

    qint64 largestEvent = 0;
    for (int i = 0; i < 150; ++i) {
        const auto r =
                post(port(), c, "{\"n\":" + QByteArray::number(i) + '}', heavyHeaders(40, 200, i));
        QVERIFY2(r && r->status == 200, qPrintable(u"post %1: %2"_s.arg(i).arg(describe(r))));
        const auto stats = store->stats(c.id);
        QVERIFY(stats);
        QVERIFY2(stats->bytes <= Bound,
                 qPrintable(u"post %1: the channel holds %2 bytes"_s.arg(i).arg(stats->bytes)));
        QVERIFY(store->totalBytes() <= Bound);
        if (i == 0)
            largestEvent = stats->bytes;
    }
    // Headers counted: one event is most of the bound, more than its body and its header
    // values alone.
    QVERIFY2(largestEvent > 40 * 200, qPrintable(QString::number(largestEvent)));
    const auto stats = *store->stats(c.id);
    const QList<RelayEvent> kept = store->eventsAfter(c.id, 0);
    QCOMPARE(qsizetype(stats.events), kept.size());
    qint64 sum = 0;
    for (const RelayEvent &e : kept)
        sum += RelayStore::storedBytes(e);
    QCOMPARE(stats.bytes, sum);
    QCOMPARE(kept.last().body, QByteArray("{\"n\":149}"));
    QCOMPARE(stats.dropped, 150 - stats.events); // no reader: every eviction is a loss

    // One event over the bound alone is refused, never stored.
    const auto tooBig = post(port(), c, "{}", heavyHeaders(60, 200, 0));
    QVERIFY2(tooBig && tooBig->status >= 400, qPrintable(describe(tooBig)));
    QCOMPARE(store->stats(c.id)->events, stats.events);
    QVERIFY(store->stats(c.id)->bytes <= Bound);

    // The file: the old relay kept every header, 9.9 MB for such a flood. The WAL is
    // checkpointed into the database when the store closes.
    const QString db = store->databasePath();
    const qint64 whileOpen = fileSize(db) + fileSize(db + u"-wal"_s);
    m_server->stop();
    const qint64 closed = fileSize(db) + fileSize(db + u"-wal"_s);
    qInfo("relay.db + wal: %lld bytes open, %lld bytes closed", whileOpen, closed);
    QVERIFY2(whileOpen < 5'000'000, qPrintable(QString::number(whileOpen)));
    QVERIFY2(closed < 512 * 1024, qPrintable(QString::number(closed)));
}

// The same flood through the command line, as the report had it: `--max-buffer 10000`. The
// program raises a channel's bound to what one delivery within the request limits can take
// (relay/main.cpp), so a small --max-body is given to keep that low; 150 deliveries of 60
// header fields × 1,000 bytes (about 9.9 MB in all) leave relay.db far smaller.
void tst_RelayHardening::headerHeavyFloodOverCommandLine()
{
    RelayTest::RelayProcess relay;
    QVERIFY2(relay.start(m_dir->path(), 0,
                         { u"--max-buffer"_s, u"10000"_s, u"--max-body"_s, u"1k"_s, u"--max-disk"_s,
                           u"0"_s }),
             relay.log().constData());
    const auto created = newChannel(relay.port(), loopback(1));
    QVERIFY2(created && created->status == 307, qPrintable(describe(created)));
    const Channel c = channelOf(QUrl::fromEncoded(created->header("Location")));

    qint64 sent = 0;
    for (int i = 0; i < 150; ++i) {
        const Headers headers = heavyHeaders(60, 1000, i);
        for (const auto &[name, value] : headers)
            sent += name.size() + value.size() + 4;
        const auto r = post(relay.port(), c, "{}", headers);
        QVERIFY2(r && r->status == 200, qPrintable(u"post %1: %2"_s.arg(i).arg(describe(r))));
    }
    QVERIFY(sent > 9'000'000);
    QVERIFY2(relay.terminate(), relay.log().constData());
    const QString db = QDir(m_dir->path()).filePath(RelayStore::databaseFileName());
    const qint64 size = fileSize(db) + fileSize(db + u"-wal"_s);
    qInfo("relay.db after the flood: %lld bytes (%lld header bytes sent)", size, sent);
    QVERIFY2(size < 1'500'000, qPrintable(QString::number(size)));
}

// --max-disk: with nobody reading, deliveries fill the buffer and then get 507 with
// Retry-After (and /healthz says 503 ok:false); the total never goes over the bound; what
// no reader has received is never evicted for it. Once a reader has received a channel's
// events they are evicted for new deliveries, and /healthz is ok again.
void tst_RelayHardening::diskBoundRefusesAndRecovers()
{
    constexpr qint64 Bound = 50'000;
    RelayServerConfig config;
    config.buffer.maxTotalBytes = Bound;
    QVERIFY(startServer(config));
    RelayStore *store = m_server->store();
    const Channel a = createChannel();
    const Channel b = createChannel();
    const auto body = [](char fill, int n) -> QByteArray {
        return "{\"n\":" + QByteArray::number(n) + ",\"pad\":\"" + QByteArray(2000, fill) + "\"}";
    };

    // Nobody reads: fill up, alternating between the channels, until refused.
    QList<qint64> idsA, idsB;
    std::optional<Response> full;
    for (int i = 0; i < 200 && !full; ++i) {
        const Channel &c = i % 2 ? b : a;
        const auto r = post(port(), c, body(i % 2 ? 'b' : 'a', i));
        QVERIFY2(r && (r->status == 200 || r->status == 507),
                 qPrintable(u"post %1: %2"_s.arg(i).arg(describe(r))));
        QVERIFY2(store->totalBytes() <= Bound, qPrintable(QString::number(store->totalBytes())));
        if (r->status == 507)
            full = r;
        else
            (i % 2 ? idsB : idsA).append(jsonOf(r->body).value(u"id"_s).toInteger());
    }
    QVERIFY2(full, "the buffer never filled up");
    QVERIFY(idsA.size() + idsB.size() >= 15); // 50,000 bytes of ~2,200-byte events
    QVERIFY2(full->header("Retry-After").toInt() >= 1, qPrintable(describe(full)));
    QCOMPARE(jsonOf(full->body).value(u"ok"_s).toBool(true), false);
    // Nothing that no reader has received was given up for the bound.
    QCOMPARE(store->stats(a.id)->events, idsA.size());
    QCOMPARE(store->stats(b.id)->events, idsB.size());
    QCOMPARE(store->stats(a.id)->dropped, 0);
    QCOMPARE(store->stats(b.id)->dropped, 0);
    // Still full on a retry, to either channel; a tiny delivery may still fit what is left.
    for (const Channel *c : { &a, &b }) {
        const auto r = post(port(), *c, body('x', 999));
        QVERIFY2(r && r->status == 507, qPrintable(describe(r)));
        QVERIFY(r->header("Retry-After").toInt() >= 1);
        QVERIFY(store->totalBytes() <= Bound);
    }

    // (What /healthz says now: healthzUnhealthyWhenFull.) The operator's counts:
    auto health = healthz(port(), AdminToken);
    QVERIFY(health);
    QCOMPARE(jsonOf(health->body).value(u"channels"_s).toInt(), 2);

    // A reader receives channel a's events (from its cursor: all of them).
    RelayTest::SseStream reader;
    QVERIFY(reader.open(port(), a.readTarget()));
    QCOMPARE(reader.status(), 200);
    QVERIFY(reader.waitForEvents(1 + idsA.size()));
    QCOMPARE(reader.events(u"message"_s).size(), idsA.size());
    QTRY_COMPARE(store->stats(a.id)->cursor, idsA.last());
    // What it received may go: the relay can write again.
    health = healthz(port());
    QVERIFY2(health && health->status == 200, qPrintable(describe(health)));
    QCOMPARE(jsonOf(health->body).value(u"ok"_s).toBool(), true);

    // Deliveries to b are accepted again, evicting a's received events, never b's.
    const qint64 bEventsBefore = store->stats(b.id)->events;
    int acceptedB = 0;
    std::optional<Response> fullAgain;
    for (int i = 0; i < 100 && !fullAgain; ++i) {
        const auto r = post(port(), b, body('c', 1000 + i));
        QVERIFY2(r && (r->status == 200 || r->status == 507), qPrintable(describe(r)));
        QVERIFY2(store->totalBytes() <= Bound, qPrintable(QString::number(store->totalBytes())));
        if (r->status == 507)
            fullAgain = r;
        else
            ++acceptedB;
        QCOMPARE(store->stats(b.id)->events, bEventsBefore + acceptedB);
        QCOMPARE(store->stats(b.id)->dropped, 0);
        QCOMPARE(store->stats(b.id)->evictedUpTo, 0);
    }
    QVERIFY2(acceptedB >= idsA.size() - 1,
             qPrintable(u"%1 accepted for %2 evictable"_s.arg(acceptedB).arg(idsA.size())));
    QVERIFY2(fullAgain, "b's unread events were evicted: the buffer never filled again");
    QVERIFY(fullAgain->header("Retry-After").toInt() >= 1);
    const auto statsA = *store->stats(a.id);
    QVERIFY2(statsA.events <= 1, qPrintable(QString::number(statsA.events)));
    QVERIFY(statsA.evictedUpTo >= idsA.at(idsA.size() - 2));
    QCOMPARE(statsA.dropped, 0); // a's reader had them all

    // With a live reader on a, new deliveries to a are received and then evictable: once b is
    // read as well, both channels take deliveries again.
    RelayTest::SseStream readerB;
    QVERIFY(readerB.open(port(), b.readTarget()));
    QCOMPARE(readerB.status(), 200);
    QVERIFY(readerB.waitForEvents(1 + bEventsBefore + acceptedB));
    for (int i = 0; i < 30; ++i) {
        const Channel &c = i % 2 ? b : a;
        const auto r = post(port(), c, body('d', 2000 + i));
        QVERIFY2(r && r->status == 200, qPrintable(u"post %1: %2"_s.arg(i).arg(describe(r))));
        QVERIFY(store->totalBytes() <= Bound);
        // Each is received before the next is sent, so the next may evict it.
        QTRY_COMPARE(store->stats(c.id)->cursor, jsonOf(r->body).value(u"id"_s).toInteger());
    }
    QCOMPARE(store->stats(a.id)->dropped, 0);
    QCOMPARE(store->stats(b.id)->dropped, 0);
    health = healthz(port());
    QVERIFY2(health && health->status == 200, qPrintable(describe(health)));
}

// Item 4 while full: deliveries get 507, so /healthz must say 503 ok:false (the store
// cannot write: RelayStore::canWrite), to everyone, with the counts for the operator only.
// A delivery with a Content-Length is refused from its head (RelayStore::hasRoomFor); one
// with a chunked body by the commit. Both must make /healthz say so.
void tst_RelayHardening::healthzUnhealthyWhenFull()
{
    constexpr qint64 Bound = 50'000;
    RelayServerConfig config;
    config.buffer.maxTotalBytes = Bound;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    const QByteArray body = "\"" + QByteArray(2000, 'f') + "\"";
    std::optional<Response> full;
    for (int i = 0; i < 100 && !full; ++i) {
        const auto r = post(port(), c, body);
        QVERIFY2(r && (r->status == 200 || r->status == 507), qPrintable(describe(r)));
        if (r->status == 507)
            full = r;
    }
    QVERIFY2(full, "the buffer never filled up");
    const qint64 total = m_server->store()->totalBytes();
    const auto health = healthz(port());
    const auto admin = healthz(port(), AdminToken);
    QVERIFY(health && admin);
    // The same refusal decided by the commit instead of from the head (a chunked body has
    // no Content-Length to check first).
    const QByteArray chunked = HttpClient::request(
            "POST", c.ingestTarget(),
            { { "Content-Type", "application/json" }, { "Transfer-Encoding", "chunked" } }, {},
            false);
    const auto refusedAtCommit = exchange(port(),
                                          chunked + QByteArray::number(body.size(), 16) + "\r\n"
                                                  + body + "\r\n0\r\n\r\n");
    const auto afterCommitRefusal = healthz(port());
    qInfo("buffer %lld of %lld bytes; /healthz after a 507: %d; chunked delivery: %d, "
          "/healthz after it: %d",
          total, Bound, health->status, refusedAtCommit ? refusedAtCommit->status : 0,
          afterCommitRefusal ? afterCommitRefusal->status : 0);

    QVERIFY2(health->status == 503,
             qPrintable(u"deliveries get 507 but /healthz says: "_s + describe(health)));
    QJsonObject o = jsonOf(health->body);
    QCOMPARE(o.value(u"ok"_s).toBool(true), false);
    QVERIFY(!o.value(u"error"_s).toString().isEmpty());
    QVERIFY(!o.contains(u"channels"_s) && !o.contains(u"subscribers"_s));
    QCOMPARE(admin->status, 503);
    o = jsonOf(admin->body);
    QCOMPARE(o.value(u"ok"_s).toBool(true), false);
    QCOMPARE(o.value(u"channels"_s).toInt(), 1);
    QVERIFY(refusedAtCommit && refusedAtCommit->status == 507);
    QVERIFY(afterCommitRefusal && afterCommitRefusal->status == 503);
}

// /healthz: anyone learns that the relay is up; its counts need the admin token.
void tst_RelayHardening::healthzCountsNeedAdminToken()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    Streams streams;
    QCOMPARE(openStreams(streams, port(), loopback(2), { c.readTarget() }).value(200), 1);
    QTRY_COMPARE(m_server->subscriberCount(), 1);
    QCOMPARE(post(port(), c, "{}")->status, 200);

    const QStringList counts{ u"channels"_s,  u"subscribers"_s, u"connections"_s,
                              u"uptime_ms"_s, u"accepted"_s,    u"rejected"_s };
    for (const QByteArray &bearer : { QByteArray(), QByteArray("wrong-token"),
                                      AdminToken.chopped(1), QByteArray(AdminToken + 'x') }) {
        const auto r = healthz(port(), bearer);
        QVERIFY2(r && r->status == 200, qPrintable(describe(r)));
        const QJsonObject o = jsonOf(r->body);
        QCOMPARE(o.value(u"ok"_s).toBool(), true);
        QCOMPARE(o.value(u"server"_s).toString(), u"hookscope-relay"_s);
        for (const QString &key : counts)
            QVERIFY2(!o.contains(key),
                     qPrintable(key + u" shown to bearer "_s + QString::fromLatin1(bearer)));
    }
    // Not as a query parameter either.
    const auto query = exchange(
            port(), HttpClient::request("GET", QByteArray("/healthz?token=" + AdminToken)));
    QVERIFY(query && !jsonOf(query->body).contains(u"channels"_s));

    const auto admin = healthz(port(), AdminToken);
    QVERIFY2(admin && admin->status == 200, qPrintable(describe(admin)));
    const QJsonObject o = jsonOf(admin->body);
    for (const QString &key : counts)
        QVERIFY2(o.contains(key), qPrintable(key));
    QCOMPARE(o.value(u"channels"_s).toInt(), 1);
    QCOMPARE(o.value(u"subscribers"_s).toInt(), 1);
    QVERIFY(o.value(u"accepted"_s).toInteger() >= 1);

    // Without a configured token nobody sees them, whatever they send.
    m_server->stop();
    QVERIFY(startServer({}, false));
    for (const QByteArray &bearer : { QByteArray(), QByteArray("-"), AdminToken }) {
        const auto r = healthz(m_server->port(), bearer);
        QVERIFY2(r && r->status == 200, qPrintable(describe(r)));
        QVERIFY(!jsonOf(r->body).contains(u"channels"_s));
    }
}

// The same bound through the command line: --max-disk (raised, like --max-buffer, to what
// one delivery within the request limits takes) and the admin token from the environment.
void tst_RelayHardening::diskBoundOverCommandLine()
{
    qputenv("HOOKSCOPE_RELAY_ADMIN_TOKEN", AdminToken);
    RelayTest::RelayProcess relay;
    const bool started = relay.start(
            m_dir->path(), 0,
            { u"--max-disk"_s, u"1"_s, u"--max-body"_s, u"1k"_s, u"--burst"_s, u"1000"_s });
    qunsetenv("HOOKSCOPE_RELAY_ADMIN_TOKEN");
    QVERIFY2(started, relay.log().constData());
    const auto created = newChannel(relay.port(), loopback(1));
    QVERIFY2(created && created->status == 307, qPrintable(describe(created)));
    const Channel c = channelOf(QUrl::fromEncoded(created->header("Location")));

    // ~2,500 bytes stored per delivery (30 header fields × 30 bytes, a 1,000-byte body).
    int accepted = 0;
    std::optional<Response> full;
    for (int i = 0; i < 400 && !full; ++i) {
        const auto r =
                post(relay.port(), c, '"' + QByteArray(998, 'z') + '"', heavyHeaders(30, 30, i));
        QVERIFY2(r && (r->status == 200 || r->status == 507),
                 qPrintable(u"post %1: %2"_s.arg(i).arg(describe(r))));
        if (r->status == 507)
            full = r;
        else
            ++accepted;
    }
    QVERIFY2(full, "--max-disk never refused a delivery");
    QVERIFY(accepted > 10);
    QVERIFY(full->header("Retry-After").toInt() >= 1);
    // The token reached the program (what /healthz says while full: healthzUnhealthyWhenFull).
    auto health = healthz(relay.port());
    QVERIFY(health && !jsonOf(health->body).contains(u"channels"_s));
    health = healthz(relay.port(), AdminToken);
    QVERIFY(health);
    QCOMPARE(jsonOf(health->body).value(u"channels"_s).toInt(), 1);

    // A reader takes everything; then deliveries are accepted again.
    RelayTest::SseStream reader;
    QVERIFY(reader.open(relay.port(), c.readTarget()));
    QCOMPARE(reader.status(), 200);
    QVERIFY(reader.waitForEvents(1 + accepted));
    QVERIFY(QTest::qWaitFor(
            [&] {
                const auto h = healthz(relay.port());
                return h && h->status == 200;
            },
            10000));
    const auto r = post(relay.port(), c, "{\"after\":\"reader\"}");
    QVERIFY2(r && r->status == 200, qPrintable(describe(r)));
    QVERIFY(reader.waitForEvents(2 + accepted));
    QVERIFY2(relay.terminate(), relay.log().constData());
}

QTEST_GUILESS_MAIN(tst_RelayHardening)
#include "tst_relayhardening.moc"
