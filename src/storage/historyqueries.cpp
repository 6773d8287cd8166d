#include "jobstore.h"

#include "deliveryfiltersql.h"
#include "outcome.h"
#include "sqlstatement.h"
#include "statussql.h"
#include "storerows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <limits>

// The history: deliveries and their attempts as the window and the command line read them,
// and the counts at a glance.

using namespace StoreRows;

Result<Delivery> JobStore::delivery(qint64 id)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (Status s = exec(q, "reading a delivery"); !s)
        return Result<Delivery>::failure(s.error());
    if (!q.next())
        return Result<Delivery>::failure(notFound("delivery", id), ErrorKind::NotFound);
    return readDelivery(q);
}

Result<QList<Delivery>> JobStore::deliveries(const DeliveryFilter &filter)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    QString columns = QLatin1String(StoreRows::DeliveryColumns);
    if (!filter.withPayload)
        columns.replace(QLatin1String("payload"), QLatin1String("NULL"));
    const auto textFromId = textSearchBound(filter);
    if (!textFromId)
        return Result<QList<Delivery>>::failure(textFromId.error());
    const DeliveryFilterSql filterSql(filter, m_config.backend, textFromId.value());
    const QString fromRow = filterSql.pageAfterRow(columns);
    if (fromRow.isEmpty()) {
        q.prepare(QStringLiteral("SELECT ") + columns + filterSql.from() + filterSql.where()
            + filterSql.orderBy() + QStringLiteral(" LIMIT :limit OFFSET :offset"));
        q.bindValue(QStringLiteral(":offset"), filter.offset);
    } else {
        q.prepare(fromRow);
    }
    filterSql.bind(q);
    q.bindValue(QStringLiteral(":limit"), filter.limit);
    if (Status s = exec(q, "listing deliveries"); !s)
        return Result<QList<Delivery>>::failure(s.error());
    QList<Delivery> list;
    while (q.next())
        list.append(readDelivery(q));
    if (filter.fromEnd)
        std::reverse(list.begin(), list.end()); // read from the end, shown in the list's order
    return list;
}

Result<QList<qint64>> JobStore::historyBoundaries(
    const DeliveryFilter &filter, qint64 fromId, int every, int count)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    // One recursive query of OFFSET hops along the index, each from the key the last one found:
    // `count` hops of `every` rows, a short walk per hop (Q10 in docs/large-history.md).
    DeliveryFilter list = filter;
    list.sortKey = DeliveryFilter::SortKey::Id;
    list.fromEnd = false;
    // Each hop's own key bounds it: a second bound on the same side (the count's newest id)
    // would leave SQLite using that one and walking from the top at every hop.
    if (list.descending)
        list.beforeId.reset();
    else
        list.afterId.reset();
    const auto textFromId = textSearchBound(list);
    if (!textFromId)
        return Result<QList<qint64>>::failure(textFromId.error());
    const DeliveryFilterSql filterSql(list, m_config.backend, textFromId.value());
    const QString where = filterSql.where();
    const QString step = (where.isEmpty() ? QStringLiteral(" WHERE ") : where + QStringLiteral(" AND "))
        + (filter.descending ? QStringLiteral("id < b.k") : QStringLiteral("id > b.k"));
    q.prepare(
        QStringLiteral(
            "WITH RECURSIVE b(n, k) AS (SELECT 0, CAST(:from AS BIGINT) UNION ALL SELECT n + 1, (SELECT id")
        + filterSql.from() + step + filterSql.orderBy()
        // The hop and the count written in, not bound: PostgreSQL's generic plan for a bound
        // OFFSET took 545 ms a slice (JIT-compiled), with them written in 97 ms.
        + QStringLiteral(" LIMIT 1 OFFSET %1) FROM b WHERE b.k IS NOT NULL AND n < %2) "
                         "SELECT k FROM b WHERE n > 0 AND k IS NOT NULL ORDER BY n")
              .arg(every - 1)
              .arg(count));
    filterSql.bind(q);
    q.bindValue(QStringLiteral(":from"), fromId);
    if (Status s = exec(q, "finding the history's boundaries"); !s)
        return Result<QList<qint64>>::failure(s.error());
    QList<qint64> keys;
    while (q.next())
        keys.append(q.value(0).toLongLong());
    return keys;
}

Result<HistorySummary> JobStore::historySummary(const DeliveryFilter &filter, qint64 limit)
{
    using R = Result<HistorySummary>;
    ensureConnected();
    DeliveryFilter newest = filter;
    newest.sortKey = DeliveryFilter::SortKey::Id;
    newest.descending = true;
    newest.fromEnd = false;
    newest.offset = 0;
    const auto textFromId = textSearchBound(newest);
    if (!textFromId)
        return R::failure(textFromId.error());
    const DeliveryFilterSql filterSql(newest, m_config.backend, textFromId.value());
    const QString chosen = QStringLiteral("SELECT id, status, successful") + filterSql.from()
        + filterSql.where() + filterSql.orderBy() + QStringLiteral(" LIMIT :limit");
    HistorySummary summary;
    // One read transaction (no write lock) for both reads, so the attempts belong to the
    // deliveries counted.
    if (Status s = begin(false); !s)
        return R::failure(s.error());
    const Status read = [&]() -> Status {
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT successful, status, COUNT(*) FROM (") + chosen
            + QStringLiteral(") AS chosen GROUP BY successful, status"));
        filterSql.bind(q);
        q.bindValue(QStringLiteral(":limit"), limit);
        if (Status s = exec(q, "adding up the history"); !s)
            return s;
        while (q.next()) {
            Delivery d; // its display() is the one rule for the four outcomes
            if (!q.value(0).isNull())
                d.successful = q.value(0).toInt() != 0;
            d.status = JobStatus(q.value(1).toInt());
            summary.countDelivery(d.display(), q.value(2).toLongLong());
        }
        summary.capped = summary.deliveries >= limit;
        SqlStatement a(database(), SqlStatement::Mode(statementMode()));
        a.setForwardOnly(true);
        a.prepare(QStringLiteral("SELECT a.date_sent, a.duration_ms, a.response_status, a.connection_error, "
                                 "a.deactivated FROM attempts a WHERE a.delivery_id IN (SELECT id FROM (")
            + chosen + QStringLiteral(") AS chosen)"));
        filterSql.bind(a);
        a.bindValue(QStringLiteral(":limit"), limit);
        if (Status s = exec(a, "adding up the attempts"); !s)
            return s;
        QList<HistorySummary::AttemptPoint> points;
        while (a.next()) {
            const Outcome outcome = Outcome::classify(
                a.value(4).toInt() != 0, a.value(3).toString(), a.value(2).isNull() ? 0 : a.value(2).toInt());
            points.append({ a.value(0).toLongLong(), a.value(1).toLongLong(), outcome.successful });
        }
        summary.addAttempts(points);
        return {};
    }();
    if (!read) {
        rollback();
        return R::failure(read.error());
    }
    if (Status s = commit(); !s)
        return R::failure(s.error());
    return summary;
}

Result<qint64> JobStore::countDeliveries(const DeliveryFilter &filter)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    const auto textFromId = textSearchBound(filter);
    if (!textFromId)
        return Result<qint64>::failure(textFromId.error());
    const DeliveryFilterSql filterSql(filter, m_config.backend, textFromId.value());
    q.prepare(QStringLiteral("SELECT COUNT(*)") + filterSql.from() + filterSql.where());
    filterSql.bind(q);
    if (Status s = exec(q, "counting deliveries"); !s)
        return Result<qint64>::failure(s.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<HistoryGroup>> JobStore::historyGroups(const DeliveryFilter &filter)
{
    ensureConnected();
    if (!filter.sortsByGroup())
        return Result<QList<HistoryGroup>>::failure(QStringLiteral("the list is not sorted by groups"));
    DeliveryFilter all = filter;
    all.afterRow.reset();
    all.fromEnd = false;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    const auto textFromId = textSearchBound(all);
    if (!textFromId)
        return Result<QList<HistoryGroup>>::failure(textFromId.error());
    const DeliveryFilterSql filterSql(all, m_config.backend, textFromId.value());
    const QString column = filterSql.sortColumn();
    const bool byStatus = filter.sortKey == DeliveryFilter::SortKey::Status;
    q.prepare(QStringLiteral("SELECT ") + column + QStringLiteral(", COUNT(*), MIN(id), MAX(id)")
        + filterSql.from() + filterSql.where() + QStringLiteral(" GROUP BY ") + column
        + QStringLiteral(" ORDER BY ") + column
        + (filter.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC")));
    filterSql.bind(q);
    if (Status s = exec(q, "counting deliveries"); !s)
        return Result<QList<HistoryGroup>>::failure(s.error());
    QList<HistoryGroup> groups;
    while (q.next()) {
        const QVariant value = byStatus ? QVariant(q.value(0).toInt()) : QVariant(q.value(0).toString());
        groups.append({ value, q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong() });
    }
    return groups;
}

Result<qint64> JobStore::estimateDeliveries(const DeliveryFilter &filter)
{
    if (m_config.backend != DatabaseConfig::Backend::Postgres)
        return qint64(-1);
    ensureConnected();
    // Inline: PostgreSQL cannot PREPARE an EXPLAIN.
    SqlStatement q(database(), SqlStatement::Mode::Inline);
    const auto textFromId = textSearchBound(filter);
    if (!textFromId)
        return Result<qint64>::failure(textFromId.error());
    const DeliveryFilterSql filterSql(filter, m_config.backend, textFromId.value());
    // The top plan node's rows: pg_class.reltuples for the whole table, the planner's
    // selectivity for a filter (10,000,028 for 10,000,000; 1,969,222 for 2,000,000 failed).
    q.prepare(QStringLiteral("EXPLAIN (FORMAT JSON) SELECT 1") + filterSql.from() + filterSql.where());
    filterSql.bind(q);
    if (Status s = exec(q, "estimating the deliveries"); !s)
        return Result<qint64>::failure(s.error());
    q.next();
    const QJsonArray plans = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array();
    const QJsonValue rows = plans.at(0)[QLatin1String("Plan")][QLatin1String("Plan Rows")];
    return rows.isDouble() ? qint64(rows.toDouble()) : qint64(-1);
}

Result<QList<Attempt>> JobStore::attempts(qint64 deliveryId)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(AttemptColumns)
        + QStringLiteral(" FROM attempts WHERE delivery_id = :id ORDER BY number"));
    q.bindValue(QStringLiteral(":id"), deliveryId);
    if (Status s = exec(q, "reading attempts"); !s)
        return Result<QList<Attempt>>::failure(s.error());
    QList<Attempt> list;
    while (q.next())
        list.append(readAttempt(q, deliveryId));
    return list;
}

Result<QList<Delivery>> JobStore::retrySchedule(int limit)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    q.prepare(sql("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE status = {WAITING} AND successful = 0 "
                  "ORDER BY scheduled_start, id LIMIT :limit"));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (Status s = exec(q, "reading the retry schedule"); !s)
        return Result<QList<Delivery>>::failure(s.error());
    QList<Delivery> list;
    while (q.next())
        list.append(readDelivery(q));
    return list;
}

Result<StoreCounts> JobStore::counts()
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql("SELECT status, successful, COUNT(*) FROM deliveries WHERE status IN ({WAITING}, "
                  "{RUNNING}, {SUSPENDED}) "
                  "GROUP BY status, successful"));
    if (Status s = exec(q, "counting deliveries"); !s)
        return Result<StoreCounts>::failure(s.error());
    StoreCounts c;
    while (q.next()) {
        const int n = q.value(2).toInt();
        switch (static_cast<JobStatus>(q.value(0).toInt())) {
        case JobStatus::Waiting:
            c.waiting += n;
            if (!q.value(1).isNull() && q.value(1).toInt() == 0)
                c.retrying += n;
            break;
        case JobStatus::Running:
            c.running += n;
            break;
        case JobStatus::Suspended:
            c.suspended += n;
            break;
        default:
            break;
        }
    }
    SqlStatement f(database(), SqlStatement::Mode(statementMode()));
    // `+status`: only deliveries_finished can serve this (the last day's finished ones), never
    // the status index (every failed delivery ever), which SQLite picks on a store never ANALYZEd.
    f.prepare(sql("SELECT COUNT(*) FROM deliveries WHERE date_finished >= :since AND +status = {FAILED}"));
    f.bindValue(QStringLiteral(":since"), now() - 24 * RetryPolicy::Hour);
    if (Status s = exec(f, "counting failed deliveries"); !s)
        return Result<StoreCounts>::failure(s.error());
    f.next();
    c.failedLast24h = f.value(0).toInt();
    SqlStatement any(database(), SqlStatement::Mode(statementMode()));
    // One probe of deliveries_failed_id, whose predicate this is, named on SQLite as the
    // failed filter names it: SQLite's planner walks deliveries_due instead, every delivered
    // row before the first failed one (1.4 s at 10M, on every refresh of the status bar).
    DeliveryFilter failed;
    failed.display = Delivery::Display::Failed;
    const DeliveryFilterSql failedSql(failed, m_config.backend);
    any.prepare(QStringLiteral("SELECT 1") + failedSql.from() + failedSql.where() + QStringLiteral(" LIMIT 1"));
    failedSql.bind(any);
    if (Status s = exec(any, "looking for failed deliveries"); !s)
        return Result<StoreCounts>::failure(s.error());
    c.anyFailed = any.next();
    return c;
}

Result<QHash<qint64, int>> JobStore::pendingByWebhook()
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    // One pass over the pending rows through deliveries_status_id, for every webhook at once.
    // Grouped by status first, so the planner cannot prefer deliveries_webhook_id (every
    // delivery of the webhook, finished ones too) to save the sort, with statistics or without.
    q.prepare(
        sql("SELECT webhook_id, COUNT(*) FROM deliveries WHERE status IN ({WAITING}, {RUNNING}, {SUSPENDED}) "
            "GROUP BY status, webhook_id"));
    if (Status s = exec(q, "counting pending deliveries"); !s)
        return Result<QHash<qint64, int>>::failure(s.error());
    QHash<qint64, int> pending;
    while (q.next())
        pending[q.value(0).toLongLong()] += q.value(1).toInt();
    return pending;
}

Result<QList<Delivery>> JobStore::recentlySent(qint64 webhookId, int limit)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    QString columns = QLatin1String(StoreRows::DeliveryColumns);
    columns.replace(QLatin1String("payload"), QLatin1String("NULL"));
    // From the newest end of deliveries_webhook_sent, whose predicate is written out here word
    // for word so that PostgreSQL uses it.
    q.prepare(QStringLiteral("SELECT ") + columns
        + QStringLiteral(" FROM deliveries WHERE webhook_id = :webhook AND date_sent IS NOT NULL "
                         "ORDER BY date_sent DESC, id DESC LIMIT :limit"));
    q.bindValue(QStringLiteral(":webhook"), webhookId);
    q.bindValue(QStringLiteral(":limit"), limit);
    if (Status s = exec(q, "reading a webhook's recent deliveries"); !s)
        return Result<QList<Delivery>>::failure(s.error());
    QList<Delivery> list;
    while (q.next())
        list.append(readDelivery(q));
    return list;
}

Result<QList<LeaseHolder>> JobStore::leaseHolders()
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(
        sql("SELECT lease_owner, COUNT(*), MAX(lease_expires) FROM deliveries WHERE status = {RUNNING} AND "
            "lease_expires >= :now GROUP BY lease_owner ORDER BY lease_owner"));
    q.bindValue(QStringLiteral(":now"), now());
    if (Status s = exec(q, "reading leases"); !s)
        return Result<QList<LeaseHolder>>::failure(s.error());
    QList<LeaseHolder> list;
    while (q.next())
        list.append({ q.value(0).toString(), q.value(1).toInt(), q.value(2).toLongLong() });
    return list;
}

Result<std::optional<qint64>> JobStore::textSearchBound(const DeliveryFilter &filter)
{
    using R = Result<std::optional<qint64>>;
    if (m_config.backend != DatabaseConfig::Backend::Postgres || filter.text.isEmpty()
        || filter.textScanLimit <= 0)
        return R(std::nullopt);
    // Without the bound as a number the planner guessed a third of the table for `id >= (the
    // subquery)` and searched every attempt of the store once, hashed: 0.7 s at 1M, linear.
    DeliveryFilter rest = filter;
    rest.text.clear();
    rest.beforeId.reset();
    rest.afterId.reset();
    const DeliveryFilterSql restSql(rest, m_config.backend);
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral("SELECT MIN(recent.id) FROM (SELECT id") + restSql.from() + restSql.where()
        + QStringLiteral(" ORDER BY id DESC LIMIT :scanLimit) AS recent"));
    restSql.bind(q);
    q.bindValue(QStringLiteral(":scanLimit"), filter.textScanLimit);
    if (Status s = exec(q, "bounding the search"); !s)
        return R::failure(s.error());
    q.next();
    // No delivery at all: a bound past every id finds nothing, as the search should.
    return R(q.value(0).isNull() ? std::numeric_limits<qint64>::max() : q.value(0).toLongLong());
}
