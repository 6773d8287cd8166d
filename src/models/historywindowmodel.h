#pragma once

#include "delivery.h"

#include <QAbstractTableModel>

#include <optional>

class DeliveryHistoryModel;

// The rows of the delivery history that fit the view, from `top()` down: a view of this model
// never learns how many deliveries the history holds. A view told ten million rows keeps a
// header section for each (134 MB, and a GUI stall of up to 0.6 s each time the count
// arrives); this model has only as many rows as the viewport shows, and a move changes which
// deliveries they are (dataChanged), never how many rows there are.
class HistoryWindowModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryWindowModel)

public:
    explicit HistoryWindowModel(DeliveryHistoryModel *history, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    DeliveryHistoryModel *history() const { return m_history; }
    // The history's row shown in the first row.
    qint64 top() const { return m_top; }
    // The highest top: the history's last row at the bottom of the rows wholly in view.
    qint64 maximumTop() const;
    int pageRows() const { return m_pageRows; }
    // `page`: rows wholly in view; `rows`: with the one cut at the bottom.
    void setViewRows(int page, int rows);
    // Clamped to 0…maximumTop().
    void setTop(qint64 top);
    qint64 historyRow(int row) const { return m_top + row; }
    std::optional<Delivery> deliveryAt(int row) const;

Q_SIGNALS:
    // The top or the history's row count changed: a scroll bar standing for the whole
    // history has to follow.
    void positionChanged();

private:
    // Makes the row count what the history and the view's height say, and has the view
    // look at every row again.
    void sync();
    int wantedRows() const;

    DeliveryHistoryModel *m_history;
    qint64 m_top = 0;
    int m_pageRows = 1;
    int m_viewRows = 1;
    int m_rows = 0;
};
