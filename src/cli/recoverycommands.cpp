// retry --failed, pause, resume and doctor: an admin's recovery after an outage.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "duration.h"
#include "jobstore.h"
#include "timeformat.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Cli {

namespace {

// An ISO 8601 time, or a duration meaning that long ago ("12h").
Result<TimeMs> parseSince(const QString &text, TimeMs now)
{
    if (auto t = TimeFormat::parseIso(text))
        return t;
    if (auto d = Duration::parse(text))
        return now - d.value();
    return Result<TimeMs>::failure(
        QStringLiteral("--since: \"%1\" is neither a time (2026-11-28T22:00:00Z) nor a duration ago (12h)")
            .arg(text.left(60)),
        ErrorKind::Invalid);
}

QString failedLine(const Delivery &d)
{
    return QStringLiteral("%1\t%2\t%3\t%4\t%5")
        .arg(d.id)
        .arg(d.webhookId)
        .arg(d.eventType, d.dateFinished ? TimeFormat::iso(*d.dateFinished) : QStringLiteral("-"),
            d.failureDetail.isEmpty() ? QStringLiteral("-") : d.failureDetail);
}

QString reasonName(StuckDelivery::Reason reason)
{
    switch (reason) {
    case StuckDelivery::Reason::LeaseExpired:
        return QStringLiteral("running past its lease");
    case StuckDelivery::Reason::Overdue:
        return QStringLiteral("due, not picked up");
    case StuckDelivery::Reason::Hung:
        return QStringLiteral("attempt not ending, lease renewed");
    }
    return QString();
}

} // namespace

int retryFailedCommand(const Invocation &inv, const Command &c)
{
    if (!c.positional().isEmpty() || c.isSet(QStringLiteral("wait")) || c.isSet(QStringLiteral("reset")))
        return usageError(QStringLiteral("retry --failed takes only --since T, --webhook ID and --dry-run"));
    FailedSelection selection;
    if (c.isSet(QStringLiteral("webhook"))) {
        auto id = parseId(c.value(QStringLiteral("webhook")), "webhook");
        if (!id)
            return failWith(id);
        selection.webhookId = id.value();
    }
    // Checked before the store is opened: bad input touches nothing, not even a new file.
    if (c.isSet(QStringLiteral("since"))) {
        if (auto since = parseSince(c.value(QStringLiteral("since")), 0); !since)
            return failWith(since);
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    JobStore *s = store.value();
    if (c.isSet(QStringLiteral("since")))
        selection.since = parseSince(c.value(QStringLiteral("since")), s->now()).value();
    if (c.isSet(QStringLiteral("dry-run"))) {
        constexpr int Listed = 20;
        auto preview = s->previewFailed(selection, Listed);
        if (!preview)
            return failWith(preview);
        out() << preview->count << " failed " << (preview->count == 1 ? "delivery" : "deliveries")
              << " would be sent again";
        if (preview->count == 0) {
            out() << Qt::endl;
            return Success;
        }
        out() << (preview->count > Listed ? QStringLiteral("; the first %1:").arg(Listed)
                                          : QStringLiteral(":"))
              << "\nID\tWEBHOOK\tEVENT TYPE\tFAILED\tRESULT\n";
        for (const Delivery &d : preview->first)
            out() << failedLine(d) << '\n';
        out().flush();
        return Success;
    }
    auto n = s->recoverFailed(selection);
    if (!n)
        return failWith(n);
    out() << n.value() << Qt::endl;
    return Success;
}

int pauseCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("pause"), QStringLiteral("pause WEBHOOK_ID"));
    return actOnId(inv, c, args, "webhook", [](JobStore &store, qint64 id) {
        const auto paused = store.pauseWebhook(id);
        if (!paused)
            return failWith(paused);
        out() << "webhook " << id
              << (paused.value() ? " is paused: its deliveries are held until you resume it"
                                 : " was paused already")
              << Qt::endl;
        return int(Success);
    });
}

int resumeCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("resume"), QStringLiteral("resume WEBHOOK_ID"));
    return actOnId(inv, c, args, "webhook", [](JobStore &store, qint64 id) {
        const auto resumed = store.resumeWebhook(id);
        if (!resumed)
            return failWith(resumed);
        if (!resumed.value()) {
            out() << "webhook " << id << " was not paused" << Qt::endl;
            return int(Success);
        }
        const auto pending = store.pendingByWebhook();
        out() << "webhook " << id << " is resumed; " << (pending ? pending->value(id) : 0)
              << " held deliveries go out in order" << Qt::endl;
        return int(Success);
    });
}

int doctorCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("doctor"), QStringLiteral("doctor [--requeue] [--json]"));
    c.add(QStringLiteral("requeue"),
        QStringLiteral("Give deliveries running past their lease back to the queue."));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("doctor: unexpected argument \"%1\"").arg(c.positional().first()));
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    int requeued = 0;
    if (c.isSet(QStringLiteral("requeue"))) {
        auto n = store.value()->requeueStuck();
        if (!n)
            return failWith(n);
        requeued = n.value();
    }
    constexpr int Listed = 20;
    auto report = store.value()->stuckDeliveries(Listed);
    if (!report)
        return failWith(report);
    if (c.isSet(QStringLiteral("json"))) {
        QJsonArray stuck;
        for (const StuckDelivery &s : report->first)
            stuck.append(QJsonObject { { QStringLiteral("id"), s.delivery.id },
                { QStringLiteral("webhook_id"), s.delivery.webhookId },
                { QStringLiteral("reason"),
                    s.reason == StuckDelivery::Reason::LeaseExpired  ? QStringLiteral("lease_expired")
                        : s.reason == StuckDelivery::Reason::Overdue ? QStringLiteral("overdue")
                                                                     : QStringLiteral("hung") } });
        printJson(QJsonObject { { QStringLiteral("lease_expired"), report->leaseExpired },
            { QStringLiteral("overdue"), report->overdue }, { QStringLiteral("hung"), report->hung },
            { QStringLiteral("live_leases"), report->liveLeases },
            { QStringLiteral("dispatcher_running"), !report->noDispatcher() },
            { QStringLiteral("requeued"), requeued }, { QStringLiteral("stuck"), stuck } });
        return Success;
    }
    if (c.isSet(QStringLiteral("requeue")))
        out() << requeued << " running past their lease or hung given back to the queue\n";
    if (report->leaseExpired == 0 && report->overdue == 0 && report->hung == 0) {
        out() << "No stuck deliveries. " << report->liveLeases << " being attempted now.\n";
        out().flush();
        return Success;
    }
    out() << report->leaseExpired << " running past their lease, " << report->overdue
          << " due for over a minute and not picked up, " << report->hung
          << " running a minute past their webhook's timeout with the lease renewed (the attempt count "
             "not moving)\n";
    if (report->noDispatcher())
        out() << "No dispatcher is delivering from this store: start one with 'hookwatch worker' or open the "
                 "window.\n";
    out() << "ID\tWEBHOOK\tWHY\tSINCE\n";
    for (const StuckDelivery &s : report->first) {
        const auto since = s.since();
        out() << s.delivery.id << '\t' << s.delivery.webhookId << '\t' << reasonName(s.reason) << '\t'
              << (since ? TimeFormat::iso(*since) : QStringLiteral("-")) << '\n';
    }
    if (report->leaseExpired + report->hung > 0 && !c.isSet(QStringLiteral("requeue")))
        out() << "'hookwatch doctor --requeue' gives those running past their lease or hung back to the "
                 "queue.\n";
    out().flush();
    return Success;
}

} // namespace Cli
