#include "largestore.h"

#include "benchsupport.h"
#include "jobstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace {

constexpr qint64 ChunkDeliveries = 1'000'000; // one transaction: these and their attempts
constexpr qint64 YearMs = 365LL * 24 * 3600 * 1000;

// A connection of the bench's own, apart from JobStore's, removed when it goes.
class Connection
{
public:
    explicit Connection(const DatabaseConfig &config)
        : m_name(QStringLiteral("bench-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        const bool pg = config.backend == DatabaseConfig::Backend::Postgres;
        QSqlDatabase db
            = QSqlDatabase::addDatabase(pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_name);
        if (pg) {
            db.setHostName(config.host);
            db.setPort(config.port);
            db.setUserName(config.user);
            db.setPassword(config.password);
            db.setDatabaseName(config.databaseName);
        } else {
            db.setDatabaseName(config.sqlitePath);
        }
        if (!db.open())
            m_error = db.lastError().text();
        else if (pg)
            exec(QStringLiteral("SET client_min_messages TO WARNING")); // no NOTICE for DROP … IF EXISTS
    }
    ~Connection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QString error() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    Status exec(const QString &statement) const
    {
        QSqlQuery q(db());
        if (q.exec(statement))
            return {};
        return Status::failure(statement.left(60) + QStringLiteral("…: ") + q.lastError().text());
    }
    Result<qint64> number(const QString &statement) const
    {
        QSqlQuery q(db());
        if (!q.exec(statement) || !q.next())
            return Result<qint64>::failure(statement.left(60) + QStringLiteral("…: ") + q.lastError().text());
        return q.value(0).toLongLong();
    }

private:
    QString m_name;
    QString m_error;
};

} // namespace

LargeStore::LargeStore(QString backend, qint64 count, QString folder)
    : m_backend(std::move(backend))
    , m_count(count)
    , m_folder(std::move(folder))
{
    if (postgres()) {
        m_pgDatabase = QStringLiteral("hookwatch_large_%1").arg(count);
        if (const auto base = DatabaseConfig::parse(qEnvironmentVariable("HOOKWATCH_TEST_PG_URL"))) {
            DatabaseConfig c = base.value();
            c.databaseName = m_pgDatabase;
            m_url = c.url();
        }
    } else {
        m_url = QStringLiteral("sqlite:") + m_folder + QStringLiteral("/hookwatch-large-%1.db").arg(count);
    }
}

QString LargeStore::describe() const
{
    return postgres()
        ? QStringLiteral("database %1 on %2").arg(m_pgDatabase, server() ? server()->displayUrl() : QString())
        : m_url.mid(7);
}

Result<DatabaseConfig> LargeStore::server() const
{
    const auto base = DatabaseConfig::parse(qEnvironmentVariable("HOOKWATCH_TEST_PG_URL"));
    if (!base || base->backend != DatabaseConfig::Backend::Postgres)
        return Result<DatabaseConfig>::failure(QStringLiteral(
            "set HOOKWATCH_TEST_PG_URL to a PostgreSQL server (bash .ci/with-postgres hookwatch-bench …)"));
    return base.value();
}

Status LargeStore::remove() const
{
    if (!postgres()) {
        const QString path = m_url.mid(7);
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(path + suffix);
        return {};
    }
    const auto base = server();
    if (!base)
        return Status::failure(base.error());
    Connection admin(base.value());
    return admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgDatabase));
}

Status LargeStore::create()
{
    if (postgres()) {
        const auto base = server();
        if (!base)
            return Status::failure(base.error());
        Connection admin(base.value());
        if (!admin.error().isEmpty())
            return Status::failure(admin.error());
        const auto exists = admin.number(
            QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(m_pgDatabase));
        if (!exists)
            return Status::failure(exists.error());
        if (exists.value() == 0) {
            if (Status s = admin.exec(QStringLiteral("CREATE DATABASE ") + m_pgDatabase); !s)
                return s;
        }
    }
    // The schema, exactly as the app makes it, and one webhook.
    JobStore store(DatabaseConfig::parse(m_url).value());
    if (Status s = store.open(); !s)
        return s;
    const auto hooks = store.webhooks();
    if (!hooks)
        return Status::failure(hooks.error());
    if (hooks->isEmpty()) {
        Webhook w;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        if (const auto added = store.addWebhook(w); !added)
            return Status::failure(added.error());
    }
    return {};
}

Status LargeStore::ensure(bool reuse)
{
    if (!postgres() && !QFileInfo(m_folder).isDir())
        return Status::failure(QStringLiteral("no folder %1 (--store-dir)").arg(m_folder));
    if (postgres() && !server())
        return Status::failure(server().error());
    if (!reuse) {
        if (Status s = remove(); !s)
            return s;
    }
    if (Status s = create(); !s)
        return s;
    return fill();
}

Status LargeStore::fill()
{
    const auto config = DatabaseConfig::parse(m_url).value();
    Connection c(config);
    if (!c.error().isEmpty())
        return Status::failure(c.error());
    const bool pg = postgres();
    if (pg) {
        c.exec(QStringLiteral("SET synchronous_commit = off"));
        c.exec(QStringLiteral("SET maintenance_work_mem = '1GB'"));
    } else {
        // Nothing here needs to survive a power cut: an interrupted build starts its chunk again.
        c.exec(QStringLiteral("PRAGMA synchronous = OFF"));
        c.exec(QStringLiteral("PRAGMA cache_size = -524288"));
    }
    const auto webhook = c.number(QStringLiteral("SELECT min(id) FROM webhooks"));
    const auto done = c.number(QStringLiteral("SELECT coalesce(max(id), 0) FROM deliveries"));
    const auto attempts = c.number(QStringLiteral("SELECT coalesce(max(id), 0) FROM attempts"));
    if (!webhook || !done || !attempts)
        return Status::failure(!webhook ? webhook.error() : !done ? done.error() : attempts.error());
    if (done.value() > m_count)
        return Status::failure(
            QStringLiteral("%1 holds %2 deliveries, more than %3: made for another --count?")
                .arg(describe())
                .arg(done.value())
                .arg(m_count));
    if (attempts.value() != 3 * done.value())
        return Status::failure(
            QStringLiteral("%1 holds %2 deliveries but %3 attempts: not a store this bench "
                           "made; remove it (run without --reuse)")
                .arg(describe())
                .arg(done.value())
                .arg(attempts.value()));
    // The year the deliveries are spread over: from the first one's date when resuming.
    TimeMs start = (QDateTime::currentMSecsSinceEpoch() - YearMs) / 1000 * 1000;
    if (done.value() > 0)
        start = c.number(QStringLiteral("SELECT date_created FROM deliveries WHERE id = 1")).value();
    const qint64 step = qMax<qint64>(1, YearMs / m_count);

    const QString deliveries = pg
        ? QStringLiteral(
            "INSERT INTO deliveries (id, webhook_id, event_type, payload, status, attempt_count, "
            "total_attempts, "
            "date_created, date_first_sent, date_sent, date_finished, successful, failure_detail, "
            "last_status_code) SELECT i, CAST(:webhook AS BIGINT), 'bug:0.1', convert_to('{\"bug\": ' || i "
            "|| '}', 'UTF8'), "
            "CASE WHEN i % 5 = 0 THEN 3 ELSE 2 END, 3, 3, t, t, t + 600000, t + 600000, "
            "CASE WHEN i % 5 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 5 = 0 THEN 'Bad HTTP response: 500' END, "
            "CASE WHEN i % 5 = 0 THEN 500 ELSE 200 END "
            "FROM (SELECT i, CAST(:start AS BIGINT) + (i - 1) * CAST(:step AS BIGINT) AS t "
            "FROM generate_series(CAST(:first AS BIGINT), CAST(:last AS BIGINT)) AS i) AS n")
        : QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT :first UNION ALL SELECT i + 1 FROM n WHERE i < :last) "
            "INSERT INTO deliveries (id, webhook_id, event_type, payload, status, attempt_count, "
            "total_attempts, "
            "date_created, date_first_sent, date_sent, date_finished, successful, failure_detail, "
            "last_status_code) SELECT i, :webhook, 'bug:0.1', '{\"bug\": ' || i || '}', "
            "CASE WHEN i % 5 = 0 THEN 3 ELSE 2 END, 3, 3, t, t, t + 600000, t + 600000, "
            "CASE WHEN i % 5 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 5 = 0 THEN 'Bad HTTP response: 500' END, "
            "CASE WHEN i % 5 = 0 THEN 500 ELSE 200 END "
            "FROM (SELECT i, :start + (i - 1) * :step AS t FROM n) AS g");
    const QString body = pg
        ? QStringLiteral("convert_to(CASE WHEN k.n = 3 AND d.status = 2 THEN 'ok' ELSE 'oops' END, 'UTF8')")
        : QStringLiteral("CASE WHEN k.n = 3 AND d.status = 2 THEN 'ok' ELSE 'oops' END");
    const QString attemptRows = QStringLiteral(
        "INSERT INTO attempts (id, delivery_id, number, date_started, date_sent, duration_ms, request_url, "
        "request_method, request_headers, response_status, response_headers, response_body) "
        "SELECT 3 * (d.id - 1) + k.n, d.id, k.n, d.date_created + (k.n - 1) * 300000, "
        "d.date_created + (k.n - 1) * 300000 + 3, 3, 'http://127.0.0.1:9/hook', 'POST', "
        "'[[\"Content-Type\",\"application/json\"]]', CASE WHEN k.n = 3 AND d.status = 2 THEN 200 ELSE 500 "
        "END, "
        "'[]', %1 FROM deliveries AS d CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS k "
        "WHERE d.id BETWEEN CAST(:first AS BIGINT) AND CAST(:last AS BIGINT) ORDER BY d.id, k.n")
                                    .arg(body);

    QElapsedTimer total;
    total.start();
    const bool filling = done.value() < m_count;
    if (filling && done.value() > 0)
        say(QStringLiteral("  %1: resuming after delivery %2").arg(describe()).arg(done.value()));
    for (qint64 first = done.value() + 1; first <= m_count; first += ChunkDeliveries) {
        const qint64 last = qMin(m_count, first + ChunkDeliveries - 1);
        QElapsedTimer t;
        t.start();
        if (Status s = c.exec(QStringLiteral("BEGIN")); !s)
            return s;
        QSqlQuery d(c.db());
        d.prepare(deliveries);
        d.bindValue(QStringLiteral(":webhook"), webhook.value());
        d.bindValue(QStringLiteral(":start"), start);
        d.bindValue(QStringLiteral(":step"), step);
        d.bindValue(QStringLiteral(":first"), first);
        d.bindValue(QStringLiteral(":last"), last);
        QSqlQuery a(c.db());
        a.prepare(attemptRows);
        a.bindValue(QStringLiteral(":first"), first);
        a.bindValue(QStringLiteral(":last"), last);
        if (!d.exec() || !a.exec()) {
            const QString error = (d.lastError().isValid() ? d.lastError() : a.lastError()).text();
            c.exec(QStringLiteral("ROLLBACK"));
            return Status::failure(QStringLiteral("filling %1: %2").arg(describe(), error));
        }
        if (Status s = c.exec(QStringLiteral("COMMIT")); !s)
            return s;
        if (!pg)
            c.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        say(QStringLiteral("  %1: deliveries %2–%3 and their attempts in %4 s")
                .arg(describe())
                .arg(first)
                .arg(last)
                .arg(t.elapsed() / 1000.0, 0, 'f', 1));
    }

    // ANALYZEd once, after the last rows: a store that is there and ANALYZEd is complete.
    const auto analyzed = pg
        ? c.number(QStringLiteral("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('deliveries', "
                                  "'attempts') AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"))
        : c.number(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"));
    const bool needsAnalyze = filling || !analyzed || analyzed.value() < (pg ? 2 : 1);
    if (needsAnalyze) {
        QElapsedTimer t;
        t.start();
        if (pg) {
            // The app inserts through the sequences from here on.
            for (const char *table : { "deliveries", "attempts" }) {
                if (Status s = c.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                                     "(SELECT max(id) FROM %1))")
                                          .arg(QLatin1String(table)));
                    !s)
                    return s;
            }
            if (Status s = c.exec(QStringLiteral("VACUUM (ANALYZE) webhooks, deliveries, attempts")); !s)
                return s;
            c.exec(QStringLiteral("CHECKPOINT"));
        } else {
            if (Status s = c.exec(QStringLiteral("ANALYZE")); !s)
                return s;
            c.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        say(QStringLiteral("  %1: %2 in %3 s")
                .arg(describe(), pg ? QStringLiteral("VACUUM ANALYZE") : QStringLiteral("ANALYZE"))
                .arg(t.elapsed() / 1000.0, 0, 'f', 1));
    }
    if (filling || needsAnalyze)
        say(QStringLiteral("  %1: made in %2 s").arg(describe()).arg(total.elapsed() / 1000.0, 0, 'f', 1));
    else
        say(QStringLiteral("  %1: reused as it was").arg(describe()));
    return {};
}

qint64 LargeStore::sizeBytes() const
{
    if (!postgres())
        return QFileInfo(m_url.mid(7)).size() + QFileInfo(m_url.mid(7) + QStringLiteral("-wal")).size();
    const auto base = server();
    if (!base)
        return -1;
    Connection admin(base.value());
    const auto size = admin.number(QStringLiteral("SELECT pg_database_size('%1')").arg(m_pgDatabase));
    return size ? size.value() : -1;
}

Result<QString> LargeStore::copy(const QString &suffix) const
{
    if (!postgres()) {
        const QString path = m_url.mid(7);
        const QString target = path + QLatin1Char('.') + suffix;
        {
            // Everything in the main file first: the copy takes that file alone.
            Connection c(DatabaseConfig::parse(m_url).value());
            if (Status s = c.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !s)
                return Result<QString>::failure(s.error());
        }
        for (const QString &extra : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(target + extra);
        if (!QFile::copy(path, target))
            return Result<QString>::failure(QStringLiteral("cannot copy %1 to %2").arg(path, target));
        return QString(QStringLiteral("sqlite:") + target);
    }
    const auto base = server();
    if (!base)
        return Result<QString>::failure(base.error());
    const QString name = m_pgDatabase + QLatin1Char('_') + suffix;
    Connection admin(base.value());
    admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    // A file copy: the default (WAL_LOG) writes every page of a 10 GB database through the WAL.
    if (Status s = admin.exec(
            QStringLiteral("CREATE DATABASE %1 TEMPLATE %2 STRATEGY FILE_COPY").arg(name, m_pgDatabase));
        !s)
        return Result<QString>::failure(s.error());
    DatabaseConfig c = base.value();
    c.databaseName = name;
    return c.url();
}

void LargeStore::removeCopy(const QString &url) const
{
    const auto config = DatabaseConfig::parse(url);
    if (!config)
        return;
    if (config->backend == DatabaseConfig::Backend::Sqlite) {
        for (const QString &extra : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(config->sqlitePath + extra);
        return;
    }
    const auto base = server();
    if (!base)
        return;
    Connection admin(base.value());
    admin.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(config->databaseName));
}
