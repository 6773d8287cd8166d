#include "reliability.h"
#include "testdatabases.h"
#include "testreceiver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Reliability::Run;

// The walk-through of the README, on the built `hookwatch`: a receiver down, every delivery
// failed; the admin previews what failed, recovers it in one step, pauses and resumes the
// webhook, asks the doctor, and exports the record, with no secret in any of it.
class TestRecoveryCli final : public QObject
{
    Q_OBJECT

    Reliability::Cli m_cli;
    std::unique_ptr<TestDatabases::Scratch> m_scratch;
    TestReceiver m_receiver;

    // `hookwatch ARGS --db STORE`, the receiver answering meanwhile.
    Run hw(const QStringList &args) const { return m_cli(args); }

    bool useBackend()
    {
        QFETCH(QString, backend);
        m_scratch = std::make_unique<TestDatabases::Scratch>(backend);
        if (!m_scratch->ok()) {
            if (TestDatabases::postgresRequired())
                QTest::qFail(qPrintable(m_scratch->error()), __FILE__, __LINE__);
            else
                QTest::qSkip(qPrintable(m_scratch->error()), __FILE__, __LINE__);
            return false;
        }
        m_cli.setDb(m_scratch->url());
        m_receiver.clear();
        m_receiver.setResponse(200);
        return true;
    }

    QString hookUrl() const { return m_receiver.url().toString(); }

    static constexpr const char *Secret = "s3cr3t-signing-key";
    static constexpr const char *Token = "Bearer tok-987654";

    QList<QByteArray> deliveryIdsReceived() const
    {
        QList<QByteArray> ids;
        for (const auto &r : m_receiver.requests())
            ids << r.header("x-launchpad-delivery");
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("HOOKWATCH_BIN").isEmpty());
        QVERIFY(m_receiver.listen());
    }

    void cleanup() { m_scratch.reset(); }

    void recoversAfterAnOutage_data() { TestDatabases::addBackendRows(); }
    void recoversAfterAnOutage()
    {
        if (!useBackend())
            return;
        // The receiver is down: with no retry window each delivery fails on its first attempt.
        m_receiver.setResponse(503, "down for maintenance");
        QCOMPARE(hw({ QStringLiteral("webhook"), QStringLiteral("add"), hookUrl(),
                        QStringLiteral("--retry-window"), QStringLiteral("0s"), QStringLiteral("--secret"),
                        QString::fromLatin1(Secret), QStringLiteral("--header"),
                        QStringLiteral("Authorization: ") + QLatin1String(Token) })
                     .code,
            0);
        QCOMPARE(hw({ QStringLiteral("send"), QStringLiteral("1"), QStringLiteral("--event-type"),
                        QStringLiteral("order.created"), QStringLiteral("--repeat"), QStringLiteral("4") })
                     .code,
            0);
        QCOMPARE(hw({ QStringLiteral("worker"), QStringLiteral("--until-idle") }).code, 0);
        QCOMPARE(m_receiver.requestCount(), 4);
        const QStringList failed { QStringLiteral("deliveries"), QStringLiteral("--status"),
            QStringLiteral("failed"), QStringLiteral("--json") };
        QCOMPARE(hw(failed).json().array().size(), 4);

        // Bad input changes nothing and says why.
        const Run badTime = hw({ QStringLiteral("retry"), QStringLiteral("--failed"),
            QStringLiteral("--since"), QStringLiteral("last night") });
        QCOMPARE(badTime.code, 2);
        QVERIFY2(badTime.err.contains("--since"), badTime.err.constData());
        const Run badHook = hw({ QStringLiteral("retry"), QStringLiteral("--failed"),
            QStringLiteral("--webhook"), QStringLiteral("77") });
        QCOMPARE(badHook.code, 2);
        QVERIFY(badHook.err.contains("77"));
        QCOMPARE(hw(failed).json().array().size(), 4);

        // The preview says how many and which, and changes nothing.
        const Run preview = hw({ QStringLiteral("retry"), QStringLiteral("--failed"),
            QStringLiteral("--since"), QStringLiteral("1h"), QStringLiteral("--dry-run") });
        QCOMPARE(preview.code, 0);
        QVERIFY2(preview.out.startsWith("4 failed deliveries would be sent again"), preview.out.constData());
        QVERIFY(preview.out.contains("\n1\t1\torder.created\t"));
        QVERIFY(preview.out.contains("\n4\t1\torder.created\t"));
        QVERIFY(preview.out.contains("HTTP 503") || preview.out.contains("503"));
        QCOMPARE(hw(failed).json().array().size(), 4);

        // Paused, the recovered deliveries are held: a worker sends nothing and goes idle.
        const Run paused = hw({ QStringLiteral("pause"), QStringLiteral("1") });
        QCOMPARE(paused.code, 0);
        QVERIFY(paused.out.contains("paused"));
        m_receiver.clear();
        m_receiver.setResponse(200);
        const Run recovered = hw({ QStringLiteral("retry"), QStringLiteral("--failed"),
            QStringLiteral("--since"), QStringLiteral("1h") });
        QCOMPARE(recovered.code, 0);
        QCOMPARE(recovered.out.trimmed(), QByteArray("4"));
        QCOMPARE(hw({ QStringLiteral("worker"), QStringLiteral("--until-idle") }).code, 0);
        QCOMPARE(m_receiver.requestCount(), 0);
        QCOMPARE(hw({ QStringLiteral("deliveries"), QStringLiteral("--status"), QStringLiteral("waiting"),
                        QStringLiteral("--json") })
                     .json()
                     .array()
                     .size(),
            4);

        // Resumed, they go out in order of delivery id.
        const Run resumed = hw({ QStringLiteral("resume"), QStringLiteral("1") });
        QCOMPARE(resumed.code, 0);
        QVERIFY2(resumed.out.contains("4 held deliveries"), resumed.out.constData());
        QCOMPARE(hw({ QStringLiteral("worker"), QStringLiteral("--until-idle"),
                        QStringLiteral("--concurrency"), QStringLiteral("1") })
                     .code,
            0);
        QCOMPARE(deliveryIdsReceived(), QList<QByteArray>({ "1", "2", "3", "4" }));
        QCOMPARE(hw(failed).json().array().size(), 0);

        const Run doctor = hw({ QStringLiteral("doctor"), QStringLiteral("--json") });
        QCOMPARE(doctor.code, 0);
        QCOMPARE(doctor.json().object().value(QStringLiteral("lease_expired")).toInt(), 0);
        QCOMPARE(doctor.json().object().value(QStringLiteral("overdue")).toInt(), 0);

        // The record: the history as JSON and CSV, a delivery's attempts as HAR and .http.
        QTemporaryDir out;
        const QString jsonFile = out.filePath(QStringLiteral("history.json"));
        QCOMPARE(hw({ QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                        QStringLiteral("--output"), jsonFile })
                     .code,
            0);
        QFile json(jsonFile);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QByteArray jsonBytes = json.readAll();
        const QJsonArray history = QJsonDocument::fromJson(jsonBytes).array();
        QCOMPARE(history.size(), 4);
        QCOMPARE(history.first().toObject().value(QStringLiteral("id")).toInt(), 4);
        QCOMPARE(history.first().toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("completed"));
        const Run csv = hw({ QStringLiteral("export") });
        QCOMPARE(csv.code, 0);
        QCOMPARE(csv.out.count("\r\n"), 5);
        QVERIFY(csv.out.startsWith("id,webhook_id,status,"));
        const Run har = hw({ QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--format"),
            QStringLiteral("har") });
        QCOMPARE(har.code, 0);
        const QJsonArray entries = har.json()
                                       .object()
                                       .value(QStringLiteral("log"))
                                       .toObject()
                                       .value(QStringLiteral("entries"))
                                       .toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0)
                     .toObject()
                     .value(QStringLiteral("response"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toInt(),
            503);
        QCOMPARE(entries.at(1)
                     .toObject()
                     .value(QStringLiteral("response"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toInt(),
            200);
        const Run http = hw({ QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--format"),
            QStringLiteral("http") });
        QCOMPARE(http.code, 0);
        QCOMPARE(http.out.count(QByteArray("POST " + hookUrl().toUtf8() + "\n")), 2);
        QVERIFY(http.out.contains("Authorization: Bearer ****"));
        for (const QByteArray &exported : { jsonBytes, csv.out, har.out, http.out }) {
            QVERIFY(!exported.contains(Secret));
            QVERIFY(!exported.contains("tok-987654"));
        }
        QCOMPARE(hw({ QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--format"),
                        QStringLiteral("csv") })
                     .code,
            2);
        QCOMPARE(hw({ QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml") }).code, 2);

        // The history's filter reads as `deliveries` reads it.
        const Run second = hw({ QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
            QStringLiteral("--id"), QStringLiteral("2"), QStringLiteral("--result"),
            QStringLiteral("delivered") });
        QCOMPARE(second.code, 0);
        QCOMPARE(second.json().array().size(), 1);
        QCOMPARE(second.json().array().first().toObject().value(QStringLiteral("id")).toInt(), 2);
        const Run stillFailed = hw({ QStringLiteral("export"), QStringLiteral("--format"),
            QStringLiteral("json"), QStringLiteral("--result"), QStringLiteral("failed") });
        QCOMPARE(stillFailed.code, 0);
        QCOMPARE(stillFailed.json().array().size(), 0);
        const Run badResult
            = hw({ QStringLiteral("export"), QStringLiteral("--result"), QStringLiteral("gone") });
        QCOMPARE(badResult.code, 2);
        QVERIFY2(badResult.err.contains("export: unknown result \"gone\""), badResult.err.constData());
        const Run oneWithText
            = hw({ QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--format"),
                QStringLiteral("har"), QStringLiteral("--text"), QStringLiteral("order") });
        QCOMPARE(oneWithText.code, 2);
        QVERIFY2(oneWithText.err.contains("--text filters the history"), oneWithText.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestRecoveryCli)
#include "tst_recoverycli.moc"
