#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;

// A real HTTP/1.1 server on 127.0.0.1 that webhook tests send to. It understands kept-alive and
// pipelined connections (what QNetworkAccessManager uses) and can misbehave in the ways a real
// receiver does: never answer, reset, stall, talk garbage, send too much, redirect forever.
// Single-threaded: use it from the thread that created it.
class TestReceiver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestReceiver)

public:
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;

    struct Request
    {
        QByteArray method;
        QByteArray path; // the request target as sent, query string included
        HeaderList headers; // names as sent, in order
        QByteArray body;
        qint64 receivedAtMs = 0; // QDateTime::currentMSecsSinceEpoch() when the request was complete
        int answeredStatus = 0; // status this request is (or will be) answered with; 0 when none

        // Case-insensitive; repeated headers are joined with ", ". Empty when absent.
        QByteArray header(const QByteArray &lowerName) const;
    };

    enum class Behaviour {
        Normal,
        NeverAnswer,
        CloseImmediately,
        StallMidResponse,
        Garbage,
        HugeBody,
        EndlessChunked,
        RedirectLoop,
        CloseWithoutAnswer, // reads the request, then closes the connection in order (FIN)
        StallInBody, // status line, headers and part of the body, then nothing more
        CloseInBody, // status line, headers and part of the body, then closes in order
        TrickleBody, // status line and headers, then one byte of an endless body now and then
    };
    Q_ENUM(Behaviour)

    static constexpr qint64 HugeBodySize = 10 * 1024 * 1024;
    static constexpr int TrickleIntervalMs = 50;

    explicit TestReceiver(QObject *parent = nullptr);
    ~TestReceiver() override;

    bool listen(quint16 port = 0); // 0: a free port
    quint16 port() const;
    QUrl url(const QString &path = QStringLiteral("/hook")) const;

    QList<Request> requests() const;
    int requestCount() const;
    void clear(); // forgets recorded requests; the response settings stay

    // Normal mode answers every request with this; the default is 200 "ok". Clears a sequence.
    void setResponse(int statusCode, const QByteArray &body = {}, HeaderList extraHeaders = {});
    // Successive requests get these codes (with the body and headers of setResponse()), then the
    // last one repeatedly. Counting restarts with each call.
    void setResponseSequence(QList<int> statusCodes);
    void setResponseDelay(int ms);
    // Closes a kept-alive connection left idle (no request being read or answered) this long,
    // as servers do (nginx's keepalive_timeout, Node's keepAliveTimeout). 0: never.
    void setIdleTimeout(int ms);
    void setBehaviour(Behaviour behaviour);
    Behaviour behaviour() const { return m_behaviour; }

    int openConnectionCount() const; // connections open right now
    int acceptedConnectionCount() const; // connections accepted since construction

Q_SIGNALS:
    void requestReceived(const TestReceiver::Request &request);

private:
    struct PlannedAnswer;
    struct Connection;

    void acceptConnections();
    void readFromConnection(QTcpSocket *socket);
    void startNextAnswer(QTcpSocket *socket);
    void answer(QTcpSocket *socket);
    void finishAnswer(QTcpSocket *socket, bool keepAlive);
    void writeHugeBodyChunks(QTcpSocket *socket);
    void writeEndlessChunk(QTcpSocket *socket);
    void startIdleTimer(QTcpSocket *socket);
    void resetConnection(QTcpSocket *socket);
    void dropConnection(QTcpSocket *socket);
    Connection *connectionFor(QTcpSocket *socket) const;
    PlannedAnswer planAnswer(const Request &request, bool keepAlive);

    QTcpServer *m_server = nullptr;
    std::unordered_map<QTcpSocket *, std::unique_ptr<Connection>> m_connections;
    int m_acceptedConnections = 0;

    QList<Request> m_requests;

    int m_status = 200;
    QByteArray m_body = QByteArrayLiteral("ok");
    HeaderList m_extraHeaders;
    QList<int> m_statusSequence;
    qsizetype m_sequencePosition = 0;
    int m_delayMs = 0;
    int m_idleTimeoutMs = 0;
    Behaviour m_behaviour = Behaviour::Normal;
};

Q_DECLARE_METATYPE(TestReceiver::Request)
