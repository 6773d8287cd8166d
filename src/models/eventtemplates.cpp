#include "eventtemplates.h"

#include "profiles.h"

#include <QHash>

namespace EventTemplates {

QStringList launchpadEventTypes()
{
    return {
        QStringLiteral("bug:0.1"),
        QStringLiteral("bug:comment:0.1"),
        QStringLiteral("bzr:push:0.1"),
        QStringLiteral("charm-recipe:build:0.1"),
        QStringLiteral("ci:build:0.1"),
        QStringLiteral("git:push:0.1"),
        QStringLiteral("livefs:build:0.1"),
        QStringLiteral("merge-proposal:0.1"),
        QStringLiteral("oci-recipe:build:0.1"),
        QStringLiteral("snap:build:0.1"),
        QStringLiteral("craft-recipe:build:0.1"),
        QStringLiteral("archive:source-package-upload:0.1"),
        QStringLiteral("archive:binary-package-upload:0.1"),
        QStringLiteral("archive:binary-build:0.1"),
    };
}

QByteArray payloadFor(const QString &eventType)
{
    // Byte for byte in json.dumps form: ", " and ": " separators.
    static const QHash<QString, QByteArray> templates = {
        { QStringLiteral("ping"), QByteArrayLiteral(R"({"ping": true})") },
        { QStringLiteral("bug:0.1"),
            QByteArrayLiteral(
                R"({"action": "created", "bug": "/bugs/1234567", "target": "/hookwatch", )"
                R"("new": {"title": "Retries stop after an hour", "status": "New", "importance": "Undecided", )"
                R"("owner": "/~alice", "description": "Steps to reproduce: ..."}})") },
        { QStringLiteral("bug:comment:0.1"),
            QByteArrayLiteral(
                R"({"action": "created", "bug": "/bugs/1234567", "bug_comment": "/bugs/1234567/comments/2", )"
                R"("target": "/hookwatch", "new": {"content": "I can reproduce this.", "owner": "/~bob"}})") },
        { QStringLiteral("bzr:push:0.1"),
            QByteArrayLiteral(
                R"({"bzr_branch": "/~alice/hookwatch/trunk", "bzr_branch_path": "~alice/hookwatch/trunk", )"
                R"("old": {"last_scanned_id": "alice@example.com-20240101-aaaa"}, )"
                R"("new": {"last_scanned_id": "alice@example.com-20240102-bbbb"}})") },
        { QStringLiteral("charm-recipe:build:0.1"),
            QByteArrayLiteral(
                R"({"recipe": "/~alice/hookwatch/+charm/hookwatch", "build": "/~alice/hookwatch/+charm/hookwatch/+build/42", )"
                R"("action": "status-changed", "status": "Successfully built", "store_upload_status": "Unscheduled"})") },
        { QStringLiteral("ci:build:0.1"),
            QByteArrayLiteral(
                R"({"build": "/hookwatch/+build/ci/42", "action": "status-changed", )"
                R"("git_repository": "/hookwatch", "commit_sha1": "0123456789abcdef0123456789abcdef01234567", )"
                R"("status": "Successfully built"})") },
        { QStringLiteral("git:push:0.1"),
            QByteArrayLiteral(
                R"({"git_repository": "/~alice/hookwatch/+git/hookwatch", "git_repository_path": "~alice/hookwatch/+git/hookwatch", )"
                R"("ref_changes": {"refs/heads/main": {"old": {"commit_sha1": "0123456789abcdef0123456789abcdef01234567"}, )"
                R"("new": {"commit_sha1": "89abcdef0123456789abcdef0123456789abcdef"}}}})") },
        { QStringLiteral("livefs:build:0.1"),
            QByteArrayLiteral(
                R"({"livefs": "/~alice/+livefs/ubuntu/noble/hookwatch", "build": "/~alice/+livefs/ubuntu/noble/hookwatch/+build/42", )"
                R"("action": "status-changed", "status": "Successfully built"})") },
        { QStringLiteral("merge-proposal:0.1"),
            QByteArrayLiteral(
                R"({"action": "modified", "merge_proposal": "/~alice/hookwatch/+git/hookwatch/+merge/42", )"
                R"("old": {"queue_status": "Work in progress"}, "new": {"queue_status": "Needs review", )"
                R"("commit_message": "Retry with a fresh window", "description": "Fixes bug 1234567."}})") },
        { QStringLiteral("oci-recipe:build:0.1"),
            QByteArrayLiteral(
                R"({"recipe": "/~alice/hookwatch/+oci/hookwatch/+recipe/hookwatch", "build": "/~alice/hookwatch/+oci/hookwatch/+recipe/hookwatch/+build/42", )"
                R"("action": "status-changed", "status": "Successfully built", "registry_upload_status": "Unscheduled"})") },
        { QStringLiteral("snap:build:0.1"),
            QByteArrayLiteral(
                R"({"snap": "/~alice/+snap/hookwatch", "build": "/~alice/+snap/hookwatch/+build/42", )"
                R"("action": "status-changed", "status": "Successfully built", "store_upload_status": "Unscheduled"})") },
        { QStringLiteral("craft-recipe:build:0.1"),
            QByteArrayLiteral(
                R"({"recipe": "/~alice/hookwatch/+craft-recipe/hookwatch", "build": "/~alice/hookwatch/+craft-recipe/hookwatch/+build/42", )"
                R"("action": "status-changed", "status": "Successfully built"})") },
        { QStringLiteral("archive:source-package-upload:0.1"),
            QByteArrayLiteral(
                R"({"package_upload": "/ubuntu/+upload/42", "action": "status-changed", "status": "Accepted", )"
                R"("archive": "/ubuntu/+archive/primary", "package_name": "hookwatch", "package_version": "0.1.0-1"})") },
        { QStringLiteral("archive:binary-package-upload:0.1"),
            QByteArrayLiteral(
                R"({"package_upload": "/ubuntu/+upload/43", "action": "status-changed", "status": "Accepted", )"
                R"("archive": "/ubuntu/+archive/primary", "package_name": "hookwatch", "package_version": "0.1.0-1"})") },
        { QStringLiteral("archive:binary-build:0.1"),
            QByteArrayLiteral(
                R"({"build": "/ubuntu/+source/hookwatch/0.1.0-1/+build/42", "action": "status-changed", )"
                R"("status": "Successfully built", "archive": "/ubuntu/+archive/primary", "arch_tag": "amd64"})") },
    };
    return templates.value(eventType, QByteArrayLiteral("{}"));
}

namespace {

// GitHub's payloads (docs.github.com, "Webhook events and payloads"), trimmed to the fields a
// receiver usually reads.
const QHash<QString, QByteArray> &gitHubTemplates()
{
    static const QHash<QString, QByteArray> templates = {
        { QStringLiteral("push"),
            QByteArrayLiteral(
                R"({"ref":"refs/heads/main","before":"0123456789abcdef0123456789abcdef01234567",)"
                R"("after":"89abcdef0123456789abcdef0123456789abcdef","created":false,"deleted":false,"forced":false,)"
                R"("repository":{"id":123456789,"name":"hookwatch","full_name":"alice/hookwatch","private":false},)"
                R"("pusher":{"name":"alice","email":"alice@example.com"},"sender":{"login":"alice","id":1001},)"
                R"("commits":[{"id":"89abcdef0123456789abcdef0123456789abcdef","message":"Retry with a fresh window",)"
                R"("timestamp":"2026-12-04T12:00:00Z","author":{"name":"Alice","email":"alice@example.com"}}],)"
                R"("head_commit":{"id":"89abcdef0123456789abcdef0123456789abcdef","message":"Retry with a fresh window"}})") },
        { QStringLiteral("pull_request"),
            QByteArrayLiteral(
                R"({"action":"opened","number":42,"pull_request":{"id":987654321,"number":42,"state":"open",)"
                R"("title":"Retry with a fresh window","user":{"login":"alice","id":1001},"draft":false,)"
                R"("head":{"ref":"fresh-window","sha":"89abcdef0123456789abcdef0123456789abcdef"},)"
                R"("base":{"ref":"main","sha":"0123456789abcdef0123456789abcdef01234567"},"merged":false},)"
                R"("repository":{"id":123456789,"name":"hookwatch","full_name":"alice/hookwatch","private":false},)"
                R"("sender":{"login":"alice","id":1001}})") },
        { QStringLiteral("issues"),
            QByteArrayLiteral(
                R"({"action":"opened","issue":{"id":555555555,"number":7,"title":"Retries stop after an hour",)"
                R"("state":"open","body":"Steps to reproduce: ...","user":{"login":"bob","id":1002},"labels":[]},)"
                R"("repository":{"id":123456789,"name":"hookwatch","full_name":"alice/hookwatch","private":false},)"
                R"("sender":{"login":"bob","id":1002}})") },
    };
    return templates;
}

// Stripe's event objects (docs.stripe.com/api/events/object): the event, its type, and the
// object it is about under data.object.
const QHash<QString, QByteArray> &stripeTemplates()
{
    static const QHash<QString, QByteArray> templates = {
        { QStringLiteral("payment_intent.succeeded"),
            QByteArrayLiteral(
                R"({"id":"evt_3QhookwatchPI0001","object":"event","api_version":"2024-06-20","created":1796385600,)"
                R"("livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},)"
                R"("type":"payment_intent.succeeded","data":{"object":{"id":"pi_3QhookwatchPI0001",)"
                R"("object":"payment_intent","amount":2000,"amount_received":2000,"currency":"usd",)"
                R"("customer":"cus_QhookwatchCU01","status":"succeeded","latest_charge":"ch_3QhookwatchCH0001"}}})") },
        { QStringLiteral("charge.failed"),
            QByteArrayLiteral(
                R"({"id":"evt_3QhookwatchCH0002","object":"event","api_version":"2024-06-20","created":1796385600,)"
                R"("livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},)"
                R"("type":"charge.failed","data":{"object":{"id":"ch_3QhookwatchCH0002","object":"charge",)"
                R"("amount":2000,"currency":"usd","customer":"cus_QhookwatchCU01","paid":false,"status":"failed",)"
                R"("failure_code":"card_declined","failure_message":"Your card was declined."}}})") },
        { QStringLiteral("customer.created"),
            QByteArrayLiteral(
                R"({"id":"evt_1QhookwatchCU0003","object":"event","api_version":"2024-06-20","created":1796385600,)"
                R"("livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},)"
                R"("type":"customer.created","data":{"object":{"id":"cus_QhookwatchCU01","object":"customer",)"
                R"("email":"alice@example.com","name":"Alice","created":1796385600,"livemode":false}}})") },
    };
    return templates;
}

// Standard Webhooks' message shape (the specification's "payload structure"): type, timestamp
// and data.
const QHash<QString, QByteArray> &standardWebhooksTemplates()
{
    static const QHash<QString, QByteArray> templates = {
        { QStringLiteral("invoice.paid"),
            QByteArrayLiteral(
                R"({"type":"invoice.paid","timestamp":"2026-12-04T12:00:00.000Z",)"
                R"("data":{"id":"inv_1001","customer_id":"cust_42","amount":2000,"currency":"USD",)"
                R"("status":"paid"}})") },
        { QStringLiteral("invoice.payment_failed"),
            QByteArrayLiteral(
                R"({"type":"invoice.payment_failed","timestamp":"2026-12-04T12:00:00.000Z",)"
                R"("data":{"id":"inv_1002","customer_id":"cust_42","amount":2000,"currency":"USD",)"
                R"("status":"open","failure_reason":"card_declined"}})") },
        { QStringLiteral("user.created"),
            QByteArrayLiteral(R"({"type":"user.created","timestamp":"2026-12-04T12:00:00.000Z",)"
                              R"("data":{"id":"user_7","email":"alice@example.com","name":"Alice"}})") },
        { QStringLiteral("user.deleted"),
            QByteArrayLiteral(R"({"type":"user.deleted","timestamp":"2026-12-04T12:00:00.000Z",)"
                              R"("data":{"id":"user_7"}})") },
    };
    return templates;
}

const QHash<QString, QByteArray> *templatesOf(const QString &profile)
{
    if (profile == Profiles::GitHub)
        return &gitHubTemplates();
    if (profile == Profiles::Stripe)
        return &stripeTemplates();
    if (profile == Profiles::StandardWebhooks)
        return &standardWebhooksTemplates();
    return nullptr; // Launchpad's
}

} // namespace

QStringList eventTypes(const QString &profile)
{
    if (profile == Profiles::GitHub)
        return { QStringLiteral("push"), QStringLiteral("pull_request"), QStringLiteral("issues") };
    if (profile == Profiles::Stripe)
        return { QStringLiteral("payment_intent.succeeded"), QStringLiteral("charge.failed"),
            QStringLiteral("customer.created") };
    if (profile == Profiles::StandardWebhooks)
        return { QStringLiteral("invoice.paid"), QStringLiteral("invoice.payment_failed"),
            QStringLiteral("user.created"), QStringLiteral("user.deleted") };
    return launchpadEventTypes();
}

QByteArray payloadFor(const QString &profile, const QString &eventType)
{
    const auto *templates = templatesOf(profile);
    return templates ? templates->value(eventType, QByteArrayLiteral("{}")) : payloadFor(eventType);
}

} // namespace EventTemplates
