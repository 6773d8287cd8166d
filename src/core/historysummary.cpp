#include "historysummary.h"

#include <algorithm>
#include <cmath>

namespace {

// The nearest-rank percentile of sorted values: the smallest value with at least p% of the
// values at or below it.
qint64 percentile(const QList<qint64> &sorted, double p)
{
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(qBound<qsizetype>(0, rank - 1, sorted.size() - 1));
}

} // namespace

void HistorySummary::countDelivery(Delivery::Display display, qint64 n)
{
    deliveries += n;
    switch (display) {
    case Delivery::Display::NeverTried:
        neverTried += n;
        break;
    case Delivery::Display::Delivered:
        delivered += n;
        break;
    case Delivery::Display::Retrying:
        retrying += n;
        break;
    case Delivery::Display::Failed:
        failed += n;
        break;
    }
}

void HistorySummary::addAttempts(QList<AttemptPoint> points)
{
    attempts = points.size();
    attemptsPerHour.clear();
    medianMs.reset();
    p95Ms.reset();
    if (points.isEmpty())
        return;
    QList<qint64> durations;
    durations.reserve(points.size());
    for (const AttemptPoint &p : points)
        durations.append(p.durationMs);
    std::sort(durations.begin(), durations.end());
    medianMs = percentile(durations, 50);
    p95Ms = percentile(durations, 95);

    std::sort(points.begin(), points.end(),
        [](const AttemptPoint &a, const AttemptPoint &b) { return a.sentAt < b.sentAt; });
    const auto hourOf = [](TimeMs t) { return t - ((t % Hour) + Hour) % Hour; };
    const TimeMs first = hourOf(points.constFirst().sentAt);
    const TimeMs last = hourOf(points.constLast().sentAt);
    for (TimeMs start = first; start <= last; start += Hour)
        attemptsPerHour.append({ start, 0, 0 });
    for (const AttemptPoint &p : points) {
        HourCount &hour = attemptsPerHour[qsizetype((hourOf(p.sentAt) - first) / Hour)];
        (p.successful ? hour.succeeded : hour.failed) += 1;
    }
}
