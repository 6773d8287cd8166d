#include "mainwindow.h"
#include "autopausebanner.h"

#include "deliverydetailview.h"
#include "deliveryhistorymodel.h"
#include "deliverytext.h"
#include "emptystate.h"
#include "historypane.h"
#include "historyview.h"
#include "icons.h"
#include "preferencesdialog.h"
#include "receivertestsmenu.h"
#include "retryschedulemodel.h"
#include "statusdelegate.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "tableviews.h"
#include "testeventdialog.h"
#include "testtools.h"
#include "timingmarks.h"
#include "validation.h"
#include "webhookdialog.h"
#include "webhooktablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

void initGuiResources();

namespace {
constexpr int StatusRefreshMs = 5000;
constexpr QSize FirstSize(1380, 860);
constexpr qint64 Day = 24 * RetryPolicy::Hour;

} // namespace

MainWindow::MainWindow(
    const DatabaseConfig &database, const AppSettings &settings, bool databaseFixed, QWidget *parent)
    : QMainWindow(parent)
    , m_connection(new StoreConnection(Clock::system(), this))
    , m_database(database)
    , m_settings(settings)
    , m_databaseFixed(databaseFixed)
    , m_webhookModel(new WebhookTableModel(this))
    , m_historyModel(new DeliveryHistoryModel(this))
    , m_scheduleModel(new RetryScheduleModel(Clock::system(), this))
{
    // The store opens in its thread while the widgets are made: the history's first rows can be
    // on their way by the time the window is first painted.
    connectStore();
    Q_EMIT m_connection->open(m_database, m_settings.delivery);

    initGuiResources();
    setWindowTitle(tr("Hookwatch"));
    setWindowIcon(Icons::application());
    setObjectName(QStringLiteral("mainWindow"));

    createActions();
    createMenusAndToolBar();

    // Webhooks on top; below, the history and the retry schedule beside one delivery's detail.
    m_webhookView = TableViews::make(this);
    m_webhookView->setObjectName(QStringLiteral("webhookView"));
    m_webhookView->setModel(m_webhookModel);
    m_webhookView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_webhookView->setItemDelegateForColumn(
        WebhookTableModel::LastResult, new StatusDelegate(WebhookTableModel::DisplayStateRole, this));
    m_webhookView->addActions({ m_pingAction, m_sendTestAction, TableViews::separator(this),
        m_pauseWebhookAction, m_editWebhookAction, m_deleteWebhookAction, TableViews::separator(this),
        m_retryFailedAction, m_stuckAction, TableViews::separator(this), m_addWebhookAction });
    auto *webhookHeader = m_webhookView->horizontalHeader();
    webhookHeader->resizeSection(WebhookTableModel::Id, 44);
    webhookHeader->resizeSection(WebhookTableModel::Url, 300);
    // The check box and the longest of its words in this language ("Pausiert").
    int activeWidth = 0;
    for (const char *word : { "Active", "Inactive", "Paused", "Paused (auto)" })
        activeWidth
            = qMax(activeWidth, m_webhookView->fontMetrics().horizontalAdvance(WebhookTableModel::tr(word)));
    webhookHeader->resizeSection(WebhookTableModel::Active, qMax(80, activeWidth + 40));
    webhookHeader->resizeSection(WebhookTableModel::EventTypes, 200);
    // The commonest failure whole, with its icon, in this language ("Ungültige HTTP-Antwort: 503").
    webhookHeader->resizeSection(WebhookTableModel::LastResult,
        qMax(200,
            m_webhookView->fontMetrics().horizontalAdvance(
                DeliveryText::failure(QStringLiteral("Bad HTTP response: 503")))
                + 40));
    webhookHeader->resizeSection(WebhookTableModel::Recent, 130);
    webhookHeader->resizeSection(WebhookTableModel::Pending, 70);
    TableViews::fitHeaderTexts(webhookHeader);
    m_webhooksEmpty = new EmptyState(m_webhookView);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_webhookModel, signal, this, &MainWindow::updateActions);

    m_scheduleView = TableViews::make(this);
    m_scheduleView->setObjectName(QStringLiteral("scheduleView"));
    m_scheduleView->setModel(m_scheduleModel);
    m_scheduleView->addActions({ m_retryNowAction, m_copyCurlAction });
    auto *scheduleHeader = m_scheduleView->horizontalHeader();
    scheduleHeader->resizeSection(RetryScheduleModel::Id, 60);
    scheduleHeader->resizeSection(RetryScheduleModel::Webhook, 190);
    scheduleHeader->resizeSection(RetryScheduleModel::EventType, 110);
    scheduleHeader->resizeSection(RetryScheduleModel::NextAttempt, 80);
    scheduleHeader->resizeSection(RetryScheduleModel::Countdown, 110);
    scheduleHeader->resizeSection(RetryScheduleModel::AttemptNumber, 60);
    scheduleHeader->resizeSection(RetryScheduleModel::WindowLeft, 100);
    TableViews::fitHeaderTexts(scheduleHeader);

    createHistoryPane();
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_history, tr("&History"));
    m_tabs->addTab(m_scheduleView, tr("Retry &schedule"));

    m_detail = new DeliveryDetailView(this);
    m_detail->toolBar()->addAction(m_retryAction);
    m_detail->toolBar()->addAction(m_retryResetAction);
    m_detail->toolBar()->addAction(m_retryNowAction);
    m_detail->toolBar()->addAction(m_copyCurlAction);

    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->setObjectName(QStringLiteral("lowerSplitter"));
    lower->addWidget(m_tabs);
    lower->addWidget(m_detail);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    lower->setSizes({ 820, 560 });
    auto *main = new QSplitter(Qt::Vertical, this);
    main->setObjectName(QStringLiteral("mainSplitter"));
    main->addWidget(m_webhookView);
    main->addWidget(lower);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({ 180, 560 });
    m_autoPauseBanner = new AutoPauseBanner(this);
    connect(m_autoPauseBanner, &AutoPauseBanner::resumeRequested, this, [this](const QList<qint64> &ids) {
        // Resuming sends what was held, in order, within the retry window it had left.
        for (qint64 id : ids)
            Q_EMIT m_connection->setWebhookPaused(id, false);
    });
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_autoPauseBanner);
    centralLayout->addWidget(main, 1);
    setCentralWidget(central);

    createStatusBar();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(Icons::application(), this);
        m_tray->setToolTip(tr("Hookwatch"));
        auto *trayMenu = new QMenu(this);
        trayMenu->addAction(tr("Show Hookwatch"), this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        trayMenu->addAction(m_pauseAction);
        trayMenu->addAction(m_quitAction);
        m_tray->setContextMenu(trayMenu);
        m_tray->show();
    }

    // Counts move with time ("failed in the last 24 h"), and a watch-only window has no
    // dispatcher to tell it about progress: look every few seconds.
    m_statusTimer.setInterval(StatusRefreshMs);
    connect(&m_statusTimer, &QTimer::timeout, this, [this] {
        if (m_storeOpen && !m_refreshInFlight)
            Q_EMIT m_connection->loadStatus();
    });
    m_refreshDelay.setSingleShot(true);
    connect(&m_refreshDelay, &QTimer::timeout, this, &MainWindow::refreshAll);
    m_refreshClock.start();
    m_statusTimer.start();
    // A window that delivers also prunes, as a worker does: at start and daily.
    m_pruneTimer.setInterval(int(Day / 24)); // hourly check; prune() is cheap when nothing is old
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] {
        if (m_storeOpen && m_settings.delivery.deliver)
            Q_EMIT m_connection->prune(qint64(m_settings.retentionDays) * Day, true);
    });
    m_pruneTimer.start();
    m_notifyDelay.setSingleShot(true);
    m_notifyDelay.setInterval(1000);
    connect(&m_notifyDelay, &QTimer::timeout, this, [this] {
        if (m_failedForGood.isEmpty())
            return;
        QString text;
        if (m_failedForGood.size() == 1) {
            const Delivery &d = m_failedForGood.first();
            text = tr("Delivery %1 (%2) to %3 failed for good: %4")
                       .arg(d.id)
                       .arg(d.eventType, m_failedUrls.value(0), d.failureDetail);
        } else {
            text = tr("%n deliveries failed for good.", nullptr, int(m_failedForGood.size()));
        }
        if (m_tray)
            m_tray->showMessage(tr("Hookwatch: delivery failed"), text, QSystemTrayIcon::Warning);
        showMessage(text, true);
        m_failedForGood.clear();
        m_failedUrls.clear();
    });

    connectViews();
    restoreWindowState();
    updateActions();
    TimingMarks::attachIfEnabled(this);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_preferencesAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *webhook = menuBar()->addMenu(tr("&Webhook"));
    webhook->addActions({ m_addWebhookAction, m_editWebhookAction, m_deleteWebhookAction });
    webhook->addSeparator();
    webhook->addActions({ m_pingAction, m_sendTestAction, m_pauseWebhookAction });
    webhook->addSeparator();
    webhook->addActions({ m_retryFailedAction, m_stuckAction });
    QMenu *delivery = menuBar()->addMenu(tr("&Delivery"));
    delivery->addActions({ m_retryAction, m_retryResetAction, m_retryNowAction });
    // The receiver test tools: each sent through the store's thread, reported in the status bar.
    m_receiverTests = new ReceiverTestsMenu(this);
    connect(m_receiverTests, &ReceiverTestsMenu::testRequested, this,
        [this](const QString &tool, qint64 id) { Q_EMIT m_connection->runTestTool(tool, id); });
    delivery->addMenu(m_receiverTests);
    delivery->addSeparator();
    delivery->addActions(
        { m_copyCurlAction, m_exportAttemptsAction, m_exportHistoryAction, m_summaryAction });
    delivery->addSeparator();
    delivery->addActions({ m_pauseAction, m_pruneAction });
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);

    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(16, 16));
    bar->addAction(m_addWebhookAction);
    bar->addSeparator();
    bar->addAction(m_pingAction);
    bar->addAction(m_sendTestAction);
    bar->addSeparator();
    bar->addAction(m_retryAction);
    bar->addAction(m_retryNowAction);
    bar->addAction(m_retryFailedAction);
    bar->addSeparator();
    bar->addAction(m_pauseAction);
    bar->addAction(m_pruneAction);
    bar->addSeparator();
    bar->addAction(m_preferencesAction);
}

void MainWindow::createHistoryPane()
{
    m_history = new HistoryPane(m_historyModel,
        { m_retryAction, m_retryResetAction, m_retryNowAction, TableViews::separator(this),
            m_copyCurlAction },
        this);
    m_historyView = m_history->view();
    m_history->setPingAction(m_pingAction);
    connect(m_history, &HistoryPane::filterChanged, this, &MainWindow::updateHistoryFilter);
    connect(m_history, &HistoryPane::message, this, [this](const QString &text) { showMessage(text); });
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_history->focusSearch();
    });
    addAction(find);
}

void MainWindow::createStatusBar()
{
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_leasesLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_leasesLabel);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
    m_stateLabel->setText(tr("Opening %1…").arg(m_database.displayUrl()));
}

void MainWindow::connectStore()
{
    StoreService *service = m_connection->service();
    connect(service, &StoreService::opened, this, [this](const QString &url) {
        m_storeOpen = true;
        setWindowTitle(tr("%1 — Hookwatch").arg(url));
        showMessage(tr("Opened %1.").arg(url));
        // The history and the first refresh start once the webhooks are listed, right after this.
        // After the first refresh: pruning a large store takes a while, and until then the
        // store's thread would answer nothing else.
        m_pruneAfterRefresh = m_settings.delivery.deliver;
        updateActions();
        Q_EMIT storeOpened();
    });
    connect(service, &StoreService::webhooksListed, this, [this](const QList<qint64> &ids) {
        // The history starts as it will stay: with "Selected webhook only", filtered to the
        // webhook that is selected once the webhooks are shown (the first, when none is), not
        // unfiltered until their health arrives, which would reset it under the user's eyes.
        std::optional<qint64> webhookId;
        const auto hook = selectedWebhook();
        if (hook && ids.contains(hook->webhook.id))
            webhookId = hook->webhook.id;
        else if (!ids.isEmpty())
            webhookId = ids.first();
        // A store just opened: its own history, whatever was shown before.
        m_historyModel->setFilter(m_history->filter(webhookId));
        refreshAll();
    });
    connect(service, &StoreService::openFailed, this, [this](const QString &message) {
        m_storeOpen = false;
        m_stateLabel->setText(tr("No database"));
        updateActions();
        auto *box = new QMessageBox(
            QMessageBox::Critical, tr("Database Unavailable"), message, QMessageBox::NoButton, this);
        box->setInformativeText(
            tr("Choose another database in the preferences, or start Hookwatch with --db."));
        QPushButton *prefs = box->addButton(tr("Preferences…"), QMessageBox::AcceptRole);
        box->addButton(tr("Close"), QMessageBox::RejectRole);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(prefs, &QPushButton::clicked, this, &MainWindow::showPreferences);
        box->open();
    });
    connect(service, &StoreService::closed, this, [this] {
        m_closed = true;
        close();
        Q_EMIT finished();
    });
    connect(service, &StoreService::webhooksLoaded, this, [this](const QList<WebhookRow> &rows) {
        m_webhookModel->setWebhooks(rows);
        notifyWebhookChanges(rows);
        QTimer::singleShot(0, this, &MainWindow::fitWebhookColumnsOnce); // once laid out
        fitWebhookPane();
        if (!m_webhookView->currentIndex().isValid() && !rows.isEmpty())
            m_webhookView->selectRow(0);
        updateActions();
    });
    connect(service, &StoreService::webhookSaved, this, [this](qint64 id) {
        Q_EMIT m_connection->loadWebhooks();
        const int row = m_webhookModel->rowOfKey(id);
        if (row >= 0)
            m_webhookView->selectRow(row);
    });
    connect(m_historyModel, &DeliveryHistoryModel::countWanted, m_connection, &StoreConnection::countHistory);
    connect(
        m_historyModel, &DeliveryHistoryModel::pageWanted, m_connection, &StoreConnection::loadHistoryPage);
    connect(m_historyModel, &DeliveryHistoryModel::boundariesWanted, m_connection,
        &StoreConnection::findHistoryBoundaries);
    connect(service, &StoreService::historyBoundariesFound, m_historyModel,
        &DeliveryHistoryModel::onBoundariesFound);
    connect(service, &StoreService::historyGroupsFound, m_historyModel, &DeliveryHistoryModel::onGroupsFound);
    connect(service, &StoreService::historyCounted, m_historyModel, &DeliveryHistoryModel::onCounted);
    connect(service, &StoreService::historyEstimated, m_historyModel, &DeliveryHistoryModel::onEstimated);
    connect(service, &StoreService::historyPageLoaded, m_historyModel, &DeliveryHistoryModel::onPageLoaded);
    connect(service, &StoreService::retryScheduleLoaded, this, [this](const QList<ScheduledRetry> &rows) {
        m_scheduleModel->setSchedule(rows);
        updateScheduleTabTitle();
    });
    connect(service, &StoreService::detailLoaded, this, [this](const DeliveryDetail &detail) {
        const qint64 id = detail.delivery.id < 0 ? -detail.delivery.id : detail.delivery.id;
        if (m_detailId && *m_detailId == id)
            m_detail->showDetail(detail);
        updateActions();
    });
    connect(service, &StoreService::statusLoaded, this, [this](const StoreStatus &status) {
        if (m_refreshInFlight) {
            // The status is the last answer of a refresh batch: the batch is done.
            const qint64 cost = m_refreshClock.restart();
            m_refreshGapMs = int(qBound<qint64>(qint64(250), 4 * cost, qint64(10000)));
            m_refreshInFlight = false;
            if (m_pruneAfterRefresh) {
                m_pruneAfterRefresh = false;
                Q_EMIT m_connection->prune(qint64(m_settings.retentionDays) * Day, true);
            }
            if (m_refreshWanted)
                requestRefresh();
        }
        showStatus(status);
    });
    connect(service, &StoreService::deliveriesUpdated, this,
        [this](const QList<Delivery> &deliveries) { m_historyModel->updateDeliveries(deliveries); });
    connect(service, &StoreService::storeChanged, this, &MainWindow::requestRefresh);
    connect(
        service, &StoreService::actionDone, this, [this](const QString &message) { showMessage(message); });
    connect(service, &StoreService::actionFailed, this,
        [this](const QString &message) { showMessage(message, true); });
    connect(service, &StoreService::deliveryFailedForGood, this, &MainWindow::notifyFailedForGood);
}

void MainWindow::connectViews()
{
    connect(m_webhookView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateHistoryFilter();
        updateActions();
    });
    connect(m_webhookView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != WebhookTableModel::Active)
            editWebhook();
    });
    connect(m_webhookModel, &WebhookTableModel::activeChangeRequested, this, [this](qint64 id, bool active) {
        const int row = m_webhookModel->rowOfKey(id);
        if (row < 0)
            return;
        Webhook changed = m_webhookModel->webhookAt(row)->webhook;
        changed.active = active;
        changed.secret.reset(); // keep the stored one
        Q_EMIT m_connection->saveWebhook(changed);
    });
    for (QTableView *view : { static_cast<QTableView *>(m_historyView), m_scheduleView }) {
        connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentDeliveryChanged);
        connect(
            view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    }
    connect(m_historyView, &HistoryView::currentDeliveryChanged, this, &MainWindow::onCurrentDeliveryChanged);
    // The history model is reset when its filter changes: the view's selection model stays.
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentDeliveryChanged);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // The first start: room for the history beside a delivery's detail, but never more
        // than the screen it opens on, or a 1366 × 768 laptop would lose the status bar and
        // the detail's right edge.
        resize(FirstSize.boundedTo(screen()->availableSize() * 0.9));
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter"))) {
        m_fitWebhookPane
            = !splitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
        connect(splitter, &QSplitter::splitterMoved, this, [this] { m_fitWebhookPane = false; });
    }
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("lowerSplitter")))
        m_fitDetailPane
            = !splitter->restoreState(settings.value(QStringLiteral("window/lowerSplitter")).toByteArray());
    const bool restored = m_historyView->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/historyHeader")).toByteArray());
    if (!restored || !settings.value(QStringLiteral("window/historyColumnsFitted")).toBool())
        m_history->fitColumnsToFirstRows();
}

// The first start: the webhooks table as high as its header and rows (2 to 8 of them), the rest
// for the history and the detail, until the user moves the splitter (then that is kept).
void MainWindow::fitWebhookPane()
{
    auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    if (!m_fitWebhookPane || !splitter)
        return;
    const int rows = qBound(2, m_webhookModel->rowCount(), 8);
    int height = m_webhookView->horizontalHeader()->sizeHint().height()
        + rows * m_webhookView->verticalHeader()->defaultSectionSize() + 2 * m_webhookView->frameWidth();
    // Columns wider than the table (German headers in a narrow window): the scroll bar takes a row.
    if (m_webhookView->horizontalHeader()->length() > m_webhookView->viewport()->width())
        height += m_webhookView->horizontalScrollBar()->sizeHint().height();
    const QList<int> sizes = splitter->sizes();
    const int total = std::accumulate(sizes.cbegin(), sizes.cend(), 0);
    if (total > height)
        splitter->setSizes({ height, total - height });
}

void MainWindow::showWhenReady(int maxWaitMs)
{
    // Disconnects everything below once the window is shown, whichever comes first.
    auto *waiting = new QObject(this);
    const auto showNow = [this, waiting] {
        waiting->deleteLater();
        show();
    };
    connect(m_historyModel, &QAbstractItemModel::rowsInserted, waiting,
        [model = m_historyModel, showNow](const QModelIndex &, int first, int) {
            // The first rows ahead of their count come loaded; rows a count makes do not.
            if (first == 0 && model->isCounting())
                showNow();
        });
    connect(m_historyModel, &QAbstractItemModel::dataChanged, waiting, [showNow](const QModelIndex &topLeft) {
        if (topLeft.row() == 0)
            showNow();
    });
    connect(m_historyModel, &DeliveryHistoryModel::counted, waiting, [showNow](qint64 count) {
        if (count == 0)
            showNow();
    });
    QTimer::singleShot(maxWaitMs, waiting, showNow);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shownBefore)
        return;
    m_shownBefore = true;
    // The store has been opening in its thread while the widgets were made. What it has
    // answered by now (opened, the webhooks' ids) is taken before the first paint, nothing is
    // waited for: the history's first rows can then make it into that paint.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    // The first start: the detail a third of the width, at least as wide as its tabs' names
    // need, the history the rest (its columns want every pixel at 1280 × 800).
    auto *lower = findChild<QSplitter *>(QStringLiteral("lowerSplitter"));
    if (m_fitDetailPane && lower) {
        const QList<int> sizes = lower->sizes();
        const int total = std::accumulate(sizes.cbegin(), sizes.cend(), 0);
        const int detail = qMin(qMax(m_detail->widthForTabs(), total * 35 / 100), total / 2);
        if (total > detail)
            lower->setSizes({ total - detail, detail });
    }
    fitWebhookPane();
    // After the layout has given the tables their widths.
    QTimer::singleShot(0, this, &MainWindow::fitWebhookColumnsOnce);
}

// Once the window shows its first webhooks: the URL, event types and last result narrowed
// (cut on the right, whole in their tooltips) until no column needs the table to scroll.
void MainWindow::fitWebhookColumnsOnce()
{
    if (m_webhookColumnsFitted || !isVisible() || m_webhookModel->rowCount() == 0)
        return;
    m_webhookColumnsFitted = true;
    TableViews::fitToWidth(m_webhookView,
        { WebhookTableModel::Url, WebhookTableModel::EventTypes, WebhookTableModel::LastResult },
        m_webhookView->fontMetrics().averageCharWidth() * 14);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closed) {
        event->accept();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("window/mainSplitter"), splitter->saveState());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("lowerSplitter")))
        settings.setValue(QStringLiteral("window/lowerSplitter"), splitter->saveState());
    settings.setValue(QStringLiteral("window/historyHeader"), m_historyView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("window/historyColumnsFitted"), m_history->columnsFitted());
    // Attempts in flight get a moment to finish and be recorded; the window goes at once.
    event->ignore();
    if (!m_closing) {
        m_closing = true;
        hide();
        if (m_tray)
            m_tray->hide();
        Q_EMIT m_connection->close();
    }
}

void MainWindow::openStore(const DatabaseConfig &database)
{
    m_database = database;
    m_storeOpen = false;
    m_stateLabel->setText(tr("Opening %1…").arg(database.displayUrl()));
    m_detailId.reset();
    m_detail->clear();
    m_lastWebhooks.reset(); // another store's webhooks changed nothing in this one
    Q_EMIT m_connection->open(database, m_settings.delivery);
}

void MainWindow::requestRefresh()
{
    m_refreshWanted = true;
    if (m_refreshInFlight || m_refreshDelay.isActive())
        return;
    m_refreshDelay.start(int(qMax<qint64>(0, m_refreshGapMs - m_refreshClock.elapsed())));
}

void MainWindow::refreshAll()
{
    m_refreshDelay.stop();
    m_refreshWanted = false;
    if (!m_storeOpen)
        return;
    m_refreshInFlight = true;
    m_refreshClock.restart();
    // A count on its way (a new filter's) is as fresh as this refresh would be.
    if (!m_historyModel->isCounting())
        m_historyModel->refresh();
    Q_EMIT m_connection->loadWebhooks();
    Q_EMIT m_connection->loadRetrySchedule();
    if (m_detailId)
        Q_EMIT m_connection->loadDetail(*m_detailId);
    Q_EMIT m_connection->loadStatus(); // last: its answer ends the batch
}

void MainWindow::updateHistoryFilter()
{
    const auto hook = selectedWebhook();
    const DeliveryFilter filter
        = m_history->filter(hook ? std::optional<qint64>(hook->webhook.id) : std::nullopt);
    const DeliveryFilter &current = m_historyModel->filter();
    const bool same = current.webhookId == filter.webhookId && current.display == filter.display
        && current.eventType == filter.eventType && current.text == filter.text;
    // Rows shown or on their way for this very filter stay (the first webhook selected once the
    // webhooks arrive is the one the history started with).
    if (same && (m_historyModel->rowCount() > 0 || m_historyModel->isCounting()))
        return;
    m_historyModel->setFilter(filter);
}

void MainWindow::showMessage(const QString &message, bool error)
{
    statusBar()->showMessage(message, error ? 15000 : 6000);
    if (error)
        statusBar()->setStyleSheet(QStringLiteral("QStatusBar { color: #b00020; }"));
    else
        statusBar()->setStyleSheet(QString());
}

void MainWindow::showStatus(const StoreStatus &status)
{
    m_status = status;
    QString state;
    if (!status.storeError.isEmpty())
        state = tr("Database problem: %1").arg(status.storeError);
    else if (!status.delivering)
        state = tr("Watching only (workers deliver)");
    else if (status.paused)
        state = tr("Paused");
    else if (status.inFlight > 0)
        state = tr("Delivering: %n in flight", nullptr, status.inFlight);
    else
        state = tr("Delivering: idle");
    m_stateLabel->setText(state);
    m_stateLabel->setStyleSheet(status.storeError.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    const StoreCounts &c = status.counts;
    m_countsLabel->setText(tr("%1 pending · %2 retrying · %3 failed in the last 24 h")
                               .arg(c.waiting + c.running + c.suspended)
                               .arg(c.retrying)
                               .arg(c.failedLast24h));
    updateScheduleTabTitle();
    QStringList holders;
    for (const LeaseHolder &holder : status.leaseHolders)
        holders << tr("%1 (%n delivery(s))", nullptr, holder.deliveries).arg(holder.owner);
    m_leasesLabel->setText(
        holders.isEmpty() ? tr("No leases held") : tr("Leases: %n worker(s)", nullptr, int(holders.size())));
    m_leasesLabel->setToolTip(holders.isEmpty()
            ? tr("No worker is sending anything right now.")
            : tr("Sending now:\n%1").arg(holders.join(QLatin1Char('\n'))));
    updateActions();
}

void MainWindow::updateScheduleTabTitle()
{
    const int shown = m_scheduleModel->rowCount();
    if (shown == 0) {
        m_tabs->setTabText(1, tr("Retry &schedule"));
        return;
    }
    const QLocale locale;
    // The schedule lists the soonest StoreService::RetryScheduleLimit: when it is full, the
    // store's own count of retrying deliveries says how many there are.
    const int retrying = m_status.counts.retrying;
    if (shown >= StoreService::RetryScheduleLimit && retrying > shown) {
        m_tabs->setTabText(
            1, tr("Retry &schedule (%1 of %2)").arg(locale.toString(shown), locale.toString(retrying)));
        return;
    }
    m_tabs->setTabText(1, tr("Retry &schedule (%1)").arg(locale.toString(shown)));
}

void MainWindow::notifyWebhookChanges(const QList<WebhookRow> &rows)
{
    QList<Webhook> webhooks;
    webhooks.reserve(rows.size());
    for (const WebhookRow &row : rows)
        webhooks.append(row.webhook);
    m_autoPauseBanner->setWebhooks(webhooks);
    if (m_lastWebhooks) {
        const auto notices = WebhookNotices::changes(*m_lastWebhooks, webhooks, m_settings.notices);
        for (const WebhookNotice &notice : notices) {
            const bool bad = notice.kind != WebhookNotice::Kind::Recovered;
            if (m_tray)
                m_tray->showMessage(WebhookNotices::title(notice), WebhookNotices::text(notice),
                    bad ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
            showMessage(WebhookNotices::text(notice), bad);
        }
    }
    m_lastWebhooks = webhooks;
}

void MainWindow::notifyFailedForGood(const Delivery &delivery, const QString &webhookUrl)
{
    if (!m_settings.notices.exhausted)
        return;
    m_failedForGood.append(delivery);
    m_failedUrls.append(webhookUrl);
    if (!m_notifyDelay.isActive())
        m_notifyDelay.start();
}

std::optional<WebhookRow> MainWindow::selectedWebhook() const
{
    const QModelIndex current = m_webhookView->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_webhookModel->webhookAt(current.row());
}

QList<Delivery> MainWindow::selectedDeliveries() const
{
    QList<Delivery> list;
    if (m_tabs->currentIndex() == 0) {
        // Selected deliveries scrolled out of view count while their rows are cached.
        const QSet<qint64> ids = m_historyView->selectedDeliveryIds();
        for (qint64 id : ids) {
            if (auto d = m_historyModel->deliveryById(id))
                list.append(*d);
        }
        std::sort(list.begin(), list.end(), [](const Delivery &a, const Delivery &b) { return a.id > b.id; });
    } else {
        for (const QModelIndex &index : m_scheduleView->selectionModel()->selectedRows()) {
            if (auto r = m_scheduleModel->retryAt(index.row()))
                list.append(r->delivery);
        }
    }
    return list;
}

void MainWindow::onCurrentDeliveryChanged()
{
    std::optional<qint64> id;
    const bool history = m_tabs->currentIndex() == 0;
    if (history) {
        id = m_historyView->currentDeliveryId(); // kept while scrolled out of view
    } else if (const QModelIndex current = m_scheduleView->currentIndex(); current.isValid()) {
        const QVariant value = current.data(RetryScheduleModel::DeliveryIdRole);
        if (value.isValid())
            id = value.toLongLong();
    }
    if (id == m_detailId)
        return;
    m_detailId = id;
    if (!id) {
        m_detail->clear();
    } else if (m_storeOpen) {
        Q_EMIT m_connection->loadDetail(*id);
    }
    updateActions();
}

void MainWindow::updateActions()
{
    const bool open = m_storeOpen;
    const bool hook = open && selectedWebhook().has_value();
    m_addWebhookAction->setEnabled(open);
    m_editWebhookAction->setEnabled(hook);
    m_deleteWebhookAction->setEnabled(hook);
    m_pingAction->setEnabled(hook);
    m_sendTestAction->setEnabled(hook);
    // Recovery re-sends failed deliveries: nothing to offer while none has failed.
    m_retryFailedAction->setEnabled(open && m_status.counts.anyFailed);
    if (open && m_webhookModel->rowCount() == 0) {
        m_webhooksEmpty->showMessage(tr("No webhooks yet."), m_addWebhookAction,
            tr("Add a webhook (%1)").arg(m_addWebhookAction->shortcut().toString(QKeySequence::NativeText)));
    } else {
        m_webhooksEmpty->clear();
    }
    m_stuckAction->setEnabled(open);
    m_exportHistoryAction->setEnabled(open);
    m_summaryAction->setEnabled(open);
    m_exportAttemptsAction->setEnabled(open && m_detail->deliveryId().has_value());
    const auto selected = hook ? selectedWebhook() : std::nullopt;
    m_pauseWebhookAction->setEnabled(hook);
    m_pauseWebhookAction->setText(
        selected && selected->webhook.pausedAt ? tr("Res&ume Webhook") : tr("Pa&use Webhook"));
    bool canRetry = false;
    bool canRetryNow = false;
    for (const Delivery &d : selectedDeliveries()) {
        if (d.status == JobStatus::Failed || d.status == JobStatus::Completed
            || d.status == JobStatus::Running)
            canRetry = true;
        if (d.status == JobStatus::Waiting)
            canRetryNow = true;
    }
    m_retryAction->setEnabled(open && canRetry);
    m_retryResetAction->setEnabled(open && canRetry);
    m_retryNowAction->setEnabled(open && canRetryNow);
    {
        const auto deliveries = open ? selectedDeliveries() : QList<Delivery>();
        const int hookRow
            = deliveries.size() == 1 ? m_webhookModel->rowOfKey(deliveries.first().webhookId) : -1;
        const auto hookOfDelivery = hookRow >= 0 ? m_webhookModel->webhookAt(hookRow) : std::nullopt;
        m_receiverTests->setSelection(
            deliveries.size() == 1 ? std::optional(deliveries.first().id) : std::nullopt,
            hookOfDelivery && TestTools::canExpire(hookOfDelivery->webhook).ok(),
            selected ? std::optional(selected->webhook.id) : std::nullopt);
    }
    m_copyCurlAction->setEnabled(m_detail->deliveryId().has_value());
    m_pauseAction->setEnabled(open && m_settings.delivery.deliver);
    m_pauseAction->setText(m_pauseAction->isChecked() ? tr("Resume &Delivering") : tr("&Pause Delivering"));
    m_pauseAction->setIconText(m_pauseAction->isChecked() ? tr("Resume") : tr("Pause"));
    m_pauseAction->setIcon(
        style()->standardIcon(m_pauseAction->isChecked() ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pruneAction->setEnabled(open);
    m_refreshAction->setEnabled(open);
}
