#pragma once

#include "databaseconfig.h"
#include "deliveryfilter.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class JobStore;

// The history's long reads, on a thread and a store connection of their own: a filter's exact
// count (a second or more at ten million deliveries) and the boundaries pass. The store's
// thread, which answers the window's pages and actions, never waits behind them.
//
// Lives in its own thread; StoreService queues requests to it and its signals go straight to
// the window. A count asked for while a newer one waits is skipped unstarted: only the newest
// is wanted. A filter no delivery can leave once it is made (webhook, event type, creation date,
// id; no status, text or HTTP status) is kept exact by counting only the deliveries newer than
// its last count, and counted whole again from time to time for the ones pruned or deleted.
class HistoryCounter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryCounter)

public:
    // A whole count quicker than this is simply taken again each time.
    static constexpr qint64 DefaultCheapCountMs = 50;
    // A slower one is taken again at most this often, or ten times its duration if longer.
    static constexpr qint64 DefaultRecountEveryMs = 10000;

    explicit HistoryCounter(const Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~HistoryCounter() override;

    // Any thread: the newest count asked for. Requests for older ones not started yet are
    // skipped (serials grow with each request).
    void noteWanted(quint64 serial) { m_wanted.store(serial, std::memory_order_relaxed); }

    // The rest runs in the counter's thread.
    // The store read from now on, opened at its first request; none closes it.
    void setStore(const std::optional<DatabaseConfig> &config);
    void setRecountPolicy(qint64 cheapCountMs, qint64 recountEveryMs);
    // The deliveries `filter` takes with ids up to `newestId` (its beforeId is newestId + 1).
    void count(quint64 serial, const DeliveryFilter &filter, qint64 newestId, qint64 oldestId);
    void findBoundaries(quint64 serial, const DeliveryFilter &filter, qint64 fromId, int every, int count);

Q_SIGNALS:
    // In the counter's thread, as the count of `serial` starts.
    void counting(quint64 serial);
    void counted(quint64 serial, qint64 count, qint64 newestId, qint64 oldestId);
    void boundariesFound(quint64 serial, qint64 fromId, const QList<qint64> &ids);
    // Sorted by status or event type: the groups, before the count they add up to.
    void groupsFound(quint64 serial, const QList<HistoryGroup> &groups);
    void failed(const QString &message);

private:
    bool ensureOpen();
    // The count from the last one and the deliveries since, when that is still exact enough.
    std::optional<qint64> countSinceLast(const DeliveryFilter &filter, qint64 newestId);
    // Counts `filter` by its groups, if its sort has them and they are not known yet.
    bool countGroups(quint64 serial, const DeliveryFilter &filter, qint64 newestId, qint64 oldestId);

    const Clock *m_clock;
    std::optional<DatabaseConfig> m_config;
    std::unique_ptr<JobStore> m_store;
    std::atomic<quint64> m_wanted { 0 };
    qint64 m_cheapCountMs = DefaultCheapCountMs;
    qint64 m_recountEveryMs = DefaultRecountEveryMs;
    // The last whole count, and what has been added to it since.
    struct Last
    {
        DeliveryFilter filter;
        qint64 newestId = 0;
        qint64 count = 0;
        qint64 tookMs = 0;
        QElapsedTimer since; // the whole count's
    };
    std::optional<Last> m_last;
    // The filter (the serial's upper half) whose groups were found last: once for each list
    // sorted by status or event type. They are only for estimating positions, and the few
    // deliveries made since move them by a few rows at most.
    std::optional<quint64> m_groupedFilter;
};
