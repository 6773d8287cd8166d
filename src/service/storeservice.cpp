#include "storeservice.h"

#include "deliveryservice.h"
#include "historycounter.h"
#include "jobstore.h"
#include "profiles.h"
#include "testsender.h"
#include "validation.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcService, "hookwatch.service", QtInfoMsg)

namespace {
constexpr int StopGraceMs = 3000;
constexpr int HealthWindow = 50;

} // namespace

StoreService::StoreService(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_delivery(new DeliveryService(clock))
    , m_counter(new HistoryCounter(clock))
    , m_changeTimer(this)
    , m_pruneTimer(this)
    , m_recoverTimer(this)
    , m_exportTimer(this)
{
    // Many changes (a dispatcher delivering hundreds a second) become one refresh.
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(ChangeCoalesceMs);
    connect(&m_changeTimer, &QTimer::timeout, this, &StoreService::flushChanges);
    m_pruneTimer.setSingleShot(true);
    connect(&m_pruneTimer, &QTimer::timeout, this, &StoreService::pruneNextChunk);
    m_recoverTimer.setSingleShot(true);
    connect(&m_recoverTimer, &QTimer::timeout, this, &StoreService::recoverNextChunk);
    m_exportTimer.setSingleShot(true);
    connect(&m_exportTimer, &QTimer::timeout, this, &StoreService::exportNextPage);

    m_deliveryThread.setObjectName(QStringLiteral("hookwatch-deliver"));
    m_delivery->moveToThread(&m_deliveryThread);
    // The delivering side, its dispatcher and connection are destroyed in their own thread.
    connect(&m_deliveryThread, &QThread::finished, m_delivery, &QObject::deleteLater);

    connect(
        m_delivery, &DeliveryService::progress, this, [this](const QList<Delivery> &changed, int inFlight) {
            m_changedDeliveries.append(changed);
            m_inFlight = inFlight;
            noteChange();
        });
    connect(m_delivery, &DeliveryService::deliveryFailedForGood, this, [this](const Delivery &delivery) {
        QString url;
        if (m_store) {
            if (auto hook = m_store->webhook(delivery.webhookId))
                url = Validation::maskedUrl(hook->deliveryUrl);
        }
        Q_EMIT deliveryFailedForGood(delivery, url);
    });
    connect(m_delivery, &DeliveryService::storeError, this, [this](const QString &message) {
        m_dispatcherError = message;
        noteChange();
    });
    connect(m_delivery, &DeliveryService::stopped, this, &StoreService::onDeliveryStopped);
    m_deliveryThread.start();

    m_countThread.setObjectName(QStringLiteral("hookwatch-count"));
    m_counter->moveToThread(&m_countThread);
    connect(&m_countThread, &QThread::finished, m_counter, &QObject::deleteLater);
    // Straight to the window from the counter's thread: not queued behind this thread's work.
    connect(m_counter, &HistoryCounter::counting, this, &StoreService::historyCounting, Qt::DirectConnection);
    connect(m_counter, &HistoryCounter::counted, this, &StoreService::historyCounted, Qt::DirectConnection);
    connect(m_counter, &HistoryCounter::groupsFound, this, &StoreService::historyGroupsFound,
        Qt::DirectConnection);
    connect(m_counter, &HistoryCounter::boundariesFound, this, &StoreService::historyBoundariesFound,
        Qt::DirectConnection);
    connect(m_counter, &HistoryCounter::failed, this, &StoreService::fail);
    m_countThread.start();
}

StoreService::~StoreService()
{
    // A count under way ends first; the counter and its connection go with its thread.
    m_countThread.quit();
    m_countThread.wait();
    m_counter = nullptr;
    // The dispatcher goes with its thread, without a grace: close() is the orderly way.
    m_deliveryThread.quit();
    m_deliveryThread.wait();
    closeStore();
}

void StoreService::closeStore()
{
    m_pruneTimer.stop();
    m_pruning.reset();
    m_recoverTimer.stop();
    m_recovering.reset();
    m_exportTimer.stop();
    m_exporting.reset(); // an unfinished export is discarded: its file never appears
    m_testSender.reset(); // a test send under way is abandoned, unrecorded
    delete m_watchContext;
    m_watchContext = nullptr;
    m_store.reset();
    if (m_counter) {
        QMetaObject::invokeMethod(
            m_counter, [counter = m_counter] { counter->setStore(std::nullopt); }, Qt::QueuedConnection);
    }
}

void StoreService::open(const DatabaseConfig &config, const DeliveryOptions &options)
{
    m_storeRequest = StoreRequest { config };
    m_options = options;
    m_closing = false;
    settle();
}

void StoreService::close()
{
    m_storeRequest = StoreRequest { std::nullopt };
    m_closing = true;
    settle();
}

void StoreService::settle()
{
    if (m_delivering == Delivering::Stopping)
        return; // onDeliveryStopped() settles again
    if (m_storeRequest) {
        if (m_delivering == Delivering::Yes) {
            stopDelivering();
            return;
        }
        applyStoreRequest();
    }
    if (!m_store)
        return;
    const bool wanted = m_options.deliver && !m_deliveryFailed;
    if (wanted && m_delivering == Delivering::No)
        startDelivering();
    else if (!wanted && m_delivering == Delivering::Yes)
        stopDelivering();
}

void StoreService::applyStoreRequest()
{
    Q_ASSERT(m_delivering == Delivering::No);
    const StoreRequest request = *std::exchange(m_storeRequest, std::nullopt);
    closeStore();
    m_changedDeliveries.clear();
    m_dispatcherError.clear();
    m_deliveryFailed = false;
    if (!request.open) {
        m_changeTimer.stop();
        Q_EMIT closed();
        return;
    }
    const DatabaseConfig &config = *request.open;
    auto store = std::make_unique<JobStore>(config, m_clock);
    if (Status s = store->open(); !s) {
        // The store's message names the database already ("cannot open the database …").
        QString message = s.error();
        if (!message.isEmpty())
            message[0] = message.at(0).toUpper();
        Q_EMIT openFailed(message);
        return;
    }
    m_store = std::move(store);
    // Each connection to ":memory:" is a database of its own: counted here, on this one.
    m_countHere
        = config.backend == DatabaseConfig::Backend::Sqlite && config.sqlitePath == QLatin1String(":memory:");
    if (!m_countHere) {
        QMetaObject::invokeMethod(
            m_counter, [counter = m_counter, config] { counter->setStore(config); }, Qt::QueuedConnection);
    }
    // One watch for this connection: another connection's changes (another process's, or
    // this window's dispatcher's) refresh the window. The dispatcher watches for itself.
    m_watchContext = new QObject(this);
    m_store->watchChanges(m_watchContext, [this] { noteChange(); });
    Q_EMIT opened(config.displayUrl());
    // A short query: the history need not wait for the webhooks' health to know its filter.
    QList<qint64> ids;
    if (auto hooks = m_store->webhooks()) {
        for (const Webhook &hook : hooks.value())
            ids.append(hook.id);
    }
    Q_EMIT webhooksListed(ids);
    noteChange();
}

void StoreService::startDelivering()
{
    m_delivering = Delivering::Yes;
    m_inFlight = 0;
    QMetaObject::invokeMethod(
        m_delivery,
        [delivery = m_delivery, config = m_store->config(), options = m_options] {
            delivery->start(config, options);
        },
        Qt::QueuedConnection);
}

void StoreService::stopDelivering()
{
    m_delivering = Delivering::Stopping;
    QMetaObject::invokeMethod(
        m_delivery, [delivery = m_delivery] { delivery->stop(StopGraceMs); }, Qt::QueuedConnection);
}

void StoreService::onDeliveryStopped(const QString &error)
{
    const bool asked = m_delivering == Delivering::Stopping;
    m_delivering = Delivering::No;
    m_inFlight = 0;
    if (!error.isEmpty()) {
        // It could not open its connection: say so, and leave it until asked again.
        qCWarning(lcService).noquote() << error;
        m_dispatcherError = error;
        m_deliveryFailed = true;
    } else if (asked) {
        m_dispatcherError.clear();
    }
    settle();
    if (m_store)
        loadStatus();
}

void StoreService::testDatabase(quint64 serial, const QString &url)
{
    const auto config = DatabaseConfig::parse(url);
    if (!config) {
        Q_EMIT databaseTested(serial, config.error());
        return;
    }
    // A connection of its own, closed again at once: the store in use is not disturbed.
    JobStore probe(config.value(), m_clock);
    const Status s = probe.open();
    Q_EMIT databaseTested(serial, s ? QString() : s.error());
}

void StoreService::setDeliveryOptions(const DeliveryOptions &options)
{
    if (options.deliver && !m_options.deliver)
        m_deliveryFailed = false; // switched on again: try again
    m_options = options;
    // Only to a dispatcher on the store that stays: one stopping takes nothing new, and the
    // next one starts with these.
    if (m_delivering == Delivering::Yes && options.deliver && !m_storeRequest) {
        QMetaObject::invokeMethod(
            m_delivery, [delivery = m_delivery, options] { delivery->setOptions(options); },
            Qt::QueuedConnection);
    }
    settle();
    loadStatus();
}

void StoreService::wakeDelivery()
{
    if (m_delivering == Delivering::Yes)
        QMetaObject::invokeMethod(
            m_delivery, [delivery = m_delivery] { delivery->wake(); }, Qt::QueuedConnection);
}

bool StoreService::ensureOpen()
{
    if (m_store)
        return true;
    Q_EMIT actionFailed(tr("No database is open."));
    return false;
}

void StoreService::fail(const QString &message)
{
    qCWarning(lcService).noquote() << message;
    Q_EMIT actionFailed(message);
}

void StoreService::noteChange()
{
    if (!m_closing && !m_changeTimer.isActive())
        m_changeTimer.start();
}

void StoreService::flushChanges()
{
    if (!m_changedDeliveries.isEmpty()) {
        // Only the newest state of each delivery matters.
        QList<Delivery> latest;
        QHash<qint64, qsizetype> position;
        for (const Delivery &d : std::as_const(m_changedDeliveries)) {
            const auto it = position.constFind(d.id);
            if (it == position.constEnd()) {
                position.insert(d.id, latest.size());
                latest.append(d);
            } else {
                latest[*it] = d;
            }
        }
        m_changedDeliveries.clear();
        Q_EMIT deliveriesUpdated(latest);
    }
    Q_EMIT storeChanged();
}

WebhookHealth StoreService::healthOf(qint64 webhookId, int pending, const QList<Delivery> &schedule)
{
    WebhookHealth health;
    health.pending = pending;
    // The most recent attempts, not the newest deliveries: with thousands queued, the newest
    // are not due yet while workers deliver the older ones.
    if (auto recent = m_store->recentlySent(webhookId, HealthWindow)) {
        if (!recent->isEmpty())
            health.lastDelivery = recent->first();
        for (const Delivery &d : recent.value()) {
            if (!d.successful.has_value())
                continue;
            ++health.recentTotal;
            if (*d.successful)
                ++health.recentDelivered;
        }
    }
    if (!health.lastDelivery) {
        // Nothing sent yet: the newest delivery says whether there is any (never tried, or a
        // deactivated webhook's failure).
        DeliveryFilter newest;
        newest.webhookId = webhookId;
        newest.limit = 1;
        newest.withPayload = false;
        if (auto latest = m_store->deliveries(newest); latest && !latest->isEmpty())
            health.lastDelivery = latest->first();
    }
    for (const Delivery &d : schedule) {
        if (d.webhookId == webhookId && d.scheduledStart) {
            health.nextRetry = d.scheduledStart;
            break;
        }
    }
    return health;
}

void StoreService::loadWebhooks()
{
    if (!m_store)
        return;
    const auto hooks = m_store->webhooks();
    if (!hooks) {
        fail(tr("Cannot read the webhooks: %1").arg(hooks.error()));
        return;
    }
    const auto schedule = m_store->retrySchedule(RetryScheduleLimit);
    const QList<Delivery> scheduled = schedule ? schedule.value() : QList<Delivery>();
    // One query for every webhook's pending count, not three per webhook.
    const auto pending = m_store->pendingByWebhook();
    const QHash<qint64, int> pendingByWebhook = pending ? pending.value() : QHash<qint64, int>();
    QList<WebhookRow> rows;
    for (const Webhook &hook : hooks.value()) {
        WebhookRow row { hook, healthOf(hook.id, pendingByWebhook.value(hook.id), scheduled) };
        row.webhook.secret.reset(); // write-only: it never leaves the store's thread
        row.webhook.previousSecret.reset();
        if (hook.hasSecret())
            row.webhook.secret = QString(); // "has a secret" without its value
        rows.append(row);
    }
    Q_EMIT webhooksLoaded(rows);
}

void StoreService::saveWebhook(const Webhook &webhook)
{
    if (!ensureOpen())
        return;
    if (webhook.id == 0) {
        const auto id = m_store->addWebhook(webhook);
        if (!id) {
            fail(tr("Cannot add the webhook: %1").arg(id.error()));
            return;
        }
        Q_EMIT webhookSaved(id.value());
        Q_EMIT actionDone(tr("Added webhook %1.").arg(id.value()));
    } else {
        Webhook updated = webhook;
        // An unset secret in an edit means "keep the one stored"; an empty one clears it.
        if (!webhook.secret.has_value()) {
            const auto stored = m_store->webhook(webhook.id);
            if (!stored) {
                fail(tr("Cannot save webhook %1: %2").arg(webhook.id).arg(stored.error()));
                return;
            }
            updated.secret = stored->secret;
        }
        if (Status s = m_store->updateWebhook(updated); !s) {
            fail(tr("Cannot save webhook %1: %2").arg(webhook.id).arg(s.error()));
            return;
        }
        Q_EMIT webhookSaved(webhook.id);
        Q_EMIT actionDone(tr("Saved webhook %1.").arg(webhook.id));
    }
    noteChange();
}

void StoreService::removeWebhook(qint64 webhookId)
{
    if (!ensureOpen())
        return;
    if (Status s = m_store->removeWebhook(webhookId); !s) {
        fail(tr("Cannot delete webhook %1: %2").arg(webhookId).arg(s.error()));
        return;
    }
    Q_EMIT actionDone(tr("Deleted webhook %1 with its deliveries.").arg(webhookId));
    noteChange();
}

void StoreService::countHistory(quint64 serial, const DeliveryFilter &filter)
{
    if (!m_store)
        return;
    // The newest id first, then the count up to it: a delivery made in between is left for
    // the next count instead of shifting every page by one.
    DeliveryFilter newest = filter;
    newest.sortKey = DeliveryFilter::SortKey::Id;
    newest.descending = true;
    newest.limit = 1;
    newest.offset = 0;
    newest.withPayload = false;
    const auto top = m_store->deliveries(newest);
    if (!top) {
        fail(tr("Cannot count the deliveries: %1").arg(top.error()));
        return;
    }
    const qint64 newestId = top->isEmpty() ? 0 : top->first().id;
    newest.descending = false;
    const auto bottom = m_store->deliveries(newest);
    if (!bottom) {
        fail(tr("Cannot count the deliveries: %1").arg(bottom.error()));
        return;
    }
    const qint64 oldestId = bottom->isEmpty() ? 0 : bottom->first().id;
    DeliveryFilter upTo = filter;
    upTo.beforeId = newestId + 1;
    if (filter.limit > 0) {
        // A new filter: its first page goes ahead of the count, which may take a while on a
        // large store.
        upTo.offset = 0;
        upTo.withPayload = false;
        const auto first = m_store->deliveries(upTo);
        if (!first) {
            fail(tr("Cannot read the deliveries: %1").arg(first.error()));
            return;
        }
        if (first->size() < filter.limit) {
            // It is all there is: its own count.
            Q_EMIT historyCounted(serial, first->size(), newestId, oldestId);
            Q_EMIT historyPageLoaded(serial, 0, first.value());
            return;
        }
        Q_EMIT historyPageLoaded(serial, 0, first.value());
        // Counting ten million rows takes PostgreSQL a second or more: its estimate first (a
        // plan, about a millisecond). A failed estimate leaves only the wait for the count.
        if (const auto estimate = m_store->estimateDeliveries(upTo); estimate && estimate.value() >= 0)
            Q_EMIT historyEstimated(serial, estimate.value());
    }
    upTo.limit = 0;
    upTo.offset = 0;
    if (m_countHere) {
        Q_EMIT historyCounting(serial);
        const auto count = m_store->countDeliveries(upTo);
        if (!count) {
            fail(tr("Cannot count the deliveries: %1").arg(count.error()));
            return;
        }
        Q_EMIT historyCounted(serial, count.value(), newestId, oldestId);
        return;
    }
    m_counter->noteWanted(serial);
    QMetaObject::invokeMethod(
        m_counter,
        [counter = m_counter, serial, upTo, newestId, oldestId] {
            counter->count(serial, upTo, newestId, oldestId);
        },
        Qt::QueuedConnection);
}

void StoreService::loadHistoryPage(quint64 serial, const DeliveryFilter &filter, qint64 row, int limit)
{
    if (!m_store)
        return;
    DeliveryFilter page = filter; // its key, offset and end say where the page starts
    page.limit = limit;
    page.withPayload = false;
    const auto rows = m_store->deliveries(page);
    if (!rows) {
        fail(tr("Cannot read the deliveries: %1").arg(rows.error()));
        return;
    }
    Q_EMIT historyPageLoaded(serial, row, rows.value());
}

void StoreService::findHistoryBoundaries(
    quint64 serial, const DeliveryFilter &filter, qint64 fromId, int every, int count)
{
    if (!m_store)
        return;
    if (!m_countHere) {
        QMetaObject::invokeMethod(
            m_counter,
            [counter = m_counter, serial, filter, fromId, every, count] {
                counter->findBoundaries(serial, filter, fromId, every, count);
            },
            Qt::QueuedConnection);
        return;
    }
    const auto ids = m_store->historyBoundaries(filter, fromId, every, count);
    if (!ids) {
        fail(tr("Cannot read the deliveries: %1").arg(ids.error()));
        return;
    }
    Q_EMIT historyBoundariesFound(serial, fromId, ids.value());
}

void StoreService::loadRetrySchedule()
{
    if (!m_store)
        return;
    const auto schedule = m_store->retrySchedule(RetryScheduleLimit);
    if (!schedule) {
        fail(tr("Cannot read the retry schedule: %1").arg(schedule.error()));
        return;
    }
    QHash<qint64, Webhook> hooks;
    if (auto all = m_store->webhooks()) {
        for (const Webhook &hook : all.value())
            hooks.insert(hook.id, hook);
    }
    QList<ScheduledRetry> rows;
    for (const Delivery &d : schedule.value()) {
        ScheduledRetry row;
        row.delivery = d;
        row.delivery.payload.clear();
        const Webhook hook = hooks.value(d.webhookId);
        row.webhookUrl = Validation::maskedUrl(hook.deliveryUrl);
        const TimeMs first = d.dateFirstSent.value_or(d.dateCreated);
        row.windowEnds = first + hook.retryPolicy.windowFor(d.lastStatusCode.value_or(0));
        if (d.scheduledStart)
            row.projectedAttempts = hook.retryPolicy.projectedAttempts(
                first, *d.scheduledStart, 60, d.lastStatusCode.value_or(0), d.attemptCount + 1);
        rows.append(row);
    }
    Q_EMIT retryScheduleLoaded(rows);
}

void StoreService::loadDetail(qint64 deliveryId)
{
    if (!m_store)
        return;
    const auto delivery = m_store->delivery(deliveryId);
    if (!delivery) {
        // Pruned or deleted meanwhile: an empty detail says so.
        DeliveryDetail gone;
        gone.delivery.id = -deliveryId;
        Q_EMIT detailLoaded(gone);
        return;
    }
    DeliveryDetail detail;
    detail.delivery = delivery.value();
    if (auto attempts = m_store->attempts(deliveryId))
        detail.attempts = attempts.value();
    else
        fail(tr("Cannot read the attempts of delivery %1: %2").arg(deliveryId).arg(attempts.error()));
    if (auto hook = m_store->webhook(detail.delivery.webhookId)) {
        detail.webhook = hook.value();
        detail.webhook->secret.reset();
        detail.webhook->previousSecret.reset();
    }
    Q_EMIT detailLoaded(detail);
}

void StoreService::loadStatus()
{
    StoreStatus status;
    status.delivering = m_delivering == Delivering::Yes;
    status.paused = status.delivering && m_options.paused;
    status.inFlight = status.delivering ? m_inFlight : 0;
    status.storeError = m_dispatcherError;
    if (m_store) {
        if (auto counts = m_store->counts())
            status.counts = counts.value();
        else
            status.storeError = counts.error();
        if (auto holders = m_store->leaseHolders())
            status.leaseHolders = holders.value();
    } else {
        status.storeError = tr("No database is open.");
    }
    Q_EMIT statusLoaded(status);
}

void StoreService::ping(qint64 webhookId)
{
    if (!ensureOpen())
        return;
    // The platform's own test event, which names the webhook (GitHub's ping carries its hook).
    const auto hook = m_store->webhook(webhookId);
    if (!hook) {
        fail(tr("Cannot queue the ping for webhook %1: %2").arg(webhookId).arg(hook.error()));
        return;
    }
    sendTestEvent(webhookId, Profiles::pingEventType(hook->profile),
        Profiles::pingPayload(hook.value(), m_clock->now()));
}

void StoreService::sendTestEvent(qint64 webhookId, const QString &eventType, const QByteArray &payload)
{
    if (!ensureOpen())
        return;
    if (Status s = Validation::eventType(eventType); !s) {
        fail(s.error());
        return;
    }
    if (Status s = Validation::payload(payload); !s) {
        fail(s.error());
        return;
    }
    const auto id = m_store->createDelivery(webhookId, eventType, payload);
    if (!id) {
        fail(
            tr("Cannot queue the %1 event for webhook %2: %3").arg(eventType).arg(webhookId).arg(id.error()));
        return;
    }
    wakeDelivery();
    Q_EMIT actionDone(eventType == QLatin1String("ping") || eventType == QLatin1String("webhook.test")
            ? tr("Queued ping %1 to webhook %2.").arg(id.value()).arg(webhookId)
            : tr("Queued %1 delivery %2 to webhook %3.").arg(eventType).arg(id.value()).arg(webhookId));
    noteChange();
}

void StoreService::retry(const QList<qint64> &deliveryIds, bool resetWindow)
{
    if (!ensureOpen())
        return;
    QStringList errors;
    int done = 0;
    for (qint64 id : deliveryIds) {
        if (Status s = m_store->retry(id, resetWindow); !s)
            errors << tr("delivery %1: %2").arg(id).arg(s.error());
        else
            ++done;
    }
    wakeDelivery();
    if (!errors.isEmpty())
        fail(tr("Cannot retry %1").arg(errors.join(QLatin1String("; "))));
    if (done > 0)
        Q_EMIT actionDone(resetWindow
                ? tr("Queued %n delivery(s) again with a new 24-hour window.", nullptr, done)
                : tr("Queued %n delivery(s) again.", nullptr, done));
    noteChange();
}

void StoreService::retryNow(const QList<qint64> &deliveryIds)
{
    if (!ensureOpen())
        return;
    QStringList errors;
    int done = 0;
    for (qint64 id : deliveryIds) {
        const auto d = m_store->delivery(id);
        if (!d) {
            errors << d.error();
            continue;
        }
        if (d->status != JobStatus::Waiting) {
            errors << tr("delivery %1 is %2, not waiting").arg(id).arg(JobStatusInfo::name(d->status));
            continue;
        }
        // Launchpad's "Retry now": the next attempt moves to now; the window is untouched.
        if (Status s = m_store->retry(id, false); !s) {
            errors << tr("delivery %1: %2").arg(id).arg(s.error());
            continue;
        }
        ++done;
    }
    wakeDelivery();
    if (!errors.isEmpty())
        fail(tr("Cannot retry now: %1").arg(errors.join(QLatin1String("; "))));
    if (done > 0) {
        Q_EMIT actionDone(m_delivering == Delivering::Yes
                ? tr("Sending %n delivery(s) now.", nullptr, done)
                : tr("%n delivery(s) due now; a worker will send them.", nullptr, done));
    }
    noteChange();
}

void StoreService::retryFailed(qint64 webhookId)
{
    if (!ensureOpen())
        return;
    const auto n = m_store->retryFailed(webhookId);
    if (!n) {
        fail(tr("Cannot retry the failed deliveries of webhook %1: %2").arg(webhookId).arg(n.error()));
        return;
    }
    wakeDelivery();
    Q_EMIT actionDone(
        tr("Queued %n failed delivery(s) of webhook %1 again.", nullptr, n.value()).arg(webhookId));
    noteChange();
}

void StoreService::prune(qint64 olderThanMs, bool automatic)
{
    if (!ensureOpen())
        return;
    const TimeMs before = m_store->now() - olderThanMs;
    if (m_pruning) {
        // One prune at a time: the one under way goes on to the newer cut-off, and speaks up
        // if either was asked for by hand.
        m_pruning->before = before;
        m_pruning->automatic = m_pruning->automatic && automatic;
        return;
    }
    m_pruning = Pruning { before, automatic, 0, m_store->prunePacer() };
    pruneNextChunk();
}

void StoreService::pruneNextChunk()
{
    if (!m_pruning || !m_store)
        return;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto n = m_store->pruneChunk(m_pruning->before, m_pruning->pacer.chunk());
    if (!n) {
        m_pruning.reset();
        fail(tr("Cannot prune: %1").arg(n.error()));
        return;
    }
    m_pruning->deleted += n.value();
    if (n.value() > 0)
        noteChange();
    if (m_pruning->pacer.record(n.value(), elapsed.elapsed())) {
        // More to come, in a later turn: whatever the window asked meanwhile goes first, and
        // on SQLite, workers' writes waiting for the lock.
        m_pruneTimer.start(m_pruning->pacer.pauseMs());
        return;
    }
    const Pruning done = *std::exchange(m_pruning, std::nullopt);
    if (done.automatic && done.deleted == 0)
        return;
    Q_EMIT actionDone(tr("Pruned %n finished delivery(s).", nullptr, int(done.deleted)));
}
