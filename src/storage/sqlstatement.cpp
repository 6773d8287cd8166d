#include "sqlstatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

namespace {
bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}
} // namespace

SqlStatement::SqlStatement(const QSqlDatabase &database, Mode mode)
    : m_query(database)
    , m_mode(mode)
{
}

bool SqlStatement::prepare(const QString &sql)
{
    m_named.clear();
    m_positional.clear();
    if (m_mode == Mode::Prepared)
        return m_query.prepare(sql);
    m_sql = sql;
    return true;
}

void SqlStatement::bindValue(const QString &placeholder, const QVariant &value)
{
    if (m_mode == Mode::Prepared)
        m_query.bindValue(placeholder, value);
    else
        m_named.insert(placeholder.startsWith(QLatin1Char(':')) ? placeholder.mid(1) : placeholder, value);
}

void SqlStatement::bindValue(int position, const QVariant &value)
{
    if (m_mode == Mode::Prepared) {
        m_query.bindValue(position, value);
        return;
    }
    if (m_positional.size() <= position)
        m_positional.resize(position + 1);
    m_positional[position] = value;
}

bool SqlStatement::exec()
{
    if (m_mode == Mode::Prepared)
        return m_query.exec();
    const QSqlDriver *driver = m_query.driver();
    const auto quote = [driver](const QVariant &value) {
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        return driver->formatValue(field);
    };
    return m_query.exec(inlined(m_sql, m_named, m_positional, quote));
}

bool SqlStatement::exec(const QString &sql)
{
    return m_query.exec(sql);
}

QSqlError SqlStatement::lastError() const
{
    return m_query.lastError();
}

QString SqlStatement::inlined(const QString &sql, const QHash<QString, QVariant> &named,
    const QList<QVariant> &positional, const std::function<QString(const QVariant &)> &quote)
{
    QString out;
    out.reserve(sql.size() + 64);
    int position = 0;
    QChar quoteChar;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (!quoteChar.isNull()) {
            out += c;
            if (c == quoteChar)
                quoteChar = QChar();
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quoteChar = c;
            out += c;
        } else if (c == QLatin1Char('?')) {
            out += quote(positional.value(position++));
        } else if (c == QLatin1Char(':') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char(':')) {
            out += QLatin1String("::"); // a PostgreSQL cast
            ++i;
        } else if (c == QLatin1Char(':') && i + 1 < sql.size() && isNameChar(sql.at(i + 1))) {
            qsizetype end = i + 1;
            while (end < sql.size() && isNameChar(sql.at(end)))
                ++end;
            out += quote(named.value(sql.mid(i + 1, end - i - 1)));
            i = end - 1;
        } else {
            out += c;
        }
    }
    return out;
}
