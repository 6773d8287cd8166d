#include "deliveryfiltersql.h"
#include "jobstore.h"
#include "sqlstatement.h"
#include "storerows.h"
#include "testdatabases.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

// The history as the window and `deliveries` read it: search (escaping, case, payloads and
// responses, HTTP status, id), and pages fetched from keys in both directions.

namespace {
constexpr TimeMs T0 = 1795860000000; // 2026-11-28T10:00:00Z

QList<qint64> ids(const QList<Delivery> &list)
{
    QList<qint64> out;
    for (const Delivery &d : list)
        out << d.id;
    return out;
}
} // namespace

class TestHistoryQueries final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabases::Scratch> m_scratch;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<JobStore> m_store;
    qint64 m_webhook = 0;

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
        m_clock = std::make_unique<ManualClock>(T0);
        m_store = std::make_unique<JobStore>(m_scratch->config(), m_clock.get());
        if (const Status opened = m_store->open(); !opened) {
            QTest::qFail(qPrintable(opened.error()), __FILE__, __LINE__);
            return false;
        }
        Webhook w;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        m_webhook = m_store->addWebhook(w).value();
        return true;
    }

    // One attempt on the oldest due delivery, answered with `status` and `body`; a failure is
    // final when `retry` is false.
    void answer(int status, const QByteArray &body, bool retry = true)
    {
        const auto claimed = m_store->claimDue(QStringLiteral("w"), 1, 60000).value();
        QCOMPARE(claimed.size(), 1);
        AttemptRecord r;
        r.before = claimed.first().delivery;
        r.policy = claimed.first().webhook.retryPolicy;
        if (!retry)
            r.policy.windowMs = 0;
        r.attempt.deliveryId = claimed.first().delivery.id;
        r.attempt.dateStarted = m_clock->now();
        r.attempt.dateSent = m_clock->now();
        r.attempt.request.url = claimed.first().webhook.deliveryUrl;
        AttemptResponse response;
        response.statusCode = status;
        response.body = body;
        r.attempt.response = response;
        QVERIFY(m_store->recordAttempts(QStringLiteral("w"), { r }).ok());
    }

    qint64 count(const DeliveryFilter &f) { return m_store->countDeliveries(f).value(); }

    QList<qint64> found(const QString &text)
    {
        DeliveryFilter f;
        f.text = text;
        const auto list = m_store->deliveries(f);
        if (!list)
            qWarning() << list.error();
        return list ? ids(list.value()) : QList<qint64> { -1 };
    }

private Q_SLOTS:
    void cleanup()
    {
        m_store.reset();
        m_scratch.reset();
    }

    // `_` and `%` are themselves, not wildcards, and were once removed from the search: a
    // search for "order_created" found nothing. A-Z match without case on both backends.
    void searchEscapesWildcardsAndIgnoresCase_data() { TestDatabases::addBackendRows(); }
    void searchEscapesWildcardsAndIgnoresCase()
    {
        if (!openFresh())
            return;
        const qint64 underscore
            = m_store->createDelivery(m_webhook, QStringLiteral("order_created"), "{}").value();
        const qint64 letter
            = m_store->createDelivery(m_webhook, QStringLiteral("orderXcreated"), "{}").value();
        const qint64 percent = m_store->createDelivery(m_webhook, QStringLiteral("sale:50%"), "{}").value();
        const qint64 backslash = m_store->createDelivery(m_webhook, QStringLiteral("path\\x"), "{}").value();
        QCOMPARE(found(QStringLiteral("order_created")), QList<qint64> { underscore });
        QCOMPARE(found(QStringLiteral("ORDER_Created")), QList<qint64> { underscore });
        QCOMPARE(found(QStringLiteral("orderx")), QList<qint64> { letter });
        QCOMPARE(found(QStringLiteral("50%")), QList<qint64> { percent });
        QCOMPARE(found(QStringLiteral("%")), QList<qint64> { percent });
        QCOMPARE(found(QStringLiteral("_")), QList<qint64> { underscore });
        QCOMPARE(found(QStringLiteral("h\\x")), QList<qint64> { backslash });
        QCOMPARE(found(QStringLiteral("order")), (QList<qint64> { letter, underscore }));
        DeliveryFilter f;
        f.text = QStringLiteral("ORDER");
        QCOMPARE(count(f), 2);
    }

    // Text in the payload and in any attempt's response body; a number also finds that id.
    void searchFindsPayloadsResponsesAndIds_data() { TestDatabases::addBackendRows(); }
    void searchFindsPayloadsResponsesAndIds()
    {
        if (!openFresh())
            return;
        const qint64 rejected = m_store->createDelivery(m_webhook, QStringLiteral("ping"), "{}").value();
        const qint64 customer
            = m_store->createDelivery(m_webhook, QStringLiteral("ping"), R"({"customer_name": "Jürgen"})")
                  .value();
        const qint64 plain = m_store->createDelivery(m_webhook, QStringLiteral("ping"), "{}").value();
        answer(503, "Rejected: QUOTA exceeded\xff");
        answer(200, "ok");
        answer(200, "ok");
        QCOMPARE(found(QStringLiteral("quota")), QList<qint64> { rejected });
        QCOMPARE(found(QStringLiteral("Customer_Name")), QList<qint64> { customer });
        QCOMPARE(found(QStringLiteral("Jürgen")), QList<qint64> { customer });
        QVERIFY(found(QString::number(plain)).contains(plain)); // and whatever has the digits in it
        QCOMPARE(found(QStringLiteral("nowhere")), QList<qint64> {});
    }

    void filtersByHttpStatusAndId_data() { TestDatabases::addBackendRows(); }
    void filtersByHttpStatusAndId()
    {
        if (!openFresh())
            return;
        const qint64 a = m_store->createDelivery(m_webhook, QStringLiteral("ping"), "{}").value();
        const qint64 b = m_store->createDelivery(m_webhook, QStringLiteral("ping"), "{}").value();
        const qint64 c = m_store->createDelivery(m_webhook, QStringLiteral("ping"), "{}").value();
        answer(503, "");
        answer(500, "");
        answer(200, "");
        DeliveryFilter f;
        f.httpStatus = std::make_pair(500, 599);
        QCOMPARE(ids(m_store->deliveries(f).value()), (QList<qint64> { b, a }));
        f.httpStatus = std::make_pair(500, 500);
        QCOMPARE(ids(m_store->deliveries(f).value()), QList<qint64> { b });
        f = DeliveryFilter();
        f.deliveryId = c;
        QCOMPARE(ids(m_store->deliveries(f).value()), QList<qint64> { c });
        QCOMPARE(count(f), 1);
    }

    // The search reads at most textScanLimit of the newest deliveries the rest of the filter
    // takes: its cost is bounded at any size of store.
    void searchIsBoundedToTheNewest_data() { TestDatabases::addBackendRows(); }
    void searchIsBoundedToTheNewest()
    {
        if (!openFresh())
            return;
        const qint64 old = m_store->createDelivery(m_webhook, QStringLiteral("needle"), "{}").value();
        m_store->createDeliveries(m_webhook, QStringLiteral("hay"), "{}", 5);
        const qint64 recent = m_store->createDelivery(m_webhook, QStringLiteral("needle"), "{}").value();
        DeliveryFilter f;
        f.text = QStringLiteral("needle");
        QCOMPARE(ids(m_store->deliveries(f).value()), (QList<qint64> { recent, old }));
        f.textScanLimit = 6;
        QCOMPARE(ids(m_store->deliveries(f).value()), QList<qint64> { recent });
        QCOMPARE(count(f), 1);
        f.eventType = QStringLiteral("needle"); // the bound counts what the rest of the filter takes
        QCOMPARE(ids(m_store->deliveries(f).value()), (QList<qint64> { recent, old }));
    }

    // Pages from a key in both directions and from either end give the rows OFFSET gives.
    void pagesByKeyInBothDirections_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<bool>("failedOnly");
        for (const char *backend : { "sqlite", "postgresql" }) {
            for (bool descending : { true, false }) {
                for (bool failedOnly : { false, true }) {
                    QTest::addRow("%s %s%s", backend, descending ? "newest first" : "oldest first",
                        failedOnly ? ", failed" : "")
                        << QString::fromLatin1(backend) << descending << failedOnly;
                }
            }
        }
    }
    void pagesByKeyInBothDirections()
    {
        QFETCH(bool, descending);
        QFETCH(bool, failedOnly);
        if (!openFresh())
            return;
        m_store->createDeliveries(m_webhook, QStringLiteral("ping"), "{}", 47);
        for (int i = 0; i < 47; ++i)
            answer(i % 3 == 0 ? 500 : 200, "", false);
        DeliveryFilter all;
        all.descending = descending;
        if (failedOnly)
            all.display = Delivery::Display::Failed;
        all.limit = 1000;
        const QList<qint64> expected = ids(m_store->deliveries(all).value());
        QCOMPARE(expected.size(), failedOnly ? 16 : 47);
        const int pageSize = 5;

        // Down from the first page: each page after the last key of the one before.
        QList<qint64> down;
        DeliveryFilter f = all;
        f.limit = pageSize;
        for (;;) {
            const QList<qint64> page = ids(m_store->deliveries(f).value());
            down << page;
            if (page.size() < pageSize)
                break;
            (descending ? f.beforeId : f.afterId) = page.last();
        }
        QCOMPARE(down, expected);

        // Up from the end: the last page counted from the end, then each page before the first
        // key of the one after, each returned in the list's order.
        QList<qint64> up;
        f = all;
        f.limit = pageSize;
        f.fromEnd = true;
        for (;;) {
            const QList<qint64> page = ids(m_store->deliveries(f).value());
            up = page + up;
            if (page.size() < pageSize)
                break;
            (descending ? f.afterId : f.beforeId) = page.first();
        }
        QCOMPARE(up, expected);

        // Offsets from the end: the same rows as offsets from the start.
        f = all;
        f.limit = pageSize;
        f.fromEnd = true;
        f.offset = 7;
        const auto fromEnd = ids(m_store->deliveries(f).value());
        QCOMPARE(fromEnd, expected.mid(expected.size() - 7 - pageSize, pageSize));

        // Boundaries every 5 rows from the first, in two slices; a page from a boundary.
        f = all;
        QList<qint64> boundaries = m_store->historyBoundaries(f, expected.first(), 5, 2).value();
        QCOMPARE(boundaries.size(), 2);
        boundaries << m_store->historyBoundaries(f, boundaries.last(), 5, 100).value();
        QList<qint64> everyFifth;
        for (qsizetype row = 5; row < expected.size(); row += 5)
            everyFifth << expected.at(row);
        QCOMPARE(boundaries, everyFifth);
        f.limit = pageSize;
        (descending ? f.beforeId : f.afterId) = boundaries.at(1) + (descending ? 1 : -1);
        f.offset = 2;
        QCOMPARE(ids(m_store->deliveries(f).value()), expected.mid(12, pageSize));
    }

    // Sorted by status or by event type, pages from a row's key in both directions give the
    // rows OFFSET gives, each read from the (key, id) index, never from a scan of the table.
    void pagesGroupedSortsByKey_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("byStatus");
        QTest::addColumn<bool>("descending");
        for (const char *backend : { "sqlite", "postgresql" }) {
            for (bool byStatus : { true, false }) {
                for (bool descending : { true, false }) {
                    QTest::addRow("%s %s %s", backend, byStatus ? "status" : "event type",
                        descending ? "descending" : "ascending")
                        << QString::fromLatin1(backend) << byStatus << descending;
                }
            }
        }
    }
    void pagesGroupedSortsByKey()
    {
        QFETCH(QString, backend);
        QFETCH(bool, byStatus);
        QFETCH(bool, descending);
        if (!openFresh())
            return;
        // Four event types in runs and interleaved; delivered, failed, retrying and waiting.
        const QStringList types = { QStringLiteral("push"), QStringLiteral("merge"), QStringLiteral("tag"),
            QStringLiteral("ping") };
        for (int i = 0; i < 23; ++i)
            m_store->createDeliveries(m_webhook, types.at((i * 7 / 3) % 4), "{}", 1 + i % 3);
        for (int i = 0; i < 30; ++i)
            answer(i % 4 == 0 ? 500 : 200, "", i % 8 != 0);
        DeliveryFilter all;
        all.sortKey = byStatus ? DeliveryFilter::SortKey::Status : DeliveryFilter::SortKey::EventType;
        all.descending = descending;
        all.withPayload = false;
        all.limit = 1000;
        const QList<Delivery> rows = m_store->deliveries(all).value();
        const QList<qint64> expected = ids(rows);
        QCOMPARE(expected.size(), 45);
        const auto keyOf = [&](qint64 id) {
            const Delivery &d
                = *std::find_if(rows.begin(), rows.end(), [id](const Delivery &r) { return r.id == id; });
            return DeliveryFilter::RowKey { byStatus ? QVariant(int(d.status)) : QVariant(d.eventType),
                d.id };
        };
        const int pageSize = 4;

        QList<qint64> down;
        DeliveryFilter f = all;
        f.limit = pageSize;
        for (;;) {
            const auto page = m_store->deliveries(f);
            QVERIFY2(page.ok(), qPrintable(page.error()));
            down << ids(page.value());
            QVERIFY2(down.size() <= expected.size(), qPrintable(QDebug::toString(down)));
            if (page.value().size() < pageSize)
                break;
            f.afterRow = keyOf(down.last());
        }
        QCOMPARE(down, expected);

        QList<qint64> up;
        f = all;
        f.limit = pageSize;
        f.fromEnd = true;
        for (;;) {
            const QList<qint64> page = ids(m_store->deliveries(f).value());
            up = page + up;
            QVERIFY2(up.size() <= expected.size(), qPrintable(QDebug::toString(up)));
            if (page.size() < pageSize)
                break;
            f.afterRow = keyOf(page.first());
        }
        QCOMPARE(up, expected);

        // From the middle of a group, as the window asks: the page below the row at 17.
        f = all;
        f.limit = pageSize;
        f.afterRow = keyOf(expected.at(17));
        QCOMPARE(ids(m_store->deliveries(f).value()), expected.mid(18, pageSize));

        const bool sqlite = backend == QLatin1String("sqlite");
        QSqlQuery q(m_store->database());
        if (!sqlite)
            QVERIFY(q.exec(QStringLiteral("SET enable_seqscan = off")));
        const DeliveryFilterSql sql(f, m_store->config().backend);
        SqlStatement explain(m_store->database(), SqlStatement::Mode::Inline);
        explain.prepare((sqlite ? QStringLiteral("EXPLAIN QUERY PLAN ") : QStringLiteral("EXPLAIN "))
            + sql.pageAfterRow(QLatin1String(StoreRows::DeliveryColumns)));
        sql.bind(explain);
        explain.bindValue(QStringLiteral(":limit"), pageSize);
        QVERIFY2(explain.exec(), qPrintable(explain.lastError().text()));
        QStringList plan;
        while (explain.next())
            plan << explain.value(sqlite ? 3 : 0).toString();
        const QString index
            = byStatus ? QStringLiteral("deliveries_status_id") : QStringLiteral("deliveries_event_type_id");
        const QString joined = plan.join(QLatin1String("; "));
        QVERIFY2(joined.contains(index), qPrintable(joined));
        QVERIFY2(
            !joined.contains(QLatin1String("SCAN deliveries")) && !joined.contains(QLatin1String("Seq Scan")),
            qPrintable(joined));

        // Up to the count's newest id, as the window asks: one upper bound on id in each part.
        // With the key's and the count's both in the key's group, SQLite seeks from the higher
        // and steps down to the key (0.5 s in the middle of ten million rows).
        DeliveryFilter bounded = f;
        bounded.beforeId = expected.size() + 1000;
        const QString text
            = DeliveryFilterSql(bounded, m_store->config().backend).pageAfterRow(QStringLiteral("id"));
        QCOMPARE(text.count(QLatin1String("id < ")), 2);
        QCOMPARE(ids(m_store->deliveries(bounded).value()), expected.mid(18, pageSize));
    }

    // The groups of a list sorted by status or event type, in its order, with their counts
    // and id ranges: what a jump into the middle of such a list estimates its key from.
    void findsTheGroupsOfASort_data() { TestDatabases::addBackendRows(); }
    void findsTheGroupsOfASort()
    {
        if (!openFresh())
            return;
        const auto pushes = m_store->createDeliveries(m_webhook, QStringLiteral("push"), "{}", 4).value();
        const auto merges = m_store->createDeliveries(m_webhook, QStringLiteral("merge"), "{}", 3).value();
        m_store->createDeliveries(m_webhook, QStringLiteral("push"), "{}", 2);
        for (int i = 0; i < 3; ++i)
            answer(200, "", false); // the three oldest pushes delivered
        DeliveryFilter f;
        f.sortKey = DeliveryFilter::SortKey::EventType;
        f.descending = true;
        f.beforeId = merges.second + 2; // up to the first push after the merges
        auto groups = m_store->historyGroups(f);
        QVERIFY2(groups.ok(), qPrintable(groups.error()));
        QCOMPARE(groups->size(), 2);
        QCOMPARE(groups->at(0).value.toString(), QStringLiteral("push"));
        QCOMPARE(groups->at(0).count, 5);
        QCOMPARE(groups->at(0).minId, pushes.first);
        QCOMPARE(groups->at(0).maxId, merges.second + 1);
        QCOMPARE(groups->at(1).value.toString(), QStringLiteral("merge"));
        QCOMPARE(groups->at(1).count, 3);
        QCOMPARE(groups->at(1).minId, merges.first);

        f.sortKey = DeliveryFilter::SortKey::Status;
        f.descending = false;
        f.beforeId.reset();
        groups = m_store->historyGroups(f);
        QVERIFY2(groups.ok(), qPrintable(groups.error()));
        QCOMPARE(groups->size(), 2);
        QCOMPARE(groups->at(0).value.toInt(), int(JobStatus::Waiting));
        QCOMPARE(groups->at(0).count, 6);
        QCOMPARE(groups->at(1).value.toInt(), int(JobStatus::Completed));
        QCOMPARE(groups->at(1).count, 3);
        QCOMPARE(groups->at(1).minId, pushes.first);
        QCOMPARE(groups->at(1).maxId, pushes.first + 2);

        f.sortKey = DeliveryFilter::SortKey::Id;
        QVERIFY(!m_store->historyGroups(f).ok());
    }

    // The summary adds up the newest `limit` deliveries the filter takes and their attempts.
    void summarisesTheFilteredHistory_data() { TestDatabases::addBackendRows(); }
    void summarisesTheFilteredHistory()
    {
        if (!openFresh())
            return;
        m_store->createDeliveries(m_webhook, QStringLiteral("ping"), "{}", 4);
        m_store->createDelivery(m_webhook, QStringLiteral("other"), "{}");
        answer(200, "");
        answer(503, "");
        answer(500, "", false);
        m_clock->advance(HistorySummary::Hour);
        answer(204, ""); // the fourth ping; the fifth delivery is never tried
        DeliveryFilter f;
        f.eventType = QStringLiteral("ping");
        HistorySummary s = m_store->historySummary(f, 1000).value();
        QCOMPARE(s.deliveries, 4);
        QCOMPARE(s.delivered, 2);
        QCOMPARE(s.retrying, 1);
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.neverTried, 0);
        QVERIFY(!s.capped);
        QCOMPARE(s.attempts, 4);
        QCOMPARE(s.attemptsPerHour.size(), 2);
        QCOMPARE(s.attemptsPerHour.at(0).succeeded, 1);
        QCOMPARE(s.attemptsPerHour.at(0).failed, 2);
        QCOMPARE(s.attemptsPerHour.at(1).succeeded, 1);
        s = m_store->historySummary(DeliveryFilter(), 2).value(); // the newest two: "other" and the 4th ping
        QVERIFY(s.capped);
        QCOMPARE(s.deliveries, 2);
        QCOMPARE(s.neverTried, 1);
        QCOMPARE(s.delivered, 1);
        QCOMPARE(s.attempts, 1);
    }

    // The failed deliveries are paged and counted from deliveries_failed_id (schema 4), with
    // statistics or without; the statements as the store makes them.
    void failedFilterUsesItsIndex_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("analyzed");
        for (const char *backend : { "sqlite", "postgresql" }) {
            QTest::addRow("%s", backend) << QString::fromLatin1(backend) << false;
            QTest::addRow("%s, ANALYZE", backend) << QString::fromLatin1(backend) << true;
        }
    }
    void failedFilterUsesItsIndex()
    {
        QFETCH(QString, backend);
        QFETCH(bool, analyzed);
        if (!openFresh())
            return;
        const bool sqlite = backend == QLatin1String("sqlite");
        m_store->createDeliveries(m_webhook, QStringLiteral("x"), "{}", 5000);
        QSqlQuery q(m_store->database());
        // Most delivered long ago, one in fifty failed, a few pending.
        QVERIFY(q.exec(QStringLiteral("UPDATE deliveries SET status = 2, successful = CASE WHEN id % 50 = 0 "
                                      "THEN 0 ELSE 1 END, date_finished = id WHERE id <= 4990")));
        if (analyzed)
            QVERIFY(q.exec(QStringLiteral("ANALYZE")));
        if (!sqlite)
            QVERIFY(
                q.exec(QStringLiteral("SET enable_seqscan = off"))); // a small table is read whole otherwise
        DeliveryFilter f;
        f.display = Delivery::Display::Failed;
        f.beforeId = 3000;
        const DatabaseConfig::Backend b = m_store->config().backend;
        const DeliveryFilterSql page(f, b);
        const DeliveryFilterSql counted(DeliveryFilter { f }, b);
        const QStringList statements = {
            QStringLiteral("SELECT id") + page.from() + page.where() + page.orderBy()
                + QStringLiteral(" LIMIT 100"),
            QStringLiteral("SELECT COUNT(*)") + counted.from() + counted.where(),
            // The status bar's "any failed?" probe (JobStore::counts), on every refresh.
            QStringLiteral("SELECT 1") + counted.from() + counted.where() + QStringLiteral(" LIMIT 1"),
        };
        for (const QString &statement : statements) {
            SqlStatement explain(m_store->database(), SqlStatement::Mode::Inline);
            explain.prepare(
                (sqlite ? QStringLiteral("EXPLAIN QUERY PLAN ") : QStringLiteral("EXPLAIN ")) + statement);
            (statement.startsWith(QLatin1String("SELECT id")) ? page : counted).bind(explain);
            QVERIFY2(explain.exec(), qPrintable(statement + explain.lastError().text()));
            QStringList plan;
            while (explain.next())
                plan << explain.value(sqlite ? 3 : 0).toString();
            QVERIFY2(plan.join(QLatin1Char(' ')).contains(QLatin1String("deliveries_failed_id")),
                qPrintable(statement + QStringLiteral(": ") + plan.join(QLatin1String("; "))));
        }
        QCOMPARE(count(f), 59);
    }

    // PostgreSQL's estimate of a count, shown (marked) while the exact count runs: near the
    // truth once the table is analysed, for the whole table and for a filter. SQLite has none.
    void estimatesCountsOnPostgres_data() { TestDatabases::addBackendRows(); }
    void estimatesCountsOnPostgres()
    {
        QFETCH(QString, backend);
        if (!openFresh())
            return;
        m_store->createDeliveries(m_webhook, QStringLiteral("x"), "{}", 4000);
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("UPDATE deliveries SET status = 2, successful = CASE WHEN id % 4 = 0 "
                                      "THEN 0 ELSE 1 END, date_finished = id")));
        QVERIFY(q.exec(QStringLiteral("ANALYZE")));
        DeliveryFilter failed;
        failed.display = Delivery::Display::Failed;
        const qint64 all = m_store->estimateDeliveries(DeliveryFilter()).value();
        const qint64 someFailed = m_store->estimateDeliveries(failed).value();
        if (backend == QLatin1String("sqlite")) {
            QCOMPARE(all, -1);
            QCOMPARE(someFailed, -1);
            return;
        }
        QVERIFY2(all >= 3600 && all <= 4400, qPrintable(QString::number(all)));
        QVERIFY2(someFailed >= 700 && someFailed <= 1300, qPrintable(QString::number(someFailed)));
        QCOMPARE(count(failed), 1000);
    }
};

QTEST_GUILESS_MAIN(TestHistoryQueries)
#include "tst_historyqueries.moc"
