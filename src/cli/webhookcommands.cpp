// webhook add, edit, list, show and rm.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "duration.h"
#include "jobstore.h"
#include "jsonoutput.h"
#include "profiles.h"
#include "timeformat.h"
#include "validation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace Cli {

namespace {

// The retry schedule's options beyond the preset's tiers: steps, jitter, Retry-After and the
// window of HTTP errors other than 5xx.
void addRetryScheduleOptions(Command &c)
{
    c.add(QStringLiteral("retry-steps"),
        QStringLiteral("Retry on steps by attempt instead of tiers: the delay after each attempt, the first "
                       "attempt's 0 first (e.g. 0,5s,5m,30m,2h; none: back to tiers)."),
        QStringLiteral("LIST"));
    c.add(QStringLiteral("jitter"),
        QStringLiteral("Vary each retry delay by up to this fraction either way (0.2: ±20%; 0: none)."),
        QStringLiteral("F"));
    c.add(QStringLiteral("retry-after"),
        QStringLiteral("honour: retry a 429 or 503 when its Retry-After asks, within the window; ignore: "
                       "keep to the schedule."),
        QStringLiteral("honour|ignore"));
    c.add(QStringLiteral("retry-window-other"),
        QStringLiteral("Retry HTTP errors other than 5xx only until this long after the first attempt "
                       "(none: as long as the window)."),
        QStringLiteral("D"));
}

Status applyRetryScheduleOptions(const Command &c, RetryPolicy &p)
{
    const auto invalid = [](const QString &message) { return Status::failure(message, ErrorKind::Invalid); };
    const bool tiersGiven = c.isSet(QStringLiteral("retry-early-delay"))
        || c.isSet(QStringLiteral("retry-early-period")) || c.isSet(QStringLiteral("retry-late-delay"));
    if (c.isSet(QStringLiteral("retry-steps"))) {
        const QString text = c.value(QStringLiteral("retry-steps"));
        if (text == QLatin1String("none")) {
            p.stepsMs.clear();
        } else {
            if (tiersGiven)
                return invalid(QStringLiteral(
                    "give --retry-steps or the early and late delays, not both: steps replace the tiers"));
            const auto steps = RetryPolicy::parseSteps(text);
            if (!steps)
                return invalid(steps.error());
            p.stepsMs = steps.value();
        }
    } else if (tiersGiven) {
        p.stepsMs.clear(); // tiers given for a stepped schedule make it tiered
    }
    if (c.isSet(QStringLiteral("jitter"))) {
        bool ok = false;
        const double jitter = c.value(QStringLiteral("jitter")).toDouble(&ok);
        if (!ok || !(jitter >= 0 && jitter < 1))
            return invalid(
                QStringLiteral("--jitter is a fraction from 0 to less than 1 (0.2: ±20%), not \"%1\"")
                    .arg(c.value(QStringLiteral("jitter"))));
        p.jitter = jitter;
    }
    if (c.isSet(QStringLiteral("retry-after"))) {
        const QString value = c.value(QStringLiteral("retry-after"));
        if (value != QLatin1String("honour") && value != QLatin1String("ignore"))
            return invalid(QStringLiteral("--retry-after is honour or ignore, not \"%1\"").arg(value));
        p.honourRetryAfter = value == QLatin1String("honour");
    }
    if (c.isSet(QStringLiteral("retry-window-other"))) {
        if (c.value(QStringLiteral("retry-window-other")) == QLatin1String("none")) {
            p.nonServerErrorWindowMs.reset();
        } else {
            auto d = parseDurationOption(c, QStringLiteral("retry-window-other"));
            if (!d)
                return invalid(d.error());
            p.nonServerErrorWindowMs = d.value();
        }
    }
    if (Status s = p.check(); !s)
        return invalid(s.error());
    return {};
}

void addWebhookOptions(Command &c)
{
    c.add(QStringLiteral("profile"),
        QStringLiteral(
            "Send as this platform does: %1 (see 'hookwatch profiles'). Sets the profile's timeout "
            "and retry schedule unless given too.")
            .arg(Profiles::names().join(QLatin1String(", "))),
        QStringLiteral("NAME"));
    c.add(QStringLiteral("secret"),
        QStringLiteral("Sign every request with this secret, as the profile signs."), QStringLiteral("S"));
    c.add(QStringLiteral("secret-file"), QStringLiteral("Read the secret from a file."), QStringLiteral("F"));
    c.add(QStringLiteral("event-type"), QStringLiteral("Subscribe to an event type (repeatable)."),
        QStringLiteral("T"));
    c.add(QStringLiteral("header"), QStringLiteral("Send this header with every request (repeatable)."),
        QStringLiteral("'Name: value'"));
    c.add(QStringLiteral("inactive"), QStringLiteral("Create or set the webhook inactive."));
    c.add(QStringLiteral("timeout"),
        QStringLiteral("Request timeout (default: the profile's, 30s for launchpad)."), QStringLiteral("D"));
    c.add(QStringLiteral("retry-preset"),
        QStringLiteral("Retry schedule: %1 (default: the profile's; seed is launchpad's old name).")
            .arg(RetryPolicy::presetNames().join(QLatin1String(", "))),
        QStringLiteral("NAME"));
    c.add(QStringLiteral("retry-window"),
        QStringLiteral("Retry until this long after the first attempt (0s: never)."), QStringLiteral("D"));
    c.add(QStringLiteral("retry-early-delay"), QStringLiteral("Delay between retries early on."),
        QStringLiteral("D"));
    c.add(QStringLiteral("retry-early-period"), QStringLiteral("How long the early delay applies."),
        QStringLiteral("D"));
    c.add(QStringLiteral("retry-late-delay"), QStringLiteral("Delay between retries after that."),
        QStringLiteral("D"));
    addRetryScheduleOptions(c);
    c.add(QStringLiteral("trust-self-signed"), QStringLiteral("Accept a self-signed TLS certificate."));
    c.add(QStringLiteral("max-in-flight"),
        QStringLiteral("At most N requests to this webhook at once, across every worker (0: no limit of its "
                       "own; each worker's --concurrency)."),
        QStringLiteral("N"));
    c.add(QStringLiteral("auto-disable-after"),
        QStringLiteral("Pause this webhook when it has answered nothing but failures for D (e.g. 3d; off: "
                       "never, the default). `resume` sends what was held."),
        QStringLiteral("D"));
}

// Applies the options shared by `webhook add` and `webhook edit` to `w`.
Status applyWebhookOptions(const Command &c, Webhook &w)
{
    if (c.isSet(QStringLiteral("secret")) && c.isSet(QStringLiteral("secret-file")))
        return Status::failure(
            QStringLiteral("give --secret or --secret-file, not both"), ErrorKind::Invalid);
    if (c.isSet(QStringLiteral("profile"))) {
        const auto profile = Profiles::parse(c.value(QStringLiteral("profile")));
        if (!profile)
            return Status::failure(profile.error(), ErrorKind::Invalid);
        if (profile.value() != w.profile) {
            // A new profile brings its platform's timeout and schedule; options given with it win.
            w.profile = profile.value();
            w.timeoutMs = Profiles::defaultTimeoutMs(w.profile);
            w.retryPolicy = Profiles::defaultRetryPolicy(w.profile);
        }
    }
    if (c.isSet(QStringLiteral("secret"))) {
        const QString secret = c.value(QStringLiteral("secret"));
        if (Status s = Validation::secret(secret); !s)
            return Status::failure(s.error(), ErrorKind::Invalid);
        w.secret = secret;
    }
    if (c.isSet(QStringLiteral("secret-file"))) {
        QFile file(c.value(QStringLiteral("secret-file")));
        if (!file.open(QIODevice::ReadOnly))
            return Status::failure(
                QStringLiteral("cannot read the secret file %1: %2").arg(file.fileName(), file.errorString()),
                ErrorKind::Invalid);
        QString secret = QString::fromUtf8(file.read(64 * 1024));
        while (secret.endsWith(QLatin1Char('\n')) || secret.endsWith(QLatin1Char('\r')))
            secret.chop(1);
        if (Status s = Validation::secret(secret); !s)
            return Status::failure(s.error(), ErrorKind::Invalid);
        w.secret = secret;
    }
    if (c.isSet(QStringLiteral("event-type"))) {
        QStringList types;
        for (const QString &t : c.values(QStringLiteral("event-type"))) {
            if (Status s = Validation::eventType(t); !s)
                return Status::failure(s.error(), ErrorKind::Invalid);
            if (!types.contains(t))
                types << t;
        }
        w.eventTypes = types;
    }
    if (c.isSet(QStringLiteral("header"))) {
        HeaderList headers;
        for (const QString &h : c.values(QStringLiteral("header"))) {
            auto parsed = Validation::header(h);
            if (!parsed)
                return Status::failure(parsed.error(), ErrorKind::Invalid);
            headers.append(parsed.value());
        }
        w.headers = headers;
    }
    if (c.isSet(QStringLiteral("inactive")))
        w.active = false;
    if (c.isSet(QStringLiteral("timeout"))) {
        auto t = parseDurationOption(c, QStringLiteral("timeout"));
        if (!t)
            return Status::failure(t.error(), ErrorKind::Invalid);
        if (Status s = Validation::timeout(t.value()); !s)
            return Status::failure(s.error(), ErrorKind::Invalid);
        w.timeoutMs = t.value();
    }
    if (c.isSet(QStringLiteral("retry-preset"))) {
        auto preset = RetryPolicy::fromPreset(c.value(QStringLiteral("retry-preset")));
        if (!preset)
            return Status::failure(preset.error(), ErrorKind::Invalid);
        w.retryPolicy = preset.value();
    }
    const struct
    {
        const char *option;
        qint64 RetryPolicy::*field;
    } overrides[] = {
        { "retry-window", &RetryPolicy::windowMs },
        { "retry-early-delay", &RetryPolicy::earlyDelayMs },
        { "retry-early-period", &RetryPolicy::earlyPeriodMs },
        { "retry-late-delay", &RetryPolicy::lateDelayMs },
    };
    for (const auto &o : overrides) {
        const QString option = QLatin1String(o.option);
        if (!c.isSet(option))
            continue;
        auto d = parseDurationOption(c, option);
        if (!d)
            return Status::failure(d.error(), ErrorKind::Invalid);
        if (d.value() <= 0 && o.field != &RetryPolicy::windowMs && o.field != &RetryPolicy::earlyPeriodMs)
            return Status::failure(
                QStringLiteral("--%1 must be more than 0s").arg(option), ErrorKind::Invalid);
        w.retryPolicy.*(o.field) = d.value();
    }
    if (Status s = applyRetryScheduleOptions(c, w.retryPolicy); !s)
        return s;
    if (w.hasSecret()) {
        // Checked against the profile it will sign for, the new one when both change.
        if (Status s = Profiles::checkSecret(w.profile, *w.secret); !s)
            return Status::failure(s.error(), ErrorKind::Invalid);
    }
    if (c.isSet(QStringLiteral("trust-self-signed")))
        w.trustSelfSigned = true;
    if (c.isSet(QStringLiteral("max-in-flight"))) {
        bool ok = false;
        const int n = c.value(QStringLiteral("max-in-flight")).toInt(&ok);
        if (!ok || n < 0 || n > 1000)
            return Status::failure(
                QStringLiteral("--max-in-flight takes a number from 0 (no limit of its own) to 1000"),
                ErrorKind::Invalid);
        w.maxInFlight = n;
    }
    if (c.isSet(QStringLiteral("auto-disable-after"))) {
        if (c.value(QStringLiteral("auto-disable-after")) == QLatin1String("off")) {
            w.autoDisableAfterMs = 0;
        } else {
            auto d = parseDurationOption(c, QStringLiteral("auto-disable-after"));
            if (!d)
                return Status::failure(d.error(), ErrorKind::Invalid);
            if (d.value() < 60 * 1000)
                return Status::failure(
                    QStringLiteral("--auto-disable-after takes a duration of at least 1m, or off"),
                    ErrorKind::Invalid);
            w.autoDisableAfterMs = d.value();
        }
    }
    return {};
}

int webhookAdd(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("webhook add"), QStringLiteral("webhook add URL [options]"));
    addWebhookOptions(c);
    c.addPositional(QStringLiteral("URL"), QStringLiteral("Where to POST deliveries (http or https)."));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (c.positional().size() != 1)
        return usageError(QStringLiteral("webhook add: give exactly one URL"));
    Webhook w;
    w.deliveryUrl = c.positional().first();
    if (Status s = Validation::deliveryUrl(w.deliveryUrl); !s)
        return usageError(s.error());
    if (Status s = applyWebhookOptions(c, w); !s)
        return failWith(s);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto id = store.value()->addWebhook(w);
    if (!id)
        return failWith(id);
    out() << id.value() << Qt::endl;
    return Success;
}

int webhookEdit(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("webhook edit"), QStringLiteral("webhook edit ID [options]"));
    addWebhookOptions(c);
    c.add(QStringLiteral("url"), QStringLiteral("The new delivery URL."), QStringLiteral("URL"));
    c.add(QStringLiteral("no-secret"), QStringLiteral("Remove the secret."));
    c.add(QStringLiteral("rotate-secret"),
        QStringLiteral("Sign with this new secret, and with the current one too until --keep-previous-for "
                       "has passed (standard-webhooks and stripe send both signatures)."),
        QStringLiteral("S"));
    c.add(QStringLiteral("keep-previous-for"),
        QStringLiteral("How long the previous secret stays valid after --rotate-secret (default 1d)."),
        QStringLiteral("D"));
    c.add(QStringLiteral("active"), QStringLiteral("Set the webhook active."));
    c.add(QStringLiteral("no-event-types"), QStringLiteral("Remove every event type."));
    c.add(QStringLiteral("no-headers"), QStringLiteral("Remove every custom header."));
    c.add(QStringLiteral("no-trust-self-signed"), QStringLiteral("Verify TLS certificates again."));
    c.addPositional(QStringLiteral("ID"), QStringLiteral("The webhook."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "webhook");
    if (!id)
        return failWith(id);
    const auto conflict = [&c](const char *a, const char *b) {
        return c.isSet(QLatin1String(a)) && c.isSet(QLatin1String(b));
    };
    if (conflict("active", "inactive"))
        return usageError(QStringLiteral("give --active or --inactive, not both"));
    if (conflict("no-secret", "secret") || conflict("no-secret", "secret-file"))
        return usageError(QStringLiteral("give --no-secret or a new secret, not both"));
    if (conflict("rotate-secret", "secret") || conflict("rotate-secret", "secret-file")
        || conflict("rotate-secret", "no-secret"))
        return usageError(QStringLiteral("give --rotate-secret or another secret option, not both"));
    if (c.isSet(QStringLiteral("keep-previous-for")) && !c.isSet(QStringLiteral("rotate-secret")))
        return usageError(QStringLiteral("--keep-previous-for goes with --rotate-secret"));
    const bool rotate = c.isSet(QStringLiteral("rotate-secret"));
    const QString rotatedSecret = c.value(QStringLiteral("rotate-secret"));
    qint64 keepPreviousMs = 24 * RetryPolicy::Hour;
    if (rotate) {
        if (rotatedSecret.isEmpty())
            return usageError(QStringLiteral("--rotate-secret needs the new secret; --no-secret removes it"));
        if (Status s = Validation::secret(rotatedSecret); !s)
            return usageError(s.error());
        if (c.isSet(QStringLiteral("keep-previous-for"))) {
            auto d = parseDurationOption(c, QStringLiteral("keep-previous-for"));
            if (!d)
                return failWith(d);
            keepPreviousMs = d.value();
        }
    }
    if (conflict("no-event-types", "event-type"))
        return usageError(QStringLiteral("give --no-event-types or --event-type, not both"));
    if (conflict("no-headers", "header"))
        return usageError(QStringLiteral("give --no-headers or --header, not both"));
    if (c.isSet(QStringLiteral("url"))) {
        if (Status s = Validation::deliveryUrl(c.value(QStringLiteral("url"))); !s)
            return usageError(s.error());
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto w = store.value()->webhook(id.value());
    if (!w)
        return failWith(w);
    Webhook edited = w.value();
    if (c.isSet(QStringLiteral("url")))
        edited.deliveryUrl = c.value(QStringLiteral("url"));
    if (c.isSet(QStringLiteral("no-secret")))
        edited.secret.reset();
    if (c.isSet(QStringLiteral("active")))
        edited.active = true;
    if (c.isSet(QStringLiteral("no-event-types")))
        edited.eventTypes.clear();
    if (c.isSet(QStringLiteral("no-headers")))
        edited.headers.clear();
    if (c.isSet(QStringLiteral("no-trust-self-signed")))
        edited.trustSelfSigned = false;
    if (Status s = applyWebhookOptions(c, edited); !s)
        return failWith(s);
    if (rotate) {
        if (Status s = Profiles::checkSecret(edited.profile, rotatedSecret); !s)
            return usageError(s.error());
    }
    if (Status s = store.value()->updateWebhook(edited); !s)
        return failWith(s);
    if (rotate) {
        const TimeMs until = store.value()->now() + keepPreviousMs;
        if (Status s = store.value()->rotateSecret(edited.id, rotatedSecret, until); !s)
            return failWith(s);
        // What the receiver will see, in one line.
        if (!edited.hasSecret())
            err() << "webhook " << edited.id << " had no secret: there is none to keep; requests are signed "
                  << "with the new one" << Qt::endl;
        else if (Profiles::signsWithSeveralSecrets(edited.profile))
            err() << "requests are signed with the new and the previous secret until "
                  << TimeFormat::iso(until) << ", then with the new one alone" << Qt::endl;
        else
            err() << edited.profile << " sends one signature: requests are signed with the new secret from "
                  << "now on (the previous one is kept until " << TimeFormat::iso(until)
                  << " but not sent); update the receiver now" << Qt::endl;
    }
    return Success;
}

QString webhookLine(const Webhook &w)
{
    return QStringLiteral("%1\t%2\t%3\t%4")
        .arg(w.id)
        .arg(w.active ? QStringLiteral("active") : QStringLiteral("inactive"))
        .arg(Validation::maskedUrl(w.deliveryUrl))
        .arg(w.eventTypes.isEmpty() ? QStringLiteral("-") : w.eventTypes.join(QLatin1Char(',')));
}

int webhookList(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("webhook list"), QStringLiteral("webhook list [--json]"));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(
            QStringLiteral("webhook list: unexpected argument \"%1\"").arg(c.positional().first()));
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto hooks = store.value()->webhooks();
    if (!hooks)
        return failWith(hooks);
    if (c.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Webhook &w : hooks.value())
            array.append(JsonOutput::webhook(w));
        printJson(array);
        return Success;
    }
    if (hooks->isEmpty()) {
        err() << "No webhooks yet. Add one with: hookwatch webhook add URL" << Qt::endl;
        return Success;
    }
    out() << "ID\tSTATE\tURL\tEVENT TYPES\n";
    for (const Webhook &w : hooks.value())
        out() << webhookLine(w) << '\n';
    out().flush();
    return Success;
}

int webhookShow(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("webhook show"), QStringLiteral("webhook show ID [--json]"));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "webhook");
    if (!id)
        return failWith(id);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto w = store.value()->webhook(id.value());
    if (!w)
        return failWith(w);
    if (c.isSet(QStringLiteral("json"))) {
        printJson(JsonOutput::webhook(w.value()));
        return Success;
    }
    const Webhook &h = w.value();
    out() << "Webhook " << h.id << "\n"
          << "  URL:          " << Validation::maskedUrl(h.deliveryUrl) << "\n"
          << "  Active:       " << (h.active ? "yes" : "no") << "\n"
          << "  Profile:      " << h.profile << "\n"
          << "  Secret:       " << (h.hasSecret() ? "set" : "none") << "\n"
          << (h.previousSecret && h.previousSecretUntil
                     ? QStringLiteral("  Previous:     kept until %1 (%2)\n")
                           .arg(TimeFormat::iso(*h.previousSecretUntil),
                               Profiles::signsWithSeveralSecrets(h.profile)
                                   ? QStringLiteral("signed with too until then")
                                   : QStringLiteral("not sent: %1 sends one signature").arg(h.profile))
                     : QString())
          << "  Event types:  "
          << (h.eventTypes.isEmpty() ? QStringLiteral("none") : h.eventTypes.join(QStringLiteral(", ")))
          << "\n"
          << "  Timeout:      " << Duration::format(h.timeoutMs) << "\n"
          << "  Retries:      " << h.retryPolicy.describe() << " ("
          << (h.retryPolicy.isCustom() ? QStringLiteral("custom, from preset %1")
                                       : QStringLiteral("preset %1"))
                 .arg(h.retryPolicy.preset)
          << ")\n";
    for (const auto &header : h.headers)
        out() << "  Header:       " << QString::fromLatin1(header.first) << ": "
              << QString::fromUtf8(Validation::maskedHeaderValue(header.first, header.second)) << "\n";
    if (h.trustSelfSigned)
        out() << "  TLS:          trusts self-signed certificates\n";
    if (h.maxInFlight > 0)
        out() << "  In flight:    at most " << h.maxInFlight << " at once, across every worker\n";
    if (h.autoDisableAfterMs > 0)
        out() << "  Auto-disable: after " << Duration::format(h.autoDisableAfterMs)
              << " of nothing but failures\n";
    if (h.failingSince)
        out() << "  Failing:      every attempt since " << TimeFormat::iso(*h.failingSince) << "\n";
    if (h.autoPausedAt)
        out() << "  Paused:       since " << TimeFormat::iso(*h.autoPausedAt) << ", after "
              << Duration::format(h.autoDisableAfterMs) << " of failures (`hookwatch resume " << h.id
              << "` sends what was held)\n";
    else if (h.pausedAt)
        out() << "  Paused:       since " << TimeFormat::iso(*h.pausedAt) << "\n";
    out() << "  Created:      " << TimeFormat::iso(h.dateCreated) << "\n"
          << "  Modified:     " << TimeFormat::iso(h.dateLastModified) << Qt::endl;
    return Success;
}

int webhookRemove(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("webhook rm"), QStringLiteral("webhook rm ID"));
    return actOnId(inv, c, args, "webhook", [](JobStore &store, qint64 id) {
        if (Status s = store.removeWebhook(id); !s)
            return failWith(s);
        return int(Success);
    });
}

} // namespace

int profilesCommand(const Invocation &, const QStringList &args)
{
    Command c(QStringLiteral("profiles"), QStringLiteral("profiles [--json]"));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("profiles: unexpected argument \"%1\"").arg(c.positional().first()));
    if (c.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const QString &name : Profiles::names()) {
            const RetryPolicy policy = Profiles::defaultRetryPolicy(name);
            array.append(QJsonObject { { QStringLiteral("name"), name },
                { QStringLiteral("headers"), Profiles::headersSummary(name) },
                { QStringLiteral("timeout_ms"), Profiles::defaultTimeoutMs(name) },
                { QStringLiteral("retry_preset"), policy.preset },
                { QStringLiteral("retries"), policy.describe() },
                { QStringLiteral("ping_event_type"), Profiles::pingEventType(name) } });
        }
        printJson(array);
        return Success;
    }
    for (const QString &name : Profiles::names()) {
        out() << name << (name == Profiles::Launchpad ? " (default)" : "") << "\n"
              << "  Headers: " << Profiles::headersSummary(name) << "\n"
              << "  Timeout: " << Duration::format(Profiles::defaultTimeoutMs(name)) << "\n"
              << "  Retries: " << Profiles::defaultRetryPolicy(name).describe() << "\n";
    }
    out().flush();
    return Success;
}

int webhookCommand(const Invocation &inv, const QStringList &args)
{
    // args: program, "webhook", action, …
    if (args.size() < 3 || args.at(2) == QLatin1String("--help") || args.at(2) == QLatin1String("-h")) {
        const bool help = args.size() >= 3;
        (help ? out() : err()) << "Usage: hookwatch webhook add|edit|list|show|rm …  (see 'hookwatch --help')"
                               << Qt::endl;
        return help ? Success : UsageError;
    }
    const QString action = args.at(2);
    QStringList rest = args;
    rest.removeAt(1); // the parser sees: program, options and positionals after the action
    rest.removeAt(1);
    if (action == QLatin1String("add"))
        return webhookAdd(inv, rest);
    if (action == QLatin1String("edit"))
        return webhookEdit(inv, rest);
    if (action == QLatin1String("list") || action == QLatin1String("ls"))
        return webhookList(inv, rest);
    if (action == QLatin1String("show"))
        return webhookShow(inv, rest);
    if (action == QLatin1String("rm") || action == QLatin1String("remove"))
        return webhookRemove(inv, rest);
    return usageError(
        QStringLiteral("webhook: unknown action \"%1\" (add, edit, list, show or rm)").arg(action));
}

} // namespace Cli
