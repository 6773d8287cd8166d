#pragma once

#include "delivery.h"
#include "retrypolicy.h"

#include <QList>

#include <optional>

// What the retry picture draws, worked out without a widget: the retry window as an axis from
// the first attempt, the attempts made (by outcome), the next one and its countdown, the
// attempts still to come if every one fails as the last did, and where the window ends.
struct RetryPictureData
{
    enum class Outcome { Succeeded, Failed };
    struct PastAttempt
    {
        TimeMs at = 0;
        Outcome outcome = Outcome::Failed;
        int httpStatus = 0; // 0: a connection error (or deactivated)
    };

    TimeMs axisStart = 0; // the first attempt (or the delivery's creation before it)
    TimeMs axisEnd = 0; // the window's end, or further when an attempt lies past it
    std::optional<TimeMs> windowEnd; // none when the schedule does not retry
    QList<PastAttempt> past;
    std::optional<TimeMs> next;
    qint64 countdownMs = 0; // to `next` from `now`, never negative
    QList<TimeMs> projected; // after `next`

    bool isEmpty() const { return past.isEmpty() && !next && projected.isEmpty(); }
    // Where `t` falls on the axis, 0 at its start and 1 at its end.
    double position(TimeMs t) const;

    // For a delivery and its attempts (any order) under `policy`, at `now`. The failure class
    // (connection error and 5xx, or another HTTP error) is the last attempt's.
    static RetryPictureData forDelivery(
        const Delivery &delivery, const QList<Attempt> &attempts, const RetryPolicy &policy, TimeMs now);
    // A schedule alone, as the webhook dialog previews it: every attempt of a delivery that
    // always fails with `httpStatus` (0: a connection error), from a first attempt at 0.
    static RetryPictureData preview(const RetryPolicy &policy, int httpStatus = 503);
};
