#include "timeformat.h"

#include <QDateTime>
#include <QTimeZone>

namespace TimeFormat {

QString iso(TimeMs t)
{
    return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs);
}

Result<TimeMs> parseIso(const QString &text)
{
    const QString trimmed = text.trimmed();
    QDateTime dt = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(trimmed, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (date.isValid())
            dt = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    if (!dt.isValid())
        return Result<TimeMs>::failure(
                QStringLiteral("invalid time \"%1\": use ISO 8601, e.g. 2026-11-28T10:00:00Z").arg(text));
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

} // namespace TimeFormat
