#include "signatureworkbench.h"

#include "signaturecheck.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

SignatureWorkbench::SignatureWorkbench(QWidget *parent)
    : QWidget(parent)
    , m_formula(new QLabel(this))
    , m_signed(new QPlainTextEdit(this))
    , m_signatures(new QLabel(this))
    , m_secret(new QLineEdit(this))
    , m_verdict(new QLabel(this))
{
    m_signed->setReadOnly(true);
    m_signed->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_signatures->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_signatures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signatures->setWordWrap(true);
    m_formula->setWordWrap(true);
    m_secret->setObjectName(QStringLiteral("verifySecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Type the secret to check the signature (kept nowhere)"));
    m_secret->setClearButtonEnabled(true);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Signed:"), m_formula);
    form->addRow(tr("Signature:"), m_signatures);
    form->addRow(tr("&Verify with secret:"), m_secret);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_verdict);
    layout->addWidget(new QLabel(tr("The exact bytes signed:"), this));
    layout->addWidget(m_signed, 1);
    connect(m_secret, &QLineEdit::textChanged, this, &SignatureWorkbench::verify);
    clear();
}

void SignatureWorkbench::clear()
{
    m_profile.clear();
    m_headers.clear();
    m_body.clear();
    m_secret->clear();
    m_secret->setEnabled(false);
    m_formula->setText(tr("No attempt selected."));
    m_signatures->clear();
    m_signed->clear();
    m_verdict->clear();
}

void SignatureWorkbench::showAttempt(
    const QString &profile, const HeaderList &requestHeaders, const QByteArray &body)
{
    m_secret->clear(); // a secret typed for one attempt is not kept for the next
    m_profile = profile;
    m_headers = requestHeaders;
    m_body = body;
    const auto signedPart = SignatureCheck::whatWasSigned(profile, requestHeaders, body);
    m_secret->setEnabled(signedPart.has_value());
    if (!signedPart) {
        m_formula->setText(tr("Nothing: no signature was sent (the webhook had no secret then)."));
        m_signatures->clear();
        m_signed->clear();
        m_verdict->clear();
        return;
    }
    m_formula->setText(tr("HMAC of \"%1\" (profile %2)").arg(signedPart->formula, profile));
    QStringList lines;
    for (const auto &[name, value] : signedPart->headers)
        lines << QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(value);
    m_signatures->setText(lines.join(QLatin1Char('\n')));
    m_signed->setPlainText(QString::fromUtf8(signedPart->content));
    verify();
}

void SignatureWorkbench::verify()
{
    if (m_secret->text().isEmpty() || !m_secret->isEnabled()) {
        m_verdict->clear();
        return;
    }
    const QString why = SignatureCheck::mismatch(m_profile, m_headers, m_body, m_secret->text());
    m_verdict->setText(
        why.isEmpty() ? tr("✔ The signature matches this secret.") : QStringLiteral("✘ ") + why);
    m_verdict->setStyleSheet(
        why.isEmpty() ? QStringLiteral("color: #1b7f2a;") : QStringLiteral("color: #b00020;"));
}

QString SignatureWorkbench::signedText() const
{
    return m_formula->text() + QLatin1Char('\n') + m_signatures->text() + QLatin1Char('\n')
        + m_signed->toPlainText();
}

QString SignatureWorkbench::verdictText() const
{
    return m_verdict->text();
}
