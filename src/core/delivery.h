#pragma once

#include "clock.h"
#include "webhook.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <optional>

// Launchpad's JobStatus, with its database values.
enum class JobStatus {
    Waiting = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Suspended = 4,
};

namespace JobStatusInfo {
QString name(JobStatus status); // "waiting", "running", …
QString title(JobStatus status); // "Waiting", "Running", … as Launchpad spells them
std::optional<JobStatus> fromName(const QString &name);
bool canTransition(JobStatus from, JobStatus to);
// "Transition from Completed to Suspended is invalid."
QString invalidTransitionMessage(JobStatus from, JobStatus to);
} // namespace JobStatusInfo

struct Delivery
{
    qint64 id = 0;
    qint64 webhookId = 0;
    QString eventType;
    QByteArray payload; // the exact bytes POSTed
    JobStatus status = JobStatus::Waiting;
    int attemptCount = 0;
    TimeMs dateCreated = 0;
    std::optional<TimeMs> dateFirstSent;
    std::optional<TimeMs> dateSent;
    std::optional<TimeMs> dateFinished;
    std::optional<TimeMs> scheduledStart;
    std::optional<TimeMs> leaseExpires;
    QString leaseOwner;
    qint64 leaseToken = 0; // the claim that holds the lease: each claim writes a new one
    std::optional<bool> successful; // null before any attempt
    QString failureDetail;
    std::optional<int> lastStatusCode;
    int totalAttempts = 0; // attempts kept over the delivery's whole life

    bool pending() const
    {
        return status == JobStatus::Waiting || status == JobStatus::Running || status == JobStatus::Suspended;
    }
    // Launchpad's four icons.
    enum class Display { NeverTried, Delivered, Retrying, Failed };
    Display display() const;
};

struct AttemptRequest
{
    QString url;
    QByteArray method = QByteArrayLiteral("POST");
    HeaderList headers;
};

struct AttemptResponse
{
    int statusCode = 0;
    HeaderList headers;
    QByteArray body; // capped at MaxResponseBody
    bool bodyTruncated = false;
};

struct Attempt
{
    static constexpr int MaxResponseBody = 64 * 1024;

    qint64 deliveryId = 0;
    int number = 0; // from 1 over the delivery's whole life
    TimeMs dateStarted = 0;
    TimeMs dateSent = 0; // when the outcome was known
    qint64 durationMs = 0;
    AttemptRequest request;
    std::optional<AttemptResponse> response;
    QString connectionError; // empty when a response came
    bool deactivated = false; // the webhook was inactive: nothing was sent
    // A receiver test tool's send (TestSender: "same-id", "burst", "expired-timestamp",
    // "out-of-order"); empty for the dispatcher's own attempts.
    QString testTool;
};

Q_DECLARE_METATYPE(Delivery)
Q_DECLARE_METATYPE(Attempt)
