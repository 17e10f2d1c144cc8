// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#include <memory>
#include <thread>

#include "core/events/eventparser.h"
#include "core/receiver/ratelimiter.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "tests/support/httpclient.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

constexpr qint64 MiB = 1024 * 1024;
const QString Secret = u"s3cret-token"_s;

struct HttpReply
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers)
            if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[n, v] : headers)
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

// Everything of a stored request that could leak a secret.
QByteArray recordedRequest(const Event &e)
{
    QByteArray all = e.method.toUtf8() + ' ' + e.path.toUtf8() + '?' + e.query.toUtf8() + '\n';
    for (const auto &[name, value] : e.headers)
        all += name + ": " + value + '\n';
    return all;
}

QByteArray declaredTooLarge(QByteArrayView target = "/")
{
    return "POST " + target.toByteArray()
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
              "1073741824\r\n\r\n";
}

} // namespace

class tst_Receiver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void fixtures_data();
    void fixtures();
    void rateLimiterArithmetic();
    void deliveryMethods_data();
    void deliveryMethods();
    void probes_data();
    void probes();
    void headResponseHasNoBody();
    void refusedMethods_data();
    void refusedMethods();
    void secret_data();
    void secret();
    void labelledByEndpoint_data();
    void labelledByEndpoint();
    void malformedJson();
    void otherBodies_data();
    void otherBodies();
    void declaredLengthTooLarge();
    void chunkedBody_data();
    void chunkedBody();
    void bodyLimitBoundary_data();
    void bodyLimitBoundary();
    void guardBoundsMemory();
    void headersTooLarge_data();
    void headersTooLarge();
    void malformedFraming_data();
    void malformedFraming();
    void portInUse();
    void keepAlive();
    void pipelined();
    void expectContinue_data();
    void expectContinue();
    void idleConnectionTimesOut();
    void connectionLimit();
    void storeUnavailable();
    void answersWhileItsOwnerIsBusy();
    void answersAreRecorded();
    void responseModeStatus();
    void responseModeFilterDelayAndDrop();
    void responseModeRefusesBadInput();
    void attacksAroundLegitimateEvents();

private:
    bool startReceiver(ReceiverConfig config = {});
    HttpReply send(const QByteArray &verb, const QString &target, const QByteArray &body = {},
                   const QByteArray &contentType = {}, const HeaderList &headers = {});
    bool nothingStored() const { return m_store->count() == 0 && m_store->pendingCount() == 0; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    quint16 m_port = 0; // where send() goes
};

void tst_Receiver::initTestCase()
{
    QLoggingCategory::setFilterRules(u"hookscope.*.info=false"_s);
}

void tst_Receiver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<EventStore>();
    QVERIFY2(m_store->open(m_dir->path()), qPrintable(m_store->errorString()));
    m_receiver = std::make_unique<Receiver>(m_store.get());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void tst_Receiver::cleanup()
{
    m_nam.reset();
    m_receiver.reset();
    m_store.reset();
    m_dir.reset();
}

bool tst_Receiver::startReceiver(ReceiverConfig config)
{
    config.port = 0;
    m_receiver->setConfig(config);
    if (!m_receiver->start()) {
        qWarning("receiver did not start: %s", qPrintable(m_receiver->errorString()));
        return false;
    }
    m_port = m_receiver->port();
    return m_receiver->isListening() && m_port != 0;
}

HttpReply tst_Receiver::send(const QByteArray &verb, const QString &target, const QByteArray &body,
                             const QByteArray &contentType, const HeaderList &headers)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(target)));
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nullptr;
    if (verb == "GET")
        reply = m_nam->get(request);
    else if (verb == "HEAD")
        reply = m_nam->head(request);
    else if (verb == "POST")
        reply = m_nam->post(request, body);
    else
        reply = m_nam->sendCustomRequest(request, verb, body);

    HttpReply out;
    out.finished = QTest::qWaitFor([reply] { return reply->isFinished(); }, 15000);
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    delete reply;
    return out;
}

void tst_Receiver::fixtures_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = Fixtures::eventFixtures();
    QVERIFY(files.size() >= 8);
    for (const QString &file : files)
        QTest::addRow("%s", qPrintable(file)) << file;
}

void tst_Receiver::fixtures()
{
    QFETCH(QString, file);
    QVERIFY(startReceiver());
    const QByteArray body = Fixtures::read(file);
    const ParsedEvent parsed = EventParser::parse(body, "application/json");

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const HttpReply reply = send("POST", u"/thena/webhook?fixture="_s + file, body,
                                 "application/json", { { "X-Test", file.toUtf8() } });
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.header("Content-Type").startsWith("application/json"),
             reply.header("Content-Type").constData());
    const QJsonObject json = reply.json();
    QCOMPARE(json.size(), 2);
    QCOMPARE(json.value(u"ok"_s), QJsonValue(true));
    const qint64 id = json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);

    // Answered only after the commit: the row is there already.
    QCOMPARE(m_store->count(), 1);
    const std::optional<Event> e = m_store->event(id);
    QVERIFY(e.has_value());
    QCOMPARE(e->body, body);
    QCOMPARE(e->summary.size, qint64(body.size()));
    QCOMPARE(e->method, u"POST"_s);
    QCOMPARE(e->path, u"/thena/webhook"_s);
    QCOMPARE(QUrlQuery(e->query).queryItemValue(u"fixture"_s), file);
    QCOMPARE(e->contentType, u"application/json"_s);
    QCOMPARE(headerValue(e->headers, "X-Test"), file.toUtf8());
    QCOMPARE(headerValue(e->headers, "Content-Type"), QByteArray("application/json"));
    QCOMPARE(headerValue(e->headers, "Content-Length"), QByteArray::number(body.size()));
    QCOMPARE(e->remoteAddress, u"127.0.0.1"_s);
    QCOMPARE(e->summary.source, QString(EventSource::Local));
    QCOMPARE(e->summary.status, QString(EventStatus::Ok));
    QVERIFY(e->summary.type != "unknown"_L1);
    QCOMPARE(e->summary.type, parsed.type);
    QCOMPARE(e->summary.eventId, parsed.eventId);
    QCOMPARE(e->summary.actor, parsed.actor);
    QCOMPARE(e->summary.summary, parsed.summary);
    QVERIFY(e->summary.receivedAt >= before && e->summary.receivedAt <= after);
    QCOMPARE(m_receiver->acceptedCount(), 1);
}

void tst_Receiver::deliveryMethods_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addRow("POST") << QByteArray("POST");
    QTest::addRow("PUT") << QByteArray("PUT");
    QTest::addRow("PATCH") << QByteArray("PATCH");
}

void tst_Receiver::deliveryMethods()
{
    QFETCH(QByteArray, verb);
    QVERIFY(startReceiver());
    const QByteArray body = Fixtures::read(u"platform-ticket-priority-changed.json"_s);
    const HttpReply reply = send(verb, u"/"_s, body, "application/json");
    QCOMPARE(reply.status, 200);
    const qint64 id = reply.json().value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    const std::optional<Event> e = m_store->event(id);
    QVERIFY(e.has_value());
    QCOMPARE(e->method, QString::fromLatin1(verb));
    QCOMPARE(e->body, body);
    QCOMPARE(e->summary.type, u"ticket:priority:changed"_s);
}

void tst_Receiver::probes_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("withSecret");
    QTest::addRow("GET /") << QByteArray("GET") << u"/"_s << false;
    QTest::addRow("GET /health") << QByteArray("GET") << u"/health?x=1"_s << false;
    QTest::addRow("HEAD /") << QByteArray("HEAD") << u"/"_s << false;
    QTest::addRow("GET / with a secret set") << QByteArray("GET") << u"/"_s << true;
    QTest::addRow("HEAD / with a secret set") << QByteArray("HEAD") << u"/"_s << true;
}

void tst_Receiver::probes()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, target);
    QFETCH(bool, withSecret);
    ReceiverConfig config;
    if (withSecret)
        config.secret = Secret;
    QVERIFY(startReceiver(config));

    const HttpReply reply = send(verb, target);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    if (verb == "GET")
        QCOMPARE(reply.json(), QJsonObject({ { u"ok"_s, true } }));
    else
        QVERIFY(reply.body.isEmpty());
    QVERIFY(nothingStored());
}

void tst_Receiver::headResponseHasNoBody()
{
    // A HEAD response carries headers only (RFC 9110 §9.3.2): any body bytes would be read as
    // the start of the next response on a kept-alive connection.
    QVERIFY(startReceiver());
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_receiver->port()));

    const std::optional<HttpClient::Response> head =
            client.exchange(HttpClient::request("HEAD", "/"), true);
    QVERIFY(head.has_value());
    QCOMPARE(head->status, 200);

    const std::optional<HttpClient::Response> get =
            client.exchange(HttpClient::request("GET", "/"));
    QVERIFY2(get.has_value(),
             qPrintable(u"after the HEAD response the connection carried: "_s
                        + QString::fromLatin1(client.pending().left(80))));
    QCOMPARE(get->status, 200);
    QCOMPARE(get->body, QByteArray(R"({"ok":true})"));
    QVERIFY(nothingStored());
}

void tst_Receiver::refusedMethods_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("DELETE") << QByteArray("DELETE") << QByteArray();
    QTest::addRow("DELETE with a body")
            << QByteArray("DELETE") << Fixtures::read(u"platform-ticket-created.json"_s);
    QTest::addRow("OPTIONS") << QByteArray("OPTIONS") << QByteArray();
}

void tst_Receiver::refusedMethods()
{
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, body);
    QVERIFY(startReceiver());
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);

    const HttpReply reply =
            send(verb, u"/hooks/thena"_s, body, body.isEmpty() ? QByteArray() : "application/json");
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 405);
    const QList<QByteArray> allow = reply.header("Allow").split(',');
    QList<QByteArray> methods;
    for (const QByteArray &m : allow)
        methods.append(m.trimmed());
    QVERIFY2(methods.contains("POST") && methods.contains("PUT") && methods.contains("PATCH"),
             reply.header("Allow").constData());
    QVERIFY(!methods.contains(verb));
    QCOMPARE(reply.json().value(u"ok"_s), QJsonValue(false));
    QVERIFY(nothingStored());
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toInt(), 405);
}

void tst_Receiver::secret_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("storedPath");

    QTest::addRow("no secret") << u"/"_s << QByteArray() << 401 << QString();
    QTest::addRow("path") << u"/hooks/s3cret-token"_s << QByteArray() << 200
                          << u"/hooks/[secret]"_s;
    QTest::addRow("path with more") << u"/hooks/s3cret-token/events"_s << QByteArray() << 200
                                    << u"/hooks/[secret]/events"_s;
    QTest::addRow("query") << u"/?token=s3cret-token"_s << QByteArray() << 200 << u"/"_s;
    QTest::addRow("query among others")
            << u"/in?a=1&token=s3cret-token&b=2"_s << QByteArray() << 200 << u"/in"_s;
    QTest::addRow("bearer") << u"/"_s << QByteArray("Bearer s3cret-token") << 200 << u"/"_s;
    QTest::addRow("legacy static header") << u"/"_s << QByteArray("s3cret-token") << 200 << u"/"_s;
    QTest::addRow("wrong path") << u"/hooks/s3cret-tokem"_s << QByteArray() << 401 << QString();
    QTest::addRow("path prefix of the secret")
            << u"/hooks/s3cret"_s << QByteArray() << 401 << QString();
    QTest::addRow("secret plus more")
            << u"/hooks/s3cret-token2"_s << QByteArray() << 401 << QString();
    QTest::addRow("secret not under /hooks")
            << u"/s3cret-token"_s << QByteArray() << 401 << QString();
    QTest::addRow("wrong query") << u"/?token=nope"_s << QByteArray() << 401 << QString();
    QTest::addRow("empty query token") << u"/?token="_s << QByteArray() << 401 << QString();
    QTest::addRow("wrong bearer") << u"/"_s << QByteArray("Bearer nope") << 401 << QString();
    QTest::addRow("wrong static header")
            << u"/"_s << QByteArray("s3cret-token-x") << 401 << QString();
    // The path is checked and recorded as sent: a path that is not UTF-8 once decoded keeps
    // its escapes, and the secret in it is still masked.
    QTest::addRow("path not UTF-8")
            << u"/hooks/s3cret-token/%FF"_s << QByteArray() << 200 << u"/hooks/[secret]/%FF"_s;
}

void tst_Receiver::labelledByEndpoint_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");

    const QByteArray action = R"({"action_id":"approve","value":"42","user":{"id":"U1"}})";
    const QByteArray ticket = Fixtures::read(u"platform-ticket-created.json"_s);
    const QByteArray installation = Fixtures::read(u"installation-app-installation.json"_s);
    // The four URLs the wizard derives from one endpoint (Manifest::setEndpoint).
    QTest::addRow("interactivity path")
            << u"/hooks/s3cret-token/interactivity"_s << action << u"interactivity:request"_s;
    QTest::addRow("menu path") << u"/hooks/s3cret-token/menu"_s << action
                               << u"interactivity:message-menu-option"_s;
    QTest::addRow("menu path, trailing slash")
            << u"/hooks/s3cret-token/menu/"_s << action << u"interactivity:message-menu-option"_s;
    QTest::addRow("interactivity query (relay style)")
            << u"/thena?token=s3cret-token&endpoint=interactivity"_s << action
            << u"interactivity:request"_s;
    QTest::addRow("form body to interactivity")
            << u"/hooks/s3cret-token/interactivity"_s << QByteArray("payload=%7B%22a%22%3A1%7D")
            << u"interactivity:request"_s;
    // A body that names its type keeps it, whatever URL it came to.
    QTest::addRow("event to events")
            << u"/hooks/s3cret-token/events"_s << ticket << u"ticket:created"_s;
    QTest::addRow("event to interactivity")
            << u"/hooks/s3cret-token/interactivity"_s << ticket << u"ticket:created"_s;
    QTest::addRow("installation to installations")
            << u"/hooks/s3cret-token/installations"_s << installation << u"app:installation"_s;
    QTest::addRow("unknown to events") << u"/hooks/s3cret-token/events"_s << action << u"unknown"_s;
    QTest::addRow("unknown elsewhere") << u"/hooks/s3cret-token/other"_s << action << u"unknown"_s;
}

void tst_Receiver::labelledByEndpoint()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    ReceiverConfig config;
    config.secret = Secret;
    QVERIFY(startReceiver(config));
    const QByteArray contentType =
            body.startsWith('{') ? "application/json" : "application/x-www-form-urlencoded";
    const HttpReply reply = send("POST", target, body, contentType);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 200);
    const std::optional<Event> e = m_store->event(reply.json().value(u"id"_s).toInteger());
    QVERIFY(e.has_value());
    QCOMPARE(e->summary.type, type);
    QCOMPARE(e->body, body);
}

void tst_Receiver::rateLimiterArithmetic()
{
    RateLimiter limiter(10, 20); // 10/s, bursts of 20
    qint64 retry = 0;
    for (int i = 0; i < 20; ++i)
        QVERIFY(limiter.allow(u"a"_s, 1000));
    QVERIFY(!limiter.allow(u"a"_s, 1000, &retry));
    QCOMPARE(retry, 100); // one token every 100 ms
    QVERIFY(limiter.allow(u"b"_s, 1000)); // another client has its own bucket
    QVERIFY(!limiter.allow(u"a"_s, 1099));
    QVERIFY(limiter.allow(u"a"_s, 1100));
    QVERIFY(!limiter.allow(u"a"_s, 1100));
    // A long pause refills up to the burst, not beyond.
    for (int i = 0; i < 20; ++i)
        QVERIFY(limiter.allow(u"a"_s, 100'000));
    QVERIFY(!limiter.allow(u"a"_s, 100'000));
    // Time going backwards (it never should) takes nothing and gives nothing.
    QVERIFY(!limiter.allow(u"a"_s, 50'000));

    // Many clients: memory stays bounded, and an active flooder is not forgotten while
    // quiet clients are.
    RateLimiter many(1, 1);
    QVERIFY(many.allow(u"flooder"_s, 0));
    for (int i = 0; i < 3 * RateLimiter::MaxClients; ++i) {
        QVERIFY(many.allow(u"client-%1"_s.arg(i), 10 + i / 1000));
        QVERIFY(!many.allow(u"flooder"_s, 10 + i / 1000));
        QVERIFY(many.clientCount() <= RateLimiter::MaxClients);
    }

    RateLimiter off;
    QVERIFY(!off.isEnabled());
    for (int i = 0; i < 1000; ++i)
        QVERIFY(off.allow(u"x"_s, 0));
    QCOMPARE(off.clientCount(), 0);
}

void tst_Receiver::secret()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, storedPath);
    ReceiverConfig config;
    config.secret = Secret;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);

    const QByteArray body = Fixtures::read(u"legacy-request-created.json"_s);
    HeaderList headers;
    if (!authorization.isEmpty())
        headers.append(qMakePair(QByteArray("Authorization"), authorization));
    const HttpReply reply = send("POST", target, body, "application/json", headers);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, status);

    if (status != 200) {
        QVERIFY(nothingStored());
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.at(0).at(0).toInt(), 401);
        QVERIFY(!reply.body.contains(Secret.toUtf8()));
        return;
    }
    QCOMPARE(rejected.count(), 0);
    const std::optional<Event> e = m_store->event(reply.json().value(u"id"_s).toInteger());
    QVERIFY(e.has_value());
    QCOMPARE(e->body, body);
    QCOMPARE(e->path, storedPath);
    const QByteArray recorded = recordedRequest(*e);
    QVERIFY2(!recorded.contains(Secret.toUtf8()), recorded.constData());
    const QUrlQuery query(e->query);
    if (target.contains(u"token="_s)) {
        QCOMPARE(query.queryItemValue(u"token"_s, QUrl::FullyDecoded), u"[secret]"_s);
        if (target.contains(u"a=1"_s)) {
            QCOMPARE(query.queryItemValue(u"a"_s), u"1"_s);
            QCOMPARE(query.queryItemValue(u"b"_s), u"2"_s);
        }
    }
    if (!authorization.isEmpty())
        QCOMPARE(headerValue(e->headers, "Authorization"), QByteArray("[secret]"));
}

void tst_Receiver::malformedJson()
{
    QVERIFY(startReceiver());
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);
    const QByteArray body =
            "{\n  \"eventType\": \"ticket:created\",\n  \"payload\": {\"title\": \"x\",}\n}\n";

    const HttpReply reply = send("POST", u"/hooks/thena"_s, body, "application/json");
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 400);
    const QJsonObject json = reply.json();
    QCOMPARE(json.value(u"ok"_s), QJsonValue(false));
    const QString reason = json.value(u"error"_s).toString();
    QVERIFY2(reason.contains(u"line 3"_s) && reason.contains(u"column"_s), qPrintable(reason));

    // Stored anyway, as invalid, with the exact bytes.
    const qint64 id = json.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(m_store->count(), 1);
    const std::optional<Event> e = m_store->event(id);
    QVERIFY(e.has_value());
    QCOMPARE(e->summary.status, QString(EventStatus::Invalid));
    QCOMPARE(e->body, body);
    QCOMPARE(e->summary.type, u"unknown"_s);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toInt(), 400);
    QCOMPARE(m_receiver->acceptedCount(), 0);
}

void tst_Receiver::otherBodies_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("form") << QByteArray("application/x-www-form-urlencoded")
                          << QByteArray("a=1&b=two+words&c=%F0%9F%98%80&d=%00&e");
    QTest::addRow("form with a JSON payload field")
            << QByteArray("application/x-www-form-urlencoded")
            << QByteArray("payload=%7B%22action%22%3A%22CREATE%22%2C%22request%22%3A%7B%22id%22%"
                          "3A7%7D%7D");
    QTest::addRow("text") << QByteArray("text/plain")
                          << QByteArray("hello\r\nworld\n\r\n\r\nafter a blank line");
    QTest::addRow("text, UTF-8") << QByteArray("text/plain; charset=utf-8")
                                 << QByteArray("h\xc3\xa9llo \xe2\x98\x95");
    QTest::addRow("text, not UTF-8") << QByteArray("text/plain") << QByteArray("caf\xe9 \xff\xfe");
    QTest::addRow("binary with NULs") << QByteArray("application/octet-stream")
                                      << QByteArray("\x00\x01\r\n\r\n\x00\xff{\"a\":1}", 13);
    QTest::addRow("empty") << QByteArray("text/plain") << QByteArray();
}

void tst_Receiver::otherBodies()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QVERIFY(startReceiver());
    const HttpReply reply = send("POST", u"/"_s, body, contentType);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 200);
    const std::optional<Event> e = m_store->event(reply.json().value(u"id"_s).toInteger());
    QVERIFY(e.has_value());
    QCOMPARE(e->body.size(), body.size());
    QCOMPARE(e->body, body);
    QCOMPARE(e->contentType, QString::fromLatin1(contentType));
    QCOMPARE(e->summary.status, QString(EventStatus::Ok));
}

void tst_Receiver::declaredLengthTooLarge()
{
    ReceiverConfig config;
    config.limits.request.maxBodyBytes = MiB;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);

    const HttpClient::UploadResult r =
            HttpClient::upload(m_receiver->port(), { declaredTooLarge(), 4 * MiB });
    QVERIFY(r.finished);
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY2(response.has_value(), r.received.left(200).constData());
    QCOMPARE(response->status, 413);
    QCOMPARE(response->statusLine.left(12), QByteArray("HTTP/1.1 413"));
    QVERIFY(r.closed);
    QVERIFY(nothingStored());
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toInt(), 413);

    // The receiver is still serving.
    const HttpReply ok = send("POST", u"/"_s, "{}", "application/json");
    QCOMPARE(ok.status, 200);
    QCOMPARE(m_store->count(), 1);
}

void tst_Receiver::chunkedBody_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("under the limit") << 3 * 256 * 1024LL << 200;
    QTest::addRow("at the limit") << MiB << 200;
    QTest::addRow("over the limit") << 5 * 256 * 1024LL << 413;
    QTest::addRow("far over the limit") << 16 * MiB << 413;
}

void tst_Receiver::chunkedBody()
{
    QFETCH(qint64, bytes);
    QFETCH(int, status);
    ReceiverConfig config;
    config.limits.request.maxBodyBytes = MiB;
    QVERIFY(startReceiver(config));

    HttpClient::UploadPlan plan;
    plan.head = "POST /chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                "Transfer-Encoding: chunked\r\n\r\n";
    plan.bodyBytes = bytes;
    plan.chunked = true;
    plan.piece = 256 * 1024;
    const HttpClient::UploadResult r = HttpClient::upload(m_receiver->port(), plan);
    QVERIFY(r.finished);
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY2(response.has_value(), r.received.left(200).constData());
    QCOMPARE(response->status, status);
    if (status != 200) {
        QVERIFY(r.closed);
        QVERIFY(nothingStored());
        return;
    }
    const qint64 id = QJsonDocument::fromJson(response->body).object().value(u"id"_s).toInteger();
    const std::optional<Event> e = m_store->event(id);
    QVERIFY(e.has_value());
    QCOMPARE(e->body.size(), bytes);
    QVERIFY(e->body == QByteArray(bytes, 'x'));
}

void tst_Receiver::bodyLimitBoundary_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("just under") << MiB - 1 << 200;
    QTest::addRow("exactly the limit") << MiB << 200;
    QTest::addRow("one byte over") << MiB + 1 << 413;
}

void tst_Receiver::bodyLimitBoundary()
{
    QFETCH(qint64, bytes);
    QFETCH(int, status);
    ReceiverConfig config;
    config.limits.request.maxBodyBytes = MiB;
    QVERIFY(startReceiver(config));

    HttpClient::UploadPlan plan;
    plan.head = "POST /limit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                "text/plain\r\nContent-Length: "
            + QByteArray::number(bytes) + "\r\n\r\n";
    plan.bodyBytes = bytes;
    const HttpClient::UploadResult r = HttpClient::upload(m_receiver->port(), plan);
    QVERIFY(r.finished);
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY2(response.has_value(), r.received.left(200).constData());
    QCOMPARE(response->status, status);
    if (status != 200) {
        QVERIFY(nothingStored());
        return;
    }
    const qint64 id = QJsonDocument::fromJson(response->body).object().value(u"id"_s).toInteger();
    const std::optional<Event> e = m_store->event(id);
    QVERIFY(e.has_value());
    QCOMPARE(e->body.size(), bytes);
    QCOMPARE(e->summary.status, QString(EventStatus::Ok));
}

void tst_Receiver::guardBoundsMemory()
{
    ReceiverConfig config;
    config.limits.request.maxBodyBytes = MiB;
    QVERIFY(startReceiver(config));

    // Warm up (thread, socket and allocator first-use costs) with a small attack.
    HttpClient::UploadResult warm =
            HttpClient::upload(m_receiver->port(), { declaredTooLarge(), MiB });
    QVERIFY(warm.finished);

    // The peak matters, not the end state: once the client gives up, the server frees whatever
    // it buffered. Sample RSS while the upload runs, and read the kernel's high-water mark.
    const qint64 before = HttpClient::residentSetBytes();
    if (before < 0)
        QSKIP("no /proc/self/status on this system");
    const bool peakReset = HttpClient::resetResidentSetPeak();
    qint64 sampledPeak = before;
    const HttpClient::UploadResult r = HttpClient::upload(
            m_receiver->port(), { declaredTooLarge(), 64 * MiB }, 60000,
            [&sampledPeak] { sampledPeak = qMax(sampledPeak, HttpClient::residentSetBytes()); });
    QVERIFY(r.finished);
    const qint64 after = HttpClient::residentSetBytes();
    const qint64 kernelPeak = peakReset ? HttpClient::residentSetPeakBytes() : -1;

    const qint64 growth = qMax(sampledPeak, kernelPeak) - before;
    qInfo("RSS before %lld KiB, peak %lld KiB (sampled %lld KiB, VmHWM %lld KiB), after %lld KiB: "
          "growth %lld KiB "
          "while a client pushed %lld of 64 MiB body bytes on a declared 1 GiB request (%s)",
          before / 1024, (before + growth) / 1024, sampledPeak / 1024, kernelPeak / 1024,
          after / 1024, growth / 1024, r.bodySent,
          r.sendFailed ? qPrintable(u"cut off: "_s + r.error) : "all sent");
    QVERIFY2(growth < 64 * MiB, qPrintable(u"RSS grew by %1 bytes"_s.arg(growth)));
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY(response.has_value());
    QCOMPARE(response->status, 413);
    QVERIFY(r.closed);
    QVERIFY(nothingStored());
}

void tst_Receiver::headersTooLarge_data()
{
    QTest::addColumn<int>("headerBytes");
    QTest::addColumn<int>("status");
    QTest::addRow("100 KB") << 100 * 1000 << 431;
    QTest::addRow("32 KB") << 32 * 1000 << 200;
}

void tst_Receiver::headersTooLarge()
{
    QFETCH(int, headerBytes);
    QFETCH(int, status);
    QVERIFY(startReceiver());
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);

    QByteArray head =
            "POST /big-headers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (int i = 0; head.size() < headerBytes; ++i)
        head += "X-Pad-" + QByteArray::number(i) + ": " + QByteArray(990, 'h') + "\r\n";
    head += "Content-Length: 2\r\n\r\n{}";
    const HttpClient::UploadResult r = HttpClient::upload(m_receiver->port(), { head, 0 });
    QVERIFY(r.finished);
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY2(response.has_value(), r.received.left(200).constData());
    QCOMPARE(response->status, status);
    if (status == 200) {
        QCOMPARE(m_store->count(), 1);
        return;
    }
    QVERIFY(r.closed);
    QVERIFY(nothingStored());
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toInt(), 431);
}

void tst_Receiver::malformedFraming_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray start =
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    QTest::addRow("Content-Length not a number") << start + "Content-Length: abc\r\n\r\n{}";
    QTest::addRow("negative Content-Length") << start + "Content-Length: -5\r\n\r\n{}";
    QTest::addRow("conflicting Content-Lengths")
            << start + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}";
    QTest::addRow("bad chunk size")
            << start + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
}

void tst_Receiver::malformedFraming()
{
    QFETCH(QByteArray, request);
    QVERIFY(startReceiver());
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);
    const HttpClient::UploadResult r = HttpClient::upload(m_receiver->port(), { request, 0 });
    QVERIFY(r.finished);
    const std::optional<HttpClient::Response> response = r.response();
    QVERIFY2(response.has_value(), r.received.left(200).constData());
    QCOMPARE(response->status, 400);
    QVERIFY(r.closed);
    QVERIFY(nothingStored());
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toInt(), 400);
}

void tst_Receiver::portInUse()
{
    QVERIFY(startReceiver());
    const quint16 port = m_receiver->port();

    Receiver second(m_store.get());
    ReceiverConfig config;
    config.port = port;
    second.setConfig(config);
    QSignalSpy listening(&second, &Receiver::listeningChanged);
    QVERIFY(!second.start());
    QVERIFY(!second.isListening());
    QVERIFY2(second.errorString().contains(u"already in use"_s), qPrintable(second.errorString()));
    QVERIFY(second.errorString().contains(QString::number(port)));
    QCOMPARE(listening.count(), 0);

    // The first one is unaffected.
    QVERIFY(m_receiver->isListening());
    const HttpReply reply = send("POST", u"/"_s, Fixtures::read(u"platform-account-updated.json"_s),
                                 "application/json");
    QCOMPARE(reply.status, 200);
    QCOMPARE(m_store->count(), 1);

    // Once it stops, the port is free again.
    m_receiver->stop();
    QVERIFY(!m_receiver->isListening());
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    QCOMPARE(second.port(), port);
    QCOMPARE(listening.count(), 1);
    m_port = second.port();
    const HttpReply again = send("POST", u"/"_s, "{\"a\":1}", "application/json");
    QCOMPARE(again.status, 200);
    QCOMPARE(m_store->count(), 2);
}

void tst_Receiver::keepAlive()
{
    QVERIFY(startReceiver());
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_receiver->port()));

    const QByteArray first = Fixtures::read(u"platform-ticket-created.json"_s);
    const QByteArray second = Fixtures::read(u"platform-ticket-comment-created.json"_s);
    const QList<QPair<QByteArray, QByteArray>> json = { { "Content-Type", "application/json" } };

    const std::optional<HttpClient::Response> r1 =
            client.exchange(HttpClient::request("POST", "/one", json, first));
    QVERIFY(r1.has_value());
    QCOMPARE(r1->status, 200);
    QVERIFY(client.isConnected());
    const std::optional<HttpClient::Response> r2 =
            client.exchange(HttpClient::request("POST", "/two", json, second));
    QVERIFY(r2.has_value());
    QCOMPARE(r2->status, 200);

    const qint64 id1 = QJsonDocument::fromJson(r1->body).object().value(u"id"_s).toInteger();
    const qint64 id2 = QJsonDocument::fromJson(r2->body).object().value(u"id"_s).toInteger();
    QVERIFY(id1 > 0);
    QVERIFY(id2 > id1);
    QCOMPARE(m_store->count(), 2);
    QCOMPARE(m_store->event(id1)->body, first);
    QCOMPARE(m_store->event(id1)->path, u"/one"_s);
    QCOMPARE(m_store->event(id2)->body, second);
    QCOMPARE(m_store->event(id2)->path, u"/two"_s);
    QVERIFY(client.pending().isEmpty());
}

void tst_Receiver::pipelined()
{
    // Two requests in one write: the guard follows the boundary, both are stored, the
    // responses come back in order.
    QVERIFY(startReceiver());
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_receiver->port()));
    const QByteArray first = Fixtures::read(u"platform-account-updated.json"_s);
    const QByteArray second = "plain text\r\n\r\nwith a blank line";
    client.write(
            HttpClient::request("POST", "/a", { { "Content-Type", "application/json" } }, first)
            + HttpClient::request("POST", "/b", { { "Content-Type", "text/plain" } }, second));
    const std::optional<HttpClient::Response> r1 = client.readResponse();
    const std::optional<HttpClient::Response> r2 = client.readResponse();
    QVERIFY(r1.has_value());
    QVERIFY(r2.has_value());
    QCOMPARE(r1->status, 200);
    QCOMPARE(r2->status, 200);
    const qint64 id1 = QJsonDocument::fromJson(r1->body).object().value(u"id"_s).toInteger();
    const qint64 id2 = QJsonDocument::fromJson(r2->body).object().value(u"id"_s).toInteger();
    QVERIFY(id1 > 0);
    QVERIFY(id2 > id1);
    QCOMPARE(m_store->event(id1)->body, first);
    QCOMPARE(m_store->event(id1)->path, u"/a"_s);
    QCOMPARE(m_store->event(id2)->body, second);
    QCOMPARE(m_store->event(id2)->path, u"/b"_s);
    QCOMPARE(m_store->count(), 2);
}

void tst_Receiver::expectContinue_data()
{
    QTest::addColumn<qint64>("declared");
    QTest::addColumn<int>("status");
    QTest::addRow("within the limit") << 200 * 1024LL << 200;
    QTest::addRow("over the limit") << 2 * MiB << 413;
}

void tst_Receiver::expectContinue()
{
    QFETCH(qint64, declared);
    QFETCH(int, status);
    ReceiverConfig config;
    config.limits.request.maxBodyBytes = MiB;
    QVERIFY(startReceiver(config));
    HttpClient::SocketClient client;
    QVERIFY(client.connectTo(m_receiver->port()));

    // Like curl: send the headers, wait for "100 Continue" (or a refusal) before the body.
    client.write("POST /expect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nExpect: "
                 "100-continue\r\n"
                 "Content-Length: "
                 + QByteArray::number(declared) + "\r\n\r\n");
    std::optional<HttpClient::Response> r = client.readResponse();
    QVERIFY2(r.has_value(), client.pending().left(100).constData());
    if (status != 200) {
        QCOMPARE(r->status, status);
        QVERIFY(client.waitForClosed());
        QVERIFY(nothingStored());
        return;
    }
    QCOMPARE(r->status, 100);
    const QByteArray body(declared, 'b');
    client.write(body);
    do {
        r = client.readResponse();
        QVERIFY(r.has_value());
    } while (r->status == 100);
    QCOMPARE(r->status, 200);
    const std::optional<Event> e =
            m_store->event(QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger());
    QVERIFY(e.has_value());
    QCOMPARE(e->body, body);
}

void tst_Receiver::idleConnectionTimesOut()
{
    ReceiverConfig config;
    config.limits.idleTimeoutMs = 1000;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);

    // A request that never completes (slowloris) is answered 408 and dropped...
    HttpClient::SocketClient slow;
    QVERIFY(slow.connectTo(m_receiver->port()));
    slow.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"partial\":");
    const std::optional<HttpClient::Response> r = slow.readResponse();
    QVERIFY2(r.has_value(), slow.pending().left(100).constData());
    QCOMPARE(r->status, 408);
    QVERIFY(slow.waitForClosed());
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toInt(), 408);

    // ...an idle kept-alive connection is just closed, without a response.
    HttpClient::SocketClient idle;
    QVERIFY(idle.connectTo(m_receiver->port()));
    QCOMPARE(idle.exchange(HttpClient::request("GET", "/"))->status, 200);
    QVERIFY(idle.waitForClosed());
    QVERIFY(idle.pending().isEmpty());
    QCOMPARE(rejected.count(), 1);
    QVERIFY(nothingStored());
}

void tst_Receiver::connectionLimit()
{
    ReceiverConfig config;
    config.limits.maxConnections = 2;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);

    // Both slots busy: each holds a request whose body has not all arrived.
    auto first = std::make_unique<HttpClient::SocketClient>();
    HttpClient::SocketClient second;
    QVERIFY(first->connectTo(m_receiver->port()));
    QVERIFY(second.connectTo(m_receiver->port()));
    const QByteArray started = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                               "Content-Length: 1\r\n\r\n";
    first->write(started);
    second.write(started);
    QTest::qWait(200); // the server reads both heads

    HttpClient::SocketClient third;
    QVERIFY(third.connectTo(m_receiver->port()));
    const std::optional<HttpClient::Response> refused = third.readResponse();
    QVERIFY(refused.has_value());
    QCOMPARE(refused->status, 503);
    QVERIFY(third.waitForClosed());
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toInt(), 503);

    // The open ones still work...
    second.write("x");
    const std::optional<HttpClient::Response> stored = second.readResponse();
    QVERIFY(stored.has_value());
    QCOMPARE(stored->status, 200);
    // ...and an idle connection gives its slot to a newcomer rather than lock it out.
    HttpClient::SocketClient fourth;
    QVERIFY(fourth.connectTo(m_receiver->port()));
    QCOMPARE(fourth.exchange(HttpClient::request("GET", "/"))->status, 200);
    QVERIFY(second.waitForClosed());
    QCOMPARE(rejected.count(), 1);

    first.reset();
    // (The server notices the close asynchronously: retry until a slot is free.)
    int status = 0;
    const bool freed = QTest::qWaitFor(
            [&] {
                status = send("POST", u"/"_s, "y", "text/plain").status;
                return status == 200;
            },
            10000);
    QVERIFY2(freed, qPrintable(u"last status %1"_s.arg(status)));
    QCOMPARE(m_store->count(), 2);
}

void tst_Receiver::storeUnavailable()
{
    QVERIFY(startReceiver());
    m_store->close();
    const HttpReply reply = send("POST", u"/"_s, Fixtures::read(u"platform-ticket-created.json"_s),
                                 "application/json");
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.json().value(u"ok"_s), QJsonValue(false));
    QVERIFY(!reply.json().value(u"error"_s).toString().isEmpty());
    QCOMPARE(m_receiver->acceptedCount(), 0);
    QVERIFY(m_store->open(m_dir->path()));
    QCOMPARE(m_store->count(), 0);
}

// The receiver serves HTTP on its own thread and the store commits on another: with the
// thread that owns both (the GUI's) blocked and never returning to its event loop,
// deliveries are still stored and answered 200. Only afterwards does that thread hear of
// the rows, as batched eventsAdded().
void tst_Receiver::answersWhileItsOwnerIsBusy()
{
    QVERIFY(startReceiver());
    QVERIFY(m_receiver->ioThread() != nullptr);
    QVERIFY(m_receiver->ioThread() != QThread::currentThread());
    qint64 told = 0;
    connect(m_store.get(), &EventStore::eventsAdded, this,
            [&told](const QList<EventSummary> &added) { told += added.size(); });

    constexpr int N = 12;
    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    const quint16 port = m_receiver->port();
    QList<int> statuses;
    QString error;
    std::thread client([&] {
        for (int i = 0; i < N; ++i) {
            const HttpClient::UploadResult r = HttpClient::upload(
                    port,
                    { HttpClient::request("POST", "/", { { "Content-Type", "application/json" } },
                                          body),
                      0 },
                    30000);
            const std::optional<HttpClient::Response> response = r.response();
            statuses.append(response ? response->status : 0);
            if (!response) {
                error = r.error;
                return; // without the I/O thread: 20 s per request, so stop at the first
            }
        }
    });
    client.join(); // this thread is blocked until every answer is in
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(statuses, QList<int>(N, 200));
    QCOMPARE(told, 0); // this thread has not run its event loop since
    QTRY_COMPARE(told, qint64(N));
    QCOMPARE(m_store->count(), qint64(N));
    QCOMPARE(m_receiver->acceptedCount(), qint64(N));
}

// What the receiver answered is kept beside each event (schema 7): status, body, time.
void tst_Receiver::answersAreRecorded()
{
    QVERIFY(startReceiver());
    const HttpReply ok = send("POST", u"/"_s, Fixtures::read(u"platform-ticket-created.json"_s),
                              "application/json");
    QCOMPARE(ok.status, 200);
    const qint64 okId = ok.json().value(u"id"_s).toInteger();
    const HttpReply bad = send("POST", u"/"_s, "{\"broken\": ", "application/json");
    QCOMPARE(bad.status, 400);
    const qint64 badId = bad.json().value(u"id"_s).toInteger();
    QVERIFY(okId > 0 && badId > okId);

    // Written with the next batch, or alone a moment later.
    QTRY_VERIFY(m_store->answer(badId).has_value());
    const std::optional<EventAnswer> a = m_store->answer(okId);
    QVERIFY(a.has_value());
    QCOMPARE(a->status, 200);
    QCOMPARE(a->body, ok.body);
    QVERIFY(a->micros >= 0);
    QVERIFY(a->mode.isEmpty());
    const std::optional<EventAnswer> b = m_store->answer(badId);
    QCOMPARE(b->status, 400);
    QCOMPARE(b->body, bad.body);
    QVERIFY(!m_store->answer(badId + 1).has_value());

    // And survive a restart of the store.
    m_receiver->stop();
    m_store->close();
    QVERIFY(m_store->open(m_dir->path()));
    QCOMPARE(m_store->answer(okId)->body, ok.body);
}

// Response mode: the next N deliveries are stored and answered with the chosen status; the
// answer is recorded with the mode; then the receiver answers as usual again.
void tst_Receiver::responseModeStatus()
{
    QVERIFY(startReceiver());
    QSignalSpy changed(m_receiver.get(), &Receiver::responseModeChanged);
    ResponseMode mode;
    mode.status = 503;
    mode.count = 2;
    QVERIFY(m_receiver->setResponseMode(mode));
    QCOMPARE(m_receiver->responseModeRemaining(), 2);
    QCOMPARE(mode.describe(2), u"Response mode: 503 to the next 2 deliveries"_s);

    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    QList<qint64> ids;
    for (int i = 0; i < 2; ++i) {
        const HttpReply r = send("POST", u"/"_s, body, "application/json");
        QCOMPARE(r.status, 503);
        QVERIFY(r.json().value(u"error"_s).toString().contains(u"on purpose"_s));
        ids.append(r.json().value(u"id"_s).toInteger());
    }
    QVERIFY(!m_receiver->responseMode().has_value()); // used up
    const HttpReply normal = send("POST", u"/"_s, body, "application/json");
    QCOMPARE(normal.status, 200);
    QCOMPARE(m_store->count(), 3); // every delivery stored, whatever it was answered
    QTRY_VERIFY(changed.size() >= 3); // set, then each use
    QTRY_VERIFY(m_store->answer(ids.last()).has_value());
    QCOMPARE(m_store->answer(ids.first())->status, 503);
    QCOMPARE(m_store->answer(ids.first())->mode, u"status 503"_s);
    QTRY_VERIFY(m_store->answer(normal.json().value(u"id"_s).toInteger()).has_value());
    QVERIFY(m_store->answer(normal.json().value(u"id"_s).toInteger())->mode.isEmpty());
}

// Only deliveries matching the filter are answered on purpose; a delay holds the answer at
// least that long; a dropped connection gets no answer at all, and the event is stored.
void tst_Receiver::responseModeFilterDelayAndDrop()
{
    QVERIFY(startReceiver());
    ResponseMode delayed;
    delayed.status = 200;
    delayed.delayMs = 300;
    delayed.count = 0; // until switched off
    delayed.filter = u"account:*"_s;
    QVERIFY(m_receiver->setResponseMode(delayed));

    const HttpReply ticket = send("POST", u"/"_s, Fixtures::read(u"platform-ticket-created.json"_s),
                                  "application/json");
    QCOMPARE(ticket.status, 200);
    const HttpReply account = send(
            "POST", u"/"_s, Fixtures::read(u"platform-account-updated.json"_s), "application/json");
    QCOMPARE(account.status, 200);
    const qint64 ticketId = ticket.json().value(u"id"_s).toInteger();
    const qint64 accountId = account.json().value(u"id"_s).toInteger();
    QTRY_VERIFY(m_store->answer(accountId).has_value());
    QTRY_VERIFY(m_store->answer(ticketId).has_value());
    QVERIFY(m_store->answer(ticketId)->mode.isEmpty());
    QCOMPARE(m_store->answer(accountId)->mode, u"status 200, delay 300 ms"_s);
    QVERIFY2(m_store->answer(accountId)->micros >= 300'000,
             qPrintable(QString::number(m_store->answer(accountId)->micros)));
    QVERIFY(m_receiver->responseMode().has_value()); // unlimited: still on

    ResponseMode drop;
    drop.action = ResponseMode::Action::Drop;
    drop.count = 1;
    QVERIFY(m_receiver->setResponseMode(drop));
    const HttpClient::UploadResult dropped = HttpClient::upload(
            m_receiver->port(),
            { HttpClient::request("POST", "/", { { "Content-Type", "application/json" } },
                                  Fixtures::read(u"platform-ticket-comment-created.json"_s)),
              0 });
    QVERIFY(dropped.finished);
    QVERIFY(dropped.closed);
    QVERIFY2(dropped.received.isEmpty(), dropped.received.constData());
    QTRY_COMPARE(m_store->count(), 3);
    const qint64 droppedId = m_store->maxId();
    QTRY_VERIFY(m_store->answer(droppedId).has_value());
    QVERIFY(m_store->answer(droppedId)->isDropped());
    QCOMPARE(m_store->answer(droppedId)->mode, u"dropped"_s);
    QVERIFY(!m_receiver->responseMode().has_value());
}

void tst_Receiver::responseModeRefusesBadInput()
{
    QVERIFY(startReceiver());
    QString error;
    ResponseMode badFilter;
    badFilter.filter = u"type:(("_s;
    QVERIFY(!m_receiver->setResponseMode(badFilter, &error));
    QVERIFY(!error.isEmpty());
    ResponseMode badStatus;
    badStatus.status = 42;
    QVERIFY(!m_receiver->setResponseMode(badStatus, &error));
    QVERIFY(error.contains(u"42"_s));
    QVERIFY(!m_receiver->responseMode().has_value());
    QCOMPARE(send("POST", u"/"_s, Fixtures::read(u"platform-ticket-created.json"_s),
                  "application/json")
                     .status,
             200);
}

void tst_Receiver::attacksAroundLegitimateEvents()
{
    ReceiverConfig config;
    config.secret = Secret;
    config.limits.request.maxBodyBytes = MiB;
    QVERIFY(startReceiver(config));
    QSignalSpy rejected(m_receiver.get(), &Receiver::rejected);
    const QString hook = u"/hooks/"_s + Secret;

    const QByteArray a = Fixtures::read(u"platform-ticket-created.json"_s);
    const QByteArray b = Fixtures::read(u"legacy-request-updated.json"_s);

    const HttpReply first = send("POST", hook, a, "application/json");
    QCOMPARE(first.status, 200);

    const HttpClient::UploadResult attack =
            HttpClient::upload(m_receiver->port(), { declaredTooLarge(hook.toUtf8()), 8 * MiB });
    QVERIFY(attack.finished);
    QVERIFY(attack.response().has_value());
    QCOMPARE(attack.response()->status, 413);

    const HttpReply unauthorized = send("POST", u"/hooks/guessed"_s, b, "application/json");
    QCOMPARE(unauthorized.status, 401);

    const HttpReply second = send("POST", hook, b, "application/json");
    QCOMPARE(second.status, 200);

    QCOMPARE(m_store->count(), 2);
    const QList<EventSummary> stored = m_store->summaries();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(m_store->event(stored.at(0).id)->body, a);
    QCOMPARE(m_store->event(stored.at(1).id)->body, b);
    QCOMPARE(stored.at(0).id, first.json().value(u"id"_s).toInteger());
    QCOMPARE(stored.at(1).id, second.json().value(u"id"_s).toInteger());
    QCOMPARE(rejected.count(), 2);
    QCOMPARE(rejected.at(0).at(0).toInt(), 413);
    QCOMPARE(rejected.at(1).at(0).toInt(), 401);
    QCOMPARE(m_receiver->acceptedCount(), 2);
    QCOMPARE(m_receiver->rejectedCount(), 2);
}

QTEST_GUILESS_MAIN(tst_Receiver)
#include "tst_receiver.moc"
