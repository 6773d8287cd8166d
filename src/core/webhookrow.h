#pragma once

#include "delivery.h"
#include "webhook.h"

#include <QMetaType>

#include <optional>

// A webhook's health at a glance: computed from its newest deliveries.
struct WebhookHealth
{
    std::optional<Delivery> lastDelivery; // the newest delivery, if any
    int recentDelivered = 0; // of the newest (at most 50) deliveries
    int recentTotal = 0;
    int pending = 0; // waiting, running or suspended
    std::optional<TimeMs> nextRetry;
};

// A row of the window's webhooks: the webhook (its secret left out) and its health.
struct WebhookRow
{
    Webhook webhook;
    WebhookHealth health;
};

Q_DECLARE_METATYPE(WebhookRow)
