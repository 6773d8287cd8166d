#include "dispatcher.h"

#include "deliverer.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcDispatcher, "hookwatch.dispatcher")

namespace {
// QTimer takes an int of milliseconds; longer waits are re-armed when the timer fires.
constexpr qint64 MaxTimerWaitMs = 60 * 60 * 1000;
constexpr int MaxBackoffMs = 30 * 1000;
// Finished attempts are recorded in batches, one transaction each, but none waits longer.
constexpr int MaxRecordDelayMs = 20;
} // namespace

Dispatcher::Dispatcher(JobStore *store, const Clock *clock, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_clock(clock), m_options(options),
      m_owner(QStringLiteral("%1:%2:%3")
                      .arg(QHostInfo::localHostName())
                      .arg(QCoreApplication::applicationPid())
                      .arg(QRandomGenerator::global()->generate() & 0xffff, 4, 16, QLatin1Char('0'))),
      m_deliverer(new Deliverer(clock, this))
{
    m_options.concurrency = qMax(1, m_options.concurrency);
    // The coarse default may fire 5% late: minutes on an hourly retry.
    m_dueTimer.setTimerType(Qt::PreciseTimer);
    m_dueTimer.setSingleShot(true);
    connect(&m_dueTimer, &QTimer::timeout, this, &Dispatcher::dispatchDue);
    // Finished attempts arrive in bursts; one dispatch per event-loop turn records them
    // in one transaction and refills the free slots in one claim.
    m_kickTimer.setSingleShot(true);
    m_kickTimer.setInterval(0);
    connect(&m_kickTimer, &QTimer::timeout, this, &Dispatcher::dispatchDue);
    m_leaseTimer.setInterval(int(qMax<qint64>(100, m_options.leaseMs / 3)));
    connect(&m_leaseTimer, &QTimer::timeout, this, &Dispatcher::renewLeases);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(MaxRecordDelayMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &Dispatcher::dispatchDue);
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        // Grace is over: give back what has not finished, unsent as far as we know.
        m_deliverer->abortAll();
        finishStop();
    });
    connect(m_deliverer, &Deliverer::finished, this, &Dispatcher::onAttemptFinished);
    connect(m_deliverer, &Deliverer::aborted, this, &Dispatcher::onAttemptAborted);
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::setProxy(const QNetworkProxy &proxy)
{
    m_deliverer->setProxy(proxy);
}

int Dispatcher::inFlight() const
{
    return int(m_inFlight.size());
}

void Dispatcher::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_options.watchChanges && m_options.mode != Mode::Once)
        m_store->watchChanges(this, [this] { wake(); });
    scheduleDispatch();
}

void Dispatcher::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (paused) {
        m_dueTimer.stop();
        releaseClaimed();
    } else
        scheduleDispatch();
    Q_EMIT activityChanged();
}

void Dispatcher::setConcurrency(int concurrency)
{
    m_options.concurrency = qMax(1, concurrency);
    scheduleDispatch();
}

void Dispatcher::wake()
{
    if (m_started)
        scheduleDispatch();
}

void Dispatcher::scheduleDispatch()
{
    if (!m_kickTimer.isActive())
        m_kickTimer.start();
}

void Dispatcher::reportStoreError(const QString &message)
{
    if (m_store->isDamaged()) {
        // A damaged file does not mend: stop and say so instead of retrying for ever.
        m_dueTimer.stop();
        m_kickTimer.stop();
        m_runFinished = true;
        qCCritical(lcDispatcher).noquote() << message;
        Q_EMIT storeDamaged(message);
        return;
    }
    // Reconnect with backoff; the attempts already made stay queued for recording.
    m_backoffMs = m_backoffMs == 0 ? 500 : qMin(MaxBackoffMs, m_backoffMs * 2);
    if (!m_storeFailing)
        qCWarning(lcDispatcher).noquote() << message;
    m_storeFailing = true;
    Q_EMIT storeError(message);
    m_dueTimer.start(m_backoffMs);
}

bool Dispatcher::flushRecords()
{
    if (m_toRecord.isEmpty())
        return true;
    const QList<AttemptRecord> records = m_toRecord;
    const auto recorded = m_store->recordAttempts(m_owner, records);
    if (!recorded) {
        reportStoreError(recorded.error());
        return false;
    }
    m_toRecord.clear();
    if (m_storeFailing) {
        m_storeFailing = false;
        m_backoffMs = 0;
        Q_EMIT storeRecovered();
    }
    QHash<qint64, const Attempt *> attemptsById;
    for (const AttemptRecord &r : records)
        attemptsById.insert(r.attempt.deliveryId, &r.attempt);
    for (const Delivery &d : recorded.value()) {
        const Attempt *a = attemptsById.value(d.id);
        if (!a)
            continue;
        Attempt numbered = *a;
        numbered.number = d.totalAttempts;
        Q_EMIT attemptRecorded(d, numbered);
        if (d.status == JobStatus::Failed)
            Q_EMIT deliveryFailedForGood(d);
    }
    return true;
}

void Dispatcher::dispatchDue()
{
    // Fill free slots first: a request waiting behind a transaction is throughput lost.
    if (m_started && !m_stopping && !m_paused)
        startClaimed();
    const bool flushNow = m_stopping || !m_started || m_inFlight.isEmpty()
            || m_toRecord.size() >= recordBatch() || m_oldestRecord.elapsed() >= MaxRecordDelayMs;
    if (flushNow && !flushRecords())
        return;
    if (!m_toRecord.isEmpty() && !m_flushTimer.isActive())
        m_flushTimer.start();
    if (m_stopping) {
        if (m_inFlight.isEmpty())
            finishStop();
        return;
    }
    if (!m_started || m_paused || m_runFinished)
        return;
    startClaimed();
    int claimedCount = 0;
    if (m_inFlight.size() + m_claimed.size() < m_options.concurrency) {
        // Slots would go idle: claim a batch ahead, so one transaction serves many attempts.
        const int want = m_options.concurrency + recordBatch() - int(m_inFlight.size() + m_claimed.size());
        const auto claimed = m_store->claimDue(m_owner, want, m_options.leaseMs);
        if (!claimed) {
            reportStoreError(claimed.error());
            return;
        }
        if (m_storeFailing) {
            m_storeFailing = false;
            m_backoffMs = 0;
            Q_EMIT storeRecovered();
        }
        claimedCount = int(claimed->size());
        m_claimed.append(claimed.value());
        startClaimed();
    }
    if (claimedCount > 0)
        Q_EMIT activityChanged();
    if (m_options.mode == Mode::Once && claimedCount == 0 && m_claimed.isEmpty()) {
        checkRunFinished();
        return;
    }
    if (m_inFlight.size() >= m_options.concurrency) {
        // Every slot is busy: the next finished attempt dispatches again.
        m_dueTimer.stop();
        return;
    }
    armTimer();
    if (m_options.mode == Mode::UntilIdle && m_inFlight.isEmpty())
        checkRunFinished();
}

int Dispatcher::recordBatch() const
{
    // Large enough that a transaction's cost is shared by many attempts, small enough that
    // a few workers on one store still share the work.
    return qBound(8, 2 * m_options.concurrency, 64);
}

void Dispatcher::startClaimed()
{
    while (!m_claimed.isEmpty() && m_inFlight.size() < m_options.concurrency) {
        const ClaimedDelivery c = m_claimed.takeFirst();
        m_inFlight.insert(c.delivery.id, { Attempt(), c.delivery, c.webhook.retryPolicy });
        Q_EMIT attemptStarted(c.delivery, c.webhook);
        m_deliverer->start(c);
    }
    if (!m_inFlight.isEmpty() && !m_leaseTimer.isActive())
        m_leaseTimer.start();
}

void Dispatcher::releaseClaimed()
{
    if (m_claimed.isEmpty())
        return;
    QList<qint64> ids;
    for (const ClaimedDelivery &c : std::as_const(m_claimed))
        ids.append(c.delivery.id);
    m_claimed.clear();
    const Status released = m_store->releaseLeases(m_owner, ids);
    if (!released)
        qCWarning(lcDispatcher).noquote() << released.error();
}

void Dispatcher::armTimer()
{
    const auto next = m_store->nextWakeTime();
    if (!next) {
        reportStoreError(next.error());
        return;
    }
    if (!next.value()) {
        m_dueTimer.stop();
        return;
    }
    qint64 wait = *next.value() - m_clock->now();
    if (wait <= 0) {
        // Due already. With our slots and queue full, the next finished attempt dispatches;
        // otherwise it fell due after our claim, or another worker holds its row: look again
        // in a millisecond.
        if (m_inFlight.size() + m_claimed.size() >= m_options.concurrency) {
            m_dueTimer.stop();
            return;
        }
        wait = 1;
    }
    m_dueTimer.start(int(qMin(wait, MaxTimerWaitMs)));
}

void Dispatcher::onAttemptFinished(const Attempt &attempt)
{
    auto it = m_inFlight.find(attempt.deliveryId);
    if (it == m_inFlight.end())
        return;
    AttemptRecord record = it.value();
    record.attempt = attempt;
    m_inFlight.erase(it);
    if (m_toRecord.isEmpty())
        m_oldestRecord.start();
    m_toRecord.append(record);
    // The next claimed delivery takes the freed slot at once; recording waits for a batch.
    if (m_started && !m_stopping && !m_paused)
        startClaimed();
    if (m_inFlight.isEmpty())
        m_leaseTimer.stop();
    if (m_stopping && m_inFlight.isEmpty()) {
        m_graceTimer.stop();
        finishStop();
        return;
    }
    scheduleDispatch();
}

void Dispatcher::onAttemptAborted(qint64 deliveryId)
{
    m_inFlight.remove(deliveryId);
    const Status released = m_store->releaseLeases(m_owner, { deliveryId });
    if (!released)
        qCWarning(lcDispatcher).noquote() << released.error();
}

void Dispatcher::renewLeases()
{
    QList<qint64> ids = m_inFlight.keys();
    for (const ClaimedDelivery &c : std::as_const(m_claimed))
        ids.append(c.delivery.id);
    const Status renewed = m_store->renewLeases(m_owner, ids, m_options.leaseMs);
    if (!renewed)
        Q_EMIT storeError(renewed.error());
}

void Dispatcher::checkRunFinished()
{
    if (m_runFinished || !m_inFlight.isEmpty() || !m_toRecord.isEmpty())
        return;
    if (m_options.mode == Mode::UntilIdle) {
        const auto unfinished = m_store->hasUnfinished();
        if (!unfinished) {
            reportStoreError(unfinished.error());
            return;
        }
        if (unfinished.value())
            return;
    } else if (m_options.mode != Mode::Once) {
        return;
    }
    m_runFinished = true;
    m_dueTimer.stop();
    Q_EMIT runFinished();
}

void Dispatcher::stop(int graceMs)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_dueTimer.stop();
    m_kickTimer.stop();
    releaseClaimed();
    if (m_inFlight.isEmpty()) {
        finishStop();
        return;
    }
    m_graceTimer.start(graceMs);
}

void Dispatcher::finishStop()
{
    m_leaseTimer.stop();
    m_flushTimer.stop();
    releaseClaimed();
    const QList<qint64> leftover = m_inFlight.keys();
    if (!leftover.isEmpty()) {
        m_inFlight.clear();
        m_store->releaseLeases(m_owner, leftover);
    }
    flushRecords();
    m_started = false;
    Q_EMIT stopped();
}

Status Dispatcher::attemptNow(qint64 deliveryId)
{
    const auto claimed = m_store->claimDue(m_owner, 1, m_options.leaseMs, deliveryId);
    if (!claimed)
        return Status::failure(claimed.error());
    if (claimed->isEmpty()) {
        const auto d = m_store->delivery(deliveryId);
        if (!d)
            return Status::failure(d.error());
        return Status::failure(QStringLiteral("delivery %1 is %2, not waiting: it cannot be attempted now")
                                       .arg(deliveryId)
                                       .arg(JobStatusInfo::name(d->status)));
    }
    const ClaimedDelivery &c = claimed->first();
    m_inFlight.insert(c.delivery.id, { Attempt(), c.delivery, c.webhook.retryPolicy });
    if (!m_leaseTimer.isActive())
        m_leaseTimer.start();
    Q_EMIT attemptStarted(c.delivery, c.webhook);
    m_deliverer->start(c);
    return {};
}
