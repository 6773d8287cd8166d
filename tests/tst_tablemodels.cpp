// The webhook and retry-schedule models: precise updates under QAbstractItemModelTester, and
// the store service filling them from a store whose dispatcher delivers to a real receiver.
#include "eventtemplates.h"
#include "jobstore.h"
#include "validation.h"
#include "retryschedulemodel.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "testreceiver.h"
#include "webhooktablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestTableModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void webhookRowsChangePrecisely();
    void scheduleCountsDown();
    void serviceFillsHealthAndSchedule();
    void eventTemplatesAreLaunchpadJson();
};

namespace {
WebhookRow hookRow(qint64 id, const QString &url)
{
    WebhookRow row;
    row.webhook.id = id;
    row.webhook.deliveryUrl = url;
    return row;
}

QList<qint64> ids(const WebhookTableModel &model)
{
    QList<qint64> list;
    for (int r = 0; r < model.rowCount(); ++r)
        list << model.index(r, 0).data(WebhookTableModel::WebhookIdRole).toLongLong();
    return list;
}
} // namespace

void TestTableModels::webhookRowsChangePrecisely()
{
    WebhookTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWebhooks({ hookRow(1, QStringLiteral("http://a/")), hookRow(2, QStringLiteral("http://b/")),
        hookRow(3, QStringLiteral("http://c/")) });
    QCOMPARE(ids(model), (QList<qint64> { 1, 2, 3 }));
    QPersistentModelIndex third = model.index(2, 0);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // 2 goes, 4 comes, 3 moves to the front.
    model.setWebhooks({ hookRow(3, QStringLiteral("http://c2/")), hookRow(1, QStringLiteral("http://a/")),
        hookRow(4, QStringLiteral("http://d/")) });
    QCOMPARE(ids(model), (QList<qint64> { 3, 1, 4 }));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QVERIFY(third.isValid());
    QCOMPARE(third.row(), 0); // the persistent index followed its webhook
    QCOMPARE(model.index(0, WebhookTableModel::Url).data().toString(), QStringLiteral("http://c2/"));

    model.setWebhooks({});
    QCOMPARE(model.rowCount(), 0);
}

void TestTableModels::scheduleCountsDown()
{
    ManualClock clock(1'000'000'000'000);
    RetryScheduleModel model(&clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ScheduledRetry row;
    row.delivery.id = 7;
    row.delivery.status = JobStatus::Waiting;
    row.delivery.successful = false;
    row.delivery.totalAttempts = 2;
    row.delivery.scheduledStart = clock.now() + 5 * RetryPolicy::Minute;
    row.windowEnds = clock.now() + 20 * RetryPolicy::Hour;
    row.projectedAttempts = RetryPolicy().projectedAttempts(
        clock.now() - 10 * RetryPolicy::Minute, *row.delivery.scheduledStart);
    model.setSchedule({ row });
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, RetryScheduleModel::Countdown).data().toString(), QStringLiteral("in 5 min 0 s"));
    QCOMPARE(model.index(0, RetryScheduleModel::AttemptNumber).data().toString(), QStringLiteral("#3"));
    QCOMPARE(model.index(0, RetryScheduleModel::WindowLeft).data().toString(), QStringLiteral("20 h 0 min"));
    QVERIFY(model.index(0, RetryScheduleModel::Projected).data().toString().contains(QLatin1String("more")));
    clock.advance(4 * RetryPolicy::Minute + 30 * 1000);
    QSignalSpy ticked(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(ticked.wait(2000));
    QCOMPARE(ticked.first().at(0).toModelIndex().column(), int(RetryScheduleModel::Countdown));
    QCOMPARE(model.index(0, RetryScheduleModel::Countdown).data().toString(), QStringLiteral("in 30 s"));
}

void TestTableModels::serviceFillsHealthAndSchedule()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setResponseSequence({ 200, 503 });
    QTemporaryDir dir;
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("s.db"))).value();
    qint64 hookId = 0;
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = receiver.url().toString();
        hook.secret = QStringLiteral("sekrit");
        hookId = store.addWebhook(hook).value();
    }

    StoreConnection connection;
    WebhookTableModel webhooks;
    RetryScheduleModel schedule;
    QAbstractItemModelTester webhookTester(&webhooks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester scheduleTester(
        &schedule, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(connection.service(), &StoreService::webhooksLoaded, &webhooks, &WebhookTableModel::setWebhooks);
    connect(connection.service(), &StoreService::retryScheduleLoaded, &schedule,
        &RetryScheduleModel::setSchedule);
    connect(connection.service(), &StoreService::storeChanged, &connection, [&connection] {
        Q_EMIT connection.loadWebhooks();
        Q_EMIT connection.loadRetrySchedule();
    });
    QSignalSpy opened(connection.service(), &StoreService::opened);
    Q_EMIT connection.open(config, DeliveryOptions());
    // Emitted in the store's thread, maybe before a wait() could start: count instead.
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(webhooks.rowCount(), 1, 10000);
    // The secret never reaches the window, only that there is one.
    QVERIFY(webhooks.webhookAt(0)->webhook.secret.has_value());
    QVERIFY(webhooks.webhookAt(0)->webhook.secret->isEmpty());

    Q_EMIT connection.ping(hookId); // answered 200
    QTRY_COMPARE_WITH_TIMEOUT(
        webhooks.index(0, WebhookTableModel::LastResult).data().toString(), QStringLiteral("200"), 10000);
    QCOMPARE(receiver.requestCount(), 1);
    QCOMPARE(receiver.requests().first().header("x-hub-signature").left(5), QByteArrayLiteral("sha1="));

    Q_EMIT connection.ping(hookId); // answered 503: waits for a retry
    QTRY_COMPARE_WITH_TIMEOUT(schedule.rowCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        webhooks.index(0, WebhookTableModel::Recent).data().toString(), QStringLiteral("1/2"), 10000);
    QCOMPARE(webhooks.index(0, WebhookTableModel::Pending).data().toString(), QStringLiteral("1"));
    QVERIFY(!webhooks.index(0, WebhookTableModel::NextRetry).data().toString().isEmpty());
    const ScheduledRetry retry = *schedule.retryAt(0);
    QCOMPARE(retry.delivery.failureDetail, QStringLiteral("Bad HTTP response: 503"));
    QVERIFY(retry.projectedAttempts.size() > 30); // 5-minute steps for an hour, then hourly to 24 h
    QCOMPARE(schedule.index(0, RetryScheduleModel::AttemptNumber).data().toString(), QStringLiteral("#2"));

    // Retry now: it is sent at once and leaves the schedule (answered 503 again: back on it).
    receiver.setResponse(200);
    Q_EMIT connection.retryNow({ retry.delivery.id });
    QTRY_COMPARE_WITH_TIMEOUT(receiver.requestCount(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(schedule.rowCount(), 0, 10000);
}

void TestTableModels::eventTemplatesAreLaunchpadJson()
{
    const QStringList types = EventTemplates::launchpadEventTypes();
    QCOMPARE(types.size(), 14);
    for (const QString &type : types) {
        const QByteArray payload = EventTemplates::payloadFor(type);
        QVERIFY2(payload != "{}", qPrintable(type));
        QVERIFY2(Validation::payload(payload).ok(), qPrintable(type));
        // Python's json.dumps form: a space after every separator, none before.
        QVERIFY2(!payload.contains("\":\"") && !payload.contains("\",\""), qPrintable(type));
    }
    QCOMPARE(EventTemplates::payloadFor(QStringLiteral("ping")), QByteArrayLiteral("{\"ping\": true}"));
}

QTEST_GUILESS_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
