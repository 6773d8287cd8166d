#include "cli.h"
#include "jobstore.h"
#include "testreceiver.h"

#include <QFileInfo>
#include <QLibrary>
#include <QTemporaryDir>
#include <QTest>

// The executable and the hookwatch-deliver module it loads each carry their own copy of the
// store's code (the module is bound to itself). Whatever either names its connections, the
// other's must not be touched: the module's store once took the name "hookwatch-0" too, used the
// executable's connection, and closed it on its way out.
class TestModules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void moduleStoreLeavesOursAlone()
    {
        const QString binary = qEnvironmentVariable("HOOKWATCH_BIN");
        QVERIFY2(!binary.isEmpty(), "HOOKWATCH_BIN is not set");
        QLibrary module(QFileInfo(binary).absolutePath() + QStringLiteral("/hookwatch-deliver.so"));
        using AttemptNow = int (*)(const Cli::Invocation *, qint64);
        const auto attemptNow = reinterpret_cast<AttemptNow>(module.resolve("hookwatchAttemptNow"));
        QVERIFY2(attemptNow, qPrintable(module.errorString()));

        QTemporaryDir dir;
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("store.db"));
        JobStore ours(DatabaseConfig::parse(url).value()); // this process's first store
        QVERIFY(ours.open().ok());
        Webhook w;
        w.deliveryUrl = receiver.url().toString();
        const qint64 hook = ours.addWebhook(w).value();
        const qint64 id = ours.createDelivery(hook, QStringLiteral("ping"), "{\"ping\": true}").value();

        Cli::Invocation invocation;
        invocation.db = url;
        invocation.args = { QStringLiteral("hookwatch"), QStringLiteral("ping") };
        QCOMPARE(attemptNow(&invocation, id), int(Cli::Success));
        QCOMPARE(receiver.requestCount(), 1);

        // Our store, still open, reads what the module's recorded.
        const auto delivered = ours.delivery(id);
        QVERIFY2(delivered.ok(), qPrintable(delivered.error()));
        QCOMPARE(delivered->status, JobStatus::Completed);
        QVERIFY(ours.addWebhook(w).ok());
    }
};

QTEST_GUILESS_MAIN(TestModules)
#include "tst_modules.moc"
