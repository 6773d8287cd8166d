// The history's view over a store of 30,000 deliveries: it never learns how many rows the
// history has (its model holds the rows that fit), and the keys, the wheel and the bar beside
// it still reach every row, with the selection kept as deliveries while they scroll away.
#include "deliveryhistorymodel.h"
#include "historyview.h"
#include "historywindowmodel.h"
#include "jobstore.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "testdatabases.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

class TestHistoryView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void neverLearnsTheCount();
    void keysReachEveryRow();
    void wheelAndBarMoveThroughTheWholeHistory();
    void selectionIsKeptAsDeliveries();
    void countIsEstimatedFirstOnPostgres_data() { TestDatabases::addBackendRows(); }
    void countIsEstimatedFirstOnPostgres();
    void newDeliveriesKeepTheRowsInView(); // last: it adds to the store

private:
    qint64 idAt(int row) const;
    bool rowsLoaded() const;
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);

    QTemporaryDir m_dir;
    DatabaseConfig m_config;
    qint64 m_webhookId = 0;
    qint64 m_firstId = 0;
    qint64 m_lastId = 0;
    std::unique_ptr<StoreConnection> m_connection;
    std::unique_ptr<QWidget> m_pane;
    DeliveryHistoryModel *m_history = nullptr;
    HistoryWindowModel *m_window = nullptr;
    HistoryView *m_view = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

static constexpr int DeliveryCount = 30000;

void TestHistoryView::initTestCase()
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
    auto ids
        = store.createDeliveries(m_webhookId, QStringLiteral("ping"), QByteArrayLiteral("{}"), DeliveryCount);
    QVERIFY(ids.ok());
    m_firstId = ids->first;
    m_lastId = ids->second;

    m_connection = std::make_unique<StoreConnection>();
    QSignalSpy opened(m_connection->service(), &StoreService::opened);
    DeliveryOptions watchOnly;
    watchOnly.deliver = false;
    Q_EMIT m_connection->open(m_config, watchOnly);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
}

void TestHistoryView::init()
{
    m_pane = std::make_unique<QWidget>();
    m_history = new DeliveryHistoryModel(m_pane.get());
    StoreConnection *c = m_connection.get();
    connect(m_history, &DeliveryHistoryModel::countWanted, c, &StoreConnection::countHistory);
    connect(m_history, &DeliveryHistoryModel::pageWanted, c, &StoreConnection::loadHistoryPage);
    connect(m_history, &DeliveryHistoryModel::boundariesWanted, c, &StoreConnection::findHistoryBoundaries);
    connect(c->service(), &StoreService::historyBoundariesFound, m_history,
        &DeliveryHistoryModel::onBoundariesFound);
    connect(c->service(), &StoreService::historyGroupsFound, m_history, &DeliveryHistoryModel::onGroupsFound);
    connect(c->service(), &StoreService::historyCounted, m_history, &DeliveryHistoryModel::onCounted);
    connect(c->service(), &StoreService::historyPageLoaded, m_history, &DeliveryHistoryModel::onPageLoaded);
    m_window = new HistoryWindowModel(m_history, m_pane.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_window, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view = new HistoryView(m_window, m_pane.get());
    auto *layout = new QHBoxLayout(m_pane.get());
    layout->addWidget(m_view);
    layout->addWidget(m_view->positionBar());
    m_pane->resize(800, 400);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    m_history->setFilter(DeliveryFilter());
    QTRY_VERIFY_WITH_TIMEOUT(!m_history->isCounting() && m_history->rowCount() == DeliveryCount, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    m_view->setFocus();
}

void TestHistoryView::cleanup()
{
    m_tester.reset();
    m_pane.reset();
}

qint64 TestHistoryView::idAt(int row) const
{
    return m_window->index(row, 0).data(DeliveryHistoryModel::DeliveryIdRole).toLongLong();
}

bool TestHistoryView::rowsLoaded() const
{
    for (int row = 0; row < m_window->rowCount(); ++row) {
        if (!m_window->index(row, 0).data(DeliveryHistoryModel::LoadedRole).toBool())
            return false;
    }
    return m_window->rowCount() > 0;
}

void TestHistoryView::press(Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(m_view, key, modifiers);
}

void TestHistoryView::neverLearnsTheCount()
{
    const int page = m_window->pageRows();
    QVERIFY2(page > 5, qPrintable(QString::number(page)));
    // Only the rows that fit: the viewport's height in rows, with the one cut at the bottom.
    QVERIFY(m_window->rowCount() >= page && m_window->rowCount() <= page + 1);
    QCOMPARE(m_view->verticalHeader()->count(), m_window->rowCount());
    QCOMPARE(m_view->positionBar()->maximum(), DeliveryCount - page);
    QCOMPARE(m_view->positionBar()->pageStep(), page);
    // Newest first, the last row of the viewport wholly shown.
    QCOMPARE(idAt(0), m_lastId);
    QVERIFY(m_view->visualRect(m_window->index(page - 1, 0)).bottom() <= m_view->viewport()->height());
    // A taller view: more rows, still not the history's.
    m_pane->resize(800, 700);
    QTRY_VERIFY(m_window->pageRows() > page);
    QVERIFY(m_window->rowCount() <= m_window->pageRows() + 1);
    QCOMPARE(m_view->positionBar()->maximum(), DeliveryCount - m_window->pageRows());
}

void TestHistoryView::keysReachEveryRow()
{
    const int page = m_window->pageRows();
    m_view->setCurrentIndex(m_window->index(0, 0));
    press(Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(m_view->topRow(), qint64(DeliveryCount - page));
    QCOMPARE(m_view->positionBar()->value(), DeliveryCount - page);
    QCOMPARE(m_view->currentIndex().row(), page - 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->currentDeliveryId(), std::optional<qint64>(m_firstId), 10000);
    QCOMPARE(idAt(page - 1), m_firstId); // the oldest at the bottom
    press(Qt::Key_Up);
    QCOMPARE(m_view->currentDeliveryId(), std::optional<qint64>(m_firstId + 1));
    QCOMPARE(m_view->topRow(), qint64(DeliveryCount - page)); // in view: nothing moves

    press(Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_view->topRow(), qint64(0));
    QTRY_COMPARE_WITH_TIMEOUT(m_view->currentDeliveryId(), std::optional<qint64>(m_lastId), 10000);
    // Down past the bottom row moves the rows by one.
    for (int i = 0; i < page; ++i)
        press(Qt::Key_Down);
    QCOMPARE(m_view->topRow(), qint64(1));
    QCOMPARE(m_view->currentIndex().row(), page - 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->currentDeliveryId(), std::optional<qint64>(m_lastId - page), 10000);
    press(Qt::Key_PageDown);
    QCOMPARE(m_view->topRow(), qint64(1 + page));
    QTRY_COMPARE_WITH_TIMEOUT(m_view->currentDeliveryId(), std::optional<qint64>(m_lastId - 2 * page), 10000);
    press(Qt::Key_PageUp);
    press(Qt::Key_PageUp);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->currentDeliveryId(), std::optional<qint64>(m_lastId), 10000);
    QCOMPARE(m_view->topRow(), qint64(0));
    // One row selected, the one the keys went to: the history's rows are not the view's.
    QCOMPARE(m_view->selectedDeliveryIds(), QSet<qint64>({ m_lastId }));
}

void TestHistoryView::wheelAndBarMoveThroughTheWholeHistory()
{
    QScrollBar *bar = m_view->positionBar();
    const QPoint inside = m_view->viewport()->rect().center();
    QWheelEvent down(inside, m_view->viewport()->mapToGlobal(inside), QPoint(), QPoint(0, -120), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view->viewport(), &down);
    QCOMPARE(m_view->topRow(), qint64(QApplication::wheelScrollLines()));
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    QCOMPARE(idAt(0), m_lastId - QApplication::wheelScrollLines());

    // The bar dragged to its middle, as a hand does.
    const int middle = bar->maximum() / 2;
    bar->setSliderDown(true);
    bar->setSliderPosition(middle);
    bar->setSliderDown(false);
    QCOMPARE(m_view->topRow(), qint64(middle));
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    QCOMPARE(idAt(0), m_lastId - middle);
    QVERIFY(m_window->rowCount() <= m_window->pageRows() + 1);
    // To its end: the oldest delivery at the bottom.
    bar->setValue(bar->maximum());
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    QCOMPARE(idAt(m_window->pageRows() - 1), m_firstId);
    QVERIFY(m_history->cachedRowCount() <= DeliveryHistoryModel::MaxCachedRows);
}

void TestHistoryView::selectionIsKeptAsDeliveries()
{
    // Two deliveries picked with Ctrl, the current one the second.
    m_view->selectionModel()->clear();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::NoModifier,
        m_view->visualRect(m_window->index(1, 1)).center());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier,
        m_view->visualRect(m_window->index(3, 1)).center());
    const QSet<qint64> picked { m_lastId - 1, m_lastId - 3 };
    QCOMPARE(m_view->selectedDeliveryIds(), picked);
    QCOMPARE(m_view->currentDeliveryId(), std::optional<qint64>(m_lastId - 3));

    // Scrolled away: other deliveries in those rows, none of them selected; the chosen ones are.
    QSignalSpy currentChanges(m_view, &HistoryView::currentDeliveryChanged);
    m_view->positionBar()->setValue(5000);
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    QVERIFY(m_view->selectionModel()->selectedRows().isEmpty());
    QVERIFY(!m_view->currentIndex().isValid());
    QCOMPARE(m_view->selectedDeliveryIds(), picked);
    QCOMPARE(m_view->currentDeliveryId(), std::optional<qint64>(m_lastId - 3));
    QCOMPARE(currentChanges.size(), 0);

    // Ctrl+click there adds to them.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier,
        m_view->visualRect(m_window->index(0, 1)).center());
    QCOMPARE(m_view->selectedDeliveryIds(), picked + QSet<qint64> { m_lastId - 5000 });
    // The current one follows it back into view.
    m_view->positionBar()->setValue(4990);
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    QCOMPARE(m_view->currentIndex().row(), 10);
    QCOMPARE(m_view->selectionModel()->selectedRows().size(), 1);

    // Back: the same rows selected again.
    m_view->positionBar()->setValue(0);
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    QCOMPARE(rows, QList<int>({ 1, 3 }));
    // The current delivery is the one clicked last, out of view now.
    QCOMPARE(m_view->currentDeliveryId(), std::optional<qint64>(m_lastId - 5000));
    QVERIFY(!m_view->currentIndex().isValid());

    // A plain click starts over, forgetting the ones out of view too.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::NoModifier,
        m_view->visualRect(m_window->index(2, 1)).center());
    QCOMPARE(m_view->selectedDeliveryIds(), QSet<qint64> { m_lastId - 2 });
}

void TestHistoryView::newDeliveriesKeepTheRowsInView()
{
    m_view->positionBar()->setValue(100);
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(), 10000);
    const qint64 shown = idAt(0);
    {
        JobStore store(m_config);
        QVERIFY(store.open().ok());
        QVERIFY(store.createDeliveries(m_webhookId, QStringLiteral("ping"), QByteArrayLiteral("{}"), 7).ok());
    }
    m_history->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_history->rowCount(), DeliveryCount + 7, 10000);
    // Seven rows above: the same deliveries stay in view, and the bar says where they are now.
    QCOMPARE(m_view->topRow(), qint64(107));
    QCOMPARE(m_view->positionBar()->value(), 107);
    QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded() && idAt(0) == shown, 10000);
}

void TestHistoryView::countIsEstimatedFirstOnPostgres()
{
    // PostgreSQL counts a large history slowly: its planner's figure comes first, for the
    // window to show marked as an estimate. SQLite has none.
    QFETCH(QString, backend);
    TestDatabases::Scratch scratch(backend);
    HOOKWATCH_REQUIRE_SCRATCH(scratch);
    {
        JobStore store(scratch.config());
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        const qint64 webhook = store.addWebhook(hook).value();
        QVERIFY(store.createDeliveries(webhook, QStringLiteral("ping"), QByteArrayLiteral("{}"), 3000).ok());
        QSqlQuery analyze(store.database());
        QVERIFY(analyze.exec(QStringLiteral("ANALYZE")));
    }
    StoreConnection connection;
    QSignalSpy opened(connection.service(), &StoreService::opened);
    DeliveryOptions watchOnly;
    watchOnly.deliver = false;
    Q_EMIT connection.open(scratch.config(), watchOnly);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
    DeliveryHistoryModel history;
    connect(&history, &DeliveryHistoryModel::countWanted, &connection, &StoreConnection::countHistory);
    connect(connection.service(), &StoreService::historyCounted, &history, &DeliveryHistoryModel::onCounted);
    connect(
        connection.service(), &StoreService::historyEstimated, &history, &DeliveryHistoryModel::onEstimated);
    connect(connection.service(), &StoreService::historyPageLoaded, &history,
        &DeliveryHistoryModel::onPageLoaded);
    QStringList heard;
    connect(&history, &DeliveryHistoryModel::estimated, this,
        [&heard](qint64 estimate) { heard << QStringLiteral("estimated %1").arg(estimate); });
    connect(&history, &DeliveryHistoryModel::counted, this,
        [&heard](qint64 count) { heard << QStringLiteral("counted %1").arg(count); });
    history.setFilter(DeliveryFilter());
    QTRY_VERIFY_WITH_TIMEOUT(heard.contains(QStringLiteral("counted 3000")), 10000);
    if (backend == QLatin1String("sqlite")) {
        QCOMPARE(heard, QStringList({ QStringLiteral("counted 3000") }));
        return;
    }
    QCOMPARE(heard.size(), 2);
    QVERIFY2(
        heard.first().startsWith(QLatin1String("estimated ")), qPrintable(heard.join(QLatin1String(", "))));
    const qint64 estimate = heard.first().mid(10).toLongLong();
    QVERIFY2(estimate > 2500 && estimate < 3500, qPrintable(heard.first()));
}

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
