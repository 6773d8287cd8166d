#include "harness.h"
#include "profiles.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QMessageAuthenticationCode>
#include <QTcpServer>

#include <cmath>

namespace {
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr TimeMs T0 = Harness::T0;

QString closedPortUrl()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close();
    return QStringLiteral("http://127.0.0.1:%1/hook").arg(port);
}
} // namespace

// Launchpad's webhook job tests, ported: a real store, a real receiver, an injected clock.
class TestDispatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Delivery>();
        qRegisterMetaType<Attempt>();
    }

    void run404IsRetried_data() { TestDatabases::addBackendRows(); }
    void run404IsRetried()
    {
        QFETCH(QString, backend);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponse(404);
        const qint64 hook = h.addWebhook();
        const qint64 id
            = h.store->createDelivery(hook, QStringLiteral("bug:0.1"), "{\"foo\": \"bar\"}").value();
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QVERIFY(result);
        const Delivery &d = result->first;
        QCOMPARE(d.id, id);
        QCOMPARE(d.status, JobStatus::Waiting);
        QVERIFY(d.pending());
        QCOMPARE(d.successful.value(), false);
        QVERIFY(d.dateSent.has_value());
        QCOMPARE(d.failureDetail, QStringLiteral("Bad HTTP response: 404"));
        QCOMPARE(d.scheduledStart.value(), T0 + 5 * Minute);
        QCOMPARE(result->second.response->statusCode, 404);
        QCOMPARE(h.receiver.requestCount(), 1);
        const auto request = h.receiver.requests().first();
        QCOMPARE(request.body, QByteArrayLiteral("{\"foo\": \"bar\"}"));
        QCOMPARE(request.header("x-launchpad-delivery"), QByteArray::number(id));
        QCOMPARE(request.header("x-launchpad-event-type"), QByteArrayLiteral("bug:0.1"));
        QCOMPARE(request.header("content-type"), QByteArrayLiteral("application/json"));
        QVERIFY(request.header("x-hub-signature").isEmpty());
    }

    void connectionErrorIsRetried_data() { TestDatabases::addBackendRows(); }
    void connectionErrorIsRetried()
    {
        QFETCH(QString, backend);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        Webhook w;
        w.deliveryUrl = closedPortUrl();
        const qint64 hook = h.addWebhook(w);
        h.store->createDelivery(hook, QStringLiteral("ping"), "{}");
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QVERIFY(result);
        QCOMPARE(result->first.status, JobStatus::Waiting);
        QCOMPARE(result->first.successful.value(), false);
        QCOMPARE(result->first.failureDetail, QStringLiteral("Connection error: Connection refused"));
        QVERIFY(!result->second.response);
    }

    // test_date_first_sent
    void dateFirstSentSurvivesLaterAttempts()
    {
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        h.receiver.setResponse(404);
        h.store->createDelivery(h.addWebhook(), QStringLiteral("ping"), "{}");
        h.dispatcher->start();
        const Delivery first = h.nextAttempt()->first;
        QCOMPARE(first.dateFirstSent, first.dateSent);
        QCOMPARE(first.attemptCount, 1);
        h.clock.set(*first.scheduledStart);
        const Delivery second = h.nextAttempt()->first;
        QCOMPARE(second.status, JobStatus::Waiting);
        QCOMPARE(second.attemptCount, 2);
        QVERIFY(second.dateSent != second.dateFirstSent);
        QCOMPARE(second.dateFirstSent, first.dateFirstSent);
    }

    // test_retry_delay, test_retry_automatically and test_automatic_retries over the whole
    // 24 hours: 5 minutes apart for the first hour, then hourly, then failed.
    void automaticRetriesFollowTheSchedule_data() { TestDatabases::addBackendRows(); }
    void automaticRetriesFollowTheSchedule()
    {
        QFETCH(QString, backend);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponse(503);
        const qint64 id = h.store->createDelivery(h.addWebhook(), QStringLiteral("ping"), "{}").value();
        h.dispatcher->start();
        QList<qint64> sentAt;
        Delivery d;
        for (int i = 0; i < 100; ++i) {
            const auto result = h.nextAttempt();
            QVERIFY2(result, "an attempt was due but none came");
            d = result->first;
            sentAt << (*d.dateSent - T0);
            if (d.status != JobStatus::Waiting)
                break;
            QVERIFY(*d.scheduledStart > h.clock.now());
            h.clock.set(*d.scheduledStart);
        }
        QCOMPARE(sentAt.size(), 36);
        for (int i = 1; i <= 12; ++i)
            QCOMPARE(sentAt.at(i) - sentAt.at(i - 1), 5 * Minute);
        QCOMPARE(sentAt.at(12), 1 * Hour);
        QCOMPARE(sentAt.at(13), 2 * Hour);
        for (int i = 14; i < sentAt.size(); ++i)
            QCOMPARE(sentAt.at(i) - sentAt.at(i - 1), Hour);
        QCOMPARE(sentAt.last(), 24 * Hour);
        QCOMPARE(d.status, JobStatus::Failed);
        QVERIFY(!d.pending());
        QCOMPARE(d.successful.value(), false);
        QCOMPARE(d.failureDetail, QStringLiteral("Bad HTTP response: 503"));
        QCOMPARE(h.receiver.requestCount(), 36);
        QCOMPARE(h.store->attempts(id).value().size(), 36);
        QCOMPARE(h.store->attempts(id).value().last().number, 36);
        // Nothing is due any more: the timer stays unarmed and no request follows.
        h.clock.advance(48 * Hour);
        h.dispatcher->wake();
        QTest::qWait(100);
        QCOMPARE(h.receiver.requestCount(), 36);
    }

    // Standard Webhooks' schedule is by attempt number: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
    // 10 h after each failure, then failed for good after the eighth attempt; with jitter
    // drawn by an injected source, each delay moves by exactly that much.
    void standardWebhooksStepsThroughTheDispatcher_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<double>("jitter");
        for (const char *backend : { "sqlite", "postgresql" }) {
            QTest::addRow("%s", backend) << QString::fromLatin1(backend) << 0.0;
            QTest::addRow("%s, jitter 0.2", backend) << QString::fromLatin1(backend) << 0.2;
        }
    }
    void standardWebhooksStepsThroughTheDispatcher()
    {
        QFETCH(QString, backend);
        QFETCH(double, jitter);
        Dispatcher::Options options;
        options.jitterSource = [] { return 1.0; }; // the top of the range: each delay + jitter
        Harness h(backend, true, options);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponse(500);
        Webhook w;
        w.profile = Profiles::StandardWebhooks;
        w.retryPolicy = Profiles::defaultRetryPolicy(w.profile);
        w.retryPolicy.jitter = jitter;
        const qint64 id = h.store->createDelivery(h.addWebhook(w), QStringLiteral("ping"), "{}").value();
        h.dispatcher->start();
        QList<qint64> gaps;
        Delivery d;
        for (int i = 0; i < 20; ++i) {
            const auto result = h.nextAttempt();
            QVERIFY2(result, "an attempt was due but none came");
            d = result->first;
            if (d.status != JobStatus::Waiting)
                break;
            gaps << (*d.scheduledStart - *d.dateSent);
            h.clock.set(*d.scheduledStart);
        }
        const QList<qint64> steps { 5 * 1000, 5 * Minute, 30 * Minute, 2 * Hour, 5 * Hour, 10 * Hour,
            10 * Hour };
        QList<qint64> expected;
        for (qint64 step : steps)
            expected << qint64(std::llround(double(step) * (1 + jitter)));
        QCOMPARE(gaps, expected);
        QCOMPARE(d.status, JobStatus::Failed);
        QCOMPARE(h.store->attempts(id).value().size(), 8);
        QCOMPARE(h.receiver.requestCount(), 8);
    }

    // A 503 with Retry-After is retried when the receiver asks under a schedule that honours
    // it (Standard Webhooks'), capped where the window ends; Launchpad's ignores it.
    void retryAfterIsHonoured_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<qint64>("expectedDelay");
        for (const char *backend : { "sqlite", "postgresql" }) {
            const QString b = QString::fromLatin1(backend);
            QTest::addRow("%s: 120 s", backend)
                << b << Profiles::StandardWebhooks << QByteArray("120") << 120 * 1000LL;
            QTest::addRow("%s: an HTTP date", backend)
                << b << Profiles::StandardWebhooks << QByteArray("Sat, 28 Nov 2026 10:10:00 GMT")
                << 10 * Minute;
            QTest::addRow("%s: past the window", backend)
                << b << Profiles::StandardWebhooks << QByteArray("999999999") << 48 * Hour;
            QTest::addRow("%s: launchpad ignores it", backend)
                << b << Profiles::Launchpad << QByteArray("120") << 5 * Minute;
        }
    }
    void retryAfterIsHonoured()
    {
        QFETCH(QString, backend);
        QFETCH(QString, profile);
        QFETCH(QByteArray, retryAfter);
        QFETCH(qint64, expectedDelay);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponse(503, {}, { { QByteArrayLiteral("Retry-After"), retryAfter } });
        Webhook w;
        w.profile = profile;
        w.retryPolicy = Profiles::defaultRetryPolicy(profile);
        h.store->createDelivery(h.addWebhook(w), QStringLiteral("ping"), "{}");
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QVERIFY(result);
        QCOMPARE(result->second.response->statusCode, 503);
        QCOMPARE(result->first.status, JobStatus::Waiting);
        QCOMPARE(*result->first.scheduledStart - T0, expectedDelay);
    }

    // Launchpad's manual retry: a plain retry keeps the window, so a delivery first tried
    // over 24 hours ago fails again after one attempt; with reset the window restarts.
    void manualRetryWithAndWithoutReset()
    {
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        h.receiver.setResponse(500);
        Webhook w;
        w.retryPolicy.windowMs = 0; // fail on the first attempt
        const qint64 id = h.store->createDelivery(h.addWebhook(w), QStringLiteral("ping"), "{}").value();
        h.dispatcher->start();
        QCOMPARE(h.nextAttempt()->first.status, JobStatus::Failed);
        // Now a normal window: plain retry from failed; first sent is kept.
        Webhook edited = h.store->webhook(h.store->delivery(id).value().webhookId).value();
        edited.retryPolicy = RetryPolicy::seed();
        QVERIFY(h.store->updateWebhook(edited).ok());
        h.clock.advance(25 * Hour);
        QVERIFY(h.store->retry(id, false).ok());
        Delivery d = h.store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QCOMPARE(d.attemptCount, 0);
        d = h.nextAttempt()->first;
        QCOMPARE(d.status, JobStatus::Failed);
        QCOMPARE(d.attemptCount, 1);
        QCOMPARE(*d.dateFirstSent, T0);
        // With reset: a new window from this attempt on.
        QVERIFY(h.store->retry(id, true).ok());
        d = h.nextAttempt()->first;
        QCOMPARE(d.status, JobStatus::Waiting);
        QCOMPARE(*d.dateFirstSent, h.clock.now());
        QCOMPARE(*d.scheduledStart, h.clock.now() + 5 * Minute);
        // A later success completes it; attempts are numbered over the whole life.
        h.receiver.setResponse(200);
        h.clock.set(*d.scheduledStart);
        const auto last = h.nextAttempt();
        QCOMPARE(last->first.status, JobStatus::Completed);
        QCOMPARE(last->second.number, 4);
    }

    void pingIsSignedAndExact()
    {
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        Webhook w;
        w.secret = QStringLiteral("sekrit");
        w.headers.append(
            qMakePair(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer token-123")));
        const qint64 hook = h.addWebhook(w);
        h.store->createDelivery(hook, QStringLiteral("ping"), "{\"ping\": true}");
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QCOMPARE(result->first.status, JobStatus::Completed);
        const auto request = h.receiver.requests().first();
        QCOMPARE(request.body, QByteArrayLiteral("{\"ping\": true}"));
        QCOMPARE(request.header("x-launchpad-event-type"), QByteArrayLiteral("ping"));
        QCOMPARE(request.header("x-hub-signature"),
            QByteArrayLiteral("sha1=")
                + QMessageAuthenticationCode::hash("{\"ping\": true}", "sekrit", QCryptographicHash::Sha1)
                      .toHex());
        QCOMPARE(request.header("authorization"), QByteArrayLiteral("Bearer token-123"));
        QVERIFY(request.header("user-agent").startsWith("Hookwatch-Webhooks/"));
        // The stored request never keeps the credential.
        const Attempt stored = h.store->attempts(result->first.id).value().first();
        bool sawAuthorization = false;
        for (const auto &header : stored.request.headers) {
            QVERIFY(!header.second.contains("token-123"));
            sawAuthorization |= header.first == "Authorization";
        }
        QVERIFY(sawAuthorization);
    }

    void deactivatedWebhookSendsNothing_data() { TestDatabases::addBackendRows(); }
    void deactivatedWebhookSendsNothing()
    {
        QFETCH(QString, backend);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        const qint64 hook = h.addWebhook();
        const qint64 id = h.store->createDelivery(hook, QStringLiteral("ping"), "{}").value();
        // Read at the moment of the attempt, not at creation.
        Webhook w = h.store->webhook(hook).value();
        w.active = false;
        QVERIFY(h.store->updateWebhook(w).ok());
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QCOMPARE(result->first.id, id);
        QCOMPARE(result->first.status, JobStatus::Failed);
        QCOMPARE(result->first.failureDetail, QStringLiteral("Webhook deactivated"));
        QCOMPARE(result->first.attemptCount, 1);
        QVERIFY(!result->first.dateSent);
        QCOMPARE(h.receiver.requestCount(), 0);
    }

    void urlIsReadAtEachAttempt()
    {
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        Webhook w;
        w.deliveryUrl = closedPortUrl();
        const qint64 hook = h.addWebhook(w);
        h.store->createDelivery(hook, QStringLiteral("ping"), "{}");
        h.dispatcher->start();
        const Delivery d = h.nextAttempt()->first;
        QCOMPARE(d.status, JobStatus::Waiting);
        w = h.store->webhook(hook).value();
        w.deliveryUrl = h.receiver.url().toString();
        h.store->updateWebhook(w);
        h.clock.set(*d.scheduledStart);
        QCOMPARE(h.nextAttempt()->first.status, JobStatus::Completed);
        QCOMPARE(h.receiver.requestCount(), 1);
    }

    void timeoutIsRequestTimeout()
    {
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        h.receiver.setBehaviour(TestReceiver::Behaviour::NeverAnswer);
        Webhook w;
        w.timeoutMs = 300;
        h.store->createDelivery(h.addWebhook(w), QStringLiteral("ping"), "{}");
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QCOMPARE(result->first.failureDetail, QStringLiteral("Connection error: Request timeout"));
        QCOMPARE(result->first.status, JobStatus::Waiting);
        QVERIFY(result->second.durationMs >= 250);
    }

    void redirectIsNotFollowed()
    {
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        h.receiver.setBehaviour(TestReceiver::Behaviour::RedirectLoop);
        h.store->createDelivery(h.addWebhook(), QStringLiteral("ping"), "{}");
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QCOMPARE(result->first.failureDetail, QStringLiteral("Bad HTTP response: 302"));
        QCOMPARE(h.receiver.requestCount(), 1);
        bool hasLocation = false;
        for (const auto &header : result->second.response->headers)
            hasLocation |= header.first.compare("location", Qt::CaseInsensitive) == 0;
        QVERIFY(hasLocation);
    }

    void hugeResponseBodyIsCapped()
    {
        Harness h(QStringLiteral("sqlite"));
        HARNESS_OR_SKIP(h);
        h.receiver.setBehaviour(TestReceiver::Behaviour::EndlessChunked);
        const qint64 id = h.store->createDelivery(h.addWebhook(), QStringLiteral("ping"), "{}").value();
        h.dispatcher->start();
        const auto result = h.nextAttempt();
        QCOMPARE(result->first.status, JobStatus::Completed);
        const Attempt stored = h.store->attempts(id).value().first();
        QCOMPARE(stored.response->body.size(), Attempt::MaxResponseBody);
        QVERIFY(stored.response->bodyTruncated);
    }

    void concurrencyIsLimited()
    {
        Dispatcher::Options options;
        options.concurrency = 3;
        Harness h(QStringLiteral("sqlite"), false, options);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponseDelay(100);
        h.store->createDeliveries(h.addWebhook(), QStringLiteral("load"), "{}", 12);
        int maxInFlight = 0;
        QObject::connect(h.dispatcher.get(), &Dispatcher::attemptStarted, h.dispatcher.get(),
            [&] { maxInFlight = qMax(maxInFlight, h.dispatcher->inFlight()); });
        QSignalSpy recorded(h.dispatcher.get(), &Dispatcher::attemptRecorded);
        h.dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 12, 10000);
        QCOMPARE(maxInFlight, 3);
        QCOMPARE(h.receiver.requestCount(), 12);
    }

    // Reports of finished attempts wait in the network thread until a claim is due, but never
    // long: with a full queue and the next answer 400 ms off, the first attempt is recorded
    // before it (held until the queue ran low, it would wait for eight more answers).
    void finishedAttemptIsRecordedWhileTheQueueIsFull()
    {
        Dispatcher::Options options;
        options.concurrency = 1; // batches of 8, claimed when fewer than 5 are left: 13 at first
        Harness h(QStringLiteral("sqlite"), false, options);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponseDelay(400);
        h.store->createDeliveries(h.addWebhook(), QStringLiteral("load"), "{}", 20);
        QSignalSpy recorded(h.dispatcher.get(), &Dispatcher::attemptRecorded);
        h.dispatcher->start();
        QVERIFY(recorded.wait(5000));
        QCOMPARE(recorded.size(), 1);
        QVERIFY2(h.receiver.requestCount() <= 2,
            qPrintable(
                QStringLiteral("first attempt recorded after %1 requests").arg(h.receiver.requestCount())));
    }

    // A live worker renews its leases: a second worker never re-sends a slow attempt.
    void leasesAreRenewedWhileInFlight_data() { TestDatabases::addBackendRows(); }
    void leasesAreRenewedWhileInFlight()
    {
        QFETCH(QString, backend);
        Dispatcher::Options options;
        options.leaseMs = 400;
        Harness h(backend, false, options);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponseDelay(1500);
        h.store->createDelivery(h.addWebhook(), QStringLiteral("slow"), "{}");
        JobStore other(h.scratch.config());
        QVERIFY(other.open().ok());
        QSignalSpy recorded(h.dispatcher.get(), &Dispatcher::attemptRecorded);
        h.dispatcher->start();
        QTRY_COMPARE(h.receiver.requestCount(), 1);
        for (int i = 0; i < 10; ++i) {
            QTest::qWait(100);
            QVERIFY(other.claimDue(QStringLiteral("other"), 10, 400).value().isEmpty());
        }
        QVERIFY(recorded.wait(5000));
        QCOMPARE(recorded.first().at(0).value<Delivery>().status, JobStatus::Completed);
        QCOMPARE(h.receiver.requestCount(), 1);
    }

    // Deliveries made by another process are noticed within a second, without polling for
    // due work: PostgreSQL notifications, SQLite's data_version.
    void noticesDeliveriesFromOtherProcesses_data() { TestDatabases::addBackendRows(); }
    void noticesDeliveriesFromOtherProcesses()
    {
        QFETCH(QString, backend);
        Harness h(backend, false);
        HARNESS_OR_SKIP(h);
        const qint64 hook = h.addWebhook();
        // A first delivery, recorded: the dispatcher has looked at the store and is waiting,
        // so the next one must be noticed, not found by the first look.
        h.store->createDelivery(hook, QStringLiteral("ping"), "{}");
        QSignalSpy recorded(h.dispatcher.get(), &Dispatcher::attemptRecorded);
        h.dispatcher->start();
        QVERIFY(recorded.wait(3000));
        QTRY_COMPARE(h.dispatcher->inFlight(), 0);
        recorded.clear();
        JobStore other(h.scratch.config());
        QVERIFY(other.open().ok());
        QElapsedTimer timer;
        timer.start();
        other.createDelivery(hook, QStringLiteral("ping"), "{}");
        QVERIFY(recorded.wait(3000));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    }

    void stopReleasesWhatDidNotFinish()
    {
        Harness h(QStringLiteral("sqlite"), false);
        HARNESS_OR_SKIP(h);
        h.receiver.setBehaviour(TestReceiver::Behaviour::NeverAnswer);
        const qint64 id = h.store->createDelivery(h.addWebhook(), QStringLiteral("ping"), "{}").value();
        h.dispatcher->start();
        QTRY_COMPARE(h.receiver.requestCount(), 1);
        QSignalSpy stopped(h.dispatcher.get(), &Dispatcher::stopped);
        h.dispatcher->stop(200);
        QVERIFY(stopped.wait(3000));
        const Delivery d = h.store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Waiting);
        QCOMPARE(d.attemptCount, 0);
        QVERIFY(h.store->attempts(id).value().isEmpty());
    }

    // The dispatcher's own lease ran out while its attempt was still out (its thread held up
    // past the lease, or the clock stepped): the next claim takes the delivery back, but its
    // request is not sent a second time, and its record is kept under the new claim.
    void ownExpiredLeaseIsNotSentTwice_data() { TestDatabases::addBackendRows(); }
    void ownExpiredLeaseIsNotSentTwice()
    {
        QFETCH(QString, backend);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponseDelay(600);
        const qint64 id = h.store->createDelivery(h.addWebhook(), QStringLiteral("ping"), "{}").value();
        QSignalSpy recorded(h.dispatcher.get(), &Dispatcher::attemptRecorded);
        h.dispatcher->start();
        QTRY_COMPARE(h.receiver.requestCount(), 1);
        h.clock.advance(2 * JobStore::DefaultLeaseMs);
        h.dispatcher->wake();
        QVERIFY(recorded.wait(5000));
        QCOMPARE(h.receiver.requestCount(), 1);
        const Delivery d = h.store->delivery(id).value();
        QCOMPARE(d.status, JobStatus::Completed);
        QCOMPARE(d.totalAttempts, 1);
        const auto attempts = h.store->attempts(id).value();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().number, 1);
        QCOMPARE(recorded.first().at(1).value<Attempt>().number, 1);
    }

    // With every slot taken by a webhook whose receiver never answers, another webhook's
    // deliveries go out at once: the claim and the slots take webhooks in turn.
    void hungWebhookDoesNotHoldBackAnother_data() { TestDatabases::addBackendRows(); }
    void hungWebhookDoesNotHoldBackAnother()
    {
        QFETCH(QString, backend);
        Harness h(backend, false);
        HARNESS_OR_SKIP(h);
        h.receiver.setBehaviour(TestReceiver::Behaviour::NeverAnswer);
        TestReceiver healthy;
        QVERIFY(healthy.listen());
        Webhook hung;
        hung.timeoutMs = 3000;
        const qint64 hungId = h.addWebhook(hung);
        Webhook other;
        other.deliveryUrl = healthy.url().toString();
        const qint64 otherId = h.addWebhook(other);
        QVERIFY(h.store->createDeliveries(hungId, QStringLiteral("x"), "{}", 64).ok());
        QVERIFY(h.store->createDeliveries(otherId, QStringLiteral("x"), "{}", 5).ok());
        QElapsedTimer sinceStart;
        sinceStart.start();
        h.dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(healthy.requestCount(), 5, 2000);
        QVERIFY2(sinceStart.elapsed() < 1000, qPrintable(QString::number(sinceStart.elapsed())));
        QTRY_COMPARE(h.dispatcher->inFlight(), 8); // the hung webhook's, every slot
        // Later work of the healthy webhook, while the hung one holds every slot: it goes out
        // at the first slot that frees, not after the hung webhook's whole queue.
        JobStore otherProcess(h.scratch.config());
        QVERIFY(otherProcess.open().ok());
        QVERIFY(otherProcess.createDeliveries(otherId, QStringLiteral("x"), "{}", 3).ok());
        sinceStart.restart();
        QTRY_COMPARE_WITH_TIMEOUT(healthy.requestCount(), 8, 3 * 3000);
        QVERIFY2(sinceStart.elapsed() < 3000 + 2000, qPrintable(QString::number(sinceStart.elapsed())));
    }

    // A webhook's own limit: never more of its requests in flight at once, whatever the
    // dispatcher's concurrency.
    void webhookLimitIsHonoured_data() { TestDatabases::addBackendRows(); }
    void webhookLimitIsHonoured()
    {
        QFETCH(QString, backend);
        Harness h(backend, false);
        HARNESS_OR_SKIP(h);
        constexpr int Delay = 300;
        h.receiver.setResponseDelay(Delay);
        Webhook fragile;
        fragile.maxInFlight = 2;
        QVERIFY(h.store->createDeliveries(h.addWebhook(fragile), QStringLiteral("x"), "{}", 6).ok());
        QSignalSpy recorded(h.dispatcher.get(), &Dispatcher::attemptRecorded);
        h.dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 6, 10000);
        // Requests arrive in pairs, a response delay apart.
        QList<qint64> arrivals;
        for (const auto &r : h.receiver.requests())
            arrivals << r.receivedAtMs;
        std::sort(arrivals.begin(), arrivals.end());
        QCOMPARE(arrivals.size(), 6);
        for (int i = 2; i < arrivals.size(); ++i)
            QVERIFY2(arrivals.at(i) - arrivals.at(i - 2) >= Delay - 50,
                qPrintable(QStringLiteral("requests %1 and %2 were %3 ms apart")
                               .arg(i - 2)
                               .arg(i)
                               .arg(arrivals.at(i) - arrivals.at(i - 2))));
    }

    // stopped() comes once however the stop ends (the grace running out as the last attempt
    // finishes), or whoever waits for it, as the window does before opening another store,
    // acts twice.
    void stoppedIsEmittedOnce()
    {
        for (int round = 0; round < 12; ++round) {
            Harness h(QStringLiteral("sqlite"), false);
            HARNESS_OR_SKIP(h);
            const int grace = 150;
            h.receiver.setResponseDelay(grace - 6 + round); // ends around the grace's end
            h.store->createDeliveries(h.addWebhook(), QStringLiteral("x"), "{}", 4);
            h.dispatcher->start();
            QTRY_COMPARE(h.receiver.requestCount(), 4);
            QSignalSpy stopped(h.dispatcher.get(), &Dispatcher::stopped);
            h.dispatcher->stop(grace);
            QVERIFY(stopped.wait(3000));
            QTest::qWait(50); // a second emission would come right after the first
            QCOMPARE(stopped.size(), 1);
        }
    }

    void onceRunsOnlyWhatIsDue()
    {
        Dispatcher::Options options;
        options.mode = Dispatcher::Mode::Once;
        Harness h(QStringLiteral("sqlite"), true, options);
        HARNESS_OR_SKIP(h);
        h.receiver.setResponse(500);
        h.store->createDeliveries(h.addWebhook(), QStringLiteral("x"), "{}", 5);
        QSignalSpy finished(h.dispatcher.get(), &Dispatcher::runFinished);
        h.dispatcher->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(h.receiver.requestCount(), 5); // each once: the retries are not due yet
        QCOMPARE(h.store->counts().value().retrying, 5);
    }
};

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
