#include "outcome.h"

#include <QTest>

// Launchpad's failure detail rules, first that applies.
class TestOutcome final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<bool>("deactivated");
        QTest::addColumn<QString>("connectionError");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("successful");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("200") << false << QString() << 200 << true << QString() << false;
        QTest::newRow("204") << false << QString() << 204 << true << QString() << false;
        QTest::newRow("299") << false << QString() << 299 << true << QString() << false;
        QTest::newRow("199") << false << QString() << 199 << false << QStringLiteral("Bad HTTP response: 199") << true;
        QTest::newRow("300 not followed")
                << false << QString() << 302 << false << QStringLiteral("Bad HTTP response: 302") << true;
        QTest::newRow("404") << false << QString() << 404 << false << QStringLiteral("Bad HTTP response: 404") << true;
        QTest::newRow("500") << false << QString() << 500 << false << QStringLiteral("Bad HTTP response: 500") << true;
        QTest::newRow("refused") << false << QStringLiteral("Connection refused") << 0 << false
                                 << QStringLiteral("Connection error: Connection refused") << true;
        QTest::newRow("timeout") << false << QStringLiteral("Request timeout") << 0 << false
                                 << QStringLiteral("Connection error: Request timeout") << true;
        QTest::newRow("deactivated wins") << true << QStringLiteral("Connection refused") << 200 << false
                                          << QStringLiteral("Webhook deactivated") << false;
    }
    void classify()
    {
        QFETCH(bool, deactivated);
        QFETCH(QString, connectionError);
        QFETCH(int, status);
        QFETCH(bool, successful);
        QFETCH(QString, detail);
        QFETCH(bool, retryable);
        const Outcome o = Outcome::classify(deactivated, connectionError, status);
        QCOMPARE(o.successful, successful);
        QCOMPARE(o.failureDetail, detail);
        QCOMPARE(o.retryable, retryable);
    }
};

QTEST_GUILESS_MAIN(TestOutcome)
#include "tst_outcome.moc"
