// The history model against a store of 100,000 deliveries: it counts, loads only the pages
// asked for, filters in the store, and follows changes another process makes.
#include "deliveryhistorymodel.h"
#include "jobstore.h"
#include "storeconnection.h"
#include "storeservice.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestDeliveryHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensAtOnceAndLoadsOnlyWhatIsAsked();
    void jumpingToTheEndLoadsOnlyTheEnd();
    void scrollingKeepsTheCacheBounded();
    void pagesComeFromKeys_data();
    void pagesComeFromKeys();
    void jumpsBeforeTheBoundariesByEstimate();
    void filtersInTheStore_data();
    void filtersInTheStore();
    void sortsInTheStore();
    void offersSortsWithoutAnIndexOnShortListsOnly();
    void followsAnotherProcess();
    void updatesRowsInPlace();

private:
    void connectModel(DeliveryHistoryModel &model);
    // Asks for a row as a view would and waits for its page.
    bool waitForRow(DeliveryHistoryModel &model, int row);

    QTemporaryDir m_dir;
    DatabaseConfig m_config;
    qint64 m_webhookId = 0;
    qint64 m_firstId = 0;
    qint64 m_lastId = 0;
    std::unique_ptr<StoreConnection> m_connection;
};

static constexpr int PingCount = 60000;
static constexpr int BugCount = 40000;

void TestDeliveryHistoryModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("history.db")))
                   .value();
    JobStore store(m_config);
    QVERIFY(store.open().ok());
    Webhook hook;
    hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
    auto id = store.addWebhook(hook);
    QVERIFY(id.ok());
    m_webhookId = id.value();
    QElapsedTimer timer;
    timer.start();
    auto pings = store.createDeliveries(
        m_webhookId, QStringLiteral("ping"), QByteArrayLiteral("{\"ping\": true}"), PingCount);
    QVERIFY(pings.ok());
    auto bugs
        = store.createDeliveries(m_webhookId, QStringLiteral("bug:0.1"), QByteArrayLiteral("{}"), BugCount);
    QVERIFY(bugs.ok());
    m_firstId = pings->first;
    m_lastId = bugs->second;
    qInfo("created %d deliveries in %lld ms", PingCount + BugCount, timer.elapsed());

    m_connection = std::make_unique<StoreConnection>();
    QSignalSpy opened(m_connection->service(), &StoreService::opened);
    DeliveryOptions watchOnly;
    watchOnly.deliver = false;
    Q_EMIT m_connection->open(m_config, watchOnly);
    // Emitted in the store's thread, maybe before a wait() could start: count instead.
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
}

void TestDeliveryHistoryModel::connectModel(DeliveryHistoryModel &model)
{
    connect(&model, &DeliveryHistoryModel::countWanted, m_connection.get(), &StoreConnection::countHistory);
    connect(&model, &DeliveryHistoryModel::pageWanted, m_connection.get(), &StoreConnection::loadHistoryPage);
    connect(&model, &DeliveryHistoryModel::boundariesWanted, m_connection.get(),
        &StoreConnection::findHistoryBoundaries);
    connect(m_connection->service(), &StoreService::historyBoundariesFound, &model,
        &DeliveryHistoryModel::onBoundariesFound);
    connect(m_connection->service(), &StoreService::historyGroupsFound, &model,
        &DeliveryHistoryModel::onGroupsFound);
    connect(m_connection->service(), &StoreService::historyCounted, &model, &DeliveryHistoryModel::onCounted);
    connect(m_connection->service(), &StoreService::historyPageLoaded, &model,
        &DeliveryHistoryModel::onPageLoaded);
}

bool TestDeliveryHistoryModel::waitForRow(DeliveryHistoryModel &model, int row)
{
    return QTest::qWaitFor(
        [&model, row] { return model.index(row, 0).data(DeliveryHistoryModel::LoadedRole).toBool(); }, 10000);
}

void TestDeliveryHistoryModel::opensAtOnceAndLoadsOnlyWhatIsAsked()
{
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    QElapsedTimer timer;
    timer.start();
    model.setFilter(DeliveryFilter());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    qInfo("counted %d deliveries in %lld ms", model.rowCount(), timer.elapsed());
    QVERIFY(waitForRow(model, 0));
    // Newest first.
    QCOMPARE(model.index(0, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong(),
        m_lastId);
    QCOMPARE(model.index(0, DeliveryHistoryModel::EventType).data().toString(), QStringLiteral("bug:0.1"));
    QCOMPARE(model.index(0, DeliveryHistoryModel::Status).data().toString(), QStringLiteral("Never tried"));
    // Only what was looked at is in memory: the tester's rows and the first page.
    QVERIFY2(model.cachedRowCount() <= 2 * DeliveryHistoryModel::PageSize,
        qPrintable(QString::number(model.cachedRowCount())));
}

void TestDeliveryHistoryModel::jumpingToTheEndLoadsOnlyTheEnd()
{
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    model.setFilter(DeliveryFilter());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    const int last = model.rowCount() - 1;
    const int requestedBefore = model.pagesRequested();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!model.index(last, 0).data(DeliveryHistoryModel::LoadedRole).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(model.index(last, 0).data(DeliveryHistoryModel::LoadedRole).toBool(), 10000);
    qInfo("the last row arrived in %lld ms", timer.elapsed());
    QCOMPARE(
        model.index(last, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong(),
        m_firstId);
    QVERIFY(model.pagesRequested() - requestedBefore <= 2);
    QVERIFY(model.cachedRowCount() <= 3 * DeliveryHistoryModel::PageSize);
}

void TestDeliveryHistoryModel::scrollingKeepsTheCacheBounded()
{
    DeliveryHistoryModel model;
    connectModel(model);
    model.setFilter(DeliveryFilter());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    // A view scrolled through the whole history, one screenful every 1,000 rows.
    for (int row = 0; row < model.rowCount(); row += 1000) {
        for (int r = row; r < qMin(row + 30, model.rowCount()); ++r)
            model.index(r, 0).data();
        QTRY_VERIFY_WITH_TIMEOUT(model.index(row, 0).data(DeliveryHistoryModel::LoadedRole).toBool(), 10000);
        QCOMPARE(
            model.index(row, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong(),
            m_lastId - row);
    }
    QVERIFY2(model.cachedRowCount() <= DeliveryHistoryModel::MaxCachedRows,
        qPrintable(QString::number(model.cachedRowCount())));
}

// No page walks the rows before it: the one below a loaded page starts from its last key, the
// one above ends at its first, the end is counted from the end, the middle from a boundary.
// Each holds the rows an offset would give (ids are contiguous: row r is m_lastId - r).
void TestDeliveryHistoryModel::pagesComeFromKeys_data()
{
    QTest::addColumn<bool>("descending");
    QTest::newRow("newest first") << true;
    QTest::newRow("oldest first") << false;
}

void TestDeliveryHistoryModel::pagesComeFromKeys()
{
    QFETCH(bool, descending);
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    QSignalSpy wanted(&model, &DeliveryHistoryModel::pageWanted);
    DeliveryFilter f;
    f.descending = descending;
    model.setFilter(f);
    const int total = PingCount + BugCount;
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), total, 10000);
    QVERIFY(waitForRow(model, 0));
    const auto idAt = [descending, this](int row) { return descending ? m_lastId - row : m_firstId + row; };
    const auto check = [&](int row) {
        return model.index(row, DeliveryHistoryModel::Id)
                   .data(DeliveryHistoryModel::RawValueRole)
                   .toLongLong()
            == idAt(row);
    };
    // Every boundary found in the background: one every 10,000 rows.
    QTRY_COMPARE_WITH_TIMEOUT(model.boundaryCount(), total / DeliveryHistoryModel::BoundaryEvery, 10000);
    const auto lastQuery = [&wanted]() { return wanted.constLast().at(1).value<DeliveryFilter>(); };

    wanted.clear();
    QVERIFY(waitForRow(model, 150)); // below the first page
    QCOMPARE(lastQuery().offset, 0);
    QCOMPARE(descending ? lastQuery().beforeId.value() : lastQuery().afterId.value(), idAt(99));
    QVERIFY(check(150));

    QVERIFY(waitForRow(model, total - 1)); // Ctrl+End
    QVERIFY(lastQuery().fromEnd);
    QCOMPARE(lastQuery().offset, 0);
    QVERIFY(check(total - 1));

    const int middle = total / 2 + 1234;
    QVERIFY(waitForRow(model, middle)); // the scroll bar dragged to the middle
    QVERIFY2(lastQuery().offset < DeliveryHistoryModel::BoundaryEvery,
        qPrintable(QString::number(lastQuery().offset)));
    QVERIFY(check(middle));

    const int above = middle - DeliveryHistoryModel::PageSize; // scrolled up from there
    QVERIFY(waitForRow(model, above));
    QVERIFY(lastQuery().fromEnd);
    QCOMPARE(lastQuery().offset, 0);
    QCOMPARE(descending ? lastQuery().afterId.value() : lastQuery().beforeId.value(),
        idAt((middle / DeliveryHistoryModel::PageSize) * DeliveryHistoryModel::PageSize));
    QVERIFY(check(above));
    QVERIFY(check(above + DeliveryHistoryModel::PageSize - 1 - middle % DeliveryHistoryModel::PageSize));
}

// Before the boundaries reach the middle, a jump there reads from a key estimated from the
// ends' ids (exact here: the ids have no gaps), and the page after it from its last key.
void TestDeliveryHistoryModel::jumpsBeforeTheBoundariesByEstimate()
{
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    disconnect(&model, &DeliveryHistoryModel::boundariesWanted, nullptr, nullptr); // none found
    QSignalSpy wanted(&model, &DeliveryHistoryModel::pageWanted);
    model.setFilter(DeliveryFilter());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    const int middle = model.rowCount() / 2 + 42;
    wanted.clear();
    model.index(middle, 0).data(); // a view showing rows across two pages
    model.index(middle + DeliveryHistoryModel::PageSize, 0).data();
    QVERIFY(waitForRow(model, middle));
    QVERIFY(waitForRow(model, middle + DeliveryHistoryModel::PageSize));
    QCOMPARE(wanted.size(), 2); // one after the other, not two walks
    for (const auto &request : wanted) {
        const auto query = request.at(1).value<DeliveryFilter>();
        QCOMPARE(query.offset, 0);
        QVERIFY(query.beforeId.has_value());
    }
    for (int row : { middle, middle + DeliveryHistoryModel::PageSize }) {
        QCOMPARE(
            model.index(row, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong(),
            m_lastId - row);
    }
}

void TestDeliveryHistoryModel::filtersInTheStore_data()
{
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("display"); // -1: any
    QTest::addColumn<int>("rows");
    QTest::newRow("all") << QString() << QString() << -1 << PingCount + BugCount;
    QTest::newRow("bug events") << QStringLiteral("bug:0.1") << QString() << -1 << BugCount;
    QTest::newRow("ping events") << QStringLiteral("ping") << QString() << -1 << PingCount;
    QTest::newRow("text: part of the type") << QString() << QStringLiteral("bug:") << -1 << BugCount;
    QTest::newRow("text: an id") << QString() << QStringLiteral("12345") << -1 << 1;
    QTest::newRow("never tried") << QString() << QString() << int(Delivery::Display::NeverTried)
                                 << PingCount + BugCount;
    QTest::newRow("delivered") << QString() << QString() << int(Delivery::Display::Delivered) << 0;
}

void TestDeliveryHistoryModel::filtersInTheStore()
{
    QFETCH(QString, eventType);
    QFETCH(QString, text);
    QFETCH(int, display);
    QFETCH(int, rows);
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    QSignalSpy counted(&model, &DeliveryHistoryModel::counted);
    DeliveryFilter filter;
    filter.eventType = eventType;
    filter.text = text;
    if (display >= 0)
        filter.display = Delivery::Display(display);
    model.setFilter(filter);
    QVERIFY(counted.wait(10000));
    QCOMPARE(model.rowCount(), rows);
    if (rows > 0) {
        QTRY_VERIFY_WITH_TIMEOUT(model.index(0, 0).data(DeliveryHistoryModel::LoadedRole).toBool(), 10000);
        if (!eventType.isEmpty())
            QCOMPARE(model.index(0, DeliveryHistoryModel::EventType).data().toString(), eventType);
        if (text == QLatin1String("12345"))
            QCOMPARE(model.index(0, DeliveryHistoryModel::Id).data().toString(), text);
    }
}

void TestDeliveryHistoryModel::sortsInTheStore()
{
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    model.setFilter(DeliveryFilter());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    model.sort(DeliveryHistoryModel::Id, Qt::AscendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model.index(0, 0).data(DeliveryHistoryModel::LoadedRole).toBool(), 10000);
    QCOMPARE(model.index(0, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong(),
        m_firstId);
    model.sort(DeliveryHistoryModel::EventType, Qt::DescendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model.index(0, 0).data(DeliveryHistoryModel::LoadedRole).toBool(), 10000);
    QCOMPARE(model.index(0, DeliveryHistoryModel::EventType).data().toString(), QStringLiteral("ping"));

    // By event type, too, a page beside a loaded one comes from its key, (event type, id), in
    // either direction; the rows are the ones an offset would give.
    QSignalSpy wanted(&model, &DeliveryHistoryModel::pageWanted);
    const auto lastQuery = [&wanted]() { return wanted.constLast().at(1).value<DeliveryFilter>(); };
    const auto idAt = [this](int row) {
        return row < PingCount ? m_firstId + PingCount - 1 - row : m_lastId - (row - PingCount);
    };
    const auto check = [&](int row) {
        return model.index(row, DeliveryHistoryModel::Id)
                   .data(DeliveryHistoryModel::RawValueRole)
                   .toLongLong()
            == idAt(row);
    };
    QVERIFY(waitForRow(model, 150));
    QVERIFY(lastQuery().afterRow.has_value());
    QCOMPARE(lastQuery().afterRow->value.toString(), QStringLiteral("ping"));
    QCOMPARE(lastQuery().afterRow->id, idAt(99));
    QVERIFY(!lastQuery().fromEnd);
    QVERIFY(check(150));
    const int far = PingCount + 15050;
    // A jump: into the group it falls in, from a key estimated from the group's ids (exact
    // here: each event type's ids have no gaps), once the groups are known.
    QTRY_COMPARE_WITH_TIMEOUT(model.groupCount(), 2, 10000);
    QVERIFY(waitForRow(model, far));
    QCOMPARE(lastQuery().offset, 0);
    QVERIFY(!lastQuery().fromEnd);
    QVERIFY(lastQuery().afterRow.has_value());
    QCOMPARE(lastQuery().afterRow->value.toString(), QStringLiteral("bug:0.1"));
    QCOMPARE(lastQuery().afterRow->id, idAt(far - far % DeliveryHistoryModel::PageSize) + 1);
    QVERIFY(check(far));
    QVERIFY(waitForRow(model, far - DeliveryHistoryModel::PageSize)); // scrolled up from there
    QVERIFY(lastQuery().fromEnd);
    QCOMPARE(lastQuery().offset, 0);
    QVERIFY(lastQuery().afterRow.has_value());
    QCOMPARE(lastQuery().afterRow->value.toString(), QStringLiteral("bug:0.1"));
    QCOMPARE(lastQuery().afterRow->id, idAt(far - far % DeliveryHistoryModel::PageSize));
    QVERIFY(check(far - DeliveryHistoryModel::PageSize));
    QVERIFY(check(far - far % DeliveryHistoryModel::PageSize - 1));
    QVERIFY(waitForRow(model, far + DeliveryHistoryModel::PageSize)); // and down
    QVERIFY(!lastQuery().fromEnd);
    QVERIFY(lastQuery().afterRow.has_value());
    QCOMPARE(lastQuery().afterRow->id,
        idAt(far - far % DeliveryHistoryModel::PageSize + DeliveryHistoryModel::PageSize - 1));
    QVERIFY(check(far + DeliveryHistoryModel::PageSize));
}

// Attempts, Last sent and Next attempt have no index: on a list longer than the limit the
// model refuses them (the window says why) and keeps its sort; a narrower list takes them.
void TestDeliveryHistoryModel::offersSortsWithoutAnIndexOnShortListsOnly()
{
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    QSignalSpy refused(&model, &DeliveryHistoryModel::sortRefused);
    // Asked for before the list is counted: decided once the count is there.
    model.setFilter(DeliveryFilter());
    model.sort(DeliveryHistoryModel::LastSent, Qt::DescendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 10000);
    QCOMPARE(refused.constFirst().at(0).toInt(), int(DeliveryHistoryModel::LastSent));
    QCOMPARE(refused.constFirst().at(1).toLongLong(), PingCount + BugCount);
    QCOMPARE(refused.constFirst().at(2).toLongLong(), DeliveryHistoryModel::DefaultUnindexedSortLimit);
    QCOMPARE(model.rowCount(), PingCount + BugCount);
    QVERIFY(model.filter().sortKey == DeliveryFilter::SortKey::Id);
    QCOMPARE(model.sortColumn(), int(DeliveryHistoryModel::Id));
    QVERIFY(!model.isCounting());
    // Counted: refused at once.
    model.sort(DeliveryHistoryModel::Attempts, Qt::AscendingOrder);
    QCOMPARE(refused.size(), 2);
    QVERIFY(model.filter().sortKey == DeliveryFilter::SortKey::Id);
    // Status has an index: offered at any size.
    model.sort(DeliveryHistoryModel::Status, Qt::AscendingOrder);
    QVERIFY(model.filter().sortKey == DeliveryFilter::SortKey::Status);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    // Narrowed to the 40,000 bug reports: sorted by when they were last sent (never), then id.
    DeliveryFilter bugs = model.filter();
    bugs.eventType = QStringLiteral("bug:0.1");
    model.setFilter(bugs);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), BugCount, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), 10000);
    model.sort(DeliveryHistoryModel::LastSent, Qt::AscendingOrder);
    QCOMPARE(refused.size(), 2);
    QVERIFY(model.filter().sortKey == DeliveryFilter::SortKey::LastSent);
    QCOMPARE(model.sortColumn(), int(DeliveryHistoryModel::LastSent));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), BugCount, 10000);
    QVERIFY(waitForRow(model, 0));
    QCOMPARE(model.index(0, DeliveryHistoryModel::EventType).data().toString(), QStringLiteral("bug:0.1"));
    // A lower limit refuses it for this list too.
    model.setUnindexedSortLimit(1000);
    model.sort(DeliveryHistoryModel::NextAttempt, Qt::AscendingOrder);
    QCOMPARE(refused.size(), 3);
    QCOMPARE(refused.constLast().at(1).toLongLong(), BugCount);
    QVERIFY(model.filter().sortKey == DeliveryFilter::SortKey::LastSent);
}

void TestDeliveryHistoryModel::followsAnotherProcess()
{
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    // As the window does: whatever changed, count again and reload what is in view.
    connect(m_connection->service(), &StoreService::storeChanged, &model, &DeliveryHistoryModel::refresh);
    model.setFilter(DeliveryFilter());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model.index(5, 0).data(DeliveryHistoryModel::LoadedRole).toBool(), 10000);
    const qint64 fifth
        = model.index(5, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong();

    // Another connection, as another process would: the store's watch notices.
    JobStore other(m_config);
    QVERIFY(other.open().ok());
    auto created
        = other.createDeliveries(m_webhookId, QStringLiteral("git:push:0.1"), QByteArrayLiteral("{}"), 3);
    QVERIFY(created.ok());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), PingCount + BugCount + 3, 10000);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0); // at the top, newest first
    QTRY_COMPARE_WITH_TIMEOUT(
        model.index(0, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong(),
        created->second, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        model.index(8, DeliveryHistoryModel::Id).data(DeliveryHistoryModel::RawValueRole).toLongLong(), fifth,
        10000);
    QCOMPARE(
        model.index(0, DeliveryHistoryModel::EventType).data().toString(), QStringLiteral("git:push:0.1"));
}

void TestDeliveryHistoryModel::updatesRowsInPlace()
{
    DeliveryHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(model);
    model.setFilter(DeliveryFilter());
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model.index(2, 0).data(DeliveryHistoryModel::LoadedRole).toBool(), 10000);
    Delivery d = *model.deliveryAt(2);
    d.status = JobStatus::Completed;
    d.successful = true;
    d.lastStatusCode = 200;
    d.totalAttempts = 1;
    d.attemptCount = 1;
    d.dateSent = d.dateCreated + 1000;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateDeliveries({ d });
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 2);
    QCOMPARE(model.index(2, DeliveryHistoryModel::Status).data().toString(), QStringLiteral("Delivered"));
    QCOMPARE(model.index(2, DeliveryHistoryModel::Result).data().toString(), QStringLiteral("200"));
    QCOMPARE(
        model.index(2, DeliveryHistoryModel::Status).data(DeliveryHistoryModel::DisplayStateRole).toInt(),
        int(Delivery::Display::Delivered));
    QCOMPARE(model.index(2, DeliveryHistoryModel::Attempts).data().toString(), QStringLiteral("1"));

    // Tried four times, retried by hand, one attempt since: both counts, the total first.
    d.status = JobStatus::Waiting;
    d.successful = false;
    d.failureDetail = QStringLiteral("Bad HTTP response: 503");
    d.lastStatusCode = 503;
    d.totalAttempts = 4;
    d.attemptCount = 1;
    model.updateDeliveries({ d });
    QCOMPARE(model.index(2, DeliveryHistoryModel::Attempts).data().toString(),
        QStringLiteral("4 (1 since retry)"));
    QCOMPARE(
        model.index(2, DeliveryHistoryModel::Attempts).data(DeliveryHistoryModel::RawValueRole).toInt(), 4);
    QCOMPARE(model.index(2, DeliveryHistoryModel::Status).data().toString(), QStringLiteral("Retrying"));

    // Delivered, re-queued by hand and suspended: the status says so, the result is the last attempt's.
    d.status = JobStatus::Suspended;
    d.successful = true;
    d.failureDetail.clear();
    d.lastStatusCode = 200;
    d.totalAttempts = 1;
    d.attemptCount = 0;
    model.updateDeliveries({ d });
    QCOMPARE(model.index(2, DeliveryHistoryModel::Status).data().toString(), QStringLiteral("Suspended"));
    QCOMPARE(model.index(2, DeliveryHistoryModel::Result).data().toString(), QStringLiteral("200"));
    QCOMPARE(model.index(2, DeliveryHistoryModel::Attempts).data().toString(),
        QStringLiteral("1 (0 since retry)"));
    QVERIFY(model.index(2, DeliveryHistoryModel::Result)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("Last attempt delivered at ")));
    d.status = JobStatus::Waiting;
    model.updateDeliveries({ d });
    QCOMPARE(model.index(2, DeliveryHistoryModel::Status).data().toString(), QStringLiteral("Queued again"));
}

QTEST_GUILESS_MAIN(TestDeliveryHistoryModel)
#include "tst_deliveryhistorymodel.moc"
