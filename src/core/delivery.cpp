#include "delivery.h"

namespace JobStatusInfo {

QString name(JobStatus status)
{
    switch (status) {
    case JobStatus::Waiting:
        return QStringLiteral("waiting");
    case JobStatus::Running:
        return QStringLiteral("running");
    case JobStatus::Completed:
        return QStringLiteral("completed");
    case JobStatus::Failed:
        return QStringLiteral("failed");
    case JobStatus::Suspended:
        return QStringLiteral("suspended");
    }
    return QString();
}

QString title(JobStatus status)
{
    QString n = name(status);
    n[0] = n.at(0).toUpper();
    return n;
}

std::optional<JobStatus> fromName(const QString &n)
{
    for (JobStatus s : { JobStatus::Waiting, JobStatus::Running, JobStatus::Completed, JobStatus::Failed,
                         JobStatus::Suspended }) {
        if (n.compare(name(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

bool canTransition(JobStatus from, JobStatus to)
{
    switch (from) {
    case JobStatus::Waiting:
        return to == JobStatus::Running || to == JobStatus::Suspended;
    case JobStatus::Running:
        return to == JobStatus::Completed || to == JobStatus::Failed || to == JobStatus::Suspended
                || to == JobStatus::Waiting;
    case JobStatus::Completed:
    case JobStatus::Failed:
    case JobStatus::Suspended:
        return to == JobStatus::Waiting;
    }
    return false;
}

QString invalidTransitionMessage(JobStatus from, JobStatus to)
{
    return QStringLiteral("Transition from %1 to %2 is invalid.").arg(title(from), title(to));
}

} // namespace JobStatusInfo

Delivery::Display Delivery::display() const
{
    if (!successful.has_value())
        return Display::NeverTried;
    if (*successful)
        return Display::Delivered;
    return pending() ? Display::Retrying : Display::Failed;
}
