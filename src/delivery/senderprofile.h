#pragma once

#include "delivery.h"
#include "webhook.h"

#include <QByteArray>

// The seam for what a request looks like to its receiver: its headers and signature.
// Launchpad's is the only profile today; GitHub, Stripe or Standard Webhooks profiles
// slot in here without touching the deliverer.
class SenderProfile
{
public:
    virtual ~SenderProfile() = default;
    virtual QByteArray name() const = 0;
    // Every header of the request, in order, with the webhook's custom headers last.
    virtual HeaderList headers(const Webhook &webhook, const Delivery &delivery, const QByteArray &body) const = 0;

    static const SenderProfile &launchpad();
    static QByteArray userAgent(); // "Hookwatch-Webhooks/<version>"
};

namespace Signature {
// "sha1=<lowercase hex HMAC-SHA1(secret as UTF-8, body)>", Launchpad's X-Hub-Signature.
QByteArray hubSignature(const QString &secret, const QByteArray &body);
} // namespace Signature
