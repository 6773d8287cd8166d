#pragma once

#include "appsettings.h"

#include <QDialog>

#include <memory>

class StoreConnection;

namespace Ui {
class PreferencesDialog;
}

// The window's preferences. A new database is opened (in the store's thread) before it is
// accepted, so a typo never leaves the window without a store.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    // `activeDatabase`: the store in use now (it may come from --db or HOOKWATCH_DB).
    PreferencesDialog(const AppSettings &settings, const QString &activeDatabase, StoreConnection *store,
        QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    AppSettings settings() const;
    bool databaseChanged() const;

    void accept() override;

private:
    void testDatabase(bool acceptWhenGood);
    void onDatabaseTested(quint64 serial, const QString &error);
    QString proxyError() const;
    void validate();

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    AppSettings m_settings;
    QString m_activeDatabase;
    StoreConnection *m_connection;
    quint64 m_testSerial = 0;
    bool m_acceptWhenGood = false;
    QString m_verifiedUrl;
};
