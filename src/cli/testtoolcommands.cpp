// replay and send-batch: the receiver test tools (TestSender), which deliver, so they run in
// the hookwatch-deliver module like the worker.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "jobstore.h"
#include "outcome.h"
#include "profiles.h"
#include "testsender.h"
#include "timeformat.h"
#include "validation.h"

#include <QCoreApplication>

namespace Cli {

namespace {

// One line per send on stdout, "delivery 4 attempt 2 (burst): HTTP 200"; exit 0 when every
// one was answered with a 2xx, 3 when one was not.
int runAndReport(TestSender &sender, const std::function<Status()> &start)
{
    int code = AttemptFailed;
    QObject::connect(&sender, &TestSender::finished, &sender, [&code](const QList<Attempt> &attempts) {
        bool allDelivered = true;
        for (const Attempt &a : attempts) {
            const Outcome o = Outcome::classify(
                a.deactivated, a.connectionError, a.response ? a.response->statusCode : 0);
            allDelivered = allDelivered && o.successful;
            out() << "delivery " << a.deliveryId << " attempt " << a.number << " (" << a.testTool << "): "
                  << (o.httpStatus > 0 ? QStringLiteral("HTTP %1").arg(o.httpStatus) : o.failureDetail)
                  << '\n';
        }
        out().flush();
        code = allDelivered ? Success : AttemptFailed;
        QCoreApplication::exit(0);
    });
    QObject::connect(&sender, &TestSender::failed, &sender, [&code](const QString &message) {
        err() << "hookwatch: " << message << Qt::endl;
        code = RuntimeFailure;
        QCoreApplication::exit(0);
    });
    if (Status s = start(); !s)
        return failWith(s);
    QCoreApplication::exec();
    return code;
}

int parseCount(const Command &c, int fallback, int minimum)
{
    if (!c.isSet(QStringLiteral("count")))
        return fallback;
    bool ok = false;
    const int n = c.value(QStringLiteral("count")).toInt(&ok);
    return ok && n >= minimum && n <= TestTools::MaxCount ? n : -1;
}

} // namespace

int replayCommand(const Invocation &inv, const QStringList &args)
{
    Command c(
        QStringLiteral("replay"), QStringLiteral("replay DELIVERY_ID [--burst [--count N] | --expired]"));
    c.add(QStringLiteral("burst"),
        QStringLiteral("Send it several times at once (default 5): does the receiver deduplicate?"));
    c.add(QStringLiteral("count"), QStringLiteral("How many copies a burst sends (2 to 100)."),
        QStringLiteral("N"));
    c.add(QStringLiteral("expired"),
        QStringLiteral("Sign it 10 minutes in the past (standard-webhooks, stripe): does the receiver "
                       "refuse a replay?"));
    c.addPositional(QStringLiteral("DELIVERY_ID"), QStringLiteral("The delivery to send again."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "delivery");
    if (!id)
        return failWith(id);
    const bool burst = c.isSet(QStringLiteral("burst"));
    const bool expired = c.isSet(QStringLiteral("expired"));
    if (burst && expired)
        return usageError(QStringLiteral("replay: give --burst or --expired, not both"));
    if (c.isSet(QStringLiteral("count")) && !burst)
        return usageError(QStringLiteral("replay: --count goes with --burst"));
    const int copies = burst ? parseCount(c, TestTools::DefaultBurst, 2) : 1;
    if (copies < 0)
        return usageError(
            QStringLiteral("replay: --count takes a number from 2 to %1").arg(TestTools::MaxCount));
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    TestSender sender(store.value());
    return runAndReport(sender, [&] { return sender.resend(id.value(), copies, expired); });
}

int sendBatchCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("send-batch"),
        QStringLiteral("send-batch WEBHOOK_ID [--count N] [--shuffle] [--event-type T] [--payload FILE|-]"));
    c.add(QStringLiteral("count"), QStringLiteral("How many new deliveries (2 to 100, default 5)."),
        QStringLiteral("N"));
    c.add(
        QStringLiteral("shuffle"), QStringLiteral("Send them in a shuffled order instead of newest first."));
    c.add(QStringLiteral("event-type"),
        QStringLiteral("The event type (default: the profile's test event, as ping sends)."),
        QStringLiteral("T"));
    c.add(QStringLiteral("payload"), QStringLiteral("JSON payload file, or - for stdin."),
        QStringLiteral("FILE"));
    c.addPositional(QStringLiteral("WEBHOOK_ID"), QStringLiteral("The webhook."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "webhook");
    if (!id)
        return failWith(id);
    const int count = parseCount(c, TestTools::DefaultBatch, 2);
    if (count < 0)
        return usageError(
            QStringLiteral("send-batch: --count takes a number from 2 to %1").arg(TestTools::MaxCount));
    QString eventType = c.value(QStringLiteral("event-type"));
    if (c.isSet(QStringLiteral("event-type"))) {
        if (Status s = Validation::eventType(eventType); !s)
            return usageError(s.error());
    }
    auto payload = readPayload(c);
    if (!payload)
        return failWith(payload);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    const auto hook = store.value()->webhook(id.value());
    if (!hook)
        return failWith(hook);
    QByteArray body = payload.value();
    if (!c.isSet(QStringLiteral("event-type"))) {
        eventType = Profiles::pingEventType(hook->profile);
        if (!c.isSet(QStringLiteral("payload")))
            body = Profiles::pingPayload(hook.value(), store.value()->now());
    }
    TestSender sender(store.value());
    return runAndReport(sender, [&] {
        return sender.sendBatch(id.value(), eventType, body, count, c.isSet(QStringLiteral("shuffle")));
    });
}

} // namespace Cli
