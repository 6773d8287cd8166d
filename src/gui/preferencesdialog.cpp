#include "preferencesdialog.h"

#include "ui_preferencesdialog.h"

#include "databaseconfig.h"
#include "proxysetting.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "webhookdialog.h"

#include <QFileDialog>
#include <QPushButton>

PreferencesDialog::PreferencesDialog(
    const AppSettings &settings, const QString &activeDatabase, StoreConnection *store, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
    , m_settings(settings)
    , m_activeDatabase(activeDatabase)
    , m_connection(store)
{
    m_ui->setupUi(this);
    setMinimumWidth(560);
    m_ui->databaseMessage->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_ui->defaultPolicyDescription->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_ui->databaseEdit->setText(activeDatabase);
    m_ui->deliverCheck->setChecked(settings.delivery.deliver);
    m_ui->concurrencySpin->setValue(settings.delivery.concurrency);
    m_ui->proxyEdit->setText(settings.delivery.proxyUrl);
    m_ui->retentionSpin->setValue(settings.retentionDays);
    m_ui->noticeFirstFailureCheck->setChecked(settings.notices.firstFailure);
    m_ui->noticeRecoveredCheck->setChecked(settings.notices.recovered);
    m_ui->noticeExhaustedCheck->setChecked(settings.notices.exhausted);
    m_ui->noticeDisabledCheck->setChecked(settings.notices.disabled);
    for (const QString &preset : RetryPolicy::presetNames())
        m_ui->defaultPresetCombo->addItem(WebhookDialog::presetTitle(preset), preset);
    m_ui->defaultPresetCombo->setCurrentIndex(
        qMax(0, m_ui->defaultPresetCombo->findData(settings.defaultRetryPreset)));
    const auto describePreset = [this] {
        const auto policy = RetryPolicy::fromPreset(m_ui->defaultPresetCombo->currentData().toString());
        m_ui->defaultPolicyDescription->setText(policy ? policy->describe() : QString());
    };
    describePreset();
    m_ui->databaseMessage->setText(tr("In use: %1").arg(activeDatabase));

    connect(m_ui->defaultPresetCombo, &QComboBox::currentIndexChanged, this, describePreset);
    connect(m_ui->testButton, &QPushButton::clicked, this, [this] { testDatabase(false); });
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("SQLite Database"), QString(),
            tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_ui->databaseEdit->setText(QStringLiteral("sqlite:") + file);
    });
    connect(m_ui->databaseEdit, &QLineEdit::textChanged, this, [this] {
        m_ui->databaseMessage->setText(databaseChanged()
                ? tr("Not tested yet: it is opened when you press OK.")
                : tr("In use: %1").arg(m_activeDatabase));
        m_ui->databaseMessage->setStyleSheet(QString());
    });
    connect(m_ui->proxyEdit, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    connect(
        m_connection->service(), &StoreService::databaseTested, this, &PreferencesDialog::onDatabaseTested);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    validate();
}

PreferencesDialog::~PreferencesDialog() = default;

AppSettings PreferencesDialog::settings() const
{
    AppSettings s = m_settings;
    if (databaseChanged())
        s.databaseUrl = m_ui->databaseEdit->text().trimmed();
    s.delivery.deliver = m_ui->deliverCheck->isChecked();
    s.delivery.concurrency = m_ui->concurrencySpin->value();
    s.delivery.proxyUrl = m_ui->proxyEdit->text().trimmed();
    s.retentionDays = m_ui->retentionSpin->value();
    s.notices.firstFailure = m_ui->noticeFirstFailureCheck->isChecked();
    s.notices.recovered = m_ui->noticeRecoveredCheck->isChecked();
    s.notices.exhausted = m_ui->noticeExhaustedCheck->isChecked();
    s.notices.disabled = m_ui->noticeDisabledCheck->isChecked();
    s.defaultRetryPreset = m_ui->defaultPresetCombo->currentData().toString();
    return s;
}

bool PreferencesDialog::databaseChanged() const
{
    return m_ui->databaseEdit->text().trimmed() != m_activeDatabase;
}

QString PreferencesDialog::proxyError() const
{
    if (!ProxySetting::parse(m_ui->proxyEdit->text()))
        return tr("The proxy must look like http://host:port or socks5://host:port.");
    return QString();
}

void PreferencesDialog::validate()
{
    const QString error = proxyError();
    m_ui->proxyMessage->setText(error);
    m_ui->proxyMessage->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_ui->proxyMessage->setVisible(!error.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty() && m_testSerial == 0);
}

void PreferencesDialog::testDatabase(bool acceptWhenGood)
{
    const QString url = m_ui->databaseEdit->text().trimmed();
    if (const auto parsed = DatabaseConfig::parse(url); !parsed) {
        m_ui->databaseMessage->setText(parsed.error());
        m_ui->databaseMessage->setStyleSheet(QStringLiteral("color: #b00020;"));
        return;
    }
    m_acceptWhenGood = acceptWhenGood;
    m_testSerial = m_connection->nextSerial();
    m_ui->databaseMessage->setText(tr("Opening %1…").arg(url));
    m_ui->databaseMessage->setStyleSheet(QString());
    m_ui->testButton->setEnabled(false);
    validate();
    Q_EMIT m_connection->testDatabase(m_testSerial, url);
}

void PreferencesDialog::onDatabaseTested(quint64 serial, const QString &error)
{
    if (serial != m_testSerial)
        return;
    m_testSerial = 0;
    m_ui->testButton->setEnabled(true);
    validate();
    if (!error.isEmpty()) {
        m_ui->databaseMessage->setText(tr("Cannot use this database: %1").arg(error));
        m_ui->databaseMessage->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_acceptWhenGood = false;
        return;
    }
    m_verifiedUrl = m_ui->databaseEdit->text().trimmed();
    m_ui->databaseMessage->setText(tr("The database works."));
    m_ui->databaseMessage->setStyleSheet(QStringLiteral("color: #1b7f2a;"));
    if (m_acceptWhenGood)
        QDialog::accept();
}

void PreferencesDialog::accept()
{
    if (!proxyError().isEmpty() || m_testSerial != 0)
        return;
    if (databaseChanged() && m_verifiedUrl != m_ui->databaseEdit->text().trimmed()) {
        testDatabase(true); // accepts once the store has opened it
        return;
    }
    QDialog::accept();
}
