#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

// A table of rows with a stable key (an id) that is replaced as a whole from the store, but
// changes on screen precisely: rows that went are removed, new ones inserted, moved ones
// moved, so selections and scroll positions survive a refresh.
template <typename Row> class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    const QList<Row> &rows() const { return m_rows; }

    int rowOfKey(qint64 key) const
    {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (keyOf(m_rows.at(i)) == key)
                return i;
        }
        return -1;
    }

protected:
    virtual qint64 keyOf(const Row &row) const = 0;

    void applyRows(const QList<Row> &fresh)
    {
        if (m_rows.isEmpty()) {
            if (fresh.isEmpty())
                return;
            beginInsertRows(QModelIndex(), 0, int(fresh.size() - 1));
            m_rows = fresh;
            endInsertRows();
            return;
        }
        QHash<qint64, int> freshKeys;
        for (int i = 0; i < fresh.size(); ++i)
            freshKeys.insert(keyOf(fresh.at(i)), i);
        // Gone: removed in runs, from the bottom up.
        for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
            if (freshKeys.contains(keyOf(m_rows.at(i))))
                continue;
            const int last = i;
            while (i > 0 && !freshKeys.contains(keyOf(m_rows.at(i - 1))))
                --i;
            beginRemoveRows(QModelIndex(), i, last);
            m_rows.remove(i, last - i + 1);
            endRemoveRows();
        }
        // Then walk the new order: keep, move up, or insert.
        for (int i = 0; i < fresh.size(); ++i) {
            const qint64 key = keyOf(fresh.at(i));
            if (i < m_rows.size() && keyOf(m_rows.at(i)) == key) {
                m_rows[i] = fresh.at(i);
                continue;
            }
            int from = -1;
            for (int j = i + 1; j < m_rows.size(); ++j) {
                if (keyOf(m_rows.at(j)) == key) {
                    from = j;
                    break;
                }
            }
            if (from >= 0) {
                beginMoveRows(QModelIndex(), from, from, QModelIndex(), i);
                m_rows.move(from, i);
                m_rows[i] = fresh.at(i);
                endMoveRows();
            } else {
                beginInsertRows(QModelIndex(), i, i);
                m_rows.insert(i, fresh.at(i));
                endInsertRows();
            }
        }
        if (!m_rows.isEmpty())
            Q_EMIT this->dataChanged(
                this->index(0, 0), this->index(int(m_rows.size() - 1), this->columnCount() - 1));
    }

    QList<Row> m_rows;
};
