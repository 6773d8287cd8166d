#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

// Sends one event to one webhook: an event type (Launchpad's list, or any other), and a JSON
// payload checked as it is typed, starting from a template for the chosen type.
class TestEventDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestEventDialog)

public:
    TestEventDialog(qint64 webhookId, const QString &webhookUrl, QWidget *parent = nullptr);

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
    QByteArray m_template; // what the editor was filled with: replaced only while untouched
};
