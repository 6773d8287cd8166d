#include "historywindowmodel.h"

#include "deliveryhistorymodel.h"

HistoryWindowModel::HistoryWindowModel(DeliveryHistoryModel *history, QObject *parent)
    : QAbstractTableModel(parent)
    , m_history(history)
{
    connect(m_history, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); });
    connect(m_history, &QAbstractItemModel::modelReset, this, [this] {
        m_top = 0;
        m_rows = wantedRows();
        endResetModel();
        Q_EMIT positionChanged();
    });
    connect(
        m_history, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
            // New deliveries above the rows shown push them down: the same deliveries stay in
            // view, unless the view is at the top, where the newest are what one watches.
            if (m_top > 0 && first <= m_top)
                m_top += last - first + 1;
            sync();
        });
    connect(
        m_history, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
            if (first < m_top)
                m_top = qMax<qint64>(first, m_top - (last - first + 1));
            m_top = qBound<qint64>(0, m_top, maximumTop());
            sync();
        });
    connect(m_history, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
            const qint64 first = qMax<qint64>(topLeft.row(), m_top) - m_top;
            const qint64 last = qMin<qint64>(bottomRight.row(), m_top + m_rows - 1) - m_top;
            if (first <= last)
                Q_EMIT dataChanged(
                    index(int(first), topLeft.column()), index(int(last), bottomRight.column()), roles);
        });
    connect(m_history, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged);
    m_rows = wantedRows();
}

int HistoryWindowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int HistoryWindowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_history->columnCount();
}

QVariant HistoryWindowModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    return m_history->index(int(m_top + index.row()), index.column()).data(role);
}

QVariant HistoryWindowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return QAbstractTableModel::headerData(section, orientation, role);
    return m_history->headerData(section, orientation, role);
}

void HistoryWindowModel::sort(int column, Qt::SortOrder order)
{
    m_history->sort(column, order);
}

qint64 HistoryWindowModel::maximumTop() const
{
    return qMax<qint64>(0, m_history->rowCount() - m_pageRows);
}

void HistoryWindowModel::setViewRows(int page, int rows)
{
    page = qMax(1, page);
    rows = qMax(page, rows);
    if (page == m_pageRows && rows == m_viewRows)
        return;
    m_pageRows = page;
    m_viewRows = rows;
    m_top = qBound<qint64>(0, m_top, maximumTop());
    sync();
}

void HistoryWindowModel::setTop(qint64 top)
{
    top = qBound<qint64>(0, top, maximumTop());
    if (top == m_top)
        return;
    m_top = top;
    sync();
}

std::optional<Delivery> HistoryWindowModel::deliveryAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return std::nullopt;
    return m_history->deliveryAt(int(m_top + row));
}

int HistoryWindowModel::wantedRows() const
{
    return int(qBound<qint64>(0, m_history->rowCount() - m_top, qint64(m_viewRows)));
}

void HistoryWindowModel::sync()
{
    const int rows = wantedRows();
    if (rows > m_rows) {
        beginInsertRows(QModelIndex(), m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) {
        beginRemoveRows(QModelIndex(), rows, m_rows - 1);
        m_rows = rows;
        endRemoveRows();
    }
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1));
    Q_EMIT positionChanged();
}
