// SPDX-License-Identifier: MIT
#include <QTest>

#include "core/relay/sseparser.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

namespace {

// "type|data|id" per event, so a failure shows which event differs and how.
QStringList describe(const QList<SseEvent> &events)
{
    QStringList out;
    for (const SseEvent &e : events)
        out.append(e.type + u'|' + e.data + u'|' + e.lastEventId);
    return out;
}

struct Outcome
{
    QStringList events;
    QString lastEventId;
    qint64 retryMs = -1;
};

Outcome feedPieces(const QList<QByteArray> &pieces)
{
    SseParser parser;
    Outcome o;
    for (const QByteArray &piece : pieces)
        o.events += describe(parser.feed(piece));
    o.lastEventId = parser.lastEventId();
    o.retryMs = parser.retryMs();
    return o;
}

} // namespace

class tst_SseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void grammar_data();
    void grammar();
    void restartKeepsLastEventId();
    void resetForgetsEverything();
    void oversizedEventIsDropped();
    void oversizedLineDropsItsEvent();
    void largeEventInManyReads();
};

void tst_SseParser::grammar_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QString>("lastEventId");
    QTest::addColumn<qint64>("retryMs");

    const QString noId;
    QTest::addRow("simple") << "data: hello\n\n"_ba << QStringList{ u"message|hello|"_s } << noId
                            << qint64(-1);
    QTest::addRow("no space after colon")
            << "data:hello\n\n"_ba << QStringList{ u"message|hello|"_s } << noId << qint64(-1);
    QTest::addRow("only one space removed")
            << "data:  hello \n\n"_ba << QStringList{ u"message| hello |"_s } << noId << qint64(-1);
    QTest::addRow("multi-line data")
            << "data: a\ndata: b\ndata\ndata: c\n\n"_ba << QStringList{ u"message|a\nb\n\nc|"_s }
            << noId << qint64(-1);
    QTest::addRow("empty data is still an event")
            << "data\n\n"_ba << QStringList{ u"message||"_s } << noId << qint64(-1);
    QTest::addRow("two empty data lines")
            << "data:\ndata\n\n"_ba << QStringList{ u"message|\n|"_s } << noId << qint64(-1);
    QTest::addRow("named event") << "event: ping\ndata: {}\n\n"_ba << QStringList{ u"ping|{}|"_s }
                                 << noId << qint64(-1);
    QTest::addRow("event type keeps extra spaces")
            << "event:  x \ndata: 1\n\n"_ba << QStringList{ u" x |1|"_s } << noId << qint64(-1);
    QTest::addRow("event without data is not dispatched, type resets")
            << "event: ready\n\ndata: y\n\n"_ba << QStringList{ u"message|y|"_s } << noId
            << qint64(-1);
    QTest::addRow("empty event field means message")
            << "event\ndata: a\n\n"_ba << QStringList{ u"message|a|"_s } << noId << qint64(-1);
    QTest::addRow("comments") << ": hello\n:\ndata: a\n: in between\n\n"_ba
                              << QStringList{ u"message|a|"_s } << noId << qint64(-1);
    QTest::addRow("comment only stream")
            << ": keep-alive\n\n: again\n\n"_ba << QStringList{} << noId << qint64(-1);
    QTest::addRow("CRLF") << "data: a\r\ndata: b\r\n\r\n"_ba << QStringList{ u"message|a\nb|"_s }
                          << noId << qint64(-1);
    QTest::addRow("CR") << "data: a\rdata: b\r\r"_ba << QStringList{ u"message|a\nb|"_s } << noId
                        << qint64(-1);
    QTest::addRow("mixed line ends")
            << "data: a\r\n\rdata: b\n\r\ndata: c\r\r\n"_ba
            << QStringList{ u"message|a|"_s, u"message|b|"_s, u"message|c|"_s } << noId
            << qint64(-1);
    QTest::addRow("LF CR is two line ends")
            << "data: a\n\rdata: b\n\n"_ba << QStringList{ u"message|a|"_s, u"message|b|"_s }
            << noId << qint64(-1);
    QTest::addRow("many blank lines")
            << "data: a\n\n\n\n\r\n\r"_ba << QStringList{ u"message|a|"_s } << noId << qint64(-1);
    QTest::addRow("id") << "id: 1\ndata: a\n\n"_ba << QStringList{ u"message|a|1"_s } << u"1"_s
                        << qint64(-1);
    QTest::addRow("id persists") << "id: 1\ndata: a\n\ndata: b\n\n"_ba
                                 << QStringList{ u"message|a|1"_s, u"message|b|1"_s } << u"1"_s
                                 << qint64(-1);
    QTest::addRow("id after data in the same event")
            << "data: a\nid: 9\n\n"_ba << QStringList{ u"message|a|9"_s } << u"9"_s << qint64(-1);
    QTest::addRow("empty id resets")
            << "id: 1\ndata: a\n\nid\ndata: b\n\n"_ba
            << QStringList{ u"message|a|1"_s, u"message|b|"_s } << QString() << qint64(-1);
    QTest::addRow("id with NUL is ignored")
            << QByteArray("id: 1\ndata: a\n\nid: 2\0003\ndata: b\n\n", 32)
            << QStringList{ u"message|a|1"_s, u"message|b|1"_s } << u"1"_s << qint64(-1);
    QTest::addRow("id without data still updates")
            << "id: 7\n\n"_ba << QStringList{} << u"7"_s << qint64(-1);
    QTest::addRow("id of an unterminated event is not applied")
            << "id: 1\ndata: a\n\nid: 2\n"_ba << QStringList{ u"message|a|1"_s } << u"1"_s
            << qint64(-1);
    QTest::addRow("id keeps spaces and colons")
            << "id:  a:b \ndata: x\n\n"_ba << QStringList{ u"message|x| a:b "_s } << u" a:b "_s
            << qint64(-1);
    QTest::addRow("retry") << "retry: 1500\n\n"_ba << QStringList{} << noId << qint64(1500);
    QTest::addRow("retry without space")
            << "retry:20\ndata: a\n\n"_ba << QStringList{ u"message|a|"_s } << noId << qint64(20);
    QTest::addRow("retry not digits")
            << "retry: 15x\n\nretry: -1\nretry: 1 0\nretry:\nretry\nretry: 1.5\n\n"_ba
            << QStringList{} << noId << qint64(-1);
    QTest::addRow("last valid retry wins")
            << "retry: 5\nretry: x\nretry: 7\n\n"_ba << QStringList{} << noId << qint64(7);
    QTest::addRow("BOM") << "\xEF\xBB\xBF"
                            "data: a\n\n"_ba
                         << QStringList{ u"message|a|"_s } << noId << qint64(-1);
    QTest::addRow("only the first BOM is stripped")
            << "\xEF\xBB\xBF\xEF\xBB\xBF"
               "data: a\n\ndata: b\n\n"_ba
            << QStringList{ u"message|b|"_s } << noId << qint64(-1);
    QTest::addRow("partial BOM is data") << "\xEF\xBB"
                                            "data: a\n\ndata: b\n\n"_ba
                                         << QStringList{ u"message|b|"_s } << noId << qint64(-1);
    QTest::addRow("BOM inside a value is kept")
            << "data: \xEF\xBB\xBF"
               "a\n\n"_ba
            << QStringList{ u"message|\uFEFFa|"_s } << noId << qint64(-1);
    QTest::addRow("UTF-8")
            << "event: \xC3\xA9\ndata: \xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n\n"_ba
            << QStringList{ u"é|été € 😀|"_s } << noId << qint64(-1);
    QTest::addRow("invalid UTF-8 becomes U+FFFD")
            << "data: a\xFF"
               "b\n\n"_ba
            << QStringList{ u"message|a\uFFFDb|"_s } << noId << qint64(-1);
    QTest::addRow("colon in value")
            << "data: a: b:c\n\n"_ba << QStringList{ u"message|a: b:c|"_s } << noId << qint64(-1);
    QTest::addRow("space before colon is part of the name")
            << "data : x\n\ndata: y\n\n"_ba << QStringList{ u"message|y|"_s } << noId << qint64(-1);
    QTest::addRow("field names are case-sensitive")
            << "Data: x\nDATA: y\n\n"_ba << QStringList{} << noId << qint64(-1);
    QTest::addRow("unknown fields are ignored")
            << "foo: bar\nfoo\ndata: a\n\n"_ba << QStringList{ u"message|a|"_s } << noId
            << qint64(-1);
    QTest::addRow("unterminated event is discarded")
            << "data: a\n\ndata: b\n"_ba << QStringList{ u"message|a|"_s } << noId << qint64(-1);
    QTest::addRow("unterminated line is discarded")
            << "data: a\n\ndata: b"_ba << QStringList{ u"message|a|"_s } << noId << qint64(-1);
    QTest::addRow("empty stream") << QByteArray() << QStringList{} << noId << qint64(-1);
    QTest::addRow("smee stream")
            << "event: ready\ndata: {}\n\nevent: ping\ndata: {}\n\nid: 5\ndata: {\"body\":{\"a\":1},\"timestamp\":1}\n\n"_ba
            << QStringList{ u"ready|{}|"_s, u"ping|{}|"_s,
                            u"message|{\"body\":{\"a\":1},\"timestamp\":1}|5"_s }
            << u"5"_s << qint64(-1);
}

void tst_SseParser::grammar()
{
    QFETCH(QByteArray, stream);
    QFETCH(QStringList, events);
    QFETCH(QString, lastEventId);
    QFETCH(qint64, retryMs);

    auto check = [&](const Outcome &o, const QString &how) {
        if (o.events != events || o.lastEventId != lastEventId || o.retryMs != retryMs) {
            qWarning().noquote() << "fed" << how << "got" << o.events << "id" << o.lastEventId
                                 << "retry" << o.retryMs;
            return false;
        }
        return true;
    };

    QVERIFY(check(feedPieces({ stream }), u"whole"_s));

    // Split once at every byte boundary...
    for (qsizetype i = 0; i <= stream.size(); ++i)
        QVERIFY2(check(feedPieces({ stream.left(i), stream.mid(i) }), u"split at %1"_s.arg(i)),
                 qPrintable(QString::number(i)));

    // ...twice at every pair of boundaries (CRLF pairs, BOMs and UTF-8 sequences cut anywhere)...
    for (qsizetype i = 0; i <= stream.size(); ++i)
        for (qsizetype j = i; j <= stream.size(); ++j)
            QVERIFY2(check(feedPieces({ stream.left(i), stream.mid(i, j - i), stream.mid(j) }),
                           u"split at %1,%2"_s.arg(i).arg(j)),
                     qPrintable(u"%1,%2"_s.arg(i).arg(j)));

    // ...and one byte at a time.
    QList<QByteArray> bytes;
    for (const char c : std::as_const(stream))
        bytes.append(QByteArray(1, c));
    QVERIFY(check(feedPieces(bytes), u"byte by byte"_s));
}

void tst_SseParser::restartKeepsLastEventId()
{
    SseParser parser;
    QCOMPARE(describe(parser.feed("id: 4\ndata: a\n\ndata: cut off\nid: 99\n")),
             QStringList{ u"message|a|4"_s });
    parser.restart();
    QCOMPARE(parser.lastEventId(), u"4"_s);
    // A new connection may start with a BOM again, and the cut-off event is gone.
    QCOMPARE(describe(parser.feed("\xEF\xBB\xBF"
                                  "data: b\n\n")),
             QStringList{ u"message|b|4"_s });
    // A CR at the end of the old connection does not swallow an LF of the new one.
    parser.feed("data: c\r");
    parser.restart();
    QCOMPARE(describe(parser.feed("\ndata: d\n\n")), QStringList{ u"message|d|4"_s });

    parser.setLastEventId(u"10"_s);
    QCOMPARE(describe(parser.feed("data: e\n\n")), QStringList{ u"message|e|10"_s });
}

void tst_SseParser::resetForgetsEverything()
{
    SseParser parser;
    parser.feed("retry: 10\nid: 3\ndata: a\n\n");
    parser.reset();
    QCOMPARE(parser.lastEventId(), QString());
    QCOMPARE(parser.retryMs(), qint64(-1));
    QCOMPARE(describe(parser.feed("data: b\n\n")), QStringList{ u"message|b|"_s });
}

void tst_SseParser::oversizedEventIsDropped()
{
    SseParser parser(16);
    // Each line fits, together they do not: the event is dropped, the next one is fine.
    QCOMPARE(describe(parser.feed("id: 1\ndata: 0123456789\ndata: 0123456789\n\ndata: ok\n\n")),
             QStringList{ u"message|ok|1"_s });
    QCOMPARE(parser.oversizedCount(), 1);
}

void tst_SseParser::oversizedLineDropsItsEvent()
{
    SseParser parser(16);
    QList<SseEvent> events = parser.feed("data: a\ndata: 0123456789");
    events += parser.feed("0123456789\ndata: b\n\ndata: c\n\n");
    QCOMPARE(describe(events), QStringList{ u"message|c|"_s });
    QCOMPARE(parser.oversizedCount(), 1);
}

void tst_SseParser::largeEventInManyReads()
{
    SseParser parser;
    QByteArray payload(1024 * 1024, 'x');
    const QByteArray stream = "id: 42\r\ndata: " + payload + "\r\n\r\n";
    QList<SseEvent> events;
    for (qsizetype i = 0; i < stream.size(); i += 1000)
        events += parser.feed(
                QByteArrayView(stream).sliced(i, qMin<qsizetype>(1000, stream.size() - i)));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().data.size(), payload.size());
    QCOMPARE(events.first().lastEventId, u"42"_s);
}

QTEST_GUILESS_MAIN(tst_SseParser)
#include "tst_sseparser.moc"
