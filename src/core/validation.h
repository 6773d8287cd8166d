#pragma once

#include "result.h"
#include "webhook.h"

#include <QByteArray>
#include <QString>

// Checks for everything a user can type or pipe in. Each returns a message fit to show
// as it is, and the callers change nothing when one fails.
namespace Validation {

constexpr int MaxSecretLength = 200;
constexpr qint64 MaxPayloadBytes = 5 * 1024 * 1024;
constexpr int MaxUrlLength = 2048;
constexpr int MaxJsonDepth = 1024; // where QJsonDocument stops

// http or https with a host; Launchpad's message for any other scheme.
Status deliveryUrl(const QString &url);
Status secret(const QString &secret);
// A JSON document of at most 5 MiB.
Status payload(const QByteArray &bytes);
// "Name: value" -> the pair; a valid HTTP token as name, no line breaks.
Result<QPair<QByteArray, QByteArray>> header(const QString &text);
Status eventType(const QString &eventType);
Status timeout(qint64 ms);

// Header names whose values are credentials: shown masked everywhere.
bool isSensitiveHeader(const QByteArray &name);
QByteArray maskedHeaderValue(const QByteArray &name, const QByteArray &value);
// The URL with any password and credential-like query values replaced by "****".
QString maskedUrl(const QString &url);

} // namespace Validation
