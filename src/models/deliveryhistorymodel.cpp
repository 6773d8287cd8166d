#include "deliveryhistorymodel.h"

#include "deliverytext.h"

#include <algorithm>

DeliveryHistoryModel::DeliveryHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_filter.withPayload = false;
    m_requestTimer.setSingleShot(true);
    m_requestTimer.setInterval(RequestGatherMs);
    connect(&m_requestTimer, &QTimer::timeout, this, &DeliveryHistoryModel::sendPageRequests);
}

DeliveryHistoryModel::~DeliveryHistoryModel() = default;

int DeliveryHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

int DeliveryHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeliveryHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const qint64 row = index.row();
    const qint64 page = row / PageSize;
    const auto it = m_rows.constFind(row);
    if (it == m_rows.constEnd() || m_pageGeneration.value(page) != m_generation)
        wantPage(page);
    if (role == LoadedRole)
        return it != m_rows.constEnd();
    if (it == m_rows.constEnd()) {
        if (role == Qt::DisplayRole && index.column() == Id)
            return QStringLiteral("…");
        return QVariant();
    }
    const Delivery &d = *it;
    switch (role) {
    case DeliveryIdRole:
        return d.id;
    case DisplayStateRole:
        return int(d.display());
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Created:
            return DeliveryText::time(d.dateCreated);
        case FirstSent:
            return DeliveryText::optionalTime(d.dateFirstSent);
        case LastSent:
            return DeliveryText::optionalTime(d.dateSent);
        case NextAttempt:
            return d.scheduledStart ? DeliveryText::time(*d.scheduledStart) : QString();
        default:
            return DeliveryText::summary(d);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Attempts)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Id:
            return QString::number(d.id);
        case Status:
            return DeliveryText::state(d);
        case EventType:
            return d.eventType;
        case Created:
            return DeliveryText::shortTime(d.dateCreated);
        case FirstSent:
            return DeliveryText::optionalShortTime(d.dateFirstSent);
        case LastSent:
            return DeliveryText::optionalShortTime(d.dateSent);
        case Attempts:
            return DeliveryText::attempts(d);
        case Result:
            return DeliveryText::result(d);
        case NextAttempt:
            if (d.status == JobStatus::Waiting)
                return d.scheduledStart ? DeliveryText::shortTime(*d.scheduledStart) : tr("now");
            return QString();
        case ColumnCount:
            break;
        }
        return QVariant();
    case RawValueRole:
        switch (Column(index.column())) {
        case Id:
            return d.id;
        case Status:
            return int(d.display());
        case EventType:
            return d.eventType;
        case Created:
            return d.dateCreated;
        case FirstSent:
            return d.dateFirstSent ? QVariant(*d.dateFirstSent) : QVariant();
        case LastSent:
            return d.dateSent ? QVariant(*d.dateSent) : QVariant();
        case Attempts:
            return d.totalAttempts;
        case Result:
            return d.lastStatusCode ? QVariant(*d.lastStatusCode) : QVariant(d.failureDetail);
        case NextAttempt:
            return d.scheduledStart ? QVariant(*d.scheduledStart) : QVariant();
        case ColumnCount:
            break;
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant DeliveryHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Id");
    case Status:
        return tr("Status");
    case EventType:
        return tr("Event type");
    case Created:
        return tr("Created");
    case FirstSent:
        return tr("First sent");
    case LastSent:
        return tr("Last sent");
    case Attempts:
        return tr("Attempts");
    case Result:
        return tr("Result");
    case NextAttempt:
        return tr("Next attempt");
    case ColumnCount:
        break;
    }
    return QVariant();
}

void DeliveryHistoryModel::sort(int column, Qt::SortOrder order)
{
    DeliveryFilter f = m_filter;
    bool indexed = false;
    switch (Column(column)) {
    case Status:
        f.sortKey = DeliveryFilter::SortKey::Status;
        indexed = true;
        break;
    case EventType:
        f.sortKey = DeliveryFilter::SortKey::EventType;
        indexed = true;
        break;
    case Attempts:
        f.sortKey = DeliveryFilter::SortKey::Attempts;
        break;
    case LastSent:
        f.sortKey = DeliveryFilter::SortKey::LastSent;
        break;
    case NextAttempt:
        f.sortKey = DeliveryFilter::SortKey::NextAttempt;
        break;
    default: // ids grow with creation time, and the store has no other index to sort by
        f.sortKey = DeliveryFilter::SortKey::Id;
        indexed = true;
        break;
    }
    f.descending = order == Qt::DescendingOrder;
    m_sortAfterCount.reset();
    if (f.sortKey == m_filter.sortKey && f.descending == m_filter.descending) {
        m_sortColumn = column;
        return;
    }
    if (!indexed) {
        // The size of the list: counted, estimated, or not known yet.
        const qint64 size = m_counted ? m_count : m_estimate;
        if (size < 0) {
            m_sortAfterCount = qMakePair(column, order);
            return;
        }
        if (size > m_unindexedSortLimit) {
            Q_EMIT sortRefused(column, size, m_unindexedSortLimit);
            return;
        }
    }
    m_sortColumn = column;
    setFilter(f);
}

void DeliveryHistoryModel::setFilter(const DeliveryFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    m_filter.withPayload = false;
    m_filter.limit = PageSize;
    m_filter.offset = 0;
    m_count = 0;
    m_newestId = 0;
    m_firstPageBeforeCount = false;
    m_rows.clear();
    m_pageGeneration.clear();
    m_wantedPages.clear();
    m_requestedPages.clear();
    m_deferredPages.clear();
    m_boundaries.clear();
    m_groups.clear();
    m_boundariesWanted = false;
    m_estimate = -1;
    m_counted = false;
    ++m_filterSerial;
    m_generation = 1;
    m_minGeneration = 1;
    endResetModel();
    requestCount();
}

void DeliveryHistoryModel::setWebhook(std::optional<qint64> webhookId)
{
    DeliveryFilter f = m_filter;
    f.webhookId = webhookId;
    setFilter(f);
}

void DeliveryHistoryModel::setDisplayFilter(std::optional<Delivery::Display> display)
{
    DeliveryFilter f = m_filter;
    f.display = display;
    setFilter(f);
}

void DeliveryHistoryModel::setEventTypeFilter(const QString &eventType)
{
    DeliveryFilter f = m_filter;
    f.eventType = eventType;
    setFilter(f);
}

void DeliveryHistoryModel::setTextFilter(const QString &text)
{
    DeliveryFilter f = m_filter;
    f.text = text.trimmed();
    setFilter(f);
}

void DeliveryHistoryModel::refresh()
{
    // What is cached stays on screen but counts as stale: the view's next look reloads it.
    ++m_generation;
    requestCount();
}

void DeliveryHistoryModel::requestCount()
{
    // Every count follows a new filter or a new generation, so the page serial names it too.
    m_countSerial = pageSerial();
    // With nothing to show yet, the first page comes with the count instead of a round trip
    // later, behind whatever else the store's thread has been asked for meanwhile.
    DeliveryFilter filter = m_filter;
    filter.limit = m_rows.isEmpty() ? PageSize : 0;
    Q_EMIT countWanted(m_countSerial, filter);
}

void DeliveryHistoryModel::onCounted(quint64 serial, qint64 count, qint64 newestId, qint64 oldestId)
{
    if (serial != m_countSerial)
        return; // an older filter's or an older refresh's answer
    m_countSerial = 0;
    m_newestId = newestId;
    m_oldestId = oldestId;
    const qint64 delta = count - m_count;
    // Rows past a first page shown ahead of its count are older ones: they go below it.
    const bool newestFirst
        = m_filter.sortKey == DeliveryFilter::SortKey::Id && m_filter.descending && !m_firstPageBeforeCount;
    m_firstPageBeforeCount = false;
    if (delta > 0) {
        // New deliveries have the highest ids: newest first, they appear at the top and the
        // rows already shown move down with their selection.
        const qint64 first = newestFirst ? 0 : m_count;
        beginInsertRows(QModelIndex(), int(first), int(first + delta - 1));
        if (newestFirst) {
            QHash<qint64, Delivery> shifted;
            shifted.reserve(m_rows.size());
            for (auto it = m_rows.constBegin(); it != m_rows.constEnd(); ++it)
                shifted.insert(it.key() + delta, it.value());
            m_rows = shifted;
            for (auto &boundary : m_boundaries)
                boundary.first += delta; // the same deliveries, further down
            // The pages no longer line up with what was loaded: all of them reload.
            m_pageGeneration.clear();
            m_minGeneration = m_generation;
        }
        m_count = count;
        endInsertRows();
    } else if (delta < 0) {
        beginRemoveRows(QModelIndex(), int(count), int(m_count - 1));
        for (qint64 row = count; row < m_count; ++row)
            m_rows.remove(row);
        m_count = count;
        endRemoveRows();
        m_boundaries.clear(); // rows went: the boundaries no longer stand where they were
    }
    m_counted = true;
    Q_EMIT counted(m_count);
    if (const auto wanted = std::exchange(m_sortAfterCount, std::nullopt)) {
        sort(wanted->first, wanted->second);
        if (m_countSerial != 0)
            return; // sorted anew: a new list is on its way
    }
    findMoreBoundaries();
    if (m_count > 0 && !m_rows.isEmpty()) {
        // Makes the view look at its rows again, which asks for the stale pages in view.
        Q_EMIT dataChanged(index(0, 0), index(int(m_count - 1), ColumnCount - 1));
    }
}

void DeliveryHistoryModel::onGroupsFound(quint64 serial, const QList<HistoryGroup> &groups)
{
    if ((serial >> 32) == m_filterSerial)
        m_groups = groups;
}

void DeliveryHistoryModel::onEstimated(quint64 serial, qint64 estimate)
{
    if (serial != m_countSerial)
        return;
    m_estimate = estimate;
    Q_EMIT estimated(estimate);
}

void DeliveryHistoryModel::wantPage(qint64 page) const
{
    const auto requested = m_requestedPages.constFind(page);
    if (requested != m_requestedPages.constEnd() && *requested == m_generation)
        return;
    m_wantedPages.insert(page);
    if (!m_requestTimer.isActive())
        m_requestTimer.start();
}

void DeliveryHistoryModel::sendPageRequests()
{
    QList<qint64> wanted(m_wantedPages.cbegin(), m_wantedPages.cend());
    m_wantedPages.clear();
    std::sort(wanted.begin(), wanted.end());
    QSet<qint64> sent;
    for (qint64 page : wanted) {
        if (page * PageSize >= m_count || m_pageGeneration.value(page) == m_generation)
            continue; // gone, or arrived meanwhile (the first page comes with the count)
        if (m_filter.sortKey == DeliveryFilter::SortKey::Id && sent.contains(page - 1)) {
            // Asked for with the page above it: it follows from that page's last key once
            // there, instead of a second walk to the same place.
            m_deferredPages.insert(page);
            continue;
        }
        sent.insert(page);
        m_requestedPages.insert(page, m_generation);
        ++m_pagesRequested;
        const DeliveryFilter query = pageQuery(page);
        Q_EMIT pageWanted(pageSerial(), query, page * PageSize, query.limit);
    }
}

void DeliveryHistoryModel::findMoreBoundaries()
{
    if (m_boundariesWanted || m_countSerial != 0 || m_filter.sortKey != DeliveryFilter::SortKey::Id
        || m_count < 2 * BoundaryEvery)
        return;
    if (m_boundaries.isEmpty()) {
        const Delivery *first = keyRow(0);
        if (!first)
            return; // the first page brings it
        m_boundaries.append({ 0, first->id });
    }
    if (m_boundaries.constLast().first + BoundaryEvery >= m_count)
        return; // all found
    m_boundariesWanted = true;
    DeliveryFilter upToCount = m_filter;
    upToCount.beforeId = m_newestId + 1;
    upToCount.afterId.reset();
    upToCount.fromEnd = false;
    Q_EMIT boundariesWanted(
        pageSerial(), upToCount, m_boundaries.constLast().second, BoundaryEvery, BoundariesPerRequest);
}

void DeliveryHistoryModel::onBoundariesFound(quint64 serial, qint64 fromId, const QList<qint64> &ids)
{
    if ((serial >> 32) != m_filterSerial)
        return;
    m_boundariesWanted = false;
    // Cleared or restarted meanwhile: this slice continues nothing.
    if (m_boundaries.isEmpty() || m_boundaries.constLast().second != fromId) {
        findMoreBoundaries();
        return;
    }
    qint64 row = m_boundaries.constLast().first;
    for (qint64 id : ids)
        m_boundaries.append({ row += BoundaryEvery, id });
    if (ids.size() == BoundariesPerRequest)
        findMoreBoundaries();
}

std::optional<QPair<qint64, qint64>> DeliveryHistoryModel::nearestBoundary(qint64 row) const
{
    // The last boundary at or above the row.
    const auto after = std::upper_bound(m_boundaries.cbegin(), m_boundaries.cend(), row,
        [](qint64 r, const QPair<qint64, qint64> &boundary) { return r < boundary.first; });
    if (after == m_boundaries.cbegin())
        return std::nullopt;
    const auto &boundary = *(after - 1);
    if (boundary.first == 0 || row - boundary.first >= BoundaryEvery)
        return std::nullopt; // the start itself, or past the boundaries found so far
    return boundary;
}

const Delivery *DeliveryHistoryModel::keyRow(qint64 row) const
{
    const auto it = m_rows.constFind(row);
    if (it == m_rows.constEnd())
        return nullptr;
    // A row loaded before new deliveries shifted the pages no longer stands where it did.
    const auto generation = m_pageGeneration.constFind(row / PageSize);
    if (generation == m_pageGeneration.constEnd() || *generation < m_minGeneration)
        return nullptr;
    return &*it;
}

DeliveryFilter DeliveryHistoryModel::pageQuery(qint64 page) const
{
    // Up to the count's newest delivery; a key or the nearer end instead of an offset that
    // walks every row before the page (the end of ten million rows took 0.8 s on SQLite and
    // 2.3 s on PostgreSQL that way).
    DeliveryFilter q = m_filter;
    q.beforeId = m_newestId + 1;
    q.afterId.reset();
    q.fromEnd = false;
    const qint64 first = page * PageSize;
    const qint64 rows = qBound(qint64(0), m_count - first, qint64(PageSize));
    q.limit = int(rows);
    q.offset = 0;
    if (m_filter.sortKey == DeliveryFilter::SortKey::Id) {
        const bool newestFirst = m_filter.descending;
        if (const Delivery *above = keyRow(first - 1)) {
            // The rows after the one above the page.
            if (newestFirst)
                q.beforeId = above->id;
            else
                q.afterId = above->id;
            return q;
        }
        if (const Delivery *below = keyRow(first + rows)) {
            // The rows before the one below it, read towards it from there.
            q.fromEnd = true;
            if (newestFirst)
                q.afterId = below->id;
            else
                q.beforeId = below->id;
            return q;
        }
        const auto boundary = nearestBoundary(first);
        if (boundary && first - boundary->first < m_count - first - rows) {
            // A boundary's key and a short walk from it (unless the end is nearer).
            if (newestFirst)
                q.beforeId = boundary->second + 1;
            else
                q.afterId = boundary->second - 1;
            q.offset = first - boundary->first;
            return q;
        }
    }
    if (m_filter.sortsByGroup()) {
        // The same by (key, id): the status's or event type's index has the id after the key.
        if (const Delivery *above = keyRow(first - 1)) {
            q.afterRow = m_filter.rowKey(*above);
            return q;
        }
        if (const Delivery *below = keyRow(first + rows)) {
            q.fromEnd = true;
            q.afterRow = m_filter.rowKey(*below);
            return q;
        }
        if (qMin(first, m_count - first - rows) > PageSize) {
            // Far from both ends: the group the row falls in, and a key inside it estimated
            // from the group's ids as if they were even, as the id sort does before its
            // boundaries come. The pages beside it follow by key.
            qint64 start = 0;
            for (const HistoryGroup &group : m_groups) {
                if (first >= start + group.count) {
                    start += group.count;
                    continue;
                }
                const double share = double(first - start) / double(qMax<qint64>(1, group.count - 1));
                const qint64 span = group.maxId - group.minId;
                const qint64 id = m_filter.descending ? group.maxId - qRound64(share * double(span))
                                                      : group.minId + qRound64(share * double(span));
                q.afterRow = DeliveryFilter::RowKey { group.value, m_filter.descending ? id + 1 : id - 1 };
                return q;
            }
        }
    }
    const qint64 fromEnd = m_count - first - rows;
    if (m_filter.sortKey == DeliveryFilter::SortKey::Id && m_oldestId > 0
        && qMin(first, fromEnd) > BoundaryEvery) {
        // Far from both ends and before the boundaries reach it: the key estimated from the
        // ends' ids, as if they were even. Off by the share of gaps in the ids, a few pixels of
        // the scroll bar at most; the pages beside it follow by key.
        const double share = double(first) / double(qMax<qint64>(1, m_count - 1));
        const qint64 span = m_newestId - m_oldestId;
        const qint64 estimate = m_filter.descending ? m_newestId - qint64(share * double(span))
                                                    : m_oldestId + qint64(share * double(span));
        if (m_filter.descending)
            q.beforeId = estimate + 1;
        else
            q.afterId = estimate - 1;
        return q;
    }
    // Counted from whichever end of the list is nearer.
    if (fromEnd < first) {
        q.fromEnd = true;
        q.offset = fromEnd;
    } else {
        q.offset = first;
    }
    return q;
}

void DeliveryHistoryModel::onPageLoaded(quint64 serial, qint64 offset, const QList<Delivery> &rows)
{
    if ((serial >> 32) != m_filterSerial)
        return;
    const quint64 generation = serial & 0xffffffff;
    if (serial == m_countSerial && m_count == 0 && offset == 0 && !rows.isEmpty()) {
        // The first rows, ahead of their count: shown at once.
        beginInsertRows(QModelIndex(), 0, int(rows.size() - 1));
        for (qsizetype i = 0; i < rows.size(); ++i)
            m_rows.insert(i, rows.at(i));
        m_count = rows.size();
        m_pageGeneration.insert(0, generation);
        m_firstPageBeforeCount = true;
        endInsertRows();
        return;
    }
    const qint64 page = offset / PageSize;
    if (m_requestedPages.value(page) == generation)
        m_requestedPages.remove(page);
    if (generation < m_minGeneration || generation < m_pageGeneration.value(page))
        return;
    // Rows past the count came in after a count was taken: the next count shows them.
    const qint64 usable = qMin<qint64>(rows.size(), qMax<qint64>(0, m_count - offset));
    for (qint64 i = 0; i < PageSize; ++i) {
        if (i < usable)
            m_rows.insert(offset + i, rows.at(i));
        else
            m_rows.remove(offset + i);
    }
    m_pageGeneration.insert(page, generation);
    evictFarPages(page);
    if (!m_deferredPages.isEmpty()) {
        m_wantedPages.unite(m_deferredPages);
        m_deferredPages.clear();
        if (!m_requestTimer.isActive())
            m_requestTimer.start();
    }
    if (page == 0)
        findMoreBoundaries();
    if (usable > 0)
        Q_EMIT dataChanged(index(int(offset), 0), index(int(offset + usable - 1), ColumnCount - 1));
}

void DeliveryHistoryModel::evictFarPages(qint64 nearPage)
{
    if (m_rows.size() <= MaxCachedRows)
        return;
    QList<qint64> pages;
    for (auto it = m_pageGeneration.constBegin(); it != m_pageGeneration.constEnd(); ++it)
        pages.append(it.key());
    std::sort(pages.begin(), pages.end(),
        [nearPage](qint64 a, qint64 b) { return qAbs(a - nearPage) > qAbs(b - nearPage); });
    for (qint64 page : pages) {
        if (m_rows.size() <= MaxCachedRows * 3 / 4)
            break;
        for (qint64 i = 0; i < PageSize; ++i)
            m_rows.remove(page * PageSize + i);
        m_pageGeneration.remove(page);
    }
}

void DeliveryHistoryModel::updateDeliveries(const QList<Delivery> &deliveries)
{
    if (m_rows.isEmpty() || deliveries.isEmpty())
        return;
    QHash<qint64, qint64> rowById;
    rowById.reserve(m_rows.size());
    for (auto it = m_rows.constBegin(); it != m_rows.constEnd(); ++it)
        rowById.insert(it.value().id, it.key());
    for (const Delivery &d : deliveries) {
        const auto it = rowById.constFind(d.id);
        if (it == rowById.constEnd())
            continue;
        Delivery updated = d;
        updated.payload.clear();
        m_rows.insert(*it, updated);
        Q_EMIT dataChanged(index(int(*it), 0), index(int(*it), ColumnCount - 1));
    }
}

std::optional<Delivery> DeliveryHistoryModel::deliveryAt(int row) const
{
    const auto it = m_rows.constFind(row);
    if (it == m_rows.constEnd())
        return std::nullopt;
    return *it;
}

int DeliveryHistoryModel::rowOfDelivery(qint64 deliveryId) const
{
    for (auto it = m_rows.constBegin(); it != m_rows.constEnd(); ++it) {
        if (it.value().id == deliveryId)
            return int(it.key());
    }
    return -1;
}

std::optional<Delivery> DeliveryHistoryModel::deliveryById(qint64 deliveryId) const
{
    const int row = rowOfDelivery(deliveryId);
    return row < 0 ? std::nullopt : deliveryAt(row);
}
