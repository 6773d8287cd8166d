#pragma once

#include <QLoggingCategory>

// The storage layer's log: hookwatch.storage.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
