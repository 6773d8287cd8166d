// The entry point of hookwatch-window, the module that holds the window. The hookwatch
// executable loads it only when the window opens, so commands and the worker start without
// loading QtGui and QtWidgets at all.

#include "windowapp.h"

#include <QStringList>

extern "C" Q_DECL_EXPORT int hookwatchRunWindow(int *argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < *argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return runWindow(*argc, argv, Cli::split(arguments));
}
