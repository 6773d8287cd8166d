#pragma once

#include "historysummary.h"

#include <QList>

// The summary's attempts per hour as the chart draws them: at most `maxBars` bars, each a run
// of whole hours added up, oldest first, so a month of hours still fits a small chart.
struct SummaryBar
{
    TimeMs start = 0; // the first hour's start
    TimeMs end = 0; // the last hour's end
    int succeeded = 0;
    int failed = 0;
    int total() const { return succeeded + failed; }
};

QList<SummaryBar> summaryBars(const QList<HistorySummary::HourCount> &hours, int maxBars);
