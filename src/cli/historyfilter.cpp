#include "historyfilter.h"

#include "command.h"
#include "console.h"
#include "delivery.h"
#include "deliveryfilter.h"
#include "timeformat.h"
#include "validation.h"

#include <QHash>

namespace Cli {

void addHistoryFilterOptions(Command &c)
{
    c.add(QStringLiteral("webhook"), QStringLiteral("Only this webhook's deliveries."), QStringLiteral("ID"));
    c.add(QStringLiteral("status"), QStringLiteral("waiting, running, completed, failed or suspended."),
        QStringLiteral("S"));
    c.add(QStringLiteral("result"),
        QStringLiteral("As the window shows it: delivered, retrying, failed (for good) or never-tried."),
        QStringLiteral("R"));
    c.add(QStringLiteral("event-type"), QStringLiteral("Only this event type."), QStringLiteral("T"));
    c.add(QStringLiteral("http-status"),
        QStringLiteral("The last attempt's HTTP status: a code (404) or a class (5xx)."),
        QStringLiteral("CODE"));
    c.add(QStringLiteral("text"),
        QStringLiteral("Text in the id, event type, failure, payload or a response body; A-Z without case, "
                       "% and _ as themselves."),
        QStringLiteral("T"));
    c.add(QStringLiteral("search-newest"),
        QStringLiteral("--text looks among the newest N deliveries the other options take (default %1; 0: "
                       "all, a scan of the whole store).")
            .arg(DeliveryFilter::DefaultTextScanLimit),
        QStringLiteral("N"));
    c.add(QStringLiteral("id"), QStringLiteral("Only this delivery."), QStringLiteral("ID"));
    c.add(QStringLiteral("since"), QStringLiteral("Created at or after this time (ISO 8601)."),
        QStringLiteral("TIME"));
    c.add(QStringLiteral("until"), QStringLiteral("Created before this time (ISO 8601)."),
        QStringLiteral("TIME"));
}

QStringList historyFilterOptions()
{
    return { QStringLiteral("webhook"), QStringLiteral("status"), QStringLiteral("result"),
        QStringLiteral("event-type"), QStringLiteral("http-status"), QStringLiteral("text"),
        QStringLiteral("search-newest"), QStringLiteral("id"), QStringLiteral("since"), QStringLiteral("until") };
}

int readHistoryFilter(const Command &c, DeliveryFilter &f)
{
    const QString command = c.name() + QStringLiteral(": ");
    if (c.isSet(QStringLiteral("webhook"))) {
        auto id = parseId(c.value(QStringLiteral("webhook")), "webhook");
        if (!id)
            return failWith(id);
        f.webhookId = id.value();
    }
    if (c.isSet(QStringLiteral("status"))) {
        const auto status = JobStatusInfo::fromName(c.value(QStringLiteral("status")));
        if (!status)
            return usageError(command
                + QStringLiteral("unknown status \"%1\" (waiting, running, completed, failed or suspended)")
                      .arg(c.value(QStringLiteral("status")).left(60)));
        f.status = *status;
    }
    if (c.isSet(QStringLiteral("result"))) {
        const QString name = c.value(QStringLiteral("result"));
        const QHash<QString, Delivery::Display> results = {
            { QStringLiteral("delivered"), Delivery::Display::Delivered },
            { QStringLiteral("retrying"), Delivery::Display::Retrying },
            { QStringLiteral("failed"), Delivery::Display::Failed },
            { QStringLiteral("never-tried"), Delivery::Display::NeverTried },
        };
        if (!results.contains(name))
            return usageError(command
                + QStringLiteral("unknown result \"%1\" (delivered, retrying, failed or never-tried)")
                      .arg(name.left(60)));
        f.display = results.value(name);
    }
    f.eventType = c.value(QStringLiteral("event-type"));
    if (c.isSet(QStringLiteral("http-status"))) {
        const auto range = Validation::httpStatusRange(c.value(QStringLiteral("http-status")));
        if (!range)
            return usageError(command + range.error());
        f.httpStatus = range.value();
    }
    f.text = c.value(QStringLiteral("text")).trimmed();
    if (c.isSet(QStringLiteral("search-newest"))) {
        bool ok = false;
        f.textScanLimit = c.value(QStringLiteral("search-newest")).toLongLong(&ok);
        if (!ok || f.textScanLimit < 0)
            return usageError(command + QStringLiteral("--search-newest takes a number, 0 or more"));
    }
    if (c.isSet(QStringLiteral("id"))) {
        auto id = parseId(c.value(QStringLiteral("id")), "delivery");
        if (!id)
            return failWith(id);
        f.deliveryId = id.value();
    }
    for (const char *name : { "since", "until" }) {
        const QString option = QLatin1String(name);
        if (!c.isSet(option))
            continue;
        auto t = TimeFormat::parseIso(c.value(option));
        if (!t)
            return usageError(QStringLiteral("--%1: %2").arg(option, t.error()));
        (option == QLatin1String("since") ? f.since : f.until) = t.value();
    }
    return -1;
}

} // namespace Cli
