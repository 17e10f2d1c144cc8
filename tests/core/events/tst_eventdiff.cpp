// SPDX-License-Identifier: MIT
#include <QTest>

#include "core/events/eventdiff.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;
using Change = EventDiff::Change;
using Kind = EventDiff::Change::Kind;

Q_DECLARE_METATYPE(QList<Change>)

namespace QTest {
template<>
char *toString(const Change &c)
{
    const char *kind = c.kind == Kind::Added ? "added"
            : c.kind == Kind::Removed        ? "removed"
                                             : "changed";
    return qstrdup(qPrintable(
            u"%1 %2: %3 -> %4"_s.arg(QLatin1StringView(kind), c.path, c.before, c.after)));
}
} // namespace QTest

// EventDiff: field-level differences between two JSON documents, and the previous version an
// event carries next to the current one (the inspector's Changes tab, the Compare dialog).
class tst_EventDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priorityChangedFixture();
    void fieldChangedFixture();
    void eventsWithoutPreviousVersion();
    void compare_data();
    void compare();
    void previousAndCurrent();
    void nestedPairsAndPrefix();
};

void tst_EventDiff::priorityChangedFixture()
{
    // The fixture's previousTicket and ticket differ in the priority only.
    const QByteArray body = Fixtures::read(u"platform-ticket-priority-changed.json"_s);
    const QList<EventDiff::VersionPair> pairs = EventDiff::versionPairs(body);
    QCOMPARE(pairs.size(), 1);
    QCOMPARE(pairs.first().previousPath, u"payload.previousTicket"_s);
    QCOMPARE(pairs.first().currentPath, u"payload.ticket"_s);
    const QList<Change> expected = {
        { Kind::Changed, u"payload.ticket.priorityId"_s, u"\"PRI_HIGH\""_s, u"\"PRI_URGENT\""_s },
        { Kind::Changed, u"payload.ticket.priorityName"_s, u"\"High\""_s, u"\"Urgent\""_s },
    };
    QCOMPARE(EventDiff::previousVersionChanges(body), expected);
}

void tst_EventDiff::fieldChangedFixture()
{
    // previousValue/value: a scalar pair, named by the current value's path.
    const QByteArray body = Fixtures::read(u"platform-custom-object-deal-field-changed.json"_s);
    const QList<Change> expected = {
        { Kind::Changed, u"payload.value"_s, u"\"Negotiation\""_s, u"\"Closed won\""_s },
    };
    QCOMPARE(EventDiff::previousVersionChanges(body), expected);
}

void tst_EventDiff::eventsWithoutPreviousVersion()
{
    for (const QString &name :
         { u"platform-ticket-created.json"_s, u"platform-account-updated.json"_s,
           u"legacy-request-updated.json"_s }) {
        const QByteArray body = Fixtures::read(name);
        QVERIFY2(EventDiff::versionPairs(body).isEmpty(), qPrintable(name));
        QVERIFY2(EventDiff::previousVersionChanges(body).isEmpty(), qPrintable(name));
    }
    // Not JSON, or a scalar: nothing to compare, nothing read out of bounds.
    QVERIFY(EventDiff::versionPairs("priority=High&previousPriority=Low").isEmpty());
    QVERIFY(EventDiff::versionPairs("42").isEmpty());
    QVERIFY(EventDiff::versionPairs("{\"previousX\":").isEmpty());
}

void tst_EventDiff::compare_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QList<Change>>("changes");

    QTest::addRow("same") << QByteArray(R"({"a":1,"b":{"c":[1,2]}})")
                          << QByteArray(R"({ "b" : {"c":[1, 2]}, "a":1 })") << QList<Change>();
    QTest::addRow("nested objects flattened")
            << QByteArray(R"({"t":{"s":{"id":"A","name":"Open"}}})")
            << QByteArray(R"({"t":{"s":{"id":"B","name":"Open"}}})")
            << QList<Change>{ { Kind::Changed, u"t.s.id"_s, u"\"A\""_s, u"\"B\""_s } };
    QTest::addRow("added and removed, in document order")
            << QByteArray(R"({"z":1,"gone":{"x":true,"y":[]},"a":2})")
            << QByteArray(R"({"new":{"k":"v"},"z":1,"a":3})")
            << QList<Change>{ { Kind::Added, u"new.k"_s, {}, u"\"v\""_s },
                              { Kind::Changed, u"a"_s, u"2"_s, u"3"_s },
                              { Kind::Removed, u"gone.x"_s, u"true"_s, {} },
                              { Kind::Removed, u"gone.y"_s, u"[]"_s, {} } };
    QTest::addRow("arrays by index")
            << QByteArray(R"({"tags":["a","b"],"l":[{"n":1},{"n":2},{"n":3}]})")
            << QByteArray(R"({"tags":["a","c","d"],"l":[{"n":1},{"n":5}]})")
            << QList<Change>{ { Kind::Changed, u"tags[1]"_s, u"\"b\""_s, u"\"c\""_s },
                              { Kind::Added, u"tags[2]"_s, {}, u"\"d\""_s },
                              { Kind::Changed, u"l[1].n"_s, u"2"_s, u"5"_s },
                              { Kind::Removed, u"l[2].n"_s, u"3"_s, {} } };
    QTest::addRow("type changes where they meet")
            << QByteArray(R"({"a":null,"b":{"x":1},"c":"1"})")
            << QByteArray(R"({"a":{"x":1},"b":[1],"c":1})")
            << QList<Change>{ { Kind::Changed, u"a"_s, u"null"_s, u"{\"x\":1}"_s },
                              { Kind::Changed, u"b"_s, u"{\"x\":1}"_s, u"[1]"_s },
                              { Kind::Changed, u"c"_s, u"\"1\""_s, u"1"_s } };
    QTest::addRow("numbers by value, strings exactly")
            << QByteArray(R"({"n":1.0,"e":1e2,"s":"a\u0062"})")
            << QByteArray(R"({"n":1,"e":100,"s":"ab"})") << QList<Change>();
    QTest::addRow("a key twice: its last occurrence")
            << QByteArray(R"({"k":1,"k":2})") << QByteArray(R"({"k":2})") << QList<Change>();
    QTest::addRow("values as spelled")
            << QByteArray(R"({"s":"line\nbreak","q":"say \"hi\""})")
            << QByteArray(R"({"s":"line break","q":"say hi"})")
            << QList<Change>{ { Kind::Changed, u"s"_s, uR"("line\nbreak")"_s, u"\"line break\""_s },
                              { Kind::Changed, u"q"_s, uR"("say \"hi\"")"_s, u"\"say hi\""_s } };
}

void tst_EventDiff::compare()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QList<Change>, changes);
    QCOMPARE(EventDiff::compare(before, after), changes);
}

void tst_EventDiff::previousAndCurrent()
{
    const QByteArray body = R"({"data":{"previous":{"stage":"A","owner":"x"},)"
                            R"("current":{"stage":"B","owner":"x"}}})";
    const QList<Change> expected = {
        { Kind::Changed, u"data.current.stage"_s, u"\"A\""_s, u"\"B\""_s },
    };
    QCOMPARE(EventDiff::previousVersionChanges(body), expected);
}

void tst_EventDiff::nestedPairsAndPrefix()
{
    // Pairs anywhere (in arrays too); a previous version is not searched for pairs itself.
    const QByteArray body = R"({"items":[{"previousStatus":"open","status":"closed"}],)"
                            R"("previousTicket":{"previousStatus":"x","status":"y","n":1},)"
                            R"("ticket":{"previousStatus":"y","status":"y","n":2}})";
    const QList<EventDiff::VersionPair> pairs = EventDiff::versionPairs(body);
    QCOMPARE(pairs.size(), 3);
    QCOMPARE(pairs.at(0).currentPath, u"items[0].status"_s);
    QCOMPARE(pairs.at(1).currentPath, u"ticket"_s);
    QCOMPARE(pairs.at(2).currentPath, u"ticket.status"_s);
    const QList<Change> expected = {
        { Kind::Changed, u"items[0].status"_s, u"\"open\""_s, u"\"closed\""_s },
        { Kind::Changed, u"ticket.previousStatus"_s, u"\"x\""_s, u"\"y\""_s },
        { Kind::Changed, u"ticket.n"_s, u"1"_s, u"2"_s },
    };
    QCOMPARE(EventDiff::previousVersionChanges(body), expected);
    QCOMPARE(EventDiff::compare("1", "2", u"root"_s).first().path, u"root"_s);
}

QTEST_GUILESS_MAIN(tst_EventDiff)
#include "tst_eventdiff.moc"
