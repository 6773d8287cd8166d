#pragma once

#include "claim.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>

#include <atomic>

class Clock;
class Deliverer;
class QTimer;

// The dispatcher's network side, living in the dispatcher's network thread: a queue of
// claimed deliveries, each started the moment a slot frees (fairly: the webhook with the fewest
// requests in flight goes first), and what became of them reported back to the dispatcher's
// thread. The queue and the reports are the only state both threads touch, under one mutex;
// everything else crosses by queued calls.
class SendQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendQueue)

public:
    // What the dispatcher hears from the network thread, in the order it happened.
    struct Report
    {
        enum class Kind { Started, Finished, Aborted };
        Kind kind;
        ClaimedDelivery claimed; // Started
        Attempt attempt; // Finished
        qint64 deliveryId = 0; // Aborted
    };

    // A report waits at most this long before reportsReady() is emitted for it, even when the
    // dispatcher has nothing else to do.
    static constexpr int MaxReportDelayMs = 10;

    // `concurrency`: requests in flight at once. `wakeBelow`: reportsReady() comes at once
    // when fewer deliveries than this are left queued or in flight (time to claim more).
    SendQueue(const Clock *clock, int concurrency, int wakeBelow);
    ~SendQueue() override;

    Deliverer *deliverer() const { return m_deliverer; }

    // Either thread.
    void append(const QList<ClaimedDelivery> &claimed);
    // The deliveries not started yet, taken out of the queue.
    QList<ClaimedDelivery> takeReady();
    void setConcurrency(int concurrency, int wakeBelow);
    // The dispatcher's thread: everything reported since it last looked.
    QList<Report> takeReports();

    // The network thread.
    void start(const ClaimedDelivery &claimed);
    // Fills free slots fairly: each goes to the ready delivery, in claim order, of the webhook
    // with the fewest requests in flight, so a webhook whose receiver hangs never holds every
    // slot while another has deliveries ready; a webhook at its own limit waits.
    void startReady();

Q_SIGNALS:
    // Reports are waiting for takeReports(); emitted in the network thread, once until taken.
    void reportsReady();

private:
    void report(Report &&r);
    void noteEnded(qint64 deliveryId);
    void announceReports(); // with m_mutex held

    Deliverer *m_deliverer;
    QTimer *m_reportTimer; // announces reports that did not call for it at once
    std::atomic<int> m_concurrency;
    std::atomic<int> m_wakeBelow;
    int m_running = 0;
    QHash<qint64, qint64> m_webhookOf; // in flight: delivery id to webhook id
    QHash<qint64, int> m_runningByWebhook;
    QMutex m_mutex; // guards m_ready, m_reports and m_announced
    QList<ClaimedDelivery> m_ready;
    QList<Report> m_reports;
    bool m_announced = false; // reportsReady() was emitted and the reports not taken yet
};
