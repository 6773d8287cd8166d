#pragma once

#include "appsettings.h"
#include "databaseconfig.h"
#include "delivery.h"
#include "deliveryfilter.h"
#include "storestatus.h"
#include "webhookrow.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

class AutoPauseBanner;
class DeliveryDetailView;
class DeliveryHistoryModel;
class EmptyState;
class HistoryPane;
class HistoryView;
class QLabel;
class QShowEvent;
class QSystemTrayIcon;
class QTabWidget;
class QTableView;
class ReceiverTestsMenu;
class RetryScheduleModel;
class StoreConnection;
class WebhookTableModel;

// Hookwatch's main window: webhooks with their health, the delivery history (any size), the
// retry schedule and one delivery's attempts, with the actions on them. Everything it shows
// comes from the store service in its worker thread; nothing here waits for SQL or HTTP.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // `databaseFixed`: the store came from --db or HOOKWATCH_DB, which outrank the preference.
    MainWindow(const DatabaseConfig &database, const AppSettings &settings, bool databaseFixed = false,
        QWidget *parent = nullptr);
    ~MainWindow() override;

    // A store's answer later than this after the window was made does not hold up its showing.
    static constexpr int DefaultShowWaitMs = 500;
    // Shows the window once the history's first rows are in (or it is known to be empty), so
    // they are in its first paint, or after `maxWaitMs` for a slow or unreachable store. A
    // window shown first and filled after paints twice, and its second, full paint held the
    // window up for 80-200 ms on PostgreSQL, whose first rows come a little after that.
    void showWhenReady(int maxWaitMs = DefaultShowWaitMs);

    StoreConnection *connection() const { return m_connection; }
    WebhookTableModel *webhookModel() const { return m_webhookModel; }
    DeliveryHistoryModel *historyModel() const { return m_historyModel; }
    RetryScheduleModel *scheduleModel() const { return m_scheduleModel; }
    QTableView *webhookView() const { return m_webhookView; }
    HistoryView *historyView() const { return m_historyView; }
    QTableView *scheduleView() const { return m_scheduleView; }
    DeliveryDetailView *detailView() const { return m_detail; }
    AutoPauseBanner *autoPauseBanner() const { return m_autoPauseBanner; }
    bool isStoreOpen() const { return m_storeOpen; }

Q_SIGNALS:
    void storeOpened();
    // The store is closed and the window gone: the application can end.
    void finished();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void createHistoryPane();
    void createStatusBar();
    // The store's answers, connected before the store is opened, ahead of the widgets.
    void connectStore();
    void connectViews();
    void restoreWindowState();
    void fitWebhookPane();
    void fitWebhookColumnsOnce();
    void openStore(const DatabaseConfig &database);

    void refreshAll();
    // Refreshes, but never more than one batch at a time, and with a gap that grows with what
    // a batch costs the store's thread, which the dispatcher shares.
    void requestRefresh();
    void updateActions();
    void updateHistoryFilter();
    void showStatus(const StoreStatus &status);
    void updateScheduleTabTitle();
    void showMessage(const QString &message, bool error = false);
    void notifyFailedForGood(const Delivery &delivery, const QString &webhookUrl);
    // Tray notices for how the webhooks changed since they were last loaded.
    void notifyWebhookChanges(const QList<WebhookRow> &rows);

    std::optional<WebhookRow> selectedWebhook() const;
    QList<Delivery> selectedDeliveries() const;
    void onCurrentDeliveryChanged();

    void addWebhook();
    void editWebhook();
    void deleteWebhook();
    void pingWebhook();
    void sendTestEvent();
    void retrySelected(bool resetWindow);
    void retryNowSelected();
    void retryFailedOfWebhook(); // the recovery dialog, for the selected webhook or all
    void togglePauseWebhook();
    void showStuck();
    void exportHistory();
    void summarizeHistory();
    void exportAttempts();
    void setPaused(bool paused);
    void pruneNow();
    void showPreferences();
    void copyAsCurl();
    void showAbout();

    StoreConnection *m_connection;
    DatabaseConfig m_database;
    AppSettings m_settings;
    bool m_databaseFixed;
    bool m_storeOpen = false;
    bool m_closing = false;
    bool m_closed = false;
    bool m_shownBefore = false;
    // No splitter position saved and none chosen yet: the webhooks table takes what its rows need.
    bool m_fitWebhookPane = false;
    bool m_webhookColumnsFitted = false;
    bool m_fitDetailPane = true;
    StoreStatus m_status;
    std::optional<qint64> m_detailId;

    WebhookTableModel *m_webhookModel;
    DeliveryHistoryModel *m_historyModel;
    RetryScheduleModel *m_scheduleModel;

    QTableView *m_webhookView = nullptr;
    HistoryPane *m_history = nullptr;
    HistoryView *m_historyView = nullptr; // m_history's
    QTableView *m_scheduleView = nullptr;
    QTabWidget *m_tabs = nullptr;
    DeliveryDetailView *m_detail = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_leasesLabel = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_statusTimer;
    QTimer m_pruneTimer;
    QTimer m_notifyDelay;
    QTimer m_refreshDelay;
    QElapsedTimer m_refreshClock; // since the batch in flight started, or the last one ended
    bool m_refreshInFlight = false;
    bool m_refreshWanted = false;
    bool m_pruneAfterRefresh = false; // the automatic prune at open, once the window has its rows
    int m_refreshGapMs = 250;
    QList<Delivery> m_failedForGood;
    // The webhooks as last loaded from this store, to tell what changed; none until the first load.
    std::optional<QList<Webhook>> m_lastWebhooks;
    AutoPauseBanner *m_autoPauseBanner = nullptr;
    QStringList m_failedUrls;

    QAction *m_addWebhookAction = nullptr;
    QAction *m_editWebhookAction = nullptr;
    QAction *m_deleteWebhookAction = nullptr;
    QAction *m_pingAction = nullptr;
    QAction *m_sendTestAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_retryResetAction = nullptr;
    QAction *m_retryNowAction = nullptr;
    ReceiverTestsMenu *m_receiverTests = nullptr;
    QAction *m_retryFailedAction = nullptr;
    EmptyState *m_webhooksEmpty = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_pauseWebhookAction = nullptr;
    QAction *m_stuckAction = nullptr;
    QAction *m_exportHistoryAction = nullptr;
    QAction *m_summaryAction = nullptr;
    QAction *m_exportAttemptsAction = nullptr;
    QAction *m_pruneAction = nullptr;
    QAction *m_preferencesAction = nullptr;
    QAction *m_copyCurlAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
};
