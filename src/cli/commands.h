#pragma once

#include "cli.h"

#include <QStringList>

class JobStore;

// Every subcommand, a file per group: webhookcommands.cpp (webhook add, edit, list, show,
// rm; profiles), sendcommands.cpp (send, ping, emit), historycommands.cpp (deliveries, show),
// actioncommands.cpp (retry, suspend, prune), delivercommands.cpp (worker, and the attempt
// --wait makes). `args` holds the program, then the command's options and positionals.
namespace Cli {

int webhookCommand(const Invocation &inv, const QStringList &args); // args[1] is "webhook"
int profilesCommand(const Invocation &inv, const QStringList &args);
int sendCommand(const Invocation &inv, const QStringList &args);
int pingCommand(const Invocation &inv, const QStringList &args);
int emitCommand(const Invocation &inv, const QStringList &args);
int deliveriesCommand(const Invocation &inv, const QStringList &args);
int showCommand(const Invocation &inv, const QStringList &args);
int retryCommand(const Invocation &inv, const QStringList &args);
int suspendCommand(const Invocation &inv, const QStringList &args);
int pruneCommand(const Invocation &inv, const QStringList &args);
// recoverycommands.cpp: retry --failed, pause, resume, doctor; exportcommands.cpp: export.
class Command;
int retryFailedCommand(const Invocation &inv, const Command &parsed);
int pauseCommand(const Invocation &inv, const QStringList &args);
int resumeCommand(const Invocation &inv, const QStringList &args);
int doctorCommand(const Invocation &inv, const QStringList &args);
int exportCommand(const Invocation &inv, const QStringList &args);

// The commands that deliver: in this process (delivercommands.cpp), or, in the executable,
// from the hookwatch-deliver module (deliverfrommodule.cpp).
int workerCommand(const Invocation &inv, const QStringList &args);
// The receiver test tools (testtoolcommands.cpp): exit 0 if every send got a 2xx, 3 if not.
int replayCommand(const Invocation &inv, const QStringList &args);
int sendBatchCommand(const Invocation &inv, const QStringList &args);
// Makes a delivery's next attempt now; exit 0 if delivered, 3 if not.
int attemptAndWait(const Invocation &inv, JobStore *store, qint64 deliveryId);

} // namespace Cli
