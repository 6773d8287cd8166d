#include "cli.h"
#include "modules.h"

#include <QCoreApplication>

#include <cstdio>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {
// glibc gives the top of the heap back to the kernel as soon as 128 KiB of it is free, and
// takes it again on the next allocation: at thousands of deliveries a second that churn of
// brk calls and page faults cost a worker 10-20% of its CPU (docs/PERFORMANCE.md). Keep
// 16 MiB of slack instead.
void tuneAllocator()
{
#ifdef __GLIBC__
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
#endif
}

// The window lives in the hookwatch-window module (src/cli/modules.h). Loading it only here
// keeps QtGui and QtWidgets out of every command's start-up.
int openWindow(int *argc, char **argv, const QString &databaseOption)
{
    QString error;
    using RunWindow = int (*)(int *, char **, const QString *);
    if (auto run = reinterpret_cast<RunWindow>(
            Modules::resolve(QStringLiteral("hookwatch-window.so"), "hookwatchRunWindow", &error)))
        return run(argc, argv, &databaseOption);
    std::fprintf(stderr,
        "hookwatch: cannot open the window: %s.\n"
        "Everything the window does is also on the command line: see `hookwatch --help`.\n",
        qPrintable(error));
    return Cli::RuntimeFailure;
}
} // namespace

int main(int argc, char *argv[])
{
    tuneAllocator();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Cli::Invocation invocation = Cli::split(arguments);

    QCoreApplication::setOrganizationName(QStringLiteral("Hookwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("hookwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKWATCH_VERSION));

    // No subcommand: the window, on a QApplication.
    if (Cli::wantsWindow(invocation))
        return openWindow(&argc, argv, invocation.db);

    // Subcommands need no display: only a QCoreApplication, on Qt's own event dispatcher
    // rather than GLib's. GLib's wakes a thread with a system call for every event posted
    // to it: strace counted 23 eventfd writes per delivery in a worker's two network
    // threads, against 2.3 with Qt's, which wakes a thread only when it sleeps. A worker
    // delivers 15-20% faster (docs/PERFORMANCE.md). A QT_NO_GLIB of the user's is kept.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    return Cli::run(invocation);
}
