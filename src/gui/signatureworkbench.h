#pragma once

#include "webhook.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

// The delivery detail's Signature tab: for the selected attempt, the exact bytes that were
// signed and how they are made, the signature headers as sent, and a secret field that checks
// them and says why they do not match (SignatureCheck). The typed secret is only ever in the
// field: never stored, logged or kept, and cleared whenever another attempt is shown.
class SignatureWorkbench final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignatureWorkbench)

public:
    explicit SignatureWorkbench(QWidget *parent = nullptr);

    void showAttempt(const QString &profile, const HeaderList &requestHeaders, const QByteArray &body);
    void clear();

    QString signedText() const;
    QString verdictText() const;
    QLineEdit *secretField() const { return m_secret; }

private:
    void verify();

    QString m_profile;
    HeaderList m_headers;
    QByteArray m_body;
    QLabel *m_formula;
    QPlainTextEdit *m_signed;
    QLabel *m_signatures;
    QLineEdit *m_secret;
    QLabel *m_verdict;
};
