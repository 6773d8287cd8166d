// The webhook dialog: Launchpad's URL rules as the user types, and the write-only secret.
#include "webhookdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QtTest>

class TestWebhookDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesAnFtpUrl();
    void acceptsAnHttpsUrl();
    void secretIsWriteOnly();
};

namespace {
QPushButton *saveButton(WebhookDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save);
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

QTEST_MAIN(TestWebhookDialog)
#include "tst_webhookdialog.moc"
