#include "deliveryservice.h"

#include "dispatcher.h"
#include "jobstore.h"
#include "networkproxy.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcService)

namespace {
// The preferences dialog refuses an invalid proxy; a setting edited by hand may still be one.
QNetworkProxy proxyFromSetting(const QString &text)
{
    const auto proxy = ProxySetting::parse(text);
    if (!proxy) {
        qCWarning(lcService).noquote() << "delivering without a proxy:" << proxy.error();
        return QNetworkProxy(QNetworkProxy::NoProxy);
    }
    return networkProxy(proxy.value());
}
} // namespace

DeliveryService::DeliveryService(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_progressTimer(this)
{
    // What one pass of the dispatcher changed crosses to the store's thread in one call.
    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(0);
    connect(&m_progressTimer, &QTimer::timeout, this, &DeliveryService::flushProgress);
}

DeliveryService::~DeliveryService() = default;

void DeliveryService::start(const DatabaseConfig &config, const DeliveryOptions &options)
{
    Q_ASSERT(!m_store && !m_dispatcher);
    m_options = options;
    m_stopping = false;
    if (config.backend == DatabaseConfig::Backend::Sqlite && config.sqlitePath == QLatin1String(":memory:")) {
        // Each connection to ":memory:" is a database of its own: this one would be empty.
        finish(tr("An in-memory database cannot be delivered from: its deliveries are private to the "
                  "window's queries. Use a database file."));
        return;
    }
    auto store = std::make_unique<JobStore>(config, m_clock);
    if (Status s = store->open(); !s) {
        finish(s.error());
        return;
    }
    m_store = std::move(store);

    Dispatcher::Options dispatcherOptions;
    dispatcherOptions.concurrency = options.concurrency;
    dispatcherOptions.leaseMs = options.leaseMs;
    dispatcherOptions.mode = Dispatcher::Mode::Continuous;
    // Its own watch on its own connection, as a worker's: the window's writes come from
    // another connection, like another process's.
    dispatcherOptions.watchChanges = true;
    m_dispatcher = std::make_unique<Dispatcher>(m_store.get(), dispatcherOptions);
    Dispatcher *dispatcher = m_dispatcher.get();
    connect(dispatcher, &Dispatcher::attemptStarted, this, [this](const Delivery &delivery, const Webhook &) {
        Delivery running = delivery;
        running.status = JobStatus::Running;
        m_changed.append(running);
        noteProgress();
    });
    connect(
        dispatcher, &Dispatcher::attemptRecorded, this, [this](const Delivery &delivery, const Attempt &) {
            m_changed.append(delivery);
            noteProgress();
        });
    connect(dispatcher, &Dispatcher::activityChanged, this, &DeliveryService::noteProgress);
    connect(dispatcher, &Dispatcher::deliveryFailedForGood, this, &DeliveryService::deliveryFailedForGood);
    connect(dispatcher, &Dispatcher::storeError, this, &DeliveryService::storeError);
    connect(dispatcher, &Dispatcher::storeDamaged, this, &DeliveryService::storeError);
    connect(dispatcher, &Dispatcher::storeRecovered, this, [this] { Q_EMIT storeError(QString()); });
    connect(dispatcher, &Dispatcher::stopped, this, &DeliveryService::onDispatcherStopped);
    dispatcher->setProxy(proxyFromSetting(options.proxyUrl));
    dispatcher->setPaused(options.paused);
    dispatcher->start();
}

void DeliveryService::setOptions(const DeliveryOptions &options)
{
    const DeliveryOptions previous = std::exchange(m_options, options);
    if (!m_dispatcher || m_stopping)
        return;
    if (previous.concurrency != options.concurrency)
        m_dispatcher->setConcurrency(options.concurrency);
    if (previous.proxyUrl != options.proxyUrl)
        m_dispatcher->setProxy(proxyFromSetting(options.proxyUrl));
    m_dispatcher->setPaused(options.paused);
}

void DeliveryService::wake()
{
    if (m_dispatcher && !m_stopping)
        m_dispatcher->wake();
}

void DeliveryService::stop(int graceMs)
{
    // A start() that failed has answered already.
    if (!m_dispatcher || m_stopping)
        return;
    m_stopping = true;
    m_dispatcher->stop(graceMs);
}

void DeliveryService::noteProgress()
{
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void DeliveryService::flushProgress()
{
    m_progressTimer.stop();
    Q_EMIT progress(std::exchange(m_changed, {}), m_dispatcher ? m_dispatcher->inFlight() : 0);
}

void DeliveryService::onDispatcherStopped()
{
    // Once: a dispatcher may say stopped() twice when its last attempt ends with the grace.
    disconnect(m_dispatcher.get(), &Dispatcher::stopped, this, nullptr);
    // Not from inside its own signal: the dispatcher goes, and then its store, a turn later.
    QMetaObject::invokeMethod(
        this, [this] { finish(QString()); }, Qt::QueuedConnection);
}

void DeliveryService::finish(const QString &error)
{
    m_dispatcher.reset();
    m_store.reset();
    m_stopping = false;
    // What was recorded reaches the window before the word that delivering stopped.
    flushProgress();
    Q_EMIT stopped(error);
}
