#pragma once

#include "databaseconfig.h"
#include "result.h"

#include <QString>

// A store of `count` deliveries, a year of history, for the figures of issue 19: made with the
// real JobStore (so its schema and indexes are exactly the app's), then filled with bulk
// INSERT … SELECT in transactions of a million deliveries and their three million attempts,
// then ANALYZEd (PostgreSQL: VACUUM ANALYZE, as autovacuum would have left a store that old).
//
// Deliveries are numbered 1…count and created evenly over the 365 days before the store was
// begun, oldest first: every fifth failed (three attempts answered 500), the rest completed
// (two answered 500, the third 200), each finished ten minutes after it was created.
//
// It is kept between runs: a SQLite file hookwatch-large-COUNT.db in a folder, or a database
// hookwatch_large_COUNT on the PostgreSQL server of $HOOKWATCH_TEST_PG_URL. With `reuse` a store
// already there is used as it is, or finished where an interrupted build stopped (each
// transaction is whole or absent, so the highest delivery id says how far it got); without it,
// it is made anew.
class LargeStore
{
public:
    LargeStore(QString backend, qint64 count, QString folder);

    QString url() const { return m_url; }
    QString describe() const; // where it is kept, for the report
    Status ensure(bool reuse);
    qint64 sizeBytes() const;

    // A copy of the store for a figure that changes it (prune), and its removal.
    Result<QString> copy(const QString &suffix) const;
    void removeCopy(const QString &url) const;

private:
    Status create();
    Status fill();
    Status remove() const;
    bool postgres() const { return m_backend == QLatin1String("postgresql"); }
    Result<DatabaseConfig> server() const; // PostgreSQL: the server's maintenance database

    QString m_backend;
    qint64 m_count;
    QString m_folder;
    QString m_url;
    QString m_pgDatabase;
};
