#include "deliverystate.h"

DeliveryUpdate DeliveryUpdate::afterAttempt(
    const Delivery &before, const Outcome &outcome, TimeMs now, const RetryPolicy &policy, double jitterUnit)
{
    DeliveryUpdate u;
    u.successful = outcome.successful;
    u.failureDetail = outcome.failureDetail;
    if (outcome.httpStatus > 0)
        u.lastStatusCode = outcome.httpStatus;
    u.dateFirstSent = before.dateFirstSent;
    u.dateSent = before.dateSent;
    // A deactivated webhook gets no request, so nothing was sent and no send date is taken.
    if (outcome.failureDetail != QLatin1String("Webhook deactivated") || outcome.retryable) {
        u.dateSent = now;
        if (!u.dateFirstSent)
            u.dateFirstSent = now;
    }
    if (outcome.successful) {
        u.status = JobStatus::Completed;
        u.dateFinished = now;
        return u;
    }
    if (outcome.retryable) {
        RetryPolicy::Failure failure;
        failure.firstAttempt = u.dateFirstSent.value_or(before.dateCreated);
        failure.attemptEnd = now;
        // attempt_count counts the attempts since the delivery was last retried by hand.
        failure.attemptNumber = before.attemptCount + 1;
        failure.httpStatus = outcome.httpStatus;
        failure.retryAfterMs = outcome.retryAfterMs;
        if (const auto next = policy.nextAttempt(failure, jitterUnit)) {
            u.status = JobStatus::Waiting;
            u.scheduledStart = *next;
            return u;
        }
    }
    u.status = JobStatus::Failed;
    u.dateFinished = now;
    return u;
}
