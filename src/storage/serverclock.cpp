#include "serverclock.h"

#include <chrono>
#include <limits>

qint64 ServerClock::monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

ServerClock::ServerClock()
    : m_offset(Clock::system()->now() - monotonicMs())
{
}

TimeMs ServerClock::now() const
{
    return monotonicMs() + m_offset.load(std::memory_order_relaxed);
}

void ServerClock::set(TimeMs serverTime, qint64 sentAt, qint64 receivedAt)
{
    const qint64 midpoint = sentAt + (receivedAt - sentAt) / 2;
    m_offset.store(serverTime - midpoint, std::memory_order_relaxed);
    m_setAt.store(receivedAt, std::memory_order_relaxed);
    m_skew.store(serverTime - Clock::system()->now() + (receivedAt - midpoint), std::memory_order_relaxed);
}

qint64 ServerClock::age() const
{
    const qint64 at = m_setAt.load(std::memory_order_relaxed);
    return at < 0 ? std::numeric_limits<qint64>::max() : monotonicMs() - at;
}
