#pragma once

#include "result.h"

#include <QString>

// Where the job store lives: "sqlite:/path/to/file.db" or
// "postgresql://user[:password]@host[:port]/dbname".
struct DatabaseConfig
{
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;

    static Result<DatabaseConfig> parse(const QString &url);
    // The embedded default: hookwatch.db under QStandardPaths::AppDataLocation.
    static DatabaseConfig defaultSqlite();
    static QString defaultSqlitePath();

    // The URL with any password masked, for messages and logs.
    QString displayUrl() const;
    QString url() const;
};
