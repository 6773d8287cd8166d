#include "historysummary.h"

#include <QTest>

// The history's summary added up: nearest-rank percentiles, hours with their outcomes.
class TestHistorySummary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentiles_data()
    {
        QTest::addColumn<QList<qint64>>("durations");
        QTest::addColumn<qint64>("median");
        QTest::addColumn<qint64>("p95");
        QTest::newRow("one") << QList<qint64> { 7 } << qint64(7) << qint64(7);
        QTest::newRow("two") << QList<qint64> { 30, 10 } << qint64(10) << qint64(30);
        QTest::newRow("odd") << QList<qint64> { 5, 1, 3 } << qint64(3) << qint64(5);
        QList<qint64> hundred;
        for (qint64 ms = 100; ms >= 1; --ms)
            hundred << ms;
        QTest::newRow("1..100") << hundred << qint64(50) << qint64(95);
        QList<qint64> slowTail(19, 10);
        slowTail << 5000;
        QTest::newRow("one slow in twenty") << slowTail << qint64(10) << qint64(10);
        slowTail << 5000;
        QTest::newRow("two slow in 21") << slowTail << qint64(10) << qint64(5000);
    }
    void percentiles()
    {
        QFETCH(QList<qint64>, durations);
        QFETCH(qint64, median);
        QFETCH(qint64, p95);
        QList<HistorySummary::AttemptPoint> points;
        for (qint64 ms : durations)
            points.append({ 0, ms, true });
        HistorySummary s;
        s.addAttempts(points);
        QCOMPARE(s.attempts, durations.size());
        QCOMPARE(s.medianMs.value(), median);
        QCOMPARE(s.p95Ms.value(), p95);
    }

    void hoursByOutcome()
    {
        constexpr TimeMs H = HistorySummary::Hour;
        constexpr TimeMs T0 = 1795860000000; // 2026-11-28T10:00:00Z, on the hour
        HistorySummary s;
        s.addAttempts({ { T0 + 3 * H + 59 * 60 * 1000, 1, false }, { T0 + 5, 1, true },
            { T0 + H - 1, 1, false }, { T0 + 3 * H, 1, true } });
        QCOMPARE(s.attemptsPerHour.size(), 4); // the empty hours between stay, as gaps in the chart
        QCOMPARE(s.attemptsPerHour.at(0).start, T0);
        QCOMPARE(s.attemptsPerHour.at(0).succeeded, 1);
        QCOMPARE(s.attemptsPerHour.at(0).failed, 1);
        QCOMPARE(s.attemptsPerHour.at(1).succeeded + s.attemptsPerHour.at(1).failed, 0);
        QCOMPARE(s.attemptsPerHour.at(3).start, T0 + 3 * H);
        QCOMPARE(s.attemptsPerHour.at(3).succeeded, 1);
        QCOMPARE(s.attemptsPerHour.at(3).failed, 1);

        HistorySummary none;
        none.addAttempts({});
        QVERIFY(!none.medianMs);
        QVERIFY(none.attemptsPerHour.isEmpty());
    }

    void deliveriesByOutcome()
    {
        HistorySummary s;
        s.countDelivery(Delivery::Display::Delivered, 8);
        s.countDelivery(Delivery::Display::Retrying, 2);
        s.countDelivery(Delivery::Display::Failed, 1);
        s.countDelivery(Delivery::Display::Delivered, 1);
        QCOMPARE(s.deliveries, 12);
        QCOMPARE(s.delivered, 9);
        QCOMPARE(s.retrying, 2);
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.neverTried, 0);
    }
};

QTEST_GUILESS_MAIN(TestHistorySummary)
#include "tst_historysummary.moc"
