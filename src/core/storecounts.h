#pragma once

#include "clock.h"

#include <QString>

// The store at a glance: how many deliveries are in each state that needs attention.
struct StoreCounts
{
    int waiting = 0; // never tried and due, or scheduled for a retry
    int retrying = 0; // waiting after a failed attempt
    int running = 0;
    int suspended = 0;
    int failedLast24h = 0;
    bool anyFailed = false; // a delivery failed for good, at any time, is in the store
};

// A worker holding leases on the store right now, as the store sees it.
struct LeaseHolder
{
    QString owner;
    int deliveries = 0;
    TimeMs latestExpiry = 0;
};
