#pragma once

#include "databaseconfig.h"
#include "deliveryfilter.h"
#include "deliveryoptions.h"
#include "recovery.h"
#include "webhook.h"

#include <QObject>
#include <QThread>

class StoreService;

// The window's handle on the store: starts the worker thread, puts a StoreService in it and
// turns requests into queued signals. It lives in the GUI thread; the service never does.
class StoreConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreConnection)

public:
    explicit StoreConnection(const Clock *clock = Clock::system(), QObject *parent = nullptr);
    // Ends the worker thread; the service closes its store there.
    ~StoreConnection() override;

    // For connecting to its signals only: it lives in the worker thread.
    StoreService *service() const { return m_service; }
    quint64 nextSerial() { return ++m_serial; }

Q_SIGNALS:
    // Requests; each reaches the service's slot of the same name in the worker thread.
    void open(const DatabaseConfig &config, const DeliveryOptions &options);
    void close();
    void testDatabase(quint64 serial, const QString &url);
    void setDeliveryOptions(const DeliveryOptions &options);
    void loadWebhooks();
    void saveWebhook(const Webhook &webhook);
    void removeWebhook(qint64 webhookId);
    void countHistory(quint64 serial, const DeliveryFilter &filter);
    void loadHistoryPage(quint64 serial, const DeliveryFilter &filter, qint64 row, int limit);
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
    void prune(qint64 olderThanMs, bool automatic = false);
    void previewRecovery(quint64 serial, const FailedSelection &selection);
    void recoverFailed(const FailedSelection &selection);
    void setWebhookPaused(qint64 webhookId, bool paused);
    void loadStuck();
    void requeueStuck();
    void exportHistory(const DeliveryFilter &filter, const QString &path, const QString &format);
    // Adds up the history the filter takes (the newest 100,000 of it): StoreService::summarized.
    void summarize(quint64 serial, const DeliveryFilter &filter);
    void exportAttempts(qint64 deliveryId, const QString &path, const QString &format);
    void runTestTool(const QString &tool, qint64 id);

private:
    QThread m_thread;
    StoreService *m_service;
    quint64 m_serial = 0;
};
