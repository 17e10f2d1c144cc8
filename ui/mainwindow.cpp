// SPDX-License-Identifier: MIT
// Longer than most files: the main window composes the table, filter bar, inspector,
// sparkline, saved filters and alerts, and owns the menus and their actions. Moving the table
// view, the pin/note/replay actions and the settings wiring out of it is planned work.
#include "mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QTimer>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/alerts/alertengine.h"
#include "core/export/eventimporter.h"
#include "core/receiver/receiver.h"
#include "core/relay/forwarder.h"
#include "core/relay/relayclient.h"
#include "core/store/eventstore.h"
#include "ui/alerts/alertnotifier.h"
#include "ui/alerts/alertrulesdialog.h"
#include "ui/events/emptytablemessage.h"
#include "ui/events/eventtableview.h"
#include "ui/events/eventfilterproxy.h"
#include "ui/events/eventtablemodel.h"
#include "ui/events/filterbar.h"
#include "ui/events/savedfilterspanel.h"
#include "ui/export/exportdialog.h"
#include "ui/inspector/comparedialog.h"
#include "ui/inspector/inspectorwidget.h"
#include "ui/receiver/responsemodedialog.h"
#include "ui/settings/appsettings.h"
#include "ui/stats/statsdialog.h"
#include "ui/replay/editresenddialog.h"
#include "ui/shortcuts/shortcutsdialog.h"
#include "ui/sparkline/eventratemodel.h"
#include "ui/sparkline/sparklinewidget.h"

using namespace Qt::StringLiterals;

namespace Hookscope {

MainWindow::MainWindow(EventStore *store, Receiver *receiver, const QString &dataDir,
                       QWidget *parent)
    : QMainWindow(parent),
      m_store(store),
      m_receiver(receiver),
      m_dataDir(dataDir),
      m_model(new EventTableModel(this)),
      m_proxy(new EventFilterProxy(this)),
      m_filterBar(new FilterBar(this)),
      m_table(new EventTableView(m_model, this)),
      m_inspector(new InspectorWidget(this)),
      m_splitter(new QSplitter(Qt::Vertical, this))
{
    setWindowTitle(tr("Hookscope"));
    setWindowIcon(QIcon(u":/hookscope/icons/hookscope.svg"_s));

    m_model->setStore(store);
    m_proxy->setStore(store);
    m_proxy->setSourceModel(m_model);
    m_inspector->setStore(store);
    // The tree's "Apply as filter": the term joins the bar's filter (AND).
    connect(m_inspector, &InspectorWidget::filterRequested, this, [this](const QString &term) {
        const QString current = m_filterBar->text().trimmed();
        m_filterBar->setText(current.isEmpty() ? term : current + u' ' + term);
    });
    // The tree's "Add as column": a payload column at the table's right (see EventTableModel).
    connect(m_inspector, &InspectorWidget::columnRequested, m_table,
            &EventTableView::showPayloadColumn);

    m_table->setModel(m_proxy); // the view lays out its columns (EventTableView)
    connect(m_table, &QTableView::customContextMenuRequested, this, &MainWindow::showTableMenu);

    // Events per minute above the table; a dragged range becomes a received: filter.
    m_rates = new EventRateModel(this);
    m_sparkline = new SparklineWidget(this);
    m_sparkline->setModel(m_rates);
    const auto countLoaded = [this](int first, int last) {
        for (int r = last; r >= first && m_model->receivedAtAt(r) >= m_rates->bucketStart(0); --r)
            m_rates->addEvent(m_model->receivedAtAt(r));
    };
    countLoaded(0, m_model->rowCount() - 1);
    // The older rows load in front after the first paint: those still inside the window count
    // too. (New deliveries come from the store below; an insert in front of existing rows is
    // the load's.)
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this, countLoaded](const QModelIndex &, int first, int last) {
                if (first == 0 && m_model->rowCount() > last + 1)
                    countLoaded(first, last);
            });
    if (store) {
        connect(store, &EventStore::eventsAdded, m_rates, &EventRateModel::addEvents);
        connect(store, &EventStore::cleared, m_rates, &EventRateModel::clear);
    }
    connect(m_sparkline, &SparklineWidget::rangeSelected, this, [this](qint64 from, qint64 to) {
        m_filterBar->setText(FilterExpression::withReceivedRange(m_filterBar->text(), from, to));
    });
    connect(m_sparkline, &SparklineWidget::selectionCleared, this, [this] {
        m_filterBar->setText(FilterExpression::withoutReceivedRange(m_filterBar->text()));
    });
    connect(m_filterBar, &FilterBar::filterChanged, m_sparkline,
            [this](const FilterExpression &filter) { m_sparkline->followFilter(filter.text()); });

    // An empty table says what to do: how to get a first event, or which filter hides them.
    auto *emptyMessage = new EmptyTableMessage(m_table, m_proxy);
    connect(emptyMessage, &EmptyTableMessage::sendTestEventRequested, this,
            &MainWindow::sendTestEvent);
    connect(emptyMessage, &EmptyTableMessage::clearFilterRequested, m_filterBar,
            [this] { m_filterBar->setText(QString()); });
    const auto showUrl = [this, emptyMessage] {
        emptyMessage->setWebhookUrl(
                m_receiver && m_receiver->isListening() ? m_receiver->displayUrl() : QString());
    };
    showUrl();
    if (m_receiver)
        connect(m_receiver, &Receiver::listeningChanged, emptyMessage, showUrl);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(6, 6, 6, 0);
    topLayout->addWidget(m_filterBar);
    topLayout->addWidget(m_sparkline);
    topLayout->addWidget(m_table, 1);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_inspector);

    // Saved filters with counts, in a dock the user can move or hide.
    m_savedFilters = new SavedFiltersPanel(m_model, this);
    auto *dock = new QDockWidget(tr("Saved filters"), this);
    dock->setObjectName(u"savedFiltersDock"_s);
    dock->setWidget(m_savedFilters);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({ dock }, { 190 }, Qt::Horizontal);
    connect(m_savedFilters, &SavedFiltersPanel::filterActivated, m_filterBar, &FilterBar::setText);
    m_savedFilters->setStore(store);
    connect(m_filterBar->lineEdit(), &QLineEdit::textChanged, m_savedFilters,
            &SavedFiltersPanel::setCurrentFilter);
    connect(m_savedFilters, &SavedFiltersPanel::saveCurrentRequested, this, [this] {
        const QString expression = m_filterBar->text().trimmed();
        if (expression.isEmpty() || !FilterExpression::parse(expression).isValid())
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save filter"), tr("Name:"),
                                                   QLineEdit::Normal, expression, &ok);
        if (ok)
            m_savedFilters->addFilter(name.trimmed(), expression);
    });
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);

    // The proxy resets on a new filter (at once, or when a body filter's answer arrives from
    // its worker): keep the selected event selected if it still shows.
    auto selectedBeforeReset = std::make_shared<qint64>(0);
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, [this, selectedBeforeReset] {
        *selectedBeforeReset = m_table->currentIndex().data(EventTableModel::IdRole).toLongLong();
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this, selectedBeforeReset] {
        const qint64 current = std::exchange(*selectedBeforeReset, 0);
        const int sourceRow = current > 0 ? m_model->rowForId(current) : -1;
        const QModelIndex again = sourceRow >= 0
                ? m_proxy->mapFromSource(m_model->index(sourceRow, EventTableModel::SummaryColumn))
                : QModelIndex();
        if (again.isValid()) {
            m_table->setCurrentIndex(again);
            m_table->scrollTo(again);
        }
    });
    connect(m_filterBar, &FilterBar::filterChanged, this, [this](const FilterExpression &filter) {
        m_proxy->setFilter(filter);
        updateCounts();
    });
    connect(m_proxy, &EventFilterProxy::filteringChanged, m_filterBar, &FilterBar::setBusy);
    connect(m_proxy, &EventFilterProxy::filterProgress, m_filterBar, &FilterBar::setProgress);
    connect(m_model, &EventTableModel::rowsAppended, this, &MainWindow::onRowsAppended);
    // The table loads its older rows in chunks after the first paint (newest first).
    connect(m_model, &EventTableModel::loadProgress, this, [this](qint64 loaded, qint64 total) {
        updateCounts();
        if (loaded < total)
            statusBar()->showMessage(tr("Loading %L1 of %L2…").arg(loaded).arg(total));
        else
            statusBar()->clearMessage();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateCounts);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCounts);

    m_notifier = new AlertNotifier(this, m_table, this);
    connect(m_notifier, &AlertNotifier::eventActivated, this, &MainWindow::selectEvent);

    buildMenus();
    buildStatusBar();
    if (m_receiver) {
        connect(m_receiver, &Receiver::listeningChanged, this, &MainWindow::onReceiverStateChanged);
        connect(m_receiver, &Receiver::rejected, this, &MainWindow::onRejected);
        connect(m_receiver, &Receiver::responseModeChanged, this,
                &MainWindow::updateResponseModeLabel);
    }
    onReceiverStateChanged();
    restoreSettings();
    updateCounts();
    if (m_store && !m_store->recoveryNote().isEmpty())
        statusBar()->showMessage(m_store->recoveryNote(), 15000);
    if (m_store) {
        // A failed commit (disk full: the senders got 503) or damage found by the background
        // check: stays in the status bar until something else is said.
        connect(m_store, &EventStore::storeError, this, [this](const QString &message) {
            statusBar()->showMessage(tr("Event store: %1").arg(message));
        });
    }
}

MainWindow::~MainWindow() = default;

EventTableModel *MainWindow::model() const
{
    return m_model;
}
EventFilterProxy *MainWindow::proxy() const
{
    return m_proxy;
}
QTableView *MainWindow::table() const
{
    return m_table;
}
FilterBar *MainWindow::filterBar() const
{
    return m_filterBar;
}
InspectorWidget *MainWindow::inspector() const
{
    return m_inspector;
}
QString MainWindow::statusText() const
{
    return m_stateLabel->text();
}

bool MainWindow::followNewest() const
{
    return m_followAction->isChecked();
}

void MainWindow::setFollowNewest(bool follow)
{
    m_followAction->setChecked(follow);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *exportCsv = file->addAction(tr("Export &CSV…"), this,
                                         [this] { exportEvents(int(EventExporter::Format::Csv)); });
    exportCsv->setShortcut(QKeySequence(u"Ctrl+E"_s));
    QAction *exportJsonl = file->addAction(tr("Export &JSON Lines…"), this, [this] {
        exportEvents(int(EventExporter::Format::JsonLines));
    });
    exportJsonl->setShortcut(QKeySequence(u"Ctrl+Shift+E"_s));
    file->addAction(tr("Export &HAR…"), this, [this] { exportEvents(ExportDialog::HarFormat); });
    file->addAction(tr("&Import events…"), this, &MainWindow::importEvents)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+I"_s));
    file->addSeparator();
    file->addAction(tr("C&lear history…"), this, &MainWindow::clearHistory);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *findFilter =
            edit->addAction(tr("&Filter events"), m_filterBar, &FilterBar::focusFilter);
    findFilter->setShortcut(QKeySequence::Find);
    edit->addAction(tr("&Settings…"), this, &MainWindow::settingsRequested)
            ->setShortcut(QKeySequence(u"Ctrl+,"_s));
    edit->addSeparator();
    QAction *copyPayload =
            edit->addAction(tr("Copy &payload"), m_inspector, &InspectorWidget::copyPayload);
    copyPayload->setShortcut(QKeySequence(u"Ctrl+Shift+C"_s));
    edit->addSeparator();
    edit->addAction(tr("&Pin / unpin event"), this, &MainWindow::togglePin)
            ->setShortcut(QKeySequence(u"Ctrl+D"_s));
    edit->addAction(tr("Edit &note…"), this, &MainWindow::editNote)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+N"_s));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_followAction = view->addAction(tr("&Follow newest events"));
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setShortcut(QKeySequence(u"Ctrl+L"_s));
    view->addAction(findChild<QDockWidget *>(u"savedFiltersDock"_s)->toggleViewAction());
    QAction *showInspector = view->addAction(tr("Show &inspector"));
    showInspector->setCheckable(true);
    showInspector->setChecked(true);
    showInspector->setShortcut(QKeySequence(u"Ctrl+I"_s));
    connect(showInspector, &QAction::toggled, m_inspector, &QWidget::setVisible);
    view->addAction(tr("&Columns…"), this, [this] {
        m_table->showHeaderMenu(m_table->horizontalHeader()->rect().center());
    });
    view->addAction(tr("Delivery &statistics…"), this, [this] {
        auto *stats = findChild<StatsDialog *>();
        if (!stats)
            stats = new StatsDialog(m_proxy, this);
        stats->show();
        stats->raise();
        stats->activateWindow();
    });

    QMenu *receiver = menuBar()->addMenu(tr("&Receiver"));
    receiver->addAction(tr("&Copy webhook URL"), this, &MainWindow::copyWebhookUrl)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+U"_s));
    receiver->addAction(tr("Send a &test event"), this, &MainWindow::sendTestEvent)
            ->setShortcut(QKeySequence(u"Ctrl+T"_s));
    receiver->addAction(tr("&Restart receiver"), this, &MainWindow::restartReceiver);
    receiver->addAction(tr("Response &mode…"), this, &MainWindow::configureResponseMode)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+M"_s));
    receiver->addSeparator();
    receiver->addAction(tr("Receive from a relay &channel…"), this, &MainWindow::connectRelay);
    receiver->addAction(tr("&Forward events to…"), this, &MainWindow::configureForwarding)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+F"_s));
    receiver->addAction(tr("Re&play selected events"), this, [this] { replaySelected(false); })
            ->setShortcut(QKeySequence(u"Ctrl+R"_s));
    receiver->addAction(tr("&Edit and resend…"), this, &MainWindow::editAndResend)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+R"_s));
    receiver->addAction(tr("Copy selected event as c&url"), this, &MainWindow::copyAsCurl);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Set up Thena webhooks…"), this, &MainWindow::setupWizardRequested)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+W"_s));
    tools->addAction(tr("Thena &apps…"), this, &MainWindow::appsDialogRequested);
    tools->addSeparator();
    tools->addAction(tr("A&lert rules…"), this, &MainWindow::editAlertRules)
            ->setShortcut(QKeySequence(u"Ctrl+Shift+A"_s));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
            ShortcutsDialog(this).exec();
        })->setShortcut(QKeySequence(u"Ctrl+/"_s));
    help->addAction(tr("Open &demo data"), this, &MainWindow::demoDataRequested);
    help->addAction(tr("&Legacy request webhooks…"), this, &MainWindow::legacyWebhooksRequested);
    help->addAction(tr("&About Hookscope"), this, [this] {
        QMessageBox::about(
                this, tr("About Hookscope"),
                tr("<h3>Hookscope %1</h3><p>Watch live Thena webhook events: receive, store, "
                   "filter, "
                   "inspect and export.</p><p>Events are stored in<br><code>%2</code></p>")
                        .arg(QCoreApplication::applicationVersion(),
                             m_store ? m_store->databasePath().toHtmlEscaped() : QString()));
    });
}

void MainWindow::buildStatusBar()
{
    m_stateLabel = new QLabel(this);
    m_urlLabel = new QLabel(this);
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyUrl = new QToolButton(this);
    m_copyUrl->setText(tr("Copy URL"));
    m_copyUrl->setToolTip(tr("Copy the webhook URL (with its secret token) to the clipboard"));
    m_copyUrl->setAccessibleName(tr("Copy webhook URL"));
    m_copyUrl->setAutoRaise(true);
    connect(m_copyUrl, &QToolButton::clicked, this, &MainWindow::copyWebhookUrl);
    m_countLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_rejectLabel = new QLabel(this);
    m_rejectLabel->setVisible(false);

    statusBar()->addWidget(m_stateLabel);
    statusBar()->addWidget(m_urlLabel);
    statusBar()->addWidget(m_copyUrl);
    m_relayLabel = new QLabel(this);
    m_relayLabel->setVisible(false);
    m_relayRetry = new QToolButton(this);
    m_relayRetry->setText(tr("Retry now"));
    m_relayRetry->setAutoRaise(true);
    m_relayRetry->setAccessibleName(tr("Reconnect to the relay now"));
    m_relayRetry->setVisible(false);
    statusBar()->addWidget(m_relayLabel);
    statusBar()->addWidget(m_relayRetry);
    m_relayTick.setInterval(1000);
    connect(&m_relayTick, &QTimer::timeout, this, &MainWindow::updateRelayState);
    m_forwardLabel = new QLabel(this);
    m_forwardLabel->setVisible(false);
    statusBar()->addPermanentWidget(m_forwardLabel);
    // While response mode is on, the status bar says so in amber; a click changes or ends it.
    m_responseModeButton = new QToolButton(this);
    m_responseModeButton->setObjectName(u"responseModeButton"_s);
    m_responseModeButton->setAutoRaise(true);
    m_responseModeButton->setStyleSheet(
            u"QToolButton { background: #f0a020; color: #1a1a1a; border-radius: 3px; "
            u"padding: 1px 6px; }"_s);
    m_responseModeButton->setToolTip(tr("Deliveries are answered on purpose. Click to change "
                                        "or switch off (Receiver → Response mode…)."));
    m_responseModeButton->setVisible(false);
    connect(m_responseModeButton, &QToolButton::clicked, this, &MainWindow::configureResponseMode);
    statusBar()->addPermanentWidget(m_responseModeButton);
    statusBar()->addPermanentWidget(m_rejectLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_rateLabel);

    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, [this] {
        m_rateLabel->setText(tr("%1 events/s").arg(m_arrivedThisSecond));
        m_arrivedThisSecond = 0;
    });
    m_rateTimer.start();
    m_rateLabel->setText(tr("0 events/s"));
}

void MainWindow::onReceiverStateChanged()
{
    if (!m_receiver) {
        m_stateLabel->setText(tr("No receiver"));
        return;
    }
    if (m_receiver->isListening()) {
        QString state = u"<span style='color:#2ca02c'>●</span> "_s + tr("Listening");
        if (!m_receiver->isLoopbackOnly())
            state += u" <span style='color:#d62728'>"_s + tr("(reachable from the network)")
                    + u"</span>"_s;
        m_stateLabel->setText(state);
        m_urlLabel->setText(m_receiver->displayUrl());
        m_copyUrl->setEnabled(true);
    } else {
        const QString error = m_receiver->errorString();
        m_stateLabel->setText(
                u"<span style='color:#d62728'>●</span> "_s
                + (error.isEmpty() ? tr("Receiver stopped") : tr("Receiver not running")));
        m_stateLabel->setToolTip(error);
        m_urlLabel->setText(error);
        m_copyUrl->setEnabled(false);
    }
}

void MainWindow::onRejected(int status, const QString &reason, const QString &remote)
{
    ++m_rejectedCount;
    m_rejectLabel->setVisible(true);
    m_rejectLabel->setText(tr("%n refused", nullptr, int(m_rejectedCount)));
    m_rejectLabel->setToolTip(tr("Last: %1 from %2 — %3").arg(status).arg(remote, reason));
}

void MainWindow::onRowsAppended(int count)
{
    m_arrivedThisSecond += count;
    updateCounts();
    scrollToNewest();
}

void MainWindow::scrollToNewest()
{
    if (!followNewest())
        return;
    if (m_table->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder)
        m_table->scrollToBottom();
    else
        m_table->scrollToTop();
}

void MainWindow::updateCounts()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_countLabel->setText(total == shown ? tr("%n event(s)", nullptr, total)
                                         : tr("%1 of %2 events shown").arg(shown).arg(total));
}

void MainWindow::onCurrentRowChanged()
{
    const QModelIndex current = m_table->currentIndex();
    m_inspector->showEvent(current.isValid() ? current.data(EventTableModel::IdRole).toLongLong()
                                             : 0);
}

void MainWindow::importEvents()
{
    if (!m_store)
        return;
    const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Import events"), {},
            tr("Hookscope exports (*.jsonl *.ndjson *.har);;All files (*)"));
    if (files.isEmpty())
        return;
    EventImporter importer(m_store);
    QProgressDialog progress(tr("Importing events…"), tr("Cancel"), 0, 1000, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    connect(&importer, &EventImporter::progress, &progress,
            [&progress](qint64 done, qint64 total, qint64) {
                if (total > 0)
                    progress.setValue(int(done * 1000 / total));
            });
    connect(&progress, &QProgressDialog::canceled, &importer, &EventImporter::cancel);
    QStringList report;
    for (const QString &file : files) {
        const EventImporter::Result result = importer.importFile(file, EventImporter::Format::Auto);
        QString line = QFileInfo(file).fileName() + u": "_s + result.summaryText();
        for (qsizetype i = 0; i < qMin<qsizetype>(3, result.errors.size()); ++i)
            line += u"\n    "_s + result.errors.at(i).toString();
        report.append(line);
        if (result.cancelled)
            break;
    }
    progress.reset();
    QMessageBox::information(this, tr("Import events"), report.join(u"\n"_s));
}

void MainWindow::exportEvents(int format)
{
    ExportDialog dialog(m_dataDir, m_proxy->filter(), m_proxy->rowCount(), this);
    if (format == ExportDialog::HarFormat)
        dialog.setHar();
    else
        dialog.setFormat(EventExporter::Format(format));
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Export finished"), 5000);
}

void MainWindow::clearHistory()
{
    if (!m_store)
        return;
    const auto answer =
            QMessageBox::question(this, tr("Clear history"),
                                  tr("Delete all %n stored event(s)? This cannot be undone.",
                                     nullptr, int(m_store->count())),
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes && !m_store->clear())
        QMessageBox::warning(this, tr("Clear history"), m_store->errorString());
}

QList<qint64> MainWindow::selectedIds() const
{
    return m_table->selectedIds();
}

void MainWindow::togglePin()
{
    const QList<qint64> ids = selectedIds();
    if (!m_store || ids.isEmpty())
        return;
    // Pin all when any is unpinned; otherwise unpin all.
    bool pin = false;
    for (qint64 id : ids)
        pin = pin || !m_store->annotation(id).pinned;
    for (qint64 id : ids)
        if (!m_store->setPinned(id, pin))
            statusBar()->showMessage(m_store->errorString(), 8000);
}

void MainWindow::editNote()
{
    const QList<qint64> ids = selectedIds();
    if (!m_store || ids.size() != 1)
        return;
    bool ok = false;
    const int row = m_model->rowForId(ids.first());
    const QString note =
            QInputDialog::getMultiLineText(this, row >= 0 ? m_model->noteTitle(row) : tr("Note"),
                                           tr("Note:"), m_store->annotation(ids.first()).note, &ok);
    if (ok && !m_store->setNote(ids.first(), note))
        QMessageBox::warning(this, tr("Note"), m_store->errorString());
}

void MainWindow::showTableMenu(const QPoint &pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("Pin / unpin"), this, &MainWindow::togglePin);
    menu.addAction(tr("Edit note…"), this, &MainWindow::editNote);
    menu.addSeparator();
    menu.addAction(tr("Copy payload"), m_inspector, &InspectorWidget::copyPayload);
    menu.addAction(tr("Copy as curl…"), this, &MainWindow::copyAsCurl);
    if (m_forwarder && m_forwarder->target().isValid())
        menu.addAction(tr("Replay to %1").arg(m_forwarder->target().toString()), this,
                       [this] { replaySelected(false); });
    menu.addAction(tr("Replay to…"), this, [this] { replaySelected(true); });
    menu.addAction(tr("Edit and resend…"), this, &MainWindow::editAndResend)
            ->setEnabled(selectedIds().size() == 1);
    menu.addAction(tr("Filter by this type"), this, [this] {
        m_filterBar->setText(u"type:"_s
                             + m_table->currentIndex()
                                       .siblingAtColumn(EventTableModel::TypeColumn)
                                       .data()
                                       .toString());
    });
    const QList<qint64> ids = selectedIds();
    QAction *compare = menu.addAction(tr("Compare the two selected events"), this, [this, ids] {
        const std::optional<Event> a = m_store->event(qMin(ids.at(0), ids.at(1)));
        const std::optional<Event> b = m_store->event(qMax(ids.at(0), ids.at(1)));
        if (!a || !b)
            return;
        auto *dialog = new CompareDialog(*a, *b, this); // the older event on the left
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    compare->setEnabled(m_store && ids.size() == 2);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void MainWindow::copyWebhookUrl()
{
    if (m_receiver && m_receiver->isListening()) {
        QGuiApplication::clipboard()->setText(m_receiver->webhookUrl());
        statusBar()->showMessage(tr("Webhook URL copied"), 3000);
    }
}

void MainWindow::sendTestEvent()
{
    // A real delivery through the real receiver: it shows the whole path works.
    if (!m_receiver || !m_receiver->isListening())
        return;
    QFile sample(u":/hookscope/samples/platform-ticket-created.json"_s);
    if (!sample.open(QIODevice::ReadOnly))
        return;
    QByteArray body = sample.readAll();
    // A fresh eventId so the test event is not marked as a repeat of the previous one.
    body.replace(QByteArray("evt_01JD5K40A1B2C3D4E5F6G7H8J9"),
                 QByteArray("evt_test_" + QByteArray::number(QDateTime::currentMSecsSinceEpoch())));
    auto *nam = new QNetworkAccessManager(this);
    QNetworkRequest request{ QUrl(m_receiver->webhookUrl()) };
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("User-Agent", "Hookscope test event");
    QNetworkReply *reply = nam->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, nam] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        statusBar()->showMessage(status == 200
                                         ? tr("Test event delivered")
                                         : tr("Test event failed: %1").arg(reply->errorString()),
                                 5000);
        reply->deleteLater();
        nam->deleteLater();
    });
}

void MainWindow::setRelayClient(RelayClient *relay)
{
    if (m_relay)
        disconnect(m_relay, nullptr, this, nullptr);
    m_relay = relay;
    if (m_relay) {
        connect(m_relay, &RelayClient::stateChanged, this, &MainWindow::updateRelayState);
        connect(m_relayRetry, &QToolButton::clicked, m_relay, &RelayClient::reconnectNow,
                Qt::UniqueConnection);
    }
    updateRelayState();
}

void MainWindow::updateRelayState()
{
    const bool shown = m_relay && m_relay->state() != RelayClient::State::Idle;
    m_relayLabel->setVisible(shown);
    m_relayRetry->setVisible(shown
                             && (m_relay->state() == RelayClient::State::Reconnecting
                                 || m_relay->state() == RelayClient::State::Error));
    if (!shown) {
        m_relayTick.stop();
        return;
    }
    const RelayClient::State state = m_relay->state();
    const char *colour = state == RelayClient::State::Connected ? "#2ca02c"
            : state == RelayClient::State::Error                ? "#d62728"
                                                                : "#b07000";
    m_relayLabel->setText(u"<span style='color:%1'>●</span> "_s.arg(QLatin1StringView(colour))
                          + m_relay->statusText().toHtmlEscaped());
    m_relayLabel->setToolTip(m_relay->errorString());
    // A countdown must move: tick while waiting to reconnect.
    if (state == RelayClient::State::Reconnecting)
        m_relayTick.start();
    else
        m_relayTick.stop();
}

void MainWindow::connectRelay()
{
    if (!m_relay)
        return;
    bool ok = false;
    const QString url = QInputDialog::getText(
            this, tr("Relay channel"),
            tr("Channel read URL (a smee.io channel, or hookscope-relay's /<channel>?token=…):"),
            QLineEdit::Normal, m_relay->channelUrl().toString(), &ok);
    if (!ok || url.trimmed().isEmpty())
        return;
    if (!m_relay->start(QUrl(url.trimmed())))
        QMessageBox::warning(this, tr("Relay channel"), m_relay->errorString());
    updateRelayState();
}

void MainWindow::setForwarder(Forwarder *forwarder)
{
    m_forwarder = forwarder;
    if (m_forwarder) {
        // forwarded: once per event, delivered or given up on (after its retries, or the
        // queue was full); the attempts in between change only the inspector's rows.
        connect(m_forwarder, &Forwarder::forwarded, this, [this](const Forwarder::Outcome &o) {
            (o.ok() ? m_forwardOk : m_forwardFailed)++;
            updateForwardLabel();
            if (!o.ok())
                statusBar()->showMessage(
                        tr("Forwarding event %1 to %2 failed: %3 (Replay from its menu to retry)")
                                .arg(o.eventId)
                                .arg(o.target.toString(), o.error),
                        8000);
            if (o.eventId == m_inspector->currentId())
                m_inspector->showEvent(o.eventId); // its forwarding history changed
        });
        connect(m_forwarder, &Forwarder::attempted, this, [this](const Forwarder::Outcome &o) {
            if (o.willRetry() && o.eventId == m_inspector->currentId())
                m_inspector->showEvent(o.eventId);
        });
        connect(m_forwarder, &Forwarder::countersChanged, this, &MainWindow::updateForwardLabel);
    }
    updateForwardLabel();
}

void MainWindow::updateForwardLabel()
{
    const bool active = m_forwarder && m_forwarder->target().isValid();
    const Forwarder::Counters c = m_forwarder ? m_forwarder->counters() : Forwarder::Counters();
    m_forwardLabel->setVisible(active || m_forwardFailed > 0 || c.queued + c.inFlight > 0);
    if (!m_forwarder)
        return;
    QString text = active ? tr("→ %1").arg(m_forwarder->target().toString()) : tr("→ off");
    QStringList parts;
    if (m_forwardOk || m_forwardFailed)
        parts << tr("%1 ok").arg(m_forwardOk);
    if (m_forwardFailed)
        parts << u"<span style='color:#d62728'>"_s
                        + (c.dropped ? tr("%1 failed (%2 dropped: queue full)")
                                               .arg(m_forwardFailed)
                                               .arg(c.dropped)
                                     : tr("%1 failed").arg(m_forwardFailed))
                        + u"</span>"_s;
    if (c.queued + c.inFlight > 0)
        parts << tr("%1 pending").arg(c.queued + c.inFlight);
    if (!parts.isEmpty())
        text += u": "_s + parts.join(u", "_s);
    m_forwardLabel->setText(text);
    m_forwardLabel->setToolTip(
            tr("Forwarded events: %1 delivered, %2 given up on after their retries, %3 not "
               "queued (queue full), %4 waiting, %5 in flight. A failed event's attempts are "
               "in the inspector; Replay from the table's menu sends it again.")
                    .arg(c.delivered)
                    .arg(c.failed)
                    .arg(c.dropped)
                    .arg(c.queued)
                    .arg(c.inFlight));
}

void MainWindow::configureForwarding()
{
    if (!m_forwarder)
        return;
    bool ok = false;
    const QString url =
            QInputDialog::getText(this, tr("Forward events"),
                                  tr("Forward every new event to this URL (empty to stop), e.g. "
                                     "http://localhost:3000/webhooks/thena:"),
                                  QLineEdit::Normal, m_forwarder->target().toString(), &ok);
    if (!ok)
        return;
    const QUrl target(url.trimmed(), QUrl::StrictMode);
    if (!url.trimmed().isEmpty()
        && (!target.isValid() || target.host().isEmpty()
            || !target.scheme().startsWith(u"http"_s))) {
        QMessageBox::warning(this, tr("Forward events"),
                             tr("“%1” is not an http(s) URL.").arg(url));
        return;
    }
    m_forwarder->setTarget(url.trimmed().isEmpty() ? QUrl() : target);
    // The forwarding filter is the table's filter at the time of setting it.
    m_forwarder->setFilter(m_proxy->filter());
    updateForwardLabel();
}

void MainWindow::editAndResend()
{
    const QList<qint64> ids = selectedIds();
    if (!m_forwarder || !m_store || ids.size() != 1)
        return;
    const std::optional<Event> event = m_store->event(ids.first());
    if (!event)
        return;
    QUrl url = m_forwarder->target();
    if (!url.isValid() && m_receiver)
        url = QUrl(m_receiver->webhookUrl());
    EditResendDialog dialog(*event, url, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_forwarder->resend(ids.first(), dialog.editedEvent(), dialog.url());
    statusBar()->showMessage(tr("Sending the edited event to %1; the inspector's Forwarded "
                                "section shows how it went.")
                                     .arg(dialog.url().toDisplayString()),
                             8000);
}

void MainWindow::configureResponseMode()
{
    if (!m_receiver)
        return;
    ResponseModeDialog dialog(m_receiver->responseMode(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_receiver->setResponseMode(
                dialog.switchOff() ? std::nullopt : std::optional(dialog.mode()), &error))
        QMessageBox::warning(this, tr("Response mode"), error);
}

void MainWindow::updateResponseModeLabel()
{
    const std::optional<ResponseMode> mode = m_receiver ? m_receiver->responseMode() : std::nullopt;
    m_responseModeButton->setVisible(mode.has_value());
    if (mode)
        m_responseModeButton->setText(mode->describe(m_receiver->responseModeRemaining()));
}

void MainWindow::replaySelected(bool askUrl)
{
    const QList<qint64> ids = selectedIds();
    if (!m_forwarder || ids.isEmpty())
        return;
    QUrl url = m_forwarder->target();
    if (askUrl || !url.isValid()) {
        bool ok = false;
        const QString text = QInputDialog::getText(
                this, tr("Replay"),
                tr("Send the %n selected event(s) to:", nullptr, int(ids.size())),
                QLineEdit::Normal,
                url.isValid() ? url.toString()
                              : (m_receiver ? m_receiver->webhookUrl() : QString()),
                &ok);
        if (!ok || text.trimmed().isEmpty())
            return;
        url = QUrl(text.trimmed());
    }
    m_forwarder->replay(ids, url);
}

void MainWindow::copyAsCurl()
{
    const QList<qint64> ids = selectedIds();
    if (!m_store || ids.isEmpty())
        return;
    const QUrl url = m_forwarder && m_forwarder->target().isValid()
            ? m_forwarder->target()
            : QUrl(m_receiver ? m_receiver->webhookUrl() : QString());
    QStringList commands;
    for (qint64 id : ids)
        if (const std::optional<Event> event = m_store->event(id))
            commands.append(Forwarder::curlCommand(*event, url));
    QGuiApplication::clipboard()->setText(commands.join(u'\n'));
    statusBar()->showMessage(tr("curl command copied (sends to %1)").arg(url.toString()), 5000);
}

void MainWindow::setAlertEngine(AlertEngine *engine)
{
    m_alerts = engine;
    m_notifier->setEngine(engine);
}

void MainWindow::setTrayIcon(QSystemTrayIcon *tray)
{
    m_notifier->setTrayIcon(tray);
}

void MainWindow::editAlertRules()
{
    if (!m_alerts)
        return;
    AlertRulesDialog dialog(m_alerts->rules(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_alerts->setRules(dialog.rules());
    if (!m_alerts->save())
        QMessageBox::warning(this, tr("Alert rules"), m_alerts->errorString());
}

void MainWindow::selectEvent(qint64 id)
{
    m_model->flushPending();
    auto find = [&] {
        const int row = m_model->rowForId(id);
        return row < 0
                ? QModelIndex()
                : m_proxy->mapFromSource(m_model->index(row, EventTableModel::SummaryColumn));
    };
    QModelIndex index = find();
    if (!index.isValid()) { // hidden by the filter: show everything
        m_filterBar->setText({});
        index = find();
    }
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
}

void MainWindow::restartReceiver()
{
    if (!m_receiver)
        return;
    if (!m_receiver->start())
        QMessageBox::warning(this, tr("Receiver"), m_receiver->errorString());
    onReceiverStateChanged();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const WindowState state = WindowState::load(settings);
    restoreGeometry(state.geometry);
    if (!restoreState(state.dockState))
        resize(1200, 760);
    m_splitter->restoreState(state.splitter);
    m_model->restorePayloadColumns(settings); // before the header state, which counts them
    QHeaderView *header = m_table->horizontalHeader();
    header->restoreState(state.tableHeader);
    // The restored sort indicator is the proxy's order too.
    m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    m_followAction->setChecked(state.followNewest);
    // The table opens on its newest rows when it follows them (once it has its size).
    QTimer::singleShot(0, this, &MainWindow::scrollToNewest);
    m_filterBar->setRecentFilters(state.recentFilters);
    if (!state.lastFilter.isEmpty())
        m_filterBar->setText(state.lastFilter);
}

void MainWindow::saveSettings()
{
    WindowState state;
    state.geometry = saveGeometry();
    state.dockState = saveState();
    state.splitter = m_splitter->saveState();
    state.tableHeader = m_table->horizontalHeader()->saveState();
    state.followNewest = m_followAction->isChecked();
    state.recentFilters = m_filterBar->recentFilters();
    state.lastFilter = m_filterBar->text();
    QSettings settings;
    state.save(settings);
    m_model->savePayloadColumns(settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    if (m_store)
        m_store->flush();
    event->accept();
}

} // namespace Hookscope
