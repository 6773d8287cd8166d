#pragma once

#include "delivery.h"
#include "webhook.h"

#include <QList>
#include <QMetaType>

#include <optional>

// One delivery with everything the window shows of it: its payload, every attempt and its
// webhook (without the secret).
struct DeliveryDetail
{
    Delivery delivery; // with its payload
    QList<Attempt> attempts;
    std::optional<Webhook> webhook;
};

Q_DECLARE_METATYPE(DeliveryDetail)
