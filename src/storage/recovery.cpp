#include "jobstore.h"

#include "sqlstatement.h"
#include "statussql.h"
#include "storerows.h"

// An admin's recovery tools: failed deliveries sent again in bulk, webhooks paused and
// resumed, deliveries that no worker moves on.

using namespace StoreRows;

namespace {
// The failed deliveries a selection names, as a WHERE clause on `deliveries`.
QString failedWhere(const FailedSelection &selection)
{
    return StatusSql::fill(QStringLiteral("status = {FAILED} AND date_finished >= :since"))
        + (selection.webhookId ? QStringLiteral(" AND webhook_id = :webhook") : QString());
}

void bindSelection(SqlStatement &q, const FailedSelection &selection)
{
    q.bindValue(QStringLiteral(":since"), selection.since);
    if (selection.webhookId)
        q.bindValue(QStringLiteral(":webhook"), *selection.webhookId);
}

// Due work of a webhook that is neither paused nor has anything in flight.
const char *const OverdueWhere
    = "d.status = {WAITING} AND d.scheduled_start < :cutoff AND d.webhook_id IN (SELECT w.id FROM webhooks w "
      "WHERE w.paused_at IS NULL) AND NOT EXISTS (SELECT 1 FROM deliveries r WHERE r.webhook_id = "
      "d.webhook_id AND r.status = {RUNNING} AND r.lease_expires >= :live)";
// Running under a live lease, claimed longer ago than the webhook's timeout allows and a minute
// more: the attempt neither ends nor fails, and the attempt count stands still.
const char *const HungWhere
    = "d.status = {RUNNING} AND d.lease_expires >= :hnow AND d.date_claimed < CAST(:hcutoff AS BIGINT) - "
      "(SELECT w.timeout_ms FROM webhooks w WHERE w.id = d.webhook_id)";
} // namespace

Result<RecoveryPreview> JobStore::previewFailed(const FailedSelection &selection, int listLimit)
{
    using R = Result<RecoveryPreview>;
    ensureConnected();
    if (selection.webhookId) {
        if (Status s = ensureWebhookExists(*selection.webhookId); !s)
            return R::failure(s.error(), s.errorKind());
    }
    RecoveryPreview preview;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE ") + failedWhere(selection));
    bindSelection(q, selection);
    if (Status s = exec(q, "counting failed deliveries"); !s)
        return R::failure(s.error());
    if (q.next())
        preview.count = q.value(0).toLongLong();
    q.finish();
    if (listLimit > 0 && preview.count > 0) {
        SqlStatement list(database(), SqlStatement::Mode(statementMode()));
        list.setForwardOnly(true);
        list.prepare(sql("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE ") + failedWhere(selection)
            + QStringLiteral(" ORDER BY id LIMIT :limit"));
        bindSelection(list, selection);
        list.bindValue(QStringLiteral(":limit"), listLimit);
        if (Status s = exec(list, "listing failed deliveries"); !s)
            return R::failure(s.error());
        while (list.next()) {
            Delivery d = readDelivery(list);
            d.payload.clear();
            preview.first.append(d);
        }
    }
    return preview;
}

Result<int> JobStore::recoverFailedChunk(const FailedSelection &selection, qint64 &afterId, int chunk)
{
    if (selection.webhookId) {
        ensureConnected();
        if (Status s = ensureWebhookExists(*selection.webhookId); !s)
            return Result<int>::failure(s.error(), s.errorKind());
    }
    return inTransaction<int>([&]() -> Result<int> {
        // The chunk is an id range: the next `chunk` selected deliveries after `afterId`.
        SqlStatement range(database(), SqlStatement::Mode(statementMode()));
        range.setForwardOnly(true);
        range.prepare(QStringLiteral("SELECT MAX(id) FROM (SELECT id FROM deliveries WHERE ")
            + failedWhere(selection) + QStringLiteral(" AND id > :after ORDER BY id LIMIT :chunk) AS c"));
        bindSelection(range, selection);
        range.bindValue(QStringLiteral(":after"), afterId);
        range.bindValue(QStringLiteral(":chunk"), chunk);
        if (Status s = exec(range, "choosing failed deliveries to recover"); !s)
            return Result<int>::failure(s.error());
        if (!range.next() || range.value(0).isNull())
            return 0;
        const qint64 last = range.value(0).toLongLong();
        range.finish();
        // Failed deliveries are never claimed, so no worker holds these; the status condition
        // leaves any that were retried by hand meanwhile as they are.
        SqlStatement u(database(), SqlStatement::Mode(statementMode()));
        u.prepare(
            StatusSql::fill(
                QStringLiteral("UPDATE deliveries SET status = {WAITING}, scheduled_start = :now, attempt_count = 0, "
                               "date_finished = NULL, date_first_sent = NULL, lease_expires = NULL, "
                               "lease_owner = NULL, lease_token = NULL WHERE "))
            + failedWhere(selection) + QStringLiteral(" AND id > :after AND id <= :last"));
        bindSelection(u, selection);
        u.bindValue(QStringLiteral(":now"), now());
        u.bindValue(QStringLiteral(":after"), afterId);
        u.bindValue(QStringLiteral(":last"), last);
        if (Status s = exec(u, "recovering failed deliveries"); !s)
            return Result<int>::failure(s.error());
        const int n = u.numRowsAffected();
        afterId = last;
        if (n > 0)
            notifyChange();
        return n;
    });
}

Result<qint64> JobStore::recoverFailed(const FailedSelection &selection, int chunk)
{
    qint64 afterId = 0;
    qint64 total = 0;
    for (;;) {
        const qint64 before = afterId;
        const auto n = recoverFailedChunk(selection, afterId, chunk);
        if (!n)
            return Result<qint64>::failure(n.error(), n.errorKind());
        total += n.value();
        if (afterId == before)
            return total;
    }
}

Result<bool> JobStore::pauseWebhook(qint64 webhookId)
{
    return inTransaction<bool>([&]() -> Result<bool> {
        if (Status s = ensureWebhookExists(webhookId); !s)
            return Result<bool>::failure(s.error(), s.errorKind());
        SqlStatement u(database(), SqlStatement::Mode(statementMode()));
        u.prepare(
            QStringLiteral("UPDATE webhooks SET paused_at = :now WHERE id = :id AND paused_at IS NULL"));
        u.bindValue(QStringLiteral(":now"), now());
        u.bindValue(QStringLiteral(":id"), webhookId);
        if (Status s = exec(u, "pausing a webhook"); !s)
            return Result<bool>::failure(s.error());
        const bool paused = u.numRowsAffected() > 0;
        if (paused)
            notifyChange();
        return paused;
    });
}

Result<bool> JobStore::resumeWebhook(qint64 webhookId)
{
    return inTransaction<bool>([&]() -> Result<bool> {
        using R = Result<bool>;
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        q.prepare(sql("SELECT paused_at FROM webhooks WHERE id = :id {LOCK}"));
        q.bindValue(QStringLiteral(":id"), webhookId);
        if (Status s = exec(q, "reading a webhook"); !s)
            return R::failure(s.error());
        if (!q.next())
            return R::failure(notFound("webhook", webhookId), ErrorKind::NotFound);
        const auto pausedAt = optionalTime(q.value(0));
        q.finish();
        if (!pausedAt)
            return false;
        const TimeMs now = this->now();
        // The time paused does not count against the retry window of what was held.
        SqlStatement shift(database(), SqlStatement::Mode(statementMode()));
        shift.prepare(
            StatusSql::fill(QStringLiteral("UPDATE deliveries SET date_first_sent = date_first_sent + :paused WHERE "
                                           "webhook_id = :id AND status IN ({WAITING}, {RUNNING}) AND "
                                           "date_first_sent IS NOT NULL")));
        shift.bindValue(QStringLiteral(":paused"), qMax<qint64>(0, now - *pausedAt));
        shift.bindValue(QStringLiteral(":id"), webhookId);
        if (Status s = exec(shift, "resuming a webhook"); !s)
            return R::failure(s.error());
        SqlStatement u(database(), SqlStatement::Mode(statementMode()));
        // A resumed webhook gets its whole auto-disable period again before it is paused anew.
        u.prepare(QStringLiteral(
            "UPDATE webhooks SET paused_at = NULL, auto_paused_at = NULL, failing_since = NULL WHERE id = :id"));
        u.bindValue(QStringLiteral(":id"), webhookId);
        if (Status s = exec(u, "resuming a webhook"); !s)
            return R::failure(s.error());
        notifyChange();
        return true;
    });
}

Result<StuckReport> JobStore::stuckDeliveries(int listLimit)
{
    using R = Result<StuckReport>;
    ensureConnected();
    const TimeMs now = this->now();
    StuckReport report;
    SqlStatement counts(database(), SqlStatement::Mode(statementMode()));
    counts.setForwardOnly(true);
    counts.prepare(StatusSql::fill(
        QStringLiteral("SELECT (SELECT COUNT(*) FROM deliveries WHERE status = {RUNNING} AND "
                       "lease_expires < :now), (SELECT COUNT(*) FROM deliveries d WHERE ")
        + QLatin1String(OverdueWhere)
        + QStringLiteral("), (SELECT COUNT(*) FROM deliveries WHERE status = {RUNNING} AND lease_expires >= "
                         ":now2), (SELECT COUNT(*) FROM deliveries d WHERE ")
        + QLatin1String(HungWhere) + QStringLiteral(")")));
    counts.bindValue(QStringLiteral(":now"), now);
    counts.bindValue(QStringLiteral(":cutoff"), now - StuckDelivery::OverdueAfterMs);
    counts.bindValue(QStringLiteral(":live"), now);
    counts.bindValue(QStringLiteral(":now2"), now);
    counts.bindValue(QStringLiteral(":hnow"), now);
    counts.bindValue(QStringLiteral(":hcutoff"), now - StuckDelivery::HungAfterMs);
    if (Status s = exec(counts, "counting stuck deliveries"); !s)
        return R::failure(s.error());
    if (counts.next()) {
        report.leaseExpired = counts.value(0).toLongLong();
        report.overdue = counts.value(1).toLongLong();
        report.liveLeases = counts.value(2).toInt();
        report.hung = counts.value(3).toLongLong();
    }
    counts.finish();
    const struct
    {
        StuckDelivery::Reason reason;
        QString where;
        const char *order;
    } kinds[] = {
        { StuckDelivery::Reason::LeaseExpired,
            StatusSql::fill(QStringLiteral("d.status = {RUNNING} AND d.lease_expires < :now")),
            "d.lease_expires, d.id" },
        { StuckDelivery::Reason::Overdue, StatusSql::fill(QLatin1String(OverdueWhere)),
            "d.scheduled_start, d.id" },
        { StuckDelivery::Reason::Hung, StatusSql::fill(QLatin1String(HungWhere)), "d.date_claimed, d.id" },
    };
    for (const auto &kind : kinds) {
        if (listLimit <= 0)
            break;
        SqlStatement list(database(), SqlStatement::Mode(statementMode()));
        list.setForwardOnly(true);
        QString columns = QLatin1String(DeliveryColumns);
        columns.replace(QLatin1String(", "), QLatin1String(", d."));
        list.prepare(QStringLiteral("SELECT d.") + columns
            + QStringLiteral(", d.date_claimed FROM deliveries d WHERE ") + kind.where
            + QStringLiteral(" ORDER BY ") + QLatin1String(kind.order) + QStringLiteral(" LIMIT :limit"));
        if (kind.reason == StuckDelivery::Reason::Overdue) {
            list.bindValue(QStringLiteral(":cutoff"), now - StuckDelivery::OverdueAfterMs);
            list.bindValue(QStringLiteral(":live"), now);
        } else if (kind.reason == StuckDelivery::Reason::Hung) {
            list.bindValue(QStringLiteral(":hnow"), now);
            list.bindValue(QStringLiteral(":hcutoff"), now - StuckDelivery::HungAfterMs);
        } else {
            list.bindValue(QStringLiteral(":now"), now);
        }
        list.bindValue(QStringLiteral(":limit"), listLimit);
        if (Status s = exec(list, "listing stuck deliveries"); !s)
            return R::failure(s.error());
        while (list.next()) {
            Delivery d = readDelivery(list);
            d.payload.clear();
            const QVariant claimed
                = list.value(int(columns.count(QLatin1Char(','))) + 1); // after the delivery's
            report.first.append({ d, kind.reason,
                claimed.isNull() ? std::nullopt : std::optional<TimeMs>(claimed.toLongLong()) });
        }
    }
    return report;
}

Result<int> JobStore::requeueStuck()
{
    return inTransaction<int>([&]() -> Result<int> {
        SqlStatement u(database(), SqlStatement::Mode(statementMode()));
        u.prepare(StatusSql::fill(
            QStringLiteral("UPDATE deliveries SET status = {WAITING}, scheduled_start = :now, "
                           "lease_expires = NULL, lease_owner = NULL, lease_token = NULL WHERE "
                           "id IN (SELECT d.id FROM deliveries d WHERE (d.status = {RUNNING} AND "
                           "d.lease_expires < :now2) OR (")
            + QLatin1String(HungWhere) + QStringLiteral("))")));
        const TimeMs now = this->now();
        u.bindValue(QStringLiteral(":now"), now);
        u.bindValue(QStringLiteral(":now2"), now);
        // A hung attempt's worker still holds the lease: taken from it here, its record is
        // refused (the lease token no longer matches) and the delivery is tried again.
        u.bindValue(QStringLiteral(":hnow"), now);
        u.bindValue(QStringLiteral(":hcutoff"), now - StuckDelivery::HungAfterMs);
        if (Status s = exec(u, "re-queueing stuck deliveries"); !s)
            return Result<int>::failure(s.error());
        const int n = u.numRowsAffected();
        if (n > 0)
            notifyChange();
        return n;
    });
}
