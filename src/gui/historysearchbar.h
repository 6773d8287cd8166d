#pragma once

#include "deliveryfilter.h"

#include <QVariantMap>
#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;

// The history's second row of filters (issue 18): the last attempt's HTTP status (a code or a
// class), a delivery id and a range of creation dates. An entry that is not one says why in one
// sentence and leaves the filter as it was.
class HistorySearchBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistorySearchBar)

public:
    explicit HistorySearchBar(QWidget *parent = nullptr);

    // Puts what the widgets say into `filter`; false, with the reason shown, when an entry is
    // not valid (then `filter` is left as it was).
    bool apply(DeliveryFilter &filter) const;
    QString problem() const;
    // What the widgets say, to be saved with a filter, and put back (without `changed`).
    QVariantMap state() const;
    void setState(const QVariantMap &state);

Q_SIGNALS:
    void changed();

private:
    QLineEdit *m_httpStatus;
    QLineEdit *m_deliveryId;
    QCheckBox *m_fromEnabled;
    QDateEdit *m_from;
    QCheckBox *m_toEnabled;
    QDateEdit *m_to;
    QLabel *m_problem;
};
