// SPDX-License-Identifier: MIT
#include <QHttpServerRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "core/events/eventparser.h"
#include "core/receiver/httpfrontend.h"
#include "core/relay/forwarder.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// A local target: records what arrives, answers with a scripted status.
class Target final : public QObject
{
public:
    struct Received
    {
        QString method;
        QString path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[n, v] : headers)
                if (n.compare(name, Qt::CaseInsensitive) == 0)
                    return v;
            return {};
        }
    };

    Target()
        : m_http([this](const QHttpServerRequest &request, const QByteArray &, PendingReply reply) {
              Received r;
              r.method = request.method() == QHttpServerRequest::Method::Post ? u"POST"_s
                      : request.method() == QHttpServerRequest::Method::Put   ? u"PUT"_s
                                                                              : u"OTHER"_s;
              r.path = request.url().path();
              r.headers = request.headers();
              r.body = request.body();
              received.append(r);
              reply.send(status, "{}");
          })
    {
        auto *tcp = new QTcpServer;
        tcp->listen(QHostAddress::LocalHost, 0);
        m_http.bind(tcp);
        port = tcp->serverPort();
    }

    QUrl url(const QString &path = u"/hook"_s) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path));
    }

    QList<Received> received;
    int status = 200;
    quint16 port = 0;

private:
    HttpFrontend m_http;
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
    void curlCommandSendsTheSameBytes_data();
    void curlCommandSendsTheSameBytes();

private:
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
    QCOMPARE(r.method, u"PUT"_s);
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
    const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(outcome.eventId);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().status, 200);
    QVERIFY(attempts.first().error.isEmpty());
    QCOMPARE(attempts.first().target, target.url().toString());
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
    target->status = status;
    const QUrl url = target->url();
    if (refuse)
        target.reset(); // nothing listens on that port any more
    Forwarder forwarder(m_store.get());
    forwarder.setTarget(url);
    QSignalSpy done(&forwarder, &Forwarder::forwarded);
    m_store->submit(makeEvent(Fixtures::read(u"platform-account-updated.json"_s)));
    m_store->flush();
    QTRY_COMPARE(done.size(), 1);
    const auto outcome = done.first().first().value<Forwarder::Outcome>();
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.status, status);
    QVERIFY2(outcome.error.contains(error, Qt::CaseInsensitive), qPrintable(outcome.error));
    const QList<EventStore::ForwardAttempt> attempts = m_store->forwards(outcome.eventId);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().error, outcome.error);
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
