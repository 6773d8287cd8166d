#include "exportformats.h"

#include "timeformat.h"
#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ExportFormats {

namespace {

QByteArray csvField(const QString &text)
{
    QString value = text;
    if (!value.isEmpty() && QStringLiteral("=+-@").contains(value.front()))
        value.prepend(QLatin1Char('\''));
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"'))
        || value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
        value.replace(QLatin1String("\""), QLatin1String("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value.toUtf8();
}

QString optionalIso(const std::optional<TimeMs> &t)
{
    return t ? TimeFormat::iso(*t) : QString();
}

QJsonValue optionalIsoValue(const std::optional<TimeMs> &t)
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

QJsonArray harHeaders(const HeaderList &headers)
{
    QJsonArray list;
    for (const auto &h : headers)
        list.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(h.first) },
            { QStringLiteral("value"),
                QString::fromUtf8(Validation::maskedHeaderValue(h.first, h.second)) } });
    return list;
}

QString headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(h.second);
    }
    return QString();
}

} // namespace

QByteArray csvHeader()
{
    return QByteArrayLiteral("id,webhook_id,status,event_type,date_created,date_first_sent,date_sent,"
                             "date_finished,next_attempt,attempt_count,total_attempts,last_status_code,"
                             "successful,failure_detail\r\n");
}

QByteArray csvRow(const Delivery &d)
{
    const QByteArrayList fields = {
        QByteArray::number(d.id),
        QByteArray::number(d.webhookId),
        csvField(JobStatusInfo::name(d.status)),
        csvField(d.eventType),
        csvField(TimeFormat::iso(d.dateCreated)),
        csvField(optionalIso(d.dateFirstSent)),
        csvField(optionalIso(d.dateSent)),
        csvField(optionalIso(d.dateFinished)),
        csvField(optionalIso(d.pending() ? d.scheduledStart : std::nullopt)),
        QByteArray::number(d.attemptCount),
        QByteArray::number(d.totalAttempts),
        d.lastStatusCode ? QByteArray::number(*d.lastStatusCode) : QByteArray(),
        d.successful ? QByteArray(*d.successful ? "true" : "false") : QByteArray(),
        csvField(d.failureDetail),
    };
    return fields.join(',') + "\r\n";
}

QJsonObject jsonDelivery(const Delivery &d)
{
    return {
        { QStringLiteral("id"), d.id },
        { QStringLiteral("webhook_id"), d.webhookId },
        { QStringLiteral("event_type"), d.eventType },
        { QStringLiteral("payload"), payloadValue(d.payload) },
        { QStringLiteral("status"), JobStatusInfo::name(d.status) },
        { QStringLiteral("successful"),
            d.successful ? QJsonValue(*d.successful) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("failure_detail"),
            d.failureDetail.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.failureDetail) },
        { QStringLiteral("last_status_code"),
            d.lastStatusCode ? QJsonValue(*d.lastStatusCode) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("attempt_count"), d.attemptCount },
        { QStringLiteral("total_attempts"), d.totalAttempts },
        { QStringLiteral("date_created"), TimeFormat::iso(d.dateCreated) },
        { QStringLiteral("date_first_sent"), optionalIsoValue(d.dateFirstSent) },
        { QStringLiteral("date_sent"), optionalIsoValue(d.dateSent) },
        { QStringLiteral("date_finished"), optionalIsoValue(d.dateFinished) },
        { QStringLiteral("next_attempt"), optionalIsoValue(d.pending() ? d.scheduledStart : std::nullopt) },
    };
}

QByteArray har(const Delivery &d, const QList<Attempt> &attempts)
{
    QJsonArray entries;
    for (const Attempt &a : attempts) {
        if (a.deactivated)
            continue; // nothing was sent
        const QString contentType = headerValue(a.request.headers, "Content-Type");
        QJsonObject request {
            { QStringLiteral("method"), QString::fromLatin1(a.request.method) },
            { QStringLiteral("url"), Validation::maskedUrl(a.request.url) },
            { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
            { QStringLiteral("cookies"), QJsonArray() },
            { QStringLiteral("headers"), harHeaders(a.request.headers) },
            { QStringLiteral("queryString"), QJsonArray() },
            { QStringLiteral("postData"),
                QJsonObject { { QStringLiteral("mimeType"),
                                  contentType.isEmpty() ? QStringLiteral("application/json") : contentType },
                    { QStringLiteral("text"), QString::fromUtf8(d.payload) } } },
            { QStringLiteral("headersSize"), -1 },
            { QStringLiteral("bodySize"), d.payload.size() },
        };
        QJsonObject response {
            { QStringLiteral("status"), a.response ? a.response->statusCode : 0 },
            { QStringLiteral("statusText"), a.response ? QString() : a.connectionError },
            { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
            { QStringLiteral("cookies"), QJsonArray() },
            { QStringLiteral("headers"), a.response ? harHeaders(a.response->headers) : QJsonArray() },
            { QStringLiteral("content"),
                QJsonObject { { QStringLiteral("size"), a.response ? a.response->body.size() : 0 },
                    { QStringLiteral("mimeType"),
                        a.response ? headerValue(a.response->headers, "Content-Type") : QString() },
                    { QStringLiteral("text"),
                        a.response ? QString::fromUtf8(a.response->body) : QString() } } },
            { QStringLiteral("redirectURL"), QString() },
            { QStringLiteral("headersSize"), -1 },
            { QStringLiteral("bodySize"), a.response ? a.response->body.size() : -1 },
        };
        if (!a.connectionError.isEmpty())
            response.insert(QStringLiteral("_error"), a.connectionError);
        if (a.response && a.response->bodyTruncated)
            response.insert(QStringLiteral("_bodyTruncated"), true);
        entries.append(QJsonObject {
            { QStringLiteral("startedDateTime"), TimeFormat::iso(a.dateStarted) },
            { QStringLiteral("time"), double(a.durationMs) },
            { QStringLiteral("request"), request },
            { QStringLiteral("response"), response },
            { QStringLiteral("cache"), QJsonObject() },
            { QStringLiteral("timings"),
                QJsonObject { { QStringLiteral("send"), 0 }, { QStringLiteral("wait"), double(a.durationMs) },
                    { QStringLiteral("receive"), 0 } } },
            { QStringLiteral("comment"), QStringLiteral("delivery %1, attempt %2").arg(d.id).arg(a.number) },
        });
    }
    const QJsonObject log { { QStringLiteral("log"),
        QJsonObject { { QStringLiteral("version"), QStringLiteral("1.2") },
            { QStringLiteral("creator"),
                QJsonObject { { QStringLiteral("name"), QStringLiteral("Hookwatch") },
                    { QStringLiteral("version"), QStringLiteral("1") } } },
            { QStringLiteral("entries"), entries } } } };
    return QJsonDocument(log).toJson(QJsonDocument::Indented);
}

QByteArray httpFile(const Delivery &d, const QList<Attempt> &attempts)
{
    QByteArray text;
    for (const Attempt &a : attempts) {
        QString outcome;
        if (a.deactivated)
            outcome = QStringLiteral("webhook inactive, nothing sent");
        else if (a.response)
            outcome = QStringLiteral("HTTP %1").arg(a.response->statusCode);
        else
            outcome = a.connectionError;
        text += QStringLiteral("### Delivery %1, attempt %2 at %3 (%4 ms): %5\n")
                    .arg(d.id)
                    .arg(a.number)
                    .arg(TimeFormat::iso(a.dateStarted))
                    .arg(a.durationMs)
                    .arg(outcome.simplified())
                    .toUtf8();
        if (a.deactivated) {
            text += '\n';
            continue;
        }
        text += a.request.method + ' ' + Validation::maskedUrl(a.request.url).toUtf8() + '\n';
        for (const auto &h : a.request.headers)
            text += h.first + ": " + Validation::maskedHeaderValue(h.first, h.second) + '\n';
        text += '\n' + d.payload + "\n\n";
    }
    return text;
}

} // namespace ExportFormats
