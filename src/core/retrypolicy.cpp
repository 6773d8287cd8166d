#include "retrypolicy.h"

#include "duration.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

#include <cmath>

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

RetryPolicy RetryPolicy::standardWebhooks()
{
    // The schedule the Standard Webhooks spec and Svix publish: immediately, then 5 s, 5 min,
    // 30 min, 2 h, 5 h, 10 h and 10 h after each failure (about 28 hours in all). The window
    // only bounds what a Retry-After may ask for.
    RetryPolicy p;
    p.preset = QStringLiteral("standard-webhooks");
    p.stepsMs = { 0, 5 * Second, 5 * Minute, 30 * Minute, 2 * Hour, 5 * Hour, 10 * Hour, 10 * Hour };
    p.windowMs = 2 * Day;
    p.honourRetryAfter = true;
    return p;
}

RetryPolicy RetryPolicy::stripe()
{
    // Stripe says only "up to three days, with an exponential back off". These steps double
    // from 1 hour to 16 hours after a quick start, then wait a day; the window ends it at
    // 3 days (the last step is cut to where it ends): 11 attempts.
    RetryPolicy p;
    p.preset = QStringLiteral("stripe");
    p.stepsMs = { 0, 1 * Minute, 5 * Minute, 30 * Minute, 1 * Hour, 2 * Hour, 4 * Hour, 8 * Hour, 16 * Hour,
        24 * Hour, 24 * Hour };
    p.windowMs = 3 * Day;
    return p;
}

QStringList RetryPolicy::presetNames()
{
    return { QStringLiteral("launchpad"), QStringLiteral("launchpad-current"),
        QStringLiteral("standard-webhooks"), QStringLiteral("stripe"), QStringLiteral("none") };
}

Result<RetryPolicy> RetryPolicy::fromPreset(const QString &name)
{
    // "seed": the launchpad preset's name before profiles, still in older rows and scripts.
    if (name == QLatin1String("launchpad") || name == QLatin1String("seed"))
        return launchpad();
    if (name == QLatin1String("launchpad-current"))
        return launchpadCurrent();
    if (name == QLatin1String("standard-webhooks"))
        return standardWebhooks();
    if (name == QLatin1String("stripe"))
        return stripe();
    if (name == QLatin1String("none"))
        return none();
    return Result<RetryPolicy>::failure(QStringLiteral("unknown retry preset \"%1\" (choose %2)")
                                            .arg(name, presetNames().join(QLatin1String(", "))));
}

bool RetryPolicy::isCustom() const
{
    const auto base = fromPreset(preset);
    return !base || !(base.value() == *this);
}

std::optional<qint64> RetryPolicy::delayAfter(qint64 elapsedMs, int attemptNumber) const
{
    if (isStepped()) {
        if (attemptNumber < 1 || attemptNumber >= stepsMs.size())
            return std::nullopt;
        return stepsMs.at(attemptNumber);
    }
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

std::optional<TimeMs> RetryPolicy::nextAttempt(const Failure &failure, double jitterUnit) const
{
    // As in Launchpad's WebhookDeliveryJob: the window and a tier's delay are both measured
    // from the first attempt to now (the end of this attempt), and the retry is due a delay
    // later. A stepped schedule counts attempts instead, and ends where its window does.
    const qint64 elapsed = failure.attemptEnd - failure.firstAttempt;
    const qint64 window = windowFor(failure.httpStatus);
    if (elapsed >= window)
        return std::nullopt;
    const auto delay = delayAfter(elapsed, failure.attemptNumber);
    if (!delay)
        return std::nullopt;
    const TimeMs windowEnd = failure.firstAttempt + window;
    const bool asked = failure.httpStatus == 429 || failure.httpStatus == 503;
    // At least a second: a receiver answering "Retry-After: 0" to every attempt is not
    // hammered in a loop for the whole window.
    if (honourRetryAfter && asked && failure.retryAfterMs)
        return qMin(failure.attemptEnd + qMax(MinRetryAfterMs, *failure.retryAfterMs), windowEnd);
    qint64 jittered = *delay;
    if (jitter > 0) {
        const double shift = jitter * (2 * qBound(0.0, jitterUnit, 1.0) - 1);
        jittered = qMax<qint64>(0, qint64(std::llround(double(*delay) * (1 + shift))));
    }
    const TimeMs next = failure.attemptEnd + jittered;
    return isStepped() ? qMin(next, windowEnd) : next;
}

std::optional<TimeMs> RetryPolicy::nextAttempt(TimeMs firstAttempt, TimeMs attemptEnd, int httpStatus) const
{
    Failure failure;
    failure.firstAttempt = firstAttempt;
    failure.attemptEnd = attemptEnd;
    failure.httpStatus = httpStatus;
    return nextAttempt(failure);
}

QList<TimeMs> RetryPolicy::projectedAttempts(
    TimeMs firstAttempt, TimeMs next, int limit, int httpStatus, int nextNumber) const
{
    QList<TimeMs> times;
    Failure failure;
    failure.firstAttempt = firstAttempt;
    failure.httpStatus = httpStatus;
    failure.attemptEnd = next;
    failure.attemptNumber = nextNumber;
    while (times.size() < limit) {
        times.append(failure.attemptEnd);
        const auto after = nextAttempt(failure);
        if (!after)
            break;
        failure.attemptEnd = *after;
        ++failure.attemptNumber;
    }
    return times;
}

QString RetryPolicy::describe() const
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("RetryPolicy", text); };
    if (windowMs <= 0 || (isStepped() && stepsMs.size() < 2))
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
    if (isStepped()) {
        QStringList delays;
        for (qsizetype i = 1; i < stepsMs.size(); ++i)
            delays << Duration::describe(stepsMs.at(i));
        // The delays listed say how many retries there are: no count, no plural to get wrong
        // where no translation is installed (the command line).
        text = tr("Retries after %1, at most until %2 after the first attempt")
                   .arg(QLocale().createSeparatedList(delays), Duration::describe(windowMs));
    } else {
        if (firstPeriodMs > 0 && firstPeriodMs < earlyPeriodMs)
            text = tr("Retries %1 for %2, %3 until %4, then %5")
                       .arg(every(firstDelayMs), firstFor(firstPeriodMs), every(earlyDelayMs),
                           Duration::describe(earlyPeriodMs), every(lateDelayMs));
        else if (earlyPeriodMs > 0 && earlyDelayMs != lateDelayMs && earlyPeriodMs < windowMs)
            text = tr("Retries %1 for %2, then %3")
                       .arg(every(earlyDelayMs), firstFor(earlyPeriodMs), every(lateDelayMs));
        else
            text = tr("Retries %1").arg(every(lateDelayMs));
        text += tr(", until %1 after the first attempt").arg(Duration::describe(windowMs));
    }
    if (nonServerErrorWindowMs && *nonServerErrorWindowMs < windowMs)
        text += tr(" (%1 for HTTP errors other than 5xx)").arg(Duration::describe(*nonServerErrorWindowMs));
    text += QLatin1Char('.');
    if (jitter > 0)
        text += QLatin1Char(' ') + tr("Each delay varies by up to ±%1 %.").arg(std::lround(jitter * 100));
    if (honourRetryAfter)
        text += QLatin1Char(' ')
            + tr("A 429 or 503 with Retry-After is retried when the receiver asks, within the window.");
    return text;
}

namespace {
const QString KeyPreset = QStringLiteral("preset");
const QString KeyWindow = QStringLiteral("window_ms");
const QString KeyOtherWindow = QStringLiteral("non_server_error_window_ms");
const QString KeyFirstDelay = QStringLiteral("first_delay_ms");
const QString KeyFirstPeriod = QStringLiteral("first_period_ms");
const QString KeyEarlyDelay = QStringLiteral("early_delay_ms");
const QString KeyEarlyPeriod = QStringLiteral("early_period_ms");
const QString KeyLateDelay = QStringLiteral("late_delay_ms");
const QString KeySteps = QStringLiteral("steps_ms");
const QString KeyJitter = QStringLiteral("jitter");
const QString KeyRetryAfter = QStringLiteral("honour_retry_after");
} // namespace

QJsonObject RetryPolicy::toJson() const
{
    QJsonObject o { { KeyPreset, preset }, { KeyWindow, windowMs }, { KeyJitter, jitter },
        { KeyRetryAfter, honourRetryAfter } };
    if (nonServerErrorWindowMs)
        o.insert(KeyOtherWindow, *nonServerErrorWindowMs);
    // Every value, the tiers of a stepped schedule too: what the dialog shows when the steps go.
    QJsonArray steps;
    for (qint64 step : stepsMs)
        steps.append(step);
    o.insert(KeySteps, steps);
    o.insert(KeyFirstDelay, firstDelayMs);
    o.insert(KeyFirstPeriod, firstPeriodMs);
    o.insert(KeyEarlyDelay, earlyDelayMs);
    o.insert(KeyEarlyPeriod, earlyPeriodMs);
    o.insert(KeyLateDelay, lateDelayMs);
    return o;
}

Result<RetryPolicy> RetryPolicy::fromJson(const QJsonObject &json)
{
    // Every value not given stays its preset's: a schedule written by an older Hookwatch
    // reads as it was meant.
    const auto base = fromPreset(json.value(KeyPreset).toString(QStringLiteral("launchpad")));
    if (!base)
        return Result<RetryPolicy>::failure(base.error());
    RetryPolicy p = base.value();
    const auto ms = [&json](const QString &key, qint64 fallback) {
        const QJsonValue v = json.value(key);
        return v.isDouble() ? qint64(v.toDouble()) : fallback;
    };
    p.windowMs = ms(KeyWindow, p.windowMs);
    if (json.contains(KeyOtherWindow))
        p.nonServerErrorWindowMs = ms(KeyOtherWindow, 0);
    else if (json.contains(KeyWindow))
        p.nonServerErrorWindowMs.reset();
    if (json.contains(KeySteps)) {
        p.stepsMs.clear();
        for (const QJsonValue &v : json.value(KeySteps).toArray())
            p.stepsMs.append(qint64(v.toDouble()));
    }
    p.firstDelayMs = ms(KeyFirstDelay, p.firstDelayMs);
    p.firstPeriodMs = ms(KeyFirstPeriod, p.firstPeriodMs);
    p.earlyDelayMs = ms(KeyEarlyDelay, p.earlyDelayMs);
    p.earlyPeriodMs = ms(KeyEarlyPeriod, p.earlyPeriodMs);
    p.lateDelayMs = ms(KeyLateDelay, p.lateDelayMs);
    p.jitter = json.value(KeyJitter).toDouble(p.jitter);
    p.honourRetryAfter = json.value(KeyRetryAfter).toBool(p.honourRetryAfter);
    if (Status s = p.check(); !s)
        return Result<RetryPolicy>::failure(s.error());
    return p;
}

Status RetryPolicy::check() const
{
    if (windowMs < 0)
        return Status::failure(QStringLiteral("the retry window cannot be negative"));
    if (!(jitter >= 0 && jitter < 1))
        return Status::failure(QStringLiteral("jitter is a fraction from 0 to less than 1 (0.2: ±20%)"));
    if (isStepped()) {
        if (stepsMs.first() != 0)
            return Status::failure(QStringLiteral(
                "the first retry step is the first attempt, sent at once: start the steps with 0"));
        for (qsizetype i = 1; i < stepsMs.size(); ++i) {
            if (stepsMs.at(i) <= 0)
                return Status::failure(
                    QStringLiteral("every retry step after the first must be more than 0s"));
        }
        return {};
    }
    if (earlyDelayMs <= 0 || lateDelayMs <= 0 || (firstPeriodMs > 0 && firstDelayMs <= 0))
        return Status::failure(QStringLiteral("a retry delay must be more than 0s"));
    return {};
}

Result<QList<qint64>> RetryPolicy::parseSteps(const QString &text)
{
    using R = Result<QList<qint64>>;
    QList<qint64> steps;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &part : parts) {
        const QString step = part.trimmed();
        // A bare 0 reads as "immediately", as the Standard Webhooks table writes it.
        if (step == QLatin1String("0")) {
            steps.append(0);
            continue;
        }
        const auto d = Duration::parse(step);
        if (!d)
            return R::failure(QStringLiteral("the retry step \"%1\" is not a duration: give the steps as "
                                             "0,5s,5m,30m,2h (the first is the first attempt, 0)")
                                  .arg(step));
        steps.append(d.value());
    }
    RetryPolicy probe;
    probe.stepsMs = steps;
    if (Status s = probe.check(); !s)
        return R::failure(s.error());
    return steps;
}

QString RetryPolicy::formatSteps(const QList<qint64> &stepsMs)
{
    QStringList parts;
    for (qint64 step : stepsMs)
        parts << (step == 0 ? QStringLiteral("0") : Duration::format(step));
    return parts.join(QLatin1Char(','));
}

std::optional<qint64> RetryPolicy::parseRetryAfter(const QByteArray &value, TimeMs now)
{
    const QByteArray trimmed = value.trimmed();
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(seconds * Second) : std::nullopt;
    // An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT" (IMF-fixdate; Qt 6.4's RFC 2822 parser
    // refuses "GMT"), or an RFC 2822 date with a numeric zone.
    const QString text = QString::fromLatin1(trimmed);
    QDateTime at = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (at.isValid())
        at.setTimeSpec(Qt::UTC);
    else
        at = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!at.isValid())
        return std::nullopt;
    return qMax<qint64>(0, at.toMSecsSinceEpoch() - now);
}

bool RetryPolicy::operator==(const RetryPolicy &o) const
{
    // Qt 6.4 compares two empty lists with memcmp(nullptr, …, 0) when only one of them has a
    // buffer, which UBSan reports: equal sizes of 0 are equal without it.
    const bool sameSteps = stepsMs.size() == o.stepsMs.size() && (stepsMs.isEmpty() || stepsMs == o.stepsMs);
    return preset == o.preset && windowMs == o.windowMs && earlyDelayMs == o.earlyDelayMs
        && earlyPeriodMs == o.earlyPeriodMs && lateDelayMs == o.lateDelayMs && firstDelayMs == o.firstDelayMs
        && firstPeriodMs == o.firstPeriodMs && nonServerErrorWindowMs == o.nonServerErrorWindowMs
        && sameSteps && jitter == o.jitter && honourRetryAfter == o.honourRetryAfter;
}
