#pragma once

#include <QtGlobal>

#include <atomic>

// Milliseconds since the Unix epoch, UTC. The engine measures every time with this,
// so tests can move through a 24-hour retry schedule without waiting.
using TimeMs = qint64;

class Clock
{
public:
    virtual ~Clock() = default;
    virtual TimeMs now() const = 0;

    // The process-wide wall clock.
    static Clock *system();
};

// A clock that only moves when told to; for tests. Safe to read from another thread (the
// dispatcher's network thread stamps attempts with it).
class ManualClock final : public Clock
{
public:
    explicit ManualClock(TimeMs start) : m_now(start) { }
    TimeMs now() const override { return m_now.load(std::memory_order_relaxed); }
    void set(TimeMs t) { m_now.store(t, std::memory_order_relaxed); }
    void advance(qint64 ms) { m_now.fetch_add(ms, std::memory_order_relaxed); }

private:
    std::atomic<TimeMs> m_now;
};
