#pragma once

#include "claim.h"
#include "clock.h"
#include "databaseconfig.h"
#include "delivery.h"
#include "deliveryfilter.h"
#include "historysummary.h"
#include "prunepacer.h"
#include "recovery.h"
#include "result.h"
#include "storecounts.h"
#include "webhook.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

class QSqlDatabase;
class ServerClock;
class QSqlError;
class QSqlQuery;
class SqlStatement;
class QObject;

// The job store: webhooks, deliveries (the jobs) and every attempt, on SQLite or PostgreSQL.
// One JobStore holds one connection and belongs to the thread that opened it; every other
// thread opens its own. Every method is a short transaction; none keeps rows in memory.
//
// Its parts, a file each in src/storage: jobstore.cpp (the connection, transactions,
// statements), migrations.cpp (the schema), webhookqueries.cpp, historyqueries.cpp (reading
// deliveries and attempts, counts), deliveryactions.cpp (creating, retrying, suspending,
// pruning), claiming.cpp and recording.cpp (the dispatcher's side), changewatch.cpp
// (noticing other connections' writes); storerows.cpp (rows to structs and back) and
// deliveryfiltersql.cpp (a DeliveryFilter as SQL) help them.
class JobStore
{
public:
    static constexpr int SchemaVersion = 12;
    static constexpr qint64 DefaultLeaseMs = Lease::DefaultDurationMs;

    explicit JobStore(DatabaseConfig config, const Clock *clock = Clock::system());
    ~JobStore();
    JobStore(const JobStore &) = delete;
    JobStore &operator=(const JobStore &) = delete;

    // Connects, creates or migrates the schema. Refuses a store written by a newer version.
    Status open();
    bool isOpen() const;
    const DatabaseConfig &config() const { return m_config; }
    // The clock every time the store keeps or compares is on: due times, leases, attempts. On
    // PostgreSQL (unless a test gave a clock of its own) the database server's clock, read
    // when connecting and every few minutes (ServerClock): workers on machines whose clocks
    // disagree still agree on leases and due times. Otherwise the clock given.
    const Clock *clock() const;
    TimeMs now() const;
    int schemaVersion();

    // Webhooks.
    Result<qint64> addWebhook(const Webhook &webhook);
    Status updateWebhook(const Webhook &webhook);
    Result<Webhook> webhook(qint64 id);
    Result<QList<Webhook>> webhooks();
    Status removeWebhook(qint64 id); // with all its deliveries and attempts
    // Makes `secret` the webhook's secret and keeps the one it had as the previous secret until
    // `keepPreviousUntil` (none kept when it had none). updateWebhook() leaves both as they are.
    Status rotateSecret(qint64 webhookId, const QString &secret, TimeMs keepPreviousUntil);

    // Deliveries.
    Result<qint64> createDelivery(qint64 webhookId, const QString &eventType, const QByteArray &payload);
    // `count` copies in one transaction (a load test); returns the first and last id. Due
    // now, or at `scheduledStart` (a test tool's batch, held back from the dispatcher).
    Result<QPair<qint64, qint64>> createDeliveries(qint64 webhookId, const QString &eventType,
        const QByteArray &payload, int count, std::optional<TimeMs> scheduledStart = std::nullopt);
    // The event path: one delivery for every active webhook subscribed to the event type.
    Result<QList<qint64>> emitEvent(const QString &eventType, const QByteArray &payload);
    Result<Delivery> delivery(qint64 id);
    Result<QList<Delivery>> deliveries(const DeliveryFilter &filter);
    Result<qint64> countDeliveries(const DeliveryFilter &filter);
    // The groups of a list sorted by status or event type, in the list's order: a count of each
    // read from the (key, id) index, the cost of countDeliveries().
    Result<QList<HistoryGroup>> historyGroups(const DeliveryFilter &filter);
    // The planner's estimate of countDeliveries() on PostgreSQL, at once where the count is a
    // scan of millions of rows; -1 on SQLite, which keeps no row estimates.
    Result<qint64> estimateDeliveries(const DeliveryFilter &filter);
    // The filtered history added up (HistorySummary), over the newest `limit` deliveries it
    // takes and their attempts: bounded at any size of store.
    Result<HistorySummary> historySummary(const DeliveryFilter &filter, qint64 limit);
    // Keys for jumping into a long list (id order only): the ids `every` rows apart in the
    // filter's order, after the row whose id is `fromId` (a boundary itself), at most `count`
    // of them; fewer at the end of the list.
    Result<QList<qint64>> historyBoundaries(
        const DeliveryFilter &filter, qint64 fromId, int every, int count);
    Result<QList<Attempt>> attempts(qint64 deliveryId);
    // Deliveries waiting for a retry after a failed attempt, soonest first.
    Result<QList<Delivery>> retrySchedule(int limit);
    Result<StoreCounts> counts();
    // Waiting, running or suspended deliveries per webhook id (webhooks with none left out).
    Result<QHash<qint64, int>> pendingByWebhook();
    // A webhook's deliveries sent most recently, the latest first, payloads left out: its
    // health at a glance follows the attempts made, not the newest deliveries (which may not be
    // due yet). A deactivated webhook's failures, which send nothing, are not among them.
    Result<QList<Delivery>> recentlySent(qint64 webhookId, int limit);
    Result<QList<LeaseHolder>> leaseHolders();

    // Manual actions, with Launchpad's transitions. retry() on a waiting delivery is
    // "retry now": it moves the next attempt to now and changes nothing else.
    Status retry(qint64 deliveryId, bool resetWindow);
    Result<int> retryFailed(std::optional<qint64> webhookId);
    Status suspend(qint64 deliveryId);

    // An admin's recovery tools (recovery.cpp). A bulk recovery sends the selected failed
    // deliveries again with a fresh retry window, in id order: each chunk is a transaction
    // of its own, so workers go on delivering meanwhile and the claim takes them at each
    // webhook's own pace. recoverFailedChunk() does one chunk after `afterId` and moves it on
    // past that chunk; `afterId` left as it was: nothing is left.
    Result<RecoveryPreview> previewFailed(const FailedSelection &selection, int listLimit);
    Result<int> recoverFailedChunk(const FailedSelection &selection, qint64 &afterId, int chunk);
    Result<qint64> recoverFailed(const FailedSelection &selection, int chunk = DefaultRecoveryChunk);
    static constexpr int DefaultRecoveryChunk = 2000;
    // Holds a webhook's deliveries (not attempted, not failed) until resumed; false when it was
    // paused already. On resume the time paused is added to each held delivery's retry
    // window, and they go out in order; false when it was not paused.
    Result<bool> pauseWebhook(qint64 webhookId);
    Result<bool> resumeWebhook(qint64 webhookId);
    // Deliveries running past their lease, and due deliveries that have waited over a minute
    // while nothing of their webhook is in flight (its webhook not paused).
    Result<StuckReport> stuckDeliveries(int listLimit);
    // Gives the deliveries running past their lease back to the queue, due now.
    Result<int> requeueStuck();

    // The dispatcher's side. claimDue() takes up to `limit` due deliveries (or only
    // `onlyId`, due or not, when given) for `owner`, atomically across processes, each
    // claim under a new lease token.
    Result<QList<ClaimedDelivery>> claimDue(
        const QString &owner, int limit, qint64 leaseMs, std::optional<qint64> onlyId = std::nullopt);
    Result<QList<ClaimedDelivery>> claimDue(
        const QString &owner, const ClaimRequest &request, qint64 leaseMs);
    // Records finished attempts and moves their deliveries on, all in one transaction. An
    // attempt whose claim no longer holds its delivery (the lease expired and it was claimed
    // again, or it was retried or suspended by hand meanwhile) is kept, numbered, and changes
    // nothing else. Returns the deliveries as they are afterwards (a deleted one is left out),
    // with the attempt numbers the store gave.
    Result<QList<Delivery>> recordAttempts(const QString &owner, const QList<AttemptRecord> &records);
    // Keeps a receiver test tool's sends (Attempt::testTool) as attempts of their deliveries,
    // numbered after the last, in one transaction; the deliveries' state, schedule and retry
    // count stay as they are. Returns them numbered (a deleted delivery's left out).
    Result<QList<Attempt>> recordTestAttempts(const QList<Attempt> &attempts);
    // Both of the above in one transaction: the dispatcher records a batch and claims the
    // next in one commit (one round trip fewer each on PostgreSQL, one WAL commit on SQLite).
    struct RecordedAndClaimed
    {
        QList<Delivery> recorded;
        QList<ClaimedDelivery> claimed;
    };
    Result<RecordedAndClaimed> recordAndClaim(
        const QString &owner, const QList<AttemptRecord> &records, int limit, qint64 leaseMs);
    Result<RecordedAndClaimed> recordAndClaim(const QString &owner, const QList<AttemptRecord> &records,
        const ClaimRequest &request, qint64 leaseMs);
    // Extends the leases still held by these claims.
    Status renewLeases(const QList<Lease> &leases, qint64 leaseMs);
    // Gives deliveries back unattempted (a worker shutting down), where these claims still
    // hold them.
    Status releaseLeases(const QList<Lease> &leases);
    // When the dispatcher must next look: the earliest scheduled start of a waiting delivery
    // whose webhook has room under its own limit, or the earliest lease expiry of a running one.
    Result<std::optional<TimeMs>> nextWakeTime();
    // Waiting or running deliveries exist (suspended ones and paused webhooks' do not count).
    Result<bool> hasUnfinished();

    // Deletes deliveries finished before `before`, in transactions and pauses the pacer sizes
    // (prunePacer(): about 100 ms each, 100 ms apart on SQLite), sleeping in the pauses: for a
    // caller with nothing else to do (`hookwatch prune`). Returns how many.
    Result<qint64> prune(TimeMs before);
    Result<qint64> prune(TimeMs before, PrunePacer pacer);
    // The pacing for this store's backend; a caller with an event loop starts each chunk
    // pauseMs() after the last, and record()s each.
    PrunePacer prunePacer() const;
    // One chunk of that, in one short transaction: a caller that must stay responsive (a
    // worker, the window) goes back to its event loop between chunks. Fewer than `chunk`
    // deleted: nothing is left to prune.
    Result<int> pruneChunk(TimeMs before, int chunk);

    // Calls `onChange` (in this thread, with `context` alive) when another connection or
    // process changes the store: PostgreSQL notifications, or, through a transaction pooler,
    // the server's transaction counter checked every half second; SQLite's data_version
    // checked every quarter second. The timers belong to `context` and use this store: `context` must
    // not outlive it (delete it with the store).
    // `pollMs`, when given, checks at that interval even where notifications would do.
    void watchChanges(
        QObject *context, std::function<void()> onChange, std::optional<int> pollMs = std::nullopt);
    static constexpr int DefaultSqliteCheckMs = 250;
    static constexpr int DefaultPoolerPollMs = 500;

    // PostgreSQL through a transaction pooler (DatabaseConfig::Pooler, or detected on open):
    // statements go unprepared and changes are noticed by polling, not by notifications.
    bool throughTransactionPooler() const { return m_throughPooler; }

    // The SQLite file turned out damaged (corrupt, or not a database): retrying cannot help.
    bool isDamaged() const { return m_damaged; }

    // This store's connection, for other storage code running in the same thread.
    QSqlDatabase database() const;

private:
    Status exec(SqlStatement &query, const char *what);
    // PostgreSQL: a lost connection is noticed on the failing call and re-opened at the
    // start of the next one, so a worker rides out a server restart.
    void noteFailure(const QSqlError &error);
    // Before each use: re-opens a lost connection, and reads the server's clock again when the
    // last reading is a few minutes old.
    void ensureConnected();
    void syncServerClock();
    Status execSql(const QString &sql, const char *what);
    Status begin(bool write = true);
    Status commit();
    void rollback();
    Status migrate();
    void notifyChange();
    QString sql(const char *statement) const; // adapts the few dialect differences
    // On PostgreSQL, for a text search bounded to the newest deliveries: the lowest id of those,
    // for DeliveryFilterSql to write into its SQL (see there). Nothing on SQLite, whose planner
    // reads the bound's subquery first by itself, or when the search is not bounded.
    Result<std::optional<qint64>> textSearchBound(const DeliveryFilter &filter);
    // A statement prepared once per connection and kept: the dispatcher's hot path runs
    // the same few statements thousands of times a second. Null (with `error` set) on failure.
    SqlStatement *prepared(const char *key, const QString &statement, Status &error);
    // Inline behind a transaction pooler, prepared otherwise (see SqlStatement).
    int statementMode() const;
    static QString notFound(const char *what, qint64 id); // "no webhook with id 7"
    static constexpr const char *NotifyChannel = "hookwatch_changes";
    Status ensureWebhookExists(qint64 id);
    // Runs `body` in a write transaction: committed when it succeeds, rolled back when not.
    template <typename T, typename Body> Result<T> inTransaction(Body body);
    // The dispatcher's statements inside a transaction the caller began; on failure the
    // caller rolls back.
    Result<QList<ClaimedDelivery>> claimDueLocked(
        const QString &owner, const ClaimRequest &request, qint64 leaseMs, std::optional<qint64> onlyId);
    Result<QList<Delivery>> recordAttemptsLocked(const QString &owner, const QList<AttemptRecord> &records);
    // Keeps each webhook's failing_since by the attempts just recorded, and pauses a webhook
    // failing for longer than its auto_disable_after_ms.
    Status trackFailingWebhooksLocked(const QList<Delivery> &recorded);
    // Reads a delivery's state inside the caller's transaction, its row locked on PostgreSQL
    // until the transaction ends.
    struct LockedDelivery
    {
        JobStatus status;
        std::optional<TimeMs> leaseExpires;
        QString leaseOwner;
    };
    Result<LockedDelivery> lockDelivery(qint64 deliveryId);
    Status createSqliteFile();
    void detectPooler();
    void setSessionOptions();

    DatabaseConfig m_config;
    const Clock *m_clock;
    std::unique_ptr<ServerClock> m_serverClock; // PostgreSQL on the system clock
    QString m_connectionName;
    bool m_open = false;
    std::unordered_map<std::string, std::unique_ptr<SqlStatement>> m_statements;
    TimeMs m_nextLeaseRecovery = 0;
    bool m_broken = false;
    bool m_damaged = false;
    bool m_subscribed = false;
    bool m_throughPooler = false;
};

template <typename T, typename Body> Result<T> JobStore::inTransaction(Body body)
{
    ensureConnected();
    if (Status s = begin(); !s)
        return Result<T>::failure(s.error());
    Result<T> result = body();
    if (!result) {
        rollback();
        return result;
    }
    if (Status s = commit(); !s)
        return Result<T>::failure(s.error());
    return result;
}
