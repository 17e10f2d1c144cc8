// SPDX-License-Identifier: MIT
#include <QJsonDocument>
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

QTEST_GUILESS_MAIN(tst_JsonText)
#include "tst_jsontext.moc"
