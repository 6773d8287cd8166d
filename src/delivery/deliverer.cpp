#include "deliverer.h"

#include "senderprofile.h"
#include "validation.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstring>
#include <limits>

Q_LOGGING_CATEGORY(lcDelivery, "hookwatch.delivery", QtInfoMsg)

struct Deliverer::InFlight
{
    enum class Abort { None, BodyCapped, Released, Deadline };
    Attempt attempt;
    qint64 startedMs = 0; // on m_monotonic
    int manager = 0; // its index in m_pool
    QString host; // its key in that manager's inFlightByHost
    std::multimap<qint64, QNetworkReply *>::iterator deadline; // its entry in m_deadlines
    QByteArray body;
    Abort abort = Abort::None;
    QString sslErrors;
};

namespace {
constexpr int IdleConnectionSeconds = 1;
// QHttpNetworkConnectionPrivate::defaultHttpChannelCount: what one manager opens to a host.
constexpr int ConnectionsPerManagerAndHost = 6;

QString hostOf(const QUrl &url)
{
    const bool https = url.scheme() == QLatin1String("https");
    return url.scheme() + QLatin1String("://") + url.host() + QLatin1Char(':')
        + QString::number(url.port(https ? 443 : 80));
}

QString connectionErrorText(QNetworkReply *reply, const QString &sslErrors)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("Connection refused");
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ContentReSendError: // closed, and Qt may not send it again (OnceReadBody)
        return QStringLiteral("Connection closed by the receiver before a complete response");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("Host %1 not found").arg(reply->url().host());
    case QNetworkReply::TimeoutError:
        return QStringLiteral("Connection timed out");
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("Request timeout");
    case QNetworkReply::SslHandshakeFailedError:
        return sslErrors.isEmpty() ? QStringLiteral("TLS handshake failed")
                                   : QStringLiteral("TLS handshake failed: %1").arg(sslErrors);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QStringLiteral("Cannot connect to proxy: %1").arg(reply->errorString());
    default:
        break;
    }
    // Qt's text may quote the URL; never let credentials in it reach the store or a log.
    QString text = reply->errorString();
    text.replace(reply->url().toString(), Validation::maskedUrl(reply->url().toString()));
    return text;
}

// The transfer broke off: whatever status line came, the response is not complete. (Qt
// reports an HTTP error status as an error too; those responses are complete.)
bool brokeOff(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

// The request body as a device Qt cannot rewind once it has read from it. Qt 6.4 sends a
// request again, on a new connection and up to three times, when the connection closes before
// a complete response: for a webhook that is a second delivery the receiver may act on and the
// history never shows. Without the rewind Qt gives up with ContentReSendError instead, and the
// attempt is recorded as failed and retried on the webhook's schedule, visibly. Rewinding
// before the first read is allowed: nothing of the request has been written yet (Qt does so
// when it moves a request off a connection that is closing).
class OnceReadBody final : public QIODevice
{
public:
    explicit OnceReadBody(const QByteArray &body)
        : m_body(body)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_body.size() - m_read + QIODevice::bytesAvailable(); }
    bool seek(qint64 position) override { return position == 0 && m_read == 0; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 size = qMin(maxSize, qint64(m_body.size()) - m_read);
        if (size <= 0)
            return -1; // the end
        std::memcpy(data, m_body.constData() + m_read, size_t(size));
        m_read += size;
        return size;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    const QByteArray m_body;
    qint64 m_read = 0;
};

QByteArray basicCredentials(const QString &user, const QString &password)
{
    return "Basic " + QString(user + QLatin1Char(':') + password).toUtf8().toBase64();
}

// Qt 6.4 writes header names and values as they are, line breaks included.
Status checkHeaders(const HeaderList &custom, const HeaderList &all)
{
    for (const auto &[name, value] : custom) {
        if (Status checked = Validation::customHeader(name, value); !checked)
            return checked;
    }
    for (const auto &[name, value] : all) {
        if (Status checked = Validation::headerField(name, value); !checked)
            return checked;
    }
    return {};
}

bool hasHeader(const HeaderList &headers, const char *name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &h) {
        return h.first.compare(name, Qt::CaseInsensitive) == 0 && !h.second.isEmpty();
    });
}

// The headers Qt 6.4's HTTP client writes for `headers` (QHttpNetworkConnectionPrivate::
// prepareRequest): Host first, ours in order, then Content-Length, and Connection,
// Accept-Encoding and Accept-Language unless set. Accept-Encoding is what its decoder accepts, and
// Qt decodes the response itself. tst_deliverer compares this with what a receiver got.
HeaderList wireHeaders(const QUrl &url, const HeaderList &headers, qint64 contentLength)
{
    QByteArray host;
    QHostAddress address;
    if (address.setAddress(url.host()))
        host = address.protocol() == QAbstractSocket::IPv6Protocol ? '[' + url.host().toLatin1() + ']'
                                                                   : url.host().toLatin1();
    else
        host = url.host(QUrl::FullyEncoded).toLatin1();
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    HeaderList wire { { QByteArrayLiteral("Host"), host } };
    wire += headers;
    wire.append({ QByteArrayLiteral("Content-Length"), QByteArray::number(contentLength) });
    if (!hasHeader(headers, "Connection"))
        wire.append({ QByteArrayLiteral("Connection"), QByteArrayLiteral("Keep-Alive") });
    if (!hasHeader(headers, "Accept-Encoding")) {
        QByteArray encodings;
#if QT_CONFIG(zstd)
        encodings += "zstd, ";
#endif
#if QT_CONFIG(brotli)
        encodings += "br, ";
#endif
        wire.append({ QByteArrayLiteral("Accept-Encoding"), encodings + "gzip, deflate" });
    }
    if (!hasHeader(headers, "Accept-Language")) {
        const QString locale = QLocale::system().name().replace(QLatin1Char('_'), QLatin1Char('-'));
        QString languages;
        if (locale == QLatin1String("C"))
            languages = QStringLiteral("en,*");
        else if (locale.startsWith(QLatin1String("en-")))
            languages = locale + QStringLiteral(",*");
        else
            languages = locale + QStringLiteral(",en,*");
        wire.append({ QByteArrayLiteral("Accept-Language"), languages.toLatin1() });
    }
    return wire;
}
} // namespace

// Qt 6.4 gives a connection it believes has no proxy an unbuffered socket, and then reads
// each response's status line and headers one byte per read(): about 90 system calls per
// attempt. Offering the proxy "DefaultProxy" instead, which the socket resolves to the
// application's proxy, set to none below, makes the same direct connection over a buffered
// socket that reads a response in one go: about a third less CPU per delivery for a worker
// (docs/PERFORMANCE.md).
class DirectConnection final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &) override
    {
        return { QNetworkProxy(QNetworkProxy::DefaultProxy) };
    }
};

// A configured proxy. Plain-http requests to an HTTP proxy carry its credentials themselves
// (start()): given them, Qt would answer a 407 by sending the request again, which the body
// cannot be. Tunnels (https) keep them: a tunnel's CONNECT carries no body, and Qt answers
// its 407 before the request is written.
class ConfiguredProxy final : public QNetworkProxyFactory
{
public:
    explicit ConfiguredProxy(const QNetworkProxy &proxy)
        : m_proxy(proxy)
    {
    }
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        if (m_proxy.type() != QNetworkProxy::HttpProxy || query.url().scheme() != QLatin1String("http"))
            return { m_proxy };
        QNetworkProxy withoutCredentials = m_proxy;
        withoutCredentials.setUser(QString());
        withoutCredentials.setPassword(QString());
        return { withoutCredentials };
    }

private:
    const QNetworkProxy m_proxy;
};

Deliverer::Deliverer(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_deadlineTimer(this) // a child: moves with us to a thread
{
    addManager();
    m_monotonic.start();
    // Each attempt ends at its webhook's timeout, connecting, sending and the whole response
    // included, whatever the receiver does. Qt's transfer timeout cannot say that: it restarts
    // with every byte, so a receiver trickling a body would hold an attempt for ever. One
    // timer, armed for the earliest deadline; precise, as a coarse one may fire 5% late.
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &Deliverer::abortOverdue);
}

void Deliverer::abortOverdue()
{
    const qint64 now = m_monotonic.elapsed();
    QList<QNetworkReply *> overdue;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend() && it->first <= now; ++it)
        overdue << it->second;
    for (QNetworkReply *reply : std::as_const(overdue)) {
        InFlight *state = m_inFlight.value(reply);
        if (state && state->abort == InFlight::Abort::None) {
            state->abort = InFlight::Abort::Deadline;
            reply->abort(); // finished() now: onFinished() takes it off m_deadlines
        }
    }
    armDeadlineTimer();
}

void Deliverer::armDeadlineTimer()
{
    if (m_deadlines.empty()) {
        m_deadlineTimer.stop();
        return;
    }
    // A wait past QTimer's range ends early, finds nothing overdue and waits again.
    const qint64 wait = m_deadlines.cbegin()->first - m_monotonic.elapsed();
    m_deadlineTimer.start(int(qBound(qint64(0), wait, qint64(std::numeric_limits<int>::max()))));
}

Deliverer::~Deliverer()
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
        delete it.value();
    }
}

void Deliverer::connectDirectly(QNetworkAccessManager *network)
{
    // Webhooks never go through the environment's proxy (http_proxy and the like): a
    // proxy is used only when one is configured (setProxy).
    QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    network->setProxyFactory(new DirectConnection); // owned by the manager
}

void Deliverer::setProxy(const QNetworkProxy &proxy)
{
    m_proxy = proxy;
    for (const Manager &manager : m_pool)
        applyProxy(manager.network);
}

void Deliverer::applyProxy(QNetworkAccessManager *network) const
{
    if (m_proxy.type() == QNetworkProxy::NoProxy || m_proxy.type() == QNetworkProxy::DefaultProxy)
        connectDirectly(network);
    else
        network->setProxyFactory(new ConfiguredProxy(m_proxy)); // owned by the manager
}

void Deliverer::addManager()
{
    auto *network = new QNetworkAccessManager(this); // a child: moves with us to a thread
    network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    applyProxy(network);
    m_pool.push_back({ network, {} });
}

// The first manager with a connection to spare for the host: the earlier managers carry
// what they can, so at a steady load the same kept-alive connections are used again, and
// the later ones only carry the peaks.
int Deliverer::managerFor(const QString &host)
{
    for (size_t i = 0; i < m_pool.size(); ++i) {
        if (m_pool[i].inFlightByHost.value(host) < ConnectionsPerManagerAndHost)
            return int(i);
    }
    addManager();
    return int(m_pool.size() - 1);
}

void Deliverer::start(const ClaimedDelivery &claimed)
{
    const Delivery &d = claimed.delivery;
    const Webhook &w = claimed.webhook;
    Attempt attempt;
    attempt.deliveryId = d.id;
    attempt.dateStarted = m_clock->now();
    attempt.testTool = claimed.testTool;
    attempt.request.url = Validation::maskedUrl(w.deliveryUrl);

    if (!w.active || w.id == 0) {
        // Launchpad: an inactive webhook's delivery fails without a request.
        attempt.deactivated = true;
        attempt.dateSent = attempt.dateStarted;
        QTimer::singleShot(0, this, [this, attempt] { Q_EMIT finished(attempt); });
        return;
    }

    HeaderList headers = SenderProfile::forName(w.profile).headers(
        w, d, d.payload, claimed.signedAt.value_or(attempt.dateStarted));
    if (const Status refused = checkHeaders(w.headers, headers); !refused) {
        // A stored row the command line and the dialog would have refused (written by an older
        // version, or by hand): sent, it could smuggle a header in or reframe the request.
        attempt.dateSent = attempt.dateStarted;
        attempt.connectionError = QStringLiteral("Request not sent: %1").arg(refused.error());
        QTimer::singleShot(0, this, [this, attempt] { Q_EMIT finished(attempt); });
        return;
    }
    // Credentials go with the request itself, as Launchpad's (Python requests) go: Qt would
    // send them only in answer to a 401 or 407, by sending the request again, which the body
    // cannot be (OnceReadBody). A webhook's own Authorization header wins over the URL's.
    QUrl url(w.deliveryUrl);
    if (!url.userInfo().isEmpty()) {
        const bool ownAuthorization = std::any_of(headers.cbegin(), headers.cend(),
            [](const auto &h) { return h.first.compare("authorization", Qt::CaseInsensitive) == 0; });
        if (!ownAuthorization)
            headers.append(
                { QByteArrayLiteral("Authorization"), basicCredentials(url.userName(), url.password()) });
        url.setUserInfo(QString());
    }
    QNetworkRequest request { url };
    // For the proxy's eyes only: over https the request goes through a tunnel to the receiver
    // (ConfiguredProxy).
    if (m_proxy.type() == QNetworkProxy::HttpProxy && !m_proxy.user().isEmpty()
        && url.scheme() == QLatin1String("http"))
        request.setRawHeader("Proxy-Authorization", basicCredentials(m_proxy.user(), m_proxy.password()));
    // No transfer timeout: the deadline (abortOverdue()) is the attempt's timeout.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // Receivers close kept-alive connections left idle (gunicorn after 2 s, Node and Apache
    // after 5 s), and a request written just as they do is lost with the connection: a failed
    // attempt, since Qt may not send it again (OnceReadBody). Closing ours first, once idle
    // for a second, keeps that race away from all but the most impatient receivers.
    request.setAttribute(
        QNetworkRequest::ConnectionCacheExpiryTimeoutSecondsAttribute, IdleConnectionSeconds);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    for (const auto &h : wireHeaders(url, headers, d.payload.size()))
        attempt.request.headers.append({ h.first, Validation::maskedHeaderValue(h.first, h.second) });

    auto *state = new InFlight;
    state->attempt = attempt;
    state->startedMs = m_monotonic.elapsed();
    // Unbuffered, with its length given: Qt then reads the body from the device as it writes
    // it, and cannot send the request a second time.
    request.setHeader(QNetworkRequest::ContentLengthHeader, d.payload.size());
    request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    auto *body = new OnceReadBody(d.payload);
    state->host = hostOf(url);
    state->manager = managerFor(state->host);
    ++m_pool[size_t(state->manager)].inFlightByHost[state->host];
    QNetworkReply *reply = m_pool[size_t(state->manager)].network->post(request, body);
    body->setParent(reply); // it must live until the reply is finished; it goes with it
    m_inFlight.insert(reply, state);
    state->deadline = m_deadlines.emplace(state->startedMs + qMax<qint64>(1, w.timeoutMs), reply);
    if (state->deadline == m_deadlines.begin())
        armDeadlineTimer();
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    connect(reply, &QNetworkReply::sslErrors, this, [reply, state, trust = w.trustSelfSigned](const QList<QSslError> &errors) {
        bool onlySelfSigned = true;
        QStringList texts;
        for (const QSslError &e : errors) {
            texts << e.errorString();
            if (e.error() != QSslError::SelfSignedCertificate && e.error() != QSslError::SelfSignedCertificateInChain)
                onlySelfSigned = false;
        }
        if (trust && onlySelfSigned)
            reply->ignoreSslErrors(errors);
        else
            state->sslErrors = texts.join(QLatin1String("; "));
    });
}

void Deliverer::onReadyRead(QNetworkReply *reply)
{
    InFlight *state = m_inFlight.value(reply);
    if (!state)
        return;
    const qint64 room = Attempt::MaxResponseBody - state->body.size();
    if (room > 0)
        state->body += reply->read(room);
    if (reply->bytesAvailable() > 0 && state->abort == InFlight::Abort::None) {
        // More than we keep: the outcome is known from the status line, so stop reading
        // rather than download an endless body.
        state->abort = InFlight::Abort::BodyCapped;
        reply->abort();
    }
}

void Deliverer::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    InFlight *state = m_inFlight.take(reply);
    if (!state)
        return;
    std::unique_ptr<InFlight> owner(state);
    QHash<QString, int> &toHost = m_pool[size_t(state->manager)].inFlightByHost;
    if (--toHost[state->host] <= 0)
        toHost.remove(state->host);
    m_deadlines.erase(state->deadline);
    if (m_deadlines.empty())
        m_deadlineTimer.stop();
    Attempt &a = state->attempt;
    if (state->abort == InFlight::Abort::Released) {
        Q_EMIT aborted(a.deliveryId);
        return;
    }
    if (state->abort == InFlight::Abort::None && reply->isOpen()) {
        const qint64 room = Attempt::MaxResponseBody - state->body.size();
        if (room > 0)
            state->body += reply->read(room);
    }
    a.dateSent = m_clock->now();
    a.durationMs = m_monotonic.elapsed() - state->startedMs;
    const QNetworkReply::NetworkError error = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // A response that did not complete in time is a timeout, whatever its status line said.
    // (Qt cancels a reply by itself only for a transfer timeout, which is not set; taken as
    // the timeout it would be all the same.)
    const bool timedOut = state->abort == InFlight::Abort::Deadline
        || (state->abort == InFlight::Abort::None && error == QNetworkReply::OperationCanceledError);
    if (timedOut) {
        a.connectionError = QStringLiteral("Request timeout");
    } else if (status > 0 && (state->abort == InFlight::Abort::BodyCapped || !brokeOff(error))) {
        AttemptResponse r;
        r.statusCode = status;
        r.headers = reply->rawHeaderPairs();
        r.body = state->body;
        r.bodyTruncated = state->abort == InFlight::Abort::BodyCapped || reply->bytesAvailable() > 0;
        a.response = r;
    } else {
        a.connectionError = connectionErrorText(reply, state->sslErrors);
        if (a.connectionError.isEmpty())
            a.connectionError = QStringLiteral("No response");
    }
    Q_EMIT finished(a);
}

void Deliverer::abortAll()
{
    const auto replies = m_inFlight.keys();
    for (QNetworkReply *reply : replies) {
        if (InFlight *state = m_inFlight.value(reply))
            state->abort = InFlight::Abort::Released;
        reply->abort();
    }
}
