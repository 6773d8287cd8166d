#pragma once

#include <QString>
#include <QStringList>

// `hookwatch-bench large` (issue 19): the window, the command line and prune on a store of
// `count` deliveries (LargeStore), SQLite or PostgreSQL.
struct LargeHistoryOptions
{
    QString backend; // sqlite or postgresql
    qint64 count = 10'000'000;
    QString folder; // where a SQLite store is kept
    bool reuse = false;
    int rounds = 5;
    QStringList figures; // window, cli, prune; all when empty
    int pruneChunk = 5000; // as the window's store service and `hookwatch prune` take them
    int prunePauseMs = 0; // between chunks; 0: back to back, as the app does today
    int launchLingerMs = 4000; // after the first rows, before the launch's peak memory is read
};

int largeHistory(const LargeHistoryOptions &options);
