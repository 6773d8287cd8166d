#pragma once

#include <QList>
#include <QString>

class QAction;
class QHeaderView;
class QModelIndex;
class QObject;
class QTableView;
class QWidget;

// What the window's tables share: how they look and behave.
namespace TableViews {

// Whole rows selected, alternating colours, one line per row, actions as the context menu;
// a cell too narrow for its text is cut on the right and shows the whole text as its tooltip.
QTableView *make(QWidget *parent);
// The same for a view made elsewhere (a QTableView subclass).
void setUp(QTableView *view);
// The tooltip of a cell: its whole text when the column is too narrow for it, then the model's
// own tooltip, if it says something else.
QString cellToolTip(const QTableView *view, const QModelIndex &index);
// Widens every section to its header's text: translated headers are often longer than the
// English ones the widths were chosen for.
void fitHeaderTexts(QHeaderView *header);
// A context menu on the header with a checkable entry per column, to hide and show columns
// (the last shown one stays). Hidden columns are part of QHeaderView::saveState().
void addColumnMenu(QHeaderView *header);
// Narrows the `elidable` columns (cut on the right, whole in their tooltip), widest first and
// none below `minimum`, until the shown columns fit the view's width without scrolling.
void fitToWidth(QTableView *view, const QList<int> &elidable, int minimum);
// A separator among a view's context actions.
QAction *separator(QObject *parent);

} // namespace TableViews
