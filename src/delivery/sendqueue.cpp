#include "sendqueue.h"

#include "deliverer.h"

#include <QTimer>

#include <limits>

SendQueue::SendQueue(const Clock *clock, int concurrency, int wakeBelow)
    : m_deliverer(new Deliverer(clock, this))
    , m_reportTimer(new QTimer(this))
    , m_concurrency(concurrency)
    , m_wakeBelow(wakeBelow)
{
    m_reportTimer->setSingleShot(true);
    m_reportTimer->setInterval(MaxReportDelayMs);
    connect(m_reportTimer, &QTimer::timeout, this, [this] {
        QMutexLocker locker(&m_mutex);
        if (!m_announced && !m_reports.isEmpty())
            announceReports();
    });
    connect(m_deliverer, &Deliverer::finished, this, [this](const Attempt &attempt) {
        noteEnded(attempt.deliveryId);
        report({ Report::Kind::Finished, {}, attempt, 0 });
        startReady();
    });
    connect(m_deliverer, &Deliverer::aborted, this, [this](qint64 deliveryId) {
        noteEnded(deliveryId);
        report({ Report::Kind::Aborted, {}, {}, deliveryId });
        startReady();
    });
}

SendQueue::~SendQueue() = default;

void SendQueue::append(const QList<ClaimedDelivery> &claimed)
{
    {
        QMutexLocker locker(&m_mutex);
        m_ready.append(claimed);
    }
    QMetaObject::invokeMethod(
        this, [this] { startReady(); }, Qt::QueuedConnection);
}

QList<ClaimedDelivery> SendQueue::takeReady()
{
    QMutexLocker locker(&m_mutex);
    return std::exchange(m_ready, {});
}

void SendQueue::setConcurrency(int concurrency, int wakeBelow)
{
    m_concurrency = concurrency;
    m_wakeBelow = wakeBelow;
    QMetaObject::invokeMethod(
        this, [this] { startReady(); }, Qt::QueuedConnection);
}

QList<SendQueue::Report> SendQueue::takeReports()
{
    QMutexLocker locker(&m_mutex);
    m_announced = false;
    return std::exchange(m_reports, {});
}

void SendQueue::start(const ClaimedDelivery &claimed)
{
    ++m_running;
    m_webhookOf.insert(claimed.delivery.id, claimed.webhook.id);
    ++m_runningByWebhook[claimed.webhook.id];
    report({ Report::Kind::Started, claimed, {}, 0 });
    m_deliverer->start(claimed);
}

void SendQueue::startReady()
{
    while (m_running < m_concurrency.load()) {
        ClaimedDelivery next;
        {
            QMutexLocker locker(&m_mutex);
            qsizetype chosen = -1;
            int fewest = std::numeric_limits<int>::max();
            for (qsizetype i = 0; i < m_ready.size() && fewest > 0; ++i) {
                const Webhook &hook = m_ready.at(i).webhook;
                const int running = m_runningByWebhook.value(hook.id);
                if (hook.maxInFlight > 0 && running >= hook.maxInFlight)
                    continue;
                if (running < fewest) {
                    fewest = running;
                    chosen = i;
                }
            }
            if (chosen < 0)
                return;
            next = m_ready.takeAt(chosen);
        }
        start(next);
    }
}

// Reports queue up and cross in one call. The dispatcher's thread is woken only when it has
// something to do: claim more (fewer than m_wakeBelow deliveries left queued or running here,
// which is also the case once a run winds down) or give an aborted delivery back. Otherwise
// reports wait, at most MaxReportDelayMs, and the claim that follows records them: a thread
// woken for each finished attempt spends a quarter of its time going to sleep and waking up.
void SendQueue::report(Report &&r)
{
    const bool urgent = r.kind == Report::Kind::Aborted;
    bool wake = false;
    {
        QMutexLocker locker(&m_mutex);
        m_reports.append(std::move(r));
        if (m_announced)
            return;
        wake = urgent || m_ready.size() + m_running < m_wakeBelow.load();
        if (wake)
            announceReports();
    }
    if (wake)
        m_reportTimer->stop();
    else if (!m_reportTimer->isActive())
        m_reportTimer->start();
}

void SendQueue::noteEnded(qint64 deliveryId)
{
    --m_running;
    const qint64 webhookId = m_webhookOf.take(deliveryId);
    if (auto it = m_runningByWebhook.find(webhookId); it != m_runningByWebhook.end() && --it.value() <= 0)
        m_runningByWebhook.erase(it);
}

void SendQueue::announceReports()
{
    m_announced = true;
    Q_EMIT reportsReady();
}
