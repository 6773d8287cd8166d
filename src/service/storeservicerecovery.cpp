#include "storeservice.h"

#include "exportformats.h"
#include "jobstore.h"

#include <QJsonDocument>

// The window's recovery tools: failed deliveries previewed and sent again in bulk, webhooks
// paused and resumed, stuck deliveries found and re-queued, the record exported.

namespace {
constexpr int RecoveryListed = 20;
constexpr int ExportPage = 1000;
} // namespace

void StoreService::previewRecovery(quint64 serial, const FailedSelection &selection)
{
    if (!ensureOpen())
        return;
    const auto preview = m_store->previewFailed(selection, RecoveryListed);
    if (!preview) {
        fail(tr("Cannot count the failed deliveries: %1").arg(preview.error()));
        return;
    }
    Q_EMIT recoveryPreviewed(serial, preview.value());
}

void StoreService::summarize(quint64 serial, const DeliveryFilter &filter)
{
    if (!ensureOpen())
        return;
    const auto summary = m_store->historySummary(filter, SummaryLimit);
    if (!summary) {
        fail(tr("Cannot add up the history: %1").arg(summary.error()));
        return;
    }
    Q_EMIT summarized(serial, summary.value());
}

void StoreService::recoverFailed(const FailedSelection &selection)
{
    if (!ensureOpen())
        return;
    if (m_recovering) {
        fail(tr("A recovery is under way already."));
        return;
    }
    m_recovering = Recovering { selection, 0, 0 };
    recoverNextChunk();
}

void StoreService::recoverNextChunk()
{
    if (!m_recovering || !m_store)
        return;
    const qint64 before = m_recovering->afterId;
    const auto n = m_store->recoverFailedChunk(
        m_recovering->selection, m_recovering->afterId, JobStore::DefaultRecoveryChunk);
    if (!n) {
        const qint64 done = m_recovering->recovered;
        m_recovering.reset();
        fail(tr("Recovery stopped after %n delivery(s): %1", nullptr, int(done)).arg(n.error()));
        return;
    }
    m_recovering->recovered += n.value();
    if (n.value() > 0) {
        wakeDelivery();
        noteChange();
    }
    if (m_recovering->afterId != before) {
        m_recoverTimer.start(0); // the next chunk in a later turn
        return;
    }
    const qint64 done = std::exchange(m_recovering, std::nullopt)->recovered;
    Q_EMIT actionDone(tr("Queued %n failed delivery(s) again.", nullptr, int(done)));
}

void StoreService::setWebhookPaused(qint64 webhookId, bool paused)
{
    if (!ensureOpen())
        return;
    const auto changed = paused ? m_store->pauseWebhook(webhookId) : m_store->resumeWebhook(webhookId);
    if (!changed) {
        fail((paused ? tr("Cannot pause webhook %1: %2") : tr("Cannot resume webhook %1: %2"))
                 .arg(webhookId)
                 .arg(changed.error()));
        return;
    }
    if (!paused)
        wakeDelivery();
    Q_EMIT actionDone(paused ? tr("Webhook %1 is paused: its deliveries are held.").arg(webhookId)
                             : tr("Webhook %1 is resumed: held deliveries go out in order.").arg(webhookId));
    loadWebhooks();
    noteChange();
}

void StoreService::loadStuck()
{
    if (!ensureOpen())
        return;
    const auto report = m_store->stuckDeliveries(RecoveryListed);
    if (!report) {
        fail(tr("Cannot look for stuck deliveries: %1").arg(report.error()));
        return;
    }
    Q_EMIT stuckLoaded(report.value());
}

void StoreService::requeueStuck()
{
    if (!ensureOpen())
        return;
    const auto n = m_store->requeueStuck();
    if (!n) {
        fail(tr("Cannot re-queue stuck deliveries: %1").arg(n.error()));
        return;
    }
    wakeDelivery();
    Q_EMIT actionDone(tr("Re-queued %n stuck delivery(s).", nullptr, n.value()));
    noteChange();
    loadStuck();
}

void StoreService::exportHistory(const DeliveryFilter &filter, const QString &path, const QString &format)
{
    if (!ensureOpen())
        return;
    if (m_exporting) {
        fail(tr("An export is under way already."));
        return;
    }
    Exporting job;
    job.json = format == QLatin1String("json");
    job.filter = filter;
    job.filter.withPayload = job.json;
    job.filter.sortKey = DeliveryFilter::SortKey::Id;
    job.filter.descending = true;
    job.filter.limit = ExportPage;
    job.filter.offset = 0;
    job.filter.beforeId.reset();
    job.file = std::make_unique<QSaveFile>(path);
    if (!job.file->open(QIODevice::WriteOnly)) {
        fail(tr("Cannot write %1: %2").arg(path, job.file->errorString()));
        return;
    }
    job.file->write(job.json ? QByteArrayLiteral("[") : ExportFormats::csvHeader());
    m_exporting = std::move(job);
    exportNextPage();
}

void StoreService::exportNextPage()
{
    if (!m_exporting || !m_store)
        return;
    Exporting &job = *m_exporting;
    const auto page = m_store->deliveries(job.filter);
    if (!page) {
        job.file->cancelWriting();
        m_exporting.reset();
        fail(tr("Export stopped: %1").arg(page.error()));
        return;
    }
    QByteArray chunk;
    for (const Delivery &d : page.value()) {
        if (job.json) {
            chunk += job.written == 0 ? "\n" : ",\n";
            chunk += QJsonDocument(ExportFormats::jsonDelivery(d)).toJson(QJsonDocument::Compact);
        } else {
            chunk += ExportFormats::csvRow(d);
        }
        ++job.written;
    }
    job.file->write(chunk);
    if (page->size() == job.filter.limit) {
        job.filter.beforeId = page->last().id;
        m_exportTimer.start(0);
        return;
    }
    if (job.json)
        job.file->write(QByteArrayLiteral("\n]\n"));
    const QString path = job.file->fileName();
    const qint64 written = job.written;
    const bool committed = job.file->commit();
    const QString error = job.file->errorString();
    m_exporting.reset();
    if (!committed) {
        fail(tr("Cannot write %1: %2").arg(path, error));
        return;
    }
    Q_EMIT actionDone(tr("Exported %n delivery(s) to %1.", nullptr, int(written)).arg(path));
}

void StoreService::exportAttempts(qint64 deliveryId, const QString &path, const QString &format)
{
    if (!ensureOpen())
        return;
    const auto d = m_store->delivery(deliveryId);
    const auto attempts = d ? m_store->attempts(deliveryId) : Result<QList<Attempt>>::failure(d.error());
    if (!attempts) {
        fail(tr("Cannot export delivery %1: %2").arg(deliveryId).arg(attempts.error()));
        return;
    }
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(format == QLatin1String("har") ? ExportFormats::har(d.value(), attempts.value())
                                                  : ExportFormats::httpFile(d.value(), attempts.value()));
        if (file.commit()) {
            Q_EMIT actionDone(
                tr("Exported %n attempt(s) of delivery %1 to %2.", nullptr, int(attempts->size()))
                    .arg(deliveryId)
                    .arg(path));
            return;
        }
    }
    fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
}
