#pragma once

#include "clock.h"
#include "jobstore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <functional>

class SendQueue;
class QNetworkProxy;

// Runs due deliveries: claims them from the store under a lease, hands them to the
// Deliverer and records each outcome. One single-shot timer is armed for the earliest
// due delivery; there is no polling loop for due work. Lives in one thread with its store
// (the main thread of a worker, a worker thread under the window); the requests go out
// from a network thread of its own, fed from a queue of claimed deliveries, so a slow
// transaction here never leaves a connection idle.
class Dispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dispatcher)

public:
    enum class Mode {
        Continuous, // a worker or the window: runs until stopped
        Once, // runs what is due now, then finishes (Launchpad's cron job)
        UntilIdle, // runs until nothing is waiting or running, scheduled retries included
    };

    struct Options
    {
        int concurrency = 8;
        qint64 leaseMs = JobStore::DefaultLeaseMs;
        Mode mode = Mode::Continuous;
        bool watchChanges = true; // notice deliveries made by other processes
        // Check the store for changes at this interval instead of the store's own way
        // (JobStore::watchChanges); 0: the store's way.
        int pollIntervalMs = 0;
        // Draws in [0, 1) placing each retry within its schedule's jitter; empty: random.
        // Tests give a fixed one.
        std::function<double()> jitterSource;
    };

    // Times come from the store's clock (JobStore::clock(): the database server's on
    // PostgreSQL), so attempts are stamped and due times compared on the clock the store keeps.
    Dispatcher(JobStore *store, Options options, QObject *parent = nullptr);
    ~Dispatcher() override;

    void setProxy(const QNetworkProxy &proxy);
    const QString &owner() const { return m_owner; }
    int inFlight() const;
    bool isPaused() const { return m_paused; }
    bool isRunning() const { return m_started && !m_stopping; }

    void start();
    void setPaused(bool paused);
    void setConcurrency(int concurrency);
    // Looks for due work now (after the clock moved, or another process changed the store).
    void wake();
    // Stops claiming, lets attempts in flight finish for `graceMs`, gives back the rest,
    // records everything, then emits stopped().
    void stop(int graceMs);
    // Makes the next attempt of one waiting delivery now, due or not (the CLI's --wait).
    Status attemptNow(qint64 deliveryId);

Q_SIGNALS:
    void attemptStarted(const Delivery &delivery, const Webhook &webhook);
    void attemptRecorded(const Delivery &delivery, const Attempt &attempt);
    void deliveryFailedForGood(const Delivery &delivery);
    void storeError(const QString &message);
    void storeRecovered();
    void storeDamaged(const QString &message); // the store cannot be used; the dispatcher stopped
    void runFinished(); // Once / UntilIdle: the run is over
    void stopped();
    void activityChanged();

private:
    friend class SendQueue;
    void scheduleDispatch();
    void dispatchDue();
    void handOver(const QList<ClaimedDelivery> &claimed);
    int recordBatch() const;
    int lowWater() const;
    bool takeOverOwnClaim(const ClaimedDelivery &claimed);
    QList<Lease> heldLeases() const;
    void updateLeaseTimer();
    void releaseClaimed();
    void armTimer();
    void onReports();
    void onAttemptStarted(const ClaimedDelivery &claimed);
    void onAttemptFinished(const Attempt &attempt);
    void onAttemptAborted(qint64 deliveryId);
    bool flushRecords();
    void noteStoreWorking();
    void announceRecorded(const QList<AttemptRecord> &records, const QList<Delivery> &recorded);
    void renewLeases();
    void checkRunFinished();
    void finishStop();
    void reportStoreError(const QString &message);

    JobStore *m_store;
    const Clock *m_clock;
    Options m_options;
    QString m_owner;
    QThread m_networkThread;
    SendQueue *m_queue; // lives in m_networkThread
    QTimer m_dueTimer;
    QTimer m_kickTimer;
    QTimer m_leaseTimer;
    QTimer m_graceTimer;
    QTimer m_flushTimer;
    QTimer m_newcomerTimer;
    // Handed to the network thread, waiting there for a slot or in flight; by delivery id,
    // as claimed. Leased to us until recorded or given back.
    QHash<qint64, AttemptRecord> m_outstanding;
    QSet<qint64> m_running; // of those, the ones whose request has started
    QList<AttemptRecord> m_toRecord;
    QElapsedTimer m_oldestRecord;
    // A claim for webhooks that have nothing here, made while the queue is full (one webhook's
    // hung receiver holds every slot, say): at most one that finds nothing per interval.
    QElapsedTimer m_lastEmptyNewcomerClaim;
    bool m_started = false;
    bool m_paused = false;
    bool m_stopping = false;
    bool m_runFinished = false;
    bool m_stopFinished = false; // stopped() was emitted for the last stop()
    bool m_storeFailing = false;
    int m_backoffMs = 0;
};
