#include "reliability.h"
#include "testreceiver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>

using namespace Reliability;

// Several `hookwatch worker` processes on one store: every delivery reaches the receiver
// exactly once. HOOKWATCH_RELIABILITY_DELIVERIES sets how many (1,000 by default; the run
// documented in docs/RELIABILITY.md uses 10,000).
class TestConcurrency final : public QObject
{
    Q_OBJECT

    TestReceiver m_receiver;

    static int deliveryCount()
    {
        bool ok = false;
        const int n = qEnvironmentVariableIntValue("HOOKWATCH_RELIABILITY_DELIVERIES", &ok);
        return ok && n > 0 ? n : 1000;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!hookwatchBinary().isEmpty());
        QVERIFY(m_receiver.listen());
    }

    void eachDeliveryExactlyOnce_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("count"); // 0: deliveryCount()
        QTest::addColumn<int>("delayMs"); // the receiver's answer delay
        QTest::addColumn<QString>("lease");
        QTest::newRow("sqlite, 2 workers") << QStringLiteral("sqlite") << 2 << 0 << 0 << QStringLiteral("5s");
        QTest::newRow("postgresql, 2 workers") << QStringLiteral("postgresql") << 2 << 0 << 0 << QStringLiteral("5s");
        QTest::newRow("postgresql, 4 workers") << QStringLiteral("postgresql") << 4 << 0 << 0 << QStringLiteral("5s");
        // Attempts slower than the lease: live workers renew their leases, so no other worker
        // takes a delivery over and sends it again.
        QTest::newRow("sqlite, 2 workers, attempts outlast the lease")
                << QStringLiteral("sqlite") << 2 << 48 << 1500 << QStringLiteral("1s");
        QTest::newRow("postgresql, 4 workers, attempts outlast the lease")
                << QStringLiteral("postgresql") << 4 << 96 << 1500 << QStringLiteral("1s");
        QTest::newRow("pgbouncer, 4 workers") << QStringLiteral("pgbouncer") << 4 << 0 << 0 << QStringLiteral("5s");
        // Larger runs for docs/RELIABILITY.md: HOOKWATCH_RELIABILITY_WORKERS=16,32,64.
        for (const QString &n : qEnvironmentVariable("HOOKWATCH_RELIABILITY_WORKERS").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            for (const char *backend : { "postgresql", "pgbouncer" })
                QTest::addRow("%s, %d workers", backend, n.toInt())
                        << QString::fromLatin1(backend) << n.toInt() << 0 << 0 << QStringLiteral("30s");
        }
    }
    void eachDeliveryExactlyOnce()
    {
        QFETCH(QString, backend);
        QFETCH(int, workers);
        QFETCH(int, count);
        QFETCH(int, delayMs);
        QFETCH(QString, lease);
        const bool pooled = backend == QLatin1String("pgbouncer");
        TestDatabases::Scratch scratch(pooled ? QStringLiteral("postgresql") : backend);
        HOOKWATCH_REQUIRE_SCRATCH(scratch);
        Cli hw(scratch.url());
        if (pooled) {
            const QString poolerUrl = qEnvironmentVariable("HOOKWATCH_TEST_PGBOUNCER_URL");
            if (poolerUrl.isEmpty())
                RELIABILITY_SKIP_OR_FAIL(QStringLiteral("HOOKWATCH_TEST_PGBOUNCER_URL is not set"));
            DatabaseConfig config = DatabaseConfig::parse(poolerUrl).value();
            config.databaseName = scratch.config().databaseName;
            hw.setDb(config.url());
        }
        m_receiver.clear();
        m_receiver.setResponse(200);
        m_receiver.setResponseDelay(delayMs);
        const int n = count > 0 ? count : deliveryCount();

        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString() });
        QVERIFY2(added.code == 0, added.describe());
        const QString hook = QString::fromLatin1(added.out.trimmed());
        const Run queued = hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("load"),
                                QStringLiteral("--repeat"), QString::number(n) });
        QVERIFY2(queued.code == 0, queued.describe());

        QElapsedTimer elapsed;
        elapsed.start();
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < workers; ++i)
            processes.push_back(hw.start({ QStringLiteral("worker"), QStringLiteral("--until-idle"),
                                           QStringLiteral("--lease"), lease,
                                           QStringLiteral("--retention"), QStringLiteral("0s") }));
        QStringList shares;
        for (auto &p : processes) {
            QVERIFY2(waitForEnd(*p, 240000), "a worker did not finish within 4 minutes");
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, err.right(2000).constData());
            QVERIFY2(!err.contains("database problem"), err.right(2000).constData());
            shares << QString::number(err.count("-> delivered"));
        }
        const qint64 ms = elapsed.elapsed();

        // The receiver's view: each X-Launchpad-Delivery exactly once.
        QHash<QByteArray, int> seen;
        const auto requests = m_receiver.requests();
        for (const auto &r : requests)
            ++seen[r.header("x-launchpad-delivery")];
        QStringList repeated;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
            if (it.value() != 1)
                repeated << QStringLiteral("%1 x%2").arg(QString::fromLatin1(it.key())).arg(it.value());
        }
        QVERIFY2(repeated.isEmpty(), qPrintable(repeated.mid(0, 20).join(QStringLiteral(", "))));
        QCOMPARE(seen.size(), n);
        QCOMPARE(int(requests.size()), n);

        // The store's: all completed, one attempt each.
        const Run completed = hw({ QStringLiteral("deliveries"), QStringLiteral("--status"),
                                   QStringLiteral("completed"), QStringLiteral("--limit"), QString::number(n + 10),
                                   QStringLiteral("--json") });
        QCOMPARE(completed.json().array().size(), n);
        int notOne = 0;
        for (const auto &v : completed.json().array())
            notOne += v.toObject().value(QStringLiteral("attempt_count")).toInt() != 1;
        QCOMPARE(notOne, 0);
        qInfo("%s: %d deliveries by %d workers in %lld ms (%.0f/s); shares %s", QTest::currentDataTag(), n, workers,
              ms, n * 1000.0 / qMax<qint64>(1, ms), qPrintable(shares.join(QLatin1Char('+'))));
    }

    // Two workers whose clocks are five minutes apart: on PostgreSQL every lease and
    // due time is on the server's clock, so the one ahead neither takes over the other's live
    // leases nor sends a retry early.
    void skewedClocksNeverSendTwiceNorEarly()
    {
        TestDatabases::Scratch scratch(QStringLiteral("postgresql"));
        HOOKWATCH_REQUIRE_SCRATCH(scratch);
        Cli hw(scratch.url());
        Cli ahead(scratch.url());
        if (!ahead.shiftClock(QStringLiteral("+5m")))
            RELIABILITY_SKIP_OR_FAIL(QStringLiteral("libfaketime is not installed (apt-get install faketime)"));
        m_receiver.clear();
        m_receiver.setResponse(200);
        m_receiver.setResponseDelay(2500);
        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString() });
        QVERIFY2(added.code == 0, added.describe());
        const QString hook = QString::fromLatin1(added.out.trimmed());
        QVERIFY(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                     QStringLiteral("--repeat"), QStringLiteral("8") })
                        .code
                == 0);
        // The first worker takes all eight under a 30 s lease; the second, 5 minutes ahead,
        // starts while they are out: on its own clock every lease expired long ago.
        auto first = hw.start({ QStringLiteral("worker"), QStringLiteral("--until-idle"), QStringLiteral("--lease"),
                                QStringLiteral("30s"), QStringLiteral("--retention"), QStringLiteral("0s") });
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestCount(), 8, 10000);
        auto second = ahead.start({ QStringLiteral("worker"), QStringLiteral("--until-idle"), QStringLiteral("--lease"),
                                    QStringLiteral("30s"), QStringLiteral("--retention"), QStringLiteral("0s") });
        QVERIFY(waitForEnd(*first, 30000));
        QVERIFY(waitForEnd(*second, 30000));
        const QByteArray secondLog = second->readAllStandardError();
        QCOMPARE(m_receiver.requestCount(), 8);
        QVERIFY2(secondLog.contains("300 s ahead of the database server"), secondLog.constData());

        // A failed attempt is retried 5 minutes later by the server's clock: the worker that is
        // 5 minutes ahead does not send it now.
        m_receiver.clear();
        m_receiver.setResponseDelay(0);
        m_receiver.setResponseSequence({ 500, 200 });
        const Run ping = hw({ QStringLiteral("ping"), hook, QStringLiteral("--wait") });
        QCOMPARE(ping.code, 3);
        QCOMPARE(m_receiver.requestCount(), 1);
        const Run once = ahead({ QStringLiteral("worker"), QStringLiteral("--once") });
        QVERIFY2(once.code == 0, once.describe());
        QCOMPARE(m_receiver.requestCount(), 1);
        const Run waiting = hw({ QStringLiteral("deliveries"), QStringLiteral("--status"), QStringLiteral("waiting"),
                                 QStringLiteral("--json") });
        QCOMPARE(waiting.json().array().size(), 1);
    }

    // Workers behind PgBouncer in transaction mode: nothing is prepared on a server
    // connection another client may get next, and changes are checked for by polling, since
    // notifications do not cross the pooler. Each delivery goes out once, a delivery made by
    // another process goes out within a second, and --until-idle workers end soon after the
    // last delivery.
    void behindATransactionPooler()
    {
        const QString poolerUrl = qEnvironmentVariable("HOOKWATCH_TEST_PGBOUNCER_URL");
        if (poolerUrl.isEmpty())
            RELIABILITY_SKIP_OR_FAIL(QStringLiteral("HOOKWATCH_TEST_PGBOUNCER_URL is not set: run the tests through "
                                                    ".ci/with-postgres with pgbouncer installed"));
        TestDatabases::Scratch scratch(QStringLiteral("postgresql"));
        HOOKWATCH_REQUIRE_SCRATCH(scratch);
        DatabaseConfig pooled = DatabaseConfig::parse(poolerUrl).value();
        pooled.databaseName = scratch.config().databaseName;
        Cli hw(pooled.url());
        m_receiver.clear();
        m_receiver.setResponse(200);
        m_receiver.setResponseDelay(0);
        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString() });
        QVERIFY2(added.code == 0, added.describe());
        const QString hook = QString::fromLatin1(added.out.trimmed());
        constexpr int Count = 1000;
        QVERIFY(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                     QStringLiteral("--repeat"), QString::number(Count) })
                        .code
                == 0);
        std::vector<std::unique_ptr<QProcess>> workers;
        for (int i = 0; i < 4; ++i)
            workers.push_back(hw.start({ QStringLiteral("worker"), QStringLiteral("--until-idle"),
                                         QStringLiteral("--retention"), QStringLiteral("0s") }));
        qint64 lastEnd = 0;
        QByteArrayList logs;
        for (auto &w : workers) {
            QVERIFY2(waitForEnd(*w, 60000), "a worker behind the pooler did not end");
            lastEnd = qMax(lastEnd, QDateTime::currentMSecsSinceEpoch());
            logs << w->readAllStandardError();
            QVERIFY2(w->exitCode() == 0 && !logs.last().contains("database problem"), logs.last().right(2000).constData());
        }
        QHash<QByteArray, int> seen;
        qint64 lastRequest = 0;
        for (const auto &r : m_receiver.requests()) {
            ++seen[r.header("x-launchpad-delivery")];
            lastRequest = qMax(lastRequest, r.receivedAtMs);
        }
        QCOMPARE(seen.size(), Count);
        QCOMPARE(m_receiver.requestCount(), Count);
        QVERIFY2(lastEnd - lastRequest < 3000, qPrintable(QStringLiteral("the last worker ended %1 ms after the "
                                                                         "last delivery")
                                                                  .arg(lastEnd - lastRequest)));
        // One line says why changes are polled for.
        for (const QByteArray &log : std::as_const(logs))
            QVERIFY2(log.count("connection pooler") == 1, log.left(2000).constData());

        // A continuous worker notices a delivery made by another process within a second.
        auto worker = hw.start({ QStringLiteral("worker"), QStringLiteral("--retention"), QStringLiteral("0s") });
        QTRY_VERIFY(worker->bytesAvailable() > 0 || worker->state() == QProcess::Running);
        QTest::qWait(1000); // let it settle into waiting
        m_receiver.clear();
        const Run pinged = hw({ QStringLiteral("ping"), hook });
        QVERIFY2(pinged.code == 0, pinged.describe());
        QElapsedTimer sincePing;
        sincePing.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestCount(), 1, 5000);
        QVERIFY2(sincePing.elapsed() < 1000, qPrintable(QString::number(sincePing.elapsed())));
        worker->terminate();
        QVERIFY(waitForEnd(*worker, 10000));
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
