// The history's summary in the window: a real SQLite store with delivered and failed
// deliveries, added up on the store's thread and shown as counts, times and a chart.
#include "jobstore.h"
#include "storeconnection.h"
#include "summarychart.h"
#include "summarydialog.h"
#include "windowapp.h"

#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

class TestSummaryDialog final : public QObject
{
    Q_OBJECT

    QTranslator m_english; // the plural forms, as the window loads them

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(loadTranslation(m_english, QLocale(QLocale::English, QLocale::UnitedStates)));
        QVERIFY(QCoreApplication::installTranslator(&m_english));
    }

    void barsAddUpRunsOfHours()
    {
        QList<HistorySummary::HourCount> hours;
        for (int h = 0; h < 100; ++h)
            hours.append({ h * HistorySummary::Hour, h % 3, h % 2 });
        const QList<SummaryBar> bars = summaryBars(hours, 30);
        QCOMPARE(bars.size(), 25); // four hours a bar
        QCOMPARE(bars.first().start, 0);
        QCOMPARE(bars.first().end, 4 * HistorySummary::Hour);
        QCOMPARE(bars.last().end, 100 * HistorySummary::Hour);
        int succeeded = 0, failed = 0;
        for (const SummaryBar &bar : bars) {
            succeeded += bar.succeeded;
            failed += bar.failed;
        }
        int wantSucceeded = 0, wantFailed = 0;
        for (const auto &h : hours) {
            wantSucceeded += h.succeeded;
            wantFailed += h.failed;
        }
        QCOMPARE(succeeded, wantSucceeded);
        QCOMPARE(failed, wantFailed);
        QCOMPARE(summaryBars(hours.mid(0, 10), 30).size(), 10); // an hour a bar when they fit
        QVERIFY(summaryBars({}, 30).isEmpty());
    }

    void showsWhatTheFilteredHistoryAddsUpTo()
    {
        QTemporaryDir dir;
        const DatabaseConfig config
            = DatabaseConfig::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("s.db"))).value();
        {
            JobStore store(config);
            QVERIFY(store.open().ok());
            Webhook w;
            w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
            const qint64 hook = store.addWebhook(w).value();
            QVERIFY(store.createDeliveries(hook, QStringLiteral("ping"), "{}", 4).ok());
            // Two delivered, one failed for good, one never tried.
            for (int status : { 200, 200, 503 }) {
                const auto claimed = store.claimDue(QStringLiteral("w"), 1, 60000).value();
                QCOMPARE(claimed.size(), 1);
                AttemptRecord r;
                r.before = claimed.first().delivery;
                r.policy = claimed.first().webhook.retryPolicy;
                r.policy.windowMs = 0;
                r.attempt.deliveryId = claimed.first().delivery.id;
                r.attempt.dateStarted = store.now();
                r.attempt.dateSent = store.now();
                r.attempt.durationMs = status == 200 ? 10 : 30;
                r.attempt.request.url = w.deliveryUrl;
                AttemptResponse response;
                response.statusCode = status;
                r.attempt.response = response;
                QVERIFY(store.recordAttempts(QStringLiteral("w"), { r }).ok());
            }
        }
        StoreConnection connection;
        DeliveryOptions watchOnly;
        watchOnly.deliver = false;
        Q_EMIT connection.open(config, watchOnly);
        SummaryDialog dialog(&connection, DeliveryFilter());
        dialog.resize(640, 360);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_COMPARE_WITH_TIMEOUT(dialog.countsText(),
            QStringLiteral("4 deliveries: 2 delivered, 0 retrying, 1 failed, 1 never tried"), 10000);
        QVERIFY2(dialog.timesText().startsWith(
                     QStringLiteral("3 attempts; the receiver answered in 10 ms (median), 30 ms (p95)")),
            qPrintable(dialog.timesText()));
        const QList<SummaryBar> bars = dialog.chart()->bars();
        QCOMPARE(bars.size(), 1); // one hour
        QCOMPARE(bars.first().succeeded, 2);
        QCOMPARE(bars.first().failed, 1);
        // What the chart draws: green for the delivered at the bottom of the bar.
        const QImage image = dialog.chart()->grab().toImage();
        bool green = false, red = false;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                green = green || c == QColor(0x2e, 0x9d, 0x46);
                red = red || c == QColor(0xc6, 0x28, 0x28);
            }
        }
        QVERIFY(green && red);
    }
};

QTEST_MAIN(TestSummaryDialog)
#include "tst_summarydialog.moc"
