#pragma once

#include "databaseconfig.h"
#include "result.h"

#include <QString>

namespace StoreResolver {

// The store to use: --db, else HOOKWATCH_DB, else the window's saved preference, else
// the embedded SQLite default. `dbOption` is empty when --db was not given.
Result<DatabaseConfig> resolve(const QString &dbOption);

// The QSettings key the window saves its database choice under.
QString settingsKey();

} // namespace StoreResolver
