// SPDX-License-Identifier: MIT
// Interoperability with the real smee-client (npm): it subscribes to hookscope-relay and
// forwards what is posted to a local target, which checks method, body and headers.
// The client is installed by the test into <build>/interop/smee-client (npm install
// --prefix); without npm the whole test is skipped, saying so.
// Environment: HOOKSCOPE_SMEE_CLIENT_DIR  use an existing install (its node_modules parent)
//              HOOKSCOPE_SMEE_CLIENT_SPEC  what to install (default smee-client@5.0.0)

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

#include "core/http/httpserver.h"
#include "core/relay/relayclient.h"
#include "tests/support/fixtures.h"
#include "tests/support/relaytesthelpers.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

const QString DefaultSpec = u"smee-client@5.0.0"_s;

struct Forwarded
{
    QString method;
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers)
            if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &pair : headers)
            if (QByteArrayView(pair.first).compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
};

// Loopback-only environment for node: no proxy may see these requests.
QProcessEnvironment nodeEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : { u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s, u"http_proxy"_s,
                                 u"https_proxy"_s, u"ALL_PROXY"_s, u"all_proxy"_s })
        env.remove(name);
    env.insert(u"NO_PROXY"_s, u"127.0.0.1,localhost"_s);
    env.insert(u"no_proxy"_s, u"127.0.0.1,localhost"_s);
    return env;
}

} // namespace

class tst_SmeeInterop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void forwardsFixtures_data();
    void forwardsFixtures();
    void textBodyKeepsItsType();
    void bufferedWhileClientIsDown();
    void reconnectsAfterRelayRestart();

private:
    bool startSmee();
    void stopSmee();
    std::optional<Forwarded> waitForForward(const QByteArray &marker, int timeoutMs = 20000);
    int postToChannel(const QByteArray &body, const QByteArray &marker,
                      const QByteArray &contentType = "application/json",
                      const QByteArray &query = "via=test");

    QString m_node;
    QString m_smeeBin;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayTest::RelayProcess> m_relay;
    QUrl m_readUrl;
    std::unique_ptr<Http::Server> m_target;
    QList<Forwarded> m_forwarded;
    std::unique_ptr<QProcess> m_smee;
    QByteArray m_smeeLog;
    QNetworkAccessManager m_nam;
};

void tst_SmeeInterop::initTestCase()
{
    QLoggingCategory::setFilterRules(u"hookscope.*.info=false"_s);
    m_nam.setProxy(QNetworkProxy::NoProxy);
    const QString npm = QStandardPaths::findExecutable(u"npm"_s);
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (npm.isEmpty() || m_node.isEmpty())
        QSKIP("npm/node not found on PATH: the smee-client interop test needs Node.js >= 20.18 and "
              "npm "
              "(Debian: apt install nodejs npm). Nothing was tested.");

    QString prefix = qEnvironmentVariable("HOOKSCOPE_SMEE_CLIENT_DIR");
    if (prefix.isEmpty())
        prefix = QStringLiteral(HOOKSCOPE_BINARY_DIR) + u"/interop/smee-client"_s;
    m_smeeBin = prefix + u"/node_modules/smee-client/bin/smee.js"_s;
    if (!QFile::exists(m_smeeBin)) {
        const QString spec = qEnvironmentVariable("HOOKSCOPE_SMEE_CLIENT_SPEC", DefaultSpec);
        QDir().mkpath(prefix);
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(npm,
                      { u"install"_s, u"--prefix"_s, prefix, u"--no-audit"_s, u"--no-fund"_s,
                        u"--loglevel=error"_s, spec });
        QVERIFY2(install.waitForStarted(30000), "npm did not start");
        const bool finished = install.waitForFinished(300000);
        const QByteArray output = install.readAll();
        QVERIFY2(finished && install.exitCode() == 0,
                 qPrintable(
                         u"`npm install --prefix %1 %2` failed (a registry is needed once; or set "
                         u"HOOKSCOPE_SMEE_CLIENT_DIR to an existing install):\n%3"_s.arg(
                                 prefix, spec, QString::fromLocal8Bit(output))));
        QVERIFY2(QFile::exists(m_smeeBin), qPrintable(u"npm installed no %1"_s.arg(m_smeeBin)));
    }
    QFile package(prefix + u"/node_modules/smee-client/package.json"_s);
    QVERIFY(package.open(QIODevice::ReadOnly));
    qInfo("smee-client %s, node %s",
          qPrintable(QJsonDocument::fromJson(package.readAll())
                             .object()
                             .value(u"version"_s)
                             .toString()),
          qPrintable(m_node));

    m_dir = std::make_unique<QTemporaryDir>();
    m_relay = std::make_unique<RelayTest::RelayProcess>();
    QVERIFY2(m_relay->start(m_dir->filePath(u"relay"_s), 0, { u"--ping-interval"_s, u"1"_s }),
             m_relay->log().constData());
    const auto created =
            RelayTest::send(m_nam, "HEAD", QUrl(u"http://127.0.0.1:%1/new"_s.arg(m_relay->port())));
    QCOMPARE(created.status, 307);
    m_readUrl = QUrl::fromEncoded(created.header("Location"));
    QVERIFY(QUrlQuery(m_readUrl).hasQueryItem(u"token"_s));

    // The target smee-client forwards to.
    m_target = std::make_unique<Http::Server>(Http::ServerLimits{});
    m_target->setHandler([this](Http::Request &&request, Http::Reply reply) {
        Forwarded f;
        f.method = request.method == "POST" ? u"POST"_s
                : request.method == "PUT"   ? u"PUT"_s
                                            : u"OTHER"_s;
        f.path = QString::fromLatin1(request.rawPath());
        f.query = QUrlQuery(QString::fromLatin1(request.rawQuery()));
        f.headers = request.headers;
        f.body = request.body;
        m_forwarded.append(f);
        reply.send(200, "{\"ok\":true}");
    });
    QVERIFY(m_target->listen(QHostAddress::LocalHost, 0));
    QVERIFY(startSmee());
}

void tst_SmeeInterop::cleanupTestCase()
{
    stopSmee();
    if (m_relay)
        QVERIFY(m_relay->terminate());
    m_target.reset();
}

bool tst_SmeeInterop::startSmee()
{
    m_smee = std::make_unique<QProcess>();
    m_smee->setProcessEnvironment(nodeEnvironment());
    m_smee->setProcessChannelMode(QProcess::MergedChannels);
    m_smeeLog.clear();
    m_smee->start(m_node,
                  { m_smeeBin, u"--url"_s, m_readUrl.toString(QUrl::FullyEncoded), u"--target"_s,
                    u"http://127.0.0.1:%1/hook"_s.arg(m_target->serverPort()) });
    if (!m_smee->waitForStarted(10000))
        return false;
    // smee-client logs "Connected to <url>" once its EventSource is open.
    const bool connected = QTest::qWaitFor(
            [this] {
                m_smeeLog += m_smee->readAll();
                return m_smeeLog.contains("Connected") || m_smee->state() == QProcess::NotRunning;
            },
            20000);
    if (!connected || !m_smeeLog.contains("Connected"))
        qWarning("smee-client did not connect:\n%s", m_smeeLog.constData());
    return connected && m_smeeLog.contains("Connected");
}

void tst_SmeeInterop::stopSmee()
{
    if (!m_smee)
        return;
    m_smee->kill();
    m_smee->waitForFinished(5000);
    m_smee.reset();
}

int tst_SmeeInterop::postToChannel(const QByteArray &body, const QByteArray &marker,
                                   const QByteArray &contentType, const QByteArray &query)
{
    QUrl ingest = RelayClient::ingestUrlFor(m_readUrl);
    ingest.setQuery(QString::fromLatin1(query));
    return RelayTest::send(m_nam, "POST", ingest, body,
                           { { "Content-Type", contentType }, { "X-Interop-Marker", marker } })
            .status;
}

std::optional<Forwarded> tst_SmeeInterop::waitForForward(const QByteArray &marker, int timeoutMs)
{
    std::optional<Forwarded> found;
    (void)QTest::qWaitFor(
            [&] {
                if (m_smee)
                    m_smeeLog += m_smee->readAll();
                for (const Forwarded &f : std::as_const(m_forwarded))
                    if (f.header("x-interop-marker") == marker)
                        found = f;
                return found.has_value();
            },
            timeoutMs);
    return found;
}

void tst_SmeeInterop::forwardsFixtures_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(QStringLiteral(HOOKSCOPE_FIXTURES_DIR))
                                      .entryList({ u"platform-*.json"_s }, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::addRow("%s", qPrintable(file)) << file;
}

void tst_SmeeInterop::forwardsFixtures()
{
    QFETCH(QString, file);
    const QByteArray body = Fixtures::read(file);
    const QByteArray marker = file.toLatin1();
    QCOMPARE(postToChannel(body, marker), 200);
    const std::optional<Forwarded> f = waitForForward(marker);
    QVERIFY2(f, m_smeeLog.constData());
    QCOMPARE(f->method, u"POST"_s);
    QCOMPARE(f->path, u"/hook"_s);
    // The body smee-client sends is JSON.stringify(body): equal as JSON.
    QCOMPARE(QJsonDocument::fromJson(f->body), QJsonDocument::fromJson(body));
    QVERIFY(f->header("content-type").startsWith("application/json"));
    QCOMPARE(f->header("content-length").toLongLong(), qint64(f->body.size()));
    // Headers of the original request arrive as headers; our additions are harmless.
    QCOMPARE(f->header("x-interop-marker"), marker);
    bool numeric = false;
    QVERIFY(f->header("x-hookscope-id").toLongLong(&numeric) > 0 && numeric);
    QCOMPARE(f->header("x-hookscope-content-type"), "application/json"_ba);
    QVERIFY(!f->hasHeader("x-hookscope-body-base64"));
    QVERIFY(!f->hasHeader("body"));
    QVERIFY(!f->hasHeader("query"));
    // The query of the delivery is forwarded; the channel token never is.
    QCOMPARE(f->query.queryItemValue(u"via"_s), u"test"_s);
    QVERIFY(!f->query.hasQueryItem(u"token"_s));
    QVERIFY(!f->body.contains(QUrlQuery(m_readUrl).queryItemValue(u"token"_s).toLatin1()));
}

void tst_SmeeInterop::textBodyKeepsItsType()
{
    // smee's protocol carries a non-JSON body as a JSON string, and smee-client posts
    // JSON.stringify of it: the original type travels in x-hookscope-content-type.
    QCOMPARE(postToChannel("hello world", "text", "text/plain"), 200);
    const std::optional<Forwarded> f = waitForForward("text");
    QVERIFY2(f, m_smeeLog.constData());
    QCOMPARE(f->body, "\"hello world\""_ba);
    QCOMPARE(f->header("x-hookscope-content-type"), "text/plain"_ba);
}

void tst_SmeeInterop::bufferedWhileClientIsDown()
{
    // smee.io loses what is posted while no one listens; hookscope-relay keeps it.
    stopSmee();
    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    QCOMPARE(postToChannel(body, "while-down"), 200);
    QTest::qWait(200);
    QVERIFY(!waitForForward("while-down", 100));
    QVERIFY(startSmee());
    const std::optional<Forwarded> f = waitForForward("while-down");
    QVERIFY2(f, m_smeeLog.constData());
    QCOMPARE(QJsonDocument::fromJson(f->body), QJsonDocument::fromJson(body));
}

void tst_SmeeInterop::reconnectsAfterRelayRestart()
{
    const quint16 port = m_relay->port();
    QVERIFY(m_relay->terminate());
    m_relay = std::make_unique<RelayTest::RelayProcess>();
    QVERIFY2(m_relay->start(m_dir->filePath(u"relay"_s), port, { u"--ping-interval"_s, u"1"_s }),
             m_relay->log().constData());
    const QByteArray body = Fixtures::read(u"platform-account-updated.json"_s);
    QCOMPARE(postToChannel(body, "after-restart"), 200);
    // EventSource reconnects on its own (sending Last-Event-ID) and gets it.
    const std::optional<Forwarded> f = waitForForward("after-restart", 30000);
    QVERIFY2(f, m_smeeLog.constData());
    QCOMPARE(QJsonDocument::fromJson(f->body), QJsonDocument::fromJson(body));
    // Nothing was forwarded twice across the reconnect.
    QHash<QByteArray, int> ids;
    for (const Forwarded &forwarded : std::as_const(m_forwarded))
        ++ids[forwarded.header("x-hookscope-id")];
    for (auto it = ids.cbegin(); it != ids.cend(); ++it)
        QVERIFY2(it.value() == 1, it.key().constData());
}

QTEST_GUILESS_MAIN(tst_SmeeInterop)
#include "tst_smeeinterop.moc"
