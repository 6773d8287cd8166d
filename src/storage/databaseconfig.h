#pragma once

#include "result.h"

#include <QMetaType>
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
    // PostgreSQL: what sits between Hookwatch and the server, from the URL's `?pooler=`. A
    // transaction pooler (PgBouncer's pool_mode = transaction) hands each transaction to any of
    // its server connections, so nothing may outlive a transaction: no prepared statements, no
    // LISTEN. Auto: a pooler is assumed when the server says it listens on another port than
    // the one connected to.
    enum class Pooler { Auto, None, Session, Transaction };
    Pooler pooler = Pooler::Auto;

    static Result<DatabaseConfig> parse(const QString &url);
    // The embedded default: hookwatch.db under QStandardPaths::AppDataLocation.
    static DatabaseConfig defaultSqlite();
    static QString defaultSqlitePath();

    // The URL with any password masked, for messages and logs.
    QString displayUrl() const;
    QString url() const;
};

Q_DECLARE_METATYPE(DatabaseConfig)
