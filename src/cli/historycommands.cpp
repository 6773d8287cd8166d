// deliveries and show: the history.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "historyfilter.h"
#include "jobstore.h"
#include "jsonoutput.h"
#include "timeformat.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Cli {

namespace {

// Every attempt, with those since the last manual retry beside them when fewer: "4 (1 since retry)".
QString attemptsText(const Delivery &d)
{
    if (d.attemptCount >= d.totalAttempts)
        return QString::number(d.totalAttempts);
    return QStringLiteral("%1 (%2 since retry)").arg(d.totalAttempts).arg(d.attemptCount);
}

// The last attempt's result; "last attempt …" while the delivery is pending again after it.
QString resultText(const Delivery &d)
{
    if (!d.successful)
        return QStringLiteral("never tried");
    if (!*d.successful)
        return d.failureDetail;
    const QString code = d.lastStatusCode ? QStringLiteral(" (%1)").arg(*d.lastStatusCode) : QString();
    return (d.pending() ? QStringLiteral("last attempt delivered") : QStringLiteral("delivered")) + code;
}

QString deliveryLine(const Delivery &d)
{
    QString result;
    if (!d.successful)
        result = QStringLiteral("-");
    else if (*d.successful)
        result = d.lastStatusCode ? QString::number(*d.lastStatusCode) : QStringLiteral("ok");
    else
        result = d.failureDetail;
    const QString next = d.status == JobStatus::Waiting && d.scheduledStart
        ? TimeFormat::iso(*d.scheduledStart)
        : QStringLiteral("-");
    return QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\t%8")
        .arg(d.id)
        .arg(d.webhookId)
        .arg(JobStatusInfo::name(d.status), d.eventType, TimeFormat::iso(d.dateCreated))
        .arg(attemptsText(d), result, next);
}

constexpr qint64 SummaryLimit = 100000;

void printSummary(const HistorySummary &s, bool json)
{
    if (json) {
        QJsonArray hours;
        for (const auto &h : s.attemptsPerHour) {
            hours.append(QJsonObject { { QStringLiteral("hour"), TimeFormat::iso(h.start) },
                { QStringLiteral("succeeded"), h.succeeded }, { QStringLiteral("failed"), h.failed } });
        }
        const auto optional
            = [](const std::optional<qint64> &v) { return v ? QJsonValue(*v) : QJsonValue(); };
        printJson(QJsonObject { { QStringLiteral("deliveries"), s.deliveries },
            { QStringLiteral("newest_only"), s.capped }, { QStringLiteral("delivered"), s.delivered },
            { QStringLiteral("retrying"), s.retrying }, { QStringLiteral("failed"), s.failed },
            { QStringLiteral("never_tried"), s.neverTried }, { QStringLiteral("attempts"), s.attempts },
            { QStringLiteral("median_ms"), optional(s.medianMs) },
            { QStringLiteral("p95_ms"), optional(s.p95Ms) },
            { QStringLiteral("attempts_per_hour"), hours } });
        return;
    }
    out() << s.deliveries
          << (s.capped ? " deliveries (the newest that match; there are more)" : " deliveries") << ": "
          << s.delivered << " delivered, " << s.retrying << " retrying, " << s.failed << " failed, "
          << s.neverTried << " never tried\n";
    out() << s.attempts << " attempts";
    if (s.medianMs)
        out() << ", response time median " << *s.medianMs << " ms, p95 " << *s.p95Ms << " ms";
    out() << "\n";
    if (!s.attemptsPerHour.isEmpty())
        out() << "HOUR (UTC)\tSUCCEEDED\tFAILED\n";
    for (const auto &h : s.attemptsPerHour)
        out() << TimeFormat::iso(h.start) << '\t' << h.succeeded << '\t' << h.failed << '\n';
    out().flush();
}

} // namespace

int deliveriesCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("deliveries"),
        QStringLiteral(
            "deliveries [--webhook ID] [--status S] [--result R] [--event-type T] [--http-status CODE] "
            "[--text T [--search-newest N]] [--id ID] [--since TIME] [--until TIME] [--limit N | --summary] "
            "[--json]"));
    addHistoryFilterOptions(c);
    c.add(QStringLiteral("limit"), QStringLiteral("At most N, newest first (default 50)."),
        QStringLiteral("N"));
    c.add(QStringLiteral("summary"),
        QStringLiteral("Add up the newest 100,000 that match instead of listing them: delivered, retrying, "
                       "failed; median and p95 response time; attempts per hour."));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(
            QStringLiteral("deliveries: unexpected argument \"%1\"").arg(c.positional().first()));
    if (c.isSet(QStringLiteral("summary")) && c.isSet(QStringLiteral("limit")))
        return usageError(QStringLiteral("deliveries: --summary adds up the newest %1; it takes no --limit")
                              .arg(SummaryLimit));
    DeliveryFilter f;
    if (int code = readHistoryFilter(c, f); code >= 0)
        return code;
    if (c.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        f.limit = c.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || f.limit < 1)
            return usageError(QStringLiteral("deliveries: --limit takes a positive number"));
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    if (f.webhookId) {
        if (auto w = store.value()->webhook(*f.webhookId); !w)
            return failWith(w);
    }
    if (c.isSet(QStringLiteral("summary"))) {
        const auto summary = store.value()->historySummary(f, SummaryLimit);
        if (!summary)
            return failWith(summary);
        printSummary(summary.value(), c.isSet(QStringLiteral("json")));
        return Success;
    }
    auto list = store.value()->deliveries(f);
    if (!list)
        return failWith(list);
    if (c.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Delivery &d : list.value())
            array.append(JsonOutput::delivery(d));
        printJson(array);
        return Success;
    }
    out() << "ID\tWEBHOOK\tSTATUS\tEVENT TYPE\tCREATED\tATTEMPTS\tRESULT\tNEXT ATTEMPT\n";
    for (const Delivery &d : list.value())
        out() << deliveryLine(d) << '\n';
    out().flush();
    return Success;
}

int showCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("show"), QStringLiteral("show DELIVERY_ID [--json]"));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "delivery");
    if (!id)
        return failWith(id);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto d = store.value()->delivery(id.value());
    if (!d)
        return failWith(d);
    auto attempts = store.value()->attempts(id.value());
    if (!attempts)
        return failWith(attempts);
    if (c.isSet(QStringLiteral("json"))) {
        QJsonObject o = JsonOutput::delivery(d.value());
        QJsonArray list;
        for (const Attempt &a : attempts.value())
            list.append(JsonOutput::attempt(a, d->payload));
        o.insert(QStringLiteral("attempts"), list);
        printJson(o);
        return Success;
    }
    const Delivery &x = d.value();
    out() << "Delivery " << x.id << " to webhook " << x.webhookId << "\n"
          << "  Event type:   " << x.eventType << "\n"
          << "  Status:       " << JobStatusInfo::name(x.status) << (x.pending() ? " (pending)" : "") << "\n"
          << "  Result:       " << resultText(x) << "\n"
          << "  Attempts:     " << attemptsText(x) << "\n"
          << "  Created:      " << TimeFormat::iso(x.dateCreated) << "\n";
    if (x.dateFirstSent)
        out() << "  First sent:   " << TimeFormat::iso(*x.dateFirstSent) << "\n";
    if (x.dateSent)
        out() << "  Last sent:    " << TimeFormat::iso(*x.dateSent) << "\n";
    if (x.pending() && x.scheduledStart)
        out() << "  Next attempt: " << TimeFormat::iso(*x.scheduledStart) << "\n";
    out() << "  Payload:      " << QString::fromUtf8(x.payload.left(2000))
          << (x.payload.size() > 2000 ? "…" : "") << "\n";
    for (const Attempt &a : attempts.value()) {
        out() << "\nAttempt " << a.number << " at " << TimeFormat::iso(a.dateSent) << " (" << a.durationMs
              << " ms)" << (a.testTool.isEmpty() ? QString() : QStringLiteral(", test tool: ") + a.testTool)
              << "\n";
        if (a.deactivated) {
            out() << "  Webhook deactivated: nothing was sent\n";
            continue;
        }
        out() << "  " << QString::fromLatin1(a.request.method) << ' ' << a.request.url << "\n";
        for (const auto &h : a.request.headers)
            out() << "  > " << QString::fromLatin1(h.first) << ": " << QString::fromUtf8(h.second) << "\n";
        if (a.response) {
            out() << "  < HTTP " << a.response->statusCode << "\n";
            for (const auto &h : a.response->headers)
                out() << "  < " << QString::fromLatin1(h.first) << ": " << QString::fromUtf8(h.second)
                      << "\n";
            if (!a.response->body.isEmpty())
                out() << "  < " << QString::fromUtf8(a.response->body.left(2000))
                      << (a.response->bodyTruncated || a.response->body.size() > 2000 ? " …(truncated)" : "")
                      << "\n";
        } else {
            out() << "  Connection error: " << a.connectionError << "\n";
        }
    }
    out().flush();
    return Success;
}

} // namespace Cli
