#include "autopausebanner.h"

#include "validation.h"
#include "webhooknotices.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace {

QList<QPair<qint64, TimeMs>> keysOf(const QList<Webhook> &hooks)
{
    QList<QPair<qint64, TimeMs>> keys;
    for (const Webhook &hook : hooks)
        keys.append({ hook.id, hook.autoPausedAt.value_or(0) });
    return keys;
}

} // namespace

AutoPauseBanner::AutoPauseBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_resume(new QPushButton(this))
    , m_dismiss(new QToolButton(this))
{
    setObjectName(QStringLiteral("autoPauseBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce)); // a warning's yellow, light
    pal.setColor(QPalette::WindowText, QColor(0x3b, 0x2f, 0x00));
    setPalette(pal);

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resume->setText(tr("&Resume and Recover"));
    m_dismiss->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setToolTip(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_resume, 0, Qt::AlignVCenter);
    layout->addWidget(m_dismiss, 0, Qt::AlignTop);

    connect(m_resume, &QPushButton::clicked, this, [this] {
        QList<qint64> ids;
        for (const Webhook &hook : std::as_const(m_paused))
            ids.append(hook.id);
        if (!ids.isEmpty())
            Q_EMIT resumeRequested(ids);
    });
    connect(m_dismiss, &QToolButton::clicked, this, &AutoPauseBanner::dismiss);
    hide();
}

void AutoPauseBanner::setWebhooks(const QList<Webhook> &webhooks)
{
    m_paused.clear();
    for (const Webhook &hook : webhooks) {
        if (hook.autoPausedAt)
            m_paused.append(hook);
    }
    if (m_paused.isEmpty()) {
        m_dismissed.clear();
        m_label->clear();
        hide();
        return;
    }
    const QLocale locale;
    const auto since = [&locale](const Webhook &hook) {
        return locale.toString(
            QDateTime::fromMSecsSinceEpoch(*hook.autoPausedAt).toLocalTime(), QLocale::ShortFormat);
    };
    QString text;
    if (m_paused.size() == 1) {
        const Webhook &hook = m_paused.first();
        text = tr("Webhook %1 (%2): %3, since %4. Its new deliveries are held.")
                   .arg(hook.id)
                   .arg(Validation::maskedUrl(hook.deliveryUrl), WebhookNotices::autoPauseReason(hook),
                       since(hook));
    } else {
        QStringList lines;
        for (const Webhook &hook : std::as_const(m_paused))
            lines.append(tr("Webhook %1 (%2): %3, since %4")
                             .arg(hook.id)
                             .arg(Validation::maskedUrl(hook.deliveryUrl),
                                 WebhookNotices::autoPauseReason(hook), since(hook)));
        text = tr("%n webhook(s) paused by auto-disable; their new deliveries are held.", nullptr,
                   int(m_paused.size()))
            % QLatin1Char('\n') % lines.join(QLatin1Char('\n'));
    }
    m_label->setText(text);
    setVisible(keysOf(m_paused) != m_dismissed);
}

QString AutoPauseBanner::text() const
{
    return m_label->text();
}

void AutoPauseBanner::dismiss()
{
    m_dismissed = keysOf(m_paused);
    hide();
}
