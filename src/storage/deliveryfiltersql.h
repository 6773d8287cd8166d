#pragma once

#include "databaseconfig.h"
#include "deliveryfilter.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

class SqlStatement;

// A DeliveryFilter as SQL on the deliveries table: its WHERE clause and the values for its
// placeholders, made together so the two cannot disagree, and its ORDER BY. The backends'
// differences in text search live here.
class DeliveryFilterSql
{
public:
    // `textFromId`: the lowest id of the newest filter.textScanLimit deliveries the rest of the
    // filter takes, found beforehand (JobStore::textSearchBound). Written into the SQL as a
    // number, so PostgreSQL's planner sees how few rows it leaves; without it the bound is a
    // subquery, whose value the planner cannot know.
    DeliveryFilterSql(const DeliveryFilter &filter, DatabaseConfig::Backend backend,
        std::optional<qint64> textFromId = std::nullopt);

    // " FROM deliveries": on SQLite the failed deliveries are read from their own index, named,
    // as SQLite's planner picks deliveries_due to count them (3.6 s instead of 0.13 s at 10M)
    // and, without statistics, deliveries_status_id and a sort for a page.
    QString from() const;
    // " WHERE …", or empty when the filter takes every delivery.
    QString where() const;
    // Binds the values where() left placeholders for.
    void bind(SqlStatement &q) const;
    // " ORDER BY …", ties broken by id in the same direction; reversed for a page from the end.
    QString orderBy() const;
    // The whole page's SELECT of `columns`, LIMIT :limit, when the filter pages a sort by status
    // or event type from a row's key (afterRow); else empty. The rest of that row's group from
    // the (key, id) index, then the groups after it, each an index range: a page at any depth
    // costs what the first costs, where an OFFSET walks every row before it.
    QString pageAfterRow(const QString &columns) const;
    // The column the filter sorts by ("id", "status", …).
    QString sortColumn() const;

    // The pattern for `LIKE … ESCAPE '\'` that finds `text` anywhere: `%`, `_` and `\` escaped.
    static QString containsPattern(const QString &text);
    // Bytes as PostgreSQL's encode(…, 'escape') writes them: zero and bytes over 127 as \ooo,
    // a backslash doubled. Payloads and response bodies are searched in this form there, as
    // they need not be valid UTF-8.
    static QString byteaEscaped(const QByteArray &bytes);

private:
    QString placeholder(const QVariant &value);
    QStringList selectionClauses(const DeliveryFilter &f);
    QString textClause(const QString &text, std::optional<qint64> textFromId);

    DeliveryFilter m_filter;
    DatabaseConfig::Backend m_backend;
    QStringList m_clauses;
    QList<QPair<QString, QVariant>> m_values;
    int m_beforeIdClause = -1; // beforeId's place in m_clauses
    QString m_rowValue; // afterRow's placeholders, when it is used
    QString m_rowId;
};
