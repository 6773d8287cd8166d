#include "storeresolver.h"

#include <QSettings>

namespace StoreResolver {

QString settingsKey()
{
    return QStringLiteral("database/url");
}

Result<DatabaseConfig> resolve(const QString &dbOption)
{
    if (!dbOption.isEmpty())
        return DatabaseConfig::parse(dbOption);
    const QString fromEnv = qEnvironmentVariable("HOOKWATCH_DB");
    if (!fromEnv.isEmpty()) {
        auto parsed = DatabaseConfig::parse(fromEnv);
        if (!parsed)
            return Result<DatabaseConfig>::failure(
                QStringLiteral("HOOKWATCH_DB: ") + parsed.error(), ErrorKind::Invalid);
        return parsed;
    }
    const QString saved = QSettings().value(settingsKey()).toString();
    if (!saved.isEmpty()) {
        auto parsed = DatabaseConfig::parse(saved);
        if (parsed)
            return parsed;
    }
    return DatabaseConfig::defaultSqlite();
}

} // namespace StoreResolver
