#include "outcome.h"

Outcome Outcome::classify(bool deactivated, const QString &connectionError, int httpStatus)
{
    Outcome o;
    o.httpStatus = httpStatus;
    if (deactivated) {
        o.failureDetail = QStringLiteral("Webhook deactivated");
        return o;
    }
    o.retryable = true;
    if (!connectionError.isEmpty() || httpStatus <= 0) {
        o.failureDetail = QStringLiteral("Connection error: %1")
                                  .arg(connectionError.isEmpty() ? QStringLiteral("no response") : connectionError);
        o.httpStatus = 0;
        return o;
    }
    if (httpStatus >= 200 && httpStatus <= 299) {
        o.successful = true;
        o.retryable = false;
        return o;
    }
    o.failureDetail = QStringLiteral("Bad HTTP response: %1").arg(httpStatus);
    return o;
}
