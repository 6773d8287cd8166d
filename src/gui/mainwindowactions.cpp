#include "mainwindow.h"

#include "deliverydetailview.h"
#include "deliveryhistorymodel.h"
#include "historypane.h"
#include "icons.h"
#include "preferencesdialog.h"
#include "recoverdialog.h"
#include "retryschedulemodel.h"
#include "statusdelegate.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "stuckdialog.h"
#include "summarydialog.h"
#include "tableviews.h"
#include "testeventdialog.h"
#include "timingmarks.h"
#include "validation.h"
#include "webhookdialog.h"
#include "webhooktablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

void initGuiResources();

namespace {
constexpr qint64 Day = 24 * RetryPolicy::Hour;
} // namespace

// The window's actions: made once, enabled as the selection allows, and what each one does.

void MainWindow::createActions()
{
    const auto make = [this](const QString &text, const char *name, const QKeySequence &shortcut,
                          const QIcon &icon, void (MainWindow::*slot)()) {
        auto *action = new QAction(icon, text, this);
        action->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
            action->setToolTip(QStringLiteral("%1 (%2)").arg(
                QString(text).remove(QLatin1Char('&')), shortcut.toString(QKeySequence::NativeText)));
        }
        if (slot)
            connect(action, &QAction::triggered, this, slot);
        return action;
    };
    QStyle *s = style();
    m_addWebhookAction = make(tr("&Add Webhook…"), "addWebhookAction", QKeySequence::New,
        QIcon::fromTheme(QStringLiteral("list-add")), &MainWindow::addWebhook);
    m_editWebhookAction = make(tr("&Edit Webhook…"), "editWebhookAction", QKeySequence(tr("Ctrl+E")),
        QIcon::fromTheme(QStringLiteral("document-edit")), &MainWindow::editWebhook);
    m_deleteWebhookAction = make(tr("&Delete Webhook…"), "deleteWebhookAction", QKeySequence(tr("Ctrl+Del")),
        QIcon::fromTheme(QStringLiteral("edit-delete")), &MainWindow::deleteWebhook);
    m_pingAction = make(tr("&Ping"), "pingAction", QKeySequence(tr("Ctrl+P")),
        QIcon::fromTheme(QStringLiteral("network-transmit"), s->standardIcon(QStyle::SP_ArrowRight)),
        &MainWindow::pingWebhook);
    m_sendTestAction = make(tr("Send &Test Event…"), "sendTestAction", QKeySequence(tr("Ctrl+T")),
        QIcon::fromTheme(QStringLiteral("mail-send")), &MainWindow::sendTestEvent);
    m_retryAction = make(tr("&Retry"), "retryAction", QKeySequence(tr("Ctrl+R")),
        QIcon::fromTheme(QStringLiteral("view-refresh"), s->standardIcon(QStyle::SP_BrowserReload)), nullptr);
    connect(m_retryAction, &QAction::triggered, this, [this] { retrySelected(false); });
    m_retryResetAction = make(tr("Retry and Restart the &24-Hour Window"), "retryResetAction",
        QKeySequence(tr("Ctrl+Shift+R")), QIcon(), nullptr);
    connect(m_retryResetAction, &QAction::triggered, this, [this] { retrySelected(true); });
    m_retryNowAction = make(tr("Retry &Now"), "retryNowAction", QKeySequence(tr("Ctrl+Return")),
        QIcon::fromTheme(QStringLiteral("media-skip-forward"), s->standardIcon(QStyle::SP_MediaSeekForward)),
        &MainWindow::retryNowSelected);
    m_retryFailedAction = make(tr("Recover &Failed Deliveries…"), "retryFailedAction",
        QKeySequence(tr("Ctrl+Shift+F")), QIcon(), &MainWindow::retryFailedOfWebhook);
    m_pauseWebhookAction = make(
        tr("Pa&use Webhook"), "pauseWebhookAction", QKeySequence(), QIcon(), &MainWindow::togglePauseWebhook);
    m_stuckAction
        = make(tr("&Stuck Deliveries…"), "stuckAction", QKeySequence(), QIcon(), &MainWindow::showStuck);
    m_exportHistoryAction = make(
        tr("E&xport History…"), "exportHistoryAction", QKeySequence(), QIcon(), &MainWindow::exportHistory);
    m_summaryAction = make(tr("S&ummarize History…"), "summaryAction", QKeySequence(tr("Ctrl+Shift+S")),
        QIcon(), &MainWindow::summarizeHistory);
    m_exportAttemptsAction = make(tr("Export &Attempts…"), "exportAttemptsAction", QKeySequence(), QIcon(),
        &MainWindow::exportAttempts);
    m_pauseAction = make(tr("&Pause Delivering"), "pauseAction", QKeySequence(tr("Ctrl+Shift+P")),
        s->standardIcon(QStyle::SP_MediaPause), nullptr);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setChecked(m_settings.delivery.paused);
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::setPaused);
    m_pruneAction = make(tr("Prune &Old Deliveries…"), "pruneAction", QKeySequence(),
        QIcon::fromTheme(QStringLiteral("edit-clear")), &MainWindow::pruneNow);
    m_preferencesAction = make(tr("Pr&eferences…"), "preferencesAction", QKeySequence(tr("Ctrl+,")),
        QIcon::fromTheme(QStringLiteral("preferences-system")), &MainWindow::showPreferences);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    m_copyCurlAction = make(tr("Copy as &curl"), "copyCurlAction", QKeySequence(tr("Ctrl+Shift+C")),
        QIcon::fromTheme(QStringLiteral("edit-copy")), &MainWindow::copyAsCurl);
    m_refreshAction
        = make(tr("Re&fresh"), "refreshAction", QKeySequence::Refresh, QIcon(), &MainWindow::refreshAll);
    m_quitAction = make(tr("&Quit"), "quitAction", QKeySequence::Quit, QIcon(), nullptr);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_aboutAction
        = make(tr("&About Hookwatch"), "aboutAction", QKeySequence(), QIcon(), &MainWindow::showAbout);

    // Toolbar buttons say it short; menus say it in full.
    m_addWebhookAction->setIconText(tr("Add"));
    m_sendTestAction->setIconText(tr("Send Event"));
    m_retryResetAction->setIconText(tr("Retry, Restart 24 h"));
    m_retryNowAction->setIconText(tr("Retry Now"));
    m_retryFailedAction->setIconText(tr("Recover Failed"));
    m_pruneAction->setIconText(tr("Prune"));
    m_preferencesAction->setIconText(tr("Preferences"));
    m_copyCurlAction->setIconText(tr("Copy as curl"));
}

void MainWindow::addWebhook()
{
    Webhook fresh;
    if (auto policy = RetryPolicy::fromPreset(m_settings.defaultRetryPreset))
        fresh.retryPolicy = policy.value();
    auto *dialog = new WebhookDialog(fresh, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { Q_EMIT m_connection->saveWebhook(dialog->webhook()); });
    dialog->open();
}

void MainWindow::editWebhook()
{
    const auto hook = selectedWebhook();
    if (!hook)
        return;
    auto *dialog = new WebhookDialog(hook->webhook, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { Q_EMIT m_connection->saveWebhook(dialog->webhook()); });
    dialog->open();
}

void MainWindow::deleteWebhook()
{
    const auto hook = selectedWebhook();
    if (!hook)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Webhook"),
        tr("Delete the webhook for %1?").arg(Validation::maskedUrl(hook->webhook.deliveryUrl)),
        QMessageBox::NoButton, this);
    box->setInformativeText(
        tr("Any pending deliveries or logs of past deliveries will be permanently lost "
           "(%n pending now). To suspend deliveries and keep them, deactivate the webhook instead.",
            nullptr, hook->health.pending));
    QPushButton *remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    QPushButton *deactivate = box->addButton(tr("D&eactivate Instead"), QMessageBox::ActionRole);
    box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const Webhook webhook = hook->webhook;
    connect(remove, &QPushButton::clicked, this,
        [this, webhook] { Q_EMIT m_connection->removeWebhook(webhook.id); });
    connect(deactivate, &QPushButton::clicked, this, [this, webhook] {
        Webhook inactive = webhook;
        inactive.active = false;
        inactive.secret.reset(); // keep the stored one
        Q_EMIT m_connection->saveWebhook(inactive);
    });
    box->open();
}

void MainWindow::pingWebhook()
{
    if (const auto hook = selectedWebhook())
        Q_EMIT m_connection->ping(hook->webhook.id);
}

void MainWindow::sendTestEvent()
{
    const auto hook = selectedWebhook();
    if (!hook)
        return;
    auto *dialog = new TestEventDialog(
        hook->webhook.id, Validation::maskedUrl(hook->webhook.deliveryUrl), hook->webhook.profile, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = hook->webhook.id;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        Q_EMIT m_connection->sendTestEvent(id, dialog->eventType(), dialog->payload());
    });
    dialog->open();
}

void MainWindow::retrySelected(bool resetWindow)
{
    QList<qint64> ids;
    for (const Delivery &d : selectedDeliveries()) {
        if (d.status == JobStatus::Failed || d.status == JobStatus::Completed
            || d.status == JobStatus::Running)
            ids.append(d.id);
    }
    if (ids.isEmpty()) {
        showMessage(tr("Select a failed or delivered delivery to retry."), true);
        return;
    }
    Q_EMIT m_connection->retry(ids, resetWindow);
}

void MainWindow::retryNowSelected()
{
    QList<qint64> ids;
    for (const Delivery &d : selectedDeliveries()) {
        if (d.status == JobStatus::Waiting)
            ids.append(d.id);
    }
    if (ids.isEmpty()) {
        showMessage(tr("Select a waiting delivery to send it now."), true);
        return;
    }
    Q_EMIT m_connection->retryNow(ids);
}

void MainWindow::retryFailedOfWebhook()
{
    const auto hook = selectedWebhook();
    auto *dialog
        = new RecoverDialog(m_connection, hook ? std::optional<qint64>(hook->webhook.id) : std::nullopt,
            hook ? Validation::maskedUrl(hook->webhook.deliveryUrl) : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::togglePauseWebhook()
{
    if (const auto hook = selectedWebhook())
        Q_EMIT m_connection->setWebhookPaused(hook->webhook.id, !hook->webhook.pausedAt);
}

void MainWindow::showStuck()
{
    auto *dialog = new StuckDialog(m_connection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::exportHistory()
{
    const auto hook = selectedWebhook();
    const DeliveryFilter filter
        = m_history->filter(hook ? std::optional<qint64>(hook->webhook.id) : std::nullopt);
    auto *dialog = new QFileDialog(this, tr("Export History"), QStringLiteral("hookwatch-history.csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({ tr("CSV (*.csv)"), tr("JSON (*.json)") });
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, dialog, filter](const QString &path) {
        const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
            || dialog->selectedNameFilter().contains(QLatin1String("*.json"));
        Q_EMIT m_connection->exportHistory(
            filter, path, json ? QStringLiteral("json") : QStringLiteral("csv"));
    });
    dialog->open();
}

// What the history as filtered now adds up to, in a window of its own.
void MainWindow::summarizeHistory()
{
    const auto hook = selectedWebhook();
    auto *dialog = new SummaryDialog(
        m_connection, m_history->filter(hook ? std::optional<qint64>(hook->webhook.id) : std::nullopt), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->resize(640, 360);
    dialog->show();
}

void MainWindow::exportAttempts()
{
    const auto id = m_detail->deliveryId();
    if (!id)
        return;
    auto *dialog = new QFileDialog(this, tr("Export Attempts"), QStringLiteral("delivery-%1.har").arg(*id));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({ tr("HTTP Archive (*.har)"), tr("HTTP request file (*.http)") });
    dialog->setDefaultSuffix(QStringLiteral("har"));
    const qint64 deliveryId = *id;
    connect(dialog, &QFileDialog::fileSelected, this, [this, dialog, deliveryId](const QString &path) {
        const bool http = path.endsWith(QLatin1String(".http"), Qt::CaseInsensitive)
            || dialog->selectedNameFilter().contains(QLatin1String("*.http"));
        Q_EMIT m_connection->exportAttempts(
            deliveryId, path, http ? QStringLiteral("http") : QStringLiteral("har"));
    });
    dialog->open();
}

void MainWindow::setPaused(bool paused)
{
    m_settings.delivery.paused = paused;
    m_settings.save();
    Q_EMIT m_connection->setDeliveryOptions(m_settings.delivery);
    showMessage(
        paused ? tr("Delivering paused: nothing is sent until you resume.") : tr("Delivering resumed."));
    updateActions();
}

void MainWindow::pruneNow()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Prune Old Deliveries"),
        tr("Delete every delivery that finished more than %n day(s) ago, with its attempts?", nullptr,
            m_settings.retentionDays),
        QMessageBox::NoButton, this);
    box->setInformativeText(tr("The retention period is set in the preferences."));
    QPushButton *prune = box->addButton(tr("&Prune"), QMessageBox::DestructiveRole);
    box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(prune, &QPushButton::clicked, this,
        [this] { Q_EMIT m_connection->prune(qint64(m_settings.retentionDays) * Day, false); });
    box->open();
}

void MainWindow::showPreferences()
{
    auto *dialog = new PreferencesDialog(m_settings, m_database.url(), m_connection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const bool databaseChanged = dialog->databaseChanged();
        AppSettings next = dialog->settings();
        next.delivery.paused = m_pauseAction->isChecked();
        m_settings = next;
        m_settings.save();
        if (databaseChanged) {
            const auto config = DatabaseConfig::parse(next.databaseUrl);
            if (config) {
                if (m_databaseFixed)
                    showMessage(
                        tr("Opened the new database; note that --db or HOOKWATCH_DB chooses the database "
                           "at the next start."));
                openStore(config.value());
            }
        } else {
            Q_EMIT m_connection->setDeliveryOptions(m_settings.delivery);
        }
        updateActions();
    });
    dialog->open();
}

void MainWindow::copyAsCurl()
{
    const QString command = m_detail->curlCommand();
    if (command.isEmpty()) {
        showMessage(tr("Select a delivery first."), true);
        return;
    }
    QApplication::clipboard()->setText(command);
    showMessage(tr("Copied the request as a curl command."));
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Hookwatch"),
        tr("<h3>Hookwatch %1</h3><p>Sends webhooks and watches their deliveries, with "
           "Launchpad's retry rules.</p><p>Database: %2</p>")
            .arg(QCoreApplication::applicationVersion(), m_database.displayUrl().toHtmlEscaped()),
        QMessageBox::Close, this);
    box->setIconPixmap(Icons::application().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
