#include "historypane.h"

#include "deliveryhistorymodel.h"
#include "deliverytext.h"
#include "eventtemplates.h"
#include "historysearchbar.h"
#include "historyview.h"
#include "historywindowmodel.h"
#include "icons.h"
#include "statusdelegate.h"
#include "tableviews.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

HistoryPane::HistoryPane(DeliveryHistoryModel *model, const QList<QAction *> &contextActions, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_onlySelectedWebhook(new QCheckBox(tr("Selected &webhook only"), this))
    , m_displayFilter(new QComboBox(this))
    , m_eventTypeFilter(new QComboBox(this))
    , m_searchEdit(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_searchBar(new HistorySearchBar(this))
    , m_windowModel(new HistoryWindowModel(model, this))
    , m_view(new HistoryView(m_windowModel, this))
{
    m_onlySelectedWebhook->setChecked(true);
    m_displayFilter->setObjectName(QStringLiteral("displayFilter"));
    m_displayFilter->addItem(tr("All statuses"));
    for (Delivery::Display display : { Delivery::Display::NeverTried, Delivery::Display::Delivered,
             Delivery::Display::Retrying, Delivery::Display::Failed })
        m_displayFilter->addItem(Icons::status(display), DeliveryText::displayName(display), int(display));
    m_eventTypeFilter->setObjectName(QStringLiteral("eventTypeFilter"));
    m_eventTypeFilter->addItem(tr("All event types"), QString());
    m_eventTypeFilter->addItem(QStringLiteral("ping"), QStringLiteral("ping"));
    for (const QString &type : EventTemplates::launchpadEventTypes())
        m_eventTypeFilter->addItem(type, type);
    // On a narrow window the search keeps room to type in: the event types' filter, as wide
    // as its longest type otherwise, gives way first (its list still shows every type whole).
    m_eventTypeFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_eventTypeFilter->setMinimumContentsLength(18);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search: id, event type or failure (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_onlySelectedWebhook);
    filters->addWidget(m_displayFilter);
    filters->addWidget(m_eventTypeFilter);
    filters->addWidget(m_searchEdit, 1);

    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(DeliveryHistoryModel::Id, Qt::DescendingOrder);
    m_view->setItemDelegateForColumn(
        DeliveryHistoryModel::Status, new StatusDelegate(DeliveryHistoryModel::DisplayStateRole, this));
    m_view->addActions(contextActions);
    auto *header = m_view->horizontalHeader();
    header->resizeSection(DeliveryHistoryModel::Id, 60);
    // As wide as the widest status name in this language ("Wird wiederholt"), with its icon.
    int statusWidth = 0;
    for (const auto display : { Delivery::Display::NeverTried, Delivery::Display::Delivered,
             Delivery::Display::Retrying, Delivery::Display::Failed })
        statusWidth
            = qMax(statusWidth, m_view->fontMetrics().horizontalAdvance(DeliveryText::displayName(display)));
    const int iconSize = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    header->resizeSection(DeliveryHistoryModel::Status, statusWidth + iconSize + 20);
    header->resizeSection(DeliveryHistoryModel::EventType, 130);
    for (int column : { DeliveryHistoryModel::Created, DeliveryHistoryModel::FirstSent,
             DeliveryHistoryModel::LastSent, DeliveryHistoryModel::NextAttempt })
        header->resizeSection(column, 78);
    header->resizeSection(DeliveryHistoryModel::Attempts, 65);
    header->resizeSection(DeliveryHistoryModel::Result, 220);
    TableViews::fitHeaderTexts(header);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    // The count on the second row, where the search bar leaves room: the text search keeps
    // the first row's.
    auto *search = new QHBoxLayout;
    search->addWidget(m_searchBar, 1);
    search->addWidget(m_count);
    layout->addLayout(search);
    // The view and the bar that stands for the whole history, which the view never counts.
    auto *table = new QHBoxLayout;
    table->setSpacing(0);
    table->addWidget(m_view, 1);
    table->addWidget(m_view->positionBar());
    layout->addLayout(table, 1);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(300);
    connect(&m_searchDelay, &QTimer::timeout, this, &HistoryPane::filterChanged);
    connect(m_onlySelectedWebhook, &QCheckBox::toggled, this, &HistoryPane::filterChanged);
    connect(m_displayFilter, &QComboBox::currentIndexChanged, this, &HistoryPane::filterChanged);
    connect(m_eventTypeFilter, &QComboBox::currentIndexChanged, this, &HistoryPane::filterChanged);
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_searchBar, &HistorySearchBar::changed, this, &HistoryPane::filterChanged);
    connect(m_model, &DeliveryHistoryModel::estimated, this, [this](qint64 estimate) {
        // Marked as what it is until the exact count replaces it.
        m_count->setText(tr("≈ %n delivery(s)", nullptr, int(qMin<qint64>(estimate, INT_MAX))));
    });
    connect(m_model, &DeliveryHistoryModel::counted, this, [this](qint64 count) {
        m_count->setText(tr("%n delivery(s)", nullptr, int(qMin<qint64>(count, INT_MAX))));
    });
}

DeliveryFilter HistoryPane::filter(std::optional<qint64> selectedWebhookId) const
{
    DeliveryFilter filter = m_model->filter();
    filter.webhookId = m_onlySelectedWebhook->isChecked() ? selectedWebhookId : std::nullopt;
    const QVariant display = m_displayFilter->currentData();
    filter.display = display.isValid() ? std::optional<Delivery::Display>(Delivery::Display(display.toInt()))
                                       : std::nullopt;
    filter.eventType = m_eventTypeFilter->currentData().toString();
    filter.text = m_searchEdit->text().trimmed();
    m_searchBar->apply(filter); // an entry that is not valid keeps what the history shows
    return filter;
}

void HistoryPane::focusSearch()
{
    m_searchEdit->setFocus();
    m_searchEdit->selectAll();
}
