// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "core/events/eventparser.h"
#include "core/events/eventpayload.h"
#include "core/filter/filterexpression.h"
#include "tests/support/fixtures.h"
#include "ui/inspector/jsontreemodel.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The inspector's JSON tree: structure, paths usable in filters and export columns, value
// text and type, and find.
class tst_JsonTreeModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureTree();
    void pathsOfArraysAndOddKeys();
    void emptyAndScalarRoots();
    void documentOrder();
    void duplicateKeysShowEachOccurrence();
    void containersAsWritten();
    void filterTextParsesAndMatches_data();
    void filterTextParsesAndMatches();
    void filterTextRefusesWhatPathsCannotSay();
    void highlightMarksEveryMatch();

private:
    static QStringList keys(const JsonTreeModel &model, const QModelIndex &parent = {});
    static QModelIndex child(const JsonTreeModel &model, const QString &path);
};

QStringList tst_JsonTreeModel::keys(const JsonTreeModel &model, const QModelIndex &parent)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r)
        out.append(model.index(r, JsonTreeModel::KeyColumn, parent).data().toString());
    return out;
}

// The index whose path is `path`, found by walking the tree as a view would.
QModelIndex tst_JsonTreeModel::child(const JsonTreeModel &model, const QString &path)
{
    QModelIndex at;
    for (const QString &key : path.split(u'.')) {
        QModelIndex next;
        for (int r = 0; r < model.rowCount(at) && !next.isValid(); ++r) {
            const QModelIndex i = model.index(r, 0, at);
            if (i.data().toString() == key)
                next = i;
        }
        if (!next.isValid())
            return {};
        at = next;
    }
    return at;
}

void tst_JsonTreeModel::fixtureTree()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QJsonDocument doc =
            QJsonDocument::fromJson(Fixtures::read(u"platform-ticket-created.json"_s));
    model.setJson(doc.object());
    QCOMPARE(model.rowCount(), 1); // "message"
    QCOMPARE(model.columnCount(), int(JsonTreeModel::ColumnCount));
    const QModelIndexList hits = model.find(u"Urgent"_s);
    QVERIFY(hits.isEmpty());
    const QModelIndexList high = model.find(u"priorityName"_s);
    QCOMPARE(high.size(), 1);
    QCOMPARE(model.path(high.first()), u"message.payload.ticket.priorityName"_s);
    QCOMPARE(model.valueText(high.first()), u"High"_s);
    QStringList refundPaths;
    for (const QModelIndex &hit : model.find(u"refund"_s))
        refundPaths.append(model.path(hit));
    QVERIFY2(refundPaths.contains(u"message.payload.ticket.tags[1]"_s),
             qPrintable(refundPaths.join(u' ')));
    QCOMPARE(high.first().siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(),
             u"string"_s);
    QCOMPARE(high.first().data(JsonTreeModel::PathRole).toString(),
             u"message.payload.ticket.priorityName"_s);
}

void tst_JsonTreeModel::pathsOfArraysAndOddKeys()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJson(QJsonObject{ { u"list"_s, QJsonArray{ 1, QJsonObject{ { u"x"_s, true } } } },
                               { u"n"_s, 42.5 },
                               { u"nothing"_s, QJsonValue::Null } });
    QCOMPARE(model.rowCount(), 3);
    const QModelIndexList x = model.find(u"x"_s, Qt::CaseSensitive);
    QVERIFY(!x.isEmpty());
    QCOMPARE(model.path(x.first()), u"list[1].x"_s);
    QCOMPARE(model.valueText(x.first()), u"true"_s);
    const QModelIndexList n = model.find(u"42.5"_s);
    QCOMPARE(n.size(), 1);
    QCOMPARE(model.path(n.first()), u"n"_s);
    QCOMPARE(n.first().siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), u"number"_s);
}

void tst_JsonTreeModel::emptyAndScalarRoots()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJson(QJsonObject());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.find(u"anything"_s).isEmpty());
    model.setJson(QJsonArray{ u"a"_s, u"b"_s });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.path(model.index(1, 0)), u"[1]"_s);
}

void tst_JsonTreeModel::documentOrder()
{
    // The tree lists members as the body writes them (QJsonObject would sort them: actor,
    // eventId, eventType, orgId, payload, timestamp; previousTicket before ticket).
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJsonText(Fixtures::read(u"platform-ticket-priority-changed.json"_s));
    QCOMPARE(keys(model),
             QStringList({ u"eventId"_s, u"eventType"_s, u"timestamp"_s, u"orgId"_s, u"actor"_s,
                           u"payload"_s }));
    const QModelIndex payload = child(model, u"payload"_s);
    QCOMPARE(keys(model, payload), QStringList({ u"ticket"_s, u"previousTicket"_s }));
    const QStringList ticket = keys(model, child(model, u"payload.ticket"_s));
    QCOMPARE(ticket.mid(0, 4),
             QStringList({ u"id"_s, u"ticketId"_s, u"title"_s, u"description"_s }));
    QCOMPARE(ticket.last(), u"aiGeneratedSummary"_s);
    QCOMPARE(keys(model, child(model, u"actor"_s)),
             QStringList({ u"id"_s, u"type"_s, u"email"_s }));
    // Values, types and paths as before.
    const QModelIndex priority = child(model, u"payload.ticket.priorityName"_s);
    QCOMPARE(priority.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"Urgent"_s);
    QCOMPARE(model.path(priority), u"payload.ticket.priorityName"_s);
    const QModelIndex tags = child(model, u"payload.ticket.tags"_s);
    QCOMPARE(tags.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), u"array[2]"_s);
    QCOMPARE(model.path(model.index(1, 0, tags)), u"payload.ticket.tags[1]"_s);
    QCOMPARE(model.valueText(model.index(1, 0, tags)), u"refund"_s);
    QCOMPARE(child(model, u"payload.ticket.ticketId"_s)
                     .siblingAtColumn(JsonTreeModel::TypeColumn)
                     .data()
                     .toString(),
             u"number"_s);
    QCOMPARE(child(model, u"payload.ticket.assignedTo"_s)
                     .siblingAtColumn(JsonTreeModel::ValueColumn)
                     .data()
                     .toString(),
             u"null"_s);
}

void tst_JsonTreeModel::duplicateKeysShowEachOccurrence()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJsonText(R"({"b":1,"a":{"x":true},"b":"two","esc\"aped":null})");
    QCOMPARE(keys(model), QStringList({ u"b"_s, u"a"_s, u"b"_s, u"esc\"aped"_s }));
    QCOMPARE(model.index(0, JsonTreeModel::ValueColumn).data().toString(), u"1"_s);
    QCOMPARE(model.index(2, JsonTreeModel::ValueColumn).data().toString(), u"two"_s);
    QCOMPARE(model.index(0, JsonTreeModel::TypeColumn).data().toString(), u"number"_s);
    QCOMPARE(model.index(2, JsonTreeModel::TypeColumn).data().toString(), u"string"_s);
    QCOMPARE(model.find(u"b"_s, Qt::CaseSensitive).size(), 2);
}

void tst_JsonTreeModel::containersAsWritten()
{
    // Copy value of an object gives its members in document order too.
    JsonTreeModel model;
    model.setJsonText(R"({"o":{"z":1,"a":[2, {}]},"e":[]})");
    QCOMPARE(model.valueText(model.index(0, 0)),
             u"{\n    \"z\": 1,\n    \"a\": [\n        2,\n        {}\n    ]\n}"_s);
    QVERIFY(model.hasChildren(model.index(0, 0)));
    QVERIFY(!model.hasChildren(model.index(1, 0)));
    QCOMPARE(model.index(1, JsonTreeModel::TypeColumn).data().toString(), u"array[0]"_s);
    QCOMPARE(model.index(0, 0).data(JsonTreeModel::JsonRole).value<QJsonValue>().toObject().size(),
             2);
}

void tst_JsonTreeModel::filterTextParsesAndMatches_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("filter");
    QTest::addRow("string") << u"platform-ticket-priority-changed.json"_s
                            << u"payload.ticket.priorityName"_s
                            << u"payload.ticket.priorityName=\"Urgent\""_s;
    QTest::addRow("number") << u"platform-ticket-priority-changed.json"_s
                            << u"payload.ticket.ticketId"_s << u"payload.ticket.ticketId=1042"_s;
    QTest::addRow("boolean") << u"platform-ticket-priority-changed.json"_s
                             << u"payload.ticket.isEscalated"_s
                             << u"payload.ticket.isEscalated=false"_s;
    QTest::addRow("null") << u"platform-ticket-priority-changed.json"_s
                          << u"payload.ticket.assignedTo"_s << u"payload.ticket.assignedTo=\"\""_s;
    QTest::addRow("array element")
            << u"platform-ticket-priority-changed.json"_s << u"payload.ticket.tags.[1]"_s
            << u"payload.ticket.tags[1]=\"refund\""_s;
    QTest::addRow("spaces and dates")
            << u"platform-ticket-priority-changed.json"_s << u"payload.ticket.createdAt"_s
            << u"payload.ticket.createdAt=\"2026-11-20T09:14:03.120Z\""_s;
    QTest::addRow("quotes in the value")
            << u"legacy-request-updated.json"_s << u"request.description"_s
            << u"request.description=\"<p>We were charged twice for invoice 1042, \\\"please\\\" "
               "refund; thanks.</p>\""_s;
    QTest::addRow("wrapped delivery")
            << u"platform-ticket-created.json"_s << u"message.payload.ticket.priorityName"_s
            << u"message.payload.ticket.priorityName=\"High\""_s;
}

void tst_JsonTreeModel::filterTextParsesAndMatches()
{
    QFETCH(QString, fixture);
    QFETCH(QString, path);
    QFETCH(QString, filter);
    const QByteArray body = Fixtures::read(fixture);
    JsonTreeModel model;
    model.setJsonText(body);
    const QModelIndex index = child(model, path);
    QVERIFY(index.isValid());
    QCOMPARE(model.filterText(index), filter);

    // The filter bar's own parser takes it, and it holds for the event it came from.
    const FilterExpression expression = FilterExpression::parse(filter);
    QVERIFY2(expression.isValid(), qPrintable(expression.errorMessage()));
    Event event;
    EventParser::parse(body, "application/json").applyTo(event);
    const EventSummary &summary = event.summary;
    const EventPayload payload(body, "application/json");
    QVERIFY(expression.matches(summary, &payload));
    // ... and not for an event where that value is different (account:updated has no ticket;
    // the priority-changed ticket had another priority before).
    const QByteArray other = Fixtures::read(u"platform-account-updated.json"_s);
    const EventPayload otherPayload(other, "application/json");
    if (!filter.contains(u"assignedTo"_s)) // a missing path reads as "", like null
        QVERIFY(!expression.matches(summary, &otherPayload));
}

void tst_JsonTreeModel::filterTextRefusesWhatPathsCannotSay()
{
    JsonTreeModel model;
    model.setJsonText(R"({"with space":1,"a.b":2,"ok":{"x":3},"_u":4,"9lives":5})");
    QVERIFY(model.filterText(model.index(0, 0)).isEmpty());
    QVERIFY(model.filterText(model.index(1, 0)).isEmpty());
    QVERIFY(model.filterText(model.index(2, 0)).isEmpty()); // an object: no single value
    QCOMPARE(model.filterText(model.index(0, 0, model.index(2, 0))), u"ok.x=3"_s);
    QCOMPARE(model.filterText(model.index(3, 0)), u"_u=4"_s);
    QVERIFY(model.filterText(model.index(4, 0)).isEmpty()); // paths start with a letter
    model.setJsonText(R"(["top"])");
    QVERIFY(model.filterText(model.index(0, 0)).isEmpty());
}

void tst_JsonTreeModel::highlightMarksEveryMatch()
{
    JsonTreeModel model;
    model.setJsonText(R"({"refund":"no","reason":"Refund please","n":3})");
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setHighlight(u"refund"_s);
    QVERIFY(!changed.isEmpty()); // the views repaint
    QVERIFY(model.index(0, 0).data(JsonTreeModel::FindMatchRole).toBool());
    QVERIFY(model.index(1, 0).data(JsonTreeModel::FindMatchRole).toBool());
    QVERIFY(!model.index(2, 0).data(JsonTreeModel::FindMatchRole).toBool());
    QVERIFY(model.index(1, JsonTreeModel::ValueColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.index(2, JsonTreeModel::ValueColumn).data(Qt::BackgroundRole).isValid());
    model.setHighlight(QString());
    QVERIFY(!model.index(1, 0).data(JsonTreeModel::FindMatchRole).toBool());
}

QTEST_MAIN(tst_JsonTreeModel)
#include "tst_jsontreemodel.moc"
