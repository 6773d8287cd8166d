#pragma once

#include "clock.h"
#include "result.h"

#include <QString>
#include <QStringList>

#include <optional>

// When a failed delivery is tried again. The seam every sender profile's schedule goes
// through: one pure function, nextAttempt(), decides; nothing else in the engine knows
// the numbers.
struct RetryPolicy
{
    static constexpr qint64 Minute = 60 * 1000;
    static constexpr qint64 Hour = 60 * Minute;

    QString preset = QStringLiteral("launchpad");
    qint64 windowMs = 24 * Hour; // retry while less than this has passed since the first attempt
    qint64 earlyDelayMs = 5 * Minute; // delay while less than earlyPeriodMs has passed
    qint64 earlyPeriodMs = 1 * Hour;
    qint64 lateDelayMs = 1 * Hour; // delay after that
    // launchpad-current only: a shorter first tier, and a shorter window for HTTP errors other than 5xx.
    qint64 firstDelayMs = 0;
    qint64 firstPeriodMs = 0;
    std::optional<qint64> nonServerErrorWindowMs;

    // Launchpad's schedule as it first shipped (the launchpad profile's); "seed" is its old name.
    static RetryPolicy launchpad();
    static RetryPolicy seed() { return launchpad(); }
    // No automatic retry (GitHub's): a failed delivery waits for a manual redelivery.
    static RetryPolicy none();
    static RetryPolicy launchpadCurrent();
    static QStringList presetNames();
    static Result<RetryPolicy> fromPreset(const QString &name);
    // True once any value differs from its preset's: `webhook show` then says "custom".
    bool isCustom() const;

    // The delay after an attempt that ended `elapsedMs` after the first attempt.
    qint64 delayAfter(qint64 elapsedMs) const;
    // The window that applies to a failure: the short one for HTTP errors other than 5xx
    // under launchpad-current, the main one otherwise.
    qint64 windowFor(int httpStatus) const;

    // The next attempt's time after a failed attempt that ended at `attemptEnd`, or nothing
    // when the window has passed and the delivery fails for good. `firstAttempt` is the
    // delivery's date_first_sent, or its date_created before any attempt was sent.
    // `httpStatus` is 0 for a connection error.
    std::optional<TimeMs> nextAttempt(TimeMs firstAttempt, TimeMs attemptEnd, int httpStatus) const;

    // The attempt times still to come if every attempt fails as the last did (`httpStatus`, 0
    // for a connection error: its class decides the window) and takes no time.
    QList<TimeMs> projectedAttempts(TimeMs firstAttempt, TimeMs nextAttempt, int limit = 100, int httpStatus = 0) const;

    // "Retries every 5 minutes for the first hour, then hourly, until 24 hours after the first attempt."
    QString describe() const;

    bool operator==(const RetryPolicy &o) const;
};
