#pragma once

#include "keyedtablemodel.h"
#include "webhookrow.h"

// The webhooks with their health at a glance: the last delivery's result, successes among the
// newest 50, what is pending and when the next retry is.
class WebhookTableModel final : public KeyedTableModel<WebhookRow>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookTableModel)

public:
    enum Column { Id, Url, Active, EventTypes, LastResult, Recent, Pending, NextRetry, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, WebhookIdRole, DisplayStateRole };

    explicit WebhookTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Ticking "Active" asks for the change; the row changes once the store has it.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    void setWebhooks(const QList<WebhookRow> &rows) { applyRows(rows); }
    std::optional<WebhookRow> webhookAt(int row) const;

Q_SIGNALS:
    void activeChangeRequested(qint64 webhookId, bool active);

protected:
    qint64 keyOf(const WebhookRow &row) const override { return row.webhook.id; }
};
