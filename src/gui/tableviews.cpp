#include "tableviews.h"

#include <QAction>
#include <QHeaderView>
#include <QTableView>

namespace TableViews {

QTableView *make(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

void fitHeaderTexts(QHeaderView *header)
{
    for (int section = 0; section < header->count(); ++section)
        header->resizeSection(section, qMax(header->sectionSize(section), header->sectionSizeHint(section)));
}

QAction *separator(QObject *parent)
{
    auto *action = new QAction(parent);
    action->setSeparator(true);
    return action;
}

} // namespace TableViews
