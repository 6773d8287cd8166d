// The retry picture's data, as a user reads the picture: where the attempts made, the next one
// and those still to come fall on the window's axis; and the widget's own words.
#include "retrypicture.h"
#include "retrypicturedata.h"

#include <QTest>

namespace {
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr TimeMs T0 = 1795860000000; // 2026-11-28T10:00:00Z

Attempt attempt(TimeMs at, int status)
{
    Attempt a;
    a.dateStarted = at;
    a.dateSent = at;
    if (status > 0) {
        AttemptResponse r;
        r.statusCode = status;
        a.response = r;
    } else {
        a.connectionError = QStringLiteral("Connection error: Connection refused");
    }
    return a;
}

QList<qint64> offsets(const QList<TimeMs> &times)
{
    QList<qint64> out;
    for (TimeMs t : times)
        out << t - T0;
    return out;
}
} // namespace

class TestRetryPicture final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Standard Webhooks' steps after three failures: the fourth attempt 30 minutes after the
    // third, counting down; four more to come; the axis runs to the window's end.
    void steppedDeliveryWaiting()
    {
        Delivery d;
        d.dateCreated = T0;
        d.dateFirstSent = T0;
        d.status = JobStatus::Waiting;
        d.attemptCount = 3;
        d.lastStatusCode = 500;
        const TimeMs third = T0 + 5 * Second + 5 * Minute;
        d.scheduledStart = third + 30 * Minute;
        // Out of order, as a caller may hand them.
        const QList<Attempt> attempts { attempt(third, 500), attempt(T0, 500), attempt(T0 + 5 * Second, 0) };
        const auto data
            = RetryPictureData::forDelivery(d, attempts, RetryPolicy::standardWebhooks(), T0 + 6 * Minute);
        QCOMPARE(data.axisStart, T0);
        QCOMPARE(data.past.size(), 3);
        QCOMPARE(data.past.at(0).at, T0);
        QCOMPARE(data.past.at(1).httpStatus, 0);
        QCOMPARE(data.past.at(2).at, third);
        for (const auto &a : data.past)
            QCOMPARE(a.outcome, RetryPictureData::Outcome::Failed);
        QCOMPARE(data.next.value(), third + 30 * Minute);
        QCOMPARE(data.countdownMs, third + 30 * Minute - (T0 + 6 * Minute));
        QCOMPARE(offsets(data.projected),
            (QList<qint64> { 5 * Second + 155 * Minute, 5 * Second + 455 * Minute, 5 * Second + 1055 * Minute,
                5 * Second + 1655 * Minute }));
        QCOMPARE(data.windowEnd.value(), T0 + 48 * Hour);
        QCOMPARE(data.axisEnd, T0 + 48 * Hour);
        QCOMPARE(data.position(T0), 0.0);
        QCOMPARE(data.position(T0 + 24 * Hour), 0.5);
        QCOMPARE(data.position(T0 + 96 * Hour), 1.0);
    }

    // launchpad-current gives a 404 one hour: the window ends there, and so do the projections.
    void windowFollowsTheFailureClass()
    {
        Delivery d;
        d.dateCreated = T0;
        d.dateFirstSent = T0;
        d.status = JobStatus::Waiting;
        d.attemptCount = 1;
        d.lastStatusCode = 404;
        d.scheduledStart = T0 + Minute;
        const auto data = RetryPictureData::forDelivery(
            d, { attempt(T0, 404) }, RetryPolicy::launchpadCurrent(), T0 + 10 * Second);
        QCOMPARE(data.windowEnd.value(), T0 + Hour);
        QVERIFY(!data.projected.isEmpty());
        QVERIFY(data.projected.last() <= T0 + Hour + 5 * Minute);
        QCOMPARE(data.axisEnd, qMax(T0 + Hour, data.projected.last()));
        QCOMPARE(data.countdownMs, 50 * Second);

        const auto afterServerError = RetryPictureData::forDelivery(
            d, { attempt(T0, 503) }, RetryPolicy::launchpadCurrent(), T0 + 10 * Second);
        QCOMPARE(afterServerError.windowEnd.value(), T0 + 24 * Hour);
        QCOMPARE(afterServerError.projected.last(), T0 + 24 * Hour);
    }

    // Delivered on the second attempt: a red mark, a green one, nothing to come.
    void deliveredHasNothingToCome()
    {
        Delivery d;
        d.dateCreated = T0;
        d.dateFirstSent = T0;
        d.status = JobStatus::Completed;
        d.attemptCount = 2;
        const auto data = RetryPictureData::forDelivery(
            d, { attempt(T0, 500), attempt(T0 + 5 * Minute, 204) }, RetryPolicy::launchpad(), T0 + Hour);
        QCOMPARE(data.past.size(), 2);
        QCOMPARE(data.past.at(0).outcome, RetryPictureData::Outcome::Failed);
        QCOMPARE(data.past.at(1).outcome, RetryPictureData::Outcome::Succeeded);
        QVERIFY(!data.next);
        QVERIFY(data.projected.isEmpty());
        QCOMPARE(data.axisEnd, T0 + 24 * Hour);
    }

    // Retried with a new window: the attempts of the earlier window are not on this one's axis.
    void earlierWindowsAttemptsAreLeftOut()
    {
        Delivery d;
        d.dateCreated = T0 - 30 * Hour;
        d.dateFirstSent = T0;
        d.status = JobStatus::Failed;
        const auto data = RetryPictureData::forDelivery(
            d, { attempt(T0 - 30 * Hour, 500), attempt(T0, 500) }, RetryPolicy::none(), T0);
        QCOMPARE(data.past.size(), 1);
        QCOMPARE(data.past.first().at, T0);
        QVERIFY(!data.windowEnd); // no retries: no window to end
        QCOMPARE(data.axisEnd, T0 + 24 * Hour);
    }

    // The dialog's preview: a schedule alone, from a first attempt at 0.
    void previewOfASchedule()
    {
        const auto sw = RetryPictureData::preview(RetryPolicy::standardWebhooks());
        QCOMPARE(sw.past.size(), 1);
        QCOMPARE(sw.next.value(), 5 * Second);
        QCOMPARE(sw.projected.size(), 6);
        QCOMPARE(sw.projected.last(), 5 * Second + 1655 * Minute);
        QCOMPARE(sw.axisEnd, 48 * Hour);
        const auto launchpad = RetryPictureData::preview(RetryPolicy::launchpad());
        QCOMPARE(launchpad.projected.size(), 34); // 36 attempts: the first, the next, 34 more
        QCOMPARE(launchpad.axisEnd, 24 * Hour);
        const auto none = RetryPictureData::preview(RetryPolicy::none());
        QVERIFY(!none.next);
        QVERIFY(none.projected.isEmpty());
        QVERIFY(!none.windowEnd);
    }

    // The widget's headline: a countdown for a delivery, the first delay for a preview.
    void widgetWords()
    {
        RetryPicture picture;
        picture.resize(600, picture.sizeHint().height());
        QCOMPARE(picture.nextText(), QString());
        Delivery d;
        d.dateCreated = T0;
        d.dateFirstSent = T0;
        d.status = JobStatus::Waiting;
        d.attemptCount = 1;
        d.scheduledStart = T0 + 5 * Minute;
        picture.setData(
            RetryPictureData::forDelivery(d, { attempt(T0, 500) }, RetryPolicy::launchpad(), T0 + Minute));
        QCOMPARE(picture.nextText(), QStringLiteral("Next attempt in 4 minutes"));
        QVERIFY(!picture.grab().isNull());
        picture.setData(RetryPictureData::preview(RetryPolicy::standardWebhooks()), false);
        QCOMPARE(picture.nextText(), QStringLiteral("First retry 5 seconds after the first attempt"));
        QVERIFY(!picture.grab().isNull());
        d.status = JobStatus::Failed;
        d.scheduledStart.reset();
        picture.setData(RetryPictureData::forDelivery(d, { attempt(T0, 500) }, RetryPolicy::launchpad(), T0));
        QCOMPARE(picture.nextText(), QStringLiteral("No retry to come"));
    }
};

QTEST_MAIN(TestRetryPicture)
#include "tst_retrypicture.moc"
