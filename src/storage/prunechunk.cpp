#include "prunechunk.h"

#include "delivery.h"
#include "jobstore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {
Result<int> failure(const QSqlQuery &q, const char *what)
{
    return Result<int>::failure(QStringLiteral("database error while %1: %2")
                                    .arg(QLatin1String(what), q.lastError().text().simplified()));
}
} // namespace

Result<int> pruneChunk(JobStore &store, TimeMs before, int limit)
{
    QSqlDatabase db = store.database();
    const bool sqlite = store.config().backend == DatabaseConfig::Backend::Sqlite;
    QSqlQuery q(db);
    // SQLite: the write lock up front, as JobStore's own write transactions take it.
    if (!q.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
        return failure(q, "starting a transaction");
    // `+status`: only deliveries_finished can serve this (the old finished ones), never the status
    // index (every finished delivery, old or new), which SQLite picks on a store never ANALYZEd.
    q.prepare(
        QStringLiteral("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE date_finished < "
                       ":before AND +status IN (%1, %2) LIMIT :limit)")
            .arg(int(JobStatus::Completed))
            .arg(int(JobStatus::Failed)));
    q.bindValue(QStringLiteral(":before"), before);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec()) {
        const auto error = failure(q, "pruning deliveries");
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    const int n = q.numRowsAffected();
    // Other processes watching a PostgreSQL store hear of it, as of JobStore's own changes.
    if (n > 0 && !sqlite && !q.exec(QStringLiteral("NOTIFY hookwatch_changes"))) {
        const auto error = failure(q, "announcing the prune");
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const auto error = failure(q, "committing");
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    return n;
}
