#include "retrypolicy.h"

#include "duration.h"

#include <QCoreApplication>

RetryPolicy RetryPolicy::launchpad()
{
    return RetryPolicy();
}

RetryPolicy RetryPolicy::none()
{
    RetryPolicy p;
    p.preset = QStringLiteral("none");
    p.windowMs = 0;
    return p;
}

RetryPolicy RetryPolicy::launchpadCurrent()
{
    RetryPolicy p;
    p.preset = QStringLiteral("launchpad-current");
    p.firstDelayMs = 1 * Minute;
    p.firstPeriodMs = 10 * Minute;
    p.nonServerErrorWindowMs = 1 * Hour;
    return p;
}

QStringList RetryPolicy::presetNames()
{
    return { QStringLiteral("launchpad"), QStringLiteral("launchpad-current"), QStringLiteral("none") };
}

Result<RetryPolicy> RetryPolicy::fromPreset(const QString &name)
{
    // "seed": the launchpad preset's name before profiles, still in older rows and scripts.
    if (name == QLatin1String("launchpad") || name == QLatin1String("seed"))
        return launchpad();
    if (name == QLatin1String("launchpad-current"))
        return launchpadCurrent();
    if (name == QLatin1String("none"))
        return none();
    return Result<RetryPolicy>::failure(
            QStringLiteral("unknown retry preset \"%1\" (choose %2)")
                    .arg(name, presetNames().join(QLatin1String(", "))));
}

bool RetryPolicy::isCustom() const
{
    const auto base = fromPreset(preset);
    return !base || !(base.value() == *this);
}

qint64 RetryPolicy::delayAfter(qint64 elapsedMs) const
{
    if (elapsedMs < firstPeriodMs)
        return firstDelayMs;
    if (elapsedMs < earlyPeriodMs)
        return earlyDelayMs;
    return lateDelayMs;
}

qint64 RetryPolicy::windowFor(int httpStatus) const
{
    const bool connectionOrServerError = httpStatus == 0 || (httpStatus >= 500 && httpStatus <= 599);
    if (nonServerErrorWindowMs && !connectionOrServerError)
        return qMin(*nonServerErrorWindowMs, windowMs);
    return windowMs;
}

std::optional<TimeMs> RetryPolicy::nextAttempt(TimeMs firstAttempt, TimeMs attemptEnd, int httpStatus) const
{
    // As in Launchpad's WebhookDeliveryJob: the window and the delay are both measured from
    // the first attempt to now (the end of this attempt), and the retry is due delay later.
    const qint64 elapsed = attemptEnd - firstAttempt;
    if (elapsed >= windowFor(httpStatus))
        return std::nullopt;
    return attemptEnd + delayAfter(elapsed);
}

QList<TimeMs> RetryPolicy::projectedAttempts(TimeMs firstAttempt, TimeMs next, int limit, int httpStatus) const
{
    QList<TimeMs> times;
    TimeMs t = next;
    while (times.size() < limit) {
        times.append(t);
        const auto after = nextAttempt(firstAttempt, t, httpStatus);
        if (!after)
            break;
        t = *after;
    }
    return times;
}

QString RetryPolicy::describe() const
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("RetryPolicy", text); };
    if (windowMs <= 0)
        return tr("Does not retry automatically.");
    const auto every = [&tr](qint64 ms) {
        if (ms == Hour)
            return tr("hourly");
        if (ms == 24 * Hour)
            return tr("daily");
        return tr("every %1").arg(Duration::describe(ms));
    };
    const auto firstFor = [&tr](qint64 ms) {
        if (ms == Hour)
            return tr("the first hour");
        return tr("the first %1").arg(Duration::describe(ms));
    };
    QString text;
    if (firstPeriodMs > 0 && firstPeriodMs < earlyPeriodMs)
        text = tr("Retries %1 for %2, %3 until %4, then %5")
                       .arg(every(firstDelayMs), firstFor(firstPeriodMs), every(earlyDelayMs),
                            Duration::describe(earlyPeriodMs), every(lateDelayMs));
    else if (earlyPeriodMs > 0 && earlyDelayMs != lateDelayMs && earlyPeriodMs < windowMs)
        text = tr("Retries %1 for %2, then %3").arg(every(earlyDelayMs), firstFor(earlyPeriodMs), every(lateDelayMs));
    else
        text = tr("Retries %1").arg(every(lateDelayMs));
    text += tr(", until %1 after the first attempt").arg(Duration::describe(windowMs));
    if (nonServerErrorWindowMs && *nonServerErrorWindowMs < windowMs)
        text += tr(" (%1 for HTTP errors other than 5xx)").arg(Duration::describe(*nonServerErrorWindowMs));
    return text + QLatin1Char('.');
}

bool RetryPolicy::operator==(const RetryPolicy &o) const
{
    return preset == o.preset && windowMs == o.windowMs && earlyDelayMs == o.earlyDelayMs
            && earlyPeriodMs == o.earlyPeriodMs && lateDelayMs == o.lateDelayMs && firstDelayMs == o.firstDelayMs
            && firstPeriodMs == o.firstPeriodMs && nonServerErrorWindowMs == o.nonServerErrorWindowMs;
}
