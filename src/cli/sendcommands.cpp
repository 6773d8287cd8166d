// send, ping and emit: new deliveries.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "jobstore.h"
#include "profiles.h"
#include "validation.h"

#include <QDateTime>

namespace Cli {

namespace {

int pingOrSend(const Invocation &inv, const QStringList &args, bool ping)
{
    Command c(ping ? QStringLiteral("ping") : QStringLiteral("send"),
        ping ? QStringLiteral("ping WEBHOOK_ID [--wait]")
             : QStringLiteral("send WEBHOOK_ID --event-type T [--payload FILE|-] [--repeat N] [--wait]"));
    c.add(QStringLiteral("wait"), QStringLiteral("Make the attempt now and exit 0 if delivered, 3 if not."));
    if (!ping) {
        c.add(QStringLiteral("event-type"), QStringLiteral("The event type."), QStringLiteral("T"));
        c.add(QStringLiteral("payload"), QStringLiteral("JSON payload file, or - for stdin (default {})."),
            QStringLiteral("FILE"));
        c.add(QStringLiteral("repeat"), QStringLiteral("Queue N copies in one transaction (a load test)."),
            QStringLiteral("N"));
    }
    c.addPositional(QStringLiteral("WEBHOOK_ID"), QStringLiteral("The webhook."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "webhook");
    if (!id)
        return failWith(id);
    QString eventType;
    QByteArray payload;
    int repeat = 1;
    if (!ping) {
        if (!c.isSet(QStringLiteral("event-type")))
            return usageError(QStringLiteral("send: --event-type is required"));
        eventType = c.value(QStringLiteral("event-type"));
        if (Status s = Validation::eventType(eventType); !s)
            return usageError(s.error());
        auto p = readPayload(c);
        if (!p)
            return failWith(p);
        payload = p.value();
        if (c.isSet(QStringLiteral("repeat"))) {
            bool ok = false;
            repeat = c.value(QStringLiteral("repeat")).toInt(&ok);
            if (!ok || repeat < 1 || repeat > 10'000'000)
                return usageError(QStringLiteral("send: --repeat takes a number from 1 to 10000000"));
            if (repeat > 1 && c.isSet(QStringLiteral("wait")))
                return usageError(
                    QStringLiteral("send: --wait makes one attempt; it cannot go with --repeat"));
        }
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    if (ping) {
        // The platform's own test event, which names the webhook (GitHub's ping carries its hook).
        const auto hook = store.value()->webhook(id.value());
        if (!hook)
            return failWith(hook);
        eventType = Profiles::pingEventType(hook->profile);
        payload = Profiles::pingPayload(hook.value(), QDateTime::currentMSecsSinceEpoch());
    }
    auto ids = store.value()->createDeliveries(id.value(), eventType, payload, repeat);
    if (!ids)
        return failWith(ids);
    if (repeat == 1)
        out() << ids->first << Qt::endl;
    else
        out() << ids->first << '-' << ids->second << Qt::endl;
    if (c.isSet(QStringLiteral("wait")))
        return attemptAndWait(inv, store.value(), ids->first);
    return Success;
}

} // namespace

int sendCommand(const Invocation &inv, const QStringList &args)
{
    return pingOrSend(inv, args, false);
}

int pingCommand(const Invocation &inv, const QStringList &args)
{
    return pingOrSend(inv, args, true);
}

int emitCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("emit"), QStringLiteral("emit --event-type T [--payload FILE|-]"));
    c.add(QStringLiteral("event-type"), QStringLiteral("The event type."), QStringLiteral("T"));
    c.add(QStringLiteral("payload"), QStringLiteral("JSON payload file, or - for stdin (default {})."),
        QStringLiteral("FILE"));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("emit: unexpected argument \"%1\"").arg(c.positional().first()));
    if (!c.isSet(QStringLiteral("event-type")))
        return usageError(QStringLiteral("emit: --event-type is required"));
    const QString eventType = c.value(QStringLiteral("event-type"));
    if (Status s = Validation::eventType(eventType); !s)
        return usageError(s.error());
    auto payload = readPayload(c);
    if (!payload)
        return failWith(payload);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto ids = store.value()->emitEvent(eventType, payload.value());
    if (!ids)
        return failWith(ids);
    out() << ids->size() << Qt::endl;
    return Success;
}

} // namespace Cli
