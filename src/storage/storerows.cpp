#include "storerows.h"

#include "sqlstatement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace StoreRows {

const char *const DeliveryColumns
    = "id, webhook_id, event_type, payload, status, attempt_count, total_attempts, date_created, "
      "date_first_sent, date_sent, date_finished, scheduled_start, lease_expires, lease_owner, successful, "
      "failure_detail, last_status_code, lease_token";

const char *const WebhookColumns
    = "id, delivery_url, active, secret, event_types, headers, timeout_ms, retry_preset, retry_window_ms, "
      "retry_early_delay_ms, retry_early_period_ms, retry_late_delay_ms, trust_self_signed, date_created, "
      "date_last_modified, max_in_flight, paused_at, profile, auto_disable_after_ms, failing_since, "
      "auto_paused_at, retry_schedule, previous_secret, previous_secret_until";

const char *const AttemptColumns
    = "number, date_started, date_sent, duration_ms, request_url, request_method, request_headers, "
      "response_status, response_headers, response_body, response_body_truncated, connection_error, "
      "deactivated, test_tool";

const char *const AttemptInsertColumns
    = "delivery_id, number, date_started, date_sent, duration_ms, request_url, request_method, "
      "request_headers, response_status, response_headers, response_body, response_body_truncated, "
      "connection_error, deactivated, test_tool";

QVariant nullableTime(const std::optional<TimeMs> &t)
{
    return t ? QVariant::fromValue<qint64>(*t) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant nullableInt(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

QVariant nullableText(const QString &s)
{
    return s.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

std::optional<TimeMs> optionalTime(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

namespace {
void appendJsonString(QByteArray &out, const QByteArray &utf8)
{
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}
} // namespace

// [["Name","value"],…]: order and repeated names kept. Written by hand because this runs
// twice per attempt on the dispatcher's hot path.
QString headersToJson(const HeaderList &headers)
{
    QByteArray out;
    out.reserve(64 * (headers.size() + 1));
    out += '[';
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i > 0)
            out += ',';
        out += '[';
        appendJsonString(out, QString::fromLatin1(headers.at(i).first).toUtf8());
        out += ',';
        appendJsonString(out, headers.at(i).second);
        out += ']';
    }
    out += ']';
    return QString::fromUtf8(out);
}

HeaderList headersFromJson(const QString &json)
{
    HeaderList headers;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto &item : array) {
        const QJsonArray pair = item.toArray();
        headers.append({ pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8() });
    }
    return headers;
}

QStringList eventTypesFromJson(const QString &json)
{
    QStringList types;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto &t : array)
        types.append(t.toString());
    return types;
}

Delivery readDelivery(const SqlStatement &q)
{
    Delivery d;
    d.id = q.value(0).toLongLong();
    d.webhookId = q.value(1).toLongLong();
    d.eventType = q.value(2).toString();
    d.payload = q.value(3).toByteArray();
    d.status = static_cast<JobStatus>(q.value(4).toInt());
    d.attemptCount = q.value(5).toInt();
    d.totalAttempts = q.value(6).toInt();
    d.dateCreated = q.value(7).toLongLong();
    d.dateFirstSent = optionalTime(q.value(8));
    d.dateSent = optionalTime(q.value(9));
    d.dateFinished = optionalTime(q.value(10));
    d.scheduledStart = optionalTime(q.value(11));
    d.leaseExpires = optionalTime(q.value(12));
    d.leaseOwner = q.value(13).toString();
    if (!q.value(14).isNull())
        d.successful = q.value(14).toInt() != 0;
    d.failureDetail = q.value(15).toString();
    if (!q.value(16).isNull())
        d.lastStatusCode = q.value(16).toInt();
    d.leaseToken = q.value(17).toLongLong();
    return d;
}

Webhook readWebhook(const SqlStatement &q)
{
    Webhook w;
    w.id = q.value(0).toLongLong();
    w.deliveryUrl = q.value(1).toString();
    w.active = q.value(2).toInt() != 0;
    if (!q.value(3).isNull())
        w.secret = q.value(3).toString();
    w.eventTypes = eventTypesFromJson(q.value(4).toString());
    w.headers = headersFromJson(q.value(5).toString());
    w.timeoutMs = q.value(6).toLongLong();
    const auto preset = RetryPolicy::fromPreset(q.value(7).toString());
    w.retryPolicy = preset ? preset.value() : RetryPolicy::launchpad();
    w.retryPolicy.windowMs = q.value(8).toLongLong();
    w.retryPolicy.earlyDelayMs = q.value(9).toLongLong();
    w.retryPolicy.earlyPeriodMs = q.value(10).toLongLong();
    w.retryPolicy.lateDelayMs = q.value(11).toLongLong();
    w.trustSelfSigned = q.value(12).toInt() != 0;
    w.dateCreated = q.value(13).toLongLong();
    w.dateLastModified = q.value(14).toLongLong();
    w.maxInFlight = q.value(15).toInt();
    w.pausedAt = optionalTime(q.value(16));
    w.profile = q.value(17).toString();
    w.autoDisableAfterMs = q.value(18).toLongLong();
    w.failingSince = optionalTime(q.value(19));
    w.autoPausedAt = optionalTime(q.value(20));
    // The whole schedule, from schema 9 on; a row written before keeps its preset and columns.
    if (!q.value(21).isNull()) {
        const QJsonObject json = QJsonDocument::fromJson(q.value(21).toString().toUtf8()).object();
        if (auto schedule = RetryPolicy::fromJson(json))
            w.retryPolicy = schedule.value();
    }
    if (!q.value(22).isNull())
        w.previousSecret = q.value(22).toString();
    w.previousSecretUntil = optionalTime(q.value(23));
    return w;
}

Attempt readAttempt(const SqlStatement &q, qint64 deliveryId)
{
    Attempt a;
    a.deliveryId = deliveryId;
    a.number = q.value(0).toInt();
    a.dateStarted = q.value(1).toLongLong();
    a.dateSent = q.value(2).toLongLong();
    a.durationMs = q.value(3).toLongLong();
    a.request.url = q.value(4).toString();
    a.request.method = q.value(5).toString().toLatin1();
    a.request.headers = headersFromJson(q.value(6).toString());
    if (!q.value(7).isNull()) {
        AttemptResponse r;
        r.statusCode = q.value(7).toInt();
        r.headers = headersFromJson(q.value(8).toString());
        r.body = q.value(9).toByteArray();
        r.bodyTruncated = q.value(10).toInt() != 0;
        a.response = r;
    }
    a.connectionError = q.value(11).toString();
    a.deactivated = q.value(12).toInt() != 0;
    a.testTool = q.value(13).toString();
    return a;
}

void bindWebhook(SqlStatement &q, const Webhook &w)
{
    QJsonArray types;
    for (const auto &t : w.eventTypes)
        types.append(t);
    q.bindValue(QStringLiteral(":url"), w.deliveryUrl);
    q.bindValue(QStringLiteral(":active"), w.active ? 1 : 0);
    q.bindValue(QStringLiteral(":secret"),
        w.hasSecret() ? QVariant(*w.secret) : QVariant(QMetaType(QMetaType::QString)));
    q.bindValue(
        QStringLiteral(":types"), QString::fromUtf8(QJsonDocument(types).toJson(QJsonDocument::Compact)));
    q.bindValue(QStringLiteral(":headers"), headersToJson(w.headers));
    q.bindValue(QStringLiteral(":timeout"), w.timeoutMs);
    q.bindValue(QStringLiteral(":preset"), w.retryPolicy.preset);
    q.bindValue(QStringLiteral(":window"), w.retryPolicy.windowMs);
    q.bindValue(QStringLiteral(":early_delay"), w.retryPolicy.earlyDelayMs);
    q.bindValue(QStringLiteral(":early_period"), w.retryPolicy.earlyPeriodMs);
    q.bindValue(QStringLiteral(":late_delay"), w.retryPolicy.lateDelayMs);
    q.bindValue(QStringLiteral(":schedule"),
        QString::fromUtf8(QJsonDocument(w.retryPolicy.toJson()).toJson(QJsonDocument::Compact)));
    q.bindValue(QStringLiteral(":trust"), w.trustSelfSigned ? 1 : 0);
    q.bindValue(QStringLiteral(":profile"), w.profile);
    q.bindValue(QStringLiteral(":max_in_flight"),
        nullableInt(w.maxInFlight > 0 ? std::optional<int>(w.maxInFlight) : std::nullopt));
    q.bindValue(QStringLiteral(":auto_disable"),
        nullableTime(w.autoDisableAfterMs > 0 ? std::optional<TimeMs>(w.autoDisableAfterMs) : std::nullopt));
}

void bindAttempt(SqlStatement &q, int &position, const Attempt &a, int number)
{
    q.bindValue(position++, a.deliveryId);
    q.bindValue(position++, number);
    q.bindValue(position++, a.dateStarted);
    q.bindValue(position++, a.dateSent);
    q.bindValue(position++, a.durationMs);
    q.bindValue(position++, a.request.url);
    q.bindValue(position++, QString::fromLatin1(a.request.method));
    q.bindValue(position++, headersToJson(a.request.headers));
    if (a.response) {
        q.bindValue(position++, a.response->statusCode);
        q.bindValue(position++, headersToJson(a.response->headers));
        q.bindValue(position++, a.response->body);
        q.bindValue(position++, a.response->bodyTruncated ? 1 : 0);
    } else {
        q.bindValue(position++, QVariant(QMetaType(QMetaType::Int)));
        q.bindValue(position++, QVariant(QMetaType(QMetaType::QString)));
        q.bindValue(position++, QVariant(QMetaType(QMetaType::QByteArray)));
        q.bindValue(position++, 0);
    }
    q.bindValue(position++, nullableText(a.connectionError.isEmpty() ? QString() : a.connectionError));
    q.bindValue(position++, a.deactivated ? 1 : 0);
    q.bindValue(position++, nullableText(a.testTool.isEmpty() ? QString() : a.testTool));
}

} // namespace StoreRows
