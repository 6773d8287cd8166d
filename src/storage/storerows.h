#pragma once

#include "clock.h"
#include "delivery.h"
#include "webhook.h"

#include <QString>
#include <QVariant>

#include <optional>

class SqlStatement;

// How webhooks, deliveries and attempts lie in the store's rows: the columns read, a row read
// into its struct, a struct's values bound to a statement. The one place that knows the
// columns' order and how headers and event types are written (JSON text).
namespace StoreRows {

// The columns readDelivery() and readWebhook() read, in their order.
extern const char *const DeliveryColumns;
extern const char *const WebhookColumns;

Delivery readDelivery(const SqlStatement &q);
Webhook readWebhook(const SqlStatement &q);
// An attempt's row: number, date_started, date_sent, duration_ms, request_url, request_method,
// request_headers, response_status, response_headers, response_body, response_body_truncated,
// connection_error, deactivated, test_tool (AttemptColumns).
extern const char *const AttemptColumns;
Attempt readAttempt(const SqlStatement &q, qint64 deliveryId);

// :url, :active, :secret, :types, :headers, :timeout, :preset, :window, :early_delay,
// :early_period, :late_delay, :trust, :max_in_flight.
void bindWebhook(SqlStatement &q, const Webhook &w);
// The 15 values of an attempts row from `position` on, in the order of AttemptInsertColumns;
// `number` is the attempt's number over the delivery's life.
extern const char *const AttemptInsertColumns;
void bindAttempt(SqlStatement &q, int &position, const Attempt &a, int number);

// [["Name","value"],…]: order and repeated names kept.
QString headersToJson(const HeaderList &headers);
HeaderList headersFromJson(const QString &json);
QStringList eventTypesFromJson(const QString &json);

// Values for nullable columns: a typed NULL when there is none (an empty text is none).
QVariant nullableTime(const std::optional<TimeMs> &t);
QVariant nullableInt(const std::optional<int> &v);
QVariant nullableText(const QString &s);
std::optional<TimeMs> optionalTime(const QVariant &v);

} // namespace StoreRows
