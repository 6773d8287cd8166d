// The entry point of hookwatch-window, the module that holds the window. The hookwatch
// executable loads it only when the window opens, so commands and the worker start without
// loading QtGui and QtWidgets at all.

#include "windowapp.h"

// `databaseOption`: the value of --db, which the executable took from the arguments.
extern "C" Q_DECL_EXPORT int hookwatchRunWindow(int *argc, char **argv, const QString *databaseOption)
{
    return runWindow(*argc, argv, *databaseOption);
}
