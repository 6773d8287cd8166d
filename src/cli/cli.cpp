#include "cli.h"

#include "commands.h"
#include "console.h"
#include "databaseconfig.h"

#include <QCoreApplication>
#include <QLoggingCategory>

// The command line's entry: --db taken from the arguments, then the subcommand's group.

namespace Cli {

QString usage()
{
    return QStringLiteral(
        "Usage:\n"
        "  hookwatch [--db URL]                 open the window\n"
        "  hookwatch worker [--concurrency N] [--lease D] [--grace D] [--retention D] [--poll-interval D]\n"
        "                   [--proxy URL] [--once | --until-idle]\n"
        "  hookwatch webhook add URL [--profile NAME] [--secret S | --secret-file F] [--event-type T]...\n"
        "                        [--header 'N: V']...\n"
        "                        [--inactive] [--timeout D] [--retry-preset NAME] [--retry-window D]\n"
        "                        [--retry-early-delay D] [--retry-early-period D] [--retry-late-delay D]\n"
        "                        [--trust-self-signed] [--max-in-flight N] [--auto-disable-after D|off]\n"
        "  hookwatch webhook edit ID [--url URL] [--secret S | --secret-file F | --no-secret]\n"
        "                        [--active | --inactive] [--no-event-types] [--no-headers] [options of add]\n"
        "                        [--rotate-secret S [--keep-previous-for D]]\n"
        "  hookwatch webhook list [--json] | webhook show ID [--json] | webhook rm ID\n"
        "  hookwatch profiles [--json]           the platforms a webhook can send as\n"
        "  hookwatch ping WEBHOOK_ID [--wait]\n"
        "  hookwatch send WEBHOOK_ID --event-type T [--payload FILE|-] [--repeat N] [--wait]\n"
        "  hookwatch emit --event-type T [--payload FILE|-]\n"
        "  hookwatch deliveries [--webhook ID] [--status S] [--result R] [--event-type T] [--http-status "
        "CODE]\n"
        "                       [--text T [--search-newest N]] [--id ID] [--since TIME] [--until TIME]\n"
        "                       [--limit N | --summary] [--json]\n"
        "  hookwatch show DELIVERY_ID [--json]\n"
        "  hookwatch replay DELIVERY_ID [--burst [--count N] | --expired]   receiver test tools\n"
        "  hookwatch send-batch WEBHOOK_ID [--count N] [--shuffle] [--event-type T] [--payload FILE|-]\n"
        "  hookwatch retry DELIVERY_ID [--reset] [--wait]\n"
        "  hookwatch retry --failed [--since T] [--webhook ID] [--dry-run]\n"
        "  hookwatch pause WEBHOOK_ID | resume WEBHOOK_ID\n"
        "  hookwatch doctor [--requeue] [--json]\n"
        "  hookwatch export [--format csv|json] [--output FILE] [filters of deliveries]\n"
        "  hookwatch export DELIVERY_ID --format har|http [--output FILE]\n"
        "  hookwatch suspend DELIVERY_ID\n"
        "  hookwatch prune [--older-than D]\n"
        "\n"
        "Every command takes --db URL (sqlite:/path/file.db or "
        "postgresql://user[:password]@host[:port]/db);\n"
        "without it: $HOOKWATCH_DB, then the window's saved choice, then %1.\n"
        "Durations: 500ms, 30s, 5m, 1h30m, 2d. Exit codes: 0 success, 1 runtime failure, 2 bad usage or "
        "input,\n"
        "3 an attempt made with --wait failed. 'hookwatch COMMAND --help' tells more.\n")
        .arg(DatabaseConfig::defaultSqlitePath());
}

Invocation split(const QStringList &arguments)
{
    Invocation inv;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (i > 0 && a == QLatin1String("--db")) {
            if (i + 1 >= arguments.size()) {
                inv.error = QStringLiteral("--db needs a URL");
                return inv;
            }
            inv.db = arguments.at(++i);
            if (inv.db.isEmpty())
                inv.error = QStringLiteral("--db needs a URL");
            continue;
        }
        if (i > 0 && a.startsWith(QLatin1String("--db="))) {
            inv.db = a.mid(5);
            if (inv.db.isEmpty())
                inv.error = QStringLiteral("--db needs a URL");
            continue;
        }
        inv.args << a;
    }
    if (inv.args.isEmpty())
        inv.args << QStringLiteral("hookwatch");
    return inv;
}

bool wantsWindow(const Invocation &inv)
{
    return inv.args.size() == 1 && inv.error.isEmpty();
}

int run(const Invocation &inv)
{
    if (!inv.error.isEmpty())
        return usageError(inv.error);
    if (!inv.db.isEmpty()) {
        if (auto config = DatabaseConfig::parse(inv.db); !config)
            return usageError(config.error());
    }
    const QStringList &args = inv.args;
    const QString command = args.value(1);
    // A command's failure is its one "hookwatch: …" line; the store's own warnings are for
    // the worker's log.
    QLoggingCategory::setFilterRules(command == QLatin1String("worker")
            ? QStringLiteral("hookwatch.*.debug=false")
            : QStringLiteral("hookwatch.*.debug=false\nhookwatch.*.warning=false\n"
                             "hookwatch.*.info=false"));
    if (command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        out() << usage();
        out().flush();
        return Success;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out() << "hookwatch " << QCoreApplication::applicationVersion() << Qt::endl;
        return Success;
    }
    QStringList rest = args; // the parser sees: program, options and positionals
    rest.removeAt(1);
    rest[0] = args.at(0);
    if (command == QLatin1String("worker"))
        return workerCommand(inv, rest);
    if (command == QLatin1String("webhook"))
        return webhookCommand(inv, args);
    if (command == QLatin1String("profiles"))
        return profilesCommand(inv, rest);
    if (command == QLatin1String("ping"))
        return pingCommand(inv, rest);
    if (command == QLatin1String("send"))
        return sendCommand(inv, rest);
    if (command == QLatin1String("emit"))
        return emitCommand(inv, rest);
    if (command == QLatin1String("deliveries"))
        return deliveriesCommand(inv, rest);
    if (command == QLatin1String("show"))
        return showCommand(inv, rest);
    if (command == QLatin1String("retry"))
        return retryCommand(inv, rest);
    if (command == QLatin1String("replay"))
        return replayCommand(inv, rest);
    if (command == QLatin1String("send-batch"))
        return sendBatchCommand(inv, rest);
    if (command == QLatin1String("suspend"))
        return suspendCommand(inv, rest);
    if (command == QLatin1String("prune"))
        return pruneCommand(inv, rest);
    if (command == QLatin1String("pause"))
        return pauseCommand(inv, rest);
    if (command == QLatin1String("resume"))
        return resumeCommand(inv, rest);
    if (command == QLatin1String("doctor"))
        return doctorCommand(inv, rest);
    if (command == QLatin1String("export"))
        return exportCommand(inv, rest);
    return usageError(
        QStringLiteral("unknown command \"%1\"; 'hookwatch --help' lists them").arg(command.left(60)));
}

} // namespace Cli
