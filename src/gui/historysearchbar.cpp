#include "historysearchbar.h"

#include "validation.h"

#include <QCheckBox>
#include <QDate>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QTimeZone>

namespace {
TimeMs startOfDay(const QDate &date)
{
    // The user's days: midnight where the window runs, stored as UTC like every time.
    return date.startOfDay().toMSecsSinceEpoch();
}
} // namespace

HistorySearchBar::HistorySearchBar(QWidget *parent)
    : QWidget(parent)
    , m_httpStatus(new QLineEdit(this))
    , m_deliveryId(new QLineEdit(this))
    , m_fromEnabled(new QCheckBox(tr("Fro&m"), this))
    , m_from(new QDateEdit(QDate::currentDate().addDays(-7), this))
    , m_toEnabled(new QCheckBox(tr("&To"), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_problem(new QLabel(this))
{
    m_httpStatus->setObjectName(QStringLiteral("httpStatusFilter"));
    m_httpStatus->setPlaceholderText(tr("HTTP status"));
    m_httpStatus->setToolTip(tr("The last attempt's HTTP status: a code such as 404, or a class such as 5xx"));
    m_httpStatus->setClearButtonEnabled(true);
    m_deliveryId->setObjectName(QStringLiteral("deliveryIdFilter"));
    m_deliveryId->setPlaceholderText(tr("Delivery id"));
    m_deliveryId->setClearButtonEnabled(true);
    m_deliveryId->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,18}")), m_deliveryId));
    for (QLineEdit *edit : { m_httpStatus, m_deliveryId })
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 32);
    m_fromEnabled->setObjectName(QStringLiteral("fromFilter"));
    m_toEnabled->setObjectName(QStringLiteral("toFilter"));
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_from->setObjectName(QStringLiteral("fromDate"));
    m_to->setObjectName(QStringLiteral("toDate"));
    m_problem->setObjectName(QStringLiteral("searchProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_httpStatus);
    layout->addWidget(m_deliveryId);
    layout->addWidget(m_fromEnabled);
    layout->addWidget(m_from);
    layout->addWidget(m_toEnabled);
    layout->addWidget(m_to);
    layout->addWidget(m_problem, 1);
    layout->addStretch();

    const auto emitChanged = [this] {
        DeliveryFilter probe;
        const bool ok = apply(probe);
        m_problem->setText(ok ? QString() : problem());
        m_problem->setVisible(!ok);
        if (ok)
            Q_EMIT changed();
    };
    connect(m_httpStatus, &QLineEdit::editingFinished, this, emitChanged);
    connect(m_deliveryId, &QLineEdit::editingFinished, this, emitChanged);
    // The clear buttons change the text without an editing that finishes.
    for (QLineEdit *edit : { m_httpStatus, m_deliveryId })
        connect(edit, &QLineEdit::textChanged, this, [emitChanged](const QString &text) {
            if (text.isEmpty())
                emitChanged();
        });
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromEnabled, &QCheckBox::toggled, this, emitChanged);
    connect(m_toEnabled, &QCheckBox::toggled, this, emitChanged);
    connect(m_from, &QDateEdit::dateChanged, this, emitChanged);
    connect(m_to, &QDateEdit::dateChanged, this, emitChanged);
}

QString HistorySearchBar::problem() const
{
    const QString status = m_httpStatus->text().trimmed();
    if (!status.isEmpty() && !Validation::httpStatusRange(status))
        return tr(
            "“%1” is not an HTTP status: give one from 100 to 599, such as 404, or a class such as 5xx.")
            .arg(status);
    if (m_fromEnabled->isChecked() && m_toEnabled->isChecked() && m_to->date() < m_from->date())
        return tr("The range ends before it starts: pick a “To” date on or after the “From” date.");
    return QString();
}

bool HistorySearchBar::apply(DeliveryFilter &filter) const
{
    if (!problem().isEmpty())
        return false;
    const QString status = m_httpStatus->text().trimmed();
    filter.httpStatus = status.isEmpty()
        ? std::nullopt
        : std::optional<std::pair<int, int>>(Validation::httpStatusRange(status).value());
    bool ok = false;
    const qint64 id = m_deliveryId->text().toLongLong(&ok);
    filter.deliveryId = ok ? std::optional<qint64>(id) : std::nullopt;
    filter.since
        = m_fromEnabled->isChecked() ? std::optional<TimeMs>(startOfDay(m_from->date())) : std::nullopt;
    // "To" takes its whole day.
    filter.until = m_toEnabled->isChecked() ? std::optional<TimeMs>(startOfDay(m_to->date().addDays(1)))
                                            : std::nullopt;
    return true;
}

QVariantMap HistorySearchBar::state() const
{
    QVariantMap state;
    state.insert(QStringLiteral("httpStatus"), m_httpStatus->text());
    state.insert(QStringLiteral("deliveryId"), m_deliveryId->text());
    if (m_fromEnabled->isChecked())
        state.insert(QStringLiteral("from"), m_from->date().toString(Qt::ISODate));
    if (m_toEnabled->isChecked())
        state.insert(QStringLiteral("to"), m_to->date().toString(Qt::ISODate));
    return state;
}

void HistorySearchBar::setState(const QVariantMap &state)
{
    const QSignalBlocker blockBar(this);
    m_httpStatus->setText(state.value(QStringLiteral("httpStatus")).toString());
    m_deliveryId->setText(state.value(QStringLiteral("deliveryId")).toString());
    const auto setDay = [&state](const QString &key, QCheckBox *enabled, QDateEdit *edit) {
        const QDate day = QDate::fromString(state.value(key).toString(), Qt::ISODate);
        enabled->setChecked(day.isValid());
        if (day.isValid())
            edit->setDate(day);
    };
    setDay(QStringLiteral("from"), m_fromEnabled, m_from);
    setDay(QStringLiteral("to"), m_toEnabled, m_to);
    m_problem->hide();
}
