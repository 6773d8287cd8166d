#pragma once

#include "deliveryoptions.h"
#include "webhooknotices.h"

#include <QString>

// The window's preferences, kept in QSettings.
struct AppSettings
{
    QString databaseUrl; // empty: the default SQLite file (or HOOKWATCH_DB / --db)
    DeliveryOptions delivery;
    int retentionDays = 30;
    QString defaultRetryPreset = QStringLiteral("seed");
    NoticeSwitches notices; // which tray notices the window gives

    static AppSettings load();
    void save() const;
};
