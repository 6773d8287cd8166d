// The detail pane shows bodies as the bytes that were sent; "Pretty" indents JSON; binary bodies
// are a hex dump, never mojibake.
#include "deliverydetailview.h"
#include "windowapp.h"

#include <QCheckBox>
#include <QListWidget>
#include <QSettings>
#include <QTabWidget>
#include <QTranslator>
#include <QtTest>

class TestDeliveryDetailView final : public QObject
{
    Q_OBJECT

private:
    static DeliveryDetail delivered(const QByteArray &payload, const QByteArray &responseBody)
    {
        DeliveryDetail detail;
        detail.delivery.id = 7;
        detail.delivery.webhookId = 3;
        detail.delivery.eventType = QStringLiteral("ping");
        detail.delivery.payload = payload;
        detail.delivery.status = JobStatus::Completed;
        detail.delivery.successful = true;
        Attempt attempt;
        attempt.deliveryId = 7;
        attempt.number = 1;
        attempt.request.url = QStringLiteral("http://127.0.0.1:9/hook");
        attempt.request.headers = { { "Content-Type", "application/json" },
            { "Content-Length", QByteArray::number(payload.size()) } };
        AttemptResponse response;
        response.statusCode = 200;
        response.headers = { { "Content-Length", QByteArray::number(responseBody.size()) } };
        response.body = responseBody;
        attempt.response = response;
        detail.attempts = { attempt };
        return detail;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("HookwatchTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_deliverydetailview"));
        QSettings().clear();
    }

    void bodiesAreTheExactBytesUnlessPretty()
    {
        DeliveryDetailView view;
        QVERIFY(!view.prettyToggle()->isChecked());
        view.showDetail(delivered(QByteArrayLiteral("{\"ok\":true}"), QByteArrayLiteral("{\"a\":[1,2]}")));
        QCOMPARE(view.requestText(),
            QStringLiteral(
                "POST http://127.0.0.1:9/hook\nContent-Type: application/json\nContent-Length: 11\n\n"
                "{\"ok\":true}"));
        QVERIFY(
            view.responseText().endsWith(QStringLiteral("HTTP 200\nContent-Length: 11\n\n{\"a\":[1,2]}")));

        view.prettyToggle()->click();
        QVERIFY(view.requestText().endsWith(QStringLiteral("Content-Length: 11\n\n{\n    \"ok\": true\n}")));
        QVERIFY(view.responseText().endsWith(
            QStringLiteral("\n\n{\n    \"a\": [\n        1,\n        2\n    ]\n}")));
        // Remembered: a new pane starts pretty.
        DeliveryDetailView again;
        QVERIFY(again.prettyToggle()->isChecked());
        again.prettyToggle()->click();
        QVERIFY(!DeliveryDetailView().prettyToggle()->isChecked());
    }

    void aBinaryBodyIsAHexDump()
    {
        DeliveryDetailView view;
        QByteArray gzip = QByteArray::fromHex("1f8b0800000000000003cbcf06000000");
        gzip += QByteArray("ab\xff", 3);
        view.showDetail(delivered(QByteArrayLiteral("{}"), gzip));
        QVERIFY2(view.responseText().endsWith(QStringLiteral(
                     "\n\nbinary, 19 bytes\n"
                     "00000000  1f 8b 08 00 00 00 00 00 00 03 cb cf 06 00 00 00  ................\n"
                     "00000010  61 62 ff                                         ab.")),
            qPrintable(view.responseText()));
        // A NUL byte in otherwise valid UTF-8 is binary too, and so is it with "Pretty".
        view.prettyToggle()->setChecked(true);
        view.showDetail(delivered(QByteArrayLiteral("{}"), QByteArray("a\0b", 3)));
        QVERIFY2(view.responseText().endsWith(
                     QStringLiteral("\n\nbinary, 3 bytes\n"
                                    "00000000  61 00 62                                         a.b")),
            qPrintable(view.responseText()));
        view.prettyToggle()->setChecked(false);
        // Valid UTF-8 beyond ASCII is text.
        view.showDetail(delivered(QByteArrayLiteral("{}"), QStringLiteral("Grüße").toUtf8()));
        QVERIFY(view.responseText().endsWith(QStringLiteral("\n\nGrüße")));
    }
    // Under German, an attempt that got no answer reads German in the list and the response
    // tab, not the deliverer's English words.
    void attemptsReadInTheWindowsLanguage()
    {
        QTranslator translator;
        QVERIFY(loadTranslation(translator, QLocale(QLocale::German, QLocale::Germany)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const auto removeTranslator
            = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
        DeliveryDetail detail = delivered(QByteArrayLiteral("{}"), QByteArray());
        detail.delivery.successful = false;
        detail.delivery.status = JobStatus::Waiting;
        detail.attempts.first().response.reset();
        detail.attempts.first().connectionError = QStringLiteral("Connection refused");
        DeliveryDetailView view;
        view.showDetail(detail);
        auto *attempts = view.findChild<QListWidget *>();
        QVERIFY(attempts && attempts->count() == 1);
        QVERIFY2(attempts->item(0)->text().contains(QStringLiteral("Verbindung abgelehnt")),
            qPrintable(attempts->item(0)->text()));
        QVERIFY2(!attempts->item(0)->text().contains(QStringLiteral("refused")),
            qPrintable(attempts->item(0)->text()));
        QVERIFY2(view.responseText().contains(QStringLiteral("Verbindung abgelehnt")),
            qPrintable(view.responseText()));
        auto *tabs = view.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QStringList titles;
        for (int i = 0; i < tabs->count(); ++i)
            titles << tabs->tabText(i);
        QCOMPARE(titles,
            QStringList({ QStringLiteral("Anfrage"), QStringLiteral("Antwort"), QStringLiteral("Nutzdaten"),
                QStringLiteral("Zeitplan"), QStringLiteral("Signatur") }));
    }
};

QTEST_MAIN(TestDeliveryDetailView)
#include "tst_deliverydetailview.moc"
