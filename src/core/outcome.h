#pragma once

#include <QString>

#include <optional>

// What one attempt came to, by Launchpad's rules; the first that applies:
// 1. the webhook was inactive: "Webhook deactivated";
// 2. no HTTP response: "Connection error: <detail>";
// 3. 200–299: success, no detail;
// 4. any other status: "Bad HTTP response: <code>".
struct Outcome
{
    bool successful = false;
    QString failureDetail;
    int httpStatus = 0; // 0 when no response came
    bool retryable = false; // deactivated webhooks are not retried; every other failure is
    std::optional<qint64> retryAfterMs; // the response's Retry-After, as a delay, when it had one

    static Outcome classify(bool deactivated, const QString &connectionError, int httpStatus);
};
