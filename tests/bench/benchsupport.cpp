#include "benchsupport.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

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

// How long each launch waits before it starts. The window that was just ended is still being
// torn down by the kernel and the X server for a while after its process is reaped, and a
// launch started at once shares the two cores with that. On 2026-12-02 (`startup`, 15 rounds
// each way) launches back to back took the empty window 137 ms instead of 72 and Hookwatch
// 205 ms instead of 132: the short reference suffers most, which flattered the ratio (1.48
// instead of 1.80). A user starts the window on a settled machine.
constexpr int SettleMs = 500;

Launch launchWindow(const QString &program, const QStringList &args, const QProcessEnvironment &env,
    bool wantRows, int lingerMs)
{
    QThread::msleep(SettleMs);
    Launch r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    const qint64 launched = QDateTime::currentMSecsSinceEpoch();
    p.start(program, args);
    QElapsedTimer deadline;
    deadline.start();
    QByteArray pending;
    const auto readMarks = [&] {
        pending += p.readAll();
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(newline).trimmed();
            pending.remove(0, newline + 1);
            const qint64 at = line.mid(line.lastIndexOf(' ') + 1).toLongLong();
            if (line.contains("window-shown ") && r.shownMs < 0)
                r.shownMs = at - launched;
            else if (line.contains("history-rows-shown ") && r.rowsMs < 0)
                r.rowsMs = at - launched;
            else if (line.contains("history-rows-shown "))
                r.rowsAgainMs = at - launched;
        }
    };
    while (deadline.elapsed() < 60000 && (r.shownMs < 0 || (wantRows && r.rowsMs < 0))) {
        if (!p.waitForReadyRead(100)) {
            if (p.state() == QProcess::NotRunning)
                break;
            continue;
        }
        readMarks();
    }
    if (r.shownMs < 0)
        say(QStringLiteral("  %1 showed no window (%2, exit %3): %4")
                .arg(program,
                    p.state() == QProcess::Running              ? QStringLiteral("still running")
                        : p.exitStatus() == QProcess::CrashExit ? QStringLiteral("crashed")
                                                                : QStringLiteral("exited"))
                .arg(p.exitCode())
                .arg(QString::fromLocal8Bit(pending + p.readAll()).trimmed()));
    if (p.state() == QProcess::Running) {
        QThread::msleep(lingerMs);
        p.waitForReadyRead(10);
        readMarks();
        r.peakRssKb = peakRssKb(p.processId());
        p.terminate();
        if (!p.waitForFinished(5000))
            p.kill();
        p.waitForFinished(1000);
    }
    return r;
}

QMap<QString, QString> windowBench(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setStandardErrorFile(QProcess::nullDevice());
    p.start(QStringLiteral(WINDOW_BENCH_BIN), args);
    p.waitForFinished(600000);
    QMap<QString, QString> results;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (!line.startsWith("result "))
            continue;
        const QString text = QString::fromUtf8(line.mid(7));
        const qsizetype space = text.indexOf(QLatin1Char(' '));
        results.insert(text.left(space), text.mid(space + 1));
    }
    return results;
}

QList<double> numbers(const QString &text)
{
    QList<double> list;
    for (const QString &part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        list << part.toDouble();
    return list;
}

// "key=value" pairs of a result line.
QMap<QString, QString> fields(const QString &text)
{
    QMap<QString, QString> map;
    for (const QString &part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq > 0)
            map.insert(part.left(eq), part.mid(eq + 1));
    }
    return map;
}

QString verdict(bool met)
{
    return met ? QStringLiteral("met") : QStringLiteral("SHORT");
}

QString listed(const QList<double> &values)
{
    QStringList parts;
    for (double v : values)
        parts << QString::number(v, 'f', 0);
    return parts.join(QLatin1Char(' '));
}

QProcessEnvironment windowEnvironment(const QString &display, const QTemporaryDir &tmp)
{
    const QString config = tmp.filePath(QStringLiteral("config"));
    QDir().mkpath(config + QStringLiteral("/Hookwatch"));
    {
        QFile conf(config + QStringLiteral("/Hookwatch/hookwatch.conf"));
        conf.open(QIODevice::WriteOnly);
        conf.write("[history]\nretentionDays=3650\n");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), display);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    env.insert(QStringLiteral("XDG_DATA_HOME"), tmp.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), tmp.path());
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("hookwatch.timing.info=true"));
    env.remove(QStringLiteral("HOOKWATCH_DB"));
    return env;
}
