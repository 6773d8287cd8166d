#pragma once

#include "claim.h"

#include <QMetaType>
#include <QString>

// How the window's dispatcher runs; saved in the preferences.
struct DeliveryOptions
{
    bool deliver = true; // off: only watch a store that headless workers deliver from
    bool paused = false;
    int concurrency = 8;
    QString proxyUrl; // empty: no proxy
    qint64 leaseMs = Lease::DefaultDurationMs; // not a preference: benchmarks and tests shorten it
};

Q_DECLARE_METATYPE(DeliveryOptions)
