#include "emptystate.h"

#include <QAbstractItemView>
#include <QAction>
#include <QBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QLayout>
#include <QPushButton>

EmptyState::EmptyState(QAbstractItemView *view)
    : QWidget(view->viewport())
    , m_view(view)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(this))
{
    setObjectName(QStringLiteral("emptyState"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setForegroundRole(QPalette::PlaceholderText);
    // In a row when the viewport is low (the webhooks pane holds a row or two), so both show.
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label);
    layout->addWidget(m_button);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_action)
            m_action->trigger();
    });
    view->viewport()->installEventFilter(this);
    hide();
}

void EmptyState::showMessage(const QString &message, QAction *action, const QString &buttonText)
{
    if (m_action)
        disconnect(m_action, &QAction::changed, this, &EmptyState::followAction);
    m_action = action;
    m_label->setText(message);
    m_button->setText(buttonText);
    if (action)
        connect(action, &QAction::changed, this, &EmptyState::followAction);
    followAction();
    place();
    show();
}

void EmptyState::clear()
{
    hide();
}

QString EmptyState::message() const
{
    return isHidden() ? QString() : m_label->text();
}

bool EmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        place();
    return QWidget::eventFilter(watched, event);
}

void EmptyState::place()
{
    const QRect area = m_view->viewport()->rect();
    // The sentence on one line beside the button where the viewport allows (a word-wrapped
    // label alone would break even a short one), at most four fifths of it; centred, from the
    // top when the viewport is lower than the sentence.
    const QMargins margins = layout()->contentsMargins();
    const int natural = m_label->fontMetrics().horizontalAdvance(m_label->text()) + margins.left()
        + margins.right() + 2
        + (m_button->isHidden() ? 0 : m_button->sizeHint().width() + layout()->spacing());
    const int width = qMin(qMax(area.width() * 4 / 5, qMin(area.width(), 240)), natural);
    const int height = hasHeightForWidth() ? heightForWidth(width) : sizeHint().height();
    setGeometry((area.width() - width) / 2, qMax(0, (area.height() - height) / 2), width, height);
}

void EmptyState::followAction()
{
    // A button that cannot do anything yet is left out (Ping before a webhook is selected).
    m_button->setVisible(m_action && m_action->isEnabled());
    if (!isHidden())
        place();
}
