#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

// Sends one event to one webhook: an event type (the common ones of the webhook's platform,
// or any other), and a JSON payload checked as it is typed, starting from that platform's
// template for the chosen type.
class TestEventDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestEventDialog)

public:
    // `profile`: the webhook's (Profiles::names()), whose events are offered.
    TestEventDialog(
        qint64 webhookId, const QString &webhookUrl, const QString &profile, QWidget *parent = nullptr);

    QString eventType() const;
    QByteArray payload() const;
    QString validationError() const;

    void accept() override;

private:
    void onEventTypeChanged();
    void validate();

    QComboBox *m_eventType;
    QPlainTextEdit *m_payload;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QString m_profile;
    QByteArray m_template; // what the editor was filled with: replaced only while untouched
};
