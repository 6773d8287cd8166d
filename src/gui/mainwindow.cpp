#include "mainwindow.h"

#include "deliverydetailview.h"
#include "deliveryhistorymodel.h"
#include "deliverytext.h"
#include "eventtemplates.h"
#include "icons.h"
#include "preferencesdialog.h"
#include "retryschedulemodel.h"
#include "statusdelegate.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "testeventdialog.h"
#include "validation.h"
#include "webhookdialog.h"
#include "webhooktablemodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
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
#include <QVBoxLayout>

void initGuiResources();

// Off unless asked for (QT_LOGGING_RULES="hookwatch.timing.info=true"): hookwatch-bench reads
// these marks to time what a user sees.
Q_LOGGING_CATEGORY(lcTiming, "hookwatch.timing", QtWarningMsg)

namespace {
constexpr int StatusRefreshMs = 5000;
constexpr QSize FirstSize(1380, 860);
constexpr qint64 Day = 24 * RetryPolicy::Hour;

// Logs wall-clock epoch milliseconds when the window is first painted ("window-shown") and
// when the history view first paints loaded rows after its model was reset: at start and after
// each change of filter ("history-rows-shown"). Each mark is logged once the paint that shows
// it has been flushed to the screen.
class TimingMarks final : public QObject
{
public:
    explicit TimingMarks(MainWindow *window)
        : QObject(window)
        , m_window(window)
    {
        window->installEventFilter(this);
        window->historyView()->viewport()->installEventFilter(this);
        connect(window->historyModel(), &QAbstractItemModel::modelReset, this, [this] { m_rowsShown = false; });
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint)
            return false;
        if (watched == m_window) {
            if (!m_windowShown) {
                m_windowShown = true;
                markAfterPaint(QStringLiteral("window-shown"));
            }
        } else if (!m_rowsShown && topRowLoaded()) {
            m_rowsShown = true;
            markAfterPaint(QStringLiteral("history-rows-shown rows=%1").arg(m_window->historyModel()->rowCount()));
        }
        return false;
    }

private:
    bool topRowLoaded() const
    {
        const int row = m_window->historyView()->rowAt(0);
        return row >= 0
            && m_window->historyModel()->index(row, 0).data(DeliveryHistoryModel::LoadedRole).toBool();
    }

    // The paint is flushed once the event that carries it is done.
    void markAfterPaint(const QString &what)
    {
        QMetaObject::invokeMethod(
            this,
            [what] { qCInfo(lcTiming).noquote() << what << QDateTime::currentMSecsSinceEpoch(); },
            Qt::QueuedConnection);
    }

    MainWindow *m_window;
    bool m_windowShown = false;
    bool m_rowsShown = false;
};

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

// Translated headers are often longer than the English ones the widths were chosen for.
void fitHeaderTexts(QHeaderView *header)
{
    for (int section = 0; section < header->count(); ++section)
        header->resizeSection(section, qMax(header->sectionSize(section), header->sectionSizeHint(section)));
}

QAction *separator(QObject *parent)
{
    auto *action = new QAction(parent);
    action->setSeparator(true);
    return action;
}
} // namespace

MainWindow::MainWindow(
    const DatabaseConfig &database, const AppSettings &settings, bool databaseFixed, QWidget *parent)
    : QMainWindow(parent)
    , m_store(new StoreConnection(Clock::system(), this))
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
    Q_EMIT m_store->open(m_database, m_settings.delivery);

    initGuiResources();
    setWindowTitle(tr("Hookwatch"));
    setWindowIcon(Icons::application());
    setObjectName(QStringLiteral("mainWindow"));

    createActions();
    createMenusAndToolBar();

    // Webhooks on top; below, the history and the retry schedule beside one delivery's detail.
    m_webhookView = makeTable(this);
    m_webhookView->setObjectName(QStringLiteral("webhookView"));
    m_webhookView->setModel(m_webhookModel);
    m_webhookView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_webhookView->setItemDelegateForColumn(
        WebhookTableModel::LastResult, new StatusDelegate(WebhookTableModel::DisplayStateRole, this));
    m_webhookView->addActions({ m_pingAction, m_sendTestAction, separator(this), m_editWebhookAction,
        m_deleteWebhookAction, separator(this), m_retryFailedAction, separator(this), m_addWebhookAction });
    auto *webhookHeader = m_webhookView->horizontalHeader();
    webhookHeader->resizeSection(WebhookTableModel::Id, 44);
    webhookHeader->resizeSection(WebhookTableModel::Url, 300);
    webhookHeader->resizeSection(WebhookTableModel::Active, 80);
    webhookHeader->resizeSection(WebhookTableModel::EventTypes, 200);
    webhookHeader->resizeSection(WebhookTableModel::LastResult, 200);
    webhookHeader->resizeSection(WebhookTableModel::Recent, 130);
    webhookHeader->resizeSection(WebhookTableModel::Pending, 70);
    fitHeaderTexts(webhookHeader);

    m_scheduleView = makeTable(this);
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
    fitHeaderTexts(scheduleHeader);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(createHistoryTab(), tr("&History"));
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
    setCentralWidget(main);

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

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(300);
    connect(&m_searchDelay, &QTimer::timeout, this, &MainWindow::updateHistoryFilter);
    // Counts move with time ("failed in the last 24 h"), and a watch-only window has no
    // dispatcher to tell it about progress: look every few seconds.
    m_statusTimer.setInterval(StatusRefreshMs);
    connect(&m_statusTimer, &QTimer::timeout, this, [this] {
        if (m_storeOpen && !m_refreshInFlight)
            Q_EMIT m_store->loadStatus();
    });
    m_refreshDelay.setSingleShot(true);
    connect(&m_refreshDelay, &QTimer::timeout, this, &MainWindow::refreshAll);
    m_refreshClock.start();
    m_statusTimer.start();
    // A window that delivers also prunes, as a worker does: at start and daily.
    m_pruneTimer.setInterval(int(Day / 24)); // hourly check; prune() is cheap when nothing is old
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] {
        if (m_storeOpen && m_settings.delivery.deliver)
            Q_EMIT m_store->prune(qint64(m_settings.retentionDays) * Day, true);
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
    if (lcTiming().isInfoEnabled())
        new TimingMarks(this);
}

MainWindow::~MainWindow() = default;

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
    m_retryResetAction = make(tr("Retry with New &24-Hour Window"), "retryResetAction",
        QKeySequence(tr("Ctrl+Shift+R")), QIcon(), nullptr);
    connect(m_retryResetAction, &QAction::triggered, this, [this] { retrySelected(true); });
    m_retryNowAction = make(tr("Retry &Now"), "retryNowAction", QKeySequence(tr("Ctrl+Return")),
        QIcon::fromTheme(QStringLiteral("media-skip-forward"), s->standardIcon(QStyle::SP_MediaSeekForward)),
        &MainWindow::retryNowSelected);
    m_retryFailedAction = make(tr("Retry All &Failed of Webhook"), "retryFailedAction",
        QKeySequence(tr("Ctrl+Shift+F")), QIcon(), &MainWindow::retryFailedOfWebhook);
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
    m_retryResetAction->setIconText(tr("Retry, New Window"));
    m_retryFailedAction->setIconText(tr("Retry Failed"));
    m_pruneAction->setIconText(tr("Prune"));
    m_preferencesAction->setIconText(tr("Preferences"));
    m_copyCurlAction->setIconText(tr("Copy as curl"));
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_preferencesAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *webhook = menuBar()->addMenu(tr("&Webhook"));
    webhook->addActions({ m_addWebhookAction, m_editWebhookAction, m_deleteWebhookAction });
    webhook->addSeparator();
    webhook->addActions({ m_pingAction, m_sendTestAction, m_retryFailedAction });
    QMenu *delivery = menuBar()->addMenu(tr("&Delivery"));
    delivery->addActions({ m_retryAction, m_retryResetAction, m_retryNowAction });
    delivery->addSeparator();
    delivery->addAction(m_copyCurlAction);
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

QWidget *MainWindow::createHistoryTab()
{
    auto *tab = new QWidget(this);
    m_onlySelectedWebhook = new QCheckBox(tr("Selected &webhook only"), tab);
    m_onlySelectedWebhook->setChecked(true);
    m_displayFilter = new QComboBox(tab);
    m_displayFilter->setObjectName(QStringLiteral("displayFilter"));
    m_displayFilter->addItem(tr("All statuses"));
    for (Delivery::Display display : { Delivery::Display::NeverTried, Delivery::Display::Delivered,
             Delivery::Display::Retrying, Delivery::Display::Failed })
        m_displayFilter->addItem(Icons::status(display), DeliveryText::displayName(display), int(display));
    m_eventTypeFilter = new QComboBox(tab);
    m_eventTypeFilter->setObjectName(QStringLiteral("eventTypeFilter"));
    m_eventTypeFilter->addItem(tr("All event types"), QString());
    m_eventTypeFilter->addItem(QStringLiteral("ping"), QStringLiteral("ping"));
    for (const QString &type : EventTemplates::launchpadEventTypes())
        m_eventTypeFilter->addItem(type, type);
    // On a narrow window the search keeps room to type in: the event types' filter, as wide
    // as its longest type otherwise, gives way first (its list still shows every type whole).
    m_eventTypeFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_eventTypeFilter->setMinimumContentsLength(18);
    m_searchEdit = new QLineEdit(tab);
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search: id, event type or failure (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_searchEdit, [this] {
        m_tabs->setCurrentIndex(0);
        m_searchEdit->setFocus();
        m_searchEdit->selectAll();
    });
    addAction(find);
    m_historyCount = new QLabel(tab);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_onlySelectedWebhook);
    filters->addWidget(m_displayFilter);
    filters->addWidget(m_eventTypeFilter);
    filters->addWidget(m_searchEdit, 1);
    filters->addWidget(m_historyCount);

    m_historyView = makeTable(tab);
    m_historyView->setObjectName(QStringLiteral("historyView"));
    m_historyView->setModel(m_historyModel);
    m_historyView->setSortingEnabled(true);
    m_historyView->horizontalHeader()->setSortIndicator(DeliveryHistoryModel::Id, Qt::DescendingOrder);
    m_historyView->setItemDelegateForColumn(
        DeliveryHistoryModel::Status, new StatusDelegate(DeliveryHistoryModel::DisplayStateRole, this));
    m_historyView->addActions(
        { m_retryAction, m_retryResetAction, m_retryNowAction, separator(this), m_copyCurlAction });
    auto *header = m_historyView->horizontalHeader();
    header->resizeSection(DeliveryHistoryModel::Id, 60);
    header->resizeSection(DeliveryHistoryModel::Status, 105);
    header->resizeSection(DeliveryHistoryModel::EventType, 130);
    for (int column : { DeliveryHistoryModel::Created, DeliveryHistoryModel::FirstSent,
             DeliveryHistoryModel::LastSent, DeliveryHistoryModel::NextAttempt })
        header->resizeSection(column, 78);
    header->resizeSection(DeliveryHistoryModel::Attempts, 65);
    header->resizeSection(DeliveryHistoryModel::Result, 220);
    fitHeaderTexts(header);

    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_historyView, 1);

    connect(m_onlySelectedWebhook, &QCheckBox::toggled, this, &MainWindow::updateHistoryFilter);
    connect(m_displayFilter, &QComboBox::currentIndexChanged, this, &MainWindow::updateHistoryFilter);
    connect(m_eventTypeFilter, &QComboBox::currentIndexChanged, this, &MainWindow::updateHistoryFilter);
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_historyModel, &DeliveryHistoryModel::counted, this, [this](qint64 count) {
        m_historyCount->setText(tr("%n delivery(s)", nullptr, int(qMin<qint64>(count, INT_MAX))));
    });
    return tab;
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
    StoreService *service = m_store->service();
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
        if (m_onlySelectedWebhook->isChecked()) {
            const auto hook = selectedWebhook();
            if (hook && ids.contains(hook->webhook.id))
                webhookId = hook->webhook.id;
            else if (!ids.isEmpty())
                webhookId = ids.first();
        }
        // A store just opened: its own history, whatever was shown before.
        m_historyModel->setFilter(historyFilter(webhookId));
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
        if (!m_webhookView->currentIndex().isValid() && !rows.isEmpty())
            m_webhookView->selectRow(0);
        updateActions();
    });
    connect(service, &StoreService::webhookSaved, this, [this](qint64 id) {
        Q_EMIT m_store->loadWebhooks();
        const int row = m_webhookModel->rowOfKey(id);
        if (row >= 0)
            m_webhookView->selectRow(row);
    });
    connect(m_historyModel, &DeliveryHistoryModel::countWanted, m_store, &StoreConnection::countHistory);
    connect(m_historyModel, &DeliveryHistoryModel::pageWanted, m_store, &StoreConnection::loadHistoryPage);
    connect(service, &StoreService::historyCounted, m_historyModel, &DeliveryHistoryModel::onCounted);
    connect(service, &StoreService::historyPageLoaded, m_historyModel, &DeliveryHistoryModel::onPageLoaded);
    connect(service, &StoreService::retryScheduleLoaded, this, [this](const QList<ScheduledRetry> &rows) {
        m_scheduleModel->setSchedule(rows);
        m_tabs->setTabText(
            1, rows.isEmpty() ? tr("Retry &schedule") : tr("Retry &schedule (%1)").arg(rows.size()));
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
                Q_EMIT m_store->prune(qint64(m_settings.retentionDays) * Day, true);
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
        Q_EMIT m_store->saveWebhook(changed);
    });
    for (QTableView *view : { m_historyView, m_scheduleView }) {
        connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentDeliveryChanged);
        connect(
            view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    }
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
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        splitter->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("lowerSplitter")))
        splitter->restoreState(settings.value(QStringLiteral("window/lowerSplitter")).toByteArray());
    m_historyView->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/historyHeader")).toByteArray());
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
    // Attempts in flight get a moment to finish and be recorded; the window goes at once.
    event->ignore();
    if (!m_closing) {
        m_closing = true;
        hide();
        if (m_tray)
            m_tray->hide();
        Q_EMIT m_store->close();
    }
}

void MainWindow::openStore(const DatabaseConfig &database)
{
    m_database = database;
    m_storeOpen = false;
    m_stateLabel->setText(tr("Opening %1…").arg(database.displayUrl()));
    m_detailId.reset();
    m_detail->clear();
    Q_EMIT m_store->open(database, m_settings.delivery);
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
    Q_EMIT m_store->loadWebhooks();
    Q_EMIT m_store->loadRetrySchedule();
    if (m_detailId)
        Q_EMIT m_store->loadDetail(*m_detailId);
    Q_EMIT m_store->loadStatus(); // last: its answer ends the batch
}

void MainWindow::updateHistoryFilter()
{
    const auto hook = selectedWebhook();
    const DeliveryFilter filter = historyFilter(
        m_onlySelectedWebhook->isChecked() && hook ? std::optional<qint64>(hook->webhook.id) : std::nullopt);
    const DeliveryFilter &current = m_historyModel->filter();
    const bool same = current.webhookId == filter.webhookId && current.display == filter.display
        && current.eventType == filter.eventType && current.text == filter.text;
    // Rows shown or on their way for this very filter stay (the first webhook selected once the
    // webhooks arrive is the one the history started with).
    if (same && (m_historyModel->rowCount() > 0 || m_historyModel->isCounting()))
        return;
    m_historyModel->setFilter(filter);
}

DeliveryFilter MainWindow::historyFilter(std::optional<qint64> webhookId) const
{
    DeliveryFilter filter = m_historyModel->filter();
    filter.webhookId = webhookId;
    const QVariant display = m_displayFilter->currentData();
    filter.display = display.isValid() ? std::optional<Delivery::Display>(Delivery::Display(display.toInt()))
                                       : std::nullopt;
    filter.eventType = m_eventTypeFilter->currentData().toString();
    filter.text = m_searchEdit->text().trimmed();
    return filter;
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
    m_countsLabel->setText(tr("Pending %1 · Retrying %2 · Failed in 24 h %3")
                               .arg(c.waiting + c.running + c.suspended)
                               .arg(c.retrying)
                               .arg(c.failedLast24h));
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

void MainWindow::notifyFailedForGood(const Delivery &delivery, const QString &webhookUrl)
{
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
        for (const QModelIndex &index : m_historyView->selectionModel()->selectedRows()) {
            if (auto d = m_historyModel->deliveryAt(index.row()))
                list.append(*d);
        }
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
    const QModelIndex current = (history ? m_historyView : m_scheduleView)->currentIndex();
    if (current.isValid()) {
        const QVariant value = current.data(
            history ? int(DeliveryHistoryModel::DeliveryIdRole) : int(RetryScheduleModel::DeliveryIdRole));
        if (value.isValid())
            id = value.toLongLong();
    }
    if (id == m_detailId)
        return;
    m_detailId = id;
    if (!id) {
        m_detail->clear();
    } else if (m_storeOpen) {
        Q_EMIT m_store->loadDetail(*id);
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
    m_retryFailedAction->setEnabled(hook);
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
    m_copyCurlAction->setEnabled(m_detail->deliveryId().has_value());
    m_pauseAction->setEnabled(open && m_settings.delivery.deliver);
    m_pauseAction->setText(m_pauseAction->isChecked() ? tr("Resume &Delivering") : tr("&Pause Delivering"));
    m_pauseAction->setIconText(m_pauseAction->isChecked() ? tr("Resume") : tr("Pause"));
    m_pauseAction->setIcon(
        style()->standardIcon(m_pauseAction->isChecked() ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pruneAction->setEnabled(open);
    m_refreshAction->setEnabled(open);
}

void MainWindow::addWebhook()
{
    Webhook fresh;
    if (auto policy = RetryPolicy::fromPreset(m_settings.defaultRetryPreset))
        fresh.retryPolicy = policy.value();
    auto *dialog = new WebhookDialog(fresh, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &QDialog::accepted, this, [this, dialog] { Q_EMIT m_store->saveWebhook(dialog->webhook()); });
    dialog->open();
}

void MainWindow::editWebhook()
{
    const auto hook = selectedWebhook();
    if (!hook)
        return;
    auto *dialog = new WebhookDialog(hook->webhook, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &QDialog::accepted, this, [this, dialog] { Q_EMIT m_store->saveWebhook(dialog->webhook()); });
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
    connect(
        remove, &QPushButton::clicked, this, [this, webhook] { Q_EMIT m_store->removeWebhook(webhook.id); });
    connect(deactivate, &QPushButton::clicked, this, [this, webhook] {
        Webhook inactive = webhook;
        inactive.active = false;
        inactive.secret.reset(); // keep the stored one
        Q_EMIT m_store->saveWebhook(inactive);
    });
    box->open();
}

void MainWindow::pingWebhook()
{
    if (const auto hook = selectedWebhook())
        Q_EMIT m_store->ping(hook->webhook.id);
}

void MainWindow::sendTestEvent()
{
    const auto hook = selectedWebhook();
    if (!hook)
        return;
    auto *dialog
        = new TestEventDialog(hook->webhook.id, Validation::maskedUrl(hook->webhook.deliveryUrl), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = hook->webhook.id;
    connect(dialog, &QDialog::accepted, this,
        [this, dialog, id] { Q_EMIT m_store->sendTestEvent(id, dialog->eventType(), dialog->payload()); });
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
    Q_EMIT m_store->retry(ids, resetWindow);
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
    Q_EMIT m_store->retryNow(ids);
}

void MainWindow::retryFailedOfWebhook()
{
    if (const auto hook = selectedWebhook())
        Q_EMIT m_store->retryFailed(hook->webhook.id);
}

void MainWindow::setPaused(bool paused)
{
    m_settings.delivery.paused = paused;
    m_settings.save();
    Q_EMIT m_store->setDeliveryOptions(m_settings.delivery);
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
        [this] { Q_EMIT m_store->prune(qint64(m_settings.retentionDays) * Day, false); });
    box->open();
}

void MainWindow::showPreferences()
{
    auto *dialog = new PreferencesDialog(m_settings, m_database.url(), m_store, this);
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
            Q_EMIT m_store->setDeliveryOptions(m_settings.delivery);
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
