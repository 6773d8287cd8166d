#include "dispatcher.h"

#include "deliverer.h"
#include "sendqueue.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <atomic>
#include <ctime>
#include <limits>

Q_LOGGING_CATEGORY(lcDispatcher, "hookwatch.dispatcher", QtInfoMsg)

namespace {
// QTimer takes an int of milliseconds; longer waits are re-armed when the timer fires.
constexpr qint64 MaxTimerWaitMs = 60 * 60 * 1000;
constexpr int MaxBackoffMs = 30 * 1000;
// Finished attempts are recorded in batches, one transaction each, but none waits longer
// once the dispatcher's thread has heard of it, which the network thread's report of it
// reaches within SendQueue::MaxReportDelayMs: at most 30 ms from an attempt's end to its commit.
constexpr int MaxRecordDelayMs = 20;
// While every slot is taken, the dispatcher still looks for due work of webhooks it holds
// nothing of, but after a look that found nothing, not again before this.
constexpr int NewcomerClaimIntervalMs = 100;

double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
} // namespace

Dispatcher::Dispatcher(JobStore *store, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(store->clock())
    , m_options(options)
    , m_owner(QStringLiteral("%1:%2:%3")
                  .arg(QHostInfo::localHostName())
                  .arg(QCoreApplication::applicationPid())
                  .arg(QRandomGenerator::global()->generate() & 0xffff, 4, 16, QLatin1Char('0')))
{
    m_options.concurrency = qMax(1, m_options.concurrency);
    m_queue = new SendQueue(m_clock, m_options.concurrency, lowWater());
    m_queue->moveToThread(&m_networkThread);
    connect(m_queue, &SendQueue::reportsReady, this, &Dispatcher::onReports, Qt::QueuedConnection);
    m_networkThread.setObjectName(QStringLiteral("hookwatch-net"));
    m_networkThread.start();
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
    m_newcomerTimer.setSingleShot(true);
    connect(&m_newcomerTimer, &QTimer::timeout, this, &Dispatcher::dispatchDue);
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        // Grace is over: give back what has not finished, unsent as far as we know.
        QMetaObject::invokeMethod(
            m_queue, [queue = m_queue] { queue->deliverer()->abortAll(); }, Qt::BlockingQueuedConnection);
        // Attempts that finished before the abort may not have been reported yet: record
        // them rather than give their deliveries back to be sent again.
        onReports();
        finishStop();
    });
}

Dispatcher::~Dispatcher()
{
    if (lcDispatcher().isDebugEnabled()) {
        // Where the CPU went, by thread: QT_LOGGING_RULES=hookwatch.dispatcher.debug=true.
        double network = 0;
        QMetaObject::invokeMethod(
            m_queue, [&network] { network = threadCpuMs(); }, Qt::BlockingQueuedConnection);
        qCDebug(lcDispatcher, "CPU: this thread (the dispatcher's) %.0f ms, its network thread %.0f ms",
            threadCpuMs(), network);
    }
    // The queue and its Deliverer (and QNetworkAccessManager) go in their own thread: the
    // thread deletes deferred objects as it finishes.
    m_queue->deleteLater();
    m_networkThread.quit();
    m_networkThread.wait();
}

void Dispatcher::setProxy(const QNetworkProxy &proxy)
{
    QMetaObject::invokeMethod(
        m_queue, [queue = m_queue, proxy] { queue->deliverer()->setProxy(proxy); },
        Qt::BlockingQueuedConnection);
}

int Dispatcher::inFlight() const
{
    return int(m_running.size());
}

void Dispatcher::start()
{
    if (m_started)
        return;
    m_started = true;
    m_stopFinished = false;
    if (m_options.watchChanges && m_options.mode != Mode::Once)
        m_store->watchChanges(
            this, [this] { wake(); },
            m_options.pollIntervalMs > 0 ? std::optional<int>(m_options.pollIntervalMs) : std::nullopt);
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
    m_queue->setConcurrency(m_options.concurrency, lowWater());
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
    const QList<AttemptRecord> records = std::exchange(m_toRecord, {});
    const auto recorded = m_store->recordAttempts(m_owner, records);
    if (!recorded) {
        m_toRecord = records;
        reportStoreError(recorded.error());
        return false;
    }
    noteStoreWorking();
    updateLeaseTimer();
    announceRecorded(records, recorded.value());
    return true;
}

void Dispatcher::noteStoreWorking()
{
    if (m_storeFailing) {
        m_storeFailing = false;
        m_backoffMs = 0;
        Q_EMIT storeRecovered();
    }
}

void Dispatcher::announceRecorded(const QList<AttemptRecord> &records, const QList<Delivery> &recorded)
{
    QHash<qint64, const Attempt *> attemptsById;
    for (const AttemptRecord &r : records)
        attemptsById.insert(r.attempt.deliveryId, &r.attempt);
    for (const Delivery &d : recorded) {
        const Attempt *a = attemptsById.value(d.id);
        if (!a)
            continue;
        Attempt numbered = *a;
        numbered.number = d.totalAttempts;
        Q_EMIT attemptRecorded(d, numbered);
        if (d.status == JobStatus::Failed)
            Q_EMIT deliveryFailedForGood(d);
    }
}

void Dispatcher::dispatchDue()
{
    // Claim a batch ahead, before the network thread's queue runs dry, so one transaction
    // serves many attempts and no slot waits for it.
    const int outstanding = int(m_outstanding.size());
    const bool mayClaim = !m_stopping && m_started && !m_paused && !m_runFinished;
    ClaimRequest request;
    bool newcomersOnly = false;
    if (mayClaim && outstanding < lowWater()) {
        request.limit = lowWater() + recordBatch() - outstanding;
    } else if (mayClaim && m_lastEmptyNewcomerClaim.isValid()
        && m_lastEmptyNewcomerClaim.elapsed() < NewcomerClaimIntervalMs) {
        // Looked a moment ago and found nothing: look again once the interval is over, so
        // what woke us now is not missed.
        if (!m_newcomerTimer.isActive())
            m_newcomerTimer.start(int(NewcomerClaimIntervalMs - m_lastEmptyNewcomerClaim.elapsed()));
    } else if (mayClaim) {
        // The queue is full, perhaps of one webhook whose receiver hangs: still take what is
        // due for webhooks with nothing here, up to a round of slots, so their deliveries go
        // out as slots free (the network thread gives each to the webhook with the fewest in
        // flight) instead of after the whole queue.
        QSet<qint64> held;
        for (const AttemptRecord &r : std::as_const(m_outstanding))
            held.insert(r.before.webhookId);
        request.limit = m_options.concurrency;
        request.skipWebhooks = QList<qint64>(held.cbegin(), held.cend());
        newcomersOnly = true;
    }
    const bool claimNow = request.limit > 0;
    // Finished attempts ride along with the next claim, so a batch costs one commit, not
    // two (a commit writes every page it touched). Recorded alone only when no claim comes
    // soon enough.
    const bool recordNow = m_stopping || !m_started || m_outstanding.isEmpty()
        || m_toRecord.size() >= 2 * recordBatch() || m_oldestRecord.elapsed() >= MaxRecordDelayMs;
    int claimedCount = 0;
    if (claimNow && !m_toRecord.isEmpty()) {
        // What finished is recorded and what is due next claimed in one transaction.
        const QList<AttemptRecord> records = std::exchange(m_toRecord, {});
        const auto done = m_store->recordAndClaim(m_owner, records, request, m_options.leaseMs);
        if (!done) {
            m_toRecord = records;
            reportStoreError(done.error());
            return;
        }
        noteStoreWorking();
        claimedCount = int(done->claimed.size());
        // Handed over before anyone hears of the records: a listener may stop us.
        handOver(done->claimed);
        announceRecorded(records, done->recorded);
    } else if (claimNow) {
        const auto claimed = m_store->claimDue(m_owner, request, m_options.leaseMs);
        if (!claimed) {
            reportStoreError(claimed.error());
            return;
        }
        noteStoreWorking();
        claimedCount = int(claimed->size());
        handOver(claimed.value());
    } else if (recordNow && !flushRecords()) {
        return;
    }
    if (newcomersOnly) {
        if (claimedCount == 0)
            m_lastEmptyNewcomerClaim.start();
        else
            m_lastEmptyNewcomerClaim.invalidate();
    }
    updateLeaseTimer();
    if (!m_toRecord.isEmpty() && !m_flushTimer.isActive())
        m_flushTimer.start();
    if (m_stopping) {
        if (m_outstanding.isEmpty())
            finishStop();
        return;
    }
    if (!m_started || m_paused || m_runFinished)
        return;
    if (claimedCount > 0)
        Q_EMIT activityChanged();
    if (m_options.mode == Mode::Once && claimedCount == 0 && !newcomersOnly) {
        // Nothing more is due: finished once what is out has been recorded.
        checkRunFinished();
        return;
    }
    if (m_outstanding.size() >= m_options.concurrency) {
        // Every slot is busy: the next finished attempt dispatches again.
        m_dueTimer.stop();
        return;
    }
    armTimer();
    if (m_options.mode == Mode::UntilIdle && m_outstanding.isEmpty())
        checkRunFinished();
}

int Dispatcher::lowWater() const
{
    return m_options.concurrency + recordBatch() / 2;
}

int Dispatcher::recordBatch() const
{
    // Large enough that a transaction's cost is shared by many attempts, small enough that
    // a few workers on one store still share the work. Four times the concurrency: the
    // dispatcher's thread used about 10% less CPU than with twice (4 paired runs).
    return qBound(8, 4 * m_options.concurrency, 64);
}

void Dispatcher::handOver(const QList<ClaimedDelivery> &claimed)
{
    QList<ClaimedDelivery> toStart;
    toStart.reserve(claimed.size());
    for (const ClaimedDelivery &c : claimed) {
        if (!takeOverOwnClaim(c)) {
            m_outstanding.insert(c.delivery.id, { Attempt(), c.delivery, c.webhook.retryPolicy });
            toStart.append(c);
        }
    }
    if (!toStart.isEmpty())
        m_queue->append(toStart);
    updateLeaseTimer();
}

// Our own lease on a delivery ran out while its attempt was still ours (this thread was held
// up past the lease: a long statement, a stepped clock, a suspended machine) and the claim
// just made took it again. Its request is queued, out, or finished and waiting to be recorded:
// it is not sent a second time; the attempt goes on under the new claim, whose token its record
// will carry.
bool Dispatcher::takeOverOwnClaim(const ClaimedDelivery &claimed)
{
    const qint64 id = claimed.delivery.id;
    if (auto it = m_outstanding.find(id); it != m_outstanding.end()) {
        it->before = claimed.delivery;
        it->policy = claimed.webhook.retryPolicy;
        return true;
    }
    for (AttemptRecord &r : m_toRecord) {
        if (r.attempt.deliveryId == id) {
            r.before = claimed.delivery;
            r.policy = claimed.webhook.retryPolicy;
            return true;
        }
    }
    return false;
}

QList<Lease> Dispatcher::heldLeases() const
{
    // Finished attempts waiting to be recorded hold their leases too: if one expired, another
    // worker would send the delivery again.
    QList<Lease> leases;
    leases.reserve(m_outstanding.size() + m_toRecord.size());
    for (const AttemptRecord &r : m_outstanding)
        leases.append({ r.before.id, r.before.leaseToken });
    for (const AttemptRecord &r : m_toRecord)
        leases.append({ r.before.id, r.before.leaseToken });
    return leases;
}

void Dispatcher::updateLeaseTimer()
{
    if (m_outstanding.isEmpty() && m_toRecord.isEmpty())
        m_leaseTimer.stop();
    else if (!m_leaseTimer.isActive())
        m_leaseTimer.start();
}

void Dispatcher::releaseClaimed()
{
    // Only what the network thread has not started yet; attempts in flight go on.
    const QList<ClaimedDelivery> unstarted = m_queue->takeReady();
    if (unstarted.isEmpty())
        return;
    QList<Lease> leases;
    for (const ClaimedDelivery &c : unstarted) {
        // The token as held now: a claim may have taken it over since (takeOverOwnClaim).
        const auto it = m_outstanding.constFind(c.delivery.id);
        leases.append({ c.delivery.id,
            it != m_outstanding.constEnd() ? it->before.leaseToken : c.delivery.leaseToken });
        m_outstanding.remove(c.delivery.id);
    }
    updateLeaseTimer();
    const Status released = m_store->releaseLeases(leases);
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
        if (m_outstanding.size() >= m_options.concurrency) {
            m_dueTimer.stop();
            return;
        }
        wait = 1;
    }
    m_dueTimer.start(int(qMin(wait, MaxTimerWaitMs)));
}

void Dispatcher::onReports()
{
    const QList<SendQueue::Report> reports = m_queue->takeReports();
    for (const SendQueue::Report &r : reports) {
        switch (r.kind) {
        case SendQueue::Report::Kind::Started:
            onAttemptStarted(r.claimed);
            break;
        case SendQueue::Report::Kind::Finished:
            onAttemptFinished(r.attempt);
            break;
        case SendQueue::Report::Kind::Aborted:
            onAttemptAborted(r.deliveryId);
            break;
        }
    }
}

void Dispatcher::onAttemptStarted(const ClaimedDelivery &claimed)
{
    if (!m_outstanding.contains(claimed.delivery.id))
        return; // given back while the request was being started: stopped after the grace
    m_running.insert(claimed.delivery.id);
    Q_EMIT attemptStarted(claimed.delivery, claimed.webhook);
}

void Dispatcher::onAttemptFinished(const Attempt &attempt)
{
    m_running.remove(attempt.deliveryId);
    auto it = m_outstanding.find(attempt.deliveryId);
    if (it == m_outstanding.end())
        return;
    AttemptRecord record = it.value();
    record.attempt = attempt;
    record.jitterUnit
        = m_options.jitterSource ? m_options.jitterSource() : QRandomGenerator::global()->generateDouble();
    m_outstanding.erase(it);
    if (m_toRecord.isEmpty())
        m_oldestRecord.start();
    m_toRecord.append(record);
    if (m_stopping && m_outstanding.isEmpty()) {
        m_graceTimer.stop();
        finishStop();
        return;
    }
    scheduleDispatch();
}

void Dispatcher::onAttemptAborted(qint64 deliveryId)
{
    m_running.remove(deliveryId);
    const auto it = m_outstanding.constFind(deliveryId);
    if (it == m_outstanding.constEnd())
        return;
    const Lease lease { deliveryId, it->before.leaseToken };
    m_outstanding.erase(it);
    updateLeaseTimer();
    const Status released = m_store->releaseLeases({ lease });
    if (!released)
        qCWarning(lcDispatcher).noquote() << released.error();
}

void Dispatcher::renewLeases()
{
    const Status renewed = m_store->renewLeases(heldLeases(), m_options.leaseMs);
    if (!renewed)
        Q_EMIT storeError(renewed.error());
}

void Dispatcher::checkRunFinished()
{
    if (m_runFinished || !m_outstanding.isEmpty() || !m_toRecord.isEmpty())
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
    if (m_outstanding.isEmpty()) {
        finishStop();
        return;
    }
    m_graceTimer.start(graceMs);
}

void Dispatcher::finishStop()
{
    // Both the end of the grace and the last attempt to finish lead here; the first one stops.
    if (m_stopFinished)
        return;
    m_stopFinished = true;
    m_leaseTimer.stop();
    m_flushTimer.stop();
    m_graceTimer.stop();
    m_newcomerTimer.stop();
    releaseClaimed();
    if (!m_outstanding.isEmpty()) {
        QList<Lease> leftover;
        for (const AttemptRecord &r : std::as_const(m_outstanding))
            leftover.append({ r.before.id, r.before.leaseToken });
        m_outstanding.clear();
        m_running.clear();
        m_store->releaseLeases(leftover);
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
    const ClaimedDelivery c = claimed->first();
    if (takeOverOwnClaim(c)) {
        updateLeaseTimer();
        return {}; // its attempt is out already, now under this claim
    }
    m_outstanding.insert(c.delivery.id, { Attempt(), c.delivery, c.webhook.retryPolicy });
    updateLeaseTimer();
    // Now, whatever the slots hold: the caller waits for this one.
    QMetaObject::invokeMethod(
        m_queue, [queue = m_queue, c] { queue->start(c); }, Qt::QueuedConnection);
    return {};
}
