#include "harness.h"
#include "profiles.h"
#include "senderprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTest>

// Sender profiles: each platform's headers and signature, what a new webhook of a profile
// starts with, and a webhook's profile through the store and the dispatcher on both backends.
class TestProfiles final : public QObject
{
    Q_OBJECT

    static Delivery delivery(qint64 id = 7)
    {
        Delivery d;
        d.id = id;
        d.webhookId = 3;
        d.eventType = QStringLiteral("push");
        d.dateCreated = Harness::T0;
        return d;
    }
    static QByteArray header(const HeaderList &headers, const QByteArray &name)
    {
        for (const auto &[n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }

private Q_SLOTS:
    // Launchpad's own test vector, and Python's hmac for the same scheme.
    void launchpadVector()
    {
        const QByteArray body = QByteArrayLiteral("{\"foo\": \"bar\"}");
        QCOMPARE(Signature::hubSignature(QStringLiteral("sekrit"), body),
            QByteArrayLiteral("sha1=de75f136c37d89f5eb24834468c1ecd602fa95dd"));
        QProcess python;
        python.start(QStringLiteral("python3"),
            { QStringLiteral("-c"),
                QStringLiteral(
                    "import hmac,hashlib,sys; print('sha1=' + hmac.new(b'sekrit', sys.stdin.buffer.read(), "
                    "hashlib.sha1).hexdigest())") });
        QVERIFY2(python.waitForStarted(), "python3 is needed (.ci/install-deps installs it)");
        python.write(body);
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished());
        QCOMPARE(python.readAllStandardOutput().trimmed(),
            Signature::hubSignature(QStringLiteral("sekrit"), body));
    }

    void headersPerProfile_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::addColumn<QByteArrayList>("absent");
        QTest::newRow("launchpad") << Profiles::Launchpad
                                   << QByteArrayList { "X-Launchpad-Event-Type", "X-Launchpad-Delivery",
                                          "X-Hub-Signature" }
                                   << QByteArrayList { "X-GitHub-Event", "webhook-id", "Stripe-Signature" };
        QTest::newRow("launchpad-current")
            << Profiles::LaunchpadCurrent << QByteArrayList { "X-Launchpad-Delivery", "X-Hub-Signature" }
            << QByteArrayList { "X-Hub-Signature-256" };
        QTest::newRow("github") << Profiles::GitHub
                                << QByteArrayList { "X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID",
                                       "X-Hub-Signature-256", "X-Hub-Signature" }
                                << QByteArrayList { "X-Launchpad-Delivery", "webhook-id" };
        QTest::newRow("standard-webhooks")
            << Profiles::StandardWebhooks
            << QByteArrayList { "webhook-id", "webhook-timestamp", "webhook-signature" }
            << QByteArrayList { "X-Hub-Signature", "X-Launchpad-Delivery" };
        QTest::newRow("stripe") << Profiles::Stripe << QByteArrayList { "Stripe-Signature" }
                                << QByteArrayList { "X-Hub-Signature", "webhook-signature" };
    }
    void headersPerProfile()
    {
        QFETCH(QString, profile);
        QFETCH(QByteArrayList, expected);
        QFETCH(QByteArrayList, absent);
        Webhook w;
        w.id = 3;
        w.profile = profile;
        w.secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        const HeaderList h = SenderProfile::forName(profile).headers(w, delivery(), "{}", Harness::T0);
        for (const QByteArray &name : expected)
            QVERIFY2(!header(h, name).isEmpty(), name.constData());
        for (const QByteArray &name : absent)
            QVERIFY2(header(h, name).isEmpty(), name.constData());
    }

    // The signed strings, as each platform documents them.
    void signatures()
    {
        const QByteArray body = QByteArrayLiteral("{\"a\":1}");
        const qint64 t = Harness::T0 / 1000;
        QCOMPARE(Signature::stripe(QStringLiteral("whsec_x"), t, body),
            "t=" + QByteArray::number(t) + ",v1="
                + QMessageAuthenticationCode::hash(
                    QByteArray::number(t) + '.' + body, "whsec_x", QCryptographicHash::Sha256)
                      .toHex());
        // Standard Webhooks' own test vector (standard-webhooks/libraries, "signature" test).
        QCOMPARE(Signature::standardWebhooks(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                     "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})"),
            QByteArrayLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    // GitHub's GUID and Standard Webhooks' msg_ id name the delivery: the same on every retry.
    void idsKeptAcrossRetries()
    {
        Webhook w;
        w.id = 3;
        w.profile = Profiles::StandardWebhooks;
        const auto &profile = SenderProfile::forName(w.profile);
        const QByteArray first = header(profile.headers(w, delivery(), "{}", Harness::T0), "webhook-id");
        const QByteArray retry
            = header(profile.headers(w, delivery(), "{}", Harness::T0 + 60000), "webhook-id");
        const QByteArray other = header(profile.headers(w, delivery(8), "{}", Harness::T0), "webhook-id");
        QVERIFY(first.startsWith("msg_"));
        QCOMPARE(retry, first);
        QVERIFY(other != first);
    }

    void secrets()
    {
        QVERIFY(!Profiles::checkSecret(Profiles::StandardWebhooks, QStringLiteral("whsec_not*base64!")));
        QVERIFY(Profiles::checkSecret(
            Profiles::Stripe, QStringLiteral("whsec_test_secret"))); // Stripe's are text
        QVERIFY(!Profiles::checkSecret(Profiles::StandardWebhooks, QStringLiteral("plain words")));
        QVERIFY(Profiles::checkSecret(
            Profiles::StandardWebhooks, QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        QVERIFY(Profiles::checkSecret(Profiles::GitHub, QStringLiteral("plain words")));
    }

    // While a secret is rotated: a signature with each where the platform sends several, the
    // new one alone where it sends one; the new one alone once the previous has expired.
    void rotatedSecretSignatures_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QByteArray>("signatureHeader");
        QTest::addColumn<int>("signatures");
        QTest::newRow("standard-webhooks")
            << Profiles::StandardWebhooks << QByteArray("webhook-signature") << 2;
        QTest::newRow("stripe") << Profiles::Stripe << QByteArray("stripe-signature") << 2;
        QTest::newRow("github") << Profiles::GitHub << QByteArray("x-hub-signature-256") << 1;
        QTest::newRow("launchpad") << Profiles::Launchpad << QByteArray("x-hub-signature") << 1;
    }
    void rotatedSecretSignatures()
    {
        QFETCH(QString, profile);
        QFETCH(QByteArray, signatureHeader);
        QFETCH(int, signatures);
        Webhook rotated;
        rotated.id = 3;
        rotated.profile = profile;
        rotated.secret = QStringLiteral("whsec_bmV3IHNlY3JldCBieXRlcw==");
        rotated.previousSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        rotated.previousSecretUntil = Harness::T0 + 60000;
        Webhook fresh = rotated;
        fresh.previousSecret.reset();
        const auto &sender = SenderProfile::forName(profile);
        const QByteArray both
            = header(sender.headers(rotated, delivery(), "{}", Harness::T0), signatureHeader);
        const QByteArray alone
            = header(sender.headers(fresh, delivery(), "{}", Harness::T0), signatureHeader);
        QCOMPARE(int(both.count(profile == Profiles::StandardWebhooks ? "v1,"
                         : profile == Profiles::Stripe                ? "v1="
                                                                      : "=")),
            signatures);
        QVERIFY(both.startsWith(alone)); // the new secret's signature first, as before
        // Past its time the previous secret signs nothing.
        QCOMPARE(header(sender.headers(rotated, delivery(), "{}", Harness::T0 + 60000), signatureHeader),
            header(sender.headers(fresh, delivery(), "{}", Harness::T0 + 60000), signatureHeader));
    }

    void pings()
    {
        Webhook w;
        w.id = 12;
        w.deliveryUrl = QStringLiteral("http://127.0.0.1:9/hook");
        w.profile = Profiles::GitHub;
        const QJsonObject github = QJsonDocument::fromJson(Profiles::pingPayload(w, Harness::T0)).object();
        QVERIFY(!github.value(QStringLiteral("zen")).toString().isEmpty());
        QCOMPARE(github.value(QStringLiteral("hook_id")).toInt(), 12);
        QCOMPARE(github.value(QStringLiteral("hook")).toObject().value(QStringLiteral("id")).toInt(), 12);
        w.profile = Profiles::Stripe;
        const QJsonObject stripe = QJsonDocument::fromJson(Profiles::pingPayload(w, Harness::T0)).object();
        QVERIFY(stripe.value(QStringLiteral("id")).toString().startsWith(QLatin1String("evt_")));
        QCOMPARE(stripe.value(QStringLiteral("object")).toString(), QStringLiteral("event"));
        QVERIFY(stripe.value(QStringLiteral("data")).toObject().contains(QStringLiteral("object")));
        w.profile = Profiles::StandardWebhooks;
        const QJsonObject sw = QJsonDocument::fromJson(Profiles::pingPayload(w, Harness::T0)).object();
        for (const char *key : { "type", "timestamp", "data" })
            QVERIFY2(sw.contains(QLatin1String(key)), key);
        w.profile = Profiles::Launchpad;
        QCOMPARE(Profiles::pingPayload(w, Harness::T0), QByteArrayLiteral("{\"ping\": true}"));
    }

    // Through the store and a real dispatcher: each profile's headers arrive, its id is the same
    // on the retry, and its default schedule applies (GitHub's: none).
    void deliveredPerProfile_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("profile");
        for (const char *backend : { "sqlite", "postgresql" }) {
            for (const QString &profile : Profiles::names())
                QTest::addRow("%s %s", backend, qPrintable(profile))
                    << QString::fromLatin1(backend) << profile;
        }
    }
    void deliveredPerProfile()
    {
        QFETCH(QString, backend);
        QFETCH(QString, profile);
        Harness h(backend);
        HARNESS_OR_SKIP(h);
        Webhook w;
        w.profile = profile;
        w.secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        w.retryPolicy = Profiles::defaultRetryPolicy(profile);
        const qint64 hook = h.addWebhook(w);
        QCOMPARE(h.store->webhook(hook).value().profile, profile);
        h.receiver.setResponseSequence({ 500, 200 });
        h.store->createDelivery(hook, QStringLiteral("push"), "{\"n\":1}").value();
        h.dispatcher->start();
        const auto first = h.nextAttempt();
        QVERIFY(first);
        QCOMPARE(h.receiver.requests().size(), 1);
        const auto request = h.receiver.requests().first();
        const QByteArray signature = profile == Profiles::GitHub ? request.header("x-hub-signature-256")
            : profile == Profiles::StandardWebhooks              ? request.header("webhook-signature")
            : profile == Profiles::Stripe                        ? request.header("stripe-signature")
                                                                 : request.header("x-hub-signature");
        QVERIFY2(!signature.isEmpty(), "the profile's signature header arrived");
        if (profile == Profiles::GitHub) {
            QCOMPARE(first->first.status, JobStatus::Failed); // no automatic retry
            return;
        }
        QCOMPARE(first->first.status, JobStatus::Waiting);
        h.clock.advance(*first->first.scheduledStart - h.clock.now());
        const auto second = h.nextAttempt();
        QVERIFY(second);
        QCOMPARE(second->first.status, JobStatus::Completed);
        const auto retried = h.receiver.requests().last();
        for (const QByteArray &id :
            { QByteArrayLiteral("x-launchpad-delivery"), QByteArrayLiteral("webhook-id") })
            QCOMPARE(retried.header(id), request.header(id));
    }

    // Bad input on the command line: one sentence, exit code 2, nothing stored.
    void commandLine()
    {
        const QString bin = qEnvironmentVariable("HOOKWATCH_BIN");
        if (bin.isEmpty())
            QSKIP("HOOKWATCH_BIN is not set");
        QTemporaryDir dir;
        const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("p.db"));
        const auto run = [&](const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr) {
            QProcess p;
            p.start(bin, QStringList { QStringLiteral("--db"), db } + args);
            p.waitForFinished(30000);
            if (out)
                *out = p.readAllStandardOutput();
            if (err)
                *err = p.readAllStandardError();
            return p.exitCode();
        };
        QByteArray out, err;
        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("add"), QStringLiteral("http://127.0.0.1:9/h"),
                    QStringLiteral("--profile"), QStringLiteral("standard-webhooks"),
                    QStringLiteral("--secret"), QStringLiteral("whsec_not*base64!") },
                nullptr, &err),
            2);
        QVERIFY2(err.contains("not valid base64"), err.constData());
        QVERIFY(!err.contains("not*base64")); // the secret is never repeated
        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("add"), QStringLiteral("http://127.0.0.1:9/h"),
                    QStringLiteral("--profile"), QStringLiteral("gitlab") },
                nullptr, &err),
            2);
        QVERIFY2(err.contains("unknown profile \"gitlab\""), err.constData());
        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--json") }, &out), 0);
        QCOMPARE(QJsonDocument::fromJson(out).array().size(), 0);

        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("add"), QStringLiteral("http://127.0.0.1:9/h"),
                    QStringLiteral("--profile"), QStringLiteral("github") },
                &out),
            0);
        const QString id = QString::fromLatin1(out.trimmed());
        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("show"), id, QStringLiteral("--json") }, &out),
            0);
        QJsonObject shown = QJsonDocument::fromJson(out).object();
        QCOMPARE(shown.value(QStringLiteral("profile")).toString(), QStringLiteral("github"));
        QCOMPARE(shown.value(QStringLiteral("timeout_ms")).toInt(), 10000);
        QCOMPARE(
            shown.value(QStringLiteral("retry_policy")).toObject().value(QStringLiteral("custom")).toBool(),
            false);

        // A preset's value changed: "custom", not the preset's name alone. "seed" still accepted.
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("edit"), id, QStringLiteral("--profile"),
                     QStringLiteral("launchpad"), QStringLiteral("--retry-preset"), QStringLiteral("seed"),
                     QStringLiteral("--retry-window"), QStringLiteral("2h") }),
            0);
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("show"), id }, &out), 0);
        QVERIFY2(out.contains("Profile:      launchpad"), out.constData());
        QVERIFY2(out.contains("(custom, from preset launchpad)"), out.constData());
        // Rotating the secret: bad input changes nothing; the previous one is kept, never shown.
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("edit"), id,
                         QStringLiteral("--keep-previous-for"), QStringLiteral("1h") },
                     nullptr, &err),
            2);
        QVERIFY2(err.contains("goes with --rotate-secret"), err.constData());
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("edit"), id, QStringLiteral("--secret"),
                     QStringLiteral("old words") }),
            0);
        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("edit"), id, QStringLiteral("--profile"),
                    QStringLiteral("stripe"), QStringLiteral("--rotate-secret"), QStringLiteral("new words"),
                    QStringLiteral("--keep-previous-for"), QStringLiteral("2h") },
                nullptr, &err),
            0);
        QVERIFY2(err.contains("signed with the new and the previous secret until"), err.constData());
        QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("show"), id }, &out), 0);
        QVERIFY2(out.contains("Previous:     kept until"), out.constData());
        QVERIFY(!out.contains("old words") && !out.contains("new words"));
        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("show"), id, QStringLiteral("--json") }, &out),
            0);
        QVERIFY(
            !QJsonDocument::fromJson(out).object().value(QStringLiteral("previous_secret_until")).isNull());
        QVERIFY(!out.contains("old words") && !out.contains("new words"));
        QCOMPARE(
            run({ QStringLiteral("webhook"), QStringLiteral("edit"), id, QStringLiteral("--profile"),
                    QStringLiteral("github"), QStringLiteral("--rotate-secret"), QStringLiteral("newest") },
                nullptr, &err),
            0);
        QVERIFY2(err.contains("github sends one signature"), err.constData());

        QCOMPARE(run({ QStringLiteral("profiles") }, &out), 0);
        for (const QString &name : Profiles::names())
            QVERIFY2(out.contains(name.toUtf8()), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
