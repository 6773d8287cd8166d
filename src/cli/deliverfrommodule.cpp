#include "commands.h"
#include "console.h"
#include "modules.h"

namespace Cli {

namespace {
// Delivering needs QtNetwork and its dozen libraries, which cost a command that only reads or
// writes the store a sixth of its run: this executable does not link them. The commands that
// deliver run from the hookwatch-deliver module instead, loaded when one of them is given.
template <typename Function> Function deliveryEntry(const char *symbol)
{
    out().flush();
    err().flush();
    QString error;
    auto function = reinterpret_cast<Function>(
        Modules::resolve(QStringLiteral("hookwatch-deliver.so"), symbol, &error));
    if (!function)
        err() << "hookwatch: cannot deliver: " << error << Qt::endl;
    return function;
}
} // namespace

int attemptAndWait(const Invocation &inv, JobStore *, qint64 deliveryId)
{
    auto run = deliveryEntry<int (*)(const Invocation *, qint64)>("hookwatchAttemptNow");
    return run ? run(&inv, deliveryId) : RuntimeFailure;
}

int workerCommand(const Invocation &inv, const QStringList &args)
{
    auto run = deliveryEntry<int (*)(const Invocation *, const QStringList *)>("hookwatchWorker");
    return run ? run(&inv, &args) : RuntimeFailure;
}

int replayCommand(const Invocation &inv, const QStringList &args)
{
    auto run = deliveryEntry<int (*)(const Invocation *, const QStringList *)>("hookwatchReplay");
    return run ? run(&inv, &args) : RuntimeFailure;
}

int sendBatchCommand(const Invocation &inv, const QStringList &args)
{
    auto run = deliveryEntry<int (*)(const Invocation *, const QStringList *)>("hookwatchSendBatch");
    return run ? run(&inv, &args) : RuntimeFailure;
}

} // namespace Cli
