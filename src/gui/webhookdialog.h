#pragma once

#include "webhook.h"

#include <QDialog>

#include <memory>

namespace Ui {
class WebhookDialog;
}

// Adds or edits a webhook: URL validated as it is typed (Launchpad's messages), a write-only
// secret, event types, timeout and retry policy with a sentence that previews it.
class WebhookDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookDialog)

public:
    // A new webhook when `webhook.id` is 0. Its `secret` only says whether one is set.
    explicit WebhookDialog(const Webhook &webhook, QWidget *parent = nullptr);
    ~WebhookDialog() override;

    // The webhook to save. `secret` is unset to keep the stored one, empty to clear it.
    Webhook webhook() const;
    // Why it cannot be saved as it is; empty when it can.
    QString validationError() const;

    static QString presetTitle(const QString &preset);

    void accept() override;

private:
    void validate();
    void updateSecretState();
    void updatePolicyDescription();
    QStringList checkedEventTypes() const;

    std::unique_ptr<Ui::WebhookDialog> m_ui;
    Webhook m_original;
    bool m_clearSecret = false;
};
