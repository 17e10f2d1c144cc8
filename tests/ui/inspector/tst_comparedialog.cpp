// SPDX-License-Identifier: MIT
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include "core/events/eventparser.h"
#include "tests/support/fixtures.h"
#include "ui/inspector/comparedialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The Compare dialog: the field-level differences of two events' bodies and which headers
// and request details differ, shown in real tables.
class tst_CompareDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoDeliveriesOfATicket();
    void sameEventTwice();
    void bodiesThatAreNotJson();

private:
    static Event event(qint64 id, const QByteArray &body, const HeaderList &headers);
    static QList<QStringList> rows(const QTableWidget *table);
};

Event tst_CompareDialog::event(qint64 id, const QByteArray &body, const HeaderList &headers)
{
    Event e;
    e.body = body;
    e.contentType = u"application/json"_s;
    e.method = u"POST"_s;
    e.path = u"/hooks/events"_s;
    e.headers = headers;
    EventParser::parse(e.body, "application/json").applyTo(e);
    e.summary.id = id;
    e.summary.receivedAt = 1'795'166'043'000 + id;
    return e;
}

QList<QStringList> tst_CompareDialog::rows(const QTableWidget *table)
{
    QList<QStringList> out;
    for (int r = 0; r < table->rowCount(); ++r)
        out.append({ table->item(r, 0)->text(), table->item(r, 1)->text(),
                     table->item(r, 2)->text() });
    return out;
}

void tst_CompareDialog::twoDeliveriesOfATicket()
{
    // The priority-changed fixture, and the same ticket changed again: priority lowered, a
    // tag added, the escalation flag gone.
    const QByteArray first = Fixtures::read(u"platform-ticket-priority-changed.json"_s);
    QByteArray second = first;
    second.replace(R"("eventId": "evt_01JD5K7M9Q8W7E6R5T4Y3U2I1O")", R"("eventId": "evt_second")");
    const qsizetype previous = second.indexOf("\"previousTicket\"");
    QVERIFY(previous > 0);
    // Only in the current ticket (the part before previousTicket).
    QByteArray current = second.left(previous);
    current.replace(R"("priorityName": "Urgent")", R"("priorityName": "Low")");
    current.replace(R"("refund"
      ])",
                    R"("refund",
        "vip"
      ])");
    current.replace(R"("isEscalated": false,)", "");
    second = current + second.mid(previous);

    const Event a = event(7, first,
                          { { "Content-Type", "application/json" },
                            { "X-Thena-Delivery", "d-1" },
                            { "User-Agent", "Thena/1" } });
    const Event b = event(9, second,
                          { { "content-type", "application/json" }, // same, other case
                            { "X-Thena-Delivery", "d-2" },
                            { "User-Agent", "Thena/1" },
                            { "X-Retry", "1" } });
    CompareDialog dialog(a, b);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    const QList<QStringList> expected = {
        { u"eventId"_s, u"\"evt_01JD5K7M9Q8W7E6R5T4Y3U2I1O\""_s, u"\"evt_second\""_s },
        { u"payload.ticket.priorityName"_s, u"\"Urgent\""_s, u"\"Low\""_s },
        { u"payload.ticket.tags[2]"_s, u"(absent)"_s, u"\"vip\""_s },
        { u"payload.ticket.isEscalated"_s, u"false"_s, u"(absent)"_s },
    };
    QCOMPARE(rows(dialog.fieldsTable()), expected);
    QCOMPARE(rows(dialog.headersTable()),
             QList<QStringList>({ { u"X-Retry"_s, u"(not sent)"_s, u"1"_s },
                                  { u"X-Thena-Delivery"_s, u"d-1"_s, u"d-2"_s } }));
    QVERIFY2(dialog.summaryText().contains(u"4 field(s) differ"_s),
             qPrintable(dialog.summaryText()));
    QVERIFY(dialog.windowTitle().contains(u"7"_s) && dialog.windowTitle().contains(u"9"_s));
    QCOMPARE(dialog.fieldsTable()->horizontalHeaderItem(1)->text().left(2), u"#7"_s);
    QCOMPARE(dialog.fieldsTable()->horizontalHeaderItem(2)->text().left(2), u"#9"_s);
}

void tst_CompareDialog::sameEventTwice()
{
    const QByteArray body = Fixtures::read(u"platform-ticket-created.json"_s);
    const HeaderList headers = { { "Content-Type", "application/json" } };
    CompareDialog dialog(event(1, body, headers), event(2, body, headers));
    QCOMPARE(dialog.fieldsTable()->rowCount(), 0);
    QCOMPARE(dialog.headersTable()->rowCount(), 0);
    QVERIFY2(dialog.summaryText().contains(u"The bodies are the same."_s),
             qPrintable(dialog.summaryText()));
}

void tst_CompareDialog::bodiesThatAreNotJson()
{
    Event a = event(1, "priority=High", {});
    Event b = event(2, "priority=Urgent", {});
    a.contentType = b.contentType = u"application/x-www-form-urlencoded"_s;
    b.method = u"PUT"_s;
    CompareDialog dialog(a, b);
    QCOMPARE(dialog.fieldsTable()->rowCount(), 1);
    QVERIFY(dialog.summaryText().contains(u"not both JSON"_s));
    QCOMPARE(rows(dialog.headersTable()),
             QList<QStringList>({ { u"Method"_s, u"POST"_s, u"PUT"_s } }));
}

QTEST_MAIN(tst_CompareDialog)
#include "tst_comparedialog.moc"
