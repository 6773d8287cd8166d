// retry, suspend and prune: a delivery's next attempt, held back, or deleted once finished.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "jobstore.h"
#include "timeformat.h"

namespace Cli {

int retryCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("retry"),
        QStringLiteral("retry DELIVERY_ID [--reset] [--wait]  |  retry --failed [--since T] [--webhook ID] "
                       "[--dry-run]"));
    c.add(QStringLiteral("reset"), QStringLiteral("Restart the 24-hour retry window."));
    c.add(QStringLiteral("wait"), QStringLiteral("Make the attempt now and exit 0 if delivered, 3 if not."));
    c.add(QStringLiteral("failed"),
        QStringLiteral("Send every failed delivery again, in id order, with a fresh retry window."));
    c.add(QStringLiteral("since"),
        QStringLiteral("With --failed: only those that failed at or after this time (ISO 8601), or this "
                       "long ago (12h)."),
        QStringLiteral("T"));
    c.add(QStringLiteral("webhook"), QStringLiteral("With --failed: only this webhook's."),
        QStringLiteral("ID"));
    c.add(
        QStringLiteral("dry-run"), QStringLiteral("With --failed: say how many and which, change nothing."));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (c.isSet(QStringLiteral("failed")))
        return retryFailedCommand(inv, c);
    std::unique_ptr<JobStore> holder;
    for (const char *option : { "since", "dry-run" }) {
        if (c.isSet(QLatin1String(option)))
            return usageError(QStringLiteral("retry: --%1 goes with --failed").arg(QLatin1String(option)));
    }
    if (c.isSet(QStringLiteral("webhook")))
        return usageError(QStringLiteral("retry: --webhook goes with --failed"));
    if (c.positional().size() != 1)
        return usageError(QStringLiteral("retry: give exactly one delivery id, or --failed"));
    auto id = parseId(c.positional().first(), "delivery");
    if (!id)
        return failWith(id);
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    const bool reset = c.isSet(QStringLiteral("reset"));
    const auto before = store.value()->delivery(id.value());
    if (!before)
        return failWith(before);
    if (Status s = store.value()->retry(id.value(), reset); !s)
        return failWith(s);
    // Say what was done: a completed delivery is sent again, a waiting one moved to now.
    const QString window = reset ? QStringLiteral("its 24-hour retry window starts again")
                                 : QStringLiteral("its retry window is kept");
    switch (before->status) {
    case JobStatus::Waiting:
        out() << "delivery " << id.value() << " was waiting"
              << (before->scheduledStart
                         ? QStringLiteral(" until ") + TimeFormat::iso(*before->scheduledStart)
                         : QString())
              << "; its next attempt is due now (" << window << ")" << Qt::endl;
        break;
    case JobStatus::Completed:
        out() << "delivery " << id.value() << " was delivered already; it will be sent again now (" << window
              << ")" << Qt::endl;
        break;
    default:
        out() << "delivery " << id.value() << " was " << JobStatusInfo::name(before->status)
              << "; it is queued to be sent again now (" << window << ")" << Qt::endl;
        break;
    }
    if (c.isSet(QStringLiteral("wait")))
        return attemptAndWait(inv, store.value(), id.value());
    return Success;
}

int suspendCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("suspend"), QStringLiteral("suspend DELIVERY_ID"));
    return actOnId(inv, c, args, "delivery", [](JobStore &store, qint64 id) {
        if (Status s = store.suspend(id); !s)
            return failWith(s);
        return int(Success);
    });
}

int pruneCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("prune"), QStringLiteral("prune [--older-than D]"));
    c.add(QStringLiteral("older-than"),
        QStringLiteral("Delete deliveries finished longer ago than this (default 30d)."),
        QStringLiteral("D"));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("prune: unexpected argument \"%1\"").arg(c.positional().first()));
    qint64 olderThan = 30 * 24 * RetryPolicy::Hour;
    if (c.isSet(QStringLiteral("older-than"))) {
        auto d = parseDurationOption(c, QStringLiteral("older-than"));
        if (!d)
            return failWith(d);
        olderThan = d.value();
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto n = store.value()->prune(store.value()->now() - olderThan);
    if (!n)
        return failWith(n);
    out() << n.value() << Qt::endl;
    return Success;
}

} // namespace Cli
