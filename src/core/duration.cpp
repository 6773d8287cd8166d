#include "duration.h"

#include <QCoreApplication>

#include <limits>

namespace Duration {

namespace {
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
} // namespace

Result<qint64> parse(const QString &text)
{
    const auto bad = [&text](const QString &why) {
        return Result<qint64>::failure(
                QStringLiteral("invalid duration \"%1\": %2 (write it like 500ms, 30s, 5m, 1h30m or 2d)")
                        .arg(text, why));
    };
    const QString s = text.trimmed();
    if (s.isEmpty())
        return bad(QStringLiteral("it is empty"));
    qint64 total = 0;
    int i = 0;
    while (i < s.size()) {
        const int numberStart = i;
        while (i < s.size() && s.at(i).isDigit())
            ++i;
        if (i == numberStart)
            return bad(QStringLiteral("expected a number at \"%1\"").arg(s.mid(numberStart)));
        bool ok = false;
        const qint64 number = s.mid(numberStart, i - numberStart).toLongLong(&ok);
        const int unitStart = i;
        while (i < s.size() && s.at(i).isLetter())
            ++i;
        const QString unit = s.mid(unitStart, i - unitStart);
        qint64 factor = 0;
        if (unit == QLatin1String("ms"))
            factor = 1;
        else if (unit == QLatin1String("s"))
            factor = Second;
        else if (unit == QLatin1String("m"))
            factor = Minute;
        else if (unit == QLatin1String("h"))
            factor = Hour;
        else if (unit == QLatin1String("d"))
            factor = Day;
        else if (unit.isEmpty())
            return bad(QStringLiteral("a number needs a unit"));
        else
            return bad(QStringLiteral("unknown unit \"%1\"").arg(unit));
        if (!ok || number > (std::numeric_limits<qint64>::max() - total) / factor / 2)
            return bad(QStringLiteral("too large"));
        total += number * factor;
    }
    return total;
}

QString format(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0s");
    QString out;
    if (ms < 0) {
        out += QLatin1Char('-');
        ms = -ms;
    }
    const struct { qint64 size; const char *unit; } units[] = {
        { Day, "d" }, { Hour, "h" }, { Minute, "m" }, { Second, "s" }, { 1, "ms" }
    };
    for (const auto &u : units) {
        if (ms >= u.size) {
            out += QString::number(ms / u.size) + QLatin1String(u.unit);
            ms %= u.size;
        }
    }
    return out;
}

QString describe(qint64 ms)
{
    const auto plural = [](qint64 n, const char *one, const char *many) {
        return n == 1 ? QCoreApplication::translate("Duration", one)
                      : QCoreApplication::translate("Duration", many).arg(n);
    };
    if (ms % Day == 0 && ms >= 2 * Day) // "24 hours", as Launchpad says it, but "2 days"
        return plural(ms / Day, "1 day", "%1 days");
    if (ms % Hour == 0 && ms >= Hour)
        return plural(ms / Hour, "1 hour", "%1 hours");
    if (ms % Minute == 0 && ms >= Minute)
        return plural(ms / Minute, "1 minute", "%1 minutes");
    if (ms % Second == 0 && ms >= Second)
        return plural(ms / Second, "1 second", "%1 seconds");
    return plural(ms, "1 millisecond", "%1 milliseconds");
}

} // namespace Duration
