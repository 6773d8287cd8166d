#pragma once

#include "clock.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct Webhook
{
    static constexpr qint64 DefaultTimeoutMs = 30 * 1000;

    qint64 id = 0;
    QString deliveryUrl;
    // Which platform its requests imitate (Profiles::names()): headers, signature, ping.
    QString profile = QStringLiteral("launchpad");
    bool active = true;
    // Write-only: stored to sign requests, never printed, logged or exported.
    std::optional<QString> secret;
    QStringList eventTypes;
    HeaderList headers; // sent with every request, e.g. an Authorization a receiver requires
    qint64 timeoutMs = DefaultTimeoutMs;
    RetryPolicy retryPolicy;
    bool trustSelfSigned = false;
    // Requests to this webhook in flight at once, across the workers sharing the store; 0: no
    // limit of its own (each worker's concurrency).
    int maxInFlight = 0;
    // Set while the webhook is paused (JobStore::pauseWebhook): its deliveries are held, not
    // attempted and not failed. Distinct from inactive, which fails them as Launchpad does.
    std::optional<TimeMs> pausedAt;
    // Auto-disable: after this long of nothing but failures (since failingSince, set by the
    // first failed attempt after a success and cleared by a success) the webhook is paused,
    // and autoPausedAt records that the pause was this. 0: off, the default.
    qint64 autoDisableAfterMs = 0;
    std::optional<TimeMs> failingSince;
    std::optional<TimeMs> autoPausedAt;
    TimeMs dateCreated = 0;
    TimeMs dateLastModified = 0;

    // While a secret is rotated (webhook edit --rotate-secret): the one before, write-only like
    // the secret, and until when it is still signed with, alongside the new one, where the
    // platform sends several signatures (Standard Webhooks, Stripe).
    std::optional<QString> previousSecret;
    std::optional<TimeMs> previousSecretUntil;

    bool hasSecret() const { return secret.has_value() && !secret->isEmpty(); }
    bool keepsPreviousSecret(TimeMs at) const
    {
        return hasSecret() && previousSecret && !previousSecret->isEmpty() && previousSecretUntil
            && at < *previousSecretUntil;
    }
};

Q_DECLARE_METATYPE(Webhook)
