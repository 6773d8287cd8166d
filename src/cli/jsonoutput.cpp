#include "jsonoutput.h"

#include "timeformat.h"
#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace JsonOutput {

QJsonValue time(const std::optional<TimeMs> &t)
{
    return t ? QJsonValue(TimeFormat::iso(*t)) : QJsonValue(QJsonValue::Null);
}

QJsonValue payloadValue(const QByteArray &payload)
{
    // Wrapped so any JSON value parses, not only objects and arrays.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + payload + "]");
    if (doc.isArray() && doc.array().size() == 1)
        return doc.array().at(0);
    return QString::fromUtf8(payload);
}

QJsonObject headers(const HeaderList &list, bool mask)
{
    QJsonObject o;
    for (const auto &h : list) {
        const QString name = QString::fromLatin1(h.first);
        const QByteArray value = mask ? Validation::maskedHeaderValue(h.first, h.second) : h.second;
        // A repeated header keeps every value, comma-joined as HTTP allows.
        if (o.contains(name))
            o.insert(
                name, QString(o.value(name).toString() + QStringLiteral(", ") + QString::fromUtf8(value)));
        else
            o.insert(name, QString::fromUtf8(value));
    }
    return o;
}

QJsonObject retryPolicy(const RetryPolicy &p)
{
    // The stored schedule, and what a reader wants without working it out.
    QJsonObject o = p.toJson();
    o.insert(QStringLiteral("custom"), p.isCustom());
    o.insert(QStringLiteral("stepped"), p.isStepped());
    o.insert(QStringLiteral("description"), p.describe());
    return o;
}

QJsonObject webhook(const Webhook &w)
{
    return {
        { QStringLiteral("id"), w.id },
        { QStringLiteral("delivery_url"), Validation::maskedUrl(w.deliveryUrl) },
        { QStringLiteral("active"), w.active },
        { QStringLiteral("profile"), w.profile },
        { QStringLiteral("event_types"), QJsonArray::fromStringList(w.eventTypes) },
        { QStringLiteral("headers"), headers(w.headers, true) },
        { QStringLiteral("has_secret"), w.hasSecret() },
        // A rotated secret's predecessor is write-only too: only until when it is kept.
        { QStringLiteral("previous_secret_until"),
            w.previousSecret && w.previousSecretUntil ? time(*w.previousSecretUntil) : QJsonValue() },
        { QStringLiteral("timeout_ms"), w.timeoutMs },
        { QStringLiteral("trust_self_signed"), w.trustSelfSigned },
        { QStringLiteral("max_in_flight"), w.maxInFlight > 0 ? QJsonValue(w.maxInFlight) : QJsonValue() },
        { QStringLiteral("paused_at"), time(w.pausedAt) },
        { QStringLiteral("auto_disable_after_ms"),
            w.autoDisableAfterMs > 0 ? QJsonValue(w.autoDisableAfterMs) : QJsonValue() },
        { QStringLiteral("failing_since"), time(w.failingSince) },
        { QStringLiteral("auto_paused_at"), time(w.autoPausedAt) },
        { QStringLiteral("retry_policy"), retryPolicy(w.retryPolicy) },
        { QStringLiteral("date_created"), time(w.dateCreated) },
        { QStringLiteral("date_last_modified"), time(w.dateLastModified) },
    };
}

QJsonObject delivery(const Delivery &d)
{
    return {
        { QStringLiteral("id"), d.id },
        { QStringLiteral("webhook_id"), d.webhookId },
        { QStringLiteral("event_type"), d.eventType },
        { QStringLiteral("payload"), payloadValue(d.payload) },
        { QStringLiteral("status"), JobStatusInfo::name(d.status) },
        { QStringLiteral("pending"), d.pending() },
        { QStringLiteral("successful"),
            d.successful ? QJsonValue(*d.successful) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("failure_detail"),
            d.failureDetail.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.failureDetail) },
        { QStringLiteral("attempt_count"), d.attemptCount },
        { QStringLiteral("date_created"), time(d.dateCreated) },
        { QStringLiteral("date_first_sent"), time(d.dateFirstSent) },
        { QStringLiteral("date_sent"), time(d.dateSent) },
        { QStringLiteral("scheduled_start"), time(d.pending() ? d.scheduledStart : std::nullopt) },
    };
}

QJsonObject attempt(const Attempt &a, const QByteArray &requestBody)
{
    QJsonObject request {
        { QStringLiteral("url"), a.request.url },
        { QStringLiteral("method"), QString::fromLatin1(a.request.method) },
        { QStringLiteral("headers"), headers(a.request.headers, true) },
        { QStringLiteral("body"), QString::fromUtf8(requestBody) },
    };
    QJsonValue response = QJsonValue::Null;
    if (a.response) {
        response = QJsonObject {
            { QStringLiteral("status_code"), a.response->statusCode },
            { QStringLiteral("headers"), headers(a.response->headers, false) },
            { QStringLiteral("body"), QString::fromUtf8(a.response->body) },
            { QStringLiteral("body_truncated"), a.response->bodyTruncated },
        };
    }
    // A deactivated webhook's attempt sent nothing: no request, no response, no error.
    const QJsonValue error
        = a.connectionError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.connectionError);
    return {
        { QStringLiteral("attempt"), a.number },
        { QStringLiteral("date_sent"), time(a.dateSent) },
        { QStringLiteral("duration_ms"), a.durationMs },
        { QStringLiteral("request"), a.deactivated ? QJsonValue(QJsonValue::Null) : QJsonValue(request) },
        { QStringLiteral("response"), response },
        { QStringLiteral("connection_error"), error },
        // A receiver test tool's send ("same-id", "burst", …); null for the dispatcher's own.
        { QStringLiteral("test_tool"),
            a.testTool.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.testTool) },
    };
}

} // namespace JsonOutput
