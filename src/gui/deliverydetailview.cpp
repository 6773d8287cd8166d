#include "deliverydetailview.h"

#include "deliverytext.h"
#include "icons.h"
#include "retrypicture.h"
#include "signatureworkbench.h"
#include "validation.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace {
const QString prettyKey = QStringLiteral("detail/prettyBodies");

QPlainTextEdit *makeTextPane(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

QString headerLines(const HeaderList &headers)
{
    QStringList lines;
    for (const auto &header : headers) {
        const QByteArray value = Validation::maskedHeaderValue(header.first, header.second);
        lines << QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromUtf8(value);
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

DeliveryDetailView::DeliveryDetailView(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_toolBar(new QToolBar(this))
    , m_attempts(new QListWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_request(makeTextPane(this))
    , m_response(makeTextPane(this))
    , m_payload(makeTextPane(this))
    , m_signature(new SignatureWorkbench(this))
    , m_pretty(new QCheckBox(tr("Pre&tty"), this))
    , m_retryPicture(new RetryPicture(this))
    , m_retryPolicy(new QLabel(this))
{
    QFont bold = m_summary->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_summary->setFont(bold);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setTextFormat(Qt::RichText);
    m_icon->setFixedSize(24, 24);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    m_attempts->setMaximumHeight(130);
    m_attempts->setAlternatingRowColors(true);

    m_tabs->addTab(m_request, tr("Request"));
    m_tabs->addTab(m_response, tr("Response"));
    m_tabs->addTab(m_payload, tr("Payload"));
    auto *retries = new QWidget(this);
    auto *retriesLayout = new QVBoxLayout(retries);
    m_retryPolicy->setWordWrap(true);
    m_retryPolicy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    retriesLayout->addWidget(m_retryPicture);
    retriesLayout->addWidget(m_retryPolicy);
    retriesLayout->addStretch(1);
    m_tabs->addTab(retries, tr("Retries"));
    m_tabs->addTab(m_signature, tr("Signature"));
    m_pretty->setToolTip(tr("Indent JSON bodies instead of showing the exact bytes that were sent"));
    m_pretty->setChecked(QSettings().value(prettyKey, false).toBool());

    auto *header = new QHBoxLayout;
    header->addWidget(m_icon, 0, Qt::AlignTop);
    header->addWidget(m_summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addWidget(m_facts);
    layout->addWidget(m_toolBar);
    auto *attemptsLabel = new QLabel(tr("&Attempts:"), this);
    attemptsLabel->setBuddy(m_attempts);
    // "Pretty" on the attempts' line, not beside the tabs: five German tab names and it do not
    // fit the pane's width at 1280 × 800.
    auto *attemptsRow = new QHBoxLayout;
    attemptsRow->addWidget(attemptsLabel);
    attemptsRow->addStretch(1);
    attemptsRow->addWidget(m_pretty);
    layout->addLayout(attemptsRow);
    layout->addWidget(m_attempts);
    layout->addWidget(m_tabs, 1);

    connect(m_attempts, &QListWidget::currentRowChanged, this, &DeliveryDetailView::showAttempt);
    connect(m_pretty, &QCheckBox::toggled, this, &DeliveryDetailView::setPretty);
    clear();
}

int DeliveryDetailView::widthForTabs() const
{
    const QMargins margins = layout()->contentsMargins();
    return m_tabs->tabBar()->sizeHint().width() + margins.left() + margins.right() + 16;
}

void DeliveryDetailView::clear(const QString &message)
{
    m_detail.reset();
    m_icon->clear();
    m_summary->setText(message.isEmpty() ? tr("Select a delivery to see its attempts.") : message);
    m_facts->clear();
    m_attempts->clear();
    m_request->clear();
    m_response->clear();
    m_payload->clear();
    m_retryPicture->setData({});
    m_retryPolicy->clear();
    m_signature->clear();
    m_toolBar->setEnabled(false);
}

std::optional<qint64> DeliveryDetailView::deliveryId() const
{
    if (!m_detail)
        return std::nullopt;
    return m_detail->delivery.id;
}

QString DeliveryDetailView::summaryText() const
{
    return m_summary->text();
}

QString DeliveryDetailView::requestText() const
{
    return m_request->toPlainText();
}

QString DeliveryDetailView::body(const QByteArray &bytes) const
{
    return DeliveryText::bodyText(bytes, m_pretty->isChecked());
}

void DeliveryDetailView::setPretty(bool pretty)
{
    QSettings().setValue(prettyKey, pretty);
    if (!m_detail)
        return;
    const DeliveryDetail detail = *m_detail;
    showDetail(detail);
}

QString DeliveryDetailView::responseText() const
{
    return m_response->toPlainText();
}

void DeliveryDetailView::showDetail(const DeliveryDetail &detail)
{
    if (detail.delivery.id < 0) {
        clear(tr("Delivery %1 no longer exists (pruned or deleted).").arg(-detail.delivery.id));
        return;
    }
    const bool sameDelivery = m_detail && m_detail->delivery.id == detail.delivery.id;
    const int selectedAttempt = sameDelivery ? m_attempts->currentRow() : -1;
    const bool followLatest = !sameDelivery || selectedAttempt == m_attempts->count() - 1;
    m_detail = detail;
    const Delivery &d = detail.delivery;
    m_icon->setPixmap(Icons::status(d.display()).pixmap(24, 24));
    m_summary->setText(DeliveryText::summary(d));
    const QString url = detail.webhook ? Validation::maskedUrl(detail.webhook->deliveryUrl) : QString();
    QString facts = QStringLiteral("<table cellspacing=\"2\">");
    const auto row = [&facts](const QString &name, const QString &value) {
        facts += QStringLiteral("<tr><td style=\"color:#666; padding-right:10px\">") + name.toHtmlEscaped()
            + QStringLiteral("</td><td>") + value.toHtmlEscaped() + QStringLiteral("</td></tr>");
    };
    row(tr("Delivery"), QString::number(d.id));
    row(tr("Webhook"), tr("%1 (%2)").arg(d.webhookId).arg(url));
    if (detail.webhook && !detail.webhook->headers.isEmpty())
        row(tr("Custom headers"),
            headerLines(detail.webhook->headers).replace(QLatin1Char('\n'), QStringLiteral("; ")));
    if (detail.webhook && detail.webhook->trustSelfSigned)
        row(tr("TLS"), tr("trusts a self-signed certificate"));
    row(tr("Event type"), d.eventType);
    row(tr("Status"),
        tr("%1 (job %2)").arg(DeliveryText::displayName(d.display()), DeliveryText::jobStatusName(d.status)));
    row(tr("Created"), DeliveryText::time(d.dateCreated));
    if (d.status == JobStatus::Waiting)
        row(tr("Next attempt"), d.scheduledStart ? DeliveryText::time(*d.scheduledStart) : tr("now"));
    if (d.status == JobStatus::Running && !d.leaseOwner.isEmpty())
        row(tr("Being sent by"), d.leaseOwner);
    facts += QStringLiteral("</table>");
    m_facts->setText(facts);
    m_payload->setPlainText(body(d.payload));
    m_toolBar->setEnabled(true);
    const RetryPolicy policy = detail.webhook ? detail.webhook->retryPolicy : RetryPolicy();
    m_retryPicture->setData(
        RetryPictureData::forDelivery(d, detail.attempts, policy, QDateTime::currentMSecsSinceEpoch()));
    m_retryPolicy->setText(policy.describe());

    m_attempts->blockSignals(true);
    m_attempts->clear();
    for (const Attempt &a : detail.attempts) {
        QString outcome;
        Delivery::Display icon = Delivery::Display::Failed;
        if (a.deactivated)
            outcome = tr("Webhook deactivated");
        else if (!a.connectionError.isEmpty())
            outcome = DeliveryText::connectionError(a.connectionError);
        else if (a.response) {
            outcome = tr("HTTP %1").arg(a.response->statusCode);
            if (a.response->statusCode >= 200 && a.response->statusCode <= 299)
                icon = Delivery::Display::Delivered;
        }
        auto *item = new QListWidgetItem(Icons::status(icon),
            tr("#%1  %2  %3  (%4 ms)")
                .arg(a.number)
                .arg(DeliveryText::time(a.dateStarted), outcome)
                .arg(a.durationMs),
            m_attempts);
        item->setData(Qt::UserRole, a.number);
        if (!a.testTool.isEmpty()) // a receiver test tool's send, not one of the delivery's tries
            item->setText(tr("%1  [test: %2]").arg(item->text(), a.testTool));
    }
    m_attempts->blockSignals(false);
    if (detail.attempts.isEmpty()) {
        m_signature->clear();
        m_request->setPlainText(
            tr("Not sent yet.\n\nThe request will be:\nPOST %1\n\n%2").arg(url, body(d.payload)));
        m_response->clear();
        m_tabs->setCurrentWidget(m_request);
        return;
    }
    const int row_ = followLatest ? m_attempts->count() - 1 : qMin(selectedAttempt, m_attempts->count() - 1);
    m_attempts->setCurrentRow(row_);
    showAttempt(row_);
}

void DeliveryDetailView::showAttempt(int row)
{
    if (!m_detail || row < 0 || row >= m_detail->attempts.size())
        return;
    const Attempt &a = m_detail->attempts.at(row);
    m_request->setPlainText(QString::fromLatin1(a.request.method) + QLatin1Char(' ')
        + Validation::maskedUrl(a.request.url) + QLatin1Char('\n') + headerLines(a.request.headers)
        + QStringLiteral("\n\n") + body(m_detail->delivery.payload));
    QString response;
    response += tr("Started %1, took %2 ms").arg(DeliveryText::time(a.dateStarted)).arg(a.durationMs)
        + QStringLiteral("\n\n");
    if (a.deactivated) {
        response += tr("Nothing was sent: the webhook was inactive (Webhook deactivated).");
    } else if (!a.connectionError.isEmpty()) {
        response += tr("No response: %1").arg(DeliveryText::connectionError(a.connectionError));
    } else if (a.response) {
        response += tr("HTTP %1").arg(a.response->statusCode) + QLatin1Char('\n')
            + headerLines(a.response->headers) + QStringLiteral("\n\n") + body(a.response->body);
        if (a.response->bodyTruncated)
            response
                += QLatin1Char('\n') + tr("[body cut off after %1 KiB]").arg(Attempt::MaxResponseBody / 1024);
    }
    m_response->setPlainText(response);
    m_signature->showAttempt(m_detail->webhook ? m_detail->webhook->profile : QString(), a.request.headers,
        m_detail->delivery.payload);
}

QString DeliveryDetailView::curlCommand() const
{
    if (!m_detail)
        return QString();
    const int row = m_attempts->currentRow();
    if (row >= 0 && row < m_detail->attempts.size())
        return DeliveryText::curlCommand(m_detail->attempts.at(row), m_detail->delivery.payload);
    if (!m_detail->webhook)
        return QString();
    // Not sent yet: the request it will be, without the headers only the sender adds.
    Attempt planned;
    planned.request.url = m_detail->webhook->deliveryUrl;
    planned.request.headers = { { "Content-Type", "application/json" },
        { "X-Launchpad-Event-Type", m_detail->delivery.eventType.toUtf8() },
        { "X-Launchpad-Delivery", QByteArray::number(m_detail->delivery.id) } };
    planned.request.headers += m_detail->webhook->headers;
    return DeliveryText::curlCommand(planned, m_detail->delivery.payload);
}
