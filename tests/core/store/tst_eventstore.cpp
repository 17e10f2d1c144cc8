// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <thread>
#include <vector>

#include "core/common/sqlitefile.h"
#include "core/common/sqlvalues.h"
#include "core/events/eventparser.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// An event as the receiver would build it: the parser's view of the body plus request data.
Event makeEvent(const QByteArray &body, const QByteArray &contentType = "application/json")
{
    const ParsedEvent parsed = EventParser::parse(body, contentType);
    Event e;
    e.summary.receivedAt = QDateTime::currentMSecsSinceEpoch();
    parsed.applyTo(e);
    e.summary.source = EventSource::Local;
    e.method = u"POST"_s;
    e.path = u"/hooks/thena"_s;
    e.contentType = QString::fromLatin1(contentType);
    e.remoteAddress = u"127.0.0.1"_s;
    e.headers = { { "Content-Type", contentType }, { "User-Agent", "tst_eventstore/1.0" } };
    e.body = body;
    return e;
}

// A minimal event with a chosen eventId (repeat detection) and a plain-text body.
Event textEvent(const QByteArray &body, const QString &eventId = {})
{
    Event e = makeEvent(body, "text/plain");
    e.summary.type = u"test:event"_s;
    e.summary.eventId = eventId;
    return e;
}

// Collects completions by submission index.
struct Completions
{
    std::vector<qint64> ids;
    std::vector<QString> errors;
    std::vector<int> calls;

    EventStore::Completion slot(size_t index)
    {
        if (ids.size() <= index) {
            ids.resize(index + 1, -1);
            errors.resize(index + 1);
            calls.resize(index + 1, 0);
        }
        return [this, index](qint64 id, const QString &error) {
            ids[index] = id;
            errors[index] = error;
            ++calls[index];
        };
    }
    int done() const
    {
        int n = 0;
        for (int c : calls)
            n += c > 0 ? 1 : 0;
        return n;
    }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Runs `work` on a private QSqlDatabase connection to `path` (not the store's).
void withDatabase(const QString &path, const std::function<void(QSqlDatabase &)> &work)
{
    const QString name = u"tst-eventstore-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        work(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QVariant scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning("query failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    return q.value(0);
}

void compareEvent(const Event &actual, const Event &expected, qint64 id)
{
    QCOMPARE(actual.summary.id, id);
    QCOMPARE(actual.summary.receivedAt, expected.summary.receivedAt);
    QCOMPARE(actual.summary.occurredAt, expected.summary.occurredAt);
    QCOMPARE(actual.summary.type, expected.summary.type);
    QCOMPARE(actual.summary.eventId, expected.summary.eventId);
    QCOMPARE(actual.summary.team, expected.summary.team);
    QCOMPARE(actual.summary.actor, expected.summary.actor);
    QCOMPARE(actual.summary.entity, expected.summary.entity);
    QCOMPARE(actual.summary.summary, expected.summary.summary);
    QCOMPARE(actual.summary.source, expected.summary.source);
    QCOMPARE(actual.summary.status, QString(EventStatus::Ok));
    QCOMPARE(actual.summary.size, qint64(expected.body.size()));
    QCOMPARE(actual.org, expected.org);
    QCOMPARE(actual.method, expected.method);
    QCOMPARE(actual.path, expected.path);
    QCOMPARE(actual.query, expected.query);
    QCOMPARE(actual.remoteAddress, expected.remoteAddress);
    QCOMPARE(actual.contentType, expected.contentType);
    QCOMPARE(actual.headers, expected.headers);
    QCOMPARE(actual.body.size(), expected.body.size());
    QCOMPARE(actual.body, expected.body);
}

// The exact schema-1 table of EventStore::migrateTo1().
const QString Schema1Table = u"CREATE TABLE events ("
                             u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
                             u" received_at INTEGER NOT NULL,"
                             u" occurred_at INTEGER NOT NULL DEFAULT 0,"
                             u" type TEXT NOT NULL,"
                             u" event_id TEXT NOT NULL DEFAULT '',"
                             u" team TEXT NOT NULL DEFAULT '',"
                             u" entity TEXT NOT NULL DEFAULT '',"
                             u" summary TEXT NOT NULL DEFAULT '',"
                             u" source TEXT NOT NULL,"
                             u" status TEXT NOT NULL,"
                             u" size INTEGER NOT NULL,"
                             u" method TEXT NOT NULL DEFAULT '',"
                             u" path TEXT NOT NULL DEFAULT '',"
                             u" query TEXT NOT NULL DEFAULT '',"
                             u" content_type TEXT NOT NULL DEFAULT '',"
                             u" headers TEXT NOT NULL DEFAULT '[]',"
                             u" body BLOB)"_s;

} // namespace

class tst_EventStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip();
    void nonUtf8HeaderValues();
    void closeCommitsPending();
    void groupCommit();
    void inletFromOtherThreads();
    void headersJsonIsQJsonDocumentsText();
    void repeats();
    void migrationFromSchema1_data();
    void migrationFromSchema1();
    void newStoreAtCurrentSchema();
    void headersWrittenBySchema1();
    void retention_data();
    void retention();
    void clear();
    void damagedFileMovedAside_data();
    void damagedFileMovedAside();
    void damagedFileClosedBeforeMove();
    void newerSchemaRefused_data();
    void newerSchemaRefused();
    void largeFileCheckedInBackground();
    void closeDuringTheBackgroundCheckIsClean();
    void uncertainCheckKeepsFile();
    void readOnlyBesideWriter();
    void readOnlyWithoutWriter();
    void fullText();

private:
    // Submits and waits for the completion; returns the id (0 on failure).
    qint64 store(EventStore &store, Event event);
};

void tst_EventStore::initTestCase()
{
    QLoggingCategory::setFilterRules(u"hookscope.*.info=false"_s);
}

qint64 tst_EventStore::store(EventStore &s, Event event)
{
    qint64 result = -1;
    s.submit(std::move(event), [&result](qint64 id, const QString &) { result = id; });
    if (!QTest::qWaitFor([&result] { return result >= 0; }, 5000))
        return -1;
    return result;
}

void tst_EventStore::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    QByteArray allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.append(char(i));
    QByteArray big(3 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator rng(42);
    rng.fillRange(reinterpret_cast<quint32 *>(big.data()), big.size() / 4);

    std::vector<Event> events;
    {
        Event e = makeEvent(Fixtures::read(u"platform-ticket-created.json"_s));
        e.query = u"source=thena&x=%20y"_s;
        e.headers.append(
                qMakePair(QByteArray("X-Unicode"), QByteArray("caf\xc3\xa9 \xe2\x98\x95")));
        events.push_back(e);
    }
    events.push_back(makeEvent(QByteArray("\xff\xfe\x00\x01\x80 binary \x00 tail \xc3", 20),
                               "application/octet-stream"));
    events.push_back(makeEvent(QByteArray(16, '\0'), "application/octet-stream"));
    events.push_back(makeEvent(allBytes, "application/octet-stream"));
    events.push_back(makeEvent(QByteArray(), QByteArray()));
    events.push_back(makeEvent("a=1&b=two+words", "application/x-www-form-urlencoded"));
    events.push_back(makeEvent(big, "application/octet-stream"));
    QVERIFY(events[1].body.contains('\0'));
    QCOMPARE(events[1].body.size(), 20);

    EventStore writer;
    QVERIFY2(writer.open(dir.path()), qPrintable(writer.errorString()));
    QVERIFY(writer.isOpen());
    QCOMPARE(writer.count(), 0);
    // A second connection: it can only see what the writer has committed.
    EventStore reader;
    QVERIFY2(reader.openReadOnly(dir.path()), qPrintable(reader.errorString()));

    Completions done;
    std::vector<bool> visibleInCallback(events.size(), false);
    for (size_t i = 0; i < events.size(); ++i) {
        auto record = done.slot(i);
        writer.submit(events[i], [&, i, record](qint64 id, const QString &error) {
            record(id, error);
            visibleInCallback[i] = id > 0 && reader.event(id).has_value();
        });
    }
    QTRY_COMPARE(done.done(), int(events.size()));

    for (size_t i = 0; i < events.size(); ++i) {
        QCOMPARE(done.calls[i], 1);
        QVERIFY2(done.errors[i].isEmpty(), qPrintable(done.errors[i]));
        QVERIFY(done.ids[i] > 0);
        if (i > 0)
            QVERIFY(done.ids[i] > done.ids[i - 1]);
        QVERIFY2(visibleInCallback[i], "completion ran before the row was committed");
    }
    QCOMPARE(writer.count(), qint64(events.size()));
    QCOMPARE(writer.maxId(), done.ids.back());

    for (size_t i = 0; i < events.size(); ++i) {
        const std::optional<Event> e = writer.event(done.ids[i]);
        QVERIFY(e.has_value());
        compareEvent(*e, events[i], done.ids[i]);
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(!writer.event(done.ids.back() + 1).has_value());

    reader.close();
    writer.close();
    QVERIFY(!writer.isOpen());

    EventStore reopened;
    QVERIFY2(reopened.open(dir.path()), qPrintable(reopened.errorString()));
    QVERIFY(reopened.recoveryNote().isEmpty());
    QCOMPARE(reopened.count(), qint64(events.size()));
    QCOMPARE(reopened.maxId(), done.ids.back());
    const QList<EventSummary> summaries = reopened.summaries();
    QCOMPARE(summaries.size(), qsizetype(events.size()));
    for (size_t i = 0; i < events.size(); ++i) {
        const EventSummary &s = summaries.at(qsizetype(i));
        QCOMPARE(s.id, done.ids[i]);
        QCOMPARE(s.type, events[i].summary.type);
        QCOMPARE(s.eventId, events[i].summary.eventId);
        QCOMPARE(s.actor, events[i].summary.actor);
        QCOMPARE(s.size, qint64(events[i].body.size()));
        QCOMPARE(s.status, QString(EventStatus::Ok));
        const std::optional<Event> e = reopened.event(done.ids[i]);
        QVERIFY(e.has_value());
        compareEvent(*e, events[i], done.ids[i]);
        if (QTest::currentTestFailed())
            return;
    }
    // afterId / limit select a window in id order.
    const QList<EventSummary> window = reopened.summaries(done.ids[1], 2);
    QCOMPARE(window.size(), 2);
    QCOMPARE(window.at(0).id, done.ids[2]);
    QCOMPARE(window.at(1).id, done.ids[3]);
}

void tst_EventStore::nonUtf8HeaderValues()
{
    // Header values are bytes (obs-text is legal in HTTP): a replay needs them as received.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    Event e = textEvent("body");
    e.headers = { { "X-Latin1", "caf\xe9" }, { "X-Raw", QByteArray("a\x00\xff", 3) } };
    const qint64 id = store(s, e);
    QVERIFY(id > 0);
    const std::optional<Event> back = s.event(id);
    QVERIFY(back.has_value());
    QCOMPARE(back->headers.size(), 2);
    QCOMPARE(back->headers.at(0).first, QByteArray("X-Latin1"));
    QCOMPARE(back->headers.at(0).second.toHex(' '), QByteArray("caf\xe9").toHex(' '));
    QCOMPARE(back->headers.at(1).second.toHex(' '), QByteArray("a\x00\xff", 3).toHex(' '));
}

void tst_EventStore::closeCommitsPending()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Completions done;
    {
        EventStore s;
        QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
        for (int i = 0; i < 3; ++i)
            s.submit(textEvent("pending " + QByteArray::number(i)), done.slot(size_t(i)));
        QCOMPARE(s.pendingCount(), 3);
        QCOMPARE(done.done(), 0);
        s.close(); // no event loop in between: close() itself must commit
        QCOMPARE(done.done(), 3);
        QVERIFY(done.ids[0] > 0 && done.ids[1] > done.ids[0] && done.ids[2] > done.ids[1]);
        // Submitting to a closed store fails through the callback.
        qint64 closedId = -1;
        QString closedError;
        s.submit(textEvent("late"), [&](qint64 id, const QString &error) {
            closedId = id;
            closedError = error;
        });
        QTRY_COMPARE(closedId, 0);
        QVERIFY(!closedError.isEmpty());
        // And so does destroying a store with pending events.
        QVERIFY(s.open(dir.path()));
        s.submit(textEvent("pending 3"), done.slot(3));
    }
    QCOMPARE(done.done(), 4);
    QVERIFY(done.ids[3] > done.ids[2]);

    EventStore again;
    QVERIFY(again.open(dir.path()));
    QCOMPARE(again.count(), 4);
    QCOMPARE(again.event(done.ids[3])->body, QByteArray("pending 3"));
}

void tst_EventStore::groupCommit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));

    QList<QList<EventSummary>> batches;
    connect(&s, &EventStore::eventsAdded, this,
            [&batches](const QList<EventSummary> &added) { batches.append(added); });

    constexpr int N = 1000;
    Completions done;
    for (int i = 0; i < N; ++i)
        s.submit(textEvent("event " + QByteArray::number(i)), done.slot(size_t(i)));
    QTRY_COMPARE(done.done(), N);

    std::map<qint64, int> seen;
    for (int i = 0; i < N; ++i) {
        QCOMPARE(done.calls[size_t(i)], 1);
        QVERIFY2(done.errors[size_t(i)].isEmpty(), qPrintable(done.errors[size_t(i)]));
        QVERIFY(done.ids[size_t(i)] > 0);
        ++seen[done.ids[size_t(i)]];
        if (i > 0)
            QCOMPARE(done.ids[size_t(i)],
                     done.ids[size_t(i - 1)] + 1); // contiguous, in submit order
    }
    QCOMPARE(int(seen.size()), N);

    // Batched: fewer signals than events, and together they carry every row once, in order.
    QVERIFY(!batches.isEmpty());
    QVERIFY2(batches.size() < N,
             qPrintable(u"%1 eventsAdded signals for %2 events"_s.arg(batches.size()).arg(N)));
    qint64 expectedId = done.ids.front();
    for (const QList<EventSummary> &batch : std::as_const(batches)) {
        QVERIFY(!batch.isEmpty());
        for (const EventSummary &summary : batch)
            QCOMPARE(summary.id, expectedId++);
    }
    QCOMPARE(expectedId, done.ids.back() + 1);
    QCOMPARE(s.count(), qint64(N));
    QCOMPARE(s.pendingCount(), 0);
    QCOMPARE(s.event(done.ids[500])->body, QByteArray("event 500"));
}

// Two threads that are not the store's submit through the inlet while the store's thread
// is blocked: their completions run (on the writer thread) without it, the store's thread
// then hears of every row in a few batched eventsAdded(), and an inlet kept past close()
// fails at once instead of touching a closed store.
void tst_EventStore::inletFromOtherThreads()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto s = std::make_unique<EventStore>();
    QVERIFY2(s->open(dir.path()), qPrintable(s->errorString()));
    qint64 rows = 0;
    int signals_ = 0;
    connect(s.get(), &EventStore::eventsAdded, this, [&](const QList<EventSummary> &added) {
        rows += added.size();
        ++signals_;
    });

    constexpr int PerThread = 500;
    std::atomic<int> committed{ 0 };
    std::atomic<int> failed{ 0 };
    std::atomic<bool> onStoreThread{ false };
    const std::shared_ptr<const EventInlet> inlet = s->inlet();
    QThread *storeThread = QThread::currentThread();
    const auto submitter = [&](int which) {
        for (int i = 0; i < PerThread; ++i) {
            Event e = textEvent(u"thread %1 event %2"_s.arg(which).arg(i).toUtf8());
            inlet->submit(std::move(e), [&](qint64 id, const QString &) {
                (id > 0 ? committed : failed)++;
                if (QThread::currentThread() == storeThread)
                    onStoreThread = true;
            });
        }
    };
    std::thread a(submitter, 1);
    std::thread b(submitter, 2);
    a.join();
    b.join();
    // This thread never returned to its event loop: the commits did not need it.
    for (int i = 0; i < 500 && committed.load() < 2 * PerThread; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    QCOMPARE(committed.load(), 2 * PerThread);
    QCOMPARE(failed.load(), 0);
    QVERIFY(!onStoreThread.load());
    QCOMPARE(rows, 0); // not told yet: that is this thread's own business
    QTRY_COMPARE(rows, qint64(2 * PerThread));
    QCOMPARE(s->count(), qint64(2 * PerThread));
    QCOMPARE(s->pendingCount(), 0);
    QVERIFY2(signals_ < 2 * PerThread, qPrintable(u"%1 signals"_s.arg(signals_)));

    s->close();
    qint64 lateId = -1;
    QString lateError;
    inlet->submit(textEvent("late"), [&](qint64 id, const QString &error) {
        lateId = id;
        lateError = error;
    });
    QCOMPARE(lateId, 0);
    QVERIFY(!lateError.isEmpty());
    s.reset();
    inlet->submit(textEvent("later"), [&](qint64 id, const QString &) { lateId = id; });
    QCOMPARE(lateId, 0);
}

// The writer serializes headers itself; what it writes must be what QJsonDocument writes
// (the relay's byte accounting and older rows rely on that text), for every byte value.
void tst_EventStore::headersJsonIsQJsonDocumentsText()
{
    QByteArray allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.append(char(i));
    const HeaderList headers = { { "Content-Type", "application/json" },
                                 { allBytes, allBytes },
                                 { "", "" },
                                 { "X-Quote", "\"a\\b\"/\x7f" } };
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{ QString::fromLatin1(name), QString::fromLatin1(value) });
    const QByteArray expected = QJsonDocument(array).toJson(QJsonDocument::Compact);
    QCOMPARE(SqlValues::headersToJsonUtf8(headers), expected);
    QCOMPARE(SqlValues::headersToJsonUtf8({}), QByteArray("[]"));
    QCOMPARE(SqlValues::headersFromJson(SqlValues::headersToJson(headers)), headers);
}

void tst_EventStore::repeats()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));

    QList<EventSummary> added;
    connect(&s, &EventStore::eventsAdded, this,
            [&added](const QList<EventSummary> &batch) { added += batch; });

    // Same eventId twice in one batch (no event loop between the submits).
    Completions done;
    s.submit(textEvent("first", u"evt_A"_s), done.slot(0));
    s.submit(textEvent("second", u"evt_A"_s), done.slot(1));
    s.submit(textEvent("no id 1"), done.slot(2));
    s.submit(textEvent("no id 2"), done.slot(3));
    QTRY_COMPARE(done.done(), 4);
    // And across batches.
    s.submit(textEvent("third", u"evt_A"_s), done.slot(4));
    QTRY_COMPARE(done.done(), 5);
    s.submit(textEvent("other", u"evt_B"_s), done.slot(5));
    QTRY_COMPARE(done.done(), 6);

    const QStringList expected = { EventStatus::Ok, EventStatus::Repeat, EventStatus::Ok,
                                   EventStatus::Ok, EventStatus::Repeat, EventStatus::Ok };
    const QByteArrayList bodies = { "first", "second", "no id 1", "no id 2", "third", "other" };
    QCOMPARE(added.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const qint64 id = done.ids[size_t(i)];
        QVERIFY(id > 0);
        QCOMPARE(added.at(i).id, id);
        QCOMPARE(added.at(i).status, expected.at(i));
        const std::optional<Event> e = s.event(id);
        QVERIFY(e.has_value());
        QCOMPARE(e->summary.status, expected.at(i));
        QCOMPARE(e->body, bodies.at(i));
    }
    QCOMPARE(s.count(), qint64(expected.size()));
}

void tst_EventStore::migrationFromSchema1_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    for (const QString &file : Fixtures::eventFixtures())
        QTest::addRow("%s", qPrintable(file))
                << Fixtures::read(file) << QByteArray("application/json");
    // Bodies the parser finds no actor or org in.
    QTest::addRow("form") << QByteArray("a=1&b=2")
                          << QByteArray("application/x-www-form-urlencoded");
    QTest::addRow("text") << QByteArray("refund please") << QByteArray("text/plain");
    QTest::addRow("JSON without actor")
            << QByteArray(R"({"hello":"world"})") << QByteArray("application/json");
    QTest::addRow("empty") << QByteArray() << QByteArray();
}

void tst_EventStore::migrationFromSchema1()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(EventStore::databaseFileName());
    const ParsedEvent parsed = EventParser::parse(body, contentType);

    withDatabase(path, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        QVERIFY2(q.exec(Schema1Table), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(u"CREATE INDEX events_received_at ON events(received_at)"_s));
        QVERIFY(q.exec(u"CREATE INDEX events_type ON events(type)"_s));
        QVERIFY(q.exec(u"CREATE INDEX events_team ON events(team)"_s));
        QVERIFY(q.prepare(
                u"INSERT INTO events (received_at, occurred_at, type, event_id, team, entity, "
                u"summary, "
                u"source, status, size, method, path, query, content_type, headers, body) "
                u"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s));
        const QString text = QString::fromLatin1(contentType);
        for (const QVariant &v :
             { QVariant(qint64(1763630043512)), QVariant(parsed.occurredAt),
               QVariant(parsed.type + u""_s), QVariant(parsed.eventId + u""_s),
               QVariant(parsed.team + u""_s), QVariant(parsed.entity + u""_s),
               QVariant(parsed.summary + u""_s), QVariant(u"local"_s), QVariant(u"ok"_s),
               QVariant(qint64(body.size())), QVariant(u"POST"_s), QVariant(u"/"_s),
               QVariant(u"a=1"_s), QVariant(text + u""_s),
               QVariant(u"[[\"Content-Type\",\"%1\"]]"_s.arg(text)), QVariant(body + "") })
            q.addBindValue(v);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(u"PRAGMA user_version = 1"_s));
    });
    if (QTest::currentTestFailed())
        return;

    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    QVERIFY(s.recoveryNote().isEmpty());
    QCOMPARE(s.count(), 1);

    const std::optional<Event> old = s.event(1);
    QVERIFY(old.has_value());
    QCOMPARE(old->body, body);
    QCOMPARE(old->summary.type, parsed.type);
    QCOMPARE(old->summary.actor, parsed.actor); // back-filled from the body
    QCOMPARE(old->org, parsed.org);
    QCOMPARE(old->headers, HeaderList({ { "Content-Type", contentType } }));
    QCOMPARE(old->query, u"a=1"_s);
    const QList<EventSummary> summaries = s.summaries();
    QCOMPARE(summaries.size(), 1);
    QCOMPARE(summaries.at(0).actor, parsed.actor);

    withDatabase(path, [&](QSqlDatabase &db) {
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), EventStore::SchemaVersion);
        QCOMPARE(scalar(db, u"SELECT actor FROM events WHERE id = 1"_s).toString(), parsed.actor);
        QCOMPARE(scalar(db, u"SELECT org FROM events WHERE id = 1"_s).toString(), parsed.org);
        // Schema 6: summaries come from one covering index (not the table, which holds the
        // bodies), and the unused single-column indexes of schema 1 are gone.
        QSqlQuery plan(db);
        QVERIFY(plan.exec(
                u"EXPLAIN QUERY PLAN SELECT id, received_at, type, summary, size FROM events "
                u"INDEXED BY events_summary WHERE id > 0 ORDER BY id"_s));
        QVERIFY(plan.next());
        QVERIFY2(plan.value(3).toString().contains(u"COVERING INDEX events_summary"_s),
                 qPrintable(plan.value(3).toString()));
        QCOMPARE(
                scalar(db,
                       u"SELECT count(*) FROM sqlite_master WHERE name IN ('events_type', 'events_team', 'events_received_at')"_s)
                        .toInt(),
                0);
    });
    if (QTest::currentTestFailed())
        return;

    if (s.hasFullTextIndex()) {
        // The index was built over the old row too.
        const QByteArray word = body.contains("refund") ? "refund"
                : body.contains("Acme")                 ? "Acme"
                                                        : "";
        if (!word.isEmpty())
            QCOMPARE(*s.fullTextMatches(QString::fromLatin1(word)), QSet<qint64>{ 1 });
        QVERIFY(s.fullTextMatches(u"zzyzx"_s)->isEmpty());
    }

    const qint64 id = store(s, makeEvent(Fixtures::read(u"platform-account-updated.json"_s)));
    QCOMPARE(id, 2);
    QCOMPARE(s.count(), 2);
    QCOMPARE(s.event(2)->summary.type, u"account:updated"_s);
}

// The tables, columns, indexes and triggers of a database file, for comparing two.
static QStringList schemaOf(const QString &path)
{
    QStringList out;
    withDatabase(path, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        QStringList tables;
        if (q.exec(u"SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"_s))
            while (q.next()) {
                out.append(q.value(0).toString() + u' ' + q.value(1).toString() + u" on "_s
                           + q.value(2).toString());
                if (q.value(0).toString() == "table"_L1)
                    tables.append(q.value(1).toString());
            }
        for (const QString &table : std::as_const(tables)) {
            QSqlQuery info(db);
            if (info.exec(u"PRAGMA table_info(%1)"_s.arg(table)))
                while (info.next())
                    out.append(u"%1.%2 %3 notnull=%4 default=%5 pk=%6"_s.arg(
                            table, info.value(1).toString(), info.value(2).toString(),
                            info.value(3).toString(), info.value(4).toString(),
                            info.value(5).toString()));
        }
        out.append(u"user_version=%1"_s.arg(scalar(db, u"PRAGMA user_version"_s).toInt()));
    });
    return out;
}

void tst_EventStore::newStoreAtCurrentSchema()
{
    // A new file is created at the current schema in one step: no migration runs (and none is
    // logged), and the result is the same database an upgrade from schema 1 produces.
    QTemporaryDir fresh;
    QTemporaryDir upgraded;
    QVERIFY(fresh.isValid() && upgraded.isValid());
    {
        QLoggingCategory::setFilterRules(u"hookscope.store.info=true"_s);
        bool migrated = false;
        static bool *flag = nullptr;
        flag = &migrated;
        const QtMessageHandler previous = qInstallMessageHandler(
                [](QtMsgType, const QMessageLogContext &, const QString &msg) {
                    if (msg.contains(u"migrated event database"_s))
                        *flag = true;
                });
        EventStore s;
        const bool opened = s.open(fresh.path());
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY2(opened, qPrintable(s.errorString()));
        QVERIFY(!migrated);
        Event e;
        e.summary.receivedAt = 1;
        e.summary.type = u"ticket:created"_s;
        e.summary.source = u"local"_s;
        e.body = "{\"refund\":true}";
        s.submit(e);
        s.flush();
        QCOMPARE(s.count(), 1);
        QVERIFY(s.setPinned(1, true));
        QVERIFY(s.recordForward(1, u"http://127.0.0.1:9/"_s, 200, 3, {}));
        if (s.hasFullTextIndex())
            QCOMPARE(*s.fullTextMatches(u"refund"_s), QSet<qint64>{ 1 });
    }
    const QString upgradedPath = QDir(upgraded.path()).filePath(EventStore::databaseFileName());
    withDatabase(upgradedPath, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        QVERIFY(q.exec(Schema1Table));
        QVERIFY(q.exec(u"CREATE INDEX events_received_at ON events(received_at)"_s));
        QVERIFY(q.exec(u"CREATE INDEX events_type ON events(type)"_s));
        QVERIFY(q.exec(u"CREATE INDEX events_team ON events(team)"_s));
        QVERIFY(q.exec(u"PRAGMA user_version = 1"_s));
    });
    {
        EventStore s;
        QVERIFY2(s.open(upgraded.path()), qPrintable(s.errorString()));
    }
    const QStringList freshSchema =
            schemaOf(QDir(fresh.path()).filePath(EventStore::databaseFileName()));
    QVERIFY(freshSchema.contains(u"user_version=%1"_s.arg(EventStore::SchemaVersion)));
    QVERIFY(freshSchema.contains(u"index events_summary on events"_s));
    QCOMPARE(freshSchema, schemaOf(upgradedPath));
}

void tst_EventStore::headersWrittenBySchema1()
{
    // Schema-1 rows keep their headers as a JSON text of [name, value] pairs, written from the
    // UTF-8 header bytes. A UTF-8 header value (a name, an emoji) must read back as those bytes.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(EventStore::databaseFileName());
    const QByteArray value = "Jos\xc3\xa9 \xe2\x98\x95"; // "José ☕" in UTF-8
    withDatabase(path, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        QVERIFY2(q.exec(Schema1Table), qPrintable(q.lastError().text()));
        QVERIFY(q.prepare(
                u"INSERT INTO events (received_at, type, source, status, size, content_type, "
                u"headers, body) "
                u"VALUES (1, 'ticket:created', 'local', 'ok', ?, 'application/json', ?, ?)"_s));
        const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
        const QJsonArray pairs{ QJsonArray{ u"X-Sender"_s, QString::fromUtf8(value) } };
        q.addBindValue(qint64(body.size()));
        q.addBindValue(QString::fromUtf8(QJsonDocument(pairs).toJson(QJsonDocument::Compact)));
        q.addBindValue(body);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(u"PRAGMA user_version = 1"_s));
    });
    if (QTest::currentTestFailed())
        return;

    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    const std::optional<Event> e = s.event(1);
    QVERIFY(e.has_value());
    QCOMPARE(e->headers.size(), 1);
    QCOMPARE(e->headers.at(0).first, QByteArray("X-Sender"));
    QCOMPARE(e->headers.at(0).second.toHex(' '), value.toHex(' '));
}

void tst_EventStore::retention_data()
{
    QTest::addColumn<bool>("setFirst");
    QTest::addRow("limit set before the events arrive") << true;
    QTest::addRow("limit lowered on a full store") << false;
}

void tst_EventStore::retention()
{
    QFETCH(bool, setFirst);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    QSignalSpy removed(&s, &EventStore::eventsRemoved);
    if (setFirst)
        s.setRetention(10);

    Completions done;
    for (int i = 0; i < 25; ++i)
        s.submit(textEvent("keep or drop refund-" + QByteArray::number(i)), done.slot(size_t(i)));
    QTRY_COMPARE(done.done(), 25);
    if (!setFirst) {
        QCOMPARE(s.count(), 25);
        QCOMPARE(removed.count(), 0);
        s.setRetention(10);
    }
    QCOMPARE(s.retention(), 10);

    QCOMPARE(s.count(), 10);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toLongLong(), done.ids[14]);
    const QList<EventSummary> left = s.summaries();
    QCOMPARE(left.size(), 10);
    QCOMPARE(left.first().id, done.ids[15]);
    QCOMPARE(left.last().id, done.ids[24]);
    QVERIFY(!s.event(done.ids[0]).has_value());
    QVERIFY(!s.event(done.ids[14]).has_value());
    QCOMPARE(s.event(done.ids[15])->body, QByteArray("keep or drop refund-15"));
    if (s.hasFullTextIndex())
        QCOMPARE(s.fullTextMatches(u"keep"_s)->size(), 10);

    // One more: the oldest of the ten goes.
    const qint64 id = store(s, textEvent("one more"));
    QVERIFY(id > 0);
    QCOMPARE(s.count(), 10);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.at(1).at(0).toLongLong(), done.ids[15]);

    // The limit holds across a reopen (count() comes from the file).
    s.close();
    EventStore again;
    QVERIFY(again.open(dir.path()));
    QCOMPARE(again.count(), 10);
}

void tst_EventStore::clear()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    QSignalSpy cleared(&s, &EventStore::cleared);

    qint64 last = 0;
    for (int i = 0; i < 3; ++i)
        last = store(s, textEvent("refund " + QByteArray::number(i)));
    QCOMPARE(last, 3);
    QCOMPARE(s.count(), 3);

    QVERIFY(s.clear());
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(s.count(), 0);
    QVERIFY(s.summaries().isEmpty());
    QVERIFY(!s.event(last).has_value());
    if (s.hasFullTextIndex())
        QVERIFY(s.fullTextMatches(u"refund"_s)->isEmpty());

    const qint64 next = store(s, textEvent("after clear"));
    QVERIFY2(next > last, qPrintable(u"id %1 after clearing up to %2"_s.arg(next).arg(last)));
    QCOMPARE(s.count(), 1);

    // Also after a reopen: ids are never reused.
    s.close();
    EventStore again;
    QVERIFY(again.open(dir.path()));
    QCOMPARE(again.count(), 1);
    QVERIFY(store(again, textEvent("after reopen")) > next);
}

void tst_EventStore::damagedFileMovedAside_data()
{
    QTest::addColumn<bool>("sqliteHeader");
    QTest::addRow("not a database at all") << false;
    QTest::addRow("database with damaged pages") << true;
}

void tst_EventStore::damagedFileMovedAside()
{
    QFETCH(bool, sqliteHeader);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(EventStore::databaseFileName());

    QByteArray damaged;
    if (!sqliteHeader) {
        for (int i = 0; i < 128; ++i)
            damaged += "garbage, not SQLite \x01\x02\xff\xfe " + QByteArray::number(i) + '\n';
    } else {
        {
            EventStore s;
            QVERIFY(s.open(dir.path()));
            for (int i = 0; i < 40; ++i)
                s.submit(textEvent(QByteArray(3000, char('a' + i % 26))));
            s.flush();
            QCOMPARE(s.count(), 40);
        }
        damaged = readAll(path);
        QVERIFY(damaged.size() > 16 * 4096);
        // Keep the 100-byte header, scribble over the schema and b-tree pages.
        for (qsizetype i = 100; i < 6 * 4096; ++i)
            damaged[i] = char(0xA5 ^ (i & 0x3f));
    }
    QVERIFY(writeAll(path, damaged));

    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    QVERIFY(s.isOpen());
    QVERIFY(!s.recoveryNote().isEmpty());

    const QStringList aside = QDir(dir.path()).entryList({ u"events.db.damaged-*"_s }, QDir::Files);
    QCOMPARE(aside.size(), 1);
    const QString asidePath = QDir(dir.path()).filePath(aside.first());
    QVERIFY2(s.recoveryNote().contains(QDir::toNativeSeparators(asidePath)),
             qPrintable(s.recoveryNote()));
    QCOMPARE(readAll(asidePath), damaged);

    // A fresh, working database took its place.
    QCOMPARE(s.count(), 0);
    QCOMPARE(store(s, textEvent("fresh")), 1);
    withDatabase(path, [](QSqlDatabase &db) {
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), EventStore::SchemaVersion);
    });
}

void tst_EventStore::damagedFileClosedBeforeMove()
{
    // Moving a damaged file aside must happen after the store let go of it: renaming a file
    // SQLite still has open only works on POSIX, and Qt warns that the connection was removed
    // while in use.
    QTest::failOnWarning(QRegularExpression(u"still in use"_s));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeAll(QDir(dir.path()).filePath(EventStore::databaseFileName()),
                     QByteArray(4096, 'g')));
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    QVERIFY(!s.recoveryNote().isEmpty());
}

void tst_EventStore::newerSchemaRefused_data()
{
    QTest::addColumn<QString>("journalMode");
    // A future Hookscope would normally have left its file in WAL mode, but "untouched" is
    // promised for any file: a rollback-journal one must not be rewritten either.
    QTest::addRow("wal") << u"WAL"_s;
    QTest::addRow("rollback journal") << u"DELETE"_s;
}

void tst_EventStore::newerSchemaRefused()
{
    QFETCH(QString, journalMode);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(EventStore::databaseFileName());
    withDatabase(path, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA journal_mode = "_s + journalMode));
        QVERIFY(q.exec(u"CREATE TABLE events (id INTEGER PRIMARY KEY, future_column BLOB)"_s));
        QVERIFY(q.exec(u"INSERT INTO events (future_column) VALUES (x'00ff')"_s));
        QVERIFY(q.exec(u"PRAGMA user_version = 99"_s));
    });
    if (QTest::currentTestFailed())
        return;
    // Make any later write visible in the mtime even on coarse-grained file systems.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600),
                              QFileDevice::FileModificationTime));
    }
    const QByteArray before = readAll(path);
    const QDateTime mtime = QFileInfo(path).lastModified();
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);

    EventStore s;
    QVERIFY(!s.open(dir.path()));
    QVERIFY(!s.isOpen());
    QVERIFY2(s.errorString().contains(u"newer"_s), qPrintable(s.errorString()));
    s.close();

    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore);
    const QByteArray after = readAll(path);
    QCOMPARE(after.size(), before.size());
    // Bytes 18/19 of the header are the write/read format versions: 1 = rollback journal, 2 = WAL.
    QCOMPARE(int(after.at(18)), int(before.at(18)));
    QCOMPARE(int(after.at(19)), int(before.at(19)));
    QVERIFY(after == before);
    QCOMPARE(QFileInfo(path).lastModified(), mtime);
    withDatabase(path, [](QSqlDatabase &db) {
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), 99);
    });
}

void tst_EventStore::closeDuringTheBackgroundCheckIsClean()
{
    // Quitting while the background check still reads the file: the check is interrupted
    // and its connection closed first, so the store's close is the last one (SQLite removes
    // the WAL) and the file counts as cleanly closed; the next open does not check it again.
    SqliteFile::setAlwaysCheckBelowBytes(0);
    const auto restore = qScopeGuard([] { SqliteFile::setAlwaysCheckBelowBytes(-1); });
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(EventStore::databaseFileName());
    {
        EventStore s;
        QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
        for (int i = 0; i < 3000; ++i)
            s.submit(textEvent(QByteArray(8000, char('a' + i % 26)) + QByteArray::number(i)));
        s.flush();
    }
    QVERIFY(SqliteFile::closedCleanly(path));
    QVERIFY(QFileInfo(path).size() > 20'000'000); // quick_check reads it for a while
    for (int round = 0; round < 3; ++round) {
        {
            EventStore s;
            QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
            QCOMPARE(s.count(), 3000);
        } // closed at once: the check has only begun
        QVERIFY(!QFile::exists(path + u"-wal"_s));
        QVERIFY2(SqliteFile::closedCleanly(path), qPrintable(QString::number(round)));
        QVERIFY(!SqliteFile::needsCheckAtOpen(path));
    }
    // A reader (`hookscope export`) after the clean close leaves an empty WAL behind, which
    // it cannot remove: the file still counts as cleanly closed.
    {
        EventStore reader;
        QVERIFY2(reader.openReadOnly(dir.path()), qPrintable(reader.errorString()));
        QCOMPARE(reader.count(), 3000);
    }
    QVERIFY(QFile::exists(path + u"-wal"_s));
    QCOMPARE(QFileInfo(path + u"-wal"_s).size(), 0);
    QVERIFY(SqliteFile::closedCleanly(path));
    QVERIFY(!SqliteFile::needsCheckAtOpen(path));
}

void tst_EventStore::largeFileCheckedInBackground()
{
    // A file above the always-check size that was closed cleanly opens without a full check;
    // PRAGMA quick_check then runs in the background. The threshold is lowered to 0 so that
    // a small file plays the large one.
    SqliteFile::setAlwaysCheckBelowBytes(0);
    const auto restore = qScopeGuard([] { SqliteFile::setAlwaysCheckBelowBytes(-1); });
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(EventStore::databaseFileName());
    const QString stamp = SqliteFile::cleanStampPath(path);
    {
        EventStore s;
        QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
        for (int i = 0; i < 60; ++i)
            s.submit(textEvent(QByteArray(3000, char('a' + i % 26)) + QByteArray::number(i)));
        s.flush();
        QCOMPARE(s.count(), 60);
    }
    QVERIFY(QFile::exists(stamp));

    // Sound: no complaint, and closed cleanly again.
    {
        EventStore s;
        QSignalSpy errors(&s, &EventStore::storeError);
        QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
        QTest::qWait(300); // the check of a few hundred kB
        QCOMPARE(errors.count(), 0);
    }
    QVERIFY(QFile::exists(stamp));

    // Bit rot: bytes change where an open does not read, size and time unchanged. Found on
    // a copy: a page whose damage quick_check reports but an open does not notice.
    const QByteArray healthy = readAll(path);
    const QDateTime modified = QFileInfo(path).lastModified();
    constexpr qsizetype Page = 4096;
    const qsizetype pages = healthy.size() / Page;
    QByteArray damaged;
    for (qsizetype page = pages / 3; page < pages && damaged.isEmpty(); ++page) {
        QByteArray candidate = healthy;
        for (qsizetype i = page * Page; i < (page + 1) * Page; ++i)
            candidate[i] = char(0xA5 ^ (i & 0x3f));
        QTemporaryDir probeDir;
        const QString probe = QDir(probeDir.path()).filePath(EventStore::databaseFileName());
        QVERIFY(writeAll(probe, candidate));
        QString verdict;
        withDatabase(probe, [&](QSqlDatabase &db) {
            QSqlQuery q(db);
            verdict = q.exec(u"PRAGMA quick_check"_s) && q.next() ? q.value(0).toString()
                                                                  : q.lastError().text();
        });
        if (verdict == "ok"_L1)
            continue;
        SqliteFile::writeCleanStamp(probe);
        EventStore s;
        if (s.open(probeDir.path()) && s.recoveryNote().isEmpty())
            damaged = candidate;
    }
    QVERIFY2(!damaged.isEmpty(), "no page whose damage only a full check finds");
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(out.write(damaged), qint64(damaged.size()));
        out.flush();
        QVERIFY(out.setFileTime(modified, QFileDevice::FileModificationTime));
    }
    QVERIFY(SqliteFile::closedCleanly(path));

    {
        EventStore s;
        QSignalSpy errors(&s, &EventStore::storeError);
        QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
        QVERIFY(s.recoveryNote().isEmpty()); // not checked at open...
        QVERIFY(errors.wait(10000)); // ...but right after it
        const QString message = errors.at(0).at(0).toString();
        QVERIFY2(message.contains(u"damaged"_s) && message.contains(QDir::toNativeSeparators(path)),
                 qPrintable(message));
        QCOMPARE(errors.count(), 1);
    }
    // Not stamped as sound: the next open checks the whole file and moves it aside.
    QVERIFY(!QFile::exists(stamp));
    QVERIFY(QDir(dir.path()).entryList({ u"events.db.damaged-*"_s }, QDir::Files).isEmpty());
    {
        EventStore s;
        QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
        QVERIFY(!s.recoveryNote().isEmpty());
        const QStringList aside =
                QDir(dir.path()).entryList({ u"events.db.damaged-*"_s }, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readAll(QDir(dir.path()).filePath(aside.first())), damaged);
        QCOMPARE(s.count(), 0);
    }
}

void tst_EventStore::uncertainCheckKeepsFile()
{
    // Only SQLite's word that the file is damaged moves it aside. A check that cannot run (here:
    // another connection holds an exclusive lock, so the file cannot even be read) refuses to
    // open and leaves the file where it is.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(EventStore::databaseFileName());
    {
        EventStore s;
        QVERIFY(s.open(dir.path()));
        QVERIFY(store(s, textEvent("kept")) > 0);
    }
    const QString name = u"tst-eventstore-locker"_s;
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        locker.setDatabaseName(path);
        QVERIFY(locker.open());
        QSqlQuery q(locker);
        QVERIFY(q.exec(u"PRAGMA journal_mode = DELETE"_s));
        QVERIFY2(q.exec(u"BEGIN EXCLUSIVE"_s), qPrintable(q.lastError().text()));
        EventStore s;
        QVERIFY(!s.open(dir.path())); // after the busy timeout (5 s)
        QVERIFY2(!s.errorString().contains(u"damaged"_s), qPrintable(s.errorString()));
        QVERIFY(s.recoveryNote().isEmpty());
        QVERIFY(q.exec(u"ROLLBACK"_s));
    }
    QSqlDatabase::removeDatabase(name);
    QVERIFY(QDir(dir.path()).entryList({ u"events.db.damaged-*"_s }, QDir::Files).isEmpty());
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    QCOMPARE(s.count(), 1);
}

void tst_EventStore::readOnlyBesideWriter()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore writer;
    QVERIFY2(writer.open(dir.path()), qPrintable(writer.errorString()));
    const qint64 first = store(writer, textEvent("before 0"));
    QVERIFY(first > 0);
    QVERIFY(store(writer, textEvent("before 1")) > first);
    QVERIFY(store(writer, textEvent("before 2")) > first);

    EventStore reader;
    QVERIFY2(reader.openReadOnly(dir.path()), qPrintable(reader.errorString()));
    QCOMPARE(reader.count(), 3);
    QCOMPARE(reader.summaries().size(), 3);

    // Rows the writer commits later are visible to the reader's queries (WAL: no blocking).
    const qint64 later =
            store(writer, makeEvent(Fixtures::read(u"platform-ticket-created.json"_s)));
    QVERIFY(later > 0);
    QCOMPARE(reader.summaries().size(), 4);
    const std::optional<Event> seen = reader.event(later);
    QVERIFY(seen.has_value());
    QCOMPARE(seen->body, Fixtures::read(u"platform-ticket-created.json"_s));
    QCOMPARE(seen->summary.type, u"ticket:created"_s);
    int visited = 0;
    QVERIFY(reader.forEachEvent([&visited](const Event &) { return ++visited > 0; }));
    QCOMPARE(visited, 4);

    // The reader refuses to write, through the callback.
    qint64 gotId = -1;
    QString gotError;
    reader.submit(textEvent("nope"), [&](qint64 id, const QString &error) {
        gotId = id;
        gotError = error;
    });
    QTRY_COMPARE(gotId, 0);
    QVERIFY(!gotError.isEmpty());
    QVERIFY(!reader.clear());
    reader.setRetention(1);
    QCOMPARE(writer.summaries().size(), 4);
    QCOMPARE(reader.summaries().size(), 4);
    QVERIFY(writer.event(first).has_value());

    // The writer is unaffected by the reader.
    QVERIFY(store(writer, textEvent("after reader")) > later);
}

void tst_EventStore::readOnlyWithoutWriter()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore reader;
    QVERIFY(!reader.openReadOnly(dir.path()));
    QVERIFY(!reader.errorString().isEmpty());
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath(EventStore::databaseFileName())));

    {
        EventStore writer;
        QVERIFY(writer.open(dir.path()));
        QVERIFY(store(writer, textEvent("one")) > 0);
        QVERIFY(store(writer, textEvent("two")) > 0);
    } // closed: no -wal / -shm left for the reader to share

    QVERIFY2(reader.openReadOnly(dir.path()), qPrintable(reader.errorString()));
    QCOMPARE(reader.count(), 2);
    QCOMPARE(reader.summaries().size(), 2);
    QCOMPARE(reader.event(2)->body, QByteArray("two"));
}

void tst_EventStore::fullText()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore s;
    QVERIFY2(s.open(dir.path()), qPrintable(s.errorString()));
    if (!s.hasFullTextIndex())
        QSKIP("this SQLite has no FTS5");

    const QByteArrayList bodies = {
        R"({"message":{"eventType":"ticket:created","payload":{"title":"Please refund invoice 1042"}}})",
        "nothing to see here",
        "customer asked for a Refund yesterday",
        R"({"text":"charged twice"})",
        "refund",
        "reFUNd; with punctuation",
    };
    const QSet<qint64> expected = { 1, 3, 5, 6 };
    for (const QByteArray &b : bodies)
        QVERIFY(store(s, textEvent(b)) > 0);

    const std::optional<QSet<qint64>> matches = s.fullTextMatches(u"refund"_s);
    QVERIFY(matches.has_value());
    QCOMPARE(*matches, expected);
    QCOMPARE(*s.fullTextMatches(u"charged twice"_s), QSet<qint64>{ 4 });
    QVERIFY(s.fullTextMatches(u"absent-word"_s)->isEmpty());
}

QTEST_GUILESS_MAIN(tst_EventStore)
#include "tst_eventstore.moc"
