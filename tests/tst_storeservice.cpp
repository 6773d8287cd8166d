// The window's store service with an attempt in flight to a slow receiver: switching the
// database, pausing and resuming, opening or closing again while the old dispatcher's grace
// runs. Each store's work must stay in that store, and nothing may outlive the store it uses
// (run it under ASan or valgrind as well).
#include "jobstore.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "testdatabases.h"
#include "testreceiver.h"

#include <QFile>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
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
    void deliveringGoesOnWhileTheStoreThreadIsBusy_data();
    void deliveringGoesOnWhileTheStoreThreadIsBusy();
    void dispatcherChangesReachTheWindowLive_data();
    void dispatcherChangesReachTheWindowLive();
    void optionsReachTheDispatcher_data();
    void optionsReachTheDispatcher();
    void pruneLetsTheWindowsQueriesThrough_data();
    void pruneLetsTheWindowsQueriesThrough();
    void recoveryAndExportLetTheWindowsQueriesThrough_data();
    void recoveryAndExportLetTheWindowsQueriesThrough();
    void pagesAreAnsweredWhileTheHistoryIsCounted_data();
    void pagesAreAnsweredWhileTheHistoryIsCounted();
    void anInMemoryStoreIsCountedOnItsOwnConnection();

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
    StoreStatus status();
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

StoreStatus TestStoreService::status()
{
    QSignalSpy loaded(m_connection->service(), &StoreService::statusLoaded);
    Q_EMIT m_connection->loadStatus();
    // Answered in the store's thread, maybe before a wait() could start: count instead.
    if (!QTest::qWaitFor([&loaded] { return !loaded.isEmpty(); }, 10000))
        return {};
    return loaded.constFirst().at(0).value<StoreStatus>();
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

void TestStoreService::deliveringGoesOnWhileTheStoreThreadIsBusy_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::deliveringGoesOnWhileTheStoreThreadIsBusy()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 2);
    REQUIRE_STORE(a);
    openWithAnAttemptInFlight(a);
    if (QTest::currentTestFailed())
        return;

    // The store's thread held up, as by a long count or prune of the window's.
    // Shared with the store's thread, which may still be leaving acquire() when this test
    // returns: the semaphores must outlive the call.
    const auto entered = std::make_shared<QSemaphore>();
    const auto release = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(
        m_connection->service(),
        [entered, release] {
            entered->release();
            release->acquire();
        },
        Qt::QueuedConnection);
    const auto unblock = qScopeGuard([release] { release->release(); });
    QTRY_COMPARE_WITH_TIMEOUT(entered->available(), 1, 10000);

    // The attempt in flight is recorded meanwhile, and the next one sent and recorded.
    for (qint64 id : std::as_const(a.deliveryIds))
        QTRY_COMPARE_WITH_TIMEOUT(a.store->delivery(id)->status, JobStatus::Completed, 10000);
    QCOMPARE(requestsTo(QStringLiteral("/a")), 2);
}

void TestStoreService::dispatcherChangesReachTheWindowLive_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::dispatcherChangesReachTheWindowLive()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 1);
    REQUIRE_STORE(a);
    TestReceiver failing;
    QVERIFY(failing.listen());
    failing.setResponse(503);
    Webhook once;
    once.deliveryUrl = failing.url(QStringLiteral("/failing")).toString();
    once.retryPolicy.windowMs = 0; // fails for good after one attempt
    const qint64 onceId = a.store->addWebhook(once).value();

    // The dispatcher runs in a thread of its own: what it does still reaches the window.
    m_connection = std::make_unique<StoreConnection>();
    StoreService *service = m_connection->service();
    QHash<qint64, QList<JobStatus>> seen;
    connect(service, &StoreService::deliveriesUpdated, this, [&seen](const QList<Delivery> &deliveries) {
        for (const Delivery &d : deliveries)
            seen[d.id].append(d.status);
    });
    QList<QPair<Delivery, QString>> failedForGood;
    connect(service, &StoreService::deliveryFailedForGood, this,
        [&failedForGood](const Delivery &d, const QString &url) {
            failedForGood.append({ d, url });
        });
    QSignalSpy changed(service, &StoreService::storeChanged);
    m_receiver.clear();
    m_receiver.setResponseDelay(SlowAnswerMs);
    Q_EMIT m_connection->open(a.scratch->config(), DeliveryOptions());

    const qint64 slowId = a.deliveryIds.first();
    QTRY_VERIFY_WITH_TIMEOUT(seen.value(slowId).contains(JobStatus::Running), 10000);
    const StoreStatus inFlight = status();
    QVERIFY(inFlight.delivering);
    QCOMPARE(inFlight.inFlight, 1);
    QTRY_VERIFY_WITH_TIMEOUT(seen.value(slowId).contains(JobStatus::Completed), 10000);
    QCOMPARE(seen.value(slowId).constLast(), JobStatus::Completed);
    QVERIFY(!changed.isEmpty());

    Q_EMIT m_connection->sendTestEvent(onceId, QStringLiteral("ping"), QByteArrayLiteral("{}"));
    QTRY_COMPARE_WITH_TIMEOUT(failedForGood.size(), 1, 10000);
    QCOMPARE(failedForGood.constFirst().first.status, JobStatus::Failed);
    QCOMPARE(failedForGood.constFirst().second, once.deliveryUrl);
    QTRY_COMPARE_WITH_TIMEOUT(status().inFlight, 0, 10000);
    m_connection.reset();
}

void TestStoreService::optionsReachTheDispatcher_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::optionsReachTheDispatcher()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 3);
    REQUIRE_STORE(a);
    Webhook proxied;
    proxied.deliveryUrl = QStringLiteral("http://hookwatch.invalid/proxied");
    const qint64 proxiedId = a.store->addWebhook(proxied).value();

    m_receiver.clear();
    m_receiver.setResponseDelay(0);
    m_connection = std::make_unique<StoreConnection>();
    DeliveryOptions options;
    options.paused = true;
    options.concurrency = 1;
    Q_EMIT m_connection->open(a.scratch->config(), options);
    QTRY_VERIFY_WITH_TIMEOUT(status().paused, 10000);

    // Resumed with room for all three: they go out together, each before the first answer.
    constexpr int AnswerMs = 3000;
    m_receiver.setResponseDelay(AnswerMs);
    options.paused = false;
    options.concurrency = 3;
    Q_EMIT m_connection->setDeliveryOptions(options);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestCount(), 3, 10000);
    const auto requests = m_receiver.requests();
    QVERIFY(requests.at(2).receivedAtMs < requests.at(0).receivedAtMs + AnswerMs);
    for (qint64 id : std::as_const(a.deliveryIds))
        QTRY_COMPARE_WITH_TIMEOUT(a.store->delivery(id)->status, JobStatus::Completed, 10000);

    // Through the receiver as an HTTP proxy: it sees the absolute URL of a host that does not exist.
    m_receiver.setResponseDelay(0);
    options.proxyUrl = m_receiver.url(QString()).toString();
    Q_EMIT m_connection->setDeliveryOptions(options);
    Q_EMIT m_connection->ping(proxiedId);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestCount(), 4, 10000);
    QCOMPARE(m_receiver.requests().at(3).path, QByteArrayLiteral("http://hookwatch.invalid/proxied"));
    m_connection.reset();
}

void TestStoreService::pruneLetsTheWindowsQueriesThrough_data()
{
    TestDatabases::addBackendRows();
}

void TestStoreService::pruneLetsTheWindowsQueriesThrough()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 0);
    REQUIRE_STORE(a);
    // Several first chunks of deliveries that finished 40 days ago.
    constexpr int Old = 4 * PrunePacer::FirstChunk;
    const qint64 hookId = a.store->webhooks()->constFirst().id;
    const auto ids = a.store->createDeliveries(hookId, QStringLiteral("old"), QByteArrayLiteral("{}"), Old);
    QVERIFY(ids.ok());
    QSqlQuery q(a.store->database());
    QVERIFY(q.prepare(QStringLiteral("UPDATE deliveries SET status = 2, successful = 1, date_finished = :t "
                                     "WHERE id BETWEEN :first AND :last")));
    q.bindValue(QStringLiteral(":t"), Clock::system()->now() - 40 * 24 * RetryPolicy::Hour);
    q.bindValue(QStringLiteral(":first"), ids->first);
    q.bindValue(QStringLiteral(":last"), ids->second);
    QVERIFY(q.exec());

    m_connection = std::make_unique<StoreConnection>();
    StoreService *service = m_connection->service();
    QStringList answers;
    connect(service, &StoreService::actionDone, this, [&answers](const QString &m) { answers << m; });
    connect(service, &StoreService::statusLoaded, this,
        [&answers](const StoreStatus &) { answers << QStringLiteral("status"); });
    DeliveryOptions watchOnly;
    watchOnly.deliver = false;
    Q_EMIT m_connection->open(a.scratch->config(), watchOnly);
    Q_EMIT m_connection->prune(24 * RetryPolicy::Hour, false);
    Q_EMIT m_connection->loadStatus();

    // The status, asked after the prune, is answered before the prune is over.
    const QString pruned = QStringLiteral("Pruned %1 finished delivery(s).").arg(Old);
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 30000);
    QCOMPARE(answers, QStringList({ QStringLiteral("status"), pruned }));
    DeliveryFilter all;
    QCOMPARE(a.store->countDeliveries(all).value(), 0);
    m_connection.reset();
}

void TestStoreService::recoveryAndExportLetTheWindowsQueriesThrough_data()
{
    TestDatabases::addBackendRows();
}

// The window's recovery: previewed, then sent again a chunk per turn, the status asked after
// it answered first; then the history exported to a file, a page per turn.
void TestStoreService::recoveryAndExportLetTheWindowsQueriesThrough()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 0);
    REQUIRE_STORE(a);
    constexpr int Failed = 3 * JobStore::DefaultRecoveryChunk + 1;
    const qint64 hookId = a.store->webhooks()->constFirst().id;
    const auto ids
        = a.store->createDeliveries(hookId, QStringLiteral("night"), QByteArrayLiteral("{}"), Failed);
    QVERIFY(ids.ok());
    QSqlQuery q(a.store->database());
    QVERIFY(q.prepare(QStringLiteral("UPDATE deliveries SET status = 3, successful = 0, date_finished = :t, "
                                     "failure_detail = 'HTTP 503' WHERE id BETWEEN :first AND :last")));
    q.bindValue(QStringLiteral(":t"), Clock::system()->now() - RetryPolicy::Hour);
    q.bindValue(QStringLiteral(":first"), ids->first);
    q.bindValue(QStringLiteral(":last"), ids->second);
    QVERIFY(q.exec());

    m_connection = std::make_unique<StoreConnection>();
    StoreService *service = m_connection->service();
    QStringList answers;
    connect(service, &StoreService::actionDone, this, [&answers](const QString &m) { answers << m; });
    connect(service, &StoreService::actionFailed, this, [&answers](const QString &m) { answers << m; });
    connect(service, &StoreService::statusLoaded, this,
        [&answers](const StoreStatus &) { answers << QStringLiteral("status"); });
    QSignalSpy previewed(service, &StoreService::recoveryPreviewed);
    DeliveryOptions watchOnly;
    watchOnly.deliver = false;
    Q_EMIT m_connection->open(a.scratch->config(), watchOnly);
    const FailedSelection selection { Clock::system()->now() - 2 * RetryPolicy::Hour, hookId };
    Q_EMIT m_connection->previewRecovery(7, selection);
    QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, 10000);
    QCOMPARE(previewed.first().at(0).toULongLong(), 7u);
    QCOMPARE(previewed.first().at(1).value<RecoveryPreview>().count, Failed);
    QCOMPARE(a.store->countDeliveries({ std::nullopt, JobStatus::Failed }).value(), Failed);

    Q_EMIT m_connection->recoverFailed(selection);
    Q_EMIT m_connection->loadStatus();
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 30000);
    QCOMPARE(answers,
        QStringList(
            { QStringLiteral("status"), QStringLiteral("Queued %1 failed delivery(s) again.").arg(Failed) }));
    QCOMPARE(a.store->countDeliveries({ std::nullopt, JobStatus::Waiting }).value(), Failed);

    answers.clear();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.csv"));
    Q_EMIT m_connection->exportHistory(DeliveryFilter(), path, QStringLiteral("csv"));
    Q_EMIT m_connection->loadStatus();
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 30000);
    QCOMPARE(answers.at(0), QStringLiteral("status"));
    QCOMPARE(answers.at(1), QStringLiteral("Exported %1 delivery(s) to %2.").arg(Failed).arg(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count("\r\n"), Failed + 1);
    m_connection.reset();
}

void TestStoreService::pagesAreAnsweredWhileTheHistoryIsCounted_data()
{
    TestDatabases::addBackendRows();
}

// Counting ten million deliveries takes a second or more: the window's pages must not wait
// for it. The count is held where it runs until the page has come.
void TestStoreService::pagesAreAnsweredWhileTheHistoryIsCounted()
{
    QFETCH(QString, backend);
    Store a = makeStore(backend, QStringLiteral("/a"), 0);
    REQUIRE_STORE(a);
    const qint64 hookId = a.store->webhooks()->constFirst().id;
    QVERIFY(a.store->createDeliveries(hookId, QStringLiteral("ping"), QByteArrayLiteral("{}"), 250).ok());

    m_connection = std::make_unique<StoreConnection>();
    StoreService *service = m_connection->service();
    QSemaphore started;
    QSemaphore go;
    connect(
        service, &StoreService::historyCounting, this,
        [&started, &go](quint64) {
            started.release();
            go.tryAcquire(1, 15000); // held, in the thread that counts, until the page came
        },
        Qt::DirectConnection);
    QSignalSpy opened(service, &StoreService::opened);
    QSignalSpy pages(service, &StoreService::historyPageLoaded);
    QSignalSpy counted(service, &StoreService::historyCounted);
    DeliveryOptions watchOnly;
    watchOnly.deliver = false;
    Q_EMIT m_connection->open(a.scratch->config(), watchOnly);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);

    DeliveryFilter all;
    all.limit = 0; // a refresh's count: no first page with it
    Q_EMIT m_connection->countHistory(1, all);
    QVERIFY(started.tryAcquire(1, 10000));
    DeliveryFilter page;
    page.offset = 200;
    page.withPayload = false;
    Q_EMIT m_connection->loadHistoryPage(1, page, 200, 100);
    QTRY_COMPARE_WITH_TIMEOUT(pages.size(), 1, 10000);
    QCOMPARE(pages.constFirst().at(2).value<QList<Delivery>>().size(), 50);
    QCOMPARE(counted.size(), 0);
    go.release();
    QTRY_COMPARE_WITH_TIMEOUT(counted.size(), 1, 10000);
    QCOMPARE(counted.constFirst().at(1).toLongLong(), 250);
    m_connection.reset();
}

// Each connection to ":memory:" is a database of its own: its history is counted on the
// store's own connection.
void TestStoreService::anInMemoryStoreIsCountedOnItsOwnConnection()
{
    const auto config = DatabaseConfig::parse(QStringLiteral("sqlite::memory:"));
    QVERIFY(config);
    m_connection = std::make_unique<StoreConnection>();
    StoreService *service = m_connection->service();
    QSignalSpy opened(service, &StoreService::opened);
    QSignalSpy saved(service, &StoreService::webhookSaved);
    QSignalSpy counted(service, &StoreService::historyCounted);
    QSignalSpy done(service, &StoreService::actionDone);
    DeliveryOptions watchOnly;
    watchOnly.deliver = false;
    Q_EMIT m_connection->open(*config, watchOnly);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
    Webhook hook;
    hook.deliveryUrl = m_receiver.url(QStringLiteral("/memory")).toString();
    Q_EMIT m_connection->saveWebhook(hook);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
    const qint64 hookId = saved.constFirst().at(0).toLongLong();
    for (int i = 0; i < 3; ++i)
        Q_EMIT m_connection->ping(hookId);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 4, 10000); // saved, then three pings
    DeliveryFilter all;
    all.limit = 0;
    Q_EMIT m_connection->countHistory(5, all);
    QTRY_COMPARE_WITH_TIMEOUT(counted.size(), 1, 10000);
    QCOMPARE(counted.constFirst().at(0).toULongLong(), 5u);
    QCOMPARE(counted.constFirst().at(1).toLongLong(), 3);
    m_connection.reset();
}

QTEST_GUILESS_MAIN(TestStoreService)
#include "tst_storeservice.moc"
