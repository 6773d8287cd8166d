#include "historypane.h"

#include "deliveryhistorymodel.h"
#include "deliverytext.h"
#include "emptystate.h"
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
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>
#include <QToolButton>
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
    , m_empty(new EmptyState(m_view))
    , m_savedFilters(new QToolButton(this))
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
    m_searchEdit->setToolTip(m_searchEdit->placeholderText()); // whole, where the field is narrow
    m_searchEdit->setClearButtonEnabled(true);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_onlySelectedWebhook);
    filters->addWidget(m_displayFilter);
    filters->addWidget(m_eventTypeFilter);
    filters->addWidget(m_searchEdit, 1);
    m_savedFilters->setObjectName(QStringLiteral("savedFilters"));
    m_savedFilters->setText(tr("F&ilters"));
    m_savedFilters->setToolTip(tr("Save this filter, or apply one saved before"));
    m_savedFilters->setPopupMode(QToolButton::InstantPopup);
    m_savedFilters->setMenu(new QMenu(m_savedFilters));
    connect(m_savedFilters->menu(), &QMenu::aboutToShow, this, &HistoryPane::fillSavedFiltersMenu);
    m_savedFilters->setMinimumWidth(m_savedFilters->sizeHint().width());
    filters->addWidget(m_savedFilters);

    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(DeliveryHistoryModel::Id, Qt::DescendingOrder);
    m_view->setItemDelegateForColumn(
        DeliveryHistoryModel::Status, new StatusDelegate(DeliveryHistoryModel::DisplayStateRole, this));
    m_view->addActions(contextActions);
    auto *header = m_view->horizontalHeader();
    // Once rows show, the status is as wide as its widest name in this language ("Wird
    // wiederholt"), with its icon, so a delivery that turns Retrying reads whole.
    int statusWidth = 0;
    for (const auto display : { Delivery::Display::NeverTried, Delivery::Display::Delivered,
             Delivery::Display::Retrying, Delivery::Display::Failed })
        statusWidth
            = qMax(statusWidth, m_view->fontMetrics().horizontalAdvance(DeliveryText::displayName(display)));
    m_statusWidth
        = statusWidth + m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view) + 20;
    // Until the first rows arrive, each column as wide as its header: an empty history fits
    // its pane, with no horizontal scroll bar.
    for (int column = 0; column < DeliveryHistoryModel::ColumnCount; ++column)
        header->resizeSection(column, header->minimumSectionSize());
    TableViews::fitHeaderTexts(header);
    // Nine columns do not fit beside the detail at 1280 × 800: "First sent" (in the detail
    // pane too) starts hidden; the header's context menu shows it, and the choice is kept.
    header->setSectionHidden(DeliveryHistoryModel::FirstSent, true);
    TableViews::addColumnMenu(header);

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
        updateEmptyState();
    });
    connect(
        m_model, &DeliveryHistoryModel::sortRefused, this, [this](int column, qint64 count, qint64 limit) {
            // The header shows the sort the list still has.
            m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
            Q_EMIT message(
                tr("Sorting by %1 is offered for up to %L2 deliveries; this list has %L3. Narrow it "
                   "with the filters first.")
                    .arg(m_model->headerData(column, Qt::Horizontal).toString().simplified())
                    .arg(limit)
                    .arg(count));
        });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryPane::updateEmptyState);
    // Rows arrive loaded (a first page sent ahead of its count) or are filled in later.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryPane::fitColumnsOnce);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &HistoryPane::fitColumnsOnce);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HistoryPane::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPane::updateEmptyState);
}

void HistoryPane::fitColumnsToFirstRows()
{
    m_columnsFitted = false;
    fitColumnsOnce();
}

void HistoryPane::fitColumnsOnce()
{
    if (m_columnsFitted || m_model->rowCount() == 0
        || !m_model->index(0, 0).data(DeliveryHistoryModel::LoadedRole).toBool())
        return;
    // Once, to the header and the rows in view; from then on the widths are the user's.
    m_columnsFitted = true;
    m_view->resizeColumnsToContents();
    m_view->setColumnWidth(
        DeliveryHistoryModel::Status, qMax(m_view->columnWidth(DeliveryHistoryModel::Status), m_statusWidth));
    // First rows that all succeeded would leave the result a status code's width: room for
    // the commonest failure too, as another webhook's rows will show.
    const int failureWidth = m_view->fontMetrics().horizontalAdvance(
                                 DeliveryText::failure(QStringLiteral("Bad HTTP response: 503")))
        + 16;
    m_view->setColumnWidth(
        DeliveryHistoryModel::Result, qMax(m_view->columnWidth(DeliveryHistoryModel::Result), failureWidth));
    // A long failure or event type is cut on the right (its cell's tooltip has it whole)
    // rather than pushing the columns after it out of view.
    const int widest = qMax(m_view->viewport()->width() * 2 / 5, 160);
    for (int column : { DeliveryHistoryModel::EventType, DeliveryHistoryModel::Result }) {
        if (m_view->columnWidth(column) > widest)
            m_view->setColumnWidth(column, widest);
    }
    // And narrower still, down to a dozen characters, while the columns would need the view to
    // scroll sideways: every other column reads whole.
    TableViews::fitToWidth(m_view, { DeliveryHistoryModel::EventType, DeliveryHistoryModel::Result },
        m_view->fontMetrics().averageCharWidth() * 12);
}

void HistoryPane::setPingAction(QAction *ping)
{
    m_pingAction = ping;
    updateEmptyState();
}

void HistoryPane::updateEmptyState()
{
    if (m_model->rowCount() > 0 || m_model->isCounting()) {
        m_empty->clear();
        return;
    }
    const DeliveryFilter shown = m_model->filter();
    if (shown.display || !shown.eventType.isEmpty() || !shown.text.isEmpty() || shown.httpStatus || shown.deliveryId
        || shown.since || shown.until) {
        m_empty->showMessage(tr("No deliveries match these filters."));
        return;
    }
    const QString message = shown.webhookId
        ? tr("No deliveries yet: ping the webhook to send a test delivery.")
        : tr("No deliveries yet: select a webhook and ping it to send a test delivery.");
    if (!m_pingAction) {
        m_empty->showMessage(message);
        return;
    }
    m_empty->showMessage(message, m_pingAction,
        tr("Ping (%1)").arg(m_pingAction->shortcut().toString(QKeySequence::NativeText)));
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

namespace {
const QString SavedFiltersKey = QStringLiteral("history/savedFilters");
}

QVariantMap HistoryPane::filterState() const
{
    QVariantMap state = m_searchBar->state();
    state.insert(QStringLiteral("selectedWebhookOnly"), m_onlySelectedWebhook->isChecked());
    const QVariant display = m_displayFilter->currentData();
    if (display.isValid())
        state.insert(QStringLiteral("display"), display.toInt());
    state.insert(QStringLiteral("eventType"), m_eventTypeFilter->currentData().toString());
    state.insert(QStringLiteral("text"), m_searchEdit->text());
    return state;
}

void HistoryPane::setFilterState(const QVariantMap &state)
{
    {
        // One filter change for the lot, not one per widget.
        const QSignalBlocker blockCheck(m_onlySelectedWebhook);
        const QSignalBlocker blockDisplay(m_displayFilter);
        const QSignalBlocker blockEventType(m_eventTypeFilter);
        const QSignalBlocker blockSearch(m_searchEdit);
        m_onlySelectedWebhook->setChecked(state.value(QStringLiteral("selectedWebhookOnly"), true).toBool());
        const QVariant display = state.value(QStringLiteral("display"));
        const int displayIndex = display.isValid() ? m_displayFilter->findData(display.toInt()) : 0;
        m_displayFilter->setCurrentIndex(qMax(0, displayIndex));
        const QString eventType = state.value(QStringLiteral("eventType")).toString();
        int eventIndex = m_eventTypeFilter->findData(eventType);
        if (eventIndex < 0) { // a type this list does not offer (a platform's): offered from now on
            m_eventTypeFilter->addItem(eventType, eventType);
            eventIndex = m_eventTypeFilter->count() - 1;
        }
        m_eventTypeFilter->setCurrentIndex(eventIndex);
        m_searchEdit->setText(state.value(QStringLiteral("text")).toString());
        m_searchBar->setState(state);
    }
    m_searchDelay.stop();
    Q_EMIT filterChanged();
}

QStringList HistoryPane::savedFilterNames() const
{
    QStringList names = QSettings().value(SavedFiltersKey).toMap().keys();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void HistoryPane::saveFilter(const QString &name)
{
    QSettings settings;
    QVariantMap saved = settings.value(SavedFiltersKey).toMap();
    saved.insert(name, filterState());
    settings.setValue(SavedFiltersKey, saved);
}

bool HistoryPane::applySavedFilter(const QString &name)
{
    const QVariantMap saved = QSettings().value(SavedFiltersKey).toMap();
    if (!saved.contains(name))
        return false;
    setFilterState(saved.value(name).toMap());
    return true;
}

void HistoryPane::removeSavedFilter(const QString &name)
{
    QSettings settings;
    QVariantMap saved = settings.value(SavedFiltersKey).toMap();
    saved.remove(name);
    settings.setValue(SavedFiltersKey, saved);
}

void HistoryPane::fillSavedFiltersMenu()
{
    QMenu *menu = m_savedFilters->menu();
    menu->clear();
    menu->addAction(tr("&Save This Filter…"), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Filter"),
            tr("A name for this filter (a saved one of the same name is replaced):"), QLineEdit::Normal,
            QString(), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty())
            saveFilter(name);
    });
    const QStringList names = savedFilterNames();
    if (names.isEmpty())
        return;
    menu->addSeparator();
    for (const QString &name : names)
        menu->addAction(name, this, [this, name] { applySavedFilter(name); });
    QMenu *remove = menu->addMenu(tr("&Delete"));
    for (const QString &name : names)
        remove->addAction(name, this, [this, name] { removeSavedFilter(name); });
}
