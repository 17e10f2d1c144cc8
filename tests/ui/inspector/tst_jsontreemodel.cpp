// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

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
};

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

QTEST_MAIN(tst_JsonTreeModel)
#include "tst_jsontreemodel.moc"
