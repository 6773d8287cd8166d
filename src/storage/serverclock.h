#pragma once

#include "clock.h"

#include <atomic>

// The database server's clock, as a worker sees it: read from the server now and then and
// counted on from there with this machine's monotonic clock. Workers on machines whose wall
// clocks disagree, or whose clock is stepped, agree on leases and due times; the monotonic
// clock in between is what keeps a step of the wall clock out. Safe to read from any thread.
class ServerClock final : public Clock
{
public:
    // Until the first set(), this machine's wall clock.
    ServerClock();
    TimeMs now() const override;

    // `serverTime` was read between the monotonic readings `sentAt` and `receivedAt`
    // (monotonicMs()): it is taken to be the server's time at their midpoint.
    void set(TimeMs serverTime, qint64 sentAt, qint64 receivedAt);
    // Milliseconds since the last set(), or a large number before the first.
    qint64 age() const;
    // The server's time minus this machine's wall clock, as of the last set().
    qint64 skewMs() const { return m_skew.load(std::memory_order_relaxed); }

    static qint64 monotonicMs();

private:
    std::atomic<qint64> m_offset { 0 }; // server time minus monotonic time
    std::atomic<qint64> m_setAt { -1 }; // monotonic time of the last set()
    std::atomic<qint64> m_skew { 0 };
};
