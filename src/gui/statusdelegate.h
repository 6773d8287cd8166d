#pragma once

#include <QStyledItemDelegate>

// Draws Launchpad's status icon next to the text of a cell whose model gives a display state
// (the models have no QtGui: they give the state, the window picks the icon).
class StatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDelegate)

public:
    // `stateRole` holds int(Delivery::Display), or nothing for a cell without an icon.
    explicit StatusDelegate(int stateRole, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_stateRole;
};
