#include "deliverer.h"

#include "senderprofile.h"
#include "validation.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcDelivery, "hookwatch.delivery")

struct Deliverer::InFlight
{
    enum class Abort { None, BodyCapped, Released, Deadline };
    Attempt attempt;
    qint64 deadlineMs = 0; // on the elapsed timer
    QElapsedTimer elapsed;
    QByteArray body;
    Abort abort = Abort::None;
    QString sslErrors;
};

namespace {
QString connectionErrorText(QNetworkReply *reply, const QString &sslErrors)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("Connection refused");
    case QNetworkReply::RemoteHostClosedError:
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

Deliverer::Deliverer(const Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock), m_network(new QNetworkAccessManager(this)),
      m_profile(SenderProfile::launchpad()), m_deadlineSweep(this) // a child: moves with us to a thread
{
    connectDirectly(m_network);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // The transfer timeout restarts with every byte, so a receiver that trickles a body
    // could hold an attempt for ever: one sweep a second ends those past their deadline.
    m_deadlineSweep.setInterval(1000);
    connect(&m_deadlineSweep, &QTimer::timeout, this, &Deliverer::abortOverdue);
}

void Deliverer::abortOverdue()
{
    const auto replies = m_inFlight.keys();
    for (QNetworkReply *reply : replies) {
        InFlight *state = m_inFlight.value(reply);
        if (state && state->abort == InFlight::Abort::None && state->elapsed.elapsed() > state->deadlineMs) {
            state->abort = InFlight::Abort::Deadline;
            reply->abort();
        }
    }
    if (m_inFlight.isEmpty())
        m_deadlineSweep.stop();
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
    if (proxy.type() == QNetworkProxy::NoProxy || proxy.type() == QNetworkProxy::DefaultProxy)
        connectDirectly(m_network);
    else
        m_network->setProxy(proxy);
}

void Deliverer::start(const ClaimedDelivery &claimed)
{
    const Delivery &d = claimed.delivery;
    const Webhook &w = claimed.webhook;
    Attempt attempt;
    attempt.deliveryId = d.id;
    attempt.dateStarted = m_clock->now();
    attempt.request.url = Validation::maskedUrl(w.deliveryUrl);

    if (!w.active || w.id == 0) {
        // Launchpad: an inactive webhook's delivery fails without a request.
        attempt.deactivated = true;
        attempt.dateSent = attempt.dateStarted;
        QTimer::singleShot(0, this, [this, attempt] { Q_EMIT finished(attempt); });
        return;
    }

    const HeaderList headers = m_profile.headers(w, d, d.payload);
    if (const Status refused = checkHeaders(w.headers, headers); !refused) {
        // A stored row the command line and the dialog would have refused (written by an older
        // version, or by hand): sent, it could smuggle a header in or reframe the request.
        attempt.dateSent = attempt.dateStarted;
        attempt.connectionError = QStringLiteral("Request not sent: %1").arg(refused.error());
        QTimer::singleShot(0, this, [this, attempt] { Q_EMIT finished(attempt); });
        return;
    }
    QNetworkRequest request{ QUrl(w.deliveryUrl) };
    request.setTransferTimeout(int(qBound(qint64(1), w.timeoutMs, qint64(std::numeric_limits<int>::max()))));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &h : headers) {
        request.setRawHeader(h.first, h.second);
        attempt.request.headers.append({ h.first, Validation::maskedHeaderValue(h.first, h.second) });
    }

    auto *state = new InFlight;
    state->attempt = attempt;
    state->deadlineMs = qMax<qint64>(4 * w.timeoutMs, 60 * 1000);
    state->elapsed.start();
    if (!m_deadlineSweep.isActive())
        m_deadlineSweep.start();
    QNetworkReply *reply = m_network->post(request, d.payload);
    m_inFlight.insert(reply, state);
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
    Attempt &a = state->attempt;
    if (state->abort == InFlight::Abort::Released) {
        Q_EMIT aborted(a.deliveryId);
        return;
    }
    if (state->abort == InFlight::Abort::None) {
        const qint64 room = Attempt::MaxResponseBody - state->body.size();
        if (room > 0)
            state->body += reply->read(room);
    }
    a.dateSent = m_clock->now();
    a.durationMs = state->elapsed.elapsed();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (state->abort != InFlight::Abort::Deadline && status.isValid() && status.toInt() > 0) {
        AttemptResponse r;
        r.statusCode = status.toInt();
        r.headers = reply->rawHeaderPairs();
        r.body = state->body;
        r.bodyTruncated = state->abort == InFlight::Abort::BodyCapped || reply->bytesAvailable() > 0;
        a.response = r;
    } else if (state->abort == InFlight::Abort::Deadline) {
        a.connectionError = QStringLiteral("Request timeout (no complete response after %1 s)")
                                    .arg(state->deadlineMs / 1000);
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
