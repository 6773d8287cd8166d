#pragma once

#include "storecounts.h"

#include <QList>
#include <QMetaType>
#include <QString>

// The status bar's view of things: the store's counts and the dispatcher's state.
struct StoreStatus
{
    StoreCounts counts;
    QList<LeaseHolder> leaseHolders;
    bool delivering = false; // this window runs a dispatcher
    bool paused = false;
    int inFlight = 0;
    QString storeError; // the dispatcher cannot reach the store; empty when it can
};

Q_DECLARE_METATYPE(StoreStatus)
