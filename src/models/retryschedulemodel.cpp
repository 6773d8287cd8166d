#include "retryschedulemodel.h"

#include "deliverytext.h"

RetryScheduleModel::RetryScheduleModel(const Clock *clock, QObject *parent)
    : KeyedTableModel<ScheduledRetry>(parent)
    , m_clock(clock)
{
    // The countdowns move once a second; only their two columns change.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, Countdown), index(int(m_rows.size() - 1), WindowLeft));
    });
    m_tick.start();
}

int RetryScheduleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RetryScheduleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ScheduledRetry &row = m_rows.at(index.row());
    const Delivery &d = row.delivery;
    const TimeMs now = m_clock->now();
    const TimeMs next = d.scheduledStart.value_or(now);
    switch (role) {
    case DeliveryIdRole:
        return d.id;
    case Qt::ToolTipRole:
        if (index.column() == Projected) {
            QStringList times;
            for (TimeMs t : row.projectedAttempts)
                times << DeliveryText::time(t);
            return times.join(QLatin1Char('\n'));
        }
        return DeliveryText::summary(d);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Id:
            return QString::number(d.id);
        case Webhook:
            return row.webhookUrl;
        case EventType:
            return d.eventType;
        case NextAttempt:
            return DeliveryText::shortTime(next);
        case Countdown:
            return DeliveryText::countdown(next - now);
        case AttemptNumber:
            return tr("#%1").arg(d.totalAttempts + 1);
        case WindowLeft:
            return row.windowEnds > now ? DeliveryText::span(row.windowEnds - now) : tr("last attempt");
        case Projected: {
            if (row.projectedAttempts.size() <= 1)
                return tr("this one is the last");
            QStringList times;
            for (int i = 1; i < row.projectedAttempts.size() && i <= 3; ++i)
                times << DeliveryText::time(row.projectedAttempts.at(i)).mid(11, 5);
            return tr("%n more: %1…", nullptr, int(row.projectedAttempts.size() - 1))
                .arg(times.join(QLatin1String(", ")));
        }
        case ColumnCount:
            break;
        }
        return QVariant();
    case RawValueRole:
        switch (Column(index.column())) {
        case Id:
            return d.id;
        case Webhook:
            return d.webhookId;
        case EventType:
            return d.eventType;
        case NextAttempt:
        case Countdown:
            return next;
        case AttemptNumber:
            return d.totalAttempts + 1;
        case WindowLeft:
            return row.windowEnds - now;
        case Projected:
            return int(row.projectedAttempts.size());
        case ColumnCount:
            break;
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant RetryScheduleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Id");
    case Webhook:
        return tr("Webhook");
    case EventType:
        return tr("Event type");
    case NextAttempt:
        return tr("Next attempt");
    case Countdown:
        return tr("Countdown");
    case AttemptNumber:
        return tr("Attempt");
    case WindowLeft:
        return tr("Window left");
    case Projected:
        return tr("Projected attempts");
    case ColumnCount:
        break;
    }
    return QVariant();
}

std::optional<ScheduledRetry> RetryScheduleModel::retryAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}
