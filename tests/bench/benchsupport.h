#pragma once

// What the figures of hookwatch-bench share: printing, medians, running `hookwatch`, the display
// the window's figures are measured on and one launch of a window.

#include <QFile>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QThread>

class QTemporaryDir;

void say(const QString &line);
double median(QList<double> v);

struct Timing
{
    double seconds = 0;
    int exitCode = 0;
    QByteArray err;
};

// Runs `hookwatch ARGS` to its end, its output thrown away: wall time, exit code, stderr.
Timing runHookwatch(const QStringList &args);

qint64 peakRssKb(qint64 pid);

// The display the window's figures are measured on: $DISPLAY, or an Xvfb of its own when
// DISPLAY is unset.
class Display
{
public:
    Display()
    {
        if (qEnvironmentVariableIsSet("DISPLAY")) {
            m_name = qEnvironmentVariable("DISPLAY");
            return;
        }
        for (int n = 90; n < 120 && m_name.isEmpty(); ++n) {
            const QString socket = QStringLiteral("/tmp/.X11-unix/X%1").arg(n);
            if (QFile::exists(socket) || QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(n)))
                continue;
            m_xvfb.setStandardOutputFile(QProcess::nullDevice());
            m_xvfb.setStandardErrorFile(QProcess::nullDevice());
            m_xvfb.start(QStringLiteral("Xvfb"),
                { QStringLiteral(":%1").arg(n), QStringLiteral("-nolisten"), QStringLiteral("tcp"),
                    QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1920x1080x24") });
            if (!m_xvfb.waitForStarted(5000))
                return; // no Xvfb installed
            for (int i = 0; i < 500 && m_xvfb.state() == QProcess::Running; ++i) {
                if (QFile::exists(socket)) {
                    m_name = QStringLiteral(":%1").arg(n);
                    break;
                }
                QThread::msleep(10);
            }
            if (m_name.isEmpty())
                stop();
        }
    }
    ~Display() { stop(); }
    QString name() const { return m_name; }
    QString describe() const
    {
        return m_xvfb.state() == QProcess::Running ? QStringLiteral("its own Xvfb on %1").arg(m_name)
                                                   : QStringLiteral("DISPLAY=%1").arg(m_name);
    }

private:
    void stop()
    {
        if (m_xvfb.state() == QProcess::NotRunning)
            return;
        m_xvfb.terminate();
        m_xvfb.waitForFinished(3000);
    }
    QProcess m_xvfb;
    QString m_name;
};

// What one launch of a window showed, in milliseconds after the launch (-1: not seen).
struct Launch
{
    qint64 shownMs = -1;
    qint64 rowsMs = -1;
    qint64 rowsAgainMs = -1; // the rows shown after the history was reset again (a new filter)
    qint64 peakRssKb = -1;
};

// Starts `program` and reads its timing marks ("window-shown <epoch ms>", "history-rows-shown
// … <epoch ms>") as it prints them; after the last mark wanted it lets the window run for
// `lingerMs`, reads its peak resident memory and ends it.
Launch launchWindow(const QString &program, const QStringList &args, const QProcessEnvironment &env,
    bool wantRows, int lingerMs);

// Runs hookwatch-window-bench ARGS and returns its "result NAME TEXT" lines as NAME -> TEXT.
QMap<QString, QString> windowBench(const QStringList &args, const QProcessEnvironment &env);

// The environment the window's figures run in, on `display`: settings of their own in `tmp` (no
// saved geometry or preferences of the user's, and a retention of ten years, so that a store
// made with old dates is not pruned on open) and the window's timing marks logged.
QProcessEnvironment windowEnvironment(const QString &display, const QTemporaryDir &tmp);

QList<double> numbers(const QString &text);
// "key=value" pairs of a result line.
QMap<QString, QString> fields(const QString &text);
QString verdict(bool met);
QString listed(const QList<double> &values);
