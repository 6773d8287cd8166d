// hookwatch-bench-emptywindow: the start-up reference of hookwatch-bench. An empty QMainWindow
// the size of Hookwatch's first window, timed the way the window times itself: it prints
// "window-shown <epoch ms>" once its first paint has been flushed, then quits.

#include <QApplication>
#include <QDateTime>
#include <QMainWindow>

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
    window.resize(1380, 860); // Hookwatch's first size
    FirstPaint watcher;
    window.installEventFilter(&watcher);
    window.show();
    return app.exec();
}
