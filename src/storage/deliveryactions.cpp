#include "jobstore.h"

#include "sqlstatement.h"
#include "storerows.h"

#include <QElapsedTimer>
#include <QThread>

#include <limits>

// Deliveries made and changed by hand: created (send, ping, emit), retried, suspended, and
// pruned once finished long enough ago.

using namespace StoreRows;

Result<qint64> JobStore::createDelivery(qint64 webhookId, const QString &eventType, const QByteArray &payload)
{
    const auto ids = createDeliveries(webhookId, eventType, payload, 1);
    if (!ids)
        return Result<qint64>::failure(ids.error(), ids.errorKind());
    return ids->first;
}

Result<QPair<qint64, qint64>> JobStore::createDeliveries(qint64 webhookId, const QString &eventType,
    const QByteArray &payload, int count, std::optional<TimeMs> scheduledStart)
{
    using R = Result<QPair<qint64, qint64>>;
    if (count < 1)
        return R::failure(QStringLiteral("the number of deliveries must be at least 1"));
    return inTransaction<QPair<qint64, qint64>>([&]() -> R {
        if (Status s = ensureWebhookExists(webhookId); !s)
            return R::failure(s.error(), s.errorKind());
        // One statement per chunk, the payload bound once: a load test of 20,000 copies is a few
        // statements, not 20,000 round trips to a PostgreSQL server.
        const bool pg = m_config.backend == DatabaseConfig::Backend::Postgres;
        const QString rows = pg
            ? QStringLiteral("generate_series(1, CAST(:count AS INTEGER))")
            : QStringLiteral("(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < :count) SELECT i FROM n)");
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        q.setForwardOnly(true);
        q.prepare(
            sql("INSERT INTO deliveries (webhook_id, event_type, payload, status, date_created, "
                "scheduled_start) SELECT CAST(:webhook AS BIGINT), CAST(:type AS TEXT), CAST(:payload AS "
                "{BLOB}), 0, CAST(:created AS BIGINT), CAST(:start AS BIGINT) FROM ")
            + rows + QStringLiteral(" AS series RETURNING id"));
        constexpr int Chunk = 10000;
        const TimeMs now = this->now();
        qint64 first = std::numeric_limits<qint64>::max();
        qint64 last = 0;
        for (int done = 0; done < count; done += Chunk) {
            q.bindValue(QStringLiteral(":webhook"), webhookId);
            q.bindValue(QStringLiteral(":type"), eventType);
            q.bindValue(QStringLiteral(":payload"), payload);
            q.bindValue(QStringLiteral(":created"), now);
            q.bindValue(QStringLiteral(":start"), scheduledStart.value_or(now));
            q.bindValue(QStringLiteral(":count"), qMin(Chunk, count - done));
            if (Status s = exec(q, "creating deliveries"); !s)
                return R::failure(s.error());
            while (q.next()) {
                const qint64 id = q.value(0).toLongLong();
                first = qMin(first, id);
                last = qMax(last, id);
            }
            q.finish();
        }
        if (last == 0)
            return R::failure(QStringLiteral("database error while creating deliveries: no id returned"));
        notifyChange();
        return qMakePair(first, last);
    });
}

Result<QList<qint64>> JobStore::emitEvent(const QString &eventType, const QByteArray &payload)
{
    using R = Result<QList<qint64>>;
    return inTransaction<QList<qint64>>([&]() -> R {
        QList<qint64> subscribed;
        {
            SqlStatement q(database(), SqlStatement::Mode(statementMode()));
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT id, event_types FROM webhooks WHERE active = 1 ORDER BY id"));
            if (Status s = exec(q, "finding subscribed webhooks"); !s)
                return R::failure(s.error());
            while (q.next()) {
                if (eventTypesFromJson(q.value(1).toString()).contains(eventType))
                    subscribed.append(q.value(0).toLongLong());
            }
        }
        QList<qint64> ids;
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        q.prepare(QStringLiteral(
            "INSERT INTO deliveries (webhook_id, event_type, payload, status, date_created, "
            "scheduled_start) VALUES (:webhook, :type, :payload, 0, :created, :start) RETURNING id"));
        const TimeMs now = this->now();
        for (const qint64 webhookId : subscribed) {
            q.bindValue(QStringLiteral(":webhook"), webhookId);
            q.bindValue(QStringLiteral(":type"), eventType);
            q.bindValue(QStringLiteral(":payload"), payload);
            q.bindValue(QStringLiteral(":created"), now);
            q.bindValue(QStringLiteral(":start"), now);
            if (Status s = exec(q, "creating a delivery"); !s || !q.next())
                return R::failure(s ? QStringLiteral("database error while creating a delivery") : s.error());
            ids.append(q.value(0).toLongLong());
            q.finish();
        }
        if (!ids.isEmpty())
            notifyChange();
        return ids;
    });
}

Result<JobStore::LockedDelivery> JobStore::lockDelivery(qint64 deliveryId)
{
    using R = Result<LockedDelivery>;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql("SELECT status, lease_expires, lease_owner FROM deliveries WHERE id = :id {LOCK}"));
    q.bindValue(QStringLiteral(":id"), deliveryId);
    if (Status s = exec(q, "reading a delivery"); !s)
        return R::failure(s.error());
    if (!q.next())
        return R::failure(notFound("delivery", deliveryId), ErrorKind::NotFound);
    return LockedDelivery { static_cast<JobStatus>(q.value(0).toInt()), optionalTime(q.value(1)),
        q.value(2).toString() };
}

Status JobStore::retry(qint64 deliveryId, bool resetWindow)
{
    return inTransaction<void>([&]() -> Status {
        const auto locked = lockDelivery(deliveryId);
        if (!locked)
            return Status::failure(locked.error(), locked.errorKind());
        const JobStatus status = locked->status;
        const TimeMs now = this->now();
        if (status == JobStatus::Running && locked->leaseExpires && *locked->leaseExpires > now) {
            return Status::failure(
                QStringLiteral("delivery %1 is being attempted right now (by %2); retry it "
                               "once the attempt has ended")
                    .arg(deliveryId)
                    .arg(locked->leaseOwner),
                ErrorKind::Invalid);
        }
        SqlStatement u(database(), SqlStatement::Mode(statementMode()));
        if (status == JobStatus::Waiting) {
            // "Retry now": the next attempt moves to now; nothing else changes.
            u.prepare(QStringLiteral("UPDATE deliveries SET scheduled_start = :now%1 WHERE id = :id")
                          .arg(resetWindow ? QStringLiteral(", date_first_sent = NULL") : QString()));
        } else {
            u.prepare(
                sql("UPDATE deliveries SET status = {WAITING}, scheduled_start = :now, attempt_count = 0, "
                    "date_finished = NULL, lease_expires = NULL, lease_owner = NULL, lease_token = "
                    "NULL%1 WHERE id = :id")
                    .arg(resetWindow ? QStringLiteral(", date_first_sent = NULL") : QString()));
        }
        u.bindValue(QStringLiteral(":now"), now);
        u.bindValue(QStringLiteral(":id"), deliveryId);
        if (Status s = exec(u, "retrying a delivery"); !s)
            return s;
        notifyChange();
        return {};
    });
}

Result<int> JobStore::retryFailed(std::optional<qint64> webhookId)
{
    // Every failed delivery, however long ago, in chunks (see recoverFailed()).
    const auto n = recoverFailed(FailedSelection { 0, webhookId });
    if (!n)
        return Result<int>::failure(n.error(), n.errorKind());
    return int(n.value());
}

Status JobStore::suspend(qint64 deliveryId)
{
    return inTransaction<void>([&]() -> Status {
        const auto locked = lockDelivery(deliveryId);
        if (!locked)
            return Status::failure(locked.error(), locked.errorKind());
        const JobStatus status = locked->status;
        if (!JobStatusInfo::canTransition(status, JobStatus::Suspended))
            return Status::failure(
                JobStatusInfo::invalidTransitionMessage(status, JobStatus::Suspended), ErrorKind::Invalid);
        // A running attempt goes on; its result is kept, and the delivery stays suspended.
        SqlStatement u(database(), SqlStatement::Mode(statementMode()));
        u.prepare(sql("UPDATE deliveries SET status = {SUSPENDED}, lease_expires = NULL, lease_owner = NULL, "
                      "lease_token = NULL WHERE id = :id"));
        u.bindValue(QStringLiteral(":id"), deliveryId);
        if (Status s = exec(u, "suspending a delivery"); !s)
            return s;
        notifyChange();
        return {};
    });
}

Result<int> JobStore::pruneChunk(TimeMs before, int chunk)
{
    return inTransaction<int>([&]() -> Result<int> {
        Status error;
        // `+status`: only deliveries_finished can serve this (the old finished ones), never the
        // status index (every finished delivery, old or new), which SQLite picks on a store never
        // ANALYZEd. Oldest first, so that index serves in its own order: without the order
        // PostgreSQL scanned the heap from its start, over the rows earlier chunks left dead.
        SqlStatement *q = prepared("prune.chunk",
            sql("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE "
                "date_finished < :before AND +status IN ({COMPLETED}, {FAILED}) "
                "ORDER BY date_finished LIMIT :chunk)"),
            error);
        if (!q)
            return Result<int>::failure(error.error());
        q->bindValue(QStringLiteral(":before"), before);
        q->bindValue(QStringLiteral(":chunk"), chunk);
        if (Status s = exec(*q, "pruning deliveries"); !s)
            return Result<int>::failure(s.error());
        const int n = q->numRowsAffected();
        q->finish();
        if (n > 0)
            notifyChange();
        return n;
    });
}

PrunePacer JobStore::prunePacer() const
{
    return PrunePacer(m_config.backend == DatabaseConfig::Backend::Sqlite ? PrunePacer::SqlitePauseMs : 0);
}

Result<qint64> JobStore::prune(TimeMs before)
{
    return prune(before, prunePacer());
}

Result<qint64> JobStore::prune(TimeMs before, PrunePacer pacer)
{
    qint64 total = 0;
    for (;;) {
        QElapsedTimer elapsed;
        elapsed.start();
        const auto n = pruneChunk(before, pacer.chunk());
        if (!n)
            return Result<qint64>::failure(n.error());
        total += n.value();
        if (!pacer.record(n.value(), elapsed.elapsed()))
            return total;
        if (pacer.pauseMs() > 0)
            QThread::msleep(pacer.pauseMs());
    }
}
