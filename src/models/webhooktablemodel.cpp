#include "webhooktablemodel.h"

#include "deliverytext.h"
#include "validation.h"

WebhookTableModel::WebhookTableModel(QObject *parent)
    : KeyedTableModel<WebhookRow>(parent)
{
}

int WebhookTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const WebhookRow &row = m_rows.at(index.row());
    const Webhook &hook = row.webhook;
    const WebhookHealth &health = row.health;
    switch (role) {
    case WebhookIdRole:
        return hook.id;
    case DisplayStateRole:
        if (index.column() == LastResult && health.lastDelivery)
            return int(health.lastDelivery->display());
        return QVariant();
    case Qt::CheckStateRole:
        if (index.column() == Active)
            return hook.active ? Qt::Checked : Qt::Unchecked;
        return QVariant();
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Url: {
            QString tip = tr("%1\nRetry policy: %2")
                              .arg(Validation::maskedUrl(hook.deliveryUrl), hook.retryPolicy.describe());
            // Custom headers as the receiver gets them, a credential's value masked.
            for (const auto &header : hook.headers) {
                tip += QLatin1Char('\n')
                    + tr("Header: %1: %2")
                          .arg(QString::fromLatin1(header.first),
                              QString::fromUtf8(Validation::maskedHeaderValue(header.first, header.second)));
            }
            if (hook.trustSelfSigned)
                tip += QLatin1Char('\n') + tr("TLS: trusts a self-signed certificate");
            return tip;
        }
        case LastResult:
            return health.lastDelivery ? DeliveryText::summary(*health.lastDelivery) : QVariant();
        case Recent:
            return tr("Delivered %1 of the last %2 attempted deliveries")
                .arg(health.recentDelivered)
                .arg(health.recentTotal);
        default:
            return QVariant();
        }
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Id:
            return QString::number(hook.id);
        case Url:
            return Validation::maskedUrl(hook.deliveryUrl);
        case Active:
            if (!hook.active)
                return tr("Inactive");
            if (hook.autoPausedAt)
                return tr("Paused (auto)");
            return hook.pausedAt ? tr("Paused") : tr("Active");
        case EventTypes:
            return hook.eventTypes.isEmpty() ? tr("(none)") : hook.eventTypes.join(QLatin1String(", "));
        case LastResult:
            if (!health.lastDelivery)
                return tr("No deliveries");
            if (!health.lastDelivery->successful)
                return DeliveryText::displayName(Delivery::Display::NeverTried);
            return DeliveryText::result(*health.lastDelivery);
        case Recent:
            return health.recentTotal == 0 ? QString()
                                           : tr("%1/%2").arg(health.recentDelivered).arg(health.recentTotal);
        case Pending:
            return QString::number(health.pending);
        case NextRetry:
            return DeliveryText::optionalShortTime(health.nextRetry);
        case ColumnCount:
            break;
        }
        return QVariant();
    case RawValueRole:
        switch (Column(index.column())) {
        case Id:
            return hook.id;
        case Url:
            return hook.deliveryUrl;
        case Active:
            return hook.active;
        case EventTypes:
            return hook.eventTypes;
        case LastResult:
            return health.lastDelivery ? QVariant(int(health.lastDelivery->display())) : QVariant();
        case Recent:
            return health.recentDelivered;
        case Pending:
            return health.pending;
        case NextRetry:
            return health.nextRetry ? QVariant(*health.nextRetry) : QVariant();
        case ColumnCount:
            break;
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant WebhookTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Id");
    case Url:
        return tr("Delivery URL");
    case Active:
        return tr("Active");
    case EventTypes:
        return tr("Event types");
    case LastResult:
        return tr("Last result");
    case Recent:
        return tr("Delivered (last 50)");
    case Pending:
        return tr("Pending");
    case NextRetry:
        return tr("Next retry");
    case ColumnCount:
        break;
    }
    return QVariant();
}

Qt::ItemFlags WebhookTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Active)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool WebhookTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != Active || role != Qt::CheckStateRole)
        return false;
    const bool active = value.toInt() == Qt::Checked;
    const Webhook &hook = m_rows.at(index.row()).webhook;
    if (hook.active != active)
        Q_EMIT activeChangeRequested(hook.id, active);
    return false; // the store answers with the new row
}

std::optional<WebhookRow> WebhookTableModel::webhookAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}
