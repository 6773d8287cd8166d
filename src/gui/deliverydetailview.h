#pragma once

#include "deliverydetail.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class RetryPicture;
class SignatureWorkbench;
class QTabWidget;
class QToolBar;

// One delivery: Launchpad's summary sentence, its facts, and every attempt with the request
// (headers, the body as sent or pretty-printed) and the response (status, headers, body, duration, error).
class DeliveryDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryDetailView)

public:
    explicit DeliveryDetailView(QWidget *parent = nullptr);

    void showDetail(const DeliveryDetail &detail);
    void clear(const QString &message = QString());
    std::optional<qint64> deliveryId() const;
    // The selected attempt's request as a curl command; empty before any attempt.
    QString curlCommand() const;
    QToolBar *toolBar() const { return m_toolBar; }
    // The width at which every tab's name reads whole: what the window gives the pane at first.
    int widthForTabs() const;
    int attemptCount() const { return int(m_detail ? m_detail->attempts.size() : 0); }
    QString summaryText() const;
    QString requestText() const;
    QString responseText() const;
    // Shows bodies indented when they are JSON instead of as the exact bytes; remembered.
    QCheckBox *prettyToggle() const { return m_pretty; }
    SignatureWorkbench *signatureWorkbench() const { return m_signature; }

private:
    void showAttempt(int row);
    void setPretty(bool pretty);
    QString body(const QByteArray &bytes) const;

    std::optional<DeliveryDetail> m_detail;
    QLabel *m_icon;
    QLabel *m_summary;
    QLabel *m_facts;
    QToolBar *m_toolBar;
    QListWidget *m_attempts;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    QPlainTextEdit *m_payload;
    SignatureWorkbench *m_signature;
    QCheckBox *m_pretty;
    RetryPicture *m_retryPicture; // the "Retries" tab: the schedule as a picture, and in words
    QLabel *m_retryPolicy;
};
