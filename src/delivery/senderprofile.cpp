#include "senderprofile.h"


#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace Signature {
QByteArray hubSignature(const QString &secret, const QByteArray &body)
{
    return QByteArrayLiteral("sha1=")
            + QMessageAuthenticationCode::hash(body, secret.toUtf8(), QCryptographicHash::Sha1).toHex();
}
} // namespace Signature

namespace {
class LaunchpadProfile final : public SenderProfile
{
public:
    QByteArray name() const override { return QByteArrayLiteral("launchpad"); }
    HeaderList headers(const Webhook &webhook, const Delivery &delivery, const QByteArray &body) const override
    {
        HeaderList h;
        h.append(qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
        h.append(qMakePair(QByteArrayLiteral("User-Agent"), userAgent()));
        h.append(qMakePair(QByteArrayLiteral("X-Launchpad-Event-Type"), delivery.eventType.toUtf8()));
        h.append(qMakePair(QByteArrayLiteral("X-Launchpad-Delivery"), QByteArray::number(delivery.id)));
        if (webhook.hasSecret())
            h.append(qMakePair(QByteArrayLiteral("X-Hub-Signature"), Signature::hubSignature(*webhook.secret, body)));
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

QByteArray SenderProfile::userAgent()
{
    return QByteArrayLiteral("Hookwatch-Webhooks/" HOOKWATCH_VERSION);
}
