// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <functional>
#include <memory>

#include "core/events/eventparser.h"
#include "core/relay/ngrokdetector.h"
#include "core/relay/relayclient.h"
#include "core/relay/relayserver.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "tests/support/relaytesthelpers.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

QByteArray headerOf(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[n, v] : headers)
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

// Every stored event, whole.
QList<Event> storedEvents(const EventStore &store)
{
    QList<Event> out;
    store.forEachEvent([&out](const Event &e) {
        out.append(e);
        return true;
    });
    return out;
}

// A minimal HTTP/1.1 server for fakes (smee-like SSE relays, a silent relay). The handler
// gets the request line's path, the raw request head and the socket, and writes what it likes.
class FakeServer
{
public:
    using Handler =
            std::function<void(const QByteArray &path, const QByteArray &head, QTcpSocket *socket)>;

    explicit FakeServer(Handler handler) : m_handler(std::move(handler))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray head = buffer->left(end);
                    buffer->clear();
                    const QByteArray path = head.split(' ').value(1);
                    requests.append(head);
                    m_handler(path, head, socket);
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(path));
    }

    int connections = 0;
    QList<QByteArray> requests;

private:
    QTcpServer m_server;
    Handler m_handler;
};

void writeResponse(QTcpSocket *socket, int status, const QByteArray &body,
                   const QByteArray &type = "application/json")
{
    socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type
                  + "\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

void startEventStream(QTcpSocket *socket, const QByteArray &first)
{
    socket->write(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            "Connection: close\r\n\r\n"
            + first);
}

// Posts bodies to an ingest URL until every one was answered 2xx, `concurrency` at a time,
// retrying whatever failed (refused connection, 429, 503 of a relay going down).
class Poster
{
public:
    Poster(QUrl ingestUrl, QList<QByteArray> bodies, int concurrency)
        : m_url(std::move(ingestUrl)), m_bodies(std::move(bodies)), m_concurrency(concurrency)
    {
        m_nam.setProxy(QNetworkProxy::NoProxy);
        for (qsizetype i = 0; i < m_bodies.size(); ++i)
            m_queue.append(i);
    }
    void setUrl(const QUrl &url) { m_url = url; }
    void pump()
    {
        while (m_running < m_concurrency && !m_queue.isEmpty() && !m_paused) {
            const qsizetype index = m_queue.takeFirst();
            QNetworkRequest request(m_url);
            request.setRawHeader("Content-Type",
                                 index % 3 ? "application/json" : "application/octet-stream");
            request.setRawHeader("X-Index", QByteArray::number(index));
            QNetworkReply *reply = m_nam.post(request, m_bodies.at(index));
            ++m_running;
            QObject::connect(reply, &QNetworkReply::finished, &m_nam, [this, reply, index] {
                reply->deleteLater();
                --m_running;
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                    ++acknowledged;
                } else {
                    ++retries;
                    m_queue.append(index);
                    QTimer::singleShot(50, &m_nam, [this] { pump(); });
                    return;
                }
                pump();
            });
        }
    }
    void setPaused(bool paused)
    {
        m_paused = paused;
        if (!paused)
            pump();
    }
    bool done() const { return acknowledged == m_bodies.size(); }

    qsizetype acknowledged = 0;
    int retries = 0;

private:
    QNetworkAccessManager m_nam;
    QUrl m_url;
    QList<QByteArray> m_bodies;
    QList<qsizetype> m_queue;
    int m_concurrency;
    int m_running = 0;
    bool m_paused = false;
};

} // namespace

class tst_RelayClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void urls();
    void createChannel();
    void createChannelFailure();
    void startRejectsBadUrls();
    void inProcess_data();
    void inProcess();
    void smeeServer();
    void newClientGetsTheBacklogAnotherReaderTook_data();
    void newClientGetsTheBacklogAnotherReaderTook();
    void positionSurvivesRestart_data();
    void positionSurvivesRestart();
    void stalePositionFileIsRepaired();
    void watchdogDeclaresSilentConnectionDead();
    void backoffGrowsAndIsCapped();
    void finalErrors_data();
    void finalErrors();
    void exactlyOnceThroughRestarts_data();
    void exactlyOnceThroughRestarts();
    void exactlyOnceWithClientKilled_data();
    void exactlyOnceWithClientKilled();
    void ngrokAddr_data();
    void ngrokAddr();
    void ngrokDetection_data();
    void ngrokDetection();
    void ngrokNotRunning();

private:
    bool startServer(RelayServerConfig config = {});
    QUrl newChannel();
    RelayClient::Options
    fastOptions(RelayClient::Transport transport = RelayClient::Transport::Auto) const;
    qint64 post(const QUrl &readUrl, const QByteArray &body,
                const QByteArray &contentType = "application/json");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayServer> m_server;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_RelayClient::initTestCase()
{
    QLoggingCategory::setFilterRules(
            u"hookscope.*.info=false\nhookscope.relay.store.warning=false"_s);
}

void tst_RelayClient::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<RelayServer>();
    m_store = std::make_unique<EventStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"client"_s)));
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void tst_RelayClient::cleanup()
{
    m_nam.reset();
    m_server.reset();
    m_store.reset();
    m_dir.reset();
}

bool tst_RelayClient::startServer(RelayServerConfig config)
{
    config.port = 0;
    config.dataDir = m_dir->filePath(u"relay"_s);
    config.pingIntervalMs = qMin(config.pingIntervalMs, 200);
    m_server->setConfig(config);
    return m_server->start();
}

QUrl tst_RelayClient::newChannel()
{
    return m_server->createChannel();
}

RelayClient::Options tst_RelayClient::fastOptions(RelayClient::Transport transport) const
{
    RelayClient::Options o;
    o.transport = transport;
    o.watchdogMs = 2000;
    o.initialBackoffMs = 50;
    o.maxBackoffMs = 400;
    o.dataDir = m_dir->filePath(u"client"_s);
    return o;
}

qint64 tst_RelayClient::post(const QUrl &readUrl, const QByteArray &body,
                             const QByteArray &contentType)
{
    const auto r = RelayTest::send(*m_nam, "POST", RelayClient::ingestUrlFor(readUrl), body,
                                   { { "Content-Type", contentType } });
    if (r.status != 200)
        return 0;
    return QJsonDocument::fromJson(r.body).object().value(u"id"_s).toInteger();
}

void tst_RelayClient::urls()
{
    const QUrl read(u"https://relay.example.com/hooks/AbC_123?token=s3cretTokenValue&x=1"_s);
    QCOMPARE(RelayClient::ingestUrlFor(read),
             QUrl(u"https://relay.example.com/hooks/AbC_123?x=1"_s));
    QCOMPARE(RelayClient::ingestUrlFor(QUrl(u"https://smee.io/abc"_s)),
             QUrl(u"https://smee.io/abc"_s));
    const QString masked = RelayClient::maskedUrl(read);
    QVERIFY2(!masked.contains(u"s3cretTokenValue"_s), qPrintable(masked));
    QVERIFY(masked.contains(u"AbC_123"_s));
    QCOMPARE(RelayClient::channelKey(read), u"https://relay.example.com/hooks/AbC_123"_s);
}

void tst_RelayClient::createChannel()
{
    QVERIFY(startServer());
    RelayClient::ChannelInfo info;
    QString error;
    bool done = false;
    QObject context;
    RelayClient::createChannel(m_nam.get(), QUrl(u"http://127.0.0.1:%1/"_s.arg(m_server->port())),
                               &context,
                               [&](const RelayClient::ChannelInfo &channel, const QString &e) {
                                   info = channel;
                                   error = e;
                                   done = true;
                               });
    QTRY_VERIFY(done);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString id = info.readUrl.path().mid(1);
    QVERIFY(RelayServer::isValidChannelId(id));
    QVERIFY(m_server->store()->checkToken(id, QUrlQuery(info.readUrl).queryItemValue(u"token"_s)));
    QCOMPARE(info.ingestUrl, QUrl(u"http://127.0.0.1:%1/%2"_s.arg(m_server->port()).arg(id)));
}

void tst_RelayClient::createChannelFailure()
{
    FakeServer fake([](const QByteArray &, const QByteArray &, QTcpSocket *socket) {
        writeResponse(socket, 200, "{}");
    });
    QVERIFY(fake.listen());
    QString error;
    bool done = false;
    QObject context;
    RelayClient::createChannel(m_nam.get(), fake.url(u""_s), &context,
                               [&](const RelayClient::ChannelInfo &info, const QString &e) {
                                   QVERIFY(info.readUrl.isEmpty());
                                   error = e;
                                   done = true;
                               });
    QTRY_VERIFY(done);
    QVERIFY2(error.contains(u"200"_s), qPrintable(error));
}

void tst_RelayClient::startRejectsBadUrls()
{
    RelayClient client(m_store.get());
    QVERIFY(!client.start(QUrl(u"ftp://smee.io/abc"_s)));
    QVERIFY(!client.errorString().isEmpty());
    QVERIFY(!client.start(QUrl(u"https://smee.io/"_s)));
    QCOMPARE(client.state(), RelayClient::State::Idle);
}

void tst_RelayClient::inProcess_data()
{
    QTest::addColumn<RelayClient::Transport>("transport");
    QTest::addColumn<RelayClient::Transport>("expected");
    QTest::addRow("auto detects WebSocket")
            << RelayClient::Transport::Auto << RelayClient::Transport::WebSocket;
    QTest::addRow("SSE with raw bodies")
            << RelayClient::Transport::Sse << RelayClient::Transport::Sse;
}

void tst_RelayClient::inProcess()
{
    QFETCH(RelayClient::Transport, transport);
    QFETCH(RelayClient::Transport, expected);
    QVERIFY(startServer());
    const QUrl channel = newChannel();
    RelayClient client(m_store.get());
    client.setOptions(fastOptions(transport));
    QSignalSpy states(&client, &RelayClient::stateChanged);
    QVERIFY(client.start(channel));
    QTRY_COMPARE(client.state(), RelayClient::State::Connected);
    QCOMPARE(client.transport(), expected);
    QVERIFY(client.statusText().contains(u"connected"_s));
    QVERIFY(!client.statusText().contains(QUrlQuery(channel).queryItemValue(u"token"_s)));
    QCOMPARE(states.first().first().value<RelayClient::State>(), RelayClient::State::Connecting);

    QList<QByteArray> bodies;
    for (const QString &name : Fixtures::eventFixtures())
        bodies.append(Fixtures::read(name));
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary += char(i);
    bodies.append(binary);
    bodies.append("not json at all\r\n\x00 end"_ba);
    QList<qint64> ids;
    for (const QByteArray &body : std::as_const(bodies))
        ids.append(post(channel, body,
                        body.startsWith('{') ? "application/json" : "application/octet-stream"));
    QVERIFY(!ids.contains(0));

    QTRY_COMPARE(m_store->count(), qint64(bodies.size()));
    const QList<Event> events = storedEvents(*m_store);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &e = events.at(i);
        QCOMPARE(e.body, bodies.at(i)); // byte-identical, in relay order
        QCOMPARE(e.summary.source, QString(EventSource::Relay));
        QCOMPARE(headerOf(e.headers, RelayClient::RelayIdHeader), QByteArray::number(ids.at(i)));
        QCOMPARE(e.method, u"POST"_s);
        QVERIFY(e.summary.receivedAt > 0);
    }
    QCOMPARE(events.first().summary.type, EventParser::parse(bodies.first()).type);
    QTRY_COMPARE(client.position(), ids.last());
    if (expected == RelayClient::Transport::WebSocket)
        QTRY_COMPARE(m_server->store()->stats(channel.path().mid(1))->cursor,
                     ids.last()); // acknowledged
    client.stop();
    QCOMPARE(client.state(), RelayClient::State::Idle);
    // The position is on disk.
    QFile positions(m_dir->filePath(u"client/relay-positions.json"_s));
    QVERIFY(positions.open(QIODevice::ReadOnly));
    const QJsonObject entry = QJsonDocument::fromJson(positions.readAll())
                                      .object()
                                      .value(RelayClient::channelKey(channel))
                                      .toObject();
    QCOMPARE(entry.value(u"relay_id"_s).toInteger(), ids.last());
}

void tst_RelayClient::smeeServer()
{
    // A plain smee server: no /healthz, no ids, JSON body re-serialised by the server.
    const QByteArray data =
            R"({"host":"smee.io","content-type":"application/json","x-github-event":"ping",)"
            R"("body":{"zeta":1,"alpha":{"b":[1,2,{"c":"é\n"}],"a":null}},"query":{"q":"1","r":["a","b"]},)"
            R"("timestamp":1700000000123})";
    FakeServer fake([&data](const QByteArray &path, const QByteArray &, QTcpSocket *socket) {
        if (path.startsWith("/healthz")) {
            writeResponse(socket, 404, "<html>not here</html>", "text/html");
            return;
        }
        startEventStream(socket,
                         "event: ready\ndata: {}\n\n: comment\n\ndata: " + data + "\r\n\r\n");
    });
    QVERIFY(fake.listen());
    RelayClient client(m_store.get());
    client.setOptions(fastOptions());
    QVERIFY(client.start(fake.url(u"/smeeChannel"_s)));
    QTRY_COMPARE(m_store->count(), qint64(1));
    QCOMPARE(client.transport(), RelayClient::Transport::Sse);
    const Event e = storedEvents(*m_store).first();
    // What smee-client would forward: JSON.stringify(body), keys in the sender's order.
    QCOMPARE(e.body, QByteArray(R"({"zeta":1,"alpha":{"b":[1,2,{"c":"é\n"}],"a":null}})"));
    QCOMPARE(e.summary.receivedAt, qint64(1700000000123));
    QCOMPARE(headerOf(e.headers, "x-github-event"), "ping"_ba);
    QCOMPARE(e.contentType, u"application/json"_s);
    QVERIFY(headerOf(e.headers, RelayClient::RelayIdHeader).isEmpty());
    QCOMPARE(QUrlQuery(e.query).allQueryItemValues(u"r"_s), (QStringList{ u"a"_s, u"b"_s }));
    QCOMPARE(QUrlQuery(e.query).queryItemValue(u"q"_s), u"1"_s);
    // The subscription asked for an event stream.
    QVERIFY(fake.requests.last().contains("Accept: text/event-stream"));
}

void tst_RelayClient::newClientGetsTheBacklogAnotherReaderTook_data()
{
    QTest::addColumn<RelayClient::Transport>("transport");
    QTest::addRow("WebSocket") << RelayClient::Transport::WebSocket;
    QTest::addRow("SSE") << RelayClient::Transport::Sse;
}

void tst_RelayClient::newClientGetsTheBacklogAnotherReaderTook()
{
    // smee-client (or any reader without a position) has already read the backlog, which
    // moves the channel's shared cursor; a Hookscope client that has never read the channel
    // must still get everything buffered, not only what follows that cursor.
    QFETCH(RelayClient::Transport, transport);
    QVERIFY(startServer());
    const QUrl channel = newChannel();
    const QString id = channel.path().mid(1);
    qint64 last = 0;
    for (int i = 0; i < 3; ++i)
        QVERIFY((last = post(channel, "{\"n\":" + QByteArray::number(i) + "}")) > 0);
    m_server->store()->advanceCursor(id, last); // what a reader without a position does
    QCOMPARE(m_server->store()->stats(id)->cursor, last);

    RelayClient client(m_store.get());
    client.setOptions(fastOptions(transport));
    QVERIFY(client.start(channel));
    QTRY_COMPARE(m_store->count(), qint64(3));
    QTRY_COMPARE(client.position(), last);
    client.stop();
}

void tst_RelayClient::positionSurvivesRestart_data()
{
    inProcess_data();
}

void tst_RelayClient::positionSurvivesRestart()
{
    QFETCH(RelayClient::Transport, transport);
    QVERIFY(startServer());
    const QUrl channel = newChannel();
    {
        RelayClient client(m_store.get());
        client.setOptions(fastOptions(transport));
        QVERIFY(client.start(channel));
        QTRY_COMPARE(client.state(), RelayClient::State::Connected);
        for (int i = 0; i < 3; ++i)
            QVERIFY(post(channel, "{\"first\":" + QByteArray::number(i) + "}"));
        QTRY_COMPARE(m_store->count(), qint64(3));
    }
    // Missed while no client ran.
    for (int i = 0; i < 2; ++i)
        QVERIFY(post(channel, "{\"missed\":" + QByteArray::number(i) + "}"));
    // A new process would open a new store object on the same files.
    m_store = std::make_unique<EventStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"client"_s)));
    RelayClient client(m_store.get());
    client.setOptions(fastOptions(transport));
    QVERIFY(client.start(channel));
    QTRY_COMPARE(m_store->count(), qint64(5));
    QTest::qWait(300);
    QCOMPARE(m_store->count(), qint64(5));
    QCOMPARE(client.duplicateCount(), 0);
    QVERIFY(storedEvents(*m_store).last().body.contains("missed"));
}

void tst_RelayClient::stalePositionFileIsRepaired()
{
    // A client killed after the store committed but before the position file was written:
    // simulated by putting back an older position file.
    QVERIFY(startServer());
    const QUrl channel = newChannel();
    const QString positions = m_dir->filePath(u"client/relay-positions.json"_s);
    QByteArray stale;
    {
        RelayClient client(m_store.get());
        client.setOptions(fastOptions(
                RelayClient::Transport::Sse)); // SSE: no acks, the relay would resend everything
        QVERIFY(client.start(channel));
        QVERIFY(post(channel, "{\"n\":1}"));
        QTRY_COMPARE(m_store->count(), qint64(1));
        QTRY_VERIFY(QFile::exists(positions));
        QFile f(positions);
        QVERIFY(f.open(QIODevice::ReadOnly));
        stale = f.readAll();
        for (int i = 2; i <= 4; ++i)
            QVERIFY(post(channel, "{\"n\":" + QByteArray::number(i) + "}"));
        QTRY_COMPARE(m_store->count(), qint64(4));
        client.stop();
    }
    {
        QFile f(positions);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(stale);
    }
    QVERIFY(post(channel, "{\"n\":5}"));
    RelayClient client(m_store.get());
    client.setOptions(fastOptions(RelayClient::Transport::Sse));
    QVERIFY(client.start(channel));
    QTRY_COMPARE(m_store->count(), qint64(5));
    QTest::qWait(300);
    QCOMPARE(m_store->count(), qint64(5));
}

void tst_RelayClient::watchdogDeclaresSilentConnectionDead()
{
    // A relay that says `ready` and then nothing, not even pings.
    FakeServer fake([](const QByteArray &path, const QByteArray &, QTcpSocket *socket) {
        if (path.startsWith("/healthz")) {
            writeResponse(socket, 404, "{}");
            return;
        }
        startEventStream(socket, "event: ready\ndata: {}\n\n");
    });
    QVERIFY(fake.listen());
    // Declared before the client: its destructor still reports a state change.
    QList<RelayClient::State> seen;
    QElapsedTimer clock;
    qint64 deadAt = 0;
    RelayClient client(m_store.get());
    RelayClient::Options options = fastOptions(RelayClient::Transport::Sse);
    options.watchdogMs = 400;
    options.initialBackoffMs = 100;
    options.jitter = 0;
    client.setOptions(options);
    connect(&client, &RelayClient::stateChanged, this, [&](RelayClient::State state) {
        seen.append(state);
        if (state == RelayClient::State::Connected && !clock.isValid())
            clock.start(); // the stream is open: from here on only silence
        if (state == RelayClient::State::Reconnecting && deadAt == 0 && clock.isValid())
            deadAt = clock.elapsed();
    });
    QVERIFY(client.start(fake.url(u"/silent"_s)));
    QTRY_COMPARE(client.state(), RelayClient::State::Connected);
    QTRY_VERIFY_WITH_TIMEOUT(deadAt > 0, 3000);
    QVERIFY2(deadAt >= 350 && deadAt < 1500, qPrintable(QString::number(deadAt)));
    QVERIFY2(client.errorString().contains(u"no data"_s), qPrintable(client.errorString()));
    QVERIFY(client.statusText().contains(u"reconnecting in"_s));
    // And it comes back: a second subscription within watchdog + backoff.
    QTRY_VERIFY_WITH_TIMEOUT(fake.connections >= 2, 2000);
    QTRY_COMPARE(client.state(), RelayClient::State::Connected);
    QVERIFY(seen.contains(RelayClient::State::Reconnecting));
}

void tst_RelayClient::backoffGrowsAndIsCapped()
{
    // Nothing listens on this port (it was free a moment ago).
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QList<qint64> delays;
    RelayClient client(m_store.get());
    RelayClient::Options options = fastOptions(RelayClient::Transport::Sse);
    options.initialBackoffMs = 40;
    options.maxBackoffMs = 320;
    options.jitter = 0.25;
    client.setOptions(options);
    connect(&client, &RelayClient::stateChanged, this, [&](RelayClient::State state) {
        if (state == RelayClient::State::Reconnecting)
            delays.append(client.reconnectAt() - QDateTime::currentMSecsSinceEpoch());
    });
    QVERIFY(client.start(QUrl(u"http://127.0.0.1:%1/abc"_s.arg(port))));
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 7, 10000);
    const qint64 expected[] = { 40, 80, 160, 320, 320, 320, 320 };
    for (int i = 0; i < 7; ++i)
        QVERIFY2(delays.at(i) >= expected[i] * 0.75 - 2 && delays.at(i) <= expected[i] * 1.25 + 2,
                 qPrintable(u"attempt %1: %2 ms"_s.arg(i).arg(delays.at(i))));
    QCOMPARE(client.state(), RelayClient::State::Reconnecting);
    QVERIFY(!client.errorString().isEmpty());
}

void tst_RelayClient::finalErrors_data()
{
    QTest::addColumn<RelayClient::Transport>("transport");
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("expected");
    for (const auto transport : { RelayClient::Transport::Auto, RelayClient::Transport::Sse }) {
        const char *name = transport == RelayClient::Transport::Auto ? "ws" : "sse";
        QTest::addRow("%s wrong token", name) << transport << u"token"_s << u"401"_s;
        QTest::addRow("%s unknown channel", name) << transport << u"channel"_s << u"404"_s;
    }
}

void tst_RelayClient::finalErrors()
{
    QFETCH(RelayClient::Transport, transport);
    QFETCH(QString, which);
    QFETCH(QString, expected);
    QVERIFY(startServer());
    QUrl channel = newChannel();
    if (which == "token"_L1)
        channel.setQuery(u"token=wrong"_s);
    else
        channel.setPath(u"/noSuchChannel"_s);
    RelayClient client(m_store.get());
    client.setOptions(fastOptions(transport));
    QVERIFY(client.start(channel));
    QTRY_COMPARE(client.state(), RelayClient::State::Error);
    QVERIFY2(client.errorString().contains(expected), qPrintable(client.errorString()));
    // Final: no retry.
    QTest::qWait(300);
    QCOMPARE(client.state(), RelayClient::State::Error);
}

void tst_RelayClient::exactlyOnceThroughRestarts_data()
{
    inProcess_data();
}

void tst_RelayClient::exactlyOnceThroughRestarts()
{
    QFETCH(RelayClient::Transport, transport);
    const QString relayDir = m_dir->filePath(u"relay-process"_s);
    auto relay = std::make_unique<RelayTest::RelayProcess>();
    const QStringList args{ u"--ping-interval"_s, u"0.2"_s,     u"--rate"_s,
                            u"100000"_s,          u"--burst"_s, u"100000"_s };
    QVERIFY2(relay->start(relayDir, 0, args), relay->log().constData());
    const quint16 port = relay->port();
    const auto created =
            RelayTest::send(*m_nam, "HEAD", QUrl(u"http://127.0.0.1:%1/new"_s.arg(port)));
    QCOMPARE(created.status, 307);
    const QUrl channel = QUrl::fromEncoded(created.header("Location"));

    // 1,000 distinct bodies, some binary, some JSON fixtures with a counter.
    const QByteArray fixture = Fixtures::read(u"platform-ticket-created.json"_s);
    QList<QByteArray> bodies;
    for (int i = 0; i < 1000; ++i) {
        QByteArray body;
        if (i % 3 == 0) {
            body = "bin" + QByteArray::number(i) + '\0';
            for (int b = 0; b < 64; ++b)
                body += char((i * 7 + b * 13) & 0xff);
        } else {
            body = QByteArray(fixture).replace(
                    "\"eventId\"", QByteArray("\"seq\":" + QByteArray::number(i) + ",\"eventId\""));
        }
        bodies.append(body);
    }

    auto client = std::make_unique<RelayClient>(m_store.get());
    client->setOptions(fastOptions(transport));
    QVERIFY(client->start(channel));
    Poster poster(RelayClient::ingestUrlFor(channel), bodies, 8);
    poster.pump();

    // Disconnect the client for a while, then bring it back as a new process would.
    QTRY_VERIFY_WITH_TIMEOUT(poster.acknowledged >= 150, 30000);
    client.reset();
    m_store.reset();
    QTRY_VERIFY_WITH_TIMEOUT(poster.acknowledged >= 350, 30000);
    m_store = std::make_unique<EventStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"client"_s)));
    client = std::make_unique<RelayClient>(m_store.get());
    client->setOptions(fastOptions(transport));
    QVERIFY(client->start(channel));

    // Restart the relay process (graceful: what it acknowledged is on disk) on the same port.
    QTRY_VERIFY_WITH_TIMEOUT(poster.acknowledged >= 550, 30000);
    QVERIFY2(relay->terminate(), relay->log().constData());
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), RelayClient::State::Reconnecting, 10000);
    QTest::qWait(300); // posts fail meanwhile and are retried
    relay = std::make_unique<RelayTest::RelayProcess>();
    QVERIFY2(relay->start(relayDir, port, args), relay->log().constData());

    // Once more the client, now while the relay replays.
    QTRY_VERIFY_WITH_TIMEOUT(poster.acknowledged >= 800, 30000);
    client.reset();
    QTest::qWait(200);
    client = std::make_unique<RelayClient>(m_store.get());
    client->setOptions(fastOptions(transport));
    QVERIFY(client->start(channel));

    QTRY_VERIFY_WITH_TIMEOUT(poster.done(), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->count(), qint64(bodies.size()), 30000);
    QTest::qWait(500); // nothing more may come
    QCOMPARE(m_store->count(), qint64(bodies.size()));

    QHash<QByteArray, int> seen;
    const QList<Event> events = storedEvents(*m_store);
    for (const Event &e : events)
        ++seen[e.body];
    for (qsizetype i = 0; i < bodies.size(); ++i)
        QVERIFY2(seen.value(bodies.at(i)) == 1,
                 qPrintable(u"body %1 stored %2 times"_s.arg(i).arg(seen.value(bodies.at(i)))));
    QVERIFY(poster.retries > 0); // the relay restart was really felt by the sender
    qInfo("%lld events, %d sender retries, %lld duplicates skipped by the client",
          qint64(events.size()), poster.retries, client->duplicateCount());
    client->stop();
    QVERIFY(relay->terminate());
}

void tst_RelayClient::exactlyOnceWithClientKilled_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addRow("WebSocket") << u"ws"_s;
    QTest::addRow("SSE") << u"sse"_s;
}

void tst_RelayClient::exactlyOnceWithClientKilled()
{
    // The client in its own process, killed with SIGKILL twice while events stream in: no
    // chance to flush or write its position. Every event must still be stored exactly once.
    QFETCH(QString, transport);
    RelayTest::RelayProcess relay;
    QVERIFY2(relay.start(m_dir->filePath(u"relay-process"_s), 0,
                         { u"--ping-interval"_s, u"0.2"_s, u"--rate"_s, u"100000"_s, u"--burst"_s,
                           u"100000"_s }),
             relay.log().constData());
    const auto created =
            RelayTest::send(*m_nam, "HEAD", QUrl(u"http://127.0.0.1:%1/new"_s.arg(relay.port())));
    const QUrl channel = QUrl::fromEncoded(created.header("Location"));
    QList<QByteArray> bodies;
    for (int i = 0; i < 1000; ++i)
        bodies.append("{\"seq\":" + QByteArray::number(i) + ",\"pad\":\"" + QByteArray(i % 200, 'x')
                      + "\"}");
    const QString clientDir = m_dir->filePath(u"probe"_s);
    QDir().mkpath(clientDir);

    auto storedCount = [&clientDir]() -> qint64 {
        EventStore store;
        return store.openReadOnly(clientDir) ? store.count() : 0;
    };
    QProcess probe;
    auto startProbe = [&] {
        probe.start(QStringLiteral(HOOKSCOPE_CLIENT_PROBE_EXE),
                    { clientDir, channel.toString(), transport });
        return probe.waitForStarted(10000);
    };
    auto killProbe = [&] {
        probe.kill(); // SIGKILL
        return probe.waitForFinished(10000);
    };

    Poster poster(RelayClient::ingestUrlFor(channel), bodies, 8);
    QVERIFY(startProbe());
    poster.pump();
    QTRY_VERIFY_WITH_TIMEOUT(storedCount() >= 200, 30000);
    QVERIFY(killProbe());
    QTRY_VERIFY_WITH_TIMEOUT(poster.acknowledged >= 500, 30000);
    QVERIFY(startProbe());
    QTRY_VERIFY_WITH_TIMEOUT(storedCount() >= 650, 30000);
    QVERIFY(killProbe());
    QVERIFY(startProbe());
    QTRY_VERIFY_WITH_TIMEOUT(poster.done(), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(storedCount(), qint64(bodies.size()), 30000);
    QTest::qWait(500);
    QVERIFY(killProbe());

    EventStore store;
    QVERIFY(store.openReadOnly(clientDir));
    QCOMPARE(store.count(), qint64(bodies.size()));
    QHash<QByteArray, int> seen;
    for (const Event &e : storedEvents(store))
        ++seen[e.body];
    for (qsizetype i = 0; i < bodies.size(); ++i)
        QVERIFY2(seen.value(bodies.at(i)) == 1,
                 qPrintable(u"body %1 stored %2 times"_s.arg(i).arg(seen.value(bodies.at(i)))));
    QVERIFY(relay.terminate());
}

void tst_RelayClient::ngrokAddr_data()
{
    QTest::addColumn<QString>("addr");
    QTest::addColumn<bool>("matches");
    QTest::addRow("bare port") << u"8787"_s << true;
    QTest::addRow("localhost") << u"localhost:8787"_s << true;
    QTest::addRow("http localhost") << u"http://localhost:8787"_s << true;
    QTest::addRow("https loopback") << u"https://127.0.0.1:8787"_s << true;
    QTest::addRow("ipv6 loopback") << u"[::1]:8787"_s << true;
    QTest::addRow("any address") << u"0.0.0.0:8787"_s << true;
    QTest::addRow("other port") << u"localhost:8788"_s << false;
    QTest::addRow("other bare port") << u"87870"_s << false;
    QTest::addRow("another machine") << u"192.168.1.4:8787"_s << false;
    QTest::addRow("a remote name") << u"example.com:8787"_s << false;
    QTest::addRow("no port") << u"http://localhost"_s << false;
    QTest::addRow("empty") << QString() << false;
}

void tst_RelayClient::ngrokAddr()
{
    QFETCH(QString, addr);
    QFETCH(bool, matches);
    QCOMPARE(NgrokDetector::addrPointsAt(addr, 8787), matches);
}

void tst_RelayClient::ngrokDetection_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<NgrokDetector::Result>("result");
    QTest::addColumn<QString>("url");

    // The shape of ngrok v3's agent API (GET /api/tunnels).
    const QByteArray several = R"json({"tunnels":[
        {"name":"other","ID":"a","uri":"/api/tunnels/other","public_url":"https://other.ngrok-free.app","proto":"https",
         "config":{"addr":"http://localhost:3000","inspect":true},"metrics":{}},
        {"name":"web (http)","ID":"b","uri":"/api/tunnels/web%20(http)","public_url":"http://abc.ngrok-free.app","proto":"http",
         "config":{"addr":"http://localhost:8787","inspect":true},"metrics":{}},
        {"name":"web","ID":"c","uri":"/api/tunnels/web","public_url":"https://abc.ngrok-free.app","proto":"https",
         "config":{"addr":"http://localhost:8787","inspect":true},"metrics":{}},
        {"name":"ssh","ID":"d","uri":"/api/tunnels/ssh","public_url":"tcp://0.tcp.ngrok.io:12345","proto":"tcp",
         "config":{"addr":"localhost:8787","inspect":false},"metrics":{}}],"uri":"/api/tunnels"})json";
    QTest::addRow("https preferred")
            << 200 << several << NgrokDetector::Result::Found << u"https://abc.ngrok-free.app"_s;
    QTest::addRow("http only")
            << 200
            << QByteArray(
                       R"({"tunnels":[{"name":"w","public_url":"http://h.ngrok.io","proto":"http","config":{"addr":"8787"}}]})")
            << NgrokDetector::Result::Found << u"http://h.ngrok.io"_s;
    QTest::addRow("only other ports")
            << 200
            << QByteArray(
                       R"({"tunnels":[{"name":"w","public_url":"https://h.ngrok.io","proto":"https","config":{"addr":"localhost:9000"}}]})")
            << NgrokDetector::Result::NoMatchingTunnel << QString();
    QTest::addRow("no tunnels") << 200 << QByteArray(R"({"tunnels":[],"uri":"/api/tunnels"})")
                                << NgrokDetector::Result::NoMatchingTunnel << QString();
    QTest::addRow("not json") << 200 << QByteArray("<html>hello</html>")
                              << NgrokDetector::Result::BadAnswer << QString();
    QTest::addRow("not ngrok") << 404 << QByteArray("{}") << NgrokDetector::Result::BadAnswer
                               << QString();
}

void tst_RelayClient::ngrokDetection()
{
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    QFETCH(NgrokDetector::Result, result);
    QFETCH(QString, url);
    QByteArray path;
    FakeServer agent([&](const QByteArray &p, const QByteArray &, QTcpSocket *socket) {
        path = p;
        writeResponse(socket, status, answer);
    });
    QVERIFY(agent.listen());
    NgrokDetector detector;
    detector.setApiBase(agent.url(u""_s));
    QSignalSpy finished(&detector, &NgrokDetector::finished);
    detector.detect(8787);
    QVERIFY(detector.isRunning());
    QVERIFY(finished.wait(5000));
    QCOMPARE(path, "/api/tunnels"_ba);
    QCOMPARE(finished.first().first().value<NgrokDetector::Result>(), result);
    QCOMPARE(detector.result(), result);
    if (result == NgrokDetector::Result::Found) {
        QVERIFY(detector.match());
        QCOMPARE(detector.match()->publicUrl, QUrl(url));
        QVERIFY(detector.errorString().isEmpty());
    } else {
        QVERIFY(!detector.match());
        QVERIFY(!detector.errorString().isEmpty());
    }
    if (result == NgrokDetector::Result::NoMatchingTunnel)
        QVERIFY2(detector.errorString().contains(u"8787"_s), qPrintable(detector.errorString()));
}

void tst_RelayClient::ngrokNotRunning()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    NgrokDetector detector;
    QCOMPARE(detector.apiBase(), QUrl(u"http://127.0.0.1:4040"_s));
    detector.setApiBase(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    QSignalSpy finished(&detector, &NgrokDetector::finished);
    detector.detect(8787);
    QVERIFY(finished.wait(5000));
    QCOMPARE(detector.result(), NgrokDetector::Result::AgentNotRunning);
    QVERIFY(detector.errorString().contains(u"ngrok http 8787"_s));
}

QTEST_GUILESS_MAIN(tst_RelayClient)
#include "tst_relayclient.moc"
