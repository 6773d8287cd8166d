#include "jobstore.h"

#include "deliverystate.h"
#include "outcome.h"
#include "sqlstatement.h"
#include "storelog.h"
#include "storerows.h"

#include <QMap>
#include <QSqlError>

#include <algorithm>
#include <string>

// The dispatcher's records: each finished attempt kept, and its delivery moved on by the
// attempt's outcome, where the attempt's own claim still holds it.

using namespace StoreRows;

Result<QList<Delivery>> JobStore::recordAttempts(const QString &owner, const QList<AttemptRecord> &records)
{
    if (records.isEmpty())
        return QList<Delivery>();
    return inTransaction<QList<Delivery>>([&] { return recordAttemptsLocked(owner, records); });
}

Result<QList<Attempt>> JobStore::recordTestAttempts(const QList<Attempt> &attempts)
{
    using R = Result<QList<Attempt>>;
    if (attempts.isEmpty())
        return QList<Attempt>();
    return inTransaction<QList<Attempt>>([&]() -> R {
        // A few rows (a burst is at most a hundred): a statement each is plenty.
        SqlStatement count(database(), SqlStatement::Mode(statementMode()));
        const bool prepared
            = count.prepare(sql("UPDATE deliveries SET total_attempts = total_attempts + 1 WHERE id = :id "
                                "RETURNING total_attempts"));
        SqlStatement insert(database(), SqlStatement::Mode(statementMode()));
        if (!prepared
            || !insert.prepare(QStringLiteral(
                "INSERT INTO attempts (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                   .arg(QLatin1String(AttemptInsertColumns))))
            return R::failure(QStringLiteral("database error while recording a test send: %1")
                                  .arg((prepared ? insert : count).lastError().text().simplified()));
        QList<Attempt> numbered;
        for (Attempt a : attempts) {
            count.bindValue(QStringLiteral(":id"), a.deliveryId);
            if (Status s = exec(count, "recording a test send"); !s)
                return R::failure(s.error());
            if (!count.next())
                continue; // deleted meanwhile
            a.number = count.value(0).toInt();
            count.finish();
            int position = 0;
            bindAttempt(insert, position, a, a.number);
            if (Status s = exec(insert, "recording a test send"); !s)
                return R::failure(s.error());
            numbered.append(a);
        }
        notifyChange();
        return numbered;
    });
}

Result<JobStore::RecordedAndClaimed> JobStore::recordAndClaim(
    const QString &owner, const QList<AttemptRecord> &records, int limit, qint64 leaseMs)
{
    ClaimRequest request;
    request.limit = limit;
    return recordAndClaim(owner, records, request, leaseMs);
}

Result<JobStore::RecordedAndClaimed> JobStore::recordAndClaim(
    const QString &owner, const QList<AttemptRecord> &records, const ClaimRequest &request, qint64 leaseMs)
{
    using R = Result<RecordedAndClaimed>;
    return inTransaction<RecordedAndClaimed>([&]() -> R {
        RecordedAndClaimed done;
        if (!records.isEmpty()) {
            auto recorded = recordAttemptsLocked(owner, records);
            if (!recorded)
                return R::failure(recorded.error());
            done.recorded = recorded.value();
        }
        auto claimed = claimDueLocked(owner, request, leaseMs, std::nullopt);
        if (!claimed)
            return R::failure(claimed.error());
        done.claimed = claimed.value();
        return done;
    });
}

Result<QList<Delivery>> JobStore::recordAttemptsLocked(
    const QString &owner, const QList<AttemptRecord> &records)
{
    using R = Result<QList<Delivery>>;
    // One UPDATE and one INSERT for the whole batch, not two statements per attempt:
    // on PostgreSQL every statement is a round trip.
    struct Row
    {
        const AttemptRecord *record;
        DeliveryUpdate update;
        std::optional<Delivery> after;
    };
    QList<Row> rows;
    rows.reserve(records.size());
    for (const AttemptRecord &record : records) {
        const Attempt &a = record.attempt;
        Outcome outcome
            = Outcome::classify(a.deactivated, a.connectionError, a.response ? a.response->statusCode : 0);
        if (a.response) {
            for (const auto &[name, value] : a.response->headers) {
                if (name.compare("Retry-After", Qt::CaseInsensitive) == 0)
                    outcome.retryAfterMs = RetryPolicy::parseRetryAfter(value, a.dateSent);
            }
        }
        rows.append({ &record,
            DeliveryUpdate::afterAttempt(
                record.before, outcome, a.dateSent, record.policy, record.jitterUnit),
            {} });
    }
    const int n = int(rows.size());
    Status error;
    QStringList tuples;
    for (int i = 0; i < n; ++i)
        tuples << QStringLiteral(
            "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS BIGINT), "
            "CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), "
            "CAST(? AS TEXT), CAST(? AS INTEGER))");
    // Only where the attempt's own claim still holds the delivery (same token): the numbers
    // come back from the row, so an attempt recorded late by an earlier claim cannot repeat one.
    const std::string updateKey = "record.update." + std::to_string(n);
    SqlStatement *update = prepared(updateKey.c_str(),
        sql("WITH v(id, token, status, first_sent, sent, finished, next_start, successful, detail, "
            "code) AS (VALUES %1) UPDATE deliveries SET status = v.status, date_first_sent = "
            "v.first_sent, date_sent = v.sent, date_finished = v.finished, scheduled_start = "
            "v.next_start, successful = v.successful, failure_detail = v.detail, last_status_code = "
            "v.code, lease_owner = NULL, lease_expires = NULL, lease_token = NULL, total_attempts = "
            "deliveries.total_attempts + 1, attempt_count = deliveries.attempt_count + 1 FROM v WHERE "
            "deliveries.id = v.id AND deliveries.status = {RUNNING} AND deliveries.lease_token = v.token AND "
            "deliveries.lease_owner = ? RETURNING deliveries.id, deliveries.total_attempts, "
            "deliveries.attempt_count")
            .arg(tuples.join(QLatin1String(", "))),
        error);
    SqlStatement *attemptOnly = prepared("record.count",
        sql("UPDATE deliveries SET total_attempts = total_attempts + 1 WHERE id = :id "
            "RETURNING {DELIVERY_COLUMNS}"),
        error);
    // Suspended by hand while its attempt was out: the state stays suspended, but the result,
    // the send dates and the count since the last manual retry describe the attempt just made,
    // unless a later attempt (by a claim taken after this lease expired) is recorded already.
    SqlStatement *suspendedResult = prepared("record.suspended",
        sql("UPDATE deliveries SET total_attempts = total_attempts + 1, attempt_count = attempt_count + 1, "
            "successful = :successful, failure_detail = CAST(:detail AS TEXT), last_status_code = "
            "CAST(:code AS INTEGER), date_sent = CAST(:sent AS BIGINT), date_first_sent = "
            "COALESCE(date_first_sent, CAST(:first_sent AS BIGINT)) WHERE id = :id AND status = {SUSPENDED} "
            "AND (date_sent IS NULL OR date_sent <= :attempt_sent) RETURNING {DELIVERY_COLUMNS}"),
        error);
    SqlStatement *alreadyRecorded = prepared("record.exists",
        QStringLiteral("SELECT 1 FROM attempts WHERE delivery_id = :id AND "
                       "date_started = :started AND date_sent = :sent"),
        error);
    if (!update || !attemptOnly || !suspendedResult || !alreadyRecorded)
        return R::failure(error.error());
    int position = 0;
    for (const Row &row : std::as_const(rows)) {
        const DeliveryUpdate &u = row.update;
        update->bindValue(position++, row.record->attempt.deliveryId);
        update->bindValue(position++, row.record->before.leaseToken);
        update->bindValue(position++, int(u.status));
        update->bindValue(position++, nullableTime(u.dateFirstSent));
        update->bindValue(position++, nullableTime(u.dateSent));
        update->bindValue(position++, nullableTime(u.dateFinished));
        update->bindValue(position++, nullableTime(u.scheduledStart));
        update->bindValue(position++, u.successful ? 1 : 0);
        update->bindValue(position++, nullableText(u.failureDetail.isEmpty() ? QString() : u.failureDetail));
        update->bindValue(position++, nullableInt(u.lastStatusCode));
    }
    update->bindValue(position, owner);
    if (Status s = exec(*update, "recording attempts"); !s) {
        return R::failure(s.error());
    }
    QHash<qint64, QPair<int, int>> updated; // id: total attempts, attempt count, as written
    while (update->next())
        updated.insert(update->value(0).toLongLong(), { update->value(1).toInt(), update->value(2).toInt() });
    update->finish();
    for (Row &row : rows) {
        const qint64 id = row.record->attempt.deliveryId;
        if (const auto it = updated.constFind(id); it != updated.constEnd()) {
            // Still this claim's since it was made: the new state is known without reading it back.
            const DeliveryUpdate &u = row.update;
            Delivery d = row.record->before;
            d.status = u.status;
            d.dateFirstSent = u.dateFirstSent;
            d.dateSent = u.dateSent;
            d.dateFinished = u.dateFinished;
            d.scheduledStart = u.scheduledStart;
            d.successful = u.successful;
            d.failureDetail = u.failureDetail;
            d.lastStatusCode = u.lastStatusCode;
            d.leaseOwner.clear();
            d.leaseExpires.reset();
            d.leaseToken = 0;
            d.totalAttempts = it->first;
            d.attemptCount = it->second;
            row.after = d;
            continue;
        }
        // Recorded already? A COMMIT can succeed on the server while its answer is lost with
        // the connection; the dispatcher then records the batch again. Apply it once.
        alreadyRecorded->bindValue(QStringLiteral(":id"), id);
        alreadyRecorded->bindValue(QStringLiteral(":started"), row.record->attempt.dateStarted);
        alreadyRecorded->bindValue(QStringLiteral(":sent"), row.record->attempt.dateSent);
        if (Status s = exec(*alreadyRecorded, "recording an attempt"); !s) {
            return R::failure(s.error());
        }
        const bool duplicate = alreadyRecorded->next();
        alreadyRecorded->finish();
        if (duplicate)
            continue;
        const DeliveryUpdate &u = row.update;
        suspendedResult->bindValue(QStringLiteral(":successful"), u.successful ? 1 : 0);
        suspendedResult->bindValue(
            QStringLiteral(":detail"), nullableText(u.failureDetail.isEmpty() ? QString() : u.failureDetail));
        suspendedResult->bindValue(QStringLiteral(":code"), nullableInt(u.lastStatusCode));
        suspendedResult->bindValue(QStringLiteral(":sent"), nullableTime(u.dateSent));
        suspendedResult->bindValue(QStringLiteral(":first_sent"), nullableTime(u.dateFirstSent));
        suspendedResult->bindValue(QStringLiteral(":id"), id);
        suspendedResult->bindValue(QStringLiteral(":attempt_sent"), row.record->attempt.dateSent);
        if (Status s = exec(*suspendedResult, "recording an attempt"); !s) {
            return R::failure(s.error());
        }
        if (suspendedResult->next())
            row.after = readDelivery(*suspendedResult);
        suspendedResult->finish();
        if (row.after)
            continue;
        // Otherwise the delivery moved on while the attempt was out (its lease expired and it
        // was claimed again, it was retried by hand, or its webhook was deleted): the request
        // was made, so the attempt is kept if the delivery still exists, and the state stays
        // as the other party set it.
        attemptOnly->bindValue(QStringLiteral(":id"), id);
        if (Status s = exec(*attemptOnly, "recording an attempt"); !s) {
            return R::failure(s.error());
        }
        if (attemptOnly->next())
            row.after = readDelivery(*attemptOnly);
        attemptOnly->finish();
    }
    QList<const Row *> kept;
    for (const Row &row : std::as_const(rows)) {
        if (row.after)
            kept.append(&row);
    }
    QList<Delivery> after;
    if (!kept.isEmpty()) {
        QStringList values;
        for (qsizetype i = 0; i < kept.size(); ++i)
            values << QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const std::string insertKey = "record.insert." + std::to_string(kept.size());
        SqlStatement *insert = prepared(insertKey.c_str(),
            QStringLiteral("INSERT INTO attempts (%1) VALUES %2")
                .arg(QLatin1String(AttemptInsertColumns), values.join(QLatin1String(", "))),
            error);
        if (!insert) {
            return R::failure(error.error());
        }
        position = 0;
        for (const Row *row : std::as_const(kept)) {
            bindAttempt(*insert, position, row->record->attempt, row->after->totalAttempts);
            after.append(*row->after);
        }
        if (Status s = exec(*insert, "recording attempts"); !s) {
            return R::failure(s.error());
        }
    }
    if (Status s = trackFailingWebhooksLocked(after); !s)
        return R::failure(s.error());
    notifyChange();
    return after;
}

Status JobStore::trackFailingWebhooksLocked(const QList<Delivery> &recorded)
{
    // Per webhook, from this batch in the order sent: whether its last answer was a success,
    // and when its run of failures since the last success began.
    struct Run
    {
        bool succeeded = false; // a success in this batch, after which the run starts afresh
        std::optional<TimeMs> failingSince;
    };
    QMap<qint64, Run> runs;
    QList<const Delivery *> bySent;
    for (const Delivery &d : recorded) {
        if (d.dateSent)
            bySent.append(&d);
    }
    std::stable_sort(bySent.begin(), bySent.end(),
        [](const Delivery *a, const Delivery *b) { return *a->dateSent < *b->dateSent; });
    for (const Delivery *d : std::as_const(bySent)) {
        Run &run = runs[d->webhookId];
        if (d->successful.value_or(false)) {
            run.succeeded = true;
            run.failingSince.reset();
        } else if (!run.failingSince) {
            run.failingSince = *d->dateSent;
        }
    }
    if (runs.isEmpty())
        return {};
    Status error;
    SqlStatement *track = prepared("record.failing",
        QStringLiteral(
            "UPDATE webhooks SET failing_since = CASE WHEN CAST(:since AS BIGINT) IS NULL THEN NULL WHEN "
            "CAST(:fresh AS INTEGER) = 1 THEN CAST(:since2 AS BIGINT) ELSE COALESCE(failing_since, "
            "CAST(:since3 AS BIGINT)) END WHERE id = :id"),
        error);
    // The pause is the user's pause (JobStore::pauseWebhook), marked as this one.
    SqlStatement *pause = prepared("record.autopause",
        QStringLiteral(
            "UPDATE webhooks SET paused_at = CAST(:now AS BIGINT), auto_paused_at = CAST(:now2 AS BIGINT) "
            "WHERE id = :id AND paused_at IS NULL AND auto_disable_after_ms IS NOT NULL AND "
            "failing_since IS NOT NULL AND failing_since + auto_disable_after_ms <= CAST(:now3 AS BIGINT)"),
        error);
    if (!track || !pause)
        return error;
    const TimeMs now = this->now();
    for (auto it = runs.constBegin(); it != runs.constEnd(); ++it) {
        const QVariant since = nullableTime(it->failingSince);
        track->bindValue(QStringLiteral(":since"), since);
        track->bindValue(QStringLiteral(":fresh"), it->succeeded ? 1 : 0);
        track->bindValue(QStringLiteral(":since2"), since);
        track->bindValue(QStringLiteral(":since3"), since);
        track->bindValue(QStringLiteral(":id"), it.key());
        if (Status s = exec(*track, "recording a webhook's failures"); !s)
            return s;
        track->finish();
        if (!it->failingSince)
            continue;
        pause->bindValue(QStringLiteral(":now"), now);
        pause->bindValue(QStringLiteral(":now2"), now);
        pause->bindValue(QStringLiteral(":now3"), now);
        pause->bindValue(QStringLiteral(":id"), it.key());
        if (Status s = exec(*pause, "pausing a failing webhook"); !s)
            return s;
        if (pause->numRowsAffected() > 0)
            qCInfo(lcStore) << "webhook" << it.key()
                            << "paused: nothing but failures for its auto-disable period";
        pause->finish();
    }
    return {};
}
