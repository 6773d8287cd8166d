#pragma once

#include "delivery.h"
#include "webhook.h"

#include <QMetaType>

#include <optional>

// A webhook's health at a glance: computed from the deliveries it sent most recently.
struct WebhookHealth
{
    std::optional<Delivery> lastDelivery; // the one sent last; else the newest, if any
    int recentDelivered = 0; // of the (at most 50) deliveries sent most recently
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
