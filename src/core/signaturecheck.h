#pragma once

#include "webhook.h"

#include <QByteArray>
#include <QString>

#include <optional>

// The signature workbench's reasoning, apart from any widget: what an attempt's signature
// covered, and whether a secret someone types reproduces it, and if not, why not. It reads the
// request's headers as they were sent (signatures are kept; they are not secrets).
namespace SignatureCheck {

struct Signed
{
    QString formula; // how the signed bytes are made: "body", "t.body", "msg_id.timestamp.body"
    QByteArray content; // the exact bytes signed
    HeaderList headers; // the signature header(s) as sent, with their timestamp and id headers
};

// What was signed for a request of `profile` with these headers and this body; nullopt when no
// signature was sent (the webhook had no secret then).
std::optional<Signed> whatWasSigned(
    const QString &profile, const HeaderList &headers, const QByteArray &body);

// Empty when `secret` reproduces a signature in `headers` over `body`; otherwise one sentence
// saying why not: no signature sent, a header not in the platform's scheme, a secret of the
// wrong kind, a timestamp other than the one signed, or a different secret. `receivedBody`:
// the body as a receiver got it, when it may differ from the one sent.
QString mismatch(const QString &profile, const HeaderList &headers, const QByteArray &body,
    const QString &secret, const std::optional<QByteArray> &receivedBody = std::nullopt);

} // namespace SignatureCheck
