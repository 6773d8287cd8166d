#include "jobstore.h"

#include "deliverystate.h"
#include "outcome.h"
#include "serverclock.h"
#include "sqlstatement.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcStore, "hookwatch.storage", QtInfoMsg)

namespace {

// Connection names must be unique in the process. The executable and each module it loads
// carry their own copy of this file (a module is bound to itself), so a counter alone could
// repeat: the store's address, unique among live stores, goes into the name too.
QAtomicInteger<quint64> connectionCounter;

QString uniqueConnectionName(const void *store)
{
    return QStringLiteral("hookwatch-%1-%2")
        .arg(quintptr(store), 0, 16)
        .arg(connectionCounter.fetchAndAddRelaxed(1));
}

const char *const NotifyChannel = "hookwatch_changes";

// How often a PostgreSQL store reads the server's clock again. Between readings the
// monotonic clock counts on, which drifts by far less than a millisecond in this time.
constexpr qint64 ServerClockRefreshMs = 5 * 60 * 1000;
// PostgreSQL: no statement runs longer than this, so a lock held by a stuck client cannot
// hold a dispatcher past its leases. TCP keepalives end a connection to a server that went
// away silently within about 25 s instead of the system's two hours.
constexpr int StatementTimeoutMs = 30 * 1000;
const char *const PostgresConnectOptions
    = "connect_timeout=5;keepalives=1;keepalives_idle=10;keepalives_interval=5;"
      "keepalives_count=3;tcp_user_timeout=25000";

// Every migration step, in order; step N moves the schema from version N-1 to N.
// {ID}, {BLOB} are filled per backend. Never edit a step once it has shipped: add one.
struct MigrationStep
{
    QList<const char *> statements;
};

const QList<MigrationStep> &migrationSteps()
{
    static const QList<MigrationStep> steps = {
        { {
            R"(CREATE TABLE webhooks (
                    id {ID},
                    delivery_url TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1,
                    secret TEXT,
                    event_types TEXT NOT NULL DEFAULT '[]',
                    headers TEXT NOT NULL DEFAULT '[]',
                    timeout_ms BIGINT NOT NULL,
                    retry_preset TEXT NOT NULL,
                    retry_window_ms BIGINT NOT NULL,
                    retry_early_delay_ms BIGINT NOT NULL,
                    retry_early_period_ms BIGINT NOT NULL,
                    retry_late_delay_ms BIGINT NOT NULL,
                    trust_self_signed INTEGER NOT NULL DEFAULT 0,
                    date_created BIGINT NOT NULL,
                    date_last_modified BIGINT NOT NULL))",
            R"(CREATE TABLE deliveries (
                    id {ID},
                    webhook_id BIGINT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                    event_type TEXT NOT NULL,
                    payload {BLOB} NOT NULL,
                    status INTEGER NOT NULL,
                    attempt_count INTEGER NOT NULL DEFAULT 0,
                    total_attempts INTEGER NOT NULL DEFAULT 0,
                    date_created BIGINT NOT NULL,
                    date_first_sent BIGINT,
                    date_sent BIGINT,
                    date_finished BIGINT,
                    scheduled_start BIGINT,
                    lease_expires BIGINT,
                    lease_owner TEXT,
                    successful INTEGER,
                    failure_detail TEXT,
                    last_status_code INTEGER))",
            "CREATE INDEX deliveries_due ON deliveries (status, scheduled_start)",
            "CREATE INDEX deliveries_status_id ON deliveries (status, id)",
            "CREATE INDEX deliveries_webhook_id ON deliveries (webhook_id, id)",
            "CREATE INDEX deliveries_event_type_id ON deliveries (event_type, id)",
            "CREATE INDEX deliveries_finished ON deliveries (date_finished) WHERE date_finished IS NOT NULL",
            R"(CREATE TABLE attempts (
                    id {ID},
                    delivery_id BIGINT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    date_started BIGINT NOT NULL,
                    date_sent BIGINT NOT NULL,
                    duration_ms BIGINT NOT NULL,
                    request_url TEXT NOT NULL,
                    request_method TEXT NOT NULL,
                    request_headers TEXT NOT NULL,
                    response_status INTEGER,
                    response_headers TEXT,
                    response_body {BLOB},
                    response_body_truncated INTEGER NOT NULL DEFAULT 0,
                    connection_error TEXT,
                    deactivated INTEGER NOT NULL DEFAULT 0))",
            "CREATE INDEX attempts_delivery ON attempts (delivery_id, number)",
        } },
        // The claim takes the earliest due in (scheduled_start, id) order. Without id in the
        // index, PostgreSQL read and sorted every waiting delivery for each claim (22 ms with
        // 20,000 waiting); SQLite's indexes end in the row id already, the same index keeps
        // one schema for both.
        { {
            "DROP INDEX deliveries_due",
            "CREATE INDEX deliveries_due ON deliveries (status, scheduled_start, id)",
        } },
        // Each claim's token, so a late write of a claim whose lease expired cannot touch the
        // claim that took the delivery next; a webhook's own limit of requests in flight; and
        // the waiting deliveries by webhook, which the claim takes from in turn.
        { {
            "ALTER TABLE deliveries ADD COLUMN lease_token BIGINT",
            "ALTER TABLE webhooks ADD COLUMN max_in_flight INTEGER",
            "CREATE INDEX deliveries_waiting ON deliveries (webhook_id, scheduled_start, id) WHERE status = "
            "0",
        } },
    };
    return steps;
}

const char *const DeliveryColumns
    = "id, webhook_id, event_type, payload, status, attempt_count, total_attempts, date_created, "
      "date_first_sent, date_sent, date_finished, scheduled_start, lease_expires, lease_owner, successful, "
      "failure_detail, last_status_code, lease_token";

const char *const WebhookColumns
    = "id, delivery_url, active, secret, event_types, headers, timeout_ms, retry_preset, retry_window_ms, "
      "retry_early_delay_ms, retry_early_period_ms, retry_late_delay_ms, trust_self_signed, date_created, "
      "date_last_modified, max_in_flight";

QVariant nullableTime(const std::optional<TimeMs> &t)
{
    return t ? QVariant::fromValue<qint64>(*t) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant nullableInt(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

QVariant nullableText(const QString &s)
{
    return s.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

std::optional<TimeMs> optionalTime(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

void appendJsonString(QByteArray &out, const QByteArray &utf8)
{
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

// [["Name","value"],…]: order and repeated names kept. Written by hand because this runs
// twice per attempt on the dispatcher's hot path.
QString headersToJson(const HeaderList &headers)
{
    QByteArray out;
    out.reserve(64 * (headers.size() + 1));
    out += '[';
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i > 0)
            out += ',';
        out += '[';
        appendJsonString(out, QString::fromLatin1(headers.at(i).first).toUtf8());
        out += ',';
        appendJsonString(out, headers.at(i).second);
        out += ']';
    }
    out += ']';
    return QString::fromUtf8(out);
}

HeaderList headersFromJson(const QString &json)
{
    HeaderList headers;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto &item : array) {
        const QJsonArray pair = item.toArray();
        headers.append({ pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8() });
    }
    return headers;
}

Delivery readDelivery(const SqlStatement &q)
{
    Delivery d;
    d.id = q.value(0).toLongLong();
    d.webhookId = q.value(1).toLongLong();
    d.eventType = q.value(2).toString();
    d.payload = q.value(3).toByteArray();
    d.status = static_cast<JobStatus>(q.value(4).toInt());
    d.attemptCount = q.value(5).toInt();
    d.totalAttempts = q.value(6).toInt();
    d.dateCreated = q.value(7).toLongLong();
    d.dateFirstSent = optionalTime(q.value(8));
    d.dateSent = optionalTime(q.value(9));
    d.dateFinished = optionalTime(q.value(10));
    d.scheduledStart = optionalTime(q.value(11));
    d.leaseExpires = optionalTime(q.value(12));
    d.leaseOwner = q.value(13).toString();
    if (!q.value(14).isNull())
        d.successful = q.value(14).toInt() != 0;
    d.failureDetail = q.value(15).toString();
    if (!q.value(16).isNull())
        d.lastStatusCode = q.value(16).toInt();
    d.leaseToken = q.value(17).toLongLong();
    return d;
}

Webhook readWebhook(const SqlStatement &q)
{
    Webhook w;
    w.id = q.value(0).toLongLong();
    w.deliveryUrl = q.value(1).toString();
    w.active = q.value(2).toInt() != 0;
    if (!q.value(3).isNull())
        w.secret = q.value(3).toString();
    const QJsonArray types = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array();
    for (const auto &t : types)
        w.eventTypes.append(t.toString());
    w.headers = headersFromJson(q.value(5).toString());
    w.timeoutMs = q.value(6).toLongLong();
    const auto preset = RetryPolicy::fromPreset(q.value(7).toString());
    w.retryPolicy = preset ? preset.value() : RetryPolicy::seed();
    w.retryPolicy.windowMs = q.value(8).toLongLong();
    w.retryPolicy.earlyDelayMs = q.value(9).toLongLong();
    w.retryPolicy.earlyPeriodMs = q.value(10).toLongLong();
    w.retryPolicy.lateDelayMs = q.value(11).toLongLong();
    w.trustSelfSigned = q.value(12).toInt() != 0;
    w.dateCreated = q.value(13).toLongLong();
    w.dateLastModified = q.value(14).toLongLong();
    w.maxInFlight = q.value(15).toInt();
    return w;
}

void bindWebhook(SqlStatement &q, const Webhook &w)
{
    QJsonArray types;
    for (const auto &t : w.eventTypes)
        types.append(t);
    q.bindValue(QStringLiteral(":url"), w.deliveryUrl);
    q.bindValue(QStringLiteral(":active"), w.active ? 1 : 0);
    q.bindValue(QStringLiteral(":secret"),
        w.hasSecret() ? QVariant(*w.secret) : QVariant(QMetaType(QMetaType::QString)));
    q.bindValue(
        QStringLiteral(":types"), QString::fromUtf8(QJsonDocument(types).toJson(QJsonDocument::Compact)));
    q.bindValue(QStringLiteral(":headers"), headersToJson(w.headers));
    q.bindValue(QStringLiteral(":timeout"), w.timeoutMs);
    q.bindValue(QStringLiteral(":preset"), w.retryPolicy.preset);
    q.bindValue(QStringLiteral(":window"), w.retryPolicy.windowMs);
    q.bindValue(QStringLiteral(":early_delay"), w.retryPolicy.earlyDelayMs);
    q.bindValue(QStringLiteral(":early_period"), w.retryPolicy.earlyPeriodMs);
    q.bindValue(QStringLiteral(":late_delay"), w.retryPolicy.lateDelayMs);
    q.bindValue(QStringLiteral(":trust"), w.trustSelfSigned ? 1 : 0);
    q.bindValue(QStringLiteral(":max_in_flight"),
        nullableInt(w.maxInFlight > 0 ? std::optional<int>(w.maxInFlight) : std::nullopt));
}

QString notFound(const char *what, qint64 id)
{
    return QStringLiteral("no %1 with id %2").arg(QLatin1String(what)).arg(id);
}

} // namespace

JobStore::JobStore(DatabaseConfig config, const Clock *clock)
    : m_config(std::move(config))
    , m_clock(clock)
    , m_connectionName(uniqueConnectionName(this))
{
    if (m_config.backend == DatabaseConfig::Backend::Postgres && clock == Clock::system())
        m_serverClock = std::make_unique<ServerClock>();
}

const Clock *JobStore::clock() const
{
    return m_serverClock ? static_cast<const Clock *>(m_serverClock.get()) : m_clock;
}

TimeMs JobStore::now() const
{
    return clock()->now();
}

void JobStore::syncServerClock()
{
    if (!m_serverClock)
        return;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    const qint64 sentAt = ServerClock::monotonicMs();
    if (!q.exec(QStringLiteral("SELECT CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)"))
        || !q.next()) {
        noteFailure(q.lastError());
        return; // the last reading stands; the next use tries again
    }
    m_serverClock->set(q.value(0).toLongLong(), sentAt, ServerClock::monotonicMs());
    const qint64 skew = m_serverClock->skewMs();
    if (qAbs(skew) >= 2000)
        qCWarning(lcStore).noquote() << "this machine's clock is" << (qAbs(skew) + 500) / 1000 << "s"
                                     << (skew > 0 ? "behind" : "ahead of")
                                     << "the database server's; using the server's";
}

JobStore::~JobStore()
{
    m_statements.clear(); // every query goes before its connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase JobStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool JobStore::isOpen() const
{
    return m_open;
}

QString JobStore::sql(const char *statement) const
{
    QString s = QString::fromLatin1(statement);
    const bool pg = m_config.backend == DatabaseConfig::Backend::Postgres;
    s.replace(QLatin1String("{ID}"),
        pg ? QLatin1String("BIGSERIAL PRIMARY KEY") : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
    s.replace(QLatin1String("{BLOB}"), pg ? QLatin1String("BYTEA") : QLatin1String("BLOB"));
    s.replace(
        QLatin1String("{FOR_UPDATE}"), pg ? QLatin1String("FOR UPDATE SKIP LOCKED") : QLatin1String(""));
    s.replace(QLatin1String("{LOCK}"), pg ? QLatin1String("FOR UPDATE") : QLatin1String(""));
    s.replace(QLatin1String("{DELIVERY_COLUMNS}"), QLatin1String(DeliveryColumns));
    s.replace(QLatin1String("{WEBHOOK_COLUMNS}"), QLatin1String(WebhookColumns));
    return s;
}

void JobStore::noteFailure(const QSqlError &error)
{
    if (m_config.backend == DatabaseConfig::Backend::Sqlite) {
        // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), extended codes included: no retry mends these.
        const int code = error.nativeErrorCode().toInt() & 0xff;
        if (code == 11 || code == 26)
            m_damaged = true;
        return;
    }
    // libpq's words for a connection that is gone (server restarted, network down).
    static const char *const lost[] = { "no connection to the server", "server closed the connection",
        "terminating connection", "could not send data", "could not receive data", "connection to server",
        "Connection refused", "SSL SYSCALL" };
    const QString text = error.text();
    bool gone = !database().isOpen() || error.type() == QSqlError::ConnectionError;
    for (const char *phrase : lost)
        gone = gone || text.contains(QLatin1String(phrase), Qt::CaseInsensitive);
    if (gone && !m_broken) {
        qCWarning(lcStore).noquote() << "lost the connection to" << m_config.displayUrl() << "- reconnecting";
        m_broken = true;
    }
}

void JobStore::ensureConnected()
{
    if (!m_broken) {
        if (m_serverClock && m_serverClock->age() > ServerClockRefreshMs)
            syncServerClock();
        return;
    }
    m_statements.clear();
    QSqlDatabase db = database();
    db.close();
    if (!db.open())
        return; // still unreachable: the next call tries again
    m_broken = false;
    setSessionOptions();
    syncServerClock();
    if (m_subscribed)
        db.driver()->subscribeToNotification(QLatin1String(NotifyChannel));
    qCInfo(lcStore).noquote() << "reconnected to" << m_config.displayUrl();
}

Status JobStore::exec(SqlStatement &query, const char *what)
{
    if (query.exec())
        return {};
    noteFailure(query.lastError());
    const QString message = QStringLiteral("database error while %1: %2")
                                .arg(QLatin1String(what), query.lastError().text().simplified());
    qCWarning(lcStore).noquote() << message;
    return Status::failure(message);
}

Status JobStore::execSql(const QString &statement, const char *what)
{
    // Not prepared: PostgreSQL cannot PREPARE schema statements, and these take no values.
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    if (q.exec(statement))
        return {};
    noteFailure(q.lastError());
    const QString message = QStringLiteral("database error while %1: %2")
                                .arg(QLatin1String(what), q.lastError().text().simplified());
    qCWarning(lcStore).noquote() << message;
    return Status::failure(message);
}

Status JobStore::begin(bool write)
{
    // SQLite: take the write lock up front, so a transaction that reads before it writes
    // waits for other writers (busy_timeout) instead of failing on the upgrade.
    const bool sqlite = m_config.backend == DatabaseConfig::Backend::Sqlite;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    const QString statement = sqlite && write ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    if (!q.exec(statement)) {
        noteFailure(q.lastError());
        return Status::failure(QStringLiteral("database error while starting a transaction: %1")
                                   .arg(q.lastError().text().simplified()));
    }
    return {};
}

Status JobStore::commit()
{
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    if (!q.exec(QStringLiteral("COMMIT"))) {
        noteFailure(q.lastError());
        const QString error = q.lastError().text().simplified();
        rollback();
        return Status::failure(QStringLiteral("database error while committing: %1").arg(error));
    }
    return {};
}

void JobStore::rollback()
{
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.exec(QStringLiteral("ROLLBACK"));
}

int JobStore::statementMode() const
{
    return int(m_throughPooler ? SqlStatement::Mode::Inline : SqlStatement::Mode::Prepared);
}

void JobStore::detectPooler()
{
    using Pooler = DatabaseConfig::Pooler;
    m_throughPooler = m_config.pooler == Pooler::Transaction;
    if (m_config.pooler != Pooler::Auto)
        return;
    // A pooler (or any proxy) answers on its own port and connects to the server on another,
    // or through a Unix socket. Assuming a transaction pooler is safe with any of them.
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT inet_server_port()")) || !q.next())
        return;
    const QVariant serverPort = q.value(0);
    if (!serverPort.isNull() && serverPort.toInt() == m_config.port)
        return;
    m_throughPooler = true;
    qCWarning(lcStore).noquote() << QStringLiteral(
        "%1 is answered through a connection pooler or proxy (the server listens %2): "
        "statements go unprepared and changes are checked for every %3 ms. Add "
        "?pooler=session to the URL if it pools by session, or ?pooler=none if "
        "nothing sits in between.")
                                        .arg(m_config.displayUrl(),
                                            serverPort.isNull()
                                                ? QStringLiteral("on a Unix socket")
                                                : QStringLiteral("on port %1").arg(serverPort.toInt()))
                                        .arg(DefaultPoolerPollMs);
}

void JobStore::setSessionOptions()
{
    // Through a transaction pooler a session setting would stay on a server connection that
    // other clients share.
    if (m_throughPooler)
        return;
    QSqlQuery q(database());
    q.exec(QStringLiteral("SET client_min_messages TO WARNING"));
    q.exec(QStringLiteral("SET statement_timeout = %1").arg(StatementTimeoutMs));
}

void JobStore::notifyChange()
{
    // Nobody listens through a transaction pooler: the watchers poll.
    if (m_config.backend != DatabaseConfig::Backend::Postgres || m_throughPooler)
        return;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.exec(QStringLiteral("NOTIFY ") + QLatin1String(NotifyChannel));
}

Status JobStore::createSqliteFile()
{
    // Messages show a long path shortened: it was typed by the user, who knows the rest.
    const auto shorten = [](const QString &p) {
        return p.size() > 160 ? p.left(80) + QStringLiteral("…") + p.right(60) : p;
    };
    const QString path = shorten(m_config.sqlitePath);
    if (m_config.sqlitePath == QLatin1String(":memory:"))
        return {};
    const QFileInfo info(m_config.sqlitePath);
    if (info.isDir())
        return Status::failure(
            QStringLiteral("cannot use the SQLite store at %1: it is a directory").arg(path));
    QDir dir = info.absoluteDir();
    if (!dir.exists()) {
        // Only the default location is created on demand; a mistyped --db path is an error.
        if (m_config.sqlitePath != DatabaseConfig::defaultSqlitePath())
            return Status::failure(
                QStringLiteral("cannot use the SQLite store at %1: the folder %2 does not exist")
                    .arg(path, shorten(dir.path())));
        if (!dir.mkpath(QStringLiteral(".")))
            return Status::failure(QStringLiteral("cannot create the folder %1").arg(shorten(dir.path())));
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    if (!info.exists()) {
        QFile file(m_config.sqlitePath);
        if (!file.open(QIODevice::WriteOnly))
            return Status::failure(
                QStringLiteral("cannot create the SQLite store at %1: %2").arg(path, file.errorString()));
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    return {};
}

SqlStatement *JobStore::prepared(const char *key, const QString &statement, Status &error)
{
    auto it = m_statements.find(key);
    if (it != m_statements.end())
        return it->second.get();
    auto q = std::make_unique<SqlStatement>(database(), SqlStatement::Mode(statementMode()));
    if (!q->prepare(statement)) {
        error = Status::failure(QStringLiteral("database error while preparing a statement: %1")
                                    .arg(q->lastError().text().simplified()));
        return nullptr;
    }
    return m_statements.emplace(key, std::move(q)).first->second.get();
}

Status JobStore::open()
{
    m_open = false;
    m_statements.clear();
    QSqlDatabase db = database();
    if (!db.isValid()) {
        const bool pg = m_config.backend == DatabaseConfig::Backend::Postgres;
        const QString driver = pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
        if (!QSqlDatabase::isDriverAvailable(driver))
            return Status::failure(
                QStringLiteral("the Qt SQL driver %1 is not installed (Debian: %2)")
                    .arg(driver,
                        pg ? QStringLiteral("libqt6sql6-psql") : QStringLiteral("libqt6sql6-sqlite")));
        db = QSqlDatabase::addDatabase(driver, m_connectionName);
        if (pg) {
            db.setHostName(m_config.host);
            db.setPort(m_config.port);
            db.setUserName(m_config.user);
            db.setPassword(m_config.password);
            db.setDatabaseName(m_config.databaseName);
            db.setConnectOptions(QLatin1String(PostgresConnectOptions));
        } else {
            db.setDatabaseName(m_config.sqlitePath);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
        }
    }
    if (m_config.backend == DatabaseConfig::Backend::Sqlite) {
        if (const Status created = createSqliteFile(); !created)
            return created;
    }
    if (!db.isOpen() && !db.open())
        return Status::failure(QStringLiteral("cannot open the database %1: %2")
                                   .arg(m_config.displayUrl(), db.lastError().text().simplified()));
    const auto fail = [this](const Status &s) {
        database().close();
        return Status::failure(
            QStringLiteral("cannot use the database %1: %2").arg(m_config.displayUrl(), s.error()));
    };
    if (m_config.backend == DatabaseConfig::Backend::Sqlite) {
        for (const char *pragma : { "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 15000",
                 "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL" }) {
            QSqlQuery q(db);
            if (q.exec(QLatin1String(pragma)))
                continue;
            noteFailure(q.lastError());
            if (m_damaged) {
                // SQLite's "file is not a database" or "database disk image is malformed".
                database().close();
                return Status::failure(
                    QStringLiteral("cannot use %1: it is not a SQLite database, or a damaged one (%2). Hookwatch "
                                   "left it as it was; choose another file with --db.")
                        .arg(m_config.sqlitePath, q.lastError().databaseText()));
            }
            return fail(Status::failure(q.lastError().text().simplified()));
        }
    } else {
        detectPooler();
        setSessionOptions();
        syncServerClock();
    }
    if (const Status migrated = migrate(); !migrated)
        return fail(migrated);
    m_open = true;
    return {};
}

int JobStore::schemaVersion()
{
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    if (!q.exec(QStringLiteral("SELECT version FROM hookwatch_schema")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Status JobStore::migrate()
{
    // The common case, a store already at this version: one read and no write lock, which a
    // busy worker may hold (every command would wait for it) and which costs a command that
    // only reads a good part of its run.
    {
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        if (q.exec(QStringLiteral("SELECT version FROM hookwatch_schema")) && q.next()
            && q.value(0).toInt() == int(migrationSteps().size()))
            return {};
    }
    if (Status s
        = execSql(QStringLiteral("CREATE TABLE IF NOT EXISTS hookwatch_schema (version INTEGER NOT NULL)"),
            "creating the schema table");
        !s)
        return s;
    const auto &steps = migrationSteps();
    const int known = int(steps.size());
    for (int target = 1; target <= known; ++target) {
        if (Status s = begin(); !s)
            return s;
        // Several processes may start at once: one migrates, the others wait and see it done.
        if (m_config.backend == DatabaseConfig::Backend::Postgres)
            execSql(QStringLiteral("SELECT pg_advisory_xact_lock(7405183)"), "locking the schema");
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        if (!q.exec(QStringLiteral("SELECT version FROM hookwatch_schema"))) {
            rollback();
            return Status::failure(q.lastError().text().simplified());
        }
        const bool hasRow = q.next();
        const int current = hasRow ? q.value(0).toInt() : 0;
        q.finish();
        if (current > known) {
            rollback();
            return Status::failure(QStringLiteral(
                "it was written by a newer version of Hookwatch (schema version %1; this "
                "version knows up to %2). Upgrade Hookwatch, or choose another database with --db.")
                                       .arg(current)
                                       .arg(known));
        }
        if (current >= target) {
            rollback();
            continue;
        }
        for (const char *statement : steps.at(target - 1).statements) {
            if (Status s = execSql(sql(statement), "migrating the schema"); !s) {
                rollback();
                return s;
            }
        }
        const QString update = hasRow ? QStringLiteral("UPDATE hookwatch_schema SET version = %1")
                                      : QStringLiteral("INSERT INTO hookwatch_schema (version) VALUES (%1)");
        if (Status s = execSql(update.arg(target), "recording the schema version"); !s) {
            rollback();
            return s;
        }
        if (Status s = commit(); !s)
            return s;
        qCDebug(lcStore) << "migrated the schema to version" << target;
    }
    return {};
}

// ---- Webhooks ------------------------------------------------------------------------

Result<qint64> JobStore::addWebhook(const Webhook &webhook)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql(
        "INSERT INTO webhooks (delivery_url, active, secret, event_types, headers, timeout_ms, retry_preset, "
        "retry_window_ms, retry_early_delay_ms, retry_early_period_ms, retry_late_delay_ms, "
        "trust_self_signed, date_created, date_last_modified, max_in_flight) VALUES (:url, :active, :secret, "
        ":types, :headers, :timeout, :preset, :window, :early_delay, :early_period, :late_delay, :trust, "
        ":created, :modified, :max_in_flight) RETURNING id"));
    bindWebhook(q, webhook);
    const TimeMs now = this->now();
    q.bindValue(QStringLiteral(":created"), now);
    q.bindValue(QStringLiteral(":modified"), now);
    if (Status s = exec(q, "adding a webhook"); !s)
        return Result<qint64>::failure(s.error());
    if (!q.next())
        return Result<qint64>::failure(
            QStringLiteral("database error while adding a webhook: no id returned"));
    const qint64 id = q.value(0).toLongLong();
    notifyChange();
    return id;
}

Status JobStore::updateWebhook(const Webhook &webhook)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql(
        "UPDATE webhooks SET delivery_url = :url, active = :active, secret = :secret, event_types = :types, "
        "headers = :headers, timeout_ms = :timeout, retry_preset = :preset, retry_window_ms = :window, "
        "retry_early_delay_ms = :early_delay, retry_early_period_ms = :early_period, "
        "retry_late_delay_ms = :late_delay, trust_self_signed = :trust, date_last_modified = :modified, "
        "max_in_flight = :max_in_flight WHERE id = :id"));
    bindWebhook(q, webhook);
    q.bindValue(QStringLiteral(":modified"), now());
    q.bindValue(QStringLiteral(":id"), webhook.id);
    if (Status s = exec(q, "updating a webhook"); !s)
        return s;
    if (q.numRowsAffected() == 0)
        return Status::failure(notFound("webhook", webhook.id), ErrorKind::NotFound);
    notifyChange();
    return {};
}

Result<Webhook> JobStore::webhook(qint64 id)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (Status s = exec(q, "reading a webhook"); !s)
        return Result<Webhook>::failure(s.error());
    if (!q.next())
        return Result<Webhook>::failure(notFound("webhook", id), ErrorKind::NotFound);
    return readWebhook(q);
}

Result<QList<Webhook>> JobStore::webhooks()
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    q.prepare(sql("SELECT {WEBHOOK_COLUMNS} FROM webhooks ORDER BY id"));
    if (Status s = exec(q, "listing webhooks"); !s)
        return Result<QList<Webhook>>::failure(s.error());
    QList<Webhook> list;
    while (q.next())
        list.append(readWebhook(q));
    return list;
}

Status JobStore::removeWebhook(qint64 id)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral("DELETE FROM webhooks WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (Status s = exec(q, "deleting a webhook"); !s)
        return s;
    if (q.numRowsAffected() == 0)
        return Status::failure(notFound("webhook", id), ErrorKind::NotFound);
    notifyChange();
    return {};
}

Status JobStore::ensureWebhookExists(qint64 id)
{
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral("SELECT 1 FROM webhooks WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (Status s = exec(q, "reading a webhook"); !s)
        return s;
    if (!q.next())
        return Status::failure(notFound("webhook", id), ErrorKind::NotFound);
    return {};
}

// ---- Deliveries ----------------------------------------------------------------------

Result<qint64> JobStore::createDelivery(qint64 webhookId, const QString &eventType, const QByteArray &payload)
{
    const auto ids = createDeliveries(webhookId, eventType, payload, 1);
    if (!ids)
        return Result<qint64>::failure(ids.error(), ids.errorKind());
    return ids->first;
}

Result<QPair<qint64, qint64>> JobStore::createDeliveries(
    qint64 webhookId, const QString &eventType, const QByteArray &payload, int count)
{
    ensureConnected();
    using R = Result<QPair<qint64, qint64>>;
    if (count < 1)
        return R::failure(QStringLiteral("the number of deliveries must be at least 1"));
    if (Status s = begin(); !s)
        return R::failure(s.error());
    if (Status s = ensureWebhookExists(webhookId); !s) {
        rollback();
        return R::failure(s.error(), s.errorKind());
    }
    // One statement per chunk, the payload bound once: a load test of 20,000 copies is a few
    // statements, not 20,000 round trips to a PostgreSQL server.
    const bool pg = m_config.backend == DatabaseConfig::Backend::Postgres;
    const QString rows = pg
        ? QStringLiteral("generate_series(1, CAST(:count AS INTEGER))")
        : QStringLiteral("(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < :count) SELECT i FROM n)");
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    q.prepare(
        sql("INSERT INTO deliveries (webhook_id, event_type, payload, status, date_created, scheduled_start) "
            "SELECT CAST(:webhook AS BIGINT), CAST(:type AS TEXT), CAST(:payload AS {BLOB}), 0, "
            "CAST(:created AS BIGINT), CAST(:start AS BIGINT) FROM ")
        + rows + QStringLiteral(" AS series RETURNING id"));
    constexpr int Chunk = 10000;
    const TimeMs now = this->now();
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    for (int done = 0; done < count; done += Chunk) {
        q.bindValue(QStringLiteral(":webhook"), webhookId);
        q.bindValue(QStringLiteral(":type"), eventType);
        q.bindValue(QStringLiteral(":payload"), payload);
        q.bindValue(QStringLiteral(":created"), now);
        q.bindValue(QStringLiteral(":start"), now);
        q.bindValue(QStringLiteral(":count"), qMin(Chunk, count - done));
        if (Status s = exec(q, "creating deliveries"); !s) {
            rollback();
            return R::failure(s.error());
        }
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            first = qMin(first, id);
            last = qMax(last, id);
        }
        q.finish();
    }
    if (last == 0) {
        rollback();
        return R::failure(QStringLiteral("database error while creating deliveries: no id returned"));
    }
    notifyChange();
    if (Status s = commit(); !s)
        return R::failure(s.error());
    return qMakePair(first, last);
}

Result<QList<qint64>> JobStore::emitEvent(const QString &eventType, const QByteArray &payload)
{
    ensureConnected();
    using R = Result<QList<qint64>>;
    if (Status s = begin(); !s)
        return R::failure(s.error());
    QList<qint64> subscribed;
    {
        SqlStatement q(database(), SqlStatement::Mode(statementMode()));
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id, event_types FROM webhooks WHERE active = 1 ORDER BY id"));
        if (Status s = exec(q, "finding subscribed webhooks"); !s) {
            rollback();
            return R::failure(s.error());
        }
        while (q.next()) {
            const QJsonArray types = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array();
            if (types.contains(eventType))
                subscribed.append(q.value(0).toLongLong());
        }
    }
    QList<qint64> ids;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral(
        "INSERT INTO deliveries (webhook_id, event_type, payload, status, date_created, "
        "scheduled_start) VALUES (:webhook, :type, :payload, 0, :created, :start) RETURNING id"));
    const TimeMs now = this->now();
    for (const qint64 webhookId : subscribed) {
        q.bindValue(QStringLiteral(":webhook"), webhookId);
        q.bindValue(QStringLiteral(":type"), eventType);
        q.bindValue(QStringLiteral(":payload"), payload);
        q.bindValue(QStringLiteral(":created"), now);
        q.bindValue(QStringLiteral(":start"), now);
        if (Status s = exec(q, "creating a delivery"); !s || !q.next()) {
            rollback();
            return R::failure(s ? QStringLiteral("database error while creating a delivery") : s.error());
        }
        ids.append(q.value(0).toLongLong());
        q.finish();
    }
    if (!ids.isEmpty())
        notifyChange();
    if (Status s = commit(); !s)
        return R::failure(s.error());
    return ids;
}

Result<Delivery> JobStore::delivery(qint64 id)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (Status s = exec(q, "reading a delivery"); !s)
        return Result<Delivery>::failure(s.error());
    if (!q.next())
        return Result<Delivery>::failure(notFound("delivery", id), ErrorKind::NotFound);
    return readDelivery(q);
}

namespace {
QString filterWhere(const DeliveryFilter &f)
{
    QStringList clauses;
    if (f.webhookId)
        clauses << QStringLiteral("webhook_id = :webhook");
    if (f.status)
        clauses << QStringLiteral("status = :status");
    if (!f.eventType.isEmpty())
        clauses << QStringLiteral("event_type = :type");
    if (f.display) {
        switch (*f.display) {
        case Delivery::Display::NeverTried:
            clauses << QStringLiteral("successful IS NULL");
            break;
        case Delivery::Display::Delivered:
            clauses << QStringLiteral("successful = 1");
            break;
        case Delivery::Display::Retrying:
            clauses << QStringLiteral("successful = 0 AND status IN (0, 1, 4)");
            break;
        case Delivery::Display::Failed:
            clauses << QStringLiteral("successful = 0 AND status IN (2, 3)");
            break;
        }
    }
    if (!f.text.isEmpty()) {
        bool isNumber = false;
        f.text.toLongLong(&isNumber);
        clauses << (isNumber
                ? QStringLiteral("(id = :textid OR event_type LIKE :text OR failure_detail LIKE :text2)")
                : QStringLiteral("(event_type LIKE :text OR failure_detail LIKE :text2)"));
    }
    if (f.since)
        clauses << QStringLiteral("date_created >= :since");
    if (f.until)
        clauses << QStringLiteral("date_created < :until");
    if (f.beforeId)
        clauses << QStringLiteral("id < :before");
    return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QLatin1String(" AND "));
}

void bindFilter(SqlStatement &q, const DeliveryFilter &f)
{
    if (f.webhookId)
        q.bindValue(QStringLiteral(":webhook"), *f.webhookId);
    if (f.status)
        q.bindValue(QStringLiteral(":status"), int(*f.status));
    if (!f.eventType.isEmpty())
        q.bindValue(QStringLiteral(":type"), f.eventType);
    if (!f.text.isEmpty()) {
        bool isNumber = false;
        const qint64 id = f.text.toLongLong(&isNumber);
        if (isNumber)
            q.bindValue(QStringLiteral(":textid"), id);
        QString pattern = f.text;
        pattern.replace(QLatin1Char('%'), QString()).replace(QLatin1Char('_'), QString());
        const QString like = QStringLiteral("%") + pattern + QStringLiteral("%");
        q.bindValue(QStringLiteral(":text"), like);
        q.bindValue(QStringLiteral(":text2"), like);
    }
    if (f.since)
        q.bindValue(QStringLiteral(":since"), *f.since);
    if (f.until)
        q.bindValue(QStringLiteral(":until"), *f.until);
    if (f.beforeId)
        q.bindValue(QStringLiteral(":before"), *f.beforeId);
}

QString orderBy(const DeliveryFilter &f)
{
    const QString dir = f.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString column;
    switch (f.sortKey) {
    case DeliveryFilter::SortKey::Id:
        return QStringLiteral(" ORDER BY id") + dir;
    case DeliveryFilter::SortKey::Status:
        column = QStringLiteral("status");
        break;
    case DeliveryFilter::SortKey::EventType:
        column = QStringLiteral("event_type");
        break;
    case DeliveryFilter::SortKey::Attempts:
        column = QStringLiteral("attempt_count");
        break;
    case DeliveryFilter::SortKey::LastSent:
        column = QStringLiteral("date_sent");
        break;
    case DeliveryFilter::SortKey::NextAttempt:
        column = QStringLiteral("scheduled_start");
        break;
    }
    return QStringLiteral(" ORDER BY ") + column + dir + QStringLiteral(", id") + dir;
}
} // namespace

Result<QList<Delivery>> JobStore::deliveries(const DeliveryFilter &filter)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    QString columns = QLatin1String(DeliveryColumns);
    if (!filter.withPayload)
        columns.replace(QLatin1String("payload"), QLatin1String("NULL"));
    q.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM deliveries") + filterWhere(filter)
        + orderBy(filter) + QStringLiteral(" LIMIT :limit OFFSET :offset"));
    bindFilter(q, filter);
    q.bindValue(QStringLiteral(":limit"), filter.limit);
    q.bindValue(QStringLiteral(":offset"), filter.offset);
    if (Status s = exec(q, "listing deliveries"); !s)
        return Result<QList<Delivery>>::failure(s.error());
    QList<Delivery> list;
    while (q.next())
        list.append(readDelivery(q));
    return list;
}

Result<qint64> JobStore::countDeliveries(const DeliveryFilter &filter)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries") + filterWhere(filter));
    bindFilter(q, filter);
    if (Status s = exec(q, "counting deliveries"); !s)
        return Result<qint64>::failure(s.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<Attempt>> JobStore::attempts(qint64 deliveryId)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT number, date_started, date_sent, duration_ms, request_url, request_method, request_headers, "
        "response_status, response_headers, response_body, response_body_truncated, connection_error, "
        "deactivated FROM attempts WHERE delivery_id = :id ORDER BY number"));
    q.bindValue(QStringLiteral(":id"), deliveryId);
    if (Status s = exec(q, "reading attempts"); !s)
        return Result<QList<Attempt>>::failure(s.error());
    QList<Attempt> list;
    while (q.next()) {
        Attempt a;
        a.deliveryId = deliveryId;
        a.number = q.value(0).toInt();
        a.dateStarted = q.value(1).toLongLong();
        a.dateSent = q.value(2).toLongLong();
        a.durationMs = q.value(3).toLongLong();
        a.request.url = q.value(4).toString();
        a.request.method = q.value(5).toString().toLatin1();
        a.request.headers = headersFromJson(q.value(6).toString());
        if (!q.value(7).isNull()) {
            AttemptResponse r;
            r.statusCode = q.value(7).toInt();
            r.headers = headersFromJson(q.value(8).toString());
            r.body = q.value(9).toByteArray();
            r.bodyTruncated = q.value(10).toInt() != 0;
            a.response = r;
        }
        a.connectionError = q.value(11).toString();
        a.deactivated = q.value(12).toInt() != 0;
        list.append(a);
    }
    return list;
}

Result<QList<Delivery>> JobStore::retrySchedule(int limit)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    q.prepare(sql("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE status = 0 AND successful = 0 "
                  "ORDER BY scheduled_start, id LIMIT :limit"));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (Status s = exec(q, "reading the retry schedule"); !s)
        return Result<QList<Delivery>>::failure(s.error());
    QList<Delivery> list;
    while (q.next())
        list.append(readDelivery(q));
    return list;
}

Result<StoreCounts> JobStore::counts()
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral("SELECT status, successful, COUNT(*) FROM deliveries WHERE status IN (0, 1, 4) "
                             "GROUP BY status, successful"));
    if (Status s = exec(q, "counting deliveries"); !s)
        return Result<StoreCounts>::failure(s.error());
    StoreCounts c;
    while (q.next()) {
        const int n = q.value(2).toInt();
        switch (static_cast<JobStatus>(q.value(0).toInt())) {
        case JobStatus::Waiting:
            c.waiting += n;
            if (!q.value(1).isNull() && q.value(1).toInt() == 0)
                c.retrying += n;
            break;
        case JobStatus::Running:
            c.running += n;
            break;
        case JobStatus::Suspended:
            c.suspended += n;
            break;
        default:
            break;
        }
    }
    SqlStatement f(database(), SqlStatement::Mode(statementMode()));
    // `+status`: only deliveries_finished can serve this (the last day's finished ones), never
    // the status index (every failed delivery ever), which SQLite picks on a store never ANALYZEd.
    f.prepare(
        QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE date_finished >= :since AND +status = 3"));
    f.bindValue(QStringLiteral(":since"), now() - 24 * RetryPolicy::Hour);
    if (Status s = exec(f, "counting failed deliveries"); !s)
        return Result<StoreCounts>::failure(s.error());
    f.next();
    c.failedLast24h = f.value(0).toInt();
    return c;
}

Result<QHash<qint64, int>> JobStore::pendingByWebhook()
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.setForwardOnly(true);
    // One pass over the pending rows through deliveries_status_id, for every webhook at once.
    // Grouped by status first, so the planner cannot prefer deliveries_webhook_id (every
    // delivery of the webhook, finished ones too) to save the sort, with statistics or without.
    q.prepare(QStringLiteral("SELECT webhook_id, COUNT(*) FROM deliveries WHERE status IN (0, 1, 4) "
                             "GROUP BY status, webhook_id"));
    if (Status s = exec(q, "counting pending deliveries"); !s)
        return Result<QHash<qint64, int>>::failure(s.error());
    QHash<qint64, int> pending;
    while (q.next())
        pending[q.value(0).toLongLong()] += q.value(1).toInt();
    return pending;
}

Result<QList<LeaseHolder>> JobStore::leaseHolders()
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral(
        "SELECT lease_owner, COUNT(*), MAX(lease_expires) FROM deliveries WHERE status = 1 AND "
        "lease_expires >= :now GROUP BY lease_owner ORDER BY lease_owner"));
    q.bindValue(QStringLiteral(":now"), now());
    if (Status s = exec(q, "reading leases"); !s)
        return Result<QList<LeaseHolder>>::failure(s.error());
    QList<LeaseHolder> list;
    while (q.next())
        list.append({ q.value(0).toString(), q.value(1).toInt(), q.value(2).toLongLong() });
    return list;
}

// ---- Manual actions ------------------------------------------------------------------

Result<JobStore::LockedDelivery> JobStore::beginTransition(qint64 deliveryId)
{
    using R = Result<LockedDelivery>;
    if (Status s = begin(); !s)
        return R::failure(s.error());
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql("SELECT status, lease_expires, lease_owner FROM deliveries WHERE id = :id {LOCK}"));
    q.bindValue(QStringLiteral(":id"), deliveryId);
    if (Status s = exec(q, "reading a delivery"); !s) {
        rollback();
        return R::failure(s.error());
    }
    if (!q.next()) {
        rollback();
        return R::failure(notFound("delivery", deliveryId), ErrorKind::NotFound);
    }
    return LockedDelivery { static_cast<JobStatus>(q.value(0).toInt()), optionalTime(q.value(1)),
        q.value(2).toString() };
}

Status JobStore::retry(qint64 deliveryId, bool resetWindow)
{
    ensureConnected();
    const auto locked = beginTransition(deliveryId);
    if (!locked)
        return Status::failure(locked.error(), locked.errorKind());
    const JobStatus status = locked->status;
    const auto leaseExpires = locked->leaseExpires;
    const QString owner = locked->leaseOwner;
    const TimeMs now = this->now();
    if (status == JobStatus::Running && leaseExpires && *leaseExpires > now) {
        rollback();
        return Status::failure(
            QStringLiteral("delivery %1 is being attempted right now (by %2); retry it once "
                           "the attempt has ended")
                .arg(deliveryId)
                .arg(owner),
            ErrorKind::Invalid);
    }
    SqlStatement u(database(), SqlStatement::Mode(statementMode()));
    if (status == JobStatus::Waiting) {
        // "Retry now": the next attempt moves to now; nothing else changes.
        u.prepare(QStringLiteral("UPDATE deliveries SET scheduled_start = :now%1 WHERE id = :id")
                      .arg(resetWindow ? QStringLiteral(", date_first_sent = NULL") : QString()));
    } else {
        u.prepare(
            QStringLiteral("UPDATE deliveries SET status = 0, scheduled_start = :now, attempt_count = 0, "
                           "date_finished = NULL, lease_expires = NULL, lease_owner = NULL, lease_token = "
                           "NULL%1 WHERE id = :id")
                .arg(resetWindow ? QStringLiteral(", date_first_sent = NULL") : QString()));
    }
    u.bindValue(QStringLiteral(":now"), now);
    u.bindValue(QStringLiteral(":id"), deliveryId);
    if (Status s = exec(u, "retrying a delivery"); !s) {
        rollback();
        return s;
    }
    notifyChange();
    return commit();
}

Result<int> JobStore::retryFailed(std::optional<qint64> webhookId)
{
    ensureConnected();
    if (webhookId) {
        if (Status s = ensureWebhookExists(*webhookId); !s)
            return Result<int>::failure(s.error(), s.errorKind());
    }
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral("UPDATE deliveries SET status = 0, scheduled_start = :now, attempt_count = 0, "
                             "date_finished = NULL WHERE status = 3")
        + (webhookId ? QStringLiteral(" AND webhook_id = :webhook") : QString()));
    q.bindValue(QStringLiteral(":now"), now());
    if (webhookId)
        q.bindValue(QStringLiteral(":webhook"), *webhookId);
    if (Status s = exec(q, "retrying failed deliveries"); !s)
        return Result<int>::failure(s.error());
    const int n = q.numRowsAffected();
    if (n > 0)
        notifyChange();
    return n;
}

Status JobStore::suspend(qint64 deliveryId)
{
    ensureConnected();
    const auto locked = beginTransition(deliveryId);
    if (!locked)
        return Status::failure(locked.error(), locked.errorKind());
    const JobStatus status = locked->status;
    if (!JobStatusInfo::canTransition(status, JobStatus::Suspended)) {
        rollback();
        return Status::failure(
            JobStatusInfo::invalidTransitionMessage(status, JobStatus::Suspended), ErrorKind::Invalid);
    }
    // A running attempt goes on; its result is kept, and the delivery stays suspended.
    SqlStatement u(database(), SqlStatement::Mode(statementMode()));
    u.prepare(QStringLiteral("UPDATE deliveries SET status = 4, lease_expires = NULL, lease_owner = NULL, "
                             "lease_token = NULL WHERE id = :id"));
    u.bindValue(QStringLiteral(":id"), deliveryId);
    if (Status s = exec(u, "suspending a delivery"); !s) {
        rollback();
        return s;
    }
    notifyChange();
    return commit();
}

// ---- Dispatcher ----------------------------------------------------------------------

template <typename T, typename Body> Result<T> JobStore::inTransaction(Body body)
{
    ensureConnected();
    if (Status s = begin(); !s)
        return Result<T>::failure(s.error());
    Result<T> result = body();
    if (!result) {
        rollback();
        return result;
    }
    if (Status s = commit(); !s)
        return Result<T>::failure(s.error());
    return result;
}

Result<QList<ClaimedDelivery>> JobStore::claimDue(
    const QString &owner, int limit, qint64 leaseMs, std::optional<qint64> onlyId)
{
    ClaimRequest request;
    request.limit = limit;
    return inTransaction<QList<ClaimedDelivery>>(
        [&] { return claimDueLocked(owner, request, leaseMs, onlyId); });
}

Result<QList<ClaimedDelivery>> JobStore::claimDue(
    const QString &owner, const ClaimRequest &request, qint64 leaseMs)
{
    return inTransaction<QList<ClaimedDelivery>>(
        [&] { return claimDueLocked(owner, request, leaseMs, std::nullopt); });
}

Result<QList<Delivery>> JobStore::recordAttempts(const QString &owner, const QList<AttemptRecord> &records)
{
    if (records.isEmpty())
        return QList<Delivery>();
    return inTransaction<QList<Delivery>>([&] { return recordAttemptsLocked(owner, records); });
}

Result<JobStore::RecordedAndClaimed> JobStore::recordAndClaim(
    const QString &owner, const QList<AttemptRecord> &records, int limit, qint64 leaseMs)
{
    ClaimRequest request;
    request.limit = limit;
    return recordAndClaim(owner, records, request, leaseMs);
}

Result<JobStore::RecordedAndClaimed> JobStore::recordAndClaim(
    const QString &owner, const QList<AttemptRecord> &records, const ClaimRequest &request, qint64 leaseMs)
{
    using R = Result<RecordedAndClaimed>;
    return inTransaction<RecordedAndClaimed>([&]() -> R {
        RecordedAndClaimed done;
        if (!records.isEmpty()) {
            auto recorded = recordAttemptsLocked(owner, records);
            if (!recorded)
                return R::failure(recorded.error());
            done.recorded = recorded.value();
        }
        auto claimed = claimDueLocked(owner, request, leaseMs, std::nullopt);
        if (!claimed)
            return R::failure(claimed.error());
        done.claimed = claimed.value();
        return done;
    });
}

namespace {
// A claim's token: random, so no two claims, of one worker or of many, share one.
qint64 newLeaseToken()
{
    return qint64(QRandomGenerator::global()->generate64() & 0x7fffffffffffffffULL) | 1;
}

QString idArray(const QList<qint64> &ids, bool postgres)
{
    QStringList texts;
    for (const qint64 id : ids)
        texts << QString::number(id);
    // PostgreSQL reads '{1,2}' as a BIGINT[]; SQLite's json_each() reads '[1,2]'.
    return postgres ? QLatin1Char('{') + texts.join(QLatin1Char(',')) + QLatin1Char('}')
                    : QLatin1Char('[') + texts.join(QLatin1Char(',')) + QLatin1Char(']');
}
} // namespace

Result<QList<ClaimedDelivery>> JobStore::claimDueLocked(
    const QString &owner, const ClaimRequest &request, qint64 leaseMs, std::optional<qint64> onlyId)
{
    using R = Result<QList<ClaimedDelivery>>;
    const TimeMs now = this->now();
    const bool pg = m_config.backend == DatabaseConfig::Backend::Postgres;
    Status error;
    SqlStatement *recover = prepared("claim.recover",
        QStringLiteral("UPDATE deliveries SET status = 0, lease_expires = NULL, "
                       "lease_owner = NULL, lease_token = NULL WHERE status = 1 AND "
                       "lease_expires < :now"),
        error);
    // The due deliveries of each webhook with due work, earliest first, up to `per` of each and
    // no more than its own limit leaves room for; then taken in turns (every webhook's first,
    // then every webhook's second…) up to `limit`. The backends differ only in how they reach
    // each webhook's first few: PostgreSQL through LATERAL, locking what it takes and skipping
    // what another worker is taking; SQLite, whose writers take turns, through a correlated
    // list of row ids.
    static const char *const ClaimFairPostgres
        = "WITH turns AS (SELECT due.id, due.scheduled_start, ROW_NUMBER() OVER (PARTITION BY w.id "
          "ORDER BY due.scheduled_start, due.id) AS turn FROM webhooks w CROSS JOIN LATERAL (SELECT id, "
          "scheduled_start FROM deliveries WHERE status = 0 AND webhook_id = w.id AND scheduled_start <= "
          ":now "
          "ORDER BY scheduled_start, id LIMIT CASE WHEN w.max_in_flight IS NULL THEN :per ELSE GREATEST(0, "
          "LEAST(:per2, w.max_in_flight - (SELECT COUNT(*) FROM deliveries r WHERE r.status = 1 AND "
          "r.webhook_id = w.id))) END FOR UPDATE SKIP LOCKED) due WHERE NOT (w.id = ANY(CAST(:skip AS "
          "BIGINT[])))) UPDATE deliveries SET status = 1, lease_owner = :owner, lease_token = :token, "
          "lease_expires = :expires WHERE id IN (SELECT id FROM turns ORDER BY turn, scheduled_start, id "
          "LIMIT :limit) RETURNING {DELIVERY_COLUMNS}";
    static const char *const ClaimFairSqlite
        = "WITH turns AS (SELECT d.id, d.scheduled_start, ROW_NUMBER() OVER (PARTITION BY d.webhook_id ORDER "
          "BY "
          "d.scheduled_start, d.id) AS turn, CASE WHEN w.max_in_flight IS NULL THEN :per ELSE "
          "w.max_in_flight - "
          "(SELECT COUNT(*) FROM deliveries r WHERE r.status = 1 AND r.webhook_id = w.id) END AS room FROM "
          "webhooks w JOIN deliveries d ON d.id IN (SELECT x.id FROM deliveries x WHERE x.status = 0 AND "
          "x.webhook_id = w.id AND x.scheduled_start <= :now ORDER BY x.scheduled_start, x.id LIMIT :per2) "
          "WHERE w.id NOT IN (SELECT value FROM json_each(:skip))) UPDATE deliveries SET status = 1, "
          "lease_owner "
          "= :owner, lease_token = :token, lease_expires = :expires WHERE id IN (SELECT id FROM turns WHERE "
          "turn "
          "<= room ORDER BY turn, scheduled_start, id LIMIT :limit) RETURNING {DELIVERY_COLUMNS}";
    SqlStatement *claim = onlyId
        ? prepared("claim.one",
            sql("UPDATE deliveries SET status = 1, lease_owner = :owner, lease_token = :token, "
                "lease_expires = :expires WHERE id = :id AND status = 0 RETURNING {DELIVERY_COLUMNS}"),
            error)
        : prepared("claim.due", sql(pg ? ClaimFairPostgres : ClaimFairSqlite), error);
    SqlStatement *readHook
        = prepared("claim.webhook", sql("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = :id"), error);
    if (!recover || !claim || !readHook)
        return R::failure(error.error());
    // A delivery left running by a process that died is given back once its lease expires
    // (Launchpad would leave it running for ever). Leases last seconds: looking once a
    // second is enough, and keeps this off the busy path.
    if (onlyId || now >= m_nextLeaseRecovery || now < m_nextLeaseRecovery - 1000) {
        recover->bindValue(QStringLiteral(":now"), now);
        if (Status s = exec(*recover, "recovering expired leases"); !s) {
            return R::failure(s.error());
        }
        m_nextLeaseRecovery = now + 1000;
    }
    if (onlyId) {
        claim->bindValue(QStringLiteral(":id"), *onlyId);
    } else {
        if (request.limit <= 0)
            return QList<ClaimedDelivery>();
        const int per = request.perWebhook > 0 ? qMin(request.perWebhook, request.limit) : request.limit;
        claim->bindValue(QStringLiteral(":now"), now);
        claim->bindValue(QStringLiteral(":per"), per);
        claim->bindValue(QStringLiteral(":per2"), per);
        claim->bindValue(QStringLiteral(":skip"), idArray(request.skipWebhooks, pg));
        claim->bindValue(QStringLiteral(":limit"), request.limit);
    }
    claim->bindValue(QStringLiteral(":owner"), owner);
    claim->bindValue(QStringLiteral(":token"), newLeaseToken());
    claim->bindValue(QStringLiteral(":expires"), now + leaseMs);
    if (Status s = exec(*claim, "claiming due deliveries"); !s) {
        return R::failure(s.error());
    }
    QList<ClaimedDelivery> claimed;
    while (claim->next())
        claimed.append({ readDelivery(*claim), Webhook() });
    claim->finish();
    // The webhook as it is now: URL, secret and active flag are read for each attempt.
    QHash<qint64, Webhook> hooks;
    for (auto &c : claimed) {
        if (!hooks.contains(c.delivery.webhookId)) {
            readHook->bindValue(QStringLiteral(":id"), c.delivery.webhookId);
            if (Status s = exec(*readHook, "reading a webhook"); !s) {
                return R::failure(s.error());
            }
            if (readHook->next())
                hooks.insert(c.delivery.webhookId, readWebhook(*readHook));
            readHook->finish();
        }
        c.webhook = hooks.value(c.delivery.webhookId);
    }
    std::sort(claimed.begin(), claimed.end(), [](const ClaimedDelivery &a, const ClaimedDelivery &b) {
        return a.delivery.scheduledStart != b.delivery.scheduledStart
            ? a.delivery.scheduledStart < b.delivery.scheduledStart
            : a.delivery.id < b.delivery.id;
    });
    return claimed;
}

Result<QList<Delivery>> JobStore::recordAttemptsLocked(
    const QString &owner, const QList<AttemptRecord> &records)
{
    using R = Result<QList<Delivery>>;
    // One UPDATE and one INSERT for the whole batch, not two statements per attempt:
    // on PostgreSQL every statement is a round trip.
    struct Row
    {
        const AttemptRecord *record;
        DeliveryUpdate update;
        std::optional<Delivery> after;
    };
    QList<Row> rows;
    rows.reserve(records.size());
    for (const AttemptRecord &record : records) {
        const Attempt &a = record.attempt;
        const Outcome outcome
            = Outcome::classify(a.deactivated, a.connectionError, a.response ? a.response->statusCode : 0);
        rows.append(
            { &record, DeliveryUpdate::afterAttempt(record.before, outcome, a.dateSent, record.policy), {} });
    }
    const int n = int(rows.size());
    Status error;
    QStringList tuples;
    for (int i = 0; i < n; ++i)
        tuples << QStringLiteral(
            "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS BIGINT), "
            "CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), "
            "CAST(? AS TEXT), CAST(? AS INTEGER))");
    // Only where the attempt's own claim still holds the delivery (same token): the numbers
    // come back from the row, so an attempt recorded late by an earlier claim cannot repeat one.
    const std::string updateKey = "record.update." + std::to_string(n);
    SqlStatement *update = prepared(updateKey.c_str(),
        QStringLiteral(
            "WITH v(id, token, status, first_sent, sent, finished, next_start, successful, detail, "
            "code) AS (VALUES %1) UPDATE deliveries SET status = v.status, date_first_sent = "
            "v.first_sent, date_sent = v.sent, date_finished = v.finished, scheduled_start = "
            "v.next_start, successful = v.successful, failure_detail = v.detail, last_status_code = "
            "v.code, lease_owner = NULL, lease_expires = NULL, lease_token = NULL, total_attempts = "
            "deliveries.total_attempts + 1, attempt_count = deliveries.attempt_count + 1 FROM v WHERE "
            "deliveries.id = v.id AND deliveries.status = 1 AND deliveries.lease_token = v.token AND "
            "deliveries.lease_owner = ? RETURNING deliveries.id, deliveries.total_attempts, "
            "deliveries.attempt_count")
            .arg(tuples.join(QLatin1String(", "))),
        error);
    SqlStatement *attemptOnly = prepared("record.count",
        sql("UPDATE deliveries SET total_attempts = total_attempts + 1 WHERE id = :id "
            "RETURNING {DELIVERY_COLUMNS}"),
        error);
    SqlStatement *alreadyRecorded = prepared("record.exists",
        QStringLiteral("SELECT 1 FROM attempts WHERE delivery_id = :id AND "
                       "date_started = :started AND date_sent = :sent"),
        error);
    if (!update || !attemptOnly || !alreadyRecorded)
        return R::failure(error.error());
    int position = 0;
    for (const Row &row : std::as_const(rows)) {
        const DeliveryUpdate &u = row.update;
        update->bindValue(position++, row.record->attempt.deliveryId);
        update->bindValue(position++, row.record->before.leaseToken);
        update->bindValue(position++, int(u.status));
        update->bindValue(position++, nullableTime(u.dateFirstSent));
        update->bindValue(position++, nullableTime(u.dateSent));
        update->bindValue(position++, nullableTime(u.dateFinished));
        update->bindValue(position++, nullableTime(u.scheduledStart));
        update->bindValue(position++, u.successful ? 1 : 0);
        update->bindValue(position++, nullableText(u.failureDetail.isEmpty() ? QString() : u.failureDetail));
        update->bindValue(position++, nullableInt(u.lastStatusCode));
    }
    update->bindValue(position, owner);
    if (Status s = exec(*update, "recording attempts"); !s) {
        return R::failure(s.error());
    }
    QHash<qint64, QPair<int, int>> updated; // id: total attempts, attempt count, as written
    while (update->next())
        updated.insert(update->value(0).toLongLong(), { update->value(1).toInt(), update->value(2).toInt() });
    update->finish();
    for (Row &row : rows) {
        const qint64 id = row.record->attempt.deliveryId;
        if (const auto it = updated.constFind(id); it != updated.constEnd()) {
            // Still this claim's since it was made: the new state is known without reading it back.
            const DeliveryUpdate &u = row.update;
            Delivery d = row.record->before;
            d.status = u.status;
            d.dateFirstSent = u.dateFirstSent;
            d.dateSent = u.dateSent;
            d.dateFinished = u.dateFinished;
            d.scheduledStart = u.scheduledStart;
            d.successful = u.successful;
            d.failureDetail = u.failureDetail;
            d.lastStatusCode = u.lastStatusCode;
            d.leaseOwner.clear();
            d.leaseExpires.reset();
            d.leaseToken = 0;
            d.totalAttempts = it->first;
            d.attemptCount = it->second;
            row.after = d;
            continue;
        }
        // Recorded already? A COMMIT can succeed on the server while its answer is lost with
        // the connection; the dispatcher then records the batch again. Apply it once.
        alreadyRecorded->bindValue(QStringLiteral(":id"), id);
        alreadyRecorded->bindValue(QStringLiteral(":started"), row.record->attempt.dateStarted);
        alreadyRecorded->bindValue(QStringLiteral(":sent"), row.record->attempt.dateSent);
        if (Status s = exec(*alreadyRecorded, "recording an attempt"); !s) {
            return R::failure(s.error());
        }
        const bool duplicate = alreadyRecorded->next();
        alreadyRecorded->finish();
        if (duplicate)
            continue;
        // The delivery moved on while the attempt was out (its lease expired and it was
        // claimed again, it was retried or suspended by hand, or its webhook was deleted):
        // the request was made, so the attempt is kept if the delivery still exists, and the
        // state stays as the other party set it.
        attemptOnly->bindValue(QStringLiteral(":id"), id);
        if (Status s = exec(*attemptOnly, "recording an attempt"); !s) {
            return R::failure(s.error());
        }
        if (attemptOnly->next())
            row.after = readDelivery(*attemptOnly);
        attemptOnly->finish();
    }
    QList<const Row *> kept;
    for (const Row &row : std::as_const(rows)) {
        if (row.after)
            kept.append(&row);
    }
    QList<Delivery> after;
    if (!kept.isEmpty()) {
        QStringList values;
        for (qsizetype i = 0; i < kept.size(); ++i)
            values << QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const std::string insertKey = "record.insert." + std::to_string(kept.size());
        SqlStatement *insert = prepared(insertKey.c_str(),
            QStringLiteral("INSERT INTO attempts (delivery_id, number, date_started, date_sent, duration_ms, "
                           "request_url, request_method, request_headers, response_status, response_headers, "
                           "response_body, response_body_truncated, connection_error, deactivated) VALUES %1")
                .arg(values.join(QLatin1String(", "))),
            error);
        if (!insert) {
            return R::failure(error.error());
        }
        position = 0;
        for (const Row *row : std::as_const(kept)) {
            const Attempt &a = row->record->attempt;
            insert->bindValue(position++, a.deliveryId);
            insert->bindValue(position++, row->after->totalAttempts);
            insert->bindValue(position++, a.dateStarted);
            insert->bindValue(position++, a.dateSent);
            insert->bindValue(position++, a.durationMs);
            insert->bindValue(position++, a.request.url);
            insert->bindValue(position++, QString::fromLatin1(a.request.method));
            insert->bindValue(position++, headersToJson(a.request.headers));
            if (a.response) {
                insert->bindValue(position++, a.response->statusCode);
                insert->bindValue(position++, headersToJson(a.response->headers));
                insert->bindValue(position++, a.response->body);
                insert->bindValue(position++, a.response->bodyTruncated ? 1 : 0);
            } else {
                insert->bindValue(position++, QVariant(QMetaType(QMetaType::Int)));
                insert->bindValue(position++, QVariant(QMetaType(QMetaType::QString)));
                insert->bindValue(position++, QVariant(QMetaType(QMetaType::QByteArray)));
                insert->bindValue(position++, 0);
            }
            insert->bindValue(
                position++, nullableText(a.connectionError.isEmpty() ? QString() : a.connectionError));
            insert->bindValue(position++, a.deactivated ? 1 : 0);
            after.append(*row->after);
        }
        if (Status s = exec(*insert, "recording attempts"); !s) {
            return R::failure(s.error());
        }
    }
    notifyChange();
    return after;
}

Status JobStore::renewLeases(const QList<Lease> &leases, qint64 leaseMs)
{
    ensureConnected();
    if (leases.isEmpty())
        return {};
    Status error;
    SqlStatement *renew = prepared("lease.renew",
        QStringLiteral("UPDATE deliveries SET lease_expires = :expires WHERE id = :id AND "
                       "status = 1 AND lease_token = :token"),
        error);
    if (!renew)
        return error;
    SqlStatement &q = *renew;
    if (Status s = begin(); !s)
        return s;
    const TimeMs expires = now() + leaseMs;
    for (const Lease &lease : leases) {
        q.bindValue(QStringLiteral(":expires"), expires);
        q.bindValue(QStringLiteral(":id"), lease.deliveryId);
        q.bindValue(QStringLiteral(":token"), lease.token);
        if (Status s = exec(q, "renewing leases"); !s) {
            rollback();
            return s;
        }
    }
    return commit();
}

Status JobStore::releaseLeases(const QList<Lease> &leases)
{
    ensureConnected();
    if (leases.isEmpty())
        return {};
    if (Status s = begin(); !s)
        return s;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(QStringLiteral("UPDATE deliveries SET status = 0, lease_expires = NULL, lease_owner = NULL, "
                             "lease_token = NULL WHERE id = :id AND status = 1 AND lease_token = :token"));
    for (const Lease &lease : leases) {
        q.bindValue(QStringLiteral(":id"), lease.deliveryId);
        q.bindValue(QStringLiteral(":token"), lease.token);
        if (Status s = exec(q, "releasing leases"); !s) {
            rollback();
            return s;
        }
    }
    notifyChange();
    return commit();
}

Result<std::optional<TimeMs>> JobStore::nextWakeTime()
{
    ensureConnected();
    using R = Result<std::optional<TimeMs>>;
    Status error;
    // Each webhook's earliest waiting delivery, one index probe each, leaving out webhooks at
    // their own limit: their due work must not look due (the dispatcher would look again
    // every millisecond); a lease ending, the second value, frees their room.
    SqlStatement *q = prepared("next.wake",
        QStringLiteral(
            "SELECT (SELECT MIN(next_start) FROM (SELECT (SELECT x.scheduled_start FROM deliveries x "
            "WHERE x.status = 0 AND x.webhook_id = w.id AND x.scheduled_start IS NOT NULL ORDER BY "
            "x.scheduled_start LIMIT 1) AS next_start FROM webhooks w WHERE w.max_in_flight IS NULL "
            "OR w.max_in_flight > (SELECT COUNT(*) FROM deliveries r WHERE r.status = 1 AND "
            "r.webhook_id = w.id)) AS firsts), (SELECT MIN(lease_expires) FROM deliveries WHERE "
            "status = 1)"),
        error);
    if (!q)
        return R::failure(error.error());
    if (Status s = exec(*q, "finding the next due delivery"); !s)
        return R::failure(s.error());
    q->next();
    std::optional<TimeMs> next;
    for (int i = 0; i < 2; ++i) {
        if (!q->value(i).isNull()) {
            const TimeMs t = q->value(i).toLongLong();
            next = next ? qMin(*next, t) : t;
        }
    }
    q->finish();
    return next;
}

Result<bool> JobStore::hasUnfinished()
{
    ensureConnected();
    Status error;
    SqlStatement *q = prepared(
        "has.unfinished", QStringLiteral("SELECT 1 FROM deliveries WHERE status IN (0, 1) LIMIT 1"), error);
    if (!q)
        return Result<bool>::failure(error.error());
    if (Status s = exec(*q, "checking for unfinished deliveries"); !s)
        return Result<bool>::failure(s.error());
    const bool any = q->next();
    q->finish();
    return any;
}

Result<int> JobStore::pruneChunk(TimeMs before, int chunk)
{
    return inTransaction<int>([&]() -> Result<int> {
        Status error;
        // `+status`: only deliveries_finished can serve this (the old finished ones), never the
        // status index (every finished delivery, old or new), which SQLite picks on a store never
        // ANALYZEd.
        SqlStatement *q = prepared("prune.chunk",
            QStringLiteral("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE "
                           "date_finished < :before AND +status IN (2, 3) LIMIT :chunk)"),
            error);
        if (!q)
            return Result<int>::failure(error.error());
        q->bindValue(QStringLiteral(":before"), before);
        q->bindValue(QStringLiteral(":chunk"), chunk);
        if (Status s = exec(*q, "pruning deliveries"); !s)
            return Result<int>::failure(s.error());
        const int n = q->numRowsAffected();
        q->finish();
        if (n > 0)
            notifyChange();
        return n;
    });
}

Result<qint64> JobStore::prune(TimeMs before, int chunk)
{
    qint64 total = 0;
    for (;;) {
        const auto n = pruneChunk(before, chunk);
        if (!n)
            return Result<qint64>::failure(n.error());
        total += n.value();
        if (n.value() < chunk)
            return total;
    }
}

void JobStore::watchChanges(QObject *context, std::function<void()> onChange, std::optional<int> pollMs)
{
    QSqlDatabase db = database();
    const bool pg = m_config.backend == DatabaseConfig::Backend::Postgres;
    if (pg && !m_throughPooler && !pollMs) {
        QSqlDriver *driver = db.driver();
        if (driver->subscribeToNotification(QLatin1String(NotifyChannel))) {
            m_subscribed = true;
            QObject::connect(driver, &QSqlDriver::notification, context,
                [onChange](
                    const QString &, QSqlDriver::NotificationSource, const QVariant &) { onChange(); });
            // An idle connection learns of a server restart only by using it: look once a
            // second, and after a reconnect catch up on what the lost notifications said.
            auto *keepAlive = new QTimer(context);
            QObject::connect(keepAlive, &QTimer::timeout, context, [this, onChange] {
                const bool wasBroken = m_broken;
                ensureConnected();
                if (wasBroken && !m_broken) {
                    onChange();
                    return;
                }
                QSqlQuery q(database());
                if (!q.exec(QStringLiteral("SELECT 1")))
                    noteFailure(q.lastError());
            });
            keepAlive->start(1000);
            return;
        }
        qCWarning(lcStore) << "PostgreSQL notifications unavailable; checking for changes every"
                           << DefaultPoolerPollMs << "ms";
    }
    // SQLite: data_version changes when another connection commits. PostgreSQL: the next
    // transaction id changes when any transaction writes, on any connection of the server, and
    // a transaction pooler's answer is the server's whatever connection asks. Both are cheap to
    // read. The first reading is taken now, so a change made before the first check is not missed.
    auto *timer = new QTimer(context);
    const auto readVersion = [this, pg]() -> qint64 {
        if (pg)
            ensureConnected();
        QSqlQuery q(database());
        if (!q.exec(pg ? QStringLiteral("SELECT CAST(pg_snapshot_xmax(pg_current_snapshot()) AS TEXT)")
                       : QStringLiteral("PRAGMA data_version"))
            || !q.next()) {
            noteFailure(q.lastError());
            return -1;
        }
        return q.value(0).toLongLong();
    };
    auto last = std::make_shared<qint64>(readVersion());
    QObject::connect(timer, &QTimer::timeout, context, [onChange, last, readVersion] {
        const qint64 version = readVersion();
        if (version < 0)
            return;
        if (*last >= 0 && version != *last)
            onChange();
        *last = version;
    });
    timer->start(pollMs.value_or(pg ? DefaultPoolerPollMs : DefaultSqliteCheckMs));
}
