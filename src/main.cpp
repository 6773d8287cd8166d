#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Cli::Invocation invocation = Cli::split(arguments);

    QCoreApplication::setOrganizationName(QStringLiteral("Hookwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("hookwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKWATCH_VERSION));

    // Subcommands need no display: only a QCoreApplication.
    QCoreApplication app(argc, argv);
    return Cli::run(invocation);
}
