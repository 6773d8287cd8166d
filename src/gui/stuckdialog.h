#pragma once

#include "recovery.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class StoreConnection;

// Deliveries no worker is moving on: running past their lease, or due for over a minute
// with nothing of their webhook in flight; says when no dispatcher is delivering from the
// store, and gives the first kind back to the queue in one click.
class StuckDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StuckDialog)

public:
    explicit StuckDialog(StoreConnection *store, QWidget *parent = nullptr);
    ~StuckDialog() override;

private:
    void showReport(const StuckReport &report);

    StoreConnection *m_connection;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_list = nullptr;
    QPushButton *m_requeue = nullptr;
};
