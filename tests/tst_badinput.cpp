#include "reliability.h"
#include "testreceiver.h"

using namespace Reliability;

// Bad input at every command-line entry: each gets a clear one-line message and exit 2, and
// changes nothing in the store. And a webhook edited or deleted while its delivery is in flight:
// the attempt ends cleanly and its result goes with the delivery (or with it, when deleted).
class TestBadInput final : public QObject
{
    Q_OBJECT

    TestReceiver m_receiver;
    std::unique_ptr<TestDatabases::Scratch> m_scratch;
    std::unique_ptr<Cli> m_hw;
    QString m_hook; // a webhook with one delivery, in every store
    QString m_delivery;
    QTemporaryDir m_files;

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        return path;
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
        m_hw = std::make_unique<Cli>(m_scratch->url());
        m_receiver.clear();
        m_receiver.setResponse(200);
        m_receiver.setResponseDelay(0);
        return true;
    }

    // Every bad invocation, with the substitutions {hook} and {delivery}.
    struct Case
    {
        const char *name;
        QStringList args;
        QByteArray input;
        const char *message; // a part of the expected message
    };

    QList<Case> cases()
    {
        const QString longUrl = QStringLiteral("http://127.0.0.1/") + QString(10000, QLatin1Char('a'));
        const QString longSecret(201, QLatin1Char('s'));
        const QByteArray deep = QByteArray(10000, '[') + QByteArray(10000, ']');
        const QByteArray tooBig = "[\"" + QByteArray(5 * 1024 * 1024, 'x') + "\"]";
        const auto add = [](QStringList rest) { return QStringList { QStringLiteral("webhook"), QStringLiteral("add") } + rest; };
        const auto edit = [](QStringList rest) {
            return QStringList { QStringLiteral("webhook"), QStringLiteral("edit"), QStringLiteral("{hook}") } + rest;
        };
        const auto send = [](QStringList rest) {
            return QStringList { QStringLiteral("send"), QStringLiteral("{hook}"), QStringLiteral("--event-type"),
                                 QStringLiteral("x") }
                    + rest;
        };
        const QString ok = QStringLiteral("http://127.0.0.1:9/hook");
        const QString payloadStdin = QStringLiteral("-");
        return {
            // URLs
            { "ftp scheme", add({ QStringLiteral("ftp://example.com/") }), {}, "The URI scheme \"ftp\" is not allowed" },
            { "file scheme", add({ QStringLiteral("file:///etc/passwd") }), {}, "is not allowed" },
            { "javascript scheme", add({ QStringLiteral("javascript:alert(1)") }), {}, "is not allowed" },
            { "no scheme", add({ QStringLiteral("example.com/hook") }), {}, "has no scheme: write http://example.com/hook" },
            { "host and port, no scheme", add({ QStringLiteral("127.0.0.1:8765/hook") }), {}, "has no scheme: write http://127.0.0.1:8765/hook" },
            { "localhost, no scheme", add({ QStringLiteral("localhost:8765/hook") }), {}, "has no scheme" },
            { "no host", add({ QStringLiteral("http:///hook") }), {}, "host" },
            { "scheme only", add({ QStringLiteral("http://") }), {}, "host" },
            { "space", add({ QStringLiteral("http://exa mple.com/") }), {}, "space" },
            { "leading space", add({ QStringLiteral(" http://example.com/") }), {}, "space" },
            { "newline", add({ QStringLiteral("http://example.com/\nX-Injected: 1") }), {}, "control" },
            { "10,000 characters", add({ longUrl }), {}, "characters long" },
            { "empty", add({ QString() }), {}, "empty" },
            { "edit: ftp scheme", edit({ QStringLiteral("--url"), QStringLiteral("ftp://example.com/") }), {}, "is not allowed" },
            { "edit: 10,000 characters", edit({ QStringLiteral("--url"), longUrl }), {}, "characters long" },
            // Secrets
            { "secret over 200", add({ ok, QStringLiteral("--secret"), longSecret }), {}, "at most 200" },
            { "secret with newline", add({ ok, QStringLiteral("--secret"), QStringLiteral("abc\ndef") }), {}, "control character" },
            { "secret with tab", add({ ok, QStringLiteral("--secret"), QStringLiteral("abc\tdef") }), {}, "control character" },
            { "secret with \\x01", add({ ok, QStringLiteral("--secret"), QStringLiteral("abc\x01") }), {}, "control character" },
            { "secret file over 200", add({ ok, QStringLiteral("--secret-file"), file(QStringLiteral("long"), longSecret.toUtf8()) }), {}, "at most 200" },
            { "secret file missing", add({ ok, QStringLiteral("--secret-file"), m_files.filePath(QStringLiteral("none")) }), {}, "cannot read" },
            { "secret and secret file", add({ ok, QStringLiteral("--secret"), QStringLiteral("a"), QStringLiteral("--secret-file"), file(QStringLiteral("s"), "b") }), {}, "not both" },
            { "edit: secret over 200", edit({ QStringLiteral("--secret"), longSecret }), {}, "at most 200" },
            { "max in flight negative", add({ QStringLiteral("http://127.0.0.1:9/h"), QStringLiteral("--max-in-flight"), QStringLiteral("-1") }), {}, "--max-in-flight" },
            { "edit: max in flight not a number", edit({ QStringLiteral("--max-in-flight"), QStringLiteral("many") }), {}, "--max-in-flight" },
            { "auto-disable not a duration", add({ ok, QStringLiteral("--auto-disable-after"), QStringLiteral("soon") }), {}, "--auto-disable-after" },
            { "edit: auto-disable under a minute", edit({ QStringLiteral("--auto-disable-after"), QStringLiteral("5s") }), {}, "at least 1m, or off" },
            // Headers, durations, presets
            { "header injection", add({ ok, QStringLiteral("--header"), QStringLiteral("X-A: b\r\nX-Injected: 1") }), {}, "control character" },
            { "header without colon", add({ ok, QStringLiteral("--header"), QStringLiteral("no colon") }), {}, "Name: value" },
            { "header name with space", add({ ok, QStringLiteral("--header"), QStringLiteral("X A: b") }), {}, "invalid header name" },
            { "reserved header", add({ ok, QStringLiteral("--header"), QStringLiteral("X-Hub-Signature: forged") }), {}, "set by Hookwatch" },
            { "bare number timeout", add({ ok, QStringLiteral("--timeout"), QStringLiteral("30") }), {}, "--timeout" },
            { "zero timeout", add({ ok, QStringLiteral("--timeout"), QStringLiteral("0s") }), {}, "timeout" },
            { "negative window", add({ ok, QStringLiteral("--retry-window"), QStringLiteral("-1h") }), {}, "--retry-window" },
            { "unknown preset", add({ ok, QStringLiteral("--retry-preset"), QStringLiteral("github") }), {}, "github" },
            { "steps without the first attempt", add({ ok, QStringLiteral("--retry-steps"), QStringLiteral("5s,5m") }), {}, "start the steps with 0" },
            { "step not a duration", add({ ok, QStringLiteral("--retry-steps"), QStringLiteral("0,5,5m") }), {}, "\"5\" is not a duration" },
            { "edit: zero step", edit({ QStringLiteral("--retry-steps"), QStringLiteral("0,0s") }), {}, "more than 0s" },
            { "steps and tiers", add({ ok, QStringLiteral("--retry-steps"), QStringLiteral("0,5s"), QStringLiteral("--retry-late-delay"), QStringLiteral("1h") }), {}, "not both" },
            { "jitter 1", add({ ok, QStringLiteral("--jitter"), QStringLiteral("1") }), {}, "--jitter" },
            { "edit: jitter negative", edit({ QStringLiteral("--jitter"), QStringLiteral("-0.1") }), {}, "--jitter" },
            { "jitter not a number", add({ ok, QStringLiteral("--jitter"), QStringLiteral("lots") }), {}, "--jitter" },
            { "retry-after word", add({ ok, QStringLiteral("--retry-after"), QStringLiteral("maybe") }), {}, "honour or ignore" },
            { "other window bare number", edit({ QStringLiteral("--retry-window-other"), QStringLiteral("60") }), {}, "--retry-window-other" },
            { "event type with space", add({ ok, QStringLiteral("--event-type"), QStringLiteral("a b") }), {}, "space" },
            // Payloads
            { "payload not JSON", send({ QStringLiteral("--payload"), payloadStdin }), "{not json", "not valid JSON" },
            { "payload empty", send({ QStringLiteral("--payload"), payloadStdin }), "", "The payload is empty" },
            { "payload a string", send({ QStringLiteral("--payload"), payloadStdin }), "\"just a string\"", "The payload is a string; it must be a JSON object" },
            { "payload a number", send({ QStringLiteral("--payload"), payloadStdin }), "42", "The payload is a number" },
            { "payload over 5 MiB", send({ QStringLiteral("--payload"), payloadStdin }), tooBig, "5 MiB" },
            { "payload nested 10,000 deep", send({ QStringLiteral("--payload"), payloadStdin }), deep, "nested too deeply" },
            { "payload file missing", send({ QStringLiteral("--payload"), m_files.filePath(QStringLiteral("none.json")) }), {}, "cannot read the payload" },
            { "payload a directory", send({ QStringLiteral("--payload"), m_files.path() }), {}, "payload" },
            { "emit: payload not JSON", { QStringLiteral("emit"), QStringLiteral("--event-type"), QStringLiteral("x"), QStringLiteral("--payload"), payloadStdin }, "nope", "not valid JSON" },
            { "emit: nested 10,000 deep", { QStringLiteral("emit"), QStringLiteral("--event-type"), QStringLiteral("x"), QStringLiteral("--payload"), payloadStdin }, deep, "nested too deeply" },
            { "repeat zero", send({ QStringLiteral("--repeat"), QStringLiteral("0") }), {}, "--repeat" },
            { "repeat with wait", send({ QStringLiteral("--repeat"), QStringLiteral("2"), QStringLiteral("--wait") }), {}, "--wait" },
            // Unknown and malformed ids
            { "webhook show unknown", { QStringLiteral("webhook"), QStringLiteral("show"), QStringLiteral("999999") }, {}, "no webhook with id 999999" },
            { "webhook edit unknown", { QStringLiteral("webhook"), QStringLiteral("edit"), QStringLiteral("999999"), QStringLiteral("--inactive") }, {}, "no webhook with id 999999" },
            { "webhook rm unknown", { QStringLiteral("webhook"), QStringLiteral("rm"), QStringLiteral("999999") }, {}, "no webhook with id 999999" },
            { "ping unknown", { QStringLiteral("ping"), QStringLiteral("999999") }, {}, "999999" },
            { "send unknown", { QStringLiteral("send"), QStringLiteral("999999"), QStringLiteral("--event-type"), QStringLiteral("x") }, {}, "999999" },
            { "show unknown", { QStringLiteral("show"), QStringLiteral("999999") }, {}, "no delivery with id 999999" },
            { "retry unknown", { QStringLiteral("retry"), QStringLiteral("999999") }, {}, "999999" },
            { "suspend unknown", { QStringLiteral("suspend"), QStringLiteral("999999") }, {}, "999999" },
            { "retry --failed unknown webhook", { QStringLiteral("retry"), QStringLiteral("--failed"), QStringLiteral("--webhook"), QStringLiteral("999999") }, {}, "999999" },
            { "deliveries unknown webhook", { QStringLiteral("deliveries"), QStringLiteral("--webhook"), QStringLiteral("999999") }, {}, "999999" },
            { "id not a number", { QStringLiteral("show"), QStringLiteral("abc") }, {}, "expected a positive number" },
            { "id negative", { QStringLiteral("show"), QStringLiteral("-1") }, {}, "" },
            { "id zero", { QStringLiteral("webhook"), QStringLiteral("rm"), QStringLiteral("0") }, {}, "expected a positive number" },
            { "id overflows", { QStringLiteral("show"), QStringLiteral("99999999999999999999") }, {}, "expected a positive number" },
            { "id with junk", { QStringLiteral("suspend"), QStringLiteral("{delivery}x") }, {}, "expected a positive number" },
            // Transitions and options
            { "suspend twice", { QStringLiteral("suspend"), QStringLiteral("{delivery}") }, {}, "is invalid" },
            { "unknown option", { QStringLiteral("deliveries"), QStringLiteral("--colour") }, {}, "colour" },
            { "unknown status", { QStringLiteral("deliveries"), QStringLiteral("--status"), QStringLiteral("lost") }, {}, "unknown status" },
            { "bad time", { QStringLiteral("deliveries"), QStringLiteral("--since"), QStringLiteral("yesterday") }, {}, "--since" },
            { "lease too short", { QStringLiteral("worker"), QStringLiteral("--lease"), QStringLiteral("10ms") }, {}, "--lease" },
            { "concurrency zero", { QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("0") }, {}, "--concurrency" },
            { "proxy ftp", { QStringLiteral("worker"), QStringLiteral("--proxy"), QStringLiteral("ftp://p:1") }, {}, "invalid proxy" },
            { "unknown command", { QStringLiteral("frobnicate") }, {}, "unknown command" },
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!hookwatchBinary().isEmpty());
        QVERIFY(m_receiver.listen());
    }
    void cleanup()
    {
        m_hw.reset();
        m_scratch.reset();
    }

    void everyEntry_data() { TestDatabases::addBackendRows(); }
    void everyEntry()
    {
        if (!useBackend())
            return;
        Cli &hw = *m_hw;
        const Run added = hw({ QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString(),
                               QStringLiteral("--secret"), QStringLiteral("original-secret") });
        QCOMPARE(added.code, 0);
        m_hook = QString::fromLatin1(added.out.trimmed());
        const Run pinged = hw({ QStringLiteral("ping"), m_hook });
        QCOMPARE(pinged.code, 0);
        m_delivery = QString::fromLatin1(pinged.out.trimmed());
        QCOMPARE(hw({ QStringLiteral("suspend"), m_delivery }).code, 0);
        const QByteArray before = hw.snapshot();
        QStringList failures;
        for (Case c : cases()) {
            for (QString &a : c.args) {
                a.replace(QLatin1String("{hook}"), m_hook);
                a.replace(QLatin1String("{delivery}"), m_delivery);
            }
            const Run r = hw(c.args, c.input);
            QString why;
            if (r.code != 2)
                why = QStringLiteral("exit %1").arg(r.code);
            else if (r.err.count('\n') != 1 || !r.err.startsWith("hookwatch: "))
                why = QStringLiteral("not one line");
            else if (!r.err.contains(c.message))
                why = QStringLiteral("message lacks \"%1\"").arg(QLatin1String(c.message));
            else if (!r.out.isEmpty())
                why = QStringLiteral("wrote to stdout");
            else if (r.err.size() > 400)
                why = QStringLiteral("message %1 bytes long").arg(r.err.size());
            else if (hw.snapshot() != before)
                why = QStringLiteral("the store changed");
            if (!why.isEmpty())
                failures << QStringLiteral("%1: %2: %3").arg(QLatin1String(c.name), why,
                                                            QString::fromUtf8(r.err.left(300)).trimmed());
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(m_receiver.requestCount(), 0);
    }

    // A valid payload piped in by a slow producer (more than one read) is taken whole.
    void payloadFromASlowPipe()
    {
        QTemporaryDir dir;
        Cli hw(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("p.db")));
        const QString hook = QString::fromLatin1(
                hw({ QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString() }).out.trimmed());
        const QByteArray payload = "[\"" + QByteArray(200 * 1024, 'x') + "\"]";
        QProcess p;
        p.setProcessEnvironment(hw.environment());
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(hookwatchBinary(), { QStringLiteral("send"), hook, QStringLiteral("--event-type"), QStringLiteral("x"),
                                     QStringLiteral("--payload"), QStringLiteral("-"), QStringLiteral("--db"), hw.db() });
        QVERIFY(p.waitForStarted());
        p.write(payload.left(1000));
        QTest::qWait(300);
        p.write(payload.mid(1000));
        p.closeWriteChannel();
        QVERIFY(finished.count() > 0 || finished.wait(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QString delivery = QString::fromLatin1(p.readAllStandardOutput().trimmed());
        const QJsonObject d = hw({ QStringLiteral("show"), delivery, QStringLiteral("--json") }).json().object();
        QCOMPARE(d.value(QStringLiteral("payload")).toArray().first().toString().size(), 200 * 1024);
    }

    // The database URL is an entry too: a bad one is exit 2 and touches nothing.
    void databaseUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown scheme") << QStringLiteral("mysql://u@h/db") << QStringLiteral("unknown database URL scheme");
        QTest::newRow("host and port") << QStringLiteral("localhost:5432/db") << QStringLiteral("unknown database URL scheme \"localhost\"");
        QTest::newRow("sqlite without path") << QStringLiteral("sqlite:") << QStringLiteral("needs a file path");
        QTest::newRow("postgresql without host") << QStringLiteral("postgresql:///db") << QStringLiteral("postgresql://");
        QTest::newRow("postgresql without database") << QStringLiteral("postgresql://u@127.0.0.1:5432") << QStringLiteral("database name");
        QTest::newRow("10,000 characters") << (QStringLiteral("sqlite:/") + QString(10000, QLatin1Char('d'))) << QString();
    }
    void databaseUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        Cli hw;
        for (const QStringList &args : { QStringList { QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--db"), url },
                                         QStringList { QStringLiteral("--db"), url, QStringLiteral("worker"), QStringLiteral("--once") } }) {
            const Run r = hw.bare(args);
            if (message.isEmpty()) {
                // A path too long for the file system: a runtime failure, on one line.
                QVERIFY2(r.code == 1 || r.code == 2, r.describe().constData());
            } else {
                QVERIFY2(r.code == 2, r.describe().constData());
                QVERIFY2(r.err.contains(message.toUtf8()), r.describe().constData());
            }
            QVERIFY2(r.err.count('\n') == 1 && r.err.size() < 600, r.describe().constData());
        }
        // Nothing was created in the default location either.
        QVERIFY(!QFile::exists(hw.dataHome()));
    }

    // A bare path is a SQLite file, as sqlite3 and DB Browser for SQLite take it; a file that is
    // not a database is named in one sentence and left as it was.
    void bareDatabasePath()
    {
        Cli hw;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("my.db"));
        Run r = hw.bare({ QStringLiteral("webhook"), QStringLiteral("add"), QStringLiteral("http://127.0.0.1:9/h"),
                          QStringLiteral("--db"), path });
        QVERIFY2(r.code == 0, r.describe().constData());
        QVERIFY(QFile::exists(path));
        r = hw.bare({ QStringLiteral("--db"), path, QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--json") });
        QCOMPARE(r.json().array().size(), 1);

        const QString text = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database, just notes\n");
        file.close();
        r = hw.bare({ QStringLiteral("webhook"), QStringLiteral("list"), QStringLiteral("--db"), text });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("it is not a SQLite database") && r.err.contains(text.toUtf8()), r.describe().constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArrayLiteral("not a database, just notes\n"));
    }

    // A webhook changed or deleted while an attempt to it is out.
    void changedWhileInFlight_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("change");
        for (const char *b : { "sqlite", "postgresql" }) {
            for (const char *c : { "rm", "edit", "inactive", "suspend" })
                QTest::addRow("%s, %s", b, c) << QString::fromLatin1(b) << QString::fromLatin1(c);
        }
    }
    void changedWhileInFlight()
    {
        QFETCH(QString, change);
        if (!useBackend())
            return;
        Cli &hw = *m_hw;
        m_receiver.setResponseDelay(1500);
        const QString hook = QString::fromLatin1(
                hw({ QStringLiteral("webhook"), QStringLiteral("add"), m_receiver.url().toString(),
                     QStringLiteral("--secret"), QStringLiteral("first") })
                        .out.trimmed());
        const QString delivery = QString::fromLatin1(hw({ QStringLiteral("ping"), hook }).out.trimmed());
        QVERIFY(!delivery.isEmpty());
        auto worker = hw.start({ QStringLiteral("worker"), QStringLiteral("--until-idle"), QStringLiteral("--lease"),
                                 QStringLiteral("2s") });
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.requestCount(), 1, 15000);
        Run changed;
        if (change == QLatin1String("rm"))
            changed = hw({ QStringLiteral("webhook"), QStringLiteral("rm"), hook });
        else if (change == QLatin1String("edit"))
            changed = hw({ QStringLiteral("webhook"), QStringLiteral("edit"), hook, QStringLiteral("--url"),
                           QStringLiteral("http://127.0.0.1:9/elsewhere"), QStringLiteral("--secret"),
                           QStringLiteral("second") });
        else if (change == QLatin1String("inactive"))
            changed = hw({ QStringLiteral("webhook"), QStringLiteral("edit"), hook, QStringLiteral("--inactive") });
        else
            changed = hw({ QStringLiteral("suspend"), delivery });
        QVERIFY2(changed.code == 0, changed.describe().constData());
        QVERIFY(waitForEnd(*worker, 30000));
        const QByteArray err = worker->readAllStandardError();
        QVERIFY2(worker->exitStatus() == QProcess::NormalExit && worker->exitCode() == 0, err.constData());
        QVERIFY2(!err.contains("database problem") && !err.contains("database error"), err.constData());
        QCOMPARE(m_receiver.requestCount(), 1); // never sent again

        const Run shown = hw({ QStringLiteral("show"), delivery, QStringLiteral("--json") });
        if (change == QLatin1String("rm")) {
            // Gone with its webhook: the attempt's result went with it.
            QCOMPARE(shown.code, 2);
            QCOMPARE(hw({ QStringLiteral("deliveries"), QStringLiteral("--json") }).json().array().size(), 0);
            return;
        }
        QCOMPARE(shown.code, 0);
        const QJsonObject d = shown.json().object();
        const QJsonArray attempts = d.value(QStringLiteral("attempts")).toArray();
        QCOMPARE(attempts.size(), 1);
        const QJsonObject request = attempts.first().toObject().value(QStringLiteral("request")).toObject();
        // The attempt is recorded as it was made: to the URL and with the signature of that moment.
        QCOMPARE(request.value(QStringLiteral("url")).toString(), m_receiver.url().toString());
        QCOMPARE(attempts.first().toObject().value(QStringLiteral("response")).toObject().value(QStringLiteral("status_code")).toInt(), 200);
        if (change == QLatin1String("suspend")) {
            // The delivery stays suspended; its result is the attempt's, which counts as one.
            QCOMPARE(d.value(QStringLiteral("status")).toString(), QStringLiteral("suspended"));
            QCOMPARE(d.value(QStringLiteral("successful")).toBool(), true);
            QCOMPARE(d.value(QStringLiteral("attempt_count")).toInt(), 1);
        } else {
            QCOMPARE(d.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
            QCOMPARE(d.value(QStringLiteral("successful")).toBool(), true);
        }
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
