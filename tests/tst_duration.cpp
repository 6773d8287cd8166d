#include "duration.h"
#include "timeformat.h"

#include <QTest>

class TestDuration final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("zero") << QStringLiteral("0s") << qint64(0);
        QTest::newRow("ms") << QStringLiteral("500ms") << qint64(500);
        QTest::newRow("seconds") << QStringLiteral("30s") << qint64(30000);
        QTest::newRow("minutes") << QStringLiteral("5m") << qint64(300000);
        QTest::newRow("compound") << QStringLiteral("1h30m") << qint64(5400000);
        QTest::newRow("days") << QStringLiteral("2d") << qint64(2 * 86400000LL);
        QTest::newRow("spaces around") << QStringLiteral(" 1h ") << qint64(3600000);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto parsed = Duration::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value(), ms);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("bare number") << QStringLiteral("30") << QStringLiteral("needs a unit");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("unknown unit") << QStringLiteral("5y") << QStringLiteral("unknown unit");
        QTest::newRow("negative") << QStringLiteral("-5m") << QStringLiteral("expected a number");
        QTest::newRow("unit only") << QStringLiteral("m") << QStringLiteral("expected a number");
        QTest::newRow("huge") << QStringLiteral("99999999999999999d") << QStringLiteral("too large");
    }
    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const auto parsed = Duration::parse(text);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(reason), qPrintable(parsed.error()));
    }

    void formatRoundTrips_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("0") << qint64(0) << QStringLiteral("0s");
        QTest::newRow("5m") << qint64(300000) << QStringLiteral("5m");
        QTest::newRow("1h30m") << qint64(5400000) << QStringLiteral("1h30m");
        QTest::newRow("1d1ms") << qint64(86400001) << QStringLiteral("1d1ms");
    }
    void formatRoundTrips()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(Duration::format(ms), text);
        QCOMPARE(Duration::parse(text).value(), ms);
    }

    // Without a translator (the command line) the plural still reads as English.
    void describedInEnglishWithoutATranslation()
    {
        QCOMPARE(Duration::describe(3600000), QStringLiteral("1 hour"));
        QCOMPARE(Duration::describe(2 * 3600000), QStringLiteral("2 hours"));
        QCOMPARE(Duration::describe(24 * 3600000), QStringLiteral("24 hours"));
        QCOMPARE(Duration::describe(2 * 86400000), QStringLiteral("2 days"));
        QCOMPARE(Duration::describe(60000), QStringLiteral("1 minute"));
        QCOMPARE(Duration::describe(1000), QStringLiteral("1 second"));
        QCOMPARE(Duration::describe(1500), QStringLiteral("1500 milliseconds"));
        QCOMPARE(Duration::describe(1), QStringLiteral("1 millisecond"));
    }

    void isoTimes()
    {
        QCOMPARE(TimeFormat::iso(0), QStringLiteral("1970-01-01T00:00:00.000Z"));
        QCOMPARE(
            TimeFormat::parseIso(QStringLiteral("2026-11-28T10:00:00.250Z")).value(), qint64(1795860000250));
        QCOMPARE(TimeFormat::parseIso(QStringLiteral("2026-11-28")).value(), qint64(1795824000000));
        QCOMPARE(
            TimeFormat::parseIso(QStringLiteral("2026-11-28T11:00:00+01:00")).value(), qint64(1795860000000));
        QVERIFY(!TimeFormat::parseIso(QStringLiteral("yesterday")).ok());
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
