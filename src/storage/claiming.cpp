#include "jobstore.h"

#include "sqlstatement.h"
#include "storerows.h"

#include <QRandomGenerator>

#include <algorithm>

// The dispatcher's claims: due deliveries taken under a lease, fairly across webhooks; leases
// renewed and given back; when to look again.

using namespace StoreRows;

namespace {
// A claim's token: random, so no two claims, of one worker or of many, share one.
qint64 newLeaseToken()
{
    return qint64(QRandomGenerator::global()->generate64() & 0x7fffffffffffffffULL) | 1;
}

QString idArray(const QList<qint64> &ids, bool postgres)
{
    QStringList texts;
    for (const qint64 id : ids)
        texts << QString::number(id);
    // PostgreSQL reads '{1,2}' as a BIGINT[]; SQLite's json_each() reads '[1,2]'.
    return postgres ? QLatin1Char('{') + texts.join(QLatin1Char(',')) + QLatin1Char('}')
                    : QLatin1Char('[') + texts.join(QLatin1Char(',')) + QLatin1Char(']');
}
} // namespace

Result<QList<ClaimedDelivery>> JobStore::claimDue(
    const QString &owner, int limit, qint64 leaseMs, std::optional<qint64> onlyId)
{
    ClaimRequest request;
    request.limit = limit;
    return inTransaction<QList<ClaimedDelivery>>(
        [&] { return claimDueLocked(owner, request, leaseMs, onlyId); });
}

Result<QList<ClaimedDelivery>> JobStore::claimDue(
    const QString &owner, const ClaimRequest &request, qint64 leaseMs)
{
    return inTransaction<QList<ClaimedDelivery>>(
        [&] { return claimDueLocked(owner, request, leaseMs, std::nullopt); });
}

Result<QList<ClaimedDelivery>> JobStore::claimDueLocked(
    const QString &owner, const ClaimRequest &request, qint64 leaseMs, std::optional<qint64> onlyId)
{
    using R = Result<QList<ClaimedDelivery>>;
    const TimeMs now = this->now();
    const bool pg = m_config.backend == DatabaseConfig::Backend::Postgres;
    Status error;
    SqlStatement *recover = prepared("claim.recover",
        sql("UPDATE deliveries SET status = {WAITING}, lease_expires = NULL, "
            "lease_owner = NULL, lease_token = NULL WHERE status = {RUNNING} AND "
            "lease_expires < :now"),
        error);
    // The due deliveries of each webhook with due work, earliest first, up to `per` of each and
    // no more than its own limit leaves room for; then taken in turns (every webhook's first,
    // then every webhook's second…) up to `limit`; a paused webhook's are held. The backends differ only in
    // how they reach each webhook's first few: PostgreSQL through LATERAL, locking what it takes and skipping
    // what another worker is taking; SQLite, whose writers take turns, through a correlated
    // list of row ids.
    static const char *const ClaimFairPostgres
        = "WITH turns AS (SELECT due.id, due.scheduled_start, ROW_NUMBER() OVER (PARTITION BY w.id "
          "ORDER BY due.scheduled_start, due.id) AS turn FROM webhooks w CROSS JOIN LATERAL (SELECT id, "
          "scheduled_start FROM deliveries WHERE status = {WAITING} AND webhook_id = w.id AND "
          "scheduled_start <= "
          ":now "
          "ORDER BY scheduled_start, id LIMIT CASE WHEN w.max_in_flight IS NULL THEN :per ELSE GREATEST(0, "
          "LEAST(:per2, w.max_in_flight - (SELECT COUNT(*) FROM deliveries r WHERE r.status = {RUNNING} AND "
          "r.webhook_id = w.id))) END FOR UPDATE SKIP LOCKED) due WHERE NOT (w.id = ANY(CAST(:skip AS "
          "BIGINT[]))) AND w.paused_at IS NULL) UPDATE deliveries SET status = {RUNNING}, date_claimed = "
          ":claimed, lease_owner = :owner, "
          "lease_token = :token, "
          "lease_expires = :expires WHERE id IN (SELECT id FROM turns ORDER BY turn, scheduled_start, id "
          "LIMIT :limit) RETURNING {DELIVERY_COLUMNS}";
    static const char *const ClaimFairSqlite
        = "WITH turns AS (SELECT d.id, d.scheduled_start, ROW_NUMBER() OVER (PARTITION BY d.webhook_id ORDER "
          "BY "
          "d.scheduled_start, d.id) AS turn, CASE WHEN w.max_in_flight IS NULL THEN :per ELSE "
          "w.max_in_flight - "
          "(SELECT COUNT(*) FROM deliveries r WHERE r.status = {RUNNING} AND r.webhook_id = w.id) END AS "
          "room FROM "
          "webhooks w JOIN deliveries d ON d.id IN (SELECT x.id FROM deliveries x WHERE x.status = {WAITING} "
          "AND "
          "x.webhook_id = w.id AND x.scheduled_start <= :now ORDER BY x.scheduled_start, x.id LIMIT :per2) "
          "WHERE w.id NOT IN (SELECT value FROM json_each(:skip)) AND w.paused_at IS NULL) UPDATE deliveries "
          "SET status = {RUNNING}, date_claimed = :claimed, "
          "lease_owner "
          "= :owner, lease_token = :token, lease_expires = :expires WHERE id IN (SELECT id FROM turns WHERE "
          "turn "
          "<= room ORDER BY turn, scheduled_start, id LIMIT :limit) RETURNING {DELIVERY_COLUMNS}";
    SqlStatement *claim = onlyId
        ? prepared("claim.one",
            sql("UPDATE deliveries SET status = {RUNNING}, date_claimed = :claimed, lease_owner = :owner, "
                "lease_token = :token, "
                "lease_expires = :expires WHERE id = :id AND status = {WAITING} AND NOT EXISTS (SELECT 1 "
                "FROM "
                "webhooks w "
                "WHERE w.id = deliveries.webhook_id AND w.paused_at IS NOT NULL) RETURNING "
                "{DELIVERY_COLUMNS}"),
            error)
        : prepared("claim.due", sql(pg ? ClaimFairPostgres : ClaimFairSqlite), error);
    SqlStatement *readHook
        = prepared("claim.webhook", sql("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = :id"), error);
    if (!recover || !claim || !readHook)
        return R::failure(error.error());
    // A delivery left running by a process that died is given back once its lease expires
    // (Launchpad would leave it running for ever). Leases last seconds: looking once a
    // second is enough, and keeps this off the busy path.
    if (onlyId || now >= m_nextLeaseRecovery || now < m_nextLeaseRecovery - 1000) {
        recover->bindValue(QStringLiteral(":now"), now);
        if (Status s = exec(*recover, "recovering expired leases"); !s) {
            return R::failure(s.error());
        }
        m_nextLeaseRecovery = now + 1000;
    }
    if (onlyId) {
        claim->bindValue(QStringLiteral(":id"), *onlyId);
    } else {
        if (request.limit <= 0)
            return QList<ClaimedDelivery>();
        const int per = request.perWebhook > 0 ? qMin(request.perWebhook, request.limit) : request.limit;
        claim->bindValue(QStringLiteral(":now"), now);
        claim->bindValue(QStringLiteral(":per"), per);
        claim->bindValue(QStringLiteral(":per2"), per);
        claim->bindValue(QStringLiteral(":skip"), idArray(request.skipWebhooks, pg));
        claim->bindValue(QStringLiteral(":limit"), request.limit);
    }
    claim->bindValue(QStringLiteral(":owner"), owner);
    claim->bindValue(QStringLiteral(":token"), newLeaseToken());
    claim->bindValue(QStringLiteral(":expires"), now + leaseMs);
    claim->bindValue(QStringLiteral(":claimed"), now);
    if (Status s = exec(*claim, "claiming due deliveries"); !s) {
        return R::failure(s.error());
    }
    QList<ClaimedDelivery> claimed;
    while (claim->next())
        claimed.append({ readDelivery(*claim), Webhook(), QString(), std::nullopt });
    claim->finish();
    // The webhook as it is now: URL, secret and active flag are read for each attempt.
    QHash<qint64, Webhook> hooks;
    for (auto &c : claimed) {
        if (!hooks.contains(c.delivery.webhookId)) {
            readHook->bindValue(QStringLiteral(":id"), c.delivery.webhookId);
            if (Status s = exec(*readHook, "reading a webhook"); !s) {
                return R::failure(s.error());
            }
            if (readHook->next())
                hooks.insert(c.delivery.webhookId, readWebhook(*readHook));
            readHook->finish();
        }
        c.webhook = hooks.value(c.delivery.webhookId);
    }
    std::sort(claimed.begin(), claimed.end(), [](const ClaimedDelivery &a, const ClaimedDelivery &b) {
        return a.delivery.scheduledStart != b.delivery.scheduledStart
            ? a.delivery.scheduledStart < b.delivery.scheduledStart
            : a.delivery.id < b.delivery.id;
    });
    return claimed;
}

Status JobStore::renewLeases(const QList<Lease> &leases, qint64 leaseMs)
{
    if (leases.isEmpty())
        return {};
    return inTransaction<void>([&]() -> Status {
        Status error;
        SqlStatement *renew = prepared("lease.renew",
            sql("UPDATE deliveries SET lease_expires = :expires WHERE id = :id AND "
                "status = {RUNNING} AND lease_token = :token"),
            error);
        if (!renew)
            return error;
        const TimeMs expires = now() + leaseMs;
        for (const Lease &lease : leases) {
            renew->bindValue(QStringLiteral(":expires"), expires);
            renew->bindValue(QStringLiteral(":id"), lease.deliveryId);
            renew->bindValue(QStringLiteral(":token"), lease.token);
            if (Status s = exec(*renew, "renewing leases"); !s)
                return s;
        }
        return {};
    });
}

Status JobStore::releaseLeases(const QList<Lease> &leases)
{
    if (leases.isEmpty())
        return {};
    return inTransaction<void>([&]() -> Status {
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        q.prepare(sql("UPDATE deliveries SET status = {WAITING}, lease_expires = NULL, lease_owner = NULL, "
                      "lease_token = NULL WHERE id = :id AND status = {RUNNING} AND lease_token = :token"));
        for (const Lease &lease : leases) {
            q.bindValue(QStringLiteral(":id"), lease.deliveryId);
            q.bindValue(QStringLiteral(":token"), lease.token);
            if (Status s = exec(q, "releasing leases"); !s)
                return s;
        }
        notifyChange();
        return {};
    });
}

Result<std::optional<TimeMs>> JobStore::nextWakeTime()
{
    ensureConnected();
    using R = Result<std::optional<TimeMs>>;
    Status error;
    // Each webhook's earliest waiting delivery, one index probe each, leaving out webhooks at
    // their own limit: their due work must not look due (the dispatcher would look again
    // every millisecond); a lease ending, the second value, frees their room.
    SqlStatement *q = prepared("next.wake",
        sql(
            "SELECT (SELECT MIN(next_start) FROM (SELECT (SELECT x.scheduled_start FROM deliveries x "
            "WHERE x.status = {WAITING} AND x.webhook_id = w.id AND x.scheduled_start IS NOT NULL ORDER BY "
            "x.scheduled_start LIMIT 1) AS next_start FROM webhooks w WHERE w.paused_at IS NULL AND "
            "(w.max_in_flight IS NULL OR w.max_in_flight > (SELECT COUNT(*) FROM deliveries r WHERE "
            "r.status = {RUNNING} AND r.webhook_id = w.id))) AS firsts), (SELECT MIN(lease_expires) FROM deliveries "
            "WHERE "
            "status = {RUNNING})"),
        error);
    if (!q)
        return R::failure(error.error());
    if (Status s = exec(*q, "finding the next due delivery"); !s)
        return R::failure(s.error());
    q->next();
    std::optional<TimeMs> next;
    for (int i = 0; i < 2; ++i) {
        if (!q->value(i).isNull()) {
            const TimeMs t = q->value(i).toLongLong();
            next = next ? qMin(*next, t) : t;
        }
    }
    q->finish();
    return next;
}

Result<bool> JobStore::hasUnfinished()
{
    ensureConnected();
    Status error;
    SqlStatement *q = prepared("has.unfinished",
        sql(
            "SELECT 1 FROM deliveries WHERE status IN ({WAITING}, {RUNNING}) AND webhook_id NOT IN (SELECT id FROM "
            "webhooks WHERE paused_at IS NOT NULL) LIMIT 1"),
        error);
    if (!q)
        return Result<bool>::failure(error.error());
    if (Status s = exec(*q, "checking for unfinished deliveries"); !s)
        return Result<bool>::failure(s.error());
    const bool any = q->next();
    q->finish();
    return any;
}
