// The window's translations as a user reads them: English and German plural forms for counted
// things, loaded the way the window loads them (windowapp's loadTranslation).
#include "deliverytext.h"
#include "duration.h"
#include "retrypolicy.h"
#include "windowapp.h"

#include <QLocale>
#include <QTranslator>
#include <QtTest>

class TestTranslations final : public QObject
{
    Q_OBJECT

private:
    // The text the history pane, the service and the status bar show for a count.
    static QString counted(const char *context, const char *text, int n)
    {
        return QCoreApplication::translate(context, text, nullptr, n);
    }

private Q_SLOTS:
    void englishPluralForms()
    {
        QTranslator translator;
        QVERIFY(loadTranslation(translator, QLocale(QLocale::English, QLocale::UnitedStates)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCOMPARE(counted("HistoryPane", "%n delivery(s)", 1), QStringLiteral("1 delivery"));
        QCOMPARE(counted("HistoryPane", "%n delivery(s)", 0), QStringLiteral("0 deliveries"));
        QCOMPARE(counted("HistoryPane", "%n delivery(s)", 2), QStringLiteral("2 deliveries"));
        QCOMPARE(counted("StoreService", "Sending %n delivery(s) now.", 1),
            QStringLiteral("Sending 1 delivery now."));
        QCOMPARE(counted("StoreService", "Sending %n delivery(s) now.", 3),
            QStringLiteral("Sending 3 deliveries now."));
        QCOMPARE(counted("MainWindow", "%n deliveries failed for good.", 1),
            QStringLiteral("1 delivery failed for good."));
        QCOMPARE(Duration::describe(3600000), QStringLiteral("1 hour"));
        QCOMPARE(Duration::describe(5 * 60000), QStringLiteral("5 minutes"));
        QCOMPARE(Duration::describe(2 * 86400000), QStringLiteral("2 days"));
        QCOMPARE(RetryPolicy::fromPreset(QStringLiteral("launchpad-current"))
                     .value()
                     .describe()
                     .contains(QStringLiteral("(s)")),
            false);
        QCoreApplication::removeTranslator(&translator);
    }

    // A language with no file of its own falls back to English's forms, not "1 delivery(s)".
    void otherLanguagesGetEnglishForms()
    {
        QTranslator translator;
        QVERIFY(loadTranslation(translator, QLocale(QLocale::French, QLocale::France)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCOMPARE(counted("HistoryPane", "%n delivery(s)", 1), QStringLiteral("1 delivery"));
        QCOMPARE(counted("HistoryPane", "%n delivery(s)", 2), QStringLiteral("2 deliveries"));
        QCoreApplication::removeTranslator(&translator);
    }

    void germanPluralForms()
    {
        QTranslator translator;
        QVERIFY(loadTranslation(translator, QLocale(QLocale::German, QLocale::Germany)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCOMPARE(counted("HistoryPane", "%n delivery(s)", 1), QStringLiteral("1 Zustellung"));
        QCOMPARE(counted("HistoryPane", "%n delivery(s)", 2), QStringLiteral("2 Zustellungen"));
        QCOMPARE(Duration::describe(3600000), QStringLiteral("1 Stunde"));
        QCOMPARE(Duration::describe(24 * 3600000), QStringLiteral("24 Stunden"));
        QCOMPARE(Duration::describe(2 * 86400000), QStringLiteral("2 Tage"));
        QCOMPARE(Duration::describe(1000), QStringLiteral("1 Sekunde"));
        // The job status in the detail pane is German too, not "Auftrag waiting".
        QCOMPARE(DeliveryText::jobStatusName(JobStatus::Waiting), QStringLiteral("wartet"));
        QCoreApplication::removeTranslator(&translator);
    }

    // Failure details are stored in Launchpad's English and shown in the window's language.
    void failuresShownInGerman_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("shown");
        QTest::newRow("bad response") << QStringLiteral("Bad HTTP response: 503")
                                      << QStringLiteral("Ungültige HTTP-Antwort: 503");
        QTest::newRow("deactivated") << QStringLiteral("Webhook deactivated") << QStringLiteral("Webhook deaktiviert");
        QTest::newRow("refused") << QStringLiteral("Connection error: Connection refused")
                                 << QStringLiteral("Verbindungsfehler: Verbindung abgelehnt");
        QTest::newRow("timeout") << QStringLiteral("Connection error: Request timeout")
                                 << QStringLiteral("Verbindungsfehler: Zeitüberschreitung der Anfrage");
        QTest::newRow("closed") << QStringLiteral(
            "Connection error: Connection closed by the receiver before a complete response")
                                << QStringLiteral(
                                       "Verbindungsfehler: Verbindung vom Empfänger vor einer vollständigen Antwort geschlossen");
        QTest::newRow("host") << QStringLiteral("Connection error: Host nowhere.invalid not found")
                              << QStringLiteral("Verbindungsfehler: Host nowhere.invalid nicht gefunden");
        QTest::newRow("tls") << QStringLiteral("Connection error: TLS handshake failed: The certificate is self-signed")
                             << QStringLiteral("Verbindungsfehler: TLS-Handshake fehlgeschlagen: The certificate is self-signed");
        QTest::newRow("not sent") << QStringLiteral("Connection error: Request not sent: bad header")
                                  << QStringLiteral("Verbindungsfehler: Anfrage nicht gesendet: bad header");
        QTest::newRow("Qt's own text") << QStringLiteral("Connection error: Network unreachable")
                                       << QStringLiteral("Verbindungsfehler: Network unreachable");
        QTest::newRow("not ours") << QStringLiteral("something else") << QStringLiteral("something else");
    }
    void failuresShownInGerman()
    {
        QFETCH(QString, stored);
        QFETCH(QString, shown);
        QTranslator translator;
        QVERIFY(loadTranslation(translator, QLocale(QLocale::German, QLocale::Germany)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCOMPARE(DeliveryText::failure(stored), shown);
        Delivery d;
        d.status = JobStatus::Failed;
        d.successful = false;
        d.failureDetail = stored;
        QCOMPARE(DeliveryText::result(d), shown);
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(DeliveryText::failure(stored), stored); // English: as stored
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
