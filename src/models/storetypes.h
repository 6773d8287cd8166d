#pragma once

#include "claim.h"
#include "databaseconfig.h"
#include "delivery.h"
#include "deliveryfilter.h"
#include "retrypolicy.h"
#include "storecounts.h"
#include "webhook.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// The value structs that cross from the store's worker thread to the window.

// A webhook's health at a glance: computed from its newest deliveries.
struct WebhookHealth
{
    std::optional<Delivery> lastDelivery; // the newest delivery, if any
    int recentDelivered = 0; // of the newest (at most 50) deliveries
    int recentTotal = 0;
    int pending = 0; // waiting, running or suspended
    std::optional<TimeMs> nextRetry;
};

struct WebhookRow
{
    Webhook webhook;
    WebhookHealth health;
};

// A delivery waiting for a retry, with what its webhook's policy says is still to come.
struct ScheduledRetry
{
    Delivery delivery;
    QString webhookUrl; // masked
    TimeMs windowEnds = 0; // after this, a failed attempt fails the delivery for good
    QList<TimeMs> projectedAttempts; // the remaining attempts if every one fails
};

struct DeliveryDetail
{
    Delivery delivery; // with its payload
    QList<Attempt> attempts;
    std::optional<Webhook> webhook;
};

// The status bar's view of things: the store's counts and the dispatcher's state.
struct StoreStatus
{
    StoreCounts counts;
    QList<LeaseHolder> leaseHolders;
    bool delivering = false; // this window runs a dispatcher
    bool paused = false;
    int inFlight = 0;
    QString storeError; // the dispatcher cannot reach the store; empty when it can
};

// How the window's dispatcher runs; saved in the preferences.
struct DeliveryOptions
{
    bool deliver = true; // off: only watch a store that headless workers deliver from
    bool paused = false;
    int concurrency = 8;
    QString proxyUrl; // empty: no proxy
    qint64 leaseMs = Lease::DefaultDurationMs; // not a preference: benchmarks and tests shorten it
};

Q_DECLARE_METATYPE(WebhookRow)
Q_DECLARE_METATYPE(ScheduledRetry)
Q_DECLARE_METATYPE(DeliveryDetail)
Q_DECLARE_METATYPE(StoreStatus)
Q_DECLARE_METATYPE(DeliveryOptions)

// Registers the structs above for queued connections; call once before connecting.
void registerStoreTypes();
