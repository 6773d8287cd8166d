// hookwatch-prune-bench: what a large prune costs the window's delivering and queries
// (docs/RELIABILITY.md, "The window's store thread"). On a fresh store it makes `--finished`
// deliveries finished 40 days ago (one attempt each), four to a receiver that answers only
// after ten minutes (their leases are renewed all along) and `--waiting` to a receiver that
// answers after `--fast-delay` ms. The window's store service (StoreConnection, as the window
// links it) delivers with a lease of `--lease-ms`; after a few seconds it is asked to prune,
// as "Prune now" does. Meanwhile:
//   - a thread of its own, on a connection of its own, watches the lease of one of the slow
//     deliveries every 5 ms: the gaps between its renewals;
//   - the main thread asks for the status bar's figures (loadStatus) whenever the last answer
//     is in, at most every 50 ms: how long each waited for its answer;
// and it counts the attempts recorded. Everything goes to stdout.
//   hookwatch-prune-bench --db URL [--finished 200000] [--waiting 20000] [--lease-ms 3000]
//                         [--fast-delay 20] [--settle-ms 5000] [--no-queries]

#include "jobstore.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "testreceiver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace {

qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "hookwatch-prune-bench: %s\n", qPrintable(message));
    std::exit(1);
}

bool exec(QSqlQuery &q)
{
    if (q.exec())
        return true;
    die(q.lastError().text());
}

// Watches one delivery's lease from a connection of its own; lives in its own thread.
class LeaseWatch final : public QObject
{
public:
    LeaseWatch(DatabaseConfig config, qint64 deliveryId)
        : m_config(std::move(config))
        , m_deliveryId(deliveryId)
    {
    }

    void start()
    {
        m_store = std::make_unique<JobStore>(m_config);
        if (!m_store->open())
            die(QStringLiteral("the watch cannot open the store"));
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, [this] {
            const auto d = m_store->delivery(m_deliveryId);
            if (!d || !d->leaseExpires)
                return;
            if (*d->leaseExpires != m_lastExpiry) {
                m_lastExpiry = *d->leaseExpires;
                QMutexLocker locker(&m_mutex);
                m_changes.append(monotonicMs());
            }
        });
        m_timer->start(5);
    }
    void finish()
    {
        delete m_timer;
        m_store.reset();
    }
    QList<qint64> changes()
    {
        QMutexLocker locker(&m_mutex);
        return m_changes;
    }
    qint64 recorded(qint64 webhookId)
    {
        DeliveryFilter f;
        f.webhookId = webhookId;
        f.status = JobStatus::Completed;
        f.eventType = QStringLiteral("new");
        return m_store->countDeliveries(f).value();
    }

private:
    DatabaseConfig m_config;
    qint64 m_deliveryId;
    std::unique_ptr<JobStore> m_store;
    QTimer *m_timer = nullptr;
    TimeMs m_lastExpiry = 0;
    QMutex m_mutex;
    QList<qint64> m_changes;
};

// Runs the event loop until `done` holds or `timeoutMs` passes.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

struct Gaps
{
    qint64 longest = 0;
    int count = 0;
};

// The gaps between successive times, of those that end within [from, to).
Gaps gapsEndingIn(const QList<qint64> &times, qint64 from, qint64 to)
{
    Gaps g;
    for (qsizetype i = 1; i < times.size(); ++i) {
        if (times.at(i) < from || times.at(i) >= to)
            continue;
        g.longest = std::max(g.longest, times.at(i) - times.at(i - 1));
        ++g.count;
    }
    return g;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QStringLiteral("A fresh store."), QStringLiteral("URL"));
    const QCommandLineOption finishedOption(QStringLiteral("finished"),
        QStringLiteral("Old finished deliveries."), QStringLiteral("N"), QStringLiteral("200000"));
    const QCommandLineOption waitingOption(QStringLiteral("waiting"), QStringLiteral("Deliveries to send."),
        QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption leaseOption(QStringLiteral("lease-ms"), QStringLiteral("The window's lease."),
        QStringLiteral("MS"), QStringLiteral("3000"));
    const QCommandLineOption fastDelayOption(QStringLiteral("fast-delay"),
        QStringLiteral("The fast receiver's answer time."), QStringLiteral("MS"), QStringLiteral("20"));
    const QCommandLineOption settleOption(QStringLiteral("settle-ms"),
        QStringLiteral("Delivering before and after the prune."), QStringLiteral("MS"),
        QStringLiteral("5000"));
    const QCommandLineOption noQueriesOption(QStringLiteral("no-queries"),
        QStringLiteral("Ask the window's query only before and after the prune."));
    parser.addOptions({ dbOption, finishedOption, waitingOption, leaseOption, fastDelayOption, settleOption,
        noQueriesOption });
    parser.process(app);
    const auto config = DatabaseConfig::parse(parser.value(dbOption));
    if (!config)
        die(config.error());
    const int finished = parser.value(finishedOption).toInt();
    const int waiting = parser.value(waitingOption).toInt();
    const int leaseMs = parser.value(leaseOption).toInt();
    const int settleMs = parser.value(settleOption).toInt();

    // Receivers in a thread of their own, so answering does not disturb the main thread's timing.
    QThread receiverThread;
    receiverThread.start();
    TestReceiver *slow = nullptr;
    TestReceiver *fast = nullptr;
    QObject receiverContext;
    receiverContext.moveToThread(&receiverThread);
    QMetaObject::invokeMethod(
        &receiverContext,
        [&] {
            slow = new TestReceiver;
            slow->setResponseDelay(10 * 60 * 1000);
            fast = new TestReceiver;
            fast->setResponseDelay(parser.value(fastDelayOption).toInt());
            if (!slow->listen() || !fast->listen())
                die(QStringLiteral("cannot listen"));
        },
        Qt::BlockingQueuedConnection);

    // The store.
    qint64 slowHook = 0;
    qint64 fastHook = 0;
    qint64 slowId = 0;
    {
        JobStore store(config.value());
        if (Status s = store.open(); !s)
            die(s.error());
        if (store.counts()->waiting > 0)
            die(QStringLiteral("give a fresh store"));
        Webhook s;
        s.deliveryUrl = slow->url().toString();
        s.timeoutMs = 15 * 60 * 1000;
        slowHook = store.addWebhook(s).value();
        Webhook f;
        f.deliveryUrl = fast->url().toString();
        fastHook = store.addWebhook(f).value();
        QElapsedTimer t;
        t.start();
        const auto old
            = store.createDeliveries(fastHook, QStringLiteral("old"), QByteArrayLiteral("{}"), finished);
        if (!old)
            die(old.error());
        const TimeMs longAgo = Clock::system()->now() - 40 * 24 * RetryPolicy::Hour;
        QSqlDatabase db = store.database();
        db.transaction();
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("UPDATE deliveries SET status = 2, successful = 1, attempt_count = 1, "
                           "total_attempts = 1, date_first_sent = :t, date_sent = :t, date_finished = :t, "
                           "scheduled_start = NULL, last_status_code = 200 WHERE id BETWEEN :a AND :b"));
        q.bindValue(QStringLiteral(":t"), longAgo);
        q.bindValue(QStringLiteral(":a"), old->first);
        q.bindValue(QStringLiteral(":b"), old->second);
        exec(q);
        q.prepare(QStringLiteral(
            "INSERT INTO attempts (delivery_id, number, date_started, date_sent, duration_ms, request_url, "
            "request_method, request_headers, response_status, response_headers, response_body) "
            "SELECT id, 1, :t, :t, 5, :url, 'POST', '[]', 200, '[]', 'ok' FROM deliveries WHERE id BETWEEN "
            ":a AND :b"));
        q.bindValue(QStringLiteral(":t"), longAgo);
        q.bindValue(QStringLiteral(":url"), f.deliveryUrl);
        q.bindValue(QStringLiteral(":a"), old->first);
        q.bindValue(QStringLiteral(":b"), old->second);
        exec(q);
        if (!db.commit())
            die(db.lastError().text());
        slowId = store.createDeliveries(slowHook, QStringLiteral("slow"), QByteArrayLiteral("{}"), 4)->first;
        store.createDeliveries(fastHook, QStringLiteral("new"), QByteArrayLiteral("{}"), waiting);
        std::printf("store: %s, %d finished 40 days ago (made in %lld ms), 4 slow, %d to send\n",
            qPrintable(config->displayUrl()), finished, t.elapsed(), waiting);
    }

    QThread watchThread;
    watchThread.start();
    LeaseWatch watch(config.value(), slowId);
    watch.moveToThread(&watchThread);
    QMetaObject::invokeMethod(
        &watch, [&watch] { watch.start(); }, Qt::BlockingQueuedConnection);
    const auto recorded = [&] {
        qint64 n = 0;
        QMetaObject::invokeMethod(
            &watch, [&] { n = watch.recorded(fastHook); }, Qt::BlockingQueuedConnection);
        return n;
    };

    StoreConnection connection;
    StoreService *service = connection.service();
    bool opened = false;
    QObject::connect(service, &StoreService::opened, &app, [&opened] { opened = true; });
    qint64 pruneEnded = 0;
    QString pruneMessage;
    QObject::connect(service, &StoreService::actionDone, &app, [&](const QString &message) {
        if (message.startsWith(QLatin1String("Pruned"))) {
            pruneEnded = monotonicMs();
            pruneMessage = message;
        }
    });
    // The status bar's query, asked again as soon as it is answered (at most every 50 ms).
    struct Sample
    {
        qint64 askedAt;
        qint64 waitedMs;
    };
    QList<Sample> samples;
    qint64 askedAt = 0;
    QTimer ask;
    ask.setInterval(50);
    QObject::connect(service, &StoreService::statusLoaded, &app, [&] {
        if (askedAt == 0)
            return;
        samples.append({ askedAt, monotonicMs() - askedAt });
        askedAt = 0;
    });
    QObject::connect(&ask, &QTimer::timeout, &app, [&] {
        if (askedAt != 0)
            return;
        askedAt = monotonicMs();
        Q_EMIT connection.loadStatus();
    });

    DeliveryOptions options;
    options.concurrency = 8;
    options.leaseMs = leaseMs;
    Q_EMIT connection.open(config.value(), options);
    if (!waitUntil([&] { return opened && !watch.changes().isEmpty(); }, 60000))
        die(QStringLiteral("the slow deliveries never went out"));
    ask.start();
    const qint64 settleStarted = monotonicMs();
    const qint64 recordedAtStart = recorded();
    waitUntil([] { return false; }, settleMs);

    const qint64 pruneAsked = monotonicMs();
    const qint64 recordedBefore = recorded();
    if (parser.isSet(noQueriesOption))
        ask.stop();
    Q_EMIT connection.prune(24 * RetryPolicy::Hour, false);
    if (!waitUntil([&] { return pruneEnded != 0; }, 10 * 60 * 1000))
        die(QStringLiteral("the prune never ended"));
    const qint64 recordedDuring = recorded() - recordedBefore;
    ask.start();
    waitUntil([] { return false; }, settleMs);
    ask.stop();
    const qint64 end = monotonicMs();

    const qint64 pruneMs = pruneEnded - pruneAsked;
    std::printf("attempts recorded before the prune: %.0f/s\n",
        1000.0 * double(recordedBefore - recordedAtStart) / double(pruneAsked - settleStarted));
    std::printf("prune: %s in %lld ms\n", qPrintable(pruneMessage), pruneMs);
    std::printf("attempts recorded during the prune: %lld (%.0f/s)\n", recordedDuring,
        pruneMs > 0 ? 1000.0 * double(recordedDuring) / double(pruneMs) : 0.0);
    const QList<qint64> renewals = watch.changes();
    const Gaps before = gapsEndingIn(renewals, 0, pruneAsked);
    // A gap that ends after the prune began may have started before it: it counts as during.
    const Gaps during = gapsEndingIn(renewals, pruneAsked, pruneEnded + leaseMs);
    const Gaps after = gapsEndingIn(renewals, pruneEnded + leaseMs, end);
    std::printf("lease renewals (every %d ms as planned): longest gap before the prune %lld ms (%d gaps), "
                "during it %lld ms (%d), after it %lld ms (%d)\n",
        leaseMs / 3, before.longest, before.count, during.longest, during.count, after.longest, after.count);
    const auto waits = [&](qint64 from, qint64 to) {
        QList<qint64> w;
        for (const Sample &s : std::as_const(samples)) {
            if (s.askedAt >= from && s.askedAt < to)
                w.append(s.waitedMs);
        }
        std::sort(w.begin(), w.end());
        return w;
    };
    const auto describe = [](const QList<qint64> &w) {
        if (w.isEmpty())
            return QStringLiteral("none");
        return QStringLiteral("%1 asked, median %2 ms, longest %3 ms")
            .arg(w.size())
            .arg(w.at(w.size() / 2))
            .arg(w.constLast());
    };
    std::printf("window query (loadStatus): before the prune %s; during it %s\n",
        qPrintable(describe(waits(0, pruneAsked))), qPrintable(describe(waits(pruneAsked, pruneEnded))));

    QMetaObject::invokeMethod(
        &watch, [&watch] { watch.finish(); }, Qt::BlockingQueuedConnection);
    watchThread.quit();
    watchThread.wait();
    QMetaObject::invokeMethod(
        &receiverContext,
        [&] {
            delete slow;
            delete fast;
        },
        Qt::BlockingQueuedConnection);
    receiverThread.quit();
    receiverThread.wait();
    // The window's threads end with the connection, without a grace: the slow attempts are dropped.
    return 0;
}
