#pragma once

#include "webhook.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// Which notices the user wants (Preferences); all on by default.
struct NoticeSwitches
{
    bool firstFailure = true; // a webhook's first failure after a success
    bool recovered = true; // its first success after failures
    bool exhausted = true; // a delivery failed for good
    bool disabled = true; // auto-disable paused it
};

// One notice about one or more webhooks that changed the same way.
struct WebhookNotice
{
    enum class Kind { FirstFailure, Recovered, Disabled };
    Kind kind = Kind::FirstFailure;
    QList<Webhook> webhooks;
};

// Decides which notices, if any, a change of the webhooks deserves: `before` and `after` are
// the webhooks as loaded one refresh apart. A webhook that started failing (failingSince
// set), recovered (failingSince cleared while not resumed by hand) or was auto-paused
// (autoPausedAt set) counts once per kind; a burst becomes one notice per kind naming the
// webhooks. Webhooks new in `after` are compared with nothing and give no notice.
class WebhookNotices
{
    Q_DECLARE_TR_FUNCTIONS(WebhookNotices)

public:
    static QList<WebhookNotice> changes(
        const QList<Webhook> &before, const QList<Webhook> &after, const NoticeSwitches &switches);
    // The notice's title and sentence, as the tray and the status bar show them.
    static QString title(const WebhookNotice &notice);
    static QString text(const WebhookNotice &notice);
    // Why a webhook is auto-paused, for the banner: "Paused after 3 days of failures".
    static QString autoPauseReason(const Webhook &webhook);
};
