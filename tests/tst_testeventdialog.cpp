#include "eventtemplates.h"
#include "profiles.h"
#include "testeventdialog.h"
#include "validation.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QTest>

// The Send-test-event dialog offers the webhook's platform's common events, each with a
// payload of that platform's shape.
class TestTestEventDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templatesPerPlatform_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QStringList>("types");
        QTest::newRow("github") << Profiles::GitHub
                                << QStringList { QStringLiteral("push"), QStringLiteral("pull_request"),
                                       QStringLiteral("issues") };
        QTest::newRow("stripe") << Profiles::Stripe
                                << QStringList { QStringLiteral("payment_intent.succeeded"),
                                       QStringLiteral("charge.failed"), QStringLiteral("customer.created") };
        QTest::newRow("standard-webhooks")
            << Profiles::StandardWebhooks
            << QStringList { QStringLiteral("invoice.paid"), QStringLiteral("invoice.payment_failed"),
                   QStringLiteral("user.created"), QStringLiteral("user.deleted") };
        QTest::newRow("launchpad") << Profiles::Launchpad << EventTemplates::launchpadEventTypes();
        QTest::newRow("launchpad-current")
            << Profiles::LaunchpadCurrent << EventTemplates::launchpadEventTypes();
    }
    void templatesPerPlatform()
    {
        QFETCH(QString, profile);
        QFETCH(QStringList, types);
        QCOMPARE(EventTemplates::eventTypes(profile), types);
        for (const QString &type : types) {
            const QByteArray payload = EventTemplates::payloadFor(profile, type);
            QVERIFY2(payload != "{}", qPrintable(type));
            QVERIFY2(Validation::payload(payload).ok(), qPrintable(type));
            const QJsonObject o = QJsonDocument::fromJson(payload).object();
            if (profile == Profiles::Stripe) {
                // An event object: its id, "object": "event", the type, and data.object.
                QVERIFY(o.value(QStringLiteral("id")).toString().startsWith(QLatin1String("evt_")));
                QCOMPARE(o.value(QStringLiteral("object")).toString(), QStringLiteral("event"));
                QCOMPARE(o.value(QStringLiteral("type")).toString(), type);
                QVERIFY(
                    o.value(QStringLiteral("data")).toObject().value(QStringLiteral("object")).isObject());
            } else if (profile == Profiles::StandardWebhooks) {
                // A message: type, timestamp and data.
                QCOMPARE(o.value(QStringLiteral("type")).toString(), type);
                QVERIFY(!o.value(QStringLiteral("timestamp")).toString().isEmpty());
                QVERIFY(o.value(QStringLiteral("data")).isObject());
            } else if (profile == Profiles::GitHub) {
                QVERIFY(o.value(QStringLiteral("repository")).isObject());
                QVERIFY(o.value(QStringLiteral("sender")).isObject());
            }
        }
        QCOMPARE(
            EventTemplates::payloadFor(profile, QStringLiteral("no.such.event")), QByteArrayLiteral("{}"));
    }

    // What a person sees: the platform's events in the list, the first one's payload in the
    // editor, and the next one's when another is chosen.
    void dialogOffersThePlatformsEvents()
    {
        TestEventDialog dialog(3, QStringLiteral("http://127.0.0.1:9/hook"), Profiles::Stripe);
        auto *types = dialog.findChild<QComboBox *>();
        auto *editor = dialog.findChild<QPlainTextEdit *>();
        QVERIFY(types && editor);
        QStringList offered;
        for (int i = 0; i < types->count(); ++i)
            offered << types->itemText(i);
        QCOMPARE(offered, EventTemplates::eventTypes(Profiles::Stripe));
        QCOMPARE(dialog.eventType(), QStringLiteral("payment_intent.succeeded"));
        QCOMPARE(dialog.payload(), EventTemplates::payloadFor(Profiles::Stripe, dialog.eventType()));
        types->setCurrentIndex(1);
        QCOMPARE(dialog.eventType(), QStringLiteral("charge.failed"));
        QVERIFY(dialog.payload().contains("\"type\":\"charge.failed\""));
        QVERIFY(dialog.validationError().isEmpty());

        TestEventDialog launchpad(4, QStringLiteral("http://127.0.0.1:9/hook"), Profiles::Launchpad);
        auto *launchpadTypes = launchpad.findChild<QComboBox *>();
        QCOMPARE(launchpadTypes->itemText(0), QStringLiteral("bug:0.1"));
        QCOMPARE(launchpadTypes->itemText(launchpadTypes->count() - 1), QStringLiteral("ping"));
    }
};

QTEST_MAIN(TestTestEventDialog)
#include "tst_testeventdialog.moc"
