#include "webhooknotices.h"

#include "duration.h"
#include "validation.h"

#include <QHash>
#include <QStringList>

QList<WebhookNotice> WebhookNotices::changes(
    const QList<Webhook> &before, const QList<Webhook> &after, const NoticeSwitches &switches)
{
    QHash<qint64, const Webhook *> previous;
    for (const Webhook &hook : before)
        previous.insert(hook.id, &hook);

    WebhookNotice disabled { WebhookNotice::Kind::Disabled, {} };
    WebhookNotice failing { WebhookNotice::Kind::FirstFailure, {} };
    WebhookNotice recovered { WebhookNotice::Kind::Recovered, {} };
    for (const Webhook &hook : after) {
        const Webhook *was = previous.value(hook.id);
        if (!was)
            continue;
        if (hook.autoPausedAt && !was->autoPausedAt) {
            disabled.webhooks.append(hook);
            continue; // its failures were told before; the pause says the rest
        }
        if (hook.failingSince && !was->failingSince)
            failing.webhooks.append(hook);
        // A resume clears failingSince too; only a success while not paused is a recovery.
        else if (!hook.failingSince && was->failingSince && !was->pausedAt && !hook.pausedAt)
            recovered.webhooks.append(hook);
    }

    QList<WebhookNotice> notices;
    if (switches.disabled && !disabled.webhooks.isEmpty())
        notices.append(disabled);
    if (switches.firstFailure && !failing.webhooks.isEmpty())
        notices.append(failing);
    if (switches.recovered && !recovered.webhooks.isEmpty())
        notices.append(recovered);
    return notices;
}

QString WebhookNotices::title(const WebhookNotice &notice)
{
    switch (notice.kind) {
    case WebhookNotice::Kind::FirstFailure:
        return tr("Hookwatch: webhook failing");
    case WebhookNotice::Kind::Recovered:
        return tr("Hookwatch: webhook recovered");
    case WebhookNotice::Kind::Disabled:
        return tr("Hookwatch: webhook paused");
    }
    return QString();
}

QString WebhookNotices::text(const WebhookNotice &notice)
{
    const int count = int(notice.webhooks.size());
    if (count == 1) {
        const Webhook &hook = notice.webhooks.first();
        const QString url = Validation::maskedUrl(hook.deliveryUrl);
        switch (notice.kind) {
        case WebhookNotice::Kind::FirstFailure:
            return tr("Webhook %1 (%2) started failing.").arg(hook.id).arg(url);
        case WebhookNotice::Kind::Recovered:
            return tr("Webhook %1 (%2) delivers again.").arg(hook.id).arg(url);
        case WebhookNotice::Kind::Disabled:
            return tr("Webhook %1 (%2): %3.").arg(hook.id).arg(url, autoPauseReason(hook));
        }
    }
    switch (notice.kind) {
    case WebhookNotice::Kind::FirstFailure:
        return tr("%n webhook(s) started failing.", nullptr, count);
    case WebhookNotice::Kind::Recovered:
        return tr("%n webhook(s) deliver again.", nullptr, count);
    case WebhookNotice::Kind::Disabled:
        return tr("%n webhook(s) were paused after failing too long.", nullptr, count);
    }
    return QString();
}

QString WebhookNotices::autoPauseReason(const Webhook &webhook)
{
    return tr("Paused after %1 of failures").arg(Duration::describe(webhook.autoDisableAfterMs));
}
