#include "console.h"

#include "cli.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Cli {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(int code, const QString &message)
{
    err() << "hookwatch: " << message << Qt::endl;
    return code;
}

int usageError(const QString &message)
{
    return fail(UsageError, message);
}

int codeFor(ErrorKind kind)
{
    return kind == ErrorKind::Runtime ? RuntimeFailure : UsageError;
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << doc.toJson(QJsonDocument::Indented);
    out().flush();
}

} // namespace Cli
