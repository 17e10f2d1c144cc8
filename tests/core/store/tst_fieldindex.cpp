// SPDX-License-Identifier: MIT
// The field index (issue #16): every comparison it serves gives exactly the answer of
// FilterExpression's own evaluation over EventPayload, for the fixtures and for bodies
// chosen for the edges of the rules (wrapped deliveries, arrays, numbers as strings, case
// folding, ISO times, missing paths, non-JSON bodies), and stays so across inserts,
// retention, Clear history and a close/reopen.
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/filter/filterexpression.h"
#include "core/store/eventstore.h"
#include "core/store/fieldindex.h"

using namespace Hookscope;
using namespace Qt::StringLiterals;

namespace {

Event eventWith(const QByteArray &body, const QString &contentType = u"application/json"_s)
{
    Event e;
    e.body = body;
    e.contentType = contentType;
    e.method = u"POST"_s;
    const ParsedEvent parsed = EventParser::parse(body, contentType.toUtf8());
    e.summary.type = parsed.type.isEmpty() ? u"unknown"_s : parsed.type;
    e.summary.source = EventSource::Local;
    e.summary.status = EventStatus::Ok;
    e.summary.receivedAt = 1'700'000'000'000;
    return e;
}

QList<QByteArray> fixtureBodies()
{
    QList<QByteArray> out;
    const QDir dir(QStringLiteral(HOOKSCOPE_FIXTURES_DIR));
    for (const QString &name : dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out.append(f.readAll());
    }
    return out;
}

// Bodies for the edges of CompareNode's rules.
QList<QByteArray> syntheticBodies()
{
    return {
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":"Urgent","count":3,"tags":["VIP","billing"],"due":"2026-11-20T09:00:00Z"}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":"urgent","count":"3.0","tags":[],"due":"2026-11-21"}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":"URGENT ","count":"03","tags":["vip"],"due":"2026-11-20t10:00:00z"}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":"Low","count":12.5,"tags":"VIP","due":"yesterday"}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":null,"count":true,"tags":[1,"1",[1],{"a":1}],"due":1732093200000}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":{"name":"Urgent"},"count":-4,"tags":[null,false]}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":"Straße","count":1e3,"tags":["STRASSE","ǅ"]}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":"İstanbul","count":"1e3","tags":["K","k","Σ","ς","σ"]}}}})",
        R"({"message":{"eventType":"ticket:updated","payload":{"ticket":{"priorityName":"\ud801\udc00 deseret","count":"inf","tags":["\ud801\ue000","\ud801","\udc00x"]}}}})",
        // Not wrapped: the path resolves against the root.
        R"({"payload":{"ticket":{"priorityName":"Urgent","count":"3","tags":["VIP"]}}})",
        // Wrapped, but the inner event lacks the path: the root's is used.
        R"({"message":{"eventType":"x:y"},"payload":{"ticket":{"priorityName":"Normal","count":2}}})",
        // A message without eventType is no wrapped delivery: the path starts at the root.
        R"({"message":{"payload":{"ticket":{"priorityName":"Hidden"}}},"payload":{"ticket":{"priorityName":"Shown"}}})",
        R"([{"payload":{"ticket":{"priorityName":"Urgent"}}}])",
        R"({"payload":{"ticket":[{"priorityName":"Urgent"}]}})",
        R"({"payload":{"ticket":{"priorityName":""}}})",
        "not json at all: payload.ticket.priorityName=Urgent",
        "",
        R"({"payload":)",
    };
}

const QStringList Paths = { u"payload.ticket.priorityName"_s, u"payload.ticket.count"_s,
                            u"payload.ticket.tags"_s,         u"payload.ticket.due"_s,
                            u"payload.ticket.tags[0]"_s,      u"eventType"_s,
                            u"payload.ticket.ticketId"_s };

QStringList filters()
{
    QStringList out;
    const QStringList values = { u"Urgent"_s,
                                 u"urgent"_s,
                                 u"\"URGENT \""_s,
                                 u"3"_s,
                                 u"3.0"_s,
                                 u"12"_s,
                                 u"-4"_s,
                                 u"1000"_s,
                                 u"1042"_s,
                                 u"vip"_s,
                                 u"true"_s,
                                 u"null"_s,
                                 u"strasse"_s,
                                 u"straße"_s,
                                 u"σ"_s,
                                 u"k"_s,
                                 u"\"\""_s,
                                 u"2026-11-20"_s,
                                 u"2026-11-20T09:30:00Z"_s,
                                 u"\"{\\\"name\\\":\\\"Urgent\\\"}\""_s,
                                 u"[1]"_s,
                                 u"M"_s,
                                 u"ticket:created"_s,
                                 u"\U00010428 DESERET"_s,
                                 u"\"\U00010428 DESERET\""_s };
    const QStringList ops = { u"="_s, u"!="_s, u">"_s, u"<"_s, u">="_s, u"<="_s };
    for (const QString &path : Paths)
        for (const QString &op : ops)
            for (const QString &value : values)
                out.append(path + op + value);
    // Combinations with the rest of the language.
    out << u"payload.ticket.priorityName=Urgent type:ticket:*"_s
        << u"payload.ticket.priorityName=Urgent OR payload.ticket.count>2"_s
        << u"NOT payload.ticket.priorityName=urgent"_s
        << u"payload.ticket.count>=3 payload.ticket.tags=vip"_s
        << u"payload.ticket.priorityName!=Urgent OR type:x:*"_s
        << u"(payload.ticket.count<100 OR team:T*) -payload.ticket.tags=billing"_s;
    return out;
}

// What the body scan says: FilterExpression over EventPayload, per stored event.
std::vector<qint64> scanAnswer(EventStore &store, const FilterExpression &filter)
{
    std::vector<qint64> out;
    store.forEachPayload([&](const EventSummary &s, const QByteArray &ct, const QByteArray &body) {
        const EventPayload payload(body, ct);
        if (filter.matches(s, &payload))
            out.push_back(s.id);
        return true;
    });
    return out;
}

// What the field index says: the same expression, comparisons from the index.
std::vector<qint64> indexAnswer(EventStore &store, const FilterExpression &filter, bool *complete)
{
    FieldIndex::Answer answer;
    *complete = store.answerFromFieldIndex(filter, store.maxId(), answer)
            && answer.reach() == store.maxId();
    std::vector<qint64> out;
    qint64 current = 0;
    const FilterExpression::ComparisonLookup holds = answer.lookup(current);
    const std::optional<std::vector<qint64>> candidates = answer.candidates(filter);
    store.forEachPayload([&](const EventSummary &s, const QByteArray &ct, const QByteArray &body) {
        current = s.id;
        // Bare words (a value with a space unquoted is one) still from the body.
        const EventPayload payload(body, ct);
        if (filter.matches(s, &payload, {}, holds)) {
            out.push_back(s.id);
            // Whatever matches is among the candidates, when they are bounded.
            if (candidates && !std::binary_search(candidates->cbegin(), candidates->cend(), s.id))
                out.push_back(-s.id);
        }
        return true;
    });
    return out;
}

qint64 valueRows(const QString &dataDir, const QString &where = QString())
{
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fieldindex-peek"_s);
        db.setDatabaseName(QDir(dataDir).filePath(EventStore::databaseFileName()));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"SELECT count(*) FROM field_values"_s + where) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(u"fieldindex-peek"_s);
    return n;
}

} // namespace

class tst_FieldIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foldKeyOrdersLikeQt();
    void indexedEqualsScan();
    void followsInsertsRetentionClearAndReopen();
    void notRegisteredOrContainsIsNotAnswered();

private:
    void compareAll(EventStore &store, const char *stage);
};

void tst_FieldIndex::foldKeyOrdersLikeQt()
{
    // memcmp order of the keys (then length, as SQLite compares BLOBs) must be
    // QString::compare(..., Qt::CaseInsensitive)'s, equal keys equal texts.
    QStringList texts = {
        u""_s,           u"a"_s,          u"A"_s,  u"ab"_s,     u"aB"_s,     u"b"_s,
        u"Z"_s,          u"_"_s,          u"["_s,  u"`"_s,      u"é"_s,      u"É"_s,
        u"straße"_s,     u"STRASSE"_s,    u"ẞ"_s,  u"K"_s,      u"k"_s,      u"K"_s,
        u"ς"_s,          u"σ"_s,          u"Σ"_s,  u"İ"_s,      u"i"_s,      u"ı"_s,
        u"ǅ"_s,          u"ǆ"_s,          u"Ǆ"_s,  u"\uffff"_s, u"\ue000"_s, u"\U00010400"_s,
        u"\U00010428"_s, u"\U0001F600"_s, u"10"_s, u"9"_s,      u"Ω"_s,      u"ω"_s,
        u"Ω"_s,          u"ﬀ"_s,          u"FF"_s
    };
    texts.append(QString(QChar(0xD801)));
    texts.append(QString(QChar(0xDC00)));
    texts.append(QString(QChar(0xD801)) + QChar(0xE000));
    texts.append(QString(QChar(0xD801)) + QChar(0x41));
    texts.append(QString(QChar(0xDC00)) + QChar(0xD801));
    const auto sign = [](int v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); };
    for (const QString &a : std::as_const(texts)) {
        for (const QString &b : std::as_const(texts)) {
            const QString ab = a + b;
            for (const auto &[x, y] :
                 { std::pair{ a, b }, std::pair{ ab, a }, std::pair{ b, ab } }) {
                const QByteArray kx = FieldIndex::foldKey(x);
                const QByteArray ky = FieldIndex::foldKey(y);
                const int expected = sign(QString::compare(x, y, Qt::CaseInsensitive));
                QVERIFY2(sign(kx.compare(ky)) == expected,
                         qPrintable(u"%1 vs %2"_s.arg(QString::fromLatin1(x.toUtf8().toHex()),
                                                      QString::fromLatin1(y.toUtf8().toHex()))));
            }
        }
    }
}

void tst_FieldIndex::compareAll(EventStore &store, const char *stage)
{
    QVERIFY(store.catchUpFieldIndex());
    for (const QString &text : filters()) {
        const FilterExpression filter = FilterExpression::parse(text, 1'800'000'000'000);
        QVERIFY2(filter.isValid(), qPrintable(text + u": "_s + filter.errorMessage()));
        bool complete = false;
        const std::vector<qint64> indexed = indexAnswer(store, filter, &complete);
        QVERIFY2(complete, qPrintable(text));
        const std::vector<qint64> scanned = scanAnswer(store, filter);
        if (indexed != scanned) {
            QStringList a, b;
            for (qint64 id : indexed)
                a << QString::number(id);
            for (qint64 id : scanned)
                b << QString::number(id);
            QFAIL(qPrintable(u"%1 (%2): index [%3] scan [%4]"_s.arg(
                    text, QString::fromLatin1(stage), a.join(u','), b.join(u','))));
        }
    }
}

void tst_FieldIndex::indexedEqualsScan()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore store;
    QVERIFY2(store.open(dir.path()), qPrintable(store.errorString()));
    for (const QByteArray &body : fixtureBodies())
        store.submit(eventWith(body));
    for (const QByteArray &body : syntheticBodies())
        store.submit(eventWith(body));
    store.submit(eventWith("payload.ticket.priorityName=Urgent",
                           u"application/x-www-form-urlencoded"_s));
    store.flush();
    QVERIFY(store.count() > 20);
    // Registered after the rows are stored: everything comes from the back-fill.
    store.requestFieldIndex(Paths);
    compareAll(store, "back-filled");
    QVERIFY(valueRows(dir.path()) > 0);
    for (const QString &path : Paths)
        QCOMPARE(store.fieldIndexedUpTo(path), store.maxId());
}

void tst_FieldIndex::followsInsertsRetentionClearAndReopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QList<QByteArray> bodies = fixtureBodies() + syntheticBodies();
    {
        EventStore store;
        QVERIFY2(store.open(dir.path()), qPrintable(store.errorString()));
        for (const QByteArray &body : bodies.mid(0, 10))
            store.submit(eventWith(body));
        store.flush();
        store.requestFieldIndex(Paths);
        QVERIFY(store.catchUpFieldIndex());
        // Rows stored after the registration get their values in their own transaction.
        for (const QByteArray &body : bodies.mid(10))
            store.submit(eventWith(body));
        store.flush();
        compareAll(store, "inserted after indexing");

        // Retention drops the oldest rows, and their values with them.
        const qint64 before = store.count();
        store.setRetention(before - 7);
        QCOMPARE(store.count(), before - 7);
        QCOMPARE(valueRows(dir.path(), u" WHERE event <= 7"_s), 0);
        compareAll(store, "after retention");
    }
    {
        // Reopened: the registered paths are still there and still filled on insert.
        EventStore store;
        QVERIFY2(store.open(dir.path()), qPrintable(store.errorString()));
        for (const QByteArray &body : bodies.mid(0, 12))
            store.submit(eventWith(body));
        store.flush();
        compareAll(store, "after reopen");

        QVERIFY(store.clear());
        QCOMPARE(valueRows(dir.path()), 0);
        for (const QByteArray &body : bodies.mid(5, 9))
            store.submit(eventWith(body));
        store.flush();
        compareAll(store, "after clear");
    }
    {
        // A path registered just before the close is back-filled after the restart.
        EventStore store;
        QVERIFY2(store.open(dir.path()), qPrintable(store.errorString()));
        store.requestFieldIndex({ u"payload.ticket.title"_s });
        store.flush();
    }
    {
        EventStore store;
        QVERIFY2(store.open(dir.path()), qPrintable(store.errorString()));
        QVERIFY(store.catchUpFieldIndex());
        QCOMPARE(store.fieldIndexedUpTo(u"payload.ticket.title"_s), store.maxId());
        const FilterExpression filter =
                FilterExpression::parse(u"payload.ticket.title>=charged"_s, 1'800'000'000'000);
        bool complete = false;
        QCOMPARE(indexAnswer(store, filter, &complete), scanAnswer(store, filter));
        QVERIFY(complete);
    }
}

void tst_FieldIndex::notRegisteredOrContainsIsNotAnswered()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EventStore store;
    QVERIFY2(store.open(dir.path()), qPrintable(store.errorString()));
    for (const QByteArray &body : syntheticBodies())
        store.submit(eventWith(body));
    store.flush();
    FieldIndex::Answer answer;
    const FilterExpression notYet = FilterExpression::parse(u"payload.ticket.count>1"_s);
    QVERIFY(store.answerFromFieldIndex(notYet, store.maxId(), answer));
    QCOMPARE(answer.reach(), 0); // not registered: the scan answers
    QCOMPARE(store.fieldIndexedUpTo(u"payload.ticket.count"_s), -1);
    store.requestFieldIndex({ u"payload.ticket.count"_s });
    QVERIFY(store.catchUpFieldIndex());
    QVERIFY(store.answerFromFieldIndex(notYet, store.maxId(), answer));
    QCOMPARE(answer.reach(), store.maxId());
    // ~ is never served, even for a registered path.
    const FilterExpression contains = FilterExpression::parse(u"payload.ticket.count~1"_s);
    QVERIFY(!FieldIndex::serves(contains.payloadComparisons().constFirst()));
    QVERIFY(store.answerFromFieldIndex(contains, store.maxId(), answer));
    QCOMPARE(answer.reach(), 0);
}

QTEST_GUILESS_MAIN(tst_FieldIndex)
#include "tst_fieldindex.moc"
