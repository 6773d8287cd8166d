#include "eventtemplates.h"

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

} // namespace EventTemplates
