#pragma once

#include "result.h"

#include <QString>

namespace Duration {

// Parses "0s", "500ms", "30s", "5m", "1h30m", "2d": one or more number+unit pairs
// (units ms, s, m, h, d). A bare number is refused: "30" could mean anything.
Result<qint64> parse(const QString &text);

// The shortest exact form: 300000 -> "5m", 5400000 -> "1h30m", 0 -> "0s".
QString format(qint64 ms);

// A phrase for people, in the installed translation: 300000 -> "5 minutes", 3600000 -> "1 hour".
QString describe(qint64 ms);

} // namespace Duration
