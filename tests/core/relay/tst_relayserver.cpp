// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <memory>

#include "core/relay/relayprotocol.h"
#include "core/relay/relayserver.h"
#include "tests/support/fixtures.h"
#include "tests/support/httpclient.h"
#include "tests/support/relaytesthelpers.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;
using RelayTest::Headers;
using RelayTest::SseStream;

namespace {

struct Channel
{
    QString id;
    QString token;
    QUrl readUrl;
    QByteArray target() const { return "/" + id.toLatin1() + "?token=" + token.toLatin1(); }
};

QJsonObject jsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// A WebSocket subscriber driven from the test.
class WsReader
{
public:
    WsReader()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &text) { messages.append(jsonObject(text)); });
    }
    bool open(quint16 port, const QByteArray &target)
    {
        socket.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(port) + QString::fromLatin1(target)));
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                               10000);
    }
    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : messages)
            if (m.value(u"type"_s).toString() == type)
                out.append(m);
        return out;
    }
    bool waitForType(const QString &type, qsizetype n, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return ofType(type).size() >= n; }, timeoutMs);
    }
    void ack(qint64 id)
    {
        socket.sendTextMessage(QString::fromUtf8(
                QJsonDocument(QJsonObject{ { u"ack"_s, id } }).toJson(QJsonDocument::Compact)));
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
};

} // namespace

class tst_RelayServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void newChannel_data();
    void newChannel();
    void publicUrlInLocation();
    void readNeedsToken_data();
    void readNeedsToken();
    void readyAndPings();
    void deliveryShape();
    void rawBodyOnRequest();
    void nonJsonBodies_data();
    void nonJsonBodies();
    void hopByHopHeadersLeftOut();
    void tokenNeverReachesReaders();
    void answeredOnlyAfterCommit();
    void ingestMethods_data();
    void ingestMethods();
    void ingestToUnknownChannel();
    void probesAndRefusals_data();
    void probesAndRefusals();
    void lastEventIdReplay();
    void bufferedWhileNobodyListens();
    void boundByCount();
    void boundByBytes();
    void bodyTooLarge();
    void rateLimited();
    void subscriberLimit();
    void healthz();
    void survivesRestart();
    void webSocketDeliveryAndAcks();
    void webSocketAfterParameter();
    void webSocketRefusals_data();
    void webSocketRefusals();
    void webSocketConnectionsAreReleased();
    void streamsOutliveIdleTimeout();
    void gracefulShutdown();
    // relay/main.cpp: --max-disk, and where the admin token may (and may not) come from.
    void commandLineDiskBoundAndAdminToken();

private:
    bool startServer(RelayServerConfig config = {});
    Channel createChannel();
    RelayTest::HttpResult post(const Channel &channel, const QByteArray &body,
                               const Headers &headers = {}, const QByteArray &query = {},
                               const QByteArray &verb = "POST");
    QUrl url(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server->port()).arg(path));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_RelayServer::initTestCase()
{
    QLoggingCategory::setFilterRules(u"hookscope.*.info=false"_s);
}

void tst_RelayServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<RelayServer>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void tst_RelayServer::cleanup()
{
    m_nam.reset();
    m_server.reset();
    m_dir.reset();
}

bool tst_RelayServer::startServer(RelayServerConfig config)
{
    config.port = 0;
    config.dataDir = m_dir->path();
    m_server->setConfig(config);
    if (!m_server->start()) {
        qWarning("relay did not start: %s", qPrintable(m_server->errorString()));
        return false;
    }
    return m_server->isListening();
}

Channel tst_RelayServer::createChannel()
{
    const auto r = RelayTest::send(*m_nam, "HEAD", url(u"/new"_s));
    Channel c;
    c.readUrl = QUrl::fromEncoded(r.header("Location"));
    c.id = c.readUrl.path().mid(1);
    c.token = QUrlQuery(c.readUrl).queryItemValue(u"token"_s);
    return c;
}

RelayTest::HttpResult tst_RelayServer::post(const Channel &channel, const QByteArray &body,
                                            const Headers &headers, const QByteArray &query,
                                            const QByteArray &verb)
{
    Headers h = headers;
    bool hasType = false;
    for (const auto &[name, value] : h)
        hasType |= name.compare("content-type", Qt::CaseInsensitive) == 0;
    if (!hasType)
        h.append({ QByteArray("Content-Type"), QByteArray("application/json") });
    QUrl u = url(u'/' + channel.id);
    if (!query.isEmpty())
        u.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return RelayTest::send(*m_nam, verb, u, body, h);
}

void tst_RelayServer::newChannel_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addRow("HEAD") << "HEAD"_ba;
    QTest::addRow("GET") << "GET"_ba;
}

void tst_RelayServer::newChannel()
{
    QFETCH(QByteArray, verb);
    QVERIFY(startServer());
    const auto r = RelayTest::send(*m_nam, verb, url(u"/new"_s));
    QCOMPARE(r.status, 307);
    QVERIFY(!r.header("X-Hookscope-Relay").isEmpty());
    const QUrl location = QUrl::fromEncoded(r.header("Location"));
    QCOMPARE(location.scheme(), u"http"_s);
    QCOMPARE(location.port(), int(m_server->port()));
    const QString id = location.path().mid(1);
    QVERIFY2(RelayServer::isValidChannelId(id), qPrintable(id));
    QVERIFY(id.size() >= 32); // long and random: the ingest URL is unguessable
    const QString token = QUrlQuery(location).queryItemValue(u"token"_s);
    QVERIFY(token.size() >= 32);
    QVERIFY(m_server->store()->checkToken(id, token));
    if (verb == "GET") {
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(QUrl(o.value(u"url"_s).toString()), location);
        QCOMPARE(o.value(u"ingest_url"_s).toString(),
                 u"http://127.0.0.1:%1/%2"_s.arg(m_server->port()).arg(id));
    } else {
        QVERIFY(r.body.isEmpty());
    }
    // Two channels never share an id or a token.
    const Channel other = createChannel();
    QVERIFY(other.id != id && other.token != token);
}

void tst_RelayServer::publicUrlInLocation()
{
    RelayServerConfig config;
    config.publicUrl = QUrl(u"https://relay.example.com/hooks/"_s);
    QVERIFY(startServer(config));
    const auto r = RelayTest::send(*m_nam, "HEAD", url(u"/new"_s));
    QCOMPARE(r.status, 307);
    QVERIFY2(r.header("Location").startsWith("https://relay.example.com/hooks/"),
             r.header("Location").constData());
    QVERIFY(r.header("Location").contains("?token="));
}

void tst_RelayServer::readNeedsToken_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("status");
    QTest::addRow("no token") << u"none"_s << 401;
    QTest::addRow("wrong token") << u"wrong"_s << 401;
    QTest::addRow("empty token") << u"empty"_s << 401;
    QTest::addRow("token of another channel") << u"other"_s << 401;
    QTest::addRow("unknown channel") << u"unknown"_s << 404;
    QTest::addRow("right token") << u"right"_s << 200;
    QTest::addRow("bearer header") << u"bearer"_s << 200;
}

void tst_RelayServer::readNeedsToken()
{
    QFETCH(QString, which);
    QFETCH(int, status);
    QVERIFY(startServer());
    const Channel c = createChannel();
    const Channel other = createChannel();
    QByteArray target = "/" + c.id.toLatin1();
    Headers headers;
    if (which == "wrong"_L1)
        target += "?token=" + QByteArray(c.token.size(), 'A');
    else if (which == "empty"_L1)
        target += "?token=";
    else if (which == "other"_L1)
        target += "?token=" + other.token.toLatin1();
    else if (which == "unknown"_L1)
        target = "/unknownchannel?token=" + c.token.toLatin1();
    else if (which == "right"_L1)
        target = c.target();
    else if (which == "bearer"_L1)
        headers.append({ "Authorization", "Bearer " + c.token.toLatin1() });
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), target, headers));
    QCOMPARE(stream.status(), status);
    if (status == 200) {
        QVERIFY(stream.header("Content-Type").startsWith("text/event-stream"));
    } else {
        QVERIFY(stream.errorBody().isEmpty() || QTest::qWaitFor([&] {
                    stream.poll();
                    return !stream.errorBody().isEmpty();
                }));
        QCOMPARE(m_server->subscriberCount(), 0);
    }
}

void tst_RelayServer::readyAndPings()
{
    RelayServerConfig config;
    config.pingIntervalMs = 100;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target()));
    QCOMPARE(stream.status(), 200);
    QVERIFY(stream.header("Cache-Control").contains("no-cache"));
    QVERIFY(stream.waitForEvents(4));
    const auto events = stream.events();
    QCOMPARE(events.first().type, u"ready"_s);
    QCOMPARE(events.first().data, u"{}"_s);
    for (qsizetype i = 1; i < events.size(); ++i) {
        QCOMPARE(events.at(i).type, u"ping"_s);
        QCOMPARE(events.at(i).data, u"{}"_s);
    }
    QCOMPARE(m_server->subscriberCount(c.id), 1);
    stream.close();
    QTRY_COMPARE(m_server->subscriberCount(c.id), 0);
}

void tst_RelayServer::deliveryShape()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target()));
    QVERIFY(stream.waitForEvents(1));

    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    // A raw client: QNetworkAccessManager would merge the repeated header itself.
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_server->port()));
    const auto r = client.exchange(HttpClient::request(
            "POST", QByteArray("/" + c.id.toLatin1() + "?a=1&b=two%20words&a=3"),
            { { "Content-Type", "application/json" },
              { "X-Custom-Header", "Value One" },
              { "X-Twice", "a" },
              { "X-Twice", "b" } },
            body));
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    const qint64 id = QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger();
    QVERIFY(id > 0);

    QVERIFY(stream.waitForEvents(2));
    const SseEvent e = stream.events(u"message"_s).value(0);
    QCOMPARE(e.lastEventId, QString::number(id));
    const QJsonObject o = jsonObject(e.data);
    // smee's shape: lowercase headers at the top level, body parsed, query an object.
    QCOMPARE(o.value(u"x-custom-header"_s).toString(), u"Value One"_s);
    QCOMPARE(o.value(u"x-twice"_s).toString(), u"a, b"_s);
    QCOMPARE(o.value(u"content-type"_s).toString(), u"application/json"_s);
    QVERIFY(o.contains(u"host"_s));
    QCOMPARE(o.value(u"body"_s).toObject(), QJsonDocument::fromJson(body).object());
    const QJsonObject query = o.value(u"query"_s).toObject();
    QCOMPARE(query.value(u"a"_s).toArray(), (QJsonArray{ u"1"_s, u"3"_s }));
    QCOMPARE(query.value(u"b"_s).toString(), u"two words"_s);
    const qint64 timestamp = o.value(u"timestamp"_s).toInteger();
    QVERIFY(timestamp >= before && timestamp <= QDateTime::currentMSecsSinceEpoch());
    // Our additions.
    QCOMPARE(o.value(RelayProtocol::IdKey).toString(), QString::number(id));
    QCOMPARE(o.value(RelayProtocol::ContentTypeKey).toString(), u"application/json"_s);
    QVERIFY(!o.contains(RelayProtocol::BodyBase64Key)); // only on request: see rawBodyOnRequest
    for (auto it = o.begin(); it != o.end(); ++it)
        QVERIFY2(it.key() == it.key().toLower(), qPrintable(it.key()));
}

void tst_RelayServer::rawBodyOnRequest()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target(),
                        { { RelayProtocol::FeaturesHeader, RelayProtocol::RawBodyFeature } }));
    QByteArray body;
    for (int i = 0; i < 256; ++i)
        body += char(i);
    QCOMPARE(post(c, body, { { "Content-Type", "application/octet-stream" } }).status, 200);
    QVERIFY(stream.waitForEvents(2));
    const QJsonObject o = jsonObject(stream.events(u"message"_s).value(0).data);
    QCOMPARE(QByteArray::fromBase64(o.value(RelayProtocol::BodyBase64Key).toString().toLatin1()),
             body);
    QCOMPARE(o.value(RelayProtocol::ContentTypeKey).toString(), u"application/octet-stream"_s);
    // And the client-side decoder gets the exact bytes back.
    const auto decoded =
            RelayProtocol::fromSmeeData(stream.events(u"message"_s).value(0).data.toUtf8());
    QVERIFY(decoded);
    QCOMPARE(decoded->body, body);
}

void tst_RelayServer::nonJsonBodies_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expectedBodyJson"); // the `body` member, compact

    QTest::addRow("text") << "text/plain"_ba
                          << "hello world"_ba
                          << "\"hello world\""_ba;
    QTest::addRow("empty") << "application/json"_ba << QByteArray() << "{}"_ba;
    QTest::addRow("invalid json") << "application/json"_ba
                                  << "{\"a\":"_ba
                                  << "\"{\\\"a\\\":\""_ba;
    QTest::addRow("json array") << "application/json"_ba
                                << "[1, 2]"_ba
                                << "[1,2]"_ba;
    QTest::addRow("json scalar") << "application/json"_ba
                                 << "42"_ba
                                 << "42"_ba;
    QTest::addRow("form") << "application/x-www-form-urlencoded"_ba
                          << "a=1&b=x+y"_ba
                          << "{\"a\":\"1\",\"b\":\"x y\"}"_ba;
}

void tst_RelayServer::nonJsonBodies()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expectedBodyJson);
    QVERIFY(startServer());
    const Channel c = createChannel();
    QCOMPARE(post(c, body, { { "Content-Type", contentType } }).status, 200);
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target()));
    QVERIFY(stream.waitForEvents(2));
    const QByteArray data = stream.events(u"message"_s).value(0).data.toUtf8();
    QCOMPARE(RelayProtocol::memberText(data, u"body").value_or("<none>"), expectedBodyJson);
}

void tst_RelayServer::hopByHopHeadersLeftOut()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_server->port()));
    const auto r = client.exchange(HttpClient::request("POST", QByteArray("/" + c.id.toLatin1()),
                                                       { { "Content-Type", "application/json" },
                                                         { "Connection", "keep-alive" },
                                                         { "Keep-Alive", "timeout=5" },
                                                         { "TE", "trailers" },
                                                         { "X-Kept", "yes" } },
                                                       "{}"));
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target()));
    QVERIFY(stream.waitForEvents(2));
    const QJsonObject o = jsonObject(stream.events(u"message"_s).value(0).data);
    QCOMPARE(o.value(u"x-kept"_s).toString(), u"yes"_s);
    for (const auto &name : { u"connection"_s, u"keep-alive"_s, u"te"_s, u"transfer-encoding"_s })
        QVERIFY2(!o.contains(name), qPrintable(name));
    // The stored event keeps every header as received.
    const auto stored = m_server->store()->eventsAfter(c.id, 0);
    QCOMPARE(stored.size(), 1);
    bool keepAlive = false;
    for (const auto &[name, value] : stored.first().headers)
        keepAlive |= name.compare("keep-alive", Qt::CaseInsensitive) == 0 && value == "timeout=5";
    QVERIFY(keepAlive);
}

void tst_RelayServer::tokenNeverReachesReaders()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    // Thena may be given the read URL itself: the token is dropped, other parameters kept as sent.
    QCOMPARE(post(c, "{}", {}, "x=%2Fa&token=" + c.token.toLatin1() + "&y=2").status, 200);
    QCOMPARE(post(c, "{}", {}, "token=not-the-token").status, 200);
    const auto stored = m_server->store()->eventsAfter(c.id, 0);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(0).query, u"x=%2Fa&y=2"_s);
    QCOMPARE(stored.at(1).query, u"token=not-the-token"_s);
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target()));
    QVERIFY(stream.waitForEvents(3));
    for (const SseEvent &e : stream.events())
        QVERIFY(!e.data.contains(c.token));
}

void tst_RelayServer::answeredOnlyAfterCommit()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    for (int i = 0; i < 20; ++i) {
        const QByteArray body = "{\"n\":" + QByteArray::number(i) + "}";
        const auto r = post(c, body);
        QCOMPARE(r.status, 200);
        const qint64 id = QJsonDocument::fromJson(r.body).object().value(u"id"_s).toInteger();
        // Answered means committed: a second connection to the file sees it right away.
        const auto stored = m_server->store()->eventsAfter(c.id, id - 1, 1);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().id, id);
        QCOMPARE(stored.first().body, body);
    }
    QCOMPARE(m_server->store()->pendingCount(), 0);
}

void tst_RelayServer::ingestMethods_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addRow("POST") << "POST"_ba;
    QTest::addRow("PUT") << "PUT"_ba;
    QTest::addRow("PATCH") << "PATCH"_ba;
}

void tst_RelayServer::ingestMethods()
{
    QFETCH(QByteArray, verb);
    QVERIFY(startServer());
    const Channel c = createChannel();
    QCOMPARE(post(c, "{\"a\":1}", {}, {}, verb).status, 200);
    const auto stored = m_server->store()->eventsAfter(c.id, 0);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().method, QString::fromLatin1(verb));
    QCOMPARE(stored.first().path, u'/' + c.id);
    QCOMPARE(stored.first().body, "{\"a\":1}"_ba);
}

void tst_RelayServer::ingestToUnknownChannel()
{
    QVERIFY(startServer());
    Channel unknown;
    unknown.id = u"doesNotExist"_s;
    QCOMPARE(post(unknown, "{}").status, 404);
    QCOMPARE(m_server->store()->channelCount(), 0);
}

void tst_RelayServer::probesAndRefusals_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addRow("GET channel probe") << "GET"_ba << u"/{c}"_s << 200;
    QTest::addRow("HEAD channel probe") << "HEAD"_ba << u"/{c}"_s << 200;
    QTest::addRow("DELETE channel") << "DELETE"_ba << u"/{c}"_s << 405;
    QTest::addRow("POST /new") << "POST"_ba << u"/new"_s << 404;
    QTest::addRow("nested path") << "POST"_ba << u"/{c}/more"_s << 404;
    QTest::addRow("invalid channel id") << "POST"_ba << u"/bad%20id"_s << 404;
    QTest::addRow("too long channel id") << "POST"_ba << u"/"_s + QString(129, u'a') << 404;
    QTest::addRow("ws without upgrade") << "GET"_ba << u"/ws/{c}"_s << 426;
    QTest::addRow("root") << "GET"_ba << u"/"_s << 200;
}

void tst_RelayServer::probesAndRefusals()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(int, status);
    QVERIFY(startServer());
    const Channel c = createChannel();
    const auto r = RelayTest::send(*m_nam, verb, url(QString(path).replace(u"{c}"_s, c.id)), "{}",
                                   { { "Content-Type", "application/json" } });
    QCOMPARE(r.status, status);
    QVERIFY(!r.header("X-Hookscope-Relay").isEmpty());
    QCOMPARE(m_server->store()->eventsAfter(c.id, 0).size(), 0);
}

void tst_RelayServer::lastEventIdReplay()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids.append(QJsonDocument::fromJson(post(c, "{\"n\":" + QByteArray::number(i) + "}").body)
                           .object()
                           .value(u"id"_s)
                           .toInteger());
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target(),
                        { { "Last-Event-ID", QByteArray::number(ids.at(1)) } }));
    QVERIFY(stream.waitForEvents(4));
    QTest::qWait(100);
    stream.poll();
    const auto messages = stream.events(u"message"_s);
    QCOMPARE(messages.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(messages.at(i).lastEventId, QString::number(ids.at(i + 2)));
        QCOMPARE(jsonObject(messages.at(i).data).value(u"body"_s).toObject().value(u"n"_s).toInt(),
                 i + 2);
    }
    // Live events continue the same numbering.
    const qint64 next =
            QJsonDocument::fromJson(post(c, "{\"n\":5}").body).object().value(u"id"_s).toInteger();
    QVERIFY(stream.waitForEvents(5));
    QCOMPARE(stream.events(u"message"_s).last().lastEventId, QString::number(next));
}

void tst_RelayServer::bufferedWhileNobodyListens()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(c, "{\"early\":" + QByteArray::number(i) + "}").status, 200);
    {
        SseStream stream;
        QVERIFY(stream.open(m_server->port(), c.target()));
        QVERIFY(stream.waitForEvents(4)); // ready + the three that waited
        QCOMPARE(stream.events(u"message"_s).size(), 3);
        stream.close();
    }
    QTRY_COMPARE(m_server->subscriberCount(c.id), 0);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(post(c, "{\"late\":" + QByteArray::number(i) + "}").status, 200);
    // A new reader without a position gets what nobody has received yet, not everything.
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target()));
    QVERIFY(stream.waitForEvents(3));
    QTest::qWait(100);
    stream.poll();
    const auto messages = stream.events(u"message"_s);
    QCOMPARE(messages.size(), 2);
    QVERIFY(jsonObject(messages.at(0).data).value(u"body"_s).toObject().contains(u"late"_s));
}

void tst_RelayServer::boundByCount()
{
    RelayServerConfig config;
    config.buffer.maxEventsPerChannel = 5;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    for (int i = 0; i < 8; ++i)
        QCOMPARE(post(c, "{\"n\":" + QByteArray::number(i) + "}").status, 200);
    const auto stats = m_server->store()->stats(c.id);
    QVERIFY(stats);
    QCOMPARE(stats->events, 5);
    QCOMPARE(stats->dropped, 3);
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target(), { { "Last-Event-ID", "0" } }));
    QVERIFY(stream.waitForEvents(7)); // ready, dropped notice, 5 events
    const auto dropped = stream.events(u"dropped"_s);
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(jsonObject(dropped.first().data).value(u"dropped"_s).toInt(), 3);
    const auto messages = stream.events(u"message"_s);
    QCOMPARE(messages.size(), 5);
    QCOMPARE(jsonObject(messages.first().data).value(u"body"_s).toObject().value(u"n"_s).toInt(),
             3);
    // Evicting what a reader already had does not count as dropped.
    QCOMPARE(post(c, "{\"n\":8}").status, 200);
    QVERIFY(stream.waitForEvents(8));
    QCOMPARE(post(c, "{\"n\":9}").status, 200);
    QCOMPARE(m_server->store()->stats(c.id)->dropped, 3);
}

void tst_RelayServer::boundByBytes()
{
    // --max-buffer counts everything stored for a delivery (headers, request data, body),
    // not the body alone.
    RelayServerConfig config;
    config.buffer.maxBytesPerChannel = 2500; // about three of these deliveries
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(post(c, "\"" + QByteArray(298, char('a' + i)) + "\"").status, 200);
    const auto stats = m_server->store()->stats(c.id);
    const auto stored = m_server->store()->eventsAfter(c.id, 0);
    qint64 bytes = 0;
    for (const RelayEvent &e : stored)
        bytes += RelayStore::storedBytes(e);
    QCOMPARE(stats->bytes, bytes);
    QVERIFY(stats->bytes <= 2500);
    QVERIFY(bytes > stored.size() * 300); // more than the bodies
    QVERIFY(stats->events >= 1 && stats->events < 5);
    QCOMPARE(stored.size(), stats->events);
    QCOMPARE(stats->dropped, 5 - stats->events);
    QCOMPARE(stored.last().body.at(1), 'e');
}

void tst_RelayServer::bodyTooLarge()
{
    RelayServerConfig config;
    config.limits.request.maxBodyBytes = 1024;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    QCOMPARE(post(c, "\"" + QByteArray(1022, 'x') + "\"").status, 200);
    const auto r = post(c, "\"" + QByteArray(1023, 'x') + "\"");
    QCOMPARE(r.status, 413);
    // Refused from the declared length, before the body was buffered.
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_server->port()));
    const auto refused =
            client.exchange("POST /" + c.id.toLatin1()
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\n");
    QVERIFY(refused);
    QCOMPARE(refused->status, 413);
    QCOMPARE(m_server->store()->stats(c.id)->events, 1);
}

void tst_RelayServer::rateLimited()
{
    RelayServerConfig config;
    config.ratePerSecond = 0.5;
    config.rateBurst = 3;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    const Channel other = createChannel();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(c, "{}").status, 200);
    const auto r = post(c, "{}");
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("Retry-After").toInt() >= 1);
    // Per channel: another one is unaffected.
    QCOMPARE(post(other, "{}").status, 200);
    QCOMPARE(m_server->store()->stats(c.id)->events, 3);
}

void tst_RelayServer::subscriberLimit()
{
    RelayServerConfig config;
    config.maxSubscribersPerChannel = 2;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    SseStream a, b, d;
    QVERIFY(a.open(m_server->port(), c.target()));
    QCOMPARE(a.status(), 200);
    WsReader ws;
    QVERIFY(ws.open(m_server->port(), "/ws" + c.target()));
    QVERIFY(ws.waitForType(u"ready"_s, 1));
    QVERIFY(b.open(m_server->port(), c.target()));
    QCOMPARE(b.status(), 429);
    ws.socket.close();
    QTRY_COMPARE(m_server->subscriberCount(c.id), 1);
    QVERIFY(d.open(m_server->port(), c.target()));
    QCOMPARE(d.status(), 200);
}

void tst_RelayServer::healthz()
{
    RelayServerConfig config;
    config.adminToken = u"operator-only"_s;
    QVERIFY(startServer(config));
    createChannel();
    // Anyone learns that the relay is up, not how busy it is.
    const auto r = RelayTest::send(*m_nam, "GET", url(u"/healthz"_s));
    QCOMPARE(r.status, 200);
    QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(o.value(u"ok"_s).toBool(), true);
    QCOMPARE(o.value(u"server"_s).toString(), u"hookscope-relay"_s);
    QCOMPARE(o.value(u"version"_s).toString(), QStringLiteral(HOOKSCOPE_VERSION));
    QVERIFY(!o.contains(u"channels"_s));
    QVERIFY(!o.contains(u"subscribers"_s));
    QCOMPARE(r.header("X-Hookscope-Relay"), QByteArray(HOOKSCOPE_VERSION));
    const auto wrong = RelayTest::send(*m_nam, "GET", url(u"/healthz"_s), {},
                                       { { "Authorization", "Bearer operator-onlx" } });
    QVERIFY(!QJsonDocument::fromJson(wrong.body).object().contains(u"channels"_s));
    // The operator sees the counts.
    const auto admin = RelayTest::send(*m_nam, "GET", url(u"/healthz"_s), {},
                                       { { "Authorization", "Bearer operator-only" } });
    QCOMPARE(admin.status, 200);
    o = QJsonDocument::fromJson(admin.body).object();
    QCOMPARE(o.value(u"channels"_s).toInt(), 1);
    QCOMPARE(o.value(u"subscribers"_s).toInt(), 0);
}

void tst_RelayServer::survivesRestart()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    const QByteArray body = Fixtures::read(u"platform-ticket-comment-created.json"_s);
    QCOMPARE(post(c, body).status, 200);
    m_server->stop();
    m_server = std::make_unique<RelayServer>();
    QVERIFY(startServer());
    QVERIFY(m_server->store()->checkToken(c.id, c.token));
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), "/" + c.id.toLatin1() + "?token=" + c.token.toLatin1(),
                        { { RelayProtocol::FeaturesHeader, RelayProtocol::RawBodyFeature } }));
    QVERIFY(stream.waitForEvents(2));
    const auto decoded =
            RelayProtocol::fromSmeeData(stream.events(u"message"_s).value(0).data.toUtf8());
    QVERIFY(decoded);
    QCOMPARE(decoded->body, body);
}

void tst_RelayServer::webSocketDeliveryAndAcks()
{
    RelayServerConfig config;
    config.pingIntervalMs = 100;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary += char(255 - i);
    QList<qint64> ids;
    ids.append(
            QJsonDocument::fromJson(
                    post(c, binary,
                         { { "Content-Type", "application/octet-stream" }, { "X-A", "1" } }, "q=1")
                            .body)
                    .object()
                    .value(u"id"_s)
                    .toInteger());
    ids.append(
            QJsonDocument::fromJson(post(c, "{\"b\":2}").body).object().value(u"id"_s).toInteger());

    {
        WsReader ws;
        QVERIFY(ws.open(m_server->port(), "/ws" + c.target()));
        QVERIFY(ws.waitForType(u"event"_s, 2));
        QCOMPARE(ws.messages.first().value(u"type"_s).toString(), u"ready"_s);
        const QJsonObject first = ws.ofType(u"event"_s).first();
        const auto e = RelayProtocol::fromWsEventMessage(first);
        QVERIFY(e);
        QCOMPARE(e->id, ids.at(0));
        QCOMPARE(e->body, binary);
        QCOMPARE(e->contentType, u"application/octet-stream"_s);
        QCOMPARE(e->query, u"q=1"_s);
        QCOMPARE(e->method, u"POST"_s);
        bool custom = false;
        for (const auto &[name, value] : e->headers)
            custom |= name.compare("x-a", Qt::CaseInsensitive) == 0 && value == "1";
        QVERIFY(custom);
        QVERIFY(ws.waitForType(u"ping"_s, 2));
        // Only the first is acknowledged before the connection goes.
        ws.ack(ids.at(0));
        QTRY_COMPARE(m_server->store()->stats(c.id)->cursor, ids.at(0));
        ws.socket.close();
    }
    QTRY_COMPARE(m_server->subscriberCount(c.id), 0);
    // At least once: the unacknowledged one comes again, the acknowledged one does not.
    WsReader again;
    QVERIFY(again.open(m_server->port(), "/ws" + c.target()));
    QVERIFY(again.waitForType(u"event"_s, 1));
    QTest::qWait(100);
    QCOMPARE(again.ofType(u"event"_s).size(), 1);
    QCOMPARE(again.ofType(u"event"_s).first().value(u"id"_s).toInteger(), ids.at(1));
    // Live delivery.
    const qint64 live =
            QJsonDocument::fromJson(post(c, "{\"c\":3}").body).object().value(u"id"_s).toInteger();
    QVERIFY(again.waitForType(u"event"_s, 2));
    QCOMPARE(again.ofType(u"event"_s).last().value(u"id"_s).toInteger(), live);
}

void tst_RelayServer::webSocketAfterParameter()
{
    QVERIFY(startServer());
    const Channel c = createChannel();
    QList<qint64> ids;
    for (int i = 0; i < 4; ++i)
        ids.append(QJsonDocument::fromJson(post(c, "{}").body).object().value(u"id"_s).toInteger());
    WsReader ws;
    QVERIFY(ws.open(m_server->port(),
                    "/ws" + c.target() + "&after=" + QByteArray::number(ids.at(2))));
    QVERIFY(ws.waitForType(u"event"_s, 1));
    QTest::qWait(100);
    QCOMPARE(ws.ofType(u"event"_s).size(), 1);
    QCOMPARE(ws.ofType(u"event"_s).first().value(u"id"_s).toInteger(), ids.at(3));
    QCOMPARE(ws.ofType(u"ready"_s).first().value(u"after"_s).toInteger(), ids.at(2));
}

void tst_RelayServer::webSocketRefusals_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("status");
    QTest::addRow("no token") << u"none"_s << 401;
    QTest::addRow("wrong token") << u"wrong"_s << 401;
    QTest::addRow("unknown channel") << u"unknown"_s << 404;
}

void tst_RelayServer::webSocketRefusals()
{
    QFETCH(QString, which);
    QFETCH(int, status);
    QVERIFY(startServer());
    const Channel c = createChannel();
    QByteArray target = "/ws/" + c.id.toLatin1();
    if (which == "wrong"_L1)
        target += "?token=xyz";
    else if (which == "unknown"_L1)
        target = "/ws/nochannel?token=" + c.token.toLatin1();
    WsReader ws;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    QSignalSpy errors(&ws.socket, &QWebSocket::errorOccurred);
#else
    QSignalSpy errors(&ws.socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
#endif
    ws.socket.open(
            QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->port()) + QString::fromLatin1(target)));
    // Refused before the upgrade, with a plain HTTP status.
    QTRY_VERIFY(errors.count() > 0);
    QVERIFY2(ws.socket.errorString().contains(QString::number(status)),
             qPrintable(ws.socket.errorString()));
    QVERIFY(ws.socket.state() != QAbstractSocket::ConnectedState);
    QCOMPARE(ws.ofType(u"event"_s).size(), 0);
    QCOMPARE(m_server->subscriberCount(), 0);
}

void tst_RelayServer::webSocketConnectionsAreReleased()
{
    // Qt 6.4 hands upgraded sockets to its WebSocket server; the connection cap must still
    // count them out when they close, or a relay would refuse everyone after a while.
    RelayServerConfig config;
    config.limits.maxConnections = 3;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    for (int i = 0; i < 8; ++i) {
        WsReader ws;
        QVERIFY2(ws.open(m_server->port(), "/ws" + c.target()),
                 qPrintable(u"connection %1"_s.arg(i)));
        QVERIFY(ws.waitForType(u"ready"_s, 1));
        ws.socket.close();
        QTRY_COMPARE(m_server->subscriberCount(c.id), 0);
    }
    QTRY_COMPARE(RelayTest::send(*m_nam, "GET", url(u"/healthz"_s)).status, 200);
}

void tst_RelayServer::streamsOutliveIdleTimeout()
{
    RelayServerConfig config;
    config.pingIntervalMs = 100;
    config.limits.idleTimeoutMs = 300; // raised to 2 pings + 1 s = 1.2 s for streams
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    SseStream sse;
    QVERIFY(sse.open(m_server->port(), c.target()));
    WsReader ws;
    QVERIFY(ws.open(m_server->port(), "/ws" + c.target()));
    QTest::qWait(3000);
    sse.poll();
    QVERIFY(!sse.closed());
    QCOMPARE(ws.socket.state(), QAbstractSocket::ConnectedState);
    QVERIFY(sse.events(u"ping"_s).size() >= 10);
    QVERIFY(ws.ofType(u"ping"_s).size() >= 10);
    // A quiet plain HTTP connection is still closed.
    HttpClient::SocketClient idle;
    QVERIFY(idle.connectTo(m_server->port()));
    QVERIFY(idle.waitForClosed(5000));
    // Everything still works.
    QCOMPARE(post(c, "{}").status, 200);
    QVERIFY(sse.waitForEvents(1 + sse.events().size()));
    QVERIFY(ws.waitForType(u"event"_s, 1));
}

void tst_RelayServer::gracefulShutdown()
{
    RelayServerConfig config;
    config.ratePerSecond = 10000;
    config.rateBurst = 10000;
    QVERIFY(startServer(config));
    const Channel c = createChannel();
    SseStream stream;
    QVERIFY(stream.open(m_server->port(), c.target()));
    QVERIFY(stream.waitForEvents(1));
    const quint16 port = m_server->port();

    // Many requests in flight, then the shutdown: whatever was answered 2xx is stored.
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 200; ++i) {
        QNetworkRequest request(url(u'/' + c.id));
        request.setRawHeader("Content-Type", "application/json");
        replies.append(m_nam->post(request, "{\"n\":" + QByteArray::number(i) + "}"));
    }
    QTRY_VERIFY(m_server->acceptedCount() >= 20);
    QSignalSpy stopped(m_server.get(), &RelayServer::stopped);
    m_server->shutdown();
    QVERIFY(m_server->isShuttingDown());
    QVERIFY(stopped.wait(10000));
    QVERIFY(!m_server->isListening());
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                         [](QNetworkReply *r) { return r->isFinished(); }),
                             15000);
    qsizetype acknowledged = 0;
    for (QNetworkReply *r : std::as_const(replies)) {
        if (r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
            ++acknowledged;
        delete r;
    }
    QVERIFY(acknowledged >= 20);
    // The stream was ended properly, not cut.
    QVERIFY(stream.waitForEnd());

    RelayStore store;
    QVERIFY(store.open(m_dir->path()));
    const auto stored = store.eventsAfter(c.id, 0, 1000, qint64(1) << 40);
    // Nothing acknowledged was lost, and nothing was stored without being acknowledged
    // (a sender would otherwise retry and the event would arrive twice).
    QCOMPARE(stored.size(), acknowledged);
    Q_UNUSED(port);
}

void tst_RelayServer::commandLineDiskBoundAndAdminToken()
{
    struct Run
    {
        int exitCode = -1;
        QString err;
        QString out;
    };
    const auto run = [](const QStringList &arguments, const QProcessEnvironment &env = {}) {
        QProcess p;
        if (!env.isEmpty())
            p.setProcessEnvironment(env);
        p.start(QStringLiteral(HOOKSCOPE_RELAY_EXE), arguments);
        Run r;
        if (!p.waitForFinished(10000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.err = QString::fromUtf8(p.readAllStandardError());
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        return r;
    };
    const QString missing = m_dir->filePath(u"no-such-token"_s);
    const QString emptyFile = m_dir->filePath(u"empty-token"_s);
    const QString tokenFile = m_dir->filePath(u"admin-token"_s);
    {
        QFile f(emptyFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QFile t(tokenFile);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("admin-secret-1\n");
    }

    const Run help = run({ u"--help"_s });
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains("--max-disk"_L1), qPrintable(help.out));
    QVERIFY(help.out.contains("--admin-token-file"_L1));
    QVERIFY(help.out.contains("HOOKSCOPE_RELAY_ADMIN_TOKEN"_L1));
    QVERIFY(help.out.contains("507"_L1));

    Run r = run({ u"--admin-token-file"_s, missing });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(missing), qPrintable(r.err));
    r = run({ u"--admin-token-file"_s, emptyFile });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("empty"_L1), qPrintable(r.err));
    // Never a plain value: it would show in `ps`.
    r = run({ u"--admin-token"_s, u"admin-secret-1"_s });
    QVERIFY(r.exitCode != 0);
    r = run({ u"--max-disk"_s, u"lots"_s });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--max-disk"_L1), qPrintable(r.err));

    // The token reaches the server, from the file or the environment: /healthz shows the
    // counts to it only.
    const auto healthWithToken = [&](const QStringList &extra, const QProcessEnvironment &env,
                                     const QByteArray &token) -> std::pair<bool, bool> {
        QProcess relay;
        relay.setProcessEnvironment(env);
        relay.start(QStringLiteral(HOOKSCOPE_RELAY_EXE),
                    QStringList{ u"--port"_s, u"0"_s, u"--data-dir"_s, m_dir->path(),
                                 u"--max-disk"_s, u"0"_s }
                            + extra);
        QByteArray log;
        static const QRegularExpression listening(u" listening .*port=(\\d+)"_s);
        QRegularExpressionMatch match;
        const bool started = QTest::qWaitFor(
                [&] {
                    log += relay.readAllStandardError();
                    match = listening.match(QString::fromUtf8(log));
                    return match.hasMatch() || relay.state() == QProcess::NotRunning;
                },
                10000);
        std::pair<bool, bool> shown{ false, false };
        if (started && match.hasMatch()) {
            const QUrl health(u"http://127.0.0.1:%1/healthz"_s.arg(match.captured(1)));
            const auto without = RelayTest::send(*m_nam, "GET", health);
            const auto with =
                    RelayTest::send(*m_nam, "GET", health, {},
                                    { { QByteArray("Authorization"), "Bearer " + token } });
            shown = { jsonObject(QString::fromUtf8(without.body)).contains(u"channels"_s),
                      jsonObject(QString::fromUtf8(with.body)).contains(u"channels"_s) };
        } else {
            qWarning("relay did not start: %s", log.constData());
        }
        relay.terminate();
        if (!relay.waitForFinished(10000))
            relay.kill();
        relay.waitForFinished();
        return shown;
    };
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"HOOKSCOPE_RELAY_ADMIN_TOKEN"_s);
    QCOMPARE(healthWithToken({ u"--admin-token-file"_s, tokenFile }, env, "admin-secret-1"),
             std::make_pair(false, true));
    env.insert(u"HOOKSCOPE_RELAY_ADMIN_TOKEN"_s, u"admin-secret-2"_s);
    QCOMPARE(healthWithToken({}, env, "admin-secret-2"), std::make_pair(false, true));
    // The file wins over the environment.
    QCOMPARE(healthWithToken({ u"--admin-token-file"_s, tokenFile }, env, "admin-secret-2"),
             std::make_pair(false, false));
}

QTEST_GUILESS_MAIN(tst_RelayServer)
#include "tst_relayserver.moc"
