#pragma once

#include "clock.h"
#include "delivery.h"

#include <QList>
#include <QMetaType>

#include <optional>

// What an admin's recovery tools select and report: the failed deliveries a bulk recovery
// sends again, and the deliveries that look stuck.

// Deliveries that failed for good at or after `since`, of one webhook or of all.
struct FailedSelection
{
    TimeMs since = 0;
    std::optional<qint64> webhookId;
};

// What a bulk recovery would touch: how many, and the first of them in id order (without
// payloads), so the admin sees which before agreeing.
struct RecoveryPreview
{
    qint64 count = 0;
    QList<Delivery> first;
};

// A delivery no worker is moving on.
struct StuckDelivery
{
    enum class Reason {
        LeaseExpired, // running past its lease: the worker that took it is gone or hung
        Overdue, // waiting and due for longer than OverdueAfterMs, its webhook not paused
        // Running under a live lease, claimed longer ago than its webhook's timeout and
        // HungAfterMs more: the worker is alive and renews the lease, but the attempt does not
        // end and the attempt count does not move.
        Hung,
    };
    static constexpr qint64 OverdueAfterMs = 60 * 1000;
    static constexpr qint64 HungAfterMs = 60 * 1000;

    Delivery delivery;
    Reason reason = Reason::Overdue;
    std::optional<TimeMs> claimedAt; // when its worker took it (running ones)

    // Since when it is stuck: the lease's end, the time it fell due, or its claim.
    std::optional<TimeMs> since() const
    {
        switch (reason) {
        case Reason::LeaseExpired:
            return delivery.leaseExpires;
        case Reason::Overdue:
            return delivery.scheduledStart;
        case Reason::Hung:
            return claimedAt;
        }
        return std::nullopt;
    }
};

struct StuckReport
{
    qint64 leaseExpired = 0;
    qint64 overdue = 0;
    qint64 hung = 0;
    QList<StuckDelivery> first; // the oldest few of each kind
    int liveLeases = 0; // deliveries held under a lease that has not expired
    // Nothing holds a live lease while due work has waited past OverdueAfterMs: no dispatcher
    // is delivering from this store.
    bool noDispatcher() const { return liveLeases == 0 && overdue > 0; }
};

Q_DECLARE_METATYPE(FailedSelection)
Q_DECLARE_METATYPE(RecoveryPreview)
Q_DECLARE_METATYPE(StuckReport)
