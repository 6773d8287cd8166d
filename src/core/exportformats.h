#pragma once

#include "delivery.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

// The forms the history and a delivery's attempts are exported in, for the window and the
// command line alike. No secret is part of them: credential-like header values (already
// masked when the attempt was recorded) and URL parts are masked again here.
namespace ExportFormats {

// CSV (RFC 4180, CRLF line ends), one delivery a line; the payload is left out. A field a
// spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
QByteArray csvHeader();
QByteArray csvRow(const Delivery &delivery);

// One delivery as a JSON object, its payload as JSON when it parses.
QJsonObject jsonDelivery(const Delivery &delivery);

// A delivery's attempts as an HTTP Archive (HAR 1.2), which browsers' developer tools and
// HTTP clients open.
QByteArray har(const Delivery &delivery, const QList<Attempt> &attempts);
// As a .http file (the request format of JetBrains' and VS Code's HTTP clients): each
// attempt's request, ready to send again, its outcome as a comment.
QByteArray httpFile(const Delivery &delivery, const QList<Attempt> &attempts);

} // namespace ExportFormats
