// hookwatch-test-receiver: a TestReceiver as a process, for end-to-end shell tests and crash soaks.
// Prints "listening on PORT", then "<X-Launchpad-Delivery> <status>" per request; exits 0 on
// SIGTERM or SIGINT.

#include "testreceiver.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

namespace {

int terminationPipe[2] = { -1, -1 };

void onTerminationSignal(int)
{
    const int savedErrno = errno;
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(terminationPipe[1], &byte, 1);
    errno = savedErrno;
}

// Turns SIGTERM/SIGINT into a readable pipe, so the event loop quits cleanly.
bool installTerminationHandler()
{
    if (::pipe2(terminationPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::signal(SIGPIPE, SIG_IGN); // a reader of stdout going away must not kill us mid-soak
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

void printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Written beside the target and renamed over it, so a reader never sees half a number. No fsync:
// this runs once per request.
void writeCountFile(const QString &path, int count)
{
    if (path.isEmpty())
        return;
    const QString temporaryPath = path + QStringLiteral(".tmp");
    QFile file(temporaryPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(temporaryPath));
        return;
    }
    file.write(QByteArray::number(count) + '\n');
    file.close();
    if (std::rename(QFile::encodeName(temporaryPath).constData(), QFile::encodeName(path).constData()) != 0)
        std::fprintf(stderr, "cannot rename %s\n", qPrintable(temporaryPath));
}

const QHash<QString, TestReceiver::Behaviour> &behaviourNames()
{
    static const QHash<QString, TestReceiver::Behaviour> names {
        { QStringLiteral("normal"), TestReceiver::Behaviour::Normal },
        { QStringLiteral("never-answer"), TestReceiver::Behaviour::NeverAnswer },
        { QStringLiteral("close-immediately"), TestReceiver::Behaviour::CloseImmediately },
        { QStringLiteral("stall-mid-response"), TestReceiver::Behaviour::StallMidResponse },
        { QStringLiteral("garbage"), TestReceiver::Behaviour::Garbage },
        { QStringLiteral("huge-body"), TestReceiver::Behaviour::HugeBody },
        { QStringLiteral("endless-chunked"), TestReceiver::Behaviour::EndlessChunked },
        { QStringLiteral("redirect-loop"), TestReceiver::Behaviour::RedirectLoop },
        { QStringLiteral("close-without-answer"), TestReceiver::Behaviour::CloseWithoutAnswer },
        { QStringLiteral("stall-in-body"), TestReceiver::Behaviour::StallInBody },
        { QStringLiteral("close-in-body"), TestReceiver::Behaviour::CloseInBody },
        { QStringLiteral("trickle-body"), TestReceiver::Behaviour::TrickleBody },
    };
    return names;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "hookwatch-test-receiver: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookwatch-test-receiver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("HTTP receiver for Hookwatch end-to-end tests."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
        QStringLiteral("Port on 127.0.0.1; 0 picks a free one."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption statusOption(QStringLiteral("status"),
        QStringLiteral("Status to answer with; a list like 503,503,200 answers successive requests, "
                       "then repeats the last."),
        QStringLiteral("CODE"), QStringLiteral("200"));
    const QCommandLineOption delayOption(QStringLiteral("delay"),
        QStringLiteral("Answer after MS milliseconds."), QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption countFileOption(QStringLiteral("count-file"),
        QStringLiteral("Keep the number of requests received in this file."), QStringLiteral("PATH"));
    const QCommandLineOption behaviourOption(QStringLiteral("behaviour"),
        QStringLiteral("normal, never-answer, close-immediately, close-without-answer, stall-mid-response, "
                       "stall-in-body, close-in-body, trickle-body, garbage, huge-body, endless-chunked or "
                       "redirect-loop."),
        QStringLiteral("NAME"), QStringLiteral("normal"));
    const QCommandLineOption idleTimeoutOption(QStringLiteral("idle-timeout"),
        QStringLiteral("Close a kept-alive connection left idle for MS milliseconds; 0: never."),
        QStringLiteral("MS"), QStringLiteral("0"));
    parser.addOptions(
        { portOption, statusOption, delayOption, countFileOption, behaviourOption, idleTimeoutOption });
    parser.process(app);

    bool ok = false;
    const uint requestedPort = parser.value(portOption).toUInt(&ok);
    if (!ok || requestedPort > 65535)
        return fail(QStringLiteral("invalid --port"));
    QList<int> statusCodes;
    const QStringList statusFields = parser.value(statusOption).split(QLatin1Char(','));
    for (const QString &field : statusFields) {
        const int code = field.trimmed().toInt(&ok);
        if (!ok || code < 100 || code > 999)
            return fail(QStringLiteral("invalid --status"));
        statusCodes.append(code);
    }
    const int delayMs = parser.value(delayOption).toInt(&ok);
    if (!ok || delayMs < 0)
        return fail(QStringLiteral("invalid --delay"));
    const int idleTimeoutMs = parser.value(idleTimeoutOption).toInt(&ok);
    if (!ok || idleTimeoutMs < 0)
        return fail(QStringLiteral("invalid --idle-timeout"));
    const auto behaviour = behaviourNames().constFind(parser.value(behaviourOption));
    if (behaviour == behaviourNames().constEnd())
        return fail(QStringLiteral("invalid --behaviour"));
    const QString countFile = parser.value(countFileOption);

    if (!installTerminationHandler())
        return fail(QStringLiteral("cannot install signal handlers"));
    QSocketNotifier terminationNotifier(terminationPipe[0], QSocketNotifier::Read);
    QObject::connect(&terminationNotifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);

    TestReceiver receiver;
    receiver.setResponse(statusCodes.constFirst());
    if (statusCodes.size() > 1)
        receiver.setResponseSequence(statusCodes);
    receiver.setResponseDelay(delayMs);
    receiver.setIdleTimeout(idleTimeoutMs);
    receiver.setBehaviour(*behaviour);
    if (!receiver.listen(quint16(requestedPort)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(requestedPort));

    writeCountFile(countFile, 0);
    printLine("listening on " + QByteArray::number(receiver.port()));

    QObject::connect(&receiver, &TestReceiver::requestReceived, &app,
        [&receiver, &countFile](const TestReceiver::Request &request) {
            QByteArray delivery = request.header("x-launchpad-delivery");
            if (delivery.isEmpty())
                delivery = "-";
            printLine(delivery + ' ' + QByteArray::number(request.answeredStatus));
            writeCountFile(countFile, receiver.requestCount());
        });

    const int exitCode = app.exec();
    writeCountFile(countFile, receiver.requestCount());
    return exitCode;
}
