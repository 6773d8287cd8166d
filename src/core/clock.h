#pragma once

#include <QtGlobal>

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

// A clock that only moves when told to; for tests.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(TimeMs start) : m_now(start) { }
    TimeMs now() const override { return m_now; }
    void set(TimeMs t) { m_now = t; }
    void advance(qint64 ms) { m_now += ms; }

private:
    TimeMs m_now;
};
