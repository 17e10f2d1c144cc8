// SPDX-License-Identifier: MIT
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

// QScintilla's headers use the `signals`/`slots` keywords that QT_NO_KEYWORDS turns off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qsciscintilla.h>
#undef slots
#undef signals

#include "core/events/eventparser.h"
#include "core/store/eventstore.h"
#include "tests/support/fixtures.h"
#include "ui/inspector/inspectorwidget.h"
#include "ui/inspector/jsontreemodel.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The inspector as a user drives it, offscreen: events from a real store, keys typed into
// the find box, the tree's context menu, the Changes and Headers tabs.
class tst_InspectorWidget final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void treeKeepsDocumentOrder();
    void findStepsThroughTreeMatches();
    void findStepsThroughRawMatches();
    void changesTabListsChangedFields();
    void changesTabWithoutPreviousVersion();
    void treeMenuAppliesFilterAndAddsColumn();
    void copyGivesFeedback();
    void headerRowsAtTextHeight();

private:
    qint64 store(const QString &fixture, const HeaderList &headers = {});
    QModelIndex treeIndex(const QString &path) const;
    // Opens the tree's context menu on `index` (a real context-menu event on the viewport),
    // and triggers `action` in it when given; returns the menu's entries as "text" or
    // "text (disabled)".
    QStringList useTreeMenu(const QModelIndex &index, const QString &action);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<InspectorWidget> m_inspector;
};

void tst_InspectorWidget::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<EventStore>();
    QVERIFY(m_store->open(m_dir->path()));
    m_inspector = std::make_unique<InspectorWidget>();
    m_inspector->setStore(m_store.get());
    m_inspector->resize(520, 260); // small: matches further down need scrolling to
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
}

void tst_InspectorWidget::cleanup()
{
    m_inspector.reset();
    m_store.reset();
    m_dir.reset();
}

qint64 tst_InspectorWidget::store(const QString &fixture, const HeaderList &headers)
{
    Event e;
    e.body = Fixtures::read(fixture);
    e.contentType = u"application/json"_s;
    e.method = u"POST"_s;
    e.path = u"/hooks/events"_s;
    e.headers = headers.isEmpty() ? HeaderList{ { "Content-Type", "application/json" },
                                                { "User-Agent", "Thena-Webhooks/1.0" } }
                                  : headers;
    EventParser::parse(e.body, "application/json").applyTo(e);
    e.summary.receivedAt = 1'795'166'043'000;
    e.summary.source = EventSource::Local;
    m_store->submit(e);
    m_store->flush();
    return m_store->maxId();
}

QModelIndex tst_InspectorWidget::treeIndex(const QString &path) const
{
    const JsonTreeModel *model = m_inspector->treeModel();
    QModelIndex at;
    for (const QString &key : path.split(u'.')) {
        QModelIndex next;
        for (int r = 0; r < model->rowCount(at) && !next.isValid(); ++r)
            if (model->index(r, 0, at).data().toString() == key)
                next = model->index(r, 0, at);
        if (!next.isValid())
            return {};
        at = next;
    }
    return at;
}

QStringList tst_InspectorWidget::useTreeMenu(const QModelIndex &index, const QString &action)
{
    QTreeView *tree = m_inspector->treeView();
    tree->scrollTo(index);
    const QPoint pos = tree->visualRect(index).center();
    QStringList entries;
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        seen = true;
        QAction *chosen = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            entries.append(a->text() + (a->isEnabled() ? QString() : u" (disabled)"_s));
            if (a->text() == action && a->isEnabled())
                chosen = a;
        }
        menu->close();
        if (chosen)
            chosen->trigger();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, tree->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(tree->viewport(), &event);
    if (!seen)
        return { u"(no menu)"_s };
    return entries;
}

void tst_InspectorWidget::treeKeepsDocumentOrder()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    const JsonTreeModel *model = m_inspector->treeModel();
    QStringList top;
    for (int r = 0; r < model->rowCount(); ++r)
        top.append(model->index(r, 0).data().toString());
    QCOMPARE(top,
             QStringList({ u"eventId"_s, u"eventType"_s, u"timestamp"_s, u"orgId"_s, u"actor"_s,
                           u"payload"_s }));
    const QModelIndex payload = treeIndex(u"payload"_s);
    QCOMPARE(model->index(0, 0, payload).data().toString(), u"ticket"_s);
    QCOMPARE(model->index(1, 0, payload).data().toString(), u"previousTicket"_s);
    // What the view shows, row by row from the top: the same order.
    QTreeView *tree = m_inspector->treeView();
    QCOMPARE(tree->indexAt(tree->visualRect(model->index(0, 0)).center()).data().toString(),
             u"eventId"_s);
    QVERIFY(tree->visualRect(model->index(0, 0, payload)).top()
            < tree->visualRect(model->index(1, 0, payload)).top());
}

void tst_InspectorWidget::findStepsThroughTreeMatches()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    m_inspector->tabs()->setCurrentIndex(InspectorWidget::TreeTab);
    QLineEdit *find = m_inspector->findEdit();
    m_inspector->activateWindow();
    find->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_inspector.get()));

    // "priority": the event type, then priorityId and priorityName of ticket and of
    // previousTicket, in document order.
    QTest::keyClicks(find, u"priority"_s);
    const QStringList expected = {
        u"eventType"_s,
        u"payload.ticket.priorityId"_s,
        u"payload.ticket.priorityName"_s,
        u"payload.previousTicket.priorityId"_s,
        u"payload.previousTicket.priorityName"_s,
    };
    const JsonTreeModel *model = m_inspector->treeModel();
    QTreeView *tree = m_inspector->treeView();
    auto current = [&] { return model->path(tree->currentIndex()); };
    QCOMPARE(m_inspector->findStatusText(), u"1 of 5"_s);
    QCOMPARE(current(), expected.at(0));

    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(m_inspector->findStatusText(), u"2 of 5"_s);
    QCOMPARE(current(), expected.at(1));
    QTest::keyClick(find, Qt::Key_Enter); // the keypad's Enter too
    QCOMPARE(m_inspector->findStatusText(), u"3 of 5"_s);
    QCOMPARE(current(), expected.at(2));
    QTest::keyClick(find, Qt::Key_F3);
    QCOMPARE(m_inspector->findStatusText(), u"4 of 5"_s);
    QTest::keyClick(find, Qt::Key_F3);
    QCOMPARE(m_inspector->findStatusText(), u"5 of 5"_s);
    QCOMPARE(current(), expected.at(4));
    QTest::keyClick(find, Qt::Key_Return); // wraps to the first
    QCOMPARE(m_inspector->findStatusText(), u"1 of 5"_s);
    QCOMPARE(current(), expected.at(0));
    QTest::keyClick(find, Qt::Key_Return, Qt::ShiftModifier); // and back to the last
    QCOMPARE(m_inspector->findStatusText(), u"5 of 5"_s);
    QCOMPARE(current(), expected.at(4));
    QTest::keyClick(find, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(m_inspector->findStatusText(), u"4 of 5"_s);
    QCOMPARE(current(), expected.at(3));
    // F3 works from the tree as well, not only in the find box.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F3);
    QCOMPARE(m_inspector->findStatusText(), u"5 of 5"_s);
    QCOMPARE(find->text(), u"priority"_s); // Enter never edited the text

    // The current match is scrolled to; every match is marked, nothing else.
    QVERIFY(tree->viewport()->rect().intersects(tree->visualRect(tree->currentIndex())));
    for (const QString &path : expected)
        QVERIFY2(treeIndex(path).data(JsonTreeModel::FindMatchRole).toBool(), qPrintable(path));
    QVERIFY(!treeIndex(u"payload.ticket.title"_s).data(JsonTreeModel::FindMatchRole).toBool());
    QVERIFY(treeIndex(u"payload.previousTicket.priorityId"_s)
                    .siblingAtColumn(JsonTreeModel::ValueColumn)
                    .data(Qt::BackgroundRole)
                    .isValid());

    find->clear();
    QVERIFY(m_inspector->findStatusText().isEmpty());
    QVERIFY(!treeIndex(u"eventType"_s).data(JsonTreeModel::FindMatchRole).toBool());
}

void tst_InspectorWidget::findStepsThroughRawMatches()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    m_inspector->tabs()->setCurrentIndex(InspectorWidget::RawTab);
    auto *raw = m_inspector->findChild<QsciScintilla *>();
    QVERIFY(raw);

    // Where the matches are, from the text shown: the lines of each occurrence.
    const QStringList lines = m_inspector->rawText().split(u'\n');
    QList<int> matchLines;
    for (int l = 0; l < lines.size(); ++l)
        for (qsizetype at = lines.at(l).indexOf(u"high"_s, 0, Qt::CaseInsensitive); at >= 0;
             at = lines.at(l).indexOf(u"high"_s, at + 1, Qt::CaseInsensitive))
            matchLines.append(l);
    QCOMPARE(matchLines.size(), 2);

    auto selectionLine = [&] {
        int lineFrom = -1, indexFrom = -1, lineTo = -1, indexTo = -1;
        raw->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        return lineFrom;
    };
    auto visible = [&](int line) {
        // In display lines: long lines wrap.
        const long shown =
                raw->SendScintilla(QsciScintillaBase::SCI_VISIBLEFROMDOCLINE, (unsigned long)line);
        const long first = raw->SendScintilla(QsciScintillaBase::SCI_GETFIRSTVISIBLELINE);
        const long count = raw->SendScintilla(QsciScintillaBase::SCI_LINESONSCREEN);
        return shown >= first && shown < first + count;
    };
    auto indicatorsAt = [&](int line) {
        const long pos = raw->positionFromLineIndex(
                line, int(lines.at(line).indexOf(u"high"_s, 0, Qt::CaseInsensitive)));
        return raw->SendScintilla(QsciScintillaBase::SCI_INDICATORALLONFOR, (unsigned long)pos);
    };

    // Both are in previousTicket, below the first screen.
    QVERIFY(!visible(matchLines.at(0)));
    QLineEdit *find = m_inspector->findEdit();
    QTest::keyClicks(find, u"HIGH"_s); // case-insensitive: "PRI_HIGH" and "High"
    QCOMPARE(m_inspector->findStatusText(), u"1 of 2"_s);
    QCOMPARE(raw->selectedText().toLower(), u"high"_s);
    QCOMPARE(selectionLine(), matchLines.at(0));
    QVERIFY(visible(matchLines.at(0)));

    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(m_inspector->findStatusText(), u"2 of 2"_s);
    QCOMPARE(selectionLine(), matchLines.at(1));
    QCOMPARE(raw->selectedText(), u"High"_s);
    QVERIFY(visible(matchLines.at(1)));
    // Both matches are marked; the current one differently from the other; text that does
    // not match is not marked.
    const long current = indicatorsAt(matchLines.at(1));
    const long other = indicatorsAt(matchLines.at(0));
    QVERIFY(current != 0);
    QVERIFY(other != 0);
    QVERIFY(current != other);
    QCOMPARE(raw->SendScintilla(QsciScintillaBase::SCI_INDICATORALLONFOR, 0UL), 0L);

    QTest::keyClick(find, Qt::Key_Return); // wraps
    QCOMPARE(m_inspector->findStatusText(), u"1 of 2"_s);
    QCOMPARE(selectionLine(), matchLines.at(0));
    QTest::keyClick(find, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(m_inspector->findStatusText(), u"2 of 2"_s);
    QCOMPARE(indicatorsAt(matchLines.at(1)), current);
    QCOMPARE(indicatorsAt(matchLines.at(0)), other);

    // Back on the tree, the label counts the tree's matches.
    m_inspector->tabs()->setCurrentIndex(InspectorWidget::TreeTab);
    QCOMPARE(m_inspector->findStatusText(), u"1 of 2"_s);
    find->setText(u"no such text"_s);
    QCOMPARE(m_inspector->findStatusText(), u"no match"_s);
    QCOMPARE(indicatorsAt(matchLines.at(0)), 0L);
}

void tst_InspectorWidget::changesTabListsChangedFields()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    QTabWidget *tabs = m_inspector->tabs();
    QCOMPARE(tabs->tabText(InspectorWidget::ChangesTab), u"Changes (2)"_s);
    QVERIFY(m_inspector->changesMessage().isEmpty());
    tabs->setCurrentIndex(InspectorWidget::ChangesTab);
    QTableWidget *changes = m_inspector->changesTable();
    QVERIFY(changes->isVisible());
    QCOMPARE(changes->rowCount(), 2);
    auto row = [&](int r) {
        return QStringList{ changes->item(r, 0)->text(), changes->item(r, 1)->text(),
                            changes->item(r, 2)->text() };
    };
    QCOMPARE(row(0),
             QStringList(
                     { u"payload.ticket.priorityId"_s, u"\"PRI_HIGH\""_s, u"\"PRI_URGENT\""_s }));
    QCOMPARE(row(1),
             QStringList({ u"payload.ticket.priorityName"_s, u"\"High\""_s, u"\"Urgent\""_s }));

    // A field-changed event: previousValue and value.
    m_inspector->showEvent(store(u"platform-custom-object-deal-field-changed.json"_s));
    QCOMPARE(changes->rowCount(), 1);
    QCOMPARE(row(0),
             QStringList({ u"payload.value"_s, u"\"Negotiation\""_s, u"\"Closed won\""_s }));
}

void tst_InspectorWidget::changesTabWithoutPreviousVersion()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    m_inspector->showEvent(store(u"platform-account-updated.json"_s));
    QCOMPARE(m_inspector->tabs()->tabText(InspectorWidget::ChangesTab), u"Changes"_s);
    QCOMPARE(m_inspector->changesMessage(), u"This event carries no previous version."_s);
    QCOMPARE(m_inspector->changesTable()->rowCount(), 0);
    m_inspector->tabs()->setCurrentIndex(InspectorWidget::ChangesTab);
    QVERIFY(!m_inspector->changesTable()->isVisible());
}

void tst_InspectorWidget::treeMenuAppliesFilterAndAddsColumn()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    QSignalSpy filter(m_inspector.get(), &InspectorWidget::filterRequested);
    QSignalSpy column(m_inspector.get(), &InspectorWidget::columnRequested);

    const QModelIndex priority = treeIndex(u"payload.ticket.priorityName"_s);
    QVERIFY(priority.isValid());
    const QStringList entries = useTreeMenu(priority, u"Apply as filter"_s);
    QVERIFY2(entries.contains(u"Apply as filter"_s), qPrintable(entries.join(u", "_s)));
    QVERIFY2(entries.contains(u"Add as column"_s), qPrintable(entries.join(u", "_s)));
    QVERIFY2(entries.contains(u"Copy value"_s), qPrintable(entries.join(u", "_s)));
    QVERIFY2(entries.contains(u"Copy path"_s), qPrintable(entries.join(u", "_s)));
    QCOMPARE(filter.size(), 1);
    QCOMPARE(filter.first().first().toString(), u"payload.ticket.priorityName=\"Urgent\""_s);
    QCOMPARE(column.size(), 0);

    // On another row: the menu acts on the row clicked, not on the current one.
    const QModelIndex ticketId = treeIndex(u"payload.ticket.ticketId"_s);
    useTreeMenu(ticketId.siblingAtColumn(JsonTreeModel::ValueColumn), u"Add as column"_s);
    QCOMPARE(column.size(), 1);
    QCOMPARE(column.first().first().toString(), u"payload.ticket.ticketId"_s);
    useTreeMenu(ticketId, u"Apply as filter"_s);
    QCOMPARE(filter.size(), 2);
    QCOMPARE(filter.last().first().toString(), u"payload.ticket.ticketId=1042"_s);

    // An object is no single value to filter by; it can still be a column.
    const QStringList onObject = useTreeMenu(treeIndex(u"payload.ticket"_s), QString());
    QVERIFY2(onObject.contains(u"Apply as filter (disabled)"_s),
             qPrintable(onObject.join(u", "_s)));
    QVERIFY(onObject.contains(u"Add as column"_s));
    QCOMPARE(filter.size(), 2);
}

void tst_InspectorWidget::copyGivesFeedback()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    QVERIFY(m_inspector->statusText().isEmpty());
    const QModelIndex id = treeIndex(u"payload.ticket.id"_s);
    useTreeMenu(id, u"Copy path"_s);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"payload.ticket.id"_s);
    QCOMPARE(m_inspector->statusText(), u"Copied payload.ticket.id"_s);
    useTreeMenu(id, u"Copy value"_s);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"01JD5K3ZQ8X2TICKETID0001"_s);
    QCOMPARE(m_inspector->statusText(), u"Copied the value of payload.ticket.id"_s);
    // It stays long enough to read, then goes.
    QTest::qWait(1000);
    QCOMPARE(m_inspector->statusText(), u"Copied the value of payload.ticket.id"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_inspector->statusText().isEmpty(), 3000);
}

void tst_InspectorWidget::headerRowsAtTextHeight()
{
    m_inspector->showEvent(store(u"platform-ticket-priority-changed.json"_s));
    m_inspector->tabs()->setCurrentIndex(InspectorWidget::HeadersTab);
    QTableWidget *headers = m_inspector->headersTable();
    QVERIFY(QTest::qWaitForWindowExposed(headers));
    QVERIFY(headers->rowCount() > 10);
    QFont bold = headers->font();
    bold.setBold(true);
    const int text = qMax(QFontMetrics(headers->font()).height(), QFontMetrics(bold).height());
    for (int r = 0; r < headers->rowCount(); ++r) {
        const int h = headers->rowHeight(r);
        // Tall enough for its text (nothing clipped), and not the style's 30 px sections.
        QVERIFY2(h >= text && h >= static_cast<QAbstractItemView *>(headers)->sizeHintForRow(r),
                 qPrintable(u"row %1: %2 px for %3 px of text"_s.arg(r).arg(h).arg(text)));
        QVERIFY2(h <= text + 8,
                 qPrintable(u"row %1: %2 px for %3 px of text"_s.arg(r).arg(h).arg(text)));
    }
}

QTEST_MAIN(tst_InspectorWidget)
#include "tst_inspectorwidget.moc"
