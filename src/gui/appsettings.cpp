#include "appsettings.h"

#include "storeresolver.h"

#include <QSettings>

AppSettings AppSettings::load()
{
    QSettings settings;
    AppSettings s;
    s.databaseUrl = settings.value(StoreResolver::settingsKey()).toString();
    s.delivery.deliver = settings.value(QStringLiteral("delivery/deliverFromWindow"), true).toBool();
    s.delivery.paused = settings.value(QStringLiteral("delivery/paused"), false).toBool();
    s.delivery.concurrency
        = qBound(1, settings.value(QStringLiteral("delivery/concurrency"), 8).toInt(), 256);
    s.delivery.proxyUrl = settings.value(QStringLiteral("delivery/proxy")).toString();
    s.retentionDays = qBound(1, settings.value(QStringLiteral("history/retentionDays"), 30).toInt(), 3650);
    s.defaultRetryPreset
        = settings.value(QStringLiteral("history/defaultRetryPreset"), QStringLiteral("seed")).toString();
    if (!RetryPolicy::fromPreset(s.defaultRetryPreset))
        s.defaultRetryPreset = QStringLiteral("seed");
    s.notices.firstFailure = settings.value(QStringLiteral("notices/firstFailure"), true).toBool();
    s.notices.recovered = settings.value(QStringLiteral("notices/recovered"), true).toBool();
    s.notices.exhausted = settings.value(QStringLiteral("notices/exhausted"), true).toBool();
    s.notices.disabled = settings.value(QStringLiteral("notices/disabled"), true).toBool();
    return s;
}

void AppSettings::save() const
{
    QSettings settings;
    if (databaseUrl.isEmpty())
        settings.remove(StoreResolver::settingsKey());
    else
        settings.setValue(StoreResolver::settingsKey(), databaseUrl);
    settings.setValue(QStringLiteral("delivery/deliverFromWindow"), delivery.deliver);
    settings.setValue(QStringLiteral("delivery/paused"), delivery.paused);
    settings.setValue(QStringLiteral("delivery/concurrency"), delivery.concurrency);
    settings.setValue(QStringLiteral("delivery/proxy"), delivery.proxyUrl);
    settings.setValue(QStringLiteral("history/retentionDays"), retentionDays);
    settings.setValue(QStringLiteral("history/defaultRetryPreset"), defaultRetryPreset);
    settings.setValue(QStringLiteral("notices/firstFailure"), notices.firstFailure);
    settings.setValue(QStringLiteral("notices/recovered"), notices.recovered);
    settings.setValue(QStringLiteral("notices/exhausted"), notices.exhausted);
    settings.setValue(QStringLiteral("notices/disabled"), notices.disabled);
}
