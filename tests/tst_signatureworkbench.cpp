#include "profiles.h"
#include "senderprofile.h"
#include "signaturecheck.h"
#include "signatureworkbench.h"

#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QTest>

// The signature workbench: what was signed, and why a typed secret does or does not reproduce
// the signature, on requests made as each profile makes them (SenderProfile).
class TestSignatureWorkbench final : public QObject
{
    Q_OBJECT

    static constexpr const char *Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static constexpr qint64 SentAt = 1796385600000; // 2026-12-04T12:00:00Z

    static HeaderList headersOf(const QString &profile, const QByteArray &body, bool secret = true)
    {
        Webhook w;
        w.id = 3;
        w.profile = profile;
        if (secret)
            w.secret = QString::fromLatin1(Secret);
        Delivery d;
        d.id = 7;
        d.webhookId = 3;
        d.eventType = QStringLiteral("x");
        d.dateCreated = SentAt;
        return SenderProfile::forName(profile).headers(w, d, body, SentAt);
    }
    static HeaderList replaced(HeaderList headers, const QByteArray &name, const QByteArray &value)
    {
        for (auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                h.second = value;
        }
        return headers;
    }

private Q_SLOTS:
    void signedContent_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("formula");
        QTest::addColumn<QByteArray>("content");
        const QByteArray body = "{\"a\":1}";
        const QByteArray id
            = "msg_" + Profiles::deliveryGuid(7, 3, SentAt).toLatin1().replace('-', QByteArray());
        QTest::newRow("launchpad") << Profiles::Launchpad << QStringLiteral("body") << body;
        QTest::newRow("github") << Profiles::GitHub << QStringLiteral("body") << body;
        QTest::newRow("standard-webhooks")
            << Profiles::StandardWebhooks << QStringLiteral("msg_id.timestamp.body")
            << id + ".1796385600." + body;
        QTest::newRow("stripe") << Profiles::Stripe << QStringLiteral("t.body") << "1796385600." + body;
    }
    void signedContent()
    {
        QFETCH(QString, profile);
        QFETCH(QString, formula);
        QFETCH(QByteArray, content);
        const QByteArray body = "{\"a\":1}";
        const auto s = SignatureCheck::whatWasSigned(profile, headersOf(profile, body), body);
        QVERIFY(s);
        QCOMPARE(s->formula, formula);
        QCOMPARE(s->content, content);
        QVERIFY(!s->headers.isEmpty());
        QVERIFY(SignatureCheck::mismatch(profile, headersOf(profile, body), body, QString::fromLatin1(Secret))
                    .isEmpty());
        QVERIFY(!SignatureCheck::whatWasSigned(profile, headersOf(profile, body, false), body));
    }

    // Each reason a signature does not match, in one sentence.
    void reasons_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("headerValue"); // empty: as sent
        QTest::addColumn<bool>("changedBody");
        QTest::addColumn<QString>("says");
        const QString other = QStringLiteral("whsec_b3RoZXIgc2VjcmV0IGJ5dGVz");
        QTest::newRow("wrong secret, github") << Profiles::GitHub << other << QByteArray() << QByteArray()
                                              << false << QStringLiteral("another secret");
        QTest::newRow("wrong secret, stripe") << Profiles::Stripe << other << QByteArray() << QByteArray()
                                              << false << QStringLiteral("another secret");
        QTest::newRow("body changed")
            << Profiles::Launchpad << QString::fromLatin1(Secret) << QByteArray() << QByteArray() << true
            << QStringLiteral("body received is not the body signed");
        QTest::newRow("timestamp differs")
            << Profiles::StandardWebhooks << QString::fromLatin1(Secret) << QByteArray("webhook-timestamp")
            << QByteArray("1796385660") << false << QStringLiteral("timestamp differs");
        QTest::newRow("scheme: not sha1=")
            << Profiles::Launchpad << QString::fromLatin1(Secret) << QByteArray("X-Hub-Signature")
            << QByteArray("md5=abc") << false << QStringLiteral("not the scheme");
        QTest::newRow("scheme: stripe header")
            << Profiles::Stripe << QString::fromLatin1(Secret) << QByteArray("Stripe-Signature")
            << QByteArray("v1=abc") << false << QStringLiteral("not Stripe's scheme");
        QTest::newRow("scheme: not a key")
            << Profiles::StandardWebhooks << QStringLiteral("plain words") << QByteArray() << QByteArray()
            << false << QStringLiteral("not a Standard Webhooks key");
    }
    void reasons()
    {
        QFETCH(QString, profile);
        QFETCH(QString, secret);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, headerValue);
        QFETCH(bool, changedBody);
        QFETCH(QString, says);
        const QByteArray body = "{\"a\":1}";
        HeaderList headers = headersOf(profile, body);
        if (!header.isEmpty())
            headers = replaced(headers, header, headerValue);
        const QString why = SignatureCheck::mismatch(profile, headers, body, secret,
            changedBody ? std::optional<QByteArray>("{\"a\": 1}") : std::nullopt);
        QVERIFY2(why.contains(says), qPrintable(why));
    }

    // A Standard Webhooks secret used as text: the scheme differs.
    void secretUsedAsText()
    {
        const QByteArray body = "{}";
        HeaderList headers = headersOf(Profiles::StandardWebhooks, body);
        const auto s = SignatureCheck::whatWasSigned(Profiles::StandardWebhooks, headers, body);
        const QString text = QStringLiteral("dGV4dA=="); // valid base64, so a key by its looks
        const QByteArray asText = "v1,"
            + QMessageAuthenticationCode::hash(s->content, text.toUtf8(), QCryptographicHash::Sha256)
                  .toBase64();
        headers = replaced(headers, "webhook-signature", asText);
        const QString why = SignatureCheck::mismatch(Profiles::StandardWebhooks, headers, body, text);
        QVERIFY2(why.contains(QLatin1String("scheme differs")), qPrintable(why));
    }

    // The widget: the signed bytes and headers shown, the verdict as the secret is typed, and
    // the secret gone when another attempt is shown.
    void widgetShowsAndForgets()
    {
        const QByteArray body = "{\"b\":2}";
        SignatureWorkbench w;
        w.showAttempt(Profiles::Stripe, headersOf(Profiles::Stripe, body), body);
        QVERIFY2(w.signedText().contains(QLatin1String("t.body")), qPrintable(w.signedText()));
        QVERIFY(w.signedText().contains(QLatin1String("Stripe-Signature: t=1796385600,v1=")));
        QVERIFY(w.signedText().contains(QLatin1String("1796385600.{\"b\":2}")));
        QVERIFY(w.verdictText().isEmpty());
        QTest::keyClicks(w.secretField(), QStringLiteral("wrong"));
        QVERIFY2(w.verdictText().contains(QLatin1String("another secret")), qPrintable(w.verdictText()));
        w.secretField()->clear();
        QTest::keyClicks(w.secretField(), QString::fromLatin1(Secret));
        QVERIFY2(w.verdictText().contains(QLatin1String("matches")), qPrintable(w.verdictText()));
        QCOMPARE(w.secretField()->echoMode(), QLineEdit::Password);
        w.showAttempt(Profiles::Launchpad, headersOf(Profiles::Launchpad, body, false), body);
        QVERIFY(w.secretField()->text().isEmpty());
        QVERIFY(!w.secretField()->isEnabled());
        QVERIFY(w.signedText().contains(QLatin1String("no signature was sent")));
    }
};

QTEST_MAIN(TestSignatureWorkbench)
#include "tst_signatureworkbench.moc"
