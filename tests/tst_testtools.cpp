#include "harness.h"
#include "profiles.h"
#include "senderprofile.h"
#include "testsender.h"

#include <QProcess>
#include <QTest>

#include <algorithm>

// The receiver test tools (TestSender, `hookwatch replay` and `send-batch`) against a real
// receiver on 127.0.0.1, on both backends: what the receiver got, and what the history keeps.
class TestTestTools final : public QObject
{
    Q_OBJECT

    static constexpr const char *StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static qint64 addWebhook(Harness &h, const QString &profile, bool secret = true)
    {
        Webhook w;
        w.profile = profile;
        if (secret)
            w.secret = QString::fromLatin1(StandardSecret);
        return h.addWebhook(w);
    }
    // Runs `start` and waits for the sender's finished(); the attempts it reported.
    static std::optional<QList<Attempt>> run(TestSender &sender, const std::function<Status()> &start)
    {
        QSignalSpy finished(&sender, &TestSender::finished);
        QSignalSpy failed(&sender, &TestSender::failed);
        const Status s = start();
        if (!s) {
            qWarning() << s.error();
            return std::nullopt;
        }
        if (!finished.wait(20000))
            return std::nullopt;
        return finished.first().first().value<QList<Attempt>>();
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<Attempt>>(); }

    // The delivery again with its id and signature scheme: a new attempt marked same-id; the
    // delivery stays delivered, its retry count as it was.
    void sameIdAgain_data() { TestDatabases::addBackendRows(); }
    void sameIdAgain()
    {
        QFETCH(QString, backend);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        const qint64 hook = addWebhook(h, Profiles::StandardWebhooks);
        const qint64 id = h.store->createDelivery(hook, QStringLiteral("invoice.paid"), "{\"a\":1}").value();
        h.dispatcher->start();
        QVERIFY(h.nextAttempt());
        h.dispatcher->stop(0); // the test sender alone from here
        QTRY_COMPARE(h.receiver.requestCount(), 1);
        TestSender sender(h.store.get());
        const auto attempts = run(sender, [&] { return sender.resend(id, 1, false); });
        QVERIFY(attempts);
        QCOMPARE(h.receiver.requestCount(), 2);
        const auto requests = h.receiver.requests();
        QCOMPARE(requests.at(1).header("webhook-id"), requests.at(0).header("webhook-id"));
        QCOMPARE(requests.at(1).body, requests.at(0).body);
        // Signed as the platform signs: with the id, its own send time and the body.
        const QByteArray ts = requests.at(1).header("webhook-timestamp");
        QCOMPARE(requests.at(1).header("webhook-signature"),
            Signature::standardWebhooks(QString::fromLatin1(StandardSecret),
                requests.at(1).header("webhook-id"), ts.toLongLong(), requests.at(1).body));

        const QList<Attempt> kept = h.store->attempts(id).value();
        QCOMPARE(kept.size(), 2);
        QVERIFY(kept.at(0).testTool.isEmpty());
        QCOMPARE(kept.at(1).testTool, TestTools::SameId);
        QCOMPARE(kept.at(1).number, 2);
        QCOMPARE(kept.at(1).response->statusCode, 200);
        const Delivery d = h.store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Completed);
        QCOMPARE(d.attemptCount, 1);
        QCOMPARE(d.totalAttempts, 2);
    }

    // N copies at once, every one with the delivery's id and the same signature; the delivery
    // itself not attempted (still waiting, its schedule untouched).
    void burstOfDuplicates_data() { TestDatabases::addBackendRows(); }
    void burstOfDuplicates()
    {
        QFETCH(QString, backend);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        const qint64 hook = addWebhook(h, Profiles::Launchpad);
        const qint64 id = h.store->createDelivery(hook, QStringLiteral("bug:0.1"), "{}").value();
        const Delivery before = h.store->delivery(id).value();
        constexpr int DelayMs = 1500;
        h.receiver.setResponseDelay(DelayMs);
        TestSender sender(h.store.get());
        const auto attempts = run(sender, [&] { return sender.resend(id, TestTools::DefaultBurst, false); });
        QVERIFY(attempts);
        const auto requests = h.receiver.requests();
        QCOMPARE(requests.size(), TestTools::DefaultBurst);
        for (const auto &r : requests) {
            QCOMPARE(r.header("x-launchpad-delivery"), QByteArray::number(id));
            QCOMPARE(r.header("x-hub-signature"), requests.first().header("x-hub-signature"));
        }
        // Concurrent: all of them arrived before the first could have been answered.
        qint64 first = requests.first().receivedAtMs, last = first;
        for (const auto &r : requests) {
            first = qMin(first, r.receivedAtMs);
            last = qMax(last, r.receivedAtMs);
        }
        QVERIFY2(last - first < DelayMs, qPrintable(QString::number(last - first)));

        const QList<Attempt> kept = h.store->attempts(id).value();
        QCOMPARE(kept.size(), TestTools::DefaultBurst);
        QList<int> numbers;
        for (const Attempt &a : kept) {
            QCOMPARE(a.testTool, TestTools::Burst);
            numbers << a.number;
        }
        QCOMPARE(numbers, QList<int>({ 1, 2, 3, 4, 5 }));
        const Delivery after = h.store->delivery(id).value();
        QCOMPARE(after.status, JobStatus::Waiting);
        QCOMPARE(after.attemptCount, 0);
        QCOMPARE(after.scheduledStart, before.scheduledStart);
    }

    // Signed 10 minutes before it is sent, a signature valid for that time: a receiver that
    // checks the replay window must refuse it.
    void expiredTimestamp_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("profile");
        for (const char *backend : { "sqlite", "postgresql" }) {
            QTest::addRow("%s standard-webhooks", backend)
                << QString::fromLatin1(backend) << Profiles::StandardWebhooks;
            QTest::addRow("%s stripe", backend) << QString::fromLatin1(backend) << Profiles::Stripe;
        }
    }
    void expiredTimestamp()
    {
        QFETCH(QString, backend);
        QFETCH(QString, profile);
        Harness h(backend, false); // the real clock: the receiver compares with its own
        HARNESS_OR_SKIP(h);
        const qint64 hook = addWebhook(h, profile);
        const qint64 id = h.store->createDelivery(hook, QStringLiteral("charge.failed"), "{\"b\":2}").value();
        TestSender sender(h.store.get());
        const auto attempts = run(sender, [&] { return sender.resend(id, 1, true); });
        QVERIFY(attempts);
        QCOMPARE(h.receiver.requestCount(), 1);
        const auto r = h.receiver.requests().first();
        qint64 signedAt = 0;
        if (profile == Profiles::StandardWebhooks) {
            signedAt = r.header("webhook-timestamp").toLongLong();
            QCOMPARE(r.header("webhook-signature"),
                Signature::standardWebhooks(
                    QString::fromLatin1(StandardSecret), r.header("webhook-id"), signedAt, r.body));
        } else {
            const QByteArray header = r.header("stripe-signature");
            signedAt = header.mid(2, header.indexOf(',') - 2).toLongLong();
            QCOMPARE(header, Signature::stripe(QString::fromLatin1(StandardSecret), signedAt, r.body));
        }
        const qint64 age = r.receivedAtMs / 1000 - signedAt;
        QVERIFY2(age >= 599 && age <= 630, qPrintable(QString::number(age)));
        const QList<Attempt> kept = h.store->attempts(id).value();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().testTool, TestTools::ExpiredTimestamp);
    }

    // A profile without a signed timestamp says so, and sends nothing.
    void noTimestampToExpire_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<bool>("secret");
        QTest::addColumn<QString>("says");
        QTest::newRow("launchpad") << Profiles::Launchpad << true << QStringLiteral("signs no timestamp");
        QTest::newRow("github") << Profiles::GitHub << true << QStringLiteral("signs no timestamp");
        QTest::newRow("stripe without a secret") << Profiles::Stripe << false << QStringLiteral("no secret");
    }
    void noTimestampToExpire()
    {
        QFETCH(QString, profile);
        QFETCH(bool, secret);
        QFETCH(QString, says);
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        const qint64 hook = addWebhook(h, profile, secret);
        const qint64 id = h.store->createDelivery(hook, QStringLiteral("x"), "{}").value();
        TestSender sender(h.store.get());
        const Status s = sender.resend(id, 1, true);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(says), qPrintable(s.error()));
        QCOMPARE(s.errorKind(), ErrorKind::Invalid);
        QVERIFY(!sender.busy());
        QTest::qWait(0);
        QCOMPARE(h.receiver.requestCount(), 0);
        QCOMPARE(h.store->attempts(id).value().size(), 0);
    }

    // New deliveries created in order, sent newest first (or shuffled), one after the other:
    // each its own attempt, delivered as usual.
    void batchOutOfOrder_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("shuffled");
        for (const char *backend : { "sqlite", "postgresql" }) {
            QTest::addRow("%s reversed", backend) << QString::fromLatin1(backend) << false;
            QTest::addRow("%s shuffled", backend) << QString::fromLatin1(backend) << true;
        }
    }
    void batchOutOfOrder()
    {
        QFETCH(QString, backend);
        QFETCH(bool, shuffled);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        const qint64 hook = addWebhook(h, Profiles::GitHub);
        TestSender sender(h.store.get());
        const auto attempts
            = run(sender, [&] { return sender.sendBatch(hook, QStringLiteral("push"), "{}", 6, shuffled); });
        QVERIFY(attempts);
        QCOMPARE(attempts->size(), 6);
        QList<qint64> sentOrder;
        for (const Attempt &a : *attempts)
            sentOrder << a.deliveryId;
        QList<qint64> created = sentOrder;
        std::sort(created.begin(), created.end());
        QVERIFY(sentOrder != created);
        if (!shuffled) {
            QList<qint64> newestFirst = created;
            std::reverse(newestFirst.begin(), newestFirst.end());
            QCOMPARE(sentOrder, newestFirst);
        }
        // The receiver got them in the order sent, each with its delivery's own GUID.
        const auto requests = h.receiver.requests();
        QCOMPARE(requests.size(), 6);
        for (int i = 0; i < 6; ++i) {
            const Delivery d = h.store->delivery(sentOrder.at(i)).value();
            QCOMPARE(requests.at(i).header("x-github-delivery"),
                Profiles::deliveryGuid(d.id, d.webhookId, d.dateCreated).toLatin1());
            QCOMPARE(d.status, JobStatus::Completed);
            QVERIFY(d.successful.value_or(false));
            const QList<Attempt> kept = h.store->attempts(d.id).value();
            QCOMPARE(kept.size(), 1);
            QCOMPARE(kept.first().testTool, TestTools::OutOfOrder);
        }
        QVERIFY(!h.store->hasUnfinished().value());
    }

    // The subcommands, through the executable and its hookwatch-deliver module.
    void commandLine()
    {
        Harness h(QStringLiteral("sqlite"), false);
        HARNESS_OR_SKIP(h);
        const qint64 hook = addWebhook(h, Profiles::Launchpad);
        const qint64 id = h.store->createDelivery(hook, QStringLiteral("bug:0.1"), "{}").value();
        const auto hookwatch = [&](const QStringList &args) {
            QProcess p;
            p.start(qEnvironmentVariable("HOOKWATCH_BIN"),
                QStringList { QStringLiteral("--db"), h.scratch.config().url() } + args);
            [&] { QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 30000); }();
            return qMakePair(p.exitCode(),
                QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).trimmed());
        };
        auto [code, text] = hookwatch({ QStringLiteral("replay"), QString::number(id),
            QStringLiteral("--burst"), QStringLiteral("--count"), QStringLiteral("3") });
        QCOMPARE(code, 0);
        QCOMPARE(text.count(QStringLiteral("(burst): HTTP 200")), 3);
        QCOMPARE(h.receiver.requestCount(), 3);

        std::tie(code, text)
            = hookwatch({ QStringLiteral("replay"), QString::number(id), QStringLiteral("--expired") });
        QCOMPARE(code, 2);
        QVERIFY2(text.contains(QStringLiteral("signs no timestamp")), qPrintable(text));

        std::tie(code, text) = hookwatch({ QStringLiteral("send-batch"), QString::number(hook) });
        QCOMPARE(code, 0);
        QCOMPARE(text.count(QStringLiteral("(out-of-order): HTTP 200")), TestTools::DefaultBatch);
        QCOMPARE(h.receiver.requestCount(), 3 + TestTools::DefaultBatch);

        h.receiver.setResponse(503);
        std::tie(code, text) = hookwatch({ QStringLiteral("replay"), QString::number(id) });
        QCOMPARE(code, 3);
        QVERIFY2(text.contains(QStringLiteral("(same-id): HTTP 503")), qPrintable(text));
        QCOMPARE(h.store->attempts(id).value().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestTestTools)
#include "tst_testtools.moc"
