#include "webhookdialog.h"

#include "profiles.h"
#include "retrypicture.h"

#include "ui_webhookdialog.h"

#include "duration.h"
#include "eventtemplates.h"
#include "validation.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>

namespace {
enum HeaderColumn { HeaderName, HeaderValue };
// The value as typed; the cell's text is what may be shown of it (masked for a credential).
constexpr int HeaderValueRole = Qt::UserRole;

QByteArray headerName(const QAbstractItemModel *model, int row)
{
    return model->index(row, HeaderName).data().toString().trimmed().toLatin1();
}

// Edits a header's value. A credential's value is typed blind, like the secret, so it never
// shows in the window; the cell keeps the real value in HeaderValueRole.
class HeaderValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(
        QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *editor = new QLineEdit(parent);
        editor->setFrame(false);
        if (Validation::isSensitiveHeader(headerName(index.model(), index.row())))
            editor->setEchoMode(QLineEdit::Password);
        return editor;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(index.data(HeaderValueRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QLineEdit *>(editor)->text(), HeaderValueRole);
    }
};
} // namespace

WebhookDialog::WebhookDialog(const Webhook &webhook, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::WebhookDialog>())
    , m_original(webhook)
    , m_policyPicture(new RetryPicture(this))
{
    m_ui->setupUi(this);
    m_ui->formLayout->addRow(QString(), m_policyPicture);
    setMinimumWidth(560);
    // Messages wrap at the width of the fields, not at their own shortest.
    m_ui->urlMessage->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    // Room for a two-line message kept whether or not one shows, so a message appearing under
    // the URL does not move the fields below it under the pointer.
    m_ui->urlMessage->setMinimumHeight(2 * m_ui->urlMessage->fontMetrics().lineSpacing());
    m_ui->urlMessage->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_ui->urlMessage->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_ui->policyDescription->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
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

    m_ui->headerTable->verticalHeader()->setDefaultSectionSize(m_ui->headerTable->fontMetrics().height() + 8);
    m_ui->headerTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->headerTable->setItemDelegateForColumn(HeaderValue, new HeaderValueDelegate(m_ui->headerTable));
    for (const auto &header : webhook.headers)
        appendHeaderRow(QString::fromLatin1(header.first), QString::fromUtf8(header.second));
    m_ui->removeHeaderButton->setEnabled(false);
    m_ui->headerMessage->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    m_ui->trustSelfSignedCheck->setChecked(webhook.trustSelfSigned);
    m_ui->maxInFlightSpin->setValue(webhook.maxInFlight);
    m_ui->maxInFlightSpin->setToolTip(
        tr("Requests to this webhook in flight at once, across every worker delivering from this store: "
           "protects a fragile receiver. Without a limit of its own, each worker sends as many as its "
           "concurrency allows."));
    // What trusting means, where the pointer rests; the box itself says "this webhook only".
    m_ui->trustSelfSignedCheck->setToolTip(
        tr("Accepts a certificate that no authority signed, as long as it is self-signed, for this "
           "webhook only; every other webhook's certificates are still verified. Anyone can make such a "
           "certificate, so tick this only for a receiver you run yourself."));

    for (const QString &profile : Profiles::names())
        m_ui->profileCombo->addItem(profileTitle(profile), profile);
    m_ui->profileCombo->setCurrentIndex(qMax(0, m_ui->profileCombo->findData(webhook.profile)));
    m_ui->profileCombo->setToolTip(Profiles::headersSummary(webhook.profile));

    for (const QString &preset : RetryPolicy::presetNames())
        m_ui->presetCombo->addItem(presetTitle(preset), preset);
    const int presetIndex = m_ui->presetCombo->findData(webhook.retryPolicy.preset);
    m_ui->presetCombo->setCurrentIndex(qMax(0, presetIndex));
    const QString durationHint = tr("a duration: 30s, 5m, 1h30m, 2d");
    for (QLineEdit *edit :
        { m_ui->windowEdit, m_ui->earlyDelayEdit, m_ui->earlyPeriodEdit, m_ui->lateDelayEdit }) {
        edit->setToolTip(durationHint);
        connect(edit, &QLineEdit::textEdited, this, [this] {
            updatePolicyDescription();
            validate();
        });
    }
    m_ui->windowEdit->setToolTip(tr("Retry until this long after the first attempt (0s: never)"));
    m_ui->stepsEdit->setPlaceholderText(tr("e.g. 0,5s,5m,30m,2h"));
    m_ui->stepsEdit->setToolTip(tr("The delay after each attempt, the first attempt's 0 first; after the "
                                   "last step the delivery fails. Replaces the delays above."));
    connect(m_ui->stepsEdit, &QLineEdit::textEdited, this, [this] {
        updatePolicyDescription();
        validate();
    });
    showPolicy(webhook.retryPolicy);

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
    connect(m_ui->headerTable, &QTableWidget::itemChanged, this, &WebhookDialog::onHeaderItemChanged);
    connect(m_ui->headerTable, &QTableWidget::itemSelectionChanged, this,
        [this] { m_ui->removeHeaderButton->setEnabled(!m_ui->headerTable->selectedItems().isEmpty()); });
    connect(m_ui->addHeaderButton, &QPushButton::clicked, this, &WebhookDialog::addHeader);
    connect(m_ui->removeHeaderButton, &QPushButton::clicked, this, &WebhookDialog::removeHeader);
    connect(m_ui->presetCombo, &QComboBox::currentIndexChanged, this, &WebhookDialog::onPresetChanged);
    connect(m_ui->profileCombo, &QComboBox::currentIndexChanged, this, &WebhookDialog::onProfileChanged);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &WebhookDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &WebhookDialog::reject);

    m_ui->secretEdit->setPlaceholderText(webhook.id == 0
            ? tr("optional; signs each request as the profile's platform does")
            : tr("type a new secret to replace the stored one"));
    updateSecretState();
    updatePolicyDescription();
    validate();
    m_ui->urlEdit->setFocus();
}

WebhookDialog::~WebhookDialog()
{
    // A cell still being edited commits while QDialog's destructor hides the dialog, when this
    // object is no longer a WebhookDialog.
    disconnect(m_ui->headerTable, nullptr, this, nullptr);
}

QString WebhookDialog::presetTitle(const QString &preset)
{
    // Named as the command line names them, with what they are.
    const auto titled = [&preset](const QString &title) { return tr("%1 — %2").arg(preset, title); };
    if (preset == QLatin1String("launchpad") || preset == QLatin1String("seed"))
        return tr("%1 — %2").arg(
            QStringLiteral("launchpad"), tr("Launchpad's webhook-retries design (default)"));
    if (preset == QLatin1String("launchpad-current"))
        return titled(tr("Launchpad as it is today"));
    if (preset == QLatin1String("standard-webhooks"))
        return titled(tr("Standard Webhooks and Svix, by attempt"));
    if (preset == QLatin1String("stripe"))
        return titled(tr("Stripe, backing off over 3 days"));
    if (preset == QLatin1String("none"))
        return titled(tr("No automatic retry (GitHub)"));
    return preset;
}

QString WebhookDialog::profileTitle(const QString &profile)
{
    if (profile == Profiles::Launchpad)
        return tr("Launchpad (default)");
    if (profile == Profiles::LaunchpadCurrent)
        return tr("Launchpad as it is today");
    if (profile == Profiles::GitHub)
        return tr("GitHub");
    if (profile == Profiles::StandardWebhooks)
        return tr("Standard Webhooks (Svix)");
    if (profile == Profiles::Stripe)
        return tr("Stripe");
    return profile;
}

// A new profile brings its platform's timeout and schedule, as `webhook edit --profile` does.
void WebhookDialog::onProfileChanged()
{
    const QString profile = m_ui->profileCombo->currentData().toString();
    m_ui->profileCombo->setToolTip(Profiles::headersSummary(profile));
    m_ui->timeoutSpin->setValue(int(Profiles::defaultTimeoutMs(profile) / 1000));
    const int index = m_ui->presetCombo->findData(Profiles::defaultRetryPolicy(profile).preset);
    if (index >= 0)
        m_ui->presetCombo->setCurrentIndex(index);
    validate();
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
    if (const auto headers = tableHeaders())
        w.headers = headers.value();
    w.trustSelfSigned = m_ui->trustSelfSignedCheck->isChecked();
    w.maxInFlight = m_ui->maxInFlightSpin->value();
    w.profile = m_ui->profileCombo->currentData().toString();
    if (const auto policy = editedPolicy())
        w.retryPolicy = policy.value();
    const QString typed = m_ui->secretEdit->text();
    if (!typed.isEmpty())
        w.secret = typed;
    else if (m_clearSecret)
        w.secret = QString();
    else
        w.secret.reset(); // keep what is stored
    return w;
}

Result<HeaderList> WebhookDialog::tableHeaders() const
{
    HeaderList headers;
    const QTableWidget *table = m_ui->headerTable;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString name = table->model()->index(row, HeaderName).data().toString().trimmed();
        const QString value = table->model()->index(row, HeaderValue).data(HeaderValueRole).toString();
        if (name.isEmpty() && value.trimmed().isEmpty())
            continue; // a row added and left blank
        if (name.isEmpty())
            return Result<HeaderList>::failure(tr("Header %1 has a value but no name.").arg(row + 1));
        if (name.contains(QLatin1Char(':')))
            return Result<HeaderList>::failure(
                tr("Header %1: the name must not contain a colon; write the value in its own column.")
                    .arg(row + 1));
        // The command line's rules: an HTTP token as name, no line breaks, nothing Hookwatch sets itself.
        const auto header = Validation::header(name + QStringLiteral(": ") + value);
        if (!header)
            return Result<HeaderList>::failure(tr("Header %1: %2").arg(row + 1).arg(header.error()));
        headers.append(header.value());
    }
    return headers;
}

QString WebhookDialog::validationError() const
{
    if (const QString error = fieldsError(); !error.isEmpty())
        return error;
    if (const auto headers = tableHeaders(); !headers)
        return headers.error();
    if (const auto policy = editedPolicy(); !policy)
        return policy.error();
    return QString();
}

QString WebhookDialog::fieldsError() const
{
    if (Status s = Validation::deliveryUrl(m_ui->urlEdit->text().trimmed()); !s)
        return s.error();
    if (Status s = Validation::secret(m_ui->secretEdit->text()); !s)
        return s.error();
    if (Status s = Profiles::checkSecret(m_ui->profileCombo->currentData().toString(),
            m_ui->secretEdit->text().isEmpty() ? m_original.secret.value_or(QString())
                                               : m_ui->secretEdit->text());
        !s)
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
    // Each message under the field it is about.
    const QString error = fieldsError();
    // An empty URL nobody has typed into yet is not a mistake to point at: Save stays
    // disabled, without an error before the user has done anything.
    const bool untouchedEmptyUrl = m_ui->urlEdit->text().trimmed().isEmpty() && !m_ui->urlEdit->isModified();
    m_ui->urlMessage->setText(untouchedEmptyUrl ? QString() : error);
    const auto headers = tableHeaders();
    const QString headerError = headers ? QString() : headers.error();
    m_ui->headerMessage->setVisible(!headerError.isEmpty());
    m_ui->headerMessage->setText(headerError);
    m_ui->headerMessage->setStyleSheet(QStringLiteral("color: #b00020;"));
    // A schedule's mistake shows where its sentence would (updatePolicyDescription()).
    const bool policyOk = bool(editedPolicy());
    m_ui->buttonBox->button(QDialogButtonBox::Save)
        ->setEnabled(error.isEmpty() && headerError.isEmpty() && policyOk);
}

void WebhookDialog::appendHeaderRow(const QString &name, const QString &value)
{
    QTableWidget *table = m_ui->headerTable;
    const int row = table->rowCount();
    m_updatingHeaders = true;
    table->insertRow(row);
    table->setItem(row, HeaderName, new QTableWidgetItem(name));
    auto *valueItem = new QTableWidgetItem;
    valueItem->setData(HeaderValueRole, value);
    table->setItem(row, HeaderValue, valueItem);
    m_updatingHeaders = false;
    showHeaderValue(row);
}

void WebhookDialog::addHeader()
{
    appendHeaderRow(QString(), QString());
    const int row = m_ui->headerTable->rowCount() - 1;
    m_ui->headerTable->setCurrentCell(row, HeaderName);
    m_ui->headerTable->editItem(m_ui->headerTable->item(row, HeaderName));
}

void WebhookDialog::removeHeader()
{
    const int row = m_ui->headerTable->currentRow();
    if (row < 0)
        return;
    m_ui->headerTable->removeRow(row);
    validate();
}

void WebhookDialog::onHeaderItemChanged(QTableWidgetItem *item)
{
    if (m_updatingHeaders)
        return;
    showHeaderValue(item->row());
    validate();
}

void WebhookDialog::showHeaderValue(int row)
{
    // The cell shows a credential's value masked wherever the name makes it one, as it is
    // typed: "Authorization" turns "Bearer abc" into "Bearer ****".
    QTableWidgetItem *valueItem = m_ui->headerTable->item(row, HeaderValue);
    if (!valueItem)
        return;
    const QByteArray name = headerName(m_ui->headerTable->model(), row);
    const QByteArray value = valueItem->data(HeaderValueRole).toString().toUtf8();
    m_updatingHeaders = true;
    valueItem->setText(QString::fromUtf8(Validation::maskedHeaderValue(name, value)));
    m_updatingHeaders = false;
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

void WebhookDialog::showPolicy(const RetryPolicy &policy)
{
    m_ui->windowEdit->setText(Duration::format(policy.windowMs));
    m_ui->earlyDelayEdit->setText(Duration::format(policy.earlyDelayMs));
    m_ui->earlyPeriodEdit->setText(Duration::format(policy.earlyPeriodMs));
    m_ui->lateDelayEdit->setText(Duration::format(policy.lateDelayMs));
    m_ui->stepsEdit->setText(policy.isStepped() ? RetryPolicy::formatSteps(policy.stepsMs) : QString());
    updatePolicyDescription();
}

// A preset chosen brings its values; the webhook's own, when it is the preset it had.
void WebhookDialog::onPresetChanged()
{
    const QString preset = m_ui->presetCombo->currentData().toString();
    if (preset == m_original.retryPolicy.preset)
        showPolicy(m_original.retryPolicy);
    else if (const auto policy = RetryPolicy::fromPreset(preset))
        showPolicy(policy.value());
    validate();
}

Result<RetryPolicy> WebhookDialog::editedPolicy() const
{
    using R = Result<RetryPolicy>;
    const QString preset = m_ui->presetCombo->currentData().toString();
    RetryPolicy policy = m_original.retryPolicy;
    if (preset != m_original.retryPolicy.preset) {
        const auto base = RetryPolicy::fromPreset(preset);
        if (!base)
            return R::failure(base.error());
        policy = base.value();
    }
    const struct
    {
        QLineEdit *edit;
        qint64 RetryPolicy::*field;
        const char *name;
    } fields[] = {
        { m_ui->windowEdit, &RetryPolicy::windowMs, QT_TR_NOOP("The retry window") },
        { m_ui->earlyDelayEdit, &RetryPolicy::earlyDelayMs, QT_TR_NOOP("The early delay") },
        { m_ui->earlyPeriodEdit, &RetryPolicy::earlyPeriodMs, QT_TR_NOOP("The early period") },
        { m_ui->lateDelayEdit, &RetryPolicy::lateDelayMs, QT_TR_NOOP("The late delay") },
    };
    for (const auto &f : fields) {
        const auto d = Duration::parse(f.edit->text().trimmed());
        if (!d)
            return R::failure(tr("%1 is not a duration: write it as 30s, 5m, 1h30m or 2d.").arg(tr(f.name)));
        policy.*(f.field) = d.value();
    }
    const QString steps = m_ui->stepsEdit->text().trimmed();
    if (steps.isEmpty()) {
        policy.stepsMs.clear();
    } else {
        const auto parsed = RetryPolicy::parseSteps(steps);
        if (!parsed)
            return R::failure(parsed.error());
        policy.stepsMs = parsed.value();
    }
    if (Status s = policy.check(); !s)
        return R::failure(s.error());
    return policy;
}

void WebhookDialog::updatePolicyDescription()
{
    const bool stepped = !m_ui->stepsEdit->text().trimmed().isEmpty();
    for (QWidget *tier : std::initializer_list<QWidget *> { m_ui->earlyDelayEdit, m_ui->earlyPeriodEdit,
             m_ui->lateDelayEdit, m_ui->earlyPeriodLabel, m_ui->lateDelayLabel })
        tier->setEnabled(!stepped);
    const auto policy = editedPolicy();
    if (!policy) {
        m_ui->policyDescription->setText(policy.error());
        m_ui->policyDescription->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_policyPicture->setData({});
        return;
    }
    m_ui->policyDescription->setStyleSheet(QString());
    QString text = policy.value().describe();
    if (policy.value().isCustom())
        text += QLatin1Char(' ') + tr("(custom, from preset %1)").arg(policy.value().preset);
    m_ui->policyDescription->setText(text);
    m_policyPicture->setData(RetryPictureData::preview(policy.value()), false);
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
