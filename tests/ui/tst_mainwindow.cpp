// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QDateTime>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <numeric>

#include "core/events/eventparser.h"
#include "core/export/csvwriter.h"
#include "core/filter/bodywords.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "ui/events/emptytablemessage.h"
#include "ui/events/eventfilterproxy.h"
#include "ui/events/eventtablemodel.h"
#include "ui/events/filterbar.h"
#include "ui/events/savedfilterspanel.h"
#include "ui/export/exportdialog.h"
#include "ui/inspector/inspectorwidget.h"
#include "ui/inspector/jsontreemodel.h"
#include "ui/mainwindow.h"
#include "ui/theme/theme.h"
#include "ui/sparkline/eventratemodel.h"
#include "ui/sparkline/sparklinewidget.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The whole monitor, offscreen: a real receiver on loopback, a real store, the real window.
class tst_MainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void postedFixturesAppearAndInspect();
    void sparklineCountsRowsLoadedLater();
    void filterBarFiltersAndReportsErrors();
    void bodyFilterAnswersInTheBackground();
    void exportDialogWritesFilteredCsv();
    void portInUseIsShownNotFatal();
    void exportDialogWritesHar();
    void pinsAndNotesShowInTheTable();
    void savedFiltersCountAndApply();
    void helpMenuOpensLegacyWebhooks();
    void formBodyIsNotDrawnAsJson();
    void treeValueBecomesFilterAndColumn();
    void summaryStaysReadableWhenNarrow();
    void sparklineDragFiltersByReceivedTime();
    void emptyTableSaysWhatToDo();

private:
    int post(const QString &fixture, const QByteArray &contentType = "application/json");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
    std::unique_ptr<MainWindow> m_window;
    QNetworkAccessManager m_nam;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location, not the user's
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    QSettings().clear();
}

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<EventStore>();
    QVERIFY(m_store->open(m_dir->path()));
    m_receiver = std::make_unique<Receiver>(m_store.get());
    ReceiverConfig config;
    config.port = 0;
    m_receiver->setConfig(config);
    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->errorString()));
    m_window = std::make_unique<MainWindow>(m_store.get(), m_receiver.get(), m_dir->path());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_receiver.reset();
    m_store.reset();
    m_dir.reset();
    QSettings().clear();
}

void tst_MainWindow::sparklineCountsRowsLoadedLater()
{
    // More events in the last hour than the table reads at once: the rest load after the
    // first paint, and the events-per-minute chart counts them as they come.
    m_window.reset();
    const int count = EventTableModel::DefaultFirstLoadRows + 500;
    Event e;
    e.body = Fixtures::read(u"platform-ticket-created.json"_s);
    e.contentType = u"application/json"_s;
    e.method = u"POST"_s;
    EventParser::parse(e.body, "application/json").applyTo(e);
    e.summary.source = EventSource::Local;
    e.summary.receivedAt = QDateTime::currentMSecsSinceEpoch() - 5000;
    for (int i = 0; i < count; ++i)
        m_store->submit(e);
    m_store->flush();
    m_window = std::make_unique<MainWindow>(m_store.get(), m_receiver.get(), m_dir->path());
    QVERIFY(m_window->model()->isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->model()->isLoading(), 20000);
    QCOMPARE(m_window->model()->rowCount(), count);
    const QList<int> &counts = m_window->sparkline()->model()->counts();
    QCOMPARE(std::accumulate(counts.cbegin(), counts.cend(), 0), count);
}

int tst_MainWindow::post(const QString &fixture, const QByteArray &contentType)
{
    QNetworkRequest request(QUrl(m_receiver->webhookUrl()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QString::fromLatin1(contentType));
    QNetworkReply *reply = m_nam.post(request, Fixtures::read(fixture));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

void tst_MainWindow::postedFixturesAppearAndInspect()
{
    QVERIFY2(m_window->statusText().contains(u"Listening"_s), qPrintable(m_window->statusText()));
    const QStringList fixtures = Fixtures::eventFixtures();
    for (const QString &f : fixtures)
        QCOMPARE(post(f), 200);
    QTRY_COMPARE(m_window->table()->model()->rowCount(), int(fixtures.size()));

    // Select the ticket:created row: the inspector loads its payload from the store.
    QTableView *table = m_window->table();
    int row = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, EventTableModel::TypeColumn).data().toString()
            == "ticket:created"_L1)
            row = r;
    QVERIFY(row >= 0);
    table->setCurrentIndex(table->model()->index(row, EventTableModel::SummaryColumn));
    InspectorWidget *inspector = m_window->inspector();
    QTRY_VERIFY(inspector->currentId() > 0);
    QVERIFY(inspector->rawText().contains(u"\"priorityName\": \"High\""_s));
    // Raw keeps the keys in the order they were sent (eventId, eventType, timestamp, orgId,
    // actor, payload), not sorted: it is the received body, indented.
    const QString raw = inspector->rawText();
    qsizetype last = -1;
    for (const char *key : { "\"eventId\"", "\"eventType\"", "\"timestamp\"", "\"orgId\"",
                             "\"actor\"", "\"payload\"" }) {
        const qsizetype at = raw.indexOf(QLatin1StringView(key));
        QVERIFY2(at > last, key);
        last = at;
    }
    QVERIFY(inspector->rawUsesJsonColours());
    const QModelIndexList hits = inspector->treeModel()->find(u"priorityName"_s);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(inspector->treeModel()->path(hits.first()), u"message.payload.ticket.priorityName"_s);

    // Copy JSON path / value act on the tree's current item.
    inspector->find(u"priorityName"_s);
    inspector->copyPath();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"message.payload.ticket.priorityName"_s);
    inspector->copyValue();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"High"_s);

    // The headers tab lists the request and its headers.
    QTableWidget *headers = inspector->headersTable();
    QStringList names;
    for (int r = 0; r < headers->rowCount(); ++r)
        names.append(headers->item(r, 0)->text().toLower());
    QVERIFY(names.contains(u"content-type"_s));
    QVERIFY(names.contains(u"method"_s));

    // A live event while following: it shows up as the last row.
    QCOMPARE(post(u"platform-account-updated.json"_s), 200);
    QTRY_COMPARE(table->model()->rowCount(), int(fixtures.size()) + 1);
}

void tst_MainWindow::filterBarFiltersAndReportsErrors()
{
    for (const QString &f : Fixtures::eventFixtures())
        QCOMPARE(post(f), 200);
    QTRY_COMPARE(m_window->model()->rowCount(), int(Fixtures::eventFixtures().size()));
    FilterBar *bar = m_window->filterBar();
    bar->setText(u"ticket:*"_s);
    QCOMPARE(m_window->proxy()->rowCount(), 3);
    bar->setText(u"ticket:* \"unbalanced"_s);
    QVERIFY2(bar->errorText().contains(u"Column 10"_s), qPrintable(bar->errorText()));
    // The last good filter stays in force.
    QCOMPARE(m_window->proxy()->rowCount(), 3);
    bar->setText(QString());
    QCOMPARE(m_window->proxy()->rowCount(), int(Fixtures::eventFixtures().size()));
    QVERIFY(bar->errorText().isEmpty());
}

void tst_MainWindow::bodyFilterAnswersInTheBackground()
{
    for (const QString &f : Fixtures::eventFixtures())
        QCOMPARE(post(f), 200);
    QTRY_COMPARE(m_window->model()->rowCount(), int(Fixtures::eventFixtures().size()));
    FilterBar *bar = m_window->filterBar();
    EventFilterProxy *proxy = m_window->proxy();
    QTableView *table = m_window->table();

    // Select the ticket:created row; a body filter that keeps it keeps it selected.
    bar->setText(u"ticket:created"_s);
    QCOMPARE(proxy->rowCount(), 1);
    table->setCurrentIndex(proxy->index(0, EventTableModel::SummaryColumn));
    const qint64 selected = table->currentIndex().data(EventTableModel::IdRole).toLongLong();
    QVERIFY(selected > 0);

    QSignalSpy finished(proxy, &EventFilterProxy::filterFinished);
    bar->setText(u"refund"_s);
    QVERIFY(proxy->isFiltering());
    QCOMPARE(proxy->rowCount(), 1); // the previous result until the answer is in
    QVERIFY(bar->isBusy());
    QVERIFY(finished.wait(10000));
    QVERIFY(!bar->isBusy());
    QCOMPARE(proxy->filter().text(), u"refund"_s);
    QVERIFY(proxy->rowCount() >= 3);
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QString summary = proxy->index(r, EventTableModel::SummaryColumn).data().toString();
        const qint64 id = proxy->index(r, 0).data(EventTableModel::IdRole).toLongLong();
        const std::optional<Event> event = m_store->event(id);
        QVERIFY(event);
        QVERIFY2(summary.contains(u"refund"_s, Qt::CaseInsensitive)
                         || BodyWords(QString::fromUtf8(event->body))
                                    .containsPhrase({ u"refund"_s }),
                 qPrintable(summary));
    }
    QCOMPARE(table->currentIndex().data(EventTableModel::IdRole).toLongLong(), selected);
}

void tst_MainWindow::exportDialogWritesFilteredCsv()
{
    for (const QString &f : Fixtures::eventFixtures())
        QCOMPARE(post(f), 200);
    QTRY_COMPARE(m_window->model()->rowCount(), int(Fixtures::eventFixtures().size()));
    ExportDialog dialog(m_dir->path(), FilterExpression::parse(u"ticket:*"_s), 3);
    const QString file = m_dir->filePath(u"out.csv"_s);
    QString message;
    QVERIFY2(dialog.exportTo(file, &message), qPrintable(message));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = CsvWriter::parse(f.readAll());
    QCOMPARE(rows.size(), 4);
    QCOMPARE(
            rows.first().join(u','),
            u"id,received_at,occurred_at,type,event_id,team,actor,entity,summary,source,status,size"_s);
    for (qsizetype i = 1; i < rows.size(); ++i)
        QVERIFY(rows.at(i).at(3).startsWith(u"ticket:"_s));
}

void tst_MainWindow::portInUseIsShownNotFatal()
{
    Receiver second(m_store.get());
    ReceiverConfig config;
    config.port = m_receiver->port();
    second.setConfig(config);
    QVERIFY(!second.start());
    MainWindow window(m_store.get(), &second, m_dir->path());
    QVERIFY2(window.statusText().contains(u"not running"_s), qPrintable(window.statusText()));
    QVERIFY(second.errorString().contains(u"already in use"_s));
}

void tst_MainWindow::exportDialogWritesHar()
{
    for (const QString &f : Fixtures::eventFixtures())
        QCOMPARE(post(f), 200);
    QTRY_COMPARE(m_window->model()->rowCount(), int(Fixtures::eventFixtures().size()));
    ExportDialog dialog(m_dir->path(), FilterExpression::parse(u"ticket:*"_s), 3);
    dialog.setHar();
    QVERIFY(dialog.isHar());
    const QString file = m_dir->filePath(u"out.har"_s);
    QString message;
    QVERIFY2(dialog.exportTo(file, &message), qPrintable(message));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject log =
            QJsonDocument::fromJson(f.readAll()).object().value("log"_L1).toObject();
    QCOMPARE(log.value("version"_L1).toString(), u"1.2"_s);
    QCOMPARE(log.value("entries"_L1).toArray().size(), 3);
}

void tst_MainWindow::pinsAndNotesShowInTheTable()
{
    QCOMPARE(post(u"platform-ticket-created.json"_s), 200);
    QTRY_COMPARE(m_window->model()->rowCount(), 1);
    const qint64 id = m_window->model()->summaryAt(0).id;
    QVERIFY(m_store->setPinned(id, true));
    QVERIFY(m_store->setNote(id, u"customer called twice"_s));
    const QModelIndex mark = m_window->model()->index(0, EventTableModel::MarkColumn);
    QCOMPARE(mark.data().toString(), u"★✎"_s);
    QCOMPARE(mark.data(Qt::ToolTipRole).toString(), u"customer called twice"_s);
    QVERIFY(mark.data(EventTableModel::PinnedRole).toBool());
    // Persisted: a fresh model over the same store sees them.
    EventTableModel fresh;
    fresh.setStore(m_store.get());
    QCOMPARE(fresh.index(0, EventTableModel::MarkColumn).data().toString(), u"★✎"_s);
    QVERIFY(m_store->setPinned(id, false));
    QVERIFY(m_store->setNote(id, QString()));
    QCOMPARE(m_window->model()->index(0, EventTableModel::MarkColumn).data().toString(), QString());
}

void tst_MainWindow::summaryStaysReadableWhenNarrow()
{
    QHeaderView *header = m_window->table()->horizontalHeader();
    m_window->resize(1024, 700);
    QTRY_VERIFY(m_window->width() <= 1024);
    // The summary used to collapse to about 45 px while type and team kept their width.
    QTRY_VERIFY2(header->sectionSize(EventTableModel::SummaryColumn) >= 200,
                 qPrintable(QString::number(header->sectionSize(EventTableModel::SummaryColumn))));
    const int narrowType = header->sectionSize(EventTableModel::TypeColumn);
    QVERIFY(narrowType >= 130);
    m_window->resize(1600, 1000);
    QTRY_COMPARE(header->sectionSize(EventTableModel::TypeColumn), 220); // width given back
    QVERIFY(header->sectionSize(EventTableModel::SummaryColumn) >= 200);
}

// The inspector's "Apply as filter" joins the bar's filter; "Add as column" shows a payload
// column in the table with each row's value.
void tst_MainWindow::treeValueBecomesFilterAndColumn()
{
    QCOMPARE(post(u"platform-ticket-priority-changed.json"_s), 200);
    QCOMPARE(post(u"platform-account-updated.json"_s), 200);
    QTableView *table = m_window->table();
    QTRY_COMPARE(table->model()->rowCount(), 2);
    const int columns = table->model()->columnCount();

    Q_EMIT m_window->inspector()->columnRequested(u"payload.ticket.priorityName"_s);
    QCOMPARE(table->model()->columnCount(), columns + 1);
    QVERIFY(!table->horizontalHeader()->isSectionHidden(columns));
    QStringList values;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        values.append(table->model()->index(r, columns).data().toString());
    values.sort();
    QCOMPARE(values, (QStringList{ QString(), u"Urgent"_s }));

    m_window->filterBar()->setText(u"ticket:*"_s);
    Q_EMIT m_window->inspector()->filterRequested(u"payload.ticket.priorityName=\"Urgent\""_s);
    QCOMPARE(m_window->filterBar()->text(), u"ticket:* payload.ticket.priorityName=\"Urgent\""_s);
    QTRY_COMPARE(table->model()->rowCount(), 1);
}

void tst_MainWindow::formBodyIsNotDrawnAsJson()
{
    // A valid form-encoded delivery shows its fields decoded, in plain text: the JSON colours
    // drew it all as one red error.
    QNetworkRequest request(QUrl(m_receiver->webhookUrl()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = m_nam.post(request, QByteArray("ticket=1042&priority=Urgent+now"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTRY_COMPARE(m_window->table()->model()->rowCount(), 1);
    QTableView *table = m_window->table();
    table->setCurrentIndex(table->model()->index(0, EventTableModel::SummaryColumn));
    InspectorWidget *inspector = m_window->inspector();
    QTRY_VERIFY(inspector->currentId() > 0);
    QVERIFY2(inspector->rawText().contains(u"priority = Urgent now"_s),
             qPrintable(inspector->rawText()));
    QVERIFY(!inspector->rawUsesJsonColours());
}

void tst_MainWindow::helpMenuOpensLegacyWebhooks()
{
    // Help → Legacy request webhooks… asks the app to show the guide (app/main.cpp wires it).
    QAction *entry = nullptr;
    for (QAction *menu : m_window->menuBar()->actions()) {
        if (!menu->menu() || menu->text().remove(u'&') != "Help"_L1)
            continue;
        for (QAction *action : menu->menu()->actions())
            if (action->text().remove(u'&').startsWith(u"Legacy request webhooks"_s))
                entry = action;
    }
    QVERIFY(entry);
    QSignalSpy requested(m_window.get(), &MainWindow::legacyWebhooksRequested);
    entry->trigger();
    QCOMPARE(requested.size(), 1);
}

void tst_MainWindow::savedFiltersCountAndApply()
{
    for (const QString &f : Fixtures::eventFixtures())
        QCOMPARE(post(f), 200);
    QTRY_COMPARE(m_window->model()->rowCount(), int(Fixtures::eventFixtures().size()));
    SavedFiltersPanel *panel = m_window->savedFilters();
    panel->setFilters({ { u"Tickets"_s, u"ticket:*"_s },
                        { u"Urgent"_s, u"payload.ticket.priorityName=Urgent"_s },
                        { u"Bad"_s, u"\"open"_s } });
    QCOMPARE(panel->countText(0), u"3"_s);
    QCOMPARE(panel->countText(2), u"error"_s);
    // A count decided by bodies is exact: what the table shows for that filter.
    for (const QString &expression : { u"payload.ticket.priorityName=Urgent"_s,
                                       u"ticket:* payload.ticket.priorityName=Urgent"_s,
                                       u"ticket:* -payload.ticket.priorityName=Urgent"_s }) {
        panel->setFilters({ { u"Tickets"_s, u"ticket:*"_s },
                            { u"By body"_s, expression },
                            { u"Bad"_s, u"\"open"_s } });
        QSignalSpy finished(m_window->proxy(), &EventFilterProxy::filterFinished);
        m_window->filterBar()->setText(expression);
        QVERIFY(finished.wait(10000));
        QVERIFY(m_window->proxy()->rowCount() > 0);
        QTRY_VERIFY(!panel->isCounting()); // a body filter is counted by a job
        QCOMPARE(panel->countText(1), QString::number(m_window->proxy()->rowCount()));
        QVERIFY(panel->list()->item(1)->text().endsWith(
                u"(%1)"_s.arg(m_window->proxy()->rowCount())));
    }
    m_window->filterBar()->setText(QString());
    // New events update the counts.
    QCOMPARE(post(u"platform-ticket-created.json"_s), 200);
    QTRY_COMPARE(panel->countText(0), u"4"_s);
    // Clicking applies the filter and highlights it...
    panel->list()->setCurrentRow(0);
    Q_EMIT panel->list()->itemClicked(panel->list()->item(0));
    QCOMPARE(m_window->filterBar()->text(), u"ticket:*"_s);
    QCOMPARE(m_window->proxy()->rowCount(), 4);
    QCOMPARE(panel->list()->selectedItems(), { panel->list()->item(0) });
    // ...until another filter is typed in the bar.
    QLineEdit *edit = m_window->filterBar()->lineEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, u"team:T1"_s);
    QVERIFY(panel->list()->selectedItems().isEmpty());
    QCOMPARE(panel->list()->currentRow(), -1);
    // Typing a saved filter's expression highlights that one.
    edit->selectAll();
    QTest::keyClicks(edit, u"\"open"_s);
    QCOMPARE(panel->list()->selectedItems(), { panel->list()->item(2) });
}

// The fixtures carry times from 2026-11-20 and 2023, not now: a range dragged over the minutes
// they arrived in must still show them (the bars count by arrival), and clearing the filter
// clears the shading.
void tst_MainWindow::sparklineDragFiltersByReceivedTime()
{
    const QStringList fixtures = { u"platform-ticket-created.json"_s,
                                   u"legacy-request-created.json"_s };
    for (const QString &f : fixtures)
        QCOMPARE(post(f), 200);
    QTRY_COMPARE(m_window->model()->rowCount(), 2);
    auto *sparkline = m_window->findChild<SparklineWidget *>();
    QVERIFY(sparkline);
    const QRect plot = sparkline->plotRect();
    const int minutes = sparkline->model()->minutes();
    const qreal step = qreal(plot.width()) / minutes;
    const auto at = [&](int bucket) {
        return QPoint(int(plot.left() + (bucket + 0.5) * step), plot.center().y());
    };
    // The last two minutes, so a minute turning over during the test does not matter.
    QTest::mousePress(sparkline, Qt::LeftButton, {}, at(minutes - 2));
    QTest::mouseMove(sparkline, at(minutes - 1));
    QTest::mouseRelease(sparkline, Qt::LeftButton, {}, at(minutes - 1));
    QVERIFY(sparkline->hasSelection());
    const QString text = m_window->filterBar()->text();
    QVERIFY2(text.startsWith(u"received:"_s), qPrintable(text));
    QCOMPARE(m_window->proxy()->rowCount(), 2);

    // A second drag replaces the range, and keeps the rest of the filter.
    m_window->filterBar()->setText(u"ticket:* "_s + text);
    QCOMPARE(m_window->proxy()->rowCount(), 1);
    QTest::mouseClick(sparkline, Qt::LeftButton, {}, at(minutes - 1));
    QCOMPARE(m_window->filterBar()->text(),
             u"ticket:* "_s
                     + SparklineWidget::rangeFilter(sparkline->selectionFrom(),
                                                    sparkline->selectionTo()));
    QVERIFY(sparkline->hasSelection());

    // Clearing the filter clears the shading.
    m_window->filterBar()->lineEdit()->clear();
    QCOMPARE(m_window->filterBar()->text(), QString());
    QVERIFY(!sparkline->hasSelection());
    QCOMPARE(m_window->proxy()->rowCount(), 2);

    // Escape on the sparkline takes the range out of the filter.
    QTest::mouseClick(sparkline, Qt::LeftButton, {}, at(minutes - 1));
    m_window->filterBar()->setText(u"team:T123NHFDRF "_s + m_window->filterBar()->text());
    QVERIFY(sparkline->hasSelection());
    sparkline->setFocus();
    QTest::keyClick(sparkline, Qt::Key_Escape);
    QCOMPARE(m_window->filterBar()->text(), u"team:T123NHFDRF"_s);
}

void tst_MainWindow::emptyTableSaysWhatToDo()
{
    auto *message = m_window->findChild<EmptyTableMessage *>();
    QVERIFY(message);
    QTableView *table = m_window->table();
    // No events at all: how to get one, and where Thena should send them.
    QCOMPARE(message->state(), EmptyTableMessage::State::NoEvents);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"Send a test event"_s), qPrintable(message->text()));
    QVERIFY(message->text().contains(u"Ctrl+T"_s));
    QVERIFY(message->text().contains(m_receiver->displayUrl().toHtmlEscaped()));
    QVERIFY(table->viewport()->rect().contains(message->geometry()));
    QVERIFY(qAbs(message->geometry().center().x() - table->viewport()->rect().center().x()) <= 2);
    // Readable on the table's background in both themes.
    const QPalette before = QApplication::palette();
    for (const QPalette &palette : { Theme::lightPalette(), Theme::darkPalette() }) {
        QApplication::setPalette(palette);
        const QColor fg = message->palette().color(message->foregroundRole());
        const QColor bg = table->viewport()->palette().color(QPalette::Base);
        QVERIFY2(qAbs(fg.lightness() - bg.lightness()) >= 100,
                 qPrintable(fg.name() + u" on "_s + bg.name()));
    }
    QApplication::setPalette(before);

    // Its link sends a real test event; with a row the message goes.
    QSignalSpy test(message, &EmptyTableMessage::sendTestEventRequested);
    Q_EMIT message->linkActivated(u"test"_s);
    QCOMPARE(test.size(), 1);
    QTRY_COMPARE(m_window->model()->rowCount(), 1);
    QTRY_COMPARE(message->state(), EmptyTableMessage::State::Hidden);
    QVERIFY(!message->isVisible());

    // A filter that hides everything: named (escaped), and Esc in the table clears it.
    m_window->filterBar()->setText(u"payload.x>1 OR team:<none>"_s);
    QTRY_COMPARE(message->state(), EmptyTableMessage::State::NoMatch);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"<code>payload.x&gt;1 OR team:&lt;none&gt;</code>"_s),
             qPrintable(message->text()));
    QVERIFY(message->text().contains(u"Clear the filter"_s));
    QVERIFY(message->text().contains(u"(Esc)"_s));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Escape);
    QCOMPARE(m_window->filterBar()->text(), QString());
    QTRY_COMPARE(message->state(), EmptyTableMessage::State::Hidden);
    QCOMPARE(m_window->proxy()->rowCount(), 1);

    // The link clears it too.
    m_window->filterBar()->setText(u"team:nobody"_s);
    QTRY_COMPARE(message->state(), EmptyTableMessage::State::NoMatch);
    Q_EMIT message->linkActivated(u"clear"_s);
    QCOMPARE(m_window->filterBar()->text(), QString());
    QCOMPARE(message->state(), EmptyTableMessage::State::Hidden);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
