#include "recoverdialog.h"

#include "deliverytext.h"
#include "storeconnection.h"
#include "storeservice.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

RecoverDialog::RecoverDialog(
    StoreConnection *store, std::optional<qint64> webhookId, const QString &webhookUrl, QWidget *parent)
    : QDialog(parent)
    , m_connection(store)
    , m_webhookId(webhookId)
{
    setWindowTitle(tr("Recover Failed Deliveries"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Send the deliveries that failed for good again, oldest first, each with a "
                                "new retry window. Workers take them at each webhook's own pace."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_since = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_since->setObjectName(QStringLiteral("recoverSince"));
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    form->addRow(tr("Failed since:"), m_since);
    m_onlyWebhook = new QCheckBox(webhookId ? tr("Only webhook %1 (%2)").arg(*webhookId).arg(webhookUrl)
                                            : tr("Only the selected webhook"),
        this);
    m_onlyWebhook->setObjectName(QStringLiteral("recoverOnlyWebhook"));
    m_onlyWebhook->setChecked(webhookId.has_value());
    m_onlyWebhook->setEnabled(webhookId.has_value());
    form->addRow(QString(), m_onlyWebhook);
    layout->addLayout(form);
    m_count = new QLabel(tr("Counting…"), this);
    m_count->setObjectName(QStringLiteral("recoverCount"));
    layout->addWidget(m_count);
    m_list = new QPlainTextEdit(this);
    m_list->setObjectName(QStringLiteral("recoverList"));
    m_list->setReadOnly(true);
    m_list->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_list->setMinimumSize(560, 180);
    layout->addWidget(m_list);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *recover = m_buttons->addButton(tr("&Recover"), QDialogButtonBox::AcceptRole);
    recover->setObjectName(QStringLiteral("recoverButton"));
    recover->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT m_connection->recoverFailed(selection());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_since, &QDateTimeEdit::dateTimeChanged, this, &RecoverDialog::requestPreview);
    connect(m_onlyWebhook, &QCheckBox::toggled, this, &RecoverDialog::requestPreview);
    connect(m_connection->service(), &StoreService::recoveryPreviewed, this, &RecoverDialog::showPreview);
    requestPreview();
}

RecoverDialog::~RecoverDialog() = default;

FailedSelection RecoverDialog::selection() const
{
    FailedSelection s;
    s.since = m_since->dateTime().toMSecsSinceEpoch();
    if (m_onlyWebhook->isChecked())
        s.webhookId = m_webhookId;
    return s;
}

void RecoverDialog::requestPreview()
{
    m_serial = m_connection->nextSerial();
    m_count->setText(tr("Counting…"));
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(false);
    }
    Q_EMIT m_connection->previewRecovery(m_serial, selection());
}

void RecoverDialog::showPreview(quint64 serial, const RecoveryPreview &preview)
{
    if (serial != m_serial)
        return; // an answer to a selection changed since
    m_count->setText(preview.count == 0
            ? tr("Nothing failed since then.")
            : tr("%n failed delivery(s) will be sent again.", nullptr, int(preview.count))
                + (preview.count > preview.first.size()
                        ? QLatin1Char(' ') + tr("The first %n:", nullptr, int(preview.first.size()))
                        : QString()));
    QStringList lines;
    for (const Delivery &d : preview.first)
        lines << tr("#%1  webhook %2  %3  failed %4: %5")
                     .arg(d.id)
                     .arg(d.webhookId)
                     .arg(d.eventType, DeliveryText::optionalTime(d.dateFinished), DeliveryText::result(d));
    m_list->setPlainText(lines.join(QLatin1Char('\n')));
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(preview.count > 0);
    }
}
