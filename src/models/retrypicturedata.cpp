#include "retrypicturedata.h"

#include <algorithm>

namespace {
// The axis when the schedule gives none (no retries): a day, as Launchpad's window.
constexpr qint64 DefaultAxisMs = 24 * RetryPolicy::Hour;
constexpr int MaxProjected = 200;

int statusOf(const Attempt &a)
{
    return a.response ? a.response->statusCode : 0;
}
} // namespace

double RetryPictureData::position(TimeMs t) const
{
    if (axisEnd <= axisStart)
        return 0;
    return std::clamp(double(t - axisStart) / double(axisEnd - axisStart), 0.0, 1.0);
}

RetryPictureData RetryPictureData::forDelivery(
    const Delivery &delivery, const QList<Attempt> &attempts, const RetryPolicy &policy, TimeMs now)
{
    RetryPictureData data;
    data.axisStart = delivery.dateFirstSent.value_or(delivery.dateCreated);
    QList<Attempt> sorted = attempts;
    std::sort(sorted.begin(), sorted.end(),
        [](const Attempt &a, const Attempt &b) { return a.dateSent < b.dateSent; });
    int lastStatus = delivery.lastStatusCode.value_or(0);
    for (const Attempt &a : std::as_const(sorted)) {
        // Attempts from before a retry with a new window belong to an earlier window.
        if (a.dateSent < data.axisStart)
            continue;
        const int status = statusOf(a);
        const bool ok = status >= 200 && status <= 299 && !a.deactivated;
        data.past.append({ a.dateSent, ok ? Outcome::Succeeded : Outcome::Failed, status });
        lastStatus = status;
    }
    TimeMs last = data.axisStart;
    if (!data.past.isEmpty())
        last = data.past.last().at;
    if (policy.windowMs > 0)
        data.windowEnd = data.axisStart + policy.windowFor(lastStatus);
    if (delivery.status == JobStatus::Waiting && delivery.scheduledStart) {
        data.next = *delivery.scheduledStart;
        data.countdownMs = qMax<qint64>(0, *data.next - now);
        QList<TimeMs> coming = policy.projectedAttempts(
            data.axisStart, *data.next, MaxProjected, lastStatus, delivery.attemptCount + 1);
        if (!coming.isEmpty())
            coming.removeFirst(); // `next` itself
        data.projected = coming;
        last = qMax(last, coming.isEmpty() ? *data.next : coming.last());
    }
    data.axisEnd = qMax(data.windowEnd.value_or(data.axisStart + DefaultAxisMs), last);
    return data;
}

RetryPictureData RetryPictureData::preview(const RetryPolicy &policy, int httpStatus)
{
    RetryPictureData data;
    RetryPolicy::Failure first;
    first.httpStatus = httpStatus;
    if (const auto next = policy.nextAttempt(first)) {
        data.next = *next;
        data.countdownMs = *next;
        data.projected = policy.projectedAttempts(0, *next, MaxProjected, httpStatus, 2);
        if (!data.projected.isEmpty())
            data.projected.removeFirst();
    }
    data.past.append({ 0, Outcome::Failed, httpStatus });
    if (policy.windowMs > 0)
        data.windowEnd = policy.windowFor(httpStatus);
    const TimeMs last = data.projected.isEmpty() ? data.next.value_or(0) : data.projected.last();
    data.axisEnd = qMax(data.windowEnd.value_or(DefaultAxisMs), last);
    return data;
}
