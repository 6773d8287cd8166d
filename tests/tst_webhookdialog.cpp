// The webhook dialog: Launchpad's URL rules as the user types, the write-only secret, custom
// headers checked like the command line checks them with credentials masked, and the
// self-signed-certificate box, which must reach the store and the delivery (an HTTPS receiver
// with a certificate made by openssl now).
#include "jobstore.h"
#include "mainwindow.h"
#include "retrypicture.h"
#include "tlsreceiver.h"
#include "webhookdialog.h"
#include "webhooktablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

class TestWebhookDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesAnFtpUrl();
    void profileBringsItsTimeoutAndSchedule();
    void customScheduleIsEditedAndPreviewed();
    void aWebhooksOwnScheduleIsShownAndKept();
    void noUrlErrorBeforeTypingAndNoShift();
    void acceptsAnHttpsUrl();
    void secretIsWriteOnly();
    void trustSelfSignedIsOffUnlessTicked();
    void maxInFlightIsKeptAndNoneByDefault();
    void headersAreTypedIntoTheTable();
    void badHeadersAreRefusedInline_data();
    void badHeadersAreRefusedInline();
    void storedHeadersAreShownMaskedAndKept();
    void windowStoresHeadersAndTrustAndTheDeliveryUsesThem();
};

namespace {
QPushButton *saveButton(QDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save);
}

QTableWidget *headerTable(QDialog &dialog)
{
    return dialog.findChild<QTableWidget *>(QStringLiteral("headerTable"));
}

// The line edit a table cell is being edited in, once the view has opened it.
QLineEdit *cellEditor(QTableWidget *table)
{
    for (QLineEdit *edit : table->viewport()->findChildren<QLineEdit *>()) {
        if (edit->isVisible())
            return edit;
    }
    return nullptr;
}

// Enter in a cell editor commits on the next turn of the event loop: wait for the editor to go.
bool pressEnter(QTableWidget *table, QLineEdit *editor)
{
    QTest::keyClick(editor, Qt::Key_Return);
    return QTest::qWaitFor([table] { return cellEditor(table) == nullptr; }, 5000);
}

// As a user does it: "Add Header", type the name, Tab to the value, type it, Enter.
bool typeHeader(QDialog &dialog, const QString &name, const QString &value)
{
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addHeaderButton")), Qt::LeftButton);
    QLineEdit *nameEditor = cellEditor(headerTable(dialog));
    if (!nameEditor)
        return false;
    QTest::keyClicks(nameEditor, name);
    QTest::keyClick(nameEditor, Qt::Key_Tab);
    QLineEdit *valueEditor = cellEditor(headerTable(dialog));
    if (!valueEditor || valueEditor == nameEditor)
        return false;
    QTest::keyClicks(valueEditor, value);
    return pressEnter(headerTable(dialog), valueEditor);
}

void clickToolButton(MainWindow &window, const char *actionName)
{
    auto *action = window.findChild<QAction *>(QLatin1String(actionName));
    QVERIFY2(action, actionName);
    QTRY_VERIFY2_WITH_TIMEOUT(action->isEnabled(), actionName, 10000);
    QWidget *button = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"))->widgetForAction(action);
    QVERIFY2(button, actionName);
    QTest::mouseClick(button, Qt::LeftButton);
}

WebhookDialog *openDialog(MainWindow &window)
{
    WebhookDialog *dialog = nullptr;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        for (WebhookDialog *d : window.findChildren<WebhookDialog *>()) {
            if (d->isVisible())
                dialog = d;
        }
        if (dialog)
            return dialog;
        QTest::qWait(10);
    }
    return nullptr;
}

// The newest delivery of a webhook once it has an attempt recorded.
std::optional<Delivery> attemptedDelivery(JobStore &store, qint64 webhookId)
{
    DeliveryFilter filter;
    filter.webhookId = webhookId;
    filter.limit = 1;
    const auto rows = store.deliveries(filter);
    if (!rows || rows->isEmpty() || rows->first().attemptCount == 0)
        return std::nullopt;
    return rows->first();
}
} // namespace

void TestWebhookDialog::refusesAnFtpUrl()
{
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    QVERIFY(url);
    QTest::keyClicks(url, QStringLiteral("ftp://example.com/hook"));
    const QString launchpad = QStringLiteral("The URI scheme \"ftp\" is not allowed.  Only URIs with the "
                                             "following schemes may be used: http, https");
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("urlMessage"))->text(), launchpad);
    QVERIFY(!saveButton(dialog)->isEnabled());
    // Neither the button nor Enter gets past it.
    QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
    QTest::keyClick(url, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

// Choosing a platform sets its timeout and retry schedule, and its secret rule applies.
void TestWebhookDialog::profileBringsItsTimeoutAndSchedule()
{
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/h"));
    auto *profile = dialog.findChild<QComboBox *>(QStringLiteral("profileCombo"));
    QVERIFY(profile);
    QCOMPARE(profile->currentData().toString(), QStringLiteral("launchpad"));
    profile->setCurrentIndex(profile->findData(QStringLiteral("github")));
    Webhook w = dialog.webhook();
    QCOMPARE(w.profile, QStringLiteral("github"));
    QCOMPARE(w.timeoutMs, 10000);
    QCOMPARE(w.retryPolicy.preset, QStringLiteral("none"));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("policyDescription"))->text(),
        QStringLiteral("Does not retry automatically."));
    QVERIFY(saveButton(dialog)->isEnabled());

    profile->setCurrentIndex(profile->findData(QStringLiteral("standard-webhooks")));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("secretEdit")), QStringLiteral("whsec_not*base64!"));
    QVERIFY(!saveButton(dialog)->isEnabled());
    QCOMPARE(dialog.webhook().timeoutMs, 15000);
}

// The schedule in the dialog: presets named as the command line names them, a profile's
// platform schedule with its steps, values edited into "custom, from preset", the sentence
// and the picture previewing it, and a bad value refused where it is typed.
void TestWebhookDialog::customScheduleIsEditedAndPreviewed()
{
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("http://127.0.0.1:9/h"));
    auto *preset = dialog.findChild<QComboBox *>(QStringLiteral("presetCombo"));
    for (int i = 0; i < preset->count(); ++i)
        QVERIFY2(preset->itemText(i).startsWith(preset->itemData(i).toString() + QStringLiteral(" — ")),
            qPrintable(preset->itemText(i)));
    auto *profile = dialog.findChild<QComboBox *>(QStringLiteral("profileCombo"));
    profile->setCurrentIndex(profile->findData(QStringLiteral("standard-webhooks")));
    QCOMPARE(preset->currentData().toString(), QStringLiteral("standard-webhooks"));
    auto *steps = dialog.findChild<QLineEdit *>(QStringLiteral("stepsEdit"));
    QCOMPARE(steps->text(), QStringLiteral("0,5s,5m,30m,2h,5h,10h,10h"));
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("lateDelayEdit"))->isEnabled());
    auto *picture = dialog.findChild<RetryPicture *>();
    QVERIFY(picture);
    QCOMPARE(picture->data().next.value(), 5000);
    QCOMPARE(picture->data().projected.size(), 6);
    QCOMPARE(dialog.webhook().retryPolicy, RetryPolicy::standardWebhooks());

    // Fewer steps: stored as typed, custom, previewed.
    steps->selectAll();
    QTest::keyClicks(steps, QStringLiteral("0,1m,1h"));
    Webhook w = dialog.webhook();
    QCOMPARE(w.retryPolicy.stepsMs, (QList<qint64> { 0, 60000, 3600000 }));
    QVERIFY(w.retryPolicy.honourRetryAfter); // kept from the preset
    auto *description = dialog.findChild<QLabel *>(QStringLiteral("policyDescription"));
    QVERIFY2(description->text().contains(QStringLiteral("(custom, from preset standard-webhooks)")),
        qPrintable(description->text()));
    QCOMPARE(picture->data().projected.size(), 1);
    QVERIFY(saveButton(dialog)->isEnabled());

    // A bad step: said where the sentence was, nothing to save.
    QTest::keyClicks(steps, QStringLiteral(",soon"));
    QVERIFY(!saveButton(dialog)->isEnabled());
    QVERIFY2(description->text().contains(QStringLiteral("\"soon\" is not a duration")), qPrintable(description->text()));

    // No steps: the tiers apply, editable.
    steps->clear();
    QTest::keyClicks(steps, QStringLiteral(" "));
    QTest::keyClick(steps, Qt::Key_Backspace);
    auto *late = dialog.findChild<QLineEdit *>(QStringLiteral("lateDelayEdit"));
    QVERIFY(late->isEnabled());
    auto *window = dialog.findChild<QLineEdit *>(QStringLiteral("windowEdit"));
    window->selectAll();
    QTest::keyClicks(window, QStringLiteral("6h"));
    late->selectAll();
    QTest::keyClicks(late, QStringLiteral("2h"));
    w = dialog.webhook();
    QVERIFY(!w.retryPolicy.isStepped());
    QCOMPARE(w.retryPolicy.windowMs, 6 * 3600000LL);
    QCOMPARE(w.retryPolicy.lateDelayMs, 2 * 3600000LL);
    QVERIFY(saveButton(dialog)->isEnabled());
    late->selectAll();
    QTest::keyClicks(late, QStringLiteral("2"));
    QVERIFY(!saveButton(dialog)->isEnabled());
    QVERIFY2(description->text().contains(QStringLiteral("The late delay is not a duration")),
        qPrintable(description->text()));

    // Choosing a preset again brings its values back.
    preset->setCurrentIndex(preset->findData(QStringLiteral("launchpad")));
    QCOMPARE(dialog.webhook().retryPolicy, RetryPolicy::launchpad());
    QCOMPARE(late->text(), QStringLiteral("1h"));
    QVERIFY(saveButton(dialog)->isEnabled());
}

// Editing a webhook whose schedule was changed on the command line shows and keeps it.
void TestWebhookDialog::aWebhooksOwnScheduleIsShownAndKept()
{
    Webhook stored;
    stored.id = 4;
    stored.deliveryUrl = QStringLiteral("http://127.0.0.1:9/h");
    stored.retryPolicy = RetryPolicy::launchpadCurrent();
    stored.retryPolicy.windowMs = 3 * 3600000LL;
    stored.retryPolicy.jitter = 0.2;
    WebhookDialog dialog { stored };
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("windowEdit"))->text(), QStringLiteral("3h"));
    QCOMPARE(dialog.webhook().retryPolicy, stored.retryPolicy);
    auto *preset = dialog.findChild<QComboBox *>(QStringLiteral("presetCombo"));
    preset->setCurrentIndex(preset->findData(QStringLiteral("none")));
    preset->setCurrentIndex(preset->findData(QStringLiteral("launchpad-current")));
    QCOMPARE(dialog.webhook().retryPolicy, stored.retryPolicy);
}

void TestWebhookDialog::noUrlErrorBeforeTypingAndNoShift()
{
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *message = dialog.findChild<QLabel *>(QStringLiteral("urlMessage"));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    auto *types = dialog.findChild<QListWidget *>(QStringLiteral("eventTypeList"));
    // A fresh dialog: nothing typed, nothing pointed at, nothing to save yet.
    QVERIFY(message->text().isEmpty());
    QVERIFY(!saveButton(dialog)->isEnabled());
    const QPoint typesAt = types->mapTo(&dialog, QPoint(0, 0));
    // A two-line error (Launchpad's scheme message wraps at this width) moves nothing below it.
    QTest::keyClicks(url, QStringLiteral("ftp://example.com/hook"));
    QVERIFY(!message->text().isEmpty());
    QTRY_COMPARE(types->mapTo(&dialog, QPoint(0, 0)), typesAt);
    // Typed and then cleared: now an empty URL is worth saying.
    url->selectAll();
    QTest::keyClick(url, Qt::Key_Delete);
    QVERIFY(!message->text().isEmpty());
}

void TestWebhookDialog::acceptsAnHttpsUrl()
{
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    QTest::keyClicks(url, QStringLiteral("https://example.com/hook"));
    QVERIFY(saveButton(dialog)->isEnabled());
    auto *types = dialog.findChild<QListWidget *>(QStringLiteral("eventTypeList"));
    QCOMPARE(types->count(), 14); // Launchpad's event types
    types->item(5)->setCheckState(Qt::Checked); // git:push:0.1
    dialog.findChild<QLineEdit *>(QStringLiteral("otherEventTypesEdit"))
        ->setText(QStringLiteral("custom:1.0"));
    QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Webhook w = dialog.webhook();
    QCOMPARE(w.deliveryUrl, QStringLiteral("https://example.com/hook"));
    QCOMPARE(w.eventTypes, (QStringList { QStringLiteral("git:push:0.1"), QStringLiteral("custom:1.0") }));
    QVERIFY(!w.secret.has_value());
}

void TestWebhookDialog::secretIsWriteOnly()
{
    Webhook stored;
    stored.id = 3;
    stored.deliveryUrl = QStringLiteral("http://127.0.0.1/hook");
    stored.secret = QString(); // the window only knows that one is set
    WebhookDialog dialog(stored);
    auto *secret = dialog.findChild<QLineEdit *>(QStringLiteral("secretEdit"));
    QVERIFY(secret->text().isEmpty());
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("secretState"))->text(), QStringLiteral("set"));
    QVERIFY(!dialog.webhook().secret.has_value()); // untouched: keep the stored one
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("clearSecretButton")), Qt::LeftButton);
    QCOMPARE(dialog.webhook().secret, std::optional<QString>(QString()));
    QTest::keyClicks(secret, QStringLiteral("new-secret"));
    QCOMPARE(dialog.webhook().secret, std::optional<QString>(QStringLiteral("new-secret")));
}

void TestWebhookDialog::maxInFlightIsKeptAndNoneByDefault()
{
    WebhookDialog dialog { Webhook() };
    auto *spin = dialog.findChild<QSpinBox *>(QStringLiteral("maxInFlightSpin"));
    QVERIFY(spin);
    QCOMPARE(spin->value(), 0);
    QCOMPARE(spin->text(), QStringLiteral("No limit of its own"));
    spin->setValue(3);
    QCOMPARE(dialog.webhook().maxInFlight, 3);

    Webhook stored;
    stored.id = 4;
    stored.deliveryUrl = QStringLiteral("https://127.0.0.1/h");
    stored.maxInFlight = 2;
    WebhookDialog edit(stored);
    QCOMPARE(edit.findChild<QSpinBox *>(QStringLiteral("maxInFlightSpin"))->value(), 2);
    QCOMPARE(edit.webhook().maxInFlight, 2);
}

void TestWebhookDialog::trustSelfSignedIsOffUnlessTicked()
{
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(
        dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("https://127.0.0.1/h"));
    auto *trust = dialog.findChild<QCheckBox *>(QStringLiteral("trustSelfSignedCheck"));
    QVERIFY(trust);
    QVERIFY(!trust->isChecked()); // TLS is verified unless the user says otherwise
    QVERIFY(trust->text().contains(QLatin1String("this webhook only")));
    QVERIFY(trust->toolTip().contains(QLatin1String("for this webhook only")));
    QVERIFY(!dialog.webhook().trustSelfSigned);
    QTest::mouseClick(trust, Qt::LeftButton, {}, QPoint(8, trust->height() / 2));
    QVERIFY(trust->isChecked());
    QVERIFY(dialog.webhook().trustSelfSigned);

    // Shown back when editing one that trusts, and can be turned off again.
    Webhook stored;
    stored.id = 4;
    stored.deliveryUrl = QStringLiteral("https://127.0.0.1/h");
    stored.trustSelfSigned = true;
    WebhookDialog edit(stored);
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    auto *trusted = edit.findChild<QCheckBox *>(QStringLiteral("trustSelfSignedCheck"));
    QVERIFY(trusted->isChecked());
    QTest::keyClick(trusted, Qt::Key_Space);
    QVERIFY(!edit.webhook().trustSelfSigned);
}

void TestWebhookDialog::headersAreTypedIntoTheTable()
{
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTest::keyClicks(
        dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("https://example.com/h"));
    QVERIFY(typeHeader(dialog, QStringLiteral("Authorization"), QStringLiteral("Bearer s3cret")));
    QVERIFY(typeHeader(dialog, QStringLiteral("X-Team"), QStringLiteral(" blue ")));
    // A row added and left blank is not a header.
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addHeaderButton")), Qt::LeftButton);
    QTest::keyClick(cellEditor(headerTable(dialog)), Qt::Key_Escape);
    QVERIFY(QTest::qWaitFor([&dialog] { return cellEditor(headerTable(dialog)) == nullptr; }, 5000));

    QTableWidget *table = headerTable(dialog);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Authorization"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Bearer ****")); // masked as it is shown
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral(" blue "));
    QVERIFY(saveButton(dialog)->isEnabled());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("headerMessage"))->isHidden());
    QTest::mouseClick(saveButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    // Trimmed as `--header 'X-Team:  blue '` would be.
    const HeaderList expected { { "Authorization", "Bearer s3cret" }, { "X-Team", "blue" } };
    QCOMPARE(dialog.webhook().headers, expected);
}

void TestWebhookDialog::badHeadersAreRefusedInline_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    // The command line's messages (Validation::header), named by row.
    QTest::newRow("space in the name") << QStringLiteral("X Team") << QStringLiteral("blue")
                                       << QStringLiteral("Header 1: invalid header name \"X Team\"");
    QTest::newRow("set by Hookwatch")
        << QStringLiteral("Content-Type") << QStringLiteral("text/plain")
        << QStringLiteral("Header 1: header \"Content-Type\" is set by Hookwatch "
                          "itself and cannot be overridden");
    QTest::newRow("signature") << QStringLiteral("x-hub-signature") << QStringLiteral("sha1=00")
                               << QStringLiteral("Header 1: header \"x-hub-signature\" is set by Hookwatch "
                                                 "itself and cannot be overridden");
    QTest::newRow("colon in the name")
        << QStringLiteral("X-Team: blue") << QString()
        << QStringLiteral("Header 1: the name must not contain a colon; write the "
                          "value in its own column.");
    QTest::newRow("value without a name")
        << QString() << QStringLiteral("blue") << QStringLiteral("Header 1 has a value but no name.");
}

void TestWebhookDialog::badHeadersAreRefusedInline()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, message);
    WebhookDialog dialog { Webhook() };
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTest::keyClicks(
        dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), QStringLiteral("https://example.com/h"));
    QVERIFY(typeHeader(dialog, name, value));
    auto *shown = dialog.findChild<QLabel *>(QStringLiteral("headerMessage"));
    QCOMPARE(shown->text(), message);
    QVERIFY(shown->isVisible());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("urlMessage"))->text().isEmpty()); // the URL is fine
    QVERIFY(!saveButton(dialog)->isEnabled());
    QTest::keyClick(dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), Qt::Key_Return);
    QVERIFY(dialog.isVisible());

    // Removing the row clears it.
    headerTable(dialog)->selectRow(0);
    auto *remove = dialog.findChild<QPushButton *>(QStringLiteral("removeHeaderButton"));
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(headerTable(dialog)->rowCount(), 0);
    QVERIFY(shown->isHidden());
    QVERIFY(saveButton(dialog)->isEnabled());
}

void TestWebhookDialog::storedHeadersAreShownMaskedAndKept()
{
    Webhook stored;
    stored.id = 5;
    stored.deliveryUrl = QStringLiteral("https://127.0.0.1/hook");
    stored.headers = { { "Authorization", "Bearer abc123" }, { "X-Api-Key", "k-987" }, { "X-Team", "blue" } };
    WebhookDialog dialog(stored);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTableWidget *table = headerTable(dialog);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Bearer ****"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("****"));
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("blue"));
    // Nothing the view can show holds a credential.
    for (int row = 0; row < table->rowCount(); ++row) {
        for (int role : { Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole }) {
            const QString shown = table->model()->index(row, 1).data(role).toString();
            QVERIFY2(!shown.contains(QLatin1String("abc123")) && !shown.contains(QLatin1String("k-987")),
                qPrintable(shown));
        }
    }
    QCOMPARE(dialog.webhook().headers, stored.headers); // untouched: kept as stored

    // A credential is edited blind, like the secret.
    table->setCurrentCell(0, 1);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F2);
    QLineEdit *editor = cellEditor(table);
    QVERIFY(editor);
    QCOMPARE(editor->echoMode(), QLineEdit::Password);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Bearer new-token"));
    QVERIFY(pressEnter(table, editor));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Bearer ****"));
    QCOMPARE(dialog.webhook().headers.first().second, QByteArrayLiteral("Bearer new-token"));

    // Renaming a header to a credential's name masks its value at once.
    table->item(2, 0)->setText(QStringLiteral("X-Auth-Team"));
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("****"));
}

// End to end, as a user: add a webhook in the window with headers and the box left off, ping it
// (the self-signed receiver is refused), edit it, tick the box, ping again: delivered, with the
// headers. The store holds what was typed, the list shows the credential masked.
void TestWebhookDialog::windowStoresHeadersAndTrustAndTheDeliveryUsesThem()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend in this Qt");
    QTemporaryDir dir;
    QSslCertificate certificate;
    QSslKey key;
    if (!makeSelfSignedCertificate(
            dir, QStringLiteral("receiver"), QStringLiteral("IP:127.0.0.1"), certificate, key))
        QSKIP("openssl could not make a certificate");
    TlsReceiver receiver(certificate, key);
    QVERIFY(receiver.listen(QHostAddress::LocalHost));
    const QString url = QStringLiteral("https://127.0.0.1:%1/hook").arg(receiver.serverPort());

    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookwatchTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_webhookdialog"));
    QSettings().clear();
    const DatabaseConfig config
        = DatabaseConfig::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("window.db")))
              .value();
    AppSettings settings;
    settings.delivery.deliver = true;
    MainWindow window(config, settings);
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.isStoreOpen(), 10000);

    // Add: URL, two headers, the box left as it is.
    clickToolButton(window, "addWebhookAction");
    WebhookDialog *add = openDialog(window);
    QVERIFY(add);
    QVERIFY(QTest::qWaitForWindowActive(add));
    QTest::keyClicks(add->findChild<QLineEdit *>(QStringLiteral("urlEdit")), url);
    QVERIFY(typeHeader(*add, QStringLiteral("Authorization"), QStringLiteral("Bearer s3cret-token")));
    QVERIFY(typeHeader(*add, QStringLiteral("X-Team"), QStringLiteral("blue")));
    QTest::mouseClick(saveButton(*add), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window.webhookModel()->rowCount(), 1, 10000);

    JobStore store(config);
    QVERIFY(store.open().ok());
    const qint64 id = window.webhookModel()->webhookAt(0)->webhook.id;
    const HeaderList typed { { "Authorization", "Bearer s3cret-token" }, { "X-Team", "blue" } };
    QCOMPARE(store.webhook(id)->headers, typed);
    QCOMPARE(store.webhook(id)->trustSelfSigned, false);
    // The list shows the credential masked.
    const QString tip
        = window.webhookModel()->index(0, WebhookTableModel::Url).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("Authorization: Bearer ****")), qPrintable(tip));
    QVERIFY2(!tip.contains(QLatin1String("s3cret")), qPrintable(tip));

    // Verified by default: the ping fails in the TLS handshake and nothing reaches the receiver.
    window.webhookView()->selectRow(0);
    clickToolButton(window, "pingAction");
    std::optional<Delivery> refused;
    QTRY_VERIFY_WITH_TIMEOUT((refused = attemptedDelivery(store, id)).has_value(), 15000);
    const QList<Attempt> refusedAttempts = store.attempts(refused->id).value();
    QCOMPARE(refusedAttempts.size(), 1);
    QVERIFY2(refusedAttempts.first().connectionError.contains(QLatin1String("self-signed")),
        qPrintable(refusedAttempts.first().connectionError));
    QCOMPARE(receiver.requests.size(), 0);

    // Edit: what is stored is shown back (box off, headers with the credential masked); tick it.
    // Webhook > Edit Webhook… (it is not on the toolbar).
    auto *editAction = window.findChild<QAction *>(QStringLiteral("editWebhookAction"));
    QTRY_VERIFY_WITH_TIMEOUT(editAction->isEnabled(), 10000);
    editAction->trigger();
    WebhookDialog *edit = openDialog(window);
    QVERIFY(edit);
    QVERIFY(QTest::qWaitForWindowActive(edit));
    auto *trust = edit->findChild<QCheckBox *>(QStringLiteral("trustSelfSignedCheck"));
    QVERIFY(!trust->isChecked());
    QCOMPARE(headerTable(*edit)->rowCount(), 2);
    QCOMPARE(headerTable(*edit)->item(0, 1)->text(), QStringLiteral("Bearer ****"));
    QCOMPARE(headerTable(*edit)->item(1, 1)->text(), QStringLiteral("blue"));
    QTest::mouseClick(trust, Qt::LeftButton, {}, QPoint(8, trust->height() / 2));
    QTest::mouseClick(saveButton(*edit), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(store.webhook(id)->trustSelfSigned, 10000);
    QCOMPARE(store.webhook(id)->headers, typed); // the credential kept, not its mask

    // Trusted: the next ping is delivered, with the headers as typed.
    QTRY_VERIFY_WITH_TIMEOUT(window.webhookModel()->webhookAt(0)->webhook.trustSelfSigned, 10000);
    clickToolButton(window, "pingAction");
    QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 1, 15000);
    const QByteArray request = receiver.requests.first();
    QVERIFY2(request.contains("\r\nAuthorization: Bearer s3cret-token\r\n"), request.constData());
    QVERIFY2(request.contains("\r\nX-Team: blue\r\n"), request.constData());
    QVERIFY(request.contains("X-Launchpad-Event-Type: ping"));
    QSignalSpy finished(&window, &MainWindow::finished);
    window.close(); // the store closes in its thread first
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

QTEST_MAIN(TestWebhookDialog)
#include "tst_webhookdialog.moc"
