#include "testtools.h"

#include "profiles.h"
#include "webhook.h"

namespace TestTools {

Status canExpire(const Webhook &webhook)
{
    if (webhook.profile == Profiles::StandardWebhooks)
        return {};
    if (webhook.profile == Profiles::Stripe) {
        if (webhook.hasSecret())
            return {};
        return Status::failure(QStringLiteral("webhook %1 has no secret: Stripe's timestamp is part of its "
                                              "signature, so without one there is no timestamp to expire")
                                   .arg(webhook.id),
            ErrorKind::Invalid);
    }
    return Status::failure(QStringLiteral("webhook %1 sends as %2, which signs no timestamp: an expired "
                                          "timestamp needs the standard-webhooks or stripe profile")
                               .arg(webhook.id)
                               .arg(webhook.profile),
        ErrorKind::Invalid);
}

} // namespace TestTools
