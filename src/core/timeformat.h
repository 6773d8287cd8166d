#pragma once

#include "clock.h"
#include "result.h"

#include <QString>

namespace TimeFormat {

// "2026-11-28T10:00:00.000Z", the form of every time Hookwatch prints in JSON and logs.
QString iso(TimeMs t);
// Parses an ISO 8601 date or date-time ("2026-11-28", "2026-11-28T10:00", "…Z", "…+01:00");
// a time without an offset is UTC.
Result<TimeMs> parseIso(const QString &text);

} // namespace TimeFormat
