#pragma once

#include "webhook.h"

#include <QFrame>
#include <QList>

class QLabel;
class QPushButton;
class QToolButton;

// A bar above the panes while auto-disable holds webhooks paused: which ones, since when and
// why, with a button that resumes them (their held deliveries then go out in order) and one
// that hides the bar until the set of auto-paused webhooks changes. Not modal.
class AutoPauseBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AutoPauseBanner)

public:
    explicit AutoPauseBanner(QWidget *parent = nullptr);

    // The store's webhooks as last loaded; those with autoPausedAt set are shown.
    void setWebhooks(const QList<Webhook> &webhooks);
    QString text() const;
    QPushButton *resumeButton() const { return m_resume; }
    QToolButton *dismissButton() const { return m_dismiss; }

Q_SIGNALS:
    void resumeRequested(const QList<qint64> &webhookIds);

private:
    void dismiss();

    QLabel *m_label;
    QPushButton *m_resume;
    QToolButton *m_dismiss;
    QList<Webhook> m_paused;
    // What was on show when dismissed: the bar comes back when this changes.
    QList<QPair<qint64, TimeMs>> m_dismissed;
};
