#include "cli.h"

#ifndef HOOKWATCH_DELIVERY_IN_MODULE
#include "dispatcher.h"
#else
#include "modules.h"
#endif
#include "duration.h"
#include "jobstore.h"
#include "jsonoutput.h"
#include "storeresolver.h"
#include "timeformat.h"
#include "validation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#ifndef HOOKWATCH_DELIVERY_IN_MODULE
#include <QNetworkProxy>
#endif
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Cli {

namespace {

const QString Ping = QStringLiteral("ping");
// Launchpad's ping payload, byte for byte as Python's json.dumps writes it.
const QByteArray PingPayload = QByteArrayLiteral("{\"ping\": true}");

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(int code, const QString &message)
{
    err() << "hookwatch: " << message << Qt::endl;
    return code;
}

int usageError(const QString &message)
{
    return fail(UsageError, message);
}

int codeFor(ErrorKind kind)
{
    return kind == ErrorKind::Runtime ? RuntimeFailure : UsageError;
}

template<typename R>
int failWith(const R &result)
{
    return fail(codeFor(result.errorKind()), result.error());
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out() << doc.toJson(QJsonDocument::Indented);
    out().flush();
}

// A parser for one subcommand. parse(), not process(): every problem is exit 2 with one line.
struct Command
{
    QCommandLineParser parser;
    QString name;
    QString synopsis;

    Command(const QString &commandName, const QString &commandSynopsis) : name(commandName), synopsis(commandSynopsis)
    {
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
        parser.addOption(QCommandLineOption({ QStringLiteral("h"), QStringLiteral("help") },
                                            QStringLiteral("Show this help.")));
    }
    void add(const QString &option, const QString &description, const QString &valueName = QString())
    {
        parser.addOption(QCommandLineOption(option, description, valueName));
    }
    // Returns -1 to go on, or an exit code.
    int parse(const QStringList &args)
    {
        if (!parser.parse(args))
            return usageError(QStringLiteral("%1: %2 (see 'hookwatch %1 --help')").arg(name, parser.errorText()));
        if (parser.isSet(QStringLiteral("help"))) {
            out() << "Usage: hookwatch " << synopsis << "\n\n" << parser.helpText().section(QLatin1Char('\n'), 2);
            out().flush();
            return Success;
        }
        return -1;
    }
    bool isSet(const QString &o) const { return parser.isSet(o); }
    QString value(const QString &o) const { return parser.value(o); }
    QStringList values(const QString &o) const { return parser.values(o); }
    QStringList positional() const { return parser.positionalArguments(); }
};

Result<qint64> parseId(const QString &text, const char *what)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return Result<qint64>::failure(
                QStringLiteral("invalid %1 id \"%2\": expected a positive number").arg(QLatin1String(what), text.left(40)),
                ErrorKind::Invalid);
    return id;
}

// The one id a command takes as its positional argument.
Result<qint64> onlyId(const Command &c, const char *what)
{
    if (c.positional().size() != 1)
        return Result<qint64>::failure(
                QStringLiteral("%1: give exactly one %2 id").arg(c.name, QLatin1String(what)), ErrorKind::Invalid);
    return parseId(c.positional().first(), what);
}

Result<qint64> parseDurationOption(const Command &c, const QString &option)
{
    auto d = Duration::parse(c.value(option));
    if (!d)
        return Result<qint64>::failure(QStringLiteral("--%1: %2").arg(option, d.error()), ErrorKind::Invalid);
    return d;
}

Result<QByteArray> readPayload(const Command &c)
{
    using R = Result<QByteArray>;
    if (!c.isSet(QStringLiteral("payload")))
        return QByteArrayLiteral("{}");
    const QString source = c.value(QStringLiteral("payload"));
    QFile file;
    bool opened = false;
    if (source == QLatin1String("-"))
        opened = file.open(stdin, QIODevice::ReadOnly);
    else {
        file.setFileName(source);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return R::failure(QStringLiteral("cannot read the payload from %1: %2").arg(source, file.errorString()),
                          ErrorKind::Invalid);
    // Read until the end (a pipe delivers in pieces), but never more than one byte past the
    // limit of an oversized input.
    QByteArray bytes;
    while (bytes.size() <= Validation::MaxPayloadBytes) {
        const QByteArray chunk = file.read(Validation::MaxPayloadBytes + 1 - bytes.size());
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    if (file.error() != QFileDevice::NoError)
        return R::failure(QStringLiteral("cannot read the payload from %1: %2").arg(source, file.errorString()),
                          ErrorKind::Invalid);
    if (Status s = Validation::payload(bytes); !s)
        return R::failure(s.error(), ErrorKind::Invalid);
    return bytes;
}

Result<JobStore *> openStore(const Invocation &inv, std::unique_ptr<JobStore> &holder)
{
    auto config = StoreResolver::resolve(inv.db);
    if (!config)
        return Result<JobStore *>::failure(config.error(), ErrorKind::Invalid);
    holder = std::make_unique<JobStore>(config.value());
    if (Status s = holder->open(); !s)
        return Result<JobStore *>::failure(s.error(), ErrorKind::Runtime);
    return holder.get();
}

void addWebhookOptions(Command &c)
{
    c.add(QStringLiteral("secret"), QStringLiteral("Sign every request with this secret (X-Hub-Signature)."),
          QStringLiteral("S"));
    c.add(QStringLiteral("secret-file"), QStringLiteral("Read the secret from a file."), QStringLiteral("F"));
    c.add(QStringLiteral("event-type"), QStringLiteral("Subscribe to an event type (repeatable)."), QStringLiteral("T"));
    c.add(QStringLiteral("header"), QStringLiteral("Send this header with every request (repeatable)."),
          QStringLiteral("'Name: value'"));
    c.add(QStringLiteral("inactive"), QStringLiteral("Create or set the webhook inactive."));
    c.add(QStringLiteral("timeout"), QStringLiteral("Request timeout (default 30s)."), QStringLiteral("D"));
    c.add(QStringLiteral("retry-preset"),
          QStringLiteral("Retry schedule: seed (default) or launchpad-current."), QStringLiteral("NAME"));
    c.add(QStringLiteral("retry-window"), QStringLiteral("Retry until this long after the first attempt (0s: never)."),
          QStringLiteral("D"));
    c.add(QStringLiteral("retry-early-delay"), QStringLiteral("Delay between retries early on."), QStringLiteral("D"));
    c.add(QStringLiteral("retry-early-period"), QStringLiteral("How long the early delay applies."), QStringLiteral("D"));
    c.add(QStringLiteral("retry-late-delay"), QStringLiteral("Delay between retries after that."), QStringLiteral("D"));
    c.add(QStringLiteral("trust-self-signed"), QStringLiteral("Accept a self-signed TLS certificate."));
    c.add(QStringLiteral("max-in-flight"),
          QStringLiteral("At most N requests to this webhook at once, across every worker (0: no limit of its "
                         "own; each worker's --concurrency)."),
          QStringLiteral("N"));
}

// Applies the options shared by `webhook add` and `webhook edit` to `w`.
Status applyWebhookOptions(const Command &c, Webhook &w)
{
    if (c.isSet(QStringLiteral("secret")) && c.isSet(QStringLiteral("secret-file")))
        return Status::failure(QStringLiteral("give --secret or --secret-file, not both"), ErrorKind::Invalid);
    if (c.isSet(QStringLiteral("secret"))) {
        const QString secret = c.value(QStringLiteral("secret"));
        if (Status s = Validation::secret(secret); !s)
            return Status::failure(s.error(), ErrorKind::Invalid);
        w.secret = secret;
    }
    if (c.isSet(QStringLiteral("secret-file"))) {
        QFile file(c.value(QStringLiteral("secret-file")));
        if (!file.open(QIODevice::ReadOnly))
            return Status::failure(QStringLiteral("cannot read the secret file %1: %2")
                                           .arg(file.fileName(), file.errorString()),
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
    const struct { const char *option; qint64 RetryPolicy::*field; } overrides[] = {
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
            return Status::failure(QStringLiteral("--%1 must be more than 0s").arg(option), ErrorKind::Invalid);
        w.retryPolicy.*(o.field) = d.value();
    }
    if (c.isSet(QStringLiteral("trust-self-signed")))
        w.trustSelfSigned = true;
    if (c.isSet(QStringLiteral("max-in-flight"))) {
        bool ok = false;
        const int n = c.value(QStringLiteral("max-in-flight")).toInt(&ok);
        if (!ok || n < 0 || n > 1000)
            return Status::failure(QStringLiteral("--max-in-flight takes a number from 0 (no limit of its own) to 1000"),
                                   ErrorKind::Invalid);
        w.maxInFlight = n;
    }
    return {};
}

#ifndef HOOKWATCH_DELIVERY_IN_MODULE
QString describeOutcome(const Delivery &d)
{
    if (d.successful.value_or(false))
        return QStringLiteral("delivered");
    QString text = d.failureDetail;
    if (d.status == JobStatus::Waiting && d.scheduledStart)
        text += QStringLiteral("; Scheduling retry due to %1 at %2")
                        .arg(d.failureDetail, TimeFormat::iso(*d.scheduledStart));
    else if (d.status == JobStatus::Failed)
        text += QStringLiteral("; failed for good, not retried");
    else if (d.status == JobStatus::Suspended)
        text += QStringLiteral("; suspended");
    return text;
}
#endif

#ifdef HOOKWATCH_DELIVERY_IN_MODULE
// Delivering needs QtNetwork and its dozen libraries, which cost a command that only reads or
// writes the store a sixth of its run: this executable does not link them. The commands that
// deliver run from the hookwatch-deliver module instead, loaded when one of them is given.
template <typename Function>
Function deliveryEntry(const char *symbol)
{
    out().flush();
    err().flush();
    QString error;
    auto function = reinterpret_cast<Function>(Modules::resolve(QStringLiteral("hookwatch-deliver.so"), symbol, &error));
    if (!function)
        err() << "hookwatch: cannot deliver: " << error << Qt::endl;
    return function;
}

int attemptAndWait(const Invocation &inv, JobStore *, qint64 deliveryId)
{
    auto run = deliveryEntry<int (*)(const Invocation *, qint64)>("hookwatchAttemptNow");
    return run ? run(&inv, deliveryId) : RuntimeFailure;
}
#else
// Makes a delivery's next attempt now in this process; exit 0 if delivered, 3 if not.
int attemptAndWait(const Invocation &, JobStore *store, qint64 deliveryId)
{
    Dispatcher::Options options;
    options.watchChanges = false;
    Dispatcher dispatcher(store, options);
    int code = AttemptFailed;
    QObject::connect(&dispatcher, &Dispatcher::attemptRecorded, &dispatcher,
                     [&code, deliveryId](const Delivery &d, const Attempt &a) {
                         if (d.id != deliveryId)
                             return;
                         err() << TimeFormat::iso(a.dateSent) << " delivery " << d.id << " attempt " << a.number
                               << " " << a.request.url << " -> " << describeOutcome(d) << Qt::endl;
                         code = d.successful.value_or(false) ? Success : AttemptFailed;
                         QCoreApplication::exit(0);
                     });
    QObject::connect(&dispatcher, &Dispatcher::storeError, &dispatcher, [&code](const QString &message) {
        err() << "hookwatch: " << message << Qt::endl;
        code = RuntimeFailure;
        QCoreApplication::exit(0);
    });
    if (Status s = dispatcher.attemptNow(deliveryId); !s)
        return failWith(s);
    QCoreApplication::exec();
    return code;
}

#endif

// ---- webhook ----

int webhookAdd(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("webhook add"), QStringLiteral("webhook add URL [options]"));
    addWebhookOptions(c);
    c.parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("Where to POST deliveries (http or https)."));
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
    c.add(QStringLiteral("active"), QStringLiteral("Set the webhook active."));
    c.add(QStringLiteral("no-event-types"), QStringLiteral("Remove every event type."));
    c.add(QStringLiteral("no-headers"), QStringLiteral("Remove every custom header."));
    c.add(QStringLiteral("no-trust-self-signed"), QStringLiteral("Verify TLS certificates again."));
    c.parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The webhook."));
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
    if (Status s = store.value()->updateWebhook(edited); !s)
        return failWith(s);
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
        return usageError(QStringLiteral("webhook list: unexpected argument \"%1\"").arg(c.positional().first()));
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
          << "  Secret:       " << (h.hasSecret() ? "set" : "none") << "\n"
          << "  Event types:  " << (h.eventTypes.isEmpty() ? QStringLiteral("none") : h.eventTypes.join(QStringLiteral(", ")))
          << "\n"
          << "  Timeout:      " << Duration::format(h.timeoutMs) << "\n"
          << "  Retries:      " << h.retryPolicy.describe() << " (preset " << h.retryPolicy.preset << ")\n";
    for (const auto &header : h.headers)
        out() << "  Header:       " << QString::fromLatin1(header.first) << ": "
              << QString::fromUtf8(Validation::maskedHeaderValue(header.first, header.second)) << "\n";
    if (h.trustSelfSigned)
        out() << "  TLS:          trusts self-signed certificates\n";
    if (h.maxInFlight > 0)
        out() << "  In flight:    at most " << h.maxInFlight << " at once, across every worker\n";
    out() << "  Created:      " << TimeFormat::iso(h.dateCreated) << "\n"
          << "  Modified:     " << TimeFormat::iso(h.dateLastModified) << Qt::endl;
    return Success;
}

int webhookRemove(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("webhook rm"), QStringLiteral("webhook rm ID"));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "webhook");
    if (!id)
        return failWith(id);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    if (Status s = store.value()->removeWebhook(id.value()); !s)
        return failWith(s);
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
    return usageError(QStringLiteral("webhook: unknown action \"%1\" (add, edit, list, show or rm)").arg(action));
}

// ---- deliveries ----

int pingOrSend(const Invocation &inv, const QStringList &args, bool ping)
{
    Command c(ping ? QStringLiteral("ping") : QStringLiteral("send"),
              ping ? QStringLiteral("ping WEBHOOK_ID [--wait]")
                   : QStringLiteral("send WEBHOOK_ID --event-type T [--payload FILE|-] [--repeat N] [--wait]"));
    c.add(QStringLiteral("wait"), QStringLiteral("Make the attempt now and exit 0 if delivered, 3 if not."));
    if (!ping) {
        c.add(QStringLiteral("event-type"), QStringLiteral("The event type."), QStringLiteral("T"));
        c.add(QStringLiteral("payload"), QStringLiteral("JSON payload file, or - for stdin (default {})."),
              QStringLiteral("FILE"));
        c.add(QStringLiteral("repeat"), QStringLiteral("Queue N copies in one transaction (a load test)."),
              QStringLiteral("N"));
    }
    c.parser.addPositionalArgument(QStringLiteral("WEBHOOK_ID"), QStringLiteral("The webhook."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "webhook");
    if (!id)
        return failWith(id);
    QString eventType = Ping;
    QByteArray payload = PingPayload;
    int repeat = 1;
    if (!ping) {
        if (!c.isSet(QStringLiteral("event-type")))
            return usageError(QStringLiteral("send: --event-type is required"));
        eventType = c.value(QStringLiteral("event-type"));
        if (Status s = Validation::eventType(eventType); !s)
            return usageError(s.error());
        auto p = readPayload(c);
        if (!p)
            return failWith(p);
        payload = p.value();
        if (c.isSet(QStringLiteral("repeat"))) {
            bool ok = false;
            repeat = c.value(QStringLiteral("repeat")).toInt(&ok);
            if (!ok || repeat < 1 || repeat > 10'000'000)
                return usageError(QStringLiteral("send: --repeat takes a number from 1 to 10000000"));
            if (repeat > 1 && c.isSet(QStringLiteral("wait")))
                return usageError(QStringLiteral("send: --wait makes one attempt; it cannot go with --repeat"));
        }
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto ids = store.value()->createDeliveries(id.value(), eventType, payload, repeat);
    if (!ids)
        return failWith(ids);
    if (repeat == 1)
        out() << ids->first << Qt::endl;
    else
        out() << ids->first << '-' << ids->second << Qt::endl;
    if (c.isSet(QStringLiteral("wait")))
        return attemptAndWait(inv, store.value(), ids->first);
    return Success;
}

int emitCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("emit"), QStringLiteral("emit --event-type T [--payload FILE|-]"));
    c.add(QStringLiteral("event-type"), QStringLiteral("The event type."), QStringLiteral("T"));
    c.add(QStringLiteral("payload"), QStringLiteral("JSON payload file, or - for stdin (default {})."),
          QStringLiteral("FILE"));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("emit: unexpected argument \"%1\"").arg(c.positional().first()));
    if (!c.isSet(QStringLiteral("event-type")))
        return usageError(QStringLiteral("emit: --event-type is required"));
    const QString eventType = c.value(QStringLiteral("event-type"));
    if (Status s = Validation::eventType(eventType); !s)
        return usageError(s.error());
    auto payload = readPayload(c);
    if (!payload)
        return failWith(payload);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto ids = store.value()->emitEvent(eventType, payload.value());
    if (!ids)
        return failWith(ids);
    out() << ids->size() << Qt::endl;
    return Success;
}

QString deliveryLine(const Delivery &d)
{
    QString result;
    if (!d.successful)
        result = QStringLiteral("-");
    else if (*d.successful)
        result = d.lastStatusCode ? QString::number(*d.lastStatusCode) : QStringLiteral("ok");
    else
        result = d.failureDetail;
    const QString next = d.status == JobStatus::Waiting && d.scheduledStart ? TimeFormat::iso(*d.scheduledStart)
                                                                             : QStringLiteral("-");
    return QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\t%8")
            .arg(d.id)
            .arg(d.webhookId)
            .arg(JobStatusInfo::name(d.status), d.eventType, TimeFormat::iso(d.dateCreated))
            .arg(d.attemptCount)
            .arg(result, next);
}

int deliveriesCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("deliveries"),
              QStringLiteral("deliveries [--webhook ID] [--status S] [--event-type T] [--since TIME] [--until TIME] "
                             "[--limit N] [--json]"));
    c.add(QStringLiteral("webhook"), QStringLiteral("Only this webhook's deliveries."), QStringLiteral("ID"));
    c.add(QStringLiteral("status"), QStringLiteral("waiting, running, completed, failed or suspended."),
          QStringLiteral("S"));
    c.add(QStringLiteral("event-type"), QStringLiteral("Only this event type."), QStringLiteral("T"));
    c.add(QStringLiteral("since"), QStringLiteral("Created at or after this time (ISO 8601)."), QStringLiteral("TIME"));
    c.add(QStringLiteral("until"), QStringLiteral("Created before this time (ISO 8601)."), QStringLiteral("TIME"));
    c.add(QStringLiteral("limit"), QStringLiteral("At most N, newest first (default 50)."), QStringLiteral("N"));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("deliveries: unexpected argument \"%1\"").arg(c.positional().first()));
    DeliveryFilter f;
    if (c.isSet(QStringLiteral("webhook"))) {
        auto id = parseId(c.value(QStringLiteral("webhook")), "webhook");
        if (!id)
            return failWith(id);
        f.webhookId = id.value();
    }
    if (c.isSet(QStringLiteral("status"))) {
        const auto status = JobStatusInfo::fromName(c.value(QStringLiteral("status")));
        if (!status)
            return usageError(QStringLiteral("deliveries: unknown status \"%1\" (waiting, running, completed, failed "
                                             "or suspended)")
                                      .arg(c.value(QStringLiteral("status"))));
        f.status = *status;
    }
    f.eventType = c.value(QStringLiteral("event-type"));
    for (const char *name : { "since", "until" }) {
        const QString option = QLatin1String(name);
        if (!c.isSet(option))
            continue;
        auto t = TimeFormat::parseIso(c.value(option));
        if (!t)
            return usageError(QStringLiteral("--%1: %2").arg(option, t.error()));
        (option == QLatin1String("since") ? f.since : f.until) = t.value();
    }
    if (c.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        f.limit = c.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || f.limit < 1)
            return usageError(QStringLiteral("deliveries: --limit takes a positive number"));
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    if (f.webhookId) {
        if (auto w = store.value()->webhook(*f.webhookId); !w)
            return failWith(w);
    }
    auto list = store.value()->deliveries(f);
    if (!list)
        return failWith(list);
    if (c.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Delivery &d : list.value())
            array.append(JsonOutput::delivery(d));
        printJson(array);
        return Success;
    }
    out() << "ID\tWEBHOOK\tSTATUS\tEVENT TYPE\tCREATED\tATTEMPTS\tRESULT\tNEXT ATTEMPT\n";
    for (const Delivery &d : list.value())
        out() << deliveryLine(d) << '\n';
    out().flush();
    return Success;
}

int showCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("show"), QStringLiteral("show DELIVERY_ID [--json]"));
    c.add(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "delivery");
    if (!id)
        return failWith(id);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto d = store.value()->delivery(id.value());
    if (!d)
        return failWith(d);
    auto attempts = store.value()->attempts(id.value());
    if (!attempts)
        return failWith(attempts);
    if (c.isSet(QStringLiteral("json"))) {
        QJsonObject o = JsonOutput::delivery(d.value());
        QJsonArray list;
        for (const Attempt &a : attempts.value())
            list.append(JsonOutput::attempt(a, d->payload));
        o.insert(QStringLiteral("attempts"), list);
        printJson(o);
        return Success;
    }
    const Delivery &x = d.value();
    out() << "Delivery " << x.id << " to webhook " << x.webhookId << "\n"
          << "  Event type:   " << x.eventType << "\n"
          << "  Status:       " << JobStatusInfo::name(x.status) << (x.pending() ? " (pending)" : "") << "\n"
          << "  Result:       "
          << (!x.successful ? QStringLiteral("never tried") : *x.successful ? QStringLiteral("delivered") : x.failureDetail)
          << "\n"
          << "  Attempts:     " << x.attemptCount << " since the last manual retry, " << attempts->size() << " in all\n"
          << "  Created:      " << TimeFormat::iso(x.dateCreated) << "\n";
    if (x.dateFirstSent)
        out() << "  First sent:   " << TimeFormat::iso(*x.dateFirstSent) << "\n";
    if (x.dateSent)
        out() << "  Last sent:    " << TimeFormat::iso(*x.dateSent) << "\n";
    if (x.pending() && x.scheduledStart)
        out() << "  Next attempt: " << TimeFormat::iso(*x.scheduledStart) << "\n";
    out() << "  Payload:      " << QString::fromUtf8(x.payload.left(2000)) << (x.payload.size() > 2000 ? "…" : "") << "\n";
    for (const Attempt &a : attempts.value()) {
        out() << "\nAttempt " << a.number << " at " << TimeFormat::iso(a.dateSent) << " (" << a.durationMs << " ms)\n";
        if (a.deactivated) {
            out() << "  Webhook deactivated: nothing was sent\n";
            continue;
        }
        out() << "  " << QString::fromLatin1(a.request.method) << ' ' << a.request.url << "\n";
        for (const auto &h : a.request.headers)
            out() << "  > " << QString::fromLatin1(h.first) << ": " << QString::fromUtf8(h.second) << "\n";
        if (a.response) {
            out() << "  < HTTP " << a.response->statusCode << "\n";
            for (const auto &h : a.response->headers)
                out() << "  < " << QString::fromLatin1(h.first) << ": " << QString::fromUtf8(h.second) << "\n";
            if (!a.response->body.isEmpty())
                out() << "  < " << QString::fromUtf8(a.response->body.left(2000))
                      << (a.response->bodyTruncated || a.response->body.size() > 2000 ? " …(truncated)" : "") << "\n";
        } else {
            out() << "  Connection error: " << a.connectionError << "\n";
        }
    }
    out().flush();
    return Success;
}

int retryCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("retry"),
              QStringLiteral("retry DELIVERY_ID [--reset] [--wait]  |  retry --failed [--webhook ID]"));
    c.add(QStringLiteral("reset"), QStringLiteral("Restart the 24-hour retry window."));
    c.add(QStringLiteral("wait"), QStringLiteral("Make the attempt now and exit 0 if delivered, 3 if not."));
    c.add(QStringLiteral("failed"), QStringLiteral("Retry every failed delivery."));
    c.add(QStringLiteral("webhook"), QStringLiteral("With --failed: only this webhook's."), QStringLiteral("ID"));
    if (int code = c.parse(args); code >= 0)
        return code;
    std::unique_ptr<JobStore> holder;
    if (c.isSet(QStringLiteral("failed"))) {
        if (!c.positional().isEmpty() || c.isSet(QStringLiteral("wait")) || c.isSet(QStringLiteral("reset")))
            return usageError(QStringLiteral("retry --failed takes only --webhook ID"));
        std::optional<qint64> webhookId;
        if (c.isSet(QStringLiteral("webhook"))) {
            auto id = parseId(c.value(QStringLiteral("webhook")), "webhook");
            if (!id)
                return failWith(id);
            webhookId = id.value();
        }
        auto store = openStore(inv, holder);
        if (!store)
            return failWith(store);
        auto n = store.value()->retryFailed(webhookId);
        if (!n)
            return failWith(n);
        out() << n.value() << Qt::endl;
        return Success;
    }
    if (c.isSet(QStringLiteral("webhook")))
        return usageError(QStringLiteral("retry: --webhook goes with --failed"));
    if (c.positional().size() != 1)
        return usageError(QStringLiteral("retry: give exactly one delivery id, or --failed"));
    auto id = parseId(c.positional().first(), "delivery");
    if (!id)
        return failWith(id);
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    const bool reset = c.isSet(QStringLiteral("reset"));
    const auto before = store.value()->delivery(id.value());
    if (!before)
        return failWith(before);
    if (Status s = store.value()->retry(id.value(), reset); !s)
        return failWith(s);
    // Say what was done: a completed delivery is sent again, a waiting one moved to now.
    const QString window = reset ? QStringLiteral("its 24-hour retry window starts again")
                                 : QStringLiteral("its retry window is kept");
    switch (before->status) {
    case JobStatus::Waiting:
        out() << "delivery " << id.value() << " was waiting"
              << (before->scheduledStart ? QStringLiteral(" until ") + TimeFormat::iso(*before->scheduledStart)
                                         : QString())
              << "; its next attempt is due now (" << window << ")" << Qt::endl;
        break;
    case JobStatus::Completed:
        out() << "delivery " << id.value() << " was delivered already; it will be sent again now (" << window << ")"
              << Qt::endl;
        break;
    default:
        out() << "delivery " << id.value() << " was " << JobStatusInfo::name(before->status)
              << "; it is queued to be sent again now (" << window << ")" << Qt::endl;
        break;
    }
    if (c.isSet(QStringLiteral("wait")))
        return attemptAndWait(inv, store.value(), id.value());
    return Success;
}

int suspendCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("suspend"), QStringLiteral("suspend DELIVERY_ID"));
    if (int code = c.parse(args); code >= 0)
        return code;
    auto id = onlyId(c, "delivery");
    if (!id)
        return failWith(id);
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    if (Status s = store.value()->suspend(id.value()); !s)
        return failWith(s);
    return Success;
}

int pruneCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("prune"), QStringLiteral("prune [--older-than D]"));
    c.add(QStringLiteral("older-than"), QStringLiteral("Delete deliveries finished longer ago than this (default 30d)."),
          QStringLiteral("D"));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("prune: unexpected argument \"%1\"").arg(c.positional().first()));
    qint64 olderThan = 30 * 24 * RetryPolicy::Hour;
    if (c.isSet(QStringLiteral("older-than"))) {
        auto d = parseDurationOption(c, QStringLiteral("older-than"));
        if (!d)
            return failWith(d);
        olderThan = d.value();
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);
    auto n = store.value()->prune(store.value()->now() - olderThan);
    if (!n)
        return failWith(n);
    out() << n.value() << Qt::endl;
    return Success;
}

// ---- worker ----

#ifdef HOOKWATCH_DELIVERY_IN_MODULE
int workerCommand(const Invocation &inv, const QStringList &args)
{
    auto run = deliveryEntry<int (*)(const Invocation *, const QStringList *)>("hookwatchWorker");
    return run ? run(&inv, &args) : RuntimeFailure;
}
#else
int signalPipe[2] = { -1, -1 };

void onTerminationSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &c, 1);
}

Result<QNetworkProxy> parseProxy(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("socks5")))
        return Result<QNetworkProxy>::failure(
                QStringLiteral("invalid proxy \"%1\": write http://host:port or socks5://host:port")
                        .arg(Validation::maskedUrl(text)),
                ErrorKind::Invalid);
    const bool socks = url.scheme() == QLatin1String("socks5");
    return QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
                         quint16(url.port(socks ? 1080 : 8080)), url.userName(), url.password());
}

int workerCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("worker"),
              QStringLiteral("worker [--concurrency N] [--lease D] [--grace D] [--retention D] [--poll-interval D] "
                             "[--proxy URL] [--once | --until-idle]"));
    c.add(QStringLiteral("concurrency"), QStringLiteral("Requests in flight at once (default 8)."), QStringLiteral("N"));
    c.add(QStringLiteral("lease"), QStringLiteral("How long a claimed delivery is held (default 60s)."),
          QStringLiteral("D"));
    c.add(QStringLiteral("proxy"), QStringLiteral("Send through this HTTP proxy."), QStringLiteral("URL"));
    c.add(QStringLiteral("once"), QStringLiteral("Run what is due now, then exit."));
    c.add(QStringLiteral("until-idle"), QStringLiteral("Run until nothing is waiting or running."));
    c.add(QStringLiteral("grace"), QStringLiteral("On SIGTERM, let attempts finish this long (default 5s)."),
          QStringLiteral("D"));
    c.add(QStringLiteral("retention"),
          QStringLiteral("Delete deliveries finished longer ago than this, daily (default 30d; 0s: never)."),
          QStringLiteral("D"));
    c.add(QStringLiteral("poll-interval"),
          QStringLiteral("Check the store for other processes' work this often instead of listening for "
                         "PostgreSQL notifications (default: listen; behind a transaction pooler 500ms)."),
          QStringLiteral("D"));
    if (int code = c.parse(args); code >= 0)
        return code;
    if (!c.positional().isEmpty())
        return usageError(QStringLiteral("worker: unexpected argument \"%1\"").arg(c.positional().first()));
    Dispatcher::Options options;
    if (c.isSet(QStringLiteral("once")) && c.isSet(QStringLiteral("until-idle")))
        return usageError(QStringLiteral("worker: give --once or --until-idle, not both"));
    if (c.isSet(QStringLiteral("once")))
        options.mode = Dispatcher::Mode::Once;
    if (c.isSet(QStringLiteral("until-idle")))
        options.mode = Dispatcher::Mode::UntilIdle;
    if (c.isSet(QStringLiteral("concurrency"))) {
        bool ok = false;
        options.concurrency = c.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || options.concurrency < 1 || options.concurrency > 1000)
            return usageError(QStringLiteral("worker: --concurrency takes a number from 1 to 1000"));
    }
    if (c.isSet(QStringLiteral("lease"))) {
        auto d = parseDurationOption(c, QStringLiteral("lease"));
        if (!d)
            return failWith(d);
        if (d.value() < 1000)
            return usageError(QStringLiteral("worker: --lease must be at least 1s"));
        options.leaseMs = d.value();
    }
    int graceMs = 5000;
    if (c.isSet(QStringLiteral("grace"))) {
        auto d = parseDurationOption(c, QStringLiteral("grace"));
        if (!d)
            return failWith(d);
        graceMs = int(qMin<qint64>(d.value(), 3600 * 1000));
    }
    qint64 retentionMs = 30 * 24 * RetryPolicy::Hour;
    if (c.isSet(QStringLiteral("retention"))) {
        auto d = parseDurationOption(c, QStringLiteral("retention"));
        if (!d)
            return failWith(d);
        retentionMs = d.value();
    }
    if (c.isSet(QStringLiteral("poll-interval"))) {
        auto d = parseDurationOption(c, QStringLiteral("poll-interval"));
        if (!d)
            return failWith(d);
        if (d.value() < 10 || d.value() > 60 * 1000)
            return usageError(QStringLiteral("worker: --poll-interval must be from 10ms to 1m"));
        options.pollIntervalMs = int(d.value());
    }
    std::optional<QNetworkProxy> proxy;
    if (c.isSet(QStringLiteral("proxy"))) {
        auto p = parseProxy(c.value(QStringLiteral("proxy")));
        if (!p)
            return failWith(p);
        proxy = p.value();
    }
    std::unique_ptr<JobStore> holder;
    auto store = openStore(inv, holder);
    if (!store)
        return failWith(store);

    Dispatcher dispatcher(store.value(), options);
    if (proxy)
        dispatcher.setProxy(*proxy);
    err() << TimeFormat::iso(holder->now()) << " worker " << dispatcher.owner() << " on "
          << holder->config().displayUrl() << ", concurrency " << options.concurrency << Qt::endl;
    // One line per attempt, written once per recorded batch rather than one write each: at
    // thousands of deliveries a second the writes (and the reader's wake-ups) cost more than
    // the lines. They go out in the next event-loop turn, right after the batch's commit.
    QTimer logFlush;
    logFlush.setSingleShot(true);
    logFlush.setInterval(0);
    QObject::connect(&logFlush, &QTimer::timeout, &dispatcher, [] { err().flush(); });
    QObject::connect(&dispatcher, &Dispatcher::attemptRecorded, &dispatcher, [&logFlush](const Delivery &d, const Attempt &a) {
        err() << TimeFormat::iso(a.dateSent) << " delivery " << d.id << " attempt " << a.number << " "
              << (a.deactivated ? QStringLiteral("(not sent)") : a.request.url) << " -> " << describeOutcome(d)
              << '\n';
        if (!logFlush.isActive())
            logFlush.start();
    });
    QObject::connect(&dispatcher, &Dispatcher::storeError, &dispatcher, [&holder](const QString &message) {
        err() << TimeFormat::iso(holder->now()) << " database problem, retrying: " << message << Qt::endl;
    });
    QObject::connect(&dispatcher, &Dispatcher::storeRecovered, &dispatcher, [&holder] {
        err() << TimeFormat::iso(holder->now()) << " database reachable again" << Qt::endl;
    });
    int exitCode = Success;
    QObject::connect(&dispatcher, &Dispatcher::storeDamaged, &dispatcher, [&dispatcher, &exitCode](const QString &m) {
        err() << "hookwatch: the store is damaged, stopping: " << m << Qt::endl;
        exitCode = RuntimeFailure;
        dispatcher.stop(0);
    });
    QObject::connect(&dispatcher, &Dispatcher::runFinished, &dispatcher, [&dispatcher] { dispatcher.stop(0); });
    QObject::connect(&dispatcher, &Dispatcher::stopped, &dispatcher, [] { QCoreApplication::exit(0); });

    // SIGTERM/SIGINT: stop claiming, let attempts in flight finish, give back the rest.
    std::unique_ptr<QSocketNotifier> notifier;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        notifier = std::make_unique<QSocketNotifier>(signalPipe[0], QSocketNotifier::Read);
        QObject::connect(notifier.get(), &QSocketNotifier::activated, &dispatcher, [&dispatcher, &holder, graceMs] {
            char c;
            [[maybe_unused]] const auto n = ::read(signalPipe[0], &c, 1);
            err() << TimeFormat::iso(holder->now()) << " stopping: letting " << dispatcher.inFlight()
                  << " attempt(s) in flight finish" << Qt::endl;
            dispatcher.stop(graceMs);
        });
        struct sigaction action = {};
        action.sa_handler = onTerminationSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &action, nullptr);
        sigaction(SIGINT, &action, nullptr);
    }
    // Launchpad prunes finished deliveries daily; a long-running worker does the same, one
    // chunk per turn of the event loop: the dispatcher shares this thread, and its lease
    // renewals and records must not wait for a year's worth of deletes.
    QTimer pruneTimer;
    QTimer pruneChunkTimer;
    pruneChunkTimer.setSingleShot(true);
    qint64 pruned = 0;
    TimeMs pruneBefore = 0;
    QObject::connect(&pruneChunkTimer, &QTimer::timeout, &dispatcher, [&] {
        constexpr int Chunk = 5000;
        const auto n = holder->pruneChunk(pruneBefore, Chunk);
        if (!n) {
            err() << TimeFormat::iso(holder->now()) << " pruning failed: " << n.error() << Qt::endl;
            return;
        }
        pruned += n.value();
        if (n.value() == Chunk) {
            pruneChunkTimer.start(0);
            return;
        }
        if (pruned > 0)
            err() << TimeFormat::iso(holder->now()) << " pruned " << pruned
                  << " deliveries finished more than " << Duration::format(retentionMs) << " ago" << Qt::endl;
    });
    const auto prune = [&] {
        if (pruneChunkTimer.isActive())
            return;
        pruned = 0;
        pruneBefore = holder->now() - retentionMs;
        pruneChunkTimer.start(0);
    };
    if (retentionMs > 0 && options.mode == Dispatcher::Mode::Continuous) {
        QObject::connect(&pruneTimer, &QTimer::timeout, &dispatcher, prune);
        pruneTimer.start(24 * 60 * 60 * 1000);
        prune();
    }
    dispatcher.start();
    QCoreApplication::exec();
    return exitCode;
}

#endif

} // namespace

#ifndef HOOKWATCH_DELIVERY_IN_MODULE
int worker(const Invocation &invocation, const QStringList &args)
{
    return workerCommand(invocation, args);
}

int attemptNow(const Invocation &invocation, qint64 deliveryId)
{
    std::unique_ptr<JobStore> holder;
    auto store = openStore(invocation, holder);
    if (!store)
        return failWith(store);
    return attemptAndWait(invocation, store.value(), deliveryId);
}
#endif

QString usage()
{
    return QStringLiteral(
            "Usage:\n"
            "  hookwatch [--db URL]                 open the window\n"
            "  hookwatch worker [--concurrency N] [--lease D] [--grace D] [--retention D] [--poll-interval D]\n"
            "                   [--proxy URL] [--once | --until-idle]\n"
            "  hookwatch webhook add URL [--secret S | --secret-file F] [--event-type T]... [--header 'N: V']...\n"
            "                        [--inactive] [--timeout D] [--retry-preset NAME] [--retry-window D]\n"
            "                        [--retry-early-delay D] [--retry-early-period D] [--retry-late-delay D]\n"
            "                        [--trust-self-signed] [--max-in-flight N]\n"
            "  hookwatch webhook edit ID [--url URL] [--secret S | --secret-file F | --no-secret]\n"
            "                        [--active | --inactive] [--no-event-types] [--no-headers] [options of add]\n"
            "  hookwatch webhook list [--json] | webhook show ID [--json] | webhook rm ID\n"
            "  hookwatch ping WEBHOOK_ID [--wait]\n"
            "  hookwatch send WEBHOOK_ID --event-type T [--payload FILE|-] [--repeat N] [--wait]\n"
            "  hookwatch emit --event-type T [--payload FILE|-]\n"
            "  hookwatch deliveries [--webhook ID] [--status S] [--event-type T] [--since TIME] [--until TIME]\n"
            "                       [--limit N] [--json]\n"
            "  hookwatch show DELIVERY_ID [--json]\n"
            "  hookwatch retry DELIVERY_ID [--reset] [--wait]  |  hookwatch retry --failed [--webhook ID]\n"
            "  hookwatch suspend DELIVERY_ID\n"
            "  hookwatch prune [--older-than D]\n"
            "\n"
            "Every command takes --db URL (sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db);\n"
            "without it: $HOOKWATCH_DB, then the window's saved choice, then %1.\n"
            "Durations: 500ms, 30s, 5m, 1h30m, 2d. Exit codes: 0 success, 1 runtime failure, 2 bad usage or input,\n"
            "3 an attempt made with --wait failed. 'hookwatch COMMAND --help' tells more.\n")
            .arg(DatabaseConfig::defaultSqlitePath());
}

Invocation split(const QStringList &arguments)
{
    Invocation inv;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (i > 0 && a == QLatin1String("--db")) {
            if (i + 1 >= arguments.size()) {
                inv.error = QStringLiteral("--db needs a URL");
                return inv;
            }
            inv.db = arguments.at(++i);
            if (inv.db.isEmpty())
                inv.error = QStringLiteral("--db needs a URL");
            continue;
        }
        if (i > 0 && a.startsWith(QLatin1String("--db="))) {
            inv.db = a.mid(5);
            if (inv.db.isEmpty())
                inv.error = QStringLiteral("--db needs a URL");
            continue;
        }
        inv.args << a;
    }
    if (inv.args.isEmpty())
        inv.args << QStringLiteral("hookwatch");
    return inv;
}

bool wantsWindow(const Invocation &inv)
{
    return inv.args.size() == 1 && inv.error.isEmpty();
}

int run(const Invocation &inv)
{
    if (!inv.error.isEmpty())
        return usageError(inv.error);
    if (!inv.db.isEmpty()) {
        if (auto config = DatabaseConfig::parse(inv.db); !config)
            return usageError(config.error());
    }
    const QStringList &args = inv.args;
    const QString command = args.value(1);
    // A command's failure is its one "hookwatch: …" line; the store's own warnings are for
    // the worker's log.
    QLoggingCategory::setFilterRules(command == QLatin1String("worker")
                                             ? QStringLiteral("hookwatch.*.debug=false")
                                             : QStringLiteral("hookwatch.*.debug=false\nhookwatch.*.warning=false\n"
                                                              "hookwatch.*.info=false"));
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        out() << usage();
        out().flush();
        return Success;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out() << "hookwatch " << QCoreApplication::applicationVersion() << Qt::endl;
        return Success;
    }
    QStringList rest = args; // the parser sees: program, options and positionals
    rest.removeAt(1);
    rest[0] = args.at(0);
    if (command == QLatin1String("worker"))
        return workerCommand(inv, rest);
    if (command == QLatin1String("webhook"))
        return webhookCommand(inv, args);
    if (command == QLatin1String("ping"))
        return pingOrSend(inv, rest, true);
    if (command == QLatin1String("send"))
        return pingOrSend(inv, rest, false);
    if (command == QLatin1String("emit"))
        return emitCommand(inv, rest);
    if (command == QLatin1String("deliveries"))
        return deliveriesCommand(inv, rest);
    if (command == QLatin1String("show"))
        return showCommand(inv, rest);
    if (command == QLatin1String("retry"))
        return retryCommand(inv, rest);
    if (command == QLatin1String("suspend"))
        return suspendCommand(inv, rest);
    if (command == QLatin1String("prune"))
        return pruneCommand(inv, rest);
    return usageError(QStringLiteral("unknown command \"%1\"; 'hookwatch --help' lists them").arg(command.left(60)));
}

} // namespace Cli
