#include "jobstore.h"

#include "sqlstatement.h"
#include "storelog.h"

#include <QList>
#include <QSqlError>

// The schema, as ordered steps, and how a store is brought to the newest.

namespace {

// Every migration step, in order; step N moves the schema from version N-1 to N.
// {ID}, {BLOB} are filled per backend. Never edit a step once it has shipped: add one.
struct MigrationStep
{
    QList<const char *> statements;
};

const QList<MigrationStep> &migrationSteps()
{
    static const QList<MigrationStep> steps = {
        { {
            R"(CREATE TABLE webhooks (
                    id {ID},
                    delivery_url TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1,
                    secret TEXT,
                    event_types TEXT NOT NULL DEFAULT '[]',
                    headers TEXT NOT NULL DEFAULT '[]',
                    timeout_ms BIGINT NOT NULL,
                    retry_preset TEXT NOT NULL,
                    retry_window_ms BIGINT NOT NULL,
                    retry_early_delay_ms BIGINT NOT NULL,
                    retry_early_period_ms BIGINT NOT NULL,
                    retry_late_delay_ms BIGINT NOT NULL,
                    trust_self_signed INTEGER NOT NULL DEFAULT 0,
                    date_created BIGINT NOT NULL,
                    date_last_modified BIGINT NOT NULL))",
            R"(CREATE TABLE deliveries (
                    id {ID},
                    webhook_id BIGINT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                    event_type TEXT NOT NULL,
                    payload {BLOB} NOT NULL,
                    status INTEGER NOT NULL,
                    attempt_count INTEGER NOT NULL DEFAULT 0,
                    total_attempts INTEGER NOT NULL DEFAULT 0,
                    date_created BIGINT NOT NULL,
                    date_first_sent BIGINT,
                    date_sent BIGINT,
                    date_finished BIGINT,
                    scheduled_start BIGINT,
                    lease_expires BIGINT,
                    lease_owner TEXT,
                    successful INTEGER,
                    failure_detail TEXT,
                    last_status_code INTEGER))",
            "CREATE INDEX deliveries_due ON deliveries (status, scheduled_start)",
            "CREATE INDEX deliveries_status_id ON deliveries (status, id)",
            "CREATE INDEX deliveries_webhook_id ON deliveries (webhook_id, id)",
            "CREATE INDEX deliveries_event_type_id ON deliveries (event_type, id)",
            "CREATE INDEX deliveries_finished ON deliveries (date_finished) WHERE date_finished IS NOT NULL",
            R"(CREATE TABLE attempts (
                    id {ID},
                    delivery_id BIGINT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    date_started BIGINT NOT NULL,
                    date_sent BIGINT NOT NULL,
                    duration_ms BIGINT NOT NULL,
                    request_url TEXT NOT NULL,
                    request_method TEXT NOT NULL,
                    request_headers TEXT NOT NULL,
                    response_status INTEGER,
                    response_headers TEXT,
                    response_body {BLOB},
                    response_body_truncated INTEGER NOT NULL DEFAULT 0,
                    connection_error TEXT,
                    deactivated INTEGER NOT NULL DEFAULT 0))",
            "CREATE INDEX attempts_delivery ON attempts (delivery_id, number)",
        } },
        // The claim takes the earliest due in (scheduled_start, id) order. Without id in the
        // index, PostgreSQL read and sorted every waiting delivery for each claim (22 ms with
        // 20,000 waiting); SQLite's indexes end in the row id already, the same index keeps
        // one schema for both.
        { {
            "DROP INDEX deliveries_due",
            "CREATE INDEX deliveries_due ON deliveries (status, scheduled_start, id)",
        } },
        // Each claim's token, so a late write of a claim whose lease expired cannot touch the
        // claim that took the delivery next; a webhook's own limit of requests in flight; and
        // the waiting deliveries by webhook, which the claim takes from in turn.
        { {
            "ALTER TABLE deliveries ADD COLUMN lease_token BIGINT",
            "ALTER TABLE webhooks ADD COLUMN max_in_flight INTEGER",
            "CREATE INDEX deliveries_waiting ON deliveries (webhook_id, scheduled_start, id) WHERE status = "
            "0",
        } },
        // The history filtered to failed deliveries: pages, counts and boundaries from an index
        // of the failed ones alone, instead of walking every delivery to find the failed fifth
        // (or the failed few of a healthy store). Its predicate is StatusSql::failed()'s, which
        // PostgreSQL needs word for word to use it.
        { {
            "CREATE INDEX deliveries_failed_id ON deliveries (id) WHERE successful = 0 AND status IN (2, 3)",
        } },
        // Pausing a webhook: while paused_at is set its deliveries are held (the claim and the
        // dispatcher's wake time leave them out) and, on resume, the time paused is added to
        // their retry windows.
        { {
            "ALTER TABLE webhooks ADD COLUMN paused_at BIGINT",
        } },
        // Each webhook's sender profile: the rows before it sent as Launchpad does. The retry
        // preset "seed" is named "launchpad" from here on, after the profile it belongs to
        // (readers still take "seed").
        { {
            "ALTER TABLE webhooks ADD COLUMN profile TEXT NOT NULL DEFAULT 'launchpad'",
            "UPDATE webhooks SET retry_preset = 'launchpad' WHERE retry_preset = 'seed'",
        } },
        // A webhook's health from its most recent attempts: the deliveries it sent last, by when
        // they were sent, read from the newest end of this index instead of sorting every
        // delivery of the webhook (the newest deliveries may not be due yet).
        { {
            "CREATE INDEX deliveries_webhook_sent ON deliveries (webhook_id, date_sent, id) "
            "WHERE date_sent IS NOT NULL",
        } },
        // Auto-disable: a webhook answered with nothing but failures for auto_disable_after_ms
        // (NULL: never) since failing_since is paused by the recording of its failures, and
        // auto_paused_at says the pause was that, not the user's.
        { {
            "ALTER TABLE webhooks ADD COLUMN auto_disable_after_ms BIGINT",
            "ALTER TABLE webhooks ADD COLUMN failing_since BIGINT",
            "ALTER TABLE webhooks ADD COLUMN auto_paused_at BIGINT",
        } },
        // Each webhook's whole retry schedule as JSON (RetryPolicy::toJson): steps, jitter,
        // Retry-After and the windows by failure class, which the columns cannot hold. Rows
        // from before keep it NULL and are read from their preset and columns, as written.
        { {
            "ALTER TABLE webhooks ADD COLUMN retry_schedule TEXT",
        } },
        // The receiver test tools' sends (TestSender) are attempts of their delivery, marked
        // with the tool's name; the dispatcher's own attempts have none.
        { {
            "ALTER TABLE attempts ADD COLUMN test_tool TEXT",
        } },
        // Secret rotation: the secret before the current one, and until when requests are
        // signed with it too.
        { {
            "ALTER TABLE webhooks ADD COLUMN previous_secret TEXT",
            "ALTER TABLE webhooks ADD COLUMN previous_secret_until BIGINT",
        } },
        // When a running delivery was claimed: an attempt still running long after its webhook's
        // timeout, its lease renewed all the while, is one whose attempt count stopped moving.
        { {
            "ALTER TABLE deliveries ADD COLUMN date_claimed BIGINT",
        } },
    };
    return steps;
}

} // namespace

int JobStore::schemaVersion()
{
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    if (!q.exec(QStringLiteral("SELECT version FROM hookwatch_schema")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Status JobStore::migrate()
{
    // The common case, a store already at this version: one read and no write lock, which a
    // busy worker may hold (every command would wait for it) and which costs a command that
    // only reads a good part of its run.
    {
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        if (q.exec(QStringLiteral("SELECT version FROM hookwatch_schema")) && q.next()
            && q.value(0).toInt() == int(migrationSteps().size()))
            return {};
    }
    if (Status s
        = execSql(QStringLiteral("CREATE TABLE IF NOT EXISTS hookwatch_schema (version INTEGER NOT NULL)"),
            "creating the schema table");
        !s)
        return s;
    const auto &steps = migrationSteps();
    const int known = int(steps.size());
    for (int target = 1; target <= known; ++target) {
        // Each step in a transaction of its own; false: the store is at `target` already.
        const Result<bool> stepped = inTransaction<bool>([&]() -> Result<bool> {
            // Several processes may start at once: one migrates, the others wait and see it done.
            if (m_config.backend == DatabaseConfig::Backend::Postgres)
                execSql(QStringLiteral("SELECT pg_advisory_xact_lock(7405183)"), "locking the schema");
            SqlStatement q(database(), SqlStatement::Mode(statementMode()));
            if (!q.exec(QStringLiteral("SELECT version FROM hookwatch_schema")))
                return Result<bool>::failure(q.lastError().text().simplified());
            const bool hasRow = q.next();
            const int current = hasRow ? q.value(0).toInt() : 0;
            q.finish();
            if (current > known)
                return Result<bool>::failure(
                    QStringLiteral("it was written by a newer version of Hookwatch (schema version %1; this "
                                   "version knows up to %2). Upgrade Hookwatch, or choose another database "
                                   "with --db.")
                        .arg(current)
                        .arg(known));
            if (current >= target)
                return false;
            for (const char *statement : steps.at(target - 1).statements) {
                if (Status s = execSql(sql(statement), "migrating the schema"); !s)
                    return Result<bool>::failure(s.error());
            }
            const QString update = hasRow
                ? QStringLiteral("UPDATE hookwatch_schema SET version = %1")
                : QStringLiteral("INSERT INTO hookwatch_schema (version) VALUES (%1)");
            if (Status s = execSql(update.arg(target), "recording the schema version"); !s)
                return Result<bool>::failure(s.error());
            return true;
        });
        if (!stepped)
            return Status::failure(stepped.error());
        if (stepped.value())
            qCDebug(lcStore) << "migrated the schema to version" << target;
    }
    return {};
}
