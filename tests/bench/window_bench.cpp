// hookwatch-window-bench: the window's figures that need a hand on the window, measured in
// process on Hookwatch's own MainWindow (hookwatch_gui, as the app links it) on a real display,
// driven the way a user drives it. `hookwatch-bench window` starts it and reads the "result"
// lines it prints; everything else goes to stderr.
//   hookwatch-window-bench history --db URL [--rounds N]
//       the longest stall before the first rows; filter the history to failed and back, Ctrl+End,
//       Ctrl+Home, the scroll bar dragged to its middle; sorted by status, the middle and the
//       pages below it; peak memory
//   hookwatch-window-bench busy --db URL --count N [--concurrency N]
//       the GUI event loop's stalls while the window's dispatcher delivers N deliveries

#include "appsettings.h"
#include "deliveryhistorymodel.h"
#include "historyview.h"
#include "historywindowmodel.h"
#include "mainwindow.h"
#include "storeconnection.h"
#include "storeservice.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSet>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

// The window's own timing marks (category hookwatch.timing), as they are logged.
struct Mark
{
    QString what;
    qint64 epochMs = 0;
};
QList<Mark> marks;
QtMessageHandler previousHandler = nullptr;

void catchMarks(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && qstrcmp(context.category, "hookwatch.timing") == 0) {
        const qsizetype space = message.lastIndexOf(QLatin1Char(' '));
        marks.append({ message.left(space), message.mid(space + 1).toLongLong() });
        return;
    }
    previousHandler(type, context, message);
}

void result(const QString &line)
{
    std::printf("result %s\n", qPrintable(line));
    std::fflush(stdout);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Runs the event loop until `done` holds (looked at every millisecond) or `timeoutMs` passes.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

void idle(int ms)
{
    waitUntil([] { return false; }, ms);
}

// The first mark named `what` after mark number `from`, or 0 within the timeout.
qint64 waitForMark(const QString &what, qsizetype from, int timeoutMs = 30000)
{
    qint64 at = 0;
    waitUntil(
        [&] {
            for (qsizetype i = from; i < marks.size(); ++i) {
                if (marks.at(i).what.startsWith(what)) {
                    at = marks.at(i).epochMs;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return at;
}

qint64 procStatusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

bool rowLoaded(DeliveryHistoryModel *model, int row)
{
    return row >= 0 && model->index(row, 0).data(DeliveryHistoryModel::LoadedRole).toBool();
}

// When the history view paints the rows wanted (`there`, given the top and bottom rows in view
// and the last row), each of them loaded: the wall clock once that paint is flushed, as the
// window's own marks are taken.
class RowsShownWatch final : public QObject
{
public:
    using Where = std::function<bool(int top, int bottom, int last)>;
    RowsShownWatch(HistoryView *view, DeliveryHistoryModel *model)
        : QObject(view)
        , m_view(view)
        , m_model(model)
    {
        view->viewport()->installEventFilter(this);
    }
    void arm(Where there)
    {
        m_there = std::move(there);
        m_shownAt = 0;
        m_armed = true;
    }
    qint64 shownAt() const { return m_shownAt; }

    static bool atBottom(int, int bottom, int last) { return bottom == last; }
    static bool atTop(int top, int, int) { return top == 0; }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || !m_armed)
            return false;
        // The view shows the rows from its top row down (HistoryView), as many as fit.
        const int last = m_model->rowCount() - 1;
        const int top = int(m_view->topRow());
        const int bottom = qMin(last, top + m_view->windowModel()->pageRows() - 1);
        if (m_there(top, bottom, last) && rowLoaded(m_model, top) && rowLoaded(m_model, bottom)) {
            m_armed = false;
            QMetaObject::invokeMethod(this, [this] { m_shownAt = now(); }, Qt::QueuedConnection);
        }
        return false;
    }

private:
    HistoryView *m_view;
    DeliveryHistoryModel *m_model;
    Where m_there;
    bool m_armed = false;
    qint64 m_shownAt = 0;
};

// How late a 5 ms timer on the GUI thread comes: how long the event loop could not answer.
class StallProbe final : public QObject
{
public:
    static constexpr qint64 PeriodNs = 5'000'000;
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(int(PeriodNs / 1'000'000));
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 tick = m_clock.nsecsElapsed();
            m_worstUs = qMax(m_worstUs, qMax<qint64>(0, tick - m_lastTick - PeriodNs) / 1000);
            m_lastTick = tick;
        });
        m_clock.start();
    }
    void start()
    {
        m_lastTick = m_clock.nsecsElapsed();
        m_worstUs = 0;
        m_timer.start();
    }
    // The longest stall since start() or the last take, in ms; starts over.
    double take()
    {
        const double worst = m_worstUs / 1000.0;
        m_worstUs = 0;
        return worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTick = 0;
    qint64 m_worstUs = 0;
};

void pressKey(QWidget *widget, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QKeyEvent press(QEvent::KeyPress, key, modifiers);
    QCoreApplication::sendEvent(widget, &press);
    QKeyEvent release(QEvent::KeyRelease, key, modifiers);
    QCoreApplication::sendEvent(widget, &release);
}

QString joined(const QList<qint64> &values)
{
    QStringList parts;
    for (qint64 v : values)
        parts << QString::number(v);
    return parts.join(QLatin1Char(' '));
}

// Closes the window as a user does and waits until its store is closed.
void closeWindow(MainWindow &window)
{
    bool finished = false;
    QObject::connect(&window, &MainWindow::finished, &window, [&finished] { finished = true; });
    window.close();
    waitUntil([&finished] { return finished; }, 10000);
}

AppSettings benchSettings(int concurrency)
{
    AppSettings settings;
    settings.delivery.deliver = true; // the default: the window delivers
    settings.delivery.concurrency = concurrency;
    // The million-row store was made with old dates: the default 30 days would prune it.
    settings.retentionDays = 3650;
    return settings;
}

int history(const DatabaseConfig &database, int rounds)
{
    MainWindow window(database, benchSettings(8), true);
    StallProbe probe;
    // Until the window is shown, from then to its first rows (the store opens and pages), then
    // on to its count and a settled window: how long the event loop could not answer.
    probe.start();
    window.showWhenReady();
    const qint64 shownAt = waitForMark(QStringLiteral("window-shown"), 0);
    if (!shownAt) {
        result(QStringLiteral("error the window was not shown within 30 s"));
        return 1;
    }
    const double showingStall = probe.take(); // the first layout and paint, whatever the store
    if (!waitForMark(QStringLiteral("history-rows-shown"), 0, 60000)) {
        result(QStringLiteral("error the history showed no rows within 60 s"));
        return 1;
    }
    const double startingStall = probe.take();
    HistoryView *view = window.historyView();
    DeliveryHistoryModel *model = window.historyModel();
    waitUntil([model] { return !model->isCounting(); }, 120000);
    const qint64 countedAt = now();
    idle(1500); // the first refresh batch (webhooks, schedule, status) settles
    const double openingStall = probe.take();
    auto *display = window.findChild<QComboBox *>(QStringLiteral("displayFilter"));
    const int failed = display->findData(int(Delivery::Display::Failed));
    auto *watch = new RowsShownWatch(view, model);
    view->setFocus();

    // The scroll bar dragged so that row `top` is at the top and let go, as a hand does: the
    // milliseconds until those rows were painted, -1 if they never were.
    const auto dragTo = [view, watch](int top) -> qint64 {
        QScrollBar *bar = view->positionBar();
        watch->arm([top](int shownTop, int, int) { return qAbs(shownTop - top) <= 1; });
        const qint64 t0 = now();
        bar->setSliderDown(true);
        bar->setSliderPosition(top);
        bar->setSliderDown(false);
        waitUntil([watch] { return watch->shownAt() != 0; }, 60000);
        return watch->shownAt() ? watch->shownAt() - t0 : -1;
    };

    QList<qint64> toFailed, toAll, countAll, toEnd, toTop, toMiddle;
    qint64 pagesForEnd = 0, pagesForMiddle = 0, rowsCached = 0, allRows = 0, failedRows = 0;
    for (int round = 0; round < rounds; ++round) {
        // Filter to failed, as a user picks it in the status box.
        qsizetype from = marks.size();
        qint64 t0 = now();
        display->setCurrentIndex(failed);
        qint64 shown = waitForMark(QStringLiteral("history-rows-shown"), from);
        toFailed << (shown ? shown - t0 : -1);
        idle(300);
        waitUntil([model] { return !model->isCounting(); }, 120000);
        failedRows = model->rowCount();
        // Back to every status, and its count.
        from = marks.size();
        t0 = now();
        display->setCurrentIndex(0);
        shown = waitForMark(QStringLiteral("history-rows-shown"), from);
        toAll << (shown ? shown - t0 : -1);
        // Ctrl+End goes to the end of what is counted: the count first.
        waitUntil([model] { return !model->isCounting(); }, 120000);
        countAll << now() - t0;
        idle(300);
        allRows = model->rowCount();
        // A click on the first row (the keys move from the current row), then Ctrl+End with the
        // cache holding the first rows only, then Ctrl+Home.
        view->setCurrentIndex(view->model()->index(0, 0));
        idle(300);
        int pagesBefore = model->pagesRequested();
        watch->arm(RowsShownWatch::atBottom);
        t0 = now();
        pressKey(view, Qt::Key_End, Qt::ControlModifier);
        waitUntil([watch] { return watch->shownAt() != 0; }, 60000);
        toEnd << (watch->shownAt() ? watch->shownAt() - t0 : -1);
        idle(300);
        pagesForEnd = qMax<qint64>(pagesForEnd, model->pagesRequested() - pagesBefore);
        watch->arm(RowsShownWatch::atTop);
        t0 = now();
        pressKey(view, Qt::Key_Home, Qt::ControlModifier);
        waitUntil([watch] { return watch->shownAt() != 0; }, 60000);
        toTop << (watch->shownAt() ? watch->shownAt() - t0 : -1);
        idle(300);
        // The scroll bar dragged to its middle; the cache holds the first and last rows only.
        pagesBefore = model->pagesRequested();
        toMiddle << dragTo(view->positionBar()->maximum() / 2);
        idle(300);
        pagesForMiddle = qMax<qint64>(pagesForMiddle, model->pagesRequested() - pagesBefore);
        rowsCached = qMax<qint64>(rowsCached, model->cachedRowCount());
    }
    // Sorted by status, as a header click asks: the first rows, a drag to the middle (a key
    // estimated inside its group), then a page at a time down from there (each from the key of
    // the row above it).
    QList<qint64> toStatus, statusMiddle, statusNext;
    {
        qsizetype from = marks.size();
        qint64 t0 = now();
        model->sort(DeliveryHistoryModel::Status, Qt::DescendingOrder);
        qint64 shown = waitForMark(QStringLiteral("history-rows-shown"), from);
        toStatus << (shown ? shown - t0 : -1);
        waitUntil([model] { return !model->isCounting(); }, 120000);
        idle(300);
        int at = view->positionBar()->maximum() / 2;
        for (int step = 0; step < 6; ++step) {
            (step == 0 ? statusMiddle : statusNext) << dragTo(at);
            idle(200);
            at += DeliveryHistoryModel::PageSize;
        }
    }
    result(QStringLiteral("showing-stall-ms %1").arg(showingStall, 0, 'f', 1));
    result(QStringLiteral("starting-stall-ms %1").arg(startingStall, 0, 'f', 1));
    result(QStringLiteral("opening-stall-ms %1").arg(openingStall, 0, 'f', 1));
    result(QStringLiteral("counted-after-shown-ms %1").arg(countedAt - shownAt));
    result(QStringLiteral("filter-failed-ms %1").arg(joined(toFailed)));
    result(QStringLiteral("filter-all-ms %1").arg(joined(toAll)));
    result(QStringLiteral("count-all-ms %1").arg(joined(countAll)));
    result(QStringLiteral("scroll-end-ms %1").arg(joined(toEnd)));
    result(QStringLiteral("scroll-top-ms %1").arg(joined(toTop)));
    result(QStringLiteral("scroll-middle-ms %1").arg(joined(toMiddle)));
    result(QStringLiteral("sort-status-ms %1").arg(joined(toStatus)));
    result(QStringLiteral("status-middle-ms %1").arg(joined(statusMiddle)));
    result(QStringLiteral("status-next-page-ms %1").arg(joined(statusNext)));
    result(QStringLiteral("session-stall-ms %1").arg(probe.take(), 0, 'f', 1));
    result(QStringLiteral(
        "rows all=%1 failed=%2 pages-for-end=%3 pages-for-middle=%4 cached-max=%5 page-size=%6")
               .arg(allRows)
               .arg(failedRows)
               .arg(pagesForEnd)
               .arg(pagesForMiddle)
               .arg(rowsCached)
               .arg(DeliveryHistoryModel::PageSize));
    result(QStringLiteral("peak-rss-kb %1").arg(procStatusKb("VmHWM:")));
    closeWindow(window);
    return 0;
}

int busy(const DatabaseConfig &database, int count, int concurrency)
{
    MainWindow window(database, benchSettings(concurrency), true);
    QSet<qint64> completed;
    QObject::connect(window.connection()->service(), &StoreService::deliveriesUpdated, &window,
        [&completed](const QList<Delivery> &deliveries) {
            for (const Delivery &d : deliveries) {
                if (d.status == JobStatus::Completed)
                    completed.insert(d.id);
            }
        });
    window.show();
    if (!waitForMark(QStringLiteral("window-shown"), 0)) {
        result(QStringLiteral("error the window was not shown within 30 s"));
        return 1;
    }

    // The probe: a 5 ms timer on the GUI thread; how late each tick comes is how long the
    // event loop could not answer. Until the first rows are shown, the window is starting.
    constexpr qint64 ProbeNs = 5'000'000;
    QList<qint64> lateness; // microseconds, once the first rows are shown
    lateness.reserve(100000);
    qint64 worst = -1;
    qint64 worstAtMs = 0;
    qint64 startingWorst = 0;
    bool started = false;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(int(ProbeNs / 1'000'000));
    QObject::connect(&probe, &QTimer::timeout, &window, [&] {
        const qint64 tick = clock.nsecsElapsed();
        const qint64 late = qMax<qint64>(0, tick - lastTick - ProbeNs) / 1000;
        lastTick = tick;
        if (!started) {
            startingWorst = qMax(startingWorst, late);
            started
                = !marks.isEmpty() && marks.constLast().what.startsWith(QLatin1String("history-rows-shown"));
            return;
        }
        if (late > worst) {
            worst = late;
            worstAtMs = tick / 1'000'000;
        }
        lateness << late;
    });
    // A user watching: scrolls the history to somewhere else every 250 ms.
    QTimer user;
    user.setInterval(250);
    QObject::connect(&user, &QTimer::timeout, &window, [&window] {
        QScrollBar *bar = window.historyView()->positionBar();
        bar->setValue(QRandomGenerator::global()->bounded(bar->maximum() + 1));
    });
    probe.start();
    user.start();
    const bool done = waitUntil([&] { return completed.size() >= count; }, 300000);
    const double seconds = clock.nsecsElapsed() / 1e9;
    probe.stop();
    user.stop();
    std::sort(lateness.begin(), lateness.end());
    const auto pct = [&lateness](double p) {
        return lateness.isEmpty()
            ? 0.0
            : lateness.at(qMin(lateness.size() - 1, qsizetype(p * lateness.size()))) / 1000.0;
    };
    const qsizetype over50
        = std::count_if(lateness.cbegin(), lateness.cend(), [](qint64 us) { return us > 50000; });
    result(QStringLiteral(
        "busy delivered=%1 of=%2 seconds=%3 samples=%4 stall-max-ms=%5 stall-p99-ms=%6 "
        "stall-p50-ms=%7 over-50ms=%8 worst-at-s=%9 peak-rss-kb=%10 done=%11 starting-stall-ms=%12")
               .arg(completed.size())
               .arg(count)
               .arg(seconds, 0, 'f', 2)
               .arg(lateness.size())
               .arg(pct(1.0), 0, 'f', 1)
               .arg(pct(0.99), 0, 'f', 1)
               .arg(pct(0.5), 0, 'f', 1)
               .arg(over50)
               .arg(worstAtMs / 1000.0, 0, 'f', 1)
               .arg(procStatusKb("VmHWM:"))
               .arg(done ? 1 : 0)
               .arg(startingWorst / 1000.0, 0, 'f', 1));
    closeWindow(window);
    return done ? 0 : 1;
}

} // namespace

// With HOOKWATCH_BENCH_SLOW_EVENTS=MS, every event that takes longer than that on the GUI thread
// is named on stderr: where a stall comes from.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_slowMs <= 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        const QByteArray name
            = receiver->metaObject()->className() + QByteArrayLiteral(" ") + receiver->objectName().toUtf8();
        ++m_depth;
        const bool done = QApplication::notify(receiver, event);
        --m_depth;
        if (t.elapsed() >= m_slowMs)
            std::fprintf(stderr, "slow event: %lld ms from %lld, depth %d, type %d, to %s\n", t.elapsed(),
                startedAt, m_depth, type, name.constData());
        return done;
    }

private:
    int m_slowMs = qEnvironmentVariableIntValue("HOOKWATCH_BENCH_SLOW_EVENTS");
    int m_depth = 0;
};

int main(int argc, char *argv[])
{
    TimedApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Hookwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("hookwatch"));
    QLoggingCategory::setFilterRules(QStringLiteral("hookwatch.timing.info=true"));
    previousHandler = qInstallMessageHandler(catchMarks);

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("figure"), QStringLiteral("history or busy"));
    parser.addOption({ QStringLiteral("db"), QStringLiteral("the store"), QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("history rounds"), QStringLiteral("N"),
        QStringLiteral("5") });
    parser.addOption({ QStringLiteral("count"), QStringLiteral("deliveries waiting"), QStringLiteral("N"),
        QStringLiteral("20000") });
    parser.addOption({ QStringLiteral("concurrency"), QStringLiteral("in flight"), QStringLiteral("N"),
        QStringLiteral("8") });
    parser.process(app);
    const auto database = DatabaseConfig::parse(parser.value(QStringLiteral("db")));
    if (!database) {
        result(QStringLiteral("error ") + database.error());
        return 2;
    }
    const QString figure = parser.positionalArguments().value(0);
    if (figure == QLatin1String("history"))
        return history(database.value(), parser.value(QStringLiteral("rounds")).toInt());
    if (figure == QLatin1String("busy"))
        return busy(database.value(), parser.value(QStringLiteral("count")).toInt(),
            parser.value(QStringLiteral("concurrency")).toInt());
    parser.showHelp(2);
}
