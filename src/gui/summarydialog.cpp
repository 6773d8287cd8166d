#include "summarydialog.h"

#include "storeconnection.h"
#include "storeservice.h"
#include "summarychart.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

SummaryDialog::SummaryDialog(StoreConnection *store, const DeliveryFilter &filter, QWidget *parent)
    : QDialog(parent)
    , m_connection(store)
    , m_filter(filter)
    , m_counts(new QLabel(tr("Adding up…"), this))
    , m_times(new QLabel(this))
    , m_chart(new SummaryChart(this))
{
    setWindowTitle(tr("History Summary"));
    // Every delivery the filter takes, not the page in view.
    m_filter.beforeId.reset();
    m_filter.afterId.reset();
    m_filter.offset = 0;
    for (QLabel *label : { m_counts, m_times }) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_counts);
    layout->addWidget(m_times);
    layout->addWidget(m_chart, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *again = buttons->addButton(tr("Re&fresh"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(again, &QPushButton::clicked, this, &SummaryDialog::refresh);
    connect(m_connection->service(), &StoreService::summarized, this, &SummaryDialog::showSummary);
    refresh();
}

SummaryDialog::~SummaryDialog() = default;

QString SummaryDialog::countsText() const
{
    return m_counts->text();
}

QString SummaryDialog::timesText() const
{
    return m_times->text();
}

void SummaryDialog::refresh()
{
    Q_EMIT m_connection->summarize(++m_serial, m_filter);
}

void SummaryDialog::showSummary(quint64 serial, const HistorySummary &s)
{
    if (serial != m_serial) // an answer to an earlier refresh
        return;
    const QLocale locale;
    QString counts = tr("%n delivery(s)", nullptr, int(qMin<qint64>(s.deliveries, INT_MAX)));
    if (s.capped)
        counts += QLatin1Char(' ') + tr("(the newest that match; there are more)");
    counts += QStringLiteral(": ")
        + tr("%1 delivered, %2 retrying, %3 failed, %4 never tried")
              .arg(locale.toString(s.delivered), locale.toString(s.retrying), locale.toString(s.failed),
                  locale.toString(s.neverTried));
    m_counts->setText(counts);
    QString times = tr("%n attempt(s)", nullptr, int(qMin<qint64>(s.attempts, INT_MAX)));
    if (s.medianMs)
        times += QStringLiteral("; ")
            + tr("the receiver answered in %1 ms (median), %2 ms (p95)")
                  .arg(locale.toString(*s.medianMs), locale.toString(*s.p95Ms));
    m_times->setText(times);
    m_chart->setHours(s.attemptsPerHour);
}
