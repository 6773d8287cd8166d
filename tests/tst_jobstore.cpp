#include "jobstore.h"
#include "testdatabases.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <set>

namespace {
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr TimeMs T0 = 1795860000000; // 2026-11-28T10:00:00Z

Webhook makeWebhook(const QString &url = QStringLiteral("http://127.0.0.1:9/hook"))
{
    Webhook w;
    w.deliveryUrl = url;
    return w;
}

// A finished attempt as the dispatcher records it.
AttemptRecord attemptRecord(
    const ClaimedDelivery &c, int status, TimeMs at, const QString &connectionError = QString())
{
    AttemptRecord r;
    r.before = c.delivery;
    r.policy = c.webhook.retryPolicy;
    r.attempt.deliveryId = c.delivery.id;
    r.attempt.dateStarted = at;
    r.attempt.dateSent = at;
    r.attempt.request.url = c.webhook.deliveryUrl;
    r.attempt.deactivated = !c.webhook.active;
    if (status > 0) {
        AttemptResponse resp;
        resp.statusCode = status;
        resp.body = "body";
        r.attempt.response = resp;
    } else {
        r.attempt.connectionError = connectionError;
    }
    return r;
}

QList<Delivery> record(JobStore &store, const QString &owner, const ClaimedDelivery &c, int status, TimeMs at,
    const QString &connectionError = QString())
{
    return store.recordAttempts(owner, { attemptRecord(c, status, at, connectionError) }).value();
}
} // namespace

class TestJobStore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabases::Scratch> m_scratch;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<JobStore> m_store;

    // Opens a fresh store on the row's backend; returns false after QSKIP/QFAIL.
    bool openFresh()
    {
        QFETCH(QString, backend);
        m_store.reset();
        m_scratch = std::make_unique<TestDatabases::Scratch>(backend);
        if (!m_scratch->ok()) {
            if (TestDatabases::postgresRequired())
                QTest::qFail(qPrintable(m_scratch->error()), __FILE__, __LINE__);
            else
                QTest::qSkip(qPrintable(m_scratch->error()), __FILE__, __LINE__);
            return false;
        }
        m_clock = std::make_unique<ManualClock>(T0);
        m_store = std::make_unique<JobStore>(m_scratch->config(), m_clock.get());
        const Status opened = m_store->open();
        if (!opened) {
            QTest::qFail(qPrintable(opened.error()), __FILE__, __LINE__);
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_store.reset();
        m_scratch.reset();
    }

    void migratesAndReopens_data() { TestDatabases::addBackendRows(); }
    void migratesAndReopens()
    {
        if (!openFresh())
            return;
        QCOMPARE(m_store->schemaVersion(), JobStore::SchemaVersion);
        const qint64 id = m_store->addWebhook(makeWebhook()).value();
        m_store.reset();
        JobStore again(m_scratch->config(), m_clock.get());
        QVERIFY2(again.open().ok(), "reopening a migrated store");
        QCOMPARE(again.webhook(id).value().deliveryUrl, QStringLiteral("http://127.0.0.1:9/hook"));
    }

    // A store written by an earlier version is brought to the current schema on open, its
    // rows kept. The earlier schema is made by undoing the later steps on a fresh store.
    void migratesFromEveryPastVersion_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("from");
        for (const char *backend : { "sqlite", "postgresql" }) {
            for (int from = 1; from < JobStore::SchemaVersion; ++from)
                QTest::addRow("%s from %d", backend, from) << QString::fromLatin1(backend) << from;
        }
    }
    void migratesFromEveryPastVersion()
    {
        QFETCH(QString, backend);
        QFETCH(int, from);
        if (!openFresh())
            return;
        Webhook custom = makeWebhook();
        custom.retryPolicy.windowMs = 3 * Hour; // a custom value in its column, kept
        const qint64 hook = m_store->addWebhook(custom).value();
        // A delivered one, its attempt kept through every step.
        const qint64 delivered = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        const auto toDeliver = m_store->claimDue(QStringLiteral("w"), 1, 60000, delivered).value();
        QCOMPARE(toDeliver.size(), 1);
        record(*m_store, QStringLiteral("w"), toDeliver.first(), 200, T0);
        Webhook current = makeWebhook();
        current.retryPolicy = RetryPolicy::launchpadCurrent();
        current.retryPolicy.earlyDelayMs = 7 * 60 * 1000; // custom, in its column
        const qint64 currentHook = m_store->addWebhook(current).value();
        const qint64 id = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        {
            // Each step undone, newest first.
            const QList<QStringList> undo = {
                {},
                { QStringLiteral("DROP INDEX deliveries_due"),
                    QStringLiteral("CREATE INDEX deliveries_due ON deliveries (status, scheduled_start)") },
                { QStringLiteral("DROP INDEX deliveries_waiting"),
                    QStringLiteral("ALTER TABLE deliveries DROP COLUMN lease_token"),
                    QStringLiteral("ALTER TABLE webhooks DROP COLUMN max_in_flight") },
                { QStringLiteral("DROP INDEX deliveries_failed_id") },
                { QStringLiteral("ALTER TABLE webhooks DROP COLUMN paused_at") },
                { QStringLiteral("ALTER TABLE webhooks DROP COLUMN profile"),
                    QStringLiteral(
                        "UPDATE webhooks SET retry_preset = 'seed' WHERE retry_preset = 'launchpad'") },
                { QStringLiteral("DROP INDEX deliveries_webhook_sent") },
                { QStringLiteral("ALTER TABLE webhooks DROP COLUMN auto_disable_after_ms"),
                    QStringLiteral("ALTER TABLE webhooks DROP COLUMN failing_since"),
                    QStringLiteral("ALTER TABLE webhooks DROP COLUMN auto_paused_at") },
                { QStringLiteral("ALTER TABLE webhooks DROP COLUMN retry_schedule") },
                { QStringLiteral("ALTER TABLE attempts DROP COLUMN test_tool") },
                { QStringLiteral("ALTER TABLE webhooks DROP COLUMN previous_secret"),
                    QStringLiteral("ALTER TABLE webhooks DROP COLUMN previous_secret_until") },
                { QStringLiteral("ALTER TABLE deliveries DROP COLUMN date_claimed") },
            };
            QCOMPARE(int(undo.size()), JobStore::SchemaVersion);
            QSqlQuery q(m_store->database());
            for (int version = JobStore::SchemaVersion; version > from; --version) {
                for (const QString &statement : undo.at(version - 1))
                    QVERIFY2(q.exec(statement), qPrintable(statement + q.lastError().text()));
            }
            QVERIFY(q.exec(QStringLiteral("UPDATE hookwatch_schema SET version = %1").arg(from)));
        }
        m_store.reset();
        m_store = std::make_unique<JobStore>(m_scratch->config(), m_clock.get());
        const Status opened = m_store->open();
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE(m_store->schemaVersion(), JobStore::SchemaVersion);
        QSqlQuery q(m_store->database());
        const bool sqlite = backend == QLatin1String("sqlite");
        if (sqlite) {
            QVERIFY(q.exec(
                QStringLiteral("SELECT name FROM pragma_index_info('deliveries_due') ORDER BY seqno")));
        } else {
            QVERIFY(q.exec(QStringLiteral(
                "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                "WHERE c.relname = 'deliveries_due' ORDER BY array_position(i.indkey, a.attnum)")));
        }
        QStringList columns;
        while (q.next())
            columns << q.value(0).toString();
        QCOMPARE(columns,
            QStringList(
                { QStringLiteral("status"), QStringLiteral("scheduled_start"), QStringLiteral("id") }));
        QCOMPARE(m_store->webhook(hook).value().maxInFlight, 0);
        QVERIFY(q.exec(sqlite
                ? QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'deliveries_failed_id'")
                : QStringLiteral("SELECT 1 FROM pg_indexes WHERE indexname = 'deliveries_failed_id'")));
        QVERIFY2(q.next(), "schema 4's index of the failed deliveries");
        QVERIFY(q.exec(sqlite
                ? QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = 'deliveries_webhook_sent'")
                : QStringLiteral("SELECT 1 FROM pg_indexes WHERE indexname = 'deliveries_webhook_sent'")));
        QVERIFY2(q.next(), "schema 7's index of each webhook's deliveries by when they were sent");
        QVERIFY(!m_store->webhook(hook).value().pausedAt);
        // Webhooks from before profiles send as Launchpad did, their schedule kept, "seed" renamed.
        const Webhook migrated = m_store->webhook(hook).value();
        QCOMPARE(migrated.profile, QStringLiteral("launchpad"));
        QCOMPARE(migrated.retryPolicy.preset, QStringLiteral("launchpad"));
        QCOMPARE(migrated.retryPolicy.windowMs, 3 * Hour);
        QVERIFY(migrated.retryPolicy.isCustom());
        // Schema 8: auto-disable off, no failing run, not paused by it.
        QCOMPARE(migrated.autoDisableAfterMs, qint64(0));
        QVERIFY(!migrated.failingSince);
        QVERIFY(!migrated.autoPausedAt);
        QVERIFY(q.exec(QStringLiteral("SELECT retry_preset FROM webhooks ORDER BY id")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("launchpad"));
        // Schema 9's schedule column: rows from before read from their preset and columns,
        // nothing lost (launchpad-current's first tier and 4xx window come with its preset).
        const Webhook migratedCurrent = m_store->webhook(currentHook).value();
        QCOMPARE(migratedCurrent.retryPolicy, current.retryPolicy);
        QVERIFY(migratedCurrent.retryPolicy.isCustom());
        QVERIFY(m_store->updateWebhook(migratedCurrent).ok());
        QCOMPARE(m_store->webhook(currentHook).value().retryPolicy, current.retryPolicy);
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 5, 60000).value();
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().delivery.id, id);
        QVERIFY(claimed.first().delivery.leaseToken != 0);
        // Webhooks from before rotation keep no previous secret.
        QVERIFY(!migrated.previousSecret && !migrated.previousSecretUntil);
        // Attempts from before the test tools are the dispatcher's own.
        const QList<Attempt> attempts = m_store->attempts(delivered).value();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().response->statusCode, 200);
        QVERIFY(attempts.first().testTool.isEmpty());
    }

    // The whole schedule is kept per webhook: steps, jitter, Retry-After, both windows.
    void retryScheduleIsStoredPerWebhook_data() { TestDatabases::addBackendRows(); }
    void retryScheduleIsStoredPerWebhook()
    {
        if (!openFresh())
            return;
        Webhook w = makeWebhook();
        w.retryPolicy = RetryPolicy::standardWebhooks();
        w.retryPolicy.jitter = 0.2;
        w.retryPolicy.nonServerErrorWindowMs = Hour;
        const qint64 id = m_store->addWebhook(w).value();
        Webhook back = m_store->webhook(id).value();
        QCOMPARE(back.retryPolicy, w.retryPolicy);
        QVERIFY(back.retryPolicy.isCustom());
        back.retryPolicy = RetryPolicy::stripe();
        QVERIFY(m_store->updateWebhook(back).ok());
        QCOMPARE(m_store->webhook(id).value().retryPolicy, RetryPolicy::stripe());
        QCOMPARE(m_store->webhooks().value().first().retryPolicy, RetryPolicy::stripe());
    }

    // Opening a store that is up to date takes no write lock: a command that only reads
    // does not wait for a worker in the middle of a long write (it waited up to 15 s).
    void openingDoesNotWaitForAWriter()
    {
        m_scratch = std::make_unique<TestDatabases::Scratch>(QStringLiteral("sqlite"));
        QVERIFY2(m_scratch->ok(), qPrintable(m_scratch->error()));
        m_clock = std::make_unique<ManualClock>(T0);
        m_store = std::make_unique<JobStore>(m_scratch->config(), m_clock.get());
        QVERIFY(m_store->open().ok());
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        QSqlQuery writer(m_store->database());
        QVERIFY(writer.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(writer.exec(QStringLiteral("UPDATE webhooks SET active = 1")));
        QElapsedTimer t;
        t.start();
        JobStore reader(m_scratch->config(), m_clock.get());
        const Status opened = reader.open();
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE(reader.webhook(hook).value().id, hook);
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(writer.exec(QStringLiteral("COMMIT")));
    }

    // The claim reads the few it takes from the index, in order, instead of sorting every
    // waiting delivery (PostgreSQL did, before schema 2: 22 ms a claim with 20,000 waiting).
    void claimReadsOnlyWhatItTakes_data() { TestDatabases::addBackendRows(); }
    void claimReadsOnlyWhatItTakes()
    {
        if (!openFresh())
            return;
        QFETCH(QString, backend);
        const bool sqlite = backend == QLatin1String("sqlite");
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        m_store->createDeliveries(hook, QStringLiteral("x"), "{}", 2000); // all due at the same moment
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("ANALYZE")));
        const QString select
            = QStringLiteral("SELECT id FROM deliveries WHERE status = 0 AND scheduled_start <= %1 "
                             "ORDER BY scheduled_start, id LIMIT 16")
                  .arg(m_clock->now());
        QVERIFY(
            q.exec((sqlite ? QStringLiteral("EXPLAIN QUERY PLAN ") : QStringLiteral("EXPLAIN ")) + select));
        QStringList plan;
        while (q.next())
            plan << q.value(sqlite ? 3 : 0).toString();
        const QString text = plan.join(QLatin1String("; "));
        QVERIFY2(text.contains(QStringLiteral("deliveries_due")), qPrintable(text));
        QVERIFY2(!text.contains(sqlite ? QStringLiteral("TEMP B-TREE") : QStringLiteral("Sort")),
            qPrintable(text));
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 16, 60000).value();
        QCOMPARE(claimed.size(), 16);
        QCOMPARE(claimed.first().delivery.id + 15, claimed.last().delivery.id); // the earliest, in id order
    }

    void refusesNewerSchema_data() { TestDatabases::addBackendRows(); }
    void refusesNewerSchema()
    {
        if (!openFresh())
            return;
        {
            QSqlQuery q(m_store->database());
            QVERIFY(q.exec(QStringLiteral("UPDATE hookwatch_schema SET version = 99")));
        }
        m_store.reset();
        JobStore newer(m_scratch->config(), m_clock.get());
        const Status s = newer.open();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QStringLiteral("newer version of Hookwatch (schema version 99")),
            qPrintable(s.error()));
    }

    void webhookRoundTrip_data() { TestDatabases::addBackendRows(); }
    void webhookRoundTrip()
    {
        if (!openFresh())
            return;
        Webhook w = makeWebhook(QStringLiteral("https://example.com/h"));
        w.secret = QStringLiteral("sekrit");
        w.eventTypes = QStringList { QStringLiteral("bug:0.1"), QStringLiteral("git:push:0.1") };
        w.headers.append(qMakePair(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer x")));
        w.timeoutMs = 1500;
        w.retryPolicy = RetryPolicy::launchpadCurrent();
        w.retryPolicy.windowMs = 2 * Hour;
        w.active = false;
        const qint64 id = m_store->addWebhook(w).value();
        const Webhook back = m_store->webhook(id).value();
        QCOMPARE(back.deliveryUrl, w.deliveryUrl);
        QCOMPARE(back.secret.value(), QStringLiteral("sekrit"));
        QCOMPARE(back.eventTypes, w.eventTypes);
        QCOMPARE(back.headers, w.headers);
        QCOMPARE(back.timeoutMs, 1500);
        QCOMPARE(back.active, false);
        QCOMPARE(back.retryPolicy, w.retryPolicy);
        QCOMPARE(back.dateCreated, T0);

        m_clock->advance(Minute);
        Webhook edited = back;
        edited.secret.reset();
        edited.active = true;
        QVERIFY(m_store->updateWebhook(edited).ok());
        const Webhook after = m_store->webhook(id).value();
        QVERIFY(!after.hasSecret());
        QVERIFY(after.active);
        QCOMPARE(after.dateLastModified, T0 + Minute);

        QCOMPARE(m_store->webhook(id + 100).errorKind(), ErrorKind::NotFound);
        QCOMPARE(m_store->removeWebhook(id + 100).errorKind(), ErrorKind::NotFound);
    }

    // A rotated secret: the one before kept until its time, untouched by an edit; none kept
    // when there was none.
    void rotatesSecret_data() { TestDatabases::addBackendRows(); }
    void rotatesSecret()
    {
        if (!openFresh())
            return;
        Webhook w = makeWebhook();
        w.secret = QStringLiteral("old secret");
        const qint64 id = m_store->addWebhook(w).value();
        const Status rotated = m_store->rotateSecret(id, QStringLiteral("new secret"), T0 + 24 * Hour);
        QVERIFY2(rotated.ok(), qPrintable(rotated.error()));
        Webhook back = m_store->webhook(id).value();
        QCOMPARE(back.secret.value(), QStringLiteral("new secret"));
        QCOMPARE(back.previousSecret.value(), QStringLiteral("old secret"));
        QCOMPARE(back.previousSecretUntil.value(), T0 + 24 * Hour);
        QVERIFY(back.keepsPreviousSecret(T0 + 23 * Hour));
        QVERIFY(!back.keepsPreviousSecret(T0 + 24 * Hour));
        back.timeoutMs = 5000; // an edit leaves the rotation as it is
        QVERIFY(m_store->updateWebhook(back).ok());
        QCOMPARE(m_store->webhook(id).value().previousSecret.value(), QStringLiteral("old secret"));

        const qint64 bare = m_store->addWebhook(makeWebhook()).value();
        QVERIFY(m_store->rotateSecret(bare, QStringLiteral("first"), T0 + Hour).ok());
        const Webhook first = m_store->webhook(bare).value();
        QCOMPARE(first.secret.value(), QStringLiteral("first"));
        QVERIFY(!first.previousSecret && !first.previousSecretUntil);
        QCOMPARE(m_store->rotateSecret(id + 100, QStringLiteral("x"), T0).errorKind(), ErrorKind::NotFound);
    }

    // Launchpad's job lifecycle as the store moves it.
    void lifecycle_data() { TestDatabases::addBackendRows(); }
    void lifecycle()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        const qint64 id = m_store->createDelivery(hook, QStringLiteral("ping"), "{\"ping\": true}").value();
        Delivery d = m_store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QVERIFY(!d.successful.has_value());
        QVERIFY(d.pending());
        QCOMPARE(d.display(), Delivery::Display::NeverTried);

        auto claimed = m_store->claimDue(QStringLiteral("w1"), 10, 60000).value();
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.first().delivery.status, JobStatus::Running);
        // Counted when its outcome is recorded: a claim that never became a request is no attempt.
        QCOMPARE(claimed.first().delivery.attemptCount, 0);
        QCOMPARE(claimed.first().webhook.id, hook);
        QVERIFY(m_store->claimDue(QStringLiteral("w2"), 10, 60000).value().isEmpty());

        m_clock->advance(1000);
        d = record(*m_store, QStringLiteral("w1"), claimed.first(), 404, m_clock->now()).first();
        QCOMPARE(d.status, JobStatus::Waiting);
        QCOMPARE(d.attemptCount, 1);
        QCOMPARE(m_store->delivery(id).value().attemptCount, 1);
        QCOMPARE(d.successful.value(), false);
        QCOMPARE(d.failureDetail, QStringLiteral("Bad HTTP response: 404"));
        QCOMPARE(d.dateFirstSent.value(), T0 + 1000);
        QCOMPARE(d.scheduledStart.value(), T0 + 1000 + 5 * Minute);
        QCOMPARE(d.display(), Delivery::Display::Retrying);
        QVERIFY(!d.leaseExpires);
        QCOMPARE(m_store->attempts(id).value().size(), 1);
        QCOMPARE(m_store->nextWakeTime().value().value(), T0 + 1000 + 5 * Minute);

        // Not due yet: nothing to claim. Retry now moves it to now and changes nothing else.
        QVERIFY(m_store->claimDue(QStringLiteral("w1"), 10, 60000).value().isEmpty());
        QVERIFY(m_store->retry(id, false).ok());
        d = m_store->delivery(id).value();
        QCOMPARE(d.scheduledStart.value(), m_clock->now());
        QCOMPARE(d.attemptCount, 1);
        QCOMPARE(d.dateFirstSent.value(), T0 + 1000);

        // Suspend holds it; a suspended delivery is not claimed; retry brings it back.
        QVERIFY(m_store->suspend(id).ok());
        QCOMPARE(m_store->delivery(id).value().status, JobStatus::Suspended);
        QVERIFY(m_store->claimDue(QStringLiteral("w1"), 10, 60000).value().isEmpty());
        QVERIFY(!m_store->hasUnfinished().value());
        const Status again = m_store->suspend(id);
        QCOMPARE(again.error(), QStringLiteral("Transition from Suspended to Suspended is invalid."));
        QCOMPARE(again.errorKind(), ErrorKind::Invalid);
        QVERIFY(m_store->retry(id, false).ok());
        d = m_store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QCOMPARE(d.attemptCount, 0);

        claimed = m_store->claimDue(QStringLiteral("w1"), 10, 60000).value();
        d = record(*m_store, QStringLiteral("w1"), claimed.first(), 200, m_clock->now()).first();
        QCOMPARE(d.status, JobStatus::Completed);
        QCOMPARE(d.successful.value(), true);
        QVERIFY(d.failureDetail.isEmpty());
        QVERIFY(!d.pending());
        QCOMPARE(d.display(), Delivery::Display::Delivered);
        QCOMPARE(d.totalAttempts, 2);
        QCOMPARE(m_store->suspend(id).error(),
            QStringLiteral("Transition from Completed to Suspended is invalid."));

        // Retry with reset restarts the window.
        QVERIFY(m_store->retry(id, true).ok());
        d = m_store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QVERIFY(!d.dateFirstSent);
        QCOMPARE(m_store->retry(id + 1000, false).errorKind(), ErrorKind::NotFound);
    }

    // Status, result and attempts agree for a suspended delivery: the result and the counts
    // describe its last attempt, whether it was suspended while that attempt was out or
    // re-queued by hand after it and then suspended.
    void suspendedDeliveryDescribesItsLastAttempt_data() { TestDatabases::addBackendRows(); }
    void suspendedDeliveryDescribesItsLastAttempt()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        const qint64 id = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        auto claimed = m_store->claimDue(QStringLiteral("w1"), 10, 60000).value();
        QCOMPARE(claimed.size(), 1);
        QVERIFY(m_store->suspend(id).ok());
        m_clock->advance(1000);
        const QList<Delivery> after
            = record(*m_store, QStringLiteral("w1"), claimed.first(), 200, m_clock->now());
        QCOMPARE(after.size(), 1);
        Delivery d = m_store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Suspended);
        QCOMPARE(d.successful, std::optional<bool>(true));
        QCOMPARE(d.lastStatusCode, std::optional<int>(200));
        QCOMPARE(d.dateSent, std::optional<TimeMs>(T0 + 1000));
        QCOMPARE(d.dateFirstSent, std::optional<TimeMs>(T0 + 1000));
        QCOMPARE(d.totalAttempts, 1);
        QCOMPARE(d.attemptCount, 1); // no manual retry since
        QCOMPARE(after.first().totalAttempts, 1);

        // Re-queued by hand and suspended before it went out: one attempt in all, none since.
        QVERIFY(m_store->retry(id, false).ok());
        QVERIFY(m_store->suspend(id).ok());
        d = m_store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Suspended);
        QCOMPARE(d.totalAttempts, 1);
        QCOMPARE(d.attemptCount, 0);
        QCOMPARE(d.successful, std::optional<bool>(true));

        // A late record from a claim that lost its lease does not overwrite a newer attempt's result.
        QVERIFY(m_store->retry(id, false).ok());
        claimed = m_store->claimDue(QStringLiteral("w1"), 10, 60000).value();
        QCOMPARE(claimed.size(), 1);
        QVERIFY(m_store->suspend(id).ok());
        m_clock->advance(1000);
        record(*m_store, QStringLiteral("w1"), claimed.first(), 503, m_clock->now() - 5000);
        d = m_store->delivery(id).value();
        QCOMPARE(d.totalAttempts, 2);
        QCOMPARE(d.successful, std::optional<bool>(true));
        QCOMPARE(d.lastStatusCode, std::optional<int>(200));
        QCOMPARE(m_store->attempts(id).value().size(), 2);
    }

    // A webhook's health follows the attempts made: the deliveries sent most recently, the
    // latest first, not the newest deliveries, which may not be due yet.
    void recentlySentFollowsTheAttempts_data() { TestDatabases::addBackendRows(); }
    void recentlySentFollowsTheAttempts()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        const qint64 other = m_store->addWebhook(makeWebhook()).value();
        const auto first = m_store->createDeliveries(hook, QStringLiteral("bug:0.1"), "{}", 3).value();
        QVERIFY(m_store->createDelivery(other, QStringLiteral("bug:0.1"), "{}").ok());
        auto claimed = m_store->claimDue(QStringLiteral("w1"), 10, 60000).value();
        QCOMPARE(claimed.size(), 4);
        // Recorded out of id order: the second delivery's attempt ends last.
        for (const ClaimedDelivery &c : claimed) {
            const qint64 id = c.delivery.id;
            if (c.webhook.id != hook)
                continue;
            const TimeMs at = T0 + (id == first.first + 1 ? 3000 : id == first.first ? 1000 : 2000);
            QVERIFY(m_store->recordAttempts(QStringLiteral("w1"), { attemptRecord(c, id == first.second ? 503 : 200, at) })
                        .ok());
        }
        // Newer deliveries, not attempted yet.
        QVERIFY(m_store->createDeliveries(hook, QStringLiteral("bug:0.1"), "{}", 5).ok());
        const QList<Delivery> recent = m_store->recentlySent(hook, 50).value();
        QCOMPARE(recent.size(), 3);
        QCOMPARE(recent.at(0).id, first.first + 1);
        QCOMPARE(recent.at(1).id, first.second);
        QCOMPARE(recent.at(1).failureDetail, QStringLiteral("Bad HTTP response: 503"));
        QCOMPARE(recent.at(2).id, first.first);
        QVERIFY(recent.at(0).payload.isEmpty());
        QCOMPARE(m_store->recentlySent(hook, 2).value().size(), 2);
        QCOMPARE(m_store->recentlySent(other, 50).value().size(), 0); // claimed, not yet sent
    }

    // The dispatcher's steady state: one batch recorded and the next claimed in one step.
    void recordsAndClaimsInOneStep_data() { TestDatabases::addBackendRows(); }
    void recordsAndClaimsInOneStep()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        QList<qint64> ids;
        for (int i = 0; i < 4; ++i)
            ids << m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        const auto first = m_store->claimDue(QStringLiteral("w1"), 2, 60000).value();
        QCOMPARE(first.size(), 2);
        m_clock->advance(1000);
        const QList<AttemptRecord> records = { attemptRecord(first.at(0), 200, m_clock->now()),
            attemptRecord(first.at(1), 500, m_clock->now()) };
        const auto done = m_store->recordAndClaim(QStringLiteral("w1"), records, 10, 60000);
        QVERIFY2(done.ok(), qPrintable(done.error()));
        QCOMPARE(done->recorded.size(), 2);
        QCOMPARE(done->recorded.at(0).status, JobStatus::Completed);
        QCOMPARE(done->recorded.at(1).status, JobStatus::Waiting); // 500: a retry in 5 minutes
        QCOMPARE(done->claimed.size(), 2); // the two never tried, not the one just rescheduled
        QCOMPARE(done->claimed.at(0).delivery.id, ids.at(2));
        QCOMPARE(done->claimed.at(1).delivery.id, ids.at(3));
        QCOMPARE(m_store->delivery(ids.at(2)).value().status, JobStatus::Running);
        QCOMPARE(m_store->delivery(ids.at(2)).value().leaseOwner, QStringLiteral("w1"));
        QCOMPARE(m_store->attempts(ids.at(0)).value().size(), 1);
        QCOMPARE(m_store->attempts(ids.at(1)).value().size(), 1);
        QVERIFY(m_store->claimDue(QStringLiteral("w2"), 10, 60000).value().isEmpty());

        // Nothing to record: a plain claim, here of nothing.
        const auto idle = m_store->recordAndClaim(QStringLiteral("w1"), {}, 10, 60000);
        QVERIFY(idle.ok());
        QVERIFY(idle->recorded.isEmpty());
        QVERIFY(idle->claimed.isEmpty());
    }

    void inactiveWebhookFailsWithoutSending_data() { TestDatabases::addBackendRows(); }
    void inactiveWebhookFailsWithoutSending()
    {
        if (!openFresh())
            return;
        Webhook w = makeWebhook();
        w.active = false;
        const qint64 hook = m_store->addWebhook(w).value();
        const qint64 id = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 1, 60000).value();
        QVERIFY(!claimed.first().webhook.active);
        const Delivery d = record(*m_store, QStringLiteral("w"), claimed.first(), 0, T0).first();
        QCOMPARE(d.id, id);
        QCOMPARE(d.status, JobStatus::Failed);
        QCOMPARE(d.failureDetail, QStringLiteral("Webhook deactivated"));
        QCOMPARE(d.attemptCount, 1);
        QVERIFY(!d.dateSent);
        QVERIFY(!d.dateFirstSent);
    }

    // A worker that dies mid-attempt leaves the delivery running; once its lease expires
    // another worker takes it (Launchpad would leave it running for ever).
    void expiredLeaseIsPickedUpAgain_data() { TestDatabases::addBackendRows(); }
    void expiredLeaseIsPickedUpAgain()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        const qint64 id = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        const ClaimedDelivery dead = m_store->claimDue(QStringLiteral("dead"), 1, 60000).value().value(0);
        QCOMPARE(dead.delivery.id, id);
        QVERIFY(dead.delivery.leaseToken != 0);
        QCOMPARE(m_store->leaseHolders().value().first().owner, QStringLiteral("dead"));
        m_clock->advance(59000);
        QVERIFY(m_store->claimDue(QStringLiteral("alive"), 1, 60000).value().isEmpty());
        // A live worker renews; a renewed lease is not taken.
        QVERIFY(m_store->renewLeases({ { id, dead.delivery.leaseToken } }, 60000).ok());
        m_clock->advance(59000);
        QVERIFY(m_store->claimDue(QStringLiteral("alive"), 1, 60000).value().isEmpty());
        m_clock->advance(2000);
        const auto taken = m_store->claimDue(QStringLiteral("alive"), 1, 60000).value();
        QCOMPARE(taken.size(), 1);
        QCOMPARE(taken.first().delivery.attemptCount, 0); // the dead worker recorded nothing
        QCOMPARE(taken.first().delivery.leaseOwner, QStringLiteral("alive"));
        QVERIFY(taken.first().delivery.leaseToken != dead.delivery.leaseToken);
        // The dead worker's late renewal and result do not touch the new claim: its attempt is
        // kept (the request was made), numbered, and the delivery stays the new claim's.
        QVERIFY(m_store->renewLeases({ { id, dead.delivery.leaseToken } }, 600000).ok());
        QCOMPARE(*m_store->delivery(id).value().leaseExpires, m_clock->now() + 60000);
        const auto late = record(*m_store, QStringLiteral("dead"), dead, 200, m_clock->now());
        QCOMPARE(late.first().status, JobStatus::Running);
        QCOMPARE(late.first().leaseToken, taken.first().delivery.leaseToken);
        QCOMPARE(m_store->attempts(id).value().size(), 1);
        QVERIFY(m_store->releaseLeases({ { id, dead.delivery.leaseToken } }).ok());
        QCOMPARE(m_store->delivery(id).value().status, JobStatus::Running);
        // Released leases go back unattempted.
        QVERIFY(m_store->releaseLeases({ { id, taken.first().delivery.leaseToken } }).ok());
        const Delivery d = m_store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QCOMPARE(d.attemptCount, 0);
    }

    // Attempt numbers are the store's: an attempt recorded late by a claim whose lease expired
    // and the attempt of the claim that took over get two numbers, never the same one.
    void attemptNumbersNeverRepeat_data() { TestDatabases::addBackendRows(); }
    void attemptNumbersNeverRepeat()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        const qint64 id = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        const ClaimedDelivery first = m_store->claimDue(QStringLiteral("w1"), 1, 1000).value().value(0);
        m_clock->advance(2000);
        const ClaimedDelivery second = m_store->claimDue(QStringLiteral("w2"), 1, 60000).value().value(0);
        QCOMPARE(second.delivery.id, id);
        QCOMPARE(second.delivery.totalAttempts, first.delivery.totalAttempts); // nothing recorded yet
        const Delivery late = record(*m_store, QStringLiteral("w1"), first, 500, m_clock->now()).value(0);
        const Delivery onTime
            = record(*m_store, QStringLiteral("w2"), second, 200, m_clock->now() + 1).value(0);
        QCOMPARE(late.totalAttempts, 1);
        QCOMPARE(onTime.totalAttempts, 2);
        QCOMPARE(onTime.status, JobStatus::Completed);
        QList<int> numbers;
        for (const Attempt &a : m_store->attempts(id).value())
            numbers << a.number;
        QCOMPARE(numbers, QList<int>({ 1, 2 }));
    }

    // One webhook's backlog does not fill a claim while another webhook has due work: the
    // claim takes from each in turn, the earliest due of each first.
    void claimTakesWebhooksInTurn_data() { TestDatabases::addBackendRows(); }
    void claimTakesWebhooksInTurn()
    {
        if (!openFresh())
            return;
        const qint64 hung = m_store->addWebhook(makeWebhook()).value();
        const qint64 healthy = m_store->addWebhook(makeWebhook()).value();
        const auto backlog = m_store->createDeliveries(hung, QStringLiteral("x"), "{}", 64).value();
        m_clock->advance(1000);
        const auto later = m_store->createDeliveries(healthy, QStringLiteral("x"), "{}", 5).value();
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 12, 60000).value();
        QCOMPARE(claimed.size(), 12);
        QList<qint64> ofHealthy, ofHung;
        for (const ClaimedDelivery &c : claimed)
            (c.delivery.webhookId == healthy ? ofHealthy : ofHung).append(c.delivery.id);
        QCOMPARE(ofHealthy,
            QList<qint64>({ later.first, later.first + 1, later.first + 2, later.first + 3, later.second }));
        QCOMPARE(ofHung.size(), 7);
        QCOMPARE(ofHung.first(), backlog.first); // each webhook's earliest first

        // Skipped webhooks are left alone; one each when asked.
        ClaimRequest request;
        request.limit = 10;
        request.perWebhook = 1;
        request.skipWebhooks = { hung };
        QVERIFY(m_store->claimDue(QStringLiteral("w"), request, 60000).value().isEmpty());
        request.skipWebhooks.clear();
        const auto one = m_store->claimDue(QStringLiteral("w"), request, 60000).value();
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.first().delivery.id, backlog.first + 7);
    }

    // A webhook's own limit counts what every worker holds of it, and its due work does not
    // make the dispatcher look again and again while it is at its limit.
    void webhookLimitCountsEveryWorker_data() { TestDatabases::addBackendRows(); }
    void webhookLimitCountsEveryWorker()
    {
        if (!openFresh())
            return;
        Webhook fragile = makeWebhook();
        fragile.maxInFlight = 2;
        const qint64 hook = m_store->addWebhook(fragile).value();
        QCOMPARE(m_store->webhook(hook).value().maxInFlight, 2);
        m_store->createDeliveries(hook, QStringLiteral("x"), "{}", 10);
        const auto first = m_store->claimDue(QStringLiteral("w1"), 10, 60000).value();
        QCOMPARE(first.size(), 2);
        QVERIFY(m_store->claimDue(QStringLiteral("w2"), 10, 60000).value().isEmpty());
        // Due work, but no room: the next look is when a lease ends, not now.
        QCOMPARE(m_store->nextWakeTime().value().value(), m_clock->now() + 60000);
        record(*m_store, QStringLiteral("w1"), first.at(0), 200, m_clock->now());
        QCOMPARE(m_store->nextWakeTime().value().value(), m_clock->now());
        const auto second = m_store->claimDue(QStringLiteral("w2"), 10, 60000).value();
        QCOMPARE(second.size(), 1);
        // Back to no limit of its own.
        fragile = m_store->webhook(hook).value();
        fragile.maxInFlight = 0;
        QVERIFY(m_store->updateWebhook(fragile).ok());
        QCOMPARE(m_store->claimDue(QStringLiteral("w2"), 10, 60000).value().size(), 7);
    }

    // Several connections claiming at once never get the same delivery.
    void createsManyCopiesAtOnce_data() { TestDatabases::addBackendRows(); }
    void createsManyCopiesAtOnce()
    {
        // `send --repeat`: more copies than one statement makes, each a waiting delivery
        // with the payload and event type given, numbered without gaps.
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        const QByteArray payload = QByteArrayLiteral("{\"bug\": 1, \"bytes\": \"\\u0000\\u00ff\"}");
        const auto ids = m_store->createDeliveries(hook, QStringLiteral("load:1.0"), payload, 25001);
        QVERIFY2(ids.ok(), qPrintable(ids.error()));
        QCOMPARE(ids->second - ids->first + 1, 25001);
        DeliveryFilter filter;
        filter.status = JobStatus::Waiting;
        QCOMPARE(m_store->countDeliveries(filter).value(), 25001);
        for (const qint64 id : { ids->first, ids->first + 10000, ids->second }) {
            const auto d = m_store->delivery(id);
            QVERIFY2(d.ok(), qPrintable(d.error()));
            QCOMPARE(d->payload, payload);
            QCOMPARE(d->eventType, QStringLiteral("load:1.0"));
            QCOMPARE(d->webhookId, hook);
        }
        QVERIFY(!m_store->createDeliveries(hook, QStringLiteral("x"), payload, 0).ok());
        QVERIFY(!m_store->createDeliveries(hook + 100, QStringLiteral("x"), payload, 3).ok());
        QCOMPARE(m_store->countDeliveries(DeliveryFilter()).value(), 25001);
    }

    void concurrentClaimsAreExclusive_data() { TestDatabases::addBackendRows(); }
    void concurrentClaimsAreExclusive()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        const int total = 2000;
        QVERIFY(m_store->createDeliveries(hook, QStringLiteral("load"), "{}", total).ok());
        std::mutex mutex;
        std::multiset<qint64> seen;
        std::atomic<int> failures { 0 };
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([&, t] {
                JobStore store(m_scratch->config());
                if (!store.open()) {
                    ++failures;
                    return;
                }
                for (;;) {
                    const auto claimed = store.claimDue(QStringLiteral("worker-%1").arg(t), 25, 60000);
                    if (!claimed) {
                        ++failures;
                        qWarning() << claimed.error();
                        return;
                    }
                    if (claimed->isEmpty())
                        return;
                    std::lock_guard<std::mutex> lock(mutex);
                    for (const auto &c : claimed.value())
                        seen.insert(c.delivery.id);
                }
            });
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(120000));
            delete t;
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(int(seen.size()), total);
        QCOMPARE(int(std::set<qint64>(seen.begin(), seen.end()).size()), total);
    }

    void emitFollowsSubscriptions_data() { TestDatabases::addBackendRows(); }
    void emitFollowsSubscriptions()
    {
        if (!openFresh())
            return;
        Webhook bugs = makeWebhook();
        bugs.eventTypes = QStringList { QStringLiteral("bug:0.1") };
        Webhook both = bugs;
        both.eventTypes << QStringLiteral("git:push:0.1");
        Webhook inactive = both;
        inactive.active = false;
        Webhook none = makeWebhook();
        const qint64 a = m_store->addWebhook(bugs).value();
        const qint64 b = m_store->addWebhook(both).value();
        m_store->addWebhook(inactive);
        m_store->addWebhook(none);
        const auto bugIds = m_store->emitEvent(QStringLiteral("bug:0.1"), "{\"x\": 1}").value();
        QCOMPARE(bugIds.size(), 2);
        QCOMPARE(m_store->delivery(bugIds.at(0)).value().webhookId, a);
        QCOMPARE(m_store->delivery(bugIds.at(1)).value().webhookId, b);
        QCOMPARE(m_store->emitEvent(QStringLiteral("git:push:0.1"), "{}").value().size(), 1);
        QCOMPARE(m_store->emitEvent(QStringLiteral("snap:build:0.1"), "{}").value().size(), 0);
    }

    void filtersAndCounts_data() { TestDatabases::addBackendRows(); }
    void filtersAndCounts()
    {
        if (!openFresh())
            return;
        const qint64 h1 = m_store->addWebhook(makeWebhook()).value();
        const qint64 h2 = m_store->addWebhook(makeWebhook()).value();
        m_store->createDeliveries(h1, QStringLiteral("bug:0.1"), "{}", 3);
        m_store->createDeliveries(h2, QStringLiteral("ping"), "{\"ping\": true}", 2);
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 2, 60000).value();
        record(*m_store, QStringLiteral("w"), claimed.at(0), 500, T0);
        record(*m_store, QStringLiteral("w"), claimed.at(1), 200, T0);

        DeliveryFilter f;
        QCOMPARE(m_store->countDeliveries(f).value(), 5);
        const auto newest = m_store->deliveries(f).value();
        QCOMPARE(newest.size(), 5);
        QVERIFY(newest.first().id > newest.last().id);
        f.webhookId = h2;
        QCOMPARE(m_store->countDeliveries(f).value(), 2);
        f = DeliveryFilter();
        f.status = JobStatus::Completed;
        QCOMPARE(m_store->countDeliveries(f).value(), 1);
        f = DeliveryFilter();
        f.display = Delivery::Display::Retrying;
        QCOMPARE(
            m_store->deliveries(f).value().first().failureDetail, QStringLiteral("Bad HTTP response: 500"));
        f = DeliveryFilter();
        f.text = QStringLiteral("500");
        QCOMPARE(m_store->countDeliveries(f).value(), 1);
        f = DeliveryFilter();
        f.eventType = QStringLiteral("ping");
        f.limit = 1;
        f.offset = 1;
        f.withPayload = false;
        const auto page = m_store->deliveries(f).value();
        QCOMPARE(page.size(), 1);
        QVERIFY(page.first().payload.isEmpty());

        const StoreCounts c = m_store->counts().value();
        QCOMPARE(c.waiting, 4);
        QCOMPARE(c.retrying, 1);
        QCOMPARE(c.running, 0);
        QCOMPARE(m_store->retrySchedule(10).value().size(), 1);
    }

    // What the window's webhook health and status bar show: pending per webhook, failed in 24 h.
    void windowCounts_data() { TestDatabases::addBackendRows(); }
    void windowCounts()
    {
        if (!openFresh())
            return;
        Webhook failsAtOnce = makeWebhook();
        failsAtOnce.retryPolicy.windowMs = 0;
        const qint64 h1 = m_store->addWebhook(makeWebhook()).value();
        const qint64 h2 = m_store->addWebhook(failsAtOnce).value();
        const qint64 h3 = m_store->addWebhook(makeWebhook()).value();
        m_store->createDeliveries(h1, QStringLiteral("x"), "{}", 3);
        m_store->createDeliveries(h2, QStringLiteral("x"), "{}", 3);
        QVERIFY(!m_store->counts().value().anyFailed);
        QList<ClaimedDelivery> first, second;
        for (const ClaimedDelivery &c : m_store->claimDue(QStringLiteral("w"), 6, 60000).value())
            (c.delivery.webhookId == h1 ? first : second).append(c);
        QCOMPARE(first.size(), 3);
        QCOMPARE(second.size(), 3);
        // h1: one completed, one suspended, one running. h2: two failed, one waiting.
        QCOMPARE(
            record(*m_store, QStringLiteral("w"), first.at(0), 200, T0).first().status, JobStatus::Completed);
        QVERIFY(m_store->suspend(first.at(1).delivery.id).ok());
        QCOMPARE(
            record(*m_store, QStringLiteral("w"), second.at(0), 500, T0).first().status, JobStatus::Failed);
        QCOMPARE(
            record(*m_store, QStringLiteral("w"), second.at(1), 500, T0).first().status, JobStatus::Failed);
        QVERIFY(
            m_store->releaseLeases({ { second.at(2).delivery.id, second.at(2).delivery.leaseToken } }).ok());

        const QHash<qint64, int> pending = m_store->pendingByWebhook().value();
        QCOMPARE(pending.value(h1), 2);
        QCOMPARE(pending.value(h2), 1);
        QVERIFY(!pending.contains(h3));

        QCOMPARE(m_store->counts().value().failedLast24h, 2);
        m_clock->advance(23 * Hour);
        QCOMPARE(m_store->counts().value().failedLast24h, 2);
        m_clock->advance(2 * Hour);
        QCOMPARE(m_store->counts().value().failedLast24h, 0);
        QVERIFY(m_store->counts().value().anyFailed); // failed longer ago, still there to recover
        // Finished 25 hours ago, but the retention is a day and a half: nothing goes; then it does.
        QCOMPARE(m_store->prune(m_clock->now() - 36 * Hour).value(), 0);
        m_clock->advance(12 * Hour);
        QCOMPARE(m_store->prune(m_clock->now() - 36 * Hour).value(), 3);
        QVERIFY(!m_store->counts().value().anyFailed);
        QCOMPARE(m_store->countDeliveries({}).value(), 3);
        QCOMPARE(m_store->pendingByWebhook().value(), pending);
    }

    // The window's counts and the prune on a SQLite store the planner has no statistics for (as
    // every store is: none is ever ANALYZEd), and on one with them: each can use only the index
    // that serves it, whatever the planner guesses. The statements as jobstore.cpp has them.
    void windowQueriesUseTheirIndex_data()
    {
        QTest::addColumn<bool>("analyzed");
        QTest::newRow("no statistics") << false;
        QTest::newRow("ANALYZE") << true;
    }
    void windowQueriesUseTheirIndex()
    {
        QFETCH(bool, analyzed);
        m_scratch = std::make_unique<TestDatabases::Scratch>(QStringLiteral("sqlite"));
        QVERIFY2(m_scratch->ok(), qPrintable(m_scratch->error()));
        m_clock = std::make_unique<ManualClock>(T0);
        m_store = std::make_unique<JobStore>(m_scratch->config(), m_clock.get());
        QVERIFY(m_store->open().ok());
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        // As a store looks after a while: most deliveries finished long ago, a few pending.
        m_store->createDeliveries(hook, QStringLiteral("x"), "{}", 2000);
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("UPDATE deliveries SET status = 2 + id % 2, successful = 1 - id % 2, "
                                      "date_finished = id WHERE id <= 1990")));
        if (analyzed)
            QVERIFY(q.exec(QStringLiteral("ANALYZE")));
        const QList<QPair<QString, QString>> plans = {
            // Either index that starts with the status: both read only the pending rows.
            { QStringLiteral("SELECT webhook_id, COUNT(*) FROM deliveries WHERE status IN (0, 1, 4) "
                             "GROUP BY status, webhook_id"),
                QStringLiteral("deliveries_status_id|deliveries_due") },
            { QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE date_finished >= 1 AND +status = 3"),
                QStringLiteral("deliveries_finished") },
            { QStringLiteral(
                  "SELECT id FROM deliveries WHERE date_finished < 1 AND +status IN (2, 3) LIMIT 5000"),
                QStringLiteral("deliveries_finished") },
        };
        for (const auto &[statement, index] : plans) {
            QVERIFY2(q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + statement), qPrintable(statement));
            QStringList plan;
            while (q.next())
                plan << q.value(3).toString();
            const QString text = plan.join(QLatin1Char(' '));
            const QStringList accepted = index.split(QLatin1Char('|'));
            QVERIFY2(std::any_of(accepted.begin(), accepted.end(),
                         [&text](const QString &i) {
                             return text.contains(QStringLiteral("INDEX ") + i + QLatin1Char(' '));
                         }),
                qPrintable(statement + QStringLiteral(": ") + plan.join(QLatin1String("; "))));
        }
    }

    // A prune's transactions are sized by time, not rows, and on SQLite paced so that other
    // writers get the lock between them.
    void prunePacerSizesTransactionsByTime()
    {
        PrunePacer pacer(PrunePacer::SqlitePauseMs);
        QCOMPARE(pacer.chunk(), PrunePacer::FirstChunk);
        QCOMPARE(pacer.pauseMs(), 100);
        // Fast rows: the next chunk grows towards 100 ms, at most doubling.
        QVERIFY(pacer.record(1000, 10));
        QCOMPARE(pacer.chunk(), 2000);
        QVERIFY(pacer.record(2000, 50));
        QCOMPARE(pacer.chunk(), 4000);
        // 4,000 in 400 ms: 1,000 would take 100 ms, but one slow turn only halves it.
        QVERIFY(pacer.record(4000, 400));
        QCOMPARE(pacer.chunk(), 2000);
        QVERIFY(pacer.record(2000, 400));
        QCOMPARE(pacer.chunk(), 1000);
        QVERIFY(pacer.record(1000, 100));
        QCOMPARE(pacer.chunk(), 1000);
        // A clock too coarse to see the time: still at most doubling, and never past the cap.
        for (int i = 0; i < 20; ++i)
            QVERIFY(pacer.record(pacer.chunk(), 0));
        QCOMPARE(pacer.chunk(), PrunePacer::MaxChunk);
        // Fewer than asked for: nothing is left.
        QVERIFY(!pacer.record(PrunePacer::MaxChunk - 1, 10));
        // A very slow store goes down to a row at a time, not to none.
        PrunePacer slow(0, 2);
        QVERIFY(slow.record(2, 10000));
        QCOMPARE(slow.chunk(), 1);
        QVERIFY(slow.record(1, 10000));
        QCOMPARE(slow.chunk(), 1);
    }

    void prunePacerPausesOnSqliteOnly_data() { TestDatabases::addBackendRows(); }
    void prunePacerPausesOnSqliteOnly()
    {
        if (!openFresh())
            return;
        QFETCH(QString, backend);
        QCOMPARE(m_store->prunePacer().pauseMs(), backend == QLatin1String("sqlite") ? 100 : 0);
        QCOMPARE(m_store->prunePacer().chunk(), PrunePacer::FirstChunk);
    }

    void pruneAndCascade_data() { TestDatabases::addBackendRows(); }
    void pruneAndCascade()
    {
        if (!openFresh())
            return;
        const qint64 hook = m_store->addWebhook(makeWebhook()).value();
        m_store->createDeliveries(hook, QStringLiteral("x"), "{}", 12);
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 10, 60000).value();
        for (const auto &c : claimed)
            record(*m_store, QStringLiteral("w"), c, 200, T0);
        m_clock->advance(31 * 24 * Hour);
        // Finished 31 days ago: pruned in chunks of 3; the two never tried stay.
        QCOMPARE(m_store->prune(m_clock->now() - 30 * 24 * Hour, PrunePacer(0, 3)).value(), 10);
        QCOMPARE(m_store->countDeliveries({}).value(), 2);
        {
            QSqlQuery q(m_store->database());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM attempts")) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
        QVERIFY(m_store->removeWebhook(hook).ok());
        QCOMPARE(m_store->countDeliveries({}).value(), 0);
    }

    void retryFailed_data() { TestDatabases::addBackendRows(); }
    void retryFailed()
    {
        if (!openFresh())
            return;
        Webhook w = makeWebhook();
        w.retryPolicy.windowMs = 0; // fail at once
        const qint64 h1 = m_store->addWebhook(w).value();
        const qint64 h2 = m_store->addWebhook(w).value();
        m_store->createDeliveries(h1, QStringLiteral("x"), "{}", 2);
        m_store->createDeliveries(h2, QStringLiteral("x"), "{}", 1);
        for (const auto &c : m_store->claimDue(QStringLiteral("w"), 10, 60000).value())
            QCOMPARE(record(*m_store, QStringLiteral("w"), c, 0, T0, QStringLiteral("Connection refused"))
                         .first()
                         .status,
                JobStatus::Failed);
        QCOMPARE(m_store->retryFailed(h1).value(), 2);
        QCOMPARE(m_store->retryFailed(std::nullopt).value(), 1);
        QCOMPARE(m_store->retryFailed(h1 + 100).errorKind(), ErrorKind::NotFound);
    }

    void sqliteFileIsPrivateAndPathsChecked()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("private.db"));
        {
            JobStore store(DatabaseConfig::parse(QStringLiteral("sqlite:") + path).value());
            QVERIFY(store.open().ok());
        }
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
            QFile::Permissions());
        JobStore missing(
            DatabaseConfig::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("no/such.db")))
                .value());
        QVERIFY(missing.open().error().contains(QStringLiteral("does not exist")));
        JobStore directory(DatabaseConfig::parse(QStringLiteral("sqlite:") + dir.path()).value());
        QVERIFY(directory.open().error().contains(QStringLiteral("directory")));
        QFile corrupt(dir.filePath(QStringLiteral("corrupt.db")));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write(QByteArray(8192, 'x'));
        corrupt.close();
        JobStore bad(DatabaseConfig::parse(QStringLiteral("sqlite:") + corrupt.fileName()).value());
        const Status s = bad.open();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QStringLiteral("not a database")), qPrintable(s.error()));
    }

    void databaseUrls()
    {
        const auto pg
            = DatabaseConfig::parse(QStringLiteral("postgresql://hw:s3cret@db.example:5433/hooks")).value();
        QCOMPARE(pg.backend, DatabaseConfig::Backend::Postgres);
        QCOMPARE(pg.port, 5433);
        QCOMPARE(pg.databaseName, QStringLiteral("hooks"));
        QVERIFY(!pg.displayUrl().contains(QStringLiteral("s3cret")));
        QVERIFY(DatabaseConfig::parse(QStringLiteral("mysql://x/y"))
                    .error()
                    .contains(QStringLiteral("unknown database URL scheme \"mysql\"")));
        QVERIFY(!DatabaseConfig::parse(QStringLiteral("postgresql://host")).ok());
        QVERIFY(!DatabaseConfig::parse(QStringLiteral("sqlite:")).ok());
    }
};

QTEST_GUILESS_MAIN(TestJobStore)
#include "tst_jobstore.moc"
