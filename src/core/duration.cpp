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
    const struct
    {
        qint64 size;
        const char *unit;
    } units[] = { { Day, "d" }, { Hour, "h" }, { Minute, "m" }, { Second, "s" }, { 1, "ms" } };
    for (const auto &u : units) {
        if (ms >= u.size) {
            out += QString::number(ms / u.size) + QLatin1String(u.unit);
            ms %= u.size;
        }
    }
    return out;
}

namespace {
// Without a translator (the command line, GUI-less tests) Qt returns the English source text;
// its plural is the source with "(s)" resolved. A translation has no "(s)" left to resolve.
QString english(QString text, int n)
{
    return text.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
}
} // namespace

QString describe(qint64 ms)
{
    const auto counted = [](qint64 n) { return int(qMin<qint64>(n, std::numeric_limits<int>::max())); };
    // Qt's %n plural forms, so each language gets its own (German "1 Tag", "2 Tage"). Literal
    // calls, so lupdate finds them here.
    if (ms % Day == 0 && ms >= 2 * Day) { // "24 hours", as Launchpad says it, but "2 days"
        const int n = counted(ms / Day);
        return english(QCoreApplication::translate("Duration", "%n day(s)", nullptr, n), n);
    }
    if (ms % Hour == 0 && ms >= Hour) {
        const int n = counted(ms / Hour);
        return english(QCoreApplication::translate("Duration", "%n hour(s)", nullptr, n), n);
    }
    if (ms % Minute == 0 && ms >= Minute) {
        const int n = counted(ms / Minute);
        return english(QCoreApplication::translate("Duration", "%n minute(s)", nullptr, n), n);
    }
    if (ms % Second == 0 && ms >= Second) {
        const int n = counted(ms / Second);
        return english(QCoreApplication::translate("Duration", "%n second(s)", nullptr, n), n);
    }
    const int n = counted(ms);
    return english(QCoreApplication::translate("Duration", "%n millisecond(s)", nullptr, n), n);
}

} // namespace Duration
