#pragma once

#include "delivery.h"

#include <QCoreApplication>
#include <QString>

// The words and sentences the window shows for deliveries and attempts, in one place so the
// history, the retry schedule and the detail pane say the same thing the same way.
class DeliveryText
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryText)

public:
    // Launchpad's four icons, by name: "Never tried", "Delivered", "Retrying", "Failed".
    static QString displayName(Delivery::Display display);
    // The job's own status, in the window's language ("waiting", "wartet").
    static QString jobStatusName(JobStatus status);
    // The history's Status column: Launchpad's four names, except where the job's own status
    // says more: "Sending" while an attempt is out, "Suspended", "Queued again" for a delivered
    // one re-queued by hand.
    static QString state(const Delivery &delivery);
    // Every attempt over the delivery's life, with those since the last manual retry beside
    // them when fewer: "4", "4 (1 since retry)".
    static QString attempts(const Delivery &delivery);
    // A stored failure detail ("Bad HTTP response: 503", "Connection error: Connection refused")
    // in the window's language: the store keeps Launchpad's English words, translated here.
    // Texts not made by Hookwatch (Qt's own network errors) stay as they are.
    static QString failure(const QString &stored);
    // An attempt's connection error ("Connection refused") in the user's language.
    static QString connectionError(const QString &error);
    // The status code of the last attempt, or its failure detail; "" before any attempt.
    static QString result(const Delivery &delivery);
    // Launchpad's summary: "Delivered at …", "Tried since …, last failed at …", "Failed at …".
    static QString summary(const Delivery &delivery);
    // Local time, to the second.
    static QString time(TimeMs t);
    static QString optionalTime(const std::optional<TimeMs> &t);
    // For table cells: the time alone for today, the date and minutes otherwise.
    static QString shortTime(TimeMs t);
    static QString optionalShortTime(const std::optional<TimeMs> &t);
    // A countdown: "in 4 min 12 s", "now" when due, "… overdue" when past.
    static QString countdown(qint64 ms);
    // "3 h 20 min", "45 s": a span of time to the nearest unit that matters.
    static QString span(qint64 ms);
    // The body, indented when it is JSON; as text otherwise.
    static QString prettyBody(const QByteArray &body);
    // The body as the detail pane shows it: the exact bytes as text (indented only when `pretty`
    // and it is JSON); "binary, N bytes" and a hex dump of its start when it is not valid UTF-8
    // or holds a NUL byte, so it never shows as mojibake.
    static QString bodyText(const QByteArray &body, bool pretty);
    // Whether a body is shown as a hex dump rather than as text.
    static bool isBinary(const QByteArray &body);
    // A curl command that makes the same request (credentials masked).
    static QString curlCommand(const Attempt &attempt, const QByteArray &payload);
};
