// SPDX-License-Identifier: MIT
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "core/events/jsontext.h"
#include "tests/support/fixtures.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// JsonText::pretty: indentation without reordering or respelling anything.
class tst_JsonText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layout_data();
    void layout();
    void fixturesKeepTheirDocument();
    void membersInTheirOrder();
    void compactAndValue();
};

void tst_JsonText::layout_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pretty");
    QTest::addRow("keys in their order")
            << QByteArray(R"({"b":1,"a":2})") << u"{\n  \"b\": 1,\n  \"a\": 2\n}"_s;
    QTest::addRow("numbers as spelled")
            << QByteArray(R"([1e3, 1.50, -0])") << u"[\n  1e3,\n  1.50,\n  -0\n]"_s;
    QTest::addRow("escapes and structure in strings")
            << QByteArray(R"({"s":"a \"quoted\" {b}, [c]: d\\"})")
            << u"{\n  \"s\": \"a \\\"quoted\\\" {b}, [c]: d\\\\\"\n}"_s;
    QTest::addRow("empty containers")
            << QByteArray(R"({"o":{ },"a":[]})") << u"{\n  \"o\": {},\n  \"a\": []\n}"_s;
    QTest::addRow("nested")
            << QByteArray("{ \"x\" : [ {\"y\":null} , true ] }")
            << u"{\n  \"x\": [\n    {\n      \"y\": null\n    },\n    true\n  ]\n}"_s;
    QTest::addRow("unicode kept") << QByteArray("{\"n\":\"Café ✓\"}")
                                  << u"{\n  \"n\": \"Café ✓\"\n}"_s;
    QTest::addRow("scalar") << QByteArray("42") << u"42"_s;
}

void tst_JsonText::layout()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pretty);
    QCOMPARE(JsonText::pretty(json, 2), pretty);
}

void tst_JsonText::fixturesKeepTheirDocument()
{
    // Whatever the layout, the result parses to the same document as the bytes received.
    for (const QString &name : Fixtures::eventFixtures()) {
        const QByteArray body = Fixtures::read(name);
        const QString pretty = JsonText::pretty(body);
        QJsonParseError error;
        const QJsonDocument again = QJsonDocument::fromJson(pretty.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError,
                 qPrintable(name + u": "_s + error.errorString()));
        QCOMPARE(again, QJsonDocument::fromJson(body));
    }
}

void tst_JsonText::membersInTheirOrder()
{
    // The inspector's tree walks these: order as written, a repeated key twice, escaped names
    // decoded, each value's text as a view into the input.
    const QByteArray json = R"( { "b" : [1, {"x":"}"}], "a":"s\"q", "b":null, "k\u0041":{ } } )";
    const QList<JsonText::Member> members = JsonText::members(json);
    QStringList keys, values;
    for (const JsonText::Member &m : members) {
        keys.append(m.key);
        values.append(QString::fromUtf8(m.value));
    }
    QCOMPARE(keys, QStringList({ u"b"_s, u"a"_s, u"b"_s, u"kA"_s }));
    QCOMPARE(values, QStringList({ uR"([1, {"x":"}"}])"_s, uR"("s\"q")"_s, u"null"_s, u"{ }"_s }));
    const QList<JsonText::Member> items = JsonText::members(members.first().value);
    QCOMPARE(items.size(), 2);
    QVERIFY(items.first().key.isEmpty());
    QCOMPARE(items.at(1).value.toByteArray(), QByteArray(R"({"x":"}"})"));
    QVERIFY(JsonText::members("42").isEmpty());
    QVERIFY(JsonText::members("[]").isEmpty());
    // Truncated input: some list, nothing read past the end.
    QCOMPARE(JsonText::members(R"({"a":[1,2)").size(), 1);
    QVERIFY(JsonText::members(R"({"a)").isEmpty());
}

void tst_JsonText::compactAndValue()
{
    QCOMPARE(JsonText::compact("{ \"b\" : [ 1.50 , true ],\n \"a\": \"x y\" }"),
             uR"({"b":[1.50,true],"a":"x y"})"_s);
    QCOMPARE(JsonText::value("\"a\\u0062\""), QJsonValue(u"ab"_s));
    QCOMPARE(JsonText::value(" 1e2 "), QJsonValue(100));
    QCOMPARE(JsonText::value("null"), QJsonValue(QJsonValue::Null));
    QCOMPARE(JsonText::value(R"({"k":1})").toObject().value(u"k"_s), QJsonValue(1));
    QVERIFY(JsonText::value("nope").isUndefined());
    QVERIFY(JsonText::isContainer(" [1]"));
    QVERIFY(!JsonText::isContainer("\"[\""));
}

QTEST_GUILESS_MAIN(tst_JsonText)
#include "tst_jsontext.moc"
