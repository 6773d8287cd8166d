#pragma once

#include "result.h"
#include "webhook.h"

#include <QByteArray>
#include <QString>

#include <utility>

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
// "Name: value" -> the pair, checked by customHeader().
Result<QPair<QByteArray, QByteArray>> header(const QString &text);
// Any header field: a valid HTTP token as name, no line break, NUL or other control
// character in the value, so it cannot end the header early or smuggle another one in.
Status headerField(const QByteArray &name, const QByteArray &value);
// A webhook's own header: a valid field (headerField) that is not one Hookwatch sets
// itself nor one that frames the request (Content-Length, Transfer-Encoding, Host,
// Connection, Expect). The command line and the webhook dialog check what is typed with
// it, and the deliverer checks stored headers again before sending.
Status customHeader(const QByteArray &name, const QByteArray &value);
Status eventType(const QString &eventType);
Status timeout(qint64 ms);
// An HTTP status to search for: "404" is itself, "5xx" every status from 500 to 599.
Result<std::pair<int, int>> httpStatusRange(const QString &text);

// Header names whose values are credentials: shown masked everywhere.
bool isSensitiveHeader(const QByteArray &name);
QByteArray maskedHeaderValue(const QByteArray &name, const QByteArray &value);
// The URL with any password and credential-like query values replaced by "****".
QString maskedUrl(const QString &url);

} // namespace Validation
