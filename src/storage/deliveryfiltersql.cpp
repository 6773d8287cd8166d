#include "deliveryfiltersql.h"

#include "sqlstatement.h"

#include <QStringList>

namespace DeliveryFilterSql {

QString where(const DeliveryFilter &f)
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

void bind(SqlStatement &q, const DeliveryFilter &f)
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

} // namespace DeliveryFilterSql
