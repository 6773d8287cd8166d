#include "historycounter.h"

#include "jobstore.h"

namespace {
// Deliveries join such a filter when they are made and leave it only when deleted.
bool onlyGrows(const DeliveryFilter &f)
{
    return !f.status && !f.display && f.text.isEmpty() && !f.httpStatus;
}

bool sameSelection(const DeliveryFilter &a, const DeliveryFilter &b)
{
    return a.webhookId == b.webhookId && a.status == b.status && a.display == b.display
        && a.eventType == b.eventType && a.text == b.text && a.textScanLimit == b.textScanLimit
        && a.deliveryId == b.deliveryId && a.httpStatus == b.httpStatus && a.since == b.since
        && a.until == b.until && a.afterId == b.afterId;
}
} // namespace

HistoryCounter::HistoryCounter(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

HistoryCounter::~HistoryCounter() = default;

void HistoryCounter::setStore(const std::optional<DatabaseConfig> &config)
{
    m_store.reset();
    m_last.reset();
    m_groupedFilter.reset();
    m_config = config;
}

void HistoryCounter::setRecountPolicy(qint64 cheapCountMs, qint64 recountEveryMs)
{
    m_cheapCountMs = cheapCountMs;
    m_recountEveryMs = recountEveryMs;
}

bool HistoryCounter::ensureOpen()
{
    if (m_store)
        return true;
    if (!m_config)
        return false; // closed meanwhile: nobody waits for the answer
    auto store = std::make_unique<JobStore>(*m_config, m_clock);
    if (Status s = store->open(); !s) {
        Q_EMIT failed(tr("Cannot count the deliveries: %1").arg(s.error()));
        return false;
    }
    m_store = std::move(store);
    return true;
}

std::optional<qint64> HistoryCounter::countSinceLast(const DeliveryFilter &filter, qint64 newestId)
{
    if (!m_last || !onlyGrows(filter) || !sameSelection(m_last->filter, filter) || newestId < m_last->newestId
        || m_last->tookMs < m_cheapCountMs
        || m_last->since.elapsed() >= qMax(m_recountEveryMs, 10 * m_last->tookMs))
        return std::nullopt;
    DeliveryFilter since = filter;
    since.afterId = m_last->newestId;
    since.beforeId = newestId + 1;
    const auto added = m_store->countDeliveries(since);
    if (!added)
        return std::nullopt; // the whole count says what is wrong
    m_last->count += added.value();
    m_last->newestId = newestId;
    return m_last->count;
}

bool HistoryCounter::countGroups(
    quint64 serial, const DeliveryFilter &filter, qint64 newestId, qint64 oldestId)
{
    if (!filter.sortsByGroup() || m_groupedFilter == serial >> 32)
        return false;
    QElapsedTimer took;
    took.start();
    const auto groups = m_store->historyGroups(filter);
    if (!groups) {
        Q_EMIT failed(tr("Cannot count the deliveries: %1").arg(groups.error()));
        return true;
    }
    qint64 count = 0;
    for (const HistoryGroup &group : groups.value())
        count += group.count;
    m_groupedFilter = serial >> 32;
    m_last = Last { filter, newestId, count, took.elapsed(), {} };
    m_last->since.start();
    Q_EMIT groupsFound(serial, groups.value());
    Q_EMIT counted(serial, count, newestId, oldestId);
    return true;
}

void HistoryCounter::count(quint64 serial, const DeliveryFilter &filter, qint64 newestId, qint64 oldestId)
{
    if (serial < m_wanted.load(std::memory_order_relaxed) || !ensureOpen())
        return;
    Q_EMIT counting(serial);
    if (countGroups(serial, filter, newestId, oldestId))
        return;
    if (const auto count = countSinceLast(filter, newestId)) {
        Q_EMIT counted(serial, *count, newestId, oldestId);
        return;
    }
    QElapsedTimer took;
    took.start();
    const auto count = m_store->countDeliveries(filter);
    if (!count) {
        m_last.reset();
        Q_EMIT failed(tr("Cannot count the deliveries: %1").arg(count.error()));
        return;
    }
    m_last = Last { filter, newestId, count.value(), took.elapsed(), {} };
    m_last->since.start();
    Q_EMIT counted(serial, count.value(), newestId, oldestId);
}

void HistoryCounter::findBoundaries(
    quint64 serial, const DeliveryFilter &filter, qint64 fromId, int every, int count)
{
    if (!ensureOpen())
        return;
    const auto ids = m_store->historyBoundaries(filter, fromId, every, count);
    if (!ids) {
        Q_EMIT failed(tr("Cannot read the deliveries: %1").arg(ids.error()));
        return;
    }
    Q_EMIT boundariesFound(serial, fromId, ids.value());
}
