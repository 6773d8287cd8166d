#include "profiles.h"

#include "webhook.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace Profiles {

QStringList names()
{
    return { Launchpad, LaunchpadCurrent, GitHub, StandardWebhooks, Stripe };
}

bool isKnown(const QString &name)
{
    return names().contains(name);
}

Result<QString> parse(const QString &name)
{
    if (isKnown(name))
        return name;
    return Result<QString>::failure(
        QStringLiteral("unknown profile \"%1\" (choose %2)").arg(name, names().join(QLatin1String(", "))));
}

QString headersSummary(const QString &name)
{
    if (name == GitHub)
        return QStringLiteral(
            "X-GitHub-Event, X-GitHub-Delivery (a GUID kept on redelivery), X-GitHub-Hook-ID, "
            "X-Hub-Signature-256: sha256=…, X-Hub-Signature: sha1=…");
    if (name == StandardWebhooks)
        return QStringLiteral("webhook-id (msg_…, kept on retry), webhook-timestamp, "
                              "webhook-signature: v1,<base64 HMAC-SHA256> with a whsec_ secret");
    if (name == Stripe)
        return QStringLiteral("Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256>");
    return QStringLiteral("X-Launchpad-Event-Type, X-Launchpad-Delivery, X-Hub-Signature: sha1=…");
}

qint64 defaultTimeoutMs(const QString &name)
{
    if (name == GitHub)
        return 10 * 1000;
    if (name == StandardWebhooks)
        return 15 * 1000;
    return 30 * 1000;
}

RetryPolicy defaultRetryPolicy(const QString &name)
{
    if (name == LaunchpadCurrent)
        return RetryPolicy::launchpadCurrent();
    if (name == GitHub)
        return RetryPolicy::none(); // GitHub does not retry; a delivery is redelivered by hand
    if (name == StandardWebhooks)
        return RetryPolicy::standardWebhooks();
    if (name == Stripe)
        return RetryPolicy::stripe();
    return RetryPolicy::launchpad();
}

namespace {
bool isBase64(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    return decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok && !decoded.decoded.isEmpty();
}
const QString WhsecPrefix = QStringLiteral("whsec_");
} // namespace

bool signsWithSeveralSecrets(const QString &name)
{
    return name == StandardWebhooks || name == Stripe;
}

QByteArray standardWebhooksKey(const QString &secret)
{
    const QString key = secret.startsWith(WhsecPrefix) ? secret.mid(WhsecPrefix.size()) : secret;
    return QByteArray::fromBase64(key.toLatin1());
}

Status checkSecret(const QString &name, const QString &secret)
{
    // Only Standard Webhooks decodes its secret; GitHub and Stripe sign with the text as it is
    // (a Stripe "whsec_…" secret is not base64).
    if (name != StandardWebhooks || secret.isEmpty())
        return {};
    if (secret.startsWith(WhsecPrefix)) {
        if (!isBase64(secret.mid(WhsecPrefix.size()).toLatin1()))
            return Status::failure(
                QStringLiteral("the secret starts with whsec_ but what follows is not valid "
                               "base64; copy the whole secret your platform shows"));
        return {};
    }
    if (!isBase64(secret.toLatin1()))
        return Status::failure(QStringLiteral("a standard-webhooks secret is base64, usually with whsec_ "
                                              "before it (e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw)"));
    return {};
}

QString pingEventType(const QString &name)
{
    if (name == StandardWebhooks)
        return QStringLiteral("webhook.test");
    if (name == Stripe)
        return QStringLiteral("ping");
    return QStringLiteral("ping");
}

QByteArray pingPayload(const Webhook &webhook, TimeMs now)
{
    const QString &name = webhook.profile;
    const auto compact = [](const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    if (name == GitHub) {
        QJsonArray events;
        for (const QString &t : webhook.eventTypes)
            events.append(t);
        if (events.isEmpty())
            events.append(QStringLiteral("*"));
        const QJsonObject config { { QStringLiteral("content_type"), QStringLiteral("json") },
            { QStringLiteral("insecure_ssl"),
                webhook.trustSelfSigned ? QStringLiteral("1") : QStringLiteral("0") },
            { QStringLiteral("url"), webhook.deliveryUrl } };
        const QJsonObject hook { { QStringLiteral("type"), QStringLiteral("Repository") },
            { QStringLiteral("id"), webhook.id }, { QStringLiteral("name"), QStringLiteral("web") },
            { QStringLiteral("active"), webhook.active }, { QStringLiteral("events"), events },
            { QStringLiteral("config"), config } };
        return compact({ { QStringLiteral("zen"), QStringLiteral("Keep it logically awesome.") },
            { QStringLiteral("hook_id"), webhook.id }, { QStringLiteral("hook"), hook } });
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    if (name == StandardWebhooks)
        return compact({ { QStringLiteral("type"), pingEventType(name) },
            { QStringLiteral("timestamp"), at.toString(Qt::ISODateWithMs) },
            { QStringLiteral("data"), QJsonObject { { QStringLiteral("success"), true } } } });
    if (name == Stripe) {
        const QString id = QStringLiteral("evt_") + QUuid::createUuid().toString(QUuid::Id128).left(24);
        const QJsonObject object { { QStringLiteral("object"), QStringLiteral("ping") },
            { QStringLiteral("webhook_endpoint"), QStringLiteral("we_%1").arg(webhook.id) } };
        return compact({ { QStringLiteral("id"), id }, { QStringLiteral("object"), QStringLiteral("event") },
            { QStringLiteral("api_version"), QStringLiteral("2024-06-20") },
            { QStringLiteral("created"), at.toSecsSinceEpoch() }, { QStringLiteral("livemode"), false },
            { QStringLiteral("type"), pingEventType(name) },
            { QStringLiteral("data"), QJsonObject { { QStringLiteral("object"), object } } } });
    }
    // Launchpad's, byte for byte as Python's json.dumps writes it.
    return QByteArrayLiteral("{\"ping\": true}");
}

QString deliveryGuid(qint64 deliveryId, qint64 webhookId, TimeMs dateCreated)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("{6f2b3f0e-9a57-4c1e-8d2f-5b9c1a7e4d30}"));
    const QByteArray name = QByteArray::number(webhookId) + '/' + QByteArray::number(deliveryId) + '/'
        + QByteArray::number(dateCreated);
    return QUuid::createUuidV5(ns, name).toString(QUuid::WithoutBraces);
}

} // namespace Profiles
