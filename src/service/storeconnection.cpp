#include "storeconnection.h"

#include "storeservice.h"

namespace {
// The value types that cross between the GUI thread and the store's, for queued connections.
void registerStoreTypes()
{
    qRegisterMetaType<Delivery>();
    qRegisterMetaType<Webhook>();
    qRegisterMetaType<Attempt>();
    qRegisterMetaType<QList<Delivery>>();
    qRegisterMetaType<WebhookRow>();
    qRegisterMetaType<QList<WebhookRow>>();
    qRegisterMetaType<ScheduledRetry>();
    qRegisterMetaType<QList<ScheduledRetry>>();
    qRegisterMetaType<DeliveryDetail>();
    qRegisterMetaType<StoreStatus>();
    qRegisterMetaType<DeliveryOptions>();
    qRegisterMetaType<DeliveryFilter>();
    qRegisterMetaType<HistorySummary>();
    qRegisterMetaType<DatabaseConfig>();
    qRegisterMetaType<QList<qint64>>();
    qRegisterMetaType<FailedSelection>();
    qRegisterMetaType<RecoveryPreview>();
    qRegisterMetaType<StuckReport>();
}
} // namespace

StoreConnection::StoreConnection(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_service(new StoreService(clock))
{
    registerStoreTypes();
    m_thread.setObjectName(QStringLiteral("hookwatch-store"));
    m_service->moveToThread(&m_thread);
    // The service and its store and dispatcher are destroyed in their own thread.
    connect(&m_thread, &QThread::finished, m_service, &QObject::deleteLater);

    StoreService *s = m_service;
    connect(this, &StoreConnection::open, s, &StoreService::open);
    connect(this, &StoreConnection::close, s, &StoreService::close);
    connect(this, &StoreConnection::testDatabase, s, &StoreService::testDatabase);
    connect(this, &StoreConnection::setDeliveryOptions, s, &StoreService::setDeliveryOptions);
    connect(this, &StoreConnection::previewRecovery, s, &StoreService::previewRecovery);
    connect(this, &StoreConnection::recoverFailed, s, &StoreService::recoverFailed);
    connect(this, &StoreConnection::setWebhookPaused, s, &StoreService::setWebhookPaused);
    connect(this, &StoreConnection::loadStuck, s, &StoreService::loadStuck);
    connect(this, &StoreConnection::requeueStuck, s, &StoreService::requeueStuck);
    connect(this, &StoreConnection::exportHistory, s, &StoreService::exportHistory);
    connect(this, &StoreConnection::summarize, s, &StoreService::summarize);
    connect(this, &StoreConnection::exportAttempts, s, &StoreService::exportAttempts);
    connect(this, &StoreConnection::loadWebhooks, s, &StoreService::loadWebhooks);
    connect(this, &StoreConnection::saveWebhook, s, &StoreService::saveWebhook);
    connect(this, &StoreConnection::removeWebhook, s, &StoreService::removeWebhook);
    connect(this, &StoreConnection::countHistory, s, &StoreService::countHistory);
    connect(this, &StoreConnection::loadHistoryPage, s, &StoreService::loadHistoryPage);
    connect(this, &StoreConnection::findHistoryBoundaries, s, &StoreService::findHistoryBoundaries);
    connect(this, &StoreConnection::loadRetrySchedule, s, &StoreService::loadRetrySchedule);
    connect(this, &StoreConnection::loadDetail, s, &StoreService::loadDetail);
    connect(this, &StoreConnection::loadStatus, s, &StoreService::loadStatus);
    connect(this, &StoreConnection::ping, s, &StoreService::ping);
    connect(this, &StoreConnection::sendTestEvent, s, &StoreService::sendTestEvent);
    connect(this, &StoreConnection::retry, s, &StoreService::retry);
    connect(this, &StoreConnection::retryNow, s, &StoreService::retryNow);
    connect(this, &StoreConnection::retryFailed, s, &StoreService::retryFailed);
    connect(this, &StoreConnection::prune, s, &StoreService::prune);
    connect(this, &StoreConnection::runTestTool, s, &StoreService::runTestTool);
    m_thread.start();
}

StoreConnection::~StoreConnection()
{
    m_thread.quit();
    m_thread.wait();
}
