#include "networkproxy.h"
#include "proxysetting.h"

#include <QTest>

// The one reading of a proxy setting, shared by `worker --proxy`, the preferences dialog and the
// window's deliveries.
class TestProxySetting final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("empty: no proxy")
            << QString() << int(QNetworkProxy::NoProxy) << QString() << 0 << QString() << QString();
        QTest::newRow("blank: no proxy") << QStringLiteral("  ") << int(QNetworkProxy::NoProxy) << QString()
                                         << 0 << QString() << QString();
        QTest::newRow("http, its port")
            << QStringLiteral("http://proxy.example:3128") << int(QNetworkProxy::HttpProxy)
            << QStringLiteral("proxy.example") << 3128 << QString() << QString();
        QTest::newRow("http, default port")
            << QStringLiteral(" http://10.0.0.1 ") << int(QNetworkProxy::HttpProxy)
            << QStringLiteral("10.0.0.1") << 8080 << QString() << QString();
        QTest::newRow("socks5, default port")
            << QStringLiteral("socks5://127.0.0.1") << int(QNetworkProxy::Socks5Proxy)
            << QStringLiteral("127.0.0.1") << 1080 << QString() << QString();
        QTest::newRow("credentials") << QStringLiteral("http://me:pa55@proxy:8000")
                                     << int(QNetworkProxy::HttpProxy) << QStringLiteral("proxy") << 8000
                                     << QStringLiteral("me") << QStringLiteral("pa55");
    }

    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(int, type);
        const auto setting = ProxySetting::parse(text);
        QVERIFY2(setting.ok(), qPrintable(setting.error()));
        const QNetworkProxy proxy = networkProxy(setting.value());
        QCOMPARE(int(proxy.type()), type);
        if (type == QNetworkProxy::NoProxy)
            return;
        QTEST(proxy.hostName(), "host");
        QTEST(int(proxy.port()), "port");
        QTEST(proxy.user(), "user");
        QTEST(proxy.password(), "password");
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("no scheme") << QStringLiteral("proxy.example:3128");
        QTest::newRow("https") << QStringLiteral("https://proxy.example:3128");
        QTest::newRow("socks4") << QStringLiteral("socks4://proxy.example");
        QTest::newRow("no host") << QStringLiteral("http://:3128");
        QTest::newRow("not a URL") << QStringLiteral("http://proxy example");
    }

    // One sentence that says what to write, the password masked.
    void refused()
    {
        QFETCH(QString, text);
        const auto proxy = ProxySetting::parse(text);
        QVERIFY(!proxy.ok());
        QCOMPARE(proxy.errorKind(), ErrorKind::Invalid);
        QVERIFY2(proxy.error().contains(QLatin1String("write http://host:port or socks5://host:port")),
            qPrintable(proxy.error()));
        const auto withPassword = ProxySetting::parse(QStringLiteral("https://me:s3cret@proxy:1"));
        QVERIFY(!withPassword.ok());
        QVERIFY2(!withPassword.error().contains(QLatin1String("s3cret")), qPrintable(withPassword.error()));
    }
};

QTEST_GUILESS_MAIN(TestProxySetting)
#include "tst_proxysetting.moc"
