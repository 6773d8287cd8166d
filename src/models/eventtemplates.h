#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Each platform's common event types and a sample payload for each, for "Send test event".
namespace EventTemplates {

QStringList launchpadEventTypes();
// A payload shaped like the one Launchpad sends for this type, serialised as Python's
// json.dumps writes it; "{}" for a type it does not know.
QByteArray payloadFor(const QString &eventType);

// The event types offered for a webhook of this profile (Profiles::names()): GitHub's push,
// pull_request, issues; Stripe's payment_intent.succeeded, charge.failed, customer.created;
// Standard Webhooks' invoice and user events; Launchpad's for launchpad and launchpad-current.
QStringList eventTypes(const QString &profile);
// A payload of that platform's shape for the type (a GitHub event, a Stripe event object, a
// Standard Webhooks message); "{}" for a type it does not know.
QByteArray payloadFor(const QString &profile, const QString &eventType);

} // namespace EventTemplates
