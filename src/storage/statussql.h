#pragma once

#include "delivery.h"

#include <QString>
#include <QStringList>

#include <initializer_list>

// A delivery's status as SQL text: the one mapping from JobStatus to the numbers stored.
// Literals, not bound values, so that PostgreSQL can match a query to a partial index whose
// predicate names statuses (deliveries_waiting, deliveries_failed_id).
namespace StatusSql {

inline QString literal(JobStatus status)
{
    return QString::number(int(status));
}

// "(2, 3)" for an IN list.
inline QString list(std::initializer_list<JobStatus> statuses)
{
    QStringList numbers;
    for (JobStatus status : statuses)
        numbers << literal(status);
    return QLatin1Char('(') + numbers.join(QLatin1String(", ")) + QLatin1Char(')');
}

// {WAITING}, {RUNNING}, {COMPLETED}, {FAILED} and {SUSPENDED} in `text` as their numbers.
inline QString fill(QString text)
{
    text.replace(QLatin1String("{WAITING}"), literal(JobStatus::Waiting));
    text.replace(QLatin1String("{RUNNING}"), literal(JobStatus::Running));
    text.replace(QLatin1String("{COMPLETED}"), literal(JobStatus::Completed));
    text.replace(QLatin1String("{FAILED}"), literal(JobStatus::Failed));
    text.replace(QLatin1String("{SUSPENDED}"), literal(JobStatus::Suspended));
    return text;
}

// Launchpad's icons as conditions on a row: a finished delivery that did not succeed has failed
// for good; one still pending that did not succeed is retrying.
inline QString failed()
{
    return QStringLiteral("successful = 0 AND status IN ")
        + list({ JobStatus::Completed, JobStatus::Failed });
}

inline QString retrying()
{
    return QStringLiteral("successful = 0 AND status IN ")
        + list({ JobStatus::Waiting, JobStatus::Running, JobStatus::Suspended });
}

} // namespace StatusSql
