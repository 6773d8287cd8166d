#pragma once

#include "deliveryfilter.h"

#include <QTimer>
#include <QVariantMap>
#include <QWidget>

#include <optional>

class DeliveryHistoryModel;
class EmptyState;
class HistorySearchBar;
class HistoryView;
class HistoryWindowModel;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

// The history tab: its filters (the selected webhook only, a status, an event type, a search)
// above the delivery history of any size, with the number of deliveries the filter matches.
class HistoryPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPane)

public:
    // `contextActions`: the actions on the selected deliveries, as the view's context menu.
    HistoryPane(
        DeliveryHistoryModel *model, const QList<QAction *> &contextActions, QWidget *parent = nullptr);

    HistoryView *view() const { return m_view; }
    // The filter the widgets say, for the selected webhook `selectedWebhookId` (none: no
    // webhook is selected); every webhook when "Selected webhook only" is off.
    DeliveryFilter filter(std::optional<qint64> selectedWebhookId) const;
    void focusSearch();
    // Every filter widget's state (the checkbox, status, event type, search, HTTP status,
    // delivery id, dates), for a saved filter; setting it changes the filter once.
    QVariantMap filterState() const;
    void setFilterState(const QVariantMap &state);
    // Saved filters, by name, kept in the settings: what "Saved Filters" lists.
    QStringList savedFilterNames() const;
    void saveFilter(const QString &name);
    bool applySavedFilter(const QString &name);
    void removeSavedFilter(const QString &name);
    // The action an empty history offers (Ping), with its shortcut on the button.
    void setPingAction(QAction *ping);
    EmptyState *emptyState() const { return m_empty; }
    // Sizes the columns to the header and the rows once the first rows are loaded (once: the
    // user's widths are kept after that). Whether that has happened is kept with the widths.
    void fitColumnsToFirstRows();
    bool columnsFitted() const { return m_columnsFitted; }

Q_SIGNALS:
    // A filter widget changed (the search once typing paused).
    void filterChanged();
    // Something for the status bar: why a sort was refused.
    void message(const QString &text);

private:
    DeliveryHistoryModel *m_model;
    QCheckBox *m_onlySelectedWebhook;
    QComboBox *m_displayFilter;
    QComboBox *m_eventTypeFilter;
    QLineEdit *m_searchEdit;
    QLabel *m_count;
    HistorySearchBar *m_searchBar;
    HistoryWindowModel *m_windowModel;
    HistoryView *m_view;
    EmptyState *m_empty;
    QAction *m_pingAction = nullptr;
    bool m_columnsFitted = true;
    int m_statusWidth = 0;
    QTimer m_searchDelay;
    QToolButton *m_savedFilters;

    void updateEmptyState();
    void fitColumnsOnce();
    void fillSavedFiltersMenu();
};
