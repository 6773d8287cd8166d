#include "webhookdialog.h"

#include "ui_webhookdialog.h"

#include "eventtemplates.h"
#include "validation.h"

#include <QPushButton>

WebhookDialog::WebhookDialog(const Webhook &webhook, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::WebhookDialog>())
    , m_original(webhook)
{
    m_ui->setupUi(this);
    setMinimumWidth(560);
    // Messages wrap at the width of the fields, not at their own shortest.
    m_ui->urlMessage->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_ui->policyDescription->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setWindowTitle(webhook.id == 0 ? tr("Add Webhook") : tr("Edit Webhook %1").arg(webhook.id));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Save"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));

    m_ui->urlEdit->setText(webhook.deliveryUrl);
    m_ui->activeCheck->setChecked(webhook.active);
    m_ui->timeoutSpin->setValue(int(qBound<qint64>(qint64(1), webhook.timeoutMs / 1000, qint64(600))));

    const QStringList known = EventTemplates::launchpadEventTypes();
    for (const QString &type : known) {
        auto *item = new QListWidgetItem(type, m_ui->eventTypeList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(webhook.eventTypes.contains(type) ? Qt::Checked : Qt::Unchecked);
    }
    QStringList others;
    for (const QString &type : webhook.eventTypes) {
        if (!known.contains(type))
            others << type;
    }
    m_ui->otherEventTypesEdit->setText(others.join(QLatin1String(", ")));

    for (const QString &preset : RetryPolicy::presetNames())
        m_ui->presetCombo->addItem(presetTitle(preset), preset);
    const int presetIndex = m_ui->presetCombo->findData(webhook.retryPolicy.preset);
    m_ui->presetCombo->setCurrentIndex(qMax(0, presetIndex));

    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &WebhookDialog::validate);
    connect(m_ui->secretEdit, &QLineEdit::textChanged, this, [this] {
        if (!m_ui->secretEdit->text().isEmpty())
            m_clearSecret = false;
        updateSecretState();
        validate();
    });
    connect(m_ui->otherEventTypesEdit, &QLineEdit::textChanged, this, &WebhookDialog::validate);
    connect(m_ui->clearSecretButton, &QPushButton::clicked, this, [this] {
        m_ui->secretEdit->clear();
        m_clearSecret = true;
        updateSecretState();
    });
    connect(
        m_ui->presetCombo, &QComboBox::currentIndexChanged, this, &WebhookDialog::updatePolicyDescription);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &WebhookDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &WebhookDialog::reject);

    m_ui->secretEdit->setPlaceholderText(webhook.id == 0
            ? tr("optional; signs each request (X-Hub-Signature)")
            : tr("type a new secret to replace the stored one"));
    updateSecretState();
    updatePolicyDescription();
    validate();
    m_ui->urlEdit->setFocus();
}

WebhookDialog::~WebhookDialog() = default;

QString WebhookDialog::presetTitle(const QString &preset)
{
    if (preset == QLatin1String("seed"))
        return tr("Launchpad's webhook-retries design (default)");
    if (preset == QLatin1String("launchpad-current"))
        return tr("Launchpad as it is today");
    return preset;
}

QStringList WebhookDialog::checkedEventTypes() const
{
    QStringList types;
    for (int i = 0; i < m_ui->eventTypeList->count(); ++i) {
        const QListWidgetItem *item = m_ui->eventTypeList->item(i);
        if (item->checkState() == Qt::Checked)
            types << item->text();
    }
    const QStringList others = m_ui->otherEventTypesEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &other : others) {
        const QString type = other.trimmed();
        if (!type.isEmpty() && !types.contains(type))
            types << type;
    }
    return types;
}

Webhook WebhookDialog::webhook() const
{
    Webhook w = m_original;
    w.deliveryUrl = m_ui->urlEdit->text().trimmed();
    w.active = m_ui->activeCheck->isChecked();
    w.eventTypes = checkedEventTypes();
    w.timeoutMs = qint64(m_ui->timeoutSpin->value()) * 1000;
    const QString preset = m_ui->presetCombo->currentData().toString();
    if (preset != m_original.retryPolicy.preset) {
        if (const auto policy = RetryPolicy::fromPreset(preset))
            w.retryPolicy = policy.value();
    }
    const QString typed = m_ui->secretEdit->text();
    if (!typed.isEmpty())
        w.secret = typed;
    else if (m_clearSecret)
        w.secret = QString();
    else
        w.secret.reset(); // keep what is stored
    return w;
}

QString WebhookDialog::validationError() const
{
    if (Status s = Validation::deliveryUrl(m_ui->urlEdit->text().trimmed()); !s)
        return s.error();
    if (Status s = Validation::secret(m_ui->secretEdit->text()); !s)
        return s.error();
    const QStringList others = m_ui->otherEventTypesEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &other : others) {
        if (Status s = Validation::eventType(other.trimmed()); !s)
            return s.error();
    }
    return QString();
}

void WebhookDialog::validate()
{
    const QString error = validationError();
    m_ui->urlMessage->setVisible(!error.isEmpty());
    m_ui->urlMessage->setText(error);
    m_ui->urlMessage->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(error.isEmpty());
}

void WebhookDialog::updateSecretState()
{
    const bool stored = m_original.secret.has_value();
    QString state;
    if (!m_ui->secretEdit->text().isEmpty())
        state = stored ? tr("will be replaced") : tr("will be set");
    else if (m_clearSecret)
        state = tr("will be cleared");
    else
        state = stored ? tr("set") : tr("not set");
    m_ui->secretState->setText(state);
    m_ui->clearSecretButton->setEnabled(stored && !m_clearSecret);
}

void WebhookDialog::updatePolicyDescription()
{
    const QString preset = m_ui->presetCombo->currentData().toString();
    RetryPolicy shown = m_original.retryPolicy;
    if (preset != m_original.retryPolicy.preset) {
        if (const auto policy = RetryPolicy::fromPreset(preset))
            shown = policy.value();
    }
    m_ui->policyDescription->setText(shown.describe());
}

void WebhookDialog::accept()
{
    // The button is disabled while something is wrong; Enter in a field must not get past it.
    if (!validationError().isEmpty()) {
        validate();
        return;
    }
    QDialog::accept();
}
