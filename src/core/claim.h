#pragma once

#include "delivery.h"
#include "retrypolicy.h"
#include "webhook.h"

#include <QList>

// What the dispatcher and the store hand each other around one attempt: the claim of a
// delivery under a lease, and the record of the attempt made under it.

// A delivery taken by a worker for one attempt, with its webhook as it is at that moment.
// `delivery.leaseToken` names the claim.
struct ClaimedDelivery
{
    Delivery delivery;
    Webhook webhook;
    // Set by a receiver test tool (TestSender): its name, kept with the attempt, and the time
    // to sign instead of the send time (an expired timestamp).
    QString testTool;
    std::optional<TimeMs> signedAt;
};

// What the dispatcher writes once an attempt's outcome is known.
struct AttemptRecord
{
    Attempt attempt;
    Delivery before; // the delivery as claimed; its lease token names the claim
    RetryPolicy policy;
    double jitterUnit = 0.5; // the dispatcher's draw for the policy's jitter, in [0, 1)
};

// One claim's hold on a delivery. Every claim writes a token of its own, and every later
// write for it (renewal, release, the attempt's record) names that token: once a lease has
// expired and the delivery was claimed again, by another worker or by the same one, the
// first claim's late writes change nothing of the second's.
struct Lease
{
    // How long a claim holds its delivery unless renewed; a worker renews well before.
    static constexpr qint64 DefaultDurationMs = 60 * 1000;

    qint64 deliveryId = 0;
    qint64 token = 0;
};

// What a claim takes. Due deliveries are taken from the webhooks with due work in turn, the
// earliest due of each first, so one webhook's backlog never takes every slot while another
// has due work; a webhook with a limit of its own (Webhook::maxInFlight) gets no more than
// leaves it within that limit, counting what every worker holds.
struct ClaimRequest
{
    int limit = 0; // deliveries in all
    int perWebhook = 0; // and at most this many of one webhook; 0: up to `limit`
    QList<qint64> skipWebhooks; // none of these webhooks' deliveries
};
