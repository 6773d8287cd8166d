#pragma once

#include "clock.h"
#include "delivery.h"

#include <QMetaType>
#include <QString>

#include <optional>

// Which deliveries a history query returns, in which order, and which page of them.
struct DeliveryFilter
{
    enum class SortKey { Id, Status, EventType, Attempts, LastSent, NextAttempt };

    std::optional<qint64> webhookId;
    std::optional<JobStatus> status;
    // Launchpad's four icons: never tried, delivered, retrying, failed (overrides status).
    std::optional<Delivery::Display> display;
    QString eventType;
    QString text; // free text: a delivery id, or part of the event type or failure detail
    std::optional<TimeMs> since; // date_created >= since
    std::optional<TimeMs> until; // date_created < until
    std::optional<qint64> beforeId; // newest first: id < beforeId (paging)
    SortKey sortKey = SortKey::Id;
    bool descending = true;
    int limit = 50;
    qint64 offset = 0;
    bool withPayload = true; // lists for the window leave payloads (up to 5 MiB each) out
};

Q_DECLARE_METATYPE(DeliveryFilter)
