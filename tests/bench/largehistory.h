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
    int pruneChunk = 0; // deliveries per transaction; 0: as the app sizes them (JobStore::prunePacer)
    int prunePauseMs = -1; // between chunks; -1: as the app pauses
    int launchLingerMs = 4000; // after the first rows, before the launch's peak memory is read
};

int largeHistory(const LargeHistoryOptions &options);
