#pragma once

#include "summarybars.h"

#include <QWidget>

// Attempts per hour of a filtered history, drawn with QPainter: a bar per hour (or per run of
// hours when there are more than fit), delivered green below failed red, the busiest bar's
// count and the first and last hour on the axes.
class SummaryChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryChart)

public:
    explicit SummaryChart(QWidget *parent = nullptr);

    void setHours(const QList<HistorySummary::HourCount> &hours);
    // The bars as drawn at the present width.
    QList<SummaryBar> bars() const;

    QSize sizeHint() const override { return { 520, 180 }; }
    QSize minimumSizeHint() const override { return { 240, 120 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRect plotArea() const;

    QList<HistorySummary::HourCount> m_hours;
};
