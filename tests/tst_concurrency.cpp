#include "reliability.h"
#include "testreceiver.h"

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
    }
    void eachDeliveryExactlyOnce()
    {
        QFETCH(QString, backend);
        QFETCH(int, workers);
        QFETCH(int, count);
        QFETCH(int, delayMs);
        QFETCH(QString, lease);
        TestDatabases::Scratch scratch(backend);
        HOOKWATCH_REQUIRE_SCRATCH(scratch);
        Cli hw(scratch.url());
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
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
