#pragma once

#include "result.h"

#include <QString>

struct Webhook;

// The receiver test tools: sends that ask a receiver what the platforms' own senders do to it
// now and then. Each send is kept in the history as an attempt of its delivery, marked with
// the tool's name (Attempt::testTool), so the history says what was sent and why.
namespace TestTools {

inline const QString SameId = QStringLiteral("same-id"); // the delivery again, same id and scheme
inline const QString Burst = QStringLiteral("burst"); // several copies of it at once
inline const QString ExpiredTimestamp = QStringLiteral("expired-timestamp"); // signed in the past
inline const QString OutOfOrder = QStringLiteral("out-of-order"); // a new batch sent in reverse

constexpr int DefaultBurst = 5;
constexpr int DefaultBatch = 5;
constexpr int MaxCount = 100;
// How far in the past an expired send is signed: beyond the 5 minutes Standard Webhooks' and
// Stripe's libraries accept.
constexpr qint64 ExpiredByMs = 10 * 60 * 1000;
// How long a new batch's deliveries are held back from every dispatcher while the tool sends
// them itself (claiming each by its id); one the tool did not get to goes out after that.
constexpr qint64 BatchHoldMs = 10 * 60 * 1000;

// Nothing when the webhook's profile signs a timestamp an expired send can set in the past
// (standard-webhooks; stripe with a secret); otherwise one sentence saying why not.
Status canExpire(const Webhook &webhook);

} // namespace TestTools
