#include "stuckdialog.h"

#include "deliverytext.h"
#include "storeconnection.h"
#include "storeservice.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

StuckDialog::StuckDialog(StoreConnection *store, QWidget *parent)
    : QDialog(parent)
    , m_connection(store)
{
    setWindowTitle(tr("Stuck Deliveries"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("Looking…"), this);
    m_summary->setObjectName(QStringLiteral("stuckSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_list = new QPlainTextEdit(this);
    m_list->setObjectName(QStringLiteral("stuckList"));
    m_list->setReadOnly(true);
    m_list->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_list->setMinimumSize(560, 180);
    layout->addWidget(m_list);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_requeue = buttons->addButton(tr("&Re-queue"), QDialogButtonBox::ActionRole);
    m_requeue->setObjectName(QStringLiteral("stuckRequeue"));
    m_requeue->setToolTip(
        tr("Give the deliveries running past their lease, or hung, back to the queue, due now."));
    m_requeue->setEnabled(false);
    QPushButton *refresh = buttons->addButton(tr("Re&fresh"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_requeue, &QPushButton::clicked, this, [this] { Q_EMIT m_connection->requeueStuck(); });
    connect(refresh, &QPushButton::clicked, this, [this] { Q_EMIT m_connection->loadStuck(); });
    connect(m_connection->service(), &StoreService::stuckLoaded, this, &StuckDialog::showReport);
    Q_EMIT m_connection->loadStuck();
}

StuckDialog::~StuckDialog() = default;

void StuckDialog::showReport(const StuckReport &report)
{
    QString summary;
    if (report.leaseExpired == 0 && report.overdue == 0 && report.hung == 0) {
        summary = tr("No stuck deliveries. %n being attempted now.", nullptr, report.liveLeases);
    } else {
        summary = tr("%n running past their lease", nullptr, int(report.leaseExpired)) + QStringLiteral(", ")
            + tr("%n due for over a minute and not picked up", nullptr, int(report.overdue))
            + QStringLiteral(", ")
            + tr("%n running a minute past their webhook's timeout, the attempt count not moving.", nullptr,
                int(report.hung));
    }
    if (report.noDispatcher())
        summary += QLatin1Char(' ')
            + tr("No dispatcher is delivering from this store: start 'hookwatch worker', or turn delivering "
                 "on in Preferences.");
    m_summary->setText(summary);
    QStringList lines;
    for (const StuckDelivery &s : report.first) {
        QString why;
        switch (s.reason) {
        case StuckDelivery::Reason::LeaseExpired:
            why = tr("running past its lease");
            break;
        case StuckDelivery::Reason::Overdue:
            why = tr("due, not picked up");
            break;
        case StuckDelivery::Reason::Hung:
            why = tr("attempt not ending, lease renewed");
            break;
        }
        lines << tr("#%1  webhook %2  %3 since %4")
                     .arg(s.delivery.id)
                     .arg(s.delivery.webhookId)
                     .arg(why, DeliveryText::optionalTime(s.since()));
    }
    m_list->setPlainText(lines.join(QLatin1Char('\n')));
    m_requeue->setEnabled(report.leaseExpired + report.hung > 0);
}
