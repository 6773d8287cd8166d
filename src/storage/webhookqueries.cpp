#include "jobstore.h"

#include "sqlstatement.h"
#include "storerows.h"

// The webhooks: added, changed, read and removed.

using namespace StoreRows;

Result<qint64> JobStore::addWebhook(const Webhook &webhook)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    q.prepare(sql(
        "INSERT INTO webhooks (delivery_url, active, secret, event_types, headers, timeout_ms, retry_preset, "
        "retry_window_ms, retry_early_delay_ms, retry_early_period_ms, retry_late_delay_ms, "
        "trust_self_signed, date_created, date_last_modified, max_in_flight, profile, auto_disable_after_ms, "
        "retry_schedule) VALUES (:url, :active, :secret, :types, :headers, :timeout, :preset, :window, "
        ":early_delay, :early_period, :late_delay, :trust, :created, :modified, :max_in_flight, :profile, "
        ":auto_disable, :schedule) RETURNING id"));
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
        "max_in_flight = :max_in_flight, profile = :profile, auto_disable_after_ms = :auto_disable, "
        "retry_schedule = :schedule WHERE id = :id"));
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

Status JobStore::rotateSecret(qint64 webhookId, const QString &secret, TimeMs keepPreviousUntil)
{
    ensureConnected();
    SqlStatement q(database(), SqlStatement::Mode(statementMode()));
    // The right-hand sides read the row as it was: the secret before becomes the previous one.
    // A secret is stored as NULL when there is none (bindWebhook).
    q.prepare(sql("UPDATE webhooks SET previous_secret = secret, previous_secret_until = CASE WHEN secret IS "
                  "NULL THEN NULL ELSE CAST(:until AS BIGINT) END, secret = :secret, date_last_modified = "
                  ":modified WHERE id = :id"));
    q.bindValue(QStringLiteral(":until"), keepPreviousUntil);
    q.bindValue(QStringLiteral(":secret"), secret);
    q.bindValue(QStringLiteral(":modified"), now());
    q.bindValue(QStringLiteral(":id"), webhookId);
    if (Status s = exec(q, "rotating a secret"); !s)
        return s;
    if (q.numRowsAffected() == 0)
        return Status::failure(notFound("webhook", webhookId), ErrorKind::NotFound);
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
