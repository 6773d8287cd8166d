#pragma once

class QAction;
class QHeaderView;
class QObject;
class QTableView;
class QWidget;

// What the window's tables share: how they look and behave.
namespace TableViews {

// Whole rows selected, alternating colours, one line per row, actions as the context menu.
QTableView *make(QWidget *parent);
// Widens every section to its header's text: translated headers are often longer than the
// English ones the widths were chosen for.
void fitHeaderTexts(QHeaderView *header);
// A separator among a view's context actions.
QAction *separator(QObject *parent);

} // namespace TableViews
