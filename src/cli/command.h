#pragma once

#include "cli.h"
#include "result.h"

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class JobStore;

namespace Cli {

// The options of one subcommand, parsed with parse(), not process(): every problem is exit 2
// with one line, and --help prints the command's synopsis and options.
class Command
{
public:
    Command(const QString &name, const QString &synopsis);
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;

    // An option, with a value when `valueName` is given.
    void add(const QString &option, const QString &description, const QString &valueName = QString());
    void addPositional(const QString &name, const QString &description);
    // Returns -1 to go on, or the exit code to end with (after --help, or a usage error).
    int parse(const QStringList &args);

    const QString &name() const { return m_name; }
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    QString value(const QString &option) const { return m_parser.value(option); }
    QStringList values(const QString &option) const { return m_parser.values(option); }
    QStringList positional() const { return m_parser.positionalArguments(); }

private:
    QCommandLineParser m_parser;
    QString m_name;
    QString m_synopsis;
};

// The arguments every command group parses alike.

// A positive id, or a usage error naming `what` ("webhook", "delivery").
Result<qint64> parseId(const QString &text, const char *what);
// The one id a command takes as its positional argument.
Result<qint64> onlyId(const Command &c, const char *what);
// A duration option's value ("--timeout 30s"), its name in the message when it is not one.
Result<qint64> parseDurationOption(const Command &c, const QString &option);
// --payload FILE or - (stdin), checked as a JSON document of at most 5 MiB; {} without it.
Result<QByteArray> readPayload(const Command &c);
// The store --db, HOOKWATCH_DB, the saved preference or the default names, opened.
Result<JobStore *> openStore(const Invocation &inv, std::unique_ptr<JobStore> &holder);
// A command that takes one id and acts on it in the store (suspend, pause, resume, webhook rm):
// parses `args` with `c`, checks the id (a `what` id), opens the store and returns what `act`
// returns, or the exit code of the first of those that fails, with its message.
int actOnId(const Invocation &inv, Command &c, const QStringList &args, const char *what,
    const std::function<int(JobStore &store, qint64 id)> &act);

} // namespace Cli
