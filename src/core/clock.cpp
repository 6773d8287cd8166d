#include "clock.h"

#include <QDateTime>

namespace {
class SystemClock final : public Clock
{
public:
    TimeMs now() const override { return QDateTime::currentMSecsSinceEpoch(); }
};
} // namespace

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}
