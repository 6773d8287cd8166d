// hookwatch-deliver.so: the commands that deliver (they need QtNetwork), loaded by the
// executable only when one of them is given (src/cli/modules.h).
#include "cli.h"
#include "commands.h"

#include <QtGlobal>

extern "C" Q_DECL_EXPORT int hookwatchWorker(const Cli::Invocation *invocation, const QStringList *args)
{
    return Cli::worker(*invocation, *args);
}

extern "C" Q_DECL_EXPORT int hookwatchAttemptNow(const Cli::Invocation *invocation, qint64 deliveryId)
{
    return Cli::attemptNow(*invocation, deliveryId);
}

extern "C" Q_DECL_EXPORT int hookwatchReplay(const Cli::Invocation *invocation, const QStringList *args)
{
    return Cli::replayCommand(*invocation, *args);
}

extern "C" Q_DECL_EXPORT int hookwatchSendBatch(const Cli::Invocation *invocation, const QStringList *args)
{
    return Cli::sendBatchCommand(*invocation, *args);
}
