#pragma once

#include "clock.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// When a failed delivery is tried again, as data: each sender profile's schedule is one of
// these, stored per webhook (as JSON, toJson()). One pure function, nextAttempt(), decides;
// nothing else in the engine knows the numbers.
//
// Two shapes of schedule:
// - tiers by the time since the first attempt (Launchpad's): a delay while less than a period
//   has passed, a longer one after; retried until the window has passed;
// - steps by attempt number (Standard Webhooks', Stripe's): stepsMs[n] is the delay after
//   attempt n (stepsMs[0], the first attempt's own, is 0: it is sent at once); after the last
//   step, or once the window has passed, the delivery fails for good.
struct RetryPolicy
{
    static constexpr qint64 Second = 1000;
    static constexpr qint64 Minute = 60 * Second;
    static constexpr qint64 Hour = 60 * Minute;
    static constexpr qint64 Day = 24 * Hour;
    static constexpr qint64 MinRetryAfterMs = Second; // the soonest a Retry-After is honoured

    QString preset = QStringLiteral("launchpad");
    // Retry while less than this has passed since the first attempt: the window of a
    // connection error or a 5xx, and of every failure unless nonServerErrorWindowMs is set.
    qint64 windowMs = 24 * Hour;
    qint64 earlyDelayMs = 5 * Minute; // delay while less than earlyPeriodMs has passed
    qint64 earlyPeriodMs = 1 * Hour;
    qint64 lateDelayMs = 1 * Hour; // delay after that
    // A shorter first tier (launchpad-current's); 0: none.
    qint64 firstDelayMs = 0;
    qint64 firstPeriodMs = 0;
    // The window of an HTTP error other than 5xx (a 4xx, a 3xx), when shorter than windowMs.
    std::optional<qint64> nonServerErrorWindowMs;
    // Not empty: the schedule is stepped, and the tiers above do not apply.
    QList<qint64> stepsMs;
    // Each delay varies by up to ± this fraction of itself (0.2: ±20 %), so deliveries that
    // failed together do not come back together.
    double jitter = 0;
    // A 429 or 503 with Retry-After is retried when the receiver asks (Svix does), though no
    // later than where the window ends.
    bool honourRetryAfter = false;

    // Launchpad's schedule as it first shipped (the launchpad profile's); "seed" is its old name.
    static RetryPolicy launchpad();
    static RetryPolicy seed() { return launchpad(); }
    // No automatic retry (GitHub's): a failed delivery waits for a manual redelivery.
    static RetryPolicy none();
    static RetryPolicy launchpadCurrent();
    static RetryPolicy standardWebhooks();
    static RetryPolicy stripe();
    static QStringList presetNames();
    static Result<RetryPolicy> fromPreset(const QString &name);
    // True once any value differs from its preset's: `webhook show` then says "custom".
    bool isCustom() const;
    bool isStepped() const { return !stepsMs.isEmpty(); }

    // What one failed attempt tells the schedule.
    struct Failure
    {
        // The delivery's date_first_sent, or its date_created before any attempt was sent.
        TimeMs firstAttempt = 0;
        TimeMs attemptEnd = 0;
        int attemptNumber = 1; // 1 for the first attempt since the delivery was last retried by hand
        int httpStatus = 0; // 0 for a connection error
        std::optional<qint64> retryAfterMs; // what a Retry-After header asked for, if any
    };
    // The next attempt's time, or nothing when the delivery fails for good. `jitterUnit`, in
    // [0, 1), places the delay within its ±jitter (0.5: the delay itself); the caller draws it.
    std::optional<TimeMs> nextAttempt(const Failure &failure, double jitterUnit = 0.5) const;
    // The tiered form, as Launchpad's tests state it: an attempt that ended at `attemptEnd`.
    std::optional<TimeMs> nextAttempt(TimeMs firstAttempt, TimeMs attemptEnd, int httpStatus) const;

    // The delay after attempt `attemptNumber`, which ended `elapsedMs` after the first
    // attempt, before jitter; nothing after a stepped schedule's last step.
    std::optional<qint64> delayAfter(qint64 elapsedMs, int attemptNumber = 1) const;
    // The window that applies to a failure: nonServerErrorWindowMs for HTTP errors other than
    // 5xx, windowMs for connection errors and 5xx.
    qint64 windowFor(int httpStatus) const;

    // The attempt times still to come if every attempt fails as the last did (`httpStatus`, 0
    // for a connection error: its class decides the window), takes no time and has no jitter.
    // `nextNumber` is the number of the attempt at `nextAttempt`.
    QList<TimeMs> projectedAttempts(TimeMs firstAttempt, TimeMs nextAttempt, int limit = 100,
        int httpStatus = 0, int nextNumber = 2) const;

    // "Retries every 5 minutes for the first hour, then hourly, until 24 hours after the first attempt."
    QString describe() const;

    // The schedule as stored in a webhook's row, and back; fromJson() refuses what
    // check() would.
    QJsonObject toJson() const;
    static Result<RetryPolicy> fromJson(const QJsonObject &json);
    // One clear sentence when a value makes no schedule (a negative delay, jitter of 1 or more).
    Status check() const;

    // "0,5s,5m,30m,2h": the first step is the first attempt's, and must be 0.
    static Result<QList<qint64>> parseSteps(const QString &text);
    static QString formatSteps(const QList<qint64> &stepsMs);
    // A Retry-After value (delta-seconds or an HTTP date) as a delay from `now`; nothing when
    // it is neither.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, TimeMs now);

    bool operator==(const RetryPolicy &o) const;
};
