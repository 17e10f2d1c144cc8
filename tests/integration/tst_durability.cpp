// SPDX-License-Identifier: MIT
// Durability of `hookscope listen` as a real process: kill -9 at random points while several
// connections post, restart, and check that every delivery answered 2xx is in the store
// exactly once and the database is intact. Damaged and newer-schema databases are reported
// and never overwritten.
//
// The kill points come from a seeded generator; the seed is printed, and
// HOOKSCOPE_TEST_SEED=<seed> replays a run.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "tests/support/blockingposter.h"
#include "tests/support/damage.h"
#include "tests/support/fixtures.h"
#include "tests/support/httpclient.h"

using namespace Qt::StringLiterals;

namespace {

// The delivery path every poster uses; the answer's "id" is the store id.
class Poster : public BlockingSocket::Poster
{
public:
    explicit Poster(quint16 port) : BlockingSocket::Poster(port, "/thena") { }
    int post(const QByteArray &body, qint64 *id)
    {
        return BlockingSocket::Poster::post(body, "application/json", id);
    }
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs `check` on a read-only connection to the database file.
template<typename Check>
bool withDatabase(const QString &path, Check check)
{
    const QString name = u"tst-durability-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open())
            ok = check(db);
        else
            qWarning("cannot open %s: %s", qPrintable(path), qPrintable(db.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString integrityCheck(const QString &path)
{
    QString result = u"(not run)"_s;
    withDatabase(path, [&](QSqlDatabase &db) {
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

} // namespace

class tst_Durability final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killNineWhilePosting();
    void damagedDatabaseIsMovedAside_data();
    void damagedDatabaseIsMovedAside();
    void newerSchemaIsLeftUntouched();

private:
    static quint16 freePort();
    // Starts `hookscope listen` and waits until it listens; false (with its output in
    // m_stderr) when it did not get there.
    bool startListen(QProcess &process, const QString &dataDir, quint16 port);
    bool stopListen(QProcess &process);
    // A real database with `count` fixture deliveries, closed cleanly.
    bool makeDatabase(const QString &dataDir, int count);

    quint32 m_seed = 0;
    QRandomGenerator m_rng;
    QByteArray m_stderr;
};

void tst_Durability::initTestCase()
{
    bool given = false;
    m_seed = qEnvironmentVariable("HOOKSCOPE_TEST_SEED").toUInt(&given);
    if (!given)
        m_seed = QRandomGenerator::system()->generate();
    m_rng.seed(m_seed);
    qInfo("random seed %u (replay with HOOKSCOPE_TEST_SEED=%u)", m_seed, m_seed);
}

quint16 tst_Durability::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool tst_Durability::startListen(QProcess &process, const QString &dataDir, quint16 port)
{
    m_stderr.clear();
    process.setProcessChannelMode(QProcess::SeparateChannels);
    // One line per event on stdout: not needed here, and a full pipe would stall the child.
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(QStringLiteral(HOOKSCOPE_EXE),
                  { u"listen"_s, u"--data-dir"_s, dataDir, u"--port"_s, QString::number(port) });
    if (!process.waitForStarted(10000))
        return false;
    const bool listening = QTest::qWaitFor(
            [&] {
                m_stderr += process.readAllStandardError();
                return m_stderr.contains("Listening on") || process.state() != QProcess::Running;
            },
            30000);
    return listening && m_stderr.contains("Listening on");
}

bool tst_Durability::stopListen(QProcess &process)
{
    process.terminate();
    const bool finished = process.waitForFinished(30000);
    m_stderr += process.readAllStandardError();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool tst_Durability::makeDatabase(const QString &dataDir, int count)
{
    QProcess listen;
    const quint16 port = freePort();
    if (!startListen(listen, dataDir, port))
        return false;
    const QStringList fixtures = Fixtures::eventFixtures();
    bool ok = true;
    std::thread worker([&] {
        Poster poster(port);
        for (int i = 0; i < count && ok; ++i) {
            qint64 id = 0;
            ok = poster.post(Fixtures::read(fixtures.at(i % fixtures.size())), &id) == 200;
        }
    });
    worker.join();
    return stopListen(listen) && ok;
}

void tst_Durability::killNineWhilePosting()
{
    constexpr int Rounds = 6;
    constexpr int Connections = 4;
    constexpr int MaxPerConnectionAndRound = 1500; // bounds the run on a fast machine

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(u"events.db"_s);
    const quint16 port = freePort();

    std::mutex mutex;
    QHash<QByteArray, qint64> acknowledged; // unique id -> store id from the 2xx answer
    qint64 sent = 0, broken = 0;

    for (int round = 0; round < Rounds; ++round) {
        QProcess listen;
        QVERIFY2(startListen(listen, dir.path(), port), m_stderr.constData());
        if (round > 0)
            QVERIFY2(!m_stderr.contains("damaged"),
                     m_stderr.constData()); // a kill -9 never damages the file

        std::atomic<bool> stop{ false };
        std::vector<std::thread> workers;
        for (int c = 0; c < Connections; ++c) {
            workers.emplace_back([&, round, c] {
                Poster poster(port);
                for (int seq = 0; seq < MaxPerConnectionAndRound && !stop; ++seq) {
                    const QByteArray uid = "dur-" + QByteArray::number(round) + '-'
                            + QByteArray::number(c) + '-' + QByteArray::number(seq);
                    const QByteArray body = R"({"eventId":")" + uid
                            + R"(","eventType":"ticket:created","orgId":"O1","payload":{"ticket":{"title":")"
                            + uid + R"("}}})";
                    qint64 id = 0;
                    const int status = poster.post(body, &id);
                    const std::lock_guard lock(mutex);
                    ++sent;
                    if (status >= 200 && status < 300)
                        acknowledged.insert(uid, id);
                    else
                        ++broken; // killed mid-exchange, or not listening (yet/any more)
                }
            });
        }
        // Kill at a random point: sometimes right away, sometimes well into the posting.
        const int killAfterMs = int(m_rng.bounded(900));
        std::this_thread::sleep_for(std::chrono::milliseconds(killAfterMs));
        listen.kill(); // SIGKILL
        QVERIFY(listen.waitForFinished(10000));
        QCOMPARE(listen.exitStatus(), QProcess::CrashExit);
        stop = true;
        for (std::thread &w : workers)
            w.join();
        qInfo("round %d: killed after %d ms; %lld acknowledged so far", round, killAfterMs,
              qint64(acknowledged.size()));

        // What kill -9 left behind is a sound database (WAL recovery included).
        QCOMPARE(integrityCheck(db), u"ok"_s);
    }

    // One clean restart, so the last WAL is checkpointed by the application itself.
    QProcess listen;
    QVERIFY2(startListen(listen, dir.path(), port), m_stderr.constData());
    QVERIFY2(stopListen(listen), m_stderr.constData());

    QHash<QByteArray, QList<qint64>> stored; // unique id -> store ids
    qint64 rows = 0;
    QVERIFY(withDatabase(db, [&](QSqlDatabase &database) {
        QSqlQuery q(database);
        q.setForwardOnly(true);
        if (!q.exec(u"SELECT id, body FROM events ORDER BY id"_s))
            return false;
        while (q.next()) {
            ++rows;
            const QByteArray uid = QJsonDocument::fromJson(q.value(1).toByteArray())
                                           .object()
                                           .value(u"eventId"_s)
                                           .toString()
                                           .toUtf8();
            stored[uid].append(q.value(0).toLongLong());
        }
        return true;
    }));
    QCOMPARE(integrityCheck(db), u"ok"_s);

    qint64 unacknowledgedButStored = 0;
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        QVERIFY2(it.key().startsWith("dur-"), it.key().constData());
        QVERIFY2(it.value().size() == 1,
                 qPrintable(u"%1 stored %2 times"_s.arg(QString::fromUtf8(it.key()))
                                    .arg(it.value().size())));
        unacknowledgedButStored += !acknowledged.contains(it.key());
    }
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
        const auto found = stored.constFind(it.key());
        QVERIFY2(found != stored.cend(),
                 qPrintable(u"%1 was acknowledged (id %2) but is not in the store"_s
                                    .arg(QString::fromUtf8(it.key()))
                                    .arg(it.value())));
        QCOMPARE(found->constFirst(), it.value());
    }
    qInfo("%d kill -9 rounds, %d connections: %lld requests, %lld acknowledged, all stored once; "
          "%lld stored but "
          "not acknowledged (in flight at a kill), %lld exchanges broken; %lld rows; integrity ok",
          Rounds, Connections, sent, qint64(acknowledged.size()), unacknowledgedButStored, broken,
          rows);
    QVERIFY(acknowledged.size() > 0);
}

void tst_Durability::damagedDatabaseIsMovedAside_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("keepTime"); // the file's modification time is put back
    QTest::addRow("random bytes over pages in the middle") << u"middle"_s << false;
    QTest::addRow("random bytes over the file header") << u"header"_s << false;
    QTest::addRow("not a database at all") << u"replace"_s << false;
    // Bit rot: the disk changes bytes without touching the file's size or time.
    QTest::addRow("pages in the middle, size and time unchanged") << u"middle"_s << true;
}

void tst_Durability::damagedDatabaseIsMovedAside()
{
    QFETCH(QString, damage);
    QFETCH(bool, keepTime);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY2(makeDatabase(dir.path(), 200), m_stderr.constData());
    const QString db = dir.filePath(u"events.db"_s);
    QVERIFY(!QFile::exists(db + u"-wal"_s)); // a clean close checkpointed everything
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
        out.write(damaged);
        out.flush();
        if (keepTime)
            QVERIFY(out.setFileTime(modified, QFileDevice::FileModificationTime));
    }
    if (keepTime)
        QCOMPARE(QFileInfo(db).lastModified(), modified);
    qInfo("damage (%s): SQLite says %s", qPrintable(damage), qPrintable(verdict.left(120)));

    const quint16 port = freePort();
    QProcess listen;
    QVERIFY2(startListen(listen, dir.path(), port), m_stderr.constData());
    // Said clearly, with where the damaged file went...
    QVERIFY2(m_stderr.contains("damaged") && m_stderr.contains("moved to"), m_stderr.constData());
    const QStringList aside = QDir(dir.path()).entryList({ u"events.db.damaged-*"_s }, QDir::Files);
    QVERIFY2(aside.size() >= 1, qPrintable(QDir(dir.path()).entryList().join(u", "_s)));
    const QStringList asideMain =
            aside.filter(QRegularExpression(u"^events\\.db\\.damaged-[0-9-]+$"_s));
    QCOMPARE(asideMain.size(), 1);
    QVERIFY2(m_stderr.contains(asideMain.first().toUtf8()), m_stderr.constData());
    // ...and kept byte for byte.
    QVERIFY(readFile(dir.filePath(asideMain.first())) == damaged);

    // A fresh store took its place and works.
    qint64 id = 0;
    int status = 0;
    std::thread poster([&] {
        status = Poster(port).post(Fixtures::read(u"platform-account-updated.json"_s), &id);
    });
    poster.join();
    QCOMPARE(status, 200);
    QVERIFY2(stopListen(listen), m_stderr.constData());
    QCOMPARE(integrityCheck(db), u"ok"_s);
    qint64 rows = -1;
    withDatabase(db, [&](QSqlDatabase &database) {
        QSqlQuery q(database);
        if (q.exec(u"SELECT count(*) FROM events"_s) && q.next())
            rows = q.value(0).toLongLong();
        return true;
    });
    QCOMPARE(rows, 1);
    QVERIFY(readFile(dir.filePath(asideMain.first())) == damaged); // still untouched
}

void tst_Durability::newerSchemaIsLeftUntouched()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY2(makeDatabase(dir.path(), 5), m_stderr.constData());
    const QString db = dir.filePath(u"events.db"_s);
    {
        const QString name = u"tst-durability-writer"_s;
        {
            QSqlDatabase writer = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            writer.setDatabaseName(db);
            QVERIFY(writer.open());
            QSqlQuery q(writer);
            QVERIFY(q.exec(u"PRAGMA user_version = 99"_s));
            QVERIFY(q.exec(u"CREATE TABLE from_the_future (x)"_s));
        }
        QSqlDatabase::removeDatabase(name);
    }
    QVERIFY(!QFile::exists(db + u"-wal"_s));
    const QByteArray before = readFile(db);

    for (const QStringList &args :
         { QStringList{ u"listen"_s, u"--port"_s, QString::number(freePort()) },
           QStringList{ u"export"_s, u"-o"_s, u"-"_s } }) {
        QProcess p;
        p.start(QStringLiteral(HOOKSCOPE_EXE), args + QStringList{ u"--data-dir"_s, dir.path() });
        QVERIFY(p.waitForFinished(30000));
        const QByteArray err = p.readAllStandardError();
        qInfo("%s: exit %d: %s", qPrintable(args.first()), p.exitCode(), err.trimmed().constData());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains("newer Hookscope") && err.contains("99"), err.constData());
        // Never overwritten, never moved aside.
        QVERIFY(readFile(db) == before);
        QVERIFY(QDir(dir.path()).entryList({ u"*damaged*"_s }).isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_Durability)
#include "tst_durability.moc"
