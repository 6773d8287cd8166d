#pragma once

#include "delivery.h"
#include "outcome.h"
#include "retrypolicy.h"

// How a delivery changes when an attempt's outcome is known: the one place that turns
// Launchpad's rules (date_sent, date_first_sent, retry or give up) into new field values.
struct DeliveryUpdate
{
    JobStatus status = JobStatus::Waiting;
    std::optional<TimeMs> dateFirstSent;
    std::optional<TimeMs> dateSent;
    std::optional<TimeMs> dateFinished;
    std::optional<TimeMs> scheduledStart;
    bool successful = false;
    QString failureDetail;
    std::optional<int> lastStatusCode;

    // `jitterUnit`, in [0, 1): where the retry falls within the policy's jitter (the caller's
    // random draw; 0.5 is the delay itself).
    static DeliveryUpdate afterAttempt(const Delivery &before, const Outcome &outcome, TimeMs now,
        const RetryPolicy &policy, double jitterUnit = 0.5);
};
