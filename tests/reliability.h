#pragma once

// What the reliability tests share: running the built `hookwatch` binary in an
// isolated environment while this thread's event loop keeps running (so an in-process
// TestReceiver answers), and a PostgreSQL cluster of the test's own that it can stop and start.

#include "testdatabases.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

namespace Reliability {

struct Run
{
    int code = -1; // -1: crashed, killed or never started
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(code) + "\nstdout: " + out.left(2000) + "\nstderr: " + err.left(2000);
    }
};

// Runs a program to its end, keeping this thread's event loop turning meanwhile.
inline Run runProgram(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                      const QByteArray &input = QByteArray(), int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return Run();
    if (!input.isNull())
        p.write(input);
    p.closeWriteChannel();
    if (!finished.wait(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    Run r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline QString hookwatchBinary()
{
    return qEnvironmentVariable("HOOKWATCH_BIN");
}

inline QString receiverBinary()
{
    return qEnvironmentVariable("RECEIVER_BIN");
}

// The built binary against one store, with its own HOME and XDG folders so the user's saved
// preferences and default store stay out of it.
class Cli
{
public:
    explicit Cli(QString db = QString()) : m_db(std::move(db)) { }

    void setDb(const QString &db) { m_db = db; }
    const QString &db() const { return m_db; }
    QString homePath() const { return m_home.path(); }
    QString dataHome() const { return m_home.filePath(QStringLiteral("data")); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("HOOKWATCH_DB"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome());
        for (auto it = m_extraEnvironment.cbegin(); it != m_extraEnvironment.cend(); ++it)
            env.insert(it.key(), it.value());
        return env;
    }

    // Every later run of this Cli gets this variable too.
    void setEnvironment(const QString &name, const QString &value) { m_extraEnvironment.insert(name, value); }

    // Runs this Cli's processes with the wall clock shifted (libfaketime; the monotonic clock
    // is left alone). False when libfaketime is not installed (Debian: faketime).
    bool shiftClock(const QString &offset)
    {
        const QString library = QStringLiteral("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
        if (!QFile::exists(library))
            return false;
        setEnvironment(QStringLiteral("LD_PRELOAD"), library);
        setEnvironment(QStringLiteral("FAKETIME"), offset);
        setEnvironment(QStringLiteral("FAKETIME_DONT_FAKE_MONOTONIC"), QStringLiteral("1"));
        // Under AddressSanitizer, which otherwise insists on being the first library loaded.
        setEnvironment(QStringLiteral("ASAN_OPTIONS"),
                       qEnvironmentVariable("ASAN_OPTIONS") + QStringLiteral(":verify_asan_link_order=0"));
        return true;
    }

    // `hookwatch ARGS --db DB`.
    Run operator()(QStringList args, const QByteArray &input = QByteArray(), int timeoutMs = 60000) const
    {
        if (!m_db.isEmpty())
            args << QStringLiteral("--db") << m_db;
        return runProgram(hookwatchBinary(), args, environment(), input, timeoutMs);
    }

    // Without --db (the caller chooses the store, or none).
    Run bare(const QStringList &args, const QByteArray &input = QByteArray(), int timeoutMs = 60000) const
    {
        return runProgram(hookwatchBinary(), args, environment(), input, timeoutMs);
    }

    // A long-running `hookwatch ARGS --db DB` (a worker); stderr kept apart from stdout.
    std::unique_ptr<QProcess> start(QStringList args) const
    {
        if (!m_db.isEmpty())
            args << QStringLiteral("--db") << m_db;
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(environment());
        p->start(hookwatchBinary(), args);
        return p;
    }

    // The stored state a failed command must leave alone.
    QByteArray snapshot() const
    {
        const Run hooks = (*this)({ QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--json") });
        const Run deliveries = (*this)({ QStringLiteral("deliveries"), QStringLiteral("--limit"),
                                         QStringLiteral("100000"), QStringLiteral("--json") });
        return hooks.out + "\n" + deliveries.out + "\nexit " + QByteArray::number(hooks.code) + ","
                + QByteArray::number(deliveries.code);
    }

private:
    QString m_db;
    QTemporaryDir m_home;
    QHash<QString, QString> m_extraEnvironment;
};

// Waits for a process to end while the event loop turns.
inline bool waitForEnd(QProcess &p, int timeoutMs)
{
    if (p.state() == QProcess::NotRunning)
        return true;
    QSignalSpy finished(&p, &QProcess::finished);
    return finished.wait(timeoutMs) || p.state() == QProcess::NotRunning;
}

inline quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

// A PostgreSQL server of the test's own, in a temporary folder on a free port, so a test can
// stop it under running workers and start it again. Run as the postgres user when we are root
// (PostgreSQL refuses root), as ../shared/docs/machine-notes.md shows.
class PgCluster
{
public:
    ~PgCluster() { stop(QStringLiteral("immediate")); }

    // Empty on success, else why not.
    QString init()
    {
        const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &v : versions) {
            const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(v);
            if (QFile::exists(bin + QStringLiteral("/pg_ctl")))
                m_bin = bin;
        }
        if (m_bin.isEmpty())
            return QStringLiteral("no PostgreSQL server binaries under /usr/lib/postgresql");
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        m_dir.setAutoRemove(true);
        if (::geteuid() == 0) {
            const Run chown = runProgram(QStringLiteral("chown"), { QStringLiteral("postgres"), m_dir.path() },
                                         QProcessEnvironment::systemEnvironment());
            if (chown.code != 0)
                return QStringLiteral("chown postgres failed: ") + QString::fromLocal8Bit(chown.err);
        }
        const Run initdb = tool(QStringLiteral("initdb"),
                                { QStringLiteral("-D"), dataDir(), QStringLiteral("-A"), QStringLiteral("trust"),
                                  QStringLiteral("-U"), QStringLiteral("postgres") });
        if (initdb.code != 0)
            return QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(initdb.out + initdb.err);
        m_port = freePort();
        if (!start())
            return QStringLiteral("pg_ctl start failed: ") + QString::fromLocal8Bit(m_lastOutput);
        return QString();
    }

    bool start()
    {
        const Run r = tool(QStringLiteral("pg_ctl"),
                           { QStringLiteral("-D"), dataDir(), QStringLiteral("-w"), QStringLiteral("-l"),
                             m_dir.filePath(QStringLiteral("log")), QStringLiteral("-o"),
                             QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c max_connections=100")
                                     .arg(m_port)
                                     .arg(m_dir.path()),
                             QStringLiteral("start") });
        m_lastOutput = r.out + r.err;
        m_running = r.code == 0;
        return m_running;
    }

    // mode: fast (clients disconnected cleanly) or immediate (like a crash).
    bool stop(const QString &mode = QStringLiteral("fast"))
    {
        if (!m_running)
            return true;
        const Run r = tool(QStringLiteral("pg_ctl"), { QStringLiteral("-D"), dataDir(), QStringLiteral("-w"),
                                                        QStringLiteral("-m"), mode, QStringLiteral("stop") });
        m_lastOutput = r.out + r.err;
        m_running = r.code != 0;
        return !m_running;
    }

    QString url(const QString &database = QStringLiteral("postgres")) const
    {
        return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(database);
    }
    quint16 port() const { return m_port; }
    QByteArray lastOutput() const { return m_lastOutput; }

    // Unaligned, tuples only: "a|b" per row.
    Run psql(const QString &sql, const QString &database = QStringLiteral("postgres")) const
    {
        return runProgram(m_bin + QStringLiteral("/psql"),
                          { QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-v"),
                            QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), sql, url(database) },
                          QProcessEnvironment::systemEnvironment());
    }

private:
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    Run tool(const QString &name, const QStringList &args) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        const QString program = m_bin + QLatin1Char('/') + name;
        if (::geteuid() == 0)
            return runProgram(QStringLiteral("runuser"),
                              QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program }
                                      + args,
                              env, QByteArray(), 120000);
        return runProgram(program, args, env, QByteArray(), 120000);
    }

    QString m_bin;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_running = false;
    QByteArray m_lastOutput;
};

// Under CI (or HOOKWATCH_REQUIRE_POSTGRES) a PostgreSQL that cannot be had fails the test.
#define RELIABILITY_SKIP_OR_FAIL(message)                                                                   \
    do {                                                                                                   \
        if (TestDatabases::postgresRequired())                                                             \
            QFAIL(qPrintable(message));                                                                    \
        QSKIP(qPrintable(message));                                                                        \
    } while (false)

} // namespace Reliability
