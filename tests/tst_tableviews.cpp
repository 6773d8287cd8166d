// What the window's tables do for text that does not fit: cut on the right, whole in a tooltip.
#include "tableviews.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QtTest>

class TestTableViews final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aCutCellShowsItsWholeTextAsTooltip()
    {
        QWidget parent;
        QTableView *view = TableViews::make(&parent);
        QStandardItemModel model(1, 2);
        const QString result = QStringLiteral("Connection error: Connection refused by 127.0.0.1:8765");
        model.setItem(0, 0, new QStandardItem(QStringLiteral("200")));
        auto *cut = new QStandardItem(result);
        cut->setToolTip(QStringLiteral("Tried since 10:00"));
        model.setItem(0, 1, cut);
        view->setModel(&model);
        view->horizontalHeader()->setStretchLastSection(false);
        parent.resize(800, 200);
        view->resize(800, 200);
        QCOMPARE(view->textElideMode(), Qt::ElideRight);

        view->setColumnWidth(0, 100);
        view->setColumnWidth(1, 60);
        // Cut: the whole text first, then what the model says about the cell.
        QCOMPARE(
            TableViews::cellToolTip(view, model.index(0, 1)), result + QStringLiteral("\nTried since 10:00"));
        // Whole: only the model's own tooltip (none here).
        QCOMPARE(TableViews::cellToolTip(view, model.index(0, 0)), QString());

        view->setColumnWidth(1, view->fontMetrics().horizontalAdvance(result) + 40);
        QCOMPARE(TableViews::cellToolTip(view, model.index(0, 1)), QStringLiteral("Tried since 10:00"));
    }
};

QTEST_MAIN(TestTableViews)
#include "tst_tableviews.moc"
