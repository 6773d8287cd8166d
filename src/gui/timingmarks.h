#pragma once

#include <QObject>

class MainWindow;

// Logs wall-clock epoch milliseconds when the window is first painted ("window-shown") and
// when the history view first paints loaded rows after its model was reset: at start and after
// each change of filter ("history-rows-shown"). Each mark is logged once the paint that shows
// it has been flushed to the screen. Off unless asked for
// (QT_LOGGING_RULES="hookwatch.timing.info=true"): hookwatch-bench reads these marks to time
// what a user sees.
class TimingMarks final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimingMarks)

public:
    // Made only when the marks are asked for.
    static void attachIfEnabled(MainWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit TimingMarks(MainWindow *window);
    bool topRowLoaded() const;
    void markAfterPaint(const QString &what);

    MainWindow *m_window;
    bool m_windowShown = false;
    bool m_rowsShown = false;
};
