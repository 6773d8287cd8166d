#include "reliability.h"
#include "testreceiver.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <sys/stat.h>

using namespace Reliability;

// Secrets stay secret: the webhook secret, a password or token in the delivery URL, the value
// of an Authorization-like header never appear in any output, log or export; the SQLite store
// and its folder are the owner's only.
class TestSecrets final : public QObject
{
    Q_OBJECT

    TestReceiver m_receiver;

    static const QList<QByteArray> &markers()
    {
        static const QList<QByteArray> m = { "SeCrEtMARK", "PassWdMARK", "QueryTokMARK", "BearerTokMARK",
                                             "ApiKeyMARK", "DbPassMARK" };
        return m;
    }

    static QStringList leaks(const QByteArray &text)
    {
        QStringList found;
        for (const QByteArray &m : markers()) {
            if (text.contains(m))
                found << QString::fromLatin1(m);
        }
        return found;
    }

    static mode_t modeOf(const QString &path)
    {
        struct stat st = {};
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return 0;
        return st.st_mode & 0777;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!hookwatchBinary().isEmpty());
        QVERIFY(m_receiver.listen());
    }

    void neverShown_data() { TestDatabases::addBackendRows(); }
    void neverShown()
    {
        QFETCH(QString, backend);
        TestDatabases::Scratch scratch(backend);
        HOOKWATCH_REQUIRE_SCRATCH(scratch);
        Cli hw(scratch.url());
        m_receiver.clear();
        QUrl url = m_receiver.url();
        url.setUserName(QStringLiteral("user"));
        url.setPassword(QStringLiteral("PassWdMARK"));
        url.setQuery(QStringLiteral("token=QueryTokMARK&x=1"));
        QByteArray everything; // every byte the commands below print
        const auto run = [&](const QStringList &args, const QByteArray &input = QByteArray()) {
            const Run r = hw(args, input);
            // The command itself is left out: it holds the secrets on purpose.
            everything += "$ hookwatch " + args.value(0).toUtf8() + " " + args.value(1).toUtf8().left(12) + " …\n" + r.out
                    + r.err;
            return r;
        };
        const Run added = run({ QStringLiteral("webhook"), QStringLiteral("add"), url.toString(), QStringLiteral("--secret"),
                                QStringLiteral("SeCrEtMARK"), QStringLiteral("--header"),
                                QStringLiteral("Authorization: Bearer BearerTokMARK"), QStringLiteral("--header"),
                                QStringLiteral("X-Api-Key: ApiKeyMARK"), QStringLiteral("--event-type"), QStringLiteral("e") });
        QVERIFY2(added.code == 0, added.describe().constData());
        const QString hook = QString::fromLatin1(added.out.trimmed());
        QCOMPARE(run({ QStringLiteral("ping"), hook, QStringLiteral("--wait") }).code, 0);
        m_receiver.setResponse(500, "nope");
        QCOMPARE(run({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("e"), QStringLiteral("--wait") }).code, 3);
        m_receiver.setResponse(200);
        QCOMPARE(run({ QStringLiteral("emit"), QStringLiteral("--event-type"), QStringLiteral("e") }).code, 0);
        QCOMPARE(run({ QStringLiteral("retry"), QStringLiteral("2") }).code, 0);
        QCOMPARE(run({ QStringLiteral("worker"), QStringLiteral("--until-idle") }).code, 0);
        for (const QStringList &args :
             { QStringList { QStringLiteral("webhook"), QStringLiteral("list") },
               QStringList { QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--json") },
               QStringList { QStringLiteral("webhook"), QStringLiteral("show"), hook },
               QStringList { QStringLiteral("webhook"), QStringLiteral("show"), hook, QStringLiteral("--json") },
               QStringList { QStringLiteral("deliveries") },
               QStringList { QStringLiteral("deliveries"), QStringLiteral("--json") },
               QStringList { QStringLiteral("show"), QStringLiteral("1") },
               QStringList { QStringLiteral("show"), QStringLiteral("2"), QStringLiteral("--json") },
               QStringList { QStringLiteral("show"), QStringLiteral("3"), QStringLiteral("--json") } })
            QCOMPARE(run(args).code, 0);
        // Messages that quote what was typed.
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("edit"), hook, QStringLiteral("--url"),
                       QStringLiteral("http://user:PassWdMARK@exa mple.com/?token=QueryTokMARK") })
                         .code,
                 2);
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("edit"), hook, QStringLiteral("--url"),
                       QStringLiteral("ftp://user:PassWdMARK@example.com/") })
                         .code,
                 2);
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("add"), QStringLiteral("http://user:PassWdMARK@/x") }).code, 2);
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString(), QStringLiteral("--secret"),
                       QStringLiteral("SeCrEtMARK\n") })
                         .code,
                 2);
        QCOMPARE(run({ QStringLiteral("worker"), QStringLiteral("--once"), QStringLiteral("--proxy"),
                       QStringLiteral("ftp://user:PassWdMARK@proxy:1") })
                         .code,
                 2);
        // A delivery URL that cannot be reached: the connection error must not quote it whole.
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("edit"), hook, QStringLiteral("--url"),
                       QStringLiteral("http://user:PassWdMARK@127.0.0.1:9/x?token=QueryTokMARK") })
                         .code,
                 0);
        run({ QStringLiteral("ping"), hook, QStringLiteral("--wait") });
        run({ QStringLiteral("show"), QStringLiteral("4"), QStringLiteral("--json") });
        run({ QStringLiteral("show"), QStringLiteral("4") });
        // And an unreachable PostgreSQL with a password in its URL.
        const Run db = hw.bare({ QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--db"),
                                 QStringLiteral("postgresql://u:DbPassMARK@127.0.0.1:%1/x").arg(freePort()) });
        everything += db.out + db.err;

        const QStringList leaked = leaks(everything);
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked.join(QLatin1String(", ")) + QLatin1Char('\n')
                                             + QString::fromUtf8(everything.right(6000))));
        // The receiver did get what it needs.
        const auto requests = m_receiver.requests();
        QVERIFY(!requests.isEmpty());
        QCOMPARE(requests.first().header("authorization"), QByteArrayLiteral("Bearer BearerTokMARK"));
        QVERIFY(requests.first().path.contains("QueryTokMARK"));

        // What the store keeps about attempts is masked too; only the webhook row holds the
        // credentials it needs to send.
        const DatabaseConfig c = scratch.config();
        {
            QSqlDatabase sql = QSqlDatabase::addDatabase(
                    backend == QLatin1String("sqlite") ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"),
                    QStringLiteral("peek"));
            if (backend == QLatin1String("sqlite")) {
                sql.setDatabaseName(c.sqlitePath);
            } else {
                sql.setHostName(c.host);
                sql.setPort(c.port);
                sql.setUserName(c.user);
                sql.setDatabaseName(c.databaseName);
            }
            QVERIFY(sql.open());
            QSqlQuery q(sql);
            QVERIFY(q.exec(QStringLiteral("SELECT request_url, request_headers, COALESCE(connection_error, '') FROM attempts")));
            QByteArray attempts;
            int rows = 0;
            while (q.next()) {
                ++rows;
                attempts += q.value(0).toString().toUtf8() + q.value(1).toString().toUtf8() + q.value(2).toString().toUtf8();
            }
            QVERIFY(rows >= 4);
            QVERIFY2(leaks(attempts).isEmpty(), attempts.left(3000).constData());
            q.finish();
            sql.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    }

    // The default store: created under $XDG_DATA_HOME/Hookwatch/hookwatch, the folder 0700 and
    // the files 0600, even with a permissive umask; a store named with --db gets 0600 too.
    void storeFilesAreTheOwnersOnly()
    {
        Cli hw;
        const QString folder = hw.dataHome() + QStringLiteral("/Hookwatch/hookwatch");
        const QString path = folder + QStringLiteral("/hookwatch.db");
        // Through a shell, to start hookwatch with umask 000.
        const QString sh = QStringLiteral("umask 000 && exec \"$0\" \"$@\"");
        Run r = runProgram(QStringLiteral("/bin/sh"),
                           { QStringLiteral("-c"), sh, hookwatchBinary(), QStringLiteral("webhook"), QStringLiteral("add"),
                             m_receiver.url().toString(), QStringLiteral("--secret"), QStringLiteral("SeCrEtMARK") },
                           hw.environment());
        QVERIFY2(r.code == 0, r.describe().constData());
        QVERIFY(QFile::exists(path));
        QCOMPARE(modeOf(folder), mode_t(0700));
        QCOMPARE(modeOf(path), mode_t(0600));
        // Start a worker that keeps the WAL open, and look at its files while it runs.
        QProcess worker;
        QProcessEnvironment env = hw.environment();
        worker.setProcessEnvironment(env);
        worker.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), sh, hookwatchBinary(), QStringLiteral("worker") });
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path + QStringLiteral("-wal")), 10000);
        for (const char *suffix : { "-wal", "-shm" }) {
            const QString f = path + QLatin1String(suffix);
            if (QFile::exists(f))
                QVERIFY2(modeOf(f) == 0600, qPrintable(QStringLiteral("%1 is %2").arg(f).arg(modeOf(f), 0, 8)));
        }
        worker.terminate();
        QVERIFY(waitForEnd(worker, 15000));

        QTemporaryDir dir;
        const QString named = dir.filePath(QStringLiteral("named.db"));
        r = runProgram(QStringLiteral("/bin/sh"),
                       { QStringLiteral("-c"), sh, hookwatchBinary(), QStringLiteral("webhook"), QStringLiteral("list"),
                         QStringLiteral("--db"), QStringLiteral("sqlite:") + named },
                       hw.environment());
        QVERIFY2(r.code == 0, r.describe().constData());
        QCOMPARE(modeOf(named), mode_t(0600));
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
