#include "timingmarks.h"

#include "deliveryhistorymodel.h"
#include "historyview.h"
#include "mainwindow.h"

#include <QDateTime>
#include <QEvent>
#include <QLoggingCategory>
#include <QTableView>

Q_LOGGING_CATEGORY(lcTiming, "hookwatch.timing", QtWarningMsg)

void TimingMarks::attachIfEnabled(MainWindow *window)
{
    if (lcTiming().isInfoEnabled())
        new TimingMarks(window);
}

TimingMarks::TimingMarks(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    window->installEventFilter(this);
    window->historyView()->viewport()->installEventFilter(this);
    connect(window->historyModel(), &QAbstractItemModel::modelReset, this, [this] { m_rowsShown = false; });
}

bool TimingMarks::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Paint)
        return false;
    if (watched == m_window) {
        if (!m_windowShown) {
            m_windowShown = true;
            markAfterPaint(QStringLiteral("window-shown"));
        }
    } else if (!m_rowsShown && topRowLoaded()) {
        m_rowsShown = true;
        markAfterPaint(
            QStringLiteral("history-rows-shown rows=%1").arg(m_window->historyModel()->rowCount()));
    }
    return false;
}

bool TimingMarks::topRowLoaded() const
{
    const int row = m_window->historyView()->rowAt(0);
    return row >= 0
        && m_window->historyView()->model()->index(row, 0).data(DeliveryHistoryModel::LoadedRole).toBool();
}

// The paint is flushed once the event that carries it is done.
void TimingMarks::markAfterPaint(const QString &what)
{
    QMetaObject::invokeMethod(
        this, [what] { qCInfo(lcTiming).noquote() << what << QDateTime::currentMSecsSinceEpoch(); },
        Qt::QueuedConnection);
}
