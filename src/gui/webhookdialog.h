#pragma once

#include "result.h"
#include "webhook.h"

#include <QDialog>

#include <memory>

class QTableWidgetItem;
class RetryPicture;

namespace Ui {
class WebhookDialog;
}

// Adds or edits a webhook: URL validated as it is typed (Launchpad's messages), a write-only
// secret, event types, custom request headers (checked by the command line's rules, credential
// values shown masked), whether a self-signed TLS certificate is trusted, timeout and retry
// policy with a sentence that previews it.
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
    static QString profileTitle(const QString &profile);

    void accept() override;

private:
    void validate();
    void updateSecretState();
    void updatePolicyDescription();
    // The schedule's fields filled from `policy`: on opening, and when a preset is chosen.
    void showPolicy(const RetryPolicy &policy);
    void onPresetChanged();
    // The schedule as the fields give it, or why they give none.
    Result<RetryPolicy> editedPolicy() const;
    void onProfileChanged();
    QStringList checkedEventTypes() const;
    // The headers in the table as they will be stored; the first bad row's message otherwise.
    Result<HeaderList> tableHeaders() const;
    QString fieldsError() const; // everything but the headers
    void appendHeaderRow(const QString &name, const QString &value);
    void addHeader();
    void removeHeader();
    void onHeaderItemChanged(QTableWidgetItem *item);
    void showHeaderValue(int row);

    std::unique_ptr<Ui::WebhookDialog> m_ui;
    Webhook m_original;
    bool m_clearSecret = false;
    bool m_updatingHeaders = false;
    RetryPicture *m_policyPicture;
};
