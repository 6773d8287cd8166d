#include "deliverystate.h"
#include "retrypolicy.h"

#include <QTest>

namespace {
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr TimeMs T0 = 1795860000000; // 2026-11-28T10:00:00Z
} // namespace

class TestRetryPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Launchpad's test_retry_delay and test_retry_automatically, as a table.
    void nextAttempt_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<qint64>("elapsed");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("expectedDelay"); // -1: no retry
        QTest::newRow("seed: first failure") << "seed" << 0LL << 404 << 5 * Minute;
        QTest::newRow("seed: 30 min") << "seed" << 30 * Minute << 404 << 5 * Minute;
        QTest::newRow("seed: just under 1 h") << "seed" << Hour - 1 << 0 << 5 * Minute;
        QTest::newRow("seed: 1 h") << "seed" << Hour << 0 << Hour;
        QTest::newRow("seed: 23 h") << "seed" << 23 * Hour << 500 << Hour;
        QTest::newRow("seed: just under 24 h") << "seed" << 24 * Hour - 1 << 500 << Hour;
        QTest::newRow("seed: 24 h gives up") << "seed" << 24 * Hour << 404 << -1LL;
        QTest::newRow("current: 1 min early") << "launchpad-current" << 9 * Minute << 0 << Minute;
        QTest::newRow("current: 5 min at 10 min") << "launchpad-current" << 10 * Minute << 503 << 5 * Minute;
        QTest::newRow("current: hourly after 1 h") << "launchpad-current" << 2 * Hour << 0 << Hour;
        QTest::newRow("current: 4xx window 1 h") << "launchpad-current" << Hour << 404 << -1LL;
        QTest::newRow("current: 4xx inside 1 h") << "launchpad-current" << 59 * Minute << 404 << 5 * Minute;
        QTest::newRow("current: 5xx keeps 24 h") << "launchpad-current" << 5 * Hour << 502 << Hour;
        QTest::newRow("current: connection keeps 24 h") << "launchpad-current" << 23 * Hour << 0 << Hour;
    }
    void nextAttempt()
    {
        QFETCH(QString, preset);
        QFETCH(qint64, elapsed);
        QFETCH(int, status);
        QFETCH(qint64, expectedDelay);
        const RetryPolicy policy = RetryPolicy::fromPreset(preset).value();
        const auto next = policy.nextAttempt(T0, T0 + elapsed, status);
        if (expectedDelay < 0) {
            QVERIFY(!next.has_value());
        } else {
            QVERIFY(next.has_value());
            QCOMPARE(*next - (T0 + elapsed), expectedDelay);
        }
    }

    // The facts page: without latency, attempts at 0, 5 … 60 min (13), then hourly to 24 h (23).
    void seedScheduleHas36Attempts()
    {
        const RetryPolicy policy = RetryPolicy::seed();
        QList<qint64> offsets { 0 };
        for (auto next = policy.nextAttempt(T0, T0, 0); next; next = policy.nextAttempt(T0, *next, 0))
            offsets << (*next - T0);
        QCOMPARE(offsets.size(), 36);
        QCOMPARE(offsets.at(12), 60 * Minute);
        QCOMPARE(offsets.at(13), 2 * Hour);
        QCOMPARE(offsets.last(), 24 * Hour);
        QCOMPARE(policy.projectedAttempts(T0, T0 + 5 * Minute).size(), 35);
    }

    // The projection follows the failure's class: launchpad-current gives a 404 one hour, a 503
    // or a connection error the whole day.
    void projectionUsesTheFailureClass()
    {
        const RetryPolicy policy = RetryPolicy::launchpadCurrent();
        const QList<TimeMs> after404 = policy.projectedAttempts(T0, T0 + Minute, 100, 404);
        const QList<TimeMs> after503 = policy.projectedAttempts(T0, T0 + Minute, 100, 503);
        QVERIFY(after404.last() - T0 <= Hour + 5 * Minute);
        QCOMPARE(after503.last() - T0, 24 * Hour);
        QCOMPARE(policy.projectedAttempts(T0, T0 + Minute, 100, 0), after503);
    }

    void launchpadCurrentHasAbout44Attempts()
    {
        const RetryPolicy policy = RetryPolicy::launchpadCurrent();
        int attempts = 1;
        for (auto next = policy.nextAttempt(T0, T0, 0); next; next = policy.nextAttempt(T0, *next, 0))
            ++attempts;
        // 0..10 min every minute (11), 15..60 every 5 (10), 2..24 h hourly (23).
        QCOMPARE(attempts, 44);
    }

    void zeroWindowNeverRetries()
    {
        RetryPolicy policy;
        policy.windowMs = 0;
        QVERIFY(!policy.nextAttempt(T0, T0, 500).has_value());
        QCOMPARE(policy.describe(), QStringLiteral("Does not retry automatically."));
    }

    void describesInPlainWords()
    {
        QCOMPARE(RetryPolicy::seed().describe(),
                 QStringLiteral("Retries every 5 minutes for the first hour, then hourly, until 24 hours after the "
                                "first attempt."));
        RetryPolicy custom;
        custom.earlyDelayMs = 30 * 1000;
        custom.earlyPeriodMs = 10 * Minute;
        custom.lateDelayMs = 2 * Hour;
        custom.windowMs = 48 * Hour;
        QCOMPARE(custom.describe(), QStringLiteral("Retries every 30 seconds for the first 10 minutes, then every 2 "
                                                   "hours, until 2 days after the first attempt."));
    }

    // date_sent and date_first_sent are taken when the outcome is known; the next attempt is
    // the end of this attempt plus the delay.
    void deliveryUpdateAfterFailure()
    {
        Delivery d;
        d.dateCreated = T0 - Minute;
        const auto u = DeliveryUpdate::afterAttempt(d, Outcome::classify(false, QString(), 404), T0, RetryPolicy::seed());
        QCOMPARE(u.status, JobStatus::Waiting);
        QCOMPARE(u.dateFirstSent.value(), T0);
        QCOMPARE(u.dateSent.value(), T0);
        QCOMPARE(u.scheduledStart.value(), T0 + 5 * Minute);
        QVERIFY(!u.dateFinished);

        d.dateFirstSent = T0 - 24 * Hour;
        const auto last = DeliveryUpdate::afterAttempt(d, Outcome::classify(false, QString(), 404), T0, RetryPolicy::seed());
        QCOMPARE(last.status, JobStatus::Failed);
        QCOMPARE(last.dateFirstSent.value(), T0 - 24 * Hour);
        QCOMPARE(last.dateFinished.value(), T0);
    }

    void deactivatedIsNotSentNorRetried()
    {
        Delivery d;
        d.dateCreated = T0;
        const auto u = DeliveryUpdate::afterAttempt(d, Outcome::classify(true, QString(), 0), T0, RetryPolicy::seed());
        QCOMPARE(u.status, JobStatus::Failed);
        QVERIFY(!u.dateSent);
        QVERIFY(!u.dateFirstSent);
        QCOMPARE(u.failureDetail, QStringLiteral("Webhook deactivated"));
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
