#pragma once

#include <QMenu>

#include <optional>

class QAction;

// Delivery → Test the Receiver: the receiver test tools (TestTools) for the selected delivery
// and webhook. It asks for a tool with testRequested(); the window passes it to the store.
class ReceiverTestsMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceiverTestsMenu)

public:
    explicit ReceiverTestsMenu(QWidget *parent = nullptr);

    // What the tools act on; none disables them. `timestampSigned`: the delivery's webhook
    // signs a timestamp (TestTools::canExpire).
    void setSelection(
        std::optional<qint64> deliveryId, bool timestampSigned, std::optional<qint64> webhookId);

Q_SIGNALS:
    // `id` is the delivery's, or the webhook's for TestTools::OutOfOrder.
    void testRequested(const QString &tool, qint64 id);

private:
    QAction *addTool(const QString &text, const QString &toolTip, const QString &tool, bool onWebhook);

    std::optional<qint64> m_deliveryId;
    std::optional<qint64> m_webhookId;
    QAction *m_sameId;
    QAction *m_burst;
    QAction *m_expired;
    QAction *m_outOfOrder;
};
