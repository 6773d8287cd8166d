#pragma once

#include "keyedtablemodel.h"
#include "scheduledretry.h"

#include <QTimer>

// Every delivery waiting for a retry, soonest first, with a live countdown, the attempt it
// will be, the time left in its retry window and the attempts its policy still projects.
class RetryScheduleModel final : public KeyedTableModel<ScheduledRetry>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryScheduleModel)

public:
    enum Column {
        Id,
        Webhook,
        EventType,
        NextAttempt,
        Countdown,
        AttemptNumber,
        WindowLeft,
        Projected,
        ColumnCount
    };
    enum Role { RawValueRole = Qt::UserRole + 1, DeliveryIdRole };

    explicit RetryScheduleModel(const Clock *clock = Clock::system(), QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSchedule(const QList<ScheduledRetry> &rows) { applyRows(rows); }
    std::optional<ScheduledRetry> retryAt(int row) const;

protected:
    qint64 keyOf(const ScheduledRetry &row) const override { return row.delivery.id; }

private:
    const Clock *m_clock;
    QTimer m_tick;
};
