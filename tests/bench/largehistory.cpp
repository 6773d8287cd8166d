#include "largehistory.h"

#include "benchsupport.h"
#include "jobstore.h"
#include "largestore.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>

namespace {

QString thousands(qint64 n)
{
    QString s = QString::number(n);
    for (qsizetype i = s.size() - 3; i > 0; i -= 3)
        s.insert(i, QLatin1Char(','));
    return s;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.at(qMin(v.size() - 1, qsizetype(p * v.size())));
}

// The window on the large store: first rows and peak memory over `rounds` launches of the
// real `hookwatch`, then filtering, Ctrl+End, the scroll bar dragged to its middle and the
// stall before the first rows in hookwatch-window-bench.
void windowFigures(const LargeStore &store, const LargeHistoryOptions &o, QStringList &report)
{
    Display display;
    if (display.name().isEmpty()) {
        report << QStringLiteral("  window: no display (set DISPLAY, or install Xvfb)");
        return;
    }
    QTemporaryDir tmp;
    const QProcessEnvironment env = windowEnvironment(display.name(), tmp);
    const QStringList args = { QStringLiteral("--db=") + store.url() };
    say(QStringLiteral("  window on %1: %2 launches, then %2 rounds of filtering and scrolling")
            .arg(display.describe())
            .arg(o.rounds));
    launchWindow(QStringLiteral(HOOKWATCH_BIN), args, env, true, 0); // files into the page cache
    QList<double> rows;
    qint64 launchPeakKb = 0;
    for (int round = 0; round < o.rounds; ++round) {
        const Launch l = launchWindow(QStringLiteral(HOOKWATCH_BIN), args, env, true, o.launchLingerMs);
        say(QStringLiteral("    launch %1: shown %2 ms, first rows %3 ms, peak %4 MB")
                .arg(round + 1)
                .arg(l.shownMs)
                .arg(l.rowsMs)
                .arg(l.peakRssKb / 1024.0, 0, 'f', 1));
        if (l.rowsMs > 0)
            rows << l.rowsMs;
        launchPeakKb = qMax(launchPeakKb, l.peakRssKb);
    }
    const auto h = windowBench({ QStringLiteral("history"), QStringLiteral("--db=") + store.url(),
                                   QStringLiteral("--rounds"), QString::number(o.rounds) },
        env);
    if (h.contains(QStringLiteral("error")))
        report << QStringLiteral("  window bench: %1").arg(h.value(QStringLiteral("error")));
    const auto counts = fields(h.value(QStringLiteral("rows")));
    const auto figure = [&h](const char *key) { return numbers(h.value(QLatin1String(key))); };
    const double historyPeakKb = h.value(QStringLiteral("peak-rss-kb")).toDouble();
    report << QStringLiteral("  first rows after launch: %1 ms (median; rounds %2) (goal <= 250)")
                  .arg(median(rows), 0, 'f', 0)
                  .arg(listed(rows));
    report << QStringLiteral("  filter to failed: %1 ms (rounds %2; back to all %3 ms) (goal <= 100)")
                  .arg(median(figure("filter-failed-ms")), 0, 'f', 0)
                  .arg(listed(figure("filter-failed-ms")))
                  .arg(median(figure("filter-all-ms")), 0, 'f', 0);
    report << QStringLiteral(
        "  Ctrl+End: %1 ms (rounds %2; %3 page(s) of %4 fetched; Ctrl+Home %5 ms) (goal <= 100)")
                  .arg(median(figure("scroll-end-ms")), 0, 'f', 0)
                  .arg(listed(figure("scroll-end-ms")))
                  .arg(counts.value(QStringLiteral("pages-for-end")))
                  .arg(counts.value(QStringLiteral("page-size")))
                  .arg(median(figure("scroll-top-ms")), 0, 'f', 0);
    report << QStringLiteral(
        "  scroll bar dragged to 50%: %1 ms (rounds %2; %3 page(s) fetched) (goal <= 150)")
                  .arg(median(figure("scroll-middle-ms")), 0, 'f', 0)
                  .arg(listed(figure("scroll-middle-ms")))
                  .arg(counts.value(QStringLiteral("pages-for-middle")));
    report << QStringLiteral("  sorted by status: first rows %1 ms; dragged to 50%: %2 ms (a key estimated in "
                             "its group); the next pages down from there: %3 ms (median; %4)")
                  .arg(median(figure("sort-status-ms")), 0, 'f', 0)
                  .arg(median(figure("status-middle-ms")), 0, 'f', 0)
                  .arg(median(figure("status-next-page-ms")), 0, 'f', 0)
                  .arg(listed(figure("status-next-page-ms")));
    report << QStringLiteral(
        "  peak memory of the window: %1 MB on opening (%2 s after the first rows), %3 MB after "
        "filtering and scrolling (goal <= 80, within 10 MB of 1M)")
                  .arg(launchPeakKb / 1024.0, 0, 'f', 1)
                  .arg(o.launchLingerMs / 1000.0, 0, 'f', 1)
                  .arg(historyPeakKb / 1024.0, 0, 'f', 1);
    report << QStringLiteral(
        "  longest stall before the first rows: %1 ms from the window shown (goal <= 50; %2 ms "
        "while it was being shown); from the first rows to the count and 1.5 s on: %3 ms; "
        "while filtering and scrolling: %4 ms")
                  .arg(h.value(QStringLiteral("starting-stall-ms")),
                      h.value(QStringLiteral("showing-stall-ms")),
                      h.value(QStringLiteral("opening-stall-ms")),
                      h.value(QStringLiteral("session-stall-ms")));
    report << QStringLiteral(
        "  count: %1 rows counted %2 ms after the window was shown; all rows again %3 ms after "
        "the filter (rounds %4); %5 failed")
                  .arg(thousands(counts.value(QStringLiteral("all")).toLongLong()),
                      h.value(QStringLiteral("counted-after-shown-ms")))
                  .arg(median(figure("count-all-ms")), 0, 'f', 0)
                  .arg(listed(figure("count-all-ms")))
                  .arg(thousands(counts.value(QStringLiteral("failed")).toLongLong()));
}

// `hookwatch deliveries --status failed --limit 50`, a whole process each time.
void cliFigures(const LargeStore &store, const LargeHistoryOptions &o, QStringList &report)
{
    QList<double> times, bareTimes;
    const bool sqlite = o.backend == QLatin1String("sqlite");
    for (int i = 0; i < 11; ++i) {
        const Timing r = runHookwatch(
            { QStringLiteral("deliveries"), QStringLiteral("--status"), QStringLiteral("failed"),
                QStringLiteral("--limit"), QStringLiteral("50"), QStringLiteral("--db=") + store.url() });
        if (r.exitCode != 0) {
            report << QStringLiteral("  deliveries --status failed: exit %1: %2")
                          .arg(r.exitCode)
                          .arg(QString::fromLocal8Bit(r.err).trimmed());
            return;
        }
        if (i > 0)
            times << r.seconds * 1000;
        if (sqlite) {
            // The reference: a bare Qt Core + Sql program running the same query.
            QProcess bare;
            bare.setStandardOutputFile(QProcess::nullDevice());
            QElapsedTimer t;
            t.start();
            bare.start(QStringLiteral(BARE_QUERY_BIN), { store.url().mid(7) });
            bare.waitForFinished(-1);
            if (i > 0)
                bareTimes << t.nsecsElapsed() / 1e6;
        }
    }
    report << QStringLiteral(
        "  `deliveries --status failed --limit 50`: %1 ms median, min %2 (10 runs) (goal <= 20)%3")
                  .arg(median(times), 0, 'f', 1)
                  .arg(*std::min_element(times.cbegin(), times.cend()), 0, 'f', 1)
                  .arg(sqlite ? QStringLiteral("; a bare Qt Core + Sql program: %1 ms")
                                    .arg(median(bareTimes), 0, 'f', 1)
                              : QString());
}

// Another connection's short write, every 20 ms, while the prune runs: how long the store
// kept it waiting. On SQLite a write waits for the prune's write lock; on PostgreSQL it does not
// touch the rows being deleted.
class WriteProbe
{
public:
    explicit WriteProbe(const QString &url)
        : m_url(url)
    {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->start();
    }
    ~WriteProbe() { stop(); }
    void stop()
    {
        m_stop.storeRelaxed(1);
        m_thread->wait();
    }
    QList<double> waits()
    {
        QMutexLocker locker(&m_mutex);
        return m_waits;
    }
    QString error()
    {
        QMutexLocker locker(&m_mutex);
        return m_error;
    }

private:
    void run()
    {
        JobStore store(DatabaseConfig::parse(m_url).value());
        auto hook = store.open() ? store.webhook(1) : Result<Webhook>::failure(QStringLiteral("cannot open"));
        if (!hook) {
            QMutexLocker locker(&m_mutex);
            m_error = hook.error();
            return;
        }
        Webhook w = hook.value();
        while (!m_stop.loadRelaxed()) {
            QElapsedTimer t;
            t.start();
            w.dateLastModified += 1;
            const Status s = store.updateWebhook(w);
            const double ms = t.nsecsElapsed() / 1e6;
            {
                QMutexLocker locker(&m_mutex);
                m_waits << ms;
                if (!s && m_error.isEmpty())
                    m_error = s.error();
            }
            QThread::msleep(20);
        }
    }

    QString m_url;
    std::unique_ptr<QThread> m_thread;
    QAtomicInt m_stop;
    QMutex m_mutex;
    QList<double> m_waits;
    QString m_error;
};

// Prunes the copy at `url` and returns the figure: deliveries 1…keepFrom-1 finished before the
// cut-off, the newest tenth after it.
QString pruneCopy(const QString &url, const LargeHistoryOptions &o)
{
    JobStore jobs(DatabaseConfig::parse(url).value());
    if (Status s = jobs.open(); !s) {
        return QStringLiteral("  prune: %1").arg(s.error());
    }
    // Deliveries 1…keepFrom-1 finished before the cut-off, the newest tenth after it.
    const qint64 keepFrom = o.count - o.count / 10 + 1;
    const auto first = jobs.delivery(keepFrom);
    if (!first || !first->dateFinished) {
        return QStringLiteral("  prune: no delivery %1").arg(keepFrom);
    }
    const TimeMs before = *first->dateFinished;
    WriteProbe probe(url);
    QList<double> chunks;
    qint64 deleted = 0;
    // The app's pacing (JobStore::prunePacer), unless --chunk or --prune-pause say otherwise.
    PrunePacer pacer = jobs.prunePacer();
    if (o.pruneChunk > 0 || o.prunePauseMs >= 0)
        pacer = PrunePacer(o.prunePauseMs >= 0 ? o.prunePauseMs : pacer.pauseMs(),
            o.pruneChunk > 0 ? o.pruneChunk : PrunePacer::FirstChunk);
    const bool fixedChunk = o.pruneChunk > 0;
    QElapsedTimer t;
    t.start();
    for (;;) {
        QElapsedTimer c;
        c.start();
        const int chunk = pacer.chunk();
        const auto n = jobs.pruneChunk(before, chunk);
        chunks << c.nsecsElapsed() / 1e6;
        if (!n) {
            return QStringLiteral("  prune: %1").arg(n.error());
        }
        deleted += n.value();
        if (chunks.size() % 200 == 0)
            say(QStringLiteral("    %1 deleted, %2 s")
                    .arg(thousands(deleted))
                    .arg(t.elapsed() / 1000.0, 0, 'f', 0));
        if (fixedChunk ? n.value() < chunk : !pacer.record(n.value(), qint64(chunks.last())))
            break;
        if (pacer.pauseMs() > 0)
            QThread::msleep(pacer.pauseMs());
    }
    const double seconds = t.elapsed() / 1000.0;
    probe.stop();
    const QList<double> waits = probe.waits();
    return QStringLiteral(
        "  prune %1 of %2 (finished before the newest tenth): %3 s, %4 transactions of %5%13: "
        "median %6 ms, p99 %7 ms, longest %8 ms (goal: none over 1000 ms); another "
        "connection's write, every 20 ms meanwhile (%9 of them): median %10 ms, longest %11 ms%12")
        .arg(thousands(deleted), thousands(o.count))
        .arg(seconds, 0, 'f', 1)
        .arg(chunks.size())
        .arg(fixedChunk ? QString::number(o.pruneChunk)
                        : QStringLiteral("about %1 ms").arg(PrunePacer::TargetMs))
        .arg(percentile(chunks, 0.5), 0, 'f', 0)
        .arg(percentile(chunks, 0.99), 0, 'f', 0)
        .arg(percentile(chunks, 1.0), 0, 'f', 0)
        .arg(waits.size())
        .arg(percentile(waits, 0.5), 0, 'f', 1)
        .arg(percentile(waits, 1.0), 0, 'f', 0)
        .arg(probe.error().isEmpty() ? QString() : QStringLiteral(" (its error: %1)").arg(probe.error()))
        .arg(pacer.pauseMs() > 0 ? QStringLiteral(", %1 ms apart").arg(pacer.pauseMs()) : QString());
}

// Prune of nine tenths of the deliveries (a year's expired rows, 9M of 10M) on a copy of the
// store, in the chunks the app takes, each its own transaction, as JobStore::prune does.
void pruneFigures(const LargeStore &store, const LargeHistoryOptions &o, QStringList &report)
{
    QElapsedTimer t;
    t.start();
    const auto copy = store.copy(QStringLiteral("prune"));
    if (!copy) {
        report << QStringLiteral("  prune: %1").arg(copy.error());
        return;
    }
    say(QStringLiteral("  prune: copied the store in %1 s").arg(t.elapsed() / 1000.0, 0, 'f', 1));
    report << pruneCopy(copy.value(), o);
    store.removeCopy(copy.value());
}

} // namespace

int largeHistory(const LargeHistoryOptions &o)
{
    LargeStore store(o.backend, o.count, o.folder);
    say(QStringLiteral("large: %1 deliveries, %2 attempts on %3 (%4)")
            .arg(thousands(o.count), thousands(3 * o.count), o.backend, store.describe()));
    QElapsedTimer t;
    t.start();
    if (Status s = store.ensure(o.reuse); !s) {
        say(QStringLiteral("large: %1").arg(s.error()));
        return 1;
    }
    QStringList report;
    const auto wanted = [&o](const char *figure) {
        return o.figures.isEmpty() || o.figures.contains(QLatin1String(figure));
    };
    if (wanted("window"))
        windowFigures(store, o, report);
    if (wanted("cli"))
        cliFigures(store, o, report);
    if (wanted("prune"))
        pruneFigures(store, o, report);
    say(QStringLiteral("large %1, %2 deliveries / %3 attempts, store %4 GB (%5):")
            .arg(o.backend, thousands(o.count), thousands(3 * o.count))
            .arg(store.sizeBytes() / 1e9, 0, 'f', 2)
            .arg(store.describe()));
    for (const QString &line : std::as_const(report))
        say(line);
    return 0;
}
