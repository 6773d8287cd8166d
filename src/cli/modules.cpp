#include "modules.h"

#include <QFileInfo>
#include <QLibrary>

namespace Modules {

QFunctionPointer resolve(const QString &fileName, const char *symbol, QString *error)
{
    const QString here = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
    const QStringList candidates = {
        here + QLatin1Char('/') + fileName,
        here + QStringLiteral("/" HOOKWATCH_MODULE_DIR "/") + fileName,
    };
    QString errors;
    for (const QString &path : candidates) {
        if (!QFileInfo::exists(path))
            continue;
        QLibrary module(path);
        if (QFunctionPointer function = module.resolve(symbol))
            return function;
        errors += QStringLiteral("\n  ") + module.errorString();
    }
    *error = errors.isEmpty() ? QStringLiteral("its module %1 is not in %2 nor in %3")
                                    .arg(fileName, here, QFileInfo(candidates.at(1)).absolutePath())
                              : QStringLiteral("its module %1 did not load:%2").arg(fileName, errors);
    return nullptr;
}

} // namespace Modules
