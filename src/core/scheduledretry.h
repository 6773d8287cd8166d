#pragma once

#include "delivery.h"

#include <QList>
#include <QMetaType>
#include <QString>

// A delivery waiting for a retry, with what its webhook's policy says is still to come.
struct ScheduledRetry
{
    Delivery delivery;
    QString webhookUrl; // masked
    TimeMs windowEnds = 0; // after this, a failed attempt fails the delivery for good
    QList<TimeMs> projectedAttempts; // the remaining attempts if every one fails
};

Q_DECLARE_METATYPE(ScheduledRetry)
