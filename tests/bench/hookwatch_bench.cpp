// hookwatch-bench: measures the figures of docs/PERFORMANCE.md on this machine and prints them.
// Every figure is a ratio or a bound measured within one run, against a receiver process on
// 127.0.0.1 (hookwatch-test-receiver). Usage: hookwatch-bench [throughput|on-time|memory|million|all]
//   [--db sqlite|postgresql] [--count N] [--concurrency N]

#include "jobstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSqlError>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>

namespace {

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// The receiver as its own process, answering 200 at once.
class Receiver
{
public:
    explicit Receiver(const QString &outputPath)
    {
        m_process.setStandardOutputFile(outputPath);
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.start(QStringLiteral(RECEIVER_BIN), { QStringLiteral("--port"), QStringLiteral("0") });
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

struct Timing
{
    double seconds = 0;
    int exitCode = 0;
    QByteArray err;
};

Timing runHookwatch(const QStringList &args)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(HOOKWATCH_BIN), args);
    p.waitForFinished(-1);
    Timing r;
    r.seconds = t.nsecsElapsed() / 1e9;
    r.exitCode = p.exitCode();
    r.err = p.readAllStandardError();
    return r;
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

// The ceiling: a bare QNetworkAccessManager loop POSTing the same bodies at the same
// concurrency, storing nothing.
double bareLoopSeconds(const QString &url, int count, int concurrency)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    int started = 0;
    int finished = 0;
    QEventLoop loop;
    QElapsedTimer t;
    std::function<void()> startOne = [&] {
        if (started >= count)
            return;
        ++started;
        QNetworkRequest request { QUrl(url) };
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(30000);
        QNetworkReply *reply = network.post(request, Payload);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            reply->readAll();
            reply->deleteLater();
            if (++finished == count)
                loop.quit();
            else
                startOne();
        });
    };
    t.start();
    for (int i = 0; i < concurrency; ++i)
        startOne();
    loop.exec();
    return t.nsecsElapsed() / 1e9;
}

// CPU seconds (user + system) used so far by this process or by its finished children.
double cpuSeconds(int who)
{
    rusage u {};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

int throughput(const QString &backend, int count, int concurrency, int rounds)
{
    QTemporaryDir tmp;
    Receiver receiver(tmp.filePath(QStringLiteral("receiver.log")));
    if (!receiver.ok()) {
        say(QStringLiteral("receiver did not start"));
        return 1;
    }
    QList<double> bare, hook, ratios;
    for (int round = 0; round < rounds; ++round) {
        const double selfBefore = cpuSeconds(RUSAGE_SELF);
        const double b = bareLoopSeconds(receiver.url(), count, concurrency);
        const double bareCpu = cpuSeconds(RUSAGE_SELF) - selfBefore;
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
        say(QStringLiteral("  round %1: bare loop %2/s (%8 us CPU each), hookwatch %3/s (%9 us CPU each; enqueue %4 s, "
                           "worker exit %5, %6 of %7 completed)")
                    .arg(round + 1)
                    .arg(count / b, 0, 'f', 0)
                    .arg(count / work.seconds, 0, 'f', 0)
                    .arg(enqueue.seconds, 0, 'f', 2)
                    .arg(work.exitCode)
                    .arg(completed)
                    .arg(count)
                    .arg(bareCpu / count * 1e6, 0, 'f', 0)
                    .arg(workerCpu / count * 1e6, 0, 'f', 0));
        bare << count / b;
        hook << count / work.seconds;
        ratios << (count / work.seconds) / (count / b);
        if (!store.pgDatabase.isEmpty()) {
            JobStore admin(DatabaseConfig::parse(qEnvironmentVariable("HOOKWATCH_TEST_PG_URL")).value());
            if (admin.open()) {
                QSqlQuery q(admin.database());
                q.exec(QStringLiteral("DROP DATABASE ") + store.pgDatabase + QStringLiteral(" WITH (FORCE)"));
            }
        }
    }
    say(QStringLiteral("throughput %1: %2 deliveries, concurrency %3: bare loop %4/s, hookwatch %5/s, ratio %6% "
                       "(median of %7 rounds; goal %8%)")
                .arg(backend)
                .arg(count)
                .arg(concurrency)
                .arg(median(bare), 0, 'f', 0)
                .arg(median(hook), 0, 'f', 0)
                .arg(median(ratios) * 100, 0, 'f', 1)
                .arg(rounds)
                .arg(backend == QLatin1String("sqlite") ? 80 : 60));
    return 0;
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

qint64 peakRssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
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

// A store of 1,000,000 deliveries and 3,000,000 attempts; the CLI's "failed, newest 50".
int million(const QString &path, bool keep)
{
    const QString url = QStringLiteral("sqlite:") + path;
    if (!QFile::exists(path)) {
        JobStore s(DatabaseConfig::parse(url).value());
        if (Status o = s.open(); !o) {
            say(o.error());
            return 1;
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
                return 1;
            }
        }
        say(QStringLiteral("million: made %1 in %2 s").arg(path).arg(t.elapsed() / 1000.0, 0, 'f', 1));
    }
    QList<double> times;
    for (int i = 0; i < 11; ++i) {
        const Timing r = runHookwatch({ QStringLiteral("deliveries"), QStringLiteral("--status"),
                                        QStringLiteral("failed"), QStringLiteral("--limit"), QStringLiteral("50"),
                                        QStringLiteral("--db=") + url });
        if (i > 0)
            times << r.seconds * 1000;
    }
    say(QStringLiteral("million: `hookwatch deliveries --status failed --limit 50` on 1,000,000 deliveries / 3,000,000 "
                       "attempts: median %1 ms, min %2 ms as a whole process (goal <= 20 ms)")
                .arg(median(times), 0, 'f', 1)
                .arg(*std::min_element(times.begin(), times.end()), 0, 'f', 1));
    if (!keep)
        QFile::remove(path);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("figure"), QStringLiteral("throughput, on-time, memory, million or all"));
    parser.addOption({ QStringLiteral("db"), QStringLiteral("sqlite or postgresql"), QStringLiteral("backend"),
                       QStringLiteral("sqlite") });
    parser.addOption({ QStringLiteral("count"), QStringLiteral("deliveries"), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("concurrency"), QStringLiteral("in flight"), QStringLiteral("N"),
                       QStringLiteral("8") });
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("throughput rounds"), QStringLiteral("N"),
                       QStringLiteral("3") });
    parser.addOption({ QStringLiteral("million-file"), QStringLiteral("where the million-row store is kept"),
                       QStringLiteral("PATH"), QStringLiteral("/tmp/hookwatch-million.db") });
    parser.process(app);
    const QString figure = parser.positionalArguments().value(0, QStringLiteral("all"));
    const QString backend = parser.value(QStringLiteral("db"));
    const int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    const auto count = [&parser](int fallback) {
        return parser.isSet(QStringLiteral("count")) ? parser.value(QStringLiteral("count")).toInt() : fallback;
    };
    say(QStringLiteral("hookwatch-bench on %1 cores, %2").arg(QThread::idealThreadCount()).arg(backend));
    int rc = 0;
    if (figure == QLatin1String("throughput") || figure == QLatin1String("all"))
        rc |= throughput(backend, count(20000), concurrency, parser.value(QStringLiteral("rounds")).toInt());
    if (figure == QLatin1String("on-time") || figure == QLatin1String("all"))
        rc |= onTime(backend, count(10000));
    if (figure == QLatin1String("memory") || figure == QLatin1String("all"))
        rc |= memory(backend, count(100000));
    if (figure == QLatin1String("million") || figure == QLatin1String("all"))
        rc |= million(parser.value(QStringLiteral("million-file")), true);
    return rc;
}
