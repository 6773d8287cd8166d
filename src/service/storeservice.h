#pragma once

#include "databaseconfig.h"
#include "deliverydetail.h"
#include "deliveryfilter.h"
#include "deliveryoptions.h"
#include "historysummary.h"
#include "prunepacer.h"
#include "recovery.h"
#include "scheduledretry.h"
#include "storestatus.h"
#include "webhookrow.h"

#include <QObject>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <memory>
#include <optional>

class DeliveryService;
class HistoryCounter;
class JobStore;
class TestSender;

// The window's side of the store: lives in a worker thread and owns that thread's JobStore
// connection, which answers the window's queries and actions. Delivering runs in a thread of
// its own (DeliveryService, with its own connection), started and stopped from here. The GUI
// thread never calls it directly: it sends requests through queued signals and gets value
// structs back, so no SQL or network wait ever happens on the GUI thread.
class StoreService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreService)

public:
    explicit StoreService(const Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~StoreService() override;

    // How long the coalescing timer waits before telling the window the store changed.
    static constexpr int ChangeCoalesceMs = 200;
    static constexpr int RetryScheduleLimit = 1000;
    // The summary adds up the newest this many deliveries a filter takes, as `deliveries --summary`.
    static constexpr qint64 SummaryLimit = 100000;

public Q_SLOTS:
    // Stops delivering from the open store (letting attempts in flight finish briefly), closes
    // it, then opens this one and starts delivering as `options` say. Of requests to open or
    // close made before that happened, the last one counts.
    void open(const DatabaseConfig &config, const DeliveryOptions &options);
    // Stops delivering (letting attempts in flight finish briefly) and closes the store.
    void close();
    // Opens `url` on a connection of its own and closes it again; the preferences ask this
    // before they accept a database.
    void testDatabase(quint64 serial, const QString &url);
    void setDeliveryOptions(const DeliveryOptions &options);

    void loadWebhooks();
    void saveWebhook(const Webhook &webhook); // id 0 adds
    void removeWebhook(qint64 webhookId);

    // With `filter.limit` > 0, the first page of that many rows comes too, under the same
    // serial: ahead of the count when there are more rows than that, else right after it.
    // The count itself is taken in the history counter's thread (HistoryCounter), except on an
    // in-memory SQLite store, which no second connection can see.
    void countHistory(quint64 serial, const DeliveryFilter &filter);
    // A page as the filter's key, offset and end say; `row` is where it goes in the list.
    void loadHistoryPage(quint64 serial, const DeliveryFilter &filter, qint64 row, int limit);
    // A slice of the boundaries pass (JobStore::historyBoundaries()), in the counter's thread.
    void findHistoryBoundaries(
        quint64 serial, const DeliveryFilter &filter, qint64 fromId, int every, int count);
    void loadRetrySchedule();
    void loadDetail(qint64 deliveryId);
    void loadStatus();

    void ping(qint64 webhookId);
    void sendTestEvent(qint64 webhookId, const QString &eventType, const QByteArray &payload);
    void retry(const QList<qint64> &deliveryIds, bool resetWindow);
    void retryNow(const QList<qint64> &deliveryIds);
    void retryFailed(qint64 webhookId);
    // `automatic`: the daily prune, which says nothing when there was nothing to delete. It
    // deletes a chunk per turn of the event loop, so the window's queries are answered meanwhile.
    void prune(qint64 olderThanMs, bool automatic = false);

    // An admin's recovery (storeservicerecovery.cpp). Bulk work goes a chunk per turn of the
    // event loop, like the prune, so the window's queries are answered meanwhile.
    void previewRecovery(quint64 serial, const FailedSelection &selection);
    void recoverFailed(const FailedSelection &selection);
    void setWebhookPaused(qint64 webhookId, bool paused);
    void loadStuck();
    void requeueStuck();
    // The history as "csv" or "json", a page per turn; a delivery's attempts as "har" or "http".
    void exportHistory(const DeliveryFilter &filter, const QString &path, const QString &format);
    void summarize(quint64 serial, const DeliveryFilter &filter);
    void exportAttempts(qint64 deliveryId, const QString &path, const QString &format);
    // A receiver test tool (storeservicetesttools.cpp): TestTools::SameId, Burst or
    // ExpiredTimestamp on delivery `id`, OutOfOrder on webhook `id`. actionDone() says how
    // the receiver answered.
    void runTestTool(const QString &tool, qint64 id);

Q_SIGNALS:
    void opened(const QString &displayUrl);
    void openFailed(const QString &message);
    void closed();
    void databaseTested(quint64 serial, const QString &error); // empty error: it works

    // Right after opened(): the webhooks' ids in the order webhooksLoaded() will list them,
    // ahead of their health, so the window can start the history filtered as it will stay.
    void webhooksListed(const QList<qint64> &ids);
    void webhooksLoaded(const QList<WebhookRow> &rows);
    void webhookSaved(qint64 webhookId);
    // `newestId`: the count covers deliveries up to this id; pages are asked for up to it, so
    // offsets stay true while new deliveries arrive (0 when there are none).
    // `oldestId`: the list's other end, for estimating a key in between before boundaries exist.
    void historyCounted(quint64 serial, qint64 count, qint64 newestId, qint64 oldestId);
    // The count of `serial` starts; emitted in the thread that counts (not this one, unless
    // the store is in memory).
    void historyCounting(quint64 serial);
    // PostgreSQL, a new filter: the planner's figure for the count, ahead of the exact count
    // under `serial`.
    void historyEstimated(quint64 serial, qint64 estimate);
    void historyPageLoaded(quint64 serial, qint64 row, const QList<Delivery> &rows);
    void historyBoundariesFound(quint64 serial, qint64 fromId, const QList<qint64> &ids);
    // Sorted by status or event type: the list's groups, ahead of its count.
    void historyGroupsFound(quint64 serial, const QList<HistoryGroup> &groups);
    void retryScheduleLoaded(const QList<ScheduledRetry> &rows);
    void detailLoaded(const DeliveryDetail &detail);
    void statusLoaded(const StoreStatus &status);

    // Live: deliveries as the dispatcher changed them (batched), then a coalesced notice
    // that anything may have changed (this window's actions, another process's work).
    void deliveriesUpdated(const QList<Delivery> &deliveries);
    void storeChanged();

    void recoveryPreviewed(quint64 serial, const RecoveryPreview &preview);
    void summarized(quint64 serial, const HistorySummary &summary);
    void stuckLoaded(const StuckReport &report);

    void actionDone(const QString &message);
    void actionFailed(const QString &message);
    void deliveryFailedForGood(const Delivery &delivery, const QString &webhookUrl);

private:
    // The store's life: a store is opened or closed only once the dispatcher of the one before
    // has stopped (its attempts in flight recorded in their own store), and a dispatcher runs
    // only on the store that is open. Requests that arrive meanwhile change what is wanted;
    // settle() moves towards it, one step per stop.
    enum class Delivering { No, Yes, Stopping };
    struct StoreRequest
    {
        std::optional<DatabaseConfig> open; // none: close
    };

    void settle();
    void applyStoreRequest();
    void startDelivering();
    void stopDelivering();
    void onDeliveryStopped(const QString &error);
    void wakeDelivery();
    bool ensureOpen();
    void noteChange();
    void flushChanges();
    void closeStore();
    void pruneNextChunk();
    void recoverNextChunk();
    void exportNextPage();
    void fail(const QString &message);
    WebhookHealth healthOf(qint64 webhookId, int pending, const QList<Delivery> &schedule);

    const Clock *m_clock;
    std::unique_ptr<JobStore> m_store;
    // The context of the store's change watch: it goes with the store, so no timer of the
    // watch outlives the JobStore it reads from.
    QObject *m_watchContext = nullptr;
    DeliveryOptions m_options;
    std::optional<StoreRequest> m_storeRequest; // an open or close waiting for the dispatcher
    QThread m_deliveryThread;
    DeliveryService *m_delivery; // lives in m_deliveryThread
    QThread m_countThread;
    HistoryCounter *m_counter; // lives in m_countThread; null once that has ended
    bool m_countHere = false; // the store is in memory: counted on its own connection
    Delivering m_delivering = Delivering::No;
    // The delivering side could not start on this store (its own connection failed): not
    // tried again until the store is opened again or delivering is switched on again.
    bool m_deliveryFailed = false;
    int m_inFlight = 0;
    QString m_dispatcherError;
    QTimer m_changeTimer;
    QList<Delivery> m_changedDeliveries;
    bool m_closing = false;
    // A prune in progress, one chunk per turn of the event loop, paced by the store.
    struct Pruning
    {
        TimeMs before = 0;
        bool automatic = true;
        qint64 deleted = 0;
        PrunePacer pacer;
    };
    std::optional<Pruning> m_pruning;
    QTimer m_pruneTimer;
    // A bulk recovery in progress, one chunk per turn.
    struct Recovering
    {
        FailedSelection selection;
        qint64 afterId = 0;
        qint64 recovered = 0;
    };
    std::optional<Recovering> m_recovering;
    QTimer m_recoverTimer;
    // A history export in progress, one page per turn; the file appears only when complete.
    struct Exporting
    {
        DeliveryFilter filter;
        std::unique_ptr<QSaveFile> file;
        bool json = false;
        qint64 written = 0;
    };
    std::optional<Exporting> m_exporting;
    QTimer m_exportTimer;
    std::unique_ptr<TestSender> m_testSender; // on m_store: goes before it
};
