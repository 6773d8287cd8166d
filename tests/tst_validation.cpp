#include "senderprofile.h"
#include "validation.h"

#include <QTest>

class TestValidation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signatureTestVector()
    {
        // Launchpad's vector: secret "sekrit", body {"foo": "bar"} (14 bytes).
        const QByteArray body = QByteArrayLiteral("{\"foo\": \"bar\"}");
        QCOMPARE(body.size(), 14);
        QCOMPARE(Signature::hubSignature(QStringLiteral("sekrit"), body),
                 QByteArrayLiteral("sha1=de75f136c37d89f5eb24834468c1ecd602fa95dd"));
    }

    void launchpadHeaders()
    {
        Webhook w;
        w.secret = QStringLiteral("sekrit");
        w.headers.append(qMakePair(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer t0ken")));
        Delivery d;
        d.id = 42;
        d.eventType = QStringLiteral("bug:0.1");
        const QByteArray body = QByteArrayLiteral("{\"foo\": \"bar\"}");
        const HeaderList h = SenderProfile::launchpad().headers(w, d, body, 0);
        const auto value = [&h](const char *name) {
            for (const auto &p : h)
                if (p.first == name)
                    return p.second;
            return QByteArray();
        };
        QCOMPARE(value("Content-Type"), QByteArrayLiteral("application/json"));
        QVERIFY(value("User-Agent").startsWith("Hookwatch-Webhooks/"));
        QCOMPARE(value("X-Launchpad-Event-Type"), QByteArrayLiteral("bug:0.1"));
        QCOMPARE(value("X-Launchpad-Delivery"), QByteArrayLiteral("42"));
        QCOMPARE(value("X-Hub-Signature"), QByteArrayLiteral("sha1=de75f136c37d89f5eb24834468c1ecd602fa95dd"));
        QCOMPARE(value("Authorization"), QByteArrayLiteral("Bearer t0ken"));
        w.secret.reset();
        QVERIFY(!SenderProfile::launchpad().headers(w, d, body, 0).contains(
                qMakePair(QByteArrayLiteral("X-Hub-Signature"), QByteArrayLiteral("sha1=de75f136c37d89f5eb24834468c1ecd602fa95dd"))));
    }

    void urls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::newRow("http") << QStringLiteral("http://127.0.0.1:8080/hook") << QString();
        QTest::newRow("https") << QStringLiteral("https://example.com/hook?x=1") << QString();
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com/")
                             << QStringLiteral("The URI scheme \"ftp\" is not allowed.  Only URIs with the following "
                                               "schemes may be used: http, https");
        QTest::newRow("no host") << QStringLiteral("http:///hook") << QStringLiteral("no host");
        QTest::newRow("space") << QStringLiteral("http://exa mple.com/") << QStringLiteral("space");
        QTest::newRow("relative") << QStringLiteral("example.com/hook") << QStringLiteral("has no scheme: write http://example.com/hook");
        QTest::newRow("host and port") << QStringLiteral("127.0.0.1:8765/hook") << QStringLiteral("has no scheme: write http://127.0.0.1:8765/hook or https://");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("10000 characters") << QStringLiteral("http://example.com/") + QString(10000, QLatin1Char('a'))
                                          << QStringLiteral("at most 2048");
    }
    void urls()
    {
        QFETCH(QString, url);
        QFETCH(QString, error);
        const Status s = Validation::deliveryUrl(url);
        if (error.isEmpty()) {
            QVERIFY2(s.ok(), qPrintable(s.error()));
        } else {
            QVERIFY(!s.ok());
            QVERIFY2(s.error().contains(error), qPrintable(s.error()));
        }
    }

    void secrets()
    {
        QVERIFY(Validation::secret(QString(200, QLatin1Char('s'))).ok());
        QVERIFY(Validation::secret(QString(201, QLatin1Char('s'))).error().contains(QStringLiteral("at most 200")));
        QVERIFY(!Validation::secret(QStringLiteral("line\nbreak")).ok());
    }

    void payloads()
    {
        QVERIFY(Validation::payload("{\"ping\": true}").ok());
        QVERIFY(Validation::payload("[1, 2]").ok());
        QVERIFY(Validation::payload("{nope").error().contains(QStringLiteral("not valid JSON")));
        QByteArray big = "[\"" + QByteArray(5 * 1024 * 1024, 'x') + "\"]";
        QVERIFY(Validation::payload(big).error().contains(QStringLiteral("5 MiB")));
        const QByteArray deep = QByteArray(10000, '[') + QByteArray(10000, ']');
        QVERIFY2(Validation::payload(deep).error().contains(QStringLiteral("nested too deeply")),
                 qPrintable(Validation::payload(deep).error()));
    }

    void headers()
    {
        const auto h = Validation::header(QStringLiteral("Authorization: Bearer abc"));
        QVERIFY(h.ok());
        QCOMPARE(h->first, QByteArrayLiteral("Authorization"));
        QCOMPARE(h->second, QByteArrayLiteral("Bearer abc"));
        QVERIFY(!Validation::header(QStringLiteral("no colon")).ok());
        QVERIFY(!Validation::header(QStringLiteral("Bad Name: x")).ok());
        QVERIFY(!Validation::header(QStringLiteral("X-Hub-Signature: forged")).ok());
    }

    // One rule for what is typed (command line, dialog) and what is sent (the deliverer).
    void customHeaders_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::newRow("plain") << QByteArrayLiteral("X-Team") << QByteArrayLiteral("blue") << QString();
        QTest::newRow("UTF-8 value") << QByteArrayLiteral("X-Team") << QByteArrayLiteral("bl\xc3\xa4u")
                                     << QString();
        QTest::newRow("CR LF") << QByteArrayLiteral("X-Team") << QByteArrayLiteral("a\r\nX-Injected: 1")
                               << QStringLiteral(
                                      "the value of header \"X-Team\" contains a control character");
        QTest::newRow("NUL") << QByteArrayLiteral("X-Team") << QByteArray("a\0b", 3)
                             << QStringLiteral("the value of header \"X-Team\" contains a control character");
        QTest::newRow("line break in the name, shown escaped") << QByteArrayLiteral(
            "X-A\r\nX-B") << QByteArrayLiteral("1") << QStringLiteral("invalid header name \"X-A\\r\\nX-B\"");
        QTest::newRow("empty name") << QByteArray() << QByteArrayLiteral("1")
                                    << QStringLiteral("invalid header name \"\"");
        QTest::newRow("set by Hookwatch")
            << QByteArrayLiteral("X-Launchpad-Delivery") << QByteArrayLiteral("1")
            << QStringLiteral("header \"X-Launchpad-Delivery\" is set by Hookwatch itself and "
                              "cannot be overridden");
        const QString framing
            = QStringLiteral("header \"%1\" belongs to HTTP itself (how the request is framed and "
                             "sent) and cannot be set");
        for (const char *name : { "Transfer-Encoding", "connection", "Expect", "Content-Length", "HOST" })
            QTest::newRow(name) << QByteArray(name) << QByteArrayLiteral("x")
                                << framing.arg(QLatin1String(name));
    }
    void customHeaders()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QString, error);
        const Status checked = Validation::customHeader(name, value);
        QCOMPARE(checked.error(), error);
        QCOMPARE(checked.ok(), error.isEmpty());
        // The typed form says the same.
        if (!name.contains('\r') && !value.contains('\r') && !name.isEmpty())
            QCOMPARE(Validation::header(QString::fromUtf8(name + ": " + value)).error(), error);
    }

    void masking()
    {
        QCOMPARE(Validation::maskedHeaderValue("Authorization", "Bearer abc"), QByteArrayLiteral("Bearer ****"));
        QCOMPARE(Validation::maskedHeaderValue("X-Api-Key", "abc"), QByteArrayLiteral("****"));
        QCOMPARE(Validation::maskedHeaderValue("X-Hub-Signature", "sha1=ab"), QByteArrayLiteral("sha1=ab"));
        QCOMPARE(Validation::maskedUrl(QStringLiteral("https://user:pw@example.com/h?token=abc&x=1")),
                 QStringLiteral("https://user:****@example.com/h?token=****&x=1"));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
