#include "jobstore.h"
#include "testdatabases.h"

#include <QTest>

// An admin's recovery tools on the store, on SQLite and PostgreSQL: failed deliveries sent
// again in bulk, webhooks paused and resumed, stuck deliveries found and re-queued.

namespace {
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr TimeMs T0 = 1795860000000; // 2026-11-28T10:00:00Z

AttemptRecord failedAttempt(const ClaimedDelivery &c, TimeMs at, int statusCode = 503)
{
    AttemptRecord r;
    r.before = c.delivery;
    r.policy = c.webhook.retryPolicy;
    r.attempt.deliveryId = c.delivery.id;
    r.attempt.dateStarted = at;
    r.attempt.dateSent = at;
    r.attempt.request.url = c.webhook.deliveryUrl;
    AttemptResponse response;
    response.statusCode = statusCode;
    r.attempt.response = response;
    return r;
}
} // namespace

class TestRecovery final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabases::Scratch> m_scratch;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<JobStore> m_store;

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

    qint64 addWebhook(int maxInFlight = 0)
    {
        Webhook w;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        w.maxInFlight = maxInFlight;
        return m_store->addWebhook(w).value();
    }

    // Attempts every due delivery once, each answered 503, at the clock's time.
    int failDue()
    {
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 1000, Minute).value();
        QList<AttemptRecord> records;
        for (const auto &c : claimed)
            records.append(failedAttempt(c, m_clock->now()));
        if (!records.isEmpty())
            m_store->recordAttempts(QStringLiteral("w"), records).value();
        return int(claimed.size());
    }

    // The receiver down all night: `count` deliveries tried at the clock's time and again
    // past their 24-hour window, so they failed for good; returns their ids.
    QList<qint64> failOvernight(qint64 webhookId, int count)
    {
        const auto ids = m_store->createDeliveries(webhookId, QStringLiteral("ping"), "{}", count).value();
        failDue();
        m_clock->advance(25 * Hour);
        failDue();
        QList<qint64> list;
        for (qint64 id = ids.first; id <= ids.second; ++id)
            list.append(id);
        return list;
    }

    JobStatus statusOf(qint64 id) { return m_store->delivery(id).value().status; }

private Q_SLOTS:
    void cleanup()
    {
        m_store.reset();
        m_scratch.reset();
    }

    // Only what failed since the moment given, of the webhook given; previewed, then sent
    // again in chunks, in id order, with a fresh retry window.
    void recoversWhatFailedSince_data() { TestDatabases::addBackendRows(); }
    void recoversWhatFailedSince()
    {
        if (!openFresh())
            return;
        const qint64 a = addWebhook();
        const qint64 b = addWebhook();
        const QList<qint64> earlier = failOvernight(a, 2);
        const TimeMs since = m_clock->now() + Hour;
        m_clock->set(since);
        const QList<qint64> failedA = failOvernight(a, 7);
        const QList<qint64> failedB = failOvernight(b, 3);
        for (qint64 id : earlier + failedA + failedB)
            QCOMPARE(statusOf(id), JobStatus::Failed);

        const auto all = m_store->previewFailed({ since, std::nullopt }, 5);
        QVERIFY2(all.ok(), qPrintable(all.error()));
        QCOMPARE(all->count, 10);
        QCOMPARE(all->first.size(), 5);
        QCOMPARE(all->first.first().id, failedA.first());
        QCOMPARE(all->first.first().failureDetail.isEmpty(), false);

        const FailedSelection onlyA { since, a };
        QCOMPARE(m_store->previewFailed(onlyA, 0)->count, 7);
        const auto recovered = m_store->recoverFailed(onlyA, 3);
        QVERIFY2(recovered.ok(), qPrintable(recovered.error()));
        QCOMPARE(recovered.value(), 7);
        for (qint64 id : failedA) {
            const Delivery d = m_store->delivery(id).value();
            QCOMPARE(d.status, JobStatus::Waiting);
            QCOMPARE(d.attemptCount, 0);
            QVERIFY(!d.dateFirstSent);
            QCOMPARE(d.scheduledStart.value(), m_clock->now());
        }
        for (qint64 id : earlier + failedB)
            QCOMPARE(statusOf(id), JobStatus::Failed);
        QCOMPARE(m_store->previewFailed(onlyA, 10)->count, 0);

        // Sent in id order.
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 3, Minute).value();
        QCOMPARE(claimed.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(claimed.at(i).delivery.id, failedA.at(i));
    }

    // A webhook with a limit of its own gets no more than that in flight after a recovery.
    void recoveryKeepsTheWebhooksConcurrency_data() { TestDatabases::addBackendRows(); }
    void recoveryKeepsTheWebhooksConcurrency()
    {
        if (!openFresh())
            return;
        const qint64 hook = addWebhook();
        const TimeMs since = m_clock->now();
        const QList<qint64> failed = failOvernight(hook, 6);
        for (qint64 id : failed)
            QCOMPARE(statusOf(id), JobStatus::Failed);
        Webhook limited = m_store->webhook(hook).value();
        limited.maxInFlight = 2;
        QVERIFY(m_store->updateWebhook(limited).ok());
        QCOMPARE(m_store->recoverFailed({ since, hook }).value(), 6);
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 10, Minute).value();
        QCOMPARE(claimed.size(), 2);
        QCOMPARE(claimed.at(0).delivery.id, failed.at(0));
        QCOMPARE(claimed.at(1).delivery.id, failed.at(1));
    }

    void badSelectionChangesNothing_data() { TestDatabases::addBackendRows(); }
    void badSelectionChangesNothing()
    {
        if (!openFresh())
            return;
        const qint64 hook = addWebhook();
        const QList<qint64> failed = failOvernight(hook, 2);
        const auto preview = m_store->previewFailed({ T0, hook + 100 }, 5);
        QVERIFY(!preview.ok());
        QCOMPARE(preview.errorKind(), ErrorKind::NotFound);
        const auto recovered = m_store->recoverFailed({ T0, hook + 100 });
        QVERIFY(!recovered.ok());
        QVERIFY2(recovered.error().contains(QString::number(hook + 100)), qPrintable(recovered.error()));
        for (qint64 id : failed)
            QCOMPARE(statusOf(id), JobStatus::Failed);
    }

    // Paused: due deliveries are held, not attempted and not failed, and the time paused does
    // not count against their retry window; resumed, they go out in order.
    void pauseHoldsAndResumeKeepsTheWindow_data() { TestDatabases::addBackendRows(); }
    void pauseHoldsAndResumeKeepsTheWindow()
    {
        if (!openFresh())
            return;
        const qint64 hook = addWebhook();
        const qint64 retried = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        QCOMPARE(failDue(), 1); // first attempt at T0: the 24-hour window starts
        QCOMPARE(m_store->pauseWebhook(hook).value(), true);
        QCOMPARE(m_store->pauseWebhook(hook).value(), false);
        QVERIFY(m_store->webhook(hook)->pausedAt);
        const qint64 held = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();

        m_clock->advance(30 * Hour);
        QVERIFY(m_store->claimDue(QStringLiteral("w"), 10, Minute)->isEmpty());
        QVERIFY(m_store->claimDue(QStringLiteral("w"), 1, Minute, held)->isEmpty());
        QVERIFY(!m_store->nextWakeTime().value());
        QCOMPARE(statusOf(retried), JobStatus::Waiting);
        QCOMPARE(statusOf(held), JobStatus::Waiting);

        QCOMPARE(m_store->resumeWebhook(hook).value(), true);
        QCOMPARE(m_store->resumeWebhook(hook).value(), false);
        QVERIFY(!m_store->webhook(hook)->pausedAt);
        QVERIFY(m_store->nextWakeTime().value());
        // In the order they fell due: the one created while paused first, then the retry.
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 10, Minute).value();
        QCOMPARE(claimed.size(), 2);
        QCOMPARE(claimed.at(0).delivery.id, held);
        QCOMPARE(claimed.at(1).delivery.id, retried);
        // 30 hours after its first attempt, all of them paused: it is still within its window.
        QList<AttemptRecord> records;
        for (const auto &c : claimed)
            records.append(failedAttempt(c, m_clock->now()));
        m_store->recordAttempts(QStringLiteral("w"), records).value();
        QCOMPARE(statusOf(retried), JobStatus::Waiting);
        QCOMPARE(m_store->attempts(retried)->size(), 2);

        QVERIFY(!m_store->pauseWebhook(hook + 100).ok());
        QCOMPARE(m_store->resumeWebhook(hook + 100).errorKind(), ErrorKind::NotFound);
    }

    // Auto-disable: a webhook answered with nothing but failures for its period is paused,
    // marked as paused for that; a success starts the count afresh; one without the setting
    // is never paused; resume sends what was held and gives it a whole period again.
    void autoDisablePausesAFailingWebhook_data() { TestDatabases::addBackendRows(); }
    void autoDisablePausesAFailingWebhook()
    {
        if (!openFresh())
            return;
        Webhook w;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        w.autoDisableAfterMs = 3 * Day;
        const qint64 failing = m_store->addWebhook(w).value();
        const qint64 recovering = m_store->addWebhook(w).value();
        const qint64 off = addWebhook();
        // Each webhook answers: every day a new delivery, all of them failed, except the one
        // `recovering` answers with a success on the second day.
        auto answerDue = [&](qint64 succeeding) {
            const auto claimed = m_store->claimDue(QStringLiteral("w"), 1000, Minute).value();
            QList<AttemptRecord> records;
            for (const auto &c : claimed)
                records.append(failedAttempt(c, m_clock->now(), c.webhook.id == succeeding ? 200 : 503));
            m_store->recordAttempts(QStringLiteral("w"), records).value();
        };
        const TimeMs firstFailure = m_clock->now();
        for (int day = 0; day < 3; ++day) {
            for (qint64 hook : { failing, recovering, off })
                m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
            answerDue(day == 1 ? recovering : 0);
            QVERIFY2(!m_store->webhook(failing)->pausedAt, "paused before its three days");
            m_clock->advance(Day);
        }
        QCOMPARE(m_store->webhook(failing)->failingSince, std::optional<TimeMs>(firstFailure));
        QCOMPARE(m_store->webhook(recovering)->failingSince, std::optional<TimeMs>(firstFailure + 2 * Day));
        // Three days after its first failure, the next failure pauses it.
        for (qint64 hook : { failing, recovering, off })
            m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        answerDue(0);
        const Webhook paused = m_store->webhook(failing).value();
        QCOMPARE(paused.pausedAt, std::optional<TimeMs>(m_clock->now()));
        QCOMPARE(paused.autoPausedAt, std::optional<TimeMs>(m_clock->now()));
        QVERIFY(!m_store->webhook(recovering)->pausedAt);
        QVERIFY(!m_store->webhook(off)->pausedAt);
        QVERIFY(m_store->webhook(off)->failingSince);

        // Its new deliveries are held.
        const qint64 held = m_store->createDelivery(failing, QStringLiteral("ping"), "{}").value();
        m_clock->advance(Hour);
        for (const auto &c : m_store->claimDue(QStringLiteral("w"), 1000, Minute).value())
            QVERIFY(c.webhook.id != failing);
        QCOMPARE(statusOf(held), JobStatus::Waiting);

        // Resumed: the held delivery goes out, and a success clears the failing run.
        QCOMPARE(m_store->resumeWebhook(failing).value(), true);
        const Webhook resumed = m_store->webhook(failing).value();
        QVERIFY(!resumed.pausedAt);
        QVERIFY(!resumed.autoPausedAt);
        QVERIFY(!resumed.failingSince);
        QCOMPARE(resumed.autoDisableAfterMs, 3 * Day);
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 1000, Minute).value();
        bool sent = false;
        QList<AttemptRecord> records;
        for (const auto &c : claimed) {
            sent = sent || c.delivery.id == held;
            records.append(failedAttempt(c, m_clock->now(), 200));
        }
        QVERIFY2(sent, "the held delivery is claimed after resume");
        m_store->recordAttempts(QStringLiteral("w"), records).value();
        QCOMPARE(statusOf(held), JobStatus::Completed);
        QVERIFY(!m_store->webhook(failing)->failingSince);
    }

    // Running past its lease, or due for over a minute with nothing of its webhook in
    // flight: listed, counted, and (the first) given back to the queue.
    void findsAndRequeuesStuckDeliveries_data() { TestDatabases::addBackendRows(); }
    void findsAndRequeuesStuckDeliveries()
    {
        if (!openFresh())
            return;
        const qint64 a = addWebhook();
        const qint64 b = addWebhook();
        const qint64 paused = addWebhook();
        const qint64 running = m_store->createDelivery(a, QStringLiteral("ping"), "{}").value();
        QCOMPARE(m_store->claimDue(QStringLiteral("gone"), 1, Minute, running)->size(), 1);
        const qint64 due = m_store->createDelivery(b, QStringLiteral("ping"), "{}").value();
        m_store->createDelivery(paused, QStringLiteral("ping"), "{}").value();
        m_store->pauseWebhook(paused).value();

        auto report = m_store->stuckDeliveries(10);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->leaseExpired, 0);
        QCOMPARE(report->overdue, 0);
        QCOMPARE(report->liveLeases, 1);
        QVERIFY(!report->noDispatcher());

        m_clock->advance(2 * Minute);
        report = m_store->stuckDeliveries(10);
        QCOMPARE(report->leaseExpired, 1);
        QCOMPARE(report->overdue, 1);
        QCOMPARE(report->liveLeases, 0);
        QVERIFY(report->noDispatcher());
        QCOMPARE(report->first.size(), 2);
        QCOMPARE(report->first.at(0).delivery.id, running);
        QCOMPARE(report->first.at(0).reason, StuckDelivery::Reason::LeaseExpired);
        QCOMPARE(report->first.at(1).delivery.id, due);
        QCOMPARE(report->first.at(1).reason, StuckDelivery::Reason::Overdue);

        QCOMPARE(m_store->requeueStuck().value(), 1);
        const Delivery d = m_store->delivery(running).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QVERIFY(d.leaseOwner.isEmpty());
        QCOMPARE(m_store->stuckDeliveries(0)->leaseExpired, 0);
    }
    // A worker that lives and renews its lease, but whose attempt never ends: a minute past
    // the webhook's timeout it is listed as hung (the attempt count not moving), since its
    // claim, and given back to the queue like one whose lease ran out.
    void findsHungAttempts_data() { TestDatabases::addBackendRows(); }
    void findsHungAttempts()
    {
        if (!openFresh())
            return;
        const qint64 hook = addWebhook();
        const qint64 timeoutMs = m_store->webhook(hook)->timeoutMs;
        const qint64 id = m_store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        const TimeMs claimedAt = m_clock->now();
        const auto claimed = m_store->claimDue(QStringLiteral("alive"), 1, Minute, id).value();
        QCOMPARE(claimed.size(), 1);
        const QList<Lease> lease { { id, claimed.first().delivery.leaseToken } };
        // Within its timeout and the minute after: not stuck.
        m_clock->advance(timeoutMs + StuckDelivery::HungAfterMs - 1000);
        QVERIFY(m_store->renewLeases(lease, Minute).ok());
        auto report = m_store->stuckDeliveries(10);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->hung, 0);
        QCOMPARE(report->liveLeases, 1);
        m_clock->advance(2000);
        QVERIFY(m_store->renewLeases(lease, Minute).ok());
        report = m_store->stuckDeliveries(10);
        QCOMPARE(report->hung, 1);
        QCOMPARE(report->leaseExpired, 0);
        QCOMPARE(report->liveLeases, 1);
        QVERIFY(!report->noDispatcher());
        QCOMPARE(report->first.size(), 1);
        QCOMPARE(report->first.first().delivery.id, id);
        QCOMPARE(report->first.first().reason, StuckDelivery::Reason::Hung);
        QCOMPARE(report->first.first().since(), std::optional<TimeMs>(claimedAt));

        QCOMPARE(m_store->requeueStuck().value(), 1);
        const Delivery d = m_store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QVERIFY(d.leaseOwner.isEmpty());
        QCOMPARE(m_store->stuckDeliveries(0)->hung, 0);
    }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
