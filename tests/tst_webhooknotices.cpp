// Which notice, if any, a change of the webhooks deserves (WebhookNotices::changes).
#include "webhooknotices.h"

#include <QtTest>

class TestWebhookNotices final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decides_data();
    void decides();
    void burstsBecomeOneNoticeNamingTheCount();
    void switchedOffSaysNothing();
    void reasonNamesThePeriod();
};

namespace {

constexpr TimeMs T = 1'800'000'000'000;

Webhook hook(qint64 id, std::optional<TimeMs> failingSince = {}, std::optional<TimeMs> pausedAt = {},
    std::optional<TimeMs> autoPausedAt = {})
{
    Webhook w;
    w.id = id;
    w.deliveryUrl = QStringLiteral("https://user:pw@example.com/hook/%1").arg(id);
    w.autoDisableAfterMs = 3 * 24 * 3600 * 1000LL;
    w.failingSince = failingSince;
    w.pausedAt = pausedAt;
    w.autoPausedAt = autoPausedAt;
    return w;
}

} // namespace

void TestWebhookNotices::decides_data()
{
    QTest::addColumn<Webhook>("before");
    QTest::addColumn<Webhook>("after");
    QTest::addColumn<int>("kind"); // -1: no notice

    const int none = -1;
    const int failing = int(WebhookNotice::Kind::FirstFailure);
    const int recovered = int(WebhookNotice::Kind::Recovered);
    const int disabled = int(WebhookNotice::Kind::Disabled);
    QTest::newRow("nothing changed") << hook(1) << hook(1) << none;
    QTest::newRow("first failure after success") << hook(1) << hook(1, T) << failing;
    QTest::newRow("still failing") << hook(1, T) << hook(1, T) << none;
    QTest::newRow("first success after failures") << hook(1, T) << hook(1) << recovered;
    QTest::newRow("auto-paused") << hook(1, T) << hook(1, T, T + 5, T + 5) << disabled;
    QTest::newRow("failed and auto-paused between two looks")
        << hook(1) << hook(1, T, T + 5, T + 5) << disabled;
    QTest::newRow("paused by hand") << hook(1, T) << hook(1, T, T + 5) << none;
    // Resume clears failingSince: that is the user's doing, not a recovery.
    QTest::newRow("resumed after auto-pause") << hook(1, T, T + 5, T + 5) << hook(1) << none;
    QTest::newRow("resumed after a pause by hand") << hook(1, T, T + 5) << hook(1) << none;
}

void TestWebhookNotices::decides()
{
    QFETCH(Webhook, before);
    QFETCH(Webhook, after);
    QFETCH(int, kind);
    const auto notices = WebhookNotices::changes({ before }, { after }, NoticeSwitches());
    if (kind < 0) {
        QVERIFY(notices.isEmpty());
        return;
    }
    QCOMPARE(notices.size(), 1);
    QCOMPARE(int(notices.first().kind), kind);
    QCOMPARE(notices.first().webhooks.size(), 1);
    const QString text = WebhookNotices::text(notices.first());
    QVERIFY2(text.contains(QLatin1String("Webhook 1 (")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("pw@")), qPrintable(text)); // the URL's password masked
}

void TestWebhookNotices::burstsBecomeOneNoticeNamingTheCount()
{
    QList<Webhook> before;
    QList<Webhook> after;
    for (qint64 id = 1; id <= 5; ++id) {
        before.append(hook(id));
        after.append(hook(id, T));
    }
    after.append(hook(6, T)); // new since the last look: compared with nothing
    const auto notices = WebhookNotices::changes(before, after, NoticeSwitches());
    QCOMPARE(notices.size(), 1);
    QCOMPARE(notices.first().kind, WebhookNotice::Kind::FirstFailure);
    QCOMPARE(notices.first().webhooks.size(), 5);
    // Without the window's translator the plural stays "webhook(s)"; tst_translations checks the forms.
    const QString text = WebhookNotices::text(notices.first());
    QVERIFY2(text.startsWith(QLatin1String("5 webhook")) && text.endsWith(QLatin1String(" started failing.")),
        qPrintable(text));

    // Different changes at once: one notice per kind, the pause first.
    const auto mixed = WebhookNotices::changes({ hook(1), hook(2, T), hook(3, T) },
        { hook(1, T), hook(2), hook(3, T, T + 1, T + 1) }, NoticeSwitches());
    QCOMPARE(mixed.size(), 3);
    QCOMPARE(mixed.at(0).kind, WebhookNotice::Kind::Disabled);
    QCOMPARE(mixed.at(1).kind, WebhookNotice::Kind::FirstFailure);
    QCOMPARE(mixed.at(2).kind, WebhookNotice::Kind::Recovered);
}

void TestWebhookNotices::switchedOffSaysNothing()
{
    NoticeSwitches off;
    off.firstFailure = false;
    off.recovered = false;
    off.disabled = false;
    QVERIFY(WebhookNotices::changes(
        { hook(1), hook(2, T), hook(3, T) }, { hook(1, T), hook(2), hook(3, T, T + 1, T + 1) }, off)
                .isEmpty());
    NoticeSwitches onlyDisabled = off;
    onlyDisabled.disabled = true;
    const auto notices = WebhookNotices::changes(
        { hook(1), hook(3, T) }, { hook(1, T), hook(3, T, T + 1, T + 1) }, onlyDisabled);
    QCOMPARE(notices.size(), 1);
    QCOMPARE(notices.first().kind, WebhookNotice::Kind::Disabled);
}

void TestWebhookNotices::reasonNamesThePeriod()
{
    QCOMPARE(WebhookNotices::autoPauseReason(hook(1)), QStringLiteral("Paused after 3 days of failures"));
    Webhook hours = hook(2);
    hours.autoDisableAfterMs = 6 * 3600 * 1000LL;
    QCOMPARE(WebhookNotices::autoPauseReason(hours), QStringLiteral("Paused after 6 hours of failures"));
}

QTEST_GUILESS_MAIN(TestWebhookNotices)
#include "tst_webhooknotices.moc"
