#include "deliverer.h"
#include "outcome.h"
#include "testreceiver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

// Receivers that misbehave: each attempt still ends, with its reason.
class TestDeliverer final : public QObject
{
    Q_OBJECT

    Attempt attemptTo(const QString &url, qint64 timeoutMs = 5000)
    {
        Deliverer deliverer(Clock::system());
        return attemptWith(deliverer, url, timeoutMs);
    }
    static ClaimedDelivery delivery(const QString &url, qint64 timeoutMs = 5000, qint64 id = 7)
    {
        ClaimedDelivery c;
        c.delivery.id = id;
        c.delivery.eventType = QStringLiteral("ping");
        c.delivery.payload = "{\"ping\": true}";
        c.webhook.id = 1;
        c.webhook.deliveryUrl = url;
        c.webhook.timeoutMs = timeoutMs;
        return c;
    }
    static Attempt attemptWith(Deliverer &deliverer, const QString &url, qint64 timeoutMs = 5000)
    {
        return attemptOf(deliverer, delivery(url, timeoutMs));
    }
    static Attempt attemptOf(Deliverer &deliverer, const ClaimedDelivery &c)
    {
        QSignalSpy spy(&deliverer, &Deliverer::finished);
        deliverer.start(c);
        if (!spy.wait(int(c.webhook.timeoutMs) + 5000))
            return Attempt();
        return spy.first().first().value<Attempt>();
    }
    // Starts `count` deliveries at once and waits for every attempt.
    static QList<Attempt> attemptsAtOnce(
        Deliverer &deliverer, const QString &url, int count, qint64 timeoutMs = 5000)
    {
        QSignalSpy spy(&deliverer, &Deliverer::finished);
        for (int i = 1; i <= count; ++i)
            deliverer.start(delivery(url, timeoutMs, i));
        QList<Attempt> attempts;
        if (!QTest::qWaitFor([&] { return spy.size() == count; }, int(timeoutMs) + 10000))
            return attempts;
        for (const auto &arguments : std::as_const(spy))
            attempts << arguments.first().value<Attempt>();
        return attempts;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Attempt>(); }

    void behaviours_data()
    {
        QTest::addColumn<TestReceiver::Behaviour>("behaviour");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<qint64>("timeoutMs");
        QTest::addColumn<bool>("truncated");
        QTest::addColumn<qint64>("atMostMs"); // the attempt's duration
        QTest::newRow("normal") << TestReceiver::Behaviour::Normal << 200 << QString() << qint64(500) << false
                                << qint64(500);
        // Timeouts end the attempt when they say.
        QTest::newRow("never answers")
            << TestReceiver::Behaviour::NeverAnswer << 0 << QStringLiteral("Request timeout") << qint64(500)
            << false << qint64(1500);
        QTest::newRow("stalls mid-response")
            << TestReceiver::Behaviour::StallMidResponse << 0 << QStringLiteral("Request timeout")
            << qint64(500) << false << qint64(1500);
        QTest::newRow("closes") << TestReceiver::Behaviour::CloseImmediately << 0
                                << QStringLiteral("Connection closed") << qint64(500) << false << qint64(500);
        // A status line and part of the body are no response: the receiver did not finish it.
        QTest::newRow("closes mid-body")
            << TestReceiver::Behaviour::CloseInBody << 0 << QStringLiteral("Connection closed") << qint64(500)
            << false << qint64(500);
        QTest::newRow("garbage") << TestReceiver::Behaviour::Garbage << 0 << QStringLiteral("*")
                                 << qint64(500) << false << qint64(500);
        // What is kept (64 KiB) is read, the rest is not waited for.
        QTest::newRow("huge body") << TestReceiver::Behaviour::HugeBody << 200 << QString() << qint64(500)
                                   << true << qint64(500);
        // 64 KiB arrive in about 0.65 s: the body is capped, the status stands, and the attempt
        // ends then, long before its timeout.
        QTest::newRow("endless chunked") << TestReceiver::Behaviour::EndlessChunked << 200 << QString()
                                         << qint64(5000) << true << qint64(3000);
        // A redirect is an answer: it is not followed (one request), as Launchpad does.
        QTest::newRow("redirect loop") << TestReceiver::Behaviour::RedirectLoop << 302 << QString()
                                       << qint64(500) << false << qint64(500);
    }
    void behaviours()
    {
        QFETCH(TestReceiver::Behaviour, behaviour);
        QFETCH(int, status);
        QFETCH(QString, error);
        QFETCH(qint64, timeoutMs);
        QFETCH(bool, truncated);
        QFETCH(qint64, atMostMs);
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setBehaviour(behaviour);
        const Attempt a = attemptTo(receiver.url().toString(), timeoutMs);
        QCOMPARE(a.deliveryId, 7);
        QCOMPARE(receiver.requestCount(), 1);
        QVERIFY2(a.durationMs <= atMostMs, qPrintable(QString::number(a.durationMs)));
        if (status > 0) {
            QVERIFY2(a.response.has_value(), qPrintable(a.connectionError));
            QCOMPARE(a.response->statusCode, status);
            QCOMPARE(a.response->bodyTruncated, truncated);
            if (truncated)
                QCOMPARE(a.response->body.size(), Attempt::MaxResponseBody);
            else
                QVERIFY(a.response->body.size() < Attempt::MaxResponseBody);
        } else {
            QVERIFY(!a.response.has_value());
            QVERIFY(!a.connectionError.isEmpty());
            if (error != QLatin1String("*"))
                QVERIFY2(a.connectionError.contains(error), qPrintable(a.connectionError));
        }
    }

    // Every request written to the wire is one recorded attempt: Qt must not send a POST again
    // on a new connection when the receiver closes without answering.
    void oneRequestOnTheWireIsOneAttempt_data()
    {
        QTest::addColumn<TestReceiver::Behaviour>("behaviour");
        QTest::newRow("closes in order (FIN)") << TestReceiver::Behaviour::CloseWithoutAnswer;
        QTest::newRow("resets (RST)") << TestReceiver::Behaviour::CloseImmediately;
    }
    void oneRequestOnTheWireIsOneAttempt()
    {
        QFETCH(TestReceiver::Behaviour, behaviour);
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setBehaviour(behaviour);
        Deliverer deliverer(Clock::system());
        // One after another, then three at once.
        for (int i = 0; i < 3; ++i) {
            const Attempt a = attemptWith(deliverer, receiver.url().toString());
            QVERIFY2(!a.response && a.connectionError.contains(QLatin1String("Connection closed")),
                qPrintable(a.connectionError));
        }
        QCOMPARE(receiver.requestCount(), 3);
        const QList<Attempt> together = attemptsAtOnce(deliverer, receiver.url().toString(), 3);
        QCOMPARE(together.size(), 3);
        for (const Attempt &a : together)
            QVERIFY2(!a.response && !a.connectionError.isEmpty(), qPrintable(a.connectionError));
        QCOMPARE(receiver.requestCount(), 6);
    }

    // The stored request lists every header that went on the wire, in order, with its value:
    // the ones Qt adds itself (Host, Connection, Accept-Encoding, Accept-Language) included, so
    // `show`, the detail pane and "Copy as curl" say what the receiver got.
    void storedHeadersAreTheOnesOnTheWire()
    {
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        Deliverer deliverer(Clock::system());
        ClaimedDelivery plain = delivery(receiver.url().toString(), 5000);
        // A webhook's own Accept-Language replaces Qt's.
        ClaimedDelivery ownLanguage = plain;
        ownLanguage.webhook.headers = { { QByteArrayLiteral("Accept-Language"), QByteArrayLiteral("de") } };
        for (const ClaimedDelivery &c : { plain, ownLanguage }) {
            const Attempt a = attemptOf(deliverer, c);
            QVERIFY2(a.response, qPrintable(a.connectionError));
            const HeaderList sent = receiver.requests().last().headers;
            for (int i = 0; i < qMax(sent.size(), a.request.headers.size()); ++i) {
                const auto stored = a.request.headers.value(i);
                const auto wire = sent.value(i);
                QCOMPARE(stored.first + ": " + stored.second, wire.first + ": " + wire.second);
            }
            for (const char *name :
                { "Host", "Content-Length", "Connection", "Accept-Encoding", "Accept-Language" })
                QVERIFY2(!receiver.requests().last().header(QByteArray(name).toLower()).isEmpty(), name);
        }
        QCOMPARE(receiver.requests().last().header("accept-language"), QByteArrayLiteral("de"));
    }

    // Credentials in the URL, and a proxy's, go with the one request: Qt would otherwise send
    // them in answer to a 401 or 407, with the request a second time.
    void credentialsGoWithTheOneRequest()
    {
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setResponse(401, "who?", { { "WWW-Authenticate", "Basic realm=\"hooks\"" } });
        QUrl url = receiver.url();
        url.setUserName(QStringLiteral("user"));
        url.setPassword(QStringLiteral("hunter2"));
        Deliverer deliverer(Clock::system());
        Attempt a = attemptWith(deliverer, url.toString());
        QVERIFY2(a.response, qPrintable(a.connectionError));
        QCOMPARE(a.response->statusCode, 401);
        QCOMPARE(receiver.requestCount(), 1);
        QCOMPARE(receiver.requests().first().header("authorization"),
            "Basic " + QByteArray("user:hunter2").toBase64());
        for (const auto &[name, value] : std::as_const(a.request.headers))
            QVERIFY(!value.contains(QByteArray("user:hunter2").toBase64()));

        TestReceiver proxy;
        QVERIFY(proxy.listen());
        proxy.setResponse(407, "who?", { { "Proxy-Authenticate", "Basic realm=\"proxy\"" } });
        deliverer.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port(),
            QStringLiteral("puser"), QStringLiteral("ppass")));
        a = attemptWith(deliverer, receiver.url().toString());
        QVERIFY2(a.response, qPrintable(a.connectionError));
        QCOMPARE(a.response->statusCode, 407);
        QCOMPARE(proxy.requestCount(), 1);
        QCOMPARE(proxy.requests().first().header("proxy-authorization"),
            "Basic " + QByteArray("puser:ppass").toBase64());
        QCOMPARE(receiver.requestCount(), 1);
    }

    // What is right about reconnecting stays: a kept-alive connection the receiver closed while
    // idle is not a failure; the next request goes out on a new connection, once.
    void idleConnectionClosedByTheReceiverIsNotAFailure()
    {
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setIdleTimeout(200);
        Deliverer deliverer(Clock::system());
        for (int i = 1; i <= 4; ++i) {
            const Attempt a = attemptWith(deliverer, receiver.url().toString());
            QVERIFY2(a.response && a.response->statusCode == 200, qPrintable(a.connectionError));
            QCOMPARE(receiver.requestCount(), i);
            QTRY_COMPARE(receiver.openConnectionCount(), 0); // the receiver dropped it, idle
        }
        QCOMPARE(receiver.acceptedConnectionCount(), 4);
    }

    // Hookwatch closes a connection left idle for a second itself, before most receivers do: a
    // request written on a connection as the receiver closes it is lost with it.
    void idleConnectionIsClosedByHookwatchFirst()
    {
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        Deliverer deliverer(Clock::system());
        const Attempt a = attemptWith(deliverer, receiver.url().toString());
        QVERIFY2(a.response, qPrintable(a.connectionError));
        QCOMPARE(receiver.openConnectionCount(), 1);
        QElapsedTimer idle;
        idle.start();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.openConnectionCount(), 0, 5000);
        QVERIFY2(idle.elapsed() >= 900, qPrintable(QString::number(idle.elapsed())));
    }

    // A stored header that would change the request's framing or smuggle another header in is
    // refused when sending: the attempt fails naming it, and nothing is sent.
    void badStoredHeaderIsRefusedAndNothingSent_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("CR LF in a value")
            << QByteArrayLiteral("X-Team") << QByteArrayLiteral("a\r\nX-Injected: 1");
        QTest::newRow("LF in a value")
            << QByteArrayLiteral("X-Team") << QByteArrayLiteral("a\nX-Injected: 1");
        QTest::newRow("NUL in a value") << QByteArrayLiteral("X-Team") << QByteArray("a\0b", 3);
        QTest::newRow("CR LF in a name")
            << QByteArrayLiteral("X-Team\r\nX-Injected") << QByteArrayLiteral("1");
        QTest::newRow("Transfer-Encoding")
            << QByteArrayLiteral("Transfer-Encoding") << QByteArrayLiteral("chunked");
        QTest::newRow("Connection") << QByteArrayLiteral("connection") << QByteArrayLiteral("close");
        QTest::newRow("Expect") << QByteArrayLiteral("Expect") << QByteArrayLiteral("100-continue");
        QTest::newRow("Content-Length") << QByteArrayLiteral("Content-Length") << QByteArrayLiteral("0");
        QTest::newRow("Host") << QByteArrayLiteral("Host") << QByteArrayLiteral("elsewhere.example");
    }
    void badStoredHeaderIsRefusedAndNothingSent()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        Deliverer deliverer(Clock::system());
        ClaimedDelivery c = delivery(receiver.url().toString());
        c.webhook.headers = { { QByteArrayLiteral("X-Fine"), QByteArrayLiteral("yes") }, { name, value } };
        const Attempt a = attemptOf(deliverer, c);
        QCOMPARE(a.deliveryId, 7);
        QVERIFY(!a.response);
        QVERIFY2(a.connectionError.contains(QLatin1String("header")), qPrintable(a.connectionError));
        QVERIFY2(
            a.connectionError.contains(QString::fromLatin1(name.left(6))), qPrintable(a.connectionError));
        QVERIFY2(
            !a.connectionError.contains(QLatin1Char('\n')) && !a.connectionError.contains(QLatin1Char('\r')),
            qPrintable(a.connectionError));
        // The receiver would have had it by the time the next, good attempt is answered.
        c.webhook.headers = { { QByteArrayLiteral("X-Fine"), QByteArrayLiteral("yes") } };
        const Attempt good = attemptOf(deliverer, c);
        QVERIFY2(good.response, qPrintable(good.connectionError));
        QCOMPARE(receiver.requestCount(), 1);
        QVERIFY(receiver.requests().first().header("x-injected").isEmpty());
    }

    // The whole attempt ends at the webhook's timeout, whatever the receiver does, and is
    // "Request timeout" even when a status line came: a response that did not complete in
    // time is never a success.
    void timeoutEndsTheWholeAttempt_data()
    {
        QTest::addColumn<TestReceiver::Behaviour>("behaviour");
        QTest::newRow("never answers") << TestReceiver::Behaviour::NeverAnswer;
        QTest::newRow("status line, then stalls") << TestReceiver::Behaviour::StallInBody;
        QTest::newRow("trickles a body for ever") << TestReceiver::Behaviour::TrickleBody;
    }
    void timeoutEndsTheWholeAttempt()
    {
        QFETCH(TestReceiver::Behaviour, behaviour);
        constexpr qint64 timeoutMs = 1500;
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setBehaviour(behaviour);
        Deliverer deliverer(Clock::system());
        QElapsedTimer elapsed;
        elapsed.start();
        const Attempt a = attemptWith(deliverer, receiver.url().toString(), timeoutMs);
        const qint64 ms = elapsed.elapsed();
        QCOMPARE(a.deliveryId, 7);
        QVERIFY2(!a.response, a.response ? qPrintable(QString::number(a.response->statusCode)) : "");
        QCOMPARE(a.connectionError, QStringLiteral("Request timeout"));
        QCOMPARE(Outcome::classify(false, a.connectionError, 0).failureDetail,
            QStringLiteral("Connection error: Request timeout"));
        QVERIFY2(ms >= timeoutMs - 50 && ms < timeoutMs + 1000, qPrintable(QString::number(ms)));
        QCOMPARE(receiver.requestCount(), 1);
    }

    // N in flight to one host travel on N connections at once (Qt alone opens 6 per host),
    // and the connections are kept alive and used again.
    void manyInFlightToOneHostUseAsManyConnections()
    {
        constexpr int inFlight = 16;
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setBehaviour(TestReceiver::Behaviour::NeverAnswer);
        Deliverer deliverer(Clock::system());
        for (int i = 1; i <= inFlight; ++i)
            deliverer.start(delivery(receiver.url().toString(), 30000, i));
        // Every request arrives while none is answered.
        QTRY_COMPARE(receiver.requestCount(), inFlight);
        QCOMPARE(receiver.acceptedConnectionCount(), inFlight);
        QCOMPARE(deliverer.inFlight(), inFlight);
        QSignalSpy aborted(&deliverer, &Deliverer::aborted);
        deliverer.abortAll();
        QTRY_COMPARE(aborted.size(), inFlight);
        QCOMPARE(deliverer.inFlight(), 0);

        TestReceiver answering;
        QVERIFY(answering.listen());
        answering.setResponseDelay(200);
        for (int round = 0; round < 2; ++round) {
            const QList<Attempt> attempts = attemptsAtOnce(deliverer, answering.url().toString(), inFlight);
            QCOMPARE(attempts.size(), inFlight);
            for (const Attempt &a : attempts)
                QVERIFY2(a.response && a.response->statusCode == 200, qPrintable(a.connectionError));
        }
        QCOMPARE(answering.requestCount(), 2 * inFlight);
        QCOMPARE(answering.acceptedConnectionCount(), inFlight); // the second round reused them
    }

    void unresolvableHost()
    {
        const Attempt a = attemptTo(QStringLiteral("http://no-such-host.invalid/hook"));
        QVERIFY(!a.response);
        QVERIFY2(a.connectionError.contains(QStringLiteral("not found")), qPrintable(a.connectionError));
    }

    void credentialsInUrlAreMasked()
    {
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        QUrl url = receiver.url();
        url.setUserName(QStringLiteral("user"));
        url.setPassword(QStringLiteral("hunter2"));
        const Attempt a = attemptTo(url.toString());
        QVERIFY(a.response);
        QVERIFY(!a.request.url.contains(QStringLiteral("hunter2")));
    }

    // A configured proxy carries every request; set back to none, requests go direct again
    // (the direct connection is set up differently from Qt's default: deliverer.cpp).
    void configuredProxyIsUsedAndCanBeDropped()
    {
        TestReceiver proxy;
        TestReceiver target;
        QVERIFY(proxy.listen());
        QVERIFY(target.listen());
        Deliverer deliverer(Clock::system());
        deliverer.setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port()));
        Attempt a = attemptWith(deliverer, target.url().toString());
        QVERIFY2(a.response, qPrintable(a.connectionError));
        QCOMPARE(a.response->statusCode, 200);
        QCOMPARE(proxy.requestCount(), 1);
        QCOMPARE(proxy.requests().first().path, target.url().toEncoded()); // absolute form: to a proxy
        QCOMPARE(target.requestCount(), 0);
        // More at once than one manager carries: every one goes through the proxy.
        const QList<Attempt> together = attemptsAtOnce(deliverer, target.url().toString(), 14);
        QCOMPARE(together.size(), 14);
        QCOMPARE(deliverer.managerCount(), 3);
        QCOMPARE(proxy.requestCount(), 15);
        QCOMPARE(target.requestCount(), 0);

        deliverer.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        a = attemptWith(deliverer, target.url().toString());
        QVERIFY2(a.response, qPrintable(a.connectionError));
        QCOMPARE(target.requestCount(), 1);
        QCOMPARE(target.requests().first().path, QByteArrayLiteral("/hook"));
        QCOMPARE(attemptsAtOnce(deliverer, target.url().toString(), 14).size(), 14);
        QCOMPARE(target.requestCount(), 15);
        QCOMPARE(proxy.requestCount(), 15);
    }
};

QTEST_GUILESS_MAIN(TestDeliverer)
#include "tst_deliverer.moc"
