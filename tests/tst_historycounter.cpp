#include "historycounter.h"
#include "jobstore.h"
#include "testdatabases.h"

#include <QSignalSpy>
#include <QTest>

// The history's counts on a connection of their own (HistoryCounter), on a real SQLite file and
// a real PostgreSQL server: what the window's status line says a filter takes, kept exact as
// deliveries arrive, go from one status to another and are deleted.

class TestHistoryCounter final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabases::Scratch> m_scratch;
    std::unique_ptr<JobStore> m_store; // the test's own connection: another process, as the counter sees it
    qint64 m_first = 0;
    qint64 m_second = 0;

    bool openFresh()
    {
        QFETCH(QString, backend);
        m_store.reset();
        m_scratch = std::make_unique<TestDatabases::Scratch>(backend);
        if (!m_scratch->ok()) {
            if (TestDatabases::postgresRequired())
                QTest::qFail(qPrintable(m_scratch->error()), __FILE__, __LINE__);
            else
                QTest::qSkip(qPrintable(m_scratch->error()), __FILE__, __LINE__);
            return false;
        }
        m_store = std::make_unique<JobStore>(m_scratch->config());
        if (const Status opened = m_store->open(); !opened) {
            QTest::qFail(qPrintable(opened.error()), __FILE__, __LINE__);
            return false;
        }
        Webhook w;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/first");
        m_first = m_store->addWebhook(w).value();
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/second");
        m_second = m_store->addWebhook(w).value();
        return true;
    }

    void create(qint64 webhook, int count)
    {
        QVERIFY(
            m_store->createDeliveries(webhook, QStringLiteral("ping"), QByteArrayLiteral("{}"), count).ok());
    }

    qint64 newestId()
    {
        DeliveryFilter f;
        f.limit = 1;
        f.withPayload = false;
        const auto top = m_store->deliveries(f);
        return top && !top->isEmpty() ? top->first().id : 0;
    }

    // What the store service asks: the filter's deliveries up to the newest id now.
    static DeliveryFilter upTo(DeliveryFilter f, qint64 newest)
    {
        f.beforeId = newest + 1;
        return f;
    }

    // Counts `filter` as the window would and returns what the counter said (-1: nothing).
    qint64 countNow(HistoryCounter &counter, const DeliveryFilter &filter, quint64 serial)
    {
        QSignalSpy counted(&counter, &HistoryCounter::counted);
        const qint64 newest = newestId();
        counter.noteWanted(serial);
        counter.count(serial, upTo(filter, newest), newest, 1);
        if (counted.size() != 1)
            return -1;
        const QList<QVariant> &args = counted.constFirst();
        if (args.at(0).toULongLong() != serial || args.at(2).toLongLong() != newest)
            return -2;
        return args.at(1).toLongLong();
    }

private Q_SLOTS:
    void countsWhatTheFilterTakes_data() { TestDatabases::addBackendRows(); }
    void countsWhatTheFilterTakes()
    {
        if (!openFresh())
            return;
        create(m_first, 12);
        create(m_second, 7);
        HistoryCounter counter;
        counter.setStore(m_scratch->config());
        QCOMPARE(countNow(counter, DeliveryFilter(), 1), 19);
        DeliveryFilter second;
        second.webhookId = m_second;
        QCOMPARE(countNow(counter, second, 2), 7);
        DeliveryFilter waiting;
        waiting.status = JobStatus::Waiting;
        QCOMPARE(countNow(counter, waiting, 3), 19);
    }

    // A list deliveries only join (no status, text or HTTP status in its filter) is counted
    // from its last count and the deliveries newer than it, when whole counts are slow;
    // deletions show at the next whole count, which comes at the latest after the recount
    // period.
    void keepsAGrowingListExactFromItsNewRows_data() { TestDatabases::addBackendRows(); }
    void keepsAGrowingListExactFromItsNewRows()
    {
        if (!openFresh())
            return;
        create(m_first, 10);
        create(m_second, 10);
        HistoryCounter counter;
        counter.setStore(m_scratch->config());
        counter.setRecountPolicy(0, 3600 * 1000); // every count "slow", the whole count hourly
        QCOMPARE(countNow(counter, DeliveryFilter(), 1), 20);
        create(m_first, 5);
        QCOMPARE(countNow(counter, DeliveryFilter(), 2), 25);
        // Another connection deletes a webhook's ten deliveries: only new rows were counted.
        QVERIFY(m_store->removeWebhook(m_second).ok());
        create(m_first, 1);
        QCOMPARE(countNow(counter, DeliveryFilter(), 3), 26);
        // Counted whole (as it is when whole counts are quick): deletions and all.
        counter.setRecountPolicy(3600 * 1000, 3600 * 1000);
        QCOMPARE(countNow(counter, DeliveryFilter(), 4), 16);
        // Another filter is counted whole, then kept from there.
        counter.setRecountPolicy(0, 3600 * 1000);
        DeliveryFilter first;
        first.webhookId = m_first;
        QCOMPARE(countNow(counter, first, 5), 16);
        create(m_first, 2);
        QCOMPARE(countNow(counter, first, 6), 18);
    }

    // Deliveries leave a status filter without any new delivery: always counted whole.
    void countsAStatusFilterWholeEveryTime_data() { TestDatabases::addBackendRows(); }
    void countsAStatusFilterWholeEveryTime()
    {
        if (!openFresh())
            return;
        create(m_first, 6);
        HistoryCounter counter;
        counter.setStore(m_scratch->config());
        counter.setRecountPolicy(0, 3600 * 1000);
        DeliveryFilter waiting;
        waiting.status = JobStatus::Waiting;
        QCOMPARE(countNow(counter, waiting, 1), 6);
        QCOMPARE(m_store->claimDue(QStringLiteral("test"), 2, 60000).value().size(), 2);
        QCOMPARE(countNow(counter, waiting, 2), 4);
        DeliveryFilter running;
        running.status = JobStatus::Running;
        QCOMPARE(countNow(counter, running, 3), 2);
    }

    // The window wants only its newest count: one asked for before it is skipped unstarted.
    void skipsACountNoLongerWanted_data() { TestDatabases::addBackendRows(); }
    void skipsACountNoLongerWanted()
    {
        if (!openFresh())
            return;
        create(m_first, 3);
        HistoryCounter counter;
        counter.setStore(m_scratch->config());
        QSignalSpy counted(&counter, &HistoryCounter::counted);
        const qint64 newest = newestId();
        counter.noteWanted(8);
        counter.noteWanted(9);
        counter.count(8, upTo(DeliveryFilter(), newest), newest, 1);
        QCOMPARE(counted.size(), 0);
        counter.count(9, upTo(DeliveryFilter(), newest), newest, 1);
        QCOMPARE(counted.size(), 1);
        QCOMPARE(counted.constFirst().at(1).toLongLong(), 3);
    }

    void saysWhyItCannotCount()
    {
        const auto config = DatabaseConfig::parse(QStringLiteral("sqlite:/proc/hookwatch/store.db"));
        QVERIFY(config);
        HistoryCounter counter;
        counter.setStore(*config);
        QSignalSpy counted(&counter, &HistoryCounter::counted);
        QSignalSpy failed(&counter, &HistoryCounter::failed);
        counter.count(1, DeliveryFilter(), 0, 0);
        QCOMPARE(counted.size(), 0);
        QCOMPARE(failed.size(), 1);
        const QString message = failed.constFirst().at(0).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Cannot count the deliveries: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("/proc/hookwatch/store.db")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestHistoryCounter)
#include "tst_historycounter.moc"
