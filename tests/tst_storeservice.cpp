// The window's store service with an attempt in flight to a slow receiver: switching the
// database, pausing and resuming, opening or closing again while the old dispatcher's grace
// runs. Each store's work must stay in that store, and nothing may outlive the store it uses
// (run it under ASan or valgrind as well).
#include "jobstore.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "testdatabases.h"
#include "testreceiver.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

class TestStoreService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void switchingThenPausingAndResumingDeliversOnlyFromTheNewStore_data();
    void switchingThenPausingAndResumingDeliversOnlyFromTheNewStore();
    void openingAgainDuringTheGraceOpensOnlyTheLast_data();
    void openingAgainDuringTheGraceOpensOnlyTheLast();
    void closingDuringTheGraceClosesForGood_data();
    void closingDuringTheGraceClosesForGood();
    void deliveringOffAndOnDuringTheGraceKeepsOneDispatcher_data();
    void deliveringOffAndOnDuringTheGraceKeepsOneDispatcher();

private:
    // A store with one webhook sending to `path` on the receiver and `count` deliveries.
    struct Store
    {
        std::unique_ptr<TestDatabases::Scratch> scratch;
        std::unique_ptr<JobStore> store; // the test's own connection, for checking
        QList<qint64> deliveryIds;
    };
    Store makeStore(const QString &backend, const QString &path, int count);
    // Opens `store` in a new connection delivering one at a time; waits until the first
    // delivery's request has reached the (slow) receiver.
    void openWithAnAttemptInFlight(const Store &store);
    int requestsTo(const QString &path) const;
    // What the service said, in the order it said it (queued to this thread).
    void record(StoreService *service);

    TestReceiver m_receiver;
    std::unique_ptr<StoreConnection> m_connection;
    QStringList m_events;
};

// Longer than the first attempt's wait for its answer, shorter than the service's grace (3 s):
// the attempt in flight finishes during the grace and must be recorded in its own store.
static constexpr int SlowAnswerMs = 1200;

void TestStoreService::initTestCase()
{
    QVERIFY(m_receiver.listen());
}

TestStoreService::Store TestStoreService::makeStore(const QString &backend, const QString &path, int count)
{
    Store s;
    s.scratch = std::make_unique<TestDatabases::Scratch>(backend);
    if (!s.scratch->ok())
        return s;
    s.store = std::make_unique<JobStore>(s.scratch->config());
    if (!s.store->open()) {
        s.store.reset();
        return s;
    }
    Webhook hook;
    hook.deliveryUrl = m_receiver.url(path).toString();
    const qint64 hookId = s.store->addWebhook(hook).value();
    for (int i = 0; i < count; ++i)
        s.deliveryIds.append(
            s.store->createDelivery(hookId, QStringLiteral("ping"), QByteArrayLiteral("{}")).value());
    return s;
}

void TestStoreService::record(StoreService *service)
{
    m_events.clear();
    connect(service, &StoreService::opened, this,
        [this](const QString &url) { m_events << QStringLiteral("opened ") + url; });
    connect(service, &StoreService::openFailed, this,
        [this](const QString &m) { m_events << QStringLiteral("openFailed ") + m; });
    connect(service, &StoreService::closed, this, [this] { m_events << QStringLiteral("closed"); });
}

void TestStoreService::openWithAnAttemptInFlight(const Store &store)
{
    m_receiver.clear();
    m_receiver.setResponseDelay(SlowAnswerMs);
    m_connection = std::make_unique<StoreConnection>();
    record(m_connection->service());
    DeliveryOptions options;
    options.concurrency = 1;
    Q_EMIT m_connection->open(store.scratch->config(), options);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestCount(), 1, 10000);
    QCOMPARE(m_events, QStringList { QStringLiteral("opened ") + store.scratch->config().displayUrl() });
    m_events.clear();
}

int TestStoreService::requestsTo(const QString &path) const
{
    int n = 0;
    for (const TestReceiver::Request &r : m_receiver.requests())
        n += r.path == path.toUtf8() ? 1 : 0;
    return n;
}

#define REQUIRE_STORE(s)                                                                                     \
    do {                                                                                                     \
        HOOKWATCH_REQUIRE_SCRATCH(*(s).scratch);                                                             \
        QVERIFY((s).store);                                                                                  \
    } while (false)

void TestStoreService::switchingThenPausingAndResumingDeliversOnlyFromTheNewStore_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::switchingThenPausingAndResumingDeliversOnlyFromTheNewStore()
{
    QFETCH(QString, backend);
    // Two in the old store: the first in flight, the second claimed but not started, which
    // the old dispatcher gives back and nothing may send from the old store afterwards.
    Store a = makeStore(backend, QStringLiteral("/a"), 2);
    REQUIRE_STORE(a);
    Store b = makeStore(backend, QStringLiteral("/b"), 1);
    REQUIRE_STORE(b);
    openWithAnAttemptInFlight(a);
    if (QTest::currentTestFailed())
        return;

    DeliveryOptions options;
    options.concurrency = 1;
    Q_EMIT m_connection->open(b.scratch->config(), options);
    DeliveryOptions paused = options;
    paused.paused = true;
    Q_EMIT m_connection->setDeliveryOptions(paused);
    Q_EMIT m_connection->setDeliveryOptions(options);

    // The new store opens once the old dispatcher has stopped, and delivers.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_events, QStringList { QStringLiteral("opened ") + b.scratch->config().displayUrl() }, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(b.store->delivery(b.deliveryIds.first())->status, JobStatus::Completed, 10000);
    QCOMPARE(requestsTo(QStringLiteral("/b")), 1);
    // The old store's attempt in flight is recorded there; its other delivery was given back
    // and never sent.
    const Delivery inFlight = a.store->delivery(a.deliveryIds.at(0)).value();
    QCOMPARE(inFlight.status, JobStatus::Completed);
    QCOMPARE(a.store->attempts(inFlight.id)->size(), 1);
    const Delivery givenBack = a.store->delivery(a.deliveryIds.at(1)).value();
    QCOMPARE(givenBack.status, JobStatus::Waiting);
    QCOMPARE(givenBack.totalAttempts, 0);
    QCOMPARE(requestsTo(QStringLiteral("/a")), 1);

    // The window sees one dispatcher, delivering and not paused.
    QSignalSpy status(m_connection->service(), &StoreService::statusLoaded);
    Q_EMIT m_connection->loadStatus();
    // Answered in the store's thread, maybe before a wait() could start: count instead.
    QTRY_COMPARE_WITH_TIMEOUT(status.size(), 1, 10000);
    const auto s = status.constLast().at(0).value<StoreStatus>();
    QVERIFY(s.delivering);
    QVERIFY(!s.paused);
    m_connection.reset();
}

void TestStoreService::openingAgainDuringTheGraceOpensOnlyTheLast_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::openingAgainDuringTheGraceOpensOnlyTheLast()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 2);
    REQUIRE_STORE(a);
    Store b = makeStore(backend, QStringLiteral("/b"), 1);
    REQUIRE_STORE(b);
    Store c = makeStore(backend, QStringLiteral("/c"), 1);
    REQUIRE_STORE(c);
    openWithAnAttemptInFlight(a);
    if (QTest::currentTestFailed())
        return;

    DeliveryOptions options;
    options.concurrency = 1;
    Q_EMIT m_connection->open(b.scratch->config(), options);
    Q_EMIT m_connection->open(c.scratch->config(), options);

    QTRY_COMPARE_WITH_TIMEOUT(c.store->delivery(c.deliveryIds.first())->status, JobStatus::Completed, 10000);
    QCOMPARE(m_events, QStringList { QStringLiteral("opened ") + c.scratch->config().displayUrl() });
    QCOMPARE(a.store->delivery(a.deliveryIds.at(0))->status, JobStatus::Completed);
    QCOMPARE(a.store->attempts(a.deliveryIds.at(0))->size(), 1);
    QCOMPARE(a.store->delivery(a.deliveryIds.at(1))->status, JobStatus::Waiting);
    QCOMPARE(requestsTo(QStringLiteral("/a")), 1);
    // Never opened: nothing sent from it.
    QCOMPARE(requestsTo(QStringLiteral("/b")), 0);
    QCOMPARE(b.store->delivery(b.deliveryIds.first())->status, JobStatus::Waiting);
    m_connection.reset();
}

void TestStoreService::closingDuringTheGraceClosesForGood_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::closingDuringTheGraceClosesForGood()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 2);
    REQUIRE_STORE(a);
    Store b = makeStore(backend, QStringLiteral("/b"), 1);
    REQUIRE_STORE(b);
    openWithAnAttemptInFlight(a);
    if (QTest::currentTestFailed())
        return;

    DeliveryOptions options;
    options.concurrency = 1;
    Q_EMIT m_connection->open(b.scratch->config(), options);
    Q_EMIT m_connection->close();

    QTRY_COMPARE_WITH_TIMEOUT(m_events, QStringList { QStringLiteral("closed") }, 10000);
    // The attempt in flight is recorded in its store before the close is announced.
    QCOMPARE(a.store->delivery(a.deliveryIds.at(0))->status, JobStatus::Completed);
    QCOMPARE(a.store->attempts(a.deliveryIds.at(0))->size(), 1);
    QCOMPARE(a.store->delivery(a.deliveryIds.at(1))->status, JobStatus::Waiting);
    // Closed is closed: the open asked for before it never happens, now or later.
    QSignalSpy status(m_connection->service(), &StoreService::statusLoaded);
    Q_EMIT m_connection->loadStatus();
    // Answered in the store's thread, maybe before a wait() could start: count instead.
    QTRY_COMPARE_WITH_TIMEOUT(status.size(), 1, 10000);
    QVERIFY(!status.constLast().at(0).value<StoreStatus>().delivering);
    QCOMPARE(m_events, QStringList { QStringLiteral("closed") });
    QCOMPARE(requestsTo(QStringLiteral("/a")), 1);
    QCOMPARE(requestsTo(QStringLiteral("/b")), 0);
    QCOMPARE(b.store->delivery(b.deliveryIds.first())->status, JobStatus::Waiting);
    m_connection.reset();
}

void TestStoreService::deliveringOffAndOnDuringTheGraceKeepsOneDispatcher_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::deliveringOffAndOnDuringTheGraceKeepsOneDispatcher()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 3);
    REQUIRE_STORE(a);
    openWithAnAttemptInFlight(a);
    if (QTest::currentTestFailed())
        return;

    DeliveryOptions options;
    options.concurrency = 1;
    DeliveryOptions off = options;
    off.deliver = false;
    Q_EMIT m_connection->setDeliveryOptions(off);
    Q_EMIT m_connection->setDeliveryOptions(options);

    // Everything is delivered once, one at a time: the first by the old dispatcher, the rest
    // by the one started after it stopped.
    m_receiver.setResponseDelay(0);
    for (qint64 id : std::as_const(a.deliveryIds))
        QTRY_COMPARE_WITH_TIMEOUT(a.store->delivery(id)->status, JobStatus::Completed, 10000);
    QCOMPARE(requestsTo(QStringLiteral("/a")), 3);
    for (qint64 id : std::as_const(a.deliveryIds))
        QCOMPARE(a.store->attempts(id)->size(), 1);
    m_connection.reset();
}

QTEST_GUILESS_MAIN(TestStoreService)
#include "tst_storeservice.moc"
