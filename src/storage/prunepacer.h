#pragma once

#include <QtGlobal>

// How a prune is cut into transactions: each sized to take about TargetMs, whatever the rows
// cost on this store (a chunk of 5,000 took 64 ms on SQLite and up to 784 ms on PostgreSQL at
// 10M), with a pause after each. The pause matters on SQLite, which has one write lock: a writer
// kept waiting sleeps in its busy handler for up to 100 ms at a time, and a pruner that begins
// its next transaction at once can take the lock back every time that writer sleeps (1.3 s waits
// were measured). A pause as long as the longest sleep lets every waiting writer in between two
// chunks. PostgreSQL's deletes lock only the rows deleted, so no pause is needed there.
class PrunePacer
{
public:
    static constexpr int TargetMs = 100;
    static constexpr int FirstChunk = 1000;
    static constexpr int MaxChunk = 50000;
    // SQLite's busy handler (sqlite3_busy_timeout) sleeps at most this long between tries.
    static constexpr int SqlitePauseMs = 100;

    explicit PrunePacer(int pauseMs, int firstChunk = FirstChunk)
        : m_chunk(qBound(1, firstChunk, MaxChunk))
        , m_pauseMs(pauseMs)
    {
    }

    // How many deliveries the next transaction deletes at most.
    int chunk() const { return m_chunk; }
    // How long to wait before it.
    int pauseMs() const { return m_pauseMs; }

    // A transaction of chunk() deleted `deleted` in `elapsedMs`. Returns whether more may be
    // left (a full chunk); the next chunk is sized towards TargetMs, at most doubling or
    // halving at a time, so one slow transaction (a checkpoint, a cold cache) does not swing it.
    bool record(int deleted, qint64 elapsedMs)
    {
        if (deleted < m_chunk)
            return false;
        const double rate = double(m_chunk) / double(qMax<qint64>(elapsedMs, 1));
        const double wanted = rate * TargetMs;
        m_chunk = int(qBound<double>(qMax(1, m_chunk / 2), wanted, qMin(MaxChunk, m_chunk * 2)));
        return true;
    }

private:
    int m_chunk;
    int m_pauseMs;
};
