// worker, and the attempt send, ping and retry make with --wait: the commands that deliver,
// in this process. The executable runs them from the hookwatch-deliver module
// (delivermodule.cpp), which links this file; the executable links deliverfrommodule.cpp.
#include "command.h"
#include "commands.h"
#include "console.h"
#include "dispatcher.h"
#include "duration.h"
#include "jobstore.h"
#include "networkproxy.h"
#include "timeformat.h"
#include "validation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Cli {

namespace {

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

int signalPipe[2] = { -1, -1 };

void onTerminationSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &c, 1);
}

} // namespace

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
            err() << TimeFormat::iso(a.dateSent) << " delivery " << d.id << " attempt " << a.number << " "
                  << a.request.url << " -> " << describeOutcome(d) << Qt::endl;
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

int workerCommand(const Invocation &inv, const QStringList &args)
{
    Command c(QStringLiteral("worker"),
        QStringLiteral("worker [--concurrency N] [--lease D] [--grace D] [--retention D] [--poll-interval D] "
                       "[--proxy URL] [--once | --until-idle]"));
    c.add(QStringLiteral("concurrency"), QStringLiteral("Requests in flight at once (default 8)."),
        QStringLiteral("N"));
    c.add(QStringLiteral("lease"), QStringLiteral("How long a claimed delivery is held (default 60s)."),
        QStringLiteral("D"));
    c.add(QStringLiteral("proxy"),
        QStringLiteral("Send through this proxy: http://host:port or socks5://host:port."),
        QStringLiteral("URL"));
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
        auto p = ProxySetting::parse(c.value(QStringLiteral("proxy")));
        if (!p)
            return failWith(p);
        proxy = networkProxy(p.value());
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
    QObject::connect(&dispatcher, &Dispatcher::attemptRecorded, &dispatcher,
        [&logFlush](const Delivery &d, const Attempt &a) {
            err() << TimeFormat::iso(a.dateSent) << " delivery " << d.id << " attempt " << a.number << " "
                  << (a.deactivated ? QStringLiteral("(not sent)") : a.request.url) << " -> "
                  << describeOutcome(d) << '\n';
            if (!logFlush.isActive())
                logFlush.start();
        });
    QObject::connect(&dispatcher, &Dispatcher::storeError, &dispatcher, [&holder](const QString &message) {
        err() << TimeFormat::iso(holder->now()) << " database problem, retrying: " << message << Qt::endl;
    });
    QObject::connect(&dispatcher, &Dispatcher::storeRecovered, &dispatcher,
        [&holder] { err() << TimeFormat::iso(holder->now()) << " database reachable again" << Qt::endl; });
    int exitCode = Success;
    QObject::connect(
        &dispatcher, &Dispatcher::storeDamaged, &dispatcher, [&dispatcher, &exitCode](const QString &m) {
            err() << "hookwatch: the store is damaged, stopping: " << m << Qt::endl;
            exitCode = RuntimeFailure;
            dispatcher.stop(0);
        });
    QObject::connect(
        &dispatcher, &Dispatcher::runFinished, &dispatcher, [&dispatcher] { dispatcher.stop(0); });
    QObject::connect(&dispatcher, &Dispatcher::stopped, &dispatcher, [] { QCoreApplication::exit(0); });

    // SIGTERM/SIGINT: stop claiming, let attempts in flight finish, give back the rest.
    std::unique_ptr<QSocketNotifier> notifier;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        notifier = std::make_unique<QSocketNotifier>(signalPipe[0], QSocketNotifier::Read);
        QObject::connect(
            notifier.get(), &QSocketNotifier::activated, &dispatcher, [&dispatcher, &holder, graceMs] {
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
    PrunePacer prunePacer = holder->prunePacer();
    QObject::connect(&pruneChunkTimer, &QTimer::timeout, &dispatcher, [&] {
        QElapsedTimer elapsed;
        elapsed.start();
        const auto n = holder->pruneChunk(pruneBefore, prunePacer.chunk());
        if (!n) {
            err() << TimeFormat::iso(holder->now()) << " pruning failed: " << n.error() << Qt::endl;
            return;
        }
        pruned += n.value();
        if (prunePacer.record(n.value(), elapsed.elapsed())) {
            pruneChunkTimer.start(prunePacer.pauseMs());
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
        prunePacer = holder->prunePacer();
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

} // namespace Cli
