#include "receivertestsmenu.h"

#include "testtools.h"

ReceiverTestsMenu::ReceiverTestsMenu(QWidget *parent)
    : QMenu(tr("&Test the Receiver"), parent)
    , m_sameId(addTool(tr("Send &Again With the Same Id"),
          tr("Sends the selected delivery again with its id and signature: does the receiver "
             "deduplicate?"),
          TestTools::SameId, false))
    , m_burst(addTool(tr("Send %n &Duplicates at Once", nullptr, TestTools::DefaultBurst),
          tr("Sends the selected delivery several times at the same moment."), TestTools::Burst, false))
    , m_expired(addTool(tr("Send With an &Expired Timestamp"),
          tr("Signs the selected delivery 10 minutes in the past: a receiver that checks the replay "
             "window must refuse it (Standard Webhooks and Stripe only)."),
          TestTools::ExpiredTimestamp, false))
    , m_outOfOrder(addTool(tr("Send a &Batch Out of Order"),
          tr("Creates %n test events for the selected webhook and sends them newest first.", nullptr,
              TestTools::DefaultBatch),
          TestTools::OutOfOrder, true))
{
    setObjectName(QStringLiteral("receiverTestsMenu"));
    setToolTipsVisible(true);
    setSelection(std::nullopt, false, std::nullopt);
}

QAction *ReceiverTestsMenu::addTool(
    const QString &text, const QString &toolTip, const QString &tool, bool onWebhook)
{
    QAction *action = addAction(text);
    action->setObjectName(tool + QStringLiteral("Action"));
    action->setToolTip(toolTip);
    connect(action, &QAction::triggered, this, [this, tool, onWebhook] {
        const std::optional<qint64> id = onWebhook ? m_webhookId : m_deliveryId;
        if (id)
            Q_EMIT testRequested(tool, *id);
    });
    return action;
}

void ReceiverTestsMenu::setSelection(
    std::optional<qint64> deliveryId, bool timestampSigned, std::optional<qint64> webhookId)
{
    m_deliveryId = deliveryId;
    m_webhookId = webhookId;
    m_sameId->setEnabled(deliveryId.has_value());
    m_burst->setEnabled(deliveryId.has_value());
    m_expired->setEnabled(deliveryId.has_value() && timestampSigned);
    m_outOfOrder->setEnabled(webhookId.has_value());
}
