#include "deliverystate.h"
#include "retrypolicy.h"

#include <QLocale>
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

    // A stepped schedule counts attempts: the delay after attempt n is step n; after the last
    // step, or past the window, the delivery fails for good. Jitter moves the delay within
    // ±jitter by the drawn unit; Retry-After on 429/503 wins where it is honoured, capped by
    // the window.
    void steppedNextAttempt_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("elapsed");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("retryAfter"); // -1: none
        QTest::addColumn<double>("jitter");
        QTest::addColumn<double>("unit");
        QTest::addColumn<qint64>("expectedDelay"); // -1: no retry
        const QString sw = QStringLiteral("standard-webhooks");
        QTest::newRow("sw: after attempt 1, 5 s") << sw << 1 << 0LL << 500 << -1LL << 0.0 << 0.5 << 5000LL;
        QTest::newRow("sw: after attempt 2, 5 min")
            << sw << 2 << 5000LL << 0 << -1LL << 0.0 << 0.5 << 5 * Minute;
        QTest::newRow("sw: after attempt 4, 2 h") << sw << 4 << Hour << 404 << -1LL << 0.0 << 0.5 << 2 * Hour;
        QTest::newRow("sw: after attempt 7, 10 h")
            << sw << 7 << 17 * Hour << 500 << -1LL << 0.0 << 0.5 << 10 * Hour;
        QTest::newRow("sw: after attempt 8, done")
            << sw << 8 << 27 * Hour << 500 << -1LL << 0.0 << 0.5 << -1LL;
        QTest::newRow("sw: jitter low end") << sw << 3 << Hour << 500 << -1LL << 0.2 << 0.0 << 24 * Minute;
        QTest::newRow("sw: jitter high end") << sw << 3 << Hour << 500 << -1LL << 0.2 << 1.0 << 36 * Minute;
        QTest::newRow("sw: jitter middle") << sw << 3 << Hour << 500 << -1LL << 0.2 << 0.5 << 30 * Minute;
        QTest::newRow("sw: Retry-After on 503") << sw << 1 << 0LL << 503 << 90000LL << 0.2 << 0.0 << 90000LL;
        QTest::newRow("sw: Retry-After 0 on 429, a second") << sw << 2 << 0LL << 429 << 0LL << 0.0 << 0.5 << 1000LL;
        QTest::newRow("sw: Retry-After on 500 ignored")
            << sw << 1 << 0LL << 500 << 90000LL << 0.0 << 0.5 << 5000LL;
        QTest::newRow("sw: Retry-After capped by the window")
            << sw << 1 << 47 * Hour << 503 << 5 * Hour << 0.0 << 0.5 << Hour;
        QTest::newRow("sw: Retry-After after the last step")
            << sw << 8 << Hour << 503 << 1000LL << 0.0 << 0.5 << -1LL;
        QTest::newRow("launchpad: Retry-After not honoured")
            << QStringLiteral("launchpad") << 1 << 0LL << 503 << 1000LL << 0.0 << 0.5 << 5 * Minute;
        QTest::newRow("launchpad: jitter on a tier")
            << QStringLiteral("launchpad") << 1 << 0LL << 503 << -1LL << 0.1 << 1.0 << 5 * Minute + 30000;
        const QString stripe = QStringLiteral("stripe");
        QTest::newRow("stripe: after attempt 1, 1 min")
            << stripe << 1 << 0LL << 500 << -1LL << 0.0 << 0.5 << Minute;
        QTest::newRow("stripe: after attempt 9, 24 h")
            << stripe << 9 << 31 * Hour << 500 << -1LL << 0.0 << 0.5 << 24 * Hour;
        QTest::newRow("stripe: cut at 3 days")
            << stripe << 10 << 55 * Hour << 500 << -1LL << 0.0 << 0.5 << 17 * Hour;
        QTest::newRow("stripe: after attempt 11, done")
            << stripe << 11 << 72 * Hour - 1 << 500 << -1LL << 0.0 << 0.5 << -1LL;
        QTest::newRow("none: never") << QStringLiteral("none") << 1 << 0LL << 500 << -1LL << 0.0 << 0.5
                                     << -1LL;
    }
    void steppedNextAttempt()
    {
        QFETCH(QString, preset);
        QFETCH(int, attempt);
        QFETCH(qint64, elapsed);
        QFETCH(int, status);
        QFETCH(qint64, retryAfter);
        QFETCH(double, jitter);
        QFETCH(double, unit);
        QFETCH(qint64, expectedDelay);
        RetryPolicy policy = RetryPolicy::fromPreset(preset).value();
        policy.jitter = jitter;
        RetryPolicy::Failure failure;
        failure.firstAttempt = T0;
        failure.attemptEnd = T0 + elapsed;
        failure.attemptNumber = attempt;
        failure.httpStatus = status;
        if (retryAfter >= 0)
            failure.retryAfterMs = retryAfter;
        const auto next = policy.nextAttempt(failure, unit);
        if (expectedDelay < 0) {
            QVERIFY(!next.has_value());
        } else {
            QVERIFY(next.has_value());
            QCOMPARE(*next - (T0 + elapsed), expectedDelay);
        }
    }

    // Every attempt of a failing delivery, from the first: the platforms' published schedules.
    void presetsAttemptTimes_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QList<qint64>>("offsets");
        QTest::newRow("standard-webhooks")
            << QStringLiteral("standard-webhooks")
            << QList<qint64> { 0, 5000, 5000 + 5 * Minute, 5000 + 35 * Minute, 5000 + 155 * Minute,
                   5000 + 455 * Minute, 5000 + 1055 * Minute, 5000 + 1655 * Minute };
        QTest::newRow("stripe") << QStringLiteral("stripe")
                                << QList<qint64> { 0, Minute, 6 * Minute, 36 * Minute, 96 * Minute,
                                       216 * Minute, 456 * Minute, 936 * Minute, 1896 * Minute, 3336 * Minute,
                                       72 * Hour };
    }
    void presetsAttemptTimes()
    {
        QFETCH(QString, preset);
        QFETCH(QList<qint64>, offsets);
        const RetryPolicy policy = RetryPolicy::fromPreset(preset).value();
        const auto first = policy.nextAttempt({ T0, T0, 1, 500, std::nullopt });
        QVERIFY(first);
        QList<qint64> got { 0 };
        for (const TimeMs t : policy.projectedAttempts(T0, *first, 100, 500, 2))
            got << t - T0;
        QCOMPARE(got, offsets);
    }

    void describesSteps()
    {
        // The list is the locale's ("a, b and c" in English).
        const QString delays = QLocale().createSeparatedList({ QStringLiteral("5 seconds"),
            QStringLiteral("5 minutes"), QStringLiteral("30 minutes"), QStringLiteral("2 hours"),
            QStringLiteral("5 hours"), QStringLiteral("10 hours"), QStringLiteral("10 hours") });
        const QString text = RetryPolicy::standardWebhooks().describe();
        QCOMPARE(text,
            QStringLiteral("Retries after ") + delays
                + QStringLiteral(", at most until 2 days after the first attempt. A 429 or 503 with "
                                 "Retry-After is retried when the receiver asks, within the window."));
        RetryPolicy jittered = RetryPolicy::launchpad();
        jittered.jitter = 0.2;
        QVERIFY(jittered.describe().endsWith(QStringLiteral(" Each delay varies by up to ±20 %.")));
    }

    // What a webhook's row keeps: every preset, and custom values, back as they were.
    void jsonRoundTrip_data()
    {
        QTest::addColumn<QString>("preset");
        for (const QString &name : RetryPolicy::presetNames())
            QTest::newRow(qPrintable(name)) << name;
    }
    void jsonRoundTrip()
    {
        QFETCH(QString, preset);
        RetryPolicy policy = RetryPolicy::fromPreset(preset).value();
        QCOMPARE(RetryPolicy::fromJson(policy.toJson()).value(), policy);
        QVERIFY(!RetryPolicy::fromJson(policy.toJson()).value().isCustom());
        policy.jitter = 0.25;
        policy.windowMs = 5 * Hour;
        policy.nonServerErrorWindowMs = 10 * Minute;
        policy.stepsMs = { 0, 1000, 2000 };
        const RetryPolicy back = RetryPolicy::fromJson(policy.toJson()).value();
        QCOMPARE(back, policy);
        QVERIFY(back.isCustom());
        policy.stepsMs.clear();
        QCOMPARE(RetryPolicy::fromJson(policy.toJson()).value(), policy);
    }

    void badStepsAreRefusedInOneSentence_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("no leading 0") << "5s,5m"
                                      << "start the steps with 0";
        QTest::newRow("not a duration") << "0,5x"
                                        << "\"5x\" is not a duration";
        QTest::newRow("bare number") << "0,30"
                                     << "\"30\" is not a duration";
        QTest::newRow("zero step") << "0,0s"
                                   << "more than 0s";
        QTest::newRow("empty step") << "0,,5m"
                                    << "\"\" is not a duration";
    }
    void badStepsAreRefusedInOneSentence()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto steps = RetryPolicy::parseSteps(text);
        QVERIFY(!steps);
        QVERIFY2(steps.error().contains(error), qPrintable(steps.error()));
        QVERIFY(!steps.error().contains(QLatin1Char('\n')));
    }

    void stepsParseAndFormat()
    {
        const auto steps = RetryPolicy::parseSteps(QStringLiteral("0, 5s,5m,30m,2h"));
        QVERIFY(steps);
        QCOMPARE(steps.value(), (QList<qint64> { 0, 5000, 5 * Minute, 30 * Minute, 2 * Hour }));
        QCOMPARE(RetryPolicy::formatSteps(steps.value()), QStringLiteral("0,5s,5m,30m,2h"));
    }

    void retryAfterParses()
    {
        QCOMPARE(RetryPolicy::parseRetryAfter("120", T0), std::optional<qint64>(120000));
        QCOMPARE(RetryPolicy::parseRetryAfter(" 0 ", T0), std::optional<qint64>(0));
        QCOMPARE(RetryPolicy::parseRetryAfter("Sat, 28 Nov 2026 10:10:00 GMT", T0),
            std::optional<qint64>(10 * Minute));
        QCOMPARE(RetryPolicy::parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", T0), std::optional<qint64>(0));
        QVERIFY(!RetryPolicy::parseRetryAfter("-5", T0));
        QVERIFY(!RetryPolicy::parseRetryAfter("soon", T0));
    }

    // The delivery's attempt_count (since the last manual retry) picks the step.
    void deliveryUpdateUsesTheAttemptNumber()
    {
        Delivery d;
        d.dateCreated = T0;
        d.dateFirstSent = T0;
        d.attemptCount = 3; // this is the fourth attempt
        Outcome outcome = Outcome::classify(false, QString(), 500);
        const auto u = DeliveryUpdate::afterAttempt(d, outcome, T0 + Hour, RetryPolicy::standardWebhooks());
        QCOMPARE(u.scheduledStart.value(), T0 + Hour + 2 * Hour);
        outcome = Outcome::classify(false, QString(), 503);
        outcome.retryAfterMs = 7000;
        const auto asked
            = DeliveryUpdate::afterAttempt(d, outcome, T0 + Hour, RetryPolicy::standardWebhooks());
        QCOMPARE(asked.scheduledStart.value(), T0 + Hour + 7000);
        d.attemptCount = 7;
        const auto last
            = DeliveryUpdate::afterAttempt(d, outcome, T0 + Hour, RetryPolicy::standardWebhooks());
        QCOMPARE(last.status, JobStatus::Failed);
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
