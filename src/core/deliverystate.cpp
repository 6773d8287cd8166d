#include "deliverystate.h"

DeliveryUpdate DeliveryUpdate::afterAttempt(const Delivery &before, const Outcome &outcome, TimeMs now,
                                            const RetryPolicy &policy)
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
        const TimeMs first = u.dateFirstSent.value_or(before.dateCreated);
        if (const auto next = policy.nextAttempt(first, now, outcome.httpStatus)) {
            u.status = JobStatus::Waiting;
            u.scheduledStart = *next;
            return u;
        }
    }
    u.status = JobStatus::Failed;
    u.dateFinished = now;
    return u;
}
