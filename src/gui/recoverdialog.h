#pragma once

#include "recovery.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class StoreConnection;

// Sends failed deliveries again in one step: which (since when, one webhook or all), a
// preview of how many and the first of them, then the recovery itself, done by the store's
// thread a chunk at a time.
class RecoverDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoverDialog)

public:
    RecoverDialog(StoreConnection *store, std::optional<qint64> webhookId, const QString &webhookUrl,
        QWidget *parent = nullptr);
    ~RecoverDialog() override;

    FailedSelection selection() const;

private:
    void requestPreview();
    void showPreview(quint64 serial, const RecoveryPreview &preview);

    StoreConnection *m_connection;
    std::optional<qint64> m_webhookId;
    quint64 m_serial = 0;
    QCheckBox *m_onlyWebhook = nullptr;
    QDateTimeEdit *m_since = nullptr;
    QLabel *m_count = nullptr;
    QPlainTextEdit *m_list = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
