#include "historyview.h"

#include "deliveryhistorymodel.h"
#include "historywindowmodel.h"
#include "tableviews.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QWheelEvent>

HistoryView::HistoryView(HistoryWindowModel *model, QWidget *parent)
    : QTableView(parent)
    , m_model(model)
    , m_bar(new QScrollBar(Qt::Vertical, parent))
{
    TableViews::setUp(this);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setModel(m_model);
    m_bar->setObjectName(QStringLiteral("historyPositionBar"));
    m_bar->setSingleStep(1);
    m_bar->setFocusProxy(this);
    connect(m_bar, &QScrollBar::valueChanged, this, [this](int value) { m_model->setTop(value); });
    connect(m_model, &HistoryWindowModel::positionChanged, this, &HistoryView::followPosition);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &HistoryView::applySelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Another filter or sort: another list, nothing of the old one selected.
        m_selectedIds.clear();
        m_pendingRows.clear();
        m_pendingCurrentRow.reset();
        if (m_currentId) {
            m_currentId.reset();
            Q_EMIT currentDeliveryChanged();
        }
    });
    followPosition();
}

qint64 HistoryView::topRow() const
{
    return m_model->top();
}

void HistoryView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    updateViewRows();
}

void HistoryView::updateViewRows()
{
    const int rowHeight = qMax(1, verticalHeader()->defaultSectionSize());
    const int height = viewport()->height();
    m_model->setViewRows(height / rowHeight, (height + rowHeight - 1) / rowHeight);
}

void HistoryView::followPosition()
{
    const QSignalBlocker blocker(m_bar);
    const qint64 maximum = qMin<qint64>(m_model->maximumTop(), INT_MAX);
    m_bar->setRange(0, int(maximum));
    m_bar->setPageStep(m_model->pageRows());
    m_bar->setValue(int(qMin<qint64>(m_model->top(), maximum)));
    m_bar->setEnabled(maximum > 0);
}

void HistoryView::wheelEvent(QWheelEvent *event)
{
    // The bar scrolls as it would as the view's own, by the desktop's lines per notch.
    if (event->angleDelta().y() != 0)
        QCoreApplication::sendEvent(m_bar, event);
    else
        QTableView::wheelEvent(event);
}

QModelIndex HistoryView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    const qint64 count = m_model->history()->rowCount();
    if (count == 0)
        return QModelIndex();
    const QModelIndex current = currentIndex();
    const qint64 row = m_model->top() + (current.isValid() ? current.row() : 0);
    const int column = current.isValid() ? current.column() : 0;
    const int page = m_model->pageRows();
    qint64 target = row;
    switch (action) {
    case MoveUp:
    case MovePrevious:
        target = row - 1;
        break;
    case MoveDown:
    case MoveNext:
        target = row + 1;
        break;
    case MovePageUp:
        target = row - page;
        break;
    case MovePageDown:
        target = row + page;
        break;
    case MoveHome:
        if (!(modifiers & Qt::ControlModifier))
            return QTableView::moveCursor(action, modifiers);
        target = 0;
        break;
    case MoveEnd:
        if (!(modifiers & Qt::ControlModifier))
            return QTableView::moveCursor(action, modifiers);
        target = count - 1;
        break;
    default:
        return QTableView::moveCursor(action, modifiers);
    }
    target = qBound<qint64>(0, target, count - 1);
    if (target < m_model->top())
        m_model->setTop(target);
    else if (target >= m_model->top() + page)
        m_model->setTop(target - page + 1);
    return m_model->index(int(target - m_model->top()), column);
}

QItemSelectionModel::SelectionFlags HistoryView::selectionCommand(
    const QModelIndex &index, const QEvent *event) const
{
    const auto command = QTableView::selectionCommand(index, event);
    m_clearing = command & QItemSelectionModel::Clear;
    return command;
}

std::optional<qint64> HistoryView::idAt(int row) const
{
    const QVariant id = m_model->index(row, 0).data(DeliveryHistoryModel::DeliveryIdRole);
    return id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt;
}

void HistoryView::selectionChanged(const QItemSelection &selected, const QItemSelection &deselected)
{
    QTableView::selectionChanged(selected, deselected);
    if (m_applying)
        return;
    if (m_clearing) {
        // A plain click or move: what was selected out of view goes too.
        m_selectedIds.clear();
        m_pendingRows.clear();
        m_clearing = false;
    }
    for (const QModelIndex &index : deselected.indexes()) {
        if (const auto id = idAt(index.row()))
            m_selectedIds.remove(*id);
        m_pendingRows.remove(m_model->historyRow(index.row()));
    }
    for (const QModelIndex &index : selectionModel()->selectedRows()) {
        if (const auto id = idAt(index.row()))
            m_selectedIds.insert(*id);
        else
            m_pendingRows.insert(m_model->historyRow(index.row()));
    }
}

void HistoryView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTableView::currentChanged(current, previous);
    if (m_applying || !current.isValid())
        return;
    const auto id = idAt(current.row());
    m_pendingCurrentRow.reset();
    if (!id)
        m_pendingCurrentRow = m_model->historyRow(current.row());
    if (id == m_currentId)
        return;
    m_currentId = id;
    Q_EMIT currentDeliveryChanged();
}

void HistoryView::applySelection()
{
    if (m_applying || !selectionModel())
        return;
    m_applying = true;
    // Rows chosen before they were loaded become their deliveries once they are.
    bool currentFound = false;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const qint64 historyRow = m_model->historyRow(row);
        const auto id = idAt(row);
        if (!id)
            continue;
        if (m_pendingRows.remove(historyRow))
            m_selectedIds.insert(*id);
        if (m_pendingCurrentRow == historyRow) {
            m_pendingCurrentRow.reset();
            m_currentId = id;
            currentFound = true;
        }
    }
    QItemSelection selection;
    QModelIndex currentIndex;
    const int columns = m_model->columnCount();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const auto id = idAt(row);
        if (!id) {
            const qint64 historyRow = m_model->historyRow(row);
            if (m_pendingRows.contains(historyRow))
                selection.select(m_model->index(row, 0), m_model->index(row, columns - 1));
            if (m_pendingCurrentRow == historyRow)
                currentIndex = m_model->index(row, qMax(0, this->currentIndex().column()));
            continue;
        }
        if (m_selectedIds.contains(*id))
            selection.select(m_model->index(row, 0), m_model->index(row, columns - 1));
        if (id == m_currentId)
            currentIndex = m_model->index(row, qMax(0, this->currentIndex().column()));
    }
    if (selection != selectionModel()->selection())
        selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (currentIndex != this->currentIndex())
        selectionModel()->setCurrentIndex(currentIndex, QItemSelectionModel::NoUpdate);
    m_applying = false;
    if (currentFound)
        Q_EMIT currentDeliveryChanged();
}
