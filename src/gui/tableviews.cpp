#include "tableviews.h"

#include <QAbstractItemDelegate>
#include <QAction>
#include <QHeaderView>
#include <QHelpEvent>
#include <QMenu>
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

void addColumnMenu(QHeaderView *header)
{
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(header, &QWidget::customContextMenuRequested, header, [header](const QPoint &pos) {
        QMenu menu(header);
        const QAbstractItemModel *model = header->model();
        const int shown = header->count() - header->hiddenSectionCount();
        for (int section = 0; section < header->count(); ++section) {
            QString title = model->headerData(section, header->orientation()).toString();
            title.replace(QLatin1Char('\n'), QLatin1Char(' '));
            QAction *action = menu.addAction(title);
            action->setCheckable(true);
            action->setChecked(!header->isSectionHidden(section));
            action->setEnabled(header->isSectionHidden(section) || shown > 1);
            QObject::connect(action, &QAction::toggled, header, [header, section](bool on) {
                header->setSectionHidden(section, !on);
                if (on && header->sectionSize(section) < header->sectionSizeHint(section))
                    header->resizeSection(section, header->sectionSizeHint(section));
            });
        }
        menu.exec(header->mapToGlobal(pos));
    });
}

void fitToWidth(QTableView *view, const QList<int> &elidable, int minimum)
{
    QHeaderView *header = view->horizontalHeader();
    // What the shown columns need: their widths, and for a last section that stretches to fill
    // the rest (its width says nothing), its header's or its cells' width.
    int needed = 0;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int section = header->logicalIndex(visual);
        if (header->isSectionHidden(section))
            continue;
        const bool stretched = header->stretchLastSection() && visual == header->count() - 1;
        if (!stretched) {
            needed += header->sectionSize(section);
            continue;
        }
        int width = header->sectionSizeHint(section);
        const QAbstractItemModel *model = view->model();
        for (int row = 0; row < qMin(model->rowCount(), 100); ++row)
            width = qMax(width, view->sizeHintForIndex(model->index(row, section)).width());
        needed += width;
    }
    // A few pixels to spare: the header's length and the sections' sum differ by rounding. A last
    // section that cannot stretch keeps a width of its own, maybe more than it needs: then the
    // header's length says what is too much.
    const int available = view->viewport()->width();
    int excess = qMax(needed - available + 4, header->length() - available);
    while (excess > 0) {
        int widest = -1;
        for (int column : elidable) {
            if (!header->isSectionHidden(column) && header->sectionSize(column) > minimum
                && (widest < 0 || header->sectionSize(column) > header->sectionSize(widest)))
                widest = column;
        }
        if (widest < 0)
            return;
        const int cut = qMin(excess, header->sectionSize(widest) - minimum);
        // Level the widest down to the next one, or cut what is left.
        int next = minimum;
        for (int column : elidable) {
            if (column != widest && !header->isSectionHidden(column))
                next = qMax(next, qMin(header->sectionSize(column), header->sectionSize(widest)));
        }
        const int step = qMax(1, qMin(cut, header->sectionSize(widest) - next));
        header->resizeSection(widest, header->sectionSize(widest) - step);
        excess -= step;
    }
}

QAction *separator(QObject *parent)
{
    auto *action = new QAction(parent);
    action->setSeparator(true);
    return action;
}

} // namespace TableViews
