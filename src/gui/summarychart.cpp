#include "summarychart.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace {
constexpr int MinBarWidth = 4;
constexpr int MaxBarWidth = 32;
const QColor Delivered(0x2e, 0x9d, 0x46);
const QColor Failed(0xc6, 0x28, 0x28);

QString hourText(TimeMs t)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(t).toLocalTime(), QLocale::ShortFormat);
}
} // namespace

SummaryChart::SummaryChart(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SummaryChart::setHours(const QList<HistorySummary::HourCount> &hours)
{
    m_hours = hours;
    update();
}

QRect SummaryChart::plotArea() const
{
    const int line = fontMetrics().height();
    // Room for the busiest count on the left, the legend on top, the hours below.
    const int left = fontMetrics().horizontalAdvance(QStringLiteral("00000")) + 8;
    return rect().adjusted(left, line + 8, -8, -(line + 6));
}

QList<SummaryBar> SummaryChart::bars() const
{
    return summaryBars(m_hours, qMax(1, plotArea().width() / MinBarWidth));
}

void SummaryChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QRect plot = plotArea();
    const QList<SummaryBar> shown = bars();
    if (shown.isEmpty() || plot.width() <= 0 || plot.height() <= 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No attempts in this history."));
        return;
    }
    int busiest = 1;
    for (const SummaryBar &bar : shown)
        busiest = qMax(busiest, bar.total());

    // Legend, top right: what the colours mean and what a bar stands for.
    const int line = fontMetrics().height();
    const TimeMs perBar = shown.first().end - shown.first().start;
    const QString unit = perBar <= HistorySummary::Hour
        ? tr("attempts per hour")
        : tr("attempts per %n hour(s)", nullptr, int(perBar / HistorySummary::Hour));
    int x = plot.right();
    for (const auto &[colour, text] :
        { std::pair { Failed, tr("failed") }, std::pair { Delivered, tr("delivered") } }) {
        const int width = fontMetrics().horizontalAdvance(text);
        x -= width;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(x, 2, width, line), Qt::AlignLeft | Qt::AlignVCenter, text);
        x -= line;
        p.fillRect(QRect(x, 2 + line / 4, line / 2, line / 2), colour);
        x -= 12;
    }
    p.drawText(QRect(plot.left(), 2, qMax(0, x - plot.left()), line), Qt::AlignLeft | Qt::AlignVCenter, unit);

    // Bars: delivered from the axis up, failed above.
    const double slot = double(plot.width()) / shown.size();
    const double scale = double(plot.height()) / busiest;
    for (int i = 0; i < shown.size(); ++i) {
        const SummaryBar &bar = shown.at(i);
        // A bar fills its slot, but a few hours' bars stay bars, centred in theirs.
        const int slotWidth = int((i + 1) * slot) - int(i * slot);
        const int width = qBound(1, slotWidth - (slot >= 4 ? 1 : 0), MaxBarWidth);
        const int left = plot.left() + int(i * slot) + (slotWidth - width) / 2;
        const int delivered = int(bar.succeeded * scale + 0.5);
        const int failed = int(bar.total() * scale + 0.5) - delivered;
        p.fillRect(QRect(left, plot.bottom() + 1 - delivered, width, delivered), Delivered);
        p.fillRect(QRect(left, plot.bottom() + 1 - delivered - failed, width, failed), Failed);
    }

    // Axes: the busiest bar's count, the first and the last hour.
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, plot.top() - line / 2, plot.left() - 4, line), Qt::AlignRight | Qt::AlignVCenter,
        QLocale().toString(busiest));
    p.drawText(QRect(0, plot.bottom() - line / 2, plot.left() - 4, line), Qt::AlignRight | Qt::AlignVCenter,
        QStringLiteral("0"));
    const QRect below(plot.left(), plot.bottom() + 4, plot.width(), line);
    p.drawText(below, Qt::AlignLeft | Qt::AlignVCenter, hourText(shown.first().start));
    p.drawText(below, Qt::AlignRight | Qt::AlignVCenter, hourText(shown.last().end));
}
