#include "reliability.h"
#include "testreceiver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <sys/mount.h>

using namespace Reliability;

// The database misbehaves: PostgreSQL goes away under running workers and comes back; a SQLite
// file is locked by another writer, cannot be written, fills its disk, is corrupt, or was
// written by a newer Hookwatch. Each time: a clear one-line message, no crash, the README's
// exit code (1 for a runtime failure), nothing lost and nothing half-written.
class TestDbFaults final : public QObject
{
    Q_OBJECT

    TestReceiver m_receiver;

    // A SQLite store with one webhook to the receiver; returns the webhook id.
    static QString addHook(const Cli &hw, const QString &url)
    {
        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), url });
        return added.code == 0 ? QString::fromLatin1(added.out.trimmed()) : QString();
    }

    static QByteArray fileHash(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return QByteArray();
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        return hash.result().toHex();
    }

    // One line on stderr, no crash, exit 1; fails the test otherwise.
    static bool isCleanRuntimeFailure(const Run &r, const char *expected)
    {
        const bool ok = r.code == 1 && r.err.count('\n') == 1 && r.out.isEmpty()
                && (expected == nullptr || r.err.contains(expected));
        if (!ok)
            qWarning("expected exit 1 with one line containing \"%s\", got %s", expected ? expected : "",
                     r.describe().constData());
        return ok;
    }

    // How many times each delivery id reached the receiver.
    QHash<QByteArray, int> receivedCounts() const
    {
        QHash<QByteArray, int> seen;
        for (const auto &r : m_receiver.requests())
            ++seen[r.header("x-launchpad-delivery")];
        return seen;
    }

    // A worker's log without the line per successful attempt.
    static QByteArray problems(const QByteArray &log)
    {
        QByteArray out;
        for (const QByteArray &line : log.split('\n')) {
            if (!line.endsWith("-> delivered"))
                out += line.left(300) + '\n';
        }
        return out.left(4000);
    }

    static bool mountTmpfs(const QString &path, const QString &options)
    {
        if (::geteuid() != 0)
            return false;
        const bool readOnly = options.startsWith(QLatin1String("ro,"));
        const QByteArray data = (readOnly ? options.mid(3) : options).toLatin1();
        return ::mount("tmpfs", QFile::encodeName(path).constData(), "tmpfs", readOnly ? MS_RDONLY : 0,
                       data.constData())
                == 0;
    }

    static void unmount(const QString &path)
    {
        if (::umount2(QFile::encodeName(path).constData(), MNT_DETACH) != 0)
            qWarning("umount %s: %s", qPrintable(path), strerror(errno));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!hookwatchBinary().isEmpty());
        QVERIFY(m_receiver.listen());
    }

    void init()
    {
        m_receiver.clear();
        m_receiver.setResponse(200);
        m_receiver.setResponseDelay(0);
    }

    // ---- PostgreSQL stopped in the middle of a run and started again ----

    void postgresRestartMidRun_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("fast shutdown") << QStringLiteral("fast");
        QTest::newRow("immediate shutdown (a crash)") << QStringLiteral("immediate");
    }
    void postgresRestartMidRun()
    {
        QFETCH(QString, mode);
        PgCluster pg;
        if (const QString error = pg.init(); !error.isEmpty())
            RELIABILITY_SKIP_OR_FAIL(error);
        Cli hw(pg.url());
        const int n = 2000;
        m_receiver.setResponseDelay(20);
        const QString hook = addHook(hw, m_receiver.url().toString());
        QVERIFY(!hook.isEmpty());
        QCOMPARE(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                      QStringLiteral("--repeat"), QString::number(n) })
                         .code,
                 0);
        std::vector<std::unique_ptr<QProcess>> workers;
        for (int i = 0; i < 2; ++i)
            workers.push_back(hw.start({ QStringLiteral("worker"), QStringLiteral("--until-idle"),
                                         QStringLiteral("--concurrency"), QStringLiteral("4"),
                                         QStringLiteral("--retention"), QStringLiteral("0s") }));
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver.requestCount() >= 60, 30000);
        QVERIFY2(pg.stop(mode), pg.lastOutput().constData());
        const int atStop = m_receiver.requestCount();
        QTest::qWait(3000);
        // (QVERIFY2 evaluates its message even when it passes: read stderr only on failure.)
        for (auto &w : workers) {
            if (w->state() != QProcess::Running)
                QFAIL(problems(w->readAllStandardError()).constData());
        }
        QVERIFY2(pg.start(), pg.lastOutput().constData());
        for (auto &w : workers) {
            const bool ended = waitForEnd(*w, 120000);
            const QByteArray err = w->readAllStandardError();
            QVERIFY2(ended, QByteArray("a worker did not finish after the restart: " + problems(err)).constData());
            QVERIFY2(w->exitStatus() == QProcess::NormalExit && w->exitCode() == 0, problems(err).constData());
            // It said so, and said when it was back.
            QVERIFY2(err.contains("database problem"), problems(err).constData());
            QVERIFY2(err.contains("database reachable again"), problems(err).constData());
        }
        // Nothing lost: every delivery completed; none sent twice (the lease outlasts the outage).
        const auto seen = receivedCounts();
        QCOMPARE(seen.size(), n);
        int repeats = 0;
        for (int c : seen)
            repeats += c - 1;
        QCOMPARE(repeats, 0);
        const Run completed = hw({ QStringLiteral("deliveries"), QStringLiteral("--status"),
                                   QStringLiteral("completed"), QStringLiteral("--limit"), QString::number(n + 10),
                                   QStringLiteral("--json") });
        QCOMPARE(completed.json().array().size(), n);
        // Each attempt recorded once: a commit whose answer was lost must not be applied twice.
        const Run check = pg.psql(QStringLiteral("SELECT count(*), count(*) FILTER (WHERE total_attempts <> 1) "
                                                 "FROM deliveries"));
        QCOMPARE(check.out.trimmed(), QByteArray(QByteArray::number(n) + "|0"));
        QCOMPARE(pg.psql(QStringLiteral("SELECT count(*) FROM attempts")).out.trimmed(), QByteArray::number(n));
        qInfo("%s: %d of %d delivered when PostgreSQL stopped for 3 s; all %d completed, 0 repeats",
              qPrintable(mode), atStop, n, n);
    }

    // A command while PostgreSQL is down: exit 1, one line, the password masked.
    void postgresDown()
    {
        const quint16 port = freePort();
        Cli hw(QStringLiteral("postgresql://hw:s3cretpw@127.0.0.1:%1/hookwatch").arg(port));
        for (const QStringList &args : { QStringList { QStringLiteral("webhook"), QStringLiteral("list") },
                                         QStringList { QStringLiteral("worker"), QStringLiteral("--once") },
                                         QStringList { QStringLiteral("deliveries") } }) {
            const Run r = hw(args);
            QVERIFY(isCleanRuntimeFailure(r, "cannot open the database"));
            QVERIFY(!r.err.contains("s3cretpw"));
        }
    }

    // ---- SQLite ----

    // Another connection holds the write lock for 3 s: commands and a worker wait, then go on.
    void sqliteLockedByAnotherWriter()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        Cli hw(QStringLiteral("sqlite:") + path);
        const QString hook = addHook(hw, m_receiver.url().toString());
        QVERIFY(!hook.isEmpty());
        const int n = 200;
        m_receiver.setResponseDelay(10);
        QCOMPARE(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                      QStringLiteral("--repeat"), QString::number(n) })
                         .code,
                 0);
        // Not --until-idle: after the lock the worker may finish the first n before the
        // command's delivery is in; it runs until that one arrives too, then is stopped.
        auto worker = hw.start({ QStringLiteral("worker"), QStringLiteral("--retention"), QStringLiteral("0s") });
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver.requestCount() >= 30, 30000);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(q.lastError().text()));
            QTimer::singleShot(3000, [] {
                QSqlQuery c(QSqlDatabase::database(QStringLiteral("locker")));
                c.exec(QStringLiteral("COMMIT"));
            });
            QElapsedTimer waited;
            waited.start();
            const Run sent = hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x") });
            QVERIFY2(sent.code == 0, sent.describe());
            QVERIFY2(waited.elapsed() >= 2500, "the command did not wait for the lock");
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        QTRY_COMPARE_WITH_TIMEOUT(int(receivedCounts().size()), n + 1, 60000);
        worker->terminate();
        QVERIFY(waitForEnd(*worker, 30000));
        QCOMPARE(worker->exitCode(), 0);
        const auto seen = receivedCounts();
        QCOMPARE(seen.size(), n + 1);
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QVERIFY2(it.value() == 1, it.key().constData());
    }

    // The lock is held longer than the busy timeout (15 s): a clear failure, nothing written.
    void sqliteLockedTooLong()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        Cli hw(QStringLiteral("sqlite:") + path);
        const QString hook = addHook(hw, m_receiver.url().toString());
        QVERIFY(!hook.isEmpty());
        const QByteArray before = hw.snapshot();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            const Run sent = hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                                  QStringLiteral("--repeat"), QStringLiteral("10") },
                                QByteArray(), 90000);
            QVERIFY(isCleanRuntimeFailure(sent, "locked"));
            q.exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        QCOMPARE(hw.snapshot(), before);
    }

    void sqliteUnwritablePath_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing folder") << QStringLiteral("missing") << QStringLiteral("does not exist");
        QTest::newRow("a directory") << QStringLiteral("directory") << QStringLiteral("is a directory");
        QTest::newRow("read-only file system") << QStringLiteral("readonly") << QString();
        QTest::newRow("under /proc") << QStringLiteral("proc") << QString();
    }
    void sqliteUnwritablePath()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QString path;
        QString mounted;
        if (kind == QLatin1String("missing"))
            path = dir.filePath(QStringLiteral("no/such/folder/store.db"));
        else if (kind == QLatin1String("directory"))
            path = dir.path();
        else if (kind == QLatin1String("proc"))
            path = QStringLiteral("/proc/hookwatch-test/store.db");
        else {
            mounted = dir.filePath(QStringLiteral("ro"));
            QDir().mkpath(mounted);
            if (!mountTmpfs(mounted, QStringLiteral("ro,size=1m")))
                QSKIP("cannot mount a read-only tmpfs here (needs root)");
            path = mounted + QStringLiteral("/store.db");
        }
        Cli hw(QStringLiteral("sqlite:") + path);
        for (const QStringList &args :
             { QStringList { QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString() },
               QStringList { QStringLiteral("webhook"), QStringLiteral("list") },
               QStringList { QStringLiteral("worker"), QStringLiteral("--once") } }) {
            const Run r = hw(args);
            QVERIFY(isCleanRuntimeFailure(r, message.isEmpty() ? nullptr : qPrintable(message)));
            QVERIFY(r.err.startsWith("hookwatch: "));
        }
        if (kind == QLatin1String("missing"))
            QVERIFY2(!QFile::exists(dir.filePath(QStringLiteral("no"))), "a mistyped path's folders were created");
        if (!mounted.isEmpty())
            unmount(mounted);
    }

    // The disk fills up: the command that hit it fails cleanly and wrote nothing; a running
    // worker says so, keeps its results, and finishes once there is room again.
    void sqliteDiskFull()
    {
        QTemporaryDir dir;
        const QString mounted = dir.filePath(QStringLiteral("small"));
        QDir().mkpath(mounted);
        if (!mountTmpfs(mounted, QStringLiteral("size=2m")))
            QSKIP("cannot mount a small tmpfs here (needs root)");
        const auto cleanup = qScopeGuard([&] { unmount(mounted); });
        Cli hw(QStringLiteral("sqlite:") + mounted + QStringLiteral("/store.db"));
        const QString hook = addHook(hw, m_receiver.url().toString());
        QVERIFY(!hook.isEmpty());
        const int n = 60;
        QCOMPARE(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                      QStringLiteral("--repeat"), QString::number(n) })
                         .code,
                 0);
        // A worker already running (its WAL open) when the disk fills; slow answers, so most
        // attempts end while there is no room to record them.
        m_receiver.setResponseDelay(300);
        auto worker = hw.start({ QStringLiteral("worker"), QStringLiteral("--until-idle"), QStringLiteral("--concurrency"),
                                 QStringLiteral("4"), QStringLiteral("--retention"), QStringLiteral("0s") });
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver.requestCount() >= 4, 20000);
        {
            QFile filler(mounted + QStringLiteral("/filler"));
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(4096, 'f');
            while (filler.write(block) == block.size() && filler.flush()) { }
        }
        const QByteArray before = hw.snapshot();
        QFile payload(dir.filePath(QStringLiteral("payload.json")));
        QVERIFY(payload.open(QIODevice::WriteOnly));
        payload.write("[\"" + QByteArray(200 * 1024, 'p') + "\"]");
        payload.close();
        const Run sent = hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                              QStringLiteral("--payload"), payload.fileName(), QStringLiteral("--repeat"),
                              QStringLiteral("20") });
        // Checked at the end, so the worker's part runs whatever the message says.
        const bool saysFull = isCleanRuntimeFailure(sent, "full");
        QCOMPARE(sent.code, 1);
        QTest::qWait(2000);
        if (worker->state() != QProcess::Running)
            QFAIL(QByteArray("the worker stopped on a full disk: " + problems(worker->readAllStandardError())).constData());
        const int duringFull = m_receiver.requestCount();
        QFile::remove(mounted + QStringLiteral("/filler"));
        const bool ended = waitForEnd(*worker, 90000);
        const QByteArray err = worker->readAllStandardError();
        QVERIFY2(ended, problems(err).constData());
        QVERIFY2(worker->exitCode() == 0, problems(err).constData());
        const Run completed = hw({ QStringLiteral("deliveries"), QStringLiteral("--status"),
                                   QStringLiteral("completed"), QStringLiteral("--limit"), QStringLiteral("1000"),
                                   QStringLiteral("--json") });
        QVERIFY2(completed.json().array().size() == n,
                 QByteArray(problems(err) + "\n" + problems(hw({ QStringLiteral("deliveries"), QStringLiteral("--limit"),
                                                       QStringLiteral("1000") }).out.replace("\tcompleted\t", "-> delivered\n")))
                         .constData());
        const auto seen = receivedCounts();
        QCOMPARE(seen.size(), n);
        int repeats = 0;
        for (int c : seen)
            repeats += c - 1;
        qInfo("disk full: %d requests made while full; the worker said \"database problem\" %lld times; "
              "%d delivered, %d repeats; the failed send said: %s",
              duringFull, qlonglong(err.count("database problem")), int(seen.size()), repeats,
              sent.err.trimmed().constData());
        QCOMPARE(repeats, 0);
        // The snapshot's own commands may fail on a full disk too; compare with room again.
        Q_UNUSED(before);
        QVERIFY2(saysFull, QByteArray("the message does not say the disk is full: " + sent.err).constData());
    }

    void sqliteCorruptFile_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("random bytes") << QStringLiteral("random");
        QTest::newRow("a text file") << QStringLiteral("text");
        QTest::newRow("truncated store") << QStringLiteral("truncated");
        QTest::newRow("pages overwritten") << QStringLiteral("overwritten");
    }
    void sqliteCorruptFile()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        Cli hw(QStringLiteral("sqlite:") + path);
        if (kind == QLatin1String("random") || kind == QLatin1String("text")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            if (kind == QLatin1String("random")) {
                QByteArray bytes(64 * 1024, Qt::Uninitialized);
                for (char &c : bytes)
                    c = char(QRandomGenerator::global()->generate());
                f.write(bytes);
            } else {
                f.write("My notes\nNot a database at all.\n");
            }
        } else {
            // A real store with data, then damaged.
            const QString hook = addHook(hw, m_receiver.url().toString());
            QVERIFY(!hook.isEmpty());
            QFile payload(dir.filePath(QStringLiteral("p.json")));
            QVERIFY(payload.open(QIODevice::WriteOnly));
            payload.write("[\"" + QByteArray(3000, 'p') + "\"]");
            payload.close();
            QCOMPARE(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                          QStringLiteral("--payload"), payload.fileName(), QStringLiteral("--repeat"),
                          QStringLiteral("300") })
                             .code,
                     0);
            // Fold the WAL into the file, so the damage is where the data is.
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("ckpt"));
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
                q.finish();
                QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
                q.finish();
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("ckpt"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 size = f.size();
            QVERIFY(size > 64 * 1024);
            if (kind == QLatin1String("truncated")) {
                QVERIFY(f.resize(size / 2));
            } else {
                // Keep page 1 (the header and schema), scribble over pages further in.
                for (qint64 offset = 8192; offset < size; offset += 3 * 4096) {
                    f.seek(offset);
                    f.write(QByteArray(4096, char(0xA5)));
                }
            }
        }
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        const QByteArray hash = fileHash(path);
        int failures = 0;
        QStringList messages;
        for (const QStringList &args :
             { QStringList { QStringLiteral("webhook"), QStringLiteral("list") },
               QStringList { QStringLiteral("deliveries"), QStringLiteral("--limit"), QStringLiteral("1000") },
               QStringList { QStringLiteral("send"), QStringLiteral("1"), QStringLiteral("--event-type"),
                             QStringLiteral("x") },
               QStringList { QStringLiteral("worker"), QStringLiteral("--until-idle") },
               QStringList { QStringLiteral("prune"), QStringLiteral("--older-than"), QStringLiteral("0s") } }) {
            const Run r = hw(args, QByteArray(), 30000);
            // Never a crash or a hang; a failure is exit 1 with one line.
            QVERIFY2(r.code == 0 || r.code == 1, QByteArray(args.join(QLatin1Char(' ')).toUtf8() + ": " + r.describe()).constData());
            if (r.code == 1) {
                ++failures;
                if (args.first() != QLatin1String("worker")) // a worker logs as it goes
                    QVERIFY2(r.err.startsWith("hookwatch: ") && r.err.count('\n') == 1, r.describe().constData());
                messages << QString::fromUtf8(r.err.trimmed().left(160));
            }
        }
        if (kind == QLatin1String("random") || kind == QLatin1String("text")) {
            // Not a store at all: refused, and never turned into one.
            QCOMPARE(failures, 5);
            QVERIFY2(messages.first().contains(QLatin1String("not a database")), qPrintable(messages.first()));
            QCOMPARE(fileHash(path), hash);
        }
        QVERIFY2(failures > 0, "a damaged store went unnoticed by every command");
        qInfo("%s: %d of 5 commands refused it; first message: %s", qPrintable(kind), failures,
              qPrintable(messages.value(0)));
    }

    void newerSchemaVersion_data() { TestDatabases::addBackendRows(); }
    void newerSchemaVersion()
    {
        QFETCH(QString, backend);
        TestDatabases::Scratch scratch(backend);
        HOOKWATCH_REQUIRE_SCRATCH(scratch);
        Cli hw(scratch.url());
        const QString hook = addHook(hw, m_receiver.url().toString());
        QVERIFY(!hook.isEmpty());
        QCOMPARE(hw({ QStringLiteral("ping"), hook }).code, 0);
        {
            const DatabaseConfig c = scratch.config();
            QSqlDatabase db = QSqlDatabase::addDatabase(
                    backend == QLatin1String("sqlite") ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"),
                    QStringLiteral("bump"));
            if (backend == QLatin1String("sqlite")) {
                db.setDatabaseName(c.sqlitePath);
            } else {
                db.setHostName(c.host);
                db.setPort(c.port);
                db.setUserName(c.user);
                db.setDatabaseName(c.databaseName);
            }
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE hookwatch_schema SET version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        for (const QStringList &args :
             { QStringList { QStringLiteral("webhook"), QStringLiteral("list") },
               QStringList { QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x") },
               QStringList { QStringLiteral("worker"), QStringLiteral("--until-idle") } }) {
            const Run r = hw(args);
            QVERIFY(isCleanRuntimeFailure(r, "newer version of Hookwatch"));
            QVERIFY(r.err.contains("99"));
        }
        // Left as it was: still version 99, the ping still waiting.
        QSqlDatabase db = QSqlDatabase::addDatabase(
                backend == QLatin1String("sqlite") ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"),
                QStringLiteral("look"));
        {
            const DatabaseConfig c = scratch.config();
            if (backend == QLatin1String("sqlite")) {
                db.setDatabaseName(c.sqlitePath);
            } else {
                db.setHostName(c.host);
                db.setPort(c.port);
                db.setUserName(c.user);
                db.setDatabaseName(c.databaseName);
            }
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT version FROM hookwatch_schema")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 99);
            QVERIFY(!q.next());
            QVERIFY(q.exec(QStringLiteral("SELECT status, total_attempts FROM deliveries")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QCOMPARE(q.value(1).toInt(), 0);
            q.finish();
            db.close();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("look"));
        QCOMPARE(m_receiver.requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDbFaults)
#include "tst_dbfaults.moc"
