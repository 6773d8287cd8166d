#include "harness.h"
#include "profiles.h"
#include "testsender.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The platforms' own verifiers accept what Hookwatch sends: real deliveries with each profile
// to a receiver on 127.0.0.1, checked by @octokit/webhooks-methods, standardwebhooks and
// stripe (tests/interop/verify.mjs), not by Hookwatch's code.
class TestInterop final : public QObject
{
    Q_OBJECT

    QString m_interopDir = qEnvironmentVariable("INTEROP_DIR");
    QString m_node;

    // A request the receiver got, as verify.mjs reads it.
    static QJsonObject asJson(
        const TestReceiver::Request &request, const QString &profile, const QString &secret)
    {
        QJsonObject headers;
        for (const auto &[name, value] : request.headers)
            headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
        return { { QStringLiteral("profile"), profile }, { QStringLiteral("secret"), secret },
            { QStringLiteral("headers"), headers },
            { QStringLiteral("body"), QString::fromLatin1(request.body.toBase64()) } };
    }

    // "node verify.mjs requests.json": its exit code and output.
    QPair<int, QString> verify(const QJsonArray &requests)
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("requests.json"));
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(requests).toJson()) < 0)
            return { -1, out.errorString() };
        out.close();
        QProcess node;
        node.setWorkingDirectory(m_interopDir);
        node.setProcessChannelMode(QProcess::MergedChannels);
        node.start(m_node, { QStringLiteral("verify.mjs"), file });
        if (!node.waitForFinished(120000))
            return { -1, QStringLiteral("node did not finish: ") + node.errorString() };
        return { node.exitCode(), QString::fromUtf8(node.readAll()) };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(
            QFile::exists(m_interopDir + QStringLiteral("/verify.mjs")), "INTEROP_DIR names tests/interop");
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        if (m_node.isEmpty() || npm.isEmpty()) {
            if (TestDatabases::postgresRequired())
                QFAIL("node and npm are needed (.ci/install-deps installs them)");
            QSKIP("node or npm is missing");
        }
        // The pinned libraries, installed once from the npm registry and kept in tests/interop.
        if (!QFile::exists(m_interopDir + QStringLiteral("/node_modules/stripe/package.json"))) {
            QProcess install;
            install.setWorkingDirectory(m_interopDir);
            install.setProcessChannelMode(QProcess::MergedChannels);
            install.start(
                npm, { QStringLiteral("ci"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund") });
            QVERIFY(install.waitForFinished(600000));
            QVERIFY2(install.exitCode() == 0, install.readAll().constData());
        }
    }

    void platformsAccept_data() { TestDatabases::addBackendRows(); }
    void platformsAccept()
    {
        QFETCH(QString, backend);
        Harness h(backend, false); // the real clock: Stripe and Standard Webhooks check the timestamp
        HARNESS_OR_SKIP(h);
        const QString secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        QMap<qint64, QString> profileOf;
        for (const QString &profile : { Profiles::GitHub, Profiles::StandardWebhooks, Profiles::Stripe }) {
            Webhook w;
            w.profile = profile;
            w.secret = secret;
            const qint64 hook = h.addWebhook(w);
            profileOf.insert(hook, profile);
            const Webhook stored = h.store->webhook(hook).value();
            QVERIFY(h.store
                        ->createDelivery(hook, Profiles::pingEventType(profile),
                            Profiles::pingPayload(stored, QDateTime::currentMSecsSinceEpoch()))
                        .ok());
            QVERIFY(h.store
                        ->createDelivery(hook, QStringLiteral("order.created"),
                            QStringLiteral("{\"name\": \"Ærøskøbing ✓\", \"n\": 1}").toUtf8())
                        .ok());
        }
        h.dispatcher->start();
        h.dispatcher->wake();
        QTRY_COMPARE_WITH_TIMEOUT(h.receiver.requests().size(), 6, 20000);

        QJsonArray requests;
        for (const auto &request : h.receiver.requests()) {
            QJsonObject headers;
            for (const auto &[name, value] : request.headers)
                headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
            // The webhook is known by its id in the URL path Harness gives every webhook alike;
            // the profile is told by its own headers.
            const QString profile = !request.header("x-github-hook-id").isEmpty()
                ? profileOf.value(request.header("x-github-hook-id").toLongLong())
                : !request.header("webhook-signature").isEmpty() ? Profiles::StandardWebhooks
                                                                 : Profiles::Stripe;
            requests.append(QJsonObject { { QStringLiteral("profile"), profile },
                { QStringLiteral("secret"), secret }, { QStringLiteral("headers"), headers },
                { QStringLiteral("body"), QString::fromLatin1(request.body.toBase64()) } });
        }
        const auto [code, output] = verify(requests);
        QVERIFY2(code == 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("6 of 6 verified")), qPrintable(output));

        // The verifiers can refuse: one changed byte of a body, and that request fails.
        QJsonObject tampered = requests.at(1).toObject();
        QByteArray body
            = QByteArray::fromBase64(tampered.value(QStringLiteral("body")).toString().toLatin1());
        body[body.size() - 2] = '9';
        tampered.insert(QStringLiteral("body"), QString::fromLatin1(body.toBase64()));
        requests.replace(1, tampered);
        const auto [refusedCode, refusedOutput] = verify(requests);
        QCOMPARE(refusedCode, 1);
        QVERIFY2(refusedOutput.contains(QStringLiteral("5 of 6 verified")), qPrintable(refusedOutput));
    }

    // While a secret is rotated, the platforms' own libraries accept a request with either
    // secret (Standard Webhooks and Stripe send a signature with each).
    void rotatedSecretAccepted()
    {
        Harness h(QStringLiteral("sqlite"), false);
        HARNESS_OR_SKIP(h);
        const QString previous = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        const QString next = QStringLiteral("whsec_bmV3IHNlY3JldCBieXRlcw==");
        QMap<QByteArray, QString> profileOfPath;
        for (const QString &profile : { Profiles::StandardWebhooks, Profiles::Stripe }) {
            Webhook w;
            w.profile = profile;
            w.secret = previous;
            w.deliveryUrl = h.receiver.url(QStringLiteral("/") + profile).toString();
            const qint64 hook = h.addWebhook(w);
            QVERIFY(h.store->rotateSecret(hook, next, h.store->now() + 3600 * 1000).ok());
            QVERIFY(h.store->createDelivery(hook, QStringLiteral("x"), "{\"n\":2}").ok());
            profileOfPath.insert(QByteArray("/") + profile.toLatin1(), profile);
        }
        h.dispatcher->start();
        h.dispatcher->wake();
        QTRY_COMPARE_WITH_TIMEOUT(h.receiver.requests().size(), 2, 20000);
        QJsonArray requests;
        for (const QString &secret : { previous, next }) {
            for (const auto &request : h.receiver.requests())
                requests.append(asJson(request, profileOfPath.value(request.path), secret));
        }
        const auto [code, output] = verify(requests);
        QVERIFY2(code == 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("4 of 4 verified")), qPrintable(output));
    }

    // The receiver test tools' expired timestamp (`replay --expired`): signed correctly, 10
    // minutes ago, so the platforms' own libraries refuse it for its age; the same delivery
    // sent again now (`replay`) is accepted.
    void expiredTimestampRefused()
    {
        Harness h(QStringLiteral("sqlite"), false);
        HARNESS_OR_SKIP(h);
        const QString secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        TestSender sender(h.store.get());
        QJsonArray expired;
        QJsonArray fresh;
        for (const QString &profile : { Profiles::StandardWebhooks, Profiles::Stripe }) {
            Webhook w;
            w.profile = profile;
            w.secret = secret;
            const qint64 id
                = h.store->createDelivery(h.addWebhook(w), QStringLiteral("x"), "{\"n\":1}").value();
            for (const bool old : { true, false }) {
                QSignalSpy done(&sender, &TestSender::finished);
                QVERIFY(sender.resend(id, 1, old).ok());
                QVERIFY(done.wait(20000));
                (old ? expired : fresh).append(asJson(h.receiver.requests().last(), profile, secret));
            }
        }
        const auto [refusedCode, refused] = verify(expired);
        QCOMPARE(refusedCode, 1);
        QVERIFY2(refused.contains(QStringLiteral("0 of 2 verified")), qPrintable(refused));
        QVERIFY2(refused.contains(QStringLiteral("too old"), Qt::CaseInsensitive)
                && refused.contains(QStringLiteral("tolerance"), Qt::CaseInsensitive),
            qPrintable(refused));
        const auto [code, accepted] = verify(fresh);
        QVERIFY2(code == 0, qPrintable(accepted));
    }
};

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
