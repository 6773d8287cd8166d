#include "testdatabases.h"
#include "testreceiver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

// Drives the built `hookwatch` binary as a user's script would: no display, real store,
// a real receiver on 127.0.0.1.
class TestCli final : public QObject
{
    Q_OBJECT

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
        QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    };

    QString m_db;
    std::unique_ptr<TestDatabases::Scratch> m_scratch;
    TestReceiver m_receiver;
    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("HOOKWATCH_DB"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // Keeps the user's saved preferences and default store out of the tests.
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        return env;
    }

    // Runs hookwatch with --db appended, keeping this thread's event loop (and so the
    // receiver) running meanwhile.
    Run hw(QStringList args, const QByteArray &input = QByteArray(), bool withDb = true)
    {
        if (withDb)
            args << QStringLiteral("--db") << m_db;
        QProcess p;
        p.setProcessEnvironment(environment());
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(qEnvironmentVariable("HOOKWATCH_BIN"), args);
        if (!p.waitForStarted(5000))
            return Run();
        if (!input.isNull())
            p.write(input);
        p.closeWriteChannel();
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished();
        }
        Run r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

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
        m_db = m_scratch->url();
        m_receiver.clear();
        m_receiver.setResponse(200);
        return true;
    }

    QString hookUrl() const { return m_receiver.url().toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("HOOKWATCH_BIN").isEmpty());
        QVERIFY(m_receiver.listen());
    }

    void cleanup() { m_scratch.reset(); }

    void helpAndUsageErrors()
    {
        QTemporaryDir dir;
        m_db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("u.db"));
        const Run help = hw({ QStringLiteral("--help") });
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("hookwatch worker"));
        QCOMPARE(hw({ QStringLiteral("frobnicate") }).code, 2);
        const Run unknownOption = hw({ QStringLiteral("deliveries"), QStringLiteral("--colour") });
        QCOMPARE(unknownOption.code, 2);
        QVERIFY(unknownOption.err.contains("colour"));
        QCOMPARE(unknownOption.err.count('\n'), 1);
        const Run scheme = hw({ QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--db"),
                                QStringLiteral("mysql://x/y") },
                              QByteArray(), false);
        QCOMPARE(scheme.code, 2);
        QVERIFY(scheme.err.contains("unknown database URL scheme"));
        const Run unreachable = hw({ QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--db"),
                                     QStringLiteral("postgresql://nobody@127.0.0.1:1/none") },
                                   QByteArray(), false);
        QCOMPARE(unreachable.code, 1);
        QVERIFY(unreachable.err.contains("cannot open the database"));
    }

    // Without a display, no arguments (the window) ends at once with a sentence that points
    // to the command line, instead of Qt aborting for want of a platform.
    void noDisplayNoWindow()
    {
        QProcessEnvironment env = environment();
        for (const char *name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
            env.remove(QString::fromLatin1(name));
        QProcess p;
        p.setProcessEnvironment(env);
        QElapsedTimer took;
        took.start();
        p.start(qEnvironmentVariable("HOOKWATCH_BIN"), {});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("there is no display to open the window on"), err.constData());
        QVERIFY2(err.contains("hookwatch --help"), err.constData());
        QVERIFY2(took.elapsed() < 5000, qPrintable(QString::number(took.elapsed())));
    }

    void badInputChangesNothing_data() { TestDatabases::addBackendRows(); }
    void badInputChangesNothing()
    {
        if (!useBackend())
            return;
        const QString add = QStringLiteral("add");
        const QString webhook = QStringLiteral("webhook");
        const Run ftp = hw({ webhook, add, QStringLiteral("ftp://example.com/") });
        QCOMPARE(ftp.code, 2);
        QVERIFY(ftp.err.contains("The URI scheme \"ftp\" is not allowed.  Only URIs with the following schemes may be "
                                 "used: http, https"));
        QCOMPARE(hw({ webhook, add, hookUrl(), QStringLiteral("--secret"), QString(201, QLatin1Char('s')) }).code, 2);
        QCOMPARE(hw({ webhook, add, hookUrl(), QStringLiteral("--timeout"), QStringLiteral("30") }).code, 2);
        QCOMPARE(hw({ webhook, add, hookUrl(), QStringLiteral("--retry-preset"), QStringLiteral("nope") }).code, 2);
        QCOMPARE(hw({ webhook, add, hookUrl(), QStringLiteral("--header"), QStringLiteral("no colon") }).code, 2);
        QCOMPARE(hw({ webhook, QStringLiteral("list"), QStringLiteral("--json") }).json().array().size(), 0);

        const QByteArray id = hw({ webhook, add, hookUrl() }).out.trimmed();
        QCOMPARE(hw({ QStringLiteral("send"), QString::fromLatin1(id), QStringLiteral("--event-type"),
                      QStringLiteral("x"), QStringLiteral("--payload"), QStringLiteral("-") },
                    "{not json")
                         .code,
                 2);
        const Run deep = hw({ QStringLiteral("send"), QString::fromLatin1(id), QStringLiteral("--event-type"),
                              QStringLiteral("x"), QStringLiteral("--payload"), QStringLiteral("-") },
                            QByteArray(10000, '[') + QByteArray(10000, ']'));
        QCOMPARE(deep.code, 2);
        QVERIFY(deep.err.contains("nested too deeply"));
        QCOMPARE(hw({ QStringLiteral("send"), QString::fromLatin1(id), QStringLiteral("--event-type"), QStringLiteral("x"),
                      QStringLiteral("--payload"), QStringLiteral("-") },
                    "[\"" + QByteArray(5 * 1024 * 1024, 'x') + "\"]")
                         .code,
                 2);
        QCOMPARE(hw({ QStringLiteral("ping"), QStringLiteral("999") }).code, 2);
        QCOMPARE(hw({ QStringLiteral("show"), QStringLiteral("999") }).code, 2);
        QCOMPARE(hw({ QStringLiteral("retry"), QStringLiteral("999") }).code, 2);
        QCOMPARE(hw({ QStringLiteral("suspend"), QStringLiteral("abc") }).code, 2);
        QCOMPARE(hw({ QStringLiteral("deliveries"), QStringLiteral("--json") }).json().array().size(), 0);
    }

    // The schedule as data from the command line: a profile's platform schedule, steps and
    // jitter given by hand, and what `webhook show` says of each.
    void retryStepsFromTheCommandLine_data() { TestDatabases::addBackendRows(); }
    void retryStepsFromTheCommandLine()
    {
        if (!useBackend())
            return;
        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), hookUrl(),
            QStringLiteral("--profile"), QStringLiteral("standard-webhooks") });
        QCOMPARE(added.code, 0);
        const QString hook = QString::fromLatin1(added.out.trimmed());
        const auto policy = [&] {
            return hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook, QStringLiteral("--json") })
                .json()
                .object()
                .value(QStringLiteral("retry_policy"))
                .toObject();
        };
        QJsonObject p = policy();
        QCOMPARE(p.value(QStringLiteral("preset")).toString(), QStringLiteral("standard-webhooks"));
        QCOMPARE(p.value(QStringLiteral("custom")).toBool(), false);
        QCOMPARE(p.value(QStringLiteral("steps_ms")).toArray().size(), 8);
        QCOMPARE(p.value(QStringLiteral("honour_retry_after")).toBool(), true);
        QVERIFY(hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook })
                    .out.contains("(preset standard-webhooks)"));

        QCOMPARE(
            hw({ QStringLiteral("webhook"), QStringLiteral("edit"), hook, QStringLiteral("--retry-steps"),
                   QStringLiteral("0,5s,5m,30m,2h"), QStringLiteral("--jitter"), QStringLiteral("0.2") })
                .code,
            0);
        p = policy();
        QCOMPARE(p.value(QStringLiteral("steps_ms")).toArray(),
            (QJsonArray { 0, 5000, 300000, 1800000, 7200000 }));
        QCOMPARE(p.value(QStringLiteral("jitter")).toDouble(), 0.2);
        QCOMPARE(p.value(QStringLiteral("custom")).toBool(), true);
        const QByteArray shown = hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook }).out;
        QVERIFY2(shown.contains("(custom, from preset standard-webhooks)"), shown.constData());
        QVERIFY2(shown.contains("after 5 seconds"), shown.constData());
        QVERIFY2(shown.contains("±20 %"), shown.constData());

        // Tiers given for a stepped schedule make it tiered again; bad steps change nothing.
        QCOMPARE(hw({ QStringLiteral("webhook"), QStringLiteral("edit"), hook,
                        QStringLiteral("--retry-late-delay"), QStringLiteral("2h") })
                     .code,
            0);
        p = policy();
        QVERIFY(p.value(QStringLiteral("steps_ms")).toArray().isEmpty());
        QCOMPARE(p.value(QStringLiteral("late_delay_ms")).toInteger(), 2 * 3600000);
        QCOMPARE(hw({ QStringLiteral("webhook"), QStringLiteral("edit"), hook,
                        QStringLiteral("--retry-steps"), QStringLiteral("0,soon") })
                     .code,
            2);
        QCOMPARE(policy(), p);
    }

    // Auto-disable set and turned off from the command line, and shown by `webhook show`.
    void autoDisableOption_data() { TestDatabases::addBackendRows(); }
    void autoDisableOption()
    {
        if (!useBackend())
            return;
        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), hookUrl(),
                               QStringLiteral("--auto-disable-after"), QStringLiteral("3d") });
        QCOMPARE(added.code, 0);
        const QString hook = QString::fromLatin1(added.out.trimmed());
        auto shown = [&] {
            return hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook, QStringLiteral("--json") })
                .json()
                .object();
        };
        QCOMPARE(shown().value(QStringLiteral("auto_disable_after_ms")).toInteger(), 3 * 86400000LL);
        QVERIFY(shown().value(QStringLiteral("auto_paused_at")).isNull());
        QVERIFY(hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook })
                    .out.contains("Auto-disable: after 3d of nothing but failures"));
        QCOMPARE(hw({ QStringLiteral("webhook"), QStringLiteral("edit"), hook, QStringLiteral("--auto-disable-after"),
                      QStringLiteral("off") })
                     .code,
                 0);
        QVERIFY(shown().value(QStringLiteral("auto_disable_after_ms")).isNull());
        QVERIFY(!hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook }).out.contains("Auto-disable"));
    }

    // The engine issue's walk-through: add, ping, fail, retry by hand, all from a script.
    void endToEnd_data() { TestDatabases::addBackendRows(); }
    void endToEnd()
    {
        if (!useBackend())
            return;
        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), hookUrl(), QStringLiteral("--secret"),
                               QStringLiteral("sekrit"), QStringLiteral("--event-type"), QStringLiteral("bug:0.1"),
                               QStringLiteral("--header"), QStringLiteral("Authorization: Bearer abc123") });
        QCOMPARE(added.code, 0);
        const QString hook = QString::fromLatin1(added.out.trimmed());
        QCOMPARE(hook, QStringLiteral("1"));

        const QJsonObject shown = hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook, QStringLiteral("--json") })
                                          .json()
                                          .object();
        QCOMPARE(shown.value(QStringLiteral("has_secret")).toBool(), true);
        QCOMPARE(shown.value(QStringLiteral("headers")).toObject().value(QStringLiteral("Authorization")).toString(),
                 QStringLiteral("Bearer ****"));
        QCOMPARE(shown.value(QStringLiteral("retry_policy")).toObject().value(QStringLiteral("window_ms")).toInteger(),
                 86400000);
        const Run list = hw({ QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--json") });
        QVERIFY(!list.out.contains("sekrit"));
        QVERIFY(!list.out.contains("abc123"));

        // ping --wait: delivered in this process, exit 0.
        const Run ping = hw({ QStringLiteral("ping"), hook, QStringLiteral("--wait") });
        QCOMPARE(ping.code, 0);
        QCOMPARE(ping.out.trimmed(), QByteArrayLiteral("1"));
        QCOMPARE(m_receiver.requestCount(), 1);
        QCOMPARE(m_receiver.requests().first().body, QByteArrayLiteral("{\"ping\": true}"));
        QVERIFY(!ping.err.contains("sekrit") && !ping.err.contains("abc123"));

        // A failing receiver: --wait exits 3 and the delivery stays scheduled.
        m_receiver.setResponse(500);
        const Run send = hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("bug:0.1"),
                              QStringLiteral("--payload"), QStringLiteral("-"), QStringLiteral("--wait") },
                            "{\"bug\": 1}");
        QCOMPARE(send.code, 3);
        const QString delivery = QString::fromLatin1(send.out.trimmed());
        QVERIFY(send.err.contains("Scheduling retry due to Bad HTTP response: 500"));
        QJsonObject d = hw({ QStringLiteral("show"), delivery, QStringLiteral("--json") }).json().object();
        QCOMPARE(d.value(QStringLiteral("status")).toString(), QStringLiteral("waiting"));
        QCOMPARE(d.value(QStringLiteral("pending")).toBool(), true);
        QCOMPARE(d.value(QStringLiteral("successful")).toBool(), false);
        QCOMPARE(d.value(QStringLiteral("failure_detail")).toString(), QStringLiteral("Bad HTTP response: 500"));
        QCOMPARE(d.value(QStringLiteral("payload")).toObject().value(QStringLiteral("bug")).toInt(), 1);
        QVERIFY(d.value(QStringLiteral("scheduled_start")).toString().endsWith(QLatin1Char('Z')));
        const QJsonArray attempts = d.value(QStringLiteral("attempts")).toArray();
        QCOMPARE(attempts.size(), 1);
        const QJsonObject attempt = attempts.first().toObject();
        QCOMPARE(attempt.value(QStringLiteral("attempt")).toInt(), 1);
        QCOMPARE(attempt.value(QStringLiteral("response")).toObject().value(QStringLiteral("status_code")).toInt(), 500);
        QCOMPARE(attempt.value(QStringLiteral("request")).toObject().value(QStringLiteral("body")).toString(),
                 QStringLiteral("{\"bug\": 1}"));
        QVERIFY(attempt.value(QStringLiteral("request"))
                        .toObject()
                        .value(QStringLiteral("headers"))
                        .toObject()
                        .value(QStringLiteral("X-Hub-Signature"))
                        .toString()
                        .startsWith(QStringLiteral("sha1=")));

        // Suspend holds it; suspending again is an invalid transition.
        QCOMPARE(hw({ QStringLiteral("suspend"), delivery }).code, 0);
        const Run again = hw({ QStringLiteral("suspend"), delivery });
        QCOMPARE(again.code, 2);
        QVERIFY(again.err.contains("Transition from Suspended to Suspended is invalid."));
        QCOMPARE(hw({ QStringLiteral("deliveries"), QStringLiteral("--status"), QStringLiteral("suspended"),
                      QStringLiteral("--json") })
                         .json()
                         .array()
                         .size(),
                 1);

        // Retry by hand once the receiver is fixed.
        m_receiver.setResponse(200);
        const Run retried = hw({ QStringLiteral("retry"), delivery, QStringLiteral("--wait") });
        QCOMPARE(retried.code, 0);
        d = hw({ QStringLiteral("show"), delivery, QStringLiteral("--json") }).json().object();
        QCOMPARE(d.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(d.value(QStringLiteral("attempts")).toArray().size(), 2);
        QCOMPARE(d.value(QStringLiteral("attempts")).toArray().last().toObject().value(QStringLiteral("attempt")).toInt(), 2);
        QCOMPARE(retried.out, "delivery " + delivery.toLatin1()
                         + " was suspended; it is queued to be sent again now (its retry window is kept)\n");
        // Retrying a delivered one says that it will be sent again.
        const Run sentAgain = hw({ QStringLiteral("retry"), delivery, QStringLiteral("--reset") });
        QCOMPARE(sentAgain.code, 0);
        QCOMPARE(sentAgain.out, "delivery " + delivery.toLatin1()
                         + " was delivered already; it will be sent again now (its 24-hour retry window starts again)\n");
        // Suspended before it goes out again: status, result and attempts say the same thing.
        QCOMPARE(hw({ QStringLiteral("suspend"), delivery }).code, 0);
        const Run shownText = hw({ QStringLiteral("show"), delivery });
        QVERIFY2(shownText.out.contains("  Status:       suspended (pending)\n"
                                        "  Result:       last attempt delivered (200)\n"
                                        "  Attempts:     2 (0 since retry)\n"),
                 shownText.out.constData());
        const Run listed = hw({ QStringLiteral("deliveries"), QStringLiteral("--id"), delivery });
        QVERIFY2(listed.out.contains("\tsuspended\tbug:0.1\t") && listed.out.contains("\t2 (0 since retry)\t200\t-\n"),
                 listed.out.constData());
        QCOMPARE(hw({ QStringLiteral("retry"), delivery }).code, 0);

        // The event path and the list.
        QCOMPARE(hw({ QStringLiteral("emit"), QStringLiteral("--event-type"), QStringLiteral("bug:0.1") }).out.trimmed(),
                 QByteArrayLiteral("1"));
        QCOMPARE(hw({ QStringLiteral("emit"), QStringLiteral("--event-type"), QStringLiteral("git:push:0.1") }).out.trimmed(),
                 QByteArrayLiteral("0"));
        const QJsonArray all = hw({ QStringLiteral("deliveries"), QStringLiteral("--json") }).json().array();
        QCOMPARE(all.size(), 3);
        QVERIFY(all.at(0).toObject().value(QStringLiteral("id")).toInt() > all.at(1).toObject().value(QStringLiteral("id")).toInt());
        QVERIFY(all.at(0).toObject().value(QStringLiteral("date_first_sent")).isNull());
        for (const char *key : { "id", "webhook_id", "event_type", "payload", "status", "pending", "successful",
                                 "failure_detail", "attempt_count", "date_created", "date_first_sent", "date_sent",
                                 "scheduled_start" })
            QVERIFY2(all.at(0).toObject().contains(QLatin1String(key)), key);

        // A worker delivers what is waiting and exits when idle; --db may come first.
        const Run worker = hw({ QStringLiteral("--db"), m_db, QStringLiteral("worker"), QStringLiteral("--until-idle") },
                              QByteArray(), false);
        QCOMPARE(worker.code, 0);
        QVERIFY(worker.err.contains("-> delivered"));
        QCOMPARE(hw({ QStringLiteral("deliveries"), QStringLiteral("--status"), QStringLiteral("completed"),
                      QStringLiteral("--json") })
                         .json()
                         .array()
                         .size(),
                 3);
        QCOMPARE(hw({ QStringLiteral("prune"), QStringLiteral("--older-than"), QStringLiteral("0s") }).out.trimmed(),
                 QByteArrayLiteral("3"));
        QCOMPARE(hw({ QStringLiteral("webhook"), QStringLiteral("rm"), hook }).code, 0);
        QCOMPARE(hw({ QStringLiteral("webhook"), QStringLiteral("show"), hook }).code, 2);
    }

    // The history searched from a script: text (with `_` as itself), HTTP status, result, id, summary.
    void deliveriesSearch_data() { TestDatabases::addBackendRows(); }
    void deliveriesSearch()
    {
        if (!useBackend())
            return;
        const QString hook = QString::fromLatin1(hw({ QStringLiteral("webhook"), QStringLiteral("add"), hookUrl() }).out.trimmed());
        m_receiver.setResponse(503, "Quota exceeded");
        QCOMPARE(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("order_created"),
                      QStringLiteral("--wait") })
                         .code,
                 3);
        m_receiver.setResponse(200, "thanks");
        QCOMPARE(hw({ QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("orderXcreated"),
                      QStringLiteral("--wait") })
                         .code,
                 0);
        const auto ids = [this](QStringList args) {
            QStringList found;
            const Run r = hw(QStringList { QStringLiteral("deliveries"), QStringLiteral("--json") } + args);
            for (const QJsonValue &d : r.json().array())
                found << d.toObject().value(QStringLiteral("event_type")).toString();
            return found;
        };
        const QStringList failedOne { QStringLiteral("order_created") };
        const QStringList deliveredOne { QStringLiteral("orderXcreated") };
        QCOMPARE(ids({ QStringLiteral("--text"), QStringLiteral("order_created") }), failedOne);
        QCOMPARE(ids({ QStringLiteral("--text"), QStringLiteral("QUOTA") }), failedOne);
        QCOMPARE(ids({ QStringLiteral("--http-status"), QStringLiteral("5xx") }), failedOne);
        QCOMPARE(ids({ QStringLiteral("--http-status"), QStringLiteral("200") }), deliveredOne);
        QCOMPARE(ids({ QStringLiteral("--result"), QStringLiteral("retrying") }), failedOne);
        QCOMPARE(ids({ QStringLiteral("--id"), QStringLiteral("2") }), deliveredOne);
        QCOMPARE(ids({ QStringLiteral("--text"), QStringLiteral("order"), QStringLiteral("--search-newest"),
                       QStringLiteral("1") }),
                 deliveredOne);
        const Run bad = hw({ QStringLiteral("deliveries"), QStringLiteral("--http-status"), QStringLiteral("7xx") });
        QCOMPARE(bad.code, 2);
        QCOMPARE(bad.err,
                 QByteArrayLiteral("hookwatch: deliveries: \"7xx\" is not an HTTP status: give one from 100 to 599, such as "
                                   "404, or a class such as 5xx.\n"));
        QCOMPARE(hw({ QStringLiteral("deliveries"), QStringLiteral("--result"), QStringLiteral("lost") }).code, 2);
        const QJsonObject summary
            = hw({ QStringLiteral("deliveries"), QStringLiteral("--summary"), QStringLiteral("--json") }).json().object();
        QCOMPARE(summary.value(QStringLiteral("deliveries")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("delivered")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("retrying")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("attempts")).toInt(), 2);
        QVERIFY(summary.value(QStringLiteral("median_ms")).isDouble());
        const QJsonArray hours = summary.value(QStringLiteral("attempts_per_hour")).toArray();
        QCOMPARE(hours.size(), 1);
        QCOMPARE(hours.at(0).toObject().value(QStringLiteral("failed")).toInt(), 1);
        const Run text = hw({ QStringLiteral("deliveries"), QStringLiteral("--summary") });
        QVERIFY2(text.out.startsWith("2 deliveries: 1 delivered, 1 retrying, 0 failed, 0 never tried\n2 attempts, "
                                     "response time median "),
                 text.out.constData());
    }

    void environmentChoosesTheStore()
    {
        QTemporaryDir dir;
        const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("env.db"));
        QProcess p;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("HOOKWATCH_DB"), url);
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("HOOKWATCH_BIN"),
                { QStringLiteral("webhook"), QStringLiteral("add"), QStringLiteral("http://127.0.0.1:9/x") });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("env.db"))));
    }

    // SIGTERM: the worker stops claiming, lets the attempt in flight finish, exits 0.
    void workerStopsGracefullyOnSigterm()
    {
        QTemporaryDir dir;
        m_db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("w.db"));
        m_receiver.clear();
        m_receiver.setResponse(200);
        m_receiver.setResponseDelay(700);
        const QString hook = QString::fromLatin1(hw({ QStringLiteral("webhook"), QStringLiteral("add"), hookUrl() }).out.trimmed());
        const QString id = QString::fromLatin1(hw({ QStringLiteral("ping"), hook }).out.trimmed());
        QProcess worker;
        worker.setProcessEnvironment(environment());
        QSignalSpy finished(&worker, &QProcess::finished);
        worker.start(qEnvironmentVariable("HOOKWATCH_BIN"), { QStringLiteral("worker"), QStringLiteral("--db"), m_db });
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestCount(), 1, 10000);
        ::kill(pid_t(worker.processId()), SIGTERM);
        QVERIFY(finished.wait(10000));
        QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker.exitCode(), 0);
        m_receiver.setResponseDelay(0);
        const QJsonObject d = hw({ QStringLiteral("show"), id, QStringLiteral("--json") }).json().object();
        QCOMPARE(d.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
