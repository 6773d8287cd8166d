#include "databaseconfig.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

Result<DatabaseConfig> DatabaseConfig::parse(const QString &text)
{
    using R = Result<DatabaseConfig>;
    DatabaseConfig c;
    if (text.startsWith(QLatin1String("sqlite:"))) {
        QString path = text.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = QUrl(text).toLocalFile();
        if (path.isEmpty())
            return R::failure(QStringLiteral("invalid database URL \"%1\": sqlite: needs a file path, "
                                             "e.g. sqlite:/home/me/hookwatch.db")
                                  .arg(text));
        c.backend = Backend::Sqlite;
        c.sqlitePath = path == QLatin1String(":memory:")
            ? path
            : QDir::cleanPath(QDir::current().absoluteFilePath(path));
        return c;
    }
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return R::failure(QStringLiteral(
                "invalid database URL: write postgresql://user[:password]@host[:port]/dbname"));
        c.backend = Backend::Postgres;
        c.host = url.host();
        c.port = url.port(5432);
        c.user = url.userName();
        c.password = url.password();
        c.databaseName = url.path().mid(1);
        if (c.databaseName.isEmpty())
            return R::failure(QStringLiteral("invalid database URL: the database name is missing "
                                             "(postgresql://user@host/dbname)"));
        const QUrlQuery query(url);
        for (const auto &item : query.queryItems()) {
            if (item.first != QLatin1String("pooler"))
                return R::failure(QStringLiteral("invalid database URL: unknown parameter \"%1\" (the one "
                                                 "Hookwatch knows is pooler=transaction, session or none)")
                                      .arg(item.first.left(40)));
            const QString mode = item.second;
            if (mode == QLatin1String("transaction"))
                c.pooler = Pooler::Transaction;
            else if (mode == QLatin1String("session"))
                c.pooler = Pooler::Session;
            else if (mode == QLatin1String("none"))
                c.pooler = Pooler::None;
            else
                return R::failure(
                    QStringLiteral("invalid database URL: pooler must be transaction, session or "
                                   "none, not \"%1\"")
                        .arg(mode.left(40)));
        }
        return c;
    }
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (!text.isEmpty() && (colon < 0 || (slash >= 0 && slash < colon))) {
        // A bare path ("./my.db", "/srv/hookwatch.db"): a SQLite file, as sqlite3 takes it.
        return parse(QStringLiteral("sqlite:") + text);
    }
    const QString scheme = colon > 0 ? text.left(colon) : QString();
    return R::failure(
        QStringLiteral("unknown database URL scheme%1: use sqlite:/path/to/file.db or "
                       "postgresql://user[:password]@host[:port]/dbname")
            .arg(scheme.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(scheme.left(40))));
}

QString DatabaseConfig::defaultSqlitePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/hookwatch.db");
}

DatabaseConfig DatabaseConfig::defaultSqlite()
{
    DatabaseConfig c;
    c.sqlitePath = defaultSqlitePath();
    return c;
}

QString DatabaseConfig::url() const
{
    if (backend == Backend::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(host);
    u.setPort(port);
    u.setUserName(user);
    u.setPassword(password);
    u.setPath(QLatin1Char('/') + databaseName);
    static const char *const poolers[] = { nullptr, "none", "session", "transaction" };
    if (const char *mode = poolers[int(pooler)])
        u.setQuery(QStringLiteral("pooler=") + QLatin1String(mode));
    return u.toString();
}

QString DatabaseConfig::displayUrl() const
{
    if (backend == Backend::Sqlite)
        return sqlitePath.size() > 160
            ? QStringLiteral("sqlite:") + sqlitePath.left(80) + QStringLiteral("…") + sqlitePath.right(60)
            : url();
    DatabaseConfig masked = *this;
    if (!masked.password.isEmpty())
        masked.password = QStringLiteral("****");
    return masked.url();
}
