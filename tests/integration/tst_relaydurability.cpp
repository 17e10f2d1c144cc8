// SPDX-License-Identifier: MIT
// Durability of `hookscope-relay` and its on-disk buffer, as a real process: kill -9 at
// random points while several connections post to a channel (and a subscriber reads it),
// restart on the same data dir and port, and finally read the channel back from the start
// as a subscriber would (SSE with Last-Event-ID: 0 and the raw-body feature, and the
// WebSocket protocol with after=0). Every delivery answered 2xx must come back exactly
// once, byte for byte, with the id it was answered with, and the database must pass
// PRAGMA integrity_check after every kill. A damaged database is moved aside, said so in the
// log, and the relay starts on a fresh buffer (keeping the channels it can still read);
// damage that appears while the relay runs is reported (readers get an error, /healthz
// says unhealthy, deliveries get 503) instead of stalling the readers; a newer-schema
// database is refused and left untouched.
//
// The kill points and bodies come from a seeded generator; the seed is printed, and
// HOOKSCOPE_TEST_SEED=<seed> replays a run.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "core/relay/relayprotocol.h"
#include "core/relay/sseparser.h"
#include "tests/support/blockingposter.h"
#include "tests/support/damage.h"
#include "tests/support/httpclient.h"
#include "tests/support/relaytesthelpers.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// ---- Bodies: a pure function of (seed, round, connection, sequence) -------------------

struct Uid
{
    int round = -1;
    int connection = -1;
    int seq = -1;
    bool isValid() const { return round >= 0; }
    QByteArray text() const
    {
        return "rdur-" + QByteArray::number(round) + '-' + QByteArray::number(connection) + '-'
                + QByteArray::number(seq);
    }
    friend bool operator==(const Uid &, const Uid &) = default;
};
size_t qHash(const Uid &u, size_t seed = 0)
{
    return qHashMulti(seed, u.round, u.connection, u.seq);
}

// JSON bodies of various sizes, a few large ones, and binary bodies (NUL, CR, LF, 0xff...).
QByteArray bodyFor(quint32 seed, const Uid &uid, QByteArray *contentType = nullptr)
{
    const quint32 key[] = { seed, quint32(uid.round), quint32(uid.connection), quint32(uid.seq) };
    QRandomGenerator rng(key, 4);
    const int kind = int(rng.bounded(32));
    QByteArray body;
    if (kind < 16 || kind == 31) {
        const int padSize = kind == 31 ? 8192 + int(rng.bounded(32768)) : int(rng.bounded(2000));
        QByteArray pad(padSize, Qt::Uninitialized);
        for (char &c : pad)
            c = char('a' + rng.bounded(26));
        body = R"({"uid":")" + uid.text() + R"(","seq":)" + QByteArray::number(uid.seq)
                + R"(,"pad":")" + pad + R"("})";
        if (contentType)
            *contentType = "application/json";
    } else {
        body = uid.text() + '\n';
        const int size = int(rng.bounded(2000));
        for (int i = 0; i < size; ++i)
            body += char(rng.bounded(256));
        if (contentType)
            *contentType = "application/octet-stream";
    }
    return body;
}

Uid uidOf(const QByteArray &body)
{
    static const QRegularExpression re(u"^(?:\\{\"uid\":\")?rdur-(\\d+)-(\\d+)-(\\d+)"_s);
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(body.left(64)));
    if (!m.hasMatch())
        return {};
    return { m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt() };
}

// ---- Blocking sockets, for the worker threads (every call bounded by timeouts) ---------

using BlockingSocket::connectLoopback;
using BlockingSocket::Poster;
using BlockingSocket::sendAll;

// An SSE subscriber on a blocking socket: status line and headers, chunked decoding, then
// SseParser, as a real client reads the bytes.
class BlockingSseReader
{
public:
    ~BlockingSseReader()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool open(quint16 port, const QByteArray &target, const RelayTest::Headers &headers = {})
    {
        m_fd = connectLoopback(port, 1); // short receive timeout: the loop checks its deadline
        if (m_fd < 0)
            return false;
        QByteArray request =
                "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
        for (const auto &[name, value] : headers)
            request += name + ": " + value + "\r\n";
        request += "\r\n";
        return sendAll(m_fd, request);
    }

    // Reads until onEvent returns false (true), or the stream ends, breaks, `stop` is set or
    // the deadline passes (false).
    bool read(const std::function<bool(const SseEvent &)> &onEvent,
              std::chrono::steady_clock::time_point deadline,
              const std::atomic<bool> *stop = nullptr)
    {
        char buf[16384];
        while (std::chrono::steady_clock::now() < deadline && !(stop && *stop)) {
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
                continue;
            if (n <= 0)
                return false;
            m_raw.append(buf, n);
            bool more = true;
            for (const SseEvent &e : decode()) {
                if (!onEvent(e)) {
                    more = false;
                    break;
                }
            }
            if (!more)
                return true;
            if (m_broken)
                return false;
        }
        return false;
    }

    int status() const { return m_status; }
    bool broken() const { return m_broken; }

private:
    QList<SseEvent> decode()
    {
        QList<SseEvent> out;
        if (m_status == 0) {
            const qsizetype end = m_raw.indexOf("\r\n\r\n");
            if (end < 0)
                return out;
            const QByteArray head = m_raw.left(end);
            m_status = head.split(' ').value(1).toInt();
            if (m_status != 200 || !head.toLower().contains("transfer-encoding: chunked"))
                m_broken = true;
            m_raw.remove(0, end + 4);
        }
        qsizetype pos = 0;
        while (!m_broken) {
            const qsizetype lineEnd = m_raw.indexOf("\r\n", pos);
            if (lineEnd < 0)
                break;
            bool ok = false;
            const qsizetype size = m_raw.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok || size == 0) {
                m_broken = true; // a bad chunk line, or the end of the stream
                break;
            }
            if (m_raw.size() < lineEnd + 2 + size + 2)
                break;
            out += m_parser.feed(QByteArrayView(m_raw).sliced(lineEnd + 2, size));
            pos = lineEnd + 2 + size + 2;
        }
        m_raw.remove(0, pos);
        return out;
    }

    int m_fd = -1;
    QByteArray m_raw;
    int m_status = 0;
    bool m_broken = false;
    SseParser m_parser;
};

// ---- hookscope-relay as a child process --------------------------------------------------

// Its log (stderr: one line per ingest) goes to a file, so the child never blocks on a full
// pipe while this test's threads are busy, and the whole history is there as evidence.
class Relay
{
public:
    Relay(QString dataDir, QString logPath)
        : m_dataDir(std::move(dataDir)), m_logPath(std::move(logPath))
    {
    }
    ~Relay() { kill(); }

    static QStringList arguments(const QString &dataDir, quint16 port)
    {
        // No rate limit and bounds far above what the test posts: nothing may be refused
        // or evicted for reasons other than the kills.
        return { u"--bind"_s,       u"127.0.0.1"_s, u"--port"_s,        QString::number(port),
                 u"--data-dir"_s,   dataDir,        u"--rate"_s,        u"1000000"_s,
                 u"--burst"_s,      u"1000000"_s,   u"--max-events"_s,  u"100000000"_s,
                 u"--max-buffer"_s, u"4G"_s,        u"--channel-ttl"_s, u"0"_s };
    }

    // Starts it and waits for "listening ... port=N"; false when it did not get there.
    bool start(quint16 port)
    {
        kill();
        m_logOffset = QFileInfo(m_logPath).size();
        m_process = std::make_unique<QProcess>();
        m_process->setStandardOutputFile(QProcess::nullDevice());
        m_process->setStandardErrorFile(m_logPath, QIODevice::Append);
        m_process->start(QStringLiteral(HOOKSCOPE_RELAY_EXE), arguments(m_dataDir, port));
        if (!m_process->waitForStarted(10000))
            return false;
        static const QRegularExpression listening(u" listening .*port=(\\d+)"_s);
        QRegularExpressionMatch match;
        (void)QTest::qWaitFor(
                [&] {
                    match = listening.match(QString::fromUtf8(log()));
                    return match.hasMatch() || m_process->state() == QProcess::NotRunning;
                },
                60000);
        if (!match.hasMatch())
            return false;
        m_port = quint16(match.captured(1).toUInt());
        return m_process->state() == QProcess::Running;
    }

    // SIGKILL; true when it was running and died of it.
    bool killNine()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return false;
        m_process->kill();
        return m_process->waitForFinished(10000) && m_process->exitStatus() == QProcess::CrashExit;
    }
    // SIGTERM and a clean exit (status 0).
    bool terminate()
    {
        if (!m_process)
            return false;
        m_process->terminate();
        return m_process->waitForFinished(30000) && m_process->exitStatus() == QProcess::NormalExit
                && m_process->exitCode() == 0;
    }
    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(10000);
        }
    }

    quint16 port() const { return m_port; }
    // This run's log lines.
    QByteArray log() const
    {
        QFile f(m_logPath);
        if (!f.open(QIODevice::ReadOnly) || !f.seek(m_logOffset))
            return {};
        return f.readAll();
    }

private:
    QString m_dataDir;
    QString m_logPath;
    qint64 m_logOffset = 0;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// Threads that are always stopped and joined, also when a check fails early.
struct Workers
{
    std::atomic<bool> stop{ false };
    std::vector<std::thread> threads;
    ~Workers() { join(); }
    void join()
    {
        stop = true;
        for (std::thread &t : threads)
            if (t.joinable())
                t.join();
        threads.clear();
    }
};

// ---- SQLite --------------------------------------------------------------------------

template<typename Check>
bool withDatabase(const QString &path, bool readOnly, Check check)
{
    const QString name =
            u"tst-relaydurability-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s
                                      : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open())
            ok = check(db);
        else
            qWarning("cannot open %s: %s", qPrintable(path), qPrintable(db.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString integrityCheck(const QString &path, bool readOnly)
{
    QString result = u"(not run)"_s;
    withDatabase(path, readOnly, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        if (!q.exec(u"PRAGMA integrity_check"_s)) {
            result = q.lastError().text();
            return false;
        }
        QStringList lines;
        while (q.next())
            lines.append(q.value(0).toString());
        result = lines.join(u"; "_s);
        return true;
    });
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Replayed
{
    qint64 id = 0;
    QByteArray body;
};

} // namespace

class tst_RelayDurability final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killNineWhilePosting();
    void damagedDatabaseIsMovedAside_data();
    void damagedDatabaseIsMovedAside();
    void damageWhileRunningIsReported_data();
    void damageWhileRunningIsReported();
    void newerSchemaIsLeftUntouched();

private:
    struct Channel
    {
        QString id;
        QString token;
        QByteArray ingestTarget() const { return "/" + id.toLatin1(); }
        QByteArray readTarget() const { return "/" + id.toLatin1() + "?token=" + token.toLatin1(); }
    };
    std::optional<Channel> createChannel(quint16 port);
    // A relay database with one channel and `count` deliveries, closed cleanly.
    bool makeDatabase(const QString &dataDir, int count, QByteArray *log,
                      Channel *channel = nullptr);
    // Runs the relay on a database it must refuse; its exit code (-1: it kept running).
    int runRefused(const QString &dataDir, QByteArray *log);
    QList<Replayed> replaySse(quint16 port, const Channel &channel, qint64 untilId,
                              QString *problem);
    QList<Replayed> replayWebSocket(quint16 port, const Channel &channel, qint64 untilId,
                                    QString *problem);

    quint32 m_seed = 0;
    QRandomGenerator m_rng;
};

void tst_RelayDurability::initTestCase()
{
    bool given = false;
    m_seed = qEnvironmentVariable("HOOKSCOPE_TEST_SEED").toUInt(&given);
    if (!given)
        m_seed = QRandomGenerator::system()->generate();
    m_rng.seed(m_seed);
    qInfo("random seed %u (replay with HOOKSCOPE_TEST_SEED=%u)", m_seed, m_seed);
}

std::optional<tst_RelayDurability::Channel> tst_RelayDurability::createChannel(quint16 port)
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    const RelayTest::HttpResult r =
            RelayTest::send(nam, "HEAD", QUrl(u"http://127.0.0.1:%1/new"_s.arg(port)));
    if (r.status != 307)
        return std::nullopt;
    const QUrl readUrl = QUrl::fromEncoded(r.header("Location"));
    Channel c{ readUrl.path().mid(1), QUrlQuery(readUrl).queryItemValue(u"token"_s) };
    if (c.id.isEmpty() || c.token.isEmpty())
        return std::nullopt;
    return c;
}

void tst_RelayDurability::killNineWhilePosting()
{
    constexpr int Rounds = 5;
    constexpr int Connections = 4;
    constexpr int MaxPerConnectionAndRound = 1500; // bounds the run on a fast machine

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"relay"_s);
    const QString db = QDir(dataDir).filePath(u"relay.db"_s);
    Relay relay(dataDir, dir.filePath(u"relay.log"_s));
    QVERIFY2(relay.start(0), relay.log().constData());
    const quint16 port = relay.port();
    const std::optional<Channel> channel = createChannel(port);
    QVERIFY(channel);

    std::mutex mutex;
    QHash<Uid, qint64> acknowledged; // -> relay event id from the 2xx answer
    QSet<qint64> seenLive; // ids a subscriber received while the relay ran
    qint64 attempts = 0, broken = 0, refused = 0;

    for (int round = 0; round < Rounds; ++round) {
        if (round > 0)
            QVERIFY2(relay.start(port), relay.log().constData()); // same data dir, same port

        Workers workers;
        // A subscriber reading along: the kills also land while cursors are written.
        workers.threads.emplace_back([&, target = channel->readTarget()] {
            BlockingSseReader reader;
            if (!reader.open(port, target))
                return;
            reader.read(
                    [&](const SseEvent &e) {
                        if (e.type == "message"_L1) {
                            const std::lock_guard lock(mutex);
                            seenLive.insert(e.lastEventId.toLongLong());
                        }
                        return true;
                    },
                    std::chrono::steady_clock::now() + std::chrono::seconds(30), &workers.stop);
        });
        for (int c = 0; c < Connections; ++c) {
            workers.threads.emplace_back([&, round, c, target = channel->ingestTarget()] {
                Poster poster(port, target);
                for (int seq = 0; seq < MaxPerConnectionAndRound && !workers.stop; ++seq) {
                    const Uid uid{ round, c, seq };
                    QByteArray contentType;
                    const QByteArray body = bodyFor(m_seed, uid, &contentType);
                    qint64 id = 0;
                    const int status = poster.post(body, contentType, &id);
                    {
                        const std::lock_guard lock(mutex);
                        ++attempts;
                        if (status >= 200 && status < 300 && id > 0)
                            acknowledged.insert(uid, id);
                        else if (status == 0)
                            ++broken; // killed mid-exchange, or not listening any more
                        else
                            ++refused; // an answer, but not 2xx (must not happen here)
                    }
                    if (status == 0) // no busy loop against a port nobody listens on
                        std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
            });
        }
        // Kill at a random point: sometimes right away, sometimes well into the posting.
        const int killAfterMs = int(m_rng.bounded(1000));
        std::this_thread::sleep_for(std::chrono::milliseconds(killAfterMs));
        QVERIFY2(relay.killNine(), relay.log().right(2000).constData());
        workers.join();

        // What kill -9 left behind, on a copy (so the relay's own recovery is what runs
        // next): a sound database holding every delivery acknowledged so far.
        QTemporaryDir probeDir;
        QVERIFY(probeDir.isValid());
        const QString probe = probeDir.filePath(u"relay.db"_s);
        QVERIFY(QFile::copy(db, probe));
        if (QFile::exists(db + u"-wal"_s))
            QVERIFY(QFile::copy(db + u"-wal"_s, probe + u"-wal"_s));
        QCOMPARE(integrityCheck(probe, false), u"ok"_s);
        QSet<qint64> onDisk;
        QVERIFY(withDatabase(probe, false, [&](QSqlDatabase &database) {
            QSqlQuery q(database);
            q.setForwardOnly(true);
            if (!q.exec(u"SELECT id FROM events"_s))
                return false;
            while (q.next())
                onDisk.insert(q.value(0).toLongLong());
            return true;
        }));
        QStringList missing;
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
            if (!onDisk.contains(it.value()))
                missing.append(
                        u"%1 (id %2)"_s.arg(QString::fromLatin1(it.key().text())).arg(it.value()));
        QVERIFY2(missing.isEmpty(),
                 qPrintable(u"seed %1, round %2: acknowledged but not on disk after kill -9: %3"_s
                                    .arg(m_seed)
                                    .arg(round)
                                    .arg(missing.mid(0, 20).join(u", "_s))));
        qInfo("round %d: killed after %d ms; %lld acknowledged so far, %lld rows on disk", round,
              killAfterMs, qint64(acknowledged.size()), qint64(onDisk.size()));
    }
    QCOMPARE(refused, 0);
    QVERIFY(!acknowledged.isEmpty());

    // Back up once more; a last delivery marks the end of what the replay has to bring.
    QVERIFY2(relay.start(port), relay.log().constData());
    const Uid sentinelUid{ Rounds, 0, 0 };
    QByteArray sentinelType;
    const QByteArray sentinelBody = bodyFor(m_seed, sentinelUid, &sentinelType);
    qint64 sentinelId = 0;
    QCOMPARE(Poster(port, channel->ingestTarget()).post(sentinelBody, sentinelType, &sentinelId),
             200);
    acknowledged.insert(sentinelUid, sentinelId);

    QString problem;
    const QList<Replayed> sse = replaySse(port, *channel, sentinelId, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QList<Replayed> ws = replayWebSocket(port, *channel, sentinelId, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(relay.terminate(), relay.log().right(2000).constData());
    QCOMPARE(integrityCheck(db, true), u"ok"_s);
    qint64 rows = -1;
    withDatabase(db, true, [&](QSqlDatabase &database) {
        QSqlQuery q(database);
        if (q.exec(u"SELECT count(*) FROM events"_s) && q.next())
            rows = q.value(0).toLongLong();
        return true;
    });

    for (const auto &[transport, replayed] :
         { std::pair{ "SSE", sse }, std::pair{ "WebSocket", ws } }) {
        QHash<Uid, qint64> delivered;
        QStringList duplicated, wrongBytes, wrongId, lost, foreign;
        qint64 previous = 0;
        for (const Replayed &r : replayed) {
            const Uid uid = uidOf(r.body);
            if (!uid.isValid()) {
                foreign.append(u"id %1: %2"_s.arg(r.id).arg(
                        QString::fromLatin1(r.body.left(40).toPercentEncoding())));
                continue;
            }
            QVERIFY2(r.id > previous,
                     qPrintable(u"%1: id %2 after %3"_s.arg(QLatin1StringView(transport))
                                        .arg(r.id)
                                        .arg(previous)));
            previous = r.id;
            if (delivered.contains(uid))
                duplicated.append(u"%1 (ids %2, %3)"_s.arg(QString::fromLatin1(uid.text()))
                                          .arg(delivered.value(uid))
                                          .arg(r.id));
            delivered.insert(uid, r.id);
            if (r.body != bodyFor(m_seed, uid))
                wrongBytes.append(u"%1 (id %2)"_s.arg(QString::fromLatin1(uid.text())).arg(r.id));
            const auto ack = acknowledged.constFind(uid);
            if (ack != acknowledged.cend() && *ack != r.id)
                wrongId.append(u"%1 (answered id %2, delivered as %3)"_s
                                       .arg(QString::fromLatin1(uid.text()))
                                       .arg(*ack)
                                       .arg(r.id));
        }
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
            if (!delivered.contains(it.key()))
                lost.append(
                        u"%1 (id %2)"_s.arg(QString::fromLatin1(it.key().text())).arg(it.value()));
        QStringList liveLost;
        QSet<qint64> replayedIds;
        for (const Replayed &r : replayed)
            replayedIds.insert(r.id);
        for (const qint64 id : std::as_const(seenLive))
            if (!replayedIds.contains(id))
                liveLost.append(QString::number(id));
        const qint64 unacknowledged = delivered.size() - acknowledged.size() + lost.size();
        qInfo("%s replay: %lld delivered, %lld acknowledged; lost %lld, duplicated %lld, wrong "
              "bytes %lld, wrong id %lld; "
              "%lld stored but never acknowledged (in flight at a kill); %lld delivered live "
              "before a kill, %lld of "
              "them missing now",
              transport, qint64(replayed.size()), qint64(acknowledged.size()), qint64(lost.size()),
              qint64(duplicated.size()), qint64(wrongBytes.size()), qint64(wrongId.size()),
              unacknowledged, qint64(seenLive.size()), qint64(liveLost.size()));
        auto report = [&](const char *what, const QStringList &list) {
            return u"seed %1, %2: %3 %4: %5"_s.arg(m_seed)
                    .arg(QLatin1StringView(transport), QString::number(list.size()),
                         QLatin1StringView(what), list.mid(0, 20).join(u", "_s))
                    .toUtf8();
        };
        QVERIFY2(foreign.isEmpty(), report("deliveries this test never sent", foreign).constData());
        QVERIFY2(lost.isEmpty(), report("acknowledged deliveries not replayed", lost).constData());
        QVERIFY2(duplicated.isEmpty(), report("deliveries replayed twice", duplicated).constData());
        QVERIFY2(wrongBytes.isEmpty(), report("bodies not byte-identical", wrongBytes).constData());
        QVERIFY2(wrongId.isEmpty(),
                 report("deliveries under another id than answered", wrongId).constData());
        QVERIFY2(liveLost.isEmpty(),
                 report("ids delivered live but gone after the kills", liveLost).constData());
        QCOMPARE(qint64(replayed.size()), rows); // the replay brings everything in the buffer
    }
    qInfo("%d kill -9 rounds, %d connections: %lld requests, %lld acknowledged, %lld exchanges "
          "broken by the kills; "
          "%lld rows; integrity ok after every kill and at the end",
          Rounds, Connections, attempts + 1, qint64(acknowledged.size()), broken, rows);
}

QList<Replayed> tst_RelayDurability::replaySse(quint16 port, const Channel &channel, qint64 untilId,
                                               QString *problem)
{
    QList<Replayed> out;
    BlockingSseReader reader;
    if (!reader.open(port, channel.readTarget(),
                     { { "Last-Event-ID", "0" },
                       { RelayProtocol::FeaturesHeader, RelayProtocol::RawBodyFeature } })) {
        *problem = u"SSE: cannot connect"_s;
        return out;
    }
    bool reachedEnd = false;
    const bool ok = reader.read(
            [&](const SseEvent &e) {
                if (e.type == "dropped"_L1) {
                    *problem = u"SSE: the relay says deliveries were evicted: "_s + e.data;
                    return false;
                }
                if (e.type != "message"_L1)
                    return true;
                const QJsonObject o = QJsonDocument::fromJson(e.data.toUtf8()).object();
                const auto body = QByteArray::fromBase64Encoding(
                        o.value(RelayProtocol::BodyBase64Key).toString().toLatin1(),
                        QByteArray::AbortOnBase64DecodingErrors);
                const qint64 id = o.value(RelayProtocol::IdKey).toString().toLongLong();
                if (!body || id <= 0 || e.lastEventId.toLongLong() != id) {
                    *problem = u"SSE: undecodable delivery (id: %1): %2"_s.arg(e.lastEventId,
                                                                               e.data.left(200));
                    return false;
                }
                out.append({ id, *body });
                reachedEnd = id >= untilId;
                return !reachedEnd;
            },
            std::chrono::steady_clock::now() + std::chrono::seconds(60));
    if (problem->isEmpty() && (!ok || !reachedEnd))
        *problem =
                u"SSE: the replay stopped after %1 deliveries without reaching id %2 (status %3)"_s
                        .arg(out.size())
                        .arg(untilId)
                        .arg(reader.status());
    return out;
}

QList<Replayed> tst_RelayDurability::replayWebSocket(quint16 port, const Channel &channel,
                                                     qint64 untilId, QString *problem)
{
    QList<Replayed> out;
    QWebSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    bool reachedEnd = false;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = o.value(u"type"_s).toString();
        if (type == "ready"_L1 && o.value(u"dropped"_s).toInteger() != 0)
            *problem = u"WebSocket: the relay says deliveries were evicted: "_s + text;
        if (type == "error"_L1)
            *problem = u"WebSocket: "_s + text;
        if (type != "event"_L1 || reachedEnd)
            return;
        QString error;
        const std::optional<RelayEvent> e = RelayProtocol::fromWsEventMessage(o, &error);
        if (!e) {
            *problem = u"WebSocket: undecodable delivery: "_s + error;
            return;
        }
        out.append({ e->id, e->body });
        reachedEnd = e->id >= untilId;
        socket.sendTextMessage(QString::fromUtf8(
                QJsonDocument(QJsonObject{ { u"ack"_s, e->id } }).toJson(QJsonDocument::Compact)));
    });
    socket.open(QUrl(u"ws://127.0.0.1:%1/ws/%2?token=%3&after=0"_s.arg(port).arg(channel.id,
                                                                                 channel.token)));
    (void)QTest::qWaitFor([&] { return reachedEnd || !problem->isEmpty(); }, 60000);
    if (problem->isEmpty() && !reachedEnd)
        *problem =
                u"WebSocket: the replay stopped after %1 deliveries without reaching id %2 (%3)"_s
                        .arg(out.size())
                        .arg(untilId)
                        .arg(socket.errorString());
    socket.close();
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                          5000);
    return out;
}

bool tst_RelayDurability::makeDatabase(const QString &dataDir, int count, QByteArray *log,
                                       Channel *created)
{
    QTemporaryDir logDir;
    Relay relay(dataDir, logDir.filePath(u"relay.log"_s));
    bool ok = relay.start(0);
    std::optional<Channel> channel;
    if (ok)
        channel = createChannel(relay.port());
    ok = ok && channel;
    if (ok) {
        Poster poster(relay.port(), channel->ingestTarget());
        for (int i = 0; i < count && ok; ++i) {
            QByteArray contentType;
            const QByteArray body = bodyFor(m_seed, { 0, 0, i }, &contentType);
            qint64 id = 0;
            ok = poster.post(body, contentType, &id) == 200;
        }
    }
    if (ok && created)
        *created = *channel;
    ok = relay.terminate() && ok;
    *log = relay.log();
    return ok;
}

int tst_RelayDurability::runRefused(const QString &dataDir, QByteArray *log)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(HOOKSCOPE_RELAY_EXE), Relay::arguments(dataDir, 0));
    const bool finished = process.waitForFinished(30000);
    *log = process.readAllStandardError();
    if (!finished) {
        process.kill();
        process.waitForFinished(10000);
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void tst_RelayDurability::damagedDatabaseIsMovedAside_data()
{
    // All of these are found when the relay starts: the file is small, so PRAGMA
    // quick_check runs at every start (and a file that is not SQLite fails any statement).
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("keepTime"); // the file's modification time is put back
    QTest::addRow("random bytes over the file header") << u"header"_s << false;
    QTest::addRow("not a database at all") << u"replace"_s << false;
    QTest::addRow("random bytes over pages in the middle") << u"middle"_s << false;
    // Bit rot: the disk changes bytes without touching the file's size or time, so the
    // clean-close stamp still matches.
    QTest::addRow("pages in the middle, size and time unchanged") << u"middle"_s << true;
}

void tst_RelayDurability::damagedDatabaseIsMovedAside()
{
    QFETCH(QString, damage);
    QFETCH(bool, keepTime);
    constexpr int Count = 200;
    QTemporaryDir dir;
    QTemporaryDir logDir;
    QVERIFY(dir.isValid() && logDir.isValid());
    QByteArray log;
    Channel channel;
    QVERIFY2(makeDatabase(dir.path(), Count, &log, &channel), log.constData());
    const QString db = dir.filePath(u"relay.db"_s);
    QVERIFY(!QFile::exists(db + u"-wal"_s)); // a clean close checkpointed everything
    QVERIFY(QFile::exists(db + u".clean"_s)); // and stamped the file as closed cleanly
    const QByteArray healthy = readFile(db);
    QVERIFY(healthy.size() > 16 * 4096);

    // Damage it, until SQLite itself (on a copy) agrees the file is damaged.
    QString verdict;
    const QByteArray damaged = Damage::damaged(healthy, damage, m_rng, &verdict);
    QVERIFY2(!damaged.isEmpty(), "could not produce a damage SQLite notices");
    const QDateTime modified = QFileInfo(db).lastModified();
    {
        QFile out(db);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(out.write(damaged), qint64(damaged.size()));
        out.flush();
        if (keepTime)
            QVERIFY(out.setFileTime(modified, QFileDevice::FileModificationTime));
    }
    if (keepTime)
        QCOMPARE(QFileInfo(db).lastModified(), modified);
    qInfo("damage (%s): SQLite says %s", qPrintable(damage), qPrintable(verdict.left(120)));

    // The relay starts, and says loudly which file was damaged and where it went...
    Relay relay(dir.path(), logDir.filePath(u"relay.log"_s));
    QVERIFY2(relay.start(0), relay.log().constData());
    const quint16 port = relay.port();
    log = relay.log();
    const QStringList aside = QDir(dir.path()).entryList({ u"relay.db.damaged-*"_s }, QDir::Files);
    const QStringList asideMain =
            aside.filter(QRegularExpression(u"^relay\\.db\\.damaged-[0-9-]+$"_s));
    QVERIFY2(asideMain.size() == 1,
             qPrintable(QDir(dir.path()).entryList(QDir::Files).join(u", "_s)));
    const QString asidePath = dir.filePath(asideMain.first());
    QByteArray line;
    for (const QByteArray &l : log.split('\n'))
        if (line.isEmpty() && l.contains("was damaged"))
            line = l;
    qInfo("relay: %s", line.constData());
    QVERIFY2(line.contains(" warn ")
                     && line.contains(
                             QByteArray(QDir::toNativeSeparators(db).toUtf8() + " was damaged"))
                     && line.contains(QByteArray("moved to "
                                                 + QDir::toNativeSeparators(asidePath).toUtf8())),
             log.constData());
    // ...keeping its bytes as they were.
    QVERIFY(readFile(asidePath) == damaged);

    // A fresh buffer took its place.
    qint64 id = 0;
    if (damage == "middle"_L1) {
        // The channel rows and the id counter were still readable: the channel goes on, new
        // ids continue above the old ones, and a reader naming its position learns that the
        // deliveries up to the damage are gone.
        QVERIFY2(line.contains("channel(s) kept"), line.constData());
        QCOMPARE(Poster(port, channel.ingestTarget()).post("after the damage", "text/plain", &id),
                 200);
        QVERIFY2(id > Count, qPrintable(QString::number(id)));
        BlockingSseReader reader;
        QVERIFY(reader.open(port, channel.readTarget(), { { "Last-Event-ID", "0" } }));
        QJsonObject dropped;
        QList<qint64> ids;
        QVERIFY(reader.read(
                [&](const SseEvent &e) {
                    if (e.type == "dropped"_L1)
                        dropped = QJsonDocument::fromJson(e.data.toUtf8()).object();
                    if (e.type == "message"_L1)
                        ids.append(e.lastEventId.toLongLong());
                    return e.type != "message"_L1;
                },
                std::chrono::steady_clock::now() + std::chrono::seconds(30)));
        QCOMPARE(ids, QList<qint64>{ id });
        QCOMPARE(dropped.value(u"evicted_up_to"_s).toInteger(), qint64(Count));
    } else {
        // Nothing was readable: the old channel is gone, the log says so, and new ones work.
        QVERIFY2(line.contains("channels could not be kept"), line.constData());
        QCOMPARE(Poster(port, channel.ingestTarget()).post("after the damage", "text/plain", &id),
                 404);
        const std::optional<Channel> fresh = createChannel(port);
        QVERIFY(fresh);
        QCOMPARE(Poster(port, fresh->ingestTarget()).post("after the damage", "text/plain", &id),
                 200);
        QCOMPARE(id, qint64(1));
    }
    QVERIFY2(relay.terminate(), relay.log().right(2000).constData());
    QCOMPARE(integrityCheck(db, true), u"ok"_s);
    QVERIFY(readFile(asidePath) == damaged); // still untouched
}

void tst_RelayDurability::damageWhileRunningIsReported_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addRow("sse") << u"sse"_s;
    QTest::addRow("websocket") << u"websocket"_s;
}

void tst_RelayDurability::damageWhileRunningIsReported()
{
    // Damage that appears while the relay runs (a disk, a stray writer): pages in the middle
    // of a buffer larger than SQLite's page cache (2 MB) are overwritten, and a reader replays
    // the channel from the start. It must get what is readable and then an error, not a
    // stream that silently stops; the relay must say it is unhealthy and refuse deliveries
    // (rather than answer 200 and never deliver them); a restart moves the file aside.
    QFETCH(QString, transport);
    constexpr int Count = 600;
    constexpr qint64 Page = 4096;
    QTemporaryDir dir;
    QTemporaryDir logDir;
    QVERIFY(dir.isValid() && logDir.isValid());
    const QString db = dir.filePath(u"relay.db"_s);
    Relay relay(dir.path(), logDir.filePath(u"relay.log"_s));
    QVERIFY2(relay.start(0), relay.log().constData());
    const std::optional<Channel> channel = createChannel(relay.port());
    QVERIFY(channel);
    {
        Poster poster(relay.port(), channel->ingestTarget());
        for (int i = 0; i < Count; ++i) {
            const QByteArray body = "running-" + QByteArray::number(i) + '\n'
                    + QByteArray(12 * 1024, char('a' + i % 26));
            qint64 id = 0;
            QCOMPARE(poster.post(body, "text/plain", &id), 200);
            QCOMPARE(id, qint64(i + 1));
        }
    }
    // Restarted: all of it is in the main file, and the cache holds only what the start read last.
    QVERIFY2(relay.terminate(), relay.log().right(2000).constData());
    QVERIFY2(relay.start(0), relay.log().constData());
    const quint16 port = relay.port();
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    const QUrl healthz(u"http://127.0.0.1:%1/healthz"_s.arg(port));
    QCOMPARE(RelayTest::send(nam, "GET", healthz).status, 200);

    {
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 pages = file.size() / Page;
        QVERIFY(pages > 1000);
        QByteArray garbage(Page, Qt::Uninitialized);
        for (qint64 page = pages / 4; page < pages / 2; ++page) {
            for (char &c : garbage)
                c = char(m_rng.bounded(256));
            QVERIFY(file.seek(page * Page));
            QCOMPARE(file.write(garbage), Page);
        }
    }

    QList<qint64> ids;
    QJsonObject error;
    if (transport == "sse"_L1) {
        BlockingSseReader reader;
        QVERIFY(reader.open(port, channel->readTarget(), { { "Last-Event-ID", "0" } }));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        reader.read(
                [&](const SseEvent &e) {
                    if (e.type == "message"_L1)
                        ids.append(e.lastEventId.toLongLong());
                    if (e.type == "error"_L1)
                        error = QJsonDocument::fromJson(e.data.toUtf8()).object();
                    return true;
                },
                deadline);
        QVERIFY2(std::chrono::steady_clock::now() < deadline,
                 "the stream stalled instead of ending");
        QVERIFY(reader.broken()); // ended by the relay (the last chunk), after the error
    } else {
        QWebSocket socket;
        socket.setProxy(QNetworkProxy::NoProxy);
        QObject::connect(
                &socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
                    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
                    const QString type = o.value(u"type"_s).toString();
                    if (type == "event"_L1) {
                        const std::optional<RelayEvent> e = RelayProtocol::fromWsEventMessage(o);
                        ids.append(e ? e->id : -1);
                    }
                    if (type == "error"_L1)
                        error = o;
                });
        bool connected = false;
        bool disconnected = false;
        QObject::connect(&socket, &QWebSocket::connected, &socket, [&] { connected = true; });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [&] { disconnected = true; });
        socket.open(QUrl(u"ws://127.0.0.1:%1/ws/%2?token=%3&after=0"_s.arg(port).arg(
                channel->id, channel->token)));
        QVERIFY2(QTest::qWaitFor([&] { return disconnected; }, 60000),
                 "the stream stalled instead of ending");
        QVERIFY2(connected, qPrintable(socket.errorString()));
        QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeBadOperation);
    }
    qInfo("%s: %lld deliveries, then: %s", qPrintable(transport), qint64(ids.size()),
          QJsonDocument(error).toJson(QJsonDocument::Compact).constData());
    QCOMPARE(error.value(u"status"_s).toInt(), 503);
    QVERIFY2(!error.value(u"error"_s).toString().isEmpty(), relay.log().right(2000).constData());
    QVERIFY(ids.size() < Count);
    for (qsizetype i = 0; i < ids.size(); ++i)
        QCOMPARE(ids.at(i), qint64(i + 1)); // what was readable came, in order

    // Unhealthy, with the reason...
    const RelayTest::HttpResult health = RelayTest::send(nam, "GET", healthz);
    QCOMPARE(health.status, 503);
    const QJsonObject h = QJsonDocument::fromJson(health.body).object();
    QCOMPARE(h.value(u"ok"_s).toBool(true), false);
    QCOMPARE(h.value(u"damaged"_s).toBool(), true);
    QVERIFY2(h.value(u"error"_s).toString().contains("damaged"_L1), health.body.constData());
    // ...refusing deliveries instead of writing them into the damaged file...
    qint64 id = 0;
    QCOMPARE(Poster(port, channel->ingestTarget()).post("after the damage", "text/plain", &id),
             503);
    // ...and new readers, at once.
    BlockingSseReader late;
    QVERIFY(late.open(port, channel->readTarget()));
    late.read([](const SseEvent &) { return true; },
              std::chrono::steady_clock::now() + std::chrono::seconds(10));
    QCOMPARE(late.status(), 503);
    const QByteArray log = relay.log();
    for (const QByteArray &l : log.split('\n'))
        if (l.contains(" error ") || (l.contains(" warn ") && !l.contains(" refused ")))
            qInfo("relay: %s", l.left(400).constData());
    QVERIFY2(log.contains(QByteArray(" error The relay database "
                                     + QDir::toNativeSeparators(db).toUtf8() + " is damaged")),
             log.constData());

    // A restart finds it (no clean-close stamp: the whole file is checked), moves it aside
    // and starts a fresh buffer in which the channel goes on.
    QVERIFY2(relay.terminate(), relay.log().right(2000).constData());
    QVERIFY(!QFile::exists(db + u".clean"_s));
    QVERIFY2(relay.start(0), relay.log().constData());
    const QByteArray restartLog = relay.log();
    QVERIFY2(restartLog.contains("was damaged") && restartLog.contains("moved to")
                     && restartLog.contains("channel(s) kept"),
             restartLog.constData());
    QCOMPARE(QDir(dir.path())
                     .entryList({ u"relay.db.damaged-*"_s }, QDir::Files)
                     .filter(QRegularExpression(u"[0-9]$"_s))
                     .size(),
             1);
    QCOMPARE(Poster(relay.port(), channel->ingestTarget())
                     .post("after the restart", "text/plain", &id),
             200);
    QVERIFY(id > Count);
    QVERIFY2(relay.terminate(), relay.log().right(2000).constData());
}

void tst_RelayDurability::newerSchemaIsLeftUntouched()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray log;
    QVERIFY2(makeDatabase(dir.path(), 5, &log), log.constData());
    const QString db = dir.filePath(u"relay.db"_s);
    QVERIFY(withDatabase(db, false, [](QSqlDatabase &writer) {
        QSqlQuery q(writer);
        return q.exec(u"PRAGMA user_version = 99"_s)
                && q.exec(u"CREATE TABLE from_the_future (x)"_s);
    }));
    QVERIFY(!QFile::exists(db + u"-wal"_s));
    const QByteArray before = readFile(db);
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);

    const int exitCode = runRefused(dir.path(), &log);
    qInfo("relay: exit %d: %s", exitCode, log.trimmed().constData());
    QCOMPARE(exitCode, 1);
    QVERIFY2(log.contains("newer hookscope-relay") && log.contains("99")
                     && log.contains("left untouched"),
             log.constData());
    // Never overwritten, never moved aside.
    QVERIFY(readFile(db) == before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), filesBefore);
    QVERIFY(withDatabase(db, true, [](QSqlDatabase &reader) {
        QSqlQuery q(reader);
        return q.exec(u"PRAGMA user_version"_s) && q.next() && q.value(0).toInt() == 99;
    }));
}

QTEST_GUILESS_MAIN(tst_RelayDurability)
#include "tst_relaydurability.moc"
