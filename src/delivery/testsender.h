#pragma once

#include "claim.h"
#include "result.h"
#include "testtools.h"

#include <QList>
#include <QObject>
#include <QString>

class Deliverer;
class JobStore;

// Makes the receiver test tools' sends (TestTools) with a deliverer of its own, in the thread
// it lives in, and keeps them in the store. One run at a time: finished() or failed() ends it.
class TestSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestSender)

public:
    explicit TestSender(JobStore *store, QObject *parent = nullptr);
    ~TestSender() override;

    // Sends delivery `deliveryId` again, `copies` times at once (1: SameId; more: Burst), with
    // the headers, ids and signature scheme of its webhook's profile; `expired`: once,
    // signed TestTools::ExpiredByMs ago. Kept as test attempts: the delivery's state, schedule
    // and retry count stay as they were.
    Status resend(qint64 deliveryId, int copies, bool expired);
    // Creates `count` deliveries of the webhook, in order (ids, ids derived from them, creation
    // times), then sends them one after the other, newest first, or in a shuffled order that
    // is not the created one. Each send is that delivery's own attempt (marked OutOfOrder): a
    // failed one is retried on the webhook's schedule like any other.
    Status sendBatch(
        qint64 webhookId, const QString &eventType, const QByteArray &payload, int count, bool shuffled);
    bool busy() const { return m_busy; }

Q_SIGNALS:
    // The attempts, numbered as kept: a batch's in the order sent, a resend's as they came back.
    void finished(const QList<Attempt> &attempts);
    void failed(const QString &message);

private:
    void onAttempt(const Attempt &attempt);
    void sendNextOfBatch();
    void fail(const QString &message);

    JobStore *m_store;
    Deliverer *m_deliverer;
    QString m_owner; // the claims a batch makes
    bool m_busy = false;
    // A resend: how many attempts are still out, and those back.
    int m_outstanding = 0;
    QList<Attempt> m_done;
    // A batch: the deliveries still to send, in the order to send them, and the one out.
    QList<qint64> m_batch;
    std::optional<ClaimedDelivery> m_claimed;
    qint64 m_batchLeaseMs = 0;
};
