// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QLabel;
class QSplitter;
class QTableView;
class QSystemTrayIcon;
class QToolButton;

namespace Hookscope {

class EventTableView;
class EventFilterProxy;
class EventStore;
class EventTableModel;
class FilterBar;
class InspectorWidget;
class Receiver;
class AlertEngine;
class AlertNotifier;
class EventRateModel;
class Forwarder;
class SparklineWidget;
class RelayClient;
class SavedFiltersPanel;

// The live monitor: filter bar, event table, inspector and a status bar that always says
// whether the receiver is listening and where.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(EventStore *store, Receiver *receiver, const QString &dataDir,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    EventTableModel *model() const;
    EventFilterProxy *proxy() const;
    QTableView *table() const;
    FilterBar *filterBar() const;
    InspectorWidget *inspector() const;
    QString statusText() const; // receiver state label, for tests

    bool followNewest() const;
    void setFollowNewest(bool follow);

    // Posts a sample ticket:created delivery to our own receiver.
    void sendTestEvent();
    // Shows the relay connection (state, countdown, retry) in the status bar.
    void setRelayClient(RelayClient *relay);
    // Forwarding and replay: target set from the Receiver menu, replay from the table.
    void setForwarder(Forwarder *forwarder);
    // Alert rules raise banners or tray notifications; clicking one selects its event.
    void setAlertEngine(AlertEngine *engine);
    void setTrayIcon(QSystemTrayIcon *tray);
    void selectEvent(qint64 id);
    // Receiver → Response mode…: the dialog, then the receiver; the status bar shows it.
    void configureResponseMode();
    // Edit and resend… (one selected event): the dialog, then the forwarder's queue.
    void editAndResend();
    SparklineWidget *sparkline() const { return m_sparkline; }
    SavedFiltersPanel *savedFilters() const { return m_savedFilters; }

Q_SIGNALS:
    // Tools menu entries served by the app's wiring (the wizard lives outside ui/).
    void setupWizardRequested();
    void appsDialogRequested();
    // Help → Legacy request webhooks…: the dashboard's older request webhooks (app's wiring).
    void legacyWebhooksRequested();
    void settingsRequested();
    void demoDataRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void restoreSettings();
    void saveSettings();
    void onReceiverStateChanged();
    void onRowsAppended(int count);
    // With "Follow newest": the newest rows into view (the bottom when sorted ascending).
    void scrollToNewest();
    void onCurrentRowChanged();
    void onRejected(int status, const QString &reason, const QString &remote);
    void updateCounts();
    void exportEvents(int format);
    void importEvents();
    void clearHistory();
    void togglePin();
    void editNote();
    void showTableMenu(const QPoint &pos);
    QList<qint64> selectedIds() const;
    void copyWebhookUrl();
    void restartReceiver();
    void updateRelayState();
    void connectRelay();
    void configureForwarding();
    void editAlertRules();
    void replaySelected(bool askUrl);
    void updateResponseModeLabel();
    void copyAsCurl();
    void updateForwardLabel();

    QPointer<EventStore> m_store;
    QPointer<Receiver> m_receiver;
    QPointer<RelayClient> m_relay;
    QPointer<Forwarder> m_forwarder;
    QPointer<AlertEngine> m_alerts;
    EventRateModel *m_rates = nullptr;
    SparklineWidget *m_sparkline = nullptr;
    SavedFiltersPanel *m_savedFilters = nullptr;
    AlertNotifier *m_notifier = nullptr;
    QLabel *m_forwardLabel = nullptr;
    QToolButton *m_responseModeButton = nullptr; // shown while response mode is on
    int m_forwardOk = 0;
    int m_forwardFailed = 0;
    QString m_dataDir;
    EventTableModel *m_model;
    EventFilterProxy *m_proxy;
    FilterBar *m_filterBar;
    EventTableView *m_table;
    InspectorWidget *m_inspector;
    QSplitter *m_splitter;
    QAction *m_followAction = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_urlLabel = nullptr;
    QToolButton *m_copyUrl = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_rejectLabel = nullptr;
    QLabel *m_relayLabel = nullptr;
    QToolButton *m_relayRetry = nullptr;
    QTimer m_relayTick;
    QTimer m_rateTimer;
    qint64 m_arrivedThisSecond = 0;
    qint64 m_rejectedCount = 0;
};

} // namespace Hookscope
