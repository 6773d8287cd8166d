#include "icons.h"

#include <QHash>

namespace Icons {

QIcon application()
{
    static const QIcon icon(QStringLiteral(":/icons/hookwatch.svg"));
    return icon;
}

QIcon status(Delivery::Display display)
{
    static const QHash<int, QIcon> icons = {
        { int(Delivery::Display::NeverTried), QIcon(QStringLiteral(":/icons/never-tried.svg")) },
        { int(Delivery::Display::Delivered), QIcon(QStringLiteral(":/icons/delivered.svg")) },
        { int(Delivery::Display::Retrying), QIcon(QStringLiteral(":/icons/retrying.svg")) },
        { int(Delivery::Display::Failed), QIcon(QStringLiteral(":/icons/failed.svg")) },
    };
    return icons.value(int(display));
}

} // namespace Icons
