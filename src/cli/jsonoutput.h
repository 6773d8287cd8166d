#pragma once

#include "delivery.h"
#include "webhook.h"

#include <QJsonObject>
#include <QJsonValue>

// The JSON forms the command line prints; times are "YYYY-MM-DDTHH:MM:SS.mmmZ" or null.
// Secrets are never part of them; credential-like header values and URL parts are masked.
namespace JsonOutput {

QJsonValue time(const std::optional<TimeMs> &t);
QJsonValue payloadValue(const QByteArray &payload);
QJsonObject retryPolicy(const RetryPolicy &policy);
QJsonObject webhook(const Webhook &webhook);
QJsonObject delivery(const Delivery &delivery);
QJsonObject attempt(const Attempt &attempt, const QByteArray &requestBody);
QJsonObject headers(const HeaderList &headers, bool mask);

} // namespace JsonOutput
