#include "testreceiver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qint64 HugeBodyChunkBytes = 64 * 1024;
constexpr qint64 WriteBacklogBytes = 256 * 1024; // refill below this, so memory stays small
constexpr int EndlessChunkIntervalMs = 10;

enum class ParseStatus { Incomplete, Complete, Malformed };

struct ParsedRequest
{
    TestReceiver::Request request;
    bool keepAlive = true;
    bool expectsContinue = false; // headers complete, body not yet, client waits for "100 Continue"
    qsizetype consumedBytes = 0;
};

bool containsToken(const QByteArray &headerValue, const QByteArray &lowerToken)
{
    const QList<QByteArray> tokens = headerValue.toLower().split(',');
    return std::any_of(tokens.cbegin(), tokens.cend(),
        [&](const QByteArray &token) { return token.trimmed() == lowerToken; });
}

// Parses a chunked body starting at `position`; on Complete, `position` is just past the trailers.
ParseStatus parseChunkedBody(const QByteArray &buffer, qsizetype &position, QByteArray &body)
{
    for (;;) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", position);
        if (lineEnd < 0)
            return ParseStatus::Incomplete;
        QByteArray sizeField = buffer.mid(position, lineEnd - position);
        if (const qsizetype extension = sizeField.indexOf(';'); extension >= 0)
            sizeField.truncate(extension);
        bool ok = false;
        const qint64 size = sizeField.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return ParseStatus::Malformed;
        position = lineEnd + 2;
        if (size == 0) {
            for (;;) { // trailer fields up to an empty line
                const qsizetype trailerEnd = buffer.indexOf("\r\n", position);
                if (trailerEnd < 0)
                    return ParseStatus::Incomplete;
                const bool emptyLine = trailerEnd == position;
                position = trailerEnd + 2;
                if (emptyLine)
                    return ParseStatus::Complete;
            }
        }
        if (buffer.size() - position < size + 2)
            return ParseStatus::Incomplete;
        body.append(buffer.constData() + position, size);
        position += size;
        if (buffer.mid(position, 2) != "\r\n")
            return ParseStatus::Malformed;
        position += 2;
    }
}

// Re-parses from the start of the buffer on every read: simple, and cheap at test sizes.
ParseStatus parseRequest(const QByteArray &buffer, ParsedRequest &parsed)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return buffer.size() > MaxHeaderBytes ? ParseStatus::Malformed : ParseStatus::Incomplete;

    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine.at(0).isEmpty() || !requestLine.at(2).startsWith("HTTP/1."))
        return ParseStatus::Malformed;

    TestReceiver::Request &request = parsed.request;
    request.method = requestLine.at(0);
    request.path = requestLine.at(1);
    const bool http10 = requestLine.at(2) == "HTTP/1.0";

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return ParseStatus::Malformed;
        request.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    }

    const QByteArray connection = request.header("connection");
    parsed.keepAlive = http10 ? containsToken(connection, "keep-alive") : !containsToken(connection, "close");

    qsizetype position = headerEnd + 4;
    if (containsToken(request.header("transfer-encoding"), "chunked")) {
        const ParseStatus status = parseChunkedBody(buffer, position, request.body);
        if (status != ParseStatus::Complete) {
            parsed.expectsContinue = containsToken(request.header("expect"), "100-continue");
            return status;
        }
    } else {
        const QByteArray lengthField = request.header("content-length");
        qint64 length = 0;
        if (!lengthField.isEmpty()) {
            bool ok = false;
            length = lengthField.toLongLong(&ok);
            if (!ok || length < 0)
                return ParseStatus::Malformed;
        }
        if (buffer.size() - position < length) {
            parsed.expectsContinue = containsToken(request.header("expect"), "100-continue");
            return ParseStatus::Incomplete;
        }
        request.body = buffer.mid(position, length);
        position += length;
    }
    parsed.consumedBytes = position;
    return ParseStatus::Complete;
}

QByteArray reasonPhrase(int statusCode)
{
    switch (statusCode) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray statusLine(int statusCode)
{
    return "HTTP/1.1 " + QByteArray::number(statusCode) + ' ' + reasonPhrase(statusCode) + "\r\n";
}

bool hasHeader(const TestReceiver::HeaderList &headers, const QByteArray &lowerName)
{
    return std::any_of(headers.cbegin(), headers.cend(),
        [&](const auto &header) { return header.first.toLower() == lowerName; });
}

} // namespace

struct TestReceiver::PlannedAnswer
{
    Behaviour behaviour = Behaviour::Normal;
    int status = 200;
    QByteArray body;
    HeaderList extraHeaders;
    QByteArray path;
    bool headRequest = false;
    bool keepAlive = true;
    int delayMs = 0;
};

struct TestReceiver::Connection
{
    QByteArray buffer;
    QList<PlannedAnswer> queue; // complete requests in arrival order, answered one at a time
    bool busy = false; // the queue's head is being answered (or its delay waited out)
    bool silenced = false; // a behaviour that never completes its answer; nothing more is sent
    bool continueSent = false;
    QTimer *idleTimer = nullptr; // with setIdleTimeout(): closes the connection when it fires
    qint64 hugeBodyRemaining = 0;
    bool hugeBodyKeepAlive = true;
};

QByteArray TestReceiver::Request::header(const QByteArray &lowerName) const
{
    QByteArray value;
    bool found = false;
    for (const auto &[name, headerValue] : headers) {
        if (name.toLower() != lowerName)
            continue;
        if (found)
            value += ", ";
        value += headerValue;
        found = true;
    }
    return value;
}

TestReceiver::TestReceiver(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &TestReceiver::acceptConnections);
}

TestReceiver::~TestReceiver()
{
    // Sockets must not call back into a half-destroyed receiver.
    for (auto &[socket, connection] : m_connections) {
        socket->disconnect();
        delete socket;
    }
    m_connections.clear();
}

bool TestReceiver::listen(quint16 port)
{
    return m_server->isListening() || m_server->listen(QHostAddress::LocalHost, port);
}

quint16 TestReceiver::port() const
{
    return m_server->serverPort();
}

QUrl TestReceiver::url(const QString &path) const
{
    QUrl result;
    result.setScheme(QStringLiteral("http"));
    result.setHost(QStringLiteral("127.0.0.1"));
    result.setPort(port());
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    result.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        result.setQuery(path.mid(query + 1));
    return result;
}

QList<TestReceiver::Request> TestReceiver::requests() const
{
    return m_requests;
}

int TestReceiver::requestCount() const
{
    return int(m_requests.size());
}

void TestReceiver::clear()
{
    m_requests.clear();
}

void TestReceiver::setResponse(int statusCode, const QByteArray &body, HeaderList extraHeaders)
{
    m_status = statusCode;
    m_body = body;
    m_extraHeaders = std::move(extraHeaders);
    m_statusSequence.clear();
    m_sequencePosition = 0;
}

void TestReceiver::setResponseSequence(QList<int> statusCodes)
{
    m_statusSequence = std::move(statusCodes);
    m_sequencePosition = 0;
}

void TestReceiver::setResponseDelay(int ms)
{
    m_delayMs = std::max(0, ms);
}

void TestReceiver::setIdleTimeout(int ms)
{
    m_idleTimeoutMs = std::max(0, ms);
}

void TestReceiver::setBehaviour(Behaviour behaviour)
{
    m_behaviour = behaviour;
}

int TestReceiver::openConnectionCount() const
{
    return int(m_connections.size());
}

int TestReceiver::acceptedConnectionCount() const
{
    return m_acceptedConnections;
}

void TestReceiver::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_acceptedConnections;
        m_connections.emplace(socket, std::make_unique<Connection>());
        // The socket is the context: nothing queued for it runs after it is gone.
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { readFromConnection(socket); });
        connect(socket, &QTcpSocket::bytesWritten, socket, [this, socket] { writeHugeBodyChunks(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, [this, socket] { dropConnection(socket); });
        startIdleTimer(socket);
        if (socket->bytesAvailable() > 0)
            readFromConnection(socket);
    }
}

TestReceiver::Connection *TestReceiver::connectionFor(QTcpSocket *socket) const
{
    const auto it = m_connections.find(socket);
    return it == m_connections.end() ? nullptr : it->second.get();
}

TestReceiver::PlannedAnswer TestReceiver::planAnswer(const Request &request, bool keepAlive)
{
    PlannedAnswer planned;
    planned.behaviour = m_behaviour;
    planned.body = m_body;
    planned.extraHeaders = m_extraHeaders;
    planned.path = request.path;
    planned.headRequest = request.method == "HEAD";
    planned.keepAlive = keepAlive;
    planned.delayMs = m_delayMs;
    switch (m_behaviour) {
    case Behaviour::Normal:
        if (m_statusSequence.isEmpty()) {
            planned.status = m_status;
        } else {
            planned.status = m_statusSequence.at(std::min(m_sequencePosition, m_statusSequence.size() - 1));
            ++m_sequencePosition;
        }
        break;
    case Behaviour::HugeBody:
    case Behaviour::EndlessChunked:
        planned.status = 200;
        break;
    case Behaviour::RedirectLoop:
        planned.status = 302;
        break;
    case Behaviour::StallInBody:
    case Behaviour::CloseInBody:
    case Behaviour::TrickleBody:
        planned.status = 200;
        break;
    case Behaviour::NeverAnswer:
    case Behaviour::CloseImmediately:
    case Behaviour::StallMidResponse:
    case Behaviour::Garbage:
    case Behaviour::CloseWithoutAnswer:
        planned.status = 0;
        break;
    }
    return planned;
}

void TestReceiver::readFromConnection(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection)
        return;
    if (connection->idleTimer)
        connection->idleTimer->stop();
    connection->buffer.append(socket->readAll());

    for (;;) {
        while (connection->buffer.startsWith("\r\n")) // stray CRLF between requests is allowed
            connection->buffer.remove(0, 2);
        if (connection->buffer.isEmpty())
            break;

        ParsedRequest parsed;
        const ParseStatus status = parseRequest(connection->buffer, parsed);
        if (status == ParseStatus::Incomplete) {
            if (parsed.expectsContinue && !connection->continueSent && !connection->busy
                && connection->queue.isEmpty()) {
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                connection->continueSent = true;
            }
            break;
        }
        if (status == ParseStatus::Malformed) {
            connection->buffer.clear();
            if (!connection->busy && !connection->silenced && connection->queue.isEmpty())
                socket->write(statusLine(400) + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            connection->silenced = true;
            socket->disconnectFromHost();
            return;
        }

        connection->buffer.remove(0, parsed.consumedBytes);
        connection->continueSent = false;
        Request &request = parsed.request;
        request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        const PlannedAnswer planned = planAnswer(request, parsed.keepAlive);
        request.answeredStatus = planned.status;
        m_requests.append(request);
        connection->queue.append(planned);
        Q_EMIT requestReceived(request);

        // A slot connected to requestReceived may have changed anything.
        connection = connectionFor(socket);
        if (!connection)
            return;
    }
    startNextAnswer(socket);
}

void TestReceiver::startNextAnswer(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection || connection->busy || connection->silenced || connection->queue.isEmpty())
        return;
    connection->busy = true;
    const PlannedAnswer &planned = connection->queue.constFirst();
    if (planned.behaviour == Behaviour::CloseImmediately) {
        resetConnection(socket);
        return;
    }
    // Precise: a coarse timer may answer 5% late, which a benchmark of slow receivers would count.
    if (planned.delayMs > 0)
        QTimer::singleShot(planned.delayMs, Qt::PreciseTimer, socket, [this, socket] { answer(socket); });
    else
        answer(socket);
}

void TestReceiver::answer(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection || connection->queue.isEmpty())
        return;
    const PlannedAnswer planned = connection->queue.takeFirst();
    const QByteArray connectionHeader
        = planned.keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";

    switch (planned.behaviour) {
    case Behaviour::Normal:
    case Behaviour::RedirectLoop: {
        QByteArray response = statusLine(planned.status);
        QByteArray body = planned.body;
        if (planned.behaviour == Behaviour::RedirectLoop) {
            response += "Location: " + url(QString::fromLatin1(planned.path)).toEncoded() + "\r\n";
            body.clear();
        } else {
            for (const auto &[name, value] : planned.extraHeaders)
                response += name + ": " + value + "\r\n";
        }
        // 1xx, 204 and 304 answers have no body and no length.
        const bool bodyless = planned.status < 200 || planned.status == 204 || planned.status == 304;
        if (!bodyless) {
            if (!hasHeader(planned.extraHeaders, "content-type")
                || planned.behaviour == Behaviour::RedirectLoop)
                response += "Content-Type: text/plain\r\n";
            response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        response += connectionHeader + "\r\n";
        if (!bodyless && !planned.headRequest)
            response += body;
        socket->write(response);
        finishAnswer(socket, planned.keepAlive);
        break;
    }
    case Behaviour::NeverAnswer:
        connection->silenced = true;
        break;
    case Behaviour::CloseImmediately:
        resetConnection(socket);
        break;
    case Behaviour::StallMidResponse:
        connection->silenced = true;
        socket->write(statusLine(200) + "Content-Type: text/plain\r\nContent-Length: 2\r\n");
        break;
    case Behaviour::Garbage:
        connection->silenced = true;
        socket->write("not http at all\r\n\r\n");
        socket->disconnectFromHost(); // after the garbage is written
        break;
    case Behaviour::HugeBody:
        socket->write(statusLine(200) + "Content-Type: application/octet-stream\r\nContent-Length: "
            + QByteArray::number(HugeBodySize) + "\r\n" + connectionHeader + "\r\n");
        if (planned.headRequest) {
            finishAnswer(socket, planned.keepAlive);
            break;
        }
        connection->hugeBodyRemaining = HugeBodySize;
        connection->hugeBodyKeepAlive = planned.keepAlive;
        writeHugeBodyChunks(socket);
        break;
    case Behaviour::CloseWithoutAnswer:
        connection->silenced = true;
        socket->disconnectFromHost();
        break;
    case Behaviour::StallInBody:
    case Behaviour::CloseInBody:
        connection->silenced = true;
        socket->write(statusLine(200) + "Content-Type: text/plain\r\nContent-Length: 100\r\n"
            + connectionHeader + "\r\npartial");
        if (planned.behaviour == Behaviour::CloseInBody)
            socket->disconnectFromHost(); // after what was written
        break;
    case Behaviour::TrickleBody: {
        connection->silenced = true;
        socket->write(statusLine(200) + "Content-Type: text/plain\r\nContent-Length: 1000000000\r\n"
            + connectionHeader + "\r\nx");
        auto *timer = new QTimer(socket); // dies with the socket when the client hangs up
        connect(timer, &QTimer::timeout, socket, [socket] { socket->write("x"); });
        timer->start(TrickleIntervalMs);
        break;
    }
    case Behaviour::EndlessChunked: {
        connection->silenced = true;
        socket->write(statusLine(200) + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
            + connectionHeader + "\r\n");
        auto *timer = new QTimer(socket); // dies with the socket when the client hangs up
        connect(timer, &QTimer::timeout, socket, [this, socket] { writeEndlessChunk(socket); });
        timer->start(EndlessChunkIntervalMs);
        writeEndlessChunk(socket);
        break;
    }
    }
}

void TestReceiver::finishAnswer(QTcpSocket *socket, bool keepAlive)
{
    Connection *connection = connectionFor(socket);
    if (!connection)
        return;
    connection->busy = false;
    if (!keepAlive) {
        connection->silenced = true;
        socket->disconnectFromHost();
        return;
    }
    startNextAnswer(socket);
    startIdleTimer(socket);
}

void TestReceiver::startIdleTimer(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection || m_idleTimeoutMs <= 0 || connection->busy || !connection->queue.isEmpty()
        || !connection->buffer.isEmpty())
        return;
    if (!connection->idleTimer) {
        connection->idleTimer = new QTimer(socket);
        connection->idleTimer->setSingleShot(true);
        connect(connection->idleTimer, &QTimer::timeout, socket, [this, socket] {
            if (Connection *c = connectionFor(socket)) {
                c->silenced = true;
                socket->disconnectFromHost();
            }
        });
    }
    connection->idleTimer->start(m_idleTimeoutMs);
}

void TestReceiver::writeHugeBodyChunks(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection || connection->hugeBodyRemaining <= 0
        || socket->state() != QAbstractSocket::ConnectedState)
        return;
    static const QByteArray chunk(HugeBodyChunkBytes, 'x');
    // Refill as the socket drains instead of buffering 10 MB at once.
    while (connection->hugeBodyRemaining > 0 && socket->bytesToWrite() < WriteBacklogBytes) {
        const qint64 size = std::min(connection->hugeBodyRemaining, HugeBodyChunkBytes);
        socket->write(chunk.constData(), size);
        connection->hugeBodyRemaining -= size;
    }
    if (connection->hugeBodyRemaining == 0)
        finishAnswer(socket, connection->hugeBodyKeepAlive);
}

void TestReceiver::writeEndlessChunk(QTcpSocket *socket)
{
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesToWrite() >= WriteBacklogBytes)
        return;
    static const QByteArray chunk = "400\r\n" + QByteArray(0x400, 'x') + "\r\n";
    socket->write(chunk);
}

void TestReceiver::resetConnection(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    // Linger with a zero timeout turns close() into a TCP reset, as a crashing receiver would.
    const qintptr descriptor = socket->socketDescriptor();
    if (descriptor >= 0) {
        const linger resetOnClose { 1, 0 };
        ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &resetOnClose, sizeof(resetOnClose));
    }
#endif
    socket->abort();
    dropConnection(socket);
}

void TestReceiver::dropConnection(QTcpSocket *socket)
{
    if (m_connections.erase(socket) > 0)
        socket->deleteLater();
}
