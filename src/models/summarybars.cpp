#include "summarybars.h"

QList<SummaryBar> summaryBars(const QList<HistorySummary::HourCount> &hours, int maxBars)
{
    QList<SummaryBar> bars;
    if (hours.isEmpty() || maxBars < 1)
        return bars;
    const qsizetype perBar = (hours.size() + maxBars - 1) / maxBars;
    for (qsizetype i = 0; i < hours.size(); i += perBar) {
        SummaryBar bar;
        bar.start = hours.at(i).start;
        const qsizetype last = qMin(i + perBar, hours.size()) - 1;
        bar.end = hours.at(last).start + HistorySummary::Hour;
        for (qsizetype h = i; h <= last; ++h) {
            bar.succeeded += hours.at(h).succeeded;
            bar.failed += hours.at(h).failed;
        }
        bars.append(bar);
    }
    return bars;
}
