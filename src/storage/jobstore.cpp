#include "jobstore.h"

#include "serverclock.h"
#include "sqlstatement.h"
#include "statussql.h"
#include "storelog.h"
#include "storerows.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

// The store's connection: opening it, re-opening a lost one, transactions, prepared
// statements, and what differs between the backends. The rest of JobStore lives beside it,
// a file per responsibility (see jobstore.h).

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
    s.replace(QLatin1String("{DELIVERY_COLUMNS}"), QLatin1String(StoreRows::DeliveryColumns));
    // Statuses by name, as numbers in the text (statussql.h says why not bound values).
    s = StatusSql::fill(std::move(s));
    s.replace(QLatin1String("{WEBHOOK_COLUMNS}"), QLatin1String(StoreRows::WebhookColumns));
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
                return Status::failure(QStringLiteral(
                    "cannot use %1: it is not a SQLite database, or a damaged one (%2). Hookwatch "
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

QString JobStore::notFound(const char *what, qint64 id)
{
    return QStringLiteral("no %1 with id %2").arg(QLatin1String(what)).arg(id);
}
