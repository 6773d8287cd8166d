#pragma once

#include <QFunctionPointer>
#include <QString>

// The parts of Hookwatch loaded only when needed: the window (hookwatch-window.so, QtGui and
// QtWidgets) and delivering (hookwatch-deliver.so, QtNetwork). They sit next to the executable
// in a build tree and in HOOKWATCH_MODULE_DIR (relative to it) once installed.
namespace Modules {

// A function of a module, which stays loaded; null with `error` saying why.
QFunctionPointer resolve(const QString &fileName, const char *symbol, QString *error);

} // namespace Modules
