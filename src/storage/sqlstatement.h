#pragma once

#include <QHash>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>

class QSqlDatabase;
class QSqlError;

// One SQL statement with bound values, run in one of two ways:
// - Prepared: Qt's own, a server-side prepared statement (PostgreSQL: PREPARE, then EXECUTE).
// - Inline: plain text, each value written in with the driver's own quoting, which is what
//   Qt's PostgreSQL driver writes into its EXECUTE too. For PostgreSQL behind a transaction
//   pooler (PgBouncer), where a prepared statement lives on one server connection and the
//   next transaction may get another: another client's statement of the same name, with other
//   SQL, would run instead.
class SqlStatement
{
public:
    enum class Mode { Prepared, Inline };

    SqlStatement(const QSqlDatabase &database, Mode mode);
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    bool prepare(const QString &sql);
    // `:name` placeholders, or `?` by position from 0; not both in one statement.
    void bindValue(const QString &placeholder, const QVariant &value);
    void bindValue(int position, const QVariant &value);
    bool exec();
    // A statement without values, run as it is.
    bool exec(const QString &sql);

    void setForwardOnly(bool forward) { m_query.setForwardOnly(forward); }
    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }
    void finish() { m_query.finish(); }
    QSqlError lastError() const;

    // The SQL with the values written in, placeholders outside quoted text replaced.
    static QString inlined(const QString &sql, const QHash<QString, QVariant> &named,
        const QList<QVariant> &positional, const std::function<QString(const QVariant &)> &quote);

private:
    QSqlQuery m_query;
    Mode m_mode;
    QString m_sql;
    QHash<QString, QVariant> m_named;
    QList<QVariant> m_positional;
};
