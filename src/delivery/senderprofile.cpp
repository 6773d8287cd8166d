#include "senderprofile.h"

#include "profiles.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace Signature {
QByteArray hubSignature(const QString &secret, const QByteArray &body)
{
    return QByteArrayLiteral("sha1=")
        + QMessageAuthenticationCode::hash(body, secret.toUtf8(), QCryptographicHash::Sha1).toHex();
}

QByteArray hubSignature256(const QString &secret, const QByteArray &body)
{
    return QByteArrayLiteral("sha256=")
        + QMessageAuthenticationCode::hash(body, secret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

QByteArray standardWebhooks(
    const QString &secret, const QByteArray &id, qint64 unixSeconds, const QByteArray &body)
{
    const QByteArray signedContent = id + '.' + QByteArray::number(unixSeconds) + '.' + body;
    return QByteArrayLiteral("v1,")
        + QMessageAuthenticationCode::hash(
            signedContent, Profiles::standardWebhooksKey(secret), QCryptographicHash::Sha256)
              .toBase64();
}

QByteArray stripe(const QString &secret, qint64 unixSeconds, const QByteArray &body)
{
    const QByteArray t = QByteArray::number(unixSeconds);
    return QByteArrayLiteral("t=") + t + QByteArrayLiteral(",v1=")
        + QMessageAuthenticationCode::hash(t + '.' + body, secret.toUtf8(), QCryptographicHash::Sha256)
              .toHex();
}
} // namespace Signature

namespace {
using Header = QPair<QByteArray, QByteArray>;

QByteArray guidOf(const Delivery &d)
{
    return Profiles::deliveryGuid(d.id, d.webhookId, d.dateCreated).toLatin1();
}

class LaunchpadProfile final : public SenderProfile
{
public:
    QByteArray name() const override { return QByteArrayLiteral("launchpad"); }
    HeaderList headers(
        const Webhook &webhook, const Delivery &delivery, const QByteArray &body, TimeMs) const override
    {
        HeaderList h;
        h.append(Header(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
        h.append(Header(QByteArrayLiteral("User-Agent"), userAgent()));
        h.append(Header(QByteArrayLiteral("X-Launchpad-Event-Type"), delivery.eventType.toUtf8()));
        h.append(Header(QByteArrayLiteral("X-Launchpad-Delivery"), QByteArray::number(delivery.id)));
        if (webhook.hasSecret())
            h.append(
                Header(QByteArrayLiteral("X-Hub-Signature"), Signature::hubSignature(*webhook.secret, body)));
        h.append(webhook.headers);
        return h;
    }
};

class GitHubProfile final : public SenderProfile
{
public:
    QByteArray name() const override { return QByteArrayLiteral("github"); }
    HeaderList headers(
        const Webhook &webhook, const Delivery &delivery, const QByteArray &body, TimeMs) const override
    {
        HeaderList h;
        h.append(Header(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
        h.append(Header(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("GitHub-Hookshot/hookwatch")));
        h.append(Header(QByteArrayLiteral("X-GitHub-Event"), delivery.eventType.toUtf8()));
        h.append(Header(QByteArrayLiteral("X-GitHub-Delivery"), guidOf(delivery)));
        h.append(Header(QByteArrayLiteral("X-GitHub-Hook-ID"), QByteArray::number(webhook.id)));
        if (webhook.hasSecret()) {
            h.append(
                Header(QByteArrayLiteral("X-Hub-Signature"), Signature::hubSignature(*webhook.secret, body)));
            h.append(Header(
                QByteArrayLiteral("X-Hub-Signature-256"), Signature::hubSignature256(*webhook.secret, body)));
        }
        h.append(webhook.headers);
        return h;
    }
};

class StandardWebhooksProfile final : public SenderProfile
{
public:
    QByteArray name() const override { return QByteArrayLiteral("standard-webhooks"); }
    HeaderList headers(
        const Webhook &webhook, const Delivery &delivery, const QByteArray &body, TimeMs now) const override
    {
        const QByteArray id = QByteArrayLiteral("msg_") + guidOf(delivery).replace('-', QByteArray());
        const qint64 seconds = now / 1000;
        HeaderList h;
        h.append(Header(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
        h.append(Header(QByteArrayLiteral("User-Agent"), userAgent()));
        h.append(Header(QByteArrayLiteral("webhook-id"), id));
        h.append(Header(QByteArrayLiteral("webhook-timestamp"), QByteArray::number(seconds)));
        if (webhook.hasSecret()) {
            // While a secret is rotated, a signature with each, space-separated: the
            // receiver accepts the request with either.
            QByteArray signature = Signature::standardWebhooks(*webhook.secret, id, seconds, body);
            if (webhook.keepsPreviousSecret(now))
                signature += ' ' + Signature::standardWebhooks(*webhook.previousSecret, id, seconds, body);
            h.append(Header(QByteArrayLiteral("webhook-signature"), signature));
        }
        h.append(webhook.headers);
        return h;
    }
};

class StripeProfile final : public SenderProfile
{
public:
    QByteArray name() const override { return QByteArrayLiteral("stripe"); }
    HeaderList headers(
        const Webhook &webhook, const Delivery &, const QByteArray &body, TimeMs now) const override
    {
        HeaderList h;
        h.append(
            Header(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")));
        h.append(Header(QByteArrayLiteral("User-Agent"),
            QByteArrayLiteral("Stripe/1.0 (+https://stripe.com/docs/webhooks)")));
        if (webhook.hasSecret()) {
            // While a secret is rotated, a v1= with each, as Stripe sends during a roll.
            QByteArray signature = Signature::stripe(*webhook.secret, now / 1000, body);
            if (webhook.keepsPreviousSecret(now)) {
                const QByteArray previous = Signature::stripe(*webhook.previousSecret, now / 1000, body);
                signature += previous.mid(previous.indexOf(','));
            }
            h.append(Header(QByteArrayLiteral("Stripe-Signature"), signature));
        }
        h.append(webhook.headers);
        return h;
    }
};
} // namespace

const SenderProfile &SenderProfile::launchpad()
{
    static const LaunchpadProfile profile;
    return profile;
}

const SenderProfile &SenderProfile::forName(const QString &name)
{
    static const GitHubProfile github;
    static const StandardWebhooksProfile standardWebhooks;
    static const StripeProfile stripe;
    if (name == Profiles::GitHub)
        return github;
    if (name == Profiles::StandardWebhooks)
        return standardWebhooks;
    if (name == Profiles::Stripe)
        return stripe;
    return launchpad(); // launchpad and launchpad-current send alike
}

QByteArray SenderProfile::userAgent()
{
    return QByteArrayLiteral("Hookwatch-Webhooks/" HOOKWATCH_VERSION);
}
