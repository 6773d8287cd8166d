#pragma once

#include <QSet>
#include <QTableView>

#include <optional>

class HistoryWindowModel;
class QScrollBar;

// The history's table: it shows a HistoryWindowModel (the rows that fit) and moves it, so it
// never holds anything per delivery of the history. Its own vertical scroll bar is off; the
// one beside it (positionBar(), laid out by the pane) stands for the whole filtered history.
// Keys, the wheel and that bar move the window; the selection and the current row are kept
// as delivery ids, so they survive scrolling.
class HistoryView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryView)

public:
    explicit HistoryView(HistoryWindowModel *model, QWidget *parent = nullptr);

    HistoryWindowModel *windowModel() const { return m_model; }
    QScrollBar *positionBar() const { return m_bar; }
    // The history's row at the top of the view.
    qint64 topRow() const;
    std::optional<qint64> currentDeliveryId() const { return m_currentId; }
    QSet<qint64> selectedDeliveryIds() const { return m_selectedIds; }

Q_SIGNALS:
    void currentDeliveryChanged();

protected:
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    QItemSelectionModel::SelectionFlags selectionCommand(
        const QModelIndex &index, const QEvent *event = nullptr) const override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void selectionChanged(const QItemSelection &selected, const QItemSelection &deselected) override;

private:
    void updateViewRows();
    void followPosition();
    // Selects the rows in view whose deliveries are selected, and makes the current
    // delivery's row current (none when it is out of view).
    void applySelection();
    std::optional<qint64> idAt(int row) const;

    HistoryWindowModel *m_model;
    QScrollBar *m_bar;
    QSet<qint64> m_selectedIds;
    std::optional<qint64> m_currentId;
    // Rows selected or made current before their page came: history rows until then.
    QSet<qint64> m_pendingRows;
    std::optional<qint64> m_pendingCurrentRow;
    bool m_applying = false;
    mutable bool m_clearing = false; // the selection command being run starts a new selection
};
