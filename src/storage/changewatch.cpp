#include "jobstore.h"

#include "sqlstatement.h"
#include "storelog.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <memory>

// Noticing other connections' changes: PostgreSQL notifications, or a cheap counter read
// now and then (SQLite's data_version, PostgreSQL's next transaction id).

void JobStore::notifyChange()
{
    // Nobody listens through a transaction pooler: the watchers poll.
    if (m_config.backend != DatabaseConfig::Backend::Postgres || m_throughPooler)
        return;
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.exec(QStringLiteral("NOTIFY ") + QLatin1String(NotifyChannel));
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
