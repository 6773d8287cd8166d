#include "retrypicture.h"

#include "duration.h"

#include <QPainter>
#include <QPainterPath>

namespace {
const QColor Delivered(0x2e, 0x8b, 0x57);
const QColor FailedColour(0xc0, 0x39, 0x2b);
const QColor NextColour(0xe6, 0x7e, 0x22);
const QColor Projected(0x80, 0x80, 0x80);

// The tick spacing that puts at most about eight ticks on the axis.
qint64 tickSpacing(qint64 span)
{
    constexpr qint64 m = RetryPolicy::Minute;
    constexpr qint64 h = RetryPolicy::Hour;
    for (qint64 step : { 10 * 1000LL, m, 5 * m, 10 * m, 30 * m, h, 2 * h, 3 * h, 6 * h, 12 * h, 24 * h })
        if (span / step <= 8)
            return step;
    return 24 * h * (span / (24 * h * 8) + 1);
}
} // namespace

RetryPicture::RetryPicture(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Retry schedule"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, qOverload<>(&QWidget::update));
}

void RetryPicture::setData(const RetryPictureData &data, bool countdown)
{
    m_data = data;
    m_countdown = countdown;
    m_since.start();
    updateGeometry(); // a preview has no headline, and is a line lower
    if (countdown && data.next)
        m_tick.start();
    else
        m_tick.stop();
    setToolTip(tr("Each mark is an attempt from the first one: green delivered, red failed, orange the "
                  "next, grey those still to come if every attempt fails. The dashed line is where the "
                  "retry window ends."));
    update();
}

QString RetryPicture::nextText() const
{
    if (!m_data.next)
        return m_data.past.isEmpty() ? QString() : tr("No retry to come");
    if (!m_countdown)
        return tr("First retry %1 after the first attempt")
            .arg(Duration::describe(*m_data.next - m_data.axisStart));
    const qint64 left = qMax<qint64>(0, m_data.countdownMs - (m_since.isValid() ? m_since.elapsed() : 0));
    if (left < 1000)
        return tr("Next attempt due now");
    // Whole seconds under a minute, whole minutes under an hour: a countdown, not a timestamp.
    const qint64 unit = left < RetryPolicy::Minute ? 1000
        : left < RetryPolicy::Hour                 ? RetryPolicy::Minute
                                                   : 1000;
    qint64 rounded = (left + unit - 1) / unit * unit;
    if (left >= RetryPolicy::Hour)
        rounded = left / RetryPolicy::Minute * RetryPolicy::Minute;
    return tr("Next attempt in %1").arg(Duration::describe(rounded));
}

QSize RetryPicture::sizeHint() const
{
    return { 480, minimumSizeHint().height() };
}

QSize RetryPicture::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return { 240, (m_countdown ? 4 : 3) * line + 30 };
}

void RetryPicture::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height();
    const int left = 12;
    const int right = width() - 12;
    // A preview has no headline: the sentence beside it says as much.
    const int axisY = (m_countdown ? 2 : 1) * line + 16;
    const auto xOf = [&](TimeMs t) { return left + m_data.position(t) * (right - left); };

    if (m_data.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No attempts to show."));
        return;
    }

    // The headline: the countdown, or that nothing is to come.
    if (m_countdown) {
        p.setPen(palette().color(QPalette::WindowText));
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRect(left, 2, right - left, line), Qt::AlignLeft | Qt::AlignVCenter, nextText());
        p.setFont(font());
    }

    // The axis and its ticks, in time since the first attempt.
    const QColor axisColour = palette().color(QPalette::Mid);
    p.setPen(QPen(axisColour, 1));
    p.drawLine(QPointF(left, axisY), QPointF(right, axisY));
    const qint64 span = m_data.axisEnd - m_data.axisStart;
    if (span > 0) {
        const qint64 step = tickSpacing(span);
        p.setPen(palette().color(QPalette::WindowText));
        int lastLabelEnd = -1000;
        for (qint64 t = 0; t <= span; t += step) {
            const double x = xOf(m_data.axisStart + t);
            p.setPen(axisColour);
            p.drawLine(QPointF(x, axisY - 3), QPointF(x, axisY + 3));
            const QString label = t == 0 ? QStringLiteral("0") : Duration::format(t);
            const int w = fm.horizontalAdvance(label);
            const int labelLeft = qBound(0, int(x - w / 2.0), width() - w);
            if (labelLeft > lastLabelEnd + 6) {
                p.setPen(palette().color(QPalette::WindowText));
                p.drawText(QPoint(labelLeft, axisY + 8 + fm.ascent()), label);
                lastLabelEnd = labelLeft + w;
            }
        }
    }

    // Where the window ends.
    if (m_data.windowEnd) {
        const double x = xOf(*m_data.windowEnd);
        p.setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
        const int top = axisY - line - 10;
        p.drawLine(QPointF(x, top), QPointF(x, axisY + 6));
        const QString label = tr("window ends");
        const int w = fm.horizontalAdvance(label);
        const int labelLeft = x + 4 + w <= width() ? int(x + 4) : int(x - 4 - w);
        p.drawText(QPoint(labelLeft, top + fm.ascent()), label);
    }

    // Still to come, then what was, then the next on top.
    p.setPen(QPen(Projected, 1.5));
    p.setBrush(palette().color(QPalette::Base));
    for (TimeMs t : m_data.projected)
        p.drawEllipse(QPointF(xOf(t), axisY), 3.5, 3.5);
    p.setPen(Qt::NoPen);
    for (const auto &a : m_data.past) {
        p.setBrush(a.outcome == RetryPictureData::Outcome::Succeeded ? Delivered : FailedColour);
        p.drawEllipse(QPointF(xOf(a.at), axisY), 5, 5);
    }
    if (m_data.next) {
        const QPointF centre(xOf(*m_data.next), axisY);
        p.setBrush(NextColour);
        p.setPen(QPen(palette().color(QPalette::Base), 1.5));
        p.drawEllipse(centre, 7, 7);
        p.setPen(QPen(NextColour, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(centre, 10, 10);
    }

    // The legend, under the tick labels.
    const int legendY = axisY + 14 + line + line / 2;
    int x = left;
    const auto legend = [&](const QColor &colour, bool hollow, const QString &text) {
        p.setPen(hollow ? QPen(colour, 1.5) : Qt::NoPen);
        p.setBrush(hollow ? palette().color(QPalette::Base) : colour);
        p.drawEllipse(QPointF(x + 5, legendY), 4, 4);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPoint(x + 13, legendY - fm.height() / 2 + fm.ascent()), text);
        x += 13 + fm.horizontalAdvance(text) + 14;
    };
    legend(Delivered, false, tr("delivered"));
    legend(FailedColour, false, tr("failed"));
    legend(NextColour, false, tr("next"));
    legend(Projected, true, tr("still to come"));
}
