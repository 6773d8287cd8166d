#include "signaturecheck.h"

#include "profiles.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <functional>

namespace SignatureCheck {

namespace {

QByteArray header(const HeaderList &headers, const char *name)
{
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QByteArray hmac(QCryptographicHash::Algorithm algorithm, const QByteArray &key, const QByteArray &content)
{
    return QMessageAuthenticationCode::hash(content, key, algorithm);
}

// Stripe-Signature "t=…,v1=…,v1=…": the timestamp and every v1 signature (hex).
QPair<QByteArray, QByteArrayList> stripeParts(const QByteArray &value)
{
    QByteArray t;
    QByteArrayList v1;
    for (const QByteArray &part : value.split(',')) {
        if (part.startsWith("t="))
            t = part.mid(2);
        else if (part.startsWith("v1="))
            v1 << part.mid(3);
    }
    return { t, v1 };
}

// webhook-signature "v1,<base64> v1,<base64>": every v1 signature (base64).
QByteArrayList standardParts(const QByteArray &value)
{
    QByteArrayList v1;
    for (const QByteArray &part : value.split(' ')) {
        if (part.startsWith("v1,"))
            v1 << part.mid(3);
    }
    return v1;
}

} // namespace

std::optional<Signed> whatWasSigned(const QString &profile, const HeaderList &headers, const QByteArray &body)
{
    Signed s;
    if (profile == Profiles::StandardWebhooks) {
        const QByteArray signature = header(headers, "webhook-signature");
        if (signature.isEmpty())
            return std::nullopt;
        const QByteArray id = header(headers, "webhook-id");
        const QByteArray timestamp = header(headers, "webhook-timestamp");
        s.formula = QStringLiteral("msg_id.timestamp.body");
        s.content = id + '.' + timestamp + '.' + body;
        s.headers = { { "webhook-id", id }, { "webhook-timestamp", timestamp },
            { "webhook-signature", signature } };
        return s;
    }
    if (profile == Profiles::Stripe) {
        const QByteArray signature = header(headers, "stripe-signature");
        if (signature.isEmpty())
            return std::nullopt;
        s.formula = QStringLiteral("t.body");
        s.content = stripeParts(signature).first + '.' + body;
        s.headers = { { "Stripe-Signature", signature } };
        return s;
    }
    for (const char *name : { "X-Hub-Signature-256", "X-Hub-Signature" }) {
        const QByteArray value = header(headers, name);
        if (!value.isEmpty())
            s.headers.append({ name, value });
    }
    if (s.headers.isEmpty())
        return std::nullopt;
    s.formula = QStringLiteral("body");
    s.content = body;
    return s;
}

QString mismatch(const QString &profile, const HeaderList &headers, const QByteArray &body,
    const QString &secret, const std::optional<QByteArray> &receivedBody)
{
    const auto signedPart = whatWasSigned(profile, headers, body);
    if (!signedPart)
        return QStringLiteral("No signature was sent: the webhook had no secret when this request was made.");
    if (secret.isEmpty())
        return QStringLiteral("Type the secret to check the signature with it.");
    // Whether `content` signed with this key gives one of the signatures sent.
    std::function<bool(const QByteArray &, const QByteArray &)> matches;
    if (profile == Profiles::StandardWebhooks) {
        const QByteArrayList sent = standardParts(header(headers, "webhook-signature"));
        if (sent.isEmpty())
            return QStringLiteral("The webhook-signature header holds no \"v1,<base64>\" signature: not "
                                  "Standard Webhooks' scheme.");
        matches = [sent](const QByteArray &key, const QByteArray &content) {
            return sent.contains(hmac(QCryptographicHash::Sha256, key, content).toBase64());
        };
    } else if (profile == Profiles::Stripe) {
        const auto [t, sent] = stripeParts(header(headers, "stripe-signature"));
        if (t.isEmpty() || sent.isEmpty())
            return QStringLiteral(
                "The Stripe-Signature header is not \"t=<time>,v1=<hex>\": not Stripe's scheme.");
        matches = [sent = sent](const QByteArray &key, const QByteArray &content) {
            return sent.contains(hmac(QCryptographicHash::Sha256, key, content).toHex());
        };
    } else {
        const QByteArray sha256 = header(headers, "X-Hub-Signature-256");
        const QByteArray sha1 = header(headers, "X-Hub-Signature");
        if ((!sha256.isEmpty() && !sha256.startsWith("sha256="))
            || (!sha1.isEmpty() && !sha1.startsWith("sha1=")))
            return QStringLiteral("The X-Hub-Signature header is not \"sha1=<hex>\" (or X-Hub-Signature-256 "
                                  "\"sha256=<hex>\"): not the scheme of GitHub and Launchpad.");
        matches = [sha1, sha256](const QByteArray &key, const QByteArray &content) {
            return (!sha256.isEmpty()
                       && sha256.mid(7) == hmac(QCryptographicHash::Sha256, key, content).toHex())
                || (!sha1.isEmpty() && sha1.mid(5) == hmac(QCryptographicHash::Sha1, key, content).toHex());
        };
    }
    const QByteArray key
        = profile == Profiles::StandardWebhooks ? Profiles::standardWebhooksKey(secret) : secret.toUtf8();
    if (profile == Profiles::StandardWebhooks && !Profiles::checkSecret(profile, secret))
        return QStringLiteral("This is not a Standard Webhooks key (base64, usually after \"whsec_\"): the "
                              "scheme signs with the decoded bytes.");
    if (matches(key, signedPart->content)) {
        if (receivedBody && *receivedBody != body)
            return QStringLiteral("The secret is right, but the body received is not the body signed (%1 "
                                  "bytes received, %2 signed): verify the raw bytes, before any parsing.")
                .arg(receivedBody->size())
                .arg(body.size());
        return {};
    }
    // The secret used as the other scheme uses it: text instead of the base64-decoded key, or
    // the other way round.
    const QByteArray otherKey
        = profile == Profiles::StandardWebhooks ? secret.toUtf8() : Profiles::standardWebhooksKey(secret);
    if (!otherKey.isEmpty() && matches(otherKey, signedPart->content))
        return profile == Profiles::StandardWebhooks
            ? QStringLiteral("It was signed with the secret's text, but Standard Webhooks signs with the "
                             "base64-decoded key: the scheme differs.")
            : QStringLiteral("It was signed with the secret's base64-decoded bytes, but this platform signs "
                             "with the secret's text: the scheme differs.");
    // The same secret over the same body at another time: the timestamp differs.
    if (profile == Profiles::StandardWebhooks || profile == Profiles::Stripe) {
        const QByteArray prefix
            = profile == Profiles::StandardWebhooks ? header(headers, "webhook-id") + '.' : QByteArray();
        const qint64 sent = profile == Profiles::StandardWebhooks
            ? header(headers, "webhook-timestamp").toLongLong()
            : stripeParts(header(headers, "stripe-signature")).first.toLongLong();
        for (qint64 offset = 1; offset <= 3600; ++offset) {
            for (const qint64 t : { sent - offset, sent + offset }) {
                if (matches(key, prefix + QByteArray::number(t) + '.' + body))
                    return QStringLiteral(
                        "The secret is right, but the signature was made for the timestamp %1, "
                        "not the %2 sent with it: the timestamp differs.")
                        .arg(t)
                        .arg(sent);
            }
        }
    }
    return QStringLiteral(
        "The signature does not match: it was made with another secret (or over other bytes "
        "than the body shown).");
}

} // namespace SignatureCheck
