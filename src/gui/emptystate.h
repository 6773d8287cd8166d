#pragma once

#include <QPointer>
#include <QWidget>

class QAbstractItemView;
class QAction;
class QLabel;
class QPushButton;

// What an empty table says to do, centred in its viewport: a sentence and, when there is one,
// a button for the action that fills it ("Add a webhook (Ctrl+N)"). Hidden while the table
// has rows.
class EmptyState final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyState)

public:
    explicit EmptyState(QAbstractItemView *view);

    // Shows `message`, with a button labelled `buttonText` that triggers `action` (none
    // without an action); the button shows while the action is enabled.
    void showMessage(
        const QString &message, QAction *action = nullptr, const QString &buttonText = QString());
    void clear();
    QString message() const;
    QPushButton *button() const { return m_button; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();
    void followAction();

    QAbstractItemView *m_view;
    QLabel *m_label;
    QPushButton *m_button;
    QPointer<QAction> m_action;
};
