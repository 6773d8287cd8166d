#include "tableviews.h"

#include <QAbstractItemDelegate>
#include <QAction>
#include <QHeaderView>
#include <QHelpEvent>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QToolTip>

namespace TableViews {

namespace {
// Answers a view's tooltip events with cellToolTip().
class CellToolTips final : public QObject
{
public:
    explicit CellToolTips(QTableView *view)
        : QObject(view)
        , m_view(view)
        , m_viewport(view->viewport())
    {
        m_viewport->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The type first: the viewport also sends events while the view is being destroyed.
        if (event->type() != QEvent::ToolTip || watched != m_viewport)
            return false;
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = cellToolTip(m_view, m_view->indexAt(help->pos()));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(
                help->globalPos(), text, m_viewport, m_view->visualRect(m_view->indexAt(help->pos())));
        return true;
    }

private:
    QTableView *m_view;
    QWidget *m_viewport;
};
} // namespace

QString cellToolTip(const QTableView *view, const QModelIndex &index)
{
    if (!index.isValid())
        return QString();
    const QString own = index.data(Qt::ToolTipRole).toString();
    const QString text = index.data(Qt::DisplayRole).toString();
    // The width the delegate would need for the whole cell (text, icon, margins) against the
    // width it has.
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.font = view->font();
    const int iconSize = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
    option.decorationSize = view->iconSize().isValid() ? view->iconSize() : QSize(iconSize, iconSize);
    const QAbstractItemDelegate *delegate = view->itemDelegateForIndex(index);
    const bool cut = !text.isEmpty() && delegate
        && delegate->sizeHint(option, index).width() > view->columnWidth(index.column());
    if (!cut)
        return own;
    if (own.isEmpty() || own == text)
        return text;
    return text + QLatin1Char('\n') + own;
}

QTableView *make(QWidget *parent)
{
    auto *view = new QTableView(parent);
    setUp(view);
    return view;
}

void setUp(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setTextElideMode(Qt::ElideRight);
    new CellToolTips(view);
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
