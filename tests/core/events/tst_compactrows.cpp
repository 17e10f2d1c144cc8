// SPDX-License-Identifier: MIT
#include <QTest>

#include "core/events/compactrows.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

EventSummary makeSummary(qint64 id)
{
    EventSummary s;
    s.id = id;
    s.receivedAt = 1'700'000'000'000 + id * 17;
    s.occurredAt = id % 3 == 0 ? 0 : 1'700'000'000'000 + id * 11;
    s.size = 100 + id % 997;
    s.type = id % 2 ? u"ticket:created"_s : u"comment:created"_s;
    s.team = u"team-%1"_s.arg(id % 4);
    s.source = u"local"_s;
    s.status = id % 10 == 0 ? u"repeat"_s : u"ok"_s;
    s.eventId = u"evt_%1"_s.arg(id, 12, 10, QChar(u'0'));
    s.actor = u"user-%1"_s.arg(id % 101);
    s.entity = u"ticket/%1"_s.arg(id / 2);
    s.summary = u"Ticket #%1 created: printer on fire"_s.arg(id);
    return s;
}

void compareSummaries(const EventSummary &a, const EventSummary &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.receivedAt, b.receivedAt);
    QCOMPARE(a.occurredAt, b.occurredAt);
    QCOMPARE(a.size, b.size);
    QCOMPARE(a.type, b.type);
    QCOMPARE(a.eventId, b.eventId);
    QCOMPARE(a.team, b.team);
    QCOMPARE(a.actor, b.actor);
    QCOMPARE(a.entity, b.entity);
    QCOMPARE(a.summary, b.summary);
    QCOMPARE(a.source, b.source);
    QCOMPARE(a.status, b.status);
}

} // namespace

// CompactRows: the event table's rows (integers, interned values, texts as UTF-8 in an
// arena) give back exactly what went in, share repeated values, free memory on removal.
class tst_CompactRows final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripEveryField();
    void emptyNonAsciiAndLongTexts();
    void utf8RowsNeedNoQString();
    void distinctValuesAreStoredOnce();
    void arenaGrowthKeepsEarlierRows();
    void removalForRetention();
    void prependOlderRows();
    void summaryIntoReusesTheScratch();
    void millionRows();
};

void tst_CompactRows::roundTripEveryField()
{
    CompactRows rows;
    QVERIFY(rows.isEmpty());
    for (qint64 id = 1; id <= 50; ++id)
        rows.append(makeSummary(id));
    QCOMPARE(rows.size(), 50);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const EventSummary expected = makeSummary(r + 1);
        compareSummaries(rows.summary(r), expected);
        QCOMPARE(rows.id(r), expected.id);
        QCOMPARE(rows.receivedAt(r), expected.receivedAt);
        QCOMPARE(rows.occurredAt(r), expected.occurredAt);
        QCOMPARE(rows.bodySize(r), expected.size);
        QCOMPARE(rows.type(r), expected.type);
        QCOMPARE(rows.team(r), expected.team);
        QCOMPARE(rows.source(r), expected.source);
        QCOMPARE(rows.status(r), expected.status);
        QCOMPARE(rows.eventId(r), expected.eventId);
        QCOMPARE(rows.actor(r), expected.actor);
        QCOMPARE(rows.entity(r), expected.entity);
        QCOMPARE(rows.summaryText(r), expected.summary);
    }
    QCOMPARE(rows.lowerBound(0), 0);
    QCOMPARE(rows.lowerBound(7), 6);
    QCOMPARE(rows.lowerBound(51), 50);
    rows.clear();
    QCOMPARE(rows.size(), 0);
    QCOMPARE(rows.internedValues(), 0);
}

void tst_CompactRows::emptyNonAsciiAndLongTexts()
{
    EventSummary empty; // every string empty, every number 0
    EventSummary foreign = makeSummary(2);
    foreign.type = u"ticket:créé"_s;
    foreign.team = u"チーム"_s;
    foreign.actor = u"Zoë Ångström"_s;
    foreign.entity = u"工单/42"_s;
    foreign.summary = u"Ärger mit dem Drucker 🔥 — bitte sofort"_s;
    foreign.eventId = u"evt_ÿ"_s;
    EventSummary longOne = makeSummary(3);
    longOne.summary = QString(300'000, u'x') + u"é"_s + QString(5, u'y'); // > a chunk
    EventSummary partial = makeSummary(4);
    partial.actor.clear();
    partial.entity.clear();

    CompactRows rows;
    for (const EventSummary *s : { &empty, &foreign, &longOne, &partial, &empty })
        rows.append(*s);
    compareSummaries(rows.summary(0), empty);
    compareSummaries(rows.summary(1), foreign);
    compareSummaries(rows.summary(2), longOne);
    compareSummaries(rows.summary(3), partial);
    compareSummaries(rows.summary(4), empty);
    QVERIFY(rows.summary(0).summary.isEmpty());
    QCOMPARE(rows.summaryText(2).size(), 300'006);

    EventSummary scratch = makeSummary(99);
    for (int r = 0; r < 5; ++r) {
        rows.summaryInto(r, scratch);
        compareSummaries(scratch, rows.summary(r));
    }
}

void tst_CompactRows::utf8RowsNeedNoQString()
{
    const QByteArray summary = u"Résumé of ticket 7"_s.toUtf8();
    CompactRows::Utf8Row in;
    in.id = 7;
    in.receivedAt = 1000;
    in.occurredAt = 900;
    in.size = 1234;
    in.type = "ticket:updated";
    in.eventId = "evt_7";
    in.team = "team-a";
    in.actor = "ana";
    in.entity = "ticket/7";
    in.summary = summary;
    in.source = "relay";
    in.status = "ok";
    CompactRows rows;
    rows.append(in);
    in.id = 8;
    in.eventId = {};
    in.summary = {};
    rows.append(in);

    const EventSummary first = rows.summary(0);
    QCOMPARE(first.id, 7);
    QCOMPARE(first.receivedAt, 1000);
    QCOMPARE(first.occurredAt, 900);
    QCOMPARE(first.size, 1234);
    QCOMPARE(first.type, u"ticket:updated"_s);
    QCOMPARE(first.eventId, u"evt_7"_s);
    QCOMPARE(first.team, u"team-a"_s);
    QCOMPARE(first.actor, u"ana"_s);
    QCOMPARE(first.entity, u"ticket/7"_s);
    QCOMPARE(first.summary, u"Résumé of ticket 7"_s);
    QCOMPARE(first.source, u"relay"_s);
    QCOMPARE(first.status, u"ok"_s);
    QCOMPARE(rows.eventId(1), QString());
    QCOMPARE(rows.summaryText(1), QString());
    QCOMPARE(rows.actor(1), u"ana"_s);
    // The same bytes through the QString path land on the same interned values.
    rows.append(first);
    QCOMPARE(rows.internedValues(), 4); // ticket:updated, team-a, relay, ok
}

void tst_CompactRows::distinctValuesAreStoredOnce()
{
    CompactRows rows;
    const QStringList types = { u"ticket:created"_s, u"ticket:updated"_s, u"comment:created"_s };
    for (int i = 0; i < 3000; ++i) {
        EventSummary s = makeSummary(i + 1);
        s.type = types.at(i % 3);
        s.team = u"team-1"_s;
        s.source = u"local"_s;
        s.status = u"ok"_s;
        rows.append(s);
    }
    // Three types and one value each for team, source and status.
    QCOMPARE(rows.internedValues(), 6);
    // Every row's type is the one shared string, not a copy per row.
    QVERIFY(rows.type(0).constData() == rows.type(3).constData());
    QVERIFY(rows.type(1).constData() != rows.type(0).constData());
    QCOMPARE(rows.type(2999), types.at(2));

    // Many distinct values grow the intern table without losing any.
    CompactRows many;
    for (int i = 0; i < 5000; ++i) {
        EventSummary s = makeSummary(i + 1);
        s.team = u"team-%1"_s.arg(i);
        many.append(s);
    }
    for (int i = 0; i < 5000; ++i)
        QCOMPARE(many.team(i), u"team-%1"_s.arg(i));
}

void tst_CompactRows::arenaGrowthKeepsEarlierRows()
{
    CompactRows rows;
    // A reference to an interned value taken early stays valid as rows are added.
    rows.append(makeSummary(1));
    const QString firstSummary = rows.summaryText(0);
    for (qint64 id = 2; id <= 40'000; ++id)
        rows.append(makeSummary(id));
    QVERIFY(rows.arenaChunks() > 3); // the texts did not fit one chunk
    QCOMPARE(rows.summaryText(0), firstSummary);
    for (qsizetype r = 0; r < rows.size(); r += 997)
        compareSummaries(rows.summary(r), makeSummary(r + 1));
    compareSummaries(rows.summary(rows.size() - 1), makeSummary(40'000));
    QVERIFY(rows.memoryBytes() > 40'000 * 72);
}

void tst_CompactRows::removalForRetention()
{
    CompactRows rows;
    for (qint64 id = 1; id <= 60'000; ++id)
        rows.append(makeSummary(id));
    const qsizetype chunksBefore = rows.arenaChunks();
    const qsizetype bytesBefore = rows.memoryBytes();

    rows.removeFirst(100);
    QCOMPARE(rows.size(), 59'900);
    QCOMPARE(rows.id(0), 101);
    compareSummaries(rows.summary(0), makeSummary(101));

    // Retention drops most rows: the chunks only they used are freed.
    rows.removeFirst(rows.lowerBound(55'001));
    QCOMPARE(rows.size(), 5'000);
    QCOMPARE(rows.id(0), 55'001);
    QVERIFY(rows.arenaChunks() < chunksBefore);
    QVERIFY(rows.memoryBytes() < bytesBefore);
    for (qsizetype r = 0; r < rows.size(); r += 101)
        compareSummaries(rows.summary(r), makeSummary(55'001 + r));

    // Appends after removals, then everything removed, then appends again.
    rows.append(makeSummary(60'001));
    compareSummaries(rows.summary(rows.size() - 1), makeSummary(60'001));
    rows.removeFirst(1'000'000); // more than there are: all of them
    QCOMPARE(rows.size(), 0);
    rows.append(makeSummary(70'000));
    QCOMPARE(rows.size(), 1);
    compareSummaries(rows.summary(0), makeSummary(70'000));
    rows.removeFirst(0);
    QCOMPARE(rows.size(), 1);
}

void tst_CompactRows::prependOlderRows()
{
    CompactRows rows;
    for (qint64 id = 5'001; id <= 6'000; ++id)
        rows.append(makeSummary(id));
    // An older chunk read newest first (as a backwards load may read it), with a value the
    // newer rows do not have.
    CompactRows older;
    for (qint64 id = 5'000; id >= 1; --id) {
        EventSummary s = makeSummary(id);
        if (id == 1)
            s.status = u"invalid"_s;
        older.append(s);
    }
    older.reverse();
    QCOMPARE(older.id(0), 1);
    rows.prepend(std::move(older));
    QCOMPARE(older.size(), 0);
    QCOMPARE(rows.size(), 6'000);
    for (qsizetype r = 0; r < rows.size(); ++r)
        QCOMPARE(rows.id(r), r + 1);
    QCOMPARE(rows.status(0), u"invalid"_s);
    for (qsizetype r = 1; r < rows.size(); r += 37)
        compareSummaries(rows.summary(r), makeSummary(r + 1));
    QCOMPARE(rows.internedValues(), 2 + 4 + 1 + 3); // types, teams, source, statuses

    // Appending and removing still work across both parts.
    rows.append(makeSummary(6'001));
    compareSummaries(rows.summary(6'000), makeSummary(6'001));
    rows.removeFirst(5'500);
    QCOMPARE(rows.id(0), 5'501);
    compareSummaries(rows.summary(0), makeSummary(5'501));
    rows.prepend(CompactRows()); // nothing to add
    QCOMPARE(rows.size(), 501);

    // A backwards load in chunks: into room reserved in front, then beyond it.
    CompactRows loaded;
    for (qint64 id = 1'001; id <= 1'010; ++id)
        loaded.append(makeSummary(id));
    loaded.reserveFront(100);
    QCOMPARE(loaded.size(), 10);
    compareSummaries(loaded.summary(0), makeSummary(1'001));
    for (qint64 top = 1'000; top > 0; top -= 30) {
        CompactRows chunk;
        for (qint64 id = qMax<qint64>(1, top - 29); id <= top; ++id)
            chunk.append(makeSummary(id));
        loaded.prepend(std::move(chunk));
    }
    QCOMPARE(loaded.size(), 1'010);
    for (qsizetype r = 0; r < loaded.size(); ++r)
        QCOMPARE(loaded.id(r), r + 1);
    for (qsizetype r = 0; r < loaded.size(); r += 13)
        compareSummaries(loaded.summary(r), makeSummary(r + 1));
}

void tst_CompactRows::summaryIntoReusesTheScratch()
{
    CompactRows rows;
    for (qint64 id = 1; id <= 10; ++id)
        rows.append(makeSummary(id));
    EventSummary scratch;
    rows.summaryInto(0, scratch);
    const QString held = scratch.summary; // someone keeps a copy: it must not change
    rows.summaryInto(9, scratch);
    QCOMPARE(held, makeSummary(1).summary);
    compareSummaries(scratch, makeSummary(10));
    rows.summaryInto(1, scratch);
    compareSummaries(scratch, makeSummary(2));
}

void tst_CompactRows::millionRows()
{
    constexpr qint64 Count = 1'000'000;
    CompactRows rows;
    rows.reserve(Count);
    QByteArray eventId, entity, summary;
    static const QByteArray types[] = { "ticket:created", "ticket:updated", "comment:created",
                                        "user:created", "app:installed" };
    for (qint64 id = 1; id <= Count; ++id) {
        eventId = "evt_" + QByteArray::number(id);
        entity = "ticket/" + QByteArray::number(id % 1000);
        summary = "Ticket #" + QByteArray::number(id) + " needs attention";
        CompactRows::Utf8Row in;
        in.id = id;
        in.receivedAt = id * 1000;
        in.occurredAt = id * 1000 - 5;
        in.size = id % 4096;
        in.type = types[id % 5];
        in.team = "team-1";
        in.source = "local";
        in.status = "ok";
        in.eventId = eventId;
        in.actor = "agent";
        in.entity = entity;
        in.summary = summary;
        rows.append(in);
    }
    QCOMPARE(rows.size(), Count);
    QCOMPARE(rows.internedValues(), 5 + 3);
    // Far below the ≈ 700 bytes of an EventSummary per row.
    QVERIFY2(rows.memoryBytes() < Count * 160, QByteArray::number(rows.memoryBytes()).constData());
    EventSummary s;
    for (qint64 r = 0; r < Count; r += 9'973) {
        rows.summaryInto(r, s);
        const qint64 id = r + 1;
        QCOMPARE(s.id, id);
        QCOMPARE(s.receivedAt, id * 1000);
        QCOMPARE(s.occurredAt, id * 1000 - 5);
        QCOMPARE(s.size, id % 4096);
        QCOMPARE(s.type, QString::fromLatin1(types[id % 5]));
        QCOMPARE(s.eventId, u"evt_%1"_s.arg(id));
        QCOMPARE(s.entity, u"ticket/%1"_s.arg(id % 1000));
        QCOMPARE(s.summary, u"Ticket #%1 needs attention"_s.arg(id));
    }
    QCOMPARE(rows.id(Count - 1), Count);
    QCOMPARE(rows.summaryText(Count - 1), u"Ticket #1000000 needs attention"_s);
    QCOMPARE(rows.lowerBound(500'000), 499'999);
    rows.removeFirst(999'990);
    QCOMPARE(rows.size(), 10);
    QCOMPARE(rows.eventId(0), u"evt_999991"_s);
}

QTEST_GUILESS_MAIN(tst_CompactRows)
#include "tst_compactrows.moc"
