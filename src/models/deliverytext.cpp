#include "deliverytext.h"

#include "validation.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

QString DeliveryText::jobStatusName(JobStatus status)
{
    switch (status) {
    case JobStatus::Waiting:
        return tr("waiting");
    case JobStatus::Running:
        return tr("running");
    case JobStatus::Completed:
        return tr("completed");
    case JobStatus::Failed:
        return tr("failed");
    case JobStatus::Suspended:
        return tr("suspended");
    }
    return JobStatusInfo::name(status);
}

QString DeliveryText::displayName(Delivery::Display display)
{
    switch (display) {
    case Delivery::Display::NeverTried:
        return tr("Never tried");
    case Delivery::Display::Delivered:
        return tr("Delivered");
    case Delivery::Display::Retrying:
        return tr("Retrying");
    case Delivery::Display::Failed:
        return tr("Failed");
    }
    return QString();
}

QString DeliveryText::state(const Delivery &d)
{
    switch (d.status) {
    case JobStatus::Suspended:
        return tr("Suspended");
    case JobStatus::Running:
        if (!d.successful || *d.successful)
            return tr("Sending");
        break;
    case JobStatus::Waiting:
        if (d.successful && *d.successful)
            return tr("Queued again");
        break;
    case JobStatus::Completed:
    case JobStatus::Failed:
        break;
    }
    return displayName(d.display());
}

QString DeliveryText::attempts(const Delivery &d)
{
    if (d.attemptCount >= d.totalAttempts)
        return QString::number(d.totalAttempts);
    return tr("%1 (%2 since retry)").arg(d.totalAttempts).arg(d.attemptCount);
}

namespace {
// What follows `prefix` in `text`, or a null string when `text` does not start with it.
QString after(const QString &text, QLatin1String prefix)
{
    return text.startsWith(prefix) ? text.mid(prefix.size()) : QString();
}
} // namespace

QString DeliveryText::connectionError(const QString &error)
{
    // The deliverer's words for an attempt that got no response (src/delivery/deliverer.cpp).
    QString detail = error;
    if (error == QLatin1String("Connection refused"))
        detail = tr("Connection refused");
    else if (error == QLatin1String("Connection closed by the receiver before a complete response"))
        detail = tr("Connection closed by the receiver before a complete response");
    else if (error == QLatin1String("Connection timed out"))
        detail = tr("Connection timed out");
    else if (error == QLatin1String("Request timeout"))
        detail = tr("Request timeout");
    else if (error == QLatin1String("No response") || error == QLatin1String("no response"))
        detail = tr("No response");
    else if (error == QLatin1String("TLS handshake failed"))
        detail = tr("TLS handshake failed");
    else if (const QString rest = after(error, QLatin1String("TLS handshake failed: ")); !rest.isNull())
        detail = tr("TLS handshake failed: %1").arg(rest);
    else if (const QString rest = after(error, QLatin1String("Cannot connect to proxy: ")); !rest.isNull())
        detail = tr("Cannot connect to proxy: %1").arg(rest);
    else if (const QString rest = after(error, QLatin1String("Request not sent: ")); !rest.isNull())
        detail = tr("Request not sent: %1").arg(rest);
    else if (error.startsWith(QLatin1String("Host ")) && error.endsWith(QLatin1String(" not found")))
        detail = tr("Host %1 not found").arg(error.mid(5, error.size() - 5 - 10));
    return detail;
}

QString DeliveryText::failure(const QString &stored)
{
    if (stored == QLatin1String("Webhook deactivated"))
        return tr("Webhook deactivated");
    if (const QString code = after(stored, QLatin1String("Bad HTTP response: ")); !code.isNull())
        return tr("Bad HTTP response: %1").arg(code);
    const QString error = after(stored, QLatin1String("Connection error: "));
    if (error.isNull())
        return stored;
    const QString detail = connectionError(error);
    return tr("Connection error: %1").arg(detail);
}

QString DeliveryText::result(const Delivery &d)
{
    if (!d.successful.has_value())
        return d.status == JobStatus::Running ? tr("Sending…") : QString();
    if (*d.successful)
        return d.lastStatusCode ? QString::number(*d.lastStatusCode) : tr("OK");
    return failure(d.failureDetail);
}

QString DeliveryText::summary(const Delivery &d)
{
    switch (d.display()) {
    case Delivery::Display::NeverTried:
        if (d.status == JobStatus::Running)
            return tr("Being sent now.");
        if (d.status == JobStatus::Suspended)
            return tr("Not tried yet; suspended.");
        return tr("Not tried yet.");
    case Delivery::Display::Delivered:
        if (d.status == JobStatus::Suspended)
            return tr("Last attempt delivered at %1; suspended.").arg(optionalTime(d.dateSent));
        if (d.pending())
            return tr("Last attempt delivered at %1; queued to be sent again.").arg(optionalTime(d.dateSent));
        return tr("Delivered at %1").arg(optionalTime(d.dateSent));
    case Delivery::Display::Retrying: {
        QString text = tr("Tried since %1, last failed at %2")
                           .arg(optionalTime(d.dateFirstSent), optionalTime(d.dateSent));
        if (!d.failureDetail.isEmpty())
            text += QLatin1String(": ") + failure(d.failureDetail);
        return text;
    }
    case Delivery::Display::Failed: {
        // A deactivated webhook's attempt sends nothing: no date_sent, only the finish.
        QString text = tr("Failed at %1").arg(optionalTime(d.dateSent ? d.dateSent : d.dateFinished));
        if (!d.failureDetail.isEmpty())
            text += QLatin1String(": ") + failure(d.failureDetail);
        return text;
    }
    }
    return QString();
}

QString DeliveryText::time(TimeMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString DeliveryText::optionalTime(const std::optional<TimeMs> &t)
{
    return t ? time(*t) : QString();
}

QString DeliveryText::shortTime(TimeMs t)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(t).toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(QStringLiteral("HH:mm:ss"));
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString DeliveryText::optionalShortTime(const std::optional<TimeMs> &t)
{
    return t ? shortTime(*t) : QString();
}

QString DeliveryText::span(qint64 ms)
{
    ms = qAbs(ms);
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return tr("%1 days %2 h").arg(hours / 24).arg(hours % 24);
}

QString DeliveryText::countdown(qint64 ms)
{
    if (ms <= 0 && ms > -1000)
        return tr("now");
    if (ms < 0)
        return tr("%1 overdue").arg(span(ms));
    return tr("in %1").arg(span(ms));
}

QString DeliveryText::prettyBody(const QByteArray &body)
{
    if (body.isEmpty())
        return QString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(body);
}

bool DeliveryText::isBinary(const QByteArray &body)
{
    if (body.contains('\0'))
        return true;
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom);
    const QString text = decoder.decode(body);
    Q_UNUSED(text)
    return decoder.hasError();
}

namespace {
// Offset, 16 bytes in hex, and the printable ASCII among them, per line.
QString hexDump(const QByteArray &bytes)
{
    constexpr int perLine = 16;
    QStringList lines;
    for (int offset = 0; offset < bytes.size(); offset += perLine) {
        const QByteArray chunk = bytes.mid(offset, perLine);
        QString hex;
        QString ascii;
        for (int i = 0; i < perLine; ++i) {
            if (i < chunk.size()) {
                const auto byte = static_cast<unsigned char>(chunk.at(i));
                hex += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
        }
        lines << QStringLiteral("%1  %2 %3").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

QString DeliveryText::bodyText(const QByteArray &body, bool pretty)
{
    if (body.isEmpty())
        return QString();
    if (isBinary(body)) {
        constexpr int shown = 256;
        QString text = tr("binary, %n bytes", nullptr, int(body.size())) + QLatin1Char('\n')
            + hexDump(body.left(shown));
        if (body.size() > shown)
            text += QLatin1Char('\n') + tr("[first %n bytes shown]", nullptr, shown);
        return text;
    }
    if (pretty)
        return prettyBody(body);
    return QString::fromUtf8(body);
}

namespace {
// Single quotes for a POSIX shell: ' becomes '\''.
QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}
} // namespace

QString DeliveryText::curlCommand(const Attempt &attempt, const QByteArray &payload)
{
    QStringList parts;
    parts << QStringLiteral("curl") << QStringLiteral("-X") << QString::fromLatin1(attempt.request.method);
    for (const auto &header : attempt.request.headers) {
        const QByteArray value = Validation::maskedHeaderValue(header.first, header.second);
        parts << QStringLiteral("-H") << shellQuote(QString::fromLatin1(header.first + ": " + value));
    }
    parts << QStringLiteral("--data-binary") << shellQuote(QString::fromUtf8(payload));
    parts << shellQuote(Validation::maskedUrl(attempt.request.url));
    return parts.join(QLatin1Char(' '));
}
