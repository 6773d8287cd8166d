#pragma once

#include "deliveryfilter.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QTimer>

// The delivery history, newest first, for any number of deliveries: the model knows only the
// count and the pages of rows the view has asked for. A row not yet loaded asks for its page
// (requests are gathered for a moment, so fast scrolling asks only for where it stopped);
// jumping to the end loads only the end. Pages are cached; the ones furthest from where the
// view is are dropped first.
class DeliveryHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryHistoryModel)

public:
    enum Column {
        Id,
        Status,
        EventType,
        Created,
        FirstSent,
        LastSent,
        Attempts,
        Result,
        NextAttempt,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // the value behind the text, for sorting and tests
        DeliveryIdRole,
        DisplayStateRole, // int(Delivery::Display)
        LoadedRole, // false while the row's page is on its way
    };

    static constexpr int PageSize = 100;
    static constexpr int MaxCachedRows = 50 * PageSize;
    static constexpr int RequestGatherMs = 15;
    // A long list (id order) gets a key every BoundaryEvery rows, found a few at a time in the
    // store's thread, so a jump into its middle walks at most that many rows from a key.
    static constexpr int BoundaryEvery = 10000;
    static constexpr int BoundariesPerRequest = 20;

    // Attempts, Last sent and Next attempt have no index: each page of such a sort sorts the
    // whole list (1.8 s at ten million on SQLite, 3.5 s on PostgreSQL). They are offered for
    // lists of up to this many deliveries; Id, Created, Status and Event type at any size.
    static constexpr qint64 DefaultUnindexedSortLimit = 50000;

    explicit DeliveryHistoryModel(QObject *parent = nullptr);
    ~DeliveryHistoryModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // A sort with no index (see DefaultUnindexedSortLimit) on a longer list is refused:
    // sortRefused() says so and the list stays as it was. Asked for while a new filter's count
    // is on its way, it waits for the count.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_filter.descending ? Qt::DescendingOrder : Qt::AscendingOrder; }
    void setUnindexedSortLimit(qint64 limit) { m_unindexedSortLimit = limit; }

    // Which deliveries: sort key and order are kept from the current filter when only the
    // criteria change through the setters below.
    void setFilter(const DeliveryFilter &filter);
    const DeliveryFilter &filter() const { return m_filter; }
    void setWebhook(std::optional<qint64> webhookId);
    void setDisplayFilter(std::optional<Delivery::Display> display);
    void setEventTypeFilter(const QString &eventType);
    void setTextFilter(const QString &text);

    // Counts again and reloads the rows in view, keeping what is shown until the new rows come.
    void refresh();
    // Live: the dispatcher changed these deliveries; rows in the cache change in place.
    void updateDeliveries(const QList<Delivery> &deliveries);

    std::optional<Delivery> deliveryAt(int row) const;
    int rowOfDelivery(qint64 deliveryId) const; // -1 when not loaded
    std::optional<Delivery> deliveryById(qint64 deliveryId) const; // while its page is cached
    int cachedRowCount() const { return int(m_rows.size()); }
    int pagesRequested() const { return m_pagesRequested; }
    bool isCounting() const { return m_countSerial != 0; }
    int boundaryCount() const { return int(m_boundaries.size()); }
    int groupCount() const { return int(m_groups.size()); }

public Q_SLOTS:
    void onCounted(quint64 serial, qint64 count, qint64 newestId, qint64 oldestId = 0);
    void onEstimated(quint64 serial, qint64 estimate);
    void onPageLoaded(quint64 serial, qint64 offset, const QList<Delivery> &rows);
    void onBoundariesFound(quint64 serial, qint64 fromId, const QList<qint64> &ids);
    void onGroupsFound(quint64 serial, const QList<HistoryGroup> &groups);

Q_SIGNALS:
    // `filter.limit` > 0: send the first page of that many rows with the count, under `serial`
    // (it may come before the count).
    void countWanted(quint64 serial, const DeliveryFilter &filter);
    // The page at row `offset`, as `filter`'s key, offset and end say.
    void pageWanted(quint64 serial, const DeliveryFilter &filter, qint64 offset, int limit);
    void boundariesWanted(quint64 serial, const DeliveryFilter &filter, qint64 fromId, int every, int count);
    void counted(qint64 count);
    // The store's estimate of the count on its way (PostgreSQL), to show as such meanwhile.
    void estimated(qint64 estimate);
    // Sorting by `column` was refused: the list has `count` deliveries, more than `limit`.
    void sortRefused(int column, qint64 count, qint64 limit);

private:
    quint64 pageSerial() const { return (m_filterSerial << 32) | m_generation; }
    void requestCount();
    void wantPage(qint64 page) const;
    void sendPageRequests();
    void evictFarPages(qint64 nearPage);
    void findMoreBoundaries();
    // The query for a page: from the key of a loaded row beside it (sorted by id, status or
    // event type), from a boundary or an estimated id (sorted by id), or counted from the
    // nearer end.
    DeliveryFilter pageQuery(qint64 page) const;
    // A loaded row that still stands at `row`, or null.
    const Delivery *keyRow(qint64 row) const;
    // The boundary (row, id) at or above `row`, if one was found.
    std::optional<QPair<qint64, qint64>> nearestBoundary(qint64 row) const;

    DeliveryFilter m_filter;
    qint64 m_count = 0;
    qint64 m_newestId = 0; // the newest delivery the count includes; pages stop there
    qint64 m_oldestId = 0; // the oldest the filter takes
    quint64 m_filterSerial = 1;
    quint64 m_generation = 1;
    quint64 m_minGeneration = 1; // pages asked for earlier no longer line up with the rows
    quint64 m_countSerial = 0; // the count request in flight, 0 when none
    bool m_firstPageBeforeCount = false; // the rows shown are the first page; the count adds the rest below
    QHash<qint64, Delivery> m_rows; // row -> delivery, for the cached pages
    QHash<qint64, quint64> m_pageGeneration; // page -> generation its rows were loaded in
    mutable QSet<qint64> m_wantedPages; // asked for by data(), not yet requested
    mutable QHash<qint64, quint64> m_requestedPages; // page -> generation requested in
    QSet<qint64> m_deferredPages; // wanted, waiting for the page above to give their key
    mutable QTimer m_requestTimer;
    int m_sortColumn = Id;
    qint64 m_unindexedSortLimit = DefaultUnindexedSortLimit;
    bool m_counted = false; // the filter's count came (refreshes count again)
    qint64 m_estimate = -1; // the store's estimate of the count on its way, -1 when none
    std::optional<QPair<int, Qt::SortOrder>> m_sortAfterCount; // asked for before the count came
    QList<QPair<qint64, qint64>> m_boundaries; // (row, id) every BoundaryEvery rows from row 0
    QList<HistoryGroup> m_groups; // sorted by status or event type: the list's groups in order
    bool m_boundariesWanted = false; // a slice is on its way
    int m_pagesRequested = 0;
};
