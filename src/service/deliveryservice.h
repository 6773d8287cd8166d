#pragma once

#include "databaseconfig.h"
#include "delivery.h"
#include "deliveryoptions.h"

#include <QObject>
#include <QTimer>

#include <memory>

class Dispatcher;
class JobStore;

// The window's delivering, in a thread of its own with a store connection of its own, as a
// headless worker has: the window's queries (counts, searches, paging, prune) never hold up a
// lease renewal or a record. The StoreService drives it with queued calls and hears back
// through its signals; every start() ends in exactly one stopped(), so the service knows when
// the store it delivered from is no longer used.
class DeliveryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryService)

public:
    explicit DeliveryService(const Clock *clock = Clock::system(), QObject *parent = nullptr);
    // Without a stop(): attempts in flight are dropped and their leases run out.
    ~DeliveryService() override;

    // Opens `config` on a connection of its own and starts a dispatcher on it; stopped() with
    // the reason, at once, when the store cannot be opened.
    void start(const DatabaseConfig &config, const DeliveryOptions &options);
    void setOptions(const DeliveryOptions &options);
    // Looks for due work now (the window queued or retried something).
    void wake();
    // Stops claiming, lets attempts in flight finish for `graceMs` and records them, gives back
    // the rest, closes the connection, then emits stopped().
    void stop(int graceMs);

Q_SIGNALS:
    // Deliveries the dispatcher started or recorded since the last one (the newest state of
    // each last), and how many attempts are in flight now; at most one per event-loop turn.
    void progress(const QList<Delivery> &changed, int inFlight);
    void deliveryFailedForGood(const Delivery &delivery);
    void storeError(const QString &message); // empty: the store answers again
    void stopped(const QString &error); // empty: stopped as asked

private:
    void noteProgress();
    void flushProgress();
    void onDispatcherStopped();
    void finish(const QString &error);

    const Clock *m_clock;
    DeliveryOptions m_options;
    std::unique_ptr<JobStore> m_store;
    // Declared after the store, so it goes first: it uses the store to the end.
    std::unique_ptr<Dispatcher> m_dispatcher;
    bool m_stopping = false;
    QTimer m_progressTimer;
    QList<Delivery> m_changed;
};
