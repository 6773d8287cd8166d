// Strings the engine translates with QCoreApplication::translate() on texts it picks at run
// time, which lupdate cannot see there. Listing them here puts them in the .ts files.
#include <QtGlobal>

namespace {
[[maybe_unused]] const char *const engineStrings[] = {
    QT_TRANSLATE_NOOP("Duration", "1 day"),
    QT_TRANSLATE_NOOP("Duration", "%1 days"),
    QT_TRANSLATE_NOOP("Duration", "1 hour"),
    QT_TRANSLATE_NOOP("Duration", "%1 hours"),
    QT_TRANSLATE_NOOP("Duration", "1 minute"),
    QT_TRANSLATE_NOOP("Duration", "%1 minutes"),
    QT_TRANSLATE_NOOP("Duration", "1 second"),
    QT_TRANSLATE_NOOP("Duration", "%1 seconds"),
    QT_TRANSLATE_NOOP("Duration", "1 millisecond"),
    QT_TRANSLATE_NOOP("Duration", "%1 milliseconds"),
};
} // namespace
