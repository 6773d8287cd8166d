#include "testeventdialog.h"

#include "eventtemplates.h"
#include "validation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

TestEventDialog::TestEventDialog(
    qint64 webhookId, const QString &webhookUrl, const QString &profile, QWidget *parent)
    : QDialog(parent)
    , m_eventType(new QComboBox(this))
    , m_payload(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_profile(profile)
{
    setWindowTitle(tr("Send Test Event to Webhook %1").arg(webhookId));
    resize(640, 480);
    m_eventType->setEditable(true);
    m_eventType->addItems(EventTemplates::eventTypes(profile));
    if (EventTemplates::payloadFor(profile, QStringLiteral("ping")) != "{}")
        m_eventType->addItem(QStringLiteral("ping")); // the platforms' own pings are Webhook → Ping
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setTabChangesFocus(true);
    m_message->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Send"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));

    auto *form = new QFormLayout;
    auto *target = new QLabel(webhookUrl, this);
    target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Webhook:"), target);
    form->addRow(tr("&Event type:"), m_eventType);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *payloadLabel = new QLabel(tr("&Payload (JSON):"), this);
    payloadLabel->setBuddy(m_payload);
    layout->addWidget(payloadLabel);
    layout->addWidget(m_payload, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_eventType, &QComboBox::currentTextChanged, this, &TestEventDialog::onEventTypeChanged);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &TestEventDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TestEventDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TestEventDialog::reject);
    onEventTypeChanged();
}

QString TestEventDialog::eventType() const
{
    return m_eventType->currentText().trimmed();
}

QByteArray TestEventDialog::payload() const
{
    return m_payload->toPlainText().toUtf8();
}

void TestEventDialog::onEventTypeChanged()
{
    // A payload the user has edited is theirs; a template is replaced by the new type's.
    const bool untouched = payload() == m_template || m_payload->toPlainText().trimmed().isEmpty();
    const QByteArray next = EventTemplates::payloadFor(m_profile, eventType());
    if (untouched && (next != "{}" || m_template.isEmpty())) {
        m_template = next;
        m_payload->setPlainText(QString::fromUtf8(next));
    }
    validate();
}

QString TestEventDialog::validationError() const
{
    if (Status s = Validation::eventType(eventType()); !s)
        return s.error();
    const QByteArray bytes = payload();
    QJsonParseError error;
    QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // Where the parser stopped, as a line and column people can find.
        const QByteArray before = bytes.left(error.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(error.offset - (before.lastIndexOf('\n') + 1)) + 1;
        return tr("Not valid JSON at line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
    }
    if (Status s = Validation::payload(bytes); !s)
        return s.error();
    return QString();
}

void TestEventDialog::validate()
{
    const QString error = validationError();
    m_message->setText(
        error.isEmpty() ? tr("Valid JSON, %n byte(s).", nullptr, int(payload().size())) : error);
    m_message->setStyleSheet(
        error.isEmpty() ? QStringLiteral("color: #1b7f2a;") : QStringLiteral("color: #b00020;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

void TestEventDialog::accept()
{
    if (!validationError().isEmpty())
        return;
    QDialog::accept();
}
