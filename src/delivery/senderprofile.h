#pragma once

#include "clock.h"
#include "delivery.h"
#include "webhook.h"

#include <QByteArray>

// What a request looks like to its receiver: its headers and signature, as the platform the
// webhook's profile names (Profiles::names()) sends them. The deliverer asks forName() per
// request and knows nothing of the platforms.
class SenderProfile
{
public:
    virtual ~SenderProfile() = default;
    virtual QByteArray name() const = 0;
    // Every header of the request, in order, with the webhook's custom headers last. `now`
    // is the send time, which Standard Webhooks and Stripe sign.
    virtual HeaderList headers(
        const Webhook &webhook, const Delivery &delivery, const QByteArray &body, TimeMs now) const = 0;

    static const SenderProfile &launchpad();
    // The profile of that name; Launchpad's for a name this version does not know.
    static const SenderProfile &forName(const QString &name);
    static QByteArray userAgent(); // "Hookwatch-Webhooks/<version>"
};

namespace Signature {
// "sha1=<lowercase hex HMAC-SHA1(secret as UTF-8, body)>", Launchpad's and GitHub's X-Hub-Signature.
QByteArray hubSignature(const QString &secret, const QByteArray &body);
// "sha256=<lowercase hex HMAC-SHA256(secret as UTF-8, body)>", GitHub's X-Hub-Signature-256.
QByteArray hubSignature256(const QString &secret, const QByteArray &body);
// "v1,<base64 HMAC-SHA256(base64-decoded whsec_ key, "id.timestamp.body")>".
QByteArray standardWebhooks(
    const QString &secret, const QByteArray &id, qint64 unixSeconds, const QByteArray &body);
// "t=<unix time>,v1=<hex HMAC-SHA256(secret as UTF-8, "t.body")>".
QByteArray stripe(const QString &secret, qint64 unixSeconds, const QByteArray &body);
} // namespace Signature
