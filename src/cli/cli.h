#pragma once

#include "exitcode.h"

#include <QStringList>

// The command line: every subcommand of `hookwatch`, on a QCoreApplication the caller made.
namespace Cli {

// The exit codes (src/core/exitcode.h) by their short names.
using ExitCode::AttemptFailed;
using ExitCode::RuntimeFailure;
using ExitCode::Success;
using ExitCode::UsageError;

// Splits --db (allowed before or after the subcommand) from the rest.
struct Invocation
{
    QString db;
    QStringList args; // args[0] is the program, args[1] the subcommand if any
    QString error;
};
Invocation split(const QStringList &arguments);

// True when these arguments open the window (no subcommand).
bool wantsWindow(const Invocation &invocation);

int run(const Invocation &invocation);

// The commands that deliver, for the hookwatch-deliver module (src/cli/delivermodule.cpp):
// `worker`, and one delivery's next attempt now (send, ping and retry with --wait), on a
// store the module opens itself.
int worker(const Invocation &invocation, const QStringList &args);
int attemptNow(const Invocation &invocation, qint64 deliveryId);

QString usage();

} // namespace Cli
