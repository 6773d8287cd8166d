// hookwatch-bench-emptywindow: the start-up reference of hookwatch-bench. An empty QMainWindow
// the size of Hookwatch's first window, timed the way the window times itself: it prints
// "window-shown <epoch ms>" once its first paint has been flushed, then quits.
//
// With --furnished it holds the least a window like Hookwatch's needs: a menu bar with one
// menu, a toolbar with one of the style's icons and an empty table with three headers. That
// is not the goal's reference; it shows what Qt's own first use of menus, icons, fonts and
// item views costs, which any window with content pays.

#include <QApplication>
#include <QDateTime>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>
#include <QToolBar>

#include <cstdio>

namespace {
class FirstPaint final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // The paint is flushed once the event that carries it is done.
            QMetaObject::invokeMethod(
                this,
                [] {
                    std::printf("window-shown %lld\n", QDateTime::currentMSecsSinceEpoch());
                    std::fflush(stdout);
                    QCoreApplication::quit();
                },
                Qt::QueuedConnection);
        }
        return false;
    }

private:
    bool m_seen = false;
};
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    // Hookwatch's first size (MainWindow::restoreWindowState)
    window.resize(QSize(1380, 860).boundedTo(window.screen()->availableSize() * 0.9));
    if (QCoreApplication::arguments().contains(QStringLiteral("--furnished"))) {
        window.menuBar()->addMenu(QStringLiteral("&File"))->addAction(QStringLiteral("&Quit"));
        window.addToolBar(QStringLiteral("Main"))
            ->addAction(window.style()->standardIcon(QStyle::SP_BrowserReload), QStringLiteral("Retry"));
        auto *table = new QTableView;
        auto *model = new QStandardItemModel(0, 3, table);
        model->setHorizontalHeaderLabels(
            { QStringLiteral("Id"), QStringLiteral("Status"), QStringLiteral("Result") });
        table->setModel(model);
        window.setCentralWidget(table);
    }
    FirstPaint watcher;
    window.installEventFilter(&watcher);
    window.show();
    return app.exec();
}
