#pragma once

// Test stores on both backends: a SQLite file in a temporary folder, and a fresh database
// on the PostgreSQL server named by HOOKWATCH_TEST_PG_URL (.ci/with-postgres starts one).
// Under CI=true a missing PostgreSQL fails the run instead of skipping it.

#include "databaseconfig.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace TestDatabases {

inline QString postgresUrl()
{
    return qEnvironmentVariable("HOOKWATCH_TEST_PG_URL");
}

inline bool postgresRequired()
{
    return qEnvironmentVariable("CI") == QLatin1String("true")
            || qEnvironmentVariableIsSet("HOOKWATCH_REQUIRE_POSTGRES");
}

// Adds the rows "sqlite" and "postgresql" with a `backend` QString column.
inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

// A throw-away store for one test; the PostgreSQL database is dropped at the end.
class Scratch
{
public:
    // On failure `error` says why; a test calls QSKIP or QFAIL with it (see prepare()).
    explicit Scratch(const QString &backend)
    {
        if (backend == QLatin1String("sqlite")) {
            m_dir = std::make_unique<QTemporaryDir>();
            m_url = QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("store.db"));
            return;
        }
        const auto base = DatabaseConfig::parse(postgresUrl());
        if (postgresUrl().isEmpty() || !base) {
            m_error = QStringLiteral("HOOKWATCH_TEST_PG_URL is not set: run the tests through .ci/with-postgres");
            return;
        }
        m_admin = QStringLiteral("pgadmin-") + QUuid::createUuid().toString(QUuid::Id128);
        m_name = QStringLiteral("hookwatch_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_admin);
            db.setHostName(base->host);
            db.setPort(base->port);
            db.setUserName(base->user);
            db.setPassword(base->password);
            db.setDatabaseName(base->databaseName);
            if (!db.open()) {
                m_error = QStringLiteral("cannot reach PostgreSQL at %1: %2")
                                  .arg(base->displayUrl(), db.lastError().text());
                return;
            }
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE DATABASE ") + m_name)) {
                m_error = q.lastError().text();
                return;
            }
        }
        DatabaseConfig c = base.value();
        c.databaseName = m_name;
        m_url = c.url();
    }

    ~Scratch()
    {
        if (m_admin.isEmpty())
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_admin, false);
            if (db.isOpen() && !m_name.isEmpty()) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_name + QStringLiteral(" WITH (FORCE)"));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(m_admin);
    }

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    QString url() const { return m_url; }
    DatabaseConfig config() const { return DatabaseConfig::parse(m_url).value(); }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_url;
    QString m_error;
    QString m_admin;
    QString m_name;
};

} // namespace TestDatabases

// Skips a PostgreSQL row when no server is configured, except under CI=true where it fails.
#define HOOKWATCH_REQUIRE_SCRATCH(scratch)                                                                   \
    do {                                                                                                   \
        if (!(scratch).ok()) {                                                                             \
            if (TestDatabases::postgresRequired())                                                         \
                QFAIL(qPrintable((scratch).error()));                                                      \
            QSKIP(qPrintable((scratch).error()));                                                          \
        }                                                                                                  \
    } while (false)
