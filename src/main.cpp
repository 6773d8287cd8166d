#include "cli.h"
#include "windowapp.h"

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

    // No subcommand: the window, on a QApplication.
    if (Cli::wantsWindow(invocation))
        return runWindow(argc, argv, invocation);

    // Subcommands need no display: only a QCoreApplication.
    QCoreApplication app(argc, argv);
    return Cli::run(invocation);
}
