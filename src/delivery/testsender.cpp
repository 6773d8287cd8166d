#include "testsender.h"

#include "deliverer.h"
#include "jobstore.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QRandomGenerator>

#include <algorithm>

TestSender::TestSender(JobStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_deliverer(new Deliverer(store->clock(), this))
    , m_owner(QStringLiteral("%1:%2:test-tools")
                  .arg(QHostInfo::localHostName())
                  .arg(QCoreApplication::applicationPid()))
{
    connect(m_deliverer, &Deliverer::finished, this, &TestSender::onAttempt);
}

TestSender::~TestSender() = default;

namespace {
Status usable(const Webhook &webhook)
{
    if (!webhook.active)
        return Status::failure(
            QStringLiteral("webhook %1 is inactive: activate it to send to its receiver").arg(webhook.id),
            ErrorKind::Invalid);
    return {};
}
} // namespace

Status TestSender::resend(qint64 deliveryId, int copies, bool expired)
{
    if (m_busy)
        return Status::failure(QStringLiteral("a test send is still under way"), ErrorKind::Invalid);
    if (copies < 1 || copies > TestTools::MaxCount)
        return Status::failure(
            QStringLiteral("the number of copies must be from 1 to %1").arg(TestTools::MaxCount),
            ErrorKind::Invalid);
    if (expired && copies != 1)
        return Status::failure(
            QStringLiteral("an expired timestamp is sent once, not in a burst"), ErrorKind::Invalid);
    const auto delivery = m_store->delivery(deliveryId);
    if (!delivery)
        return Status::failure(delivery.error(), delivery.errorKind());
    const auto webhook = m_store->webhook(delivery->webhookId);
    if (!webhook)
        return Status::failure(webhook.error(), webhook.errorKind());
    if (Status s = usable(webhook.value()); !s)
        return s;
    if (expired) {
        if (Status s = TestTools::canExpire(webhook.value()); !s)
            return s;
    }
    ClaimedDelivery send { delivery.value(), webhook.value(), {}, std::nullopt };
    send.testTool = expired ? TestTools::ExpiredTimestamp : copies > 1 ? TestTools::Burst : TestTools::SameId;
    if (expired)
        send.signedAt = m_store->now() - TestTools::ExpiredByMs;
    m_busy = true;
    m_done.clear();
    m_outstanding = copies;
    for (int i = 0; i < copies; ++i)
        m_deliverer->start(send); // all at once: the deliverer keeps every one in flight
    return {};
}

Status TestSender::sendBatch(
    qint64 webhookId, const QString &eventType, const QByteArray &payload, int count, bool shuffled)
{
    if (m_busy)
        return Status::failure(QStringLiteral("a test send is still under way"), ErrorKind::Invalid);
    if (count < 2 || count > TestTools::MaxCount)
        return Status::failure(
            QStringLiteral("a batch holds from 2 to %1 deliveries").arg(TestTools::MaxCount),
            ErrorKind::Invalid);
    const auto webhook = m_store->webhook(webhookId);
    if (!webhook)
        return Status::failure(webhook.error(), webhook.errorKind());
    if (Status s = usable(webhook.value()); !s)
        return s;
    // One at a time, so the ids are in the order created whatever else writes to the store.
    QList<qint64> created;
    for (int i = 0; i < count; ++i) {
        const auto id = m_store->createDeliveries(
            webhookId, eventType, payload, 1, m_store->now() + TestTools::BatchHoldMs);
        if (!id)
            return Status::failure(id.error(), id.errorKind());
        created.append(id->first);
    }
    m_batch = created;
    m_batchLeaseMs = webhook->timeoutMs + JobStore::DefaultLeaseMs; // no renewals needed
    std::reverse(m_batch.begin(), m_batch.end());
    if (shuffled) {
        do {
            std::shuffle(m_batch.begin(), m_batch.end(), *QRandomGenerator::global());
        } while (m_batch == created);
    }
    m_busy = true;
    m_done.clear();
    sendNextOfBatch();
    return {};
}

void TestSender::sendNextOfBatch()
{
    if (m_batch.isEmpty()) {
        m_busy = false;
        Q_EMIT finished(m_done);
        return;
    }
    const qint64 id = m_batch.takeFirst();
    const auto claimed = m_store->claimDue(m_owner, 1, m_batchLeaseMs, id);
    if (!claimed)
        return fail(claimed.error());
    if (claimed->isEmpty()) // retried, suspended or deleted meanwhile: not ours to send
        return sendNextOfBatch();
    m_claimed = claimed->first();
    m_claimed->testTool = TestTools::OutOfOrder;
    m_deliverer->start(*m_claimed);
}

void TestSender::onAttempt(const Attempt &attempt)
{
    if (m_claimed) {
        // A batch's delivery: recorded as the dispatcher records its own attempts.
        AttemptRecord record { attempt, m_claimed->delivery, m_claimed->webhook.retryPolicy };
        m_claimed.reset();
        const auto after = m_store->recordAttempts(m_owner, { record });
        if (!after)
            return fail(after.error());
        Attempt kept = attempt;
        if (!after->isEmpty())
            kept.number = after->first().totalAttempts;
        m_done.append(kept);
        sendNextOfBatch();
        return;
    }
    m_done.append(attempt);
    if (--m_outstanding > 0)
        return;
    const auto kept = m_store->recordTestAttempts(m_done);
    if (!kept)
        return fail(kept.error());
    m_busy = false;
    Q_EMIT finished(kept.value());
}

void TestSender::fail(const QString &message)
{
    m_busy = false;
    m_batch.clear();
    m_claimed.reset();
    m_done.clear();
    Q_EMIT failed(message);
}
