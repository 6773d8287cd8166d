#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Launchpad's webhook event types and a sample payload for each, for "Send test event".
namespace EventTemplates {

QStringList launchpadEventTypes();
// A payload shaped like the one Launchpad sends for this type, serialised as Python's
// json.dumps writes it; "{}" for a type it does not know.
QByteArray payloadFor(const QString &eventType);

} // namespace EventTemplates
