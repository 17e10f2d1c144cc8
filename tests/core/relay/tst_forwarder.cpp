// SPDX-License-Identifier: MIT
#include <QElapsedTimer>
#include <QLocale>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "core/events/eventparser.h"
#include "core/relay/forwarder.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// A local HTTP/1.1 target on a plain QTcpServer (keep-alive, Content-Length or chunked
// bodies, Expect: 100-continue): records what arrives and answers as scripted, after an
// optional delay, or never.
class Target final : public QObject
{
public:
    struct Received
    {
        QByteArray method;
        QString path;
        HeaderList headers;
        QByteArray body;
        qint64 at = 0; // ms on the target's clock
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[n, v] : headers)
                if (n.compare(name, Qt::CaseInsensitive) == 0)
                    return v;
            return {};
        }
        bool hasHeader(const QByteArray &name) const
        {
            for (const auto &[n, v] : headers)
                if (n.compare(name, Qt::CaseInsensitive) == 0)
                    return true;
            return false;
        }
    };
    struct Answer
    {
        int status = 200;
        HeaderList headers;
        int delayMs = 0;
        bool stall = false; // never answer
    };

    explicit Target(bool listening = true)
    {
        m_clock.start();
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                m_connections.insert(socket, {});
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { process(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_connections.remove(socket);
                    socket->deleteLater();
                });
            }
        });
        if (listening)
            listen();
    }

    ~Target() override
    {
        for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it)
            disconnect(it.key(), nullptr, this, nullptr);
    }

    bool listen(quint16 on = 0)
    {
        if (!m_server.listen(QHostAddress::LocalHost, on))
            return false;
        port = m_server.serverPort();
        return true;
    }

    QUrl url(const QString &path = u"/hook"_s) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path));
    }

    QList<Received> received;
    QList<Answer> script; // the first answers, one per request; then `answer`
    Answer answer;
    int concurrent = 0; // requests received and not yet answered
    int maxConcurrent = 0;
    quint16 port = 0;

private:
    struct Connection
    {
        QByteArray buffer;
        bool busy = false; // a request is waiting for its answer
        bool continued = false;
    };

    void process(QTcpSocket *socket)
    {
        const auto it = m_connections.find(socket);
        if (it == m_connections.end())
            return;
        it->buffer += socket->readAll();
        if (it->busy)
            return;
        const qsizetype end = it->buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = it->buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        Received r;
        r.method = requestLine.value(0);
        r.path = QUrl(QString::fromLatin1(requestLine.value(1))).path();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.append(
                        { lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed() });
        }
        qsizetype consumed = end + 4;
        if (r.header("Transfer-Encoding").toLower() == "chunked") {
            for (;;) {
                const qsizetype lineEnd = it->buffer.indexOf("\r\n", consumed);
                if (lineEnd < 0)
                    return continueIfAsked(socket, *it, r);
                bool ok = false;
                const qsizetype size = it->buffer.mid(consumed, lineEnd - consumed)
                                               .split(';')
                                               .value(0)
                                               .toLongLong(&ok, 16);
                if (!ok || it->buffer.size() < lineEnd + 2 + size + 2)
                    return continueIfAsked(socket, *it, r);
                r.body += it->buffer.mid(lineEnd + 2, size);
                consumed = lineEnd + 2 + size + 2;
                if (size == 0)
                    break;
            }
        } else {
            const qsizetype length = r.header("Content-Length").toLongLong();
            if (it->buffer.size() < consumed + length)
                return continueIfAsked(socket, *it, r);
            r.body = it->buffer.mid(consumed, length);
            consumed += length;
        }
        it->buffer.remove(0, consumed);
        it->busy = true;
        it->continued = false;
        r.at = m_clock.elapsed();
        received.append(r);
        maxConcurrent = std::max(maxConcurrent, ++concurrent);
        const Answer a = script.isEmpty() ? answer : script.takeFirst();
        if (a.stall)
            return;
        QTimer::singleShot(a.delayMs, socket, [this, socket, a] { respond(socket, a); });
    }

    void continueIfAsked(QTcpSocket *socket, Connection &c, const Received &r)
    {
        if (!c.continued && r.header("Expect").toLower() == "100-continue") {
            c.continued = true;
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
    }

    void respond(QTcpSocket *socket, const Answer &a)
    {
        static const QHash<int, QByteArray> reasons{ { 200, "OK" },
                                                     { 400, "Bad Request" },
                                                     { 404, "Not Found" },
                                                     { 429, "Too Many Requests" },
                                                     { 500, "Internal Server Error" },
                                                     { 502, "Bad Gateway" },
                                                     { 503, "Service Unavailable" } };
        QByteArray out = "HTTP/1.1 " + QByteArray::number(a.status) + ' '
                + reasons.value(a.status, "Whatever")
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n";
        for (const auto &[name, value] : a.headers)
            out += name + ": " + value + "\r\n";
        socket->write(out + "\r\n{}");
        --concurrent;
        const auto it = m_connections.find(socket);
        if (it == m_connections.end())
            return;
        it->busy = false;
        if (!it->buffer.isEmpty())
            process(socket);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, Connection> m_connections;
    QElapsedTimer m_clock;
};

Event makeEvent(const QByteArray &body, const QString &method = u"POST"_s)
{
    Event e;
    e.body = body;
    e.method = method;
    e.contentType = u"application/json"_s;
    e.headers = { { "Host", "127.0.0.1:8787" },
                  { "Content-Type", "application/json" },
                  { "Content-Length", QByteArray::number(body.size()) },
                  { "Connection", "keep-alive" },
                  { "X-Thena-Delivery", "d-42" },
                  { "User-Agent", "Thena-Webhooks/1.0" } };
    e.summary.receivedAt = 1;
    e.summary.source = EventSource::Local;
    EventParser::parse(body, "application/json").applyTo(e);
    return e;
}

// A port nothing listens on (for now).
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Small numbers, so the retry tests take milliseconds.
Forwarder::Options fastOptions(int maxAttempts)
{
    Forwarder::Options o;
    o.maxAttempts = maxAttempts;
    o.backoffMs = 10;
    o.maxBackoffMs = 40;
    o.timeoutMs = 5000;
    return o;
}

} // namespace

class tst_Forwarder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void forwardsExactBytesAndHeaders();
    void failingTargetsAreRecorded_data();
    void failingTargetsAreRecorded();
    void filterChoosesWhatIsForwarded();
    void replayToAnyUrl();
    void editedEventIsResent();
    void slowTargetGetsEveryEvent();
    void timeoutCountsOnlyTheAttempt();
    void downTargetIsRetriedUntilItIsUp();
    void downTargetEndsInRecordedFailures();
    void retryPolicy_data();
    void retryPolicy();
    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void fullQueueDropsVisibly();
    void failedEventCanBeReplayed();
    void placeholderSecretsAndConnectionNamedHeadersAreNotSent();
    void curlCommandSendsTheSameBytes_data();
    void curlCommandSendsTheSameBytes();

private:
    // Stores `count` events (ids 1…count in the fresh store) in one commit.
    void storeEvents(int count, const QString &fixture = u"platform-account-updated.json"_s);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
};

void tst_Forwarder::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<EventStore>();
    QVERIFY(m_store->open(m_dir->path()));
}

void tst_Forwarder::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void tst_Forwarder::storeEvents(int count, const QString &fixture)
{
    const QByteArray body = Fixtures::read(fixture);
    for (int i = 0; i < count; ++i)
        m_store->submit(makeEvent(body));
    m_store->flush();
}

void tst_Forwarder::forwardsExactBytesAndHeaders()
{
    Target target;
    Forwarder forwarder(m_store.get());
    forwarder.setTarget(target.url());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s)
            + QByteArray("\n\x00\xff trailing", 12);
    m_store->submit(makeEvent(body, u"PUT"_s));
    m_store->flush();
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(target.received.size(), 1);
    const Target::Received &r = target.received.first();
    QCOMPARE(r.method, QByteArray("PUT"));
    QCOMPARE(r.path, u"/hook"_s);
    QCOMPARE(r.body, body);
    QCOMPARE(r.header("X-Thena-Delivery"), QByteArray("d-42"));
    QCOMPARE(r.header("User-Agent"), QByteArray("Thena-Webhooks/1.0"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    // Hop-by-hop and framing headers are the forwarder's own, not the original's.
    QCOMPARE(r.header("Host"), u"127.0.0.1:%1"_s.arg(target.port).toLatin1());
    QCOMPARE(r.header("Content-Length"), QByteArray::number(body.size()));
    const auto outcome = done.first().first().value<Forwarder::Outcome>();
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.status, 200);
    QCOMPARE(outcome.attempt, 1);
    const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(outcome.eventId);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().status, 200);
    QVERIFY(attempts.first().error.isEmpty());
    QCOMPARE(attempts.first().target, target.url().toString());
    QCOMPARE(forwarder.counters().delivered, qint64(1));
    QCOMPARE(forwarder.counters().failed, qint64(0));
}

void tst_Forwarder::failingTargetsAreRecorded_data()
{
    QTest::addColumn<bool>("refuse");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addRow("server error") << false << 500 << u"HTTP 500"_s;
    QTest::addRow("client error") << false << 404 << u"HTTP 404"_s;
    QTest::addRow("connection refused") << true << 0 << u"refused"_s;
}

void tst_Forwarder::failingTargetsAreRecorded()
{
    QFETCH(bool, refuse);
    QFETCH(int, status);
    QFETCH(QString, error);
    std::unique_ptr<Target> target = std::make_unique<Target>();
    target->answer.status = status;
    const QUrl url = target->url();
    if (refuse)
        target.reset(); // nothing listens on that port any more
    Forwarder forwarder(m_store.get());
    forwarder.setOptions(fastOptions(1)); // no retries: one attempt, final
    forwarder.setTarget(url);
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    m_store->submit(makeEvent(Fixtures::read(u"platform-account-updated.json"_s)));
    m_store->flush();
    QTRY_COMPARE(done.size(), 1);
    const auto outcome = done.first().first().value<Forwarder::Outcome>();
    QVERIFY(!outcome.ok());
    QVERIFY(!outcome.willRetry());
    QCOMPARE(outcome.status, status);
    QVERIFY2(outcome.error.contains(error, Qt::CaseInsensitive), qPrintable(outcome.error));
    QVERIFY2(outcome.error.startsWith(u"gave up after 1 attempt: "_s), qPrintable(outcome.error));
    const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(outcome.eventId);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().error, outcome.error);
    QVERIFY(Forwarder::isFinalFailure(attempts.first().error));
    QCOMPARE(forwarder.counters().failed, qint64(1));
    // The event itself is stored whatever happens downstream.
    QCOMPARE(m_store->count(), qint64(1));
}

void tst_Forwarder::filterChoosesWhatIsForwarded()
{
    Target target;
    Forwarder forwarder(m_store.get());
    forwarder.setTarget(target.url());
    forwarder.setFilter(FilterExpression::parse(u"ticket:* payload.ticket.priorityName=Urgent"_s));
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    for (const QString &f : Fixtures::eventFixtures())
        m_store->submit(makeEvent(Fixtures::read(f)));
    m_store->flush();
    QTRY_COMPARE(done.size(), 1);
    QTest::qWait(100);
    QCOMPARE(target.received.size(), 1);
    QVERIFY(target.received.first().body.contains("\"priorityName\": \"Urgent\""));
}

void tst_Forwarder::replayToAnyUrl()
{
    Target target;
    m_store->submit(makeEvent(Fixtures::read(u"legacy-request-created.json"_s)));
    m_store->submit(makeEvent(Fixtures::read(u"platform-ticket-comment-created.json"_s)));
    m_store->flush();
    Forwarder forwarder(m_store.get()); // no target: nothing is forwarded on arrival
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    forwarder.replay({ 2, 1 }, target.url(u"/replay"_s));
    QTRY_COMPARE(done.size(), 2);
    QCOMPARE(target.received.size(), 2);
    QCOMPARE(target.received.at(0).path, u"/replay"_s);
    QSet<QByteArray> bodies{ target.received.at(0).body, target.received.at(1).body };
    QVERIFY(bodies.contains(Fixtures::read(u"legacy-request-created.json"_s)));
    QVERIFY(bodies.contains(Fixtures::read(u"platform-ticket-comment-created.json"_s)));
    QCOMPARE(m_store->forwards(1).size(), 1);
}

// Edit and resend: the edited method, headers and body are what the target receives (not
// the stored bytes), the stored event is unchanged, and the attempt is recorded on it.
void tst_Forwarder::editedEventIsResent()
{
    Target target;
    storeEvents(1, u"platform-ticket-created.json"_s);
    const std::optional<Event> original = m_store->event(1);
    QVERIFY(original.has_value());
    Event edited = *original;
    edited.method = u"PUT"_s;
    edited.headers = { { "Content-Type", "application/json" },
                       { "X-Edited", "yes" },
                       { "Authorization", "[secret]" } };
    edited.body = R"({"eventType":"ticket:created","edited":true})";

    Forwarder forwarder(m_store.get());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    forwarder.resend(1, edited, target.url(u"/edited"_s));
    QTRY_COMPARE(done.size(), 1);
    QVERIFY(done.at(0).at(0).value<Forwarder::Outcome>().ok());
    QCOMPARE(target.received.size(), 1);
    const auto &got = target.received.at(0);
    QCOMPARE(got.method, QByteArray("PUT"));
    QCOMPARE(got.path, u"/edited"_s);
    QCOMPARE(got.body, edited.body);
    QCOMPARE(got.header("X-Edited"), QByteArray("yes"));
    QVERIFY(got.header("Authorization").isEmpty()); // a placeholder is never sent
    QCOMPARE(m_store->event(1)->body, original->body);
    QCOMPARE(m_store->forwards(1).size(), 1);
    QCOMPARE(m_store->forwards(1).first().target, target.url(u"/edited"_s).toString());
}

// The issue's case, scaled down: each answer takes 300 ms, 60 events at six at a time take
// ten rounds (3 s). With the timeout counting time spent queued (1.5 s), the later rounds
// were cancelled; counted from the send, every attempt has 1.5 s for its 300 ms. One attempt
// only, so a timeout would show as a failure instead of being retried away.
void tst_Forwarder::slowTargetGetsEveryEvent()
{
    Target target;
    target.answer.delayMs = 300;
    Forwarder forwarder(m_store.get());
    Forwarder::Options options = fastOptions(1);
    options.maxConcurrent = 6;
    options.timeoutMs = 1500;
    forwarder.setOptions(options);
    forwarder.setTarget(target.url());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    storeEvents(60);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 60, 15000);
    const Forwarder::Counters c = forwarder.counters();
    QCOMPARE(c.delivered, qint64(60));
    QCOMPARE(c.failed, qint64(0));
    QCOMPARE(c.dropped, qint64(0));
    QCOMPARE(c.queued, 0);
    QCOMPARE(c.inFlight, 0);
    QCOMPARE(target.received.size(), 60);
    QVERIFY2(target.maxConcurrent <= 6, qPrintable(QString::number(target.maxConcurrent)));
    for (qint64 id = 1; id <= 60; ++id) {
        const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(id);
        QCOMPARE(attempts.size(), 1);
        QVERIFY2(attempts.first().error.isEmpty(), qPrintable(attempts.first().error));
    }
}

void tst_Forwarder::timeoutCountsOnlyTheAttempt()
{
    Target target;
    target.answer.stall = true;
    Forwarder forwarder(m_store.get());
    Forwarder::Options options = fastOptions(2);
    options.timeoutMs = 200;
    forwarder.setOptions(options);
    forwarder.setTarget(target.url());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    storeEvents(3);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 10000);
    QCOMPARE(forwarder.counters().failed, qint64(3));
    QCOMPARE(target.received.size(), 6);
    for (qint64 id = 1; id <= 3; ++id) {
        const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(id);
        QCOMPARE(attempts.size(), 2);
        QVERIFY2(
                attempts.at(0).error.startsWith(
                        u"attempt 1 of 2: no complete answer within 200 ms (timed out); retrying in 10 ms"_s),
                qPrintable(attempts.at(0).error));
        QCOMPARE(attempts.at(1).error,
                 u"gave up after 2 attempts: no complete answer within 200 ms (timed out)"_s);
        QVERIFY2(attempts.at(1).latencyMs >= 190,
                 qPrintable(QString::number(attempts.at(1).latencyMs)));
    }
}

void tst_Forwarder::downTargetIsRetriedUntilItIsUp()
{
    const quint16 port = freePort();
    Target target(false);
    target.port = port;
    Forwarder forwarder(m_store.get());
    Forwarder::Options options = fastOptions(30);
    options.maxBackoffMs = 50;
    forwarder.setOptions(options);
    forwarder.setTarget(target.url());
    QSignalSpy attempted(&forwarder, &Forwarder::attempted);
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    storeEvents(10);
    // Every event has failed twice (connection refused) before the target comes up.
    QTRY_VERIFY_WITH_TIMEOUT(attempted.size() >= 20, 10000);
    QCOMPARE(done.size(), 0);
    QVERIFY(target.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 10, 10000);
    QCOMPARE(forwarder.counters().delivered, qint64(10));
    QCOMPARE(forwarder.counters().failed, qint64(0));
    QCOMPARE(target.received.size(), 10);
    for (qint64 id = 1; id <= 10; ++id) {
        const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(id);
        QVERIFY(attempts.size() >= 2);
        QVERIFY(attempts.last().error.isEmpty());
        QCOMPARE(attempts.last().status, 200);
        for (qsizetype i = 0; i + 1 < attempts.size(); ++i) {
            QVERIFY2(attempts.at(i).error.startsWith(u"attempt %1 of 30: "_s.arg(i + 1)),
                     qPrintable(attempts.at(i).error));
            QVERIFY(!Forwarder::isFinalFailure(attempts.at(i).error));
        }
    }
}

void tst_Forwarder::downTargetEndsInRecordedFailures()
{
    Target target(false);
    target.port = freePort();
    Forwarder forwarder(m_store.get());
    forwarder.setOptions(fastOptions(3));
    forwarder.setTarget(target.url());
    QSignalSpy attempted(&forwarder, &Forwarder::attempted);
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    storeEvents(5);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 5, 10000);
    QTest::qWait(100); // nothing more is tried
    QCOMPARE(attempted.size(), 15);
    const Forwarder::Counters c = forwarder.counters();
    QCOMPARE(c.failed, qint64(5));
    QCOMPARE(c.delivered, qint64(0));
    QCOMPARE(c.queued + c.inFlight, 0);
    for (qint64 id = 1; id <= 5; ++id) {
        const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(id);
        QCOMPARE(attempts.size(), 3);
        QVERIFY(attempts.at(0).error.startsWith(u"attempt 1 of 3: "_s));
        QVERIFY(attempts.at(0).error.contains(u"retrying in 10 ms"_s));
        QVERIFY(attempts.at(1).error.startsWith(u"attempt 2 of 3: "_s));
        QVERIFY(attempts.at(1).error.contains(u"retrying in 20 ms"_s));
        QVERIFY2(attempts.at(2).error.startsWith(u"gave up after 3 attempts: "_s),
                 qPrintable(attempts.at(2).error));
        QVERIFY(attempts.at(2).error.contains(u"refused"_s, Qt::CaseInsensitive));
        QVERIFY(!Forwarder::isFinalFailure(attempts.at(1).error));
        QVERIFY(Forwarder::isFinalFailure(attempts.at(2).error));
    }
    for (const QList<QVariant> &signal : std::as_const(done)) {
        const auto outcome = signal.first().value<Forwarder::Outcome>();
        QCOMPARE(outcome.attempt, 3);
        QVERIFY(!outcome.willRetry());
    }
}

void tst_Forwarder::retryPolicy_data()
{
    QTest::addColumn<QList<int>>("answers"); // then 200
    QTest::addColumn<int>("requests");
    QTest::addColumn<bool>("delivered");
    QTest::addColumn<QString>("lastError");
    QTest::addRow("503 then 200") << QList<int>{ 503 } << 2 << true << QString();
    QTest::addRow("500, 502 then 200") << QList<int>{ 500, 502 } << 3 << true << QString();
    QTest::addRow("429 then 200") << QList<int>{ 429 } << 2 << true << QString();
    QTest::addRow("404 is not retried")
            << QList<int>{ 404 } << 1 << false
            << u"gave up after 1 attempt: HTTP 404 Not Found (not retried)"_s;
    QTest::addRow("400 is not retried")
            << QList<int>{ 400 } << 1 << false
            << u"gave up after 1 attempt: HTTP 400 Bad Request (not retried)"_s;
    QTest::addRow("503 then 404") << QList<int>{
        503, 404
    } << 2 << false << u"gave up after 2 attempts: HTTP 404 Not Found (not retried)"_s;
    QTest::addRow("503 until the attempts run out")
            << QList<int>{ 503, 503, 503, 503 } << 3 << false
            << u"gave up after 3 attempts: HTTP 503 Service Unavailable"_s;
}

void tst_Forwarder::retryPolicy()
{
    QFETCH(QList<int>, answers);
    QFETCH(int, requests);
    QFETCH(bool, delivered);
    QFETCH(QString, lastError);
    Target target;
    for (int status : answers) {
        Target::Answer a;
        a.status = status;
        target.script.append(a);
    }
    Forwarder forwarder(m_store.get());
    forwarder.setOptions(fastOptions(3));
    forwarder.setTarget(target.url());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    storeEvents(1);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    QTest::qWait(100); // nothing more is tried
    QCOMPARE(target.received.size(), requests);
    const auto outcome = done.first().first().value<Forwarder::Outcome>();
    QCOMPARE(outcome.ok(), delivered);
    QCOMPARE(outcome.attempt, requests);
    QCOMPARE(outcome.error, lastError);
    const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(1);
    QCOMPARE(attempts.size(), requests);
    QCOMPARE(attempts.last().error, lastError);
    QCOMPARE(attempts.last().status, delivered ? 200 : answers.value(requests - 1));
    for (qsizetype i = 0; i + 1 < attempts.size(); ++i)
        QVERIFY2(attempts.at(i).error.startsWith(
                         u"attempt %1 of 3: HTTP %2 "_s.arg(i + 1).arg(answers.at(i))),
                 qPrintable(attempts.at(i).error));
    QCOMPARE(forwarder.counters().delivered, qint64(delivered ? 1 : 0));
    QCOMPARE(forwarder.counters().failed, qint64(delivered ? 0 : 1));
}

void tst_Forwarder::retryAfterIsHonoured_data()
{
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("maxRetryAfterMs");
    QTest::addColumn<qint64>("minWait");
    QTest::addColumn<qint64>("maxWait");
    QTest::addRow("delay-seconds") << QByteArray("1") << 300'000 << qint64(1000) << qint64(1000);
    // "in 2 s" becomes an HTTP-date two seconds ahead, to the second: one to two seconds away.
    QTest::addRow("HTTP-date") << QByteArray("in 2 s") << 300'000 << qint64(500) << qint64(2000);
    QTest::addRow("capped") << QByteArray("3600") << 200 << qint64(200) << qint64(200);
    QTest::addRow("unreadable: the backoff")
            << QByteArray("soon") << 300'000 << qint64(10) << qint64(10);
}

void tst_Forwarder::retryAfterIsHonoured()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, maxRetryAfterMs);
    QFETCH(qint64, minWait);
    QFETCH(qint64, maxWait);
    if (retryAfter == "in 2 s")
        retryAfter = QLocale::c()
                             .toString(QDateTime::currentDateTimeUtc().addSecs(2),
                                       u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
                             .toLatin1();
    Target target;
    Target::Answer busy;
    busy.status = 429;
    busy.headers = { { "Retry-After", retryAfter } };
    target.script = { busy };
    Forwarder forwarder(m_store.get());
    Forwarder::Options options = fastOptions(3);
    options.maxRetryAfterMs = maxRetryAfterMs;
    forwarder.setOptions(options);
    forwarder.setTarget(target.url());
    QSignalSpy attempted(&forwarder, &Forwarder::attempted);
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    storeEvents(1);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    QCOMPARE(attempted.size(), 2);
    const auto first = attempted.first().first().value<Forwarder::Outcome>();
    QCOMPARE(first.status, 429);
    QVERIFY(first.willRetry());
    QVERIFY2(first.retryInMs >= minWait && first.retryInMs <= maxWait,
             qPrintable(QString::number(first.retryInMs)));
    QVERIFY(done.first().first().value<Forwarder::Outcome>().ok());
    QCOMPARE(target.received.size(), 2);
    // The second request did not come before the wait was over (a lower bound only).
    QVERIFY(target.received.at(1).at - target.received.at(0).at >= first.retryInMs - 50);
    const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(1);
    QCOMPARE(attempts.size(), 2);
    QVERIFY2(attempts.first().error.contains(u"HTTP 429 Too Many Requests; retrying in "_s),
             qPrintable(attempts.first().error));
}

// A stalled target, two requests at a time and room for five waiting: of twelve events two
// are in flight, five wait and five are dropped, each of those recorded as a final failure
// at once. stop() then gives up on the seven, recording them too: every event accounted for.
void tst_Forwarder::fullQueueDropsVisibly()
{
    Target target;
    target.answer.stall = true;
    Forwarder forwarder(m_store.get());
    Forwarder::Options options = fastOptions(5);
    options.maxConcurrent = 2;
    options.queueLimit = 5;
    options.timeoutMs = 60'000;
    forwarder.setOptions(options);
    forwarder.setTarget(target.url());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    QSignalSpy changed(&forwarder, &Forwarder::countersChanged);
    storeEvents(12);
    QTRY_COMPARE(target.received.size(), 2);
    QVERIFY(!changed.isEmpty());
    Forwarder::Counters c = forwarder.counters();
    QCOMPARE(c.inFlight, 2);
    QCOMPARE(c.queued, 5);
    QCOMPARE(c.dropped, qint64(5));
    QCOMPARE(c.failed, qint64(0));
    QCOMPARE(done.size(), 5);
    for (qint64 id = 1; id <= 7; ++id)
        QVERIFY(m_store->forwards(id).isEmpty());
    for (qint64 id = 8; id <= 12; ++id) {
        const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().error, u"forward queue full (5 waiting): not sent"_s);
        QVERIFY(Forwarder::isFinalFailure(attempts.first().error));
    }
    // Replays wait in the same queue: no room for them either.
    forwarder.replay({ 1 });
    QCOMPARE(forwarder.counters().dropped, qint64(6));

    forwarder.stop();
    c = forwarder.counters();
    QCOMPARE(c.inFlight, 0);
    QCOMPARE(c.queued, 0);
    QCOMPARE(c.failed, qint64(7));
    QCOMPARE(done.size(), 13);
    for (qint64 id = 1; id <= 7; ++id) {
        const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(id);
        QCOMPARE(attempts.size(), id == 1 ? 2 : 1);
        QVERIFY2(Forwarder::isFinalFailure(attempts.last().error),
                 qPrintable(attempts.last().error));
        QVERIFY2(attempts.last().error.startsWith(id <= 2 ? u"gave up after 1 attempt: "_s
                                                          : u"not sent: "_s),
                 qPrintable(attempts.last().error));
    }
}

// What the inspector offers for a failed event: the replay path (the table's "Replay to …"
// calls Forwarder::replay) sends it again, with its own retries.
void tst_Forwarder::failedEventCanBeReplayed()
{
    Target target;
    target.answer.status = 404;
    Forwarder forwarder(m_store.get());
    forwarder.setOptions(fastOptions(3));
    forwarder.setTarget(target.url());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    storeEvents(1);
    QTRY_COMPARE(done.size(), 1);
    QVERIFY(Forwarder::isFinalFailure(m_store->forwards(1).last().error));
    target.answer.status = 200;
    forwarder.replay({ 1 });
    QTRY_COMPARE(done.size(), 2);
    QVERIFY(done.last().first().value<Forwarder::Outcome>().ok());
    const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(1);
    QCOMPARE(attempts.size(), 2);
    QVERIFY(attempts.last().error.isEmpty());
    QCOMPARE(forwarder.counters().delivered, qint64(1));
    QCOMPARE(forwarder.counters().failed, qint64(1));
}

void tst_Forwarder::placeholderSecretsAndConnectionNamedHeadersAreNotSent()
{
    Target target;
    Event event = makeEvent(Fixtures::read(u"platform-ticket-created.json"_s));
    event.headers = { { "Content-Type", "application/json" },
                      { "Authorization", "[secret]" },
                      { "X-Api-Key", "Bearer [secret]" },
                      { "X-Signature", "sha256=0123abcd" },
                      { "Connection", "keep-alive, X-Hop-One" },
                      { "connection", " x-hop-two ,Upgrade" },
                      { "X-Hop-One", "1" },
                      { "x-HOP-two", "2" },
                      { "Upgrade", "websocket" },
                      { "Keep-Alive", "timeout=5" },
                      { "Proxy-Connection", "keep-alive" },
                      { "X-Multi", "a" },
                      { "X-Multi", "b" },
                      { "X-Keep", "yes" } };
    m_store->submit(event);
    m_store->flush();
    Forwarder forwarder(m_store.get());
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    forwarder.replay({ 1 }, target.url());
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(target.received.size(), 1);
    const Target::Received &r = target.received.first();
    for (const QByteArray &name :
         { QByteArray("Authorization"), QByteArray("X-Api-Key"), QByteArray("X-Hop-One"),
           QByteArray("X-Hop-Two"), QByteArray("Upgrade"), QByteArray("Keep-Alive"),
           QByteArray("Proxy-Connection") })
        QVERIFY2(!r.hasHeader(name), name.constData());
    for (const auto &[name, value] : r.headers) {
        QVERIFY2(!value.contains("[secret]"), name.constData());
        QVERIFY2(!value.toLower().contains("x-hop"), name.constData());
    }
    QCOMPARE(r.header("X-Signature"), QByteArray("sha256=0123abcd"));
    QCOMPARE(r.header("X-Keep"), QByteArray("yes"));
    QCOMPARE(r.header("X-Multi"), QByteArray("a, b"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));

    // The curl command leaves out the same headers.
    const QString curl = Forwarder::curlCommand(*m_store->event(1), target.url());
    QVERIFY(!curl.contains(u"[secret]"_s));
    QVERIFY(!curl.contains(u"X-Hop"_s, Qt::CaseInsensitive));
    QVERIFY(!curl.contains(u"Authorization"_s));
    QVERIFY(curl.contains(u"X-Signature: sha256=0123abcd"_s));
}

void tst_Forwarder::curlCommandSendsTheSameBytes_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray tricky =
            "{\"quote\":\"it's\",\"slash\":\"a\\\\b\",\"pct\":\"100%d\"}\n\t\xc3\xa9";
    QTest::addRow("text with quotes, backslashes, percent, UTF-8") << tricky;
    QTest::addRow("binary with NUL") << tricky + QByteArray("\x00\x01\xfe%", 4);
}

void tst_Forwarder::curlCommandSendsTheSameBytes()
{
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
        QSKIP("curl is not installed");
    QFETCH(QByteArray, body);
    Target target;
    Event event = makeEvent(body);
    event.headers.append(qMakePair(QByteArray("X-Odd"), QByteArray("single ' quote")));
    const QString command = Forwarder::curlCommand(event, target.url(u"/curl"_s));
    QVERIFY(!command.contains(u"Content-Length"_s));
    QProcess shell;
    shell.start(u"bash"_s, { u"-c"_s, command + u" -s -o /dev/null"_s });
    QTRY_COMPARE_WITH_TIMEOUT(target.received.size(), 1, 10000);
    QVERIFY(shell.waitForFinished(10000) || shell.state() == QProcess::NotRunning);
    QCOMPARE(target.received.first().body, body);
    QCOMPARE(target.received.first().header("X-Odd"), QByteArray("single ' quote"));
    QCOMPARE(target.received.first().path, u"/curl"_s);
}

QTEST_GUILESS_MAIN(tst_Forwarder)
#include "tst_forwarder.moc"
