// The main window as a user drives it, under the offscreen platform: real buttons, a real store
// and a real HTTP receiver. Also renders the window to a PNG anyone can look at.
#include "autopausebanner.h"
#include "deliverydetailview.h"
#include "deliveryhistorymodel.h"
#include "emptystate.h"
#include "historypane.h"
#include "historyview.h"
#include "icons.h"
#include "jobstore.h"
#include "mainwindow.h"
#include "recoverdialog.h"
#include "storeconnection.h"
#include "storeservice.h"
#include "testeventdialog.h"
#include "testreceiver.h"
#include "webhooktablemodel.h"
#include "windowapp.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pingCreatesADeliveryThatIsDelivered();
    void retryTurnsAFailedDeliveryBackToWaiting();
    void detailShowsEveryAttempt();
    void sendTestEventValidatesJson();
    void activeCheckBoxDeactivates();
    void rendersToPng();
    void historyStartsAsItStays();
    void firstWindowFitsTheScreen();
    void recoverDialogPreviewsThenRecovers();
    void webhookPaneFitsItsRows();
    void watchingShowsTheLatestAttempts();
    void emptyTablesSayWhatToDo();
    void savedFiltersComeBack();
    void everyColumnReadsWholeAt1280x800_data();
    void everyColumnReadsWholeAt1280x800();
    void closingClosesTheStoreFirst();
    void autoPauseBannerResumesAndSendsWhatWasHeld();
    void aSortWithoutAnIndexIsRefusedOnALongList();
    void showsWithItsFirstRows_data();
    void showsWithItsFirstRows();

private:
    void clickToolButton(const char *actionName);
    void selectWebhook(qint64 id);
    Delivery waitForTopDelivery(Delivery::Display display);

    QTemporaryDir m_dir;
    DatabaseConfig m_config;
    TestReceiver m_okReceiver;
    TestReceiver m_failingReceiver;
    qint64 m_okHook = 0;
    qint64 m_failingHook = 0;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookwatchTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();

    QVERIFY(m_okReceiver.listen());
    QVERIFY(m_failingReceiver.listen());
    m_failingReceiver.setResponse(
        503, QByteArrayLiteral("{\"error\": \"maintenance\"}"), { { "Content-Type", "application/json" } });
    m_config = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("window.db")))
                   .value();
    JobStore store(m_config);
    QVERIFY(store.open().ok());
    Webhook ok;
    ok.deliveryUrl = m_okReceiver.url().toString();
    ok.eventTypes = { QStringLiteral("git:push:0.1") };
    m_okHook = store.addWebhook(ok).value();
    Webhook failing;
    failing.deliveryUrl = m_failingReceiver.url().toString();
    failing.retryPolicy.windowMs = 0; // fails for good after one attempt
    m_failingHook = store.addWebhook(failing).value();

    AppSettings settings;
    settings.delivery.deliver = true;
    m_window = std::make_unique<MainWindow>(m_config, settings);
    m_window->resize(1400, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isStoreOpen(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->webhookModel()->rowCount(), 2, 10000);
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
}

void TestMainWindow::clickToolButton(const char *actionName)
{
    auto *action = m_window->findChild<QAction *>(QLatin1String(actionName));
    QVERIFY2(action, actionName);
    QTRY_VERIFY2_WITH_TIMEOUT(action->isEnabled(), actionName, 10000);
    auto *bar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QWidget *button = bar->widgetForAction(action);
    QVERIFY2(button, actionName);
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestMainWindow::selectWebhook(qint64 id)
{
    const int row = m_window->webhookModel()->rowOfKey(id);
    QVERIFY(row >= 0);
    m_window->webhookView()->selectRow(row);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->historyModel()->filter().webhookId, std::optional<qint64>(id), 5000);
}

Delivery TestMainWindow::waitForTopDelivery(Delivery::Display display)
{
    DeliveryHistoryModel *model = m_window->historyModel();
    Delivery top;
    QTest::qWaitFor(
        [&] {
            if (model->rowCount() == 0)
                return false;
            model->index(0, 0).data(); // as the view would
            const auto d = model->deliveryAt(0);
            if (d && d->display() == display)
                top = *d;
            return d && d->display() == display;
        },
        10000);
    return top;
}

void TestMainWindow::pingCreatesADeliveryThatIsDelivered()
{
    selectWebhook(m_okHook);
    clickToolButton("pingAction");
    QTRY_COMPARE_WITH_TIMEOUT(m_okReceiver.requestCount(), 1, 10000);
    const TestReceiver::Request request = m_okReceiver.requests().first();
    QCOMPARE(request.body, QByteArrayLiteral("{\"ping\": true}"));
    QCOMPARE(request.header("x-launchpad-event-type"), QByteArrayLiteral("ping"));
    const Delivery delivered = waitForTopDelivery(Delivery::Display::Delivered);
    QVERIFY(delivered.id > 0);
    QCOMPARE(delivered.eventType, QStringLiteral("ping"));
    QCOMPARE(m_window->historyView()->model()->index(0, DeliveryHistoryModel::Result).data().toString(),
        QStringLiteral("200"));
}

void TestMainWindow::retryTurnsAFailedDeliveryBackToWaiting()
{
    selectWebhook(m_failingHook);
    clickToolButton("pingAction");
    const Delivery failed = waitForTopDelivery(Delivery::Display::Failed);
    QVERIFY(failed.id > 0);
    QCOMPARE(failed.status, JobStatus::Failed);
    QCOMPARE(failed.failureDetail, QStringLiteral("Bad HTTP response: 503"));

    // Paused, so the retried delivery stays waiting long enough to be seen.
    clickToolButton("pauseAction");
    QTRY_COMPARE_WITH_TIMEOUT(
        m_window->findChild<QLabel *>(QStringLiteral("stateLabel"))->text(), QStringLiteral("Paused"), 10000);
    m_window->historyView()->selectRow(0);
    clickToolButton("retryAction");
    QTRY_COMPARE_WITH_TIMEOUT(
        m_window->historyModel()->deliveryAt(0).value_or(Delivery()).status, JobStatus::Waiting, 10000);
    JobStore store(m_config);
    QVERIFY(store.open().ok());
    QCOMPARE(store.delivery(failed.id)->status, JobStatus::Waiting);
    QCOMPARE(m_failingReceiver.requestCount(), 1);

    // Resumed: it is sent again (and fails again: the window of 0 has passed).
    clickToolButton("pauseAction");
    QTRY_COMPARE_WITH_TIMEOUT(m_failingReceiver.requestCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(store.delivery(failed.id)->status, JobStatus::Failed, 10000);
}

void TestMainWindow::detailShowsEveryAttempt()
{
    selectWebhook(m_failingHook);
    waitForTopDelivery(Delivery::Display::Failed);
    m_window->historyView()->selectRow(0);
    DeliveryDetailView *detail = m_window->detailView();
    QTRY_COMPARE_WITH_TIMEOUT(detail->attemptCount(), 2, 10000);
    QVERIFY2(
        detail->summaryText().startsWith(QLatin1String("Failed at ")), qPrintable(detail->summaryText()));
    QVERIFY(detail->summaryText().endsWith(QLatin1String("Bad HTTP response: 503")));
    QVERIFY2(detail->responseText().contains(QLatin1String("HTTP 503")), qPrintable(detail->responseText()));
    QVERIFY(
        detail->responseText().contains(QLatin1String("\"error\": \"maintenance\""))); // pretty-printed JSON
    const QString curl = detail->curlCommand();
    QVERIFY2(curl.startsWith(QLatin1String("curl -X POST")), qPrintable(curl));
    QVERIFY(curl.contains(m_failingReceiver.url().toString()));
    QVERIFY(curl.contains(QLatin1String("X-Launchpad-Event-Type: ping")));
}

void TestMainWindow::sendTestEventValidatesJson()
{
    selectWebhook(m_okHook);
    const int before = m_okReceiver.requestCount();
    clickToolButton("sendTestAction");
    TestEventDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = m_window->findChild<TestEventDialog *>()) && dialog->isVisible(), 5000);
    auto *editor = dialog->findChild<QPlainTextEdit *>();
    QVERIFY(editor);
    QVERIFY(dialog->validationError().isEmpty()); // a template for the first event type
    editor->setPlainText(QStringLiteral("{\"ref\": "));
    QVERIFY(dialog->validationError().startsWith(QLatin1String("Not valid JSON at line 1")));
    auto *send = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!send->isEnabled());
    editor->setPlainText(QStringLiteral("{\"ref\": \"refs/heads/main\"}"));
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_okReceiver.requestCount(), before + 1, 10000);
    QCOMPARE(m_okReceiver.requests().last().body, QByteArrayLiteral("{\"ref\": \"refs/heads/main\"}"));
}

void TestMainWindow::activeCheckBoxDeactivates()
{
    WebhookTableModel *model = m_window->webhookModel();
    const QModelIndex active = model->index(model->rowOfKey(m_failingHook), WebhookTableModel::Active);
    QCOMPARE(active.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(active.flags() & Qt::ItemIsUserCheckable);
    model->setData(active, Qt::Unchecked, Qt::CheckStateRole); // what a click on the box does
    QTRY_COMPARE_WITH_TIMEOUT(active.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked), 10000);
    JobStore store(m_config);
    QVERIFY(store.open().ok());
    QVERIFY(!store.webhook(m_failingHook)->active);
    model->setData(active, Qt::Checked, Qt::CheckStateRole);
    QTRY_COMPARE_WITH_TIMEOUT(active.data(Qt::CheckStateRole).toInt(), int(Qt::Checked), 10000);
}

void TestMainWindow::rendersToPng()
{
    selectWebhook(m_okHook);
    waitForTopDelivery(Delivery::Display::Delivered);
    m_window->historyView()->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->detailView()->attemptCount() > 0, 10000);
    const QImage image = m_window->grab().toImage().convertToFormat(QImage::Format_ARGB32);
    QVERIFY(!image.isNull());
    // The first row's status cell shows the delivered icon: the icon's colour (its hue, as a
    // selected row may tint it) is in the picture where the cell is, and nowhere in the empty
    // space under the rows.
    const QImage icon = Icons::status(Delivery::Display::Delivered)
                            .pixmap(16, 16)
                            .toImage()
                            .convertToFormat(QImage::Format_ARGB32);
    int hue = -1;
    for (int y = 0; y < icon.height() && hue < 0; ++y)
        for (int x = 0; x < icon.width() && hue < 0; ++x)
            if (const QColor c(icon.pixel(x, y)); qAlpha(icon.pixel(x, y)) == 255 && c.hsvSaturation() > 100)
                hue = c.hsvHue();
    QVERIFY2(hue >= 0, "the delivered icon has no opaque colour");
    QTableView *history = m_window->historyView();
    const auto iconColoured = [&image, hue, history, this](const QRect &inView) {
        const QRect area(history->viewport()->mapTo(m_window.get(), inView.topLeft()), inView.size());
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x) {
                const QColor c(image.pixel(x, y));
                if (c.hsvSaturation() > 80 && qAbs(c.hsvHue() - hue) < 30)
                    return true;
            }
        return false;
    };
    const QRect cell = history->visualRect(history->model()->index(0, DeliveryHistoryModel::Status));
    const bool found = iconColoured(cell);
    const int lastRow = history->model()->rowCount() - 1;
    const QRect emptyBelow = cell.translated(0, (lastRow + 2) * cell.height());
    QVERIFY(history->viewport()->rect().contains(emptyBelow));
    QVERIFY2(!iconColoured(emptyBelow), "the icon's colour is also where no row is");
    QVERIFY2(found, "the first row's status cell does not show the delivered icon");
    const QString path = QCoreApplication::applicationDirPath() + QStringLiteral("/mainwindow.png");
    QVERIFY(image.save(path));
    qInfo("The main window is in %s", qPrintable(path));
}

// With no saved geometry (the first start) the window opens no larger than the screen: the
// offscreen platform's screen (800 × 800) is smaller than the window's preferred first size.
void TestMainWindow::firstWindowFitsTheScreen()
{
    QSettings().remove(QStringLiteral("window/geometry"));
    AppSettings settings;
    settings.delivery.deliver = false;
    MainWindow window(m_config, settings);
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(available.width() < 1380 || available.height() < 860,
        "the test needs a screen smaller than the window's first size");
    QVERIFY2(window.width() <= available.width() && window.height() <= available.height(),
        qPrintable(QStringLiteral("%1 × %2 on a %3 × %4 screen")
                       .arg(window.width())
                       .arg(window.height())
                       .arg(available.width())
                       .arg(available.height())));
    QVERIFY(window.width() >= available.width() / 2 && window.height() >= available.height() / 2);
}

// "Selected webhook only" is on: the history's first rows are the first webhook's, the one
// selected once the webhooks are shown, and they stay; they are not every webhook's rows
// replaced by the first webhook's a moment later.
void TestMainWindow::historyStartsAsItStays()
{
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("start.db")))
              .value();
    qint64 first = 0;
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        first = store.addWebhook(hook).value();
        const qint64 second = store.addWebhook(hook).value();
        // The newest deliveries are the second webhook's: an unfiltered history would start with them.
        QVERIFY(store.createDeliveries(first, QStringLiteral("bug:0.1"), "{}", 3).ok());
        QVERIFY(store.createDeliveries(second, QStringLiteral("bug:0.1"), "{}", 5).ok());
    }
    AppSettings settings;
    settings.delivery.deliver = false; // nothing is sent: only what is shown matters here
    MainWindow window(config, settings);
    DeliveryHistoryModel *history = window.historyModel();
    QSignalSpy resets(history, &QAbstractItemModel::modelReset);
    // Every row that is loaded, as it comes: whose delivery it shows.
    QList<qint64> webhooksOfRowsShown;
    const auto noteRows = [&](int from, int to) {
        for (int row = from; row <= to; ++row) {
            if (const auto d = history->deliveryAt(row))
                webhooksOfRowsShown.append(d->webhookId);
        }
    };
    connect(history, &QAbstractItemModel::rowsInserted, this,
        [&](const QModelIndex &, int from, int to) { noteRows(from, to); });
    connect(history, &QAbstractItemModel::dataChanged, this,
        [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            noteRows(topLeft.row(), bottomRight.row());
        });
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.webhookModel()->rowCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!history->isCounting(), 10000);
    QTest::qWait(2 * StoreService::ChangeCoalesceMs); // a refresh or two later
    QCOMPARE(window.webhookView()->currentIndex().row(), window.webhookModel()->rowOfKey(first));
    QCOMPARE(history->filter().webhookId, std::optional<qint64>(first));
    QCOMPARE(resets.size(), 1); // once, when the store opened
    QVERIFY(!webhooksOfRowsShown.isEmpty());
    QCOMPARE(webhooksOfRowsShown, QList<qint64>(webhooksOfRowsShown.size(), first));
    for (int row = 0; row < history->rowCount(); ++row) {
        history->index(row, 0).data(); // as the view would
        QTRY_VERIFY_WITH_TIMEOUT(history->deliveryAt(row).has_value(), 5000);
        QCOMPARE(history->deliveryAt(row)->webhookId, first);
    }
    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

// With no splitter position saved (the first start), the webhooks table is as high as its header
// and rows need: all of 3 webhooks in view, and hardly more; the history gets the rest.
void TestMainWindow::webhookPaneFitsItsRows()
{
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("fit.db"))).value();
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.addWebhook(hook).ok());
    }
    QSettings().remove(QStringLiteral("window/mainSplitter"));
    AppSettings settings;
    settings.delivery.deliver = false;
    MainWindow window(config, settings);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.webhookModel()->rowCount(), 3, 10000);
    QTableView *view = window.webhookView();
    const int rowHeight = view->rowHeight(0);
    const auto viewport = [view] { return view->viewport()->height(); };
    QTRY_VERIFY2_WITH_TIMEOUT(viewport() >= 3 * rowHeight && viewport() < 4 * rowHeight,
        qPrintable(QStringLiteral("%1 px for rows of %2 px").arg(viewport()).arg(rowHeight)), 5000);
    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

// An admin watching a store that workers deliver from: 1,005 deliveries attempted and waiting
// for a retry, 20 newer ones not yet due. The webhook's health is the attempts' (not "Never
// tried"), and the retry schedule's tab does not present its cap as the count.
void TestMainWindow::watchingShowsTheLatestAttempts()
{
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("watch.db"))).value();
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        const qint64 id = store.addWebhook(hook).value();
        const auto attempted = store.createDeliveries(id, QStringLiteral("bug:0.1"), "{}", 1005).value();
        // As a worker leaves them after one failed attempt each.
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("UPDATE deliveries SET successful = 0, failure_detail = 'Bad HTTP response: "
                                      "503', last_status_code = 503, date_first_sent = date_created + id, "
                                      "date_sent = date_created + id, total_attempts = 1, attempt_count = 1, "
                                      "scheduled_start = date_created + 3600000 WHERE id <= %1")
                           .arg(attempted.second)));
        QVERIFY(store.createDeliveries(id, QStringLiteral("bug:0.1"), "{}", 20).ok());
    }
    AppSettings settings;
    settings.delivery.deliver = false; // only watching
    MainWindow window(config, settings);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.webhookModel()->rowCount(), 1, 10000);
    const auto cell = [&window](int column) { return window.webhookModel()->index(0, column).data().toString(); };
    QTRY_COMPARE_WITH_TIMEOUT(cell(WebhookTableModel::LastResult), QStringLiteral("Bad HTTP response: 503"), 10000);
    QCOMPARE(cell(WebhookTableModel::Recent), QStringLiteral("0/50"));
    QTabWidget *tabs = nullptr;
    for (QTabWidget *t : window.findChildren<QTabWidget *>()) {
        if (t->count() > 1 && t->tabText(1).startsWith(QLatin1String("Retry &schedule")))
            tabs = t;
    }
    QVERIFY(tabs);
    const QLocale locale;
    QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(1),
        QStringLiteral("Retry &schedule (%1 of %2)").arg(locale.toString(1000), locale.toString(1005)), 10000);
    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

// A new user's first window: the empty webhooks table offers to add one, the empty history to
// ping it; Recover Failed is offered only once something has failed.
void TestMainWindow::emptyTablesSayWhatToDo()
{
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("empty.db"))).value();
    // The first start: no column widths saved.
    QSettings().remove(QStringLiteral("window/historyHeader"));
    QSettings().remove(QStringLiteral("window/historyColumnsFitted"));
    AppSettings settings;
    settings.delivery.deliver = false;
    MainWindow window(config, settings);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.isStoreOpen(), 10000);
    auto *webhooksEmpty = window.webhookView()->viewport()->findChild<EmptyState *>();
    auto *historyEmpty = window.historyView()->viewport()->findChild<EmptyState *>();
    QVERIFY(webhooksEmpty && historyEmpty);
    QTRY_COMPARE_WITH_TIMEOUT(webhooksEmpty->message(), QStringLiteral("No webhooks yet."), 5000);
    QVERIFY(webhooksEmpty->isVisible());
    QCOMPARE(webhooksEmpty->button()->text(), QStringLiteral("Add a webhook (Ctrl+N)"));
    QVERIFY(webhooksEmpty->button()->isVisible());
    // Whole and inside the table, centred.
    const QRect shown = webhooksEmpty->geometry();
    QVERIFY(window.webhookView()->viewport()->rect().contains(shown));
    QVERIFY(qAbs(shown.center().x() - window.webhookView()->viewport()->rect().center().x()) <= 1);
    auto *recover = window.findChild<QAction *>(QStringLiteral("retryFailedAction"));
    QVERIFY(recover);
    QVERIFY(!recover->isEnabled());

    // A webhook added elsewhere (another process): the table shows it, the history offers a ping.
    qint64 hook = 0;
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook w;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        hook = store.addWebhook(w).value();
    }
    QTRY_COMPARE_WITH_TIMEOUT(window.webhookModel()->rowCount(), 1, 10000);
    QVERIFY(webhooksEmpty->isHidden());
    QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->filter().webhookId, std::optional<qint64>(hook), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(
        historyEmpty->message(), QStringLiteral("No deliveries yet: ping the webhook to send a test delivery."), 5000);
    QCOMPARE(historyEmpty->button()->text(), QStringLiteral("Ping (Ctrl+P)"));
    QTRY_VERIFY_WITH_TIMEOUT(historyEmpty->button()->isVisible(), 5000);
    QVERIFY(!recover->isEnabled());
    // The empty history's columns fit its pane: no horizontal scroll bar.
    QVERIFY(!window.historyView()->horizontalScrollBar()->isVisible());

    // The button pings: a delivery appears and the history no longer says it is empty.
    QTest::mouseClick(historyEmpty->button(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->rowCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(historyEmpty->isHidden(), 5000);
    // Its columns were sized to the first rows, once.
    auto *pane = window.findChild<HistoryPane *>();
    QVERIFY(pane);
    QTRY_VERIFY_WITH_TIMEOUT(pane->columnsFitted(), 5000);

    // Once a delivery has failed for good, it can be recovered.
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("UPDATE deliveries SET status = 3, successful = 0, failure_detail = "
                                      "'Bad HTTP response: 503', date_finished = date_created")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(recover->isEnabled(), 10000);
    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

// A filter saved by name comes back whole (status, search, HTTP status), changes the history
// once, and is there in the next window; deleted, it is gone.
void TestMainWindow::savedFiltersComeBack()
{
    QSettings().remove(QStringLiteral("history/savedFilters"));
    AppSettings settings;
    settings.delivery.deliver = false;
    {
        MainWindow window(m_config, settings);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.isStoreOpen(), 10000);
        auto *pane = window.findChild<HistoryPane *>();
        QVERIFY(pane);
        auto *search = pane->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
        auto *display = pane->findChild<QComboBox *>(QStringLiteral("displayFilter"));
        auto *httpStatus = pane->findChild<QLineEdit *>(QStringLiteral("httpStatusFilter"));
        QVERIFY(search && display && httpStatus);
        search->setText(QStringLiteral("order_created"));
        display->setCurrentIndex(display->findData(int(Delivery::Display::Failed)));
        httpStatus->setText(QStringLiteral("5xx"));
        pane->saveFilter(QStringLiteral("failed orders"));
        QCOMPARE(pane->savedFilterNames(), QStringList { QStringLiteral("failed orders") });

        search->clear();
        display->setCurrentIndex(0);
        httpStatus->clear();
        QSignalSpy changes(pane, &HistoryPane::filterChanged);
        QVERIFY(pane->applySavedFilter(QStringLiteral("failed orders")));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(search->text(), QStringLiteral("order_created"));
        QCOMPARE(display->currentData().toInt(), int(Delivery::Display::Failed));
        QCOMPARE(httpStatus->text(), QStringLiteral("5xx"));
        QTRY_COMPARE_WITH_TIMEOUT(
            window.historyModel()->filter().text, QStringLiteral("order_created"), 5000);
        QCOMPARE(window.historyModel()->filter().display, std::optional(Delivery::Display::Failed));
        QVERIFY(window.historyModel()->filter().httpStatus
            && *window.historyModel()->filter().httpStatus == std::make_pair(500, 599));
        QVERIFY(!pane->applySavedFilter(QStringLiteral("no such filter")));
        QSignalSpy finished(&window, &MainWindow::finished);
        window.close();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    }
    MainWindow next(m_config, settings);
    auto *pane = next.findChild<HistoryPane *>();
    QCOMPARE(pane->savedFilterNames(), QStringList { QStringLiteral("failed orders") });
    pane->removeSavedFilter(QStringLiteral("failed orders"));
    QVERIFY(pane->savedFilterNames().isEmpty());
    QSignalSpy finished(&next, &MainWindow::finished);
    next.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

void TestMainWindow::everyColumnReadsWholeAt1280x800_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany);
}

// The window as it first opens on a 1280 × 800 screen (1152 × 720), in English and German:
// neither table scrolls sideways, every header reads whole but those of the columns cut on the
// right (whole in their tooltips), and the detail's tabs need no scroll buttons.
void TestMainWindow::everyColumnReadsWholeAt1280x800()
{
    QFETCH(QLocale, locale);
    QTranslator translator;
    QVERIFY(loadTranslation(translator, locale));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const auto removeTranslator
        = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
    const DatabaseConfig config = DatabaseConfig::parse(
        QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("columns-%1.db").arg(locale.name())))
                                      .value();
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/a-rather-long-path/for-the-orders-webhook");
        const qint64 id = store.addWebhook(hook).value();
        QVERIFY(store.addWebhook(hook).ok());
        QVERIFY(store.createDeliveries(id, QStringLiteral("merge_proposal:0.1"), "{}", 5).ok());
    }
    for (const char *key : { "window/historyHeader", "window/historyColumnsFitted", "window/mainSplitter",
             "window/lowerSplitter" })
        QSettings().remove(QLatin1String(key));
    AppSettings settings;
    settings.delivery.deliver = false;
    MainWindow window(config, settings);
    window.resize(1152, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.webhookModel()->rowCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->rowCount(), 5, 10000);
    auto *pane = window.findChild<HistoryPane *>();
    QVERIFY(pane);
    QTRY_VERIFY_WITH_TIMEOUT(pane->columnsFitted(), 10000);
    QTest::qWait(50); // the webhooks' columns are fitted once laid out

    const auto check = [](QTableView *view, const QList<int> &elidable) {
        QHeaderView *header = view->horizontalHeader();
        QVERIFY2(header->length() <= view->viewport()->width(),
            qPrintable(QStringLiteral("%1: columns of %2 px in %3 px")
                           .arg(view->objectName())
                           .arg(header->length())
                           .arg(view->viewport()->width())));
        for (int section = 0; section < header->count(); ++section) {
            if (header->isSectionHidden(section) || elidable.contains(section))
                continue;
            QVERIFY2(header->sectionSize(section) >= header->sectionSizeHint(section),
                qPrintable(QStringLiteral("%1: \"%2\" in %3 px, needs %4")
                               .arg(view->objectName(),
                                   view->model()->headerData(section, Qt::Horizontal).toString())
                               .arg(header->sectionSize(section))
                               .arg(header->sectionSizeHint(section))));
        }
    };
    check(window.historyView(), { DeliveryHistoryModel::EventType, DeliveryHistoryModel::Result });
    check(window.webhookView(),
        { WebhookTableModel::Url, WebhookTableModel::EventTypes, WebhookTableModel::LastResult });
    auto *detail = window.findChild<DeliveryDetailView *>();
    QVERIFY(detail);
    auto *tabs = detail->findChild<QTabBar *>();
    QVERIFY(tabs);
    QVERIFY2(tabs->sizeHint().width() <= tabs->width(),
        qPrintable(
            QStringLiteral("tabs need %1 px, have %2").arg(tabs->sizeHint().width()).arg(tabs->width())));

    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

void TestMainWindow::closingClosesTheStoreFirst()
{
    QSignalSpy closed(m_window->connection()->service(), &StoreService::closed);
    QSignalSpy finished(m_window.get(), &MainWindow::finished);
    m_window->close();
    QVERIFY(!m_window->isVisible()); // gone at once for the user
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000); // emitted in the store's thread
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    // Nothing of the closed store keeps running: no warnings from a timer on a gone connection.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    QTest::qWait(600);
}

// After an outage: the admin opens Recover Failed, sees how many failed and which, and sends
// them again in one step; the webhook paused meanwhile holds them until resumed.
void TestMainWindow::recoverDialogPreviewsThenRecovers()
{
    selectWebhook(m_failingHook);
    JobStore store(m_config);
    QVERIFY(store.open().ok());
    const int requestsBefore = m_failingReceiver.requestCount() + 1;
    clickToolButton("pingAction");
    QTRY_COMPARE_WITH_TIMEOUT(m_failingReceiver.requestCount(), requestsBefore, 10000);
    DeliveryFilter newest;
    newest.limit = 1;
    const Delivery pinged = store.deliveries(newest)->constFirst();
    QTRY_COMPARE_WITH_TIMEOUT(store.delivery(pinged.id)->status, JobStatus::Failed, 10000);
    const Delivery failed = store.delivery(pinged.id).value();

    auto *pauseWebhook = m_window->findChild<QAction *>(QStringLiteral("pauseWebhookAction"));
    QVERIFY(pauseWebhook && pauseWebhook->isEnabled());
    pauseWebhook->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(store.webhook(m_failingHook)->pausedAt.has_value(), 10000);

    clickToolButton("retryFailedAction");
    RecoverDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<RecoverDialog *>()) != nullptr, 5000);
    QCOMPARE(dialog->selection().webhookId, std::optional<qint64>(m_failingHook));
    auto *count = dialog->findChild<QLabel *>(QStringLiteral("recoverCount"));
    const qint64 failedCount = store.previewFailed(dialog->selection(), 0)->count;
    QVERIFY(failedCount >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(
        count->text().startsWith(QString::number(failedCount) + QLatin1String(" failed")), 10000);
    QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("recoverList"))
                ->toPlainText()
                .contains(QStringLiteral("#%1 ").arg(failed.id)));
    if (const QString dir = qEnvironmentVariable("HOOKWATCH_SCREENSHOT_DIR"); !dir.isEmpty())
        dialog->grab().save(dir + QStringLiteral("/recover-dialog.png"));
    auto *recover = dialog->findChild<QPushButton *>(QStringLiteral("recoverButton"));
    QVERIFY(recover->isEnabled());
    QTest::mouseClick(recover, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(store.delivery(failed.id)->status, JobStatus::Waiting, 10000);
    QCOMPARE(store.previewFailed({ 0, m_failingHook }, 0)->count, 0);

    // Held while paused; resumed, it is sent (and fails again: the window of 0 has passed).
    QCOMPARE(m_failingReceiver.requestCount(), requestsBefore);
    QTRY_COMPARE_WITH_TIMEOUT(pauseWebhook->text(), QStringLiteral("Res&ume Webhook"), 10000);
    pauseWebhook->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_failingReceiver.requestCount() > requestsBefore, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(store.delivery(failed.id)->status, JobStatus::Failed, 10000);
}

QTEST_MAIN(TestMainWindow)
// Another process auto-pauses a webhook while the window is open: the banner names it and why,
// the table says so, and one click resumes it and sends what was held to the receiver.
void TestMainWindow::autoPauseBannerResumesAndSendsWhatWasHeld()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("autopause.db")))
              .value();
    JobStore store(config);
    QVERIFY(store.open().ok());
    Webhook hook;
    hook.deliveryUrl = receiver.url().toString();
    hook.autoDisableAfterMs = 3 * 24 * 3600 * 1000LL;
    const qint64 id = store.addWebhook(hook).value();

    AppSettings settings;
    settings.delivery.deliver = true;
    MainWindow window(config, settings);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.webhookModel()->rowCount(), 1, 10000);
    AutoPauseBanner *banner = window.autoPauseBanner();
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());

    // A worker records its first failure: the window tells, once.
    {
        QSqlQuery q(store.database());
        QVERIFY(
            q.exec(QStringLiteral("UPDATE webhooks SET failing_since = date_created WHERE id = %1").arg(id)));
    }
    QTRY_VERIFY2_WITH_TIMEOUT(
        window.statusBar()->currentMessage().contains(QStringLiteral("started failing")),
        qPrintable(window.statusBar()->currentMessage()), 10000);
    QVERIFY(!banner->isVisible());

    // As a worker's recording leaves it after three days of failures, then events held.
    QVERIFY(store.pauseWebhook(id).value());
    {
        QSqlQuery q(store.database());
        QVERIFY(q.exec(
            QStringLiteral("UPDATE webhooks SET auto_paused_at = paused_at, failing_since = paused_at - "
                           "259200000 WHERE id = %1")
                .arg(id)));
    }
    QVERIFY(store.createDeliveries(id, QStringLiteral("bug:0.1"), "{}", 3).ok());

    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY2(banner->text().contains(QStringLiteral("Webhook %1 (").arg(id)), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QStringLiteral("Paused after 3 days of failures")),
        qPrintable(banner->text()));
    QCOMPARE(window.webhookModel()->index(0, WebhookTableModel::Active).data().toString(),
        QStringLiteral("Paused (auto)"));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Paused after 3 days of failures")),
        qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(receiver.requestCount(), 0); // held, not attempted

    // Dismissed, it stays away while nothing changes.
    QTest::mouseClick(banner->dismissButton(), Qt::LeftButton);
    QVERIFY(!banner->isVisible());

    // Back when auto-disable pauses it anew (another time), then resumed from the banner.
    {
        QSqlQuery q(store.database());
        QVERIFY(q.exec(
            QStringLiteral("UPDATE webhooks SET auto_paused_at = auto_paused_at + 1 WHERE id = %1").arg(id)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QTest::mouseClick(banner->resumeButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.requestCount(), 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 10000);
    const Webhook resumed = store.webhook(id).value();
    QVERIFY(!resumed.autoPausedAt);
    QVERIFY(!resumed.pausedAt);
    QCOMPARE(window.webhookModel()->index(0, WebhookTableModel::Active).data().toString(),
        QStringLiteral("Active"));

    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

// A header click on a column with no index, on a list longer than the model's limit: the
// status bar says why, the header keeps showing the sort the list has.
void TestMainWindow::aSortWithoutAnIndexIsRefusedOnALongList()
{
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("sorts.db")))
              .value();
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        const qint64 id = store.addWebhook(hook).value();
        QVERIFY(store.createDeliveries(id, QStringLiteral("ping"), "{}", 30).ok());
    }
    AppSettings settings;
    settings.delivery.deliver = false;
    MainWindow window(config, settings);
    window.historyModel()->setUnindexedSortLimit(10);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->rowCount(), 30, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.historyModel()->isCounting(), 10000);
    QHeaderView *header = window.historyView()->horizontalHeader();
    const auto click = [header](int column) {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    click(DeliveryHistoryModel::LastSent);
    QCOMPARE(window.statusBar()->currentMessage(),
        QStringLiteral("Sorting by Last sent is offered for up to 10 deliveries; this list has 30. Narrow it "
                       "with the filters first."));
    QCOMPARE(header->sortIndicatorSection(), int(DeliveryHistoryModel::Id));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QVERIFY(window.historyModel()->filter().sortKey == DeliveryFilter::SortKey::Id);
    // Status has an index: sorted at any length.
    click(DeliveryHistoryModel::Status);
    QCOMPARE(header->sortIndicatorSection(), int(DeliveryHistoryModel::Status));
    QVERIFY(window.historyModel()->filter().sortKey == DeliveryFilter::SortKey::Status);
    QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->rowCount(), 30, 10000);
    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

namespace {
// Calls `onShow` as the watched widget gets its Show event, before its first paint.
class ShowWatch final : public QObject
{
public:
    std::function<void()> onShow;
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Show && onShow)
            onShow();
        return false;
    }
};
} // namespace

// The window shows once its history's first rows are in, so its first paint has them: long
// and short histories (first rows ahead of the count, or after it), an empty one; a store
// slower than the wait gets the window shown anyway.
void TestMainWindow::showsWithItsFirstRows_data()
{
    QTest::addColumn<int>("deliveries");
    QTest::addColumn<int>("maxWaitMs");
    QTest::addColumn<bool>("rowsInFirstPaint");
    QTest::newRow("long history") << 250 << 30000 << true;
    QTest::newRow("short history") << 7 << 30000 << true;
    QTest::newRow("empty") << 0 << 30000 << false;
    QTest::newRow("no wait") << 250 << 0 << false;
}

void TestMainWindow::showsWithItsFirstRows()
{
    QFETCH(int, deliveries);
    QFETCH(int, maxWaitMs);
    QFETCH(bool, rowsInFirstPaint);
    const DatabaseConfig config = DatabaseConfig::parse(QStringLiteral("sqlite:")
        + m_dir.filePath(QStringLiteral("first-rows-%1-%2.db").arg(deliveries).arg(maxWaitMs)))
                                      .value();
    {
        JobStore store(config);
        QVERIFY(store.open().ok());
        Webhook hook;
        hook.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        const qint64 id = store.addWebhook(hook).value();
        if (deliveries > 0)
            QVERIFY(store.createDeliveries(id, QStringLiteral("ping"), "{}", deliveries).ok());
    }
    AppSettings settings;
    settings.delivery.deliver = false;
    MainWindow window(config, settings);
    ShowWatch watch;
    int rowsAtShow = -1;
    bool firstLoadedAtShow = false;
    watch.onShow = [&] {
        DeliveryHistoryModel *model = window.historyModel();
        rowsAtShow = model->rowCount();
        firstLoadedAtShow
            = rowsAtShow > 0 && model->index(0, 0).data(DeliveryHistoryModel::LoadedRole).toBool();
    };
    window.installEventFilter(&watch);
    QElapsedTimer waited;
    waited.start();
    window.showWhenReady(maxWaitMs);
    QVERIFY(!window.isVisible()); // the store answers in its own thread, later
    QTRY_VERIFY_WITH_TIMEOUT(window.isVisible(), 10000);
    QVERIFY2(waited.elapsed() < 10000, "shown by its rows, not by the wait");
    QCOMPARE(firstLoadedAtShow, rowsInFirstPaint);
    if (rowsInFirstPaint)
        QVERIFY(rowsAtShow >= qMin(deliveries, 100));
    if (deliveries == 0)
        QCOMPARE(rowsAtShow, 0);
    QSignalSpy finished(&window, &MainWindow::finished);
    window.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

#include "tst_mainwindow.moc"
