#pragma once

#include "deliveryfilter.h"
#include "historysummary.h"

#include <QDialog>

class QLabel;
class StoreConnection;
class SummaryChart;

// What the history as filtered in the window adds up to: delivered, retrying, failed, the
// receiver's median and p95 response time, and the attempts per hour as a chart. Asked of the
// store's thread; the newest 100,000 deliveries the filter takes, as `deliveries --summary`.
class SummaryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryDialog)

public:
    SummaryDialog(StoreConnection *store, const DeliveryFilter &filter, QWidget *parent = nullptr);
    ~SummaryDialog() override;

    QString countsText() const;
    QString timesText() const;
    SummaryChart *chart() const { return m_chart; }

private:
    void refresh();
    void showSummary(quint64 serial, const HistorySummary &summary);

    StoreConnection *m_connection;
    DeliveryFilter m_filter;
    quint64 m_serial = 0;
    QLabel *m_counts;
    QLabel *m_times;
    SummaryChart *m_chart;
};
