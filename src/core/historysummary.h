#pragma once

#include "clock.h"
#include "delivery.h"

#include <QList>
#include <QMetaType>

#include <optional>

// What a filtered history adds up to: how many delivered, retrying, failed; how long the
// receiver took to answer; attempts per hour by outcome. The store reads the rows, this
// adds them up.
struct HistorySummary
{
    static constexpr TimeMs Hour = 60 * 60 * 1000;

    // One attempt as the summary sees it.
    struct AttemptPoint
    {
        TimeMs sentAt = 0;
        qint64 durationMs = 0;
        bool successful = false; // a 2xx answer (Outcome::classify)
    };
    struct HourCount
    {
        TimeMs start = 0; // the hour, UTC
        int succeeded = 0;
        int failed = 0;
    };

    qint64 deliveries = 0;
    qint64 delivered = 0;
    qint64 retrying = 0;
    qint64 failed = 0;
    qint64 neverTried = 0;
    // Only the newest `limit` deliveries the filter takes were added up (the store's bound).
    bool capped = false;
    qint64 attempts = 0;
    // Nearest-rank percentiles of the attempts' durations; none without attempts.
    std::optional<qint64> medianMs;
    std::optional<qint64> p95Ms;
    // Every hour from the first attempt's to the last's, oldest first, empty hours included.
    QList<HourCount> attemptsPerHour;

    void countDelivery(Delivery::Display display, qint64 n);
    // Fills attempts, the percentiles and the hours from the attempts (in any order).
    void addAttempts(QList<AttemptPoint> points);
};

Q_DECLARE_METATYPE(HistorySummary)
