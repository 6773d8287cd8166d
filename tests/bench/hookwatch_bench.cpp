// hookwatch-bench: measures the figures of docs/PERFORMANCE.md on this machine and prints them.
// Every figure is a ratio or a bound measured within one run, against a receiver process on
// 127.0.0.1 (hookwatch-test-receiver). Usage:
//   hookwatch-bench [throughput|on-time|memory|million|window|startup|store|one-host|all]
//   [--db sqlite|postgresql] [--count N] [--concurrency N] [--rounds N]
// `bare-loop` is the throughput figure's reference, which the figure runs in processes of its own;
// `deliverer-loop`, run beside it, is Hookwatch's sending alone, nothing stored.
// `one-host` (issue 13) sets the Deliverer, 1 to 256 requests in flight, against a receiver
// answering each request after --delay ms (300), beside `threaded-loop`: a plain threaded
// HTTP client at the same number in flight; --count is then requests per slot (8).
// `store` is not a goal: the store's share of a delivery (record and claim), alone in one thread.
// `window` measures the window (issue 4) on $DISPLAY, or on an Xvfb it starts when DISPLAY is unset;
// `startup` only its start-up figure.
// `large` (issue 19) builds a store of --count deliveries (10,000,000 by default, three attempts
// each) on --db sqlite (in --store-dir) or postgresql ($HOOKWATCH_TEST_PG_URL's server), keeps
// it for the next run (--reuse takes it as it is, or finishes an interrupted build), and measures
// the window on it, `deliveries --status failed --limit 50`, and prune of nine tenths of it on a
// copy; --figures window,cli,prune picks some.

#include "benchsupport.h"
#include "deliverer.h"
#include "jobstore.h"
#include "largehistory.h"
#include "threadedclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSqlError>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

#include <ctime>

#include <sys/resource.h>

namespace {

// The receiver as its own process, answering 200 at once (or as `options` say).
class Receiver
{
public:
    explicit Receiver(const QString &outputPath, const QStringList &options = {})
    {
        m_process.setStandardOutputFile(outputPath);
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.start(QStringLiteral(RECEIVER_BIN),
            QStringList { QStringLiteral("--port"), QStringLiteral("0") } + options);
        m_process.waitForStarted();
        for (int i = 0; i < 200 && m_port == 0; ++i) {
            QThread::msleep(10);
            QFile f(outputPath);
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray first = f.readLine();
                if (first.startsWith("listening on "))
                    m_port = first.mid(13).trimmed().toUShort();
            }
        }
    }
    ~Receiver()
    {
        m_process.terminate();
        m_process.waitForFinished(3000);
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/hook").arg(m_port); }
    bool ok() const { return m_port != 0; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

struct Store
{
    QString url;
    QString error;
    std::unique_ptr<QTemporaryDir> dir;
    QString pgDatabase;
};

// A fresh store: a SQLite file, or a new database on $HOOKWATCH_TEST_PG_URL's server.
Store makeStore(const QString &backend)
{
    Store s;
    if (backend == QLatin1String("sqlite")) {
        s.dir = std::make_unique<QTemporaryDir>();
        s.url = QStringLiteral("sqlite:") + s.dir->filePath(QStringLiteral("bench.db"));
        return s;
    }
    const auto base = DatabaseConfig::parse(qEnvironmentVariable("HOOKWATCH_TEST_PG_URL"));
    if (!base) {
        s.error = QStringLiteral("set HOOKWATCH_TEST_PG_URL (bash .ci/with-postgres hookwatch-bench …)");
        return s;
    }
    s.pgDatabase = QStringLiteral("hookwatch_bench_%1").arg(QRandomGenerator::global()->generate());
    {
        JobStore admin(base.value());
        if (Status o = admin.open(); !o) {
            s.error = o.error();
            return s;
        }
        QSqlQuery q(admin.database());
        if (!q.exec(QStringLiteral("CREATE DATABASE ") + s.pgDatabase)) {
            s.error = q.lastError().text();
            return s;
        }
    }
    DatabaseConfig c = base.value();
    c.databaseName = s.pgDatabase;
    s.url = c.url();
    return s;
}

// A PostgreSQL store's database goes when its figure is done (a SQLite file goes with its folder).
void dropStore(const Store &store)
{
    if (store.pgDatabase.isEmpty())
        return;
    JobStore admin(DatabaseConfig::parse(qEnvironmentVariable("HOOKWATCH_TEST_PG_URL")).value());
    if (admin.open()) {
        QSqlQuery q(admin.database());
        q.exec(QStringLiteral("DROP DATABASE ") + store.pgDatabase + QStringLiteral(" WITH (FORCE)"));
    }
}

QByteArray runOutput(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(HOOKWATCH_BIN), args);
    p.waitForFinished(-1);
    return p.readAllStandardOutput();
}

const QByteArray Payload = QByteArrayLiteral(
        "{\"action\": \"created\", \"bug\": {\"id\": 1234567, \"title\": \"Webhook deliveries are retried\", "
        "\"status\": \"New\", \"importance\": \"High\"}}");

// Keeps `concurrency` sends going until `count` have ended, as a worker's slots do, the way
// both reference loops below drive theirs: `send(n)` starts send n (from 1), and whoever sees
// it end calls done(). run() returns the process's exit code: 0 when every send succeeded.
class ClosedLoop
{
public:
    ClosedLoop(int count, int concurrency, std::function<void(int)> send)
        : m_count(count), m_concurrency(concurrency), m_send(std::move(send))
    {
    }
    int run()
    {
        for (int i = 0; i < m_concurrency; ++i)
            next();
        m_loop.exec();
        return m_failed == 0 ? 0 : 1;
    }
    void done(bool ok)
    {
        if (!ok)
            ++m_failed;
        if (++m_finished == m_count)
            m_loop.quit();
        else
            next();
    }

private:
    void next()
    {
        if (m_started < m_count)
            m_send(++m_started);
    }

    const int m_count;
    const int m_concurrency;
    std::function<void(int)> m_send;
    int m_started = 0;
    int m_finished = 0;
    int m_failed = 0;
    QEventLoop m_loop;
};

// The ceiling: a bare QNetworkAccessManager loop POSTing the same bodies at the same
// concurrency, storing nothing. `direct`: its connections set up as Hookwatch's are
// (Deliverer::connectDirectly, buffered sockets); otherwise as Qt comes, with NoProxy.
// Runs in a process of its own (`hookwatch-bench bare-loop`), timed whole as the worker is.
int bareLoop(const QString &url, int count, int concurrency, bool direct)
{
    QNetworkAccessManager network;
    if (direct)
        Deliverer::connectDirectly(&network);
    else
        network.setProxy(QNetworkProxy::NoProxy);
    ClosedLoop loop(count, concurrency, [&](int) {
        QNetworkRequest request { QUrl(url) };
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(30000);
        QNetworkReply *reply = network.post(request, Payload);
        QObject::connect(reply, &QNetworkReply::finished, &network, [&loop, reply] {
            reply->readAll();
            const bool ok = reply->error() == QNetworkReply::NoError;
            reply->deleteLater();
            loop.done(ok);
        });
    });
    return loop.run();
}

// Hookwatch's sending alone: its Deliverer (the requests signed and built as the worker's,
// every response captured into an attempt) in the same kind of loop, nothing stored. Not a
// goal: it splits the gap between the bare loop and the worker into what sending adds and
// what the store adds. `hookwatch-bench deliverer-loop`, in a process of its own.
int delivererLoop(const QString &url, int count, int concurrency)
{
    Deliverer deliverer(Clock::system());
    ClaimedDelivery claimed;
    claimed.webhook.id = 1;
    claimed.webhook.deliveryUrl = url;
    claimed.webhook.secret = QStringLiteral("bench-secret");
    claimed.delivery.webhookId = 1;
    claimed.delivery.eventType = QStringLiteral("bench:0.1");
    claimed.delivery.payload = Payload;
    ClosedLoop loop(count, concurrency, [&](int n) {
        claimed.delivery.id = n;
        deliverer.start(claimed);
    });
    QObject::connect(&deliverer, &Deliverer::finished, &deliverer, [&loop](const Attempt &attempt) {
        loop.done(attempt.response && attempt.response->statusCode == 200);
    });
    return loop.run();
}

// The one-host figure's reference: threadedPosts() in a process of its own
// (`hookwatch-bench threaded-loop`), timed from launch to exit as the Deliverer's loop is.
int threadedLoop(const QString &url, int count, int concurrency)
{
    const QUrl u(url);
    const int answered = threadedPosts(u.host().toStdString(), quint16(u.port(80)), u.path().toStdString(),
        Payload.toStdString(), count, concurrency);
    return answered == count ? 0 : 1;
}

// CPU seconds (user + system) used so far by this process or by its finished children.
double cpuSeconds(int who)
{
    rusage u {};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

// One bare loop, set up as Qt comes (its default event dispatcher, GLib's, and NoProxy) or
// as Hookwatch's commands are (Qt's own event dispatcher, src/main.cpp, and the same
// sockets): wall seconds from launch to exit, as the worker is timed, and CPU seconds.
struct LoopRun
{
    double seconds = 0;
    double cpu = 0;
    bool ok = false;
};

enum class Loop { AsQtComes, AsHookwatch, Deliverer, Threaded };

LoopRun runLoop(Loop kind, const QString &url, int count, int concurrency)
{
    const bool asHookwatch = kind != Loop::AsQtComes;
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_NO_GLIB"));
    if (asHookwatch)
        env.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    const QString loop = kind == Loop::Deliverer ? QStringLiteral("deliverer-loop")
        : kind == Loop::Threaded                 ? QStringLiteral("threaded-loop")
                                                 : QStringLiteral("bare-loop");
    QStringList args = { loop, QStringLiteral("--url"), url, QStringLiteral("--count"),
        QString::number(count), QStringLiteral("--concurrency"), QString::number(concurrency) };
    if (kind == Loop::AsHookwatch)
        args << QStringLiteral("--same-sockets");
    const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer t;
    t.start();
    p.start(QCoreApplication::applicationFilePath(), args);
    p.waitForFinished(-1);
    LoopRun r;
    r.seconds = t.nsecsElapsed() / 1e9;
    r.cpu = cpuSeconds(RUSAGE_CHILDREN) - cpuBefore;
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return r;
}

int throughput(const QString &backend, int count, int concurrency, int rounds)
{
    QTemporaryDir tmp;
    Receiver receiver(tmp.filePath(QStringLiteral("receiver.log")));
    if (!receiver.ok()) {
        say(QStringLiteral("receiver did not start"));
        return 1;
    }
    QList<double> bare, plain, hook, ratios, plainRatios, sendingRatios;
    for (int round = 0; round < rounds; ++round) {
        const LoopRun plainRun = runLoop(Loop::AsQtComes, receiver.url(), count, concurrency);
        const LoopRun bareRun = runLoop(Loop::AsHookwatch, receiver.url(), count, concurrency);
        const LoopRun sendingRun = runLoop(Loop::Deliverer, receiver.url(), count, concurrency);
        if (!plainRun.ok || !bareRun.ok || !sendingRun.ok) {
            say(QStringLiteral("a reference loop failed"));
            return 1;
        }
        const double p = plainRun.seconds;
        const double plainCpu = plainRun.cpu;
        const double b = bareRun.seconds;
        const double bareCpu = bareRun.cpu;
        Store store = makeStore(backend);
        if (!store.error.isEmpty()) {
            say(store.error);
            return 1;
        }
        const QString db = QStringLiteral("--db=") + store.url;
        const QString id = QString::fromLatin1(
                runOutput({ QStringLiteral("webhook"), QStringLiteral("add"), receiver.url(), QStringLiteral("--secret"),
                            QStringLiteral("bench-secret"), db })
                        .trimmed());
        QFile payload(tmp.filePath(QStringLiteral("payload.json")));
        payload.open(QIODevice::WriteOnly);
        payload.write(Payload);
        payload.close();
        const Timing enqueue = runHookwatch({ QStringLiteral("send"), id, QStringLiteral("--event-type"),
                                              QStringLiteral("bench:0.1"), QStringLiteral("--payload"), payload.fileName(),
                                              QStringLiteral("--repeat"), QString::number(count), db });
        const double childrenBefore = cpuSeconds(RUSAGE_CHILDREN);
        const Timing work = runHookwatch({ QStringLiteral("worker"), QStringLiteral("--until-idle"),
                                           QStringLiteral("--concurrency"), QString::number(concurrency), db });
        const double workerCpu = cpuSeconds(RUSAGE_CHILDREN) - childrenBefore;
        // Durably recorded: a new process reads every delivery back as completed.
        const int completed = int(runOutput({ QStringLiteral("deliveries"), QStringLiteral("--status"),
                                              QStringLiteral("completed"), QStringLiteral("--limit"),
                                              QString::number(count + 1), db })
                                          .count('\n'))
                - 1;
        say(QStringLiteral("  round %1: bare loop %2/s (%8 us CPU each; as Qt comes %10/s, %11 us), hookwatch %3/s "
                           "(%9 us CPU each; enqueue %4 s, worker exit %5, %6 of %7 completed)")
                    .arg(round + 1)
                    .arg(count / b, 0, 'f', 0)
                    .arg(count / work.seconds, 0, 'f', 0)
                    .arg(enqueue.seconds, 0, 'f', 2)
                    .arg(work.exitCode)
                    .arg(completed)
                    .arg(count)
                    .arg(bareCpu / count * 1e6, 0, 'f', 0)
                    .arg(workerCpu / count * 1e6, 0, 'f', 0)
                    .arg(count / p, 0, 'f', 0)
                    .arg(plainCpu / count * 1e6, 0, 'f', 0));
        say(QStringLiteral("           sending alone (Hookwatch's Deliverer, nothing stored) %1/s (%2 us CPU each)")
                    .arg(count / sendingRun.seconds, 0, 'f', 0)
                    .arg(sendingRun.cpu / count * 1e6, 0, 'f', 0));
        sendingRatios << (count / sendingRun.seconds) / (count / b);
        bare << count / b;
        plain << count / p;
        hook << count / work.seconds;
        ratios << (count / work.seconds) / (count / b);
        plainRatios << (count / work.seconds) / (count / p);
        dropStore(store);
    }
    // The goal is judged against the loop set up as Hookwatch's commands (same sockets, same
    // event dispatcher): the ratio then measures what the engine adds, not how Qt was set up.
    say(QStringLiteral("throughput %1: %2 deliveries, concurrency %3: bare loop %4/s, hookwatch %5/s, ratio %6% "
                       "(median of %7 rounds; goal %8%); against the bare loop as Qt comes (%9/s): %10%")
                .arg(backend)
                .arg(count)
                .arg(concurrency)
                .arg(median(bare), 0, 'f', 0)
                .arg(median(hook), 0, 'f', 0)
                .arg(median(ratios) * 100, 0, 'f', 1)
                .arg(rounds)
                .arg(backend == QLatin1String("sqlite") ? 80 : 60)
                .arg(median(plain), 0, 'f', 0)
                .arg(median(plainRatios) * 100, 0, 'f', 1));
    say(QStringLiteral("  sending alone, nothing stored: %1% of the bare loop (median): the rest of the gap is the store")
                .arg(median(sendingRatios) * 100, 0, 'f', 1));
    return 0;
}

// Issue 13: one receiver answering every request after `delayMs`, the Deliverer with 1 to 256
// requests in flight to it, beside a plain threaded HTTP client at the same number in flight,
// alternating, in the same run. Each loop sends `perSlot` requests per slot, in a process of
// its own, timed from launch to exit.
int oneHost(int delayMs, int perSlot, int rounds)
{
    QTemporaryDir tmp;
    Receiver receiver(tmp.filePath(QStringLiteral("receiver.log")),
        { QStringLiteral("--delay"), QString::number(delayMs) });
    if (!receiver.ok()) {
        say(QStringLiteral("receiver did not start"));
        return 1;
    }
    say(QStringLiteral("one-host: a receiver answering every request after %1 ms; requests/s, median of %2 "
                       "rounds of %3 requests per slot")
            .arg(delayMs)
            .arg(rounds)
            .arg(perSlot));
    say(QStringLiteral(
        "  in flight   Deliverer   threaded client   ratio   (at most %1/s per request in flight)")
            .arg(1000.0 / delayMs, 0, 'f', 2));
    int rc = 0;
    double ratioAt32 = -1;
    for (const int inFlight : { 1, 8, 32, 128, 256 }) {
        const int count = perSlot * inFlight;
        QList<double> deliverer, threaded, ratios;
        for (int round = 0; round < rounds; ++round) {
            const LoopRun d = runLoop(Loop::Deliverer, receiver.url(), count, inFlight);
            const LoopRun t = runLoop(Loop::Threaded, receiver.url(), count, inFlight);
            if (!d.ok || !t.ok) {
                say(QStringLiteral("  %1 in flight: a loop failed (Deliverer %2, threaded %3)")
                        .arg(inFlight)
                        .arg(d.ok ? QStringLiteral("ok") : QStringLiteral("failed"))
                        .arg(t.ok ? QStringLiteral("ok") : QStringLiteral("failed")));
                rc = 1;
                continue;
            }
            deliverer << count / d.seconds;
            threaded << count / t.seconds;
            ratios << t.seconds / d.seconds;
        }
        if (ratios.isEmpty())
            continue;
        if (inFlight == 32)
            ratioAt32 = median(ratios);
        say(QStringLiteral("  %1   %2   %3   %4%")
                .arg(inFlight, 9)
                .arg(median(deliverer), 9, 'f', 1)
                .arg(median(threaded), 15, 'f', 1)
                .arg(median(ratios) * 100, 5, 'f', 1));
    }
    say(QStringLiteral(
        "one-host: at 32 in flight the Deliverer makes %1% of the threaded client's requests/s "
        "(goal >= 70%)")
            .arg(ratioAt32 * 100, 0, 'f', 1));
    return rc;
}

// Deliveries due at random moments over 10 s: how late each attempt starts.
int onTime(const QString &backend, int count)
{
    QTemporaryDir tmp;
    Receiver receiver(tmp.filePath(QStringLiteral("receiver.log")));
    Store store = makeStore(backend);
    if (!store.error.isEmpty() || !receiver.ok()) {
        say(store.error.isEmpty() ? QStringLiteral("receiver did not start") : store.error);
        return 1;
    }
    QHash<qint64, TimeMs> due;
    {
        JobStore s(DatabaseConfig::parse(store.url).value());
        if (Status o = s.open(); !o) {
            say(o.error());
            return 1;
        }
        Webhook w;
        w.deliveryUrl = receiver.url();
        const qint64 hook = s.addWebhook(w).value();
        const auto ids = s.createDeliveries(hook, QStringLiteral("bench:0.1"), Payload, count).value();
        const TimeMs start = Clock::system()->now() + 2000; // after the worker has started
        QSqlQuery q(s.database());
        q.exec(QStringLiteral("BEGIN"));
        q.prepare(QStringLiteral("UPDATE deliveries SET scheduled_start = :t WHERE id = :id"));
        for (qint64 id = ids.first; id <= ids.second; ++id) {
            const TimeMs t = start + QRandomGenerator::global()->bounded(10000);
            due.insert(id, t);
            q.bindValue(QStringLiteral(":t"), t);
            q.bindValue(QStringLiteral(":id"), id);
            q.exec();
        }
        QSqlQuery(s.database()).exec(QStringLiteral("COMMIT"));
    }
    const Timing work = runHookwatch({ QStringLiteral("worker"), QStringLiteral("--until-idle"),
                                       QStringLiteral("--db=") + store.url });
    JobStore s(DatabaseConfig::parse(store.url).value());
    s.open();
    QList<double> lateness;
    QSqlQuery q(s.database());
    q.exec(QStringLiteral("SELECT delivery_id, date_started FROM attempts"));
    while (q.next())
        lateness << double(q.value(1).toLongLong() - due.value(q.value(0).toLongLong()));
    std::sort(lateness.begin(), lateness.end());
    if (lateness.isEmpty()) {
        say(QStringLiteral("on-time: no attempts recorded (worker exit %1)").arg(work.exitCode));
        return 1;
    }
    const auto pct = [&lateness](double p) { return lateness.at(qMin(lateness.size() - 1, int(p * lateness.size()))); };
    say(QStringLiteral("on-time %1: %2 deliveries due over 10 s, waiting in the store: lateness p50 %3 ms, p99 %4 ms, "
                       "max %5 ms, min %6 ms (goal p99 <= 20, max <= 100)")
                .arg(backend)
                .arg(lateness.size())
                .arg(pct(0.5), 0, 'f', 0)
                .arg(pct(0.99), 0, 'f', 0)
                .arg(lateness.last(), 0, 'f', 0)
                .arg(lateness.first(), 0, 'f', 0));
    return 0;
}

// 100,000 pending deliveries: the worker's resident memory while it works through them.
int memory(const QString &backend, int count)
{
    QTemporaryDir tmp;
    Receiver receiver(tmp.filePath(QStringLiteral("receiver.log")));
    Store store = makeStore(backend);
    if (!store.error.isEmpty() || !receiver.ok()) {
        say(store.error.isEmpty() ? QStringLiteral("receiver did not start") : store.error);
        return 1;
    }
    const QString db = QStringLiteral("--db=") + store.url;
    const QString id = QString::fromLatin1(
            runOutput({ QStringLiteral("webhook"), QStringLiteral("add"), receiver.url(), db }).trimmed());
    runHookwatch({ QStringLiteral("send"), id, QStringLiteral("--event-type"), QStringLiteral("bench:0.1"),
                   QStringLiteral("--repeat"), QString::number(count), db });
    QProcess worker;
    worker.setStandardOutputFile(QProcess::nullDevice());
    worker.setStandardErrorFile(QProcess::nullDevice());
    worker.start(QStringLiteral(HOOKWATCH_BIN), { QStringLiteral("worker"), db });
    worker.waitForStarted();
    qint64 peak = 0;
    for (int i = 0; i < 50; ++i) { // 5 s of work
        QThread::msleep(100);
        peak = qMax(peak, peakRssKb(worker.processId()));
    }
    worker.terminate();
    worker.waitForFinished(10000);
    say(QStringLiteral("memory %1: %2 pending deliveries: worker peak resident %3 MB (goal <= 100 MB)")
                .arg(backend)
                .arg(count)
                .arg(peak / 1024.0, 0, 'f', 1));
    return 0;
}

// A store of 1,000,000 deliveries and 3,000,000 attempts at `path`, made unless it is there.
bool ensureMillionStore(const QString &path)
{
    if (QFile::exists(path))
        return true;
    JobStore s(DatabaseConfig::parse(QStringLiteral("sqlite:") + path).value());
    if (Status o = s.open(); !o) {
        say(o.error());
        return false;
    }
    QElapsedTimer t;
    t.start();
    Webhook w;
    w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
    s.addWebhook(w);
    QSqlQuery q(s.database());
    const QStringList statements = {
        QStringLiteral("BEGIN"),
        // Every fifth failed, the rest completed; three attempts each.
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
                       "INSERT INTO deliveries (webhook_id, event_type, payload, status, attempt_count, "
                       "total_attempts, date_created, date_first_sent, date_sent, date_finished, successful, "
                       "failure_detail, last_status_code) SELECT 1, 'bug:0.1', '{\"bug\": ' || i || '}', "
                       "CASE WHEN i % 5 = 0 THEN 3 ELSE 2 END, 3, 3, 1764000000000 + i * 1000, "
                       "1764000000000 + i * 1000, 1764000000000 + i * 1000 + 600000, 1764000000000 + i * 1000 + "
                       "600000, CASE WHEN i % 5 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 5 = 0 THEN 'Bad HTTP "
                       "response: 500' END, CASE WHEN i % 5 = 0 THEN 500 ELSE 200 END FROM n"),
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) "
                       "INSERT INTO attempts (delivery_id, number, date_started, date_sent, duration_ms, "
                       "request_url, request_method, request_headers, response_status, response_headers, "
                       "response_body) SELECT (i + 2) / 3, (i + 2) % 3 + 1, 1764000000000 + i * 333, "
                       "1764000000000 + i * 333 + 3, 3, 'http://127.0.0.1:9/hook', 'POST', "
                       "'[[\"Content-Type\",\"application/json\"]]', 500, '[]', 'oops' FROM n"),
        QStringLiteral("COMMIT"),
    };
    for (const QString &statement : statements) {
        if (!q.exec(statement)) {
            say(q.lastError().text());
            return false;
        }
    }
    say(QStringLiteral("million: made %1 in %2 s").arg(path).arg(t.elapsed() / 1000.0, 0, 'f', 1));
    return true;
}

// A store of 1,000,000 deliveries and 3,000,000 attempts; the CLI's "failed, newest 50".
int million(const QString &path, bool keep)
{
    const QString url = QStringLiteral("sqlite:") + path;
    if (!ensureMillionStore(path))
        return 1;
    // Alternating with the reference, a bare Qt program running the same query, so the
    // bound can be read against what this machine gives any Qt process today.
    QList<double> times;
    QList<double> bareTimes;
    for (int i = 0; i < 11; ++i) {
        const Timing r = runHookwatch({ QStringLiteral("deliveries"), QStringLiteral("--status"),
                                        QStringLiteral("failed"), QStringLiteral("--limit"), QStringLiteral("50"),
                                        QStringLiteral("--db=") + url });
        QProcess bare;
        bare.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer t;
        t.start();
        bare.start(QStringLiteral(BARE_QUERY_BIN), { path });
        bare.waitForFinished(-1);
        const double bareMs = t.nsecsElapsed() / 1e6;
        if (i > 0) {
            times << r.seconds * 1000;
            bareTimes << bareMs;
        }
    }
    say(QStringLiteral("million: `hookwatch deliveries --status failed --limit 50` on 1,000,000 deliveries / 3,000,000 "
                       "attempts: median %1 ms, min %2 ms as a whole process (goal <= 20 ms); a bare Qt Core + Sql "
                       "program running the same query: median %3 ms, min %4 ms")
                .arg(median(times), 0, 'f', 1)
                .arg(*std::min_element(times.begin(), times.end()), 0, 'f', 1)
                .arg(median(bareTimes), 0, 'f', 1)
                .arg(*std::min_element(bareTimes.begin(), bareTimes.end()), 0, 'f', 1));
    if (!keep)
        QFile::remove(path);
    return 0;
}


// A SQLite store at `url` with one webhook for `deliveryUrl` and `deliveries` waiting for it.
bool makeStoreWithWebhook(const QString &url, const QString &deliveryUrl, int deliveries)
{
    JobStore s(DatabaseConfig::parse(url).value());
    if (Status o = s.open(); !o) {
        say(o.error());
        return false;
    }
    Webhook w;
    w.deliveryUrl = deliveryUrl;
    const qint64 hook = s.addWebhook(w).value();
    if (deliveries > 0)
        s.createDeliveries(hook, QStringLiteral("bench:0.1"), Payload, deliveries);
    return true;
}

void reportStartup(const QList<double> &emptyShown, const QList<double> &refShown, const QList<double> &ratios,
                   const QList<double> &furnishedRatios)
{
    const double ratio = median(ratios);
    say(QStringLiteral("  (c) start-up: hookwatch window shown %1 ms after launch, an empty QMainWindow %2 ms: "
                       "%3 times as long (median of the %4 per-round ratios; goal <= 1.5): %5")
                .arg(median(emptyShown), 0, 'f', 0)
                .arg(median(refShown), 0, 'f', 0)
                .arg(ratio, 0, 'f', 2)
                .arg(ratios.size())
                .arg(verdict(ratio > 0 && ratio <= 1.5)));
    if (!furnishedRatios.isEmpty())
        say(QStringLiteral("      for scale: the same empty window holding only a menu bar with one menu, a toolbar with "
                           "one icon and an empty table took %1 times as long (median of %2)")
                    .arg(median(furnishedRatios), 0, 'f', 2)
                    .arg(furnishedRatios.size()));
}

// The window's figures (issue 4), on a display: start-up against an empty QMainWindow, the
// million-row store (first rows, filtering, scrolling, memory) and stalls while delivering;
// `startupOnly`: the start-up figure alone.
int window(const QString &millionPath, int rounds, int busyCount, bool startupOnly)
{
    Display display;
    if (display.name().isEmpty()) {
        say(QStringLiteral("window: no display: set DISPLAY, or install Xvfb (apt-get install xvfb) and the "
                           "bench starts its own"));
        return 1;
    }
    if (!startupOnly && !ensureMillionStore(millionPath))
        return 1;
    QTemporaryDir tmp;
    const QProcessEnvironment env = windowEnvironment(display.name(), tmp);
    say(QStringLiteral("window: on %1; %2 alternating rounds").arg(display.describe()).arg(rounds));

    // A store with one webhook and no deliveries, migrated before the first launch.
    const QString emptyUrl = QStringLiteral("sqlite:") + tmp.filePath(QStringLiteral("empty.db"));
    if (!makeStoreWithWebhook(emptyUrl, QStringLiteral("http://127.0.0.1:9/hook"), 0))
        return 1;
    const QString millionUrl = QStringLiteral("sqlite:") + millionPath;
    const auto reference = [&] { return launchWindow(QStringLiteral(EMPTY_WINDOW_BIN), {}, env, false, 0); };
    const auto furnished = [&] {
        return launchWindow(QStringLiteral(EMPTY_WINDOW_BIN), { QStringLiteral("--furnished") }, env, false, 0);
    };
    const auto emptyStore = [&] {
        return launchWindow(QStringLiteral(HOOKWATCH_BIN), { QStringLiteral("--db=") + emptyUrl }, env, false, 300);
    };
    // Nothing launched, nothing seen, for the start-up figure alone.
    const auto millionStore = [&] {
        return startupOnly ? Launch()
                           : launchWindow(QStringLiteral(HOOKWATCH_BIN),
                               { QStringLiteral("--db=") + millionUrl }, env, true, 2000);
    };
    // Once each unmeasured: files and libraries into the page cache.
    reference();
    emptyStore();
    millionStore();
    QList<double> refShown, emptyShown, millionShown, millionRows, millionRowsAgain, ratios, furnishedRatios;
    qint64 launchPeakKb = 0;
    for (int round = 0; round < rounds; ++round) {
        Launch ref, empty, big;
        if (round % 2 == 0) {
            ref = reference();
            empty = emptyStore();
            big = millionStore();
        } else {
            big = millionStore();
            empty = emptyStore();
            ref = reference();
        }
        if (ref.shownMs > 0 && empty.shownMs > 0)
            ratios << double(empty.shownMs) / ref.shownMs;
        if (ref.shownMs > 0)
            refShown << ref.shownMs;
        if (empty.shownMs > 0)
            emptyShown << empty.shownMs;
        const QString line = QStringLiteral("  round %1: empty QMainWindow shown %2 ms; hookwatch shown %3 ms (empty store)")
                               .arg(round + 1)
                               .arg(ref.shownMs)
                               .arg(empty.shownMs);
        if (startupOnly) {
            const Launch scale = furnished();
            if (ref.shownMs > 0 && scale.shownMs > 0)
                furnishedRatios << double(scale.shownMs) / ref.shownMs;
            say(line + QStringLiteral("; the furnished empty window %1 ms").arg(scale.shownMs));
            continue;
        }
        say(line
            + QStringLiteral(", %1 ms (million), first rows %2 ms, rows again after a reset %3 ms, peak %4 MB")
                      .arg(big.shownMs)
                      .arg(big.rowsMs)
                      .arg(big.rowsAgainMs)
                      .arg(big.peakRssKb / 1024.0, 0, 'f', 1));
        if (big.rowsAgainMs > 0)
            millionRowsAgain << big.rowsAgainMs;
        if (big.shownMs > 0)
            millionShown << big.shownMs;
        if (big.rowsMs > 0)
            millionRows << big.rowsMs;
        launchPeakKb = qMax(launchPeakKb, big.peakRssKb);
    }

    if (startupOnly) {
        reportStartup(emptyShown, refShown, ratios, furnishedRatios);
        return 0;
    }

    // Filtering and scrolling, in process on the real window.
    const auto history = windowBench({ QStringLiteral("history"), QStringLiteral("--db=") + millionUrl,
                                       QStringLiteral("--rounds"), QString::number(rounds) },
                                     env);
    // Busy: the window's dispatcher delivers to a receiver process.
    Receiver receiver(tmp.filePath(QStringLiteral("receiver.log")));
    const QString busyUrl = QStringLiteral("sqlite:") + tmp.filePath(QStringLiteral("busy.db"));
    if (!makeStoreWithWebhook(busyUrl, receiver.url(), busyCount))
        return 1;
    const auto busy = receiver.ok()
            ? windowBench({ QStringLiteral("busy"), QStringLiteral("--db=") + busyUrl, QStringLiteral("--count"),
                            QString::number(busyCount) },
                          env)
            : QMap<QString, QString>();

    say(QStringLiteral("window figures (issue 4), medians of %1 rounds:").arg(rounds));
    const double rows = median(millionRows);
    say(QStringLiteral("  (a) first rows, 1,000,000 deliveries / 3,000,000 attempts: %1 ms after launch (rounds: %2; "
                       "window shown at %3 ms) (goal <= 250 ms): %4")
                .arg(rows, 0, 'f', 0)
                .arg(listed(millionRows))
                .arg(median(millionShown), 0, 'f', 0)
                .arg(verdict(rows > 0 && rows <= 250)));
    if (!millionRowsAgain.isEmpty())
        say(QStringLiteral("      then the history is reset (the first webhook gets selected: \"Selected webhook only\") "
                           "and shows rows again at %1 ms after launch (rounds: %2)")
                    .arg(median(millionRowsAgain), 0, 'f', 0)
                    .arg(listed(millionRowsAgain)));
    const QList<double> toFailed = numbers(history.value(QStringLiteral("filter-failed-ms")));
    const auto counts = fields(history.value(QStringLiteral("rows")));
    say(QStringLiteral("  (a) filter the history to failed: rows shown %1 ms after the choice (rounds: %2; back to "
                       "all: %3 ms) (goal <= 100 ms): %4")
                .arg(median(toFailed), 0, 'f', 0)
                .arg(listed(toFailed))
                .arg(median(numbers(history.value(QStringLiteral("filter-all-ms")))), 0, 'f', 0)
                .arg(verdict(!toFailed.isEmpty() && median(toFailed) >= 0 && median(toFailed) <= 100)));
    const QList<double> toEnd = numbers(history.value(QStringLiteral("scroll-end-ms")));
    const qint64 allRows = counts.value(QStringLiteral("all")).toLongLong();
    const qint64 cached = counts.value(QStringLiteral("cached-max")).toLongLong();
    say(QStringLiteral("  (a) Ctrl+End: last rows shown %1 ms after the key (rounds: %2; Ctrl+Home %3 ms), %4 "
                       "page(s) of %5 rows fetched for it, at most %6 of %7 rows ever in memory "
                       "(goal: not every row): %8")
                .arg(median(toEnd), 0, 'f', 0)
                .arg(listed(toEnd))
                .arg(median(numbers(history.value(QStringLiteral("scroll-top-ms")))), 0, 'f', 0)
                .arg(counts.value(QStringLiteral("pages-for-end")))
                .arg(counts.value(QStringLiteral("page-size")))
                .arg(cached)
                .arg(allRows)
                .arg(verdict(allRows > 0 && cached < allRows / 10 && !toEnd.isEmpty() && median(toEnd) >= 0)));
    const double historyPeakMb = history.value(QStringLiteral("peak-rss-kb")).toLongLong() / 1024.0;
    const double peakMb = qMax(launchPeakKb / 1024.0, historyPeakMb);
    say(QStringLiteral("  (a) peak memory of the window: %1 MB (the hookwatch process, opening the store: %2 MB; the "
                       "window filtering and scrolling it: %3 MB) (goal <= 150 MB): %4")
                .arg(peakMb, 0, 'f', 1)
                .arg(launchPeakKb / 1024.0, 0, 'f', 1)
                .arg(historyPeakMb, 0, 'f', 1)
                .arg(verdict(peakMb > 0 && peakMb <= 150)));
    const auto b = fields(busy.value(QStringLiteral("busy")));
    const double stall = b.value(QStringLiteral("stall-max-ms"), QStringLiteral("-1")).toDouble();
    const double busySeconds = b.value(QStringLiteral("seconds")).toDouble();
    const double startingStall = b.value(QStringLiteral("starting-stall-ms"), QStringLiteral("-1")).toDouble();
    say(QStringLiteral("  (b) longest GUI stall while the window delivers %1 of %2 deliveries (%3/s, while the "
                       "history scrolls every 250 ms), from its first rows on: %4 ms (p99 %5 ms, %6 ticks over 50 ms "
                       "of %7, worst at %8 s; peak %9 MB) (goal <= 50 ms): %10")
                .arg(b.value(QStringLiteral("delivered")))
                .arg(busyCount)
                .arg(busySeconds > 0 ? b.value(QStringLiteral("delivered")).toDouble() / busySeconds : 0, 0, 'f', 0)
                .arg(stall, 0, 'f', 1)
                .arg(b.value(QStringLiteral("stall-p99-ms")))
                .arg(b.value(QStringLiteral("over-50ms")))
                .arg(b.value(QStringLiteral("samples")))
                .arg(b.value(QStringLiteral("worst-at-s")))
                .arg(b.value(QStringLiteral("peak-rss-kb")).toLongLong() / 1024.0, 0, 'f', 1)
                .arg(verdict(b.value(QStringLiteral("done")) == QLatin1String("1") && stall >= 0 && stall <= 50)));
    say(QStringLiteral("      before its first rows (window shown, store opening, dispatcher starting) the longest "
                       "stall was %1 ms: %2")
                .arg(startingStall, 0, 'f', 1)
                .arg(verdict(startingStall >= 0 && startingStall <= 50)));
    reportStartup(emptyShown, refShown, ratios, {});
    return 0;
}

} // namespace

// The store's share of a delivery, alone: the dispatcher's steady state (record a batch of
// answered attempts and claim the next, one transaction) in a loop, with no network and no
// other thread. CPU of this thread per delivery, and wall time.
double threadCpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int storeCost(const QString &backend, int count, int batch)
{
    Store store = makeStore(backend);
    if (!store.error.isEmpty()) {
        say(store.error);
        return 1;
    }
    int rc = 0;
    {
        JobStore jobs(DatabaseConfig::parse(store.url).value(), Clock::system());
        if (Status o = jobs.open(); !o) {
            say(o.error());
            return 1;
        }
        Webhook w;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        w.secret = QStringLiteral("bench-secret");
        const qint64 hook = jobs.addWebhook(w).value();
        jobs.createDeliveries(hook, QStringLiteral("bench:0.1"), Payload, count);
        const QString owner = QStringLiteral("bench:1:0000");
        QList<ClaimedDelivery> out = jobs.claimDue(owner, batch, 60000).value();
        QElapsedTimer t;
        t.start();
        const double cpuBefore = threadCpuSeconds();
        int recorded = 0;
        while (!out.isEmpty()) {
            QList<AttemptRecord> records;
            for (const ClaimedDelivery &c : std::as_const(out)) {
                AttemptRecord r;
                r.before = c.delivery;
                r.policy = c.webhook.retryPolicy;
                Attempt &a = r.attempt;
                a.deliveryId = c.delivery.id;
                a.dateStarted = Clock::system()->now();
                a.dateSent = a.dateStarted + 1;
                a.durationMs = 1;
                a.request.url = c.webhook.deliveryUrl;
                a.request.headers = { { "User-Agent", "launchpad.net-Webhooks/1.0" },
                                      { "Content-Type", "application/json" },
                                      { "X-Launchpad-Event-Type", "bench:0.1" },
                                      { "X-Launchpad-Delivery", QByteArray::number(c.delivery.id) },
                                      { "X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567" } };
                AttemptResponse response;
                response.statusCode = 200;
                response.body = "ok";
                response.headers = { { "Content-Type", "text/plain" }, { "Content-Length", "2" } };
                a.response = response;
                records << r;
            }
            const auto done = jobs.recordAndClaim(owner, records, batch, 60000);
            if (!done) {
                say(done.error());
                rc = 1;
                break;
            }
            recorded += int(records.size());
            out = done->claimed;
        }
        const double cpu = threadCpuSeconds() - cpuBefore;
        say(QStringLiteral("store %1: %2 deliveries recorded and claimed in batches of %3: %4 us CPU, %5 us wall "
                           "per delivery (this thread only%6)")
                    .arg(backend)
                    .arg(recorded)
                    .arg(batch)
                    .arg(cpu / qMax(1, recorded) * 1e6, 0, 'f', 1)
                    .arg(t.nsecsElapsed() / 1e3 / qMax(1, recorded), 0, 'f', 1)
                    .arg(backend == QLatin1String("sqlite") ? QString() : QStringLiteral("; the server's CPU not counted")));
    }
    dropStore(store);
    return rc;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("figure"),
        QStringLiteral("throughput, on-time, memory, million, window, startup, store, "
                       "one-host, large or all"));
    parser.addOption({ QStringLiteral("db"), QStringLiteral("sqlite or postgresql"), QStringLiteral("backend"),
                       QStringLiteral("sqlite") });
    parser.addOption({ QStringLiteral("count"), QStringLiteral("deliveries"), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("concurrency"), QStringLiteral("in flight"), QStringLiteral("N"),
                       QStringLiteral("8") });
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("rounds (throughput 3, window 7, startup 15)"),
                       QStringLiteral("N") });
    parser.addOption({ QStringLiteral("batch"), QStringLiteral("store: deliveries per transaction"),
                       QStringLiteral("N"), QStringLiteral("16") });
    parser.addOption({ QStringLiteral("url"), QStringLiteral("bare-loop, deliverer-loop: where to POST"),
                       QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("same-sockets"), QStringLiteral("bare-loop: connections as Hookwatch's") });
    parser.addOption({ QStringLiteral("delay"), QStringLiteral("one-host: the receiver answers after MS"),
        QStringLiteral("MS"), QStringLiteral("300") });
    parser.addOption({ QStringLiteral("million-file"), QStringLiteral("where the million-row store is kept"),
                       QStringLiteral("PATH"), QStringLiteral("/tmp/hookwatch-million.db") });
    parser.addOption({ QStringLiteral("store-dir"), QStringLiteral("large: where the SQLite store is kept"),
                       QStringLiteral("DIR"), QDir::tempPath() });
    parser.addOption({ QStringLiteral("reuse"), QStringLiteral("large: use the store kept from an earlier run, or "
                                                               "finish its build") });
    parser.addOption({ QStringLiteral("figures"), QStringLiteral("large: window, cli and/or prune (all)"),
                       QStringLiteral("LIST") });
    parser.addOption({ QStringLiteral("chunk"),
        QStringLiteral("large: deliveries per prune transaction (the app's: sized to about 100 ms)"),
        QStringLiteral("N"), QStringLiteral("0") });
    parser.addOption({ QStringLiteral("prune-pause"),
        QStringLiteral("large: ms between prune transactions (the app's: 100 on SQLite, 0 on PostgreSQL)"),
        QStringLiteral("MS"), QStringLiteral("-1") });
    parser.process(app);
    const QString figure = parser.positionalArguments().value(0, QStringLiteral("all"));
    const QString backend = parser.value(QStringLiteral("db"));
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    const auto count = [&parser](int fallback) {
        return parser.isSet(QStringLiteral("count")) ? parser.value(QStringLiteral("count")).toInt() : fallback;
    };
    const auto rounds = [&parser](int fallback) {
        return parser.isSet(QStringLiteral("rounds")) ? parser.value(QStringLiteral("rounds")).toInt() : fallback;
    };
    // The throughput figure's reference, run by the figure itself in a process of its own.
    if (figure == QLatin1String("bare-loop"))
        return bareLoop(parser.value(QStringLiteral("url")), count(20000), concurrency,
                        parser.isSet(QStringLiteral("same-sockets")));
    if (figure == QLatin1String("deliverer-loop"))
        return delivererLoop(parser.value(QStringLiteral("url")), count(20000), concurrency);
    if (figure == QLatin1String("threaded-loop"))
        return threadedLoop(parser.value(QStringLiteral("url")), count(20000), concurrency);
    say(QStringLiteral("hookwatch-bench on %1 cores, %2").arg(QThread::idealThreadCount()).arg(backend));
    int rc = 0;
    if (figure == QLatin1String("throughput") || figure == QLatin1String("all"))
        rc |= throughput(backend, count(20000), concurrency, rounds(3));
    if (figure == QLatin1String("on-time") || figure == QLatin1String("all"))
        rc |= onTime(backend, count(10000));
    if (figure == QLatin1String("memory") || figure == QLatin1String("all"))
        rc |= memory(backend, count(100000));
    if (figure == QLatin1String("million") || figure == QLatin1String("all"))
        rc |= million(parser.value(QStringLiteral("million-file")), true);
    if (figure == QLatin1String("store") || figure == QLatin1String("all"))
        rc |= storeCost(backend, count(20000), parser.value(QStringLiteral("batch")).toInt());
    if (figure == QLatin1String("window") || figure == QLatin1String("all"))
        rc |= window(parser.value(QStringLiteral("million-file")), rounds(7), count(20000), false);
    if (figure == QLatin1String("one-host") || figure == QLatin1String("all"))
        rc |= oneHost(parser.value(QStringLiteral("delay")).toInt(), count(8), rounds(3));
    if (figure == QLatin1String("startup"))
        rc |= window(QString(), rounds(15), 0, true);
    if (figure == QLatin1String("large")) {
        LargeHistoryOptions o;
        o.backend = backend;
        o.count = parser.isSet(QStringLiteral("count")) ? parser.value(QStringLiteral("count")).toLongLong()
                                                        : 10'000'000;
        o.folder = parser.value(QStringLiteral("store-dir"));
        o.reuse = parser.isSet(QStringLiteral("reuse"));
        o.rounds = rounds(5);
        o.figures = parser.value(QStringLiteral("figures")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        o.pruneChunk = parser.value(QStringLiteral("chunk")).toInt();
        o.prunePauseMs = parser.value(QStringLiteral("prune-pause")).toInt();
        rc |= largeHistory(o);
    }
    return rc;
}
