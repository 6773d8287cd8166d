#pragma once

#include "clock.h"
#include "result.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

struct Webhook;

// Which platform a webhook's requests imitate: the headers and signature (src/delivery's
// SenderProfile), and here what a new webhook of that profile starts with and its ping.
namespace Profiles {

inline const QString Launchpad = QStringLiteral("launchpad");
inline const QString LaunchpadCurrent = QStringLiteral("launchpad-current");
inline const QString GitHub = QStringLiteral("github");
inline const QString StandardWebhooks = QStringLiteral("standard-webhooks");
inline const QString Stripe = QStringLiteral("stripe");

QStringList names(); // launchpad first: the default
bool isKnown(const QString &name);
// `name` itself, or a clear sentence naming the profiles there are.
Result<QString> parse(const QString &name);
// "X-GitHub-Event, X-GitHub-Delivery, X-Hub-Signature-256 (sha256) …", for `hookwatch profiles`.
QString headersSummary(const QString &name);
qint64 defaultTimeoutMs(const QString &name);
RetryPolicy defaultRetryPolicy(const QString &name);
// The secret check a profile adds to Validation::secret: a standard-webhooks key is base64,
// with or without "whsec_" (a "whsec_" one whose rest is not base64 is refused).
Status checkSecret(const QString &name, const QString &secret);
// The signing key of a Standard Webhooks secret ("whsec_" + base64): the decoded bytes.
QByteArray standardWebhooksKey(const QString &secret);

// The platform's own test event: its event type and payload.
QString pingEventType(const QString &name);
QByteArray pingPayload(const Webhook &webhook, TimeMs now);

// Whether the platform sends a signature per secret while one is rotated (Standard Webhooks:
// space-separated "v1,…"; Stripe: several "v1="). GitHub and Launchpad send one.
bool signsWithSeveralSecrets(const QString &name);

// The id a platform keeps across retries of one delivery: GitHub's GUID, Standard Webhooks'
// "msg_…". Derived from what identifies the delivery row, so every retry and redelivery of
// it gives the same id, and two deliveries never share one.
QString deliveryGuid(qint64 deliveryId, qint64 webhookId, TimeMs dateCreated);

} // namespace Profiles
