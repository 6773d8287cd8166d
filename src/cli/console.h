#pragma once

#include "result.h"

#include <QJsonValue>
#include <QString>
#include <QTextStream>

// What a command prints: its output on stdout, and its one line on stderr when it fails.
namespace Cli {

QTextStream &out();
QTextStream &err();

// Prints "hookwatch: <message>" on stderr and returns `code`.
int fail(int code, const QString &message);
int usageError(const QString &message); // exit 2
// A failed result's exit code: 2 for bad input or an unknown id, 1 for the rest.
int codeFor(ErrorKind kind);
template <typename R> int failWith(const R &result)
{
    return fail(codeFor(result.errorKind()), result.error());
}

// An object or array, indented, on stdout.
void printJson(const QJsonValue &value);

} // namespace Cli
