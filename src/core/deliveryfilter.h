#pragma once

#include "clock.h"
#include "delivery.h"

#include <QMetaType>
#include <QString>
#include <QVariant>

#include <optional>
#include <utility>

// Which deliveries a history query returns, in which order, and which page of them.
struct DeliveryFilter
{
    static constexpr qint64 DefaultTextScanLimit = 100000;
    enum class SortKey { Id, Status, EventType, Attempts, LastSent, NextAttempt };

    std::optional<qint64> webhookId;
    std::optional<JobStatus> status;
    // Launchpad's four icons: never tried, delivered, retrying, failed (overrides status).
    std::optional<Delivery::Display> display;
    QString eventType;
    // Free text, compared without case for the letters A-Z on both backends, `%` and `_` as
    // themselves: a delivery id, or part of the event type, the failure detail, the payload or a
    // response body.
    QString text;
    // Payloads and response bodies have no index: text is looked for among the newest this
    // many deliveries that match the rest of the filter (0: all of them, a scan of the store).
    qint64 textScanLimit = DefaultTextScanLimit;
    std::optional<qint64> deliveryId;
    // The last attempt's HTTP status within [first, second] (500-500, or 500-599 for "5xx").
    std::optional<std::pair<int, int>> httpStatus;
    std::optional<TimeMs> since; // date_created >= since
    std::optional<TimeMs> until; // date_created < until
    // Keys for paging: each page starts from the edge of the one beside it, one index probe at
    // any depth instead of stepping over every row before it.
    std::optional<qint64> beforeId; // id < beforeId
    std::optional<qint64> afterId; // id > afterId
    // The same for the sorts by status and by event type, whose indexes are (key, id): the rows
    // after this one in the order the page is read (the list's, or its reverse with fromEnd).
    struct RowKey
    {
        QVariant value; // the status as its number, or the event type
        qint64 id = 0;
    };
    std::optional<RowKey> afterRow;
    // The page is counted from the end of the list: read in the reverse order (limit and
    // offset from the end), returned in the list's order. The last page costs the first's.
    bool fromEnd = false;
    SortKey sortKey = SortKey::Id;
    bool descending = true;
    int limit = 50;
    qint64 offset = 0;
    bool withPayload = true; // lists for the window leave payloads (up to 5 MiB each) out

    // Sorted by status or by event type: a few large groups, each in id order in its (key, id)
    // index.
    bool sortsByGroup() const { return sortKey == SortKey::Status || sortKey == SortKey::EventType; }
    // A delivery's place in such a sort, as afterRow takes it.
    RowKey rowKey(const Delivery &d) const
    {
        return { sortKey == SortKey::Status ? QVariant(int(d.status)) : QVariant(d.eventType), d.id };
    }
};

Q_DECLARE_METATYPE(DeliveryFilter)

// One group of a list sorted by status or event type: its key, how many deliveries it has and
// their lowest and highest ids. A position inside a group is then a key estimated from its ids.
struct HistoryGroup
{
    QVariant value; // the status as its number, or the event type
    qint64 count = 0;
    qint64 minId = 0;
    qint64 maxId = 0;
};

Q_DECLARE_METATYPE(HistoryGroup)
