// SPDX-License-Identifier: MIT
// RelayStore's bounds against a real SQLite file: what an event costs (storedBytes), the
// per-channel byte bound with header-heavy deliveries, the global bound (what readers have
// received goes first, oldest first across channels; what no reader has received is never
// evicted: the delivery is refused), write health, and totals across reopens.
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <numeric>
#include <vector>

#include "core/relay/relaystore.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// A delivery with `headerBytes` of header values (in fields of at most 1,000 bytes) and a
// body of `bodyBytes`.
RelayEvent makeEvent(const QString &channel, qint64 headerBytes, qint64 bodyBytes)
{
    RelayEvent e;
    e.channel = channel;
    e.method = u"POST"_s;
    e.path = u"/hook"_s;
    e.query = u"a=1"_s;
    e.remoteAddress = u"203.0.113.9"_s;
    e.contentType = u"application/json"_s;
    e.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    for (qint64 left = headerBytes, n = 0; left > 0; left -= 1000, ++n)
        e.headers.append(qMakePair("X-Filler-" + QByteArray::number(n),
                                   QByteArray(qMin<qint64>(left, 1000), 'h')));
    e.body = QByteArray(bodyBytes, 'b');
    return e;
}

struct Outcome
{
    qint64 id = -1;
    QString error;
};

// Submits and commits at once; returns how the completion went.
Outcome store(RelayStore &s, RelayEvent e)
{
    auto outcome = std::make_shared<Outcome>();
    s.submit(std::move(e), [outcome](qint64 id, const QString &error) {
        outcome->id = id;
        outcome->error = error;
    });
    s.flush();
    return *outcome;
}

qint64 sumOfChannelBytes(const RelayStore &s, const QStringList &channels)
{
    qint64 sum = 0;
    for (const QString &c : channels)
        sum += s.stats(c)->bytes;
    return sum;
}

qint64 fileSize(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}

// The store's own SQLite connection (the test's way to make the disk "full").
QSqlDatabase storeConnection()
{
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (name.startsWith("hookscope-relay-"_L1) && !name.endsWith("-salvage"_L1))
            return QSqlDatabase::database(name, false);
    }
    return {};
}

} // namespace

class tst_RelayStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void storedBytesCountsWhatIsStored();
    void headerHeavyEventsStayWithinTheChannelBound();
    void globalBoundEvictsReceivedOldestFirstAcrossChannels();
    void batchAdmitsWhatFits();
    void pendingDeliveriesCountForHasRoomFor();
    void reopenKeepsTotals();
    void reopenWithSmallerBoundEvictsReceived();
    void schema1RowsAreCounted();
    void diskFullFailsCommitUntilOneSucceeds();
    void expiryMakesRoom();
    void notOpenHasNoRoom();

private:
    bool openStore(RelayStore &s, const RelayStore::Limits &limits);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_RelayStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_RelayStore::cleanup()
{
    m_dir.reset();
}

bool tst_RelayStore::openStore(RelayStore &s, const RelayStore::Limits &limits)
{
    s.setLimits(limits);
    if (!s.open(m_dir->path())) {
        qWarning() << s.errorString();
        return false;
    }
    return true;
}

void tst_RelayStore::storedBytesCountsWhatIsStored()
{
    RelayStore s;
    QVERIFY(openStore(s, {}));
    QVERIFY(s.createChannel(u"c1"_s, u"t"_s));
    RelayEvent e = makeEvent(u"c1"_s, 2500, 300);
    // Bytes JSON escapes or UTF-8 widens, and text beyond ASCII.
    e.headers.append(qMakePair(QByteArray("X-Odd"), QByteArray("q\"b\\s\tc\x01\xe9\xff", 10)));
    e.path = u"/h\u00e9/\u20ac/\U0001F600"_s;
    // Body, POST, the path (three slashes, h, é, €, 😀 as UTF-8), a=1, the content type and
    // the remote address.
    const qint64 expected = RelayStore::RowOverheadBytes + 300 + 4 + (3 + 1 + 2 + 3 + 4) + 3 + 16
            + 11 + RelayStore::HeaderFieldOverheadBytes * e.headers.size()
            + std::accumulate(e.headers.cbegin(), e.headers.cend(), qint64(0),
                              [](qint64 n, const auto &h) {
                                  return n + h.first.size() + h.second.size();
                              })
            // X-Odd's value: " and \ escaped (+2), TAB as \t (+1), 0x01 as \u0001 (+5),
            // two bytes over 0x7f as two-byte UTF-8 (+2).
            + 10;
    QCOMPARE(RelayStore::storedBytes(e), expected);

    const Outcome o = store(s, e);
    QVERIFY2(o.id > 0, qPrintable(o.error));
    QCOMPARE(s.stats(u"c1"_s)->bytes, expected);
    QCOMPARE(s.totalBytes(), expected);

    // What is on disk: stored_bytes, and the columns themselves (the headers' JSON text has
    // one byte more: the array's brackets less the last field's comma).
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(s.databasePath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(u"SELECT stored_bytes, 64 + length(CAST(method AS BLOB))"
                        u" + length(CAST(path AS BLOB)) + length(CAST(query AS BLOB))"
                        u" + length(CAST(remote_addr AS BLOB)) + length(CAST(content_type AS BLOB))"
                        u" + length(CAST(headers AS BLOB)) + length(body) FROM events"_s),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), expected);
        QCOMPARE(q.value(1).toLongLong(), expected + 1);
    }
    QSqlDatabase::removeDatabase(u"peek"_s);
}

void tst_RelayStore::headerHeavyEventsStayWithinTheChannelBound()
{
    RelayStore s;
    RelayStore::Limits limits;
    limits.maxBytesPerChannel = 10'000;
    limits.maxTotalBytes = 0;
    QVERIFY(openStore(s, limits));
    QVERIFY(s.createChannel(u"c1"_s, u"t"_s));

    // 60 KB of headers, a tiny body: each alone is over the channel's bound, so none is
    // stored (before, only the 2-byte bodies were counted and all 150 were kept: 9.9 MB).
    const RelayEvent heavy = makeEvent(u"c1"_s, 60'000, 2);
    QVERIFY(RelayStore::storedBytes(heavy) > 60'000);
    QString why;
    QVERIFY(!s.hasRoomFor(RelayStore::storedBytes(heavy), &why));
    QVERIFY2(RelayStore::isFullError(why), qPrintable(why));
    for (int i = 0; i < 150; ++i) {
        const Outcome o = store(s, heavy);
        QCOMPARE(o.id, 0);
        QVERIFY2(RelayStore::isFullError(o.error), qPrintable(o.error));
        QVERIFY(s.stats(u"c1"_s)->bytes <= limits.maxBytesPerChannel);
    }
    QCOMPARE(s.stats(u"c1"_s)->events, 0);
    QVERIFY(s.canWrite(&why)); // a delivery too large for any channel says nothing of health
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // 3 KB of headers: three fit; the oldest go (no reader: counted as dropped).
    const RelayEvent medium = makeEvent(u"c1"_s, 3000, 2);
    const qint64 size = RelayStore::storedBytes(medium);
    QVERIFY(size > 3000 && 3 * size <= limits.maxBytesPerChannel);
    QVERIFY(s.hasRoomFor(size));
    for (int i = 0; i < 150; ++i) {
        const Outcome o = store(s, medium);
        QVERIFY2(o.id > 0, qPrintable(o.error));
        const RelayStore::ChannelStats stats = *s.stats(u"c1"_s);
        QVERIFY2(stats.bytes <= limits.maxBytesPerChannel,
                 qPrintable(QString::number(stats.bytes)));
        QCOMPARE(stats.bytes, stats.events * size);
        QCOMPARE(s.totalBytes(), stats.bytes);
    }
    const RelayStore::ChannelStats stats = *s.stats(u"c1"_s);
    QCOMPARE(stats.events, limits.maxBytesPerChannel / size);
    QCOMPARE(stats.dropped, 150 - stats.events);

    const QString db = s.databasePath();
    s.close(); // checkpoints the WAL
    const qint64 onDisk = fileSize(db) + fileSize(db + u"-wal"_s);
    QVERIFY2(onDisk < 2 * 1024 * 1024, qPrintable(QString::number(onDisk)));
}

void tst_RelayStore::globalBoundEvictsReceivedOldestFirstAcrossChannels()
{
    const qint64 size = RelayStore::storedBytes(makeEvent(u"a"_s, 500, 500));
    RelayStore s;
    RelayStore::Limits limits;
    limits.maxTotalBytes = 10 * size;
    QVERIFY(openStore(s, limits));
    QVERIFY(s.createChannel(u"a"_s, u"t"_s));
    QVERIFY(s.createChannel(u"b"_s, u"t"_s));
    const QStringList channels{ u"a"_s, u"b"_s };

    // Ten events, alternating: a gets ids[0], ids[2], …; b gets ids[1], ids[3], …
    std::vector<qint64> ids;
    for (int i = 0; i < 10; ++i) {
        const Outcome o = store(s, makeEvent(channels[i % 2], 500, 500));
        QVERIFY2(o.id > 0, qPrintable(o.error));
        ids.push_back(o.id);
    }
    QCOMPARE(s.totalBytes(), 10 * size);
    // At the bound, and no reader has received anything: full.
    QVERIFY(!s.hasRoomFor(1));
    QVERIFY(!s.canWrite());
    // a's reader has received its first three (ids[0], ids[2], ids[4]), b's its first two
    // (ids[1], ids[3]).
    s.advanceCursor(u"a"_s, ids[4]);
    s.advanceCursor(u"b"_s, ids[3]);
    QVERIFY(s.canWrite());
    QVERIFY(s.hasRoomFor(5 * size));
    QVERIFY(!s.hasRoomFor(5 * size + 1));

    // Three more for a: the three oldest received go, whichever channel they are in.
    for (int i = 0; i < 3; ++i) {
        const Outcome o = store(s, makeEvent(u"a"_s, 500, 500));
        QVERIFY2(o.id > 0, qPrintable(o.error));
        ids.push_back(o.id);
        QVERIFY(s.totalBytes() <= limits.maxTotalBytes);
        QCOMPARE(s.totalBytes(), sumOfChannelBytes(s, channels));
    }
    QCOMPARE(s.oldestId(u"a"_s), ids[4]);
    QCOMPARE(s.oldestId(u"b"_s), ids[3]);
    QCOMPARE(s.stats(u"a"_s)->evictedUpTo, ids[2]);
    QCOMPARE(s.stats(u"b"_s)->evictedUpTo, ids[1]);
    QCOMPARE(s.stats(u"a"_s)->dropped, 0);
    QCOMPARE(s.stats(u"b"_s)->dropped, 0);

    // Two more (for b) take the last received ones.
    for (int i = 0; i < 2; ++i) {
        const Outcome o = store(s, makeEvent(u"b"_s, 500, 500));
        QVERIFY2(o.id > 0, qPrintable(o.error));
        ids.push_back(o.id);
    }
    QCOMPARE(s.oldestId(u"a"_s), ids[6]);
    QCOMPARE(s.oldestId(u"b"_s), ids[5]);
    QCOMPARE(s.totalBytes(), 10 * size);

    // Nothing received is left: the next delivery is refused, nothing is evicted.
    QString why;
    QVERIFY(!s.hasRoomFor(size, &why));
    QVERIFY2(RelayStore::isFullError(why), qPrintable(why));
    QVERIFY(s.hasRoomFor(0)); // what is stored fits: only more does not
    const Outcome refused = store(s, makeEvent(u"a"_s, 500, 500));
    QCOMPARE(refused.id, 0);
    QVERIFY2(RelayStore::isFullError(refused.error), qPrintable(refused.error));
    QCOMPARE(s.totalBytes(), 10 * size);
    QCOMPARE(s.stats(u"a"_s)->events + s.stats(u"b"_s)->events, 10);
    QCOMPARE(s.oldestId(u"a"_s), ids[6]);
    QCOMPARE(s.oldestId(u"b"_s), ids[5]);
    QCOMPARE(s.stats(u"a"_s)->dropped + s.stats(u"b"_s)->dropped, 0);
    QVERIFY(!s.canWrite(&why));
    QVERIFY2(RelayStore::isFullError(why), qPrintable(why));

    // b's reader catches up on one event: room for one more, health is back.
    s.advanceCursor(u"b"_s, ids[5]);
    QVERIFY(s.hasRoomFor(size));
    QVERIFY(!s.hasRoomFor(size + 1));
    QVERIFY2(s.canWrite(&why), qPrintable(why));
    const Outcome accepted = store(s, makeEvent(u"a"_s, 500, 500));
    QVERIFY2(accepted.id > 0, qPrintable(accepted.error));
    QCOMPARE(s.stats(u"b"_s)->evictedUpTo, ids[5]);
    QCOMPARE(s.totalBytes(), 10 * size);
    QCOMPARE(s.totalBytes(), sumOfChannelBytes(s, channels));
    // Full again, not over: nothing is left to evict, but the last delivery was accepted.
    QVERIFY(!s.hasRoomFor(1));
    QVERIFY(!s.canWrite(&why)); // not even one more byte fits
}

void tst_RelayStore::batchAdmitsWhatFits()
{
    const qint64 size = RelayStore::storedBytes(makeEvent(u"a"_s, 100, 1000));
    RelayStore s;
    RelayStore::Limits limits;
    limits.maxTotalBytes = 4 * size;
    QVERIFY(openStore(s, limits));
    QVERIFY(s.createChannel(u"a"_s, u"t"_s));
    qint64 last = 0;
    for (int i = 0; i < 4; ++i)
        last = store(s, makeEvent(u"a"_s, 100, 1000)).id;
    QVERIFY(last > 0);
    // Two received: in one batch of four, the first two fit, the other two are refused.
    s.advanceCursor(u"a"_s, last - 2);
    std::vector<Outcome> outcomes(4);
    for (size_t i = 0; i < outcomes.size(); ++i) {
        s.submit(makeEvent(u"a"_s, 100, 1000), [&outcomes, i](qint64 id, const QString &error) {
            outcomes[i] = { id, error };
        });
    }
    QCOMPARE(s.pendingCount(), 4);
    s.flush();
    QVERIFY2(outcomes[0].id > 0 && outcomes[1].id > 0, qPrintable(outcomes[1].error));
    QCOMPARE(outcomes[2].id, 0);
    QCOMPARE(outcomes[3].id, 0);
    QVERIFY(RelayStore::isFullError(outcomes[2].error));
    QVERIFY(RelayStore::isFullError(outcomes[3].error));
    QCOMPARE(s.stats(u"a"_s)->events, 4);
    QCOMPARE(s.stats(u"a"_s)->evictedUpTo, last - 2);
    QCOMPARE(s.stats(u"a"_s)->dropped, 0);
    QCOMPARE(s.totalBytes(), 4 * size);
}

void tst_RelayStore::pendingDeliveriesCountForHasRoomFor()
{
    const RelayEvent e = makeEvent(u"a"_s, 100, 1000);
    const qint64 size = RelayStore::storedBytes(e);
    RelayStore s;
    RelayStore::Limits limits;
    limits.maxTotalBytes = 3 * size;
    QVERIFY(openStore(s, limits));
    QVERIFY(s.createChannel(u"a"_s, u"t"_s));
    s.submit(e);
    s.submit(e);
    QVERIFY(s.hasRoomFor(size));
    QVERIFY(!s.hasRoomFor(size + 1));
    QCOMPARE(s.totalBytes(), 0); // not committed yet
    s.flush();
    QCOMPARE(s.totalBytes(), 2 * size);
    QVERIFY(s.hasRoomFor(size));
    QVERIFY(!s.hasRoomFor(size + 1));
}

void tst_RelayStore::reopenKeepsTotals()
{
    RelayStore::Limits limits;
    limits.maxTotalBytes = 20'000;
    qint64 total = 0;
    RelayStore::ChannelStats a, b;
    {
        RelayStore s;
        QVERIFY(openStore(s, limits));
        QVERIFY(s.createChannel(u"a"_s, u"t"_s));
        QVERIFY(s.createChannel(u"b"_s, u"t"_s));
        qint64 lastA = 0;
        for (int i = 0; i < 30; ++i) {
            const Outcome o = store(s, makeEvent(i % 3 ? u"a"_s : u"b"_s, 300 + 37 * i, 11 * i));
            if (i % 3)
                lastA = o.id > 0 ? o.id : lastA;
            if (i == 15)
                s.advanceCursor(u"a"_s, lastA);
        }
        total = s.totalBytes();
        a = *s.stats(u"a"_s);
        b = *s.stats(u"b"_s);
        QVERIFY(total > 0 && total <= limits.maxTotalBytes);
        QCOMPARE(total, a.bytes + b.bytes);
        QVERIFY(a.evictedUpTo > 0); // what a's reader received made room
        QCOMPARE(b.evictedUpTo, 0);
    }
    RelayStore s;
    QVERIFY(openStore(s, limits));
    QCOMPARE(s.totalBytes(), total);
    QCOMPARE(s.stats(u"a"_s)->bytes, a.bytes);
    QCOMPARE(s.stats(u"a"_s)->events, a.events);
    QCOMPARE(s.stats(u"a"_s)->cursor, a.cursor);
    QCOMPARE(s.stats(u"b"_s)->bytes, b.bytes);
    QCOMPARE(s.stats(u"b"_s)->events, b.events);
    QCOMPARE(s.stats(u"a"_s)->evictedUpTo, a.evictedUpTo);
}

void tst_RelayStore::reopenWithSmallerBoundEvictsReceived()
{
    const qint64 size = RelayStore::storedBytes(makeEvent(u"a"_s, 200, 200));
    std::vector<qint64> ids;
    {
        RelayStore s;
        QVERIFY(openStore(s, {}));
        QVERIFY(s.createChannel(u"a"_s, u"t"_s));
        QVERIFY(s.createChannel(u"b"_s, u"t"_s));
        for (int i = 0; i < 8; ++i)
            ids.push_back(store(s, makeEvent(i < 4 ? u"a"_s : u"b"_s, 200, 200)).id);
        s.advanceCursor(u"a"_s, ids[3]); // a: all received; b: none
        QCOMPARE(s.totalBytes(), 8 * size);
    }
    RelayStore s;
    RelayStore::Limits limits;
    limits.maxTotalBytes = 5 * size;
    QVERIFY(openStore(s, limits));
    // a's three oldest went; b's undelivered events stay.
    QCOMPARE(s.totalBytes(), 5 * size);
    QCOMPARE(s.stats(u"a"_s)->events, 1);
    QCOMPARE(s.stats(u"a"_s)->evictedUpTo, ids[2]);
    QCOMPARE(s.stats(u"b"_s)->events, 4);
    QVERIFY(s.canWrite());
    s.close();

    // Lower still: only a's last received event can go; over the bound, writes are refused.
    limits.maxTotalBytes = 3 * size;
    QVERIFY(openStore(s, limits));
    QCOMPARE(s.totalBytes(), 4 * size);
    QCOMPARE(s.stats(u"a"_s)->events, 0);
    QCOMPARE(s.stats(u"b"_s)->events, 4);
    QString why;
    QVERIFY(!s.canWrite(&why));
    QVERIFY2(RelayStore::isFullError(why), qPrintable(why));
    QVERIFY(!s.hasRoomFor(1));
    QCOMPARE(store(s, makeEvent(u"a"_s, 200, 200)).id, 0);
}

void tst_RelayStore::schema1RowsAreCounted()
{
    // A buffer written by a relay before stored_bytes: its rows are counted from their
    // columns, the same way every time the file is opened.
    const QString path = QDir(m_dir->path()).filePath(RelayStore::databaseFileName());
    const QString headersJson = u"[[\"X-Big\",\""_s + QString(5000, u'x') + u"\"]]"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &sql :
             { u"CREATE TABLE channels (id TEXT PRIMARY KEY, token_hash BLOB NOT NULL,"
               u" created_at INTEGER NOT NULL, last_active INTEGER NOT NULL,"
               u" cursor INTEGER NOT NULL DEFAULT 0, dropped INTEGER NOT NULL DEFAULT 0,"
               u" evicted_up_to INTEGER NOT NULL DEFAULT 0)"_s,
               u"CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL,"
               u" received_at INTEGER NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,"
               u" query TEXT NOT NULL, remote_addr TEXT NOT NULL, content_type TEXT NOT NULL,"
               u" headers TEXT NOT NULL, body BLOB NOT NULL, size INTEGER NOT NULL)"_s,
               u"CREATE INDEX events_channel ON events(channel, id)"_s,
               u"PRAGMA user_version = 1"_s })
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        q.prepare(
                u"INSERT INTO channels (id, token_hash, created_at, last_active) VALUES (?,?,?,?)"_s);
        q.addBindValue(u"a"_s);
        q.addBindValue(QCryptographicHash::hash("t", QCryptographicHash::Sha256));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        q.prepare(u"INSERT INTO events (channel, received_at, method, path, query, remote_addr,"
                  u" content_type, headers, body, size) VALUES ('a', 1, 'POST', '/h', '',"
                  u" '127.0.0.1', 'text/plain', ?, ?, 5)"_s);
        q.addBindValue(headersJson);
        q.addBindValue(QByteArray("hello"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(u"v1"_s);
    // 64 + POST + /h + 127.0.0.1 + text/plain + the headers' JSON + the body
    const qint64 legacy = 64 + 4 + 2 + 9 + 10 + headersJson.size() + 5;

    qint64 total = 0;
    {
        RelayStore s;
        QVERIFY(openStore(s, {}));
        QVERIFY(s.checkToken(u"a"_s, u"t"_s));
        QCOMPARE(s.stats(u"a"_s)->bytes, legacy);
        const Outcome o = store(s, makeEvent(u"a"_s, 100, 100));
        QVERIFY2(o.id > 0, qPrintable(o.error));
        total = s.totalBytes();
        QCOMPARE(total, legacy + RelayStore::storedBytes(makeEvent(u"a"_s, 100, 100)));
        const QList<RelayEvent> events = s.eventsAfter(u"a"_s, 0);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].headers.constFirst().second.size(), 5000);
    }
    RelayStore s;
    QVERIFY(openStore(s, {}));
    QCOMPARE(s.totalBytes(), total);
}

void tst_RelayStore::diskFullFailsCommitUntilOneSucceeds()
{
    RelayStore s;
    QVERIFY(openStore(s, {}));
    QVERIFY(s.createChannel(u"a"_s, u"t"_s));
    QVERIFY(store(s, makeEvent(u"a"_s, 100, 100)).id > 0);
    QVERIFY(s.canWrite());

    // SQLite's page limit stands for a full disk: the file may not grow any more.
    QSqlDatabase db = storeConnection();
    QVERIFY(db.isValid());
    QSqlQuery q(db);
    QVERIFY(q.exec(u"PRAGMA page_count"_s) && q.next());
    const qint64 pages = q.value(0).toLongLong();
    QVERIFY(q.exec(u"PRAGMA max_page_count = %1"_s.arg(pages)));
    q.finish();

    const qint64 before = s.totalBytes();
    const Outcome failed = store(s, makeEvent(u"a"_s, 100, 200'000));
    QCOMPARE(failed.id, 0);
    QVERIFY2(RelayStore::isFullError(failed.error), qPrintable(failed.error));
    QCOMPARE(s.totalBytes(), before);
    QCOMPARE(s.stats(u"a"_s)->events, 1);
    QString why;
    QVERIFY(!s.canWrite(&why));
    QCOMPARE(why, failed.error);
    QVERIFY(!s.isDamaged());

    // Room again: the next commit succeeds and health is back.
    QVERIFY(q.exec(u"PRAGMA max_page_count = 1073741823"_s));
    q.finish();
    const Outcome ok = store(s, makeEvent(u"a"_s, 100, 200'000));
    QVERIFY2(ok.id > 0, qPrintable(ok.error));
    QVERIFY2(s.canWrite(&why), qPrintable(why));
}

void tst_RelayStore::expiryMakesRoom()
{
    const qint64 size = RelayStore::storedBytes(makeEvent(u"a"_s, 100, 100));
    RelayStore s;
    RelayStore::Limits limits;
    limits.maxTotalBytes = 2 * size;
    QVERIFY(openStore(s, limits));
    QVERIFY(s.createChannel(u"a"_s, u"t"_s));
    QVERIFY(store(s, makeEvent(u"a"_s, 100, 100)).id > 0);
    QVERIFY(store(s, makeEvent(u"a"_s, 100, 100)).id > 0);
    QVERIFY(!s.hasRoomFor(size));
    QCOMPARE(store(s, makeEvent(u"a"_s, 100, 100)).id, 0);
    QVERIFY(!s.canWrite());
    QCOMPARE(s.expireChannels(QDateTime::currentMSecsSinceEpoch() + 1), 1);
    QCOMPARE(s.totalBytes(), 0);
    QVERIFY(s.hasRoomFor(2 * size));
    QVERIFY(s.canWrite());
}

void tst_RelayStore::notOpenHasNoRoom()
{
    RelayStore s;
    QString why;
    QVERIFY(!s.hasRoomFor(1, &why));
    QVERIFY(!why.isEmpty());
    QVERIFY(!RelayStore::isFullError(why));
    QVERIFY(!s.canWrite(&why));
    QVERIFY(!RelayStore::isFullError(why));
    QVERIFY(!RelayStore::isFullError(QString()));
}

QTEST_GUILESS_MAIN(tst_RelayStore)
#include "tst_relaystore.moc"
